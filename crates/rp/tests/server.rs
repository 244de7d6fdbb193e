//! The relying-party server end to end over loopback HTTP: challenge lifecycle with an injected
//! clock, card login and signed submissions made by the simulator's virtual card, replay and
//! origin refusals, the stored data (no PIN, no My Number), the latest-4-items CRL check, and
//! the widget origin's files.
#![allow(clippy::unwrap_used)]

mod common;

use common::{
    account_data, consent_data, crl, login_result, request, submission_result,
    submission_result_over, submission_statement, temp_dir, Dirs, Server, T0,
};
use mynaweb_rp::trust::Trust;
use pki::rp::Flow;
use serde_json::{json, Value};

fn demo(name: &str) -> Server {
    Server::start(name, Trust::demo().unwrap())
}

fn persona() -> sim::Persona {
    sim::persona("standard").unwrap()
}

fn refused(answer: &(u16, Value), status: u16, code: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["verified"], json!(false), "{}", answer.1);
    assert_eq!(answer.1["code"], json!(code), "{}", answer.1);
}

#[test]
fn challenge_answer_is_43_characters_expiring_in_5_minutes_and_says_demo() {
    let s = demo("challenge_answer");
    let (status, body) = s.post("/api/challenge", &json!({"purpose": "submission"}));
    assert_eq!(status, 200);
    assert_eq!(body["challenge"].as_str().unwrap().len(), 43);
    assert_eq!(body["purpose"], json!("submission"));
    assert_eq!(body["issuedAt"], json!("2026-12-03T10:00:00Z"));
    assert_eq!(body["expiresAt"], json!("2026-12-03T10:05:00Z"));
    assert_eq!(body["demo"], json!("demo: test certificates accepted"));
    let (status, body) = s.post("/api/challenge", &json!({"purpose": "payment"}));
    assert_eq!((status, body["code"].clone()), (400, json!("bad_purpose")));
}

#[test]
fn login_is_verified_once_and_the_replay_is_refused() {
    let s = demo("login_once");
    let challenge = s.challenge("login");
    s.clock.advance(60);
    let result = login_result("standard", &challenge, &s.host, T0 + 50);
    let (status, body) = s.verify(&result);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["verified"], json!(true));
    assert_eq!(body["revocation"], json!("not_checked"));
    assert_eq!(body["demo"], json!("demo: test certificates accepted"));
    let record = &body["record"];
    assert_eq!(record["kind"], json!("login"));
    assert_eq!(record["certificate"]["kind"], json!("user_authentication"));
    assert_eq!(
        record["certificate"]["serial"],
        json!(format!("{:X}", persona().auth_serial))
    );
    assert_eq!(record["certificate"]["holder"], Value::Null);
    assert_eq!(record["verifiedAt"], json!("2026-12-03T10:01:00Z"));

    // The very same result again: the challenge is spent.
    refused(&s.verify(&result), 409, "challenge_used");
}

#[test]
fn challenge_lifecycle_refusals() {
    let s = demo("lifecycle");
    // Expired: used one second after its 5 minutes.
    let c = s.challenge("login");
    s.clock.advance(301);
    refused(
        &s.verify(&login_result("standard", &c, &s.host, T0 + 10)),
        400,
        "challenge_expired",
    );
    // Still spent after that failed attempt.
    refused(
        &s.verify(&login_result("standard", &c, &s.host, T0 + 10)),
        409,
        "challenge_used",
    );
    // Issued for a submission, used for a login.
    let c = s.challenge("submission");
    refused(
        &s.verify(&login_result("standard", &c, &s.host, T0 + 301)),
        400,
        "challenge_wrong_purpose",
    );
    // Never issued.
    refused(
        &s.verify(&login_result(
            "standard",
            "never-issued-by-this-server",
            &s.host,
            T0 + 301,
        )),
        400,
        "challenge_unknown",
    );
    // Exactly at the end of its lifetime it is still good.
    let c = s.challenge("login");
    s.clock.advance(300);
    let (status, body) = s.verify(&login_result("standard", &c, &s.host, T0 + 301 + 200));
    assert_eq!(status, 200, "{body}");
}

