//! Format B, the results table (formats.md §B): one row per school × year × procedure, for one
//! school or thousands. Columns are found by their Russian or English names; each row becomes
//! one identification cell (`vpr.math.5` in 2022-2023 = 11/30) of its school.
//!
//! Built for national files (a million rows): one pass, schools looked up in a hash map, and a
//! repeated problem (the same unknown procedure in every school) reported once with a count.

use std::collections::HashMap;

use super::catalogue;
use super::cell::{self, normalize_label, parse_count, parse_num};
use super::model::{Diagnostic, Diagnostics, Loc, Marks, School, Severity, Value, Year};
use super::table::{Row, Table};

/// A column of format B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    School,
    SchoolCode,
    Municipality,
    Year,
    Procedure,
    Subject,
    Grade,
    Level,
    Retake,
    Participants,
    Failed,
    Share,
    N2,
    N3,
    N4,
    N5,
}

/// Header spellings, already normalised (`normalize_label`).
const NAMES: &[(Col, &[&str])] = &[
    (
        Col::School,
        &[
            "оо",
            "school",
            "школа",
            "образовательная организация",
            "наименование оо",
            "название оо",
            "организация",
        ],
    ),
    (
        Col::SchoolCode,
        &[
            "код оо",
            "school code",
            "school_code",
            "логин",
            "логин оо",
            "school login",
            "school_login",
            "код",
        ],
    ),
    (
        Col::Municipality,
        &[
            "муниципалитет",
            "municipality",
            "муниципальное образование",
            "мо",
            "район",
            "муниципальный район",
            "территория",
        ],
    ),
    (Col::Year, &["учебный год", "year", "год", "school year"]),
    (
        Col::Procedure,
        &[
            "процедура",
            "procedure",
            "оценочная процедура",
            "вид процедуры",
        ],
    ),
    (Col::Subject, &["предмет", "subject", "учебный предмет"]),
    (Col::Grade, &["класс", "grade", "параллель"]),
    (Col::Level, &["уровень", "level"]),
    (Col::Retake, &["повторно", "retake", "пересдача"]),
    (
        Col::Participants,
        &[
            "участников",
            "participants",
            "количество участников",
            "участники",
            "писали",
            "n",
        ],
    ),
    (
        Col::Failed,
        &[
            "не справились",
            "failed",
            "не справилось",
            "получили 2",
            "не преодолели минимальный порог",
            "не преодолели минимум",
            "ниже минимума",
        ],
    ),
    (
        Col::Share,
        &["доля", "share", "доля %", "процент", "доля не справившихся"],
    ),
    (Col::N2, &["2", "n2", "отметка 2", "«2»"]),
    (Col::N3, &["3", "n3", "отметка 3"]),
    (Col::N4, &["4", "n4", "отметка 4"]),
    (Col::N5, &["5", "n5", "отметка 5"]),
];

/// The header row and where each column is.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub row: usize,
    pub cols: HashMap<Col, usize>,
}

impl Header {
    fn get<'a>(&self, row: &'a Row, col: Col) -> Option<&'a str> {
        self.cols.get(&col).map(|&i| row.get(i).trim())
    }
}

/// Finds a format-B header among the first 30 rows: it must name the year and the procedure
/// (or the subject) and the participants or the result.
pub fn find_header(table: &Table) -> Option<Header> {
    for (i, row) in table.rows.iter().take(30).enumerate() {
        let mut cols = HashMap::new();
        for (c, text) in row.cells.iter().enumerate() {
            let n = normalize_label(text);
            if let Some((col, _)) = NAMES.iter().find(|(_, names)| names.contains(&n.as_str())) {
                cols.entry(*col).or_insert(c);
            }
        }
        let has = |c: Col| cols.contains_key(&c);
        if has(Col::Year)
            && (has(Col::Procedure) || has(Col::Subject))
            && (has(Col::Failed) || has(Col::Share) || has(Col::N2))
        {
            return Some(Header { row: i, cols });
        }
    }
    None
}

