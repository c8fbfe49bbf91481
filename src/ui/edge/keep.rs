//! Kept work (browser edge): the files the user opened survive a reload and a browser restart,
//! and a short list of recently opened schools lets them come back. Source bytes are kept (not
//! the parsed model — never both), base64 in localStorage under this app's prefix, for the
//! newest few files that fit; when the browser refuses, the user is told, and edits are never
//! dropped silently (they are stored separately, per school, by the app).

use serde::{Deserialize, Serialize};

use crate::ui::edge::io;
use crate::ui::state::{Edits, OpenFile};

/// How many recent files are listed.
const RECENT_MAX: usize = 8;
/// How many of them keep their bytes.
const BYTES_MAX: usize = 3;
/// Files larger than this are not kept: localStorage holds about 5 MB per site, and base64
/// adds a third.
pub const KEEP_MAX_BYTES: usize = 2 * 1024 * 1024;

/// One recently opened file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    /// A content hash: the same file opened twice is one entry.
    pub id: String,
    pub file_name: String,
    /// The school shown (or the number of schools).
    pub school: String,
    /// «24.11.2026».
    pub opened: String,
    /// Whether its bytes are kept (so it can be reopened without the file).
    pub stored: bool,
}

/// FNV-1a, 64 bits: a stable id for a file's bytes. Not for security — only to recognise the
/// same file again.
pub fn file_id(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 (standard alphabet, padded). Hand-written: twenty lines against a crate for one call.
pub fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64; `None` for anything that is not.
pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let v = B64.iter().position(|&x| x == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn bytes_key(id: &str) -> String {
    format!("file.{id}")
}

/// The recent files, newest first.
pub fn recent() -> Vec<Recent> {
    io::load("recent").unwrap_or_default()
}

/// Reopens a kept file.
pub fn reopen(id: &str) -> Option<OpenFile> {
    let entry = recent().into_iter().find(|r| r.id == id && r.stored)?;
    let text: String = io::load(&bytes_key(id))?;
    Some(OpenFile::from_bytes(entry.file_name, b64_decode(&text)?))
}

/// The file to show on start: the newest kept one.
pub fn last_file() -> Option<OpenFile> {
    recent()
        .iter()
        .find(|r| r.stored)
        .and_then(|r| reopen(&r.id))
}

/// Remembers an opened file; `Err` is a Russian message for the user when its bytes could not
/// be kept (it is still listed).
pub fn remember(file: &OpenFile, school: &str, today: &str) -> Result<(), String> {
    let id = file_id(&file.bytes);
    let mut list = recent();
    // The same bytes already kept (a reopened file, the last file at start-up) are not
    // encoded and written again.
    let already_stored = list.iter().any(|r| r.id == id && r.stored);
    list.retain(|r| r.id != id);
    list.insert(
        0,
        Recent {
            id: id.clone(),
            file_name: file.name.clone(),
            school: school.to_string(),
            opened: today.to_string(),
            stored: false,
        },
    );
    let mut problem = None;
    if already_stored {
        list[0].stored = true;
    } else if file.bytes.len() > KEEP_MAX_BYTES {
        problem = Some(format!(
            "Файл «{}» больше {} МБ и не сохраняется в браузере: после перезагрузки откройте его снова. Правки текстов хранятся отдельно; если какую-то не удастся сохранить, появится предупреждение.",
            file.name,
            KEEP_MAX_BYTES / (1024 * 1024)
        ));
    } else {
        let encoded = b64_encode(&file.bytes);
        // Make room: only the newest few files keep their bytes; on refusal drop the oldest
        // kept bytes and try again.
        let mut saved = io::save(&bytes_key(&id), &encoded).is_ok();
        while !saved {
            let Some(old) = list.iter_mut().rev().find(|r| r.stored && r.id != id) else {
                break;
            };
            old.stored = false;
            io::remove(&bytes_key(&old.id));
            saved = io::save(&bytes_key(&id), &encoded).is_ok();
        }
        if saved {
            list[0].stored = true;
        } else {
            problem = Some(format!(
                "Хранилище браузера заполнено: файл «{}» не сохранён, после перезагрузки откройте его снова. Правки текстов могут тоже не сохраниться — скачайте отчёт (JSON или XLSX), чтобы не потерять их.",
                file.name
            ));
        }
    }
    let mut kept = 0;
    for r in list.iter_mut() {
        if r.stored {
            kept += 1;
            if kept > BYTES_MAX {
                r.stored = false;
                io::remove(&bytes_key(&r.id));
            }
        }
    }
    for r in list.iter().skip(RECENT_MAX) {
        io::remove(&bytes_key(&r.id));
    }
    list.truncate(RECENT_MAX);
    // The list itself may be refused too (storage full): said plainly, not as lost edits.
    io::save("recent", &list).map_err(|_| {
        "Хранилище браузера заполнено или запрещено: список недавних файлов не сохранён. Правки текстов могут тоже не сохраниться — скачайте отчёт (JSON или XLSX), чтобы не потерять их.".to_string()
    })?;
    problem.map_or(Ok(()), Err)
}

/// The storage key of one school's edited texts.
pub fn edits_key(owner: &str) -> String {
    format!("edits.{owner}")
}

/// The kept edits of one school (empty when there are none). Edits kept before the form's five
/// pairs (keys 2.1…3.4) are carried over by the core's migration and written back once.
pub fn load_edits(owner: &str) -> Edits {
    let stored: Edits = io::load(&edits_key(owner)).unwrap_or_default();
    let m = crate::core::conclude::edits::migrate(&stored);
    if m.changed {
        // If the write fails the migration simply runs again next time: nothing is lost.
        let _ = io::save(&edits_key(owner), &m.edits);
    }
    m.edits
}

/// Writes one edit (`Some`) or its removal (`None`) through to storage at once. It runs in the
/// input handler itself, not in an effect after the next render, so a reload or a closed tab
/// right after typing keeps the text. Read-modify-write of the stored map: another tab's edits
/// of other pairs of the same school are kept, not overwritten by this tab's older copy.
pub fn write_edit(owner: &str, key: &str, text: Option<&str>) -> Result<Edits, String> {
    let mut edits = load_edits(owner);
    match text {
        Some(t) => {
            edits.insert(key.to_string(), t.to_string());
        }
        None => {
            edits.remove(key);
        }
    }
    if edits.is_empty() {
        io::remove(&edits_key(owner));
        Ok(edits)
    } else {
        io::save(&edits_key(owner), &edits)
            .map(|_| edits)
            .map_err(|_| {
                "Правка не сохранена в браузере: хранилище заполнено или запрещено. Скачайте отчёт (JSON или XLSX), чтобы не потерять текст.".to_string()
            })
    }
}

/// The storage key of a school's plan (under the app's prefix, so «Очистить данные» removes it).
pub fn plan_key(owner: &str) -> String {
    format!("plan.{owner}")
}

/// The school's kept plan, if any.
pub fn load_plan(owner: &str) -> Option<crate::core::plan::Plan> {
    io::load(&plan_key(owner))
}

/// Keeps (or with `None` forgets) the school's plan; `Err` is a Russian message for the user.
pub fn save_plan(owner: &str, plan: Option<&crate::core::plan::Plan>) -> Result<(), String> {
    match plan {
        Some(p) => io::save(&plan_key(owner), p).map_err(|_| {
            "Не удалось сохранить план в браузере: хранилище переполнено. Скачайте план в XLSX или CSV, чтобы не потерять его.".to_string()
        }),
        None => {
            io::remove(&plan_key(owner));
            Ok(())
        }
    }
}
