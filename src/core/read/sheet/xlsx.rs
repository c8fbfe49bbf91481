//! XLSX number formats: which cells are shown as a percentage (`xl/styles.xml`: `numFmts` +
//! `cellXfs`, and the `s` attribute of each cell), read with zip and quick-xml because calamine
//! does not expose them. Bytes and a sheet name in, positions out.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read, Seek};

use super::zipxml::{attr, each_element, zip_entry};

/// Whether an Excel number format code multiplies by 100: a `%` outside quotes and not escaped
/// (`0.0" %"` and `0.0\%` only print the sign).
pub(super) fn code_is_percent(code: &str) -> bool {
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
pub(super) fn xlsx_percent_styles(styles: &[u8]) -> HashSet<usize> {
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
pub(super) fn cell_ref(r: &str) -> Option<(u32, u32)> {
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
pub(super) fn xlsx_sheet_path<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<String> {
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
pub(super) fn xlsx_percent_cells(bytes: &[u8], name: &str) -> HashSet<(u32, u32)> {
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
                // No more positions than a sheet may have cells: empty styled cells cost
                // nothing in a file but would each take room here.
                if styled && (out.len() as u64) < crate::core::read::limits::MAX_SHEET_CELLS {
                    out.insert((r, c));
                }
            }
            _ => {}
        }
        true
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
