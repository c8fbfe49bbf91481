//! The methodology: a `School` in, judgements out. `compute` adds the computed indicators,
//! `rows` lays every indicator out by year with its cell text, `dynamics` judges each series,
//! `identify` decides the ШНОР status (edition 2: retakes, missing data, how to leave),
//! `conclude` writes the five «Вывод / Проблема» pairs and the problem field, `readiness` the
//! «Готово к сдаче?» self-check. The constants and
//! the rules come from the catalogue (`core::catalogue`, `core::rules`).

pub mod compute;
pub mod conclude;
pub mod dynamics;
pub mod identify;
pub mod readiness;
pub mod rows;
