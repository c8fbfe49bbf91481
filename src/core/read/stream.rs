//! Reading a results file in pieces, so that a national file (100 MB and more) is never held
//! whole: bytes flow in in order (a `File` read slice by slice in the browser's worker, a file
//! read in blocks by the command line), `Loaded` flows out — exactly what [`load::load`] gives
//! for the same bytes whole.
//!
//! Only the common national case is read this way: UTF-8 text (with or without a BOM), no
//! double quote anywhere, a format-B header among the first 30 rows, at least [`START`] bytes.
//! Anything else (a spreadsheet, Windows-1251 or UTF-16, quotes, a template, a small file, a
//! broken byte) makes [`Stream::push`] or [`Stream::finish`] answer «read it whole», and the
//! caller hands the whole bytes to `load` as before — so no result can differ, only memory.
//!
//! Pieces are cut after their last line feed: a line feed never occurs inside a UTF-8
//! character, so every cut piece is valid UTF-8 exactly when the file is, and a `\r\n` is never
//! torn in two.

use crate::core::model::Diagnostics;
use crate::core::read::decode::{self, Encoding};
use crate::core::read::format_b;
use crate::core::read::limits;
use crate::core::read::load::{self, Format, LoadOptions, Loaded};
use crate::core::read::table::{self, Delimiter, Table};

/// Bytes gathered before the first piece is read: the delimiter, the encoding and the header
/// are decided from the first lines, as `load` decides them from the whole text.
pub const START: usize = 64 * 1024;

/// Rows among which a header is looked for (as `load` does).
const HEAD_ROWS: usize = 30;

/// A file being read in pieces. `None` from a method means «read it whole with `load`».
pub struct Stream {
    options: LoadOptions,
    /// Bytes after the last line feed seen (and, before the start, everything so far).
    carry: Vec<u8>,
    /// Whether the first bytes were looked at (BOM, spreadsheet, UTF-16, delimiter).
    started: bool,
    delimiter: Delimiter,
    /// The rows before the header is found, and the reader once it is.
    head: Table,
    reader: Option<format_b::Reader>,
    diags: Diagnostics,
    /// The number of the next line, rows read by the reader, bytes of text read, the file's
    /// size (for progress).
    line: usize,
    rows: usize,
    done: usize,
    total: usize,
}

impl Stream {
    /// A stream for a file of `total` bytes read with `options`; `None` when the options ask
    /// for an encoding other than UTF-8 or the file is over the size limit (read it whole:
    /// `load` says why it is refused).
    pub fn new(options: &LoadOptions, total: usize) -> Option<Stream> {
        Self::with_limit(options, total, load::MAX_FILE_BYTES)
    }

    /// [`Stream::new`] with another size limit (the CLI's `--max-mib`).
    pub fn with_limit(options: &LoadOptions, total: usize, max_bytes: usize) -> Option<Stream> {
        if options.encoding.is_some_and(|e| e != Encoding::Utf8) || total > max_bytes {
            return None;
        }
        Some(Stream {
            options: options.clone(),
            carry: Vec::new(),
            started: false,
            delimiter: Delimiter::Semicolon,
            head: Table::default(),
            reader: None,
            diags: Diagnostics::default(),
            line: 1,
            rows: 0,
            done: 0,
            total,
        })
    }

    /// Reads the next bytes of the file. `None`: this file is not for reading in pieces —
    /// read it whole.
    pub fn push(&mut self, bytes: &[u8], progress: &mut dyn FnMut(usize, usize)) -> Option<()> {
        // The carry holds no line feed once started: only the new bytes are searched (a file
        // of `\r` line ends alone would otherwise be searched again on every push).
        let mut from = self.carry.len();
        self.carry.extend_from_slice(bytes);
        if !self.started {
            if self.carry.len() < START {
                return Some(());
            }
            self.start()?;
            from = 0;
        }
        let cut = memchr::memrchr(b'\n', &self.carry[from..]).map_or(0, |i| from + i + 1);
        if cut == 0 {
            return Some(());
        }
        let rest = self.carry.split_off(cut);
        let piece = std::mem::replace(&mut self.carry, rest);
        self.read(&piece, progress)
    }

