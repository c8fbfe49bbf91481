//! What the two drop zones (the main file picker and the protocols panel) share: the handlers
//! of a zone with a file input inside. In: the zone's «a file is over it» state and what to do
//! with the files; out: the four callbacks for the zone and its input.

use std::rc::Rc;

use yew::prelude::*;

/// The callbacks of one drop zone: `onchange` for its file input, the drag ones for the zone.
pub struct Handlers {
    pub onchange: Callback<Event>,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// Files chosen with the input or dropped on the zone go to `open`; `over` says whether a drag
/// is over the zone (for its highlight).
pub fn handlers(
    over: &UseStateHandle<bool>,
    open: impl Fn(Option<web_sys::FileList>) + 'static,
) -> Handlers {
    let open = Rc::new(open);
    let onchange = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            open(input.files());
            // Choosing the same file again must fire again.
            input.set_value("");
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            open(e.data_transfer().and_then(|d| d.files()));
        })
    };
    Handlers {
        onchange,
        ondragover,
        ondragleave,
        ondrop,
    }
}
