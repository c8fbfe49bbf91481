//! The edge of the app: everything that touches the browser (files, downloads, storage,
//! printing, the date). Components call these; the reducer never does.

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

/// The prefix of every key this app writes to localStorage, so «Очистить данные» can find them.
pub const STORAGE_PREFIX: &str = "dtk.v1.";

/// Reads a user-chosen file completely.
pub async fn read_file(file: web_sys::File) -> Result<Vec<u8>, String> {
    let blob = gloo::file::Blob::from(file);
    gloo::file::futures::read_as_bytes(&blob)
        .await
        .map_err(|e| format!("Не удалось прочитать файл: {e}"))
}

/// Offers bytes to the user as a download (nothing is sent anywhere: a blob: URL is clicked).
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Reads a JSON value stored by this app.
pub fn load<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(format!("{STORAGE_PREFIX}{key}")).ok()
}

/// Stores a JSON value; returns a Russian message when the browser refuses (storage full).
pub fn save<T: serde::Serialize>(key: &str, value: &T) -> Result<(), String> {
    LocalStorage::set(format!("{STORAGE_PREFIX}{key}"), value).map_err(|_| {
        "Не удалось записать в хранилище браузера: оно переполнено или запрещено.".to_string()
    })
}

/// Removes one stored value.
pub fn remove(key: &str) {
    LocalStorage::delete(format!("{STORAGE_PREFIX}{key}"));
}

/// Calls `f` when another tab of this site changes the stored value `key` (the browser's
/// `storage` event fires only in the other tabs, never in the one that wrote). Dropping the
/// returned listener stops it.
pub fn on_storage_change(key: &str, f: impl Fn() + 'static) -> gloo::events::EventListener {
    let full = format!("{STORAGE_PREFIX}{key}");
    gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |e| {
        let changed = e
            .dyn_ref::<web_sys::StorageEvent>()
            .and_then(|e| e.key())
            .is_none_or(|k| k == full);
        if changed {
            f();
        }
    })
}

/// Removes everything this app stored in the browser.
pub fn clear_all() {
    let storage = LocalStorage::raw();
    let mut keys = Vec::new();
    for i in 0..storage.length().unwrap_or(0) {
        if let Ok(Some(key)) = storage.key(i) {
            if key.starts_with(STORAGE_PREFIX) {
                keys.push(key);
            }
        }
    }
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

/// Opens the browser's print dialog (the print stylesheet lays out the ДТК form).
pub fn print() {
    let _ = gloo::utils::window().print();
}

/// Today's date as «23.11.2026», for the report header.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}.{:02}.{}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year()
    )
}

/// Focuses an element by id (after a report replaces the page, focus moves to its heading).
pub fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Registers the service worker (offline use after one visit). Only over http(s): a page
/// opened from disk (the single-file build) has nothing to cache and may not register one.
pub fn register_service_worker() {
    let window = gloo::utils::window();
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    let container = window.navigator().service_worker();
    let _ = container.register("./sw.js");
}

/// Brings an element into view and gives it the focus: a `<details>` is opened first, an
/// element that cannot take focus is made focusable by script only (`tabindex=-1`). For jumps
/// inside the page (skip link, block navigation, «показать» remarks) without touching the URL.
pub fn reveal(id: &str) {
    let Some(el) = gloo::utils::document().get_element_by_id(id) else {
        return;
    };
    if let Some(d) = el.dyn_ref::<web_sys::HtmlDetailsElement>() {
        d.set_open(true);
    }
    if !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

/// The school of a many-schools file named in the address («#school=12», 1-based), so a link
/// to one school's report can be kept and Back/Forward move between the list and schools.
pub fn school_in_url() -> Option<usize> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let n: usize = hash.strip_prefix("#school=")?.parse().ok()?;
    n.checked_sub(1)
}

/// What this page put in the current history entry, and the file it belongs to: `"school"`
/// for a school opened from the table, `"plan:…"` for the plan opened over a report (after
/// the colon, what the entry below it is). `None` for an entry this page did not push (the
/// first load, a kept link). Entries of another file (opened since) must not open anything.
fn entry() -> Option<(String, String)> {
    let state = gloo::utils::window()
        .history()
        .ok()?
        .state()
        .ok()?
        .as_string()?;
    let (kind, file) = state.split_once(ENTRY_SEP)?;
    Some((kind.to_string(), file.to_string()))
}

/// Between the kind of an entry and its file's name (a control character: not in a name).
const ENTRY_SEP: char = '\u{1f}';

