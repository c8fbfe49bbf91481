//! ВПР protocols from ФИС ОКО (spec: protocols.md): the four real protocols read, and every
//! figure of the analysis — marks, per-task percents, the journal comparison — equal to an
//! independent count made here from the pupils' rows, copied from the workbooks (not from the
//! engine), under a scale typed in. Then: damaged, other-school and no-journal files, the
//! scale's checks, and the ДТК filled from protocols (identification follows).

use std::path::Path;

use dtk_calc::core::identify::Status;
use dtk_calc::core::model::{DiagnosticKind, Loc, School, Value, Year};
use dtk_calc::core::protocol::merge::{apply, merge, SOURCE_MARK};
use dtk_calc::core::protocol::{
    analyse, batch, read, Analysis, Group, Protocol, Scale, ScaleError, Subject,
};
use dtk_calc::core::{catalogue, cell, report};

fn real(name: &str) -> Protocol {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real/fisoko-protocols-2022")
        .join(name);
    read(&std::fs::read(path).unwrap(), Some(name)).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/protocols")
            .join(name),
    )
    .unwrap()
}

/// A pupil's row as the workbook shows it: (sheet row, login, «Вариант», task scores with
/// «N» for «не пройд.» and «E» for empty, journal mark, «Итого баллов»).
type Row = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The independent count: what a teacher does with the rows and the scale by hand.
struct Count {
    participants: u32,
    marks: [u32; 4],
    /// Per task: (points, possible).
    tasks: Vec<(u32, u32)>,
    /// lower, same, higher than the journal.
    journal: [u32; 3],
}

fn count(rows: &[Row], login: &str, maxima: &[u32], cuts: [u32; 3]) -> Count {
    let mut c = Count {
        participants: 0,
        marks: [0; 4],
        tasks: vec![(0, 0); maxima.len()],
        journal: [0; 3],
    };
    for &(_, l, variant, scores, journal, total) in rows {
        if l != login || variant == "отсутствовал" {
            continue;
        }
        c.participants += 1;
        let total: u32 = total.parse().unwrap();
        let mark = if total >= cuts[2] {
            5
        } else if total >= cuts[1] {
            4
        } else if total >= cuts[0] {
            3
        } else {
            2
        };
        c.marks[mark as usize - 2] += 1;
        for (i, s) in scores.split(',').enumerate() {
            if s != "N" {
                c.tasks[i].0 += s.parse::<u32>().unwrap();
                c.tasks[i].1 += maxima[i];
            }
        }
        let j: u32 = journal.parse().unwrap();
        c.journal[if mark < j {
            0
        } else if mark == j {
            1
        } else {
            2
        }] += 1;
    }
    c
}

/// Every figure of the group equals the independent count.
fn check(g: &Group, c: &Count) {
    assert_eq!(g.participants, c.participants, "{}", g.label);
    let m = [g.marks.n2, g.marks.n3, g.marks.n4, g.marks.n5];
    assert_eq!(m, c.marks, "{}: marks", g.label);
    let n = c.participants as f64;
    for i in 0..4 {
        assert!((g.mark_percent[i] - c.marks[i] as f64 * 100.0 / n).abs() < 1e-9);
    }
    // domain.md §3, «Formulas for marks».
    let [n2, n3, n4, n5] = c.marks.map(|x| x as f64);
    assert!((g.share2 - n2 * 100.0 / n).abs() < 1e-9);
    assert!((g.success - (n5 + n4 + n3) * 100.0 / n).abs() < 1e-9);
    assert!((g.quality - (n5 + n4) * 100.0 / n).abs() < 1e-9);
    assert!((g.mean - (5.0 * n5 + 4.0 * n4 + 3.0 * n3 + 2.0 * n2) / n).abs() < 1e-9);
    assert!((g.sou - (100.0 * n5 + 64.0 * n4 + 36.0 * n3 + 16.0 * n2) / n).abs() < 1e-9);
    assert_eq!(g.tasks.len(), c.tasks.len());
    for (t, &(points, possible)) in g.tasks.iter().zip(&c.tasks) {
        assert_eq!(
            (t.points, t.possible),
            (points, possible),
            "task {}",
            t.name
        );
        let expected = (possible > 0).then(|| points as f64 * 100.0 / possible as f64);
        assert_eq!(
            t.percent.map(|p| (p * 1e6).round()),
            expected.map(|p| (p * 1e6).round())
        );
        assert_eq!(
            g.weak.contains(&t.name),
            expected.is_some_and(|p| p < 50.0),
            "weak {}",
            t.name
        );
    }
    let j = g.journal.expect("journal column");
    assert_eq!(
        [j.lower, j.same, j.higher],
        c.journal,
        "{}: journal",
        g.label
    );
}

