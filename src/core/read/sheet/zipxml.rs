//! Small readers of ZIP parts and their XML (zip and quick-xml, the crates calamine uses):
//! entries read with a byte limit, XML walked as a stream.

use std::io::{BufRead, BufReader, Cursor, Read, Seek};

use quick_xml::events::{BytesStart, Event};

/// Whether the ZIP holds an entry of that name (false for a broken ZIP).
pub(super) fn zip_has(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name(name).is_some())
}

/// Reads one ZIP entry as bytes, at most `limit` of them (a ZIP bomb must not exhaust memory;
/// the parts read whole here — workbook, relationships, styles — are small).
pub(super) fn zip_entry<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Option<Vec<u8>> {
    let file = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    file.take(limit).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Whether an ODS is encrypted: its manifest then describes the encryption of each part.
pub(super) fn ods_encrypted(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    zip_entry(&mut zip, "META-INF/manifest.xml", 16 << 20)
        .is_some_and(|m| m.windows(15).any(|w| w == b"encryption-data"))
}

/// Whether a ZIP member is well-formed XML: every element closed, end tags matching, no
/// syntax error. Streamed, so it costs one pass and no memory.
pub(super) fn zip_xml_well_formed(bytes: &[u8], name: &str) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let file = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) if depth > 0 => depth -= 1,
            Ok(Event::End(_)) => return Err(format!("{name}: лишний закрывающий тег")),
            Ok(Event::Eof) if depth == 0 => return Ok(()),
            Ok(Event::Eof) => return Err(format!("{name}: файл обрывается")),
            Err(e) => return Err(format!("{name}: {e}")),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// An attribute's value by local name (`r:id` → `id`), unescaped. The parts read here are
/// UTF-8 (what Excel and LibreOffice write); a value that is not is treated as absent.
pub(super) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        if a.key.local_name().as_ref() != local {
            return None;
        }
        let raw = std::str::from_utf8(&a.value).ok()?;
        quick_xml::escape::unescape(raw)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// Runs `f` on every start (or empty) element of an XML stream; stops at the first XML error
/// (what was seen until then still counts) or when `f` returns false.
pub(super) fn each_element<R: BufRead>(
    reader: R,
    mut f: impl FnMut(&BytesStart<'_>, bool) -> bool,
) {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    loop {
        let go_on = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(&e, false),
            Ok(Event::Empty(e)) => f(&e, true),
            Ok(Event::Eof) | Err(_) => false,
            Ok(_) => true,
        };
        if !go_on {
            break;
        }
        buf.clear();
    }
}
