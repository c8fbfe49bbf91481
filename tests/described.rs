//! Blocks 3.2–3.4 as described state (formats.md A: «Blocks 3.2–3.4 may give one column
//! «Описание» (and a monitoring date) instead of school years»; domain.md §3: «Show the latest
//! value with its description and date»): read, reported, and written back by the CSV and XLSX
//! exports so the file re-opens the same.

use dtk_calc::core::export::{self, Edits};
use dtk_calc::core::identify::Settings;
use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::model::Described;
use dtk_calc::core::report;

const FILE: &str = "код;показатель;2021-2022;2022-2023;Описание;Дата мониторинга\n\
school.name;Наименование ОО;МБОУ «СОШ № 3»;;;\n\
contingent.ooo;Обучающихся ООО;205;198;много;\n\
vpr.math.5;ВПР математика 5;6/30;9/30;;\n\
diag.internal;Диагностика дефицитов;;45%;Диагностику прошли 9 из 20 педагогов (ИМЦ);15.09.2023\n\
support.methodical;Методическая работа;;;Все учителя в школьных МО;31.03.2024\n\
risk.programs_names;Наименования программ;;;«Учимся учиться»;весной\n";

fn described(text: &str, date: Option<&str>) -> Described {
    Described {
        text: text.to_string(),
        date: date.map(str::to_string),
    }
}

#[test]
fn descriptions_of_3_2_to_3_4_are_read_with_their_monitoring_date() {
    let l = load(FILE.as_bytes(), &LoadOptions::default()).unwrap();
    let s = &l.schools[0];
    assert_eq!(s.described.len(), 3, "{:?}", s.described);
    assert_eq!(
        s.described["diag.internal"],
        described(
            "Диагностику прошли 9 из 20 педагогов (ИМЦ)",
            Some("15.09.2023")
        )
    );
    // A description without any year value is still the indicator's state.
    assert_eq!(
        s.described["support.methodical"],
        described("Все учителя в школьных МО", Some("31.03.2024"))
    );
    // Outside 3.2–3.4 a description is said to be unused; a date that is not a date is said.
    let said = |part: &str| l.diagnostics.iter().any(|d| d.to_string().contains(part));
    assert!(said("только в блоках 3.2–3.4"), "{:?}", l.diagnostics);
    assert!(
        said("дата мониторинга не распознана"),
        "{:?}",
        l.diagnostics
    );
    assert_eq!(
        s.described["risk.programs_names"].date.as_deref(),
        Some("весной")
    );
    // The report carries it on the indicator's row, beside the year series.
    let r = report::build(s, &Settings::default(), &l.diagnostics);
    let row = r
        .indicators
        .iter()
        .find(|i| i.code == "diag.internal")
        .unwrap();
    assert_eq!(
        row.display[&dtk_calc::core::model::Year(2022)],
        "45,0\u{a0}%"
    );
    assert_eq!(row.description, Some(s.described["diag.internal"].clone()));
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"description\":{\"text\":\"Диагностику прошли"));
}

#[test]
fn the_report_csv_and_xlsx_write_descriptions_back() {
    let l = load(FILE.as_bytes(), &LoadOptions::default()).unwrap();
    let s = &l.schools[0];
    let r = report::build(s, &Settings::default(), &l.diagnostics);
    let csv = export::report_csv(&r, &Edits::new());
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(";Описание;Дата мониторинга\r\n"), "{text}");
    let again = load(&csv, &LoadOptions::default()).unwrap();
    assert_eq!(again.schools[0].described, s.described);
    let r2 = report::build(&again.schools[0], &Settings::default(), &again.diagnostics);
    assert_eq!(export::report_csv(&r2, &Edits::new()), csv);
    let xlsx = export::report_xlsx(&r, &Edits::new(), "30.11.2026").unwrap();
    let back = load(&xlsx, &LoadOptions::default()).unwrap();
    assert_eq!(back.schools[0].described, s.described);
}

#[test]
fn a_file_without_descriptions_writes_the_csv_as_before() {
    let file = "код;показатель;2022-2023\nvpr.math.5;ВПР;9/30\n";
    let l = load(file.as_bytes(), &LoadOptions::default()).unwrap();
    let r = report::build(&l.schools[0], &Settings::default(), &l.diagnostics);
    let text = String::from_utf8(export::report_csv(&r, &Edits::new())).unwrap();
    assert!(
        text.starts_with("\u{feff}код;показатель;2022-2023\r\nvpr.math.5;"),
        "{text}"
    );
    assert!(!text.contains("Описание"));
}

#[test]
fn a_described_indicator_is_not_listed_as_missing_in_the_self_check() {
    let l = load(FILE.as_bytes(), &LoadOptions::default()).unwrap();
    let r = report::build(&l.schools[0], &Settings::default(), &l.diagnostics);
    let missing: Vec<&str> = r
        .readiness
        .missing
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    assert!(!missing.contains(&"support.methodical"), "{missing:?}");
    assert!(!missing.contains(&"risk.programs_names"), "{missing:?}");
    assert!(missing.contains(&"support.courses"), "{missing:?}");
}
