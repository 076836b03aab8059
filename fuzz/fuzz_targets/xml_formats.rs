//! Fuzz target `xml_formats`: see `tm::fuzzing::xml_formats` for the input it reads and what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tm::fuzzing::xml_formats(data));
