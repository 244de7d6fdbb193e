//! Test harness: the real server on two loopback ports (port 0), an injected clock, a SQLite
//! file per test, a minimal HTTP/1.1 client over `std::net`, results made by the simulator's
//! virtual card through `card::Card`, and CRLs signed by the simulator's signature root.
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;

use card::{Card, Certificate, HashAlgorithm, Pin, PinRef, SigningKey};
use mynaweb_rp::base64;
use mynaweb_rp::clock::ManualClock;
use mynaweb_rp::http::{AppState, Config};
use mynaweb_rp::sqlite::SqliteStore;
use mynaweb_rp::store::Store;
use mynaweb_rp::trust::Trust;
use pki::cms::{Encapsulation, SignedDataBuilder};
use pki::der::{DateTime, Encode};
use pki::rp::{Challenge, Flow, Origin, RelyingParty, Statement};
use pki::JpkiCertificate;
use pollster::block_on;
use serde_json::{json, Value};
use sim::channel::SimChannel;
use sim::VirtualCard;

/// 2026-12-03T10:00:00Z: inside every simulator certificate's validity.
pub const T0: i64 = 1_796_292_000;

pub fn date_time(unix: i64) -> DateTime {
    DateTime::from_unix_duration(std::time::Duration::from_secs(unix as u64)).unwrap()
}

pub struct Server {
    pub host: String,
    pub widget: String,
    pub clock: Arc<ManualClock>,
    pub db: PathBuf,
    _runtime: tokio::runtime::Runtime,
}

#[derive(Default)]
pub struct Dirs {
    pub dist: Option<PathBuf>,
    pub pkg: Option<PathBuf>,
    pub crls: Vec<Vec<u8>>,
    /// Another store than a fresh SQLite file.
    pub store: Option<Arc<dyn Store>>,
}

/// A fresh directory under Cargo's per-crate test tmp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Server {
    pub fn start(name: &str, trust: Trust) -> Self {
        Self::start_with(name, trust, Dirs::default())
    }

    pub fn start_with(name: &str, trust: Trust, dirs: Dirs) -> Self {
        let db = temp_dir(name).join("rp.sqlite3");
        let store: Arc<dyn Store> = match dirs.store {
            Some(store) => store,
            None => Arc::new(SqliteStore::open(&db).unwrap()),
        };
        let clock = Arc::new(ManualClock::at(T0));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_io()
            .build()
            .unwrap();
        let (host, widget) = runtime.block_on(async {
            let bind = || tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
            (bind().await.unwrap(), bind().await.unwrap())
        });
        let origin = |l: &tokio::net::TcpListener| {
            format!("http://127.0.0.1:{}", l.local_addr().unwrap().port())
        };
        let config = Config {
            host_origin: origin(&host),
            widget_origin: origin(&widget),
            dist: dirs.dist,
            pkg: dirs.pkg,
            crls: dirs.crls,
        };
        let (h, w) = (config.host_origin.clone(), config.widget_origin.clone());
        let state = AppState {
            store,
            clock: clock.clone(),
            trust: Arc::new(trust),
            config: Arc::new(config),
        };
        runtime.spawn(mynaweb_rp::http::run(host, widget, state));
        Self {
            host: h,
            widget: w,
            clock,
            db,
            _runtime: runtime,
        }
    }

    /// POST JSON to the host origin with `Origin: H`.
    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let (status, _, body) = request(
            &self.host,
            "POST",
            path,
            &[("Origin", &self.host), ("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
        (status, serde_json::from_slice(&body).unwrap())
    }

    pub fn challenge(&self, purpose: &str) -> String {
        let (status, body) = self.post("/api/challenge", &json!({ "purpose": purpose }));
        assert_eq!(status, 200, "{body}");
        body["challenge"].as_str().unwrap().to_owned()
    }

    pub fn verify(&self, result: &Value) -> (u16, Value) {
        self.post("/api/verify", &json!({ "result": result }))
    }
}

pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

/// One HTTP/1.1 request with `Connection: close`; returns (status, raw headers, body).
pub fn request(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let authority = base.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(authority).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let status = head[9..12].parse().unwrap();
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "the client reads only Content-Length bodies"
    );
    (status, head, raw[split + 4..].to_vec())
}

pub const RELYING_PARTY: &str = "みほん市 (Mihon City)";

fn card(persona: &str) -> Card<SimChannel> {
    let card = VirtualCard::new(sim::persona(persona).unwrap()).unwrap();
    block_on(Card::connect(SimChannel::new(card))).unwrap()
}

/// A login result as the widget makes it: the statement, the auth certificate read from the
/// card, and the card's signature over DigestInfo(SHA-256(statement)) after the 4-digit PIN.
pub fn login_result(persona: &str, challenge: &str, origin: &str, time: i64) -> Value {
    let statement = Statement::login(
        Challenge::parse(challenge).unwrap(),
        Origin::parse(origin).unwrap(),
        RelyingParty::parse(RELYING_PARTY).unwrap(),
        date_time(time),
    )
    .to_bytes();
    let mut card = card(persona);
    block_on(card.verify(
        &Pin::new(PinRef::JpkiAuth, sim::persona::AUTH_PIN).unwrap(),
        None,
    ))
    .unwrap();
    let certificate = block_on(card.read_certificate(Certificate::Auth)).unwrap();
    let signature =
        block_on(card.sign(SigningKey::Auth, HashAlgorithm::Sha256, &statement)).unwrap();
    json!({
        "version": 1, "kind": "login",
        "statement": String::from_utf8(statement).unwrap(),
        "certificate": base64::encode(&certificate),
        "hash": "sha256",
        "signature": base64::encode(&signature),
    })
}

