//! The page's side of the worker (browser edge, like `io`): starts `dtk-worker` from a blob:
//! URL — a worker made from a blob: URL inherits the page's Content-Security-Policy, so the
//! code that parses spreadsheets can reach no other origin either; a worker started from its
//! own URL would run under no policy at all on a plain static host — whose script imports the
//! worker's files by the content-hashed names that `scripts/worker.mjs` writes into the page
//! (`<meta name="dtk-worker">`), so no HTTP cache serves an old worker to a new page. It sends
//! the worker the reducer's commands and turns its messages into actions. Opening a new
//! file or cancelling ends the old worker (`terminate`) — its memory goes with it — and the
//! next command starts a fresh one. The messages: `core::wire` (`ToWorker`, `FromWorker`).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::core::overview::XlsxRequest;
use crate::core::wire::{self, FromWorker as Reply, ToWorker};
use crate::ui::edge::io;
use crate::ui::state::{Command, FromWorker, Stage};

/// The type of an XLSX download.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The worker's loader, written by Trunk (`data-loader-shim`); relative to the page. Only for
/// `trunk serve` (development): a built `dist/` names its worker in `<meta name="dtk-worker">`.
const WORKER_URL: &str = "./dtk-worker_loader.js";

/// The blob: URL of the script that starts the served build's worker (made once).
fn served_worker_url(meta: &web_sys::Element) -> Result<String, JsValue> {
    thread_local! {
        static MADE: RefCell<Option<String>> = const { RefCell::new(None) };
    }
    if let Some(url) = MADE.with_borrow(|m| m.clone()) {
        return Ok(url);
    }
    let content = meta.get_attribute("content").unwrap_or_default();
    let mut names = content.split_whitespace();
    let (Some(js), Some(wasm)) = (names.next(), names.next()) else {
        return Err(JsValue::NULL);
    };
    // Absolute: relative URLs inside a blob: worker would resolve against the blob.
    let base = gloo::utils::document().base_uri()?.unwrap_or_default();
    let js = web_sys::Url::new_with_base(js, &base)?.href();
    let wasm = web_sys::Url::new_with_base(wasm, &base)?.href();
    let boot = format!(
        "importScripts({});\nwasm_bindgen({{ module_or_path: {} }});\n",
        js_string(&js),
        js_string(&wasm)
    );
    let parts = Array::of1(&JsValue::from_str(&boot));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    MADE.with_borrow_mut(|m| *m = Some(url.clone()));
    Ok(url)
}

/// A JavaScript string literal of `s` (the URLs are the page's own, but quoted properly anyway).
fn js_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// The worker's `onmessage` and `onerror` handlers.
type Handlers = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(web_sys::Event)>,
);

struct Inner {
    worker: Option<Worker>,
    /// Messages waiting until the worker says it is ready (its wasm is still loading).
    queue: Vec<(JsValue, Option<Array>)>,
    ready: bool,
    /// The job the worker is busy with, for an error that names none.
    job: u32,
    sink: Callback<FromWorker>,
    /// Where a failed export is told (a notice, not the page's load error).
    notice: Callback<String>,
    /// Kept alive as long as the worker.
    _handlers: Option<Handlers>,
}

/// A handle to the worker (cheap to clone).
#[derive(Clone)]
pub struct WorkerClient(Rc<RefCell<Inner>>);

