//! The measures library (plans.md §3): every measure of the four seed road maps and of seed
//! 001's Приложение 2, as data (`library.tsv`, built by `scripts/plan-library.py`; why each tag
//! is there: `docs/plan-library.md`). Starting a programme for a factor proposes the library's
//! measures for it; the four municipal road maps are offered whole as starting points.
//!
//! In: factor numbers, a profile, a seed id. Out: library entries, drafted programmes and
//! measures, a starting plan.

use std::sync::OnceLock;

use serde::Serialize;

use super::model::{Header, Level, Measure, Plan, Profile, Programme};
use crate::core::read::table::{self, Delimiter};
use crate::core::risk_factors;

const DATA: &str = include_str!("library.tsv");

/// One measure of the library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The seed file's number: «000», «001», «002», «003», «004».
    pub source: String,
    /// The item № in that seed.
    pub item: String,
    pub text: String,
    /// The typical deadline, as the seed words it.
    pub deadline: String,
    /// The responsible as the seed names them.
    pub responsible: String,
    /// Roles: «школа», «МОУО», «методическая служба», «центр оценки»…
    pub roles: Vec<String>,
    /// Risk factors it serves (1…12).
    pub factors: Vec<u8>,
    /// Problem themes (domain.md §4) it serves.
    pub themes: Vec<String>,
    /// Expected result / indicator as the seed gives it.
    pub result: String,
}

impl Entry {
    /// «seed 000, п. 12».
    pub fn source_label(&self) -> String {
        format!("seed {}, п. {}", self.source, self.item)
    }
}

/// The seed road maps offered as starting points: (seed, title, period).
#[rustfmt::skip]
pub const SEED_PLANS: [(&str, &str, &str); 5] = [
    ("000", "Дорожная карта по работе со школами с низкими образовательными результатами (г. о. Стрежевой)", "2021-2024"),
    ("001", "План мероприятий («Дорожная карта») проекта адресной методической помощи (Тюменская область, Приложение 2)", "2023"),
    ("002", "Дорожная карта по работе со ШНОР и ШНСУ (г. Канск)", "2022"),
    ("003", "«Дорожная карта» помощи школам, работающим в сложных социальных контекстах (Старооскольский г. о.)", "2017-2018"),
    ("004", "Программа повышения качества образования в школах с НОР (г. о. «город Дагестанские Огни»)", "2021-2024"),
];

/// Every library entry, in the data file's order (read once).
pub fn all() -> &'static [Entry] {
    static CELL: OnceLock<Vec<Entry>> = OnceLock::new();
    CELL.get_or_init(|| {
        let t = table::parse(DATA, Delimiter::Tab);
        let list = |s: &str, sep: char| -> Vec<String> {
            s.split(sep)
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        };
        t.rows
            .iter()
            .skip(1)
            .map(|r| Entry {
                source: r.get(0).to_string(),
                item: r.get(1).to_string(),
                text: r.get(2).to_string(),
                deadline: r.get(3).to_string(),
                responsible: r.get(4).to_string(),
                roles: list(r.get(5), ','),
                factors: list(r.get(6), ',')
                    .iter()
                    .filter_map(|n| n.parse().ok())
                    .collect(),
                themes: list(r.get(7), ';'),
                result: r.get(8).to_string(),
            })
            .collect()
    })
}

/// Entries serving a factor: those a school does itself first, then the rest, each group in
/// the data's order.
pub fn for_factor(factor: u8) -> Vec<&'static Entry> {
    let (mut school, rest): (Vec<_>, Vec<_>) = all()
        .iter()
        .filter(|e| e.factors.contains(&factor))
        .partition(|e| e.roles.iter().any(|r| r == "школа"));
    school.extend(rest);
    school
}

/// A measure of a plan made from a library entry (the source goes into the comment, so the
/// user sees where it came from after editing).
pub fn to_measure(e: &Entry, number: String, programme: &str, factor: Option<u8>) -> Measure {
    Measure {
        number,
        text: e.text.clone(),
        deadline: e.deadline.clone(),
        responsible: e.responsible.clone(),
        result: e.result.clone(),
        programme: programme.to_string(),
        factors: factor.map(|f| vec![f]).unwrap_or_else(|| e.factors.clone()),
        comment: format!("из библиотеки: {}", e.source_label()),
        ..Measure::default()
    }
}

