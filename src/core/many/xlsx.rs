//! The municipal report as an XLSX workbook (municipal.md §2 «Print (A4) and XLSX export»):
//! «Сводка» (statuses by municipality, the regional indicators, clusters), «Показатели» (every
//! indicator over the set by year, with the method and dynamics), «Школы» (each school against
//! the set: status, context, and for every indicator its value and rank), «Выводы». Written in
//! the page's worker, like the school's XLSX; every cell from a file is written as a string,
//! never as a formula.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::super::export::{a4, properties};
use super::super::identify::Status;
use super::super::ru;
use super::super::schools::Summary;
use super::text::value_text;
use super::Municipal;

struct Styles {
    head: Format,
    cell: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Styles {
            head: border(Format::new().set_bold().set_background_color("#E8EEF7"))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            cell: border(Format::new()).set_align(FormatAlign::Top),
            wrap: border(Format::new())
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }
}

fn row_of(ws: &mut Worksheet, row: u32, cells: &[String], f: &Format) -> Result<(), XlsxError> {
    for (c, text) in cells.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, text, f)?;
    }
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    s: &Summary,
    m: &Municipal,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name("Сводка")?;
    a4(ws, false);
    ws.set_column_width(0, 60)?;
    for c in 1..6 {
        ws.set_column_width(c, 14)?;
    }
    ws.write_string(0, 0, "Муниципальный отчёт по ДТК")?;
    let years: Vec<String> = m.years.iter().map(|y| y.to_string()).collect();
    ws.write_string(
        1,
        0,
        format!(
            "{}; учебные годы {}",
            ru::count(s.schools.len() as u64, "школа", "школы", "школ"),
            years.join(", ")
        ),
    )?;
    let mut row = 3;
    let head: Vec<String> = ["Муниципалитет", "Всего"]
        .iter()
        .map(|h| h.to_string())
        .chain(Status::ALL.iter().map(|st| st.label().to_string()))
        .collect();
    row_of(ws, row, &head, &st.head)?;
    row += 1;
    let counts = |c: &std::collections::BTreeMap<Status, usize>| -> Vec<String> {
        Status::ALL
            .iter()
            .map(|x| c.get(x).copied().unwrap_or(0).to_string())
            .collect()
    };
    for mc in &s.municipalities {
        let mut cells = vec![mc.municipality.clone(), mc.total.to_string()];
        cells.extend(counts(&mc.counts));
        row_of(ws, row, &cells, &st.cell)?;
        row += 1;
    }
    let mut cells = vec!["Итого".to_string(), s.schools.len().to_string()];
    cells.extend(counts(&s.counts));
    row_of(ws, row, &cells, &st.head)?;
    row += 2;
    row_of(
        ws,
        row,
        &[
            "Региональный показатель",
            "Доля",
            "Школ",
            "Из",
            "Нет данных",
        ]
        .map(String::from),
        &st.head,
    )?;
    row += 1;
    for r in &m.regional {
        let cells = [
            r.label.clone(),
            r.share.map(ru::percent).unwrap_or_else(|| "—".into()),
            r.yes.to_string(),
            r.of.to_string(),
            r.no_data.len().to_string(),
        ];
        row_of(ws, row, &cells, &st.wrap)?;
        row += 1;
    }
    row += 1;
    ws.write_string(row, 0, format!("Кластеры: {}", m.context.source.label()))?;
    row += 1;
    row_of(
        ws,
        row,
        &[
            "Кластер",
            "Школ",
            "ШНОР",
            "Зона риска",
            "Доля «2», медиана",
            "Доля «2», Σ",
        ]
        .map(String::from),
        &st.head,
    )?;
    row += 1;
    for c in &m.context.clusters {
        let cells = [
            c.cluster.label().to_string(),
            c.schools.len().to_string(),
            c.shnor.to_string(),
            c.risk.to_string(),
            c.median_result.map(ru::percent).unwrap_or_default(),
            c.pooled_result.map(ru::percent).unwrap_or_default(),
        ];
        row_of(ws, row, &cells, &st.cell)?;
        row += 1;
    }
    Ok(())
}

