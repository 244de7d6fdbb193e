//! Relying-party verification of card-login and signed-submission results
//! (docs/widget-protocol.md §3–§4) on the simulator's certificates and keys, signed the way the
//! card signs (raw RSA over a host-made DigestInfo). Every negative case differs from a good
//! result in one thing and asserts the exact rejection.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use common::{at, card_sign, dates, push_len, sign_sha256, tlv, Fixture};
use der::{DateTime, Encode};
use pki::cms::{CmsError, Encapsulation, SignedDataBuilder};
use pki::crl::{Crl, RevocationReason};
use pki::rp::{
    verify_login, verify_login_with_crl, verify_submission, Challenge, CmsProblem, Expectation,
    Flow, Kind, LoginResult, Origin, RelyingParty, RpError, Statement, StatementError,
    SubmissionResult, REVOCATION_NOT_CHECKED,
};
use pki::signature::{HashAlgorithm, SignatureError};
use pki::trust::TrustStore;
use pki::validate::{Reason, RevocationStatus};
use pki::{CertificateKind, Hierarchy, JpkiCertificate};
use sha2::Digest;

const CHALLENGE: &str = "q8KxT0a-ZB3m_lw9Yf2R";
const HOST: &str = "https://city.example.jp";

/// The server's clock: the challenge was issued at 10:00 and expires at 10:10.
fn now() -> DateTime {
    at(2026, 12, 3, 10, 3, 0)
}

fn expectation(kind: Kind) -> Expectation {
    Expectation {
        kind,
        flow: None,
        challenge: Challenge::parse(CHALLENGE).unwrap(),
        origin: Origin::parse(HOST).unwrap(),
        issued_at: at(2026, 12, 3, 10, 0, 0),
        expires_at: at(2026, 12, 3, 10, 10, 0),
    }
}

fn login_statement(challenge: &str, origin: &str, time: DateTime) -> Vec<u8> {
    Statement::login(
        Challenge::parse(challenge).unwrap(),
        Origin::parse(origin).unwrap(),
        RelyingParty::parse("みなと市").unwrap(),
        time,
    )
    .to_bytes()
}

