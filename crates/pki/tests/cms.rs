//! CMS SignedData made with a card-style signer (raw RSA over the DigestInfo, as `80 2A` does)
//! on the simulator's signature certificate; verified here and by Debian's `openssl cms`.

#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::{at, card_sign, Fixture};
use pki::cms::{self, CmsError, Encapsulation, SignedDataBuilder};
use pki::signature::{HashAlgorithm, SignatureError};
use pki::validate::ValidationOptions;

const CONTENT: &[u8] = b"mynaweb: consent to provide the latest 4 basic facts\n";

fn make(
    f: &Fixture,
    encapsulation: Encapsulation,
    hash: HashAlgorithm,
) -> (pki::JpkiCertificate, Vec<u8>) {
    let signer = f.issue_sign(&f.sign_template());
    let pending = SignedDataBuilder::new(&signer, CONTENT, encapsulation)
        .hash(hash)
        .signing_time(at(2026, 12, 3, 9, 30, 0))
        .prepare()
        .unwrap();
    assert!(pending.digest_info().starts_with(hash.digest_info_prefix()));
    assert_eq!(
        pending.digest_info().len(),
        hash.digest_info_prefix().len() + hash.output_len()
    );
    let signature = card_sign(&f.sign_key, pending.digest_info());
    let der = pending.finish(&signature).unwrap();
    (signer, der)
}

#[test]
fn detached_round_trip_and_validation() {
    let f = Fixture::new();
    let (signer, der) = make(&f, Encapsulation::Detached, HashAlgorithm::Sha256);
    let verified = cms::verify(&der, Some(CONTENT)).unwrap();
    assert_eq!(verified.signer.der(), signer.der());
    assert_eq!(verified.hash, HashAlgorithm::Sha256);
    assert_eq!(verified.signing_time, Some(at(2026, 12, 3, 9, 30, 0)));
    assert_eq!(verified.content, None);
    let verdict = f.store().validate(
        &verified.signer,
        &ValidationOptions::at(verified.signing_time.unwrap()),
    );
    assert_eq!(verdict.reasons, vec![]);

    assert_eq!(
        cms::verify(&der, None).unwrap_err(),
        CmsError::ContentMissing
    );
    assert_eq!(
        cms::verify(&der, Some(b"other content")).unwrap_err(),
        CmsError::DigestMismatch
    );
}

#[test]
fn attached_round_trip_with_sha1_and_sha512() {
    let f = Fixture::new();
    for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha512] {
        let (_, der) = make(&f, Encapsulation::Attached, hash);
        let verified = cms::verify(&der, None).unwrap();
        assert_eq!(verified.content.as_deref(), Some(CONTENT));
        assert_eq!(verified.hash, hash);
        assert_eq!(
            cms::verify(&der, Some(CONTENT)).unwrap_err(),
            CmsError::ContentTwice
        );
    }
}

#[test]
fn finish_refuses_a_signature_that_does_not_match() {
    let f = Fixture::new();
    let signer = f.issue_sign(&f.sign_template());
    let pending = SignedDataBuilder::new(&signer, CONTENT, Encapsulation::Detached)
        .prepare()
        .unwrap();
    // Signed by the authentication key instead of the signature key.
    let wrong = card_sign(&f.auth_key, pending.digest_info());
    assert_eq!(
        pending.finish(&wrong).unwrap_err(),
        CmsError::Signature(SignatureError::Mismatch)
    );
}

#[test]
fn rejects_tampered_signed_attributes() {
    let f = Fixture::new();
    let (_, mut der) = make(&f, Encapsulation::Detached, HashAlgorithm::Sha256);
    // Change the signingTime minute "30" -> "31" (UTCTime 261203093000Z).
    let pos = der.windows(13).position(|w| w == b"261203093000Z").unwrap();
    der[pos + 9] = b'1';
    assert_eq!(
        cms::verify(&der, Some(CONTENT)).unwrap_err(),
        CmsError::Signature(SignatureError::Mismatch)
    );
}

fn write_temp(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn pem(label: &str, der: &[u8]) -> String {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).unwrap()
}

#[test]
fn openssl_cms_verify_accepts_what_we_make() {
    let f = Fixture::new();
    let dir = std::env::temp_dir().join(format!("pki-cms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = write_temp(
        &dir,
        "root.pem",
        pem("CERTIFICATE", f.sign_root.certificate_der()).as_bytes(),
    );
    let data = write_temp(&dir, "data.bin", CONTENT);

    let (_, detached) = make(&f, Encapsulation::Detached, HashAlgorithm::Sha256);
    let detached_path = write_temp(&dir, "detached.p7s", &detached);
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&detached_path)
        .arg("-CAfile")
        .arg(&root)
        .arg("-content")
        .arg(&data)
        .args(["-out", "/dev/null"])
        .output()
        .expect("openssl is installed");
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Verification successful"));

    let (_, attached) = make(&f, Encapsulation::Attached, HashAlgorithm::Sha256);
    let attached_path = write_temp(&dir, "attached.p7m", &attached);
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&attached_path)
        .arg("-CAfile")
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, CONTENT);

    // And openssl refuses it against the other root (the check can fail).
    let other = write_temp(
        &dir,
        "other.pem",
        pem("CERTIFICATE", f.auth_root.certificate_der()).as_bytes(),
    );
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&attached_path)
        .arg("-CAfile")
        .arg(&other)
        .output()
        .unwrap();
    assert!(!out.status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn verifies_cms_made_by_openssl() {
    // openssl signs with the simulator's signature key; our verifier must accept it.
    let f = Fixture::new();
    let signer = f.issue_sign(&f.sign_template());
    let dir = std::env::temp_dir().join(format!("pki-cms-openssl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    use rsa::pkcs8::EncodePrivateKey;
    let key_der = f.sign_key.to_pkcs8_der().unwrap();
    let key = write_temp(
        &dir,
        "key.pem",
        pem("PRIVATE KEY", key_der.as_bytes()).as_bytes(),
    );
    let cert = write_temp(
        &dir,
        "cert.pem",
        pem("CERTIFICATE", signer.der()).as_bytes(),
    );
    let data = write_temp(&dir, "data.bin", CONTENT);
    let out_path = dir.join("out.p7s");
    let status = Command::new("openssl")
        .args([
            "cms", "-sign", "-binary", "-outform", "DER", "-md", "sha256", "-in",
        ])
        .arg(&data)
        .arg("-signer")
        .arg(&cert)
        .arg("-inkey")
        .arg(&key)
        .arg("-out")
        .arg(&out_path)
        .status()
        .unwrap();
    assert!(status.success());
    let der = std::fs::read(&out_path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let verified = cms::verify(&der, Some(CONTENT)).unwrap();
    assert_eq!(verified.signer.der(), signer.der());
    assert_eq!(verified.hash, HashAlgorithm::Sha256);
    assert_eq!(
        cms::verify(&der, Some(b"tampered")).unwrap_err(),
        CmsError::DigestMismatch
    );
}
