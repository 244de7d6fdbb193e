//! What the relying party keeps, behind a [`Store`] trait (SQLite in [`crate::sqlite`]).
//!
//! ```text
//! challenges  value (PK) | purpose | origin | issued_at | expires_at | used_at (NULL = unused)
//! customers   id | kind | issuer | serial_hex | certificate DER | 4 items (signature only)
//!             | first_verified_at | last_verified_at          UNIQUE(issuer, serial_hex)
//! logins      id | customer_id | challenge | statement | signature | verified_at
//! submissions id | customer_id | challenge | flow | data (JSON [[key, value], …]) | statement
//!             | cms DER | verified_at
//! consents    id | customer_id | submission_id | text | verified_at
//! ```
//!
//! Only what a verified result carries is stored: certificates, the statement the card signed
//! (widget-protocol.md §2) and its signature. Never a PIN (the server never receives one) and
//! never the My Number (JPKI does not give it to relying parties, flows.md §5.1).

use serde::Serialize;

use crate::challenge::{IssuedChallenge, Purpose};
use crate::clock::UnixTime;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database said no.
    #[error("database: {0}")]
    Database(String),
    /// A stored value could not be read back.
    #[error("stored data is corrupt: {0}")]
    Corrupt(&'static str),
    /// A challenge with this value already exists (randomness repeated: should never happen).
    #[error("a challenge with this value already exists")]
    DuplicateChallenge,
    /// Too many challenges are open (unexpired and unused): someone is asking for them in bulk.
    #[error("too many open challenges ({0}); try again in a few minutes")]
    TooManyOpenChallenges(usize),
}

/// What consuming a challenge found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consumption {
    /// Never issued (or long forgotten).
    Unknown,
    /// Issued and unused until now: now marked used.
    Fresh(IssuedChallenge),
    /// Issued and already used by an earlier attempt.
    AlreadyUsed(IssuedChallenge),
}

/// The 基本4情報 of a signature certificate (jpki-pki.md §3.1), as written in it.
#[derive(Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FourItems {
    /// 氏名.
    pub name: Option<String>,
    /// 住所.
    pub address: Option<String>,
    /// 生年月日, `YYYY-MM-DD` when readable, else as written.
    pub date_of_birth: Option<String>,
    /// 性別: `male`, `female`, `not_known` or the raw code.
    pub sex: Option<String>,
}

impl core::fmt::Debug for FourItems {
    // Personal data stays out of logs.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("FourItems { .. }")
    }
}

/// A verified certificate: the customer's stable id is (issuer, serial).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    /// `user_authentication` or `signature`.
    pub kind: &'static str,
    /// Issuer DN, RFC 4514 text.
    pub issuer: String,
    /// Serial number, upper-case hex (as pki::rp reports it).
    pub serial: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// The 4 items (signature certificates only).
    pub holder: Option<FourItems>,
    /// The certificate, DER.
    #[serde(skip)]
    pub der: Vec<u8>,
}

/// A verified card login to store.
#[derive(Debug, Clone)]
pub struct NewLogin {
    /// The user-authentication certificate.
    pub certificate: Certificate,
    /// The challenge it answered.
    pub challenge: String,
    /// The statement text that was signed.
    pub statement: String,
    /// The RSA signature.
    pub signature: Vec<u8>,
    /// When the server verified it.
    pub verified_at: UnixTime,
}

/// A verified signed submission to store.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    /// The signature certificate.
    pub certificate: Certificate,
    /// The challenge it answered.
    pub challenge: String,
    /// `account` or `consent`.
    pub flow: String,
    /// The signed data lines, in statement order.
    pub data: Vec<(String, String)>,
    /// The statement text that was signed.
    pub statement: String,
    /// The detached CMS SignedData, DER.
    pub cms: Vec<u8>,
    /// When the server verified it.
    pub verified_at: UnixTime,
}

/// One stored verified record, as listed on the demo page and answered by `/api/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// Row id within its kind.
    pub id: i64,
    /// `login` or `submission`.
    pub kind: Purpose,
    /// The customer's id.
    pub customer_id: i64,
    /// The certificate that signed.
    pub certificate: Certificate,
    /// `account` or `consent` (submissions).
    pub flow: Option<String>,
    /// The signed data (submissions).
    pub data: Vec<(String, String)>,
    /// When it was verified, RFC 3339.
    pub verified_at: String,
}

/// A stored customer with a signature certificate (input of the latest-4-items check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCustomer {
    /// Customer id.
    pub id: i64,
    /// The certificate.
    pub certificate: Certificate,
    /// Whether the customer signed the §6.2 consent.
    pub consented: bool,
}

/// Persistence for challenges and verified records.
pub trait Store: Send + Sync {
    /// Stores a new challenge; forgets challenges that expired before `forget_before`. Refuses
    /// when the store's limit of open (unexpired, unused) challenges is reached.
    fn issue_challenge(
        &self,
        challenge: &IssuedChallenge,
        forget_before: UnixTime,
    ) -> Result<(), StoreError>;

    /// Looks the challenge up and marks it used at `now`, in one atomic step.
    fn consume_challenge(&self, value: &str, now: UnixTime) -> Result<Consumption, StoreError>;

    /// Stores a verified login (and its customer); returns the record.
    fn save_login(&self, login: &NewLogin) -> Result<Record, StoreError>;

    /// Stores a verified submission (and its customer; a consent also as a consent); returns
    /// the record.
    fn save_submission(&self, submission: &NewSubmission) -> Result<Record, StoreError>;

    /// Every verified record, newest first, at most `limit`.
    fn records(&self, limit: usize) -> Result<Vec<Record>, StoreError>;

    /// Every customer with a signature certificate.
    fn signature_customers(&self) -> Result<Vec<SignatureCustomer>, StoreError>;
}
