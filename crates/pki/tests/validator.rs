//! Validator verdicts on certificates issued by the simulator's test hierarchy, each differing
//! from a good one in the field under test (jpki-pki.md §3; validate.rs table).

#![allow(clippy::unwrap_used)]

mod common;

use common::{at, dates, Fixture};
use pki::certificate::{CertificateKind, Hierarchy, JpkiCertificate, KeyUse};
use pki::oid;
use pki::signature::SignatureError;
use pki::trust::TrustStore;
use pki::validate::{Reason, RevocationStatus, ValidationOptions};

fn when() -> ValidationOptions<'static> {
    ValidationOptions::at(at(2026, 6, 1, 0, 0, 0))
}

#[test]
fn accepts_simulator_auth_and_sign_certificates() {
    let f = Fixture::new();
    let store = f.store();
    let auth = store.validate(&f.issue_auth(&f.auth_template()), &when());
    assert_eq!(auth.reasons, vec![]);
    assert_eq!(auth.kind, Some(CertificateKind::UserAuthentication));
    assert_eq!(auth.revocation, RevocationStatus::NotChecked);
    let sign = store.validate(&f.issue_sign(&f.sign_template()), &when());
    assert_eq!(sign.reasons, vec![]);
    assert_eq!(sign.kind, Some(CertificateKind::Signature));
}

#[test]
fn rejects_expired() {
    let f = Fixture::new();
    let cert = f.issue_auth(
        &f.auth_template()
            .with_validity(dates((2020, 1, 1), (2024, 5, 2))),
    );
    let verdict = f.store().validate(&cert, &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::Expired {
            not_after: at(2024, 5, 2, 14, 59, 59)
        }]
    );
}

#[test]
fn rejects_not_yet_valid() {
    let f = Fixture::new();
    let cert = f.issue_sign(
        &f.sign_template()
            .with_validity(dates((2027, 1, 1), (2031, 1, 1))),
    );
    let verdict = f.store().validate(&cert, &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::NotYetValid {
            not_before: at(2027, 1, 1, 0, 0, 0)
        }]
    );
}

#[test]
fn rejects_wrong_root_kind() {
    let f = Fixture::new();
    // A signature-profile certificate issued by the authentication root.
    let der = f
        .auth_root
        .issue(&f.sign_template(), &f.sign_key.to_public_key())
        .unwrap();
    let verdict = f
        .store()
        .validate(&JpkiCertificate::from_der(&der).unwrap(), &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::WrongRootKind {
            certificate: CertificateKind::Signature,
            root: CertificateKind::UserAuthentication
        }]
    );
}

#[test]
fn rejects_wrong_eku() {
    let f = Fixture::new();
    let email = const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4");
    let mut auth = f.auth_template();
    auth.extended_key_usage = vec![email];
    let verdict = f.store().validate(&f.issue_auth(&auth), &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::WrongExtKeyUsage {
            found: Some(vec![email])
        }]
    );

    let mut sign = f.sign_template();
    sign.extended_key_usage = vec![oid::KP_CLIENT_AUTH];
    let verdict = f.store().validate(&f.issue_sign(&sign), &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::WrongExtKeyUsage {
            found: Some(vec![oid::KP_CLIENT_AUTH])
        }]
    );
}

#[test]
fn rejects_wrong_key_usage() {
    let f = Fixture::new();
    let mut auth = f.auth_template();
    auth.key_usage = Some(x509_cert::ext::pkix::KeyUsages::KeyEncipherment.into());
    let verdict = f.store().validate(&f.issue_auth(&auth), &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::WrongKeyUsage {
            expected: vec![KeyUse::DigitalSignature],
            found: Some(vec![KeyUse::KeyEncipherment])
        }]
    );
    let mut auth = f.auth_template();
    auth.key_usage_critical = false;
    let verdict = f.store().validate(&f.issue_auth(&auth), &when());
    assert_eq!(verdict.reasons, vec![Reason::KeyUsageNotCritical]);
}

#[test]
fn rejects_unknown_critical_extension() {
    let f = Fixture::new();
    let mut auth = f.auth_template();
    let ext = sim::issuer::unknown_critical_extension().unwrap();
    let unknown = ext.extn_id;
    auth.extra_extensions = vec![ext];
    let verdict = f.store().validate(&f.issue_auth(&auth), &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::UnknownCriticalExtension(unknown)]
    );
}

