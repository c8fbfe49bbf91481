//! «Вывод» and «Проблема» (docs/domain.md §4, `src/core/conclude.rs`) and the Russian they are
//! written in (`src/core/ru.rs`): numbers «34,5 %», «+16,3 п.п.», plurals, agreement of the
//! verb with the indicator, and every check kind of the catalogue (LowShare, NegativeDynamics,
//! Target, NonZero, RequireYes, RequirePositive, MissingData) firing and not firing.

mod common;

use common::school;
use dtk_calc::core::catalogue::SectionId;
use dtk_calc::core::identify::Settings;
use dtk_calc::core::report::{self, Report};
use dtk_calc::core::ru;

const NB: char = '\u{a0}';

fn build(cells: &[(&str, u16, &str)]) -> Report {
    report::build(&school(cells), &Settings::default(), &[])
}

fn conclusion(r: &Report, id: SectionId) -> &str {
    &r.sections.iter().find(|s| s.id == id).unwrap().conclusion
}

fn problems(r: &Report, id: SectionId) -> &[String] {
    &r.sections.iter().find(|s| s.id == id).unwrap().problems
}

/// Replaces `_` by a no-break space, so expected texts stay readable: «34,5_%».
fn nb(s: &str) -> String {
    s.replace('_', &NB.to_string())
}

// =============================================================================================
// Russian numbers and plurals

#[test]
fn plural_forms() {
    let cases: &[(u64, &str)] = &[
        (0, "процедур"),
        (1, "процедура"),
        (2, "процедуры"),
        (4, "процедуры"),
        (5, "процедур"),
        (11, "процедур"),
        (12, "процедур"),
        (14, "процедур"),
        (21, "процедура"),
        (22, "процедуры"),
        (25, "процедур"),
        (101, "процедура"),
        (111, "процедур"),
        (112, "процедур"),
        (1_000_001, "процедура"),
    ];
    for &(n, word) in cases {
        assert_eq!(
            ru::plural(n, "процедура", "процедуры", "процедур"),
            word,
            "{n}"
        );
    }
    assert_eq!(ru::count(3, "школа", "школы", "школ"), "3 школы");
}

#[test]
fn numbers_percentages_and_points() {
    assert_eq!(ru::percent(34.5), nb("34,5_%"));
    assert_eq!(ru::percent(1100.0 / 30.0), nb("36,7_%"));
    assert_eq!(ru::percent(0.0), nb("0,0_%"));
    assert_eq!(ru::percent(100.0), nb("100,0_%"));
    assert_eq!(ru::pp(16.3), nb("+16,3_п.п."));
    assert_eq!(ru::pp(-2.0), nb("−2,0_п.п."));
    assert_eq!(ru::pp(0.0), nb("0,0_п.п."));
    // A change that rounds to zero has no sign.
    assert_eq!(ru::pp(0.04), nb("0,0_п.п."));
    assert_eq!(ru::pp(-0.04), nb("0,0_п.п."));
    assert_eq!(ru::signed(3.0, 0), "+3");
    assert_eq!(ru::signed(-2.5, 1), "−2,5");
    assert_eq!(ru::number(212.0), "212");
    assert_eq!(ru::number(4.5), "4,5");
    assert_eq!(ru::number(3.25), "3,25");
    assert_eq!(ru::number(-14.0), "−14");
    assert_eq!(ru::decimal(36.666, 1), "36,7");
    assert_eq!(ru::decimal(-0.01, 1), "0,0");
}

#[test]
fn sentences_helpers() {
    let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(ru::join_and(&items(&[])), "");
    assert_eq!(ru::join_and(&items(&["а"])), "а");
    assert_eq!(ru::join_and(&items(&["а", "б"])), "а и б");
    assert_eq!(ru::join_and(&items(&["а", "б", "в"])), "а, б и в");
    assert_eq!(ru::capitalize("доля"), "Доля");
    assert_eq!(ru::capitalize(""), "");
    assert_eq!(ru::end("5 кл."), "5 кл.");
    assert_eq!(ru::end("нет"), "нет.");
    assert_eq!(
        ru::subject("доля учителей, прошедших курсовую подготовку"),
        "Доля учителей, прошедших курсовую подготовку,"
    );
    // A comma inside brackets does not open a clause.
    assert_eq!(
        ru::subject("доля «2» по ВПР (математика, 5 кл.)"),
        "Доля «2» по ВПР (математика, 5 кл.)"
    );
}

