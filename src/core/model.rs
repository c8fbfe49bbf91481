//! The data model every other core module shares: school years, exact numbers, cell values,
//! one school's table of values; the diagnostics that readers produce live in
//! [`super::diagnostic`] and are re-exported here.
//!
//! Values are kept exactly as written (a decimal is a mantissa and a scale, a share given as
//! `11/30` keeps both counts) so that the 30 % rule can be decided by integer arithmetic, never
//! through a rounded percentage.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A school year, identified by the calendar year it starts in (2022 = «2022-2023»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(pub u16);

impl Year {
    /// The school year before this one.
    pub fn prev(self) -> Year {
        Year(self.0.saturating_sub(1))
    }

    /// The school year of a date as ФИС ОКО writes it: «17.03.2022 05:09:18» → 2021-2022 (a
    /// school year starts in September). The protocol reader and the loader (which names a
    /// protocol opened by mistake) both read the upload date with it.
    pub fn of_date(cell: &str) -> Option<Year> {
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

    /// Parses the header spellings users write: `2022-2023`, `2022/2023`, `2022–23`, `2022/23`,
    /// `2022-2023 уч. год`, `2022 - 2023`. The second year must follow the first.
    pub fn parse(text: &str) -> Option<Year> {
        let digits: Vec<(usize, String)> = {
            let mut groups = Vec::new();
            let mut current = String::new();
            let mut start = 0;
            for (i, ch) in text.char_indices() {
                if ch.is_ascii_digit() {
                    if current.is_empty() {
                        start = i;
                    }
                    current.push(ch);
                } else if !current.is_empty() {
                    groups.push((start, std::mem::take(&mut current)));
                }
            }
            if !current.is_empty() {
                groups.push((start, current));
            }
            groups
        };
        if digits.len() != 2 {
            return None;
        }
        let (first_at, first) = &digits[0];
        let (second_at, second) = &digits[1];
        let between = &text[first_at + first.len()..*second_at];
        let separator_ok = {
            let t = between.trim();
            matches!(t, "-" | "/" | "–" | "—" | "‐" | "−" | "\\")
        };
        if !separator_ok || first.len() != 4 {
            return None;
        }
        let start: u16 = first.parse().ok()?;
        if !(1990..=2100).contains(&start) {
            return None;
        }
        let end_ok = match second.len() {
            4 => second.parse::<u16>().ok() == Some(start + 1),
            2 => second.parse::<u16>().ok() == Some((start + 1) % 100),
            _ => false,
        };
        // Anything after the pair must not be more digits (already excluded) — words such as
        // «уч. год» are allowed.
        end_ok.then_some(Year(start))
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.0, self.0 + 1)
    }
}

impl<'de> serde::Deserialize<'de> for Year {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Year::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a school year: {text}")))
    }
}

impl Serialize for Year {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // What `Display` writes, put together by hand: through the formatting machinery each
        // year cost as much as a school's identification, and a national summary has 16 000.
        let mut buf = [0u8; 11];
        let mid = push_digits(&mut buf, 0, self.0);
        buf[mid] = b'-';
        let end = push_digits(&mut buf, mid + 1, self.0.wrapping_add(1));
        s.serialize_str(std::str::from_utf8(&buf[..end]).expect("ASCII digits"))
    }
}

/// Writes `n` in decimal into `buf` at `at`; returns where the digits end.
fn push_digits(buf: &mut [u8], at: usize, mut n: u16) -> usize {
    let mut digits = [0u8; 5];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let len = digits.len() - i;
    buf[at..at + len].copy_from_slice(&digits[i..]);
    at + len
}

/// An exact decimal as written in the file: `36,7` is `{ mant: 367, scale: 1 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Num {
    pub mant: i64,
    pub scale: u8,
}

impl Num {
    /// A whole number.
    pub fn int(v: i64) -> Num {
        Num { mant: v, scale: 0 }
    }

    /// The value as a float, for display and charts only (never for the 30 % rule).
    pub fn to_f64(self) -> f64 {
        self.mant as f64 / 10f64.powi(self.scale as i32)
    }

    /// `self >= whole` compared exactly.
    pub fn ge_int(self, whole: i64) -> bool {
        let factor = 10i128.pow(self.scale as u32);
        (self.mant as i128) >= (whole as i128) * factor
    }

    /// Whether the number has no fractional part.
    pub fn is_integer(self) -> bool {
        self.mant % 10i64.pow(self.scale as u32) == 0
    }
}

/// Counts of marks «2» … «5» for a procedure, when the file gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Marks {
    pub n2: u32,
    pub n3: u32,
    pub n4: u32,
    pub n5: u32,
}

