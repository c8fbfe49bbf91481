//! The Yew UI (wasm32 only): thin components over `core`.

use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! { <main><h1>{ "ДТК-калькулятор" }</h1></main> }
}

/// Mounts the app into the page body, replacing the boot message.
pub fn start() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    yew::Renderer::<App>::new().render();
}

/// Mounts the app into a given element (used by the browser tests).
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<App>::with_root(root).render();
}
