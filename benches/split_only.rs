//! The ceiling for `dtk schools`: the same file only split into cells, nothing read from them.
//! `split_only FILE [csv|table]` prints the number of records and cells.
//!
//! `csv` (the default) is the csv crate's own reader over the bytes, the splitter most Rust
//! programs would use; `table` is the calculator's own splitter (`table::for_each_row`, UTF-8
//! checked first, as `load` does), so the gap between it and `dtk schools` is what reading
//! format B and identifying the schools cost.

use dtk_calc::core::table::{self, Delimiter};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("split_only FILE [csv|table]");
    let how = args.next().unwrap_or_else(|| "csv".to_string());
    let bytes = std::fs::read(&path).expect("the file");
    let (mut records, mut cells) = (0usize, 0usize);
    if how == "table" {
        let text = simdutf8::basic::from_utf8(&bytes).expect("UTF-8");
        table::for_each_row(text, Delimiter::Semicolon, |row, _| {
            records += 1;
            cells += row.cells.len();
            true
        })
        .expect("no row over the cells budget");
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes.as_slice());
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).expect("a record") {
            records += 1;
            cells += record.len();
        }
    }
    println!("{records} records, {cells} cells");
}
