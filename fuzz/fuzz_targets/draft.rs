//! `draft` on arbitrary report text: the draft always loads as a bank.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    crossexam::fuzzing::draft(bytes);
});
