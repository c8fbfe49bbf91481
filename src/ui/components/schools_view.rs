//! A file of many schools: totals per status, search and filters, the schools table (virtual
//! scrolling), statuses by municipality (chart and table), the table's export to CSV for Excel
//! and its print. A click on a school opens its report.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::core::filter_counts;
use crate::core::identify::{Settings, Status};
use crate::core::model::Year;
use crate::core::overview::{self, condition_text, thousands, Query, SortKey};
use crate::core::ru;
use crate::core::schools::MunicipalityCount;
use crate::ui::components::municipality_chart::{chart_order, MunicipalityChart};
use crate::ui::components::schools_table::{status_class, SchoolsTable};
use crate::ui::components::settings_panel::SettingsPanel;
use crate::ui::edge::io;
use crate::ui::state::Many;

/// The most rows «Печать списка» lays out (a filter narrows a national file first).
const PRINT_MAX: usize = 5000;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub many: Many,
    pub rows: Rc<Vec<usize>>,
    pub query: Query,
    /// Where the table was scrolled (coming back from a report).
    pub scroll: f64,
    /// Statuses are being recomputed (new settings).
    pub busy: bool,
    pub on_query: Callback<Query>,
    pub on_open: Callback<(usize, f64)>,
    /// The identification settings: a change recomputes the whole table in the worker.
    pub settings: Settings,
    pub on_settings: Callback<Settings>,
}

fn share(n: usize, of: usize) -> String {
    if of == 0 {
        String::new()
    } else {
        ru::percent(n as f64 * 100.0 / of as f64)
    }
}

/// The municipality filter, a component of its own so that 2 000 options are not diffed on
/// every keystroke in the search box.
#[derive(Properties, PartialEq)]
struct MunicipalityProps {
    names: Rc<Vec<String>>,
    selected: Option<String>,
    on_change: Callback<Option<String>>,
}

#[function_component(MunicipalitySelect)]
fn municipality_select(props: &MunicipalityProps) -> Html {
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            cb.emit(Some(v).filter(|v| !v.is_empty()));
        })
    };
    html! {
        <select id="schools-municipality" {onchange}>
            <option value="" selected={props.selected.is_none()}>{ "Все муниципалитеты" }</option>
            { for props.names.iter().map(|n| html! {
                <option value={n.clone()} selected={props.selected.as_deref() == Some(n.as_str())}>{ n.clone() }</option>
            }) }
        </select>
    }
}

