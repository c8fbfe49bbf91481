//! «Готово к сдаче?» — the self-check of a school's ДТК (issue 11): in: the report's indicator
//! rows, identification and retake diagnostics; out: per block how many of the form's
//! indicators are filled in each year, the missing ones by the form's wording, the cross-checks
//! that failed, the empty cells that would decide the status, and one line on top
//! («Можно сдавать» / «Не хватает 7 показателей, 2 противоречия»).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::core::catalogue::{self, Kind, SECTIONS};
use crate::core::method::conclude::parents_sum_off;
use crate::core::method::identify::{retake, Identification};
use crate::core::method::rows::IndicatorRow;
use crate::core::model::{DiagnosticKind, School, Value, Year};
use crate::core::ru;

/// How full one block of the form is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockFill {
    /// «1.2»
    pub number: String,
    /// «1.2. Качество образования»
    pub heading: String,
    /// The form's indicators of the block.
    pub total: usize,
    /// Filled per school year («н/п» counts as filled: not held is an answer).
    pub filled: BTreeMap<Year, usize>,
}

/// A form indicator not filled in the latest year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingIndicator {
    pub code: String,
    pub section: String,
    /// What the form calls it.
    pub label: String,
}

/// The self-check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    /// No missing indicator, no contradiction, no deciding cell.
    pub ready: bool,
    /// «Можно сдавать» / «Не хватает 7 показателей, 2 противоречия»
    pub headline: String,
    /// The year the missing ones are checked in (the latest of the file).
    pub year: Option<Year>,
    pub blocks: Vec<BlockFill>,
    pub missing: Vec<MissingIndicator>,
    pub contradictions: Vec<String>,
    /// The empty cells that would decide the status (identification, domain.md §1).
    pub deciding: Vec<String>,
}

/// Whether a cell answers the form's question (a value or «н/п»).
fn answered(v: &Value) -> bool {
    v.is_present() || matches!(v, Value::NotHeld)
}

/// The self-check of one school's report.
pub fn check(school: &School, rows: &[IndicatorRow], ident: &Identification) -> Readiness {
    let year = school.years.last().copied();
    let form: Vec<&IndicatorRow> = rows
        .iter()
        .filter(|r| !r.computed)
        .filter(|r| catalogue::find(&r.code).is_some_and(|i| i.in_template))
        .collect();
    let blocks = SECTIONS
        .iter()
        .map(|s| {
            let here: Vec<&&IndicatorRow> = form.iter().filter(|r| r.section == s.id).collect();
            BlockFill {
                number: s.number.to_string(),
                heading: s.heading(),
                total: here.len(),
                filled: school
                    .years
                    .iter()
                    .map(|y| {
                        let n = here
                            .iter()
                            .filter(|r| r.raw.get(y).is_some_and(answered))
                            .count();
                        (*y, n)
                    })
                    .collect(),
            }
        })
        .collect();
    // Text items (2.3, lists) are written once, in any year; the rest in the latest year. A
    // 3.2–3.4 indicator described in words («Описание») is answered.
    let missing: Vec<MissingIndicator> = form
        .iter()
        .filter(|r| r.description.is_none())
        .filter(|r| match (r.kind, year) {
            (Kind::Text, _) => !r.raw.values().any(answered),
            (_, Some(y)) => !r.raw.get(&y).is_some_and(answered),
            (_, None) => true,
        })
        .filter_map(|r| {
            let ind = catalogue::find(&r.code)?;
            Some(MissingIndicator {
                code: r.code.clone(),
                section: catalogue::section(ind.section)?.number.to_string(),
                label: catalogue::full_label(ind),
            })
        })
        .collect();
    let mut contradictions: Vec<String> = Vec::new();
    let all: Vec<&IndicatorRow> = rows.iter().collect();
    if let Some(t) = parents_sum_off(&all) {
        contradictions.push(ru::capitalize(&t));
    }
    contradictions.extend(
        retake::diagnostics(school)
            .into_iter()
            .filter(|d| d.kind == DiagnosticKind::RetakeAboveMain)
            .map(|d| d.message),
    );
    let deciding: Vec<String> = ident
        .deciding_missing
        .iter()
        .map(|d| ru::capitalize(&d.text))
        .collect();
    let ready = missing.is_empty() && contradictions.is_empty() && deciding.is_empty();
    let headline = if ready {
        "Можно сдавать".to_string()
    } else {
        let mut parts = Vec::new();
        if !missing.is_empty() {
            parts.push(ru::count(
                missing.len() as u64,
                "показателя",
                "показателей",
                "показателей",
            ));
        }
        let mut line = if parts.is_empty() {
            String::new()
        } else {
            format!("Не хватает {}", parts.join(""))
        };
        if !contradictions.is_empty() {
            let c = ru::count(
                contradictions.len() as u64,
                "противоречие",
                "противоречия",
                "противоречий",
            );
            line = if line.is_empty() {
                ru::capitalize(&c)
            } else {
                format!("{line}, {c}")
            };
        }
        if !deciding.is_empty() {
            let d = format!(
                "статус решают {}",
                ru::count(
                    deciding.len() as u64,
                    "пустая ячейка",
                    "пустые ячейки",
                    "пустых ячеек"
                )
            );
            line = if line.is_empty() {
                ru::capitalize(&d)
            } else {
                format!("{line}; {d}")
            };
        }
        line
    };
    Readiness {
        ready,
        headline,
        year,
        blocks,
        missing,
        contradictions,
        deciding,
    }
}
