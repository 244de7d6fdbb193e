//! Relying-party side of the widget protocol (docs/widget-protocol.md): the statement a card
//! signs, and the checks a relying party's server runs on a card-login or signed-submission
//! result. No I/O and no clock: the caller passes every time, and the same code runs natively
//! and in Wasm.
//!
//! ```text
//! widget: Statement::login / ::submission ─► to_bytes() ─► card signs
//!          (auth key: raw PKCS#1 v1.5 over DigestInfo(SHA-256);  sign key: detached CMS)
//! server: statement bytes + certificate + signature/CMS ─► verify_login / verify_submission
//!          checks (widget-protocol.md §4): grammar, kind, challenge, origin, time window,
//!          certificate kind, chain to the store, signature, revocation (only with a CRL)
//! ```
//!
//! What this module does not do: remember challenges. The server's store decides that a
//! challenge was issued for this purpose and origin and is used once (widget-protocol.md §4.2);
//! this module checks the statement carries that challenge within its lifetime.
//!
//! ```
//! use pki::rp::{Challenge, Kind, Origin, RelyingParty, Statement};
//!
//! let statement = Statement::login(
//!     Challenge::parse("q8KxT0a-ZB3m_lw9Yf2R")?,
//!     Origin::parse("https://city.example.jp")?,
//!     RelyingParty::parse("みなと市")?,
//!     pki::der::DateTime::new(2026, 12, 3, 10, 1, 0)?,
//! );
//! let bytes = statement.to_bytes();
//! assert_eq!(
//!     bytes,
//!     "mynaweb/1 login\nchallenge: q8KxT0a-ZB3m_lw9Yf2R\norigin: https://city.example.jp\n\
//!      relying-party: みなと市\ntime: 2026-12-03T10:01:00Z\n".as_bytes()
//! );
//! // The server reads the same bytes back, strictly.
//! let parsed = Statement::parse(&bytes)?;
//! assert_eq!(parsed.kind(), Kind::Login);
//! assert_eq!(parsed, statement);
//! // The card signs DigestInfo(SHA-256(bytes)) with the authentication key; the server then
//! // calls pki::rp::verify_login(&bytes, certificate_der, signature, &expectation, &store, now).
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fields;
#[doc(hidden)]
pub mod fuzzing;
mod statement;
mod verify;

pub use fields::{
    format_time, parse_time, Challenge, ChallengeError, Origin, OriginError, RelyingParty,
    TextError, CHALLENGE_MAX_LEN, CHALLENGE_MIN_LEN, RELYING_PARTY_MAX_CHARS,
};
pub use statement::{DataError, Flow, Kind, Statement, StatementError, StatementKind};
pub use verify::{
    verify_login, verify_login_with_crl, verify_submission, CmsProblem, Expectation, LoginResult,
    RpError, SubmissionResult, VerifiedCertificate, VerifiedLogin, VerifiedSubmission,
    CLOCK_SKEW_SECONDS, REVOCATION_NOT_CHECKED,
};
