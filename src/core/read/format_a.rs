//! Format A, the school's ДТК template (formats.md §A): rows are indicators, columns are school
//! years. Rows are keyed by the `код` column; a table without codes (copied from the Word form
//! of seed 001) is matched by the form's own wording, group headings and «а) / б)» sub-rows
//! included. What cannot be matched is listed, never guessed.

use std::collections::HashMap;

use crate::core::catalogue::{self, Indicator, Kind, INDICATORS};
use crate::core::model::{
    Diagnostic, DiagnosticKind, Diagnostics, Loc, School, Severity, Value, Year,
};
use crate::core::read::cell::{self, normalize_label};
use crate::core::read::table::{Row, Table};

/// Where the header row and its columns are.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Index into `Table::rows`.
    pub row: usize,
    pub code_col: Option<usize>,
    pub label_col: Option<usize>,
    /// Year columns in the order of the file: (column, year, header as written).
    pub years: Vec<(usize, Year, String)>,
    /// «Описание» and «Дата мониторинга» (blocks 3.2–3.4): column and header as written.
    pub description: Option<(usize, String)>,
    pub monitoring_date: Option<(usize, String)>,
}

const DESCRIPTION_HEADERS: &[&str] = &["описание", "description"];
const DATE_HEADERS: &[&str] = &["дата мониторинга", "дата", "monitoring date", "date"];

const CODE_HEADERS: &[&str] = &["код", "code", "код показателя"];
const LABEL_HEADERS: &[&str] = &[
    "показатель",
    "показатели",
    "наименование показателя",
    "indicator",
    "наименование",
    "критерии",
    "критерий",
];

/// Finds the header: the first of the first 30 rows that names at least one school year.
pub fn find_header(table: &Table) -> Option<Header> {
    for (i, row) in table.rows.iter().take(30).enumerate() {
        let years: Vec<(usize, Year, String)> = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(c, text)| Year::parse(text).map(|y| (c, y, text.trim().to_string())))
            .collect();
        if years.is_empty() {
            continue;
        }
        let find = |names: &[&str]| {
            row.cells
                .iter()
                .position(|c| names.contains(&normalize_label(c).as_str()))
        };
        let code_col = find(CODE_HEADERS);
        let first_year = years[0].0;
        let label_col = find(LABEL_HEADERS).or_else(|| {
            (0..first_year).find(|&c| Some(c) != code_col && !row.get(c).trim().is_empty())
        });
        let label_col = label_col.or_else(|| (first_year > 0 && code_col != Some(0)).then_some(0));
        let named = |names: &[&str]| find(names).map(|c| (c, row.get(c).trim().to_string()));
        return Some(Header {
            row: i,
            code_col,
            label_col,
            years,
            description: named(DESCRIPTION_HEADERS),
            monitoring_date: named(DATE_HEADERS),
        });
    }
    None
}

/// Matches rows of a table without codes by the form's wording (format A's rows, format C's
/// column headers).
pub struct LabelMatcher {
    /// normalized wording → indicator (full labels, ungrouped labels, phrases, aliases).
    exact: HashMap<String, &'static Indicator>,
    /// normalized group heading → its indicators.
    groups: HashMap<String, &'static str>,
    /// Section headings («1.1. Сохранность контингента») and criteria: rows to skip.
    headings: Vec<String>,
}

impl Default for LabelMatcher {
    fn default() -> Self {
        LabelMatcher::new()
    }
}

impl LabelMatcher {
    /// The matcher over the whole catalogue.
    pub fn new() -> Self {
        let mut exact = HashMap::new();
        let mut groups = HashMap::new();
        for ind in INDICATORS {
            exact.insert(normalize_label(&catalogue::full_label(ind)), ind);
            if ind.group.is_none() {
                exact.insert(normalize_label(ind.label), ind);
            }
            exact.entry(normalize_label(ind.phrase)).or_insert(ind);
            for a in ind.aliases {
                exact.insert(normalize_label(a), ind);
            }
            if let Some(g) = ind.group {
                groups.insert(normalize_label(g), g);
            }
        }
        let mut headings: Vec<String> = catalogue::SECTIONS
            .iter()
            .flat_map(|s| {
                [
                    normalize_label(&s.heading()),
                    normalize_label(s.title),
                    normalize_label(s.criterion),
                ]
            })
            .collect();
        headings.push(normalize_label("Вывод"));
        headings.push(normalize_label("Проблема"));
        LabelMatcher {
            exact,
            groups,
            headings,
        }
    }

