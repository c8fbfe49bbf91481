//! Browser glue tests: run by wasm-bindgen-test in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`, see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use dtk_calc::ui::io;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn tick(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

fn storage() -> web_sys::Storage {
    gloo::utils::window().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn kept_values_round_trip_and_clear_removes_only_ours() {
    io::save("test.value", &vec![1, 2, 3]).unwrap();
    assert_eq!(io::load::<Vec<i32>>("test.value"), Some(vec![1, 2, 3]));
    storage().set_item("someone-else", "keep me").unwrap();
    io::clear_all();
    assert_eq!(io::load::<Vec<i32>>("test.value"), None);
    assert_eq!(
        storage().get_item("someone-else").unwrap().as_deref(),
        Some("keep me")
    );
    storage().remove_item("someone-else").unwrap();
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_the_example_school_with_its_status() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    dtk_calc::ui::mount(root.clone());
    let mut html = String::new();
    for _ in 0..50 {
        tick(40).await;
        html = root.inner_html();
        if html.contains("status-word") {
            break;
        }
    }
    assert!(html.contains("МБОУ «СОШ № 3»"), "{html}");
    assert!(html.contains("ШНОР"), "{html}");
    // Every ДТК block is rendered.
    assert_eq!(html.matches("class=\"dtk-block\"").count(), 10, "{html}");
}