// Rows of vpr2022_grade5_math.xlsx, «Протокол» (one school, 7 pupils).
const MATH5: &[Row] = &[
    (
        2,
        "edu223017",
        "1",
        "1,0,1,1,1,0,1,1,0,0,0,0,0,0,1,0",
        "3",
        "7",
    ),
    (
        3,
        "edu223017",
        "2",
        "1,1,1,0,1,0,1,0,2,0,1,1,1,0,0,0",
        "3",
        "10",
    ),
    (
        4,
        "edu223017",
        "1",
        "1,1,1,0,1,0,1,1,1,0,1,1,1,0,1,0",
        "4",
        "11",
    ),
    (
        5,
        "edu223017",
        "2",
        "1,0,1,0,0,0,0,1,0,0,1,1,1,0,1,0",
        "3",
        "7",
    ),
    (
        6,
        "edu223017",
        "2",
        "1,1,1,1,1,0,1,1,1,0,1,1,1,0,1,0",
        "5",
        "12",
    ),
    (
        7,
        "edu223017",
        "2",
        "1,1,1,1,0,0,1,1,0,0,0,0,0,0,1,0",
        "3",
        "7",
    ),
    (
        8,
        "edu223017",
        "1",
        "1,1,1,0,1,0,1,1,0,0,1,1,1,1,1,0",
        "4",
        "11",
    ),
];
const MATH5_MAX: &[u32] = &[1, 1, 1, 1, 1, 2, 1, 1, 2, 2, 1, 1, 1, 1, 1, 2];

// Rows of vpr2022_grade6_math.xlsx for the first of its three schools (two absent).
const MATH6: &[Row] = &[
    (
        2,
        "edu224085",
        "отсутствовал",
        "E,E,E,E,E,E,E,E,E,E,E,E,E",
        "",
        "0",
    ),
    (3, "edu224085", "1", "1,1,1,1,1,1,1,1,0,1,0,1,0", "4", "10"),
    (4, "edu224085", "2", "1,1,1,1,1,1,1,1,0,1,0,1,0", "4", "10"),
    (5, "edu224085", "2", "1,1,0,1,1,0,0,1,0,1,0,0,0", "3", "6"),
    (6, "edu224085", "1", "1,1,1,1,1,1,1,1,0,1,0,1,0", "4", "10"),
    (7, "edu224085", "2", "1,1,1,1,1,1,1,1,0,1,1,1,0", "4", "11"),
    (8, "edu224085", "1", "0,1,1,1,1,1,0,1,0,1,0,0,0", "3", "7"),
    (
        9,
        "edu224085",
        "отсутствовал",
        "E,E,E,E,E,E,E,E,E,E,E,E,E",
        "",
        "0",
    ),
    (10, "edu224085", "1", "1,1,1,1,1,1,1,1,0,1,0,1,0", "4", "10"),
    (11, "edu224085", "1", "1,1,1,1,1,1,1,1,0,1,0,1,0", "4", "10"),
    (12, "edu224085", "2", "1,1,0,1,1,1,0,1,0,1,0,0,0", "3", "7"),
    (13, "edu224085", "2", "1,1,1,1,1,1,1,1,0,1,0,1,0", "4", "10"),
    (14, "edu224085", "1", "0,1,0,1,1,0,0,1,0,1,0,1,0", "3", "6"),
    (15, "edu224085", "2", "1,0,0,1,1,1,0,1,0,1,0,0,0", "3", "6"),
    (16, "edu224085", "1", "1,1,0,1,0,1,1,1,0,0,0,1,0", "3", "7"),
];
const MATH6_MAX: &[u32] = &[1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 1, 2];

