#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use der::DateTime;

use super::*;
use crate::rp::fields::{Challenge, ChallengeError, Origin, OriginError, RelyingParty, TextError};

const LOGIN: &str = "mynaweb/1 login\n\
challenge: q8KxT0a-ZB3m_lw9Yf2R\n\
origin: https://city.example.jp\n\
relying-party: みなと市\n\
time: 2026-12-03T10:00:00Z\n";

const ACCOUNT: &str = "mynaweb/1 submission\n\
challenge: q8KxT0a-ZB3m_lw9Yf2R\n\
origin: http://localhost:8080\n\
relying-party: Minato City\n\
time: 2026-12-03T10:00:00Z\n\
flow: account\n\
data:\n\
account_number=1234567\n\
account_type=futsu\n\
bank_code=0001\n\
branch_code=001\n\
holder_kana=ﾔﾏﾀﾞ ﾀﾛｳ\n";

fn at() -> DateTime {
    DateTime::new(2026, 12, 3, 10, 0, 0).unwrap()
}

fn account_data() -> BTreeMap<String, String> {
    [
        ("holder_kana", "ﾔﾏﾀﾞ ﾀﾛｳ"),
        ("bank_code", "0001"),
        ("branch_code", "001"),
        ("account_type", "futsu"),
        ("account_number", "1234567"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn with_line(text: &str, number: usize, replacement: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines[number - 1] = replacement;
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn login_builds_to_the_exact_protocol_bytes() {
    let statement = Statement::login(
        Challenge::parse("q8KxT0a-ZB3m_lw9Yf2R").unwrap(),
        Origin::parse("https://city.example.jp").unwrap(),
        RelyingParty::parse("みなと市").unwrap(),
        at(),
    );
    assert_eq!(statement.to_bytes(), LOGIN.as_bytes());
    assert_eq!(statement.kind(), Kind::Login);
    assert_eq!(statement.flow(), None);
    assert_eq!(Statement::parse(LOGIN.as_bytes()), Ok(statement));
}

#[test]
fn submission_sorts_keys_by_construction_and_round_trips() {
    let statement = Statement::submission(
        Challenge::parse("q8KxT0a-ZB3m_lw9Yf2R").unwrap(),
        Origin::parse("http://localhost:8080").unwrap(),
        RelyingParty::parse("Minato City").unwrap(),
        at(),
        Flow::Account,
        account_data(),
    )
    .unwrap();
    assert_eq!(statement.to_bytes(), ACCOUNT.as_bytes());
    let parsed = Statement::parse(ACCOUNT.as_bytes()).unwrap();
    assert_eq!(parsed.kind(), Kind::Submission);
    assert_eq!(parsed.flow(), Some(Flow::Account));
    assert_eq!(parsed.data(), Some(&account_data()));
    assert_eq!(parsed.origin().as_str(), "http://localhost:8080");
    assert_eq!(parsed.time(), at());
    assert_eq!(parsed, statement);
}

#[test]
fn consent_statement_round_trips() {
    let text =
        "mynaweb/1 submission\nchallenge: q8KxT0a-ZB3m_lw9Yf2R\norigin: https://city.example.jp\n\
relying-party: みなと市\ntime: 2026-12-03T10:00:00Z\nflow: consent\ndata:\n\
consent=最新の利用者情報の提供に同意します。\n";
    let statement = Statement::parse(text.as_bytes()).unwrap();
    assert_eq!(
        statement.data().unwrap().get("consent").map(String::as_str),
        Some("最新の利用者情報の提供に同意します。")
    );
    assert_eq!(statement.to_bytes(), text.as_bytes());
}

#[test]
fn builder_refuses_wrong_keys_and_values() {
    let build = |flow, data| {
        Statement::submission(
            Challenge::parse("q8KxT0a-ZB3m_lw9Yf2R").unwrap(),
            Origin::parse("https://city.example.jp").unwrap(),
            RelyingParty::parse("みなと市").unwrap(),
            at(),
            flow,
            data,
        )
    };
    let mut data = account_data();
    data.remove("bank_code");
    assert_eq!(
        build(Flow::Account, data),
        Err(DataError::MissingKey {
            flow: Flow::Account,
            key: "bank_code"
        })
    );
    let mut data = account_data();
    data.insert("my_number".into(), "123456789012".into());
    assert_eq!(
        build(Flow::Account, data),
        Err(DataError::UnexpectedKey {
            flow: Flow::Account,
            key: "my_number".into()
        })
    );
    let mut data = account_data();
    data.insert("Bank".into(), "x".into());
    assert_eq!(build(Flow::Account, data), Err(DataError::BadKey));
    let mut data = account_data();
    data.insert("account_type".into(), "chochiku".into());
    assert_eq!(build(Flow::Account, data), Err(DataError::AccountType));
    let mut data = account_data();
    data.insert("holder_kana".into(), "ﾔﾏﾀﾞ\nﾀﾛｳ".into());
    assert_eq!(
        build(Flow::Account, data),
        Err(DataError::BadValue {
            key: "holder_kana".into(),
            source: TextError::ControlCharacter(12)
        })
    );
    assert_eq!(
        build(Flow::Consent, BTreeMap::new()),
        Err(DataError::MissingKey {
            flow: Flow::Consent,
            key: "consent"
        })
    );
}

#[test]
fn rejects_each_malformed_line_naming_it() {
    use StatementError as E;
    let cases: Vec<(String, StatementError)> = vec![
        (String::new(), E::MissingFinalLineFeed),
        (LOGIN.trim_end().to_string(), E::MissingFinalLineFeed),
        (LOGIN.replace('\n', "\r\n"), E::BadHeader),
        (
            with_line(LOGIN, 1, "mynaweb/2 login"),
            E::UnsupportedVersion,
        ),
        (with_line(LOGIN, 1, "mynaweb/1 logout"), E::BadHeader),
        (with_line(LOGIN, 1, "mynaweb/1  login"), E::BadHeader),
        (
            with_line(LOGIN, 2, "challenge:q8KxT0a-ZB3m_lw9Yf2R"),
            E::Expected {
                line: 2,
                expected: "challenge: ",
            },
        ),
        (
            with_line(LOGIN, 2, "challenge: short"),
            E::Challenge {
                line: 2,
                source: ChallengeError::Length(5),
            },
        ),
        (
            with_line(LOGIN, 2, "challenge: q8KxT0a-ZB3m_lw9Yf2R "),
            E::Challenge {
                line: 2,
                source: ChallengeError::Charset(20),
            },
        ),
        (
            with_line(LOGIN, 3, "origin: https://city.example.jp/"),
            E::Origin {
                line: 3,
                source: OriginError::NotBare,
            },
        ),
        (
            with_line(LOGIN, 3, "origin: https://City.example.jp"),
            E::Origin {
                line: 3,
                source: OriginError::Host,
            },
        ),
        (
            with_line(LOGIN, 4, "relying-party: みなと市 "),
            E::RelyingParty {
                line: 4,
                source: TextError::SurroundingWhitespace,
            },
        ),
        (
            with_line(LOGIN, 4, "relying-party: "),
            E::RelyingParty {
                line: 4,
                source: TextError::Empty,
            },
        ),
        (
            with_line(LOGIN, 5, "time: 2026-12-03T10:00:00+09:00"),
            E::Time { line: 5 },
        ),
        (
            with_line(LOGIN, 5, "time: 2026-12-03T10:00:00Z "),
            E::Time { line: 5 },
        ),
        (
            with_line(LOGIN, 5, "tim: 2026-12-03T10:00:00Z"),
            E::Expected {
                line: 5,
                expected: "time: ",
            },
        ),
        (format!("{LOGIN}\n"), E::TrailingLine { line: 6 }),
        (
            format!("{LOGIN}flow: account\n"),
            E::TrailingLine { line: 6 },
        ),
        (
            LOGIN.lines().take(4).map(|l| format!("{l}\n")).collect(),
            E::Expected {
                line: 5,
                expected: "time: ",
            },
        ),
        (
            with_line(ACCOUNT, 6, "flow: login"),
            E::UnknownFlow { line: 6 },
        ),
        (
            with_line(ACCOUNT, 7, "data: "),
            E::Expected {
                line: 7,
                expected: "data:",
            },
        ),
        (
            with_line(ACCOUNT, 8, "account_number 1234567"),
            E::Expected {
                line: 8,
                expected: "key=value",
            },
        ),
        (
            with_line(ACCOUNT, 8, "account_number="),
            E::Data {
                line: 8,
                source: DataError::BadValue {
                    key: "account_number".into(),
                    source: TextError::Empty,
                },
            },
        ),
        (
            with_line(ACCOUNT, 9, "bank_code=0001"),
            E::KeyOrder { line: 10 },
        ),
        (
            with_line(ACCOUNT, 10, "account_type=futsu"),
            E::KeyOrder { line: 10 },
        ),
        (
            with_line(ACCOUNT, 12, "my_number=123456789012"),
            E::Data {
                line: 12,
                source: DataError::UnexpectedKey {
                    flow: Flow::Account,
                    key: "my_number".into(),
                },
            },
        ),
        (
            ACCOUNT.lines().take(11).map(|l| format!("{l}\n")).collect(),
            E::Data {
                line: 7,
                source: DataError::MissingKey {
                    flow: Flow::Account,
                    key: "holder_kana",
                },
            },
        ),
        (
            format!("{ACCOUNT}consent=yes\n"),
            E::Data {
                line: 13,
                source: DataError::UnexpectedKey {
                    flow: Flow::Account,
                    key: "consent".into(),
                },
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(Statement::parse(text.as_bytes()), Err(expected), "{text:?}");
    }
    assert_eq!(
        Statement::parse(b"mynaweb/1 login\nchallenge: \xff\n"),
        Err(StatementError::NotUtf8 {
            line: 2,
            offset: 27
        })
    );
}

#[test]
fn errors_name_the_line_in_their_message() {
    let err =
        Statement::parse(with_line(LOGIN, 3, "origin: https://city.example.jp:443").as_bytes())
            .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: the origin's port is not 1-65535 without leading zeros, or is the scheme's default"
    );
}
