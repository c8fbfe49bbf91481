//! The command line's arguments: `std::env::args` in; the subcommand, its file(s), the flags
//! and the identification settings out (or the usage error to print). Parsed by hand: a dozen
//! flags do not justify a parser crate's build time.

use dtk_calc::core::identify::{Combine, Settings};
use dtk_calc::core::load::MAX_FILE_BYTES;
use dtk_calc::core::model::Year;

pub(crate) const USAGE: &str = "\
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
  --max-mib N            (report, schools) предел размера файла в МиБ (по умолчанию 200);
                         таблица результатов в UTF-8 читается потоком (память — около
                         1,1× файла), другие файлы — целиком (до 3× файла)
";

pub(crate) struct Args {
    pub(crate) command: String,
    pub(crate) file: Option<String>,
    pub(crate) json: bool,
    pub(crate) years: Option<Vec<Year>>,
    pub(crate) settings: Settings,
    pub(crate) xlsx: Option<String>,
    pub(crate) csv: Option<String>,
    pub(crate) at: Option<String>,
    pub(crate) profile: Option<String>,
    /// `protocol`: every file, and the scale typed.
    pub(crate) files: Vec<String>,
    pub(crate) scale: Option<String>,
    /// Further files (only `municipal` takes more than one).
    pub(crate) more: Vec<String>,
    /// `template --many`: the format-C template.
    pub(crate) many: bool,
    /// `report`, `schools`: the largest file read, in bytes (`--max-mib`).
    pub(crate) max_bytes: usize,
}

fn parse_year(text: &str) -> Result<Year, String> {
    Year::parse(text)
        .ok_or_else(|| format!("«{text}» — не учебный год (ожидалось, например, 2022-2023)"))
}

pub(crate) fn parse_args(raw: Vec<String>) -> Result<Args, String> {
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
        max_bytes: MAX_FILE_BYTES,
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
            "--max-mib" => {
                let v = value("--max-mib")?;
                args.max_bytes = v
                    .parse::<usize>()
                    .ok()
                    .filter(|&m| m > 0)
                    .and_then(|m| m.checked_mul(1024 * 1024))
                    .ok_or(format!("«{v}» — не число мебибайт"))?;
            }
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
