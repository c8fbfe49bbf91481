//! The identification table: a school and the settings in; one row per procedure present in
//! the data (counted or not) with a cell per year — its state, the exact numbers, the display
//! text and the mark statistics — out. `gaps` marks its expected empty and deciding cells.

use serde::Serialize;

use crate::core::catalogue::{Indicator, INDICATORS};
use crate::core::model::{School, Value};
use crate::core::ru;

use super::facts::{outcome, procedures, Outcome};
use super::{short_label, CellState, ProcCell, ProcRow, Settings};

/// Counts and shares computed from marks «2»…«5»: общая/качественная успеваемость, СОУ, средний
/// балл (domain.md, «Formulas for marks»).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MarkStats {
    /// (n5+n4+n3)/N, %.
    pub success: f64,
    /// (n5+n4)/N, %.
    pub quality: f64,
    /// (100·n5 + 64·n4 + 36·n3 + 16·n2)/N, %.
    pub sou: f64,
    /// (5n5+4n4+3n3+2n2)/N.
    pub mean: f64,
}

/// Computes the mark statistics; `None` when there are no marks.
pub fn mark_stats(m: &crate::core::model::Marks) -> Option<MarkStats> {
    let n = m.total() as f64;
    if n == 0.0 {
        return None;
    }
    let (n2, n3, n4, n5) = (m.n2 as f64, m.n3 as f64, m.n4 as f64, m.n5 as f64);
    Some(MarkStats {
        success: (n5 + n4 + n3) * 100.0 / n,
        quality: (n5 + n4) * 100.0 / n,
        sou: (100.0 * n5 + 64.0 * n4 + 36.0 * n3 + 16.0 * n2) / n,
        mean: (5.0 * n5 + 4.0 * n4 + 3.0 * n3 + 2.0 * n2) / n,
    })
}

/// The identification table: every procedure present in the data or counted, × every year.
pub fn table(school: &School, settings: &Settings) -> Vec<ProcRow> {
    procedures(school, settings)
        .filter(|ind| {
            school.cells.contains_key(ind.code)
                || INDICATORS
                    .iter()
                    .any(|r| r.retake_of == Some(ind.code) && school.cells.contains_key(r.code))
        })
        .map(|ind| proc_row(school, ind, settings))
        .collect()
}

/// One procedure across the file's years, as the identification table shows it.
pub(super) fn proc_row(school: &School, ind: &'static Indicator, settings: &Settings) -> ProcRow {
    ProcRow {
        code: ind.code.to_string(),
        label: short_label(ind),
        counted: settings.procedures.iter().any(|p| p == ind.code),
        cells: school
            .years
            .iter()
            .map(|&year| {
                let (o, retake_used) = outcome(school, ind, year, settings);
                let marks = match school.value(ind.code, year) {
                    Value::Ratio { marks: Some(m), .. } if !retake_used => mark_stats(m),
                    _ => None,
                };
                let state = match o {
                    Outcome::NotHeld => CellState::NotHeld,
                    Outcome::NoData => CellState::NoData,
                    o if o.is_low() => CellState::Low,
                    _ => CellState::Ok,
                };
                let mut text = result_text(o);
                // An unreadable cell is an error where it stands, not «нет данных».
                if let (Value::Invalid(raw), false) = (school.value(ind.code, year), retake_used) {
                    text = format!("ошибка: «{raw}»");
                }
                if retake_used {
                    text.push_str(" — после пересдачи");
                }
                ProcCell {
                    year,
                    state,
                    failed: match o {
                        Outcome::Ratio { failed, .. } => Some(failed),
                        _ => None,
                    },
                    participants: o.participants(),
                    percent: o.percent(),
                    text,
                    small_sample: o
                        .participants()
                        .is_some_and(|n| n < crate::core::rules::SMALL_SAMPLE),
                    retake_used,
                    marks,
                    expected_empty: false,
                    deciding: false,
                }
            })
            .collect(),
    }
}

/// The display of a result: «36,7 % (11 из 30)».
pub(super) fn result_text(o: Outcome) -> String {
    match o {
        Outcome::NotHeld => "не проводилась".to_string(),
        Outcome::NoData => "нет данных".to_string(),
        Outcome::Ratio { failed, of } => format!(
            "{} ({failed} из {of})",
            ru::percent(failed as f64 * 100.0 / of as f64)
        ),
        Outcome::Percent { value, of } => match of {
            Some(n) => format!("{} (из {n})", ru::percent(value.to_f64())),
            None => ru::percent(value.to_f64()),
        },
    }
}
