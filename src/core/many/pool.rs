//! Every ДТК indicator over the set of schools (municipal.md §2): pooled where counts exist
//! (Σ failed ÷ Σ participants; Σ of counts; the share of schools answering «да»), else the
//! median and the range of the school values; the number of schools that gave it; the
//! dynamics of the pooled value by the same rules as one school (`report::indicator_rows` on a
//! «pooled school»); and each school against the set (value, rank, quartiles, who is beyond).
//!
//! In: the schools (computed indicators added) and the settings. Out: [`PooledIndicator`]s
//! and the pooled school the «Вывод»/«Проблема» are generated from.

use serde::{Deserialize, Serialize};

use super::super::catalogue::{self, Indicator, Kind, Polarity, INDICATORS};
use super::super::dynamics::{self, round2, Dynamics, Point};
use super::super::identify::Settings;
use super::super::model::{Loc, Num, School, SchoolMeta, Value, Year};
use super::super::report::{self, IndicatorRow};

/// How a year's value of the set was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Σ part ÷ Σ whole: every school that gave the share gave it as counts.
    Pooled,
    /// Σ of the schools' counts (pupils, programmes).
    Sum,
    /// Some school gave only a percentage: the median of the school values.
    Median,
    /// A yes/no indicator: the share of schools answering «да».
    YesShare,
}

/// One year of an indicator over the set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearPool {
    pub year: Year,
    pub method: Method,
    /// The set's value: percent for shares and yes/no, units for counts.
    pub value: f64,
    /// Σ part and Σ whole when pooled (or «да» and answers for yes/no).
    pub part: Option<u64>,
    pub whole: Option<u64>,
    /// The median and the range of the school values.
    pub median: f64,
    pub min: f64,
    pub max: f64,
    /// Schools with a value this year.
    pub schools: usize,
}

/// Each school against the set in one year (the latest year anyone gave the indicator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub year: Year,
    /// Quartiles of the school values (as Excel's QUARTILE.INC).
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    /// By school index: the school's value and rank (1 = best by the indicator's polarity;
    /// for a neutral one, the largest value), `null` where the school gave nothing.
    pub values: Vec<Option<f64>>,
    pub ranks: Vec<Option<u32>>,
    /// Schools below the first quartile and above the third (indices), each sorted by value.
    pub below: Vec<usize>,
    pub above: Vec<usize>,
}

impl Standing {
    /// The schools beyond the quartiles on the bad side, by polarity (none for neutral ones).
    pub fn worse(&self, polarity: Polarity) -> &[usize] {
        match polarity {
            Polarity::LowerBetter => &self.above,
            Polarity::HigherBetter => &self.below,
            Polarity::Neutral => &[],
        }
    }

    /// The schools beyond the quartiles on the good side.
    pub fn better(&self, polarity: Polarity) -> &[usize] {
        match polarity {
            Polarity::LowerBetter => &self.below,
            Polarity::HigherBetter => &self.above,
            Polarity::Neutral => &[],
        }
    }
}

/// The dynamics of the set's value as the page shows it (from `dynamics::Dynamics`, which the
/// page cannot read back: its words are the catalogue's `&'static str`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// «отрицательная»
    pub text: String,
    /// good / bad / stable / neutral (the colour).
    pub tone: String,
    /// ↑ ↓ →
    pub arrow: String,
    /// «+4,0 п.п.»
    pub delta: String,
    pub from_year: Year,
    pub to_year: Year,
}

impl Trend {
    fn of(d: &Dynamics) -> Trend {
        let tone = serde_json::to_value(d.tone())
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        Trend {
            text: d.text.to_string(),
            tone,
            arrow: d.arrow().to_string(),
            delta: d.delta_text(),
            from_year: d.from_year,
            to_year: d.to_year,
        }
    }
}

/// One indicator over the set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PooledIndicator {
    pub code: String,
    pub label: String,
    pub years: Vec<YearPool>,
    /// Schools that gave it in at least one year.
    pub schools: usize,
    /// Dynamics of the set's value (the rules of one school, domain.md §2).
    pub dynamics: Option<Trend>,
    pub standing: Option<Standing>,
}

impl Method {
    /// How the value was obtained, in words.
    pub fn label(self) -> &'static str {
        match self {
            Method::Pooled => "Σ не справились ÷ Σ участников",
            Method::Sum => "сумма по школам",
            Method::Median => "медиана школ",
            Method::YesShare => "доля школ с ответом «да»",
        }
    }
}

