//! 推荐指标 (filled in below).
