//! The statement: the exact bytes a card signs for a relying party (widget-protocol.md §2).
//!
//! UTF-8, every line ending in LF (the last one too), nothing else at line ends:
//!
//! ```text
//! +------+-------------------------------------+---------------------------------------------+
//! | line | bytes                               | rule (widget-protocol.md §2)                |
//! +------+-------------------------------------+---------------------------------------------+
//! | 1    | "mynaweb/1 " ("login"|"submission") | version 1 and the kind                      |
//! | 2    | "challenge: " challenge             | 16–128 of [A-Za-z0-9_-]                     |
//! | 3    | "origin: " origin                   | scheme "://" host [":" port], lower case    |
//! | 4    | "relying-party: " name              | 1–80 characters, no control characters      |
//! | 5    | "time: " YYYY-MM-DDTHH:MM:SSZ       | the widget's clock, UTC                     |
//! +------+-------------------------------------+---------------------------------------------+
//! | submission only:                                                                        |
//! | 6    | "flow: " ("account"|"consent")      |                                             |
//! | 7    | "data:"                             |                                             |
//! | 8…   | key "=" value                       | keys [a-z0-9_]+, strictly ascending by      |
//! |      |                                     | bytes; values 1+ characters, no control     |
//! |      |                                     | characters, no whitespace at either end     |
//! +------+-------------------------------------+---------------------------------------------+
//! ```
//!
//! The keys of each flow are fixed (widget-protocol.md §2): `account` signs exactly
//! `account_number`, `account_type` (`futsu` | `toza`), `bank_code`, `branch_code`,
//! `holder_kana`; `consent` signs exactly `consent`. Nothing else can be signed, so a statement
//! can never carry a PIN or a My Number.
//!
//! Parsing is strict and total: the bytes either are exactly what [`Statement::to_bytes`]
//! writes for the value returned, or the error names the first offending line.

use std::collections::BTreeMap;
use std::fmt;

use der::DateTime;

use super::fields::{
    check_text, format_time, parse_time, Challenge, ChallengeError, Origin, OriginError,
    RelyingParty, TextError,
};

/// First bytes of every statement, before the kind.
const VERSION_PREFIX: &str = "mynaweb/1 ";

/// Which result a statement is for (widget-protocol.md §2, first line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Card login: signed with the user-authentication key.
    Login,
    /// Signed submission: signed with the signature key.
    Submission,
}

impl Kind {
    /// The word on the first line: `login` or `submission`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Submission => "submission",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a submission signs (widget-protocol.md §2, `flow:` line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    /// The 公金受取口座 account data (flows.md §2).
    Account,
    /// The consent to the latest-4-items service (flows.md §6.2).
    Consent,
}

impl Flow {
    /// The word on the `flow:` line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Consent => "consent",
        }
    }

    /// The exact keys this flow signs, in byte order (widget-protocol.md §2).
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Self::Account => &[
                "account_number",
                "account_type",
                "bank_code",
                "branch_code",
                "holder_kana",
            ],
            Self::Consent => &["consent"],
        }
    }

    fn from_word(word: &str) -> Option<Self> {
        match word {
            "account" => Some(Self::Account),
            "consent" => Some(Self::Consent),
            _ => None,
        }
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a submission's data was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// A key is empty or uses a character outside `[a-z0-9_]`.
    #[error("a key uses only a-z, 0-9 and '_'")]
    BadKey,
    /// A key this flow does not sign.
    #[error("the {flow} flow does not sign the key {key}")]
    UnexpectedKey {
        /// The flow.
        flow: Flow,
        /// The key (it passed the key charset check).
        key: String,
    },
    /// A key this flow always signs is missing.
    #[error("the {flow} flow signs {key}, which is missing")]
    MissingKey {
        /// The flow.
        flow: Flow,
        /// The missing key.
        key: &'static str,
    },
    /// A value breaks the text rules.
    #[error("the value of {key}: {source}")]
    BadValue {
        /// The key whose value is refused.
        key: String,
        /// What is wrong with it.
        source: TextError,
    },
    /// `account_type` is neither `futsu` nor `toza`.
    #[error("account_type is futsu or toza")]
    AccountType,
}

