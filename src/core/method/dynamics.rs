//! Result dynamics (domain.md §2, edition 2): the change over the window and year over year,
//! judged by the indicator's polarity. A change is a trend only when it is more than T (default
//! 3 п.п.) and, where counts are known, the numerator moved by at least 2 pupils (one pupil is
//! never a trend); counts need ≥ 2 units and more than T % of the earlier value; below 10 % on
//! both sides, ≥ 1 п.п. that is also ≥ a third of the earlier value is a trend (low bases).
//! Worse by 10 п.п. or more is «значительное ухудшение»; over three or more years the steps
//! decide between «устойчиво положительная», «устойчиво отрицательная» and «неустойчивая».
//! Context indicators (family shares, domain.md §2 «Context is not performance») get
//! «социальный риск растёт / снижается», never a judgement of the school.

use serde::Serialize;

use crate::core::catalogue::{Kind, Polarity};
use crate::core::model::Year;
use crate::core::ru;

/// Worse by this many percentage points or more is «значительное ухудшение» (the catalogue's
/// constant).
pub use crate::core::rules::SIGNIFICANT_PP;

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
    /// A context share (low-income, single-parent, large families, weak Russian) rose: the
    /// school's social risk grows — never «отрицательная динамика» of the school.
    RiskUp,
    RiskDown,
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
    /// The threshold: T п.п. for shares; for counts T % of the earlier value (at least 2).
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
            Label::Unstable
            | Label::Increase
            | Label::Decrease
            | Label::RiskUp
            | Label::RiskDown => Tone::Neutral,
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
        Label::RiskUp => "социальный риск растёт",
        Label::RiskDown => "социальный риск снижается",
    }
}

/// One point of a series: the year, the value (percent for shares) and the group size behind
/// a share when the file gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub year: Year,
    pub value: f64,
    pub group: Option<u32>,
    /// The numerator behind a share (failed, part), when the file gives it as `part/whole`;
    /// estimated from a percentage of a known group.
    pub part: Option<u32>,
}

/// Below this share (on both sides, %) the low-base rule applies (domain.md §2).
pub const LOW_BASE_PERCENT: f64 = 10.0;
/// A low-base trend needs at least this many п.п. …
pub const LOW_BASE_MIN_PP: f64 = 1.0;
/// … and at least this part of the earlier value (a third).
pub const LOW_BASE_FRACTION: f64 = 1.0 / 3.0;
/// One pupil is never a trend: the numerator (or a count) must move by at least this much.
pub const MIN_UNITS: u32 = 2;

/// The numerator of a share point: given, or estimated from the percentage of a known group.
fn numerator(p: &Point) -> Option<f64> {
    p.part
        .map(f64::from)
        .or_else(|| p.group.map(|n| (p.value * n as f64 / 100.0).round()))
}

/// Whether the change from `a` to `b` is a trend (domain.md §2, edition 2).
fn is_trend(a: &Point, b: &Point, share: bool, t: f64) -> bool {
    const EPS: f64 = 1e-9;
    let d = (b.value - a.value).abs();
    if share {
        // «One pupil is never a trend»: where counts are known the numerator must move by 2.
        if let (Some(x), Some(y)) = (numerator(a), numerator(b)) {
            if (y - x).abs() < MIN_UNITS as f64 - EPS {
                return false;
            }
        }
        let low_base = a.value < LOW_BASE_PERCENT
            && b.value < LOW_BASE_PERCENT
            && d >= LOW_BASE_MIN_PP - EPS
            && d >= a.value * LOW_BASE_FRACTION - EPS;
        d > t + EPS || low_base
    } else {
        // «a count (honours 2 → 1) needs a change of at least 2 units and more than T %».
        d >= MIN_UNITS as f64 - EPS && d > a.value.abs() * t / 100.0 + EPS
    }
}

/// +1 better, −1 worse, 0 not a trend.
fn direction(a: &Point, b: &Point, share: bool, t: f64, polarity: Polarity) -> i8 {
    if !is_trend(a, b, share, t) {
        return 0;
    }
    let up = if b.value > a.value { 1 } else { -1 };
    match polarity {
        Polarity::HigherBetter => up,
        Polarity::LowerBetter => -up,
        Polarity::Neutral => up,
    }
}

/// Computes the dynamics of a context share (domain.md §2, «Context is not performance»): the
/// same trend rules, worded as social risk.
pub fn compute_context(points: &[Point], kind: Kind, t: f64) -> Option<Dynamics> {
    let mut d = compute(points, kind, Polarity::Neutral, t)?;
    d.label = match d.label {
        Label::Increase => Label::RiskUp,
        Label::Decrease => Label::RiskDown,
        other => other,
    };
    d.text = label_text(d.label);
    Some(d)
}

/// Computes the dynamics of a series (points in year order, only years with values). `None`
/// with fewer than two points, or for kinds without numbers.
///
/// For shares a trend is more than T п.п. with the numerator moved by ≥ 2 where counts are
/// known, or a low-base change (both < 10 %: ≥ 1 п.п. and ≥ a third of the earlier value). For
/// counts it is ≥ 2 units and more than T per cent of the earlier value (so 212 → 205 pupils is
/// a change, 212 → 210 is not, honours 2 → 1 is not).
pub fn compute(points: &[Point], kind: Kind, polarity: Polarity, t: f64) -> Option<Dynamics> {
    if points.len() < 2 || !matches!(kind, Kind::Share | Kind::Count) {
        return None;
    }
    let share = kind == Kind::Share;
    let (first, last) = (points[0], points[points.len() - 1]);
    let delta = last.value - first.value;
    let threshold = if share {
        t
    } else {
        (first.value.abs() * t / 100.0).max(MIN_UNITS as f64)
    };
    let steps: Vec<(Year, f64)> = points
        .windows(2)
        .map(|w| (w[1].year, w[1].value - w[0].value))
        .collect();
    let overall = direction(&first, &last, share, t, polarity);
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
            .map(|w| direction(&w[0], &w[1], share, t, polarity))
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