pub fn account_data() -> BTreeMap<String, String> {
    [
        ("account_number", "7654321"),
        ("account_type", "futsu"),
        ("bank_code", "0005"),
        ("branch_code", "051"),
        ("holder_kana", "ﾐﾎﾝ ﾀﾛｳ"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

pub fn consent_data() -> BTreeMap<String, String> {
    [("consent", "最新の基本4情報の提供に同意します")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The statement text of a submission.
pub fn submission_statement(
    challenge: &str,
    origin: &str,
    time: i64,
    flow: Flow,
    data: BTreeMap<String, String>,
) -> Vec<u8> {
    Statement::submission(
        Challenge::parse(challenge).unwrap(),
        Origin::parse(origin).unwrap(),
        RelyingParty::parse(RELYING_PARTY).unwrap(),
        date_time(time),
        flow,
        data,
    )
    .unwrap()
    .to_bytes()
}

/// A submission result: the signature certificate read after the 6–16 character password and a
/// detached CMS whose signature the card's signature key made.
pub fn submission_result_over(persona: &str, statement: &[u8], time: i64) -> Value {
    let mut card = card(persona);
    block_on(card.verify(
        &Pin::new(PinRef::JpkiSign, sim::persona::SIGN_PASSWORD).unwrap(),
        None,
    ))
    .unwrap();
    let der = block_on(card.read_certificate(Certificate::Sign)).unwrap();
    let signer = JpkiCertificate::from_der(&der).unwrap();
    let pending = SignedDataBuilder::new(&signer, statement, Encapsulation::Detached)
        .signing_time(date_time(time))
        .prepare()
        .unwrap();
    let signature =
        block_on(card.sign_digest_info(SigningKey::Sign, pending.digest_info())).unwrap();
    let cms = pending.finish(&signature).unwrap();
    json!({
        "version": 1, "kind": "submission",
        "statement": String::from_utf8(statement.to_vec()).unwrap(),
        "certificate": base64::encode(&der),
        "cms": base64::encode(&cms),
    })
}

pub fn submission_result(
    persona: &str,
    challenge: &str,
    origin: &str,
    time: i64,
    flow: Flow,
    data: BTreeMap<String, String>,
) -> Value {
    let statement = submission_statement(challenge, origin, time, flow, data);
    submission_result_over(persona, &statement, time)
}

// ---- CRLs (RFC 5280 §5.1) signed by a simulator root --------------------------------------

pub fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u64).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    push_len(&mut out, content.len());
    out.extend_from_slice(content);
    out
}

fn der_integer(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(7);
    let mut content = Vec::new();
    if bytes[start] >= 0x80 {
        content.push(0);
    }
    content.extend_from_slice(&bytes[start..]);
    tlv(0x02, &content)
}

const SHA256_WITH_RSA: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

/// A v2 CRL named as issued by `issuer` and signed with `signer`'s key, listing `(serial,
/// reasonCode)` entries (no reasonCode extension for `None`), revoked 2026-11-30T00:00:00Z,
/// thisUpdate 2026-12-01, nextUpdate 2026-12-08.
pub fn crl(
    issuer: &sim::issuer::TestRoot,
    signer: &sim::issuer::TestRoot,
    entries: &[(u64, Option<u8>)],
) -> Vec<u8> {
    let mut revoked = Vec::new();
    for (serial, reason) in entries {
        let mut entry = der_integer(*serial);
        entry.extend(tlv(0x17, b"261130000000Z"));
        if let Some(code) = reason {
            // SEQUENCE { SEQUENCE { OID 2.5.29.21, OCTET STRING { ENUMERATED code } } }
            entry.extend([
                0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, *code,
            ]);
        }
        revoked.extend(tlv(0x30, &entry));
    }
    let mut tbs = vec![0x02, 0x01, 0x01];
    tbs.extend_from_slice(&SHA256_WITH_RSA);
    tbs.extend(issuer.name().to_der().unwrap());
    tbs.extend(tlv(0x17, b"261201000000Z"));
    tbs.extend(tlv(0x17, b"261208000000Z"));
    if !revoked.is_empty() {
        tbs.extend(tlv(0x30, &revoked));
    }
    let tbs = tlv(0x30, &tbs);
    use sha2::Digest;
    let digest = sha2::Sha256::digest(&tbs);
    let signature = signer
        .private_key()
        .sign(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &digest)
        .unwrap();
    let mut bits = vec![0];
    bits.extend(signature);
    let mut list = tbs;
    list.extend_from_slice(&SHA256_WITH_RSA);
    list.extend(tlv(0x03, &bits));
    tlv(0x30, &list)
}
