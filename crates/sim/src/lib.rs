//! A faithful virtual My Number card.
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

pub use card::{Atr, CardConfig, Exchange, SimError, Trace, VirtualCard};
pub use channel::SimChannel;
pub use persona::{persona, personas, Persona};
