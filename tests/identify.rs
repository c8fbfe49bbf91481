//! Identification of ШНОР (docs/domain.md §1), hand-worked golden cases: the exact 30 % rule,
//! Условие 1 and Условие 2 alone and together, the four statuses in the order domain.md gives
//! them, «не проводилась» vs «нет данных» vs 0 %, every setting (as-of year, retakes, same
//! procedure, AND, the list of procedures), the sliding window, the small-sample flag and the
//! mark statistics.
//!
//! Years are written by the calendar year they start in: 2022 is «2022-2023».

mod common;

use common::{as_of, school};
use dtk_calc::core::identify::{
    self, identify, low_procedures, mark_stats, windows, CellState, Combine, Settings, Status,
};
use dtk_calc::core::model::{Marks, Year};

/// A school's cells as `(code, start year, cell text)`.
type Cells = [(&'static str, u16, &'static str)];

/// (status, Условие 1, Условие 2) with the given settings.
fn decide(cells: &[(&str, u16, &str)], settings: &Settings) -> (Status, bool, bool) {
    let id = identify(&school(cells), settings);
    (id.status, id.condition1, id.condition2)
}

// ---------------------------------------------------------------------------------------------
// The 30 % rule

#[test]
fn low_result_is_thirty_percent_inclusive_decided_exactly() {
    // (cell, low?) — one procedure, one year.
    let cases: &[(&str, bool)] = &[
        ("9/30", true), // exactly 30 %: low (the methodology's «не менее 30 %»)
        ("3/10", true), // exactly 30 %
        ("8/30", false),
        ("10/30", true),
        ("299/1000", false), // 29,9 %
        ("300/1000", true),
        ("2999/10000", false), // 29,99 % — would round to «30,0 %»
        ("1/3", true),
        ("0/30", false),
        ("30/30", true),
        ("29,9 %", false),
        ("29,9", false),
        ("29.99%", false),
        ("30 %", true),
        ("30,0", true),
        ("30.00 %", true),
        ("30,01 %", true),
        ("100 %", true),
        ("0 %", false),
    ];
    for &(text, low) in cases {
        let s = school(&[("vpr.math.5", 2022, text)]);
        let got = low_procedures(&s, Year(2022), &Settings::default());
        assert_eq!(got == ["vpr.math.5"], low, "«{text}»");
        let table = identify::table(&s, &Settings::default());
        let state = table[0].cells[0].state;
        assert_eq!(state == CellState::Low, low, "«{text}»: {state:?}");
    }
}

#[test]
fn not_held_and_no_data_are_never_low_and_differ_from_zero() {
    let s = school(&[
        ("vpr.math.5", 2022, "н/п"),
        ("vpr.rus.5", 2022, ""),
        ("vpr.math.6", 2022, "0/30"),
    ]);
    let table = identify::table(&s, &Settings::default());
    let cell = |code: &str| {
        table
            .iter()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("{code} in the table"))
            .cells[0]
            .clone()
    };
    let not_held = cell("vpr.math.5");
    assert_eq!(not_held.state, CellState::NotHeld);
    assert_eq!(not_held.text, "не проводилась");
    assert_eq!(not_held.percent, None);
    let no_data = cell("vpr.rus.5");
    assert_eq!(no_data.state, CellState::NoData);
    assert_eq!(no_data.text, "нет данных");
    assert_eq!(no_data.percent, None);
    let zero = cell("vpr.math.6");
    assert_eq!(zero.state, CellState::Ok);
    assert_eq!(zero.text, "0,0\u{a0}% (0 из 30)");
    assert_eq!(zero.percent, Some(0.0));
    assert!(low_procedures(&s, Year(2022), &Settings::default()).is_empty());
}

