//! Plans (plans.md): the four seed road maps read as plans, execution arithmetic with
//! hand-worked dates, ДТК 3.4 from a plan, CSV/XLSX round trips, and `dtk plan`.

use dtk_calc::core::model::{DiagnosticKind, School, Value, Year};
use dtk_calc::core::plan::card::{self, Card, SchoolAnswers};
use dtk_calc::core::plan::execution::{self, State};
use dtk_calc::core::plan::model::{Header, Level, Mark, Measure, Plan, Profile, Programme, Status};
use dtk_calc::core::plan::{dtk34, library, read, write, Date};
use dtk_calc::core::risk_factors::RiskLevel;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn fixture(name: &str) -> Plan {
    let bytes = std::fs::read(format!("tests/fixtures/plans/{name}")).unwrap();
    let r = read::read_bytes(&bytes).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    r.plan
}

fn find<'a>(p: &'a Plan, section_prefix: &str, number: &str) -> &'a Measure {
    p.measures
        .iter()
        .find(|m| m.number == number && m.section.starts_with(section_prefix))
        .unwrap_or_else(|| panic!("нет мероприятия {number} в разделе {section_prefix}"))
}

#[test]
fn seed_000_strezhevoy() {
    let p = fixture("000_strezhevoy_2021_2024.csv");
    assert_eq!(p.measures.len(), 31);
    let m = find(&p, "", "2.");
    assert!(m
        .text
        .starts_with("Утверждение состава муниципальной рабочей группы"));
    assert_eq!(m.deadline, "ежегодно, сентябрь");
    assert_eq!(m.responsible, "Управление образования");
    let m = find(&p, "", "20.");
    assert_eq!(m.deadline, "по отдельному графику");
    assert!(m
        .responsible
        .ends_with("Городская группа педагогов-психологов."));
    let m = find(&p, "", "31.");
    assert_eq!(m.deadline, "ежегодно, не менее 4-х за- седаний в год");
    assert!(m
        .text
        .starts_with("Организация деятельности рабочей группы"));
}

#[test]
fn seed_002_kansk_keeps_unknown_columns() {
    let p = fixture("002_kansk_2022.csv");
    assert_eq!(p.measures.len(), 22);
    // «Показатели выполнения» is the result column; «Задача» and «Форма предъявления» are kept.
    assert_eq!(p.extra_columns, vec!["Задача", "Форма предъявления"]);
    let m = find(&p, "1. Профилактика", "5");
    assert_eq!(m.text, "Разработка ИОМ обучающихся групп риска");
    assert_eq!(m.deadline, "До 01.10.2022");
    assert_eq!(
        m.responsible,
        "Руководители ОО, заместители директоров по УВР"
    );
    assert_eq!(m.extra[1], "ИОМы обучающихся");
    let m = find(&p, "2. Выявление", "4");
    assert_eq!(
        m.text,
        "Разработка муниципальной Программы антирисковых мер"
    );
    assert_eq!(m.deadline, "До 01.12.2022");
    let m = find(&p, "3. Адресная", "6");
    assert_eq!(m.deadline, "Сентябрь 2022/февраль2023");
    assert_eq!(m.responsible, "УО, МКУ РМЦ");
}

#[test]
fn seed_003_stary_oskol() {
    let p = fixture("003_stary_oskol_2017_2018.csv");
    assert_eq!(p.measures.len(), 14);
    let m = find(&p, "1.", "1.2.");
    assert!(m
        .text
        .starts_with("Определение общеобразовательных организаций"));
    assert_eq!(m.deadline, "Август 2017 года");
    assert_eq!(m.responsible, "МБУ «СЦОКО»");
    assert_eq!(m.result, "Аналитическая справка");
    let m = find(&p, "2.", "2.8.");
    assert_eq!(m.deadline, "Сентябрь 2017 года - май 2018 года");
    assert_eq!(m.responsible, "МБУ ДПО «СОИРО»");
    let m = find(&p, "3.", "3.1.");
    assert!(m.section.contains("материально-технического обеспечения"));
    assert_eq!(m.deadline, "Ноябрь 2017 года");
}

