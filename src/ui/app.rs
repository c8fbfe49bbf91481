//! The root component: owns the state (a reducer over `core`), takes its effects and callbacks
//! from `hooks/` (the worker, kept work, focus, history, exports) and lays out the page by the
//! state's one `Screen`.

use std::rc::Rc;

use yew::prelude::*;

use super::components::municipal_view::MunicipalView;
use super::components::plan_view::PlanView;
use super::components::print_parts::{PrintRunning, Signatures};
use super::components::progress::ProgressPanel;
use super::components::protocol_view::ProtocolView;
use super::components::report_nav::{ReportNav, SkipLink};
use super::components::report_view::ReportView;
use super::components::schools_view::SchoolsView;
use super::components::source_panel::SourcePanel;
use super::components::start::StartPanel;
use super::edge::io;
use super::edge::keep;
use super::hooks::exports;
use super::hooks::focus::use_focus_return;
use super::hooks::history::{back_to_table, close_plan, open_plan, use_school_history};
use super::hooks::kept::{
    kept_settings, use_kept_edits, use_kept_file, use_kept_plan, use_kept_settings,
};
use super::hooks::worker::use_worker;
use super::hooks::{dispatch, tell};
use super::state::{Action, Many, ManyView, OpenFile, Screen, State};
use crate::core::identify::Settings;
use crate::core::load::SourceInfo;
use crate::core::model::Diagnostic;
use crate::core::status_notes;
use crate::core::template::EXAMPLE_SCHOOL;

