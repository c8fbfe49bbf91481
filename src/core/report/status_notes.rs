//! What the page and the printout say next to the status so that it never contradicts what is
//! shown around it (issue 15): a report and its settings in, short Russian lines out.
//!
//! - how many remarks the file drew («В файле 3 замечания»), to jump to the list;
//! - every setting that differs from the methodology's defaults (printed too: a reader of the
//!   paper must know the status was computed otherwise);
//! - low results of procedures that the settings do not count (the table shows them in red,
//!   the status ignores them: say so);
//! - whether each condition could be decided at all («проверить нельзя» instead of «не
//!   выполнено»).

use super::Report;
use crate::core::catalogue;
use crate::core::method::identify::{short_label, CellState, Combine, Settings};
use crate::core::model::{Diagnostic, Severity};
use crate::core::ru;

/// «В файле 3 замечания (1 ошибка)» — `None` when the file drew no errors or warnings
/// (information lines alone are not a reason to call the reader away).
pub fn remarks(diagnostics: &[Diagnostic]) -> Option<String> {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count() as u64;
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count() as u64;
    let n = errors + warnings;
    if n == 0 {
        return None;
    }
    let mut text = format!(
        "В файле {}",
        ru::count(n, "замечание", "замечания", "замечаний")
    );
    if errors > 0 && warnings > 0 {
        text.push_str(&format!(
            " ({})",
            ru::count(errors, "ошибка", "ошибки", "ошибок")
        ));
    } else if errors > 0 {
        text = format!(
            "В файле {}",
            ru::count(errors, "ошибка", "ошибки", "ошибок")
        );
    }
    Some(text)
}

/// One line per setting that differs from the methodology's defaults, in the settings panel's
/// order; empty when every setting is the default.
pub fn settings_differences(settings: &Settings) -> Vec<String> {
    let d = Settings::default();
    let mut out = Vec::new();
    if let Some(y) = settings.as_of {
        out.push(format!("год идентификации выбран вручную: {y}"));
    }
    if settings.combine != d.combine {
        out.push(match settings.combine {
            Combine::And => "нужны оба условия (по методике достаточно одного)".to_string(),
            Combine::Or => "достаточно одного условия".to_string(),
        });
    }
    if settings.same_procedure != d.same_procedure {
        out.push("Условие 2 — только по одной и той же процедуре в оба года".to_string());
    }
    if settings.use_retakes != d.use_retakes {
        out.push("учтены результаты пересдачи".to_string());
    }
    let label = |code: &str| {
        catalogue::find(code)
            .map(short_label)
            .unwrap_or_else(|| code.to_string())
    };
    let removed: Vec<String> = d
        .procedures
        .iter()
        .filter(|p| !settings.procedures.contains(p))
        .map(|p| label(p))
        .collect();
    let added: Vec<String> = settings
        .procedures
        .iter()
        .filter(|p| !d.procedures.contains(p))
        .map(|p| label(p))
        .collect();
    if !removed.is_empty() {
        out.push(format!("не учитываются: {}", removed.join(", ")));
    }
    if !added.is_empty() {
        out.push(format!("дополнительно учитываются: {}", added.join(", ")));
    }
    if settings.stable_threshold_pp != d.stable_threshold_pp {
        out.push(format!(
            "порог «стабильной» динамики {} п.п. (по умолчанию {})",
            ru::number(settings.stable_threshold_pp),
            ru::number(d.stable_threshold_pp)
        ));
    }
    out
}

/// The settings line as printed under the status, or `None` with the defaults.
pub fn settings_line(settings: &Settings) -> Option<String> {
    let diffs = settings_differences(settings);
    (!diffs.is_empty()).then(|| {
        ru::end(&format!(
            "Настройки отличаются от методики: {}",
            diffs.join("; ")
        ))
    })
}

/// Low results of procedures the settings do not count, as «ВПР математика 7 кл. (2022-2023 —
/// 36,7 %)», one per procedure, the years joined.
pub fn uncounted_lows(report: &Report) -> Vec<String> {
    report
        .identification
        .table
        .iter()
        .filter(|row| !row.counted)
        .filter_map(|row| {
            let lows: Vec<String> = row
                .cells
                .iter()
                .filter(|c| c.state == CellState::Low)
                .map(|c| {
                    format!(
                        "{} — {}",
                        c.year,
                        c.percent.map(ru::percent).unwrap_or_default()
                    )
                })
                .collect();
            (!lows.is_empty()).then(|| format!("{} ({})", row.label, lows.join(", ")))
        })
        .collect()
}

/// The line that keeps the status and the table in agreement: «В 2022-2023 учебном году
/// среди учитываемых процедур низких результатов нет; не учитываются: …» or, when counted
/// procedures are low that year too, «Не учитываются при идентификации, хотя результат низкий:
/// …». `None` when every low result counts.
pub fn uncounted_line(report: &Report) -> Option<String> {
    let lows = uncounted_lows(report);
    if lows.is_empty() {
        return None;
    }
    let id = &report.identification;
    let counted_low_this = id.table.iter().any(|r| {
        r.counted
            && r.cells
                .iter()
                .any(|c| Some(c.year) == id.as_of && c.state == CellState::Low)
    });
    Some(match id.as_of {
        Some(year) if !counted_low_this => format!(
            "В {year} учебном году среди учитываемых процедур низких результатов нет; не учитываются: {}.",
            lows.join("; ")
        ),
        _ => format!(
            "Не учитываются при идентификации, хотя результат низкий: {}.",
            lows.join("; ")
        ),
    })
}

/// Whether Условие 1 and Условие 2 could be decided by the known results (identification
/// decides it: a condition holds, or would not hold even with every expected empty cell low).
pub fn decidable(report: &Report) -> (bool, bool) {
    let id = &report.identification;
    (id.condition1_known, id.condition2_known)
}
