//! The page ↔ worker protocol: what the page asks ([`ToWorker`]) and what the worker answers
//! ([`FromWorker`]), one serde enum each, encoded and decoded here and nowhere else. In: a
//! message; out: its bytes (and back). The page and the worker put those bytes in an envelope
//! `{msg: ArrayBuffer}` that is *transferred*, never copied; a file's `File`, its bytes or a
//! list of files travel beside `msg` in the same envelope (zero-copy as well).
//!
//! Why JSON bytes and not a JS object (serde-wasm-bindgen): measured, and the bytes are faster.
//! A message is posted between two threads, and `postMessage` structured-clones every object it
//! carries, while an `ArrayBuffer` moves by transfer at no cost and serde_json reads it inside
//! wasm in one pass. The largest message, `FromWorker::Overview` of the 40 000-school table
//! (11,7 MiB as JSON), in headless Chromium, `scripts/bench-wire.sh` on 30.11.2026 (two runs on
//! a loaded 2-core machine, medians of 7 and of 9; ms: encode in the worker + from postMessage
//! until the page has read the message + decode on the page):
//!
//! ```text
//! JSON bytes, transferred          190 +   1 + 181 =   384    |  250 +   1 + 285 =   600
//! serde-wasm-bindgen, cloned       418 + 250 + 523 = 1 169    |  572 + 376 + 762 = 1 613
//! ```
//!
//! The JS value is 3,05× and 2,69× slower in all, slower at every step, and holds the page's
//! thread ~0,67 s (cloning the object graph in, then walking it) against 0,18 s (first run).
//! Its code is smaller: both halves of this protocol alone (benches/wire_size_*.rs, wasm-opt
//! -Oz) are 264 KB, 98 KB gzip, against 333 KB, 112 KB gzip with serde_json — ~14 KB gzip,
//! less in the app, whose page keeps serde_json for the JSON export. Not worth 2,7–3× on the
//! table; the rest of the messages are small. The method: docs/performance.md.
//!
//! The enums are externally tagged (`{"school": {"job": 7, "index": 3}}`), not `tag = "kind"`:
//! an internally tagged enum is read through serde's buffered `Content`, which would hold the
//! whole 40 000-school table a second time while decoding it and compile every message's reader
//! twice (the page and worker wasm grew by ~180 KB together with it).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::many::overview::Overview;
use super::many::requests::{OneSchool, OpenRequest, XlsxRequest};
use super::method::identify::Settings;
use super::plan::Plan;
use super::protocol::batch::Entry;

/// A request of the page. `job` is the page's number for the file it works on: answers echo it,
/// so the page drops answers to a job it has left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ToWorker {
    /// Read the file beside the message (`file`: a `File`, read in slices; `bytes`; or `files`:
    /// several `File`s read as one set of schools), keep it, and send its table.
    Open { job: u32, request: OpenRequest },
    /// The table of the file held, under other settings.
    Settings { job: u32, settings: Settings },
    /// One school of the file held, for its report.
    School { job: u32, index: usize },
    /// Write a workbook (the XLSX writer lives only in the worker); it comes back as `File`.
    Xlsx {
        job: u32,
        name: String,
        request: XlsxRequest,
    },
    /// Read a plan from the workbook bytes beside the message.
    Plan { job: u32 },
    /// Read ВПР protocol workbooks: `files` beside the message, one `{bytes}` per name.
    Protocols { job: u32, names: Vec<String> },
    /// For tests/e2e/hostile.test.mjs: a panic on purpose (the page never sends it).
    TestPanic,
}

impl ToWorker {
    /// The job the request belongs to (none for the test's panic).
    pub fn job(&self) -> Option<u32> {
        match self {
            ToWorker::Open { job, .. }
            | ToWorker::Settings { job, .. }
            | ToWorker::School { job, .. }
            | ToWorker::Xlsx { job, .. }
            | ToWorker::Plan { job }
            | ToWorker::Protocols { job, .. } => Some(*job),
            ToWorker::TestPanic => None,
        }
    }
}

/// How far the worker got: the stage of a `Progress` answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Read,
    Files,
    Parse,
    Identify,
    Aggregate,
}

/// An answer of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FromWorker {
    /// Listening: the page may send what it queued.
    Ready,
    Progress {
        job: u32,
        stage: Stage,
        done: f64,
        total: f64,
    },
    /// For scripts/bench.sh: reading and parsing in the worker, in ms.
    Timing {
        job: u32,
        read_ms: f64,
        parse_ms: f64,
    },
    /// The table of the file held, with the worker's own timings and memory (for the bench).
    Overview {
        job: u32,
        overview: Box<Overview>,
        identify_ms: f64,
        total_ms: f64,
        wasm_bytes: f64,
    },
    School {
        job: u32,
        index: usize,
        one: Box<OneSchool>,
    },
    Protocols {
        job: u32,
        entries: Vec<Entry>,
    },
    Plan {
        job: u32,
        plan: Box<Plan>,
        warnings: Vec<String>,
    },
    /// A workbook written: its bytes travel beside the message.
    File {
        job: u32,
        name: String,
    },
    /// The job failed; the message says why, in Russian.
    Error {
        job: u32,
        message: String,
    },
    /// An export or a plan could not be made (the open file stays).
    ExportError {
        job: u32,
        message: String,
    },
    /// The worker panicked and is about to stop: the panic in its own words.
    Panic {
        job: u32,
        message: String,
    },
}

/// A message as the bytes of the envelope's `msg`.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // serde_json's own `to_vec` starts at 128 bytes too.
    encode_sized(message, 128)
}

/// [`encode`] into a buffer of `capacity` bytes to begin with: the table of many schools
/// (≈ 300 bytes a school) would otherwise double its buffer on the way up, and in the worker's
/// memory, which never shrinks, growing from 8 to 16 MiB leaves 24 MiB taken.
pub fn encode_sized<T: Serialize>(message: &T, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    // Every message is plain data with string keys: serialising it cannot fail.
    match serde_json::to_writer(&mut out, message) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// The message of an envelope's `msg` bytes.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("сообщение обработчика не прочитано: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_name_their_kind() {
        let m = ToWorker::School { job: 7, index: 3 };
        let bytes = encode(&m);
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            r#"{"school":{"job":7,"index":3}}"#
        );
        assert_eq!(decode::<ToWorker>(&bytes).unwrap(), m);
        assert_eq!(
            decode::<ToWorker>(br#""test-panic""#).unwrap(),
            ToWorker::TestPanic
        );
        let p = FromWorker::Progress {
            job: 2,
            stage: Stage::Identify,
            done: 5.0,
            total: 9.0,
        };
        assert_eq!(decode::<FromWorker>(&encode(&p)).unwrap(), p);
        assert!(decode::<ToWorker>(br#"{"nonsense":{}}"#).is_err());
    }
}
