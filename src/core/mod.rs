//! The pure core of the calculator: bytes and options in, values out.
//!
//! Nothing here touches the browser, the file system or the clock (a guard test in
//! `tests/core_purity.rs` keeps it so); the web UI and the `dtk` command line are thin shells
//! around these functions.

pub mod catalogue;
pub mod model;
pub mod risk_factors;

// Reading files.
pub mod cell;
pub mod decode;
pub mod format_a;
pub mod format_b;
pub mod load;
pub mod sheet;
pub mod table;
pub mod template;

// Exports.
pub mod export;

// The methodology.
pub mod compute;
pub mod conclude;
pub mod dynamics;
pub mod identify;
pub mod many;
pub mod overview;
pub mod report;
pub mod ru;
pub mod schools;
