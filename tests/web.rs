//! Browser glue tests: run by wasm-bindgen-test in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`, see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn tick(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

#[wasm_bindgen_test]
async fn app_mounts_into_a_given_element() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    dtk_calc::ui::mount(root.clone());
    tick(50).await;
    assert!(
        root.inner_html().contains("ДТК-калькулятор"),
        "{}",
        root.inner_html()
    );
}
