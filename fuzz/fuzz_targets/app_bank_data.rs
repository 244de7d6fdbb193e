#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { mynaweb_app::bank_data::fuzzing::bank_data(data) });
