//! The user's work kept in this browser (`keep`, localStorage): settings, the last files,
//! edits of texts and plans — each written the moment it changes (in the input handler, not an
//! effect after render, so a reload or a closed tab right after typing loses nothing), and
//! brought back when its school opens. Another tab's edits of the same school come back here
//! with a word.

use yew::prelude::*;

use super::Notice;
use crate::core::identify::Settings;
use crate::core::plan::{self, Plan};
use crate::ui::edge::io;
use crate::ui::edge::keep::{self, Recent};
use crate::ui::state::{Action, OpenFile, State};

const SETTINGS_KEY: &str = "settings";

/// The settings kept from the last visit (the state starts with them).
pub fn kept_settings() -> Settings {
    io::load::<Settings>(SETTINGS_KEY).unwrap_or_default()
}

/// Keeps the settings whenever they change. The defaults are not written: a visitor who has
/// changed nothing leaves nothing here, and is still a first-time visitor to the page (who is
/// shown the prerendered example while the app loads: index.html).
#[hook]
pub fn use_kept_settings(state: &UseReducerHandle<State>) {
    use_effect_with(state.settings.clone(), |settings| {
        if *settings == Settings::default() {
            io::remove(SETTINGS_KEY);
        } else {
            let _ = io::save(SETTINGS_KEY, settings);
        }
    });
}

/// Remembers the user's own file (bytes kept while they fit) once it is read, and lists it
/// among the recent files.
#[hook]
pub fn use_kept_file(
    state: &UseReducerHandle<State>,
    notice: &Notice,
    recent: &UseStateHandle<Vec<Recent>>,
) {
    let notice = notice.clone();
    let recent = recent.clone();
    // A file the worker reads from disk is not kept (its bytes never reach the page).
    let file = state.file.clone().filter(|f| !f.example && !f.on_disk());
    let school = match state.many() {
        Some(m) => Some(format!("{} школ", m.many.overview.summary.schools.len())),
        None => state.school().map(|v| match v.loaded.schools.len() {
            1 => v.loaded.schools[0].display_name(),
            n => format!("{n} школ"),
        }),
    };
    use_effect_with(
        (file.map(|f| (f.name.clone(), f.bytes.clone())), school),
        move |(file, school)| {
            if let (Some((name, bytes)), Some(school)) = (file, school) {
                let f = OpenFile {
                    bytes: bytes.clone(),
                    ..OpenFile::from_bytes(name.clone(), Vec::new())
                };
                if let Err(e) = keep::remember(&f, school, &io::today()) {
                    notice.set(Some(e));
                }
                recent.set(keep::recent());
            }
        },
    );
}

/// The open school's kept edits: restored when it opens (the report waits for them), merged
/// from another tab's writes with a word, and written through on every keystroke. Returns the
/// callbacks of an edit and of «вернуть текст».
#[hook]
pub fn use_kept_edits(
    state: &UseReducerHandle<State>,
    notice: &Notice,
) -> (Callback<(String, String)>, Callback<String>) {
    let owner = state.school().and_then(|v| v.edits_owner.clone());
    {
        let dispatch = state.dispatcher();
        // Also when the same school is opened again (a new screen has no owner yet).
        use_effect_with((state.school_key(), owner.clone()), move |(key, owner)| {
            if let Some(key) = key.clone().filter(|k| Some(k) != owner.as_ref()) {
                let edits = keep::load_edits(&key);
                dispatch.dispatch(Action::EditsLoaded { owner: key, edits });
            }
        });
    }
    // Another tab's writes to the same school's edits come back into this tab, with a word, so
    // two tabs never overwrite each other silently.
    {
        let dispatch = state.dispatcher();
        let notice = notice.clone();
        use_effect_with(owner.clone(), move |owner| {
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
    // An edit is kept the moment it is typed: written through to storage here, then shown.
    let owner = owner.or_else(|| state.school_key());
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
}

/// The open school's kept plan: looked up when it opens (none kept: one starts from the
/// profile rows of the ДТК file, if any), kept when one is opened from a workbook, and kept on
/// every change. Returns the callback of a change.
#[hook]
pub fn use_kept_plan(state: &UseReducerHandle<State>, notice: &Notice) -> Callback<Option<Plan>> {
    let view = state.school();
    let plan_owner = view.and_then(|v| v.plan_owner.clone());
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
            (state.school_key(), plan_owner.clone()),
            move |(key, owner)| {
                if let Some(key) = key.clone().filter(|k| Some(k) != owner.as_ref()) {
                    let plan = keep::load_plan(&key).or_else(|| {
                        let profile = plan::read::profile_from_dtk_text(&bytes)?;
                        Some(Plan {
                            profiles: vec![profile],
                            ..Default::default()
                        })
                    });
                    dispatch.dispatch(Action::PlanLoaded { owner: key, plan });
                }
            },
        );
    }
    // A plan opened from a workbook (read in the worker) is kept once it arrives.
    {
        let notice = notice.clone();
        let owner = plan_owner.clone();
        let plan = view.and_then(|v| v.plan.clone());
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
    // The plan is kept the moment it changes, then shown (and its 3.4 overlaid on the report).
    let owner = plan_owner.or_else(|| state.school_key());
    let notice = notice.clone();
    let d = state.dispatcher();
    Callback::from(move |plan: Option<Plan>| {
        if let Some(owner) = &owner {
            if let Err(e) = keep::save_plan(owner, plan.as_ref()) {
                notice.set(Some(e));
            }
        }
        d.dispatch(Action::Plan(plan));
    })
}
