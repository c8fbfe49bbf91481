//! «Вывод» and «Проблема» of the set (municipal.md §2): the rules of one school
//! (`conclude::conclude` on the pooled school, catalogue checks as data) and, where a rule
//! fires for particular schools, the schools named. Also the municipal report as plain text
//! for the terminal.

use serde::{Deserialize, Serialize};

use super::super::catalogue::{self, Check};
use super::super::conclude::conclude;
use super::super::identify::{Identification, Status};
use super::super::model::{School, Value, Year};
use super::super::report::IndicatorRow;
use super::super::ru;
use super::super::rules::{PairId, PAIRS};
use super::super::schools::Summary;
use super::pool::PooledIndicator;
use super::Municipal;

/// How many schools a sentence names before «и ещё N».
pub const NAMED: usize = 12;

/// The texts of one of the form's five «Вывод / Проблема» pairs for the set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetSection {
    /// The pair's key: «1.1», «1.2», «1.3», «2», «3».
    pub number: String,
    /// «Качество образования (1.2)»
    pub heading: String,
    pub conclusion: String,
    pub problems: Vec<String>,
}

/// «A, B, C и ещё 4 школы».
pub fn names(list: &[usize], name: &dyn Fn(usize) -> String) -> String {
    let mut shown: Vec<String> = list.iter().take(NAMED).map(|&i| name(i)).collect();
    if list.len() > NAMED {
        let rest = (list.len() - NAMED) as u64;
        shown.push(format!("ещё {}", ru::count(rest, "школа", "школы", "школ")));
    }
    ru::join_and(&shown)
}

/// Whether a check fires for one school's value (the rules of `conclude`, per school).
fn fires(check: &Check, v: &Value) -> bool {
    let n = v.number();
    match check {
        Check::LowShare { percent } => match v {
            Value::Ratio { part, whole, .. } => {
                *whole > 0 && *part as u64 * 100 >= *percent as u64 * *whole as u64
            }
            Value::Percent { value, .. } => value.ge_int(*percent as i64),
            _ => false,
        },
        Check::Target { min_percent, .. } => n.is_some_and(|x| x + 1e-9 < *min_percent as f64),
        Check::NonZero => n.is_some_and(|x| x > 0.0),
        Check::RequireYes => *v == Value::Bool(false),
        Check::RequirePositive => n == Some(0.0),
        _ => false,
    }
}

/// The wording of a check that fired in schools.
fn check_text(check: &Check, phrase: &str, year: Year) -> Option<String> {
    Some(match check {
        Check::LowShare { percent } => {
            format!("{} — {percent} % и выше в {year}", ru::capitalize(phrase))
        }
        Check::Target { min_percent, .. } => {
            format!(
                "{} — ниже целевых {min_percent} % в {year}",
                ru::capitalize(phrase)
            )
        }
        Check::NonZero => format!("{} — больше нуля в {year}", ru::capitalize(phrase)),
        Check::RequireYes => format!("{} — «нет» в {year}", ru::capitalize(phrase)),
        Check::RequirePositive => format!("{} — ноль в {year}", ru::capitalize(phrase)),
        _ => return None,
    })
}