#[test]
fn signed_account_and_consent_submissions_store_the_4_items_and_the_data() {
    let s = demo("submissions");
    let p = persona();
    let c = s.challenge("submission");
    let (status, body) = s.verify(&submission_result(
        "standard",
        &c,
        &s.host,
        T0,
        Flow::Account,
        account_data(),
    ));
    assert_eq!(status, 200, "{body}");
    let record = &body["record"];
    assert_eq!(record["kind"], json!("submission"));
    assert_eq!(record["flow"], json!("account"));
    assert_eq!(
        record["data"],
        json!([
            ["account_number", "7654321"],
            ["account_type", "futsu"],
            ["bank_code", "0005"],
            ["branch_code", "051"],
            ["holder_kana", "ﾐﾎﾝ ﾀﾛｳ"]
        ])
    );
    assert_eq!(record["certificate"]["kind"], json!("signature"));
    assert_eq!(
        record["certificate"]["serial"],
        json!(format!("{:X}", p.sign_serial))
    );
    assert_eq!(
        record["certificate"]["holder"],
        json!({
            "name": p.certificate_name(),
            "address": p.certificate_address(),
            "dateOfBirth": "1975-06-15",
            "sex": "male",
        })
    );
    let customer = record["customerId"].clone();

    let c = s.challenge("submission");
    let (status, body) = s.verify(&submission_result(
        "standard",
        &c,
        &s.host,
        T0,
        Flow::Consent,
        consent_data(),
    ));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["record"]["flow"], json!("consent"));
    assert_eq!(
        body["record"]["customerId"], customer,
        "same certificate, same customer"
    );

    // Both listed, newest first (same second: submission ids descending).
    let (status, _, list) = request(&s.host, "GET", "/api/records", &[], b"");
    assert_eq!(status, 200);
    let list: Value = serde_json::from_slice(&list).unwrap();
    let flows: Vec<&Value> = list["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["flow"])
        .collect();
    assert_eq!(flows, [&json!("consent"), &json!("account")]);

    // And on the page, escaped, with the demo banner.
    let (status, headers, page) = request(&s.host, "GET", "/", &[], b"");
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains(&p.certificate_name()));
    assert!(page.contains("id=\"demo-banner\""));
    assert!(page.contains("ﾐﾎﾝ ﾀﾛｳ"));
    assert_eq!(
        page.matches("<tr data-record-kind=\"submission\"").count(),
        2
    );
    assert!(headers.to_ascii_lowercase().contains(&format!(
        "content-security-policy: default-src 'self'; script-src 'self' {}",
        s.widget
    )));
}

#[test]
fn api_calls_from_another_origin_or_without_one_are_refused() {
    let s = demo("origins");
    let body = json!({"purpose": "login"}).to_string();
    for (origin, code) in [
        (Some("http://evil.example"), "wrong_origin"),
        (Some(s.widget.as_str()), "wrong_origin"),
        (None, "missing_origin"),
    ] {
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(o) = origin {
            headers.push(("Origin", o));
        }
        for path in ["/api/challenge", "/api/verify", "/api/crl-check"] {
            let (status, _, answer) = request(&s.host, "POST", path, &headers, body.as_bytes());
            let answer: Value = serde_json::from_slice(&answer).unwrap();
            assert_eq!(
                (status, answer["code"].clone()),
                (403, json!(code)),
                "{path}"
            );
        }
    }
    let (status, _, _) = request(
        &s.host,
        "GET",
        "/api/records",
        &[("Origin", "http://evil.example")],
        b"",
    );
    assert_eq!(status, 403);
}

#[test]
fn a_result_signed_for_another_origin_is_refused_and_spends_the_challenge() {
    let s = demo("statement_origin");
    let c = s.challenge("login");
    let result = login_result("standard", &c, "https://evil.example", T0);
    refused(&s.verify(&result), 403, "wrong_origin");
    let good = login_result("standard", &c, &s.host, T0);
    refused(&s.verify(&good), 409, "challenge_used");
}