#[test]
fn zero_percent_is_data_but_not_held_and_empty_are_not() {
    // A year whose only result is 0 % has data: one low the year after is «зона риска».
    let with_zero = [("vpr.math.5", 2021, "0/25"), ("vpr.math.5", 2022, "9/30")];
    assert_eq!(
        decide(&with_zero, &Settings::default()),
        (Status::Risk, false, false)
    );
    // Edition 2 (domain.md §1: «н/п» is not held — not missing): «н/п» the year before
    // cannot be low, so one low result is «зона риска»; an empty cell is missing, and taken as
    // low it would fire Условие 2, so the status is «недостаточно данных».
    let cells = [("vpr.math.5", 2021, "н/п"), ("vpr.math.5", 2022, "9/30")];
    assert_eq!(
        decide(&cells, &Settings::default()),
        (Status::Risk, false, false)
    );
    let cells = [("vpr.math.5", 2021, ""), ("vpr.math.5", 2022, "9/30")];
    assert_eq!(
        decide(&cells, &Settings::default()),
        (Status::InsufficientData, false, false)
    );
}

// ---------------------------------------------------------------------------------------------
// Conditions and statuses

#[test]
fn statuses_golden_cases() {
    use Status::*;
    // (name, cells, status, Условие 1, Условие 2)
    let cases: &[(&str, &Cells, Status, bool, bool)] = &[
        (
            "Условие 1 only: two low in Y, none in Y−1",
            &[
                ("vpr.math.5", 2021, "5/30"),
                ("vpr.math.5", 2022, "9/30"),
                ("oge.rus", 2022, "12/40"),
            ],
            Shnor,
            true,
            false,
        ),
        (
            "Условие 1 only: two low in Y and no data at all for Y−1",
            &[("vpr.math.5", 2022, "9/30"), ("vpr.rus.6", 2022, "3/10")],
            Shnor,
            true,
            false,
        ),
        (
            "Условие 2 only: one low in Y, another procedure low in Y−1",
            &[
                ("vpr.rus.6", 2021, "10/31"),
                ("vpr.math.5", 2021, "8/28"),
                ("vpr.math.5", 2022, "11/30"),
                ("vpr.rus.6", 2022, "8/28"),
            ],
            Shnor,
            false,
            true,
        ),
        (
            "both conditions",
            &[
                ("vpr.math.5", 2021, "9/30"),
                ("vpr.math.5", 2022, "9/30"),
                ("ege.rus", 2022, "5/15"),
            ],
            Shnor,
            true,
            true,
        ),
        (
            "зона риска: exactly one low in Y, Y−1 has results and none low",
            &[
                ("vpr.math.5", 2021, "8/30"),
                ("vpr.rus.5", 2021, "2/30"),
                ("vpr.math.5", 2022, "9/30"),
                ("vpr.rus.5", 2022, "1/30"),
            ],
            Risk,
            false,
            false,
        ),
        (
            "недостаточно данных: one low in Y, Y−1 has no data at all",
            &[("vpr.math.5", 2022, "9/30"), ("vpr.rus.5", 2022, "1/30")],
            InsufficientData,
            false,
            false,
        ),
        (
            // Edition 2 (domain.md §1: «a year column with no data is not a candidate»): the
            // empty 2022 column is skipped, 2021 has two low results — Условие 1.
            "ШНОР: the last column is empty, identification by the year before it",
            &[
                ("vpr.math.5", 2021, "9/30"),
                ("vpr.rus.5", 2021, "10/30"),
                ("vpr.math.5", 2022, ""),
            ],
            Shnor,
            true,
            false,
        ),
        (
            // Edition 2: 2022 has no result, so Y = 2021 (1/30, not low).
            "не выявлена: the last year has only «не проводилась»",
            &[("vpr.math.5", 2021, "1/30"), ("vpr.math.5", 2022, "н/п")],
            NotShnor,
            false,
            false,
        ),
        (
            "не выявлена: results in Y, none low, Y−1 has no data",
            &[("vpr.math.5", 2022, "8/30")],
            NotShnor,
            false,
            false,
        ),
        (
            "не выявлена: low only in Y−1",
            &[
                ("vpr.math.5", 2021, "20/30"),
                ("vpr.rus.5", 2021, "20/30"),
                ("vpr.math.5", 2022, "8/30"),
                ("vpr.rus.5", 2022, "5/30"),
            ],
            NotShnor,
            false,
            false,
        ),
        (
            "a procedure the school does not run is absent, not missing",
            &[
                ("vpr.math.5", 2021, "1/30"),
                ("vpr.math.5", 2022, "2/30"),
                ("oge.rus", 2022, "1/20"),
            ],
            NotShnor,
            false,
            false,
        ),
        (
            "ВПР 7 is in the data but not counted by default",
            &[
                ("vpr.math.5", 2021, "1/30"),
                ("vpr.math.5", 2022, "9/30"),
                ("vpr.math.7", 2022, "20/30"),
            ],
            Risk,
            false,
            false,
        ),
    ];
    for (name, cells, status, c1, c2) in cases {
        assert_eq!(
            decide(cells, &Settings::default()),
            (*status, *c1, *c2),
            "{name}"
        );
    }
}

