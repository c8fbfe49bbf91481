//! Lines under the status that keep it honest (core: `status_notes`): a banner «В файле 3
//! замечания — показать» that opens and focuses the list of remarks, low results the settings
//! do not count, and — printed too — every setting that differs from the methodology.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::report::Report;
use crate::core::status_notes;
use crate::ui::edge::io;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
}

#[function_component(StatusNotes)]
pub fn status_notes(props: &Props) -> Html {
    let r = &props.report;
    let remarks = status_notes::remarks(&r.diagnostics);
    let uncounted = status_notes::uncounted_line(r);
    let settings = status_notes::settings_line(&r.settings);
    let show = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        io::reveal("diagnostics");
    });
    html! { <>
        if let Some(text) = remarks {
            <p class="remarks no-print">
                <a href="#diagnostics" class="remarks-link" onclick={show}>
                    { text }{ " — показать" }
                </a>
            </p>
        }
        if let Some(text) = uncounted { <p class="status-note uncounted">{ text }</p> }
        if let Some(text) = settings { <p class="status-note settings-differ">{ text }</p> }
    </> }
}
