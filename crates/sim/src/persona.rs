//! The built-in citizens of the virtual card: fictional, fixed, documented.
//!
//! Every persona is made up. Names use the surname 見本 ("sample") or other obviously invented
//! names, addresses are in invented towns (見本区, 見本市 …), and My Numbers are patterned digit
//! strings with a valid check digit. Nothing here is about a real person.
//!
//! Credentials of every persona (fictional test data only):
//!
//! ```text
//! | credential                          | value                                              |
//! |-------------------------------------|----------------------------------------------------|
//! | JPKI auth PIN (EF 0018)             | 1234                                               |
//! | JPKI sign password (EF 001B)        | ABC123         (absent on the child's card)        |
//! | text AP PIN (EF 0011)               | 1234                                               |
//! | 照合番号A (text 0014, visual 0013)   | the persona's 12-digit My Number                   |
//! | 照合番号B (text 0015, visual 0012)   | era YY + MMDD of birth + expiry year + code        |
//! |                                     | (see `PinBForm`; the Gregorian YY form can be      |
//! |                                     |  chosen per card, mynacard.md §5 / §12)            |
//! | birth-date key (visual 0011)        | era YY + MMDD of birth (6 digits)                  |
//! | 住基 PIN (住基 001C, 共通 001C)      | 1234                                               |
//! ```
//!
//! The personas ([`personas`], in this order; "today" for the ages is 2026-12-03):
//!
//! ```text
//! | id           | born       | what it is for                                             |
//! |--------------|------------|------------------------------------------------------------|
//! | standard     | 1975-06-15 | adult over 40, ordinary address; My Number 123456789018    |
//! | age39        | 1987-03-31 | 39 today, 40 on 2027-03-31                                 |
//! | age40        | 1986-12-03 | turns 40 today                                             |
//! | long-address | 1968-11-23 | 基本4情報 of 293 bytes (outer length 82 01 20)              |
//! | rare-kanji   | 1992-08-08 | 𠮷田　髙子: substituted in the certificate (.2 = 10010)     |
//! | auth-blocked | 1979-01-20 | auth PIN blocked (0 tries)                                 |
//! | auth-one-try | 1983-10-10 | auth PIN with 1 try left                                   |
//! | child        | 2016-05-05 | no signature certificate, key or password (EF 0008 008F00) |
//! | phone-token  | 1990-07-07 | JPKIAPGPSETOKEN: JPKI only, auth PIN before EF 000A        |
//! | expired-auth | 1970-09-09 | auth certificate expired 2024-09-09                        |
//! | legacy-label | 1965-02-28 | token label JPKIAPICCTOKEN                                 |
//! ```

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The auth PIN (EF 0018) and text-AP PIN (EF 0011) of every persona.
pub const AUTH_PIN: &str = "1234";
/// The text AP PIN (EF 0011) of every persona.
pub const TEXT_PIN: &str = "1234";
/// The 住民基本台帳用 PIN (住基AP EF 001C and 共通カードAP EF 001C) of every persona.
pub const JUKI_PIN: &str = "1234";
/// The signature password (EF 001B) of every persona that has a signature certificate.
pub const SIGN_PASSWORD: &str = "ABC123";

