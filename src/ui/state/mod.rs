//! The app state and its reducer. The reducer only calls `core`: reading a file, building a
//! report, selecting the rows of the schools table. Browser IO (storage, downloads, the worker)
//! happens at the edge: what the worker must do is queued here as `Command`s, which the app
//! hands to `worker_client`; what the worker answers comes back as `Action::Worker`. Nothing
//! here knows the browser (a file the worker reads is an opaque `FileHandle`), so the reducer
//! is tested on the host (`tests.rs`).
//!
//! What the page shows is one `Screen`: nothing yet, an error, one school's report, or a file
//! of many schools (its table, or a school opened from it). A small single-school CSV is read
//! right here, synchronously. A spreadsheet, a file over 1 MB, or a results table with more
//! than one school goes to the worker: the page keeps answering and shows a progress bar, then
//! the schools table; a click opens one school, whose data the worker sends back, through the
//! same report as a single-school file.
//!
//! - `types` — the vocabulary: files, commands, the worker's answers;
//! - `school` — what a screen holds: a school's report with its edits and plan, a table;
//! - `protocols` — the ВПР protocols panel, a reducer of its own that this one calls.

mod protocols;
mod school;
#[cfg(test)]
mod tests;
mod types;
mod worker;

use std::rc::Rc;

use crate::core::decode::Encoding;
use crate::core::identify::Settings;
use crate::core::load::{load, Format, LoadOptions};
use crate::core::overview::{self, Query};
use crate::core::plan::{Date, Plan};
use crate::core::report::Report;
use crate::core::sheet;
use crate::core::table::Delimiter;

pub use protocols::{ProtocolAction, ProtocolItem, Protocols};
pub use school::{FromTable, ManyView, SchoolView, TableView};
pub use types::{Command, Edits, FileHandle, FromWorker, Many, OpenFile, Progress, Stage};

/// What the page shows.
#[derive(Clone)]
pub enum Screen {
    /// Nothing read yet: the first file is being read (see `State::progress`), or its reading
    /// was cancelled (the file's name).
    Start { cancelled: Option<String> },
    /// The file could not be read at all: why, in Russian.
    Error(String),
    /// A file read on the page: its school's report.
    School(Box<SchoolView>),
    /// A file of many schools, read in the worker: its table, or a school opened from it.
    Many(Box<ManyView>),
}

impl Default for Screen {
    fn default() -> Screen {
        Screen::Start { cancelled: None }
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
    pub settings: Settings,
    pub screen: Screen,
    /// How a table of many schools is looked at (kept while the same file is read again).
    pub table: TableView,
    /// The worker's progress while it works (over the start screen, or over the table while
    /// it identifies again or fetches a school).
    pub progress: Option<Progress>,
    /// The current worker job; answers to older jobs are dropped.
    pub job: u32,
    /// Commands for the worker with their serial numbers (the edge sends each once).
    pub outbox: Rc<Vec<(u32, Command)>>,
    /// Counts plans opened from a workbook (the app keeps each in storage when it changes).
    pub plan_opened: u32,
    /// ВПР protocols opened (`protocols.rs`).
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
    /// Back or Forward: the school in the address (many schools) and whether the plan's entry
    /// is the current one.
    History {
        school: Option<usize>,
        plan: bool,
    },
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
    file.on_disk()
        || sheet::container(&file.bytes).is_some()
        || file.bytes.len() > overview::WORKER_MIN_BYTES
}

/// The school whose report is open on a screen, if any.
fn school_of(screen: &mut Screen) -> Option<&mut SchoolView> {
    match screen {
        Screen::School(v) => Some(v),
        Screen::Many(m) => m.open.as_mut()?.school.as_mut(),
        _ => None,
    }
}

/// The open school, when it is the school `owner`: restored work of a school never lands on
/// another.
fn owned_by<'a>(screen: &'a mut Screen, owner: &str) -> Option<&'a mut SchoolView> {
    school_of(screen).filter(|v| v.key().as_deref() == Some(owner))
}

