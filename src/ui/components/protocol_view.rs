//! The protocols panel: open ВПР protocols from ФИС ОКО (button or drop, several at once),
//! the scale of each (the guess preselected, its source shown, editable), the analysis per
//! school and class with its charts, the comparison with the journal, and «Добавить в ДТК»
//! (values already typed that differ are shown next to the protocol's before replacing).
//! Print (A4) and XLSX are asked of the app.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::protocol::analysis::SchoolAnalysis;
use crate::core::protocol::text::{journal_sentence, weak_sentence};
use crate::core::protocol::{Analysis, Group, Protocol};
use crate::core::ru;
use crate::ui::components::drop_zone;
use crate::ui::components::protocol_chart::{MarksChart, TasksChart};
use crate::ui::edge::io;
use crate::ui::state::{OpenFile, ProtocolAction, Protocols};

const ACCEPT: &str = ".xlsx,.xls,.xlsm,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel";

/// A protocol is a few dozen kilobytes; anything over this is not one.
const MAX_PROTOCOL_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub protocols: Rc<Protocols>,
    /// Whether a school's ДТК is open (to add the shares into).
    pub has_school: bool,
    pub on_action: Callback<ProtocolAction>,
    pub on_error: Callback<String>,
    pub on_print: Callback<()>,
    pub on_xlsx: Callback<()>,
}

/// Reads every chosen file's bytes (at the edge) and hands them up together.
fn open_all(
    files: Option<web_sys::FileList>,
    on_action: Callback<ProtocolAction>,
    on_error: Callback<String>,
) {
    let Some(list) = files else { return };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if files.is_empty() {
        return;
    }
    yew::platform::spawn_local(async move {
        let mut out = Vec::new();
        for f in files {
            let name = f.name();
            if f.size() > MAX_PROTOCOL_BYTES {
                on_error.emit(format!(
                    "«{name}» слишком большой для протокола ВПР (больше 20 МБ): он пропущен"
                ));
                continue;
            }
            match io::read_file(f).await {
                Ok(bytes) => out.push(OpenFile::from_bytes(name, bytes)),
                Err(e) => on_error.emit(format!("«{name}»: {e}")),
            }
        }
        if !out.is_empty() {
            on_action.emit(ProtocolAction::Open(out));
        }
    });
}

fn marks_row(g: &Group) -> Html {
    let m = &g.marks;
    let cell =
        |n: u32, p: f64| html! { <td class="num">{ format!("{n} ({})", ru::percent(p)) }</td> };
    html! {
        <tr>
            <th scope="row">{ &g.label }</th>
            <td class="num">{ g.participants }</td>
            { cell(m.n2, g.mark_percent[0]) }{ cell(m.n3, g.mark_percent[1]) }
            { cell(m.n4, g.mark_percent[2]) }{ cell(m.n5, g.mark_percent[3]) }
            <td class="num share2">{ format!("{} ({}/{})", ru::percent(g.share2), m.n2, g.participants) }</td>
            <td class="num">{ ru::percent(g.success) }</td>
            <td class="num">{ ru::percent(g.quality) }</td>
            <td class="num">{ ru::decimal(g.mean, 2) }</td>
            <td class="num">{ ru::percent(g.sou) }</td>
        </tr>
    }
}

fn journal_row(g: &Group) -> Html {
    let Some(j) = g.journal else { return html! {} };
    let cell =
        |n: u32| html! { <td class="num">{ format!("{n} ({})", ru::percent(j.percent(n))) }</td> };
    html! {
        <tr>
            <th scope="row">{ &g.label }</th>
            { cell(j.lower) }{ cell(j.same) }{ cell(j.higher) }
            <td class="num">{ j.without }</td>
        </tr>
    }
}

