//! (reader) cell — to be written.
