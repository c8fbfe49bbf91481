//! Reading a file from bytes: detect the encoding and the delimiter (or take the user's
//! choice), split into a table, recognise the format (A — the ДТК template, B — results) and
//! read it. Everything the reader noticed comes back as diagnostics next to the schools.

use std::fmt;

use serde::Serialize;

use super::decode::{self, Encoding};
use super::model::{Diagnostic, Diagnostics, School, Severity, Year};
use super::table::{self, Delimiter, Table};
use super::{format_a, format_b};

/// The largest file the calculator opens. A national results file (40 000 schools × 27 rows)
/// is about 80 MiB; past this size a browser tab risks running out of memory, so the user is
/// told to split the file instead.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// What the user may force instead of detection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadOptions {
    pub file_name: Option<String>,
    pub encoding: Option<Encoding>,
    pub delimiter: Option<Delimiter>,
}

/// The two input formats of formats.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A: the school's ДТК template (rows = indicators, columns = years).
    Template,
    /// B: the results table (one row per school × year × procedure).
    Results,
}

impl Format {
    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Format::Template => "шаблон ДТК (показатели × учебные годы)",
            Format::Results => "таблица результатов (школа × год × процедура)",
        }
    }
}

/// What was detected in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    pub file_name: Option<String>,
    pub format: Format,
    pub encoding: Encoding,
    pub delimiter: Delimiter,
    /// Every school year in the file, ascending.
    pub years: Vec<Year>,
    /// Distinct indicators with at least one value.
    pub indicators: usize,
    pub schools: usize,
    /// Data rows read (after the header).
    pub rows: usize,
}

/// A file that was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub info: SourceInfo,
    pub schools: Vec<School>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// A spreadsheet format this build does not read.
    Spreadsheet {
        kind: &'static str,
    },
    /// Neither format: what the first rows looked like.
    Unrecognized {
        first_row: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Empty => write!(f, "файл пуст"),
            LoadError::TooLarge { bytes } => write!(
                f,
                "файл слишком большой ({} МБ; предел — {} МБ): разделите его, например, по муниципалитетам",
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            LoadError::Spreadsheet { kind } => write!(
                f,
                "это файл {kind}; сохраните его как CSV (в Excel: «Файл → Сохранить как → CSV (разделители — точка с запятой)») и откройте снова"
            ),
            LoadError::Unrecognized { first_row } => write!(
                f,
                "не найден заголовок ни шаблона ДТК (столбцы «код», «показатель» и учебные годы вида 2022-2023), ни таблицы результатов (столбцы «учебный год», «процедура», «предмет», «участников», «не справились»). Первая строка файла: «{first_row}»"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Recognises binary spreadsheet containers by their first bytes.
fn spreadsheet_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("XLSX/ODS (электронная таблица)")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("XLS (Excel 97–2003)")
    } else {
        None
    }
}

/// Reads a text file (CSV/TSV) from bytes.
pub fn load(bytes: &[u8], options: &LoadOptions) -> Result<Loaded, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    if let Some(kind) = spreadsheet_kind(bytes) {
        return Err(LoadError::Spreadsheet { kind });
    }
    let encoding = options.encoding.unwrap_or_else(|| decode::detect(bytes));
    let decoded = decode::decode(bytes, encoding);
    if decoded.text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| table::detect_delimiter(&decoded.text));
    let table = table::parse(&decoded.text, delimiter);
    let mut diags = Diagnostics::default();
    if decoded.replaced > 0 {
        diags.push(Diagnostic::general(
            Severity::Warning,
            format!(
                "{} {} не удалось прочитать в кодировке {}: возможно, кодировка другая — её можно выбрать вручную",
                decoded.replaced,
                super::ru::plural(decoded.replaced as u64, "символ", "символа", "символов"),
                encoding.label()
            ),
        ));
    }
    let mut loaded = load_table(&table, diags)?;
    loaded.info.encoding = encoding;
    loaded.info.delimiter = delimiter;
    loaded.info.file_name = options.file_name.clone();
    for d in &mut loaded.diagnostics {
        d.file = options.file_name.clone();
    }
    Ok(loaded)
}

/// Reads an already split table (from CSV or, later, a spreadsheet sheet).
pub fn load_table(table: &Table, mut diags: Diagnostics) -> Result<Loaded, LoadError> {
    let (format, header_row, schools) = if let Some(h) = format_b::find_header(table) {
        let schools = format_b::read(table, &h, &mut diags);
        (Format::Results, h.row, schools)
    } else if let Some(h) = format_a::find_header(table) {
        let school = format_a::read(table, &h, &mut diags);
        (Format::Template, h.row, vec![school])
    } else {
        let first_row = table
            .rows
            .first()
            .map(|r| r.cells.join(" | "))
            .unwrap_or_default();
        let first_row: String = first_row.chars().take(120).collect();
        return Err(LoadError::Unrecognized { first_row });
    };
    let mut years: Vec<Year> = schools
        .iter()
        .flat_map(|s| s.years.iter().copied())
        .collect();
    years.sort();
    years.dedup();
    let mut codes: Vec<&str> = schools
        .iter()
        .flat_map(|s| s.cells.keys().copied())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if schools.iter().all(|s| s.cells.is_empty()) {
        diags.push(Diagnostic::general(
            Severity::Error,
            "в файле не нашлось ни одного значения показателя",
        ));
    }
    Ok(Loaded {
        info: SourceInfo {
            file_name: None,
            format,
            encoding: Encoding::Utf8,
            delimiter: Delimiter::Semicolon,
            years,
            indicators: codes.len(),
            schools: schools.len(),
            rows: table.rows.len().saturating_sub(header_row + 1),
        },
        schools,
        diagnostics: diags.finish(),
    })
}
