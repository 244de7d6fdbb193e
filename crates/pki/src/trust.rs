//! Trust stores: which roots a verdict may end at (DESIGN "Trust and demo mode";
//! jpki-pki.md §1–§2).
//!
//! A store is typed by its hierarchy. [`TrustStore<Production>`] is built only from the
//! production roots compiled into this crate, and [`TrustAnchor<Production>`] has no public
//! constructor, so a production store can never hold a test root:
//!
//! ```compile_fail
//! // A test anchor cannot be put into a production store: there is no such method.
//! let mut store = pki::trust::TrustStore::production();
//! let anchor = pki::trust::TrustAnchor::<pki::trust::Test>::from_der(&[]).unwrap();
//! store.add(anchor);
//! ```
//!
//! ```compile_fail
//! // Nor can a production anchor be made from outside bytes.
//! let anchor = pki::trust::TrustAnchor::<pki::trust::Production>::from_der(&[]);
//! ```
//!
//! [`TrustStore<Test>`] holds the J-LIS test-card roots and any test CA given at run time as
//! DER (the simulator's), and refuses production-hierarchy certificates.

use core::marker::PhantomData;

use crate::certificate::{CertificateError, CertificateKind, Hierarchy, JpkiCertificate, KeyUse};
use crate::roots;
use crate::signature::SignatureError;

mod sealed {
    pub trait Sealed {}
}

/// A hierarchy marker type: [`Production`] or [`Test`].
pub trait HierarchyMarker: sealed::Sealed + core::fmt::Debug {
    /// The hierarchy this marker stands for.
    const HIERARCHY: Hierarchy;
}

/// Marker: the real J-LIS hierarchy (`O=JPKI`).
#[derive(Debug)]
pub enum Production {}
/// Marker: the J-LIS test hierarchy (`O=JPKI-TEST`) and the simulator's test CA.
#[derive(Debug)]
pub enum Test {}

impl sealed::Sealed for Production {}
impl sealed::Sealed for Test {}
impl HierarchyMarker for Production {
    const HIERARCHY: Hierarchy = Hierarchy::Production;
}
impl HierarchyMarker for Test {
    const HIERARCHY: Hierarchy = Hierarchy::Test;
}

/// Why a certificate cannot be a trust anchor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorError {
    /// The bytes are not a certificate.
    #[error(transparent)]
    Certificate(#[from] CertificateError),
    /// The DN is not a JPKI root DN with a known purpose OU (jpki-pki.md §2).
    #[error("not a JPKI root: the subject has no JPKI purpose OU")]
    UnknownPurpose,
    /// A production-hierarchy root was offered to a test store (or the reverse).
    #[error("the root belongs to the {found} hierarchy, this store holds {expected} roots")]
    WrongHierarchy {
        /// Hierarchy of the store.
        expected: &'static str,
        /// Hierarchy of the certificate.
        found: &'static str,
    },
    /// Subject and issuer differ.
    #[error("the root is not self-issued")]
    NotSelfIssued,
    /// basicConstraints cA is not TRUE, or keyUsage lacks keyCertSign.
    #[error("the certificate is not a CA (basicConstraints cA / keyUsage keyCertSign)")]
    NotCa,
    /// The key cannot be used, or the self-signature does not verify.
    #[error("the root's self-signature: {0}")]
    Signature(#[from] SignatureError),
}

/// A root certificate trusted for one hierarchy, with its key ready for verification.
#[derive(Debug, Clone)]
pub struct TrustAnchor<H: HierarchyMarker> {
    certificate: JpkiCertificate,
    key: rsa::RsaPublicKey,
    kind: CertificateKind,
    _hierarchy: PhantomData<H>,
}

impl<H: HierarchyMarker> TrustAnchor<H> {
    fn from_der_checked(der_bytes: &[u8]) -> Result<Self, AnchorError> {
        let certificate = JpkiCertificate::from_der(der_bytes)?;
        let (hierarchy, kind) = crate::certificate::jpki_dn(certificate.subject());
        let kind = kind.ok_or(AnchorError::UnknownPurpose)?;
        if hierarchy != Some(H::HIERARCHY) {
            return Err(AnchorError::WrongHierarchy {
                expected: H::HIERARCHY.name(),
                found: hierarchy.map_or("unknown", Hierarchy::name),
            });
        }
        let profile = certificate.profile();
        if !profile.self_issued {
            return Err(AnchorError::NotSelfIssued);
        }
        let cert_sign = profile
            .key_usage
            .as_ref()
            .is_some_and(|ku| ku.contains(&KeyUse::KeyCertSign));
        if profile.basic_constraints_ca != Some(true) || !cert_sign {
            return Err(AnchorError::NotCa);
        }
        let key = certificate.rsa_public_key()?;
        certificate.verify_signed_by(&key)?;
        Ok(Self {
            certificate,
            key,
            kind,
            _hierarchy: PhantomData,
        })
    }

    /// The root certificate.
    pub fn certificate(&self) -> &JpkiCertificate {
        &self.certificate
    }

    /// The root's public key.
    pub fn key(&self) -> &rsa::RsaPublicKey {
        &self.key
    }

    /// Which kind of certificates this root issues.
    pub fn kind(&self) -> CertificateKind {
        self.kind
    }

    /// subjectKeyIdentifier, if present.
    pub fn key_id(&self) -> Option<&[u8]> {
        self.certificate.profile().subject_key_id.as_deref()
    }

    /// A short name: the bundled file stem when known, else the subject DN.
    pub fn name(&self) -> String {
        self.certificate.profile().root.map_or_else(
            || self.certificate.profile().subject.clone(),
            |r| r.name.to_owned(),
        )
    }
}

impl TrustAnchor<Test> {
    /// A test-hierarchy root from DER (e.g. the simulator's test CA). It must be a self-signed
    /// CA with an `O=JPKI-TEST` DN and a JPKI purpose OU.
    pub fn from_der(der_bytes: &[u8]) -> Result<Self, AnchorError> {
        Self::from_der_checked(der_bytes)
    }
}

/// The roots a validation may end at, all of hierarchy `H`.
#[derive(Debug, Clone)]
pub struct TrustStore<H: HierarchyMarker> {
    anchors: Vec<TrustAnchor<H>>,
}

/// The production store: J-LIS production roots only.
pub type ProductionTrustStore = TrustStore<Production>;
/// A test store: J-LIS test-card roots and/or run-time test CAs.
pub type TestTrustStore = TrustStore<Test>;

impl<H: HierarchyMarker> TrustStore<H> {
    /// The anchors, in the order they were added.
    pub fn anchors(&self) -> &[TrustAnchor<H>] {
        &self.anchors
    }

    fn from_bundled() -> Self {
        let anchors = roots::known_roots(H::HIERARCHY)
            .filter_map(|r| TrustAnchor::from_der_checked(r.der).ok())
            .collect();
        Self { anchors }
    }
}

impl TrustStore<Production> {
    /// All six bundled J-LIS production roots (generations 1–3, both purposes).
    pub fn production() -> Self {
        Self::from_bundled()
    }
}

impl TrustStore<Test> {
    /// An empty test store (add the simulator's CA with [`TrustStore::add`]).
    pub fn empty() -> Self {
        Self {
            anchors: Vec::new(),
        }
    }

    /// The four bundled J-LIS test-card roots.
    pub fn bundled_test_roots() -> Self {
        Self::from_bundled()
    }

    /// Adds a test anchor.
    pub fn add(&mut self, anchor: TrustAnchor<Test>) {
        self.anchors.push(anchor);
    }
}
