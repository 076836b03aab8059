//! Fuzz target `server`: see `tm::fuzzing::server_request` for the input it reads and what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tm::fuzzing::server_request(data));
