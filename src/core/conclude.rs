//! «Вывод» and «Проблема» of each ДТК block (domain.md §4), generated from the catalogue's rule
//! data: each indicator lists its checks (`catalogue::Check`), and this module evaluates every
//! check the same way and words the result in Russian with values, years and agreement.

use serde::Serialize;

use super::catalogue::{self, Check, Gender, Kind, Polarity, SectionId, SECTIONS};
use super::dynamics::{Label, Tone};
use super::identify::{Identification, Status};
use super::model::{Value, Year};
use super::report::IndicatorRow;
use super::ru;

/// The generated texts of one block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionText {
    pub id: SectionId,
    pub conclusion: String,
    pub problems: Vec<String>,
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

fn value_text(row: &IndicatorRow, v: f64) -> String {
    match row.kind {
        Kind::Share => ru::percent(v),
        _ => ru::number(v),
    }
}

fn phrase(row: &IndicatorRow) -> (&'static str, Gender) {
    catalogue::find(&row.code)
        .map(|i| (i.phrase, i.gender))
        .unwrap_or(("показатель", Gender::Masc))
}

/// «Доля «2» по ВПР (математика, 5 кл.) выросла с 18,2 % до 34,5 % (+16,3 п.п.) — значительное
/// ухудшение.»
fn change_sentence(row: &IndicatorRow) -> Option<String> {
    let d = row.dynamics.as_ref()?;
    let (p, g) = phrase(row);
    let (up, down) = verbs(g);
    let verb = if d.delta > 0.0 { up } else { down };
    Some(format!(
        "{} {verb} с {} в {} до {} в {} ({}) — {}.",
        ru::subject(p),
        value_text(row, d.from),
        d.from_year,
        value_text(row, d.to),
        d.to_year,
        d.delta_text(),
        d.label()
    ))
}

/// Exact «≥ percent» for a raw share value.
fn share_at_least(v: &Value, percent: u32) -> bool {
    match v {
        Value::Ratio { part, whole, .. } if *whole > 0 => {
            100 * *part as u64 >= percent as u64 * *whole as u64
        }
        Value::Percent { value, .. } | Value::Number(value) => value.ge_int(percent as i64),
        _ => false,
    }
}

/// The latest year whose raw value is present.
fn latest_raw(row: &IndicatorRow) -> Option<(Year, &Value)> {
    row.raw
        .iter()
        .rev()
        .find(|(_, v)| v.is_present())
        .map(|(y, v)| (*y, v))
}

/// Evaluates one check of one indicator; the problem sentence when it fires.
fn check(row: &IndicatorRow, c: &Check) -> Option<String> {
    let (p, _) = phrase(row);
    let cap = ru::capitalize(p);
    match c {
        Check::LowShare { percent } => {
            let (y, v) = latest_raw(row)?;
            share_at_least(v, *percent).then(|| {
                format!(
                    "{cap} в {y} — {}: низкий результат (не менее {percent} % участников).",
                    super::report::display(v, row.kind)
                )
            })
        }
        Check::NegativeDynamics => {
            let d = row.dynamics.as_ref()?;
            (d.tone() == Tone::Bad).then(|| {
                let what = match d.label {
                    Label::SignificantWorsening => "значительное ухудшение".to_string(),
                    _ => format!("{} динамика", d.label()),
                };
                format!(
                    "{cap}: {what} — с {} ({}) до {} ({}), {}",
                    value_text(row, d.from),
                    d.from_year,
                    value_text(row, d.to),
                    d.to_year,
                    ru::end(&d.delta_text())
                )
            })
        }
        Check::Target {
            min_percent,
            source,
        } => {
            let (y, v) = latest_raw(row)?;
            (!share_at_least(v, *min_percent)).then(|| {
                let target = if *min_percent == 100 {
                    "100 %".to_string()
                } else {
                    format!("не менее {min_percent} %")
                };
                format!(
                    "{} в {y} — {}, а целевое значение — {target} ({source}).",
                    cap,
                    super::report::display(v, row.kind)
                )
            })
        }
        Check::NonZero => {
            let (y, v) = latest_raw(row)?;
            let n = v.number()?;
            (n > 0.0).then(|| {
                let who = ru::plural(n as u64, "обучающийся", "обучающихся", "обучающихся");
                format!("{cap} в {y}: {} {who}.", ru::number(n))
            })
        }
        Check::RequireYes => {
            let (y, v) = latest_raw(row)?;
            matches!(v, Value::Bool(false)).then(|| format!("Нет специалиста: {p} ({y})."))
        }
        Check::RequirePositive => {
            let (y, v) = latest_raw(row)?;
            (v.number() == Some(0.0)).then(|| format!("{cap} в {y} — 0."))
        }
        Check::MissingData => {
            let any = row.raw.values().any(Value::is_present);
            // Gaps after the indicator first has data: a row that starts in a later year was
            // simply not collected before, which is not a problem of the school.
            let first = row
                .raw
                .iter()
                .find(|(_, v)| v.is_present())
                .map(|(y, _)| *y);
            let gaps: Vec<String> = row
                .raw
                .iter()
                .filter(|(y, _)| first.is_some_and(|f| **y > f))
                .filter(|(_, v)| matches!(v, Value::Missing | Value::Invalid(_)))
                .map(|(y, _)| y.to_string())
                .collect();
            (any && !gaps.is_empty())
                .then(|| format!("Нет данных за {}: {p}.", ru::join_and(&gaps)))
        }
    }
}

