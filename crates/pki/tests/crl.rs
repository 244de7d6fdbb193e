//! Streaming CRL reader on CRLs made by the simulator's test CA with 1, 10 000 and 1 000 000
//! entries (RFC 5280 §5; crl.rs). Memory stays flat: parsing and lookups allocate nothing per
//! entry, checked with a counting allocator.

#![allow(clippy::unwrap_used)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;

use common::{at, push_len, sign_sha256, tlv, Fixture};
use der::Encode;
use pki::crl::{Crl, CrlError, Revocation, RevocationReason};
use pki::validate::{Reason, RevocationStatus, ValidationOptions};

/// Counts allocations made by the current thread.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn allocations_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (out, ALLOCATIONS.with(Cell::get) - before)
}

const SHA256_WITH_RSA: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];
const REASONS: [u8; 5] = [0, 1, 3, 4, 5];

fn der_integer(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(7);
    let mut content = Vec::new();
    if bytes[start] >= 0x80 {
        content.push(0);
    }
    content.extend_from_slice(&bytes[start..]);
    tlv(0x02, &content)
}

/// Entry `i` revokes serial `i + 1` at 2025-01-01 plus `i` seconds (mod a day) with reason
/// `REASONS[i % 5]`.
fn entry(i: u64, out: &mut Vec<u8>) {
    let serial = der_integer(i + 1);
    let secs = i % 86_400;
    let two = |n: u64| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let (h, m, s) = (two(secs / 3600), two((secs / 60) % 60), two(secs % 60));
    // UTCTime 2501 01 hh mm ss Z, written without formatting (1M entries in a dev build).
    let time = [
        0x17, 13, b'2', b'5', b'0', b'1', b'0', b'1', h[0], h[1], m[0], m[1], s[0], s[1], b'Z',
    ];
    let reason = REASONS[(i % 5) as usize];
    // SEQUENCE { SEQUENCE { OID 2.5.29.21, OCTET STRING { ENUMERATED reason } } }
    let ext = [
        0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, reason,
    ];
    out.push(0x30);
    push_len(out, serial.len() + time.len() + ext.len());
    out.extend_from_slice(&serial);
    out.extend_from_slice(&time);
    out.extend_from_slice(&ext);
}

/// A v2 CRL issued by `issuer_name` (DER) and signed with `key`.
fn make_crl(issuer_name: &[u8], key: &rsa::RsaPrivateKey, entries: u64) -> Vec<u8> {
    let mut revoked = Vec::with_capacity(entries as usize * 40);
    for i in 0..entries {
        entry(i, &mut revoked);
    }
    let mut tbs_content = vec![0x02, 0x01, 0x01];
    tbs_content.extend_from_slice(&SHA256_WITH_RSA);
    tbs_content.extend_from_slice(issuer_name);
    tbs_content.extend(tlv(0x17, b"250601000000Z"));
    tbs_content.extend(tlv(0x17, b"270601000000Z"));
    if entries > 0 {
        tbs_content.push(0x30);
        push_len(&mut tbs_content, revoked.len());
        tbs_content.extend_from_slice(&revoked);
    }
    drop(revoked);
    // crlExtensions [0] { SEQUENCE { cRLNumber 7 } }
    tbs_content.extend(
        [
            0xa0, 0x0d, 0x30, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x1d, 0x14, 0x04, 0x02, 0x02,
            0x07,
        ]
        .iter(),
    );
    let tbs = tlv(0x30, &tbs_content);
    let signature = sign_sha256(key, &tbs);
    let mut bits = vec![0];
    bits.extend(signature);
    let mut body = tbs;
    body.extend_from_slice(&SHA256_WITH_RSA);
    body.extend(tlv(0x03, &bits));
    tlv(0x30, &body)
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(Fixture::new)
}

fn auth_root_name() -> Vec<u8> {
    fixture().auth_root.name().to_der().unwrap()
}

fn million() -> &'static [u8] {
    static CRL: OnceLock<Vec<u8>> = OnceLock::new();
    CRL.get_or_init(|| {
        make_crl(
            &auth_root_name(),
            fixture().auth_root.private_key(),
            1_000_000,
        )
    })
}