impl Marks {
    /// All pupils with a mark.
    pub fn total(&self) -> u32 {
        self.n2 + self.n3 + self.n4 + self.n5
    }
}

/// One cell of the ДТК after reading. «нет данных» (`Missing`) and «не проводилась» (`NotHeld`)
/// are distinct from each other and from zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Empty cell or «—»: no data.
    Missing,
    /// «н/п», «не проводилась»: the procedure was not held that year.
    NotHeld,
    /// A plain number (a count, a mean). For share indicators readers produce `Percent` instead.
    Number(Num),
    /// A percentage (36,7 % → 36.7), with the group size when the file gives it.
    Percent { value: Num, of: Option<u32> },
    /// A share given as counts: `part / whole` (failed / participants), with the mark counts
    /// when the file gives them.
    Ratio {
        part: u32,
        whole: u32,
        marks: Option<Marks>,
    },
    /// да / нет.
    Bool(bool),
    /// Free text (2.3, 3.2 organisation, 3.4 lists, notes).
    Text(String),
    /// The cell held something that could not be read (kept as written); a diagnostic says
    /// why. It counts as no data, and the report shows it as an error, not as a gap.
    Invalid(String),
}

impl Value {
    /// The numeric value for display and dynamics: counts as they are, shares in percent.
    /// `None` for missing, not held, yes/no and text, and for a ratio over zero.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.to_f64()),
            Value::Percent { value, .. } => Some(value.to_f64()),
            Value::Ratio { part, whole, .. } => {
                (*whole > 0).then(|| *part as f64 * 100.0 / *whole as f64)
            }
            _ => None,
        }
    }

    /// The group size behind a share, when known.
    pub fn group_size(&self) -> Option<u32> {
        match self {
            Value::Ratio { whole, .. } => Some(*whole),
            Value::Percent { of, .. } => *of,
            _ => None,
        }
    }

    /// Whether the cell holds a result (anything but «нет данных» / «не проводилась»).
    pub fn is_present(&self) -> bool {
        !matches!(self, Value::Missing | Value::NotHeld | Value::Invalid(_))
    }
}

/// Where a value came from, so the report can point back to the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Loc {
    /// 1-based row in the file (or sheet).
    pub row: Option<usize>,
    /// The column's header as written (or its letter when there is no header).
    pub column: Option<String>,
}

/// A value with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub value: Value,
    pub loc: Loc,
}

/// The identity of a school as far as the file tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SchoolMeta {
    pub name: Option<String>,
    pub code: Option<String>,
    pub municipality: Option<String>,
    pub region: Option<String>,
    /// A region's own social well-being index (ИСБШ) as written in format C's `isbsh` column
    /// (municipal.md §3): used as given, never computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isbsh: Option<String>,
    /// A region's own cluster of the school (format C's `cluster` column), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
}

impl SchoolMeta {
    /// The metadata that is present, with the catalogue code of each (`school.name` …), in
    /// the template's order — how the exports write it back.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &String)> {
        [
            ("school.name", &self.name),
            ("school.code", &self.code),
            ("school.municipality", &self.municipality),
            ("school.region", &self.region),
        ]
        .into_iter()
        .filter_map(|(code, v)| v.as_ref().map(|v| (code, v)))
    }
}

/// One school's data: every indicator code → year → cell. Codes are the catalogue's own
/// `&'static str`, so a code that is not in the catalogue cannot get in.
///
/// Serialised (for the browser's worker, which hands one school of a large file to the page),
/// codes are looked up in the catalogue on the way back in; an unknown code is dropped.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct School {
    pub meta: SchoolMeta,
    /// Every school year the file names for this school, sorted ascending, no duplicates.
    pub years: Vec<Year>,
    #[serde(deserialize_with = "catalogue_cells")]
    pub cells: BTreeMap<&'static str, YearMap>,
    /// The «Вывод» / «Проблема» texts a user wrote, carried in the file (format A rows
    /// `text.<pair>.conclusion` / `text.<pair>.problems`, written by the report CSV), keyed as
    /// kept edits are («1.1/conclusion»). The report shows them in place of the generated ones.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, String>,
    /// Blocks 3.2–3.4 described rather than (or besides) counted: the «Описание» column of
    /// format A and its monitoring date, by indicator code (formats.md, domain.md §3).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub described: BTreeMap<String, Described>,
}

/// The state of a 3.2–3.4 indicator in words, at a monitoring date (April, September,
/// December), as the form's «Описание» column gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Described {
    pub text: String,
    /// As written («15.09.2023»); `None` when the file gives no date.
    pub date: Option<String>,
}

