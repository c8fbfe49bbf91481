//! «Готово к сдаче?» (issue 11, item 8): per block filled per year, missing indicators by the
//! form's wording, failed cross-checks, the cells that decide the status, one line on top.

mod common;

use common::school;
use dtk_calc::core::identify::Settings;
use dtk_calc::core::report;

#[test]
fn the_example_school_can_be_submitted() {
    let loaded = common::load_bytes(dtk_calc::core::template::EXAMPLE_SCHOOL);
    let r = report::build(&loaded.schools[0], &Settings::default(), &[]);
    assert!(r.readiness.ready, "{:?}", r.readiness);
    assert_eq!(r.readiness.headline, "Можно сдавать");
    assert_eq!(r.readiness.blocks.len(), 10);
}

#[test]
fn missing_contradictions_and_deciding_cells_make_the_headline() {
    let s = school(&[
        ("vpr.math.5", 2021, "2/30"),
        ("vpr.math.6", 2021, "3/31"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.math.6", 2022, ""),
        // Parents' education sums to 90 % (tolerance 5 п.п.): a contradiction.
        ("parents.higher", 2022, "20 %"),
        ("parents.vocational", 2022, "40 %"),
        ("parents.secondary", 2022, "30 %"),
        // After the retake more than in the main period: a contradiction.
        ("oge.math", 2021, "1/38"),
        ("oge.math", 2022, "2/40"),
        ("oge.math.retake", 2022, "5/40"),
    ]);
    let r = report::build(&s, &Settings::default(), &[]);
    let rd = &r.readiness;
    assert!(!rd.ready);
    assert_eq!(rd.contradictions.len(), 2, "{:?}", rd.contradictions);
    assert_eq!(
        rd.deciding,
        ["Если ВПР математика 6 кл. 2022-2023 окажется ≥ 30 % — ШНОР (Условие 1)"]
    );
    // The form's wording of a missing indicator, with its block.
    assert!(rd
        .missing
        .iter()
        .any(|m| m.section == "1.2" && m.label.contains("Математика") && m.label.contains("6")));
    let n = rd.missing.len();
    assert!(
        rd.headline
            .starts_with(&format!("Не хватает {n} показател")),
        "{}",
        rd.headline
    );
    assert!(
        rd.headline
            .ends_with(", 2 противоречия; статус решают 1 пустая ячейка"),
        "{}",
        rd.headline
    );
    // Per block, per year: 1.2 has ВПР математика 5 кл. filled in 2022 (the empty 6 кл. is not).
    let b12 = rd.blocks.iter().find(|b| b.number == "1.2").unwrap();
    assert_eq!(b12.filled[&dtk_calc::core::model::Year(2022)], 1);
}
