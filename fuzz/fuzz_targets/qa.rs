//! Fuzz target `qa`: see `tm::fuzzing::qa_units` for the input it reads and what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tm::fuzzing::qa_units(data));
