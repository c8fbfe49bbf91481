//! «Вывод» and «Проблема» of the form's five pairs (domain.md §3, §4): in: the report's
//! indicator rows and the identification; out: per pair a «Вывод» in order of weight and a
//! problem field of themes with their evidence and possible risk factors.
//!
//! «Вывод» order: the identification facts of the block (1.2 — the ВПР results behind the
//! status and the condition they feed; 1.3 — the ОГЭ/ЕГЭ ones), the contingent's fall, then
//! significant worsening, other worsening, improvement, the social context as risk, and
//! «без существенных изменений» as a count. Every number once per pair (a value already said is
//! not said again), every label with its noun, no silent cut: a long list ends «и ещё N …».

use std::collections::BTreeSet;

use serde::Serialize;

use crate::core::catalogue::{self, Gender, Kind, PairId, Polarity, SectionId, PAIRS};
use crate::core::method::dynamics::{Dynamics, Label, Tone};
use crate::core::method::identify::{Identification, Status};
use crate::core::method::rows::IndicatorRow;
use crate::core::model::{Value, Year};
use crate::core::ru;
use crate::core::rules::LOW_PERCENT;

pub mod edits;
mod problem;

pub use problem::{parents_sum_off, ThemeItem};

/// The texts of one «Вывод / Проблема» pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairText {
    /// «1.1», «1.2», «1.3», «2», «3» in JSON.
    pub id: PairId,
    /// The blocks the pair covers.
    pub sections: Vec<SectionId>,
    pub conclusion: String,
    /// The problem field: one item per theme, each with its evidence and possible risk factors.
    pub problems: Vec<String>,
    /// The same items as data (for the plan: theme, evidence, factor numbers).
    pub themes: Vec<ThemeItem>,
}

/// The old name: a pair's texts.
pub type SectionText = PairText;

/// Full sentences per group of the «Вывод»; the rest are named in «и ещё N …».
const SENTENCES_PER_GROUP: usize = 4;

/// Numbers already said in a pair, so that none is said twice.
#[derive(Default)]
pub(crate) struct Said(BTreeSet<String>);

impl Said {
    /// `Some(text)` the first time, `None` after.
    pub(crate) fn once(&mut self, text: String) -> Option<String> {
        self.0.insert(text.clone()).then_some(text)
    }
    pub(crate) fn has(&self, text: &str) -> bool {
        self.0.contains(text)
    }
    /// A change («+2,0 п.п.») the first time, `None` after — and `None` when its bare number
    /// was already said: «до 2 (+2)» would say the number twice.
    pub(crate) fn delta(&mut self, d: &Dynamics) -> Option<String> {
        let bare = d
            .delta_text()
            .trim_start_matches(['+', '−', '-'])
            .to_string();
        if self.has(&bare) {
            None
        } else {
            self.once(d.delta_text())
        }
    }
}

/// Verb forms that agree with an indicator's phrase: (rose, fell).
fn verbs(g: Gender) -> (&'static str, &'static str) {
    match g {
        Gender::Fem => ("выросла", "снизилась"),
        Gender::Masc => ("вырос", "снизился"),
        Gender::Neut => ("выросло", "снизилось"),
        Gender::Plural => ("выросли", "снизились"),
    }
}

pub(crate) fn value_text(row: &IndicatorRow, v: f64) -> String {
    match row.kind {
        Kind::Share => ru::percent(v),
        _ => ru::number(v),
    }
}

pub(crate) fn phrase(row: &IndicatorRow) -> (&'static str, Gender) {
    catalogue::find(&row.code)
        .map(|i| (i.phrase, i.gender))
        .unwrap_or(("показатель", Gender::Masc))
}

/// A label with its noun: «значительное ухудшение», «отрицательная динамика».
pub(crate) fn label_with_noun(l: Label) -> String {
    match l {
        Label::SignificantWorsening
        | Label::Increase
        | Label::Decrease
        | Label::RiskUp
        | Label::RiskDown => crate::core::method::dynamics::label_text(l).to_string(),
        _ => format!("{} динамика", crate::core::method::dynamics::label_text(l)),
    }
}