fn revocation(i: u64) -> Revocation {
    let s = i % 86_400;
    Revocation {
        time: at(
            2025,
            1,
            1,
            (s / 3600) as u8,
            ((s / 60) % 60) as u8,
            (s % 60) as u8,
        ),
        reason: Some(RevocationReason::from_code(REASONS[(i % 5) as usize])),
    }
}

#[test]
fn one_entry_crl() {
    let f = fixture();
    let der = make_crl(&auth_root_name(), f.auth_root.private_key(), 1);
    let crl = Crl::from_der(&der).unwrap();
    assert_eq!(crl.len(), 1);
    assert_eq!(crl.this_update(), at(2025, 6, 1, 0, 0, 0));
    assert_eq!(crl.next_update(), Some(at(2027, 6, 1, 0, 0, 0)));
    assert_eq!(
        crl.is_revoked(&[0x01]),
        Some(Revocation {
            time: at(2025, 1, 1, 0, 0, 0),
            reason: Some(RevocationReason::Unspecified)
        })
    );
    assert_eq!(crl.is_revoked(&[0x00, 0x01]), crl.is_revoked(&[0x01]));
    assert_eq!(crl.is_revoked(&[0x02]), None);
    let root_key = f.auth_root.private_key().to_public_key();
    assert_eq!(
        crl.verify_signature(&root_key),
        Ok(pki::signature::HashAlgorithm::Sha256)
    );
    let other_key = f.sign_root.private_key().to_public_key();
    assert_eq!(
        crl.verify_signature(&other_key),
        Err(pki::signature::SignatureError::Mismatch)
    );
}

#[test]
fn ten_thousand_entries_scan_in_one_pass() {
    let f = fixture();
    let der = make_crl(&auth_root_name(), f.auth_root.private_key(), 10_000);
    let crl = Crl::from_der(&der).unwrap();
    assert_eq!(crl.len(), 10_000);
    let queries: [&[u8]; 6] = [
        &[0x01],
        &[0x27, 0x10],
        &[0x13, 0x88],
        &[0x27, 0x11],
        &[0x13, 0x88],
        &[0x00, 0x00, 0x04],
    ];
    let answers = crl.scan(&queries);
    assert_eq!(
        answers,
        vec![
            Some(revocation(0)),
            Some(revocation(9_999)),
            Some(revocation(4_999)),
            None,
            Some(revocation(4_999)),
            Some(revocation(3))
        ]
    );
    assert_eq!(revocation(3).reason, Some(RevocationReason::Superseded));
    assert_eq!(crl.entries().count(), 10_000);
    assert_eq!(
        crl.entries().nth(9_999).map(|e| e.serial),
        Some(&[0x27u8, 0x10][..])
    );
}

#[test]
fn million_entries_with_flat_memory() {
    let der = million();
    assert!(der.len() > 30_000_000, "{} bytes", der.len());
    let (crl, allocations) = allocations_during(|| Crl::from_der(der).unwrap());
    assert_eq!(allocations, 0, "parsing 1M entries allocated");
    assert_eq!(crl.len(), 1_000_000);

    let (found, allocations) = allocations_during(|| crl.is_revoked(&[0x0f, 0x42, 0x40]));
    assert_eq!(allocations, 0);
    assert_eq!(found, Some(revocation(999_999)));
    let (absent, _) = allocations_during(|| crl.is_revoked(&[0x0f, 0x42, 0x41]));
    assert_eq!(absent, None);

    let queries: [&[u8]; 3] = [
        &[0x0f, 0x42, 0x40],
        &[0x07, 0xa1, 0x20],
        &[0x10, 0x00, 0x00],
    ];
    let (answers, allocations) = allocations_during(|| crl.scan(&queries));
    assert!(
        allocations <= 4,
        "scan allocated {allocations} times (only for the query list)"
    );
    assert_eq!(
        answers,
        vec![Some(revocation(999_999)), Some(revocation(499_999)), None]
    );

    let key = fixture().auth_root.private_key().to_public_key();
    let (verdict, allocations) = allocations_during(|| crl.verify_signature(&key));
    assert_eq!(verdict, Ok(pki::signature::HashAlgorithm::Sha256));
    assert!(
        allocations < 200,
        "signature check allocated {allocations} times"
    );
}

