//! The downloadable ДТК template (format A) and the built-in example school. Both come from the
//! catalogue: every indicator a school fills in, with its code and the form's wording.

use crate::core::catalogue::{self, INDICATORS};
use crate::core::model::Year;
use crate::core::read::table::CsvOut;

/// A fictional but realistic school in format A: what the page shows before any file is opened
/// and what `dtk report` runs on in the README. ШНОР by Условие 2 (ВПР русский 6 кл. in
/// 2021-2022, ВПР математика 5 кл. in 2022-2023).
pub const EXAMPLE_SCHOOL: &[u8] = include_bytes!("../example-school.csv");

/// The hint row under the header: how to fill the cells.
pub const HINT: &str = "Подсказка: доли — «11/30» (не справились / участников) или «36,7 %» (со знаком %); количества — целые числа; «да»/«нет»; пусто или «-» — нет данных; «н/п» — процедура не проводилась. Годы в заголовках можно переименовать (например, «2021-2022») и добавить столбцы";

/// «Как заполнить» — the same steps on the page (under the start panel) and in README.
pub const HOW_TO_FILL: [&str; 5] = [
    "Скачайте шаблон (CSV или XLSX): в нём строки всех показателей ДТК и столбцы трёх последних завершённых учебных лет.",
    "Годы в заголовках можно переименовать (например, «2021-2022») и добавить столбцы; коды в первом столбце не меняйте.",
    "Доли пишите дробью «11/30» (не справились / участников) — так калькулятор знает число участников; или в процентах со знаком: «36,7 %». Голое число («3») будет принято как проценты с предупреждением.",
    "Пусто или «-» — нет данных; «н/п» — процедура не проводилась; «да»/«нет» — для наличия специалистов.",
    "Сохраните файл и откройте его здесь: замечания к ячейкам появятся под статусом.",
];

/// The last three completed school years on the date `year`-`month` (month 1…12), oldest
/// first: the template's default columns. A school year ends in June, so from July the year
/// just ended counts (results of ВПР, ОГЭ, ЕГЭ are in); the core has no clock, the caller
/// passes the date.
pub fn default_years(year: u16, month: u8) -> Vec<Year> {
    // The start year of the last completed school year.
    let last = year.saturating_sub(if month >= 7 { 1 } else { 2 });
    (0..3).rev().map(|k| Year(last.saturating_sub(k))).collect()
}

/// A row of the template below its header and hint: a section heading or an indicator.
pub enum Line {
    /// («1.1», «1.1. Сохранность контингента»).
    Section(&'static str, String),
    /// (code, the form's full wording).
    Indicator(&'static str, String),
}

/// Every row a school fills in, in the form's order, with a heading before each section. The
/// CSV and XLSX templates are both written from this list. Every procedure the settings can
/// count is here (ВПР 4, 7, 8 too), so a school never has to invent a row code.
pub fn lines() -> Vec<Line> {
    let mut out = Vec::new();
    let mut section = None;
    for ind in INDICATORS
        .iter()
        .filter(|i| (i.in_template || i.procedure.is_some()) && i.formula.is_none())
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
