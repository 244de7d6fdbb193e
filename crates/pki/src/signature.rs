//! RSASSA-PKCS1-v1_5 signature verification over a `DigestInfo` (RFC 8017 §8.2.2, §9.2).
//!
//! The My Number Card signs a host-supplied `DigestInfo` with raw RSA-2048 (jpki-pki.md §1), so
//! the host picks the hash. This module is the one place that checks such a signature, whether it
//! came from a certificate, a CRL, a CMS `SignerInfo` or straight from the card.
//!
//! Verification is *encode and compare*: the signature is turned back into the encoded message
//! `EM` with the public key, the expected `EM` is rebuilt from the hash of the data, and the two
//! must be byte-identical. No ASN.1 inside the padding is ever parsed, so BER lengths, a missing
//! `NULL`, trailing garbage or short padding are all rejected.
//!
//! ```text
//! EM (k = modulus length in bytes), RFC 8017 §9.2
//! +------+------+------------------+------+-------------------------------+
//! | 0x00 | 0x01 | 0xFF × (k-3-|T|) | 0x00 | T = DigestInfo (DER)          |
//! +------+------+------------------+------+-------------------------------+
//!                 at least 8 bytes          prefix (per hash) || digest
//! ```

use const_oid::ObjectIdentifier;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, RsaPublicKey};
use sha1::Digest as _;
use spki::SubjectPublicKeyInfoRef;

use crate::oid;

/// Smallest RSA modulus accepted, in bits (JPKI keys are RSA-2048, jpki-pki.md §2–§3).
pub const MIN_MODULUS_BITS: usize = 2048;
/// Largest RSA modulus accepted, in bits.
pub const MAX_MODULUS_BITS: usize = 4096;

/// Why a signature was not accepted, or a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The subjectPublicKeyInfo is not an `rsaEncryption` key.
    #[error("the public key is not an RSA key (algorithm {0})")]
    NotRsaKey(ObjectIdentifier),
    /// The RSAPublicKey inside the subjectPublicKeyInfo is not valid DER or not a usable key.
    #[error("the RSA public key is malformed")]
    MalformedKey,
    /// The modulus is outside the accepted size range.
    #[error("the RSA modulus has {0} bits; {MIN_MODULUS_BITS}..={MAX_MODULUS_BITS} are accepted")]
    UnsupportedKeySize(usize),
    /// The signature is not exactly as long as the modulus (RFC 8017 §8.2.2 step 1).
    #[error("the signature is {found} bytes; the key needs exactly {expected}")]
    WrongLength {
        /// Modulus length in bytes.
        expected: usize,
        /// Signature length given.
        found: usize,
    },
    /// The signature representative is not smaller than the modulus (RFC 8017 §5.2.2).
    #[error("the signature value is not smaller than the modulus")]
    OutOfRange,
    /// The recovered `DigestInfo` names no hash this crate supports.
    #[error("the signature carries no DigestInfo for SHA-1, SHA-256, SHA-384 or SHA-512")]
    UnknownDigestInfo,
    /// The algorithm identifier is not one of sha{1,256,384,512}WithRSAEncryption.
    #[error("unsupported signature algorithm {0}")]
    UnsupportedAlgorithm(ObjectIdentifier),
    /// The signature does not match the data under this key.
    #[error("the signature does not match the data")]
    Mismatch,
}

/// A hash algorithm usable inside a PKCS#1 v1.5 `DigestInfo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// SHA-1 (FIPS 180-4); still used by some card-side tools.
    Sha1,
    /// SHA-256 (FIPS 180-4); what every JPKI certificate is signed with.
    Sha256,
    /// SHA-384 (FIPS 180-4).
    Sha384,
    /// SHA-512 (FIPS 180-4).
    Sha512,
}

impl HashAlgorithm {
    /// All supported algorithms, weakest first.
    pub const ALL: [HashAlgorithm; 4] = [Self::Sha1, Self::Sha256, Self::Sha384, Self::Sha512];

    /// Length of the digest in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// Hashes `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Self::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Self::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Self::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// DER prefix of `DigestInfo` up to the digest bytes (RFC 8017 §9.2 note 1).
    ///
    /// ```text
    /// DigestInfo ::= SEQUENCE {
    ///   digestAlgorithm AlgorithmIdentifier { hash OID, NULL },
    ///   digest OCTET STRING }
    /// ```
    pub fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            Self::Sha1 => &[
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
                0x14,
            ],
            Self::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Self::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Self::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }

    /// The DER `DigestInfo` for an already computed `digest` — the bytes the card signs.
    pub fn digest_info(self, digest: &[u8]) -> Vec<u8> {
        let mut out = self.digest_info_prefix().to_vec();
        out.extend_from_slice(digest);
        out
    }

    /// The hash algorithm OID (RFC 8017 appendix B.1; FIPS 180-4 registrations).
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => oid::SHA1,
            Self::Sha256 => oid::SHA256,
            Self::Sha384 => oid::SHA384,
            Self::Sha512 => oid::SHA512,
        }
    }

    /// The `shaNNNWithRSAEncryption` OID (RFC 8017 appendix C).
    pub fn signature_oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => oid::SHA1_WITH_RSA,
            Self::Sha256 => oid::SHA256_WITH_RSA,
            Self::Sha384 => oid::SHA384_WITH_RSA,
            Self::Sha512 => oid::SHA512_WITH_RSA,
        }
    }

    /// The algorithm for a hash OID, if supported.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.oid() == *oid)
    }

    /// The hash of a `shaNNNWithRSAEncryption` signature algorithm OID, if supported.
    pub fn from_signature_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.signature_oid() == *oid)
    }

    /// A short lowercase name (`"sha256"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "sha1",
            Self::Sha256 => "sha256",
            Self::Sha384 => "sha384",
            Self::Sha512 => "sha512",
        }
    }
}

