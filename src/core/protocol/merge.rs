//! From analysed protocols into the ДТК: the share of «2» of the open school fills the row
//! `vpr.<subject>.<grade>` of the protocol's school year as `failed/participants` (with the
//! mark counts), marked «из протокола ФИС ОКО». In: the open [`School`] and the analyses;
//! out: a [`Merge`] — what would be written, each next to the value already typed — and,
//! once the user agrees, the school with those cells ([`apply`]). Identification then follows
//! from the school as from any file.
//!
//! A protocol of another school than the open ДТК is named, never merged silently; a subject
//! or grade without a ДТК row, or a protocol without a school year, is said too.

use serde::Serialize;

use super::super::catalogue;
use super::super::model::{Diagnostic, DiagnosticKind, Loc, Marks, School, Severity, Value, Year};
use super::super::report::display;
use super::analysis::{Analysis, SchoolAnalysis};

/// The mark a merged cell carries in the report and the exports.
pub const SOURCE_MARK: &str = "из протокола ФИС ОКО";

/// One ДТК cell the protocols give.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub code: &'static str,
    /// «доля «2» по ВПР (математика, 5 кл.)».
    pub label: String,
    pub year: Year,
    pub failed: u32,
    pub participants: u32,
    pub marks: Marks,
    /// The protocol's file.
    pub file: Option<String>,
    /// What the ДТК holds now, as shown («33,3 % (2/6)»); `None` when the cell is empty.
    pub existing: Option<String>,
    /// Whether the value already typed says the same (then nothing changes).
    pub agrees: bool,
}

impl Proposal {
    /// «28,6 % (2/7)».
    pub fn display(&self) -> String {
        display(&self.value(), catalogue::Kind::Share)
    }

    fn value(&self) -> Value {
        Value::Ratio {
            part: self.failed,
            whole: self.participants,
            marks: Some(self.marks),
        }
    }

    /// Whether writing it changes a value already typed (the user is asked first).
    pub fn replaces(&self) -> bool {
        self.existing.is_some() && !self.agrees
    }
}

/// What the protocols would do to the open ДТК.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Merge {
    pub proposals: Vec<Proposal>,
    /// Protocols (or parts of them) that are not merged, and why, in Russian.
    pub skipped: Vec<String>,
}

/// Letters and digits only, lower case: «МБОУ "Вавилонская СОШ"» = «мбоу вавилонская сош».
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Which school of a protocol is the open ДТК's: by login (the ДТК's code), else by name.
/// A ДТК with no name and no code takes a protocol of one school.
fn matching<'a>(school: &School, a: &'a Analysis) -> Result<&'a SchoolAnalysis, String> {
    let code = school
        .meta
        .code
        .as_deref()
        .map(key)
        .filter(|k| !k.is_empty());
    let name = school
        .meta
        .name
        .as_deref()
        .map(key)
        .filter(|k| !k.is_empty());
    let found = a.schools.iter().find(|s| {
        code.as_ref().is_some_and(|c| *c == key(&s.school.login))
            || name
                .as_ref()
                .is_some_and(|n| s.school.name.as_deref().is_some_and(|x| key(x) == *n))
    });
    if let Some(s) = found {
        return Ok(s);
    }
    let file = a
        .file
        .as_deref()
        .map_or(String::new(), |f| format!("«{f}» "));
    match (&code, &name, a.schools.as_slice()) {
        (None, None, [one]) => Ok(one),
        (_, _, [one]) => Err(format!(
            "протокол {file}({}) — другой школы: {}, а открыта ДТК школы «{}». Он не добавлен; откройте ДТК этой школы или проверьте название и код школы в ДТК",
            a.title,
            one.school.title(),
            school.display_name()
        )),
        (_, _, many) => Err(format!(
            "в протоколе {file}({}) {}, и ни одна не совпадает с открытой ДТК («{}»): {}. Он не добавлен",
            a.title,
            super::super::ru::count(many.len() as u64, "школа", "школы", "школ"),
            school.display_name(),
            many.iter().map(|s| s.school.title()).collect::<Vec<_>>().join("; ")
        )),
    }
}

