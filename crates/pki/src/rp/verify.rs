//! The relying party's checks on a card-login or signed-submission result
//! (widget-protocol.md §3–§4, flows.md §5.1, jpki-pki.md §4).
//!
//! ```text
//! +---+--------------------------------------------------------------+-------------------------+
//! | # | check (widget-protocol.md §4), in this order                 | RpError::code() if not  |
//! +---+--------------------------------------------------------------+-------------------------+
//! | 1 | statement parses (strict grammar, §2)                        | bad_statement           |
//! |   | its kind (and flow, when expected) is the one expected       | wrong_kind, wrong_flow  |
//! | 2 | it carries the expected challenge                            | wrong_challenge         |
//! |   | the challenge is not expired at `now`                        | challenge_expired       |
//! | 3 | its origin is the expected origin                            | wrong_origin            |
//! |   | its time lies in [issued_at − 5 min, expires_at + 5 min]     | statement_time_out_of_  |
//! |   |                                                              |   window                |
//! | 4 | the certificate parses                                       | bad_certificate         |
//! |   | it is of the right kind (login: user authentication,         | wrong_certificate_kind  |
//! |   |   submission: signature)                                     |                         |
//! |   | it chains to the store and is valid at `now`                 | untrusted               |
//! | 5 | login: RSA PKCS#1 v1.5 over DigestInfo(SHA-256(statement))   | bad_signature           |
//! |   | submission: detached CMS SignedData, SHA-256, over the       | bad_cms, cms_hash_not_  |
//! |   |   statement bytes, signed by exactly that certificate        |   sha256, cms_content_  |
//! |   |                                                              |   mismatch, cms_signer_ |
//! |   |                                                              |   mismatch              |
//! | 6 | revocation: only when a CRL is given                         | revoked (else status    |
//! |   |                                                              |   "not checked")        |
//! |   | submission: the certificate carries the 4 items              | missing_holder_info     |
//! +---+--------------------------------------------------------------+-------------------------+
//! ```
//!
//! Single use of the challenge is the server's store's business (§4.2): mark it used before
//! calling these functions, so a failed verification also spends it.

use std::collections::BTreeMap;
use std::fmt;

use der::DateTime;
use sha2::Digest;

use super::fields::{format_time, Challenge, Origin};
use super::statement::{Flow, Kind, Statement, StatementError};
use crate::certificate::{CertificateError, CertificateKind, Hierarchy, JpkiCertificate};
use crate::cms::{self, CmsError};
use crate::crl::{Crl, RevocationReason};
use crate::holder::HolderInfo;
use crate::signature::{self, HashAlgorithm, SignatureError};
use crate::trust::{HierarchyMarker, TrustStore};
use crate::validate::{Reason, RevocationStatus, ValidationOptions, Verdict};

/// The clock skew allowed between the widget's clock and the server's, in seconds
/// (widget-protocol.md §4.3: ± 5 min).
pub const CLOCK_SKEW_SECONDS: u64 = 5 * 60;

/// What the revocation status says when no CRL was supplied (flows.md §5.1, jpki-pki.md §4).
pub const REVOCATION_NOT_CHECKED: &str = "revocation not checked: needs the relying party's \
JPKI platform data (J-LIS CRL or OCSP) unless a CRL is supplied";

/// A card-login result as it arrives (widget-protocol.md §3, `kind: "login"`), decoded from
/// its JSON/base64 form by the server or the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginResult {
    /// The statement bytes, exactly as signed.
    pub statement: Vec<u8>,
    /// DER of the user-authentication certificate.
    pub certificate: Vec<u8>,
    /// RSA PKCS#1 v1.5 signature over DigestInfo(SHA-256(statement)).
    pub signature: Vec<u8>,
}

