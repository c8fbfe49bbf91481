//! `dtk` — the calculator on the command line: the same core as the web app, for checking a
//! file, scripting and benchmarks.
//!
//! ```text
//! dtk report  FILE [--as-of 2022-2023] [--json] [settings…]
//! dtk schools FILE [--as-of 2022-2023] [--json] [settings…]
//! dtk template [--years 2020-2021,2021-2022,2022-2023] [--many] > template.csv
//! dtk municipal FILE… [--json] [settings…]
//! ```
//! Exit code 0 when the file was read (diagnostics are part of the output), 2 when it could not
//! be read at all, 64 on a usage error.
//!
//! The arguments are parsed by hand: a dozen flags do not justify a parser crate's build time.

use std::io::Write;
use std::process::ExitCode;

use dtk_calc::core::identify::{Combine, Settings};
use dtk_calc::core::load::{load, LoadOptions};
use dtk_calc::core::model::Year;
use dtk_calc::core::{export, many, report, schools, template};

const USAGE: &str = "\
ДТК-калькулятор: статус ШНОР и диагностико-технологическая карта школы.

Использование:
  dtk report  ФАЙЛ [параметры]   отчёт по одной школе (шаблон ДТК или таблица результатов)
  dtk schools ФАЙЛ [параметры]   статусы всех школ таблицы результатов
  dtk template [--years 2020-2021,2021-2022,2022-2023] [--xlsx ФАЙЛ] [--many]
                                 шаблон ДТК: CSV в стандартный вывод или XLSX в файл;
                                 --many — таблица ДТК многих школ (формат C)
  dtk municipal ФАЙЛ… [параметры]
                                 муниципальный отчёт: ДТК многих школ (несколько файлов
                                 шаблона ДТК или одна таблица формата C)

Параметры:
  --json                 вывод в JSON (стабильный формат, см. README)
  --as-of ГОД            идентификация на учебный год (по умолчанию — последний в данных)
  --and                  ШНОР = Условие 1 И Условие 2 (по умолчанию — ИЛИ)
  --same-procedure       Условие 2 — только по одной и той же процедуре в оба года
  --with-retakes         учитывать результаты пересдачи вместо основных
  --procedures КОДЫ      учитываемые процедуры через запятую (по умолчанию — девять из методики)
  --threshold ПП         порог «стабильной» динамики, п.п. (по умолчанию 3)
  --xlsx ФАЙЛ            (report, template, municipal) сохранить заполненную ДТК / шаблон в XLSX
  --csv ФАЙЛ             (report) сохранить данные школы как шаблон ДТК (CSV, формат A)
";

struct Args {
    command: String,
    file: Option<String>,
    json: bool,
    years: Option<Vec<Year>>,
    settings: Settings,
    xlsx: Option<String>,
    csv: Option<String>,
    /// Further files (only `municipal` takes more than one).
    more: Vec<String>,
    /// `template --many`: the format-C template.
    many: bool,
}

fn parse_year(text: &str) -> Result<Year, String> {
    Year::parse(text)
        .ok_or_else(|| format!("«{text}» — не учебный год (ожидалось, например, 2022-2023)"))
}

fn parse_args(raw: Vec<String>) -> Result<Args, String> {
    let mut it = raw.into_iter();
    let command = it.next().ok_or("не указана команда")?;
    if command == "-h" || command == "--help" || command == "help" {
        return Err(String::new());
    }
    let mut args = Args {
        command,
        file: None,
        json: false,
        years: None,
        settings: Settings::default(),
        xlsx: None,
        csv: None,
        more: Vec::new(),
        many: false,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("после {name} нужно значение"));
        match arg.as_str() {
            "--json" => args.json = true,
            "--and" => args.settings.combine = Combine::And,
            "--or" => args.settings.combine = Combine::Or,
            "--same-procedure" => args.settings.same_procedure = true,
            "--with-retakes" => args.settings.use_retakes = true,
            "--as-of" => args.settings.as_of = Some(parse_year(&value("--as-of")?)?),
            "--procedures" => {
                let list = value("--procedures")?;
                let mut codes = Vec::new();
                for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    let ind = dtk_calc::core::catalogue::find_loose(code)
                        .filter(|i| i.procedure.is_some() && i.retake_of.is_none())
                        .ok_or(format!(
                            "«{code}» — не код оценочной процедуры (например, vpr.math.5)"
                        ))?;
                    codes.push(ind.code.to_string());
                }
                args.settings.procedures = codes;
            }
            "--threshold" => {
                let v = value("--threshold")?;
                args.settings.stable_threshold_pp = v
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| format!("«{v}» — не число"))?;
            }
            "--years" => {
                let list = value("--years")?;
                args.years = Some(
                    list.split(',')
                        .map(|y| parse_year(y.trim()))
                        .collect::<Result<_, _>>()?,
                );
            }
            "--xlsx" => args.xlsx = Some(value("--xlsx")?),
            "--csv" => args.csv = Some(value("--csv")?),
            "--many" => args.many = true,
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with('-') => return Err(format!("неизвестный параметр {other}")),
            other if args.file.is_none() => args.file = Some(other.to_string()),
            other if args.command == "municipal" => args.more.push(other.to_string()),
            other => return Err(format!("лишний аргумент «{other}»")),
        }
    }
    Ok(args)
}

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
    let mut out = std::io::stdout().lock();
    if args.command == "template" {
        let years = args
            .years
            .unwrap_or_else(|| vec![Year(2020), Year(2021), Year(2022)]);
        if let Some(path) = &args.xlsx {
            return write_file(path, export::template_xlsx(&years, &today()));
        }
        let csv = if args.many {
            many::format_c::template_csv(&years)
        } else {
            template::template_csv(&years)
        };
        let _ = out.write_all(&csv);
        return ExitCode::SUCCESS;
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
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("dtk: не удалось открыть «{path}»: {e}");
            return ExitCode::from(2);
        }
    };
    let name = std::path::Path::new(&path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let options = LoadOptions {
        file_name: name,
        ..LoadOptions::default()
    };
    let loaded = match load(&bytes, &options) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("dtk: «{path}»: {e}");
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
            let code = write_file(path, Ok(export::report_csv(&r)));
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
    let _ = written.and_then(|_| out.write_all(b"\n"));
    ExitCode::SUCCESS
}

/// `dtk municipal FILE…`: every file read (one bad file is a diagnostic, not the end), the
/// schools taken together, the municipal report.
fn municipal(args: Args) -> ExitCode {
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
