//! Reading a file from bytes: detect the encoding and the delimiter (or take the user's
//! choice), split into a table, recognise the format (A — the ДТК template, B — results) and
//! read it. Everything the reader noticed comes back as diagnostics next to the schools.
//!
//! Spreadsheets (XLSX, XLSB, XLS, ODS) go through `sheet.rs`, which turns a sheet into the same
//! kind of table. A ФИС ОКО protocol (one row per pupil) is recognised and named as such
//! instead of «unrecognised», because it is the file schools most often have at hand.

use serde::{Deserialize, Serialize};

use super::{format_a, format_b};
use crate::core::model::{Diagnostic, DiagnosticKind, Diagnostics, School, Severity, Year};
use crate::core::read::decode::{self, Encoding};
use crate::core::read::sheet::{self, SpreadsheetKind};
use crate::core::read::table::{self, Delimiter, Table};

pub use crate::core::read::limits::MAX_FILE_BYTES;
use crate::core::read::limits::{self, Budget};

mod error;
mod spreadsheet;

pub use error::{too_large_text, LoadError};
pub use spreadsheet::load_spreadsheet;

use spreadsheet::protocol_of;

/// What the user may force instead of detection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadOptions {
    pub file_name: Option<String>,
    pub encoding: Option<Encoding>,
    pub delimiter: Option<Delimiter>,
}

/// The two input formats of formats.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A: the school's ДТК template (rows = indicators, columns = years).
    Template,
    /// B: the results table (one row per school × year × procedure).
    Results,
    /// C: many schools' ДТК (one row per school × year, columns = indicators), or several
    /// files read together as one set (`many::merge`).
    Many,
}

impl Format {
    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Format::Template => "шаблон ДТК (показатели × учебные годы)",
            Format::Results => "таблица результатов (школа × год × процедура)",
            Format::Many => "ДТК многих школ (школа × учебный год × показатели)",
        }
    }
}

/// What was detected in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub file_name: Option<String>,
    pub format: Format,
    /// For a text file, its encoding; for a spreadsheet, UTF-8 (not meaningful).
    pub encoding: Encoding,
    /// For a text file, its delimiter; for a spreadsheet, `;` (not meaningful).
    pub delimiter: Delimiter,
    /// The container when the file is a spreadsheet; `None` for text.
    pub spreadsheet: Option<SpreadsheetKind>,
    /// The sheet that was read, for a spreadsheet.
    pub sheet: Option<String>,
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

/// What a ФИС ОКО protocol workbook (or its CSV export) says about itself, for the message
/// that tells the user what the file is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProtocolInfo {
    /// Subject and grade, from the textbook code of the «Классы» sheet (`ma5…`, `ru6…`).
    pub subject: Option<&'static str>,
    pub grade: Option<u32>,
    /// Rows of pupils in the «Протокол» sheet, and how many of them were absent.
    pub pupils: usize,
    pub absent: usize,
    /// Distinct schools (the «Школа» column), in order of appearance.
    pub schools: Vec<String>,
    /// The school year of the upload date («Дата загрузки» 17.03.2022 → 2021-2022).
    pub year: Option<Year>,
}

impl ProtocolInfo {
    fn merge(&mut self, other: ProtocolInfo) {
        self.subject = self.subject.or(other.subject);
        self.grade = self.grade.or(other.grade);
        self.year = self.year.or(other.year);
        self.pupils = self.pupils.max(other.pupils);
        self.absent = self.absent.max(other.absent);
        for s in other.schools {
            if !self.schools.contains(&s) {
                self.schools.push(s);
            }
        }
    }

    /// The ДТК row and column where this protocol's result belongs, for the example in the
    /// message.
    fn target(&self) -> (String, String) {
        let subject = match self.subject {
            Some("русский язык") => "rus",
            _ => "math",
        };
        let grade = self.grade.filter(|g| (4..=8).contains(g)).unwrap_or(5);
        let year = self.year.unwrap_or(Year(2021));
        (format!("vpr.{subject}.{grade}"), year.to_string())
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.year {
            parts.push(format!("{y} учебный год"));
        }
        match (self.subject, self.grade) {
            (Some(s), Some(g)) => parts.push(format!("{s}, {g} класс")),
            (Some(s), None) => parts.push(s.to_string()),
            (None, Some(g)) => parts.push(format!("{g} класс")),
            (None, None) => {}
        }
        match self.schools.as_slice() {
            [] => {}
            [one] => parts.push(format!("школа {one}")),
            many => parts.push(crate::core::ru::count(
                many.len() as u64,
                "школа",
                "школы",
                "школ",
            )),
        }
        if self.pupils > 0 {
            let mut p = crate::core::ru::count(
                self.pupils as u64,
                "строка ученика",
                "строки учеников",
                "строк учеников",
            );
            if self.absent > 0 {
                p.push_str(&format!(", из них отсутствовали — {}", self.absent));
            }
            parts.push(p);
        }
        parts.join("; ")
    }
}