/// The «Вывод» of a block.
fn conclusion(
    id: SectionId,
    rows: &[&IndicatorRow],
    ident: &Identification,
    years: &[Year],
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let with_data: Vec<&&IndicatorRow> = rows
        .iter()
        .filter(|r| r.raw.values().any(Value::is_present))
        .collect();
    if with_data.is_empty() {
        return "Данных по блоку нет: заполните показатели, чтобы получить вывод.".to_string();
    }
    let judged: Vec<&&IndicatorRow> = with_data
        .iter()
        .copied()
        .filter(|r| r.polarity != Polarity::Neutral && r.dynamics.is_some())
        .collect();
    if !judged.is_empty() {
        let count = |t: Tone| {
            judged
                .iter()
                .filter(|r| r.dynamics.as_ref().map(|d| d.tone()) == Some(t))
                .count()
        };
        let (good, bad, stable) = (count(Tone::Good), count(Tone::Bad), count(Tone::Stable));
        let other = judged.len() - good - bad - stable;
        let (first, last) = (years.first(), years.last());
        let span = match (first, last) {
            (Some(a), Some(b)) if a != b => format!("За {a} — {b} из "),
            _ => "Из ".to_string(),
        };
        let mut items = vec![];
        if good > 0 {
            items.push(format!("улучшились — {good}"));
        }
        if bad > 0 {
            items.push(format!("ухудшились — {bad}"));
        }
        if stable > 0 {
            items.push(format!("без существенных изменений — {stable}"));
        }
        if other > 0 {
            items.push(format!("менялись неустойчиво — {other}"));
        }
        parts.push(format!(
            "{span}{} с динамикой {}.",
            ru::count(
                judged.len() as u64,
                "показателя",
                "показателей",
                "показателей"
            ),
            items.join(", ")
        ));
        let mut notable: Vec<&&IndicatorRow> = judged
            .iter()
            .copied()
            .filter(|r| {
                matches!(
                    r.dynamics.as_ref().map(|d| d.tone()),
                    Some(Tone::Good | Tone::Bad)
                )
            })
            .collect();
        // Worsening first, then the largest changes.
        notable.sort_by(|a, b| {
            let key = |r: &IndicatorRow| {
                r.dynamics
                    .as_ref()
                    .map_or((true, 0.0), |d| (d.tone() != Tone::Bad, d.delta.abs()))
            };
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0).then(kb.1.total_cmp(&ka.1))
        });
        parts.extend(notable.iter().take(4).filter_map(|r| change_sentence(r)));
    } else if with_data
        .iter()
        .any(|r| matches!(r.kind, Kind::Share | Kind::Count))
        && with_data
            .iter()
            .all(|r| r.raw.values().filter(|v| v.is_present()).count() < 2)
    {
        parts.push("Данные есть только за один год: динамику оценить нельзя.".to_string());
    }
    // Neutral facts worth a sentence: pupil numbers.
    for r in with_data
        .iter()
        .filter(|r| r.polarity == Polarity::Neutral && r.kind == Kind::Count)
    {
        if let Some(d) = &r.dynamics {
            if d.label != Label::Stable {
                if let Some(s) = change_sentence(r) {
                    parts.push(s.replace(" — рост.", ".").replace(" — снижение.", "."));
                }
            }
        }
    }
    // Yes/no and text items as written.
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
    let texts: Vec<&&&IndicatorRow> = with_data.iter().filter(|r| r.kind == Kind::Text).collect();
    let all_texts = rows.iter().filter(|r| r.kind == Kind::Text).count();
    if !texts.is_empty() && texts.len() == with_data.len() {
        parts.push(format!(
            "Заполнено {} из {all_texts}; сведения приведены в таблице.",
            ru::count(texts.len() as u64, "пункт", "пункта", "пунктов")
        ));
    }
    // The identification, where its procedures are.
    if let Some(as_of) = ident.as_of {
        let low: Vec<String> = ident
            .low
            .iter()
            .filter(|l| {
                l.year == as_of && catalogue::find(&l.procedure).is_some_and(|i| i.section == id)
            })
            .map(|l| format!("{} — {}", l.label, ru::percent(l.percent)))
            .collect();
        if !low.is_empty() {
            parts.push(format!(
                "Низкий результат (не менее 30 %) в {as_of}: {}.",
                low.join("; ")
            ));
        }
    }
    if parts.is_empty() {
        "Показатели приведены в таблице; оценить динамику по ним нельзя.".to_string()
    } else {
        parts.join(" ")
    }
}

