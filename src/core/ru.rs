//! (rules) ru — to be written.
