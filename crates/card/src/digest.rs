//! Hashing on the host and the DigestInfo the card signs (mynacard.md §7).
//!
//! With COMPUTE SIGNATURE P1=`00` the card applies PKCS#1 v1.5 type-1 padding to exactly what
//! it is given, so the host sends a full DigestInfo:
//!
//! ```text
//! | hash    | DigestInfo prefix (then the hash)                          | total |
//! |---------|------------------------------------------------------------|-------|
//! | SHA-1   | 30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14               | 35    |
//! | SHA-256 | 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20   | 51    |
//! | SHA-384 | 30 41 30 0D 06 09 60 86 48 01 65 03 04 02 02 05 00 04 30   | 67    |
//! | SHA-512 | 30 51 30 0D 06 09 60 86 48 01 65 03 04 02 03 05 00 04 40   | 83    |
//! ```

use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

/// A hash algorithm the card's keys can sign a DigestInfo of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// SHA-1 (legacy; only for relying parties that still ask for it).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl HashAlgorithm {
    /// The DER DigestInfo prefix (mynacard.md §7 table).
    pub const fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            Self::Sha1 => &[
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04,
                0x14,
            ],
            Self::Sha256 => &[
                0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Self::Sha384 => &[
                0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Self::Sha512 => &[
                0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }

    /// Digest length in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// A stable machine name (`sha256`).
    pub const fn id(self) -> &'static str {
        match self {
            Self::Sha1 => "sha1",
            Self::Sha256 => "sha256",
            Self::Sha384 => "sha384",
            Self::Sha512 => "sha512",
        }
    }

    /// Hashes `message`.
    pub fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => Sha1::digest(message).to_vec(),
            Self::Sha256 => Sha256::digest(message).to_vec(),
            Self::Sha384 => Sha384::digest(message).to_vec(),
            Self::Sha512 => Sha512::digest(message).to_vec(),
        }
    }

    /// DigestInfo of an already computed digest, or `None` if its length is wrong.
    pub fn digest_info_of_digest(self, digest: &[u8]) -> Option<Vec<u8>> {
        (digest.len() == self.output_len()).then(|| [self.digest_info_prefix(), digest].concat())
    }

    /// DigestInfo of the hash of `message`.
    pub fn digest_info(self, message: &[u8]) -> Vec<u8> {
        [self.digest_info_prefix(), &self.digest(message)].concat()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn digest_info_lengths_match_spec() {
        assert_eq!(HashAlgorithm::Sha1.digest_info(b"abc").len(), 35);
        assert_eq!(HashAlgorithm::Sha256.digest_info(b"abc").len(), 51);
        assert_eq!(HashAlgorithm::Sha384.digest_info(b"abc").len(), 67);
        assert_eq!(HashAlgorithm::Sha512.digest_info(b"abc").len(), 83);
    }

    #[test]
    fn sha256_digest_info_of_abc() {
        // FIPS 180-2 test vector: SHA-256("abc").
        let di = HashAlgorithm::Sha256.digest_info(b"abc");
        assert_eq!(&di[..19], HashAlgorithm::Sha256.digest_info_prefix());
        assert_eq!(
            &di[19..],
            &[
                0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae,
                0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61,
                0xf2, 0x00, 0x15, 0xad
            ]
        );
    }

    #[test]
    fn sha1_digest_info_of_abc() {
        let di = HashAlgorithm::Sha1.digest_info(b"abc");
        assert_eq!(
            &di[15..],
            &[
                0xa9, 0x99, 0x3e, 0x36, 0x47, 0x06, 0x81, 0x6a, 0xba, 0x3e, 0x25, 0x71, 0x78, 0x50,
                0xc2, 0x6c, 0x9c, 0xd0, 0xd8, 0x9d
            ]
        );
    }

    #[test]
    fn rejects_a_digest_of_the_wrong_length() {
        assert_eq!(HashAlgorithm::Sha384.digest_info_of_digest(&[0; 32]), None);
        assert_eq!(
            HashAlgorithm::Sha256
                .digest_info_of_digest(&[0; 32])
                .map(|d| d.len()),
            Some(51)
        );
    }
}
