//! Deadlines as the road maps word them («ежегодно, сентябрь», «до 01.10.2022», «в течение
//! года», «2 квартал 2021 года», «Сентябрь 2017 года - май 2018 года») read into a rule that
//! gives the due date at a monitoring date. The wording itself stays in the plan untouched;
//! this module only reads it (plans.md §1). In: the wording and `model`'s `Date` and `Plan`;
//! out: `Rule`, due dates for `execution`, and the plan's period years (`Plan::period_years`,
//! read from the header's wording with the same reader).
//!
//! Rules of reading, in order:
//! * an explicit date (dd.mm.yyyy) → that date (the latest, when several);
//! * «ежегодно», «каждого», «ежеквартально», «постоянно», «в течение года», or a month without
//!   a year → the same day every year (a yearly measure counts once, by its date in the year of
//!   the monitoring date, plans.md §4);
//! * a year (or years) → the last one: its last named month's end, the quarter's or half-year's
//!   end, the end of the school year («учебного года» → 31.05) or 31.12;
//! * the day is the number right before the month («До 31 марта»), else the month's last day;
//! * of several months the last named one counts («август-сентябрь» → 30.09);
//! * anything else («по отдельному графику», «в соответствии со сроками ВПР») has no due date:
//!   such a measure is listed as «срок не распознан», never counted as due.

use serde::Serialize;

use super::model::{Date, Plan};

/// What a deadline's wording means for due dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Rule {
    /// Due once, on this date.
    On { date: Date },
    /// Due every year of the period on this day.
    Yearly { month: u8, day: u8 },
    /// The wording names no date.
    Unknown,
}

/// One token of a deadline: a run of letters or a run of digits.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Num(u32),
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut num = String::new();
    let flush = |word: &mut String, num: &mut String, out: &mut Vec<Tok>| {
        if !word.is_empty() {
            out.push(Tok::Word(std::mem::take(word)));
        }
        if !num.is_empty() {
            // A digit run too long for u32 is not a day, month or year.
            if let Ok(n) = num.parse() {
                out.push(Tok::Num(n));
            }
            num.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            if !num.is_empty() {
                flush(&mut word, &mut num, &mut out);
            }
            word.extend(c.to_lowercase());
        } else if c.is_ascii_digit() {
            if !word.is_empty() {
                flush(&mut word, &mut num, &mut out);
            }
            num.push(c);
        } else {
            flush(&mut word, &mut num, &mut out);
        }
    }
    flush(&mut word, &mut num, &mut out);
    out
}

/// The month a word names, in any case form («сентябрь», «сентября», «мае»).
fn month_of(word: &str) -> Option<u8> {
    const STEMS: [(&str, u8); 11] = [
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
    ];
    if matches!(word, "май" | "мая" | "мае") {
        return Some(5);
    }
    STEMS
        .iter()
        .find(|(stem, _)| word.starts_with(stem))
        .map(|(_, m)| *m)
}

fn is_year(n: u32) -> bool {
    (1990..=2100).contains(&n)
}

/// Every year named in a text («2021 - 2024 годы» → [2021, 2024]).
pub fn years_in(text: &str) -> Vec<u16> {
    tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Tok::Num(n) if is_year(n) => Some(n as u16),
            _ => None,
        })
        .collect()
}

impl Plan {
    /// The first and the last year of the period («2021 - 2024 годы» → 2021, 2024), when the
    /// header names years.
    pub fn period_years(&self) -> Option<(u16, u16)> {
        let years = years_in(&self.header.period);
        Some((*years.iter().min()?, *years.iter().max()?))
    }
}

/// Explicit dates dd.mm.yyyy in a text.
fn dates_in(text: &str) -> Vec<Date> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|s| s.trim_matches('.'))
        .filter(|s| s.matches('.').count() == 2)
        .filter_map(Date::parse)
        .collect()
}

