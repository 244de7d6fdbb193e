#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { flows::fuzzing::card_session(data) });
