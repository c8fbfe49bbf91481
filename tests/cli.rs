//! The `dtk` command line, run as a built binary: the documented JSON of `dtk report FILE
//! --json` (identification, indicators, sections, diagnostics; percentages as numbers in
//! percent) and `dtk schools FILE --json` (schools, counts, municipalities), the text output,
//! the settings flags (`--as-of`, `--and`, `--same-procedure`, `--with-retakes`,
//! `--procedures`, `--threshold`), `dtk template`, and the exit codes: 0 whenever the file was
//! read, 2 when it cannot be read at all, 64 on a usage error.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::fixture;
use serde_json::Value as Json;

const DTK: &str = env!("CARGO_BIN_EXE_dtk");

fn example() -> String {
    format!("{}/src/core/example-school.csv", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(DTK)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run dtk")
}

/// Runs dtk, expects exit code 0, and parses stdout as JSON.
fn json(args: &[&str]) -> Json {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "dtk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "dtk {args:?}: not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn report(file: &str, flags: &[&str]) -> Json {
    let mut args = vec!["report", file, "--json"];
    args.extend_from_slice(flags);
    json(&args)
}

fn schools(file: &str, flags: &[&str]) -> Json {
    let mut args = vec!["schools", file, "--json"];
    args.extend_from_slice(flags);
    json(&args)
}

/// (status, Условие 1, Условие 2).
type Decision = (String, bool, bool);

/// The decision of a report.
fn decision(r: &Json) -> Decision {
    let id = &r["identification"];
    (
        id["status"].as_str().unwrap().to_string(),
        id["condition1"].as_bool().unwrap(),
        id["condition2"].as_bool().unwrap(),
    )
}

fn d(status: &str, c1: bool, c2: bool) -> Decision {
    (status.to_string(), c1, c2)
}

fn indicator<'a>(r: &'a Json, code: &str) -> &'a Json {
    r["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("indicator {code}"))
}

/// A fresh file in the temporary directory (removed by the caller's guard).
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("dtk-cli-test-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

// =============================================================================================
// `dtk report --json`

#[test]
fn report_json_has_the_documented_shape() {
    let r = report(&example(), &[]);
    for key in [
        "identification",
        "indicators",
        "pairs",
        "readiness",
        "diagnostics",
    ] {
        assert!(r.get(key).is_some(), "no «{key}»");
    }
    let id = &r["identification"];
    assert_eq!(id["as_of"], "2022-2023");
    assert_eq!(decision(&r), d("shnor", false, true));
    // The low procedures behind the decision, percentages in percent (not fractions).
    let low = id["low"].as_array().unwrap();
    let low: Vec<(&str, &str, u64, u64, f64)> = low
        .iter()
        .map(|l| {
            (
                l["procedure"].as_str().unwrap(),
                l["year"].as_str().unwrap(),
                l["failed"].as_u64().unwrap(),
                l["participants"].as_u64().unwrap(),
                l["percent"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        low,
        [
            ("vpr.rus.6", "2021-2022", 10, 31, 32.26),
            ("vpr.math.5", "2022-2023", 11, 30, 36.67),
        ]
    );

    // Indicators: code, label, section, values per year (number or null), dynamics.
    let rows = r["indicators"].as_array().unwrap();
    assert!(rows.len() > 60, "{}", rows.len());
    for row in rows {
        assert!(row["code"].is_string() && row["label"].is_string());
        assert!(row["section"].is_string());
        let values = row["values"].as_object().unwrap();
        assert_eq!(
            values.keys().collect::<Vec<_>>(),
            ["2020-2021", "2021-2022", "2022-2023"]
        );
        assert!(values.values().all(|v| v.is_number() || v.is_null()));
        assert!(row["dynamics"].is_object() || row["dynamics"].is_null());
    }
    let vpr = indicator(&r, "vpr.math.5");
    assert_eq!(vpr["section"], "1.2");
    assert_eq!(
        vpr["values"],
        serde_json::json!({"2020-2021": 18.18, "2021-2022": 28.57, "2022-2023": 36.67})
    );
    let dynamics = &vpr["dynamics"];
    assert_eq!(dynamics["label"], "significant_worsening");
    assert_eq!(dynamics["text"], "значительное ухудшение");
    // Reported values are rounded to hundredths first: 36,67 − 18,18.
    assert_eq!(dynamics["delta"], 18.49);
    // «не проводилась» is null, not 0.
    // (Edition 2: the example school's ЕГЭ base maths was not held in 2020-2021.)
    assert_eq!(
        indicator(&r, "ege.math.base")["values"]["2020-2021"],
        Json::Null
    );
    // Counts stay counts; text has no number.
    assert_eq!(
        indicator(&r, "contingent.ooo")["values"]["2020-2021"],
        212.0
    );
    assert_eq!(
        indicator(&r, "infra.remoteness")["values"]["2020-2021"],
        Json::Null
    );
    // Computed indicators are there too.
    let cont = indicator(&r, "soo.continuing_share");
    assert_eq!(cont["computed"], true);
    assert_eq!(cont["values"]["2020-2021"], 41.46);
    // One pupil of four is not a trend (ЕГЭ профиль 0/4 → 1/4).
    assert_eq!(
        indicator(&r, "ege.math.profile")["dynamics"]["label"],
        "stable"
    );

    // Edition 2: the form's five «Вывод / Проблема» pairs with their texts.
    let pairs = r["pairs"].as_array().unwrap();
    let ids: Vec<&str> = pairs.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1.1", "1.2", "1.3", "2", "3"]);
    for s in pairs {
        assert!(!s["conclusion"].as_str().unwrap().is_empty());
        assert!(s["problems"].is_array());
        assert!(s["themes"].is_array());
    }
    assert!(pairs[1]["conclusion"]
        .as_str()
        .unwrap()
        .starts_with("Школа относится к ШНОР (Условие 2"));
    assert_eq!(
        pairs[1]["themes"][0]["factors"],
        serde_json::json!([8, 6, 4])
    );
    // The self-check and the identification's edition-2 fields.
    assert!(r["readiness"]["headline"].is_string());
    assert!(r["readiness"]["blocks"].as_array().unwrap().len() == 10);
    assert!(r["identification"]["deciding_missing"].is_array());
    assert!(!r["identification"]["ceilings"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(r["diagnostics"], serde_json::json!([]));
    // The sliding window: the years with a year before them.
    let windows: Vec<(&str, &str)> = r["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["year"].as_str().unwrap(), w["status"].as_str().unwrap()))
        .collect();
    assert_eq!(windows, [("2021-2022", "risk"), ("2022-2023", "shnor")]);
}

#[test]
fn report_json_diagnostics_carry_row_column_value_and_message() {
    let r = report(&fixture("bad-cells.csv"), &[]);
    let diags = r["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 10, "{diags:?}");
    for d in diags {
        assert!(d["row"].is_u64(), "{d}");
        assert!(d["column"].is_string(), "{d}");
        assert!(d["value"].is_string(), "{d}");
        assert!(d["message"].is_string(), "{d}");
        assert_eq!(d["file"], "bad-cells.csv");
    }
    let first = diags.iter().find(|d| d["value"] == "1l/30").unwrap();
    assert_eq!(first["row"], 4);
    assert_eq!(first["column"], "2021-2022");
    assert_eq!(
        first["message"],
        "ожидалась дробь вида «11/30» (целые числа)"
    );
    assert_eq!(first["severity"], "error");
    // The rest of the file still gives a decision.
    assert_eq!(decision(&r), d("shnor", true, false));
}

#[test]
fn report_reads_windows_1251_with_tabs() {
    let r = report(&fixture("school-cp1251-tab.csv"), &[]);
    assert_eq!(r["school"]["name"], "МКОУ «Ёлкинская ООШ № 2»");
    assert_eq!(decision(&r), d("shnor", true, true));
    let diag = &r["diagnostics"][0];
    assert_eq!(
        (&diag["row"], &diag["column"], &diag["value"]),
        (
            &serde_json::json!(4),
            &serde_json::json!("2022-2023"),
            &serde_json::json!("1l5")
        )
    );
}

#[test]
fn report_text_output() {
    let out = run(&["report", &example()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("ДТК: МБОУ «СОШ № 3»\n"), "{text}");
    assert!(
        text.contains("СТАТУС по результатам 2022-2023: ШНОР"),
        "{text}"
    );
    assert!(text.contains("Условие 1: нет; Условие 2: да"));
    assert!(text.contains("По годам: 2021-2022: зона риска; 2022-2023: ШНОР"));
    assert!(text.contains("1.1. Сохранность контингента"));
    assert!(text.contains("  Вывод: "));
    assert!(text.contains("  Вывод и проблема — Социальный критерий (2.1–2.3)"));
    assert!(text.contains("   • Кадровый дефицит ("), "{text}");
    assert!(
        text.contains("Идентификация в 2023-2024 учебном году"),
        "{text}"
    );
}

// =============================================================================================
// Flags

#[test]
fn settings_flags_change_the_decision() {
    let ex = example();
    let cases: &[(&[&str], Decision)] = &[
        (&[], d("shnor", false, true)),
        // 2021-2022: ВПР русский 6 low, 2020-2021 clean.
        (&["--as-of", "2021-2022"], d("risk", false, false)),
        (&["--as-of", "2021/22"], d("risk", false, false)),
        (&["--and"], d("risk", false, true)),
        // The low procedures of the two years differ.
        (&["--same-procedure"], d("risk", false, false)),
        // Edition 2: the example's ОГЭ математика retakes are of the main participants (3/39,
        // 2/37): not low, so only Условие 2 stays.
        (&["--with-retakes"], d("shnor", false, true)),
        (&["--procedures", "vpr.math.5"], d("risk", false, false)),
        (
            &["--procedures", "vpr.math.5, vpr.rus.6"],
            d("shnor", false, true),
        ),
        (&["--and", "--with-retakes"], d("risk", false, true)),
    ];
    for (flags, expected) in cases {
        let r = report(&ex, flags);
        assert_eq!(&decision(&r), expected, "{flags:?}");
    }
    let r = report(&ex, &["--as-of", "2021-2022"]);
    assert_eq!(r["identification"]["as_of"], "2021-2022");
    assert_eq!(r["settings"]["as_of"], "2021-2022");
    let r = report(&ex, &["--with-retakes", "--same-procedure", "--and"]);
    assert_eq!(r["settings"]["use_retakes"], true);
    assert_eq!(r["settings"]["same_procedure"], true);
    assert_eq!(r["settings"]["combine"], "and");
}

#[test]
fn threshold_flag_changes_the_dynamics() {
    let ex = example();
    // ВПР русский 6: 20,0 % → 28,57 % (+8,57 п.п.).
    let r = report(&ex, &[]);
    let dynamics = &indicator(&r, "vpr.rus.6")["dynamics"];
    assert_eq!(dynamics["label"], "negative");
    // Edition 2: the threshold is T; one pupil is ruled out by the numerator rule (6 → 8).
    assert_eq!(dynamics["threshold"], 3.0);
    let r = report(&ex, &["--threshold", "10"]);
    let dynamics = &indicator(&r, "vpr.rus.6")["dynamics"];
    assert_eq!(dynamics["label"], "stable");
    assert_eq!(dynamics["threshold"], 10.0);
    assert_eq!(r["settings"]["stable_threshold_pp"], 10.0);
    let r = report(&ex, &["--threshold", "2,5"]);
    assert_eq!(r["settings"]["stable_threshold_pp"], 2.5);
    // The threshold is about dynamics only: the status stays.
    assert_eq!(decision(&r), d("shnor", false, true));
}

// =============================================================================================
// `dtk schools --json`

#[test]
fn schools_json_has_the_documented_shape() {
    let s = schools(&fixture("results-many.csv"), &[]);
    let list = s["schools"].as_array().unwrap();
    let lines: Vec<(&str, &str, &str, bool, bool)> = list
        .iter()
        .map(|l| {
            (
                l["school"].as_str().unwrap(),
                l["municipality"].as_str().unwrap(),
                l["status"].as_str().unwrap(),
                l["condition1"].as_bool().unwrap(),
                l["condition2"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("МБОУ «СОШ № 1»", "Северный район", "shnor", false, true),
            (
                "МБОУ «СОШ № 2»",
                "Северный район",
                "insufficient_data",
                false,
                false
            ),
            ("МБОУ «Лицей»", "Южный район", "shnor", true, false),
            (
                "МКОУ «ООШ с. Ключи»",
                "Южный район",
                "insufficient_data",
                false,
                false
            ),
            (
                "МКОУ «НОШ д. Бор»",
                "Южный район",
                "insufficient_data",
                false,
                false
            ),
        ]
    );
    assert_eq!(
        list[0]["low_by_year"],
        serde_json::json!({"2021-2022": 1, "2022-2023": 1})
    );
    assert_eq!(list[2]["low_by_year"], serde_json::json!({"2022-2023": 2}));
    assert_eq!(list[0]["as_of"], "2022-2023");
    // The worst share of the year, in percent: 12/30 = 40 %.
    let worst = list[2]["worst_share"].as_f64().unwrap();
    assert!((worst - 40.0).abs() < 1e-9, "{worst}");
    assert_eq!(
        s["counts"],
        serde_json::json!({"shnor": 2, "risk": 0, "not_shnor": 0, "insufficient_data": 3})
    );
    let m = s["municipalities"].as_array().unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(m[0]["municipality"], "Северный район");
    assert_eq!(m[0]["total"], 2);
    assert_eq!(
        m[0]["counts"],
        serde_json::json!({"shnor": 1, "risk": 0, "not_shnor": 0, "insufficient_data": 1})
    );
    assert_eq!(m[1]["municipality"], "Южный район");
    assert_eq!(m[1]["total"], 3);
    assert_eq!(
        m[1]["counts"],
        serde_json::json!({"shnor": 1, "risk": 0, "not_shnor": 0, "insufficient_data": 2})
    );
}

#[test]
fn schools_flags() {
    let file = fixture("results-many.csv");
    let statuses = |flags: &[&str]| -> Vec<String> {
        schools(&file, flags)["schools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["status"].as_str().unwrap().to_string())
            .collect()
    };
    let cases: &[(&[&str], [&str; 5])] = &[
        // Edition 2 (domain.md §1): an expected empty cell that could make the school ШНОР
        // makes «недостаточно данных» (СОШ № 2: ВПР русский 5 кл. 2022-2023 is empty; Ключи:
        // ОГЭ математика 2021-2022 is empty).
        (
            &[],
            [
                "shnor",
                "insufficient_data",
                "shnor",
                "insufficient_data",
                "insufficient_data",
            ],
        ),
        (
            &["--as-of", "2021-2022"],
            [
                "insufficient_data",
                "insufficient_data",
                "insufficient_data",
                "insufficient_data",
                "insufficient_data",
            ],
        ),
        (
            &["--and"],
            [
                "insufficient_data",
                "insufficient_data",
                "insufficient_data",
                "insufficient_data",
                "insufficient_data",
            ],
        ),
        (
            &["--same-procedure"],
            [
                "insufficient_data",
                "insufficient_data",
                "shnor",
                "insufficient_data",
                "insufficient_data",
            ],
        ),
        // ОГЭ математика after the retake: 1/12.
        (
            &["--with-retakes"],
            [
                "shnor",
                "insufficient_data",
                "shnor",
                "insufficient_data",
                "insufficient_data",
            ],
        ),
        // Only ВПР математика 4 and 5 count.
        (
            &["--procedures", "vpr.math.4,vpr.math.5"],
            [
                "risk",
                "insufficient_data",
                "insufficient_data",
                "insufficient_data",
                "risk",
            ],
        ),
    ];
    for (flags, expected) in cases {
        assert_eq!(statuses(flags), expected, "{flags:?}");
    }
}

#[test]
fn schools_text_output() {
    let out = run(&["schools", &fixture("results-many.csv")]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("5 школ\n"), "{text}");
    assert!(text.contains("  ШНОР: 2\n"));
    assert!(
        text.contains("  Южный район: 3 / 1 / 0 / 2 / 0\n"),
        "{text}"
    );
    assert!(text.contains("  МБОУ «СОШ № 1» [Северный район] — ШНОР (У2)\n"));
}

#[test]
fn report_of_a_results_file_takes_the_first_school() {
    let out = run(&["report", &fixture("results-many.csv"), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("в файле 5 школ; показана первая"),
        "{stderr}"
    );
    let r: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["school"]["name"], "МБОУ «СОШ № 1»");
    let r = report(&fixture("results-no-school-column.csv"), &[]);
    assert_eq!(decision(&r), d("shnor", false, true));
}

// =============================================================================================
// `dtk template`

#[test]
fn template_is_a_format_a_file_that_reads_back() {
    let out = run(&["template"]);
    assert_eq!(out.status.code(), Some(0));
    let bytes = out.stdout;
    // The last three completed school years on today's date (issue 15): three in a row, the
    // last one ended no later than this calendar year.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let head: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    assert_eq!(head.len(), 5, "{head:?}");
    let starts: Vec<u16> = head[2..].iter().map(|y| y[..4].parse().unwrap()).collect();
    assert_eq!(starts, [starts[0], starts[0] + 1, starts[0] + 2]);
    assert!(starts[0] >= 2023, "{starts:?}");
    assert!(text.contains("\r\nvpr.math.5;"));
    // Every procedure the settings offer has a row (ВПР 4, 7, 8 too).
    for code in ["vpr.rus.4", "vpr.math.7", "vpr.rus.8"] {
        assert!(text.contains(&format!("\r\n{code};")), "{code}");
    }
    let t = TempFile::new("template.csv", &bytes);
    let r = report(t.path(), &[]);
    assert_eq!(r["years"].as_array().unwrap().len(), 3);
    // Empty, so nothing to decide.
    assert_eq!(r["identification"]["status"], "insufficient_data");
    let out = run(&["template", "--years", "2023-2024,2022-2023"]);
    assert!(out
        .stdout
        .starts_with("\u{feff}код;показатель;2022-2023;2023-2024\r\n".as_bytes()));
}

// =============================================================================================
// Exit codes

#[test]
fn exit_code_2_only_when_the_file_cannot_be_read() {
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["report".into(), "/nonexistent/dtk-test.csv".into()],
            "не удалось открыть",
        ),
        (
            vec!["schools".into(), fixture("not-a-table.csv")],
            "не найден заголовок",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
    let empty = TempFile::new("empty.csv", b"");
    let out = run(&["report", empty.path(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("файл пуст"));
    // A file full of bad cells is read: exit code 0, problems in the diagnostics.
    assert_eq!(
        run(&["report", &fixture("bad-cells.csv")]).status.code(),
        Some(0)
    );
}

#[test]
fn exit_code_64_on_usage_errors() {
    let ex = example();
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["report"],
        &["report", &ex, "--frobnicate"],
        &["report", &ex, "extra.csv"],
        &["report", &ex, "--as-of"],
        &["report", &ex, "--as-of", "2022"],
        &["report", &ex, "--threshold", "три"],
        &["report", &ex, "--procedures", "vpr.math.9"],
        &["report", &ex, "--procedures", "oge.math.retake"],
        &["template", "--years", "2022-2024"],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(64), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("Использование:"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Help is not an error.
    let out = run(&["report", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Использование:"));
}

// =============================================================================================
// Edition 2 through the command line (domain.md §1, §2)

#[test]
fn edition_2_cases_run_through_the_cli() {
    // tests/fixtures/edition2-school.csv: the last column (2023-2024) is empty; ВПР русский 5 кл.
    // 2022-2023 is empty although it has a 2021-2022 result; ОГЭ математика (повторно) 3/7 is
    // «failed after retake / retakers» beside 7/39; ВПР математика 6 кл. 7/31 → 8/29 is one pupil.
    let r = report(&fixture("edition2-school.csv"), &[]);
    let id = &r["identification"];
    // The identification year is the latest with a result, not the empty last column.
    assert_eq!(id["as_of"], "2022-2023");
    assert_eq!(
        id["heading"],
        "Идентификация в 2023-2024 учебном году — по результатам 2022-2023 и 2021-2022"
    );
    // ВПР математика 5 кл. 10/28 is low; the empty ВПР русский 5 кл. decides (Условие 1).
    assert_eq!(id["status"], "insufficient_data");
    let deciding = id["deciding_missing"].as_array().unwrap();
    assert_eq!(deciding.len(), 1, "{deciding:?}");
    assert_eq!(
        deciding[0]["text"],
        "если ВПР русский язык 5 кл. 2022-2023 окажется ≥ 30 % — ШНОР (Условие 1)"
    );
    assert!(id["ceilings"].is_array());
    // The retake 3/7 is re-based on 39 main participants, with a diagnostic at its cell.
    let retake = indicator(&r, "oge.math.retake");
    assert_eq!(retake["display"]["2021-2022"], "7,7\u{a0}% (3/39)");
    let d = r["diagnostics"].as_array().unwrap();
    assert!(
        d.iter()
            .any(|d| d["value"] == "3/7" && d["message"].as_str().unwrap().contains("пересчитано")),
        "{d:?}"
    );
    // «1/2» after 2/40 is re-based to 1/40, below the main share: no complaint about it.
    assert_eq!(
        indicator(&r, "oge.rus.retake")["display"]["2022-2023"],
        "2,5\u{a0}% (1/40)"
    );
    // One pupil is never a trend: 7/31 → 8/29 is stable.
    assert_eq!(indicator(&r, "vpr.math.6")["dynamics"]["label"], "stable");
    // With ВПР русский 5 кл. filled the status is decided, with ceilings for next year.
    let text = std::fs::read_to_string(fixture("edition2-school.csv"))
        .unwrap()
        .replace("3/30;;", "3/30;4/29;");
    let dir = std::env::temp_dir().join(format!("dtk-ed2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("filled.csv");
    std::fs::write(&path, text).unwrap();
    let r = report(path.to_str().unwrap(), &[]);
    let id = &r["identification"];
    assert_eq!(id["status"], "risk");
    assert_eq!(id["deciding_missing"], serde_json::json!([]));
    let ceilings: Vec<&str> = id["ceilings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        ceilings.contains(&"ВПР математика 5 кл.: не более 8 «2» из 28"),
        "{ceilings:?}"
    );
    // `dtk schools` gives the same status.
    let s = schools(path.to_str().unwrap(), &[]);
    assert_eq!(s["schools"][0]["status"], "risk");
    std::fs::remove_dir_all(&dir).ok();
}

/// `--max-mib` moves the file limit both ways: a results file over it is refused by its size
/// with the limit named, the same file under a larger one is read as without the flag (through
/// the stream, so the same schools), and a limit that is not a positive number is a usage error.
#[test]
fn max_mib_moves_the_file_limit() {
    // 2 MiB, sparse: refused by its size before it is read.
    let big = std::env::temp_dir().join(format!("dtk-max-mib-{}.csv", std::process::id()));
    std::fs::File::create(&big)
        .unwrap()
        .set_len(2 << 20)
        .unwrap();
    let out = run(&["schools", big.to_str().unwrap(), "--max-mib", "1"]);
    let _ = std::fs::remove_file(&big);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("больше предела 1,0 МБ"), "{err}");
    let file = fixture("altai-2021-results.csv");
    assert_eq!(
        schools(&file, &["--max-mib", "1"]),
        schools(&file, &[]),
        "a limit the file is under changes nothing"
    );
    for bad in ["0", "-5", "много", "99999999999999999"] {
        let out = run(&["schools", &file, "--max-mib", bad]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(64), "{bad}: {err}");
        assert!(err.contains("не число мебибайт"), "{err}");
    }
}
