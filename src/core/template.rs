//! The downloadable ДТК template (format A) and the built-in example school. Both come from the
//! catalogue: every indicator a school fills in, with its code and the form's wording.

use super::catalogue::{self, INDICATORS};
use super::model::Year;

/// A fictional but realistic school in format A: what the page shows before any file is opened
/// and what `dtk report` runs on in the README. ШНОР by Условие 2 (ВПР русский 6 кл. in
/// 2021-2022, ВПР математика 5 кл. in 2022-2023).
pub const EXAMPLE_SCHOOL: &[u8] = include_bytes!("example-school.csv");

/// The hint row under the header: how to fill the cells.
pub const HINT: &str = "Подсказка: доли — «11/30» (не справились / участников) или «36,7 %»; количества — целые числа; «да»/«нет»; пусто — нет данных; «н/п» — процедура не проводилась";

/// Quotes a field for `;`-separated CSV when it needs it.
fn field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The template as CSV that Russian Excel opens correctly: UTF-8 with BOM, `;`, CRLF.
pub fn template_csv(years: &[Year]) -> Vec<u8> {
    let mut years = years.to_vec();
    years.sort();
    years.dedup();
    let mut out = String::from("\u{FEFF}");
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    };
    let mut head = vec!["код".to_string(), "показатель".to_string()];
    head.extend(years.iter().map(Year::to_string));
    line(head);
    let blanks = || vec![String::new(); years.len()];
    line([vec![String::new(), HINT.to_string()], blanks()].concat());
    let mut section = None;
    for ind in INDICATORS
        .iter()
        .filter(|i| i.in_template && i.formula.is_none())
    {
        if section != Some(ind.section) {
            section = Some(ind.section);
            if let Some(s) = catalogue::section(ind.section) {
                line([vec![s.number.to_string(), s.heading()], blanks()].concat());
            }
        }
        line(
            [
                vec![ind.code.to_string(), catalogue::full_label(ind)],
                blanks(),
            ]
            .concat(),
        );
    }
    out.into_bytes()
}
