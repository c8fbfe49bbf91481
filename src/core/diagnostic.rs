//! Diagnostics: what a reader found wrong in a file, located as precisely as the file allows.
//!
//! In: a severity, a kind, a place (file, sheet, row, column, value) and the Russian message
//! that readers build. Out: the list the page, the CLI and the report show, capped by
//! [`Diagnostics`] so a file of a million bad rows stays readable.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a diagnostic is. Errors lose a value; warnings keep it but doubt it; info explains
/// something the reader chose to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// What a diagnostic is about: one variant a place in the readers that makes one, so that code
/// and tests match on it instead of on words of the message (which may be reworded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DiagnosticKind {
    /// Nothing more precise is known: a diagnostic read back from JSON.
    #[default]
    Other,
    /// More diagnostics than are kept: how many were left out.
    Dropped,

    // The file as a whole.
    /// Characters that the chosen text encoding could not decode.
    Encoding,
    /// A sheet of a workbook that could not be read and was skipped.
    UnreadableSheet,
    /// Cells to the right of the last column read.
    FarCells,
    /// Which sheet of a workbook was read, and which others it has.
    SheetChosen,
    /// A quote opening a cell that is never closed.
    UnclosedQuote,
    /// Not one indicator value in the file.
    NoValues,
    /// A file of a set read together that could not be read.
    UnreadableFile,

    // Headers and rows.
    /// A school year that is already a column of the header.
    RepeatedYear,
    /// School years of the header out of order.
    YearsOutOfOrder,
    /// A cell where a school year was expected that is not one.
    NotAYear,
    /// A row with values but no indicator code.
    NoCode,
    /// An indicator code that the catalogue does not know.
    UnknownCode,
    /// A row or a column that is neither a known code nor a wording of the form.
    UnknownIndicator,
    /// Values of an indicator the calculator computes itself, ignored.
    Computed,
    /// A row (or a school and year) that repeats an earlier one; the first is kept.
    Repeated,
    /// A row that names no school.
    NoSchool,
    /// An «Описание» outside blocks 3.2–3.4, not used.
    DescriptionUnused,
    /// A monitoring date that is not ДД.ММ.ГГГГ, shown as written.
    BadMonitoringDate,
    /// A procedure (subject, grade, level) that is not one of the methodology's.
    UnknownProcedure,

    // Cells.
    /// A cell that is not a value of its indicator's kind (or an impossible one).
    UnreadableCell,
    /// A share written as a bare number, read as a percentage but questioned.
    ShareAssumed,
    /// The shares of parents' education do not add up to about 100 %.
    ParentsSum,
    /// Counts of one row that disagree (marks, participants, failed, share).
    CountsDisagree,
    /// No participants: no share.
    NoParticipants,

    // Retakes.
    /// A share after a retake re-based on all the main exam's participants.
    RetakeRebased,
    /// A share after a retake above the main period's.
    RetakeAboveMain,
    /// A share after a retake with no main period to compare it with.
    RetakeWithoutMain,

    // ВПР protocols.
    /// A protocol without the journal mark column.
    NoJournalColumn,
    /// A protocol longer than is read.
    TooManyPupils,
    /// A participant without a score for a task.
    MissingScore,
    /// A task score that is not a whole number.
    BadScore,
    /// A task score above the task's maximum.
    ScoreAboveMax,
    /// A total that is not the sum of the task scores.
    TotalMismatch,
    /// A total that is not a whole number.
    BadTotal,
    /// A total above the work's maximum.
    TotalAboveMax,
    /// A journal mark that is not «2»…«5».
    BadJournalMark,
    /// The subject, grade or year of a protocol that could not be determined.
    NotIdentified,
    /// A value of the report filled in from protocols.
    FromProtocol,
}

/// One problem found in the input, located as precisely as the file allows. The message is in
/// Russian and names what was expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What went wrong, for code that decides on a diagnostic (and tests) without reading the
    /// Russian text. Not in the JSON: `dtk --json` is a stored contract (the snapshot), and a
    /// diagnostic read back from JSON is [`DiagnosticKind::Other`].
    #[serde(skip)]
    pub kind: DiagnosticKind,
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(format!("файл «{file}»"));
        }
        if let Some(sheet) = &self.sheet {
            parts.push(format!("лист «{sheet}»"));
        }
        if let Some(row) = self.row {
            parts.push(format!("строка {row}"));
        }
        if let Some(col) = &self.column {
            parts.push(format!("столбец «{col}»"));
        }
        let place = parts.join(", ");
        let place = {
            let mut chars = place.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            }
        };
        match (&self.value, place.is_empty()) {
            (Some(v), false) => write!(f, "{place}: «{v}» — {}", self.message),
            (Some(v), true) => write!(f, "«{v}» — {}", self.message),
            (None, false) => write!(f, "{place}: {}", self.message),
            (None, true) => write!(f, "{}", self.message),
        }
    }
}

impl Diagnostic {
    /// A diagnostic at a row and column, with the value as written.
    pub fn at(
        severity: Severity,
        kind: DiagnosticKind,
        row: usize,
        column: impl Into<String>,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let value: String = value.into();
        Diagnostic {
            severity,
            kind,
            file: None,
            sheet: None,
            row: Some(row),
            column: Some(column.into()).filter(|c: &String| !c.is_empty()),
            value: Some(value).filter(|v| !v.is_empty()),
            message: message.into(),
        }
    }

    /// A diagnostic about the file as a whole.
    pub fn general(
        severity: Severity,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            kind,
            file: None,
            sheet: None,
            row: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }
}

/// Collects diagnostics up to a limit, counting the rest: a file of a million bad rows must
/// not turn into a million messages (the first thousand say enough, and the count says how
/// many more there were).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    limit: usize,
    dropped: usize,
}

impl Default for Diagnostics {
    fn default() -> Self {
        Diagnostics::with_limit(1000)
    }
}

impl Diagnostics {
    /// A collector that keeps at most `limit` diagnostics.
    pub fn with_limit(limit: usize) -> Self {
        Diagnostics {
            list: Vec::new(),
            limit,
            dropped: 0,
        }
    }

    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        if self.list.len() < self.limit {
            self.list.push(d);
        } else {
            self.dropped += 1;
        }
    }

    /// Whether nothing was collected.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.dropped == 0
    }

    /// The kept diagnostics, with a closing note when some were dropped.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        if self.dropped > 0 {
            self.list.push(Diagnostic::general(
                Severity::Warning,
                DiagnosticKind::Dropped,
                format!(
                    "ещё {} {} не показано: исправьте первые и откройте файл снова",
                    self.dropped,
                    super::ru::plural(self.dropped as u64, "замечание", "замечания", "замечаний")
                ),
            ));
        }
        self.list
    }
}
