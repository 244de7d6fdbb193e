//! PINs as typed by the user, checked for the right **kind** before the card is ever asked
//! (flows.md §0.1, §0.2, errors E3/E4 of §8).
//!
//! | Kind                          | Accepted (flows.md §0.1)                                   | Tries |
//! |-------------------------------|------------------------------------------------------------|-------|
//! | 4-digit PIN (user-auth, card-info, resident-registry) | exactly 4 digits                   | 3     |
//! | signature password            | 6–16 characters, A–Z and 0–9, both letters and digits      | 5     |
//!
//! Full-width digits and letters are folded to ASCII and lower-case letters of a signature
//! password are upper-cased (E4). A value of the wrong kind (a 4-digit value in the signature
//! step, letters in a 4-digit step) is refused locally, so no try is used (E3).
//!
//! A [`Pin`] keeps its bytes in a buffer that is wiped when dropped; its `Debug` shows only the
//! kind, it has no `Display`, and no error of this module contains any part of the PIN.

use alloc::string::String;
use core::fmt;

use zeroize::Zeroizing;

use crate::text::fold_full_width;

/// Which secret a step asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PinKind {
    /// A 4-digit PIN (user-authentication, card-info input support, resident registry).
    FourDigit,
    /// The signature password (6–16, A–Z and 0–9 mixed).
    SignaturePassword,
}

impl PinKind {
    /// Consecutive wrong entries before the card locks it (flows.md §0.1).
    pub const fn tries_before_lock(self) -> u8 {
        match self {
            Self::FourDigit => 3,
            Self::SignaturePassword => 5,
        }
    }
}

/// A PIN of a known kind, checked locally. Wiped from memory on drop.
pub struct Pin {
    kind: PinKind,
    secret: Zeroizing<String>,
}

impl Pin {
    /// Checks `typed` for `kind` and keeps a normalised copy (the caller wipes its own input).
    pub fn new(kind: PinKind, typed: &str) -> Result<Self, PinFormatError> {
        let mut secret = Zeroizing::new(String::with_capacity(16));
        for c in typed.chars() {
            let c = fold_full_width(c);
            secret.push(if kind == PinKind::SignaturePassword {
                c.to_ascii_uppercase()
            } else {
                c
            });
        }
        check(kind, &secret)?;
        Ok(Self { kind, secret })
    }

    /// The kind of this PIN.
    pub fn kind(&self) -> PinKind {
        self.kind
    }

    /// The PIN's ASCII bytes, for the VERIFY command only. Never log or store them.
    pub fn expose_bytes(&self) -> &[u8] {
        self.secret.as_bytes()
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pin({:?}, hidden)", self.kind)
    }
}

/// Why a typed value is not a PIN of the asked kind. Never contains the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PinFormatError {
    /// Letters typed where a 4-digit PIN is asked: "ここでは数字4桁の暗証番号です" (E3).
    #[error("this step needs the 4-digit PIN, not the signature password")]
    PasswordInFourDigitStep,
    /// A 4-digit value typed where the signature password is asked:
    /// "ここでは英大文字と数字6〜16文字のパスワードです" (E3).
    #[error("this step needs the 6–16 character signature password, not a 4-digit PIN")]
    FourDigitPinInPasswordStep,
    /// A 4-digit PIN of the wrong length.
    #[error("the PIN must be exactly 4 digits (got {length} characters)")]
    FourDigitLength {
        /// Characters typed.
        length: usize,
    },
    /// A 4-digit PIN with something other than digits (and no letters).
    #[error("the PIN may contain digits only")]
    FourDigitNotDigits,
    /// A signature password of the wrong length.
    #[error("the signature password must be 6–16 characters (got {length})")]
    PasswordLength {
        /// Characters typed.
        length: usize,
    },
    /// A signature password with a character other than A–Z and 0–9.
    #[error("the signature password may contain only letters A–Z and digits")]
    PasswordCharacter,
    /// A signature password without both letters and digits.
    #[error("the signature password must mix letters and digits")]
    PasswordNotMixed,
}

