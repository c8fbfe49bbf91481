//! The ФИОКО risk factors of a school's «рисковый профиль» (domain.md §6; project 500+), as
//! data: their numbers, names and the three levels the questionnaire in ИС МЭДК gives. The
//! problem field (method), the risk profile and the antirisk programmes (plan) and the
//! municipal report all name factors from this one table. Levels are entered, never computed.

use serde::{Deserialize, Serialize};

/// One risk factor of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RiskFactor {
    /// 1…12, as numbered in domain.md §6 (11 and 12 appear in some years only).
    pub number: u8,
    /// The row code in a ДТК file: `risk.factor.N` (formats.md A).
    pub code: &'static str,
    /// The factor's name as ФИОКО words it.
    pub name: &'static str,
}

/// The factors of domain.md §6, in its order.
#[rustfmt::skip]
pub const RISK_FACTORS: &[RiskFactor] = &[
    RiskFactor { number: 1, code: "risk.factor.1", name: "Низкий уровень оснащения школы" },
    RiskFactor { number: 2, code: "risk.factor.2", name: "Дефицит педагогических кадров" },
    RiskFactor { number: 3, code: "risk.factor.3", name: "Недостаточная предметная и методическая компетентность педагогических работников" },
    RiskFactor { number: 4, code: "risk.factor.4", name: "Риски низкой адаптивности учебного процесса" },
    RiskFactor { number: 5, code: "risk.factor.5", name: "Несформированность внутришкольной системы повышения квалификации" },
    RiskFactor { number: 6, code: "risk.factor.6", name: "Низкая учебная мотивация обучающихся" },
    RiskFactor { number: 7, code: "risk.factor.7", name: "Пониженный уровень качества школьной образовательной и воспитательной среды" },
    RiskFactor { number: 8, code: "risk.factor.8", name: "Высокая доля обучающихся с рисками учебной неуспешности" },
    RiskFactor { number: 9, code: "risk.factor.9", name: "Низкий уровень дисциплины в классе" },
    RiskFactor { number: 10, code: "risk.factor.10", name: "Низкий уровень вовлеченности родителей" },
    RiskFactor { number: 11, code: "risk.factor.11", name: "Высокая доля обучающихся с ОВЗ" },
    RiskFactor { number: 12, code: "risk.factor.12", name: "Низкое качество преодоления языковых и культурных барьеров" },
];

/// Looks a factor up by its number.
pub fn factor(number: u8) -> Option<&'static RiskFactor> {
    RISK_FACTORS.iter().find(|f| f.number == number)
}

/// A factor's level in the profile («высокий / средний / низкий риск»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    High,
    Medium,
    Low,
}

impl RiskLevel {
    /// Reads «высокий», «средний риск», «Низкий», «high»… (case and «ё» ignored); `None` for
    /// anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase().replace('ё', "е");
        let t = t.trim_end_matches(" риск").trim();
        match t {
            "высокий" | "высокая" | "high" | "в" => Some(Self::High),
            "средний" | "средняя" | "medium" | "с" => Some(Self::Medium),
            "низкий" | "низкая" | "low" | "н" => Some(Self::Low),
            _ => None,
        }
    }

    /// «высокий» / «средний» / «низкий».
    pub fn word(self) -> &'static str {
        match self {
            Self::High => "высокий",
            Self::Medium => "средний",
            Self::Low => "низкий",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_factors_numbered_in_order_with_their_codes() {
        for (i, f) in RISK_FACTORS.iter().enumerate() {
            assert_eq!(f.number as usize, i + 1);
            assert_eq!(f.code, format!("risk.factor.{}", i + 1));
        }
        assert_eq!(
            factor(8).unwrap().name,
            "Высокая доля обучающихся с рисками учебной неуспешности"
        );
    }

    #[test]
    fn levels_read_as_written_in_ис_мэдк() {
        assert_eq!(RiskLevel::parse(" Высокий риск"), Some(RiskLevel::High));
        assert_eq!(RiskLevel::parse("средний"), Some(RiskLevel::Medium));
        assert_eq!(RiskLevel::parse("НИЗКИЙ"), Some(RiskLevel::Low));
        assert_eq!(RiskLevel::parse("да"), None);
    }
}
