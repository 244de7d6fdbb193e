//! The widget's result JSON (widget-protocol.md §3), checked for shape before any cryptography.
//!
//! ```text
//! login:      { "version": 1, "kind": "login", "statement": text,
//!               "certificate": base64 DER (user authentication),
//!               "hash": "sha256", "signature": base64 (PKCS#1 v1.5 over DigestInfo(SHA-256)) }
//! submission: { "version": 1, "kind": "submission", "statement": text,
//!               "certificate": base64 DER (signature), "cms": base64 DER (detached SignedData) }
//! ```
//! base64 is the standard alphabet with padding (RFC 4648 §4). Other members are ignored.
//! Sizes are bounded before decoding: a statement of at most 16 KiB, a certificate of at most
//! 16 KiB, a signature of at most 1 KiB, a CMS of at most 64 KiB.

use serde_json::Value;

use crate::challenge::Purpose;

/// Longest statement accepted, in bytes.
pub const MAX_STATEMENT: usize = 16 * 1024;
/// Longest certificate accepted, in bytes (DER).
pub const MAX_CERTIFICATE: usize = 16 * 1024;
/// Longest raw signature accepted, in bytes.
pub const MAX_SIGNATURE: usize = 1024;
/// Longest CMS accepted, in bytes (DER).
pub const MAX_CMS: usize = 64 * 1024;

/// A result as the widget sent it, decoded but not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardResult {
    /// Card login.
    Login {
        /// The statement text.
        statement: String,
        /// The user-authentication certificate, DER.
        certificate: Vec<u8>,
        /// The raw RSA signature.
        signature: Vec<u8>,
    },
    /// Signed submission.
    Submission {
        /// The statement text.
        statement: String,
        /// The signature certificate, DER.
        certificate: Vec<u8>,
        /// Detached CMS SignedData, DER.
        cms: Vec<u8>,
    },
}

impl CardResult {
    /// Which kind of result.
    pub fn kind(&self) -> Purpose {
        match self {
            Self::Login { .. } => Purpose::Login,
            Self::Submission { .. } => Purpose::Submission,
        }
    }

    /// The statement text.
    pub fn statement(&self) -> &str {
        match self {
            Self::Login { statement, .. } | Self::Submission { statement, .. } => statement,
        }
    }

    /// The certificate, DER.
    pub fn certificate(&self) -> &[u8] {
        match self {
            Self::Login { certificate, .. } | Self::Submission { certificate, .. } => certificate,
        }
    }

    /// The result as the widget sends it (widget-protocol.md §3).
    pub fn to_json(&self) -> Value {
        match self {
            Self::Login {
                statement,
                certificate,
                signature,
            } => serde_json::json!({
                "version": 1, "kind": "login", "statement": statement,
                "certificate": crate::base64::encode(certificate),
                "hash": "sha256", "signature": crate::base64::encode(signature),
            }),
            Self::Submission {
                statement,
                certificate,
                cms,
            } => serde_json::json!({
                "version": 1, "kind": "submission", "statement": statement,
                "certificate": crate::base64::encode(certificate),
                "cms": crate::base64::encode(cms),
            }),
        }
    }
}

/// Why a result was refused before verification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResultError {
    /// Not a JSON object.
    #[error("the result is not a JSON object")]
    NotObject,
    /// A member is missing or of the wrong JSON type.
    #[error("the result's `{0}` is missing or not a {1}")]
    Member(&'static str, &'static str),
    /// `version` is not 1.
    #[error("unsupported result version (this server reads version 1)")]
    Version,
    /// `kind` is neither `login` nor `submission`.
    #[error("unknown result kind (expected login or submission)")]
    Kind,
    /// `hash` is not `sha256`.
    #[error("unsupported hash (a login result is signed over SHA-256)")]
    Hash,
    /// A member is not valid base64.
    #[error("the result's `{0}` is not valid base64")]
    Base64(&'static str),
    /// A member is larger than this server accepts.
    #[error("the result's `{0}` is too large")]
    TooLarge(&'static str),
}

impl ResultError {
    /// A stable snake-case code for JSON answers.
    pub fn code(&self) -> &'static str {
        "malformed_result"
    }
}

