//! Issue 15, the core side of «the page as its users meet it»: a share written as a bare number
//! is kept but questioned (formats.md: `36,7` is a percentage; a bare `3` may be 3 pupils), a
//! dash is «нет данных», the template's default years come from the date, every procedure the
//! settings offer has a template row, and the schools search ignores spaces and the way «№» is
//! typed.

use dtk_calc::core::catalogue::Kind;
use dtk_calc::core::cell::{self, share_assumption};
use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::model::{Severity, Value, Year};
use dtk_calc::core::overview::fold;
use dtk_calc::core::template;

#[test]
fn a_bare_integer_in_a_share_cell_is_questioned_with_the_way_to_write_it() {
    let why = share_assumption("3", true).expect("3 is ambiguous");
    assert!(why.starts_with("3 — это 3 % или 3 ученика?"), "{why}");
    assert!(why.contains("«3/25»"), "{why}");
    assert!(why.contains("Принято как 3 %"), "{why}");
    // The value is kept as formats.md reads it: 3 %.
    assert!(matches!(
        cell::parse("3", Kind::Share),
        Ok(Value::Percent { value, .. }) if value.to_f64() == 3.0
    ));
    let five = share_assumption("5", true).unwrap();
    assert!(five.contains("5 учеников"), "{five}");
}

#[test]
fn a_fraction_of_one_is_questioned_too() {
    let why = share_assumption("0,4", false).expect("0,4 may be 40 %");
    assert!(why.starts_with("0,4 — это 0,4 % или доля 40 %?"), "{why}");
    assert!(share_assumption("0.33", true).is_some());
}

#[test]
fn unambiguous_shares_say_nothing() {
    for ok in ["36,7", "36.7 %", "11/30", "11 из 30", "0", "3 %", "", "н/п"] {
        assert_eq!(share_assumption(ok, true), None, "{ok}");
    }
}

#[test]
fn a_whole_percentage_of_parents_is_not_questioned() {
    // parents.higher «30»: nobody counts parents in a share cell.
    assert_eq!(share_assumption("30", false), None);
}

#[test]
fn dashes_are_no_data_and_yes_no_dash_is_still_no() {
    for dash in ["-", "—", "–", "−"] {
        assert_eq!(cell::parse(dash, Kind::Share), Ok(Value::Missing), "{dash}");
        assert_eq!(cell::parse(dash, Kind::Count), Ok(Value::Missing), "{dash}");
    }
    assert_eq!(cell::parse("-", Kind::YesNo), Ok(Value::Bool(false)));
}

#[test]
fn a_format_a_file_reports_the_assumption_where_it_stands() {
    let csv = "код;показатель;2021-2022;2022-2023\nschool.name;Наименование;СОШ;\nvpr.math.5;ВПР;3;-\nvpr.rus.5;ВПР;0,4;11/30\n";
    let l = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    let warnings: Vec<_> = l
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 2, "{:?}", l.diagnostics);
    assert_eq!(warnings[0].row, Some(3));
    assert_eq!(warnings[0].column.as_deref(), Some("2021-2022"));
    assert_eq!(warnings[0].value.as_deref(), Some("3"));
    assert_eq!(warnings[1].value.as_deref(), Some("0,4"));
    // «-» is no data, not an error.
    assert!(l.diagnostics.iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn template_years_are_the_last_three_completed_school_years() {
    // 30 November 2026: 2026-2027 is running, 2025-2026 ended in June.
    assert_eq!(
        template::default_years(2026, 11),
        [Year(2023), Year(2024), Year(2025)]
    );
    // March 2026: 2025-2026 is still running.
    assert_eq!(
        template::default_years(2026, 3),
        [Year(2022), Year(2023), Year(2024)]
    );
    // July: the year that ended in June counts.
    assert_eq!(template::default_years(2026, 7)[2], Year(2025));
}

#[test]
fn template_has_a_row_for_every_procedure_and_says_headers_can_be_renamed() {
    let text = String::from_utf8(template::template_csv(&[Year(2024)])).unwrap();
    for code in [
        "vpr.rus.4",
        "vpr.rus.7",
        "vpr.rus.8",
        "vpr.math.4",
        "vpr.math.7",
        "vpr.math.8",
    ] {
        assert!(text.contains(&format!("\r\n{code};")), "{code}");
    }
    assert!(template::HINT.contains("можно переименовать"));
    // Rows stay in the form's order: ВПР 4 before ВПР 5.
    assert!(text.find("vpr.rus.4;").unwrap() < text.find("vpr.rus.5;").unwrap());
}

#[test]
fn search_ignores_spaces_and_number_sign_variants() {
    let key = fold("Тальменская СОШ №1 Тальменский район");
    for q in [
        "Тальменская СОШ № 1",
        "тальменская сош №1",
        "СОШ N1",
        "СОШ N 1",
        "сош no.1",
        "СОШ № 1",
        "тальменскаясош",
    ] {
        assert!(key.contains(&fold(q)), "{q} → {} in {key}", fold(q));
    }
    // «N» inside a word is a letter, not the number sign.
    assert!(!fold("Nord 5").contains('№'));
    assert!(!key.contains(&fold("СОШ № 2")));
    assert!(fold("МБОУ «Гимназия № 5»").contains(&fold("гимназия №5")));
}
