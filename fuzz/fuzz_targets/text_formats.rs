//! Fuzz target `text_formats`: see `tm::fuzzing::text_formats` for the input it reads and what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tm::fuzzing::text_formats(data));
