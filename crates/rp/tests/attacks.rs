//! The relying-party server under attack and careless use: many parallel verifies of one
//! result (exactly one may succeed), a replay after a restart, statements that differ from the
//! grammar only by invisible bytes (CRLF, a trailing space, a zero-width space, an upper-case or
//! default-port origin), a login signed with the signature key, SQL metacharacters and huge
//! strings in every request field, requests from the wrong origin carrying a large body, and
//! HEAD/OPTIONS on the API.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use common::{
    consent_data, login_result, request, submission_result_over, submission_statement, temp_dir,
    Dirs, Server, T0,
};
use mynaweb_rp::base64;
use mynaweb_rp::sqlite::SqliteStore;
use mynaweb_rp::trust::Trust;
use pki::rp::Flow;
use rsa::pkcs1::DecodeRsaPrivateKey;
use serde_json::{json, Value};

fn demo(name: &str) -> Server {
    Server::start(name, Trust::demo().unwrap())
}

fn refused(answer: &(u16, Value), status: u16, code: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["verified"], json!(false), "{}", answer.1);
    assert_eq!(answer.1["code"], json!(code), "{}", answer.1);
}

fn records(s: &Server) -> Vec<Value> {
    let (status, _, body) = request(&s.host, "GET", "/api/records", &[], b"");
    assert_eq!(status, 200);
    let body: Value = serde_json::from_slice(&body).unwrap();
    body["records"].as_array().unwrap().clone()
}

#[test]
fn sixteen_parallel_verifies_of_one_result_store_exactly_one_record() {
    let s = Arc::new(demo("race"));
    let c = s.challenge("login");
    let result = Arc::new(login_result("standard", &c, &s.host, T0));
    let answers: Vec<(u16, Value)> = (0..16)
        .map(|_| {
            let s = Arc::clone(&s);
            let result = Arc::clone(&result);
            std::thread::spawn(move || s.verify(&result))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    let statuses: Vec<u16> = answers.iter().map(|a| a.0).collect();
    assert_eq!(
        statuses.iter().filter(|&&s| s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|&&s| s == 409).count(),
        15,
        "{statuses:?}"
    );
    for answer in answers.iter().filter(|a| a.0 == 409) {
        refused(answer, 409, "challenge_used");
    }
    assert_eq!(records(&s).len(), 1);
}

#[test]
fn a_replay_after_a_restart_is_refused_because_spent_challenges_are_on_disk() {
    let db = temp_dir("restart_store").join("rp.sqlite3");
    let open =
        || -> Arc<dyn mynaweb_rp::store::Store> { Arc::new(SqliteStore::open(&db).unwrap()) };
    let (result, spent_unused) = {
        let s = Server::start_with(
            "restart_1",
            Trust::demo().unwrap(),
            Dirs {
                store: Some(open()),
                ..Dirs::default()
            },
        );
        let c = s.challenge("login");
        let result = login_result("standard", &c, &s.host, T0);
        assert_eq!(s.verify(&result).0, 200);
        // A challenge issued but never used before the restart stays usable after it.
        let unused = s.challenge("login");
        (result, unused)
    };
    // The first server is gone (its runtime dropped, its connection closed); a new one on the
    // same file. Its host origin differs (a new port), so sign for the new origin.
    let s = Server::start_with(
        "restart_2",
        Trust::demo().unwrap(),
        Dirs {
            store: Some(open()),
            ..Dirs::default()
        },
    );
    let statement = result["statement"].as_str().unwrap();
    let c = statement
        .lines()
        .find_map(|l| l.strip_prefix("challenge: "))
        .unwrap()
        .to_owned();
    let replay = login_result("standard", &c, &s.host, T0);
    refused(&s.verify(&replay), 409, "challenge_used");
    // The unused one was issued to the first server's origin: refused for that reason, not
    // as unknown.
    let moved = login_result("standard", &spent_unused, &s.host, T0);
    refused(&s.verify(&moved), 403, "challenge_wrong_origin");
}

/// A login result whose statement text is `edit`ed after it was built (and then signed as is
/// by the card), so the signature is good and only the grammar can refuse it.
fn login_over(s: &Server, edit: impl Fn(&str) -> String) -> (Value, String) {
    let c = s.challenge("login");
    let good = login_result("standard", &c, &s.host, T0);
    let text = edit(good["statement"].as_str().unwrap());
    let key = rsa::RsaPrivateKey::from_pkcs1_der(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../sim/data/keys/standard-auth.der"
        ))
        .unwrap(),
    )
    .unwrap();
    let signature = sign(&key, text.as_bytes());
    let mut result = good;
    result["statement"] = json!(text);
    result["signature"] = json!(base64::encode(&signature));
    (result, c)
}

