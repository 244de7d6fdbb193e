//! ゆうちょ銀行 記号・番号 → bank 9900 / branch / type / number (flows.md §2.4).
//!
//! | 記号 (5 digits)     | 番号                          | 種目 | 店番 (branch)             | 口座番号 (7 digits)              |
//! |--------------------|-------------------------------|------|---------------------------|---------------------------------|
//! | `1 a b c 0`        | 1–8 digits, last digit `1`    | 普通 | `a b 8`                   | 番号 without its last `1`, zero-padded |
//! | `0 a b c 0`        | 1–6 digits (振替; a middle digit, if given, is ignored) | 当座 | `a b 9` | 番号 zero-padded           |
//!
//! `c`, the 4th digit of the 記号, is a check digit according to a community library; it is not
//! officially documented, so a mismatch is only a warning ("番号をもう一度ご確認ください") and never
//! blocks (flows.md §2.4 step 5). Step 6 (the 店番 must exist under 9900) is done by the caller
//! through a [`BankDirectory`](super::BankDirectory), see [`super::check_yucho`].

use alloc::string::String;

use super::fields::{AccountNumber, AccountType, BankCode, BranchCode};
use crate::text::fold_and_trim;

/// The result of converting a 記号・番号 pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YuchoAccount {
    /// Always [`BankCode::JAPAN_POST_BANK`] (9900).
    pub bank: BankCode,
    /// 店番.
    pub branch: BranchCode,
    /// 普通 for 通常貯金 / 総合口座, 当座 for 振替口座.
    pub account_type: AccountType,
    /// 口座番号, 7 digits.
    pub number: AccountNumber,
    /// Whether the soft check digit of flows.md §2.4 step 5 agrees; `false` → show a warning only.
    pub check_digit_agrees: bool,
}

impl YuchoAccount {
    /// The branch name the bundled data uses for this 店番: its digits in kanji numerals with 〇
    /// for zero, followed by 店 (flows.md §2.4 step 4), e.g. `〇五八店`.
    pub fn branch_name(&self) -> String {
        const KANJI: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        let mut name: String = self
            .branch
            .as_str()
            .bytes()
            .filter_map(|b| KANJI.get(usize::from(b.wrapping_sub(b'0'))).copied())
            .collect();
        name.push('店');
        name
    }

    /// The branch name's Zengin kana, digit by digit (`ゼロゴハチ` for 058; Zengin writes キユウ
    /// with a large ユ), flows.md §2.4 step 4.
    pub fn branch_kana(&self) -> String {
        const KANA: [&str; 10] = [
            "ゼロ",
            "イチ",
            "ニ",
            "サン",
            "ヨン",
            "ゴ",
            "ロク",
            "ナナ",
            "ハチ",
            "キユウ",
        ];
        self.branch
            .as_str()
            .bytes()
            .filter_map(|b| KANA.get(usize::from(b.wrapping_sub(b'0'))).copied())
            .collect()
    }
}

/// Why a 記号・番号 pair cannot be converted (flows.md §2.4 steps 1–3).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum YuchoError {
    /// The 記号 is not 5 digits.
    #[error("the 記号 must be 5 digits (found {found})")]
    KigouLength {
        /// Number of characters given.
        found: usize,
    },
    /// The 記号 holds something other than digits.
    #[error("the 記号 may contain digits only, not {character:?}")]
    KigouNotDigits {
        /// The first offending character.
        character: char,
    },
    /// The 記号 starts with something other than 1 or 0.
    #[error("the 記号 must start with 1 (通常貯金) or 0 (振替口座)")]
    KigouFirstDigit,
    /// The 記号 does not end in 0.
    #[error("the 記号 must end with 0")]
    KigouLastDigit,
    /// The 番号 is empty or holds something other than digits.
    #[error("the 番号 must be digits only")]
    BangouNotDigits,
    /// 通常貯金: the 番号 must be 1–8 digits.
    #[error("for a 記号 starting with 1 the 番号 must have 1–8 digits (found {found})")]
    SavingsBangouLength {
        /// Number of digits given.
        found: usize,
    },
    /// 通常貯金: the 番号 must end in 1.
    #[error("for a 記号 starting with 1 the 番号 must end with 1")]
    SavingsBangouLastDigit,
    /// 振替口座: the 番号 must be 1–6 digits.
    #[error("for a 記号 starting with 0 the 番号 must have 1–6 digits (found {found})")]
    TransferBangouLength {
        /// Number of digits given.
        found: usize,
    },
    /// The account number part is all zeros, which no account has.
    #[error("the 番号 gives an account number of all zeros")]
    ZeroNumber,
}

