//! Cells to text: calamine's values rendered as the text a user sees in the spreadsheet, and
//! whole sheets (streamed cells or a dense range) turned into a [`Table`] within the budgets of
//! [`super::limits`].

use std::collections::HashSet;

use calamine::{Data, DataRef, Range};

use super::{SheetTable, MAX_COLUMNS};
use crate::core::read::limits::{Budget, MAX_BOOK_CELLS, MAX_SHEET_CELLS};
use crate::core::read::table::{Row, Table};

/// Why a sheet was not turned into a table.
pub(super) enum ReadFail {
    /// The reader's own words (a damaged sheet).
    Bad(String),
    /// A budget of `core::limits`.
    Over(Budget),
}

impl From<String> for ReadFail {
    fn from(s: String) -> Self {
        ReadFail::Bad(s)
    }
}

/// The cells a sheet may still take: this sheet's [`MAX_SHEET_CELLS`] and what is left of the
/// book's [`MAX_BOOK_CELLS`]. Every cell a table will hold is counted — the empty ones left of
/// a filled one included, since a row is stored up to its last filled cell.
pub(super) struct CellBudget<'a> {
    pub sheet: &'a str,
    pub used: u64,
    pub book_used: &'a mut u64,
}

impl CellBudget<'_> {
    pub fn take(&mut self, n: u64) -> Result<(), ReadFail> {
        self.used += n;
        *self.book_used += n;
        if self.used > MAX_SHEET_CELLS {
            return Err(ReadFail::Over(Budget::SheetCells {
                sheet: self.sheet.to_string(),
                cells: MAX_SHEET_CELLS,
            }));
        }
        if *self.book_used > MAX_BOOK_CELLS {
            return Err(ReadFail::Over(Budget::BookCells {
                cells: MAX_BOOK_CELLS,
            }));
        }
        Ok(())
    }
}

/// Builds a table from cells in any order (`next` yields them until `None`), within `budget`:
/// the filled cells as they come, then the cells of each row up to its last filled one.
pub(super) fn sparse_table<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, String>,
    percent: &HashSet<(u32, u32)>,
    budget: &mut CellBudget<'_>,
) -> Result<SheetTable, ReadFail> {
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let mut far_cells = 0;
    let mut filled = CellBudget {
        sheet: budget.sheet,
        used: 0,
        book_used: &mut 0,
    };
    while let Some(cell) = next()? {
        let (r, c) = cell.get_position();
        let value = cell.get_value();
        if *value == DataRef::Empty {
            continue;
        }
        if c as usize >= MAX_COLUMNS {
            far_cells += 1;
            continue;
        }
        let text = render(&Data::from(value.clone()), percent.contains(&(r, c)));
        if !text.trim().is_empty() {
            filled.take(1)?;
            cells.push((r, c, text));
        }
    }
    // Sheets list cells row by row, so this is nearly sorted already.
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let mut rows: Vec<Row> = Vec::new();
    for (r, c, text) in cells {
        let line = r as usize + 1;
        if rows.last().is_none_or(|row| row.line != line) {
            rows.push(Row {
                line,
                cells: Vec::new(),
            });
        }
        if let Some(row) = rows.last_mut() {
            let c = c as usize;
            if row.cells.len() <= c {
                budget.take((c + 1 - row.cells.len()) as u64)?;
                row.cells.resize(c + 1, String::new());
            }
            row.cells[c] = text;
        }
    }
    Ok(SheetTable {
        table: Table { rows },
        far_cells,
    })
}

/// Runs a calamine call, turning a panic inside it into an error that names the reader's own
/// words (`range end index 4 out of range…`). The checks in `ole` keep the known ones from
/// happening; this is the net for the rest, so one damaged workbook is a message, not a crash.
/// The CLI unwinds (no `panic = "abort"` in Cargo.toml); in the browser a panic aborts the
/// worker, which reports it first (src/worker.rs).
pub(super) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("внутренняя ошибка чтения книги ({why}): файл, вероятно, повреждён")
    })
}

/// Turns a calamine range into a table, within `budget` (the cells of each row up to its last
/// filled one).
pub(super) fn range_to_table(
    range: &Range<Data>,
    percent: &HashSet<(u32, u32)>,
    budget: &mut CellBudget<'_>,
) -> Result<SheetTable, ReadFail> {
    let Some((row0, col0)) = range.start() else {
        return Ok(SheetTable::default());
    };
    let mut rows = Vec::new();
    let mut far_cells = 0;
    for (i, cells) in range.rows().enumerate() {
        let r = row0 as usize + i;
        let mut out: Vec<String> = vec![String::new(); (col0 as usize).min(MAX_COLUMNS)];
        for (j, d) in cells.iter().enumerate() {
            let c = col0 as usize + j;
            if c >= MAX_COLUMNS {
                far_cells += usize::from(*d != Data::Empty);
                continue;
            }
            let is_percent = percent.contains(&(r as u32, c as u32));
            out.push(render(d, is_percent));
        }
        while out.last().is_some_and(|c| c.trim().is_empty()) {
            out.pop();
        }
        if out.is_empty() {
            continue;
        }
        budget.take(out.len() as u64)?;
        rows.push(Row {
            line: r + 1,
            cells: out,
        });
    }
    Ok(SheetTable {
        table: Table { rows },
        far_cells,
    })
}

/// The text of one cell.
pub fn render(d: &Data, percent: bool) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) if percent => format!("{}%", number_text(*i as f64 * 100.0)),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if percent => format!("{}%", number_text(f * 100.0)),
        Data::Float(f) => number_text(*f),
        Data::Bool(true) => "да".to_string(),
        Data::Bool(false) => "нет".to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, min, _, _) = dt.to_ymd_hms_milli();
            if h == 0 && min == 0 {
                format!("{d:02}.{m:02}.{y:04}")
            } else {
                format!("{d:02}.{m:02}.{y:04} {h:02}:{min:02}")
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) => iso_date(s).unwrap_or_else(|| s.clone()),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A float as Excel shows it in a General cell: 15 significant digits, no exponent, no trailing
/// zeros («212», «0.3», «36.7» for 36.699999999999996).
pub fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return "#NUM!".to_string();
    }
    if f == f.trunc() && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let magnitude = f.abs().log10().floor() as i32 + 1;
    let places = (15 - magnitude).clamp(0, 20) as usize;
    let mut s = format!("{f:.places$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// `2022-12-09` or `2022-12-09T00:00:00` → `09.12.2022` (ODS dates).
pub(super) fn iso_date(s: &str) -> Option<String> {
    let date = s.split('T').next()?;
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !(y.chars().chain(m.chars()).chain(d.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(format!("{d}.{m}.{y}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(212.0), "212");
        assert_eq!(number_text(0.367), "0.367");
        assert_eq!(number_text(0.367 * 100.0), "36.7");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(1.0 / 3.0), "0.333333333333333");
        assert_eq!(number_text(f64::NAN), "#NUM!");
        assert_eq!(render(&Data::Float(0.367), true), "36.7%");
        assert_eq!(render(&Data::Float(0.367), false), "0.367");
        assert_eq!(render(&Data::Int(1), true), "100%");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date("2022-12-09").as_deref(), Some("09.12.2022"));
        assert_eq!(
            iso_date("2022-12-09T10:00:00").as_deref(),
            Some("09.12.2022")
        );
        assert_eq!(iso_date("PT10H"), None);
    }
}
