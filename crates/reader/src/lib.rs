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
//!
//! ```
//! use reader::catalog::{assess, Browser, DriverKind};
//! use reader::ccid::libccid::parse_dump;
//! use reader::ccid::ExchangeLevel;
//!
//! // What a browser allows with a Sony RC-S300/S: its dump shows only the CCID interface #0
//! // (protected class), but the catalogue knows the vendor interface #1.
//! let verdict = assess(Some((0x054C, 0x0DC8)), &[]);
//! assert_eq!(verdict.browser, Browser::Page);
//! let route = verdict.page_route.expect("a page route");
//! assert_eq!((route.interface, route.driver, route.endpoints), (1, DriverKind::Rcs300Vendor, Some((0x02, 0x82))));
//!
//! // A libccid dump line by line → the 54-byte CCID descriptor → the exchange level.
//! let dump = " idVendor: 0x072F\n idProduct: 0xB100\n bInterfaceNumber: 0\n bInterfaceClass: 0x0B\n CCID Class Descriptor\n  bLength: 0x36\n  bDescriptorType: 0x21\n  bcdCCID: 1.10\n  bMaxSlotIndex: 0x00\n  bVoltageSupport: 0x07\n  dwProtocols: 0x0000 0x0003\n  dwDefaultClock: 4.000 MHz\n  dwMaximumClock: 16.000 MHz\n  bNumClockSupported: 0\n  dwDataRate: 10752 bps\n  dwMaxDataRate: 344100 bps\n  bNumDataRatesSupported: 0\n  dwMaxIFSD: 247\n  dwSynchProtocols: 0x00000000\n  dwMechanical: 0x00000000\n  dwFeatures: 0x000100B2\n  dwMaxCCIDMessageLength: 271 bytes\n  bClassGetResponse: 0xFF\n  bClassEnvelope: 0xFF\n  wLcdLayout: 0x0000\n  bPINSupport: 0x00\n  bMaxCCIDBusySlots: 1\n";
//! let ccid = parse_dump(dump).expect("a dump").interfaces[0].ccid;
//! assert_eq!(ccid.exchange_level(), ExchangeLevel::Tpdu);
//! assert_eq!(ccid.to_bytes().len(), 54);
//! ```
//!
//! A driver over a claimed interface (here the RC-S300 vendor interface):
//!
//! ```no_run
//! # async fn demo<P: reader::UsbPipe>(pipe: P) -> Result<(), apdu::TransportError> {
//! use apdu::CardChannel;
//! use reader::rcs300::{Rcs300, Rcs300Options};
//!
//! let mut rcs300 = Rcs300::new(pipe, Rcs300Options::default());
//! rcs300.init().await?; // end → start session, RF off → on
//! let pseudo_atr = rcs300.activate().await?; // Switch Protocol to ISO 14443-4 Type B
//! let select_jpki = [0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
//! let answer = rcs300.transmit(&select_jpki).await?; // ISO-DEP blocks in CommunicateThruEX
//! # let _ = (pseudo_atr, answer); Ok(()) }
//! ```
//!
//! Open questions that need hardware are marked `UNVERIFIED (readers.md §…)` in the code and
//! are one-line switches: [`rcs300::Rcs300Activation`], [`rcs300::ApduPath`],
//! [`port100::Rcs380Options::settings_before_each_apdu`].
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
pub mod notes;
mod redact;
pub mod t1;
pub mod usb;

pub use codec::DecodeError;
pub use usb::{UsbError, UsbPipe};
