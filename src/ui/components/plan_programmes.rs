//! The «План» view, step 2: antirisk programmes (title, factor, goal, tasks, expected result,
//! indicator and target), drafted from the library and edited freely; each offers the
//! library's other measures for its factor.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::plan_edit::{on_click, on_value};

use crate::core::plan::library;
use crate::core::plan::model::{Plan, Programme};
use crate::core::risk_factors::RISK_FACTORS;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub plan: Rc<Plan>,
    pub on_change: Callback<Plan>,
}

type Setter = fn(&mut Programme, String);

const FIELDS: [(&str, &str, Setter); 6] = [
    ("title", "Название", |p, v| p.title = v),
    ("goal", "Цель", |p, v| p.goal = v),
    ("tasks", "Задачи", |p, v| p.tasks = v),
    ("expected", "Ожидаемый результат", |p, v| p.expected = v),
    ("indicator", "Показатель", |p, v| p.indicator = v),
    ("target", "Целевое значение", |p, v| {
        p.target = v
    }),
];

fn field_value(p: &Programme, key: &str) -> String {
    match key {
        "title" => p.title.clone(),
        "goal" => p.goal.clone(),
        "tasks" => p.tasks.clone(),
        "expected" => p.expected.clone(),
        "indicator" => p.indicator.clone(),
        _ => p.target.clone(),
    }
}

#[function_component(Programmes)]
pub fn programmes(props: &Props) -> Html {
    let plan = &props.plan;
    let edit = |i: usize, set: Setter| {
        on_value(plan, &props.on_change, move |p, v| {
            if let Some(old) = p.programmes.get(i).map(|g| g.title.clone()) {
                if let Some(g) = p.programmes.get_mut(i) {
                    set(g, v);
                }
                // Measures follow their programme's new title.
                let new = p.programmes[i].title.clone();
                for m in p.measures.iter_mut().filter(|m| m.programme == old) {
                    m.programme = new.clone();
                }
            }
        })
    };
    let remove = |i: usize| {
        on_click(plan, &props.on_change, move |p| {
            if i < p.programmes.len() {
                let g = p.programmes.remove(i);
                p.measures.retain(|m| m.programme != g.title);
            }
        })
    };
    let add_from_library = |i: usize, item: &'static library::Entry| {
        let plan = plan.clone();
        let cb = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            let mut p = (*plan).clone();
            let Some(g) = p.programmes.get(i).cloned() else {
                return;
            };
            let n = p.measures.iter().filter(|m| m.programme == g.title).count();
            let m = library::to_measure(item, format!("{}.{}", i + 1, n + 1), &g.title, g.factor);
            // Inserted after the programme's last measure, so the road map stays grouped.
            let at = p
                .measures
                .iter()
                .rposition(|m| m.programme == g.title)
                .map_or(p.measures.len(), |k| k + 1);
            p.measures.insert(at, m);
            cb.emit(p);
        })
    };
    let add_programme = {
        let plan = plan.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(f) = v.parse::<u8>() {
                let mut p = (*plan).clone();
                library::draft_into(&mut p, &[f]);
                cb.emit(p);
            }
        })
    };
    html! {
        <section class="plan-step" aria-labelledby="plan-programmes-h">
            <h2 id="plan-programmes-h">{ "2. Антирисковые программы" }</h2>
            if plan.programmes.is_empty() {
                <p class="hint">{ "Программ пока нет: отметьте профиль и нажмите «Составить антирисковые программы» или добавьте программу по фактору." }</p>
            }
            { for plan.programmes.iter().enumerate().map(|(i, g)| {
                let offered: Vec<&'static library::Entry> = g.factor.map(library::for_factor).unwrap_or_default()
                    .into_iter()
                    .filter(|e| !plan.measures.iter().any(|m| m.programme == g.title && m.text == e.text))
                    .collect();
                html! {
                <fieldset class="programme" id={format!("programme-{i}")}>
                    <legend>{ format!("Программа {}", i + 1) }
                        if let Some(f) = g.factor { { format!(" · фактор {f}") } }
                    </legend>
                    { for FIELDS.iter().map(|(key, label, set)| {
                        let id = format!("programme-{i}-{key}");
                        html! { <label class="field" for={id.clone()}>
                            <span>{ *label }</span>
                            <input id={id} type="text" value={field_value(g, key)} onchange={edit(i, *set)} />
                            <span class="print-only">{ field_value(g, key) }</span>
                        </label> }
                    }) }
                    <details class="library no-print">
                        <summary>{ format!("Мероприятия из библиотеки для этого фактора ({})", offered.len()) }</summary>
                        <ul>
                            { for offered.iter().map(|e| html! { <li>
                                <button type="button" class="button small" onclick={add_from_library(i, e)}
                                    aria-label={format!("Добавить: {}", e.text)}>{ "Добавить" }</button>
                                { format!(" {} ", e.text) }
                                <span class="source">{ format!("({}; срок: {})", e.source_label(), e.deadline) }</span>
                            </li> }) }
                        </ul>
                    </details>
                    <button type="button" class="button small no-print" onclick={remove(i)}>{ "Удалить программу" }</button>
                </fieldset>
            } }) }
            <p class="no-print">
                <label for="add-programme">{ "Добавить программу по фактору: " }</label>
                <select id="add-programme" onchange={add_programme}>
                    <option value="" selected=true>{ "— выберите фактор —" }</option>
                    { for RISK_FACTORS.iter().map(|f| html! {
                        <option value={f.number.to_string()}>{ format!("{}. {}", f.number, f.name) }</option>
                    }) }
                </select>
            </p>
        </section>
    }
}