/// How many library measures a drafted programme starts with: enough to choose from, few
/// enough to read; the user adds more from the library.
pub const DRAFT_MEASURES: usize = 6;

/// A drafted antirisk programme for a factor, with its measures from the library.
pub fn draft_programme(factor: u8, index: usize) -> (Programme, Vec<Measure>) {
    let name = risk_factors::factor(factor).map_or("", |f| f.name);
    let p = Programme {
        title: format!("Антирисковая программа «{name}»"),
        factor: Some(factor),
        goal: format!("Снижение риска «{name}» до низкого уровня"),
        tasks: String::new(),
        expected: "Фактор риска снижен до низкого уровня по результатам повторного анкетирования"
            .to_string(),
        indicator: "Доля выполненных мероприятий программы".to_string(),
        // seed 001, monitoring of risk factors: «не менее 80 %».
        target: "не менее 80 %".to_string(),
    };
    let measures = for_factor(factor)
        .into_iter()
        .take(DRAFT_MEASURES)
        .enumerate()
        .map(|(k, e)| {
            to_measure(
                e,
                format!("{}.{}", index + 1, k + 1),
                &p.title,
                Some(factor),
            )
        })
        .collect();
    (p, measures)
}

/// Adds drafted programmes for `factors` (those the plan has no programme for yet).
pub fn draft_into(plan: &mut Plan, factors: &[u8]) {
    for &f in factors {
        if plan.programmes.iter().any(|p| p.factor == Some(f)) {
            continue;
        }
        let (p, ms) = draft_programme(f, plan.programmes.len());
        plan.programmes.push(p);
        plan.measures.extend(ms);
    }
}

/// A school plan drafted from a profile: programmes for its priority factors.
pub fn draft_school_plan(profile: &Profile, period: &str) -> Plan {
    let mut plan = Plan {
        header: Header {
            name: "Антирисковые программы и дорожная карта".to_string(),
            level: Level::School,
            period: period.to_string(),
            ..Header::default()
        },
        profiles: vec![profile.clone()],
        ..Plan::default()
    };
    if let Some((_, to)) = plan.period_years() {
        plan.dates = Plan::default_dates(to);
    }
    draft_into(&mut plan, &profile.priorities());
    plan
}

/// A seed road map as a municipal plan to start from.
pub fn seed_plan(source: &str) -> Option<Plan> {
    let (_, title, period) = SEED_PLANS.iter().find(|(s, _, _)| *s == source)?;
    let mut plan = Plan {
        header: Header {
            name: title.to_string(),
            level: Level::Municipality,
            period: period.to_string(),
            ..Header::default()
        },
        ..Plan::default()
    };
    plan.measures = all()
        .iter()
        .filter(|e| e.source == source)
        .map(|e| {
            let mut m = to_measure(e, e.item.clone(), "", None);
            m.comment.clear();
            m
        })
        .collect();
    if let Some((_, to)) = plan.period_years() {
        plan.dates = Plan::default_dates(to);
    }
    Some(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_has_every_seed_measure() {
        let count = |s: &str| all().iter().filter(|e| e.source == s).count();
        // 000: items 1–31; 001 Приложение 2: 1.1–4.1 (27); 002: 10 + 6 + 6; 003: 14; 004: 1–46
        // without 22 and 24 (missing in the seed).
        assert_eq!(
            (
                count("000"),
                count("001"),
                count("002"),
                count("003"),
                count("004")
            ),
            (31, 27, 22, 14, 44)
        );
        assert!(all().iter().all(|e| !e.text.is_empty()));
    }

    #[test]
    fn drafted_programme_for_factor_8_uses_tagged_measures() {
        let (p, ms) = draft_programme(8, 0);
        assert_eq!(p.factor, Some(8));
        assert!(!ms.is_empty() && ms.len() <= DRAFT_MEASURES);
        assert!(ms
            .iter()
            .all(|m| m.factors == vec![8] && m.programme == p.title));
        assert_eq!(ms[0].number, "1.1");
    }
}
