//! The «План» view, reachable from the report: the chain seed 001 describes — risk profile →
//! antirisk programmes from the library → road map → execution at monitoring dates → ДТК 3.4
//! (and, for a municipality, the information card). The plan lives in the app state; this view
//! edits it through `on_change` and never touches storage itself (the app keeps it).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::plan::model::{Date, Level, Plan};
use crate::core::plan::{library, read, write};
use crate::ui::components::plan_edit::on_value;
use crate::ui::components::plan_profile::ProfileEditor;
use crate::ui::components::plan_programmes::Programmes;
use crate::ui::components::plan_summary::PlanSummary;
use crate::ui::components::plan_table::RoadMap;
use crate::ui::edge::io;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub plan: Option<Rc<Plan>>,
    /// The chosen monitoring date (`None`: the plan's latest).
    pub at: Option<Date>,
    /// The school's name, for the printed title.
    pub school: AttrValue,
    pub on_change: Callback<Option<Plan>>,
    pub on_at: Callback<Option<Date>>,
    pub on_close: Callback<()>,
    /// Save as XLSX (written in the worker).
    pub on_xlsx: Callback<()>,
    /// Open an XLSX plan (read in the worker).
    pub on_open_xlsx: Callback<Vec<u8>>,
    pub on_notice: Callback<String>,
    /// The school's problem field, factor by factor (`plan::suggest`).
    #[prop_or_default]
    pub suggested: Rc<std::collections::BTreeMap<u8, Vec<String>>>,
}

type HeaderSetter = fn(&mut Plan, String);

const HEADER: [(&str, &str, HeaderSetter); 4] = [
    ("name", "Наименование плана", |p, v| {
        p.header.name = v
    }),
    ("organisation", "Организация", |p, v| {
        p.header.organisation = v
    }),
    ("period", "Период реализации", |p, v| {
        p.header.period = v
    }),
    (
        "responsible",
        "Ответственный, контакты",
        |p, v| p.header.responsible = v,
    ),
];

