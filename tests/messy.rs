//! Real-world files: every encoding, delimiter and line ending Russian offices produce, the
//! defects people leave in them, and spreadsheets (XLSX, XLS, ODS). Each fixture in
//! `tests/fixtures/messy/` (made by `make.py` there) is read, and the test checks the
//! diagnostics it must give — severity, row, column and wording — and the results that must
//! survive it: a bad cell invalidates only itself.

use std::path::{Path, PathBuf};

use dtk_calc::core::decode::{self, Encoding};
use dtk_calc::core::identify::{identify_status, Settings, Status};
use dtk_calc::core::load::{self, Format, LoadError, LoadOptions, Loaded};
use dtk_calc::core::model::{DiagnosticKind, Num, Severity, Value, Year};
use dtk_calc::core::sheet::SpreadsheetKind;
use dtk_calc::core::table::Delimiter;
use dtk_calc::core::{report, template};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn open(name: &str) -> Result<Loaded, LoadError> {
    let options = LoadOptions {
        file_name: Some(name.to_string()),
        ..LoadOptions::default()
    };
    load::load(&read(name), &options)
}

/// An exact decimal as text: `{367, 1}` → «36.7».
fn num(n: Num) -> String {
    let neg = n.mant < 0;
    let digits = n.mant.unsigned_abs().to_string();
    let scale = n.scale as usize;
    let s = if scale == 0 {
        digits
    } else {
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (i, f) = padded.split_at(padded.len() - scale);
        let f = f.trim_end_matches('0');
        if f.is_empty() {
            i.to_string()
        } else {
            format!("{i}.{f}")
        }
    };
    if neg {
        format!("-{s}")
    } else {
        s
    }
}

/// A value as the expectations below write it.
fn show(v: &Value) -> String {
    match v {
        Value::Missing => "—".into(),
        Value::NotHeld => "н/п".into(),
        Value::Number(n) => num(*n),
        Value::Percent { value, .. } => format!("{}%", num(*value)),
        Value::Ratio { part, whole, .. } => format!("{part}/{whole}"),
        Value::Bool(b) => if *b { "да" } else { "нет" }.into(),
        Value::Text(t) => t.clone(),
        Value::Invalid(raw) => format!("!{raw}"),
    }
}

/// An expected diagnostic: severity, row, column, kind, and — where one kind covers several
/// explanations (a cell that cannot be read, a share read as a percentage) — a fragment of the
/// message that tells which; empty otherwise.
struct D(
    Severity,
    Option<usize>,
    Option<&'static str>,
    DiagnosticKind,
    &'static str,
);

use DiagnosticKind as K;

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;
const I: Severity = Severity::Info;