/// The «Вывод» and «Проблема» of each of the form's five pairs for the set.
pub fn sections(
    schools: &[School],
    rows: &[IndicatorRow],
    pooled: &[PooledIndicator],
    years: &[Year],
    statuses: &[(Option<Year>, Status)],
) -> Vec<SetSection> {
    // The set is not identified as a school: no identification sentences.
    let ident = Identification {
        as_of: None,
        status: Status::NotShnor,
        condition1: false,
        condition2: false,
        condition1_known: true,
        condition2_known: true,
        low: Vec::new(),
        heading: String::new(),
        explanation: String::new(),
        deciding_missing: Vec::new(),
        missing_do_not_matter: true,
        ceilings: Vec::new(),
        leave_note: None,
        table: Vec::new(),
    };
    let texts = conclude(rows, &ident, years);
    let name = |i: usize| schools[i].display_name();
    PAIRS
        .iter()
        .map(|pair| {
            let base = texts.iter().find(|t| t.id == pair.id);
            let mut conclusion = base.map(|t| t.conclusion.clone()).unwrap_or_default();
            let mut problems = base.map(|t| t.problems.clone()).unwrap_or_default();
            if pair.id == PairId::P1_2 {
                let with = |st: Status| -> Vec<usize> {
                    (0..statuses.len())
                        .filter(|&i| statuses[i].1 == st)
                        .collect()
                };
                let (shnor, risk) = (with(Status::Shnor), with(Status::Risk));
                let mut line = format!(
                    "В совокупности {}: ШНОР — {}, «зона риска» — {}.",
                    ru::count(schools.len() as u64, "школа", "школы", "школ"),
                    shnor.len(),
                    risk.len()
                );
                if !shnor.is_empty() {
                    line.push_str(&format!(" ШНОР: {}.", names(&shnor, &name)));
                }
                conclusion = format!("{line} {conclusion}").trim().to_string();
            }
            for p in pooled.iter().filter(|p| {
                p.indicator()
                    .is_some_and(|i| pair.sections.contains(&i.section))
            }) {
                let (Some(ind), Some(st)) = (p.indicator(), &p.standing) else {
                    continue;
                };
                for check in ind.checks {
                    let hit: Vec<usize> = (0..schools.len())
                        .filter(|&i| fires(check, schools[i].value(&p.code, st.year)))
                        .collect();
                    if hit.is_empty() {
                        continue;
                    }
                    if let Some(t) = check_text(check, ind.phrase, st.year) {
                        problems.push(format!(
                            "{t}: {} ({}).",
                            names(&hit, &name),
                            ru::count(hit.len() as u64, "школа", "школы", "школ")
                        ));
                    }
                }
            }
            SetSection {
                number: pair.key.to_string(),
                heading: pair.title.to_string(),
                conclusion,
                problems,
            }
        })
        .collect()
}

/// The municipal report as plain text, for the terminal.
pub fn to_text(summary: &Summary, m: &Municipal) -> String {
    let mut out = String::new();
    let name = |i: usize| summary.schools[i].school.clone();
    out.push_str(&format!(
        "Муниципальный отчёт: {}, учебные годы {}\n",
        ru::count(summary.schools.len() as u64, "школа", "школы", "школ"),
        m.years
            .iter()
            .map(Year::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for st in Status::ALL {
        let n = summary.counts.get(st).copied().unwrap_or(0);
        out.push_str(&format!("  {}: {n}\n", st.label()));
    }
    out.push_str("\nРегиональные показатели:\n");
    for r in &m.regional {
        let share = r.share.map(ru::percent).unwrap_or_else(|| "—".into());
        out.push_str(&format!("  {}: {share} ({} из {})\n", r.label, r.yes, r.of));
    }
    out.push_str("\nПоказатели по совокупности (последний год):\n");
    for p in &m.indicators {
        let Some(y) = p.years.last() else { continue };
        let dynamics = p
            .dynamics
            .as_ref()
            .map(|d| format!(", динамика: {}", d.text))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} [{}]: {} ({}, школ: {}){dynamics}\n",
            p.label,
            y.year,
            value_text(p, y.value),
            y.method.label(),
            y.schools
        ));
    }
    out.push_str(&format!("\nКонтекст ({}):\n", m.context.source.label()));
    for c in &m.context.clusters {
        out.push_str(&format!(
            "  {}: {} (ШНОР {}, зона риска {})\n",
            c.cluster.label(),
            c.schools.len(),
            c.shnor,
            c.risk
        ));
    }
    let flagged = |f: &dyn Fn(&super::context::SchoolContext) -> bool| -> String {
        let list: Vec<usize> = (0..m.context.schools.len())
            .filter(|&i| f(&m.context.schools[i]))
            .collect();
        if list.is_empty() {
            "нет".to_string()
        } else {
            names(&list, &name)
        }
    };
    out.push_str(&format!("  ШНСУ (проверить): {}\n", flagged(&|s| s.shnsu)));
    out.push_str(&format!("  Резильентные: {}\n", flagged(&|s| s.resilient)));
    for s in &m.sections {
        out.push_str(&format!("\n{}\nВывод: {}\n", s.heading, s.conclusion));
        for p in &s.problems {
            out.push_str(&format!("Проблема: {p}\n"));
        }
    }
    out
}

/// «34,5 %» for shares and yes/no, «212» for counts.
pub fn value_text(p: &PooledIndicator, v: f64) -> String {
    match p.kind() {
        catalogue::Kind::Count => ru::number(v),
        _ => ru::percent(v),
    }
}
