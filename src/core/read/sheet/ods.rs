//! ODS: the cells whose value type is `percentage`, read with zip and quick-xml (calamine
//! returns the stored fraction). Bytes and a table name in, positions out.

use std::collections::HashSet;
use std::io::{BufReader, Cursor};

use quick_xml::events::Event;

use super::zipxml::attr;

/// The 0-based positions of the cells of table `name` in an ODS whose value type is
/// `percentage` (ODS stores 36,7 % as `office:value="0.367"`, and calamine returns 0.367).
pub(super) fn ods_percent_cells(bytes: &[u8], name: &str) -> HashSet<(u32, u32)> {
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
