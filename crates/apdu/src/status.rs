//! Status words (SW1 SW2), kept losslessly.
//!
//! ISO/IEC 7816-4 §5.6 defines SW1 SW2 as the two trailing bytes of every response. The meanings
//! this card gives them are in mynacard.md §6. [`StatusWord`] names every value this product acts
//! on; any other value survives in [`StatusWord::Other`], so `from_u16(x).to_u16() == x` for every
//! `x`, and two status words are equal exactly when their 16-bit values are equal.
//!
//! ```text
//! | SW1 SW2 | variant                          | mynacard.md §6 meaning                     |
//! |---------|----------------------------------|--------------------------------------------|
//! | 90 00   | Success                          | OK; empty VERIFY: "already verified"       |
//! | 61 xx   | MoreAvailable(xx)                | xx bytes waiting for GET RESPONSE (00=256) |
//! | 62 82   | EndOfFileReached                 | fewer than Le bytes (tolerated)            |
//! | 63 00   | VerificationFailed               | key with no retry counter                  |
//! | 63 Cx   | RemainingRetries(x)              | wrong PIN / status query: x tries left     |
//! | 66 F1   | SecureMessagingNotConfigured     | visual/common AP SET SESSION KEY           |
//! | 67 00   | WrongLength                      | wrong Lc/Le                                |
//! | 69 81   | IncompatibleFileStructure        | command incompatible with the file         |
//! | 69 82   | SecurityStatusNotSatisfied       | PIN/password needed first                  |
//! | 69 83   | AuthenticationMethodBlocked      | treated as blocked (never observed)        |
//! | 69 84   | ReferenceDataInvalidated         | PIN blocked                                |
//! | 69 85   | ConditionsNotSatisfied           | bad signing input, extended Le on CHALLENGE|
//! | 6A 80   | WrongData                        |                                            |
//! | 6A 82   | FileNotFound                     |                                            |
//! | 6A 83   | RecordNotFound                   |                                            |
//! | 6A 86   | IncorrectP1P2                    |                                            |
//! | 6A 88   | ReferencedDataNotFound           | GET DATA object absent                     |
//! | 6B 00   | WrongOffset                      | READ BINARY offset beyond the EF           |
//! | 6C xx   | WrongLe(xx)                      | resend with Le = xx (00 = 256)             |
//! | 6D 00   | InstructionNotSupported          |                                            |
//! | 6E 00   | ClassNotSupported                |                                            |
//! | 6F 00   | NoPreciseDiagnosis               |                                            |
//! | other   | Other(sw)                        | kept as is                                 |
//! ```

use core::fmt;
use core::hash::{Hash, Hasher};

/// A status word (ISO/IEC 7816-4 §5.6; meanings on this card: mynacard.md §6).
///
/// Equality and hashing go by the 16-bit value, so `StatusWord::Other(0x9000)` equals
/// [`StatusWord::Success`]; construct from raw values with [`StatusWord::from_u16`] to always get
/// the named variant.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum StatusWord {
    /// `90 00`: normal processing.
    Success,
    /// `61 xx`: more response bytes available; fetch them with GET RESPONSE, Le = xx
    /// (`00` means 256).
    MoreAvailable(u8),
    /// `62 82`: end of file reached before Le bytes were read.
    EndOfFileReached,
    /// `63 00`: verification failed, no retry counter.
    VerificationFailed,
    /// `63 Cx`: verification failed (or, after an empty VERIFY, not yet verified) with x tries
    /// left (0–15). `63 C0` answers the attempt that exhausts the counter.
    RemainingRetries(u8),
    /// `66 F1`: secure messaging not configured (mynacard.md §6).
    SecureMessagingNotConfigured,
    /// `67 00`: wrong length.
    WrongLength,
    /// `69 81`: command incompatible with file structure.
    IncompatibleFileStructure,
    /// `69 82`: security status not satisfied (a PIN or password must be verified first).
    SecurityStatusNotSatisfied,
    /// `69 83`: authentication method blocked (treated as "PIN blocked", mynacard.md §6/§12).
    AuthenticationMethodBlocked,
    /// `69 84`: referenced data invalidated: the PIN is blocked.
    ReferenceDataInvalidated,
    /// `69 85`: conditions of use not satisfied.
    ConditionsNotSatisfied,
    /// `6A 80`: incorrect data in the command.
    WrongData,
    /// `6A 82`: file or application not found.
    FileNotFound,
    /// `6A 83`: record not found.
    RecordNotFound,
    /// `6A 86`: incorrect P1 P2.
    IncorrectP1P2,
    /// `6A 88`: referenced data (GET DATA object) not found.
    ReferencedDataNotFound,
    /// `6B 00`: wrong parameters: offset outside the EF.
    WrongOffset,
    /// `6C xx`: wrong Le; resend the same command with Le = xx (`00` means 256).
    WrongLe(u8),
    /// `6D 00`: instruction code not supported.
    InstructionNotSupported,
    /// `6E 00`: class not supported.
    ClassNotSupported,
    /// `6F 00`: no precise diagnosis.
    NoPreciseDiagnosis,
    /// Any other status word, kept as is.
    Other(u16),
}