/// What the analyses would write into the school's ДТК.
pub fn merge(school: &School, analyses: &[Analysis]) -> Merge {
    let mut out = Merge::default();
    for a in analyses {
        let file = a
            .file
            .as_deref()
            .map_or(String::new(), |f| format!("«{f}» "));
        let (Some(subject), Some(grade)) = (a.subject.code(), a.grade) else {
            out.skipped.push(format!(
                "протокол {file}({}): в ДТК нет строки для этого предмета и класса — он только проанализирован",
                a.title
            ));
            continue;
        };
        let code = format!("vpr.{subject}.{grade}");
        let Some(ind) = catalogue::find(&code) else {
            out.skipped.push(format!(
                "протокол {file}({}): в ДТК нет строки ВПР для {grade} класса — он только проанализирован",
                a.title
            ));
            continue;
        };
        let Some(year) = a.year else {
            out.skipped.push(format!(
                "протокол {file}({}): не известен учебный год (нет даты загрузки) — выберите его",
                a.title
            ));
            continue;
        };
        let s = match matching(school, a) {
            Ok(s) => s,
            Err(e) => {
                out.skipped.push(e);
                continue;
            }
        };
        if out
            .proposals
            .iter()
            .any(|p| p.code == ind.code && p.year == year)
        {
            out.skipped.push(format!(
                "протокол {file}({}): ещё один протокол того же предмета, класса и года — взят первый",
                a.title
            ));
            continue;
        }
        let g = &s.total;
        if g.participants == 0 {
            out.skipped.push(format!(
                "протокол {file}({}): ни одного участника (все отсутствовали) — в ДТК ничего не вписано",
                a.title
            ));
            continue;
        }
        let now = school.value(ind.code, year);
        let agrees = match now {
            Value::Ratio { part, whole, .. } => *part == g.marks.n2 && *whole == g.participants,
            Value::Percent { value, .. } => (value.to_f64() - g.share2).abs() < 0.05,
            Value::Number(n) => (n.to_f64() - g.share2).abs() < 0.05,
            _ => false,
        };
        out.proposals.push(Proposal {
            code: ind.code,
            label: ind.phrase.to_string(),
            year,
            failed: g.marks.n2,
            participants: g.participants,
            marks: g.marks,
            file: a.file.clone(),
            existing: (!matches!(now, Value::Missing)).then(|| display(now, ind.kind)),
            agrees,
        });
    }
    out
}

/// Writes the proposals into the school: empty cells always, cells already typed only when
/// `replace` (the user agreed after seeing both). Missing name and code are taken from the
/// protocol. Returns a note per cell written, for the report's list of notes.
pub fn apply(
    school: &mut School,
    merge: &Merge,
    analyses: &[Analysis],
    replace: bool,
) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for p in &merge.proposals {
        if p.agrees || (p.replaces() && !replace) {
            continue;
        }
        let column = match &p.file {
            Some(f) => format!("{SOURCE_MARK} «{f}»"),
            None => SOURCE_MARK.to_string(),
        };
        school.set(
            p.code,
            p.year,
            p.value(),
            Loc {
                row: None,
                column: Some(column),
            },
        );
        let mut d = Diagnostic::general(
            Severity::Info,
            DiagnosticKind::FromProtocol,
            format!(
                "{}, {}: {} — {SOURCE_MARK}{}",
                super::super::ru::capitalize(&p.label),
                p.year,
                p.display(),
                p.existing
                    .as_ref()
                    .map_or(String::new(), |e| format!(" (было: {e})"))
            ),
        );
        d.file = p.file.clone();
        notes.push(d);
    }
    // A template without a name takes the protocol's school (the same one every proposal used).
    if school.meta.name.is_none() && school.meta.code.is_none() && !merge.proposals.is_empty() {
        if let Some(s) = analyses
            .iter()
            .find_map(|a| (a.schools.len() == 1).then(|| &a.schools[0].school))
        {
            school.meta.name = s.name.clone();
            school.meta.code = Some(s.login.clone()).filter(|l| !l.is_empty());
            school.meta.municipality = school.meta.municipality.take().or(s.municipality.clone());
            school.meta.region = school.meta.region.take().or(s.region.clone());
        }
    }
    notes
}

/// Marks, in a report built from the school, every cell that came from a protocol: its shown
/// value ends with «· из протокола ФИС ОКО». (The report's raw values, and so the CSV and the
/// XLSX of the ДТК, stay as they are: they must read back as the same numbers.)
pub fn mark_report(report: &mut super::super::report::Report, school: &School) {
    for row in &mut report.indicators {
        let Some(cells) = school.cells.get(row.code.as_str()) else {
            continue;
        };
        for (year, cell) in cells.iter() {
            let from_protocol = cell
                .loc
                .column
                .as_deref()
                .is_some_and(|c| c.starts_with(SOURCE_MARK));
            if let (true, Some(text)) = (from_protocol, row.display.get_mut(year)) {
                text.push_str(&format!(" · {SOURCE_MARK}"));
            }
        }
    }
}
