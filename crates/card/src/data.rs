//! The card's data layouts, parsed into typed values (mynacard.md §9). Pure functions over bytes.

use core::fmt;

use apdu::tlv::{BerTlv, Reader, Tag};
use sha2::{Digest, Sha256};

use crate::error::CardError;

/// A Gregorian date, from 8 ASCII digits `YYYYMMDD` (mynacard.md §9: all dates are Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year (4 digits).
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31, valid for the month.
    pub day: u8,
}

impl Date {
    /// Parses `YYYYMMDD` and checks the day exists.
    pub fn parse_yyyymmdd(bytes: &[u8]) -> Option<Self> {
        let [y1, y2, y3, y4, m1, m2, d1, d2] = *<&[u8; 8]>::try_from(bytes).ok()?;
        let digit = |b: u8| b.is_ascii_digit().then(|| u16::from(b - b'0'));
        let year = digit(y1)? * 1000 + digit(y2)? * 100 + digit(y3)? * 10 + digit(y4)?;
        let month = (digit(m1)? * 10 + digit(m2)?) as u8;
        let day = (digit(d1)? * 10 + digit(d2)?) as u8;
        let date = Self { year, month, day };
        date.is_valid().then_some(date)
    }

    /// Whether month and day exist in that year.
    pub fn is_valid(self) -> bool {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&self.day)
    }
}

impl fmt::Display for Date {
    /// ISO 8601 (`1980-02-17`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Sex as JIS X 0303 codes (mynacard.md §9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    /// `0`: not known.
    NotKnown,
    /// `1`: male.
    Male,
    /// `2`: female.
    Female,
    /// `9`: not applicable.
    NotApplicable,
}

impl Sex {
    /// From the ASCII digit.
    pub const fn from_code(code: u8) -> Option<Self> {
        match code {
            b'0' => Some(Self::NotKnown),
            b'1' => Some(Self::Male),
            b'2' => Some(Self::Female),
            b'9' => Some(Self::NotApplicable),
            _ => None,
        }
    }

    /// The JIS X 0303 digit.
    pub const fn code(self) -> u8 {
        match self {
            Self::NotKnown => b'0',
            Self::Male => b'1',
            Self::Female => b'2',
            Self::NotApplicable => b'9',
        }
    }

    /// A stable machine name.
    pub const fn id(self) -> &'static str {
        match self {
            Self::NotKnown => "not-known",
            Self::Male => "male",
            Self::Female => "female",
            Self::NotApplicable => "not-applicable",
        }
    }
}

/// A My Number (個人番号): 12 ASCII digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MyNumber(String);

impl MyNumber {
    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for MyNumber {
    /// Personal data: `Debug` shows only the last 4 digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MyNumber(********{})", self.0.get(8..).unwrap_or(""))
    }
}

const MY_NUMBER_STRUCT: &str = "My Number (text AP EF 0001)";

/// Text AP EF 0001 (mynacard.md §3.2): a 17-byte file.
///
/// ```text
/// | FF 10 | 0C | 12 ASCII digits | FF FF (filler) |
/// ```
pub fn parse_my_number(file: &[u8]) -> Result<MyNumber, CardError> {
    let tlv = Reader::new(file)
        .read_ber_tagged(Tag(0xFF10), MY_NUMBER_STRUCT)
        .map_err(|e| CardError::tlv(MY_NUMBER_STRUCT, e))?;
    if tlv.value.len() != 12 || !tlv.value.iter().all(u8::is_ascii_digit) {
        return Err(CardError::malformed(
            MY_NUMBER_STRUCT,
            "the value is not 12 ASCII digits",
        ));
    }
    Ok(MyNumber(tlv.value.iter().map(|&b| char::from(b)).collect()))
}

const INTEGRITY_STRUCT: &str = "integrity record (text AP EF 0003)";

