//! Generates a deterministic, national-scale results file (format B): N schools × 9 procedures ×
//! 3 school years, for benchmarks. `cargo run --release --example gen_national -- 40000 > f.csv`
//!
//! The numbers are drawn from a fixed-seed generator so every run and every machine produce the
//! same bytes; about one school in eight gets low results so identification has work to do.

use std::io::{BufWriter, Write};

/// xorshift64*: tiny, deterministic, good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PROCEDURES: [(&str, &str, &str); 9] = [
    ("ВПР", "математика", "5"),
    ("ВПР", "математика", "6"),
    ("ВПР", "русский язык", "5"),
    ("ВПР", "русский язык", "6"),
    ("ОГЭ", "математика", ""),
    ("ОГЭ", "русский язык", ""),
    ("ЕГЭ", "математика (база)", ""),
    ("ЕГЭ", "математика (профиль)", ""),
    ("ЕГЭ", "русский язык", ""),
];

fn main() {
    let schools: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let out = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 20, out.lock());
    writeln!(
        w,
        "ОО;муниципалитет;учебный год;процедура;предмет;класс;участников;не справились"
    )
    .unwrap();
    for s in 0..schools {
        let municipality = format!("Муниципальный район № {}", s % 2_300 + 1);
        let weak = rng.below(8) == 0;
        for year in 2020..2023 {
            for (proc_, subject, grade) in PROCEDURES {
                let n = 5 + rng.below(60);
                let rate = if weak {
                    20 + rng.below(25)
                } else {
                    rng.below(22)
                };
                let failed = n * rate / 100;
                writeln!(
                    w,
                    "МБОУ «СОШ № {}»;{municipality};{year}-{};{proc_};{subject};{grade};{n};{failed}",
                    s + 1,
                    year + 1
                )
                .unwrap();
            }
        }
    }
    w.flush().unwrap();
}