/// A calendar date (Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 1975.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Date {
    /// A date from its parts (not validated: the built-in tables are fixed).
    pub const fn new(year: u16, month: u8, day: u8) -> Self {
        Self { year, month, day }
    }

    /// `YYYYMMDD` in ASCII digits (mynacard.md §9: "Dates are 8 ASCII digits").
    pub fn yyyymmdd(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// Age in whole years on `today`.
    pub fn age_on(self, today: Date) -> u16 {
        let years = today.year.saturating_sub(self.year);
        if (today.month, today.day) < (self.month, self.day) {
            years.saturating_sub(1)
        } else {
            years
        }
    }

    /// The Japanese era of this date and the year within it (元年 = 1).
    ///
    /// ```text
    /// | era  | digit (jpki-pki.md §3.1) | first day   |
    /// |------|--------------------------|-------------|
    /// | 明治 | 1                        | 1868-01-25  |
    /// | 大正 | 2                        | 1912-07-30  |
    /// | 昭和 | 3                        | 1926-12-25  |
    /// | 平成 | 4                        | 1989-01-08  |
    /// | 令和 | 5                        | 2019-05-01  |
    /// ```
    pub fn era(self) -> (Era, u16) {
        let era = if self >= Date::new(2019, 5, 1) {
            Era::Reiwa
        } else if self >= Date::new(1989, 1, 8) {
            Era::Heisei
        } else if self >= Date::new(1926, 12, 25) {
            Era::Showa
        } else if self >= Date::new(1912, 7, 30) {
            Era::Taisho
        } else {
            Era::Meiji
        };
        (era, self.year.saturating_sub(era.first_year()) + 1)
    }

    /// The `.4` birth-date string of the signature certificate: era digit + `YYYYMMDD`
    /// (jpki-pki.md §3.1, e.g. `319800217`).
    pub fn era_digit_yyyymmdd(self) -> String {
        format!("{}{}", self.era().0.digit(), self.yyyymmdd())
    }

    /// The 5th birthday after `issued` of someone born on `self`: the notAfter day of a JPKI
    /// end-entity certificate (jpki-pki.md §3: issued 2025-10-27, born 02-17 → 2030-02-17).
    pub fn fifth_birthday_after(self, issued: Date) -> Date {
        let first_year = if (self.month, self.day) > (issued.month, issued.day) {
            issued.year
        } else {
            issued.year + 1
        };
        Date::new(first_year + 4, self.month, self.day)
    }
}

/// A Japanese era (元号).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// 明治.
    Meiji,
    /// 大正.
    Taisho,
    /// 昭和.
    Showa,
    /// 平成.
    Heisei,
    /// 令和.
    Reiwa,
}

impl Era {
    /// The era digit used in the signature certificate's birth date (jpki-pki.md §3.1).
    pub const fn digit(self) -> u8 {
        match self {
            Era::Meiji => 1,
            Era::Taisho => 2,
            Era::Showa => 3,
            Era::Heisei => 4,
            Era::Reiwa => 5,
        }
    }

    const fn first_year(self) -> u16 {
        match self {
            Era::Meiji => 1868,
            Era::Taisho => 1912,
            Era::Showa => 1926,
            Era::Heisei => 1989,
            Era::Reiwa => 2019,
        }
    }
}

/// Sex as the card and the certificate record it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    /// Male.
    Male,
    /// Female.
    Female,
}

impl Sex {
    /// JIS X 0303 digit used in the text AP's DF25 (mynacard.md §9): `1` male, `2` female.
    pub const fn jis_digit(self) -> u8 {
        match self {
            Sex::Male => b'1',
            Sex::Female => b'2',
        }
    }
    /// Digit used in the signature certificate's `.3` otherName (jpki-pki.md §3.1).
    pub const fn certificate_digit(self) -> u8 {
        self.jis_digit()
    }
}

/// What kind of token carries the JPKI AP (mynacard.md §3.1 token labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A physical card, label `JPKIAPICCTOKEN2`; all APs present.
    Card,
    /// An older physical card, label `JPKIAPICCTOKEN` (as in jpki/myna's fixtures,
    /// mynacard.md §3.1, confidence C); otherwise the same as [`Card`](Self::Card).
    LegacyCard,
    /// A smartphone's secure element (スマホ用電子証明書), label `JPKIAPGPSETOKEN`: only the JPKI
    /// AP, and EF 000A is readable only after the auth PIN.
    PhoneToken,
}

impl TokenKind {
    /// Whether this is a physical card (with the 券面, 住基 and 共通 APs and MF data objects).
    pub const fn is_physical_card(self) -> bool {
        matches!(self, TokenKind::Card | TokenKind::LegacyCard)
    }

    /// The token label (bytes 0–31 of EF 0006 before space padding).
    pub const fn label(self) -> &'static str {
        match self {
            TokenKind::Card => "JPKIAPICCTOKEN2",
            TokenKind::LegacyCard => "JPKIAPICCTOKEN",
            TokenKind::PhoneToken => "JPKIAPGPSETOKEN",
        }
    }
}

/// Validity of one issued certificate. Times are UTC; notAfter is always 14:59:59Z
/// (23:59:59 JST, jpki-pki.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CertDates {
    /// notBefore (00:00:00Z on this day).
    pub not_before: Date,
    /// notAfter (14:59:59Z on this day).
    pub not_after: Date,
}

