//! Timed work in this process: RSA-2048 verify and JPKI chain validation, and the streaming CRL
//! scan. Each number is the median of several batches, so one busy moment on a shared machine
//! moves it little.

use std::time::Instant;

use pki::crl::Crl;
use pki::trust::TrustStore;
use pki::validate::ValidationOptions;
use pki::JpkiCertificate;
use serde::Serialize;

/// The real test-card signature certificate (jpki-pki.md §6; crates/pki/tests/data/README.md).
const SIGN_CERT: &[u8] = include_bytes!("../../pki/tests/data/jpki-sign-cert.der");

/// A clock in milliseconds from any origin: [`Instant`] natively, `performance.now()` in a
/// browser (std's clock does not exist on wasm32-unknown-unknown).
pub type Clock<'a> = &'a dyn Fn() -> f64;

/// The native clock.
pub fn native_clock() -> impl Fn() -> f64 {
    let origin = Instant::now();
    move || origin.elapsed().as_secs_f64() * 1e3
}

/// Median of `batches` runs of `per_batch` calls of `f`, in microseconds per call.
pub fn median_us(
    clock: Clock<'_>,
    batches: usize,
    per_batch: u32,
    mut f: impl FnMut() -> Result<(), String>,
) -> Result<f64, String> {
    let mut samples = Vec::with_capacity(batches);
    for _ in 0..batches {
        let start = clock();
        for _ in 0..per_batch {
            f()?;
        }
        samples.push((clock() - start) * 1e3 / f64::from(per_batch.max(1)));
    }
    Ok(median(&mut samples))
}

/// The median (the mean of the middle two for an even count); 0 for none.
pub fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => samples.get(n / 2).copied().unwrap_or(0.0),
        _ => {
            let a = samples.get(n / 2 - 1).copied().unwrap_or(0.0);
            let b = samples.get(n / 2).copied().unwrap_or(0.0);
            (a + b) / 2.0
        }
    }
}

/// Verify timings, per operation.
#[derive(Clone, Debug, Serialize)]
pub struct VerifySpeed {
    /// RSA-2048 PKCS#1 v1.5 SHA-256 verify of the certificate's signature by its root.
    pub rsa_verify_us: f64,
    /// Full JPKI validation: parse-free chain to the bundled test root, dates, profile.
    pub chain_validate_us: f64,
    /// Parsing the certificate with the JPKI profile checks.
    pub parse_us: f64,
    /// Creating the demo card (`sim::VirtualCard::new` of persona `standard`: committed keys
    /// loaded; test roots, card certificates and the signed card data issued), as the app does
    /// at start in demo mode.
    pub demo_card_us: f64,
}

/// Measures [`VerifySpeed`] with `clock`.
pub fn verify_speed(
    clock: Clock<'_>,
    batches: usize,
    per_batch: u32,
) -> Result<VerifySpeed, String> {
    let cert = JpkiCertificate::from_der(SIGN_CERT).map_err(|e| e.to_string())?;
    let store = TrustStore::bundled_test_roots();
    let root = store
        .anchors()
        .iter()
        .find(|a| a.name() == "signca-test-2024")
        .ok_or("the bundled test root signca-test-2024 is missing")?;
    let rsa_verify_us = median_us(clock, batches, per_batch, || {
        cert.verify_signed_by(root.key())
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    let at = der::DateTime::new(2026, 6, 1, 0, 0, 0).map_err(|e| e.to_string())?;
    let options = ValidationOptions::at(at);
    let chain_validate_us = median_us(clock, batches, per_batch, || {
        if store.validate(&cert, &options).is_valid() {
            Ok(())
        } else {
            Err("the test-card certificate did not validate".into())
        }
    })?;
    let parse_us = median_us(clock, batches, per_batch, || {
        JpkiCertificate::from_der(SIGN_CERT)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    let persona = sim::persona("standard").ok_or("persona `standard` missing")?;
    let demo_card_us = median_us(clock, batches.min(3), per_batch.clamp(1, 5), || {
        sim::VirtualCard::new(persona.clone())
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    Ok(VerifySpeed {
        rsa_verify_us,
        chain_validate_us,
        parse_us,
        demo_card_us,
    })
}

/// One CRL scan in this process.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct CrlScan {
    /// Entries in the CRL.
    pub entries: usize,
    /// File size in bytes.
    pub file_bytes: usize,
    /// Time to read the file, in milliseconds.
    pub read_ms: f64,
    /// Time of `Crl::from_der` (structure and length checks), in milliseconds.
    pub parse_ms: f64,
    /// Time of one `Crl::scan` pass answering `queries` serials, in milliseconds.
    pub scan_ms: f64,
    /// Serials asked about in the scan.
    pub queries: usize,
    /// Of them, listed.
    pub revoked_found: usize,
    /// Entries compared per second in the scan (entries / scan time).
    pub entries_per_second: f64,
}

/// Reads `path`, parses it, and scans it for `queries` serials: half listed (spread over the
/// list), half not (above the largest serial).
pub fn crl_scan(path: &std::path::Path, queries: usize) -> Result<CrlScan, String> {
    let start = Instant::now();
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let read_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let crl = Crl::from_der(&bytes).map_err(|e| e.to_string())?;
    let entries = crl.len();
    let parse_ms = start.elapsed().as_secs_f64() * 1e3;
    let step = (entries / (queries / 2).max(1)).max(1) as u64;
    let serials: Vec<Vec<u8>> = (0..queries as u64)
        .map(|k| {
            let n = if k % 2 == 0 {
                1 + (k / 2) * step
            } else {
                entries as u64 + 1 + k
            };
            n.to_be_bytes().to_vec()
        })
        .collect();
    let refs: Vec<&[u8]> = serials.iter().map(Vec::as_slice).collect();
    let start = Instant::now();
    let answers = crl.scan(&refs);
    let scan_s = start.elapsed().as_secs_f64();
    let revoked_found = answers.iter().filter(|a| a.is_some()).count();
    Ok(CrlScan {
        entries,
        file_bytes: bytes.len(),
        read_ms,
        parse_ms,
        scan_ms: scan_s * 1e3,
        queries,
        revoked_found,
        entries_per_second: if scan_s > 0.0 {
            entries as f64 / scan_s
        } else {
            0.0
        },
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut []), 0.0);
    }

    #[test]
    fn scan_finds_exactly_the_listed_half() {
        let dir = std::env::temp_dir().join(format!("mynaweb-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("crl-100.der");
        std::fs::write(&path, crate::crl_gen::make_crl(100).unwrap()).unwrap();
        let scan = crl_scan(&path, 10).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            (scan.entries, scan.queries, scan.revoked_found),
            (100, 10, 5)
        );
    }
}
