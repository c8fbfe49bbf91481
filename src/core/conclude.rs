//! (rules) conclude — to be written.
