//! The XLSX exports: a report (or the template's years) and the calculation date in; workbook
//! bytes laid out like the form out — an identification sheet and a «ДТК» sheet that the
//! reader opens again as the same school. The date is given, so the core never reads a clock;
//! `a4` and `properties` are shared with the other workbooks (plans, many schools).

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::core::catalogue::{self, Kind, SECTIONS};
use crate::core::method::conclude::PairText;
use crate::core::method::identify::CellState;
use crate::core::model::{Value, Year};
use crate::core::report::template;
use crate::core::report::Report;

use super::{canonical, edited_pairs, Edits};

/// Formats of the XLSX form.
struct Styles {
    title: Format,
    bold: Format,
    head: Format,
    cell: Format,
    num: Format,
    low: Format,
    section: Format,
    group: Format,
    text_box: Format,
    label: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| {
            f.set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top)
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            head: border(
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0xE8EEF6)),
            ),
            cell: border(Format::new()),
            num: border(Format::new().set_align(FormatAlign::Right)),
            low: border(
                Format::new()
                    .set_align(FormatAlign::Right)
                    .set_bold()
                    .set_font_color(Color::RGB(0xB00020))
                    .set_background_color(Color::RGB(0xFDE7E9)),
            ),
            section: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_background_color(Color::RGB(0xDDE6F3)),
            group: border(Format::new().set_italic()),
            text_box: border(Format::new()),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
        }
    }
}

/// The workbook's creation date is the calculation date the caller gives («24.11.2026»), so
/// the same input gives the same file and the core never reads a clock.
pub(crate) fn properties(date: &str) -> DocProperties {
    let parts: Vec<u16> = date.split('.').filter_map(|p| p.parse().ok()).collect();
    let when = match parts.as_slice() {
        [d, m, y] => ExcelDateTime::from_ymd(*y, *m as u8, *d as u8).ok(),
        _ => None,
    }
    .or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok());
    let props = DocProperties::new()
        .set_title("Диагностико-технологическая карта")
        .set_author("ДТК-калькулятор");
    match when {
        Some(w) => props.set_creation_datetime(&w),
        None => props,
    }
}

pub(crate) fn a4(ws: &mut Worksheet, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
}

fn identification_sheet(ws: &mut Worksheet, r: &Report, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Идентификация")?;
    a4(ws, false);
    let id = &r.identification;
    let last_col = r.years.len() as u16;
    ws.set_column_width(0, 34)?;
    for c in 1..=last_col {
        ws.set_column_width(c, 22)?;
    }
    ws.write_string_with_format(0, 0, &id.heading, &st.title)?;
    ws.write_string(
        1,
        0,
        &*fit(r.school.name.as_deref().unwrap_or("Школа без названия")),
    )?;
    let as_of = id
        .as_of
        .map(|y| y.to_string())
        .unwrap_or_else(|| "—".into());
    ws.write_string_with_format(3, 0, format!("Статус по результатам {as_of}:"), &st.bold)?;
    ws.write_string_with_format(3, 1, id.status.label(), &st.low)?;
    ws.merge_range(4, 0, 4, last_col.max(1), &id.explanation, &st.text_box)?;
    ws.set_row_height(4, 48)?;
    let yes = |b: bool| {
        if b {
            "выполнено"
        } else {
            "не выполнено"
        }
    };
    ws.write_string(5, 0, format!("Условие 1: {}", yes(id.condition1)))?;
    ws.write_string(6, 0, format!("Условие 2: {}", yes(id.condition2)))?;
    let mut row = 8;
    ws.write_string_with_format(row, 0, "Процедура", &st.head)?;
    for (i, y) in r.years.iter().enumerate() {
        ws.write_string_with_format(row, i as u16 + 1, y.to_string(), &st.head)?;
    }
    for p in &id.table {
        row += 1;
        let label = if p.counted {
            p.label.clone()
        } else {
            format!("{} (не учитывается)", p.label)
        };
        ws.write_string_with_format(row, 0, &label, &st.cell)?;
        for (i, c) in p.cells.iter().enumerate() {
            let f = if c.state == CellState::Low {
                &st.low
            } else {
                &st.num
            };
            let mut text = c.text.clone();
            if c.state == CellState::Low {
                text.push_str(" — низкий");
            }
            ws.write_string_with_format(row, i as u16 + 1, &text, f)?;
        }
    }
    row += 2;
    let s = &r.settings;
    let settings = format!(
        "Настройки: условия объединены через {}; Условие 2 {}; пересдача {}; порог стабильной динамики {} п.п.",
        if s.combine == crate::core::method::identify::Combine::Or { "ИЛИ" } else { "И" },
        if s.same_procedure { "по одной и той же процедуре" } else { "по любым процедурам" },
        if s.use_retakes { "учитывается" } else { "не учитывается" },
        crate::core::ru::number(s.stable_threshold_pp)
    );
    ws.merge_range(row, 0, row, last_col.max(1), &settings, &st.text_box)?;
    // Edition 2: the cells that decide the status, and how to leave the list.
    let mut block = |title: &str, lines: Vec<String>, row: &mut u32| -> Result<(), XlsxError> {
        if lines.is_empty() {
            return Ok(());
        }
        *row += 2;
        ws.write_string_with_format(*row, 0, title, &st.bold)?;
        for l in lines {
            *row += 1;
            ws.merge_range(*row, 0, *row, last_col.max(1), &l, &st.cell)?;
        }
        Ok(())
    };
    block(
        "Статус решают незаполненные ячейки",
        id.deciding_missing.iter().map(|d| d.text.clone()).collect(),
        &mut row,
    )?;
    let mut leave: Vec<String> = id.leave_note.iter().cloned().collect();
    leave.extend(id.ceilings.iter().map(|c| c.text.clone()));
    block("Как выйти из списка", leave, &mut row)?;
    Ok(())
}

