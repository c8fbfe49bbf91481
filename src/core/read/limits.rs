//! Reading budgets: how much of a file is read before the calculator refuses it, so that no
//! input — an unlucky export or a hostile file — takes unbounded memory or time. Bytes and
//! counts in, a [`Budget`] (a Russian message that names the limit and what to do) out.
//!
//! The figures come from the largest files the calculator is for (docs/formats.md, «Пределы»):
//! a national results file (40 000 schools × 9 procedures × 3 years ≈ 1,1 million rows,
//! ~130 MB, `benches/gen_national.rs`) is a CSV and is read as a stream, row by row, so it
//! meets none of the cell limits; a region's results as a spreadsheet (a few thousand schools,
//! some 400 000 cells) is far below them. What is bounded is what must be held at once: the
//! cells of one sheet (spreadsheet readers build the whole sheet), the parts of a workbook
//! that are read whole, the cells of one CSV row, and a text table that is not a results file
//! (it is split whole before it is recognised). With these, peak memory stays within
//! max(256 MB, 3 × the file's size) in the CLI and in the worker.

use std::fmt;

use crate::core::ru;

/// A file read at all: larger ones are refused before anything else (the CLI checks the size
/// before reading the file). A national file is ~130 MB.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// Decompressed bytes of one part of a ZIP workbook (XLSX, XLSB, ODS): a sheet's XML is read
/// as a stream, so this bounds time, not memory — 512 MB of XML is about 12 million cells.
pub const MAX_PART_BYTES: u64 = 512 * 1024 * 1024;

/// Decompressed bytes of a part that the spreadsheet reader holds whole: the shared strings
/// (every distinct text of the workbook), the styles, the workbook and its relationships. A
/// region's workbook has a few thousand distinct texts (school names): well under 1 MB.
pub const MAX_WHOLE_PART_BYTES: u64 = 32 * 1024 * 1024;

/// Parts (files) in a ZIP workbook: a real one has a few dozen.
pub const MAX_PARTS: usize = 10_000;

/// Cells of one sheet: the filled ones for XLSX and XLSB (read as a stream); for XLS and ODS,
/// whose readers build the dense rectangle from the first to the last filled cell, that
/// rectangle. 2 million = 200 000 rows × 10 columns: a region's results are ~400 000.
pub const MAX_SHEET_CELLS: u64 = 2_000_000;

/// Cells of all the sheets of one workbook together (XLS and ODS readers build every sheet
/// when the book is opened; the others read sheet after sheet until one is recognised).
pub const MAX_BOOK_CELLS: u64 = 4_000_000;

/// Cells in one row of a text table (CSV): Excel's own 16 384 columns (A…XFD); the formats
/// need a few dozen. A 190 MB line `a;a;a;…` stops here instead of becoming 95 million cells.
pub const MAX_ROW_CELLS: usize = 16_384;

/// Cells of a text table that is not a results file (format B is read row by row and has no
/// limit but the file's size): the template is ~150 rows × 6 columns.
pub const MAX_TEXT_CELLS: usize = 4_000_000;

/// Schools in one file. A school's data costs ~1,5 KB whatever its rows, so a file of one
/// school per row (a column «ОО» that holds something else) took 20 × its size. Russia has
/// about 40 000 schools; the national file has 40 000.
pub const MAX_SCHOOLS: usize = 100_000;

/// A budget that a file went beyond.
#[derive(Debug, Clone, PartialEq)]
pub enum Budget {
    /// A part of a ZIP workbook that decompresses to more than `limit` bytes.
    PartBytes { part: String, limit: u64 },
    /// More parts than [`MAX_PARTS`].
    Parts { parts: usize },
    /// A sheet with more cells than [`MAX_SHEET_CELLS`] (`cells`: the limit it went past).
    SheetCells { sheet: String, cells: u64 },
    /// Sheets with more cells together than [`MAX_BOOK_CELLS`].
    BookCells { cells: u64 },
    /// A row of a text table with more cells than [`MAX_ROW_CELLS`].
    RowCells { line: usize },
    /// A text table (not a results file) with more cells than [`MAX_TEXT_CELLS`].
    TextCells { line: usize },
    /// More schools than [`MAX_SCHOOLS`] (`line`: where the count went over, if known).
    Schools { line: Option<usize> },
}

/// What to do about a spreadsheet over a budget.
const SPLIT_OR_CSV: &str = "Сохраните нужный лист как CSV (в Excel: «Файл → Сохранить как → CSV (разделители — точка с запятой)»): CSV читается построчно и такого предела не имеет — или разделите файл на части (например, по муниципалитетам) и откройте их по очереди.";

/// «больше 16 384 ячеек» (genitive after «больше»: «больше 21 ячейки»).
fn more_cells(n: u64) -> String {
    format!(
        "больше {} {}",
        ru::thousands(n),
        ru::plural(n, "ячейки", "ячеек", "ячеек")
    )
}

impl fmt::Display for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Budget::PartBytes { part, limit } => write!(
                f,
                "часть книги «{part}» в распакованном виде больше предела {} — такую книгу калькулятор не читает (это может быть и «ZIP-бомба»). {SPLIT_OR_CSV}",
                ru::bytes(*limit)
            ),
            Budget::Parts { parts } => write!(
                f,
                "в книге больше {} частей (их {}) — это предел: это не похоже на таблицу Excel или LibreOffice. {SPLIT_OR_CSV}",
                ru::thousands(MAX_PARTS as u64),
                ru::thousands(*parts as u64)
            ),
            Budget::SheetCells { sheet, cells: n } => write!(
                f,
                "на листе «{sheet}» {} — это предел для одного листа (у таблиц XLS и ODS считается прямоугольник от первой до последней заполненной ячейки). {SPLIT_OR_CSV}",
                more_cells(*n)
            ),
            Budget::BookCells { cells: n } => write!(
                f,
                "в книге {} — это предел для всей книги. {SPLIT_OR_CSV}",
                more_cells(*n)
            ),
            Budget::RowCells { line } => write!(
                f,
                "в строке {line} {} — это предел для строки (столько столбцов в Excel): скорее всего, разделитель выбран неверно или строки склеились. Проверьте файл в текстовом редакторе или выберите разделитель вручную.",
                more_cells(MAX_ROW_CELLS as u64)
            ),
            Budget::TextCells { line } => write!(
                f,
                "к строке {line} в таблице {} — это предел для таблицы, которая не является таблицей результатов (шаблону ДТК хватает тысячи). Если это таблица результатов, проверьте её заголовок (столбцы «учебный год», «процедура», «предмет», «участников», «не справились») в первых 30 строках; иначе разделите файл на части.",
                more_cells(MAX_TEXT_CELLS as u64)
            ),
            Budget::Schools { line } => write!(
                f,
                "{} в файле больше {} {} — это предел (во всей России около 40 000 школ). Проверьте столбец «ОО»: возможно, в нём не названия школ, а что-то другое (например, фамилии учеников). Если школ действительно столько, разделите файл на части (например, по регионам) и откройте их по очереди.",
                line.map_or("Всего".to_string(), |l| format!("К строке {l}")),
                ru::thousands(MAX_SCHOOLS as u64),
                ru::plural(MAX_SCHOOLS as u64, "школы", "школ", "школ")
            ),
        }
    }
}

impl std::error::Error for Budget {}
