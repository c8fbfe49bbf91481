//! Real data: ВПР mark counts of the schools of Altai Krai, spring 2021 (tests/data/real/, see
//! its README). The test turns them into a format-B file in memory, runs it through the reader
//! (`load`) and the many-schools table (`schools::summarize`), and checks every school's status
//! and conditions against a count made here directly from the raw numbers: a result is low when
//! 10·n2 ≥ 3·n; by default only ВПР 5 and 6 count; there is one school year (2020-2021), so
//! two or more low results are ШНОР by Условие 1, exactly one is «недостаточно данных»
//! (Условие 2 needs the year before), none is «не выявлена», and a school with no counted
//! result at all is «недостаточно данных».

use std::collections::{BTreeMap, HashMap};

use dtk_calc::core::identify::{Settings, Status};
use dtk_calc::core::load::{load, Format, LoadOptions};
use dtk_calc::core::model::Year;
use dtk_calc::core::schools::{summarize, Summary};

const MARKS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/real/altai_vpr_2020_2021_marks_by_school.csv"
);
const SCHOOLS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/real/altai_schools.csv"
);

/// One spring-2021 row of the source.
struct Row {
    subject: String,
    grade: u32,
    login: String,
    n: u32,
    n2: u32,
    n3: u32,
    n4: u32,
    n5: u32,
}

fn read_source() -> (Vec<Row>, HashMap<String, (String, String)>) {
    let mut schools = HashMap::new();
    let mut r = csv::Reader::from_path(SCHOOLS).expect("altai_schools.csv");
    for rec in r.records() {
        let rec = rec.unwrap();
        schools.insert(rec[0].to_string(), (rec[1].to_string(), rec[2].to_string()));
    }
    let mut rows = Vec::new();
    let mut r = csv::Reader::from_path(MARKS).expect("marks file");
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        head,
        [
            "procedure",
            "subject",
            "test_grade",
            "school_login",
            "n",
            "n2",
            "n3",
            "n4",
            "n5"
        ]
    );
    for rec in r.records() {
        let rec = rec.unwrap();
        // Autumn 2020 was the previous grade's test, written late: not used for the rule.
        if &rec[0] != "VPR_2021_spring" {
            continue;
        }
        let num = |i: usize| rec[i].parse::<u32>().unwrap();
        rows.push(Row {
            subject: rec[1].to_string(),
            grade: num(2),
            login: rec[3].to_string(),
            n: num(4),
            n2: num(5),
            n3: num(6),
            n4: num(7),
            n5: num(8),
        });
    }
    (rows, schools)
}

/// A `;`-separated field, quoted when it has to be.
fn field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The source as a format-B file: ОО; муниципалитет; код ОО; учебный год; процедура; предмет;
/// класс; участников; «2»; «3»; «4»; «5».
fn format_b(rows: &[Row], schools: &HashMap<String, (String, String)>) -> String {
    let mut out = String::from(
        "ОО;муниципалитет;код ОО;учебный год;процедура;предмет;класс;участников;«2»;«3»;«4»;«5»\n",
    );
    for r in rows {
        let (name, municipality) = &schools[&r.login];
        let subject = match r.subject.as_str() {
            "math" => "математика",
            "rus" => "русский язык",
            other => panic!("subject {other}"),
        };
        let cells = [
            field(name),
            field(municipality),
            field(&r.login),
            "2020-2021".to_string(),
            "ВПР".to_string(),
            subject.to_string(),
            r.grade.to_string(),
            r.n.to_string(),
            r.n2.to_string(),
            r.n3.to_string(),
            r.n4.to_string(),
            r.n5.to_string(),
        ];
        out.push_str(&cells.join(";"));
        out.push('\n');
    }
    out
}

