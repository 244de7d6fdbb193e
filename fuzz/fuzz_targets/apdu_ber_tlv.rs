#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { apdu::fuzzing::ber_tlv(data) });
