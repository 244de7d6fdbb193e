//! The PostgreSQL store (feature `postgres`): the shared Store contract, then the server end to
//! end on it. Needs a server: `MYNAWEB_RP_POSTGRES_URL=postgres://user@127.0.0.1:5432/db`
//! (each run works in fresh schemas it drops again).
#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::{
    account_data, consent_data, crl, login_result, request, submission_result, Dirs, Server, T0,
};
use mynaweb_rp::pg::PostgresStore;
use mynaweb_rp::store::Store;
use mynaweb_rp::trust::Trust;
use pki::rp::Flow;
use serde_json::{json, Value};

fn url() -> String {
    std::env::var("MYNAWEB_RP_POSTGRES_URL")
        .expect("set MYNAWEB_RP_POSTGRES_URL to a PostgreSQL database this test may use")
}

static SCHEMAS: AtomicUsize = AtomicUsize::new(0);

/// A fresh schema name, dropped first in case an earlier run left it.
fn fresh_schema(tag: &str) -> String {
    let name = format!(
        "rp_test_{tag}_{}_{}",
        std::process::id(),
        SCHEMAS.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = postgres::Client::connect(&url(), postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
        .unwrap();
    name
}

fn drop_schemas(names: &[String]) {
    let mut admin = postgres::Client::connect(&url(), postgres::NoTls).unwrap();
    for name in names {
        admin
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
            .unwrap();
    }
}

#[test]
fn postgres_keeps_the_store_contract() {
    let made = std::sync::Mutex::new(Vec::new());
    mynaweb_rp::conformance::run_all(&|limit| {
        let schema = fresh_schema("contract");
        made.lock().unwrap().push(schema.clone());
        Box::new(
            PostgresStore::connect_in_schema(&url(), Some(&schema))
                .unwrap()
                .with_open_challenge_limit(limit),
        )
    });
    drop_schemas(&made.into_inner().unwrap());
}

#[test]
fn the_server_on_postgres_verifies_stores_refuses_replays_and_checks_the_crl() {
    let schema = fresh_schema("server");
    let store: Arc<dyn Store> =
        Arc::new(PostgresStore::connect_in_schema(&url(), Some(&schema)).unwrap());
    let s = Server::start_with(
        "postgres_server",
        Trust::demo().unwrap(),
        Dirs {
            store: Some(store),
            ..Dirs::default()
        },
    );
    let p = sim::persona("standard").unwrap();

    let c = s.challenge("login");
    let login = login_result("standard", &c, &s.host, T0);
    let (status, body) = s.verify(&login);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["record"]["certificate"]["serial"],
        json!(format!("{:X}", p.auth_serial))
    );
    let (status, body) = s.verify(&login);
    assert_eq!(
        (status, body["code"].clone()),
        (409, json!("challenge_used"))
    );

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
    assert_eq!(
        body["record"]["certificate"]["holder"]["name"],
        json!(p.certificate_name())
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
    let customer = body["record"]["customerId"].clone();

    let (_, _, list) = request(&s.host, "GET", "/api/records", &[], b"");
    let list: Value = serde_json::from_slice(&list).unwrap();
    let kinds: Vec<(Value, Value)> = list["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["kind"].clone(), r["flow"].clone()))
        .collect();
    // All in the same second (the clock stands still): kind, then newest id first.
    assert_eq!(
        kinds,
        [
            (json!("login"), Value::Null),
            (json!("submission"), json!("consent")),
            (json!("submission"), json!("account")),
        ]
    );

    let root = sim::issuer::TestRoot::new(sim::issuer::Purpose::Signature).unwrap();
    let der = crl(&root, &root, &[(u64::from(p.sign_serial), Some(4))]);
    let (status, _, report) = request(
        &s.host,
        "POST",
        "/api/crl-check",
        &[("Origin", &s.host)],
        &der,
    );
    let report: Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["revoked"][0]["customerId"], customer);
    assert_eq!(
        (
            report["revoked"][0]["reason"].clone(),
            report["revoked"][0]["state"].clone(),
            report["revoked"][0]["consented"].clone()
        ),
        (json!("superseded"), json!("renewed_card"), json!(true))
    );
    drop(s);
    drop_schemas(&[schema]);
}