// Rows of vpr2022_grade6_rus.xlsx for МКОУ "Второкаменская СОШ": task 2К3 «не пройд.».
const RUS6: &[Row] = &[
    (
        9,
        "edu223473",
        "1",
        "0,0,2,3,3,N,3,1,1,2,3,1,1,1,2,1,0,0,0,0,2,0,1,2,0",
        "3",
        "29",
    ),
    (
        10,
        "edu223473",
        "2",
        "0,3,2,3,3,N,3,1,1,2,3,2,1,1,2,1,0,1,2,1,0,1,1,2,0",
        "4",
        "36",
    ),
    (
        11,
        "edu223473",
        "2",
        "0,3,2,3,3,N,3,1,1,1,3,2,1,1,2,1,2,0,1,1,2,1,1,1,0",
        "4",
        "36",
    ),
    (
        12,
        "edu223473",
        "1",
        "2,0,2,2,3,N,2,1,1,2,2,2,1,1,2,1,2,2,2,1,2,1,1,2,2",
        "4",
        "39",
    ),
];
const RUS6_MAX: &[u32] = &[
    4, 3, 2, 3, 3, 3, 3, 1, 1, 2, 3, 2, 1, 1, 2, 1, 2, 3, 2, 1, 2, 1, 1, 2, 2,
];

/// The pupils the engine read are the rows above (scores, totals, journal marks, absence).
fn same_rows(p: &Protocol, rows: &[Row]) {
    for &(line, login, variant, scores, journal, total) in rows {
        let x = p.pupils.iter().find(|x| x.row == line).unwrap();
        assert_eq!(p.schools[x.school].login, login);
        assert_eq!(x.absent, variant == "отсутствовал", "row {line}");
        if x.absent {
            continue;
        }
        let want: Vec<Option<u32>> = scores.split(',').map(|s| s.parse().ok()).collect();
        assert_eq!(x.scores, want, "row {line}");
        assert_eq!(x.total.to_string(), total, "row {line}");
        assert_eq!(x.journal.map(|j| j.to_string()).as_deref(), Some(journal));
    }
}

#[test]
fn the_four_real_protocols_are_read() {
    // Subject and grade from the textbook code of «Классы», the year from the upload date
    // 17.03.2022 (spring 2022 → 2021-2022), participants without the absent.
    let cases = [
        (
            "vpr2022_grade5_math.xlsx",
            Subject::Math,
            5,
            16,
            20,
            1,
            7,
            0,
        ),
        ("vpr2022_grade5_rus.xlsx", Subject::Rus, 5, 21, 45, 1, 3, 0),
        (
            "vpr2022_grade6_math.xlsx",
            Subject::Math,
            6,
            13,
            16,
            3,
            40,
            2,
        ),
        ("vpr2022_grade6_rus.xlsx", Subject::Rus, 6, 25, 51, 4, 19, 1),
    ];
    for (file, subject, grade, tasks, max, schools, rows, absent) in cases {
        let p = real(file);
        assert_eq!(p.subject, subject, "{file}");
        assert_eq!(p.grade, Some(grade), "{file}");
        assert_eq!(p.year, Some(Year(2021)), "{file}");
        assert_eq!(p.tasks.len(), tasks, "{file}");
        assert_eq!(p.max_total(), max, "{file}");
        assert_eq!(p.schools.len(), schools, "{file}");
        assert_eq!(p.pupils.len(), rows, "{file}");
        assert_eq!(
            p.pupils.iter().filter(|x| x.absent).count(),
            absent,
            "{file}"
        );
        assert!(p.has_journal);
        assert!(p.diagnostics.is_empty(), "{file}: {:?}", p.diagnostics);
    }
    let p = real("vpr2022_grade5_math.xlsx");
    assert_eq!(p.schools[0].login, "edu223017");
    assert_eq!(
        p.schools[0].name.as_deref(),
        Some("МБОУ \"Вавилонская СОШ\"")
    );
    assert_eq!(
        p.schools[0].municipality.as_deref(),
        Some("Алейский муниципальный район")
    );
    assert_eq!(p.tasks[5].header, "6 (2б)");
    assert_eq!((p.tasks[5].name.as_str(), p.tasks[5].max), ("6", 2));
}

