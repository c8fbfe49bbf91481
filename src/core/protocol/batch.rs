//! Several protocols at once, as the CLI and the page's worker take them: each file is read on
//! its own, so a damaged one, or one that is not a protocol, is a message next to the others'
//! results. In: (file name, bytes) pairs and the scale typed (if any); out: [`Entry`] per file
//! and, under a scale, its [`Analysis`] or why there is none.

use serde::{Deserialize, Serialize};

use super::analysis::{analyse, Analysis};
use super::read::{read, Protocol};
use super::scale::{self, Scale, ScaleError};

/// One file: the protocol read, or why it could not be (in Russian).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub file: String,
    pub protocol: Result<Protocol, String>,
}

/// Reads every file.
pub fn read_all(files: &[(String, Vec<u8>)]) -> Vec<Entry> {
    files
        .iter()
        .map(|(name, bytes)| Entry {
            file: name.clone(),
            protocol: read(bytes, Some(name)).map_err(|e| format!("«{name}»: {e}")),
        })
        .collect()
}

/// The scale for a protocol: the one typed, else the built-in one of its year.
pub fn scale_for(p: &Protocol, typed: Option<&Scale>) -> Result<Scale, ScaleError> {
    if let Some(s) = typed {
        return Ok(s.clone());
    }
    scale::builtin(&p.subject, p.grade, p.year).ok_or_else(|| ScaleError::Needed {
        title: p.title(),
        guess: scale::guess(&p.subject, p.grade, p.year).map(|s| s.cuts),
    })
}

/// Analyses a protocol under the scale typed, or the built-in one.
pub fn analyse_with(p: &Protocol, typed: Option<&Scale>) -> Result<Analysis, ScaleError> {
    analyse(p, &scale_for(p, typed)?)
}

/// What `dtk protocol --json` prints for one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Analysis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Reads and analyses every file under one typed scale (or the built-in ones).
pub fn run(files: &[(String, Vec<u8>)], typed: Option<&Scale>) -> Vec<Outcome> {
    read_all(files)
        .into_iter()
        .map(|e| match e.protocol {
            Err(error) => Outcome {
                file: e.file,
                analysis: None,
                error: Some(error),
            },
            Ok(p) => match analyse_with(&p, typed) {
                Ok(a) => Outcome {
                    file: e.file,
                    analysis: Some(a),
                    error: None,
                },
                Err(err) => Outcome {
                    error: Some(format!("«{}»: {err}", e.file)),
                    file: e.file,
                    analysis: None,
                },
            },
        })
        .collect()
}
