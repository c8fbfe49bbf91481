//! The regional indicators of effectiveness of seed 001 (Программа мониторингов, «Показатель
//! эффективности принятых мер»), computed over the ШНОР of the set (and «зона риска» where the
//! programme names it):
//! * share of ШНОР (and of «зона риска») with positive dynamics of results — the school's share
//!   of «2» over the counted procedures, this year against the year before, judged by the
//!   dynamics rules (domain.md §2);
//! * share of ШНОР with methodical coverage 100 % (3.3 `support.methodical`);
//! * share of ШНОР with network interaction ≥ 80 % (`support.partner`) and with courses ≥ 80 %
//!   (`support.courses`);
//! * share of ШНОР whose antirisk programmes match the questionnaire ≥ 80 % and whose measures
//!   are ≥ 80 % executed (3.4 `risk.programs_matching`, `risk.measures_done`).
//!
//! In: schools, statuses, settings. Out: [`Regional`] lines with numerator, denominator and the
//! schools that fall short, named.

use serde::{Deserialize, Serialize};

use super::super::catalogue::{Kind, Polarity};
use super::super::dynamics::{self, round2, Label, Point};
use super::super::identify::{Settings, Status};
use super::super::model::{School, Value, Year};
use super::context::failed_share;

/// One regional indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regional {
    pub key: String,
    /// «Доля ШНОР с положительной динамикой результатов»
    pub label: String,
    /// Schools meeting it, schools counted (the group), share in percent.
    pub yes: usize,
    pub of: usize,
    pub share: Option<f64>,
    /// Schools of the group without the data to decide.
    pub no_data: Vec<usize>,
    /// Schools of the group that do not meet it.
    pub not_met: Vec<usize>,
}

/// Whether a share cell is at least `min` percent, exactly (`None` without a number).
fn at_least(v: &Value, min: i64) -> Option<bool> {
    match v {
        Value::Ratio { part, whole, .. } if *whole > 0 => {
            Some(*part as i64 * 100 >= min * *whole as i64)
        }
        Value::Percent { value, .. } | Value::Number(value) => Some(value.ge_int(min)),
        _ => None,
    }
}

/// Positive dynamics of a school's results: the share of «2» over the counted procedures in
/// its year of identification against the year before.
pub fn positive_dynamics(school: &School, as_of: Year, settings: &Settings) -> Option<bool> {
    let point = |y: Year| {
        failed_share(school, y, settings).map(|(f, n)| Point {
            year: y,
            value: f as f64 * 100.0 / n as f64,
            group: u32::try_from(n).ok(),
            part: u32::try_from(f).ok(),
        })
    };
    let points = [point(as_of.prev())?, point(as_of)?];
    let d = dynamics::compute(
        &points,
        Kind::Share,
        Polarity::LowerBetter,
        settings.stable_threshold_pp,
    )?;
    Some(matches!(d.label, Label::Positive | Label::SteadyPositive))
}

fn line(
    key: &'static str,
    label: &'static str,
    group: &[usize],
    test: impl Fn(usize) -> Option<bool>,
) -> Regional {
    let (mut yes, mut no_data, mut not_met) = (0, Vec::new(), Vec::new());
    for &i in group {
        match test(i) {
            Some(true) => yes += 1,
            Some(false) => not_met.push(i),
            None => no_data.push(i),
        }
    }
    Regional {
        key: key.to_string(),
        label: label.to_string(),
        yes,
        of: group.len(),
        share: (!group.is_empty()).then(|| round2(yes as f64 * 100.0 / group.len() as f64)),
        no_data,
        not_met,
    }
}

/// The regional indicators of the set.
pub fn regional(
    schools: &[School],
    statuses: &[(Option<Year>, Status)],
    settings: &Settings,
) -> Vec<Regional> {
    let with = |st: Status| -> Vec<usize> {
        (0..schools.len())
            .filter(|&i| statuses[i].1 == st)
            .collect()
    };
    let (shnor, risk) = (with(Status::Shnor), with(Status::Risk));
    let latest = |i: usize, code: &str| -> &Value {
        let s = &schools[i];
        s.years
            .iter()
            .rev()
            .map(|y| s.value(code, *y))
            .find(|v| v.is_present())
            .unwrap_or(&Value::Missing)
    };
    let dyn_of = |i: usize| {
        statuses[i]
            .0
            .and_then(|y| positive_dynamics(&schools[i], y, settings))
    };
    vec![
        line(
            "shnor_positive_dynamics",
            "Доля ШНОР с положительной динамикой результатов",
            &shnor,
            dyn_of,
        ),
        line(
            "risk_positive_dynamics",
            "Доля школ «зоны риска» с положительной динамикой результатов",
            &risk,
            dyn_of,
        ),
        line(
            "shnor_methodical_100",
            "Доля ШНОР, в которых охват педагогов методической работой — 100 %",
            &shnor,
            |i| at_least(latest(i, "support.methodical"), 100),
        ),
        line(
            "shnor_network_80",
            "Доля ШНОР, в которых вовлечённых в сетевое взаимодействие — не менее 80 %",
            &shnor,
            |i| at_least(latest(i, "support.partner"), 80),
        ),
        line(
            "shnor_courses_80",
            "Доля ШНОР, в которых прошедших курсовую подготовку — не менее 80 %",
            &shnor,
            |i| at_least(latest(i, "support.courses"), 80),
        ),
        line(
            "shnor_programs_80",
            "Доля ШНОР, в которых антирисковые программы соответствуют анкетированию и выполнено не менее 80 % мероприятий",
            &shnor,
            |i| {
                let m = at_least(latest(i, "risk.programs_matching"), 80);
                let d = at_least(latest(i, "risk.measures_done"), 80);
                match (m, d) {
                    (Some(false), _) | (_, Some(false)) => Some(false),
                    (Some(true), Some(true)) => Some(true),
                    _ => None,
                }
            },
        ),
    ]
}