#[test]
fn tampered_data_and_malformed_statements_are_refused() {
    let s = demo("tampered");
    let c = s.challenge("submission");
    let mut result = submission_result("standard", &c, &s.host, T0, Flow::Account, account_data());
    let statement = result["statement"]
        .as_str()
        .unwrap()
        .replace("7654321", "7654329");
    result["statement"] = json!(statement);
    refused(&s.verify(&result), 422, "cms_content_mismatch");

    // A statement outside the grammar still spends the challenge it names.
    let c = s.challenge("submission");
    let good = submission_statement(&c, &s.host, T0, Flow::Account, account_data());
    let text = String::from_utf8(good.clone()).unwrap();
    let bad = text.replace("data:\n", "data: \n");
    let result = submission_result_over("standard", bad.as_bytes(), T0);
    refused(&s.verify(&result), 400, "bad_statement");
    let result = submission_result_over("standard", &good, T0);
    refused(&s.verify(&result), 409, "challenge_used");

    // The result's kind and its statement's kind disagree.
    let c = s.challenge("login");
    let mut result = login_result("standard", &c, &s.host, T0);
    result["kind"] = json!("submission");
    result["cms"] = json!("MAA=");
    refused(&s.verify(&result), 400, "wrong_kind");

    // Not a result at all.
    refused(
        &s.post("/api/verify", &json!({"nothing": 1})).clone(),
        400,
        "malformed_result",
    );
}

#[test]
fn the_production_store_refuses_the_simulator_card() {
    let s = Server::start("production", Trust::production());
    let c = s.challenge("login");
    let (status, body) = s.verify(&login_result("standard", &c, &s.host, T0));
    refused(&(status, body.clone()), 422, "untrusted");
    assert_eq!(body.get("demo"), None, "production answers do not say demo");
    let (_, _, page) = request(&s.host, "GET", "/", &[], b"");
    assert!(!String::from_utf8(page).unwrap().contains("demo-banner"));
    // Its widget opens on no demo card: it asks for a card reader.
    let (status, _, config) = request(&s.widget, "GET", "/widget-config.json", &[], b"");
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_slice::<Value>(&config).unwrap(),
        json!({"allowedHostOrigins": [s.host], "demoCard": false})
    );
}

#[test]
fn the_database_holds_no_pin_and_no_my_number() {
    let s = demo("no_secrets");
    let c = s.challenge("login");
    assert_eq!(s.verify(&login_result("standard", &c, &s.host, T0)).0, 200);
    for (flow, data) in [
        (Flow::Account, account_data()),
        (Flow::Consent, consent_data()),
    ] {
        let c = s.challenge("submission");
        assert_eq!(
            s.verify(&submission_result("standard", &c, &s.host, T0, flow, data))
                .0,
            200
        );
    }
    // The database file and its write-ahead log (where the newest pages may still be).
    let mut bytes = std::fs::read(&s.db).unwrap();
    let mut wal = s.db.clone().into_os_string();
    wal.push("-wal");
    bytes.extend(std::fs::read(&wal).unwrap_or_default());
    let p = persona();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    // The database really holds the records (so the scan reads the right file).
    assert!(contains(p.certificate_name().as_bytes()));
    assert!(contains("最新の基本4情報の提供に同意します".as_bytes()));
    for secret in [
        p.my_number(),
        sim::persona::AUTH_PIN.to_owned(),
        sim::persona::SIGN_PASSWORD.to_owned(),
    ] {
        assert!(!contains(secret.as_bytes()), "the database holds a secret");
    }
    assert_eq!(p.my_number().len(), 12);
}

