//! The identification block: a large unambiguous status, which condition fired in words, the
//! procedures × years table with low cells marked, a chart against the 30 % line, the status as
//! of earlier years, the settings (changeable, instant recompute) and the rule with its source.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::identify::{CellState, Settings, Status};
use crate::core::report::{yes_no_unknown, Report};
use crate::core::rules::LOW_PERCENT;
use crate::ui::components::chart::{Bar, Row, SharesChart};
use crate::ui::components::settings_panel::SettingsPanel;
use crate::ui::components::status_notes::StatusNotes;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    pub settings: Settings,
    pub on_settings: Callback<Settings>,
}

/// The CSS class of a status (matches its JSON name).
pub fn status_class(s: Status) -> &'static str {
    match s {
        Status::Shnor => "shnor",
        Status::Risk => "risk",
        Status::NotShnor => "not_shnor",
        Status::InsufficientData => "insufficient_data",
    }
}

/// « выполнено: », « не выполнено: » or « проверить нельзя: ».
fn condition_word(holds: bool, decided: bool) -> &'static str {
    match (holds, decided) {
        (true, _) => " выполнено: ",
        (false, true) => " не выполнено: ",
        (false, false) => " проверить нельзя (нет данных): ",
    }
}

fn condition_class(holds: bool, decided: bool) -> &'static str {
    match (holds, decided) {
        (true, _) => "yes",
        (false, true) => "no",
        (false, false) => "unknown",
    }
}

#[function_component(IdentificationBlock)]
pub fn identification_block(props: &Props) -> Html {
    let r = &props.report;
    let id = &r.identification;
    let as_of = id
        .as_of
        .map(|y| y.to_string())
        .unwrap_or_else(|| "—".into());
    let years = &r.years;
    // A condition that cannot be decided says so («проверить нельзя»), never «не выполнено».
    let decided = crate::core::status_notes::decidable(r);
    let rows: Vec<Row> = id
        .table
        .iter()
        .filter(|row| row.cells.iter().any(|c| c.percent.is_some()))
        .map(|row| Row {
            label: row.label.clone(),
            bars: row
                .cells
                .iter()
                .map(|c| Bar {
                    year: c.year.to_string(),
                    percent: c.percent,
                    low: c.state == CellState::Low,
                    text: c.text.clone(),
                })
                .collect(),
        })
        .collect();
    html! {
        <section id="identification" class="panel" aria-labelledby="ident-h">
            <h2 id="ident-h" data-as-of={as_of}>{ &id.heading }</h2>
            <div class={classes!("status", status_class(id.status))} role="status" aria-live="polite">
                <div>
                    <div class="status-caption">{ "Статус" }</div>
                    <div class="status-word">{ id.status.label() }</div>
                </div>
                <p class="explanation">{ &id.explanation }</p>
            </div>
            // Right under the status: the file's remarks and what the settings change.
            <StatusNotes report={props.report.clone()} />
            if !id.deciding_missing.is_empty() {
                <div class="deciding" id="deciding-missing">
                    <h3>{ "Статус решают незаполненные ячейки" }</h3>
                    <ul>{ for id.deciding_missing.iter().map(|d| html! { <li>{ &d.text }</li> }) }</ul>
                </div>
            }
            if !id.ceilings.is_empty() {
                <div class="ceilings" id="ceilings">
                    <h3>{ "Как выйти из списка" }</h3>
                    if let Some(note) = &id.leave_note { <p>{ note }</p> }
                    <ul>{ for id.ceilings.iter().map(|c| html! { <li>{ &c.text }</li> }) }</ul>
                </div>
            }
            <ul class="conditions">
                <li class={condition_class(id.condition1, decided.0)}>
                    <strong>{ "Условие 1" }</strong>
                    { condition_word(id.condition1, decided.0) }
                    { "не менее двух оценочных процедур с низким результатом в году идентификации." }
                </li>
                <li class={condition_class(id.condition2, decided.1)}>
                    <strong>{ "Условие 2" }</strong>
                    { condition_word(id.condition2, decided.1) }
                    { "хотя бы одна процедура с низким результатом и в этом, и в предыдущем учебном году." }
                </li>
            </ul>
            <h3>{ "Результаты оценочных процедур" }</h3>
            <div class="table-wrap">
                <table class="procedures">
                    <caption class="visually-hidden">{ "Доля «2» (ВПР) или не преодолевших минимальный порог (ОГЭ, ЕГЭ) по годам" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Процедура" }</th>
                        { for years.iter().map(|y| html! { <th scope="col" class="num">{ y.to_string() }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for id.table.iter().map(|row| html! {
                            <tr>
                                <th scope="row">
                                    { &row.label }
                                    if !row.counted { <span class="badge">{ "не учитывается" }</span> }
                                </th>
                                { for row.cells.iter().map(|c| {
                                    let class = match c.state {
                                        CellState::Low => "num low",
                                        CellState::NotHeld => "num not-held",
                                        CellState::NoData if c.expected_empty => "num no-data expected-empty",
                                        CellState::NoData => "num no-data",
                                        _ => "num",
                                    };
                                    let title = c.expected_empty.then_some("Здесь ожидался результат: ячейка не заполнена");
                                    html! {
                                        <td {class} {title}>
                                            { crate::ui::components::cell_text::cell_text(c.text.clone()) }
                                            if c.state == CellState::Low { <span class="badge low">{ "низкий" }</span> }
                                            if c.deciding { <span class="badge deciding" title="От этой ячейки зависит статус">{ "решает статус" }</span> }
                                            if c.small_sample { <span class="badge" title="Меньше 10 участников">{ "малая выборка" }</span> }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <SharesChart {rows} threshold={f64::from(LOW_PERCENT)}
                title={AttrValue::from(format!("Доля «2» / не преодолевших минимум по процедурам и годам; пунктир — {LOW_PERCENT} %"))} />
            if r.windows.len() > 1 {
                <h3>{ "Статус по годам (скользящее окно)" }</h3>
                <table class="windows">
                    <thead><tr><th scope="col">{ "На учебный год" }</th><th scope="col">{ "Статус" }</th><th scope="col">{ "Условие 1" }</th><th scope="col">{ "Условие 2" }</th></tr></thead>
                    <tbody>
                        { for r.windows.iter().map(|w| html! {
                            <tr>
                                <td>{ w.year.to_string() }</td>
                                <td><strong>{ w.status.label() }</strong></td>
                                <td>{ yes_no_unknown(w.condition1, w.condition1_known) }</td>
                                <td>{ yes_no_unknown(w.condition2, w.condition2_known) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <SettingsPanel settings={props.settings.clone()} years={r.years.clone()} on_change={props.on_settings.clone()} />
            <blockquote class="rule-quote">
                { "«Под „низкими результатами“ понимаются результаты оценочной процедуры, при которых не менее 30 % от общего числа участников оценочной процедуры получили отметку „2“ (ВПР) или не преодолели минимальный порог, предусмотренный спецификацией соответствующей оценочной процедуры (ОГЭ, ЕГЭ)». Условия: «1. Не менее чем по двум оценочным процедурам в предыдущем учебном году были зафиксированы низкие результаты; 2. Хотя бы по одной оценочной процедуре в каждом из двух предыдущих учебных годов были зафиксированы низкие результаты». — Региональная модель поддержки ШНОР, Программа мониторингов, «Идентификация школ с низкими образовательными результатами»." }
            </blockquote>
        </section>
    }
}