/// A signed-submission result as it arrives (widget-protocol.md §3, `kind: "submission"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionResult {
    /// The statement bytes, exactly as signed.
    pub statement: Vec<u8>,
    /// DER of the signature certificate.
    pub certificate: Vec<u8>,
    /// DER of a detached CMS SignedData (SHA-256) over the statement bytes.
    pub cms: Vec<u8>,
}

/// What the server knows about the challenge it issued (from its own store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// The result kind the challenge was issued for.
    pub kind: Kind,
    /// For a submission: the flow the challenge was issued for; `None` accepts either flow.
    pub flow: Option<Flow>,
    /// The challenge.
    pub challenge: Challenge,
    /// The host page's origin the challenge was issued to.
    pub origin: Origin,
    /// When the server issued the challenge.
    pub issued_at: DateTime,
    /// When the challenge stops being accepted.
    pub expires_at: DateTime,
}

/// Why a result was rejected. [`RpError::code`] is a stable snake-case id for JSON and logs;
/// `Display` says what happened in a sentence. Nothing here ever holds a PIN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RpError {
    /// The statement is not in the strict grammar.
    #[error("the statement is malformed: {0}")]
    BadStatement(StatementError),
    /// The statement is for another kind of result.
    #[error("expected a {expected} statement, got a {found} statement")]
    WrongKind {
        /// Expected kind.
        expected: Kind,
        /// Kind in the statement.
        found: Kind,
    },
    /// The submission signs another flow's data.
    #[error("expected the {expected} flow, the statement signs the {found} flow")]
    WrongFlow {
        /// Expected flow.
        expected: Flow,
        /// Flow in the statement.
        found: Flow,
    },
    /// The statement carries another challenge.
    #[error("the statement carries another challenge than the one issued")]
    WrongChallenge,
    /// The challenge expired before the result arrived.
    #[error("the challenge expired at {expires_at}")]
    ChallengeExpired {
        /// The challenge's expiry.
        expires_at: DateTime,
    },
    /// The statement was made for another origin.
    #[error("the statement was made for {found}, not {expected}")]
    WrongOrigin {
        /// Expected origin.
        expected: Origin,
        /// Origin in the statement.
        found: Origin,
    },
    /// The statement's time is outside the challenge's lifetime (± clock skew).
    #[error("the statement's time {time} is outside {earliest} .. {latest}")]
    StatementTimeOutOfWindow {
        /// The statement's time.
        time: DateTime,
        /// issued_at − skew.
        earliest: DateTime,
        /// expires_at + skew.
        latest: DateTime,
    },
    /// The certificate is not a certificate.
    #[error("the certificate is malformed: {0}")]
    BadCertificate(CertificateError),
    /// The certificate is of the other JPKI kind (or of none).
    #[error(
        "expected a {} certificate, got {}",
        expected.name(),
        found.map_or("a certificate of no JPKI kind", CertificateKind::name)
    )]
    WrongCertificateKind {
        /// The kind this result needs.
        expected: CertificateKind,
        /// The kind the certificate is (`None`: not told by issuer or policy).
        found: Option<CertificateKind>,
    },
    /// The certificate does not validate against the store at `now`.
    #[error("the certificate is not trusted: {}", reasons(.0))]
    Untrusted(Verdict),
    /// The login signature does not verify over the statement.
    #[error("the signature does not verify over the statement: {0}")]
    BadSignature(SignatureError),
    /// The submission's CMS SignedData is not acceptable.
    #[error("the CMS signature: {0}")]
    Cms(CmsProblem),
    /// The supplied CRL lists the certificate.
    #[error("the certificate was revoked at {time}{}", .reason.map(|r| format!(" ({})", r.name())).unwrap_or_default())]
    Revoked {
        /// revocationDate.
        time: DateTime,
        /// reasonCode, when given.
        reason: Option<RevocationReason>,
    },
    /// The signature certificate carries none of the 4 items.
    #[error("the signature certificate carries no name, address, date of birth or sex")]
    MissingHolderInfo,
}

