//! Text encodings of input files: UTF-8 (with or without BOM), Windows-1251 (what Russian Excel
//! saves as «CSV (разделители — запятые)») and UTF-16 with BOM («Юникод-текст»).
//!
//! Windows-1251 is decoded from a 64-entry table for 0x80–0xBF (0xC0–0xFF are А–я in order)
//! rather than with encoding_rs: the table is a few hundred bytes, encoding_rs adds ~128 KB gzip
//! to the page, and the browser's TextDecoder is not reachable from the pure core.

use serde::{Deserialize, Serialize};

/// An encoding the reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    Windows1251,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// Every encoding, in the order the UI offers them.
    pub const ALL: &'static [Encoding] = &[
        Encoding::Utf8,
        Encoding::Windows1251,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];

    /// The name users know.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1251 => "Windows-1251",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }
}

/// Windows-1251 bytes 0x80–0xBF. 0x98 is unassigned; it decodes to U+FFFD.
#[rustfmt::skip]
const CP1251_HIGH: [char; 64] = [
    'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ',
    'ђ', '‘', '’', '“', '”', '•', '–', '—', '\u{FFFD}', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ',
    '\u{a0}', 'Ў', 'ў', 'Ј', '¤', 'Ґ', '¦', '§', 'Ё', '©', 'Є', '«', '¬', '\u{ad}', '®', 'Ї',
    '°', '±', 'І', 'і', 'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»', 'ј', 'Ѕ', 'ѕ', 'ї',
];

/// Guesses the encoding: a byte-order mark decides; UTF-16 without a mark is recognised by its
/// zero bytes (Latin digits and delimiters are half zeros); valid UTF-8 is UTF-8, and so is
/// text that is UTF-8 but for a few stray bytes (a fragment pasted from an old file — decoding
/// it all as Windows-1251 would garble every Russian letter); anything else is taken for
/// Windows-1251 (the only other encoding Russian offices produce).
pub fn detect(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16Le;
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16Be;
    }
    if let Some(e) = utf16_without_bom(bytes) {
        return e;
    }
    if mostly_utf8(bytes) {
        Encoding::Utf8
    } else {
        Encoding::Windows1251
    }
}

/// UTF-16 without a byte-order mark: in the first kilobytes, at least a third of the bytes at
/// odd (LE) or even (BE) positions are zero and almost none on the other side. Text in any
/// 8-bit encoding has no zero bytes at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 3 >= pairs && even * 20 <= pairs {
        Some(Encoding::Utf16Le)
    } else if even * 3 >= pairs && odd * 20 <= pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Whether the bytes are UTF-8, allowing a few invalid sequences among many valid multi-byte
/// characters (at most one bad byte per twenty good characters). Windows-1251 Russian text has
/// almost no valid multi-byte sequences, so it never passes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut good = 0usize;
    let mut bad = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            // Valid UTF-8 throughout (the usual case) needs no counting: a national file is
            // over 100 MB.
            Ok(_) if bad == 0 => return true,
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // `valid_up_to` bytes are valid UTF-8 by definition, so this never falls back.
                good += std::str::from_utf8(valid)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                bad += 1;
                rest = &after[skip.min(after.len())..];
                if bad > 64 && bad * 20 > good {
                    return false;
                }
            }
        }
    }
    bad == 0 || (good > 0 && bad * 20 <= good)
}

/// The decoded text and how many bytes could not be decoded (replaced by U+FFFD).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub replaced: usize,
}

/// [`detect`] and [`decode_borrowed`] in one: plain UTF-8 (the usual case) is validated once,
/// not twice — on a 100 MB file every pass over the bytes shows.
pub fn detect_and_decode(bytes: &[u8]) -> (Encoding, std::borrow::Cow<'_, str>, usize) {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || utf16_without_bom(bytes).is_some();
    if !utf16 {
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        // SIMD validation: std's one-byte-at-a-time check of Cyrillic text was a fifth of the
        // time of a national file.
        if let Ok(s) = simdutf8::basic::from_utf8(body) {
            return (Encoding::Utf8, std::borrow::Cow::Borrowed(s), 0);
        }
    }
    let encoding = detect(bytes);
    let (text, replaced) = decode_borrowed(bytes, encoding);
    (encoding, text, replaced)
}

/// Like [`decode`], but valid UTF-8 is borrowed rather than copied: a national results file is
/// over 100 MB, and a second copy of it is the difference between fitting in a browser tab's
/// memory and not. Returns the text and the number of replaced bytes.
pub fn decode_borrowed(bytes: &[u8], encoding: Encoding) -> (std::borrow::Cow<'_, str>, usize) {
    if encoding == Encoding::Utf8 {
        let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        if let Ok(s) = simdutf8::basic::from_utf8(body) {
            return (std::borrow::Cow::Borrowed(s), 0);
        }
    }
    let d = decode(bytes, encoding);
    (std::borrow::Cow::Owned(d.text), d.replaced)
}

/// Decodes `bytes` as `encoding`, dropping a byte-order mark. Never fails: undecodable bytes
/// become U+FFFD and are counted, so the caller can say so.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Decoded {
    match encoding {
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(s) => Decoded {
                    text: s.to_string(),
                    replaced: 0,
                },
                Err(_) => {
                    let text = String::from_utf8_lossy(body).into_owned();
                    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
                    Decoded { text, replaced }
                }
            }
        }
        Encoding::Windows1251 => {
            let mut text = String::with_capacity(bytes.len() * 2);
            let mut replaced = 0;
            for &b in bytes {
                let c = match b {
                    0x00..=0x7F => b as char,
                    0x80..=0xBF => CP1251_HIGH[(b - 0x80) as usize],
                    // А (U+0410) … я (U+044F) in order.
                    0xC0..=0xFF => char::from_u32(0x0410 + (b - 0xC0) as u32).unwrap_or('\u{FFFD}'),
                };
                if c == '\u{FFFD}' {
                    replaced += 1;
                }
                text.push(c);
            }
            Decoded { text, replaced }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let le = encoding == Encoding::Utf16Le;
            let body = if le {
                bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes)
            } else {
                bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes)
            };
            let units = body.chunks(2).map(|c| match (c, le) {
                ([a, b], true) => u16::from_le_bytes([*a, *b]),
                ([a, b], false) => u16::from_be_bytes([*a, *b]),
                _ => 0xFFFD,
            });
            let mut text = String::with_capacity(body.len());
            let mut replaced = 0;
            for r in char::decode_utf16(units) {
                let c = r.unwrap_or('\u{FFFD}');
                if c == '\u{FFFD}' {
                    replaced += 1;
                }
                text.push(c);
            }
            Decoded { text, replaced }
        }
    }
}

/// Encodes text as Windows-1251 (for tests and for exports to old Excel); characters that
/// Windows-1251 lacks become `?`.
pub fn encode_cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0..=0x7F => c as u8,
            0x0410..=0x044F => (c as u32 - 0x0410 + 0xC0) as u8,
            _ => CP1251_HIGH
                .iter()
                .position(|&h| h == c && h != '\u{FFFD}')
                .map(|i| 0x80 + i as u8)
                .unwrap_or(b'?'),
        })
        .collect()
}
