//! The page's protocols: what the worker read from the protocol workbooks the user opened,
//! the scale typed for each, the analyses (computed here by `core::protocol` — small and
//! pure), and the step «Добавить в ДТК» (what would change, shown side by side, before
//! anything already typed is replaced). The reducer (`state`) hands it the protocol actions
//! with the open school, if any; what the worker must read comes back as a `Command`.

use std::rc::Rc;

use super::school::SchoolView;
use super::types::{Command, OpenFile};
use crate::core::identify::Settings;
use crate::core::load::Loaded;
use crate::core::model::Year;
use crate::core::protocol::batch::Entry;
use crate::core::protocol::merge::{apply, merge, Merge};
use crate::core::protocol::{analyse, scale, Analysis, Protocol, Scale, Subject};

/// One protocol file on the page.
#[derive(Clone, PartialEq)]
pub struct ProtocolItem {
    pub file: String,
    /// The protocol, or why the file could not be read (in Russian).
    pub protocol: Result<Rc<Protocol>, String>,
    /// The three cut scores as typed (the guess preselected).
    pub cuts: [String; 3],
    /// Where the scale comes from, shown next to it.
    pub source: String,
    /// The analysis under the scale typed, or why there is none.
    pub analysis: Option<Result<Rc<Analysis>, String>>,
}

impl ProtocolItem {
    fn new(entry: Entry) -> ProtocolItem {
        let protocol = entry.protocol.map(Rc::new);
        let guess = protocol
            .as_ref()
            .ok()
            .and_then(|p| scale::guess(&p.subject, p.grade, p.year));
        let mut item = ProtocolItem {
            file: entry.file,
            protocol,
            cuts: guess
                .as_ref()
                .map(|s| s.cuts.map(|c| c.to_string()))
                .unwrap_or_default(),
            source: guess.as_ref().map(|s| s.source.clone()).unwrap_or_else(|| {
                "встроенной шкалы нет: впишите баллы из «Критериев оценивания»".to_string()
            }),
            analysis: None,
        };
        // Only a built-in scale of the protocol's own year is applied by itself; a guess waits
        // for the user to look at it and press «Применить».
        if guess.is_some_and(|s| s.builtin) {
            item.run(false);
        }
        item
    }

    /// Analyses under the cuts typed (`typed`: the user changed them, so the source says so).
    fn run(&mut self, typed: bool) {
        let Ok(p) = &self.protocol else { return };
        let parsed = Scale::parse(&self.cuts.join(","));
        self.analysis = Some(match parsed {
            Err(e) => Err(e.to_string()),
            Ok(mut s) => {
                if !typed {
                    if let Some(g) = scale::guess(&p.subject, p.grade, p.year) {
                        if g.cuts == s.cuts {
                            s = g;
                        }
                    }
                }
                self.source = s.source.clone();
                analyse(p, &s).map(Rc::new).map_err(|e| e.to_string())
            }
        });
    }
}

/// The protocols panel's state.
#[derive(Clone, PartialEq, Default)]
pub struct Protocols {
    pub items: Vec<ProtocolItem>,
    /// Reading in the worker (the job echoed back).
    pub reading: Option<u32>,
    /// «Добавить в ДТК» found values already typed that differ: shown before replacing.
    pub pending: Option<Rc<Merge>>,
    /// What the last «Добавить в ДТК» did or why it could not, in Russian.
    pub outcome: Vec<String>,
}

impl Protocols {
    /// The analyses made so far.
    pub fn analyses(&self) -> Vec<Analysis> {
        self.items
            .iter()
            .filter_map(|i| i.analysis.as_ref()?.as_ref().ok().map(|a| (**a).clone()))
            .collect()
    }
}

/// What the user does with protocols.
pub enum ProtocolAction {
    /// Files chosen or dropped (their bytes already read on the page).
    Open(Vec<OpenFile>),
    /// The worker's answer.
    Read { job: u32, entries: Vec<Entry> },
    /// A cut score typed: item, which cut (0 = «3»), text.
    Cut {
        item: usize,
        cut: usize,
        text: String,
    },
    /// Analyse an item under the cuts typed.
    Apply(usize),
    /// What the protocol could not tell, chosen by the user: subject (`math`, `rus`), grade,
    /// school year (its first calendar year).
    Identify {
        item: usize,
        subject: Option<String>,
        grade: Option<u32>,
        year: Option<u16>,
    },
    /// Put the shares into the open school's ДТК (asks first when values differ).
    AddToDtk,
    /// The answer to the side-by-side question: replace the typed values or keep them.
    Confirm { replace: bool },
    /// Close the protocols.
    Close,
}

/// Serial numbers of protocol jobs start high, apart from the file jobs of `State::job`.
const JOB_BASE: u32 = 1 << 20;

/// The open school, as the protocols' reducer may change it (cells written from protocols).
pub struct OpenSchool<'a> {
    pub view: Option<&'a mut SchoolView>,
    pub settings: &'a Settings,
}