    /// The group heading the label opens, if it is one.
    fn group(&self, label: &str) -> Option<&'static str> {
        self.groups.get(&normalize_label(label)).copied()
    }

    fn is_heading(&self, label: &str) -> bool {
        let n = normalize_label(label);
        n.is_empty() || self.headings.contains(&n)
    }

    /// The indicator a label names (under the group heading seen last, if any).
    pub fn find(&self, label: &str, group: Option<&'static str>) -> Option<&'static Indicator> {
        let n = normalize_label(label);
        if let Some(g) = group {
            if let Some(ind) = INDICATORS
                .iter()
                .find(|i| i.group == Some(g) && normalize_label(i.label) == n)
            {
                return Some(ind);
            }
        }
        self.exact.get(&n).copied()
    }
}

/// Reads a format-A table into one school. Never fails: every problem becomes a diagnostic and
/// the cell (or row) it concerns is left out.
pub fn read(table: &Table, header: &Header, diags: &mut Diagnostics) -> School {
    let mut school = School::default();
    let header_row = &table.rows[header.row];
    // Years: duplicates are reported and the later column ignored.
    let mut years: Vec<(usize, Year, String)> = Vec::new();
    for (col, year, text) in &header.years {
        if let Some((_, _, first)) = years.iter().find(|(_, y, _)| y == year) {
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::RepeatedYear,
                header_row.line,
                text.clone(),
                text.clone(),
                format!("учебный год повторяется (уже есть столбец «{first}»): столбец пропущен"),
            ));
            continue;
        }
        years.push((*col, *year, text.clone()));
    }
    if let Some(w) = years.windows(2).find(|w| w[0].1 > w[1].1) {
        diags.push(Diagnostic::at(
            Severity::Info,
            DiagnosticKind::YearsOutOfOrder,
            header_row.line,
            w[1].2.clone(),
            w[1].2.clone(),
            format!(
                "учебные годы в заголовке идут не по порядку (этот столбец стоит после «{}»); в отчёте они упорядочены",
                w[0].2
            ),
        ));
    }
    for (_, year, _) in &years {
        if let Err(i) = school.years.binary_search(year) {
            school.years.insert(i, *year);
        }
    }

    let matcher = header.code_col.is_none().then(LabelMatcher::new);
    // The column that identifies a row (the code, or the label when there are no codes): what
    // row-level diagnostics point at, since every diagnostic names a column (formats.md).
    let key_column: String = header
        .code_col
        .or(header.label_col)
        .map(|c| header_row.get(c).trim().to_string())
        .unwrap_or_default();
    let mut group: Option<&'static str> = None;
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    for row in &table.rows[header.row + 1..] {
        let label = header.label_col.map(|c| row.get(c).trim()).unwrap_or("");
        let indicator = match (header.code_col, &matcher) {
            (Some(c), _) => {
                let code = row.get(c).trim();
                if code.is_empty() {
                    // A heading or a note without a code: fine when it carries no values.
                    if has_values(row, &years) {
                        diags.push(Diagnostic::at(
                            Severity::Warning,
                            DiagnosticKind::NoCode,
                            row.line,
                            header_row.get(c).trim(),
                            label,
                            "в строке есть значения, но нет кода показателя: строка пропущена",
                        ));
                    }
                    continue;
                }
                // The pairs' texts of a report CSV: the user's come back, generated ones are
                // generated anew.
                if let Some(key) = crate::core::report::pairs_io::pair_key(code) {
                    if let Some(key) = key {
                        let text = years
                            .iter()
                            .map(|(c, ..)| row.get(*c))
                            .find(|t| !t.trim().is_empty());
                        if let Some(text) = text {
                            school.texts.insert(key, text.replace("\r\n", "\n"));
                        }
                    }
                    continue;
                }
                match catalogue::find_loose(code) {
                    Some(ind) => ind,
                    None => {
                        // «1.1», «2.3» are section numbers of the form, not indicators.
                        let is_section = catalogue::SECTIONS
                            .iter()
                            .any(|s| code.trim_end_matches('.') == s.number);
                        // Risk profile rows belong to the plan (plans.md §2), read there.
                        if !is_section && !crate::core::plan::read::is_profile_code(code) {
                            diags.push(Diagnostic::at(
                                Severity::Warning,
                                DiagnosticKind::UnknownCode,
                                row.line,
                                header_row.get(c).trim(),
                                code,
                                "неизвестный код показателя (список кодов — в шаблоне): строка пропущена",
                            ));
                        }
                        continue;
                    }
                }
            }
            (None, Some(m)) => {
                if let Some(g) = m.group(label) {
                    group = Some(g);
                    if !has_values(row, &years) {
                        continue;
                    }
                }
                match m.find(label, group) {
                    Some(ind) => ind,
                    None => {
                        if !m.is_heading(label) && has_values(row, &years) {
                            diags.push(Diagnostic::at(
                                Severity::Warning,
                                DiagnosticKind::UnknownIndicator,
                                row.line,
                                header_row.get(header.label_col.unwrap_or(0)).trim(),
                                label,
                                "показатель не распознан (нет кода, и формулировка не совпала с формой ДТК): строка пропущена",
                            ));
                        }
                        continue;
                    }
                }
            }
            (None, None) => continue,
        };
        if ind_is_computed(indicator) {
            diags.push(Diagnostic::at(
                Severity::Info,
                DiagnosticKind::Computed,
                row.line,
                key_column.as_str(),
                indicator.code,
                "этот показатель вычисляется калькулятором; значения из файла не используются",
            ));
            continue;
        }
        if let Some(first) = seen.insert(indicator.code, row.line) {
            seen.insert(indicator.code, first);
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::Repeated,
                row.line,
                key_column.as_str(),
                indicator.code,
                format!("показатель повторяется (впервые — в строке {first}): взяты значения первой строки"),
            ));
            continue;
        }
        if indicator.kind == Kind::Meta {
            read_meta(&mut school, indicator.code, row, &years, header.label_col);
            continue;
        }
        read_description(&mut school, indicator, row, header, diags);
        for (col, year, col_header) in &years {
            let raw = row.get(*col);
            let loc = Loc {
                row: Some(row.line),
                column: Some(col_header.clone()),
            };
            match cell::parse(raw, indicator.kind) {
                Ok(Value::Missing) => {}
                Ok(v) => {
                    // A bare «3» or «0,4» in a share cell is kept as a percentage (formats.md)
                    // but said aloud: it may be a count of pupils or a fraction of one.
                    if indicator.kind == Kind::Share {
                        if let Some(why) =
                            cell::share_assumption(raw, indicator.procedure.is_some())
                        {
                            diags.push(Diagnostic::at(
                                Severity::Warning,
                                DiagnosticKind::ShareAssumed,
                                row.line,
                                col_header.clone(),
                                raw.trim(),
                                why,
                            ));
                        }
                    }
                    school.set(indicator.code, *year, v, loc)
                }
                Err(msg) => {
                    diags.push(Diagnostic::at(
                        Severity::Error,
                        DiagnosticKind::UnreadableCell,
                        row.line,
                        col_header.clone(),
                        raw.trim(),
                        msg,
                    ));
                    school.set(
                        indicator.code,
                        *year,
                        Value::Invalid(raw.trim().to_string()),
                        loc,
                    );
                }
            }
        }
    }
    check_parents(&school, &years, diags);
    school
}