// =============================================================================================
// «Вывод»

#[test]
fn the_example_sentence_of_domain_md() {
    let r = build(&[
        ("vpr.math.5", 2021, "18,2 %"),
        ("vpr.math.5", 2022, "34,5 %"),
    ]);
    let c = conclusion(&r, SectionId::S1_2);
    let expected = nb(
        "Доля «2» по ВПР (математика, 5 кл.) выросла с 18,2_% в 2021-2022 до 34,5_% в \
         2022-2023 (+16,3_п.п.) — значительное ухудшение.",
    );
    assert!(c.contains(&expected), "{c}");
    assert!(
        c.starts_with("За 2021-2022 — 2022-2023 из 1 показателя с динамикой ухудшились — 1."),
        "{c}"
    );
    assert!(
        c.ends_with(&nb(
            "Низкий результат (не менее 30 %) в 2022-2023: ВПР математика 5 кл. — 34,5_%."
        )),
        "{c}"
    );
}

#[test]
fn summary_counts_with_plurals() {
    // Two indicators: one better, one stable.
    let r = build(&[
        ("vpr.math.5", 2021, "20 %"),
        ("vpr.math.5", 2022, "10 %"),
        ("vpr.rus.5", 2021, "20 %"),
        ("vpr.rus.5", 2022, "21 %"),
    ]);
    let c = conclusion(&r, SectionId::S1_2);
    assert!(
        c.starts_with(
            "За 2021-2022 — 2022-2023 из 2 показателей с динамикой улучшились — 1, \
             без существенных изменений — 1."
        ),
        "{c}"
    );
    assert!(
        c.contains(&nb(
            "Доля «2» по ВПР (математика, 5 кл.) снизилась с 20,0_% в 2021-2022 до 10,0_% в \
             2022-2023 (−10,0_п.п.) — положительная."
        )),
        "{c}"
    );
    // Stable indicators get no sentence of their own.
    assert!(!c.contains("русский"), "{c}");
}

#[test]
fn verbs_agree_with_the_indicator() {
    let r = build(&[
        ("dropout.ooo", 2021, "0"),
        ("dropout.ooo", 2022, "2"),
        ("no_certificate.ooo", 2021, "1"),
        ("no_certificate.ooo", 2022, "2"),
        ("contingent.ooo", 2021, "212"),
        ("contingent.ooo", 2022, "198"),
    ]);
    let c = conclusion(&r, SectionId::S1_1);
    for sentence in [
        // Masculine.
        "Отсев из основной школы вырос с 0 в 2021-2022 до 2 в 2022-2023 (+2) — отрицательная.",
        // Neuter.
        "Число не получивших аттестат об основном общем образовании выросло с 1 в 2021-2022 до 2 в 2022-2023 (+1) — отрицательная.",
        // Feminine; a neutral count is a fact without a verdict.
        "Численность обучающихся ООО на конец года снизилась с 212 в 2021-2022 до 198 в 2022-2023 (−14).",
    ] {
        assert!(c.contains(sentence), "«{sentence}» not in «{c}»");
    }
}

#[test]
fn conclusions_for_one_year_yes_no_text_and_empty_blocks() {
    let r = build(&[
        ("vpr.math.5", 2022, "3/30"),
        ("staff.psychologist", 2022, "да"),
        ("staff.social_pedagogue", 2022, "нет"),
        ("infra.remoteness", 2022, "45 км"),
        ("infra.internet", 2022, "50 Мбит/с"),
    ]);
    assert_eq!(
        conclusion(&r, SectionId::S1_2),
        "Данные есть только за один год: динамику оценить нельзя."
    );
    let c = conclusion(&r, SectionId::S3_1);
    assert!(c.contains("Педагог-психолог: есть (2022-2023)."), "{c}");
    assert!(c.contains("Социальный педагог: нет (2022-2023)."), "{c}");
    assert_eq!(
        conclusion(&r, SectionId::S2_3),
        "Заполнено 2 пункта из 4; сведения приведены в таблице."
    );
    assert_eq!(
        conclusion(&r, SectionId::S2_2),
        "Данных по блоку нет: заполните показатели, чтобы получить вывод."
    );
    assert_eq!(
        problems(&r, SectionId::S2_2),
        ["Нет данных по блоку ни за один год."]
    );
}

