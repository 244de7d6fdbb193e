//! Building 照合番号B from what is printed on the card.
//!
//! mynacard.md §5: 14 ASCII digits,
//!
//! ```text
//! | bytes | content                                                      |
//! |-------|--------------------------------------------------------------|
//! | 0–1   | birth year YY  — Japanese-era year (best evidence) or        |
//! |       |                  Gregorian YY: UNCONFIRMED (§5, §12)         |
//! | 2–3   | birth month MM                                               |
//! | 4–5   | birth day DD                                                 |
//! | 6–9   | card expiry year YYYY (Gregorian)                            |
//! | 10–13 | 4-digit security code printed on the card face               |
//! ```
//!
//! Because the year form is unconfirmed, the caller must say which form to send
//! ([`BirthYearForm`]); nothing here guesses, and nothing tries the other form after a failure
//! (each wrong guess costs a try on a real card). myna-card's example: born 1980-02-17
//! (昭和55), expiry 2035, code 2285 → `55021720352285` in the era form.

use crate::data::Date;
use crate::pin::{Pin, PinFormatError, PinRef};

/// Which birth-year form a 照合番号B carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BirthYearForm {
    /// Year of the Japanese era (和暦) the birth date falls in: 昭和55 → `55`. Reported by
    /// myna-card from a JPKI test card (mynacard.md §5).
    JapaneseEra,
    /// Last two digits of the Gregorian year: 1980 → `80`.
    Gregorian,
}

/// A Japanese era (元号).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Era {
    /// 明治 (year 1 = 1868, counted from 1868-01-01).
    Meiji,
    /// 大正 (from 1912-07-30).
    Taisho,
    /// 昭和 (from 1926-12-25).
    Showa,
    /// 平成 (from 1989-01-08).
    Heisei,
    /// 令和 (from 2019-05-01).
    Reiwa,
}

impl Era {
    /// The era and its year number for a Gregorian date. Dates before 明治 give `None`.
    pub fn of(date: Date) -> Option<(Self, u16)> {
        let key = (date.year, date.month, date.day);
        let (era, first_year) = if key >= (2019, 5, 1) {
            (Self::Reiwa, 2019)
        } else if key >= (1989, 1, 8) {
            (Self::Heisei, 1989)
        } else if key >= (1926, 12, 25) {
            (Self::Showa, 1926)
        } else if key >= (1912, 7, 30) {
            (Self::Taisho, 1912)
        } else if key >= (1868, 1, 1) {
            (Self::Meiji, 1868)
        } else {
            return None;
        };
        Some((era, date.year - first_year + 1))
    }
}

/// Why a 照合番号B could not be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PinBError {
    /// The birth date is before 明治, or the era year does not fit two digits.
    #[error("the birth date cannot be written as a two-digit Japanese-era year")]
    NoEraYear,
    /// The expiry year is not a 4-digit year.
    #[error("the card's expiry year must be a 4-digit year")]
    BadExpiryYear,
    /// The parts do not make a valid 照合番号B.
    #[error(transparent)]
    Format(#[from] PinFormatError),
}

/// The 14 digits of 照合番号B for `reference` (must be [`PinRef::TextPinB`] or
/// [`PinRef::VisualPinB`]), with the birth year in the form the caller chose.
pub fn pin_b(
    reference: PinRef,
    birth: Date,
    expiry_year: u16,
    security_code: &str,
    form: BirthYearForm,
) -> Result<Pin, PinBError> {
    if !matches!(reference, PinRef::TextPinB | PinRef::VisualPinB) {
        return Err(PinBError::Format(PinFormatError {
            pin: reference,
            rule: "is not a 照合番号B",
        }));
    }
    let yy = match form {
        BirthYearForm::Gregorian => birth.year % 100,
        BirthYearForm::JapaneseEra => match Era::of(birth) {
            Some((_, year)) if year <= 99 => year,
            _ => return Err(PinBError::NoEraYear),
        },
    };
    if !(1000..=9999).contains(&expiry_year) {
        return Err(PinBError::BadExpiryYear);
    }
    let digits = zeroize::Zeroizing::new(format!(
        "{yy:02}{:02}{:02}{expiry_year:04}{security_code}",
        birth.month, birth.day
    ));
    Ok(Pin::new(reference, &digits)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn era_form_matches_the_spec_example() {
        // mynacard.md §5: born 1980-02-17 (昭和55), expiry 2035, code 2285 → 55021720352285.
        let pin = pin_b(
            PinRef::TextPinB,
            date(1980, 2, 17),
            2035,
            "2285",
            BirthYearForm::JapaneseEra,
        )
        .unwrap();
        assert_eq!(pin.expose(), b"55021720352285");
    }

    #[test]
    fn gregorian_form_uses_the_last_two_digits() {
        let pin = pin_b(
            PinRef::VisualPinB,
            date(1980, 2, 17),
            2035,
            "2285",
            BirthYearForm::Gregorian,
        )
        .unwrap();
        assert_eq!(pin.expose(), b"80021720352285");
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(Era::of(date(1989, 1, 7)), Some((Era::Showa, 64)));
        assert_eq!(Era::of(date(1989, 1, 8)), Some((Era::Heisei, 1)));
        assert_eq!(Era::of(date(2019, 4, 30)), Some((Era::Heisei, 31)));
        assert_eq!(Era::of(date(2019, 5, 1)), Some((Era::Reiwa, 1)));
        assert_eq!(Era::of(date(1926, 12, 24)), Some((Era::Taisho, 15)));
        assert_eq!(Era::of(date(1926, 12, 25)), Some((Era::Showa, 1)));
        assert_eq!(Era::of(date(1850, 1, 1)), None);
    }

    #[test]
    fn heisei_birth_gives_heisei_year() {
        let pin = pin_b(
            PinRef::TextPinB,
            date(2001, 12, 3),
            2031,
            "0042",
            BirthYearForm::JapaneseEra,
        )
        .unwrap();
        assert_eq!(pin.expose(), b"13120320310042");
    }

    #[test]
    fn rejects_a_bad_security_code_without_showing_it() {
        let err = pin_b(
            PinRef::TextPinB,
            date(1980, 2, 17),
            2035,
            "22X5",
            BirthYearForm::Gregorian,
        )
        .unwrap_err();
        assert_eq!(
            err,
            PinBError::Format(PinFormatError {
                pin: PinRef::TextPinB,
                rule: "must be exactly 14 digits"
            })
        );
        assert!(!format!("{err}").contains("22X5"));
    }

    #[test]
    fn rejects_other_references() {
        assert!(matches!(
            pin_b(
                PinRef::JpkiAuth,
                date(1980, 2, 17),
                2035,
                "2285",
                BirthYearForm::Gregorian
            ),
            Err(PinBError::Format(PinFormatError {
                pin: PinRef::JpkiAuth,
                ..
            }))
        ));
    }
}