fn indicators_sheet(ws: &mut Worksheet, m: &Municipal, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Показатели")?;
    a4(ws, true);
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 60)?;
    let mut head = vec!["код".to_string(), "показатель".to_string()];
    for y in &m.years {
        head.push(format!("{y}: значение"));
        head.push(format!("{y}: как получено"));
        head.push(format!("{y}: медиана (мин–макс), школ"));
    }
    head.push("динамика".to_string());
    row_of(ws, 0, &head, &st.head)?;
    ws.set_freeze_panes(1, 2)?;
    for (row, p) in (1..).zip(&m.indicators) {
        let mut cells = vec![p.code.clone(), p.label.clone()];
        for y in &m.years {
            match p.years.iter().find(|x| x.year == *y) {
                Some(x) => {
                    cells.push(value_text(p, x.value));
                    cells.push(x.method.label().to_string());
                    cells.push(format!(
                        "{} ({}–{}), {}",
                        value_text(p, x.median),
                        value_text(p, x.min),
                        value_text(p, x.max),
                        x.schools
                    ));
                }
                None => cells.extend(["—".to_string(), String::new(), String::new()]),
            }
        }
        cells.push(
            p.dynamics
                .as_ref()
                .map(|d| format!("{} {} ({})", d.arrow, d.text, d.delta))
                .unwrap_or_default(),
        );
        row_of(ws, row, &cells, &st.wrap)?;
    }
    Ok(())
}

fn schools_sheet(
    ws: &mut Worksheet,
    s: &Summary,
    m: &Municipal,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name("Школы")?;
    a4(ws, true);
    ws.set_column_width(0, 40)?;
    let mut head: Vec<String> = [
        "ОО",
        "код ОО",
        "муниципалитет",
        "статус",
        "кластер",
        "индекс контекста",
        "доля «2», %",
        "место в кластере",
        "ШНСУ (проверить)",
        "резильентная",
    ]
    .map(String::from)
    .to_vec();
    let ranked: Vec<_> = m
        .indicators
        .iter()
        .filter(|p| p.standing.is_some())
        .collect();
    for p in &ranked {
        let y = p
            .standing
            .as_ref()
            .map(|x| x.year.to_string())
            .unwrap_or_default();
        head.push(format!("{} ({y})", p.code));
        head.push(format!("{}: место", p.code));
    }
    row_of(ws, 0, &head, &st.head)?;
    ws.set_freeze_panes(1, 1)?;
    let yes = |b: bool| if b { "да" } else { "" }.to_string();
    for (i, line) in s.schools.iter().enumerate() {
        let c = m.context.schools.get(i);
        let mut cells = vec![
            line.school.clone(),
            line.code.clone().unwrap_or_default(),
            line.municipality.clone().unwrap_or_default(),
            line.status.label().to_string(),
            c.and_then(|c| c.cluster)
                .map(|x| x.label().to_string())
                .unwrap_or_default(),
            c.and_then(|c| c.index)
                .map(|v| ru::decimal(v, 2))
                .unwrap_or_default(),
            c.and_then(|c| c.result).map(ru::number).unwrap_or_default(),
            c.and_then(|c| c.cluster_rank)
                .map(|r| r.to_string())
                .unwrap_or_default(),
            yes(c.is_some_and(|c| c.shnsu)),
            yes(c.is_some_and(|c| c.resilient)),
        ];
        for p in &ranked {
            let sd = p.standing.as_ref();
            let v = sd.and_then(|x| x.values.get(i).copied().flatten());
            let r = sd.and_then(|x| x.ranks.get(i).copied().flatten());
            let n = sd.map_or(0, |x| x.values.iter().flatten().count());
            cells.push(v.map(|v| value_text(p, v)).unwrap_or_default());
            cells.push(r.map(|r| format!("{r} из {n}")).unwrap_or_default());
        }
        row_of(ws, i as u32 + 1, &cells, &st.cell)?;
    }
    Ok(())
}

fn texts_sheet(ws: &mut Worksheet, m: &Municipal, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name("Выводы")?;
    a4(ws, false);
    ws.set_column_width(0, 40)?;
    ws.set_column_width(1, 110)?;
    let mut row = 0;
    for s in &m.sections {
        let problems = if s.problems.is_empty() {
            "не выявлена".to_string()
        } else {
            s.problems
                .iter()
                .map(|p| format!("• {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        for (title, text) in [("Вывод", &s.conclusion), ("Проблема", &problems)] {
            ws.write_string_with_format(row, 0, format!("{} — {title}", s.heading), &st.head)?;
            ws.write_string_with_format(row, 1, text, &st.wrap)?;
            let lines = text.chars().count() / 100 + text.lines().count();
            ws.set_row_height(row, (15 * lines.max(1)).min(400) as f64)?;
            row += 1;
        }
    }
    Ok(())
}

/// The workbook's bytes. `date` is the calculation date «24.11.2026» (the core reads no clock).
pub fn workbook(summary: &Summary, m: &Municipal, date: &str) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let st = Styles::new();
        let mut wb = Workbook::new();
        wb.set_properties(&properties(date));
        summary_sheet(wb.add_worksheet(), summary, m, &st)?;
        indicators_sheet(wb.add_worksheet(), m, &st)?;
        schools_sheet(wb.add_worksheet(), summary, m, &st)?;
        texts_sheet(wb.add_worksheet(), m, &st)?;
        wb.save_to_buffer()
    };
    build().map_err(|e| format!("не удалось собрать XLSX: {e}"))
}