fn check(kind: PinKind, secret: &str) -> Result<(), PinFormatError> {
    let length = secret.chars().count();
    let all_digits = secret.bytes().all(|b| b.is_ascii_digit());
    match kind {
        PinKind::FourDigit => {
            if secret.chars().any(|c| c.is_ascii_alphabetic()) {
                Err(PinFormatError::PasswordInFourDigitStep)
            } else if !all_digits {
                Err(PinFormatError::FourDigitNotDigits)
            } else if length != 4 {
                Err(PinFormatError::FourDigitLength { length })
            } else {
                Ok(())
            }
        }
        PinKind::SignaturePassword => {
            if length == 4 && all_digits {
                Err(PinFormatError::FourDigitPinInPasswordStep)
            } else if !(6..=16).contains(&length) {
                Err(PinFormatError::PasswordLength { length })
            } else if !secret
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            {
                Err(PinFormatError::PasswordCharacter)
            } else if all_digits || !secret.bytes().any(|b| b.is_ascii_digit()) {
                Err(PinFormatError::PasswordNotMixed)
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn accepts_four_digits_in_either_width() {
        assert_eq!(
            Pin::new(PinKind::FourDigit, "1234").unwrap().expose_bytes(),
            b"1234"
        );
        assert_eq!(
            Pin::new(PinKind::FourDigit, "９８７６")
                .unwrap()
                .expose_bytes(),
            b"9876"
        );
    }

    #[test]
    fn refuses_wrong_kind_locally() {
        assert_eq!(
            Pin::new(PinKind::FourDigit, "ABC123").err(),
            Some(PinFormatError::PasswordInFourDigitStep)
        );
        assert_eq!(
            Pin::new(PinKind::SignaturePassword, "1234").err(),
            Some(PinFormatError::FourDigitPinInPasswordStep)
        );
    }

    #[test]
    fn refuses_malformed_four_digit_pins() {
        assert_eq!(
            Pin::new(PinKind::FourDigit, "123").err(),
            Some(PinFormatError::FourDigitLength { length: 3 })
        );
        assert_eq!(
            Pin::new(PinKind::FourDigit, "12-4").err(),
            Some(PinFormatError::FourDigitNotDigits)
        );
    }

    #[test]
    fn upper_cases_signature_password_and_checks_it() {
        assert_eq!(
            Pin::new(PinKind::SignaturePassword, "abc123")
                .unwrap()
                .expose_bytes(),
            b"ABC123"
        );
        assert_eq!(
            Pin::new(PinKind::SignaturePassword, "ABC12").err(),
            Some(PinFormatError::PasswordLength { length: 5 })
        );
        assert_eq!(
            Pin::new(PinKind::SignaturePassword, "ABCDEFGH123456789").err(),
            Some(PinFormatError::PasswordLength { length: 17 })
        );
        assert_eq!(
            Pin::new(PinKind::SignaturePassword, "ABC-123").err(),
            Some(PinFormatError::PasswordCharacter)
        );
        assert_eq!(
            Pin::new(PinKind::SignaturePassword, "ABCDEF").err(),
            Some(PinFormatError::PasswordNotMixed)
        );
        assert_eq!(
            Pin::new(PinKind::SignaturePassword, "123456").err(),
            Some(PinFormatError::PasswordNotMixed)
        );
    }

    #[test]
    fn debug_never_shows_the_pin() {
        let pin = Pin::new(PinKind::FourDigit, "4821").unwrap();
        assert_eq!(alloc::format!("{pin:?}"), "Pin(FourDigit, hidden)");
        let error = Pin::new(PinKind::SignaturePassword, "4821").err().unwrap();
        assert!(!alloc::format!("{error} {error:?}").contains("4821"));
    }

    #[test]
    fn tries_before_lock_follow_the_spec() {
        assert_eq!(PinKind::FourDigit.tries_before_lock(), 3);
        assert_eq!(PinKind::SignaturePassword.tries_before_lock(), 5);
    }
}
