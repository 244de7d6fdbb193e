//! USB card-reader drivers for mynaweb: each turns a [`usb::UsbPipe`] into an
//! [`apdu::CardChannel`].
//!
//! - [`ccid`]: CCID readers at TPDU (with T=1 / T=0), short-APDU or extended-APDU level;
//!   class descriptors from raw bytes or libccid dumps.
//! - `port100`: Sony RC-S380 (NFC Port-100 frames), with Type B activation and `isodep`.
//! - `rcs300`: Sony RC-S300 vendor interface #1 (CCID-style escapes carrying Sony
//!   pseudo-APDUs), with `isodep`.
//! - [`catalog`]: VID:PID → driver, and what a browser allows, with advice for people.
//!
//! Not for: interpreting APDUs (that is the `card` crate), or doing I/O itself — protocol cores
//! are sans-IO, and the drivers talk only to the `UsbPipe` they are given (WebUSB, native USB
//! or the simulator). Compiles for `wasm32-unknown-unknown`: no threads and no clock; time
//! comes from the pipe.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

extern crate alloc;

pub mod atr;
pub mod catalog;
pub mod ccid;
pub mod codec;
pub mod descriptors;
#[doc(hidden)]
pub mod fuzzing;
pub mod isodep;
pub mod port100;
pub mod rcs300;
mod redact;
pub mod t1;
pub mod usb;

pub use codec::DecodeError;
pub use usb::{UsbError, UsbPipe};
