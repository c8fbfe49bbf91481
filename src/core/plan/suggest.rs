//! The problem field's word on the risk profile (plans.md §2: «the calculator may suggest,
//! never overwrite, the entered levels»).
//!
//! In: the themes of a school's «Проблема» (each naming the ФИОКО factors it points to, from
//! the catalogue's theme → factor links, domain.md §6). Out: per factor, the themes that point
//! to it — shown beside the entered levels; the levels themselves are never touched.

use std::collections::BTreeMap;

use crate::core::method::conclude::ThemeItem;

/// Factor number → the titles of the themes that point to it, each title once, in the order
/// the problem field gives them.
pub fn suggested_factors<'a>(
    themes: impl IntoIterator<Item = &'a ThemeItem>,
) -> BTreeMap<u8, Vec<String>> {
    let mut out: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    for t in themes {
        for &f in &t.factors {
            let list = out.entry(f).or_default();
            if !list.contains(&t.title) {
                list.push(t.title.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(title: &str, factors: &[u8]) -> ThemeItem {
        ThemeItem {
            theme: String::new(),
            title: title.to_string(),
            evidence: Vec::new(),
            factors: factors.to_vec(),
            sources: Vec::new(),
        }
    }

    /// domain.md §6: неуспешность по предмету → 8, 6, 4; сохранность контингента → 8, 7.
    #[test]
    fn each_factor_lists_the_themes_that_point_to_it_once() {
        let math = theme("Математика — неуспешность", &[8, 6, 4]);
        let rus = theme("Русский язык — неуспешность", &[8, 6, 4]);
        let kept = theme("Сохранность контингента", &[8, 7]);
        let s = suggested_factors([&math, &rus, &kept, &math]);
        assert_eq!(
            s[&8],
            vec![
                "Математика — неуспешность",
                "Русский язык — неуспешность",
                "Сохранность контингента"
            ]
        );
        assert_eq!(s[&7], vec!["Сохранность контингента"]);
        assert_eq!(s.keys().copied().collect::<Vec<_>>(), vec![4, 6, 7, 8]);
        assert!(!s.contains_key(&1));
    }
}
