//! The worker's progress: what it is doing, a progress bar, the time spent and a cancel
//! button. The text is announced politely to screen readers (at most every few seconds: the
//! bar itself moves silently).

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::core::{overview, ru};
use crate::ui::state::{Progress, Stage};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub progress: Progress,
    pub on_cancel: Callback<()>,
}

fn stage_text(p: &Progress) -> String {
    let mib = |b: f64| format!("{:.0}", b / (1024.0 * 1024.0));
    match p.stage {
        Stage::Start => "Запуск обработчика…".to_string(),
        Stage::Read => format!(
            "Чтение файла с диска: {} из {} МБ",
            mib(p.done),
            mib(p.total)
        ),
        Stage::Files => format!("Чтение файлов: {} из {}", p.done as u64, p.total as u64),
        Stage::Parse => format!("Разбор строк: {} из {} МБ", mib(p.done), mib(p.total)),
        Stage::Identify if p.total > 0.0 => format!(
            "Определение статусов: {} из {} {}",
            overview::thousands(p.done as u64),
            overview::thousands(p.total as u64),
            ru::plural(p.total as u64, "школы", "школ", "школ")
        ),
        Stage::Identify => "Пересчёт статусов…".to_string(),
        Stage::School => "Открываю отчёт школы…".to_string(),
    }
}

#[function_component(ProgressPanel)]
pub fn progress_panel(props: &Props) -> Html {
    // Seconds since the job started: ticking proves the page is alive while the worker works.
    let seconds = use_state_eq(|| 0u32);
    {
        let seconds = seconds.clone();
        use_effect_with(props.progress.file.clone(), move |_| {
            seconds.set(0);
            let start = js_sys::Date::now();
            let timer = Interval::new(500, move || {
                seconds.set(((js_sys::Date::now() - start) / 1000.0) as u32);
            });
            move || drop(timer)
        });
    }
    let p = &props.progress;
    let percent = (p.fraction() * 100.0).round() as u32;
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    // The live region repeats only the stage and a coarse percentage (every 10 %).
    let spoken = format!("{}: {} %", stage_label(p.stage), percent / 10 * 10);
    html! {
        <section class="progress-panel no-print" aria-labelledby="progress-h" data-testid="progress">
            <h2 id="progress-h">{ format!("Открываю «{}»", p.file) }</h2>
            <div class="progress-row">
                <progress id="progress-bar" max="100" value={percent.to_string()}
                    aria-describedby="progress-text">{ format!("{percent} %") }</progress>
                <span class="progress-percent" aria-hidden="true">{ format!("{percent} %") }</span>
                <button type="button" class="button" onclick={on_cancel}>{ "Отменить" }</button>
            </div>
            <p id="progress-text" class="progress-text">
                { stage_text(p) }
                <span class="elapsed" data-testid="elapsed">{ format!(" · прошло {} с", *seconds) }</span>
            </p>
            <p class="visually-hidden" role="status" aria-live="polite">{ spoken }</p>
            <p class="hint">{ "Файл читается в отдельном потоке: страницей можно пользоваться, пока идёт работа." }</p>
        </section>
    }
}

fn stage_label(s: Stage) -> &'static str {
    match s {
        Stage::Start => "Запуск",
        Stage::Read => "Чтение файла",
        Stage::Files => "Чтение файлов",
        Stage::Parse => "Разбор строк",
        Stage::Identify => "Определение статусов",
        Stage::School => "Открываю отчёт школы",
    }
}
