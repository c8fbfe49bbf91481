//! The budgets of `core::limits` applied before calamine opens a workbook — calamine reads
//! some parts whole and builds XLS and ODS sheets as dense rectangles when the book is opened,
//! so afterwards would be too late. Bytes in, `Ok` or the [`Budget`] a file is beyond out.
//! Each check streams (one pass, a few kilobytes of memory).

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;

use super::zipxml::attr;
use crate::core::read::limits::{
    Budget, MAX_BOOK_CELLS, MAX_PARTS, MAX_PART_BYTES, MAX_SHEET_CELLS, MAX_WHOLE_PART_BYTES,
};

/// Whether calamine (or this module) holds a part whole: the shared strings, the styles, the
/// workbook and the relationships.
fn read_whole(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    file.starts_with("sharedstrings")
        || file.starts_with("styles.")
        || file.starts_with("workbook.")
        || file.ends_with(".rels")
        || file == "[content_types].xml"
}

/// Every part of a ZIP workbook inflates to no more than its budget. The sizes in the ZIP's
/// directory can lie, so each part is inflated (into nothing) and counted; a broken part is
/// left for the reader to report.
pub(super) fn check_zip_parts(bytes: &[u8]) -> Result<(), Budget> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(Budget::Parts { parts: zip.len() });
    }
    let mut sink = [0u8; 64 * 1024];
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index(i) else {
            continue;
        };
        let name = file.name().to_string();
        let limit = if read_whole(&name) {
            MAX_WHOLE_PART_BYTES
        } else {
            MAX_PART_BYTES
        };
        let over = Budget::PartBytes {
            part: name.clone(),
            limit,
        };
        if file.size() > limit {
            return Err(over);
        }
        let mut part = file.take(limit + 1);
        let mut seen = 0u64;
        loop {
            match part.read(&mut sink) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen += n as u64,
            }
        }
        if seen > limit {
            return Err(over);
        }
    }
    Ok(())
}

/// The rectangle calamine's ODS reader will build for each table of `content.xml` — from the
/// first to the last row with a filled cell, from the leftmost to the rightmost filled column,
/// with `number-rows-repeated` and `number-columns-repeated` expanded — within the budgets. A
/// run repeated a million times over 99 columns is measured here, not built.
pub(super) fn check_ods_cells(bytes: &[u8]) -> Result<(), Budget> {
    // calamine's own ceilings.
    const ROWS: u64 = 1_048_576;
    const COLUMNS: u64 = 16_384;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content.take(MAX_PART_BYTES)));
    let mut buf = Vec::new();
    let mut book = 0u64;
    // The table being measured: its name, depth of nested tables, current row and its repeat,
    // the filled columns of the row, and the rectangle so far.
    let mut name = String::new();
    let mut depth = 0usize;
    let (mut row, mut row_repeat, mut col) = (0u64, 1u64, 0u64);
    let mut row_cols: Option<(u64, u64)> = None;
    let mut rows: Option<(u64, u64)> = None;
    let mut cols: Option<(u64, u64)> = None;
    let widen = |span: &mut Option<(u64, u64)>, a: u64, b: u64| {
        *span = Some(match *span {
            Some((lo, hi)) => (lo.min(a), hi.max(b)),
            None => (a, b),
        });
    };
    loop {
        let (e, empty) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e.into_owned(), false),
            Ok(Event::Empty(e)) => (e.into_owned(), true),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    b"table" if depth > 1 => depth -= 1,
                    b"table" if depth == 1 => {
                        depth = 0;
                        let cells = match (rows, cols) {
                            (Some((r0, r1)), Some((c0, c1))) => {
                                (r1.min(ROWS - 1) - r0.min(ROWS - 1) + 1)
                                    * (c1.min(COLUMNS - 1) - c0.min(COLUMNS - 1) + 1)
                            }
                            _ => 0,
                        };
                        if cells > MAX_SHEET_CELLS {
                            return Err(Budget::SheetCells {
                                sheet: std::mem::take(&mut name),
                                cells: MAX_SHEET_CELLS,
                            });
                        }
                        book += cells;
                        if book > MAX_BOOK_CELLS {
                            return Err(Budget::BookCells {
                                cells: MAX_BOOK_CELLS,
                            });
                        }
                    }
                    b"table-row" if depth == 1 => {
                        if let Some((c0, c1)) = row_cols.take() {
                            widen(&mut rows, row, row.saturating_add(row_repeat - 1));
                            widen(&mut cols, c0, c1);
                        }
                        row = row.saturating_add(row_repeat);
                    }
                    _ => {}
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
        match e.local_name().as_ref() {
            b"table" if depth == 0 && !empty => {
                depth = 1;
                name = attr(&e, b"name").unwrap_or_default();
                (row, rows, cols) = (0, None, None);
            }
            b"table" if depth > 0 && !empty => depth += 1,
            b"table-row" if depth == 1 => {
                row_repeat = attr(&e, b"number-rows-repeated")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1u64)
                    .max(1);
                col = 0;
                row_cols = None;
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            b"table-cell" | b"covered-table-cell" if depth == 1 => {
                let repeat: u64 = attr(&e, b"number-columns-repeated")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1u64)
                    .max(1);
                // A cell with a value, or with content (text) inside: counted as filled.
                if !empty || attr(&e, b"value-type").is_some() {
                    widen(&mut row_cols, col, col.saturating_add(repeat - 1));
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    Ok(())
}

/// The rectangles of an XLS workbook's sheets (`ole::check_biff` measures them from the cell
/// records) within the budgets: calamine builds every sheet when the book is opened.
pub(super) fn check_xls_cells(boxes: &[u64]) -> Result<(), Budget> {
    for (i, &cells) in boxes.iter().enumerate() {
        if cells > MAX_SHEET_CELLS {
            return Err(Budget::SheetCells {
                sheet: format!("№ {}", i + 1),
                cells: MAX_SHEET_CELLS,
            });
        }
    }
    if boxes.iter().sum::<u64>() > MAX_BOOK_CELLS {
        return Err(Budget::BookCells {
            cells: MAX_BOOK_CELLS,
        });
    }
    Ok(())
}
