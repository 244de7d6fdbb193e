//! `pki` — everything a citizen's browser and a relying party's server need to trust what a
//! My Number Card's JPKI applet says: the same code in Wasm and natively.
//!
//! * [`certificate`]: parse an X.509 certificate and read its JPKI profile (kind, hierarchy,
//!   generation, validity, policies, KU/EKU, OCSP URL, and the signature certificate's
//!   基本4情報 via [`holder`]).
//! * [`trust`] + [`validate`]: pick the pinned J-LIS root by key identifier, and return a
//!   [`validate::Verdict`] that lists every reason against the certificate and says plainly
//!   when revocation was not checked. Production and test roots live in different types.
//! * [`signature`]: RSASSA-PKCS1-v1_5 over a `DigestInfo` (SHA-1/256/384/512) — the check for
//!   certificates, CRLs, CMS and raw card signatures alike.
//! * [`crl`]: a streaming CRL reader (flat memory for millions of entries).
//! * [`cms`]: CMS SignedData made with a card-backed signer (sans-IO) and verified.
//!
//! Not for: fetching CRLs or OCSP (JPKI revocation data is only for registered relying parties,
//! jpki-pki.md §4), general RFC 5280 path building (JPKI has no intermediates), or keys other
//! than RSA. The library does no I/O and reads no clock: the caller passes the time.
//!
//! ```
//! use pki::certificate::{CertificateKind, JpkiCertificate};
//! use pki::trust::TrustStore;
//! use pki::validate::{RevocationStatus, ValidationOptions};
//!
//! let der = include_bytes!("../tests/data/jpki-auth-cert.der");
//! let cert = JpkiCertificate::from_der(der)?;
//! assert_eq!(cert.profile().kind, Some(CertificateKind::UserAuthentication));
//!
//! let at = der::DateTime::new(2026, 1, 1, 0, 0, 0)?;
//! let verdict = TrustStore::bundled_test_roots().validate(&cert, &ValidationOptions::at(at));
//! assert!(verdict.is_valid());
//! assert_eq!(verdict.revocation, RevocationStatus::NotChecked);
//! // The same test-card certificate is refused by the production roots.
//! assert!(!TrustStore::production().validate(&cert, &ValidationOptions::at(at)).is_valid());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod certificate;
pub mod cms;
pub mod crl;
#[doc(hidden)]
pub mod fuzzing;
pub mod holder;
pub mod oid;
pub mod pem;
pub mod roots;
pub mod rp;
pub mod signature;
pub mod tlv;
pub mod trust;
pub mod validate;

pub use certificate::{CertificateError, CertificateKind, Hierarchy, JpkiCertificate, Profile};
pub use der;
pub use trust::{Production, Test, TrustAnchor, TrustStore};
pub use validate::{Reason, RevocationStatus, ValidationOptions, Verdict};