/// Reads an RSA public key out of a DER `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7, RFC 8017 A.1.1).
pub fn rsa_key_from_spki_der(spki_der: &[u8]) -> Result<RsaPublicKey, SignatureError> {
    use der::Decode;
    let spki =
        SubjectPublicKeyInfoRef::from_der(spki_der).map_err(|_| SignatureError::MalformedKey)?;
    rsa_key_from_spki(&spki)
}

/// Reads an RSA public key out of a parsed `SubjectPublicKeyInfo`.
pub fn rsa_key_from_spki(
    spki: &SubjectPublicKeyInfoRef<'_>,
) -> Result<RsaPublicKey, SignatureError> {
    if spki.algorithm.oid != oid::RSA_ENCRYPTION {
        return Err(SignatureError::NotRsaKey(spki.algorithm.oid));
    }
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or(SignatureError::MalformedKey)?;
    rsa_key_from_pkcs1_der(bits)
}

/// Reads a DER `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`
/// (RFC 8017 A.1.1).
pub fn rsa_key_from_pkcs1_der(der_bytes: &[u8]) -> Result<RsaPublicKey, SignatureError> {
    use rsa::pkcs1::DecodeRsaPublicKey;
    let key = RsaPublicKey::from_pkcs1_der(der_bytes).map_err(|_| SignatureError::MalformedKey)?;
    let bits = key.n().bits();
    if !(MIN_MODULUS_BITS..=MAX_MODULUS_BITS).contains(&bits) {
        return Err(SignatureError::UnsupportedKeySize(bits));
    }
    Ok(key)
}

/// Recovers the encoded message `EM` from `signature` (RFC 8017 §8.2.2 steps 1–2).
fn recover_encoded_message(
    key: &RsaPublicKey,
    signature: &[u8],
) -> Result<Vec<u8>, SignatureError> {
    let k = key.size();
    if signature.len() != k {
        return Err(SignatureError::WrongLength {
            expected: k,
            found: signature.len(),
        });
    }
    let s = BigUint::from_bytes_be(signature);
    if &s >= key.n() {
        return Err(SignatureError::OutOfRange);
    }
    let m = s.modpow(key.e(), key.n()).to_bytes_be();
    let mut em = vec![0u8; k.saturating_sub(m.len())];
    em.extend_from_slice(&m);
    Ok(em)
}

/// Builds `EM = 00 01 FF… 00 T` for a DigestInfo `t` and modulus length `k` (RFC 8017 §9.2).
fn encode_message(t: &[u8], k: usize) -> Option<Vec<u8>> {
    let pad = k.checked_sub(t.len() + 3)?;
    if pad < 8 {
        return None;
    }
    let mut em = Vec::with_capacity(k);
    em.extend_from_slice(&[0x00, 0x01]);
    em.resize(2 + pad, 0xff);
    em.push(0x00);
    em.extend_from_slice(t);
    Some(em)
}

/// Verifies a PKCS#1 v1.5 signature over an already computed `digest` made with `hash`.
pub fn verify_digest(
    key: &RsaPublicKey,
    hash: HashAlgorithm,
    digest: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let em = recover_encoded_message(key, signature)?;
    if digest.len() != hash.output_len() {
        return Err(SignatureError::Mismatch);
    }
    let expected =
        encode_message(&hash.digest_info(digest), key.size()).ok_or(SignatureError::Mismatch)?;
    if em == expected {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// Verifies a PKCS#1 v1.5 signature over `data` hashed with `hash`.
pub fn verify(
    key: &RsaPublicKey,
    hash: HashAlgorithm,
    data: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    verify_digest(key, hash, &hash.digest(data), signature)
}

/// Verifies a raw PKCS#1 v1.5 signature over `data`, taking the hash from the `DigestInfo`
/// inside the signature (what the card returns for `80 2A`, jpki-pki.md §1). Returns the hash
/// that was used.
pub fn verify_any_hash(
    key: &RsaPublicKey,
    data: &[u8],
    signature: &[u8],
) -> Result<HashAlgorithm, SignatureError> {
    let em = recover_encoded_message(key, signature)?;
    // Find the DigestInfo: skip 00 01 FF..FF 00 without trusting it; the final comparison
    // against a freshly encoded EM decides.
    let body = em.get(2..).ok_or(SignatureError::Mismatch)?;
    let zero = body
        .iter()
        .position(|&b| b != 0xff)
        .ok_or(SignatureError::Mismatch)?;
    let t = body.get(zero + 1..).ok_or(SignatureError::Mismatch)?;
    let hash = HashAlgorithm::ALL
        .into_iter()
        .find(|h| {
            t.len() == h.digest_info_prefix().len() + h.output_len()
                && t.starts_with(h.digest_info_prefix())
        })
        .ok_or(SignatureError::UnknownDigestInfo)?;
    let expected = encode_message(&hash.digest_info(&hash.digest(data)), key.size())
        .ok_or(SignatureError::Mismatch)?;
    if em == expected {
        Ok(hash)
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// Verifies `signature` over `data` for an X.509 `AlgorithmIdentifier` OID
/// (`shaNNNWithRSAEncryption`, RFC 8017 appendix C).
pub fn verify_with_algorithm(
    key: &RsaPublicKey,
    algorithm: &ObjectIdentifier,
    data: &[u8],
    signature: &[u8],
) -> Result<HashAlgorithm, SignatureError> {
    let hash = HashAlgorithm::from_signature_oid(algorithm)
        .ok_or(SignatureError::UnsupportedAlgorithm(*algorithm))?;
    verify(key, hash, data, signature).map(|()| hash)
}
