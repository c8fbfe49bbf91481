//! The «План» view, step 1: the risk profile as ИС МЭДК shows it (each ФИОКО factor ×
//! высокий / средний / низкий, the questionnaire date), a later questionnaire beside it with the
//! factors removed, and the button that drafts antirisk programmes for the priority factors.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::plan_edit::{on_click, on_value};

use crate::core::plan::library;
use crate::core::plan::model::{factor_label, removed_factors, Date, Plan, Profile};
use crate::core::risk_factors::{RiskLevel, RISK_FACTORS};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub plan: Rc<Plan>,
    /// Factor → the themes of the school's problem field that point to it (a suggestion
    /// shown beside the levels, never written into them).
    pub suggested: Rc<BTreeMap<u8, Vec<String>>>,
    pub on_change: Callback<Plan>,
}

/// An edit of the plan by the value of the control that changed.
type Edit = Rc<dyn Fn(&mut Plan, String)>;

fn level_value(l: Option<RiskLevel>) -> &'static str {
    l.map_or("", RiskLevel::word)
}

#[function_component(ProfileEditor)]
pub fn profile_editor(props: &Props) -> Html {
    let plan = &props.plan;
    let change = |f: Edit| {
        on_value(plan, &props.on_change, move |p, v| {
            if p.profiles.is_empty() {
                p.profiles.push(Profile::default());
            }
            f(p, v);
        })
    };
    let profiles: Vec<Profile> = if plan.profiles.is_empty() {
        vec![Profile::default()]
    } else {
        plan.profiles.clone()
    };
    let add_profile = on_click(plan, &props.on_change, |p| {
        let mut next = p.profiles.last().cloned().unwrap_or_default();
        next.date = None;
        p.profiles.push(next);
    });
    let draft = {
        let plan = plan.clone();
        let cb = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            let mut p = (*plan).clone();
            let Some(current) = p.profiles.last().cloned() else {
                return;
            };
            let year = current.date.map(|d| d.year);
            if p.header.period.is_empty() {
                if let Some(y) = year {
                    p.header.period = y.to_string();
                }
            }
            if p.dates.is_empty() {
                if let Some((_, to)) = p.period_years() {
                    p.dates = Plan::default_dates(to);
                }
            }
            library::draft_into(&mut p, &current.priorities());
            cb.emit(p);
        })
    };
    let priorities = plan
        .profiles
        .last()
        .map(Profile::priorities)
        .unwrap_or_default();
    let removed = match plan.profile_pair() {
        (Some(cur), Some(first)) => Some(removed_factors(first, cur)),
        _ => None,
    };
    html! {
        <section class="plan-step" aria-labelledby="plan-profile-h">
            <h2 id="plan-profile-h">{ "1. Рисковый профиль школы" }</h2>
            <p class="hint">{ "Уровни факторов риска — как их показывает ИС МЭДК по итогам анкетирования; калькулятор их не вычисляет." }</p>
            <table class="plan-profile">
                <thead><tr>
                    <th scope="col">{ "Фактор риска" }</th>
                    <th scope="col">{ "На что указывает проблемное поле ДТК" }</th>
                    { for profiles.iter().enumerate().map(|(k, p)| {
                        let id = format!("profile-{k}-date");
                        let on = change(Rc::new(move |pl: &mut Plan, v: String| {
                            if let Some(pr) = pl.profiles.get_mut(k) { pr.date = Date::parse(&v); }
                        }));
                        html! { <th scope="col">
                            <label for={id.clone()}>{ if k == 0 { "Анкетирование, дата" } else { "Повторное, дата" } }</label>
                            <input id={id} type="text" inputmode="numeric" placeholder="дд.мм.гггг" size="10"
                                value={p.date.map(|d| d.to_string()).unwrap_or_default()} onchange={on} />
                            <span class="print-only">{ p.date.map(|d| d.to_string()).unwrap_or_default() }</span>
                        </th> }
                    }) }
                </tr></thead>
                <tbody>
                    { for RISK_FACTORS.iter().map(|f| {
                        let n = f.number;
                        html! { <tr>
                            <th scope="row">{ format!("{}. {}", f.number, f.name) }</th>
                            <td class="suggested" id={format!("suggested-{n}")}>
                                { props.suggested.get(&n).map(|t| t.join("; ")).unwrap_or_default() }
                            </td>
                            { for profiles.iter().enumerate().map(|(k, p)| {
                                let id = format!("profile-{k}-factor-{n}");
                                let on = change(Rc::new(move |pl: &mut Plan, v: String| {
                                    if let Some(pr) = pl.profiles.get_mut(k) {
                                        match RiskLevel::parse(&v) {
                                            Some(l) => { pr.levels.insert(n, l); }
                                            None => { pr.levels.remove(&n); }
                                        }
                                    }
                                }));
                                let cur = level_value(p.levels.get(&n).copied());
                                html! { <td>
                                    <select id={id} aria-label={format!("Фактор {n}, анкетирование {}", k + 1)} onchange={on}>
                                        { for ["", "высокий", "средний", "низкий"].iter().map(|o| html! {
                                            <option value={*o} selected={*o == cur}>{ if o.is_empty() { "—" } else { o } }</option>
                                        }) }
                                    </select>
                                    <span class="print-only">{ cur }</span>
                                </td> }
                            }) }
                        </tr> }
                    }) }
                </tbody>
            </table>
            if let Some(removed) = removed {
                <p id="removed-factors">
                    <strong>{ "Устранённые факторы риска: " }</strong>
                    { if removed.is_empty() { "нет".to_string() } else { removed.iter().map(|f| factor_label(*f)).collect::<Vec<_>>().join("; ") } }
                </p>
            }
            <p class="plan-actions no-print">
                <button type="button" class="button" id="add-profile" onclick={add_profile}>{ "Добавить повторное анкетирование" }</button>
                <button type="button" class="button primary" id="draft-programmes" onclick={draft}
                    disabled={priorities.is_empty()}>
                    { "Составить антирисковые программы" }
                </button>
                <span class="hint">
                    { if priorities.is_empty() {
                        "Приоритетные факторы: отметьте высокий или средний уровень.".to_string()
                    } else {
                        format!("Приоритетные факторы (сначала высокий, затем средний, не более трёх): {}",
                            priorities.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "))
                    } }
                </span>
            </p>
        </section>
    }
}