/// What is wrong with a submission's CMS SignedData.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CmsProblem {
    /// It does not parse or verify (including content given twice or not at all).
    #[error("{0}")]
    Invalid(CmsError),
    /// Its messageDigest is not that of the statement bytes.
    #[error("it signs other content than the statement")]
    ContentMismatch,
    /// It is signed with another hash than SHA-256 (widget-protocol.md §3).
    #[error("it uses {}, the protocol requires SHA-256", .0.name())]
    HashNotSha256(HashAlgorithm),
    /// Its signer is not the certificate sent with the result.
    #[error("its signer is not the certificate sent with the result")]
    SignerNotCertificate,
}

fn reasons(verdict: &Verdict) -> String {
    verdict
        .reasons
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl RpError {
    /// A stable snake-case code for JSON, logs and the widget's `error` message.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadStatement(_) => "bad_statement",
            Self::WrongKind { .. } => "wrong_kind",
            Self::WrongFlow { .. } => "wrong_flow",
            Self::WrongChallenge => "wrong_challenge",
            Self::ChallengeExpired { .. } => "challenge_expired",
            Self::WrongOrigin { .. } => "wrong_origin",
            Self::StatementTimeOutOfWindow { .. } => "statement_time_out_of_window",
            Self::BadCertificate(_) => "bad_certificate",
            Self::WrongCertificateKind { .. } => "wrong_certificate_kind",
            Self::Untrusted(_) => "untrusted",
            Self::BadSignature(_) => "bad_signature",
            Self::Cms(CmsProblem::Invalid(_)) => "bad_cms",
            Self::Cms(CmsProblem::ContentMismatch) => "cms_content_mismatch",
            Self::Cms(CmsProblem::HashNotSha256(_)) => "cms_hash_not_sha256",
            Self::Cms(CmsProblem::SignerNotCertificate) => "cms_signer_mismatch",
            Self::Revoked { .. } => "revoked",
            Self::MissingHolderInfo => "missing_holder_info",
        }
    }
}

/// The facts a relying party may keep about a verified certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCertificate {
    /// Issuer DN (RFC 4514).
    pub issuer: String,
    /// Serial number, upper-case hex. Issuer + serial identify this card's certificate.
    pub serial_hex: String,
    /// SHA-256 of the certificate DER, lower-case hex.
    pub fingerprint_sha256: String,
    /// notBefore.
    pub not_before: DateTime,
    /// notAfter.
    pub not_after: DateTime,
    /// The root it chains to (bundled file stem, or DN).
    pub root: String,
    /// Production J-LIS or test (a test root is never proof about a real person).
    pub hierarchy: Hierarchy,
    /// What is known about revocation; see [`VerifiedCertificate::revocation_text`].
    pub revocation: RevocationStatus,
}

impl VerifiedCertificate {
    /// One sentence on revocation, for the record and the person checking it.
    pub fn revocation_text(&self) -> String {
        match self.revocation {
            RevocationStatus::NotChecked => REVOCATION_NOT_CHECKED.to_string(),
            RevocationStatus::NotRevoked { crl_this_update } => format!(
                "not revoked according to the CRL of {}",
                format_time(&crl_this_update)
            ),
            RevocationStatus::Revoked => "revoked".to_string(),
        }
    }
}

/// A verified card login: who signed (their authentication certificate) what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedLogin {
    /// The verified statement.
    pub statement: Statement,
    /// The user-authentication certificate's facts.
    pub certificate: VerifiedCertificate,
}

/// A verified signed submission: the 4 items of the signer and the data they signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSubmission {
    /// The verified statement.
    pub statement: Statement,
    /// The signature certificate's facts.
    pub certificate: VerifiedCertificate,
    /// The 4 items (基本4情報) of the signature certificate (jpki-pki.md §3.1). Never the My
    /// Number: no certificate carries it. `Debug` prints no values.
    pub holder: HolderInfo,
    /// The flow whose data was signed.
    pub flow: Flow,
    /// The signed items.
    pub data: BTreeMap<String, String>,
}

