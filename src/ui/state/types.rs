//! The reducer's vocabulary, below everything else in `state`: the file opened (with an
//! opaque handle for files the worker reads itself), the commands the reducer queues for the
//! worker, the worker's progress and answers, and a table of many schools. Only `core` types
//! flow in; nothing here knows the browser, so the reducer runs in host tests.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::core::identify::Settings;
use crate::core::overview::{OneSchool, OpenRequest, Overview};
use crate::core::plan::Plan;
use crate::core::protocol::batch::Entry;

/// The user's edits of generated texts for one school: key «1.2/conclusion» → text.
pub type Edits = BTreeMap<String, String>;

/// A file on the user's disk that the worker reads itself; opaque to the reducer. In the
/// browser it carries the `web_sys::File`; in host tests only its name exists (so that two
/// handles differ).
#[derive(Clone, PartialEq, Debug)]
pub struct FileHandle {
    pub name: String,
    #[cfg(target_arch = "wasm32")]
    file: web_sys::File,
}

impl FileHandle {
    /// The handle of a file the user chose or dropped.
    #[cfg(target_arch = "wasm32")]
    pub fn new(file: web_sys::File) -> FileHandle {
        FileHandle {
            name: file.name(),
            file,
        }
    }

    /// The browser's file, for the worker to read.
    #[cfg(target_arch = "wasm32")]
    pub fn file(&self) -> &web_sys::File {
        &self.file
    }

    /// A stand-in for tests of the reducer on the host.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn fake(name: &str) -> FileHandle {
        FileHandle {
            name: name.to_string(),
        }
    }
}

/// A file the user opened (or the built-in example).
#[derive(Clone, PartialEq, Debug)]
pub struct OpenFile {
    pub name: String,
    /// The bytes, for a file small enough to read on the page (empty when `handle` is set).
    pub bytes: Rc<Vec<u8>>,
    pub example: bool,
    /// A file the worker reads itself (large): its bytes never pass through the page's memory.
    pub handle: Option<FileHandle>,
    /// Several files chosen or dropped together (school ДТК files): the worker reads them all
    /// as one set of schools. Empty for one file.
    pub files: Rc<Vec<FileHandle>>,
}

impl OpenFile {
    /// A file whose bytes the page holds.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> OpenFile {
        OpenFile {
            name: name.into(),
            bytes: Rc::new(bytes),
            example: false,
            handle: None,
            files: Rc::default(),
        }
    }

    /// Whether only the worker has its bytes (one large file, or several files).
    pub fn on_disk(&self) -> bool {
        self.handle.is_some() || !self.files.is_empty()
    }
}

/// A command for the worker, carried out by the app's edge (`worker_client`).
#[derive(Clone, PartialEq, Debug)]
pub enum Command {
    /// Read a file (a fresh worker; any older one is ended).
    Open {
        job: u32,
        file: OpenFile,
        request: OpenRequest,
    },
    /// Identify the schools held again under new settings.
    Settings { job: u32, settings: Settings },
    /// Send one school's data.
    School { job: u32, index: usize },
    /// End the worker.
    Cancel,
    /// Read protocol workbooks (in the running worker, or a new one; the file's job is kept).
    ReadProtocols { job: u32, files: Vec<OpenFile> },
}

/// What the worker is doing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Stage {
    /// Started, nothing heard yet (its code is loading).
    Start,
    /// Reading the file from disk.
    Read,
    /// Reading several files, one by one (`done` of `total` files).
    Files,
    /// Splitting and reading the rows.
    Parse,
    /// Identifying every school.
    Identify,
    /// Fetching one school's data for its report.
    School,
}

/// Progress of the worker, for the progress bar.
#[derive(Clone, PartialEq, Debug)]
pub struct Progress {
    pub stage: Stage,
    pub done: f64,
    pub total: f64,
    /// The file being read.
    pub file: String,
}

impl Progress {
    /// A job just started on this file.
    pub fn start(stage: Stage, file: &str) -> Progress {
        Progress {
            stage,
            done: 0.0,
            total: if stage == Stage::School { 1.0 } else { 0.0 },
            file: file.to_string(),
        }
    }

    /// How far the whole job is, 0…1: reading the file is the first tenth, the rows up to 85 %,
    /// identification the rest.
    pub fn fraction(&self) -> f64 {
        let part = if self.total > 0.0 {
            (self.done / self.total).clamp(0.0, 1.0)
        } else {
            0.0
        };
        match self.stage {
            Stage::Start => 0.0,
            Stage::Read => 0.1 * part,
            Stage::Files => 0.85 * part,
            Stage::Parse => 0.1 + 0.75 * part,
            Stage::Identify => 0.85 + 0.15 * part,
            Stage::School => part,
        }
    }
}

/// What the worker said.
pub enum FromWorker {
    Progress {
        job: u32,
        stage: Stage,
        done: f64,
        total: f64,
    },
    Overview {
        job: u32,
        overview: Rc<Overview>,
    },
    School {
        job: u32,
        index: usize,
        one: Rc<OneSchool>,
    },
    Failed {
        job: u32,
        message: String,
    },
    /// A plan read from a workbook (any job: it does not depend on the file open).
    Plan(Box<Plan>),
    /// Protocols read, or why not.
    Protocols {
        job: u32,
        entries: Result<Vec<Entry>, String>,
    },
}

/// A file of many schools, read in the worker: the table's data.
#[derive(Clone)]
pub struct Many {
    pub overview: Rc<Overview>,
    /// Each line's search key (`overview::search_key`), made at the first search.
    pub keys: Rc<Vec<String>>,
}

/// The same table is the same `Rc`: components compare pointers, not 40 000 lines.
impl PartialEq for Many {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.overview, &other.overview) && Rc::ptr_eq(&self.keys, &other.keys)
    }
}