/// The catalogue code of a procedure described by its columns, or why there is none.
pub fn procedure_code(
    procedure: &str,
    subject: &str,
    grade: &str,
    level: &str,
    retake: bool,
) -> Result<&'static str, String> {
    procedure_code_at(procedure, subject, grade, level, retake).map_err(|(_, msg)| msg)
}

/// `procedure_code` with the column at fault, so that the diagnostic points at the cell that
/// is wrong (a subject «физика» is in `предмет`, a missing grade in `класс`), not always at
/// `процедура`.
fn procedure_code_at(
    procedure: &str,
    subject: &str,
    grade: &str,
    level: &str,
    retake: bool,
) -> Result<&'static str, (Col, String)> {
    let p = normalize_label(procedure);
    let s = normalize_label(subject);
    let l = normalize_label(level);
    let kind = if p.contains("впр") || p == "vpr" {
        "vpr"
    } else if p.contains("огэ") || p == "oge" || p.contains("гиа 9") {
        "oge"
    } else if p.contains("егэ") || p == "ege" || p.contains("гиа 11") {
        "ege"
    } else {
        return Err((
            Col::Procedure,
            format!("процедура «{procedure}» не из методики (ожидалось ВПР, ОГЭ или ЕГЭ)"),
        ));
    };
    let subj = if s.starts_with("мат") || s.starts_with("math") || s.starts_with("алгебр")
    {
        "math"
    } else if s.starts_with("рус") || s.starts_with("rus") {
        "rus"
    } else {
        return Err((
            Col::Subject,
            format!("предмет «{subject}» не учитывается методикой (математика, русский язык)"),
        ));
    };
    let code = match kind {
        "vpr" => {
            let g = parse_count(grade).ok_or_else(|| {
                (
                    Col::Grade,
                    format!("для ВПР нужен класс (4–8), а указано «{grade}»"),
                )
            })?;
            format!("vpr.{subj}.{g}")
        }
        "oge" => format!("oge.{subj}{}", if retake { ".retake" } else { "" }),
        _ if subj == "rus" => format!("ege.rus{}", if retake { ".retake" } else { "" }),
        _ if retake => "ege.math.retake".to_string(),
        _ => {
            let text = format!("{s} {l}");
            if text.contains("проф") || text.contains("prof") {
                "ege.math.profile".to_string()
            } else if text.contains("баз") || text.contains("base") || text.contains("basic") {
                "ege.math.base".to_string()
            } else {
                return Err((
                    Col::Level,
                    "для ЕГЭ по математике нужен уровень: «база» или «профиль»".to_string(),
                ));
            }
        }
    };
    // Only the grade can take a code out of the catalogue (ВПР 9 and the like).
    catalogue::find(&code).map(|i| i.code).ok_or_else(|| {
        (
            Col::Grade,
            format!("процедура «{procedure} {subject} {grade}» не из каталога"),
        )
    })
}

