//! The signature certificate's subjectAltName: the holder's 基本4情報 (name, address, date of
//! birth, sex) and the substitute-character maps (jpki-pki.md §3.1).
//!
//! ```text
//! subjectAltName ::= SEQUENCE OF GeneralName            RFC 5280 §4.2.1.6
//!   otherName [0] { type-id OID, value [0] EXPLICIT UTF8String }
//! +------------------------+----------------------------------------------+
//! | 1.2.392.200149.8.5.5.1 | 氏名 name (surname U+3000 given name)          |
//! | 1.2.392.200149.8.5.5.2 | name substitute map: '0'/'1' per character    |
//! | 1.2.392.200149.8.5.5.3 | 性別 sex: 1 male, 2 female, 3 unknown           |
//! | 1.2.392.200149.8.5.5.4 | 生年月日: era digit + YYYYMMDD (9 digits)        |
//! | 1.2.392.200149.8.5.5.5 | 住所 address                                   |
//! | 1.2.392.200149.8.5.5.6 | address substitute map: '0'/'1' per character |
//! +------------------------+----------------------------------------------+
//! ```
//! Order is not relied on. Unknown codes are kept as they are, never guessed.

use core::fmt;

use const_oid::ObjectIdentifier;
use der::asn1::Utf8StringRef;
use der::Encode;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectAltName;

use crate::oid;

/// The holder facts carried in a signature certificate. `Debug` prints only which fields are
/// present, never their values (personal data stays out of logs).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HolderInfo {
    /// 氏名, as written in the certificate.
    pub name: Option<String>,
    /// Which characters of `name` are substitutes for characters outside JIS X 0208.
    pub name_substitutions: Option<Substitutions>,
    /// 住所, as written in the certificate.
    pub address: Option<String>,
    /// Which characters of `address` are substitutes.
    pub address_substitutions: Option<Substitutions>,
    /// 生年月日.
    pub date_of_birth: Option<DateOfBirth>,
    /// 性別.
    pub sex: Option<Sex>,
    /// otherName entries with an OID this crate does not know, or a value that is not a
    /// UTF8String: type-id and the DER of the value, kept as they are.
    pub unrecognized: Vec<(ObjectIdentifier, Vec<u8>)>,
}

impl fmt::Debug for HolderInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HolderInfo")
            .field("name", &self.name.as_ref().map(|_| "<present>"))
            .field("address", &self.address.as_ref().map(|_| "<present>"))
            .field(
                "date_of_birth",
                &self.date_of_birth.as_ref().map(|_| "<present>"),
            )
            .field("sex", &self.sex.as_ref().map(|_| "<present>"))
            .field("unrecognized", &self.unrecognized.len())
            .finish()
    }
}

/// A substitute-character map: one `'0'`/`'1'` per character of the text it belongs to
/// (jpki-pki.md §3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitutions(pub String);

impl Substitutions {
    /// Zero-based character positions marked `'1'` (substituted).
    pub fn positions(&self) -> Vec<usize> {
        self.0
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == '1')
            .map(|(i, _)| i)
            .collect()
    }

    /// True if the map has one `'0'`/`'1'` per character of `text`.
    pub fn fits(&self, text: &str) -> bool {
        self.0.chars().all(|c| c == '0' || c == '1')
            && self.0.chars().count() == text.chars().count()
    }
}

/// 性別 code (jpki-pki.md §3.1; codes reported, `1` seen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sex {
    /// `1`.
    Male,
    /// `2`.
    Female,
    /// `3`: not known.
    NotKnown,
    /// Any other value, kept as written.
    Unrecognized(String),
}

impl Sex {
    fn decode(raw: &str) -> Self {
        match raw {
            "1" => Self::Male,
            "2" => Self::Female,
            "3" => Self::NotKnown,
            other => Self::Unrecognized(other.to_owned()),
        }
    }

    /// A stable lowercase name for display and JSON (`"male"`, …, or the raw code).
    pub fn name(&self) -> &str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
            Self::NotKnown => "not_known",
            Self::Unrecognized(raw) => raw,
        }
    }
}

/// Japanese era digit in front of the date of birth (jpki-pki.md §3.1, reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// `0`: era not known.
    NotKnown,
    /// `1` 明治.
    Meiji,
    /// `2` 大正.
    Taisho,
    /// `3` 昭和.
    Showa,
    /// `4` 平成.
    Heisei,
    /// `5` 令和.
    Reiwa,
    /// Any other digit, kept as is.
    Unrecognized(u8),
}

impl Era {
    fn from_digit(d: u8) -> Self {
        match d {
            0 => Self::NotKnown,
            1 => Self::Meiji,
            2 => Self::Taisho,
            3 => Self::Showa,
            4 => Self::Heisei,
            5 => Self::Reiwa,
            other => Self::Unrecognized(other),
        }
    }
}

/// 生年月日 as written: era digit + Gregorian `YYYYMMDD` (jpki-pki.md §3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateOfBirth {
    /// The value exactly as in the certificate.
    pub raw: String,
    /// The era, when the first character is a digit.
    pub era: Option<Era>,
    /// Gregorian (year, month, day), when the value is 9 digits with a plausible month and day.
    pub date: Option<(u16, u8, u8)>,
}

impl DateOfBirth {
    fn decode(raw: &str) -> Self {
        let bytes = raw.as_bytes();
        let era = bytes
            .first()
            .filter(|b| b.is_ascii_digit())
            .map(|b| Era::from_digit(b - b'0'));
        let date = if bytes.len() == 9 && bytes.iter().all(u8::is_ascii_digit) {
            let num = |r: core::ops::Range<usize>| raw.get(r).and_then(|s| s.parse::<u16>().ok());
            match (num(1..5), num(5..7), num(7..9)) {
                (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
                    Some((y, m as u8, d as u8))
                }
                _ => None,
            }
        } else {
            None
        };
        Self {
            raw: raw.to_owned(),
            era,
            date,
        }
    }

    /// `YYYY-MM-DD`, when the date was readable.
    pub fn iso8601(&self) -> Option<String> {
        self.date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }
}

/// Decodes the JPKI otherName entries of a subjectAltName. Returns `None` when there is none.
pub fn from_subject_alt_name(san: &SubjectAltName) -> Option<HolderInfo> {
    let mut info = HolderInfo::default();
    let mut any = false;
    for name in &san.0 {
        let GeneralName::OtherName(other) = name else {
            continue;
        };
        any = true;
        let text = other
            .value
            .decode_as::<Utf8StringRef<'_>>()
            .ok()
            .map(|s| s.as_str().to_owned());
        let Some(text) = text else {
            info.unrecognized
                .push((other.type_id, other.value.to_der().unwrap_or_default()));
            continue;
        };
        match other.type_id {
            oid::JPKI_SAN_NAME => info.name = Some(text),
            oid::JPKI_SAN_NAME_SUBSTITUTIONS => info.name_substitutions = Some(Substitutions(text)),
            oid::JPKI_SAN_SEX => info.sex = Some(Sex::decode(&text)),
            oid::JPKI_SAN_DATE_OF_BIRTH => info.date_of_birth = Some(DateOfBirth::decode(&text)),
            oid::JPKI_SAN_ADDRESS => info.address = Some(text),
            oid::JPKI_SAN_ADDRESS_SUBSTITUTIONS => {
                info.address_substitutions = Some(Substitutions(text))
            }
            _ => info
                .unrecognized
                .push((other.type_id, other.value.to_der().unwrap_or_default())),
        }
    }
    any.then_some(info)
}