fn sign(key: &rsa::RsaPrivateKey, data: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    key.sign(
        rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
        &sha2::Sha256::digest(data),
    )
    .unwrap()
}

/// A change to a statement's text.
type Edit = Box<dyn Fn(&str) -> String>;

#[test]
fn statements_that_differ_only_in_invisible_bytes_are_refused_and_spend_their_challenge() {
    let s = demo("invisible");
    let host = s.host.clone();
    let port = host.rsplit(':').next().unwrap().to_owned();
    let cases: Vec<(&str, Edit)> = vec![
        (
            "CRLF line ends",
            Box::new(|t: &str| t.replace('\n', "\r\n")),
        ),
        (
            "a trailing space",
            Box::new(|t: &str| t.replace("login\n", "login \n")),
        ),
        (
            "no final line feed",
            Box::new(|t: &str| t.trim_end().to_owned()),
        ),
        (
            "a blank line at the end",
            Box::new(|t: &str| format!("{t}\n")),
        ),
        (
            "a byte-order mark",
            Box::new(|t: &str| format!("\u{feff}{t}")),
        ),
        (
            "a zero-width space in the origin",
            Box::new(|t: &str| t.replace("127.0.0.1", "127.0.0\u{200b}.1")),
        ),
        (
            "an upper-case origin",
            Box::new(|t: &str| t.replace("http://127.0.0.1", "HTTP://127.0.0.1")),
        ),
        (
            "full-width digits in the port",
            Box::new(move |t: &str| {
                let wide: String = port
                    .chars()
                    .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
                    .collect();
                t.replace(&format!(":{port}"), &format!(":{wide}"))
            }),
        ),
        (
            "a trailing slash on the origin",
            Box::new(move |t: &str| {
                t.replace(&format!("origin: {host}\n"), &format!("origin: {host}/\n"))
            }),
        ),
    ];
    for (what, edit) in cases {
        let (result, c) = login_over(&s, edit);
        let answer = s.verify(&result);
        refused(&answer, 400, "bad_statement");
        // The challenge is spent all the same: the good statement now meets a replay.
        let good = login_result("standard", &c, &s.host, T0);
        assert_eq!(
            s.verify(&good).0,
            409,
            "{what}: the challenge was not spent"
        );
    }
    assert_eq!(records(&s).len(), 0);
}

#[test]
fn a_login_signed_with_the_signature_key_is_refused() {
    let s = demo("login_sign_key");
    let sign_key = rsa::RsaPrivateKey::from_pkcs1_der(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../sim/data/keys/standard-sign.der"
        ))
        .unwrap(),
    )
    .unwrap();
    // The authentication certificate with a signature by the signature key.
    let c = s.challenge("login");
    let mut result = login_result("standard", &c, &s.host, T0);
    let statement = result["statement"].as_str().unwrap().to_owned();
    result["signature"] = json!(base64::encode(&sign(&sign_key, statement.as_bytes())));
    refused(&s.verify(&result), 422, "bad_signature");
    // The signature certificate with it: the certificate is of the wrong kind.
    let c = s.challenge("login");
    let mut result = login_result("standard", &c, &s.host, T0);
    let submission = submission_result_over(
        "standard",
        &submission_statement(&c, &s.host, T0, Flow::Consent, consent_data()),
        T0,
    );
    let statement = result["statement"].as_str().unwrap().to_owned();
    result["certificate"] = submission["certificate"].clone();
    result["signature"] = json!(base64::encode(&sign(&sign_key, statement.as_bytes())));
    refused(&s.verify(&result), 422, "wrong_certificate_kind");
    assert_eq!(records(&s).len(), 0);
}

#[test]
fn sql_metacharacters_are_stored_and_listed_as_plain_text() {
    let s = demo("sql_text");
    let c = s.challenge("submission");
    let consent = "同意します'); DROP TABLE records; -- \" OR 1=1 \\ %_ ;";
    let data = [("consent".to_owned(), consent.to_owned())].into();
    let statement = submission_statement(&c, &s.host, T0, Flow::Consent, data);
    let (status, body) = s.verify(&submission_result_over("standard", &statement, T0));
    assert_eq!(status, 200, "{body}");
    let listed = records(&s);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["data"], json!([["consent", consent]]));
    // The page lists it as text, escaped.
    let (_, _, page) = request(&s.host, "GET", "/", &[], b"");
    let page = String::from_utf8(page).unwrap();
    assert!(!page.contains("'); DROP"), "the page escapes the quote");
    assert!(
        page.contains("&#39;); DROP TABLE records; -- &quot; OR 1=1"),
        "{page}"
    );
}