/// Reads a file from bytes: a text table (CSV/TSV) or, on the host, a spreadsheet.
///
/// In the browser (wasm32) a spreadsheet gives `LoadError::Spreadsheet` instead: the page calls
/// this function, and linking the spreadsheet readers into it would add their weight to the
/// first page load. The browser reads spreadsheets with [`load_spreadsheet`] in a worker.
pub fn load(bytes: &[u8], options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_with_limit(bytes, options, MAX_FILE_BYTES)
}

/// [`load`] with another size limit (for tests, and for a caller that knows its memory).
pub fn load_with_limit(
    bytes: &[u8],
    options: &LoadOptions,
    max_bytes: usize,
) -> Result<Loaded, LoadError> {
    load_with_progress(bytes, options, max_bytes, &mut |_, _| {})
}

/// [`load_with_limit`] that tells how far it got: `progress(done, total)` is called now and
/// then while a text table is read (in bytes of text), for the browser's progress bar.
pub fn load_with_progress(
    bytes: &[u8],
    options: &LoadOptions,
    max_bytes: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Loaded, LoadError> {
    if bytes.len() > max_bytes {
        return Err(LoadError::TooLarge {
            bytes: bytes.len(),
            limit: max_bytes,
        });
    }
    if let Some(kind) = sheet::container(bytes) {
        // `cfg!` rather than `#[cfg]`: both branches compile everywhere, and the optimiser
        // drops the spreadsheet readers from the page's binary.
        return if cfg!(target_arch = "wasm32") {
            Err(LoadError::Spreadsheet { kind })
        } else {
            load_spreadsheet(bytes, options)
        };
    }
    let (encoding, text, replaced) = match options.encoding {
        Some(e) => {
            let (text, replaced) = decode::decode_borrowed(bytes, e);
            (e, text, replaced)
        }
        None => decode::detect_and_decode(bytes),
    };
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| table::detect_delimiter(&text));
    let mut diags = Diagnostics::default();
    if replaced > 0 {
        diags.push(Diagnostic::general(
            Severity::Warning,
            DiagnosticKind::Encoding,
            format!(
                "{} {} не удалось прочитать в кодировке {}: возможно, кодировка другая — её можно выбрать вручную",
                replaced,
                crate::core::ru::plural(replaced as u64, "символ", "символа", "символов"),
                encoding.label()
            ),
        ));
    }
    let mut loaded = load_text(&text, delimiter, diags, progress)?;
    loaded.info.encoding = encoding;
    loaded.info.delimiter = delimiter;
    loaded.info.file_name = options.file_name.clone();
    for d in &mut loaded.diagnostics {
        d.file = options.file_name.clone();
    }
    Ok(loaded)
}

/// Reads an already split table (from CSV or from a spreadsheet's sheet).
pub fn load_table(table: &Table, mut diags: Diagnostics) -> Result<Loaded, LoadError> {
    let (format, header_row, schools) = if let Some(h) = format_b::find_header(table) {
        let schools = format_b::read(table, &h, &mut diags);
        if schools.len() > limits::MAX_SCHOOLS {
            return Err(LoadError::Budget(Budget::Schools { line: None }));
        }
        (Format::Results, h.row, schools)
    } else if let Some(h) = crate::core::many::format_c::find_header(table) {
        // Before format A: a format-C header names no school year, so format A would take
        // its first data row («2022-2023» in the year column) for a header.
        let schools = crate::core::many::format_c::read(table, &h, &mut diags);
        (Format::Many, h.row, schools)
    } else if let Some(h) = format_a::find_header(table) {
        let school = format_a::read(table, &h, &mut diags);
        (Format::Template, h.row, vec![school])
    } else {
        if let Some(p) = protocol_of(table) {
            return Err(LoadError::Protocol(p));
        }
        let first_row = table
            .rows
            .first()
            .map(|r| r.cells.join(" | "))
            .unwrap_or_default();
        let first_row: String = first_row.chars().take(120).collect();
        return Err(LoadError::Unrecognized {
            first_row,
            sheet: None,
        });
    };
    let rows = table.rows.len().saturating_sub(header_row + 1);
    Ok(finish(format, schools, rows, diags))
}

