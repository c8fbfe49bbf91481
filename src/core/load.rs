//! (reader) load — to be written.
