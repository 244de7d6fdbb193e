//! The account fields of the 公金受取口座 form and their rules (flows.md §2.2).
//!
//! | Field        | Rule (flows.md §2.2)                                                        |
//! |--------------|-----------------------------------------------------------------------------|
//! | 金融機関コード | exactly 4 digits                                                           |
//! | 支店コード     | exactly 3 digits                                                           |
//! | 預金種目       | 普通 / 当座 (貯蓄 is **VERIFY** in the spec, so it is refused for now)      |
//! | 口座番号       | 1–7 digits, left-padded with zeros to 7; full-width digits become half-width |
//!
//! Every parser folds full-width digits to ASCII first and never panics.

use alloc::string::String;
use core::fmt;

use crate::text::fold_and_trim;

/// What is wrong with a digit field such as a bank code, branch code or account number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DigitsError {
    /// The field was empty.
    #[error("the {field} is empty")]
    Empty {
        /// Which field (e.g. "bank code").
        field: &'static str,
    },
    /// The field holds a character that is not a digit.
    #[error("the {field} may contain digits only, not {character:?}")]
    NotADigit {
        /// Which field.
        field: &'static str,
        /// The first character that is not a digit.
        character: char,
    },
    /// The field has the wrong number of digits.
    #[error("the {field} must have {expected} digits, not {found}")]
    WrongLength {
        /// Which field.
        field: &'static str,
        /// What the rule asks for, e.g. "4" or "1–7".
        expected: &'static str,
        /// How many digits were given.
        found: usize,
    },
    /// The field is all zeros, which no account has.
    #[error("the {field} cannot be all zeros")]
    AllZeros {
        /// Which field.
        field: &'static str,
    },
}

/// Folds full-width digits and checks that only digits remain; returns the ASCII digits.
pub(crate) fn ascii_digits(field: &'static str, input: &str) -> Result<String, DigitsError> {
    let folded = fold_and_trim(input);
    if folded.is_empty() {
        return Err(DigitsError::Empty { field });
    }
    if let Some(character) = folded.chars().find(|c| !c.is_ascii_digit()) {
        return Err(DigitsError::NotADigit { field, character });
    }
    Ok(folded)
}

fn exact_digits<const N: usize>(
    field: &'static str,
    expected: &'static str,
    input: &str,
) -> Result<[u8; N], DigitsError> {
    let digits = ascii_digits(field, input)?;
    <[u8; N]>::try_from(digits.as_bytes()).map_err(|_| DigitsError::WrongLength {
        field,
        expected,
        found: digits.len(),
    })
}

macro_rules! fixed_code {
    ($(#[$doc:meta])* $name:ident, $len:literal, $field:literal, $expected:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name([u8; $len]);

        impl $name {
            /// Field name used in error messages.
            pub const FIELD: &'static str = $field;

            /// Parses the code, folding full-width digits first.
            pub fn parse(input: &str) -> Result<Self, DigitsError> {
                exact_digits::<$len>($field, $expected, input).map(Self)
            }

            /// The code as ASCII digits.
            pub fn as_str(&self) -> &str {
                // The bytes are ASCII digits by construction.
                core::str::from_utf8(&self.0).unwrap_or("")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.as_str())
            }
        }
    };
}

fixed_code!(
    /// 金融機関コード: exactly 4 digits (flows.md §2.2), e.g. `0001`, or `9900` for ゆうちょ銀行.
    BankCode, 4, "bank code", "4"
);
fixed_code!(
    /// 支店コード (店番): exactly 3 digits (flows.md §2.2).
    BranchCode, 3, "branch code", "3"
);
fixed_code!(
    /// 口座番号 as stored and shown: always 7 digits (flows.md §2.2). Parse with
    /// [`AccountNumber::parse_padded`], which accepts 1–7 digits and left-pads with zeros
    /// ([`AccountNumber::parse`] takes exactly 7).
    AccountNumber, 7, "account number", "7"
);

impl BankCode {
    /// ゆうちょ銀行 (Japan Post Bank), flows.md §2.4.
    pub const JAPAN_POST_BANK: BankCode = BankCode(*b"9900");

    /// Builds a bank code from four ASCII digits known at compile time; `None` if any byte is
    /// not a digit.
    pub const fn from_ascii(bytes: [u8; 4]) -> Option<Self> {
        let mut i = 0;
        while i < 4 {
            if !bytes[i].is_ascii_digit() {
                return None;
            }
            i += 1;
        }
        Some(Self(bytes))
    }
}

impl BranchCode {
    pub(crate) fn from_digits(digits: [u8; 3]) -> Self {
        Self(digits)
    }
}

impl AccountNumber {
    /// Parses 1–7 digits (full-width allowed) and left-pads them with zeros to 7 (flows.md §2.2).
    pub fn parse_padded(input: &str) -> Result<Self, DigitsError> {
        let digits = ascii_digits(Self::FIELD, input)?;
        if digits.bytes().all(|b| b == b'0') {
            return Err(DigitsError::AllZeros { field: Self::FIELD });
        }
        Self::pad(digits.as_bytes()).ok_or(DigitsError::WrongLength {
            field: Self::FIELD,
            expected: "1–7",
            found: digits.len(),
        })
    }

