//! The pure core of the calculator: bytes and options in, values out.
//!
//! Nothing here touches the browser, the file system or the clock (a guard test in
//! `tests/core_purity.rs` keeps it so); the web UI and the `dtk` command line are thin shells
//! around these functions.

pub mod catalogue;
pub mod diagnostic;
pub mod model;
pub mod risk_factors;
pub mod rules;

// The plan that answers the problem field.
pub mod plan;

// Reading files.
pub mod cell;
pub mod decode;
pub mod format_a;
pub mod format_b;
pub mod limits;
pub mod load;
pub mod sheet;
pub mod stream;
pub mod table;
pub mod template;

// Exports.
pub mod export;
pub mod filter_counts;
pub mod pairs_io;

// The methodology.
pub mod compute;
pub mod conclude;
pub mod dynamics;
pub mod identify;
pub mod many;
pub mod overview;
pub mod protocol;
pub mod readiness;
pub mod report;
pub mod rows;
pub mod ru;
pub mod schools;
pub mod status_notes;
