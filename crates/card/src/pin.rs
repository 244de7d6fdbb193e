//! PIN references and the [`Pin`] secret.
//!
//! Formats (mynacard.md §5), checked here before anything reaches the card, so a wrong-type
//! password never costs a try:
//!
//! ```text
//! | reference        | AP / EF           | format sent in VERIFY                               | tries |
//! |------------------|-------------------|-----------------------------------------------------|-------|
//! | JpkiAuth         | JPKI 0018         | 4 ASCII digits                                      | 3     |
//! | JpkiSign         | JPKI 001B         | 6–16 of A–Z 0–9, ≥1 letter and ≥1 digit (upper-cased)| 5     |
//! | TextPin          | text AP 0011      | 4 ASCII digits                                      | 3     |
//! | TextPinA         | text AP 0014      | 照合番号A: 12 ASCII digits (the My Number)          | ?     |
//! | TextPinB         | text AP 0015      | 照合番号B: 14 ASCII digits YYMMDD+YYYY+code          | ?     |
//! | VisualPinA       | visual AP 0013    | 照合番号A                                           | ?     |
//! | VisualPinB       | visual AP 0012    | 照合番号B                                           | ?     |
//! | VisualBirthDate  | visual AP 0011    | birth-date key: 6 digits YYMMDD (era YY, [B])       | ?     |
//! ```

use core::fmt;

use apdu::mynacard::{aid, jpki, text, visual};
use zeroize::{Zeroize, Zeroizing};

/// An application on the card that holds PIN references.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Application {
    /// 公的個人認証AP.
    Jpki,
    /// 券面事項入力補助AP.
    Text,
    /// 券面事項確認AP (券面AP).
    Visual,
}

impl Application {
    /// The AID (mynacard.md §2).
    pub const fn aid(self) -> &'static [u8] {
        match self {
            Self::Jpki => &aid::JPKI,
            Self::Text => &aid::TEXT,
            Self::Visual => &aid::VISUAL,
        }
    }

    /// A short name for messages.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Jpki => "JPKI AP",
            Self::Text => "券面事項入力補助AP",
            Self::Visual => "券面AP",
        }
    }
}

/// One PIN reference: a PIN EF in one application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PinRef {
    /// 利用者証明用暗証番号 (JPKI EF 0018, 4 digits).
    JpkiAuth,
    /// 署名用パスワード (JPKI EF 001B, 6–16 of A–Z 0–9).
    JpkiSign,
    /// 券面事項入力補助用暗証番号 (text AP EF 0011, 4 digits).
    TextPin,
    /// 照合番号A in the text AP (EF 0014, 12 digits).
    TextPinA,
    /// 照合番号B in the text AP (EF 0015, 14 digits).
    TextPinB,
    /// 照合番号A in the 券面AP (EF 0013).
    VisualPinA,
    /// 照合番号B in the 券面AP (EF 0012).
    VisualPinB,
    /// The 券面AP's birth-date key (EF 0011, 6 digits; opens the age record EF 0001).
    VisualBirthDate,
}

impl PinRef {
    /// Every PIN reference, in a stable order.
    pub const ALL: [Self; 8] = [
        Self::JpkiAuth,
        Self::JpkiSign,
        Self::TextPin,
        Self::TextPinA,
        Self::TextPinB,
        Self::VisualPinA,
        Self::VisualPinB,
        Self::VisualBirthDate,
    ];

    /// The application holding it.
    pub const fn application(self) -> Application {
        match self {
            Self::JpkiAuth | Self::JpkiSign => Application::Jpki,
            Self::TextPin | Self::TextPinA | Self::TextPinB => Application::Text,
            Self::VisualPinA | Self::VisualPinB | Self::VisualBirthDate => Application::Visual,
        }
    }

    /// The PIN EF (mynacard.md §3).
    pub const fn file_id(self) -> u16 {
        match self {
            Self::JpkiAuth => jpki::AUTH_PIN,
            Self::JpkiSign => jpki::SIGN_PIN,
            Self::TextPin => text::PIN,
            Self::TextPinA => text::PIN_A,
            Self::TextPinB => text::PIN_B,
            Self::VisualPinA => visual::PIN_A,
            Self::VisualPinB => visual::PIN_B,
            Self::VisualBirthDate => visual::BIRTH_DATE_KEY,
        }
    }

