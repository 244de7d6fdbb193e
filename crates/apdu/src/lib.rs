//! ISO/IEC 7816-4 application protocol data units, with no I/O.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

extern crate alloc;

pub mod channel;

pub use channel::{CardChannel, ChannelCapabilities, TransportError};
