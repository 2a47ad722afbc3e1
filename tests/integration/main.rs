//! The one integration-test binary: it drives the real `crossexam` binary
//! (scripted quizzes, plans, JSON, errors, exit codes) and checks our
//! schedules and exports against other people's tools.

mod author;
mod check;
#[cfg(feature = "crosscheck")]
mod crosscheck;
mod docs;
mod draft;
mod hardening;
mod harness;
mod practice;
mod pty;
mod run;
mod screens;
