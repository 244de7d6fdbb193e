//! The one seam between card logic and reader drivers.
//!
//! The `card` crate speaks to a card only through [`CardChannel`]; every reader driver (CCID,
//! RC-S380, RC-S300) and the simulator's virtual card implement it. Neither side knows the other:
//! card logic never names a reader, and a driver never interprets what an APDU means (beyond the
//! ISO 7816-3/-4 transport rules it must apply, such as T=0 `61xx`/`6Cxx` handling).

use alloc::string::String;
use alloc::vec::Vec;

/// What a channel can carry, so card logic picks the fewest round trips
/// (mynacard.md §11: one extended READ BINARY where extended length works).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChannelCapabilities {
    /// Extended-length APDUs (Lc up to 65 535, Le up to 65 536) reach the card intact.
    pub extended_length: bool,
    /// Largest command data field (Lc) the channel can send in one APDU.
    pub max_command_data: usize,
    /// Largest response data field (without SW1 SW2) the channel can return for one APDU.
    pub max_response_data: usize,
}

impl ChannelCapabilities {
    /// A channel limited to short APDUs (ISO/IEC 7816-4 §5.1: Lc ≤ 255, Le ≤ 256).
    pub const SHORT: Self = Self { extended_length: false, max_command_data: 255, max_response_data: 256 };
    /// A channel that carries extended APDUs both ways.
    pub const EXTENDED: Self = Self { extended_length: true, max_command_data: 65_535, max_response_data: 65_536 };
}

/// Why an exchange with the card did not complete. Transport-level only: what the card *said*
/// (status words) is never an error here.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// No card is present, or it left the field / was pulled out during the exchange.
    #[error("no card in the reader (it was removed or is not placed on the reader)")]
    CardRemoved,
    /// The reader itself is gone: unplugged, closed, or taken by another program.
    #[error("the card reader is no longer available (unplugged or closed)")]
    ReaderGone,
    /// The card or reader did not answer within the allowed time.
    #[error("the card did not answer in time")]
    Timeout,
    /// The reader or card broke its protocol (bad frame, checksum, block sequence); the text
    /// names the structure that failed.
    #[error("communication error with the card: {0}")]
    Protocol(String),
    /// The command cannot be carried by this channel (for example an extended APDU on a
    /// short-APDU reader); nothing was sent.
    #[error("this reader cannot carry the command: {0}")]
    Unsupported(String),
    /// Any other failure of the USB transfer or host API; the text keeps the raw cause.
    #[error("card reader input/output error: {0}")]
    Io(String),
}

/// A connection to one card, through whatever reader (or the simulator).
///
/// Rules every implementation follows:
/// - [`transmit`](Self::transmit) sends one command APDU **once**. A command with side effects
///   (VERIFY consumes a PIN try) is never resent by a lower layer; block-level retransmission that
///   the transport protocol itself defines (T=1 / ISO-DEP R-block recovery, where the card has
///   provably not executed the command) is allowed.
/// - The returned bytes are the complete response: data followed by SW1 SW2 (at least 2 bytes).
/// - In Wasm everything is single-threaded; no `Send` bound is required.
#[allow(async_fn_in_trait)]
pub trait CardChannel {
    /// What this channel can carry.
    fn capabilities(&self) -> ChannelCapabilities;

    /// Sends one command APDU (raw bytes, ISO/IEC 7816-4 §5.1) and returns the card's response
    /// (data ‖ SW1 ‖ SW2).
    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError>;

    /// Resets the card (cold or warm reset, or RF off/on for a contactless card) and returns its
    /// ATR — for a contactless card the reader's pseudo-ATR (mynacard.md §1). A reset ends the
    /// card's security state: every verified PIN is forgotten.
    async fn reset(&mut self) -> Result<Vec<u8>, TransportError>;

    /// Whether a card is present now.
    async fn is_card_present(&mut self) -> Result<bool, TransportError>;
}
