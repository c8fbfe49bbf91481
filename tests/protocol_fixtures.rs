//! Small protocol workbooks for the tests (host and e2e), laid out like the real ФИС ОКО ones
//! (tests/data/real/fisoko-protocols-2022): sheets «Классы» and «Протокол», logins and names
//! in one cell «edu223017 | МБОУ …». Written by `cargo test --test protocol_fixtures --
//! --ignored` into tests/fixtures/protocols/; the test without `--ignored` checks that the
//! committed files are what this code writes (so they never drift from their description).

use rust_xlsxwriter::Workbook;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/protocols");

const SCHOOL: &str = "edu223017 | МБОУ \"Вавилонская СОШ\"";

/// A protocol workbook: `tasks` are the headers «1 (1б)»…, `rows` the pupils as (variant,
/// scores, class, journal, total); `journal` = whether the journal-mark column is there.
fn protocol(
    textbook: &str,
    tasks: &[&str],
    rows: &[(&str, &[&str], &str, &str, &str)],
    journal: bool,
) -> Vec<u8> {
    let mut wb = Workbook::new();
    let head = [
        "Пользователь",
        "Код региона",
        "Регион",
        "Муниципалитет",
        "Школа",
        "Дата загрузки",
    ];
    let first = [
        "edu223017",
        "22",
        "reg220000 | Алтайский край",
        "reg22_m001 | Алейский муниципальный район",
        SCHOOL,
        "19.04.2022 10:00:00",
    ];
    {
        let ws = wb.add_worksheet().set_name("Классы").unwrap();
        for (c, h) in head.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
            ws.write_string(1, c as u16, first[c]).unwrap();
        }
        ws.write_string(
            0,
            6,
            "Буква (цифра) класса. Введите \"нет\" - если отсутствует",
        )
        .unwrap();
        ws.write_string(0, 7, "Основной учебник по предмету")
            .unwrap();
        ws.write_string(1, 6, "нет").unwrap();
        ws.write_string(1, 7, textbook).unwrap();
    }
    let ws = wb.add_worksheet().set_name("Протокол").unwrap();
    let mut header: Vec<&str> = head.to_vec();
    header.extend(["Код", "Вариант"]);
    header.extend(tasks);
    header.extend(["Наименование класса", "Пол"]);
    if journal {
        header.push("Отметка за предыдущий триместр/ четверть/полугодие");
    }
    header.push("Итого баллов");
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let write = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: &str| {
        if v.is_empty() {
            return;
        }
        match v.parse::<f64>() {
            Ok(n) => ws.write_number(r, c, n).unwrap(),
            Err(_) => ws.write_string(r, c, v).unwrap(),
        };
    };
    for (i, (variant, scores, class, mark, total)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, v) in first.iter().enumerate() {
            write(ws, r, c as u16, v);
        }
        write(ws, r, 6, &format!("{}", 60001 + i));
        write(ws, r, 7, variant);
        let mut c = 8u16;
        for s in scores.iter() {
            write(ws, r, c, s);
            c += 1;
        }
        write(ws, r, c, class);
        write(ws, r, c + 1, if i % 2 == 0 { "ж" } else { "м" });
        c += 2;
        if journal {
            write(ws, r, c, mark);
            c += 1;
        }
        write(ws, r, c, total);
    }
    wb.save_to_buffer().unwrap()
}

const MATH6: &[&str] = &[
    "1 (1б)", "2 (1б)", "3 (1б)", "4 (1б)", "5 (1б)", "6 (1б)", "7 (1б)", "8 (1б)", "9 (2б)",
    "10 (1б)", "11 (2б)", "12 (1б)", "13 (2б)",
];