fn example() -> OpenFile {
    OpenFile {
        example: true,
        ..OpenFile::from_bytes("Пример: МБОУ «СОШ № 3».csv", EXAMPLE_SCHOOL.to_vec())
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::with_settings(kept_settings()));
    // An alert for the screen reader and the eye: storage full, unreadable file…
    let notice = use_state(|| None::<String>);
    let client = use_worker(&state, &notice);

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
    use_kept_file(&state, &notice, &recent);
    use_kept_settings(&state);
    let (on_edit, on_reset) = use_kept_edits(&state, &notice);
    let on_plan = use_kept_plan(&state, &notice);
    let focus_pending = use_focus_return(&state);
    use_school_history(&state);

    // Every way of opening a file (the picker, the example, a recent file, «Очистить данные»):
    // a school of the previous file in the address is not a school of this one — left there,
    // it would open school N of the next file kept in this browser; nor is the entry the
    // previous file's plan or school made (`io::forget_entry`).
    let open = {
        let dispatch = state.dispatcher();
        Callback::from(move |file: OpenFile| {
            io::forget_entry();
            dispatch.dispatch(Action::Open(file));
        })
    };
    let on_open = {
        let open = open.clone();
        let notice = notice.clone();
        let focus_pending = focus_pending.clone();
        Callback::from(move |file: OpenFile| {
            notice.set(None);
            *focus_pending.borrow_mut() = true;
            open.emit(file);
        })
    };
    let on_error = tell(&notice);
    let on_example = open.reform(|_| example());
    let on_clear = {
        let dispatch = state.dispatcher();
        let open = open.clone();
        let notice = notice.clone();
        let recent = recent.clone();
        Callback::from(move |_| {
            // The example opens on a new screen, whose school finds nothing kept.
            io::clear_all();
            dispatch.dispatch(Action::SetSettings(Settings::default()));
            open.emit(example());
            recent.set(Vec::new());
            notice.set(Some(
                "Всё, что калькулятор хранил в этом браузере (файлы, правки текстов, настройки), удалено."
                    .to_string(),
            ));
        })
    };
    let on_recent = {
        let notice = notice.clone();
        Callback::from(move |id: String| match keep::reopen(&id) {
            Some(file) => open.emit(file),
            None => notice.set(Some(
                "Этот файл не сохранён в браузере: откройте его снова.".to_string(),
            )),
        })
    };
    let on_export = exports::report_exports(&state, &client, &notice);
    let file = state.file.as_ref();
    let own_file = file
        .filter(|f| !f.example)
        .map(|f| AttrValue::from(f.name.clone()));
    let example_shown = file.is_some_and(|f| f.example);
    let report = state.report();

    html! {
        <div class="app" data-app-ready="">
            <SkipLink />
            <StartPanel {on_open} on_error={on_error.clone()} {on_example}
                on_print={Callback::from(|_| io::print())} {on_clear}
                file_name={own_file} has_report={report.is_some()}
                recent={(*recent).clone()} {on_recent} {on_export} />
            <div class="notice-area" role="alert" aria-live="assertive">
                if let Some(text) = &*notice { <p class="notice">{ text }</p> }
            </div>
            <main id="main">
                // The report's blocks, first in <main>: «← К списку школ» stays the one step
                // back from the report's heading.
                // Not over the plan: its links lead to the report's blocks.
                if let Some(report) = report.filter(|_| !state.school().is_some_and(|v| v.show_plan)) {
                    <ReportNav remarks={status_notes::remarks(&report.diagnostics).is_some()} />
                }
                <ProtocolView protocols={state.protocols.clone()} has_school={report.is_some()}
                    on_action={dispatch(&state, Action::Protocols)}
                    on_error={on_error.clone()} on_print={exports::protocols_print()}
                    on_xlsx={exports::protocols_xlsx(&state, &client)} />
                if let Some(error) = state.error() {
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
                    <ProgressPanel progress={progress.clone()} on_cancel={dispatch(&state, |_| Action::Cancel)} />
                }
                if let Screen::Start { cancelled: Some(name) } = &state.screen {
                    <p class="notice" role="status">{ format!("Чтение файла «{name}» отменено. Откройте другой файл или пример.") }</p>
                }
                if let Some(m) = state.many() {
                    { many_schools(&state, m, &client, &focus_pending) }
                }
                if let Some(view) = state.school() {
                    // The report waits for its school's kept edits (one render): it never shows
                    // a generated text where the user's edit exists, nor accepts typing before.
                    if let Some(report) = view.report.as_ref().filter(|_| view.show_plan && view.plan_owner.is_some()) {
                        <PlanView plan={view.plan.clone()} at={view.plan_at}
                            suggested={Rc::new(crate::core::plan::suggest::suggested_factors(report.pairs.iter().flat_map(|p| &p.themes)))}
                            school={report.school.name.clone().unwrap_or_default()}
                            on_change={on_plan.clone()}
                            on_at={dispatch(&state, Action::PlanAt)}
                            on_close={close_plan(&state)}
                            on_xlsx={exports::plan_xlsx(&state, &client)}
                            on_open_xlsx={ let client = client.clone(); Callback::from(move |bytes: Vec<u8>| client.read_plan(&bytes)) }
                            on_notice={tell(&notice)} />
                    }
                    if let Some(report) = view.ready_report().filter(|_| !view.show_plan) {
                        <p class="plan-link no-print">
                            <button type="button" class="button" id="open-plan"
                                onclick={open_plan(&state)}>
                                { "План: профиль рисков, антирисковые программы, дорожная карта →" }
                            </button>
                            if let Some(at) = view.plan_34().map(|d| d.at) {
                                <span class="hint" id="plan-34-note">{ format!(" ДТК 3.4 рассчитан по плану на {at}.") }</span>
                            }
                        </p>
                        <PrintRunning school={report.school.name.clone().unwrap_or_else(|| "Школа без названия".into())} date={io::today()} />
                        <ReportView report={report.clone()} settings={state.settings.clone()}
                            edits={view.edits.clone()} date={io::today()}
                            on_settings={dispatch(&state, Action::SetSettings)}
                            {on_edit} {on_reset} />
                        <Signatures />
                    }
                }
                if let Some(m) = state.many().filter(|m| m.single() && report.is_some()) {
                    { source_panel(&state, &m.many) }
                }
                if let Screen::School(view) = &state.screen {
                    // The report's diagnostics: the file's, plus what the methodology says about
                    // cells (a retake re-based on the main participants, domain.md §1).
                    { source_panel_of(&state, view.loaded.info.clone(), view.report.as_ref().map_or_else(|| view.loaded.diagnostics.clone(), |r| r.diagnostics.clone())) }
                }
            </main>
            <footer class="footer no-print">
                { "ДТК-калькулятор — открытый инструмент. Данные обрабатываются только в этом браузере и никуда не отправляются." }
            </footer>
        </div>
    }
}

