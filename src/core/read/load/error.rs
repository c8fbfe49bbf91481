//! Why a file could not be read at all: the reader's failure in; the error the page, the
//! worker and the CLI match on, and its Russian wording (what to do next, not only what went
//! wrong) out.

use std::fmt;

use crate::core::read::limits::Budget;
use crate::core::read::sheet::SheetError;

use super::ProtocolInfo;

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Empty,
    TooLarge {
        bytes: usize,
        /// The limit in force (`MAX_FILE_BYTES` unless `load_with_limit` was given another).
        limit: usize,
    },
    /// A spreadsheet that this build does not read (the browser page: spreadsheets are read in
    /// a worker through `load_spreadsheet`, so the first page load stays light).
    Spreadsheet {
        kind: &'static str,
    },
    /// A workbook that could not be opened: encrypted with a password, or a ZIP/OLE file that
    /// is broken or not a spreadsheet. Never `SheetError::Budget`: a budget is [`Self::Budget`]
    /// whichever reader hit it (the `From` below sees to it).
    Sheet(SheetError),
    /// A ФИС ОКО protocol of ВПР: per-pupil scores, not school results.
    Protocol(ProtocolInfo),
    /// A file beyond a reading budget (`core::limits`): too many cells, a part that inflates
    /// too far.
    Budget(Budget),
    /// Neither format: what the first rows looked like (and on which sheet of a workbook).
    Unrecognized {
        first_row: String,
        sheet: Option<String>,
    },
}

impl From<SheetError> for LoadError {
    /// A budget stays a budget (one variant for every reader); the rest is the sheet reader's
    /// own error, told in its own words.
    fn from(e: SheetError) -> LoadError {
        match e {
            SheetError::Budget(b) => LoadError::Budget(b),
            e => LoadError::Sheet(e),
        }
    }
}

/// «файл 3,0 ГБ больше предела 200 МБ»: the two sizes as people say them, exactly in bytes when
/// rounding would make them read the same.
pub fn too_large_text(bytes: u64, limit: u64) -> String {
    let (b, l) = (crate::core::ru::bytes(bytes), crate::core::ru::bytes(limit));
    let (b, l) = if b == l {
        (
            format!("{} байт", crate::core::ru::thousands(bytes)),
            format!("{} байт", crate::core::ru::thousands(limit)),
        )
    } else {
        (b, l)
    };
    format!("файл {b} больше предела {l}: разделите его на части (например, по муниципалитетам) и откройте их по очереди")
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Empty => write!(f, "файл пуст"),
            LoadError::TooLarge { bytes, limit } => {
                write!(f, "{}", too_large_text(*bytes as u64, *limit as u64))
            }
            LoadError::Budget(b) => write!(f, "{b}"),
            LoadError::Spreadsheet { kind } => write!(
                f,
                "это файл {kind}; сохраните его как CSV (в Excel: «Файл → Сохранить как → CSV (разделители — точка с запятой)») и откройте снова"
            ),
            LoadError::Sheet(e) => write!(f, "{e}"),
            LoadError::Protocol(info) => {
                let details = info.describe();
                let details = if details.is_empty() {
                    String::new()
                } else {
                    format!(" ({details})")
                };
                let (code, year) = info.target();
                write!(
                    f,
                    "Это протокол ВПР из ФИС ОКО{details}, а не шаблон ДТК и не таблица результатов: в нём баллы каждого ученика за каждое задание, а здесь открывают итоги школы по учебным годам. Что сделать: откройте его кнопкой «Открыть протоколы ВПР…» (в командной строке — dtk protocol ФАЙЛ --scale 7,11,15): калькулятор переведёт баллы в отметки по шкале этого года, покажет анализ и впишет долю «2» в шаблон ДТК школы — например, «6/31» в строку {code} столбца «{year}». Шаблон ДТК можно скачать на странице калькулятора."
                )
            }
            LoadError::Unrecognized { first_row, sheet } => {
                let place = match sheet {
                    Some(s) => format!("Первая строка листа «{s}»"),
                    None => "Первая строка файла".to_string(),
                };
                write!(
                    f,
                    "не найден заголовок ни шаблона ДТК (столбцы «код», «показатель» и учебные годы вида 2022-2023), ни таблицы результатов (столбцы «учебный год», «процедура», «предмет», «участников», «не справились»). {place}: «{first_row}»"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}