    /// A stable machine name (for JSON and the CLI).
    pub const fn id(self) -> &'static str {
        match self {
            Self::JpkiAuth => "auth",
            Self::JpkiSign => "sign",
            Self::TextPin => "card-info",
            Self::TextPinA => "card-info-a",
            Self::TextPinB => "card-info-b",
            Self::VisualPinA => "card-face-a",
            Self::VisualPinB => "card-face-b",
            Self::VisualBirthDate => "card-face-birth-date",
        }
    }

    /// The name printed on the card's PIN letter.
    pub const fn name(self) -> &'static str {
        match self {
            Self::JpkiAuth => "利用者証明用電子証明書の暗証番号 (user-authentication PIN)",
            Self::JpkiSign => "署名用電子証明書の暗証番号 (signature password)",
            Self::TextPin => "券面事項入力補助用の暗証番号 (card-information PIN)",
            Self::TextPinA => "照合番号A (My Number) for the 券面事項入力補助AP",
            Self::TextPinB => {
                "照合番号B (birth date, expiry year, security code) for the 券面事項入力補助AP"
            }
            Self::VisualPinA => "照合番号A (My Number) for the 券面AP",
            Self::VisualPinB => "照合番号B (birth date, expiry year, security code) for the 券面AP",
            Self::VisualBirthDate => "birth-date key (YYMMDD) of the 券面AP",
        }
    }

    fn check_format(self, bytes: &[u8]) -> Result<(), PinFormatError> {
        let all_digits = bytes.iter().all(u8::is_ascii_digit);
        let digits = |n: usize, rule: &'static str| {
            if bytes.len() == n && all_digits {
                Ok(())
            } else {
                Err(PinFormatError { pin: self, rule })
            }
        };
        match self {
            Self::JpkiAuth | Self::TextPin => digits(4, "must be exactly 4 digits"),
            Self::TextPinA | Self::VisualPinA => {
                digits(12, "must be exactly 12 digits (the My Number)")
            }
            Self::TextPinB | Self::VisualPinB => digits(14, "must be exactly 14 digits"),
            Self::VisualBirthDate => digits(6, "must be exactly 6 digits (YYMMDD)"),
            Self::JpkiSign => {
                let ok_chars = bytes
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                let has_letter = bytes.iter().any(u8::is_ascii_uppercase);
                let has_digit = bytes.iter().any(u8::is_ascii_digit);
                // Characters first: a full-width "ＡＢＣ１２３" is 6 characters but 18 bytes, and
                // its problem is the characters, not the length.
                if !ok_chars {
                    Err(PinFormatError {
                        pin: self,
                        rule: "may contain only the letters A-Z and the digits 0-9",
                    })
                } else if !(6..=16).contains(&bytes.len()) {
                    Err(PinFormatError {
                        pin: self,
                        rule: "must be 6 to 16 characters long",
                    })
                } else if !(has_letter && has_digit) {
                    Err(PinFormatError {
                        pin: self,
                        rule: "must contain at least one letter and one digit",
                    })
                } else {
                    Ok(())
                }
            }
        }
    }
}

impl fmt::Display for PinRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A PIN that does not have the form its reference requires. Says which rule, never the PIN.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the {pin} {rule}")]
pub struct PinFormatError {
    /// Which PIN.
    pub pin: PinRef,
    /// The rule it broke.
    pub rule: &'static str,
}

/// A PIN, password or 照合番号 ready to send, for exactly one [`PinRef`].
///
/// Its bytes are checked against the reference's format when it is made, wiped when it is
/// dropped, and never shown: `Debug` and `Display` print only which reference it is for.
#[derive(Clone)]
pub struct Pin {
    pin: PinRef,
    bytes: Zeroizing<Vec<u8>>,
}

impl Pin {
    /// Checks and keeps `input` for `pin`. The signature password is upper-cased first
    /// (mynacard.md §5: clients upper-case the input). Surrounding spaces are not removed: a PIN
    /// with a space in it is refused.
    pub fn new(pin: PinRef, input: &str) -> Result<Self, PinFormatError> {
        let mut bytes = Zeroizing::new(input.as_bytes().to_vec());
        if pin == PinRef::JpkiSign {
            bytes.make_ascii_uppercase();
        }
        pin.check_format(&bytes)?;
        Ok(Self { pin, bytes })
    }

    /// Like [`Pin::new`], then wipes `input`.
    pub fn from_string(pin: PinRef, mut input: String) -> Result<Self, PinFormatError> {
        let result = Self::new(pin, &input);
        input.zeroize();
        result
    }

