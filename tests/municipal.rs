//! The municipal report (municipal.md): format C read, the set pooled, schools ranked, the
//! context index and its tertiles, ШНСУ and resilient schools — with numbers worked by hand in
//! the comments — and the same report from one format-C table and from the same schools as
//! separate format-A files.

mod many_gen;

use dtk_calc::core::catalogue::Polarity;
use dtk_calc::core::identify::{Settings, Status};
use dtk_calc::core::load::{load, Format, LoadOptions};
use dtk_calc::core::many::context::{tertiles, Cluster, Source};
use dtk_calc::core::many::pool::{quantile, ranks, Method};
use dtk_calc::core::many::{self, format_c, Municipal};
use dtk_calc::core::model::{Value, Year};

fn open(name: &str, text: &str) -> dtk_calc::core::load::Loaded {
    let options = LoadOptions {
        file_name: Some(name.to_string()),
        ..LoadOptions::default()
    };
    load(text.as_bytes(), &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn report(text: &str) -> Municipal {
    let loaded = open("set.csv", text);
    many::build(&loaded.schools, &Settings::default(), &mut |_, _| {}).1
}

fn indicator<'a>(m: &'a Municipal, code: &str) -> &'a many::PooledIndicator {
    m.indicators.iter().find(|p| p.code == code).unwrap()
}

/// Four schools, one year. ВПР математика 5: A 3/30 (10 %), B 12/30 (40 %), C 1/10 (10 %),
/// D 6/20 (30 %).
const FOUR: &str = "\
ОО;муниципалитет;учебный год;vpr.math.5;ВПР. Математика. Доля обучающихся от общего числа участников, получивших неудовлетворительный результат: 6 класс;contingent.ooo;staff.psychologist
A;Р1;2022-2023;3/30;10 %;100;да
B;Р1;2022-2023;12/30;20/50;150;нет
C;Р2;2022-2023;1/10;5/50;50;да
D;Р2;2022-2023;6/20;2/20;;да
";

#[test]
fn format_c_is_read_by_codes_and_by_the_forms_wording() {
    let loaded = open("four.csv", FOUR);
    assert_eq!(loaded.info.format, Format::Many);
    assert_eq!(loaded.schools.len(), 4);
    let b = &loaded.schools[1];
    assert_eq!(b.meta.name.as_deref(), Some("B"));
    assert_eq!(b.meta.municipality.as_deref(), Some("Р1"));
    // The wording column is ВПР математика 6 (group heading + «6 класс»).
    assert_eq!(
        *b.value("vpr.math.6", Year(2022)),
        Value::Ratio {
            part: 20,
            whole: 50,
            marks: None
        }
    );
    assert!(loaded
        .diagnostics
        .iter()
        .all(|d| d.severity != dtk_calc::core::model::Severity::Error));
}

