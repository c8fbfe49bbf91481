//! Spreadsheets (XLSX, XLSB, XLS, ODS) from bytes: each sheet becomes a [`Table`] of text cells,
//! so the very same header search and cell grammar as for CSV read it (`load::load_table`).
//!
//! calamine reads the values; what calamine does not expose is the number format, and that
//! matters: a cell that Excel shows as «36,7 %» is stored as 0.367, while a cell that really says
//! 0.367 is 0.367 %. So for XLSX the styles (`xl/styles.xml`: `numFmts` + `cellXfs`) and the `s`
//! attributes of the sheet's cells are read here with zip and quick-xml (the crates calamine
//! itself uses), and for ODS the cells whose `office:value-type` is `percentage`. A
//! percent-formatted number is rendered as text «36.7%» before it reaches the cell grammar.
//! XLS and XLSB keep their formats in binary records calamine does not expose: there a
//! percent-formatted cell reads as the stored fraction (0.367), and format B's check of a share
//! against its counts says «похоже, доля записана в долях единицы».
//!
//! Other renderings: integers stored as floats (212.0) become «212»; floats are cut to the 15
//! significant digits Excel shows; formulas give their cached values; dates become «ДД.ММ.ГГГГ»
//! (a share typed as «9/12» that Excel turned into a date is then recognised by the cell
//! grammar); errors keep Excel's code («#DIV/0!»). Merged cells keep the value in their top-left
//! cell only, as Excel stores them — metadata rows read the first non-empty year column, so a
//! school name merged across the year columns still works.
//!
//! Nothing here touches the file system: the workbook is read from a byte slice.

use std::collections::HashSet;
use std::fmt;
use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xls, Xlsb, Xlsx};
use serde::{Deserialize, Serialize};

use crate::core::read::cell::normalize_label;
use crate::core::read::limits::Budget;
use crate::core::read::table::Table;

mod cells;
mod limits;
mod ods;
mod ole;
mod xlsx;
mod zipxml;

use cells::{guarded, range_to_table, sparse_table, CellBudget, ReadFail};
pub use cells::{number_text, render};
use ods::ods_percent_cells;
use ole::{check_biff, check_ole};
use xlsx::xlsx_percent_cells;
use zipxml::{ods_encrypted, zip_has, zip_xml_well_formed};

/// The spreadsheet container formats this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpreadsheetKind {
    /// Excel 2007+ (Office Open XML).
    Xlsx,
    /// Excel 2007+ binary workbook.
    Xlsb,
    /// Excel 97–2003 (BIFF in an OLE container).
    Xls,
    /// OpenDocument (LibreOffice, МойОфис, Р7-Офис).
    Ods,
}

impl SpreadsheetKind {
    /// The name users know.
    pub fn label(self) -> &'static str {
        match self {
            SpreadsheetKind::Xlsx => "XLSX (Excel)",
            SpreadsheetKind::Xlsb => "XLSB (двоичная книга Excel)",
            SpreadsheetKind::Xls => "XLS (Excel 97–2003)",
            SpreadsheetKind::Ods => "ODS (OpenDocument)",
        }
    }
}

/// What the first bytes say about a file: a ZIP container (XLSX, XLSB, ODS) or an OLE one (XLS,
/// or an XLSX encrypted with a password). `None` for anything else (text).
pub fn container(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("XLSX/ODS (электронная таблица)")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("XLS (Excel 97–2003)")
    } else {
        None
    }
}

/// Why a workbook could not be opened at all.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetError {
    /// The workbook is encrypted with a password.
    Password { kind: &'static str },
    /// The container is broken, or it is a ZIP/OLE file that is not a spreadsheet (a .docx, a
    /// .doc). `detail` is the reader's own wording, for a bug report.
    Corrupt { kind: &'static str, detail: String },
    /// Beyond a reading budget (`core::limits`): refused before the memory is taken.
    Budget(Budget),
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::Password { kind } => write!(
                f,
                "книга {kind} защищена паролем, и прочитать её нельзя: откройте её там, где её создали, снимите пароль (в Excel: «Файл → Сведения → Защитить книгу → Зашифровать с использованием пароля», пустой пароль; в LibreOffice: «Файл → Сохранить как» без пароля) и сохраните заново — или сохраните нужный лист как CSV"
            ),
            SheetError::Budget(b) => write!(f, "{b}"),
            SheetError::Corrupt { kind, detail } => write!(
                f,
                "файл похож на {kind}, но прочитать его не удалось — он повреждён или это не электронная таблица (например, документ Word). Откройте его в Excel или LibreOffice и сохраните заново как XLSX или CSV (разделители — точка с запятой). Подробности: {detail}"
            ),
        }
    }
}

impl std::error::Error for SheetError {}

/// The calamine reader of each container, behind one type.
enum Book<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xlsb(Xlsb<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
}

