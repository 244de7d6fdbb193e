//! The J-LIS test-card certificates and the bundled roots (shared/pki/samples/README.md,
//! roots/README.md): parsed values, chains, fingerprints.

#![allow(clippy::unwrap_used)]

use pki::certificate::{CertificateKind, Hierarchy, JpkiCertificate, KeyUse};
use pki::holder::{Era, Sex};
use pki::roots::KNOWN_ROOTS;
use pki::signature::HashAlgorithm;
use pki::trust::TrustStore;
use pki::validate::{Reason, RevocationStatus, ValidationOptions};
use sha2::Digest;

const AUTH: &[u8] = include_bytes!("data/jpki-auth-cert.der");
const SIGN: &[u8] = include_bytes!("data/jpki-sign-cert.der");

fn at(y: u16, mo: u8, d: u8, h: u8, mi: u8, s: u8) -> der::DateTime {
    der::DateTime::new(y, mo, d, h, mi, s).unwrap()
}

#[test]
fn auth_sample_parses_to_readme_values() {
    let cert = JpkiCertificate::from_der(AUTH).unwrap();
    let p = cert.profile();
    assert_eq!(p.kind, Some(CertificateKind::UserAuthentication));
    assert_eq!(p.hierarchy, Some(Hierarchy::Test));
    assert_eq!(p.serial_hex(), "227B13");
    assert_eq!(p.not_after, at(2030, 2, 17, 14, 59, 59));
    assert_eq!(p.not_before.year(), 2025);
    assert_eq!((p.not_before.month(), p.not_before.day()), (10, 27));
    assert_eq!(
        p.ocsp_url.as_deref(),
        Some("http://test-ocspauthnorm.jpki.go.jp")
    );
    assert_eq!(p.policies, vec![pki::oid::JPKI_POLICY_TEST_AUTH]);
    assert!(p.policies_critical);
    assert_eq!(p.key_usage, Some(vec![KeyUse::DigitalSignature]));
    assert_eq!(p.ext_key_usage, Some(vec![pki::oid::KP_CLIENT_AUTH]));
    assert_eq!(p.root.map(|r| r.name), Some("authca-test-2023"));
    assert_eq!(p.holder, None);
    assert_eq!(
        p.issuer,
        "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI-TEST,C=JP"
    );
    assert_eq!(
        sha2::Sha256::digest(AUTH)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
            .get(..8),
        Some("1dc4c0de")
    );
}

#[test]
fn sign_sample_parses_to_readme_values_and_holder_facts() {
    let cert = JpkiCertificate::from_der(SIGN).unwrap();
    let p = cert.profile();
    assert_eq!(p.kind, Some(CertificateKind::Signature));
    assert_eq!(p.hierarchy, Some(Hierarchy::Test));
    assert_eq!(p.serial_hex(), "1EE607");
    assert_eq!(p.not_before, at(2025, 10, 27, 1, 35, 57));
    assert_eq!(p.not_after, at(2030, 2, 17, 14, 59, 59));
    assert_eq!(p.ocsp_url, None);
    assert_eq!(p.policies, vec![pki::oid::JPKI_POLICY_TEST_SIGN]);
    assert_eq!(
        p.key_usage,
        Some(vec![KeyUse::DigitalSignature, KeyUse::NonRepudiation])
    );
    assert_eq!(p.ext_key_usage, None);
    assert_eq!(p.root.map(|r| r.name), Some("signca-test-2024"));
    assert_eq!(
        p.subject,
        "CN=202510161726000013413221003A,L=Kiyose-shi,L=Tokyo-to,C=JP"
    );

    let h = p.holder.as_ref().unwrap();
    assert_eq!(h.name.as_deref(), Some("黒桐\u{3000}幹也"));
    assert_eq!(
        h.address.as_deref(),
        Some("東京都清瀬市観布子南１２－７－２０２")
    );
    assert_eq!(h.sex, Some(Sex::Male));
    let dob = h.date_of_birth.as_ref().unwrap();
    assert_eq!(dob.raw, "319800217");
    assert_eq!(dob.era, Some(Era::Showa));
    assert_eq!(dob.date, Some((1980, 2, 17)));
    assert_eq!(dob.iso8601().as_deref(), Some("1980-02-17"));
    let name_map = h.name_substitutions.as_ref().unwrap();
    assert_eq!(name_map.0, "00000");
    assert!(name_map.fits(h.name.as_deref().unwrap()));
    assert_eq!(name_map.positions(), Vec::<usize>::new());
    let addr_map = h.address_substitutions.as_ref().unwrap();
    assert_eq!(addr_map.0, "000000000000000000");
    assert!(addr_map.fits(h.address.as_deref().unwrap()));
    assert!(h.unrecognized.is_empty());
    // Personal data never reaches Debug output.
    let debug = format!("{h:?}");
    assert!(
        !debug.contains("黒桐") && !debug.contains("清瀬") && !debug.contains("1980"),
        "{debug}"
    );
}

#[test]
fn samples_chain_to_the_stated_test_roots() {
    let store = TrustStore::bundled_test_roots();
    let when = ValidationOptions::at(at(2026, 6, 1, 0, 0, 0));
    for (der, root) in [(AUTH, "authca-test-2023"), (SIGN, "signca-test-2024")] {
        let verdict = store.validate(&JpkiCertificate::from_der(der).unwrap(), &when);
        assert_eq!(verdict.reasons, vec![]);
        assert_eq!(verdict.root.as_deref(), Some(root));
        assert_eq!(verdict.signature_hash, Some(HashAlgorithm::Sha256));
        assert_eq!(verdict.revocation, RevocationStatus::NotChecked);
    }
}

