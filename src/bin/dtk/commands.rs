//! The subcommands that read several files or a plan: `dtk plan`, `dtk protocol`,
//! `dtk municipal`. Parsed arguments in; text or JSON on stdout, exports written to files,
//! messages on stderr and the exit code out.

use std::io::Write;
use std::process::ExitCode;

use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::many;

use super::args::{Args, USAGE};
use super::{today, write_file};

/// `dtk plan`: execution at a date, by programme / factor / responsible, and 3.4.
pub(crate) fn plan_command(args: &Args, out: &mut impl Write) -> ExitCode {
    use dtk_calc::core::plan::{dtk34, execution, read, write, Date};
    let Some(path) = &args.file else {
        eprintln!("dtk: не указан файл плана\n");
        eprint!("{USAGE}");
        return ExitCode::from(64);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("dtk: не удалось открыть «{path}»: {e}");
            return ExitCode::from(2);
        }
    };
    let mut got = match read::read_bytes(&bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dtk: «{path}»: {e}");
            return ExitCode::from(2);
        }
    };
    for w in &got.warnings {
        eprintln!("dtk: «{path}»: {w}");
    }
    if let Some(p) = &args.profile {
        let profile = std::fs::read(p)
            .ok()
            .and_then(|b| read::profile_from_dtk_bytes(&b));
        match profile {
            Some(pr) => got.plan.profiles.push(pr),
            None => {
                eprintln!("dtk: в «{p}» нет строк профиля рисков (risk.factor.N)");
                return ExitCode::from(2);
            }
        }
    }
    let plan = got.plan;
    let at = match &args.at {
        Some(t) => match Date::parse(t) {
            Some(d) => d,
            None => {
                eprintln!("dtk: «{t}» — не дата (ожидалось, например, 15.09.2024)");
                return ExitCode::from(64);
            }
        },
        None => match plan.all_dates().last() {
            Some(d) => *d,
            None => {
                eprintln!("dtk: в плане нет дат мониторинга; укажите --at ДАТА");
                return ExitCode::from(64);
            }
        },
    };
    if let Some(p) = &args.xlsx {
        let code = write_file(p, write::to_xlsx(&plan, &today()));
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    if let Some(p) = &args.csv {
        let code = write_file(p, Ok(write::to_csv(&plan)));
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    let summary = execution::summarize(&plan, at);
    let d34 = (!plan.profiles.is_empty())
        .then(|| dtk34::compute(&plan, at))
        .flatten();
    let written = if args.json {
        let mut v = serde_json::to_value(&summary).unwrap_or_default();
        if let (Some(obj), Some(d)) = (v.as_object_mut(), &d34) {
            obj.insert(
                "dtk_3_4".to_string(),
                serde_json::to_value(d).unwrap_or_default(),
            );
        }
        serde_json::to_writer_pretty(&mut *out, &v).map_err(std::io::Error::other)
    } else {
        let e = &summary.execution;
        let mut text = format!("Исполнение на {}\n{}\n", e.at, e.conclusion);
        if let Some(p) = &e.problem {
            text.push_str(&format!("Проблема: {p}\n"));
        }
        for o in &e.tally.overdue {
            text.push_str(&format!(
                "  просрочено: {} {} — срок «{}», {}\n",
                o.number, o.text, o.deadline, o.responsible
            ));
        }
        out.write_all(text.as_bytes())
    };
    let _ = written.and_then(|_| out.write_all(b"\n"));
    ExitCode::SUCCESS
}

/// `dtk protocol`: reads every file, analyses each under the scale typed (or the built-in
/// one); a file that cannot be read or has no scale is a message on stderr, the rest are
/// printed. Exit code 2 when no protocol was analysed.
pub(crate) fn protocol(args: &Args, out: &mut impl Write) -> ExitCode {
    use dtk_calc::core::protocol::{batch, export as pexport, text, Scale};
    if args.files.is_empty() {
        eprintln!("dtk: не указан ни один файл протокола\n");
        eprint!("{USAGE}");
        return ExitCode::from(64);
    }
    let scale = match args.scale.as_deref().map(Scale::parse).transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dtk: {e}");
            return ExitCode::from(64);
        }
    };
    let mut files = Vec::new();
    for path in &args.files {
        let name = std::path::Path::new(path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        match std::fs::read(path) {
            Ok(b) => files.push((name, b)),
            Err(e) => eprintln!("dtk: не удалось открыть «{path}»: {e}"),
        }
    }
    let outcomes = batch::run(&files, scale.as_ref());
    for o in &outcomes {
        if let Some(e) = &o.error {
            eprintln!("dtk: {e}");
        }
    }
    let analyses: Vec<_> = outcomes.iter().filter_map(|o| o.analysis.clone()).collect();
    if let Some(path) = &args.xlsx {
        let code = write_file(path, pexport::analysis_xlsx(&analyses, &today()));
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    let written = if args.json {
        serde_json::to_writer_pretty(&mut *out, &outcomes).map_err(std::io::Error::other)
    } else {
        let texts: Vec<String> = analyses.iter().map(text::to_text).collect();
        out.write_all(texts.join("\n").as_bytes())
    };
    let _ = written.and_then(|_| out.write_all(b"\n"));
    if analyses.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// `dtk municipal FILE…`: every file read (one bad file is a diagnostic, not the end), the
/// schools taken together, the municipal report.
pub(crate) fn municipal(args: Args) -> ExitCode {
    let paths: Vec<String> = args.file.iter().chain(&args.more).cloned().collect();
    if paths.is_empty() {
        eprintln!("dtk: не указаны файлы\n");
        eprint!("{USAGE}");
        return ExitCode::from(64);
    }
    let files = paths
        .iter()
        .map(|path| {
            let name = std::path::Path::new(path)
                .file_name()
                .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
            let options = LoadOptions {
                file_name: Some(name.clone()),
                ..LoadOptions::default()
            };
            let loaded = std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|b| load(&b, &options).map_err(|e| e.to_string()));
            (name, loaded)
        })
        .collect();
    let Some(loaded) = many::merge(files) else {
        eprintln!("dtk: ни в одном файле нет данных ни одной школы");
        return ExitCode::from(2);
    };
    let (summary, m) = many::build(&loaded.schools, &args.settings, &mut |_, _| {});
    if let Some(path) = &args.xlsx {
        let code = write_file(path, many::xlsx::workbook(&summary, &m, &today()));
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        let doc = serde_json::json!({
            "info": loaded.info,
            "diagnostics": loaded.diagnostics,
            "summary": summary,
            "municipal": m,
        });
        serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::other)
    } else {
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        out.write_all(many::text::to_text(&summary, &m).as_bytes())
    };
    let _ = written.and_then(|_| out.write_all(b"\n"));
    ExitCode::SUCCESS
}