#[test]
fn worsening_comes_first_among_notable_changes() {
    let r = build(&[
        ("vpr.math.5", 2021, "30 %"),
        ("vpr.math.5", 2022, "10 %"),
        ("vpr.rus.5", 2021, "10 %"),
        ("vpr.rus.5", 2022, "15 %"),
    ]);
    let c = conclusion(&r, SectionId::S1_2);
    let worse = c.find("русский язык, 5 кл.").unwrap();
    let better = c.find("математика, 5 кл.").unwrap();
    assert!(worse < better, "{c}");
}

// =============================================================================================
// «Проблема»: each check kind, firing and not firing

/// Runs a school through the report and returns the problems of one block.
fn problems_of(cells: &[(&str, u16, &str)], id: SectionId) -> Vec<String> {
    problems(&build(cells), id).to_vec()
}

#[test]
fn check_low_share() {
    let p = problems_of(&[("vpr.math.5", 2022, "9/30")], SectionId::S1_2);
    assert!(
        p.contains(&nb(
            "Доля «2» по ВПР (математика, 5 кл.) в 2022-2023 — 30,0_% (9/30): низкий результат (не менее 30 % участников)."
        )),
        "{p:?}"
    );
    for not_low in ["8/30", "29,9 %", "299/1000", "н/п"] {
        let p = problems_of(&[("vpr.math.5", 2022, not_low)], SectionId::S1_2);
        assert!(
            !p.iter().any(|p| p.contains("низкий результат")),
            "{not_low}: {p:?}"
        );
    }
    // The latest year decides: low earlier, fine now.
    let p = problems_of(
        &[("oge.math", 2021, "12/30"), ("oge.math", 2022, "3/30")],
        SectionId::S1_3,
    );
    assert!(!p.iter().any(|p| p.contains("низкий результат")), "{p:?}");
    // Retakes carry the check too.
    let p = problems_of(&[("oge.math.retake", 2022, "3/7")], SectionId::S1_3);
    assert!(
        p.iter()
            .any(|p| p.contains("(математика, повторно) в 2022-2023") && p.contains("низкий")),
        "{p:?}"
    );
}

#[test]
fn check_negative_dynamics() {
    let p = problems_of(
        &[
            ("progress.math.quality", 2020, "38,5 %"),
            ("progress.math.quality", 2021, "35,0 %"),
            ("progress.math.quality", 2022, "31,4 %"),
        ],
        SectionId::S1_2,
    );
    assert_eq!(
        p,
        [nb(
            "Качественная успеваемость по математике: устойчиво отрицательная динамика — с 38,5_% (2020-2021) до 31,4_% (2022-2023), −7,1_п.п."
        )]
    );
    let p = problems_of(
        &[
            ("vpr.math.6", 2021, "18,2 %"),
            ("vpr.math.6", 2022, "28,6 %"),
        ],
        SectionId::S1_2,
    );
    assert_eq!(
        p,
        [nb(
            "Доля «2» по ВПР (математика, 6 кл.): значительное ухудшение — с 18,2_% (2021-2022) до 28,6_% (2022-2023), +10,4_п.п."
        )]
    );
    // Better or stable: no problem.
    for (a, b) in [("31,4 %", "38,5 %"), ("38,5 %", "37,0 %")] {
        let p = problems_of(
            &[
                ("progress.math.quality", 2021, a),
                ("progress.math.quality", 2022, b),
            ],
            SectionId::S1_2,
        );
        assert!(p.is_empty(), "{a} → {b}: {p:?}");
    }
}

#[test]
fn check_target() {
    let methodical = |v| problems_of(&[("support.methodical", 2022, v)], SectionId::S3_3);
    assert_eq!(
        methodical("95 %"),
        [nb(
            "Доля учителей, вовлечённых в методическую деятельность в 2022-2023 — 95,0_%, а целевое значение — 100 % (Программа мониторингов, «Адресная методическая поддержка»: доля охваченных методической работой — 100 %)."
        )]
    );
    assert!(methodical("100 %").is_empty());
    assert!(methodical("42/42").is_empty());
    let courses = |v| problems_of(&[("support.courses", 2022, v)], SectionId::S3_3);
    let p = courses("79,9 %");
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("а целевое значение — не менее 80 %"), "{p:?}");
    assert!(courses("80 %").is_empty());
    assert!(courses("4/5").is_empty());
    assert_eq!(courses("3/4").len(), 1);
    let p = problems_of(&[("risk.measures_done", 2022, "72 %")], SectionId::S3_4);
    assert!(p.iter().any(|p| p.contains("не менее 80 %")), "{p:?}");
}

