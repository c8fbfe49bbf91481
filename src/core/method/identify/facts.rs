//! The per-year facts and the decision built from them: a school and the settings in; each
//! procedure's exact outcome in a year, which counted procedures are low or expected but empty,
//! the status with every empty cell taken both ways, the year of identification, the sliding
//! window and the one-pass status line out. `identify` words these; `gaps`, `missing` and
//! `leave` reason over the same facts.

use std::collections::BTreeMap;

use crate::core::catalogue::{self, Indicator, INDICATORS};
use crate::core::model::{Num, School, Value, Year, YearMap};

use super::{retake, Combine, Settings, Status, Window};

/// A procedure's exact result in one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Outcome {
    NotHeld,
    NoData,
    Ratio { failed: u32, of: u32 },
    Percent { value: Num, of: Option<u32> },
}

impl Outcome {
    pub(super) fn of(v: &Value) -> Outcome {
        match v {
            Value::NotHeld => Outcome::NotHeld,
            Value::Ratio { part, whole, .. } if *whole > 0 => Outcome::Ratio {
                failed: *part,
                of: *whole,
            },
            Value::Percent { value, of } => Outcome::Percent {
                value: *value,
                of: *of,
            },
            // A share written as a bare number lands here only from odd sources.
            Value::Number(n) => Outcome::Percent {
                value: *n,
                of: None,
            },
            _ => Outcome::NoData,
        }
    }

    /// ≥ 30 %, exactly: 10·failed ≥ 3·participants, or percent ≥ 30 compared as a decimal.
    pub(super) fn is_low(self) -> bool {
        match self {
            Outcome::Ratio { failed, of } => {
                100 * failed as u64 >= crate::core::rules::LOW_PERCENT as u64 * of as u64
            }
            Outcome::Percent { value, .. } => value.ge_int(crate::core::rules::LOW_PERCENT as i64),
            _ => false,
        }
    }

    pub(super) fn has_result(self) -> bool {
        matches!(self, Outcome::Ratio { .. } | Outcome::Percent { .. })
    }

    pub(super) fn percent(self) -> Option<f64> {
        match self {
            Outcome::Ratio { failed, of } => Some(failed as f64 * 100.0 / of as f64),
            Outcome::Percent { value, .. } => Some(value.to_f64()),
            _ => None,
        }
    }

    pub(super) fn participants(self) -> Option<u32> {
        match self {
            Outcome::Ratio { of, .. } => Some(of),
            Outcome::Percent { of, .. } => of,
            _ => None,
        }
    }
}

/// The value of a procedure in a year under the retake setting: (outcome, retake used). A
/// retake is re-based on the main participants; one that cannot be (no main result, or above
/// the main share) is left out (domain.md §1, «Retakes»).
pub(super) fn outcome(
    school: &School,
    ind: &Indicator,
    year: Year,
    settings: &Settings,
) -> (Outcome, bool) {
    let main = Outcome::of(school.value(ind.code, year));
    if settings.use_retakes {
        match retake::rebase(school, ind, year) {
            retake::Retake::Same(v) | retake::Retake::Rebased { value: v, .. } => {
                return (Outcome::of(&v), true)
            }
            _ => {}
        }
    }
    (main, false)
}

/// The procedures (not retakes) that appear in the school's data or count by the settings.
pub(super) fn procedures<'a>(
    school: &'a School,
    settings: &'a Settings,
) -> impl Iterator<Item = &'static Indicator> + 'a {
    INDICATORS.iter().filter(move |i| {
        i.procedure.is_some()
            && i.retake_of.is_none()
            && (settings.procedures.iter().any(|p| p == i.code)
                || school.cells.contains_key(i.code))
    })
}

/// The decision for one year, from per-procedure outcomes.
pub(crate) struct YearFacts {
    pub(crate) low: Vec<&'static str>,
    /// Expected counted procedures with an empty cell (domain.md §1, «Missing data never
    /// decides a status silently»); every counted procedure when the file lacks the year.
    pub(crate) missing: Vec<&'static str>,
    /// Whether the file has this school year at all.
    pub(crate) in_file: bool,
    pub(crate) any_result: bool,
    /// The highest share among the counted procedures, in percent.
    worst: Option<f64>,
}

