//! ДТК 3.4 «Ресурсные дефициты» computed from the plan (plans.md §4, domain.md §3): the
//! programmes and their names, the share answering the profile, the share of measures done with
//! the removed factors listed, the share of deficits removed with them listed. A pure function
//! of the plan and a monitoring date; `overlay` puts the values onto a `School` before its
//! report is built, so criterion 3's «Вывод / Проблема» read them like entered values.
//!
//! Choices written down:
//! * «соответствующих результатам анкетирования» = the programme's factor is rated высокий or
//!   средний in the current (latest) profile;
//! * «доля выполненных мероприятий» = done ÷ due at the date (the execution share): measures
//!   not yet due cannot be expected done, and the 80 % target is checked at monitoring dates;
//! * «устранённые факторы риска» = factors rated высокий or средний in the first profile and
//!   низкий in the latest, among the factors the programmes answer; «выявленные дефициты» =
//!   every factor rated высокий or средний in the first profile, «устранённые» = those now
//!   низкий. Both need two profiles; with one they stay empty.

use serde::Serialize;

use super::execution;
use super::model::{factor_label, removed_factors, Date, Plan};
use crate::core::catalogue;
use crate::core::model::{Loc, Num, School, Value, Year};

/// The 3.4 values from a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dtk34 {
    pub at: Date,
    pub programs: usize,
    pub programs_names: Vec<String>,
    /// Percent of programmes answering a high/medium factor; `None` without a profile.
    pub programs_matching: Option<f64>,
    pub measures_due: usize,
    pub measures_done_count: usize,
    /// done ÷ due in percent; `None` when nothing is due.
    pub measures_done: Option<f64>,
    /// Removed factors the programmes answer (needs two profiles).
    pub measures_list: Option<Vec<String>>,
    pub deficits_identified: usize,
    /// Percent of identified deficits removed (needs two profiles).
    pub deficits_removed: Option<f64>,
    pub deficits_list: Option<Vec<String>>,
}

/// Computes 3.4 at `at`; `None` when the plan has no programme and no measure.
pub fn compute(plan: &Plan, at: Date) -> Option<Dtk34> {
    if plan.programmes.is_empty() && plan.measures.is_empty() {
        return None;
    }
    let (current, first) = plan.profile_pair();
    let programs = plan.programmes.len();
    let programs_matching = current.filter(|_| programs > 0).map(|p| {
        let risky: Vec<u8> = p.risky().collect();
        let n = plan
            .programmes
            .iter()
            .filter(|g| g.factor.is_some_and(|f| risky.contains(&f)))
            .count();
        n as f64 * 100.0 / programs as f64
    });
    let t = execution::tally(plan, at);
    let (mut measures_list, mut deficits_removed, mut deficits_list) = (None, None, None);
    let mut deficits_identified = 0;
    if let (Some(cur), Some(first)) = (current, first) {
        let removed = removed_factors(first, cur);
        let answered: Vec<u8> = plan.programmes.iter().filter_map(|p| p.factor).collect();
        measures_list = Some(
            removed
                .iter()
                .filter(|f| answered.contains(f))
                .map(|f| factor_label(*f))
                .collect(),
        );
        deficits_identified = first.risky().count();
        deficits_removed = (deficits_identified > 0)
            .then(|| removed.len() as f64 * 100.0 / deficits_identified as f64);
        deficits_list = Some(removed.iter().map(|f| factor_label(*f)).collect());
    }
    Some(Dtk34 {
        at,
        programs,
        programs_names: plan.programmes.iter().map(|p| p.title.clone()).collect(),
        programs_matching,
        measures_due: t.due,
        measures_done_count: t.done,
        measures_done: t.share,
        measures_list,
        deficits_identified,
        deficits_removed,
        deficits_list,
    })
}

/// A percent as an exact one-decimal number with its group size.
fn percent(v: f64, of: usize) -> Value {
    Value::Percent {
        value: Num {
            mant: (v * 10.0).round() as i64,
            scale: 1,
        },
        of: u32::try_from(of).ok(),
    }
}

fn list(items: &[String]) -> Value {
    if items.is_empty() {
        Value::Text("нет".to_string())
    } else {
        Value::Text(items.join("; "))
    }
}

/// The values for the 3.4 indicator codes; an indicator the plan cannot give is left out (the
/// entered value, if any, stays).
pub fn values(d: &Dtk34) -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = vec![
        ("risk.programs", Value::Number(Num::int(d.programs as i64))),
        ("risk.programs_names", list(&d.programs_names)),
    ];
    if let Some(v) = d.programs_matching {
        out.push(("risk.programs_matching", percent(v, d.programs)));
    }
    if let Some(v) = d.measures_done {
        out.push(("risk.measures_done", percent(v, d.measures_due)));
    }
    if let Some(l) = &d.measures_list {
        out.push(("risk.measures_list", list(l)));
    }
    if let Some(v) = d.deficits_removed {
        out.push(("risk.deficits_removed", percent(v, d.deficits_identified)));
    }
    if let Some(l) = &d.deficits_list {
        out.push(("risk.deficits_list", list(l)));
    }
    out
}

/// Puts the plan's 3.4 values onto the school in `year` (default: its latest year), replacing
/// entered ones; the cell's column says «план на 15.09.2024» so the report shows the source.
/// Returns the codes replaced.
pub fn overlay(school: &mut School, d: &Dtk34, year: Option<Year>) -> Vec<&'static str> {
    let Some(year) = year.or_else(|| school.years.last().copied()) else {
        return Vec::new();
    };
    let mut done = Vec::new();
    for (code, value) in values(d) {
        let Some(ind) = catalogue::find(code) else {
            continue;
        };
        let loc = Loc {
            row: None,
            column: Some(format!("план на {}", d.at)),
        };
        school.set(ind.code, year, value, loc);
        done.push(ind.code);
    }
    done
}
