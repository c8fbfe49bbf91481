//! ДТК-калькулятор: identification of schools with low educational results (ШНОР) and the
//! diagnostic-technological map (ДТК) of a school, computed entirely on the user's device.
//!
//! `core` is pure Rust and is shared by the web app (`ui`, wasm32 only) and the `dtk` command
//! line.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
