//! Identification, edition 2 (docs/domain.md §1, spec edition 2026-11), hand-worked: retakes
//! re-based on the main participants, the year of identification = the latest year with a
//! counted result, missing cells taken both ways with the deciding cells named, one result out
//! of nine, the heading, and how to leave the list (next year's ceilings).
//!
//! Years are written by the calendar year they start in: 2022 is «2022-2023».

mod common;

use common::school;
use dtk_calc::core::identify::{self, identify, max_failed_under_30, retake, Settings, Status};
use dtk_calc::core::model::{DiagnosticKind, Value, Year};
use dtk_calc::core::report;

fn with_retakes() -> Settings {
    Settings {
        use_retakes: true,
        ..Settings::default()
    }
}

#[test]
fn retake_written_of_retakers_is_rebased_on_the_main_participants() {
    // domain.md §1: «e.g. `3/7` while the main row is `7/39`, re-base it on the main
    // participants (3/39) and say so in a diagnostic».
    let s = school(&[("oge.rus", 2022, "7/39"), ("oge.rus.retake", 2022, "3/7")]);
    let main = dtk_calc::core::catalogue::find("oge.rus").unwrap();
    match retake::rebase(&s, main, Year(2022)) {
        retake::Retake::Rebased { value, written } => {
            assert_eq!(written, "3/7");
            assert_eq!(
                value,
                Value::Ratio {
                    part: 3,
                    whole: 39,
                    marks: None
                }
            );
        }
        other => panic!("{other:?}"),
    }
    let d = retake::diagnostics(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].kind, DiagnosticKind::RetakeRebased, "{}", d[0]);
    assert!(d[0].message.contains("7,7"), "3/39 = 7,7 %: {}", d[0]);
    // The report's row shows the re-based share, and the diagnostic is in the report.
    let r = report::build(&s, &Settings::default(), &[]);
    let row = r
        .indicators
        .iter()
        .find(|i| i.code == "oge.rus.retake")
        .unwrap();
    assert_eq!(row.display[&Year(2022)], "7,7\u{a0}% (3/39)");
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::RetakeRebased));
    // 3/7 = 42,9 % would be low; 3/39 is not: with «учитывать пересдачу» ОГЭ русский is not low.
    let low = identify::low_procedures(&s, Year(2022), &with_retakes());
    assert!(low.is_empty(), "{low:?}");
}

#[test]
fn retake_above_main_or_without_main_is_a_diagnostic_and_left_out() {
    // «An after-retake share above the main share is a diagnostic»: 5/40 after 2/40.
    let s = school(&[
        ("oge.math", 2022, "2/40"),
        ("oge.math.retake", 2022, "5/40"),
    ]);
    let d = retake::diagnostics(&s);
    assert_eq!(d[0].kind, DiagnosticKind::RetakeAboveMain, "{}", d[0]);
    // «if it cannot be re-based (no main row), show it and leave it out of identification».
    let s = school(&[
        ("vpr.math.5", 2022, "1/30"),
        ("oge.math.retake", 2022, "20/30"),
    ]);
    assert!(identify::low_procedures(&s, Year(2022), &with_retakes()).is_empty());
    assert_eq!(
        retake::diagnostics(&s)[0].kind,
        DiagnosticKind::RetakeWithoutMain
    );
    // Same denominator: no diagnostic.
    let s = school(&[
        ("oge.math", 2022, "12/40"),
        ("oge.math.retake", 2022, "2/40"),
    ]);
    assert!(retake::diagnostics(&s).is_empty());
}