#[test]
fn check_non_zero() {
    let p = problems_of(&[("dropout.ooo", 2022, "2")], SectionId::S1_1);
    assert_eq!(p, ["Отсев из основной школы в 2022-2023: 2 обучающихся."]);
    let p = problems_of(&[("repeat.soo", 2022, "1")], SectionId::S1_1);
    assert_eq!(
        p,
        ["Число оставленных на повторное обучение (СОО) в 2022-2023: 1 обучающийся."]
    );
    assert!(problems_of(&[("dropout.ooo", 2022, "0")], SectionId::S1_1).is_empty());
    // Two checks of one indicator make one item that names it once.
    let p = problems_of(
        &[("dropout.ooo", 2021, "0"), ("dropout.ooo", 2022, "2")],
        SectionId::S1_1,
    );
    assert_eq!(
        p,
        ["Отсев из основной школы в 2022-2023: 2 обучающихся; отрицательная динамика — с 0 (2021-2022) до 2 (2022-2023), +2."]
    );
    assert!(problems_of(&[("no_certificate.soo", 2022, "0")], SectionId::S1_1).is_empty());
}

#[test]
fn check_require_yes() {
    let p = problems_of(&[("staff.social_pedagogue", 2022, "нет")], SectionId::S3_1);
    assert_eq!(p, ["Нет специалиста: социальный педагог (2022-2023)."]);
    let p = problems_of(&[("staff.psychologist", 2022, "-")], SectionId::S3_1);
    assert_eq!(p, ["Нет специалиста: педагог-психолог (2022-2023)."]);
    assert!(problems_of(&[("staff.psychologist", 2022, "да")], SectionId::S3_1).is_empty());
    // The latest year decides.
    assert!(problems_of(
        &[
            ("staff.psychologist", 2021, "нет"),
            ("staff.psychologist", 2022, "есть")
        ],
        SectionId::S3_1
    )
    .is_empty());
}

#[test]
fn check_require_positive() {
    let p = problems_of(&[("risk.programs", 2022, "0")], SectionId::S3_4);
    assert_eq!(p, ["Количество антирисковых программ в 2022-2023 — 0."]);
    assert!(problems_of(&[("risk.programs", 2022, "2")], SectionId::S3_4).is_empty());
}

#[test]
fn check_missing_data() {
    let cells = [
        ("vpr.rus.5", 2020, "5/32"),
        ("vpr.rus.5", 2021, ""),
        ("vpr.rus.5", 2022, "5/31"),
    ];
    let p = problems_of(&cells, SectionId::S1_2);
    assert_eq!(
        p,
        ["Нет данных за 2021-2022: доля «2» по ВПР (русский язык, 5 кл.)."]
    );
    // «не проводилась» is not missing data.
    let cells = [
        ("ege.math.base", 2020, "1/12"),
        ("ege.math.base", 2021, "н/п"),
        ("ege.math.base", 2022, "1/10"),
    ];
    assert!(problems_of(&cells, SectionId::S1_3).is_empty());
    // A procedure the school does not run at all is not missing either.
    let cells = [("vpr.rus.5", 2021, "5/32"), ("vpr.rus.5", 2022, "6/31")];
    let r = build(&cells);
    assert!(problems(&r, SectionId::S1_3)
        .iter()
        .all(|p| !p.contains("Нет данных за")));
    // Gaps after the first year with data are listed together; a leading gap (the indicator
    // was not collected yet) is not a problem.
    let cells = [
        ("parents.higher", 2019, ""),
        ("parents.higher", 2020, "25 %"),
        ("parents.higher", 2021, ""),
        ("parents.higher", 2022, ""),
    ];
    let p = problems_of(&cells, SectionId::S2_1);
    assert!(
        p.contains(
            &"Нет данных за 2021-2022 и 2022-2023: доля родителей с высшим образованием."
                .to_string()
        ),
        "{p:?}"
    );
}

#[test]
fn parents_education_should_add_up_to_about_100() {
    let parents = |h, v, s| {
        problems_of(
            &[
                ("parents.higher", 2022, h),
                ("parents.vocational", 2022, v),
                ("parents.secondary", 2022, s),
            ],
            SectionId::S2_1,
        )
    };
    assert!(parents("24 %", "51 %", "25 %").is_empty());
    assert!(parents("24 %", "51 %", "20 %").is_empty()); // 95 % is close enough
    assert_eq!(
        parents("24 %", "50 %", "20 %"),
        [nb(
            "Образование родителей в 2022-2023: сумма долей 94,0_% вместо ≈ 100 % — проверьте данные."
        )]
    );
}