#[test]
fn validator_reports_revocation_from_the_roots_crl() {
    let f = fixture();
    let cert = f.issue_auth(&f.auth_template());
    let serial = u64::from(f.persona.auth_serial);
    // Entries revoke serials 1..=n; the persona's serial is inside a CRL with `serial` entries.
    let listing = make_crl(&auth_root_name(), f.auth_root.private_key(), serial);
    let crl = Crl::from_der(&listing).unwrap();
    let options = ValidationOptions {
        at: at(2026, 6, 1, 0, 0, 0),
        crl: Some(&crl),
    };
    let verdict = f.store().validate(&cert, &options);
    let expected = revocation(serial - 1);
    assert_eq!(
        verdict.reasons,
        vec![Reason::Revoked {
            time: expected.time,
            reason: expected.reason
        }]
    );
    assert_eq!(verdict.revocation, RevocationStatus::Revoked);

    let clean = make_crl(&auth_root_name(), f.auth_root.private_key(), serial - 1);
    let crl = Crl::from_der(&clean).unwrap();
    let verdict = f.store().validate(
        &cert,
        &ValidationOptions {
            crl: Some(&crl),
            ..options
        },
    );
    assert_eq!(verdict.reasons, vec![]);
    assert_eq!(
        verdict.revocation,
        RevocationStatus::NotRevoked {
            crl_this_update: at(2025, 6, 1, 0, 0, 0)
        }
    );

    // Signed by the other root: not usable for this certificate.
    let forged = make_crl(&auth_root_name(), f.sign_root.private_key(), 3);
    let crl = Crl::from_der(&forged).unwrap();
    let verdict = f.store().validate(
        &cert,
        &ValidationOptions {
            crl: Some(&crl),
            ..options
        },
    );
    assert_eq!(verdict.reasons, vec![Reason::CrlNotFromRoot]);
    assert_eq!(verdict.revocation, RevocationStatus::NotChecked);

    let late = ValidationOptions {
        at: at(2027, 7, 1, 0, 0, 0),
        crl: Some(&crl),
    };
    let crl_ok = Crl::from_der(&clean).unwrap();
    let verdict = f.store().validate(
        &cert,
        &ValidationOptions {
            crl: Some(&crl_ok),
            ..late
        },
    );
    assert_eq!(
        verdict.reasons,
        vec![Reason::CrlOutOfDate {
            next_update: at(2027, 6, 1, 0, 0, 0)
        }]
    );
}

#[test]
fn rejects_malformed_crls() {
    let f = fixture();
    let good = make_crl(&auth_root_name(), f.auth_root.private_key(), 3);
    // Truncated anywhere: an error, never a panic.
    for cut in 0..good.len() {
        assert!(Crl::from_der(&good[..cut]).is_err(), "cut at {cut}");
    }
    // Trailing byte.
    let mut long = good.clone();
    long.push(0);
    assert!(matches!(Crl::from_der(&long), Err(CrlError::Structure(_))));
    // Version 3 (value 2).
    let mut v3 = good.clone();
    let pos = v3.windows(3).position(|w| w == [0x02, 0x01, 0x01]).unwrap();
    v3[pos + 2] = 2;
    assert_eq!(Crl::from_der(&v3).unwrap_err(), CrlError::Version);
    // An unknown critical entry extension: the CRL cannot be used (RFC 5280 §5.3).
    let mut crit = good.clone();
    let pos = crit
        .windows(5)
        .position(|w| w == [0x06, 0x03, 0x55, 0x1d, 0x15])
        .unwrap();
    crit[pos + 4] = 0x63; // 2.5.29.99
    assert_eq!(
        Crl::from_der(&crit).map(|c| c.len()),
        Ok(3),
        "non-critical unknown entry extensions are skipped"
    );
}
