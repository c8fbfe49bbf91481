//! Reading files (docs/formats.md): encodings (UTF-8 with and without BOM, the full
//! Windows-1251 table checked against Python's `cp1251` codec, UTF-16 LE/BE with BOM), the CSV
//! layer (`;` `,` tab detected, quoted fields with line breaks, `\r\n` `\n` `\r`), the cell
//! grammar, format A (codes, the form's wording without codes, unknown codes) and format B
//! (Russian and English headers, mark counts, shares, retakes, the ЕГЭ level, many schools, a
//! file without the `ОО` column). Every diagnostic carries row, column and value, and bad input
//! never panics and never hides the rest of the file.

mod common;

use common::{fixture, load_bytes, load_text};
use dtk_calc::core::catalogue::Kind;
use dtk_calc::core::cell::{self, normalize_label, parse_count, parse_num};
use dtk_calc::core::decode::{self, decode, detect, encode_cp1251, Encoding};
use dtk_calc::core::format_b::procedure_code;
use dtk_calc::core::identify::{identify, Settings, Status};
use dtk_calc::core::load::{load, Format, LoadError, LoadOptions, Loaded};
use dtk_calc::core::model::{Diagnostic, DiagnosticKind, Marks, Num, Severity, Value, Year};
use dtk_calc::core::report;
use dtk_calc::core::table::{self, detect_delimiter, Delimiter};

fn ratio(part: u32, whole: u32) -> Value {
    Value::Ratio {
        part,
        whole,
        marks: None,
    }
}

/// An exact decimal: `num(367, 1)` is 36,7.
fn num(mant: i64, scale: u8) -> Num {
    Num { mant, scale }
}

fn percent(mant: i64, scale: u8) -> Value {
    Value::Percent {
        value: num(mant, scale),
        of: None,
    }
}

/// The diagnostics at a row, as (column, value, message).
fn diags_at(loaded: &Loaded, row: usize) -> Vec<(String, String, String)> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.row == Some(row))
        .map(|d| {
            (
                d.column.clone().unwrap_or_default(),
                d.value.clone().unwrap_or_default(),
                d.message.clone(),
            )
        })
        .collect()
}

// =============================================================================================
// Encodings

/// Bytes 0x80–0xFF decoded by Python 3 (`bytes(range(0x80, 0x100)).decode('cp1251',
/// errors='replace')`), pasted here once; 0x98 is unassigned in Windows-1251.
const CP1251_HIGH_PYTHON: &str = concat!(
    "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏ",
    "ђ‘’“”•–—\u{fffd}™љ›њќћџ",
    "\u{a0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{ad}®Ї",
    "°±Ііґµ¶·ё№є»јЅѕї",
    "АБВГДЕЖЗИЙКЛМНОП",
    "РСТУФХЦЧШЩЪЫЬЭЮЯ",
    "абвгдежзийклмноп",
    "рстуфхцчшщъыьэюя",
);

#[test]
fn windows_1251_table_matches_python() {
    let bytes: Vec<u8> = (0x80..=0xFF).collect();
    let d = decode(&bytes, Encoding::Windows1251);
    let expected: Vec<char> = CP1251_HIGH_PYTHON.chars().collect();
    let got: Vec<char> = d.text.chars().collect();
    assert_eq!(got.len(), 128);
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(
            g,
            e,
            "byte 0x{:02X}: got U+{:04X}, Python says U+{:04X}",
            0x80 + i,
            *g as u32,
            *e as u32
        );
    }
    assert_eq!(d.replaced, 1, "only 0x98 is undecodable");
    // ASCII is ASCII.
    let ascii: Vec<u8> = (0x00..0x80).collect();
    assert_eq!(
        decode(&ascii, Encoding::Windows1251).text.as_bytes(),
        &ascii[..]
    );
}

#[test]
fn windows_1251_round_trip_and_detection() {
    let text = "Ёлкинская ООШ № 2; «доля» — 36,7 %; ёж, Ї, є";
    let bytes = encode_cp1251(text);
    assert_eq!(bytes.len(), text.chars().count());
    assert_eq!(detect(&bytes), Encoding::Windows1251);
    let d = decode(&bytes, Encoding::Windows1251);
    assert_eq!((d.text.as_str(), d.replaced), (text, 0));
    // What Windows-1251 lacks becomes «?».
    assert_eq!(encode_cp1251("≥ ✓"), b"? ?");
}

#[test]
fn utf8_with_and_without_bom() {
    let text = "код;показатель;2022-2023\r\n";
    let plain = text.as_bytes().to_vec();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    for bytes in [&plain, &bom] {
        assert_eq!(detect(bytes), Encoding::Utf8);
        let d = decode(bytes, Encoding::Utf8);
        assert_eq!((d.text.as_str(), d.replaced), (text, 0));
    }
    // Broken UTF-8 forced as UTF-8: replaced and counted, never a panic.
    let d = decode(b"\xD0\xBA\xD0", Encoding::Utf8);
    assert_eq!((d.text.as_str(), d.replaced), ("к\u{fffd}", 1));
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let text = "ОО;учебный год\r\nШкола «№ 1» 😀;2022-2023\r\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    assert_eq!(detect(&le), Encoding::Utf16Le);
    assert_eq!(detect(&be), Encoding::Utf16Be);
    assert_eq!(decode(&le, Encoding::Utf16Le).text, text);
    assert_eq!(decode(&be, Encoding::Utf16Be).text, text);
    assert_eq!(decode(&le, Encoding::Utf16Le).replaced, 0);
    // An odd trailing byte and a lone surrogate are replaced and counted.
    let mut broken = le.clone();
    broken.push(0x41);
    assert_eq!(decode(&broken, Encoding::Utf16Le).replaced, 1);
    assert_eq!(
        decode(&[0xFF, 0xFE, 0x00, 0xD8], Encoding::Utf16Le).replaced,
        1
    );
}