/// «Доля «2» по ВПР (математика, 5 кл.) выросла с 18,2 % в 2020-2021 до 36,7 % в 2022-2023
/// (+18,5 п.п.) — значительное ухудшение.» Values already said in the pair are left out.
fn change_sentence(row: &IndicatorRow, said: &mut Said) -> Option<String> {
    let d = row.dynamics.as_ref()?;
    let (p, g) = phrase(row);
    let (up, down) = verbs(g);
    let verb = if d.delta > 0.0 { up } else { down };
    let from = said
        .once(value_text(row, d.from))
        .map(|v| format!(" с {v} в {}", d.from_year))
        .unwrap_or_default();
    let to = said
        .once(value_text(row, d.to))
        .map(|v| format!(" до {v} в {}", d.to_year))
        .unwrap_or_default();
    // A count's change «+2» next to «до 2» says the number twice: left out then.
    let delta = said.delta(d).map(|v| format!(" ({v})")).unwrap_or_default();
    Some(format!(
        "{} {verb}{from}{to}{delta} — {}.",
        ru::subject(p),
        label_with_noun(d.label)
    ))
}

/// The latest year whose raw value is present.
pub(crate) fn latest_raw(row: &IndicatorRow) -> Option<(Year, &Value)> {
    row.raw
        .iter()
        .rev()
        .find(|(_, v)| v.is_present())
        .map(|(y, v)| (*y, v))
}

/// The identification facts of a pair: the low results of its procedures behind the status,
/// and the empty cells of its procedures that decide it.
fn identification_facts(
    sections: &[SectionId],
    ident: &Identification,
    said: &mut Said,
) -> Option<String> {
    let as_of = ident.as_of?;
    let here = |code: &str| catalogue::find(code).is_some_and(|i| sections.contains(&i.section));
    let low: Vec<String> = ident
        .low
        .iter()
        .filter(|l| here(&l.procedure))
        .map(|l| {
            let value = match (l.failed, l.participants) {
                (Some(f), Some(n)) => format!("{} ({f} из {n})", ru::percent(l.percent)),
                _ => ru::percent(l.percent),
            };
            said.once(ru::percent(l.percent));
            format!("{} в {} — {value}", l.label, l.year)
        })
        .collect();
    let deciding: Vec<String> = ident
        .deciding_missing
        .iter()
        .filter(|d| d.procedure.as_deref().is_some_and(here))
        .map(|d| d.text.clone())
        .collect();
    if low.is_empty() && deciding.is_empty() {
        return None;
    }
    let which = match (ident.condition1, ident.condition2) {
        (true, true) => "Условия 1 и 2",
        (true, false) => "Условие 1",
        (false, true) => "Условие 2",
        _ => "",
    };
    let mut out = String::new();
    if !low.is_empty() {
        let lead = match ident.status {
            Status::Shnor => format!(
                "Школа относится к ШНОР ({which}, идентификация по результатам {as_of}); низкие \
                 результаты (не менее {LOW_PERCENT} % участников) этого блока"
            ),
            Status::Risk => format!(
                "Школа в зоне риска (идентификация по результатам {as_of}); низкий результат \
                 (не менее {LOW_PERCENT} % участников) этого блока"
            ),
            _ => format!(
                "Статус по результатам {as_of} не определён ({}); низкие результаты (не менее \
                 {LOW_PERCENT} % участников) этого блока",
                ident.status.label()
            ),
        };
        out.push_str(&format!("{lead}: {}.", low.join("; ")));
    }
    if !deciding.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!(
            "Статус решают незаполненные ячейки: {}.",
            deciding.join("; ")
        ));
    }
    Some(out)
}

