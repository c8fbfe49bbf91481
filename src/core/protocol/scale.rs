//! Score → mark: the year's grading scale, three cut scores (the lowest total for «3», «4»,
//! «5»). In: a scale typed by the user («7,10,14») or a built-in one; out: marks, and the
//! check of the scale against the protocol's maximum.
//!
//! Built in only where a source is cited: the 2020/2021 ВПР scales hard-coded in the Altai
//! regional analytics system, repository `shekeldini/Flask`, file `vpr_analysis/vpr_analysis.py`
//! (`translation_scale` lists such as `mat5 = [6, 7, 10, 11, 14, 15]`: «2» up to 6, «3» from 7,
//! «4» from 11, «5» from 15). They apply to the school year 2020-2021 (autumn 2020 and spring
//! 2021). For any other year the calculator has no scale of its own: the 2020/2021 one of the
//! same subject and grade is offered as a guess, marked as such, and the user types the year's
//! cut scores from its «Критерии оценивания» (the specifications change by year, and from
//! 2025 the ВПР are new works).

use serde::{Deserialize, Serialize};

use super::super::model::Year;
use super::read::Subject;

/// The source of the built-in scales, as the report cites it.
pub const BUILTIN_SOURCE: &str = "шкала ВПР 2020/2021 из региональной системы аналитики ВПР Алтайского края (github.com/shekeldini/Flask, vpr_analysis/vpr_analysis.py)";

/// The school year the built-in scales belong to.
pub const BUILTIN_YEAR: Year = Year(2020);

/// (subject, grade, lowest total for «3», «4», «5») — from `translation_scale[1]`, `[3]`,
/// `[5]` of the source's lists (`mat4 = [5, 6, 9, 10, 14, 15]` → 6, 10, 15).
const BUILTIN: &[(&str, u32, [u32; 3])] = &[
    ("math", 4, [6, 10, 15]),
    ("math", 5, [7, 11, 15]),
    ("math", 6, [6, 10, 14]),
    ("math", 7, [7, 12, 16]),
    ("math", 8, [8, 15, 21]),
    ("rus", 4, [14, 24, 33]),
    ("rus", 5, [18, 29, 39]),
    ("rus", 6, [25, 35, 45]),
    ("rus", 7, [22, 32, 42]),
    ("rus", 8, [26, 32, 45]),
];

/// A grading scale with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// The lowest total for «3», «4», «5».
    pub cuts: [u32; 3],
    /// Where the cut scores come from, as shown next to them.
    pub source: String,
    /// A built-in scale of the protocol's own year (not a guess, not typed).
    pub builtin: bool,
}

/// Why a scale cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ScaleError {
    /// Not three whole numbers.
    Syntax(String),
    /// The cut scores do not grow: «3» < «4» < «5», and «3» above 0.
    Order([u32; 3]),
    /// The cut for «5» is above the work's maximum: the scale is for another work.
    AboveMax { cut5: u32, max: u32 },
    /// No scale is built in for this year, and none was typed.
    Needed {
        title: String,
        guess: Option<[u32; 3]>,
    },
}

impl std::fmt::Display for ScaleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaleError::Syntax(t) => write!(
                f,
                "«{t}» — не шкала: нужны три целых числа через запятую — наименьший балл для «3», «4» и «5», например 7,11,15"
            ),
            ScaleError::Order([a, b, c]) => write!(
                f,
                "шкала {a}, {b}, {c} не подходит: баллы для «3», «4», «5» должны расти, и для «3» нужен хотя бы 1 балл"
            ),
            ScaleError::AboveMax { cut5, max } => write!(
                f,
                "шкала не подходит к протоколу: для «5» в ней нужно {cut5}, а максимальный балл работы (сумма максимумов заданий) — {max}. Возьмите шкалу из «Критериев оценивания» этого года"
            ),
            ScaleError::Needed { title, guess } => {
                write!(
                    f,
                    "для протокола ({title}) нужна шкала перевода баллов в отметки: у калькулятора есть только шкалы 2020/2021 учебного года с указанным источником. Впишите из «Критериев оценивания» этого года наименьший балл для «3», «4», «5» (например, --scale 7,11,15)"
                )?;
                if let Some([a, b, c]) = guess {
                    write!(f, "; для сравнения, шкала 2020/2021: {a},{b},{c}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ScaleError {}

impl Scale {
    /// A scale the user typed.
    pub fn typed(cuts: [u32; 3]) -> Scale {
        Scale {
            cuts,
            source: "введена пользователем".to_string(),
            builtin: false,
        }
    }

    /// «7,10,14», «7 10 14», «7;10;14» → a typed scale (order not yet checked).
    pub fn parse(text: &str) -> Result<Scale, ScaleError> {
        let parts: Vec<&str> = text
            .split([',', ';', ' ', '/'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
        match nums.as_deref() {
            Some(&[a, b, c]) => Ok(Scale::typed([a, b, c])),
            _ => Err(ScaleError::Syntax(text.trim().to_string())),
        }
    }

    /// The mark of a total.
    pub fn mark(&self, total: u32) -> u8 {
        let [c3, c4, c5] = self.cuts;
        if total >= c5 {
            5
        } else if total >= c4 {
            4
        } else if total >= c3 {
            3
        } else {
            2
        }
    }

    /// Whether the scale fits a work of `max` points.
    pub fn check(&self, max: u32) -> Result<(), ScaleError> {
        let [a, b, c] = self.cuts;
        if a == 0 || a >= b || b >= c {
            return Err(ScaleError::Order(self.cuts));
        }
        if max > 0 && c > max {
            return Err(ScaleError::AboveMax { cut5: c, max });
        }
        Ok(())
    }

    /// «0–6 → «2», 7–10 → «3», 11–14 → «4», 15–20 → «5»».
    pub fn describe(&self, max: u32) -> String {
        let [a, b, c] = self.cuts;
        format!(
            "{}–{} → «2», {a}–{} → «3», {b}–{} → «4», {c}–{max} → «5»",
            0,
            a.saturating_sub(1),
            b.saturating_sub(1),
            c.saturating_sub(1)
        )
    }
}

/// The built-in scale of a subject, grade and school year, when the cited source has one.
pub fn builtin(subject: &Subject, grade: Option<u32>, year: Option<Year>) -> Option<Scale> {
    if year != Some(BUILTIN_YEAR) {
        return None;
    }
    let cuts = source_cuts(subject, grade?)?;
    Some(Scale {
        cuts,
        source: BUILTIN_SOURCE.to_string(),
        builtin: true,
    })
}

/// What the editor shows first: the built-in scale of the year, else the 2020/2021 scale of
/// the same work as a guess (its source says it is one), else nothing.
pub fn guess(subject: &Subject, grade: Option<u32>, year: Option<Year>) -> Option<Scale> {
    if let Some(s) = builtin(subject, grade, year) {
        return Some(s);
    }
    let cuts = source_cuts(subject, grade?)?;
    Some(Scale {
        cuts,
        source: format!(
            "предположение: {BUILTIN_SOURCE}; шкала {} учебного года может быть другой — сверьте с «Критериями оценивания»",
            year.map_or("этого".to_string(), |y| y.to_string())
        ),
        builtin: false,
    })
}

fn source_cuts(subject: &Subject, grade: u32) -> Option<[u32; 3]> {
    let code = subject.code()?;
    BUILTIN
        .iter()
        .find(|(s, g, _)| *s == code && *g == grade)
        .map(|(_, _, c)| *c)
}
