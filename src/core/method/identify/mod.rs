//! Identification of a school with low educational results (ШНОР), exactly as domain.md §1:
//! a procedure's result is low when at least 30 % of its participants failed (decided in
//! integers, never through a rounded percentage); Условие 1 — two low procedures in the year of
//! identification; Условие 2 — a low procedure in that year and in the one before; ШНОР =
//! Условие 1 OR Условие 2 by default. Everything the methodology leaves open is a setting.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::catalogue::{self, Indicator, INDICATORS};
use crate::core::model::{Num, School, Value, Year};
use crate::core::ru;

mod gaps;
mod leave;
mod missing;
pub mod retake;

pub use leave::{max_failed_under_30, Ceiling};
pub use missing::DecidingCell;

/// How Условие 1 and Условие 2 combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Either condition makes a school ШНОР (the methodology's reading; default).
    #[default]
    Or,
    /// Both are needed.
    And,
}

/// The identification settings; the defaults are the methodology's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The school year of identification; `None` = the latest year in the data.
    pub as_of: Option<Year>,
    pub combine: Combine,
    /// Условие 2 only when the same procedure is low in both years.
    pub same_procedure: bool,
    /// Use the result after a retake in place of the main one where a retake exists.
    pub use_retakes: bool,
    /// Catalogue codes of the procedures that count (default: the nine of §1).
    pub procedures: Vec<String>,
    /// |Δ| up to this many percentage points is «стабильная» dynamics (default 3).
    pub stable_threshold_pp: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            combine: Combine::Or,
            same_procedure: false,
            use_retakes: false,
            procedures: catalogue::default_procedures()
                .into_iter()
                .map(String::from)
                .collect(),
            stable_threshold_pp: crate::core::rules::DEFAULT_T_PP,
        }
    }
}

impl Settings {
    /// Whether every setting is the methodology's default.
    pub fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

/// The identification status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Shnor,
    Risk,
    NotShnor,
    InsufficientData,
}

impl Status {
    /// Every status, worst first.
    pub const ALL: &'static [Status] = &[
        Status::Shnor,
        Status::Risk,
        Status::InsufficientData,
        Status::NotShnor,
    ];

    /// The word the report shows.
    pub fn label(self) -> &'static str {
        match self {
            Status::Shnor => "ШНОР",
            Status::Risk => "зона риска",
            Status::NotShnor => "не выявлена",
            Status::InsufficientData => "недостаточно данных",
        }
    }

    /// The stable machine name (as in JSON).
    pub fn key(self) -> &'static str {
        match self {
            Status::Shnor => "shnor",
            Status::Risk => "risk",
            Status::NotShnor => "not_shnor",
            Status::InsufficientData => "insufficient_data",
        }
    }
}

/// The state of one procedure in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// ≥ 30 %.
    Low,
    /// A result below 30 %.
    Ok,
    /// «не проводилась».
    NotHeld,
    /// «нет данных» (or an unreadable cell).
    NoData,
}

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

/// One procedure in one year, as the identification table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcCell {
    pub year: Year,
    pub state: CellState,
    pub failed: Option<u32>,
    pub participants: Option<u32>,
    /// The share in percent, for display and charts.
    pub percent: Option<f64>,
    /// «36,7 % (11 из 30)», «не проводилась», «нет данных».
    pub text: String,
    /// Fewer than 10 participants («малая выборка»).
    pub small_sample: bool,
    /// Whether the value is the result after a retake (setting «учитывать пересдачу»).
    pub retake_used: bool,
    pub marks: Option<MarkStats>,
    /// A counted procedure expected this year (domain.md §1) whose cell is empty: a gap to
    /// fill, not a procedure the school did not have.
    pub expected_empty: bool,
    /// An empty cell that decides the status (one of `Identification::deciding_missing`).
    pub deciding: bool,
}

/// One procedure across the years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcRow {
    pub code: String,
    /// «ВПР математика 5 кл.»
    pub label: String,
    /// Whether it counts for identification under the current settings.
    pub counted: bool,
    pub cells: Vec<ProcCell>,
}