/// «Контингент сократился более чем на 5 %: НОО — с 118 до 109 (на 7,6 %); …» — the
/// contingent rows that fell by more than the catalogue's share over the window (§2).
fn contingent_fall(rows: &[&IndicatorRow], said: &mut Said) -> Option<String> {
    let items: Vec<String> = rows
        .iter()
        .filter(|r| r.code.starts_with("contingent."))
        .filter_map(|r| {
            let d = r.dynamics.as_ref().filter(|d| d.from > 0.0)?;
            let fall = -d.delta * 100.0 / d.from;
            (fall > catalogue::CONTINGENT_FALL_PERCENT).then(|| {
                let level = r.row_label.trim_start_matches(|c: char| c != ' ').trim();
                let from = said.once(ru::number(d.from)).unwrap_or_default();
                let to = said.once(ru::number(d.to)).unwrap_or_default();
                let values = if from.is_empty() || to.is_empty() {
                    String::new()
                } else {
                    format!(" с {from} до {to}")
                };
                format!("{level} —{values} (на {})", ru::percent(fall))
            })
        })
        .collect();
    let (first, last) = rows
        .iter()
        .find_map(|r| r.dynamics.as_ref().map(|d| (d.from_year, d.to_year)))?;
    (!items.is_empty()).then(|| {
        format!(
            "Численность обучающихся на конец года за {first} — {last} сократилась более чем на \
             {} %: {}; причины нужно объяснить (демография, переводы, отсев).",
            catalogue::CONTINGENT_FALL_PERCENT,
            items.join("; ")
        )
    })
}

/// Sentences for one group of changes; past [`SENTENCES_PER_GROUP`] the rest are named.
fn group_sentences(rows: &[&IndicatorRow], what: &str, said: &mut Said) -> Vec<String> {
    let mut out: Vec<String> = rows
        .iter()
        .take(SENTENCES_PER_GROUP)
        .filter_map(|r| change_sentence(r, said))
        .collect();
    let rest: Vec<String> = rows
        .iter()
        .skip(SENTENCES_PER_GROUP)
        .map(|r| phrase(r).0.to_string())
        .collect();
    if !rest.is_empty() {
        out.push(format!(
            "И ещё {} {what}: {}.",
            ru::count(rest.len() as u64, "показатель", "показателя", "показателей"),
            rest.join("; ")
        ));
    }
    out
}