fn set(o: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(o, &key.into(), &value.into());
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// An envelope for the worker: the request's bytes (`core::wire`) in a buffer to transfer, and
/// the list of what to transfer (file bytes beside it are added by the caller).
fn envelope(message: &ToWorker) -> (Object, Array) {
    let o = Object::new();
    let msg = Uint8Array::from(wire::encode(message).as_slice()).buffer();
    set(&o, "msg", msg.clone());
    (o, Array::of1(&msg))
}

thread_local! {
    /// For the single-file page: the worker's blob: URL and its wasm, made once.
    static SINGLE: RefCell<Option<(String, Uint8Array)>> = const { RefCell::new(None) };
}

/// Bytes of a base64 data block of the page (`window.atob` is native and fast).
fn block_bytes(el: &web_sys::Element) -> Option<Vec<u8>> {
    let text = el.text_content()?;
    let binary = gloo::utils::window().atob(text.trim()).ok()?;
    Some(binary.chars().map(|c| c as u8).collect())
}

/// A new worker, and for the single-file page (scripts/single.mjs, opened from disk, where no
/// file can be fetched) the wasm to post to it first: there the worker's glue comes from a data
/// block of the page as a blob: script that waits for its wasm in a first message.
fn make_worker() -> Result<(Worker, Option<Uint8Array>), JsValue> {
    let doc = gloo::utils::document();
    let (Some(glue), Some(wasm)) = (
        doc.get_element_by_id("dtk-worker-glue"),
        doc.get_element_by_id("dtk-worker-wasm"),
    ) else {
        return match doc.query_selector("meta[name=dtk-worker]")? {
            Some(meta) => Ok((Worker::new(&served_worker_url(&meta)?)?, None)),
            None => Ok((Worker::new(WORKER_URL)?, None)),
        };
    };
    let (url, wasm) = SINGLE.with_borrow_mut(|single| -> Result<(String, Uint8Array), JsValue> {
        if let Some(made) = single.as_ref() {
            return Ok(made.clone());
        }
        let glue = block_bytes(&glue).ok_or(JsValue::NULL)?;
        let wasm = block_bytes(&wasm).ok_or(JsValue::NULL)?;
        const BOOT: &str = "\n;self.onmessage = (e) => { self.onmessage = null; wasm_bindgen({ module_or_path: e.data }); };\n";
        let parts = Array::of2(&Uint8Array::from(glue.as_slice()), &JsValue::from_str(BOOT));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/javascript");
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let made = (url, Uint8Array::from(wasm.as_slice()));
        *single = Some(made.clone());
        Ok(made)
    })?;
    Ok((Worker::new(&url)?, Some(wasm)))
}

/// Marks a moment for the browser's performance timeline (read by scripts/bench.sh).
fn mark(name: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        let _ = p.mark(name);
    }
}

impl WorkerClient {
    /// A client whose worker's messages go to `sink` (export failures to `notice`). No worker
    /// starts until a command.
    pub fn new(sink: Callback<FromWorker>, notice: Callback<String>) -> WorkerClient {
        WorkerClient(Rc::new(RefCell::new(Inner {
            worker: None,
            queue: Vec::new(),
            ready: false,
            job: 0,
            sink,
            notice,
            _handlers: None,
        })))
    }

    /// Ends the worker, if any (cancel, or a new file).
    fn stop(&self) {
        let mut inner = self.0.borrow_mut();
        if let Some(w) = inner.worker.take() {
            w.terminate();
            // Its handlers are dropped below: an event already on its way must find none.
            w.set_onmessage(None);
            w.set_onerror(None);
        }
        inner.queue.clear();
        inner.ready = false;
        inner._handlers = None;
    }

    /// Starts a worker if none is running; `false`, with a notice, when none can be started.
    fn started_or_notice(&self) -> bool {
        if self.0.borrow().worker.is_none() {
            if let Err(message) = self.start() {
                let notice = self.0.borrow().notice.clone();
                notice.emit(message);
                return false;
            }
        }
        true
    }

