//! Social context, clusters, ШНСУ and resilient schools (municipal.md §3).
//!
//! No national formula of the ИСБШ exists to cite, so: a region's own `cluster` (or `isbsh`)
//! column is used as given; otherwise a transparent **context index** is built from ДТК 2.1–2.2
//! (six parts, each a z-score over the schools of the set, signed so that higher = more
//! favourable, averaged over the parts a school has, at least 3 of 6). It is never called ИСБШ.
//! Clusters are tertiles of the index. ШНСУ is a flag (unfavourable cluster and ШНОР or «зона
//! риска»); a resilient school is in the unfavourable cluster, not ШНОР, with its share of «2»
//! over the counted procedures below its cluster's median.
//!
//! In: the schools, their statuses, the settings. Out: [`Context`].

use serde::{Deserialize, Serialize};

use super::super::cell::{normalize_label, parse_num};
use super::super::identify::{Settings, Status};
use super::super::model::{School, Value, Year};
use super::pool::quantile;

/// The parts of the context index: (code, sign). + = more of it is a more favourable context.
pub const PARTS: [(&str, f64); 6] = [
    ("parents.higher", 1.0),
    ("family.low_income", -1.0),
    ("family.single_parent", -1.0),
    ("family.large", -1.0),
    ("family.weak_russian", -1.0),
    ("pupils.registered", -1.0),
];

/// A school needs at least this many parts for an index (municipal.md §3).
pub const MIN_PARTS: usize = 3;

/// The cluster of a school's social context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cluster {
    Unfavourable,
    Medium,
    Favourable,
}

impl Cluster {
    /// All three, unfavourable first.
    pub const ALL: [Cluster; 3] = [Cluster::Unfavourable, Cluster::Medium, Cluster::Favourable];

    /// «неблагоприятный контекст» …
    pub fn label(self) -> &'static str {
        match self {
            Cluster::Unfavourable => "неблагоприятный контекст",
            Cluster::Medium => "средний контекст",
            Cluster::Favourable => "благоприятный контекст",
        }
    }
}

/// Where the clusters came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The region's own `cluster` column.
    RegionCluster,
    /// Tertiles of the region's own `isbsh` column.
    RegionIndex,
    /// Tertiles of the calculator's context index.
    ContextIndex,
}

impl Source {
    /// Where the clusters came from, in words (the calculator's index is never called ИСБШ).
    pub fn label(self) -> &'static str {
        match self {
            Source::RegionCluster => "кластеры региона (столбец cluster)",
            Source::RegionIndex => "терцили индекса региона (столбец isbsh)",
            Source::ContextIndex => {
                "терцили индекса социального контекста калькулятора (блоки 2.1–2.2)"
            }
        }
    }
}

/// One part of a school's context index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub code: String,
    pub year: Year,
    /// The school's value, percent.
    pub value: f64,
    /// Signed z-score (+ = more favourable).
    pub z: f64,
}

/// One school's context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolContext {
    /// The calculator's context index (mean of the parts' z), with at least 3 parts.
    pub index: Option<f64>,
    pub parts: Vec<Part>,
    /// The region's own ИСБШ, when given.
    pub isbsh: Option<f64>,
    pub cluster: Option<Cluster>,
    /// Share of «2» / below minimum over the counted procedures in the year of identification:
    /// Σ failed, Σ participants, percent.
    pub failed: Option<u64>,
    pub participants: Option<u64>,
    pub result: Option<f64>,
    /// Rank of `result` within the cluster (1 = lowest share of «2»).
    pub cluster_rank: Option<u32>,
    /// ШНСУ flag: unfavourable cluster and ШНОР or «зона риска» (to check, not a verdict).
    pub shnsu: bool,
    pub resilient: bool,
}

/// One cluster: its schools and their results compared within it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    pub cluster: Cluster,
    pub schools: Vec<usize>,
    /// Median of the schools' `result`.
    pub median_result: Option<f64>,
    /// Σ failed ÷ Σ participants over the cluster.
    pub pooled_result: Option<f64>,
    pub shnor: usize,
    pub risk: usize,
}

/// The context of the set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub source: Source,
    pub schools: Vec<SchoolContext>,
    pub clusters: Vec<ClusterSummary>,
    /// Schools with no cluster (too few parts, or a cluster the calculator cannot read).
    pub unclustered: usize,
}

/// Four decimals: enough for an index of z-scores, without binary noise in the JSON.
fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// The latest value of a share in a school, with its year.
fn latest(school: &School, code: &str) -> Option<(Year, f64)> {
    school
        .years
        .iter()
        .rev()
        .find_map(|y| school.value(code, *y).number().map(|v| (*y, v)))
}

/// Σ failed and Σ participants over the counted procedures in one year (counts, or a
/// percentage with its group size).
pub fn failed_share(school: &School, year: Year, settings: &Settings) -> Option<(u64, u64)> {
    let mut sum = (0u64, 0u64);
    for code in &settings.procedures {
        match school.value(code, year) {
            Value::Ratio { part, whole, .. } => {
                sum.0 += *part as u64;
                sum.1 += *whole as u64;
            }
            Value::Percent { value, of: Some(n) } => {
                sum.0 += (value.to_f64() * *n as f64 / 100.0).round() as u64;
                sum.1 += *n as u64;
            }
            _ => {}
        }
    }
    (sum.1 > 0).then_some(sum)
}