    /// Which reference this PIN is for.
    pub const fn reference(&self) -> PinRef {
        self.pin
    }

    /// The bytes VERIFY carries.
    pub(crate) fn expose(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pin({:?}, <redacted>)", self.pin)
    }
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn accepts_four_digit_pins() {
        assert_eq!(
            Pin::new(PinRef::JpkiAuth, "1234").unwrap().expose(),
            b"1234"
        );
        assert_eq!(Pin::new(PinRef::TextPin, "0000").unwrap().expose(), b"0000");
    }

    #[test]
    fn rejects_four_digit_pin_of_wrong_shape() {
        for bad in ["123", "12345", "12a4", " 1234", "１２３４"] {
            assert_eq!(
                Pin::new(PinRef::JpkiAuth, bad).unwrap_err(),
                PinFormatError {
                    pin: PinRef::JpkiAuth,
                    rule: "must be exactly 4 digits"
                }
            );
        }
    }

    #[test]
    fn upper_cases_the_sign_password() {
        assert_eq!(
            Pin::new(PinRef::JpkiSign, "abc123").unwrap().expose(),
            b"ABC123"
        );
        assert_eq!(
            Pin::new(PinRef::JpkiSign, "A1B2C3D4E5F6G7H8")
                .unwrap()
                .expose(),
            b"A1B2C3D4E5F6G7H8"
        );
    }

    #[test]
    fn rejects_sign_passwords_that_break_a_rule() {
        let rule = |s: &str| Pin::new(PinRef::JpkiSign, s).unwrap_err().rule;
        assert_eq!(rule("AB123"), "must be 6 to 16 characters long");
        assert_eq!(rule("ＡＢＣ１２３"), "may contain only the letters A-Z and the digits 0-9");
        assert_eq!(rule("A1B2C3D4E5F6G7H8I"), "must be 6 to 16 characters long");
        assert_eq!(
            rule("ABC-123"),
            "may contain only the letters A-Z and the digits 0-9"
        );
        assert_eq!(
            rule("ABCDEF"),
            "must contain at least one letter and one digit"
        );
        assert_eq!(
            rule("123456"),
            "must contain at least one letter and one digit"
        );
        assert_eq!(
            rule("ÄBC123"),
            "may contain only the letters A-Z and the digits 0-9"
        );
    }

    #[test]
    fn checks_pin_a_and_b_lengths() {
        assert!(Pin::new(PinRef::TextPinA, "123456789012").is_ok());
        assert_eq!(
            Pin::new(PinRef::TextPinA, "12345678901").unwrap_err().rule,
            "must be exactly 12 digits (the My Number)"
        );
        assert!(Pin::new(PinRef::VisualPinB, "55021720352285").is_ok());
        assert_eq!(
            Pin::new(PinRef::VisualPinB, "5502172035228")
                .unwrap_err()
                .rule,
            "must be exactly 14 digits"
        );
    }

    #[test]
    fn debug_and_display_print_nothing_of_the_pin() {
        let pin = Pin::new(PinRef::JpkiSign, "SECRET42").unwrap();
        assert_eq!(format!("{pin:?}"), "Pin(JpkiSign, <redacted>)");
        assert_eq!(format!("{pin}"), "<redacted>");
        let err = Pin::new(PinRef::JpkiAuth, "98765").unwrap_err();
        assert!(!format!("{err} {err:?}").contains("98765"));
    }

    #[test]
    fn from_string_keeps_the_checked_bytes() {
        let pin = Pin::from_string(PinRef::JpkiAuth, String::from("4321")).unwrap();
        assert_eq!(pin.expose(), b"4321");
    }

    #[test]
    fn maps_references_to_their_files() {
        assert_eq!(PinRef::JpkiAuth.file_id(), 0x0018);
        assert_eq!(PinRef::JpkiSign.file_id(), 0x001B);
        assert_eq!(PinRef::TextPin.file_id(), 0x0011);
        assert_eq!(PinRef::TextPinA.file_id(), 0x0014);
        assert_eq!(PinRef::TextPinB.file_id(), 0x0015);
        assert_eq!(PinRef::VisualPinA.file_id(), 0x0013);
        assert_eq!(PinRef::VisualPinB.file_id(), 0x0012);
        assert_eq!(PinRef::VisualBirthDate.file_id(), 0x0011);
        assert_eq!(PinRef::VisualBirthDate.application(), Application::Visual);
    }
}
