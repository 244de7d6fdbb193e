//! A faithful virtual My Number card (個人番号カード), for tests, the CLI and the demo mode.
//!
//! What it is: a sans-IO card. [`VirtualCard::process`] takes the bytes of one command APDU and
//! returns the response bytes, applying the file system, access rules, PIN counters and signing
//! of mynacard.md §2–§7 and §9, for one of ten fictional [`personas`]. [`SimChannel`] puts it
//! behind the same [`apdu::CardChannel`] seam every reader driver implements, with a card that
//! can be absent or pulled out at APDU *k*, and a [`Trace`] of every APDU received so a test can
//! say "no VERIFY was sent".
//!
//! What it is not: a reader. USB-level virtual readers are a separate layer. Not simulated:
//! secure messaging (SET SESSION KEY is refused as the card refuses it, then `6A81`) and the
//! MF-level GET DATA objects `0066` and `7F21` (`6A88`, as on cards that lack them).
//!
//! Keys and certificates are real: RSA-2048 keys generated once from fixed seeds and committed
//! under `data/keys/` ([`keys`]), and JPKI-shaped certificates issued by a test hierarchy named
//! `O=JPKI-TEST, OU=mynaweb simulator` ([`issuer`]) when a card is created. Everything is
//! deterministic: the same persona always gives the same bytes. Nothing is read from the file
//! system at run time, so the crate runs unchanged in Wasm.
//!
//! ```
//! use sim::{persona, VirtualCard};
//!
//! let mut card = VirtualCard::new(persona("standard").expect("built in")).expect("committed keys");
//! let trace = card.trace();
//! // SELECT the JPKI AP, then read 3 bytes of EF 0008 by SFI.
//! let select = [0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
//! assert_eq!(card.process(&select), [0x90, 0x00]);
//! assert_eq!(card.process(&[0x00, 0xB0, 0x88, 0x00, 0x03]), [0x8F, 0x8F, 0x00, 0x90, 0x00]);
//! // The signature certificate is behind the signature password.
//! assert_eq!(card.process(&[0x00, 0xB0, 0x81, 0x00, 0x00]), [0x69, 0x82]);
//! assert_eq!(trace.len(), 3);
//! assert_eq!(trace.verify_attempts(), 0);
//! ```
//!
//! Module map: [`persona`](mod@persona) (who), [`keys`] (committed keys and their seeds), [`issuer`] (test
//! roots and the certificate template), [`layouts`] (byte layouts of every data EF),
//! [`images`] (placeholder PNG/JP2), [`filesystem`] (EFs and access rules), [`card`] (the
//! command dispatcher), [`channel`] (the `CardChannel` wrapper).
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

extern crate alloc;

pub mod card;
pub mod channel;
pub mod filesystem;
#[doc(hidden)]
pub mod fuzzing;
pub mod images;
pub mod issuer;
pub mod keys;
pub mod layouts;
pub mod persona;
pub mod usb;

pub use card::{Atr, CardConfig, Exchange, SimError, Trace, VirtualCard};
pub use channel::{Fault, SimChannel};
pub use persona::{persona, personas, Persona};
