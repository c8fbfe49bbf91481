//! What the page asks the worker besides the table, as data: the file to read
//! ([`OpenRequest`]), a workbook to write ([`XlsxRequest`]: the XLSX writer lives only in the
//! worker), and one school of the file held sent back for its report ([`OneSchool`]). They
//! travel inside `core::wire`'s messages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::many::schools::Summary;
use crate::core::model::{Diagnostic, Year};

/// What the page asks the worker to read: the file's name, the user's choices and the
/// identification settings (the bytes travel beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenRequest {
    pub name: String,
    pub encoding: Option<crate::core::read::decode::Encoding>,
    pub delimiter: Option<crate::core::read::table::Delimiter>,
    pub settings: crate::core::method::identify::Settings,
}

/// An XLSX workbook the page asks the worker to write: the XLSX writer (with its ZIP and
/// deflate) weighs more than the rest of the page, so it lives only in the worker. The report
/// is built there again from the same school, settings and diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum XlsxRequest {
    /// The empty template (`export::template_xlsx`).
    Template { years: Vec<Year>, date: String },
    /// A school's filled ДТК (`export::report_xlsx`) with the user's edits.
    Report {
        one: Box<OneSchool>,
        settings: crate::core::method::identify::Settings,
        edits: BTreeMap<String, String>,
        date: String,
    },
    /// A school's or municipality's plan (`plan::write::to_xlsx`).
    Plan {
        plan: Box<crate::core::plan::Plan>,
        date: String,
    },
    /// The analysis of ВПР protocols under their scales (`protocol::export::analysis_xlsx`).
    Protocols {
        protocols: Vec<(
            crate::core::protocol::Protocol,
            crate::core::protocol::Scale,
        )>,
        date: String,
    },
    /// The municipal report (`many::xlsx::workbook`) with the table it was made beside.
    Municipal {
        summary: Box<Summary>,
        municipal: Box<crate::core::many::Municipal>,
        date: String,
    },
}

impl XlsxRequest {
    /// The workbook's bytes, or why it could not be made (in Russian).
    pub fn build(&self) -> Result<Vec<u8>, String> {
        match self {
            XlsxRequest::Template { years, date } => {
                crate::core::report::export::template_xlsx(years, date)
            }
            XlsxRequest::Report {
                one,
                settings,
                edits,
                date,
            } => {
                let report = crate::core::report::build(&one.school, settings, &one.diagnostics);
                crate::core::report::export::report_xlsx(&report, edits, date)
            }
            XlsxRequest::Plan { plan, date } => crate::core::plan::write::to_xlsx(plan, date),
            XlsxRequest::Protocols { protocols, date } => {
                let analyses = protocols
                    .iter()
                    .map(|(p, s)| crate::core::protocol::analyse(p, s).map_err(|e| e.to_string()))
                    .collect::<Result<Vec<_>, _>>()?;
                crate::core::protocol::export::analysis_xlsx(&analyses, date)
            }
            XlsxRequest::Municipal {
                summary,
                municipal,
                date,
            } => crate::core::many::xlsx::workbook(summary, municipal, date),
        }
    }
}

/// What a worker's answer about one school carries: the school and the diagnostics of its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneSchool {
    pub school: crate::core::model::School,
    pub diagnostics: Vec<Diagnostic>,
}

impl OneSchool {
    /// The school with the diagnostics that point at its rows (and those about the whole file).
    pub fn of(school: &crate::core::model::School, diagnostics: &[Diagnostic]) -> OneSchool {
        let rows: std::collections::BTreeSet<usize> = school
            .cells
            .values()
            .flat_map(|by_year| by_year.values().filter_map(|c| c.loc.row))
            .collect();
        OneSchool {
            school: school.clone(),
            diagnostics: diagnostics
                .iter()
                .filter(|d| d.row.is_none_or(|r| rows.contains(&r)))
                .cloned()
                .collect(),
        }
    }
}
