//! How the «План» editors change the plan. In: the plan shown and the editor's `on_change`;
//! out: callbacks that edit a copy of the plan and hand the copy on. Every editable cell, list
//! and button of the plan views is one of these, so the copy-edit-emit steps are written once.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::plan::model::Plan;

/// A callback for a change of an input, a select or a text area: a copy of the plan, changed
/// by `edit` with the control's value, goes to `on_change`.
pub fn on_value(
    plan: &Rc<Plan>,
    on_change: &Callback<Plan>,
    edit: impl Fn(&mut Plan, String) + 'static,
) -> Callback<Event> {
    let (plan, cb) = (plan.clone(), on_change.clone());
    Callback::from(move |e: Event| {
        // The cast is unchecked and `value` is read as a property, so a select or a text
        // area answers it as well as an input does.
        let v = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value();
        let mut p = (*plan).clone();
        edit(&mut p, v);
        cb.emit(p);
    })
}

/// A callback for a button: a copy of the plan, changed by `edit`, goes to `on_change`.
pub fn on_click(
    plan: &Rc<Plan>,
    on_change: &Callback<Plan>,
    edit: impl Fn(&mut Plan) + 'static,
) -> Callback<MouseEvent> {
    let (plan, cb) = (plan.clone(), on_change.clone());
    Callback::from(move |_: MouseEvent| {
        let mut p = (*plan).clone();
        edit(&mut p);
        cb.emit(p);
    })
}