/// An opened workbook: its sheet names and a way to read each sheet as a table.
pub struct Workbook<'a> {
    bytes: &'a [u8],
    kind: SpreadsheetKind,
    book: Book<'a>,
    names: Vec<String>,
    /// Cells taken by the sheets read so far (against `limits::MAX_BOOK_CELLS`).
    cells_read: u64,
}

impl fmt::Debug for Workbook<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workbook")
            .field("kind", &self.kind)
            .field("sheets", &self.names)
            .finish()
    }
}

/// Opens a workbook from bytes. The container decides which readers are tried: ZIP → XLSX,
/// ODS, XLSB; OLE → XLS, then XLSX (an encrypted XLSX is an OLE file, and only the XLSX reader
/// recognises its password).
pub fn open(bytes: &[u8]) -> Result<Workbook<'_>, SheetError> {
    let kind_label = container(bytes).unwrap_or("электронная таблица");
    let cursor = || Cursor::new(bytes);
    let mut details = Vec::new();
    let book = if bytes.starts_with(b"PK\x03\x04") {
        // Budgets first: parts calamine reads whole, and the sheets an ODS reader builds
        // when it opens the book.
        limits::check_zip_parts(bytes).map_err(SheetError::Budget)?;
        limits::check_ods_cells(bytes).map_err(SheetError::Budget)?;
        // The ZIP's own listing says which it is; fall back to trying each reader.
        let ods = zip_has(bytes, "content.xml") && !zip_has(bytes, "xl/workbook.xml");
        let xlsb = zip_has(bytes, "xl/workbook.bin");
        let order: &[SpreadsheetKind] = if ods {
            &[SpreadsheetKind::Ods, SpreadsheetKind::Xlsx]
        } else if xlsb {
            &[SpreadsheetKind::Xlsb, SpreadsheetKind::Xlsx]
        } else {
            &[
                SpreadsheetKind::Xlsx,
                SpreadsheetKind::Ods,
                SpreadsheetKind::Xlsb,
            ]
        };
        let mut found = None;
        for kind in order {
            let attempt = match kind {
                SpreadsheetKind::Xlsx => guarded(|| Xlsx::new(cursor()))
                    .and_then(|r| r.map_err(|e| e.to_string()))
                    .map(Book::Xlsx),
                // calamine's ODS reader loops forever on a content.xml cut short (it waits
                // for an end tag that never comes), so the XML is checked whole first.
                SpreadsheetKind::Ods if ods_encrypted(bytes) => {
                    return Err(SheetError::Password {
                        kind: SpreadsheetKind::Ods.label(),
                    })
                }
                SpreadsheetKind::Ods => zip_xml_well_formed(bytes, "content.xml")
                    .and_then(|()| guarded(|| Ods::new(cursor())))
                    .and_then(|r| r.map_err(|e| e.to_string()))
                    .map(Book::Ods),
                SpreadsheetKind::Xlsb => guarded(|| Xlsb::new(cursor()))
                    .and_then(|r| r.map_err(|e| e.to_string()))
                    .map(Book::Xlsb),
                SpreadsheetKind::Xls => continue,
            };
            match attempt {
                Ok(b) => {
                    found = Some(b);
                    break;
                }
                Err(e) => details.push(e),
            }
        }
        found
    } else {
        // calamine's OLE reader trusts the file's sector tables (a corrupt one makes it index
        // out of bounds, loop, or reserve gigabytes), so the tables are checked here first.
        let boxes = match check_ole(bytes).and_then(|stream| match stream {
            Some(stream) => check_biff(&stream),
            None => Ok(Vec::new()),
        }) {
            Ok(boxes) => boxes,
            Err(detail) => {
                return Err(SheetError::Corrupt {
                    kind: kind_label,
                    detail,
                })
            }
        };
        limits::check_xls_cells(&boxes).map_err(SheetError::Budget)?;
        match guarded(|| Xls::new(cursor())) {
            Ok(Ok(b)) => Some(Book::Xls(b)),
            Ok(Err(calamine::XlsError::Password)) => {
                return Err(SheetError::Password {
                    kind: SpreadsheetKind::Xls.label(),
                })
            }
            Ok(Err(e)) => {
                details.push(e.to_string());
                match guarded(|| Xlsx::new(cursor())) {
                    Ok(Ok(b)) => Some(Book::Xlsx(b)),
                    Ok(Err(calamine::XlsxError::Password)) => {
                        return Err(SheetError::Password {
                            kind: SpreadsheetKind::Xlsx.label(),
                        })
                    }
                    Ok(Err(_)) => None,
                    Err(e) => {
                        details.push(e);
                        None
                    }
                }
            }
            Err(e) => {
                details.push(e);
                None
            }
        }
    };
    let Some(book) = book else {
        details.dedup();
        return Err(SheetError::Corrupt {
            kind: kind_label,
            detail: details.join("; "),
        });
    };
    let (kind, names) = match &book {
        Book::Xlsx(b) => (SpreadsheetKind::Xlsx, b.sheet_names()),
        Book::Xlsb(b) => (SpreadsheetKind::Xlsb, b.sheet_names()),
        Book::Xls(b) => (SpreadsheetKind::Xls, b.sheet_names()),
        Book::Ods(b) => (SpreadsheetKind::Ods, b.sheet_names()),
    };
    Ok(Workbook {
        bytes,
        kind,
        book,
        names,
        cells_read: 0,
    })
}

