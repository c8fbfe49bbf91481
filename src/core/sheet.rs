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

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{BufRead, BufReader, Cursor, Read, Seek};

use calamine::{Data, DataRef, Ods, Range, Reader, Xls, Xlsb, Xlsx};
use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};

use super::cell::normalize_label;
use super::table::{Row, Table};

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
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::Password { kind } => write!(
                f,
                "книга {kind} защищена паролем, и прочитать её нельзя: откройте её там, где её создали, снимите пароль (в Excel: «Файл → Сведения → Защитить книгу → Зашифровать с использованием пароля», пустой пароль; в LibreOffice: «Файл → Сохранить как» без пароля) и сохраните заново — или сохраните нужный лист как CSV"
            ),
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
        if let Err(detail) = check_ole(bytes).and_then(|stream| match stream {
            Some(stream) => check_biff(&stream),
            None => Ok(()),
        }) {
            return Err(SheetError::Corrupt {
                kind: kind_label,
                detail,
            });
        }
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
    pub fn table(&mut self, name: &str) -> Result<SheetTable, String> {
        let bytes = self.bytes;
        match &mut self.book {
            // XLSX and XLSB are streamed cell by cell: calamine's dense range would reserve
            // every cell of the bounding box, and one stray value in XFD1048576 (legal, and a
            // damaged reference can claim it too) would ask for 17 billion cells.
            Book::Xlsx(b) => {
                let percent = xlsx_percent_cells(bytes, name);
                guarded(|| {
                    let mut cells = b.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
                    sparse_table(|| cells.next_cell().map_err(|e| e.to_string()), &percent)
                })?
            }
            Book::Xlsb(b) => guarded(|| {
                let mut cells = b.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
                sparse_table(
                    || cells.next_cell().map_err(|e| e.to_string()),
                    &HashSet::new(),
                )
            })?,
            // XLS sheets are bounded by BIFF8 (65 536 × 256, checked in `check_biff`), ODS by
            // calamine's own cell limit.
            Book::Xls(b) => {
                let range = guarded(|| b.worksheet_range(name).map_err(|e| e.to_string()))??;
                Ok(range_to_table(&range, &HashSet::new()))
            }
            Book::Ods(b) => {
                let range = guarded(|| b.worksheet_range(name).map_err(|e| e.to_string()))??;
                // Formats only matter for numbers; a sheet without any skips the second pass.
                let has_numbers = range
                    .used_cells()
                    .any(|(_, _, d)| matches!(d, Data::Float(_) | Data::Int(_)));
                let percent = if has_numbers {
                    ods_percent_cells(bytes, name)
                } else {
                    HashSet::new()
                };
                Ok(range_to_table(&range, &percent))
            }
        }
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

/// Builds a table from cells in any order (`next` yields them until `None`).
fn sparse_table<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, String>,
    percent: &HashSet<(u32, u32)>,
) -> Result<SheetTable, String> {
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let mut far_cells = 0;
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

/// Runs a calamine call, turning a panic inside it into an error. The checks above
/// (`check_ole`, `check_biff`) keep the known ones from happening; this is the net for the
/// rest, so one damaged workbook is a message, not a crash. (In the browser's release build
/// panics abort, and only the checks protect.)
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| "внутренняя ошибка чтения книги: файл, вероятно, повреждён".to_string())
}

