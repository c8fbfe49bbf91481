//! Many schools' ДТК at once (municipal.md): a municipality's or a region's set of schools
//! and its municipal report.
//!
//! In: several loaded files (format A, one school each, any mix with B or C), or one format-C
//! table (`format_c`), and the identification settings. Out: one set of schools ([`merge`]) —
//! each still opens into its own report — and the [`Municipal`] report: every indicator pooled
//! over the schools with dynamics and each school's standing (`pool`), status counts, the
//! regional indicators of seed 001 (`regional`), the social context with clusters, ШНСУ and
//! resilient schools (`context`), and «Вывод»/«Проблема» for the set naming schools (`text`).

pub mod context;
pub mod filter_counts;
pub mod format_c;
pub mod overview;
pub mod pool;
pub mod regional;
pub mod requests;
pub mod schools;
pub mod text;
pub mod xlsx;

use serde::{Deserialize, Serialize};

use super::method::compute::with_computed;
use super::method::identify::{Settings, Status};
use super::model::{Diagnostic, DiagnosticKind, School, Year};
use super::read::load::{Format, Loaded, SourceInfo};
use schools::Summary;

pub use context::Context;
pub use pool::PooledIndicator;
pub use regional::Regional;
pub use text::SetSection;

/// The municipal report of a set of schools (beside the schools table's `Summary`, which
/// holds every school's status, the counts and the counts by municipality).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Municipal {
    /// Every school year of the set, ascending.
    pub years: Vec<Year>,
    pub settings: Settings,
    /// Every indicator over the set, form order.
    pub indicators: Vec<PooledIndicator>,
    pub regional: Vec<Regional>,
    pub context: Context,
    pub sections: Vec<SetSection>,
}

/// Identifies every school and builds the municipal report. `progress(done, total)` in
/// schools, now and then.
pub fn build(
    schools: &[School],
    settings: &Settings,
    progress: &mut dyn FnMut(usize, usize),
) -> (Summary, Municipal) {
    let summary = schools::summarize_with_progress(schools, settings, progress);
    let m = report(schools, settings, &summary);
    (summary, m)
}

/// The municipal report of schools already identified (`summary` of these schools).
pub fn report(schools: &[School], settings: &Settings, summary: &Summary) -> Municipal {
    let statuses: Vec<(Option<Year>, Status)> = summary
        .schools
        .iter()
        .map(|l| (l.as_of, l.status))
        .collect();
    let computed: Vec<School> = schools.iter().map(with_computed).collect();
    let years = super::read::load::years_of(schools);
    let (indicators, rows) = pool::pool(&computed, &years, settings);
    let regional = regional::regional(schools, &statuses, settings);
    let context = context::context(schools, &statuses, settings);
    let sections = text::sections(schools, &rows, &indicators, &years, &statuses);
    Municipal {
        years,
        settings: settings.clone(),
        indicators,
        regional,
        context,
        sections,
    }
}

/// The file name without its extension (a school's name when its file does not give one).
fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s.to_string(),
        _ => base.to_string(),
    }
}

/// Several files read one by one, as one set: schools in the order of the files (a school
/// without a name is named by its file), diagnostics of every file (each names its file), and
/// the files that could not be read at all as diagnostics — one bad file never hides the rest.
pub fn merge(files: Vec<(String, Result<Loaded, String>)>) -> Option<Loaded> {
    let count = files.len();
    let mut schools = Vec::new();
    let mut diagnostics = Vec::new();
    let mut rows = 0;
    for (name, result) in files {
        match result {
            Ok(loaded) => {
                rows += loaded.info.rows;
                for mut s in loaded.schools {
                    if s.meta.name.is_none() && s.meta.code.is_none() {
                        s.meta.name = Some(stem(&name));
                    }
                    schools.push(s);
                }
                diagnostics.extend(loaded.diagnostics);
            }
            Err(message) => {
                let mut d = Diagnostic::general(
                    super::model::Severity::Error,
                    DiagnosticKind::UnreadableFile,
                    format!("файл не прочитан: {message}"),
                );
                d.file = Some(name);
                diagnostics.push(d);
            }
        }
    }
    if schools.is_empty() {
        return None;
    }
    let info = SourceInfo {
        file_name: Some(format!(
            "{} ({})",
            super::ru::count(count as u64, "файл", "файла", "файлов"),
            super::ru::count(schools.len() as u64, "школа", "школы", "школ")
        )),
        ..SourceInfo::of_schools(Format::Many, &schools, rows)
    };
    Some(Loaded {
        info,
        schools,
        diagnostics,
    })
}
