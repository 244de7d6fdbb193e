//! What went wrong with a card operation, in the card's own terms.

use apdu::{ExchangeError, StatusWord, TlvError, TransportError};

use crate::pin::{PinFormatError, PinRef};

/// A card operation's failure. Never carries PIN bytes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CardError {
    /// VERIFY was refused (`63Cx`); `tries_left` 0 means the PIN is now blocked.
    #[error("wrong {pin}: {tries_left} tries left")]
    WrongPin {
        /// Which PIN.
        pin: PinRef,
        /// Tries left after this attempt.
        tries_left: u8,
    },
    /// The PIN is blocked (`6984`, `6983` or `63C0`); no VERIFY was sent.
    #[error("the {pin} is blocked; only the municipal office can reset it")]
    PinBlocked {
        /// Which PIN.
        pin: PinRef,
    },
    /// One try is left and the caller did not pass a
    /// [`LastTryConfirmation`](crate::LastTryConfirmation); no VERIFY was sent.
    #[error("only one try is left for the {pin}; a wrong entry would block it, so confirmation is required")]
    LastTryNeedsConfirmation {
        /// Which PIN.
        pin: PinRef,
    },
    /// The PIN answers "no retry counter" (`63 00`) where a counter always exists: it was never
    /// set (a face-authentication-only card). No VERIFY was sent. UNVERIFIED (flows.md §9, open
    /// question 4): the exact answer of such a card; refusing is the safe side.
    #[error(
        "the {pin} is not set on this card (a face-authentication-only card); no VERIFY was sent"
    )]
    PinNotSet {
        /// Which PIN.
        pin: PinRef,
    },
    /// The PIN does not have the form its reference requires; nothing was sent.
    #[error(transparent)]
    PinFormat(#[from] PinFormatError),
    /// A PIN made for one reference was given for another; nothing was sent.
    #[error("a PIN for {given} was given where the {expected} is needed")]
    PinForOtherReference {
        /// The reference the operation needs.
        expected: PinRef,
        /// The reference the PIN was made for.
        given: PinRef,
    },
    /// `6982`: the operation needs a PIN or password verified first.
    #[error("{operation} needs the {needs} to be verified first (card answered 6982)")]
    PinRequired {
        /// What was attempted.
        operation: &'static str,
        /// Which credential opens it.
        needs: PinRef,
    },
    /// `6982` for an operation that no one PIN opens.
    #[error("{operation}: security status not satisfied (card answered 6982)")]
    SecurityStatusNotSatisfied {
        /// What was attempted.
        operation: &'static str,
    },
    /// `6A82`: the file or application is not on this card.
    #[error("{what} is not on this card (card answered 6A82)")]
    FileNotFound {
        /// Which file or application.
        what: &'static str,
    },
    /// The JPKI application is missing or its token label is not a JPKI one.
    #[error("this is not a My Number card: {reason}")]
    NotMyNumberCard {
        /// What was seen.
        reason: String,
    },
    /// The card was removed, or left the field, during the operation.
    #[error("the card was removed")]
    CardRemoved,
    /// The reader or transport failed.
    #[error("card reader failure: {0}")]
    Transport(TransportError),
    /// The card's data does not have the layout the spec gives.
    #[error("malformed {structure}: {detail}")]
    Malformed {
        /// The structure that failed (e.g. "基本4情報 (text AP EF 0002)").
        structure: &'static str,
        /// What was wrong.
        detail: String,
    },
    /// A digest stored on the card does not match the data read from it.
    #[error("integrity check failed: {what}")]
    IntegrityMismatch {
        /// Which check.
        what: &'static str,
    },
    /// The card answered a status word the operation does not expect.
    #[error("{operation}: the card answered {sw}")]
    UnexpectedStatus {
        /// What was attempted.
        operation: &'static str,
        /// The status word.
        sw: StatusWord,
    },
    /// The request cannot be expressed (too much data for the signing command, for example).
    #[error("invalid request: {0}")]
    InvalidRequest(&'static str),
}

impl From<TransportError> for CardError {
    fn from(e: TransportError) -> Self {
        match e {
            TransportError::CardRemoved => Self::CardRemoved,
            other => Self::Transport(other),
        }
    }
}

impl From<ExchangeError> for CardError {
    fn from(e: ExchangeError) -> Self {
        match e {
            ExchangeError::Transport(t) => t.into(),
            ExchangeError::Malformed(r) => Self::Malformed {
                structure: "response APDU",
                detail: r.to_string(),
            },
            other => Self::Transport(TransportError::Protocol(other.to_string())),
        }
    }
}

impl CardError {
    /// A TLV error inside a named structure.
    pub(crate) fn tlv(structure: &'static str, e: TlvError) -> Self {
        Self::Malformed {
            structure,
            detail: e.to_string(),
        }
    }

    /// A malformed structure with a fixed explanation.
    pub(crate) fn malformed(structure: &'static str, detail: impl Into<String>) -> Self {
        Self::Malformed {
            structure,
            detail: detail.into(),
        }
    }
}
