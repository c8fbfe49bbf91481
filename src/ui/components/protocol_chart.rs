//! Two small SVG charts of a protocol analysis, in the style of `chart.rs` (inline SVG: crisp
//! on screen, vector in print): the marks «2»–«5» of a group, and the percent of each task's
//! maximum against the 50 % line (tasks below it in red).

use yew::prelude::*;

use crate::core::protocol::analysis::WEAK_TASK_PERCENT;
use crate::core::protocol::Group;
use crate::core::ru;

const BAR: &str = "#3f6fa3";
const LOW: &str = "#b3261e";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub group: Group,
    pub title: AttrValue,
}

/// Marks «2»–«5»: a column each, with the count and the percent.
#[function_component(MarksChart)]
pub fn marks_chart(props: &Props) -> Html {
    let g = &props.group;
    let counts = [g.marks.n2, g.marks.n3, g.marks.n4, g.marks.n5];
    let (w, h, top, bottom) = (320.0, 170.0, 22.0, 24.0);
    let plot_h = h - top - bottom;
    let col_w = w / 4.0;
    html! {
        <svg class="chart marks-chart" viewBox={format!("0 0 {w} {h}")} role="img"
            aria-label={props.title.clone()} xmlns="http://www.w3.org/2000/svg">
            <title>{ props.title.clone() }</title>
            { for counts.iter().enumerate().map(|(i, &n)| {
                let pct = g.mark_percent[i];
                let bh = pct / 100.0 * plot_h;
                let x = i as f64 * col_w + col_w * 0.2;
                let y = top + plot_h - bh;
                let fill = if i == 0 { LOW } else { BAR };
                html! { <g>
                    <rect x={format!("{x:.1}")} y={format!("{y:.1}")} width={format!("{:.1}", col_w * 0.6)}
                        height={format!("{bh:.1}")} fill={fill}>
                        <title>{ format!("«{}»: {n} ({})", i + 2, ru::percent(pct)) }</title>
                    </rect>
                    <text x={format!("{:.1}", x + col_w * 0.3)} y={format!("{:.1}", y - 4.0)} font-size="10.5"
                        text-anchor="middle" fill="#333">{ format!("{n} · {}", ru::percent(pct)) }</text>
                    <text x={format!("{:.1}", x + col_w * 0.3)} y={format!("{:.1}", h - 8.0)} font-size="12"
                        text-anchor="middle" fill="#1c1f23">{ format!("«{}»", i + 2) }</text>
                </g> }
            }) }
            <line x1="0" x2={w.to_string()} y1={(top + plot_h).to_string()} y2={(top + plot_h).to_string()}
                stroke="#888" stroke-width="1" />
        </svg>
    }
}

/// Percent of each task's maximum, a bar per task, the 50 % line dashed.
#[function_component(TasksChart)]
pub fn tasks_chart(props: &Props) -> Html {
    let tasks = &props.group.tasks;
    if tasks.is_empty() {
        return html! {};
    }
    let (label_w, plot_w, value_w, bar_h, top) = (56.0, 360.0, 70.0, 15.0, 8.0);
    let height = top + tasks.len() as f64 * bar_h + 22.0;
    let width = label_w + plot_w + value_w;
    let line_x = label_w + WEAK_TASK_PERCENT / 100.0 * plot_w;
    html! {
        <svg class="chart tasks-chart" viewBox={format!("0 0 {width} {height}")} role="img"
            aria-label={props.title.clone()} xmlns="http://www.w3.org/2000/svg">
            <title>{ props.title.clone() }</title>
            { for tasks.iter().enumerate().map(|(i, t)| {
                let y = top + i as f64 * bar_h;
                let weak = t.percent.is_some_and(|p| p < WEAK_TASK_PERCENT);
                let bw = t.percent.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0 * plot_w;
                let text = t.percent.map_or("не пройдено".to_string(), ru::percent);
                html! { <g>
                    <text x={(label_w - 6.0).to_string()} y={format!("{:.1}", y + bar_h / 2.0)} font-size="10.5"
                        text-anchor="end" dominant-baseline="middle" fill="#1c1f23">{ &t.name }</text>
                    <rect x={label_w.to_string()} y={format!("{:.1}", y + 1.5)} width={format!("{bw:.1}")}
                        height={(bar_h - 3.0).to_string()} fill={if weak { LOW } else { BAR }}>
                        <title>{ format!("Задание {} (макс. {}): {text}", t.name, t.max) }</title>
                    </rect>
                    <text x={format!("{:.1}", label_w + bw + 4.0)} y={format!("{:.1}", y + bar_h / 2.0)}
                        font-size="9.5" dominant-baseline="middle" fill={if weak { LOW } else { "#555" }}>{ text }</text>
                </g> }
            }) }
            <line x1={format!("{line_x:.1}")} x2={format!("{line_x:.1}")} y1={top.to_string()}
                y2={format!("{:.1}", height - 18.0)} stroke={LOW} stroke-width="1.2" stroke-dasharray="4 3" />
            <text x={format!("{line_x:.1}")} y={format!("{:.1}", height - 5.0)} font-size="10.5"
                text-anchor="middle" fill={LOW}>{ "50 % максимума" }</text>
        </svg>
    }
}