#[test]
fn metacharacters_and_huge_strings_in_request_fields_are_refused_by_name() {
    let s = demo("fields");
    let huge = "A".repeat(200_000);
    for (body, status, code) in [
        (json!({"purpose": "login' OR '1'='1"}), 400, "bad_purpose"),
        (json!({"purpose": huge}), 400, "bad_purpose"),
        (json!({"purpose": ["login"]}), 400, "bad_purpose"),
        (
            json!({"purpose": "submission", "flow": "account'--"}),
            400,
            "bad_flow",
        ),
        (json!({"purpose": "submission", "flow": 1}), 400, "bad_flow"),
    ] {
        let (st, answer) = s.post("/api/challenge", &body);
        assert_eq!(
            (st, answer["code"].clone()),
            (status, json!(code)),
            "{answer}"
        );
    }
    let c = s.challenge("login");
    let good = login_result("standard", &c, &s.host, T0);
    for (member, value, code) in [
        ("statement", json!("x".repeat(20_000)), "malformed_result"),
        ("certificate", json!("A".repeat(30_000)), "malformed_result"),
        (
            "signature",
            json!("'; DROP TABLE challenges; --"),
            "malformed_result",
        ),
        ("kind", json!("login'--"), "malformed_result"),
        ("version", json!("1"), "malformed_result"),
        ("hash", json!("sha1"), "malformed_result"),
    ] {
        let mut result = good.clone();
        result[member] = value;
        refused(&s.verify(&result), 400, code);
    }
    // A challenge line with SQL in it is outside the grammar; nothing is looked up.
    let mut result = good.clone();
    result["statement"] = json!(good["statement"]
        .as_str()
        .unwrap()
        .replace(&c, "x' OR used_at IS NULL --"));
    refused(&s.verify(&result), 400, "bad_statement");
    // The untouched result still verifies: none of the above spent its challenge.
    assert_eq!(s.verify(&good).0, 200);
}

#[test]
fn a_crl_upload_from_another_origin_is_refused_before_its_body_is_read() {
    let s = demo("crl_origin");
    let authority = s.host.strip_prefix("http://").unwrap();
    // Announce 400 MB from a foreign origin and send only the head: the server must answer at
    // once instead of waiting for (and buffering) the body.
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "POST /api/crl-check HTTP/1.1\r\nHost: {authority}\r\nOrigin: https://evil.example\r\n\
         Content-Type: application/pkix-crl\r\nContent-Length: 400000000\r\n\r\n"
    )
    .unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 403");
    // Without an Origin at all: the same.
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "POST /api/crl-check HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 400000000\r\n\r\n"
    )
    .unwrap();
    stream.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 403");
}

#[test]
fn a_malformed_or_truncated_crl_is_refused_by_name() {
    let s = demo("crl_malformed");
    for body in [
        b"".to_vec(),
        b"-----BEGIN X509 CRL-----\n!!!!\n-----END X509 CRL-----\n".to_vec(),
        vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
        vec![0x30; 100_000],
    ] {
        let (status, _, answer) = request(
            &s.host,
            "POST",
            "/api/crl-check",
            &[("Origin", &s.host)],
            &body,
        );
        let answer: Value = serde_json::from_slice(&answer).unwrap();
        assert_eq!(status, 400, "{answer}");
        assert!(
            answer["code"].as_str().unwrap().starts_with("crl"),
            "{answer}"
        );
    }
}