impl PooledIndicator {
    /// The catalogue's entry (section, kind, polarity, wording).
    pub fn indicator(&self) -> Option<&'static Indicator> {
        catalogue::find(&self.code)
    }

    /// The kind of the indicator (`Share` when unknown).
    pub fn kind(&self) -> Kind {
        self.indicator().map_or(Kind::Share, |i| i.kind)
    }

    /// The polarity of the indicator (`Neutral` when unknown).
    pub fn polarity(&self) -> Polarity {
        self.indicator().map_or(Polarity::Neutral, |i| i.polarity)
    }
}

/// Quantile `p` of sorted values, linear between neighbours (Excel's QUARTILE.INC, R type 7).
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Ranks 1 = best with ties sharing the better rank (1, 1, 3, 4). Sorted once and searched:
/// a region's 2 000 schools × every indicator would be millions of comparisons pairwise.
pub fn ranks(values: &[Option<f64>], polarity: Polarity) -> Vec<Option<u32>> {
    let key = |v: f64| match polarity {
        Polarity::LowerBetter => v,
        _ => -v,
    };
    let mut sorted: Vec<f64> = values.iter().flatten().map(|v| key(*v)).collect();
    sorted.sort_by(f64::total_cmp);
    values
        .iter()
        .map(|v| {
            let k = key((*v)?);
            let better = sorted.partition_point(|o| *o < k - 1e-9);
            Some(better as u32 + 1)
        })
        .collect()
}

/// The standing of the schools from their values in one year (`None` when nobody gave it).
pub fn standing(year: Year, values: Vec<Option<f64>>, polarity: Polarity) -> Option<Standing> {
    let mut sorted: Vec<f64> = values.iter().flatten().copied().collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let (q1, median, q3) = (
        quantile(&sorted, 0.25),
        quantile(&sorted, 0.5),
        quantile(&sorted, 0.75),
    );
    let pick = |f: &dyn Fn(f64) -> bool| {
        let mut out: Vec<usize> = (0..values.len())
            .filter(|&i| values[i].is_some_and(f))
            .collect();
        out.sort_by(|&a, &b| values[a].unwrap().total_cmp(&values[b].unwrap()));
        out
    };
    // Fewer than four values have no quartiles worth naming anyone by.
    let (below, above) = if sorted.len() >= 4 {
        (pick(&|v| v < q1 - 1e-9), pick(&|v| v > q3 + 1e-9))
    } else {
        (Vec::new(), Vec::new())
    };
    Some(Standing {
        year,
        q1: round2(q1),
        median: round2(median),
        q3: round2(q3),
        ranks: ranks(&values, polarity),
        values: values.into_iter().map(|v| v.map(round2)).collect(),
        below,
        above,
    })
}

/// A number as an exact decimal with two places (medians are not counts).
fn num2(v: f64) -> Num {
    Num {
        mant: (v * 100.0).round() as i64,
        scale: 2,
    }
}

/// The value a school gives for the rules: percent for shares, units for counts, 100/0 for
/// yes/no.
fn school_number(v: &Value, kind: Kind) -> Option<f64> {
    match (kind, v) {
        (Kind::YesNo, Value::Bool(b)) => Some(if *b { 100.0 } else { 0.0 }),
        (Kind::Share | Kind::Count, v) => v.number(),
        _ => None,
    }
}

/// One year of one indicator over the schools, and the value the pooled school gets.
fn pool_year(schools: &[School], code: &str, kind: Kind, year: Year) -> Option<(YearPool, Value)> {
    let cells: Vec<&Value> = schools
        .iter()
        .map(|s| s.value(code, year))
        .filter(|v| school_number(v, kind).is_some())
        .collect();
    if cells.is_empty() {
        return None;
    }
    let mut numbers: Vec<f64> = cells
        .iter()
        .filter_map(|v| school_number(v, kind))
        .collect();
    numbers.sort_by(f64::total_cmp);
    let median = quantile(&numbers, 0.5);
    let (min, max) = (numbers[0], numbers[numbers.len() - 1]);
    let ratios: Option<(u64, u64)> = cells.iter().try_fold((0u64, 0u64), |(p, w), v| match v {
        Value::Ratio { part, whole, .. } => Some((p + *part as u64, w + *whole as u64)),
        _ => None,
    });
    let (method, value, part, whole, pooled) = match kind {
        Kind::YesNo => {
            let yes = cells.iter().filter(|v| **v == &Value::Bool(true)).count() as u64;
            let n = cells.len() as u64;
            let ratio = Value::Ratio {
                part: yes as u32,
                whole: n as u32,
                marks: None,
            };
            (
                Method::YesShare,
                yes as f64 * 100.0 / n as f64,
                Some(yes),
                Some(n),
                ratio,
            )
        }
        Kind::Count => {
            let sum: f64 = numbers.iter().sum();
            (Method::Sum, sum, None, None, Value::Number(num2(sum)))
        }
        _ => match ratios {
            Some((p, w)) if w > 0 && w <= u32::MAX as u64 => (
                Method::Pooled,
                p as f64 * 100.0 / w as f64,
                Some(p),
                Some(w),
                Value::Ratio {
                    part: p as u32,
                    whole: w as u32,
                    marks: None,
                },
            ),
            _ => (
                Method::Median,
                median,
                None,
                None,
                Value::Percent {
                    value: num2(median),
                    of: None,
                },
            ),
        },
    };
    let pool = YearPool {
        year,
        method,
        value: round2(value),
        part,
        whole,
        median: round2(median),
        min: round2(min),
        max: round2(max),
        schools: cells.len(),
    };
    Some((pool, pooled))
}