/// Turns a calamine range into a table, rendering each cell as the text a user sees.
fn range_to_table(range: &Range<Data>, percent: &HashSet<(u32, u32)>) -> SheetTable {
    let Some((row0, col0)) = range.start() else {
        return SheetTable::default();
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
        rows.push(Row {
            line: r + 1,
            cells: out,
        });
    }
    SheetTable {
        table: Table { rows },
        far_cells,
    }
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
fn iso_date(s: &str) -> Option<String> {
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

// ---- OLE containers (XLS, encrypted XLSX) --------------------------------------------------

/// Checks an OLE compound file the way calamine's reader will walk it — header, DIFAT, FAT,
/// directory, mini stream and the workbook streams — and refuses what would make that reader
/// panic or run away: a sector past the end or cut short, a chain that loops, a table longer
/// than the file. Every well-formed file passes; the checks only bound what it claims.
/// Returns the workbook stream (the one calamine will read), if there is one.
fn check_ole(b: &[u8]) -> Result<Option<Vec<u8>>, String> {
    const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    let bad = |what: &str| Err(format!("OLE: {what}"));
    let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    if b.len() < 512 {
        return bad("файл короче заголовка");
    }
    let size: usize = match u16_at(30) {
        9 => 512,
        12 => 4096,
        _ => return bad("неизвестный размер сектора"),
    };
    if u16_at(32) != 6 || b.len() < size {
        return bad("повреждён заголовок");
    }
    // Sector `id` lies at `size * (id + 1)`; only whole sectors count.
    let sectors = (b.len() - size) / size;
    let sector = |id: u32| -> Option<&[u8]> {
        let id = id as usize;
        (id < sectors).then(|| &b[size * (id + 1)..size * (id + 2)])
    };
    let words = |s: &[u8]| -> Vec<u32> {
        s.chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect()
    };
    let fat_len = u32_at(44) as usize;
    let dir_start = u32_at(48);
    let mini_fat_start = u32_at(60);
    let mini_fat_len = u32_at(64) as usize;
    let difat_start = u32_at(68);
    // calamine reserves room for the u32 at bytes 62..66 (straddling two fields) up front.
    let reserved = u32_at(62) as u64;
    if fat_len > sectors
        || mini_fat_len > sectors
        || reserved * 4 > (64 << 20) + 16 * b.len() as u64
    {
        return bad("таблицы длиннее файла");
    }
    // DIFAT: 109 entries in the header, then a chain of sectors whose last word is the next.
    let mut difat = words(&b[76..512]);
    let mut id = difat_start;
    let mut seen = HashSet::new();
    while id < RESERVED {
        if !seen.insert(id) {
            return bad("цепочка DIFAT зациклена");
        }
        let Some(s) = sector(id) else {
            return bad("сектор DIFAT за концом файла");
        };
        difat.extend(words(s));
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        match sector(id) {
            Some(s) => fat.extend(words(s)),
            None => return bad("сектор FAT за концом файла"),
        }
    }
    // A chain of whole sectors through `table`, cut at `limit` bytes as calamine cuts it;
    // returns the bytes.
    let chain = |start: u32,
                 table: &[u32],
                 unit: usize,
                 get: &dyn Fn(u32) -> Option<Vec<u8>>,
                 limit: usize|
     -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if !seen.insert(id) {
                return Err("OLE: цепочка секторов зациклена".to_string());
            }
            let Some(s) = get(id) else {
                return Err("OLE: сектор за концом файла".to_string());
            };
            out.extend_from_slice(&s[..unit.min(limit - out.len())]);
            if out.len() >= limit {
                break;
            }
            match table.get(id as usize) {
                Some(&next) => id = next,
                None => return Err("OLE: сектор вне таблицы".to_string()),
            }
        }
        Ok(out)
    };
    let main_sector = |id: u32| sector(id).map(<[u8]>::to_vec);
    let dirs = chain(dir_start, &fat, size, &main_sector, usize::MAX)?;
    // Directory entries: 128 bytes; stream start at 116, length at 120 (u32, or u64 for
    // 4096-byte sectors — which must fit a 32-bit usize in the browser).
    let entries: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let len = if size == 512 {
                u32::from_le_bytes([e[120], e[121], e[122], e[123]]) as u64
            } else {
                u64::from_le_bytes([
                    e[120], e[121], e[122], e[123], e[124], e[125], e[126], e[127],
                ])
            };
            let len = usize::try_from(len.min(u32::MAX as u64 + 1)).unwrap_or(usize::MAX);
            (String::from_utf16_lossy(&units), u32_at_slice(e, 116), len)
        })
        .collect();
    if size == 4096 && entries.iter().any(|(_, _, len)| *len > u32::MAX as usize) {
        return bad("длина потока не умещается в 32 бита");
    }
    let Some((_, root_start, root_len)) = entries.first().cloned() else {
        return bad("нет корневого каталога");
    };
    let (mini, ministream) = if mini_fat_len > 0 {
        let ministream = chain(root_start, &fat, size, &main_sector, root_len)?;
        let minifat = chain(
            mini_fat_start,
            &fat,
            size,
            &main_sector,
            mini_fat_len * size,
        )?;
        (words(&minifat), ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mini_sector = |id: u32| {
        let at = id as usize * 64;
        ministream.get(at..at + 64).map(<[u8]>::to_vec)
    };
    // The stream calamine reads: the workbook (XLS) — the first entry of the first name found.
    for name in ["Workbook", "Book", "WORKBOOK", "BOOK"] {
        if let Some((_, start, len)) = entries.iter().find(|(n, ..)| n == name) {
            if *len > b.len() {
                return bad("поток длиннее файла");
            }
            let stream = if *len < 4096 {
                chain(*start, &mini, 64, &mini_sector, *len)?
            } else {
                chain(*start, &fat, size, &main_sector, *len)?
            };
            return Ok(Some(stream));
        }
    }
    Ok(None)
}

/// Checks the records of an XLS workbook stream that calamine trusts: a sheet's offset
/// (BoundSheet) must lie inside the stream and its record be whole, and a sheet's declared
/// size (Dimensions) must be a real sheet's — calamine reserves memory for every cell of it,
/// and a damaged one asks for hundreds of gigabytes.
fn check_biff(stream: &[u8]) -> Result<(), String> {
    // (type, data) of the records from `at`, as calamine's record iterator splits them.
    let records = |mut at: usize| {
        std::iter::from_fn(move || {
            let head = stream.get(at..at + 4)?;
            let typ = u16::from_le_bytes([head[0], head[1]]);
            let len = u16::from_le_bytes([head[2], head[3]]) as usize;
            let data = stream.get(at + 4..at + 4 + len)?;
            at += 4 + len;
            Some((typ, data))
        })
    };
    let mut sheets = Vec::new();
    for (typ, data) in records(0) {
        match typ {
            // BoundSheet8: stream offset (u32), visibility, type, name.
            0x0085 => {
                if data.len() < 8 {
                    return Err("XLS: запись листа обрезана".to_string());
                }
                let pos = u32_at_slice(data, 0) as usize;
                if pos >= stream.len() {
                    return Err("XLS: лист указывает за конец книги".to_string());
                }
                sheets.push(pos);
            }
            // EOF of the globals.
            0x000A => break,
            _ => {}
        }
    }
    for pos in sheets {
        for (typ, data) in records(pos) {
            match typ {
                0x0200 => {
                    let u16_at = |i: usize| u16::from_le_bytes([data[i], data[i + 1]]) as u64;
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                        14 => (
                            u32_at_slice(data, 0) as u64,
                            u32_at_slice(data, 4) as u64,
                            u16_at(8),
                            u16_at(10),
                        ),
                        _ => continue,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    // A BIFF8 sheet has at most 65 536 rows and 256 columns.
                    if rl >= 1 && cl >= 1 && (rl <= rf || cl <= cf || rl > 65_536 || cl > 256) {
                        return Err("XLS: неверные размеры листа".to_string());
                    }
                }
                // Cells (Number, Label, BoolErr, RK, LabelSst, Formula, Blank, RString): row
                // and column first; calamine allocates the bounding box of all cells, so a
                // column past the 256 of BIFF8 would cost gigabytes.
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 | 0x00D6
                    if data.len() >= 4 && u16::from_le_bytes([data[2], data[3]]) > 0xFF =>
                {
                    return Err("XLS: ячейка за пределами листа".to_string());
                }
                // MulRk, MulBlank: row, first column, …, last column.
                0x00BD | 0x00BE if data.len() >= 6 => {
                    let first = u16::from_le_bytes([data[2], data[3]]);
                    let n = data.len();
                    let last = u16::from_le_bytes([data[n - 2], data[n - 1]]);
                    if first > 0xFF || last > 0xFF {
                        return Err("XLS: ячейка за пределами листа".to_string());
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
    }
    Ok(())
}

fn u32_at_slice(s: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]])
}

// ---- Number formats: XLSX ------------------------------------------------------------------

/// Whether the ZIP holds an entry of that name (false for a broken ZIP).
fn zip_has(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name(name).is_some())
}

/// Reads one ZIP entry as bytes, at most `limit` of them (a ZIP bomb must not exhaust memory;
/// the parts read whole here — workbook, relationships, styles — are small).
fn zip_entry<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Option<Vec<u8>> {
    let file = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    file.take(limit).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Whether an ODS is encrypted: its manifest then describes the encryption of each part.
fn ods_encrypted(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    zip_entry(&mut zip, "META-INF/manifest.xml", 16 << 20)
        .is_some_and(|m| m.windows(15).any(|w| w == b"encryption-data"))
}

/// Whether a ZIP member is well-formed XML: every element closed, end tags matching, no
/// syntax error. Streamed, so it costs one pass and no memory.
fn zip_xml_well_formed(bytes: &[u8], name: &str) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let file = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) if depth > 0 => depth -= 1,
            Ok(Event::End(_)) => return Err(format!("{name}: лишний закрывающий тег")),
            Ok(Event::Eof) if depth == 0 => return Ok(()),
            Ok(Event::Eof) => return Err(format!("{name}: файл обрывается")),
            Err(e) => return Err(format!("{name}: {e}")),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// An attribute's value by local name (`r:id` → `id`), unescaped. The parts read here are
/// UTF-8 (what Excel and LibreOffice write); a value that is not is treated as absent.
fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        if a.key.local_name().as_ref() != local {
            return None;
        }
        let raw = std::str::from_utf8(&a.value).ok()?;
        quick_xml::escape::unescape(raw)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// Runs `f` on every start (or empty) element of an XML stream; stops at the first XML error
/// (what was seen until then still counts) or when `f` returns false.
fn each_element<R: BufRead>(reader: R, mut f: impl FnMut(&BytesStart<'_>, bool) -> bool) {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    loop {
        let go_on = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(&e, false),
            Ok(Event::Empty(e)) => f(&e, true),
            Ok(Event::Eof) | Err(_) => false,
            Ok(_) => true,
        };
        if !go_on {
            break;
        }
        buf.clear();
    }
}