#[test]
fn every_encoding_loads_the_same_school() {
    let text = "код;показатель;2021-2022;2022-2023\r\n\
                school.name;Наименование ОО;МКОУ «Ёлкинская ООШ № 2»;\r\n\
                vpr.math.5;ВПР математика 5;9/30;10/25\r\n\
                vpr.rus.5;ВПР русский 5;1/30;8/25\r\n";
    let mut variants: Vec<(Encoding, Vec<u8>)> = vec![
        (Encoding::Utf8, text.as_bytes().to_vec()),
        (
            Encoding::Utf8,
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        ),
        (Encoding::Windows1251, encode_cp1251(text)),
    ];
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    variants.push((Encoding::Utf16Le, le));
    variants.push((Encoding::Utf16Be, be));
    for (encoding, bytes) in variants {
        let loaded = load_bytes(&bytes);
        assert_eq!(loaded.info.encoding, encoding);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let s = &loaded.schools[0];
        assert_eq!(s.meta.name.as_deref(), Some("МКОУ «Ёлкинская ООШ № 2»"));
        assert_eq!(s.value("vpr.math.5", Year(2022)), &ratio(10, 25));
        assert_eq!(identify(s, &Settings::default()).status, Status::Shnor);
    }
    assert_eq!(Encoding::Windows1251.label(), "Windows-1251");
    assert_eq!(decode::Encoding::ALL.len(), 4);
}

#[test]
fn undecodable_bytes_are_reported_not_hidden() {
    // Windows-1251 text with the unassigned byte 0x98 in a label.
    let mut bytes = encode_cp1251("код;показатель;2022-2023\nvpr.math.5;ВПР");
    bytes.push(0x98);
    bytes.extend_from_slice(&encode_cp1251(";9/30\n"));
    let loaded = load_bytes(&bytes);
    assert_eq!(loaded.info.encoding, Encoding::Windows1251);
    assert_eq!(
        loaded.schools[0].value("vpr.math.5", Year(2022)),
        &ratio(9, 30)
    );
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("1 символ не удалось прочитать в кодировке Windows-1251")),
        "{messages:?}"
    );
}

// =============================================================================================
// The CSV layer

#[test]
fn delimiter_is_detected() {
    let cases: &[(&str, Delimiter)] = &[
        ("a;b;c\n1;2;3\n", Delimiter::Semicolon),
        ("a,b,c\n1,2,3\n", Delimiter::Comma),
        ("a\tb\tc\n1\t2\t3\n", Delimiter::Tab),
        // Decimal commas inside a `;` file do not fool it.
        (
            "код;показатель;2022-2023\nvpr.math.5;ВПР, 5 кл.;36,7\n",
            Delimiter::Semicolon,
        ),
        // …nor inside a tab file.
        ("код\tпоказатель\nvpr.math.5\t36,7 %\n", Delimiter::Tab),
        // Quoted semicolons in a comma file.
        ("a,b\n\"x;y\",2\n\"z;w\",3\n", Delimiter::Comma),
    ];
    for &(text, expected) in cases {
        assert_eq!(detect_delimiter(text), expected, "{text:?}");
    }
}

#[test]
fn line_endings_all_end_a_row() {
    for (name, eol) in [("\\r\\n", "\r\n"), ("\\n", "\n"), ("\\r", "\r")] {
        let text = ["a;b", "1;2", "", "3;4"].join(eol) + eol;
        let t = table::parse(&text, Delimiter::Semicolon);
        let rows: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(rows, [["a", "b"], ["1", "2"], ["3", "4"]], "{name}");
    }
    // Line numbers are the lines a user sees (the empty line is skipped but counted).
    let t = table::parse("a;b\r\n1;2\r\n\r\n3;4\r\n", Delimiter::Semicolon);
    let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 2, 4]);
    let t = table::parse("a;b\n1;2\n\n3;4\n", Delimiter::Semicolon);
    let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 2, 4]);
    let t = table::parse("a;b\r1;2\r\r3;4\r", Delimiter::Semicolon);
    let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 2, 4], "\\r only (old Mac files)");
}

#[test]
fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
    let text = "код;показатель;2022-2023\r\n\
                risk.programs_names;\"Наименования; с точкой с запятой\";\"«Мотивация»;\r\n«Успех» и \"\"кавычки\"\"\"\r\n\
                vpr.math.5;ВПР;9/30\r\n";
    let t = table::parse(text, Delimiter::Semicolon);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[1].cells[1], "Наименования; с точкой с запятой");
    assert_eq!(t.rows[1].cells[2], "«Мотивация»;\r\n«Успех» и \"кавычки\"");
    // The row after a multi-line field starts on line 4 of the file.
    assert_eq!((t.rows[1].line, t.rows[2].line), (2, 4));
    let loaded = load_text(text);
    assert_eq!(
        loaded.schools[0].value("risk.programs_names", Year(2022)),
        &Value::Text("«Мотивация»;\r\n«Успех» и \"кавычки\"".to_string())
    );
    assert_eq!(
        loaded.schools[0].value("vpr.math.5", Year(2022)),
        &ratio(9, 30)
    );
}

#[test]
fn blank_rows_and_trailing_empty_cells_are_dropped() {
    let t = table::parse("a;b;;\n;;;\n\n1;;2;\n", Delimiter::Semicolon);
    let rows: Vec<Vec<&str>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(rows, [vec!["a", "b"], vec!["1", "", "2"]]);
    assert_eq!(t.rows[0].get(7), "");
}

