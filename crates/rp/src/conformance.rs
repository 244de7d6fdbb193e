//! The behaviour every [`Store`] must have, as functions that panic on a deviation: the SQLite
//! store's unit tests and the PostgreSQL store's integration test run the same checks.
#![allow(clippy::unwrap_used, missing_docs)]

use crate::challenge::{self, Purpose};
use crate::store::{
    Certificate, Consumption, FourItems, NewLogin, NewSubmission, Store, StoreError,
};

/// Makes a fresh, empty store with the given open-challenge limit.
pub type Make<'a> = dyn Fn(usize) -> Box<dyn Store> + 'a;

const DEFAULT_LIMIT: usize = 10_000;

/// Runs every check, each on a fresh store.
pub fn run_all(make: &Make<'_>) {
    consume_is_once(make);
    open_challenges_are_capped_and_spent_or_expired_ones_do_not_count(make);
    old_challenges_are_forgotten_on_issue(make);
    flow_round_trips(make);
    records_and_customers_round_trip(make);
}

pub fn flow_round_trips(make: &Make<'_>) {
    let store = make(DEFAULT_LIMIT);
    let c = challenge::issue(Purpose::Submission, Some(pki::rp::Flow::Consent), H, 50).unwrap();
    store.issue_challenge(&c, 0).unwrap();
    assert_eq!(
        store.consume_challenge(&c.value, 51).unwrap(),
        Consumption::Fresh(c)
    );
}

const H: &str = "http://127.0.0.1:8081";

fn cert(kind: &'static str, serial: &str) -> Certificate {
    Certificate {
        kind,
        issuer: "C=JP,O=JPKI-TEST".into(),
        serial: serial.into(),
        not_after: "2030-01-01T00:00:00Z".into(),
        holder: (kind == "signature").then(|| FourItems {
            name: Some("山田 太郎".into()),
            address: Some("東京都".into()),
            date_of_birth: Some("1980-01-02".into()),
            sex: Some("male".into()),
        }),
        der: vec![0x30, 0x00],
    }
}

pub fn consume_is_once(make: &Make<'_>) {
    let store = make(DEFAULT_LIMIT);
    let c = challenge::issue(Purpose::Login, None, H, 1000).unwrap();
    store.issue_challenge(&c, 0).unwrap();
    assert_eq!(
        store.consume_challenge(&c.value, 1001).unwrap(),
        Consumption::Fresh(c.clone())
    );
    assert_eq!(
        store.consume_challenge(&c.value, 1002).unwrap(),
        Consumption::AlreadyUsed(c.clone())
    );
    assert_eq!(
        store
            .consume_challenge("nope-nope-nope-nope", 1002)
            .unwrap(),
        Consumption::Unknown
    );
    assert!(matches!(
        store.issue_challenge(&c, 0),
        Err(StoreError::DuplicateChallenge)
    ));
}

pub fn open_challenges_are_capped_and_spent_or_expired_ones_do_not_count(make: &Make<'_>) {
    let store = make(2);
    let a = challenge::issue(Purpose::Login, None, H, 1000).unwrap();
    let b = challenge::issue(Purpose::Login, None, H, 1000).unwrap();
    let c = challenge::issue(Purpose::Login, None, H, 1000).unwrap();
    store.issue_challenge(&a, 0).unwrap();
    store.issue_challenge(&b, 0).unwrap();
    assert!(matches!(
        store.issue_challenge(&c, 0),
        Err(StoreError::TooManyOpenChallenges(2))
    ));
    store.consume_challenge(&a.value, 1001).unwrap();
    store.issue_challenge(&c, 0).unwrap();
    // Five minutes later a and b no longer count.
    let d = challenge::issue(Purpose::Login, None, H, 1301).unwrap();
    let e = challenge::issue(Purpose::Login, None, H, 1301).unwrap();
    store.issue_challenge(&d, 0).unwrap();
    store.issue_challenge(&e, 0).unwrap();
}

pub fn old_challenges_are_forgotten_on_issue(make: &Make<'_>) {
    let store = make(DEFAULT_LIMIT);
    let old = challenge::issue(Purpose::Login, None, H, 0).unwrap();
    store.issue_challenge(&old, 0).unwrap();
    let new = challenge::issue(Purpose::Login, None, H, 10_000).unwrap();
    store.issue_challenge(&new, 10_000 - 3600).unwrap();
    assert_eq!(
        store.consume_challenge(&old.value, 10_001).unwrap(),
        Consumption::Unknown
    );
}

pub fn records_and_customers_round_trip(make: &Make<'_>) {
    let store = make(DEFAULT_LIMIT);
    let login = store
        .save_login(&NewLogin {
            certificate: cert("user_authentication", "0a"),
            challenge: "c1".into(),
            statement: "s".into(),
            signature: vec![1, 2],
            verified_at: 100,
        })
        .unwrap();
    let sub = store
        .save_submission(&NewSubmission {
            certificate: cert("signature", "0b"),
            challenge: "c2".into(),
            flow: "consent".into(),
            data: vec![("consent".into(), "同意します".into())],
            statement: "s".into(),
            cms: vec![3],
            verified_at: 200,
        })
        .unwrap();
    let again = store
        .save_submission(&NewSubmission {
            certificate: cert("signature", "0b"),
            challenge: "c3".into(),
            flow: "account".into(),
            data: vec![("bank_code".into(), "0001".into())],
            statement: "s".into(),
            cms: vec![3],
            verified_at: 300,
        })
        .unwrap();
    assert_eq!(sub.customer_id, again.customer_id);
    assert_ne!(login.customer_id, sub.customer_id);
    let records = store.records(10).unwrap();
    assert_eq!(records, vec![again.clone(), sub.clone(), login.clone()]);
    assert_eq!(store.records(1).unwrap(), vec![again]);
    let customers = store.signature_customers().unwrap();
    assert_eq!(customers.len(), 1);
    assert_eq!(customers[0].certificate, cert("signature", "0b"));
    assert!(customers[0].consented);
}
