//! Malformed and edge-case certificates and CRLs from the PyPI `cryptography_vectors` package
//! (jpki-pki.md §6): every one gives a value or an error, never a panic, and each malformed
//! file listed there gets exactly its expected verdict.
//!
//! The package is 56 MB and not vendored: set `MYNAWEB_CRYPTOGRAPHY_VECTORS` to the directory
//! it was unpacked or installed into (`cargo xtask test` does). Without it this test says it
//! skipped and why.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use pki::crl::{Crl, CrlError};
use pki::validate::ValidationOptions;
use pki::JpkiCertificate;

/// Finds `cryptography_vectors/x509` under the given directory (or the directory itself).
fn x509_dir(root: &Path) -> Option<PathBuf> {
    [
        root.join("cryptography_vectors/x509"),
        root.join("x509"),
        root.to_path_buf(),
    ]
    .into_iter()
    .find(|d| d.join("custom").is_dir())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every DER object in a file: the file itself if DER, else each PEM block.
fn objects(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    if bytes.first() == Some(&0x30) {
        return vec![("DER".to_owned(), bytes.to_vec())];
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![("BINARY".to_owned(), bytes.to_vec())];
    };
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = &rest[start..];
        let Some(label_end) = block[11..].find("-----") else {
            break;
        };
        let label = &block[11..11 + label_end];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = block.find(&end_marker) else {
            break;
        };
        let pem = &block[..end + end_marker.len()];
        match pki::pem::der_from_pem_or_der(pem.as_bytes(), &[label]) {
            Ok(der) => out.push((label.to_owned(), der)),
            Err(_) => out.push((format!("{label} (bad PEM)"), pem.as_bytes().to_vec())),
        }
        rest = &block[end + end_marker.len()..];
    }
    out
}

/// Feeds one object to every parser of this crate.
fn feed(der: &[u8]) -> (Result<JpkiCertificate, String>, Result<usize, CrlError>) {
    pki::fuzzing::certificate(der);
    pki::fuzzing::crl(der);
    pki::fuzzing::cms(der);
    let cert = JpkiCertificate::from_der(der).map_err(|e| e.to_string());
    let crl = Crl::from_der(der).map(|c| c.len());
    (cert, crl)
}

/// "certificate verdict | CRL verdict" for the first object of a file. A certificate that
/// parses is validated (test roots, 2016-01-01) and summarised by its reason codes.
fn outcome(dir: &Path, name: &str) -> String {
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let objs = objects(&bytes);
    assert!(!objs.is_empty(), "{name}: no object");
    let (_, der) = &objs[0];
    let (cert, crl) = feed(der);
    let cert = match cert {
        Ok(cert) => {
            let at = pki::der::DateTime::new(2016, 1, 1, 0, 0, 0).unwrap();
            let verdict =
                pki::TrustStore::bundled_test_roots().validate(&cert, &ValidationOptions::at(at));
            let codes: Vec<&str> = verdict.reasons.iter().map(|r| r.code()).collect();
            format!("cert parses, rejected: {}", codes.join(","))
        }
        Err(e) => format!("cert error: {e}"),
    };
    let crl = match crl {
        Ok(n) => format!("CRL parses ({n} entries)"),
        Err(e) => format!("CRL error: {e}"),
    };
    format!("{cert} | {crl}")
}

#[test]
fn cryptography_vectors_malformed_inputs_give_errors_not_panics() {
    let Some(root) = std::env::var_os("MYNAWEB_CRYPTOGRAPHY_VECTORS") else {
        println!("skipped: MYNAWEB_CRYPTOGRAPHY_VECTORS is not set (cargo xtask test sets it to the installed PyPI cryptography_vectors package)");
        return;
    };
    let x509 =
        x509_dir(Path::new(&root)).unwrap_or_else(|| panic!("no x509/custom under {root:?}"));
    let custom = x509.join("custom");

    // Every file of x509/custom/ and the two top-level malformed ones: no panic.
    let mut files = Vec::new();
    walk(&custom, &mut files);
    files.push(x509.join("badasn1time.pem"));
    files.push(x509.join("belgian-eid-invalid-visiblestring.pem"));
    files.sort();
    let mut objects_fed = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        for (_, der) in objects(&bytes) {
            let _ = feed(&der);
            objects_fed += 1;
        }
    }
    println!("fed {objects_fed} objects from {} files", files.len());
    assert!(files.len() >= 120, "{} files", files.len());

    // The malformed ones of jpki-pki.md §6: exact verdicts.
    let mut mismatches = Vec::new();
    for (name, expected) in OUTCOMES {
        let dir = if custom.join(name).exists() {
            &custom
        } else {
            &x509
        };
        let got = outcome(dir, name);
        if got != expected {
            println!("    (\"{name}\", \"{got}\"),");
            mismatches.push(name);
        }
    }
    assert_eq!(mismatches, Vec::<&str>::new());

    // CRL signatures against their issuer's key (custom/valid_signature_cert.pem).
    let issuer = objects(&std::fs::read(custom.join("valid_signature_cert.pem")).unwrap())
        .remove(0)
        .1;
    let issuer = <x509_cert::Certificate as pki::der::Decode>::from_der(&issuer).unwrap();
    let spki = pki::der::Encode::to_der(&issuer.tbs_certificate.subject_public_key_info).unwrap();
    let key = pki::signature::rsa_key_from_spki_der(&spki).unwrap();
    for (name, ok) in [
        ("valid_signature_crl.pem", true),
        ("invalid_signature_crl.pem", false),
    ] {
        let der = objects(&std::fs::read(custom.join(name)).unwrap())
            .remove(0)
            .1;
        let crl = Crl::from_der(&der).unwrap();
        assert_eq!(crl.verify_signature(&key).is_ok(), ok, "{name}");
    }
}

