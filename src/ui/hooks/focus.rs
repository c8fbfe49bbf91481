//! `use_focus_return`: keyboard and screen-reader users stay in place. The plan's title takes
//! the focus when the plan opens, and its button when it closes; a school's report takes it
//! when the school opens from the table, and the table (or the municipal report) takes it back;
//! a file the user opened is revealed once its report, table or error is on the page — not
//! left on the file button, ten controls above the news. Each moves after the render that
//! shows its target.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::edge::io;
use crate::ui::state::State;

/// Set by whoever opens a file or a school: reveal it once it is on the page.
pub type FocusPending = Rc<RefCell<bool>>;

#[hook]
pub fn use_focus_return(state: &UseReducerHandle<State>) -> FocusPending {
    let view = state.school();
    // The report is on the page only once its school's kept edits are restored.
    let report = view.is_some_and(|v| v.ready_report().is_some());
    {
        let was = use_mut_ref(|| false);
        let show = view.is_some_and(|v| v.show_plan);
        let ready = view.is_some_and(|v| v.plan_owner.is_some());
        use_effect_with((show, ready), move |&(show, ready)| {
            let mut was = was.borrow_mut();
            if show && ready && !*was {
                io::focus("plan-title");
                *was = true;
            } else if !show && *was {
                io::focus("open-plan");
                *was = false;
            }
        });
    }
    // The first report replaces the prerendered example: the reader keeps their place.
    use_effect_with(report, |&report| {
        if report {
            let y = crate::ui::take_boot_scroll();
            if y > 0.0 {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, y);
            }
        }
    });
    let many = state.many();
    let open = many.is_some_and(|m| m.open.is_some());
    {
        let was_open = use_mut_ref(|| false);
        use_effect_with(
            (open, report, many.is_some()),
            move |&(open, report, many)| {
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
            },
        );
    }
    let pending = use_mut_ref(|| false);
    {
        let pending = pending.clone();
        let key = (
            state.file.as_ref().map(|f| f.name.clone()),
            report,
            many.is_some() && !open,
            state.error().is_some(),
        );
        use_effect_with(key, move |(_, report, table, error)| {
            let mut pending = pending.borrow_mut();
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
    pending
}
