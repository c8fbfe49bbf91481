//! Fuzzing the reader with proptest: arbitrary bytes, and valid files (CSV, XLSX, ODS, XLS)
//! mutated — bytes flipped, inserted, cut, or, inside a workbook, its XML mangled and the
//! ZIP rebuilt so the damage reaches the XML and cell readers past the ZIP checksums. Whatever
//! comes in, reading must end in a value or a typed error, never in a panic.
//!
//! `cargo test` runs 256 cases per property; a longer run: `PROPTEST_CASES=20000 cargo test
//! --release --test fuzz`. The corpus is the handful of fixtures of `tests/fixtures/messy/`.
//!
//! A panic hook records where every panic happens, caught or not: one in our own code fails the
//! test. calamine's XLS record parser still has rare panics on damaged records that `sheet.rs`
//! cannot rule out beforehand; `sheet.rs` catches those and reports a damaged file, and each
//! property prints how many there were.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::sync::{Mutex, Once};

use dtk_calc::core::decode::{self, Encoding};
use dtk_calc::core::load::{self, LoadOptions};
use dtk_calc::core::table::{self, Delimiter};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/messy")
            .join(name),
    )
    .unwrap()
}

thread_local! {
    /// Panics inside calamine on this thread (each test runs on its own thread).
    static CONTAINED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Panics anywhere else: any is a failure.
static OURS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            if at.contains("/calamine-") {
                CONTAINED.with(|c| c.borrow_mut().push(at));
            } else if let Ok(mut p) = OURS.lock() {
                p.push(at);
            }
        }));
    });
}

fn own_panics_are_none() {
    let ours = OURS.lock().map(|p| p.clone()).unwrap_or_default();
    assert!(ours.is_empty(), "panics outside calamine: {ours:?}");
}

/// Runs a property over `cases` inputs (256, or `PROPTEST_CASES`) and says how many ran and
/// how many calamine panics were contained.
fn fuzz<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value)) {
    install_hook();
    // A reader that loops forever is as bad as one that panics, and would only show as a test
    // that never ends: a watchdog ends the run when one case takes over a minute.
    let last = std::sync::Arc::new(Mutex::new(Some(std::time::Instant::now())));
    let watched = std::sync::Arc::clone(&last);
    let label = name.to_string();
    let watchdog = std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_millis(500));
        match *watched.lock().unwrap() {
            None => return,
            Some(t) if t.elapsed().as_secs() > 60 => {
                eprintln!("fuzz {label}: one case has run for over a minute (a loop?)");
                std::process::abort();
            }
            Some(_) => {}
        }
    });
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let result = runner.run(&strategy, |value| {
        *last.lock().unwrap() = Some(std::time::Instant::now());
        check(value);
        Ok(())
    });
    *last.lock().unwrap() = None;
    let _ = watchdog.join();
    own_panics_are_none();
    result.unwrap();
    let mut contained = CONTAINED.with(|c| c.borrow().clone());
    let count = contained.len();
    contained.sort();
    contained.dedup();
    let places: Vec<&str> = contained
        .iter()
        .map(|p| p.rsplit_once("/src/").map_or(p.as_str(), |(_, f)| f))
        .collect();
    eprintln!(
        "fuzz {name}: {} cases, 0 panics in our code, {count} inside calamine contained {places:?}",
        runner.config().cases,
    );
}

/// Runs every reading stage on the bytes; the results themselves do not matter.
fn read_everything(bytes: &[u8]) {
    let encoding = decode::detect(bytes);
    for e in [encoding, Encoding::Windows1251, Encoding::Utf16Be] {
        let text = decode::decode(bytes, e).text;
        for d in Delimiter::ALL {
            let _ = table::parse(&text, *d);
        }
        let _ = table::detect_delimiter(&text);
    }
    let _ = load::load(bytes, &LoadOptions::default());
    let forced = LoadOptions {
        encoding: Some(Encoding::Utf16Le),
        delimiter: Some(Delimiter::Comma),
        ..LoadOptions::default()
    };
    let _ = load::load(bytes, &forced);
    own_panics_are_none();
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

/// Bytes that mean something to one of the readers.
fn interesting() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::sample::select(vec![
            b"\"".to_vec(),
            b";".to_vec(),
            b",".to_vec(),
            b"\t".to_vec(),
            b"\r".to_vec(),
            b"\n".to_vec(),
            b"\r\n".to_vec(),
            b"\0".to_vec(),
            b"/".to_vec(),
            b"%".to_vec(),
            b"-".to_vec(),
            b"#DIV/0!".to_vec(),
            b"2022-2023".to_vec(),
            b"\xef\xbb\xbf".to_vec(),
            b"\xff\xfe".to_vec(),
            "н/п".as_bytes().to_vec(),
            "«2»".as_bytes().to_vec(),
            b"99999999999999999999".to_vec(),
            b"<".to_vec(),
            b"/>".to_vec(),
            b"&amp;".to_vec(),
            b" s=\"1\"".to_vec(),
            b" r=\"XFD1048576\"".to_vec(),
            b" t=\"e\"".to_vec(),
            b" table:number-columns-repeated=\"100000\"".to_vec(),
            b" office:value-type=\"percentage\"".to_vec(),
            b"<v>1e308</v>".to_vec(),
            b"<v>NaN</v>".to_vec(),
        ]),
        prop::collection::vec(any::<u8>(), 1..8),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (any::<usize>(), interesting()).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Flip(i, b) => {
                if !bytes.is_empty() {
                    let i = i % bytes.len();
                    bytes[i] ^= b;
                }
            }
            Edit::Insert(i, b) => {
                let i = i % (bytes.len() + 1);
                bytes.splice(i..i, b.iter().copied());
            }
            Edit::Delete(i, n) => {
                let i = i % len;
                let end = (i + n).min(bytes.len());
                if i < end {
                    bytes.drain(i..end);
                }
            }
            Edit::Duplicate(i, n) => {
                let i = i % len;
                let end = (i + n).min(bytes.len());
                if i < end {
                    let copy = bytes[i..end].to_vec();
                    bytes.splice(i..i, copy);
                }
            }
            Edit::Truncate(i) => bytes.truncate(i % len),
        }
    }
    bytes
}

