//! The checked fields of a statement (widget-protocol.md §2): the relying party's challenge, the
//! host page's serialized origin, free text (the relying party's name, signed values) and the
//! statement time.
//!
//! ```text
//! +----------------+-----------------------------------------------------------------------+
//! | field          | form (widget-protocol.md §2)                                          |
//! +----------------+-----------------------------------------------------------------------+
//! | challenge      | 16–128 characters of [A-Za-z0-9_-]                                    |
//! | origin         | scheme "://" host [":" port]: scheme http|https, lower case, no path,  |
//! |                | no default port (HTML "serialization of an origin")                   |
//! | text           | non-empty, no control characters (Unicode Cc), no line or paragraph   |
//! |                | separator, no bidi control or mark, no zero-width character, no       |
//! |                | whitespace at either end                                              |
//! | time           | YYYY-MM-DDTHH:MM:SSZ (UTC)                                            |
//! +----------------+-----------------------------------------------------------------------+
//! ```

use core::fmt;

use der::DateTime;

/// Shortest challenge accepted (widget-protocol.md §2).
pub const CHALLENGE_MIN_LEN: usize = 16;
/// Longest challenge accepted (widget-protocol.md §2).
pub const CHALLENGE_MAX_LEN: usize = 128;
/// Longest relying-party display name, in characters (widget-protocol.md §1, `init`).
pub const RELYING_PARTY_MAX_CHARS: usize = 80;

/// Why a challenge was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChallengeError {
    /// Fewer than 16 or more than 128 bytes.
    #[error("a challenge is 16 to 128 ASCII characters long, this one is {0} bytes")]
    Length(usize),
    /// A character outside `[A-Za-z0-9_-]`, at this byte offset.
    #[error("a challenge uses only A-Z, a-z, 0-9, '_' and '-' (offending byte at offset {0})")]
    Charset(usize),
}

/// The relying party's one-time challenge: 16–128 characters of `[A-Za-z0-9_-]`
/// (widget-protocol.md §2). Base64url without padding fits.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Challenge(String);

impl Challenge {
    /// Checks `text` against the challenge form.
    pub fn parse(text: &str) -> Result<Self, ChallengeError> {
        let len = text.len();
        if !(CHALLENGE_MIN_LEN..=CHALLENGE_MAX_LEN).contains(&len) {
            return Err(ChallengeError::Length(len));
        }
        if let Some(at) = text
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        {
            return Err(ChallengeError::Charset(at));
        }
        Ok(Self(text.to_owned()))
    }

    /// The challenge text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Challenge").field(&self.0).finish()
    }
}

impl fmt::Display for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an origin was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OriginError {
    /// Not `scheme://…`, or a scheme other than `http` / `https` (in lower case).
    #[error("an origin starts with https:// or http://")]
    Scheme,
    /// The host is empty, not lower case, has an empty or over-long label, a label that starts
    /// or ends with '-', a character outside [a-z0-9.-], or a bracketed IPv6 address not in its
    /// canonical form.
    #[error("the origin's host is not a lower-case host name or address")]
    Host,
    /// The port is not 1–65535 in plain decimal, or is the scheme's default (which a
    /// serialized origin leaves out).
    #[error("the origin's port is not 1-65535 without leading zeros, or is the scheme's default")]
    Port,
    /// A path, query, fragment or user info follows the host.
    #[error("an origin has no path, query, fragment or user name")]
    NotBare,
}

/// A serialized web origin, `scheme "://" host [":" port]`, exactly as a browser reports it in
/// `MessageEvent.origin` (widget-protocol.md §2; HTML "serialization of an origin"): scheme
/// `https` or `http`, lower case, no path, no default port.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    text: String,
}