fn text<'a>(
    obj: &'a serde_json::Map<String, Value>,
    name: &'static str,
) -> Result<&'a str, ResultError> {
    obj.get(name)
        .and_then(Value::as_str)
        .ok_or(ResultError::Member(name, "string"))
}

fn bytes(
    obj: &serde_json::Map<String, Value>,
    name: &'static str,
    max: usize,
) -> Result<Vec<u8>, ResultError> {
    let t = text(obj, name)?;
    // base64 is 4 characters per 3 bytes.
    if t.len() > max.div_ceil(3) * 4 {
        return Err(ResultError::TooLarge(name));
    }
    crate::base64::decode(t).ok_or(ResultError::Base64(name))
}

/// Reads a result (widget-protocol.md §3).
pub fn parse(value: &Value) -> Result<CardResult, ResultError> {
    let obj = value.as_object().ok_or(ResultError::NotObject)?;
    match obj.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(_) => return Err(ResultError::Version),
        None => return Err(ResultError::Member("version", "number")),
    }
    let kind = Purpose::from_name(text(obj, "kind")?).ok_or(ResultError::Kind)?;
    let statement = text(obj, "statement")?;
    if statement.len() > MAX_STATEMENT {
        return Err(ResultError::TooLarge("statement"));
    }
    let statement = statement.to_owned();
    let certificate = bytes(obj, "certificate", MAX_CERTIFICATE)?;
    Ok(match kind {
        Purpose::Login => {
            if text(obj, "hash")? != "sha256" {
                return Err(ResultError::Hash);
            }
            CardResult::Login {
                statement,
                certificate,
                signature: bytes(obj, "signature", MAX_SIGNATURE)?,
            }
        }
        Purpose::Submission => CardResult::Submission {
            statement,
            certificate,
            cms: bytes(obj, "cms", MAX_CMS)?,
        },
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_both_kinds() {
        let login = json!({"version": 1, "kind": "login", "statement": "s\n",
            "certificate": "MAA=", "hash": "sha256", "signature": "AQI="});
        assert_eq!(
            parse(&login).unwrap(),
            CardResult::Login {
                statement: "s\n".into(),
                certificate: vec![0x30, 0],
                signature: vec![1, 2]
            }
        );
        let sub = json!({"version": 1, "kind": "submission", "statement": "t\n",
            "certificate": "MAA=", "cms": "MAA=", "extra": true});
        assert_eq!(parse(&sub).unwrap().kind(), Purpose::Submission);
    }

    #[test]
    fn refuses_wrong_shapes() {
        assert_eq!(parse(&json!([])), Err(ResultError::NotObject));
        assert_eq!(
            parse(&json!({"version": 2, "kind": "login"})),
            Err(ResultError::Version)
        );
        assert_eq!(
            parse(&json!({"version": 1, "kind": "logout"})),
            Err(ResultError::Kind)
        );
        assert_eq!(
            parse(&json!({"version": 1, "kind": "login", "statement": "s",
                "certificate": "MAA=", "hash": "sha1", "signature": "AQI="})),
            Err(ResultError::Hash)
        );
        assert_eq!(
            parse(
                &json!({"version": 1, "kind": "submission", "statement": "s",
                "certificate": "MA", "cms": "MAA="})
            ),
            Err(ResultError::Base64("certificate"))
        );
        assert_eq!(
            parse(
                &json!({"version": 1, "kind": "submission", "statement": "s",
                "certificate": "MAA="})
            ),
            Err(ResultError::Member("cms", "string"))
        );
        let big = "A".repeat(MAX_CMS / 3 * 4 + 8);
        assert_eq!(
            parse(
                &json!({"version": 1, "kind": "submission", "statement": "s",
                "certificate": "MAA=", "cms": big})
            ),
            Err(ResultError::TooLarge("cms"))
        );
    }
}
