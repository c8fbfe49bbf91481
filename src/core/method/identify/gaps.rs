//! Empty cells in the identification, edition 2 (domain.md §1, «Missing data never decides a
//! status silently»). In: the facts of the year of identification and of the year before (which
//! counted procedures are low, which are expected but empty). Out: the table marked — an
//! expected procedure the file lacks gets its row, an expected empty cell is marked as expected
//! (a gap to fill, not a procedure the school did not have), and the cells that decide the
//! status are flagged. (Whether each condition is decided comes with the decision itself:
//! `facts::judge`.)

use super::{proc_row, CellState, DecidingCell, ProcRow, Settings, YearFacts};
use crate::core::catalogue::{self, INDICATORS};
use crate::core::model::{School, Year};

/// Marks the expected empty cells of the two years in the table (adding the row of an expected
/// procedure the file does not have at all, in catalogue order) and flags the deciding ones.
pub(super) fn mark(
    table: &mut Vec<ProcRow>,
    school: &School,
    settings: &Settings,
    years: [(Year, &YearFacts); 2],
    deciding: &[DecidingCell],
) {
    for (year, facts) in years {
        if !facts.in_file {
            // No column for a year the file lacks; the deciding list names it in words.
            continue;
        }
        for &code in &facts.missing {
            if !table.iter().any(|r| r.code == code) {
                let Some(ind) = catalogue::find(code) else {
                    continue;
                };
                table.push(proc_row(school, ind, settings));
            }
            let row = table.iter_mut().find(|r| r.code == code);
            let Some(cell) = row.and_then(|r| r.cells.iter_mut().find(|c| c.year == year)) else {
                continue;
            };
            if cell.state != CellState::NoData {
                continue;
            }
            // The text stays «нет данных» (or «ошибка: …»): an empty cell and a written «—» are
            // one value, and a school that wrote «—» did answer. The flag marks it as expected.
            cell.expected_empty = true;
            cell.deciding = deciding
                .iter()
                .any(|d| d.year == year && d.procedure.as_deref() == Some(code));
        }
    }
    let order = |code: &str| INDICATORS.iter().position(|i| i.code == code);
    table.sort_by_key(|r| order(&r.code));
}
