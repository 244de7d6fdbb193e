//! Pure, DOM-free citizen flows for mynaweb.
//!
//! This crate holds what the app's pages decide, without drawing anything or touching a card:
//!
//! - [`date`]: a civil date in JST, age on a reference date with the 29 February rule
//!   (flows.md §0.3);
//! - [`session`]: the shared card-session machine (flows.md §0.2), generic over the operation,
//!   with [`pin`] checking the PIN kind before the card is asked, and [`operations`] naming what
//!   the flows ask of the card (never the My Number);
//! - [`insurance`]: the insurance-use registration pre-check and hand-off (flows.md §1A);
//! - [`rehearsal`]: the clinic-reception consent rehearsal (flows.md §1B);
//! - [`document`]: "which document do I show?" (flows.md §1C);
//! - [`overseas`]: the overseas-card wizard, the continued-use deadline (the day before
//!   departure) and the pre-fill draft (flows.md §3);
//! - [`smartphone`]: the smartphone-certificate revoke/suspend helper (flows.md §4.2);
//! - [`catalogue`]: the error catalogue of flows.md §8 (E1–E15) as situations mapped from this
//!   crate's states and errors;
//! - [`facts`]: phone numbers, menu digits and hours the flows show, with their source;
//! - [`account`]: the 公金受取口座 field rules, the Zengin kana normaliser, the ゆうちょ 記号・番号
//!   conversion and the own-name check (flows.md §2.2–§2.4), with bank data plugged in through
//!   [`account::BankDirectory`].
//!
//! What it is **not** for: it renders no text (states and outcomes are enums the app maps to
//! i18n keys; only facts such as phone numbers, hours and deadlines live here as data, with the
//! flows.md section cited), performs no I/O, reads no clock ("today" is always a parameter) and
//! never sees the card crate: card work is requested through effects that the app carries out.
//! It builds natively and for `wasm32-unknown-unknown`.
//!
//! ```
//! use flows::account::{convert_yucho, to_zengin};
//!
//! assert_eq!(to_zengin("やまだ　たろう").unwrap().as_str(), "ﾔﾏﾀﾞ ﾀﾛｳ");
//! let yucho = convert_yucho("10530", "12345671").unwrap();
//! assert_eq!((yucho.branch.as_str(), yucho.number.as_str()), ("058", "1234567"));
//! ```
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

extern crate alloc;

pub mod account;
pub mod catalogue;
pub mod date;
pub mod document;
pub mod facts;
#[doc(hidden)]
pub mod fuzzing;
pub mod insurance;
pub mod operations;
pub mod overseas;
pub mod pin;
pub mod rehearsal;
pub mod session;
pub mod smartphone;
mod text;
