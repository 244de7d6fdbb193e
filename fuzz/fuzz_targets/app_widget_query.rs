#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| { mynaweb_app::embed::fuzzing::widget_query(data) });