/// The sheet names that mean «the data is here», normalised.
const PREFERRED_SHEETS: &[&str] = &["дтк", "результаты"];

impl Workbook<'_> {
    /// The container format.
    pub fn kind(&self) -> SpreadsheetKind {
        self.kind
    }

    /// Every sheet name, in the workbook's order.
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// The order in which sheets are worth trying: a sheet named «ДТК» or «Результаты» (case,
    /// spaces and «ё» ignored) first, then the others in the workbook's order.
    pub fn candidates(&self) -> Vec<String> {
        let preferred = |n: &String| PREFERRED_SHEETS.contains(&normalize_label(n).as_str());
        let mut out: Vec<String> = self
            .names
            .iter()
            .filter(|n| preferred(n))
            .cloned()
            .collect();
        out.extend(self.names.iter().filter(|n| !preferred(n)).cloned());
        out
    }

    /// Reads one sheet as a table whose `Row::line` is the spreadsheet row number (1-based)
    /// and whose cell `i` is spreadsheet column `i` (A = 0), so diagnostics point where Excel
    /// does. Empty rows are dropped, trailing empty cells trimmed, and cells right of
    /// [`MAX_COLUMNS`] left out (counted in [`SheetTable::far_cells`]).
    /// A sheet beyond [`crate::core::read::limits::MAX_SHEET_CELLS`] (or the book beyond
    /// `MAX_BOOK_CELLS`) is [`SheetError::Budget`]; a damaged one [`SheetError::Corrupt`].
    pub fn table(&mut self, name: &str) -> Result<SheetTable, SheetError> {
        let bytes = self.bytes;
        let kind = self.kind.label();
        let mut budget = CellBudget {
            sheet: name,
            used: 0,
            book_used: &mut self.cells_read,
        };
        let read = match &mut self.book {
            // XLSX and XLSB are streamed cell by cell: calamine's dense range would reserve
            // every cell of the bounding box, and one stray value in XFD1048576 (legal, and a
            // damaged reference can claim it too) would ask for 17 billion cells.
            Book::Xlsx(b) => {
                let percent = xlsx_percent_cells(bytes, name);
                guarded(|| {
                    let mut cells = b.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
                    sparse_table(
                        || cells.next_cell().map_err(|e| e.to_string()),
                        &percent,
                        &mut budget,
                    )
                })
                .map_err(ReadFail::Bad)
                .and_then(|r| r)
            }
            Book::Xlsb(b) => guarded(|| {
                let mut cells = b.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
                sparse_table(
                    || cells.next_cell().map_err(|e| e.to_string()),
                    &HashSet::new(),
                    &mut budget,
                )
            })
            .map_err(ReadFail::Bad)
            .and_then(|r| r),
            // XLS and ODS sheets are dense rectangles, measured before calamine builds them
            // (`check_biff`, `limits::ods_cells`) and within the budgets.
            Book::Xls(b) => guarded(|| b.worksheet_range(name).map_err(|e| e.to_string()))
                .and_then(|r| r)
                .map_err(ReadFail::Bad)
                .and_then(|range| range_to_table(&range, &HashSet::new(), &mut budget)),
            Book::Ods(b) => guarded(|| b.worksheet_range(name).map_err(|e| e.to_string()))
                .and_then(|r| r)
                .map_err(ReadFail::Bad)
                .and_then(|range| {
                    // Formats only matter for numbers; a sheet without any skips the second
                    // pass.
                    let has_numbers = range
                        .used_cells()
                        .any(|(_, _, d)| matches!(d, Data::Float(_) | Data::Int(_)));
                    let percent = if has_numbers {
                        ods_percent_cells(bytes, name)
                    } else {
                        HashSet::new()
                    };
                    range_to_table(&range, &percent, &mut budget)
                }),
        };
        read.map_err(|e| match e {
            ReadFail::Bad(detail) => SheetError::Corrupt { kind, detail },
            ReadFail::Over(b) => SheetError::Budget(b),
        })
    }
}

/// The widest sheet read: the formats need a few dozen columns; a cell further right is a
/// stray (or a damaged reference) and would make every row that long.
pub const MAX_COLUMNS: usize = 1024;

/// A sheet read as a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetTable {
    pub table: Table,
    /// Cells with a value right of [`MAX_COLUMNS`], left out.
    pub far_cells: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(open(b"PK\x03\x04garbage").is_err());
        assert!(open(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).is_err());
        assert!(open(b"").is_err());
    }
}
