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

use dtk_calc::core::identify::{Combine, Settings};
use dtk_calc::core::load::{load, too_large_text, LoadError, LoadOptions, Loaded, MAX_FILE_BYTES};
use dtk_calc::core::model::Year;
use dtk_calc::core::stream::Stream;
use dtk_calc::core::{export, many, report, schools, template};

const USAGE: &str = "\
ДТК-калькулятор: статус ШНОР и диагностико-технологическая карта школы.

Использование:
  dtk report  ФАЙЛ [параметры]   отчёт по одной школе (шаблон ДТК или таблица результатов)
  dtk schools ФАЙЛ [параметры]   статусы всех школ таблицы результатов
  dtk template [--years 2020-2021,2021-2022,2022-2023] [--xlsx ФАЙЛ] [--many]
                                 шаблон ДТК: CSV в стандартный вывод или XLSX в файл;
                                 --many — таблица ДТК многих школ (формат C)
  dtk plan ФАЙЛ [--at 15.09.2024] [--profile ДТК] [--json]
                                 исполнение плана (дорожной карты) на дату мониторинга и ДТК 3.4
  dtk protocol ФАЙЛ… [--scale 7,10,14] [--xlsx ФАЙЛ]
                                 анализ протоколов ВПР из ФИС ОКО (отметки, задания,
                                 сравнение с журналом); --scale — наименьший балл для
                                 «3», «4», «5» (без него — встроенная шкала года, если есть)
  dtk municipal ФАЙЛ… [параметры]
                                 муниципальный отчёт: ДТК многих школ (несколько файлов
                                 шаблона ДТК или одна таблица формата C)

Параметры:
  --json                 вывод в JSON (стабильный формат, см. README)
  --as-of ГОД            идентификация по результатам учебного года (по умолчанию — последний год с результатами ВПР, ОГЭ, ЕГЭ)
  --and                  ШНОР = Условие 1 И Условие 2 (по умолчанию — ИЛИ)
  --same-procedure       Условие 2 — только по одной и той же процедуре в оба года
  --with-retakes         учитывать результаты пересдачи вместо основных
  --procedures КОДЫ      учитываемые процедуры через запятую (по умолчанию — девять из методики)
  --threshold ПП         порог «стабильной» динамики, п.п. (по умолчанию 3)
  --xlsx ФАЙЛ            (report, template, municipal, plan, protocol) сохранить в XLSX
  --csv ФАЙЛ             (report) сохранить данные школы как шаблон ДТК (CSV, формат A);
                         (plan) сохранить план в CSV
  --at ДАТА              (plan) дата мониторинга (по умолчанию — последняя дата плана)
  --profile ФАЙЛ         (plan) профиль рисков из строк risk.factor.N файла ДТК
";

struct Args {
    command: String,
    file: Option<String>,
    json: bool,
    years: Option<Vec<Year>>,
    settings: Settings,
    xlsx: Option<String>,
    csv: Option<String>,
    at: Option<String>,
    profile: Option<String>,
    /// `protocol`: every file, and the scale typed.
    files: Vec<String>,
    scale: Option<String>,
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
        at: None,
        profile: None,
        files: Vec::new(),
        scale: None,
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
            "--at" => args.at = Some(value("--at")?),
            "--profile" => args.profile = Some(value("--profile")?),
            "--scale" => args.scale = Some(value("--scale")?),
            "--many" => args.many = true,
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with('-') => return Err(format!("неизвестный параметр {other}")),
            other if args.command == "protocol" => args.files.push(other.to_string()),
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
        if meta.len() > MAX_FILE_BYTES as u64 {
            eprintln!(
                "dtk: «{path}»: {}",
                too_large_text(meta.len(), MAX_FILE_BYTES as u64)
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
    let read = std::panic::catch_unwind(|| load_file(&path, &options));
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
    ExitCode::SUCCESS
}

/// `dtk plan`: execution at a date, by programme / factor / responsible, and 3.4.
fn plan_command(args: &Args, out: &mut impl Write) -> ExitCode {
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
fn protocol(args: &Args, out: &mut impl Write) -> ExitCode {
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

/// Reads a file in blocks through `stream::Stream`, so that a national results file is never
/// held whole; a file that is not for that (see `core::stream`) is read again whole by `load`.
fn load_file(path: &str, options: &LoadOptions) -> std::io::Result<Result<Loaded, LoadError>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let total = file.metadata()?.len() as usize;
    if let Some(mut stream) = Stream::new(options, total) {
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
    Ok(load(&std::fs::read(path)?, options))
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
