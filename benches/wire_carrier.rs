//! The carrier of the largest page ↔ worker message — `FromWorker::Overview` of the national
//! file — measured both ways in headless Chromium (`scripts/bench-wire.sh`, a step of
//! scripts/bench.sh; docs/performance.md):
//!   (a) JSON bytes in a transferred `ArrayBuffer` (`core::wire`: what the app does);
//!   (b) a JS value made by serde-wasm-bindgen, structured-cloned by `postMessage`.
//! Built for wasm32 as a cdylib; one module runs in the worker (`prepare`, `encode_*`) and on
//! the page (`decode_*`, `release`), each step as the app's worker and page do it. On the host
//! it is empty.

#[cfg(target_arch = "wasm32")]
mod carrier {
    use std::cell::RefCell;

    use dtk_calc::core::identify::Settings;
    use dtk_calc::core::load::{load, LoadOptions};
    use dtk_calc::core::overview::Overview;
    use dtk_calc::core::schools;
    use dtk_calc::core::wire::{self, FromWorker};
    use js_sys::{ArrayBuffer, Uint8Array};
    use wasm_bindgen::prelude::*;

    thread_local! {
        /// Worker: the answer to send. Page: the answer decoded last, and the first one kept
        /// to compare the others with.
        static HELD: RefCell<Option<FromWorker>> = const { RefCell::new(None) };
        static FIRST: RefCell<Option<FromWorker>> = const { RefCell::new(None) };
    }

    fn schools_in(message: &FromWorker) -> u32 {
        match message {
            FromWorker::Overview { overview, .. } => overview.summary.schools.len() as u32,
            _ => 0,
        }
    }

    /// Worker: reads a results file and makes its table, as the worker's `summarize` does;
    /// returns the number of schools.
    #[wasm_bindgen]
    pub fn prepare(bytes: &[u8]) -> Result<u32, JsValue> {
        let options = LoadOptions {
            file_name: Some("national.csv".to_string()),
            ..LoadOptions::default()
        };
        let loaded = load(bytes, &options).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let summary = schools::summarize(&loaded.schools, &Settings::default());
        let overview = Overview::new(loaded.info, loaded.diagnostics, summary);
        let message = FromWorker::Overview {
            job: 1,
            overview: Box::new(overview),
            identify_ms: 1.5,
            total_ms: 2.5,
            wasm_bytes: 3.0,
        };
        let n = schools_in(&message);
        HELD.with_borrow_mut(|h| *h = Some(message));
        Ok(n)
    }

    fn held<T>(f: impl FnOnce(&FromWorker) -> T) -> Result<T, JsValue> {
        HELD.with_borrow(|h| h.as_ref().map(f))
            .ok_or_else(|| JsValue::from_str("prepare first"))
    }

    /// Worker, (a): as `post_encoded` — JSON bytes copied into a buffer to transfer.
    #[wasm_bindgen]
    pub fn encode_json() -> Result<ArrayBuffer, JsValue> {
        held(|m| Uint8Array::from(wire::encode(m).as_slice()).buffer())
    }

    /// Worker, (b): the answer as a JS value (serde-wasm-bindgen's default serializer).
    #[wasm_bindgen]
    pub fn encode_js() -> Result<JsValue, JsValue> {
        held(serde_wasm_bindgen::to_value)?.map_err(JsValue::from)
    }

    /// Page, (a): as `WorkerClient::receive` — the buffer copied into wasm, then serde_json.
    #[wasm_bindgen]
    pub fn decode_json(buffer: &JsValue) -> Result<u32, JsValue> {
        let bytes = Uint8Array::new(buffer).to_vec();
        let message = wire::decode::<FromWorker>(&bytes).map_err(|e| JsValue::from_str(&e))?;
        drop(bytes);
        Ok(keep(message))
    }

    /// Page, (b): the JS value walked by serde-wasm-bindgen.
    #[wasm_bindgen]
    pub fn decode_js(value: JsValue) -> Result<u32, JsValue> {
        Ok(keep(serde_wasm_bindgen::from_value::<FromWorker>(value)?))
    }

    fn keep(message: FromWorker) -> u32 {
        let n = schools_in(&message);
        HELD.with_borrow_mut(|h| *h = Some(message));
        n
    }

    /// Page, between two timed decodes: the answer decoded last is compared with the first
    /// (both carriers must give the same message) and dropped.
    #[wasm_bindgen]
    pub fn release() -> bool {
        let Some(last) = HELD.with_borrow_mut(Option::take) else {
            return false;
        };
        FIRST.with_borrow_mut(|first| match first {
            Some(first) => *first == last,
            None => {
                *first = Some(last);
                true
            }
        })
    }

    /// The answer's size as JSON, in bytes.
    #[wasm_bindgen]
    pub fn json_bytes() -> Result<u32, JsValue> {
        held(|m| wire::encode(m).len() as u32)
    }
}
