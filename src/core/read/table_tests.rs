//! Tests of the CSV splitter (`table`): both row paths, delimiters, quotes and line ends.

use super::*;
use crate::core::read::plain::split_into;

fn rows(text: &str, d: Delimiter, plain: bool) -> Vec<Row> {
    let mut out = Vec::new();
    let keep = |r: &Row, _: usize| {
        out.push(r.clone());
        true
    };
    if plain {
        for_each_plain_row(text, d, 1, keep).unwrap();
    } else {
        for_each_csv_row(text, d, keep).unwrap();
    }
    out
}

/// The word-at-a-time split is `str::split`.
#[test]
fn split_into_is_str_split() {
    for text in [
        "",
        ";",
        "a",
        "a;b",
        ";a;",
        ";;",
        "один;два;;три;",
        "x;\u{a0};ё",
        "МБОУ «СОШ № 1»;Муниципальный район № 1;2020-2021;ВПР;математика;5;52;5",
        ";;;;;;;;;;;;;;;;;;;",
        "abcdefg;abcdefgh;abcdefghi;;\u{bb}\u{3b}\u{3b}\u{bb};ъ;",
    ] {
        let mut ours = Vec::new();
        assert!(split_into(&mut ours, text, b';'));
        let std: Vec<&str> = text.split(';').collect();
        assert_eq!(ours, std, "{text:?}");
    }
}

/// The direct split of quote-free text gives exactly what the csv reader gives.
#[test]
fn plain_split_is_the_csv_reader() {
    for text in [
        "a;b;c\r\n1;2;3\r\n",
        "a;b\n\n\n1;2\n",
        "a;b\r1;2\r\r3;4",
        "a;b;;\n;;\n  ; \n1;;2;\r\n",
        "\n\r\nx\n",
        "одна;две\r\nтри;«четыре»\n",
        "a\tb\n1,5\t2\n",
        "",
        ";",
        "a;b\n\r\n\r1;2\n\n",
        "'=1;'-x;'\t=2\n'a;''=b\n",
    ] {
        for d in Delimiter::ALL {
            assert_eq!(
                rows(text, *d, true),
                rows(text, *d, false),
                "{text:?} {d:?}"
            );
        }
    }
}
