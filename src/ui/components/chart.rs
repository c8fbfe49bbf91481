//! An SVG chart of the shares of «2» / below-minimum per procedure and year against the 30 %
//! line. Inline SVG: crisp on screen and vector in print, no chart library to load.
//!
//! Two layouts of the same bars: a wide one (names left of the bars) for the screen, and a
//! compact one (the name above, each bar with its year written beside it) that the stylesheets
//! show on a phone and on paper, where the wide one would shrink its text below 8 pt. A low
//! bar keeps its year's colour and gets a red outline and a red bold value, so the years stay
//! apart without relying on colour.

use yew::prelude::*;

/// One bar: a procedure's share in one year.
#[derive(Clone, PartialEq)]
pub struct Bar {
    pub year: String,
    pub percent: Option<f64>,
    pub low: bool,
    /// What the bar says («36,7 %», «не проводилась»).
    pub text: String,
}

/// One procedure with a bar per year.
#[derive(Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub bars: Vec<Bar>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rows: Vec<Row>,
    /// The line drawn across (30 %).
    pub threshold: f64,
    pub title: AttrValue,
}

const YEAR_COLOURS: [&str; 6] = [
    "#b8c9dc", "#7d9cc0", "#3f6fa3", "#1f4f86", "#163a63", "#0d2540",
];
const LOW_COLOUR: &str = "#b3261e";

#[function_component(SharesChart)]
pub fn shares_chart(props: &Props) -> Html {
    if props.rows.is_empty() {
        return html! {};
    }
    let years = props
        .rows
        .iter()
        .map(|r| r.bars.len())
        .max()
        .unwrap_or(1)
        .max(1);
    // Wide enough for the longest procedure name at 11.5 px («ЕГЭ математика профильный
    // уровень»), measured from the rows so that longer names still fit.
    let longest = props
        .rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let label_w = (longest * 6.8 + 16.0).max(120.0);
    let plot_w = 440.0;
    let value_w = 90.0;
    let bar_h = 11.0;
    let gap = 8.0;
    let row_h = years as f64 * bar_h + gap;
    let top = 28.0;
    let height = top + props.rows.len() as f64 * row_h + 24.0;
    let width = label_w + plot_w + value_w;
    let max = props
        .rows
        .iter()
        .flat_map(|r| r.bars.iter().filter_map(|b| b.percent))
        .fold(props.threshold + 10.0, f64::max)
        .min(100.0);
    let scale = |p: f64| label_w + p.clamp(0.0, 100.0) / max * plot_w;
    let threshold_x = scale(props.threshold);
    let legend_years: Vec<String> = props
        .rows
        .iter()
        .max_by_key(|r| r.bars.len())
        .map(|r| r.bars.iter().map(|b| b.year.clone()).collect())
        .unwrap_or_default();
    html! { <>
        <svg class="chart chart-wide" viewBox={format!("0 0 {width} {height}")} role="img"
            aria-label={props.title.clone()} xmlns="http://www.w3.org/2000/svg">
            <title>{ props.title.clone() }</title>
            // Legend: one swatch per year.
            { for legend_years.iter().enumerate().map(|(i, y)| {
                let x = label_w + i as f64 * 110.0;
                html! { <g>
                    <rect x={x.to_string()} y="4" width="12" height="12" fill={YEAR_COLOURS[i % YEAR_COLOURS.len()]} />
                    <text x={(x + 16.0).to_string()} y="14" font-size="11" fill="#333">{ y }</text>
                </g> }
            }) }
            { for props.rows.iter().enumerate().map(|(ri, row)| {
                let y0 = top + ri as f64 * row_h;
                html! { <g>
                    <text x={(label_w - 8.0).to_string()} y={(y0 + row_h / 2.0).to_string()} font-size="11.5"
                        text-anchor="end" dominant-baseline="middle" fill="#1c1f23">{ &row.label }</text>
                    { for row.bars.iter().enumerate().map(|(bi, bar)| {
                        let y = y0 + bi as f64 * bar_h;
                        let w = bar.percent.map(|p| scale(p) - label_w).unwrap_or(0.0).max(0.0);
                        let fill = YEAR_COLOURS[bi % YEAR_COLOURS.len()];
                        html! { <g>
                            <rect x={label_w.to_string()} y={y.to_string()} width={format!("{w:.1}")}
                                height={(bar_h - 2.0).to_string()} fill={fill}
                                stroke={if bar.low { LOW_COLOUR } else { "none" }} stroke-width="1.5">
                                <title>{ format!("{}, {}: {}", row.label, bar.year, shown(&bar.text)) }</title>
                            </rect>
                            <text x={format!("{:.1}", label_w + w + 4.0)} y={(y + bar_h / 2.0).to_string()}
                                font-size="9.5" dominant-baseline="middle"
                                fill={if bar.low { LOW_COLOUR } else { "#555" }}
                                font-weight={if bar.low { "700" } else { "400" }}>{ shown(&bar.text) }</text>
                        </g> }
                    }) }
                </g> }
            }) }
            <line x1={format!("{threshold_x:.1}")} x2={format!("{threshold_x:.1}")} y1={(top - 4.0).to_string()}
                y2={(height - 20.0).to_string()} stroke={LOW_COLOUR} stroke-width="1.5" stroke-dasharray="4 3" />
            <text x={format!("{threshold_x:.1}")} y={(height - 6.0).to_string()} font-size="11" text-anchor="middle"
                fill={LOW_COLOUR}>{ format!("{} % — порог низкого результата", props.threshold) }</text>
            <line x1={label_w.to_string()} x2={label_w.to_string()} y1={(top - 4.0).to_string()}
                y2={(height - 20.0).to_string()} stroke="#888" stroke-width="1" />
        </svg>
        { compact(props, max) }
    </> }
}