#[test]
fn insufficient_data_comes_before_risk_and_risk_before_not_shnor() {
    // The same single low result: with no year before it is «недостаточно данных», with a
    // clean year before it is «зона риска», and without it the school is «не выявлена».
    let low_alone = [("vpr.math.5", 2022, "9/30")];
    let low_after_clean = [("vpr.math.5", 2021, "1/30"), ("vpr.math.5", 2022, "9/30")];
    let clean = [("vpr.math.5", 2021, "1/30"), ("vpr.math.5", 2022, "8/30")];
    assert_eq!(
        decide(&low_alone, &Settings::default()).0,
        Status::InsufficientData
    );
    assert_eq!(
        decide(&low_after_clean, &Settings::default()).0,
        Status::Risk
    );
    assert_eq!(decide(&clean, &Settings::default()).0, Status::NotShnor);
}

#[test]
fn status_names_and_order() {
    assert_eq!(
        Status::ALL,
        &[
            Status::Shnor,
            Status::Risk,
            Status::InsufficientData,
            Status::NotShnor
        ]
    );
    let names: Vec<(&str, &str)> = Status::ALL.iter().map(|s| (s.key(), s.label())).collect();
    assert_eq!(
        names,
        [
            ("shnor", "ШНОР"),
            ("risk", "зона риска"),
            ("insufficient_data", "недостаточно данных"),
            ("not_shnor", "не выявлена"),
        ]
    );
    for s in Status::ALL {
        assert_eq!(
            serde_json::to_value(s).unwrap(),
            serde_json::Value::String(s.key().to_string())
        );
    }
}

#[test]
fn no_years_at_all_is_insufficient_data() {
    let id = identify(&school(&[]), &Settings::default());
    assert_eq!(id.as_of, None);
    assert_eq!(id.status, Status::InsufficientData);
    assert!(id.explanation.contains("нет ни одного учебного года"));
}

// ---------------------------------------------------------------------------------------------
// The report of the decision

