//! The text half of the reading path on its own — encoding detection and decoding, the CSV
//! splitter (quotes, delimiters, the cells-per-row cap), the cell grammar, formats A and B. Bytes
//! that look like a spreadsheet container are skipped (the `sheet` and `load` targets cover them),
//! so libFuzzer spends every execution here, at thousands of inputs a second instead of hundreds.
#![no_main]

use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::sheet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if sheet::container(bytes).is_some() {
        return;
    }
    let _ = load(bytes, &LoadOptions::default());
});
