//! A small inline SVG line of an indicator over the years (vector, so it prints sharp).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// One value per year column; gaps are `None`.
    pub values: Vec<Option<f64>>,
    /// An accessible description («динамика: 18,2 % → 34,5 %»).
    pub title: AttrValue,
}

const W: f64 = 64.0;
const H: f64 = 18.0;

#[function_component(Sparkline)]
pub fn sparkline(props: &Props) -> Html {
    let present: Vec<f64> = props.values.iter().flatten().copied().collect();
    if present.len() < 2 {
        return html! {};
    }
    let (lo, hi) = present
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let span = if (hi - lo).abs() < f64::EPSILON {
        1.0
    } else {
        hi - lo
    };
    let n = props.values.len().max(2) as f64 - 1.0;
    let points: Vec<(f64, f64)> = props
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            v.map(|v| {
                (
                    2.0 + i as f64 * (W - 4.0) / n,
                    H - 2.0 - (v - lo) / span * (H - 4.0),
                )
            })
        })
        .collect();
    let path = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <svg class="spark" width={W.to_string()} height={H.to_string()} viewBox={format!("0 0 {W} {H}")}
            role="img" aria-label={props.title.clone()}>
            <title>{ props.title.clone() }</title>
            <polyline points={path} fill="none" stroke="#1f5fa8" stroke-width="1.5" />
            { for points.iter().map(|(x, y)| html! {
                <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="1.8" fill="#1f5fa8" />
            }) }
        </svg>
    }
}
