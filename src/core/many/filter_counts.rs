//! The status cards of the schools table follow the search and the municipality filter
//! (issue 15): a summary and a query in, schools per status among the lines those two filters
//! keep out. The status filter itself is left aside — the cards are how it is chosen, so each
//! card keeps its count while another is pressed.

use std::collections::BTreeMap;

use crate::core::many::overview::{fold, search_key, Query, NO_MUNICIPALITY};
use crate::core::many::schools::Summary;
use crate::core::method::identify::Status;

/// Schools per status among the lines that pass the query's search and municipality.
pub fn counts_within(summary: &Summary, query: &Query) -> BTreeMap<Status, usize> {
    let needle = fold(&query.search);
    if needle.is_empty() && query.municipality.is_none() {
        return summary.counts.clone();
    }
    let mut counts = BTreeMap::new();
    for line in &summary.schools {
        let municipality_ok = query
            .municipality
            .as_ref()
            .is_none_or(|m| line.municipality.as_deref().unwrap_or(NO_MUNICIPALITY) == m.as_str());
        if municipality_ok && (needle.is_empty() || search_key(line).contains(&needle)) {
            *counts.entry(line.status).or_insert(0) += 1;
        }
    }
    counts
}

/// Whether the query narrows the list at all (the heading then says «отбор»).
pub fn is_filtered(query: &Query) -> bool {
    !query.search.trim().is_empty() || query.municipality.is_some() || query.status.is_some()
}
