//! Streaming reader for a DER X.509 CRL (RFC 5280 §5) — the relying party's side of JPKI
//! revocation (jpki-pki.md §4).
//!
//! ```text
//! CertificateList ::= SEQUENCE {                              RFC 5280 §5.1
//!   tbsCertList SEQUENCE {
//!     version              INTEGER (v2 = 1) OPTIONAL,
//!     signature            AlgorithmIdentifier,
//!     issuer               Name,
//!     thisUpdate           Time,
//!     nextUpdate           Time OPTIONAL,
//!     revokedCertificates  SEQUENCE OF SEQUENCE {             -- walked, never collected
//!        userCertificate     INTEGER,
//!        revocationDate      Time,
//!        crlEntryExtensions  Extensions OPTIONAL } OPTIONAL,  -- reasonCode 2.5.29.21
//!     crlExtensions        [0] EXPLICIT Extensions OPTIONAL },
//!   signatureAlgorithm   AlgorithmIdentifier,
//!   signatureValue       BIT STRING }
//! ```
//!
//! [`Crl::from_der`] checks the whole structure once (every entry, without allocating per
//! entry), then keeps only borrowed slices. Lookups walk the entries again; a JPKI CRL can hold
//! millions of entries, so memory stays flat whatever its size. An unknown critical extension
//! (CRL or entry) makes the CRL unusable (RFC 5280 §5.2, §5.3).

use const_oid::ObjectIdentifier;
use der::{DateTime, Decode};
use x509_cert::time::Time;

use crate::certificate::strip_leading_zeros;
use crate::oid;
use crate::signature::{self, HashAlgorithm, SignatureError};
use crate::tlv::{tag, Tlv, TlvError, TlvReader};

/// Why bytes could not be used as a CRL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CrlError {
    /// The DER structure is malformed.
    #[error("malformed CRL: {0}")]
    Structure(#[from] TlvError),
    /// A field has a value DER or RFC 5280 does not allow.
    #[error("malformed CRL: {field} at byte {offset}")]
    Field {
        /// Which field.
        field: &'static str,
        /// Byte offset of the field.
        offset: usize,
    },
    /// The version is not v2 (or absent = v1).
    #[error("unsupported CRL version")]
    Version,
    /// The signature algorithm inside and outside tbsCertList differ (RFC 5280 §5.1.1.2).
    #[error("the signature algorithm in tbsCertList differs from the outer one")]
    AlgorithmMismatch,
    /// A critical extension this reader does not process.
    #[error("unsupported critical CRL extension {0}")]
    UnknownCriticalExtension(ObjectIdentifier),
    /// PEM armour was found but could not be decoded, or the input is neither PEM nor DER.
    #[error("not a CRL: {0}")]
    NotCrl(String),
}

/// Reason code of a revoked certificate (RFC 5280 §5.3.1; JPKI use in jpki-pki.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RevocationReason {
    /// 0 unspecified.
    Unspecified,
    /// 1 keyCompromise.
    KeyCompromise,
    /// 2 cACompromise.
    CaCompromise,
    /// 3 affiliationChanged — for JPKI signature certificates: name, address, DOB or sex changed.
    AffiliationChanged,
    /// 4 superseded (card renewed).
    Superseded,
    /// 5 cessationOfOperation.
    CessationOfOperation,
    /// 6 certificateHold.
    CertificateHold,
    /// 8 removeFromCRL.
    RemoveFromCrl,
    /// 9 privilegeWithdrawn.
    PrivilegeWithdrawn,
    /// 10 aACompromise.
    AaCompromise,
    /// Any other value, kept.
    Other(u8),
}

impl RevocationReason {
    /// From the ENUMERATED value.
    pub fn from_code(code: u8) -> Self {
        match code {
            0 => Self::Unspecified,
            1 => Self::KeyCompromise,
            2 => Self::CaCompromise,
            3 => Self::AffiliationChanged,
            4 => Self::Superseded,
            5 => Self::CessationOfOperation,
            6 => Self::CertificateHold,
            8 => Self::RemoveFromCrl,
            9 => Self::PrivilegeWithdrawn,
            10 => Self::AaCompromise,
            other => Self::Other(other),
        }
    }

    /// RFC 5280 name (`"affiliationChanged"`); `"other"` for unknown codes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unspecified => "unspecified",
            Self::KeyCompromise => "keyCompromise",
            Self::CaCompromise => "cACompromise",
            Self::AffiliationChanged => "affiliationChanged",
            Self::Superseded => "superseded",
            Self::CessationOfOperation => "cessationOfOperation",
            Self::CertificateHold => "certificateHold",
            Self::RemoveFromCrl => "removeFromCRL",
            Self::PrivilegeWithdrawn => "privilegeWithdrawn",
            Self::AaCompromise => "aACompromise",
            Self::Other(_) => "other",
        }
    }
}

