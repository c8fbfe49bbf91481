//! A real, keyboard-reachable file button plus a drop zone. Reads the file at the edge and hands
//! the bytes up; the file never leaves the browser.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::drop_zone;
use crate::ui::edge::io;
use crate::ui::state::{FileHandle, OpenFile};

/// Accepted file types: text tables and spreadsheets.
const ACCEPT: &str = ".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet";

/// Whether the worker should read this file itself, straight from disk: a file too large to be
/// kept in the browser. (Spreadsheets and files over `overview::WORKER_MIN_BYTES` are parsed
/// by the worker too, but from bytes read here — `state::needs_worker` decides.)
fn for_worker(file: &web_sys::File) -> bool {
    // A file small enough to be kept in the browser (see `keep`) is read here even when the
    // worker will parse it — a spreadsheet, say — so that it survives a reload; only larger
    // files go to the worker by handle, their bytes never passing through the page.
    file.size() > crate::ui::edge::keep::KEEP_MAX_BYTES as f64
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_open: Callback<OpenFile>,
    pub on_error: Callback<String>,
    /// A smaller zone once a report is on the page.
    #[prop_or_default]
    pub compact: bool,
}

fn open_first(
    files: Option<web_sys::FileList>,
    on_open: Callback<OpenFile>,
    on_error: Callback<String>,
) {
    let Some(files) = files else { return };
    // Several files at once: a set of schools' ДТК, read by the worker as one set.
    if files.length() > 1 {
        let list: Vec<FileHandle> = (0..files.length())
            .filter_map(|i| files.get(i))
            .map(FileHandle::new)
            .collect();
        return on_open.emit(OpenFile {
            files: Rc::new(list),
            ..OpenFile::from_bytes(
                crate::core::ru::count(files.length() as u64, "файл", "файла", "файлов"),
                Vec::new(),
            )
        });
    }
    let Some(file) = files.get(0) else {
        return;
    };
    let name = file.name();
    if for_worker(&file) {
        return on_open.emit(OpenFile {
            handle: Some(FileHandle::new(file)),
            ..OpenFile::from_bytes(name, Vec::new())
        });
    }
    yew::platform::spawn_local(async move {
        match io::read_file(file).await {
            Ok(bytes) => on_open.emit(OpenFile::from_bytes(name, bytes)),
            Err(e) => on_error.emit(e),
        }
    });
}

/// The file button and the drop zone.
#[function_component(FilePicker)]
pub fn file_picker(props: &Props) -> Html {
    let over = use_state(|| false);
    let zone = {
        let (on_open, on_error) = (props.on_open.clone(), props.on_error.clone());
        drop_zone::handlers(&over, move |files| {
            open_first(files, on_open.clone(), on_error.clone())
        })
    };
    let class = classes!(
        "dropzone",
        props.compact.then_some("compact"),
        (*over).then_some("over")
    );
    html! {
        <div {class} ondragover={zone.ondragover} ondragleave={zone.ondragleave} ondrop={zone.ondrop} data-testid="dropzone">
            <input id="file-input" class="visually-hidden" type="file" accept={ACCEPT} multiple=true onchange={zone.onchange}
                aria-describedby="dropzone-hint" />
            <label for="file-input" class="button primary">{ "Выбрать файл…" }</label>
            <span id="dropzone-hint" class="hint">
                { "или перетащите сюда файл CSV или Excel (шаблон ДТК, таблицу результатов или ДТК многих школ) — или сразу несколько файлов ДТК школ" }
            </span>
        </div>
    }
}
