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
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = io::on_history(move |school, plan| {
                dispatch.dispatch(Action::History { school, plan })
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
}

/// «← К списку школ»: back through history when the school has its own entry (`popstate` then
/// shows the table), else straight back.
pub fn back_to_table(state: &UseReducerHandle<State>) -> Callback<MouseEvent> {
    let d = state.dispatcher();
    Callback::from(move |_| {
        if !io::leave_school() {
            d.dispatch(Action::BackToTable)
        }
    })
}

/// «План …»: opens the plan as a history entry.
pub fn open_plan(state: &UseReducerHandle<State>) -> Callback<MouseEvent> {
    let d = state.dispatcher();
    Callback::from(move |_| {
        io::push_plan();
        d.dispatch(Action::ShowPlan(true))
    })
}

/// «← К отчёту»: back through history when the plan has its own entry, else straight back.
pub fn close_plan(state: &UseReducerHandle<State>) -> Callback<()> {
    let d = state.dispatcher();
    Callback::from(move |_| {
        if !io::leave_plan() {
            d.dispatch(Action::ShowPlan(false))
        }
    })
}
