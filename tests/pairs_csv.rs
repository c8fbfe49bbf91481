//! The five «Вывод / Проблема» pairs in the report CSV (issue 11, item 3: «in XLSX/CSV/JSON,
//! keys 1.1, 1.2, 1.3, 2, 3»): every pair is written; the user's texts come back as the same
//! texts when the CSV is opened again; generated ones are generated anew from the data.

use dtk_calc::core::export::{self, Edits};
use dtk_calc::core::identify::Settings;
use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::report;
use dtk_calc::core::rules::{PairId, PAIRS};

const EXAMPLE: &[u8] = include_bytes!("../src/core/example-school.csv");

#[test]
fn the_users_texts_round_trip_through_the_report_csv_and_generated_ones_are_regenerated() {
    let first = load(EXAMPLE, &LoadOptions::default()).unwrap();
    let r = report::build(&first.schools[0], &Settings::default(), &first.diagnostics);
    let mut edits = Edits::new();
    edits.insert(
        "1.2/conclusion".into(),
        "Наш вывод; с «кавычками»\nи второй строкой".into(),
    );
    edits.insert("3/problems".into(), "• Первая\n• =HYPERLINK(\"x\")".into());
    let csv = export::report_csv(&r, &edits);
    let text = String::from_utf8(csv.clone()).unwrap();
    // All five pairs are in the file, each as «Вывод» and «Проблема»: ten rows.
    for p in PAIRS {
        for part in ["conclusion", "problems"] {
            let own = text.contains(&format!("text.{}.{part};", p.key));
            let auto = text.contains(&format!("auto.{}.{part};", p.key));
            assert!(own ^ auto, "{} {part}", p.key);
        }
    }
    assert!(text.contains("text.1.2.conclusion;"));
    assert!(text.contains("text.3.problems;"));
    // The formula-like line is guarded inside its cell's first character only when it starts
    // the cell; here it is the second line, and the cell starts with «Первая».
    let again = load(&csv, &LoadOptions::default()).unwrap();
    assert!(
        again
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("неизвестный код")),
        "{:?}",
        again.diagnostics
    );
    let school = &again.schools[0];
    assert_eq!(school.texts.len(), 2, "{:?}", school.texts);
    assert_eq!(
        school.texts["1.2/conclusion"],
        "Наш вывод; с «кавычками»\nи второй строкой"
    );
    assert_eq!(school.texts["3/problems"], "Первая\n=HYPERLINK(\"x\")");
    let r2 = report::build(school, &Settings::default(), &again.diagnostics);
    let pair =
        |r: &report::Report, id: PairId| r.pairs.iter().find(|p| p.id == id).unwrap().clone();
    assert_eq!(
        pair(&r2, PairId::P1_2).conclusion,
        "Наш вывод; с «кавычками»\nи второй строкой"
    );
    assert_eq!(
        pair(&r2, PairId::P3).problems,
        ["Первая", "=HYPERLINK(\"x\")"]
    );
    // Generated texts are generated, not read: the same as before.
    for id in [PairId::P1_1, PairId::P1_3, PairId::P2] {
        assert_eq!(pair(&r2, id), pair(&r, id));
    }
    assert_eq!(
        pair(&r2, PairId::P3).conclusion,
        pair(&r, PairId::P3).conclusion
    );
    // Written again without page edits, the file's texts are still the user's: the same bytes.
    assert_eq!(export::report_csv(&r2, &Edits::new()), csv);
    // And `dtk report --json` shows them (the report's pairs).
    let json = serde_json::to_string(&r2).unwrap();
    assert!(json.contains("Наш вывод"));
}

#[test]
fn a_generated_pair_row_is_not_read_back_and_an_unknown_pair_is_an_unknown_code() {
    let csv = "код;показатель;2022-2023\nschool.name;ОО;Школа\nvpr.math.5;ВПР;9/30\n\
               auto.1.1.conclusion;Вывод;старый текст\ntext.9.conclusion;Вывод;что-то\n";
    let l = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    assert!(l.schools[0].texts.is_empty());
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.message.contains("неизвестный код") && d.to_string().contains("text.9")));
}
