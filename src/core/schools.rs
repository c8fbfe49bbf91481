//! (rules) schools — to be written.