#[test]
fn seed_004_dagestanskie_ogni() {
    let p = fixture("004_dagestanskie_ogni_2021_2024.csv");
    // Items 1–46 without 22 and 24 (the seed has none).
    assert_eq!(p.measures.len(), 44);
    let m = find(&p, "І ", "7");
    assert_eq!(
        m.text,
        "Приведение сайтов ОУ в соответствие с требованиями законодательства"
    );
    assert_eq!(m.deadline, "Март – апрель 2021");
    assert_eq!(
        m.responsible,
        "Управление образования, образовательные учреждения"
    );
    let m = find(&p, "II ", "23");
    assert_eq!(
        m.text,
        "Обеспечение финансирования для проведения ремонта школьных помещений"
    );
    assert_eq!(m.deadline, "Ежегодно до 2024 года");
    let m = find(&p, "V ", "46");
    assert_eq!(m.deadline, "ежегодно");
    assert_eq!(m.result, "");
}

/// The hand-worked plan of the execution tests (period 2023–2024, a school: target 80 %).
fn worked() -> Plan {
    let measure = |n: &str, deadline: &str, marks: &[(&str, Mark)]| Measure {
        number: n.to_string(),
        text: format!("Мероприятие {n}"),
        deadline: deadline.to_string(),
        responsible: "Заместитель директора по УВР, педагог-психолог".to_string(),
        programme: "Программа А".to_string(),
        marks: marks.iter().map(|(s, m)| (d(s), *m)).collect(),
        ..Measure::default()
    };
    let done = Mark::Status(Status::Done);
    Plan {
        header: Header {
            period: "2023-2024".to_string(),
            level: Level::School,
            ..Header::default()
        },
        programmes: vec![Programme {
            title: "Программа А".to_string(),
            factor: Some(8),
            ..Programme::default()
        }],
        measures: vec![
            measure(
                "1",
                "до 01.10.2023",
                &[
                    ("15.09.2023", Mark::Status(Status::InProgress)),
                    ("31.12.2023", done),
                ],
            ),
            measure("2", "ежегодно, сентябрь", &[("15.09.2023", done)]),
            measure("3", "в течение года", &[]),
            measure(
                "4",
                "до 01.03.2023",
                &[("31.03.2023", Mark::Status(Status::Cancelled))],
            ),
            measure(
                "5",
                "Март 2023",
                &[
                    ("31.03.2023", Mark::Percent(50.0)),
                    ("15.09.2023", Mark::Percent(100.0)),
                ],
            ),
            measure("6", "по отдельному графику", &[("15.09.2023", done)]),
        ],
        dates: vec![d("31.03.2023"), d("15.09.2023"), d("31.12.2023")],
        ..Plan::default()
    }
}

#[test]
fn execution_at_31_03_percent_below_100_is_not_done_cancelled_left_out() {
    let p = worked();
    let t = execution::tally(&p, d("31.03.2023"));
    // Due: only 5 (31.03.2023 ≤ 31.03.2023). 4 is cancelled, 6 has no date, 1/2/3 later.
    assert_eq!(
        (t.due, t.done, t.cancelled, t.undated, t.not_yet_due),
        (1, 0, 1, 1, 3)
    );
    assert_eq!(t.share, Some(0.0));
    // «where percents are given, the mean percent of due measures» (plans.md §4): 50 %.
    assert_eq!(t.mean_percent, Some(50.0));
    assert_eq!(t.overdue.len(), 1);
    assert_eq!(t.overdue[0].number, "5");
    assert_eq!(t.overdue[0].due_date, d("31.03.2023"));
}

#[test]
fn execution_at_15_09_september_deadline_not_yet_due() {
    let p = worked();
    // «ежегодно, сентябрь» = 30.09 (plans.md §1), after 15.09: not yet due, though marked done.
    assert_eq!(
        execution::state(&p.measures[1], d("15.09.2023"), Some((2023, 2024))).0,
        State::NotYetDue
    );
    let s = execution::summarize(&p, d("15.09.2023"));
    let e = &s.execution;
    assert_eq!((e.tally.due, e.tally.done), (1, 1));
    assert_eq!(e.tally.share, Some(100.0));
    assert!(e.problem.is_none());
    // Change since 31.03.2023: 0 % → 100 %.
    let prev = e.previous.as_ref().unwrap();
    assert_eq!(prev.at, d("31.03.2023"));
    assert_eq!(prev.change_pp, Some(100.0));
}

