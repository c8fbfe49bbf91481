//! Reading a plan: any road-map table laid out like the seeds' (№ | Мероприятия | Сроки |
//! Ответственные [| Исполнение …]) with columns recognised by their headers and unknown ones
//! kept; the plan's own saved form (CSV blocks `[План]`, `[Профиль рисков]`, `[Программы]`,
//! `[Дорожная карта]`, or XLSX sheets of those names); and the risk profile rows
//! (`risk.factor.N`, `risk.profile_date`) of a ДТК file (formats.md A).
//!
//! In: bytes or a `Table`. Out: a `Plan` and warnings naming sheet, row, column and value.

use std::fmt;

use super::model::{Date, Header, Level, Mark, Measure, Plan, Profile, Programme};
pub use super::profile::{
    is_profile_code, profile_from_dtk, profile_from_dtk_bytes, profile_from_dtk_text,
};
use super::write::{
    unguard, SHEET_CARD, SHEET_HEADER, SHEET_PRACTICES, SHEET_PROFILE, SHEET_PROGRAMMES,
    SHEET_ROADMAP,
};
use crate::core::read::table::{self, Row, Table};
use crate::core::risk_factors::{self, RiskLevel};
use crate::core::{decode, sheet};

/// Why a file could not be read as a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanError {
    /// No row names the columns «Мероприятия» and «Сроки» or «Ответственные».
    NoHeader { sheet: String },
    /// The workbook could not be opened.
    Sheet(String),
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::NoHeader { sheet } => write!(
                f,
                "{sheet}: не найдена строка заголовков дорожной карты — нужны столбцы \
                 «Мероприятия» и «Сроки» или «Ответственные»"
            ),
            PlanError::Sheet(e) => write!(f, "{e}"),
        }
    }
}

/// A plan read, with what was skipped or not understood.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Read {
    pub plan: Plan,
    pub warnings: Vec<String>,
}

/// What a road-map column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Number,
    Text,
    Deadline,
    Responsible,
    Result,
    Programme,
    Factors,
    Comment,
    Mark(Date),
    Extra(usize),
}

/// Recognises a header by its words (first match wins; a role taken twice becomes extra).
fn classify(header: &str) -> Option<Col> {
    let h = header.trim().to_lowercase().replace('ё', "е");
    if let Some(d) = h
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find_map(|s| Date::parse(s.trim_matches('.')).filter(|_| s.matches('.').count() >= 2))
    {
        return Some(Col::Mark(d));
    }
    let col = if h.starts_with('№') || h == "n" || h.starts_with("nº") || h == "no" || h == "п/п"
    {
        Col::Number
    } else if h.contains("мероприят") || h.contains("виды работ") {
        Col::Text
    } else if h.contains("срок") || h.starts_with("дата") {
        Col::Deadline
    } else if h.contains("ответствен") || h.contains("исполнител") {
        Col::Responsible
    } else if h.contains("результат") || h.contains("показател") {
        Col::Result
    } else if h.contains("программ") {
        Col::Programme
    } else if h.contains("фактор") {
        Col::Factors
    } else if h.contains("коммент") || h.contains("примечан") {
        Col::Comment
    } else {
        return None;
    };
    Some(col)
}

fn columns(row: &Row, extra: &mut Vec<String>) -> Vec<Col> {
    let mut out: Vec<Col> = Vec::new();
    for cell in &row.cells {
        let col = match classify(cell) {
            Some(c) if !out.contains(&c) => c,
            _ => {
                extra.push(cell.trim().to_string());
                Col::Extra(extra.len() - 1)
            }
        };
        out.push(col);
    }
    out
}

fn is_header(cols: &[Col]) -> bool {
    cols.contains(&Col::Text) && (cols.contains(&Col::Deadline) || cols.contains(&Col::Responsible))
}

/// «5. Разработка ИОМ» → («5», «Разработка ИОМ»); text without a leading number unchanged.
fn split_number(text: &str) -> (String, String) {
    let t = text.trim();
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return (String::new(), t.to_string());
    }
    let rest = t[digits.len()..].trim_start();
    (digits.trim_end_matches('.').to_string(), rest.to_string())
}

