#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { mynaweb_rp::fuzzing::static_path(data) });
