//! The answer grammar: one line for every question of the bundled bank, as
//! a quiz and as practice, graded and scored.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    crossexam::fuzzing::answer_line(bytes);
});
