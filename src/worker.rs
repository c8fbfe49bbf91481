//! The page's worker (a Web Worker built by Trunk from this bin): reads a large file or a
//! spreadsheet and identifies every school off the page's thread, so the page keeps answering
//! the user, and reports how far it got for the progress bar. It keeps the schools it read:
//! the page asks again for the table under new settings or for one school's data to open its
//! report. On the host it compiles to an empty `main`, like `src/main.rs`.
//!
//! Messages are plain objects with a `kind` and the page's `job` number (echoed, so the page
//! can drop answers to a job it has cancelled); data travels as JSON text (`core::overview`).
//! Page → worker: `open` (`request`, and `file` or `bytes`, or `files`: several files read
//! as one set of schools, `many::merge`), `settings`, `school` (`index`),
//! `xlsx` (`request`, `name`: a workbook to write — the XLSX writer lives only here, to keep the
//! page's first load light), `protocols` (`files`: `{name, bytes}` — ВПР protocol workbooks,
//! read next to whatever file is held); `open` with `files` (several files as one set).
//! Worker → page: `ready`, `progress` (`stage`: read, files, parse, identify, aggregate;
//! `done`, `total`), `timing`, `overview` (`json`
//! bytes, timings), `school` (`index`, `json`), `protocols` (`json`: `protocol::batch::Entry`
//! list), `plan` (`json`, `warnings`), `file` (`name`, `bytes`), `error`, `export-error` and
//! `panic` (`message`; after `panic` the worker is gone).

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use dtk_calc::core::identify::Settings;
    use dtk_calc::core::load::{self, Format, LoadError, LoadOptions, Loaded, MAX_FILE_BYTES};
    use dtk_calc::core::many;
    use dtk_calc::core::overview::{OneSchool, OpenRequest, Overview, XlsxRequest};
    use dtk_calc::core::stream::Stream;
    use dtk_calc::core::{schools, sheet};
    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        /// The file read last: kept for new settings and for opening one school.
        static HELD: RefCell<Option<Loaded>> = const { RefCell::new(None) };
    }

    /// Bytes of a `File` read per step (and per progress message).
    const CHUNK: usize = 8 * 1024 * 1024;

    /// Bytes of a `File` read per slice when it is streamed: small against the file, large
    /// enough that a slice's round trip through `FileReaderSync` does not show.
    const SLICE: usize = 4 * 1024 * 1024;

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn set(o: &Object, key: &str, value: impl Into<JsValue>) {
        let _ = Reflect::set(o, &key.into(), &value.into());
    }

    fn get(o: &JsValue, key: &str) -> JsValue {
        Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    fn post(kind: &str, job: f64, fill: impl FnOnce(&Object)) {
        let o = Object::new();
        set(&o, "kind", kind);
        set(&o, "job", job);
        fill(&o);
        let _ = scope().post_message(&o);
    }

    fn progress(job: f64, stage: &'static str) -> impl FnMut(usize, usize) {
        move |done, total| {
            post("progress", job, |o| {
                set(o, "stage", stage);
                set(o, "done", done as f64);
                set(o, "total", total as f64);
            })
        }
    }

    fn fail(job: f64, message: String) {
        post("error", job, |o| set(o, "message", message));
    }

    thread_local! {
        /// The job being handled, for a panic's message.
        static JOB: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    }

    /// Starts listening to the page.
    pub fn start() {
        // wasm32 aborts on a panic, and the page would only see a worker that stopped (and
        // blame memory). So the panic is told first, in its own words: a damaged file that
        // slipped past the readers' checks is named as such.
        std::panic::set_hook(Box::new(|info| {
            let job = JOB.with(|j| j.get());
            let message = format!(
                "Файл не удалось прочитать: он, вероятно, повреждён — обработчик файлов остановился на внутренней ошибке ({info}). Откройте файл в Excel или LibreOffice, сохраните его заново как XLSX или CSV и откройте снова."
            );
            post("panic", job, |o| set(o, "message", message));
        }));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
            handle(&e.data());
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post("ready", 0.0, |_| {});
    }

    fn handle(msg: &JsValue) {
        let job = get(msg, "job").as_f64();
        if let Some(job) = job {
            JOB.with(|j| j.set(job));
        }
        let job = job.unwrap_or_else(|| JOB.with(|j| j.get()));
        match get(msg, "kind").as_string().as_deref() {
            // For tests/e2e/hostile.test.mjs: a panic on purpose, to prove that the page shows
            // a panic's own words (the page never sends this).
            Some("test-panic") => panic!("проверка: паника в обработчике файлов"),
            Some("open") => open(job, msg),
            Some("settings") => {
                let text = get(msg, "settings").as_string().unwrap_or_default();
                match serde_json::from_str::<Settings>(&text) {
                    Ok(settings) => summarize(job, &settings, 0.0),
                    Err(e) => fail(job, format!("Неверные настройки: {e}")),
                }
            }
            Some("xlsx") => {
                let text = get(msg, "request").as_string().unwrap_or_default();
                let result = serde_json::from_str::<XlsxRequest>(&text)
                    .map_err(|e| format!("Неверный запрос: {e}"))
                    .and_then(|r| r.build());
                let name = get(msg, "name");
                match result {
                    Ok(bytes) => {
                        let bytes = Uint8Array::from(bytes.as_slice());
                        let buffer = bytes.buffer();
                        let o = Object::new();
                        set(&o, "kind", "file");
                        set(&o, "job", job);
                        set(&o, "name", name);
                        set(&o, "bytes", buffer.clone());
                        let _ =
                            scope().post_message_with_transfer(&o, &js_sys::Array::of1(&buffer));
                    }
                    Err(e) => post("export-error", job, |o| set(o, "message", e)),
                }
            }
            Some("plan") => {
                // A plan saved as XLSX (or any road-map table) read here, where the
                // spreadsheet reader lives; the page gets the plan as JSON.
                let bytes = Uint8Array::new(&get(msg, "bytes")).to_vec();
                match dtk_calc::core::plan::read::read_bytes(&bytes) {
                    Ok(r) => post("plan", job, |o| {
                        set(
                            o,
                            "json",
                            serde_json::to_string(&r.plan).unwrap_or_default(),
                        );
                        set(o, "warnings", r.warnings.join("; "));
                    }),
                    Err(e) => post("export-error", job, |o| {
                        set(o, "message", format!("План не открыт: {e}"))
                    }),
                }
            }
            Some("protocols") => {
                // Each file on its own: a damaged one is an entry with its message.
                let list = js_sys::Array::from(&get(msg, "files"));
                let files: Vec<(String, Vec<u8>)> = list
                    .iter()
                    .map(|f| {
                        let name = get(&f, "name").as_string().unwrap_or_default();
                        (name, Uint8Array::new(&get(&f, "bytes")).to_vec())
                    })
                    .collect();
                let entries = dtk_calc::core::protocol::batch::read_all(&files);
                let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into());
                post("protocols", job, |o| set(o, "json", json));
            }
            Some("school") => {
                let index = get(msg, "index").as_f64().unwrap_or(-1.0);
                let json = HELD.with_borrow(|held| {
                    let loaded = held.as_ref()?;
                    let school = loaded.schools.get(index as usize)?;
                    serde_json::to_string(&OneSchool::of(school, &loaded.diagnostics)).ok()
                });
                match json {
                    Some(json) => post("school", job, |o| {
                        set(o, "index", index);
                        set(o, "json", json);
                    }),
                    None => fail(job, "Школа не найдена: откройте файл снова.".to_string()),
                }
            }
            _ => {}
        }
    }

    /// The file's bytes: from a `File` (read here, in steps, so the page never holds them) or
    /// from an `ArrayBuffer` the page handed over.
    fn bytes_of(job: f64, msg: &JsValue) -> Result<Vec<u8>, String> {
        let buffer = get(msg, "bytes");
        if !buffer.is_undefined() && !buffer.is_null() {
            return Ok(Uint8Array::new(&buffer).to_vec());
        }
        let file: web_sys::Blob = get(msg, "file")
            .dyn_into()
            .map_err(|_| "Файл не передан.".to_string())?;
        // Compared as f64 (a file over 4 GB does not fit wasm32's usize) and before reading.
        if file.size() > MAX_FILE_BYTES as f64 {
            return Err(load::too_large_text(
                file.size() as u64,
                MAX_FILE_BYTES as u64,
            ));
        }
        let size = file.size() as usize;
        let reader = web_sys::FileReaderSync::new().map_err(|_| unreadable())?;
        let mut bytes = Vec::with_capacity(size);
        let mut report = progress(job, "read");
        let mut at = 0;
        while at < size {
            let end = (at + CHUNK).min(size);
            let part = file
                .slice_with_f64_and_f64(at as f64, end as f64)
                .and_then(|b| reader.read_as_array_buffer(&b))
                .map_err(|_| unreadable())?;
            let part = Uint8Array::new(&part);
            let from = bytes.len();
            bytes.resize(from + part.length() as usize, 0);
            part.copy_to(&mut bytes[from..]);
            at = end;
            report(at, size);
        }
        Ok(bytes)
    }

    fn unreadable() -> String {
        "Не удалось прочитать файл: возможно, он изменён или удалён с диска. Откройте его снова."
            .to_string()
    }

    fn open(job: f64, msg: &JsValue) {
        HELD.with_borrow_mut(|h| *h = None);
        let request: OpenRequest =
            match serde_json::from_str(&get(msg, "request").as_string().unwrap_or_default()) {
                Ok(r) => r,
                Err(e) => return fail(job, format!("Неверный запрос: {e}")),
            };
        let started = js_sys::Date::now();
        let files = get(msg, "files");
        if files.is_instance_of::<js_sys::Array>() {
            return open_many(job, files.unchecked_into(), request, started);
        }
        let options = LoadOptions {
            file_name: Some(request.name.clone()),
            encoding: request.encoding,
            delimiter: request.delimiter,
        };
        // A results file is read slice by slice, never whole (see `core::stream`); the time
        // spent reading slices counts as reading, the rest as parsing.
        let mut reading = 0.0;
        let streamed = match stream_file(job, msg, &options, &mut reading) {
            Ok(s) => s,
            Err(e) => return fail(job, e),
        };
        let (read, loaded) = match streamed {
            Some(loaded) => (started + reading, loaded),
            None => match read_whole(job, msg, &options) {
                Ok(r) => r,
                Err(e) => return fail(job, e),
            },
        };
        match loaded {
            Ok(loaded) => {
                HELD.with_borrow_mut(|h| *h = Some(loaded));
                let parsed = js_sys::Date::now();
                post("timing", job, |o| {
                    set(o, "read_ms", read - started);
                    set(o, "parse_ms", parsed - read);
                });
                summarize(job, &request.settings, parsed);
            }
            Err(e) => fail(job, e.to_string()),
        }
    }

    /// A `File` read slice by slice through `core::stream`: `Ok(None)` when the file is not for
    /// reading in pieces (it is then read whole); `reading` adds up the time spent in reads.
    fn stream_file(
        job: f64,
        msg: &JsValue,
        options: &LoadOptions,
        reading: &mut f64,
    ) -> Result<Option<Result<Loaded, LoadError>>, String> {
        let Ok(file) = get(msg, "file").dyn_into::<web_sys::Blob>() else {
            return Ok(None);
        };
        let size = file.size() as usize;
        let Some(mut stream) = Stream::new(options, size) else {
            return Ok(None);
        };
        let reader = web_sys::FileReaderSync::new().map_err(|_| unreadable())?;
        let mut report = progress(job, "parse");
        let mut piece = Vec::new();
        let mut at = 0;
        while at < size {
            let t0 = js_sys::Date::now();
            let end = (at + SLICE).min(size);
            let part = file
                .slice_with_f64_and_f64(at as f64, end as f64)
                .and_then(|b| reader.read_as_array_buffer(&b))
                .map_err(|_| unreadable())?;
            let part = Uint8Array::new(&part);
            piece.resize(part.length() as usize, 0);
            part.copy_to(&mut piece);
            *reading += js_sys::Date::now() - t0;
            if stream.push(&piece, &mut report).is_none() {
                return Ok(None);
            }
            at = end;
        }
        Ok(stream.finish(&mut report))
    }

    /// The whole file read and loaded, as before streaming: (when reading ended, the result).
    fn read_whole(
        job: f64,
        msg: &JsValue,
        options: &LoadOptions,
    ) -> Result<(f64, Result<Loaded, LoadError>), String> {
        let bytes = bytes_of(job, msg)?;
        let read = js_sys::Date::now();
        let loaded = if sheet::container(&bytes).is_some() {
            load::load_spreadsheet(&bytes, options)
        } else {
            load::load_with_progress(&bytes, options, MAX_FILE_BYTES, &mut progress(job, "parse"))
        };
        Ok((read, loaded))
    }

    /// Several files chosen or dropped together: each read in turn (a file that cannot be read
    /// becomes a diagnostic naming it), then held as one set of schools.
    fn open_many(job: f64, files: js_sys::Array, request: OpenRequest, started: f64) {
        let Ok(reader) = web_sys::FileReaderSync::new() else {
            return fail(job, unreadable());
        };
        let total = files.length() as usize;
        let mut report = progress(job, "files");
        let mut read = Vec::with_capacity(total);
        for (i, file) in files.iter().enumerate() {
            let Ok(file) = file.dyn_into::<web_sys::File>() else {
                continue;
            };
            let name = file.name();
            let result = if file.size() as usize > MAX_FILE_BYTES {
                Err(LoadError::TooLarge {
                    bytes: file.size() as usize,
                    limit: MAX_FILE_BYTES,
                }
                .to_string())
            } else {
                reader
                    .read_as_array_buffer(&file)
                    .map_err(|_| unreadable())
                    .and_then(|buffer| {
                        let bytes = Uint8Array::new(&buffer).to_vec();
                        let options = LoadOptions {
                            file_name: Some(name.clone()),
                            encoding: request.encoding,
                            delimiter: request.delimiter,
                        };
                        let loaded = if sheet::container(&bytes).is_some() {
                            load::load_spreadsheet(&bytes, &options)
                        } else {
                            load::load(&bytes, &options)
                        };
                        loaded.map_err(|e| e.to_string())
                    })
            };
            read.push((name, result));
            // Every file for a few hundred, then now and then: a message per file of 2 000 would
            // cost more than the files.
            if total < 200 || i % 16 == 0 {
                report(i + 1, total);
            }
        }
        report(total, total);
        let Some(loaded) = many::merge(read) else {
            return fail(
                job,
                "Ни в одном из выбранных файлов нет данных школы: проверьте, что это шаблоны ДТК."
                    .to_string(),
            );
        };
        HELD.with_borrow_mut(|h| *h = Some(loaded));
        let parsed = js_sys::Date::now();
        post("timing", job, |o| {
            set(o, "read_ms", 0.0);
            set(o, "parse_ms", parsed - started);
        });
        summarize(job, &request.settings, parsed);
    }

    /// Identifies every school held and sends the table.
    fn summarize(job: f64, settings: &Settings, since: f64) {
        let start = js_sys::Date::now();
        let json = HELD.with_borrow(|held| {
            let loaded = held.as_ref()?;
            let summary = schools::summarize_with_progress(
                &loaded.schools,
                settings,
                &mut progress(job, "identify"),
            );
            let mut overview =
                Overview::new(loaded.info.clone(), loaded.diagnostics.clone(), summary);
            // A set of schools' ДТК (format C, several files) also gets its municipal report.
            if loaded.info.format == Format::Many && loaded.schools.len() > 1 {
                progress(job, "aggregate")(0, 1);
                overview.municipal = Some(Box::new(many::report(
                    &loaded.schools,
                    settings,
                    &overview.summary,
                )));
            }
            serde_json::to_vec(&overview).ok()
        });
        let Some(json) = json else {
            return fail(job, "Файл не прочитан: откройте его снова.".to_string());
        };
        let done = js_sys::Date::now();
        let memory = wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length();
        // JSON as bytes in a transferred buffer: no copy into a JS string and back.
        let bytes = Uint8Array::from(json.as_slice());
        drop(json);
        let buffer = bytes.buffer();
        let o = Object::new();
        set(&o, "kind", "overview");
        set(&o, "job", job);
        set(&o, "json", buffer.clone());
        set(&o, "identify_ms", done - start);
        set(&o, "total_ms", if since > 0.0 { done - since } else { 0.0 });
        set(&o, "wasm_bytes", memory as f64);
        let _ = scope().post_message_with_transfer(&o, &js_sys::Array::of1(&buffer));
    }
}