    /// Starts a fresh worker.
    fn start(&self) -> Result<(), String> {
        self.stop();
        let (worker, wasm) = make_worker().map_err(|_| {
            "Браузер не дал запустить обработчик файлов (Web Worker): большие файлы и таблицы Excel открыть не получится.".to_string()
        })?;
        // The single-file page hands the worker its wasm first (see `make_worker`).
        if let Some(wasm) = wasm {
            let _ = worker.post_message(&wasm);
        }
        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                WorkerClient(inner).receive(&e.data());
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            if let Some(inner) = weak.upgrade() {
                let (job, sink) = {
                    let i = inner.borrow();
                    (i.job, i.sink.clone())
                };
                WorkerClient(inner).stop();
                sink.emit(FromWorker::Failed {
                    job,
                    message: "Обработчик файлов остановился с ошибкой (возможно, браузеру не хватило памяти). Попробуйте открыть файл снова или разделите его на части.".to_string(),
                });
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.0.borrow_mut();
        inner.worker = Some(worker);
        inner._handlers = Some((on_message, on_error));
        Ok(())
    }

    fn post(&self, msg: JsValue, transfer: Option<Array>) {
        let mut inner = self.0.borrow_mut();
        if !inner.ready {
            inner.queue.push((msg, transfer));
            return;
        }
        if let Some(w) = &inner.worker {
            let _ = match &transfer {
                Some(t) => w.post_message_with_transfer(&msg, t),
                None => w.post_message(&msg),
            };
        }
    }

    /// Asks the worker to write an XLSX workbook, offered as a download named `name` when it
    /// comes (a worker starts if none is running; a running one does it after its job).
    pub fn export_xlsx(&self, name: &str, request: &XlsxRequest) {
        if !self.started_or_notice() {
            return;
        }
        let (o, transfer) = envelope(&ToWorker::Xlsx {
            job: 0,
            name: name.to_string(),
            request: request.clone(),
        });
        self.post(o.into(), Some(transfer));
    }

    /// Asks the worker to read a plan from a workbook; the plan comes back as
    /// `FromWorker::Plan`.
    pub fn read_plan(&self, bytes: &[u8]) {
        if !self.started_or_notice() {
            return;
        }
        let (o, transfer) = envelope(&ToWorker::Plan { job: 0 });
        let buffer = Uint8Array::from(bytes).buffer();
        set(&o, "bytes", buffer.clone());
        transfer.push(&buffer);
        self.post(o.into(), Some(transfer));
    }

    /// Asks the worker to read protocol workbooks (it keeps any file it holds: a protocol is
    /// read next to the open school, not instead of it). The bytes were read on the page.
    fn read_protocols(&self, job: u32, files: &[crate::ui::state::OpenFile]) {
        if self.0.borrow().worker.is_none() {
            if let Err(message) = self.start() {
                let sink = self.0.borrow().sink.clone();
                sink.emit(FromWorker::Protocols {
                    job,
                    entries: Err(message),
                });
                return;
            }
        }
        let (o, transfer) = envelope(&ToWorker::Protocols {
            job,
            names: files.iter().map(|f| f.name.clone()).collect(),
        });
        let list = Array::new();
        for f in files {
            let buffer = Uint8Array::from(f.bytes.as_slice()).buffer();
            transfer.push(&buffer);
            list.push(&buffer);
        }
        set(&o, "files", list);
        self.post(o.into(), Some(transfer));
    }

    /// Carries out one command of the reducer.
    pub fn send(&self, command: &Command) {
        match command {
            Command::Cancel => self.stop(),
            Command::Open { job, file, request } => {
                if let Err(message) = self.start() {
                    let sink = self.0.borrow().sink.clone();
                    sink.emit(FromWorker::Failed { job: *job, message });
                    return;
                }
                self.0.borrow_mut().job = *job;
                mark("dtk:open");
                let (o, transfer) = envelope(&ToWorker::Open {
                    job: *job,
                    request: request.clone(),
                });
                match &file.handle {
                    // Several files: the worker reads each itself.
                    _ if !file.files.is_empty() => {
                        let list: Array = file.files.iter().map(|h| h.file().clone()).collect();
                        set(&o, "files", list);
                    }
                    // The worker reads the file itself: the page never holds its bytes.
                    Some(handle) => set(&o, "file", handle.file().clone()),
                    None => {
                        let buffer = Uint8Array::from(file.bytes.as_slice()).buffer();
                        set(&o, "bytes", buffer.clone());
                        transfer.push(&buffer);
                    }
                }
                self.post(o.into(), Some(transfer));
            }
            Command::Settings { job, settings } => {
                let (o, transfer) = envelope(&ToWorker::Settings {
                    job: *job,
                    settings: settings.clone(),
                });
                self.post(o.into(), Some(transfer));
            }
            Command::ReadProtocols { job, files } => self.read_protocols(*job, files),
            Command::School { job, index } => {
                let (o, transfer) = envelope(&ToWorker::School {
                    job: *job,
                    index: *index,
                });
                self.post(o.into(), Some(transfer));
            }
        }
    }

    /// One answer of the worker (`core::wire::FromWorker`) turned into an event of the
    /// reducer, a download or a notice.
    fn receive(&self, envelope: &JsValue) {
        let bytes = Uint8Array::new(&get(envelope, "msg")).to_vec();
        let (sink, notice, busy) = {
            let i = self.0.borrow();
            (i.sink.clone(), i.notice.clone(), i.job)
        };
        let message = match wire::decode::<Reply>(&bytes) {
            Ok(m) => m,
            Err(message) => {
                return sink.emit(FromWorker::Failed { job: busy, message });
            }
        };
        drop(bytes);
        let event = match message {
            Reply::Ready => {
                let queue = {
                    let mut inner = self.0.borrow_mut();
                    inner.ready = true;
                    std::mem::take(&mut inner.queue)
                };
                for (m, t) in queue {
                    self.post(m, t);
                }
                return;
            }
            Reply::File { name, .. } => {
                let bytes = Uint8Array::new(&get(envelope, "bytes")).to_vec();
                return io::download(&name, XLSX, &bytes);
            }
            Reply::Panic { job, message } => {
                // The worker panicked and is about to stop: its own words, not the generic
                // «not enough memory» of the error event that follows (which `stop` silences).
                self.stop();
                FromWorker::Failed { job, message }
            }
            Reply::ExportError { message, .. } => return notice.emit(message),
            Reply::Plan { plan, warnings, .. } => {
                sink.emit(FromWorker::Plan(plan));
                if !warnings.is_empty() {
                    notice.emit(warnings.join("; "));
                }
                return;
            }
            Reply::Timing {
                read_ms, parse_ms, ..
            } => {
                // For scripts/bench.sh: how long reading and parsing took in the worker.
                let o = Object::new();
                set(&o, "read_ms", read_ms);
                set(&o, "parse_ms", parse_ms);
                let _ = Reflect::set(&gloo::utils::window(), &"dtkTiming".into(), &o);
                return;
            }
            Reply::Progress {
                job,
                stage,
                done,
                total,
            } => FromWorker::Progress {
                job,
                stage: match stage {
                    wire::Stage::Read => Stage::Read,
                    wire::Stage::Parse => Stage::Parse,
                    wire::Stage::Files => Stage::Files,
                    wire::Stage::Identify | wire::Stage::Aggregate => Stage::Identify,
                },
                done,
                total,
            },
            Reply::Overview {
                job,
                overview,
                identify_ms,
                total_ms,
                wasm_bytes,
            } => {
                mark("dtk:overview");
                // For scripts/bench.sh: the worker's own timings and memory.
                let o = Object::new();
                set(&o, "identify_ms", identify_ms);
                set(&o, "total_ms", total_ms);
                set(&o, "wasm_bytes", wasm_bytes);
                let _ = Reflect::set(&gloo::utils::window(), &"dtkLastRun".into(), &o);
                FromWorker::Overview {
                    job,
                    overview: Rc::from(overview),
                }
            }
            Reply::School { job, index, one } => FromWorker::School {
                job,
                index,
                one: Rc::from(one),
            },
            Reply::Protocols { job, entries } => FromWorker::Protocols {
                job,
                entries: Ok(entries),
            },
            Reply::Error { job, message } => FromWorker::Failed { job, message },
        };
        sink.emit(event);
    }
}
