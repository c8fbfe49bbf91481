//! Format B, the results table (formats.md §B): one row per school × year × procedure, for one
//! school or thousands. Columns are found by their Russian or English names; each row becomes
//! one identification cell (`vpr.math.5` in 2022-2023 = 11/30) of its school.
//!
//! Built for national files (a million rows): one pass, schools looked up in a hash map, and a
//! repeated problem (the same unknown procedure in every school) reported once with a count.

use std::collections::HashMap;

use crate::core::catalogue;
use crate::core::model::{
    Cell, Diagnostic, DiagnosticKind, Diagnostics, Loc, School, Severity, Year,
};
use crate::core::read::cell::{self, normalize_label, parse_count};
use crate::core::read::table::{Row, RowRef, Table};

mod columns;
mod result;

pub use columns::{column_of, find_header, Col, Header};

use result::read_result;

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
    let mut reader = Reader::new(&table.rows[header.row], header);
    for row in &table.rows[header.row + 1..] {
        reader.push_row(row, diags);
        // Past the budget the caller refuses the file (`load::load_table`); no need to go on.
        if reader.schools() > crate::core::read::limits::MAX_SCHOOLS {
            break;
        }
    }
    reader.finish(diags)
}

/// A format-B reader fed one data row at a time, so that a national file is read as it is
/// split, without holding a million rows of cells (`load` streams CSV text through it; `read`
/// feeds it a table).
///
/// The same values repeat down a long file — the school on 27 rows running, the same nine
/// procedures, three years — so the last school, the year and every distinct procedure
/// description are remembered instead of being parsed again on each row.
pub struct Reader {
    header: Header,
    /// The header's cells as written, for diagnostics.
    names: Vec<String>,
    schools: Vec<School>,
    /// School key (name, municipality, code joined by U+001F) → index into `schools`.
    index: HashMap<String, usize, Fx>,
    /// The last row's school cells as written (joined like `index`'s keys) and its index:
    /// a school's rows come together, so most rows are matched without cleaning or hashing.
    last_school: Option<(String, usize)>,
    /// Procedure description (the five columns joined by U+001F) → its index in `described`.
    procedures: HashMap<String, usize, Fx>,
    /// Every distinct procedure description, in the order first seen.
    described: Vec<Described>,
    /// The last row's description: the next row's is first guessed to be the one that
    /// followed it before (a school's rows list the procedures in the same order each year).
    last_proc: Option<usize>,
    /// Year cells as written and what they parse to (a file names a handful of years).
    years: Vec<(String, Option<Year>)>,
    /// How many of `years` parse: the room a school's new indicator row gets (`School::row_of`).
    named_years: usize,
    key: String,
    /// Problems that repeat across rows are reported once, with the number of rows.
    repeated: HashMap<String, (usize, usize, String, String)>,
}

/// The header's cell of column `c` as written ("" when there is none), for diagnostics.
fn col_name(header: &Header, names: &[String], c: Col) -> String {
    header
        .col(c)
        .and_then(|i| names.get(i).cloned())
        .unwrap_or_default()
}

/// A procedure description of the file and what it means.
struct Described {
    /// The five columns joined by U+001F (as `Reader::procedures` keys).
    key: String,
    /// Its code, or the column at fault and why there is none.
    code: Result<&'static str, (Col, String)>,
    /// The description of the row that followed one with this description, last time.
    next: Option<usize>,
}