/// The pooled indicators and the «pooled school» (the set as one ДТК) with its report rows.
pub fn pool(
    schools: &[School],
    years: &[Year],
    settings: &Settings,
) -> (Vec<PooledIndicator>, Vec<IndicatorRow>) {
    let mut pooled_school = School {
        meta: SchoolMeta {
            name: Some("Совокупность школ".to_string()),
            ..SchoolMeta::default()
        },
        years: years.to_vec(),
        ..School::default()
    };
    let mut out = Vec::new();
    let numeric = |k: Kind| matches!(k, Kind::Share | Kind::Count | Kind::YesNo);
    for ind in INDICATORS.iter().filter(|i| numeric(i.kind)) {
        let mut pools = Vec::new();
        for &y in years {
            if let Some((p, v)) = pool_year(schools, ind.code, ind.kind, y) {
                // Computed shares are recomputed on the pooled school from the pooled counts.
                if ind.formula.is_none() && ind.kind != Kind::YesNo {
                    pooled_school.set(ind.code, y, v, Loc::default());
                }
                pools.push(p);
            }
        }
        let gave = schools
            .iter()
            .filter(|s| {
                years
                    .iter()
                    .any(|y| school_number(s.value(ind.code, *y), ind.kind).is_some())
            })
            .count();
        if gave == 0 {
            continue;
        }
        let latest = pools.last().map(|p| p.year);
        let standing = latest.and_then(|y| {
            let values = schools
                .iter()
                .map(|s| school_number(s.value(ind.code, y), ind.kind))
                .collect();
            standing(y, values, ind.polarity)
        });
        // Yes/no has no row in the school report's rules; its share of «да» follows the share
        // rules, with the number of schools as the group.
        let dynamics = (ind.kind == Kind::YesNo)
            .then(|| {
                let points: Vec<Point> = pools
                    .iter()
                    .map(|p| Point {
                        year: p.year,
                        value: p.value,
                        group: p.whole.map(|w| w as u32),
                        part: p.part.map(|w| w as u32),
                    })
                    .collect();
                dynamics::compute(
                    &points,
                    Kind::Share,
                    ind.polarity,
                    settings.stable_threshold_pp,
                )
            })
            .flatten();
        out.push(PooledIndicator {
            code: ind.code.to_string(),
            label: catalogue::full_label(ind),
            years: pools,
            schools: gave,
            dynamics: dynamics.as_ref().map(Trend::of),
            standing,
        });
    }
    let rows = report::indicator_rows(&pooled_school, settings);
    for p in &mut out {
        if p.kind() == Kind::YesNo {
            continue;
        }
        if let Some(row) = rows.iter().find(|r| r.code == p.code) {
            p.dynamics = row.dynamics.as_ref().map(Trend::of);
            if catalogue::find(&p.code).is_some_and(|i| i.formula.is_some()) {
                // The computed share of the set: Σ part ÷ Σ whole as the pooled school has it.
                for y in p.years.iter_mut() {
                    if let Some(Value::Ratio { part, whole, .. }) = row.raw.get(&y.year) {
                        y.value = round2(*part as f64 * 100.0 / *whole as f64);
                        y.method = Method::Pooled;
                        y.part = Some(*part as u64);
                        y.whole = Some(*whole as u64);
                    }
                }
            }
        }
    }
    (out, rows)
}
