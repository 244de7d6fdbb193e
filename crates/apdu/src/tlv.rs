//! A shrinking byte cursor, BER-TLV (transparent EFs) and simple-TLV (record EFs).
//!
//! mynacard.md §3.4: "Record EFs hold **simple TLV** … Transparent EFs hold **BER-TLV**. Do not
//! parse one with the other's reader."
//!
//! BER-TLV (ISO/IEC 7816-4 §5.2.2, ISO/IEC 8825-1 §8.1) as this card uses it (mynacard.md §9):
//!
//! ```text
//! tag    | b1: class(2 bits) constructed(1 bit) number(5 bits)
//!        | number 1F in b1: more tag bytes follow; each with bit 8 set has another after it
//!        |   DF 21 = private, primitive, number 0x21      FF 20 = private, constructed, 0x20
//!        |   7F 21 = application, constructed, 0x21      5F 4E = application, primitive, 0x4E
//! length | 00..7F          the length itself
//!        | 81 xx           1 byte  (0..255)
//!        | 82 xx xx        2 bytes (0..65 535)
//!        | 83 xx xx xx     3 bytes
//!        | 80 (indefinite) and 84.. are refused
//! value  | length bytes; for a constructed tag, more TLVs
//! ```
//!
//! Simple-TLV (ISO/IEC 7816-4 §5.2.1):
//!
//! ```text
//! tag    | 1 byte, 01..FE (00 and FF are invalid)
//! length | 00..FE, or FF xx xx (2-byte length)
//! value  | length bytes
//! ```
//!
//! [`Reader`] follows rustls's codec reader: it only ever shrinks, a child reader made by
//! [`Reader::sub`] covers exactly a length-delimited field, so a bad inner length can never read
//! past its parent, and every error carries the absolute byte position where it happened.

use alloc::vec::Vec;
use core::fmt;

/// What went wrong while reading TLV (or other length-prefixed) bytes, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TlvError {
    /// The structure needs more bytes than are left in its parent.
    #[error("{what} at byte {position} needs {needed} bytes but only {available} remain")]
    Truncated {
        /// The structure being read.
        what: &'static str,
        /// Absolute byte position where it starts.
        position: usize,
        /// Bytes needed.
        needed: usize,
        /// Bytes left.
        available: usize,
    },
    /// A BER length byte that this reader refuses (indefinite `80`, or more than 3 length bytes).
    #[error("unsupported BER length byte {byte:#04X} at byte {position}")]
    UnsupportedLength {
        /// Absolute position of the length byte.
        position: usize,
        /// The byte.
        byte: u8,
    },
    /// A BER tag longer than 3 bytes.
    #[error("BER tag at byte {position} is longer than 3 bytes")]
    TagTooLong {
        /// Absolute position of the tag.
        position: usize,
    },
    /// A simple-TLV tag of `00` or `FF`.
    #[error("invalid simple-TLV tag {byte:#04X} at byte {position}")]
    InvalidSimpleTag {
        /// Absolute position of the tag.
        position: usize,
        /// The byte.
        byte: u8,
    },
    /// A different tag than the layout requires.
    #[error("{what}: expected tag {expected} at byte {position}, found {found}")]
    UnexpectedTag {
        /// The structure being read.
        what: &'static str,
        /// The tag the layout requires.
        expected: Tag,
        /// The tag found.
        found: Tag,
        /// Absolute position of the tag.
        position: usize,
    },
    /// Bytes left over where the structure should have ended.
    #[error("{what}: {count} unexpected bytes left at byte {position}")]
    TrailingBytes {
        /// The structure being read.
        what: &'static str,
        /// Number of bytes left over.
        count: usize,
        /// Absolute position of the first one.
        position: usize,
    },
}

/// A BER-TLV tag: its 1 to 3 bytes as a big-endian number (`DF21` is `Tag(0xDF21)`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub u32);

impl Tag {
    /// Number of bytes the tag takes on the wire.
    pub const fn len(self) -> usize {
        if self.0 <= 0xFF {
            1
        } else if self.0 <= 0xFFFF {
            2
        } else if self.0 <= 0xFF_FFFF {
            3
        } else {
            4
        }
    }

    /// Never true: a tag takes at least one byte. (Present for API symmetry with `len`.)
    pub const fn is_empty(self) -> bool {
        false
    }

