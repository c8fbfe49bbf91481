//! The risk profile rows of a ДТК file (formats.md A: `risk.factor.1` … `risk.factor.12` =
//! высокий / средний / низкий, `risk.profile_date`), read into a `Profile` for the plan.
//!
//! In: a table or a file's bytes. Out: a `Profile`, or `None` when the file has no such rows.

use super::model::{Date, Profile};
use crate::core::read::table::{self, Table};
use crate::core::risk_factors::{self, RiskLevel};
use crate::core::{decode, sheet};

/// Whether a ДТК row code is a risk profile row (`risk.factor.N`, `risk.profile_date`).
pub fn is_profile_code(code: &str) -> bool {
    let code = code.trim();
    code == "risk.profile_date" || risk_factors::RISK_FACTORS.iter().any(|f| f.code == code)
}

/// The risk profile rows of a ДТК file (`risk.factor.N` = высокий / средний / низкий,
/// `risk.profile_date`), wherever the code stands in the row; `None` when there are none.
pub fn profile_from_dtk(table: &Table) -> Option<Profile> {
    let mut p = Profile::default();
    let mut any = false;
    for row in &table.rows {
        let Some(at) = row.cells.iter().position(|c| c.trim().starts_with("risk.")) else {
            continue;
        };
        let code = row.get(at).trim();
        let rest = row.cells.iter().skip(at + 1).map(|c| c.trim());
        if code == "risk.profile_date" {
            p.date = rest.clone().find_map(Date::parse);
            any |= p.date.is_some();
        } else if let Some(f) = risk_factors::RISK_FACTORS.iter().find(|f| f.code == code) {
            if let Some(l) = rest.clone().find_map(RiskLevel::parse) {
                p.levels.insert(f.number, l);
                any = true;
            }
        }
    }
    any.then_some(p)
}

/// The profile rows of a ДТК CSV (text only: what the page calls).
pub fn profile_from_dtk_text(bytes: &[u8]) -> Option<Profile> {
    let (_, text, _) = decode::detect_and_decode(bytes);
    profile_from_dtk(&table::parse(&text, table::detect_delimiter(&text)))
}

/// The same from a ДТК file's bytes: CSV, or a workbook whose first sheet is read.
pub fn profile_from_dtk_bytes(bytes: &[u8]) -> Option<Profile> {
    if sheet::container(bytes).is_some() {
        let mut book = sheet::open(bytes).ok()?;
        let name = book.sheet_names().first()?.clone();
        return profile_from_dtk(&book.table(&name).ok()?.table);
    }
    let (_, text, _) = decode::detect_and_decode(bytes);
    profile_from_dtk(&table::parse(&text, table::detect_delimiter(&text)))
}
