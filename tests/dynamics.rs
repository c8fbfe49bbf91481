//! Dynamics (docs/domain.md §2) and computed indicators: polarity, the «стабильная» threshold T
//! (default 3 п.п., `Settings::stable_threshold_pp`), its widening to 100/N for small groups,
//! «значительное ухудшение» at 10 п.п. worse, the three-year labels, and the catalogue's
//! formulas (`soo.continuing_share` = `soo.continuing` / `grade9.graduates`, …) as the report
//! computes them.

mod common;

use common::school;
use dtk_calc::core::catalogue::{Kind, Polarity};
use dtk_calc::core::compute::with_computed;
use dtk_calc::core::dynamics::{compute, Dynamics, Label, Point, Tone};
use dtk_calc::core::identify::Settings;
use dtk_calc::core::model::{Value, Year};
use dtk_calc::core::report::{indicator_rows, IndicatorRow};

const T: f64 = 3.0;

/// A series from (start year, value) pairs with no group sizes.
fn series(values: &[(u16, f64)]) -> Vec<Point> {
    values
        .iter()
        .map(|&(y, value)| Point {
            year: Year(y),
            value,
            group: None,
            part: None,
        })
        .collect()
}

/// A series of shares with group sizes.
fn groups(values: &[(u16, f64, u32)]) -> Vec<Point> {
    values
        .iter()
        .map(|&(y, value, n)| Point {
            year: Year(y),
            value,
            group: Some(n),
            part: None,
        })
        .collect()
}

fn share(points: &[Point], polarity: Polarity) -> Dynamics {
    compute(points, Kind::Share, polarity, T).expect("dynamics")
}

fn label(points: &[Point], polarity: Polarity) -> Label {
    share(points, polarity).label
}

use Polarity::*;

#[test]
fn polarity_decides_what_is_better() {
    // (from, to, polarity, label)
    let cases: &[(f64, f64, Polarity, Label)] = &[
        (20.0, 25.0, LowerBetter, Label::Negative),
        (25.0, 20.0, LowerBetter, Label::Positive),
        (40.0, 45.0, HigherBetter, Label::Positive),
        (45.0, 40.0, HigherBetter, Label::Negative),
        (40.0, 45.0, Neutral, Label::Increase),
        (45.0, 40.0, Neutral, Label::Decrease),
        (45.0, 46.0, Neutral, Label::Stable),
    ];
    for &(from, to, polarity, expected) in cases {
        let d = share(&series(&[(2021, from), (2022, to)]), polarity);
        assert_eq!(d.label, expected, "{from} → {to} ({polarity:?})");
    }
}

#[test]
fn labels_texts_and_tones() {
    let cases: &[(Label, &str, Tone)] = &[
        (Label::Positive, "положительная", Tone::Good),
        (Label::Negative, "отрицательная", Tone::Bad),
        (
            Label::SignificantWorsening,
            "значительное ухудшение",
            Tone::Bad,
        ),
        (Label::Stable, "стабильная", Tone::Stable),
        (Label::SteadyPositive, "устойчиво положительная", Tone::Good),
        (Label::SteadyNegative, "устойчиво отрицательная", Tone::Bad),
        (Label::Unstable, "неустойчивая", Tone::Neutral),
    ];
    for &(l, text, tone) in cases {
        assert_eq!(dtk_calc::core::dynamics::label_text(l), text);
        let mut d = share(&series(&[(2021, 20.0), (2022, 20.0)]), LowerBetter);
        d.label = l;
        assert_eq!(d.tone(), tone, "{l:?}");
    }
}

#[test]
fn threshold_t_is_inclusive_and_a_setting() {
    // |Δ| ≤ T is stable; just over it is a change.
    let cases: &[(f64, f64, f64, Label)] = &[
        (20.0, 23.0, 3.0, Label::Stable),
        (20.0, 17.0, 3.0, Label::Stable),
        (20.0, 23.1, 3.0, Label::Negative),
        (20.0, 16.9, 3.0, Label::Positive),
        (20.0, 24.0, 5.0, Label::Stable),
        (20.0, 25.5, 5.0, Label::Negative),
        (20.0, 21.0, 0.5, Label::Negative),
    ];
    for &(from, to, t, expected) in cases {
        let d = compute(
            &series(&[(2021, from), (2022, to)]),
            Kind::Share,
            LowerBetter,
            t,
        )
        .unwrap();
        assert_eq!(d.label, expected, "{from} → {to}, T = {t}");
        assert_eq!(d.threshold, t);
    }
}