/// Text AP EF 0003 (mynacard.md §9.2).
///
/// ```text
/// FF 30 82 01 4B
///   DF 31 20 <SHA-256 of EF 0001's 17 physical bytes, FF filler included>
///   DF 32 20 <SHA-256 of EF 0002's outer value from DF22 to the end>
///   DF 33 82 01 00 <RSA-2048 signature over the DF31 and DF32 TLVs (first 70 bytes of the value)>
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntegrityRecord {
    /// DF31.
    pub my_number_digest: [u8; 32],
    /// DF32.
    pub basic4_digest: [u8; 32],
    /// DF33.
    pub signature: Vec<u8>,
    /// The DF31 and DF32 TLVs, as signed.
    pub signed_bytes: Vec<u8>,
}

fn digest_field<'a>(
    reader: &mut Reader<'a>,
    tag: u32,
) -> Result<(BerTlv<'a>, [u8; 32]), CardError> {
    let tlv = reader
        .read_ber_tagged(Tag(tag), INTEGRITY_STRUCT)
        .map_err(|e| CardError::tlv(INTEGRITY_STRUCT, e))?;
    let digest = <[u8; 32]>::try_from(tlv.value)
        .map_err(|_| CardError::malformed(INTEGRITY_STRUCT, "a digest field is not 32 bytes"))?;
    Ok((tlv, digest))
}

/// Parses text AP EF 0003.
pub fn parse_integrity_record(file: &[u8]) -> Result<IntegrityRecord, CardError> {
    let outer = Reader::new(file)
        .read_ber_tagged(Tag(0xFF30), INTEGRITY_STRUCT)
        .map_err(|e| CardError::tlv(INTEGRITY_STRUCT, e))?;
    let mut inner = outer.children();
    let (first, my_number_digest) = digest_field(&mut inner, 0xDF31)?;
    let (second, basic4_digest) = digest_field(&mut inner, 0xDF32)?;
    let signed_bytes = [raw(file, &first), raw(file, &second)].concat();
    let sig = inner
        .read_ber_tagged(Tag(0xDF33), INTEGRITY_STRUCT)
        .map_err(|e| CardError::tlv(INTEGRITY_STRUCT, e))?;
    Ok(IntegrityRecord {
        my_number_digest,
        basic4_digest,
        signature: sig.value.to_vec(),
        signed_bytes,
    })
}

fn raw<'a>(file: &'a [u8], tlv: &BerTlv<'_>) -> &'a [u8] {
    file.get(tlv.position..tlv.position + tlv.total_len())
        .unwrap_or(&[])
}

/// 基本4情報 (text AP EF 0002).
#[derive(Clone, PartialEq, Eq)]
pub struct Basic4 {
    /// Name: family and given name separated by U+3000.
    pub name: String,
    /// Address (block numbers in full-width digits).
    pub address: String,
    /// Birth date.
    pub birth_date: Date,
    /// Sex.
    pub sex: Sex,
    /// SHA-256 over the outer value from DF22 to its end (what EF 0003 DF32 holds).
    pub content_digest: [u8; 32],
}

impl fmt::Debug for Basic4 {
    /// Personal data: `Debug` shows only which fields are present and their sizes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Basic4(name: {} chars, address: {} chars, ..)",
            self.name.chars().count(),
            self.address.chars().count()
        )
    }
}

const BASIC4_STRUCT: &str = "基本4情報 (text AP EF 0002)";

