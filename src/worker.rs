//! The page's worker (a Web Worker built by Trunk from this bin): reads a large file or a
//! spreadsheet and identifies every school off the page's thread, so the page keeps answering
//! the user, and reports how far it got for the progress bar. It keeps the schools it read:
//! the page asks again for the table under new settings or for one school's data to open its
//! report. On the host it compiles to an empty `main`, like `src/main.rs`.
//!
//! The messages are `core::wire`'s `ToWorker` (in) and `FromWorker` (out), each encoded there
//! as the bytes of an envelope `{msg: ArrayBuffer}` that is transferred, not copied; a file's
//! `File`, its `bytes` or a list of `files` travel beside `msg`. Answers echo the page's `job`,
//! so the page can drop answers to a job it has left. After `panic` the worker is gone.

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
    use dtk_calc::core::overview::{OneSchool, OpenRequest, Overview};
    use dtk_calc::core::stream::Stream;
    use dtk_calc::core::wire::{self, FromWorker, Stage, ToWorker};
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

    /// Posts an answer: its bytes in a transferred buffer, and `bytes` beside it (transferred
    /// too) when the answer carries a file.
    fn reply(message: &FromWorker, beside: Option<&[u8]>) {
        post_encoded(wire::encode(message), beside);
    }

    /// Posts an answer already encoded: the bytes are copied into the transferred buffer and
    /// dropped, so a large answer (the table) is never held three times.
    fn post_encoded(encoded: Vec<u8>, beside: Option<&[u8]>) {
        let envelope = Object::new();
        let msg = Uint8Array::from(encoded.as_slice()).buffer();
        drop(encoded);
        set(&envelope, "msg", msg.clone());
        let transfer = js_sys::Array::of1(&msg);
        if let Some(bytes) = beside {
            let bytes = Uint8Array::from(bytes).buffer();
            set(&envelope, "bytes", bytes.clone());
            transfer.push(&bytes);
        }
        let _ = scope().post_message_with_transfer(&envelope, &transfer);
    }

    fn progress(job: u32, stage: Stage) -> impl FnMut(usize, usize) {
        move |done, total| {
            reply(
                &FromWorker::Progress {
                    job,
                    stage,
                    done: done as f64,
                    total: total as f64,
                },
                None,
            )
        }
    }

    fn fail(job: u32, message: String) {
        reply(&FromWorker::Error { job, message }, None);
    }

    thread_local! {
        /// The job being handled, for a panic's message.
        static JOB: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
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
            reply(&FromWorker::Panic { job, message }, None);
        }));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
            handle(&e.data());
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        reply(&FromWorker::Ready, None);
    }

    fn handle(envelope: &JsValue) {
        let bytes = Uint8Array::new(&get(envelope, "msg")).to_vec();
        let message = match wire::decode::<ToWorker>(&bytes) {
            Ok(m) => m,
            Err(e) => return fail(JOB.with(|j| j.get()), e),
        };
        if let Some(job) = message.job() {
            JOB.with(|j| j.set(job));
        }
        let job = JOB.with(|j| j.get());
        match message {
            // For tests/e2e/hostile.test.mjs: a panic on purpose, to prove that the page shows
            // a panic's own words (the page never sends this).
            ToWorker::TestPanic => panic!("проверка: паника в обработчике файлов"),
            ToWorker::Open { request, .. } => open(job, request, envelope),
            ToWorker::Settings { settings, .. } => summarize(job, &settings, 0.0),
            ToWorker::Xlsx { name, request, .. } => match request.build() {
                Ok(bytes) => reply(&FromWorker::File { job, name }, Some(&bytes)),
                Err(message) => reply(&FromWorker::ExportError { job, message }, None),
            },
            ToWorker::Plan { .. } => {
                // A plan saved as XLSX (or any road-map table) read here, where the
                // spreadsheet reader lives.
                let bytes = Uint8Array::new(&get(envelope, "bytes")).to_vec();
                match dtk_calc::core::plan::read::read_bytes(&bytes) {
                    Ok(r) => reply(
                        &FromWorker::Plan {
                            job,
                            plan: Box::new(r.plan),
                            warnings: r.warnings,
                        },
                        None,
                    ),
                    Err(e) => reply(
                        &FromWorker::ExportError {
                            job,
                            message: format!("План не открыт: {e}"),
                        },
                        None,
                    ),
                }
            }
            ToWorker::Protocols { names, .. } => {
                // Each file on its own: a damaged one is an entry with its message.
                let list = js_sys::Array::from(&get(envelope, "files"));
                let files: Vec<(String, Vec<u8>)> = names
                    .into_iter()
                    .zip(list.iter())
                    .map(|(name, f)| (name, Uint8Array::new(&f).to_vec()))
                    .collect();
                let entries = dtk_calc::core::protocol::batch::read_all(&files);
                reply(&FromWorker::Protocols { job, entries }, None);
            }
            ToWorker::School { index, .. } => {
                let one = HELD.with_borrow(|held| {
                    let loaded = held.as_ref()?;
                    let school = loaded.schools.get(index)?;
                    Some(OneSchool::of(school, &loaded.diagnostics))
                });
                match one {
                    Some(one) => reply(
                        &FromWorker::School {
                            job,
                            index,
                            one: Box::new(one),
                        },
                        None,
                    ),
                    None => fail(job, "Школа не найдена: откройте файл снова.".to_string()),
                }
            }
        }
    }

    /// The file's bytes: from a `File` (read here, in steps, so the page never holds them) or
    /// from an `ArrayBuffer` the page handed over.
    fn bytes_of(job: u32, msg: &JsValue) -> Result<Vec<u8>, String> {
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
        let mut report = progress(job, Stage::Read);
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

    fn open(job: u32, request: OpenRequest, msg: &JsValue) {
        HELD.with_borrow_mut(|h| *h = None);
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
                reply(
                    &FromWorker::Timing {
                        job,
                        read_ms: read - started,
                        parse_ms: parsed - read,
                    },
                    None,
                );
                summarize(job, &request.settings, parsed);
            }
            Err(e) => fail(job, e.to_string()),
        }
    }

    /// A `File` read slice by slice through `core::stream`: `Ok(None)` when the file is not for
    /// reading in pieces (it is then read whole); `reading` adds up the time spent in reads.
    fn stream_file(
        job: u32,
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
        let mut report = progress(job, Stage::Parse);
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
        job: u32,
        msg: &JsValue,
        options: &LoadOptions,
    ) -> Result<(f64, Result<Loaded, LoadError>), String> {
        let bytes = bytes_of(job, msg)?;
        let read = js_sys::Date::now();
        let loaded = if sheet::container(&bytes).is_some() {
            load::load_spreadsheet(&bytes, options)
        } else {
            load::load_with_progress(
                &bytes,
                options,
                MAX_FILE_BYTES,
                &mut progress(job, Stage::Parse),
            )
        };
        Ok((read, loaded))
    }

    /// Several files chosen or dropped together: each read in turn (a file that cannot be read
    /// becomes a diagnostic naming it), then held as one set of schools.
    fn open_many(job: u32, files: js_sys::Array, request: OpenRequest, started: f64) {
        let Ok(reader) = web_sys::FileReaderSync::new() else {
            return fail(job, unreadable());
        };
        let total = files.length() as usize;
        let mut report = progress(job, Stage::Files);
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
        reply(
            &FromWorker::Timing {
                job,
                read_ms: 0.0,
                parse_ms: parsed - started,
            },
            None,
        );
        summarize(job, &request.settings, parsed);
    }

    /// Identifies every school held and sends the table.
    fn summarize(job: u32, settings: &Settings, since: f64) {
        let start = js_sys::Date::now();
        let overview = HELD.with_borrow(|held| {
            let loaded = held.as_ref()?;
            let summary = schools::summarize_with_progress(
                &loaded.schools,
                settings,
                &mut progress(job, Stage::Identify),
            );
            let mut overview =
                Overview::new(loaded.info.clone(), loaded.diagnostics.clone(), summary);
            // A set of schools' ДТК (format C, several files) also gets its municipal report.
            if loaded.info.format == Format::Many && loaded.schools.len() > 1 {
                progress(job, Stage::Aggregate)(0, 1);
                overview.municipal = Some(Box::new(many::report(
                    &loaded.schools,
                    settings,
                    &overview.summary,
                )));
            }
            Some(overview)
        });
        let Some(overview) = overview else {
            return fail(job, "Файл не прочитан: откройте его снова.".to_string());
        };
        let done = js_sys::Date::now();
        let memory = wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length();
        // Encoded, then the table itself is dropped before its bytes are copied out.
        let capacity = overview.summary.schools.len() * 320 + (64 << 10);
        let encoded = wire::encode_sized(
            &FromWorker::Overview {
                job,
                overview: Box::new(overview),
                identify_ms: done - start,
                total_ms: if since > 0.0 { done - since } else { 0.0 },
                wasm_bytes: memory as f64,
            },
            capacity,
        );
        post_encoded(encoded, None);
    }
}