/// The counted procedures of the settings, in catalogue order.
pub(super) fn counted<'a>(settings: &'a Settings) -> impl Iterator<Item = &'static Indicator> + 'a {
    INDICATORS.iter().filter(move |i| {
        i.procedure.is_some()
            && i.retake_of.is_none()
            && settings.procedures.iter().any(|p| p == i.code)
    })
}

/// The counted procedures of the settings (listed once, `counted`) with one school's cells of
/// each and of the contingent rows, looked up once: a national file asks about every year of
/// 40 000 schools, and each lookup by code compares strings down the school's map.
pub(super) struct Counted<'s> {
    school: &'s School,
    procs: Vec<(&'static Indicator, Option<&'s YearMap>)>,
    /// `contingent.ooo` and `contingent.soo` (see [`level_has_pupils`]).
    ooo: Option<&'s YearMap>,
    soo: Option<&'s YearMap>,
}

impl<'s> Counted<'s> {
    /// The cells of `school` for the procedures `counted`.
    pub(super) fn of(school: &'s School, counted: &[&'static Indicator]) -> Counted<'s> {
        Counted {
            school,
            procs: counted
                .iter()
                .map(|&i| (i, school.cells.get(i.code)))
                .collect(),
            ooo: school.cells.get("contingent.ooo"),
            soo: school.cells.get("contingent.soo"),
        }
    }

    /// The counted procedures and their cells, in catalogue order.
    fn iter(&self) -> impl Iterator<Item = (&'static Indicator, Option<&'s YearMap>)> + '_ {
        self.procs.iter().copied()
    }

    /// [`outcome`] of a counted procedure whose cells are `cells`.
    fn outcome(
        &self,
        ind: &'static Indicator,
        cells: Option<&YearMap>,
        year: Year,
        settings: &Settings,
    ) -> Outcome {
        if settings.use_retakes {
            return outcome(self.school, ind, year, settings).0;
        }
        Outcome::of(YearMap::value_in(cells, year))
    }

    /// [`level_has_pupils`] from the rows looked up once.
    fn level_has_pupils(&self, ind: &Indicator, year: Year) -> bool {
        let row = match ind.procedure {
            Some(catalogue::ProcKind::Ege) => self.soo,
            _ => self.ooo,
        };
        YearMap::value_in(row, year)
            .number()
            .is_some_and(|n| n > 0.0)
    }
}

/// Of the counted procedures, those with a result in any year of the file: these are expected
/// every year.
pub(super) fn with_result(counted: &Counted) -> Vec<&'static str> {
    counted
        .iter()
        .filter(|(_, cells)| {
            counted
                .school
                .years
                .iter()
                .any(|&y| Outcome::of(YearMap::value_in(*cells, y)).has_result())
        })
        .map(|(i, _)| i.code)
        .collect()
}

/// One pass over the counted procedures of a year: which are low, which are expected but
/// missing, whether any has a result, the worst share. `counted` is listed once by the caller:
/// a national file asks for every year of 40 000 schools, and walking the catalogue and
/// comparing the settings' procedure names each time was a fifth of `dtk schools`.
pub(super) fn facts(
    counted: &Counted,
    year: Year,
    settings: &Settings,
    expected: &[&str],
) -> YearFacts {
    let in_file = counted.school.years.contains(&year);
    let mut f = YearFacts {
        low: Vec::new(),
        missing: Vec::new(),
        in_file,
        any_result: false,
        worst: None,
    };
    for (ind, cells) in counted.iter() {
        let o = counted.outcome(ind, cells, year, settings);
        f.any_result |= o.has_result();
        if o.is_low() {
            push_within(&mut f.low, ind.code, counted.procs.len());
        }
        if let Some(p) = o.percent() {
            f.worst = Some(f.worst.map_or(p, |w| w.max(p)));
        }
        // Whether the empty cell was expected is asked of empty cells only.
        if o == Outcome::NoData
            && (!in_file || expected.contains(&ind.code) || counted.level_has_pupils(ind, year))
        {
            push_within(&mut f.missing, ind.code, counted.procs.len());
        }
    }
    f
}