/// The three shares of parents' education (higher, vocational, secondary) describe one whole:
/// in a year where all three are given they should add up to about 100 % (each rounded to a
/// tenth, so a point or two either way is rounding). Where they do not, the values stay as
/// written and a warning says so; where two alone already exceed 100 %, too.
fn check_parents(school: &School, years: &[(usize, Year, String)], diags: &mut Diagnostics) {
    const PARTS: [&str; 3] = ["parents.higher", "parents.vocational", "parents.secondary"];
    for (_, year, header) in years {
        let cells: Vec<_> = PARTS
            .iter()
            .filter_map(|code| school.cells.get(code).and_then(|m| m.get(year)))
            .collect();
        let values: Vec<f64> = cells.iter().filter_map(|c| c.value.number()).collect();
        if values.len() < 2 || values.len() != cells.len() {
            continue;
        }
        let sum: f64 = values.iter().sum();
        let complete = values.len() == PARTS.len();
        if sum <= 102.0 && (!complete || sum >= 98.0) {
            continue;
        }
        let shown: Vec<String> = values.iter().map(|v| crate::core::ru::number(*v)).collect();
        let row = cells.iter().find_map(|c| c.loc.row).unwrap_or(0);
        diags.push(Diagnostic::at(
            Severity::Warning,
            DiagnosticKind::ParentsSum,
            row,
            header.clone(),
            format!("{} = {}", shown.join(" + "), crate::core::ru::percent(sum)),
            if complete {
                "доли родителей с высшим, средним специальным и средним образованием в сумме должны давать около 100 %: проверьте значения (они оставлены как есть)"
            } else {
                "доли родителей по уровням образования в сумме больше 100 %: проверьте значения (они оставлены как есть)"
            },
        ));
    }
}

