//! The root component: owns the state (a reducer over `core`), wires browser IO at the edge
//! (storage, downloads, print) and lays out the page.

use std::rc::Rc;

use yew::prelude::*;

use super::io;
use super::keep;
use super::municipal_view::MunicipalView;
use super::plan_view::PlanView;
use super::print_parts::{PrintRunning, Signatures};
use super::progress::ProgressPanel;
use super::protocol_view::ProtocolView;
use super::report_nav::{ReportNav, SkipLink};
use super::report_view::ReportView;
use super::schools_view::SchoolsView;
use super::source_panel::SourcePanel;
use super::start::{Export, StartPanel};
use super::state::{Action, Edits, OpenFile, ProtocolAction, State};
use super::worker_client::WorkerClient;
use crate::core::export;
use crate::core::identify::Settings;
use crate::core::overview::{OneSchool, XlsxRequest};
use crate::core::status_notes;
use crate::core::template::{self, template_csv, EXAMPLE_SCHOOL};

const SETTINGS_KEY: &str = "settings";
const CSV: &str = "text/csv;charset=utf-8";

fn example() -> OpenFile {
    OpenFile {
        name: "Пример: МБОУ «СОШ № 3».csv".to_string(),
        bytes: Rc::new(EXAMPLE_SCHOOL.to_vec()),
        example: true,
        handle: None,
        files: Rc::default(),
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        settings: io::load::<Settings>(SETTINGS_KEY).unwrap_or_default(),
        ..State::default()
    });
    // An alert for the screen reader and the eye: storage full, unreadable file…
    let notice = use_state(|| None::<String>);

    // The worker (browser edge): the reducer queues commands, this hands them over once each;
    // the worker's answers come back as actions.
    let client = {
        let dispatch = state.dispatcher();
        let notice = notice.clone();
        use_memo((), move |_| {
            WorkerClient::new(
                Callback::from(move |e| dispatch.dispatch(Action::Worker(e))),
                Callback::from(move |text| notice.set(Some(text))),
            )
        })
    };
    let sent = use_mut_ref(|| 0u32);
    {
        let client = client.clone();
        let outbox = state.outbox.clone();
        use_effect_with(state.outbox_serial(), move |_| {
            let mut sent = sent.borrow_mut();
            for (serial, command) in outbox.iter() {
                if *serial > *sent {
                    client.send(command);
                    *sent = *serial;
                }
            }
        });
    }

    // The last file the user opened comes back after a reload or a browser restart; a
    // newcomer sees the product working: the example school opens at once.
    let recent = use_state(keep::recent);
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            io::register_service_worker();
            dispatch.dispatch(Action::Open(keep::last_file().unwrap_or_else(example)));
        });
    }
    // Remember the user's own file (bytes kept while they fit) once it is read.
    {
        let notice = notice.clone();
        let recent = recent.clone();
        // A file the worker reads from disk is not kept (its bytes never reach the page).
        let file = state
            .file
            .clone()
            .filter(|f| !f.example && f.handle.is_none() && f.files.is_empty());
        let school = match &state.many {
            Some(m) => Some(format!("{} школ", m.overview.summary.schools.len())),
            None => state.loaded.as_ref().map(|l| match l.schools.len() {
                1 => l.schools[0].display_name(),
                n => format!("{n} школ"),
            }),
        };
        use_effect_with(
            (file.map(|f| (f.name.clone(), f.bytes.clone())), school),
            move |(file, school)| {
                if let (Some((name, bytes)), Some(school)) = (file, school) {
                    let f = OpenFile {
                        name: name.clone(),
                        bytes: bytes.clone(),
                        example: false,
                        handle: None,
                        files: Rc::default(),
                    };
                    if let Err(e) = keep::remember(&f, school, &io::today()) {
                        notice.set(Some(e));
                    }
                    recent.set(keep::recent());
                }
            },
        );
    }
    // Restore the edits of the school on the page.
    {
        let dispatch = state.dispatcher();
        // Also when the same school is opened again (its owner was reset by the reload).
        use_effect_with(
            (state.school_key(), state.edits_owner.clone()),
            move |(key, owner)| {
                if let Some(key) = key.clone().filter(|k| Some(k) != owner.as_ref()) {
                    let edits = keep::load_edits(&key);
                    dispatch.dispatch(Action::EditsLoaded { owner: key, edits });
                }
            },
        );
    }
    // Edits are written to storage in the input handler (`on_edit` below), synchronously; here
    // another tab's writes to the same school's edits come back into this tab, with a word, so
    // two tabs never overwrite each other silently.
    {
        let dispatch = state.dispatcher();
        let notice = notice.clone();
        use_effect_with(state.edits_owner.clone(), move |owner| {
            let listener = owner.clone().map(|owner| {
                io::on_storage_change(&keep::edits_key(&owner), move || {
                    let edits = keep::load_edits(&owner);
                    dispatch.dispatch(Action::EditsLoaded {
                        owner: owner.clone(),
                        edits,
                    });
                    notice.set(Some(
                        "Тексты этой школы изменены в другой вкладке: показаны последние сохранённые."
                            .to_string(),
                    ));
                })
            });
            move || drop(listener)
        });
    }
    // The school's kept plan comes back when its report opens (like its edits).
    {
        let dispatch = state.dispatcher();
        // The bytes of a file read on the page (a workbook's stay in the worker).
        let bytes = state
            .file
            .as_ref()
            .filter(|f| f.handle.is_none() && !f.bytes.starts_with(b"PK"))
            .map(|f| f.bytes.clone())
            .unwrap_or_default();
        use_effect_with(
            (state.school_key(), state.plan_owner.clone()),
            move |(key, owner)| {
                if let Some(key) = key.clone().filter(|k| Some(k) != owner.as_ref()) {
                    // No kept plan: one starts from the profile rows of the ДТК file, if any.
                    let plan = keep::load_plan(&key).or_else(|| {
                        let profile = crate::core::plan::read::profile_from_dtk_text(&bytes)?;
                        Some(crate::core::plan::Plan {
                            profiles: vec![profile],
                            ..Default::default()
                        })
                    });
                    dispatch.dispatch(Action::PlanLoaded { owner: key, plan });
                }
            },
        );
    }
    // A plan opened from a workbook (read in the worker) is kept once it arrives; typed
    // changes are kept in their handler (`on_plan` below).
    {
        let notice = notice.clone();
        let owner = state.plan_owner.clone();
        let plan = state.plan.clone();
        use_effect_with(state.plan_opened, move |n| {
            if *n > 0 {
                if let Some(owner) = &owner {
                    if let Err(e) = keep::save_plan(owner, plan.as_deref()) {
                        notice.set(Some(e));
                    }
                }
            }
        });
    }
    // The plan's title takes the focus when the plan opens, and its button when it closes
    // (after the render that shows them).
    {
        let was = use_mut_ref(|| false);
        use_effect_with(
            (state.show_plan, state.plan_owner.is_some()),
            move |&(show, ready)| {
                let mut was = was.borrow_mut();
                if show && ready && !*was {
                    io::focus("plan-title");
                    *was = true;
                } else if !show && *was {
                    io::focus("open-plan");
                    *was = false;
                }
            },
        );
    }
    // Many schools: a school's report takes the focus when it opens from the table, and the
    // table takes it back on the way back (keyboard and screen-reader users stay in place).
    {
        let was_open = use_mut_ref(|| false);
        // The report is on the page only once its school's kept edits are restored (see the
        // `ReportView` condition below): focusing before that finds no heading.
        let key = (
            state.open_school.is_some(),
            state.report.is_some()
                && state.edits_owner.is_some()
                && state.edits_owner == state.school_key(),
            state.many.is_some(),
        );
        use_effect_with(key, move |&(open, report, many)| {
            let mut was = was_open.borrow_mut();
            if open && report {
                io::focus("report-title");
                *was = true;
            } else if !open && many && *was {
                // Whichever the set shows: the schools table or its municipal report.
                io::focus("schools-table");
                io::focus("municipal-h");
                *was = false;
            }
        });
    }
    // A file the user opened: once its report (or its schools table) is on the page, the focus
    // moves there — not left on the file button, ten controls above the news.
    let focus_pending = use_mut_ref(|| false);
    {
        let focus_pending = focus_pending.clone();
        let shown = state.report.is_some()
            && state.edits_owner.is_some()
            && state.edits_owner == state.school_key();
        let key = (
            state.file.as_ref().map(|f| f.name.clone()),
            shown,
            state.many.is_some() && state.open_school.is_none(),
            state.error.is_some(),
        );
        use_effect_with(key, move |(_, report, table, error)| {
            let mut pending = focus_pending.borrow_mut();
            if *pending && (*report || *table || *error) {
                *pending = false;
                io::reveal(if *report {
                    "report-title"
                } else if *table {
                    "schools-h"
                } else {
                    "load-error"
                });
            }
        });
    }
    // Many schools: each opened school is a history entry («#school=12»): Back returns to the
    // list with its search and filters, Forward opens the school again, and the address is a
    // link to the school (the file itself is kept in this browser).
    let pushed = use_mut_ref(|| false);
    {
        let dispatch = state.dispatcher();
        let pushed = pushed.clone();
        use_effect_with((), move |_| {
            let listener = io::on_history(move |school| {
                *pushed.borrow_mut() = false;
                match school {
                    Some(index) => dispatch.dispatch(Action::OpenSchool { index, scroll: 0.0 }),
                    None => dispatch.dispatch(Action::BackToTable),
                }
            });
            move || drop(listener)
        });
    }
    {
        // A kept link: the school in the address opens once its file's table is ready.
        let dispatch = state.dispatcher();
        let count = state
            .many
            .as_ref()
            .map(|m| m.overview.summary.schools.len());
        use_effect_with(count, move |count| {
            if let (Some(count), Some(index)) = (count, io::school_in_url()) {
                if *count > 1 && index < *count {
                    dispatch.dispatch(Action::OpenSchool { index, scroll: 0.0 });
                }
            }
        });
    }

    // Keep settings.
    use_effect_with(state.settings.clone(), |settings| {
        let _ = io::save(SETTINGS_KEY, settings);
    });

    let on_open = {
        let dispatch = state.dispatcher();
        let notice = notice.clone();
        let focus_pending = focus_pending.clone();
        Callback::from(move |file: OpenFile| {
            notice.set(None);
            *focus_pending.borrow_mut() = true;
            // A school of the previous file in the address is not a school of this one.
            if io::school_in_url().is_some() {
                io::leave_school(false);
            }
            dispatch.dispatch(Action::Open(file));
        })
    };
    let on_error = {
        let notice = notice.clone();
        Callback::from(move |e: String| notice.set(Some(e)))
    };
    let on_example = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Open(example())))
    };
    let on_print = Callback::from(|_| io::print());
    let on_clear = {
        let dispatch = state.dispatcher();
        let notice = notice.clone();
        let owner = state.school_key();
        let recent = recent.clone();
        Callback::from(move |_| {
            io::clear_all();
            if let Some(owner) = owner.clone() {
                dispatch.dispatch(Action::EditsLoaded {
                    owner,
                    edits: Edits::new(),
                });
            }
            dispatch.dispatch(Action::SetSettings(Settings::default()));
            dispatch.dispatch(Action::Open(example()));
            recent.set(Vec::new());
            notice.set(Some(
                "Всё, что калькулятор хранил в этом браузере (файлы, правки текстов, настройки), удалено."
                    .to_string(),
            ));
        })
    };
    let on_recent = {
        let dispatch = state.dispatcher();
        let notice = notice.clone();
        Callback::from(move |id: String| match keep::reopen(&id) {
            Some(file) => dispatch.dispatch(Action::Open(file)),
            None => notice.set(Some(
                "Этот файл не сохранён в браузере: откройте его снова.".to_string(),
            )),
        })
    };
    let on_export = {
        let report = state.report.clone();
        let edits = state.edits.clone();
        let (loaded, school, settings) =
            (state.loaded.clone(), state.school, state.settings.clone());
        let client = client.clone();
        let years: Vec<_> = state
            .loaded
            .as_ref()
            .map(|l| l.info.years.clone())
            .unwrap_or_default();
        let notice = notice.clone();
        Callback::from(move |kind: Export| {
            let name = report
                .as_ref()
                .and_then(|r| r.school.name.clone())
                .unwrap_or_else(|| "школа".to_string());
            // Characters Windows forbids in file names.
            let base = format!(
                "ДТК — {}",
                name.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")
            );
            let today = io::today();
            // The template's columns are the last three completed school years on today's
            // date, whatever file is open (a template is for the next year's data).
            let _ = &years;
            let years = default_years(&today);
            // XLSX is written in the worker (the writer is too heavy for the page's first
            // load); the download comes when it is ready.
            let one = loaded.as_ref().and_then(|l| {
                Some(OneSchool {
                    school: l.schools.get(school)?.clone(),
                    diagnostics: l.diagnostics.clone(),
                })
            });
            let result = match (kind, report.as_ref()) {
                (Export::TemplateCsv, _) => Ok(Some((
                    "Шаблон ДТК.csv".to_string(),
                    CSV,
                    template_csv(&years),
                ))),
                (Export::TemplateXlsx, _) => {
                    let request = XlsxRequest::Template { years, date: today };
                    client.export_xlsx("Шаблон ДТК.xlsx", &request);
                    Ok(None)
                }
                (Export::Xlsx, Some(_)) => match one {
                    Some(one) => {
                        let request = XlsxRequest::Report {
                            one: Box::new(one),
                            settings: settings.clone(),
                            edits: edits.clone(),
                            date: today,
                        };
                        client.export_xlsx(&format!("{base}.xlsx"), &request);
                        Ok(None)
                    }
                    None => Err("Сначала откройте файл школы.".to_string()),
                },
                (Export::Csv, Some(r)) => Ok(Some((
                    format!("{base}.csv"),
                    CSV,
                    export::report_csv(r, &edits),
                ))),
                (Export::Json, Some(r)) => Ok(Some((
                    format!("{base}.json"),
                    "application/json",
                    export::report_json(r, &edits),
                ))),
                (_, None) => Err("Сначала откройте файл школы.".to_string()),
            };
            match result {
                Ok(Some((file, mime, bytes))) => io::download(&file, mime, &bytes),
                Ok(None) => {}
                Err(e) => notice.set(Some(e)),
            }
        })
    };

    // An edit is kept the moment it is typed: written through to storage here, then shown.
    let (on_edit, on_reset) = {
        let owner = state.edits_owner.clone().or_else(|| state.school_key());
        let keep_edit = {
            let notice = notice.clone();
            move |key: &str, text: Option<&str>| {
                if let Some(owner) = &owner {
                    if let Err(e) = keep::write_edit(owner, key, text) {
                        notice.set(Some(e));
                    }
                }
            }
        };
        let keep_reset = keep_edit.clone();
        let (d, d2) = (state.dispatcher(), state.dispatcher());
        (
            Callback::from(move |(key, text): (String, String)| {
                keep_edit(&key, Some(&text));
                d.dispatch(Action::Edit { key, text });
            }),
            Callback::from(move |key: String| {
                keep_reset(&key, None);
                d2.dispatch(Action::ResetText { key });
            }),
        )
    };
    // The plan is kept the moment it changes, then shown (and its 3.4 overlaid on the report).
    let on_plan = {
        let owner = state.plan_owner.clone().or_else(|| state.school_key());
        let notice = notice.clone();
        let d = state.dispatcher();
        Callback::from(move |plan: Option<crate::core::plan::Plan>| {
            if let Some(owner) = &owner {
                if let Err(e) = keep::save_plan(owner, plan.as_ref()) {
                    notice.set(Some(e));
                }
            }
            d.dispatch(Action::Plan(plan));
        })
    };
    let on_plan_xlsx = {
        let plan = state.plan.clone();
        let client = client.clone();
        Callback::from(move |_| {
            let plan = Box::new(plan.as_deref().cloned().unwrap_or_default());
            let request = XlsxRequest::Plan {
                plan,
                date: io::today(),
            };
            client.export_xlsx("План.xlsx", &request);
        })
    };
    let on_plan_open_xlsx = {
        let client = client.clone();
        Callback::from(move |bytes: Vec<u8>| client.read_plan(&bytes))
    };
    let plan_34_at = state.plan_34().map(|d| d.at);
    // Protocols of ВПР: printed alone (the body's class switches the print stylesheet to the
    // analysis until the dialog closes), written to XLSX in the worker.
    let on_protocol_print = Callback::from(|_| {
        const CLASS: &str = "print-protocols";
        let body = gloo::utils::body();
        if !body.class_name().split_whitespace().any(|c| c == CLASS) {
            body.set_class_name(&format!("{} {CLASS}", body.class_name().trim()));
        }
        gloo::events::EventListener::once(&gloo::utils::window(), "afterprint", |_| {
            let body = gloo::utils::body();
            let rest: Vec<String> = body
                .class_name()
                .split_whitespace()
                .filter(|c| *c != CLASS)
                .map(str::to_string)
                .collect();
            body.set_class_name(&rest.join(" "));
        })
        .forget();
        io::print();
    });
    let on_protocol_xlsx = {
        let protocols = state.protocols.clone();
        let client = client.clone();
        Callback::from(move |_| {
            let list = protocols
                .items
                .iter()
                .filter_map(|i| {
                    let a = i.analysis.as_ref()?.as_ref().ok()?;
                    Some(((**i.protocol.as_ref().ok()?).clone(), a.scale.clone()))
                })
                .collect();
            let request = XlsxRequest::Protocols {
                protocols: list,
                date: io::today(),
            };
            client.export_xlsx("Анализ протоколов ВПР.xlsx", &request);
        })
    };
    // A set of schools' ДТК: its municipal report, or the schools table (tabs).
    let has_municipal = state
        .many
        .as_ref()
        .is_some_and(|m| m.overview.municipal.is_some());
    let show_municipal = has_municipal && state.municipal_view;
    let on_municipal_xlsx = {
        let many = state.many.clone();
        let client = client.clone();
        Callback::from(move |_| {
            let Some(o) = many.as_ref().map(|m| &m.overview) else {
                return;
            };
            let Some(municipal) = o.municipal.clone() else {
                return;
            };
            let request = XlsxRequest::Municipal {
                summary: Box::new(o.summary.clone()),
                municipal,
                date: io::today(),
            };
            client.export_xlsx("Муниципальный отчёт.xlsx", &request);
        })
    };
    let file = state.file.as_ref();
    let own_file = file
        .filter(|f| !f.example)
        .map(|f| AttrValue::from(f.name.clone()));
    let example_shown = file.is_some_and(|f| f.example);

    html! {
        <div class="app" data-app-ready="">
            <SkipLink />
            <StartPanel {on_open} on_error={on_error.clone()} {on_example} {on_print} {on_clear}
                file_name={own_file} has_report={state.report.is_some()}
                recent={(*recent).clone()} {on_recent} {on_export} />
            <div class="notice-area" role="alert" aria-live="assertive">
                if let Some(text) = &*notice { <p class="notice">{ text }</p> }
            </div>
            <main id="main">
                // The report's blocks, first in <main>: «← К списку школ» stays the one step
                // back from the report's heading.
                if let Some(report) = state.report.as_ref() {
                    <ReportNav remarks={status_notes::remarks(&report.diagnostics).is_some()} />
                }
                <ProtocolView protocols={state.protocols.clone()} has_school={state.report.is_some()}
                    on_action={ let d = state.dispatcher(); Callback::from(move |a: ProtocolAction| d.dispatch(Action::Protocols(a))) }
                    on_error={on_error.clone()} on_print={on_protocol_print} on_xlsx={on_protocol_xlsx} />
                if let Some(error) = &state.error {
                    <section class="load-error" id="load-error" role="alert">
                        <h2>{ "Файл не удалось прочитать" }</h2>
                        <p>{ error }</p>
                    </section>
                }
                if example_shown {
                    <p class="example-note no-print">
                        { "Показан пример — вымышленная школа. Откройте свой файл или скачайте шаблон, чтобы заполнить его." }
                    </p>
                }
                if let Some(progress) = &state.progress {
                    <ProgressPanel progress={progress.clone()}
                        on_cancel={ let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::Cancel)) } />
                }
                if let Some(name) = &state.cancelled {
                    <p class="notice" role="status">{ format!("Чтение файла «{name}» отменено. Откройте другой файл или пример.") }</p>
                }
                if state.open_school.is_some() && state.many.is_some() && !state.single() {
                    <p class="back no-print">
                        <button type="button" class="button" id="back-to-table"
                            onclick={ let d = state.dispatcher(); let pushed = pushed.clone(); Callback::from(move |_| {
                                let was_pushed = std::mem::take(&mut *pushed.borrow_mut());
                                io::leave_school(was_pushed);
                                // Back fires popstate, which goes back to the table; without a
                                // pushed entry nothing fires, so go back here.
                                if !was_pushed { d.dispatch(Action::BackToTable) }
                            }) }>
                            { if show_municipal { "← К муниципальному отчёту" } else { "← К списку школ" } }
                        </button>
                    </p>
                }
                if let (true, None) = (has_municipal, state.open_school) {
                    <div class="view-tabs no-print" role="group" aria-label="Вид">
                        <button type="button" class="button" id="show-municipal" aria-pressed={show_municipal.to_string()}
                            onclick={ let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::ShowMunicipal(true))) }>
                            { "Муниципальный отчёт" }
                        </button>
                        <button type="button" class="button" id="show-table" aria-pressed={(!show_municipal).to_string()}
                            onclick={ let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::ShowMunicipal(false))) }>
                            { "Список школ" }
                        </button>
                    </div>
                }
                if let (Some(many), None, true) = (&state.many, state.open_school, show_municipal) {
                    <MunicipalView many={many.clone()}
                        on_open={ let d = state.dispatcher(); Callback::from(move |index| d.dispatch(Action::OpenSchool { index, scroll: 0.0 })) }
                        on_print={ Callback::from(|_| io::print()) }
                        on_xlsx={on_municipal_xlsx} />
                }
                if let (Some(many), None, false) = (&state.many, state.open_school, show_municipal) {
                    <SchoolsView many={many.clone()} rows={state.rows.clone()} query={state.query.clone()}
                        scroll={state.table_scroll}
                        busy={state.progress.is_some()}
                        on_query={ let d = state.dispatcher(); Callback::from(move |q| d.dispatch(Action::Query(q))) }
                        on_open={ let d = state.dispatcher(); let pushed = pushed.clone(); let focus_pending = focus_pending.clone(); Callback::from(move |(index, scroll)| {
                            io::push_school(index);
                            *pushed.borrow_mut() = true;
                            // The school's heading takes the focus once its report is on the
                            // page (after its kept edits are read, a render later).
                            *focus_pending.borrow_mut() = true;
                            d.dispatch(Action::OpenSchool { index, scroll })
                        }) }
                        settings={state.settings.clone()}
                        on_settings={ let d = state.dispatcher(); Callback::from(move |s| d.dispatch(Action::SetSettings(s))) } />
                }
                if let Some(many) = state.many.as_ref().filter(|_| state.open_school.is_none()) {
                    <SourcePanel info={many.overview.info.clone()} diagnostics={many.overview.diagnostics.clone()}
                        encoding_forced={state.encoding.is_some()} delimiter_forced={state.delimiter.is_some()}
                        on_encoding={ let d = state.dispatcher(); Callback::from(move |e| d.dispatch(Action::SetEncoding(e))) }
                        on_delimiter={ let d = state.dispatcher(); Callback::from(move |x| d.dispatch(Action::SetDelimiter(x))) } />
                }
                // The report waits for its school's kept edits (one render): it never shows a
                // generated text where the user's edit exists, nor accepts typing before.
                if let Some(report) = state.report.as_ref().filter(|_| state.show_plan && state.plan_owner.is_some()) {
                    <PlanView plan={state.plan.clone()} at={state.plan_at}
                        suggested={Rc::new(crate::core::plan::suggest::suggested_factors(report.pairs.iter().flat_map(|p| &p.themes)))}
                        school={report.school.name.clone().unwrap_or_default()}
                        on_change={on_plan.clone()}
                        on_at={ let d = state.dispatcher(); Callback::from(move |at| d.dispatch(Action::PlanAt(at))) }
                        on_close={ let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::ShowPlan(false))) }
                        on_xlsx={on_plan_xlsx}
                        on_open_xlsx={on_plan_open_xlsx}
                        on_notice={ let n = notice.clone(); Callback::from(move |t| n.set(Some(t))) } />
                }
                if let Some(report) = state.report.as_ref().filter(|_| !state.show_plan && state.edits_owner.is_some() && state.edits_owner == state.school_key()) {
                    <p class="plan-link no-print">
                        <button type="button" class="button" id="open-plan"
                            onclick={ let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::ShowPlan(true))) }>
                            { "План: профиль рисков, антирисковые программы, дорожная карта →" }
                        </button>
                        if let Some(at) = plan_34_at {
                            <span class="hint" id="plan-34-note">{ format!(" ДТК 3.4 рассчитан по плану на {at}.") }</span>
                        }
                    </p>
                    <PrintRunning school={report.school.name.clone().unwrap_or_else(|| "Школа без названия".into())} date={io::today()} />
                    <ReportView report={report.clone()} settings={state.settings.clone()}
                        edits={state.edits.clone()} date={io::today()}
                        on_settings={ let d = state.dispatcher(); Callback::from(move |s| d.dispatch(Action::SetSettings(s))) }
                        {on_edit} {on_reset} />
                    <Signatures />
                }
                if let Some(many) = state.many.as_ref().filter(|_| state.single() && state.report.is_some()) {
                    <SourcePanel info={many.overview.info.clone()} diagnostics={many.overview.diagnostics.clone()}
                        encoding_forced={state.encoding.is_some()} delimiter_forced={state.delimiter.is_some()}
                        on_encoding={ let d = state.dispatcher(); Callback::from(move |e| d.dispatch(Action::SetEncoding(e))) }
                        on_delimiter={ let d = state.dispatcher(); Callback::from(move |x| d.dispatch(Action::SetDelimiter(x))) } />
                }
                if let (Some(loaded), None) = (&state.loaded, &state.many) {
                    // The report's diagnostics: the file's, plus what the methodology says about
                    // cells (a retake re-based on the main participants, domain.md §1).
                    <SourcePanel info={loaded.info.clone()}
                        diagnostics={state.report.as_ref().map_or_else(|| loaded.diagnostics.clone(), |r| r.diagnostics.clone())}
                        encoding_forced={state.encoding.is_some()} delimiter_forced={state.delimiter.is_some()}
                        on_encoding={ let d = state.dispatcher(); Callback::from(move |e| d.dispatch(Action::SetEncoding(e))) }
                        on_delimiter={ let d = state.dispatcher(); Callback::from(move |x| d.dispatch(Action::SetDelimiter(x))) } />
                }
            </main>
            <footer class="footer no-print">
                { "ДТК-калькулятор — открытый инструмент. Данные обрабатываются только в этом браузере и никуда не отправляются." }
            </footer>
        </div>
    }
}

/// The template's years on the date «30.11.2026» (`io::today`): the core decides which.
fn default_years(today: &str) -> Vec<crate::core::model::Year> {
    let mut parts = today
        .split('.')
        .skip(1)
        .map(|p| p.parse::<u16>().unwrap_or(1));
    let (month, year) = (parts.next().unwrap_or(1), parts.next().unwrap_or(2026));
    template::default_years(year, month as u8)
}