/// Checks one key/value pair for `flow`.
fn check_item(flow: Flow, key: &str, value: &str) -> Result<(), DataError> {
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(DataError::BadKey);
    }
    if !flow.keys().contains(&key) {
        return Err(DataError::UnexpectedKey {
            flow,
            key: key.to_string(),
        });
    }
    check_text(value, None).map_err(|source| DataError::BadValue {
        key: key.to_string(),
        source,
    })?;
    if key == "account_type" && !matches!(value, "futsu" | "toza") {
        return Err(DataError::AccountType);
    }
    Ok(())
}

/// The first key of `flow` missing from `data`.
fn missing_key(flow: Flow, mut present: impl FnMut(&str) -> bool) -> Option<&'static str> {
    flow.keys().iter().copied().find(|key| !present(key))
}

/// What a statement is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementKind {
    /// Card login: nothing beyond the common lines.
    Login,
    /// Signed submission of `data` for `flow`.
    Submission {
        /// The flow whose data is signed.
        flow: Flow,
        /// The signed items, sorted by key bytes (by construction of `BTreeMap<String, _>`).
        data: BTreeMap<String, String>,
    },
}

/// A statement (widget-protocol.md §2). Every value of this type is valid: it is built only by
/// [`Statement::login`], [`Statement::submission`] or [`Statement::parse`], and
/// `Statement::parse(&s.to_bytes()) == Ok(s)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    kind: StatementKind,
    challenge: Challenge,
    origin: Origin,
    relying_party: RelyingParty,
    time: DateTime,
}

/// Why bytes are not a statement. Lines count from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatementError {
    /// Not UTF-8: the first invalid byte is on this line, at this byte offset of the statement.
    #[error("line {line}: not UTF-8 (byte offset {offset})")]
    NotUtf8 {
        /// The line.
        line: usize,
        /// Offset of the first invalid byte in the statement.
        offset: usize,
    },
    /// Empty, or the last line does not end with LF.
    #[error("the statement does not end with a line feed")]
    MissingFinalLineFeed,
    /// Line 1 is `mynaweb/N …` with another version.
    #[error("line 1: not version 1 of the statement format")]
    UnsupportedVersion,
    /// Line 1 is not `mynaweb/1 login` or `mynaweb/1 submission`.
    #[error("line 1: expected `mynaweb/1 login` or `mynaweb/1 submission`")]
    BadHeader,
    /// The line is missing or does not start as it must.
    #[error("line {line}: expected `{expected}`")]
    Expected {
        /// The line.
        line: usize,
        /// What the line must start with (or be).
        expected: &'static str,
    },
    /// The challenge line's value is not a challenge.
    #[error("line {line}: {source}")]
    Challenge {
        /// The line.
        line: usize,
        /// What is wrong.
        source: ChallengeError,
    },
    /// The origin line's value is not a serialized origin.
    #[error("line {line}: {source}")]
    Origin {
        /// The line.
        line: usize,
        /// What is wrong.
        source: OriginError,
    },
    /// The relying-party name breaks the text rules.
    #[error("line {line}: the relying party's name: {source}")]
    RelyingParty {
        /// The line.
        line: usize,
        /// What is wrong.
        source: TextError,
    },
    /// The time is not `YYYY-MM-DDTHH:MM:SSZ` or not a real time.
    #[error("line {line}: the time is not YYYY-MM-DDTHH:MM:SSZ")]
    Time {
        /// The line.
        line: usize,
    },
    /// The flow is neither `account` nor `consent`.
    #[error("line {line}: the flow is account or consent")]
    UnknownFlow {
        /// The line.
        line: usize,
    },
    /// A key is not strictly greater (by bytes) than the one before it.
    #[error("line {line}: keys must be unique and sorted by bytes")]
    KeyOrder {
        /// The line.
        line: usize,
    },
    /// An item is refused; for a missing key, `line` is the `data:` line.
    #[error("line {line}: {source}")]
    Data {
        /// The line.
        line: usize,
        /// What is wrong.
        source: DataError,
    },
    /// A login statement goes on after its time line.
    #[error("line {line}: a login statement ends after its time line")]
    TrailingLine {
        /// The line.
        line: usize,
    },
}

