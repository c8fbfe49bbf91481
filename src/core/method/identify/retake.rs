//! Retake cells («повторно», domain.md §1 and formats.md A): in: a school; out: each retake
//! share re-based on the participants of the main exam, and the diagnostics that say where a file
//! wrote `failed after retake / retakers` or gave an after-retake share above the main one.
//!
//! The form's two shares («Русский язык / Русский язык (повторно), %») have one denominator:
//! all participants of the main exam. A file that divided by the retakers makes the school look
//! worse (3/7 = 43 % where the truth is 3/39 = 7,7 %).

use std::borrow::Cow;

use crate::core::catalogue::{Indicator, INDICATORS};
use crate::core::model::{Diagnostic, DiagnosticKind, Loc, School, Severity, Value, Year};
use crate::core::ru;

/// What a retake cell means once it is set beside its main cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Retake {
    /// No retake result in this year.
    None,
    /// Already of the main participants (or a percentage beside a main result).
    Same(Value),
    /// `a/b` with `b` not the main participants: re-based to `a/main`.
    Rebased { value: Value, written: String },
    /// No main result to re-base on: shown as written, left out of identification.
    NoMain,
    /// After the retake more failed than in the main period: impossible, left out.
    AboveMain { written: String },
}

/// The retake row of a main procedure (ЕГЭ «Математика (повторно)» pairs with the base level).
pub fn retake_of(main: &Indicator) -> Option<&'static Indicator> {
    // Asked for every procedure of every school and year of a national file: the few retake
    // rows of the catalogue are listed once, not looked for among all its rows each time.
    static RETAKES: std::sync::OnceLock<Vec<&'static Indicator>> = std::sync::OnceLock::new();
    if main.retake_of.is_some() {
        return None;
    }
    RETAKES
        .get_or_init(|| {
            INDICATORS
                .iter()
                .filter(|r| r.retake_of.is_some())
                .collect()
        })
        .iter()
        .copied()
        .find(|r| r.retake_of == Some(main.code))
}

/// Sets the retake cell of `main` in `year` beside its main cell.
pub fn rebase(school: &School, main: &Indicator, year: Year) -> Retake {
    let Some(r) = retake_of(main) else {
        return Retake::None;
    };
    let retake = school.value(r.code, year);
    let main_v = school.value(main.code, year);
    let main_share = main_v.number();
    match retake {
        Value::Ratio { part, whole, .. } => {
            let written = format!("{part}/{whole}");
            let Some(n) = main_v.group_size().filter(|n| *n > 0) else {
                return Retake::NoMain;
            };
            // Exactly: part/n > main share ⇔ after the retake more failed than before.
            let above = match main_v {
                Value::Ratio { part: f, .. } => part > f,
                _ => main_share.is_some_and(|m| *part as f64 * 100.0 / n as f64 > m + 1e-9),
            };
            if above || *part > n {
                return Retake::AboveMain { written };
            }
            let value = Value::Ratio {
                part: *part,
                whole: n,
                marks: None,
            };
            if *whole == n {
                Retake::Same(value)
            } else {
                Retake::Rebased { value, written }
            }
        }
        Value::Percent { value, .. } => match main_share {
            None => Retake::NoMain,
            Some(m) if value.to_f64() > m + 1e-9 => Retake::AboveMain {
                written: ru::percent(value.to_f64()),
            },
            Some(_) => Retake::Same(retake.clone()),
        },
        _ => Retake::None,
    }
}

/// The school with every re-basable retake cell re-based (borrowed when nothing changes), for
/// the report's rows; identification re-bases on the fly through [`rebase`].
pub fn with_rebased(school: &School) -> Cow<'_, School> {
    let mut out = Cow::Borrowed(school);
    for main in INDICATORS.iter().filter(|i| retake_of(i).is_some()) {
        let r = retake_of(main).expect("filtered");
        for &year in &school.years {
            if let Retake::Rebased { value, .. } = rebase(school, main, year) {
                out.to_mut()
                    .set(r.code, year, value, loc_of(school, r.code, year));
            }
        }
    }
    out
}

/// Where a cell stood in the file (the re-based value and the diagnostics point there).
fn loc_of(school: &School, code: &str, year: Year) -> Loc {
    school
        .cells
        .get(code)
        .and_then(|m| m.get(&year))
        .map(|c| c.loc.clone())
        .unwrap_or_default()
}

/// The diagnostics of the retake cells: re-based, impossible, or without a main row.
pub fn diagnostics(school: &School) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for main in INDICATORS.iter().filter(|i| retake_of(i).is_some()) {
        let r = retake_of(main).expect("filtered");
        for &year in &school.years {
            let loc = loc_of(school, r.code, year);
            let main_text = match school.value(main.code, year) {
                Value::Ratio { part, whole, .. } => format!("{part}/{whole}"),
                v => v.number().map(ru::percent).unwrap_or_default(),
            };
            let (kind, written, message) = match rebase(school, main, year) {
                Retake::Rebased { value, written } => (
                    DiagnosticKind::RetakeRebased,
                    written,
                    format!(
                        "{} {year}: доля после пересдачи считается от всех участников основного \
                         экзамена ({main_text}), а не от пересдававших — пересчитано: {}",
                        r.label,
                        crate::core::method::rows::display(&value, r.kind)
                    ),
                ),
                Retake::AboveMain { written } => (
                    DiagnosticKind::RetakeAboveMain,
                    written,
                    format!(
                        "{} {year}: после пересдачи не может быть больше, чем в основной период \
                         ({main_text}) — в идентификации не учитывается",
                        r.label
                    ),
                ),
                Retake::NoMain => (
                    DiagnosticKind::RetakeWithoutMain,
                    String::new(),
                    format!(
                        "{} {year}: нет результата основного периода — пересдачу не с чем \
                         сопоставить, в идентификации она не учитывается",
                        r.label
                    ),
                ),
                _ => continue,
            };
            out.push(Diagnostic {
                row: loc.row,
                column: loc.column.clone(),
                value: Some(written).filter(|w| !w.is_empty()),
                ..Diagnostic::general(Severity::Warning, kind, message)
            });
        }
    }
    out
}
