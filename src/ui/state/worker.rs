//! The reducer's half that takes the worker's answers (`FromWorker`): progress, a table of
//! many schools, one school's data, protocols read, a plan read, a failure. Answers to an
//! older job than the state's are dropped: they are for a file no longer open.

use std::rc::Rc;

use super::school::{ManyView, SchoolView};
use super::types::{FromWorker, Many, Stage};
use super::{ProtocolAction, Screen, State};
use crate::core::load::Loaded;

impl State {
    pub(super) fn worker(&mut self, event: FromWorker) {
        match event {
            FromWorker::Plan(plan) => {
                self.plan_opened += 1;
                self.with_school(|v| v.plan = Some(Rc::new(*plan)));
            }
            FromWorker::Progress {
                job,
                stage,
                done,
                total,
            } => {
                if let Some(p) = self.progress.as_mut().filter(|_| job == self.job) {
                    p.stage = stage;
                    p.done = done;
                    p.total = total;
                }
            }
            FromWorker::Overview { job, overview } => {
                if job != self.job {
                    return;
                }
                // A municipality that is not in the new table cannot filter it.
                let query = &mut self.table.query;
                if let Some(m) = &query.municipality {
                    if !overview
                        .summary
                        .municipalities
                        .iter()
                        .any(|x| &x.municipality == m)
                    {
                        query.municipality = None;
                    }
                }
                let many = Many {
                    overview,
                    keys: Rc::default(),
                };
                // The same file identified again (new settings): a school open stays open.
                match &mut self.screen {
                    Screen::Many(m) => m.many = many,
                    _ => {
                        self.screen = Screen::Many(Box::new(ManyView {
                            many,
                            rows: Rc::default(),
                            open: None,
                            failed: None,
                        }))
                    }
                }
                if self
                    .progress
                    .as_ref()
                    .is_some_and(|p| p.stage != Stage::School)
                {
                    self.progress = None;
                }
                let Screen::Many(m) = &mut self.screen else {
                    return;
                };
                m.select(&self.table.query);
                // One school (a spreadsheet template, a large one-school file): its report at
                // once, no table.
                if m.single() && m.open.is_none() {
                    self.open_school(0, 0.0);
                }
            }
            FromWorker::School { job, index, one } => {
                let settings = &self.settings;
                let Screen::Many(m) = &mut self.screen else {
                    return;
                };
                let Some(open) = m.open.as_mut().filter(|o| o.index == index) else {
                    return;
                };
                if job != self.job {
                    return;
                }
                let mut info = m.many.overview.info.clone();
                info.schools = 1;
                let one = Rc::unwrap_or_clone(one);
                let loaded = Loaded {
                    info,
                    schools: vec![one.school],
                    diagnostics: one.diagnostics,
                };
                open.school = Some(SchoolView::new(Rc::new(loaded), settings));
                self.progress = None;
            }
            FromWorker::Protocols { job, entries } => match entries {
                Ok(entries) => self.protocol_action(ProtocolAction::Read { job, entries }),
                Err(message) => Rc::make_mut(&mut self.protocols).failed(job, message),
            },
            FromWorker::Failed { job, message } => {
                if job != self.job {
                    return;
                }
                self.progress = None;
                match &mut self.screen {
                    Screen::Many(m) => m.failed = Some(message),
                    screen => *screen = Screen::Error(message),
                }
            }
        }
    }
}
