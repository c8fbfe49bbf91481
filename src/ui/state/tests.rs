//! The reducer on the host: actions in, the screen and the worker's commands out, with the
//! real `core` behind it (the example school, the many-schools fixture). No browser: files
//! the worker would read are `FileHandle::fake`.

use std::rc::Rc;

use super::*;
use crate::core::load::{load, LoadOptions};
use crate::core::overview::{OneSchool, Overview};
use crate::core::schools;
use crate::core::template::EXAMPLE_SCHOOL;

const MANY: &[u8] = include_bytes!("../../../tests/fixtures/results-many.csv");

fn example() -> OpenFile {
    OpenFile::from_bytes("Пример.csv", EXAMPLE_SCHOOL.to_vec())
}

/// A file too large for the page: the worker reads it from disk.
fn on_disk(name: &str) -> OpenFile {
    OpenFile {
        handle: Some(FileHandle::fake(name)),
        ..OpenFile::from_bytes(name, Vec::new())
    }
}

/// The commands queued after serial `since`.
fn sent(state: &State, since: u32) -> Vec<Command> {
    state
        .outbox
        .iter()
        .filter(|(s, _)| *s > since)
        .map(|(_, c)| c.clone())
        .collect()
}

/// The table the worker would send for `results-many.csv`.
fn overview() -> Rc<Overview> {
    let loaded = load(MANY, &LoadOptions::default()).unwrap();
    let summary = schools::summarize(&loaded.schools, &Settings::default());
    Rc::new(Overview::new(loaded.info, loaded.diagnostics, summary))
}

/// A state with `results-many.csv` open and its table arrived.
fn with_table() -> State {
    let mut s = State::default();
    s.apply(Action::Open(OpenFile::from_bytes(
        "много.csv",
        MANY.to_vec(),
    )));
    let job = s.job;
    s.apply(Action::Worker(FromWorker::Overview {
        job,
        overview: overview(),
    }));
    s
}

#[test]
fn a_school_file_read_on_the_page_shows_its_report_once_its_edits_are_restored() {
    let mut s = State::default();
    s.apply(Action::Open(example()));
    assert!(s.outbox.is_empty(), "a small CSV is read on the page");
    assert!(s.progress.is_none());
    let key = s.school_key().expect("the example has a school");
    assert!(s.report().is_some());
    // The report waits for the school's kept edits: never a generated text over an edit.
    assert!(s.school().unwrap().ready_report().is_none());
    // Edits of another school never land on this one.
    s.apply(Action::EditsLoaded {
        owner: "другая школа".into(),
        edits: Edits::from([("1.1/conclusion".into(), "чужое".into())]),
    });
    assert!(s.school().unwrap().edits.is_empty());
    s.apply(Action::EditsLoaded {
        owner: key.clone(),
        edits: Edits::from([("1.1/conclusion".into(), "своё".into())]),
    });
    let school = s.school().unwrap();
    assert!(school.ready_report().is_some());
    assert_eq!(school.edits["1.1/conclusion"], "своё");
    s.apply(Action::ResetText {
        key: "1.1/conclusion".into(),
    });
    assert!(s.school().unwrap().edits.is_empty());
}

#[test]
fn a_file_that_is_not_a_table_is_an_error_screen() {
    let mut s = State::default();
    s.apply(Action::Open(OpenFile::from_bytes(
        "пусто.csv",
        b"   ".to_vec(),
    )));
    assert!(matches!(s.screen, Screen::Error(_)));
    assert!(s.error().is_some() && s.report().is_none());
}

