//! An editable generated text («Вывод» or «Проблема»): shows the automatic text until the user
//! edits it, keeps the edit, and can go back to the automatic text. Printing shows a boxed copy.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Unique element id.
    pub id: AttrValue,
    /// «Вывод» / «Проблема».
    pub title: AttrValue,
    /// The generated text.
    pub generated: AttrValue,
    /// The user's text, when edited.
    pub edited: Option<AttrValue>,
    pub on_edit: Callback<String>,
    pub on_reset: Callback<()>,
}

#[function_component(TextField)]
pub fn text_field(props: &Props) -> Html {
    let text = props
        .edited
        .clone()
        .unwrap_or_else(|| props.generated.clone());
    let oninput = {
        let cb = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let onclick = {
        let cb = props.on_reset.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    // Tall enough for the whole generated text (about 55 characters a line: the field takes
    // half the report's width).
    let rows = text
        .lines()
        .map(|l| l.chars().count() / 55 + 1)
        .sum::<usize>()
        .clamp(3, 40) as u32;
    html! {
        <div class="text-field">
            <label for={props.id.clone()}>
                <span>{ props.title.clone() }{ ":" }</span>
                if props.edited.is_some() {
                    <span class="edited">{ "изменено вручную" }</span>
                }
            </label>
            <textarea id={props.id.clone()} value={text.clone()} {oninput} rows={rows.to_string()} />
            if props.edited.is_some() {
                <button type="button" class="button small reset" {onclick}>
                    { "Вернуть автоматический текст" }
                </button>
            }
            <div class="text-box print-only">{ printed(&text, props.edited.is_some()) }</div>
        </div>
    }
}

/// What paper gets: the text, except that an instruction to the user («Данных по блоку нет:
/// заполните показатели, чтобы получить вывод.») is printed as the statement alone.
fn printed(text: &str, edited: bool) -> String {
    match text.split_once(": заполните") {
        Some((statement, _)) if !edited => format!("{statement}."),
        _ => text.to_string(),
    }
}
