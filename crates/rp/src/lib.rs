//! `mynaweb-rp` — the reference relying-party server for the mynaweb widget
//! (docs/widget-protocol.md).
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod base64;
pub mod challenge;
pub mod clock;
pub mod crl_check;
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "server")]
pub mod http;
pub mod page;
pub mod result;
#[cfg(feature = "server")]
pub mod sqlite;
pub mod static_files;
pub mod store;
pub mod trust;
pub mod verify;