impl LoginResult {
    /// [`verify_login`] on this result.
    pub fn verify<H: HierarchyMarker>(
        &self,
        expected: &Expectation,
        store: &TrustStore<H>,
        now: DateTime,
    ) -> Result<VerifiedLogin, RpError> {
        verify_login(
            &self.statement,
            &self.certificate,
            &self.signature,
            expected,
            store,
            now,
        )
    }
}

impl SubmissionResult {
    /// [`verify_submission`] on this result.
    pub fn verify<H: HierarchyMarker>(
        &self,
        expected: &Expectation,
        store: &TrustStore<H>,
        now: DateTime,
        crl: Option<&Crl<'_>>,
    ) -> Result<VerifiedSubmission, RpError> {
        verify_submission(
            &self.statement,
            &self.certificate,
            &self.cms,
            expected,
            store,
            now,
            crl,
        )
    }
}

/// Verifies a card-login result (widget-protocol.md §4) at the server's time `now`. Revocation
/// is reported as not checked; use [`verify_login_with_crl`] when the relying party has the
/// authentication CA's CRL.
pub fn verify_login<H: HierarchyMarker>(
    statement: &[u8],
    certificate_der: &[u8],
    signature: &[u8],
    expected: &Expectation,
    store: &TrustStore<H>,
    now: DateTime,
) -> Result<VerifiedLogin, RpError> {
    verify_login_with_crl(
        statement,
        certificate_der,
        signature,
        expected,
        store,
        now,
        None,
    )
}

/// [`verify_login`], also checking revocation against `crl` when given.
pub fn verify_login_with_crl<H: HierarchyMarker>(
    statement: &[u8],
    certificate_der: &[u8],
    signature: &[u8],
    expected: &Expectation,
    store: &TrustStore<H>,
    now: DateTime,
    crl: Option<&Crl<'_>>,
) -> Result<VerifiedLogin, RpError> {
    let parsed = check_statement(statement, Kind::Login, expected, now)?;
    let (cert, certificate) = check_certificate(
        certificate_der,
        CertificateKind::UserAuthentication,
        store,
        now,
        crl,
    )?;
    let key = cert.rsa_public_key().map_err(RpError::BadSignature)?;
    signature::verify(&key, HashAlgorithm::Sha256, statement, signature)
        .map_err(RpError::BadSignature)?;
    Ok(VerifiedLogin {
        statement: parsed,
        certificate,
    })
}

/// Verifies a signed-submission result (widget-protocol.md §4) at the server's time `now`,
/// checking revocation against `crl` when given.
pub fn verify_submission<H: HierarchyMarker>(
    statement: &[u8],
    certificate_der: &[u8],
    cms_der: &[u8],
    expected: &Expectation,
    store: &TrustStore<H>,
    now: DateTime,
    crl: Option<&Crl<'_>>,
) -> Result<VerifiedSubmission, RpError> {
    let parsed = check_statement(statement, Kind::Submission, expected, now)?;
    let (cert, certificate) =
        check_certificate(certificate_der, CertificateKind::Signature, store, now, crl)?;
    let signed = cms::verify(cms_der, Some(statement)).map_err(|e| {
        RpError::Cms(match e {
            CmsError::DigestMismatch => CmsProblem::ContentMismatch,
            other => CmsProblem::Invalid(other),
        })
    })?;
    if signed.hash != HashAlgorithm::Sha256 {
        return Err(RpError::Cms(CmsProblem::HashNotSha256(signed.hash)));
    }
    if signed.signer.der() != cert.der() {
        return Err(RpError::Cms(CmsProblem::SignerNotCertificate));
    }
    let holder = cert
        .profile()
        .holder
        .clone()
        .filter(|h| {
            h.name.is_some() || h.address.is_some() || h.date_of_birth.is_some() || h.sex.is_some()
        })
        .ok_or(RpError::MissingHolderInfo)?;
    let (Some(flow), Some(data)) = (parsed.flow(), parsed.data().cloned()) else {
        // Unreachable: check_statement accepted only a submission.
        return Err(RpError::WrongKind {
            expected: Kind::Submission,
            found: parsed.kind(),
        });
    };
    Ok(VerifiedSubmission {
        statement: parsed,
        certificate,
        holder,
        flow,
        data,
    })
}

