//! Many schools at once (domain.md §5): the status of every school of a results file, with
//! which condition fired, the number of low procedures per year, the worst share, and counts
//! per status and per municipality — for municipal coordinators and the regional operator.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::catalogue::Indicator;
use crate::core::method::identify::{self, Settings, Status};
use crate::core::model::{School, Year};
use crate::core::ru;

/// What a school without a municipality is listed under.
pub const NO_MUNICIPALITY: &str = "(не указан)";

/// One school's line of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolStatus {
    /// Index into the loaded schools (to open its report).
    pub index: usize,
    pub school: String,
    pub code: Option<String>,
    pub municipality: Option<String>,
    pub as_of: Option<Year>,
    pub status: Status,
    pub condition1: bool,
    pub condition2: bool,
    /// Number of low counted procedures per school year.
    pub low_by_year: BTreeMap<Year, usize>,
    /// The highest share of «2»/below minimum among counted procedures in the year of
    /// identification, in percent.
    pub worst_share: Option<f64>,
}

/// Counts per municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityCount {
    pub municipality: String,
    pub total: usize,
    pub counts: BTreeMap<Status, usize>,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub schools: Vec<SchoolStatus>,
    pub counts: BTreeMap<Status, usize>,
    pub municipalities: Vec<MunicipalityCount>,
}

/// The status line of one school.
pub fn status_of(index: usize, school: &School, settings: &Settings) -> SchoolStatus {
    status_with(
        index,
        school,
        settings,
        &identify::counted_procedures(settings),
    )
}

/// [`status_of`] with the counted procedures of the settings listed once for all schools.
fn status_with(
    index: usize,
    school: &School,
    settings: &Settings,
    counted: &[&'static Indicator],
) -> SchoolStatus {
    let line = identify::status_line_with(school, settings, counted);
    SchoolStatus {
        index,
        school: school.display_name(),
        code: school.meta.code.clone(),
        municipality: school.meta.municipality.clone(),
        as_of: line.as_of,
        status: line.status,
        condition1: line.condition1,
        condition2: line.condition2,
        low_by_year: line.low_by_year,
        worst_share: line.worst_share.map(crate::core::method::dynamics::round2),
    }
}

/// Identifies every school and counts the statuses.
pub fn summarize(schools: &[School], settings: &Settings) -> Summary {
    summarize_with_progress(schools, settings, &mut |_, _| {})
}

/// [`summarize`] that tells how far it got: `progress(done, total)` in schools, now and then
/// (the browser's progress bar for a national file).
pub fn summarize_with_progress(
    schools: &[School],
    settings: &Settings,
    progress: &mut dyn FnMut(usize, usize),
) -> Summary {
    let total = schools.len();
    let counted = identify::counted_procedures(settings);
    let lines: Vec<SchoolStatus> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i % 2048 == 0 {
                progress(i, total);
            }
            status_with(i, s, settings, &counted)
        })
        .collect();
    progress(total, total);
    let mut counts: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    let mut by_m: BTreeMap<String, MunicipalityCount> = BTreeMap::new();
    for l in &lines {
        *counts.entry(l.status).or_default() += 1;
        let name = l
            .municipality
            .clone()
            .unwrap_or_else(|| NO_MUNICIPALITY.to_string());
        let m = by_m
            .entry(name.clone())
            .or_insert_with(|| MunicipalityCount {
                municipality: name,
                total: 0,
                counts: Status::ALL.iter().map(|s| (*s, 0)).collect(),
            });
        m.total += 1;
        *m.counts.entry(l.status).or_default() += 1;
    }
    Summary {
        schools: lines,
        counts,
        municipalities: by_m.into_values().collect(),
    }
}

/// The summary as plain text, for the terminal.
pub fn to_text(s: &Summary) -> String {
    let mut out = String::new();
    let n = s.schools.len() as u64;
    out.push_str(&format!("{}\n", ru::count(n, "школа", "школы", "школ")));
    for st in Status::ALL {
        out.push_str(&format!(
            "  {}: {}\n",
            st.label(),
            s.counts.get(st).copied().unwrap_or(0)
        ));
    }
    out.push_str(
        "\nПо муниципалитетам (всего / ШНОР / зона риска / недостаточно данных / не выявлена):\n",
    );
    for m in &s.municipalities {
        let c = |st: Status| m.counts.get(&st).copied().unwrap_or(0);
        out.push_str(&format!(
            "  {}: {} / {} / {} / {} / {}\n",
            m.municipality,
            m.total,
            c(Status::Shnor),
            c(Status::Risk),
            c(Status::InsufficientData),
            c(Status::NotShnor)
        ));
    }
    out.push_str("\nШколы:\n");
    for l in &s.schools {
        let cond = match (l.condition1, l.condition2) {
            (true, true) => "У1+У2",
            (true, false) => "У1",
            (false, true) => "У2",
            _ => "—",
        };
        out.push_str(&format!(
            "  {} [{}] — {} ({cond})\n",
            l.school,
            l.municipality.as_deref().unwrap_or(""),
            l.status.label()
        ));
    }
    out
}
