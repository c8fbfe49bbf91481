//! The five «Вывод / Проблема» pairs in and out of files. In: a report's generated pairs and
//! the user's texts (kept edits, or the file's own `text.*` rows). Out: the pairs with those
//! texts applied (page, XLSX, JSON), and the pairs as format-A rows for the report CSV — whose
//! codes the format-A reader turns back into the same texts.

use crate::core::catalogue;
use crate::core::method::conclude::PairText;
use crate::core::report::export::Edits;
use crate::core::report::Report;

/// The texts of the five pairs with the user's edits applied (problems are one per line, the
/// «• » bullets the page shows are dropped).
pub fn edited_pairs(report: &Report, edits: &Edits) -> Vec<PairText> {
    report
        .pairs
        .iter()
        .map(|s| {
            let mut out = s.clone();
            apply_texts(&mut out, edits);
            out
        })
        .collect()
}

/// Puts the texts of `edits` (keys «1.1/conclusion», «1.1/problems») into one pair.
pub fn apply_texts(pair: &mut PairText, edits: &Edits) {
    let number = catalogue::PAIRS
        .iter()
        .find(|p| p.id == pair.id)
        .map_or("", |p| p.key);
    if let Some(t) = edits.get(&format!("{number}/conclusion")) {
        pair.conclusion = t.clone();
    }
    if let Some(t) = edits.get(&format!("{number}/problems")) {
        pair.problems = t
            .lines()
            .map(|l| l.trim().trim_start_matches('•').trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
    }
}

/// The five pairs as format-A rows (code, label, text in the first year column). A text the
/// user wrote — edited on the page or carried by the file — is `text.<pair>.conclusion|problems`
/// and comes back as the same text when the CSV is opened again; a generated one is written as
/// `auto.…`, for the reader of the CSV only: opened again it is generated anew from the data, so
/// a corrected cell never leaves a stale sentence behind.
pub fn pair_rows(report: &Report, edits: &Edits) -> Vec<[String; 3]> {
    let mut rows = Vec::new();
    for pair in edited_pairs(report, edits) {
        let Some(spec) = catalogue::PAIRS.iter().find(|p| p.id == pair.id) else {
            continue;
        };
        let problems = pair.problems.join("\n");
        for (part, label, text) in [
            ("conclusion", "Вывод", pair.conclusion),
            ("problems", "Проблема", problems),
        ] {
            let key = format!("{}/{part}", spec.key);
            let own = edits.contains_key(&key) || report.file_texts.contains(&key);
            let code = format!("{}.{}.{part}", if own { "text" } else { "auto" }, spec.key);
            rows.push([code, format!("{label}: {}", spec.title), text]);
        }
    }
    rows
}

/// The edits key («1.1/conclusion») of a format-A row code written by [`pair_rows`]:
/// `Some(Some(key))` for a user's text, `Some(None)` for a generated one (skipped on reading),
/// `None` when the code is not a pair's.
pub fn pair_key(code: &str) -> Option<Option<String>> {
    let (own, rest) = if let Some(r) = code.strip_prefix("text.") {
        (true, r)
    } else {
        (false, code.strip_prefix("auto.")?)
    };
    let (number, part) = rest.rsplit_once('.')?;
    let known = catalogue::PAIRS.iter().any(|p| p.key == number);
    (known && matches!(part, "conclusion" | "problems"))
        .then(|| own.then(|| format!("{number}/{part}")))
}
