//! How to leave the list (domain.md §1): in: a ШНОР or «зона риска» school's results of the
//! year of identification; out: for every counted procedure the largest number of «2» /
//! below-minimum next year that stays under 30 % for last year's participants, and which
//! condition next year's results would keep alive. A planning aid, never a forecast.

use serde::Serialize;

use super::{counted, outcome, short_label, Settings, Status};
use crate::core::catalogue::{self, Indicator};
use crate::core::model::{School, Year};
use crate::core::rules::LOW_PERCENT;

/// The next year's ceiling of one procedure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ceiling {
    pub procedure: String,
    /// «ВПР математика 5 кл.»
    pub label: String,
    /// The participants of the year of identification the ceiling is worked from.
    pub participants: u32,
    /// The most failed that stay under 30 %: 10·f < 3·n.
    pub max_failed: u32,
    /// «ВПР математика 5 кл.: не более 8 «2» из 28»
    pub text: String,
}

/// The largest `f` with 10·f < 3·n, i.e. f/n < 30 % (the same exact rule as «low»).
pub fn max_failed_under_30(n: u32) -> u32 {
    (3 * n as u64).saturating_sub(1) as u32 / 10
}

/// «2» for ВПР, «ниже минимума» for the exams.
fn what_fails(ind: &Indicator) -> &'static str {
    match ind.procedure {
        Some(catalogue::ProcKind::Vpr) => "«2»",
        _ => "не преодолевших минимум",
    }
}

/// The ceilings for next year (empty unless the status is ШНОР or «зона риска»).
pub fn ceilings(school: &School, year: Year, status: Status, settings: &Settings) -> Vec<Ceiling> {
    if !matches!(status, Status::Shnor | Status::Risk) {
        return Vec::new();
    }
    counted(settings)
        .filter_map(|ind| {
            let n = outcome(school, ind, year, settings)
                .0
                .participants()
                .filter(|n| *n > 0)?;
            let max = max_failed_under_30(n);
            let label = short_label(ind);
            Some(Ceiling {
                procedure: ind.code.to_string(),
                text: format!("{label}: не более {max} {} из {n}", what_fails(ind)),
                label,
                participants: n,
                max_failed: max,
            })
        })
        .collect()
}

/// Which condition next year's results would keep alive, in one sentence.
pub fn note(year: Year, status: Status) -> Option<String> {
    let next = Year(year.0 + 1);
    match status {
        Status::Shnor | Status::Risk => Some(format!(
            "Чтобы выйти из списка по результатам {next}, ни одна процедура не должна дать ≥ {LOW_PERCENT} %: \
             одна такая вместе с низким результатом {year} даст Условие 2, две — Условие 1. \
             Потолки посчитаны от числа участников {year}; это ориентир для планирования, \
             не прогноз."
        )),
        _ => None,
    }
}
