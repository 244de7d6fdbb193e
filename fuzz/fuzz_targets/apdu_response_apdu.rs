#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { apdu::fuzzing::response_apdu(data) });
