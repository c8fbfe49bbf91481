//! One row's result: a data row and the header in; the identification value of the row
//! (participants with «2», mark counts or a share; «не проводилась»; or an invalid cell with its
//! diagnostic) out. Counts are read on a fast path first: nearly every cell is plain digits.

use crate::core::catalogue;
use crate::core::model::{Diagnostic, DiagnosticKind, Diagnostics, Marks, Severity, Value};
use crate::core::read::cell::{self, parse_count, parse_num};

use super::columns::Fields;
use super::Col;

/// The result of one row: participants with «2» (or mark counts, or a share).
pub(super) fn read_result(
    row: &Fields<'_>,
    col_name: &dyn Fn(Col) -> String,
    diags: &mut Diagnostics,
) -> Value {
    let get = |c: Col| row.get(c).unwrap_or("");
    let bad = |diags: &mut Diagnostics, c: Col, value: &str, msg: &str| {
        diags.push(Diagnostic::at(
            Severity::Error,
            DiagnosticKind::UnreadableCell,
            row.line,
            col_name(c),
            value,
            msg,
        ));
        Value::Invalid(value.to_string())
    };
    let count = |c: Col| -> Result<Option<u32>, ()> {
        let t = get(c);
        if t.is_empty() {
            return Ok(None);
        }
        if let Some(n) = plain_count(t) {
            return Ok(Some(n));
        }
        let t = cell::clean(t);
        if t.is_empty() || t == "—" {
            return Ok(None);
        }
        parse_count(&t).map(Some).ok_or(())
    };
    // A count, or the error that makes the whole result invalid.
    let read = |diags: &mut Diagnostics, c: Col| {
        count(c).map_err(|()| bad(diags, c, get(c), count_problem(get(c))))
    };
    let participants_text = get(Col::Participants);
    if is_not_held(participants_text) || is_not_held(get(Col::Failed)) {
        return Value::NotHeld;
    }
    let participants = match read(diags, Col::Participants) {
        Ok(p) => p,
        Err(invalid) => return invalid,
    };
    // Mark counts, when any is given.
    let mut marks = [0u32; 4];
    let mut any_mark = false;
    for (i, c) in [Col::N2, Col::N3, Col::N4, Col::N5].into_iter().enumerate() {
        match read(diags, c) {
            Ok(Some(n)) => {
                marks[i] = n;
                any_mark = true;
            }
            Ok(None) => {}
            Err(invalid) => return invalid,
        }
    }
    let marks = any_mark.then_some(Marks {
        n2: marks[0],
        n3: marks[1],
        n4: marks[2],
        n5: marks[3],
    });
    let failed = match read(diags, Col::Failed) {
        Ok(f) => f,
        Err(invalid) => return invalid,
    };
    let failed = failed.or(marks.map(|m| m.n2));
    let participants = participants.or(marks.map(|m| m.total()));
    if let (Some(m), Some(p)) = (marks, participants) {
        if m.total() != p {
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::CountsDisagree,
                row.line,
                col_name(Col::Participants),
                p.to_string(),
                format!(
                    "сумма отметок «2»–«5» ({}) не равна числу участников",
                    m.total()
                ),
            ));
        }
    }
    if let (Some(f), Some(m)) = (failed, marks) {
        if row.get(Col::Failed).is_some() && f != m.n2 && row.get(Col::Failed) != Some("") {
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::CountsDisagree,
                row.line,
                col_name(Col::Failed),
                f.to_string(),
                format!(
                    "не совпадает с числом отметок «2» ({}); взято «не справились»",
                    m.n2
                ),
            ));
        }
    }
    let share_text = get(Col::Share);
    let share = if share_text.is_empty() {
        None
    } else {
        match cell::parse(share_text, catalogue::Kind::Share) {
            Ok(Value::Percent { value, .. }) => Some(value),
            Ok(Value::Ratio { part, whole, .. }) => {
                parse_num(&format!("{:.6}", part as f64 * 100.0 / whole as f64))
            }
            Ok(_) => None,
            Err(msg) => return bad(diags, Col::Share, share_text, &msg),
        }
    };
    match (failed, participants) {
        (Some(f), Some(p)) if f > p => bad(
            diags,
            Col::Failed,
            &f.to_string(),
            &format!("не справившихся больше, чем участников ({p})"),
        ),
        (Some(_), Some(0)) => {
            // Nobody wrote it: no share exists, which is «нет данных», not 0 % — say so, since
            // a zero here is more often a typing slip than a fact.
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::NoParticipants,
                row.line,
                col_name(Col::Participants),
                "0",
                "участников 0: доли нет, процедура считается без данных",
            ));
            Value::Missing
        }
        (Some(f), Some(p)) => {
            if let Some(s) = share {
                let computed = f as f64 * 100.0 / p as f64;
                if (computed - s.to_f64()).abs() > 0.5 + 100.0 / (2.0 * p as f64) {
                    // 0,367 next to 11 из 30: the share was written as a fraction of one
                    // (a percent-formatted cell saved as a plain number).
                    let hint = if s.to_f64() <= 1.0
                        && (computed - s.to_f64() * 100.0).abs() <= 0.5 + 100.0 / (2.0 * p as f64)
                    {
                        "; похоже, доля записана в долях единицы, а не в процентах"
                    } else {
                        ""
                    };
                    diags.push(Diagnostic::at(
                        Severity::Warning,
                        DiagnosticKind::CountsDisagree,
                        row.line,
                        col_name(Col::Share),
                        share_text,
                        format!(
                            "доля не совпадает с {f} из {p} ({}); взято {f} из {p}{hint}",
                            crate::core::ru::percent(computed)
                        ),
                    ));
                }
            }
            Value::Ratio {
                part: f,
                whole: p,
                marks,
            }
        }
        (None, p) => match share {
            Some(value) => Value::Percent { value, of: p },
            None => Value::Missing,
        },
        (Some(_), None) => bad(
            diags,
            Col::Participants,
            participants_text,
            "нет числа участников: долю не посчитать",
        ),
    }
}

/// Why a count cell is not a count, in words: negative, fractional, or not a number at all.
fn count_problem(text: &str) -> &'static str {
    match parse_num(&cell::clean(text)) {
        Some(n) if n.mant < 0 => "количество не может быть отрицательным",
        Some(_) => "количество должно быть целым числом",
        None => "не число (ожидалось целое число учеников)",
    }
}

/// A count written as plain digits (nearly every cell of a results file), read without the
/// general grammar's allocations; `None` for anything else.
fn plain_count(t: &str) -> Option<u32> {
    // Nine digits cannot overflow a u32; digits are read as they are checked (one pass).
    if t.is_empty() || t.len() > 9 {
        return None;
    }
    t.bytes().try_fold(0u32, |n, b| {
        let d = b.wrapping_sub(b'0');
        (d <= 9).then_some(n * 10 + u32::from(d))
    })
}

fn is_not_held(t: &str) -> bool {
    // «н/п» and its kin never start with a digit; a count is the common case.
    if t.is_empty() || t.as_bytes()[0].is_ascii_digit() {
        return false;
    }
    cell::is_not_held(&cell::clean(t))
}
