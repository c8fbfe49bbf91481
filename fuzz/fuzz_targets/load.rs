//! Any bytes through the whole reading path — container detection, the ZIP and OLE/BIFF guards
//! and budgets, calamine, encodings, CSV splitting, the cell grammar, formats A and B. Must
//! never panic, hang or take more memory than libFuzzer's `-rss_limit_mb`. (Kept lean — the
//! report is not built — so one core runs millions of inputs; the report's round trip has its
//! property tests in tests/fuzz.rs.)
#![no_main]

use dtk_calc::core::load::{load, LoadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = load(bytes, &LoadOptions::default());
});