/// The kind of the plan's entry begins so (what follows is the kind of the entry below it).
const PLAN: &str = "plan:";

/// Whether an entry's kind is the plan's.
fn is_plan(kind: &str) -> bool {
    kind.starts_with(PLAN)
}

fn entry_state(kind: &str, file: &str) -> wasm_bindgen::JsValue {
    wasm_bindgen::JsValue::from_str(&format!("{kind}{ENTRY_SEP}{file}"))
}

thread_local! {
    /// A Back this page asked for has not arrived yet: a second click (a double-click, a
    /// repeated Enter) must not go back once more, out of the app.
    static BACK_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn go_back(steps: i32) -> bool {
    if BACK_PENDING.with(|p| p.replace(true)) {
        return true;
    }
    let gone = gloo::utils::window()
        .history()
        .is_ok_and(|h| h.go_with_delta(-steps).is_ok());
    if !gone {
        BACK_PENDING.with(|p| p.set(false));
    }
    gone
}

/// A new history entry for a school of `file` opened from its table (index 0-based; the
/// address says 1-based).
pub fn push_school(index: usize, file: &str) {
    if school_in_url() == Some(index) {
        return;
    }
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.push_state_with_url(
            &entry_state("school", file),
            "",
            Some(&format!("#school={}", index + 1)),
        );
    }
}

/// Back to the list: the browser's own Back (over the plan's entry too) when the school's
/// entry was pushed by this page, and `true`; otherwise (a kept link opened directly) the
/// school is taken off the address in place, and `false`: the caller shows the list itself.
pub fn leave_school() -> bool {
    match entry().map(|(kind, _)| kind).as_deref() {
        Some("school") => go_back(1),
        Some("plan:school") => go_back(2),
        _ => {
            forget_entry();
            false
        }
    }
}

/// Another file is opened: the school leaves the address and this entry stops being this
/// page's (in place, no history entry), so Back does not land on it as the new file's.
pub fn forget_entry() {
    if school_in_url().is_none() && entry().is_none() {
        return;
    }
    let Ok(history) = gloo::utils::window().history() else {
        return;
    };
    let location = gloo::utils::window().location();
    let path = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
}

/// The plan opened over a report of `file` is a history entry of its own (same address): Back
/// closes it instead of leaving the app.
pub fn push_plan(file: &str) {
    let below = entry().map(|(kind, _)| kind).unwrap_or_default();
    if is_plan(&below) {
        return;
    }
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.push_state(&entry_state(&format!("{PLAN}{below}"), file), "");
    }
}

/// Whether the current history entry is the plan's over a report of `file` (after a reload in
/// the plan, it opens again).
pub fn plan_entry_of(file: &str) -> bool {
    entry().is_some_and(|(kind, f)| is_plan(&kind) && f == file)
}

/// «← К отчёту»: Back when the plan has its own entry (`popstate` then closes it), and `true`;
/// `false` when the caller closes it itself.
pub fn leave_plan() -> bool {
    entry().is_some_and(|(kind, _)| is_plan(&kind)) && go_back(1)
}

/// After Back or Forward, calls `f` with the school in the address, whether the plan is open
/// there, and the file the entry belongs to (`None`: not an entry this page pushed).
pub fn on_history(
    f: impl Fn(Option<usize>, bool, Option<String>) + 'static,
) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
        BACK_PENDING.with(|p| p.set(false));
        let entry = entry();
        let plan = entry.as_ref().is_some_and(|(kind, _)| is_plan(kind));
        f(school_in_url(), plan, entry.map(|(_, file)| file))
    })
}

thread_local! {
    /// The `@page` rule `set_page_rule` put first in the app's stylesheet, if any.
    static PAGE_RULE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Puts one `@page` rule (the printed running head) first in the app's own stylesheet, or takes
/// it away with `None`. Through the CSSOM: the CSP allows no inline `<style>`, and a rule added
/// this way is not inline content.
pub fn set_page_rule(rule: Option<&str>) {
    let Some(sheet) = gloo::utils::document()
        .style_sheets()
        .get(0)
        .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok())
    else {
        return;
    };
    if PAGE_RULE.with(|p| p.replace(false)) {
        let _ = sheet.delete_rule(0);
    }
    if let Some(rule) = rule {
        if sheet.insert_rule_with_index(rule, 0).is_ok() {
            PAGE_RULE.with(|p| p.set(true));
        }
    }
}
