//! Splitting decoded text into a table of cells: the delimiter is detected (`;`, `,`, tab) or
//! chosen by the user; quoted fields may hold delimiters and line breaks; `\r\n`, `\n` and `\r`
//! all end a line. Each row keeps the 1-based line it starts on, so diagnostics point at the
//! line a user sees in a text editor (or the row number in Excel).

use serde::{Deserialize, Serialize};

use crate::core::read::limits::{Budget, MAX_ROW_CELLS};

// The writer lives beside the splitter; its paths stay `table::…`.
pub use super::csv_out::{csv_field, unguard, CsvOut};
// The quote-free split, by which national files are read, lives beside it too.
pub(crate) use super::plain::for_each_plain_record;

/// A field delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// A row whose cells are slices of the text it was split from — the same cells a [`Row`] would
/// hold (guard removed, trailing blank cells dropped), without a copy of each: a national file
/// is a million rows read once and let go.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    /// 1-based line number (or spreadsheet row number).
    pub line: usize,
    pub cells: &'a [&'a str],
}

impl<'a> RowRef<'a> {
    /// The cell at `i`, or "" when the row is shorter.
    pub fn get(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    /// The row with its own copy of the cells.
    pub fn to_row(&self) -> Row {
        Row {
            line: self.line,
            cells: self.cells.iter().map(|c| c.to_string()).collect(),
        }
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
    // Excel writes and honours a first line «sep=;» naming the delimiter. (The line itself
    // stays in the table as a one-cell row, above any header, where it is harmless.)
    if let Some(first) = text.trim_start_matches('\u{feff}').lines().next() {
        match first.trim().to_ascii_lowercase().strip_prefix("sep=") {
            Some(";") => return Delimiter::Semicolon,
            Some(",") => return Delimiter::Comma,
            // `trim` took the tab away.
            Some("") if first.contains('\t') => return Delimiter::Tab,
            _ => {}
        }
    }
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

/// Physical line numbers of the rows. The csv reader's own `Position::line` counts only the
/// `\n` it has consumed before a record, so it is one short after `\r\n` endings, stays at 1
/// with `\r` endings and forgets blank lines; a row is located by its byte offset instead.
struct Lines<'a> {
    text: &'a [u8],
    /// Bytes counted so far, the line they end on, and whether the last one was `\r` (so that
    /// the `\n` of a `\r\n` is not counted twice).
    at: usize,
    line: usize,
    after_cr: bool,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
            after_cr: false,
        }
    }

    /// The 1-based line of the record the reader places at `byte`: that is where the previous
    /// record ended, so the rest of its line ending and any blank lines come first.
    fn line_of(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        // Records come in order; anything else would only leave the count where it is.
        for &b in &self.text[self.at.min(start)..start] {
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' => self.line += 1,
                b'\r' => {
                    self.line += 1;
                    self.after_cr = true;
                }
                _ => self.after_cr = false,
            }
        }
        self.at = self.at.max(start);
        self.line
    }
}

/// Parses text into rows. Never fails: the csv reader is lenient (flexible row lengths, stray
/// quotes kept as text); a row over [`MAX_ROW_CELLS`] ends the table there.
pub fn parse(text: &str, delimiter: Delimiter) -> Table {
    let mut rows = Vec::new();
    let _ = for_each_row(text, delimiter, |row, _| {
        rows.push(row.clone());
        true
    });
    Table { rows }
}

/// Splits text into rows one at a time, without keeping them: `f` gets each non-empty row (as
/// `parse` would produce it) and the number of bytes read so far, and returns whether to go on.
/// One row buffer is reused, so a million-row file costs no allocation per row. A row of more
/// than [`MAX_ROW_CELLS`] cells stops the split with [`Budget::RowCells`] before the rest of
/// it is even cut (a 190 MB line of `a;a;a;…` costs 16 384 cells, not 95 million).
pub fn for_each_row(
    text: &str,
    delimiter: Delimiter,
    f: impl FnMut(&Row, usize) -> bool,
) -> Result<(), Budget> {
    // Without a single double quote, CSV is lines split at the delimiter: done here directly
    // on the text (no copy, no second UTF-8 check), which is what national files look like.
    // With quotes, the csv reader handles quoting, escapes and line breaks inside fields.
    if memchr::memchr(b'"', text.as_bytes()).is_none() {
        return for_each_plain_row(text, delimiter, 1, f).map(|_| ());
    }
    for_each_csv_row(text, delimiter, f)
}

/// What `fill` made of a record.
#[derive(PartialEq)]
pub(super) enum Filled {
    Row,
    /// Nothing but blanks (skipped).
    Blank,
    /// More than [`MAX_ROW_CELLS`] cells.
    TooWide,
}

/// Writes cell `i` of a reused row: into the string already there (its buffer kept), or a new
/// one.
fn put(row: &mut Row, i: usize, cell: &str) {
    match row.cells.get_mut(i) {
        Some(c) => {
            c.clear();
            c.push_str(cell);
        }
        None => row.cells.push(cell.to_string()),
    }
}

