//! (rules) compute — to be written.
