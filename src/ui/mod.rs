//! The Yew UI (wasm32 only): thin components over `core`. One component per file; `state` is
//! the reducer (it only calls core); `io` is the browser edge (files, downloads, storage, print).

mod app;
mod chart;
mod file_picker;
mod identification;
pub mod io;
pub mod keep;
mod municipal_school;
mod municipal_view;
mod municipality_chart;
mod progress;
mod report_view;
mod schools_table;
mod schools_view;
mod section_block;
mod settings_panel;
mod source_panel;
mod sparkline;
mod start;
pub mod state;
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