/// Converts 記号 and 番号 (full-width digits allowed; for 振替口座 the 番号 may be given with its
/// one-digit middle part as `0-100001`, which is ignored) to bank/branch/type/number (flows.md §2.4).
pub fn convert_yucho(kigou: &str, bangou: &str) -> Result<YuchoAccount, YuchoError> {
    let kigou = fold_and_trim(kigou);
    if let Some(character) = kigou.chars().find(|c| !c.is_ascii_digit()) {
        return Err(YuchoError::KigouNotDigits { character });
    }
    let k: [u8; 5] =
        <[u8; 5]>::try_from(kigou.as_bytes()).map_err(|_| YuchoError::KigouLength {
            found: kigou.chars().count(),
        })?;
    if k[4] != b'0' {
        return Err(YuchoError::KigouLastDigit);
    }
    let savings = match k[0] {
        b'1' => true,
        b'0' => false,
        _ => return Err(YuchoError::KigouFirstDigit),
    };

    // Only a 振替口座 番号 is written with a one-digit middle part (`0-100001`); a hyphen in a
    // 通常貯金 番号 is an error, never silently dropped digits.
    let bangou = if savings { fold_and_trim(bangou) } else { strip_middle_part(&fold_and_trim(bangou)) };
    if bangou.is_empty() || !bangou.bytes().all(|b| b.is_ascii_digit()) {
        return Err(YuchoError::BangouNotDigits);
    }
    let digits = bangou.as_bytes();
    let (account_type, number_digits, suffix) = if savings {
        if digits.len() > 8 {
            return Err(YuchoError::SavingsBangouLength {
                found: digits.len(),
            });
        }
        match digits.split_last() {
            Some((b'1', rest)) => (AccountType::Futsu, rest, b'8'),
            _ => return Err(YuchoError::SavingsBangouLastDigit),
        }
    } else {
        if digits.len() > 6 {
            return Err(YuchoError::TransferBangouLength {
                found: digits.len(),
            });
        }
        (AccountType::Toza, digits, b'9')
    };
    if number_digits.iter().all(|&d| d == b'0') {
        return Err(YuchoError::ZeroNumber);
    }
    let number = AccountNumber::pad(number_digits).ok_or(YuchoError::SavingsBangouLength {
        found: digits.len(),
    })?;
    Ok(YuchoAccount {
        bank: BankCode::JAPAN_POST_BANK,
        branch: BranchCode::from_digits([k[1], k[2], suffix]),
        account_type,
        number,
        check_digit_agrees: soft_check_digit(k, digits) == Some(k[3] - b'0'),
    })
}

/// `0-100001` → `100001`: drops a one-digit middle part written before a hyphen.
fn strip_middle_part(bangou: &str) -> String {
    match bangou.split_once('-') {
        Some((middle, rest)) if middle.len() <= 1 => rest.into(),
        _ => bangou.into(),
    }
}

