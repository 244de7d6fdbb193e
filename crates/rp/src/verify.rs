//! `POST /api/verify` without the HTTP: one result in, one stored record or one typed refusal
//! out (widget-protocol.md §4).
//!
//! ```text
//! result JSON ──result::parse── statement text ──pki::rp::Statement::parse── its challenge
//!   (a statement that does not parse still spends the challenge its `challenge:` line names)
//! store.consume_challenge ── Unknown → challenge_unknown   AlreadyUsed → challenge_used (replay)
//! challenge::check ── expired / issued for the other purpose / issued to another origin
//! pki::rp::verify_login | verify_submission (Expectation from the stored challenge,
//!   trust store, server time, and the RP's CRL from the certificate's issuer when one was
//!   given — else revocation is "not checked", flows.md §5.1)
//! store.save_login | save_submission ── the record
//! ```
//! The challenge is spent before any cryptography, so a failed attempt cannot be retried with
//! the same challenge.

use pki::rp::{self, Expectation, Kind, RpError, Statement};
use pki::trust::{HierarchyMarker, TrustStore};
use serde_json::Value;

use crate::challenge::{self, ChallengeError, IssuedChallenge, Purpose};
use crate::clock::{to_date_time, UnixTime};
use crate::result::{self, CardResult, ResultError};
use crate::store::{
    Certificate, Consumption, FourItems, NewLogin, NewSubmission, Record, Store, StoreError,
};
use crate::trust::Trust;

/// Why a result was not accepted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The result JSON has the wrong shape.
    #[error(transparent)]
    Result(#[from] ResultError),
    /// The statement does not parse (its challenge, if readable, is spent).
    #[error("the statement is malformed: {0}")]
    Statement(rp::StatementError),
    /// The result's `kind` and its statement's first line disagree.
    #[error("the result's kind is {result}, its statement is a {statement} statement")]
    KindMismatch {
        /// `kind` member.
        result: Purpose,
        /// Statement's kind.
        statement: Purpose,
    },
    /// The challenge cannot be used.
    #[error(transparent)]
    Challenge(#[from] ChallengeError),
    /// `pki::rp` refused the result.
    #[error(transparent)]
    Rejected(#[from] RpError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The server's clock or a stored time is outside what certificates can express.
    #[error("the server's clock is out of range")]
    Clock,
    /// A CRL checked at start-up no longer parses.
    #[error("the relying party's CRL cannot be read")]
    CrlUnusable,
}

impl VerifyError {
    /// A stable snake-case code for JSON answers.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Result(e) => e.code(),
            Self::Statement(_) => "bad_statement",
            Self::KindMismatch { .. } => "wrong_kind",
            Self::Challenge(e) => e.code(),
            Self::Rejected(e) => e.code(),
            Self::Store(_) => "store_failed",
            Self::Clock => "clock_out_of_range",
            Self::CrlUnusable => "crl_unusable",
        }
    }

    /// The HTTP status this refusal is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Challenge(ChallengeError::AlreadyUsed) => 409,
            Self::Challenge(ChallengeError::WrongOrigin)
            | Self::Rejected(RpError::WrongOrigin { .. }) => 403,
            Self::Challenge(ChallengeError::NoRandomness)
            | Self::Store(_)
            | Self::Clock
            | Self::CrlUnusable => 500,
            Self::Rejected(
                RpError::Untrusted(_)
                | RpError::BadSignature(_)
                | RpError::Cms(_)
                | RpError::Revoked { .. }
                | RpError::WrongCertificateKind { .. }
                | RpError::MissingHolderInfo,
            ) => 422,
            _ => 400,
        }
    }
}

/// What the server verifies against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The trust store.
    pub trust: &'a Trust,
    /// The host origin H (API calls come from it; challenges are bound to it).
    pub host_origin: &'a str,
    /// The server's time.
    pub now: UnixTime,
    /// CRLs the relying party supplied (DER), each checked at start-up; the one whose issuer
    /// issued the certificate is used.
    pub crls: &'a [Vec<u8>],
}

/// A verified and stored result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The stored record.
    pub record: Record,
    /// `not_checked` (no CRL from the certificate's issuer) or `not_revoked`.
    pub revocation: &'static str,
    /// One sentence on revocation (pki::rp::VerifiedCertificate::revocation_text).
    pub revocation_note: String,
}

/// The supplied CRL whose issuer is `certificate_der`'s issuer, if any.
fn crl_for<'c>(crls: &'c [Vec<u8>], certificate_der: &[u8]) -> Option<&'c [u8]> {
    use pki::der::Encode;
    let cert = pki::JpkiCertificate::from_der(certificate_der).ok()?;
    let issuer = cert.issuer().to_der().ok()?;
    crls.iter()
        .map(Vec::as_slice)
        .find(|der| pki::crl::Crl::from_der(der).is_ok_and(|c| c.issuer_der() == issuer.as_slice()))
}

fn revocation_of(certificate: &rp::VerifiedCertificate) -> &'static str {
    match certificate.revocation {
        pki::RevocationStatus::NotChecked => "not_checked",
        pki::RevocationStatus::NotRevoked { .. } => "not_revoked",
        pki::RevocationStatus::Revoked => "revoked",
    }
}

/// The challenge a statement names, read leniently (the line starting `challenge: `), so that
/// a statement the strict grammar refuses still spends its challenge.
fn lenient_challenge(statement: &str) -> Option<&str> {
    statement
        .lines()
        .find_map(|l| l.strip_prefix("challenge: "))
        .filter(|c| challenge::is_well_formed(c))
}

fn purpose_of(kind: Kind) -> Purpose {
    match kind {
        Kind::Login => Purpose::Login,
        Kind::Submission => Purpose::Submission,
    }
}

