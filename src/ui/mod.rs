//! The Yew UI (wasm32 only): thin components over `core`. One component per file; `state` is
//! the reducer (it only calls core); `io` is the browser edge (files, downloads, storage, print).

mod app;
mod cell_text;
mod chart;
mod confirm_clear;
mod drop_zone;
mod file_picker;
mod identification;
pub mod io;
pub mod keep;
mod municipal_school;
mod municipal_view;
mod municipality_chart;
mod plan_edit;
mod plan_profile;
mod plan_programmes;
mod plan_summary;
mod plan_table;
mod plan_view;
mod print_parts;
mod progress;
mod protocol_chart;
mod protocol_state;
mod protocol_view;
mod readiness;
mod report_nav;
mod report_view;
mod schools_table;
mod schools_view;
mod section_block;
mod settings_panel;
mod source_panel;
mod sparkline;
mod start;
pub mod state;
mod status_notes;
mod text_field;
pub mod worker_client;

/// Mounts the app into the page body, replacing the boot message.
pub fn start() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}

/// Mounts the app into a given element (used by the browser tests).
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
