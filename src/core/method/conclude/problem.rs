//! The problem field of a pair (domain.md §4: «определение проблемного поля» → risk factors →
//! антирисковые программы): in: the pair's indicator rows; out: one item per theme of the
//! catalogue, each with its evidence in brackets and «возможные факторы риска: …» (§6), plus an
//! item for missing data and one for the cross-checks that failed. Retakes are never an item.

use serde::Serialize;

use super::{label_with_noun, latest_raw, phrase, Said};
use crate::core::catalogue::{self, Check, THEMES};
use crate::core::method::dynamics::{Label, Tone};
use crate::core::method::identify::{is_low_value, short_label};
use crate::core::method::rows::{display, IndicatorRow};
use crate::core::model::Value;
use crate::core::risk_factors;
use crate::core::ru;
use crate::core::rules;

/// One item of the problem field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeItem {
    /// The theme's key in the catalogue («math», «contingent»…); «no_data», «checks».
    pub theme: String,
    /// «Математика — неуспешность»
    pub title: String,
    /// What shows it, short and with the year.
    pub evidence: Vec<String>,
    /// The ФИОКО risk factors it points to (numbers of §6).
    pub factors: Vec<u8>,
    /// The sources of targets named in the evidence, once.
    pub sources: Vec<String>,
}

impl ThemeItem {
    /// «Математика — неуспешность (ВПР математика 5 кл. — 36,7 % в 2022-2023); возможные
    /// факторы риска: «Высокая доля …» (8), …»
    pub fn text(&self) -> String {
        let mut s = format!("{} ({})", self.title, self.evidence.join("; "));
        if !self.factors.is_empty() {
            let names: Vec<String> = self
                .factors
                .iter()
                .filter_map(|n| risk_factors::factor(*n))
                .map(|f| format!("«{}» ({})", f.name, f.number))
                .collect();
            s.push_str(&format!("; возможные факторы риска: {}", names.join(", ")));
        }
        if !self.sources.is_empty() {
            s.push_str(&format!(". Целевые значения — {}", self.sources.join("; ")));
        }
        ru::end(&s)
    }
}

/// The short name of an indicator in evidence: the procedure's short label, else its phrase.
fn name(row: &IndicatorRow) -> String {
    match catalogue::find(&row.code) {
        Some(i) if i.procedure.is_some() => short_label(i),
        _ => phrase(row).0.to_string(),
    }
}

/// A value, unless the pair has already said it.
fn value_once(row: &IndicatorRow, v: &Value, said: &mut Said) -> Option<String> {
    said.once(
        display(v, row.kind)
            .split(" (")
            .next()
            .unwrap_or_default()
            .to_string(),
    )
    .map(|_| display(v, row.kind))
}

/// What one check says about an indicator, when it fires: a short tag with its year
/// («36,7 % в 2022-2023 — не менее 30 %», «значительное ухудшение, +18,5 п.п.»); a target's
/// source goes to `sources`. Values the pair has already said are not said again.
fn tag(
    row: &IndicatorRow,
    c: &Check,
    said: &mut Said,
    sources: &mut Vec<String>,
) -> Option<String> {
    match c {
        Check::LowShare { .. } => {
            let (y, v) = latest_raw(row)?;
            is_low_value(v).then(|| match value_once(row, v, said) {
                Some(val) => format!("{val} в {y} — не менее {} %", rules::LOW_PERCENT),
                None => format!("низкий результат (не менее {} %) в {y}", rules::LOW_PERCENT),
            })
        }
        Check::NegativeDynamics => {
            let d = row.dynamics.as_ref()?;
            (d.tone() == Tone::Bad).then(|| {
                let delta = said.delta(d).map(|t| format!(", {t}")).unwrap_or_default();
                format!("{}{delta}", label_with_noun(d.label))
            })
        }
        Check::Target {
            min_percent,
            source,
        } => {
            let (y, v) = latest_raw(row)?;
            let met = match v {
                Value::Ratio { part, whole, .. } if *whole > 0 => {
                    100 * *part as u64 >= *min_percent as u64 * *whole as u64
                }
                Value::Percent { value, .. } | Value::Number(value) => {
                    value.ge_int(*min_percent as i64)
                }
                _ => return None,
            };
            (!met).then(|| {
                // The document, once per item: «Программа мониторингов, «…»».
                let doc = source
                    .split(':')
                    .next()
                    .unwrap_or(source)
                    .trim()
                    .to_string();
                if !sources.contains(&doc) {
                    sources.push(doc);
                }
                let target = if *min_percent == rules::TARGET_FULL {
                    "100 %".to_string()
                } else {
                    format!("не менее {min_percent} %")
                };
                match value_once(row, v, said) {
                    Some(val) => format!("{val} в {y} при цели {target}"),
                    None => format!("ниже цели ({target}) в {y}"),
                }
            })
        }
        Check::NonZero => {
            let (y, v) = latest_raw(row)?;
            let k = v.number()?;
            (k > 0.0).then(|| match said.once(ru::number(k)) {
                Some(t) => format!(
                    "{t} {} в {y}",
                    ru::plural(k as u64, "обучающийся", "обучающихся", "обучающихся")
                ),
                None => format!("есть случаи в {y}"),
            })
        }
        Check::RequireYes => {
            let (y, v) = latest_raw(row)?;
            matches!(v, Value::Bool(false)).then(|| format!("нет в {y}"))
        }
        Check::RequirePositive => {
            let (y, v) = latest_raw(row)?;
            (v.number() == Some(0.0)).then(|| format!("ни одной в {y}"))
        }
        // Missing data is its own item (below).
        Check::MissingData => None,
    }
}

