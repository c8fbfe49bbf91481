//! The plan document (plans.md §1–2): header, risk profiles, antirisk programmes and measures
//! with their execution at monitoring dates, and the МОУО card's own data. Plain data: readers
//! fill it, the user edits it, `execution`, `dtk34` and `card` compute from it, writers save it.
//!
//! In: the risk factors of the core, nothing else of `plan`: this is the bottom of the folder.
//! Out: the types every other module of `plan` reads. The period's years (`Plan::period_years`)
//! are read from the header's wording in `deadline`, beside the deadline reader.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::core::risk_factors::{self, RiskLevel};

/// A calendar date, ordered by (year, month, day). Written «15.09.2024».
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date, or `None` (31.02 is not one).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The last day of a month: «сентябрь 2022» is due on 30.09.2022 (plans.md §1).
    pub fn month_end(year: u16, month: u8) -> Date {
        let month = month.clamp(1, 12);
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// Reads «15.09.2024», «15.09.24», «2024-09-15» (spaces around allowed).
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let parts: Vec<&str> = t.split(['.', '-', '/']).collect();
        let n = |s: &str| s.trim().parse::<u16>().ok();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => Date::new(n(y)?, n(m)? as u8, n(d)? as u8),
            [d, m, y] if y.len() == 4 || y.len() == 2 => {
                let y = n(y)?;
                let y = if y < 100 { 2000 + y } else { y };
                Date::new(y, u8::try_from(n(m)?).ok()?, u8::try_from(n(d)?).ok()?)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}.{}", self.day, self.month, self.year)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("«{s}» — не дата")))
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whose plan it is: the target differs (plans.md §4: 80 % school, 90 % municipality).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    School,
    Municipality,
}

impl Level {
    /// «школа» / «муниципалитет».
    pub fn word(self) -> &'static str {
        match self {
            Level::School => "школа",
            Level::Municipality => "муниципалитет",
        }
    }

    /// Reads «школа», «ОО», «муниципалитет», «МОУО»…
    pub fn parse(text: &str) -> Option<Level> {
        let t = text.trim().to_lowercase();
        if t.starts_with("муниц") || t.contains("моуо") || t == "municipality" {
            Some(Level::Municipality)
        } else if t.starts_with("шк") || t == "оо" || t == "school" {
            Some(Level::School)
        } else {
            None
        }
    }

    /// The execution target in percent (seed 001: «не менее 80 %» for school programmes, «не
    /// менее 90 %» for the road map of Приложение 2).
    pub fn target_percent(self) -> f64 {
        match self {
            Level::School => 80.0,
            Level::Municipality => 90.0,
        }
    }
}

/// The plan's header (plans.md §1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    pub level: Level,
    pub organisation: String,
    /// «2023–2024» as written.
    pub period: String,
    /// Position and date of approval, as written.
    pub approval: String,
    pub responsible: String,
    pub contact: String,
}

/// One questionnaire's result: factor number → level (domain.md §6; entered, never computed).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Profile {
    pub date: Option<Date>,
    pub levels: BTreeMap<u8, RiskLevel>,
}

impl Profile {
    /// Factors rated высокий or средний: what programmes should answer (plans.md §4).
    pub fn risky(&self) -> impl Iterator<Item = u8> + '_ {
        self.levels
            .iter()
            .filter(|(_, l)| matches!(l, RiskLevel::High | RiskLevel::Medium))
            .map(|(n, _)| *n)
    }

    /// Suggested priority factors: the high ones, then medium, up to three (plans.md §2).
    pub fn priorities(&self) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        for level in [RiskLevel::High, RiskLevel::Medium] {
            for (n, l) in &self.levels {
                if *l == level && out.len() < 3 {
                    out.push(*n);
                }
            }
        }
        out
    }
}

/// Factors rated высокий or средний in `before` and низкий (or no longer rated) in `after`:
/// «устранённые факторы риска». A fall from высокий to средний is lower risk, not removal.
pub fn removed_factors(before: &Profile, after: &Profile) -> Vec<u8> {
    before
        .risky()
        .filter(|n| matches!(after.levels.get(n), Some(RiskLevel::Low) | None))
        .collect()
}

/// An antirisk programme: one per priority factor (plans.md §1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Programme {
    pub title: String,
    /// The factor it answers (1…12).
    pub factor: Option<u8>,
    pub goal: String,
    pub tasks: String,
    pub expected: String,
    pub indicator: String,
    pub target: String,
}

/// A measure's status at a monitoring date (plans.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    InProgress,
    NotDone,
    NotStarted,
    Cancelled,
}

impl Status {
    /// All statuses, in the order a list offers them.
    pub const ALL: [Status; 5] = [
        Status::Done,
        Status::InProgress,
        Status::NotDone,
        Status::NotStarted,
        Status::Cancelled,
    ];

    /// «выполнено», «выполняется»…
    pub fn word(self) -> &'static str {
        match self {
            Status::Done => "выполнено",
            Status::InProgress => "выполняется",
            Status::NotDone => "не выполнено",
            Status::NotStarted => "не начато",
            Status::Cancelled => "отменено",
        }
    }
}

/// Execution of a measure at one date: a status or a percent («Исполнение, %» of the МОУО
/// card).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    Status(Status),
    Percent(f64),
}