    /// The first tag byte.
    pub const fn first_byte(self) -> u8 {
        let shift = (self.len() - 1) * 8;
        (self.0 >> shift) as u8
    }

    /// Bit 6 of the first byte: the value holds more TLVs.
    pub const fn is_constructed(self) -> bool {
        self.first_byte() & 0x20 != 0
    }

    /// Appends the tag bytes.
    pub fn encode(self, out: &mut Vec<u8>) {
        let bytes = self.0.to_be_bytes();
        let start = 4 - self.len();
        out.extend_from_slice(bytes.get(start..).unwrap_or(&bytes));
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({self})")
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.len() {
            1 => write!(f, "{:02X}", self.0),
            2 => write!(f, "{:04X}", self.0),
            _ => write!(f, "{:06X}", self.0),
        }
    }
}

/// One BER-TLV object borrowed from its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BerTlv<'a> {
    /// The tag.
    pub tag: Tag,
    /// The value bytes.
    pub value: &'a [u8],
    /// Absolute position of the tag's first byte.
    pub position: usize,
    /// Number of tag and length bytes before the value.
    pub header_len: usize,
}

impl<'a> BerTlv<'a> {
    /// Absolute position of the first value byte.
    pub fn value_position(&self) -> usize {
        self.position + self.header_len
    }

    /// Total bytes of the object (header and value).
    pub fn total_len(&self) -> usize {
        self.header_len + self.value.len()
    }

    /// A reader over the value, for the TLVs inside a constructed object.
    pub fn children(&self) -> Reader<'a> {
        Reader {
            buf: self.value,
            base: self.value_position(),
        }
    }

    /// Checks the tag, naming the structure in the error.
    pub fn expect_tag(self, expected: Tag, what: &'static str) -> Result<Self, TlvError> {
        if self.tag == expected {
            Ok(self)
        } else {
            Err(TlvError::UnexpectedTag {
                what,
                expected,
                found: self.tag,
                position: self.position,
            })
        }
    }
}

/// One simple-TLV object borrowed from its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimpleTlv<'a> {
    /// The tag (01..FE).
    pub tag: u8,
    /// The value bytes.
    pub value: &'a [u8],
    /// Absolute position of the tag byte.
    pub position: usize,
}

/// A cursor over borrowed bytes that only shrinks.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    /// Absolute position of `buf[0]` in the outermost input.
    base: usize,
}

impl<'a> Reader<'a> {
    /// A reader over the whole input (positions count from its first byte).
    pub const fn new(buf: &'a [u8]) -> Self {
        Self { buf, base: 0 }
    }

    /// Absolute position of the next byte.
    pub const fn position(&self) -> usize {
        self.base
    }

    /// Bytes left.
    pub const fn remaining(&self) -> usize {
        self.buf.len()
    }

    /// Whether any bytes are left.
    pub const fn any_left(&self) -> bool {
        !self.buf.is_empty()
    }

    /// Whether everything left is filler (`00` or `FF`), or nothing is left.
    pub fn only_filler_left(&self) -> bool {
        self.buf.iter().all(|&b| b == 0x00 || b == 0xFF)
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], TlvError> {
        match self.buf.split_at_checked(n) {
            Some((head, tail)) => {
                self.buf = tail;
                self.base += n;
                Ok(head)
            }
            None => Err(TlvError::Truncated {
                what,
                position: self.base,
                needed: n,
                available: self.buf.len(),
            }),
        }
    }

    /// The next byte.
    pub fn take_u8(&mut self, what: &'static str) -> Result<u8, TlvError> {
        match self.take(1, what)? {
            [b] => Ok(*b),
            _ => Err(TlvError::Truncated {
                what,
                position: self.base,
                needed: 1,
                available: 0,
            }),
        }
    }

    /// The next two bytes as a big-endian number.
    pub fn take_u16(&mut self, what: &'static str) -> Result<u16, TlvError> {
        match self.take(2, what)? {
            [hi, lo] => Ok(u16::from_be_bytes([*hi, *lo])),
            _ => Err(TlvError::Truncated {
                what,
                position: self.base,
                needed: 2,
                available: 0,
            }),
        }
    }

