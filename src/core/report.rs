//! (rules) report — to be written.
