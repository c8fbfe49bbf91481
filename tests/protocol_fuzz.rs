//! Hostile protocols: mutated bytes of a real protocol workbook and of a protocol CSV, and
//! arbitrary scales, never panic — a damaged file is a message (or a protocol with
//! diagnostics), and every analysis keeps its counts consistent (marks and the journal
//! comparison add up to the participants; a task's possible points follow its maximum).

use dtk_calc::core::protocol::{analyse, read, Scale};
use proptest::prelude::*;

fn real() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/fisoko-protocols-2022/vpr2022_grade6_rus.xlsx"
    ))
    .unwrap()
}

const CSV: &str = "Пользователь;Школа;Дата загрузки;Код;Вариант;1 (2б);2 (3б);Наименование класса;Пол;Отметка за предыдущий триместр/ четверть/полугодие;Итого баллов\n\
edu1;edu1 | Школа;20.04.2023 10:00;50001;1;2;2;А;ж;5;4\n\
edu1;edu1 | Школа;20.04.2023 10:00;50002;отсутствовал;;;;;;0\n\
edu1;edu1 | Школа;20.04.2023 10:00;50003;2;1;не пройд.;Б;м;4;1\n";

fn consistent(bytes: &[u8], cuts: [u32; 3]) {
    let Ok(p) = read(bytes, Some("x")) else {
        return;
    };
    let Ok(a) = analyse(&p, &Scale::typed(cuts)) else {
        return;
    };
    for s in &a.schools {
        for g in std::iter::once(&s.total).chain(&s.classes) {
            assert_eq!(g.marks.total(), g.participants);
            if let Some(j) = g.journal {
                assert_eq!(j.compared() + j.without, g.participants);
            }
            // A task's possible points are its maximum times the pupils who had it.
            for t in &g.tasks {
                assert_eq!(t.possible % t.max.max(1), 0);
                assert!(t.possible <= t.max * g.participants);
            }
        }
    }
}

/// Found by `mutated_csv_never_panics` in CI: a pupil's code of five bytes that starts with a
/// Cyrillic letter («от|») was cut at its first byte, inside the letter.
#[test]
fn a_five_byte_code_starting_with_a_letter_is_not_cut_inside_it() {
    let text = CSV.replacen(";50001;", ";от|;", 1);
    assert!(text.contains(";от|;"));
    consistent(text.as_bytes(), [1, 2, 3]);
    let p = read(text.as_bytes(), Some("x")).expect("read");
    assert_eq!(p.grade, Some(5), "the other codes still say grade 5");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_workbook_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cuts in (1u32..30, 1u32..30, 1u32..60)) {
        let mut bytes = real();
        for (i, b) in edits {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        consistent(&bytes, [cuts.0, cuts.0 + cuts.1, cuts.0 + cuts.1 + cuts.2]);
    }

    #[test]
    fn mutated_csv_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), "[0-9;\\n|а-я ]{0,3}"), 1..10)) {
        let mut text = CSV.to_string();
        for (i, s) in edits {
            let mut at = i.index(text.len() + 1).min(text.len());
            while !text.is_char_boundary(at) { at -= 1; }
            text.insert_str(at, &s);
        }
        consistent(text.as_bytes(), [1, 2, 3]);
    }

    #[test]
    fn truncated_workbook_is_a_message(len in 0usize..4000) {
        let bytes = real();
        let cut = &bytes[..len.min(bytes.len())];
        if let Err(e) = read(cut, Some("x.xlsx")) {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}
