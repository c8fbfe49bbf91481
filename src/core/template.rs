//! The downloadable ДТК template (format A) and the built-in example school. Both come from the
//! catalogue: every indicator a school fills in, with its code and the form's wording.

use super::catalogue::{self, INDICATORS};
use super::model::Year;
use super::table::CsvOut;

/// A fictional but realistic school in format A: what the page shows before any file is opened
/// and what `dtk report` runs on in the README. ШНОР by Условие 2 (ВПР русский 6 кл. in
/// 2021-2022, ВПР математика 5 кл. in 2022-2023).
pub const EXAMPLE_SCHOOL: &[u8] = include_bytes!("example-school.csv");

/// The hint row under the header: how to fill the cells.
pub const HINT: &str = "Подсказка: доли — «11/30» (не справились / участников) или «36,7 %»; количества — целые числа; «да»/«нет»; пусто — нет данных; «н/п» — процедура не проводилась";

/// A row of the template below its header and hint: a section heading or an indicator.
pub enum Line {
    /// («1.1», «1.1. Сохранность контингента»).
    Section(&'static str, String),
    /// (code, the form's full wording).
    Indicator(&'static str, String),
}

/// Every row a school fills in, in the form's order, with a heading before each section. The
/// CSV and XLSX templates are both written from this list.
pub fn lines() -> Vec<Line> {
    let mut out = Vec::new();
    let mut section = None;
    for ind in INDICATORS
        .iter()
        .filter(|i| i.in_template && i.formula.is_none())
    {
        if section != Some(ind.section) {
            section = Some(ind.section);
            if let Some(s) = catalogue::section(ind.section) {
                out.push(Line::Section(s.number, s.heading()));
            }
        }
        out.push(Line::Indicator(ind.code, catalogue::full_label(ind)));
    }
    out
}

/// The template as CSV that Russian Excel opens correctly: UTF-8 with BOM, `;`, CRLF.
pub fn template_csv(years: &[Year]) -> Vec<u8> {
    let mut years = years.to_vec();
    years.sort();
    years.dedup();
    let mut out = CsvOut::new();
    let mut line = |cells: Vec<String>| out.row(cells);
    let mut head = vec!["код".to_string(), "показатель".to_string()];
    head.extend(years.iter().map(Year::to_string));
    line(head);
    let blanks = || vec![String::new(); years.len()];
    line([vec![String::new(), HINT.to_string()], blanks()].concat());
    for l in lines() {
        let (a, b) = match l {
            Line::Section(number, heading) => (number, heading),
            Line::Indicator(code, label) => (code, label),
        };
        line([vec![a.to_string(), b], blanks()].concat());
    }
    out.into_bytes()
}
