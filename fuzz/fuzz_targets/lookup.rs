//! Fuzz target `lookup`: see `tm::fuzzing::lookup` for the input it reads and what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tm::fuzzing::lookup(data));