#[test]
fn identification_conditions_are_a_problem_of_the_block_of_the_first_low_procedure() {
    let r = build(&[
        ("vpr.math.5", 2021, "9/30"),
        ("vpr.math.5", 2022, "9/30"),
        ("vpr.rus.6", 2022, "10/30"),
    ]);
    assert_eq!(
        problems(&r, SectionId::S1_2)[0],
        "Условия 1 и 2 идентификации ШНОР выполняются на 2022-2023: школа относится к ШНОР."
    );
    let r = build(&[("oge.rus", 2022, "9/30"), ("ege.rus", 2022, "5/15")]);
    assert_eq!(
        problems(&r, SectionId::S1_3)[0],
        "Условие 1 идентификации ШНОР выполняется на 2022-2023: школа относится к ШНОР."
    );
    assert!(problems(&r, SectionId::S1_2)
        .iter()
        .all(|p| !p.contains("Условие")));
    let r = build(&[("vpr.rus.6", 2021, "10/31"), ("oge.math", 2022, "12/30")]);
    assert_eq!(
        problems(&r, SectionId::S1_3)[0],
        "Условие 2 идентификации ШНОР выполняется на 2022-2023: школа относится к ШНОР."
    );
    // No condition: no such problem anywhere.
    let r = build(&[("vpr.math.5", 2021, "1/30"), ("vpr.math.5", 2022, "9/30")]);
    assert!(r
        .sections
        .iter()
        .flat_map(|s| &s.problems)
        .all(|p| !p.contains("идентификации ШНОР")));
}

#[test]
fn the_example_school_reads_well() {
    let loaded = common::load_bytes(dtk_calc::core::template::EXAMPLE_SCHOOL);
    let r = report::build(&loaded.schools[0], &Settings::default(), &[]);
    assert_eq!(r.sections.len(), 10);
    for s in &r.sections {
        assert!(!s.conclusion.is_empty());
        for text in std::iter::once(&s.conclusion).chain(&s.problems) {
            // Sentences end with a full stop, numbers never show a decimal point.
            assert!(text.ends_with('.'), "{:?}: «{text}»", s.id);
            assert!(
                !text.contains("NaN") && !text.contains("inf"),
                "{:?}: «{text}»",
                s.id
            );
            let bytes = text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'.' && i > 0 && i + 1 < bytes.len() {
                    assert!(
                        !(bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit()),
                        "decimal point in «{text}»"
                    );
                }
            }
        }
    }
    let p = problems(&r, SectionId::S1_2);
    assert_eq!(
        p[0],
        "Условие 2 идентификации ШНОР выполняется на 2022-2023: школа относится к ШНОР."
    );
    // ЕГЭ профиль 0/4 → 1/4 is one pupil: not «значительное ухудшение».
    let p = problems(&r, SectionId::S1_3);
    assert!(
        p.iter().all(|p| !p.contains("профильный уровень)")),
        "{p:?}"
    );
    let p = problems(&r, SectionId::S3_1);
    assert!(p.contains(&"Нет специалиста: социальный педагог (2022-2023).".to_string()));
}

#[test]
fn identification_problem_under_and_names_the_actual_status() {
    let and = Settings {
        combine: dtk_calc::core::identify::Combine::And,
        ..Settings::default()
    };
    let problem = |cells: &[(&str, u16, &str)]| {
        let r = report::build(&school(cells), &and, &[]);
        problems(&r, SectionId::S1_2)[0].clone()
    };
    // Условие 1 holds, the year before has no data: Условие 2 cannot be decided.
    assert_eq!(
        problem(&[("vpr.math.5", 2022, "9/30"), ("vpr.rus.5", 2022, "9/30")]),
        "Условие 1 идентификации ШНОР выполняется на 2022-2023: при выбранных настройках \
         (нужны оба условия) школа не в ШНОР, статус — «недостаточно данных»."
    );
    // Условие 2 holds alone.
    assert_eq!(
        problem(&[("vpr.math.5", 2021, "9/30"), ("vpr.math.5", 2022, "9/30")]),
        "Условие 2 идентификации ШНОР выполняется на 2022-2023: при выбранных настройках \
         (нужны оба условия) школа не в ШНОР, статус — «зона риска»."
    );
}
