//! Execution of a plan at a monitoring date (plans.md §4): which measures are due, done and
//! overdue, the share done ÷ due and the mean percent, by programme, risk factor and
//! responsible, the change since the previous date, and the target with its «Проблема».
//!
//! In: a `Plan` and a date. Out: `Summary` (serialisable: the CLI's `--json` and the page show
//! the same numbers).

use std::collections::BTreeMap;

use serde::Serialize;

use super::deadline;
use super::model::{factor_label, Date, Mark, Measure, Plan, Status};
use crate::core::ru;

/// Where a measure stands at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Cancelled at that date: left out of every count.
    Cancelled,
    /// The wording names no date («по отдельному графику»).
    Undated,
    /// Its due date is after the monitoring date.
    NotYetDue,
    /// Due and done (выполнено or 100 %).
    Done,
    /// Due and not done.
    Overdue,
}

/// A measure's state at `at`, with the due date it was judged by.
pub fn state(m: &Measure, at: Date, period: Option<(u16, u16)>) -> (State, Option<Date>) {
    if m.mark_at(at) == Some(Mark::Status(Status::Cancelled)) {
        return (State::Cancelled, None);
    }
    let rule = deadline::parse(&m.deadline);
    let Some(due) = deadline::due_date(rule, at, period) else {
        return (State::Undated, None);
    };
    let mark = mark_for(m, rule, due, at);
    let st = if due > at {
        State::NotYetDue
    } else if mark.is_some_and(Mark::is_done) {
        State::Done
    } else {
        State::Overdue
    };
    (st, Some(due))
}

/// The mark that counts: the latest on or before `at`; for a yearly measure only one made in
/// the year of its due date (September 2023's «выполнено» does not do 2024's work).
fn mark_for(m: &Measure, rule: deadline::Rule, due: Date, at: Date) -> Option<Mark> {
    let yearly = matches!(rule, deadline::Rule::Yearly { .. });
    m.marks
        .iter()
        .filter(|(d, _)| *d <= at && (!yearly || d.year == due.year))
        .max_by_key(|(d, _)| *d)
        .map(|(_, k)| *k)
}

/// An overdue measure as the CLI and the page list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overdue {
    #[serde(rename = "№")]
    pub number: String,
    pub text: String,
    pub deadline: String,
    pub responsible: String,
    /// The due date the deadline was read as.
    pub due_date: Date,
}

/// Counts at one date for a set of measures.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Tally {
    pub due: usize,
    pub done: usize,
    /// done ÷ due in percent; `None` when nothing is due.
    pub share: Option<f64>,
    /// The mean percent of due measures whose execution is given as a percent.
    pub mean_percent: Option<f64>,
    pub not_yet_due: usize,
    pub cancelled: usize,
    /// Measures whose deadline names no date.
    pub undated: usize,
    pub overdue: Vec<Overdue>,
    #[serde(skip)]
    percent_sum: f64,
    #[serde(skip)]
    percent_n: usize,
}

impl Tally {
    fn add(&mut self, m: &Measure, at: Date, period: Option<(u16, u16)>) {
        let (st, due) = state(m, at, period);
        match st {
            State::Cancelled => self.cancelled += 1,
            State::Undated => self.undated += 1,
            State::NotYetDue => self.not_yet_due += 1,
            State::Done | State::Overdue => {
                self.due += 1;
                let rule = deadline::parse(&m.deadline);
                let mark = due.and_then(|d| mark_for(m, rule, d, at));
                if let Some(Mark::Percent(p)) = mark {
                    self.percent_sum += p;
                    self.percent_n += 1;
                }
                if st == State::Done {
                    self.done += 1;
                } else if let Some(due_date) = due {
                    self.overdue.push(Overdue {
                        number: m.number.clone(),
                        text: m.text.clone(),
                        deadline: m.deadline.clone(),
                        responsible: m.responsible.clone(),
                        due_date,
                    });
                }
            }
        }
    }

    fn finish(mut self) -> Tally {
        self.share = (self.due > 0).then(|| self.done as f64 * 100.0 / self.due as f64);
        self.mean_percent = (self.percent_n > 0).then(|| self.percent_sum / self.percent_n as f64);
        self
    }
}

/// One group's tally (a programme, a factor, a responsible).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub name: String,
    #[serde(flatten)]
    pub tally: Tally,
}

/// The whole plan's execution at a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Execution {
    pub at: Date,
    #[serde(flatten)]
    pub tally: Tally,
    /// The target in percent (80 school, 90 municipality).
    pub target: f64,
    /// The previous monitoring date and the share then, when there is one.
    pub previous: Option<Previous>,
    /// «Вывод»: what the numbers show.
    pub conclusion: String,
    /// «Проблема» when the target is missed.
    pub problem: Option<String>,
}

/// The share at the previous monitoring date and the change since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Previous {
    pub at: Date,
    pub share: Option<f64>,
    /// Change of the share in percentage points.
    pub change_pp: Option<f64>,
}