#[test]
fn pooled_values_ranks_and_quartiles_by_hand() {
    let m = report(FOUR);
    let p = indicator(&m, "vpr.math.5");
    let y = &p.years[0];
    // Σ failed ÷ Σ participants = (3 + 12 + 1 + 6) / (30 + 30 + 10 + 20) = 22/90 = 24,44 %.
    assert_eq!(
        (y.method, y.part, y.whole, y.value),
        (Method::Pooled, Some(22), Some(90), 24.44)
    );
    // Median of 10, 10, 30, 40 = 20; range 10…40; four schools gave it.
    assert_eq!((y.median, y.min, y.max, y.schools), (20.0, 10.0, 40.0, 4));
    let st = p.standing.as_ref().unwrap();
    // Lower is better: A and C share rank 1, D 3, B 4.
    assert_eq!(st.ranks, vec![Some(1), Some(4), Some(1), Some(3)]);
    // QUARTILE.INC: Q1 at position 0,75 of (10, 10, 30, 40) = 10; Q3 at 2,25 = 30 + 0,25·10 = 32,5.
    assert_eq!((st.q1, st.median, st.q3), (10.0, 20.0, 32.5));
    assert_eq!(st.above, vec![1]);
    assert!(st.below.is_empty());
    assert_eq!(st.worse(Polarity::LowerBetter), &[1]);
    // ВПР математика 6: A gave only «10 %», so the set's value is the median of 10, 40, 10, 10.
    let p6 = &indicator(&m, "vpr.math.6").years[0];
    assert_eq!((p6.method, p6.value), (Method::Median, 10.0));
    // Counts are summed: 100 + 150 + 50 = 300 pupils from three schools.
    let c = &indicator(&m, "contingent.ooo").years[0];
    assert_eq!((c.method, c.value, c.schools), (Method::Sum, 300.0, 3));
    // Yes/no: 3 of 4 schools have a psychologist = 75 %.
    let y = &indicator(&m, "staff.psychologist").years[0];
    assert_eq!((y.method, y.value), (Method::YesShare, 75.0));
    // The «Проблема» of 1.2 names the school with a share of «2» of 30 % and more: B (40 %)
    // and D (30 %, inclusive).
    let s12 = m.sections.iter().find(|s| s.number == "1.2").unwrap();
    assert!(
        s12.problems
            .iter()
            .any(|p| p.contains("30 % и выше в 2022-2023: B и D")),
        "{:?}",
        s12.problems
    );
}

#[test]
fn quantiles_ranks_and_tertiles_by_hand() {
    assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
    assert_eq!(
        ranks(
            &[Some(5.0), None, Some(7.0), Some(5.0)],
            Polarity::HigherBetter
        ),
        vec![Some(2), None, Some(1), Some(2)]
    );
    // Six values 1…6: the 1/3 quantile is at position 5/3 → 2,67, the 2/3 one at 10/3 → 4,33:
    // 1, 2 unfavourable; 3, 4 medium; 5, 6 favourable.
    let t = tertiles(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0].map(Some));
    use Cluster::*;
    assert_eq!(
        t,
        [
            Unfavourable,
            Unfavourable,
            Medium,
            Medium,
            Favourable,
            Favourable
        ]
        .map(Some)
        .to_vec()
    );
}

/// Six schools, one year. Parents with higher education 10, 20 … 60 %; low-income and
/// single-parent families mirror it (60 … 10 %), so each signed z-score is the same and the
/// index is z(parents) = (x − 35) / 17,08: A −1,46, B −0,88, C −0,29, D 0,29, E 0,88, F 1,46.
/// Tertiles: A, B unfavourable; C, D medium; E, F favourable.
/// A: ВПР 12/30 and 10/30 — two low results: ШНОР (Условие 1); its share of «2» 22/60 = 36,7 %.
/// B: 3/30 and 2/30 = 5/60 = 8,3 %, not ШНОР. Cluster median (36,7 + 8,3) / 2 = 22,5:
/// B is below it → resilient; A is ШНОР in the unfavourable cluster → ШНСУ.
const SIX: &str = "\
ОО;учебный год;parents.higher;family.low_income;family.single_parent;vpr.math.5;vpr.rus.5
A;2022-2023;10;60;60;12/30;10/30
B;2022-2023;20;50;50;3/30;2/30
C;2022-2023;30;40;40;3/30;3/30
D;2022-2023;40;30;30;3/30;3/30
E;2022-2023;50;20;20;3/30;3/30
F;2022-2023;60;10;10;9/30;3/30
";

