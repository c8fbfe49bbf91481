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

use serde::{Deserialize, Serialize};

use super::super::cell::normalize_label;
use super::super::decode;
use super::super::model::{Diagnostic, Diagnostics, Severity, Year};
use super::super::sheet::{self, SheetError};
use super::super::table::{self, Row, Table};

/// The subject of a protocol. ДТК rows exist for mathematics and Russian; other subjects are
/// read and analysed but go nowhere in the ДТК.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Math,
    Rus,
    /// Any other ВПР subject, by its textbook-code prefix or name.
    Other(String),
}

impl Subject {
    /// «математика», «русский язык».
    pub fn label(&self) -> String {
        match self {
            Subject::Math => "математика".to_string(),
            Subject::Rus => "русский язык".to_string(),
            Subject::Other(s) => s.clone(),
        }
    }

    /// The catalogue's subject code (`vpr.<code>.<grade>`), for the ДТК subjects.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Subject::Math => Some("math"),
            Subject::Rus => Some("rus"),
            Subject::Other(_) => None,
        }
    }
}

/// One task of the work: its header as written («6 (2б)»), its name («6») and maximum (2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub header: String,
    pub name: String,
    pub max: u32,
    /// 0-based column on the «Протокол» sheet.
    #[serde(skip, default)]
    pub column: usize,
}

/// A school named in the protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProtocolSchool {
    /// ФИС ОКО login («edu223017»).
    pub login: String,
    pub name: Option<String>,
    pub municipality: Option<String>,
    pub region: Option<String>,
}

impl ProtocolSchool {
    /// «МБОУ "Вавилонская СОШ" (edu223017)».
    pub fn title(&self) -> String {
        match &self.name {
            Some(n) if !self.login.is_empty() => format!("{n} ({})", self.login),
            Some(n) => n.clone(),
            None => self.login.clone(),
        }
    }
}

/// One pupil's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    /// The sheet's row number (1-based), for diagnostics.
    pub row: usize,
    /// Index into [`Protocol::schools`].
    pub school: usize,
    pub code: String,
    pub class: String,
    /// Absent («отсутствовал», or no score at all): not a participant.
    pub absent: bool,
    /// Per task: the score, `None` for «не пройд.» (and for an absent pupil).
    pub scores: Vec<Option<u32>>,
    /// The total used for the mark: «Итого баллов» as ФИС ОКО wrote it, else the sum.
    pub total: u32,
    /// The journal mark 2–5, when the protocol has one for this pupil.
    pub journal: Option<u8>,
}

/// A protocol that was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Protocol {
    pub file: Option<String>,
    pub subject: Subject,
    pub grade: Option<u32>,
    /// The school year of the upload date (spring 2022 → 2021-2022).
    pub year: Option<Year>,
    /// Where subject and grade came from («учебник ma5.8 на листе «Классы»», «имя файла»).
    pub identified_by: String,
    pub tasks: Vec<Task>,
    pub schools: Vec<ProtocolSchool>,
    pub pupils: Vec<Pupil>,
    /// Whether the sheet has the journal-mark column at all.
    pub has_journal: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl Protocol {
    /// The maximum total: the sum of the tasks' maxima.
    pub fn max_total(&self) -> u32 {
        self.tasks.iter().map(|t| t.max).sum()
    }

    /// «математика, 5 класс, 2021-2022».
    pub fn title(&self) -> String {
        let mut parts = vec![self.subject.label()];
        if let Some(g) = self.grade {
            parts.push(format!("{g} класс"));
        }
        if let Some(y) = self.year {
            parts.push(format!("{y} учебный год"));
        }
        parts.join(", ")
    }
}

/// Why a file could not be read as a protocol at all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ProtocolError {
    Empty,
    /// The workbook is damaged or encrypted (the spreadsheet reader's wording).
    Damaged(String),
    /// No sheet with a protocol header.
    NotProtocol {
        first_row: String,
    },
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::Empty => write!(f, "файл пуст"),
            ProtocolError::Damaged(d) => write!(f, "файл не открывается как книга Excel: {d}. Скачайте протокол из ФИС ОКО заново"),
            ProtocolError::NotProtocol { first_row } => write!(
                f,
                "это не протокол ВПР из ФИС ОКО: не найден лист со столбцами «Вариант», заданиями вида «6 (2б)» и «Итого баллов». Первая строка: «{first_row}»"
            ),
        }
    }
}