/// Whether `key` is `parts` joined as the reader joins them (each followed by U+001F): the
/// parts are compared in place, without building the joined key for each row.
fn same_key(key: &str, parts: &[&str]) -> bool {
    let mut rest = key.as_bytes();
    for p in parts {
        match rest
            .strip_prefix(p.as_bytes())
            .and_then(|r| r.strip_prefix(&[0x1f]))
        {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// The reader's own keys are hashed with FxHash, looked up once per row: the standard SipHash,
/// made to resist crafted keys, costs more than the rest of a row here, and these keys come
/// from the user's own file.
type Fx = rustc_hash::FxBuildHasher;

/// A cell cleaned as `cell::clean` does, without a copy when there is nothing to replace.
fn clean_cow(raw: &str) -> std::borrow::Cow<'_, str> {
    // U+00A0 is C2 A0 in UTF-8, U+202F and U+2009 are E2 80 AF / E2 80 89: look at bytes.
    let b = raw.as_bytes();
    // Cyrillic letters begin with D0/D1, so a byte search for C2 or E2 is nearly always empty.
    let special = memchr::memchr2(0xC2, 0xE2, b).is_some()
        && (0..b.len().saturating_sub(1)).any(|i| {
            (b[i] == 0xC2 && b[i + 1] == 0xA0)
                || (b[i] == 0xE2
                    && b.get(i + 2)
                        .is_some_and(|&c| b[i + 1] == 0x80 && (c == 0xAF || c == 0x89)))
        });
    if special {
        std::borrow::Cow::Owned(cell::clean(raw))
    } else {
        std::borrow::Cow::Borrowed(cell::trim(raw))
    }
}

impl Reader {
    /// A reader for the columns of `header`, whose row is `head`.
    pub fn new(head: &Row, header: &Header) -> Reader {
        Reader {
            header: header.clone(),
            names: head.cells.iter().map(|c| c.trim().to_string()).collect(),
            schools: Vec::new(),
            index: HashMap::default(),
            last_school: None,
            procedures: HashMap::default(),
            described: Vec::new(),
            last_proc: None,
            years: Vec::new(),
            named_years: 0,
            key: String::new(),
            repeated: HashMap::new(),
        }
    }

    fn col_name(&self, c: Col) -> String {
        col_name(&self.header, &self.names, c)
    }

    fn year(&mut self, text: &str) -> Option<Year> {
        if let Some((_, y)) = self.years.iter().find(|(t, _)| t == text) {
            return *y;
        }
        let y = Year::parse(text);
        // A file of many spellings is not cached beyond a few; each is then parsed anew.
        if self.years.len() < 16 {
            self.years.push((text.to_string(), y));
            self.named_years += usize::from(y.is_some());
        }
        y
    }

    /// The index in `described` of the procedure description `parts` (procedure, subject,
    /// grade, level, retake as «1»/«0»), read when new.
    fn procedure(&mut self, parts: &[&str; 5], retake: bool) -> usize {
        let guess = self.last_proc.and_then(|i| self.described[i].next);
        if let Some(next) = guess.filter(|&n| same_key(&self.described[n].key, parts)) {
            self.last_proc = Some(next);
            return next;
        }
        self.key.clear();
        for part in parts {
            self.key.push_str(part);
            self.key.push('\u{1f}');
        }
        let p = match self.procedures.get(self.key.as_str()) {
            Some(&p) => p,
            None => {
                let [procedure, subject, grade, level, _] = *parts;
                let code = procedure_code_at(procedure, subject, grade, level, retake);
                self.described.push(Described {
                    key: self.key.clone(),
                    code,
                    next: None,
                });
                let p = self.described.len() - 1;
                self.procedures.insert(self.key.clone(), p);
                p
            }
        };
        if let Some(prev) = self.last_proc {
            self.described[prev].next = Some(p);
        }
        self.last_proc = Some(p);
        p
    }

    /// The index of the school with these cells (as written), added when new.
    fn school(&mut self, name: &str, municipality: &str, code: &str) -> usize {
        let name = clean_cow(name);
        let municipality = clean_cow(municipality);
        let code = clean_cow(code);
        let key = [&name, &municipality, &code]
            .iter()
            .fold(String::new(), |k, part| k + part + "\u{1f}");
        if let Some(&i) = self.index.get(key.as_str()) {
            return i;
        }
        let mut s = School::default();
        s.meta.name = Some(name.to_string()).filter(|n| !n.is_empty());
        s.meta.municipality = Some(municipality.to_string()).filter(|n| !n.is_empty());
        s.meta.code = Some(code.to_string()).filter(|n| !n.is_empty());
        self.schools.push(s);
        self.index.insert(key, self.schools.len() - 1);
        self.schools.len() - 1
    }

    /// Reads one data row held as a [`Row`] (a table split whole, the first rows of a stream).
    pub fn push_row(&mut self, row: &Row, diags: &mut Diagnostics) {
        // A results row has a dozen cells: their slices go on the stack, not into a vector
        // allocated per row (a file with quotes is read this way to the end).
        const ON_STACK: usize = 32;
        let mut stack = [""; ON_STACK];
        let heap: Vec<&str>;
        let cells = if row.cells.len() <= ON_STACK {
            for (slot, cell) in stack.iter_mut().zip(&row.cells) {
                *slot = cell;
            }
            &stack[..row.cells.len()]
        } else {
            heap = row.cells.iter().map(String::as_str).collect();
            &heap
        };
        self.push(
            &RowRef {
                line: row.line,
                cells,
            },
            diags,
        );
    }

    /// Reads one data row.
    pub fn push(&mut self, row: &RowRef<'_>, diags: &mut Diagnostics) {
        let fields = self.header.fields(row);
        let get = |c: Col| fields.get(c).unwrap_or("");
        let year_text = get(Col::Year);
        let Some(year) = self.year(year_text) else {
            diags.push(Diagnostic::at(
                Severity::Error,
                DiagnosticKind::NotAYear,
                row.line,
                self.col_name(Col::Year),
                year_text,
                "не учебный год (ожидалось, например, 2022-2023): строка пропущена",
            ));
            return;
        };
        let retake_text = get(Col::Retake);
        let retake = !retake_text.is_empty() && cell::parse_yes_no(retake_text).unwrap_or(true);
        let parts = [
            get(Col::Procedure),
            get(Col::Subject),
            get(Col::Grade),
            get(Col::Level),
            if retake { "1" } else { "0" },
        ];
        let p = self.procedure(&parts, retake);
        let proc_code = match &self.described[p].code {
            Ok(c) => *c,
            Err((col, msg)) => {
                // The ЕГЭ level may be written in `предмет` when there is no `уровень` column.
                let col = if *col == Col::Level && self.header.col(Col::Level).is_none() {
                    Col::Subject
                } else {
                    *col
                };
                if let Some(e) = self.repeated.get_mut(msg.as_str()) {
                    e.1 += 1;
                } else {
                    let entry = (row.line, 1, self.col_name(col), get(col).to_string());
                    self.repeated.insert(msg.clone(), entry);
                }
                return;
            }
        };
        let (name, municipality, code) = (
            get(Col::School),
            get(Col::Municipality),
            get(Col::SchoolCode),
        );
        let idx = match &self.last_school {
            Some((k, i)) if same_key(k, &[name, municipality, code]) => *i,
            _ => {
                self.key.clear();
                for part in [name, municipality, code] {
                    self.key.push_str(part);
                    self.key.push('\u{1f}');
                }
                let i = self.school(name, municipality, code);
                self.last_school = Some((self.key.clone(), i));
                i
            }
        };
        let Reader {
            schools,
            header,
            names,
            named_years,
            ..
        } = self;
        // Room for every year the file names so far (parsed spellings, a handful).
        let cells = schools[idx].row_of(proc_code, year, *named_years);
        if let Some(first) = cells.get(&year).map(|c| c.loc.row.unwrap_or(0)) {
            diags.push(Diagnostic::at(
                Severity::Warning,
                DiagnosticKind::Repeated,
                row.line,
                // Every diagnostic names a column (formats.md): the row repeats a procedure.
                col_name(header, names, Col::Procedure),
                format!("{proc_code} {year}"),
                format!("повторная строка той же школы, года и процедуры (впервые — строка {first}): взята первая"),
            ));
            return;
        }
        let loc = Loc {
            row: Some(row.line),
            column: None,
        };
        let value = read_result(&fields, &|c| col_name(header, names, c), diags);
        cells.insert(year, Cell { value, loc });
    }

    /// Schools read so far.
    pub fn schools(&self) -> usize {
        self.schools.len()
    }

    /// The schools, in the order they first appeared; repeated problems become one
    /// diagnostic each.
    pub fn finish(self, diags: &mut Diagnostics) -> Vec<School> {
        let mut repeated: Vec<_> = self.repeated.into_iter().collect();
        repeated.sort_by_key(|(_, (line, ..))| *line);
        for (msg, (line, count, column, value)) in repeated {
            let more = if count > 1 {
                format!(" — {} {}", count, cell_rows(count))
            } else {
                String::new()
            };
            diags.push(Diagnostic::at(
                Severity::Info,
                DiagnosticKind::UnknownProcedure,
                line,
                column,
                value,
                format!("{msg}: строка не учитывается{more}"),
            ));
        }
        self.schools
    }
}

fn cell_rows(n: usize) -> &'static str {
    crate::core::ru::plural(n as u64, "строка", "строки", "строк")
}
