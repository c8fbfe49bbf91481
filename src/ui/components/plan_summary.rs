//! The «План» view, step 4: execution at the chosen monitoring date (due, done, share, mean
//! percent, change since the previous date, target and «Проблема», overdue measures), the same
//! by programme, factor and responsible, ДТК 3.4 as computed from the plan, and for a
//! municipality the МОУО information card.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::plan_edit::on_value;

use crate::core::plan::card;
use crate::core::plan::dtk34;
use crate::core::plan::execution::{self, Group};
use crate::core::plan::model::{Date, Level, Plan};
use crate::core::ru;
use crate::core::table;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub plan: Rc<Plan>,
    pub at: Date,
    pub on_change: Callback<Plan>,
}

fn share(v: Option<f64>) -> String {
    v.map_or("—".to_string(), ru::percent)
}

fn groups(title: &str, id: &str, list: &[Group]) -> Html {
    html! {
        <table class="plan-groups" id={id.to_string()}>
            <caption>{ title }</caption>
            <thead><tr><th scope="col">{ "" }</th><th scope="col">{ "Срок наступил" }</th>
                <th scope="col">{ "Выполнено" }</th><th scope="col">{ "Исполнение" }</th></tr></thead>
            <tbody>
                { for list.iter().map(|g| html! { <tr>
                    <th scope="row">{ g.name.clone() }</th>
                    <td>{ g.tally.due }</td><td>{ g.tally.done }</td><td>{ share(g.tally.share) }</td>
                </tr> }) }
            </tbody>
        </table>
    }
}

