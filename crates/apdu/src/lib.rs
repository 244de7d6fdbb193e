//! ISO/IEC 7816-4 application protocol data units for the My Number card, with no I/O.
//!
//! What is here: [`CommandApdu`] in all four ISO cases, short and extended, encoded and parsed
//! (the virtual card parses what it receives with the same code); [`ResponseApdu`] with a
//! lossless [`StatusWord`]; [`exchange::transmit`], which follows `61xx` / `6Cxx` over any
//! [`CardChannel`]; a shrinking [`tlv::Reader`] for BER-TLV (transparent EFs) and simple-TLV
//! (record EFs); [`builders`] for every command the card answers, with the bytes of
//! mynacard.md §4; and the card's AIDs and file ids in [`mynacard`].
//!
//! What is not here: what a command *means* for the card (that is the `card` crate), and how
//! bytes reach the card (reader drivers and the simulator implement [`CardChannel`]).
//!
//! ```
//! use apdu::{builders, mynacard::jpki, CommandApdu, ResponseApdu, StatusWord};
//!
//! let select = builders::select_ef(jpki::AUTH_PIN);
//! assert_eq!(select.to_bytes(), [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18]);
//! assert_eq!(CommandApdu::parse(&select.to_bytes()), Ok(select));
//!
//! let answer = ResponseApdu::parse(&[0x63, 0xC2]).expect("two bytes are a response");
//! assert_eq!(answer.sw, StatusWord::RemainingRetries(2));
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

extern crate alloc;

pub mod builders;
pub mod channel;
pub mod command;
pub mod exchange;
#[doc(hidden)]
pub mod fuzzing;
pub mod mynacard;
pub mod response;
pub mod status;
pub mod tlv;

pub use builders::BuildError;
pub use channel::{CardChannel, ChannelCapabilities, TransportError};
pub use command::{CommandApdu, CommandError, IsoCase, LengthForm};
pub use exchange::{transmit, ExchangeError};
pub use response::{ResponseApdu, ResponseError};
pub use status::StatusWord;
pub use tlv::{BerTlv, Reader, SimpleTlv, Tag, TlvError};