#[test]
fn low_results_behind_the_conditions_are_listed_with_exact_numbers() {
    let s = school(&[
        ("vpr.rus.6", 2021, "10/31"),
        ("vpr.math.5", 2022, "11/30"),
        ("vpr.rus.6", 2022, "8/28"),
        ("oge.math", 2022, "36,7 %"),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!(id.as_of, Some(Year(2022)));
    assert_eq!(
        (id.status, id.condition1, id.condition2),
        (Status::Shnor, true, true)
    );
    type Low<'a> = (&'a str, Year, Option<u32>, Option<u32>, f64);
    let low: Vec<Low> = id
        .low
        .iter()
        .map(|l| {
            (
                l.procedure.as_str(),
                l.year,
                l.failed,
                l.participants,
                l.percent,
            )
        })
        .collect();
    assert_eq!(
        low,
        [
            ("vpr.rus.6", Year(2021), Some(10), Some(31), 32.26),
            ("vpr.math.5", Year(2022), Some(11), Some(30), 36.67),
            ("oge.math", Year(2022), None, None, 36.7),
        ]
    );
    assert_eq!(id.low[1].label, "ВПР математика 5 кл.");
    assert_eq!(
        id.explanation,
        "В 2022-2023 учебном году выявлены 2 процедуры с низким результатом (≥ 30 %): \
         ВПР математика 5 кл. и ОГЭ математика; в 2021-2022 — ВПР русский язык 6 кл. \
         Выполнены оба условия: Условие 1 и Условие 2. Школа относится к ШНОР. Пропуски в данных не влияют на статус."
    );
}

#[test]
fn explanation_says_which_condition_fired_or_why_not() {
    let cases: &[(&Cells, &[&str])] = &[
        (
            &[("vpr.math.5", 2022, "9/30"), ("vpr.rus.5", 2022, "9/30")],
            &[
                "выявлены 2 процедуры",
                "Выполнено Условие 1",
                "Школа относится к ШНОР.",
            ],
        ),
        (
            &[("vpr.math.5", 2021, "9/30"), ("vpr.math.5", 2022, "9/30")],
            &[
                "выявлена 1 процедура",
                "Выполнено Условие 2",
                "Школа относится к ШНОР.",
            ],
        ),
        (
            &[("vpr.math.5", 2021, "1/30"), ("vpr.math.5", 2022, "9/30")],
            &[
                "в 2021-2022 — нет",
                "Ни одно из условий не выполнено.",
                "зона риска",
            ],
        ),
        (
            &[("vpr.math.5", 2022, "9/30")],
            &[
                "за 2021-2022 данных нет",
                "Условие 2 проверить нельзя: нет данных за 2021-2022",
            ],
        ),
        (
            &[("vpr.math.5", 2022, "н/п")],
            // Edition 2: the year of identification is one with a result; there is none.
            &["В файле нет результатов ни одной учитываемой процедуры"],
        ),
        (
            &[("vpr.math.5", 2022, "1/30")],
            &["низких результатов нет", "Школа не относится к ШНОР."],
        ),
    ];
    for (cells, phrases) in cases {
        let id = identify(&school(cells), &Settings::default());
        for p in *phrases {
            assert!(
                id.explanation.contains(p),
                "{cells:?}: «{p}» not in «{}»",
                id.explanation
            );
        }
    }
}

#[test]
fn small_sample_flag_below_ten_participants() {
    let s = school(&[
        ("vpr.math.5", 2022, "3/9"),
        ("vpr.rus.5", 2022, "3/10"),
        ("vpr.math.6", 2022, "30 %"),
    ]);
    let table = identify::table(&s, &Settings::default());
    let flag = |code: &str| {
        let row = table.iter().find(|r| r.code == code).unwrap();
        (row.cells[0].small_sample, row.cells[0].state)
    };
    // No exclusion: a small group is still low, only flagged.
    assert_eq!(flag("vpr.math.5"), (true, CellState::Low));
    assert_eq!(flag("vpr.rus.5"), (false, CellState::Low));
    // A percentage without a group size cannot be flagged.
    assert_eq!(flag("vpr.math.6"), (false, CellState::Low));
    assert_eq!(
        decide(
            &[("vpr.math.5", 2022, "3/9"), ("vpr.rus.5", 2022, "3/10")],
            &Settings::default()
        ),
        (Status::Shnor, true, false)
    );
}

// ---------------------------------------------------------------------------------------------
// Settings

#[test]
fn as_of_year_setting() {
    let cells = [
        ("vpr.math.5", 2020, "9/30"),
        ("vpr.math.5", 2021, "9/30"),
        ("vpr.math.5", 2022, "1/30"),
    ];
    // Default: the latest year, 2022-2023 — no low result there.
    let id = identify(&school(&cells), &Settings::default());
    assert_eq!((id.as_of, id.status), (Some(Year(2022)), Status::NotShnor));
    // As of 2021-2022: low in 2021 and in 2020 → Условие 2.
    let id = identify(&school(&cells), &as_of(2021));
    assert_eq!(
        (id.as_of, id.status, id.condition1, id.condition2),
        (Some(Year(2021)), Status::Shnor, false, true)
    );
    // As of the first year: one low and nothing before it.
    assert_eq!(
        identify(&school(&cells), &as_of(2020)).status,
        Status::InsufficientData
    );
    // As of a year the file does not have: no data.
    assert_eq!(
        identify(&school(&cells), &as_of(2023)).status,
        Status::InsufficientData
    );
    let (year, status, ..) = identify::identify_status(&school(&cells), &as_of(2021));
    assert_eq!((year, status), (Some(Year(2021)), Status::Shnor));
}

#[test]
fn retakes_are_excluded_by_default_and_used_with_the_setting() {
    let settings = Settings {
        use_retakes: true,
        ..Settings::default()
    };
    // Main ОГЭ maths low, the result after the retake is not.
    let retake_clears = [
        ("vpr.math.5", 2021, "1/30"),
        ("oge.math", 2021, "3/38"),
        ("oge.math", 2022, "12/40"),
        ("oge.math.retake", 2022, "2/40"),
        ("vpr.math.5", 2022, "9/30"),
    ];
    assert_eq!(
        decide(&retake_clears, &Settings::default()),
        (Status::Shnor, true, false)
    );
    assert_eq!(
        decide(&retake_clears, &settings),
        (Status::Risk, false, false)
    );
    // A retake row on its own never counts by default.
    let only_retake_low = [
        ("vpr.math.5", 2021, "1/30"),
        ("vpr.math.5", 2022, "1/30"),
        ("oge.rus", 2022, "1/40"),
        ("oge.rus.retake", 2022, "3/4"),
    ];
    assert_eq!(
        decide(&only_retake_low, &Settings::default()).0,
        Status::NotShnor
    );
    // Edition 2 (domain.md §1, «Retakes»): 3/4 is of the retakers; re-based on the 40 main
    // participants it is 3/40, above the main 1/40 — impossible, so the main result stays.
    assert_eq!(decide(&only_retake_low, &settings).0, Status::NotShnor);
    // «н/п» or no retake keeps the main result.
    let no_retake = [
        ("vpr.math.5", 2021, "1/30"),
        ("oge.math", 2022, "12/40"),
        ("oge.math.retake", 2022, "н/п"),
        ("ege.math.base", 2022, "4/10"),
    ];
    assert_eq!(decide(&no_retake, &settings), (Status::Shnor, true, false));
    // ЕГЭ mathematics retake stands in for the base level.
    let ege = [
        ("vpr.math.5", 2021, "1/30"),
        // ЕГЭ base maths was not held in 2021 (domain.md §1): not missing.
        ("ege.math.base", 2021, "н/п"),
        ("ege.math.base", 2022, "4/10"),
        ("ege.math.retake", 2022, "0/4"),
        ("vpr.math.5", 2022, "9/30"),
    ];
    assert_eq!(decide(&ege, &Settings::default()).0, Status::Shnor);
    assert_eq!(decide(&ege, &settings).0, Status::Risk);

    // The table shows which value was used.
    let table = identify::table(&school(&retake_clears), &settings);
    let oge = table.iter().find(|r| r.code == "oge.math").unwrap();
    let cell = oge.cells.iter().find(|c| c.year == Year(2022)).unwrap();
    assert!(cell.retake_used);
    assert_eq!(cell.state, CellState::Ok);
    assert_eq!(cell.text, "5,0\u{a0}% (2 из 40) — после пересдачи");
    let table = identify::table(&school(&retake_clears), &Settings::default());
    let oge = table.iter().find(|r| r.code == "oge.math").unwrap();
    let cell = oge.cells.iter().find(|c| c.year == Year(2022)).unwrap();
    assert!(!cell.retake_used);
    assert_eq!(cell.state, CellState::Low);
}

#[test]
fn same_procedure_setting_narrows_condition_2() {
    let same = Settings {
        same_procedure: true,
        ..Settings::default()
    };
    // Both procedures known in both years (edition 2: an empty cell could decide the status).
    let different = [
        ("vpr.rus.6", 2021, "10/31"),
        ("vpr.math.5", 2021, "2/31"),
        ("vpr.rus.6", 2022, "3/30"),
        ("vpr.math.5", 2022, "11/30"),
    ];
    assert_eq!(
        decide(&different, &Settings::default()),
        (Status::Shnor, false, true)
    );
    assert_eq!(decide(&different, &same), (Status::Risk, false, false));
    let identical = [
        ("vpr.math.5", 2021, "10/31"),
        ("vpr.rus.6", 2021, "1/31"),
        ("vpr.math.5", 2022, "11/30"),
    ];
    assert_eq!(decide(&identical, &same), (Status::Shnor, false, true));
}

#[test]
fn and_setting_needs_both_conditions() {
    let and = Settings {
        combine: Combine::And,
        ..Settings::default()
    };
    let c1_only = [
        ("vpr.math.5", 2021, "1/30"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.rus.5", 2022, "9/30"),
    ];
    let c2_only = [("vpr.math.5", 2021, "9/30"), ("vpr.math.5", 2022, "9/30")];
    let both = [
        ("vpr.math.5", 2021, "9/30"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.rus.5", 2022, "9/30"),
    ];
    assert_eq!(decide(&both, &and), (Status::Shnor, true, true));
    // The conditions are still reported; only the combination changes.
    let (status, c1, c2) = decide(&c1_only, &and);
    assert_ne!(status, Status::Shnor);
    assert_eq!((c1, c2), (true, false));
    let (status, c1, c2) = decide(&c2_only, &and);
    assert_eq!((status, c1, c2), (Status::Risk, false, true));
    // Two low results and no year before: Условие 2 could still make it ШНОР.
    assert_eq!(
        decide(
            &[("vpr.math.5", 2022, "9/30"), ("vpr.rus.5", 2022, "9/30")],
            &and
        )
        .0,
        Status::InsufficientData
    );
    let id = identify(&school(&both), &and);
    assert!(id.explanation.contains("по настройке нужны оба условия"));
}

#[test]
fn procedures_setting_decides_what_counts() {
    // ВПР математика 4 is in the data; by default it does not count.
    let cells = [
        ("vpr.math.5", 2021, "1/30"),
        ("vpr.math.4", 2022, "12/30"),
        ("vpr.math.5", 2022, "9/30"),
    ];
    assert_eq!(
        decide(&cells, &Settings::default()),
        (Status::Risk, false, false)
    );
    let mut with_4 = Settings::default();
    with_4.procedures.push("vpr.math.4".to_string());
    assert_eq!(decide(&cells, &with_4), (Status::Shnor, true, false));
    assert_eq!(
        low_procedures(&school(&cells), Year(2022), &with_4),
        ["vpr.math.4", "vpr.math.5"]
    );
    // Only ВПР 4 counts: ВПР 5 is shown but does not count.
    let only_4 = Settings {
        procedures: vec!["vpr.math.4".to_string()],
        ..Settings::default()
    };
    // ВПР 4 has no result in 2021-2022, so Условие 2 cannot be decided.
    assert_eq!(
        decide(&cells, &only_4),
        (Status::InsufficientData, false, false)
    );
    let table = identify::table(&school(&cells), &Settings::default());
    let counted: Vec<(&str, bool)> = table.iter().map(|r| (r.code.as_str(), r.counted)).collect();
    assert_eq!(counted, [("vpr.math.4", false), ("vpr.math.5", true)]);
}

#[test]
fn default_settings_are_the_methodology() {
    let s = Settings::default();
    assert_eq!(s.as_of, None);
    assert_eq!(s.combine, Combine::Or);
    assert!(!s.same_procedure && !s.use_retakes);
    assert_eq!(s.stable_threshold_pp, 3.0);
    assert_eq!(
        s.procedures,
        [
            "vpr.rus.5",
            "vpr.rus.6",
            "vpr.math.5",
            "vpr.math.6",
            "oge.rus",
            "oge.math",
            "ege.rus",
            "ege.math.base",
            "ege.math.profile"
        ]
    );
    assert!(s.is_default());
}

// ---------------------------------------------------------------------------------------------
// Sliding window

#[test]
fn sliding_window_gives_the_status_as_of_each_year_with_a_year_before_it() {
    let s = school(&[
        ("vpr.math.5", 2020, "9/30"),
        ("vpr.rus.5", 2020, "1/30"),
        ("vpr.math.5", 2021, "1/30"),
        ("vpr.rus.5", 2021, "10/30"),
        ("vpr.math.5", 2022, "2/30"),
        ("vpr.rus.5", 2022, "2/30"),
        ("vpr.math.5", 2023, "9/30"),
        ("vpr.rus.5", 2023, "9/30"),
    ]);
    let w: Vec<(Year, Status, bool, bool)> = windows(&s, &Settings::default())
        .iter()
        .map(|w| (w.year, w.status, w.condition1, w.condition2))
        .collect();
    // The first year has no year before it, so no window of its own (Условие 2 cannot be
    // decided there); every later year is judged with the year before it.
    assert_eq!(
        w,
        [
            (Year(2021), Status::Shnor, false, true),
            (Year(2022), Status::NotShnor, false, false),
            (Year(2023), Status::Shnor, true, false),
        ]
    );
    // The latest window is the identification itself.
    let id = identify(&s, &Settings::default());
    assert_eq!(
        (id.status, id.condition1, id.condition2),
        (Status::Shnor, true, false)
    );
}

#[test]
fn sliding_window_edges() {
    // One year: no window. Two years: one (the UI shows the window from three years on).
    let one = school(&[("vpr.math.5", 2022, "9/30")]);
    assert!(windows(&one, &Settings::default()).is_empty());
    let two = school(&[("vpr.math.5", 2021, "9/30"), ("vpr.math.5", 2022, "1/30")]);
    let w = windows(&two, &Settings::default());
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].year, w[0].status), (Year(2022), Status::NotShnor));
    // Windows follow the settings (here: ВПР 4 counted).
    let cells = [
        ("vpr.math.4", 2020, "9/30"),
        ("vpr.math.4", 2021, "9/30"),
        ("vpr.math.5", 2021, "1/30"),
        ("vpr.math.5", 2022, "1/30"),
    ];
    let mut with_4 = Settings::default();
    with_4.procedures.push("vpr.math.4".into());
    let statuses: Vec<Status> = windows(&school(&cells), &with_4)
        .iter()
        .map(|w| w.status)
        .collect();
    // Edition 2: ВПР 4 has results in 2020 and 2021, so its empty 2022 cell is missing; taken
    // as low it would make 2022 ШНОР (Условие 2 with 2021) — «недостаточно данных».
    assert_eq!(statuses, [Status::Shnor, Status::InsufficientData]);
    let statuses: Vec<Status> = windows(&school(&cells), &Settings::default())
        .iter()
        .map(|w| w.status)
        .collect();
    assert_eq!(statuses, [Status::NotShnor, Status::NotShnor]);
}