/// A ZIP (XLSX, ODS) with `edits` applied to the text of its XML members, rebuilt with valid
/// checksums so the damage gets past the ZIP reader. `which` picks the members to damage.
fn mangle_zip(bytes: &[u8], which: usize, edits: &[Edit]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let n = zip.len();
    for i in 0..n {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut body = Vec::new();
        file.read_to_end(&mut body).unwrap();
        // Damage one member in three, rotating with `which`, always including the sheets.
        if name.ends_with(".xml") && ((i + which) % 3 == 0 || name.contains("sheet")) {
            body = apply(body, edits);
        }
        out.start_file(name, options).unwrap();
        out.write_all(&body).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn config() -> Config {
    Config {
        // No regression files in the source tree: a failure prints its minimal input.
        failure_persistence: None,
        ..Config::default()
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    fuzz(
        "arbitrary bytes",
        prop::collection::vec(any::<u8>(), 0..2048),
        |bytes| read_everything(&bytes),
    );
}

#[test]
fn arbitrary_bytes_behind_a_spreadsheet_signature_never_panic() {
    fuzz(
        "bytes behind a ZIP/OLE signature",
        (any::<bool>(), prop::collection::vec(any::<u8>(), 0..4096)),
        |(zip, tail)| {
            let mut bytes = if zip {
                b"PK\x03\x04".to_vec()
            } else {
                vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
            };
            bytes.extend(tail);
            read_everything(&bytes);
        },
    );
}

#[test]
fn mutated_csv_never_panics() {
    let files = [
        "a01_utf8_bom.csv",
        "a02_cp1251.csv",
        "b01_results.csv",
        "a03_utf16le_bom_tab.txt",
    ]
    .map(fixture);
    fuzz(
        "mutated CSV",
        (0usize..4, prop::collection::vec(edit(), 1..12)),
        |(which, edits)| read_everything(&apply(files[which].clone(), &edits)),
    );
}

#[test]
fn mutated_spreadsheet_bytes_never_panic() {
    let files = [
        "s01_template.xlsx",
        "s02_percent.xlsx",
        "s05_template.ods",
        "s15_template.xls",
    ]
    .map(fixture);
    fuzz(
        "mutated XLSX/ODS/XLS bytes",
        (0usize..4, prop::collection::vec(edit(), 1..6)),
        |(which, edits)| read_everything(&apply(files[which].clone(), &edits)),
    );
}

#[test]
fn mutated_workbook_xml_never_panics() {
    let files = [
        "s01_template.xlsx",
        "s02_percent.xlsx",
        "s03_results.xlsx",
        "s05_template.ods",
    ]
    .map(fixture);
    fuzz(
        "mutated XML inside XLSX/ODS",
        (0usize..4, 0usize..3, prop::collection::vec(edit(), 1..10)),
        |(which, member, edits)| read_everything(&mangle_zip(&files[which], member, &edits)),
    );
}

/// The fuzzing harness itself must not be vacuous: an unmutated workbook rebuilt by
/// `mangle_zip` still reads.
#[test]
fn rebuilt_workbooks_still_read() {
    for name in ["s01_template.xlsx", "s05_template.ods"] {
        let bytes = mangle_zip(&fixture(name), 0, &[]);
        let loaded = load::load(&bytes, &LoadOptions::default()).unwrap();
        assert!(!loaded.schools[0].cells.is_empty(), "{name}");
    }
}