/// Puts `cells` into the reused row, trailing blank cells dropped.
fn fill<'a>(row: &mut Row, cells: impl Iterator<Item = &'a str>) -> Filled {
    let mut n = 0;
    for (i, cell) in cells.enumerate() {
        if i == MAX_ROW_CELLS {
            return Filled::TooWide;
        }
        put(row, i, unguard(cell));
        n = i + 1;
    }
    row.cells.truncate(n);
    // Only the trailing cells are looked at (a row's last cell is nearly always filled), not
    // every cell of a million rows.
    while row
        .cells
        .last()
        .is_some_and(|c| crate::core::read::cell::trim(c).is_empty())
    {
        row.cells.pop();
    }
    if row.cells.is_empty() {
        Filled::Blank
    } else {
        Filled::Row
    }
}

/// `for_each_row` for text without double quotes: a record per line (`\r\n`, `\n` or `\r`),
/// as the csv reader would split it. Lines are numbered from `first_line` (a later piece of a
/// file read in pieces, `stream`); returns the number of the line after the text, or the
/// budget a row went over.
pub(crate) fn for_each_plain_row(
    text: &str,
    delimiter: Delimiter,
    first_line: usize,
    mut f: impl FnMut(&Row, usize) -> bool,
) -> Result<usize, Budget> {
    let mut row = Row::default();
    for_each_plain_record(text, delimiter, first_line, |r, done| {
        row.line = r.line;
        for (i, cell) in r.cells.iter().enumerate() {
            put(&mut row, i, cell);
        }
        row.cells.truncate(r.cells.len());
        f(&row, done)
    })
}

/// Whether a record looks like the work of a stray opening quote: a cell that runs over line
/// breaks into lines that are themselves rows (they hold the delimiter) — two or more of them,
/// or one when the cell runs to the end of the file. A label written over two lines in quotes
/// («Обучающихся на⏎конец года») is not one.
fn swallowed_rows(record: &csv::StringRecord, delimiter: Delimiter, at_end: bool) -> bool {
    let d = delimiter.byte() as char;
    record.iter().any(|cell| {
        let rows = cell
            .split(['\r', '\n'])
            .skip(1)
            .filter(|l| l.contains(d))
            .count();
        rows >= 2 || (rows >= 1 && at_end)
    })
}

/// The line of the first record with [`MAX_ROW_CELLS`] or more delimiters, as the csv reader
/// will split it (csv-core's default quoting: a quote opens a quoted field only at a field's
/// start, `""` inside is a quote, a line break inside quotes does not end the record). Counting
/// per physical line instead let a record joined by quoted line breaks — each line under the
/// cap — grow without bound in the reader. Written out because the csv crate has no cap of its
/// own and this is a dozen lines.
fn too_wide_record(text: &str, d: u8) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum At {
        FieldStart,
        Field,
        Quoted,
        QuoteInQuoted,
    }
    let (mut line, mut record_line, mut cells, mut after_cr) = (1, 1, 0, false);
    let mut at = At::FieldStart;
    for &b in text.as_bytes() {
        let newline = b == b'\n' || b == b'\r';
        if newline && !(b == b'\n' && after_cr) {
            line += 1;
        }
        after_cr = b == b'\r';
        at = match (at, b) {
            (At::Quoted, b'"') => At::QuoteInQuoted,
            (At::Quoted, _) => At::Quoted,
            (At::FieldStart, b'"') | (At::QuoteInQuoted, b'"') => At::Quoted,
            (_, b) if b == d => {
                cells += 1;
                if cells >= MAX_ROW_CELLS {
                    return Some(record_line);
                }
                At::FieldStart
            }
            (_, b'\n' | b'\r') => {
                cells = 0;
                record_line = line;
                At::FieldStart
            }
            _ => At::Field,
        };
    }
    None
}

/// `for_each_row` through the csv reader (quoted fields).
fn for_each_csv_row(
    text: &str,
    delimiter: Delimiter,
    mut f: impl FnMut(&Row, usize) -> bool,
) -> Result<(), Budget> {
    // The csv reader holds a whole record before it yields it: a record with more cells than
    // allowed is refused first, by a scan that follows the reader's own quoting.
    if let Some(line) = too_wide_record(text, delimiter.byte()) {
        return Err(Budget::RowCells { line });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut lines = Lines::new(text);
    let mut row = Row::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                let done = reader.position().byte() as usize;
                if swallowed_rows(&record, delimiter, done == text.len()) {
                    // A quote opened and never closed took the rows after it into one cell:
                    // split that stretch as plain lines instead (the stray quote stays in its
                    // cell as text, where the reader can point at it), and go on.
                    let first = lines.line_of(start);
                    let raw = text[start.min(done)..done].trim_start_matches(['\r', '\n']);
                    let mut go_on = true;
                    for_each_plain_row(raw, delimiter, 1, |r, _| {
                        let mut r = r.clone();
                        r.line += first - 1;
                        go_on = f(&r, done);
                        go_on
                    })
                    .map_err(|e| match e {
                        Budget::RowCells { line } => Budget::RowCells {
                            line: line + first - 1,
                        },
                        other => other,
                    })?;
                    if !go_on {
                        break;
                    }
                    continue;
                }
                match fill(&mut row, record.iter()) {
                    Filled::Row => {}
                    Filled::Blank => continue,
                    Filled::TooWide => {
                        return Err(Budget::RowCells {
                            line: lines.line_of(start),
                        })
                    }
                }
                row.line = lines.line_of(start);
                if !f(&row, done) {
                    break;
                }
            }
            // The text is already valid UTF-8, so the only errors are I/O ones, which a
            // string source cannot produce; stop rather than loop.
            Err(_) => break,
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
