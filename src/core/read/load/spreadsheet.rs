//! Spreadsheets and protocols: workbook bytes in; the first sheet with a format-A, B or C
//! header read through `load_table` (or why none was) out. Also recognises a ФИС ОКО protocol of
//! ВПР by its header, for CSV exports as well as workbooks, so the user is told what the file is.

use crate::core::model::{Diagnostic, DiagnosticKind, Diagnostics, Severity, Year};
use crate::core::read::cell::{normalize_label, Textbook};
use crate::core::read::sheet::{self, SheetError};
use crate::core::read::table::Table;

use super::{load_table, LoadError, LoadOptions, Loaded, ProtocolInfo};

/// Reads a spreadsheet (XLSX, XLSB, XLS, ODS): the sheet named «ДТК» or «Результаты» if there
/// is one, else the first sheet in which a header of format A or B is found. Diagnostics carry
/// the sheet's name; rows are the spreadsheet's row numbers.
pub fn load_spreadsheet(bytes: &[u8], options: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut book = sheet::open(bytes)?;
    let kind = book.kind();
    let all_names = book.sheet_names().to_vec();
    let mut unreadable: Vec<Diagnostic> = Vec::new();
    let mut protocol: Option<ProtocolInfo> = None;
    let mut unrecognized: Option<LoadError> = None;
    // A recognised sheet without a single value is kept only in case no better one follows
    // (an empty template in front of the filled one).
    let mut empty_match: Option<(String, Loaded)> = None;
    let mut found: Option<(String, Loaded)> = None;
    for name in book.candidates() {
        let table = match book.table(&name) {
            Ok(t) => t,
            Err(SheetError::Budget(b)) => return Err(LoadError::Budget(b)),
            Err(e) => {
                let detail = match e {
                    SheetError::Corrupt { detail, .. } => detail,
                    other => other.to_string(),
                };
                let mut d = Diagnostic::general(
                    Severity::Warning,
                    DiagnosticKind::UnreadableSheet,
                    format!("лист не удалось прочитать ({detail}); он пропущен"),
                );
                d.sheet = Some(name.clone());
                unreadable.push(d);
                continue;
            }
        };
        if table.table.rows.is_empty() {
            continue;
        }
        let mut diags = Diagnostics::default();
        if table.far_cells > 0 {
            diags.push(Diagnostic::general(
                Severity::Warning,
                DiagnosticKind::FarCells,
                format!(
                    "{} правее столбца AMJ ({}-го) не прочитаны: в формах калькулятора столько столбцов не бывает — скорее всего, там случайные значения",
                    crate::core::ru::count(table.far_cells as u64, "ячейка", "ячейки", "ячеек"),
                    sheet::MAX_COLUMNS
                ),
            ));
        }
        match load_table(&table.table, diags) {
            Ok(loaded) if loaded.schools.iter().all(|s| s.cells.is_empty()) => {
                if empty_match.is_none() {
                    empty_match = Some((name, loaded));
                }
            }
            Ok(loaded) => {
                found = Some((name, loaded));
                break;
            }
            Err(LoadError::Budget(b)) => return Err(LoadError::Budget(b)),
            Err(LoadError::Protocol(p)) => protocol.get_or_insert_with(Default::default).merge(p),
            Err(LoadError::Unrecognized { first_row, .. }) => {
                unrecognized.get_or_insert(LoadError::Unrecognized {
                    first_row,
                    sheet: Some(name),
                });
            }
            Err(e) => {
                unrecognized.get_or_insert(e);
            }
        }
    }
    let Some((name, mut loaded)) = found.or(empty_match) else {
        if let Some(p) = protocol {
            return Err(LoadError::Protocol(p));
        }
        if let Some(e) = unrecognized {
            return Err(e);
        }
        if !unreadable.is_empty() {
            return Err(LoadError::Sheet(SheetError::Corrupt {
                kind: kind.label(),
                detail: unreadable
                    .iter()
                    .map(|d| d.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            }));
        }
        return Err(LoadError::Empty);
    };
    for d in &mut loaded.diagnostics {
        d.sheet = Some(name.clone());
    }
    if all_names.len() > 1 {
        let list: Vec<String> = all_names.iter().map(|n| format!("«{n}»")).collect();
        let mut note = Diagnostic::general(
            Severity::Info,
            DiagnosticKind::SheetChosen,
            format!(
                "прочитан лист «{name}»; в книге {}: {}",
                crate::core::ru::count(all_names.len() as u64, "лист", "листа", "листов"),
                list.join(", ")
            ),
        );
        note.sheet = Some(name.clone());
        loaded.diagnostics.insert(0, note);
    }
    loaded.diagnostics.extend(unreadable);
    for d in &mut loaded.diagnostics {
        d.file = options.file_name.clone();
    }
    loaded.info.file_name = options.file_name.clone();
    loaded.info.spreadsheet = Some(kind);
    loaded.info.sheet = Some(name);
    Ok(loaded)
}

/// Recognises a ФИС ОКО protocol of ВПР by its header: the «Протокол» sheet has «Итого баллов»
/// and task columns «1 (1б)», «11.2 (1б)», «1К1 (4б)»; the «Классы» sheet has «Основной
/// учебник по предмету». Looks at the first 30 rows, like the format headers.
pub(super) fn protocol_of(table: &Table) -> Option<ProtocolInfo> {
    let is_task = |c: &str| {
        let c = c.trim();
        c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
            && c.strip_suffix("б)").is_some_and(|rest| {
                rest.rsplit_once('(').is_some_and(|(_, n)| {
                    !n.is_empty() && n.trim().chars().all(|d| d.is_ascii_digit())
                })
            })
    };
    for (i, row) in table.rows.iter().take(30).enumerate() {
        let names: Vec<String> = row.cells.iter().map(|c| normalize_label(c)).collect();
        let col = |n: &str| names.iter().position(|c| c == n);
        let tasks = row.cells.iter().filter(|c| is_task(c)).count();
        let protocol_sheet =
            col("итого баллов").is_some() && (col("вариант").is_some() || tasks >= 3);
        let classes_sheet = col("основной учебник по предмету").is_some()
            || (col("пользователь").is_some() && col("код региона").is_some());
        if !protocol_sheet && !classes_sheet {
            continue;
        }
        let mut info = ProtocolInfo::default();
        let data = &table.rows[i + 1..];
        if let Some(c) = col("школа") {
            for r in data {
                let s = r.get(c).trim();
                if !s.is_empty() && !info.schools.iter().any(|k| k == s) {
                    info.schools.push(s.to_string());
                }
            }
        }
        if protocol_sheet {
            info.pupils = data.len();
            if let Some(c) = col("вариант") {
                info.absent = data
                    .iter()
                    .filter(|r| normalize_label(r.get(c)).starts_with("отсутств"))
                    .count();
            }
        }
        if let Some(c) = col("дата загрузки") {
            // «17.03.2022 05:09:18»: spring 2022 is the school year 2021-2022.
            info.year = data.iter().find_map(|r| Year::of_date(r.get(c)));
        }
        if let Some(c) = col("основной учебник по предмету") {
            // «ma5.8 | 1.2.4.1.8.1 | Мерзляк…»: subject and grade are the code's prefix.
            if let Some(code) = data.iter().map(|r| r.get(c).trim()).find(|t| !t.is_empty()) {
                let book = Textbook::of(code);
                info.subject = match book.letters.as_str() {
                    "ma" => Some("математика"),
                    "ru" => Some("русский язык"),
                    _ => None,
                };
                info.grade = book.grade;
            }
        }
        return Some(info);
    }
    None
}