#[test]
fn execution_at_31_12_period_deadline_due_and_target_missed() {
    let p = worked();
    let s = execution::summarize(&p, d("31.12.2023"));
    let e = &s.execution;
    // Due: 1 (01.10), 2 (30.09), 3 («в течение года» → 31.12), 5 — done 1, 2, 5: 3 of 4 = 75 %.
    assert_eq!((e.tally.due, e.tally.done), (4, 3));
    assert_eq!(e.tally.share, Some(75.0));
    assert_eq!(
        e.tally
            .overdue
            .iter()
            .map(|o| o.number.as_str())
            .collect::<Vec<_>>(),
        ["3"]
    );
    assert_eq!(e.target, 80.0);
    assert!(e.problem.as_ref().unwrap().contains("75,0"));
    assert_eq!(e.previous.as_ref().unwrap().change_pp, Some(-25.0));
    // By responsible: «Заместитель директора по УВР, педагог-психолог» counts for both.
    assert_eq!(s.by_responsible.len(), 2);
    assert_eq!(s.by_responsible[1].name, "педагог-психолог");
    assert_eq!(s.by_responsible[1].tally.due, 4);
    // By factor: the programme's factor 8.
    assert_eq!(s.by_factor.len(), 1);
    assert!(s.by_factor[0].name.starts_with("8. "));
    assert_eq!(s.by_programme[0].tally.share, Some(75.0));
}

#[test]
fn yearly_measure_done_last_year_is_due_again() {
    let p = worked();
    // 2024: measure 2's «выполнено» of 15.09.2023 does not count for 30.09.2024.
    let (st, due) = execution::state(&p.measures[1], d("31.12.2024"), Some((2023, 2024)));
    assert_eq!((st, due), (State::Overdue, Some(d("30.09.2024"))));
}

fn profiles() -> Vec<Profile> {
    let p = |date: &str, levels: &[(u8, RiskLevel)]| Profile {
        date: Some(d(date)),
        levels: levels.iter().copied().collect(),
    };
    vec![
        p(
            "01.04.2023",
            &[
                (8, RiskLevel::High),
                (6, RiskLevel::Medium),
                (3, RiskLevel::Low),
            ],
        ),
        p(
            "01.12.2023",
            &[
                (8, RiskLevel::Low),
                (6, RiskLevel::Medium),
                (3, RiskLevel::Low),
            ],
        ),
    ]
}

