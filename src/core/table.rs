//! Splitting decoded text into a table of cells: the delimiter is detected (`;`, `,`, tab) or
//! chosen by the user; quoted fields may hold delimiters and line breaks; `\r\n`, `\n` and `\r`
//! all end a line. Each row keeps the 1-based line it starts on, so diagnostics point at the
//! line a user sees in a text editor (or the row number in Excel).

use serde::Serialize;

/// A field delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Delimiter {
    Semicolon,
    Comma,
    Tab,
}

impl Delimiter {
    /// Every delimiter, in the order the UI offers them.
    pub const ALL: &'static [Delimiter] = &[Delimiter::Semicolon, Delimiter::Comma, Delimiter::Tab];

    /// The byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Semicolon => b';',
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
        }
    }

    /// The name users know.
    pub fn label(self) -> &'static str {
        match self {
            Delimiter::Semicolon => "точка с запятой (;)",
            Delimiter::Comma => "запятая (,)",
            Delimiter::Tab => "табуляция",
        }
    }
}

/// A table of text cells. Trailing empty cells of a row are kept (they are harmless) but rows
/// that are entirely empty are dropped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// One row of a table with the line (or sheet row) it came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// 1-based line number (or spreadsheet row number).
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell at `i`, or "" when the row is shorter.
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }
}

/// Counts occurrences of `d` outside double quotes in one line.
fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == d && !quoted {
            n += 1;
        }
    }
    n
}

/// Detects the delimiter from the first lines: the candidate present in the most lines wins;
/// ties go to tab, then `;`, then `,` — because a decimal comma («36,7») puts commas into
/// `;`- and tab-separated files, never the other way round.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (Delimiter::Semicolon, 0usize);
    for d in [Delimiter::Tab, Delimiter::Semicolon, Delimiter::Comma] {
        let c = d.byte() as char;
        let n = lines
            .iter()
            .filter(|l| count_outside_quotes(l, c) > 0)
            .count();
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// Parses text into rows. Never fails: the csv reader is lenient (flexible row lengths, stray
/// quotes kept as text).
pub fn parse(text: &str, delimiter: Delimiter) -> Table {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = record.position().map_or(0, |p| p.line() as usize);
                let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
                while cells.last().is_some_and(|c| c.trim().is_empty()) {
                    cells.pop();
                }
                rows.push(Row { line, cells });
            }
            // The text is already valid UTF-8, so the only errors are I/O ones, which a
            // string source cannot produce; stop rather than loop.
            Err(_) => break,
        }
    }
    Table { rows }
}