impl Statement {
    /// A card-login statement.
    pub fn login(
        challenge: Challenge,
        origin: Origin,
        relying_party: RelyingParty,
        time: DateTime,
    ) -> Self {
        Self {
            kind: StatementKind::Login,
            challenge,
            origin,
            relying_party,
            time,
        }
    }

    /// A signed-submission statement; `data` must hold exactly the keys of `flow`, each value
    /// by the text rules.
    pub fn submission(
        challenge: Challenge,
        origin: Origin,
        relying_party: RelyingParty,
        time: DateTime,
        flow: Flow,
        data: BTreeMap<String, String>,
    ) -> Result<Self, DataError> {
        for (key, value) in &data {
            check_item(flow, key, value)?;
        }
        if let Some(key) = missing_key(flow, |k| data.contains_key(k)) {
            return Err(DataError::MissingKey { flow, key });
        }
        Ok(Self {
            kind: StatementKind::Submission { flow, data },
            challenge,
            origin,
            relying_party,
            time,
        })
    }

    /// Which result this statement is for.
    pub fn kind(&self) -> Kind {
        match self.kind {
            StatementKind::Login => Kind::Login,
            StatementKind::Submission { .. } => Kind::Submission,
        }
    }

    /// What the statement is about (the submission's flow and data).
    pub fn content(&self) -> &StatementKind {
        &self.kind
    }

    /// The submission's flow, `None` for a login.
    pub fn flow(&self) -> Option<Flow> {
        match &self.kind {
            StatementKind::Login => None,
            StatementKind::Submission { flow, .. } => Some(*flow),
        }
    }

    /// The submission's signed items, `None` for a login.
    pub fn data(&self) -> Option<&BTreeMap<String, String>> {
        match &self.kind {
            StatementKind::Login => None,
            StatementKind::Submission { data, .. } => Some(data),
        }
    }

    /// The relying party's challenge.
    pub fn challenge(&self) -> &Challenge {
        &self.challenge
    }

    /// The host page's origin.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The relying party's name as shown to the person.
    pub fn relying_party(&self) -> &RelyingParty {
        &self.relying_party
    }

    /// The widget's clock when the statement was made (UTC).
    pub fn time(&self) -> DateTime {
        self.time
    }

