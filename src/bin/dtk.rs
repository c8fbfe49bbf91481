//! `dtk` — the calculator on the command line: the same core as the web app, for checking a
//! file, scripting and benchmarks.
//!
//! ```text
//! dtk report  FILE [--as-of 2022-2023] [--json] [settings…]
//! dtk schools FILE [--as-of 2022-2023] [--json] [settings…]
//! dtk template [--years 2020-2021,2021-2022,2022-2023] [--many] > template.csv
//! dtk plan    FILE [--at 15.09.2024] [--profile ДТК] [--json] [--xlsx F] [--csv F]
//! dtk protocol FILE… [--scale 7,10,14] [--json] [--xlsx FILE]
//! dtk municipal FILE… [--json] [settings…]
//! ```
//! Exit code 0 when the file was read (diagnostics are part of the output), 2 when it could not
//! be read at all, 64 on a usage error.
//!
//! The arguments are parsed by hand: a dozen flags do not justify a parser crate's build time.

use std::io::Write;
use std::process::ExitCode;

use dtk_calc::core::load::{load_with_limit, too_large_text, LoadError, LoadOptions, Loaded};
use dtk_calc::core::stream::Stream;
use dtk_calc::core::{export, many, report, schools, template};

// The modules live in `src/bin/dtk/`; the paths keep this file the binary's root, as Cargo.toml
// names it.
#[path = "dtk/args.rs"]
mod args;
#[path = "dtk/commands.rs"]
mod commands;

use args::{parse_args, USAGE};
use commands::{municipal, plan_command, protocol};

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("dtk: {e}\n");
            }
            eprint!("{USAGE}");
            return ExitCode::from(if e.is_empty() { 0 } else { 64 });
        }
    };
    // Buffered: stdout alone is line-buffered, and the pretty JSON of a national file is a
    // million short lines, each of which would be a write of its own.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if args.command == "template" {
        // By default the last three completed school years on today's date.
        let years = args.years.unwrap_or_else(|| {
            let today = today();
            let mut parts = today.split('.').skip(1).map(|p| p.parse().unwrap_or(1));
            let (month, year) = (parts.next().unwrap_or(1), parts.next().unwrap_or(2026));
            template::default_years(year, month as u8)
        });
        if let Some(path) = &args.xlsx {
            return write_file(path, export::template_xlsx(&years, &today()));
        }
        let csv = if args.many {
            many::format_c::template_csv(&years)
        } else {
            template::template_csv(&years)
        };
        let _ = out.write_all(&csv).and_then(|_| out.flush());
        return ExitCode::SUCCESS;
    }
    if args.command == "plan" {
        return plan_command(&args, &mut out);
    }
    if args.command == "protocol" {
        return protocol(&args, &mut out);
    }
    if args.command == "municipal" {
        return municipal(args);
    }
    if args.command != "report" && args.command != "schools" {
        eprintln!("dtk: неизвестная команда «{}»\n", args.command);
        eprint!("{USAGE}");
        return ExitCode::from(64);
    }
    let Some(path) = args.file else {
        eprintln!("dtk: не указан файл\n");
        eprint!("{USAGE}");
        return ExitCode::from(64);
    };
    // The size first: a 3 GB file is refused without being read.
    if let Ok(meta) = std::fs::metadata(&path) {
        if meta.len() > args.max_bytes as u64 {
            eprintln!(
                "dtk: «{path}»: {}",
                too_large_text(meta.len(), args.max_bytes as u64)
            );
            return ExitCode::from(2);
        }
    }
    let name = std::path::Path::new(&path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let options = LoadOptions {
        file_name: name,
        ..LoadOptions::default()
    };
    // A panic while reading (a reader's bug that a damaged file reaches) is a refusal of that
    // file, in the reader's own words — not a crash (the release build unwinds). The file is
    // read in blocks where it can be (`stream`), else whole.
    let read = std::panic::catch_unwind(|| load_file(&path, &options, args.max_bytes));
    let loaded = match read {
        Ok(Err(e)) => {
            eprintln!("dtk: не удалось открыть «{path}»: {e}");
            return ExitCode::from(2);
        }
        Ok(Ok(Ok(l))) => l,
        Ok(Ok(Err(e))) => {
            eprintln!("dtk: «{path}»: {e}");
            return ExitCode::from(2);
        }
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!("dtk: «{path}»: файл не удалось прочитать — он, вероятно, повреждён (внутренняя ошибка: {why})");
            return ExitCode::from(2);
        }
    };
    let written = if args.command == "report" {
        let Some(school) = loaded.schools.first() else {
            eprintln!("dtk: в файле «{path}» нет данных ни одной школы");
            return ExitCode::from(2);
        };
        if loaded.schools.len() > 1 {
            eprintln!(
                "dtk: в файле {} школ; показана первая. Все школы: dtk schools {path}",
                loaded.schools.len()
            );
        }
        let r = report::build(school, &args.settings, &loaded.diagnostics);
        if let Some(path) = &args.xlsx {
            let code = write_file(
                path,
                export::report_xlsx(&r, &export::Edits::new(), &today()),
            );
            if code != ExitCode::SUCCESS {
                return code;
            }
        }
        if let Some(path) = &args.csv {
            let code = write_file(path, Ok(export::report_csv(&r, &export::Edits::new())));
            if code != ExitCode::SUCCESS {
                return code;
            }
        }
        if args.json {
            serde_json::to_writer_pretty(&mut out, &r).map_err(std::io::Error::other)
        } else {
            out.write_all(report::to_text(&r).as_bytes())
        }
    } else {
        let summary = schools::summarize(&loaded.schools, &args.settings);
        if args.json {
            serde_json::to_writer_pretty(&mut out, &summary).map_err(std::io::Error::other)
        } else {
            out.write_all(schools::to_text(&summary).as_bytes())
        }
    };
    let _ = written
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush());
    // The process ends here: the schools of a national file (hundreds of thousands of small
    // allocations) are left for the system to take back at once, not freed one by one.
    std::mem::forget(loaded);
    ExitCode::SUCCESS
}

/// Reads a file in blocks through `stream::Stream`, so that a national results file is never
/// held whole; a file that is not for that (see `core::stream`) is read again whole by `load`.
fn load_file(
    path: &str,
    options: &LoadOptions,
    max_bytes: usize,
) -> std::io::Result<Result<Loaded, LoadError>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let total = file.metadata()?.len() as usize;
    if let Some(mut stream) = Stream::with_limit(options, total, max_bytes) {
        let mut block = vec![0u8; 1 << 20];
        let mut streaming = true;
        while streaming {
            let n = file.read(&mut block)?;
            if n == 0 {
                break;
            }
            streaming = stream.push(&block[..n], &mut |_, _| {}).is_some();
        }
        if let Some(loaded) = streaming.then(|| stream.finish(&mut |_, _| {})).flatten() {
            return Ok(loaded);
        }
    }
    Ok(load_with_limit(&std::fs::read(path)?, options, max_bytes))
}

/// Writes an export to a file; exit code 1 when it cannot be written.
fn write_file(path: &str, bytes: Result<Vec<u8>, String>) -> ExitCode {
    match bytes.and_then(|b| std::fs::write(path, b).map_err(|e| e.to_string())) {
        Ok(()) => {
            eprintln!("dtk: сохранено в «{path}»");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dtk: не удалось сохранить «{path}»: {e}");
            ExitCode::from(1)
        }
    }
}

/// Today's date «24.11.2026» (UTC), for the exported workbook's properties. The command line is
/// the edge where a clock may be read; the core takes the date as a value.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{d:02}.{m:02}.{y}")
}
