//! The table of many schools (domain.md §5) as the page shows it: what the worker hands over
//! (the file's description, its diagnostics and every school's status line), and the pure
//! operations on it — search, filters, sorting, totals and the CSV for Excel. The page keeps
//! only this; the schools themselves stay in the worker until one is opened.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::identify::Status;
use crate::core::load::SourceInfo;
use crate::core::model::{Diagnostic, Year};
use crate::core::schools::{SchoolStatus, Summary};
use crate::core::table::CsvOut;

/// A file bigger than this is read in the worker even when it holds one school: reading it on
/// the page's thread could freeze the page for a noticeable moment.
pub const WORKER_MIN_BYTES: usize = 1024 * 1024;

/// A file of many schools, read: the same description and diagnostics as for one school, and
/// the status of every school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub info: SourceInfo,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// Each line's place in natural order of names and of municipalities, computed once (in
    /// the worker), so that sorting 40 000 lines on the page compares integers, not names.
    #[serde(default)]
    pub order: Order,
    /// The municipal report, for a set of schools' ДТК (format C, or several files read
    /// together): made in the worker next to the table.
    #[serde(default)]
    pub municipal: Option<Box<crate::core::many::Municipal>>,
}

/// Ranks of the lines (index = the line's index in `summary.schools`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Order {
    pub name: Vec<u32>,
    pub municipality: Vec<u32>,
}

fn ranks(n: usize, cmp: impl Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut by: Vec<usize> = (0..n).collect();
    by.sort_by(|&a, &b| cmp(a, b));
    let mut rank = vec![0u32; n];
    for (r, i) in by.into_iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

impl Overview {
    /// The overview of a file, with its lines ranked by name and municipality.
    pub fn new(info: SourceInfo, diagnostics: Vec<Diagnostic>, summary: Summary) -> Overview {
        let l = &summary.schools;
        let order = Order {
            name: ranks(l.len(), |a, b| natural_cmp(&l[a].school, &l[b].school)),
            municipality: ranks(l.len(), |a, b| {
                natural_cmp(
                    l[a].municipality.as_deref().unwrap_or(""),
                    l[b].municipality.as_deref().unwrap_or(""),
                )
            }),
        };
        Overview {
            info,
            diagnostics,
            summary,
            order,
            municipal: None,
        }
    }
}

/// What the page asks the worker to read: the file's name, the user's choices and the
/// identification settings (the bytes travel beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenRequest {
    pub name: String,
    pub encoding: Option<crate::core::decode::Encoding>,
    pub delimiter: Option<crate::core::table::Delimiter>,
    pub settings: crate::core::identify::Settings,
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
        settings: crate::core::identify::Settings,
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
                crate::core::export::template_xlsx(years, date)
            }
            XlsxRequest::Report {
                one,
                settings,
                edits,
                date,
            } => {
                let report = crate::core::report::build(&one.school, settings, &one.diagnostics);
                crate::core::export::report_xlsx(&report, edits, date)
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

/// The columns the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortKey {
    Name,
    Municipality,
    /// Worst status first (ШНОР, зона риска, недостаточно данных, не выявлена), then by name.
    #[default]
    Status,
    /// Number of low procedures in the year of identification.
    Low,
    /// The worst share in the year of identification.
    Worst,
}

/// Search, filters and sort of the table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Query {
    pub search: String,
    pub status: Option<Status>,
    pub municipality: Option<String>,
    pub sort: SortKey,
    /// Reverse the natural order of `sort`.
    pub reverse: bool,
}

/// Folds text for search the way people type a school's name: lower case, «ё» as «е», no
/// spaces and no quotes at all (so «СОШ № 1», «СОШ №1» and «СОШ  №1» are one key), and the
/// number sign however it is typed — «№», «N», «No» before a digit — as «№». A query folded the
/// same way is then a plain substring of the key.
pub fn fold(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    // The next non-space character after index `i` is a digit.
    let digit_after = |i: usize| {
        chars[i + 1..]
            .iter()
            .find(|c| !c.is_whitespace() && !matches!(c, '.'))
            .is_some_and(|c| c.is_ascii_digit())
    };
    let mut out = String::with_capacity(text.len());
    // Right after a number sign a dot is noise («№.5», «No. 5»).
    let mut after_sign = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev_letter = i > 0 && chars[i - 1].is_alphabetic();
        let sign = out.len();
        match c {
            _ if c.is_whitespace() => {}
            '.' if after_sign => {}
            '"' | '«' | '»' | '“' | '”' | '„' | '\'' => {}
            'ё' | 'Ё' => out.push('е'),
            'N' | 'n' if !prev_letter && digit_after(i) => out.push('№'),
            'N' | 'n'
                if !prev_letter
                    && matches!(chars.get(i + 1), Some('o' | 'O'))
                    && digit_after(i + 1) =>
            {
                out.push('№');
                i += 1;
            }
            _ => out.extend(c.to_lowercase()),
        }
        if out.len() != sign {
            after_sign = out.ends_with('№');
        }
        i += 1;
    }
    out
}

