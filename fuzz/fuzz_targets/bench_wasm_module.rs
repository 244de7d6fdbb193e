#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mynaweb_bench::fuzzing::wasm_module(data);
});