/// The «Вывод» of a pair.
fn conclusion(
    sections: &[SectionId],
    rows: &[&IndicatorRow],
    ident: &Identification,
    said: &mut Said,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let with_data: Vec<&IndicatorRow> = rows
        .iter()
        .copied()
        .filter(|r| r.raw.values().any(Value::is_present))
        .collect();
    if with_data.is_empty() {
        return "Данных по блоку нет: заполните показатели, чтобы получить вывод.".to_string();
    }
    parts.extend(identification_facts(sections, ident, said));
    parts.extend(contingent_fall(&with_data, said));
    let judged: Vec<&IndicatorRow> = with_data
        .iter()
        .copied()
        .filter(|r| r.polarity != Polarity::Neutral && r.dynamics.is_some())
        .filter(|r| !catalogue::find(&r.code).is_some_and(|i| i.context))
        .collect();
    let by = |pred: &dyn Fn(&IndicatorRow) -> bool| -> Vec<&IndicatorRow> {
        let mut v: Vec<&IndicatorRow> = judged.iter().copied().filter(|r| pred(r)).collect();
        v.sort_by(|a, b| {
            let k = |r: &IndicatorRow| r.dynamics.as_ref().map_or(0.0, |d| d.delta.abs());
            k(b).total_cmp(&k(a))
        });
        v
    };
    let label = |r: &IndicatorRow| r.dynamics.as_ref().map(|d| d.label);
    let tone = |r: &IndicatorRow| r.dynamics.as_ref().map(|d| d.tone());
    let significant = by(&|r| label(r) == Some(Label::SignificantWorsening));
    let worse =
        by(&|r| tone(r) == Some(Tone::Bad) && label(r) != Some(Label::SignificantWorsening));
    let better = by(&|r| tone(r) == Some(Tone::Good));
    parts.extend(group_sentences(
        &significant,
        "со значительным ухудшением",
        said,
    ));
    parts.extend(group_sentences(&worse, "с отрицательной динамикой", said));
    parts.extend(group_sentences(&better, "с положительной динамикой", said));
    // Context: social risk, never the school's failure.
    for r in with_data
        .iter()
        .filter(|r| catalogue::find(&r.code).is_some_and(|i| i.context))
    {
        if matches!(label(r), Some(Label::RiskUp | Label::RiskDown)) {
            parts.extend(change_sentence(r, said));
        }
    }
    let stable = judged
        .iter()
        .filter(|r| tone(r) == Some(Tone::Stable))
        .count();
    let unstable = judged
        .iter()
        .filter(|r| label(r) == Some(Label::Unstable))
        .count();
    if stable > 0 {
        parts.push(format!(
            "Без существенных изменений — {}.",
            ru::count(stable as u64, "показатель", "показателя", "показателей")
        ));
    }
    if unstable > 0 {
        parts.push(format!(
            "Неустойчивая динамика — {}.",
            ru::count(unstable as u64, "показатель", "показателя", "показателей")
        ));
    }
    if judged.is_empty()
        && with_data
            .iter()
            .any(|r| matches!(r.kind, Kind::Share | Kind::Count))
        && with_data
            .iter()
            .all(|r| r.raw.values().filter(|v| v.is_present()).count() < 2)
    {
        parts.push("Данные есть только за один год: динамику оценить нельзя.".to_string());
    }
    // Neutral counts (pupil numbers) that changed, as facts; the fallen contingent is said above.
    for r in with_data.iter().filter(|r| {
        r.polarity == Polarity::Neutral
            && r.kind == Kind::Count
            && !catalogue::find(&r.code).is_some_and(|i| i.context)
    }) {
        if matches!(label(r), Some(Label::Increase | Label::Decrease)) {
            let d = r.dynamics.as_ref().expect("labelled");
            if said.has(&ru::number(d.from)) && said.has(&ru::number(d.to)) {
                continue;
            }
            if let Some(s) = change_sentence(r, said) {
                parts.push(s.replace(" — рост.", ".").replace(" — снижение.", "."));
            }
        }
    }
    // Yes/no items as written.
    for r in with_data.iter().filter(|r| r.kind == Kind::YesNo) {
        if let Some((y, Value::Bool(b))) = latest_raw(r) {
            let (p, _) = phrase(r);
            parts.push(format!(
                "{}: {} ({y}).",
                ru::capitalize(p),
                if *b { "есть" } else { "нет" }
            ));
        }
    }
    // Text items (2.3, 3.2 organisation, 3.4 lists): how many are filled, per pair.
    let texts = with_data.iter().filter(|r| r.kind == Kind::Text).count();
    let all_texts = rows.iter().filter(|r| r.kind == Kind::Text).count();
    if texts > 0 {
        parts.push(format!(
            "Описательные пункты: заполнено {} из {all_texts}; сведения приведены в таблице.",
            ru::count(texts as u64, "пункт", "пункта", "пунктов")
        ));
    }
    if parts.is_empty() {
        "Показатели приведены в таблице; оценить динамику по ним нельзя.".to_string()
    } else {
        parts.join(" ")
    }
}

/// Generates the texts of the five pairs.
pub fn conclude(rows: &[IndicatorRow], ident: &Identification, _years: &[Year]) -> Vec<PairText> {
    PAIRS
        .iter()
        .map(|p| {
            let in_pair: Vec<&IndicatorRow> = rows
                .iter()
                .filter(|r| p.sections.contains(&r.section))
                .collect();
            // One record of the numbers said per pair: the problem field does not repeat the
            // numbers of the «Вывод».
            let mut said = Said::default();
            let conclusion = conclusion(p.sections, &in_pair, ident, &mut said);
            let themes = problem::themes(&in_pair, &mut said);
            PairText {
                id: p.id,
                sections: p.sections.to_vec(),
                conclusion,
                problems: themes.iter().map(ThemeItem::text).collect(),
                themes,
            }
        })
        .collect()
}

/// The numbers of a text as it writes them («36,7 %», «212», «+18,5 п.п.»), for [`Said`].
pub fn numbers_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let digit_context = c.is_ascii_digit()
            || (c == ',' && !cur.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if digit_context {
            cur.push(c);
        } else if !cur.is_empty() {
            let rest: String = chars[i..].iter().take(2).collect();
            if rest == "\u{a0}%" {
                out.push(format!("{cur}\u{a0}%"));
            } else {
                out.push(cur.clone());
            }
            cur.clear();
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
