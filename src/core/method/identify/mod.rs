//! Identification of a school with low educational results (ШНОР), exactly as domain.md §1:
//! a procedure's result is low when at least 30 % of its participants failed (decided in
//! integers, never through a rounded percentage); Условие 1 — two low procedures in the year of
//! identification; Условие 2 — a low procedure in that year and in the one before; ШНОР =
//! Условие 1 OR Условие 2 by default. Everything the methodology leaves open is a setting.

use serde::{Deserialize, Serialize};

use crate::core::catalogue::{self, Indicator};
use crate::core::model::{School, Value, Year};
use crate::core::ru;

mod facts;
mod gaps;
mod leave;
mod missing;
pub mod retake;
mod table;

pub use facts::{
    counted_procedures, identification_year, identify_status, low_procedures, status_line,
    status_line_with, windows, StatusLine,
};
pub use leave::{max_failed_under_30, Ceiling};
pub use missing::DecidingCell;
pub use table::{mark_stats, table, MarkStats};

// The children reason over the same facts (`gaps`, `missing`, `leave` reach them as `super::…`).
pub(crate) use facts::YearFacts;
use facts::{conditions, counted, facts, judge, outcome, status_of, with_result, Counted, Outcome};
use table::proc_row;

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
    let counted = counted_procedures(settings);
    let counted = Counted::of(school, &counted);
    let expected = with_result(&counted);
    let (this, prev) = (
        facts(&counted, year, settings, &expected),
        facts(&counted, year.prev(), settings, &expected),
    );
    let verdict = judge(&this, &prev, settings);
    let (status, c1, c2) = (verdict.status, verdict.condition1, verdict.condition2);
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
        condition1_known: verdict.known1,
        condition2_known: verdict.known2,
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
