//! The app state and its reducer. The reducer only calls `core`: reading a file, building a
//! report. Browser IO (storage, downloads) happens in components through `io`.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::core::decode::Encoding;
use crate::core::identify::Settings;
use crate::core::load::{load, LoadOptions, Loaded};
use crate::core::report::{build, Report};
use crate::core::table::Delimiter;

/// The user's edits of generated texts for one school: key «1.2/conclusion» → text.
pub type Edits = BTreeMap<String, String>;

/// A file the user opened (or the built-in example).
#[derive(Clone, PartialEq)]
pub struct OpenFile {
    pub name: String,
    pub bytes: Rc<Vec<u8>>,
    pub example: bool,
}

/// Everything the page shows is derived from this.
#[derive(Clone, Default)]
pub struct State {
    pub file: Option<OpenFile>,
    /// Encoding and delimiter chosen by the user instead of the detected ones.
    pub encoding: Option<Encoding>,
    pub delimiter: Option<Delimiter>,
    pub loaded: Option<Rc<Loaded>>,
    /// Why the file could not be read at all, in Russian.
    pub error: Option<String>,
    /// Index of the school shown, for files with many schools.
    pub school: usize,
    pub settings: Settings,
    pub report: Option<Rc<Report>>,
    pub edits: Edits,
    /// The school the edits belong to (`school_key`), so edits are never saved under another
    /// school while the next school's edits are being restored.
    pub edits_owner: Option<String>,
}

/// What the user can do.
pub enum Action {
    Open(OpenFile),
    SetEncoding(Option<Encoding>),
    SetDelimiter(Option<Delimiter>),
    SetSettings(Settings),
    SelectSchool(usize),
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

    fn reload(&mut self) {
        self.loaded = None;
        self.report = None;
        self.error = None;
        let Some(file) = &self.file else { return };
        let options = LoadOptions {
            file_name: Some(file.name.clone()),
            encoding: self.encoding,
            delimiter: self.delimiter,
        };
        match load(&file.bytes, &options) {
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

    fn rebuild(&mut self) {
        self.report = self.loaded.as_ref().and_then(|loaded| {
            let school = loaded.schools.get(self.school)?;
            Some(Rc::new(build(school, &self.settings, &loaded.diagnostics)))
        });
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
            }
            Action::SelectSchool(i) => {
                next.school = i;
                next.edits = Edits::new();
                next.edits_owner = None;
                next.rebuild();
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
        }
        Rc::new(next)
    }
}
