//! 疑点 over a year's data (filled in below).
