//! The «План» view, step 3: the road map as a table laid out like the seeds' (№ | Мероприятие |
//! Срок | Ответственный | Исполнение at each monitoring date), every cell editable, the state
//! of each measure at the chosen date beside it; and its print copy (plain text, A4 landscape).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::plan_edit::{on_click, on_value};

use crate::core::plan::execution::{self, State};
use crate::core::plan::model::{Date, Mark, Measure, Plan, Status};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub plan: Rc<Plan>,
    pub at: Option<Date>,
    pub on_change: Callback<Plan>,
}

type Setter = fn(&mut Measure, String);

const CELLS: [(&str, &str, Setter); 4] = [
    ("number", "№", |m, v| m.number = v),
    ("text", "Мероприятие", |m, v| m.text = v),
    ("deadline", "Срок", |m, v| m.deadline = v),
    ("responsible", "Ответственный", |m, v| {
        m.responsible = v
    }),
];

fn cell(m: &Measure, key: &str) -> String {
    match key {
        "number" => m.number.clone(),
        "text" => m.text.clone(),
        "deadline" => m.deadline.clone(),
        _ => m.responsible.clone(),
    }
}

/// The choices of the execution list: the statuses, then percents (the МОУО card's «%»).
fn choices() -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "—".to_string())];
    out.extend(
        Status::ALL
            .iter()
            .map(|s| (s.word().to_string(), s.word().to_string())),
    );
    out.extend([0, 25, 50, 75, 100].map(|p| (format!("{p} %"), format!("{p} %"))));
    out
}

/// The word for a measure's state at a date.
pub fn state_word(s: State) -> &'static str {
    match s {
        State::Cancelled => "отменено",
        State::Undated => "срок не распознан",
        State::NotYetDue => "срок не наступил",
        State::Done => "выполнено",
        State::Overdue => "не выполнено в срок",
    }
}

#[function_component(RoadMap)]
pub fn road_map(props: &Props) -> Html {
    let plan = &props.plan;
    let dates = plan.all_dates();
    let period = plan.period_years();
    let edit = |i: usize, set: Setter| {
        on_value(plan, &props.on_change, move |p, v| {
            if let Some(m) = p.measures.get_mut(i) {
                set(m, v);
            }
        })
    };
    let mark = |i: usize, d: Date| {
        on_value(plan, &props.on_change, move |p, v| {
            if let Some(m) = p.measures.get_mut(i) {
                m.set_mark(d, Mark::parse(&v));
            }
        })
    };
    let remove = |i: usize| {
        on_click(plan, &props.on_change, move |p| {
            if i < p.measures.len() {
                p.measures.remove(i);
            }
        })
    };
    let add = on_click(plan, &props.on_change, |p| {
        let programme = p
            .programmes
            .last()
            .map(|g| g.title.clone())
            .unwrap_or_default();
        p.measures.push(Measure {
            number: (p.measures.len() + 1).to_string(),
            programme,
            ..Measure::default()
        });
    });
    let options = choices();
    html! {
        <section class="plan-step" aria-labelledby="plan-roadmap-h">
            <h2 id="plan-roadmap-h">{ "3. Дорожная карта и исполнение" }</h2>
            <div class="table-scroll no-print">
            <table class="plan-roadmap" id="plan-roadmap">
                <thead><tr>
                    { for CELLS.iter().map(|(_, h, _)| html! { <th scope="col">{ *h }</th> }) }
                    { for dates.iter().map(|d| html! { <th scope="col">{ format!("Исполнение на {d}") }</th> }) }
                    if let Some(at) = props.at { <th scope="col">{ format!("Состояние на {at}") }</th> }
                    <th scope="col"><span class="sr-only">{ "Удалить" }</span></th>
                </tr></thead>
                <tbody>
                    { for plan.measures.iter().enumerate().map(|(i, m)| {
                        let state = props.at.map(|at| execution::state(m, at, period).0);
                        html! { <tr class={classes!(state.map(|s| format!("state-{s:?}").to_lowercase()))}>
                            { for CELLS.iter().map(|(key, label, set)| {
                                let id = format!("m{i}-{key}");
                                html! { <td>
                                    <input id={id} type="text" value={cell(m, key)} onchange={edit(i, *set)}
                                        aria-label={format!("{label}, строка {}", i + 1)}
                                        class={format!("cell-{key}")} />
                                </td> }
                            }) }
                            { for dates.iter().map(|d| {
                                let cur = m.marks.iter().find(|(md, _)| md == d).map(|(_, k)| k.text()).unwrap_or_default();
                                let known = options.iter().any(|(v, _)| *v == cur);
                                html! { <td>
                                    <select id={format!("m{i}-at-{}", d.to_string().replace('.', "-"))}
                                        aria-label={format!("Исполнение на {d}, строка {}", i + 1)} onchange={mark(i, *d)}>
                                        if !known { <option value={cur.clone()} selected=true>{ cur.clone() }</option> }
                                        { for options.iter().map(|(v, t)| html! {
                                            <option value={v.clone()} selected={*v == cur}>{ t.clone() }</option>
                                        }) }
                                    </select>
                                </td> }
                            }) }
                            if let Some(s) = state { <td class="state">{ state_word(s) }</td> }
                            <td><button type="button" class="button small" onclick={remove(i)}
                                aria-label={format!("Удалить мероприятие {}", m.number)}>{ "✕" }</button></td>
                        </tr> }
                    }) }
                </tbody>
            </table>
            </div>
            <p class="no-print"><button type="button" class="button" id="add-measure" onclick={add}>{ "Добавить мероприятие" }</button></p>
            <PrintTable plan={plan.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PrintProps {
    pub plan: Rc<Plan>,
}

/// The road map as printed: plain text like the seeds' tables, the execution columns at each
/// monitoring date.
#[function_component(PrintTable)]
pub fn print_table(props: &PrintProps) -> Html {
    let plan = &props.plan;
    let dates = plan.all_dates();
    let mut section = String::new();
    let width = 5 + dates.len();
    html! {
        <table class="plan-print print-only">
            <thead><tr>
                <th>{ "№" }</th><th>{ "Мероприятия" }</th><th>{ "Сроки" }</th><th>{ "Ответственные" }</th>
                <th>{ "Программа / раздел" }</th>
                { for dates.iter().map(|d| html! { <th>{ format!("Исполнение на {d}") }</th> }) }
            </tr></thead>
            <tbody>
                { for plan.measures.iter().map(|m| {
                    let head = (!m.section.is_empty() && m.section != section).then(|| {
                        section = m.section.clone();
                        html! { <tr class="section"><td colspan={width.to_string()}>{ m.section.clone() }</td></tr> }
                    });
                    html! { <>
                        { for head }
                        <tr>
                            <td>{ m.number.clone() }</td><td>{ m.text.clone() }</td><td>{ m.deadline.clone() }</td>
                            <td>{ m.responsible.clone() }</td><td>{ m.programme.clone() }</td>
                            { for dates.iter().map(|d| html! { <td>{
                                m.marks.iter().find(|(md, _)| md == d).map(|(_, k)| k.text()).unwrap_or_default()
                            }</td> }) }
                        </tr>
                    </> }
                }) }
            </tbody>
        </table>
    }
}