#[test]
fn math5_every_figure_equals_the_count_from_the_rows() {
    let p = real("vpr2022_grade5_math.xlsx");
    same_rows(&p, MATH5);
    // A typed scale (the 2022 one is not built in): «3» from 8, «4» from 11, «5» from 15.
    // By hand: totals 7, 10, 11, 7, 12, 7, 11 → «2» ×3, «3» ×1, «4» ×3: share of «2» 3/7;
    // against the journal 3, 3, 4, 3, 5, 3, 4: lower 4 (rows 2, 5, 6, 7), same 3.
    let cuts = [8, 11, 15];
    let a = analyse(&p, &Scale::typed(cuts)).unwrap();
    let c = count(MATH5, "edu223017", MATH5_MAX, cuts);
    assert_eq!(c.marks, [3, 1, 3, 0]);
    assert_eq!(c.journal, [4, 3, 0]);
    let s = &a.schools[0];
    check(&s.total, &c);
    assert_eq!(s.classes.len(), 1);
    assert_eq!(s.classes[0].label, "5 класс");
    // Task 6 (2б): nobody scored → 0 %, named weak.
    assert_eq!(s.total.tasks[5].percent, Some(0.0));
    assert!(s.total.weak.contains(&"6".to_string()));
}

#[test]
fn math6_absent_are_not_participants_and_schools_are_apart() {
    let p = real("vpr2022_grade6_math.xlsx");
    same_rows(&p, MATH6);
    let cuts = [6, 10, 14];
    let a = analyse(&p, &Scale::typed(cuts)).unwrap();
    let s = a
        .schools
        .iter()
        .find(|s| s.school.login == "edu224085")
        .unwrap();
    let c = count(MATH6, "edu224085", MATH6_MAX, cuts);
    assert_eq!(c.participants, 13);
    check(&s.total, &c);
    assert_eq!(s.total.absent, 2);
}

#[test]
fn rus6_not_studied_task_is_left_out_of_its_percent() {
    let p = real("vpr2022_grade6_rus.xlsx");
    same_rows(&p, RUS6);
    let cuts = [25, 35, 45];
    let a = analyse(&p, &Scale::typed(cuts)).unwrap();
    let s = a
        .schools
        .iter()
        .find(|s| s.school.login == "edu223473")
        .unwrap();
    let c = count(RUS6, "edu223473", RUS6_MAX, cuts);
    check(&s.total, &c);
    // 2К3 «не пройд.» for all four: no percent at all, and not «weak».
    assert_eq!(s.total.tasks[5].header, "2К3 (3б)");
    assert_eq!(s.total.tasks[5].percent, None);
    // The class «6» is named as written.
    assert_eq!(s.classes[0].label, "6");
}

#[test]
fn impossible_scores_are_diagnostics_with_row_and_column() {
    let p = read(&fixture("edu223017_math6_impossible.xlsx"), Some("x.xlsx")).unwrap();
    let above = p
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::ScoreAboveMax)
        .expect("score above max");
    assert_eq!(above.row, Some(2));
    assert_eq!(above.column.as_deref(), Some("9 (2б)"));
    assert_eq!(above.value.as_deref(), Some("3"));
    assert_eq!(above.sheet.as_deref(), Some("Протокол"));
    let total = p
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::TotalMismatch)
        .expect("total disagrees");
    assert_eq!(
        (total.row, total.column.as_deref()),
        (Some(3), Some("Итого баллов"))
    );
    assert_eq!(total.value.as_deref(), Some("7"));
}