/// One fictional citizen and the state of their card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Persona {
    /// Short stable id (`standard`, `age39`, …), used in key labels and on the command line.
    pub id: &'static str,
    /// One line saying what the persona is for.
    pub description: &'static str,
    /// Card or smartphone token.
    pub token: TokenKind,
    /// Name as stored in the text AP (UTF-8, family and given name separated by U+3000).
    pub name: &'static str,
    /// Address as stored in the text AP (full-width digits and hyphens).
    pub address: &'static str,
    /// Date of birth.
    pub birth: Date,
    /// Sex.
    pub sex: Sex,
    /// Prefecture in romaji (`L=` of the signature certificate subject, CRL DP).
    pub prefecture_romaji: &'static str,
    /// Municipality in romaji.
    pub municipality_romaji: &'static str,
    /// The first 11 digits of the My Number; the 12th is the check digit ([`my_number`](Self::my_number)).
    pub my_number_base: &'static str,
    /// Card expiry date (its year is part of 照合番号B).
    pub card_expiry: Date,
    /// The 4-digit security code printed on the card face (part of 照合番号B).
    pub security_code: &'static str,
    /// Whether the card holds a signature certificate and key (children under 15 do not).
    pub has_signature_certificate: bool,
    /// Auth PIN tries left at power-on (3 = untouched, 0 = blocked).
    pub auth_pin_tries: u8,
    /// Whether the holder set PINs at all. A face-authentication-only card (顔認証マイナンバーカード)
    /// has none: its PIN references answer a status query with `63 00` (no retry counter) and
    /// refuse every VERIFY. UNVERIFIED (flows.md §9, open question 4): the real card's answer is
    /// not published; the simulator picks the one the app must treat most carefully.
    pub pins_set: bool,
    /// Sign password tries left at power-on (5 = untouched).
    pub sign_password_tries: u8,
    /// Auth certificate validity.
    pub auth_cert: CertDates,
    /// Signature certificate validity.
    pub sign_cert: CertDates,
    /// Serial number of the auth certificate.
    pub auth_serial: u32,
    /// Serial number of the signature certificate.
    pub sign_serial: u32,
}

/// The day every certificate of the simulator (except the expired one) was issued.
pub const ISSUED: Date = Date::new(2025, 4, 1);

const fn dates(birth: Date) -> CertDates {
    // notAfter = the 5th birthday after ISSUED (2025-04-01), computed as in
    // `Date::fifth_birthday_after`, in a const context.
    let first_year = if birth.month > 4 || (birth.month == 4 && birth.day > 1) {
        2025
    } else {
        2026
    };
    CertDates {
        not_before: ISSUED,
        not_after: Date::new(first_year + 4, birth.month, birth.day),
    }
}

impl Persona {
    /// The 12-digit My Number: [`my_number_base`](Self::my_number_base) + its check digit.
    pub fn my_number(&self) -> String {
        let check = my_number_check_digit(self.my_number_base).unwrap_or(b'0');
        let mut number = String::from(self.my_number_base);
        number.push(char::from(check));
        number
    }

    /// The name as written in the signature certificate: characters outside the certificate's
    /// character set replaced (jpki-pki.md §3.1).
    pub fn certificate_name(&self) -> String {
        self.name
            .chars()
            .map(|c| substitute(c).unwrap_or(c))
            .collect()
    }

    /// `.2` of the signature certificate: one `0`/`1` per name character, `1` = substituted.
    pub fn name_substitution_positions(&self) -> String {
        positions(self.name)
    }

    /// The address as written in the signature certificate.
    pub fn certificate_address(&self) -> String {
        self.address
            .chars()
            .map(|c| substitute(c).unwrap_or(c))
            .collect()
    }

    /// `.6` of the signature certificate: one `0`/`1` per address character.
    pub fn address_substitution_positions(&self) -> String {
        positions(self.address)
    }

    /// 照合番号B in the given form (14 ASCII digits, mynacard.md §5).
    pub fn pin_b(&self, form: PinBForm) -> String {
        let yy = match form {
            PinBForm::EraYear => self.birth.era().1 % 100,
            PinBForm::GregorianYear => self.birth.year % 100,
        };
        format!(
            "{:02}{:02}{:02}{:04}{}",
            yy, self.birth.month, self.birth.day, self.card_expiry.year, self.security_code
        )
    }

