//! The report document of one school: identification, the status over the years, every ДТК
//! indicator with its values, display text and dynamics, and the generated «Вывод»/«Проблема»
//! of each block. The web page, the printout, the exports and `dtk report --json` all render
//! this one value. Beside it: `export` (CSV, XLSX, JSON of the report and the template),
//! `pairs_io` (the five pairs in and out of files), `template` (the blank form and the example),
//! `status_notes` (what sits under the status, read from a built report).

pub mod export;
pub mod pairs_io;
pub mod status_notes;
pub mod template;

use std::collections::BTreeMap;

use serde::Serialize;

use super::catalogue::{self, Kind, INDICATORS};
use super::method::compute::with_computed;
use super::method::conclude::{conclude, PairText};
use super::method::dynamics::{self, Point};
use super::method::identify::{self, Identification, Settings, Window};
use super::model::{Diagnostic, School, SchoolMeta, Value, Year};
// The rows and their cell text live below both this module and `conclude` (which writes the
// texts from the rows), so that the imports go one way; named here too, where the page, the
// exports and the tests have always found them.
pub use super::method::rows::{display, IndicatorRow};

/// The report of one school.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub school: SchoolMeta,
    pub years: Vec<Year>,
    pub settings: Settings,
    pub identification: Identification,
    /// The status as of each year of the data (sliding window).
    pub windows: Vec<Window>,
    pub indicators: Vec<IndicatorRow>,
    /// The form's five «Вывод / Проблема» pairs (1.1, 1.2, 1.3, 2, 3).
    pub pairs: Vec<PairText>,
    /// The keys («1.1/conclusion») of the pair texts the file carried in place of generated
    /// ones (see `School::texts`): a report CSV writes them back as the user's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file_texts: Vec<String>,
    /// «Готово к сдаче?»: what is filled, missing, contradictory or deciding.
    pub readiness: super::method::readiness::Readiness,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the indicator rows of a school (computed indicators included).
pub fn indicator_rows(school: &School, settings: &Settings) -> Vec<IndicatorRow> {
    let school = with_computed(school);
    INDICATORS
        .iter()
        .filter(|i| i.kind != Kind::Meta)
        .filter(|i| {
            i.in_template
                || school.cells.contains_key(i.code)
                || school.described.contains_key(i.code)
        })
        .map(|ind| {
            let mut values = BTreeMap::new();
            let mut display_map = BTreeMap::new();
            let mut groups = BTreeMap::new();
            let mut raw = BTreeMap::new();
            for &y in &school.years {
                let v = school.value(ind.code, y);
                let number = match ind.kind {
                    Kind::Share | Kind::Count => v.number().map(dynamics::round2),
                    _ => None,
                };
                values.insert(y, number);
                display_map.insert(y, display(v, ind.kind));
                groups.insert(y, v.group_size());
                raw.insert(y, v.clone());
            }
            let points: Vec<Point> = school
                .years
                .iter()
                .filter_map(|y| {
                    values[y].map(|value| Point {
                        year: *y,
                        value,
                        group: groups[y],
                        part: match &raw[y] {
                            Value::Ratio { part, .. } => Some(*part),
                            _ => None,
                        },
                    })
                })
                .collect();
            IndicatorRow {
                code: ind.code.to_string(),
                label: catalogue::full_label(ind),
                row_label: ind.label.to_string(),
                section: ind.section,
                kind: ind.kind,
                polarity: ind.polarity,
                values,
                display: display_map,
                groups,
                raw,
                computed: ind.formula.is_some(),
                description: school.described.get(ind.code).cloned(),
                dynamics: if ind.context {
                    dynamics::compute_context(&points, ind.kind, settings.stable_threshold_pp)
                } else {
                    dynamics::compute(
                        &points,
                        ind.kind,
                        ind.polarity,
                        settings.stable_threshold_pp,
                    )
                },
            }
        })
        .collect()
}

/// Builds the whole report of one school.
pub fn build(school: &School, settings: &Settings, diagnostics: &[Diagnostic]) -> Report {
    let identification = identify::identify(school, settings);
    let windows = identify::windows(school, settings);
    // The rows show retakes of the main participants (domain.md §1); the diagnostics say where
    // the file's own denominator was re-based or impossible.
    let indicators = indicator_rows(&identify::retake::with_rebased(school), settings);
    let mut diagnostics = diagnostics.to_vec();
    diagnostics.extend(identify::retake::diagnostics(school));
    let mut pairs = conclude(&indicators, &identification, &school.years);
    // The texts the file carries (a report CSV with the user's words) stand in for the
    // generated ones; kept edits go on top of these on the page.
    for pair in &mut pairs {
        pairs_io::apply_texts(pair, &school.texts);
    }
    let readiness = super::method::readiness::check(school, &indicators, &identification);
    Report {
        school: school.meta.clone(),
        years: school.years.clone(),
        settings: settings.clone(),
        identification,
        windows,
        indicators,
        pairs,
        file_texts: school.texts.keys().cloned().collect(),
        readiness,
        diagnostics,
    }
}