#[test]
fn damaged_other_and_no_journal_files_say_so_and_the_rest_works() {
    let good = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/real/fisoko-protocols-2022/vpr2022_grade5_math.xlsx"),
    )
    .unwrap();
    let files = vec![
        ("damaged.xlsx".to_string(), fixture("damaged.xlsx")),
        ("vpr2022_grade5_math.xlsx".to_string(), good),
        (
            "no_journal.xlsx".to_string(),
            fixture("edu223017_math6_no_journal.xlsx"),
        ),
        ("note.csv".to_string(), b"just;a;table\n1;2;3\n".to_vec()),
    ];
    let out = batch::run(&files, Some(&Scale::typed([6, 10, 14])));
    let err = out[0].error.as_deref().unwrap();
    assert!(
        err.starts_with("«damaged.xlsx»: файл не открывается как книга Excel"),
        "{err}"
    );
    let a = out[1].analysis.as_ref().unwrap();
    assert_eq!(a.schools[0].total.participants, 7);
    let nj = out[2].analysis.as_ref().unwrap();
    assert_eq!(nj.schools[0].total.journal, None);
    assert_eq!(nj.schools[0].total.participants, 2);
    assert!(nj
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::NoJournalColumn));
    assert!(out[3]
        .error
        .as_deref()
        .unwrap()
        .contains("это не протокол ВПР из ФИС ОКО"));

    // Another school than the open ДТК: named, not merged.
    let mut school = School::default();
    school.meta.name = Some("МБОУ \"Вавилонская СОШ\"".into());
    let other = analyse(
        &real("vpr2022_grade6_math.xlsx"),
        &Scale::typed([6, 10, 14]),
    )
    .unwrap();
    let m = merge(&school, &[a.clone(), other]);
    assert_eq!(m.proposals.len(), 1);
    assert_eq!(m.proposals[0].code, "vpr.math.5");
    assert_eq!(m.skipped.len(), 1);
    assert!(
        m.skipped[0].contains("ни одна не совпадает с открытой ДТК"),
        "{}",
        m.skipped[0]
    );
    let single_other = analyse(
        &real("vpr2022_grade5_rus.xlsx"),
        &Scale::typed([18, 29, 39]),
    )
    .unwrap();
    let m = merge(&school, &[single_other]);
    assert!(
        m.skipped[0].contains("— другой школы: МОУ \"Мирная ООШ \" (edu223167)"),
        "{}",
        m.skipped[0]
    );
}

#[test]
fn the_scale_is_checked_and_built_in_only_with_its_source() {
    let p = real("vpr2022_grade6_math.xlsx");
    // Max of the 2022 work is 16: a «5» from 17 cannot be.
    assert_eq!(
        analyse(&p, &Scale::typed([6, 10, 17])).unwrap_err(),
        ScaleError::AboveMax { cut5: 17, max: 16 }
    );
    assert!(matches!(
        analyse(&p, &Scale::typed([6, 6, 14])),
        Err(ScaleError::Order(_))
    ));
    assert!(matches!(Scale::parse("6,10"), Err(ScaleError::Syntax(_))));
    assert_eq!(Scale::parse(" 6; 10 ;14").unwrap().cuts, [6, 10, 14]);
    // 2021-2022: no built-in scale; the message offers the cited 2020/2021 one as a guess.
    let e = batch::analyse_with(&p, None).unwrap_err();
    assert_eq!(
        e,
        ScaleError::Needed {
            title: p.title(),
            guess: Some([6, 10, 14])
        }
    );
    let guess = dtk_calc::core::protocol::scale::guess(&p.subject, p.grade, p.year).unwrap();
    assert!(!guess.builtin && guess.source.starts_with("предположение"));
    // 2020-2021: the built-in scale of shekeldini/Flask (mat6 = [5, 6, 9, 10, 13, 14]).
    let mut p2021 = p.clone();
    p2021.year = Some(Year(2020));
    let a: Analysis = batch::analyse_with(&p2021, None).unwrap();
    assert_eq!(a.scale.cuts, [6, 10, 14]);
    assert!(a.scale.builtin && a.scale.source.contains("shekeldini/Flask"));
    assert_eq!(a.scale.mark(5), 2);
    assert_eq!(a.scale.mark(6), 3);
    assert_eq!(a.scale.mark(14), 5);
}

