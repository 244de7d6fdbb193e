#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { card::fuzzing::card_data(data) });