#[test]
fn crl_check_lists_the_revoked_customer_with_reason_and_state() {
    let s = demo("crl_check");
    let p = persona();
    let c = s.challenge("submission");
    let (status, body) = s.verify(&submission_result(
        "standard",
        &c,
        &s.host,
        T0,
        Flow::Consent,
        consent_data(),
    ));
    assert_eq!(status, 200, "{body}");
    let customer = body["record"]["customerId"].clone();
    // A second customer (another persona) who is not on the CRL.
    let c = s.challenge("submission");
    assert_eq!(
        s.verify(&submission_result(
            "age39",
            &c,
            &s.host,
            T0,
            Flow::Account,
            account_data()
        ))
        .0,
        200
    );
    // A login customer: user-authentication certificates are not checked.
    let c = s.challenge("login");
    assert_eq!(s.verify(&login_result("standard", &c, &s.host, T0)).0, 200);

    let sign_root = sim::issuer::TestRoot::new(sim::issuer::Purpose::Signature).unwrap();
    let der = crl(
        &sign_root,
        &sign_root,
        &[(7, Some(4)), (u64::from(p.sign_serial), Some(3)), (9, None)],
    );
    let (status, _, report) = request(
        &s.host,
        "POST",
        "/api/crl-check",
        &[
            ("Origin", &s.host),
            ("Content-Type", "application/pkix-crl"),
        ],
        &der,
    );
    let report: Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["entries"], json!(3));
    assert_eq!(report["checked"], json!(2));
    assert_eq!(report["thisUpdate"], json!("2026-12-01T00:00:00Z"));
    assert_eq!(report["outOfDate"], json!(false));
    assert_eq!(
        report["revoked"],
        json!([{
            "customerId": customer,
            "serial": format!("{:X}", p.sign_serial),
            "holder": {
                "name": p.certificate_name(),
                "address": p.certificate_address(),
                "dateOfBirth": "1975-06-15",
                "sex": "male",
            },
            "revokedAt": "2026-11-30T00:00:00Z",
            "reason": "affiliation_changed",
            "state": "change_detected",
            "consented": true,
        }])
    );

    // The authentication root's CRL concerns none of the stored signature customers.
    let auth_root = sim::issuer::TestRoot::new(sim::issuer::Purpose::Authentication).unwrap();
    let auth_crl = crl(
        &auth_root,
        &auth_root,
        &[(u64::from(p.sign_serial), Some(3))],
    );
    let (status, _, answer) = request(
        &s.host,
        "POST",
        "/api/crl-check",
        &[("Origin", &s.host)],
        &auth_crl,
    );
    let answer: Value = serde_json::from_slice(&answer).unwrap();
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        (answer["checked"].clone(), answer["revoked"].clone()),
        (json!(0), json!([]))
    );

    // A CRL named as the signature root's but signed with another key is refused.
    let forged = crl(
        &sign_root,
        &auth_root,
        &[(u64::from(p.sign_serial), Some(3))],
    );
    let (status, _, answer) = request(
        &s.host,
        "POST",
        "/api/crl-check",
        &[("Origin", &s.host)],
        &forged,
    );
    let answer: Value = serde_json::from_slice(&answer).unwrap();
    assert_eq!(
        (status, answer["code"].clone()),
        (400, json!("crl_not_trusted"))
    );
    let (status, _, answer) = request(
        &s.host,
        "POST",
        "/api/crl-check",
        &[("Origin", &s.host)],
        b"not a crl",
    );
    let answer: Value = serde_json::from_slice(&answer).unwrap();
    assert_eq!(
        (status, answer["code"].clone()),
        (400, json!("crl_malformed"))
    );

    // The same check from the command line, on the same database file.
    let crl_file = temp_dir("crl_check_cli").join("sign.crl");
    std::fs::write(&crl_file, &der).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mynaweb-rp"))
        .args(["crl-check", "--demo", "--db"])
        .arg(&s.db)
        .arg("--crl")
        .arg(&crl_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cli["revoked"], report["revoked"]);
    assert_eq!(cli["demo"], json!("demo: test certificates accepted"));
}

