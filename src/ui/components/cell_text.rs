//! A table cell's text as the page shows it: an unreadable cell («ошибка: «1l5»», from
//! `core::report::display` and the identification table) stands out on screen where it is,
//! and on paper is a plain «—» with no error text printed as the school's data.

use yew::prelude::*;

/// The cell's content.
pub fn cell_text(text: String) -> Html {
    if text.starts_with("ошибка: ") {
        html! { <>
            <span class="cell-error no-print" title="Ячейку не удалось прочитать: см. замечания к файлу">{ text }</span>
            <span class="print-inline" aria-hidden="true">{ "—" }</span>
        </> }
    } else {
        html! { { text } }
    }
}