#[test]
fn dtk_3_4_from_the_plan() {
    let mut p = worked();
    p.profiles = profiles();
    for f in [6, 1] {
        p.programmes.push(Programme {
            title: format!("Программа {f}"),
            factor: Some(f),
            ..Programme::default()
        });
    }
    let v = dtk34::compute(&p, d("31.12.2023")).unwrap();
    assert_eq!(v.programs, 3);
    // 8 and 6 are высокий/средний in the first profile… the current profile has 6 средний
    // only: programmes for 8 and 1 do not match → 1 of 3.
    assert!((v.programs_matching.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(v.measures_done, Some(75.0));
    // 8 went from высокий to низкий: removed, and a programme answers it.
    assert_eq!(v.measures_list.as_ref().unwrap().len(), 1);
    assert!(v.measures_list.as_ref().unwrap()[0].starts_with("8. "));
    // Identified deficits: 8 and 6; removed: 8 → 50 %.
    assert_eq!(v.deficits_removed, Some(50.0));
    let mut school = School {
        years: vec![Year(2023)],
        ..School::default()
    };
    let codes = dtk34::overlay(&mut school, &v, None);
    assert_eq!(codes.len(), 7);
    assert_eq!(
        school.value("risk.programs", Year(2023)).number(),
        Some(3.0)
    );
    assert_eq!(
        school.value("risk.measures_done", Year(2023)).number(),
        Some(75.0)
    );
    assert!(
        matches!(school.value("risk.programs_names", Year(2023)), Value::Text(t) if t.contains("Программа 6"))
    );
}

#[test]
fn drafted_school_plan_follows_the_profile() {
    let p = library::draft_school_plan(&profiles()[0], "2023-2024");
    // Priorities: high (8), then medium (6); low factors get no programme.
    let factors: Vec<_> = p.programmes.iter().map(|g| g.factor.unwrap()).collect();
    assert_eq!(factors, vec![8, 6]);
    assert!(p.measures.iter().all(|m| !m.comment.is_empty()));
    assert_eq!(
        p.dates,
        vec![d("31.03.2024"), d("15.09.2024"), d("31.12.2024")]
    );
}

fn round_trip_plan() -> Plan {
    let mut p = worked();
    p.header.name = "План; «школы» №1".to_string();
    p.header.organisation = "МБОУ СОШ № 3".to_string();
    p.profiles = profiles();
    p.extra_columns = vec!["Форма предъявления".to_string()];
    for (i, m) in p.measures.iter_mut().enumerate() {
        m.extra = vec![format!("форма {i}")];
        m.section = if i < 3 {
            "1. Раздел"
        } else {
            "2. Другой"
        }
        .to_string();
        m.factors = vec![8, 6];
        m.comment = "комментарий".to_string();
    }
    // Formula-like text survives (guarded in CSV, plain in XLSX).
    p.measures[0].text = "=HYPERLINK(\"x\")".to_string();
    p.measures[1].text = "- выявление школ\nвторая строка".to_string();
    p.programmes[0].goal = "Цель".to_string();
    p.card = Card {
        schools: vec![SchoolAnswers {
            school: "СОШ № 1".into(),
            prevention: Some(true),
            routes: None,
            lessons: Some(false),
        }],
        practices: vec![card::Practice {
            school: "СОШ № 2".into(),
            event: "Семинар «Работа с неуспевающими»".into(),
            format: "очно".into(),
        }],
    };
    p
}

#[test]
fn csv_round_trip_gives_the_same_plan() {
    let p = round_trip_plan();
    let bytes = write::to_csv(&p);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "formula guarded");
    let back = read::read_bytes(&bytes).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.plan, p);
    let at = d("31.12.2023");
    assert_eq!(
        execution::summarize(&back.plan, at),
        execution::summarize(&p, at)
    );
}

#[test]
fn xlsx_round_trip_gives_the_same_plan() {
    let p = round_trip_plan();
    let bytes = write::to_xlsx(&p, "30.11.2026").unwrap();
    let back = read::read_bytes(&bytes).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.plan, p);
}

#[test]
fn bad_marks_are_named_with_row_and_column() {
    let text =
        "№;Мероприятия;Сроки;Ответственные;Исполнение 15.09.2024\n1;Семинар;сентябрь;УО;почти\n";
    let r = read::read_bytes(text.as_bytes()).unwrap();
    assert_eq!(r.plan.measures.len(), 1);
    assert_eq!(r.warnings.len(), 1);
    assert!(
        r.warnings[0].contains("строка 2") && r.warnings[0].contains("«почти»"),
        "{}",
        r.warnings[0]
    );
    let err = read::read_bytes("a;b\n1;2\n".as_bytes()).unwrap_err();
    assert!(err.to_string().contains("Мероприятия"));
}

#[test]
fn profile_rows_of_a_dtk_file() {
    let text = "код;показатель;2022-2023\nschool.name;Наименование ОО;СОШ\nrisk.profile_date;Дата анкетирования;03.04.2023\nrisk.factor.8;Высокая доля…;высокий\nrisk.factor.6;Низкая мотивация;средний риск\nrisk.factor.1;Оснащение;низкий\n";
    let p = read::profile_from_dtk_bytes(text.as_bytes()).unwrap();
    assert_eq!(p.date, Some(d("03.04.2023")));
    assert_eq!(p.levels.len(), 3);
    assert_eq!(p.priorities(), vec![8, 6]);
}

