//! The app's effects and callbacks, one concern each, so `app` only lays out the page. In: the
//! state's handle (and the notice line); out: callbacks for the components, and browser IO at
//! the edge (storage, the worker, focus, history) as the state changes.
//!
//! - `worker` — `use_worker`: the reducer's commands to the worker, once each;
//! - `kept` — `use_kept_settings`, `use_kept_file`, `use_kept_edits`, `use_kept_plan`: the
//!   user's work written to storage the moment it changes, and brought back;
//! - `focus` — `use_focus_return`: the focus follows what opens and comes back where it was;
//! - `history` — `use_school_history`: each school opened from a table is a history entry;
//! - `exports` — the export buttons' callback (CSV and JSON here, XLSX in the worker).

pub mod exports;
pub mod focus;
pub mod history;
pub mod kept;
pub mod worker;

use yew::{Callback, UseReducerHandle};

use super::state::{Action, State};

/// A callback that dispatches the action made of its argument: the one way the page's
/// components talk to the reducer.
pub fn dispatch<T: 'static>(
    state: &UseReducerHandle<State>,
    action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let d = state.dispatcher();
    Callback::from(move |x| d.dispatch(action(x)))
}

/// The line that tells the user what happened (storage full, an unreadable file…).
pub type Notice = yew::UseStateHandle<Option<String>>;

/// Says `text` on the notice line.
pub fn tell(notice: &Notice) -> Callback<String> {
    let notice = notice.clone();
    Callback::from(move |text| notice.set(Some(text)))
}