// =============================================================================================
// The cell grammar

#[test]
fn cell_grammar() {
    use Kind::*;
    let ok: Vec<(&str, Kind, Value)> = vec![
        ("212", Count, Value::Number(Num::int(212))),
        (" 1 234 ", Count, Value::Number(Num::int(1234))),
        ("4,5", Count, Value::Number(num(45, 1))),
        ("11/30", Share, ratio(11, 30)),
        ("11 / 30", Share, ratio(11, 30)),
        ("11 из 30", Share, ratio(11, 30)),
        ("0/30", Share, ratio(0, 30)),
        ("36,7 %", Share, percent(367, 1)),
        ("36,7\u{a0}%", Share, percent(367, 1)),
        ("36.7%", Share, percent(367, 1)),
        ("36,7", Share, percent(367, 1)),
        ("36.7", Share, percent(367, 1)),
        ("0", Share, percent(0, 0)),
        ("100", Share, percent(100, 0)),
        ("100,0 %", Share, percent(1000, 1)),
        // The report's own display reads back as the exact ratio.
        ("36,7 % (11/30)", Share, ratio(11, 30)),
        ("н/п", Share, Value::NotHeld),
        ("Н/П", Share, Value::NotHeld),
        ("не проводилась", Share, Value::NotHeld),
        ("не проводился", Count, Value::NotHeld),
        ("", Share, Value::Missing),
        ("   ", Count, Value::Missing),
        ("—", Share, Value::Missing),
        ("нет данных", Share, Value::Missing),
        ("да", YesNo, Value::Bool(true)),
        ("Да", YesNo, Value::Bool(true)),
        ("есть", YesNo, Value::Bool(true)),
        ("+", YesNo, Value::Bool(true)),
        ("нет", YesNo, Value::Bool(false)),
        ("-", YesNo, Value::Bool(false)),
        ("отсутствует", YesNo, Value::Bool(false)),
        (
            "45 км, дорога с твёрдым покрытием",
            Text,
            Value::Text("45 км, дорога с твёрдым покрытием".into()),
        ),
        ("  ЦНППМ  ", Text, Value::Text("ЦНППМ".into())),
        (
            "МБОУ «СОШ № 3»",
            Kind::Meta,
            Value::Text("МБОУ «СОШ № 3»".into()),
        ),
    ];
    for (text, kind, expected) in ok {
        assert_eq!(
            cell::parse(text, kind),
            Ok(expected),
            "«{text}» as {kind:?}"
        );
    }
    // Bad values: a Russian phrase saying what was expected.
    let bad: &[(&str, Kind, &str)] = &[
        ("1l/30", Share, "ожидалась дробь вида «11/30» (целые числа)"),
        ("11/3O", Share, "ожидалась дробь вида «11/30» (целые числа)"),
        ("2,5/30", Share, "ожидалась дробь вида «11/30» (целые числа)"),
        (
            "31/30",
            Share,
            "первое число (31) больше второго (30): не справившихся не может быть больше участников",
        ),
        ("0/0", Share, "в знаменателе 0: нет участников"),
        ("abc", Share, "не число (ожидалась доля: «36,7 %» или «11/30»)"),
        ("1l5", Count, "не число"),
        ("-3", Count, "количество не может быть отрицательным"),
        ("-5 %", Share, "доля не может быть отрицательной"),
        ("100,1", Share, "доля больше 100 %"),
        ("101 %", Share, "доля больше 100 %"),
        ("может быть", YesNo, "ожидалось «да» или «нет»"),
        (
            "50 % (11/30)",
            Share,
            "процент не совпадает с долей 11/30: исправьте одно из двух",
        ),
    ];
    for &(text, kind, message) in bad {
        assert_eq!(
            cell::parse(text, kind),
            Err(message.to_string()),
            "«{text}» as {kind:?}"
        );
    }
}

#[test]
fn numbers_are_exact() {
    assert_eq!(parse_num("36,7"), Some(num(367, 1)));
    assert_eq!(parse_num("−2,50"), Some(num(-250, 2)));
    assert_eq!(parse_num("+3"), Some(Num::int(3)));
    assert_eq!(parse_num(",5"), Some(num(5, 1)));
    // Excel's 1/3 is kept to nine places.
    assert_eq!(parse_num("0,333333333333333"), Some(num(333_333_333, 9)));
    for bad in ["", "-", ".", "1.2.3", "1e5", "12a", "9999999999999999"] {
        assert_eq!(parse_num(bad), None, "«{bad}»");
    }
    assert_eq!(parse_count("30"), Some(30));
    assert_eq!(parse_count("30,0"), Some(30));
    assert_eq!(parse_count("30,5"), None);
    assert_eq!(parse_count("-1"), None);
    assert_eq!(parse_count("99999999999"), None);
    assert!(num(300, 1).ge_int(30));
    assert!(!num(299, 1).ge_int(30));
    assert_eq!(normalize_label(" «Учебный  ГОД»: "), "учебный год");
    assert_eq!(normalize_label("Отчёт"), "отчет");
}

// =============================================================================================
// Format A

