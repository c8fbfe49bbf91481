//! Result dynamics (domain.md §2): the change over the window and year over year, judged by the
//! indicator's polarity. A change within the threshold T (default 3 п.п.; widened to 100/N for a
//! group of N so that one pupil is never a trend) is «стабильная»; worse by 10 п.п. or more is
//! «значительное ухудшение»; over three or more years the steps decide between «устойчиво
//! положительная», «устойчиво отрицательная» and «неустойчивая».

use serde::Serialize;

use super::catalogue::{Kind, Polarity};
use super::model::Year;
use super::ru;

/// Worse by this many percentage points or more is «значительное ухудшение».
pub const SIGNIFICANT_PP: f64 = 10.0;

/// The verdict on a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Positive,
    Negative,
    SignificantWorsening,
    Stable,
    SteadyPositive,
    SteadyNegative,
    Unstable,
    /// A neutral indicator (pupil counts…) that rose or fell: a fact, not a judgement.
    Increase,
    Decrease,
}

/// How a label should look: good, bad, stable, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Bad,
    Stable,
    Neutral,
}

/// The dynamics of one indicator over the years that have values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dynamics {
    pub label: Label,
    /// The Russian label («отрицательная»).
    pub text: &'static str,
    pub from_year: Year,
    pub to_year: Year,
    pub from: f64,
    pub to: f64,
    /// to − from: percentage points for shares, units for counts.
    pub delta: f64,
    /// Year-over-year changes: (year, change from the previous year with a value).
    pub steps: Vec<(Year, f64)>,
    /// The threshold actually used (T, or 100/N for small groups).
    pub threshold: f64,
    /// "pp" for shares, "units" for counts.
    pub unit: &'static str,
}

impl Dynamics {
    /// The colour class of the label.
    pub fn tone(&self) -> Tone {
        match self.label {
            Label::Positive | Label::SteadyPositive => Tone::Good,
            Label::Negative | Label::SignificantWorsening | Label::SteadyNegative => Tone::Bad,
            Label::Stable => Tone::Stable,
            Label::Unstable | Label::Increase | Label::Decrease => Tone::Neutral,
        }
    }

    /// ↑, ↓ or → by the direction of the value (not of the judgement).
    pub fn arrow(&self) -> &'static str {
        if self.label == Label::Stable || self.delta == 0.0 {
            "→"
        } else if self.delta > 0.0 {
            "↑"
        } else {
            "↓"
        }
    }

    /// The Russian label.
    pub fn label(&self) -> &'static str {
        self.text
    }

    /// «+16,3 п.п.» or «+3».
    pub fn delta_text(&self) -> String {
        if self.unit == "pp" {
            ru::pp(self.delta)
        } else {
            ru::signed(self.delta, if self.delta.fract() == 0.0 { 0 } else { 1 })
        }
    }
}

/// The Russian word for a label.
pub fn label_text(l: Label) -> &'static str {
    match l {
        Label::Positive => "положительная",
        Label::Negative => "отрицательная",
        Label::SignificantWorsening => "значительное ухудшение",
        Label::Stable => "стабильная",
        Label::SteadyPositive => "устойчиво положительная",
        Label::SteadyNegative => "устойчиво отрицательная",
        Label::Unstable => "неустойчивая",
        Label::Increase => "рост",
        Label::Decrease => "снижение",
    }
}

/// One point of a series: the year, the value (percent for shares) and the group size behind
/// a share when the file gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub year: Year,
    pub value: f64,
    pub group: Option<u32>,
}

/// +1 better, −1 worse, 0 within the threshold.
fn direction(delta: f64, threshold: f64, polarity: Polarity) -> i8 {
    if delta.abs() <= threshold + 1e-9 {
        return 0;
    }
    let up = if delta > 0.0 { 1 } else { -1 };
    match polarity {
        Polarity::HigherBetter => up,
        Polarity::LowerBetter => -up,
        Polarity::Neutral => up,
    }
}

/// Computes the dynamics of a series (points in year order, only years with values). `None`
/// with fewer than two points, or for kinds without numbers.
///
/// For shares the threshold is max(T, 100/N) percentage points, N the smallest group of the
/// compared years. For counts it is T per cent of the earlier value (so 212 → 205 pupils is
/// a change, 212 → 210 is not), and any change from zero counts.
pub fn compute(points: &[Point], kind: Kind, polarity: Polarity, t: f64) -> Option<Dynamics> {
    if points.len() < 2 || !matches!(kind, Kind::Share | Kind::Count) {
        return None;
    }
    let share = kind == Kind::Share;
    let threshold_between = |a: &Point, b: &Point| -> f64 {
        if share {
            let n = match (a.group, b.group) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            match n {
                Some(n) if n > 0 => t.max(100.0 / n as f64),
                _ => t,
            }
        } else {
            a.value.abs() * t / 100.0
        }
    };
    let (first, last) = (points[0], points[points.len() - 1]);
    let delta = last.value - first.value;
    let threshold = threshold_between(&first, &last);
    let steps: Vec<(Year, f64)> = points
        .windows(2)
        .map(|w| (w[1].year, w[1].value - w[0].value))
        .collect();
    let overall = direction(delta, threshold, polarity);
    let label = if polarity == Polarity::Neutral {
        match overall {
            0 => Label::Stable,
            d if d > 0 => Label::Increase,
            _ => Label::Decrease,
        }
    } else {
        let worse_pp = match polarity {
            Polarity::LowerBetter => delta,
            _ => -delta,
        };
        let step_dirs: Vec<i8> = points
            .windows(2)
            .map(|w| {
                direction(
                    w[1].value - w[0].value,
                    threshold_between(&w[0], &w[1]),
                    polarity,
                )
            })
            .collect();
        // «Значительное ухудшение» is a worsening first: a change within the (widened)
        // threshold is stable however many points it is, so one pupil of four (25 п.п.) is
        // never «значительное ухудшение» (domain.md §2: one pupil is never a trend).
        if share && overall < 0 && worse_pp >= SIGNIFICANT_PP - 1e-9 {
            Label::SignificantWorsening
        } else if step_dirs.len() >= 2 {
            let ups = step_dirs.iter().filter(|&&d| d > 0).count();
            let downs = step_dirs.iter().filter(|&&d| d < 0).count();
            if ups == step_dirs.len() {
                Label::SteadyPositive
            } else if downs == step_dirs.len() {
                Label::SteadyNegative
            } else if ups > 0 && downs > 0 && overall == 0 {
                Label::Unstable
            } else {
                match overall {
                    0 => Label::Stable,
                    d if d > 0 => Label::Positive,
                    _ => Label::Negative,
                }
            }
        } else {
            match overall {
                0 => Label::Stable,
                d if d > 0 => Label::Positive,
                _ => Label::Negative,
            }
        }
    };
    // Decided on exact values above; what is reported is rounded to hundredths so that JSON
    // does not show binary noise (−0.5999999999999943).
    Some(Dynamics {
        label,
        text: label_text(label),
        from_year: first.year,
        to_year: last.year,
        from: round2(first.value),
        to: round2(last.value),
        delta: round2(delta),
        steps: steps.into_iter().map(|(y, d)| (y, round2(d))).collect(),
        threshold: round2(threshold),
        unit: if share { "pp" } else { "units" },
    })
}

/// Rounds to two decimals (for reporting, never for decisions).
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