/// A low result behind a condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LowResult {
    pub procedure: String,
    pub label: String,
    pub year: Year,
    pub failed: Option<u32>,
    pub participants: Option<u32>,
    /// In percent (36.67), rounded to two places.
    pub percent: f64,
}

/// The identification of one school as of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identification {
    pub as_of: Option<Year>,
    pub status: Status,
    pub condition1: bool,
    pub condition2: bool,
    /// Whether each condition is decided by the known results: it holds, or it would not
    /// hold even with every expected empty cell low. A false condition that is not known is
    /// «проверить нельзя», never «не выполнено».
    pub condition1_known: bool,
    pub condition2_known: bool,
    /// Low counted procedures in the year of identification and the year before.
    pub low: Vec<LowResult>,
    /// «Идентификация в 2023-2024 учебном году — по результатам 2022-2023 и 2021-2022»
    pub heading: String,
    /// In words: which condition fired and why, or why not.
    pub explanation: String,
    /// The expected-but-empty cells that decide the status (domain.md §1); empty when the
    /// missing cells do not change it.
    pub deciding_missing: Vec<DecidingCell>,
    /// Whether some expected cells are empty but do not change the status.
    pub missing_do_not_matter: bool,
    /// How to leave the list: next year's ceiling per counted procedure (ШНОР and «зона
    /// риска» only).
    pub ceilings: Vec<Ceiling>,
    /// Which condition next year's results would keep alive (ШНОР and «зона риска» only).
    pub leave_note: Option<String>,
    /// Every procedure present in the data (counted or not) × every year.
    #[serde(skip)]
    pub table: Vec<ProcRow>,
}

/// The status as of one earlier year (sliding window).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    pub year: Year,
    pub status: Status,
    pub condition1: bool,
    pub condition2: bool,
    /// As in [`Identification::condition1_known`].
    pub condition1_known: bool,
    pub condition2_known: bool,
}

/// The one «is it low» (domain.md §1: ≥ 30 %, exact): identification, texts, page and XLSX
/// ask this.
pub fn is_low_value(v: &Value) -> bool {
    Outcome::of(v).is_low()
}

/// «ВПР математика 5 кл.», «ЕГЭ математика (профильный)» — a short name of a procedure.
pub fn short_label(ind: &Indicator) -> String {
    let p = ind.phrase;
    let name = p.find(" по ").map(|i| &p[i + " по ".len()..]).unwrap_or(p);
    // «ВПР (математика, 5 кл.)» → «ВПР математика 5 кл.»; «ЕГЭ (математика, базовый уровень)».
    match name.split_once(" (") {
        Some((kind, rest)) => {
            let inner = rest.trim_end_matches(')');
            format!("{kind} {}", inner.replacen(", ", " ", 1))
        }
        None => name.to_string(),
    }
}

/// A procedure's exact result in one year.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    NotHeld,
    NoData,
    Ratio { failed: u32, of: u32 },
    Percent { value: Num, of: Option<u32> },
}

