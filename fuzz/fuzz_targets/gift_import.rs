//! The GIFT importer on arbitrary text: diagnostics inside the text, and an
//! imported bank always loads.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    crossexam::fuzzing::gift_import(bytes);
});