    /// Left-pads 0–7 ASCII digits to seven; `None` when longer than seven.
    pub(crate) fn pad(digits: &[u8]) -> Option<Self> {
        let start = 7usize.checked_sub(digits.len())?;
        let mut out = [b'0'; 7];
        out.get_mut(start..)?.copy_from_slice(digits);
        Some(Self(out))
    }
}

/// 預金種目: the account types a 公金受取口座 may be (flows.md §2.1, §2.2).
///
/// | Type | Zengin code | CLI name | Covers (flows.md §2.1)                                  |
/// |------|-------------|----------|---------------------------------------------------------|
/// | 普通 | 1           | `futsu`  | ordinary savings/deposits, incl. ゆうちょ 通常貯金       |
/// | 当座 | 2           | `toza`   | current accounts, incl. ゆうちょ 振替口座                |
///
/// 貯蓄 is **VERIFY** in flows.md §2.2 (only if the Digital Agency FAQ confirms it); until then
/// it is refused, which is the safe side ("reject anything else in the UI").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountType {
    /// 普通 (ordinary).
    Futsu,
    /// 当座 (current).
    Toza,
}

/// The account type given is not one a 公金受取口座 may be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountTypeError {
    /// 貯蓄 (savings) is not confirmed as eligible (flows.md §2.2, VERIFY).
    #[error("savings accounts (貯蓄) are not confirmed as eligible; use an ordinary (普通) or current (当座) account")]
    SavingsNotConfirmed,
    /// Anything else.
    #[error("unknown account type; use futsu (普通) or toza (当座)")]
    Unknown,
}

impl AccountType {
    /// Parses `futsu`/`普通`/`1` or `toza`/`当座`/`2` (case-insensitive for the Latin names).
    pub fn parse(input: &str) -> Result<Self, AccountTypeError> {
        let folded = fold_and_trim(input);
        let lower = folded.to_ascii_lowercase();
        match lower.as_str() {
            "futsu" | "futsuu" | "普通" | "1" => Ok(Self::Futsu),
            "toza" | "touza" | "当座" | "2" => Ok(Self::Toza),
            "chochiku" | "貯蓄" | "4" => Err(AccountTypeError::SavingsNotConfirmed),
            _ => Err(AccountTypeError::Unknown),
        }
    }

    /// The name used by the CLI and JSON output (`futsu` / `toza`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Futsu => "futsu",
            Self::Toza => "toza",
        }
    }

    /// The Zengin account-type digit (1 = 普通, 2 = 当座).
    pub fn zengin_code(self) -> u8 {
        match self {
            Self::Futsu => 1,
            Self::Toza => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn accepts_four_digit_bank_code_in_full_width() {
        assert_eq!(BankCode::parse("０００１").unwrap().as_str(), "0001");
        assert_eq!(
            BankCode::parse(" 9900 ").unwrap(),
            BankCode::JAPAN_POST_BANK
        );
    }

    #[test]
    fn rejects_bank_code_of_wrong_length_or_letters() {
        assert_eq!(
            BankCode::parse("001"),
            Err(DigitsError::WrongLength {
                field: "bank code",
                expected: "4",
                found: 3
            })
        );
        assert_eq!(
            BankCode::parse("00a1"),
            Err(DigitsError::NotADigit {
                field: "bank code",
                character: 'a'
            })
        );
        assert_eq!(
            BankCode::parse("  "),
            Err(DigitsError::Empty { field: "bank code" })
        );
    }

    #[test]
    fn branch_code_needs_exactly_three_digits() {
        assert_eq!(BranchCode::parse("058").unwrap().as_str(), "058");
        assert_eq!(
            BranchCode::parse("58"),
            Err(DigitsError::WrongLength {
                field: "branch code",
                expected: "3",
                found: 2
            })
        );
    }

    #[test]
    fn account_number_is_padded_to_seven_digits() {
        assert_eq!(
            AccountNumber::parse_padded("１２３").unwrap().as_str(),
            "0000123"
        );
        assert_eq!(
            AccountNumber::parse_padded("1234567").unwrap().as_str(),
            "1234567"
        );
        assert_eq!(
            AccountNumber::parse_padded("12345678"),
            Err(DigitsError::WrongLength {
                field: "account number",
                expected: "1–7",
                found: 8
            })
        );
        assert_eq!(
            AccountNumber::parse_padded("12-34"),
            Err(DigitsError::NotADigit {
                field: "account number",
                character: '-'
            })
        );
    }

    #[test]
    fn account_type_accepts_only_futsu_and_toza() {
        assert_eq!(AccountType::parse("futsu"), Ok(AccountType::Futsu));
        assert_eq!(AccountType::parse("普通"), Ok(AccountType::Futsu));
        assert_eq!(AccountType::parse("TOZA"), Ok(AccountType::Toza));
        assert_eq!(AccountType::parse("２"), Ok(AccountType::Toza));
        assert_eq!(
            AccountType::parse("貯蓄"),
            Err(AccountTypeError::SavingsNotConfirmed)
        );
        assert_eq!(
            AccountType::parse("savings"),
            Err(AccountTypeError::Unknown)
        );
        assert_eq!(AccountType::Toza.zengin_code(), 2);
    }
}
