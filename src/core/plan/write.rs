//! Saving a plan: CSV (UTF-8 with BOM, `;`, CRLF; blocks `[План]`, `[Профиль рисков]`,
//! `[Программы]`, `[Дорожная карта]`) and XLSX (sheets of the same names, the road map A4
//! landscape). Both re-open through `read::read_bytes` as the same plan (plans.md §5).
//!
//! CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
//! leading apostrophe; the reader takes it off again.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::model::{Plan, Profile};
use crate::core::risk_factors::RISK_FACTORS;

/// The sheet (and CSV block) names.
pub const SHEET_ROADMAP: &str = "Дорожная карта";
pub const SHEET_PROFILE: &str = "Профиль рисков";
pub const SHEET_PROGRAMMES: &str = "Программы";
pub const SHEET_HEADER: &str = "План";
pub const SHEET_CARD: &str = "Карта МОУО";
pub const SHEET_PRACTICES: &str = "Практики";

/// The road map as rows: header, then section headings and measures as the seeds lay them out.
pub fn roadmap_rows(plan: &Plan) -> Vec<Vec<String>> {
    let dates = plan.all_dates();
    let mut head: Vec<String> = [
        "№",
        "Мероприятие",
        "Срок",
        "Ответственный",
        "Ожидаемый результат",
        "Программа",
        "Факторы риска",
    ]
    .map(String::from)
    .to_vec();
    head.extend(dates.iter().map(|d| format!("Исполнение на {d}")));
    head.push("Комментарий".to_string());
    head.extend(plan.extra_columns.iter().cloned());
    let width = head.len();
    let mut rows = vec![head];
    let mut section = "";
    for m in &plan.measures {
        if !m.section.is_empty() && m.section != section {
            let mut r = vec![String::new(); width];
            r[0] = m.section.clone();
            rows.push(r);
        }
        section = &m.section;
        let mut r = vec![
            m.number.clone(),
            m.text.clone(),
            m.deadline.clone(),
            m.responsible.clone(),
            m.result.clone(),
            m.programme.clone(),
            m.factors
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ];
        r.extend(dates.iter().map(|d| {
            m.marks
                .iter()
                .find(|(md, _)| md == d)
                .map(|(_, k)| k.text())
                .unwrap_or_default()
        }));
        r.push(m.comment.clone());
        r.extend(
            (0..plan.extra_columns.len()).map(|k| m.extra.get(k).cloned().unwrap_or_default()),
        );
        rows.push(r);
    }
    rows
}

/// The profiles as rows: № | Фактор риска | one column per questionnaire.
pub fn profile_rows(profiles: &[Profile]) -> Vec<Vec<String>> {
    let mut head = vec!["№".to_string(), "Фактор риска".to_string()];
    head.extend(profiles.iter().map(|p| match p.date {
        Some(d) => d.to_string(),
        None => "Уровень".to_string(),
    }));
    let mut rows = vec![head];
    for f in RISK_FACTORS {
        let mut r = vec![f.number.to_string(), f.name.to_string()];
        r.extend(profiles.iter().map(|p| {
            p.levels
                .get(&f.number)
                .map(|l| l.word().to_string())
                .unwrap_or_default()
        }));
        rows.push(r);
    }
    rows
}

fn programme_rows(plan: &Plan) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "Программа",
        "Фактор риска",
        "Цель",
        "Задачи",
        "Ожидаемый результат",
        "Показатель",
        "Целевое значение",
    ]
    .map(String::from)
    .to_vec()];
    for p in &plan.programmes {
        rows.push(vec![
            p.title.clone(),
            p.factor.map(|n| n.to_string()).unwrap_or_default(),
            p.goal.clone(),
            p.tasks.clone(),
            p.expected.clone(),
            p.indicator.clone(),
            p.target.clone(),
        ]);
    }
    rows
}

fn header_rows(plan: &Plan) -> Vec<Vec<String>> {
    let h = &plan.header;
    let dates = plan
        .dates
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    [
        ("Наименование", h.name.clone()),
        ("Уровень", h.level.word().to_string()),
        ("Организация", h.organisation.clone()),
        ("Период", h.period.clone()),
        ("Утверждение", h.approval.clone()),
        ("Ответственный", h.responsible.clone()),
        ("Контакты", h.contact.clone()),
        ("Даты мониторинга", dates),
    ]
    .into_iter()
    .map(|(k, v)| vec![k.to_string(), v])
    .collect()
}

