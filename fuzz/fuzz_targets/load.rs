//! Any bytes through the whole reading path — container detection, the OLE/BIFF and ZIP
//! guards, calamine, encodings, CSV splitting, the cell grammar, formats A and B — and, for a
//! file that reads, the report and its CSV read back. Must never panic, hang or take more
//! memory than libFuzzer's `-rss_limit_mb`.
#![no_main]

use dtk_calc::core::identify::Settings;
use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::{export, report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(loaded) = load(bytes, &LoadOptions::default()) else {
        return;
    };
    if let Some(school) = loaded.schools.first() {
        let r = report::build(school, &Settings::default(), &loaded.diagnostics);
        let csv = export::report_csv(&r);
        let again = load(&csv, &LoadOptions::default());
        assert!(again.is_ok(), "the report CSV must read back");
    }
});