    /// Everything left.
    pub fn rest(&mut self) -> &'a [u8] {
        let rest = self.buf;
        self.base += rest.len();
        self.buf = &[];
        rest
    }

    /// A child reader over the next `len` bytes; this reader skips them.
    pub fn sub(&mut self, len: usize, what: &'static str) -> Result<Reader<'a>, TlvError> {
        let base = self.base;
        let buf = self.take(len, what)?;
        Ok(Reader { buf, base })
    }

    /// Fails if bytes are left.
    pub fn finish(&self, what: &'static str) -> Result<(), TlvError> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(TlvError::TrailingBytes {
                what,
                count: self.buf.len(),
                position: self.base,
            })
        }
    }

    fn read_ber_header(&mut self) -> Result<(Tag, usize, usize), TlvError> {
        let start = self.base;
        let first = self.take_u8("BER tag")?;
        let mut tag = u32::from(first);
        if first & 0x1F == 0x1F {
            let mut count = 1;
            loop {
                let b = self.take_u8("BER tag")?;
                count += 1;
                if count > 3 {
                    return Err(TlvError::TagTooLong { position: start });
                }
                tag = (tag << 8) | u32::from(b);
                if b & 0x80 == 0 {
                    break;
                }
            }
        }
        let len_pos = self.base;
        let first_len = self.take_u8("BER length")?;
        let len = match first_len {
            0x00..=0x7F => usize::from(first_len),
            0x81 => usize::from(self.take_u8("BER length")?),
            0x82 => usize::from(self.take_u16("BER length")?),
            0x83 => {
                let hi = usize::from(self.take_u8("BER length")?);
                (hi << 16) | usize::from(self.take_u16("BER length")?)
            }
            byte => {
                return Err(TlvError::UnsupportedLength {
                    position: len_pos,
                    byte,
                })
            }
        };
        Ok((Tag(tag), len, self.base - start))
    }

    /// Reads one BER-TLV object.
    pub fn read_ber(&mut self) -> Result<BerTlv<'a>, TlvError> {
        let position = self.base;
        let (tag, len, header_len) = self.read_ber_header()?;
        let value = self.take(len, "BER value")?;
        Ok(BerTlv {
            tag,
            value,
            position,
            header_len,
        })
    }

    /// Reads one BER-TLV object and checks its tag.
    pub fn read_ber_tagged(
        &mut self,
        expected: Tag,
        what: &'static str,
    ) -> Result<BerTlv<'a>, TlvError> {
        let position = self.base;
        let (tag, len, header_len) = self.read_ber_header()?;
        if tag != expected {
            return Err(TlvError::UnexpectedTag {
                what,
                expected,
                found: tag,
                position,
            });
        }
        let value = self.take(len, what)?;
        Ok(BerTlv {
            tag,
            value,
            position,
            header_len,
        })
    }

    /// Reads the next BER-TLV object, or `None` when nothing but filler (`00`/`FF`) is left.
    pub fn next_ber(&mut self) -> Result<Option<BerTlv<'a>>, TlvError> {
        if self.only_filler_left() {
            Ok(None)
        } else {
            self.read_ber().map(Some)
        }
    }

    /// Reads one simple-TLV object.
    pub fn read_simple(&mut self) -> Result<SimpleTlv<'a>, TlvError> {
        let position = self.base;
        let tag = self.take_u8("simple-TLV tag")?;
        if tag == 0x00 || tag == 0xFF {
            return Err(TlvError::InvalidSimpleTag {
                position,
                byte: tag,
            });
        }
        let len = match self.take_u8("simple-TLV length")? {
            0xFF => usize::from(self.take_u16("simple-TLV length")?),
            n => usize::from(n),
        };
        let value = self.take(len, "simple-TLV value")?;
        Ok(SimpleTlv {
            tag,
            value,
            position,
        })
    }
}

/// The total size (header and value) of the BER-TLV object at the start of `bytes`, read from
/// its header alone: for a certificate EF whose first chunk says `30 82 HH LL`, that is
/// `4 + 0xHHLL` (mynacard.md §3.1 "Certificate EF size"). The value need not be present.
pub fn ber_total_len(bytes: &[u8]) -> Result<usize, TlvError> {
    let mut reader = Reader::new(bytes);
    let (_, len, header_len) = reader.read_ber_header()?;
    Ok(header_len + len)
}

