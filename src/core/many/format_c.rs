//! Format C (formats.md §C): many schools' ДТК in one wide table, one row per school × school
//! year, as a region gets it from a survey form. Columns after the school and the year are
//! indicator codes (`vpr.math.5`) or the form's wording (matched as format A matches its rows);
//! cells follow format A's grammar (`11/30`, `36,7 %`, `да`, `н/п`). Optional `isbsh` /
//! `cluster` columns carry a region's own social well-being index (municipal.md §3).
//!
//! In: a split table. Out: schools (one per distinct code, else name + municipality) and
//! diagnostics with row, column and value. Also the writer of the same shape (the downloadable
//! template, and a set of schools written back — what the tests compare both ways).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::super::catalogue::{self, Indicator, Kind, INDICATORS};
use super::super::cell::{self, normalize_label};
use super::super::export::canonical;
use super::super::format_a::LabelMatcher;
use super::super::format_b::{column_of, Col};
use super::super::model::{
    Diagnostic, DiagnosticKind, Diagnostics, Loc, School, Severity, Value, Year,
};
use super::super::table::Table;

/// What a column of a format-C header holds.
#[derive(Debug, Clone, Copy)]
pub enum Column {
    School,
    Code,
    Municipality,
    Region,
    Year,
    /// A region's own ИСБШ.
    Isbsh,
    /// A region's own cluster.
    Cluster,
    Indicator(&'static Indicator),
}

impl PartialEq for Column {
    fn eq(&self, other: &Column) -> bool {
        match (self, other) {
            // An indicator is its code (the catalogue's entries are unique by code).
            (Column::Indicator(a), Column::Indicator(b)) => a.code == b.code,
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
        }
    }
}

/// The header row of a format-C table and what each of its columns holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Index into `Table::rows`.
    pub row: usize,
    /// (column index, what it holds); unknown columns are left out.
    pub columns: Vec<(usize, Column)>,
    /// Headers that named nothing known (reported once, not per row).
    pub unknown: Vec<String>,
}

const ISBSH: &[&str] = &[
    "isbsh",
    "исбш",
    "индекс социального благополучия",
    "индекс социального благополучия школы",
];
const CLUSTER: &[&str] = &["cluster", "кластер"];
const REGION: &[&str] = &["регион", "region", "субъект рф"];

/// What one header cell names.
fn column(text: &str, matcher: &LabelMatcher) -> Option<Column> {
    let n = normalize_label(text);
    if n.is_empty() {
        return None;
    }
    if ISBSH.contains(&n.as_str()) {
        return Some(Column::Isbsh);
    }
    if CLUSTER.contains(&n.as_str()) {
        return Some(Column::Cluster);
    }
    if REGION.contains(&n.as_str()) {
        return Some(Column::Region);
    }
    // A code first: «код» alone is the school's code, «school.code» is the catalogue's.
    if let Some(ind) = catalogue::find_loose(text) {
        return Some(match ind.code {
            "school.name" => Column::School,
            "school.code" => Column::Code,
            "school.municipality" => Column::Municipality,
            "school.region" => Column::Region,
            _ => Column::Indicator(ind),
        });
    }
    match column_of(text) {
        Some(Col::School) => return Some(Column::School),
        Some(Col::SchoolCode) => return Some(Column::Code),
        Some(Col::Municipality) => return Some(Column::Municipality),
        Some(Col::Year) => return Some(Column::Year),
        _ => {}
    }
    matcher
        .find(text, None)
        .filter(|i| i.kind != Kind::Meta)
        .map(Column::Indicator)
}