impl Protocols {
    /// The protocols' part of the reducer. `serial`: a number no earlier command had (the
    /// protocol job is made from it). Returns what the worker must do.
    pub fn reduce(
        &mut self,
        action: ProtocolAction,
        school: OpenSchool,
        serial: u32,
    ) -> Option<Command> {
        let p = self;
        match action {
            ProtocolAction::Open(files) => {
                let job = JOB_BASE + serial;
                p.reading = Some(job);
                p.outcome.clear();
                return Some(Command::ReadProtocols { job, files });
            }
            ProtocolAction::Read { job, entries } => {
                if p.reading != Some(job) {
                    return None;
                }
                p.reading = None;
                // Files opened again replace their earlier reading; others are added.
                for e in entries {
                    let item = ProtocolItem::new(e);
                    match p.items.iter().position(|i| i.file == item.file) {
                        Some(k) => p.items[k] = item,
                        None => p.items.push(item),
                    }
                }
            }
            ProtocolAction::Cut { item, cut, text } => {
                if let Some(i) = p.items.get_mut(item) {
                    if let Some(c) = i.cuts.get_mut(cut) {
                        *c = text.chars().filter(char::is_ascii_digit).take(3).collect();
                    }
                }
            }
            ProtocolAction::Apply(item) => {
                if let Some(i) = p.items.get_mut(item) {
                    let typed = i
                        .protocol
                        .as_ref()
                        .ok()
                        .and_then(|x| scale::guess(&x.subject, x.grade, x.year))
                        .is_none_or(|g| g.cuts.map(|c| c.to_string()) != i.cuts);
                    i.run(typed);
                }
            }
            ProtocolAction::Identify {
                item,
                subject,
                grade,
                year,
            } => {
                if let Some(i) = p.items.get_mut(item) {
                    if let Ok(pr) = &i.protocol {
                        let mut x = (**pr).clone();
                        match subject.as_deref() {
                            Some("math") => x.subject = Subject::Math,
                            Some("rus") => x.subject = Subject::Rus,
                            _ => {}
                        }
                        x.grade = grade.or(x.grade);
                        x.year = year.map(Year).or(x.year);
                        if !x.identified_by.contains("выбор пользователя") {
                            x.identified_by = [x.identified_by.as_str(), "выбор пользователя"]
                                .iter()
                                .filter(|t| !t.is_empty())
                                .copied()
                                .collect::<Vec<_>>()
                                .join(", ");
                        }
                        if let Some(g) = scale::guess(&x.subject, x.grade, x.year) {
                            if i.cuts.iter().all(String::is_empty) {
                                i.cuts = g.cuts.map(|c| c.to_string());
                                i.source = g.source;
                            }
                        }
                        i.protocol = Ok(Rc::new(x));
                        i.analysis = None;
                    }
                }
            }
            ProtocolAction::AddToDtk => {
                p.outcome.clear();
                p.pending = None;
                let analyses = p.analyses();
                let proposed = school
                    .view
                    .as_deref()
                    .and_then(|v| v.school())
                    .map(|one| merge(one, &analyses));
                match proposed {
                    None => p.outcome.push(
                        "Сначала откройте шаблон ДТК школы (или её файл): доли «2» из протоколов впишутся в него.".to_string(),
                    ),
                    Some(m) if m.proposals.iter().any(|x| x.replaces()) => {
                        p.pending = Some(Rc::new(m));
                    }
                    Some(m) => p.merge_into(school, &m, false),
                }
            }
            ProtocolAction::Confirm { replace } => {
                if let Some(m) = p.pending.take() {
                    p.merge_into(school, &m, replace);
                }
            }
            ProtocolAction::Close => *p = Protocols::default(),
        }
        None
    }

    /// The worker could not read the protocol files of `job`: why, in Russian.
    pub fn failed(&mut self, job: u32, message: String) {
        if self.reading == Some(job) {
            self.reading = None;
            self.outcome = vec![message];
        }
    }

    /// Writes the proposals into the open school and rebuilds its report.
    fn merge_into(&mut self, school: OpenSchool, m: &Merge, replace: bool) {
        let p = self;
        let analyses = p.analyses();
        let Some(view) = school.view else {
            return;
        };
        let mut loaded: Loaded = (*view.loaded).clone();
        let Some(one) = loaded.schools.first_mut() else {
            return;
        };
        let notes = apply(one, m, &analyses, replace);
        p.outcome = m.skipped.clone();
        let written: Vec<String> = notes.iter().map(|n| n.message.clone()).collect();
        p.outcome
            .splice(0..0, written.iter().map(|w| format!("Вписано: {w}")));
        let kept = m
            .proposals
            .iter()
            .filter(|x| x.replaces() && !replace)
            .count();
        if kept > 0 {
            p.outcome.push(format!(
                "Оставлены введённые значения: {}",
                crate::core::ru::count(kept as u64, "ячейка", "ячейки", "ячеек")
            ));
        }
        if m.proposals.iter().all(|x| x.agrees) && !m.proposals.is_empty() {
            p.outcome
                .push("В ДТК уже те же значения, что в протоколах: ничего не изменено.".into());
        }
        loaded.diagnostics.extend(notes);
        view.loaded = Rc::new(loaded);
        view.rebuild(school.settings);
    }
}
