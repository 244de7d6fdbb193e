//! The JPKI validator: one leaf, one pinned root, a typed verdict with every reason
//! (jpki-pki.md §2–§4).
//!
//! ```text
//! leaf (EF 000A / 0001) ──signed by──▶ J-LIS root (pinned, chosen by AKI keyIdentifier = SKI)
//! checks, all reported, none short-circuits:
//! +-------------------------+-----------------------------------------------------------+
//! | root                    | AKI = SKI of a root of the leaf's kind in this store;     |
//! |                         | else each same-DN root of that kind whose key verifies    |
//! | signature               | RSA PKCS#1 v1.5, hash from signatureAlgorithm (§3)        |
//! | validity                | notBefore <= at <= notAfter, for the leaf and the root    |
//! | keyUsage (critical)     | auth: digitalSignature; sign: + nonRepudiation (§3)       |
//! | extKeyUsage             | auth: clientAuth; sign: absent (§3)                       |
//! | certificatePolicies     | critical, with the kind's policy OID for the hierarchy    |
//! | critical extensions     | only KU, EKU, BC, CP, SAN, IAN, AKI, SKI, CRLDP, AIA      |
//! | root                    | basicConstraints cA = TRUE                                |
//! | revocation              | only from a CRL signed by the same root; else "not checked"|
//! +-------------------------+-----------------------------------------------------------+
//! ```

use core::fmt;

use const_oid::ObjectIdentifier;
use der::DateTime;

use crate::certificate::{CertificateKind, Hierarchy, JpkiCertificate, KeyUse};
use crate::crl::{Crl, RevocationReason};
use crate::oid;
use crate::signature::{HashAlgorithm, SignatureError};
use crate::trust::{HierarchyMarker, TrustAnchor, TrustStore};

/// Extensions this validator processes (RFC 5280 §4.2); any other critical one is rejected.
const KNOWN_EXTENSIONS: [ObjectIdentifier; 10] = [
    oid::KEY_USAGE,
    oid::EXT_KEY_USAGE,
    oid::BASIC_CONSTRAINTS,
    oid::CERTIFICATE_POLICIES,
    oid::SUBJECT_ALT_NAME,
    oid::ISSUER_ALT_NAME,
    oid::AUTHORITY_KEY_IDENTIFIER,
    oid::SUBJECT_KEY_IDENTIFIER,
    oid::CRL_DISTRIBUTION_POINTS,
    oid::AUTHORITY_INFO_ACCESS,
];

/// What to validate against, besides the store.
#[derive(Debug, Clone, Copy)]
pub struct ValidationOptions<'c> {
    /// The time the certificate must be valid at (UTC), e.g. now or the signing time.
    pub at: DateTime,
    /// A CRL from the issuing root, when the caller has one (relying parties only, §4).
    pub crl: Option<&'c Crl<'c>>,
}

impl ValidationOptions<'_> {
    /// Validate at `at`, without revocation data.
    pub fn at(at: DateTime) -> Self {
        Self { at, crl: None }
    }
}

/// One reason a certificate is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// The issuer DN names neither JPKI purpose, and no policy tells the kind.
    UnknownKind,
    /// The certificate is from the other hierarchy than the store (e.g. a test leaf checked
    /// against the production roots).
    WrongHierarchy {
        /// The certificate's hierarchy.
        certificate: Hierarchy,
        /// The store's hierarchy.
        store: Hierarchy,
    },
    /// No root in the store issued this certificate.
    NoTrustedRoot,
    /// The root found by key identifier issues the other kind of certificate.
    WrongRootKind {
        /// What the leaf is.
        certificate: CertificateKind,
        /// What the root issues.
        root: CertificateKind,
    },
    /// The signature does not verify with the root's key.
    BadSignature(SignatureError),
    /// `at` is before notBefore.
    NotYetValid {
        /// notBefore.
        not_before: DateTime,
    },
    /// `at` is after notAfter.
    Expired {
        /// notAfter.
        not_after: DateTime,
    },
    /// The root is not valid at `at`.
    RootNotValidAt {
        /// Root notBefore.
        not_before: DateTime,
        /// Root notAfter.
        not_after: DateTime,
    },
    /// The root lacks basicConstraints cA = TRUE.
    RootNotCa,
    /// The leaf claims to be a CA.
    LeafIsCa,
    /// keyUsage is absent, not critical, or not the JPKI set for this kind.
    WrongKeyUsage {
        /// The bits the profile requires.
        expected: Vec<KeyUse>,
        /// The bits present (`None`: extension absent).
        found: Option<Vec<KeyUse>>,
    },
    /// keyUsage is present but not critical.
    KeyUsageNotCritical,
    /// extKeyUsage does not match the kind (auth needs clientAuth; sign has none).
    WrongExtKeyUsage {
        /// The purposes present (`None`: extension absent).
        found: Option<Vec<ObjectIdentifier>>,
    },
    /// certificatePolicies lacks the kind's policy OID.
    MissingPolicy {
        /// The OID required.
        expected: ObjectIdentifier,
    },
    /// certificatePolicies is not marked critical.
    PolicyNotCritical,
    /// A critical extension this validator does not process.
    UnknownCriticalExtension(ObjectIdentifier),
    /// The given CRL is not signed by the certificate's root or not from its issuer.
    CrlNotFromRoot,
    /// `at` is after the given CRL's nextUpdate.
    CrlOutOfDate {
        /// nextUpdate.
        next_update: DateTime,
    },
    /// The CRL lists the certificate.
    Revoked {
        /// revocationDate.
        time: DateTime,
        /// reasonCode.
        reason: Option<RevocationReason>,
    },
}

