//! The start panel: what the tool does in one sentence, that the file stays on this computer,
//! the file button and drop zone, «Открыть пример» and «Скачать шаблон». Once the user's own
//! file is open it shrinks to a toolbar that also prints and clears stored data.

use yew::prelude::*;

use super::file_picker::FilePicker;
use super::state::OpenFile;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_open: Callback<OpenFile>,
    pub on_error: Callback<String>,
    pub on_example: Callback<()>,
    pub on_template: Callback<()>,
    pub on_print: Callback<()>,
    pub on_clear: Callback<()>,
    /// The open file's name, when it is the user's own (not the example).
    pub file_name: Option<AttrValue>,
    pub has_report: bool,
}

#[function_component(StartPanel)]
pub fn start_panel(props: &Props) -> Html {
    let compact = props.file_name.is_some();
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <header class={classes!("start", compact.then_some("compact"))} role="banner">
            <div class="brand">
                <span class="app-name">{ "ДТК-калькулятор" }</span>
                if let Some(name) = &props.file_name {
                    <span class="file-name" title="Открытый файл">{ name.clone() }</span>
                }
            </div>
            if !compact {
                <p class="lead">
                    { "Загрузите таблицу школы — калькулятор покажет статус ШНОР, динамику результатов \
                       и заполненную диагностико-технологическую карту с выводами. " }
                    <strong>{ "Файл не покидает ваш компьютер: всё считается в браузере." }</strong>
                </p>
            }
            <div class="actions no-print">
                <FilePicker on_open={props.on_open.clone()} on_error={props.on_error.clone()} {compact} />
                <button type="button" class="button" onclick={click(&props.on_example)}>{ "Открыть пример" }</button>
                <button type="button" class="button" onclick={click(&props.on_template)}
                    title="Шаблон ДТК в формате CSV (UTF-8, точка с запятой) — открывается в Excel">
                    { "Скачать шаблон" }
                </button>
                if props.has_report {
                    <button type="button" class="button" onclick={click(&props.on_print)}>{ "Печать" }</button>
                }
                <button type="button" class="button subtle" onclick={click(&props.on_clear)}
                    title="Удалить из браузера сохранённые правки и настройки">
                    { "Очистить данные" }
                </button>
            </div>
        </header>
    }
}
