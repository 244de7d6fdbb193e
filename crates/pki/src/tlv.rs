//! A minimal, allocation-free DER TLV walker (ITU-T X.690 §8.1, §10.1) for the parts of this
//! crate that must not build a tree: the streaming CRL reader and raw-byte extraction
//! (`tbsCertificate` as signed).
//!
//! ```text
//! +-----------+------------------------------+-----------------+
//! | tag (1 B) | length (1 B, or 0x8N + N B)  | value (length B)|
//! +-----------+------------------------------+-----------------+
//! ```
//! Only low tag numbers (< 31), definite lengths in minimal form and lengths up to 4 bytes are
//! accepted, which is all DER allows for the structures read here.

/// A DER structure the walker could not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TlvError {
    /// The input ended inside `structure`.
    #[error("{structure}: truncated at byte {offset}")]
    Truncated {
        /// What was being read.
        structure: &'static str,
        /// Byte offset within the whole input.
        offset: usize,
    },
    /// The length is indefinite, not minimal, or too large.
    #[error("{structure}: length not in DER form at byte {offset}")]
    BadLength {
        /// What was being read.
        structure: &'static str,
        /// Byte offset within the whole input.
        offset: usize,
    },
    /// A different tag was found than the structure requires.
    #[error("{structure}: expected tag {expected:#04x}, found {found:#04x} at byte {offset}")]
    UnexpectedTag {
        /// What was being read.
        structure: &'static str,
        /// The tag DER requires here.
        expected: u8,
        /// The tag found.
        found: u8,
        /// Byte offset within the whole input.
        offset: usize,
    },
    /// Bytes remain after the structure ended.
    #[error("{structure}: {count} trailing bytes at byte {offset}")]
    TrailingData {
        /// What was being read.
        structure: &'static str,
        /// Number of bytes left over.
        count: usize,
        /// Byte offset within the whole input.
        offset: usize,
    },
    /// A multi-byte (high) tag number, which no structure read here uses.
    #[error("{structure}: high tag number at byte {offset}")]
    HighTag {
        /// What was being read.
        structure: &'static str,
        /// Byte offset within the whole input.
        offset: usize,
    },
}

/// One TLV: its tag, its value bytes and the whole encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The identifier octet.
    pub tag: u8,
    /// The content octets.
    pub value: &'a [u8],
    /// Tag, length and content octets.
    pub raw: &'a [u8],
    /// Offset of `raw` within the whole input.
    pub offset: usize,
    /// Offset of `value` within the whole input.
    pub value_offset: usize,
}

impl<'a> Tlv<'a> {
    /// A reader over this TLV's content octets.
    pub fn contents(&self) -> TlvReader<'a> {
        TlvReader {
            rest: self.value,
            offset: self.value_offset,
        }
    }
}

/// A reader that only shrinks: it hands out TLVs from the front of a borrowed slice.
#[derive(Debug, Clone)]
pub struct TlvReader<'a> {
    rest: &'a [u8],
    offset: usize,
}

impl<'a> TlvReader<'a> {
    /// Starts reading `input` (offsets are counted from its first byte).
    pub fn new(input: &'a [u8]) -> Self {
        Self {
            rest: input,
            offset: 0,
        }
    }

    /// True when nothing is left.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next TLV, if any.
    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Reads the next TLV, whatever its tag.
    pub fn any(&mut self, structure: &'static str) -> Result<Tlv<'a>, TlvError> {
        let start = self.offset;
        let truncated = TlvError::Truncated {
            structure,
            offset: start,
        };
        let (&tag, after_tag) = self.rest.split_first().ok_or(truncated)?;
        if tag & 0x1f == 0x1f {
            return Err(TlvError::HighTag {
                structure,
                offset: start,
            });
        }
        let (&first, after_len0) = after_tag.split_first().ok_or(truncated)?;
        let bad_length = TlvError::BadLength {
            structure,
            offset: start + 1,
        };
        let (len, header_len, body) = if first < 0x80 {
            (usize::from(first), 2, after_len0)
        } else {
            let n = usize::from(first & 0x7f);
            if n == 0 || n > 4 {
                return Err(bad_length);
            }
            let len_bytes = after_len0.get(..n).ok_or(truncated)?;
            if len_bytes.first() == Some(&0) {
                return Err(bad_length);
            }
            let len = len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            if len < 0x80 {
                return Err(bad_length);
            }
            (len, 2 + n, after_len0.get(n..).ok_or(truncated)?)
        };
        let value = body.get(..len).ok_or(truncated)?;
        let total = header_len + len;
        let raw = self.rest.get(..total).ok_or(truncated)?;
        self.rest = self.rest.get(total..).ok_or(truncated)?;
        self.offset = start + total;
        Ok(Tlv {
            tag,
            value,
            raw,
            offset: start,
            value_offset: start + header_len,
        })
    }

    /// Reads the next TLV and requires `tag`.
    pub fn expect(&mut self, tag: u8, structure: &'static str) -> Result<Tlv<'a>, TlvError> {
        match self.peek_tag() {
            Some(found) if found != tag => Err(TlvError::UnexpectedTag {
                structure,
                expected: tag,
                found,
                offset: self.offset,
            }),
            _ => self.any(structure),
        }
    }

    /// Reads the next TLV only if it has `tag`.
    pub fn optional(
        &mut self,
        tag: u8,
        structure: &'static str,
    ) -> Result<Option<Tlv<'a>>, TlvError> {
        if self.peek_tag() == Some(tag) {
            self.any(structure).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Fails unless everything has been read.
    pub fn finish(&self, structure: &'static str) -> Result<(), TlvError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(TlvError::TrailingData {
                structure,
                count: self.rest.len(),
                offset: self.offset,
            })
        }
    }
}

/// DER tags used in this crate (X.690 §8; RFC 5280 context tags).
pub mod tag {
    /// BOOLEAN.
    pub const BOOLEAN: u8 = 0x01;
    /// INTEGER.
    pub const INTEGER: u8 = 0x02;
    /// BIT STRING.
    pub const BIT_STRING: u8 = 0x03;
    /// OCTET STRING.
    pub const OCTET_STRING: u8 = 0x04;
    /// OBJECT IDENTIFIER.
    pub const OID: u8 = 0x06;
    /// ENUMERATED.
    pub const ENUMERATED: u8 = 0x0a;
    /// UTCTime.
    pub const UTC_TIME: u8 = 0x17;
    /// GeneralizedTime.
    pub const GENERALIZED_TIME: u8 = 0x18;
    /// SEQUENCE (constructed).
    pub const SEQUENCE: u8 = 0x30;
    /// SET (constructed).
    pub const SET: u8 = 0x31;
    /// `[0]` constructed (EXPLICIT).
    pub const CONTEXT_0: u8 = 0xa0;
}
