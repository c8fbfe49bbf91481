//! The МОУО «Информационная карта по реализации плана (дорожной карты)» (seed 001,
//! Приложение 2 of the regional model; plans.md §4): section 1 — the plan's characteristics
//! from its header; section 2 — execution in % of each measure at the monitoring dates;
//! section 3 — shares of schools with an internal system of prevention of academic failure,
//! with individual routes (ИОМ) for 100 % of failing pupils, with extra lessons for 100 % of
//! failing pupils (per-school да/нет), and the practices disseminated; then «Вывод» and
//! «Проблема».
//!
//! In: a municipal `Plan` and its `Card` data (both of `model`, the data re-exported here);
//! the execution at each date from `execution`. Out: `CardReport`.

use serde::Serialize;

use super::execution;
use super::model::{Date, Mark, Plan};
use crate::core::read::table::Table;
use crate::core::ru;

/// The card's own data is part of the plan document, kept in `model`.
pub use super::model::{Card, Practice, SchoolAnswers};

/// The three section-3 indicators, in the card's order and wording.
pub const INDICATORS: [&str; 3] = [
    "Доля школ, в которых разработана и реализуется внутришкольная система профилактики учебной неуспешности",
    "Доля школ, в которых разработаны индивидуальные образовательные маршруты для 100% неуспевающих",
    "Доля школ, в которых организованы дополнительные занятия для 100% неуспевающих с целью ликвидации отставания по учебной программе",
];

/// Section 2 row: a measure and its execution % at each date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureRow {
    #[serde(rename = "№")]
    pub number: String,
    pub text: String,
    pub percents: Vec<Option<f64>>,
}

/// Section 3 share: schools answering «да» of those answering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub label: &'static str,
    pub yes: usize,
    pub answered: usize,
    pub percent: Option<f64>,
}

/// The card as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardReport {
    pub section1: Vec<(String, String)>,
    pub dates: Vec<Date>,
    pub section2: Vec<MeasureRow>,
    /// Execution of the whole road map at each date (done ÷ due, %).
    pub execution: Vec<Option<f64>>,
    pub section3: Vec<Share>,
    pub practices: Vec<Practice>,
    pub conclusion: String,
    pub problem: String,
}

/// A mark as «Исполнение, %»: a percent as given, выполнено 100, other statuses 0.
fn percent_of(mark: Option<Mark>) -> Option<f64> {
    match mark? {
        Mark::Percent(p) => Some(p),
        m if m.is_done() => Some(100.0),
        Mark::Status(super::model::Status::Cancelled) => None,
        Mark::Status(_) => Some(0.0),
    }
}

/// Builds the card.
pub fn build(plan: &Plan, card: &Card) -> CardReport {
    let h = &plan.header;
    let dates = if plan.dates.is_empty() {
        plan.all_dates()
    } else {
        plan.dates.clone()
    };
    let section1 = vec![
        (
            "Наименование плана (дорожной карты)".to_string(),
            h.name.clone(),
        ),
        (
            "Орган управления образованием".to_string(),
            h.organisation.clone(),
        ),
        ("Период реализации".to_string(), h.period.clone()),
        (
            "Утверждение (должность, дата)".to_string(),
            h.approval.clone(),
        ),
        (
            "Количество мероприятий".to_string(),
            plan.measures.len().to_string(),
        ),
        (
            "Ответственный за реализацию плана, контактные данные".to_string(),
            [h.responsible.as_str(), h.contact.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ];
    let section2 = plan
        .measures
        .iter()
        .map(|m| MeasureRow {
            number: m.number.clone(),
            text: m.text.clone(),
            percents: dates.iter().map(|d| percent_of(m.mark_at(*d))).collect(),
        })
        .collect();
    let execution: Vec<Option<f64>> = dates
        .iter()
        .map(|d| execution::tally(plan, *d).share)
        .collect();
    let pick: [fn(&SchoolAnswers) -> Option<bool>; 3] =
        [|s| s.prevention, |s| s.routes, |s| s.lessons];
    let section3: Vec<Share> = INDICATORS
        .iter()
        .zip(pick)
        .map(|(label, f)| {
            let answered = card.schools.iter().filter(|s| f(s).is_some()).count();
            let yes = card.schools.iter().filter(|s| f(s) == Some(true)).count();
            Share {
                label,
                yes,
                answered,
                percent: (answered > 0).then(|| yes as f64 * 100.0 / answered as f64),
            }
        })
        .collect();
    let target = plan.header.level.target_percent();
    let mut said = Vec::new();
    let mut problems = Vec::new();
    if let (Some(d), Some(Some(v))) = (dates.last(), execution.last()) {
        said.push(format!(
            "Исполнение плана (дорожной карты) на {d} — {} (целевое значение — не менее {}).",
            ru::percent(*v),
            ru::percent(target).replace(",0", "")
        ));
        if *v < target {
            problems.push(format!(
                "исполнение плана на {d} ниже целевого значения ({})",
                ru::percent(*v)
            ));
        }
    }
    for s in &section3 {
        if let Some(p) = s.percent {
            said.push(format!(
                "{} — {} ({} из {}).",
                s.label,
                ru::percent(p),
                s.yes,
                s.answered
            ));
            if s.yes < s.answered {
                problems.push(format!(
                    "{} — {}",
                    ru::capitalize(&s.label.to_lowercase()),
                    ru::percent(p)
                ));
            }
        }
    }
    said.push(format!(
        "Распространено успешных практик: {}.",
        card.practices.len()
    ));
    let conclusion = said.join(" ");
    let problem = if problems.is_empty() {
        "Не выявлена.".to_string()
    } else {
        ru::capitalize(&format!("{}.", problems.join("; ")))
    };
    CardReport {
        section1,
        dates,
        section2,
        execution,
        section3,
        practices: card.practices.clone(),
        conclusion,
        problem,
    }
}

fn yes_no(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "да" | "есть" | "+" | "1" => Some(true),
        "нет" | "-" | "0" => Some(false),
        _ => None,
    }
}

/// Reads per-school answers from a table: a school column («ОО», «Школа», «Наименование») and
/// three да/нет columns recognised by «систем», «маршрут|ИОМ», «заняти».
pub fn schools_from_table(t: &Table) -> Vec<SchoolAnswers> {
    let Some(head) = t.rows.first() else {
        return Vec::new();
    };
    let find = |words: &[&str]| {
        head.cells.iter().position(|c| {
            let c = c.to_lowercase();
            words.iter().any(|w| c.contains(w))
        })
    };
    let school = find(&["оо", "школ", "наименован", "организац"]).unwrap_or(0);
    let prevention = find(&["систем"]);
    let routes = find(&["маршрут", "иом"]);
    let lessons = find(&["заняти"]);
    let at =
        |row: &crate::core::read::table::Row, j: Option<usize>| j.and_then(|j| yes_no(row.get(j)));
    t.rows
        .iter()
        .skip(1)
        .filter(|r| !r.get(school).trim().is_empty())
        .map(|r| SchoolAnswers {
            school: r.get(school).trim().to_string(),
            prevention: at(r, prevention),
            routes: at(r, routes),
            lessons: at(r, lessons),
        })
        .collect()
}