/// Pushes onto a list of at most `n` codes: room for all of them comes with the first, rather
/// than three allocations by doubling (most years list none; a year outside the file, all).
fn push_within(list: &mut Vec<&'static str>, code: &'static str, n: usize) {
    if list.capacity() == 0 {
        list.reserve_exact(n);
    }
    list.push(code);
}

/// Whether the lists of low procedures make a school ШНОР: (ШНОР, Условие 1, Условие 2).
pub(super) fn conditions(this: &[&str], prev: &[&str], settings: &Settings) -> (bool, bool, bool) {
    let c1 = this.len() >= 2;
    let c2 = if settings.same_procedure {
        this.iter().any(|p| prev.contains(p))
    } else {
        !this.is_empty() && !prev.is_empty()
    };
    let shnor = match settings.combine {
        Combine::Or => c1 || c2,
        Combine::And => c1 && c2,
    };
    (shnor, c1, c2)
}

/// The status from the lists of low procedures of the year and of the year before.
pub(super) fn status_of(this: &[&str], prev: &[&str], settings: &Settings) -> Status {
    status_from(conditions(this, prev, settings), this.is_empty())
}

/// The status from what `conditions` said and whether the year has no low procedure.
fn status_from((shnor, ..): (bool, bool, bool), none_low: bool) -> Status {
    match shnor {
        true => Status::Shnor,
        false if !none_low => Status::Risk,
        false => Status::NotShnor,
    }
}

/// The decision for a year of identification.
pub(super) struct Verdict {
    pub(super) status: Status,
    /// The conditions of the known results (missing taken as not low).
    pub(super) condition1: bool,
    pub(super) condition2: bool,
    /// Whether each condition is decided by the known results: it holds, or it would not hold
    /// even with every expected empty cell low. An undecided condition is «проверить нельзя»,
    /// never «не выполнено».
    pub(super) known1: bool,
    pub(super) known2: bool,
}

/// Decides the status from the facts of the year of identification and of the year before,
/// with every missing cell taken both ways (domain.md §1). The conditions with the missing
/// cells taken as low serve both the status and whether each condition is decided.
pub(super) fn judge(this: &YearFacts, prev: &YearFacts, settings: &Settings) -> Verdict {
    let (_, c1, c2) = conditions(&this.low, &prev.low, settings);
    let worst =
        |f: &YearFacts| -> Vec<&'static str> { f.low.iter().chain(&f.missing).copied().collect() };
    let (worst_this, worst_prev) = (worst(this), worst(prev));
    let pessimistic = conditions(&worst_this, &worst_prev, settings);
    let (_, w1, w2) = pessimistic;
    let status = if !this.any_result {
        Status::InsufficientData
    } else {
        let optimistic = status_of(&this.low, &prev.low, settings);
        if optimistic == status_from(pessimistic, worst_this.is_empty()) {
            optimistic
        } else {
            Status::InsufficientData
        }
    };
    Verdict {
        status,
        condition1: c1,
        condition2: c2,
        known1: c1 || !w1,
        known2: c2 || !w2,
    }
}

/// The facts of every year of the data and of the year before each (Условие 2 looks there),
/// plus `extra` and its year before; each year computed once.
pub(super) fn facts_by_year(
    school: &School,
    settings: &Settings,
    extra: Option<Year>,
) -> BTreeMap<Year, YearFacts> {
    let counted = counted_procedures(settings);
    facts_by_year_of(&Counted::of(school, &counted), settings, extra)
}

/// [`facts_by_year`] of the counted procedures looked up once by the caller.
fn facts_by_year_of(
    counted: &Counted,
    settings: &Settings,
    extra: Option<Year>,
) -> BTreeMap<Year, YearFacts> {
    let expected = with_result(counted);
    let years: std::collections::BTreeSet<Year> = counted
        .school
        .years
        .iter()
        .copied()
        .chain(extra)
        .flat_map(|y| [y, y.prev()])
        .collect();
    years
        .into_iter()
        .map(|y| (y, facts(counted, y, settings, &expected)))
        .collect()
}