/// Finds a format-C header among the first 30 rows: a school (or school code) column, a year
/// column and at least one indicator column.
pub fn find_header(table: &Table) -> Option<Header> {
    // Built once: every file is asked whether it is format C before format A, and 2 000 files
    // chosen at once would build it 2 000 times.
    static MATCHER: OnceLock<LabelMatcher> = OnceLock::new();
    let matcher = MATCHER.get_or_init(LabelMatcher::new);
    for (i, row) in table.rows.iter().take(30).enumerate() {
        let mut columns = Vec::new();
        let mut unknown = Vec::new();
        for (c, text) in row.cells.iter().enumerate() {
            match column(text, matcher) {
                // The first column of a kind wins; a repeated one is named as unknown.
                Some(col) if columns.iter().any(|(_, k)| *k == col) => {
                    unknown.push(text.trim().to_string())
                }
                Some(col) => columns.push((c, col)),
                None if !text.trim().is_empty() => unknown.push(text.trim().to_string()),
                None => {}
            }
        }
        let has = |k: Column| columns.iter().any(|(_, c)| *c == k);
        let indicators = columns
            .iter()
            .filter(|(_, c)| matches!(c, Column::Indicator(_)))
            .count();
        if (has(Column::School) || has(Column::Code)) && has(Column::Year) && indicators > 0 {
            return Some(Header {
                row: i,
                columns,
                unknown,
            });
        }
    }
    None
}

/// Reads a format-C table into schools, in the order they first appear. Never fails: a bad
/// cell becomes a diagnostic and an `Invalid` value; a row without a school or a year is
/// skipped with a diagnostic; a school × year given twice keeps the first row.
pub fn read(table: &Table, header: &Header, diags: &mut Diagnostics) -> Vec<School> {
    let head = &table.rows[header.row];
    let name_of = |c: usize| head.get(c).trim().to_string();
    for u in &header.unknown {
        diags.push(Diagnostic::at(
            Severity::Warning,
            DiagnosticKind::UnknownIndicator,
            head.line,
            u.clone(),
            u.clone(),
            "столбец не распознан (не код показателя и не формулировка формы ДТК): пропущен",
        ));
    }
    let at = |k: Column| {
        header
            .columns
            .iter()
            .find(|(_, c)| *c == k)
            .map(|(i, _)| *i)
    };
    let (school_col, code_col, year_col) = (at(Column::School), at(Column::Code), at(Column::Year));
    let year_col = year_col.unwrap_or(0);
    let mut schools: Vec<School> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut seen: HashMap<(usize, Year), usize> = HashMap::new();
    for row in &table.rows[header.row + 1..] {
        let name = school_col
            .map(|c| cell::clean(row.get(c)))
            .unwrap_or_default();
        let code = code_col
            .map(|c| cell::clean(row.get(c)))
            .unwrap_or_default();
        let municipality = at(Column::Municipality)
            .map(|c| cell::clean(row.get(c)))
            .unwrap_or_default();
        if name.is_empty() && code.is_empty() {
            if row.cells.iter().any(|c| !c.trim().is_empty()) {
                diags.push(Diagnostic::at(
                    Severity::Warning,
                    DiagnosticKind::NoSchool,
                    row.line,
                    name_of(school_col.or(code_col).unwrap_or(0)),
                    "",
                    "не указана школа (ни наименование, ни код): строка пропущена",
                ));
            }
            continue;
        }
        let raw_year = row.get(year_col).trim();
        let Some(year) = Year::parse(raw_year) else {
            diags.push(Diagnostic::at(
                Severity::Error,
                DiagnosticKind::NotAYear,
                row.line,
                name_of(year_col),
                raw_year,
                "не учебный год (ожидалось, например, 2022-2023): строка пропущена",
            ));
            continue;
        };
        // The code identifies a school; without it, the name within its municipality.
        let key = if code.is_empty() {
            format!(
                "{}\u{1f}{}",
                normalize_label(&name),
                normalize_label(&municipality)
            )
        } else {
            format!("\u{1e}{code}")
        };
        let index = *by_key.entry(key).or_insert_with(|| {
            schools.push(School::default());
            schools.len() - 1
        });
        if let Some(first) = seen.insert((index, year), row.line) {
            seen.insert((index, year), first);
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::Repeated,
                row.line,
                name_of(year_col),
                raw_year,
                format!("эта школа и этот учебный год уже были в строке {first}: строка пропущена"),
            ));
            continue;
        }
        let school = &mut schools[index];
        if let Err(i) = school.years.binary_search(&year) {
            school.years.insert(i, year);
        }
        for (c, kind) in &header.columns {
            let text = cell::clean(row.get(*c));
            let meta = &mut school.meta;
            let slot = match kind {
                Column::School => &mut meta.name,
                Column::Code => &mut meta.code,
                Column::Municipality => &mut meta.municipality,
                Column::Region => &mut meta.region,
                Column::Isbsh => &mut meta.isbsh,
                Column::Cluster => &mut meta.cluster,
                Column::Year => continue,
                Column::Indicator(ind) => {
                    read_cell(
                        school,
                        ind,
                        year,
                        row.line,
                        &name_of(*c),
                        row.get(*c),
                        diags,
                    );
                    continue;
                }
            };
            // The latest row names the school as it is now.
            if !text.is_empty() {
                *slot = Some(text);
            }
        }
    }
    schools
}

