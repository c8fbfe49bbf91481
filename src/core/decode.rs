//! (reader) decode — to be written.
