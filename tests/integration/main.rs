//! The one integration-test binary: it drives the real `crossexam` binary
//! (scripted quizzes, plans, JSON, errors, exit codes) and checks our
//! schedules and exports against other people's tools.

mod author;
mod check;
mod class_fixture;
#[cfg(feature = "crosscheck")]
mod crosscheck;
mod docs;
mod draft;
mod formats;
mod hardening;
mod harness;
mod practice;
mod pty;
mod report;
mod run;
mod screens;
