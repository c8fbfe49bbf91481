//! One school against the set (municipal.md §2): for every indicator of the municipal report
//! the school's value, the set's value, the quartiles and the school's rank «N из M», with its
//! context (cluster, index parts, ШНСУ / resilient flags). The school is chosen in a list; its
//! own report opens from here too.

use yew::prelude::*;

use crate::core::many::text::value_text;
use crate::core::ru;
use crate::ui::state::Many;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub many: Many,
    pub on_open: Callback<usize>,
}

#[function_component(SchoolAgainstSet)]
pub fn school_against_set(props: &Props) -> Html {
    let chosen = use_state(|| 0usize);
    let overview = &props.many.overview;
    let Some(m) = overview.municipal.as_deref() else {
        return html! {};
    };
    let lines = &overview.summary.schools;
    let i = (*chosen).min(lines.len().saturating_sub(1));
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            chosen.set(select.value().parse().unwrap_or(0));
        })
    };
    let open = {
        let cb = props.on_open.clone();
        Callback::from(move |_| cb.emit(i))
    };
    let c = m.context.schools.get(i);
    let context = c.map(|c| {
        let mut parts = vec![format!(
            "кластер: {}",
            c.cluster.map_or("не определён", |k| k.label())
        )];
        if let Some(v) = c.index {
            let shown: Vec<String> = c
                .parts
                .iter()
                .map(|p| {
                    format!(
                        "{} {} (z {})",
                        p.code,
                        ru::percent(p.value),
                        ru::decimal(p.z, 2)
                    )
                })
                .collect();
            parts.push(format!(
                "индекс контекста {}: {}",
                ru::decimal(v, 2),
                shown.join("; ")
            ));
        }
        if let Some(r) = c.result {
            parts.push(format!(
                "доля «2» по учитываемым процедурам {}{}",
                ru::percent(r),
                c.cluster_rank
                    .map(|k| format!(", место в кластере {k}"))
                    .unwrap_or_default()
            ));
        }
        if c.shnsu {
            parts.push("ШНСУ — проверить".to_string());
        }
        if c.resilient {
            parts.push("резильентная".to_string());
        }
        parts.join("; ")
    });
    html! {
        <div class="school-vs-set">
            <div class="field no-print">
                <label for="vs-school">{ "Школа" }</label>
                <select id="vs-school" {onchange}>
                    { for lines.iter().enumerate().map(|(k, l)| html! {
                        <option value={k.to_string()} selected={k == i}>{ &l.school }</option>
                    }) }
                </select>
                <button type="button" class="button subtle" onclick={open}>{ "Открыть отчёт школы" }</button>
            </div>
            <p>
                <strong>{ lines.get(i).map(|l| l.school.clone()).unwrap_or_default() }</strong>
                { lines.get(i).map(|l| format!(" — {}", l.status.label())).unwrap_or_default() }
                if let Some(t) = context { <br /><span class="muted">{ t }</span> }
            </p>
            <table class="mun-table" data-testid="school-vs-set">
                <thead><tr>
                    <th scope="col">{ "Показатель" }</th>
                    <th scope="col" class="num">{ "Год" }</th>
                    <th scope="col" class="num">{ "Школа" }</th>
                    <th scope="col" class="num">{ "Совокупность" }</th>
                    <th scope="col" class="num">{ "Квартили (Q1 — медиана — Q3)" }</th>
                    <th scope="col" class="num">{ "Место" }</th>
                </tr></thead>
                <tbody>
                { for m.indicators.iter().filter_map(|p| {
                    let st = p.standing.as_ref()?;
                    let v = st.values.get(i).copied().flatten()?;
                    let n = st.values.iter().flatten().count();
                    let set = p.years.iter().find(|x| x.year == st.year).map(|x| value_text(p, x.value)).unwrap_or_default();
                    let rank = st.ranks.get(i).copied().flatten();
                    let beyond = if st.worse(p.polarity()).contains(&i) { Some("worse") }
                        else if st.better(p.polarity()).contains(&i) { Some("better") } else { None };
                    Some(html! {
                        <tr class={classes!(beyond)}>
                            <td>{ &p.label }</td>
                            <td class="num">{ st.year.to_string() }</td>
                            <td class="num">{ value_text(p, v) }</td>
                            <td class="num">{ set }</td>
                            <td class="num">{ format!("{} — {} — {}", value_text(p, st.q1), value_text(p, st.median), value_text(p, st.q3)) }</td>
                            <td class="num">{ rank.map(|r| format!("{r} из {n}")).unwrap_or_default() }</td>
                        </tr>
                    })
                }) }
                </tbody>
            </table>
        </div>
    }
}