// ---------------------------------------------------------------------------------------------
// Mark statistics

#[test]
fn mark_statistics_formulas() {
    // N = 30: «2» 3, «3» 10, «4» 12, «5» 5.
    let m = Marks {
        n2: 3,
        n3: 10,
        n4: 12,
        n5: 5,
    };
    let s = mark_stats(&m).expect("marks");
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(close(s.success, 90.0), "success {}", s.success); // 27/30
    assert!(close(s.quality, 1700.0 / 30.0), "quality {}", s.quality); // 17/30 = 56,67 %
                                                                       // СОУ = (100·5 + 64·12 + 36·10 + 16·3) / 30 = 1676 / 30 = 55,87 %
    assert!(close(s.sou, 1676.0 / 30.0), "СОУ {}", s.sou);
    // (5·5 + 4·12 + 3·10 + 2·3) / 30 = 109 / 30 = 3,63
    assert!(close(s.mean, 109.0 / 30.0), "mean {}", s.mean);

    let all_fives = mark_stats(&Marks {
        n5: 7,
        ..Marks::default()
    })
    .unwrap();
    assert_eq!(
        (
            all_fives.success,
            all_fives.quality,
            all_fives.sou,
            all_fives.mean
        ),
        (100.0, 100.0, 100.0, 5.0)
    );
    let all_twos = mark_stats(&Marks {
        n2: 4,
        ..Marks::default()
    })
    .unwrap();
    assert_eq!(
        (
            all_twos.success,
            all_twos.quality,
            all_twos.sou,
            all_twos.mean
        ),
        (0.0, 0.0, 16.0, 2.0)
    );
    assert_eq!(mark_stats(&Marks::default()), None);
}

#[test]
fn mark_statistics_appear_in_the_identification_table_for_mark_counts() {
    let text = "ОО;учебный год;процедура;предмет;класс;«2»;«3»;«4»;«5»\n\
                Школа;2022-2023;ВПР;математика;5;3;10;12;5\n";
    let loaded = common::load_text(text);
    let table = identify::table(&loaded.schools[0], &Settings::default());
    let cell = &table[0].cells[0];
    assert_eq!((cell.failed, cell.participants), (Some(3), Some(30)));
    let m = cell.marks.expect("mark statistics");
    assert!((m.success - 90.0).abs() < 1e-9);
    assert!((m.mean - 109.0 / 30.0).abs() < 1e-9);
}
