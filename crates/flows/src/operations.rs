//! The card operations the flows ask for, as data for the card session ([`crate::session`]).
//!
//! | Operation                     | Application (flows.md §0.1)          | PIN            | Used by            |
//! |-------------------------------|--------------------------------------|----------------|--------------------|
//! | [`CardOperation::RegistrationCheck`] | JPKI user-authentication        | none           | §1A R1, §1B C1     |
//! | [`CardOperation::UserAuthPinTest`]   | JPKI user-authentication        | 4 digits       | §1A R1 (optional), §1B C3 |
//! | [`CardOperation::ReadFourItems`]     | card-info input support (券面事項入力補助用) | 4 digits | §1B C5, §2.6 A1, §3.3 |
//!
//! Data minimisation (flows.md §0.1): [`CardOperation::ReadFourItems`] reads **only** the
//! 4-items file (name, address, date of birth, sex). No flow of this crate asks for the My
//! Number, and there is deliberately no operation for it: reading it would bring the app under
//! the My Number Act.

use crate::pin::PinKind;
use crate::session::SessionRequest;

/// An application on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardApplication {
    /// JPKI user-authentication (利用者証明用電子証明書): certificate readable without PIN.
    UserAuthentication,
    /// Card-info input support (券面事項入力補助用): 4-items file behind the 4-digit PIN.
    CardInfoInputSupport,
}

/// What a flow needs the card to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardOperation {
    /// Read the user-auth certificate (expiry) and the tries left of each PIN; no PIN needed.
    RegistrationCheck,
    /// VERIFY the user-auth PIN (spends a try when wrong: only behind an explicit request).
    UserAuthPinTest,
    /// Read the 4-items file only (never the My Number).
    ReadFourItems,
}

impl CardOperation {
    /// The application the operation selects.
    pub const fn application(self) -> CardApplication {
        match self {
            Self::RegistrationCheck | Self::UserAuthPinTest => CardApplication::UserAuthentication,
            Self::ReadFourItems => CardApplication::CardInfoInputSupport,
        }
    }

    /// The PIN the operation needs.
    pub const fn pin(self) -> Option<PinKind> {
        match self {
            Self::RegistrationCheck => None,
            Self::UserAuthPinTest | Self::ReadFourItems => Some(PinKind::FourDigit),
        }
    }

    /// The card-session request for this operation.
    pub const fn request(self) -> SessionRequest<Self> {
        SessionRequest {
            operation: self,
            pin: self.pin(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_check_needs_no_pin() {
        assert_eq!(
            CardOperation::RegistrationCheck.request(),
            SessionRequest {
                operation: CardOperation::RegistrationCheck,
                pin: None
            }
        );
        assert_eq!(
            CardOperation::RegistrationCheck.application(),
            CardApplication::UserAuthentication
        );
    }

    #[test]
    fn four_items_read_uses_the_card_info_pin() {
        assert_eq!(
            CardOperation::ReadFourItems.request().pin,
            Some(PinKind::FourDigit)
        );
        assert_eq!(
            CardOperation::ReadFourItems.application(),
            CardApplication::CardInfoInputSupport
        );
        assert_eq!(
            CardOperation::UserAuthPinTest.application(),
            CardApplication::UserAuthentication
        );
    }
}
