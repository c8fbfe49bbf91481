//! The app state and its reducer. The reducer only calls `core`: reading a file, building a
//! report, selecting the rows of the schools table. Browser IO (storage, downloads, the worker)
//! happens at the edge: what the worker must do is queued here as `Command`s, which the app
//! hands to `worker_client`; what the worker answers comes back as `Action::Worker`.
//!
//! A small single-school CSV is read right here, synchronously. A spreadsheet, a file over
//! 1 MB, or a results table with more than one school goes to the worker: the page keeps
//! answering and shows a progress bar, then the schools table; a click opens one school, whose
//! data the worker sends back, through the same report as a single-school file.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::core::decode::Encoding;
use crate::core::identify::Settings;
use crate::core::load::{load, Format, LoadOptions, Loaded};
use crate::core::overview::{self, OneSchool, OpenRequest, Overview, Query};
use crate::core::plan::{dtk34, Date, Plan};
use crate::core::report::{build, Report};
use crate::core::sheet;
use crate::core::table::Delimiter;

pub use super::protocol_state::{ProtocolAction, Protocols};

/// The user's edits of generated texts for one school: key «1.2/conclusion» → text.
pub type Edits = BTreeMap<String, String>;

/// A file the user opened (or the built-in example).
#[derive(Clone, PartialEq)]
pub struct OpenFile {
    pub name: String,
    /// The bytes, for a file small enough to read on the page (empty when `handle` is set).
    pub bytes: Rc<Vec<u8>>,
    pub example: bool,
    /// A file the worker reads itself (large, or a spreadsheet): its bytes never pass through
    /// the page's memory.
    pub handle: Option<web_sys::File>,
    /// Several files chosen or dropped together (school ДТК files): the worker reads them all
    /// as one set of schools. Empty for one file.
    pub files: Rc<Vec<web_sys::File>>,
}

