//! Kept edits across the change from ten blocks to the form's five pairs (domain.md §3: «The
//! form has five «Вывод / Проблема» pairs»; §4: edits are tied to the pair and never dropped).

use std::collections::BTreeMap;

use dtk_calc::core::conclude::edits::{migrate, offered_for, OFFERED_PREFIX};

fn map(items: &[(&str, &str)]) -> BTreeMap<String, String> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn pair_keys_of_their_own_stay_and_nothing_moves() {
    let e = map(&[
        ("1.1/conclusion", "A"),
        ("1.2/problems", "B"),
        ("1.3/conclusion", "C"),
    ]);
    let m = migrate(&e);
    assert!(!m.changed);
    assert_eq!(m.edits, e);
}

#[test]
fn one_old_block_edit_moves_to_its_pair() {
    let m = migrate(&map(&[
        ("2.2/conclusion", "Мой вывод по 2.2"),
        ("3.4/problems", "• П"),
    ]));
    assert!(m.changed);
    assert_eq!(
        m.edits,
        map(&[("2/conclusion", "Мой вывод по 2.2"), ("3/problems", "• П")])
    );
}

#[test]
fn several_old_blocks_are_merged_in_block_order() {
    let m = migrate(&map(&[
        ("3.3/conclusion", "Третий"),
        ("3.1/conclusion", "Первый"),
        ("2.1/problems", "• a\n• b"),
        ("2.3/problems", "• b\n• c"),
    ]));
    assert_eq!(m.edits["3/conclusion"], "Первый\n\nТретий");
    // Problem lines joined, the repeated «• b» once.
    assert_eq!(m.edits["2/problems"], "• a\n• b\n• c");
    assert_eq!(m.edits.len(), 2);
}

#[test]
fn an_old_edit_whose_pair_has_its_own_is_offered_not_dropped() {
    let m = migrate(&map(&[
        ("2/conclusion", "Новый"),
        ("2.1/conclusion", "Старый"),
    ]));
    assert_eq!(m.edits["2/conclusion"], "Новый");
    assert_eq!(
        m.edits[&format!("{OFFERED_PREFIX}2.1/conclusion")],
        "Старый"
    );
    let offered: Vec<_> = offered_for(&m.edits, "2").collect();
    assert_eq!(
        offered,
        [("offered/2.1/conclusion", "2.1", "conclusion", "Старый")]
    );
    assert_eq!(offered_for(&m.edits, "3").count(), 0);
    // Migrating again changes nothing: offered keys are not old block keys.
    let again = migrate(&m.edits);
    assert!(!again.changed);
    assert_eq!(again.edits, m.edits);
}