fn spend(store: &dyn Store, value: &str, now: UnixTime) -> Result<IssuedChallenge, VerifyError> {
    match store.consume_challenge(value, now)? {
        Consumption::Unknown => Err(ChallengeError::Unknown.into()),
        Consumption::AlreadyUsed(_) => Err(ChallengeError::AlreadyUsed.into()),
        Consumption::Fresh(issued) => Ok(issued),
    }
}

fn expectation(
    issued: &IssuedChallenge,
    statement: &Statement,
) -> Result<Expectation, VerifyError> {
    Ok(Expectation {
        kind: match issued.purpose {
            Purpose::Login => Kind::Login,
            Purpose::Submission => Kind::Submission,
        },
        flow: issued.flow,
        challenge: statement.challenge().clone(),
        origin: rp::Origin::parse(&issued.origin)
            .map_err(|_| VerifyError::Store(StoreError::Corrupt("challenges.origin")))?,
        issued_at: to_date_time(issued.issued_at).ok_or(VerifyError::Clock)?,
        expires_at: to_date_time(issued.expires_at).ok_or(VerifyError::Clock)?,
    })
}

/// Verifies one result (the `result` member of the request) and stores the record.
pub fn verify(
    store: &dyn Store,
    ctx: Context<'_>,
    result_json: &Value,
) -> Result<Verified, VerifyError> {
    let result = result::parse(result_json)?;
    let statement = match Statement::parse(result.statement().as_bytes()) {
        Ok(s) => s,
        Err(e) => {
            if let Some(value) = lenient_challenge(result.statement()) {
                // Spend it; the answer is about the statement whatever the store says.
                let _ = store.consume_challenge(value, ctx.now);
            }
            return Err(VerifyError::Statement(e));
        }
    };
    let issued = spend(store, statement.challenge().as_str(), ctx.now)?;
    let statement_kind = purpose_of(statement.kind());
    if statement_kind != result.kind() {
        return Err(VerifyError::KindMismatch {
            result: result.kind(),
            statement: statement_kind,
        });
    }
    challenge::check(&issued, false, result.kind(), ctx.host_origin, ctx.now)?;
    let expected = expectation(&issued, &statement)?;
    let now = to_date_time(ctx.now).ok_or(VerifyError::Clock)?;
    let crl_der = crl_for(ctx.crls, result.certificate());
    let crl = match crl_der.map(pki::crl::Crl::from_der).transpose() {
        Ok(crl) => crl,
        Err(_) => return Err(VerifyError::CrlUnusable),
    };
    let checks = Checks {
        expected: &expected,
        now,
        crl: crl.as_ref(),
        verified_at: ctx.now,
    };
    match ctx.trust {
        Trust::Production(trust) => finish(store, &result, trust, &checks),
        Trust::Demo(trust) => finish(store, &result, trust, &checks),
    }
}

fn certificate(
    kind: &'static str,
    verified: &rp::VerifiedCertificate,
    der: &[u8],
    holder: Option<FourItems>,
) -> Certificate {
    Certificate {
        kind,
        issuer: verified.issuer.clone(),
        serial: verified.serial_hex.clone(),
        not_after: rp::format_time(&verified.not_after),
        holder,
        der: der.to_vec(),
    }
}

/// The 4 items as stored: date of birth as `YYYY-MM-DD` when readable, else as written.
pub fn four_items(holder: &pki::holder::HolderInfo) -> FourItems {
    FourItems {
        name: holder.name.clone(),
        address: holder.address.clone(),
        date_of_birth: holder
            .date_of_birth
            .as_ref()
            .map(|d| d.iso8601().unwrap_or_else(|| d.raw.clone())),
        sex: holder.sex.as_ref().map(|s| s.name().to_owned()),
    }
}

struct Checks<'a> {
    expected: &'a Expectation,
    now: pki::der::DateTime,
    crl: Option<&'a pki::crl::Crl<'a>>,
    verified_at: UnixTime,
}

fn finish<H: HierarchyMarker>(
    store: &dyn Store,
    result: &CardResult,
    trust: &TrustStore<H>,
    checks: &Checks<'_>,
) -> Result<Verified, VerifyError> {
    let Checks {
        expected,
        now,
        crl,
        verified_at,
    } = *checks;
    match result {
        CardResult::Login {
            statement,
            certificate: der,
            signature,
        } => {
            let verified = rp::verify_login_with_crl(
                statement.as_bytes(),
                der,
                signature,
                expected,
                trust,
                now,
                crl,
            )?;
            let record = store.save_login(&NewLogin {
                certificate: certificate("user_authentication", &verified.certificate, der, None),
                challenge: expected.challenge.as_str().to_owned(),
                statement: statement.clone(),
                signature: signature.clone(),
                verified_at,
            })?;
            Ok(Verified {
                record,
                revocation: revocation_of(&verified.certificate),
                revocation_note: verified.certificate.revocation_text(),
            })
        }
        CardResult::Submission {
            statement,
            certificate: der,
            cms,
        } => {
            let verified =
                rp::verify_submission(statement.as_bytes(), der, cms, expected, trust, now, crl)?;
            let revocation = revocation_of(&verified.certificate);
            let revocation_note = verified.certificate.revocation_text();
            let record = store.save_submission(&NewSubmission {
                certificate: certificate(
                    "signature",
                    &verified.certificate,
                    der,
                    Some(four_items(&verified.holder)),
                ),
                challenge: expected.challenge.as_str().to_owned(),
                flow: verified.flow.as_str().to_owned(),
                data: verified.data.into_iter().collect(),
                statement: statement.clone(),
                cms: cms.clone(),
                verified_at,
            })?;
            Ok(Verified {
                record,
                revocation,
                revocation_note,
            })
        }
    }
}