/// Every fixture: (file name, bytes).
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    // ВПР математика 6 кл. of the same school as the real grade-5 protocol: 10 rows, one
    // absent. With the scale 6,10,14: totals 3, 4, 5 are «2» (3 of 9 participants = 33,3 %).
    let math6 = protocol(
        "ma6.3 | 1.2.4.1.3.2 | Виленкин",
        MATH6,
        &[
            (
                "1",
                &[
                    "1", "0", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0",
                ],
                "нет",
                "3",
                "3",
            ),
            (
                "2",
                &[
                    "1", "1", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0",
                ],
                "нет",
                "3",
                "4",
            ),
            (
                "1",
                &[
                    "1", "1", "1", "0", "1", "0", "1", "0", "0", "0", "0", "0", "0",
                ],
                "нет",
                "3",
                "5",
            ),
            (
                "2",
                &[
                    "1", "1", "1", "1", "1", "0", "1", "0", "0", "0", "0", "0", "0",
                ],
                "нет",
                "3",
                "6",
            ),
            (
                "1",
                &[
                    "1", "1", "1", "1", "1", "1", "1", "0", "1", "0", "0", "0", "0",
                ],
                "нет",
                "4",
                "8",
            ),
            (
                "2",
                &[
                    "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "0", "0", "0",
                ],
                "нет",
                "4",
                "10",
            ),
            (
                "1",
                &[
                    "1", "1", "1", "1", "1", "1", "1", "1", "2", "1", "1", "0", "0",
                ],
                "нет",
                "4",
                "12",
            ),
            (
                "2",
                &[
                    "1", "1", "1", "1", "1", "1", "1", "1", "2", "1", "2", "1", "0",
                ],
                "нет",
                "5",
                "14",
            ),
            ("отсутствовал", &[], "", "", "0"),
            (
                "1",
                &[
                    "1", "1", "1", "1", "1", "1", "1", "1", "2", "1", "2", "1", "1",
                ],
                "нет",
                "4",
                "15",
            ),
        ],
        true,
    );
    // The same work without the journal-mark column.
    let no_journal = protocol(
        "ma6.3 | 1.2.4.1.3.2 | Виленкин",
        MATH6,
        &[
            (
                "1",
                &[
                    "1", "0", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0",
                ],
                "нет",
                "",
                "3",
            ),
            (
                "2",
                &[
                    "1", "1", "1", "1", "1", "1", "1", "1", "2", "1", "2", "1", "0",
                ],
                "нет",
                "",
                "14",
            ),
        ],
        false,
    );
    // A score above its task's maximum («9 (2б)» = 3, row 2) and a total that disagrees with
    // the task scores (row 3: the tasks add up to 5, the total says 7).
    let impossible = protocol(
        "ma6.3 | 1.2.4.1.3.2 | Виленкин",
        MATH6,
        &[
            (
                "1",
                &[
                    "1", "1", "1", "1", "1", "1", "1", "1", "3", "0", "0", "0", "0",
                ],
                "нет",
                "4",
                "11",
            ),
            (
                "2",
                &[
                    "1", "1", "1", "0", "1", "0", "1", "0", "0", "0", "0", "0", "0",
                ],
                "нет",
                "3",
                "7",
            ),
        ],
        true,
    );
    vec![
        ("edu223017_math6_2022.xlsx", math6),
        ("edu223017_math6_no_journal.xlsx", no_journal),
        ("edu223017_math6_impossible.xlsx", impossible),
    ]
}

#[test]
#[ignore = "writes tests/fixtures/protocols; run with --ignored after changing the fixtures"]
fn write_fixtures() {
    std::fs::create_dir_all(DIR).unwrap();
    for (name, bytes) in fixtures() {
        std::fs::write(format!("{DIR}/{name}"), bytes).unwrap();
    }
}

/// The committed fixtures read back as protocols with what this file says they hold (the
/// XLSX bytes themselves carry a timestamp-free but writer-version-dependent layout, so the
/// content is compared, not the bytes).
#[test]
fn committed_fixtures_hold_what_they_say() {
    use dtk_calc::core::protocol::read;
    for (name, bytes) in fixtures() {
        let committed = std::fs::read(format!("{DIR}/{name}")).unwrap();
        let a = read(&committed, Some(name)).unwrap();
        let b = read(&bytes, Some(name)).unwrap();
        assert_eq!(a, b, "{name}");
    }
}
