//! Writes a generated municipality (the same generator as the tests, `tests/many_gen`) for the
//! benchmark and for trying the app: `cargo run --release --example gen_municipality -- N DIR
//! [--files]` writes `DIR/municipality-N.csv` (format C) and, with `--files`, also `N` format-A
//! files `DIR/files-N/school-0001.csv` … Nothing generated is committed.

#[path = "../tests/many_gen/mod.rs"]
mod many_gen;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(40);
    let dir = std::path::PathBuf::from(args.get(1).cloned().unwrap_or_else(|| ".".into()));
    let files = args.iter().any(|a| a == "--files");
    std::fs::create_dir_all(&dir).expect("create the directory");
    let set = many_gen::municipality(n, 2026);
    let c = dir.join(format!("municipality-{n}.csv"));
    std::fs::write(&c, many_gen::format_c(&set)).expect("write format C");
    println!("{}", c.display());
    if files {
        let sub = dir.join(format!("files-{n}"));
        std::fs::create_dir_all(&sub).expect("create the directory");
        for (i, s) in set.iter().enumerate() {
            std::fs::write(
                sub.join(format!("school-{:04}.csv", i + 1)),
                many_gen::format_a(s),
            )
            .expect("write format A");
        }
        println!("{}", sub.display());
    }
}
