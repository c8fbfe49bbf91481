//! «Готово к сдаче?» — the self-check panel of a school's ДТК: one line on top («Можно сдавать»
//! / «Не хватает 7 показателей, 2 противоречия»), then per block how many of the form's
//! indicators are filled for each year, the missing ones as the form calls them, the failed
//! cross-checks and the empty cells that decide the status. Everything comes from the core's
//! `readiness::check`; printed as a checklist page of its own.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::report::Report;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    /// The printed checklist page (at the end of the printout) rather than the panel on top of
    /// the page: the form's page one stays the heading and the status.
    #[prop_or_default]
    pub printed: bool,
}

#[function_component(ReadinessPanel)]
pub fn readiness_panel(props: &Props) -> Html {
    let r = &props.report.readiness;
    let years = &props.report.years;
    let state = if r.ready { "ready" } else { "not-ready" };
    let (id, place) = if props.printed {
        ("readiness-print", "print-only")
    } else {
        ("readiness", "no-print")
    };
    html! {
        <section {id} class={classes!("panel", "readiness", state, place)} aria-labelledby={format!("{id}-h")}>
            <h2 id={format!("{id}-h")}>{ "Готово к сдаче?" }</h2>
            <p class="readiness-headline" role={(!props.printed).then_some("status")}>{ &r.headline }</p>
            <details open={!r.ready || props.printed}>
                <summary>{ "Проверка по блокам" }</summary>
                // A table scrolls in its own box on a phone, never the page.
                <div class="table-wrap">
                <table class="readiness-blocks">
                    <thead><tr>
                        <th scope="col">{ "Блок" }</th>
                        { for years.iter().map(|y| html! { <th scope="col" class="num">{ y.to_string() }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for r.blocks.iter().map(|b| html! {
                            <tr>
                                <th scope="row">{ &b.heading }</th>
                                { for years.iter().map(|y| {
                                    let n = b.filled.get(y).copied().unwrap_or(0);
                                    let full = n == b.total;
                                    html! { <td class={classes!("num", full.then_some("full"))}>{ format!("{n} из {}", b.total) }</td> }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                if !r.missing.is_empty() {
                    <h3>{ format!("Не заполнено{}", r.year.map(|y| format!(" за {y}")).unwrap_or_default()) }</h3>
                    <ul class="checklist missing">
                        { for r.missing.iter().map(|m| html! { <li>{ format!("{} — {}", m.section, m.label) }</li> }) }
                    </ul>
                }
                if !r.contradictions.is_empty() {
                    <h3>{ "Противоречия" }</h3>
                    <ul class="checklist contradictions">
                        { for r.contradictions.iter().map(|c| html! { <li>{ c }</li> }) }
                    </ul>
                }
                if !r.deciding.is_empty() {
                    <h3>{ "Ячейки, от которых зависит статус" }</h3>
                    <ul class="checklist deciding">
                        { for r.deciding.iter().map(|c| html! { <li>{ c }</li> }) }
                    </ul>
                }
            </details>
        </section>
    }
}