#[test]
fn a_large_file_goes_to_the_worker_by_handle_and_shows_progress() {
    let mut s = State::default();
    let file = on_disk("регион.csv");
    s.apply(Action::Open(file.clone()));
    assert!(matches!(s.screen, Screen::Start { cancelled: None }));
    assert_eq!(s.progress.as_ref().map(|p| p.stage), Some(Stage::Start));
    match sent(&s, 0).as_slice() {
        [Command::Open { job, file: f, .. }] => {
            assert_eq!(*job, s.job);
            assert_eq!(f, &file);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_table_of_many_schools_opens_a_school_and_goes_back() {
    let mut s = State::default();
    s.apply(Action::Open(OpenFile::from_bytes(
        "много.csv",
        MANY.to_vec(),
    )));
    // More than one school: the page hands the file to the worker.
    assert!(matches!(sent(&s, 0).as_slice(), [Command::Open { .. }]));
    let job = s.job;
    // An answer of an older job is for another file: dropped.
    s.apply(Action::Worker(FromWorker::Overview {
        job: job - 1,
        overview: overview(),
    }));
    assert!(s.many().is_none());
    s.apply(Action::Worker(FromWorker::Overview {
        job,
        overview: overview(),
    }));
    let m = s.many().expect("the table");
    let n = m.many.overview.summary.schools.len();
    assert!(n > 1 && m.rows.len() == n && m.open.is_none());
    assert!(s.progress.is_none());
    assert!(
        s.table.municipal,
        "a set of schools opens on its municipal report"
    );

    let since = s.outbox_serial();
    s.apply(Action::OpenSchool {
        index: 1,
        scroll: 120.0,
    });
    assert_eq!(
        sent(&s, since),
        vec![Command::School { job, index: 1 }],
        "the worker is asked for the school's data"
    );
    assert_eq!(s.progress.as_ref().map(|p| p.stage), Some(Stage::School));
    assert!(s.report().is_none());
    // The data of another school (a click since) is not this school's report.
    let summary = &s.many().unwrap().many.overview;
    assert_eq!(summary.summary.schools.len(), n);
    let loaded = load(MANY, &LoadOptions::default()).unwrap();
    let one = |i: usize| Rc::new(OneSchool::of(&loaded.schools[i], &loaded.diagnostics));
    s.apply(Action::Worker(FromWorker::School {
        job,
        index: 0,
        one: one(0),
    }));
    assert!(s.report().is_none());
    s.apply(Action::Worker(FromWorker::School {
        job,
        index: 1,
        one: one(1),
    }));
    let report = s.report().expect("the school's report");
    assert_eq!(report.school.name, loaded.schools[1].meta.name);
    assert!(s.progress.is_none());
    assert_eq!(s.table.scroll, 120.0);

    s.apply(Action::BackToTable);
    assert!(s.report().is_none());
    assert!(s.many().unwrap().open.is_none());
}

/// [`with_table`] with the school at `index` opened from the table and its data arrived.
fn with_school_open(index: usize) -> State {
    let mut s = with_table();
    let job = s.job;
    s.apply(Action::OpenSchool { index, scroll: 0.0 });
    let loaded = load(MANY, &LoadOptions::default()).unwrap();
    s.apply(Action::Worker(FromWorker::School {
        job,
        index,
        one: Rc::new(OneSchool::of(&loaded.schools[index], &loaded.diagnostics)),
    }));
    s
}

#[test]
fn new_settings_identify_the_table_again_and_keep_the_open_school() {
    let mut s = with_school_open(0);
    let job = s.job;
    let since = s.outbox_serial();
    let settings = Settings {
        as_of: Some(crate::core::model::Year(2022)),
        ..Settings::default()
    };
    s.apply(Action::SetSettings(settings.clone()));
    assert_eq!(
        sent(&s, since),
        vec![Command::Settings {
            job,
            settings: settings.clone()
        }]
    );
    assert_eq!(s.progress.as_ref().map(|p| p.stage), Some(Stage::Identify));
    s.apply(Action::Worker(FromWorker::Overview {
        job,
        overview: overview(),
    }));
    assert!(s.progress.is_none());
    assert!(s.report().is_some(), "the school stays open");
}

#[test]
fn a_failure_over_the_table_keeps_the_table_and_cancel_ends_the_job() {
    let mut s = with_table();
    let job = s.job;
    s.apply(Action::Worker(FromWorker::Failed {
        job,
        message: "нет памяти".into(),
    }));
    assert_eq!(s.error(), Some("нет памяти"));
    assert!(s.many().is_some(), "the table stays");

    let mut s = State::default();
    s.apply(Action::Open(OpenFile::from_bytes(
        "много.csv",
        MANY.to_vec(),
    )));
    let job = s.job;
    s.apply(Action::Cancel);
    assert!(matches!(
        &s.screen,
        Screen::Start { cancelled: Some(name) } if name == "много.csv"
    ));
    assert_eq!(s.outbox.last().map(|(_, c)| c), Some(&Command::Cancel));
    // The cancelled job's table, arriving late, is not shown.
    s.apply(Action::Worker(FromWorker::Overview {
        job,
        overview: overview(),
    }));
    assert!(s.many().is_none());
    assert!(s.progress.is_none());
}

#[test]
fn a_file_of_one_school_read_in_the_worker_opens_its_report_without_a_table() {
    let mut s = State::default();
    s.apply(Action::Open(on_disk("школа.xlsx")));
    let job = s.job;
    let loaded = load(EXAMPLE_SCHOOL, &LoadOptions::default()).unwrap();
    let summary = schools::summarize(&loaded.schools, &Settings::default());
    let overview = Overview::new(loaded.info.clone(), loaded.diagnostics.clone(), summary);
    let since = s.outbox_serial();
    s.apply(Action::Worker(FromWorker::Overview {
        job,
        overview: Rc::new(overview),
    }));
    assert!(s.many().unwrap().single());
    assert_eq!(sent(&s, since), vec![Command::School { job, index: 0 }]);
}

#[test]
fn a_plan_and_its_date_rebuild_the_open_schools_report_only() {
    let mut s = State::default();
    s.apply(Action::Open(example()));
    let key = s.school_key().unwrap();
    s.apply(Action::PlanLoaded {
        owner: "другая".into(),
        plan: Some(Plan::default()),
    });
    assert!(s.school().unwrap().plan_owner.is_none());
    s.apply(Action::PlanLoaded {
        owner: key.clone(),
        plan: None,
    });
    assert_eq!(
        s.school().unwrap().plan_owner.as_deref(),
        Some(key.as_str())
    );
    s.apply(Action::ShowPlan(true));
    assert!(s.school().unwrap().show_plan);
    // Another file: the plan view and the school's work go with the old screen.
    s.apply(Action::Open(example()));
    let school = s.school().unwrap();
    assert!(!school.show_plan && school.plan_owner.is_none() && school.edits_owner.is_none());
}

#[test]
fn protocols_are_read_in_the_worker_and_a_late_answer_of_another_read_is_dropped() {
    let mut s = State::default();
    s.apply(Action::Protocols(ProtocolAction::Open(vec![
        OpenFile::from_bytes("протокол.xlsx", b"PK".to_vec()),
    ])));
    let Some((_, Command::ReadProtocols { job, files })) = s.outbox.last().cloned() else {
        panic!("{:?}", s.outbox)
    };
    assert_eq!(files.len(), 1);
    assert_eq!(s.protocols.reading, Some(job));
    s.apply(Action::Worker(FromWorker::Protocols {
        job: job + 1,
        entries: Err("не тот".into()),
    }));
    assert_eq!(s.protocols.reading, Some(job));
    s.apply(Action::Worker(FromWorker::Protocols {
        job,
        entries: Err("Файл повреждён".into()),
    }));
    assert_eq!(s.protocols.reading, None);
    assert_eq!(s.protocols.outcome, vec!["Файл повреждён".to_string()]);
    // «Добавить в ДТК» with no school open says what to open first.
    s.apply(Action::Protocols(ProtocolAction::AddToDtk));
    assert!(s.protocols.outcome[0].contains("Сначала откройте"));
}

#[test]
fn back_and_forward_open_and_close_the_plan_without_fetching_the_school_again() {
    let mut s = with_school_open(1);
    let job = s.job;
    s.apply(Action::ShowPlan(true));
    let since = s.outbox_serial();
    // Back from the plan's entry: the same school in the address, the plan closes.
    s.apply(Action::History {
        school: Some(1),
        plan: false,
    });
    assert!(!s.school().unwrap().show_plan && s.report().is_some());
    // Forward: it opens again.
    s.apply(Action::History {
        school: Some(1),
        plan: true,
    });
    assert!(s.school().unwrap().show_plan);
    assert_eq!(
        sent(&s, since),
        vec![],
        "the open school is not asked for again"
    );
    // Back twice: the table.
    s.apply(Action::History {
        school: None,
        plan: false,
    });
    assert!(s.many().unwrap().open.is_none());
    // Forward to another school's entry: that school is fetched.
    s.apply(Action::History {
        school: Some(2),
        plan: false,
    });
    assert_eq!(sent(&s, since), vec![Command::School { job, index: 2 }]);

    // One school on the page: Back and Forward only close and open its plan.
    let mut one = State::default();
    one.apply(Action::Open(example()));
    one.apply(Action::History {
        school: None,
        plan: true,
    });
    assert!(one.school().unwrap().show_plan);
    one.apply(Action::History {
        school: None,
        plan: false,
    });
    assert!(!one.school().unwrap().show_plan);
}