/// A file of many schools: the way back from an open school, the tabs of a set of schools'
/// ДТК, its municipal report or the schools table, and the file's source panel. The open
/// school's report itself is laid out with a single school's (above).
fn many_schools(
    state: &UseReducerHandle<State>,
    m: &ManyView,
    client: &super::edge::worker_client::WorkerClient,
    focus_pending: &super::hooks::focus::FocusPending,
) -> Html {
    let has_municipal = m.many.overview.municipal.is_some();
    let show_municipal = has_municipal && state.table.municipal;
    if m.open.is_some() {
        return if m.single() {
            Html::default()
        } else {
            html! {
                <p class="back no-print">
                    <button type="button" class="button" id="back-to-table" onclick={back_to_table(state)}>
                        { if show_municipal { "← К муниципальному отчёту" } else { "← К списку школ" } }
                    </button>
                </p>
            }
        };
    }
    // From the table or from the municipal report: each opened school is a history entry.
    let on_open = {
        let d = state.dispatcher();
        let focus_pending = focus_pending.clone();
        let file = state.file_name();
        Callback::from(move |(index, scroll): (usize, f64)| {
            io::push_school(index, &file);
            // The school's heading takes the focus once its report is on the page (after its
            // kept edits are read, a render later).
            *focus_pending.borrow_mut() = true;
            d.dispatch(Action::OpenSchool { index, scroll })
        })
    };
    html! {
        <>
            if has_municipal {
                <div class="view-tabs no-print" role="group" aria-label="Вид">
                    <button type="button" class="button" id="show-municipal" aria-pressed={show_municipal.to_string()}
                        onclick={dispatch(state, |_| Action::ShowMunicipal(true))}>
                        { "Муниципальный отчёт" }
                    </button>
                    <button type="button" class="button" id="show-table" aria-pressed={(!show_municipal).to_string()}
                        onclick={dispatch(state, |_| Action::ShowMunicipal(false))}>
                        { "Список школ" }
                    </button>
                </div>
            }
            if show_municipal {
                <MunicipalView many={m.many.clone()}
                    on_open={on_open.reform(|index| (index, 0.0))}
                    on_print={Callback::from(|_| io::print())}
                    on_xlsx={exports::municipal_xlsx(state, client)} />
            } else {
                <SchoolsView many={m.many.clone()} rows={m.rows.clone()} query={state.table.query.clone()}
                    scroll={state.table.scroll}
                    busy={state.progress.is_some()}
                    on_query={dispatch(state, Action::Query)}
                    {on_open}
                    settings={state.settings.clone()}
                    on_settings={dispatch(state, Action::SetSettings)} />
            }
            { source_panel(state, &m.many) }
        </>
    }
}

/// The file's panel (what was detected, the encoding and delimiter to choose, the remarks) of
/// a file of many schools.
fn source_panel(state: &UseReducerHandle<State>, many: &Many) -> Html {
    let o = &many.overview;
    source_panel_of(state, o.info.clone(), o.diagnostics.clone())
}

/// The file's panel with these remarks.
fn source_panel_of(
    state: &UseReducerHandle<State>,
    info: SourceInfo,
    diagnostics: Vec<Diagnostic>,
) -> Html {
    html! {
        <SourcePanel {info} {diagnostics}
            encoding_forced={state.encoding.is_some()} delimiter_forced={state.delimiter.is_some()}
            on_encoding={dispatch(state, Action::SetEncoding)}
            on_delimiter={dispatch(state, Action::SetDelimiter)} />
    }
}
