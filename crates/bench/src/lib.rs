//! `mynaweb-bench`: the numbers that tell whether mynaweb is fast, measured by the project itself.
//!
//! What it measures (each a module, each sans-IO where it can be): APDUs and USB transfers per
//! card operation and flow on every virtual reader ([`round_trips`]), their modeled time on the
//! wire ([`model`]), RSA verify and JPKI chain speed ([`speed`]), streaming CRL scans against
//! generated CRLs ([`crl_gen`], [`speed`]), and the report ([`report`]) that `cargo xtask bench`
//! writes to `docs/BENCHMARKS.md` and `docs/benchmarks.json`.
//!
//! What it is not: a test. Nothing here is timed under `cargo test`; the unit tests check the
//! counting and the model on exact values only.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod crl_gen;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
pub mod report;
pub mod round_trips;
pub mod speed;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod wasm;
pub mod wasm_size;