fn dtk_sheet(
    ws: &mut Worksheet,
    r: &Report,
    pairs: &[PairText],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name("ДТК")?;
    a4(ws, true);
    let years = r.years.len() as u16;
    let dyn_col = years + 2;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 60)?;
    for c in 2..dyn_col {
        ws.set_column_width(c, 18)?;
    }
    ws.set_column_width(dyn_col, 24)?;
    ws.write_string_with_format(
        0,
        1,
        "Диагностико-технологическая карта качества школьных процессов",
        &st.title,
    )?;
    ws.write_string(
        1,
        1,
        &*fit(r.school.name.as_deref().unwrap_or("Школа без названия")),
    )?;
    let place: Vec<&str> = [r.school.municipality.as_deref(), r.school.region.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    ws.write_string(2, 1, &*fit(&place.join(", ")))?;
    // The header row the reader looks for: код, показатель, учебные годы.
    let head_row = 4;
    ws.write_string_with_format(head_row, 0, "код", &st.head)?;
    ws.write_string_with_format(head_row, 1, "показатель", &st.head)?;
    for (i, y) in r.years.iter().enumerate() {
        ws.write_string_with_format(head_row, i as u16 + 2, y.to_string(), &st.head)?;
    }
    ws.write_string_with_format(head_row, dyn_col, "динамика", &st.head)?;
    // Blocks 3.2–3.4 described in words: two more columns, named as the reader expects them.
    let described = r.indicators.iter().any(|i| i.description.is_some());
    if described {
        ws.write_string_with_format(head_row, dyn_col + 1, "Описание", &st.head)?;
        ws.write_string_with_format(head_row, dyn_col + 2, "Дата мониторинга", &st.head)?;
        ws.set_column_width(dyn_col + 1, 48)?;
        ws.set_column_width(dyn_col + 2, 14)?;
    }
    ws.set_repeat_rows(head_row, head_row)?;
    ws.set_freeze_panes(head_row + 1, 2)?;
    let mut row = head_row + 1;
    // Metadata rows, so the sheet re-opens as the same school.
    for (code, v) in r.school.fields() {
        if let Some(ind) = catalogue::find(code) {
            ws.write_string_with_format(row, 0, code, &st.cell)?;
            ws.write_string_with_format(row, 1, ind.label, &st.cell)?;
            ws.write_string_with_format(row, 2, &*fit(v), &st.cell)?;
            row += 1;
        }
    }
    for section in SECTIONS {
        row += 1;
        // The section number in the code column is skipped by the reader as a heading.
        ws.write_string_with_format(row, 0, section.number, &st.section)?;
        ws.merge_range(row, 1, row, dyn_col, &section.heading(), &st.section)?;
        row += 1;
        let mut last_group = None;
        for ind in r.indicators.iter().filter(|i| i.section == section.id) {
            let cat = catalogue::find(&ind.code);
            let group = cat.and_then(|c| c.group);
            if group.is_some() && group != last_group {
                ws.merge_range(row, 1, row, dyn_col, group.unwrap_or_default(), &st.group)?;
                row += 1;
            }
            last_group = group;
            let label = if ind.computed {
                format!("{} (расчёт)", ind.row_label)
            } else if group.is_some() {
                ind.row_label.clone()
            } else {
                ind.label.clone()
            };
            ws.write_string_with_format(row, 0, &ind.code, &st.cell)?;
            ws.write_string_with_format(row, 1, &label, &st.cell)?;
            for (i, y) in r.years.iter().enumerate() {
                let v = ind.raw.get(y).cloned().unwrap_or(Value::Missing);
                // Shares of counts as «36,7 % (11/30)»: readable, and exact when read back.
                let text = match &v {
                    Value::Ratio { .. } | Value::Percent { .. } => ind.display[y].clone(),
                    _ => canonical(&v),
                };
                // The one «is it low» of identification (a share as counts or as a percent).
                let low = cat.is_some_and(|c| c.procedure.is_some())
                    && crate::core::method::identify::is_low_value(&v);
                let f = if low {
                    &st.low
                } else if ind.kind == Kind::Text {
                    &st.cell
                } else {
                    &st.num
                };
                ws.write_string_with_format(row, i as u16 + 2, &*fit(&text), f)?;
            }
            let d = ind
                .dynamics
                .as_ref()
                .map(|d| format!("{} {} ({})", d.arrow(), d.label(), d.delta_text()))
                .unwrap_or_default();
            ws.write_string_with_format(row, dyn_col, &d, &st.cell)?;
            if let Some(desc) = &ind.description {
                ws.write_string_with_format(row, dyn_col + 1, &*fit(&desc.text), &st.cell)?;
                let date = desc.date.as_deref().unwrap_or_default();
                ws.write_string_with_format(row, dyn_col + 2, &*fit(date), &st.cell)?;
            }
            row += 1;
        }
        if let Some(t) = catalogue::rules_pair_ending_at(section.id)
            .and_then(|p| pairs.iter().find(|t| t.id == p.id))
        {
            let problems = if t.problems.is_empty() {
                "Не выявлена.".to_string()
            } else {
                t.problems
                    .iter()
                    .map(|p| format!("• {p}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            for (title, text) in [("Вывод", &t.conclusion), ("Проблема", &problems)] {
                // The text sits in the label column (merged to the right), so the reader sees
                // a row without a code and without values and skips it.
                ws.write_string_with_format(row, 0, "", &st.label)?;
                ws.merge_range(
                    row,
                    1,
                    row,
                    dyn_col,
                    &fit(&format!("{title}: {text}")),
                    &st.text_box,
                )?;
                let lines = text.chars().count() / 140 + text.lines().count();
                ws.set_row_height(row, (15 * lines.max(1)).min(400) as f64)?;
                row += 1;
            }
        }
    }
    Ok(())
}

/// The most characters an Excel cell holds.
pub const XLSX_CELL_CHARS: usize = 32_767;

/// A text as it fits one Excel cell: over [`XLSX_CELL_CHARS`] it is cut, with a note saying so
/// (the whole text stays in the page, the JSON export and the printed report) — rather than
/// the whole workbook failing.
pub fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    const NOTE: &str = " … [текст обрезан: в ячейке Excel помещается не больше 32 767 знаков; полностью он есть в отчёте на странице, при печати и в выгрузке JSON]";
    if text.chars().count() <= XLSX_CELL_CHARS {
        return text.into();
    }
    let keep = XLSX_CELL_CHARS - NOTE.chars().count();
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(NOTE);
    out.into()
}

/// The filled ДТК as an XLSX workbook: «Идентификация» and «ДТК» (which re-opens in the
/// calculator as the same school). `date` is the calculation date «24.11.2026».
pub fn report_xlsx(report: &Report, edits: &Edits, date: &str) -> Result<Vec<u8>, String> {
    let pairs = edited_pairs(report, edits);
    let st = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(date));
    identification_sheet(wb.add_worksheet(), report, &st).map_err(|e| e.to_string())?;
    dtk_sheet(wb.add_worksheet(), report, &pairs, &st).map_err(|e| e.to_string())?;
    wb.save_to_buffer()
        .map_err(|e| format!("не удалось собрать XLSX: {e}"))
}

