//! One ДТК block (1.1 … 3.4) laid out like the form: indicator × years, computed cells marked,
//! the dynamics label and arrow coloured by polarity, a sparkline; text items as written; then,
//! after the last block of each of the form's five pairs (1.1, 1.2, 1.3, 2.1–2.3, 3.1–3.4), the
//! pair's editable «Вывод» and «Проблема», with any old per-block edit offered, never dropped.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::catalogue::{self, Kind, SectionId};
use crate::core::conclude::edits;
use crate::core::dynamics::Tone;
use crate::core::report::Report;
use crate::ui::components::sparkline::Sparkline;
use crate::ui::components::text_field::TextField;
use crate::ui::state::Edits;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    pub section: SectionId,
    pub edits: Edits,
    pub on_edit: Callback<(String, String)>,
    pub on_reset: Callback<String>,
}

/// «1.2» → «1-2», for element ids.
fn slug(number: &str) -> String {
    number.replace('.', "-")
}

#[function_component(SectionBlock)]
pub fn section_block(props: &Props) -> Html {
    let Some(section) = catalogue::section(props.section) else {
        return html! {};
    };
    let r = &props.report;
    let years = &r.years;
    let indicators: Vec<_> = r
        .indicators
        .iter()
        .filter(|i| i.section == props.section)
        .collect();
    let pair = catalogue::rules_pair_ending_at(props.section);
    let texts = pair.and_then(|p| r.pairs.iter().find(|t| t.id == p.id));
    let pair_key = pair.map_or("", |p| p.key);
    let mut last_group: Option<&str> = None;
    let field = |what: &'static str, title: &'static str, generated: String| {
        let key = format!("{pair_key}/{what}");
        let on_edit = {
            let (cb, key) = (props.on_edit.clone(), key.clone());
            Callback::from(move |text| cb.emit((key.clone(), text)))
        };
        let on_reset = {
            let (cb, key) = (props.on_reset.clone(), key.clone());
            Callback::from(move |_| cb.emit(key.clone()))
        };
        html! {
            <TextField id={format!("text-{}-{what}", slug(pair_key))} {title}
                generated={generated} edited={props.edits.get(&key).cloned().map(AttrValue::from)}
                {on_edit} {on_reset} />
        }
    };
    let conclusion = texts.map(|t| t.conclusion.clone()).unwrap_or_default();
    let problems = texts
        .map(|t| {
            t.problems
                .iter()
                .map(|p| format!("• {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    // An empty «Проблема» is a statement, not a blank: it prints and exports as such.
    let problems = if problems.is_empty() {
        "Не выявлена.".to_string()
    } else {
        problems
    };
    // A block of free-text items (2.3) has no dynamics, and its years hold words, not numbers.
    let numeric = indicators
        .iter()
        .any(|i| matches!(i.kind, Kind::Share | Kind::Count));
    let head_class = if numeric { "num" } else { "" };
    let cols = years.len() + if numeric { 2 } else { 1 };
    html! {
        <section class="dtk-block" id={format!("block-{}", slug(section.number))}
            aria-labelledby={format!("block-h-{}", slug(section.number))}>
            <h4 id={format!("block-h-{}", slug(section.number))}>{ section.heading() }</h4>
            <table class="dtk-table">
                <thead><tr>
                    <th scope="col">{ "Показатель" }</th>
                    { for years.iter().map(|y| html! { <th scope="col" class={head_class}>{ y.to_string() }</th> }) }
                    if numeric { <th scope="col">{ "Динамика" }</th> }
                </tr></thead>
                <tbody>
                    { for indicators.iter().map(|ind| {
                        let cat = catalogue::find(&ind.code);
                        let group = cat.and_then(|c| c.group);
                        let group_row = (group.is_some() && group != last_group).then(|| html! {
                            <tr><td class="group-row" colspan={cols.to_string()}>{ group.unwrap_or_default() }</td></tr>
                        });
                        last_group = group;
                        let is_text = cat.is_some_and(|c| c.kind == Kind::Text);
                        let dynamics = ind.dynamics.as_ref();
                        let values: Vec<Option<f64>> = years.iter().map(|y| ind.values.get(y).copied().flatten()).collect();
                        html! { <>
                            { for group_row }
                            <tr class={classes!(is_text.then_some("text-item"))}>
                                <td class={classes!("label", group.is_some().then_some("sub"))}>
                                    { if group.is_some() { &ind.row_label } else { &ind.label } }
                                    if ind.computed { <span class="badge computed" title="Вычислено калькулятором">{ "расчёт" }</span> }
                                </td>
                                { for years.iter().map(|y| {
                                    let text = ind.display.get(y).cloned().unwrap_or_default();
                                    html! { <td class={if is_text { "value" } else { "num" }}>{ crate::ui::components::cell_text::cell_text(text) }</td> }
                                }) }
                                if numeric {
                                    <td>
                                        if let Some(d) = dynamics {
                                            <span class={classes!("dyn", tone_class(d.tone()))}>{ d.arrow() }{ " " }{ d.label() }</span>
                                            <Sparkline values={values} title={AttrValue::from(format!("Динамика: {}", ind.label))} />
                                        }
                                    </td>
                                }
                            </tr>
                            if let Some(d) = &ind.description {
                                <tr class="described">
                                    <td colspan={cols.to_string()}>
                                        <span class="described-head">{ described_head(d) }</span>
                                        { crate::ui::components::cell_text::cell_text(d.text.clone()) }
                                    </td>
                                </tr>
                            }
                        </> }
                    }) }
                </tbody>
            </table>
            if let Some(p) = pair {
                <div class="texts pair" id={format!("pair-{}", slug(p.key))} data-pair={p.key}>
                    <h5 class="pair-title">{ format!("Вывод и проблема: {}", p.title) }</h5>
                    { field("conclusion", "Вывод", conclusion) }
                    { field("problems", "Проблема", problems) }
                    { offered(&props.edits, p.key, &props.on_edit, &props.on_reset) }
                </div>
            }
        </section>
    }
}

/// The old per-block edits that could not be carried over into the pair (it has its own edit):
/// shown with «Добавить к тексту» and «Убрать», so nothing the user wrote is lost silently.
fn offered(
    edits: &Edits,
    pair_key: &'static str,
    on_edit: &Callback<(String, String)>,
    on_reset: &Callback<String>,
) -> Html {
    let items: Vec<(String, String, String, String)> = edits::offered_for(edits, pair_key)
        .map(|(k, block, what, text)| (k.into(), block.into(), what.into(), text.into()))
        .collect();
    if items.is_empty() {
        return html! {};
    }
    html! {
        <div class="offered-edits no-print" role="note">
            <p>{ "Ваши прежние правки отдельных блоков (до перехода на пять пар «Вывод / Проблема»):" }</p>
            { for items.into_iter().map(|(key, block, what, text)| {
                let target = format!("{pair_key}/{what}");
                let current = edits.get(&target).cloned().unwrap_or_default();
                let add = {
                    let (edit, reset, key, text, target) = (on_edit.clone(), on_reset.clone(), key.clone(), text.clone(), target.clone());
                    Callback::from(move |_| {
                        let joined = if current.trim().is_empty() { text.clone() } else { format!("{current}\n\n{text}") };
                        edit.emit((target.clone(), joined));
                        reset.emit(key.clone());
                    })
                };
                let drop = {
                    let (reset, key) = (on_reset.clone(), key.clone());
                    Callback::from(move |_| reset.emit(key.clone()))
                };
                let what_word = if what == "problems" { "Проблема" } else { "Вывод" };
                html! {
                    <div class="offered-edit">
                        <strong>{ format!("{block}, {what_word}: ") }</strong>
                        <span class="offered-text">{ text }</span>
                        <button type="button" onclick={add}>{ "Добавить к тексту" }</button>
                        <button type="button" onclick={drop}>{ "Убрать" }</button>
                    </div>
                }
            }) }
        </div>
    }
}

/// «Описание (мониторинг на 15.09.2023): » — the state in words and when it was taken.
fn described_head(d: &crate::core::model::Described) -> String {
    match &d.date {
        Some(date) => format!("Описание (мониторинг на {date}): "),
        None => "Описание: ".to_string(),
    }
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Bad => "bad",
        Tone::Stable => "stable",
        Tone::Neutral => "neutral",
    }
}
