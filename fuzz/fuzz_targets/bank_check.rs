//! The bank loader and `check` on arbitrary bytes: never a panic, every
//! diagnostic inside the text, the load and the check agreeing on errors.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    crossexam::fuzzing::bank_check(bytes);
});