/// The empty template as XLSX: sheet «ДТК» with codes, the form's wording and the years.
pub fn template_xlsx(years: &[Year], date: &str) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let st = Styles::new();
        let text = st.cell.clone().set_num_format("@");
        let mut wb = Workbook::new();
        wb.set_properties(&properties(date));
        let ws = wb.add_worksheet();
        ws.set_name("ДТК")?;
        a4(ws, true);
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 70)?;
        let mut years = years.to_vec();
        years.sort();
        years.dedup();
        ws.write_string_with_format(0, 0, "код", &st.head)?;
        ws.write_string_with_format(0, 1, "показатель", &st.head)?;
        for (i, y) in years.iter().enumerate() {
            ws.set_column_width(i as u16 + 2, 16)?;
            ws.write_string_with_format(0, i as u16 + 2, y.to_string(), &st.head)?;
        }
        ws.set_freeze_panes(1, 2)?;
        ws.write_string(1, 1, template::HINT)?;
        // Rows 0 and 1 are the header and the hint.
        for (row, line) in (2..).zip(template::lines()) {
            match line {
                template::Line::Section(number, heading) => {
                    ws.write_string_with_format(row, 0, number, &st.section)?;
                    ws.write_string_with_format(row, 1, heading, &st.section)?;
                }
                template::Line::Indicator(code, label) => {
                    ws.write_string_with_format(row, 0, code, &st.cell)?;
                    ws.write_string_with_format(row, 1, label, &st.cell)?;
                    // Share cells are Text («@»): Excel keeps «2/8» as typed instead of making
                    // it the 2nd of August, and «36,7 %» as written.
                    let share = catalogue::find(code).is_some_and(|i| i.kind == Kind::Share);
                    let format = if share { &text } else { &st.cell };
                    for i in 0..years.len() {
                        ws.write_blank(row, i as u16 + 2, format)?;
                    }
                }
            }
        }
        wb.save_to_buffer()
    };
    build().map_err(|e| format!("не удалось собрать XLSX: {e}"))
}