/// A series of shares given as counts: (start year, part, whole).
fn ratios(values: &[(u16, u32, u32)]) -> Vec<Point> {
    values
        .iter()
        .map(|&(y, part, whole)| Point {
            year: Year(y),
            value: part as f64 * 100.0 / whole as f64,
            group: Some(whole),
            part: Some(part),
        })
        .collect()
}

#[test]
fn one_pupil_is_never_a_trend_edition_2() {
    // Edition 2 replaces the 100/N widening (domain.md §2: «where counts are known, a change is
    // a trend only if the numerator moved by at least 2 pupils as well as by more than T»).
    // ВПР математика 6 кл. 7/31 → 8/29 (issue 11): 22,6 % → 27,6 %, +5 п.п., one pupil more.
    let d = share(&ratios(&[(2021, 7, 31), (2022, 8, 29)]), LowerBetter);
    assert_eq!((d.label, d.threshold), (Label::Stable, 3.0));
    // ЕГЭ профиль 0 of 4 → 1 of 4: +25 п.п., one pupil — stable, not «значительное ухудшение».
    assert_eq!(
        share(&ratios(&[(2021, 0, 4), (2022, 1, 4)]), LowerBetter).label,
        Label::Stable
    );
    // Two pupils of four: a trend, and a significant one (+50 п.п.).
    assert_eq!(
        share(&ratios(&[(2021, 0, 4), (2022, 2, 4)]), LowerBetter).label,
        Label::SignificantWorsening
    );
    // 1 of 4 → 3 of 7: two pupils more and +17,9 п.п. — a trend under edition 2.
    assert_eq!(
        share(&ratios(&[(2021, 1, 4), (2022, 3, 7)]), LowerBetter).label,
        Label::SignificantWorsening
    );
    // 10/50 → 12/50: two pupils and +4 п.п. > T — negative.
    assert_eq!(
        share(&ratios(&[(2021, 10, 50), (2022, 12, 50)]), LowerBetter).label,
        Label::Negative
    );
    // A percentage of a known group: the numerator is estimated (20 % of 20 = 4 → 24,5 % ≈ 5).
    let d = share(&groups(&[(2021, 20.0, 20), (2022, 24.5, 20)]), LowerBetter);
    assert_eq!(d.label, Label::Stable);
    // The same change with no group size: +4,5 п.п. > T.
    assert_eq!(
        label(&series(&[(2021, 20.0), (2022, 24.5)]), LowerBetter),
        Label::Negative
    );
    // A setting T larger than the change keeps it stable even with 3 pupils.
    let d = compute(
        &ratios(&[(2021, 10, 50), (2022, 13, 50)]),
        Kind::Share,
        LowerBetter,
        6.0,
    )
    .unwrap();
    assert_eq!((d.label, d.threshold), (Label::Stable, 6.0));
}

#[test]
fn low_bases_edition_2() {
    // domain.md §2: both values under 10 %: ≥ 1 п.п. and ≥ a third of the earlier value is a
    // trend even under T. 1 % → 3 % (issue 11: «tripling» was «стабильная»).
    assert_eq!(
        label(&series(&[(2021, 1.0), (2022, 3.0)]), LowerBetter),
        Label::Negative
    );
    // «3,4 → 4,6 % is «рост»»: +1,2 п.п. ≥ 1 and ≥ 3,4 / 3 = 1,13.
    assert_eq!(
        label(&series(&[(2021, 3.4), (2022, 4.6)]), Neutral),
        Label::Increase
    );
    // +0,9 п.п. is under 1 п.п.: stable.
    assert_eq!(
        label(&series(&[(2021, 3.4), (2022, 4.3)]), LowerBetter),
        Label::Stable
    );
    // 6 → 7,5: +1,5 п.п. < 6 / 3 = 2: stable.
    assert_eq!(
        label(&series(&[(2021, 6.0), (2022, 7.5)]), LowerBetter),
        Label::Stable
    );
    // 8 → 11: not both under 10 %, and 3 п.п. is not more than T: stable.
    assert_eq!(
        label(&series(&[(2021, 8.0), (2022, 11.0)]), LowerBetter),
        Label::Stable
    );
    // The one-pupil rule still holds: 1/100 → 2/100 is +1 п.п. (doubling) but one pupil.
    assert_eq!(
        share(&ratios(&[(2021, 1, 100), (2022, 2, 100)]), LowerBetter).label,
        Label::Stable
    );
    assert_eq!(
        share(&ratios(&[(2021, 1, 100), (2022, 3, 100)]), LowerBetter).label,
        Label::Negative
    );
}

