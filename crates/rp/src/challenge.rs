//! One-time challenges (widget-protocol.md §4 step 2).
//!
//! ```text
//! +-----------+------------------------------------------------------------------+
//! | value     | 32 random bytes (OS randomness), base64url without padding:      |
//! |           | 43 characters of [A-Za-z0-9_-] (the statement allows 16–128)     |
//! | purpose   | login | submission — must equal the result's kind                |
//! | flow      | optional, submission only: account | consent — must equal the     |
//! |           | statement's `flow:` line (checked by pki::rp)                    |
//! | origin    | the host origin it was issued to (the statement's `origin` line) |
//! | lifetime  | 5 minutes from issue                                             |
//! | use       | once: consumed by the first verify attempt, even a failed one    |
//! +-----------+------------------------------------------------------------------+
//! ```
//!
//! [`check`] is the pure rule; the [`crate::store::Store`] makes "consume" atomic.

use core::fmt;

use pki::rp::Flow;
use serde::{Deserialize, Serialize};

use crate::clock::UnixTime;

/// How long a challenge can be used, in seconds (5 minutes).
pub const LIFETIME_SECS: i64 = 300;

/// Random bytes in a challenge.
pub const RANDOM_BYTES: usize = 32;

/// What a challenge may be used for: the statement's kind (widget-protocol.md §2, first line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// Card login with the user-authentication certificate.
    Login,
    /// Signed submission with the signature certificate.
    Submission,
}

impl Purpose {
    /// The protocol's name (`"login"`, `"submission"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Submission => "submission",
        }
    }

    /// Parses the protocol's name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "login" => Some(Self::Login),
            "submission" => Some(Self::Submission),
            _ => None,
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The submission flow named `word` (`account`, `consent`; widget-protocol.md §2).
pub fn flow_from_name(word: &str) -> Option<Flow> {
    match word {
        "account" => Some(Flow::Account),
        "consent" => Some(Flow::Consent),
        _ => None,
    }
}

/// A challenge the server issued, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedChallenge {
    /// The challenge text (base64url).
    pub value: String,
    /// What it may be used for.
    pub purpose: Purpose,
    /// For a submission: the only flow it may sign (`None`: either).
    pub flow: Option<Flow>,
    /// The host origin it was issued to.
    pub origin: String,
    /// When it was issued.
    pub issued_at: UnixTime,
    /// The last second it can be used in.
    pub expires_at: UnixTime,
}

/// Why a challenge cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChallengeError {
    /// The server never issued it (or forgot it long after it expired).
    #[error("the challenge was not issued by this server")]
    Unknown,
    /// It was already used by an earlier verify attempt: a replay.
    #[error("the challenge was already used (a result is accepted only once)")]
    AlreadyUsed,
    /// Its lifetime is over.
    #[error("the challenge expired (a challenge lasts {} minutes)", LIFETIME_SECS / 60)]
    Expired,
    /// It was issued for the other kind of result.
    #[error("the challenge was issued for a {issued_for} result, not a {used_for} result")]
    WrongPurpose {
        /// Issued for.
        issued_for: Purpose,
        /// Used for.
        used_for: Purpose,
    },
    /// It was issued to another origin.
    #[error("the challenge was issued to another origin")]
    WrongOrigin,
    /// A flow was asked for a login challenge.
    #[error("only a submission challenge can be bound to a flow")]
    FlowWithoutSubmission,
    /// The operating system gave no randomness.
    #[error("no randomness available to make a challenge")]
    NoRandomness,
}

impl ChallengeError {
    /// A stable snake-case code for JSON answers.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unknown => "challenge_unknown",
            Self::AlreadyUsed => "challenge_used",
            Self::Expired => "challenge_expired",
            Self::WrongPurpose { .. } => "challenge_wrong_purpose",
            Self::WrongOrigin => "challenge_wrong_origin",
            Self::FlowWithoutSubmission => "bad_flow",
            Self::NoRandomness => "no_randomness",
        }
    }
}