/// Whether an Excel number format code multiplies by 100: a `%` outside quotes and not escaped
/// (`0.0" %"` and `0.0\%` only print the sign).
fn code_is_percent(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// The cell style indices (`s`) whose number format is a percentage.
fn xlsx_percent_styles(styles: &[u8]) -> HashSet<usize> {
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let mut xf_formats: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    each_element(styles, |e, empty| {
        match e.local_name().as_ref() {
            b"numFmt" => {
                if let (Some(id), Some(code)) = (attr(e, b"numFmtId"), attr(e, b"formatCode")) {
                    if let Ok(id) = id.trim().parse() {
                        custom.insert(id, code_is_percent(&code));
                    }
                }
            }
            b"cellXfs" => in_cell_xfs = !empty,
            // `cellStyleXfs` holds `xf` too: only those inside `cellXfs` are what `s` indexes.
            b"cellStyleXfs" | b"cellStyles" | b"dxfs" => in_cell_xfs = false,
            b"xf" if in_cell_xfs => {
                let id = attr(e, b"numFmtId")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                xf_formats.push(id);
            }
            _ => {}
        }
        true
    });
    xf_formats
        .iter()
        .enumerate()
        .filter(|(_, id)| match custom.get(id) {
            Some(&p) => p,
            // Built-in 9 = «0%», 10 = «0.00%».
            None => matches!(id, 9 | 10),
        })
        .map(|(i, _)| i)
        .collect()
}

/// `B12` → (11, 1), 0-based (row, column).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].chars().try_fold(0u32, |acc, c| {
        Some(acc * 26 + (c.to_ascii_uppercase() as u32 - 64))
    })?;
    let row: u32 = r[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The ZIP path of the sheet called `name`: workbook.xml names it with a relationship id, and
/// workbook.xml.rels maps the id to a path (relative to `xl/` or absolute).
fn xlsx_sheet_path<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let workbook = zip_entry(zip, "xl/workbook.xml", 64 << 20)?;
    let mut rid = None;
    each_element(&workbook[..], |e, _| {
        if e.local_name().as_ref() == b"sheet" && attr(e, b"name").as_deref() == Some(name) {
            rid = attr(e, b"id");
            return false;
        }
        true
    });
    let rid = rid?;
    let rels = zip_entry(zip, "xl/_rels/workbook.xml.rels", 64 << 20)?;
    let mut target = None;
    each_element(&rels[..], |e, _| {
        if e.local_name().as_ref() == b"Relationship"
            && attr(e, b"Id").as_deref() == Some(rid.as_str())
        {
            target = attr(e, b"Target");
            return false;
        }
        true
    });
    let target = target?;
    Some(match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{}", target.trim_start_matches("./")),
    })
}

