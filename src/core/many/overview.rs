//! The table of many schools (domain.md §5) as the page shows it: what the worker hands over
//! (the file's description, its diagnostics and every school's status line), and the pure
//! operations on it — search, filters, sorting, totals and the CSV for Excel. The page keeps
//! only this; the schools themselves stay in the worker until one is opened.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::many::schools::{SchoolStatus, Summary};
use crate::core::method::identify::Status;
use crate::core::model::{Diagnostic, Year};
use crate::core::read::load::SourceInfo;
use crate::core::read::table::CsvOut;

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

// The page's requests to the worker that carry a file or a workbook to write, and one
// school sent back: named here too, where the page and the worker have always found them.
pub use super::requests::{OneSchool, OpenRequest, XlsxRequest};

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
pub use crate::core::many::schools::NO_MUNICIPALITY;

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
#[path = "overview_tests.rs"]
mod tests;
