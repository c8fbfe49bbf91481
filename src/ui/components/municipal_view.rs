//! The municipal report of a set of schools' ДТК (municipal.md §2–3), as the worker made it
//! (`core::many::Municipal`): statuses by municipality, the regional indicators, the social
//! context with its clusters, ШНСУ and resilient schools, every indicator over the set with its
//! dynamics and the schools beyond the quartiles, «Вывод»/«Проблема» of each block, and one
//! school against the set. Every school name opens its own report. Printed on A4 with the
//! page's print button; the XLSX is written in the worker.

use yew::prelude::*;

use crate::core::catalogue::SECTIONS;
use crate::core::identify::Status;
use crate::core::many::text::{value_text, NAMED};
use crate::core::many::Municipal;
use crate::core::ru;
use crate::ui::components::municipal_school::SchoolAgainstSet;
use crate::ui::components::schools_table::status_class;
use crate::ui::state::Many;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub many: Many,
    /// Open a school's report (index into the schools).
    pub on_open: Callback<usize>,
    pub on_print: Callback<()>,
    pub on_xlsx: Callback<()>,
}

/// A school's name as a button that opens its report.
fn school_button(names: &[String], i: usize, on_open: &Callback<usize>) -> Html {
    let name = names.get(i).cloned().unwrap_or_default();
    let onclick = {
        let cb = on_open.clone();
        Callback::from(move |_| cb.emit(i))
    };
    html! { <button type="button" class="link school-link" {onclick}>{ name }</button> }
}

/// Schools as buttons, the first `NAMED`, then «и ещё N».
fn school_list(names: &[String], list: &[usize], on_open: &Callback<usize>) -> Html {
    if list.is_empty() {
        return html! { <span class="muted">{ "нет" }</span> };
    }
    let rest = list.len().saturating_sub(NAMED);
    html! {
        <span class="school-list">
            { for list.iter().take(NAMED).enumerate().map(|(k, &i)| html! {
                <>{ if k > 0 { ", " } else { "" } }{ school_button(names, i, on_open) }</>
            }) }
            if rest > 0 {
                { format!(" и ещё {}", ru::count(rest as u64, "школа", "школы", "школ")) }
            }
        </span>
    }
}