#[test]
fn context_shares_are_social_risk_not_the_schools_dynamics() {
    // domain.md §2 «Context is not performance»: low-income families 12 % → 20 %.
    let d = dtk_calc::core::dynamics::compute_context(
        &series(&[(2021, 12.0), (2022, 20.0)]),
        Kind::Share,
        T,
    )
    .unwrap();
    assert_eq!(
        (d.label, d.text, d.tone()),
        (Label::RiskUp, "социальный риск растёт", Tone::Neutral)
    );
    // And through the report: family.low_income is context in the catalogue.
    let s = common::school(&[
        ("family.low_income", 2021, "12"),
        ("family.low_income", 2022, "20"),
    ]);
    let rows = indicator_rows(&s, &Settings::default());
    assert_eq!(
        row(&rows, "family.low_income")
            .dynamics
            .as_ref()
            .unwrap()
            .label,
        Label::RiskUp
    );
}

#[test]
fn significant_worsening_at_ten_points_worse() {
    let cases: &[(f64, f64, Polarity, Label)] = &[
        (18.2, 34.5, LowerBetter, Label::SignificantWorsening),
        (20.0, 30.0, LowerBetter, Label::SignificantWorsening), // exactly 10 п.п.
        (20.0, 29.9, LowerBetter, Label::Negative),
        (30.0, 20.0, LowerBetter, Label::Positive), // 10 п.п. better is just positive
        (90.0, 80.0, HigherBetter, Label::SignificantWorsening),
        (90.0, 80.1, HigherBetter, Label::Negative),
        (40.0, 55.0, Neutral, Label::Increase), // neutral: never a worsening
    ];
    for &(from, to, polarity, expected) in cases {
        assert_eq!(
            label(&series(&[(2021, from), (2022, to)]), polarity),
            expected,
            "{from} → {to} ({polarity:?})"
        );
    }
    // Counts change in units, not points: +10 pupils dropping out is negative, not
    // «значительное ухудшение» (which is defined in п.п.).
    let d = compute(
        &series(&[(2021, 0.0), (2022, 10.0)]),
        Kind::Count,
        LowerBetter,
        T,
    )
    .unwrap();
    assert_eq!((d.label, d.unit), (Label::Negative, "units"));
}

#[test]
fn three_year_labels() {
    let cases: &[(&[f64], Polarity, Label)] = &[
        // Each step better by more than T.
        (&[30.0, 25.0, 20.0], LowerBetter, Label::SteadyPositive),
        (&[60.0, 70.0, 75.0], HigherBetter, Label::SteadyPositive),
        // Each step worse, but less than 10 п.п. over the window.
        (&[20.0, 24.0, 28.0], LowerBetter, Label::SteadyNegative),
        (&[75.0, 70.0, 66.0], HigherBetter, Label::SteadyNegative),
        // Up then down, ending where it started.
        (&[20.0, 28.0, 21.0], LowerBetter, Label::Unstable),
        // Up then down, ending better beyond T: the window decides.
        (&[20.0, 25.0, 15.0], LowerBetter, Label::Positive),
        // One stable step and one worse step.
        (&[20.0, 21.0, 26.0], LowerBetter, Label::Negative),
        // All steps within T.
        (&[20.0, 22.0, 21.0], LowerBetter, Label::Stable),
        // Four years, every step better.
        (
            &[40.0, 35.0, 30.0, 25.0],
            LowerBetter,
            Label::SteadyPositive,
        ),
        // Worse by 10 п.п. or more over the window outranks «устойчиво отрицательная».
        (
            &[18.2, 28.6, 36.7],
            LowerBetter,
            Label::SignificantWorsening,
        ),
    ];
    for &(values, polarity, expected) in cases {
        let points: Vec<(u16, f64)> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| (2020 + i as u16, v))
            .collect();
        assert_eq!(
            label(&series(&points), polarity),
            expected,
            "{values:?} ({polarity:?})"
        );
    }
}

