//! Fuzz bodies for `fuzz/fuzz_targets/pki_*.rs` (libFuzzer) and for this crate's own unit test
//! over deterministic pseudo-random and mutated inputs. Each parses arbitrary bytes, which must
//! give a value or an error, never a panic, and checks the invariants that hold for every value.

use der::{Decode, Encode};

use crate::certificate::JpkiCertificate;
use crate::crl::Crl;
use crate::trust::TrustStore;
use crate::validate::ValidationOptions;

/// Certificate parsing, profile extraction, re-encoding and validation.
pub fn certificate(data: &[u8]) {
    let Ok(cert) = JpkiCertificate::from_der(data) else {
        return;
    };
    // Strict DER: re-encoding the parsed certificate gives back the input, and the signed
    // bytes are a slice of it.
    let encoded = cert.certificate().to_der();
    assert_eq!(
        encoded.as_deref().ok(),
        Some(data),
        "certificate re-encodes differently"
    );
    let tbs = cert.certificate().tbs_certificate.to_der().ok();
    assert_eq!(
        tbs.as_deref(),
        Some(cert.tbs_der()),
        "tbsCertificate bytes differ"
    );
    let again = JpkiCertificate::from_der(data).map(|c| c.profile().clone());
    assert_eq!(again.as_ref(), Ok(cert.profile()));
    let _ = cert.profile().serial_hex();
    if let Ok(at) = der::DateTime::new(2026, 1, 1, 0, 0, 0) {
        let verdict = TrustStore::bundled_test_roots().validate(&cert, &ValidationOptions::at(at));
        assert_eq!(verdict.is_valid(), verdict.reasons.is_empty());
        for reason in &verdict.reasons {
            let _ = (reason.code(), reason.to_string());
        }
    }
}

/// CRL parsing: every entry walks, lookups agree with the walk.
pub fn crl(data: &[u8]) {
    let Ok(crl) = Crl::from_der(data) else { return };
    assert_eq!(crl.entries().count(), crl.len());
    let serials: Vec<&[u8]> = crl.entries().take(16).map(|e| e.serial).collect();
    let scanned = crl.scan(&serials);
    for (serial, answer) in serials.iter().zip(&scanned) {
        let found = crl.is_revoked(serial);
        assert!(found.is_some(), "a listed serial is not found");
        assert_eq!(&found, answer, "scan and is_revoked disagree");
    }
    // Re-encoding: the outer structure parsed by x509-cert as well gives the same bytes.
    if let Ok(list) = x509_cert::crl::CertificateList::from_der(data) {
        assert_eq!(
            list.to_der().ok().as_deref(),
            Some(data),
            "CRL re-encodes differently"
        );
    }
}

/// CMS SignedData verification on attached and detached content.
pub fn cms(data: &[u8]) {
    let attached = crate::cms::verify(data, None);
    let detached = crate::cms::verify(data, Some(b"content"));
    if let Ok(v) = &attached {
        assert!(v.content.is_some(), "verified without content");
    }
    if let Ok(v) = &detached {
        assert!(v.content.is_none(), "detached content accepted twice");
    }
    if let Ok(info) = cms::content_info::ContentInfo::from_der(data) {
        assert_eq!(
            info.to_der().ok().as_deref(),
            Some(data),
            "ContentInfo re-encodes differently"
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
        let mut data = seed.to_vec();
        for _ in 0..=rng.below(4) {
            match rng.below(5) {
                0 if !data.is_empty() => {
                    let i = rng.below(data.len());
                    data[i] ^= 1 << rng.below(8);
                }
                1 if !data.is_empty() => {
                    let i = rng.below(data.len());
                    data[i] = rng.next() as u8;
                }
                2 => data.truncate(rng.below(data.len() + 1)),
                3 if !data.is_empty() => {
                    let i = rng.below(data.len());
                    data.remove(i);
                }
                _ => {
                    let i = rng.below(data.len() + 1);
                    data.insert(i, rng.next() as u8);
                }
            }
        }
        data
    }

    fn run(target: fn(&[u8]), seeds: &[&[u8]], iterations: usize) {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for seed in seeds {
            target(seed);
        }
        for i in 0..iterations {
            let data = if i % 4 == 0 {
                let len = rng.below(300);
                (0..len).map(|_| rng.next() as u8).collect()
            } else {
                mutate(&mut rng, seeds[i % seeds.len()])
            };
            target(&data);
        }
    }

    #[test]
    fn certificate_survives_random_and_mutated_inputs() {
        let seeds: [&[u8]; 3] = [
            include_bytes!("../tests/data/jpki-auth-cert.der"),
            include_bytes!("../tests/data/jpki-sign-cert.der"),
            include_bytes!("../roots/authca03.cer"),
        ];
        for seed in seeds {
            assert!(super::JpkiCertificate::from_der(seed).is_ok());
        }
        run(super::certificate, &seeds, 3_000);
    }

    #[test]
    fn crl_survives_random_and_mutated_inputs() {
        let seeds: [&[u8]; 1] = [include_bytes!("../tests/data/seed.fake.crl")];
        let crl = super::Crl::from_der(seeds[0]).unwrap();
        assert_eq!(crl.len(), 1);
        assert_eq!(
            crl.is_revoked(&[0x1e, 0xe6, 0x07]).and_then(|r| r.reason),
            Some(crate::crl::RevocationReason::AffiliationChanged)
        );
        run(super::crl, &seeds, 5_000);
    }

    #[test]
    fn cms_survives_random_and_mutated_inputs() {
        let seeds: [&[u8]; 1] = [include_bytes!("../tests/data/seed-attached.fake.p7m")];
        let verified = crate::cms::verify(seeds[0], None).unwrap();
        assert_eq!(verified.content.as_deref(), Some(&b"seed content\n"[..]));
        run(super::cms, &seeds, 3_000);
    }
}
