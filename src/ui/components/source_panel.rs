//! What was detected in the file (encoding, delimiter, format, years, indicators) — with the
//! encoding and delimiter changeable on the spot — and every diagnostic as a table.

use yew::prelude::*;

use crate::core::decode::Encoding;
use crate::core::load::SourceInfo;
use crate::core::model::{Diagnostic, Severity};
use crate::core::ru;
use crate::core::table::Delimiter;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub info: SourceInfo,
    pub diagnostics: Vec<Diagnostic>,
    pub encoding_forced: bool,
    pub delimiter_forced: bool,
    pub on_encoding: Callback<Option<Encoding>>,
    pub on_delimiter: Callback<Option<Delimiter>>,
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ошибка",
        Severity::Warning => "предупреждение",
        Severity::Info => "сведение",
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

#[function_component(SourcePanel)]
pub fn source_panel(props: &Props) -> Html {
    let info = &props.info;
    let on_encoding = {
        let cb = props.on_encoding.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            cb.emit(Encoding::ALL.iter().copied().find(|x| x.label() == v));
        })
    };
    let on_delimiter = {
        let cb = props.on_delimiter.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            cb.emit(Delimiter::ALL.iter().copied().find(|x| x.label() == v));
        })
    };
    let years = info
        .years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let errors = props
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let n = props.diagnostics.len();
    let summary = if n == 0 {
        "Замечаний к файлу нет.".to_string()
    } else {
        format!(
            "{n} {} к файлу, из них {errors} {}. Всё, что удалось прочитать, посчитано.",
            ru::plural(n as u64, "замечание", "замечания", "замечаний"),
            ru::plural(errors as u64, "ошибка", "ошибки", "ошибок"),
        )
    };
    html! {
        <section class="source no-print" aria-labelledby="source-h">
            <h2 id="source-h">{ "Файл" }</h2>
            <dl class="detected">
                <div><dt>{ "Формат" }</dt><dd>{ info.format.label() }</dd></div>
                if let Some(kind) = info.spreadsheet {
                    // A spreadsheet has no encoding or delimiter to choose: its kind and sheet.
                    <div><dt>{ "Книга" }</dt><dd>{ kind.label() }</dd></div>
                    if let Some(sheet) = &info.sheet {
                        <div><dt>{ "Лист" }</dt><dd>{ format!("«{sheet}»") }</dd></div>
                    }
                } else {
                    <div>
                        <dt><label for="enc">{ "Кодировка" }</label></dt>
                        <dd>
                            <select id="enc" onchange={on_encoding}>
                                { for Encoding::ALL.iter().map(|e| html! {
                                    <option value={e.label()} selected={*e == info.encoding}>
                                        { e.label() }{ if *e == info.encoding && !props.encoding_forced { " (определена)" } else { "" } }
                                    </option>
                                }) }
                            </select>
                        </dd>
                    </div>
                    <div>
                        <dt><label for="delim">{ "Разделитель" }</label></dt>
                        <dd>
                            <select id="delim" onchange={on_delimiter}>
                                { for Delimiter::ALL.iter().map(|d| html! {
                                    <option value={d.label()} selected={*d == info.delimiter}>
                                        { d.label() }{ if *d == info.delimiter && !props.delimiter_forced { " (определён)" } else { "" } }
                                    </option>
                                }) }
                            </select>
                        </dd>
                    </div>
                }
                <div><dt>{ "Учебные годы" }</dt><dd>{ if years.is_empty() { "не найдены".to_string() } else { years } }</dd></div>
                <div><dt>{ "Показателей" }</dt><dd>{ info.indicators }</dd></div>
                if info.schools > 1 {
                    <div><dt>{ "Школ" }</dt><dd>{ info.schools }</dd></div>
                }
            </dl>
            <p class="diag-summary" role="status" aria-live="polite">{ summary }</p>
            if n > 0 {
                <details class="diagnostics" id="diagnostics" open={errors > 0 && n <= 20}>
                    <summary>{ format!("Замечания ({n})") }</summary>
                    <table>
                        <thead><tr>
                            <th scope="col">{ "Строка" }</th><th scope="col">{ "Столбец" }</th>
                            <th scope="col">{ "Значение" }</th><th scope="col">{ "Что не так" }</th>
                        </tr></thead>
                        <tbody>
                            { for props.diagnostics.iter().map(|d| html! {
                                <tr class={classes!("sev", severity_class(d.severity))}>
                                    <td class="num">{ d.row.map(|r| r.to_string()).unwrap_or_default() }</td>
                                    <td>{ d.column.clone().unwrap_or_default() }</td>
                                    <td><code>{ d.value.clone().unwrap_or_default() }</code></td>
                                    <td><span class="sev-label">{ severity_label(d.severity) }</span>{ ": " }{ &d.message }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            }
        </section>
    }
}
