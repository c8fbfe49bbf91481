//! The schools table's tests: search keys, natural order, filters, counts and the CSV for Excel.
use super::*;
use crate::core::many::schools::summarize;
use crate::core::method::identify::Settings;
use crate::core::read::load::{load, LoadOptions};

const FILE: &str = "ОО;муниципалитет;учебный год;процедура;предмет;класс;участников;не справились
СОШ № 10;Южный;2022-2023;ВПР;математика;5;30;12
СОШ № 10;Южный;2022-2023;ВПР;русский язык;5;30;10
СОШ № 2;Северный;2022-2023;ВПР;математика;5;30;1
Школа «Ёлочка»;Северный;2022-2023;ВПР;математика;5;30;9
Школа «Ёлочка»;Северный;2021-2022;ВПР;математика;5;30;2
=HYPERLINK(1);;2022-2023;ВПР;математика;5;30;2
";

fn overview() -> (Overview, SourceInfo) {
    let l = load(FILE.as_bytes(), &LoadOptions::default()).unwrap();
    let s = summarize(&l.schools, &Settings::default());
    (Overview::new(l.info.clone(), l.diagnostics, s), l.info)
}

#[test]
fn natural_order_reads_numbers_and_ignores_case() {
    assert_eq!(natural_cmp("СОШ № 2", "СОШ № 10"), Ordering::Less);
    assert_eq!(natural_cmp("СОШ № 010", "СОШ № 10"), Ordering::Equal);
    assert_eq!(natural_cmp("Ёлочка", "елочка"), Ordering::Equal);
    assert_eq!(natural_cmp("школа", "Школа Б"), Ordering::Less);
    assert_eq!(natural_cmp("a", "B"), Ordering::Less);
    assert_eq!(natural_cmp("Б", "а"), Ordering::Greater);
}

#[test]
fn ranks_sort_as_names_do() {
    let (o, _) = overview();
    let keys: Vec<String> = o.summary.schools.iter().map(search_key).collect();
    let mut unranked = o.clone();
    unranked.order = Order::default();
    for sort in [
        SortKey::Name,
        SortKey::Municipality,
        SortKey::Status,
        SortKey::Worst,
    ] {
        for reverse in [false, true] {
            let q = Query {
                sort,
                reverse,
                ..Query::default()
            };
            assert_eq!(select(&o, &keys, &q), select(&unranked, &keys, &q), "{q:?}");
        }
    }
}

#[test]
fn thousands_are_spaced() {
    assert_eq!(thousands(7), "7");
    assert_eq!(thousands(1234), "1\u{202f}234");
    assert_eq!(thousands(1_080_000), "1\u{202f}080\u{202f}000");
}

#[test]
fn sorts_worst_first_then_by_name_naturally() {
    let (o, _) = overview();
    let s = &o.summary;
    let keys: Vec<String> = s.schools.iter().map(search_key).collect();
    let rows = select(&o, &keys, &Query::default());
    let names: Vec<&str> = rows.iter().map(|&i| s.schools[i].school.as_str()).collect();
    assert_eq!(names[0], "СОШ № 10");
    let by_name = select(
        &o,
        &keys,
        &Query {
            sort: SortKey::Name,
            ..Query::default()
        },
    );
    let names: Vec<&str> = by_name
        .iter()
        .map(|&i| s.schools[i].school.as_str())
        .collect();
    assert_eq!(&names[..2], &["=HYPERLINK(1)", "СОШ № 2"]);
    assert_eq!(names[2], "СОШ № 10");
}

#[test]
fn filters_by_status_municipality_and_search_with_yo() {
    let (o, _) = overview();
    let s = &o.summary;
    let keys: Vec<String> = s.schools.iter().map(search_key).collect();
    let q = |query: Query| select(&o, &keys, &query).len();
    assert_eq!(
        q(Query {
            status: Some(Status::Shnor),
            ..Query::default()
        }),
        1
    );
    assert_eq!(
        q(Query {
            municipality: Some("Северный".into()),
            ..Query::default()
        }),
        2
    );
    assert_eq!(
        q(Query {
            municipality: Some(NO_MUNICIPALITY.into()),
            ..Query::default()
        }),
        1
    );
    assert_eq!(
        q(Query {
            search: "  ЕЛОЧКА ".into(),
            ..Query::default()
        }),
        1
    );
}

#[test]
fn csv_is_excel_ru_and_formulas_stay_text() {
    let (o, info) = overview();
    let s = &o.summary;
    let keys: Vec<String> = s.schools.iter().map(search_key).collect();
    let rows = select(&o, &keys, &Query::default());
    let csv = String::from_utf8(to_csv(s, &info, &rows)).unwrap();
    assert!(csv.starts_with("\u{FEFF}№;ОО;Код ОО;Муниципалитет;Статус;"));
    assert!(csv.contains("\r\n1;СОШ № 10;;Южный;ШНОР;У1;2022-2023;"));
    assert!(csv.contains(";40,00\r\n"));
    // Guarded by the one CSV writer (quoted only when a cell needs quotes).
    assert!(csv.contains(";'=HYPERLINK(1);"), "{csv}");
}

#[test]
fn one_school_keeps_its_rows_diagnostics() {
    let file = format!("{FILE}СОШ № 2;Северный;2021-2022;ВПР;математика;5;3O;1\n");
    let l = load(file.as_bytes(), &LoadOptions::default()).unwrap();
    let i = l
        .schools
        .iter()
        .position(|s| s.display_name() == "СОШ № 2")
        .unwrap();
    let one = OneSchool::of(&l.schools[i], &l.diagnostics);
    assert!(
        one.diagnostics.iter().any(|d| d.row == Some(8)),
        "{:?}",
        l.diagnostics
    );
    let other = OneSchool::of(&l.schools[0], &l.diagnostics);
    assert!(other.diagnostics.iter().all(|d| d.row != Some(8)));
    // What crosses to the page survives the trip (a diagnostic's kind is not in the JSON).
    let json = serde_json::to_string(&one).unwrap();
    let back: OneSchool = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}