#[function_component(PlanView)]
pub fn plan_view(props: &Props) -> Html {
    let plan: Rc<Plan> = props.plan.clone().unwrap_or_default();
    let on_plan = {
        let cb = props.on_change.clone();
        Callback::from(move |p: Plan| cb.emit(Some(p)))
    };
    let header_edit = |set: HeaderSetter| on_value(&plan, &on_plan, set);
    let on_level = on_value(&plan, &on_plan, |p, v| {
        p.header.level = Level::parse(&v).unwrap_or_default();
    });
    let dates = plan.all_dates();
    let at = props
        .at
        .filter(|d| dates.contains(d))
        .or(dates.last().copied());
    let on_at = {
        let cb = props.on_at.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            cb.emit(Date::parse(&v));
        })
    };
    let add_date = {
        let plan = plan.clone();
        let cb = on_plan.clone();
        let notice = props.on_notice.clone();
        let on_at = props.on_at.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let v = input.value();
            match Date::parse(&v) {
                Some(d) => {
                    let mut p = (*plan).clone();
                    p.dates.push(d);
                    p.dates.sort();
                    p.dates.dedup();
                    cb.emit(p);
                    on_at.emit(Some(d));
                    input.set_value("");
                }
                None if v.trim().is_empty() => {}
                None => notice.emit(format!("«{v}» — не дата: введите, например, 15.09.2024.")),
            }
        })
    };
    let on_seed = {
        let cb = on_plan.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(p) = library::seed_plan(&v) {
                cb.emit(p);
            }
        })
    };
    let on_file = {
        let cb = on_plan.clone();
        let xlsx = props.on_open_xlsx.clone();
        let notice = props.on_notice.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (cb, xlsx, notice) = (cb.clone(), xlsx.clone(), notice.clone());
            let name = file.name();
            yew::platform::spawn_local(async move {
                match io::read_file(file).await {
                    Ok(bytes) if bytes.starts_with(b"PK") => xlsx.emit(bytes),
                    Ok(bytes) => match read::read_text_bytes(&bytes) {
                        Ok(r) => {
                            if !r.warnings.is_empty() {
                                notice.emit(format!("«{name}»: {}", r.warnings.join("; ")));
                            }
                            cb.emit(r.plan);
                        }
                        Err(e) => notice.emit(format!("«{name}»: {e}")),
                    },
                    Err(e) => notice.emit(e),
                }
            });
        })
    };
    let on_csv = {
        let plan = plan.clone();
        Callback::from(move |_: MouseEvent| {
            io::download("План.csv", "text/csv;charset=utf-8", &write::to_csv(&plan));
        })
    };
    let on_xlsx = {
        let cb = props.on_xlsx.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    // Escape leaves the plan like «← К отчёту», except inside a field (where it belongs to the
    // field) or an open dialog (which closes itself).
    let on_key = {
        let cb = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            let in_field = e.target_dyn_into::<web_sys::Element>().is_some_and(|t| {
                matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || t.closest("dialog").ok().flatten().is_some()
            });
            if e.key() == "Escape" && !in_field {
                cb.emit(());
            }
        })
    };
    let on_clear = {
        let cb = props.on_change.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    html! {
        <article class="plan-view" aria-labelledby="plan-title" onkeydown={on_key}>
            <p class="no-print">
                <button type="button" class="button" id="plan-back" onclick={on_close}>{ "← К отчёту" }</button>
            </p>
            <header class="report-head">
                <p class="form-title">{ "Антирисковые программы и дорожная карта" }</p>
                <h1 id="plan-title" tabindex="-1">{ if plan.header.name.is_empty() { props.school.to_string() } else { plan.header.name.clone() } }</h1>
                <p class="print-only">{ format!("{} · {} · период {}", props.school, plan.header.organisation, plan.header.period) }</p>
            </header>
            <section class="plan-step no-print" aria-label="Документ">
                { for HEADER.iter().map(|(key, label, set)| {
                    let id = format!("plan-{key}");
                    let value = match *key {
                        "name" => plan.header.name.clone(),
                        "organisation" => plan.header.organisation.clone(),
                        "period" => plan.header.period.clone(),
                        _ => plan.header.responsible.clone(),
                    };
                    html! { <label class="field" for={id.clone()}><span>{ *label }</span>
                        <input id={id} type="text" {value} onchange={header_edit(*set)} /></label> }
                }) }
                <label class="field" for="plan-level"><span>{ "Уровень" }</span>
                    <select id="plan-level" onchange={on_level}>
                        <option value="школа" selected={plan.header.level == Level::School}>{ "школа (цель исполнения — не менее 80 %)" }</option>
                        <option value="муниципалитет" selected={plan.header.level == Level::Municipality}>{ "муниципалитет (не менее 90 %)" }</option>
                    </select>
                </label>
                <p class="plan-actions">
                    <label for="plan-seed">{ "Начать с дорожной карты из источников (заменит план): " }</label>
                    <select id="plan-seed" onchange={on_seed}>
                        <option value="" selected=true>{ "— выберите —" }</option>
                        { for library::SEED_PLANS.iter().map(|(s, title, period)| html! {
                            <option value={*s}>{ format!("{title}, {period}") }</option>
                        }) }
                    </select>
                </p>
                <p class="plan-actions">
                    <label class="button" for="plan-file">{ "Открыть план (CSV, XLSX)…" }</label>
                    <input id="plan-file" type="file" accept=".csv,.txt,.xlsx,.xls,.ods" class="sr-only" onchange={on_file} />
                    <button type="button" class="button" id="plan-xlsx" onclick={on_xlsx}>{ "Скачать XLSX" }</button>
                    <button type="button" class="button" id="plan-csv" onclick={on_csv}>{ "Скачать CSV" }</button>
                    <button type="button" class="button" id="plan-print" onclick={Callback::from(|_| io::print())}>{ "Печать (A4, альбомная)" }</button>
                    <button type="button" class="button" id="plan-clear" onclick={on_clear}>{ "Удалить план" }</button>
                </p>
            </section>
            if plan.header.level == Level::School {
                <ProfileEditor plan={plan.clone()} suggested={props.suggested.clone()} on_change={on_plan.clone()} />
                <Programmes plan={plan.clone()} on_change={on_plan.clone()} />
            }
            <section class="plan-step no-print" aria-label="Даты мониторинга">
                <label for="plan-at">{ "Дата мониторинга: " }</label>
                <select id="plan-at" onchange={on_at}>
                    { for dates.iter().map(|d| html! { <option value={d.to_string()} selected={Some(*d) == at}>{ d.to_string() }</option> }) }
                </select>
                <label for="plan-add-date">{ " Добавить дату: " }</label>
                <input id="plan-add-date" type="text" inputmode="numeric" placeholder="дд.мм.гггг" size="10" onchange={add_date} />
            </section>
            <RoadMap plan={plan.clone()} {at} on_change={on_plan.clone()} />
            if let Some(at) = at {
                <PlanSummary plan={plan.clone()} {at} on_change={on_plan.clone()} />
            }
        </article>
    }
}