/// Reads a deadline's wording.
pub fn parse(text: &str) -> Rule {
    if let Some(date) = dates_in(text).into_iter().max() {
        return Rule::On { date };
    }
    let toks = tokens(&text.replace('ё', "е"));
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let num = |i: usize| match toks.get(i) {
        Some(Tok::Num(n)) => Some(*n),
        _ => None,
    };
    let mut yearly = false;
    let mut school_year = false;
    let mut month: Option<(u8, Option<u8>)> = None;
    let mut years: Vec<u16> = Vec::new();
    let mut from_year = false;
    let mut during = false;
    for i in 0..toks.len() {
        if let Some(w) = word(i) {
            if w.starts_with("ежегод")
                || w.starts_with("каждо")
                || w.starts_with("каждый")
                || w.starts_with("ежекварт")
                || w.starts_with("ежемесяч")
                || w.starts_with("постоянн")
            {
                yearly = true;
            }
            if w.starts_with("течени") {
                during = true;
            }
            if w.starts_with("учебн") {
                school_year = true;
            }
            let before = i
                .checked_sub(1)
                .and_then(num)
                .filter(|n| (1..=31).contains(n));
            if let Some(m) = month_of(w) {
                month = Some((m, before.map(|d| d as u8)));
            } else if w.starts_with("квартал") {
                if let Some(q @ 1..=4) = before {
                    month = Some((q as u8 * 3, None));
                }
            } else if w.starts_with("полугод") {
                if let Some(h @ 1..=2) = before {
                    month = Some((h as u8 * 6, None));
                }
            }
        } else if let Some(n) = num(i).filter(|n| is_year(*n)) {
            if years.is_empty() && i > 0 && word(i - 1) == Some("с") {
                from_year = true;
            }
            years.push(n as u16);
        }
    }
    // «с 2021 года» alone is a start, not an end: the measure runs every year from then.
    // «в течение года» without a year: every year; «в течение 2021-2022 учебного года» ends
    // with the year it names.
    if (from_year && years.len() == 1) || (during && years.is_empty()) {
        yearly = true;
    }
    let (m, d) = match month {
        Some((m, d)) => (m, d),
        None if school_year => (5, None),
        None => (12, None),
    };
    if yearly || (month.is_some() && years.is_empty()) {
        let day = d.unwrap_or_else(|| Date::month_end(2001, m).day);
        return Rule::Yearly { month: m, day };
    }
    match years.iter().max() {
        Some(&y) => {
            let end = Date::month_end(y, m);
            let date = d.and_then(|d| Date::new(y, m, d)).unwrap_or(end);
            Rule::On { date }
        }
        None => Rule::Unknown,
    }
}

/// The due date that matters at `at`: a fixed date as it is; a yearly one in the year of `at`
/// (within the plan's period when it is known: before the period it falls in the first year,
/// after it in the last). `None` when the wording names no date. The measure is due at `at`
/// when the returned date is on or before `at`.
pub fn due_date(rule: Rule, at: Date, period: Option<(u16, u16)>) -> Option<Date> {
    match rule {
        Rule::On { date } => Some(date),
        Rule::Yearly { month, day } => {
            let year = match period {
                Some((from, to)) => at.year.clamp(from, to.max(from)),
                None => at.year,
            };
            // 29.02 in a common year, or a day past the month's end, is the month's end.
            Some(Date::new(year, month, day).unwrap_or(Date::month_end(year, month)))
        }
        Rule::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(s: &str) -> Rule {
        Rule::On {
            date: Date::parse(s).unwrap(),
        }
    }

    #[test]
    fn seed_wordings() {
        // plans.md §1: «ежегодно, сентябрь» is 30.09 of each year.
        assert_eq!(
            parse("ежегодно, сентябрь"),
            Rule::Yearly { month: 9, day: 30 }
        );
        assert_eq!(parse("До 01.10.2022"), on("01.10.2022"));
        // «в течение года»: the last day of that year.
        assert_eq!(parse("в течение года"), Rule::Yearly { month: 12, day: 31 });
        assert_eq!(
            parse("ежегодно, август-сентябрь"),
            Rule::Yearly { month: 9, day: 30 }
        );
        assert_eq!(
            parse("Сентябрь 2017 года - май 2018 года"),
            on("31.05.2018")
        );
        assert_eq!(parse("Сентябрь 2022/февраль2023"), on("28.02.2023"));
        assert_eq!(parse("2 квартал 2021 года"), on("30.06.2021"));
        assert_eq!(parse("2 полугодие 2021 года"), on("31.12.2021"));
        assert_eq!(
            parse("4 квартал каждого учебного года"),
            Rule::Yearly { month: 12, day: 31 }
        );
        assert_eq!(parse("2021-2024 годы"), on("31.12.2024"));
        assert_eq!(parse("В течение 2021-2022 учебного года"), on("31.05.2022"));
        assert_eq!(
            parse("В течение 2021-2022 учебного года, До декабря 2022 года"),
            on("31.12.2022")
        );
        assert_eq!(parse("С 2021 года"), Rule::Yearly { month: 12, day: 31 });
        assert_eq!(parse("До 31 марта"), Rule::Yearly { month: 3, day: 31 });
        assert_eq!(parse("Август 2017 года"), on("31.08.2017"));
        assert_eq!(parse("Май-июнь 2017 года"), on("30.06.2017"));
        assert_eq!(
            parse("ежегодно, не менее 4-х за- седаний в год"),
            Rule::Yearly { month: 12, day: 31 }
        );
        assert_eq!(parse("по отдельному графику"), Rule::Unknown);
        assert_eq!(
            parse("В соответствии со сроками ВПР, КДР, ОГЭ, ЕГЭ"),
            Rule::Unknown
        );
        assert_eq!(parse(""), Rule::Unknown);
    }

    #[test]
    fn yearly_due_in_the_year_of_the_date_within_the_period() {
        let r = parse("ежегодно, сентябрь");
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(due_date(r, d("15.09.2023"), None), Some(d("30.09.2023")));
        // After the period (2021–2022) the last year's date holds: due.
        assert_eq!(
            due_date(r, d("31.03.2024"), Some((2021, 2022))),
            Some(d("30.09.2022"))
        );
        assert_eq!(due_date(Rule::Unknown, d("31.03.2024"), None), None);
    }
}
