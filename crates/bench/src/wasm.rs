//! The verify benchmark in a browser: `cargo xtask bench` builds this crate's library for
//! wasm32-unknown-unknown as a cdylib, wasm-bindgen makes it an ES module, and
//! `tests/bench/browser_bench.mjs` calls [`verify_bench`] in headless Chromium.

use wasm_bindgen::prelude::*;

/// Runs [`crate::speed::verify_speed`] with `now` (JavaScript's `() => performance.now()`) as
/// the clock; returns `[rsa_verify_us, chain_validate_us, parse_us, demo_card_us]`.
#[wasm_bindgen]
pub fn verify_bench(
    now: &js_sys::Function,
    batches: usize,
    per_batch: u32,
) -> Result<Vec<f64>, JsError> {
    let clock = || {
        now.call0(&JsValue::NULL)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    let v = crate::speed::verify_speed(&clock, batches, per_batch).map_err(|e| JsError::new(&e))?;
    Ok(vec![
        v.rsa_verify_us,
        v.chain_validate_us,
        v.parse_us,
        v.demo_card_us,
    ])
}
