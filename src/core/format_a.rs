//! (reader) format_a — to be written.
