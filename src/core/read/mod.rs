//! Reading: a file's bytes in, schools and diagnostics out. `decode` finds the text encoding,
//! `table` splits CSV (and writes it, with the formula guard; `plain` splits quote-free text), `cell` reads one cell by the
//! grammar of formats.md, `sheet` opens XLSX/XLS/XLSB/ODS within the budgets of `limits`,
//! `format_a` (one school's ДТК) and `format_b` (results, one row per procedure) turn a table
//! into `School`s, `load` chooses among them (and format C, protocols) and `stream` reads a
//! large results file in slices. Nothing here judges: a value that cannot be read becomes a
//! diagnostic where it stands.

pub mod cell;
mod csv_out;
pub mod decode;
pub mod format_a;
pub mod format_b;
pub mod limits;
pub mod load;
mod plain;
pub mod sheet;
pub mod stream;
pub mod table;
