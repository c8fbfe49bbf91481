//! The cell grammar of formats.md: `212`, `11/30`, `36,7 %`, `36.7`, `да`/`нет`, `н/п`, text,
//! empty. A cell is read according to the indicator's kind, so `5` is a count for
//! `contingent.ooo` and 5 % for `vpr.math.5`.

use crate::core::catalogue::Kind;
use crate::core::model::{Num, Value};

/// Normalises a raw cell: trims, turns no-break and thin spaces into plain ones.
pub fn clean(raw: &str) -> String {
    raw.replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ")
        .trim()
        .to_string()
}

/// `str::trim`, with a quick answer for the common cell that has nothing to trim: a million-row
/// file trims every cell it reads, and the full Unicode check per end costs more than the rest
/// of a plain count. Only when an end byte could belong to whitespace (ASCII space and
/// controls, or a byte that some Unicode space such as U+00A0 begins or ends with) does the
/// full `trim` run, so the result is always exactly `str::trim`'s.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last))
            if SPACE_ENDS[first as usize] & STARTS == 0
                && SPACE_ENDS[last as usize] & ENDS == 0 =>
        {
            s
        }
        (None, _) => s,
        _ => s.trim(),
    }
}

/// Per byte value: [`STARTS`] when a whitespace character may begin with it, [`ENDS`] when one
/// may end with it — the two questions `trim` asks of every cell, answered by one load each.
static SPACE_ENDS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] =
            (may_start_space(b as u8) as u8 * STARTS) | (may_end_space(b as u8) as u8 * ENDS);
        b += 1;
    }
    table
};
const STARTS: u8 = 1;
const ENDS: u8 = 2;

/// Whether a character that begins with byte `b` may be Unicode whitespace: ASCII tab to CR
/// and space, or the lead byte of U+0085/U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2),
/// U+3000 (E3).
const fn may_start_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// Whether a character that ends with byte `b` may be Unicode whitespace: the ASCII ones, or
/// the last byte of U+0085 (85), U+00A0 (A0), U+1680 and U+3000 (80), U+2000–U+200A (80–8A),
/// U+2028/2029 (A8/A9), U+202F (AF), U+205F (9F).
const fn may_end_space(b: u8) -> bool {
    matches!(
        b,
        b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF
    )
}

/// Whether the text says «нет данных». A lone dash of any kind is how people leave a cell
/// empty on purpose («-», «—»); for да/нет a «-» means «нет» and is read before this.
fn is_missing(t: &str) -> bool {
    matches!(
        t.to_lowercase().as_str(),
        "" | "-"
            | "—"
            | "–"
            | "−"
            | "--"
            | "нет данных"
            | "н/д"
            | "нд"
            | "n/a"
            | "na"
            | "x"
            | "х"
    )
}

/// Whether the (cleaned) text says «не проводилась».
pub fn is_not_held(t: &str) -> bool {
    let t = t.to_lowercase().replace('ё', "е");
    let t = t.trim_end_matches('.');
    matches!(
        t,
        "н/п"
            | "нп"
            | "н.п"
            | "не проводилась"
            | "не проводился"
            | "не проводилось"
            | "не проводились"
    )
}

/// Reads a decimal as written: `36,7`, `36.7`, `1 234`, `+3`, `-2`. Exact (mantissa and scale).
pub fn parse_num(text: &str) -> Option<Num> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.replace(',', ".");
    let (neg, digits) = match t.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    if digits.is_empty() {
        return None;
    }
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits, ""),
    };
    if int.is_empty() && frac.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    // Excel writes 1/3 as 0,333333333333333: keep nine places, which is more than any
    // share needs and keeps the mantissa far from overflow.
    let frac = &frac[..frac.len().min(9)];
    if int.len() > 15 {
        return None;
    }
    let mant: i64 = format!("{int}{frac}").parse().ok()?;
    Some(Num {
        mant: if neg { -mant } else { mant },
        scale: frac.len() as u8,
    })
}

/// Reads a whole non-negative number (a count of pupils).
pub fn parse_count(text: &str) -> Option<u32> {
    let n = parse_num(text)?;
    if n.mant < 0 || !n.is_integer() {
        return None;
    }
    u32::try_from(n.mant / 10i64.pow(n.scale as u32)).ok()
}