impl Outcome {
    fn of(v: &Value) -> Outcome {
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
    fn is_low(self) -> bool {
        match self {
            Outcome::Ratio { failed, of } => {
                100 * failed as u64 >= crate::core::rules::LOW_PERCENT as u64 * of as u64
            }
            Outcome::Percent { value, .. } => value.ge_int(crate::core::rules::LOW_PERCENT as i64),
            _ => false,
        }
    }

    fn has_result(self) -> bool {
        matches!(self, Outcome::Ratio { .. } | Outcome::Percent { .. })
    }

    fn percent(self) -> Option<f64> {
        match self {
            Outcome::Ratio { failed, of } => Some(failed as f64 * 100.0 / of as f64),
            Outcome::Percent { value, .. } => Some(value.to_f64()),
            _ => None,
        }
    }

    fn participants(self) -> Option<u32> {
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
fn outcome(school: &School, ind: &Indicator, year: Year, settings: &Settings) -> (Outcome, bool) {
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
fn procedures<'a>(
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
fn counted<'a>(settings: &'a Settings) -> impl Iterator<Item = &'static Indicator> + 'a {
    INDICATORS.iter().filter(move |i| {
        i.procedure.is_some()
            && i.retake_of.is_none()
            && settings.procedures.iter().any(|p| p == i.code)
    })
}

/// The counted procedures with a result in any year of the file: these are expected every year.
fn with_result(school: &School, settings: &Settings) -> Vec<&'static str> {
    counted(settings)
        .filter(|i| {
            school
                .years
                .iter()
                .any(|&y| Outcome::of(school.value(i.code, y)).has_result())
        })
        .map(|i| i.code)
        .collect()
}

/// Whether the contingent row of the procedure's level shows pupils in `year` (ВПР 5/6 and ОГЭ
/// → `contingent.ooo`, ЕГЭ → `contingent.soo`; domain.md §1).
fn level_has_pupils(school: &School, ind: &Indicator, year: Year) -> bool {
    let row = match ind.procedure {
        Some(catalogue::ProcKind::Ege) => "contingent.soo",
        _ => "contingent.ooo",
    };
    school.value(row, year).number().is_some_and(|n| n > 0.0)
}

/// One pass over the counted procedures of a year: which are low, which are expected but
/// missing, whether any has a result, the worst share.
fn facts(school: &School, year: Year, settings: &Settings, expected: &[&str]) -> YearFacts {
    let in_file = school.years.contains(&year);
    let mut f = YearFacts {
        low: Vec::new(),
        missing: Vec::new(),
        in_file,
        any_result: false,
        worst: None,
    };
    for ind in counted(settings) {
        let (o, _) = outcome(school, ind, year, settings);
        f.any_result |= o.has_result();
        if o.is_low() {
            f.low.push(ind.code);
        }
        if let Some(p) = o.percent() {
            f.worst = Some(f.worst.map_or(p, |w| w.max(p)));
        }
        let expected_here =
            !in_file || expected.contains(&ind.code) || level_has_pupils(school, ind, year);
        if o == Outcome::NoData && expected_here {
            f.missing.push(ind.code);
        }
    }
    f
}

/// Whether the lists of low procedures make a school ШНОР: (ШНОР, Условие 1, Условие 2).
fn conditions(this: &[&str], prev: &[&str], settings: &Settings) -> (bool, bool, bool) {
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
fn status_of(this: &[&str], prev: &[&str], settings: &Settings) -> Status {
    match conditions(this, prev, settings) {
        (true, ..) => Status::Shnor,
        _ if !this.is_empty() => Status::Risk,
        _ => Status::NotShnor,
    }
}

/// Decides the status from the facts of the year of identification and of the year before,
/// with every missing cell taken both ways (domain.md §1): (status, condition 1, condition 2).
/// The conditions are those of the known results (missing taken as not low).
fn judge(this: &YearFacts, prev: &YearFacts, settings: &Settings) -> (Status, bool, bool) {
    let (_, c1, c2) = conditions(&this.low, &prev.low, settings);
    if !this.any_result {
        return (Status::InsufficientData, c1, c2);
    }
    let optimistic = status_of(&this.low, &prev.low, settings);
    let worst =
        |f: &YearFacts| -> Vec<&'static str> { f.low.iter().chain(&f.missing).copied().collect() };
    let pessimistic = status_of(&worst(this), &worst(prev), settings);
    if optimistic == pessimistic {
        (optimistic, c1, c2)
    } else {
        (Status::InsufficientData, c1, c2)
    }
}

/// The facts of every year of the data and of the year before each (Условие 2 looks there),
/// plus `extra` and its year before; each year computed once.
fn facts_by_year(
    school: &School,
    settings: &Settings,
    extra: Option<Year>,
) -> BTreeMap<Year, YearFacts> {
    let expected = with_result(school, settings);
    let years: std::collections::BTreeSet<Year> = school
        .years
        .iter()
        .copied()
        .chain(extra)
        .flat_map(|y| [y, y.prev()])
        .collect();
    years
        .into_iter()
        .map(|y| (y, facts(school, y, settings, &expected)))
        .collect()
}

/// The default year of identification: the latest year of the file with a result of a counted
/// procedure (domain.md §1: a year column with no data is not a candidate).
pub fn identification_year(school: &School, settings: &Settings) -> Option<Year> {
    settings.as_of.or_else(|| {
        school
            .years
            .iter()
            .rev()
            .copied()
            .find(|&y| counted(settings).any(|i| outcome(school, i, y, settings).0.has_result()))
    })
}

/// The display of a result: «36,7 % (11 из 30)».
fn result_text(o: Outcome) -> String {
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

fn names(codes: &[&str]) -> String {
    let items: Vec<String> = codes
        .iter()
        .filter_map(|c| catalogue::find(c))
        .map(short_label)
        .collect();
    ru::join_and(&items)
}

/// Identifies the school as of `settings.as_of` (default: the latest year of the data).
pub fn identify(school: &School, settings: &Settings) -> Identification {
    let table = table(school, settings);
    let empty = |explanation: String, as_of: Option<Year>| Identification {
        as_of,
        status: Status::InsufficientData,
        condition1: false,
        condition2: false,
        condition1_known: false,
        condition2_known: false,
        low: Vec::new(),
        heading: "Идентификация: статус определить нельзя".to_string(),
        explanation,
        deciding_missing: Vec::new(),
        missing_do_not_matter: false,
        ceilings: Vec::new(),
        leave_note: None,
        table: table.clone(),
    };
    let Some(year) = identification_year(school, settings) else {
        return match school.years.last() {
            None => empty(
                "В файле нет ни одного учебного года с данными.".to_string(),
                None,
            ),
            Some(&last) => empty(
                "В файле нет результатов ни одной учитываемой процедуры (ВПР, ОГЭ, ЕГЭ): \
                 статус определить нельзя."
                    .to_string(),
                Some(last),
            ),
        };
    };
    let expected = with_result(school, settings);
    let (this, prev) = (
        facts(school, year, settings, &expected),
        facts(school, year.prev(), settings, &expected),
    );
    let (status, c1, c2) = judge(&this, &prev, settings);
    let mut low = Vec::new();
    for (y, codes) in [(year.prev(), &prev.low), (year, &this.low)] {
        for code in codes.iter() {
            let Some(ind) = catalogue::find(code) else {
                continue;
            };
            let (o, _) = outcome(school, ind, y, settings);
            let failed = match o {
                Outcome::Ratio { failed, .. } => Some(failed),
                _ => None,
            };
            low.push(LowResult {
                procedure: ind.code.to_string(),
                label: short_label(ind),
                year: y,
                failed,
                participants: o.participants(),
                percent: (o.percent().unwrap_or(0.0) * 100.0).round() / 100.0,
            });
        }
    }
    let deciding_missing = if status == Status::InsufficientData && this.any_result {
        missing::deciding(year, &this, &prev, settings)
    } else {
        Vec::new()
    };
    let any_missing = !this.missing.is_empty() || !prev.missing.is_empty();
    let (known1, known2) = gaps::known(&this, &prev, settings);
    let mut table = table;
    gaps::mark(
        &mut table,
        school,
        settings,
        [(year, &this), (year.prev(), &prev)],
        &deciding_missing,
    );
    let mut explanation = explain(status, c1, c2, year, &this, &prev, settings);
    if !deciding_missing.is_empty() {
        let items: Vec<String> = deciding_missing.iter().map(|d| d.text.clone()).collect();
        explanation.push_str(&format!(
            " Статус решают незаполненные ячейки: {}.",
            items.join("; ")
        ));
    } else if any_missing && status != Status::InsufficientData {
        explanation.push_str(" Пропуски в данных не влияют на статус.");
    }
    Identification {
        as_of: Some(year),
        status,
        condition1: c1,
        condition2: c2,
        condition1_known: known1,
        condition2_known: known2,
        low,
        heading: format!(
            "Идентификация в {} учебном году — по результатам {year} и {}",
            Year(year.0 + 1),
            year.prev()
        ),
        explanation,
        deciding_missing,
        missing_do_not_matter: any_missing && status != Status::InsufficientData,
        ceilings: leave::ceilings(school, year, status, settings),
        leave_note: leave::note(year, status),
        table,
    }
}

fn explain(
    status: Status,
    c1: bool,
    c2: bool,
    year: Year,
    this: &YearFacts,
    prev: &YearFacts,
    settings: &Settings,
) -> String {
    let n = this.low.len() as u64;
    let low_this = if n == 0 {
        format!("В {year} учебном году низких результатов нет")
    } else {
        format!(
            "В {year} учебном году {} {} с низким результатом (≥ 30 %): {}",
            ru::plural(n, "выявлена", "выявлены", "выявлено"),
            ru::count(n, "процедура", "процедуры", "процедур"),
            names(&this.low)
        )
    };
    let low_prev = if prev.low.is_empty() {
        if prev.any_result {
            format!("в {} — нет", year.prev())
        } else {
            format!("за {} данных нет", year.prev())
        }
    } else {
        format!("в {} — {}", year.prev(), names(&prev.low))
    };
    let fired = match (c1, c2) {
        (true, true) => "Выполнены оба условия: Условие 1 и Условие 2.",
        (true, false) => "Выполнено Условие 1 (не менее двух процедур с низким результатом в году идентификации).",
        (false, true) => "Выполнено Условие 2 (низкий результат и в году идентификации, и в предыдущем).",
        (false, false) => "Ни одно из условий не выполнено.",
    };
    let tail = match status {
        Status::Shnor => match settings.combine {
            Combine::Or => "Школа относится к ШНОР.".to_string(),
            Combine::And => "Школа относится к ШНОР (по настройке нужны оба условия).".to_string(),
        },
        Status::Risk => match settings.combine {
            Combine::Or => {
                "Ещё одна процедура с низким результатом — и школа попадёт в ШНОР: зона риска."
                    .to_string()
            }
            Combine::And => {
                "По настройке «И» нужны оба условия, поэтому школа не в ШНОР, но в зоне риска."
                    .to_string()
            }
        },
        Status::InsufficientData if !this.any_result => {
            format!("За {year} нет результатов ни одной учитываемой процедуры: статус определить нельзя.")
        }
        Status::InsufficientData if !prev.in_file || !prev.any_result => format!(
            "Условие 2 проверить нельзя: нет данных за {}. Добавьте результаты предыдущего года.",
            year.prev()
        ),
        Status::InsufficientData => {
            "Недостаточно данных: от незаполненных ячеек зависит статус.".to_string()
        }
        Status::NotShnor => "Школа не относится к ШНОР.".to_string(),
    };
    format!("{low_this}; {}", ru::end(&low_prev)) + &format!(" {fired} {tail}")
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
fn proc_row(school: &School, ind: &'static Indicator, settings: &Settings) -> ProcRow {
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
            let (status, c1, c2) = judge(this, prev, settings);
            let (known1, known2) = gaps::known(this, prev, settings);
            Window {
                year,
                status,
                condition1: c1,
                condition2: c2,
                condition1_known: known1,
                condition2_known: known2,
            }
        })
        .collect()
}

/// The counted procedures with a low result in `year` (under the retake setting).
pub fn low_procedures(school: &School, year: Year, settings: &Settings) -> Vec<&'static str> {
    facts(school, year, settings, &[]).low
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
    // With no counted result anywhere the status is «недостаточно данных» as of the last year
    // of the file (as `identify` says it).
    let as_of = identification_year(school, settings).or_else(|| school.years.last().copied());
    let facts = facts_by_year(school, settings, as_of);
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
            let (status, c1, c2) = judge(this, &facts[&year.prev()], settings);
            StatusLine {
                as_of: Some(year),
                status,
                condition1: c1,
                condition2: c2,
                low_by_year,
                worst_share: this.worst,
            }
        }
    }
}