/// A template (format A) with ВПР математика 5 typed for 2021-2022 and two protocols of the
/// same school: the typed value disagrees and is shown next to the protocol's; after the user
/// agrees, the ДТК holds both protocols' shares as ratios, marked, and identification follows.
#[test]
fn a_template_and_two_protocols_fill_the_dtk() {
    let mut school = School::default();
    school.meta.name = Some("МБОУ «Вавилонская СОШ»".into());
    for (code, year, text) in [
        ("vpr.math.5", 2021, "1/7"),
        ("vpr.rus.5", 2021, "10/20"),
        ("vpr.math.5", 2020, "2/8"),
    ] {
        let ind = catalogue::find(code).unwrap();
        school.set(
            ind.code,
            Year(year),
            cell::parse(text, ind.kind).unwrap(),
            Loc::default(),
        );
    }
    let math5 = analyse(
        &real("vpr2022_grade5_math.xlsx"),
        &Scale::typed([8, 11, 15]),
    )
    .unwrap();
    let math6 = analyse(
        &read(
            &fixture("edu223017_math6_2022.xlsx"),
            Some("edu223017_math6_2022.xlsx"),
        )
        .unwrap(),
        &Scale::typed([6, 10, 14]),
    )
    .unwrap();
    let analyses = [math5, math6];
    let m = merge(&school, &analyses);
    assert!(m.skipped.is_empty(), "{:?}", m.skipped);
    let p5 = m.proposals.iter().find(|p| p.code == "vpr.math.5").unwrap();
    assert_eq!((p5.failed, p5.participants, p5.year), (3, 7, Year(2021)));
    assert_eq!(p5.existing.as_deref(), Some("14,3\u{a0}% (1/7)"));
    assert!(p5.replaces());
    let p6 = m.proposals.iter().find(|p| p.code == "vpr.math.6").unwrap();
    // The fixture by hand: totals 3, 4, 5 of 9 participants are «2» under 6,10,14.
    assert_eq!((p6.failed, p6.participants), (3, 9));
    assert_eq!(p6.existing, None);

    // Without consent only the empty cell is filled.
    let mut kept = school.clone();
    apply(&mut kept, &m, &analyses, false);
    assert!(matches!(
        kept.value("vpr.math.5", Year(2021)),
        Value::Ratio {
            part: 1,
            whole: 7,
            ..
        }
    ));
    assert!(matches!(
        kept.value("vpr.math.6", Year(2021)),
        Value::Ratio {
            part: 3,
            whole: 9,
            ..
        }
    ));

    let mut filled = school.clone();
    let notes = apply(&mut filled, &m, &analyses, true);
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|n| n.kind == DiagnosticKind::FromProtocol));
    assert!(notes.iter().all(|n| n.message.contains(SOURCE_MARK)));
    assert!(notes[0].message.contains("(было: 14,3"));
    let cell = filled.cells["vpr.math.5"].get(&Year(2021)).unwrap();
    assert!(matches!(
        cell.value,
        Value::Ratio {
            part: 3,
            whole: 7,
            marks: Some(_)
        }
    ));
    assert!(cell.loc.column.as_deref().unwrap().starts_with(SOURCE_MARK));

    // Identification: 3/7 = 42,9 %, 3/9 = 33,3 % and 10/20 = 50 % are low in 2021-2022 →
    // Условие 1 (≥ 2 low procedures) → ШНОР. Before the protocols only русский 5 was low
    // (1/7 is not): one more result would decide it.
    let before = report::build(&school, &Default::default(), &[]);
    let after = report::build(&filled, &Default::default(), &notes);
    assert_ne!(before.identification.status, Status::Shnor);
    assert_eq!(after.identification.status, Status::Shnor);
    assert!(after.identification.condition1);
    assert_eq!(after.identification.low.len(), 3);
}