#[test]
fn head_and_options_on_the_api_neither_issue_nor_answer_cross_origin() {
    let s = demo("methods");
    let (status, headers, _) = request(
        &s.host,
        "OPTIONS",
        "/api/verify",
        &[
            ("Origin", "https://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(status, 405);
    assert!(!headers
        .to_ascii_lowercase()
        .contains("access-control-allow"));
    let (status, _, _) = request(
        &s.host,
        "HEAD",
        "/api/challenge",
        &[("Origin", &s.host)],
        b"",
    );
    assert_eq!(status, 405);
    let (status, _, _) = request(
        &s.host,
        "GET",
        "/api/challenge",
        &[("Origin", &s.host)],
        b"",
    );
    assert_eq!(status, 405);
}

#[test]
fn two_servers_on_one_database_file_spend_a_challenge_once_and_answer_the_rest_as_used() {
    use mynaweb_rp::challenge::{issue, Purpose};
    use mynaweb_rp::store::{Consumption, Store};
    let db = temp_dir("two_processes").join("rp.sqlite3");
    let stores: Vec<Arc<SqliteStore>> = (0..2)
        .map(|_| Arc::new(SqliteStore::open(&db).unwrap()))
        .collect();
    for round in 0..20 {
        let c = issue(Purpose::Login, None, "http://127.0.0.1:8081", T0).unwrap();
        stores[0].issue_challenge(&c, 0).unwrap();
        let barrier = Arc::new(std::sync::Barrier::new(8));
        let outcomes: Vec<&'static str> = (0..8)
            .map(|i| {
                let store = Arc::clone(&stores[i % 2]);
                let barrier = Arc::clone(&barrier);
                let value = c.value.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    match store.consume_challenge(&value, T0 + 1) {
                        Ok(Consumption::Fresh(_)) => "fresh",
                        Ok(Consumption::AlreadyUsed(_)) => "used",
                        Ok(Consumption::Unknown) => "unknown",
                        Err(_) => "store error",
                    }
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        let count = |what| outcomes.iter().filter(|&&o| o == what).count();
        assert_eq!(
            (count("fresh"), count("used")),
            (1, 7),
            "round {round}: {outcomes:?}"
        );
    }
}

#[test]
fn a_request_for_another_host_name_is_refused_so_dns_rebinding_reads_nothing() {
    // A page on rebind.example whose name later resolves to 127.0.0.1 is same-origin with
    // itself: its GET carries no Origin, only `Host: rebind.example:PORT`.
    let s = demo("rebinding");
    let c = s.challenge("login");
    assert_eq!(s.verify(&login_result("standard", &c, &s.host, T0)).0, 200);
    for base in [&s.host, &s.widget] {
        let authority = base.strip_prefix("http://").unwrap();
        let port = authority.rsplit(':').next().unwrap();
        for path in ["/api/records", "/", "/widget-config.json"] {
            use std::io::{Read, Write};
            let mut stream = std::net::TcpStream::connect(authority).unwrap();
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: rebind.example:{port}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut raw = Vec::new();
            stream.read_to_end(&mut raw).unwrap();
            let text = String::from_utf8_lossy(&raw);
            assert!(text.starts_with("HTTP/1.1 421"), "{base}{path}: {text}");
            assert!(!text.contains("MYNAWEB"), "{base}{path} leaked a record");
            assert!(!text.contains("allowedHostOrigins"), "{base}{path}");
        }
    }
    // The right name still works.
    assert_eq!(records(&s).len(), 1);
}

#[test]
fn the_widget_origin_serves_no_file_outside_its_directories() {
    let root = temp_dir("traversal_root");
    let dist = root.join("dist");
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html>app").unwrap();
    std::fs::write(pkg.join("mynaweb-widget.js"), "widget").unwrap();
    std::fs::write(root.join("secret.txt"), "SECRET").unwrap();
    std::fs::write(dist.join(".hidden"), "SECRET").unwrap();
    let s = Server::start_with(
        "traversal",
        Trust::demo().unwrap(),
        Dirs {
            dist: Some(dist),
            pkg: Some(pkg),
            ..Dirs::default()
        },
    );
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/pkg/../secret.txt",
        "/pkg/%2e%2e/secret.txt",
        "/pkg/..%2f..%2fsecret.txt",
        "/index.html%00.js",
        "/.hidden",
        "/%2ehidden",
        "//secret.txt",
        "/pkg/",
        "/pkgx",
    ] {
        let (status, _, body) = request(&s.widget, "GET", path, &[], b"");
        assert!(
            status == 404 || status == 400,
            "{path}: {status} {}",
            String::from_utf8_lossy(&body)
        );
        assert!(!String::from_utf8_lossy(&body).contains("SECRET"), "{path}");
    }
    let (status, _, body) = request(&s.widget, "GET", "/pkg/mynaweb-widget.js", &[], b"");
    assert_eq!((status, body), (200, b"widget".to_vec()));
    let (status, _, body) = request(&s.widget, "GET", "/", &[], b"");
    assert_eq!((status, body), (200, b"<!doctype html>app".to_vec()));
}

#[test]
fn one_crl_upload_at_a_time_so_parallel_uploads_cannot_exhaust_memory() {
    use std::io::Write;
    let s = demo("crl_one_at_a_time");
    let authority = s.host.strip_prefix("http://").unwrap().to_owned();
    // A first upload announces 400 MB and trickles: it holds the one slot while it lasts.
    let mut first = std::net::TcpStream::connect(&authority).unwrap();
    write!(
        first,
        "POST /api/crl-check HTTP/1.1\r\nHost: {authority}\r\nOrigin: {}\r\n\
         Content-Length: 400000000\r\n\r\n0",
        s.host
    )
    .unwrap();
    first.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // A second one meanwhile is refused at once, before its body.
    let (status, _, body) = request(
        &s.host,
        "POST",
        "/api/crl-check",
        &[("Origin", &s.host)],
        b"0",
    );
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (status, body["code"].clone()),
        (503, json!("crl_check_busy"))
    );
    // The first client gives up: the slot is free again.
    drop(first);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (status, _, body) = request(
        &s.host,
        "POST",
        "/api/crl-check",
        &[("Origin", &s.host)],
        b"0",
    );
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (status, body["code"].clone()),
        (400, json!("crl_malformed"))
    );
}
