//! Shared fixtures: the simulator's test hierarchy (crates/sim) issues every generated
//! certificate, so positive and negative cases differ from a real test card in one field only.

#![allow(clippy::unwrap_used, dead_code)]

use pki::certificate::JpkiCertificate;
use pki::trust::{TestTrustStore, TrustAnchor, TrustStore};
use rsa::RsaPrivateKey;
use sim::issuer::{CertificateTemplate, Purpose, TestRoot};
use sim::persona::{CertDates, Date, Persona};

pub struct Fixture {
    pub auth_root: TestRoot,
    pub sign_root: TestRoot,
    pub persona: Persona,
    pub auth_key: RsaPrivateKey,
    pub sign_key: RsaPrivateKey,
}

impl Fixture {
    pub fn new() -> Self {
        let persona = sim::persona::personas()
            .into_iter()
            .find(|p| p.has_signature_certificate)
            .unwrap();
        Self {
            auth_root: TestRoot::new(Purpose::Authentication).unwrap(),
            sign_root: TestRoot::new(Purpose::Signature).unwrap(),
            auth_key: sim::keys::load(&persona.auth_key_label()).unwrap(),
            sign_key: sim::keys::load(&persona.sign_key_label()).unwrap(),
            persona,
        }
    }

    /// A test store holding only the simulator's two roots.
    pub fn store(&self) -> TestTrustStore {
        let mut store = TrustStore::empty();
        store.add(TrustAnchor::from_der(self.auth_root.certificate_der()).unwrap());
        store.add(TrustAnchor::from_der(self.sign_root.certificate_der()).unwrap());
        store
    }

    pub fn auth_template(&self) -> CertificateTemplate {
        CertificateTemplate::authentication(&self.persona).unwrap()
    }

    pub fn sign_template(&self) -> CertificateTemplate {
        CertificateTemplate::signature(&self.persona).unwrap()
    }

    pub fn issue_auth(&self, t: &CertificateTemplate) -> JpkiCertificate {
        let der = self
            .auth_root
            .issue(t, &self.auth_key.to_public_key())
            .unwrap();
        JpkiCertificate::from_der(&der).unwrap()
    }

    pub fn issue_sign(&self, t: &CertificateTemplate) -> JpkiCertificate {
        let der = self
            .sign_root
            .issue(t, &self.sign_key.to_public_key())
            .unwrap();
        JpkiCertificate::from_der(&der).unwrap()
    }
}

pub fn at(y: u16, mo: u8, d: u8, h: u8, mi: u8, s: u8) -> der::DateTime {
    der::DateTime::new(y, mo, d, h, mi, s).unwrap()
}

pub fn dates(from: (u16, u8, u8), to: (u16, u8, u8)) -> CertDates {
    CertDates {
        not_before: Date::new(from.0, from.1, from.2),
        not_after: Date::new(to.0, to.1, to.2),
    }
}

/// PKCS#1 v1.5 SHA-256 signature, as the card would make it.
pub fn sign_sha256(key: &RsaPrivateKey, data: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    key.sign(
        rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
        &sha2::Sha256::digest(data),
    )
    .unwrap()
}

/// Raw RSA over a host-made DigestInfo, exactly like the card's `80 2A` command.
pub fn card_sign(key: &RsaPrivateKey, digest_info: &[u8]) -> Vec<u8> {
    key.sign(rsa::Pkcs1v15Sign::new_unprefixed(), digest_info)
        .unwrap()
}

/// DER TLV with a definite length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    push_len(&mut out, content.len());
    out.extend_from_slice(content);
    out
}

pub fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}