impl Origin {
    /// Checks `text` against the serialized-origin form. Refuses anything a browser would not
    /// produce itself (upper case, a trailing '/', `:443` on https) rather than normalising it.
    pub fn parse(text: &str) -> Result<Self, OriginError> {
        let (scheme, rest) = text.split_once("://").ok_or(OriginError::Scheme)?;
        let default_port = match scheme {
            "https" => 443,
            "http" => 80,
            _ => return Err(OriginError::Scheme),
        };
        if rest.contains(['/', '?', '#', '@', '\\']) {
            return Err(OriginError::NotBare);
        }
        let (host, port) = split_host_port(rest)?;
        check_host(host)?;
        if let Some(port) = port {
            let valid_digits = !port.is_empty()
                && port.len() <= 5
                && port.bytes().all(|b| b.is_ascii_digit())
                && !port.starts_with('0');
            let number: u32 = if valid_digits {
                port.parse().map_err(|_| OriginError::Port)?
            } else {
                return Err(OriginError::Port);
            };
            if number == 0 || number > 65_535 || number == default_port {
                return Err(OriginError::Port);
            }
        }
        Ok(Self {
            text: text.to_owned(),
        })
    }

    /// The serialized origin.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Splits `host[:port]`, where host may be a bracketed IPv6 address.
fn split_host_port(rest: &str) -> Result<(&str, Option<&str>), OriginError> {
    if rest.starts_with('[') {
        let close = rest.find(']').ok_or(OriginError::Host)?;
        let (host, after) = rest.split_at(close + 1);
        return match after {
            "" => Ok((host, None)),
            _ => after
                .strip_prefix(':')
                .map(|port| (host, Some(port)))
                .ok_or(OriginError::Host),
        };
    }
    Ok(match rest.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    })
}

fn check_host(host: &str) -> Result<(), OriginError> {
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or(OriginError::Host)?;
        let address: core::net::Ipv6Addr = inner.parse().map_err(|_| OriginError::Host)?;
        // Only the canonical (compressed, lower-case) form a browser serializes.
        return if address.to_string() == inner {
            Ok(())
        } else {
            Err(OriginError::Host)
        };
    }
    if host.is_empty() || host.len() > 253 {
        return Err(OriginError::Host);
    }
    for label in host.split('.') {
        let fits = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !fits {
            return Err(OriginError::Host);
        }
    }
    Ok(())
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Origin").field(&self.text).finish()
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Why a text field (relying-party name, signed value) was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// The text is empty.
    #[error("the text is empty")]
    Empty,
    /// Longer than the field allows (characters).
    #[error("the text has {found} characters, at most {max} are allowed")]
    TooLong {
        /// Characters found.
        found: usize,
        /// Characters allowed.
        max: usize,
    },
    /// A control character, line or paragraph separator, bidi control or zero-width character
    /// at this byte offset.
    #[error("the text holds a control or invisible character at byte offset {0}")]
    ControlCharacter(usize),
    /// Whitespace at the start or end.
    #[error("the text starts or ends with whitespace")]
    SurroundingWhitespace,
}

/// True for the characters no signed text may hold, all of which could make the text shown
/// differ from the text signed:
///
/// ```text
/// +------------------------------+--------------------------------------------------------+
/// | characters                   | what they are                                          |
/// +------------------------------+--------------------------------------------------------+
/// | Unicode Cc                   | C0 controls, DEL, C1 controls                          |
/// | U+2028, U+2029               | line and paragraph separators                          |
/// | U+061C, U+200E, U+200F,      | Unicode Bidi_Control: arabic letter mark, LRM, RLM,    |
/// | U+202A–U+202E, U+2066–U+2069 |   embeddings, overrides, isolates                      |
/// | U+200B–U+200D, U+2060, U+FEFF| zero-width space, non-joiner, joiner, word joiner, BOM |
/// +------------------------------+--------------------------------------------------------+
/// ```
fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Checks a text field: non-empty, at most `max_chars` characters (when given), no forbidden
/// character, no whitespace at either end.
pub(crate) fn check_text(text: &str, max_chars: Option<usize>) -> Result<(), TextError> {
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if let Some((at, _)) = text.char_indices().find(|&(_, c)| is_forbidden_char(c)) {
        return Err(TextError::ControlCharacter(at));
    }
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        return Err(TextError::SurroundingWhitespace);
    }
    if let Some(max) = max_chars {
        let found = text.chars().count();
        if found > max {
            return Err(TextError::TooLong { found, max });
        }
    }
    Ok(())
}

