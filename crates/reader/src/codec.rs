//! A cursor that only shrinks, and the one decode error every byte parser in this crate returns.
//!
//! Every parser reads through [`Cursor`]: it hands out pieces, never indexes, and
//! [`Cursor::finish`] makes trailing bytes an error, so nothing from a card, reader or file can
//! make a parser panic or silently ignore input.

use alloc::vec::Vec;

/// Bytes that do not form the structure they were read as.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ended before the structure did.
    #[error("{what}: truncated (needed {needed} more bytes at offset {at})")]
    Truncated {
        /// The structure being read.
        what: &'static str,
        /// Offset at which more bytes were needed.
        at: usize,
        /// How many more bytes were needed.
        needed: usize,
    },
    /// A field holds a value the specification does not allow.
    #[error("{what}: {reason}")]
    Invalid {
        /// The structure being read.
        what: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A checksum (LRC, LCS/DCS, TCK) does not match.
    #[error("{what}: checksum mismatch")]
    Checksum {
        /// The structure whose checksum failed.
        what: &'static str,
    },
    /// Bytes were left over after the structure ended.
    #[error("{what}: {count} unexpected bytes after the end")]
    Trailing {
        /// The structure being read.
        what: &'static str,
        /// Number of leftover bytes.
        count: usize,
    },
}

/// A read position over a borrowed slice; every accessor returns an error instead of panicking.
#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Cursor<'a> {
    /// Starts reading `data` as the structure named `what` (used in error messages).
    pub fn new(data: &'a [u8], what: &'static str) -> Self {
        Self { data, pos: 0, what }
    }

    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    /// Current offset from the start.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Takes the next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|end| *end <= self.data.len())
            .ok_or(DecodeError::Truncated {
                what: self.what,
                at: self.pos,
                needed: n.saturating_sub(self.remaining()),
            })?;
        let piece = self.data.get(self.pos..end).ok_or(DecodeError::Truncated {
            what: self.what,
            at: self.pos,
            needed: n,
        })?;
        self.pos = end;
        Ok(piece)
    }

    /// Takes the next `N` bytes as an array.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let piece = self.take(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(piece);
        Ok(out)
    }

    /// Takes one byte.
    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.array::<1>()?[0])
    }

    /// Takes a little-endian `u16`.
    pub fn u16_le(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    /// Takes a big-endian `u16`.
    pub fn u16_be(&mut self) -> Result<u16, DecodeError> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    /// Takes a little-endian `u32`.
    pub fn u32_le(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    /// Takes everything left.
    pub fn rest(&mut self) -> &'a [u8] {
        let piece = self.data.get(self.pos..).unwrap_or(&[]);
        self.pos = self.data.len();
        piece
    }

    /// Peeks at the next byte without consuming it.
    pub fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Succeeds only if every byte was read.
    pub fn finish(self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            count => Err(DecodeError::Trailing {
                what: self.what,
                count,
            }),
        }
    }

    /// An error of kind [`DecodeError::Invalid`] for this structure.
    pub fn invalid(&self, reason: &'static str) -> DecodeError {
        DecodeError::Invalid {
            what: self.what,
            reason,
        }
    }
}

/// XOR of all bytes: the T=1 LRC (ISO/IEC 7816-3 §11.4.4) and the ATR TCK rule (§8.2.5).
pub fn xor_all(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |acc, b| acc ^ b)
}

/// Two's-complement checksum byte: the value that makes the byte sum zero mod 256
/// (Port-100 LCS/DCS, readers.md §3.2).
pub fn complement_sum(bytes: &[u8]) -> u8 {
    bytes
        .iter()
        .fold(0u8, |acc, b| acc.wrapping_add(*b))
        .wrapping_neg()
}

/// Hex of a byte string for error texts and traces, e.g. `6B 00 01`.
pub fn hex(bytes: &[u8]) -> alloc::string::String {
    let mut out = alloc::string::String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&alloc::format!("{b:02X}"));
    }
    out
}

/// Appends a little-endian u32.
pub(crate) fn put_u32_le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_reading_past_the_end() {
        let mut c = Cursor::new(&[1, 2], "test");
        assert_eq!(c.u8(), Ok(1));
        assert_eq!(
            c.u16_le(),
            Err(DecodeError::Truncated {
                what: "test",
                at: 1,
                needed: 1
            })
        );
        assert_eq!(
            c.take(usize::MAX).map(<[u8]>::len),
            Err(DecodeError::Truncated {
                what: "test",
                at: 1,
                needed: usize::MAX - 1
            })
        );
    }

    #[test]
    fn rejects_trailing_bytes() {
        let mut c = Cursor::new(&[1, 2, 3], "test");
        assert_eq!(c.u8(), Ok(1));
        assert_eq!(
            c.finish(),
            Err(DecodeError::Trailing {
                what: "test",
                count: 2
            })
        );
    }

    #[test]
    fn checksums_match_the_spec_examples() {
        // readers.md §3.2: LEN 03 00 → LCS FD; DATA D6 2A 01 → DCS FF.
        assert_eq!(complement_sum(&[0x03, 0x00]), 0xFD);
        assert_eq!(complement_sum(&[0xD6, 0x2A, 0x01]), 0xFF);
        assert_eq!(xor_all(&[0x00, 0xC1, 0x01, 0xFE]), 0x3E);
        assert_eq!(hex(&[0x6B, 0x00, 0x0A]), "6B 00 0A");
    }
}