impl Reason {
    /// A stable snake-case code for JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownKind => "unknown_kind",
            Self::WrongHierarchy { .. } => "wrong_hierarchy",
            Self::NoTrustedRoot => "no_trusted_root",
            Self::WrongRootKind { .. } => "wrong_root_kind",
            Self::BadSignature(_) => "bad_signature",
            Self::NotYetValid { .. } => "not_yet_valid",
            Self::Expired { .. } => "expired",
            Self::RootNotValidAt { .. } => "root_not_valid_at_time",
            Self::RootNotCa => "root_not_ca",
            Self::LeafIsCa => "leaf_is_ca",
            Self::WrongKeyUsage { .. } => "wrong_key_usage",
            Self::KeyUsageNotCritical => "key_usage_not_critical",
            Self::WrongExtKeyUsage { .. } => "wrong_ext_key_usage",
            Self::MissingPolicy { .. } => "missing_policy",
            Self::PolicyNotCritical => "policy_not_critical",
            Self::UnknownCriticalExtension(_) => "unknown_critical_extension",
            Self::CrlNotFromRoot => "crl_not_from_root",
            Self::CrlOutOfDate { .. } => "crl_out_of_date",
            Self::Revoked { .. } => "revoked",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownKind => {
                f.write_str("not a JPKI certificate: its kind cannot be told from issuer or policy")
            }
            Self::WrongHierarchy { certificate, store } => write!(
                f,
                "a {} hierarchy certificate cannot be trusted by the {} roots",
                certificate.name(),
                store.name()
            ),
            Self::NoTrustedRoot => f.write_str("no trusted root issued this certificate"),
            Self::WrongRootKind { certificate, root } => write!(
                f,
                "a {} certificate was issued by a {} root",
                certificate.name(),
                root.name()
            ),
            Self::BadSignature(e) => write!(f, "signature: {e}"),
            Self::NotYetValid { not_before } => write!(f, "not valid before {not_before}"),
            Self::Expired { not_after } => write!(f, "expired at {not_after}"),
            Self::RootNotValidAt {
                not_before,
                not_after,
            } => {
                write!(f, "the root is valid only from {not_before} to {not_after}")
            }
            Self::RootNotCa => f.write_str("the root is not a CA (basicConstraints)"),
            Self::LeafIsCa => f.write_str("the certificate claims to be a CA"),
            Self::WrongKeyUsage { expected, found } => {
                let names = |v: &[KeyUse]| v.iter().map(|k| k.name()).collect::<Vec<_>>().join(",");
                match found {
                    Some(found) => write!(
                        f,
                        "keyUsage is {}, expected {}",
                        names(found),
                        names(expected)
                    ),
                    None => write!(f, "keyUsage is absent, expected {}", names(expected)),
                }
            }
            Self::KeyUsageNotCritical => f.write_str("keyUsage is not critical"),
            Self::WrongExtKeyUsage { found } => match found {
                Some(found) => write!(
                    f,
                    "extKeyUsage {} does not fit this kind",
                    found
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                None => f.write_str("extKeyUsage clientAuth is missing"),
            },
            Self::MissingPolicy { expected } => write!(f, "certificatePolicies lacks {expected}"),
            Self::PolicyNotCritical => f.write_str("certificatePolicies is not critical"),
            Self::UnknownCriticalExtension(oid) => write!(f, "unknown critical extension {oid}"),
            Self::CrlNotFromRoot => f.write_str("the CRL is not signed by this certificate's root"),
            Self::CrlOutOfDate { next_update } => {
                write!(f, "the CRL was due for renewal at {next_update}")
            }
            Self::Revoked { time, reason } => {
                write!(f, "revoked at {time}")?;
                if let Some(reason) = reason {
                    write!(f, " ({})", reason.name())?;
                }
                Ok(())
            }
        }
    }
}