#[test]
fn identification_year_is_the_latest_with_a_counted_result() {
    // domain.md §1: «the latest year that has any result of a counted procedure; a year column
    // with no data is not a candidate». 2023 has only a contingent count.
    let s = school(&[
        ("vpr.math.5", 2021, "10/30"),
        ("vpr.math.5", 2022, "12/30"),
        ("vpr.rus.5", 2021, "2/30"),
        ("vpr.rus.5", 2022, "3/30"),
        ("contingent.noo", 2023, "120"),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!(id.as_of, Some(Year(2022)));
    assert_eq!(id.status, Status::Shnor);
    assert_eq!(
        id.heading,
        "Идентификация в 2023-2024 учебном году — по результатам 2022-2023 и 2021-2022"
    );
    // dtk schools reads the same decision.
    let line = identify::status_line(&s, &Settings::default());
    assert_eq!((line.as_of, line.status), (Some(Year(2022)), Status::Shnor));
}

#[test]
fn missing_cells_taken_both_ways_name_the_deciding_cell() {
    // ВПР математика 6 кл. has a result in 2021, so it is expected in 2022; its 2022 cell is
    // empty. Known in 2022: ВПР математика 5 кл. 9/30 (low). Missing as not low → «зона риска»
    // (2021 has no low result); missing as low → two low in 2022 → ШНОР (Условие 1).
    let s = school(&[
        ("vpr.math.5", 2021, "2/30"),
        ("vpr.math.6", 2021, "3/31"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.math.6", 2022, ""),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!(id.status, Status::InsufficientData);
    assert_eq!(id.deciding_missing.len(), 1, "{:?}", id.deciding_missing);
    let d = &id.deciding_missing[0];
    assert_eq!(
        d.text,
        "если ВПР математика 6 кл. 2022-2023 окажется ≥ 30 % — ШНОР (Условие 1)"
    );
    assert_eq!(d.then, Status::Shnor);
    assert!(id.explanation.contains(&d.text), "{}", id.explanation);
    // The same cell «н/п» is not missing: «зона риска».
    let s = school(&[
        ("vpr.math.5", 2021, "2/30"),
        ("vpr.math.6", 2021, "3/31"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.math.6", 2022, "н/п"),
    ]);
    assert_eq!(identify(&s, &Settings::default()).status, Status::Risk);
}

#[test]
fn missing_cells_that_do_not_decide_are_said_not_to() {
    // Two low in 2022 (ШНОР by Условие 1) whatever the empty ВПР русский 5 кл. holds.
    let s = school(&[
        ("vpr.rus.5", 2021, "2/30"),
        ("vpr.math.5", 2021, "2/30"),
        ("vpr.math.6", 2021, "2/30"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.math.6", 2022, "10/30"),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!(id.status, Status::Shnor);
    assert!(id.deciding_missing.is_empty());
    assert!(id.missing_do_not_matter);
    assert!(id
        .explanation
        .ends_with("Пропуски в данных не влияют на статус."));
}

#[test]
fn one_result_out_of_nine_is_never_not_identified() {
    // The contingent shows pupils at both levels in both years, so all nine are expected; only
    // ВПР математика 5 кл. is filled (1/30, not low). Missing taken as low → ШНОР.
    let s = school(&[
        ("contingent.ooo", 2021, "200"),
        ("contingent.soo", 2021, "40"),
        ("contingent.ooo", 2022, "198"),
        ("contingent.soo", 2022, "38"),
        ("vpr.math.5", 2022, "1/30"),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!(id.status, Status::InsufficientData);
    // No single cell decides (one low is only «зона риска»… which differs from «не выявлена»):
    // each of the eight empty 2022 cells alone makes «зона риска».
    assert_eq!(id.deciding_missing.len(), 8, "{:?}", id.deciding_missing);
    assert!(id.deciding_missing.iter().all(|d| d.then == Status::Risk));
    assert_ne!(
        identify::status_line(&s, &Settings::default()).status,
        Status::NotShnor
    );
}

#[test]
fn a_year_the_file_lacks_is_one_entry_condition_2_cannot_be_checked() {
    let s = school(&[("vpr.math.5", 2022, "9/30"), ("vpr.rus.5", 2022, "1/30")]);
    let id = identify(&s, &Settings::default());
    assert_eq!(id.status, Status::InsufficientData);
    assert_eq!(id.deciding_missing.len(), 1);
    assert!(id.deciding_missing[0].procedure.is_none());
    assert!(id.deciding_missing[0]
        .text
        .contains("Условие 2 проверить нельзя"));
    assert!(id.explanation.contains("Условие 2 проверить нельзя"));
}

#[test]
fn how_to_leave_the_list_gives_next_years_ceilings() {
    // domain.md §1: «ВПР математика 5 кл.: не более 8 из 28» — 8/28 = 28,6 % < 30 %,
    // 9/28 = 32,1 % ≥ 30 %. 10·f < 3·n: n = 30 → 8 (9/30 is exactly 30 %), n = 10 → 2.
    assert_eq!(max_failed_under_30(28), 8);
    assert_eq!(max_failed_under_30(30), 8);
    assert_eq!(max_failed_under_30(31), 9);
    assert_eq!(max_failed_under_30(10), 2);
    assert_eq!(max_failed_under_30(1), 0);
    let s = school(&[
        ("vpr.math.5", 2021, "2/30"),
        ("oge.math", 2021, "1/20"),
        ("vpr.math.5", 2022, "10/28"),
        ("oge.math", 2022, "3/24"),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!(id.status, Status::Risk);
    let texts: Vec<&str> = id.ceilings.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "ВПР математика 5 кл.: не более 8 «2» из 28",
            "ОГЭ математика: не более 7 не преодолевших минимум из 24"
        ]
    );
    assert!(id.leave_note.unwrap().contains("2023-2024"));
    // A school that is not identified gets no ceilings.
    let s = school(&[("vpr.math.5", 2021, "2/30"), ("vpr.math.5", 2022, "3/30")]);
    assert!(identify(&s, &Settings::default()).ceilings.is_empty());
}

#[test]
fn the_table_shows_expected_empty_cells_as_gaps_and_flags_the_deciding_one() {
    // domain.md §1, «Missing data never decides a status silently»: the school of
    // `missing_cells_taken_both_ways_name_the_deciding_cell`. ВПР математика 6 кл. is expected in
    // 2022 (it has a result in 2021) and empty: marked as expected, and it decides the status.
    // Условие 1 is undecided (with the empty cell low: 9/30 and it — two low), Условие 2 is
    // decided «не выполнено» (2021: 2/30 = 6,7 % and 3/31 = 9,7 %, nothing empty).
    let s = school(&[
        ("vpr.math.5", 2021, "2/30"),
        ("vpr.math.6", 2021, "3/31"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.math.6", 2022, ""),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!((id.condition1_known, id.condition2_known), (false, true));
    let row = id.table.iter().find(|r| r.code == "vpr.math.6").unwrap();
    let cell = row.cells.iter().find(|c| c.year == Year(2022)).unwrap();
    assert!(cell.expected_empty && cell.deciding);
    assert_eq!(cell.text, "нет данных");
    let known = row.cells.iter().find(|c| c.year == Year(2021)).unwrap();
    assert!(!known.expected_empty && !known.deciding);
    // «н/п» is a fact, not a gap: both conditions decided, nothing flagged.
    let s = school(&[
        ("vpr.math.5", 2021, "2/30"),
        ("vpr.math.6", 2021, "3/31"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.math.6", 2022, "н/п"),
    ]);
    let id = identify(&s, &Settings::default());
    assert_eq!((id.condition1_known, id.condition2_known), (true, true));
    assert!(id
        .table
        .iter()
        .flat_map(|r| &r.cells)
        .all(|c| !c.expected_empty));
}

#[test]
fn expected_procedures_the_file_lacks_get_their_rows() {
    // The school of `one_result_out_of_nine_is_never_not_identified`: the contingent makes all
    // nine counted procedures expected in 2021 and 2022; only ВПР математика 5 кл. 2022 is in
    // the file. The table shows all nine, in catalogue order; the eight empty 2022 cells each
    // decide the status (each alone makes «зона риска»).
    let s = school(&[
        ("contingent.ooo", 2021, "200"),
        ("contingent.soo", 2021, "40"),
        ("contingent.ooo", 2022, "198"),
        ("contingent.soo", 2022, "38"),
        ("vpr.math.5", 2022, "1/30"),
    ]);
    let id = identify(&s, &Settings::default());
    let codes: Vec<&str> = id.table.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes.len(), 9, "{codes:?}");
    let order: Vec<usize> = codes
        .iter()
        .map(|c| {
            dtk_calc::core::catalogue::INDICATORS
                .iter()
                .position(|i| i.code == *c)
                .unwrap()
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    let gaps_2022 = id
        .table
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.year == Year(2022) && c.expected_empty)
        .count();
    assert_eq!(gaps_2022, 8);
    let deciding = id
        .table
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.deciding)
        .count();
    assert_eq!(deciding, 8);
}

#[test]
fn the_sliding_window_says_a_condition_cannot_be_checked_rather_than_no() {
    // 2021: ВПР математика 5 кл. 9/30 = 30 % (low) and ВПР математика 6 кл. empty though it
    // has results in 2020 and 2022: Условие 1 of the 2021 window could hold (two low) — not
    // «нет» but «проверить нельзя». 2022: nothing low, nothing empty — decided.
    let s = school(&[
        ("vpr.math.5", 2020, "2/30"),
        ("vpr.math.6", 2020, "3/31"),
        ("vpr.math.5", 2021, "9/30"),
        ("vpr.math.6", 2021, ""),
        ("vpr.math.5", 2022, "1/30"),
        ("vpr.math.6", 2022, "1/30"),
    ]);
    let w = identify::windows(&s, &Settings::default());
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].year, Year(2021));
    assert!(!w[0].condition1 && !w[0].condition1_known);
    assert!(w[0].condition2_known);
    assert_eq!(w[1].year, Year(2022));
    assert!(w[1].condition1_known && w[1].condition2_known);
}
