//! An indicator of the ДТК across the years, as the report, the «Вывод»/«Проблема» texts and
//! «Готово к сдаче?» read it, and the text of one cell. In: a school's values (built in
//! `report::indicator_rows`); out: rows for `conclude`, `readiness` and `report`. It sits below
//! all three so that none of them imports another for these.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::core::catalogue::{self, Kind, SectionId};
use crate::core::method::dynamics::Dynamics;
use crate::core::model::{Value, Year};
use crate::core::ru;

/// One indicator of the ДТК across the years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    pub code: String,
    /// The full label: group heading and sub-row («Отсев (в течение года): а) из основной школы»).
    pub label: String,
    /// The row as the form prints it under its group heading («а) из основной школы»).
    pub row_label: String,
    pub section: SectionId,
    pub kind: Kind,
    pub polarity: catalogue::Polarity,
    /// Numbers per year (percent for shares); `null` for no data, not held, text, yes/no.
    pub values: BTreeMap<Year, Option<f64>>,
    /// What the cell shows: «36,7 % (11/30)», «не проводилась», «да», text as written.
    pub display: BTreeMap<Year, String>,
    /// Group sizes behind shares, where known.
    #[serde(skip)]
    pub groups: BTreeMap<Year, Option<u32>>,
    /// The raw values, for the rules.
    #[serde(skip)]
    pub raw: BTreeMap<Year, Value>,
    /// Computed by the calculator from other indicators.
    pub computed: bool,
    pub dynamics: Option<Dynamics>,
    /// Blocks 3.2–3.4: the state in words at a monitoring date («Описание»), when the file
    /// gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<crate::core::model::Described>,
}

impl IndicatorRow {
    /// The value of the latest year that has a number.
    pub fn latest(&self) -> Option<(Year, f64)> {
        self.values
            .iter()
            .rev()
            .find_map(|(y, v)| v.map(|v| (*y, v)))
    }
}

/// «36,7 % (11/30)», «212», «да», «не проводилась», «—».
pub fn display(v: &Value, kind: Kind) -> String {
    match v {
        Value::Missing => "—".to_string(),
        Value::NotHeld => "не проводилась".to_string(),
        Value::Invalid(raw) => format!("ошибка: «{raw}»"),
        Value::Number(n) if kind == Kind::Share => ru::percent(n.to_f64()),
        Value::Number(n) => ru::number(n.to_f64()),
        Value::Percent { value, .. } => ru::percent(value.to_f64()),
        Value::Ratio { part, whole, .. } => {
            format!(
                "{} ({part}/{whole})",
                ru::percent(*part as f64 * 100.0 / *whole as f64)
            )
        }
        Value::Bool(true) => "да".to_string(),
        Value::Bool(false) => "нет".to_string(),
        Value::Text(t) => t.clone(),
    }
}
