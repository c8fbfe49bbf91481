//! (reader) template — to be written.