#[test]
fn deltas_steps_and_rounding() {
    let d = share(
        &groups(&[
            (2020, 600.0 / 33.0, 33),
            (2021, 800.0 / 28.0, 28),
            (2022, 1100.0 / 30.0, 30),
        ]),
        LowerBetter,
    );
    assert_eq!((d.from_year, d.to_year), (Year(2020), Year(2022)));
    assert_eq!((d.from, d.to, d.delta), (18.18, 36.67, 18.48));
    assert_eq!(d.steps, [(Year(2021), 10.39), (Year(2022), 8.1)]);
    assert_eq!(d.threshold, 3.0); // edition 2: T; one pupil is ruled out by the numerator
    assert_eq!(d.unit, "pp");
    assert_eq!(d.delta_text(), "+18,5\u{a0}п.п.");
    assert_eq!(d.arrow(), "↑");
    assert_eq!(d.label(), "значительное ухудшение");

    let d = share(&series(&[(2021, 34.5), (2022, 18.2)]), LowerBetter);
    assert_eq!(d.delta_text(), "−16,3\u{a0}п.п.");
    assert_eq!(d.arrow(), "↓");
    let d = share(&series(&[(2021, 34.5), (2022, 35.0)]), LowerBetter);
    assert_eq!(d.arrow(), "→");
}

#[test]
fn counts_change_by_t_percent_of_the_earlier_value() {
    let count = |from: f64, to: f64, polarity| {
        compute(
            &series(&[(2021, from), (2022, to)]),
            Kind::Count,
            polarity,
            T,
        )
        .unwrap()
    };
    // 212 → 205 pupils: −7, more than 3 % of 212 (6,36).
    let d = count(212.0, 205.0, Neutral);
    assert_eq!(
        (d.label, d.delta_text()),
        (Label::Decrease, "−7".to_string())
    );
    assert_eq!(count(212.0, 210.0, Neutral).label, Label::Stable);
    // Edition 2 (domain.md §2: «a count (honours 2 → 1) needs a change of at least 2 units»):
    // one unit is never a trend, even from zero.
    assert_eq!(count(0.0, 1.0, LowerBetter).label, Label::Stable);
    assert_eq!(count(0.0, 2.0, LowerBetter).label, Label::Negative);
    assert_eq!(count(0.0, 0.0, LowerBetter).label, Label::Stable);
    assert_eq!(count(2.0, 1.0, HigherBetter).label, Label::Stable);
    assert_eq!(count(3.0, 1.0, HigherBetter).label, Label::Negative);
    assert_eq!(count(2.0, 3.5, HigherBetter).delta_text(), "+1,5");
}

#[test]
fn no_dynamics_without_two_values_or_for_text() {
    assert!(compute(&series(&[(2022, 30.0)]), Kind::Share, LowerBetter, T).is_none());
    assert!(compute(&[], Kind::Share, LowerBetter, T).is_none());
    let two = series(&[(2021, 1.0), (2022, 2.0)]);
    assert!(compute(&two, Kind::Text, Neutral, T).is_none());
    assert!(compute(&two, Kind::YesNo, HigherBetter, T).is_none());
}

fn row<'a>(rows: &'a [IndicatorRow], code: &str) -> &'a IndicatorRow {
    rows.iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("row {code}"))
}