#[test]
fn format_a_by_codes() {
    let text = "код;показатель;2020/2021;2021–22;2022/23\n\
                school.name;Наименование ОО;МБОУ «СОШ № 3»;;\n\
                school.code;Код ОО;220123;;\n\
                school.municipality;Муниципалитет;Н-ский район;;\n\
                school.region;Регион;Алтайский край;;\n\
                1.1;1.1. Сохранность контингента;;;\n\
                contingent.ooo;Обучающихся ООО;212;205;198\n\
                VPR.Math.5.;ВПР математика 5 кл.;6/31;9/28;11/30\n\
                oge.rus;ОГЭ русский;4,3%;0 %;2/24\n\
                ege.math.base;ЕГЭ база;1/12;н/п;\n\
                staff.psychologist;Педагог-психолог;да;нет;есть\n\
                infra.remoteness;Удалённость;45 км;;\n";
    let loaded = load_text(text);
    assert_eq!(loaded.info.format, Format::Template);
    assert_eq!(loaded.info.delimiter, Delimiter::Semicolon);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.info.years, [Year(2020), Year(2021), Year(2022)]);
    let s = &loaded.schools[0];
    assert_eq!(s.meta.name.as_deref(), Some("МБОУ «СОШ № 3»"));
    assert_eq!(s.meta.code.as_deref(), Some("220123"));
    assert_eq!(s.meta.municipality.as_deref(), Some("Н-ский район"));
    assert_eq!(s.meta.region.as_deref(), Some("Алтайский край"));
    assert_eq!(
        s.value("contingent.ooo", Year(2021)),
        &Value::Number(Num::int(205))
    );
    assert_eq!(s.value("vpr.math.5", Year(2022)), &ratio(11, 30));
    assert_eq!(s.value("oge.rus", Year(2020)), &percent(43, 1));
    assert_eq!(s.value("oge.rus", Year(2021)), &percent(0, 0));
    assert_eq!(s.value("ege.math.base", Year(2021)), &Value::NotHeld);
    assert_eq!(s.value("ege.math.base", Year(2022)), &Value::Missing);
    assert_eq!(
        s.value("staff.psychologist", Year(2021)),
        &Value::Bool(false)
    );
    assert_eq!(
        s.value("infra.remoteness", Year(2020)),
        &Value::Text("45 км".into())
    );
    // Every value remembers where it came from.
    let cell = &s.cells["vpr.math.5"][&Year(2022)];
    assert_eq!(
        (cell.loc.row, cell.loc.column.as_deref()),
        (Some(8), Some("2022/23"))
    );
}

#[test]
fn format_a_years_in_any_order_and_repeated() {
    let text = "код;показатель;2022-2023;2021-2022;2022/23\n\
                vpr.math.5;ВПР;11/30;9/28;1/30\n";
    let loaded = load_text(text);
    let s = &loaded.schools[0];
    assert_eq!(s.years, [Year(2021), Year(2022)]);
    assert_eq!(s.value("vpr.math.5", Year(2022)), &ratio(11, 30));
    let d = &loaded.diagnostics;
    assert!(d.iter().any(|d| d.row == Some(1)
        && d.column.as_deref() == Some("2022/23")
        && d.kind == DiagnosticKind::RepeatedYear));
    assert!(d
        .iter()
        .any(|d| d.severity == Severity::Info && d.kind == DiagnosticKind::YearsOutOfOrder));
}

#[test]
fn format_a_by_the_forms_wording_without_codes() {
    let text = "Показатель;2021-2022;2022-2023\n\
                1. Образовательный критерий;;\n\
                1.1. Сохранность контингента;;\n\
                Количество учащихся, обучающихся на конец учебного года;;\n\
                а) НОО;112;109\n\
                б) ООО;205;198\n\
                Отсев (в течение года);;\n\
                а) из основной школы;1;2\n\
                Количество выпускников 9 класса;38;40\n\
                1.2. Качество образования;;\n\
                ВПР. Математика. Доля обучающихся от общего числа участников, получивших неудовлетворительный результат;;\n\
                5 класс;8/28;11/30\n\
                ВПР. Русский язык. Доля обучающихся от общего числа участников, получивших неудовлетворительный результат;;\n\
                6 класс;10/31;8/28\n\
                ОГЭ. Доля обучающихся от общего числа участников ОГЭ, которые не преодолели минимальный порог, предусмотренный спецификацией соответствующей оценочной процедуры;;\n\
                Русский язык, %;0/37;2/39\n\
                Наличие специалистов: педагог-психолог, социальный педагог;;\n\
                педагог-психолог;да;да\n\
                Количество разработанных антирисковых программ в отношении ресурсных дефицитов с указанием наименования программ;2;3\n\
                Неизвестная строка;5;6\n\
                Вывод;;\n";
    let loaded = load_text(text);
    assert_eq!(loaded.info.format, Format::Template);
    let s = &loaded.schools[0];
    let expect: &[(&str, u16, Value)] = &[
        ("contingent.noo", 2021, Value::Number(Num::int(112))),
        ("contingent.ooo", 2022, Value::Number(Num::int(198))),
        ("dropout.ooo", 2022, Value::Number(Num::int(2))),
        ("grade9.graduates", 2021, Value::Number(Num::int(38))),
        ("vpr.math.5", 2022, ratio(11, 30)),
        ("vpr.rus.6", 2021, ratio(10, 31)),
        ("oge.rus", 2022, ratio(2, 39)),
        ("staff.psychologist", 2022, Value::Bool(true)),
        ("risk.programs", 2022, Value::Number(Num::int(3))),
    ];
    for (code, year, value) in expect {
        assert_eq!(s.value(code, Year(*year)), value, "{code} {year}");
    }
    assert_eq!(
        s.cells.len(),
        expect.len(),
        "{:?}",
        s.cells.keys().collect::<Vec<_>>()
    );
    // Only the unrecognised row with values is reported; headings and «Вывод» are not.
    assert_eq!(
        diags_at(&loaded, 20),
        [(
            "Показатель".to_string(),
            "Неизвестная строка".to_string(),
            "показатель не распознан (нет кода, и формулировка не совпала с формой ДТК): строка пропущена"
                .to_string()
        )]
    );
    assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(identify(s, &Settings::default()).status, Status::Shnor);
}

