//! The split of quote-free text, which is what national files look like: text in, rows out as
//! [`RowRef`]s whose cells are slices of the text (the same cells `table` would put in a
//! `Row`: guard removed, trailing blank cells dropped), one record per line.

use super::csv_out::unguard;
use super::limits::{Budget, MAX_ROW_CELLS};
use super::table::{Delimiter, Filled, RowRef};

/// `table::for_each_plain_row` with each row's cells borrowed from `text` ([`RowRef`]): no
/// cell is copied, and one vector of slices serves every row.
pub(crate) fn for_each_plain_record(
    text: &str,
    delimiter: Delimiter,
    first_line: usize,
    mut f: impl FnMut(&RowRef<'_>, usize) -> bool,
) -> Result<usize, Budget> {
    let bytes = text.as_bytes();
    let d = delimiter.byte();
    let mut cells: Vec<&str> = Vec::new();
    let (mut at, mut line) = (0, first_line);
    while at < bytes.len() {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |k| at + k);
        // Line ends are ASCII, so `at` and `end` are character boundaries.
        let record = &text[at..end];
        let next = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        match fill_ref(&mut cells, record, d) {
            Filled::Row => {
                let row = RowRef {
                    line,
                    cells: &cells,
                };
                if !f(&row, next) {
                    return Ok(line);
                }
            }
            Filled::Blank => {}
            Filled::TooWide => return Err(Budget::RowCells { line }),
        }
        at = next;
        line += 1;
    }
    Ok(line)
}

/// Puts the cells of a record into `cells` as slices (guard removed, trailing blank cells
/// dropped), as `table::fill` puts them into a `Row`.
fn fill_ref<'a>(cells: &mut Vec<&'a str>, record: &'a str, d: u8) -> Filled {
    if !split_into(cells, record, d) {
        return Filled::TooWide;
    }
    for c in cells.iter_mut() {
        *c = unguard(c);
    }
    while cells
        .last()
        .is_some_and(|c| crate::core::read::cell::trim(c).is_empty())
    {
        cells.pop();
    }
    if cells.is_empty() {
        Filled::Blank
    } else {
        Filled::Row
    }
}

/// `text.split(d)` for an ASCII delimiter into `cells`; `false` when there are more than
/// [`MAX_ROW_CELLS`] (the rest is not cut). The delimiter is looked for eight bytes at a time
/// in a word: a record is a hundred bytes with a delimiter every ten, where a call to `memchr`
/// per cell cost more than the search itself (and a `char` pattern, before it, more still).
pub(super) fn split_into<'a>(cells: &mut Vec<&'a str>, text: &'a str, d: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    cells.clear();
    let bytes = text.as_bytes();
    let pattern = ONES * d as u64;
    let mut start = 0;
    // An ASCII byte is a character boundary on both sides.
    let mut cut = |cells: &mut Vec<&'a str>, i: usize| {
        if cells.len() == MAX_ROW_CELLS {
            return false;
        }
        cells.push(&text[start..i]);
        start = i + 1;
        true
    };
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let x = word ^ pattern;
        // The high bit of each byte of `x` that is zero, exactly (no borrow between bytes).
        let mut found = !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
        while found != 0 {
            if !cut(cells, at + found.trailing_zeros() as usize / 8) {
                return false;
            }
            found &= found - 1;
        }
        at += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if b == d && !cut(cells, i) {
            return false;
        }
    }
    if cells.len() == MAX_ROW_CELLS {
        return false;
    }
    cells.push(&text[start..]);
    true
}