#[test]
fn rejects_test_leaf_under_production_store() {
    let store = TrustStore::production();
    let cert = JpkiCertificate::from_der(AUTH).unwrap();
    let verdict = store.validate(&cert, &ValidationOptions::at(at(2026, 6, 1, 0, 0, 0)));
    assert_eq!(
        verdict.reasons,
        vec![
            Reason::WrongHierarchy {
                certificate: Hierarchy::Test,
                store: Hierarchy::Production
            },
            Reason::NoTrustedRoot,
        ]
    );
    assert_eq!(verdict.root, None);
}

#[test]
fn sample_expires_at_end_of_day_jst() {
    let store = TrustStore::bundled_test_roots();
    let cert = JpkiCertificate::from_der(SIGN).unwrap();
    let last = store.validate(&cert, &ValidationOptions::at(at(2030, 2, 17, 14, 59, 59)));
    assert!(last.is_valid());
    let after = store.validate(&cert, &ValidationOptions::at(at(2030, 2, 17, 15, 0, 0)));
    assert_eq!(
        after.reasons,
        vec![Reason::Expired {
            not_after: at(2030, 2, 17, 14, 59, 59)
        }]
    );
}

fn fingerprint(der: &[u8]) -> String {
    sha2::Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

#[test]
fn production_roots_parse_are_self_signed_and_match_readme_fingerprints() {
    let expected = [
        (
            "authca01",
            1,
            "4DCFC4CA0AAF9FB2A3081B3F0C991C320B3ACC008667A341EEAEC5AF1D58CA7D",
        ),
        (
            "authca02",
            2,
            "0D98DE47FC11B7F67126874B7028B6026A803D2638D6EDFE53176953961FADE6",
        ),
        (
            "authca03",
            3,
            "64114F29620C24ED2631D46476A040E7EE740D956089C00B036A6A8118C322B5",
        ),
        (
            "signca01",
            1,
            "19645405A1FE14377434BD55957628AC4038557C542403A2243F21C706FC9355",
        ),
        (
            "signca02",
            2,
            "79679C33E4CC9319440F1AD120A597FF1844E2EF217063ADB176966FD5E6FBEB",
        ),
        (
            "signca03",
            3,
            "D227F6CDE11D35C5252178F106F843D24651944975413B539FA2FB68DBFA365F",
        ),
    ];
    let store = TrustStore::production();
    assert_eq!(store.anchors().len(), 6);
    for ((name, generation, fp), anchor) in expected.iter().zip(store.anchors()) {
        assert_eq!(anchor.name(), *name);
        let cert = anchor.certificate();
        assert_eq!(fingerprint(cert.der()), *fp);
        let p = cert.profile();
        assert_eq!(p.root.unwrap().generation, Some(*generation));
        assert_eq!(p.hierarchy, Some(Hierarchy::Production));
        assert!(p.self_issued);
        assert_eq!(p.basic_constraints_ca, Some(true));
        assert_eq!(
            p.key_usage,
            Some(vec![KeyUse::KeyCertSign, KeyUse::CrlSign])
        );
        assert_eq!(
            cert.verify_signed_by(anchor.key()),
            Ok(HashAlgorithm::Sha256)
        );
        assert_eq!(p.not_after.hour(), 14);
        assert_eq!(p.not_after.minutes(), 59);
    }
}

#[test]
fn test_roots_match_readme_fingerprints() {
    let expected = [
        "B6DE0FF5A384F5AF0242A6CA854DEE57EE2CAD97B341F18B914948FD8E638706",
        "5A0E7D690C718FADEBC7FB6EFF66A6DD623458DEBC1AA6FB1778BFE157CBEB25",
        "7BDBDF2652A15E6D458EFC143B7201242E1162416251D0903060FA7C642465CC",
        "8126DF7DD2DB230BD8EE48CAA40FC3417DDE3607050ED34973D8D3CF267FE723",
    ];
    let store = TrustStore::bundled_test_roots();
    assert_eq!(store.anchors().len(), 4);
    for (fp, anchor) in expected.iter().zip(store.anchors()) {
        assert_eq!(fingerprint(anchor.certificate().der()), *fp);
    }
    assert_eq!(KNOWN_ROOTS.len(), 10);
}

#[test]
fn refuses_production_root_as_test_anchor() {
    let err = pki::trust::TrustAnchor::<pki::Test>::from_der(KNOWN_ROOTS[0].der()).unwrap_err();
    assert_eq!(
        err,
        pki::trust::AnchorError::WrongHierarchy {
            expected: "test",
            found: "production"
        }
    );
}

#[test]
fn accepts_pem_input() {
    let b64 = {
        // Tiny base64 encoder for the test only.
        const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in AUTH.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    };
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    let pem = format!(
        "Certificate: text\n-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    );
    let cert = JpkiCertificate::from_pem_or_der(pem.as_bytes()).unwrap();
    assert_eq!(cert.der(), AUTH);
    assert_eq!(
        JpkiCertificate::from_pem_or_der(b"\x89PNG\r\n\x1a\n").unwrap_err(),
        pki::CertificateError::NotCertificate
    );
}
