//! The first layers of reading, on their own and at full speed: encoding detection and
//! decoding, delimiter detection, the CSV split (quotes, line breaks, the cells-per-row cap) and
//! the cell grammar of every cell under each kind (counts, shares `a/b` and percentages, yes/no,
//! «н/п»). No format detection and no catalogue: tens of thousands of inputs a second, where
//! the `text` and `load` targets run hundreds.
#![no_main]

use dtk_calc::core::catalogue::Kind;
use dtk_calc::core::{cell, decode, table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (_, text, _) = decode::detect_and_decode(bytes);
    let delimiter = table::detect_delimiter(&text);
    let parsed = table::parse(&text, delimiter);
    for row in parsed.rows.iter().take(64) {
        for raw in row.cells.iter().take(64) {
            for kind in [Kind::Count, Kind::Share, Kind::YesNo, Kind::Text] {
                let _ = cell::parse(raw, kind);
            }
            let _ = cell::share_assumption(raw, true);
            let _ = table::unguard(raw);
        }
    }
});