impl State {
    /// The state a page starts in, with the user's kept settings.
    pub fn with_settings(settings: Settings) -> State {
        State {
            settings,
            ..State::default()
        }
    }

    /// The school whose report is open (from a file of one school or from a table).
    pub fn school(&self) -> Option<&SchoolView> {
        match &self.screen {
            Screen::School(v) => Some(v),
            Screen::Many(m) => m.open.as_ref()?.school.as_ref(),
            _ => None,
        }
    }

    /// The open school's report.
    pub fn report(&self) -> Option<&Rc<Report>> {
        self.school()?.report.as_ref()
    }

    /// A key that identifies the shown school across reloads (for kept edits and plans).
    pub fn school_key(&self) -> Option<String> {
        self.school()?.key()
    }

    /// The file of many schools on the screen.
    pub fn many(&self) -> Option<&ManyView> {
        match &self.screen {
            Screen::Many(m) => Some(m),
            _ => None,
        }
    }

    /// Why the file (or the worker's last job on it) failed, in Russian.
    pub fn error(&self) -> Option<&str> {
        match &self.screen {
            Screen::Error(e) => Some(e),
            Screen::Many(m) => m.failed.as_deref(),
            _ => None,
        }
    }

    /// The serial number of the newest command (the edge sends everything newer than it sent).
    pub fn outbox_serial(&self) -> u32 {
        self.outbox.last().map_or(0, |(s, _)| *s)
    }

    fn send(&mut self, command: Command) {
        let serial = self.outbox_serial() + 1;
        let mut out: Vec<(u32, Command)> = (*self.outbox).clone();
        out.push((serial, command));
        if out.len() > OUTBOX {
            out.remove(0);
        }
        self.outbox = Rc::new(out);
    }

    /// The open file's name (empty before any): the history entries of a file carry it.
    pub fn file_name(&self) -> String {
        self.file
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_default()
    }

    /// Reads the open file again (opened, or with another encoding or delimiter).
    fn reload(&mut self) {
        // Whatever the worker was doing is for the old file: end it, and drop its answers.
        if self.progress.is_some() || self.many().is_some() {
            self.send(Command::Cancel);
        }
        self.job += 1;
        self.progress = None;
        self.screen = Screen::default();
        let Some(file) = &self.file else { return };
        if needs_worker(file) {
            return self.start_job();
        }
        let options = LoadOptions {
            file_name: Some(file.name.clone()),
            encoding: self.encoding,
            delimiter: self.delimiter,
        };
        self.screen = match load(&file.bytes, &options) {
            // Many schools: the table, from the worker (which keeps the schools).
            Ok(loaded)
                if matches!(loaded.info.format, Format::Results | Format::Many)
                    && loaded.schools.len() > 1 =>
            {
                return self.start_job();
            }
            Ok(loaded) => {
                Screen::School(Box::new(SchoolView::new(Rc::new(loaded), &self.settings)))
            }
            Err(e) => Screen::Error(e.to_string()),
        };
    }

