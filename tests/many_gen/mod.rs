//! A generated municipality (municipal.md): `n` schools × three school years with every block
//! of the ДТК that the municipal report reads, deterministic (a fixed linear congruential
//! sequence), written both as one format-C table and as `n` format-A files. Used by
//! `tests/municipal.rs` and by the benchmark generator (`benches/gen_municipality.rs`); no
//! generated file is committed.
#![allow(dead_code)]

/// The indicators generated, and how: (code, kind of cell).
const INDICATORS: &[(&str, Gen)] = &[
    ("contingent.ooo", Gen::Count(80, 400)),
    ("dropout.ooo", Gen::Count(0, 3)),
    ("vpr.rus.5", Gen::Ratio),
    ("vpr.rus.6", Gen::Ratio),
    ("vpr.math.5", Gen::Ratio),
    ("vpr.math.6", Gen::Ratio),
    ("oge.rus", Gen::Ratio),
    ("oge.math", Gen::Ratio),
    ("ege.rus", Gen::Ratio),
    ("ege.math.base", Gen::Ratio),
    ("ege.math.profile", Gen::Percent(0, 40)),
    ("parents.higher", Gen::Percent(10, 60)),
    ("family.low_income", Gen::Percent(2, 40)),
    ("family.single_parent", Gen::Percent(5, 35)),
    ("family.large", Gen::Percent(5, 30)),
    ("family.weak_russian", Gen::Percent(0, 10)),
    ("pupils.registered", Gen::Percent(0, 8)),
    ("staff.psychologist", Gen::YesNo),
    ("support.methodical", Gen::Percent(70, 100)),
    ("support.courses", Gen::Percent(50, 100)),
    ("support.partner", Gen::Percent(50, 100)),
    ("risk.programs", Gen::Count(0, 4)),
    ("risk.programs_matching", Gen::Percent(50, 100)),
    ("risk.measures_done", Gen::Percent(50, 100)),
];

#[derive(Clone, Copy)]
enum Gen {
    Count(u32, u32),
    Ratio,
    Percent(u32, u32),
    YesNo,
}

/// One generated school: its identity and, per indicator, the cell text of each year.
pub struct GenSchool {
    pub name: String,
    pub code: String,
    pub municipality: String,
    pub cells: Vec<(&'static str, Vec<String>)>,
}

/// The school years generated.
pub const YEARS: [&str; 3] = ["2020-2021", "2021-2022", "2022-2023"];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, lo: u32, hi: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + ((self.0 >> 33) % (hi - lo + 1) as u64) as u32
    }
}

/// `n` schools in four districts.
pub fn municipality(n: usize, seed: u64) -> Vec<GenSchool> {
    let mut r = Lcg(seed);
    (0..n)
        .map(|i| {
            // A school's «weakness» shifts its shares of «2», so some schools are ШНОР.
            let weak = r.next(0, 100);
            let cells = INDICATORS
                .iter()
                .map(|(code, g)| {
                    let years = (0..YEARS.len())
                        .map(|_| match *g {
                            Gen::Count(lo, hi) => r.next(lo, hi).to_string(),
                            Gen::Ratio => {
                                let n = r.next(8, 60);
                                let top = if weak > 80 {
                                    50
                                } else if weak > 55 {
                                    32
                                } else {
                                    18
                                };
                                let failed = n * r.next(0, top) / 100;
                                // Now and then a year was not held or is missing.
                                match r.next(0, 30) {
                                    0 => "н/п".to_string(),
                                    1 => String::new(),
                                    _ => format!("{failed}/{n}"),
                                }
                            }
                            Gen::Percent(lo, hi) => {
                                let v = r.next(lo * 10, hi * 10);
                                format!("{},{} %", v / 10, v % 10)
                            }
                            Gen::YesNo => if r.next(0, 3) == 0 { "нет" } else { "да" }.to_string(),
                        })
                        .collect();
                    (*code, years)
                })
                .collect();
            GenSchool {
                name: format!("МБОУ «СОШ № {}»", i + 1),
                code: format!("22{:05}", i + 1),
                municipality: format!(
                    "{}-ский район",
                    ["Северо", "Южно", "Западно", "Восточно"][i % 4]
                ),
                cells,
            }
        })
        .collect()
}

/// The set as one format-C table (`;`, UTF-8).
pub fn format_c(schools: &[GenSchool]) -> String {
    let mut out = String::from("ОО;код ОО;муниципалитет;учебный год");
    for (code, _) in INDICATORS {
        out.push(';');
        out.push_str(code);
    }
    out.push('\n');
    for s in schools {
        for (y, year) in YEARS.iter().enumerate() {
            out.push_str(&format!("{};{};{};{year}", s.name, s.code, s.municipality));
            for (_, values) in &s.cells {
                out.push(';');
                out.push_str(&values[y]);
            }
            out.push('\n');
        }
    }
    out
}

/// One school as a format-A file (`;`, UTF-8).
pub fn format_a(s: &GenSchool) -> String {
    let mut out = format!("код;показатель;{}\n", YEARS.join(";"));
    out.push_str(&format!("school.name;Наименование ОО;{};;\n", s.name));
    out.push_str(&format!("school.code;Код ОО;{};;\n", s.code));
    out.push_str(&format!(
        "school.municipality;Муниципалитет;{};;\n",
        s.municipality
    ));
    for (code, values) in &s.cells {
        out.push_str(&format!("{code};;{}\n", values.join(";")));
    }
    out
}
