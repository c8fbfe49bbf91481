//! Format B's columns: a header row in; which format-B column each cell names (Russian or
//! English, `column_of`) and the header with each column's place (`find_header`) out.

use std::collections::HashMap;

use crate::core::read::cell::{self, normalize_label};
use crate::core::read::table::{RowRef, Table};

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

/// The format-B column a header names (also how format C finds its school, code,
/// municipality and year columns).
pub fn column_of(header: &str) -> Option<Col> {
    let n = normalize_label(header);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&n.as_str()))
        .map(|(col, _)| *col)
}

/// The header row and where each column is.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub row: usize,
    pub cols: HashMap<Col, usize>,
    /// `cols` as an array indexed by `Col as usize`: it is looked up for every cell of a
    /// million-row file, where hashing shows.
    pub(super) at: [Option<usize>; COLS],
    /// The columns the header has and where: the cells [`Header::fields`] trims.
    present: Vec<(Col, usize)>,
}

/// The number of `Col` variants.
const COLS: usize = Col::N5 as usize + 1;

impl Header {
    /// Where `col` is.
    pub(super) fn col(&self, col: Col) -> Option<usize> {
        self.at[col as usize]
    }

    /// The cells of `row` under each column, trimmed ([`Fields`]).
    pub(super) fn fields<'a>(&self, row: &RowRef<'a>) -> Fields<'a> {
        let mut at = [None; COLS];
        for &(col, i) in &self.present {
            at[col as usize] = Some(cell::trim(row.get(i)));
        }
        Fields { line: row.line, at }
    }
}

/// One data row by column: each column's cell trimmed once, `None` for a column the header
/// does not have. A row is asked for a dozen cells; looking each up and trimming it per
/// question showed in the profile of a million-row file.
pub(super) struct Fields<'a> {
    /// The row's 1-based line.
    pub(super) line: usize,
    at: [Option<&'a str>; COLS],
}

impl<'a> Fields<'a> {
    /// The cell of `col`, trimmed; `None` when the header has no such column.
    pub(super) fn get(&self, col: Col) -> Option<&'a str> {
        self.at[col as usize]
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
            let mut at = [None; COLS];
            for (c, i) in &cols {
                at[*c as usize] = Some(*i);
            }
            // In any order: each column's cell goes to its own slot.
            let present = cols.iter().map(|(&c, &i)| (c, i)).collect();
            return Some(Header {
                row: i,
                cols,
                at,
                present,
            });
        }
    }
    None
}