impl std::error::Error for ProtocolError {}

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
        let mut book = sheet::open(bytes).map_err(|e| match e {
            SheetError::Password { .. } | SheetError::Corrupt { .. } => {
                ProtocolError::Damaged(e.to_string())
            }
        })?;
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
            .and_then(|c| data.iter().find_map(|r| year_of(r.get(c))));
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

/// «17.03.2022 05:09:18» → 2021-2022 (a school year starts in September).
pub fn year_of(cell: &str) -> Option<Year> {
    let date = cell.split_whitespace().next()?;
    let mut parts = date.split('.');
    let (_, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let (month, year): (u16, u16) = (month.parse().ok()?, year.parse().ok()?);
    let start = if month >= 9 {
        year
    } else {
        year.checked_sub(1)?
    };
    (1990..=2100).contains(&start).then_some(Year(start))
}

/// Subject and grade: the textbook code on «Классы» (`ma5.8` → mathematics, 5), else the
/// pupils' codes (50001 → grade 5) and the task names («1К1» is Russian), else the file name.
fn identify(
    p: &mut Protocol,
    sheets: &[(String, Table)],
    file: Option<&str>,
    diags: &mut Diagnostics,
) {
    let mut by = Vec::new();
    for (_, t) in sheets {
        let Some((i, c)) = t.rows.iter().take(30).enumerate().find_map(|(i, r)| {
            r.cells
                .iter()
                .position(|c| normalize_label(c) == "основной учебник по предмету")
                .map(|c| (i, c))
        }) else {
            continue;
        };
        let Some(code) = t.rows[i + 1..]
            .iter()
            .map(|r| r.get(c).trim())
            .find(|v| !v.is_empty())
        else {
            continue;
        };
        let head: String = code
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let letters: String = head
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let grade: Option<u32> = head[letters.len()..]
            .parse()
            .ok()
            .filter(|g| (1..=11).contains(g));
        let subject = match letters.as_str() {
            "ma" => Some(Subject::Math),
            "ru" => Some(Subject::Rus),
            "" => None,
            other => Some(Subject::Other(other.to_string())),
        };
        if let Some(s) = subject {
            p.subject = s;
            p.grade = grade;
            by.push(format!("учебник {} на листе «Классы»", head));
        }
        // A protocol year can also be read from «Классы».
        if p.year.is_none() {
            if let Some(dc) = t.rows[i]
                .cells
                .iter()
                .position(|c| normalize_label(c) == "дата загрузки")
            {
                p.year = t.rows[i + 1..].iter().find_map(|r| year_of(r.get(dc)));
            }
        }
        break;
    }
    if p.grade.is_none() {
        // ФИС ОКО numbers pupils «50001…» in grade 5, «60001…» in grade 6.
        let grade = p.pupils.iter().find_map(|x| {
            (x.code.len() == 5)
                .then(|| x.code[..1].parse::<u32>().ok())
                .flatten()
        });
        if let Some(g) = grade.filter(|g| (4..=9).contains(g)) {
            p.grade = Some(g);
            by.push("коды участников".to_string());
        }
    }
    let name = file.map(str::to_lowercase).unwrap_or_default();
    if matches!(p.subject, Subject::Other(ref s) if s.is_empty()) {
        if p.tasks.iter().any(|t| t.name.contains('К'))
            || name.contains("rus")
            || name.contains("русск")
        {
            p.subject = Subject::Rus;
            by.push("задания и имя файла".to_string());
        } else if name.contains("math") || name.contains("mat") || name.contains("матем") {
            p.subject = Subject::Math;
            by.push("имя файла".to_string());
        } else {
            diags.push(Diagnostic::general(
                Severity::Warning,
                "предмет не определён: на листе «Классы» нет кода учебника — выберите предмет",
            ));
        }
    }
    if p.grade.is_none() {
        diags.push(Diagnostic::general(
            Severity::Warning,
            "класс (параллель) не определён — выберите его",
        ));
    }
    if p.year.is_none() {
        diags.push(Diagnostic::general(
            Severity::Warning,
            "учебный год не определён: в протоколе нет даты загрузки — выберите год",
        ));
    }
    p.identified_by = by.join(", ");
}