fn ind_is_computed(ind: &Indicator) -> bool {
    ind.formula.is_some()
}

fn has_values(row: &Row, years: &[(usize, Year, String)]) -> bool {
    years.iter().any(|(c, _, _)| !row.get(*c).trim().is_empty())
}

/// Metadata rows carry their value in the first year column (or, failing that, in any cell
/// after the label).
fn read_meta(
    school: &mut School,
    code: &str,
    row: &Row,
    years: &[(usize, Year, String)],
    label_col: Option<usize>,
) {
    let value = years
        .iter()
        .map(|(c, _, _)| row.get(*c).trim())
        .find(|v| !v.is_empty())
        .or_else(|| {
            let from = label_col.map_or(0, |c| c + 1);
            row.cells
                .iter()
                .skip(from)
                .map(|c| c.trim())
                .find(|v| !v.is_empty())
        })
        .map(cell::clean);
    let Some(value) = value else { return };
    let meta = &mut school.meta;
    match code {
        "school.name" => meta.name = Some(value),
        "school.code" => meta.code = Some(value),
        "school.municipality" => meta.municipality = Some(value),
        "school.region" => meta.region = Some(value),
        _ => {}
    }
}

/// The «Описание» and monitoring date of a row (formats.md: blocks 3.2–3.4 may describe their
/// state instead of giving school years). Elsewhere a description is said to be left out.
fn read_description(
    school: &mut School,
    indicator: &'static catalogue::Indicator,
    row: &Row,
    header: &Header,
    diags: &mut Diagnostics,
) {
    let cell = |col: &Option<(usize, String)>| {
        col.as_ref()
            .map(|(c, _)| row.get(*c).trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let (text, date) = (cell(&header.description), cell(&header.monitoring_date));
    if text.is_none() && date.is_none() {
        return;
    }
    use catalogue::SectionId::{S3_2, S3_3, S3_4};
    let column =
        |col: &Option<(usize, String)>| col.as_ref().map(|(_, h)| h.clone()).unwrap_or_default();
    if !matches!(indicator.section, S3_2 | S3_3 | S3_4) {
        diags.push(Diagnostic::at(
            Severity::Info,
            DiagnosticKind::DescriptionUnused,
            row.line,
            column(&header.description),
            text.unwrap_or_default(),
            "«Описание» учитывается только в блоках 3.2–3.4: здесь оно не используется",
        ));
        return;
    }
    if let Some(d) = &date {
        if crate::core::plan::Date::parse(d).is_none() {
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::BadMonitoringDate,
                row.line,
                column(&header.monitoring_date),
                d.clone(),
                "дата мониторинга не распознана (ожидается ДД.ММ.ГГГГ): показана как записана",
            ));
        }
    }
    school.described.insert(
        indicator.code.to_string(),
        crate::core::model::Described {
            text: text.unwrap_or_default(),
            date,
        },
    );
}