/// What a line is found by: its name, code and municipality, folded.
pub fn search_key(line: &SchoolStatus) -> String {
    fold(&format!(
        "{} {} {}",
        line.school,
        line.code.as_deref().unwrap_or(""),
        line.municipality.as_deref().unwrap_or("")
    ))
}

/// Compares names the way people read them: «СОШ № 2» before «СОШ № 10»; letters without
/// regard to case, «ё» as «е».
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let run = |s: &[u8], k: usize| {
                    let end = k + s[k..].iter().take_while(|c| c.is_ascii_digit()).count();
                    let start = k + s[k..end].iter().take_while(|&&c| c == b'0').count();
                    (start, end)
                };
                let ((sa, ea), (sb, eb)) = (run(a, i), run(b, j));
                let o = (ea - sa)
                    .cmp(&(eb - sb))
                    .then_with(|| a[sa..ea].cmp(&b[sb..eb]));
                if o != Ordering::Equal {
                    return o;
                }
                (i, j) = (ea, eb);
            }
            (Some(&x), Some(&y)) if x < 0x80 && y < 0x80 => {
                let o = x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase());
                if o != Ordering::Equal {
                    return o;
                }
                i += 1;
                j += 1;
            }
            (Some(&x), Some(&y)) if x == y => {
                // The same character (most names share a long prefix) needs no folding.
                let len = utf8_len(x);
                if a.get(i..i + len) == b.get(j..j + len) {
                    i += len;
                    j += len;
                    continue;
                }
                let (ca, cb) = (char_at(a, i), char_at(b, j));
                let o = fold_char(ca).cmp(&fold_char(cb));
                if o != Ordering::Equal {
                    return o;
                }
                i += ca.len_utf8();
                j += cb.len_utf8();
            }
            _ => {
                // Both are at a character boundary: compare whole characters.
                let ca = char_at(a, i);
                let cb = char_at(b, j);
                let o = fold_char(ca).cmp(&fold_char(cb));
                if o != Ordering::Equal {
                    return o;
                }
                i += ca.len_utf8();
                j += cb.len_utf8();
            }
        }
    }
}

/// The length of the UTF-8 sequence a lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    }
}

/// The character that starts at byte `i` of UTF-8 text.
fn char_at(s: &[u8], i: usize) -> char {
    let len = utf8_len(s[i]);
    std::str::from_utf8(&s[i..(i + len).min(s.len())])
        .ok()
        .and_then(|t| t.chars().next())
        .unwrap_or('\u{FFFD}')
}

fn fold_char(c: char) -> char {
    match c {
        'ё' | 'Ё' => 'е',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// A whole number with its thousands apart, as Russian text writes it: «40 000» (thin
/// no-break spaces, so the number never breaks across lines).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// Where a status goes when sorting worst first.
pub fn status_rank(s: Status) -> usize {
    Status::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(Status::ALL.len())
}

/// «У1», «У2», «У1 + У2» or «—»: which condition fired.
pub fn condition_text(line: &SchoolStatus) -> &'static str {
    match (line.condition1, line.condition2) {
        (true, true) => "У1 + У2",
        (true, false) => "У1",
        (false, true) => "У2",
        (false, false) => "—",
    }
}

/// Low procedures in the year of identification (`None` when that year is unknown).
pub fn low_as_of(line: &SchoolStatus) -> Option<usize> {
    line.as_of.and_then(|y| line.low_by_year.get(&y).copied())
}

/// The lines that pass the query, as indices into `summary.schools`, in the query's order.
/// `keys` are the lines' [`search_key`]s (computed once per file, not per keystroke).
pub fn select(overview: &Overview, keys: &[String], query: &Query) -> Vec<usize> {
    let summary = &overview.summary;
    let order = &overview.order;
    let ranked = order.name.len() == summary.schools.len()
        && order.municipality.len() == summary.schools.len();
    let needle = fold(&query.search);
    let mut rows: Vec<usize> = summary
        .schools
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            query.status.is_none_or(|s| l.status == s)
                && query.municipality.as_ref().is_none_or(|m| {
                    l.municipality.as_deref().unwrap_or(NO_MUNICIPALITY) == m.as_str()
                })
                && (needle.is_empty() || keys.get(*i).is_some_and(|k| k.contains(&needle)))
        })
        .map(|(i, _)| i)
        .collect();
    let lines = &summary.schools;
    let by_name = |i: usize, j: usize| {
        if ranked {
            order.name[i].cmp(&order.name[j])
        } else {
            natural_cmp(&lines[i].school, &lines[j].school).then_with(|| i.cmp(&j))
        }
    };
    let cmp = |&i: &usize, &j: &usize| -> Ordering {
        let (a, b) = (&lines[i], &lines[j]);
        let o = match query.sort {
            SortKey::Name => Ordering::Equal,
            SortKey::Municipality if ranked => order.municipality[i].cmp(&order.municipality[j]),
            SortKey::Municipality => natural_cmp(
                a.municipality.as_deref().unwrap_or(""),
                b.municipality.as_deref().unwrap_or(""),
            ),
            SortKey::Status => status_rank(a.status)
                .cmp(&status_rank(b.status))
                .then_with(|| low_as_of(b).cmp(&low_as_of(a))),
            // More low procedures first; a higher worst share first.
            SortKey::Low => low_as_of(b).cmp(&low_as_of(a)),
            SortKey::Worst => b
                .worst_share
                .partial_cmp(&a.worst_share)
                .unwrap_or(Ordering::Equal),
        };
        let o = o.then_with(|| by_name(i, j));
        if query.reverse {
            o.reverse()
        } else {
            o
        }
    };
    rows.sort_by(cmp);
    rows
}