/// What a CRL says about one revoked certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revocation {
    /// revocationDate.
    pub time: DateTime,
    /// reasonCode, when the entry has one.
    pub reason: Option<RevocationReason>,
}

/// One revokedCertificates entry, borrowed from the CRL bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevokedEntry<'a> {
    /// userCertificate: the INTEGER content octets.
    pub serial: &'a [u8],
    /// revocationDate and reason.
    pub revocation: Revocation,
}

/// A checked CRL, borrowing its bytes.
#[derive(Debug, Clone)]
pub struct Crl<'a> {
    tbs: &'a [u8],
    signature_algorithm: ObjectIdentifier,
    signature: &'a [u8],
    issuer: &'a [u8],
    this_update: DateTime,
    next_update: Option<DateTime>,
    revoked: Option<Tlv<'a>>,
    len: usize,
}

impl<'a> Crl<'a> {
    /// Checks the whole CRL and keeps borrowed slices of it. Allocates nothing per entry.
    pub fn from_der(der_bytes: &'a [u8]) -> Result<Self, CrlError> {
        let mut outer = TlvReader::new(der_bytes);
        let list = outer.expect(tag::SEQUENCE, "CertificateList")?;
        outer.finish("CertificateList")?;
        let mut fields = list.contents();
        let tbs = fields.expect(tag::SEQUENCE, "tbsCertList")?;
        let outer_alg = fields.expect(tag::SEQUENCE, "signatureAlgorithm")?;
        let sig = fields.expect(tag::BIT_STRING, "signatureValue")?;
        fields.finish("CertificateList")?;
        let signature = match sig.value.split_first() {
            Some((0, bits)) => bits,
            _ => {
                return Err(CrlError::Field {
                    field: "signatureValue unused bits",
                    offset: sig.offset,
                })
            }
        };

        let mut t = tbs.contents();
        if let Some(version) = t.optional(tag::INTEGER, "version")? {
            if version.value != [1] {
                return Err(CrlError::Version);
            }
        }
        let inner_alg = t.expect(tag::SEQUENCE, "signature")?;
        if inner_alg.raw != outer_alg.raw {
            return Err(CrlError::AlgorithmMismatch);
        }
        let signature_algorithm = algorithm_oid(&outer_alg)?;
        let issuer = t.expect(tag::SEQUENCE, "issuer")?;
        let this_update = read_time(&mut t, "thisUpdate")?;
        let next_update = match t.peek_tag() {
            Some(tag::UTC_TIME | tag::GENERALIZED_TIME) => Some(read_time(&mut t, "nextUpdate")?),
            _ => None,
        };
        let revoked = t.optional(tag::SEQUENCE, "revokedCertificates")?;
        if let Some(exts) = t.optional(tag::CONTEXT_0, "crlExtensions")? {
            let mut inner = exts.contents();
            let list = inner.expect(tag::SEQUENCE, "crlExtensions")?;
            inner.finish("crlExtensions")?;
            check_extensions(
                &list,
                &[
                    oid::CRL_NUMBER,
                    oid::AUTHORITY_KEY_IDENTIFIER,
                    oid::ISSUER_ALT_NAME,
                ],
                |_, _| Ok(()),
            )?;
        }
        t.finish("tbsCertList")?;

        let mut len = 0usize;
        if let Some(revoked) = &revoked {
            let mut entries = revoked.contents();
            while !entries.is_empty() {
                read_entry(&mut entries)?;
                len += 1;
            }
        }
        Ok(Self {
            tbs: tbs.raw,
            signature_algorithm,
            signature,
            issuer: issuer.raw,
            this_update,
            next_update,
            revoked,
            len,
        })
    }

    /// Number of revoked certificates listed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no certificate is listed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// thisUpdate.
    pub fn this_update(&self) -> DateTime {
        self.this_update
    }

    /// nextUpdate, when present.
    pub fn next_update(&self) -> Option<DateTime> {
        self.next_update
    }

