//! What a protocol is once read: its subject, grade, school year, tasks, schools and pupils,
//! with the diagnostics of reading. Filled by `read.rs` and `meta.rs`; analysed by
//! `analysis.rs`. Serialised whole between the page's worker (which reads workbooks) and the
//! page (which analyses under the scale the user types).

use serde::{Deserialize, Serialize};

use super::super::model::{Diagnostic, Year};
/// The subject of a protocol. ДТК rows exist for mathematics and Russian; other subjects are
/// read and analysed but go nowhere in the ДТК.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Math,
    Rus,
    /// Any other ВПР subject, by its textbook-code prefix or name.
    Other(String),
}

impl Subject {
    /// «математика», «русский язык».
    pub fn label(&self) -> String {
        match self {
            Subject::Math => "математика".to_string(),
            Subject::Rus => "русский язык".to_string(),
            Subject::Other(s) if s.is_empty() => "предмет не указан".to_string(),
            Subject::Other(s) => s.clone(),
        }
    }

    /// The catalogue's subject code (`vpr.<code>.<grade>`), for the ДТК subjects.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Subject::Math => Some("math"),
            Subject::Rus => Some("rus"),
            Subject::Other(_) => None,
        }
    }
}

/// One task of the work: its header as written («6 (2б)»), its name («6») and maximum (2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub header: String,
    pub name: String,
    pub max: u32,
    /// 0-based column on the «Протокол» sheet.
    #[serde(skip, default)]
    pub column: usize,
}

/// A school named in the protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProtocolSchool {
    /// ФИС ОКО login («edu223017»).
    pub login: String,
    pub name: Option<String>,
    pub municipality: Option<String>,
    pub region: Option<String>,
}

impl ProtocolSchool {
    /// «МБОУ "Вавилонская СОШ" (edu223017)».
    pub fn title(&self) -> String {
        match &self.name {
            Some(n) if !self.login.is_empty() => format!("{n} ({})", self.login),
            Some(n) => n.clone(),
            None => self.login.clone(),
        }
    }
}

/// One pupil's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    /// The sheet's row number (1-based), for diagnostics.
    pub row: usize,
    /// Index into [`Protocol::schools`].
    pub school: usize,
    pub code: String,
    pub class: String,
    /// Absent («отсутствовал», or no score at all): not a participant.
    pub absent: bool,
    /// Per task: the score, `None` for «не пройд.» (and for an absent pupil).
    pub scores: Vec<Option<u32>>,
    /// The total used for the mark: «Итого баллов» as ФИС ОКО wrote it, else the sum.
    pub total: u32,
    /// The journal mark 2–5, when the protocol has one for this pupil.
    pub journal: Option<u8>,
}

/// A protocol that was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Protocol {
    pub file: Option<String>,
    pub subject: Subject,
    pub grade: Option<u32>,
    /// The school year of the upload date (spring 2022 → 2021-2022).
    pub year: Option<Year>,
    /// Where subject and grade came from («учебник ma5.8 на листе «Классы»», «имя файла»).
    pub identified_by: String,
    pub tasks: Vec<Task>,
    pub schools: Vec<ProtocolSchool>,
    pub pupils: Vec<Pupil>,
    /// Whether the sheet has the journal-mark column at all.
    pub has_journal: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl Protocol {
    /// The maximum total: the sum of the tasks' maxima.
    pub fn max_total(&self) -> u32 {
        self.tasks.iter().map(|t| t.max).sum()
    }

    /// «математика, 5 класс, 2021-2022».
    pub fn title(&self) -> String {
        let mut parts = vec![self.subject.label()];
        if let Some(g) = self.grade {
            parts.push(format!("{g} класс"));
        }
        if let Some(y) = self.year {
            parts.push(format!("{y} учебный год"));
        }
        parts.join(", ")
    }
}

/// Why a file could not be read as a protocol at all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ProtocolError {
    Empty,
    /// The workbook is damaged or encrypted (the spreadsheet reader's wording).
    Damaged(String),
    /// No sheet with a protocol header.
    NotProtocol {
        first_row: String,
    },
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::Empty => write!(f, "файл пуст"),
            ProtocolError::Damaged(d) => write!(f, "файл не открывается как книга Excel: {d}. Скачайте протокол из ФИС ОКО заново"),
            ProtocolError::NotProtocol { first_row } => write!(
                f,
                "это не протокол ВПР из ФИС ОКО: не найден лист со столбцами «Вариант», заданиями вида «6 (2б)» и «Итого баллов». Первая строка: «{first_row}»"
            ),
        }
    }
}

impl std::error::Error for ProtocolError {}
