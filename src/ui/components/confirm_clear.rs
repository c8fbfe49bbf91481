//! «Очистить данные…» with a real confirmation: a modal `<dialog>` (the browser traps focus in
//! it, Esc cancels, focus returns to the button), «Отмена» focused first so Enter never deletes
//! by accident.

use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called only after the user confirmed.
    pub on_clear: Callback<()>,
}

#[function_component(ConfirmClear)]
pub fn confirm_clear(props: &Props) -> Html {
    let dialog = use_node_ref();
    let with_dialog = |f: fn(&web_sys::HtmlDialogElement)| {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog
                .get()
                .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok())
            {
                f(&d);
            }
        })
    };
    let open = with_dialog(|d| {
        let _ = d.show_modal();
    });
    let cancel = with_dialog(|d| d.close());
    let confirm = {
        let close = with_dialog(|d| d.close());
        let on_clear = props.on_clear.clone();
        Callback::from(move |e: MouseEvent| {
            close.emit(e);
            on_clear.emit(());
        })
    };
    html! { <>
        <button type="button" class="button subtle" id="clear-data" onclick={open}
            aria-haspopup="dialog"
            title="Удалить из браузера сохранённые файлы, правки и настройки">
            { "Очистить данные…" }
        </button>
        <dialog ref={dialog} class="confirm" aria-labelledby="clear-h" aria-describedby="clear-text">
            <h2 id="clear-h">{ "Удалить сохранённые данные?" }</h2>
            <p id="clear-text">
                { "Из этого браузера будут удалены недавние файлы, все правки «Вывод» и «Проблема» и настройки. \
                   Файлы на компьютере не пострадают. Отменить удаление нельзя — если правки нужны, сначала скачайте ДТК." }
            </p>
            <div class="dialog-actions">
                <button type="button" class="button" id="clear-cancel" autofocus=true onclick={cancel}>{ "Отмена" }</button>
                <button type="button" class="button danger" id="clear-confirm" onclick={confirm}>{ "Удалить" }</button>
            </div>
        </dialog>
    </> }
}
