//! A faithful virtual My Number card.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

extern crate alloc;

pub mod issuer;
pub mod keys;
pub mod persona;
