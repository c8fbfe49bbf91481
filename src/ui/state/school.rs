//! What a screen holds, below the reducer: one school's report with the user's work on it
//! (`SchoolView`: the file read, the report built by `core`, the kept edits and plan), and a
//! file of many schools (`ManyView`: the table, the rows selected, the school opened from it).
//! In: `core` types; out: the report the page shows.

use std::rc::Rc;

use super::types::{Edits, Many};
use crate::core::identify::Settings;
use crate::core::load::Loaded;
use crate::core::model::School;
use crate::core::overview::{self, Query};
use crate::core::plan::{dtk34, Date, Plan};
use crate::core::report::{build, Report};

/// One school's report and the user's work on it.
#[derive(Clone)]
pub struct SchoolView {
    /// The file read: one school (a file of several is read in the worker, which sends the
    /// one school opened from its table).
    pub loaded: Rc<Loaded>,
    /// The report; `None` when the file holds no school (the source panel says why).
    pub report: Option<Rc<Report>>,
    pub edits: Edits,
    /// The school the edits belong to (`key`), set once its kept edits are restored: the report
    /// is shown only then, so a generated text never shows where the user's edit exists.
    pub edits_owner: Option<String>,
    /// The school's plan (kept per school, like edits); its ДТК 3.4 replaces the entered one.
    pub plan: Option<Rc<Plan>>,
    /// The school the plan belongs to (`key`), set when its kept plan was looked up.
    pub plan_owner: Option<String>,
    /// The monitoring date the plan is shown and 3.4 computed at (`None`: the plan's latest).
    pub plan_at: Option<Date>,
    /// Whether the «План» view is shown instead of the report.
    pub show_plan: bool,
}

impl SchoolView {
    /// The report of the school of a file read, under the settings.
    pub fn new(loaded: Rc<Loaded>, settings: &Settings) -> SchoolView {
        let mut view = SchoolView {
            loaded,
            report: None,
            edits: Edits::new(),
            edits_owner: None,
            plan: None,
            plan_owner: None,
            plan_at: None,
            show_plan: false,
        };
        view.rebuild(settings);
        view
    }

    /// Builds the report again (new settings, a plan, cells written from protocols).
    pub fn rebuild(&mut self, settings: &Settings) {
        let loaded = &self.loaded;
        self.report = loaded.schools.first().map(|school| {
            // ДТК 3.4 computed from the school's plan replaces the entered values (plans.md §4).
            let planned = self.plan_34().map(|d| {
                let mut school = school.clone();
                dtk34::overlay(&mut school, &d, None);
                school
            });
            let school = planned.as_ref().unwrap_or(school);
            let mut report = build(school, settings, &loaded.diagnostics);
            // Cells written from ВПР protocols say so where they are shown.
            crate::core::protocol::merge::mark_report(&mut report, school);
            Rc::new(report)
        });
    }

    /// The school as read (`None`: the file holds none).
    pub fn school(&self) -> Option<&School> {
        self.loaded.schools.first()
    }

    /// A key that identifies the school across reloads (for kept edits and plans).
    pub fn key(&self) -> Option<String> {
        let s = &self.report.as_ref()?.school;
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

    /// The report, once the school's kept edits are restored (see `edits_owner`).
    pub fn ready_report(&self) -> Option<&Rc<Report>> {
        self.report
            .as_ref()
            .filter(|_| self.edits_owner.is_some() && self.edits_owner == self.key())
    }

    /// The monitoring date the plan is read at: the chosen one, else the plan's latest date.
    pub fn plan_date(&self) -> Option<Date> {
        let plan = self.plan.as_ref()?;
        self.plan_at.or_else(|| plan.all_dates().last().copied())
    }

    /// ДТК 3.4 from the school's plan, when it has programmes.
    pub fn plan_34(&self) -> Option<dtk34::Dtk34> {
        let plan = self.plan.as_ref().filter(|p| !p.programmes.is_empty())?;
        dtk34::compute(plan, self.plan_date()?)
    }
}

/// How the user looks at a table of many schools: kept while the same file is read again (a
/// new encoding, say), reset when another file opens.
#[derive(Clone, Default)]
pub struct TableView {
    /// The search, filters and sort.
    pub query: Query,
    /// Where the table was scrolled, to come back to it from a report.
    pub scroll: f64,
    /// For a set of schools' ДТК: the municipal report is shown instead of the table.
    pub municipal: bool,
}

/// A school opened from the table.
#[derive(Clone)]
pub struct FromTable {
    /// Its index in the file.
    pub index: usize,
    /// Its report; `None` while its data comes from the worker.
    pub school: Option<SchoolView>,
}

/// A file of many schools, read in the worker.
#[derive(Clone)]
pub struct ManyView {
    pub many: Many,
    /// The rows the table's query selects (indices into `many.overview.summary.schools`).
    pub rows: Rc<Vec<usize>>,
    /// The school opened from the table (`None`: the table is shown).
    pub open: Option<FromTable>,
    /// Why the worker could not do the last thing asked (the table stays).
    pub failed: Option<String>,
}

impl ManyView {
    /// Whether the file holds a single school (no table then: its report at once).
    pub fn single(&self) -> bool {
        self.many.overview.summary.schools.len() == 1
    }

    /// Selects the rows of the query (search keys are made at the first search).
    pub fn select(&mut self, query: &Query) {
        if !query.search.trim().is_empty() && self.many.keys.is_empty() {
            self.many.keys = Rc::new(
                self.many
                    .overview
                    .summary
                    .schools
                    .iter()
                    .map(overview::search_key)
                    .collect(),
            );
        }
        self.rows = Rc::new(overview::select(
            &self.many.overview,
            &self.many.keys,
            query,
        ));
    }
}