/// Factor numbers in a cell: «8, 6», «8. Высокая доля…; 6. Низкая…».
pub fn factors_in(cell: &str) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    for part in cell.split([',', ';']) {
        let digits: String = part
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Some(n) = digits
            .parse()
            .ok()
            .filter(|n| risk_factors::factor(*n).is_some())
        {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Reads the road-map table of one sheet (or CSV). `where_` names it in messages.
pub fn roadmap(table: &Table, where_: &str) -> Result<Read, PlanError> {
    let mut extra = Vec::new();
    let mut found = None;
    for (i, row) in table.rows.iter().enumerate().take(40) {
        extra.clear();
        let cols = columns(row, &mut extra);
        if is_header(&cols) {
            found = Some((i, cols));
            break;
        }
    }
    let Some((start, cols)) = found else {
        return Err(PlanError::NoHeader {
            sheet: where_.to_string(),
        });
    };
    let header_row = &table.rows[start];
    let mut read = Read::default();
    let plan = &mut read.plan;
    plan.extra_columns = extra;
    for c in &cols {
        if let Col::Mark(d) = c {
            plan.dates.push(*d);
        }
    }
    plan.dates.sort();
    plan.dates.dedup();
    let mut section = String::new();
    for row in &table.rows[start + 1..] {
        let mut m = Measure {
            extra: vec![String::new(); plan.extra_columns.len()],
            ..Measure::default()
        };
        let mut marks_given = false;
        for (j, col) in cols.iter().enumerate() {
            let cell = row.get(j).trim();
            match col {
                Col::Number => m.number = cell.to_string(),
                Col::Text => m.text = cell.to_string(),
                Col::Deadline => m.deadline = cell.to_string(),
                Col::Responsible => m.responsible = cell.to_string(),
                Col::Result => m.result = cell.to_string(),
                Col::Programme => m.programme = cell.to_string(),
                Col::Factors => m.factors = factors_in(cell),
                Col::Comment => m.comment = cell.to_string(),
                Col::Extra(k) => m.extra[*k] = cell.to_string(),
                Col::Mark(d) if !cell.is_empty() => {
                    marks_given = true;
                    match Mark::parse(cell) {
                        Some(mark) => m.set_mark(*d, Some(mark)),
                        None => read.warnings.push(format!(
                            "{where_}, строка {}, столбец «{}»: «{cell}» — не статус \
                             (выполнено, выполняется, не выполнено, не начато, отменено) и не \
                             процент от 0 до 100; оставлено пустым",
                            row.line,
                            header_row.get(j).trim()
                        )),
                    }
                }
                Col::Mark(_) => {}
            }
        }
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // A row with neither deadline nor responsible nor execution is a section heading
        // («2. Выявление ОО с НОР», «II Приведение базовой инфраструктуры…»).
        if m.deadline.is_empty() && m.responsible.is_empty() && !marks_given {
            section = row
                .cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            continue;
        }
        if m.number.is_empty() {
            let (n, t) = split_number(&m.text);
            m.number = n;
            m.text = t;
        }
        m.section = section.clone();
        plan.measures.push(m);
    }
    // Programmes named in the table but not described elsewhere get a bare entry.
    for m in &plan.measures {
        if !m.programme.is_empty() && !plan.programmes.iter().any(|p| p.title == m.programme) {
            plan.programmes.push(Programme {
                title: m.programme.clone(),
                ..Programme::default()
            });
        }
    }
    Ok(read)
}

/// Reads the «Профиль рисков» block: № | Фактор риска | one column per questionnaire date.
fn profiles(table: &Table, where_: &str, warnings: &mut Vec<String>) -> Vec<Profile> {
    let Some(head) = table.rows.first() else {
        return Vec::new();
    };
    let mut out: Vec<Profile> = (2..head.cells.len())
        .map(|j| Profile {
            date: Date::parse(head.get(j)),
            ..Profile::default()
        })
        .collect();
    for row in &table.rows[1..] {
        let Some(n) = factors_in(row.get(0)).first().copied() else {
            continue;
        };
        for (k, p) in out.iter_mut().enumerate() {
            let cell = row.get(k + 2).trim();
            match RiskLevel::parse(cell) {
                Some(l) => {
                    p.levels.insert(n, l);
                }
                None if cell.is_empty() => {}
                None => warnings.push(format!(
                    "{where_}, строка {}, столбец «{}»: «{cell}» — не уровень риска (высокий, \
                     средний, низкий)",
                    row.line,
                    head.get(k + 2)
                )),
            }
        }
    }
    out.retain(|p| !p.levels.is_empty() || p.date.is_some());
    out
}

fn programmes(table: &Table) -> Vec<Programme> {
    table
        .rows
        .iter()
        .skip(1)
        .filter(|r| !r.get(0).trim().is_empty())
        .map(|r| Programme {
            title: r.get(0).trim().to_string(),
            factor: factors_in(r.get(1)).first().copied(),
            goal: r.get(2).trim().to_string(),
            tasks: r.get(3).trim().to_string(),
            expected: r.get(4).trim().to_string(),
            indicator: r.get(5).trim().to_string(),
            target: r.get(6).trim().to_string(),
        })
        .collect()
}

fn header(table: &Table, plan: &mut Plan) {
    for row in &table.rows {
        let v = row.get(1).trim().to_string();
        let h = &mut plan.header;
        match row.get(0).trim().to_lowercase().as_str() {
            "наименование" => h.name = v,
            "уровень" => h.level = Level::parse(&v).unwrap_or_default(),
            "организация" => h.organisation = v,
            "период" => h.period = v,
            "утверждение" => h.approval = v,
            "ответственный" => h.responsible = v,
            "контакты" => h.contact = v,
            "даты мониторинга" => {
                let mut dates: Vec<Date> = v.split([',', ';']).filter_map(Date::parse).collect();
                dates.extend(plan.dates.iter().copied());
                dates.sort();
                dates.dedup();
                plan.dates = dates;
            }
            _ => {}
        }
    }
}

/// Splits a CSV into its `[Block]` parts; a table without markers is all road map.
fn blocks(table: &Table) -> Vec<(String, Table)> {
    let mut out: Vec<(String, Table)> = Vec::new();
    for row in &table.rows {
        let first = row.get(0).trim();
        let only = row.cells.iter().skip(1).all(|c| c.trim().is_empty());
        if only && first.starts_with('[') && first.ends_with(']') {
            out.push((first[1..first.len() - 1].to_string(), Table::default()));
            continue;
        }
        if out.is_empty() {
            out.push((SHEET_ROADMAP.to_string(), Table::default()));
        }
        if let Some((_, t)) = out.last_mut() {
            t.rows.push(row.clone());
        }
    }
    out
}

/// Assembles a plan from named parts (CSV blocks or sheets).
fn assemble(parts: Vec<(String, Table)>) -> Result<Read, PlanError> {
    let find = |name: &str| parts.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
    // The road map: the sheet so named, else the first part with a road-map header.
    let mut read = match find(SHEET_ROADMAP) {
        Some((n, t)) => roadmap(t, n)?,
        None => {
            let mut first_err = None;
            let mut got = None;
            for (n, t) in &parts {
                match roadmap(t, n) {
                    Ok(r) => {
                        got = Some(r);
                        break;
                    }
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
            match got {
                Some(r) => r,
                None => {
                    return Err(first_err.unwrap_or(PlanError::NoHeader {
                        sheet: "файл".to_string(),
                    }))
                }
            }
        }
    };
    if let Some((n, t)) = find(SHEET_PROFILE) {
        read.plan.profiles = profiles(t, n, &mut read.warnings);
    }
    if let Some((_, t)) = find(SHEET_PROGRAMMES) {
        let described = programmes(t);
        // Described programmes first (in their order), then bare ones named only in the table.
        let bare: Vec<Programme> = read
            .plan
            .programmes
            .drain(..)
            .filter(|b| !described.iter().any(|d| d.title == b.title))
            .collect();
        read.plan.programmes = described;
        read.plan.programmes.extend(bare);
    }
    if let Some((_, t)) = find(SHEET_HEADER) {
        header(t, &mut read.plan);
    }
    if let Some((_, t)) = find(SHEET_CARD) {
        read.plan.card.schools = super::card::schools_from_table(t);
    }
    if let Some((_, t)) = find(SHEET_PRACTICES) {
        read.plan.card.practices = t
            .rows
            .iter()
            .skip(1)
            .filter(|r| !r.get(0).trim().is_empty() || !r.get(1).trim().is_empty())
            .map(|r| super::card::Practice {
                school: r.get(0).trim().to_string(),
                event: r.get(1).trim().to_string(),
                format: r.get(2).trim().to_string(),
            })
            .collect();
    }
    Ok(read)
}

/// Reads a plan from a file's bytes: XLSX/XLS/ODS by their container, else text (CSV in any
/// encoding and delimiter the calculator reads).
pub fn read_bytes(bytes: &[u8]) -> Result<Read, PlanError> {
    if sheet::container(bytes).is_some() {
        let mut book = sheet::open(bytes).map_err(|e| PlanError::Sheet(e.to_string()))?;
        let mut parts = Vec::new();
        for name in book.sheet_names().to_vec() {
            let t = book
                .table(&name)
                .map_err(|e| PlanError::Sheet(e.to_string()))?;
            parts.push((name, t.table));
        }
        return assemble(parts);
    }
    read_text_bytes(bytes)
}

/// Reads a plan from text bytes (CSV) only: what the page calls, so its bundle does not link
/// the spreadsheet reader (an XLSX plan is read in the worker).
pub fn read_text_bytes(bytes: &[u8]) -> Result<Read, PlanError> {
    let (_, text, _) = decode::detect_and_decode(bytes);
    let mut table = table::parse(&text, table::detect_delimiter(&text));
    for row in &mut table.rows {
        for c in &mut row.cells {
            if c.starts_with('\'') {
                *c = unguard(c).to_string();
            }
        }
    }
    assemble(blocks(&table))
}

/// A plan whose header is filled with defaults for a level.
pub fn empty(level: Level) -> Plan {
    Plan {
        header: Header {
            level,
            ..Header::default()
        },
        ..Plan::default()
    }
}
