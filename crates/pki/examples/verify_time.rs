//! Measures one RSA-2048 PKCS#1 v1.5 SHA-256 verification (the test-card signature
//! certificate against its root) and one full validation. Run with
//! `cargo run --release -p pki --example verify_time`.

use std::time::Instant;

use pki::trust::TrustStore;
use pki::validate::ValidationOptions;
use pki::JpkiCertificate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cert = JpkiCertificate::from_der(include_bytes!("../tests/data/jpki-sign-cert.der"))?;
    let store = TrustStore::bundled_test_roots();
    let root = store
        .anchors()
        .iter()
        .find(|a| a.name() == "signca-test-2024")
        .ok_or("root missing")?;
    let n = 2_000u32;
    let start = Instant::now();
    for _ in 0..n {
        cert.verify_signed_by(root.key())?;
    }
    let per_verify = start.elapsed() / n;
    let at = der::DateTime::new(2026, 6, 1, 0, 0, 0)?;
    let start = Instant::now();
    for _ in 0..n {
        assert!(store.validate(&cert, &ValidationOptions::at(at)).is_valid());
    }
    let per_validate = start.elapsed() / n;
    let start = Instant::now();
    for _ in 0..n {
        JpkiCertificate::from_der(cert.der())?;
    }
    let per_parse = start.elapsed() / n;
    println!("RSA-2048 verify: {per_verify:?}; full validation: {per_validate:?}; parse + profile: {per_parse:?}");
    Ok(())
}
