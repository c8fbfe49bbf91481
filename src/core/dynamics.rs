//! (rules) dynamics — to be written.
