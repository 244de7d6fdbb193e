//! Civil dates in Japan Standard Time, and age on a reference date (flows.md §0.3).
//!
//! The crate reads no clock: the app turns "now" into a [`CivilDate`] with
//! [`CivilDate::from_unix_seconds_jst`] (JST is UTC+9 all year, no daylight saving) and passes it
//! in as "today".
//!
//! Age rule (flows.md §0.3):
//!
//! ```text
//! age = refYear − birthYear − (refMonthDay < birthMonthDay ? 1 : 0)
//! ```
//! with the 29 February rule: in a year without 29 February, a person born on 29 February is
//! treated as having the birthday on 28 February (Japanese law has a person turn N at the end of
//! the day before the Nth birthday; for a "≥ 40" screen gate flows.md says this rule is enough).
//! **VERIFY (flows.md §0.3, §9.6):** which reference date the real clinic reader uses; the app
//! passes the visit date.

use core::fmt;

/// A date of the proleptic Gregorian calendar, valid by construction (years 1–9999).
///
/// Ordering is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Year outside 1–9999.
    #[error("year {0} is outside 1–9999")]
    Year(i64),
    /// Month outside 1–12.
    #[error("month {0} is outside 1–12")]
    Month(u32),
    /// Day not in that month.
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    Day {
        /// Year.
        year: u16,
        /// Month.
        month: u8,
        /// Day asked for.
        day: u32,
    },
    /// Text is not `YYYY-MM-DD`.
    #[error("a date must be written YYYY-MM-DD")]
    Format,
}

/// Whether `year` has a 29 February.
pub const fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (0 for a month outside 1–12).
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Seconds in the JST offset from UTC (+9 h).
const JST_OFFSET_SECONDS: i64 = 9 * 3600;

