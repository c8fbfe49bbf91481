//! «Вывод» and «Проблема» of the set (municipal.md §2): the rules of one school
//! (`conclude::conclude` on the pooled school, catalogue checks as data) and, where a rule
//! fires for particular schools, the schools named. Also the municipal report as plain text
//! for the terminal.

use serde::Serialize;

use super::super::catalogue::{self, Check, SectionId, SECTIONS};
use super::super::conclude::conclude;
use super::super::identify::{Identification, Status};
use super::super::model::{School, Value, Year};
use super::super::report::IndicatorRow;
use super::super::ru;
use super::pool::PooledIndicator;
use super::Municipal;

/// How many schools a sentence names before «и ещё N».
pub const NAMED: usize = 12;

/// The texts of one block for the set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetSection {
    pub id: SectionId,
    pub conclusion: String,
    pub problems: Vec<String>,
}

impl SetSection {
    /// The block's number («1.2»).
    pub fn number(&self) -> &'static str {
        catalogue::section(self.id).map_or("", |s| s.number)
    }
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
                "{} ниже целевых {min_percent} % в {year}",
                ru::capitalize(phrase)
            )
        }
        Check::NonZero => format!("{} больше нуля в {year}", ru::capitalize(phrase)),
        Check::RequireYes => format!("{} — «нет» в {year}", ru::capitalize(phrase)),
        Check::RequirePositive => format!("{} — ноль в {year}", ru::capitalize(phrase)),
        _ => return None,
    })
}

/// The «Вывод» and «Проблема» of every block for the set.
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
        low: Vec::new(),
        explanation: String::new(),
        table: Vec::new(),
    };
    let texts = conclude(rows, &ident, years);
    let name = |i: usize| schools[i].display_name();
    SECTIONS
        .iter()
        .map(|s| {
            let base = texts.iter().find(|t| t.id == s.id);
            let mut conclusion = base.map(|t| t.conclusion.clone()).unwrap_or_default();
            let mut problems = base.map(|t| t.problems.clone()).unwrap_or_default();
            if s.id == SectionId::S1_2 {
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
            for p in pooled.iter().filter(|p| p.section == s.id) {
                let (Some(ind), Some(st)) = (catalogue::find(p.code), &p.standing) else {
                    continue;
                };
                for check in ind.checks {
                    let hit: Vec<usize> = (0..schools.len())
                        .filter(|&i| fires(check, schools[i].value(p.code, st.year)))
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
                id: s.id,
                conclusion,
                problems,
            }
        })
        .collect()
}

/// The municipal report as plain text, for the terminal.
pub fn to_text(m: &Municipal) -> String {
    let mut out = String::new();
    let name = |i: usize| m.summary.schools[i].school.clone();
    out.push_str(&format!(
        "Муниципальный отчёт: {}, учебные годы {}\n",
        ru::count(m.summary.schools.len() as u64, "школа", "школы", "школ"),
        m.years
            .iter()
            .map(Year::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for st in Status::ALL {
        out.push_str(&format!(
            "  {}: {}\n",
            st.label(),
            m.summary.counts.get(st).copied().unwrap_or(0)
        ));
    }
    out.push_str("\nРегиональные показатели:\n");
    for r in &m.regional {
        let share = r.share.map(ru::percent).unwrap_or_else(|| "—".into());
        out.push_str(&format!("  {}: {share} ({} из {})\n", r.label, r.yes, r.of));
    }
    out.push_str("\nПоказатели по совокупности (последний год):\n");
    for p in &m.indicators {
        let Some(y) = p.years.last() else { continue };
        let value = match p.kind {
            catalogue::Kind::Count => ru::number(y.value),
            _ => ru::percent(y.value),
        };
        let dynamics = p
            .dynamics
            .as_ref()
            .map(|d| format!(", динамика: {}", d.label()))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} [{}]: {value} ({:?}, школ: {}){dynamics}\n",
            p.label, y.year, y.method, y.schools
        ));
    }
    out.push_str(&format!("\nКонтекст ({:?}):\n", m.context.source));
    for c in &m.context.clusters {
        out.push_str(&format!(
            "  {}: {} (ШНОР {}, зона риска {})\n",
            c.cluster.label(),
            c.schools.len(),
            c.shnor,
            c.risk
        ));
    }
    let flagged = |f: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..m.context.schools.len()).filter(|&i| f(i)).collect()
    };
    let shnsu = flagged(&|i| m.context.schools[i].shnsu);
    let resilient = flagged(&|i| m.context.schools[i].resilient);
    out.push_str(&format!(
        "  ШНСУ (проверить): {}\n",
        if shnsu.is_empty() {
            "нет".into()
        } else {
            names(&shnsu, &name)
        }
    ));
    out.push_str(&format!(
        "  Резильентные: {}\n",
        if resilient.is_empty() {
            "нет".into()
        } else {
            names(&resilient, &name)
        }
    ));
    for s in &m.sections {
        let Some(sec) = catalogue::section(s.id) else {
            continue;
        };
        out.push_str(&format!("\n{}\nВывод: {}\n", sec.heading(), s.conclusion));
        for p in &s.problems {
            out.push_str(&format!("Проблема: {p}\n"));
        }
    }
    out
}