/// What the methodology says, counted straight from the raw numbers: (status, Условие 1, low
/// results) per school login, with `grades` counted.
fn expected(rows: &[Row], grades: &[u32]) -> BTreeMap<String, (Status, bool, usize)> {
    let mut lows: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    for r in rows {
        let e = lows.entry(r.login.clone()).or_insert((0, false));
        if grades.contains(&r.grade) && r.n > 0 {
            e.1 = true; // a counted result exists
            if 10 * u64::from(r.n2) >= 3 * u64::from(r.n) {
                e.0 += 1;
            }
        }
    }
    lows.into_iter()
        .map(|(login, (low, any))| {
            let status = match (any, low) {
                (false, _) => Status::InsufficientData,
                (true, 0) => Status::NotShnor,
                // One low result and no year before it: Условие 2 cannot be decided.
                (true, 1) => Status::InsufficientData,
                (true, _) => Status::Shnor,
            };
            (login, (status, low >= 2, low))
        })
        .collect()
}

fn check(summary: &Summary, expected: &BTreeMap<String, (Status, bool, usize)>) {
    assert_eq!(summary.schools.len(), expected.len());
    let mut mismatches = Vec::new();
    for line in &summary.schools {
        let login = line.code.as_deref().expect("school code");
        let &(status, c1, low) = &expected[login];
        let got = (
            line.status,
            line.condition1,
            line.condition2,
            line.low_by_year.get(&Year(2020)).copied().unwrap_or(0),
        );
        if got != (status, c1, false, low) {
            mismatches.push(format!(
                "{login} {}: got {got:?}, expected {:?}",
                line.school,
                (status, c1, false, low)
            ));
        }
        assert_eq!(line.as_of, Some(Year(2020)), "{login}");
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    // Counts per status add up, and agree with the independent count.
    let total: usize = summary.counts.values().sum();
    assert_eq!(total, expected.len());
    for status in Status::ALL {
        let want = expected.values().filter(|e| e.0 == *status).count();
        assert_eq!(summary.counts[status], want, "{status:?}");
    }
    let by_municipality: usize = summary.municipalities.iter().map(|m| m.total).sum();
    assert_eq!(by_municipality, expected.len());
    for m in &summary.municipalities {
        assert_eq!(
            m.counts.values().sum::<usize>(),
            m.total,
            "{}",
            m.municipality
        );
    }
}

#[test]
fn altai_spring_2021_statuses_match_an_independent_count() {
    let (rows, schools) = read_source();
    assert!(rows.len() > 6000, "{} rows", rows.len());
    let text = format_b(&rows, &schools);
    let loaded = load(text.as_bytes(), &LoadOptions::default()).expect("load");
    assert_eq!(loaded.info.format, Format::Results);
    assert_eq!(loaded.info.years, [Year(2020)]);
    // Clean data: every row is read (marks add up to participants, grades 4–8 are known).
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        &loaded.diagnostics[..loaded.diagnostics.len().min(5)]
    );
    let logins: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.login.as_str()).collect();
    assert_eq!(loaded.schools.len(), logins.len());

    // Default settings: ВПР 5 and 6 (and ОГЭ/ЕГЭ, absent here) count.
    let want = expected(&rows, &[5, 6]);
    let summary = summarize(&loaded.schools, &Settings::default());
    check(&summary, &want);
    // The data has all four kinds of school that matter here.
    let count = |s: Status| summary.counts[&s];
    assert!(count(Status::Shnor) > 0);
    assert!(count(Status::NotShnor) > 0);
    assert!(count(Status::InsufficientData) > 0);
    assert_eq!(
        count(Status::Risk),
        0,
        "one year: a single low result is undecidable"
    );
    // Schools with no ВПР 5/6 at all exist and are «недостаточно данных», not «не выявлена».
    assert!(want
        .iter()
        .any(|(_, (s, _, low))| *s == Status::InsufficientData && *low == 0));

    // With every ВПР grade counted (a setting), the same count over grades 4–8.
    let all = Settings {
        procedures: ["4", "5", "6", "7", "8"]
            .iter()
            .flat_map(|g| [format!("vpr.math.{g}"), format!("vpr.rus.{g}")])
            .collect(),
        ..Settings::default()
    };
    let summary = summarize(&loaded.schools, &all);
    check(&summary, &expected(&rows, &[4, 5, 6, 7, 8]));
}