/// Exact verdicts, "certificate | CRL". Notes: `crl_issuer_invalid_printable_string.der` parses
/// because the streaming reader never interprets the issuer's strings (it compares the issuer
/// DER with the root's subject byte for byte); `invalid_signature_crl.pem` parses and its
/// signature is then refused (checked below); the certificates that parse are refused by the
/// validator with the reasons shown.
const OUTCOMES: [(&str, &str); 21] = [
    ("cp_invalid.pem", "cert parses, rejected: no_trusted_root,unknown_kind | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("cp_invalid2.der", "cert parses, rejected: no_trusted_root,unknown_kind | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("malformed-san.pem", "cert error: malformed subjectAltName extension (2.5.29.17): unexpected ASN.1 DER tag: got UTF8String | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 7"),
    ("malformed-ian.pem", "cert parses, rejected: no_trusted_root,unknown_kind | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 7"),
    ("invalid_version.pem", "cert error: malformed certificate: malformed ASN.1 DER value for INTEGER at DER byte 9 | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("negative_serial.pem", "cert error: the serial number is not a positive integer | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("two_basic_constraints.pem", "cert error: extension 2.5.29.19 appears more than once | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("unsupported_extension_critical.pem", "cert parses, rejected: no_trusted_root,unknown_kind,unknown_critical_extension | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("invalid_signature_cert.pem", "cert error: certificate version is not v3 | CRL error: unsupported CRL version"),
    ("invalid_signature_crl.pem", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected SEQUENCE, got UTCTime at DER byte 120 | CRL parses (0 entries)"),
    ("mismatch_inner_outer_sig_algorithm.der", "cert error: the outer signature algorithm differs from the one inside tbsCertificate | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("alternate-rsa-sha1-oid.der", "cert error: malformed keyUsage extension (2.5.29.15): ASN.1 DER message is too long at DER byte 2 | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("crl_bad_version.pem", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected SEQUENCE, got UTCTime at DER byte 203 | CRL error: unsupported CRL version"),
    ("crl_invalid_time.der", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected SEQUENCE, got UTCTime at DER byte 84 | CRL error: malformed CRL: thisUpdate at byte 45"),
    ("crl_inval_date_fractional_seconds.der", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected INTEGER, got SEQUENCE at DER byte 6 | CRL error: malformed CRL: invalidityDate at byte 0"),
    ("crl_inner_outer_mismatch.der", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected SEQUENCE, got UTCTime at DER byte 120 | CRL error: the signature algorithm in tbsCertList differs from the outer one"),
    ("crl_empty_no_sequence.der", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected SEQUENCE, got UTCTime at DER byte 104 | CRL parses (0 entries)"),
    ("crl_issuer_invalid_printable_string.der", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected SEQUENCE, got UTCTime at DER byte 231 | CRL parses (1 entries)"),
    ("crl_md2_unknown_crit_entry_ext.pem", "cert error: malformed certificate: unexpected ASN.1 DER tag: expected SEQUENCE, got GeneralizedTime at DER byte 125 | CRL error: unsupported critical CRL extension 1.2.3.4"),
    ("badasn1time.pem", "cert error: malformed certificate: malformed ASN.1 DER value for UTCTime at DER byte 219 | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
    ("belgian-eid-invalid-visiblestring.pem", "cert parses, rejected: no_trusted_root,unknown_kind,not_yet_valid | CRL error: malformed CRL: signature: expected tag 0x30, found 0xa0 at byte 8"),
];
