//! `mynaweb-rp` — the reference relying-party server for the mynaweb widget
//! (docs/widget-protocol.md).
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod base64;
pub mod challenge;
pub mod clock;
pub mod sqlite;
pub mod store;