/// A command for the worker, carried out by the app's edge (`worker_client`).
#[derive(Clone, PartialEq)]
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
    /// Protocols read (`batch::Entry` list as JSON), or why not.
    Protocols {
        job: u32,
        entries: Result<Vec<crate::core::protocol::batch::Entry>, String>,
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

/// How many commands the state remembers for the edge to pick up.
const OUTBOX: usize = 8;

/// Everything the page shows is derived from this.
#[derive(Clone, Default)]
pub struct State {
    pub file: Option<OpenFile>,
    /// Encoding and delimiter chosen by the user instead of the detected ones.
    pub encoding: Option<Encoding>,
    pub delimiter: Option<Delimiter>,
    /// The file read (for a file of many schools: the one school whose report is open).
    pub loaded: Option<Rc<Loaded>>,
    /// Why the file could not be read at all, in Russian.
    pub error: Option<String>,
    /// Index of the school shown among `loaded.schools`.
    pub school: usize,
    pub settings: Settings,
    pub report: Option<Rc<Report>>,
    pub edits: Edits,
    /// The school the edits belong to (`school_key`), so edits are never saved under another
    /// school while the next school's edits are being restored.
    pub edits_owner: Option<String>,
    /// A file of many schools, read in the worker.
    pub many: Option<Many>,
    /// The table's search, filters and sort, and the rows they select (indices into
    /// `many.overview.summary.schools`).
    pub query: Query,
    pub rows: Rc<Vec<usize>>,
    /// The school of `many` whose report is open (`None`: the table is shown).
    pub open_school: Option<usize>,
    /// Where the table was scrolled, to come back to it from a report.
    pub table_scroll: f64,
    /// The worker's progress while it works.
    pub progress: Option<Progress>,
    /// Set when the user cancelled reading a file.
    pub cancelled: Option<String>,
    /// For a set of schools' ДТК: the municipal report is shown instead of the table.
    pub municipal_view: bool,
    /// The current worker job; answers to older jobs are dropped.
    pub job: u32,
    /// Commands for the worker with their serial numbers (the edge sends each once).
    pub outbox: Rc<Vec<(u32, Command)>>,
    /// The school's plan (kept per school, like edits); its ДТК 3.4 replaces the entered one.
    pub plan: Option<Rc<Plan>>,
    /// The school the plan belongs to (`school_key`), set when its kept plan was looked up.
    pub plan_owner: Option<String>,
    /// The monitoring date the plan is shown and 3.4 computed at (`None`: the plan's latest).
    pub plan_at: Option<Date>,
    /// Whether the «План» view is shown instead of the report.
    pub show_plan: bool,
    /// Counts plans opened from a workbook (the app keeps each in storage when it changes).
    pub plan_opened: u32,
    /// ВПР protocols opened (`protocol_state.rs`).
    pub protocols: Rc<Protocols>,
}

/// What the user (or the worker) can do.
pub enum Action {
    Open(OpenFile),
    SetEncoding(Option<Encoding>),
    SetDelimiter(Option<Delimiter>),
    SetSettings(Settings),
    /// Restored from storage when a school opens.
    EditsLoaded {
        owner: String,
        edits: Edits,
    },
    Edit {
        key: String,
        text: String,
    },
    ResetText {
        key: String,
    },
    /// The school's kept plan, looked up when the school opens (`None`: it has none yet).
    PlanLoaded {
        owner: String,
        plan: Option<Plan>,
    },
    /// The plan as edited (or opened from a file, or cleared with `None`).
    Plan(Option<Plan>),
    /// The monitoring date to show the plan at.
    PlanAt(Option<Date>),
    /// Show the «План» view (true) or the report (false).
    ShowPlan(bool),
    /// The schools table: a new search, filter or sort.
    Query(Query),
    /// Open the report of the school at this index of the file (from the table); the table's
    /// scroll position is kept for the way back.
    OpenSchool {
        index: usize,
        scroll: f64,
    },
    /// From a school's report back to the table.
    BackToTable,
    /// For a set of schools' ДТК: show the municipal report (true) or the schools table.
    ShowMunicipal(bool),
    /// Stop the worker.
    Cancel,
    Worker(FromWorker),
    /// Protocols of ВПР (`protocol_state.rs`).
    Protocols(ProtocolAction),
}

/// Whether a file is read in the worker whatever it holds: a spreadsheet (the page's code does
/// not read them, to stay light) or a large file.
pub fn needs_worker(file: &OpenFile) -> bool {
    file.handle.is_some()
        || !file.files.is_empty()
        || sheet::container(&file.bytes).is_some()
        || file.bytes.len() > overview::WORKER_MIN_BYTES
}

impl State {
    /// A key that identifies the shown school across reloads (for kept edits).
    pub fn school_key(&self) -> Option<String> {
        let report = self.report.as_ref()?;
        let s = &report.school;
        let id = [
            s.code.as_deref(),
            s.name.as_deref(),
            s.municipality.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("|");
        Some(if id.is_empty() {
            "без названия".to_string()
        } else {
            id
        })
    }

    /// The serial number of the newest command (the edge sends everything newer than it sent).
    pub fn outbox_serial(&self) -> u32 {
        self.outbox.last().map_or(0, |(s, _)| *s)
    }

    pub(crate) fn send(&mut self, command: Command) {
        let serial = self.outbox_serial() + 1;
        let mut out: Vec<(u32, Command)> = (*self.outbox).clone();
        out.push((serial, command));
        if out.len() > OUTBOX {
            out.remove(0);
        }
        self.outbox = Rc::new(out);
    }

    fn reload(&mut self) {
        // Whatever the worker was doing is for the old file: end it, and drop its answers.
        if self.progress.is_some() || self.many.is_some() {
            self.send(Command::Cancel);
        }
        self.job += 1;
        self.loaded = None;
        self.report = None;
        self.error = None;
        self.progress = None;
        self.cancelled = None;
        self.many = None;
        self.open_school = None;
        self.rows = Rc::default();
        let Some(file) = &self.file else { return };
        if needs_worker(file) {
            return self.start_job();
        }
        let options = LoadOptions {
            file_name: Some(file.name.clone()),
            encoding: self.encoding,
            delimiter: self.delimiter,
        };
        match load(&file.bytes, &options) {
            // Many schools: the table, from the worker (which keeps the schools).
            Ok(loaded)
                if matches!(loaded.info.format, Format::Results | Format::Many)
                    && loaded.schools.len() > 1 =>
            {
                self.start_job()
            }
            Ok(loaded) => {
                self.loaded = Some(Rc::new(loaded));
                if self.school >= self.loaded.as_ref().map_or(0, |l| l.schools.len()) {
                    self.school = 0;
                }
                self.rebuild();
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn start_job(&mut self) {
        let Some(file) = self.file.clone() else {
            return;
        };
        self.job += 1;
        self.progress = Some(Progress {
            stage: Stage::Start,
            done: 0.0,
            total: 0.0,
            file: file.name.clone(),
        });
        let request = OpenRequest {
            name: file.name.clone(),
            encoding: self.encoding,
            delimiter: self.delimiter,
            settings: self.settings.clone(),
        };
        self.send(Command::Open {
            job: self.job,
            file,
            request,
        });
    }

    pub(crate) fn rebuild(&mut self) {
        self.report = self.loaded.as_ref().and_then(|loaded| {
            let school = loaded.schools.get(self.school)?;
            // ДТК 3.4 computed from the school's plan replaces the entered values (plans.md §4).
            let planned = self.plan_34().map(|d| {
                let mut school = school.clone();
                dtk34::overlay(&mut school, &d, None);
                school
            });
            let school = planned.as_ref().unwrap_or(school);
            let mut report = build(school, &self.settings, &loaded.diagnostics);
            // Cells written from ВПР protocols say so where they are shown.
            crate::core::protocol::merge::mark_report(&mut report, school);
            Some(Rc::new(report))
        });
    }

    /// The monitoring date the plan is read at: the chosen one, else the plan's latest date.
    pub fn plan_date(&self) -> Option<Date> {
        let plan = self.plan.as_ref()?;
        self.plan_at.or_else(|| plan.all_dates().last().copied())
    }

    /// ДТК 3.4 from the plan of the school on the page, when it has programmes.
    pub fn plan_34(&self) -> Option<dtk34::Dtk34> {
        let plan = self.plan.as_ref().filter(|p| !p.programmes.is_empty())?;
        dtk34::compute(plan, self.plan_date()?)
    }

    fn select(&mut self) {
        let Some(m) = &mut self.many else {
            self.rows = Rc::default();
            return;
        };
        // Search keys are made when the user first searches, not when the table arrives.
        if !self.query.search.trim().is_empty() && m.keys.is_empty() {
            m.keys = Rc::new(
                m.overview
                    .summary
                    .schools
                    .iter()
                    .map(overview::search_key)
                    .collect(),
            );
        }
        self.rows = Rc::new(overview::select(&m.overview, &m.keys, &self.query));
    }

    /// Asks the worker for one school's data; its report opens when the data comes.
    fn open_school(&mut self, index: usize, scroll: f64) {
        self.close_school();
        self.error = None;
        self.open_school = Some(index);
        self.table_scroll = scroll;
        self.progress = Some(Progress {
            stage: Stage::School,
            done: 0.0,
            total: 1.0,
            file: self
                .file
                .as_ref()
                .map(|f| f.name.clone())
                .unwrap_or_default(),
        });
        let job = self.job;
        self.send(Command::School { job, index });
    }

    /// Whether the file read in the worker holds a single school (no table then).
    pub fn single(&self) -> bool {
        self.many
            .as_ref()
            .is_some_and(|m| m.overview.summary.schools.len() == 1)
    }

    fn close_school(&mut self) {
        self.open_school = None;
        self.loaded = None;
        self.report = None;
        self.edits = Edits::new();
        self.edits_owner = None;
        self.plan = None;
        self.plan_owner = None;
        self.plan_at = None;
        self.show_plan = false;
    }

    fn worker(&mut self, event: FromWorker) {
        match event {
            FromWorker::Plan(plan) => {
                self.plan = Some(Rc::new(*plan));
                self.plan_opened += 1;
                self.rebuild();
            }
            FromWorker::Progress {
                job,
                stage,
                done,
                total,
            } => {
                if job == self.job {
                    if let Some(p) = &mut self.progress {
                        p.stage = stage;
                        p.done = done;
                        p.total = total;
                    }
                }
            }
            FromWorker::Overview { job, overview } => {
                if job != self.job {
                    return;
                }
                // A municipality that is not in the new table cannot filter it.
                if let Some(m) = &self.query.municipality {
                    if !overview
                        .summary
                        .municipalities
                        .iter()
                        .any(|x| &x.municipality == m)
                    {
                        self.query.municipality = None;
                    }
                }
                let single = overview.summary.schools.len() == 1;
                self.many = Some(Many {
                    overview,
                    keys: Rc::default(),
                });
                if self
                    .progress
                    .as_ref()
                    .is_some_and(|p| p.stage != Stage::School)
                {
                    self.progress = None;
                }
                self.select();
                // One school (a spreadsheet template, a large one-school file): its report at
                // once, no table.
                if single && self.open_school.is_none() {
                    self.open_school(0, 0.0);
                }
            }
            FromWorker::School { job, index, one } => {
                if job != self.job || self.open_school != Some(index) {
                    return;
                }
                let Some(many) = &self.many else { return };
                let mut info = many.overview.info.clone();
                info.schools = 1;
                let one = Rc::unwrap_or_clone(one);
                self.loaded = Some(Rc::new(Loaded {
                    info,
                    schools: vec![one.school],
                    diagnostics: one.diagnostics,
                }));
                self.school = 0;
                self.progress = None;
                self.rebuild();
            }
            FromWorker::Protocols { job, entries } => match entries {
                Ok(entries) => self.protocol_action(ProtocolAction::Read { job, entries }),
                Err(message) => {
                    let mut p = (*self.protocols).clone();
                    if p.reading == Some(job) {
                        p.reading = None;
                        p.outcome = vec![message];
                        self.protocols = Rc::new(p);
                    }
                }
            },
            FromWorker::Failed { job, message } => {
                if job != self.job {
                    return;
                }
                self.progress = None;
                self.error = Some(message);
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Open(file) => {
                next.file = Some(file);
                next.encoding = None;
                next.delimiter = None;
                next.school = 0;
                // Years differ between files; the as-of year goes back to «the latest».
                next.settings.as_of = None;
                next.edits = Edits::new();
                next.edits_owner = None;
                next.plan = None;
                next.plan_owner = None;
                next.plan_at = None;
                next.show_plan = false;
                next.query = Query::default();
                next.table_scroll = 0.0;
                // A set of schools' ДТК opens on its municipal report.
                next.municipal_view = true;
                next.reload();
            }
            Action::SetEncoding(e) => {
                next.encoding = e;
                next.reload();
            }
            Action::SetDelimiter(d) => {
                next.delimiter = d;
                next.reload();
            }
            Action::SetSettings(s) => {
                next.settings = s;
                next.rebuild();
                if next.many.is_some() {
                    next.progress = Some(Progress {
                        stage: Stage::Identify,
                        done: 0.0,
                        total: 0.0,
                        file: next
                            .file
                            .as_ref()
                            .map(|f| f.name.clone())
                            .unwrap_or_default(),
                    });
                    let (job, settings) = (next.job, next.settings.clone());
                    next.send(Command::Settings { job, settings });
                }
            }
            Action::EditsLoaded { owner, edits } => {
                next.edits = edits;
                next.edits_owner = Some(owner);
            }
            Action::Edit { key, text } => {
                next.edits.insert(key, text);
            }
            Action::ResetText { key } => {
                next.edits.remove(&key);
            }
            Action::PlanLoaded { owner, plan } => {
                next.plan = plan.map(Rc::new);
                next.plan_owner = Some(owner);
                next.plan_at = None;
                next.rebuild();
            }
            Action::Plan(plan) => {
                next.plan = plan.map(Rc::new);
                next.rebuild();
            }
            Action::PlanAt(at) => {
                next.plan_at = at;
                next.rebuild();
            }
            Action::ShowPlan(show) => next.show_plan = show,
            Action::Query(q) => {
                next.query = q;
                next.table_scroll = 0.0;
                next.select();
            }
            Action::OpenSchool { index, scroll } => next.open_school(index, scroll),
            // Back in the browser when no school is open (a single-school file) changes nothing.
            Action::BackToTable if next.open_school.is_none() => {}
            Action::BackToTable => {
                next.close_school();
                if next
                    .progress
                    .as_ref()
                    .is_some_and(|p| p.stage == Stage::School)
                {
                    next.progress = None;
                }
            }
            Action::ShowMunicipal(on) => next.municipal_view = on,
            Action::Cancel => {
                next.job += 1;
                next.cancelled = next.progress.take().map(|p| p.file);
                next.many = None;
                next.rows = Rc::default();
                next.close_school();
                next.send(Command::Cancel);
            }
            Action::Worker(event) => next.worker(event),
            Action::Protocols(a) => next.protocol_action(a),
        }
        Rc::new(next)
    }
}
