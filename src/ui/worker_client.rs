//! The page's side of the worker (browser edge, like `io`): starts `dtk-worker` (Trunk builds
//! it next to the page: `dtk-worker_loader.js`, a relative URL so `dist/` works from any
//! folder), sends it the reducer's commands and turns its messages into actions. Opening a new
//! file or cancelling ends the old worker (`terminate`) — its memory goes with it — and the
//! next command starts a fresh one. See `src/worker.rs` for the messages.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use super::state::{Command, FromWorker, Stage};
use crate::core::overview::{OneSchool, Overview};

/// The worker's loader, written by Trunk (`data-loader-shim`); relative to the page.
const WORKER_URL: &str = "./dtk-worker_loader.js";

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

fn num(o: &JsValue, key: &str) -> f64 {
    get(o, key).as_f64().unwrap_or(0.0)
}

/// Marks a moment for the browser's performance timeline (read by scripts/bench.sh).
fn mark(name: &str) {
    if let Some(p) = gloo::utils::window().performance() {
        let _ = p.mark(name);
    }
}

impl WorkerClient {
    /// A client whose worker's messages go to `sink`. No worker starts until a command.
    pub fn new(sink: Callback<FromWorker>) -> WorkerClient {
        WorkerClient(Rc::new(RefCell::new(Inner {
            worker: None,
            queue: Vec::new(),
            ready: false,
            job: 0,
            sink,
            _handlers: None,
        })))
    }

    /// Ends the worker, if any (cancel, or a new file).
    fn stop(&self) {
        let mut inner = self.0.borrow_mut();
        if let Some(w) = inner.worker.take() {
            w.terminate();
        }
        inner.queue.clear();
        inner.ready = false;
        inner._handlers = None;
    }

    /// Starts a fresh worker.
    fn start(&self) -> Result<(), String> {
        self.stop();
        let worker = Worker::new(WORKER_URL).map_err(|_| {
            "Браузер не дал запустить обработчик файлов (Web Worker): большие файлы и таблицы Excel открыть не получится.".to_string()
        })?;
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

    /// Carries out one command of the reducer.
    pub fn send(&self, command: &Command) {
        let job_of = |job: u32| {
            let o = Object::new();
            set(&o, "job", job);
            o
        };
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
                let o = job_of(*job);
                set(&o, "kind", "open");
                set(
                    &o,
                    "request",
                    serde_json::to_string(request).unwrap_or_default(),
                );
                let transfer = match &file.handle {
                    // The worker reads the file itself: the page never holds its bytes.
                    Some(handle) => {
                        set(&o, "file", handle.clone());
                        None
                    }
                    None => {
                        let bytes = Uint8Array::from(file.bytes.as_slice());
                        let buffer = bytes.buffer();
                        set(&o, "bytes", buffer.clone());
                        Some(Array::of1(&buffer))
                    }
                };
                self.post(o.into(), transfer);
            }
            Command::Settings { job, settings } => {
                let o = job_of(*job);
                set(&o, "kind", "settings");
                set(
                    &o,
                    "settings",
                    serde_json::to_string(settings).unwrap_or_default(),
                );
                self.post(o.into(), None);
            }
            Command::School { job, index } => {
                let o = job_of(*job);
                set(&o, "kind", "school");
                set(&o, "index", *index as f64);
                self.post(o.into(), None);
            }
        }
    }

    fn receive(&self, msg: &JsValue) {
        let kind = get(msg, "kind").as_string().unwrap_or_default();
        let job = num(msg, "job") as u32;
        if kind == "ready" {
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
        if kind == "timing" {
            // For scripts/bench.sh: how long reading and parsing took in the worker.
            let _ = Reflect::set(&gloo::utils::window(), &"dtkTiming".into(), msg);
            return;
        }
        let sink = self.0.borrow().sink.clone();
        let event = match kind.as_str() {
            "progress" => {
                let stage = match get(msg, "stage").as_string().as_deref() {
                    Some("read") => Stage::Read,
                    Some("parse") => Stage::Parse,
                    _ => Stage::Identify,
                };
                FromWorker::Progress {
                    job,
                    stage,
                    done: num(msg, "done"),
                    total: num(msg, "total"),
                }
            }
            "overview" => {
                let json = Uint8Array::new(&get(msg, "json")).to_vec();
                match serde_json::from_slice::<Overview>(&json) {
                    Ok(overview) => {
                        mark("dtk:overview");
                        // For scripts/bench.sh: the worker's own timings and memory.
                        let w = gloo::utils::window();
                        let _ = Reflect::set(&w, &"dtkLastRun".into(), msg);
                        FromWorker::Overview {
                            job,
                            overview: Rc::new(overview),
                        }
                    }
                    Err(e) => FromWorker::Failed {
                        job,
                        message: format!("Ответ обработчика не прочитан: {e}"),
                    },
                }
            }
            "school" => {
                let json = get(msg, "json").as_string().unwrap_or_default();
                match serde_json::from_str::<OneSchool>(&json) {
                    Ok(one) => FromWorker::School {
                        job,
                        index: num(msg, "index") as usize,
                        one: Rc::new(one),
                    },
                    Err(e) => FromWorker::Failed {
                        job,
                        message: format!("Данные школы не прочитаны: {e}"),
                    },
                }
            }
            "error" => FromWorker::Failed {
                job,
                message: get(msg, "message").as_string().unwrap_or_default(),
            },
            _ => return,
        };
        sink.emit(event);
    }
}
