//! The My Number card's applications, over any [`apdu::CardChannel`].
//!
//! What it does: identifies the card by SELECT of the JPKI application (never by ATR); tells a
//! physical card from a phone token by the token label; reads the four JPKI certificates with the
//! fewest APDUs; reports every PIN's status; lets a VERIFY through only via the [`PinGuard`]
//! (tries read first, blocked PINs refused, last try only with a [`LastTryConfirmation`], never
//! a retry); signs DigestInfos with the auth and signature keys; reads the My Number (with the
//! integrity check), 基本4情報 and the 券面AP card face. Every operation's APDUs are in the trace
//! ([`Card::take_trace`]), with PIN data redacted.
//!
//! What it is not: a reader driver (it never knows which reader is in use), a UI, or a
//! certificate validator (that is the `pki` crate). It does no I/O of its own: the channel does.
//!
//! Facts and byte layouts: `mynacard.md` (cited by section throughout).
//!
//! ```no_run
//! # async fn demo<C: apdu::CardChannel>(channel: C) -> Result<(), card::CardError> {
//! use card::{Card, Certificate, HashAlgorithm, Pin, PinRef, SigningKey};
//!
//! let mut card = Card::connect(channel).await?;
//! let auth_cert = card.read_certificate(Certificate::Auth).await?;
//! let pin = Pin::new(PinRef::JpkiAuth, "1234")?;
//! card.verify(&pin, None).await?; // reads tries first; refuses at 1 try left without confirmation
//! let signature = card.sign(SigningKey::Auth, HashAlgorithm::Sha256, b"challenge").await?;
//! for exchange in card.take_trace() {
//!     println!("{exchange}");
//! }
//! # let _ = (auth_cert, signature); Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod data;
pub mod digest;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod guard;
pub mod pin;
pub mod pin_b;
pub mod session;
pub mod sign;
pub mod trace;

#[cfg(test)]
mod tests;

pub use data::{Basic4, CardFace, Date, IntegrityRecord, MyNumber, Sex};
pub use digest::HashAlgorithm;
pub use error::CardError;
pub use guard::{LastTryConfirmation, PinGuard, PinStatus, Verified};
pub use pin::{Application, Pin, PinFormatError, PinRef};
pub use pin_b::{pin_b, BirthYearForm, Era, PinBError};
pub use session::{Card, Certificate, TokenInfo, TokenKind};
pub use sign::SigningKey;
pub use trace::{TraceEntry, TracingChannel};