/// The «Проблема» items of a block.
fn problems(id: SectionId, rows: &[&IndicatorRow], ident: &Identification) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !rows.is_empty() && !rows.iter().any(|r| r.raw.values().any(Value::is_present)) {
        out.push("Нет данных по блоку ни за один год.".to_string());
        return out;
    }
    for r in rows {
        let Some(ind) = catalogue::find(&r.code) else {
            continue;
        };
        // Several checks of one indicator make one item, not several that repeat its name:
        // «Отсев из основной школы в 2022-2023: 2 обучающихся; устойчиво отрицательная динамика — …».
        let (cap, _) = phrase(r);
        let prefix = format!("{}: ", ru::capitalize(cap));
        let mut item: Option<String> = None;
        for c in ind.checks {
            let Some(p) = check(r, c) else { continue };
            item = Some(match item {
                None => p,
                Some(first) => match p.strip_prefix(&prefix) {
                    Some(rest) => format!("{}; {rest}", first.trim_end_matches('.')),
                    None => format!("{first} {p}"),
                },
            });
        }
        if let Some(p) = item {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    // Parents' education should add up to about 100 %.
    if id == SectionId::S2_1 {
        let parents: Vec<&&IndicatorRow> = rows
            .iter()
            .filter(|r| r.code.starts_with("parents.") && r.kind == Kind::Share)
            .collect();
        if let Some(&(y, _)) = parents.first().and_then(|r| r.latest()).as_ref() {
            let sum: Option<f64> = parents
                .iter()
                .map(|r| r.values.get(&y).copied().flatten())
                .sum();
            if let Some(sum) = sum {
                if (sum - 100.0).abs() > 5.0 {
                    out.push(format!(
                        "Образование родителей в {y}: сумма долей {} вместо ≈ 100 % — проверьте данные.",
                        ru::percent(sum)
                    ));
                }
            }
        }
    }
    // The identification conditions, in the block of the first low procedure of the year.
    if let Some(as_of) = ident.as_of {
        let first_low_section = ident
            .low
            .iter()
            .filter(|l| l.year == as_of)
            .filter_map(|l| catalogue::find(&l.procedure))
            .map(|i| i.section)
            .next();
        if first_low_section == Some(id) && (ident.condition1 || ident.condition2) {
            let which = match (ident.condition1, ident.condition2) {
                (true, true) => "Условия 1 и 2",
                (true, false) => "Условие 1",
                _ => "Условие 2",
            };
            let verb = if ident.condition1 && ident.condition2 {
                "выполняются"
            } else {
                "выполняется"
            };
            // Only with «И» can a condition hold without ШНОР; the status may then be «зона
            // риска» or «недостаточно данных» (Условие 2 undecidable), so say which it is.
            let status = match ident.status {
                Status::Shnor => "школа относится к ШНОР".to_string(),
                other => format!(
                    "при выбранных настройках (нужны оба условия) школа не в ШНОР, статус — «{}»",
                    other.label()
                ),
            };
            out.insert(
                0,
                format!("{which} идентификации ШНОР {verb} на {as_of}: {status}."),
            );
        }
    }
    out
}

/// Generates the texts of every block.
pub fn conclude(rows: &[IndicatorRow], ident: &Identification, years: &[Year]) -> Vec<SectionText> {
    SECTIONS
        .iter()
        .map(|s| {
            let in_section: Vec<&IndicatorRow> =
                rows.iter().filter(|r| r.section == s.id).collect();
            SectionText {
                id: s.id,
                conclusion: conclusion(s.id, &in_section, ident, years),
                problems: problems(s.id, &in_section, ident),
            }
        })
        .collect()
}
