//! Reading one ФИС ОКО protocol workbook: the «Протокол» sheet (a row per pupil: school,
//! upload date, code, variant, the score of every task with its maximum in the header
//! «6 (2б)», class, sex, the journal mark «Отметка за предыдущий триместр/ четверть/
//! полугодие», «Итого баллов») and the «Классы» sheet (the textbook code `ma5.8`, `ru6.3`).
//!
//! What a cell holds, as ФИС ОКО writes it: `«отсутствовал»` in «Вариант» (absent: not a
//! participant, whatever else the row says); «не пройд.» in a task (the topic was not studied
//! yet: no score, 0 in the total, left out of that task's percent); «edu223017 | МБОУ …» in
//! «Школа» (login and name in one cell). Everything odd is a diagnostic with row and column;
//! only a file that is not a protocol at all is an error.

use super::super::cell::normalize_label;
use super::super::decode;
use super::super::model::{Diagnostic, DiagnosticKind, Diagnostics, Severity, Year};
use super::super::sheet::{self, SheetError};
use super::super::table::{self, Row, Table};
use super::meta::identify;
pub use super::model::{Protocol, ProtocolError, ProtocolSchool, Pupil, Subject, Task};

/// The largest protocol read: a school's protocol is a few dozen rows, a municipality's a few
/// thousand; a whole region's is not what a school opens here.
const MAX_PUPILS: usize = 100_000;

/// Reads a protocol from the bytes of a workbook (or of its CSV export).
pub fn read(bytes: &[u8], file: Option<&str>) -> Result<Protocol, ProtocolError> {
    if bytes.is_empty() {
        return Err(ProtocolError::Empty);
    }
    let mut sheets: Vec<(String, Table)> = Vec::new();
    if sheet::container(bytes).is_some() {
        // Damaged, password-protected or beyond a reading budget: said in the reader's words.
        let mut book =
            sheet::open(bytes).map_err(|e: SheetError| ProtocolError::Damaged(e.to_string()))?;
        for name in book.sheet_names().to_vec() {
            // A sheet that cannot be read is skipped; «Протокол» missing is said below.
            if let Ok(t) = book.table(&name) {
                sheets.push((name, t.table));
            }
        }
    } else {
        let (_, text, _) = decode::detect_and_decode(bytes);
        if text.trim().is_empty() {
            return Err(ProtocolError::Empty);
        }
        let delimiter = table::detect_delimiter(&text);
        sheets.push((String::new(), table::parse(&text, delimiter)));
    }
    let mut first_row = String::new();
    let mut found = None;
    for (i, (_, t)) in sheets.iter().enumerate() {
        if first_row.is_empty() {
            if let Some(r) = t.rows.first() {
                first_row = r.cells.join(" | ").chars().take(120).collect();
            }
        }
        if let Some(h) = find_header(t) {
            found = Some((i, h));
            break;
        }
    }
    let Some((index, header)) = found else {
        return Err(ProtocolError::NotProtocol { first_row });
    };
    let (sheet_name, t) = &sheets[index];
    let mut diags = Diagnostics::with_limit(200);
    let mut p = read_rows(t, &header, &mut diags);
    p.file = file.map(str::to_string);
    identify(&mut p, &sheets, file, &mut diags);
    if !p.has_journal {
        diags.push(Diagnostic::general(
            Severity::Warning,
            DiagnosticKind::NoJournalColumn,
            "в протоколе нет столбца «Отметка за предыдущий триместр/ четверть/полугодие»: отметки ВПР посчитаны, но сравнить их с отметками в журнале нельзя",
        ));
    }
    let mut list = diags.finish();
    for d in &mut list {
        d.file = p.file.clone();
        if d.row.is_some() && !sheet_name.is_empty() {
            d.sheet = Some(sheet_name.clone());
        }
    }
    p.diagnostics = list;
    Ok(p)
}

/// Columns of the header row.
struct Header {
    row: usize,
    login: Option<usize>,
    school: Option<usize>,
    municipality: Option<usize>,
    region: Option<usize>,
    date: Option<usize>,
    code: Option<usize>,
    variant: Option<usize>,
    class: Option<usize>,
    journal: Option<usize>,
    journal_header: String,
    total: usize,
    tasks: Vec<Task>,
}

