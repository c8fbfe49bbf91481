//! From diagnosis to plan (plans.md): the school's risk profile, antirisk programmes drafted
//! from the measures library, the road map and its execution at monitoring dates, ДТК 3.4
//! computed from it, and the МОУО information card.
//!
//! Flow: a road-map table, a saved plan (CSV/XLSX) or a profile → `read` → `model::Plan` →
//! edited by the page (`library` drafts programmes) → `execution` (at a date), `dtk34`
//! (values overlaid on the school before its report), `card` (МОУО) → `write` (CSV/XLSX).
//! `deadline` reads the deadlines' wording.

pub mod card;
pub mod deadline;
pub mod dtk34;
pub mod execution;
pub mod library;
pub mod model;
pub mod profile;
pub mod read;
pub mod suggest;
pub mod write;

pub use model::{Date, Plan};