fn account_data() -> BTreeMap<String, String> {
    [
        ("account_number", "1234567"),
        ("account_type", "futsu"),
        ("bank_code", "0001"),
        ("branch_code", "001"),
        ("holder_kana", "ﾐﾎﾝ ﾀﾛｳ"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn account_statement(time: DateTime) -> Vec<u8> {
    Statement::submission(
        Challenge::parse(CHALLENGE).unwrap(),
        Origin::parse(HOST).unwrap(),
        RelyingParty::parse("みなと市").unwrap(),
        time,
        Flow::Account,
        account_data(),
    )
    .unwrap()
    .to_bytes()
}

/// A login result as the widget makes it: the card's auth key signs DigestInfo(SHA-256).
fn login(f: &Fixture) -> LoginResult {
    let statement = login_statement(CHALLENGE, HOST, at(2026, 12, 3, 10, 1, 0));
    let signature = sign_sha256(&f.auth_key, &statement);
    LoginResult {
        certificate: f.issue_auth(&f.auth_template()).der().to_vec(),
        signature,
        statement,
    }
}

/// Detached CMS over `content`, signed by `signer` with `key` as the card does (`80 2A`).
fn cms_over(
    signer: &JpkiCertificate,
    key: &rsa::RsaPrivateKey,
    content: &[u8],
    hash: HashAlgorithm,
) -> Vec<u8> {
    let pending = SignedDataBuilder::new(signer, content, Encapsulation::Detached)
        .hash(hash)
        .signing_time(at(2026, 12, 3, 10, 1, 0))
        .prepare()
        .unwrap();
    let signature = card_sign(key, pending.digest_info());
    pending.finish(&signature).unwrap()
}

fn submission(f: &Fixture) -> SubmissionResult {
    let statement = account_statement(at(2026, 12, 3, 10, 1, 0));
    let signer = f.issue_sign(&f.sign_template());
    SubmissionResult {
        cms: cms_over(&signer, &f.sign_key, &statement, HashAlgorithm::Sha256),
        certificate: signer.der().to_vec(),
        statement,
    }
}

fn sha256_hex(data: &[u8]) -> String {
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A v2 CRL from `root` (thisUpdate 2026-12-01, nextUpdate 2026-12-31) revoking `serials`
/// (keyCompromise), as J-LIS would publish it (RFC 5280 §5.1).
fn crl_from(root: &sim::issuer::TestRoot, serials: &[&[u8]]) -> Vec<u8> {
    const SHA256_WITH_RSA: [u8; 15] = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
    ];
    let mut revoked = Vec::new();
    for serial in serials {
        let mut entry = tlv(0x02, serial);
        entry.extend(tlv(0x17, b"261202090000Z"));
        // crlEntryExtensions { reasonCode keyCompromise (1) }
        entry.extend([
            0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, 0x01,
        ]);
        revoked.extend(tlv(0x30, &entry));
    }
    let mut tbs = vec![0x02, 0x01, 0x01];
    tbs.extend_from_slice(&SHA256_WITH_RSA);
    tbs.extend(root.name().to_der().unwrap());
    tbs.extend(tlv(0x17, b"261201000000Z"));
    tbs.extend(tlv(0x17, b"261231000000Z"));
    if !revoked.is_empty() {
        tbs.push(0x30);
        push_len(&mut tbs, revoked.len());
        tbs.extend(revoked);
    }
    let tbs = tlv(0x30, &tbs);
    let mut bits = vec![0];
    bits.extend(sign_sha256(root.private_key(), &tbs));
    let mut body = tbs;
    body.extend_from_slice(&SHA256_WITH_RSA);
    body.extend(tlv(0x03, &bits));
    tlv(0x30, &body)
}

// ---- happy paths ---------------------------------------------------------------------------

#[test]
fn accepts_a_card_login_and_returns_issuer_serial_and_fingerprint() {
    let f = Fixture::new();
    let result = login(&f);
    let verified = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap();
    let cert = JpkiCertificate::from_der(&result.certificate).unwrap();
    assert_eq!(verified.statement.to_bytes(), result.statement);
    assert_eq!(verified.statement.kind(), Kind::Login);
    assert_eq!(verified.certificate.issuer, cert.profile().issuer);
    assert_eq!(verified.certificate.serial_hex, cert.profile().serial_hex());
    assert_eq!(
        verified.certificate.fingerprint_sha256,
        sha256_hex(&result.certificate)
    );
    assert_eq!(verified.certificate.not_before, cert.profile().not_before);
    assert_eq!(verified.certificate.not_after, cert.profile().not_after);
    assert_eq!(verified.certificate.hierarchy, Hierarchy::Test);
    assert_eq!(
        verified.certificate.revocation,
        RevocationStatus::NotChecked
    );
    assert_eq!(
        verified.certificate.revocation_text(),
        REVOCATION_NOT_CHECKED
    );
}

#[test]
fn accepts_a_signed_account_submission_and_returns_the_4_items_and_data() {
    let f = Fixture::new();
    let result = submission(&f);
    let verified = result
        .verify(&expectation(Kind::Submission), &f.store(), now(), None)
        .unwrap();
    assert_eq!(verified.flow, Flow::Account);
    assert_eq!(verified.data, account_data());
    assert_eq!(
        verified.holder.name.as_deref(),
        Some(f.persona.certificate_name().as_str())
    );
    assert_eq!(
        verified.holder.address.as_deref(),
        Some(f.persona.certificate_address().as_str())
    );
    assert_eq!(
        verified
            .holder
            .date_of_birth
            .as_ref()
            .and_then(|d| d.iso8601()),
        Some("1975-06-15".to_string())
    );
    assert_eq!(verified.holder.unrecognized, vec![]);
    let cert = JpkiCertificate::from_der(&result.certificate).unwrap();
    assert_eq!(verified.certificate.serial_hex, cert.profile().serial_hex());
    assert_eq!(
        verified.certificate.revocation,
        RevocationStatus::NotChecked
    );
}

#[test]
fn accepts_a_consent_submission_for_the_expected_flow() {
    let f = Fixture::new();
    let statement = Statement::submission(
        Challenge::parse(CHALLENGE).unwrap(),
        Origin::parse(HOST).unwrap(),
        RelyingParty::parse("みなと市").unwrap(),
        at(2026, 12, 3, 10, 9, 0),
        Flow::Consent,
        BTreeMap::from([(
            "consent".to_string(),
            "最新の利用者情報を提供することに同意します。".to_string(),
        )]),
    )
    .unwrap()
    .to_bytes();
    let signer = f.issue_sign(&f.sign_template());
    let cms = cms_over(&signer, &f.sign_key, &statement, HashAlgorithm::Sha256);
    let mut expected = expectation(Kind::Submission);
    expected.flow = Some(Flow::Consent);
    let verified = verify_submission(
        &statement,
        signer.der(),
        &cms,
        &expected,
        &f.store(),
        now(),
        None,
    )
    .unwrap();
    assert_eq!(verified.flow, Flow::Consent);
    expected.flow = Some(Flow::Account);
    let err = verify_submission(
        &statement,
        signer.der(),
        &cms,
        &expected,
        &f.store(),
        now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err,
        RpError::WrongFlow {
            expected: Flow::Account,
            found: Flow::Consent
        }
    );
    assert_eq!(err.code(), "wrong_flow");
}

#[test]
fn a_crl_that_does_not_list_the_certificate_says_not_revoked() {
    let f = Fixture::new();
    let result = submission(&f);
    let crl_der = crl_from(&f.sign_root, &[&[0x7f, 0x01]]);
    let crl = Crl::from_der(&crl_der).unwrap();
    let verified = result
        .verify(
            &expectation(Kind::Submission),
            &f.store(),
            now(),
            Some(&crl),
        )
        .unwrap();
    assert_eq!(
        verified.certificate.revocation,
        RevocationStatus::NotRevoked {
            crl_this_update: at(2026, 12, 1, 0, 0, 0)
        }
    );
    assert_eq!(
        verified.certificate.revocation_text(),
        "not revoked according to the CRL of 2026-12-01T00:00:00Z"
    );
}

// ---- the statement -------------------------------------------------------------------------

#[test]
fn rejects_a_tampered_statement_byte() {
    let f = Fixture::new();
    // Still a valid statement (another relying-party name), so the signature decides.
    let mut result = login(&f);
    let at_name = result
        .statement
        .windows(3)
        .position(|w| w == "市".as_bytes())
        .unwrap();
    result.statement[at_name..at_name + 3].copy_from_slice("町".as_bytes());
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(err, RpError::BadSignature(SignatureError::Mismatch));
    assert_eq!(err.code(), "bad_signature");

    // A byte that breaks the grammar is refused before any key is used.
    let mut result = login(&f);
    let last = result.statement.len() - 1;
    result.statement[last] = b' ';
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(
        err,
        RpError::BadStatement(StatementError::MissingFinalLineFeed)
    );
    assert_eq!(err.code(), "bad_statement");
}

#[test]
fn rejects_a_tampered_submission_data_value() {
    let f = Fixture::new();
    let mut result = submission(&f);
    let text = String::from_utf8(result.statement.clone()).unwrap();
    result.statement = text
        .replace("account_number=1234567", "account_number=7654321")
        .into_bytes();
    let err = result
        .verify(&expectation(Kind::Submission), &f.store(), now(), None)
        .unwrap_err();
    assert_eq!(err, RpError::Cms(CmsProblem::ContentMismatch));
    assert_eq!(err.code(), "cms_content_mismatch");
}

#[test]
fn rejects_a_tampered_signature() {
    let f = Fixture::new();
    let mut result = login(&f);
    result.signature[100] ^= 0x01;
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(err, RpError::BadSignature(SignatureError::Mismatch));

    let mut result = login(&f);
    result.signature.pop();
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(
        err,
        RpError::BadSignature(SignatureError::WrongLength {
            expected: 256,
            found: 255
        })
    );
}

#[test]
fn rejects_a_signature_over_sha1_instead_of_sha256() {
    let f = Fixture::new();
    let mut result = login(&f);
    let digest_info =
        HashAlgorithm::Sha1.digest_info(&HashAlgorithm::Sha1.digest(&result.statement));
    result.signature = card_sign(&f.auth_key, &digest_info);
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(err, RpError::BadSignature(SignatureError::Mismatch));
}

#[test]
fn rejects_a_statement_of_the_other_kind() {
    let f = Fixture::new();
    let result = login(&f);
    let err = result
        .verify(&expectation(Kind::Submission), &f.store(), now())
        .unwrap_err();
    assert_eq!(
        err,
        RpError::WrongKind {
            expected: Kind::Submission,
            found: Kind::Login
        }
    );
    assert_eq!(err.code(), "wrong_kind");

    // A submission statement sent as a login (signed with the auth key) is refused too.
    let statement = account_statement(at(2026, 12, 3, 10, 1, 0));
    let err = verify_login(
        &statement,
        &result.certificate,
        &sign_sha256(&f.auth_key, &statement),
        &expectation(Kind::Login),
        &f.store(),
        now(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        RpError::WrongKind {
            expected: Kind::Login,
            found: Kind::Submission
        }
    );
}

#[test]
fn rejects_another_challenge() {
    let f = Fixture::new();
    let mut result = login(&f);
    result.statement = login_statement("ANOTHERchallenge_0001", HOST, at(2026, 12, 3, 10, 1, 0));
    result.signature = sign_sha256(&f.auth_key, &result.statement);
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(err, RpError::WrongChallenge);
    assert_eq!(err.code(), "wrong_challenge");
}

#[test]
fn rejects_a_result_signed_for_another_origin() {
    let f = Fixture::new();
    let mut result = login(&f);
    result.statement =
        login_statement(CHALLENGE, "https://evil.example", at(2026, 12, 3, 10, 1, 0));
    result.signature = sign_sha256(&f.auth_key, &result.statement);
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(
        err,
        RpError::WrongOrigin {
            expected: Origin::parse(HOST).unwrap(),
            found: Origin::parse("https://evil.example").unwrap()
        }
    );
    assert_eq!(err.code(), "wrong_origin");
    assert_eq!(
        err.to_string(),
        "the statement was made for https://evil.example, not https://city.example.jp"
    );
}

#[test]
fn statement_time_must_lie_in_the_challenge_lifetime_with_5_minutes_skew() {
    let f = Fixture::new();
    let verify_at = |time: DateTime| {
        let statement = login_statement(CHALLENGE, HOST, time);
        verify_login(
            &statement,
            &login(&f).certificate,
            &sign_sha256(&f.auth_key, &statement),
            &expectation(Kind::Login),
            &f.store(),
            now(),
        )
    };
    // Edges of [10:00 − 5 min, 10:10 + 5 min] are inside.
    assert!(verify_at(at(2026, 12, 3, 9, 55, 0)).is_ok());
    assert!(verify_at(at(2026, 12, 3, 10, 15, 0)).is_ok());
    let window = |time| RpError::StatementTimeOutOfWindow {
        time,
        earliest: at(2026, 12, 3, 9, 55, 0),
        latest: at(2026, 12, 3, 10, 15, 0),
    };
    let too_old = at(2026, 12, 3, 9, 54, 59);
    let err = verify_at(too_old).unwrap_err();
    assert_eq!(err, window(too_old));
    assert_eq!(err.code(), "statement_time_out_of_window");
    let too_new = at(2026, 12, 3, 10, 15, 1);
    assert_eq!(verify_at(too_new).unwrap_err(), window(too_new));
}

#[test]
fn rejects_a_result_arriving_after_the_challenge_expired() {
    let f = Fixture::new();
    let result = login(&f);
    let err = result
        .verify(
            &expectation(Kind::Login),
            &f.store(),
            at(2026, 12, 3, 10, 10, 1),
        )
        .unwrap_err();
    assert_eq!(
        err,
        RpError::ChallengeExpired {
            expires_at: at(2026, 12, 3, 10, 10, 0)
        }
    );
    assert_eq!(err.code(), "challenge_expired");
    // At the expiry second itself it is still accepted.
    assert!(result
        .verify(
            &expectation(Kind::Login),
            &f.store(),
            at(2026, 12, 3, 10, 10, 0)
        )
        .is_ok());
}

// ---- the certificate -----------------------------------------------------------------------

#[test]
fn rejects_the_signature_certificate_for_a_login() {
    let f = Fixture::new();
    let result = login(&f);
    let sign_cert = f.issue_sign(&f.sign_template());
    let err = verify_login(
        &result.statement,
        sign_cert.der(),
        &sign_sha256(&f.sign_key, &result.statement),
        &expectation(Kind::Login),
        &f.store(),
        now(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        RpError::WrongCertificateKind {
            expected: CertificateKind::UserAuthentication,
            found: Some(CertificateKind::Signature)
        }
    );
    assert_eq!(err.code(), "wrong_certificate_kind");
}

#[test]
fn rejects_the_authentication_certificate_for_a_submission() {
    let f = Fixture::new();
    let statement = account_statement(at(2026, 12, 3, 10, 1, 0));
    let auth_cert = f.issue_auth(&f.auth_template());
    let cms = cms_over(&auth_cert, &f.auth_key, &statement, HashAlgorithm::Sha256);
    let err = verify_submission(
        &statement,
        auth_cert.der(),
        &cms,
        &expectation(Kind::Submission),
        &f.store(),
        now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err,
        RpError::WrongCertificateKind {
            expected: CertificateKind::Signature,
            found: Some(CertificateKind::UserAuthentication)
        }
    );
}

#[test]
fn rejects_a_test_certificate_under_the_production_store() {
    let f = Fixture::new();
    let result = login(&f);
    let err = result
        .verify(&expectation(Kind::Login), &TrustStore::production(), now())
        .unwrap_err();
    let RpError::Untrusted(verdict) = &err else {
        panic!("expected Untrusted, got {err:?}");
    };
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
    assert_eq!(err.code(), "untrusted");
    assert_eq!(
        err.to_string(),
        "the certificate is not trusted: a test hierarchy certificate cannot be trusted by the \
         production roots; no trusted root issued this certificate"
    );
}

#[test]
fn rejects_an_expired_certificate() {
    let f = Fixture::new();
    let mut result = login(&f);
    result.certificate = f
        .issue_auth(
            &f.auth_template()
                .with_validity(dates((2021, 1, 1), (2026, 12, 2))),
        )
        .der()
        .to_vec();
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    let RpError::Untrusted(verdict) = &err else {
        panic!("expected Untrusted, got {err:?}");
    };
    assert_eq!(
        verdict.reasons,
        vec![Reason::Expired {
            not_after: at(2026, 12, 2, 14, 59, 59)
        }]
    );
    assert_eq!(err.code(), "untrusted");
}

#[test]
fn rejects_a_malformed_certificate() {
    let f = Fixture::new();
    let mut result = login(&f);
    result.certificate.truncate(100);
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(err.code(), "bad_certificate");
    assert!(matches!(err, RpError::BadCertificate(_)));
}

#[test]
fn a_crl_listing_the_certificate_rejects_it_as_revoked() {
    let f = Fixture::new();
    let result = submission(&f);
    let cert = JpkiCertificate::from_der(&result.certificate).unwrap();
    let crl_der = crl_from(&f.sign_root, &[&[0x7f, 0x01], &cert.profile().serial]);
    let crl = Crl::from_der(&crl_der).unwrap();
    let err = result
        .verify(
            &expectation(Kind::Submission),
            &f.store(),
            now(),
            Some(&crl),
        )
        .unwrap_err();
    assert_eq!(
        err,
        RpError::Revoked {
            time: at(2026, 12, 2, 9, 0, 0),
            reason: Some(RevocationReason::KeyCompromise)
        }
    );
    assert_eq!(err.code(), "revoked");
    assert_eq!(
        err.to_string(),
        "the certificate was revoked at 2026-12-02T09:00:00Z (keyCompromise)"
    );

    // The same for a login, when the relying party has the authentication CA's CRL.
    let login = login(&f);
    let auth = JpkiCertificate::from_der(&login.certificate).unwrap();
    let auth_crl_der = crl_from(&f.auth_root, &[&auth.profile().serial]);
    let auth_crl = Crl::from_der(&auth_crl_der).unwrap();
    let err = verify_login_with_crl(
        &login.statement,
        &login.certificate,
        &login.signature,
        &expectation(Kind::Login),
        &f.store(),
        now(),
        Some(&auth_crl),
    )
    .unwrap_err();
    assert_eq!(err.code(), "revoked");
}

// ---- the CMS -------------------------------------------------------------------------------

#[test]
fn rejects_a_cms_whose_signer_is_not_the_given_certificate() {
    let f = Fixture::new();
    let result = submission(&f);
    // Another signature certificate (same persona, other validity) with the same key signs;
    // the result still carries the first one.
    let other = f.issue_sign(
        &f.sign_template()
            .with_validity(dates((2026, 1, 1), (2030, 1, 1))),
    );
    assert_ne!(other.der(), &result.certificate[..]);
    let cms = cms_over(
        &other,
        &f.sign_key,
        &result.statement,
        HashAlgorithm::Sha256,
    );
    let err = verify_submission(
        &result.statement,
        &result.certificate,
        &cms,
        &expectation(Kind::Submission),
        &f.store(),
        now(),
        None,
    )
    .unwrap_err();
    assert_eq!(err, RpError::Cms(CmsProblem::SignerNotCertificate));
    assert_eq!(err.code(), "cms_signer_mismatch");
}

#[test]
fn rejects_a_cms_with_another_hash_or_broken_bytes() {
    let f = Fixture::new();
    let result = submission(&f);
    let signer = JpkiCertificate::from_der(&result.certificate).unwrap();
    let cms = cms_over(&signer, &f.sign_key, &result.statement, HashAlgorithm::Sha1);
    let err = verify_submission(
        &result.statement,
        &result.certificate,
        &cms,
        &expectation(Kind::Submission),
        &f.store(),
        now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err,
        RpError::Cms(CmsProblem::HashNotSha256(HashAlgorithm::Sha1))
    );

    let mut broken = result.clone();
    let last = broken.cms.len() - 1;
    broken.cms[last] ^= 0x01;
    let err = broken
        .verify(&expectation(Kind::Submission), &f.store(), now(), None)
        .unwrap_err();
    assert_eq!(
        err,
        RpError::Cms(CmsProblem::Invalid(CmsError::Signature(
            SignatureError::Mismatch
        )))
    );
    assert_eq!(err.code(), "bad_cms");
}

#[test]
fn rejects_an_attached_cms() {
    let f = Fixture::new();
    let result = submission(&f);
    let signer = JpkiCertificate::from_der(&result.certificate).unwrap();
    let pending = SignedDataBuilder::new(&signer, &result.statement, Encapsulation::Attached)
        .prepare()
        .unwrap();
    let signature = card_sign(&f.sign_key, pending.digest_info());
    let cms = pending.finish(&signature).unwrap();
    let err = verify_submission(
        &result.statement,
        &result.certificate,
        &cms,
        &expectation(Kind::Submission),
        &f.store(),
        now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err,
        RpError::Cms(CmsProblem::Invalid(CmsError::ContentTwice))
    );
}

#[test]
fn error_codes_are_distinct() {
    let errors = [
        RpError::BadStatement(StatementError::BadHeader),
        RpError::WrongKind {
            expected: Kind::Login,
            found: Kind::Submission,
        },
        RpError::WrongFlow {
            expected: Flow::Account,
            found: Flow::Consent,
        },
        RpError::WrongChallenge,
        RpError::ChallengeExpired { expires_at: now() },
        RpError::WrongOrigin {
            expected: Origin::parse(HOST).unwrap(),
            found: Origin::parse(HOST).unwrap(),
        },
        RpError::StatementTimeOutOfWindow {
            time: now(),
            earliest: now(),
            latest: now(),
        },
        RpError::WrongCertificateKind {
            expected: CertificateKind::Signature,
            found: None,
        },
        RpError::BadSignature(SignatureError::Mismatch),
        RpError::Cms(CmsProblem::ContentMismatch),
        RpError::Cms(CmsProblem::SignerNotCertificate),
        RpError::Cms(CmsProblem::HashNotSha256(HashAlgorithm::Sha1)),
        RpError::Cms(CmsProblem::Invalid(CmsError::ContentTwice)),
        RpError::Revoked {
            time: now(),
            reason: None,
        },
        RpError::MissingHolderInfo,
    ];
    let mut codes: Vec<&str> = errors.iter().map(RpError::code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), errors.len());
}

#[test]
fn rejects_a_signature_certificate_without_the_4_items() {
    let f = Fixture::new();
    let statement = account_statement(at(2026, 12, 3, 10, 1, 0));
    let mut template = f.sign_template();
    template.subject_alt_name.clear();
    let signer = f.issue_sign(&template);
    assert_eq!(
        f.store()
            .validate(&signer, &pki::ValidationOptions::at(now()))
            .reasons,
        vec![]
    );
    let cms = cms_over(&signer, &f.sign_key, &statement, HashAlgorithm::Sha256);
    let err = verify_submission(
        &statement,
        signer.der(),
        &cms,
        &expectation(Kind::Submission),
        &f.store(),
        now(),
        None,
    )
    .unwrap_err();
    assert_eq!(err, RpError::MissingHolderInfo);
    assert_eq!(err.code(), "missing_holder_info");
}

// ---- attacks: keys and signers swapped or added ------------------------------------------

#[test]
fn rejects_a_login_signed_with_the_signature_key() {
    let f = Fixture::new();
    let mut result = login(&f);
    // Same person, same card, the other key: the authentication certificate's key must sign.
    result.signature = sign_sha256(&f.sign_key, &result.statement);
    let err = result
        .verify(&expectation(Kind::Login), &f.store(), now())
        .unwrap_err();
    assert_eq!(err, RpError::BadSignature(SignatureError::Mismatch));
    assert_eq!(err.code(), "bad_signature");
}

#[test]
fn rejects_a_cms_with_a_second_signer_added() {
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::asn1::SetOfVec;
    use der::Decode;

    let f = Fixture::new();
    let result = submission(&f);
    // A second, equally valid signer over the same statement: another signature certificate.
    let other = f.issue_sign(
        &f.sign_template()
            .with_validity(dates((2026, 1, 1), (2030, 1, 1))),
    );
    let second = cms_over(
        &other,
        &f.sign_key,
        &result.statement,
        HashAlgorithm::Sha256,
    );
    let signed_data = |der: &[u8]| -> SignedData {
        ContentInfo::from_der(der)
            .unwrap()
            .content
            .decode_as()
            .unwrap()
    };
    let mut merged = signed_data(&result.cms);
    let extra = signed_data(&second);
    let mut infos: Vec<_> = merged.signer_infos.0.iter().cloned().collect();
    infos.extend(extra.signer_infos.0.iter().cloned());
    merged.signer_infos.0 = SetOfVec::try_from(infos).unwrap();
    let mut certs: Vec<_> = merged
        .certificates
        .as_ref()
        .unwrap()
        .0
        .iter()
        .cloned()
        .collect();
    certs.extend(extra.certificates.as_ref().unwrap().0.iter().cloned());
    merged.certificates = Some(cms::signed_data::CertificateSet(
        SetOfVec::try_from(certs).unwrap(),
    ));
    let info = ContentInfo {
        content_type: const_oid::db::rfc5911::ID_SIGNED_DATA,
        content: der::Any::encode_from(&merged).unwrap(),
    };
    let cms = info.to_der().unwrap();
    // Each signer alone verifies; together they are refused.
    for (der, cert) in [
        (&result.cms, &result.certificate),
        (&second, &other.der().to_vec()),
    ] {
        assert!(verify_submission(
            &result.statement,
            cert,
            der,
            &expectation(Kind::Submission),
            &f.store(),
            now(),
            None
        )
        .is_ok());
    }
    let err = verify_submission(
        &result.statement,
        &result.certificate,
        &cms,
        &expectation(Kind::Submission),
        &f.store(),
        now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err,
        RpError::Cms(CmsProblem::Invalid(CmsError::SignerCount(2)))
    );
    assert_eq!(err.code(), "bad_cms");
}
