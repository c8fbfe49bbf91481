//! The schools table with virtual scrolling: only the rows in view (and a few around them) are
//! in the page, between two spacer rows whose heights stand for the rest, so 40 000 schools
//! scroll as smoothly as 40. Rows have a fixed height (styles/schools.css, `ROW_PX`). Column
//! headers sort; a school's name is a button that opens its report. Screen readers are told the
//! full size (`aria-rowcount`, `aria-rowindex`).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::identify::Status;
use crate::core::model::Year;
use crate::core::overview::{condition_text, thousands, Query, SortKey};
use crate::core::ru;
use crate::ui::state::Many;

/// The height of a row in CSS pixels; styles/schools.css sets the same.
pub const ROW_PX: f64 = 34.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 12;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub many: Many,
    pub rows: Rc<Vec<usize>>,
    pub years: Rc<Vec<Year>>,
    pub query: Query,
    pub on_sort: Callback<SortKey>,
    /// The school's index in the file and the table's scroll position.
    pub on_open: Callback<(usize, f64)>,
    /// Where to scroll to when the table appears (coming back from a report).
    pub scroll: f64,
}

/// The CSS class of a status (as in the report's status box).
pub fn status_class(s: Status) -> &'static str {
    s.key()
}

fn set_height(node: &NodeRef, px: f64) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let _ = el.style().set_property("height", &format!("{px}px"));
    }
}

#[function_component(SchoolsTable)]
pub fn schools_table(props: &Props) -> Html {
    let viewport = use_node_ref();
    let top = use_node_ref();
    let bottom = use_node_ref();
    // The first row in view and how many fit.
    let first = use_state_eq(|| (props.scroll / ROW_PX) as usize);
    let fit = use_state_eq(|| 24usize);

    // Back from a report: scroll to where the user was; measure the viewport.
    {
        let viewport = viewport.clone();
        let fit = fit.clone();
        let scroll = props.scroll;
        use_effect_with((), move |_| {
            if let Some(el) = viewport.cast::<web_sys::Element>() {
                el.set_scroll_top(scroll as i32);
                fit.set((el.client_height() as f64 / ROW_PX).ceil() as usize + 1);
            }
        });
    }
    // A new search or sort starts at the top.
    {
        let viewport = viewport.clone();
        let first = first.clone();
        use_effect_with(props.query.clone(), move |_| {
            if let Some(el) = viewport.cast::<web_sys::Element>() {
                if el.scroll_top() > 0 && (el.scroll_top() as f64) > ROW_PX * 2.0 {
                    el.set_scroll_top(0);
                    first.set(0);
                }
            }
        });
    }
    let onscroll = {
        let first = first.clone();
        let fit = fit.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                first.set((el.scroll_top().max(0) as f64 / ROW_PX) as usize);
                fit.set((el.client_height() as f64 / ROW_PX).ceil() as usize + 1);
            }
        })
    };

    let total = props.rows.len();
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (*first + *fit + OVERSCAN).min(total);
    {
        let (top, bottom) = (top.clone(), bottom.clone());
        use_effect_with((start, end, total), move |&(start, end, total)| {
            set_height(&top, start as f64 * ROW_PX);
            set_height(&bottom, (total - end) as f64 * ROW_PX);
        });
    }

    let lines = &props.many.overview.summary.schools;
    let years = &props.years;
    let columns = 6 + years.len();
    let sort_header = |key: SortKey, label: &str, class: &'static str| {
        let active = props.query.sort == key;
        let aria_sort = match (active, props.query.reverse) {
            (false, _) => "none",
            // Every column's natural order is «worst / most first» except the names.
            (true, false) if matches!(key, SortKey::Name | SortKey::Municipality) => "ascending",
            (true, true) if matches!(key, SortKey::Name | SortKey::Municipality) => "descending",
            (true, false) => "descending",
            (true, true) => "ascending",
        };
        let on_sort = props.on_sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_sort.emit(key));
        let arrow = match aria_sort {
            "ascending" => " ▲",
            "descending" => " ▼",
            _ => "",
        };
        html! {
            <th scope="col" class={class} aria-sort={aria_sort}>
                <button type="button" class="sort" {onclick}
                    title="Сортировать по этому столбцу (повторное нажатие — в обратном порядке)">
                    { label }<span aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let viewport_for_open = viewport.clone();
    let row = |pos: usize| {
        let i = props.rows[pos];
        let l = &lines[i];
        let on_open = props.on_open.clone();
        let viewport = viewport_for_open.clone();
        let index = l.index;
        let onclick = Callback::from(move |_: MouseEvent| {
            let scroll = viewport
                .cast::<web_sys::Element>()
                .map_or(0.0, |el| el.scroll_top() as f64);
            on_open.emit((index, scroll));
        });
        let name = l.school.clone();
        html! {
            <tr key={i} aria-rowindex={(pos + 2).to_string()} class={classes!("st-row", status_class(l.status))}>
                <td class="num">{ pos + 1 }</td>
                <td class="name">
                    <button type="button" class="link" {onclick} title={format!("Открыть отчёт: {name}")}>{ name.clone() }</button>
                    if let Some(code) = &l.code { <span class="code">{ code.clone() }</span> }
                </td>
                <td class="mun" title={l.municipality.clone().unwrap_or_default()}>{ l.municipality.clone().unwrap_or_default() }</td>
                <td class="st"><span class={classes!("badge", status_class(l.status))}>{ l.status.label() }</span></td>
                <td class="cond">{ condition_text(l) }</td>
                { for years.iter().map(|y| {
                    let n = l.low_by_year.get(y).copied();
                    let current = l.as_of == Some(*y);
                    html! {
                        <td class={classes!("num", current.then_some("as-of"), n.is_some_and(|n| n > 0).then_some("has-low"))}>
                            { n.map(|n| n.to_string()).unwrap_or_else(|| "—".to_string()) }
                        </td>
                    }
                }) }
                <td class="num">{ l.worst_share.map(ru::percent).unwrap_or_else(|| "—".to_string()) }</td>
            </tr>
        }
    };
    html! {
        <div class="vt" id="schools-table" ref={viewport} {onscroll} tabindex="0" role="region"
            aria-label={format!("Таблица школ: {} строк; прокручивается", thousands(total as u64))}
            data-testid="schools-table">
            <table aria-rowcount={(total + 1).to_string()}>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="num">{ "№" }</th>
                        { sort_header(SortKey::Name, "Школа", "name") }
                        { sort_header(SortKey::Municipality, "Муниципалитет", "mun") }
                        { sort_header(SortKey::Status, "Статус", "st") }
                        <th scope="col" class="cond" title="Какое условие сработало: У1 — две низкие процедуры в году идентификации; У2 — низкие в этом и в предыдущем году">{ "Условие" }</th>
                        { for years.iter().enumerate().map(|(k, y)| {
                            let label = format!("Низких {}", y);
                            if k + 1 == years.len() {
                                sort_header(SortKey::Low, &label, "num")
                            } else {
                                html! { <th scope="col" class="num">{ label }</th> }
                            }
                        }) }
                        { sort_header(SortKey::Worst, "Худшая доля", "num") }
                    </tr>
                </thead>
                <tbody>
                    <tr class="vt-spacer" aria-hidden="true"><td colspan={columns.to_string()} ref={top}></td></tr>
                    { for (start..end).map(row) }
                    <tr class="vt-spacer" aria-hidden="true"><td colspan={columns.to_string()} ref={bottom}></td></tr>
                </tbody>
            </table>
            if total == 0 {
                <p class="vt-empty">{ "Ни одна школа не подходит под условия поиска." }</p>
            }
        </div>
    }
}
