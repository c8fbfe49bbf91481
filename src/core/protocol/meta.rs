//! What a protocol says about itself beyond its rows: the subject and grade (the textbook code
//! of «Классы», else the pupils' codes and the task names, else the file name) and the school
//! year of the upload date. In: the workbook's sheets; out: fields of the [`Protocol`], and a
//! diagnostic for whatever could not be told (the page then asks, with the guess preselected).

use super::super::cell::{normalize_label, Textbook};
use super::super::model::{Diagnostic, DiagnosticKind, Diagnostics, Severity, Year};
use super::super::table::Table;
use super::model::{Protocol, Subject};

/// Subject and grade: the textbook code on «Классы» (`ma5.8` → mathematics, 5), else the
/// pupils' codes (50001 → grade 5) and the task names («1К1» is Russian), else the file name.
pub(super) fn identify(
    p: &mut Protocol,
    sheets: &[(String, Table)],
    file: Option<&str>,
    diags: &mut Diagnostics,
) {
    let mut by = Vec::new();
    for (_, t) in sheets {
        let Some((i, c)) = t.rows.iter().take(30).enumerate().find_map(|(i, r)| {
            r.cells
                .iter()
                .position(|c| normalize_label(c) == "основной учебник по предмету")
                .map(|c| (i, c))
        }) else {
            continue;
        };
        let Some(code) = t.rows[i + 1..]
            .iter()
            .map(|r| r.get(c).trim())
            .find(|v| !v.is_empty())
        else {
            continue;
        };
        let Textbook {
            head,
            letters,
            grade,
        } = Textbook::of(code);
        let subject = match letters.as_str() {
            "ma" => Some(Subject::Math),
            "ru" => Some(Subject::Rus),
            "" => None,
            other => Some(Subject::Other(other.to_string())),
        };
        if let Some(s) = subject {
            p.subject = s;
            p.grade = grade;
            by.push(format!("учебник {} на листе «Классы»", head));
        }
        // A protocol year can also be read from «Классы».
        if p.year.is_none() {
            if let Some(dc) = t.rows[i]
                .cells
                .iter()
                .position(|c| normalize_label(c) == "дата загрузки")
            {
                p.year = t.rows[i + 1..]
                    .iter()
                    .find_map(|r| Year::of_date(r.get(dc)));
            }
        }
        break;
    }
    if p.grade.is_none() {
        // ФИС ОКО numbers pupils «50001…» in grade 5, «60001…» in grade 6.
        // By bytes: a five-byte code may start with a Cyrillic letter (two bytes), where a
        // string slice `[..1]` would panic (found by tests/protocol_fuzz.rs).
        let grade = p.pupils.iter().find_map(|x| {
            let code = x.code.as_bytes();
            (code.len() == 5 && code[0].is_ascii_digit()).then(|| u32::from(code[0] - b'0'))
        });
        if let Some(g) = grade.filter(|g| (4..=9).contains(g)) {
            p.grade = Some(g);
            by.push("коды участников".to_string());
        }
    }
    let name = file.map(str::to_lowercase).unwrap_or_default();
    if matches!(p.subject, Subject::Other(ref s) if s.is_empty()) {
        if p.tasks.iter().any(|t| t.name.contains('К'))
            || name.contains("rus")
            || name.contains("русск")
        {
            p.subject = Subject::Rus;
            by.push("задания и имя файла".to_string());
        } else if name.contains("math") || name.contains("mat") || name.contains("матем") {
            p.subject = Subject::Math;
            by.push("имя файла".to_string());
        } else {
            diags.push(Diagnostic::general(
                Severity::Warning,
                DiagnosticKind::NotIdentified,
                "предмет не определён: на листе «Классы» нет кода учебника — выберите предмет",
            ));
        }
    }
    if p.grade.is_none() {
        diags.push(Diagnostic::general(
            Severity::Warning,
            DiagnosticKind::NotIdentified,
            "класс (параллель) не определён — выберите его",
        ));
    }
    if p.year.is_none() {
        diags.push(Diagnostic::general(
            Severity::Warning,
            DiagnosticKind::NotIdentified,
            "учебный год не определён: в протоколе нет даты загрузки — выберите год",
        ));
    }
    p.identified_by = by.join(", ");
}