    fn start_job(&mut self) {
        let Some(file) = self.file.clone() else {
            return;
        };
        self.job += 1;
        self.progress = Some(Progress::start(Stage::Start, &file.name));
        let request = overview::OpenRequest {
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

    /// Asks the worker for one school's data; its report opens when the data comes.
    fn open_school(&mut self, index: usize, scroll: f64) {
        let Screen::Many(m) = &mut self.screen else {
            return;
        };
        m.failed = None;
        m.open = Some(FromTable {
            index,
            school: None,
        });
        self.table.scroll = scroll;
        self.progress = Some(Progress::start(Stage::School, &self.file_name()));
        let job = self.job;
        self.send(Command::School { job, index });
    }

    /// The protocols' part of the reducer, with the open school (cells may be written in it).
    fn protocol_action(&mut self, action: ProtocolAction) {
        let serial = self.outbox_serial() + 1;
        let open = protocols::OpenSchool {
            view: school_of(&mut self.screen),
            settings: &self.settings,
        };
        if let Some(command) = Rc::make_mut(&mut self.protocols).reduce(action, open, serial) {
            self.send(command);
        }
    }

    /// Runs one action: the next state, with any commands for the worker in `outbox`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Open(file) => {
                self.file = Some(file);
                self.encoding = None;
                self.delimiter = None;
                // Years differ between files; the as-of year goes back to «the latest».
                self.settings.as_of = None;
                // A set of schools' ДТК opens on its municipal report.
                self.table = TableView {
                    municipal: true,
                    ..TableView::default()
                };
                self.reload();
            }
            Action::SetEncoding(e) => {
                self.encoding = e;
                self.reload();
            }
            Action::SetDelimiter(d) => {
                self.delimiter = d;
                self.reload();
            }
            Action::SetSettings(s) => {
                self.settings = s;
                if let Some(v) = school_of(&mut self.screen) {
                    v.rebuild(&self.settings);
                }
                if self.many().is_some() {
                    self.progress = Some(Progress::start(Stage::Identify, &self.file_name()));
                    let (job, settings) = (self.job, self.settings.clone());
                    self.send(Command::Settings { job, settings });
                }
            }
            Action::EditsLoaded { owner, edits } => {
                if let Some(v) = owned_by(&mut self.screen, &owner) {
                    v.edits = edits;
                    v.edits_owner = Some(owner);
                }
            }
            Action::Edit { key, text } => {
                if let Some(v) = school_of(&mut self.screen) {
                    v.edits.insert(key, text);
                }
            }
            Action::ResetText { key } => {
                if let Some(v) = school_of(&mut self.screen) {
                    v.edits.remove(&key);
                }
            }
            Action::PlanLoaded { owner, plan } => {
                if let Some(v) = owned_by(&mut self.screen, &owner) {
                    v.plan = plan.map(Rc::new);
                    v.plan_owner = Some(owner);
                    v.plan_at = None;
                    v.rebuild(&self.settings);
                }
            }
            Action::Plan(plan) => self.with_school(|v| v.plan = plan.map(Rc::new)),
            Action::PlanAt(at) => self.with_school(|v| v.plan_at = at),
            Action::ShowPlan(show) => {
                if let Some(v) = school_of(&mut self.screen) {
                    v.show_plan = show;
                }
            }
            Action::History { school, plan } => {
                // The same school as on screen: only the plan opens or closes (its report is
                // not fetched again).
                let same = match (&self.screen, school) {
                    (Screen::Many(m), Some(i)) => m.open.as_ref().is_some_and(|o| o.index == i),
                    (Screen::Many(m), None) => m.single() && m.open.is_some(),
                    (Screen::School(_), _) => true,
                    _ => false,
                };
                if same {
                    if let Some(v) = school_of(&mut self.screen) {
                        v.show_plan = plan;
                    }
                } else if let Some(index) = school {
                    self.open_school(index, 0.0);
                } else {
                    self.apply(Action::BackToTable);
                }
            }
            Action::Query(q) => {
                self.table.query = q;
                self.table.scroll = 0.0;
                if let Screen::Many(m) = &mut self.screen {
                    m.select(&self.table.query);
                }
            }
            Action::OpenSchool { index, scroll } => self.open_school(index, scroll),
            Action::BackToTable => {
                // Back in the browser when no school is open (a single-school file) changes
                // nothing.
                if let Screen::Many(m) = &mut self.screen {
                    if m.open.take().is_some()
                        && self
                            .progress
                            .as_ref()
                            .is_some_and(|p| p.stage == Stage::School)
                    {
                        self.progress = None;
                    }
                }
            }
            Action::ShowMunicipal(on) => self.table.municipal = on,
            Action::Cancel => {
                self.job += 1;
                let cancelled = self.progress.take().map(|p| p.file);
                self.screen = Screen::Start { cancelled };
                self.send(Command::Cancel);
            }
            Action::Worker(event) => self.worker(event),
            Action::Protocols(a) => self.protocol_action(a),
        }
    }

    /// Changes the open school's plan and builds its report again.
    fn with_school(&mut self, change: impl FnOnce(&mut SchoolView)) {
        if let Some(v) = school_of(&mut self.screen) {
            change(v);
            v.rebuild(&self.settings);
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}
