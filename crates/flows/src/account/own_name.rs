//! The own-name (本人名義) check (flows.md §2.3).
//!
//! The card gives the kanji name; the account holder name is kana. Only cards issued after the
//! furigana reform carry a reading (flows.md §0.4; where and how it is stored is **VERIFY**,
//! §9.3). So:
//!
//! | Card reading          | Finding                      | What the app does                                   |
//! |-----------------------|------------------------------|-----------------------------------------------------|
//! | present, same kana    | [`OwnNameFinding::ReadingMatches`] | no warning                                    |
//! | present, different    | [`OwnNameFinding::ReadingDiffers`] | strong warning                                |
//! | absent or unusable    | [`OwnNameFinding::NoReading`]      | explain; ask for the surname reading ([`check_typed_surname`]) and the statement |
//!
//! In every case the explicit statement "この口座は私本人の名義です" is required before review
//! (flows.md §2.6 A6), and nothing here ever blocks on a guess: the authoritative check is the
//! Digital Agency's and the banks' (flows.md §2.3, last bullet).

use super::kana::{to_zengin, ZenginName};

/// What the comparison of card reading and holder name found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OwnNameFinding {
    /// The card's reading, in Zengin form, equals the holder name (spaces ignored).
    ReadingMatches,
    /// The card has a reading and it differs: show a strong warning (family accounts cannot be
    /// paid into and may be erased, flows.md §2.1).
    ReadingDiffers {
        /// The card's reading in Zengin form, for the side-by-side display.
        card_reading: ZenginName,
    },
    /// No reading on the card (pre-reform card), or one that has no Zengin form: nothing to
    /// compare, the explicit statement carries the check.
    NoReading,
}

impl OwnNameFinding {
    /// Whether the app must show a warning before the statement.
    pub fn warns(&self) -> bool {
        !matches!(self, Self::ReadingMatches)
    }
}

/// Compares the card's kana reading (if any; any width, hiragana or katakana) with the
/// normalised holder name.
pub fn check_own_name(card_reading: Option<&str>, holder: &ZenginName) -> OwnNameFinding {
    let Some(reading) = card_reading else {
        return OwnNameFinding::NoReading;
    };
    match to_zengin(reading) {
        Ok(card) if card.without_spaces() == holder.without_spaces() => {
            OwnNameFinding::ReadingMatches
        }
        Ok(card_reading) => OwnNameFinding::ReadingDiffers { card_reading },
        Err(_) => OwnNameFinding::NoReading,
    }
}

/// What comparing the holder name with a surname reading the user typed found (flows.md §2.3
/// option 3, for cards without furigana: "compare only the surname against a reading the user
/// confirms"). Never blocks: a difference is a warning, the statement still decides.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SurnameFinding {
    /// The holder name starts with the typed surname reading.
    SurnameMatches,
    /// It does not: warn (family accounts cannot be paid into).
    SurnameDiffers {
        /// The typed reading in Zengin form.
        typed: ZenginName,
    },
    /// The typed reading has no Zengin form or is empty: nothing to compare.
    NothingToCompare,
}

/// Compares the family-name part of the holder name with the surname reading the user typed.
/// The holder's family name is its first space-separated part when it has a space; without a
/// space the typed reading must be a prefix.
pub fn check_typed_surname(typed_surname: &str, holder: &ZenginName) -> SurnameFinding {
    let Ok(typed) = to_zengin(typed_surname) else {
        return SurnameFinding::NothingToCompare;
    };
    let wanted = typed.without_spaces();
    let matches = match holder.as_str().split_once(' ') {
        Some((family, _)) => family == wanted,
        None => holder.as_str().starts_with(wanted.as_str()),
    };
    if matches {
        SurnameFinding::SurnameMatches
    } else {
        SurnameFinding::SurnameDiffers { typed }
    }
}

/// Whether the flow may move on to review: only with the explicit own-name statement, whatever
/// the finding (flows.md §2.3 "never block purely on a fuzzy score … require the explicit
/// own-name confirmation"; §2.6 A6 "本人名義です checkbox (required)").
pub fn may_continue(_finding: &OwnNameFinding, own_name_statement: bool) -> bool {
    own_name_statement
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn holder(text: &str) -> ZenginName {
        to_zengin(text).unwrap()
    }

    #[test]
    fn matching_reading_in_other_script_and_spacing() {
        assert_eq!(
            check_own_name(Some("やまだ　たろう"), &holder("ﾔﾏﾀﾞﾀﾛｳ")),
            OwnNameFinding::ReadingMatches
        );
        assert!(!OwnNameFinding::ReadingMatches.warns());
    }

    #[test]
    fn differing_reading_warns_with_card_form() {
        let finding = check_own_name(Some("ヤマダ ハナコ"), &holder("ﾔﾏﾀﾞ ﾀﾛｳ"));
        assert_eq!(
            finding,
            OwnNameFinding::ReadingDiffers {
                card_reading: holder("ﾔﾏﾀﾞ ﾊﾅｺ")
            }
        );
        assert!(finding.warns());
    }

    #[test]
    fn no_reading_or_unusable_reading_means_nothing_to_compare() {
        assert_eq!(
            check_own_name(None, &holder("ﾔﾏﾀﾞ")),
            OwnNameFinding::NoReading
        );
        assert_eq!(
            check_own_name(Some("山田"), &holder("ﾔﾏﾀﾞ")),
            OwnNameFinding::NoReading
        );
    }

    #[test]
    fn typed_surname_is_compared_with_the_family_name() {
        assert_eq!(
            check_typed_surname("やまだ", &holder("ﾔﾏﾀﾞ ﾀﾛｳ")),
            SurnameFinding::SurnameMatches
        );
        assert_eq!(
            check_typed_surname("ヤマダ", &holder("ﾔﾏﾀﾞﾀﾛｳ")),
            SurnameFinding::SurnameMatches
        );
        assert_eq!(
            check_typed_surname("やま", &holder("ﾔﾏﾀﾞ ﾀﾛｳ")),
            SurnameFinding::SurnameDiffers {
                typed: holder("ﾔﾏ")
            }
        );
        assert_eq!(
            check_typed_surname("すずき", &holder("ﾔﾏﾀﾞ ﾀﾛｳ")),
            SurnameFinding::SurnameDiffers {
                typed: holder("ｽｽﾞｷ")
            }
        );
        assert_eq!(
            check_typed_surname("山田", &holder("ﾔﾏﾀﾞ")),
            SurnameFinding::NothingToCompare
        );
        assert_eq!(
            check_typed_surname(" ", &holder("ﾔﾏﾀﾞ")),
            SurnameFinding::NothingToCompare
        );
    }

    #[test]
    fn statement_is_required_whatever_the_finding() {
        for finding in [OwnNameFinding::ReadingMatches, OwnNameFinding::NoReading] {
            assert!(!may_continue(&finding, false));
            assert!(may_continue(&finding, true));
        }
    }
}
