//! `use_worker`: the worker behind the page. The reducer queues commands (`State::outbox`);
//! this hands each to `WorkerClient` once, after the render that queued it; the worker's
//! answers come back as `Action::Worker`.

use std::rc::Rc;

use yew::prelude::*;

use super::Notice;
use crate::ui::edge::worker_client::WorkerClient;
use crate::ui::state::{Action, State};

/// The worker's client (made once) with the outbox wired to it.
#[hook]
pub fn use_worker(state: &UseReducerHandle<State>, notice: &Notice) -> Rc<WorkerClient> {
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
    client
}