#[test]
fn context_index_tertiles_shnsu_and_resilient_by_hand() {
    let m = report(SIX);
    let c = &m.context;
    assert_eq!(c.source, Source::ContextIndex);
    let idx: Vec<f64> = c.schools.iter().map(|s| s.index.unwrap()).collect();
    assert!(
        (idx[0] + 1.4639).abs() < 1e-3 && (idx[3] - 0.2928).abs() < 1e-3,
        "{idx:?}"
    );
    assert_eq!(c.schools[0].parts.len(), 3);
    use Cluster::*;
    let clusters: Vec<Option<Cluster>> = c.schools.iter().map(|s| s.cluster).collect();
    assert_eq!(
        clusters,
        [
            Unfavourable,
            Unfavourable,
            Medium,
            Medium,
            Favourable,
            Favourable
        ]
        .map(Some)
        .to_vec()
    );
    assert_eq!(
        dtk_calc::core::schools::summarize(&open("six.csv", SIX).schools, &Settings::default())
            .schools[0]
            .status,
        Status::Shnor
    );
    assert_eq!(c.schools[0].result, Some(36.67));
    assert_eq!(c.schools[1].result, Some(8.33));
    let unfav = &c.clusters[0];
    assert_eq!(unfav.median_result, Some(22.5));
    // Pooled over the cluster: (22 + 5) / 120 = 22,5 %.
    assert_eq!(unfav.pooled_result, Some(22.5));
    let flags: Vec<(bool, bool)> = c.schools.iter().map(|s| (s.shnsu, s.resilient)).collect();
    assert_eq!(flags[0], (true, false));
    assert_eq!(flags[1], (false, true));
    assert!(flags[2..].iter().all(|f| *f == (false, false)));
    // Within the favourable cluster E (6/60 = 10 %) ranks 1 and F (12/60 = 20 %) 2.
    assert_eq!(
        (c.schools[4].cluster_rank, c.schools[5].cluster_rank),
        (Some(1), Some(2))
    );
}

#[test]
fn a_regions_own_cluster_column_is_used_as_given() {
    let text =
        "ОО;учебный год;cluster;vpr.math.5\nA;2022-2023;неблагоприятный;1/30\nB;2022-2023;3;2/30\n";
    let m = report(text);
    assert_eq!(m.context.source, Source::RegionCluster);
    assert_eq!(m.context.schools[0].cluster, Some(Cluster::Unfavourable));
    assert_eq!(m.context.schools[1].cluster, Some(Cluster::Favourable));
}

#[test]
fn forty_schools_give_the_same_report_from_format_c_and_from_forty_files() {
    let set = many_gen::municipality(40, 7);
    let from_c = report(&many_gen::format_c(&set));
    let files = set
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = format!("school-{i}.csv");
            let loaded = open(&name, &many_gen::format_a(s));
            (name, Ok(loaded))
        })
        .collect();
    let merged = many::merge(files).unwrap();
    assert_eq!(merged.schools.len(), 40);
    let (summary, from_a) = many::build(&merged.schools, &Settings::default(), &mut |_, _| {});
    let (c, a) = (
        serde_json::to_value(&from_c).unwrap(),
        serde_json::to_value(&from_a).unwrap(),
    );
    assert_eq!(c, a);
    // The generated set is not trivial: some ШНОР, every cluster, regional indicators.
    assert!(summary.counts[&Status::Shnor] > 0);
    assert!(from_c
        .context
        .clusters
        .iter()
        .all(|c| !c.schools.is_empty()));
    assert!(from_c.regional.iter().any(|r| r.of > 0));
}

#[test]
fn altai_results_and_the_same_schools_as_format_c_give_the_same_statuses() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/altai-2021-results.csv"
    ))
    .unwrap();
    let b = open("altai.csv", &text);
    assert_eq!(b.info.format, Format::Results);
    let c_text = String::from_utf8(format_c::write_csv(&b.schools)).unwrap();
    let c = open("altai-c.csv", &c_text);
    assert_eq!(c.info.format, Format::Many);
    assert_eq!(b.schools.len(), c.schools.len());
    let settings = Settings::default();
    let sb = dtk_calc::core::schools::summarize(&b.schools, &settings);
    let sc = dtk_calc::core::schools::summarize(&c.schools, &settings);
    let key = |s: &dtk_calc::core::schools::Summary| -> Vec<(String, Option<String>, Status, bool, bool)> {
        s.schools
            .iter()
            .map(|l| (l.school.clone(), l.code.clone(), l.status, l.condition1, l.condition2))
            .collect()
    };
    assert_eq!(key(&sb), key(&sc));
    assert_eq!(sb.counts, sc.counts);
    assert!(sb.counts[&Status::Shnor] > 0);
}

