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

#[wasm_bindgen_test]
fn base64_round_trips_every_byte_and_length() {
    use dtk_calc::ui::keep::{b64_decode, b64_encode};
    let all: Vec<u8> = (0..=255u8).collect();
    for len in 0..all.len() {
        let bytes = &all[..len];
        assert_eq!(
            b64_decode(&b64_encode(bytes)).as_deref(),
            Some(bytes),
            "length {len}"
        );
    }
    // The browser's own btoa agrees with ours.
    let ascii = "ДТК".as_bytes();
    let binary: String = ascii.iter().map(|&b| b as char).collect();
    assert_eq!(
        gloo::utils::window().btoa(&binary).unwrap(),
        b64_encode(ascii)
    );
    assert_eq!(b64_decode("not base64!"), None);
}

#[wasm_bindgen_test]
fn an_opened_file_is_kept_reopened_and_forgotten_by_clear() {
    use dtk_calc::ui::keep;
    use dtk_calc::ui::state::OpenFile;
    io::clear_all();
    let file = OpenFile::from_bytes(
        "школа.csv",
        "код;показатель;2022-2023\r\nschool.name;Имя;МБОУ «Тест»\r\n"
            .as_bytes()
            .to_vec(),
    );
    keep::remember(&file, "МБОУ «Тест»", "24.11.2026").unwrap();
    let recent = keep::recent();
    assert_eq!(recent.len(), 1);
    assert!(recent[0].stored);
    assert_eq!(recent[0].school, "МБОУ «Тест»");
    let back = keep::last_file().expect("the kept file comes back");
    assert_eq!(back.name, file.name);
    assert_eq!(back.bytes, file.bytes);
    // The same bytes opened again stay one entry.
    keep::remember(&file, "МБОУ «Тест»", "25.11.2026").unwrap();
    assert_eq!(keep::recent().len(), 1);
    // A file too large to keep is listed, not stored, and the user is told.
    let big = OpenFile::from_bytes("большой.csv", vec![b'x'; keep::KEEP_MAX_BYTES + 1]);
    let told = keep::remember(&big, "много школ", "25.11.2026").unwrap_err();
    assert!(told.contains("не сохраняется"), "{told}");
    assert!(!keep::recent()[0].stored);
    assert_eq!(keep::last_file().map(|f| f.name), Some(file.name.clone()));
    io::clear_all();
    assert!(keep::recent().is_empty());
    assert!(keep::last_file().is_none());
}