/// A protocol of two classes (its CSV export): each class counted apart, the school as both;
/// an absent pupil with no class is in no class.
#[test]
fn classes_are_counted_apart() {
    let csv = "Пользователь;Школа;Дата загрузки;Код;Вариант;1 (2б);2 (2б);Наименование класса;Пол;Отметка за предыдущий триместр/ четверть/полугодие;Итого баллов\n\
edu1;edu1 | Школа;20.04.2023 10:00;50001;1;2;2;А;ж;5;4\n\
edu1;edu1 | Школа;20.04.2023 10:00;50002;2;0;1;А;м;3;1\n\
edu1;edu1 | Школа;20.04.2023 10:00;50003;1;1;1;Б;м;4;2\n\
edu1;edu1 | Школа;20.04.2023 10:00;50004;отсутствовал;;;;;;0\n\
edu1;edu1 | Школа;20.04.2023 10:00;50005;2;2;1;Б;ж;2;3\n";
    let p = read(csv.as_bytes(), Some("vpr_math5.csv")).unwrap();
    assert_eq!(
        (p.subject.clone(), p.grade, p.year),
        (Subject::Math, Some(5), Some(Year(2022)))
    );
    // «3» from 2, «4» from 3, «5» from 4: А — totals 4, 1 → «5», «2»; Б — 2, 3 → «3», «4».
    let a = analyse(&p, &Scale::typed([2, 3, 4])).unwrap();
    let s = &a.schools[0];
    assert_eq!(s.total.participants, 4);
    assert_eq!(s.total.absent, 1);
    let labels: Vec<&str> = s.classes.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["5А", "5Б"]);
    let m = |g: &Group| [g.marks.n2, g.marks.n3, g.marks.n4, g.marks.n5];
    assert_eq!(m(&s.classes[0]), [1, 0, 0, 1]);
    assert_eq!(m(&s.classes[1]), [0, 1, 1, 0]);
    // Journal: А — 5 = 5 (same), 2 < 3 (lower); Б — 3 < 4 (lower), 4 > 2 (higher).
    let j = s.classes[1].journal.unwrap();
    assert_eq!((j.lower, j.same, j.higher), (1, 0, 1));
    let j = s.total.journal.unwrap();
    assert_eq!((j.lower, j.same, j.higher), (2, 1, 1));
    // Task 1 (2б): 2 + 0 + 1 + 2 = 5 of 8 → 62,5 %.
    assert_eq!(s.total.tasks[0].percent, Some(62.5));
}

/// A cell written from a protocol is marked where the report shows it; its value is unchanged.
#[test]
fn merged_cells_are_marked_in_the_report() {
    let mut school = School::default();
    school.meta.code = Some("edu223017".into());
    let a = analyse(
        &real("vpr2022_grade5_math.xlsx"),
        &Scale::typed([8, 11, 15]),
    )
    .unwrap();
    let m = merge(&school, std::slice::from_ref(&a));
    apply(&mut school, &m, &[a], false);
    let mut r = report::build(&school, &Default::default(), &[]);
    dtk_calc::core::protocol::merge::mark_report(&mut r, &school);
    let row = r
        .indicators
        .iter()
        .find(|i| i.code == "vpr.math.5")
        .unwrap();
    assert_eq!(
        row.display[&Year(2021)],
        "42,9\u{a0}% (3/7) · из протокола ФИС ОКО"
    );
    assert_eq!(
        row.values[&Year(2021)].map(|v| (v * 10.0).round()),
        Some(429.0)
    );
    // A ДТК with its own code keeps its identity: the protocol does not rename it.
    assert_eq!(school.meta.name, None);
}

/// The XLSX of the analysis reads back with the figures of the analysis: a sheet per protocol
/// (marks, indicators, tasks, journal) and «Замечания».
#[test]
fn the_analysis_xlsx_reads_back() {
    use dtk_calc::core::protocol::export::analysis_xlsx;
    use dtk_calc::core::sheet;
    let a = analyse(
        &real("vpr2022_grade5_math.xlsx"),
        &Scale::typed([8, 11, 15]),
    )
    .unwrap();
    let bytes = analysis_xlsx(&[a], "30.11.2026").unwrap();
    let mut book = sheet::open(&bytes).unwrap();
    let names = book.sheet_names().to_vec();
    assert_eq!(names.len(), 2);
    assert_eq!(names[1], "Замечания");
    let t = book.table(&names[0]).unwrap().table;
    let find = |label: &str| {
        t.rows
            .iter()
            .find(|r| r.get(0) == label)
            .map(|r| r.get(1).to_string())
            .unwrap_or_else(|| panic!("no row «{label}»"))
    };
    assert_eq!(find("участников"), "7");
    assert_eq!(find("«2»"), "3 (42,9\u{a0}%)");
    assert_eq!(find("доля «2», %"), "42.9");
    assert_eq!(find("понизили (ВПР ниже журнала)"), "4");
    // Task 6 (2б), nobody scored: 0.
    let task6 = t
        .rows
        .iter()
        .find(|r| r.get(0) == "6" && r.get(1) == "2")
        .unwrap();
    assert_eq!(task6.get(2), "0");
}