/// Execution with its breakdowns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub execution: Execution,
    pub by_programme: Vec<Group>,
    pub by_factor: Vec<Group>,
    pub by_responsible: Vec<Group>,
}

/// The tally of every measure at a date.
pub fn tally(plan: &Plan, at: Date) -> Tally {
    let period = plan.period_years();
    let mut t = Tally::default();
    for m in &plan.measures {
        t.add(m, at, period);
    }
    t.finish()
}

fn grouped<'a>(plan: &'a Plan, at: Date, keys: impl Fn(&'a Measure) -> Vec<String>) -> Vec<Group> {
    let period = plan.period_years();
    let mut order: Vec<String> = Vec::new();
    let mut map: BTreeMap<String, Tally> = BTreeMap::new();
    for m in &plan.measures {
        for k in keys(m) {
            if !map.contains_key(&k) {
                order.push(k.clone());
            }
            map.entry(k).or_default().add(m, at, period);
        }
    }
    order
        .into_iter()
        .filter_map(|name| {
            let tally = map.remove(&name)?.finish();
            Some(Group { name, tally })
        })
        .collect()
}

/// The factors a measure serves: its own, else its programme's.
pub fn measure_factors(plan: &Plan, m: &Measure) -> Vec<u8> {
    if !m.factors.is_empty() {
        return m.factors.clone();
    }
    plan.programmes
        .iter()
        .filter(|p| !m.programme.is_empty() && p.title == m.programme)
        .filter_map(|p| p.factor)
        .collect()
}

/// The responsible named in a cell, split at commas and semicolons («УО, МКУ РМЦ» → two).
pub fn responsibles(cell: &str) -> Vec<String> {
    let parts: Vec<String> = cell
        .split([',', ';'])
        .map(|s| s.trim().trim_end_matches('.').trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        vec!["не указан".to_string()]
    } else {
        parts
    }
}

/// Execution at `at` with breakdowns, the previous date's share and the verdict.
pub fn summarize(plan: &Plan, at: Date) -> Summary {
    let t = tally(plan, at);
    let target = plan.header.level.target_percent();
    let previous = plan
        .all_dates()
        .into_iter()
        .filter(|d| *d < at)
        .max()
        .map(|d| {
            let share = tally(plan, d).share;
            let change_pp = share.zip(t.share).map(|(a, b)| b - a);
            Previous {
                at: d,
                share,
                change_pp,
            }
        });
    let (conclusion, problem) = verdict(&t, at, target, previous.as_ref());
    let execution = Execution {
        at,
        tally: t,
        target,
        previous,
        conclusion,
        problem,
    };
    Summary {
        execution,
        by_programme: grouped(plan, at, |m| {
            let name = if !m.programme.is_empty() {
                m.programme.clone()
            } else if !m.section.is_empty() {
                m.section.clone()
            } else {
                "без программы".to_string()
            };
            vec![name]
        }),
        by_factor: grouped(plan, at, |m| {
            let f = measure_factors(plan, m);
            if f.is_empty() {
                vec!["фактор не указан".to_string()]
            } else {
                f.into_iter().map(factor_label).collect()
            }
        }),
        by_responsible: grouped(plan, at, |m| responsibles(&m.responsible)),
    }
}

/// «Вывод» and «Проблема» of execution (targets: seed 001, plans.md §4).
fn verdict(t: &Tally, at: Date, target: f64, prev: Option<&Previous>) -> (String, Option<String>) {
    let Some(share) = t.share else {
        let text = format!(
            "На {at} срок ни одного мероприятия не наступил ({}).",
            ru::count(
                t.not_yet_due as u64,
                "мероприятие впереди",
                "мероприятия впереди",
                "мероприятий впереди"
            )
        );
        return (text, None);
    };
    let mut text = format!(
        "На {at} срок наступил у {}, выполнено {} — {} (целевое значение — не менее {}).",
        ru::count(t.due as u64, "мероприятия", "мероприятий", "мероприятий"),
        t.done,
        ru::percent(share),
        ru::percent(target).replace(",0", ""),
    );
    if !t.overdue.is_empty() {
        text.push_str(&format!(
            " Не выполнено в срок: {}.",
            ru::count(
                t.overdue.len() as u64,
                "мероприятие",
                "мероприятия",
                "мероприятий"
            )
        ));
    }
    if let Some(mp) = t.mean_percent {
        text.push_str(&format!(" Среднее исполнение — {}.", ru::percent(mp)));
    }
    if let Some(Previous {
        at: p,
        change_pp: Some(d),
        ..
    }) = prev
    {
        // «п.п.» ends the sentence itself.
        text.push_str(&format!(" Изменение с {p}: {}", ru::pp(*d)));
    }
    let problem = (share < target).then(|| {
        format!(
            "Исполнение плана на {at} — {} ({} из {}), ниже целевого значения не менее {} \
             (источник: региональная модель, seed 001).",
            ru::percent(share),
            t.done,
            t.due,
            ru::percent(target).replace(",0", ""),
        )
    });
    (text, problem)
}
