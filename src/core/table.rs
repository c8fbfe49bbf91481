//! (reader) table — to be written.
