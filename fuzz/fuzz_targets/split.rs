//! Fuzz target `split`: see `tm::fuzzing::split` for the input it reads and what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tm::fuzzing::split(data));