/// Reads a format-B table into schools, in the order they first appear.
pub fn read(table: &Table, header: &Header, diags: &mut Diagnostics) -> Vec<School> {
    let head = &table.rows[header.row];
    let col_name = |c: Col| {
        header
            .cols
            .get(&c)
            .map(|&i| head.get(i).trim().to_string())
            .unwrap_or_default()
    };
    let mut schools: Vec<School> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    // Problems that repeat across rows are reported once, with the number of rows.
    let mut repeated: HashMap<String, (usize, usize, String, String)> = HashMap::new();

    for row in &table.rows[header.row + 1..] {
        let get = |c: Col| header.get(row, c).unwrap_or("");
        let name = cell::clean(get(Col::School));
        let municipality = cell::clean(get(Col::Municipality));
        let code = cell::clean(get(Col::SchoolCode));
        let year_text = get(Col::Year);
        let Some(year) = Year::parse(year_text) else {
            diags.push(Diagnostic::at(
                Severity::Error,
                row.line,
                col_name(Col::Year),
                year_text,
                "не учебный год (ожидалось, например, 2022-2023): строка пропущена",
            ));
            continue;
        };
        let retake_text = get(Col::Retake);
        let retake = !retake_text.is_empty() && cell::parse_yes_no(retake_text).unwrap_or(true);
        let level = get(Col::Level);
        let proc_code = match procedure_code_at(
            get(Col::Procedure),
            get(Col::Subject),
            get(Col::Grade),
            level,
            retake,
        ) {
            Ok(c) => c,
            Err((col, msg)) => {
                // The ЕГЭ level may be written in `предмет` when there is no `уровень` column.
                let col = if col == Col::Level && !header.cols.contains_key(&Col::Level) {
                    Col::Subject
                } else {
                    col
                };
                let e = repeated.entry(msg.clone()).or_insert((
                    row.line,
                    0,
                    col_name(col),
                    get(col).to_string(),
                ));
                e.1 += 1;
                continue;
            }
        };
        let key = (name.clone(), municipality.clone(), code.clone());
        let idx = *index.entry(key).or_insert_with(|| {
            let mut s = School::default();
            s.meta.name = Some(name.clone()).filter(|n| !n.is_empty());
            s.meta.municipality = Some(municipality.clone()).filter(|n| !n.is_empty());
            s.meta.code = Some(code.clone()).filter(|n| !n.is_empty());
            schools.push(s);
            schools.len() - 1
        });
        let school = &mut schools[idx];
        if school
            .cells
            .get(proc_code)
            .is_some_and(|m| m.contains_key(&year))
        {
            let first = school.cells[proc_code][&year].loc.row.unwrap_or(0);
            diags.push(Diagnostic::at(
                Severity::Warning,
                row.line,
                // Every diagnostic names a column (formats.md): the row repeats a procedure.
                col_name(Col::Procedure),
                format!("{proc_code} {year}"),
                format!("повторная строка той же школы, года и процедуры (впервые — строка {first}): взята первая"),
            ));
            continue;
        }
        let loc = Loc {
            row: Some(row.line),
            column: None,
        };
        let value = read_result(row, header, &col_name, diags);
        school.set(proc_code, year, value, loc);
    }
    let mut repeated: Vec<_> = repeated.into_iter().collect();
    repeated.sort_by_key(|(_, (line, ..))| *line);
    for (msg, (line, count, column, value)) in repeated {
        let more = if count > 1 {
            format!(" — {} {}", count, cell_rows(count))
        } else {
            String::new()
        };
        diags.push(Diagnostic::at(
            Severity::Info,
            line,
            column,
            value,
            format!("{msg}: строка не учитывается{more}"),
        ));
    }
    schools
}

fn cell_rows(n: usize) -> &'static str {
    super::ru::plural(n as u64, "строка", "строки", "строк")
}