impl StatusWord {
    /// Maps a raw 16-bit status word (SW1 in the high byte) to its variant.
    pub const fn from_u16(sw: u16) -> Self {
        let [sw1, sw2] = sw.to_be_bytes();
        match (sw1, sw2) {
            (0x90, 0x00) => Self::Success,
            (0x61, n) => Self::MoreAvailable(n),
            (0x62, 0x82) => Self::EndOfFileReached,
            (0x63, 0x00) => Self::VerificationFailed,
            (0x63, n) if n & 0xF0 == 0xC0 => Self::RemainingRetries(n & 0x0F),
            (0x66, 0xF1) => Self::SecureMessagingNotConfigured,
            (0x67, 0x00) => Self::WrongLength,
            (0x69, 0x81) => Self::IncompatibleFileStructure,
            (0x69, 0x82) => Self::SecurityStatusNotSatisfied,
            (0x69, 0x83) => Self::AuthenticationMethodBlocked,
            (0x69, 0x84) => Self::ReferenceDataInvalidated,
            (0x69, 0x85) => Self::ConditionsNotSatisfied,
            (0x6A, 0x80) => Self::WrongData,
            (0x6A, 0x82) => Self::FileNotFound,
            (0x6A, 0x83) => Self::RecordNotFound,
            (0x6A, 0x86) => Self::IncorrectP1P2,
            (0x6A, 0x88) => Self::ReferencedDataNotFound,
            (0x6B, 0x00) => Self::WrongOffset,
            (0x6C, n) => Self::WrongLe(n),
            (0x6D, 0x00) => Self::InstructionNotSupported,
            (0x6E, 0x00) => Self::ClassNotSupported,
            (0x6F, 0x00) => Self::NoPreciseDiagnosis,
            _ => Self::Other(sw),
        }
    }

    /// The raw 16-bit value (SW1 in the high byte). For [`StatusWord::RemainingRetries`] only
    /// the low four bits of the count are kept (the encoding has no room for more).
    pub const fn to_u16(self) -> u16 {
        match self {
            Self::Success => 0x9000,
            Self::MoreAvailable(n) => 0x6100 | n as u16,
            Self::EndOfFileReached => 0x6282,
            Self::VerificationFailed => 0x6300,
            Self::RemainingRetries(n) => 0x63C0 | (n & 0x0F) as u16,
            Self::SecureMessagingNotConfigured => 0x66F1,
            Self::WrongLength => 0x6700,
            Self::IncompatibleFileStructure => 0x6981,
            Self::SecurityStatusNotSatisfied => 0x6982,
            Self::AuthenticationMethodBlocked => 0x6983,
            Self::ReferenceDataInvalidated => 0x6984,
            Self::ConditionsNotSatisfied => 0x6985,
            Self::WrongData => 0x6A80,
            Self::FileNotFound => 0x6A82,
            Self::RecordNotFound => 0x6A83,
            Self::IncorrectP1P2 => 0x6A86,
            Self::ReferencedDataNotFound => 0x6A88,
            Self::WrongOffset => 0x6B00,
            Self::WrongLe(n) => 0x6C00 | n as u16,
            Self::InstructionNotSupported => 0x6D00,
            Self::ClassNotSupported => 0x6E00,
            Self::NoPreciseDiagnosis => 0x6F00,
            Self::Other(sw) => sw,
        }
    }

    /// From SW1 and SW2.
    pub const fn from_bytes(sw1: u8, sw2: u8) -> Self {
        Self::from_u16(u16::from_be_bytes([sw1, sw2]))
    }

    /// SW1 and SW2 as they go on the wire.
    pub const fn to_bytes(self) -> [u8; 2] {
        self.to_u16().to_be_bytes()
    }

    /// `90 00`.
    pub const fn is_success(self) -> bool {
        self.to_u16() == 0x9000
    }

    /// Whether the status word says the PIN is blocked: `69 84`, `69 83`, or `63 C0`
    /// (mynacard.md §6 and §12 treat all three as "blocked").
    pub const fn is_pin_blocked(self) -> bool {
        matches!(self.to_u16(), 0x6984 | 0x6983 | 0x63C0)
    }

    /// ISO/IEC 7816-4 §5.6: SW1 `62`/`63` are warnings (the command ran), `64`–`6F` errors
    /// (the card did not process it, or aborted), `61` and `90` normal.
    pub const fn is_warning(self) -> bool {
        let sw1 = self.to_bytes()[0];
        sw1 == 0x62 || sw1 == 0x63
    }
}

impl PartialEq for StatusWord {
    fn eq(&self, other: &Self) -> bool {
        self.to_u16() == other.to_u16()
    }
}

impl Eq for StatusWord {}

impl Hash for StatusWord {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.to_u16().hash(state);
    }
}

impl From<u16> for StatusWord {
    fn from(sw: u16) -> Self {
        Self::from_u16(sw)
    }
}

impl From<StatusWord> for u16 {
    fn from(sw: StatusWord) -> Self {
        sw.to_u16()
    }
}