#[test]
fn municipal_card_shares_and_problem() {
    let mut p = worked();
    p.header.level = Level::Municipality;
    let c = Card {
        schools: vec![
            SchoolAnswers {
                school: "СОШ 1".into(),
                prevention: Some(true),
                routes: Some(true),
                lessons: Some(true),
            },
            SchoolAnswers {
                school: "СОШ 2".into(),
                prevention: Some(false),
                routes: Some(true),
                lessons: None,
            },
        ],
        practices: vec![],
    };
    let r = card::build(&p, &c);
    assert_eq!(r.section3[0].percent, Some(50.0));
    assert_eq!(r.section3[1].percent, Some(100.0));
    assert_eq!(r.section3[2].answered, 1);
    // 31.12.2023: 75 % < 90 % (municipal target).
    assert_eq!(r.execution.last().copied().flatten(), Some(75.0));
    assert!(r.problem.contains("ниже целевого"));
    assert!(r.problem.contains("внутришкольная система"));
    // Section 2: measure 5 at the three dates: 50, 100, 100.
    assert_eq!(
        r.section2[4].percents,
        vec![Some(50.0), Some(100.0), Some(100.0)]
    );
}

#[test]
fn every_seed_deadline_is_read_or_knowingly_undated() {
    // The undated ones are the seeds' «по графику»-like wordings, listed here on purpose.
    let undated_ok = [
        "по отдельному графику",
        "В соответствии со сроками ВПР, КДР, ОГЭ, ЕГЭ",
        "В соответствии с Соглашением, по плану КК ИПК, ЦНППМ",
    ];
    for e in library::all() {
        let rule = dtk_calc::core::plan::deadline::parse(&e.deadline);
        if rule == dtk_calc::core::plan::deadline::Rule::Unknown {
            assert!(
                undated_ok.contains(&e.deadline.as_str()),
                "не прочитан срок «{}» ({})",
                e.deadline,
                e.source_label()
            );
        }
    }
}

#[test]
fn cli_plan_json_has_execution_and_3_4() {
    let dir = std::env::temp_dir().join(format!("dtk-plan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan_path = dir.join("plan.csv");
    let mut p = round_trip_plan();
    p.profiles.clear();
    std::fs::write(&plan_path, write::to_csv(&p)).unwrap();
    let dtk_path = dir.join("dtk.csv");
    std::fs::write(
        &dtk_path,
        "код;показатель;2023-2024\nrisk.factor.8;;высокий\nrisk.profile_date;;01.04.2023\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dtk"))
        .args([
            "plan",
            plan_path.to_str().unwrap(),
            "--at",
            "31.12.2023",
            "--json",
            "--profile",
            dtk_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &v["execution"];
    assert_eq!(e["at"], "31.12.2023");
    assert_eq!((e["due"].as_u64(), e["done"].as_u64()), (Some(4), Some(3)));
    assert_eq!(e["share"].as_f64(), Some(75.0));
    assert_eq!(e["overdue"][0]["№"], "3");
    assert_eq!(e["overdue"][0]["deadline"], "в течение года");
    assert!(e["overdue"][0]["responsible"]
        .as_str()
        .unwrap()
        .contains("УВР"));
    assert_eq!(v["by_programme"][0]["share"].as_f64(), Some(75.0));
    assert!(v["by_factor"].is_array() && v["by_responsible"].is_array());
    assert_eq!(v["dtk_3_4"]["programs"], 1);
    // The one programme answers factor 8, rated высокий: 100 % match.
    assert_eq!(v["dtk_3_4"]["programs_matching"].as_f64(), Some(100.0));
    // A seed road map opens too; without marks everything due is overdue.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dtk"))
        .args([
            "plan",
            "tests/fixtures/plans/000_strezhevoy_2021_2024.csv",
            "--at",
            "15.09.2023",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["execution"]["done"], 0);
    assert_eq!(
        v["execution"]["due"].as_u64().unwrap() as usize,
        v["execution"]["overdue"].as_array().unwrap().len()
    );
    assert!(v.get("dtk_3_4").is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn profile_rows_are_not_unknown_codes_for_the_dtk_reader() {
    use dtk_calc::core::load::{load, LoadOptions};
    let text = "код;показатель;2022-2023\nschool.name;Наименование ОО;СОШ\nrisk.factor.8;Фактор;высокий\nrisk.profile_date;Дата;03.04.2023\n";
    let loaded = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.kind != DiagnosticKind::UnknownCode),
        "{:?}",
        loaded.diagnostics
    );
}
