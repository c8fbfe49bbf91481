//! Reading a file in pieces (`core::stream`) gives exactly what `load` gives for the whole
//! bytes, for every way of cutting it; files that are not for streaming are refused, so their
//! callers read them whole.

use dtk_calc::core::load::{load, LoadOptions, Loaded};
use dtk_calc::core::stream::{Stream, START};

/// A format-B file of `schools` × 9 rows, with a few rows that give diagnostics (an unknown
/// procedure, a bad count, a repeated row) and blank lines, so that rows, line numbers and
/// messages are all compared.
fn results(schools: usize, eol: &str) -> String {
    let mut t = format!(
        "ОО;муниципалитет;учебный год;процедура;предмет;класс;участников;не справились{eol}"
    );
    for s in 0..schools {
        for (p, subj, g) in [
            ("ВПР", "математика", "5"),
            ("ВПР", "русский язык", "6"),
            ("ОГЭ", "математика", ""),
            ("ЕГЭ", "математика (профиль)", ""),
        ] {
            for y in 2021..2023 {
                let n = 20 + s % 30;
                let f = (s * 7 + y) % (n / 2);
                t += &format!(
                    "МБОУ «СОШ № {s}»;Район {};{y}-{};{p};{subj};{g};{n};{f}{eol}",
                    s % 13,
                    y + 1
                );
            }
        }
        match s % 97 {
            5 => t += &format!("МБОУ «СОШ № {s}»;Район 1;2022-2023;ВПР;физика;5;20;3{eol}"),
            6 => {
                t += &format!(
                    "МБОУ «СОШ № {s}»;Район 1;2022-2023;ВПР;математика;5;двадцать;3{eol}{eol}"
                )
            }
            7 => {
                t += &format!(
                    "МБОУ «СОШ № {s}»;Район {};2021-2022;ВПР;математика;5;1;0{eol}",
                    s % 13
                )
            }
            8 => t += &format!("МБОУ\u{a0}«СОШ № {s}» ;Район 2;20-21;ОГЭ;русский;;5;1{eol}"),
            _ => {}
        }
    }
    t
}

/// The file streamed in pieces of `size` bytes; `None` when the stream refused it.
fn streamed(bytes: &[u8], size: usize) -> Option<Loaded> {
    let options = LoadOptions {
        file_name: Some("f.csv".into()),
        ..LoadOptions::default()
    };
    let mut s = Stream::new(&options, bytes.len())?;
    for piece in bytes.chunks(size) {
        s.push(piece, &mut |_, _| {})?;
    }
    Some(s.finish(&mut |_, _| {})?.expect("read"))
}

fn whole(bytes: &[u8]) -> Loaded {
    let options = LoadOptions {
        file_name: Some("f.csv".into()),
        ..LoadOptions::default()
    };
    load(bytes, &options).expect("read")
}

#[test]
fn pieces_read_as_the_whole() {
    for (eol, bom) in [("\n", false), ("\r\n", false), ("\r\n", true)] {
        let mut bytes = if bom { vec![0xEF, 0xBB, 0xBF] } else { vec![] };
        bytes.extend_from_slice(results(600, eol).as_bytes());
        // No final line end either.
        bytes.truncate(bytes.len() - eol.len());
        assert!(bytes.len() > 2 * START);
        let expected = whole(&bytes);
        assert!(!expected.diagnostics.is_empty());
        for size in [1, 7, 4093, START, START + 1, bytes.len()] {
            let got = streamed(&bytes, size).unwrap_or_else(|| panic!("refused {eol:?} {size}"));
            assert_eq!(got, expected, "{eol:?} bom={bom} pieces of {size}");
        }
    }
}

#[test]
fn refused_when_not_plain_utf8_results() {
    let text = results(600, "\n");
    // A quote anywhere, even far down the file.
    let quoted = format!("{text}\"МБОУ\";Район 1;2022-2023;ВПР;математика;5;20;3\n");
    assert!(streamed(quoted.as_bytes(), 8192).is_none());
    // A broken byte far down (load reads it with a warning about the encoding).
    let mut broken = text.clone().into_bytes();
    broken.extend_from_slice(b"\xff;x\n");
    assert!(streamed(&broken, 8192).is_none());
    // Windows-1251.
    let cp = dtk_calc::core::decode::encode_cp1251(&text);
    assert!(streamed(&cp, 8192).is_none());
    // A small file is read whole.
    assert!(streamed(results(3, "\n").as_bytes(), 8192).is_none());
    // Not a results table (the template, format A).
    let template = "Показатель;2022-2023\n".repeat(5000);
    assert!(streamed(template.as_bytes(), 8192).is_none());
}
