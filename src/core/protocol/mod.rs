//! ВПР protocols from ФИС ОКО: from pupils' scores to marks, an analysis and the ДТК
//! (spec: protocols.md).
//!
//! In: the bytes of protocol workbooks (XLSX/XLS/ODS as ФИС ОКО gives them, or their CSV
//! export), several at once, and a grading scale per subject × grade × year (built in only
//! where a source is cited — `scale.rs` — otherwise the three cut scores the user types).
//! Out: [`Protocol`]s (subject, grade, school year, schools, pupils, diagnostics with row and
//! column), an [`Analysis`] per protocol (per school and class: marks «2»–«5», успеваемость,
//! качество, средний балл, СОУ, percent of each task's maximum, marks against the journal),
//! and the ДТК cells `vpr.<subject>.<grade>` of that school year (`merge.rs`), with any value
//! already typed shown next to the protocol's before it is replaced.
//!
//! `model.rs` is what a protocol is, `read.rs` reads it, `meta.rs` tells subject, grade and year, `scale.rs` turns scores into marks, `analysis.rs` counts, `merge.rs` fills
//! the ДТК, `batch.rs` takes several files at once, `text.rs` says it in Russian (the CLI and the printout), `export.rs` writes XLSX.

pub mod analysis;
pub mod batch;
pub mod export;
pub mod merge;
pub mod meta;
pub mod model;
pub mod read;
pub mod scale;
pub mod text;

pub use analysis::{analyse, Analysis, Group, JournalComparison, TaskResult};
pub use merge::{merge, Merge, Proposal};
pub use read::{read, Protocol, ProtocolError, ProtocolSchool, Pupil, Subject, Task};
pub use scale::{Scale, ScaleError};
