//! (rules) identify — to be written.
