//! The browser edge: everything that touches the browser beyond rendering. `io` — files,
//! downloads, storage, print, history, focus; `keep` — kept work (recent files, edits, plans)
//! in localStorage; `worker_client` — the Web Worker: the reducer's commands out, its events in.

pub mod io;
pub mod keep;
pub mod worker_client;
