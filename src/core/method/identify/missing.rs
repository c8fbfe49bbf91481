//! The cells that decide a status (domain.md §1, «Missing data never decides a status
//! silently»): in: the facts of the year of identification and of the year before; out: each
//! expected-but-empty cell that alone would change the status, worded as the report says it
//! («если ВПР математика 6 кл. 2022-2023 окажется ≥ 30 % — ШНОР (Условие 1)»).

use serde::Serialize;

use super::{conditions, short_label, status_of, Settings, Status, YearFacts};
use crate::core::catalogue;
use crate::core::model::Year;
use crate::core::rules::LOW_PERCENT;

/// A missing cell that decides the status, or (with `procedure: None`) a whole school year the
/// file lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecidingCell {
    /// The procedure's code; `None` for «any procedure of a year the file lacks».
    pub procedure: Option<String>,
    /// «ВПР математика 6 кл.»
    pub label: String,
    pub year: Year,
    /// The status if this cell turns out ≥ 30 %.
    pub then: Status,
    /// «если ВПР математика 6 кл. 2022-2023 окажется ≥ 30 % — ШНОР (Условие 1)»
    pub text: String,
}

/// «(Условие 1)», «(Условие 2)», «(Условия 1 и 2)» — the conditions that would fire.
fn fired(c1: bool, c2: bool) -> &'static str {
    match (c1, c2) {
        (true, true) => " (Условия 1 и 2)",
        (true, false) => " (Условие 1)",
        (false, true) => " (Условие 2)",
        _ => "",
    }
}

/// The status with one more low procedure in `this` or `prev`, and the words for it.
fn with_one_more(
    this: &[&'static str],
    prev: &[&'static str],
    settings: &Settings,
) -> (Status, &'static str) {
    let status = status_of(this, prev, settings);
    let (_, c1, c2) = conditions(this, prev, settings);
    let why = if status == Status::Shnor {
        fired(c1, c2)
    } else {
        ""
    };
    (status, why)
}

/// The missing cells of `year` and the year before that decide the status. When no single cell
/// changes it but all of them together would, every missing cell is listed with the status
/// they reach together.
pub fn deciding(
    year: Year,
    this: &YearFacts,
    prev: &YearFacts,
    settings: &Settings,
) -> Vec<DecidingCell> {
    let base = status_of(&this.low, &prev.low, settings);
    let mut out = Vec::new();
    let plus = |list: &[&'static str], code: &'static str| -> Vec<&'static str> {
        list.iter().copied().chain([code]).collect()
    };
    for &code in &this.missing {
        let (then, why) = with_one_more(&plus(&this.low, code), &prev.low, settings);
        if then != base {
            out.push(cell(code, year, then, why));
        }
    }
    if !prev.in_file {
        // A year the file lacks is all missing: one entry for the year, not nine.
        let any = prev.missing.first().copied();
        if let Some(code) = any {
            let (then, why) = with_one_more(&this.low, &plus(&prev.low, code), settings);
            if then != base {
                out.push(DecidingCell {
                    procedure: None,
                    label: "любая учитываемая процедура".to_string(),
                    year: year.prev(),
                    then,
                    text: format!(
                        "если в {} хотя бы одна процедура окажется ≥ {LOW_PERCENT} % — {}{why} \
                         (в файле нет этого года: Условие 2 проверить нельзя)",
                        year.prev(),
                        then.label()
                    ),
                });
            }
        }
    } else {
        for &code in &prev.missing {
            let (then, why) = with_one_more(&this.low, &plus(&prev.low, code), settings);
            if then != base {
                out.push(cell(code, year.prev(), then, why));
            }
        }
    }
    if out.is_empty() {
        // Only together: every missing cell of the year, with what they reach together.
        let all_this: Vec<&'static str> = this.low.iter().chain(&this.missing).copied().collect();
        let all_prev: Vec<&'static str> = prev.low.iter().chain(&prev.missing).copied().collect();
        let (then, why) = with_one_more(&all_this, &all_prev, settings);
        if then != base {
            for (y, list) in [(year, &this.missing), (year.prev(), &prev.missing)] {
                for &code in list.iter() {
                    let mut c = cell(code, y, then, why);
                    c.text = format!("{} (вместе с другими пропусками)", c.text);
                    out.push(c);
                }
            }
        }
    }
    out
}

fn cell(code: &'static str, year: Year, then: Status, why: &str) -> DecidingCell {
    let label = catalogue::find(code).map(short_label).unwrap_or_default();
    DecidingCell {
        procedure: Some(code.to_string()),
        text: format!(
            "если {label} {year} окажется ≥ {LOW_PERCENT} % — {}{why}",
            then.label()
        ),
        label,
        year,
        then,
    }
}