/// The result of one row: participants with «2» (or mark counts, or a share).
fn read_result(
    row: &Row,
    header: &Header,
    col_name: &dyn Fn(Col) -> String,
    diags: &mut Diagnostics,
) -> Value {
    let get = |c: Col| header.get(row, c).unwrap_or("");
    let bad = |diags: &mut Diagnostics, c: Col, value: &str, msg: &str| {
        diags.push(Diagnostic::at(
            Severity::Error,
            row.line,
            col_name(c),
            value,
            msg,
        ));
        Value::Invalid(value.to_string())
    };
    let count = |c: Col| -> Result<Option<u32>, ()> {
        let t = get(c);
        let t = cell::clean(t);
        if t.is_empty() || t == "—" {
            return Ok(None);
        }
        parse_count(&t).map(Some).ok_or(())
    };
    let participants_text = get(Col::Participants);
    if is_not_held(participants_text) || is_not_held(get(Col::Failed)) {
        return Value::NotHeld;
    }
    let participants = match count(Col::Participants) {
        Ok(p) => p,
        Err(()) => {
            return bad(
                diags,
                Col::Participants,
                participants_text,
                count_problem(participants_text),
            )
        }
    };
    // Mark counts, when any is given.
    let mut marks = [0u32; 4];
    let mut any_mark = false;
    for (i, c) in [Col::N2, Col::N3, Col::N4, Col::N5].into_iter().enumerate() {
        match count(c) {
            Ok(Some(n)) => {
                marks[i] = n;
                any_mark = true;
            }
            Ok(None) => {}
            Err(()) => return bad(diags, c, get(c), count_problem(get(c))),
        }
    }
    let marks = any_mark.then_some(Marks {
        n2: marks[0],
        n3: marks[1],
        n4: marks[2],
        n5: marks[3],
    });
    let failed = match count(Col::Failed) {
        Ok(f) => f,
        Err(()) => {
            return bad(
                diags,
                Col::Failed,
                get(Col::Failed),
                count_problem(get(Col::Failed)),
            )
        }
    };
    let failed = failed.or(marks.map(|m| m.n2));
    let participants = participants.or(marks.map(|m| m.total()));
    if let (Some(m), Some(p)) = (marks, participants) {
        if m.total() != p {
            diags.push(Diagnostic::at(
                Severity::Warning,
                row.line,
                col_name(Col::Participants),
                p.to_string(),
                format!(
                    "сумма отметок «2»–«5» ({}) не равна числу участников",
                    m.total()
                ),
            ));
        }
    }
    if let (Some(f), Some(m)) = (failed, marks) {
        if header.cols.contains_key(&Col::Failed)
            && f != m.n2
            && header.get(row, Col::Failed) != Some("")
        {
            diags.push(Diagnostic::at(
                Severity::Warning,
                row.line,
                col_name(Col::Failed),
                f.to_string(),
                format!(
                    "не совпадает с числом отметок «2» ({}); взято «не справились»",
                    m.n2
                ),
            ));
        }
    }
    let share_text = get(Col::Share);
    let share = if share_text.is_empty() {
        None
    } else {
        match cell::parse(share_text, catalogue::Kind::Share) {
            Ok(Value::Percent { value, .. }) => Some(value),
            Ok(Value::Ratio { part, whole, .. }) => {
                parse_num(&format!("{:.6}", part as f64 * 100.0 / whole as f64))
            }
            Ok(_) => None,
            Err(msg) => return bad(diags, Col::Share, share_text, &msg),
        }
    };
    match (failed, participants) {
        (Some(f), Some(p)) if f > p => bad(
            diags,
            Col::Failed,
            &f.to_string(),
            &format!("не справившихся больше, чем участников ({p})"),
        ),
        (Some(_), Some(0)) => Value::Missing,
        (Some(f), Some(p)) => {
            if let Some(s) = share {
                let computed = f as f64 * 100.0 / p as f64;
                if (computed - s.to_f64()).abs() > 0.5 + 100.0 / (2.0 * p as f64) {
                    // 0,367 next to 11 из 30: the share was written as a fraction of one
                    // (a percent-formatted cell saved as a plain number).
                    let hint = if s.to_f64() <= 1.0
                        && (computed - s.to_f64() * 100.0).abs() <= 0.5 + 100.0 / (2.0 * p as f64)
                    {
                        "; похоже, доля записана в долях единицы, а не в процентах"
                    } else {
                        ""
                    };
                    diags.push(Diagnostic::at(
                        Severity::Warning,
                        row.line,
                        col_name(Col::Share),
                        share_text,
                        format!(
                            "доля не совпадает с {f} из {p} ({}); взято {f} из {p}{hint}",
                            super::ru::percent(computed)
                        ),
                    ));
                }
            }
            Value::Ratio {
                part: f,
                whole: p,
                marks,
            }
        }
        (None, p) => match share {
            Some(value) => Value::Percent { value, of: p },
            None => Value::Missing,
        },
        (Some(_), None) => bad(
            diags,
            Col::Participants,
            participants_text,
            "нет числа участников: долю не посчитать",
        ),
    }
}

/// Why a count cell is not a count, in words: negative, fractional, or not a number at all.
fn count_problem(text: &str) -> &'static str {
    match parse_num(&cell::clean(text)) {
        Some(n) if n.mant < 0 => "количество не может быть отрицательным",
        Some(_) => "количество должно быть целым числом",
        None => "не число (ожидалось целое число учеников)",
    }
}

fn is_not_held(t: &str) -> bool {
    matches!(cell::parse(t, catalogue::Kind::Share), Ok(Value::NotHeld))
}