#[test]
fn bad_rows_of_format_c_are_named_and_the_rest_is_read() {
    let text = "ОО;учебный год;vpr.math.5;что-то\nA;2022-2023;1l/30;x\nB;20222023;1/30;\n;2022-2023;1/30;\nC;2022-2023;2/30;\nC;2022-2023;3/30;\n";
    let loaded = open("bad.csv", text);
    let msgs: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    let has = |s: &str| msgs.iter().any(|m| m.contains(s));
    assert!(has("столбец «что-то»"), "{msgs:?}");
    assert!(has("строка 2, столбец «vpr.math.5»: «1l/30»"), "{msgs:?}");
    assert!(has("«20222023» — не учебный год"), "{msgs:?}");
    assert!(has("не указана школа"), "{msgs:?}");
    assert!(has("уже были в строке 5"), "{msgs:?}");
    // A (with its bad cell) and C are read; B's row has no year.
    assert_eq!(loaded.schools.len(), 2);
    assert_eq!(
        *loaded.schools[1].value("vpr.math.5", Year(2022)),
        Value::Ratio {
            part: 2,
            whole: 30,
            marks: None
        }
    );
}

#[test]
fn the_format_c_template_reads_back_as_one_example_school() {
    let bytes = format_c::template_csv(&[Year(2021), Year(2022)]);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("ОО;код ОО;муниципалитет;учебный год;isbsh;cluster;contingent.noo"));
    let loaded = open("template.csv", &text);
    assert_eq!(loaded.info.format, Format::Many);
    assert_eq!(loaded.schools.len(), 1);
    assert_eq!(loaded.schools[0].years, vec![Year(2021), Year(2022)]);
}