/// «6 (2б)» → («6», 2); «11.2 (1б)», «1К1 (4б)», «4(1) (3б)» too.
fn task_of(header: &str) -> Option<(String, u32)> {
    let h = header.trim();
    let rest = h.strip_suffix("б)")?;
    let (name, max) = rest.rsplit_once('(')?;
    let max: u32 = max.trim().parse().ok()?;
    let name = name.trim();
    (name.chars().next()?.is_ascii_digit() && max > 0 && max <= 100)
        .then(|| (name.to_string(), max))
}

fn find_header(t: &Table) -> Option<Header> {
    for (i, row) in t.rows.iter().take(30).enumerate() {
        let names: Vec<String> = row.cells.iter().map(|c| normalize_label(c)).collect();
        let col = |n: &str| names.iter().position(|c| c == n);
        let Some(total) = col("итого баллов") else {
            continue;
        };
        let tasks: Vec<Task> = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(c, h)| {
                task_of(h).map(|(name, max)| Task {
                    header: h.trim().to_string(),
                    name,
                    max,
                    column: c,
                })
            })
            .collect();
        if tasks.is_empty() {
            continue;
        }
        return Some(Header {
            row: i,
            login: col("пользователь"),
            school: col("школа"),
            municipality: col("муниципалитет"),
            region: col("регион"),
            date: col("дата загрузки"),
            code: col("код"),
            variant: col("вариант"),
            class: col("наименование класса").or_else(|| col("класс")),
            journal: names
                .iter()
                .position(|c| c.starts_with("отметка за предыдущ")),
            journal_header: names
                .iter()
                .position(|c| c.starts_with("отметка за предыдущ"))
                .map(|c| row.get(c).trim().to_string())
                .unwrap_or_default(),
            total,
            tasks,
        });
    }
    None
}

/// «edu223017 | МБОУ …» → («edu223017», «МБОУ …»).
fn split_pair(cell: &str) -> (String, Option<String>) {
    match cell.split_once(" | ") {
        Some((a, b)) => (a.trim().to_string(), Some(b.trim().to_string())),
        None => (cell.trim().to_string(), None),
    }
}

/// A whole number of points as written («2», «2.0» from a spreadsheet float).
fn points(text: &str) -> Option<u32> {
    let t = text.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    t.parse().ok()
}

fn read_rows(t: &Table, h: &Header, diags: &mut Diagnostics) -> Protocol {
    let mut p = Protocol {
        file: None,
        subject: Subject::Other(String::new()),
        grade: None,
        year: None,
        identified_by: String::new(),
        tasks: h.tasks.clone(),
        schools: Vec::new(),
        pupils: Vec::new(),
        has_journal: h.journal.is_some(),
        diagnostics: Vec::new(),
    };
    let header_row = &t.rows[h.row];
    let total_name = header_row.get(h.total).trim().to_string();
    let data = &t.rows[h.row + 1..];
    if data.len() > MAX_PUPILS {
        diags.push(Diagnostic::general(
            Severity::Error,
            DiagnosticKind::TooManyPupils,
            format!(
                "в протоколе {} строк; прочитаны первые {MAX_PUPILS}",
                data.len()
            ),
        ));
    }
    for row in data.iter().take(MAX_PUPILS) {
        if let Some(pupil) = read_pupil(row, h, &total_name, &mut p, diags) {
            p.pupils.push(pupil);
        }
    }
    if p.year.is_none() {
        p.year = h
            .date
            .and_then(|c| data.iter().find_map(|r| Year::of_date(r.get(c))));
    }
    p
}