    /// The visual AP's birth-date key: era YY + MMDD (6 digits, mynacard.md §5).
    pub fn birth_date_key(&self) -> String {
        format!(
            "{:02}{:02}{:02}",
            self.birth.era().1 % 100,
            self.birth.month,
            self.birth.day
        )
    }

    /// The auth certificate subject's CN: a 23-character opaque id (jpki-pki.md §3).
    pub fn auth_subject_id(&self) -> String {
        format!("MYNAWEBSIMAUTH{:09}", self.auth_serial)
    }

    /// The signature certificate subject's CN: a 28-character opaque id (jpki-pki.md §3).
    pub fn sign_subject_id(&self) -> String {
        format!("MYNAWEBSIMSIGN{:014}", self.sign_serial)
    }

    /// The 15-digit card serial of the 共通カードAP record (`9` + 14 digits of the auth serial).
    pub fn card_serial(&self) -> String {
        format!("9{:014}", self.auth_serial)
    }

    /// Key label of the auth key in [`crate::keys`].
    pub fn auth_key_label(&self) -> String {
        format!("{}/auth", self.id)
    }

    /// Key label of the signature key in [`crate::keys`].
    pub fn sign_key_label(&self) -> String {
        format!("{}/sign", self.id)
    }
}

/// Which birth-year form of 照合番号B the virtual card accepts (mynacard.md §5, §12: era YY is
/// the best evidence, unconfirmed on production cards).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PinBForm {
    /// Birth year as the Japanese-era year (昭和55 → `55`). The default.
    #[default]
    EraYear,
    /// Birth year as the last two digits of the Gregorian year (1980 → `80`).
    GregorianYear,
}

/// Characters of the personas that fall outside JIS X 0208 and the substitutes the signature
/// certificate carries instead (jpki-pki.md §3.1 "replaced by substitute characters").
const SUBSTITUTES: &[(char, char)] = &[('𠮷', '吉'), ('髙', '高'), ('﨑', '崎')];

fn substitute(c: char) -> Option<char> {
    SUBSTITUTES
        .iter()
        .find(|(rare, _)| *rare == c)
        .map(|(_, common)| *common)
}

fn positions(text: &str) -> String {
    text.chars()
        .map(|c| if substitute(c).is_some() { '1' } else { '0' })
        .collect()
}

/// The check digit of an 11-digit My Number base (個人番号 check digit: weights
/// Qn = n+1 for n ≤ 6, n−5 for n ≥ 7, counted from the right; r = Σ Pn·Qn mod 11;
/// check = 0 if r ≤ 1 else 11 − r). `None` if `base` is not 11 ASCII digits.
pub fn my_number_check_digit(base: &str) -> Option<u8> {
    let digits: Vec<u32> = base
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 11 {
        return None;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, p)| {
            let n = i as u32 + 1;
            let q = if n <= 6 { n + 1 } else { n - 5 };
            p * q
        })
        .sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    Some(b'0' + check as u8)
}

