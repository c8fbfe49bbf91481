//! (reader) format_b — to be written.
