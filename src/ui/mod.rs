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
//! Modules import each other by their folder (`ui::components::chart`, `ui::edge::io`): no
//! re-export here that would make every file lean on this one. `io`, `keep` and
//! `worker_client` are public for the browser tests.

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
pub use edge::{io, keep, worker_client};

/// Mounts the app into the page body, replacing the boot message (or the prerendered example,
/// whose scroll position the app's report takes over: `take_boot_scroll`).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        let y = gloo::utils::window().scroll_y().unwrap_or(0.0);
        BOOT_SCROLL.with(|s| s.set(y));
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// How far the reader had scrolled the prerendered example when the app started.
    static BOOT_SCROLL: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Once, the scroll position of the prerendered example the app replaced (0 when none): the
/// report, laid out the same, is put back there instead of at the top.
#[cfg(target_arch = "wasm32")]
pub fn take_boot_scroll() -> f64 {
    BOOT_SCROLL.with(|s| s.replace(0.0))
}

/// Mounts the app into a given element (used by the browser tests).
#[cfg(target_arch = "wasm32")]
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
