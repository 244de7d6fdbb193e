#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { apdu::fuzzing::command_apdu(data) });