/// Tertile clusters of a value (higher = more favourable): at or below the 1/3 quantile is
/// unfavourable, at or above the 2/3 quantile favourable.
pub fn tertiles(values: &[Option<f64>]) -> Vec<Option<Cluster>> {
    let mut sorted: Vec<f64> = values.iter().flatten().copied().collect();
    sorted.sort_by(f64::total_cmp);
    if sorted.len() < 3 {
        return vec![None; values.len()];
    }
    let (t1, t2) = (quantile(&sorted, 1.0 / 3.0), quantile(&sorted, 2.0 / 3.0));
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                if v <= t1 + 1e-9 {
                    Cluster::Unfavourable
                } else if v >= t2 - 1e-9 {
                    Cluster::Favourable
                } else {
                    Cluster::Medium
                }
            })
        })
        .collect()
}

/// A region's cluster as written: «1»/«неблагоприятный»/«низкий» … (None when unreadable).
pub fn given_cluster(text: &str) -> Option<Cluster> {
    let n = normalize_label(text);
    if n == "1" || n.contains("неблагоприят") || n.starts_with("низк") {
        Some(Cluster::Unfavourable)
    } else if n == "2" || n.starts_with("средн") {
        Some(Cluster::Medium)
    } else if n == "3" || n.contains("благоприят") || n.starts_with("высок") {
        Some(Cluster::Favourable)
    } else {
        None
    }
}

/// The calculator's context index of every school: parts and their z-scores.
pub fn index(schools: &[School]) -> Vec<(Option<f64>, Vec<Part>)> {
    let mut parts: Vec<Vec<Part>> = vec![Vec::new(); schools.len()];
    for (code, sign) in PARTS {
        let values: Vec<Option<(Year, f64)>> = schools.iter().map(|s| latest(s, code)).collect();
        let xs: Vec<f64> = values.iter().flatten().map(|(_, v)| *v).collect();
        if xs.is_empty() {
            continue;
        }
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt();
        for (i, v) in values.iter().enumerate() {
            if let Some((year, value)) = v {
                // All schools alike: the part tells nothing, every school is at 0.
                let z = if sd > 1e-12 { (value - mean) / sd } else { 0.0 };
                parts[i].push(Part {
                    code: code.to_string(),
                    year: *year,
                    value: *value,
                    z: round4(sign * z),
                });
            }
        }
    }
    parts
        .into_iter()
        .map(|p| {
            let index =
                (p.len() >= MIN_PARTS).then(|| p.iter().map(|x| x.z).sum::<f64>() / p.len() as f64);
            (index, p)
        })
        .collect()
}

/// The context of the set: clusters from the region's columns or from the index; ШНСУ and
/// resilient schools; results compared within each cluster.
pub fn context(
    schools: &[School],
    statuses: &[(Option<Year>, Status)],
    settings: &Settings,
) -> Context {
    let computed = index(schools);
    let isbsh: Vec<Option<f64>> = schools
        .iter()
        .map(|s| {
            s.meta
                .isbsh
                .as_deref()
                .and_then(parse_num)
                .map(|n| n.to_f64())
        })
        .collect();
    let (source, clusters) = if schools.iter().any(|s| s.meta.cluster.is_some()) {
        let c = schools
            .iter()
            .map(|s| s.meta.cluster.as_deref().and_then(given_cluster))
            .collect();
        (Source::RegionCluster, c)
    } else if isbsh.iter().any(Option::is_some) {
        (Source::RegionIndex, tertiles(&isbsh))
    } else {
        let values: Vec<Option<f64>> = computed.iter().map(|(i, _)| *i).collect();
        (Source::ContextIndex, tertiles(&values))
    };
    let mut out: Vec<SchoolContext> = schools
        .iter()
        .zip(computed)
        .enumerate()
        .map(|(i, (s, (index, parts)))| {
            let counts = statuses[i].0.and_then(|y| failed_share(s, y, settings));
            SchoolContext {
                index: index.map(round4),
                parts,
                isbsh: isbsh[i],
                cluster: clusters[i],
                failed: counts.map(|c| c.0),
                participants: counts.map(|c| c.1),
                result: counts.map(|(f, n)| f as f64 * 100.0 / n as f64),
                cluster_rank: None,
                shnsu: false,
                resilient: false,
            }
        })
        .collect();
    let mut summaries = Vec::new();
    for cluster in Cluster::ALL {
        let members: Vec<usize> = (0..out.len())
            .filter(|&i| out[i].cluster == Some(cluster))
            .collect();
        let mut results: Vec<f64> = members.iter().filter_map(|&i| out[i].result).collect();
        results.sort_by(f64::total_cmp);
        let median = (!results.is_empty()).then(|| quantile(&results, 0.5));
        let (f, n) = members.iter().fold((0u64, 0u64), |(f, n), &i| {
            (
                f + out[i].failed.unwrap_or(0),
                n + out[i].participants.unwrap_or(0),
            )
        });
        for &i in &members {
            let status = statuses[i].1;
            out[i].cluster_rank = out[i]
                .result
                .map(|r| 1 + results.iter().filter(|o| **o < r - 1e-9).count() as u32);
            if cluster == Cluster::Unfavourable {
                out[i].shnsu = matches!(status, Status::Shnor | Status::Risk);
                out[i].resilient = status != Status::Shnor
                    && matches!((out[i].result, median), (Some(r), Some(m)) if r < m - 1e-9);
            }
        }
        let count = |st: Status| members.iter().filter(|&&i| statuses[i].1 == st).count();
        summaries.push(ClusterSummary {
            cluster,
            median_result: median.map(super::super::dynamics::round2),
            pooled_result: (n > 0)
                .then(|| super::super::dynamics::round2(f as f64 * 100.0 / n as f64)),
            shnor: count(Status::Shnor),
            risk: count(Status::Risk),
            schools: members,
        });
    }
    for s in &mut out {
        s.result = s.result.map(super::super::dynamics::round2);
    }
    Context {
        source,
        unclustered: out.iter().filter(|s| s.cluster.is_none()).count(),
        schools: out,
        clusters: summaries,
    }
}
