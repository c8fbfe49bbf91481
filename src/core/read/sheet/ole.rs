//! Guards for OLE compound files (XLS, an encrypted XLSX) and the BIFF records in them:
//! calamine trusts sector tables and record lengths, so what it would trust is checked here
//! first. Bytes in, the workbook stream or a reason out.

use std::collections::HashSet;

/// Checks an OLE compound file the way calamine's reader will walk it — header, DIFAT, FAT,
/// directory, mini stream and the workbook streams — and refuses what would make that reader
/// panic or run away: a sector past the end or cut short, a chain that loops, a table longer
/// than the file. Every well-formed file passes; the checks only bound what it claims.
/// Returns the workbook stream (the one calamine will read), if there is one.
pub(super) fn check_ole(b: &[u8]) -> Result<Option<Vec<u8>>, String> {
    const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    let bad = |what: &str| Err(format!("OLE: {what}"));
    let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    if b.len() < 512 {
        return bad("файл короче заголовка");
    }
    let size: usize = match u16_at(30) {
        9 => 512,
        12 => 4096,
        _ => return bad("неизвестный размер сектора"),
    };
    if u16_at(32) != 6 || b.len() < size {
        return bad("повреждён заголовок");
    }
    // Sector `id` lies at `size * (id + 1)`; only whole sectors count.
    let sectors = (b.len() - size) / size;
    let sector = |id: u32| -> Option<&[u8]> {
        let id = id as usize;
        (id < sectors).then(|| &b[size * (id + 1)..size * (id + 2)])
    };
    let words = |s: &[u8]| -> Vec<u32> {
        s.chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect()
    };
    let fat_len = u32_at(44) as usize;
    let dir_start = u32_at(48);
    let mini_fat_start = u32_at(60);
    let mini_fat_len = u32_at(64) as usize;
    let difat_start = u32_at(68);
    // calamine reserves room for the u32 at bytes 62..66 (straddling two fields) up front.
    let reserved = u32_at(62) as u64;
    if fat_len > sectors
        || mini_fat_len > sectors
        || reserved * 4 > (64 << 20) + 16 * b.len() as u64
    {
        return bad("таблицы длиннее файла");
    }
    // DIFAT: 109 entries in the header, then a chain of sectors whose last word is the next.
    let mut difat = words(&b[76..512]);
    let mut id = difat_start;
    let mut seen = HashSet::new();
    while id < RESERVED {
        if !seen.insert(id) {
            return bad("цепочка DIFAT зациклена");
        }
        let Some(s) = sector(id) else {
            return bad("сектор DIFAT за концом файла");
        };
        difat.extend(words(s));
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        match sector(id) {
            Some(s) => fat.extend(words(s)),
            None => return bad("сектор FAT за концом файла"),
        }
    }
    // A chain of whole sectors through `table`, cut at `limit` bytes as calamine cuts it;
    // returns the bytes.
    let chain = |start: u32,
                 table: &[u32],
                 unit: usize,
                 get: &dyn Fn(u32) -> Option<Vec<u8>>,
                 limit: usize|
     -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if !seen.insert(id) {
                return Err("OLE: цепочка секторов зациклена".to_string());
            }
            let Some(s) = get(id) else {
                return Err("OLE: сектор за концом файла".to_string());
            };
            out.extend_from_slice(&s[..unit.min(limit - out.len())]);
            if out.len() >= limit {
                break;
            }
            match table.get(id as usize) {
                Some(&next) => id = next,
                None => return Err("OLE: сектор вне таблицы".to_string()),
            }
        }
        Ok(out)
    };
    let main_sector = |id: u32| sector(id).map(<[u8]>::to_vec);
    let dirs = chain(dir_start, &fat, size, &main_sector, usize::MAX)?;
    // Directory entries: 128 bytes; stream start at 116, length at 120 (u32, or u64 for
    // 4096-byte sectors — which must fit a 32-bit usize in the browser).
    let entries: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let len = if size == 512 {
                u32::from_le_bytes([e[120], e[121], e[122], e[123]]) as u64
            } else {
                u64::from_le_bytes([
                    e[120], e[121], e[122], e[123], e[124], e[125], e[126], e[127],
                ])
            };
            let len = usize::try_from(len.min(u32::MAX as u64 + 1)).unwrap_or(usize::MAX);
            (String::from_utf16_lossy(&units), u32_at_slice(e, 116), len)
        })
        .collect();
    if size == 4096 && entries.iter().any(|(_, _, len)| *len > u32::MAX as usize) {
        return bad("длина потока не умещается в 32 бита");
    }
    let Some((_, root_start, root_len)) = entries.first().cloned() else {
        return bad("нет корневого каталога");
    };
    let (mini, ministream) = if mini_fat_len > 0 {
        let ministream = chain(root_start, &fat, size, &main_sector, root_len)?;
        let minifat = chain(
            mini_fat_start,
            &fat,
            size,
            &main_sector,
            mini_fat_len * size,
        )?;
        (words(&minifat), ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mini_sector = |id: u32| {
        let at = id as usize * 64;
        ministream.get(at..at + 64).map(<[u8]>::to_vec)
    };
    // The stream calamine reads: the workbook (XLS) — the first entry of the first name found.
    for name in ["Workbook", "Book", "WORKBOOK", "BOOK"] {
        if let Some((_, start, len)) = entries.iter().find(|(n, ..)| n == name) {
            if *len > b.len() {
                return bad("поток длиннее файла");
            }
            let stream = if *len < 4096 {
                chain(*start, &mini, 64, &mini_sector, *len)?
            } else {
                chain(*start, &fat, size, &main_sector, *len)?
            };
            return Ok(Some(stream));
        }
    }
    Ok(None)
}

/// Checks the records of an XLS workbook stream that calamine trusts: a sheet's offset
/// (BoundSheet) must lie inside the stream and its record be whole, and a sheet's declared
/// size (Dimensions) must be a real sheet's — calamine reserves memory for every cell of it,
/// and a damaged one asks for hundreds of gigabytes.
/// Returns, sheet by sheet, the cells of the rectangle calamine will build (for the budgets).
pub(super) fn check_biff(stream: &[u8]) -> Result<Vec<u64>, String> {
    // (type, data) of the records from `at`, as calamine's record iterator splits them.
    let records = |mut at: usize| {
        std::iter::from_fn(move || {
            let head = stream.get(at..at + 4)?;
            let typ = u16::from_le_bytes([head[0], head[1]]);
            let len = u16::from_le_bytes([head[2], head[3]]) as usize;
            let data = stream.get(at + 4..at + 4 + len)?;
            at += 4 + len;
            Some((typ, data))
        })
    };
    let mut sheets = Vec::new();
    for (typ, data) in records(0) {
        match typ {
            // BoundSheet8: stream offset (u32), visibility, type, name.
            0x0085 => {
                if data.len() < 8 {
                    return Err("XLS: запись листа обрезана".to_string());
                }
                let pos = u32_at_slice(data, 0) as usize;
                if pos >= stream.len() {
                    return Err("XLS: лист указывает за конец книги".to_string());
                }
                sheets.push(pos);
            }
            // Records calamine reads a u16 from without looking at their length (FilePass,
            // CodePage, DateMode, BOF, ExternSheet): an empty one made it panic.
            0x002F | 0x0042 | 0x0022 | 0x0809 | 0x0017 if data.len() < 2 => {
                return Err(format!("XLS: запись {} обрезана", record_name(typ)));
            }
            // Lbl (a defined name): the name (cch, byte 3) and its formula (cce, bytes 4–5)
            // follow a 14-byte head; calamine slices both without a check.
            0x0018 => {
                let short = data.len() < 14 || {
                    let cch = data[3] as usize;
                    let cce = u16::from_le_bytes([data[4], data[5]]) as usize;
                    data.len() < 14 + cch + cce
                };
                if short {
                    return Err("XLS: запись имени (Lbl) обрезана".to_string());
                }
            }
            // EOF of the globals.
            0x000A => break,
            _ => {}
        }
    }
    let mut boxes = Vec::new();
    for pos in sheets {
        // The rectangle of the sheet's cells (rows, columns): calamine builds it densely.
        let mut rows: Option<(u16, u16)> = None;
        let mut cols: Option<(u16, u16)> = None;
        let widen = |span: &mut Option<(u16, u16)>, a: u16, b: u16| {
            *span = Some(match *span {
                Some((lo, hi)) => (lo.min(a), hi.max(b)),
                None => (a.min(b), a.max(b)),
            });
        };
        for (typ, data) in records(pos) {
            let row = || u16::from_le_bytes([data[0], data[1]]);
            match typ {
                0x0200 => {
                    let u16_at = |i: usize| u16::from_le_bytes([data[i], data[i + 1]]) as u64;
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                        14 => (
                            u32_at_slice(data, 0) as u64,
                            u32_at_slice(data, 4) as u64,
                            u16_at(8),
                            u16_at(10),
                        ),
                        _ => continue,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    // A BIFF8 sheet has at most 65 536 rows and 256 columns.
                    if rl >= 1 && cl >= 1 && (rl <= rf || cl <= cf || rl > 65_536 || cl > 256) {
                        return Err("XLS: неверные размеры листа".to_string());
                    }
                }
                // Cells (Number, Label, BoolErr, RK, LabelSst, Formula, Blank, RString): row
                // and column first; calamine allocates the bounding box of all cells, so a
                // column past the 256 of BIFF8 would cost gigabytes.
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 | 0x00D6
                    if data.len() >= 4 && u16::from_le_bytes([data[2], data[3]]) > 0xFF =>
                {
                    return Err("XLS: ячейка за пределами листа".to_string());
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 | 0x00D6
                    if data.len() >= 4 =>
                {
                    let col = u16::from_le_bytes([data[2], data[3]]);
                    widen(&mut rows, row(), row());
                    widen(&mut cols, col, col);
                }
                // MulRk, MulBlank: row, first column, …, last column.
                0x00BD | 0x00BE if data.len() >= 6 => {
                    let first = u16::from_le_bytes([data[2], data[3]]);
                    let n = data.len();
                    let last = u16::from_le_bytes([data[n - 2], data[n - 1]]);
                    if first > 0xFF || last > 0xFF {
                        return Err("XLS: ячейка за пределами листа".to_string());
                    }
                    widen(&mut rows, row(), row());
                    widen(&mut cols, first, last);
                }
                0x000A => break,
                _ => {}
            }
        }
        boxes.push(match (rows, cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        });
    }
    Ok(boxes)
}

/// The name of a BIFF record in the messages above.
fn record_name(typ: u16) -> &'static str {
    match typ {
        0x002F => "FilePass (шифрование)",
        0x0042 => "CodePage (кодировка)",
        0x0022 => "DateMode (система дат)",
        0x0809 => "BOF (начало потока)",
        0x0017 => "ExternSheet (ссылки на листы)",
        _ => "книги",
    }
}

pub(super) fn u32_at_slice(s: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]])
}