/// The default year of identification: the latest year of the file with a result of a counted
/// procedure (domain.md §1: a year column with no data is not a candidate).
pub fn identification_year(school: &School, settings: &Settings) -> Option<Year> {
    let counted = counted_procedures(settings);
    identification_year_of(&Counted::of(school, &counted), settings)
}

/// [`identification_year`] of the counted procedures looked up once by the caller.
fn identification_year_of(counted: &Counted, settings: &Settings) -> Option<Year> {
    settings.as_of.or_else(|| {
        counted.school.years.iter().rev().copied().find(|&y| {
            counted
                .iter()
                .any(|(i, cells)| counted.outcome(i, cells, y, settings).has_result())
        })
    })
}

/// The status as of every year of the data that has a year before it (sliding window), oldest
/// first. With fewer than two years there is no window.
pub fn windows(school: &School, settings: &Settings) -> Vec<Window> {
    // The first year of the data is skipped: it has no year before it, so Условие 2 cannot be
    // decided there, and domain.md §1 shows the window only with 3+ years of data (then the
    // window has 2+ entries, which is what the report and the page show).
    let facts = facts_by_year(school, settings, None);
    school
        .years
        .iter()
        .skip(1)
        .map(|&year| {
            let (this, prev) = (&facts[&year], &facts[&year.prev()]);
            let v = judge(this, prev, settings);
            Window {
                year,
                status: v.status,
                condition1: v.condition1,
                condition2: v.condition2,
                condition1_known: v.known1,
                condition2_known: v.known2,
            }
        })
        .collect()
}

/// The counted procedures with a low result in `year` (under the retake setting).
pub fn low_procedures(school: &School, year: Year, settings: &Settings) -> Vec<&'static str> {
    let counted = counted_procedures(settings);
    facts(&Counted::of(school, &counted), year, settings, &[]).low
}

/// Only the decision, without the table and the wording (for thousands of schools):
/// (as-of year, status, condition 1, condition 2).
pub fn identify_status(school: &School, settings: &Settings) -> (Option<Year>, Status, bool, bool) {
    let line = status_line(school, settings);
    (line.as_of, line.status, line.condition1, line.condition2)
}

/// A school's line of the many-schools table.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusLine {
    pub as_of: Option<Year>,
    pub status: Status,
    pub condition1: bool,
    pub condition2: bool,
    /// Number of low counted procedures per school year of the data.
    pub low_by_year: BTreeMap<Year, usize>,
    /// The highest share among the counted procedures in the year of identification, %.
    pub worst_share: Option<f64>,
}

/// The decision, the low procedures per year and the worst share, from one pass over each
/// year (a national file has 40 000 schools, so nothing is computed twice).
pub fn status_line(school: &School, settings: &Settings) -> StatusLine {
    status_line_with(school, settings, &counted_procedures(settings))
}

/// The procedures counted under the settings, in catalogue order: listed once for many
/// schools ([`status_line_with`]) rather than by comparing the settings' codes per school.
pub fn counted_procedures(settings: &Settings) -> Vec<&'static Indicator> {
    counted(settings).collect()
}

/// [`status_line`] with the counted procedures listed by the caller ([`counted_procedures`]
/// of the same settings).
pub fn status_line_with(
    school: &School,
    settings: &Settings,
    counted: &[&'static Indicator],
) -> StatusLine {
    // With no counted result anywhere the status is «недостаточно данных» as of the last year
    // of the file (as `identify` says it).
    let counted = Counted::of(school, counted);
    let as_of = identification_year_of(&counted, settings).or_else(|| school.years.last().copied());
    let facts = facts_by_year_of(&counted, settings, as_of);
    let low_by_year = school
        .years
        .iter()
        .map(|y| (*y, facts[y].low.len()))
        .collect();
    match as_of {
        None => StatusLine {
            as_of: None,
            status: Status::InsufficientData,
            condition1: false,
            condition2: false,
            low_by_year,
            worst_share: None,
        },
        Some(year) => {
            let this = &facts[&year];
            let v = judge(this, &facts[&year.prev()], settings);
            StatusLine {
                as_of: Some(year),
                status: v.status,
                condition1: v.condition1,
                condition2: v.condition2,
                low_by_year,
                worst_share: this.worst,
            }
        }
    }
}
