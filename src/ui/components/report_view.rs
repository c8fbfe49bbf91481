//! The report: header, identification, then the ДТК blocks 1.1 … 3.4 in the form's order, each
//! with its editable «Вывод» and «Проблема».

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalogue::SECTIONS;
use crate::core::identify::Settings;
use crate::core::report::Report;
use crate::ui::components::identification::IdentificationBlock;
use crate::ui::components::readiness::ReadinessPanel;
use crate::ui::components::section_block::SectionBlock;
use crate::ui::state::Edits;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    pub settings: Settings,
    pub edits: Edits,
    /// Date of calculation, «23.11.2026».
    pub date: AttrValue,
    pub on_settings: Callback<Settings>,
    pub on_edit: Callback<(String, String)>,
    pub on_reset: Callback<String>,
}

#[function_component(ReportView)]
pub fn report_view(props: &Props) -> Html {
    let r = &props.report;
    let s = &r.school;
    let place = [s.municipality.as_deref(), s.region.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let years = r.years.iter().map(|y| y.to_string()).collect::<Vec<_>>();
    let years_text = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} — {b} ({} уч. г.)", years.len()),
        (Some(a), _) => a.clone(),
        _ => "нет".to_string(),
    };
    let mut last_criterion = "";
    html! {
        <article class="report" aria-labelledby="report-title">
            <header class="report-head">
                <p class="form-title">{ "Диагностико-технологическая карта качества школьных процессов" }</p>
                <h1 id="report-title" tabindex="-1">{ s.name.clone().unwrap_or_else(|| "Школа без названия".into()) }</h1>
                if !place.is_empty() { <p>{ place }</p> }
                <p>
                    { format!("Учебные годы: {years_text}") }
                    if let Some(code) = &s.code { { format!(" · код ОО {code}") } }
                    { format!(" · дата расчёта {}", props.date) }
                </p>
            </header>
            <ReadinessPanel report={props.report.clone()} />
            <IdentificationBlock report={props.report.clone()} settings={props.settings.clone()}
                on_settings={props.on_settings.clone()} />
            <section class="dtk" aria-labelledby="dtk-h">
                <h2 id="dtk-h">{ "Диагностико-технологическая карта" }</h2>
                { for SECTIONS.iter().map(|section| {
                    let criterion = (section.criterion != last_criterion).then(|| {
                        last_criterion = section.criterion;
                        html! { <h3 class="criterion">{ section.criterion }</h3> }
                    });
                    html! { <>
                        { for criterion }
                        <SectionBlock report={props.report.clone()} section={section.id}
                            edits={props.edits.clone()} on_edit={props.on_edit.clone()}
                            on_reset={props.on_reset.clone()} />
                    </> }
                }) }
            </section>
            <ReadinessPanel report={props.report.clone()} printed=true />
        </article>
    }
}
