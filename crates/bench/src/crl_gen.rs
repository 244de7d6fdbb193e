//! Generated CRLs for the scan benchmark: v2 CRLs (RFC 5280 §5.1) issued and signed by the
//! simulator's test authentication root, with any number of entries.
//!
//! ```text
//! CertificateList ::= SEQUENCE {
//!   tbsCertList  SEQUENCE {
//!     version              INTEGER 1 (v2)
//!     signature            sha256WithRSAEncryption, NULL
//!     issuer               the test root's Name
//!     thisUpdate           UTCTime 250601000000Z
//!     nextUpdate           UTCTime 270601000000Z
//!     revokedCertificates  SEQUENCE OF SEQUENCE {
//!       userCertificate    INTEGER i + 1
//!       revocationDate     UTCTime 250101hhmmssZ   (i seconds after midnight, mod one day)
//!       crlEntryExtensions SEQUENCE { reasonCode (2.5.29.21) ENUMERATED REASONS[i mod 5] } }
//!     crlExtensions        [0] { cRLNumber 7 } }
//!   signatureAlgorithm   sha256WithRSAEncryption, NULL
//!   signatureValue       BIT STRING (RSA-2048 PKCS#1 v1.5 over tbsCertList) }
//! ```
//!
//! Serials are 1..=n, so serial `n + 1` and above are never listed (the worst case: a scan
//! reads every entry).

use der::Encode;
use rsa::RsaPrivateKey;
use sha2::Digest;
use sim::issuer::{Purpose, TestRoot};

const SHA256_WITH_RSA: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

/// The reason codes entries cycle through (RFC 5280 §5.3.1: unspecified, keyCompromise,
/// affiliationChanged, superseded, cessationOfOperation).
pub const REASONS: [u8; 5] = [0, 1, 3, 4, 5];

/// Why a CRL could not be made.
#[derive(Debug)]
pub struct CrlGenError(pub String);

impl core::fmt::Display for CrlGenError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Appends a DER length (X.690 §8.1.3, definite form).
pub fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u64).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or_default();
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
}

/// One TLV.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    push_len(&mut out, content.len());
    out.extend_from_slice(content);
    out
}

/// The DER INTEGER of a non-negative number.
pub fn der_integer(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(7);
    let mut content = Vec::with_capacity(9);
    if bytes.get(start).is_some_and(|b| *b >= 0x80) {
        content.push(0);
    }
    content.extend_from_slice(bytes.get(start..).unwrap_or_default());
    tlv(0x02, &content)
}

/// Appends entry `i` (serial `i + 1`).
fn entry(i: u64, out: &mut Vec<u8>) {
    let serial = der_integer(i + 1);
    let secs = i % 86_400;
    let two = |n: u64| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let (h, m, s) = (two(secs / 3600), two((secs / 60) % 60), two(secs % 60));
    let time = [
        0x17, 13, b'2', b'5', b'0', b'1', b'0', b'1', h[0], h[1], m[0], m[1], s[0], s[1], b'Z',
    ];
    let reason = REASONS[(i % 5) as usize];
    let ext = [
        0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, reason,
    ];
    out.push(0x30);
    push_len(out, serial.len() + time.len() + ext.len());
    out.extend_from_slice(&serial);
    out.extend_from_slice(&time);
    out.extend_from_slice(&ext);
}

/// A CRL of `entries` entries issued by `issuer_name` (DER) and signed with `key`.
pub fn make_crl_with(
    issuer_name: &[u8],
    key: &RsaPrivateKey,
    entries: u64,
) -> Result<Vec<u8>, CrlGenError> {
    let mut revoked = Vec::with_capacity(entries as usize * 38);
    for i in 0..entries {
        entry(i, &mut revoked);
    }
    let mut tbs_content = vec![0x02, 0x01, 0x01];
    tbs_content.extend_from_slice(&SHA256_WITH_RSA);
    tbs_content.extend_from_slice(issuer_name);
    tbs_content.extend(tlv(0x17, b"250601000000Z"));
    tbs_content.extend(tlv(0x17, b"270601000000Z"));
    if entries > 0 {
        tbs_content.push(0x30);
        push_len(&mut tbs_content, revoked.len());
        tbs_content.extend_from_slice(&revoked);
    }
    drop(revoked);
    tbs_content.extend_from_slice(&[
        0xa0, 0x0d, 0x30, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x1d, 0x14, 0x04, 0x02, 0x02, 0x07,
    ]);
    let tbs = tlv(0x30, &tbs_content);
    drop(tbs_content);
    let signature = key
        .sign(
            rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            &sha2::Sha256::digest(&tbs),
        )
        .map_err(|e| CrlGenError(format!("signing: {e}")))?;
    let mut bits = vec![0];
    bits.extend(signature);
    let mut body = tbs;
    body.extend_from_slice(&SHA256_WITH_RSA);
    body.extend(tlv(0x03, &bits));
    Ok(tlv(0x30, &body))
}

/// A CRL of `entries` entries from the simulator's test authentication root.
pub fn make_crl(entries: u64) -> Result<Vec<u8>, CrlGenError> {
    let root = TestRoot::new(Purpose::Authentication)
        .map_err(|e| CrlGenError(format!("test root: {e}")))?;
    let name = root
        .name()
        .to_der()
        .map_err(|e| CrlGenError(format!("issuer name: {e}")))?;
    make_crl_with(&name, root.private_key(), entries)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use pki::crl::{Crl, RevocationReason};

    #[test]
    fn lengths_are_der() {
        let mut out = Vec::new();
        for len in [0usize, 0x7f, 0x80, 0xff, 0x100, 0x01_0000] {
            push_len(&mut out, len);
        }
        assert_eq!(
            out,
            [0x00, 0x7f, 0x81, 0x80, 0x81, 0xff, 0x82, 0x01, 0x00, 0x83, 0x01, 0x00, 0x00]
        );
        assert_eq!(der_integer(0x80), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(der_integer(1), [0x02, 0x01, 0x01]);
        assert_eq!(der_integer(0x0102), [0x02, 0x02, 0x01, 0x02]);
    }

    #[test]
    fn generated_crl_parses_and_verifies() {
        let root = TestRoot::new(Purpose::Authentication).unwrap();
        let der = make_crl(300).unwrap();
        let crl = Crl::from_der(&der).unwrap();
        assert_eq!(crl.len(), 300);
        assert_eq!(
            crl.is_revoked(&[0x01, 0x2c]).and_then(|r| r.reason),
            Some(RevocationReason::from_code(REASONS[299 % 5]))
        );
        assert_eq!(crl.is_revoked(&[0x01, 0x2d]), None);
        assert_eq!(
            crl.verify_signature(&root.private_key().to_public_key()),
            Ok(pki::signature::HashAlgorithm::Sha256)
        );
    }
}