#[test]
fn format_a_bad_cells_unknown_and_repeated_codes() {
    let bytes = std::fs::read(fixture("bad-cells.csv")).unwrap();
    let loaded = load(
        &bytes,
        &LoadOptions {
            file_name: Some("bad-cells.csv".into()),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    let d = |row| diags_at(&loaded, row);
    let t = |c: &str, v: &str, m: &str| (c.to_string(), v.to_string(), m.to_string());
    assert_eq!(
        d(3),
        [t(
            "2022-2023",
            "-3",
            "количество не может быть отрицательным"
        )]
    );
    assert_eq!(
        d(4),
        [t(
            "2021-2022",
            "1l/30",
            "ожидалась дробь вида «11/30» (целые числа)"
        )]
    );
    assert_eq!(d(5).len(), 2);
    assert_eq!(d(5)[1], t("2022-2023", "101 %", "доля больше 100 %"));
    assert_eq!(
        d(6),
        [
            t("2021-2022", "0/0", "в знаменателе 0: нет участников"),
            t(
                "2022-2023",
                "abc",
                "не число (ожидалась доля: «36,7 %» или «11/30»)"
            )
        ]
    );
    assert_eq!(
        d(7),
        [t("2021-2022", "может быть", "ожидалось «да» или «нет»")]
    );
    assert_eq!(
        d(8),
        [t(
            "код",
            "vpr.math.9",
            "неизвестный код показателя (список кодов — в шаблоне): строка пропущена"
        )]
    );
    assert_eq!(d(9)[0].0, "код");
    assert_eq!(d(9)[0].1, "soo.continuing_share");
    assert_eq!(
        d(11),
        [t(
            "код",
            "vpr.rus.6",
            "показатель повторяется (впервые — в строке 10): взяты значения первой строки"
        )]
    );
    assert_eq!(
        d(12),
        [t(
            "код",
            "Строка без кода",
            "в строке есть значения, но нет кода показателя: строка пропущена"
        )]
    );
    // Errors lose their cell and only it; the rest of the file is read.
    let s = &loaded.schools[0];
    assert_eq!(
        s.value("vpr.math.5", Year(2021)),
        &Value::Invalid("1l/30".into())
    );
    assert_eq!(s.value("vpr.math.5", Year(2022)), &ratio(11, 30));
    assert_eq!(s.value("vpr.rus.6", Year(2021)), &ratio(5, 30));
    assert_eq!(
        s.value("staff.psychologist", Year(2022)),
        &Value::Bool(true)
    );
    let id = identify(s, &Settings::default());
    assert_eq!(
        (id.status, id.condition1, id.condition2),
        (Status::Shnor, true, false)
    );
    // The report shows the bad cell as an error, not as a gap.
    let r = report::build(s, &Settings::default(), &loaded.diagnostics);
    let row = r
        .indicators
        .iter()
        .find(|r| r.code == "vpr.math.5")
        .unwrap();
    assert_eq!(row.display[&Year(2021)], "ошибка: «1l/30»");
    // The message reads like formats.md says: file, row, column, value, what was expected.
    let first_error = loaded
        .diagnostics
        .iter()
        .find(|d| d.row == Some(4))
        .unwrap();
    assert_eq!(
        first_error.to_string(),
        "Файл «bad-cells.csv», строка 4, столбец «2021-2022»: «1l/30» — ожидалась дробь вида «11/30» (целые числа)"
    );
    assert_every_diagnostic_is_located(&loaded.diagnostics);
}

/// Every diagnostic about a place in the file names its row, its column and the value.
fn assert_every_diagnostic_is_located(diags: &[Diagnostic]) {
    for d in diags.iter().filter(|d| d.row.is_some()) {
        assert!(d.column.is_some(), "no column: {d:?}");
        assert!(d.value.is_some(), "no value: {d:?}");
        assert!(!d.message.is_empty());
        // Russian: the message has Cyrillic letters.
        assert!(d.message.chars().any(|c| ('а'..='я').contains(&c)), "{d:?}");
    }
}

#[test]
fn format_a_in_windows_1251_with_tabs() {
    let bytes = std::fs::read(fixture("school-cp1251-tab.csv")).unwrap();
    let loaded = load_bytes(&bytes);
    assert_eq!(loaded.info.encoding, Encoding::Windows1251);
    assert_eq!(loaded.info.delimiter, Delimiter::Tab);
    assert_eq!(loaded.info.format, Format::Template);
    let s = &loaded.schools[0];
    assert_eq!(s.meta.name.as_deref(), Some("МКОУ «Ёлкинская ООШ № 2»"));
    assert_eq!(s.meta.municipality.as_deref(), Some("Заречный район"));
    assert_eq!(s.value("vpr.math.6", Year(2020)), &Value::NotHeld);
    assert_eq!(s.value("vpr.math.6", Year(2022)), &percent(299, 1));
    assert_eq!(s.value("oge.math", Year(2021)), &Value::Missing);
    assert_eq!(
        diags_at(&loaded, 4),
        [(
            "2022-2023".to_string(),
            "1l5".to_string(),
            "не число".to_string()
        )]
    );
    assert_eq!(loaded.diagnostics.len(), 1);
    // 2022-2023: ВПР математика 5 40 %, ВПР русский 5 32 %, ОГЭ математика 40 % (ВПР
    // математика 6 29,9 % is not low); 2021-2022: ВПР математика 5 9/30 — both conditions.
    let id = identify(s, &Settings::default());
    assert_eq!(
        (id.status, id.condition1, id.condition2),
        (Status::Shnor, true, true)
    );
    let low: Vec<(&str, Year)> = id
        .low
        .iter()
        .map(|l| (l.procedure.as_str(), l.year))
        .collect();
    assert_eq!(
        low,
        [
            ("vpr.math.5", Year(2021)),
            ("vpr.rus.5", Year(2022)),
            ("vpr.math.5", Year(2022)),
            ("oge.math", Year(2022)),
        ]
    );
}

// =============================================================================================
// Format B

#[test]
fn procedure_codes_from_columns() {
    let ok: &[(&str, &str, &str, &str, bool, &str)] = &[
        ("ВПР", "математика", "5", "", false, "vpr.math.5"),
        ("впр", "Русский язык", "6", "", false, "vpr.rus.6"),
        ("VPR", "math", "4", "", false, "vpr.math.4"),
        ("ОГЭ", "русский язык", "", "", false, "oge.rus"),
        ("ГИА-9", "математика", "9", "", false, "oge.math"),
        ("ОГЭ", "математика", "", "", true, "oge.math.retake"),
        ("ЕГЭ", "русский язык", "", "", true, "ege.rus.retake"),
        ("ЕГЭ", "математика (база)", "", "", false, "ege.math.base"),
        (
            "ЕГЭ",
            "математика профиль",
            "",
            "",
            false,
            "ege.math.profile",
        ),
        (
            "ЕГЭ",
            "математика",
            "",
            "профильный",
            false,
            "ege.math.profile",
        ),
        ("ЕГЭ", "математика", "", "базовый", false, "ege.math.base"),
        ("ege", "math", "", "base", false, "ege.math.base"),
        ("ЕГЭ", "математика", "", "", true, "ege.math.retake"),
    ];
    for &(p, s, g, l, r, code) in ok {
        assert_eq!(procedure_code(p, s, g, l, r), Ok(code), "{p} {s} {g} {l}");
    }
    let bad: &[(&str, &str, &str, &str)] = &[
        ("НИКО", "математика", "5", "процедура «НИКО» не из методики"),
        (
            "ВПР",
            "физика",
            "7",
            "предмет «физика» не учитывается методикой",
        ),
        ("ВПР", "математика", "", "для ВПР нужен класс (4–8)"),
        (
            "ЕГЭ",
            "математика",
            "",
            "для ЕГЭ по математике нужен уровень",
        ),
        ("ВПР", "математика", "11", "не из каталога"),
    ];
    for &(p, s, g, message) in bad {
        let err = procedure_code(p, s, g, "", false).unwrap_err();
        assert!(err.contains(message), "{p} {s} {g}: {err}");
    }
}

#[test]
fn format_b_russian_headers_many_schools() {
    let loaded = load_bytes(&std::fs::read(fixture("results-many.csv")).unwrap());
    assert_eq!(loaded.info.format, Format::Results);
    assert_eq!(loaded.info.encoding, Encoding::Utf8);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let names: Vec<(String, String)> = loaded
        .schools
        .iter()
        .map(|s| {
            (
                s.display_name(),
                s.meta.municipality.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("МБОУ «СОШ № 1»".into(), "Северный район".into()),
            ("МБОУ «СОШ № 2»".into(), "Северный район".into()),
            ("МБОУ «Лицей»".into(), "Южный район".into()),
            ("МКОУ «ООШ с. Ключи»".into(), "Южный район".into()),
            ("МКОУ «НОШ д. Бор»".into(), "Южный район".into()),
        ]
    );
    let s = &loaded.schools;
    // Mark counts: failed = «2», participants as given, marks kept.
    assert_eq!(
        s[0].value("vpr.math.5", Year(2022)),
        &Value::Ratio {
            part: 11,
            whole: 30,
            marks: Some(Marks {
                n2: 11,
                n3: 10,
                n4: 6,
                n5: 3
            })
        }
    );
    assert_eq!(s[1].value("ege.math.profile", Year(2022)), &ratio(1, 9));
    assert_eq!(s[2].value("ege.math.base", Year(2022)), &ratio(4, 10));
    assert_eq!(s[3].value("oge.math", Year(2022)), &ratio(4, 12));
    assert_eq!(s[3].value("oge.math.retake", Year(2022)), &ratio(1, 12));
    assert_eq!(s[4].value("vpr.math.4", Year(2021)), &ratio(2, 20));
    let statuses: Vec<Status> = s
        .iter()
        .map(|s| identify(s, &Settings::default()).status)
        .collect();
    // Edition 2 (domain.md §1): an expected empty cell that could make a school ШНОР makes
    // «недостаточно данных» (schools 2 and 4 have a procedure with a result in one year only).
    assert_eq!(
        statuses,
        [
            Status::Shnor,
            Status::InsufficientData,
            Status::Shnor,
            Status::InsufficientData,
            Status::InsufficientData
        ]
    );
}

#[test]
fn format_b_english_headers_comma_separated() {
    let text =
        "school,municipality,year,procedure,subject,grade,level,retake,participants,failed,share\n\
                School 1,District,2021-2022,VPR,math,5,,,30,9,\n\
                School 1,District,2022-2023,VPR,rus,6,,,28,,\"32,1\"\n\
                School 1,District,2022-2023,EGE,math,,profile,,9,1,\n\
                School 1,District,2022-2023,OGE,math,,,yes,6,2,\n";
    let loaded = load_text(text);
    assert_eq!(loaded.info.format, Format::Results);
    assert_eq!(loaded.info.delimiter, Delimiter::Comma);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let s = &loaded.schools[0];
    assert_eq!(s.meta.name.as_deref(), Some("School 1"));
    assert_eq!(s.value("vpr.math.5", Year(2021)), &ratio(9, 30));
    // A share column with participants: the percentage and its group size.
    assert_eq!(
        s.value("vpr.rus.6", Year(2022)),
        &Value::Percent {
            value: num(321, 1),
            of: Some(28)
        }
    );
    assert_eq!(s.value("ege.math.profile", Year(2022)), &ratio(1, 9));
    assert_eq!(s.value("oge.math.retake", Year(2022)), &ratio(2, 6));
    let id = identify(s, &Settings::default());
    assert_eq!(
        (id.status, id.condition1, id.condition2),
        (Status::Shnor, false, true)
    );
}

#[test]
fn format_b_mark_columns_named_n2_to_n5_and_share_only() {
    let text = "year;procedure;subject;grade;n;n2;n3;n4;n5\n\
                2022-2023;ВПР;математика;5;25;5;10;8;2\n\
                2022-2023;ВПР;русский язык;5;;2;10;8;2\n";
    let loaded = load_text(text);
    let s = &loaded.schools[0];
    assert_eq!(s.value("vpr.math.5", Year(2022)).group_size(), Some(25));
    // Without participants, the marks give them.
    assert_eq!(
        s.value("vpr.rus.5", Year(2022)),
        &Value::Ratio {
            part: 2,
            whole: 22,
            marks: Some(Marks {
                n2: 2,
                n3: 10,
                n4: 8,
                n5: 2
            })
        }
    );
    let text = "учебный год;процедура;предмет;класс;доля\n\
                2022-2023;ОГЭ;математика;;30 %\n\
                2022-2023;ОГЭ;русский язык;;29,9\n";
    let loaded = load_text(text);
    let s = &loaded.schools[0];
    assert_eq!(s.value("oge.math", Year(2022)), &percent(30, 0));
    assert_eq!(s.value("oge.rus", Year(2022)), &percent(299, 1));
    // One low result (30 %), none with 29,9 %, no year before: Условие 2 undecidable.
    assert_eq!(
        identify(s, &Settings::default()).status,
        Status::InsufficientData
    );
}

#[test]
fn format_b_one_school_without_the_school_column() {
    let loaded = load_bytes(&std::fs::read(fixture("results-no-school-column.csv")).unwrap());
    assert_eq!(loaded.schools.len(), 1);
    let s = &loaded.schools[0];
    assert_eq!(s.meta.name, None);
    assert_eq!(s.display_name(), "Школа");
    assert_eq!(s.value("oge.rus", Year(2022)), &Value::NotHeld);
    assert_eq!(s.value("vpr.rus.6", Year(2022)), &ratio(9, 29));
    let id = identify(s, &Settings::default());
    assert_eq!(
        (id.status, id.condition1, id.condition2),
        (Status::Shnor, false, true)
    );
}

#[test]
fn format_b_bad_rows_are_reported_with_row_column_and_value() {
    let text = "ОО;учебный год;процедура;предмет;класс;участников;не справились;«2»;«3»;«4»;«5»\n\
                Школа;2022-2023;ВПР;математика;5;30;11;;;;\n\
                Школа;2022/2023;ВПР;русский язык;5;тридцать;3;;;;\n\
                Школа;22-23;ВПР;русский язык;6;30;3;;;;\n\
                Школа;2022-2023;ВПР;физика;7;30;3;;;;\n\
                Школа;2022-2023;ВПР;физика;8;30;3;;;;\n\
                Школа;2022-2023;ВПР;математика;пятый;30;3;;;;\n\
                Школа;2022-2023;НИКО;математика;5;30;3;;;;\n\
                Школа;2022-2023;ЕГЭ;математика;;9;3;;;;\n\
                Школа;2022-2023;ОГЭ;математика;;20;25;;;;\n\
                Школа;2022-2023;ОГЭ;русский язык;;20;2;x;;;\n\
                Школа;2022-2023;ВПР;математика;5;30;1;;;;\n\
                Школа;2022-2023;ВПР;математика;6;30;5;4;20;5;1\n\
                Школа;2022-2023;ВПР;русский язык;6;31;;4;20;5;1\n";
    let loaded = load_text(text);
    // (row, column, value, words of the message) — exactly one diagnostic per listed row.
    let expected: &[(usize, &str, &str, &str)] = &[
        (3, "участников", "тридцать", "число"),
        (4, "учебный год", "22-23", "не учебный год"),
        // The same problem in two rows is reported once, at the first, with the count.
        (
            5,
            "предмет",
            "физика",
            "предмет «физика» не учитывается методикой",
        ),
        (7, "класс", "пятый", "для ВПР нужен класс"),
        (8, "процедура", "НИКО", "процедура «НИКО» не из методики"),
        // No `уровень` column: the level belongs in `предмет`.
        (
            9,
            "предмет",
            "математика",
            "для ЕГЭ по математике нужен уровень",
        ),
        (10, "не справились", "25", "больше, чем участников (20)"),
        (11, "«2»", "x", "не"),
        (12, "процедура", "vpr.math.5 2022-2023", "повторная строка"),
        (
            13,
            "не справились",
            "5",
            "не совпадает с числом отметок «2» (4)",
        ),
        (14, "участников", "31", "сумма отметок «2»–«5» (30)"),
    ];
    for &(row, column, value, words) in expected {
        let got = diags_at(&loaded, row);
        assert_eq!(got.len(), 1, "row {row}: {got:?}");
        let (c, v, m) = &got[0];
        assert_eq!((c.as_str(), v.as_str()), (column, value), "row {row}: {m}");
        assert!(m.contains(words), "row {row}: «{m}» lacks «{words}»");
    }
    assert!(diags_at(&loaded, 6).is_empty());
    assert!(diags_at(&loaded, 5)[0].2.ends_with("— 2 строки"));
    assert_every_diagnostic_is_located(&loaded.diagnostics);
    // The good rows are all there.
    let s = &loaded.schools[0];
    assert_eq!(s.value("vpr.math.5", Year(2022)), &ratio(11, 30));
    assert_eq!(s.value("vpr.math.6", Year(2022)).group_size(), Some(30));
    assert_eq!(
        s.value("oge.math", Year(2022)),
        &Value::Invalid("25".into())
    );
    assert_eq!(s.value("oge.rus", Year(2022)), &Value::Invalid("x".into()));
}

// =============================================================================================
// Robustness

#[test]
fn files_that_cannot_be_read_at_all() {
    let empty = load(b"", &LoadOptions::default()).unwrap_err();
    assert_eq!(empty, LoadError::Empty);
    assert_eq!(
        load(b" \r\n\t\n", &LoadOptions::default()).unwrap_err(),
        LoadError::Empty
    );
    let not = std::fs::read(fixture("not-a-table.csv")).unwrap();
    let e = load(&not, &LoadOptions::default()).unwrap_err();
    assert!(matches!(e, LoadError::Unrecognized { .. }), "{e:?}");
    assert!(e.to_string().contains("Уважаемые коллеги!"), "{e}");
}

/// A tiny deterministic generator (no dependencies): the same «random» inputs every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn bad_input_never_panics() {
    let fixed: &[&[u8]] = &[
        b"\"",
        b"\"\"\"",
        b";;;;\n;;;",
        b"\xFF\xFE",
        b"\xFE\xFF\x00",
        b"\xEF\xBB\xBF",
        "код;показатель;2022-2023".as_bytes(),
        "код;показатель;2022-2023\nvpr.math.5;;99999999999999999999/3\n".as_bytes(),
        "код;показатель;2022-2023\nvpr.math.5;;4294967296/4294967297\n".as_bytes(),
        "код;показатель;2022-2023\nvpr.math.5;;0,0000000000001 %\n".as_bytes(),
        "код;показатель;2022-2023\nvpr.math.5;;36,7 % (\n".as_bytes(),
        "код;показатель;2022-2023\nvpr.math.5;;()\n".as_bytes(),
        "учебный год;процедура;не справились\n2022-2023;ВПР;3\n".as_bytes(),
        "учебный год;предмет;доля\n2022-2023;математика;200\n".as_bytes(),
        "ОО;учебный год;процедура;предмет;класс;участников;не справились\n;2100-2101;ВПР;математика;4294967296;0;0\n".as_bytes(),
        "2022-2023\n1;2;3\n".as_bytes(),
        "\u{0};2022-2023\n\u{0};\u{0}\n".as_bytes(),
    ];
    let run = |bytes: &[u8]| {
        if let Ok(loaded) = load(bytes, &LoadOptions::default()) {
            for s in &loaded.schools {
                let r = report::build(s, &Settings::default(), &loaded.diagnostics);
                let _ = report::to_text(&r);
                let _ = serde_json::to_string(&r).unwrap();
            }
            let _ = dtk_calc::core::schools::summarize(&loaded.schools, &Settings::default());
        }
    };
    for bytes in fixed {
        run(bytes);
    }
    // Mutations of real inputs: flipped bytes, cut files, inserted delimiters and quotes.
    let seeds: Vec<Vec<u8>> = vec![
        dtk_calc::core::template::EXAMPLE_SCHOOL.to_vec(),
        std::fs::read(fixture("results-many.csv")).unwrap(),
        std::fs::read(fixture("school-cp1251-tab.csv")).unwrap(),
    ];
    let mut rng = Lcg(20_240_901);
    for round in 0..150 {
        let mut bytes = seeds[round % seeds.len()].clone();
        for _ in 0..(1 + rng.next() % 12) {
            let at = (rng.next() as usize) % bytes.len().max(1);
            match rng.next() % 5 {
                0 => bytes[at] = rng.next() as u8,
                1 => bytes.insert(at, b"\";\t,/%\r\n"[(rng.next() % 8) as usize]),
                2 => bytes.truncate(at.max(1)),
                3 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, b'0' + (rng.next() % 10) as u8),
            }
            if bytes.is_empty() {
                bytes.push(b';');
            }
        }
        run(&bytes);
    }
}

#[test]
fn a_thousand_bad_cells_are_capped_with_a_count() {
    let mut text = String::from("код;показатель;2022-2023\n");
    for _ in 0..1005 {
        text.push_str("vpr.math.5;;x\n");
    }
    let loaded = load_text(&text);
    // One bad cell, then 1004 repeats of the same row.
    assert_eq!(loaded.diagnostics.len(), 1000 + 1);
    let last = loaded.diagnostics.last().unwrap();
    assert_eq!(last.kind, DiagnosticKind::Dropped);
    assert_eq!(
        last.message,
        "ещё 5 замечаний не показано: исправьте первые и откройте файл снова"
    );
}

#[test]
fn format_b_zero_participants_is_no_data_and_said_so() {
    let loaded = load_text(
        "ОО;учебный год;процедура;предмет;класс;участников;не справились\n\
         Школа;2022-2023;ВПР;математика;5;0;0\n\
         Школа;2022-2023;ВПР;русский язык;5;20;3\n",
    );
    let school = &loaded.schools[0];
    assert_eq!(school.value("vpr.math.5", Year(2022)), &Value::Missing);
    assert_eq!(school.value("vpr.rus.5", Year(2022)), &ratio(3, 20));
    let d = diags_at(&loaded, 2);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "участников");
    assert_eq!(d[0].1, "0");
    assert!(d[0].2.contains("участников 0"), "{d:?}");
}