/// Every built-in persona, in a fixed order.
pub fn personas() -> Vec<Persona> {
    let standard_birth = Date::new(1975, 6, 15);
    let age39_birth = Date::new(1987, 3, 31);
    let age40_birth = Date::new(1986, 12, 3);
    let long_birth = Date::new(1968, 11, 23);
    let rare_birth = Date::new(1992, 8, 8);
    let blocked_birth = Date::new(1979, 1, 20);
    let one_try_birth = Date::new(1983, 10, 10);
    let child_birth = Date::new(2016, 5, 5);
    let phone_birth = Date::new(1990, 7, 7);
    let expired_birth = Date::new(1970, 9, 9);
    let base = |id, description, name, address, birth: Date, sex, n: u32| Persona {
        id,
        description,
        token: TokenKind::Card,
        name,
        address,
        birth,
        sex,
        prefecture_romaji: "Tokyo-to",
        municipality_romaji: "Mihon-ku",
        my_number_base: "",
        card_expiry: Date::new(2035, birth.month, birth.day),
        security_code: "2468",
        has_signature_certificate: true,
        auth_pin_tries: 3,
        pins_set: true,
        sign_password_tries: 5,
        auth_cert: dates(birth),
        sign_cert: dates(birth),
        auth_serial: 0x0010_0000 + n,
        sign_serial: 0x0020_0000 + n,
    };
    alloc::vec![
        Persona {
            my_number_base: "12345678901",
            ..base(
                "standard",
                "adult over 40 with an ordinary address",
                "見本　太郎",
                "東京都見本区見本町１－２－３",
                standard_birth,
                Sex::Male,
                1,
            )
        },
        Persona {
            my_number_base: "23456789012",
            prefecture_romaji: "Osaka-fu",
            municipality_romaji: "Mihon-shi",
            ..base(
                "age39",
                "39 on 2026-12-03, turns 40 on 2027-03-31",
                "試験　花子",
                "大阪府見本市試験町２－３－４",
                age39_birth,
                Sex::Female,
                2,
            )
        },
        Persona {
            my_number_base: "34567890123",
            prefecture_romaji: "Kanagawa-ken",
            municipality_romaji: "Mihon-shi",
            ..base(
                "age40",
                "turns exactly 40 on 2026-12-03",
                "検証　一郎",
                "神奈川県見本市検証町５－６",
                age40_birth,
                Sex::Male,
                3,
            )
        },
        Persona {
            my_number_base: "45678901234",
            prefecture_romaji: "Hokkaido",
            municipality_romaji: "Mihon-gun Mihon-cho",
            ..base(
                "long-address",
                "address so long that 基本4情報 needs a multi-byte outer length (file ≈300 bytes)",
                "長住　千代子",
                "北海道見本郡見本町大字見本字見本原第一地割１２３番地の４５　見本ニュータウン第二期見本ヒルズレジデンス北棟見本タワー東館ウエストウイング１２３４号室　見本荘内",
                long_birth,
                Sex::Female,
                4,
            )
        },
        Persona {
            my_number_base: "56789012345",
            prefecture_romaji: "Kyoto-fu",
            municipality_romaji: "Mihon-shi",
            ..base(
                "rare-kanji",
                "name with characters outside JIS X 0208 (𠮷, 髙): substituted in the certificate",
                "𠮷田　髙子",
                "京都府見本市髙見町７－８",
                rare_birth,
                Sex::Female,
                5,
            )
        },
        Persona {
            my_number_base: "67890123456",
            auth_pin_tries: 0,
            ..base(
                "auth-blocked",
                "auth PIN blocked (0 tries left): no VERIFY may be sent",
                "見本　三郎",
                "東京都見本区見本町３－４－５",
                blocked_birth,
                Sex::Male,
                6,
            )
        },
        Persona {
            my_number_base: "78901234567",
            auth_pin_tries: 1,
            ..base(
                "auth-one-try",
                "auth PIN with one try left",
                "見本　四郎",
                "東京都見本区見本町４－５－６",
                one_try_birth,
                Sex::Male,
                7,
            )
        },
        Persona {
            my_number_base: "89012345678",
            has_signature_certificate: false,
            card_expiry: Date::new(2031, 5, 5),
            ..base(
                "child",
                "10-year-old: no signature certificate (EF 0008 = 00 8F 00)",
                "見本　小太郎",
                "東京都見本区見本町１－２－３",
                child_birth,
                Sex::Male,
                8,
            )
        },
        Persona {
            my_number_base: "90123456789",
            token: TokenKind::PhoneToken,
            ..base(
                "phone-token",
                "smartphone token (JPKIAPGPSETOKEN): auth PIN before the auth certificate",
                "見本　花音",
                "東京都見本区見本町７－８－９",
                phone_birth,
                Sex::Female,
                9,
            )
        },
        Persona {
            my_number_base: "01234567890",
            auth_cert: CertDates {
                not_before: Date::new(2020, 4, 1),
                not_after: Date::new(2024, 9, 9),
            },
            ..base(
                "expired-auth",
                "auth certificate expired on 2024-09-09",
                "見本　五郎",
                "東京都見本区見本町５－６－７",
                expired_birth,
                Sex::Male,
                10,
            )
        },
        Persona {
            my_number_base: "11223344556",
            token: TokenKind::LegacyCard,
            ..base(
                "legacy-label",
                "older card whose token label is JPKIAPICCTOKEN (no trailing 2)",
                "見本　六郎",
                "東京都見本区見本町６－７－８",
                Date::new(1965, 2, 28),
                Sex::Male,
                11,
            )
        },
        Persona {
            my_number_base: "22334455667",
            has_signature_certificate: false,
            pins_set: false,
            auth_pin_tries: 0,
            sign_password_tries: 0,
            ..base(
                "face-only",
                "face-authentication-only card: no PIN was set (clinic face readers only)",
                "見本　七子",
                "東京都見本区見本町７－８－９",
                Date::new(1950, 4, 20),
                Sex::Female,
                12,
            )
        },
    ]
}

