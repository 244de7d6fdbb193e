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