/// Makes a new challenge for `purpose` (and, for a submission, optionally one `flow`) at
/// `origin`, valid from `now` for [`LIFETIME_SECS`].
pub fn issue(
    purpose: Purpose,
    flow: Option<Flow>,
    origin: &str,
    now: UnixTime,
) -> Result<IssuedChallenge, ChallengeError> {
    if flow.is_some() && purpose != Purpose::Submission {
        return Err(ChallengeError::FlowWithoutSubmission);
    }
    let mut random = [0u8; RANDOM_BYTES];
    getrandom::getrandom(&mut random).map_err(|_| ChallengeError::NoRandomness)?;
    Ok(IssuedChallenge {
        value: crate::base64::encode_url(&random),
        purpose,
        flow,
        origin: origin.to_owned(),
        issued_at: now,
        expires_at: now.saturating_add(LIFETIME_SECS),
    })
}

/// Whether a stored challenge may be used, at `now`, for `purpose` at `origin`. `used` says
/// whether an earlier attempt already consumed it. Checks in this order: used, expired,
/// purpose, origin.
pub fn check(
    issued: &IssuedChallenge,
    used: bool,
    purpose: Purpose,
    origin: &str,
    now: UnixTime,
) -> Result<(), ChallengeError> {
    if used {
        return Err(ChallengeError::AlreadyUsed);
    }
    if now > issued.expires_at || now < issued.issued_at {
        return Err(ChallengeError::Expired);
    }
    if issued.purpose != purpose {
        return Err(ChallengeError::WrongPurpose {
            issued_for: issued.purpose,
            used_for: purpose,
        });
    }
    if issued.origin != origin {
        return Err(ChallengeError::WrongOrigin);
    }
    Ok(())
}

/// True when `value` has the statement grammar's challenge form: 16–128 characters of
/// `[A-Za-z0-9_-]` (widget-protocol.md §2).
pub fn is_well_formed(value: &str) -> bool {
    (16..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const H: &str = "http://127.0.0.1:8081";

    #[test]
    fn issued_challenges_are_43_url_safe_characters_and_differ() {
        let a = issue(Purpose::Login, None, H, 1000).unwrap();
        let b = issue(Purpose::Login, None, H, 1000).unwrap();
        assert_eq!(a.value.len(), 43);
        assert!(is_well_formed(&a.value));
        assert_ne!(a.value, b.value);
        assert_eq!(a.expires_at, 1300);
        assert_eq!(a.origin, H);
    }

    #[test]
    fn rule_order_and_boundaries() {
        let c = issue(Purpose::Submission, None, H, 1000).unwrap();
        assert_eq!(check(&c, false, Purpose::Submission, H, 1000), Ok(()));
        assert_eq!(check(&c, false, Purpose::Submission, H, 1300), Ok(()));
        assert_eq!(
            check(&c, false, Purpose::Submission, H, 1301),
            Err(ChallengeError::Expired)
        );
        assert_eq!(
            check(&c, false, Purpose::Submission, H, 999),
            Err(ChallengeError::Expired)
        );
        assert_eq!(
            check(&c, true, Purpose::Submission, H, 1000),
            Err(ChallengeError::AlreadyUsed)
        );
        assert_eq!(
            check(&c, false, Purpose::Login, H, 1000),
            Err(ChallengeError::WrongPurpose {
                issued_for: Purpose::Submission,
                used_for: Purpose::Login
            })
        );
        assert_eq!(
            check(
                &c,
                false,
                Purpose::Submission,
                "http://127.0.0.1:9999",
                1000
            ),
            Err(ChallengeError::WrongOrigin)
        );
    }

    #[test]
    fn only_submissions_bind_a_flow() {
        let c = issue(Purpose::Submission, Some(Flow::Consent), H, 0).unwrap();
        assert_eq!(c.flow, Some(Flow::Consent));
        assert_eq!(
            issue(Purpose::Login, Some(Flow::Account), H, 0),
            Err(ChallengeError::FlowWithoutSubmission)
        );
        assert_eq!(flow_from_name("account"), Some(Flow::Account));
        assert_eq!(flow_from_name("Account"), None);
    }

    #[test]
    fn well_formed_bounds() {
        assert!(!is_well_formed(&"a".repeat(15)));
        assert!(is_well_formed(&"a".repeat(16)));
        assert!(is_well_formed(&"a".repeat(128)));
        assert!(!is_well_formed(&"a".repeat(129)));
        assert!(!is_well_formed("abcdefghijklmnop="));
    }
}