impl Mark {
    /// Reads «выполнено», «в работе», «отменено», «75 %», «75», «да» / «нет»; `None` for
    /// empty or unreadable text.
    pub fn parse(text: &str) -> Option<Mark> {
        let t = text.trim().to_lowercase().replace('ё', "е");
        if t.is_empty() {
            return None;
        }
        let num = t.trim_end_matches('%').trim().replace(',', ".");
        if let Ok(p) = num.parse::<f64>() {
            return (p.is_finite() && (0.0..=100.0).contains(&p)).then_some(Mark::Percent(p));
        }
        let status = match t.as_str() {
            "выполнено" | "выполнен" | "выполнена" | "исполнено" | "да" | "+" | "done" => {
                Status::Done
            }
            "выполняется" | "в работе" | "в процессе" | "частично" | "in_progress" => {
                Status::InProgress
            }
            "не выполнено" | "не выполнен" | "не исполнено" | "нет" | "-" | "not_done" => {
                Status::NotDone
            }
            "не начато" | "не начат" | "not_started" => Status::NotStarted,
            "отменено" | "отменен" | "отменена" | "исключено" | "cancelled" => {
                Status::Cancelled
            }
            _ => return None,
        };
        Some(Mark::Status(status))
    }

    /// The text a table shows: «выполнено», «75 %».
    pub fn text(self) -> String {
        match self {
            Mark::Status(s) => s.word().to_string(),
            Mark::Percent(p) => format!("{} %", crate::core::ru::number(p)),
        }
    }

    /// Done = status выполнено or 100 % (plans.md §4).
    pub fn is_done(self) -> bool {
        match self {
            Mark::Status(s) => s == Status::Done,
            Mark::Percent(p) => p >= 100.0,
        }
    }
}

/// One measure (row of the road map).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Measure {
    /// № as written («1.1.», «5»).
    pub number: String,
    pub text: String,
    /// The deadline as written; `deadline::parse` reads it.
    pub deadline: String,
    pub responsible: String,
    /// Expected result / indicator.
    pub result: String,
    /// The title of the programme it belongs to (empty for a municipal road map).
    pub programme: String,
    /// Risk factors it serves (1…12).
    pub factors: Vec<u8>,
    /// The section heading above it in the table, when there is one.
    pub section: String,
    /// Execution by monitoring date, ascending.
    pub marks: Vec<(Date, Mark)>,
    pub comment: String,
    /// Values of the plan's unknown columns, in `Plan::extra_columns` order.
    pub extra: Vec<String>,
}

impl Measure {
    /// The mark that holds at `at`: the latest recorded on or before it.
    pub fn mark_at(&self, at: Date) -> Option<Mark> {
        self.marks
            .iter()
            .filter(|(d, _)| *d <= at)
            .max_by_key(|(d, _)| *d)
            .map(|(_, m)| *m)
    }

    /// Sets (or with `None` clears) the mark of a date, keeping the list sorted.
    pub fn set_mark(&mut self, date: Date, mark: Option<Mark>) {
        self.marks.retain(|(d, _)| *d != date);
        if let Some(m) = mark {
            self.marks.push((date, m));
            self.marks.sort_by_key(|(d, _)| *d);
        }
    }
}

/// One school's answers for section 3 of the МОУО card (`card`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SchoolAnswers {
    pub school: String,
    /// Внутришкольная система профилактики учебной неуспешности разработана и реализуется.
    pub prevention: Option<bool>,
    /// ИОМ разработаны для 100 % неуспевающих.
    pub routes: Option<bool>,
    /// Дополнительные занятия организованы для 100 % неуспевающих.
    pub lessons: Option<bool>,
}

/// A disseminated practice (section 3, item 5: ОО, мероприятие, формат).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Practice {
    pub school: String,
    pub event: String,
    pub format: String,
}

/// The МОУО card's own data (what the plan does not hold); `card` builds the card from it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Card {
    pub schools: Vec<SchoolAnswers>,
    pub practices: Vec<Practice>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Plan {
    pub header: Header,
    /// Questionnaire results, ascending by date; the last is the current profile.
    pub profiles: Vec<Profile>,
    pub programmes: Vec<Programme>,
    pub measures: Vec<Measure>,
    /// Monitoring dates, ascending (default 31.03, 15.09, 31.12 — seed 001, Приложение 2).
    pub dates: Vec<Date>,
    /// Headers of columns the reader did not recognise, kept and written back.
    pub extra_columns: Vec<String>,
    /// The МОУО information card's own data (municipal plans).
    #[serde(default)]
    pub card: Card,
}

impl Plan {
    /// The monitoring dates of seed 001 (31.03, 15.09, 31.12) in a year.
    pub fn default_dates(year: u16) -> Vec<Date> {
        [(3, 31), (9, 15), (12, 31)]
            .iter()
            .filter_map(|&(m, d)| Date::new(year, m, d))
            .collect()
    }

    /// Every date the plan has marks at or names as a monitoring date, ascending.
    pub fn all_dates(&self) -> Vec<Date> {
        let mut out: Vec<Date> = self.dates.clone();
        for m in &self.measures {
            out.extend(m.marks.iter().map(|(d, _)| *d));
        }
        out.sort();
        out.dedup();
        out
    }

    /// The current (latest) profile and the first one, when there are two or more.
    pub fn profile_pair(&self) -> (Option<&Profile>, Option<&Profile>) {
        let current = self.profiles.last();
        let first = (self.profiles.len() > 1).then(|| &self.profiles[0]);
        (current, first)
    }
}

/// «8. Высокая доля обучающихся с рисками учебной неуспешности».
pub fn factor_label(n: u8) -> String {
    match risk_factors::factor(n) {
        Some(f) => format!("{}. {}", f.number, f.name),
        None => format!("фактор {n}"),
    }
}