    /// The issuer Name, DER.
    pub fn issuer_der(&self) -> &'a [u8] {
        self.issuer
    }

    /// The signature algorithm OID.
    pub fn signature_algorithm(&self) -> ObjectIdentifier {
        self.signature_algorithm
    }

    /// Checks the CRL's signature with the issuing root's key.
    pub fn verify_signature(
        &self,
        issuer_key: &rsa::RsaPublicKey,
    ) -> Result<HashAlgorithm, SignatureError> {
        signature::verify_with_algorithm(
            issuer_key,
            &self.signature_algorithm,
            self.tbs,
            self.signature,
        )
    }

    /// Walks the entries in order (already checked by [`Crl::from_der`]).
    pub fn entries(&self) -> impl Iterator<Item = RevokedEntry<'a>> + 'a {
        let mut reader = self.revoked.map(|r| r.contents());
        core::iter::from_fn(move || {
            let r = reader.as_mut()?;
            if r.is_empty() {
                return None;
            }
            read_entry(r).ok()
        })
    }

    /// Each entry's serial (content octets) with a reader over the rest of the entry, without
    /// decoding anything else: lookups decode the time and reason only of a match.
    fn serials(&self) -> impl Iterator<Item = (Tlv<'a>, TlvReader<'a>)> + 'a {
        let mut reader = self.revoked.map(|r| r.contents());
        core::iter::from_fn(move || {
            let r = reader.as_mut()?;
            if r.is_empty() {
                return None;
            }
            let entry = r.any("revokedCertificate").ok()?;
            let mut fields = entry.contents();
            let serial = fields.any("userCertificate").ok()?;
            Some((serial, fields))
        })
    }

    /// Whether `serial` (big-endian magnitude; leading zero bytes ignored) is listed, and when
    /// and why. One pass, no allocation.
    pub fn is_revoked(&self, serial: &[u8]) -> Option<Revocation> {
        let wanted = strip_leading_zeros(serial);
        let (serial, mut rest) = self
            .serials()
            .find(|(s, _)| strip_leading_zeros(s.value) == wanted)?;
        read_entry_fields(serial, &mut rest)
            .ok()
            .map(|e| e.revocation)
    }

    /// Checks many serials in one pass over the entries. Result `i` answers `serials[i]`; when
    /// a serial is listed twice, the first listing wins (as in [`Crl::is_revoked`]).
    pub fn scan(&self, serials: &[&[u8]]) -> Vec<Option<Revocation>> {
        let mut order: Vec<usize> = (0..serials.len()).collect();
        let key = |i: &usize| {
            serials
                .get(*i)
                .map(|s| strip_leading_zeros(s))
                .unwrap_or_default()
        };
        order.sort_by(|a, b| cmp_magnitude(key(a), key(b)));
        let mut answers = vec![None; serials.len()];
        for (serial_tlv, mut rest) in self.serials() {
            let s = strip_leading_zeros(serial_tlv.value);
            let Ok(found) = order.binary_search_by(|i| cmp_magnitude(key(i), s)) else {
                continue;
            };
            let Ok(entry) = read_entry_fields(serial_tlv, &mut rest) else {
                continue;
            };
            // Mark every query equal to this serial (duplicates in the query are allowed).
            let same = |i: &&usize| key(i) == s;
            let first = order.get(..found).map_or(found, |head| {
                found - head.iter().rev().take_while(same).count()
            });
            for i in order.iter().skip(first).take_while(same) {
                if let Some(slot @ None) = answers.get_mut(*i) {
                    *slot = Some(entry.revocation);
                }
            }
        }
        answers
    }
}

/// Orders big-endian magnitudes without leading zeros.
fn cmp_magnitude(a: &[u8], b: &[u8]) -> core::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn algorithm_oid(alg: &Tlv<'_>) -> Result<ObjectIdentifier, CrlError> {
    let mut r = alg.contents();
    let oid = r.expect(tag::OID, "signature algorithm")?;
    let parsed = ObjectIdentifier::from_bytes(oid.value).map_err(|_| CrlError::Field {
        field: "signature algorithm OID",
        offset: oid.offset,
    })?;
    // Parameters: NULL or absent for RSA PKCS#1 v1.5 (RFC 4055 §5); anything else is kept
    // out by the verifier, which accepts only shaNNNWithRSAEncryption.
    if let Some(params) = r.optional(0x05, "parameters")? {
        if !params.value.is_empty() {
            return Err(CrlError::Field {
                field: "signature algorithm parameters",
                offset: params.offset,
            });
        }
    }
    r.finish("signature algorithm")?;
    Ok(parsed)
}

