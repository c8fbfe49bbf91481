//! Size probe (`scripts/bench-wire.sh`): the page's and the worker's halves of `core::wire`
//! carried as JSON bytes — what the app links. Compare with `wire_size_js.rs`.

#[cfg(target_arch = "wasm32")]
mod probe {
    use dtk_calc::core::wire::{self, FromWorker, ToWorker};
    use js_sys::Uint8Array;
    use wasm_bindgen::prelude::*;

    /// The page: reads an answer, writes a request.
    #[wasm_bindgen]
    pub fn page(msg: &Uint8Array) -> Result<Uint8Array, JsValue> {
        let answer =
            wire::decode::<FromWorker>(&msg.to_vec()).map_err(|e| JsValue::from_str(&e))?;
        let request = ToWorker::School {
            job: 1,
            index: matches!(answer, FromWorker::Ready) as usize,
        };
        Ok(Uint8Array::from(wire::encode(&request).as_slice()))
    }

    /// The worker: reads a request, writes an answer.
    #[wasm_bindgen]
    pub fn worker(msg: &Uint8Array) -> Result<Uint8Array, JsValue> {
        let request = wire::decode::<ToWorker>(&msg.to_vec()).map_err(|e| JsValue::from_str(&e))?;
        let answer = FromWorker::Error {
            job: request.job().unwrap_or(0),
            message: String::new(),
        };
        Ok(Uint8Array::from(wire::encode(&answer).as_slice()))
    }
}