/// «НОО», «ООО», «СОО» from a contingent code.
fn level(code: &str) -> &'static str {
    match code.rsplit('.').next() {
        Some("noo") => "НОО",
        Some("ooo") => "ООО",
        Some("soo") => "СОО",
        _ => "",
    }
}

/// Years with no data after the indicator first has data (a row that starts later was not
/// collected before, which is not a problem of the school).
fn gaps(row: &IndicatorRow) -> Vec<String> {
    let first = row
        .raw
        .iter()
        .find(|(_, v)| v.is_present())
        .map(|(y, _)| *y);
    row.raw
        .iter()
        .filter(|(y, _)| first.is_some_and(|f| **y > f))
        .filter(|(_, v)| matches!(v, Value::Missing | Value::Invalid(_)))
        .map(|(y, _)| y.to_string())
        .collect()
}

/// The problem field of a pair.
pub(super) fn themes(rows: &[&IndicatorRow], said: &mut Said) -> Vec<ThemeItem> {
    let mut items: Vec<ThemeItem> = Vec::new();
    let mut no_data: Vec<String> = Vec::new();
    let mut checks: Vec<String> = Vec::new();
    if !rows.is_empty() && !rows.iter().any(|r| r.raw.values().any(Value::is_present)) {
        return vec![ThemeItem {
            theme: "no_data".into(),
            title: "Нет данных".into(),
            evidence: vec!["по блоку не заполнен ни один показатель".into()],
            factors: Vec::new(),
            sources: Vec::new(),
        }];
    }
    for theme in THEMES {
        let mut ev = Vec::new();
        let mut sources = Vec::new();
        let mut fallen: Vec<&str> = Vec::new();
        for r in rows
            .iter()
            .filter(|r| catalogue::theme_of(&r.code).is_some_and(|t| t.key == theme.key))
        {
            let Some(ind) = catalogue::find(&r.code) else {
                continue;
            };
            if ind.retake_of.is_some() {
                continue;
            }
            if ind.checks.contains(&Check::MissingData) {
                let g = gaps(r);
                if !g.is_empty() {
                    no_data.push(format!("{} — {}", name(r), ru::join_and(&g)));
                }
            }
            // One piece of evidence per indicator, its checks' tags together.
            let mut tags: Vec<String> = ind
                .checks
                .iter()
                .filter_map(|c| tag(r, c, said, &mut sources))
                .collect();
            // Context (§2): a growing social risk, never a failure of the school.
            if ind.context
                && r.dynamics
                    .as_ref()
                    .is_some_and(|d| d.label == Label::RiskUp)
            {
                tags.push("социальный риск растёт".to_string());
            }
            if !tags.is_empty() {
                ev.push(format!("{}: {}", name(r), tags.join(", ")));
            }
            // The contingent's fall over the window (§2).
            if let Some(d) = r
                .dynamics
                .as_ref()
                .filter(|d| r.code.starts_with("contingent.") && d.from > 0.0)
            {
                if -d.delta * 100.0 / d.from > rules::CONTINGENT_FALL_PERCENT {
                    fallen.push(level(&r.code));
                }
            }
        }
        if !fallen.is_empty() {
            ev.insert(
                0,
                format!(
                    "сокращение контингента более чем на {} % ({})",
                    rules::CONTINGENT_FALL_PERCENT,
                    fallen.join(", ")
                ),
            );
        }
        if !ev.is_empty() {
            items.push(ThemeItem {
                theme: theme.key.into(),
                title: theme.title.into(),
                evidence: ev,
                factors: theme.factors.to_vec(),
                sources,
            });
        }
    }
    // Cross-check (§3, 2.1): parents' education should add up to ≈ 100 %.
    if let Some(t) = parents_sum_off(rows) {
        checks.push(t);
    }
    if !checks.is_empty() {
        items.push(ThemeItem {
            theme: "checks".into(),
            title: "Данные противоречат друг другу".into(),
            evidence: checks,
            factors: Vec::new(),
            sources: Vec::new(),
        });
    }
    if !no_data.is_empty() {
        items.push(ThemeItem {
            theme: "no_data".into(),
            title: "Нет данных".into(),
            evidence: no_data,
            factors: Vec::new(),
            sources: Vec::new(),
        });
    }
    items
}

/// «образование родителей в 2022-2023: сумма 90,0 % вместо ≈ 100 %», when it is off by more
/// than the catalogue's tolerance.
pub fn parents_sum_off(rows: &[&IndicatorRow]) -> Option<String> {
    let parents: Vec<&&IndicatorRow> = rows
        .iter()
        .filter(|r| r.code.starts_with("parents.") && r.kind == catalogue::Kind::Share)
        .collect();
    let (y, _) = parents.first().and_then(|r| r.latest())?;
    let sum: f64 = parents
        .iter()
        .map(|r| r.values.get(&y).copied().flatten())
        .sum::<Option<f64>>()?;
    ((sum - 100.0).abs() > rules::PARENTS_SUM_TOLERANCE_PP).then(|| {
        format!(
            "образование родителей в {y}: сумма долей {} вместо ≈ 100 %",
            ru::percent(sum)
        )
    })
}
