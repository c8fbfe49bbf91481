//! Helpers shared by the host tests: a school built from short cell texts (read through the
//! real cell grammar, so `"11/30"` here means what it means in a file), CSV text loaded through
//! the real reader, and small lookups into the results.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use dtk_calc::core::catalogue;
use dtk_calc::core::cell;
use dtk_calc::core::identify::Settings;
use dtk_calc::core::load::{load, LoadOptions, Loaded};
use dtk_calc::core::model::{Loc, School, Year};

/// A school from `(code, start year, cell text)` triples: `("vpr.math.5", 2022, "11/30")` is
/// ВПР математика 5 кл. in 2022-2023. An empty text registers the year with no data.
pub fn school(cells: &[(&str, u16, &str)]) -> School {
    let mut s = School::default();
    for &(code, year, text) in cells {
        let ind = catalogue::find(code).unwrap_or_else(|| panic!("unknown code {code}"));
        let value =
            cell::parse(text, ind.kind).unwrap_or_else(|e| panic!("{code} {year}: «{text}» — {e}"));
        s.set(ind.code, Year(year), value, Loc::default());
    }
    s
}

/// Default settings with `as_of` set.
pub fn as_of(year: u16) -> Settings {
    Settings {
        as_of: Some(Year(year)),
        ..Settings::default()
    }
}

/// Loads CSV text with detection (encoding, delimiter, format), panicking if it cannot be read.
pub fn load_text(text: &str) -> Loaded {
    load(text.as_bytes(), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("cannot load: {e}\n{text}"))
}

/// Loads bytes with detection.
pub fn load_bytes(bytes: &[u8]) -> Loaded {
    load(bytes, &LoadOptions::default()).unwrap_or_else(|e| panic!("cannot load: {e}"))
}

/// The path of a fixture file.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}