/// The persona with this id.
pub fn persona(id: &str) -> Option<Persona> {
    personas().into_iter().find(|p| p.id == id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const TODAY: Date = Date::new(2026, 12, 3);

    #[test]
    fn check_digit_of_the_published_example() {
        assert_eq!(my_number_check_digit("12345678901"), Some(b'8'));
        assert_eq!(my_number_check_digit("1234567890"), None);
        assert_eq!(my_number_check_digit("1234567890x"), None);
    }

    #[test]
    fn ages_are_as_documented() {
        let age = |id| persona(id).unwrap().birth.age_on(TODAY);
        assert_eq!(age("standard"), 51);
        assert_eq!(age("age39"), 39);
        assert_eq!(
            persona("age39")
                .unwrap()
                .birth
                .age_on(Date::new(2027, 3, 31)),
            40
        );
        assert_eq!(
            persona("age40")
                .unwrap()
                .birth
                .age_on(Date::new(2026, 12, 2)),
            39
        );
        assert_eq!(age("age40"), 40);
        assert_eq!(age("child"), 10);
    }

    #[test]
    fn era_forms() {
        assert_eq!(Date::new(1980, 2, 17).era_digit_yyyymmdd(), "319800217");
        assert_eq!(Date::new(1989, 1, 7).era(), (Era::Showa, 64));
        assert_eq!(Date::new(1989, 1, 8).era(), (Era::Heisei, 1));
        assert_eq!(Date::new(2019, 5, 1).era(), (Era::Reiwa, 1));
        assert_eq!(
            persona("standard").unwrap().pin_b(PinBForm::EraYear),
            "50061520352468"
        );
        assert_eq!(
            persona("standard").unwrap().pin_b(PinBForm::GregorianYear),
            "75061520352468"
        );
        assert_eq!(persona("standard").unwrap().birth_date_key(), "500615");
    }

    #[test]
    fn fifth_birthday_matches_the_test_card() {
        // jpki-pki.md §3: issued 2025-10-27, born 1980-02-17 → notAfter 2030-02-17.
        assert_eq!(
            Date::new(1980, 2, 17).fifth_birthday_after(Date::new(2025, 10, 27)),
            Date::new(2030, 2, 17)
        );
        for p in personas().iter().filter(|p| p.id != "expired-auth") {
            assert_eq!(
                p.auth_cert.not_after,
                p.birth.fifth_birthday_after(ISSUED),
                "{}",
                p.id
            );
        }
        assert_eq!(
            persona("standard").unwrap().auth_cert.not_after,
            Date::new(2029, 6, 15)
        );
    }

    #[test]
    fn rare_kanji_are_substituted_and_marked() {
        let p = persona("rare-kanji").unwrap();
        assert_eq!(p.certificate_name(), "吉田　高子");
        assert_eq!(p.name_substitution_positions(), "10010");
        assert_eq!(p.certificate_address(), "京都府見本市高見町７－８");
        assert_eq!(p.address_substitution_positions(), "000000100000");
        let s = persona("standard").unwrap();
        assert_eq!(s.name_substitution_positions(), "00000");
    }

    #[test]
    fn every_persona_is_distinct_and_valid() {
        let all = personas();
        assert_eq!(all.len(), 12);
        for (i, p) in all.iter().enumerate() {
            assert_eq!(p.my_number().len(), 12, "{}", p.id);
            assert_eq!(p.auth_subject_id().len(), 23);
            assert_eq!(p.sign_subject_id().len(), 28);
            assert!(all
                .iter()
                .skip(i + 1)
                .all(|q| q.id != p.id && q.my_number() != p.my_number()));
        }
        assert_eq!(persona("standard").unwrap().my_number(), "123456789018");
    }
}