/// The relying party's display name as the person was shown it: 1–80 characters, checked by
/// the text rules above (widget-protocol.md §1 `init`, §2).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelyingParty(String);

impl RelyingParty {
    /// Checks `name` against the text rules and the 80-character limit.
    pub fn parse(name: &str) -> Result<Self, TextError> {
        check_text(name, Some(RELYING_PARTY_MAX_CHARS))?;
        Ok(Self(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RelyingParty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RelyingParty").field(&self.0).finish()
    }
}

impl fmt::Display for RelyingParty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Writes `at` as `YYYY-MM-DDTHH:MM:SSZ` (widget-protocol.md §2).
pub fn format_time(at: &DateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minutes(),
        at.seconds()
    )
}

/// Reads exactly `YYYY-MM-DDTHH:MM:SSZ` (20 bytes, ASCII digits where digits go, a real UTC
/// calendar time from 1970 on). `None` for anything else.
///
/// ```text
/// offset  0    4 5  7 8  10 11 13 14 16 17 19
///         YYYY - MM - DD T  HH :  MM :  SS Z
/// ```
pub fn parse_time(text: &str) -> Option<DateTime> {
    let b = text.as_bytes();
    if b.len() != 20 {
        return None;
    }
    let separators = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ];
    if separators.iter().any(|&(i, c)| b.get(i) != Some(&c)) {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u16> {
        let digits = b.get(from..to)?;
        digits.iter().try_fold(0u16, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u16::from(d - b'0'))
        })
    };
    let small = |from: usize| -> Option<u8> { u8::try_from(number(from, from + 2)?).ok() };
    DateTime::new(
        number(0, 4)?,
        small(5)?,
        small(8)?,
        small(11)?,
        small(14)?,
        small(17)?,
    )
    .ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn accepts_challenges_of_16_to_128_url_safe_characters() {
        assert_eq!(
            Challenge::parse("abcdEFGH0123_-xy").unwrap().as_str(),
            "abcdEFGH0123_-xy"
        );
        assert!(Challenge::parse(&"a".repeat(128)).is_ok());
    }

    #[test]
    fn rejects_challenges_of_wrong_length_or_charset() {
        assert_eq!(Challenge::parse("short"), Err(ChallengeError::Length(5)));
        assert_eq!(
            Challenge::parse(&"a".repeat(129)),
            Err(ChallengeError::Length(129))
        );
        assert_eq!(
            Challenge::parse("abcdefghijklmno="),
            Err(ChallengeError::Charset(15))
        );
        assert_eq!(
            Challenge::parse("abcdefgh ijklmnop"),
            Err(ChallengeError::Charset(8))
        );
    }

    #[test]
    fn accepts_serialized_origins() {
        for text in [
            "https://city.example.jp",
            "http://localhost:8080",
            "http://127.0.0.1:5173",
            "https://xn--eckwd4c7c.xn--zckzah",
            "http://[::1]:3000",
            "https://a-b.example:8443",
        ] {
            assert_eq!(Origin::parse(text).unwrap().as_str(), text);
        }
    }

    #[test]
    fn rejects_anything_a_browser_would_not_serialize() {
        let cases = [
            ("https://City.example.jp", OriginError::Host),
            ("HTTPS://city.example.jp", OriginError::Scheme),
            ("ftp://city.example.jp", OriginError::Scheme),
            ("city.example.jp", OriginError::Scheme),
            ("null", OriginError::Scheme),
            ("https://city.example.jp/", OriginError::NotBare),
            ("https://city.example.jp/path", OriginError::NotBare),
            ("https://user@city.example.jp", OriginError::NotBare),
            ("https://city.example.jp:443", OriginError::Port),
            ("http://city.example.jp:80", OriginError::Port),
            ("http://localhost:08080", OriginError::Port),
            ("http://localhost:0", OriginError::Port),
            ("http://localhost:65536", OriginError::Port),
            ("http://localhost:", OriginError::Port),
            ("https://", OriginError::Host),
            ("https://city..example", OriginError::Host),
            ("https://city.example.", OriginError::Host),
            ("https://-city.example", OriginError::Host),
            ("https://city_hall.example", OriginError::Host),
            ("http://[0:0:0:0:0:0:0:1]:3000", OriginError::Host),
            ("http://[::1", OriginError::Host),
            ("https://city.example.jp ", OriginError::Host),
        ];
        for (text, expected) in cases {
            assert_eq!(Origin::parse(text), Err(expected), "{text}");
        }
    }

    #[test]
    fn text_rules_refuse_control_bidi_and_surrounding_whitespace() {
        assert_eq!(check_text("", None), Err(TextError::Empty));
        assert_eq!(
            check_text("a\tb", None),
            Err(TextError::ControlCharacter(1))
        );
        assert_eq!(
            check_text("a\u{85}b", None),
            Err(TextError::ControlCharacter(1))
        );
        assert_eq!(
            check_text("甲\u{2028}", None),
            Err(TextError::ControlCharacter(3))
        );
        assert_eq!(
            check_text("a\u{202E}b", None),
            Err(TextError::ControlCharacter(1))
        );
        assert_eq!(
            check_text(" a", None),
            Err(TextError::SurroundingWhitespace)
        );
        assert_eq!(
            check_text("a\u{3000}", None),
            Err(TextError::SurroundingWhitespace)
        );
        assert_eq!(check_text("山田 太郎", Some(5)), Ok(()));
        assert_eq!(
            check_text("山田　太郎様", Some(5)),
            Err(TextError::TooLong { found: 6, max: 5 })
        );
        assert_eq!(
            RelyingParty::parse(&"市".repeat(81)),
            Err(TextError::TooLong { found: 81, max: 80 })
        );
        assert_eq!(
            RelyingParty::parse("みなと市").unwrap().as_str(),
            "みなと市"
        );
    }

    #[test]
    fn text_rules_refuse_invisible_marks_that_change_what_is_shown() {
        // Bidi marks (Unicode Bidi_Control beyond the embeddings and isolates) reorder what
        // the person sees; zero-width characters and the byte-order mark make two texts that
        // look the same differ in what is signed.
        for (text, at) in [
            ("みなと市\u{200E}", 12),
            ("\u{200F}(Minato)", 0),
            ("口座\u{061C}123", 6),
            ("みな\u{200B}と市", 6),
            ("みな\u{200C}と市", 6),
            ("みな\u{200D}と市", 6),
            ("みな\u{2060}と市", 6),
            ("みな\u{FEFF}と市", 6),
        ] {
            assert_eq!(
                RelyingParty::parse(text),
                Err(TextError::ControlCharacter(at)),
                "{text:?}"
            );
            assert_eq!(check_text(text, None), Err(TextError::ControlCharacter(at)));
        }
        // Visible punctuation and the ideographic space inside a name stay allowed.
        assert!(RelyingParty::parse("みなと市・港区（Minato City）　窓口").is_ok());
    }

    #[test]
    fn time_round_trips_and_refuses_other_forms() {
        let at = parse_time("2026-12-03T18:59:07Z").unwrap();
        assert_eq!(at, DateTime::new(2026, 12, 3, 18, 59, 7).unwrap());
        assert_eq!(format_time(&at), "2026-12-03T18:59:07Z");
        for bad in [
            "2026-12-03T18:59:07",
            "2026-12-03 18:59:07Z",
            "2026-12-03T18:59:07.000Z",
            "2026-13-03T18:59:07Z",
            "2026-02-30T18:59:07Z",
            "2026-12-03T24:00:00Z",
            "+026-12-03T18:59:07Z",
            "2026-12-03T18:59:07z",
            "1969-12-31T23:59:59Z",
            "２026-12-03T18:59:07Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