/// The compact layout: 360 units wide, so 10-unit text is 10 px on a phone and about 9 pt in
/// 120 mm of paper.
fn compact(props: &Props, max: f64) -> Html {
    let width = 360.0;
    let (year_w, plot_x, plot_w) = (64.0, 68.0, 130.0);
    let (name_h, bar_h, gap) = (16.0, 13.0, 8.0);
    let row_h = |r: &Row| name_h + r.bars.len() as f64 * bar_h + gap;
    let height = props.rows.iter().map(row_h).sum::<f64>() + 22.0;
    let scale = |p: f64| p.clamp(0.0, 100.0) / max * plot_w;
    let threshold_x = plot_x + scale(props.threshold);
    let mut y0 = 0.0;
    html! {
        <svg class="chart chart-compact" viewBox={format!("0 0 {width} {height:.0}")} role="img"
            aria-label={props.title.clone()} xmlns="http://www.w3.org/2000/svg">
            <title>{ props.title.clone() }</title>
            { for props.rows.iter().map(|row| {
                let top = y0;
                y0 += row_h(row);
                html! { <g>
                    <text x="0" y={format!("{:.1}", top + 12.0)} font-size="11" font-weight="700" fill="#1c1f23">{ &row.label }</text>
                    { for row.bars.iter().enumerate().map(|(bi, bar)| {
                        let y = top + name_h + bi as f64 * bar_h;
                        let w = bar.percent.map(scale).unwrap_or(0.0).max(0.0);
                        let fill = YEAR_COLOURS[bi % YEAR_COLOURS.len()];
                        let value = if bar.low { format!("{} — низкий", bar.text) } else { shown(&bar.text) };
                        html! { <g>
                            <text x={(year_w - 2.0).to_string()} y={format!("{:.1}", y + 8.5)} font-size="10" text-anchor="end" fill="#333">{ &bar.year }</text>
                            <rect x={plot_x.to_string()} y={format!("{y:.1}")} width={format!("{w:.1}")} height={(bar_h - 3.0).to_string()}
                                fill={fill} stroke={if bar.low { LOW_COLOUR } else { "none" }} stroke-width="1.5" />
                            // A white halo keeps the value readable where the 30 % line crosses it.
                            <text x={format!("{:.1}", plot_x + w + 3.0)} y={format!("{:.1}", y + 8.5)} font-size="10"
                                stroke="#fff" stroke-width="3" paint-order="stroke"
                                fill={if bar.low { LOW_COLOUR } else { "#444" }} font-weight={if bar.low { "700" } else { "400" }}>{ value }</text>
                        </g> }
                    }) }
                </g> }
            }) }
            <line x1={format!("{threshold_x:.1}")} x2={format!("{threshold_x:.1}")} y1="14"
                y2={format!("{:.1}", height - 18.0)} stroke={LOW_COLOUR} stroke-width="1.2" stroke-dasharray="4 3" />
            <text x={format!("{threshold_x:.1}")} y={format!("{:.1}", height - 5.0)} font-size="10" text-anchor="middle"
                fill={LOW_COLOUR}>{ format!("{} % — порог", props.threshold) }</text>
        </svg>
    }
}

/// A bar's words: an unreadable cell («ошибка: «1l5»») is «не прочитано» here — the table
/// above shows the error where it stands, and the chart (printed too) never carries error text.
fn shown(text: &str) -> String {
    if text.starts_with("ошибка: ") {
        "не прочитано".to_string()
    } else {
        text.to_string()
    }
}