/// Parses text AP EF 0002 (mynacard.md §9.1), long addresses included.
///
/// ```text
/// FF 20 <len>                       len: 1 byte, 81 xx or 82 xx xx (≥ 128 → multi-byte)
///   DF 21 08 o1 o1 o2 o2 o3 o3 o4 o4  4 × 16-bit offsets from file start, to the tags below
///   DF 22 <n> name     (UTF-8)
///   DF 23 <n> address  (UTF-8)
///   DF 24 08  birth date YYYYMMDD
///   DF 25 01  sex (JIS X 0303 digit)
/// (then filler 00/FF)
/// ```
///
/// The offset table is checked against the positions where the fields actually are.
pub fn parse_basic4(file: &[u8]) -> Result<Basic4, CardError> {
    let tlv_err = |e| CardError::tlv(BASIC4_STRUCT, e);
    let outer = Reader::new(file)
        .read_ber_tagged(Tag(0xFF20), BASIC4_STRUCT)
        .map_err(tlv_err)?;
    let mut inner = outer.children();
    let table = inner
        .read_ber_tagged(Tag(0xDF21), BASIC4_STRUCT)
        .map_err(tlv_err)?;
    if table.value.len() != 8 {
        return Err(CardError::malformed(
            BASIC4_STRUCT,
            "the DF21 offset table is not 8 bytes",
        ));
    }
    let mut fields = [None; 4];
    for (i, tag) in [0xDF22, 0xDF23, 0xDF24, 0xDF25].into_iter().enumerate() {
        let field = inner
            .read_ber_tagged(Tag(tag), BASIC4_STRUCT)
            .map_err(tlv_err)?;
        let listed = table
            .value
            .get(2 * i..2 * i + 2)
            .and_then(|b| <[u8; 2]>::try_from(b).ok())
            .map(|b| usize::from(u16::from_be_bytes(b)));
        if listed != Some(field.position) {
            return Err(CardError::malformed(
                BASIC4_STRUCT,
                format!(
                    "offset table entry {} says {} but DF{:02X} starts at byte {}",
                    i + 1,
                    listed.unwrap_or(0),
                    tag & 0xFF,
                    field.position
                ),
            ));
        }
        if let Some(slot) = fields.get_mut(i) {
            *slot = Some(field);
        }
    }
    inner.finish(BASIC4_STRUCT).map_err(tlv_err)?;
    let [Some(name), Some(address), Some(birth), Some(sex)] = fields else {
        return Err(CardError::malformed(BASIC4_STRUCT, "a field is missing"));
    };
    let text = |tlv: BerTlv<'_>, what: &str| {
        String::from_utf8(tlv.value.to_vec())
            .map_err(|_| CardError::malformed(BASIC4_STRUCT, format!("the {what} is not UTF-8")))
    };
    let birth_date = Date::parse_yyyymmdd(birth.value).ok_or_else(|| {
        CardError::malformed(BASIC4_STRUCT, "the birth date is not a valid YYYYMMDD date")
    })?;
    let sex = match sex.value {
        [code] => Sex::from_code(*code),
        _ => None,
    }
    .ok_or_else(|| CardError::malformed(BASIC4_STRUCT, "the sex is not one JIS X 0303 digit"))?;
    let content = file
        .get(name.position..outer.value_position() + outer.value.len())
        .unwrap_or(&[]);
    Ok(Basic4 {
        name: text(name, "name")?,
        address: text(address, "address")?,
        birth_date,
        sex,
        content_digest: Sha256::digest(content).into(),
    })
}

/// 券面AP EF 0002, the card face (mynacard.md §9.3).
///
/// ```text
/// FF 20 <len>
///   DF 21  offset table          DF 26  address image (PNG)
///   DF 22  birth date YYYYMMDD   DF 27  face photo (JPEG 2000)
///   DF 23  sex                   DF 28  signature
///   DF 24  card public key       DF 29  expiry date YYYYMMDD (not signed)
///   DF 25  name image (PNG)      DF 2A  security-code image (PNG, not signed)
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CardFace {
    /// Birth date.
    pub birth_date: Date,
    /// Sex.
    pub sex: Sex,
    /// `90 03 01 00 01 91 82 01 00 <modulus>` (mynacard.md §9.5).
    pub public_key: Vec<u8>,
    /// Name image (PNG).
    pub name_image: Vec<u8>,
    /// Address image (PNG).
    pub address_image: Vec<u8>,
    /// Face photo (JPEG 2000 in a JP2 container).
    pub photo: Vec<u8>,
    /// Issuer signature over the three segment digests.
    pub signature: Vec<u8>,
    /// Card expiry date.
    pub expiry_date: Date,
    /// Security-code image (PNG).
    pub security_code_image: Vec<u8>,
}

