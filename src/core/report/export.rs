//! Exports of a filled ДТК: CSV in template format A (re-imports to the identical report),
//! JSON (the `dtk report --json` document with the user's edited texts), and XLSX laid out like
//! the form (an identification sheet and a «ДТК» sheet that the reader opens again), plus the
//! XLSX template. Bytes out, no IO: the browser offers them as downloads, `dtk` writes files.
//! The CSV and JSON are here; the workbooks are built in `export/xlsx.rs`.

use std::collections::BTreeMap;

use crate::core::catalogue;
use crate::core::model::{Described, Num, Value, Year};
use crate::core::read::table::CsvOut;
pub use crate::core::report::pairs_io::{apply_texts, edited_pairs, pair_key, pair_rows};
use crate::core::report::Report;

mod xlsx;

pub(crate) use xlsx::{a4, properties};
pub use xlsx::{fit, report_xlsx, template_xlsx, XLSX_CELL_CHARS};

/// The user's edits of generated texts: «1.2/conclusion» or «2/problems» → text (keys of the
/// five pairs; `conclude::edits::migrate` carries the old per-block keys over).
pub type Edits = BTreeMap<String, String>;

/// An exact decimal with a decimal comma, digit for digit as it was read («36,70» stays).
pub fn num_text(n: Num) -> String {
    let neg = n.mant < 0;
    let digits = n.mant.unsigned_abs().to_string();
    let scale = n.scale as usize;
    let body = if scale == 0 {
        digits
    } else {
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{int},{frac}")
    };
    if neg {
        format!("-{body}")
    } else {
        body
    }
}

/// A value as the cell grammar reads it back to the same value.
pub fn canonical(v: &Value) -> String {
    match v {
        Value::Missing => String::new(),
        Value::NotHeld => "н/п".to_string(),
        Value::Number(n) => num_text(*n),
        Value::Percent { value, .. } => format!("{} %", num_text(*value)),
        Value::Ratio { part, whole, .. } => format!("{part}/{whole}"),
        Value::Bool(true) => "да".to_string(),
        Value::Bool(false) => "нет".to_string(),
        Value::Text(t) | Value::Invalid(t) => t.clone(),
    }
}

/// The school's data as template format A (UTF-8 with BOM, `;`, CRLF): what the user typed or
/// the file gave, not the computed indicators (they are recomputed on import); then the five
/// «Вывод / Проблема» pairs (see [`pair_rows`]).
pub fn report_csv(report: &Report, edits: &Edits) -> Vec<u8> {
    let mut out = CsvOut::new();
    // Blocks 3.2–3.4 described in words: the «Описание» and «Дата мониторинга» columns come
    // back after the years, so the file re-opens with them.
    let described = report.indicators.iter().any(|r| r.description.is_some());
    // Code, label and the years (at least one column: the metadata's value sits there).
    let width = 2 + report.years.len().max(1);
    let mut head = vec!["код".to_string(), "показатель".to_string()];
    head.extend(report.years.iter().map(Year::to_string));
    if described {
        head.extend(["Описание".to_string(), "Дата мониторинга".to_string()]);
    }
    out.row(head);
    let mut line = |mut cells: Vec<String>, d: Option<&Described>| {
        cells.resize(width, String::new());
        if described {
            cells.push(d.map(|d| d.text.clone()).unwrap_or_default());
            cells.push(d.and_then(|d| d.date.clone()).unwrap_or_default());
        }
        out.row(cells)
    };
    for (code, v) in report.school.fields() {
        if let Some(ind) = catalogue::find(code) {
            line(
                vec![code.to_string(), ind.label.to_string(), v.clone()],
                None,
            );
        }
    }
    for row in report.indicators.iter().filter(|r| !r.computed) {
        let has_value = row.raw.values().any(|v| !matches!(v, Value::Missing));
        if !has_value && row.description.is_none() {
            continue;
        }
        let mut cells = vec![row.code.clone(), row.label.clone()];
        cells.extend(
            report
                .years
                .iter()
                .map(|y| row.raw.get(y).map(canonical).unwrap_or_default()),
        );
        line(cells, row.description.as_ref());
    }
    for cells in pair_rows(report, edits) {
        line(cells.to_vec(), None);
    }
    out.into_bytes()
}

/// The report as the JSON document of `dtk report --json`, with the user's edited texts.
pub fn report_json(report: &Report, edits: &Edits) -> Vec<u8> {
    let mut r = report.clone();
    r.pairs = edited_pairs(report, edits);
    serde_json::to_vec_pretty(&r).unwrap_or_default()
}