/// What is known about revocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationStatus {
    /// No revocation data was given: the verdict says nothing about revocation.
    NotChecked,
    /// The root's CRL (thisUpdate given) does not list the certificate.
    NotRevoked {
        /// thisUpdate of the CRL used.
        crl_this_update: DateTime,
    },
    /// The CRL lists the certificate (also in the reasons).
    Revoked,
}

/// The result of validating one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Every reason the certificate is not valid; empty when it is.
    pub reasons: Vec<Reason>,
    /// The kind the certificate claims.
    pub kind: Option<CertificateKind>,
    /// The root that issued it, by name (bundled file stem, or DN).
    pub root: Option<String>,
    /// The hash of the verified certificate signature.
    pub signature_hash: Option<HashAlgorithm>,
    /// Revocation status.
    pub revocation: RevocationStatus,
}

impl Verdict {
    /// True when there is no reason against the certificate. Revocation may still be
    /// [`RevocationStatus::NotChecked`]: say so to the user.
    pub fn is_valid(&self) -> bool {
        self.reasons.is_empty()
    }
}

impl<H: HierarchyMarker> TrustStore<H> {
    /// Validates `cert` against this store.
    pub fn validate(&self, cert: &JpkiCertificate, options: &ValidationOptions<'_>) -> Verdict {
        let profile = cert.profile();
        let mut reasons = Vec::new();
        let kind = policy_kind(&profile.policies).or(profile.kind);
        if let Some(h) = profile.hierarchy {
            if h != H::HIERARCHY {
                reasons.push(Reason::WrongHierarchy {
                    certificate: h,
                    store: H::HIERARCHY,
                });
            }
        }

        let (anchor, signature_hash) = self.find_issuer(cert, kind, &mut reasons);
        match kind {
            None => reasons.push(Reason::UnknownKind),
            Some(kind) => check_leaf_profile(cert, kind, &mut reasons),
        }
        let at = options.at;
        if at < profile.not_before {
            reasons.push(Reason::NotYetValid {
                not_before: profile.not_before,
            });
        }
        if at > profile.not_after {
            reasons.push(Reason::Expired {
                not_after: profile.not_after,
            });
        }
        if profile.basic_constraints_ca == Some(true) {
            reasons.push(Reason::LeafIsCa);
        }
        for ext in &profile.extensions {
            if ext.critical && !KNOWN_EXTENSIONS.contains(&ext.oid) {
                reasons.push(Reason::UnknownCriticalExtension(ext.oid));
            }
        }

        let mut revocation = RevocationStatus::NotChecked;
        if let Some(anchor) = anchor {
            let root = anchor.certificate().profile();
            if at < root.not_before || at > root.not_after {
                reasons.push(Reason::RootNotValidAt {
                    not_before: root.not_before,
                    not_after: root.not_after,
                });
            }
            if root.basic_constraints_ca != Some(true) {
                reasons.push(Reason::RootNotCa);
            }
            if let Some(crl) = options.crl {
                revocation = check_crl(cert, anchor, crl, at, &mut reasons);
            }
        }
        Verdict {
            reasons,
            kind,
            root: anchor.map(TrustAnchor::name),
            signature_hash,
            revocation,
        }
    }