#[test]
fn widget_origin_serves_config_app_and_package() {
    let dist = temp_dir("widget_dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dist.join("app_bg.wasm"), [0, 0x61, 0x73, 0x6d]).unwrap();
    let pkg = temp_dir("widget_pkg");
    std::fs::write(pkg.join("mynaweb-widget.js"), "export function mount() {}").unwrap();
    std::fs::write(pkg.join("demo-host.js"), "// demo").unwrap();
    let s = Server::start_with(
        "widget",
        Trust::demo().unwrap(),
        Dirs {
            dist: Some(dist),
            pkg: Some(pkg),
            ..Dirs::default()
        },
    );
    let (status, _, body) = request(&s.widget, "GET", "/widget-config.json", &[], b"");
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        json!({"allowedHostOrigins": [s.host], "demoCard": true})
    );
    let (status, _, body) = request(&s.widget, "GET", "/?embed=1&host=x&id=1", &[], b"");
    assert_eq!(
        (status, body.as_slice()),
        (200, b"<!doctype html><title>app</title>".as_slice())
    );
    let (status, headers, _) = request(&s.widget, "GET", "/app_bg.wasm", &[], b"");
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: application/wasm"));
    let (status, headers, body) = request(&s.widget, "GET", "/pkg/mynaweb-widget.js", &[], b"");
    assert_eq!(
        (status, body.as_slice()),
        (200, b"export function mount() {}".as_slice())
    );
    assert!(headers.contains(&format!("access-control-allow-origin: {}", s.host)));
    assert!(headers.contains("content-type: text/javascript; charset=utf-8"));
    for path in [
        "/../Cargo.toml",
        "/pkg/../index.html",
        "/.hidden",
        "/missing.js",
    ] {
        assert_eq!(request(&s.widget, "GET", path, &[], b"").0, 404, "{path}");
    }
    // The host origin serves the demo page's script from pkg/.
    let (status, _, body) = request(&s.host, "GET", "/demo-host.js", &[], b"");
    assert_eq!((status, body.as_slice()), (200, b"// demo".as_slice()));
}

#[test]
fn a_challenge_bound_to_the_consent_flow_cannot_sign_account_data() {
    let s = demo("flow_bound");
    let (status, body) = s.post(
        "/api/challenge",
        &json!({"purpose": "submission", "flow": "consent"}),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["flow"], json!("consent"));
    let c = body["challenge"].as_str().unwrap().to_owned();
    refused(
        &s.verify(&submission_result(
            "standard",
            &c,
            &s.host,
            T0,
            Flow::Account,
            account_data(),
        )),
        400,
        "wrong_flow",
    );
    for request in [
        json!({"purpose": "login", "flow": "account"}),
        json!({"purpose": "submission", "flow": "payment"}),
    ] {
        let (status, body) = s.post("/api/challenge", &request);
        assert_eq!(
            (status, body["code"].clone()),
            (400, json!("bad_flow")),
            "{request}"
        );
    }
    let (status, body) = s.post(
        "/api/challenge",
        &json!({"purpose": "submission", "flow": "account"}),
    );
    assert_eq!(status, 200);
    let c = body["challenge"].as_str().unwrap().to_owned();
    let (status, body) = s.verify(&submission_result(
        "standard",
        &c,
        &s.host,
        T0,
        Flow::Account,
        account_data(),
    ));
    assert_eq!(
        (status, body["record"]["flow"].clone()),
        (200, json!("account")),
        "{body}"
    );
}

#[test]
fn with_the_rp_s_crls_a_revoked_login_is_refused_and_a_good_submission_says_not_revoked() {
    let p = persona();
    let auth_root = sim::issuer::TestRoot::new(sim::issuer::Purpose::Authentication).unwrap();
    let sign_root = sim::issuer::TestRoot::new(sim::issuer::Purpose::Signature).unwrap();
    let s = Server::start_with(
        "verify_with_crl",
        Trust::demo().unwrap(),
        Dirs {
            crls: vec![
                crl(
                    &auth_root,
                    &auth_root,
                    &[(u64::from(p.auth_serial), Some(1))],
                ),
                crl(&sign_root, &sign_root, &[(12345, Some(3))]),
            ],
            ..Dirs::default()
        },
    );
    let c = s.challenge("login");
    refused(
        &s.verify(&login_result("standard", &c, &s.host, T0)),
        422,
        "revoked",
    );
    let c = s.challenge("submission");
    let (status, body) = s.verify(&submission_result(
        "standard",
        &c,
        &s.host,
        T0,
        Flow::Consent,
        consent_data(),
    ));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["revocation"], json!("not_revoked"));
    assert_eq!(
        body["revocationNote"],
        json!("not revoked according to the CRL of 2026-12-01T00:00:00Z")
    );
    // Another persona's login: its auth certificate is not on the auth CRL.
    let c = s.challenge("login");
    let (status, body) = s.verify(&login_result("age39", &c, &s.host, T0));
    assert_eq!(
        (status, body["revocation"].clone()),
        (200, json!("not_revoked")),
        "{body}"
    );
}