fn read_pupil(
    row: &Row,
    h: &Header,
    total_name: &str,
    p: &mut Protocol,
    diags: &mut Diagnostics,
) -> Option<Pupil> {
    let (login, name) = match (h.login, h.school) {
        (Some(l), Some(s)) => {
            let (code, name) = split_pair(row.get(s));
            let login = row.get(l).trim();
            (
                if login.is_empty() {
                    code
                } else {
                    login.to_string()
                },
                name,
            )
        }
        (None, Some(s)) => split_pair(row.get(s)),
        (Some(l), None) => (row.get(l).trim().to_string(), None),
        (None, None) => (String::new(), None),
    };
    // A row with neither a pupil code nor any score is not a pupil (a note under the table).
    let code = h
        .code
        .map(|c| row.get(c).trim().to_string())
        .unwrap_or_default();
    let any_score = h.tasks.iter().any(|t| !row.get(t.column).trim().is_empty());
    if code.is_empty() && !any_score {
        return None;
    }
    let school = match p.schools.iter().position(|s| s.login == login) {
        Some(i) => i,
        None => {
            let second = |c: Option<usize>| c.and_then(|c| split_pair(row.get(c)).1);
            p.schools.push(ProtocolSchool {
                login: login.clone(),
                name,
                municipality: second(h.municipality),
                region: second(h.region),
            });
            p.schools.len() - 1
        }
    };
    let variant = h
        .variant
        .map(|c| normalize_label(row.get(c)))
        .unwrap_or_default();
    let absent = variant.starts_with("отсутств") || !any_score;
    let class = h
        .class
        .map(|c| row.get(c).trim().to_string())
        .unwrap_or_default();
    let mut pupil = Pupil {
        row: row.line,
        school,
        code,
        class,
        absent,
        scores: vec![None; h.tasks.len()],
        total: 0,
        journal: None,
    };
    if absent {
        return Some(pupil);
    }
    let mut sum = 0u32;
    for (i, task) in h.tasks.iter().enumerate() {
        let raw = row.get(task.column).trim();
        let norm = normalize_label(raw);
        if norm.starts_with("не пройд") || norm.starts_with("непройд") {
            continue;
        }
        let score = match points(raw) {
            Some(s) => s,
            None if raw.is_empty() => {
                diags.push(Diagnostic::at(
                    Severity::Warning,
                    DiagnosticKind::MissingScore,
                    row.line,
                    &task.header,
                    "",
                    "у участника нет балла за задание; посчитан как 0",
                ));
                0
            }
            None => {
                diags.push(Diagnostic::at(
                    Severity::Error,
                    DiagnosticKind::BadScore,
                    row.line,
                    &task.header,
                    raw,
                    "балл за задание — не целое число; посчитан как 0",
                ));
                0
            }
        };
        if score > task.max {
            diags.push(Diagnostic::at(
                Severity::Error,
                DiagnosticKind::ScoreAboveMax,
                row.line,
                &task.header,
                raw,
                format!(
                    "балл больше максимума задания ({}): так не бывает — проверьте протокол",
                    task.max
                ),
            ));
        }
        sum += score;
        pupil.scores[i] = Some(score);
    }
    let total_raw = row.get(h.total).trim();
    pupil.total = match points(total_raw) {
        Some(t) => {
            if t != sum {
                diags.push(Diagnostic::at(
                    Severity::Warning,
                    DiagnosticKind::TotalMismatch,
                    row.line,
                    total_name,
                    total_raw,
                    format!(
                        "итог не равен сумме баллов за задания ({sum}); отметка поставлена по итогу из протокола"
                    ),
                ));
            }
            t
        }
        None => {
            if !total_raw.is_empty() {
                diags.push(Diagnostic::at(
                    Severity::Error,
                    DiagnosticKind::BadTotal,
                    row.line,
                    total_name,
                    total_raw,
                    format!("итог — не целое число; взята сумма баллов за задания ({sum})"),
                ));
            }
            sum
        }
    };
    let max: u32 = h.tasks.iter().map(|t| t.max).sum();
    if pupil.total > max {
        diags.push(Diagnostic::at(
            Severity::Error,
            DiagnosticKind::TotalAboveMax,
            row.line,
            total_name,
            total_raw,
            format!("итог больше максимального балла работы ({max})"),
        ));
    }
    if let Some(c) = h.journal {
        let raw = row.get(c).trim();
        pupil.journal = match points(raw) {
            Some(m @ 2..=5) => Some(m as u8),
            _ if raw.is_empty() => None,
            _ => {
                diags.push(Diagnostic::at(
                    Severity::Warning,
                    DiagnosticKind::BadJournalMark,
                    row.line,
                    &h.journal_header,
                    raw,
                    "отметка в журнале — не «2»…«5»; этот участник не сравнивается с журналом",
                ));
                None
            }
        };
    }
    Some(pupil)
}