fn regional(m: &Municipal, names: &[String], on_open: &Callback<usize>) -> Html {
    html! {
        <table class="mun-table municipal-regional">
            <thead><tr>
                <th scope="col">{ "Показатель эффективности (Программа мониторингов)" }</th>
                <th scope="col" class="num">{ "Доля" }</th>
                <th scope="col" class="num">{ "Школ" }</th>
                <th scope="col">{ "Не выполняют" }</th>
            </tr></thead>
            <tbody>
            { for m.regional.iter().map(|r| html! {
                <tr>
                    <td>{ &r.label }</td>
                    <td class="num">{ r.share.map(ru::percent).unwrap_or_else(|| "—".into()) }</td>
                    <td class="num">{ format!("{} из {}", r.yes, r.of) }
                        if !r.no_data.is_empty() {
                            <br /><span class="muted">{ format!("нет данных: {}", r.no_data.len()) }</span>
                        }
                    </td>
                    <td>{ school_list(names, &r.not_met, on_open) }</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

fn context(m: &Municipal, names: &[String], on_open: &Callback<usize>) -> Html {
    let c = &m.context;
    let flagged = |f: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..c.schools.len()).filter(|&i| f(i)).collect()
    };
    let shnsu = flagged(&|i| c.schools[i].shnsu);
    let resilient = flagged(&|i| c.schools[i].resilient);
    html! {
        <>
            <p class="hint">{ format!("Кластеры: {}.", c.source.label()) }
                if c.source == crate::core::many::context::Source::ContextIndex {
                    { " Индекс — среднее z-оценок шести показателей блоков 2.1–2.2 (высшее образование родителей «+»; малообеспеченные, неполные, многодетные семьи, слабое владение русским языком, учёт «−»), не менее трёх у школы. Это не ИСБШ: официальной формулы ИСБШ нет." }
                }
                if c.unclustered > 0 {
                    { format!(" Без кластера (мало данных): {}.", c.unclustered) }
                }
            </p>
            <table class="mun-table municipal-clusters">
                <thead><tr>
                    <th scope="col">{ "Кластер" }</th>
                    <th scope="col" class="num">{ "Школ" }</th>
                    <th scope="col" class="num">{ "ШНОР" }</th>
                    <th scope="col" class="num">{ "Зона риска" }</th>
                    <th scope="col" class="num">{ "Доля «2», медиана школ" }</th>
                    <th scope="col" class="num">{ "Доля «2», Σ по кластеру" }</th>
                </tr></thead>
                <tbody>
                { for c.clusters.iter().map(|k| html! {
                    <tr>
                        <td>{ k.cluster.label() }</td>
                        <td class="num">{ k.schools.len() }</td>
                        <td class="num">{ k.shnor }</td>
                        <td class="num">{ k.risk }</td>
                        <td class="num">{ k.median_result.map(ru::percent).unwrap_or_default() }</td>
                        <td class="num">{ k.pooled_result.map(ru::percent).unwrap_or_default() }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            <p data-testid="shnsu"><strong>{ "ШНСУ (флаг для проверки, не вердикт): " }</strong>
                { school_list(names, &shnsu, on_open) }</p>
            <p data-testid="resilient"><strong>{ "Резильентные школы: " }</strong>
                { school_list(names, &resilient, on_open) }</p>
        </>
    }
}

fn indicators(m: &Municipal, names: &[String], on_open: &Callback<usize>) -> Html {
    html! {
        <table class="mun-table municipal-indicators">
            <thead><tr>
                <th scope="col">{ "Показатель" }</th>
                { for m.years.iter().map(|y| html! { <th scope="col" class="num">{ y.to_string() }</th> }) }
                <th scope="col">{ "Динамика" }</th>
                <th scope="col">{ "Хуже большинства (за квартилем)" }</th>
            </tr></thead>
            { for SECTIONS.iter().map(|s| {
                let rows: Vec<_> = m.indicators.iter()
                    .filter(|p| p.indicator().is_some_and(|i| i.section == s.id))
                    .collect();
                html! {
                    <tbody>
                        if !rows.is_empty() {
                            <tr class="section-row"><th colspan={(m.years.len() + 3).to_string()} scope="rowgroup">{ s.heading() }</th></tr>
                        }
                        { for rows.iter().map(|p| html! {
                            <tr>
                                <td>{ &p.label }<br /><span class="muted">{ format!("школ: {}", p.schools) }</span></td>
                                { for m.years.iter().map(|y| match p.years.iter().find(|x| x.year == *y) {
                                    Some(x) => html! {
                                        <td class="num" title={format!("{}; медиана {}, от {} до {}, школ: {}", x.method.label(), value_text(p, x.median), value_text(p, x.min), value_text(p, x.max), x.schools)}>
                                            { value_text(p, x.value) }
                                            if let (Some(part), Some(whole)) = (x.part, x.whole) {
                                                <br /><span class="muted">{ format!("{part}/{whole}") }</span>
                                            } else {
                                                <br /><span class="muted">{ x.method.label() }</span>
                                            }
                                        </td>
                                    },
                                    None => html! { <td class="num">{ "—" }</td> },
                                }) }
                                <td>{ p.dynamics.as_ref().map(|d| format!("{} {} ({})", d.arrow, d.text, d.delta)).unwrap_or_default() }</td>
                                <td>{ p.standing.as_ref().map(|st| school_list(names, st.worse(p.polarity()), on_open)).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                }
            }) }
        </table>
    }
}

/// The municipal report.
#[function_component(MunicipalView)]
pub fn municipal_view(props: &Props) -> Html {
    let overview = &props.many.overview;
    let Some(m) = overview.municipal.as_deref() else {
        return html! {};
    };
    let s = &overview.summary;
    let names: Vec<String> = s.schools.iter().map(|l| l.school.clone()).collect();
    let on_open = &props.on_open;
    let count = |st: Status| s.counts.get(&st).copied().unwrap_or(0);
    let years: Vec<String> = m.years.iter().map(|y| y.to_string()).collect();
    let print = props.on_print.reform(|_| ());
    let xlsx = props.on_xlsx.reform(|_| ());
    html! {
        <section class="municipal" aria-labelledby="municipal-h" data-testid="municipal">
            <h2 id="municipal-h" tabindex="-1">{ "Муниципальный отчёт" }</h2>
            <p class="lead">
                { format!("{}; учебные годы {}.", ru::count(s.schools.len() as u64, "школа", "школы", "школ"), years.join(", ")) }
            </p>
            <div class="actions no-print">
                <button type="button" class="button" onclick={print}>{ "Печать (A4)" }</button>
                <button type="button" class="button" onclick={xlsx}>{ "Скачать XLSX" }</button>
            </div>
            <ul class="totals static" aria-label="Школ по статусам">
                { for Status::ALL.iter().map(|st| html! {
                    <li class={classes!("total", status_class(*st))}>
                        <span class="total-n">{ count(*st) }</span>
                        <span class="total-label">{ st.label() }</span>
                    </li>
                }) }
            </ul>
            <h3>{ "Статусы по муниципалитетам" }</h3>
            <table class="mun-table">
                <thead><tr>
                    <th scope="col">{ "Муниципалитет" }</th>
                    <th scope="col" class="num">{ "Школ" }</th>
                    { for Status::ALL.iter().map(|st| html! { <th scope="col" class="num">{ st.label() }</th> }) }
                </tr></thead>
                <tbody>
                { for s.municipalities.iter().map(|mc| html! {
                    <tr>
                        <td>{ &mc.municipality }</td>
                        <td class="num">{ mc.total }</td>
                        { for Status::ALL.iter().map(|st| html! { <td class="num">{ mc.counts.get(st).copied().unwrap_or(0) }</td> }) }
                    </tr>
                }) }
                </tbody>
            </table>
            <h3>{ "Региональные показатели" }</h3>
            { regional(m, &names, on_open) }
            <h3>{ "Социальный контекст, ШНСУ и резильентные школы" }</h3>
            { context(m, &names, on_open) }
            <h3>{ "Выводы и проблемы по совокупности" }</h3>
            { for m.sections.iter().map(|sec| html! {
                <div class="section-text">
                    <h4>{ &sec.heading }</h4>
                    <p><strong>{ "Вывод: " }</strong>{ &sec.conclusion }</p>
                    if sec.problems.is_empty() {
                        <p><strong>{ "Проблема: " }</strong>{ "не выявлена" }</p>
                    } else {
                        <p><strong>{ "Проблема:" }</strong></p>
                        <ul>{ for sec.problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                    }
                </div>
            }) }
            <h3>{ "Показатели по совокупности" }</h3>
            <p class="hint">{ "Где школы дали доли дробью «не справились / участников», значение совокупности — Σ ÷ Σ; где хотя бы одна школа дала только процент — медиана школ; количества суммируются; «да/нет» — доля школ с «да». Динамика — по тем же правилам, что и для одной школы." }</p>
            { indicators(m, &names, on_open) }
            <h3>{ "Школа на фоне совокупности" }</h3>
            <SchoolAgainstSet many={props.many.clone()} on_open={props.on_open.clone()} />
        </section>
    }
}
