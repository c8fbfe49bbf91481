//! The identification settings, visible and changeable on the page; every change recomputes at
//! once. Defaults are the methodology's (see domain.md §1) and are marked as such.

use yew::prelude::*;

use crate::core::catalogue::{self, INDICATORS};
use crate::core::identify::{short_label, Combine, Settings};
use crate::core::model::Year;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub settings: Settings,
    pub years: Vec<Year>,
    pub on_change: Callback<Settings>,
}

#[function_component(SettingsPanel)]
pub fn settings_panel(props: &Props) -> Html {
    let s = &props.settings;
    let update = |f: fn(&mut Settings, String)| {
        let (cb, s) = (props.on_change.clone(), s.clone());
        Callback::from(move |e: Event| {
            let mut next = s.clone();
            let target = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let value = if target.type_() == "checkbox" {
                target.checked().to_string()
            } else {
                target.value()
            };
            f(&mut next, value);
            cb.emit(next);
        })
    };
    let on_as_of = {
        let (cb, s) = (props.on_change.clone(), s.clone());
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let mut next = s.clone();
            next.as_of = Year::parse(&v);
            cb.emit(next);
        })
    };
    let procedures: Vec<_> = INDICATORS
        .iter()
        .filter(|i| i.procedure.is_some() && i.retake_of.is_none())
        .collect();
    let defaults = catalogue::default_procedures();
    html! {
        <form class="settings no-print" aria-label="Параметры идентификации" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ "Учебный год идентификации" }</legend>
                <label for="as-of" class="visually-hidden">{ "Год идентификации" }</label>
                <select id="as-of" onchange={on_as_of}>
                    <option value="" selected={s.as_of.is_none()}>{ "последний год с результатами (по умолчанию)" }</option>
                    { for props.years.iter().rev().map(|y| html! {
                        <option value={y.to_string()} selected={s.as_of == Some(*y)}>{ y.to_string() }</option>
                    }) }
                </select>
            </fieldset>
            <fieldset>
                <legend>{ "Условия 1 и 2" }</legend>
                <label><input type="radio" name="combine" value="or" checked={s.combine == Combine::Or}
                    onchange={update(|s, _| s.combine = Combine::Or)} />{ " ИЛИ — достаточно одного (по умолчанию)" }</label>
                <label><input type="radio" name="combine" value="and" checked={s.combine == Combine::And}
                    onchange={update(|s, _| s.combine = Combine::And)} />{ " И — нужны оба" }</label>
                <label><input type="checkbox" checked={s.same_procedure}
                    onchange={update(|s, v| s.same_procedure = v == "true")} />
                    { " Условие 2 — по одной и той же процедуре" }</label>
                <label><input type="checkbox" checked={s.use_retakes}
                    onchange={update(|s, v| s.use_retakes = v == "true")} />
                    { " Учитывать пересдачу (результат после пересдачи вместо основного)" }</label>
            </fieldset>
            <fieldset>
                <legend>{ "Динамика" }</legend>
                <label for="threshold">{ "Порог «стабильной» динамики, п.п. (по умолчанию 3)" }</label>
                <input id="threshold" type="number" min="0" max="50" step="0.5"
                    value={s.stable_threshold_pp.to_string()}
                    onchange={update(|s, v| if let Ok(t) = v.replace(',', ".").parse::<f64>() {
                        if (0.0..=50.0).contains(&t) { s.stable_threshold_pp = t; }
                    })} />
            </fieldset>
            <fieldset class="procs-set">
                <legend>{ "Учитываемые процедуры" }</legend>
                <div class="procs">
                    { for procedures.iter().map(|ind| {
                        let code = ind.code;
                        let checked = s.procedures.iter().any(|p| p == code);
                        let (cb, settings) = (props.on_change.clone(), s.clone());
                        let onchange = Callback::from(move |e: Event| {
                            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                            let mut next = settings.clone();
                            next.procedures.retain(|p| p != code);
                            if on { next.procedures.push(code.to_string()); }
                            cb.emit(next);
                        });
                        let by_default = defaults.contains(&code);
                        html! {
                            <label>
                                <input type="checkbox" {checked} {onchange} />
                                { format!(" {}", short_label(ind)) }
                                if by_default { <span class="badge">{ "по умолчанию" }</span> }
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
        </form>
    }
}
