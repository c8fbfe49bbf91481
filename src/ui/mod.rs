//! The Yew UI: thin components over `core`. Everything but `state` is wasm32 only; `state`
//! (the reducer) knows no browser and is built on the host too, for its tests.
//!
//! - `app` — the root component: it holds the state and wires the pieces together;
//! - `state` — the reducer: actions in, the next state (one `Screen`) and commands for the
//!   worker out; it calls only `core`;
//! - `hooks/` — the app's effects, one concern each: the worker, kept settings, kept edits and
//!   plans, focus, history;
//! - `components/` — one component (or a component's helper) per file, props in, HTML and
//!   callbacks out;
//! - `edge/` — the browser edge: `io` (files, downloads, storage, print, history), `keep`
//!   (kept work in localStorage), `worker_client` (the Web Worker: commands out, events in).
//!
//! Every module of a folder is also named here (`ui::io`, `ui::chart`, …).

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod edge;
#[cfg(target_arch = "wasm32")]
mod hooks;
pub mod state;

#[cfg(target_arch = "wasm32")]
use components::{
    cell_text, chart, confirm_clear, drop_zone, file_picker, identification, municipal_school,
    municipal_view, municipality_chart, plan_edit, plan_profile, plan_programmes, plan_summary,
    plan_table, plan_view, print_parts, progress, protocol_chart, protocol_view, readiness,
    report_nav, report_view, schools_table, schools_view, section_block, settings_panel,
    source_panel, sparkline, start, status_notes, text_field,
};
#[cfg(target_arch = "wasm32")]
pub use edge::{io, keep, worker_client};

/// Mounts the app into the page body, replacing the boot message.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}

/// Mounts the app into a given element (used by the browser tests).
#[cfg(target_arch = "wasm32")]
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