/// The 0-based positions of the cells of sheet `name` whose number format is a percentage.
/// Empty when the workbook has no percent style (the common case: no second pass over the
/// sheet) or when anything is missing — a cell then simply reads as its stored number.
fn xlsx_percent_cells(bytes: &[u8], name: &str) -> HashSet<(u32, u32)> {
    let mut out = HashSet::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let Some(styles) = zip_entry(&mut zip, "xl/styles.xml", 64 << 20) else {
        return out;
    };
    let percent_styles = xlsx_percent_styles(&styles);
    if percent_styles.is_empty() {
        return out;
    }
    let Some(path) = xlsx_sheet_path(&mut zip, name) else {
        return out;
    };
    let Ok(sheet) = zip.by_name(&path) else {
        return out;
    };
    // Streamed: a sheet can be hundreds of megabytes of XML.
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    each_element(BufReader::new(sheet), |e, _| {
        match e.local_name().as_ref() {
            b"row" => {
                row = attr(e, b"r")
                    .and_then(|r| r.trim().parse::<u32>().ok())
                    .and_then(|r| r.checked_sub(1))
                    .unwrap_or(row.saturating_add(1));
                // The first cell without `r` is column A.
                col = u32::MAX;
            }
            b"c" => {
                let pos = attr(e, b"r").and_then(|r| cell_ref(&r));
                let (r, c) = match pos {
                    Some(p) => p,
                    None => (row, col.wrapping_add(1)),
                };
                row = r;
                col = c;
                let styled = attr(e, b"s")
                    .and_then(|s| s.trim().parse::<usize>().ok())
                    .is_some_and(|s| percent_styles.contains(&s));
                if styled {
                    out.insert((r, c));
                }
            }
            _ => {}
        }
        true
    });
    out
}