fn card_rows(plan: &Plan) -> Vec<Vec<String>> {
    let yn = |v: Option<bool>| v.map_or("", |b| if b { "да" } else { "нет" }).to_string();
    let mut rows = vec![[
        "ОО",
        "Внутришкольная система",
        "ИОМ",
        "Дополнительные занятия",
    ]
    .map(String::from)
    .to_vec()];
    rows.extend(plan.card.schools.iter().map(|s| {
        vec![
            s.school.clone(),
            yn(s.prevention),
            yn(s.routes),
            yn(s.lessons),
        ]
    }));
    rows
}

fn practice_rows(plan: &Plan) -> Vec<Vec<String>> {
    let mut rows = vec![["ОО", "Мероприятие", "Формат"].map(String::from).to_vec()];
    rows.extend(
        plan.card
            .practices
            .iter()
            .map(|p| vec![p.school.clone(), p.event.clone(), p.format.clone()]),
    );
    rows
}

/// A CSV cell: the one CSV writer's (`table::csv_field`: quoted when needed, guarded against
/// formula injection, a negative number left a number).
pub fn csv_cell(s: &str) -> String {
    crate::core::read::table::csv_field(s)
}

/// Takes off the guard `csv_cell` put before a formula-like cell (`table::unguard`).
pub use crate::core::read::table::unguard;

/// The plan as CSV.
pub fn to_csv(plan: &Plan) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let parts = [
        (SHEET_HEADER, header_rows(plan)),
        (SHEET_PROFILE, profile_rows(&plan.profiles)),
        (SHEET_PROGRAMMES, programme_rows(plan)),
        (SHEET_ROADMAP, roadmap_rows(plan)),
        (SHEET_CARD, card_rows(plan)),
        (SHEET_PRACTICES, practice_rows(plan)),
    ];
    for (name, rows) in parts {
        out.push_str(&format!("[{name}]\r\n"));
        for r in rows {
            out.push_str(&r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(";"));
            out.push_str("\r\n");
        }
    }
    out.into_bytes()
}

/// The plan as XLSX. `date` («24.11.2026») is the workbook's creation date, so the core
/// reads no clock.
pub fn to_xlsx(plan: &Plan, date: &str) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        wb.set_properties(&crate::core::report::export::properties(date));
        let head = Format::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let parts = [
            (SHEET_ROADMAP, roadmap_rows(plan), true),
            (SHEET_PROFILE, profile_rows(&plan.profiles), false),
            (SHEET_PROGRAMMES, programme_rows(plan), true),
            (SHEET_HEADER, header_rows(plan), false),
            (SHEET_CARD, card_rows(plan), false),
            (SHEET_PRACTICES, practice_rows(plan), false),
        ];
        for (name, rows, landscape) in parts {
            let ws = wb.add_worksheet();
            ws.set_name(name)?;
            ws.set_paper_size(9);
            if landscape {
                ws.set_landscape();
            }
            ws.set_print_fit_to_pages(1, 0);
            for (i, r) in rows.iter().enumerate() {
                let f = if i == 0 && name != SHEET_HEADER {
                    &head
                } else {
                    &cell
                };
                for (j, v) in r.iter().enumerate() {
                    ws.write_string_with_format(i as u32, j as u16, v, f)?;
                }
            }
            let widths: &[f64] = match name {
                SHEET_ROADMAP => &[7.0, 60.0, 18.0, 28.0, 28.0, 24.0, 10.0],
                SHEET_PROFILE => &[5.0, 70.0, 14.0, 14.0],
                SHEET_HEADER => &[22.0, 70.0],
                _ => &[30.0, 10.0, 30.0, 30.0, 30.0, 24.0, 14.0],
            };
            for (j, w) in widths.iter().enumerate() {
                ws.set_column_width(j as u16, *w)?;
            }
        }
        wb.save_to_buffer()
    };
    build().map_err(|e| format!("не удалось записать XLSX: {e}"))
}
