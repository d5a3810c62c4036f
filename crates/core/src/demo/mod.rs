//! Demo county (filled in below).
