#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| reader::fuzzing::libccid_dump(data));