/// The table of statuses by municipality (rendered only when its section is open).
fn municipality_table(list: &[MunicipalityCount]) -> Html {
    let c = |m: &MunicipalityCount, s: Status| m.counts.get(&s).copied().unwrap_or(0);
    html! {
        <table class="mun-table">
            <thead><tr>
                <th scope="col">{ "Муниципалитет" }</th>
                <th scope="col" class="num">{ "Школ" }</th>
                { for Status::ALL.iter().map(|s| html! { <th scope="col" class="num">{ s.label() }</th> }) }
                <th scope="col" class="num">{ "Доля ШНОР" }</th>
            </tr></thead>
            <tbody>
                { for list.iter().map(|m| html! {
                    <tr>
                        <th scope="row">{ m.municipality.clone() }</th>
                        <td class="num">{ m.total }</td>
                        { for Status::ALL.iter().map(|s| html! { <td class="num">{ c(m, *s) }</td> }) }
                        <td class="num">{ share(c(m, Status::Shnor), m.total) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// Every row of the selection as a plain table, for print.
fn print_table(many: &Many, rows: &[usize], years: &[Year]) -> Html {
    let lines = &many.overview.summary.schools;
    html! {
        <table class="print-list">
            <thead><tr>
                <th>{ "№" }</th><th>{ "Школа" }</th><th>{ "Муниципалитет" }</th><th>{ "Статус" }</th>
                <th>{ "Условие" }</th>
                { for years.iter().map(|y| html! { <th>{ format!("Низких {y}") }</th> }) }
                <th>{ "Худшая доля" }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().take(PRINT_MAX).enumerate().map(|(k, &i)| {
                    let l = &lines[i];
                    html! {
                        <tr>
                            <td>{ k + 1 }</td>
                            <td>{ l.school.clone() }{ l.code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default() }</td>
                            <td>{ l.municipality.clone().unwrap_or_default() }</td>
                            <td>{ l.status.label() }</td>
                            <td>{ condition_text(l) }</td>
                            { for years.iter().map(|y| html! { <td>{ l.low_by_year.get(y).map(|n| n.to_string()).unwrap_or_else(|| "—".into()) }</td> }) }
                            <td>{ l.worst_share.map(ru::percent).unwrap_or_else(|| "—".into()) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// What the printed list is: its filters and search, and how many schools.
fn selection_caption(q: &Query, shown: usize) -> String {
    let mut parts = Vec::new();
    if let Some(s) = q.status {
        parts.push(format!("статус «{}»", s.label()));
    }
    if let Some(m) = &q.municipality {
        parts.push(format!("муниципалитет «{m}»"));
    }
    if !q.search.trim().is_empty() {
        parts.push(format!("поиск «{}»", q.search.trim()));
    }
    let what = if parts.is_empty() {
        "Все школы".to_string()
    } else {
        ru::capitalize(&format!("отбор: {}", parts.join(", ")))
    };
    format!(
        "{what} — {} {}, дата печати {}",
        thousands(shown as u64),
        ru::plural(shown as u64, "школа", "школы", "школ"),
        io::today()
    )
}

#[function_component(SchoolsView)]
pub fn schools_view(props: &Props) -> Html {
    let o = &props.many.overview;
    let summary = &o.summary;
    let all = summary.schools.len();
    // Memos keyed by the overview's address: comparing 40 000 lines on every render would not do.
    let key = Rc::as_ptr(o) as usize;
    let years = {
        let o = o.clone();
        use_memo(key, move |_| overview::table_years(&o.info))
    };
    let names = {
        let o = o.clone();
        use_memo(key, move |_| {
            o.summary
                .municipalities
                .iter()
                .map(|m| m.municipality.clone())
                .collect::<Vec<_>>()
        })
    };
    let ordered = {
        let o = o.clone();
        use_memo(key, move |_| chart_order(&o.summary.municipalities))
    };
    let total = {
        let o = o.clone();
        use_memo(key, move |_| MunicipalityCount {
            municipality: "Все школы файла".to_string(),
            total: o.summary.schools.len(),
            counts: o.summary.counts.clone(),
        })
    };
    let printing = use_state_eq(|| false);
    let mun_open = use_state_eq(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "afterprint", move |_| {
                printing.set(false)
            });
            move || drop(listener)
        });
    }
    use_effect_with(*printing, |printing| {
        if *printing {
            io::print();
        }
    });

    let query = props.query.clone();
    let emit = {
        let cb = props.on_query.clone();
        move |f: &dyn Fn(&mut Query)| {
            let mut q = query.clone();
            f(&mut q);
            cb.emit(q);
        }
    };
    let on_search = {
        let emit = emit.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            emit(&|q| q.search = v.clone());
        })
    };
    let on_status = {
        let emit = emit.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let s = Status::ALL.iter().copied().find(|s| s.key() == v);
            emit(&|q| q.status = s);
        })
    };
    let on_municipality = {
        let emit = emit.clone();
        Callback::from(move |m: Option<String>| emit(&|q| q.municipality = m.clone()))
    };
    let on_sort = {
        let emit = emit.clone();
        Callback::from(move |key: SortKey| {
            emit(&|q| {
                if q.sort == key {
                    q.reverse = !q.reverse;
                } else {
                    q.sort = key;
                    q.reverse = false;
                }
            })
        })
    };
    let on_reset = {
        let cb = props.on_query.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Query::default()))
    };
    // The cards count the schools the search and the municipality keep (issue 15); the
    // shares are of those schools.
    let counts = {
        let o = o.clone();
        let (search, municipality) = (props.query.search.clone(), props.query.municipality.clone());
        use_memo(
            (key, search, municipality),
            move |(_, search, municipality)| {
                filter_counts::counts_within(
                    &o.summary,
                    &Query {
                        search: search.clone(),
                        municipality: municipality.clone(),
                        ..Query::default()
                    },
                )
            },
        )
    };
    let within: usize = counts.values().sum();
    let status_button = |s: Status| {
        let n = counts.get(&s).copied().unwrap_or(0);
        let pressed = props.query.status == Some(s);
        let emit = emit.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            emit(&|q| q.status = if pressed { None } else { Some(s) })
        });
        html! {
            <li>
                <button type="button" class={classes!("total", status_class(s))} aria-pressed={pressed.to_string()} {onclick}
                    title={if pressed { "Показать все статусы" } else { "Показать только эти школы" }}>
                    <span class="total-n">{ thousands(n as u64) }</span>
                    <span class="total-label">{ s.label() }</span>
                    <span class="total-share">{ share(n, within) }</span>
                </button>
            </li>
        }
    };
    let on_csv = {
        let many = props.many.clone();
        let rows = props.rows.clone();
        Callback::from(move |_: MouseEvent| {
            let o = &many.overview;
            let bytes = overview::to_csv(&o.summary, &o.info, &rows);
            let base = o
                .info
                .file_name
                .as_deref()
                .and_then(|n| {
                    n.rsplit_once('.')
                        .map(|(b, _)| b.to_string())
                        .or(Some(n.to_string()))
                })
                .unwrap_or_else(|| "школы".to_string());
            io::download(
                &format!("Статусы школ — {base}.csv"),
                "text/csv;charset=utf-8",
                &bytes,
            );
        })
    };
    let on_print = {
        let printing = printing.clone();
        Callback::from(move |_: MouseEvent| printing.set(true))
    };
    let on_mun_toggle = {
        let mun_open = mun_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open();
            mun_open.set(open);
        })
    };
    let shown = props.rows.len();
    let as_of = o
        .info
        .years
        .last()
        .map(|y| format!("по состоянию на {y} учебный год (последний год в данных каждой школы, если год не выбран в настройках)"))
        .unwrap_or_default();
    html! {
        <section class="schools" aria-labelledby="schools-h" aria-busy={props.busy.to_string()}>
            <h2 id="schools-h">
                { format!("Статусы школ: {} {}", thousands(all as u64), ru::plural(all as u64, "школа", "школы", "школ")) }
            </h2>
            if filter_counts::is_filtered(&props.query) {
                <p class="filter-caption">{ selection_caption(&props.query, shown) }</p>
            }
            <p class="hint">
                { format!("Идентификация ШНОР {as_of}.") }
                <span class="no-print">{ " Нажмите на название школы, чтобы открыть её отчёт." }</span>
            </p>
            <details class="schools-settings no-print">
                <summary>{ if props.settings.is_default() { "Параметры идентификации (по методике)" } else { "Параметры идентификации (изменены)" } }</summary>
                <SettingsPanel settings={props.settings.clone()} years={o.info.years.clone()} on_change={props.on_settings.clone()} />
            </details>
            <ul class="totals" aria-label="Школ по статусам (нажмите, чтобы отфильтровать)">
                { for Status::ALL.iter().map(|s| status_button(*s)) }
            </ul>
            <div class="filters no-print" role="search">
                <div class="field grow">
                    <label for="schools-search">{ "Поиск по названию, коду или муниципалитету" }</label>
                    <input id="schools-search" type="search" value={props.query.search.clone()} oninput={on_search}
                        autocomplete="off" placeholder="например, СОШ № 5" />
                </div>
                <div class="field">
                    <label for="schools-status">{ "Статус" }</label>
                    <select id="schools-status" onchange={on_status}>
                        <option value="" selected={props.query.status.is_none()}>{ "Все статусы" }</option>
                        { for Status::ALL.iter().map(|s| html! {
                            <option value={s.key()} selected={props.query.status == Some(*s)}>{ s.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="schools-municipality">{ "Муниципалитет" }</label>
                    <MunicipalitySelect names={names.clone()} selected={props.query.municipality.clone()} on_change={on_municipality} />
                </div>
                <button type="button" class="button subtle" onclick={on_reset}
                    disabled={props.query == Query::default()}>{ "Сбросить" }</button>
            </div>
            <div class="table-bar no-print">
                <p class="shown" role="status" aria-live="polite" data-testid="shown">
                    { if shown == all {
                        format!("Показаны все {} {}", thousands(all as u64), ru::plural(all as u64, "школа", "школы", "школ"))
                    } else {
                        format!("Найдено {} из {}", thousands(shown as u64), thousands(all as u64))
                    } }
                </p>
                <div class="actions">
                    <button type="button" class="button" onclick={on_csv}
                        title="Таблица в формате CSV для Excel (UTF-8, точка с запятой): показанные строки в показанном порядке">
                        { "Скачать таблицу (CSV для Excel)" }
                    </button>
                    <button type="button" class="button" onclick={on_print}
                        title={format!("Напечатать показанные строки (не больше {PRINT_MAX}); сузьте список поиском и фильтрами")}>
                        { "Печать списка" }
                    </button>
                </div>
            </div>
            <SchoolsTable many={props.many.clone()} rows={props.rows.clone()} years={years.clone()}
                query={props.query.clone()} {on_sort} on_open={props.on_open.clone()} scroll={props.scroll} />
            if *printing {
                <div class="print-only print-list-wrap">
                    <h3>{ selection_caption(&props.query, shown) }</h3>
                    if shown > PRINT_MAX {
                        <p>{ format!("Напечатаны первые {PRINT_MAX} из {shown} строк: сузьте список поиском и фильтрами.") }</p>
                    }
                    { print_table(&props.many, &props.rows, &years) }
                </div>
            } else {
                <p class="print-only hint">{ "Список школ печатается кнопкой «Печать списка»." }</p>
            }
            <h3>{ "Статусы по муниципалитетам" }</h3>
            <MunicipalityChart total={total.clone()} municipalities={ordered.clone()} of={summary.municipalities.len()} />
            <details class="mun-details" ontoggle={on_mun_toggle}>
                <summary>{ format!("Таблица по муниципалитетам ({})", summary.municipalities.len()) }</summary>
                if *mun_open { { municipality_table(&ordered) } }
            </details>
        </section>
    }
}
