//! What the export and print buttons do: the report as CSV and JSON (written here, small),
//! every XLSX (written in the worker: the writer is too heavy for the page's first load; the
//! download comes when it is ready), the template, and printing the protocols' analysis alone.
//! In: the state's report, edits, plan, protocols, table; out: a download or a notice.

use yew::prelude::*;

use super::Notice;
use crate::core::export;
use crate::core::overview::{OneSchool, XlsxRequest};
use crate::core::template::{self, template_csv};
use crate::ui::components::start::Export;
use crate::ui::edge::io;
use crate::ui::edge::worker_client::WorkerClient;
use crate::ui::state::State;

const CSV: &str = "text/csv;charset=utf-8";

/// The template's years on the date «30.11.2026» (`io::today`): the core decides which.
fn default_years(today: &str) -> Vec<crate::core::model::Year> {
    let mut parts = today
        .split('.')
        .skip(1)
        .map(|p| p.parse::<u16>().unwrap_or(1));
    let (month, year) = (parts.next().unwrap_or(1), parts.next().unwrap_or(2026));
    template::default_years(year, month as u8)
}

/// The start panel's export buttons.
pub fn report_exports(state: &State, client: &WorkerClient, notice: &Notice) -> Callback<Export> {
    let view = state.school().cloned();
    let settings = state.settings.clone();
    let client = client.clone();
    let notice = notice.clone();
    Callback::from(move |kind: Export| {
        let report = view.as_ref().and_then(|v| v.report.clone());
        let edits = view.as_ref().map(|v| v.edits.clone()).unwrap_or_default();
        let name = report
            .as_ref()
            .and_then(|r| r.school.name.clone())
            .unwrap_or_else(|| "школа".to_string());
        // Characters Windows forbids in file names.
        let base = format!(
            "ДТК — {}",
            name.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")
        );
        let today = io::today();
        // The template's columns are the last three completed school years on today's date,
        // whatever file is open (a template is for the next year's data).
        let years = default_years(&today);
        let one = view.as_ref().and_then(|v| {
            Some(OneSchool {
                school: v.school()?.clone(),
                diagnostics: v.loaded.diagnostics.clone(),
            })
        });
        let result = match (kind, report.as_ref()) {
            (Export::TemplateCsv, _) => Ok(Some((
                "Шаблон ДТК.csv".to_string(),
                CSV,
                template_csv(&years),
            ))),
            (Export::TemplateXlsx, _) => {
                let request = XlsxRequest::Template { years, date: today };
                client.export_xlsx("Шаблон ДТК.xlsx", &request);
                Ok(None)
            }
            (Export::Xlsx, Some(_)) => match one {
                Some(one) => {
                    let request = XlsxRequest::Report {
                        one: Box::new(one),
                        settings: settings.clone(),
                        edits: edits.clone(),
                        date: today,
                    };
                    client.export_xlsx(&format!("{base}.xlsx"), &request);
                    Ok(None)
                }
                None => Err("Сначала откройте файл школы.".to_string()),
            },
            (Export::Csv, Some(r)) => Ok(Some((
                format!("{base}.csv"),
                CSV,
                export::report_csv(r, &edits),
            ))),
            (Export::Json, Some(r)) => Ok(Some((
                format!("{base}.json"),
                "application/json",
                export::report_json(r, &edits),
            ))),
            (_, None) => Err("Сначала откройте файл школы.".to_string()),
        };
        match result {
            Ok(Some((file, mime, bytes))) => io::download(&file, mime, &bytes),
            Ok(None) => {}
            Err(e) => notice.set(Some(e)),
        }
    })
}

/// «Скачать XLSX» of the plan.
pub fn plan_xlsx(state: &State, client: &WorkerClient) -> Callback<()> {
    let plan = state.school().and_then(|v| v.plan.clone());
    let client = client.clone();
    Callback::from(move |_| {
        let plan = Box::new(plan.as_deref().cloned().unwrap_or_default());
        let request = XlsxRequest::Plan {
            plan,
            date: io::today(),
        };
        client.export_xlsx("План.xlsx", &request);
    })
}

/// The protocols' analysis as XLSX.
pub fn protocols_xlsx(state: &State, client: &WorkerClient) -> Callback<()> {
    let protocols = state.protocols.clone();
    let client = client.clone();
    Callback::from(move |_| {
        let list = protocols
            .items
            .iter()
            .filter_map(|i| {
                let a = i.analysis.as_ref()?.as_ref().ok()?;
                Some(((**i.protocol.as_ref().ok()?).clone(), a.scale.clone()))
            })
            .collect();
        let request = XlsxRequest::Protocols {
            protocols: list,
            date: io::today(),
        };
        client.export_xlsx("Анализ протоколов ВПР.xlsx", &request);
    })
}

/// The protocols' analysis printed alone: the body's class switches the print stylesheet to
/// the analysis until the dialog closes.
pub fn protocols_print() -> Callback<()> {
    Callback::from(|_| {
        const CLASS: &str = "print-protocols";
        let body = gloo::utils::body();
        if !body.class_name().split_whitespace().any(|c| c == CLASS) {
            body.set_class_name(&format!("{} {CLASS}", body.class_name().trim()));
        }
        gloo::events::EventListener::once(&gloo::utils::window(), "afterprint", |_| {
            let body = gloo::utils::body();
            let rest: Vec<String> = body
                .class_name()
                .split_whitespace()
                .filter(|c| *c != CLASS)
                .map(str::to_string)
                .collect();
            body.set_class_name(&rest.join(" "));
        })
        .forget();
        io::print();
    })
}

/// The municipal report as XLSX.
pub fn municipal_xlsx(state: &State, client: &WorkerClient) -> Callback<()> {
    let many = state.many().map(|m| m.many.clone());
    let client = client.clone();
    Callback::from(move |_| {
        let Some(o) = many.as_ref().map(|m| &m.overview) else {
            return;
        };
        let Some(municipal) = o.municipal.clone() else {
            return;
        };
        let request = XlsxRequest::Municipal {
            summary: Box::new(o.summary.clone()),
            municipal,
            date: io::today(),
        };
        client.export_xlsx("Муниципальный отчёт.xlsx", &request);
    })
}
