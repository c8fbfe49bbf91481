//! Kept edits across the change from ten blocks to the form's five pairs: in: a school's kept
//! edits (map «1.2/conclusion» → text, possibly with the old per-block keys 2.1…3.4); out: the
//! same edits under the pair keys («2/…», «3/…»), and, where an old edit cannot be carried over
//! (the pair already has its own edit), the old text kept under «offered/…» for the page to
//! offer — an edit is never dropped.

use std::collections::BTreeMap;

use crate::core::catalogue::{self, PAIRS};

/// The prefix of an old edit the page offers to the user rather than applies.
pub const OFFERED_PREFIX: &str = "offered/";

/// The result of a migration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Migration {
    pub edits: BTreeMap<String, String>,
    /// Whether anything moved (then the caller writes the map back).
    pub changed: bool,
}

/// The pair key an old block key belongs to, when the block is not a pair of its own:
/// «2.2/problems» → «2/problems».
fn new_key(old: &str) -> Option<String> {
    let (block, what) = old.split_once('/')?;
    let section = catalogue::SECTIONS.iter().find(|s| s.number == block)?;
    let pair = catalogue::pair_of(section.id)?;
    (pair.key != block).then(|| format!("{}/{what}", pair.key))
}

/// Carries the old per-block edits over to the pair keys: one old edit moves; several are
/// merged (problem lines joined without repeats, conclusions as paragraphs in block order);
/// an old edit whose pair already has an edit is kept as «offered/<old key>».
pub fn migrate(edits: &BTreeMap<String, String>) -> Migration {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (k, v) in edits {
        match new_key(k) {
            Some(n) => groups.entry(n).or_default().push((k.clone(), v.clone())),
            None => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    let changed = !groups.is_empty();
    for (n, olds) in groups {
        if out.contains_key(&n) {
            for (k, v) in olds {
                out.insert(format!("{OFFERED_PREFIX}{k}"), v);
            }
            continue;
        }
        let merged = if n.ends_with("/problems") {
            let mut lines: Vec<String> = Vec::new();
            for (_, v) in &olds {
                for l in v.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    if !lines.iter().any(|x| x == l) {
                        lines.push(l.to_string());
                    }
                }
            }
            lines.join("\n")
        } else {
            olds.iter()
                .map(|(_, v)| v.trim().to_string())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        out.insert(n, merged);
    }
    debug_assert!(PAIRS.len() == 5);
    Migration {
        edits: out,
        changed,
    }
}

/// The offered old edits of a pair: (storage key, old block number, what, text).
pub fn offered_for<'a>(
    edits: &'a BTreeMap<String, String>,
    pair_key: &'a str,
) -> impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)> + 'a {
    edits.iter().filter_map(move |(k, v)| {
        let old = k.strip_prefix(OFFERED_PREFIX)?;
        let (block, what) = old.split_once('/')?;
        let n = new_key(old)?;
        n.starts_with(&format!("{pair_key}/"))
            .then_some((k.as_str(), block, what, v.as_str()))
    })
}
