//! The methodology's rules as data, under the indicator catalogue (re-exported from
//! `catalogue`): the constants (30 %, 10 participants, T, 10 п.п., 5 % contingent fall, the
//! parents' sum tolerance, the 100/80 % targets), the form's blocks (`SectionId`) and its five
//! «Вывод / Проблема» pairs, the themes of the problem field with their member indicators and
//! their ФИОКО risk factors (domain.md §3, §4, §6). In: nothing; out: tables that the
//! catalogue, identification, dynamics, the texts, the page and the exports read.

use serde::{Deserialize, Serialize};

/// A result is low at this share of participants or more (domain.md §1; inclusive, exact).
pub const LOW_PERCENT: u32 = 30;
/// Fewer participants than this is «малая выборка» (domain.md §1; no exclusion).
pub const SMALL_SAMPLE: u32 = 10;
/// |Δ| up to T п.п. is «стабильная» (domain.md §2; the default of a setting).
pub const DEFAULT_T_PP: f64 = 3.0;
/// Worse by this many п.п. or more is «значительное ухудшение» (domain.md §2).
pub const SIGNIFICANT_PP: f64 = 10.0;
/// A fall of the contingent by more than this share over the window is a 1.1 finding (§2).
pub const CONTINGENT_FALL_PERCENT: f64 = 5.0;
/// Parents' education shares should sum to 100 % within this many п.п. (§3, 2.1): one
/// tolerance for the reader's check and for the texts.
pub const PARENTS_SUM_TOLERANCE_PP: f64 = 5.0;
/// The targets of the monitoring programme (§3, 3.3–3.4).
pub const TARGET_FULL: u32 = 100;
pub const TARGET_MOST: u32 = 80;

/// The ДТК sections, in the order of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SectionId {
    #[serde(rename = "1.1")]
    S1_1,
    #[serde(rename = "1.2")]
    S1_2,
    #[serde(rename = "1.3")]
    S1_3,
    #[serde(rename = "2.1")]
    S2_1,
    #[serde(rename = "2.2")]
    S2_2,
    #[serde(rename = "2.3")]
    S2_3,
    #[serde(rename = "3.1")]
    S3_1,
    #[serde(rename = "3.2")]
    S3_2,
    #[serde(rename = "3.3")]
    S3_3,
    #[serde(rename = "3.4")]
    S3_4,
    /// Metadata rows (school name, code, municipality, region): not a ДТК block.
    #[serde(rename = "meta")]
    Meta,
}

/// One of the form's five «Вывод / Проблема» pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PairId {
    #[serde(rename = "1.1")]
    P1_1,
    #[serde(rename = "1.2")]
    P1_2,
    #[serde(rename = "1.3")]
    P1_3,
    #[serde(rename = "2")]
    P2,
    #[serde(rename = "3")]
    P3,
}

/// A pair with the blocks it covers.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Pair {
    pub id: PairId,
    /// The key of kept edits and exports: «1.1», «1.2», «1.3», «2», «3».
    pub key: &'static str,
    /// «Социальный критерий (2.1–2.3)»
    pub title: &'static str,
    pub sections: &'static [SectionId],
}

/// The five pairs of the form (domain.md §3: after 1.1, 1.2, 1.3, one for 2.1–2.3, one for
/// 3.1–3.4).
#[rustfmt::skip]
pub const PAIRS: &[Pair] = &[
    Pair { id: PairId::P1_1, key: "1.1", title: "Сохранность контингента (1.1)", sections: &[SectionId::S1_1] },
    Pair { id: PairId::P1_2, key: "1.2", title: "Качество образования (1.2)", sections: &[SectionId::S1_2] },
    Pair { id: PairId::P1_3, key: "1.3", title: "Результаты ГИА (1.3)", sections: &[SectionId::S1_3] },
    Pair { id: PairId::P2, key: "2", title: "Социальный критерий (2.1–2.3)", sections: &[SectionId::S2_1, SectionId::S2_2, SectionId::S2_3] },
    Pair { id: PairId::P3, key: "3", title: "Профессионально-педагогический критерий (3.1–3.4)", sections: &[SectionId::S3_1, SectionId::S3_2, SectionId::S3_3, SectionId::S3_4] },
];

/// The pair a block belongs to.
pub fn pair_of(section: SectionId) -> Option<&'static Pair> {
    PAIRS.iter().find(|p| p.sections.contains(&section))
}

/// The pair after which the page prints the texts: the last block of each pair.
pub fn pair_ending_at(section: SectionId) -> Option<&'static Pair> {
    PAIRS.iter().find(|p| p.sections.last() == Some(&section))
}

/// A theme of the problem field (domain.md §4).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Theme {
    pub key: &'static str,
    /// «Математика — неуспешность»
    pub title: &'static str,
    /// Member indicators: a code, or a prefix ending in «.» («vpr.math.»).
    pub members: &'static [&'static str],
    /// The ФИОКО risk factors it points to (numbers of `risk_factors::RISK_FACTORS`).
    pub factors: &'static [u8],
}

/// The themes, in the order the problem field lists them; an indicator belongs to the first
/// theme that names it (defaults of domain.md §4 and §6, data).
#[rustfmt::skip]
pub const THEMES: &[Theme] = &[
    Theme { key: "math", title: "Математика — неуспешность", members: &["vpr.math.", "oge.math", "progress.math."], factors: &[8, 6, 4] },
    Theme { key: "rus", title: "Русский язык — неуспешность", members: &["vpr.rus.", "oge.rus", "progress.rus."], factors: &[8, 6, 4] },
    Theme { key: "school", title: "Успеваемость по школе", members: &["progress.school."], factors: &[8, 6] },
    Theme { key: "gia_soo", title: "Результаты ГИА на уровне СОО", members: &["ege."], factors: &[8, 4] },
    Theme { key: "contingent", title: "Сохранность контингента", members: &["contingent.", "dropout.", "no_certificate.", "repeat.", "honours.", "grade9.", "soo."], factors: &[8, 7] },
    Theme { key: "staff", title: "Кадровый дефицит", members: &["staff.young", "staff.pension_age", "staff.part_time", "staff.psychologist", "staff.social_pedagogue"], factors: &[2] },
    Theme { key: "competence", title: "Профессиональные дефициты педагогов", members: &["staff.higher_subject", "staff.courses", "staff.no_category", "diag."], factors: &[3, 5] },
    Theme { key: "support", title: "Методическая поддержка ниже целевых значений", members: &["support."], factors: &[5, 3] },
    Theme { key: "antirisk", title: "Антирисковая работа ниже целевых значений", members: &["risk."], factors: &[] },
    Theme { key: "language", title: "Социальный контекст: языковые барьеры", members: &["family.weak_russian"], factors: &[12, 7] },
    Theme { key: "social", title: "Социальный контекст", members: &["family.", "parents.", "pupils."], factors: &[7, 10] },
    Theme { key: "infra", title: "Доступность инфраструктуры", members: &["infra."], factors: &[1] },
];

/// The theme an indicator belongs to.
pub fn theme_of(code: &str) -> Option<&'static Theme> {
    THEMES.iter().find(|t| {
        t.members.iter().any(|m| {
            if m.ends_with('.') {
                code.starts_with(m)
            } else {
                code == *m
            }
        })
    })
}