#[test]
fn report_rows_use_the_setting_and_group_sizes() {
    let s = school(&[
        ("vpr.math.5", 2021, "6/30"),
        ("vpr.math.5", 2022, "7/30"),
        ("vpr.rus.5", 2021, "20 %"),
        ("vpr.rus.5", 2022, "24 %"),
        ("oge.math", 2020, "5/50"),
        ("oge.math", 2021, "н/п"),
        ("oge.math", 2022, "7/50"),
    ]);
    let rows = indicator_rows(&s, &Settings::default());
    // +3,33 п.п. = one pupil of 30: stable (edition 2: the numerator moved by 1).
    let d = row(&rows, "vpr.math.5").dynamics.clone().unwrap();
    assert_eq!((d.label, d.threshold), (Label::Stable, 3.0));
    // +4 п.п. without group sizes: negative with T = 3, stable with T = 5.
    assert_eq!(
        row(&rows, "vpr.rus.5").dynamics.as_ref().unwrap().label,
        Label::Negative
    );
    let t5 = Settings {
        stable_threshold_pp: 5.0,
        ..Settings::default()
    };
    let rows5 = indicator_rows(&s, &t5);
    assert_eq!(
        row(&rows5, "vpr.rus.5").dynamics.as_ref().unwrap().label,
        Label::Stable
    );
    // «не проводилась» is skipped: the series is 2020 → 2022.
    let d = row(&rows, "oge.math").dynamics.clone().unwrap();
    assert_eq!(
        (d.from_year, d.to_year, d.delta),
        (Year(2020), Year(2022), 4.0)
    );
    assert_eq!(row(&rows, "oge.math").values[&Year(2021)], None);
}

#[test]
fn continuing_share_is_continuing_over_ninth_grade_graduates() {
    let s = school(&[
        ("grade9.graduates", 2021, "41"),
        ("soo.continuing", 2021, "17"),
        ("grade9.graduates", 2022, "40"),
        ("soo.continuing", 2022, "14"),
    ]);
    let c = with_computed(&s);
    assert_eq!(
        c.value("soo.continuing_share", Year(2021)),
        &Value::Ratio {
            part: 17,
            whole: 41,
            marks: None
        }
    );
    let rows = indicator_rows(&s, &Settings::default());
    let r = row(&rows, "soo.continuing_share");
    assert!(r.computed);
    assert_eq!(r.values[&Year(2021)], Some(41.46));
    assert_eq!(r.values[&Year(2022)], Some(35.0));
    assert_eq!(r.display[&Year(2021)], "41,5\u{a0}% (17/41)");
    // Higher is better: 41,5 % → 35,0 % is negative (threshold 100/40 = 2,5 < 3).
    let d = r.dynamics.as_ref().unwrap();
    assert_eq!((d.label, d.threshold), (Label::Negative, 3.0));
}

#[test]
fn computed_rates_per_pupil() {
    let s = school(&[
        ("dropout.ooo", 2022, "2"),
        ("contingent.ooo", 2022, "198"),
        ("repeat.soo", 2022, "1"),
        ("contingent.soo", 2022, "29"),
    ]);
    let c = with_computed(&s);
    assert_eq!(
        c.value("dropout.ooo.rate", Year(2022)).number(),
        Some(200.0 / 198.0)
    );
    assert_eq!(
        c.value("repeat.soo.rate", Year(2022)).number(),
        Some(100.0 / 29.0)
    );
    // Inputs missing: nothing computed.
    assert_eq!(c.value("dropout.soo.rate", Year(2022)), &Value::Missing);
}

#[test]
fn computed_share_is_left_empty_when_it_cannot_be_a_share() {
    let cases: &[(&str, &str)] = &[
        ("0", "0"),     // no graduates
        ("20", "30"),   // more continuing than graduates (arrivals): > 100 % is not a share
        ("40,5", "17"), // not a whole count
        ("", "17"),     // no data
        ("н/п", "17"),
    ];
    for &(graduates, continuing) in cases {
        let s = school(&[
            ("grade9.graduates", 2022, graduates),
            ("soo.continuing", 2022, continuing),
        ]);
        assert_eq!(
            with_computed(&s).value("soo.continuing_share", Year(2022)),
            &Value::Missing,
            "{continuing} / {graduates}"
        );
    }
    // Zero continuing of 20 is a real 0 %.
    let s = school(&[
        ("grade9.graduates", 2022, "20"),
        ("soo.continuing", 2022, "0"),
    ]);
    assert_eq!(
        with_computed(&s)
            .value("soo.continuing_share", Year(2022))
            .number(),
        Some(0.0)
    );
}