fn read_cell(
    school: &mut School,
    ind: &'static Indicator,
    year: Year,
    line: usize,
    column: &str,
    raw: &str,
    diags: &mut Diagnostics,
) {
    if ind.formula.is_some() {
        // Computed by the calculator; format A says so once per row, here it would be once per
        // school, so the value is dropped quietly when the header already said it.
        return;
    }
    let loc = Loc {
        row: Some(line),
        column: Some(column.to_string()),
    };
    match cell::parse(raw, ind.kind) {
        Ok(Value::Missing) => {}
        Ok(v) => school.set(ind.code, year, v, loc),
        Err(msg) => {
            diags.push(Diagnostic::at(
                Severity::Error,
                DiagnosticKind::UnreadableCell,
                line,
                column,
                raw.trim(),
                msg,
            ));
            school.set(ind.code, year, Value::Invalid(raw.trim().to_string()), loc);
        }
    }
}

/// The fixed columns of the template and of a written set, in order.
const FIXED: [&str; 6] = [
    "ОО",
    "код ОО",
    "муниципалитет",
    "учебный год",
    "isbsh",
    "cluster",
];

/// A `;`-separated field: the one CSV writer's (`table::csv_field`: quoted when it needs it,
/// guarded against formula injection, a negative number left a number).
fn field(s: &str) -> String {
    crate::core::read::table::csv_field(s)
}

/// The indicator columns of the template: every indicator a school fills in, form order.
pub fn template_indicators() -> Vec<&'static Indicator> {
    INDICATORS
        .iter()
        .filter(|i| i.in_template && i.formula.is_none() && i.kind != Kind::Meta)
        .collect()
}

fn line(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

/// The downloadable format-C template: UTF-8 with BOM, `;`, CRLF; the header of codes, a row of
/// the form's wording under it is not added (it would read as a school), so an example row
/// per year shows where a school goes.
pub fn template_csv(years: &[Year]) -> Vec<u8> {
    let inds = template_indicators();
    let mut out = String::from("\u{FEFF}");
    let mut head: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    head.extend(inds.iter().map(|i| i.code.to_string()));
    line(&mut out, &head);
    for y in years {
        let mut row = vec![
            "МБОУ «СОШ № 1» (пример)".to_string(),
            "000001".to_string(),
            "Н-ский район".to_string(),
            y.to_string(),
            String::new(),
            String::new(),
        ];
        row.extend(inds.iter().map(|_| String::new()));
        line(&mut out, &row);
    }
    out.into_bytes()
}

/// Schools written as format C (exact values in format A's grammar), every indicator that any
/// school has, in catalogue order: reading it back gives the same schools.
pub fn write_csv(schools: &[School]) -> Vec<u8> {
    let inds: Vec<&Indicator> = INDICATORS
        .iter()
        .filter(|i| i.kind != Kind::Meta && i.formula.is_none())
        .filter(|i| schools.iter().any(|s| s.cells.contains_key(i.code)))
        .collect();
    let mut out = String::from("\u{FEFF}");
    let mut head: Vec<String> = FIXED.iter().map(|s| s.to_string()).collect();
    head.extend(inds.iter().map(|i| i.code.to_string()));
    line(&mut out, &head);
    for s in schools {
        for y in &s.years {
            let m = &s.meta;
            let mut row: Vec<String> = [
                &m.name,
                &m.code,
                &m.municipality,
                &None,
                &m.isbsh,
                &m.cluster,
            ]
            .iter()
            .map(|v| v.as_deref().unwrap_or_default().to_string())
            .collect();
            row[3] = y.to_string();
            row.extend(inds.iter().map(|i| canonical(s.value(i.code, *y))));
            line(&mut out, &row);
        }
    }
    out.into_bytes()
}