    /// The exact bytes to sign (widget-protocol.md §2).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    /// Reads a statement, strictly: anything [`Statement::to_bytes`] would not write is an error
    /// naming its line.
    pub fn parse(bytes: &[u8]) -> Result<Self, StatementError> {
        let text = core::str::from_utf8(bytes).map_err(|e| {
            let offset = e.valid_up_to();
            let line = 1 + bytes
                .get(..offset)
                .map_or(0, |valid| valid.iter().filter(|&&b| b == b'\n').count());
            StatementError::NotUtf8 { line, offset }
        })?;
        let body = text
            .strip_suffix('\n')
            .ok_or(StatementError::MissingFinalLineFeed)?;
        let mut lines = Lines {
            inner: body.split('\n'),
            number: 0,
        };

        let header = lines.next().unwrap_or_default();
        let kind = match header.strip_prefix(VERSION_PREFIX) {
            Some("login") => Kind::Login,
            Some("submission") => Kind::Submission,
            Some(_) => return Err(StatementError::BadHeader),
            None if header.starts_with("mynaweb/") => {
                return Err(StatementError::UnsupportedVersion)
            }
            None => return Err(StatementError::BadHeader),
        };

        let (line, value) = lines.field("challenge: ")?;
        let challenge =
            Challenge::parse(value).map_err(|source| StatementError::Challenge { line, source })?;
        let (line, value) = lines.field("origin: ")?;
        let origin =
            Origin::parse(value).map_err(|source| StatementError::Origin { line, source })?;
        let (line, value) = lines.field("relying-party: ")?;
        let relying_party = RelyingParty::parse(value)
            .map_err(|source| StatementError::RelyingParty { line, source })?;
        let (line, value) = lines.field("time: ")?;
        let time = parse_time(value).ok_or(StatementError::Time { line })?;

        let kind = match kind {
            Kind::Login => {
                if lines.next().is_some() {
                    return Err(StatementError::TrailingLine { line: lines.number });
                }
                StatementKind::Login
            }
            Kind::Submission => {
                let (flow, data) = parse_submission(&mut lines)?;
                StatementKind::Submission { flow, data }
            }
        };
        Ok(Self {
            kind,
            challenge,
            origin,
            relying_party,
            time,
        })
    }
}

/// Reads the `flow:` line, the `data:` line and the items to the end.
fn parse_submission(
    lines: &mut Lines<'_>,
) -> Result<(Flow, BTreeMap<String, String>), StatementError> {
    let (line, value) = lines.field("flow: ")?;
    let flow = Flow::from_word(value).ok_or(StatementError::UnknownFlow { line })?;
    let data_line = lines.number + 1;
    if lines.next() != Some("data:") {
        return Err(StatementError::Expected {
            line: data_line,
            expected: "data:",
        });
    }
    let mut data = BTreeMap::new();
    let mut previous: Option<&str> = None;
    while let Some(item) = lines.next() {
        let line = lines.number;
        let (key, value) = item.split_once('=').ok_or(StatementError::Expected {
            line,
            expected: "key=value",
        })?;
        check_item(flow, key, value).map_err(|source| StatementError::Data { line, source })?;
        if previous.is_some_and(|p| p.as_bytes() >= key.as_bytes()) {
            return Err(StatementError::KeyOrder { line });
        }
        previous = Some(key);
        data.insert(key.to_string(), value.to_string());
    }
    if let Some(key) = missing_key(flow, |k| data.contains_key(k)) {
        return Err(StatementError::Data {
            line: data_line,
            source: DataError::MissingKey { flow, key },
        });
    }
    Ok((flow, data))
}

/// The statement's lines with their 1-based numbers.
struct Lines<'a> {
    inner: core::str::Split<'a, char>,
    number: usize,
}

impl<'a> Lines<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let line = self.inner.next()?;
        self.number += 1;
        Some(line)
    }

    /// The next line's value after `prefix`, with its number.
    fn field(&mut self, prefix: &'static str) -> Result<(usize, &'a str), StatementError> {
        let line = self.number + 1;
        self.next()
            .and_then(|l| l.strip_prefix(prefix))
            .map(|value| (line, value))
            .ok_or(StatementError::Expected {
                line,
                expected: prefix,
            })
    }
}

impl fmt::Display for Statement {
    /// The statement text, exactly the signed bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{VERSION_PREFIX}{}", self.kind())?;
        writeln!(f, "challenge: {}", self.challenge)?;
        writeln!(f, "origin: {}", self.origin)?;
        writeln!(f, "relying-party: {}", self.relying_party)?;
        writeln!(f, "time: {}", format_time(&self.time))?;
        if let StatementKind::Submission { flow, data } = &self.kind {
            writeln!(f, "flow: {flow}")?;
            writeln!(f, "data:")?;
            for (key, value) in data {
                writeln!(f, "{key}={value}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "statement_tests.rs"]
mod tests;
