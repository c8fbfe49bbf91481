//! Computed indicators: the catalogue's formulas (доля продолжающих обучение на СОО = continuing
//! / 9th-grade graduates; отсев and repeaters per pupil) evaluated for every year where both
//! inputs are whole counts. The result is kept as a ratio, so its group size drives the
//! small-group threshold of the dynamics like any share given as `11/30`.

use crate::core::catalogue::{Formula, INDICATORS};
use crate::core::model::{Loc, School, Value};

/// Whole counts only: a ratio of counts needs integers.
fn count(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) if n.mant >= 0 && n.is_integer() => {
            u32::try_from(n.mant / 10i64.pow(n.scale as u32)).ok()
        }
        _ => None,
    }
}

/// Returns the school with every computable indicator added (values in the file are never
/// overwritten: readers refuse computed codes).
pub fn with_computed(school: &School) -> School {
    let mut out = school.clone();
    for ind in INDICATORS {
        let Some(Formula::Ratio { part, whole }) = ind.formula else {
            continue;
        };
        for &year in &school.years {
            let (Some(p), Some(w)) = (
                count(school.value(part, year)),
                count(school.value(whole, year)),
            ) else {
                continue;
            };
            // More continuing than graduates (pupils arriving from other schools) is possible;
            // a share over 100 % is not, so the indicator is left empty rather than wrong.
            if w == 0 || p > w {
                continue;
            }
            out.set(
                ind.code,
                year,
                Value::Ratio {
                    part: p,
                    whole: w,
                    marks: None,
                },
                Loc::default(),
            );
        }
    }
    out
}
