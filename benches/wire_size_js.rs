//! Size probe (`scripts/bench-wire.sh`): the page's and the worker's halves of `core::wire`
//! carried as JS values by serde-wasm-bindgen. Compare with `wire_size_json.rs`.

#[cfg(target_arch = "wasm32")]
mod probe {
    use dtk_calc::core::wire::{FromWorker, ToWorker};
    use wasm_bindgen::prelude::*;

    /// The page: reads an answer, writes a request.
    #[wasm_bindgen]
    pub fn page(msg: JsValue) -> Result<JsValue, JsValue> {
        let answer: FromWorker = serde_wasm_bindgen::from_value(msg)?;
        let request = ToWorker::School {
            job: 1,
            index: matches!(answer, FromWorker::Ready) as usize,
        };
        Ok(serde_wasm_bindgen::to_value(&request)?)
    }

    /// The worker: reads a request, writes an answer.
    #[wasm_bindgen]
    pub fn worker(msg: JsValue) -> Result<JsValue, JsValue> {
        let request: ToWorker = serde_wasm_bindgen::from_value(msg)?;
        let answer = FromWorker::Error {
            job: request.job().unwrap_or(0),
            message: String::new(),
        };
        Ok(serde_wasm_bindgen::to_value(&answer)?)
    }
}