impl fmt::Debug for CardFace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardFace(photo: {} bytes, ..)", self.photo.len())
    }
}

const CARD_FACE_STRUCT: &str = "card face (券面AP EF 0002)";

/// Parses 券面AP EF 0002 (mynacard.md §9.3); fields must come in the order of the layout.
pub fn parse_card_face(file: &[u8]) -> Result<CardFace, CardError> {
    let tlv_err = |e| CardError::tlv(CARD_FACE_STRUCT, e);
    let outer = Reader::new(file)
        .read_ber_tagged(Tag(0xFF20), CARD_FACE_STRUCT)
        .map_err(tlv_err)?;
    let mut inner = outer.children();
    let mut next = |tag: u32| {
        inner
            .read_ber_tagged(Tag(tag), CARD_FACE_STRUCT)
            .map(|t| t.value)
            .map_err(tlv_err)
    };
    let _table = next(0xDF21)?;
    let birth = next(0xDF22)?;
    let sex = next(0xDF23)?;
    let public_key = next(0xDF24)?.to_vec();
    let name_image = next(0xDF25)?.to_vec();
    let address_image = next(0xDF26)?.to_vec();
    let photo = next(0xDF27)?.to_vec();
    let signature = next(0xDF28)?.to_vec();
    let expiry = next(0xDF29)?;
    let security_code_image = next(0xDF2A)?.to_vec();
    let date = |bytes, what: &str| {
        Date::parse_yyyymmdd(bytes).ok_or_else(|| {
            CardError::malformed(
                CARD_FACE_STRUCT,
                format!("the {what} is not a valid YYYYMMDD date"),
            )
        })
    };
    Ok(CardFace {
        birth_date: date(birth, "birth date")?,
        sex: match sex {
            [code] => Sex::from_code(*code),
            _ => None,
        }
        .ok_or_else(|| {
            CardError::malformed(CARD_FACE_STRUCT, "the sex is not one JIS X 0303 digit")
        })?,
        public_key,
        name_image,
        address_image,
        photo,
        signature,
        expiry_date: date(expiry, "expiry date")?,
        security_code_image,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use apdu::tlv::encode_ber;

    /// Builds a 基本4情報 file the way the card lays it out, with a correct offset table.
    pub(crate) fn basic4_file(name: &str, address: &str, birth: &str, sex: u8) -> Vec<u8> {
        let mut fields = Vec::new();
        let mut lens = Vec::new();
        for (tag, value) in [
            (0xDF22, name.as_bytes()),
            (0xDF23, address.as_bytes()),
            (0xDF24, birth.as_bytes()),
            (0xDF25, &[sex][..]),
        ] {
            let start = fields.len();
            encode_ber(Tag(tag), value, &mut fields);
            lens.push(fields.len() - start);
        }
        let inner_len = 11 + fields.len();
        let outer_header = if inner_len < 0x80 {
            3
        } else if inner_len <= 0xFF {
            4
        } else {
            5
        };
        let mut offsets = Vec::new();
        let mut at = outer_header + 11;
        for len in lens {
            offsets.extend_from_slice(&(at as u16).to_be_bytes());
            at += len;
        }
        let mut inner = Vec::new();
        encode_ber(Tag(0xDF21), &offsets, &mut inner);
        inner.extend_from_slice(&fields);
        let mut file = Vec::new();
        encode_ber(Tag(0xFF20), &inner, &mut file);
        assert_eq!(file.len(), outer_header + inner_len);
        file.extend_from_slice(&[0xFF; 16]);
        file
    }

    #[test]
    fn parses_short_basic4_with_spec_offsets() {
        let file = basic4_file(
            "山田\u{3000}花子",
            "東京都千代田区霞が関１－２－３",
            "19800217",
            b'2',
        );
        // The spec's real example has DF22 at offset 0x0E, as here (3-byte outer header).
        assert_eq!(&file[3..8], &[0xDF, 0x21, 0x08, 0x00, 0x0E]);
        let b = parse_basic4(&file).unwrap();
        assert_eq!(b.name, "山田\u{3000}花子");
        assert_eq!(b.address, "東京都千代田区霞が関１－２－３");
        assert_eq!(
            b.birth_date,
            Date {
                year: 1980,
                month: 2,
                day: 17
            }
        );
        assert_eq!(b.sex, Sex::Female);
    }

    #[test]
    fn parses_a_300_byte_basic4_with_82_length() {
        let address = "北海道札幌市中央区北一条西二丁目１２３４番地５６７８　".repeat(3);
        let file = basic4_file("髙橋\u{3000}𠮷太郎", &address, "20010101", b'1');
        assert_eq!(&file[..3], &[0xFF, 0x20, 0x82]);
        let b = parse_basic4(&file).unwrap();
        assert_eq!(b.address, address);
        assert_eq!(b.name, "髙橋\u{3000}𠮷太郎");
        assert_eq!(b.sex, Sex::Male);
    }

    #[test]
    fn rejects_an_offset_table_that_disagrees() {
        let mut file = basic4_file("A", "B", "19800217", b'1');
        file[7] += 1; // first offset
        let err = parse_basic4(&file).unwrap_err();
        assert_eq!(
            err,
            CardError::Malformed {
                structure: BASIC4_STRUCT,
                detail: "offset table entry 1 says 15 but DF22 starts at byte 14".into()
            }
        );
    }

    #[test]
    fn rejects_truncated_basic4_naming_the_structure() {
        let file = basic4_file("山田\u{3000}花子", "東京都", "19800217", b'2');
        let err = parse_basic4(&file[..20]).unwrap_err();
        assert!(matches!(
            err,
            CardError::Malformed {
                structure: BASIC4_STRUCT,
                ..
            }
        ));
    }

    #[test]
    fn rejects_invalid_birth_date_and_sex() {
        assert!(parse_basic4(&basic4_file("A", "B", "19800230", b'1')).is_err());
        assert!(parse_basic4(&basic4_file("A", "B", "19800217", b'3')).is_err());
    }

    #[test]
    fn parses_my_number_file_with_filler() {
        let mut file = vec![0xFF, 0x10, 0x0C];
        file.extend_from_slice(b"123456789018");
        file.extend_from_slice(&[0xFF, 0xFF]);
        assert_eq!(parse_my_number(&file).unwrap().as_str(), "123456789018");
        assert_eq!(
            format!("{:?}", parse_my_number(&file).unwrap()),
            "MyNumber(********9018)"
        );
        file[5] = b'X';
        assert!(parse_my_number(&file).is_err());
    }

    #[test]
    fn parses_the_integrity_record() {
        let mut inner = Vec::new();
        encode_ber(Tag(0xDF31), &[0x11; 32], &mut inner);
        encode_ber(Tag(0xDF32), &[0x22; 32], &mut inner);
        encode_ber(Tag(0xDF33), &[0x33; 256], &mut inner);
        let mut file = Vec::new();
        encode_ber(Tag(0xFF30), &inner, &mut file);
        assert_eq!(&file[..5], &[0xFF, 0x30, 0x82, 0x01, 0x4B]);
        assert_eq!(file.len(), 336);
        let rec = parse_integrity_record(&file).unwrap();
        assert_eq!(rec.my_number_digest, [0x11; 32]);
        assert_eq!(rec.basic4_digest, [0x22; 32]);
        assert_eq!(rec.signature.len(), 256);
        assert_eq!(rec.signed_bytes, inner[..70].to_vec());
    }

    #[test]
    fn dates_validate_days() {
        assert_eq!(
            Date::parse_yyyymmdd(b"20240229"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse_yyyymmdd(b"20230229"), None);
        assert_eq!(Date::parse_yyyymmdd(b"2023022"), None);
        assert_eq!(Date::parse_yyyymmdd(b"2023-2-1"), None);
        assert_eq!(
            Date {
                year: 1980,
                month: 2,
                day: 17
            }
            .to_string(),
            "1980-02-17"
        );
    }
}
