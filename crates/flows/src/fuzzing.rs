//! Fuzz bodies for the parsers of outside text and for the card-session machine.
//!
//! Each function takes arbitrary bytes, runs the code under test and asserts its invariants;
//! `fuzz/fuzz_targets/<name>.rs` wraps it for libFuzzer, and the unit tests below run each one
//! over a few thousand deterministic inputs.

use alloc::string::String;
use alloc::vec::Vec;

use crate::account::{
    convert_yucho, is_zengin, to_zengin, AccountNumber, AccountType, BankCode, BranchCode,
    KanaError,
};
use crate::date::CivilDate;
use crate::pin::{Pin, PinKind};
use crate::session::{
    PinStatus, SessionEffect, SessionEvent, SessionRequest, SessionState, VerifyOutcome,
};

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Holder-name normaliser: the output is a fixed point made only of Zengin characters; an error
/// names a character that really is at that position of the input.
pub fn zengin_kana(data: &[u8]) {
    let input = text(data);
    match to_zengin(&input) {
        Ok(name) => {
            let out = name.as_str();
            assert!(is_zengin(out), "not a fixed point: {out:?}");
            assert!(!out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "));
            assert!(out.chars().all(|c| c.is_ascii_uppercase()
                || c.is_ascii_digit()
                || " -().//¥｢｣ﾞﾟ".contains(c)
                || ('ｦ'..='ﾝ').contains(&c)));
            assert!(
                !out.chars().any(|c| ('ｧ'..='ｰ').contains(&c)),
                "small kana or ｰ left: {out:?}"
            );
        }
        Err(KanaError::CharacterNotAllowed {
            character,
            position,
        }) => {
            assert_eq!(input.chars().nth(position - 1), Some(character));
        }
        Err(KanaError::Empty) => assert!(input.chars().all(|c| c == ' ' || c == '\u{3000}')),
        // Every character was acceptable; only a kana or letter was missing.
        Err(KanaError::NoKanaOrLetter) => {
            let with_kana = alloc::format!("{input}ｱ");
            assert!(to_zengin(&with_kana).is_ok(), "{with_kana:?}");
        }
    }
}

/// ゆうちょ conversion: a success always has bank 9900, a branch built from the 記号 and a
/// 7-digit number; the input split is at the first `|`.
pub fn yucho(data: &[u8]) {
    let input = text(data);
    let (kigou, bangou) = input.split_once('|').unwrap_or((input.as_str(), ""));
    if let Ok(account) = convert_yucho(kigou, bangou) {
        assert_eq!(account.bank, BankCode::JAPAN_POST_BANK);
        let branch = account.branch.as_str();
        assert!(branch.ends_with('8') || branch.ends_with('9'));
        assert_eq!(account.number.as_str().len(), 7);
        assert_eq!(account.branch_name().chars().count(), 4);
        assert_eq!(convert_yucho(kigou, bangou), Ok(account));
    }
}

/// Digit fields and account type: a parsed value re-parses to itself.
pub fn account_fields(data: &[u8]) {
    let input = text(data);
    if let Ok(code) = BankCode::parse(&input) {
        assert_eq!(BankCode::parse(code.as_str()), Ok(code));
    }
    if let Ok(code) = BranchCode::parse(&input) {
        assert_eq!(BranchCode::parse(code.as_str()), Ok(code));
    }
    if let Ok(number) = AccountNumber::parse_padded(&input) {
        assert_eq!(number.as_str().len(), 7);
        assert_eq!(AccountNumber::parse(number.as_str()), Ok(number));
    }
    if let Ok(kind) = AccountType::parse(&input) {
        assert_eq!(AccountType::parse(kind.cli_name()), Ok(kind));
    }
}

/// Dates: `YYYY-MM-DD` round-trips through `Display`; Unix seconds map to a date whose day count
/// round-trips.
pub fn civil_date(data: &[u8]) {
    if let Ok(date) = CivilDate::parse_iso(&text(data)) {
        assert_eq!(CivilDate::parse_iso(&alloc::format!("{date}")), Ok(date));
    }
    let mut seconds = [0u8; 8];
    for (slot, byte) in seconds.iter_mut().zip(data) {
        *slot = *byte;
    }
    // Keep within years 1–9999 most of the time; outside, an error is the right answer.
    let seconds = i64::from_le_bytes(seconds) % 400_000_000_000;
    if let Ok(date) = CivilDate::from_unix_seconds_jst(seconds) {
        let days = date.days_since_epoch();
        assert_eq!(CivilDate::from_days_since_epoch(days), Ok(date));
        assert_eq!((seconds + 9 * 3600).div_euclid(86_400), days);
    }
}

/// Card session under random events: VERIFY is only ever sent once per submitted PIN, never at
/// zero tries, and with one try left only after the last-try confirmation.
pub fn card_session(data: &[u8]) {
    let mut state: SessionState<u8, u8> = SessionState::Idle;
    for pair in data.chunks(2) {
        let (selector, arg) = (
            pair.first().copied().unwrap_or(0),
            pair.get(1).copied().unwrap_or(0),
        );
        let submitted = matches!(selector % 16, 10 | 11);
        let confirmed = selector % 16 == 11;
        let remaining_before = match &state {
            SessionState::PinEntry { remaining, .. } => Some(*remaining),
            _ => None,
        };
        let event = match selector % 16 {
            0 => SessionEvent::Start(SessionRequest {
                operation: arg,
                pin: match arg % 3 {
                    0 => None,
                    1 => Some(PinKind::FourDigit),
                    _ => Some(PinKind::SignaturePassword),
                },
            }),
            1 => SessionEvent::ReaderReady,
            2 => SessionEvent::ReaderGone,
            3 => SessionEvent::CardInserted,
            4 => SessionEvent::CardRemoved,
            5 => SessionEvent::CardWaitTimedOut,
            6 => SessionEvent::ApSelected,
            7 => SessionEvent::ApMissing,
            8 => SessionEvent::PinStatusRead(if arg == 255 {
                PinStatus::NotSet
            } else {
                PinStatus::Remaining(arg % 6)
            }),
            9 => SessionEvent::VerifyAnswered(if arg % 2 == 0 {
                VerifyOutcome::Correct
            } else {
                VerifyOutcome::Wrong { remaining: arg % 5 }
            }),
            10 | 11 => {
                let pin = if arg % 2 == 0 {
                    Pin::new(PinKind::FourDigit, "1234")
                } else {
                    Pin::new(PinKind::SignaturePassword, "ABC123")
                };
                match pin {
                    Ok(pin) => SessionEvent::PinSubmitted {
                        pin,
                        last_try_confirmed: confirmed,
                    },
                    Err(_) => SessionEvent::Cancel,
                }
            }
            12 => SessionEvent::OperationFinished(arg),
            13 => SessionEvent::OperationFailed,
            14 => SessionEvent::Retry,
            _ => SessionEvent::Cancel,
        };
        let step = state.handle(event);
        let verifies: Vec<_> = step
            .effects
            .iter()
            .filter(|e| matches!(e, SessionEffect::Verify(_)))
            .collect();
        if !verifies.is_empty() {
            assert_eq!(verifies.len(), 1);
            assert!(submitted, "VERIFY without a submitted PIN");
            let remaining = remaining_before.unwrap_or(0);
            assert!(remaining >= 1, "VERIFY at zero tries");
            assert!(remaining > 1 || confirmed, "last try without confirmation");
        }
        if let SessionState::PinEntry { remaining, .. } = &step.state {
            assert!(*remaining >= 1);
        }
        state = step.state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64*: deterministic pseudo-random bytes, no dependency.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn bytes(&mut self, max: usize) -> Vec<u8> {
            let len = (self.next() % (max as u64 + 1)) as usize;
            (0..len).map(|_| self.next() as u8).collect()
        }

        /// A seed with a few bytes overwritten, inserted or deleted.
        fn mutate(&mut self, seed: &[u8]) -> Vec<u8> {
            let mut out = seed.to_vec();
            for _ in 0..(self.next() % 4) {
                let at = if out.is_empty() {
                    0
                } else {
                    (self.next() % out.len() as u64) as usize
                };
                match self.next() % 3 {
                    0 if !out.is_empty() => out[at] = self.next() as u8,
                    1 => out.insert(at, self.next() as u8),
                    _ if !out.is_empty() => {
                        out.remove(at);
                    }
                    _ => {}
                }
            }
            out
        }
    }

    fn exercise(target: fn(&[u8]), seeds: &[&[u8]]) {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for seed in seeds {
            target(seed);
        }
        for i in 0..3000 {
            let input = if i % 2 == 0 {
                rng.bytes(48)
            } else {
                let seed = seeds[(rng.next() % seeds.len() as u64) as usize];
                rng.mutate(seed)
            };
            target(&input);
        }
    }

    #[test]
    fn zengin_kana_survives_random_and_mutated_names() {
        exercise(
            zengin_kana,
            &[
                "ヤマダ　タロウ".as_bytes(),
                "ｷｮｳｺ ﾙｰｼｰ".as_bytes(),
                "ヴァイオリン john".as_bytes(),
                "（カ）「ア」￥".as_bytes(),
                b"",
            ],
        );
    }

    #[test]
    fn yucho_survives_random_and_mutated_numbers() {
        exercise(
            yucho,
            &[
                b"10530|12345671",
                b"00160|0-100001",
                "１４０３０|１２３４５６７１".as_bytes(),
                b"|",
            ],
        );
    }

    #[test]
    fn account_fields_survive_random_and_mutated_input() {
        exercise(
            account_fields,
            &[
                b"0001",
                b"058",
                b"1234567",
                "１２３".as_bytes(),
                b"futsu",
                "当座".as_bytes(),
            ],
        );
    }

    #[test]
    fn civil_date_survives_random_and_mutated_input() {
        exercise(
            civil_date,
            &[b"2026-12-03", b"2028-02-29", b"0001-01-01", b"9999-12-31"],
        );
    }

    #[test]
    fn card_session_never_harms_the_card() {
        // A full happy path, a wrong-PIN path and a last-try path as seeds.
        exercise(
            card_session,
            &[
                &[0, 1, 1, 0, 3, 0, 6, 0, 8, 3, 10, 0, 9, 0, 12, 7],
                &[
                    0, 1, 1, 0, 3, 0, 6, 0, 8, 2, 10, 0, 9, 1, 10, 0, 11, 0, 9, 1,
                ],
                &[
                    0, 1, 1, 0, 3, 0, 6, 0, 8, 1, 10, 0, 11, 0, 4, 0, 3, 0, 6, 0, 8, 0,
                ],
            ],
        );
    }
}