#[function_component(PlanSummary)]
pub fn plan_summary(props: &Props) -> Html {
    let plan = &props.plan;
    let s = execution::summarize(plan, props.at);
    let e = &s.execution;
    let d34 = (!plan.programmes.is_empty())
        .then(|| dtk34::compute(plan, props.at))
        .flatten();
    html! {
        <section class="plan-step" aria-labelledby="plan-exec-h">
            <h2 id="plan-exec-h">{ format!("4. Исполнение на {}", e.at) }</h2>
            <p class="plan-figures" id="plan-figures">
                <span>{ "Срок наступил: " }<strong id="exec-due">{ e.tally.due }</strong></span>
                <span>{ " · выполнено: " }<strong id="exec-done">{ e.tally.done }</strong></span>
                <span>{ " · исполнение: " }<strong id="exec-share">{ share(e.tally.share) }</strong></span>
                if let Some(p) = e.tally.mean_percent { <span>{ format!(" · среднее исполнение {}", ru::percent(p)) }</span> }
                if let Some(prev) = &e.previous {
                    if let Some(d) = prev.change_pp { <span>{ format!(" · с {}: {}", prev.at, ru::pp(d)) }</span> }
                }
            </p>
            <p id="exec-conclusion"><strong>{ "Вывод: " }</strong>{ e.conclusion.clone() }</p>
            <p id="exec-problem"><strong>{ "Проблема: " }</strong>{ e.problem.clone().unwrap_or_else(|| "Не выявлена.".to_string()) }</p>
            if !e.tally.overdue.is_empty() {
                <table class="plan-groups" id="overdue">
                    <caption>{ "Не выполнено в срок" }</caption>
                    <thead><tr><th scope="col">{ "№" }</th><th scope="col">{ "Мероприятие" }</th>
                        <th scope="col">{ "Срок" }</th><th scope="col">{ "Ответственный" }</th></tr></thead>
                    <tbody>
                        { for e.tally.overdue.iter().map(|o| html! { <tr>
                            <td>{ o.number.clone() }</td><td>{ o.text.clone() }</td>
                            <td>{ format!("{} (до {})", o.deadline, o.due_date) }</td><td>{ o.responsible.clone() }</td>
                        </tr> }) }
                    </tbody>
                </table>
            }
            { groups("По программам", "by-programme", &s.by_programme) }
            { groups("По факторам риска", "by-factor", &s.by_factor) }
            { groups("По ответственным", "by-responsible", &s.by_responsible) }
            if let Some(d) = d34 {
                <table class="plan-groups" id="plan-34">
                    <caption>{ "ДТК 3.4 «Ресурсные дефициты» — по плану (заменяет введённые значения в отчёте)" }</caption>
                    <tbody>
                        <tr><th scope="row">{ "Количество антирисковых программ" }</th><td id="d34-programs">{ d.programs }</td></tr>
                        <tr><th scope="row">{ "Наименования" }</th><td>{ d.programs_names.join("; ") }</td></tr>
                        <tr><th scope="row">{ "Доля программ, соответствующих результатам анкетирования" }</th><td id="d34-matching">{ share(d.programs_matching) }</td></tr>
                        <tr><th scope="row">{ "Доля выполненных мероприятий" }</th><td id="d34-done">{ share(d.measures_done) }</td></tr>
                        <tr><th scope="row">{ "Устранённые факторы риска" }</th><td>{ d.measures_list.as_ref().map_or("нужно повторное анкетирование".to_string(), |l| if l.is_empty() { "нет".into() } else { l.join("; ") }) }</td></tr>
                        <tr><th scope="row">{ "Доля устранённых ресурсных дефицитов" }</th><td id="d34-deficits">{ share(d.deficits_removed) }</td></tr>
                    </tbody>
                </table>
            }
            if plan.header.level == Level::Municipality {
                <CardView plan={plan.clone()} on_change={props.on_change.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub plan: Rc<Plan>,
    pub on_change: Callback<Plan>,
}

/// The МОУО information card: the per-school answers pasted as a table, then sections 1–3 with
/// «Вывод» and «Проблема».
#[function_component(CardView)]
pub fn card_view(props: &CardProps) -> Html {
    let plan = &props.plan;
    let r = card::build(plan, &plan.card);
    let on_schools = on_value(plan, &props.on_change, |p, text| {
        let t = table::parse(&text, table::detect_delimiter(&text));
        p.card.schools = card::schools_from_table(&t);
    });
    let schools_text =
        std::iter::once("ОО;Внутришкольная система;ИОМ;Дополнительные занятия".to_string())
            .chain(plan.card.schools.iter().map(|s| {
                let yn = |v: Option<bool>| v.map_or("", |b| if b { "да" } else { "нет" });
                format!(
                    "{};{};{};{}",
                    s.school,
                    yn(s.prevention),
                    yn(s.routes),
                    yn(s.lessons)
                )
            }))
            .collect::<Vec<_>>()
            .join("\n");
    html! {
        <section class="plan-card" id="plan-card" aria-labelledby="plan-card-h">
            <h2 id="plan-card-h">{ "Информационная карта по реализации плана (дорожной карты)" }</h2>
            <h3>{ "1. Характеристика плана" }</h3>
            <table class="plan-groups"><tbody>
                { for r.section1.iter().map(|(k, v)| html! { <tr><th scope="row">{ k.clone() }</th><td>{ v.clone() }</td></tr> }) }
            </tbody></table>
            <h3>{ "2. Реализация плана (дорожной карты)" }</h3>
            <table class="plan-groups">
                <thead><tr><th>{ "№" }</th><th>{ "Мероприятие плана (дорожной карты)" }</th>
                    { for r.dates.iter().map(|d| html! { <th>{ format!("Исполнение, % на {d}") }</th> }) }</tr></thead>
                <tbody>
                    { for r.section2.iter().map(|m| html! { <tr><td>{ m.number.clone() }</td><td>{ m.text.clone() }</td>
                        { for m.percents.iter().map(|p| html! { <td>{ p.map(ru::number).unwrap_or_default() }</td> }) }</tr> }) }
                    <tr><th colspan="2">{ "Исполнение плана, % (выполнено ÷ срок наступил)" }</th>
                        { for r.execution.iter().map(|p| html! { <td>{ share(*p) }</td> }) }</tr>
                </tbody>
            </table>
            <h3>{ "3. Реализация плана по дополнительным показателям" }</h3>
            <label class="field no-print" for="card-schools">
                <span>{ "Ответы школ (да/нет), можно вставить таблицу из Excel:" }</span>
                <textarea id="card-schools" rows="5" value={schools_text} onchange={on_schools} />
            </label>
            <table class="plan-groups" id="card-section3"><tbody>
                { for r.section3.iter().map(|s| html! { <tr><th scope="row">{ s.label }</th>
                    <td>{ format!("{} ({} из {})", share(s.percent), s.yes, s.answered) }</td></tr> }) }
                <tr><th scope="row">{ "Распространение успешных практик (количество мероприятий)" }</th><td>{ r.practices.len() }</td></tr>
            </tbody></table>
            <p id="card-conclusion"><strong>{ "Вывод: " }</strong>{ r.conclusion.clone() }</p>
            <p id="card-problem"><strong>{ "Проблема: " }</strong>{ r.problem.clone() }</p>
        </section>
    }
}
