//! Authoring aids that turn outside text into a bank: `draft` reads a
//! plain-text report and proposes actors, claims and exchanges to review.
//! Pure: text in, JSON out; reading the file is the caller's job.

pub mod draft;