    /// Picks the root by AKI keyIdentifier = SKI; falls back to each same-DN root of the right
    /// kind whose key verifies (jpki-pki.md §2: all generations share one DN).
    fn find_issuer<'s>(
        &'s self,
        cert: &JpkiCertificate,
        kind: Option<CertificateKind>,
        reasons: &mut Vec<Reason>,
    ) -> (Option<&'s TrustAnchor<H>>, Option<HashAlgorithm>) {
        let aki = cert.profile().authority_key_id.as_deref();
        let by_key_id = aki.and_then(|aki| self.anchors().iter().find(|a| a.key_id() == Some(aki)));
        if let Some(anchor) = by_key_id {
            if let Some(kind) = kind {
                if anchor.kind() != kind {
                    reasons.push(Reason::WrongRootKind {
                        certificate: kind,
                        root: anchor.kind(),
                    });
                }
            }
            return match cert.verify_signed_by(anchor.key()) {
                Ok(hash) => (Some(anchor), Some(hash)),
                Err(e) => {
                    reasons.push(Reason::BadSignature(e));
                    (Some(anchor), None)
                }
            };
        }
        let same_dn = self.anchors().iter().filter(|a| {
            kind.is_none_or(|k| a.kind() == k) && a.certificate().subject() == cert.issuer()
        });
        let mut last_error = None;
        for anchor in same_dn {
            match cert.verify_signed_by(anchor.key()) {
                Ok(hash) => return (Some(anchor), Some(hash)),
                Err(e) => last_error = Some(e),
            }
        }
        match last_error {
            Some(e) => reasons.push(Reason::BadSignature(e)),
            None => reasons.push(Reason::NoTrustedRoot),
        }
        (None, None)
    }
}

fn policy_kind(policies: &[ObjectIdentifier]) -> Option<CertificateKind> {
    policies.iter().find_map(|p| match *p {
        oid::JPKI_POLICY_AUTH | oid::JPKI_POLICY_TEST_AUTH => {
            Some(CertificateKind::UserAuthentication)
        }
        oid::JPKI_POLICY_SIGN | oid::JPKI_POLICY_TEST_SIGN => Some(CertificateKind::Signature),
        _ => None,
    })
}

fn check_leaf_profile(cert: &JpkiCertificate, kind: CertificateKind, reasons: &mut Vec<Reason>) {
    let profile = cert.profile();
    let expected_ku = match kind {
        CertificateKind::UserAuthentication => vec![KeyUse::DigitalSignature],
        CertificateKind::Signature => vec![KeyUse::DigitalSignature, KeyUse::NonRepudiation],
    };
    if profile.key_usage.as_ref() != Some(&expected_ku) {
        reasons.push(Reason::WrongKeyUsage {
            expected: expected_ku,
            found: profile.key_usage.clone(),
        });
    } else if !profile
        .extensions
        .iter()
        .any(|e| e.oid == oid::KEY_USAGE && e.critical)
    {
        reasons.push(Reason::KeyUsageNotCritical);
    }
    let eku_ok = match kind {
        CertificateKind::UserAuthentication => profile
            .ext_key_usage
            .as_ref()
            .is_some_and(|eku| eku.contains(&oid::KP_CLIENT_AUTH)),
        CertificateKind::Signature => profile.ext_key_usage.is_none(),
    };
    if !eku_ok {
        reasons.push(Reason::WrongExtKeyUsage {
            found: profile.ext_key_usage.clone(),
        });
    }
    let hierarchy = profile.hierarchy.unwrap_or(Hierarchy::Production);
    let expected_policy = kind.policy(hierarchy);
    if !profile.policies.contains(&expected_policy) {
        reasons.push(Reason::MissingPolicy {
            expected: expected_policy,
        });
    } else if !profile.policies_critical {
        reasons.push(Reason::PolicyNotCritical);
    }
}

fn check_crl<H: HierarchyMarker>(
    cert: &JpkiCertificate,
    anchor: &TrustAnchor<H>,
    crl: &Crl<'_>,
    at: DateTime,
    reasons: &mut Vec<Reason>,
) -> RevocationStatus {
    use der::Encode;
    let issuer_der = anchor.certificate().subject().to_der().unwrap_or_default();
    if crl.issuer_der() != issuer_der.as_slice() || crl.verify_signature(anchor.key()).is_err() {
        reasons.push(Reason::CrlNotFromRoot);
        return RevocationStatus::NotChecked;
    }
    if let Some(next_update) = crl.next_update() {
        if at > next_update {
            reasons.push(Reason::CrlOutOfDate { next_update });
        }
    }
    match crl.is_revoked(&cert.profile().serial) {
        Some(r) => {
            reasons.push(Reason::Revoked {
                time: r.time,
                reason: r.reason,
            });
            RevocationStatus::Revoked
        }
        None => RevocationStatus::NotRevoked {
            crl_this_update: crl.this_update(),
        },
    }
}