// Defined in `schools` (below this module), which counts by municipality.
pub use crate::core::schools::NO_MUNICIPALITY;

/// Counts per status among some lines.
pub fn counts(summary: &Summary, rows: &[usize]) -> BTreeMap<Status, usize> {
    let mut c: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    for &i in rows {
        *c.entry(summary.schools[i].status).or_default() += 1;
    }
    c
}

/// The school years whose low-procedure counts the table shows: the last four of the file.
pub fn table_years(info: &SourceInfo) -> Vec<Year> {
    let n = info.years.len();
    info.years[n.saturating_sub(4)..].to_vec()
}

/// A share in percent as Russian Excel reads it: «36,67».
fn excel_number(v: f64) -> String {
    format!("{:.2}", v).replace('.', ",")
}

/// The table as CSV that Russian Excel opens as it is: UTF-8 with BOM, `;`, CRLF. `rows` are
/// the lines shown (filtered and sorted), in that order.
pub fn to_csv(summary: &Summary, info: &SourceInfo, rows: &[usize]) -> Vec<u8> {
    let years = table_years(info);
    let mut out = CsvOut::new();
    let mut head: Vec<String> = [
        "№",
        "ОО",
        "Код ОО",
        "Муниципалитет",
        "Статус",
        "Условие",
        "Год идентификации",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    head.extend(years.iter().map(|y| format!("Низких процедур {y}")));
    head.push("Худшая доля в год идентификации, %".to_string());
    out.row(head);
    for (n, &i) in rows.iter().enumerate() {
        let l = &summary.schools[i];
        let mut cells = vec![
            (n + 1).to_string(),
            l.school.clone(),
            l.code.clone().unwrap_or_default(),
            l.municipality.clone().unwrap_or_default(),
            l.status.label().to_string(),
            condition_text(l).to_string(),
            l.as_of.map(|y| y.to_string()).unwrap_or_default(),
        ];
        cells.extend(years.iter().map(|y| {
            if l.low_by_year.contains_key(y) {
                l.low_by_year[y].to_string()
            } else {
                String::new()
            }
        }));
        cells.push(l.worst_share.map(excel_number).unwrap_or_default());
        out.row(cells);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::identify::Settings;
    use crate::core::load::{load, LoadOptions};
    use crate::core::schools::summarize;

    const FILE: &str =
        "ОО;муниципалитет;учебный год;процедура;предмет;класс;участников;не справились
СОШ № 10;Южный;2022-2023;ВПР;математика;5;30;12
СОШ № 10;Южный;2022-2023;ВПР;русский язык;5;30;10
СОШ № 2;Северный;2022-2023;ВПР;математика;5;30;1
Школа «Ёлочка»;Северный;2022-2023;ВПР;математика;5;30;9
Школа «Ёлочка»;Северный;2021-2022;ВПР;математика;5;30;2
=HYPERLINK(1);;2022-2023;ВПР;математика;5;30;2
";

    fn overview() -> (Overview, SourceInfo) {
        let l = load(FILE.as_bytes(), &LoadOptions::default()).unwrap();
        let s = summarize(&l.schools, &Settings::default());
        (Overview::new(l.info.clone(), l.diagnostics, s), l.info)
    }

    #[test]
    fn natural_order_reads_numbers_and_ignores_case() {
        assert_eq!(natural_cmp("СОШ № 2", "СОШ № 10"), Ordering::Less);
        assert_eq!(natural_cmp("СОШ № 010", "СОШ № 10"), Ordering::Equal);
        assert_eq!(natural_cmp("Ёлочка", "елочка"), Ordering::Equal);
        assert_eq!(natural_cmp("школа", "Школа Б"), Ordering::Less);
        assert_eq!(natural_cmp("a", "B"), Ordering::Less);
        assert_eq!(natural_cmp("Б", "а"), Ordering::Greater);
    }

    #[test]
    fn ranks_sort_as_names_do() {
        let (o, _) = overview();
        let keys: Vec<String> = o.summary.schools.iter().map(search_key).collect();
        let mut unranked = o.clone();
        unranked.order = Order::default();
        for sort in [
            SortKey::Name,
            SortKey::Municipality,
            SortKey::Status,
            SortKey::Worst,
        ] {
            for reverse in [false, true] {
                let q = Query {
                    sort,
                    reverse,
                    ..Query::default()
                };
                assert_eq!(select(&o, &keys, &q), select(&unranked, &keys, &q), "{q:?}");
            }
        }
    }

    #[test]
    fn thousands_are_spaced() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1234), "1\u{202f}234");
        assert_eq!(thousands(1_080_000), "1\u{202f}080\u{202f}000");
    }

    #[test]
    fn sorts_worst_first_then_by_name_naturally() {
        let (o, _) = overview();
        let s = &o.summary;
        let keys: Vec<String> = s.schools.iter().map(search_key).collect();
        let rows = select(&o, &keys, &Query::default());
        let names: Vec<&str> = rows.iter().map(|&i| s.schools[i].school.as_str()).collect();
        assert_eq!(names[0], "СОШ № 10");
        let by_name = select(
            &o,
            &keys,
            &Query {
                sort: SortKey::Name,
                ..Query::default()
            },
        );
        let names: Vec<&str> = by_name
            .iter()
            .map(|&i| s.schools[i].school.as_str())
            .collect();
        assert_eq!(&names[..2], &["=HYPERLINK(1)", "СОШ № 2"]);
        assert_eq!(names[2], "СОШ № 10");
    }

    #[test]
    fn filters_by_status_municipality_and_search_with_yo() {
        let (o, _) = overview();
        let s = &o.summary;
        let keys: Vec<String> = s.schools.iter().map(search_key).collect();
        let q = |query: Query| select(&o, &keys, &query).len();
        assert_eq!(
            q(Query {
                status: Some(Status::Shnor),
                ..Query::default()
            }),
            1
        );
        assert_eq!(
            q(Query {
                municipality: Some("Северный".into()),
                ..Query::default()
            }),
            2
        );
        assert_eq!(
            q(Query {
                municipality: Some(NO_MUNICIPALITY.into()),
                ..Query::default()
            }),
            1
        );
        assert_eq!(
            q(Query {
                search: "  ЕЛОЧКА ".into(),
                ..Query::default()
            }),
            1
        );
    }

    #[test]
    fn csv_is_excel_ru_and_formulas_stay_text() {
        let (o, info) = overview();
        let s = &o.summary;
        let keys: Vec<String> = s.schools.iter().map(search_key).collect();
        let rows = select(&o, &keys, &Query::default());
        let csv = String::from_utf8(to_csv(s, &info, &rows)).unwrap();
        assert!(csv.starts_with("\u{FEFF}№;ОО;Код ОО;Муниципалитет;Статус;"));
        assert!(csv.contains("\r\n1;СОШ № 10;;Южный;ШНОР;У1;2022-2023;"));
        assert!(csv.contains(";40,00\r\n"));
        // Guarded by the one CSV writer (quoted only when a cell needs quotes).
        assert!(csv.contains(";'=HYPERLINK(1);"), "{csv}");
    }

    #[test]
    fn one_school_keeps_its_rows_diagnostics() {
        let file = format!("{FILE}СОШ № 2;Северный;2021-2022;ВПР;математика;5;3O;1\n");
        let l = load(file.as_bytes(), &LoadOptions::default()).unwrap();
        let i = l
            .schools
            .iter()
            .position(|s| s.display_name() == "СОШ № 2")
            .unwrap();
        let one = OneSchool::of(&l.schools[i], &l.diagnostics);
        assert!(
            one.diagnostics.iter().any(|d| d.row == Some(8)),
            "{:?}",
            l.diagnostics
        );
        let other = OneSchool::of(&l.schools[0], &l.diagnostics);
        assert!(other.diagnostics.iter().all(|d| d.row != Some(8)));
        // What crosses to the page survives the trip (a diagnostic's kind is not in the JSON).
        let json = serde_json::to_string(&one).unwrap();
        let back: OneSchool = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }
}
