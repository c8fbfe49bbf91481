//! Keyboard and screen-reader ways through the report: a skip link (the first Tab stop) past
//! the toolbar to the report, and a list of the report's blocks — the status, each ДТК block,
//! the remarks — so nobody tabs through twenty settings to reach the first «Вывод».

use yew::prelude::*;

use crate::core::catalogue::SECTIONS;
use crate::ui::edge::io;

/// A link that moves focus (and the view) to an element instead of changing the URL: the
/// address keeps the school's link, and Back is not spent on jumps inside the page.
fn jump(target: String, text: String, label: Option<String>, class: &'static str) -> Html {
    let href = format!("#{target}");
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        io::reveal(&target);
    });
    html! {
        <a {href} {class} {onclick} title={label.clone()} aria-label={label}>{ text }</a>
    }
}

/// The skip link, first in the page.
#[function_component(SkipLink)]
pub fn skip_link() -> Html {
    jump("main".into(), "Перейти к отчёту".into(), None, "skip-link")
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Whether the file drew remarks (the list is then a target).
    pub remarks: bool,
}

/// The blocks of the report, as a navigation landmark.
#[function_component(ReportNav)]
pub fn report_nav(props: &Props) -> Html {
    html! {
        <nav class="report-nav no-print" aria-label="Разделы отчёта">
            <ul>
                <li>{ jump("ident-h".into(), "Статус".into(), None, "") }</li>
                { for SECTIONS.iter().map(|s| {
                    // Element ids as section_block.rs makes them: «1.2» → «block-h-1-2».
                    let id = format!("block-h-{}", s.number.replace('.', "-"));
                    html! { <li>{ jump(id, s.number.to_string(), Some(s.heading()), "") }</li> }
                }) }
                if props.remarks {
                    <li>{ jump("diagnostics".into(), "Замечания к файлу".into(), None, "") }</li>
                }
            </ul>
        </nav>
    }
}
