//! Statuses by municipality as an SVG bar chart: one stacked bar per municipality (ШНОР, зона
//! риска, недостаточно данных, не выявлена), the whole file on top. Inline SVG: crisp on screen
//! and in print, nothing to load. A table with the same numbers sits next to it for reading.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::identify::Status;
use crate::core::overview::NO_MUNICIPALITY;
use crate::core::schools::MunicipalityCount;

/// The most municipalities drawn; the table lists them all.
pub const MAX_BARS: usize = 25;

#[derive(Properties)]
pub struct Props {
    /// The whole file's counts.
    pub total: Rc<MunicipalityCount>,
    /// Municipalities, in the order to draw (at most `MAX_BARS` are drawn).
    pub municipalities: Rc<Vec<MunicipalityCount>>,
    /// How many municipalities the file has in all.
    pub of: usize,
}

/// The same data is the same `Rc` (memoised by the parent): no need to compare 2 000 entries.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.total, &other.total)
            && Rc::ptr_eq(&self.municipalities, &other.municipalities)
            && self.of == other.of
    }
}

/// The colour of a status (the report's palette).
pub fn colour(s: Status) -> &'static str {
    match s {
        Status::Shnor => "#b3261e",
        Status::Risk => "#d08a1b",
        Status::InsufficientData => "#8b939c",
        Status::NotShnor => "#3f8a55",
    }
}

fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

#[function_component(MunicipalityChart)]
pub fn municipality_chart(props: &Props) -> Html {
    let mut bars: Vec<&MunicipalityCount> = vec![&*props.total];
    bars.extend(props.municipalities.iter().take(MAX_BARS));
    let label_w = 250.0;
    let plot_w = 470.0;
    let value_w = 120.0;
    let bar_h = 16.0;
    let gap = 7.0;
    let top = 34.0;
    let height = top + bars.len() as f64 * (bar_h + gap) + 8.0;
    let width = label_w + plot_w + value_w;
    let count = |m: &MunicipalityCount, s: Status| m.counts.get(&s).copied().unwrap_or(0);
    let summary = format!(
        "Статусы школ по муниципалитетам: всего {} школ, из них ШНОР {}, зона риска {}",
        props.total.total,
        count(&props.total, Status::Shnor),
        count(&props.total, Status::Risk)
    );
    // Legend entries one after another, each as wide as its label (about 7 px a letter).
    let mut at = label_w;
    let legend = Status::ALL.iter().map(|s| {
        let x = at;
        at += 30.0 + s.label().chars().count() as f64 * 7.0;
        html! {
            <g>
                <rect x={x.to_string()} y="6" width="12" height="12" fill={colour(*s)} />
                <text x={(x + 17.0).to_string()} y="16" class="legend">{ s.label() }</text>
            </g>
        }
    });
    let rows = bars.iter().enumerate().map(|(k, m)| {
        let y = top + k as f64 * (bar_h + gap);
        // Each bar is the municipality's own 100 %: the shares compare, the counts are written.
        let scale = if m.total > 0 { plot_w / m.total as f64 } else { 0.0 };
        let mut x = label_w;
        let segments = Status::ALL.iter().filter_map(|s| {
            let n = count(m, *s);
            if n == 0 {
                return None;
            }
            let w = n as f64 * scale;
            let seg = html! {
                <rect x={format!("{x:.1}")} y={y.to_string()} width={format!("{w:.1}")} height={bar_h.to_string()}
                    fill={colour(*s)}>
                    <title>{ format!("{}: {} — {n} из {}", m.municipality, s.label(), m.total) }</title>
                </rect>
            };
            x += w;
            Some(seg)
        });
        let name = if k == 0 { "Все школы файла".to_string() } else { short(&m.municipality, 34) };
        let shnor = count(m, Status::Shnor);
        html! {
            <g class={classes!((k == 0).then_some("all"))}>
                <text x={(label_w - 8.0).to_string()} y={(y + bar_h - 4.0).to_string()} text-anchor="end" class="label">
                    { name }
                    <title>{ m.municipality.clone() }</title>
                </text>
                { for segments }
                <text x={(label_w + plot_w + 8.0).to_string()} y={(y + bar_h - 4.0).to_string()} class="value">
                    { format!("{shnor} из {}", m.total) }
                </text>
            </g>
        }
    });
    let note = if props.of > props.municipalities.len().min(MAX_BARS) {
        format!(
            "Показаны {} из {} муниципалитетов — с наибольшим числом ШНОР; все — в таблице. Справа: ШНОР из числа школ.",
            props.municipalities.len().min(MAX_BARS),
            props.of
        )
    } else {
        "Справа: число ШНОР из числа школ муниципалитета.".to_string()
    };
    html! {
        <figure class="mun-chart">
            <svg viewBox={format!("0 0 {width} {height}")} width="100%" role="img" aria-label={summary}
                preserveAspectRatio="xMinYMin meet">
                { for legend }
                { for rows }
            </svg>
            <figcaption class="hint">{ note }</figcaption>
        </figure>
    }
}

/// The order of the chart: most ШНОР first, then most «зона риска», then most schools; the
/// schools without a municipality last.
pub fn chart_order(list: &[MunicipalityCount]) -> Vec<MunicipalityCount> {
    let mut v = list.to_vec();
    let c = |m: &MunicipalityCount, s: Status| m.counts.get(&s).copied().unwrap_or(0);
    v.sort_by(|a, b| {
        (a.municipality == NO_MUNICIPALITY)
            .cmp(&(b.municipality == NO_MUNICIPALITY))
            .then(c(b, Status::Shnor).cmp(&c(a, Status::Shnor)))
            .then(c(b, Status::Risk).cmp(&c(a, Status::Risk)))
            .then(b.total.cmp(&a.total))
            .then(a.municipality.cmp(&b.municipality))
    });
    v
}