#[test]
fn rejects_policy_missing_or_not_critical() {
    let f = Fixture::new();
    let mut sign = f.sign_template();
    sign.policy_critical = false;
    let verdict = f.store().validate(&f.issue_sign(&sign), &when());
    assert_eq!(verdict.reasons, vec![Reason::PolicyNotCritical]);
    let mut sign = f.sign_template();
    sign.policy = Some(oid::JPKI_POLICY_SIGN); // the production policy on a test certificate
    let verdict = f.store().validate(&f.issue_sign(&sign), &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::MissingPolicy {
            expected: oid::JPKI_POLICY_TEST_SIGN
        }]
    );
}

#[test]
fn rejects_tampered_signature() {
    let f = Fixture::new();
    let good = f.issue_auth(&f.auth_template());
    let mut der = good.der().to_vec();
    let last = der.len() - 1;
    der[last] ^= 0x01;
    let verdict = f
        .store()
        .validate(&JpkiCertificate::from_der(&der).unwrap(), &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::BadSignature(SignatureError::Mismatch)]
    );
    assert_eq!(verdict.signature_hash, None);
}

#[test]
fn rejects_tampered_tbs() {
    let f = Fixture::new();
    let good = f.issue_sign(&f.sign_template());
    let mut der = good.der().to_vec();
    // Flip one bit in the subject's modulus inside tbsCertificate (a substituted key).
    use rsa::traits::PublicKeyParts;
    let modulus = f.sign_key.n().to_bytes_be();
    let pos = der.windows(16).position(|w| w == &modulus[..16]).unwrap();
    der[pos + 8] ^= 0x01;
    let cert = JpkiCertificate::from_der(&der).unwrap();
    let verdict = f.store().validate(&cert, &when());
    assert_eq!(
        verdict.reasons,
        vec![Reason::BadSignature(SignatureError::Mismatch)]
    );
}

#[test]
fn rejects_simulator_leaf_under_production_store() {
    let f = Fixture::new();
    let verdict = TrustStore::production().validate(&f.issue_auth(&f.auth_template()), &when());
    assert_eq!(
        verdict.reasons,
        vec![
            Reason::WrongHierarchy {
                certificate: Hierarchy::Test,
                store: Hierarchy::Production
            },
            Reason::NoTrustedRoot
        ]
    );
}

#[test]
fn lists_every_reason_at_once() {
    let f = Fixture::new();
    let mut auth = f
        .auth_template()
        .with_validity(dates((2020, 1, 1), (2024, 5, 2)));
    auth.extended_key_usage = vec![];
    auth.policy_critical = false;
    let ext = sim::issuer::unknown_critical_extension().unwrap();
    let unknown = ext.extn_id;
    auth.extra_extensions = vec![ext];
    let verdict = f.store().validate(&f.issue_auth(&auth), &when());
    assert_eq!(
        verdict.reasons,
        vec![
            Reason::WrongExtKeyUsage { found: None },
            Reason::PolicyNotCritical,
            Reason::Expired {
                not_after: at(2024, 5, 2, 14, 59, 59)
            },
            Reason::UnknownCriticalExtension(unknown),
        ]
    );
    let codes: Vec<&str> = verdict.reasons.iter().map(Reason::code).collect();
    assert_eq!(
        codes,
        [
            "wrong_ext_key_usage",
            "policy_not_critical",
            "expired",
            "unknown_critical_extension"
        ]
    );
}

#[test]
fn finds_root_by_name_and_key_when_aki_is_absent() {
    let f = Fixture::new();
    let mut auth = f.auth_template();
    auth.authority_key_identifier = false;
    let verdict = f.store().validate(&f.issue_auth(&auth), &when());
    assert_eq!(verdict.reasons, vec![]);
    assert_eq!(
        verdict.root.as_deref(),
        Some(f.auth_root.name().to_string().as_str())
    );
}

#[test]
fn rejects_when_root_not_in_store() {
    let f = Fixture::new();
    let mut store = TrustStore::empty();
    store.add(pki::TrustAnchor::from_der(f.sign_root.certificate_der()).unwrap());
    let verdict = store.validate(&f.issue_auth(&f.auth_template()), &when());
    assert_eq!(verdict.reasons, vec![Reason::NoTrustedRoot]);
}

#[test]
fn rejects_root_expired_at_validation_time() {
    let f = Fixture::new();
    let cert = f.issue_auth(
        &f.auth_template()
            .with_validity(dates((2030, 1, 1), (2034, 1, 1))),
    );
    let verdict = f
        .store()
        .validate(&cert, &ValidationOptions::at(at(2033, 6, 1, 0, 0, 0)));
    assert_eq!(
        verdict.reasons,
        vec![Reason::RootNotValidAt {
            not_before: at(2023, 4, 1, 0, 0, 0),
            not_after: at(2033, 3, 31, 14, 59, 59)
        }]
    );
}