/// Reads да/нет.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match text.to_lowercase().replace('ё', "е").trim_end_matches('.') {
        "да" | "есть" | "имеется" | "+" | "yes" | "y" | "1" | "в наличии" => {
            Some(true)
        }
        "нет" | "отсутствует" | "-" | "no" | "n" | "0" | "не имеется" => {
            Some(false)
        }
        _ => None,
    }
}

/// Reads one cell as an indicator of `kind`. The error is a Russian phrase saying what was
/// expected («не число», «доля больше 100 %»), to be placed after the cell's value.
pub fn parse(raw: &str, kind: Kind) -> Result<Value, String> {
    let t = clean(raw);
    if kind == Kind::YesNo {
        if let Some(b) = parse_yes_no(&t) {
            return Ok(Value::Bool(b));
        }
    }
    if is_missing(&t) {
        return Ok(Value::Missing);
    }
    if is_not_held(&t) {
        return Ok(Value::NotHeld);
    }
    if !matches!(kind, Kind::Text | Kind::Meta) {
        if let Some(why) = spreadsheet_artifact(&t, kind) {
            return Err(why);
        }
    }
    match kind {
        Kind::Text | Kind::Meta => Ok(Value::Text(t)),
        Kind::YesNo => Err("ожидалось «да» или «нет»".to_string()),
        Kind::Count => match parse_num(&t) {
            Some(n) if n.mant < 0 => Err("количество не может быть отрицательным".to_string()),
            Some(n) => Ok(Value::Number(n)),
            None => Err("не число".to_string()),
        },
        Kind::Share => parse_share(&t),
    }
}

/// A textbook code of the «Классы» sheet of a ФИС ОКО protocol, «ma5.8 | 1.2.4.1.8.1 | Мерзляк…»:
/// its subject and grade are the code's prefix. The protocol reader and the loader (which names
/// a protocol opened by mistake) both split it here.
#[derive(Debug, Clone, PartialEq)]
pub struct Textbook {
    /// The letters and digits in front («ma5»).
    pub head: String,
    /// The subject's letters («ma»).
    pub letters: String,
    /// The grade after them, when it is one (1–11).
    pub grade: Option<u32>,
}

impl Textbook {
    /// Splits a code as written in the cell.
    pub fn of(code: &str) -> Textbook {
        let head: String = code
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let letters: String = head
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let grade = head[letters.len()..]
            .parse()
            .ok()
            .filter(|g| (1..=11).contains(g));
        Textbook {
            head,
            letters,
            grade,
        }
    }
}

/// What spreadsheets leave in a cell instead of a number, explained: a formula error
/// («#DIV/0!», «#ДЕЛ/0!», «#Н/Д») or a date — Excel turns «9/12» typed into a cell into the
/// 9th of December, and the file then holds «09.12.2022».
fn spreadsheet_artifact(t: &str, kind: Kind) -> Option<String> {
    if t.starts_with('#') && t.len() > 2 && (t.ends_with(['!', '?']) || t.contains('/')) {
        return Some(format!(
            "ошибка в формуле электронной таблицы ({t}): исправьте формулу или впишите значение"
        ));
    }
    let date = t.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = date.split(['.', '-']).collect();
    let is_date = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && ((parts[0].len() <= 2 && parts[1].len() <= 2 && parts[2].len() == 4)
            || (parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2));
    if !is_date {
        return None;
    }
    Some(if kind == Kind::Share {
        "в ячейке дата, а не доля: Excel превращает дробь вроде «9/12» в дату (9 декабря). Впишите долю как текст — с апострофом впереди ('9/12) — или в процентах".to_string()
    } else {
        "в ячейке дата, а не число: проверьте формат ячейки (нужен «Общий» или «Числовой»)"
            .to_string()
    })
}