/// Appends a BER length in the shortest form.
pub fn encode_ber_len(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else if len <= 0xFF {
        out.extend_from_slice(&[0x81, len as u8]);
    } else if len <= 0xFFFF {
        out.push(0x82);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        let bytes = (len as u32).to_be_bytes();
        out.push(0x83);
        out.extend_from_slice(bytes.get(1..).unwrap_or(&bytes));
    }
}

/// Appends one BER-TLV object with the shortest length form. Values longer than 2^24 − 1 bytes
/// cannot be expressed with the lengths this module reads; callers never build such objects.
pub fn encode_ber(tag: Tag, value: &[u8], out: &mut Vec<u8>) {
    tag.encode(out);
    encode_ber_len(value.len(), out);
    out.extend_from_slice(value);
}

/// Appends one simple-TLV object (1-byte length below 255, else `FF` + 2 bytes).
/// The value must be at most 65 535 bytes; longer values are cut there.
pub fn encode_simple(tag: u8, value: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    let value = value.get(..0xFFFF).unwrap_or(value);
    if value.len() < 0xFF {
        out.push(value.len() as u8);
    } else {
        out.push(0xFF);
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
    }
    out.extend_from_slice(value);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn reads_the_spec_basic4_header() {
        // mynacard.md §9.1 real example header, with the rest of the object supplied.
        let mut bytes = vec![
            0xFF, 0x20, 0x0C, 0xDF, 0x21, 0x08, 0x00, 0x0E, 0x00, 0x20, 0x00, 0x59, 0x00, 0x64,
        ];
        bytes.extend_from_slice(&[0xFF, 0xFF]);
        let mut r = Reader::new(&bytes);
        let outer = r.read_ber().unwrap();
        assert_eq!(outer.tag, Tag(0xFF20));
        assert!(outer.tag.is_constructed());
        assert_eq!(outer.header_len, 3);
        let mut inner = outer.children();
        let table = inner.read_ber_tagged(Tag(0xDF21), "offset table").unwrap();
        assert_eq!(
            table.value,
            &[0x00, 0x0E, 0x00, 0x20, 0x00, 0x59, 0x00, 0x64]
        );
        assert_eq!(table.position, 3);
        assert_eq!(table.value_position(), 6);
        assert!(!table.tag.is_constructed());
        assert!(r.next_ber().unwrap().is_none());
    }

    #[test]
    fn reads_long_lengths() {
        let mut bytes = vec![0xFF, 0x20, 0x81, 0x80];
        bytes.extend_from_slice(&[0xAA; 0x80]);
        let t = Reader::new(&bytes).read_ber().unwrap();
        assert_eq!((t.value.len(), t.header_len), (0x80, 4));

        let mut bytes = vec![0xFF, 0x30, 0x82, 0x01, 0x4B];
        bytes.extend_from_slice(&[0x11; 0x14B]);
        let t = Reader::new(&bytes).read_ber().unwrap();
        assert_eq!((t.value.len(), t.header_len), (0x14B, 5));

        let mut bytes = vec![0x04, 0x83, 0x01, 0x00, 0x00];
        bytes.extend_from_slice(&[0x22; 0x10000]);
        let t = Reader::new(&bytes).read_ber().unwrap();
        assert_eq!((t.value.len(), t.header_len), (0x10000, 5));
    }

    #[test]
    fn ber_total_len_from_certificate_header() {
        assert_eq!(
            ber_total_len(&[0x30, 0x82, 0x05, 0x27, 0x30]).unwrap(),
            4 + 0x527
        );
        assert_eq!(ber_total_len(&[0x30, 0x81, 0x90]).unwrap(), 3 + 0x90);
    }

    #[test]
    fn rejects_indefinite_and_four_byte_lengths() {
        assert_eq!(
            Reader::new(&[0x30, 0x80, 0x00, 0x00]).read_ber(),
            Err(TlvError::UnsupportedLength {
                position: 1,
                byte: 0x80
            })
        );
        assert_eq!(
            Reader::new(&[0x30, 0x84, 0, 0, 0, 1, 0]).read_ber(),
            Err(TlvError::UnsupportedLength {
                position: 1,
                byte: 0x84
            })
        );
    }

    #[test]
    fn rejects_value_longer_than_parent() {
        // Inner DF22 claims 5 bytes but its parent holds only 3 after the header.
        let bytes = [0xFF, 0x20, 0x05, 0xDF, 0x22, 0x05, 0x41, 0x42, 0x43, 0x44];
        let outer = Reader::new(&bytes).read_ber().unwrap();
        assert_eq!(
            outer.children().read_ber(),
            Err(TlvError::Truncated {
                what: "BER value",
                position: 6,
                needed: 5,
                available: 2
            })
        );
    }

    #[test]
    fn rejects_overlong_tag() {
        assert_eq!(
            Reader::new(&[0xDF, 0x81, 0x82, 0x03, 0x00]).read_ber(),
            Err(TlvError::TagTooLong { position: 0 })
        );
    }

    #[test]
    fn rejects_wrong_tag_naming_the_structure() {
        let err = Reader::new(&[0xDF, 0x22, 0x00])
            .read_ber_tagged(Tag(0xDF21), "offset table")
            .unwrap_err();
        assert_eq!(
            err,
            TlvError::UnexpectedTag {
                what: "offset table",
                expected: Tag(0xDF21),
                found: Tag(0xDF22),
                position: 0
            }
        );
        assert_eq!(
            alloc::format!("{err}"),
            "offset table: expected tag DF21 at byte 0, found DF22"
        );
    }

    #[test]
    fn encodes_shortest_lengths() {
        let mut out = Vec::new();
        encode_ber(Tag(0xDF21), &[1, 2], &mut out);
        assert_eq!(out, [0xDF, 0x21, 0x02, 1, 2]);
        let mut out = Vec::new();
        encode_ber_len(0x80, &mut out);
        encode_ber_len(0x100, &mut out);
        encode_ber_len(0x10000, &mut out);
        assert_eq!(out, [0x81, 0x80, 0x82, 0x01, 0x00, 0x83, 0x01, 0x00, 0x00]);
        let mut out = Vec::new();
        Tag(0x7F21).encode(&mut out);
        Tag(0x30).encode(&mut out);
        Tag(0xDF8101).encode(&mut out);
        assert_eq!(out, [0x7F, 0x21, 0x30, 0xDF, 0x81, 0x01]);
    }

    #[test]
    fn reads_simple_tlv_record() {
        // mynacard.md §3.4: 共通カードAP EF 0001 record 1 = 01 1C + 28 ASCII digits.
        let mut bytes = vec![0x01, 0x1C];
        bytes.extend_from_slice(b"1234567890123451310120351231");
        let t = Reader::new(&bytes).read_simple().unwrap();
        assert_eq!((t.tag, t.value.len()), (0x01, 28));
        let mut out = Vec::new();
        encode_simple(0x01, t.value, &mut out);
        assert_eq!(out, bytes);
    }

    #[test]
    fn reads_simple_tlv_three_byte_length() {
        let mut bytes = vec![0x02, 0xFF, 0x01, 0x00];
        bytes.extend_from_slice(&[0x33; 256]);
        let t = Reader::new(&bytes).read_simple().unwrap();
        assert_eq!(t.value.len(), 256);
        let mut out = Vec::new();
        encode_simple(0x02, t.value, &mut out);
        assert_eq!(out, bytes);
    }

    #[test]
    fn rejects_simple_tlv_tags_00_and_ff() {
        assert_eq!(
            Reader::new(&[0x00, 0x00]).read_simple(),
            Err(TlvError::InvalidSimpleTag {
                position: 0,
                byte: 0
            })
        );
        assert_eq!(
            Reader::new(&[0xFF, 0x00]).read_simple(),
            Err(TlvError::InvalidSimpleTag {
                position: 0,
                byte: 0xFF
            })
        );
    }

    #[test]
    fn sub_reader_cannot_pass_its_parent() {
        let mut r = Reader::new(&[1, 2, 3, 4, 5]);
        let _ = r.take_u8("first").unwrap();
        let mut child = r.sub(2, "child").unwrap();
        assert_eq!(child.position(), 1);
        assert_eq!(
            child.take(3, "field"),
            Err(TlvError::Truncated {
                what: "field",
                position: 1,
                needed: 3,
                available: 2
            })
        );
        assert_eq!(child.take(2, "field").unwrap(), &[2, 3]);
        assert!(child.finish("child").is_ok());
        assert_eq!(r.rest(), &[4, 5]);
        assert_eq!(r.finish("all"), Ok(()));
    }
}