/// The soft check digit of flows.md §2.4 step 5.
///
/// ```text
/// s = 記号 with its 4th digit set to 0 (5 digits) ‖ 番号 left-padded to 8 digits  (13 digits)
/// sum = Σ over i in {0,3,6,9}: s[i] + 3·s[i+1] + (2·s[i+2], minus 9 if s[i+2] ≥ 5)
///     + s[12]
/// check digit = sum mod 10
/// ```
/// `None` if the 番号 is longer than 8 digits.
pub fn soft_check_digit(kigou: [u8; 5], bangou: &[u8]) -> Option<u8> {
    let pad = 8usize.checked_sub(bangou.len())?;
    let mut s = [0u8; 13];
    for (slot, byte) in s.iter_mut().zip(kigou.iter()) {
        *slot = byte.wrapping_sub(b'0');
    }
    s[3] = 0;
    for (slot, byte) in s.iter_mut().skip(5 + pad).zip(bangou.iter()) {
        *slot = byte.wrapping_sub(b'0');
    }
    let mut sum: u32 = 0;
    for group in s.chunks_exact(3) {
        if let [a, b, c] = group {
            let third = if *c >= 5 {
                2 * u32::from(*c) - 9
            } else {
                2 * u32::from(*c)
            };
            sum += u32::from(*a) + 3 * u32::from(*b) + third;
        }
    }
    sum += u32::from(s[12]);
    Some((sum % 10) as u8)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn converts_savings_example_of_the_spec() {
        let account = convert_yucho("10530", "12345671").unwrap();
        assert_eq!(account.bank.as_str(), "9900");
        assert_eq!(account.branch.as_str(), "058");
        assert_eq!(account.account_type, AccountType::Futsu);
        assert_eq!(account.number.as_str(), "1234567");
        assert_eq!(account.branch_name(), "〇五八店");
        assert_eq!(account.branch_kana(), "ゼロゴハチ");
        // The spec's example does not satisfy the soft check digit (sum 52 → 2, 記号 says 3):
        // a warning, never a refusal.
        assert!(!account.check_digit_agrees);
    }

    #[test]
    fn converts_transfer_example_of_the_spec_with_middle_part() {
        // flows.md §2.4 prints 店番 169 for this example, but its own rule (2nd and 3rd digits of
        // the 記号, then 9) gives 019, as does the community converter it cites.
        let account = convert_yucho("00160", "0-100001").unwrap();
        assert_eq!(account.branch.as_str(), "019");
        assert_eq!(account.account_type, AccountType::Toza);
        assert_eq!(account.number.as_str(), "0100001");
        assert_eq!(account.branch_kana(), "ゼロイチキユウ");
        assert!(account.check_digit_agrees);
    }

    #[test]
    fn converts_full_width_input() {
        let account = convert_yucho("１４０３０", "１２３４５６７１").unwrap();
        assert_eq!(account.branch.as_str(), "408");
        assert_eq!(account.number.as_str(), "1234567");
        assert_eq!(account.branch_name(), "四〇八店");
    }

    #[test]
    fn pads_short_numbers() {
        let account = convert_yucho("15150", "21111111").unwrap();
        assert_eq!(
            (account.branch.as_str(), account.number.as_str()),
            ("518", "2111111")
        );
        let account = convert_yucho("00580", "654321").unwrap();
        assert_eq!(
            (account.branch.as_str(), account.number.as_str()),
            ("059", "0654321")
        );
        let account = convert_yucho("10000", "21").unwrap();
        assert_eq!(account.number.as_str(), "0000002");
    }

    #[test]
    fn check_digit_vectors() {
        // Published vectors of the community converter flows.md §2.4 cites.
        assert_eq!(soft_check_digit(*b"14080", b"12712721"), Some(8));
        assert_eq!(soft_check_digit(*b"10000", b"81111111"), Some(1));
        assert_eq!(soft_check_digit(*b"10000", b"80000001"), Some(9));
        assert_eq!(soft_check_digit(*b"16150", b"12233411"), Some(5));
        assert_eq!(soft_check_digit(*b"10001", b"10001"), Some(7));
        assert_eq!(soft_check_digit(*b"10000", b"123456789"), None);
        assert!(
            convert_yucho("14080", "12712721")
                .unwrap()
                .check_digit_agrees
        );
    }

    #[test]
    fn rejects_invalid_shapes() {
        assert_eq!(
            convert_yucho("1053", "12345671"),
            Err(YuchoError::KigouLength { found: 4 })
        );
        assert_eq!(
            convert_yucho("200001", "80000001"),
            Err(YuchoError::KigouLength { found: 6 })
        );
        assert_eq!(
            convert_yucho("10a30", "1"),
            Err(YuchoError::KigouNotDigits { character: 'a' })
        );
        assert_eq!(
            convert_yucho("20530", "12345671"),
            Err(YuchoError::KigouFirstDigit)
        );
        assert_eq!(
            convert_yucho("10531", "12345671"),
            Err(YuchoError::KigouLastDigit)
        );
        assert_eq!(
            convert_yucho("10530", "12345670"),
            Err(YuchoError::SavingsBangouLastDigit)
        );
        assert_eq!(
            convert_yucho("15150", "211111111"),
            Err(YuchoError::SavingsBangouLength { found: 9 })
        );
        assert_eq!(
            convert_yucho("01110", "2111110"),
            Err(YuchoError::TransferBangouLength { found: 7 })
        );
        assert_eq!(convert_yucho("10530", ""), Err(YuchoError::BangouNotDigits));
        assert_eq!(
            convert_yucho("10530", "1234x671"),
            Err(YuchoError::BangouNotDigits)
        );
    }

    #[test]
    fn a_savings_bangou_never_loses_digits_to_a_hyphen() {
        assert_eq!(convert_yucho("10530", "5-12345671"), Err(YuchoError::BangouNotDigits));
        assert_eq!(convert_yucho("10530", "1-1"), Err(YuchoError::BangouNotDigits));
        // The middle part belongs to 振替口座 only.
        assert_eq!(convert_yucho("00160", "0-100001").map(|a| a.number.as_str().to_owned()), Ok("0100001".into()));
    }

    #[test]
    fn rejects_account_numbers_of_all_zeros() {
        assert_eq!(convert_yucho("10530", "1"), Err(YuchoError::ZeroNumber));
        assert_eq!(convert_yucho("10530", "00000001"), Err(YuchoError::ZeroNumber));
        assert_eq!(convert_yucho("00160", "0"), Err(YuchoError::ZeroNumber));
        assert_eq!(
            AccountNumber::parse_padded("0"),
            Err(crate::account::fields::DigitsError::AllZeros { field: AccountNumber::FIELD })
        );
    }
}