/// «да», «нет», or «проверить нельзя» where empty cells could still make a condition hold.
pub fn yes_no_unknown(holds: bool, known: bool) -> &'static str {
    match (holds, known) {
        (true, _) => "да",
        (false, true) => "нет",
        (false, false) => "проверить нельзя",
    }
}

/// The report as plain text, for the terminal.
pub fn to_text(r: &Report) -> String {
    let mut out = String::new();
    let s = &r.school;
    let push = |out: &mut String, line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    push(
        &mut out,
        format!(
            "ДТК: {}",
            s.name
                .clone()
                .unwrap_or_else(|| "школа без названия".into())
        ),
    );
    if let Some(m) = &s.municipality {
        push(&mut out, format!("Муниципалитет: {m}"));
    }
    let years: Vec<String> = r.years.iter().map(Year::to_string).collect();
    push(&mut out, format!("Учебные годы: {}", years.join(", ")));
    let id = &r.identification;
    push(&mut out, String::new());
    push(
        &mut out,
        format!(
            "СТАТУС по результатам {}: {}",
            id.as_of
                .map(|y| y.to_string())
                .unwrap_or_else(|| "—".into()),
            id.status.label().to_uppercase()
        ),
    );
    push(&mut out, id.heading.clone());
    push(&mut out, id.explanation.clone());
    for c in &id.ceilings {
        push(&mut out, format!("  Потолок на следующий год — {}", c.text));
    }
    if let Some(note) = &id.leave_note {
        push(&mut out, note.clone());
    }
    push(
        &mut out,
        format!(
            "Условие 1: {}; Условие 2: {}",
            yes_no_unknown(id.condition1, id.condition1_known),
            yes_no_unknown(id.condition2, id.condition2_known)
        ),
    );
    for row in &id.table {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                let mark = if c.state == identify::CellState::Low {
                    " [низкий]"
                } else {
                    ""
                };
                format!("{}: {}{mark}", c.year, c.text)
            })
            .collect();
        let counted = if row.counted {
            ""
        } else {
            " (не учитывается)"
        };
        push(
            &mut out,
            format!("  {}{counted} — {}", row.label, cells.join("; ")),
        );
    }
    if r.windows.len() > 1 {
        let w: Vec<String> = r
            .windows
            .iter()
            .map(|w| format!("{}: {}", w.year, w.status.label()))
            .collect();
        push(&mut out, format!("По годам: {}", w.join("; ")));
    }
    for section in catalogue::SECTIONS {
        push(&mut out, String::new());
        push(&mut out, section.heading());
        for ind in r.indicators.iter().filter(|i| i.section == section.id) {
            let cells: Vec<String> = r
                .years
                .iter()
                .map(|y| ind.display.get(y).cloned().unwrap_or_default())
                .collect();
            let dynamics = ind
                .dynamics
                .as_ref()
                .map(|d| format!(" — {} {}", d.arrow(), d.label()))
                .unwrap_or_default();
            push(
                &mut out,
                format!("  {}: {}{dynamics}", ind.label, cells.join(" | ")),
            );
            if let Some(d) = &ind.description {
                let at = d
                    .date
                    .as_ref()
                    .map(|date| format!(" (мониторинг на {date})"))
                    .unwrap_or_default();
                push(&mut out, format!("    Описание{at}: {}", d.text));
            }
        }
        if let Some(t) = catalogue::rules_pair_ending_at(section.id)
            .and_then(|p| r.pairs.iter().find(|t| t.id == p.id))
        {
            let title = catalogue::PAIRS
                .iter()
                .find(|p| p.id == t.id)
                .map_or("", |p| p.title);
            push(&mut out, format!("  Вывод и проблема — {title}"));
            push(&mut out, format!("  Вывод: {}", t.conclusion));
            if t.problems.is_empty() {
                push(&mut out, "  Проблема: не выявлена.".to_string());
            } else {
                push(&mut out, "  Проблема:".to_string());
                for p in &t.problems {
                    push(&mut out, format!("   • {p}"));
                }
            }
        }
    }
    if !r.diagnostics.is_empty() {
        push(&mut out, String::new());
        push(
            &mut out,
            format!("Замечания к файлу ({}):", r.diagnostics.len()),
        );
        for d in &r.diagnostics {
            push(&mut out, format!("  {d}"));
        }
    }
    out
}