fn read_time(r: &mut TlvReader<'_>, field: &'static str) -> Result<DateTime, CrlError> {
    let t = r.any(field)?;
    if t.tag != tag::UTC_TIME && t.tag != tag::GENERALIZED_TIME {
        return Err(CrlError::Field {
            field,
            offset: t.offset,
        });
    }
    Time::from_der(t.raw)
        .map(|time| time.to_date_time())
        .map_err(|_| CrlError::Field {
            field,
            offset: t.offset,
        })
}

fn read_entry<'a>(entries: &mut TlvReader<'a>) -> Result<RevokedEntry<'a>, CrlError> {
    let entry = entries.expect(tag::SEQUENCE, "revokedCertificate")?;
    let mut fields = entry.contents();
    let serial = fields.expect(tag::INTEGER, "userCertificate")?;
    read_entry_fields(serial, &mut fields)
}

fn read_entry_fields<'a>(
    serial: Tlv<'a>,
    fields: &mut TlvReader<'a>,
) -> Result<RevokedEntry<'a>, CrlError> {
    if serial.tag != tag::INTEGER || !integer_is_der(serial.value) {
        return Err(CrlError::Field {
            field: "userCertificate",
            offset: serial.offset,
        });
    }
    let time = read_time(fields, "revocationDate")?;
    let mut reason = None;
    if let Some(exts) = fields.optional(tag::SEQUENCE, "crlEntryExtensions")? {
        check_extensions(
            &exts,
            &[oid::CRL_REASON, oid::INVALIDITY_DATE],
            |id, value| {
                if id == oid::CRL_REASON {
                    let mut r = TlvReader::new(value);
                    let e = r.expect(tag::ENUMERATED, "reasonCode")?;
                    r.finish("reasonCode")?;
                    match e.value {
                        [code] if *code < 0x80 => reason = Some(RevocationReason::from_code(*code)),
                        _ => {
                            return Err(CrlError::Field {
                                field: "reasonCode",
                                offset: e.offset,
                            })
                        }
                    }
                } else if id == oid::INVALIDITY_DATE
                    && der::asn1::GeneralizedTime::from_der(value).is_err()
                {
                    // RFC 5280 §5.3.2: GeneralizedTime, no fractional seconds.
                    return Err(CrlError::Field {
                        field: "invalidityDate",
                        offset: 0,
                    });
                }
                Ok(())
            },
        )?;
    }
    fields.finish("revokedCertificate")?;
    Ok(RevokedEntry {
        serial: serial.value,
        revocation: Revocation { time, reason },
    })
}

/// Walks `Extensions ::= SEQUENCE OF Extension` (RFC 5280 §4.1), handing each known one to
/// `visit` and rejecting an unknown critical one.
fn check_extensions<'a>(
    list: &Tlv<'a>,
    known: &[ObjectIdentifier],
    mut visit: impl FnMut(ObjectIdentifier, &'a [u8]) -> Result<(), CrlError>,
) -> Result<(), CrlError> {
    let mut exts = list.contents();
    while !exts.is_empty() {
        let ext = exts.expect(tag::SEQUENCE, "Extension")?;
        let mut f = ext.contents();
        let id = f.expect(tag::OID, "extnID")?;
        let id_oid = ObjectIdentifier::from_bytes(id.value).map_err(|_| CrlError::Field {
            field: "extnID",
            offset: id.offset,
        })?;
        let critical = match f.optional(tag::BOOLEAN, "critical")? {
            Some(b) if b.value == [0xff] => true,
            // DER forbids encoding the DEFAULT FALSE (X.690 §11.5).
            Some(b) => {
                return Err(CrlError::Field {
                    field: "critical",
                    offset: b.offset,
                })
            }
            None => false,
        };
        let value = f.expect(tag::OCTET_STRING, "extnValue")?;
        f.finish("Extension")?;
        if known.contains(&id_oid) {
            visit(id_oid, value.value)?;
        } else if critical {
            return Err(CrlError::UnknownCriticalExtension(id_oid));
        }
    }
    Ok(())
}

/// X.690 §8.3.2: non-empty, minimal two's complement.
fn integer_is_der(value: &[u8]) -> bool {
    match value {
        [] => false,
        [0x00, next, ..] => *next >= 0x80,
        [0xff, next, ..] => *next < 0x80,
        _ => true,
    }
}

/// Parses DER, or PEM with an `X509 CRL` label, into owned DER bytes for [`Crl::from_der`].
pub fn der_from_pem_or_der(input: &[u8]) -> Result<Vec<u8>, CrlError> {
    crate::pem::der_from_pem_or_der(input, &["X509 CRL"])
        .map_err(|e| CrlError::NotCrl(e.to_string()))
}