/// `dtk municipal FILE… --json`: forty files and one format-C table give the same report; a
/// file that cannot be read is a diagnostic, not the end.
#[test]
fn the_command_line_gives_the_same_report_from_files_and_from_format_c() {
    let dir = std::env::temp_dir().join(format!("dtk-municipal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let set = many_gen::municipality(40, 11);
    let c = dir.join("set.csv");
    std::fs::write(&c, many_gen::format_c(&set)).unwrap();
    let mut files: Vec<String> = set
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = dir.join(format!("school-{i:02}.csv"));
            std::fs::write(&p, many_gen::format_a(s)).unwrap();
            p.to_string_lossy().into_owned()
        })
        .collect();
    let bad = dir.join("broken.csv");
    std::fs::write(&bad, "просто текст\n").unwrap();
    files.push(bad.to_string_lossy().into_owned());
    let run = |args: &[String]| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dtk"))
            .arg("municipal")
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let from_files = run(&files);
    let from_c = run(&[c.to_string_lossy().into_owned()]);
    assert_eq!(from_files["municipal"], from_c["municipal"]);
    assert_eq!(from_files["summary"], from_c["summary"]);
    assert_eq!(
        from_files["summary"]["schools"].as_array().unwrap().len(),
        40
    );
    let diags = from_files["diagnostics"].as_array().unwrap();
    assert!(diags.iter().any(|d| d["file"] == "broken.csv"), "{diags:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The page reads the report back from the worker's JSON: nothing is lost on the way.
#[test]
fn the_report_survives_the_workers_json() {
    let m = report(&many_gen::format_c(&many_gen::municipality(12, 3)));
    let json = serde_json::to_string(&m).unwrap();
    let back: Municipal = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}

/// The XLSX of the municipal report: four sheets; «Школы» lists every school with its status
/// and, for each indicator, its value and rank «N из M».
#[test]
fn the_municipal_workbook_lists_every_school_with_its_ranks() {
    let loaded = open(
        "set.csv",
        &many_gen::format_c(&many_gen::municipality(40, 5)),
    );
    let (summary, m) = many::build(&loaded.schools, &Settings::default(), &mut |_, _| {});
    let bytes = many::xlsx::workbook(&summary, &m, "30.11.2026").unwrap();
    let mut book = dtk_calc::core::sheet::open(&bytes).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Сводка", "Показатели", "Школы", "Выводы"]
    );
    let t = book.table("Школы").unwrap().table;
    assert_eq!(t.rows.len(), 41);
    assert_eq!(t.rows[1].get(0), "МБОУ «СОШ № 1»");
    assert!(
        t.rows[1].cells.iter().any(|c| c.ends_with(" из 40")),
        "{:?}",
        t.rows[1]
    );
    let t = book.table("Сводка").unwrap().table;
    assert!(t
        .rows
        .iter()
        .any(|r| r.get(0) == "Итого" && r.get(1) == "40"));
}

/// `dtk template --many`: the format-C header from the catalogue.
#[test]
fn the_command_line_writes_the_format_c_template() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dtk"))
        .args(["template", "--many", "--years", "2022-2023"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("\u{feff}ОО;код ОО;муниципалитет;учебный год;isbsh;cluster;"));
    assert!(text.contains(";vpr.math.5;"));
    assert_eq!(text.lines().count(), 2);
}

/// Two ШНОР, two years (seed 001's indicators of effectiveness, worked by hand):
/// A: 2021 ВПР 12/30 and 10/30, 2022 12/30 and 3/30 — ШНОР by Условие 2; its share of «2»
/// falls from 22/60 = 36,7 % to 15/60 = 25,0 % (−11,7 п.п., beyond 3 п.п.) — positive.
/// B: 12/30 and 12/30 both years — ШНОР; 40 % → 40 % — stable, not positive.
/// Methodical coverage: A 100 % (yes), B 95 % (no). Network: A 80 % (yes, inclusive), B 50 %.
/// Courses: A 79,9 % (no), B 85 %. Programmes: A 4/5 = 80 % matching and 90 % done (yes);
/// B nothing on matching but 70 % done (no).
/// The set's ВПР математика 5: 24/60 = 40 % in 2021 and 24/60 = 40 % in 2022 — stable.
const TWO_SHNOR: &str = "\
ОО;учебный год;vpr.math.5;vpr.rus.5;support.methodical;support.partner;support.courses;risk.programs_matching;risk.measures_done
A;2021-2022;12/30;10/30;;;;;
A;2022-2023;12/30;3/30;100 %;80 %;79,9 %;4/5;90 %
B;2021-2022;12/30;12/30;;;;;
B;2022-2023;12/30;12/30;95 %;50 %;85 %;;70 %
";

#[test]
fn regional_indicators_and_the_sets_dynamics_by_hand() {
    let m = report(TWO_SHNOR);
    let r = |key: &str| m.regional.iter().find(|r| r.key == key).unwrap();
    let line = |key: &str| (r(key).yes, r(key).of, r(key).share);
    assert_eq!(line("shnor_positive_dynamics"), (1, 2, Some(50.0)));
    assert_eq!(r("shnor_positive_dynamics").not_met, vec![1]);
    assert_eq!(line("risk_positive_dynamics"), (0, 0, None));
    assert_eq!(line("shnor_methodical_100"), (1, 2, Some(50.0)));
    assert_eq!(line("shnor_network_80"), (1, 2, Some(50.0)));
    assert_eq!(line("shnor_courses_80"), (1, 2, Some(50.0)));
    assert_eq!(r("shnor_courses_80").not_met, vec![0]);
    assert_eq!(line("shnor_programs_80"), (1, 2, Some(50.0)));
    let p = indicator(&m, "vpr.math.5");
    assert_eq!(p.dynamics.as_ref().unwrap().text, "стабильная");
    // ВПР русский 5: 22/60 = 36,7 % → 15/60 = 25,0 %: −11,7 п.п., positive for the set.
    let d = indicator(&m, "vpr.rus.5").dynamics.clone().unwrap();
    assert_eq!((d.text.as_str(), d.arrow.as_str()), ("положительная", "↓"));
}
