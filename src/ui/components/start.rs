//! The start panel: what the tool does in one sentence, that the file stays on this computer,
//! the file button and drop zone, «Открыть пример» and «Скачать шаблон». Once the user's own
//! file is open it shrinks to a toolbar that also prints and clears stored data.

use yew::prelude::*;

use crate::core::template::HOW_TO_FILL;
use crate::ui::components::confirm_clear::ConfirmClear;
use crate::ui::components::file_picker::FilePicker;
use crate::ui::edge::keep::Recent;
use crate::ui::state::OpenFile;

/// What the user can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The filled ДТК as XLSX, laid out like the form.
    Xlsx,
    /// The school's data as template format A (re-imports to the same report).
    Csv,
    /// The report document (as `dtk report --json`) with edited texts.
    Json,
    /// The empty template as CSV.
    TemplateCsv,
    /// The empty template as XLSX.
    TemplateXlsx,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_open: Callback<OpenFile>,
    pub on_error: Callback<String>,
    pub on_example: Callback<()>,
    pub on_print: Callback<()>,
    pub on_clear: Callback<()>,
    /// The open file's name, when it is the user's own (not the example).
    pub file_name: Option<AttrValue>,
    pub has_report: bool,
    /// Recently opened files (kept in this browser).
    #[prop_or_default]
    pub recent: Vec<Recent>,
    #[prop_or_default]
    pub on_recent: Callback<String>,
    #[prop_or_default]
    pub on_export: Callback<Export>,
}

#[function_component(StartPanel)]
pub fn start_panel(props: &Props) -> Html {
    let compact = props.file_name.is_some();
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let export = |kind: Export| {
        let cb = props.on_export.clone();
        Callback::from(move |_: MouseEvent| cb.emit(kind))
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
                <button type="button" class="button" onclick={export(Export::TemplateCsv)}
                    title="Шаблон ДТК в формате CSV (UTF-8, точка с запятой) — открывается в Excel">
                    { "Скачать шаблон" }
                </button>
                <button type="button" class="button" onclick={export(Export::TemplateXlsx)}
                    title="Тот же шаблон ДТК в формате Excel (XLSX)">
                    { "Шаблон XLSX" }
                </button>
                if props.has_report {
                    <button type="button" class="button" onclick={click(&props.on_print)}>{ "Печать" }</button>
                    <span class="export-group" role="group" aria-label="Скачать заполненную ДТК">
                        <span class="export-caption">{ "Скачать ДТК:" }</span>
                        <button type="button" class="button" onclick={export(Export::Xlsx)}
                            title="Заполненная ДТК с выводами и правками — Excel, как бланк">{ "XLSX" }</button>
                        <button type="button" class="button" onclick={export(Export::Csv)}
                            title="Данные школы в формате шаблона (CSV) — открывается снова в калькуляторе">{ "CSV" }</button>
                        <button type="button" class="button" onclick={export(Export::Json)}
                            title="Отчёт целиком в JSON (как dtk report --json)">{ "JSON" }</button>
                    </span>
                }
                <ConfirmClear on_clear={props.on_clear.clone()} />
            </div>
            <details class="how-to no-print">
                <summary>{ "Как заполнить" }</summary>
                <ol>
                    { for HOW_TO_FILL.iter().map(|step| html! { <li>{ *step }</li> }) }
                </ol>
            </details>
            if !props.recent.is_empty() {
                <details class="recent no-print">
                    <summary>{ format!("Недавние файлы ({})", props.recent.len()) }</summary>
                    <ul>
                        { for props.recent.iter().map(|r| {
                            let on_recent = props.on_recent.clone();
                            let id = r.id.clone();
                            let onclick = Callback::from(move |_: MouseEvent| on_recent.emit(id.clone()));
                            html! {
                                <li>
                                    if r.stored {
                                        <button type="button" class="link" {onclick}>{ &r.school }</button>
                                    } else {
                                        <span title="Файл не сохранён в браузере: откройте его снова">{ &r.school }</span>
                                    }
                                    <span class="muted">{ format!(" — {}, {}", r.file_name, r.opened) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                </details>
            }
        </header>
    }
}
