//! Writing CSV: cells in; `;`-separated, quoted, formula-guarded text out, and the guard
//! taken off again on reading (`unguard`). Re-exported from `table`, where it has always been
//! named (`core::table::CsvOut`).

// ---- Writing CSV ---------------------------------------------------------------------------
//
// Every CSV the product writes (the report in format A, the template, the schools table) goes
// through `CsvOut`, so quoting and the formula guard are the same everywhere.

/// Whether a cell would start a formula in Excel or LibreOffice when the CSV is opened: its
/// first visible character is `=`, `+`, `-` or `@`, or it starts with a tab or a carriage
/// return (spreadsheets and our own reader trim those, and what follows would become live).
/// Plain numbers («-3», «+5», «-3,5», «-12,5 %») and a lone dash («-», «нет данных») are
/// values, not formulas, and stay as they are, so Excel still reads them as numbers.
fn formula_like(s: &str) -> bool {
    if s.starts_with(['\t', '\r']) {
        return true;
    }
    let t = s.trim_start();
    if !t.starts_with(['=', '+', '-', '@']) {
        return false;
    }
    !(plain_number(t) || t.trim() == "-")
}

/// A signed decimal number, optionally with a percent sign: «-3», «+5», «-3,5», «-12.5 %».
fn plain_number(t: &str) -> bool {
    let t = t.trim_end();
    let t = t.strip_suffix('%').map_or(t, str::trim_end);
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let mut digits = 0;
    let mut separators = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            ',' | '.' => separators += 1,
            _ => return false,
        }
    }
    digits > 0 && separators <= 1 && !body.starts_with([',', '.']) && !body.ends_with([',', '.'])
}

/// Whether a cell is written with the guard «'» in front: it looks like a formula, or it
/// already starts with «'» before something formula-like (so that stripping one «'» on reading
/// gives back exactly the text that was written).
fn needs_guard(s: &str) -> bool {
    formula_like(s) || s.strip_prefix('\'').is_some_and(needs_guard)
}

/// Removes the guard a [`CsvOut`] put in front of a cell: `'=HYPERLINK(…)` reads back as
/// `=HYPERLINK(…)` (as text — nothing in the calculator evaluates it), so an exported report
/// re-opens as the identical report. A «'» in front of anything else is the cell's own text.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// One cell of `;`-separated CSV: guarded against formulas (see [`unguard`]) and quoted when it
/// holds `;`, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    let guarded;
    let s = if needs_guard(s) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV as Russian Excel opens it without questions: UTF-8 with BOM, `;` between cells, CRLF
/// after each row, every cell through [`csv_field`].
#[derive(Debug, Clone)]
pub struct CsvOut {
    text: String,
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvOut {
    /// An empty file (just the BOM).
    pub fn new() -> Self {
        CsvOut {
            text: String::from("\u{FEFF}"),
        }
    }

    /// Appends one row.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push(';');
            }
            self.text.push_str(&csv_field(c.as_ref()));
        }
        self.text.push_str("\r\n");
    }

    /// The file's bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

#[cfg(test)]
mod guard_tests {
    use super::*;
    use crate::core::read::table::{parse, Delimiter};

    /// Every cell a spreadsheet would take for a formula gets «'»; numbers and a lone dash
    /// do not; and reading strips exactly the guard back.
    #[test]
    fn formula_guard_and_its_removal() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://x\";\"a\")",
                "\"'=HYPERLINK(\"\"http://x\"\";\"\"a\"\")\"",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+1", "'+1+1"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "\"'\r=1+1\""),
            ("  =1", "'  =1"),
            ("'=1", "''=1"),
            ("-3", "-3"),
            ("+5", "+5"),
            ("-3,5", "-3,5"),
            ("-12.5 %", "-12.5 %"),
            ("-", "-"),
            ("- ", "- "),
            ("--", "'--"),
            ("-,5", "'-,5"),
            ("'текст", "'текст"),
            ("СОШ № 1", "СОШ № 1"),
            ("a;b", "\"a;b\""),
        ] {
            assert_eq!(csv_field(cell), written, "{cell:?}");
            let mut out = CsvOut::new();
            out.row([cell, "x"]);
            let text = String::from_utf8(out.into_bytes()).unwrap();
            let t = parse(text.trim_start_matches('\u{feff}'), Delimiter::Semicolon);
            assert_eq!(t.rows[0].cells[0], cell, "{cell:?} read back");
        }
    }
}