    /// The file read, after its last bytes were pushed. `None`: read it whole.
    pub fn finish(
        mut self,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Option<Result<Loaded, load::LoadError>> {
        if !self.started {
            return None;
        }
        let rest = std::mem::take(&mut self.carry);
        self.read(&rest, progress)?;
        // Fewer rows than a header is looked among, or no format-B header: `load` has its own
        // answers for those.
        let reader = self.reader.take()?;
        let schools = reader.finish(&mut self.diags);
        let mut loaded = load::finish(Format::Results, schools, self.rows, self.diags);
        loaded.info.encoding = Encoding::Utf8;
        loaded.info.delimiter = self.delimiter;
        loaded.info.file_name = self.options.file_name.clone();
        for d in &mut loaded.diagnostics {
            d.file = self.options.file_name.clone();
        }
        progress(self.total, self.total);
        Some(Ok(loaded))
    }

    /// Looks at the first bytes as `load` does: no spreadsheet, no UTF-16; the BOM goes; the
    /// delimiter is detected from the first complete lines.
    fn start(&mut self) -> Option<()> {
        let b = &self.carry;
        if crate::core::read::sheet::container(b).is_some()
            || b.starts_with(&[0xFF, 0xFE])
            || b.starts_with(&[0xFE, 0xFF])
            || matches!(
                decode::detect(&b[..b.len().min(4096)]),
                Encoding::Utf16Le | Encoding::Utf16Be
            )
        {
            return None;
        }
        if b.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.carry.drain(..3);
        }
        let cut = memchr::memrchr(b'\n', &self.carry).map_or(0, |i| i + 1);
        // The first block is a mebibyte from the command line: std's check goes a byte at a time
        // through Cyrillic text (as `read` says), so the SIMD one checks it here too.
        let first = simdutf8::basic::from_utf8(&self.carry[..cut]).ok()?;
        self.delimiter = match self.options.delimiter {
            Some(d) => d,
            None => {
                // `detect_delimiter` reads the first 30 non-blank lines: they must all be here.
                // Only whether there are more than `HEAD_ROWS` matters: the count stops there.
                let lines = first
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .take(HEAD_ROWS + 1)
                    .count();
                if lines <= HEAD_ROWS {
                    return None;
                }
                table::detect_delimiter(first)
            }
        };
        self.started = true;
        Some(())
    }

    /// Reads a piece of whole lines (or the file's last bytes), as `load` reads the text.
    fn read(&mut self, piece: &[u8], progress: &mut dyn FnMut(usize, usize)) -> Option<()> {
        if memchr::memchr(b'"', piece).is_some() {
            return None;
        }
        let text = simdutf8::basic::from_utf8(piece).ok()?;
        let (base, total, mut rows) = (self.done, self.total, self.rows);
        let (head, reader, diags) = (&mut self.head, &mut self.reader, &mut self.diags);
        let mut over = false;
        // A row over the cells budget: `load` reads the whole text and refuses it in its words.
        self.line = table::for_each_plain_record(text, self.delimiter, self.line, |row, done| {
            if let Some(reader) = reader {
                reader.push(row, diags);
                // Past the schools budget: `load` reads the text whole and refuses it in its
                // own words (it stops at the same row, so memory stays bounded).
                if reader.schools() > limits::MAX_SCHOOLS {
                    over = true;
                    return false;
                }
                rows += 1;
                if rows % 8192 == 0 {
                    progress(base + done, total);
                }
                return true;
            }
            head.rows.push(row.to_row());
            if head.rows.len() == HEAD_ROWS {
                if let Some(h) = format_b::find_header(head) {
                    let mut r = format_b::Reader::new(&head.rows[h.row], &h);
                    for row in &head.rows[h.row + 1..] {
                        r.push_row(row, diags);
                        rows += 1;
                    }
                    *reader = Some(r);
                }
            }
            true
        })
        .ok()?;
        if over {
            return None;
        }
        self.rows = rows;
        self.done += text.len();
        // Thirty rows and no format-B header: not a results file; `load` reads it whole.
        if self.reader.is_none() && self.head.rows.len() >= HEAD_ROWS {
            return None;
        }
        Some(())
    }
}
