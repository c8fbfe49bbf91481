//! Guard: `src/core` stays pure Rust — no browser bindings, no clock, no file system, no
//! printing — so it builds and tests on the host and behaves the same in the browser and in the
//! `dtk` command line. Comments may mention these names; code may not.

use std::fs;
use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "yew",
    "web_sys",
    "js_sys",
    "gloo",
    "wasm_bindgen",
    "std::time",
    "Instant",
    "SystemTime",
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::thread",
    "println!",
    "eprintln!",
    "print!",
    "dbg!",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src/core") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a line without its `//` comment (string literals containing `//` are rare in
/// core and would only make the guard stricter).
fn code_of(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

#[test]
fn core_has_no_io_clock_or_browser_dependencies() {
    let mut files = Vec::new();
    rust_files(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/core")
            .as_path(),
        &mut files,
    );
    assert!(files.len() >= 5, "src/core should hold the engine");
    let mut violations = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = code_of(line);
            for word in FORBIDDEN {
                if code.contains(word) {
                    violations.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "impure core:\n{}",
        violations.join("\n")
    );
}

#[test]
fn browser_crates_are_wasm_only_dependencies() {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("read Cargo.toml");
    let (host, _wasm) = manifest
        .split_once("[target.'cfg(target_arch = \"wasm32\")'.dependencies]")
        .expect("a wasm32-only dependency table");
    for krate in ["yew", "gloo", "web-sys", "wasm-bindgen", "js-sys"] {
        let declared = host.lines().any(|l| {
            l.trim_start().starts_with(&format!("{krate} "))
                || l.trim_start().starts_with(&format!("{krate}="))
        });
        assert!(!declared, "{krate} must be a wasm32-only dependency");
    }
}