/// What reading a fixture must give.
enum Expect {
    /// The file cannot be read: a fragment of the Russian message.
    Fails(&'static str),
    Reads {
        format: Format,
        /// Every warning and error must be listed here (info may be extra).
        diags: Vec<D>,
        /// (code, year, value) of the first school.
        values: Vec<(&'static str, u16, &'static str)>,
        /// Status of the first school with (Условие 1, Условие 2).
        status: (Status, bool, bool),
        /// The sheet read, for a spreadsheet; every diagnostic carries it.
        sheet: Option<&'static str>,
    },
}

struct Case {
    file: &'static str,
    expect: Expect,
}

fn fails(file: &'static str, message: &'static str) -> Case {
    Case {
        file,
        expect: Expect::Fails(message),
    }
}

/// The base school of make.py in format A, with the diagnostics and values a fixture adds.
fn template(
    file: &'static str,
    diags: Vec<D>,
    values: Vec<(&'static str, u16, &'static str)>,
    status: (Status, bool, bool),
) -> Case {
    Case {
        file,
        expect: Expect::Reads {
            format: Format::Template,
            diags,
            values,
            status,
            sheet: None,
        },
    }
}

fn results(
    file: &'static str,
    diags: Vec<D>,
    values: Vec<(&'static str, u16, &'static str)>,
    status: (Status, bool, bool),
) -> Case {
    Case {
        file,
        expect: Expect::Reads {
            format: Format::Results,
            diags,
            values,
            status,
            sheet: None,
        },
    }
}

fn on_sheet(mut case: Case, name: &'static str) -> Case {
    if let Expect::Reads { sheet, .. } = &mut case.expect {
        *sheet = Some(name);
    }
    case
}

/// ШНОР by both conditions: the base school untouched where it matters.
const BOTH: (Status, bool, bool) = (Status::Shnor, true, true);
/// ШНОР by Условие 2 only (one of 2022-2023's two low results was lost to a bad cell).
const COND2: (Status, bool, bool) = (Status::Shnor, false, true);

/// The base school's key values, to check that they survive.
fn base_values() -> Vec<(&'static str, u16, &'static str)> {
    vec![
        ("vpr.math.5", 2022, "11/30"),
        ("vpr.math.5", 2021, "9/28"),
        ("contingent.ooo", 2020, "212"),
        ("oge.rus", 2020, "4.3%"),
        ("oge.rus", 2022, "2/24"),
        ("staff.psychologist", 2022, "нет"),
    ]
}

fn with(extra: Vec<(&'static str, u16, &'static str)>) -> Vec<(&'static str, u16, &'static str)> {
    let mut v = base_values();
    v.retain(|(c, y, _)| !extra.iter().any(|(c2, y2, _)| c == c2 && y == y2));
    v.extend(extra);
    v
}

fn results_values() -> Vec<(&'static str, u16, &'static str)> {
    vec![
        ("vpr.math.5", 2021, "9/28"),
        ("vpr.math.5", 2022, "11/30"),
        ("vpr.rus.5", 2022, "10/30"),
    ]
}

fn cases() -> Vec<Case> {
    let y21 = Some("2021-2022");
    let y22 = Some("2022-2023");
    let y20 = Some("2020-2021");
    vec![
        // ---- Encodings, delimiters, line endings ----
        template("a01_utf8_bom.csv", vec![], base_values(), BOTH),
        template("a02_cp1251.csv", vec![], base_values(), BOTH),
        template("a03_utf16le_bom_tab.txt", vec![], base_values(), BOTH),
        template("a04_utf16be_bom.csv", vec![], base_values(), BOTH),
        template("a05_utf16le_nobom_tab.txt", vec![], base_values(), BOTH),
        template(
            "a06_cr_only.csv",
            vec![D(E, Some(4), y21, K::UnreadableCell, "ожидалась дробь")],
            with(vec![("vpr.math.5", 2021, "!1l/28")]),
            (Status::Shnor, true, false),
        ),
        template("a07_comma_lf.csv", vec![], base_values(), BOTH),
        template(
            "a08_mixed_eol.csv",
            vec![D(E, Some(6), y20, K::UnreadableCell, "ожидалась дробь")],
            with(vec![
                ("vpr.math.6", 2020, "!3/3O"),
                ("vpr.math.6", 2022, "5/30"),
            ]),
            BOTH,
        ),
        // The label of row 3 holds a line break: the next rows start a line later.
        template(
            "a09_multiline_quoted.csv",
            vec![D(E, Some(6), y22, K::UnreadableCell, "ожидалась дробь")],
            with(vec![("vpr.rus.5", 2022, "!10/3O")]),
            COND2,
        ),
        template("a10_trailing_empty.csv", vec![], base_values(), BOTH),
        template("a11_sep_line.csv", vec![], base_values(), BOTH),
        template(
            "a12_title_rows.csv",
            vec![D(E, Some(6), y21, K::UnreadableCell, "не число")],
            with(vec![("contingent.ooo", 2021, "!2O5")]),
            BOTH,
        ),
        // ---- Defects in cells ----
        template(
            "a13_bad_fraction.csv",
            vec![D(
                E,
                Some(4),
                y21,
                K::UnreadableCell,
                "ожидалась дробь вида «11/30»",
            )],
            with(vec![("vpr.math.5", 2021, "!1l/28")]),
            (Status::Shnor, true, false),
        ),
        template(
            "a14_failed_gt_participants.csv",
            vec![D(
                E,
                Some(5),
                y22,
                K::UnreadableCell,
                "не справившихся не может быть больше участников",
            )],
            with(vec![("vpr.rus.5", 2022, "!31/30")]),
            COND2,
        ),
        template(
            "a15_share_over_100.csv",
            vec![D(E, Some(7), y21, K::UnreadableCell, "доля больше 100 %")],
            with(vec![("oge.rus", 2021, "!136,7 %")]),
            BOTH,
        ),
        template(
            "a16_negative_count.csv",
            vec![D(
                E,
                Some(3),
                y22,
                K::UnreadableCell,
                "не может быть отрицательным",
            )],
            with(vec![("contingent.ooo", 2022, "!-5")]),
            BOTH,
        ),
        template(
            "a17_parents_sum.csv",
            vec![D(W, Some(8), y21, K::ParentsSum, "")],
            with(vec![("parents.secondary", 2021, "40%")]),
            BOTH,
        ),
        template(
            "a18_unknown_codes.csv",
            vec![
                D(W, Some(7), Some("код"), K::UnknownCode, ""),
                D(W, Some(8), Some("код"), K::UnknownCode, ""),
            ],
            with(vec![("oge.rus", 2022, "2/24")]),
            BOTH,
        ),
        template(
            "a19_duplicate_code.csv",
            vec![D(W, Some(12), Some("код"), K::Repeated, "")],
            base_values(),
            BOTH,
        ),
        template(
            "a20_duplicate_year.csv",
            vec![D(W, Some(1), Some("2022/23"), K::RepeatedYear, "")],
            base_values(),
            BOTH,
        ),
        template(
            "a21_years_unordered.csv",
            vec![D(I, Some(1), y20, K::YearsOutOfOrder, "")],
            base_values(),
            BOTH,
        ),
        template(
            "a22_nbsp_numbers.csv",
            vec![],
            with(vec![("contingent.ooo", 2020, "1212")]),
            BOTH,
        ),
        template(
            "a23_excel_date_share.csv",
            vec![D(
                E,
                Some(6),
                y22,
                K::UnreadableCell,
                "Excel превращает дробь",
            )],
            with(vec![("vpr.math.6", 2022, "!09.12.2022")]),
            BOTH,
        ),
        template(
            "a24_formula_errors.csv",
            vec![
                D(E, Some(3), y21, K::UnreadableCell, "ошибка в формуле"),
                D(E, Some(5), y20, K::UnreadableCell, "ошибка в формуле"),
            ],
            with(vec![("contingent.ooo", 2021, "!#DIV/0!")]),
            BOTH,
        ),
        fails("a25_blank.csv", "файл пуст"),
        fails("a26_binary.bin", "не найден заголовок"),
        fails("a27_no_header.csv", "Первая строка файла: «a | b | c»"),
        template("a28_quotes.csv", vec![], base_values(), BOTH),
        template(
            "a29_not_held_missing.csv",
            vec![],
            with(vec![
                ("oge.rus", 2021, "н/п"),
                ("vpr.math.6", 2020, "—"),
                ("vpr.math.6", 2021, "—"),
                ("contingent.ooo", 2020, "—"),
            ]),
            BOTH,
        ),
        template(
            "a30_mojibake.csv",
            vec![D(W, None, None, K::Encoding, "")],
            base_values(),
            BOTH,
        ),
        template(
            "a31_huge_number.csv",
            vec![D(E, Some(3), y20, K::UnreadableCell, "не число")],
            with(vec![
                ("contingent.ooo", 2020, "!99999999999999999999"),
                ("contingent.ooo", 2021, "205"),
            ]),
            BOTH,
        ),
        template(
            "a32_header_only.csv",
            vec![D(E, None, None, K::NoValues, "")],
            vec![],
            (Status::InsufficientData, false, false),
        ),
        template("a33_excel_sep_comma.csv", vec![], base_values(), BOTH),
        template("a34_ratio_words.csv", vec![], base_values(), BOTH),
        template(
            "a35_unclosed_quote.csv",
            vec![D(W, Some(2), y20, K::UnclosedQuote, "")],
            base_values(),
            BOTH,
        ),
        template("a36_multiline_label_comma.csv", vec![], base_values(), BOTH),
        // ---- Results (format B) ----
        results("b01_results.csv", vec![], results_values(), BOTH),
        results(
            "b02_failed_gt_participants.csv",
            vec![D(
                E,
                Some(3),
                Some("не справились"),
                K::UnreadableCell,
                "не справившихся больше, чем участников (30)",
            )],
            vec![("vpr.math.5", 2022, "!31"), ("vpr.rus.5", 2022, "10/30")],
            COND2,
        ),
        results(
            "b03_share_mismatch.csv",
            vec![D(W, Some(3), Some("доля"), K::CountsDisagree, "")],
            results_values(),
            BOTH,
        ),
        results(
            "b04_share_fraction.csv",
            vec![D(
                W,
                Some(3),
                Some("доля"),
                K::CountsDisagree,
                "в долях единицы",
            )],
            results_values(),
            BOTH,
        ),
        results(
            "b05_negative.csv",
            vec![D(
                E,
                Some(5),
                Some("участников"),
                K::UnreadableCell,
                "не может быть отрицательным",
            )],
            results_values(),
            BOTH,
        ),
        results(
            "b06_duplicate_row.csv",
            vec![D(W, Some(7), Some("процедура"), K::Repeated, "")],
            results_values(),
            BOTH,
        ),
        results(
            "b07_unknown_procedure.csv",
            vec![D(I, Some(7), Some("предмет"), K::UnknownProcedure, "")],
            results_values(),
            BOTH,
        ),
        results(
            "b08_bad_year.csv",
            vec![D(E, Some(4), Some("учебный год"), K::NotAYear, "")],
            vec![("vpr.math.5", 2022, "11/30")],
            (Status::Shnor, false, true),
        ),
        results(
            "b09_marks.csv",
            vec![D(W, Some(3), Some("участников"), K::CountsDisagree, "")],
            vec![("vpr.math.5", 2022, "11/30"), ("vpr.rus.5", 2022, "10/30")],
            (Status::Shnor, true, false),
        ),
        results(
            "b10_english_cp1251_comma.csv",
            vec![],
            results_values(),
            BOTH,
        ),
        results("b11_utf16_tab.txt", vec![], results_values(), BOTH),
        fails("b12_protocol.csv", "Это протокол ВПР из ФИС ОКО"),
        results("b13_title_rows.csv", vec![], results_values(), BOTH),
        results("b14_not_held.csv", vec![], results_values(), BOTH),
        // ---- Spreadsheets ----
        on_sheet(
            template(
                "s01_template.xlsx",
                vec![D(E, Some(7), y21, K::UnreadableCell, "ожидалась дробь")],
                with(vec![
                    ("contingent.ooo", 2020, "212"),
                    ("contingent.ooo", 2021, "205"),
                    ("contingent.ooo", 2022, "198"),
                    ("vpr.rus.5", 2021, "!1l/29"),
                    ("staff.psychologist", 2021, "да"),
                ]),
                BOTH,
            ),
            "ДТК",
        ),
        on_sheet(
            template(
                "s02_percent.xlsx",
                // A plain 0.367 (General format) is kept as 0,367 % but questioned (issue 15).
                vec![D(W, Some(7), y21, K::ShareAssumed, "доля 36,7 %")],
                with(vec![
                    ("oge.rus", 2020, "4.3%"),
                    ("oge.rus", 2021, "0.367%"),
                    ("oge.rus", 2022, "36.7%"),
                    ("progress.math.overall", 2020, "94.1%"),
                    ("progress.math.overall", 2021, "94.1%"),
                    ("progress.math.overall", 2022, "90%"),
                ]),
                BOTH,
            ),
            "Лист1",
        ),
        on_sheet(
            results(
                "s03_results.xlsx",
                vec![D(W, Some(3), Some("доля"), K::CountsDisagree, "")],
                results_values(),
                BOTH,
            ),
            " результаты ",
        ),
        on_sheet(
            results(
                "s04_results.ods",
                vec![D(W, Some(4), Some("доля"), K::CountsDisagree, "")],
                results_values(),
                BOTH,
            ),
            "Результаты",
        ),
        on_sheet(
            template(
                "s05_template.ods",
                vec![D(W, Some(9), y21, K::ShareAssumed, "доля 36,7 %")],
                with(vec![("oge.rus", 2020, "4.3%"), ("oge.rus", 2021, "0.367%")]),
                BOTH,
            ),
            "Лист1",
        ),
        fails(
            "s07_truncated.xlsx",
            "повреждён или это не электронная таблица",
        ),
        fails("s08_word.docx", "повреждён или это не электронная таблица"),
        fails("s09_empty.xlsx", "файл пуст"),
        fails("s10_unrecognized.xlsx", "Первая строка листа «Лист1»"),
        on_sheet(
            template(
                "s11_errors_dates.xlsx",
                vec![
                    D(
                        E,
                        Some(3),
                        y21,
                        K::UnreadableCell,
                        "ошибка в формуле электронной таблицы (#DIV/0!)",
                    ),
                    D(
                        E,
                        Some(6),
                        y22,
                        K::UnreadableCell,
                        "Excel превращает дробь вроде «9/12» в дату",
                    ),
                ],
                with(vec![
                    ("contingent.ooo", 2021, "!#DIV/0!"),
                    ("vpr.math.6", 2022, "!09.12.2022"),
                ]),
                BOTH,
            ),
            "ДТК",
        ),
        fails("s12_password.xlsx", "защищена паролем"),
        fails(
            "s16_password.ods",
            "книга ODS (OpenDocument) защищена паролем",
        ),
        on_sheet(
            template("s13_empty_then_filled.xlsx", vec![], base_values(), BOTH),
            "Школа 7",
        ),
        on_sheet(
            template("s14_protocol_and_dtk.xlsx", vec![], base_values(), BOTH),
            "дтк",
        ),
        on_sheet(
            template(
                "s15_template.xls",
                vec![D(E, Some(5), y21, K::UnreadableCell, "ожидалась дробь")],
                with(vec![
                    ("contingent.ooo", 2021, "205"),
                    ("vpr.rus.5", 2021, "!1l/29"),
                ]),
                BOTH,
            ),
            "ДТК",
        ),
    ]
}

/// Checks one case; returns what went wrong, if anything.
fn check(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let result = open(case.file);
    match (&case.expect, result) {
        (Expect::Fails(fragment), Err(e)) => {
            let text = e.to_string();
            if !text.contains(fragment) {
                problems.push(format!("error «{text}» lacks «{fragment}»"));
            }
        }
        (Expect::Fails(fragment), Ok(_)) => {
            problems.push(format!("read, but should fail with «{fragment}»"));
        }
        (Expect::Reads { .. }, Err(e)) => problems.push(format!("failed: {e}")),
        (
            Expect::Reads {
                format,
                diags,
                values,
                status,
                sheet,
            },
            Ok(loaded),
        ) => {
            if loaded.info.format != *format {
                problems.push(format!("format {:?}", loaded.info.format));
            }
            if loaded.info.sheet.as_deref() != *sheet {
                problems.push(format!("sheet {:?}", loaded.info.sheet));
            }
            for d in &loaded.diagnostics {
                if d.file.as_deref() != Some(case.file) {
                    problems.push(format!("diagnostic without the file name: {d}"));
                }
                if sheet.is_some() && d.sheet.as_deref() != *sheet {
                    problems.push(format!("diagnostic without the sheet: {d}"));
                }
            }
            for D(severity, row, column, kind, text) in diags {
                let found = loaded.diagnostics.iter().any(|d| {
                    d.severity == *severity
                        && d.row == *row
                        && d.column.as_deref() == *column
                        && d.kind == *kind
                        && d.message.contains(text)
                });
                if !found {
                    problems.push(format!(
                        "missing {severity:?} {kind:?} at row {row:?}, column {column:?}: «{text}»"
                    ));
                }
            }
            for d in &loaded.diagnostics {
                let expected = diags.iter().any(|D(s, r, c, k, t)| {
                    d.severity == *s
                        && d.row == *r
                        && d.column.as_deref() == *c
                        && d.kind == *k
                        && d.message.contains(t)
                });
                if d.severity >= Severity::Warning && !expected {
                    problems.push(format!("unexpected diagnostic: {d}"));
                }
                // Every located diagnostic names its value (formats.md: row, column, value).
                if d.severity == Severity::Error && d.row.is_some() && d.value.is_none() {
                    problems.push(format!("error without the bad value: {d}"));
                }
            }
            let Some(school) = loaded.schools.first() else {
                if !values.is_empty() {
                    problems.push("no school".into());
                }
                return problems;
            };
            for (code, year, want) in values {
                let got = show(school.value(code, Year(*year)));
                if got != *want {
                    problems.push(format!("{code} {year}: {got}, expected {want}"));
                }
            }
            let (_, st, c1, c2) = identify_status(school, &Settings::default());
            if (st, c1, c2) != *status {
                problems.push(format!(
                    "status {st:?} (Условие 1 {c1}, Условие 2 {c2}), expected {status:?}"
                ));
            }
        }
    }
    problems
}

#[test]
fn messy_files_give_their_diagnostics_and_keep_the_rest() {
    let cases = cases();
    assert!(cases.len() >= 40, "the suite has {} files", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let problems = check(case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", case.file, problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_is_in_the_suite() {
    let listed: Vec<&str> = cases().iter().map(|c| c.file).collect();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "make.py" && !listed.contains(&name.as_str()) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "fixtures not checked: {missing:?}");
}

#[test]
fn detection_reports_what_it_found() {
    let cases: &[(&str, Encoding, Delimiter)] = &[
        ("a01_utf8_bom.csv", Encoding::Utf8, Delimiter::Semicolon),
        (
            "a02_cp1251.csv",
            Encoding::Windows1251,
            Delimiter::Semicolon,
        ),
        ("a03_utf16le_bom_tab.txt", Encoding::Utf16Le, Delimiter::Tab),
        (
            "a04_utf16be_bom.csv",
            Encoding::Utf16Be,
            Delimiter::Semicolon,
        ),
        (
            "a05_utf16le_nobom_tab.txt",
            Encoding::Utf16Le,
            Delimiter::Tab,
        ),
        ("a07_comma_lf.csv", Encoding::Utf8, Delimiter::Comma),
        ("a33_excel_sep_comma.csv", Encoding::Utf8, Delimiter::Comma),
        (
            "b10_english_cp1251_comma.csv",
            Encoding::Windows1251,
            Delimiter::Comma,
        ),
    ];
    for (file, encoding, delimiter) in cases {
        let loaded = open(file).unwrap();
        assert_eq!(loaded.info.encoding, *encoding, "{file}");
        assert_eq!(loaded.info.delimiter, *delimiter, "{file}");
        assert_eq!(loaded.info.spreadsheet, None, "{file}");
        assert_eq!(
            loaded.schools[0]
                .meta
                .name
                .as_deref()
                .map(|n| n.contains("СОШ")),
            Some(true),
            "{file}"
        );
    }
    let kinds: &[(&str, SpreadsheetKind)] = &[
        ("s01_template.xlsx", SpreadsheetKind::Xlsx),
        ("s04_results.ods", SpreadsheetKind::Ods),
        ("s15_template.xls", SpreadsheetKind::Xls),
    ];
    for (file, kind) in kinds {
        assert_eq!(open(file).unwrap().info.spreadsheet, Some(*kind), "{file}");
    }
}

#[test]
fn a_school_name_merged_across_the_year_columns_is_read() {
    let loaded = open("s01_template.xlsx").unwrap();
    assert_eq!(
        loaded.schools[0].meta.name.as_deref(),
        Some("МБОУ «СОШ № 7»")
    );
    // Rows are the spreadsheet's: vpr.math.5 is row 6 (two title rows above the header).
    let cell = &loaded.schools[0].cells["vpr.math.5"][&Year(2022)];
    assert_eq!(cell.loc.row, Some(6));
}

#[test]
fn a_percent_formatted_cell_reads_as_percent_and_a_plain_fraction_does_not() {
    let loaded = open("s02_percent.xlsx").unwrap();
    let school = &loaded.schools[0];
    // 0.367 shown as «37 %»: 36.7 %, exactly.
    assert_eq!(
        school.value("oge.rus", Year(2022)),
        &Value::Percent {
            value: Num {
                mant: 367,
                scale: 1
            },
            of: None
        }
    );
    // A General cell that says 0.367: 0.367 %, not 36.7 %.
    assert_eq!(school.value("oge.rus", Year(2021)).number(), Some(0.367));
}

#[test]
fn the_four_fisoko_protocols_are_recognised() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real/fisoko-protocols-2022");
    let expected: &[(&str, &str, u32)] = &[
        ("vpr2022_grade5_math.xlsx", "математика", 5),
        ("vpr2022_grade5_rus.xlsx", "русский язык", 5),
        ("vpr2022_grade6_math.xlsx", "математика", 6),
        ("vpr2022_grade6_rus.xlsx", "русский язык", 6),
    ];
    for (file, subject, grade) in expected {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let err = load::load(&bytes, &LoadOptions::default()).unwrap_err();
        let LoadError::Protocol(info) = &err else {
            panic!("{file}: {err}");
        };
        assert_eq!(info.subject, Some(*subject), "{file}");
        assert_eq!(info.grade, Some(*grade), "{file}");
        assert_eq!(info.year, Some(Year(2021)), "{file}");
        assert!(
            info.pupils > 0 && !info.schools.is_empty(),
            "{file}: {info:?}"
        );
        let text = err.to_string();
        assert!(
            text.starts_with("Это протокол ВПР из ФИС ОКО (")
                && text.contains("а не шаблон ДТК и не таблица результатов")
                && text.contains("Что сделать"),
            "{text}"
        );
    }
}

#[test]
fn an_excel_export_of_the_template_in_cp1251_gives_the_same_report() {
    // The downloadable template, filled in as a school would, saved by Russian Excel as
    // «CSV (разделители — точка с запятой)»: Windows-1251, no BOM, `;`, CRLF.
    let years = [Year(2020), Year(2021), Year(2022)];
    let text = String::from_utf8(template::template_csv(&years)).unwrap();
    let fill: &[(&str, [&str; 3])] = &[
        ("school.name", ["МБОУ «СОШ № 7»", "", ""]),
        ("contingent.ooo", ["212", "205", "198"]),
        ("vpr.math.5", ["6/31", "9/28", "11/30"]),
        ("vpr.rus.5", ["4/30", "5/29", "10/30"]),
        ("oge.rus", ["4,3 %", "н/п", "2/24"]),
        ("parents.higher", ["30", "31", "32"]),
        ("staff.psychologist", ["да", "да", "нет"]),
    ];
    let filled: String = text
        .split_inclusive("\r\n")
        .map(|line| {
            let code = line
                .split(';')
                .next()
                .unwrap_or("")
                .trim_start_matches('\u{feff}');
            match fill.iter().find(|(c, _)| *c == code) {
                Some((_, values)) => {
                    let body = line.trim_end_matches("\r\n");
                    let mut cells: Vec<String> = body.split(';').map(String::from).collect();
                    let n = cells.len();
                    for (i, v) in values.iter().enumerate() {
                        cells[n - 3 + i] = v.to_string();
                    }
                    format!("{}\r\n", cells.join(";"))
                }
                None => line.to_string(),
            }
        })
        .collect();
    let utf8 = filled.clone().into_bytes();
    let cp1251 = decode::encode_cp1251(filled.trim_start_matches('\u{feff}'));
    assert!(!cp1251.contains(&b'?'), "the template is all Windows-1251");
    let a = load::load(&utf8, &LoadOptions::default()).unwrap();
    let b = load::load(&cp1251, &LoadOptions::default()).unwrap();
    assert_eq!(a.info.encoding, Encoding::Utf8);
    assert_eq!(b.info.encoding, Encoding::Windows1251);
    assert_eq!(a.diagnostics, b.diagnostics);
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(a.schools, b.schools);
    let settings = Settings::default();
    let ra = report::to_text(&report::build(&a.schools[0], &settings, &a.diagnostics));
    let rb = report::to_text(&report::build(&b.schools[0], &settings, &b.diagnostics));
    assert_eq!(ra, rb);
    assert!(ra.contains("МБОУ «СОШ № 7»"));
}

#[test]
fn a_file_over_the_limit_is_refused_with_its_size() {
    let bytes = read("a01_utf8_bom.csv");
    let err = load::load_with_limit(&bytes, &LoadOptions::default(), 100).unwrap_err();
    assert_eq!(
        err,
        LoadError::TooLarge {
            bytes: bytes.len(),
            limit: 100
        }
    );
    let text = err.to_string();
    assert!(
        // Issue 17: «файл N байт больше предела 100 байт», not «N; предел — N».
        text.contains("больше предела 100 байт") && text.contains("разделите"),
        "{text}"
    );
    // The same file within the limit reads.
    assert!(load::load_with_limit(&bytes, &LoadOptions::default(), bytes.len()).is_ok());
}

#[test]
fn the_cli_reads_spreadsheets() {
    let bin = env!("CARGO_BIN_EXE_dtk");
    for file in ["s01_template.xlsx", "s05_template.ods", "s15_template.xls"] {
        let out = std::process::Command::new(bin)
            .args(["report", dir().join(file).to_str().unwrap()])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("МБОУ «СОШ № 7»"), "{file}: {text}");
    }
    let out = std::process::Command::new(bin)
        .args(["schools", dir().join("s03_results.xlsx").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("СОШ 2"));
    // A protocol is refused with exit code 2 and the explanation.
    let out = std::process::Command::new(bin)
        .args([
            "report",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/real/fisoko-protocols-2022/vpr2022_grade5_math.xlsx")
                .to_str()
                .unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("протокол ВПР из ФИС ОКО"));
}

/// calamine's ODS reader waits forever for the end of a table cut short; the reader checks
/// the XML first, so such a file is an error at once.
#[test]
fn an_ods_with_its_content_cut_short_is_an_error_not_a_hang() {
    use std::io::{Cursor, Read, Write};
    let bytes = read("s05_template.ods");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut body = Vec::new();
        file.read_to_end(&mut body).unwrap();
        if name == "content.xml" {
            body.truncate(body.len() * 2 / 3);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&body).unwrap();
    }
    let cut = out.finish().unwrap().into_inner();
    let err = load::load(&cut, &LoadOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("повреждён") && err.to_string().contains("content.xml"),
        "{err}"
    );
}

/// A workbook with one stray value in the last cell of the sheet (XFD1048576): calamine's
/// dense range would ask for 17 billion cells; the reader streams the cells instead, leaves
/// the stray one out and says so.
#[test]
fn a_stray_value_in_the_last_cell_of_the_sheet_is_left_out_not_a_crash() {
    use std::io::{Cursor, Read, Write};
    let bytes = read("s01_template.xlsx");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut body = Vec::new();
        file.read_to_end(&mut body).unwrap();
        if name == "xl/worksheets/sheet2.xml" {
            let text = String::from_utf8(body).unwrap().replace(
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
            );
            body = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&body).unwrap();
    }
    let far = out.finish().unwrap().into_inner();
    let loaded = load::load(&far, &LoadOptions::default()).unwrap();
    assert_eq!(
        show(loaded.schools[0].value("vpr.math.5", Year(2022))),
        "11/30"
    );
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning
                && d.kind == DiagnosticKind::FarCells
                && d.message.starts_with("1 ячейка")
                && d.sheet.as_deref() == Some("ДТК")),
        "{:?}",
        loaded.diagnostics
    );
}
