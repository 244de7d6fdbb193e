#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { pki::rp::fuzzing::statement(data) });