/// Reads a text table. A results table (format B) is read as it is split, row by row, so a
/// national file never exists as a million rows of cells; anything else is split whole first
/// and read by [`load_table`].
fn load_text(
    text: &str,
    delimiter: Delimiter,
    mut diags: Diagnostics,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Loaded, LoadError> {
    // Headers are looked for among the first rows (as `find_header` does).
    const HEAD_ROWS: usize = 30;
    let total = text.len();
    let mut head = Table::default();
    let mut results: Option<format_b::Reader> = None;
    let mut rows = 0usize;
    let mut head_cells = 0usize;
    let mut over: Option<Budget> = None;
    let split = table::for_each_row(text, delimiter, |row, done| {
        if let Some(reader) = &mut results {
            reader.push_row(row, &mut diags);
            if reader.schools() > limits::MAX_SCHOOLS {
                over = Some(Budget::Schools {
                    line: Some(row.line),
                });
                return false;
            }
            rows += 1;
            if rows % 8192 == 0 {
                progress(done, total);
            }
            return true;
        }
        // Not (yet) a results file: the table is kept whole, within its budget.
        head_cells += row.cells.len();
        if head_cells > limits::MAX_TEXT_CELLS {
            over = Some(Budget::TextCells { line: row.line });
            return false;
        }
        head.rows.push(row.clone());
        if head.rows.len() == HEAD_ROWS {
            if let Some(h) = format_b::find_header(&head) {
                let mut reader = format_b::Reader::new(&head.rows[h.row], &h);
                for r in &head.rows[h.row + 1..] {
                    reader.push_row(r, &mut diags);
                    rows += 1;
                }
                results = Some(reader);
            }
        }
        true
    });
    if let Some(b) = split.err().or(over) {
        return Err(LoadError::Budget(b));
    }
    progress(total, total);
    match results {
        Some(reader) => {
            let schools = reader.finish(&mut diags);
            Ok(finish(Format::Results, schools, rows, diags))
        }
        None => {
            let notes = stray_quotes(&head);
            let mut loaded = load_table(&head, diags)?;
            loaded.diagnostics.extend(notes);
            Ok(loaded)
        }
    }
}

/// Cells that begin with a quote that is never closed: the table splitter recovered the rows
/// such a quote had swallowed (see `table::for_each_row`), and the user should know why a
/// stray «"» shows in the cell.
fn stray_quotes(table: &Table) -> Vec<Diagnostic> {
    let header = format_a::find_header(table).map(|h| &table.rows[h.row]);
    let mut out = Vec::new();
    for row in &table.rows {
        for (i, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.starts_with('"') && cell.matches('"').count() % 2 == 1 {
                let column = header
                    .map(|h| h.get(i).trim().to_string())
                    .unwrap_or_default();
                let value: String = cell.chars().take(60).collect();
                out.push(Diagnostic::at(
                    Severity::Warning,
                    DiagnosticKind::UnclosedQuote,
                    row.line,
                    column,
                    value,
                    "кавычка в начале ячейки не закрыта; строки после неё прочитаны как обычные, но проверьте эту ячейку",
                ));
            }
        }
    }
    out
}

/// The loaded file from the schools read: the years and indicators found, and the check that
/// anything was found at all.
pub(crate) fn finish(
    format: Format,
    schools: Vec<School>,
    rows: usize,
    mut diags: Diagnostics,
) -> Loaded {
    if schools.iter().all(|s| s.cells.is_empty()) {
        diags.push(Diagnostic::general(
            Severity::Error,
            DiagnosticKind::NoValues,
            "в файле не нашлось ни одного значения показателя",
        ));
    }
    Loaded {
        info: SourceInfo::of_schools(format, &schools, rows),
        schools,
        diagnostics: diags.finish(),
    }
}

impl SourceInfo {
    /// What a set of schools read shows: their years and indicators; no file name, and the
    /// encoding and delimiter of the format's CSV (the text reader sets the detected ones).
    pub fn of_schools(format: Format, schools: &[School], rows: usize) -> SourceInfo {
        let mut codes: Vec<&str> = Vec::new();
        let mut last: Option<&School> = None;
        for s in schools {
            // The schools of a file mostly have the same indicators: one with the previous
            // school's adds none (sorting them all compared 360 000 strings on a national file).
            if last.is_some_and(|l| l.cells.keys().eq(s.cells.keys())) {
                continue;
            }
            codes.extend(s.cells.keys().copied());
            last = Some(s);
        }
        codes.sort_unstable();
        codes.dedup();
        SourceInfo {
            file_name: None,
            format,
            encoding: Encoding::Utf8,
            delimiter: Delimiter::Semicolon,
            spreadsheet: None,
            sheet: None,
            years: years_of(schools),
            indicators: codes.len(),
            schools: schools.len(),
            rows,
        }
    }
}

/// Every school year of a set of schools, sorted, once each.
pub fn years_of(schools: &[School]) -> Vec<Year> {
    let mut years: Vec<Year> = schools
        .iter()
        .flat_map(|s| s.years.iter().copied())
        .collect();
    years.sort();
    years.dedup();
    years
}
