//! Benchmarks of the LMS formats (placeholder replaced below).
fn main() {}
