//! `use_school_history`: with many schools, each school opened from the table is a history
//! entry («#school=12»): Back returns to the list with its search and filters, Forward opens
//! the school again, and the address is a link to the school (the file itself is kept in this
//! browser): a kept link opens its school once the file's table is ready. The plan opened over
//! a report is an entry too (same address): Back closes it. What each entry is lives in the
//! history itself (`io`), so nothing here can disagree with the browser.

use yew::prelude::*;

use crate::ui::edge::io;
use crate::ui::state::{Action, State};

#[hook]
pub fn use_school_history(state: &UseReducerHandle<State>) {
    // The file on screen, for the listener: an entry of another file opens nothing.
    let file = use_mut_ref(String::new);
    *file.borrow_mut() = state.file_name();
    {
        let dispatch = state.dispatcher();
        let file = file.clone();
        use_effect_with((), move |_| {
            let listener = io::on_history(move |school, plan, of| {
                if of.is_some_and(|of| of != *file.borrow()) {
                    io::forget_entry();
                } else {
                    dispatch.dispatch(Action::History { school, plan })
                }
            });
            move || drop(listener)
        });
    }
    {
        let dispatch = state.dispatcher();
        let count = state.many().map(|m| m.many.overview.summary.schools.len());
        use_effect_with(count, move |count| {
            if let (Some(count), Some(index)) = (count, io::school_in_url()) {
                if *count > 1 && index < *count {
                    dispatch.dispatch(Action::OpenSchool { index, scroll: 0.0 });
                }
            }
        });
    }
    {
        // Reloaded in the plan: the entry says so, and the plan opens again with its school.
        let dispatch = state.dispatcher();
        let name = state.file_name();
        use_effect_with(state.school_key(), move |key| {
            if key.is_some() && io::plan_entry_of(&name) {
                dispatch.dispatch(Action::ShowPlan(true));
            }
        });
    }
}

/// «← К списку школ»: back through history when the school has its own entry (`popstate` then
/// shows the table), else straight back. The second click of a double-click is not another
/// one (it would land on what the first put under the pointer).
pub fn back_to_table(state: &UseReducerHandle<State>) -> Callback<MouseEvent> {
    let d = state.dispatcher();
    Callback::from(move |e: MouseEvent| {
        if e.detail() < 2 && !io::leave_school() {
            d.dispatch(Action::BackToTable)
        }
    })
}

/// «План …»: opens the plan as a history entry.
pub fn open_plan(state: &UseReducerHandle<State>) -> Callback<MouseEvent> {
    let d = state.dispatcher();
    let file = state.file_name();
    Callback::from(move |e: MouseEvent| {
        if e.detail() < 2 {
            io::push_plan(&file);
            d.dispatch(Action::ShowPlan(true))
        }
    })
}

/// «← К отчёту» (or Escape): back through history when the plan has its own entry, else
/// straight back.
pub fn close_plan(state: &UseReducerHandle<State>) -> Callback<()> {
    let d = state.dispatcher();
    Callback::from(move |_| {
        if !io::leave_plan() {
            d.dispatch(Action::ShowPlan(false))
        }
    })
}