/// One indicator's cells by school year: a short vector kept sorted by year. A school has a
/// handful of years, and a `BTreeMap` allocates a node of eleven slots for each indicator —
/// for a region's 40 000 schools that was most of the worker's memory.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct YearMap(Vec<(Year, Cell)>);

impl YearMap {
    /// The cell of a year.
    pub fn get(&self, year: &Year) -> Option<&Cell> {
        self.0
            .binary_search_by_key(year, |(y, _)| *y)
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// An empty map with room for `years` cells.
    pub fn with_capacity(years: usize) -> YearMap {
        YearMap(Vec::with_capacity(years))
    }

    /// The value of a year in an indicator's cells (`None`: the school has no such row);
    /// `Missing` when absent. What [`School::value`] answers, for a caller that looked the
    /// row up once.
    pub fn value_in(row: Option<&YearMap>, year: Year) -> &Value {
        static MISSING: Value = Value::Missing;
        row.and_then(|m| m.get(&year))
            .map_or(&MISSING, |c| &c.value)
    }

    /// Whether the year has a cell.
    pub fn contains_key(&self, year: &Year) -> bool {
        self.get(year).is_some()
    }

    /// Sets the cell of a year; returns the one it replaced.
    pub fn insert(&mut self, year: Year, cell: Cell) -> Option<Cell> {
        match self.0.binary_search_by_key(&year, |(y, _)| *y) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, cell)),
            Err(i) => {
                self.0.insert(i, (year, cell));
                None
            }
        }
    }

    /// (year, cell) in year order.
    pub fn iter(&self) -> impl Iterator<Item = (&Year, &Cell)> {
        self.0.iter().map(|(y, c)| (y, c))
    }

    /// The years, ascending.
    pub fn keys(&self) -> impl Iterator<Item = &Year> {
        self.0.iter().map(|(y, _)| y)
    }

    /// The cells in year order.
    pub fn values(&self) -> impl Iterator<Item = &Cell> {
        self.0.iter().map(|(_, c)| c)
    }

    /// How many years have a cell.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no year has a cell.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&Year> for YearMap {
    type Output = Cell;

    fn index(&self, year: &Year) -> &Cell {
        // Same contract as BTreeMap's index: the caller checked the year is there.
        self.get(year).expect("no cell for this year")
    }
}

impl Serialize for YearMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for YearMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<Year, Cell>::deserialize(d)?;
        Ok(YearMap(map.into_iter().collect()))
    }
}

/// Cells read back from their serialised form: codes become the catalogue's own strings.
fn catalogue_cells<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<&'static str, YearMap>, D::Error> {
    let raw = BTreeMap::<String, YearMap>::deserialize(d)?;
    Ok(raw
        .into_iter()
        .filter_map(|(code, cells)| Some((super::catalogue::find(&code)?.code, cells)))
        .collect())
}

impl School {
    /// The value of `code` in `year`; `Missing` when absent.
    pub fn value(&self, code: &str, year: Year) -> &Value {
        YearMap::value_in(self.cells.get(code), year)
    }

    /// Sets a value, registering the year.
    pub fn set(&mut self, code: &'static str, year: Year, value: Value, loc: Loc) {
        self.set_sized(code, year, value, loc, 0);
    }

    /// [`School::set`] by a reader that knows how many school years the file names: a new
    /// indicator's row gets that many slots at once. Grown one cell at a time, each row would
    /// be rounded up to four cells — for the 360 000 rows of a national file, a fifth of the
    /// worker's memory.
    pub fn set_sized(
        &mut self,
        code: &'static str,
        year: Year,
        value: Value,
        loc: Loc,
        years: usize,
    ) {
        self.row_of(code, year, years)
            .insert(year, Cell { value, loc });
    }

    /// The cells of `code`, an empty row with room for `years` cells when the school has none;
    /// the year is registered as by [`School::set`]. A reader that first looks for a repeated
    /// cell and then sets it finds the row once (a lookup by code compares strings).
    pub fn row_of(&mut self, code: &'static str, year: Year, years: usize) -> &mut YearMap {
        if let Err(i) = self.years.binary_search(&year) {
            self.years.insert(i, year);
        }
        self.cells
            .entry(code)
            .or_insert_with(|| YearMap::with_capacity(years))
    }

    /// A display name: the name, else the code, else «Школа».
    pub fn display_name(&self) -> String {
        self.meta
            .name
            .clone()
            .or_else(|| self.meta.code.clone())
            .unwrap_or_else(|| "Школа".to_string())
    }
}

// The diagnostics live in their own module; these names stay reachable from here, where
// every reader has always imported them.
pub use super::diagnostic::{Diagnostic, DiagnosticKind, Diagnostics, Severity};
