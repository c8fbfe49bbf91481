//! The pure core of the calculator: bytes and options in, values out.
//!
//! Nothing here touches the browser, the file system or the clock (a guard test in
//! `tests/core_purity.rs` keeps it so); the web UI and the `dtk` command line are thin shells
//! around these functions.
//!
//! The folders follow the data (docs/architecture.md):
//!
//! ```text
//! bytes ─ read/ ─→ School ─ method/ ─→ rows, identification, texts ─ report/ ─→ Report, exports
//!                    └──── many/ (a set of schools: statuses, the municipal report)
//!                    └──── plan/ (risk profile → programmes → road map → execution)
//! protocol/ (ФИС ОКО ВПР protocols → marks, tasks → the vpr.* rows of a School)
//! ```
//!
//! Beside them, the catalogue (`catalogue`, `rules`, `risk_factors`: indicators, methodology
//! constants, themes, risk-factor links — rules as data), the values they talk about (`model`,
//! `diagnostic`) and Russian wording (`ru`). Each module of a folder is also named at the top
//! (`core::load`, `core::identify`, …): the paths the page, the CLI and the tests use.

// The catalogue and the values.
pub mod catalogue;
pub mod diagnostic;
pub mod model;
pub mod risk_factors;
pub mod ru;
pub mod rules;

// The pipeline, by stage.
pub mod method;
pub mod read;
pub mod report;

// Beside it.
pub mod many;
pub mod plan;
pub mod protocol;
pub mod wire;

pub use many::{filter_counts, overview, schools};
pub use method::{compute, conclude, dynamics, identify, readiness, rows};
pub use read::{cell, decode, format_a, format_b, limits, load, sheet, stream, table};
pub use report::{export, pairs_io, status_notes, template};