// ---- Number formats: ODS -------------------------------------------------------------------

/// The 0-based positions of the cells of table `name` in an ODS whose value type is
/// `percentage` (ODS stores 36,7 % as `office:value="0.367"`, and calamine returns 0.367).
fn ods_percent_cells(bytes: &[u8], name: &str) -> HashSet<(u32, u32)> {
    let mut out = HashSet::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return out;
    };
    let mut in_table = false;
    let mut depth_in_table = 0usize;
    let mut row: u64 = 0;
    let mut col: u64 = 0;
    let mut row_repeat: u64 = 1;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    // At most this many percent cells are recorded in all: a repeated run can claim a million
    // rows of a thousand cells, and calamine keeps far fewer cells than that anyway.
    let mut budget: u64 = 1_000_000;
    loop {
        let (e, empty) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e.into_owned(), false),
            Ok(Event::Empty(e)) => (e.into_owned(), true),
            Ok(Event::End(e)) => {
                let local = e.local_name();
                if in_table && local.as_ref() == b"table" {
                    if depth_in_table == 0 {
                        break;
                    }
                    depth_in_table -= 1;
                } else if in_table && local.as_ref() == b"table-row" && depth_in_table == 0 {
                    row = row.saturating_add(row_repeat);
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        buf.clear();
        let local = e.local_name();
        match local.as_ref() {
            b"table" if !in_table && attr(&e, b"name").as_deref() == Some(name) => {
                in_table = !empty;
            }
            // A table nested in a cell (rare) has rows of its own: skip them.
            b"table" if in_table && !empty => depth_in_table += 1,
            b"table-row" if in_table && depth_in_table == 0 => {
                row_repeat = attr(&e, b"number-rows-repeated")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1u64)
                    .max(1);
                col = 0;
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            b"table-cell" | b"covered-table-cell" if in_table && depth_in_table == 0 => {
                let repeat: u64 = attr(&e, b"number-columns-repeated")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1u64)
                    .max(1);
                if attr(&e, b"value-type").as_deref() == Some("percentage") {
                    'run: for dr in 0..row_repeat {
                        for dc in 0..repeat {
                            if budget == 0 {
                                break 'run;
                            }
                            budget -= 1;
                            let (r, c) = (row.saturating_add(dr), col.saturating_add(dc));
                            if let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) {
                                out.insert((r, c));
                            }
                        }
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    out
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
    fn percent_format_codes() {
        assert!(code_is_percent("0.0%"));
        assert!(code_is_percent("0%;[Red]-0%"));
        assert!(!code_is_percent("0.0\" %\""));
        assert!(!code_is_percent("0.0\\%"));
        assert!(!code_is_percent("General"));
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("12"), None);
        assert_eq!(cell_ref("A0"), None);
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

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(open(b"PK\x03\x04garbage").is_err());
        assert!(open(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).is_err());
        assert!(open(b"").is_err());
    }
}