fn school_block(a: &Analysis, s: &SchoolAnalysis) -> Html {
    let groups: Vec<&Group> = if s.classes.len() > 1 {
        std::iter::once(&s.total).chain(s.classes.iter()).collect()
    } else {
        vec![&s.total]
    };
    html! {
        <section class="protocol-school">
            <h4>{ s.school.title() }</h4>
            <table class="protocol-marks">
                <caption>{ "Отметки по шкале" }</caption>
                <thead><tr>
                    <th scope="col">{ "Класс" }</th><th scope="col">{ "Участников" }</th>
                    <th scope="col">{ "«2»" }</th><th scope="col">{ "«3»" }</th><th scope="col">{ "«4»" }</th><th scope="col">{ "«5»" }</th>
                    <th scope="col">{ "Доля «2»" }</th><th scope="col">{ "Успеваемость" }</th><th scope="col">{ "Качество" }</th>
                    <th scope="col">{ "Средний балл" }</th><th scope="col">{ "СОУ" }</th>
                </tr></thead>
                <tbody>{ for groups.iter().map(|g| marks_row(g)) }</tbody>
            </table>
            <div class="protocol-charts">
                <MarksChart group={s.total.clone()} title={AttrValue::from(format!("Отметки: {}, {}", a.title, s.school.title()))} />
                <TasksChart group={s.total.clone()} title={AttrValue::from(format!("Выполнение заданий, % от максимума: {}", s.school.title()))} />
            </div>
            <p class="weak">{ ru::capitalize(&weak_sentence(&s.total)) }{ "." }</p>
            if let Some(j) = s.total.journal {
                <table class="protocol-journal">
                    <caption>{ "Отметки ВПР и отметки в журнале" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Класс" }</th>
                        <th scope="col">{ "Понизили (ВПР ниже)" }</th><th scope="col">{ "Подтвердили" }</th>
                        <th scope="col">{ "Повысили (ВПР выше)" }</th><th scope="col">{ "Без отметки в журнале" }</th>
                    </tr></thead>
                    <tbody>{ for groups.iter().map(|g| journal_row(g)) }</tbody>
                </table>
                <p class="journal">{ ru::capitalize(&journal_sentence(&j)) }{ "." }</p>
            }
        </section>
    }
}

/// Subject, grade and year when the protocol could not tell them: chosen here (the file name
/// and the pupils' codes were already tried).
fn identify_picker(k: usize, p: &Protocol, on_action: &Callback<ProtocolAction>) -> Html {
    let unknown_subject =
        matches!(&p.subject, crate::core::protocol::Subject::Other(s) if s.is_empty());
    if !unknown_subject && p.grade.is_some() && p.year.is_some() {
        return html! {};
    }
    let emit = |f: fn(usize, String) -> ProtocolAction| {
        let cb = on_action.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(f(k, select.value()));
        })
    };
    let subject = emit(|item, v| ProtocolAction::Identify {
        item,
        subject: Some(v),
        grade: None,
        year: None,
    });
    let grade = emit(|item, v| ProtocolAction::Identify {
        item,
        subject: None,
        grade: v.parse().ok(),
        year: None,
    });
    let year = emit(|item, v| ProtocolAction::Identify {
        item,
        subject: None,
        grade: None,
        year: v.parse().ok(),
    });
    html! {
        <div class="identify no-print" role="group" aria-label="Что не указано в протоколе">
            <span>{ "В протоколе не указано — выберите:" }</span>
            if unknown_subject {
                <label>{ "предмет " }<select class="pick-subject" onchange={subject}>
                    <option value="" selected=true>{ "—" }</option>
                    <option value="math">{ "математика" }</option>
                    <option value="rus">{ "русский язык" }</option>
                </select></label>
            }
            if p.grade.is_none() {
                <label>{ "класс " }<select class="pick-grade" onchange={grade}>
                    <option value="" selected=true>{ "—" }</option>
                    { for (4..=8).map(|g| html! { <option value={g.to_string()}>{ g }</option> }) }
                </select></label>
            }
            if p.year.is_none() {
                <label>{ "учебный год " }<select class="pick-year" onchange={year}>
                    <option value="" selected=true>{ "—" }</option>
                    { for (2015u16..=2030).rev().map(|y| html! { <option value={y.to_string()}>{ format!("{y}-{}", y + 1) }</option> }) }
                </select></label>
            }
        </div>
    }
}