/// Checks 1–3: grammar, kind, flow, challenge, expiry, origin, time window.
fn check_statement(
    bytes: &[u8],
    kind: Kind,
    expected: &Expectation,
    now: DateTime,
) -> Result<Statement, RpError> {
    let statement = Statement::parse(bytes).map_err(RpError::BadStatement)?;
    for wanted in [expected.kind, kind] {
        if statement.kind() != wanted {
            return Err(RpError::WrongKind {
                expected: wanted,
                found: statement.kind(),
            });
        }
    }
    if let (Some(expected), Some(found)) = (expected.flow, statement.flow()) {
        if expected != found {
            return Err(RpError::WrongFlow { expected, found });
        }
    }
    if statement.challenge() != &expected.challenge {
        return Err(RpError::WrongChallenge);
    }
    if now > expected.expires_at {
        return Err(RpError::ChallengeExpired {
            expires_at: expected.expires_at,
        });
    }
    if statement.origin() != &expected.origin {
        return Err(RpError::WrongOrigin {
            expected: expected.origin.clone(),
            found: statement.origin().clone(),
        });
    }
    let seconds = |t: DateTime| t.unix_duration().as_secs();
    let earliest = seconds(expected.issued_at).saturating_sub(CLOCK_SKEW_SECONDS);
    let latest = seconds(expected.expires_at).saturating_add(CLOCK_SKEW_SECONDS);
    let time = seconds(statement.time());
    if time < earliest || time > latest {
        let at = |s: u64| {
            DateTime::from_unix_duration(core::time::Duration::from_secs(s)).unwrap_or(now)
        };
        return Err(RpError::StatementTimeOutOfWindow {
            time: statement.time(),
            earliest: at(earliest),
            latest: at(latest),
        });
    }
    Ok(statement)
}

/// Check 4 and 6: parse, kind, chain to the store at `now`, revocation when a CRL is given.
fn check_certificate<H: HierarchyMarker>(
    der_bytes: &[u8],
    kind: CertificateKind,
    store: &TrustStore<H>,
    now: DateTime,
    crl: Option<&Crl<'_>>,
) -> Result<(JpkiCertificate, VerifiedCertificate), RpError> {
    let cert = JpkiCertificate::from_der(der_bytes).map_err(RpError::BadCertificate)?;
    let verdict = store.validate(&cert, &ValidationOptions { at: now, crl });
    if verdict.kind != Some(kind) {
        return Err(RpError::WrongCertificateKind {
            expected: kind,
            found: verdict.kind,
        });
    }
    if let Some(Reason::Revoked { time, reason }) = verdict
        .reasons
        .iter()
        .find(|r| matches!(r, Reason::Revoked { .. }))
    {
        return Err(RpError::Revoked {
            time: *time,
            reason: *reason,
        });
    }
    let root = match (&verdict.root, verdict.is_valid()) {
        (Some(root), true) => root.clone(),
        _ => return Err(RpError::Untrusted(verdict)),
    };
    let profile = cert.profile();
    let certificate = VerifiedCertificate {
        issuer: profile.issuer.clone(),
        serial_hex: profile.serial_hex(),
        fingerprint_sha256: hex(&sha2::Sha256::digest(cert.der())),
        not_before: profile.not_before,
        not_after: profile.not_after,
        root,
        hierarchy: H::HIERARCHY,
        revocation: verdict.revocation,
    };
    Ok((cert, certificate))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        use fmt::Write;
        let _ = write!(out, "{b:02x}");
        out
    })
}
