//! `use_school_history`: with many schools, each school opened from the table is a history
//! entry («#school=12»): Back returns to the list with its search and filters, Forward opens
//! the school again, and the address is a link to the school (the file itself is kept in this
//! browser): a kept link opens its school once the file's table is ready.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::edge::io;
use crate::ui::state::{Action, State};

/// Whether the open school has its own history entry (pushed by a click in the table).
pub type Pushed = Rc<RefCell<bool>>;

#[hook]
pub fn use_school_history(state: &UseReducerHandle<State>) -> Pushed {
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
    pushed
}

/// «← К списку школ»: back through history when the school has its own entry (popstate then
/// goes back to the table), else straight back.
pub fn back_to_table(state: &UseReducerHandle<State>, pushed: &Pushed) -> Callback<MouseEvent> {
    let d = state.dispatcher();
    let pushed = pushed.clone();
    Callback::from(move |_| {
        let was_pushed = std::mem::take(&mut *pushed.borrow_mut());
        io::leave_school(was_pushed);
        if !was_pushed {
            d.dispatch(Action::BackToTable)
        }
    })
}
