#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { flows::fuzzing::zengin_kana(data) });