impl CivilDate {
    /// Builds a date, checking year, month and day.
    pub fn new(year: i64, month: u32, day: u32) -> Result<Self, DateError> {
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (1..=9999).contains(y))
            .ok_or(DateError::Year(year))?;
        let month = u8::try_from(month)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or(DateError::Month(month))?;
        let day_u8 = u8::try_from(day)
            .ok()
            .filter(|d| *d >= 1 && *d <= days_in_month(year, month));
        let day = day_u8.ok_or(DateError::Day { year, month, day })?;
        Ok(Self { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (full-width digits are folded first).
    pub fn parse_iso(text: &str) -> Result<Self, DateError> {
        let folded = crate::text::fold_and_trim(text);
        let bytes = folded.as_bytes();
        let field = |range: core::ops::Range<usize>| -> Result<u32, DateError> {
            let part = bytes.get(range).ok_or(DateError::Format)?;
            if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
                return Err(DateError::Format);
            }
            Ok(part.iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
        };
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return Err(DateError::Format);
        }
        Self::new(i64::from(field(0..4)?), field(5..7)?, field(8..10)?)
    }

    /// The JST calendar date of a Unix time in seconds (the app passes `Date.now() / 1000`).
    pub fn from_unix_seconds_jst(seconds: i64) -> Result<Self, DateError> {
        let local = seconds
            .checked_add(JST_OFFSET_SECONDS)
            .ok_or(DateError::Year(i64::MAX))?;
        Self::from_days_since_epoch(local.div_euclid(86_400))
    }

    /// The date `days` after 1970-01-01 (negative: before).
    ///
    /// Days-to-civil algorithm of H. Hinnant ("chrono-compatible low-level date algorithms").
    pub fn from_days_since_epoch(days: i64) -> Result<Self, DateError> {
        let z = days.checked_add(719_468).ok_or(DateError::Year(i64::MAX))?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(
            year,
            u32::try_from(month).unwrap_or(0),
            u32::try_from(day).unwrap_or(0),
        )
    }

    /// Days since 1970-01-01 (civil-to-days, same source as above).
    pub fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let mp = if month > 2 { month - 3 } else { month + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` later (or earlier when negative); `None` outside years 1–9999.
    pub fn add_days(self, days: i64) -> Option<Self> {
        Self::from_days_since_epoch(self.days_since_epoch().checked_add(days)?).ok()
    }

    /// The day before (`None` before 0001-01-01).
    pub fn previous_day(self) -> Option<Self> {
        self.add_days(-1)
    }

    /// Year.
    pub fn year(self) -> u16 {
        self.year
    }
    /// Month 1–12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// Day of month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// (month, day) of this person's birthday in `year`, with the 29 February rule of flows.md §0.3.
    fn birthday_month_day_in(self, year: u16) -> (u8, u8) {
        if self.month == 2 && self.day == 29 && !is_leap_year(year) {
            (2, 28)
        } else {
            (self.month, self.day)
        }
    }

    /// The date on which someone born on `self` turns `years` old under the rule of §0.3
    /// (29 February → 28 February in common years); `None` past year 9999.
    pub fn birthday_at_age(self, years: u16) -> Option<Self> {
        let year = self.year.checked_add(years).filter(|y| *y <= 9999)?;
        let (month, day) = self.birthday_month_day_in(year);
        Self::new(i64::from(year), u32::from(month), u32::from(day)).ok()
    }
}

/// The reference date is before the date of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the reference date is before the date of birth")]
pub struct BornAfterReference;

/// Age in completed years on `reference` (the visit date, JST), flows.md §0.3.
pub fn age_on(birth: CivilDate, reference: CivilDate) -> Result<u16, BornAfterReference> {
    if reference < birth {
        return Err(BornAfterReference);
    }
    let (month, day) = birth.birthday_month_day_in(reference.year);
    let before_birthday = (reference.month, reference.day) < (month, day);
    Ok(reference
        .year
        .saturating_sub(birth.year)
        .saturating_sub(u16::from(before_birthday)))
}

impl fmt::Display for CivilDate {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CivilDate({self})")
    }
}

/// A date known at compile time, for facts in the spec; panics at compile time only.
pub(crate) const fn fact_date(year: u16, month: u8, day: u8) -> CivilDate {
    assert!(month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month));
    CivilDate { year, month, day }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    #[test]
    fn forty_on_the_fortieth_birthday_itself() {
        assert_eq!(age_on(d("1986-12-03"), d("2026-12-03")), Ok(40));
        assert_eq!(age_on(d("1986-12-03"), d("2026-12-02")), Ok(39));
        assert_eq!(age_on(d("1986-12-04"), d("2026-12-03")), Ok(39));
    }

    #[test]
    fn born_29_february_turns_older_on_28_february_of_common_years() {
        assert_eq!(age_on(d("1988-02-29"), d("2027-02-27")), Ok(38));
        assert_eq!(age_on(d("1988-02-29"), d("2027-02-28")), Ok(39));
        assert_eq!(age_on(d("1988-02-29"), d("2027-03-01")), Ok(39));
        // Leap reference year: the birthday is 29 February itself.
        assert_eq!(age_on(d("1988-02-29"), d("2028-02-28")), Ok(39));
        assert_eq!(age_on(d("1988-02-29"), d("2028-02-29")), Ok(40));
        assert_eq!(d("1988-02-29").birthday_at_age(39), Some(d("2027-02-28")));
        assert_eq!(d("1988-02-29").birthday_at_age(40), Some(d("2028-02-29")));
    }

    #[test]
    fn age_zero_on_birth_day_and_error_before() {
        assert_eq!(age_on(d("2026-12-03"), d("2026-12-03")), Ok(0));
        assert_eq!(
            age_on(d("2026-12-03"), d("2026-12-02")),
            Err(BornAfterReference)
        );
    }

    #[test]
    fn jst_date_changes_at_15_00_utc() {
        // 2026-12-03T14:59:59Z is 23:59:59 JST; one second later it is the 4th in Japan.
        assert_eq!(
            CivilDate::from_unix_seconds_jst(1_796_309_999).unwrap(),
            d("2026-12-03")
        );
        assert_eq!(
            CivilDate::from_unix_seconds_jst(1_796_310_000).unwrap(),
            d("2026-12-04")
        );
        assert_eq!(
            CivilDate::from_unix_seconds_jst(-32_400).unwrap(),
            d("1970-01-01")
        );
        assert_eq!(
            CivilDate::from_unix_seconds_jst(-32_401).unwrap(),
            d("1969-12-31")
        );
    }

    #[test]
    fn day_arithmetic_round_trips() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(d("2024-03-01").previous_day(), Some(d("2024-02-29")));
        assert_eq!(d("2026-01-01").previous_day(), Some(d("2025-12-31")));
        assert_eq!(d("0001-01-01").previous_day(), None);
        assert_eq!(d("9999-12-31").add_days(1), None);
        for days in [-719_162, -1, 0, 59, 10_957, 2_932_896] {
            assert_eq!(
                CivilDate::from_days_since_epoch(days)
                    .unwrap()
                    .days_since_epoch(),
                days
            );
        }
    }

    #[test]
    fn rejects_impossible_dates_and_bad_text() {
        assert_eq!(
            CivilDate::parse_iso("2027-02-29"),
            Err(DateError::Day {
                year: 2027,
                month: 2,
                day: 29
            })
        );
        assert_eq!(
            CivilDate::parse_iso("2026-13-01"),
            Err(DateError::Month(13))
        );
        assert_eq!(CivilDate::parse_iso("0000-01-01"), Err(DateError::Year(0)));
        assert_eq!(CivilDate::parse_iso("2026/12/03"), Err(DateError::Format));
        assert_eq!(CivilDate::parse_iso("2026-1-3"), Err(DateError::Format));
        assert_eq!(
            CivilDate::parse_iso("２０２６－１２－０３"),
            Ok(d("2026-12-03"))
        );
        assert_eq!(alloc::format!("{}", d("0987-06-05")), "0987-06-05");
    }
}
