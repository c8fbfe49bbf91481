//! The protocol analysis as an XLSX workbook: one sheet per protocol (marks per school and
//! class, the indicators, the tasks, the journal comparison) and «Замечания». In: analyses
//! and the calculation date (the core reads no clock); out: bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::super::ru;
use super::analysis::{Analysis, Group};
use super::text::{journal_sentence, weak_sentence};

/// A sheet name Excel accepts: ≤ 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(title: &str, used: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.contains(&name) || name.trim().is_empty() {
        name = format!("{} {n}", clean.chars().take(25).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

/// A cell written as text is inert; one that starts like a formula gets a leading apostrophe
/// in CSV — here rust_xlsxwriter writes strings as strings, never as formulas.
fn group_rows(
    ws: &mut Worksheet,
    row: &mut u32,
    g: &Group,
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(*row, 0, &g.label, bold)?;
    *row += 1;
    let m = &g.marks;
    let lines: Vec<(&str, String)> = vec![
        ("участников", g.participants.to_string()),
        ("отсутствовали", g.absent.to_string()),
        (
            "«2»",
            format!("{} ({})", m.n2, ru::percent(g.mark_percent[0])),
        ),
        (
            "«3»",
            format!("{} ({})", m.n3, ru::percent(g.mark_percent[1])),
        ),
        (
            "«4»",
            format!("{} ({})", m.n4, ru::percent(g.mark_percent[2])),
        ),
        (
            "«5»",
            format!("{} ({})", m.n5, ru::percent(g.mark_percent[3])),
        ),
    ];
    for (k, v) in lines {
        ws.write_string(*row, 0, k)?;
        ws.write_string(*row, 1, v)?;
        *row += 1;
    }
    let numbers = [
        ("доля «2», %", g.share2),
        ("общая успеваемость, %", g.success),
        ("качественная успеваемость, %", g.quality),
        ("средний балл", g.mean),
        ("СОУ, %", g.sou),
    ];
    for (k, v) in numbers {
        ws.write_string(*row, 0, k)?;
        ws.write_number(*row, 1, (v * 10.0).round() / 10.0)?;
        *row += 1;
    }
    ws.write_string_with_format(*row, 0, "задание", bold)?;
    ws.write_string_with_format(*row, 1, "максимум", bold)?;
    ws.write_string_with_format(*row, 2, "% от максимума", bold)?;
    *row += 1;
    for t in &g.tasks {
        ws.write_string(*row, 0, &t.name)?;
        ws.write_number(*row, 1, t.max)?;
        if let Some(p) = t.percent {
            ws.write_number(*row, 2, (p * 10.0).round() / 10.0)?;
        }
        *row += 1;
    }
    ws.write_string(*row, 0, weak_sentence(g))?;
    *row += 1;
    if let Some(j) = &g.journal {
        for (k, v) in [
            ("понизили (ВПР ниже журнала)", j.lower),
            ("подтвердили", j.same),
            ("повысили (ВПР выше журнала)", j.higher),
            ("без отметки в журнале", j.without),
        ] {
            ws.write_string(*row, 0, k)?;
            ws.write_number(*row, 1, v)?;
            *row += 1;
        }
        ws.write_string(*row, 0, journal_sentence(j))?;
        *row += 1;
    }
    *row += 1;
    Ok(())
}

/// The analyses as one workbook. `date` is «30.11.2026».
pub fn analysis_xlsx(analyses: &[Analysis], date: &str) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let parts: Vec<u16> = date.split('.').filter_map(|p| p.parse().ok()).collect();
        let mut props = DocProperties::new()
            .set_title("Анализ протоколов ВПР")
            .set_author("ДТК-калькулятор");
        if let [d, m, y] = parts.as_slice() {
            if let Ok(w) = ExcelDateTime::from_ymd(*y, *m as u8, *d as u8) {
                props = props.set_creation_datetime(&w);
            }
        }
        wb.set_properties(&props);
        let bold = Format::new().set_bold();
        let mut used = Vec::new();
        for a in analyses {
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name(&a.title, &mut used))?;
            ws.set_paper_size(9);
            ws.set_print_fit_to_pages(1, 0);
            ws.set_column_width(0, 40)?;
            ws.set_column_width(1, 16)?;
            ws.set_column_width(2, 16)?;
            let mut row = 0;
            ws.write_string_with_format(row, 0, format!("ВПР: {}", a.title), &bold)?;
            row += 1;
            if let Some(f) = &a.file {
                ws.write_string(row, 0, format!("Протокол «{f}»"))?;
                row += 1;
            }
            ws.write_string(
                row,
                0,
                format!(
                    "Шкала: {} (источник: {})",
                    a.scale.describe(a.max_total),
                    a.scale.source
                ),
            )?;
            row += 2;
            for s in &a.schools {
                ws.write_string_with_format(row, 0, s.school.title(), &bold)?;
                row += 1;
                group_rows(ws, &mut row, &s.total, &bold)?;
                if s.classes.len() > 1 {
                    for c in &s.classes {
                        group_rows(ws, &mut row, c, &bold)?;
                    }
                }
            }
        }
        let ws = wb.add_worksheet();
        ws.set_name("Замечания")?;
        ws.set_column_width(0, 120)?;
        let mut row = 0;
        for a in analyses {
            for d in &a.diagnostics {
                ws.write_string(row, 0, d.to_string())?;
                row += 1;
            }
        }
        if row == 0 {
            ws.write_string(0, 0, "замечаний нет")?;
        }
        wb.save_to_buffer()
    };
    build().map_err(|e| format!("не удалось собрать XLSX: {e}"))
}