fn meta_line(p: &Protocol) -> String {
    let present = p.pupils.iter().filter(|x| !x.absent).count();
    let absent = p.pupils.len() - present;
    let mut parts = vec![
        ru::count(present as u64, "участник", "участника", "участников"),
        format!("отсутствовали — {absent}"),
        ru::count(p.tasks.len() as u64, "задание", "задания", "заданий"),
        format!("максимум {} б.", p.max_total()),
    ];
    if !p.identified_by.is_empty() {
        parts.push(format!("предмет и класс: {}", p.identified_by));
    }
    parts.join(" · ")
}

#[function_component(ProtocolView)]
pub fn protocol_view(props: &Props) -> Html {
    let over = use_state(|| false);
    let p = &props.protocols;
    let act = |a: fn() -> ProtocolAction| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a()))
    };
    let zone = {
        let (cb, err) = (props.on_action.clone(), props.on_error.clone());
        drop_zone::handlers(&over, move |files| open_all(files, cb.clone(), err.clone()))
    };
    let has_analysis = p.items.iter().any(|i| matches!(i.analysis, Some(Ok(_))));
    let open = !p.items.is_empty() || p.reading.is_some() || !p.outcome.is_empty();
    html! {
        <section class={classes!("protocols", open.then_some("open"))} id="protocols" aria-labelledby="protocols-h">
            <h2 id="protocols-h">{ "Протоколы ВПР из ФИС ОКО" }</h2>
            <div class={classes!("dropzone", "compact", "no-print", (*over).then_some("over"))}
                ondragover={zone.ondragover} ondragleave={zone.ondragleave} ondrop={zone.ondrop}
                data-testid="protocol-dropzone">
                <input id="protocol-input" class="visually-hidden" type="file" multiple=true accept={ACCEPT} onchange={zone.onchange}
                    aria-describedby="protocol-hint" />
                <label for="protocol-input" class="button">{ "Открыть протоколы ВПР…" }</label>
                <span id="protocol-hint" class="hint">
                    { "Протоколы проверки ВПР (Excel из ФИС ОКО, можно несколько сразу): отметки, задания, сравнение с журналом и доли «2» для ДТК" }
                </span>
            </div>
            if p.reading.is_some() {
                <p role="status" class="muted">{ "Читаю протоколы…" }</p>
            }
            { for p.items.iter().enumerate().map(|(k, item)| {
                let title = match &item.protocol {
                    Ok(pr) => pr.title(),
                    Err(_) => "Файл не прочитан".to_string(),
                };
                html! {
                    <article class="protocol" data-file={item.file.clone()}>
                        <h3>{ ru::capitalize(&title) }<span class="muted">{ format!(" — «{}»", item.file) }</span></h3>
                        { match &item.protocol {
                            Err(e) => html! { <p class="protocol-error" role="alert">{ e }</p> },
                            Ok(pr) => html! { <>
                                <p class="muted">{ meta_line(pr) }</p>
                                { identify_picker(k, pr, &props.on_action) }
                                <div class="scale no-print" role="group" aria-label={format!("Шкала: {}", title)}>
                                    <span>{ "Шкала (наименьший балл):" }</span>
                                    { for ["«3»", "«4»", "«5»"].iter().enumerate().map(|(c, mark)| {
                                        let cb = props.on_action.clone();
                                        let oninput = Callback::from(move |e: InputEvent| {
                                            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                            cb.emit(ProtocolAction::Cut { item: k, cut: c, text: input.value() });
                                        });
                                        html! { <label>{ format!("{mark} от ") }
                                            <input type="number" min="1" max={pr.max_total().to_string()} class="cut"
                                                data-cut={c.to_string()} value={item.cuts[c].clone()} {oninput} />
                                        </label> }
                                    }) }
                                    <button type="button" class="button small apply-scale"
                                        onclick={ let cb = props.on_action.clone(); Callback::from(move |_| cb.emit(ProtocolAction::Apply(k))) }>
                                        { "Применить" }
                                    </button>
                                </div>
                                <p class="scale-source">{ format!("Шкала: {}", item.source) }</p>
                                { match &item.analysis {
                                    None => html! { <p class="muted">{ "Проверьте шкалу этого года и нажмите «Применить»." }</p> },
                                    Some(Err(e)) => html! { <p class="protocol-error" role="alert">{ e }</p> },
                                    Some(Ok(a)) => html! { <>
                                        <p class="scale-used">{ format!("Перевод баллов: {}", a.scale.describe(a.max_total)) }</p>
                                        { for a.schools.iter().map(|s| school_block(a, s)) }
                                    </> },
                                } }
                                if !pr.diagnostics.is_empty() {
                                    <details class="protocol-notes" open=true>
                                        <summary>{ format!("Замечания ({})", pr.diagnostics.len()) }</summary>
                                        <ul>{ for pr.diagnostics.iter().map(|d| html! { <li>{ d.to_string() }</li> }) }</ul>
                                    </details>
                                }
                            </> },
                        } }
                    </article>
                }
            }) }
            if let Some(m) = &p.pending {
                <div class="merge-question" role="alertdialog" aria-labelledby="merge-q">
                    <p id="merge-q"><strong>{ "В ДТК уже введены другие значения. Заменить их значениями из протоколов?" }</strong></p>
                    <table class="merge-table">
                        <thead><tr>
                            <th scope="col">{ "Показатель" }</th><th scope="col">{ "Учебный год" }</th>
                            <th scope="col">{ "Сейчас в ДТК" }</th><th scope="col">{ "Из протокола ФИС ОКО" }</th>
                        </tr></thead>
                        <tbody>{ for m.proposals.iter().filter(|x| !x.agrees).map(|x| html! {
                            <tr class={classes!(x.replaces().then_some("differs"))}>
                                <th scope="row">{ ru::capitalize(&x.label) }</th>
                                <td>{ x.year.to_string() }</td>
                                <td>{ x.existing.clone().unwrap_or_else(|| "—".into()) }</td>
                                <td>{ x.display() }</td>
                            </tr>
                        }) }</tbody>
                    </table>
                    <button type="button" class="button primary" id="merge-replace"
                        onclick={ let cb = props.on_action.clone(); Callback::from(move |_| cb.emit(ProtocolAction::Confirm { replace: true })) }>
                        { "Заменить значениями из протоколов" }
                    </button>
                    <button type="button" class="button" id="merge-keep"
                        onclick={ let cb = props.on_action.clone(); Callback::from(move |_| cb.emit(ProtocolAction::Confirm { replace: false })) }>
                        { "Оставить введённые (вписать только пустые)" }
                    </button>
                </div>
            }
            if !p.outcome.is_empty() {
                <ul class="merge-outcome" role="status">{ for p.outcome.iter().map(|o| html! { <li>{ o }</li> }) }</ul>
            }
            if !p.items.is_empty() {
                <div class="actions no-print">
                    <button type="button" class="button primary" id="protocols-to-dtk" disabled={!has_analysis}
                        title={if props.has_school { "Вписать доли «2» в строки ВПР открытой ДТК" } else { "Сначала откройте шаблон ДТК школы" }}
                        onclick={act(|| ProtocolAction::AddToDtk)}>{ "Добавить в ДТК" }</button>
                    <button type="button" class="button" id="protocols-print" disabled={!has_analysis}
                        onclick={ let cb = props.on_print.clone(); Callback::from(move |_| cb.emit(())) }>{ "Печать анализа" }</button>
                    <button type="button" class="button" id="protocols-xlsx" disabled={!has_analysis}
                        onclick={ let cb = props.on_xlsx.clone(); Callback::from(move |_| cb.emit(())) }>{ "Анализ в XLSX" }</button>
                    <button type="button" class="button subtle" onclick={act(|| ProtocolAction::Close)}>{ "Закрыть протоколы" }</button>
                </div>
            }
        </section>
    }
}
