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

mod notes {
    //! What is said next to the status (core::status_notes), on the built-in example school:
    //! ВПР математика 5 кл. 11/30 = 36,7 % in 2022-2023 and ВПР русский язык 6 кл. 10/31 =
    //! 32,3 % in 2021-2022 are its low results (example-school.csv, rows 25–28).
    use dtk_calc::core::identify::{Combine, Settings, Status};
    use dtk_calc::core::load::{load, LoadOptions};
    use dtk_calc::core::model::{Diagnostic, DiagnosticKind, Severity, Year};
    use dtk_calc::core::report::{self, Report};
    use dtk_calc::core::status_notes::{
        decidable, remarks, settings_differences, settings_line, uncounted_line,
    };
    use dtk_calc::core::template::EXAMPLE_SCHOOL;

    fn example(settings: &Settings) -> Report {
        let l = load(EXAMPLE_SCHOOL, &LoadOptions::default()).unwrap();
        report::build(&l.schools[0], settings, &l.diagnostics)
    }

    #[test]
    fn defaults_say_nothing() {
        let r = example(&Settings::default());
        assert_eq!(r.identification.status, Status::Shnor);
        assert_eq!(settings_line(&Settings::default()), None);
        assert_eq!(uncounted_line(&r), None);
        assert_eq!(decidable(&r), (true, true));
    }

    #[test]
    fn an_unticked_low_procedure_is_named_beside_the_status() {
        let mut s = Settings::default();
        s.procedures.retain(|p| p != "vpr.math.5");
        let r = example(&s);
        // The status no longer sees the 36,7 %: the page must say why the table is red.
        assert_ne!(r.identification.status, Status::Shnor);
        let line = uncounted_line(&r).unwrap();
        assert_eq!(
            line,
            "В 2022-2023 учебном году среди учитываемых процедур низких результатов нет; не учитываются: ВПР математика 5 кл. (2022-2023 — 36,7\u{a0}%)."
        );
        let printed = settings_line(&s).unwrap();
        assert!(
            printed.starts_with(
                "Настройки отличаются от методики: не учитываются: ВПР математика 5 кл."
            ),
            "{printed}"
        );
    }

    #[test]
    fn every_changed_setting_is_listed() {
        let s = Settings {
            as_of: Some(Year(2021)),
            combine: Combine::And,
            same_procedure: true,
            use_retakes: true,
            stable_threshold_pp: 5.0,
            ..Settings::default()
        };
        let d = settings_differences(&s);
        assert_eq!(d.len(), 5, "{d:?}");
        assert_eq!(d[0], "год идентификации выбран вручную: 2021-2022");
        assert!(d[1].starts_with("нужны оба условия"));
        assert!(d[4].contains("5 п.п."));
    }

    #[test]
    fn a_condition_without_the_previous_year_cannot_be_decided() {
        // One year of data, one low procedure: Условие 2 is «проверить нельзя», not «не
        // выполнено» (domain.md §1: it needs two years).
        let csv = "код;показатель;2022-2023\nschool.name;Наименование;СОШ\nvpr.math.5;ВПР;11/30\n";
        let l = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
        let r = report::build(&l.schools[0], &Settings::default(), &l.diagnostics);
        assert_eq!(r.identification.status, Status::InsufficientData);
        assert_eq!(decidable(&r), (true, false));
    }

    #[test]
    fn remarks_count_errors_and_warnings_only() {
        let d = |severity| Diagnostic {
            severity,
            kind: DiagnosticKind::Other,
            file: None,
            sheet: None,
            row: Some(3),
            column: None,
            value: None,
            message: String::new(),
        };
        assert_eq!(remarks(&[d(Severity::Info)]), None);
        assert_eq!(
            remarks(&[
                d(Severity::Warning),
                d(Severity::Warning),
                d(Severity::Error)
            ])
            .unwrap(),
            "В файле 3 замечания (1 ошибка)"
        );
        assert_eq!(remarks(&[d(Severity::Error)]).unwrap(), "В файле 1 ошибка");
        assert_eq!(
            remarks(&vec![d(Severity::Warning); 5]).unwrap(),
            "В файле 5 замечаний"
        );
    }
}

#[test]
fn readme_says_how_to_fill_as_the_page_does() {
    let readme = include_str!("../README.md");
    for step in template::HOW_TO_FILL {
        assert!(readme.contains(step), "README lacks: {step}");
    }
}

mod cards {
    //! The status cards follow the search and the municipality (core::filter_counts).
    use dtk_calc::core::filter_counts::{counts_within, is_filtered};
    use dtk_calc::core::identify::{Settings, Status};
    use dtk_calc::core::load::{load, LoadOptions};
    use dtk_calc::core::overview::Query;
    use dtk_calc::core::schools::summarize;

    const FILE: &str =
        "ОО;муниципалитет;учебный год;процедура;предмет;класс;участников;не справились
СОШ №10;Южный;2022-2023;ВПР;математика;5;30;12
СОШ №10;Южный;2022-2023;ВПР;русский язык;5;30;10
СОШ №2;Северный;2022-2023;ВПР;математика;5;30;1
Школа «Ёлочка»;Северный;2022-2023;ВПР;математика;5;30;9
";

    #[test]
    fn cards_count_what_the_search_and_municipality_keep() {
        let l = load(FILE.as_bytes(), &LoadOptions::default()).unwrap();
        let s = summarize(&l.schools, &Settings::default());
        assert_eq!(counts_within(&s, &Query::default()), s.counts);
        // «СОШ № 10» typed with a space finds «СОШ №10»: one school, ШНОР (two low ВПР).
        let q = Query {
            search: "сош № 10".into(),
            ..Query::default()
        };
        let c = counts_within(&s, &q);
        assert_eq!(c.values().sum::<usize>(), 1);
        assert_eq!(c.get(&Status::Shnor), Some(&1));
        assert!(is_filtered(&q));
        let north = Query {
            municipality: Some("Северный".into()),
            // The status filter does not narrow the cards: they are how it is chosen.
            status: Some(Status::Shnor),
            ..Query::default()
        };
        assert_eq!(counts_within(&s, &north).values().sum::<usize>(), 2);
        assert!(!is_filtered(&Query::default()));
    }
}
