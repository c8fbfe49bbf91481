//! The spreadsheet half of the reading path on its own — container detection, the ZIP and
//! OLE/BIFF guards and budgets, calamine (XLSX, XLSB, XLS, ODS) and every sheet turned into a
//! table — without formats A and B on top, so more of each second goes to the parsers of
//! third-party formats, where the known crashes were.
#![no_main]

use dtk_calc::core::sheet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(mut book) = sheet::open(bytes) {
        for name in book.sheet_names().to_vec() {
            let _ = book.table(&name);
        }
    }
});