/// A share: `11/30`, `11 из 30`, `36,7 %`, `36.7`.
fn parse_share(t: &str) -> Result<Value, String> {
    // «36,7 % (11/30)» — how the report and the XLSX export show a share of counts: the
    // counts in brackets are the exact value, the percentage must agree with them.
    if let Some((pct, counts)) = t.strip_suffix(')').and_then(|x| x.split_once('(')) {
        if let Ok(Value::Ratio { part, whole, marks }) = parse_share(counts.trim()) {
            let pct = pct.trim().trim_end_matches('%').trim();
            let agrees = parse_num(pct)
                .is_some_and(|p| (p.to_f64() - part as f64 * 100.0 / whole as f64).abs() < 0.051);
            if !agrees {
                return Err(format!(
                    "процент не совпадает с долей {part}/{whole}: исправьте одно из двух"
                ));
            }
            return Ok(Value::Ratio { part, whole, marks });
        }
    }
    let ratio = t
        .split_once('/')
        .or_else(|| t.split_once(" из "))
        .map(|(a, b)| (a.trim(), b.trim()));
    if let Some((a, b)) = ratio {
        let (Some(part), Some(whole)) = (parse_count(a), parse_count(b)) else {
            return Err("ожидалась дробь вида «11/30» (целые числа)".to_string());
        };
        if part > whole {
            return Err(format!(
                "первое число ({part}) больше второго ({whole}): не справившихся не может быть больше участников"
            ));
        }
        if whole == 0 {
            return Err("в знаменателе 0: нет участников".to_string());
        }
        return Ok(Value::Ratio {
            part,
            whole,
            marks: None,
        });
    }
    let body = t.strip_suffix('%').unwrap_or(t).trim();
    let Some(value) = parse_num(body) else {
        return Err("не число (ожидалась доля: «36,7 %» или «11/30»)".to_string());
    };
    if value.mant < 0 {
        return Err("доля не может быть отрицательной".to_string());
    }
    if value.ge_int(100) && !is_hundred(value) {
        return Err("доля больше 100 %".to_string());
    }
    Ok(Value::Percent { value, of: None })
}

/// What was assumed about a share written as a bare number, when it could mean something else:
/// «3» is read as 3 % (formats.md allows `36,7` for a percentage) but may be a count of pupils;
/// «0,4» is read as 0,4 % but may be a fraction of one (40 %). `None` when the cell is not a
/// bare number, or the number cannot be misread (0, or a decimal above 1 such as «36,7»).
/// A whole number is questioned only for an assessment procedure (`counts_pupils`: its share
/// is «не справились / участников», so «3» may well be three pupils); a share of parents or
/// of teachers written «30» means 30 %. The value is kept as read; the page and the CLI show
/// this as a warning with its cell.
pub fn share_assumption(raw: &str, counts_pupils: bool) -> Option<String> {
    let t = clean(raw);
    if t.contains(['%', '/']) || t.contains(" из ") {
        return None;
    }
    let n = parse_num(&t)?;
    if n.mant <= 0 {
        return None;
    }
    // As written, with a decimal comma: «0,367», not rounded.
    let shown = t.replace('.', ",");
    if counts_pupils && n.is_integer() && n.ge_int(1) && !n.ge_int(101) {
        let pupils = crate::core::ru::count(n.to_f64() as u64, "ученик", "ученика", "учеников");
        return Some(format!(
            "{shown} — это {shown} % или {pupils}? Принято как {shown} %. Если это ученики, впишите дробью «{shown}/25» (не справились / участников); если проценты — «{shown} %»"
        ));
    }
    if !n.ge_int(1) {
        let hundred = crate::core::ru::number(n.to_f64() * 100.0);
        return Some(format!(
            "{shown} — это {shown} % или доля {hundred} %? Принято как {shown} %. Впишите с процентом («{hundred} %») или дробью вида «11/30»"
        ));
    }
    None
}

/// 100, 100,0, 100,00 …
fn is_hundred(n: Num) -> bool {
    n.is_integer() && n.mant / 10i64.pow(n.scale as u32) == 100
}

/// Normalises a header or a label for matching: lower case, «ё» → «е», quotes and punctuation
/// dropped, runs of spaces collapsed. «Учебный  год», «учебный год:» and «"Учебный год"» all
/// become «учебный год».
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() || c == '%' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// The quick `trim` is `str::trim` for every whitespace character at either end, next to
    /// ASCII, Cyrillic and other multi-byte text.
    #[test]
    fn trim_is_str_trim() {
        let spaces: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let words = [
            "",
            "5",
            "ОО",
            "р",
            "я",
            "x€",
            "2022-2023",
            "н/п",
            "ё",
            "\u{2030}",
        ];
        for w in words {
            assert_eq!(super::trim(w), w.trim(), "{w:?}");
            for s in &spaces {
                for t in [
                    format!("{s}{w}"),
                    format!("{w}{s}"),
                    format!("{s}{w}{s}"),
                    format!("{s}"),
                ] {
                    assert_eq!(super::trim(&t), t.trim(), "{t:?}");
                }
            }
        }
    }
}
