//! ДТК-калькулятор: identification of schools with low educational results (ШНОР) and the
//! diagnostic-technological map (ДТК) of a school, computed entirely on the user's device.
//!
//! `core` is pure Rust and is shared by the web app (`ui`) and the `dtk` command line. Of `ui`
//! only the reducer (`ui::state`) is built on the host, for its tests; the components and the
//! browser edge are wasm32 only.

pub mod core;

pub mod ui;
