//! Russian number formatting and plurals for everything the calculator writes: «34,5 %»,
//! «+16,3 п.п.», «3 процедуры». Written by hand: the rules are a dozen lines, and a locale
//! crate would bring megabytes of data for one language.

/// The no-break space put between a number and its unit («36,7 %»), so a line never breaks
/// between them.
pub const NBSP: char = '\u{a0}';

/// Chooses the Russian plural form: 1 процедура, 2 процедуры, 5 процедур, 21 процедура.
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (d10, d100) = (n % 10, n % 100);
    if d10 == 1 && d100 != 11 {
        one
    } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
        few
    } else {
        many
    }
}

/// «3 процедуры»: the number and the agreeing noun.
pub fn count(n: u64, one: &str, few: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, few, many))
}

/// A number with `decimals` digits after a decimal comma: `36.666` → «36,7». Minus is «−»
/// (the typographic sign) so it never reads as a hyphen.
pub fn decimal(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let s = s.replace('.', ",");
    // −0,0 is printed as 0,0: a rounded zero has no sign.
    let zero = s.chars().all(|c| c == '0' || c == ',');
    if v < 0.0 && !zero {
        format!("−{s}")
    } else {
        s
    }
}

/// A number as short as it can be said exactly: 212 → «212», 4.5 → «4,5», 3.25 → «3,25».
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return decimal(v, 0);
    }
    let s = decimal(v, 2);
    let s = s.trim_end_matches('0').trim_end_matches(',');
    s.to_string()
}

/// An integer with its thousands set apart by no-break spaces: 4000000 → «4 000 000».
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

/// A size as people say it: «900 байт», «12 КБ», «2,5 МБ», «200 МБ», «3,0 ГБ» (1 КБ = 1024
/// байта; one decimal below 10 МБ and for gigabytes).
pub fn bytes(n: u64) -> String {
    const K: f64 = 1024.0;
    let f = n as f64;
    if n < 1024 {
        count(n, "байт", "байта", "байт")
    } else if f < K * K {
        format!("{} КБ", decimal((f / K).floor(), 0))
    } else if f < K * K * 10.0 {
        format!("{} МБ", decimal(f / K / K, 1))
    } else if f < K * K * K {
        format!("{} МБ", decimal((f / K / K).floor(), 0))
    } else {
        format!("{} ГБ", decimal(f / K / K / K, 1))
    }
}

/// A percentage with one decimal and a no-break space: «36,7 %».
pub fn percent(v: f64) -> String {
    format!("{}{NBSP}%", decimal(v, 1))
}

/// A signed difference in percentage points: «+16,3 п.п.», «−2,0 п.п.», «0,0 п.п.».
pub fn pp(delta: f64) -> String {
    format!("{}{NBSP}п.п.", signed(delta, 1))
}

/// A signed number: «+3», «−2,5», «0».
pub fn signed(v: f64, decimals: usize) -> String {
    let s = decimal(v, decimals);
    if v > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// Upper-cases the first letter («доля …» → «Доля …») for the start of a sentence.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Joins items as Russian prose: «a», «a и b», «a, b и c».
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} и {last}", init.join(", ")),
    }
}

/// Ends a sentence with a full stop unless it already ends with one («… 5 кл.» stays as it is).
pub fn end(s: &str) -> String {
    if s.ends_with('.') || s.ends_with('!') || s.ends_with('?') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// A noun phrase as a sentence subject: capitalised, and closed with a comma when it ends in a
/// participial clause («Доля учителей, прошедших курсовую подготовку, выросла»).
pub fn subject(phrase: &str) -> String {
    let mut depth = 0i32;
    let mut clause = false;
    let chars: Vec<char> = phrase.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 && chars.get(i + 1) == Some(&' ') => clause = true,
            _ => {}
        }
    }
    let cap = capitalize(phrase);
    if clause {
        format!("{cap},")
    } else {
        cap
    }
}