impl From<[u8; 2]> for StatusWord {
    fn from([sw1, sw2]: [u8; 2]) -> Self {
        Self::from_bytes(sw1, sw2)
    }
}

impl From<(u8, u8)> for StatusWord {
    fn from((sw1, sw2): (u8, u8)) -> Self {
        Self::from_bytes(sw1, sw2)
    }
}

impl fmt::Debug for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sw = self.to_u16();
        match Self::from_u16(sw) {
            Self::MoreAvailable(n) => write!(f, "MoreAvailable({n})"),
            Self::RemainingRetries(n) => write!(f, "RemainingRetries({n})"),
            Self::WrongLe(n) => write!(f, "WrongLe({n})"),
            Self::Other(_) => write!(f, "Other({sw:04X})"),
            named => write!(f, "{}({sw:04X})", named.name()),
        }
    }
}

impl StatusWord {
    fn name(self) -> &'static str {
        match self {
            Self::Success => "Success",
            Self::MoreAvailable(_) => "MoreAvailable",
            Self::EndOfFileReached => "EndOfFileReached",
            Self::VerificationFailed => "VerificationFailed",
            Self::RemainingRetries(_) => "RemainingRetries",
            Self::SecureMessagingNotConfigured => "SecureMessagingNotConfigured",
            Self::WrongLength => "WrongLength",
            Self::IncompatibleFileStructure => "IncompatibleFileStructure",
            Self::SecurityStatusNotSatisfied => "SecurityStatusNotSatisfied",
            Self::AuthenticationMethodBlocked => "AuthenticationMethodBlocked",
            Self::ReferenceDataInvalidated => "ReferenceDataInvalidated",
            Self::ConditionsNotSatisfied => "ConditionsNotSatisfied",
            Self::WrongData => "WrongData",
            Self::FileNotFound => "FileNotFound",
            Self::RecordNotFound => "RecordNotFound",
            Self::IncorrectP1P2 => "IncorrectP1P2",
            Self::ReferencedDataNotFound => "ReferencedDataNotFound",
            Self::WrongOffset => "WrongOffset",
            Self::WrongLe(_) => "WrongLe",
            Self::InstructionNotSupported => "InstructionNotSupported",
            Self::ClassNotSupported => "ClassNotSupported",
            Self::NoPreciseDiagnosis => "NoPreciseDiagnosis",
            Self::Other(_) => "Other",
        }
    }
}

impl fmt::Display for StatusWord {
    /// Prints the hex value, e.g. `6982`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04X}", self.to_u16())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn every_value_round_trips() {
        for sw in 0..=u16::MAX {
            assert_eq!(StatusWord::from_u16(sw).to_u16(), sw);
        }
    }

    #[test]
    fn range_values_carry_their_low_byte() {
        assert_eq!(
            StatusWord::from_u16(0x63C2),
            StatusWord::RemainingRetries(2)
        );
        assert!(matches!(
            StatusWord::from_u16(0x63C2),
            StatusWord::RemainingRetries(2)
        ));
        assert!(matches!(
            StatusWord::from_u16(0x6110),
            StatusWord::MoreAvailable(0x10)
        ));
        assert!(matches!(
            StatusWord::from_u16(0x6C00),
            StatusWord::WrongLe(0)
        ));
        assert!(matches!(
            StatusWord::from_u16(0x6A82),
            StatusWord::FileNotFound
        ));
        assert!(matches!(
            StatusWord::from_u16(0x63D1),
            StatusWord::Other(0x63D1)
        ));
    }

    #[test]
    fn equality_is_by_value() {
        assert_eq!(StatusWord::Other(0x9000), StatusWord::Success);
        assert_ne!(StatusWord::Other(0x9001), StatusWord::Success);
        assert_eq!(
            StatusWord::from([0x69, 0x84]),
            StatusWord::ReferenceDataInvalidated
        );
        assert_eq!(StatusWord::from((0x69, 0x82)).to_bytes(), [0x69, 0x82]);
    }

    #[test]
    fn blocked_means_6984_6983_or_63c0() {
        assert!(StatusWord::from_u16(0x6984).is_pin_blocked());
        assert!(StatusWord::from_u16(0x6983).is_pin_blocked());
        assert!(StatusWord::from_u16(0x63C0).is_pin_blocked());
        assert!(!StatusWord::from_u16(0x63C1).is_pin_blocked());
        assert!(!StatusWord::Success.is_pin_blocked());
    }

    #[test]
    fn debug_and_display_show_the_value() {
        assert_eq!(
            format!("{:?}", StatusWord::SecurityStatusNotSatisfied),
            "SecurityStatusNotSatisfied(6982)"
        );
        assert_eq!(
            format!("{:?}", StatusWord::RemainingRetries(3)),
            "RemainingRetries(3)"
        );
        assert_eq!(format!("{:?}", StatusWord::from_u16(0x1234)), "Other(1234)");
        assert_eq!(format!("{}", StatusWord::WrongLe(0x10)), "6C10");
    }
}
