//! Command-by-command tests of the virtual card, with exact bytes.

#![allow(clippy::unwrap_used)]

use alloc::string::String;
use alloc::vec::Vec;

use der::{Decode, Encode};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use rsa::RsaPublicKey;
use sha2::{Digest, Sha256};

use super::*;
use crate::filesystem::Application;
use crate::layouts;
use crate::persona::{persona, PinBForm};

fn card(id: &str) -> VirtualCard {
    VirtualCard::new(persona(id).unwrap()).unwrap()
}

fn bytes(hex: &str) -> Vec<u8> {
    let digits: String = hex.chars().filter(|c| !c.is_whitespace()).collect();
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap())
        .collect()
}

fn send(card: &mut VirtualCard, hex: &str) -> Vec<u8> {
    card.process(&bytes(hex))
}

fn sw_of(response: &[u8]) -> u16 {
    u16::from_be_bytes([response[response.len() - 2], response[response.len() - 1]])
}

fn sw(card: &mut VirtualCard, hex: &str) -> u16 {
    sw_of(&send(card, hex))
}

const SELECT_JPKI: &str = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01";
const SELECT_TEXT: &str = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08";
const SELECT_VISUAL: &str = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02";
const VERIFY_1234: &str = "00 20 00 80 04 31 32 33 34";
const VERIFY_ABC123: &str = "00 20 00 80 06 41 42 43 31 32 33";

/// Reads a whole EF with one extended READ BINARY and returns the data.
fn read_all(card: &mut VirtualCard) -> Vec<u8> {
    let r = send(card, "00 B0 00 00 00 00 00");
    assert_eq!(sw_of(&r), 0x9000);
    r[..r.len() - 2].to_vec()
}

fn der_len(ef: &[u8]) -> usize {
    apdu::tlv::ber_total_len(ef).unwrap()
}

// ---- SELECT --------------------------------------------------------------------------------

#[test]
fn select_application_with_and_without_fci() {
    let mut c = card("standard");
    assert_eq!(send(&mut c, SELECT_JPKI), [0x90, 0x00]);
    assert_eq!(
        send(&mut c, "00 A4 04 00 0A D3 92 F0 00 26 01 00 00 00 01 00"),
        bytes("6F 0C 84 0A D3 92 F0 00 26 01 00 00 00 01 90 00")
    );
    assert_eq!(
        sw(&mut c, "00 A4 04 04 0A D3 92 F0 00 26 01 00 00 00 01"),
        0x6A86
    );
    assert_eq!(sw(&mut c, "00 A4 04 0C 05 A0 00 00 02 77"), 0x6A82);
}

#[test]
fn select_by_aid_prefix_picks_the_first_matching_application() {
    let mut c = card("standard");
    assert_eq!(
        sw(&mut c, "00 A4 04 0C 09 D3 92 10 00 31 00 01 01 04"),
        0x9000
    );
    // The text AP came first: its EF 0011 is the 4-digit PIN (3 tries).
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 11"), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 80"), 0x63C3);
}

#[test]
fn select_mf_fails_after_reset_and_is_a_no_op_once_an_application_is_selected() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, "00 A4 00 00"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 00 0C 02 3F 00"), 0x6A82);
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 00 00"), 0x9000);
    // Still in the JPKI AP.
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 08"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 00 03"), bytes("8F 8F 00 90 00"));
}

#[test]
fn select_ef_accepts_p1_02_only() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 0A"), 0x6A82, "no AP selected");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 09 0C 02 00 0A"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 08 0C 02 00 0A"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 01 0C 02 00 0A"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 0A"), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 2F 10"), 0x6A82);
    assert_eq!(sw(&mut c, "00 A4 02 0C 01 0A"), 0x6700);
}

#[test]
fn selecting_the_issuer_security_domain_returns_to_the_power_on_state() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 04 0C 07 A0 00 00 01 51 00 00"), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 00 00"), 0x6A86);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 0A"), 0x6A82);
}

// ---- READ BINARY ---------------------------------------------------------------------------

#[test]
fn read_binary_by_offset_short_and_extended() {
    let mut c = card("standard");
    let ef = c.file_content(Application::Jpki, 0x000B).unwrap().to_vec();
    assert_eq!(ef.len(), 2048);
    let der = der_len(&ef);
    assert_eq!(&ef[..2], &[0x30, 0x82]);
    assert!(ef[der..].iter().all(|b| *b == 0xFF), "filler after the DER");

    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 B0 00 00 04"), 0x6986, "no current EF");
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 0B"), 0x9000);
    let first = send(&mut c, "00 B0 00 00 00");
    assert_eq!(first.len(), 258);
    assert_eq!(&first[..256], &ef[..256]);
    let second = send(&mut c, "00 B0 01 00 10");
    assert_eq!(&second[..16], &ef[256..272]);
    assert_eq!(read_all(&mut c), ef);
    // Extended Le with an offset.
    let tail = send(&mut c, "00 B0 07 F0 00 01 00");
    assert_eq!(tail, [&ef[0x7F0..], &[0x90, 0x00][..]].concat());
    // Le 00 00 00 has no data field: READ BINARY without Le is a length error.
    assert_eq!(sw(&mut c, "00 B0 00 00"), 0x6700);
}

#[test]
fn read_binary_returns_fewer_bytes_at_the_end_and_6b00_past_it() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 08"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 01 00"), bytes("8F 00 90 00"));
    assert_eq!(send(&mut c, "00 B0 00 03 01"), bytes("6B 00"));
    assert_eq!(send(&mut c, "00 B0 7F FF 01"), bytes("6B 00"));
}

#[test]
fn read_binary_by_sfi_needs_no_select_and_makes_the_ef_current() {
    let mut c = card("standard");
    let ef = c.file_content(Application::Jpki, 0x000A).unwrap().to_vec();
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    let r = send(&mut c, "00 B0 8A 00 00");
    assert_eq!(r, [&ef[..256], &[0x90, 0x00][..]].concat());
    let r = send(&mut c, "00 B0 01 00 02");
    assert_eq!(r, [&ef[256..258], &[0x90, 0x00][..]].concat());
    // SFI form with extended Le reads the whole EF in one command.
    let r = send(&mut c, "00 B0 8A 00 00 00 00");
    assert_eq!(r, [&ef[..], &[0x90, 0x00][..]].concat());
    assert_eq!(sw(&mut c, "00 B0 8C 00 00"), 0x6A82, "no EF 000C");
    assert_eq!(
        sw(&mut c, "00 B0 A0 00 00"),
        0x6A86,
        "bits 6-7 of P1 must be 0"
    );
    assert_eq!(
        sw(&mut c, "00 B0 98 00 00"),
        0x6981,
        "a PIN EF is not binary"
    );
}

#[test]
fn extended_length_is_refused_with_6700_when_disabled() {
    let config = CardConfig {
        extended_length: false,
        ..CardConfig::default()
    };
    let mut c = VirtualCard::with_config(persona("standard").unwrap(), config).unwrap();
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 0A"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 00 00 00 00"), bytes("67 00"));
    assert_eq!(sw(&mut c, "00 B0 00 00 00"), 0x9000);
    // ⌈len/256⌉ short reads fetch the whole certificate.
    let ef = c.file_content(Application::Jpki, 0x000A).unwrap().to_vec();
    let len = der_len(&ef);
    let mut got = Vec::new();
    for chunk in 0..len.div_ceil(256) {
        let offset = chunk * 256;
        let le = (len - offset).min(256);
        let cmd = [0x00, 0xB0, (offset >> 8) as u8, offset as u8, le as u8];
        let r = c.process(&cmd);
        got.extend_from_slice(&r[..r.len() - 2]);
    }
    assert_eq!(got, &ef[..len]);
}

#[test]
fn malformed_commands_are_answered_not_panicked_on() {
    let mut c = card("standard");
    assert_eq!(c.process(&[]), [0x67, 0x00]);
    assert_eq!(c.process(&[0x00, 0xB0]), [0x67, 0x00]);
    assert_eq!(
        sw(&mut c, "00 B0 00 00 05 01 02"),
        0x6700,
        "Lc does not match"
    );
    assert_eq!(sw(&mut c, "00 FF 00 00"), 0x6D00);
    assert_eq!(sw(&mut c, "80 FC 00 00"), 0x6D00);
    assert_eq!(sw(&mut c, "90 B0 00 00 01"), 0x6E00);
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "08 B0 8A 00 00"), 0x69FC);
}

// ---- JPKI files and gates ------------------------------------------------------------------

#[test]
fn token_info_and_certificate_presence() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    let r = send(&mut c, "00 B0 86 00 00");
    assert_eq!(r.len(), 162);
    assert_eq!(&r[..32], b"JPKIAPICCTOKEN2                 ");
    assert_eq!(&r[32..49], b"mynaweb simulator");
    assert_eq!(&r[96..100], &[0x00, 0x00, 0x04, 0x0D]);
    assert_eq!(&r[116..124], &[0, 0, 0, 16, 0, 0, 0, 4]);
    assert_eq!(send(&mut c, "00 B0 88 00 03"), bytes("8F 8F 00 90 00"));

    let mut legacy = card("legacy-label");
    assert_eq!(sw(&mut legacy, SELECT_JPKI), 0x9000);
    assert_eq!(
        send(&mut legacy, "00 B0 86 00 10"),
        [&b"JPKIAPICCTOKEN  "[..], &[0x90, 0x00][..]].concat()
    );
    assert_eq!(
        sw(&mut legacy, "00 B0 8A 00 04"),
        0x9000,
        "a card's auth certificate is free"
    );

    let mut child = card("child");
    assert_eq!(sw(&mut child, SELECT_JPKI), 0x9000);
    assert_eq!(send(&mut child, "00 B0 88 00 00"), bytes("00 8F 00 90 00"));
    assert_eq!(sw(&mut child, "00 A4 02 0C 02 00 01"), 0x6A82);
    assert_eq!(sw(&mut child, "00 A4 02 0C 02 00 1B"), 0x6A82);
    assert_eq!(
        sw(&mut child, "00 A4 02 0C 02 00 02"),
        0x9000,
        "the sign CA EF is still there"
    );
}

#[test]
fn sign_certificate_needs_the_password_while_auth_and_ca_certificates_are_free() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(send(&mut c, "00 B0 81 00 00"), bytes("69 82"));
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 01"), 0x9000);
    assert_eq!(send(&mut c, "00 B0 00 00 04"), bytes("69 82"));
    for sfi in ["82", "8A", "8B"] {
        assert_eq!(
            sw(&mut c, &alloc::format!("00 B0 {sfi} 00 04")),
            0x9000,
            "EF {sfi}"
        );
    }
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 1B"), 0x9000);
    assert_eq!(sw(&mut c, VERIFY_ABC123), 0x9000);
    let r = send(&mut c, "00 B0 81 00 00 00 00");
    let ef = c.file_content(Application::Jpki, 0x0001).unwrap();
    assert_eq!(&r[..r.len() - 2], ef);
    assert_eq!(
        sw(&mut c, "00 B0 89 00 01"),
        0x6982,
        "EF 0009 stays protected"
    );
}

#[test]
fn phone_token_needs_the_auth_pin_before_its_auth_certificate() {
    let mut c = card("phone-token");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    let r = send(&mut c, "00 B0 86 00 20");
    assert_eq!(&r[..32], b"JPKIAPGPSETOKEN                 ");
    assert_eq!(sw(&mut c, "00 B0 8A 00 00"), 0x6982);
    assert_eq!(sw(&mut c, "00 B0 8B 00 04"), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 18"), 0x9000);
    assert_eq!(sw(&mut c, VERIFY_1234), 0x9000);
    assert_eq!(sw(&mut c, "00 B0 8A 00 00"), 0x9000);
    assert_eq!(
        sw(&mut c, SELECT_TEXT),
        0x6A82,
        "a phone token has no text AP"
    );
    assert_eq!(sw(&mut c, SELECT_VISUAL), 0x6A82);
}

// ---- VERIFY and counters -------------------------------------------------------------------

#[test]
fn auth_pin_counts_down_to_63c0_then_6984_and_persists_across_reset() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 18"), 0x9000);
    assert_eq!(send(&mut c, "00 20 00 80"), bytes("63 C3"));
    assert_eq!(send(&mut c, "00 20 00 80 04 30 30 30 30"), bytes("63 C2"));
    assert_eq!(
        send(&mut c, "00 20 00 80"),
        bytes("63 C2"),
        "a status query costs nothing"
    );
    assert_eq!(send(&mut c, "00 20 00 80 04 30 30 30 30"), bytes("63 C1"));
    assert_eq!(c.reset(), Atr::ContactlessPseudo.bytes());
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 18"), 0x9000);
    assert_eq!(
        send(&mut c, "00 20 00 80"),
        bytes("63 C1"),
        "the counter survives a reset"
    );
    assert_eq!(send(&mut c, "00 20 00 80 04 30 30 30 30"), bytes("63 C0"));
    assert_eq!(
        send(&mut c, VERIFY_1234),
        bytes("69 84"),
        "blocked: even the right PIN"
    );
    assert_eq!(send(&mut c, "00 20 00 80 04 30 30 30 30"), bytes("69 84"));
    assert_eq!(send(&mut c, "00 20 00 80"), bytes("63 C0"));
    assert_eq!(c.pin_tries_left(Application::Jpki, 0x0018), Some(0));
}

#[test]
fn sign_password_has_five_tries_and_a_success_resets_the_counter() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 1B"), 0x9000);
    assert_eq!(send(&mut c, "00 20 00 80"), bytes("63 C5"));
    assert_eq!(
        send(&mut c, "00 20 00 80 06 41 42 43 31 32 34"),
        bytes("63 C4")
    );
    assert_eq!(send(&mut c, VERIFY_ABC123), bytes("90 00"));
    assert_eq!(
        send(&mut c, "00 20 00 80"),
        bytes("90 00"),
        "verified, not 0 tries"
    );
    c.reset();
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 1B"), 0x9000);
    assert_eq!(
        send(&mut c, "00 20 00 80"),
        bytes("63 C5"),
        "reset forgets the security state"
    );
}

#[test]
fn verify_applies_to_the_selected_pin_ef_or_the_sfi_in_p2() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, VERIFY_1234), 0x6A88, "no current EF");
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 0A"), 0x9000);
    assert_eq!(sw(&mut c, VERIFY_1234), 0x6981, "EF 000A is not a PIN");
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 1B"), 0x9000);
    assert_eq!(
        sw(&mut c, VERIFY_1234),
        0x63C4,
        "1234 went to the sign password"
    );
    assert_eq!(
        sw(&mut c, "00 20 00 98 04 31 32 33 34"),
        0x9000,
        "SFI form: EF 0018"
    );
    assert_eq!(sw(&mut c, "00 20 00 98"), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 9B"), 0x63C4);
    assert_eq!(sw(&mut c, "00 20 01 80"), 0x6A86);
    assert_eq!(sw(&mut c, "00 20 00 00"), 0x6A86);
}

#[test]
fn blocked_and_one_try_personas_start_as_documented() {
    let mut blocked = card("auth-blocked");
    assert_eq!(sw(&mut blocked, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut blocked, "00 20 00 98"), 0x63C0);
    assert_eq!(sw(&mut blocked, "00 20 00 98 04 31 32 33 34"), 0x6984);
    let mut one = card("auth-one-try");
    assert_eq!(sw(&mut one, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut one, "00 20 00 98"), 0x63C1);
    assert_eq!(sw(&mut one, "00 20 00 98 04 31 32 33 34"), 0x9000);
    assert_eq!(one.pin_tries_left(Application::Jpki, 0x0018), Some(3));
}

#[test]
fn change_reference_data_needs_a_verified_pin() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 18"), 0x9000);
    assert_eq!(sw(&mut c, "00 24 01 80 04 35 36 37 38"), 0x6982);
    assert_eq!(sw(&mut c, VERIFY_1234), 0x9000);
    assert_eq!(sw(&mut c, "00 24 01 80 02 35 36"), 0x6A80);
    assert_eq!(sw(&mut c, "00 24 01 80 04 35 36 37 38"), 0x9000);
    c.reset();
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 98 04 31 32 33 34"), 0x63C2);
    assert_eq!(sw(&mut c, "00 20 00 98 04 35 36 37 38"), 0x9000);
}

// ---- COMPUTE SIGNATURE ---------------------------------------------------------------------

fn certificate_key(c: &VirtualCard, ef: u16) -> RsaPublicKey {
    let content = c.file_content(Application::Jpki, ef).unwrap();
    let der = &content[..der_len(content)];
    let cert = x509_cert::Certificate::from_der(der).unwrap();
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .unwrap();
    RsaPublicKey::from_public_key_der(&spki).unwrap()
}

fn digest_info_sha256(message: &[u8]) -> Vec<u8> {
    [&SHA256_DIGEST_INFO[..], &Sha256::digest(message)[..]].concat()
}

#[test]
fn auth_signature_verifies_with_the_auth_certificate() {
    let mut c = card("standard");
    let di = digest_info_sha256(b"mynaweb");
    let sign = |c: &mut VirtualCard, p1p2: &str, data: &[u8]| {
        let mut cmd = bytes(&alloc::format!("80 2A {p1p2}"));
        cmd.push(data.len() as u8);
        cmd.extend_from_slice(data);
        cmd.push(0x00);
        c.process(&cmd)
    };
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 17"), 0x9000);
    assert_eq!(sign(&mut c, "00 80", &di), [0x69, 0x82], "no PIN yet");
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 18"), 0x9000);
    assert_eq!(sw(&mut c, VERIFY_1234), 0x9000);
    assert_eq!(sw(&mut c, "00 A4 02 0C 02 00 17"), 0x9000);
    let r = sign(&mut c, "00 80", &di);
    assert_eq!(r.len(), 258);
    assert_eq!(sw_of(&r), 0x9000);
    let signature = &r[..256];
    let key = certificate_key(&c, 0x000A);
    VerifyingKey::<Sha256>::new(key)
        .verify(b"mynaweb", &Signature::try_from(signature).unwrap())
        .unwrap();
    // P2 = 80|SFI names the key directly and gives the same bytes; P1=02/03 wrap on the card.
    assert_eq!(sign(&mut c, "00 97", &di), r);
    assert_eq!(sign(&mut c, "02 97", &Sha256::digest(b"mynaweb")), r);
    assert_eq!(sign(&mut c, "03 97", b"mynaweb"), r);
    // Bad lengths, P1 and references.
    assert_eq!(sign(&mut c, "00 97", &[0x55; 246]), [0x69, 0x85]);
    assert_eq!(sign(&mut c, "00 97", &[0x55; 245]).len(), 258);
    assert_eq!(sign(&mut c, "02 97", &[0x55; 31]), [0x69, 0x85]);
    assert_eq!(sign(&mut c, "06 97", &di), [0x6A, 0x86]);
    assert_eq!(
        sign(&mut c, "04 97", &di),
        [0x69, 0x85],
        "PSS over a hash needs 32 bytes"
    );
    let pss_key = rsa::pss::VerifyingKey::<Sha256>::new(certificate_key(&c, 0x000A));
    for (p1p2, data) in [
        ("04 97", &Sha256::digest(b"mynaweb")[..]),
        ("05 97", &b"mynaweb"[..]),
    ] {
        let r = sign(&mut c, p1p2, data);
        assert_eq!(sw_of(&r), 0x9000);
        let signature = rsa::pss::Signature::try_from(&r[..256]).unwrap();
        pss_key.verify(b"mynaweb", &signature).unwrap();
    }
    assert_eq!(
        sign(&mut c, "00 9A", &di),
        [0x69, 0x82],
        "sign key needs the password"
    );
    assert_eq!(sign(&mut c, "00 98", &di), [0x69, 0x81], "EF 0018 is a PIN");
    assert_eq!(
        sign(&mut c, "00 00", &di),
        [0x6A, 0x86],
        "no default key in JPKI"
    );
    assert_eq!(sw(&mut c, "00 2A 00 80 01 00"), 0x6D00);
}

#[test]
fn sign_key_signature_verifies_with_the_sign_certificate() {
    let mut c = card("age40");
    let di = digest_info_sha256(b"document");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 9B 06 41 42 43 31 32 33"), 0x9000);
    let mut cmd = bytes("80 2A 00 9A");
    cmd.push(di.len() as u8);
    cmd.extend_from_slice(&di);
    cmd.push(0);
    let r = c.process(&cmd);
    assert_eq!(sw_of(&r), 0x9000);
    let key = certificate_key(&c, 0x0001);
    VerifyingKey::<Sha256>::new(key)
        .verify(b"document", &Signature::try_from(&r[..256]).unwrap())
        .unwrap();
}

// ---- 券面事項入力補助AP ----------------------------------------------------------------------

#[test]
fn text_ap_my_number_and_basic_four_with_pin_a_and_b_rules() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    assert_eq!(sw(&mut c, "00 B0 81 00 00"), 0x6982);
    assert_eq!(
        sw(&mut c, "00 B0 84 00 04"),
        0x9000,
        "CV certificate is free"
    );
    // 照合番号A = the My Number: opens 0001 and 0003, not 0002.
    assert_eq!(
        sw(&mut c, "00 20 00 94 0C 31 32 33 34 35 36 37 38 39 30 31 38"),
        0x9000
    );
    assert_eq!(
        send(&mut c, "00 B0 81 00 00"),
        bytes("FF 10 0C 31 32 33 34 35 36 37 38 39 30 31 38 FF FF 90 00")
    );
    assert_eq!(sw(&mut c, "00 B0 82 00 00"), 0x6982);
    assert_eq!(sw(&mut c, "00 B0 83 00 00"), 0x9000);
    c.reset();
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    // 照合番号B (era form): opens 0002, not 0001.
    let b = persona("standard").unwrap().pin_b(PinBForm::EraYear);
    assert_eq!(b, "50061520352468");
    let mut cmd = bytes("00 20 00 95 0E");
    cmd.extend_from_slice(b.as_bytes());
    assert_eq!(sw_of(&c.process(&cmd)), 0x9000);
    assert_eq!(sw(&mut c, "00 B0 81 00 00"), 0x6982);
    let r = send(&mut c, "00 B0 82 00 00");
    assert_eq!(
        &r[..14],
        &bytes("FF 20 59 DF 21 08 00 0E 00 20 00 4D 00 58")[..],
        "offset table of §9.1"
    );
    assert_eq!(r.len(), 96 + 2, "92-byte object + filler to 96");
    assert_eq!(&r[14..17], &[0xDF, 0x22, 0x0F]);
    assert_eq!(core::str::from_utf8(&r[17..32]).unwrap(), "見本　太郎");
    assert_eq!(&r[77..92], b"\xDF\x24\x0819750615\xDF\x25\x011");
    // The text PIN opens everything.
    c.reset();
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 91 04 31 32 33 34"), 0x9000);
    for sfi in ["81", "82", "83", "86", "87"] {
        assert_eq!(
            sw(&mut c, &alloc::format!("00 B0 {sfi} 00 00")),
            0x9000,
            "EF {sfi}"
        );
    }
    assert_eq!(
        sw(&mut c, "00 20 00 92"),
        0x63C0,
        "EF 0012 is blocked from issuance"
    );
}

#[test]
fn gregorian_pin_b_form_is_a_card_option() {
    let config = CardConfig {
        pin_b_form: PinBForm::GregorianYear,
        ..CardConfig::default()
    };
    let mut c = VirtualCard::with_config(persona("standard").unwrap(), config).unwrap();
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    let mut era = bytes("00 20 00 95 0E");
    era.extend_from_slice(b"50061520352468");
    assert_eq!(sw_of(&c.process(&era)), 0x63C9);
    let mut greg = bytes("00 20 00 95 0E");
    greg.extend_from_slice(b"75061520352468");
    assert_eq!(sw_of(&c.process(&greg)), 0x9000);
}

#[test]
fn long_address_needs_a_multi_byte_outer_length() {
    let mut c = card("long-address");
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 91 04 31 32 33 34"), 0x9000);
    let r = send(&mut c, "00 B0 82 00 00 00 00");
    let ef = &r[..r.len() - 2];
    assert_eq!(ef.len(), 320);
    assert_eq!(
        &ef[..16],
        &bytes("FF 20 82 01 20 DF 21 08 00 10 00 25 01 16 01 21")[..]
    );
    assert_eq!(&ef[37..41], &[0xDF, 0x23, 0x81, 0xED]);
    assert_eq!(der_len(ef), 293);
    assert!(ef[293..].iter().all(|b| *b == 0xFF));
    // A single short read gets only 256 of the 293 bytes.
    let short = send(&mut c, "00 B0 82 00 00");
    assert_eq!(short.len(), 258);
}

#[test]
fn integrity_record_hashes_both_files_and_is_signed_by_the_certified_key() {
    let mut c = card("rare-kanji");
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 91 04 31 32 33 34"), 0x9000);
    let my_number = c.file_content(Application::Text, 0x0001).unwrap().to_vec();
    let basic = c.file_content(Application::Text, 0x0002).unwrap().to_vec();
    let integrity = c.file_content(Application::Text, 0x0003).unwrap().to_vec();
    let cv = c.file_content(Application::Text, 0x0004).unwrap().to_vec();
    assert_eq!(integrity.len(), 336);
    assert_eq!(&integrity[..7], &[0xFF, 0x30, 0x82, 0x01, 0x4B, 0xDF, 0x31]);
    assert_eq!(&integrity[8..40], &Sha256::digest(&my_number)[..]);
    let outer_header = 3; // FF 20 len (the rare-kanji file is short)
    let object_len = der_len(&basic);
    assert_eq!(
        &integrity[43..75],
        &Sha256::digest(&basic[outer_header + 11..object_len])[..]
    );
    assert_eq!(&integrity[75..80], &[0xDF, 0x33, 0x82, 0x01, 0x00]);
    // EF 0004: 7F21 82 0233 | 5F4E 82 0129 issuer id, subject id, 90 03 010001, 91 82 0100 n.
    assert_eq!(cv.len(), 568);
    assert_eq!(
        &cv[..10],
        &[0x7F, 0x21, 0x82, 0x02, 0x33, 0x5F, 0x4E, 0x82, 0x01, 0x29]
    );
    assert_eq!(&cv[10..26], b"6000001\x08\x05001\0\0\0\0");
    assert_eq!(&cv[26..42], b"6000033\x08\x05001\0\0\0\0");
    assert_eq!(
        &cv[42..51],
        &[0x90, 0x03, 0x01, 0x00, 0x01, 0x91, 0x82, 0x01, 0x00]
    );
    let n = rsa::BigUint::from_bytes_be(&cv[51..307]);
    let issuer = RsaPublicKey::new(n, rsa::BigUint::from(65_537u32)).unwrap();
    VerifyingKey::<Sha256>::new(issuer)
        .verify(
            &integrity[5..75],
            &Signature::try_from(&integrity[80..336]).unwrap(),
        )
        .unwrap();
}

#[test]
fn text_ap_default_key_signs_without_a_credential() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    let di = digest_info_sha256(b"challenge");
    let mut cmd = bytes("80 2A 00 00");
    cmd.push(di.len() as u8);
    cmd.extend_from_slice(&di);
    cmd.push(0);
    let r = c.process(&cmd);
    assert_eq!(sw_of(&r), 0x9000);
    let key = crate::keys::load("card-ap").unwrap().to_public_key();
    VerifyingKey::<Sha256>::new(key)
        .verify(b"challenge", &Signature::try_from(&r[..256]).unwrap())
        .unwrap();
}

// ---- 券面AP ---------------------------------------------------------------------------------

#[test]
fn visual_ap_card_face_opens_with_a_or_b_and_the_my_number_image_with_a_only() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_VISUAL), 0x9000);
    assert_eq!(sw(&mut c, "00 B0 82 00 00"), 0x6982);
    assert_eq!(sw(&mut c, "00 B0 83 00 04"), 0x9000);
    let mut b = bytes("00 20 00 92 0E");
    b.extend_from_slice(b"50061520352468");
    assert_eq!(sw_of(&c.process(&b)), 0x9000);
    let face = send(&mut c, "00 B0 82 00 00 00 00");
    assert_eq!(sw_of(&face), 0x9000);
    assert_eq!(&face[..3], &[0xFF, 0x20, 0x82]);
    assert_eq!(
        sw(&mut c, "00 B0 85 00 00"),
        0x6982,
        "B does not open EF 0005"
    );
    assert_eq!(
        sw(&mut c, "00 20 00 93 0C 31 32 33 34 35 36 37 38 39 30 31 38"),
        0x9000
    );
    let image = send(&mut c, "00 B0 85 00 00 00 00");
    assert_eq!(sw_of(&image), 0x9000);
    assert_eq!(&image[..2], &[0xFF, 0x40]);

    // Walk the card face with the offset table and check the image magic bytes.
    let face = &face[..face.len() - 2];
    let mut reader = apdu::tlv::Reader::new(face);
    let outer = reader.read_ber().unwrap();
    let mut fields = outer.children();
    let table = fields.read_ber().unwrap();
    assert_eq!(table.tag, apdu::tlv::Tag(0xDF21));
    assert_eq!(table.value.len(), 18);
    let mut tags = Vec::new();
    let mut index = 0;
    while let Some(field) = fields.next_ber().unwrap() {
        let offset = u16::from_be_bytes([table.value[index], table.value[index + 1]]) as usize;
        assert_eq!(offset, field.position, "offset table entry {index}");
        index += 2;
        tags.push(field.tag.0);
        match field.tag.0 {
            0xDF25 | 0xDF26 | 0xDF2A => {
                assert_eq!(&field.value[..8], &crate::images::PNG_SIGNATURE)
            }
            0xDF27 => assert_eq!(&field.value[4..8], b"jP  "),
            0xDF22 => assert_eq!(field.value, b"19750615"),
            0xDF29 => assert_eq!(field.value, b"20350615"),
            _ => {}
        }
    }
    assert_eq!(
        tags,
        [0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A]
    );
}

// ---- GET CHALLENGE, GET DATA, ATR, trace ---------------------------------------------------

#[test]
fn get_challenge_returns_le_bytes_and_refuses_extended_le() {
    let mut c = card("standard");
    let r = send(&mut c, "00 84 00 00 08");
    assert_eq!(r.len(), 10);
    assert_eq!(sw_of(&r), 0x9000);
    assert_ne!(send(&mut c, "00 84 00 00 08"), r, "fresh bytes each time");
    assert_eq!(send(&mut c, "00 84 00 00 00").len(), 258);
    assert_eq!(send(&mut c, "00 84 00 00 00 00 10"), bytes("69 85"));
}

#[test]
fn both_atrs_are_available_and_get_data_returns_the_contact_atr() {
    let mut c = card("standard");
    assert_eq!(c.reset(), bytes("3B 88 80 01 00 00 00 00 77 81 81 00 7E"));
    let config = CardConfig {
        atr: Atr::Contact,
        ..CardConfig::default()
    };
    let mut contact = VirtualCard::with_config(persona("standard").unwrap(), config).unwrap();
    assert_eq!(
        contact.reset(),
        bytes("3B C5 FF 81 31 FB 45 80 73 C6 01 00 00")
    );
    assert_eq!(
        send(&mut contact, "00 CA 5F 51 00"),
        bytes("C5 FF 81 31 FB 45 80 73 C6 01 00 00 90 00")
    );
    assert_eq!(sw(&mut c, "00 CA 5F 51 00"), 0x6A88);
}

#[test]
fn mf_level_get_data_objects_and_the_extended_le_rule() {
    let mut c = card("standard");
    assert_eq!(
        send(&mut c, "00 CA 00 F0 00"),
        bytes("31 33 39 39 39 90 00")
    );
    assert_eq!(
        send(&mut c, "00 CA 00 F2 00"),
        [&b"20350615"[..], &[0x90, 0x00]].concat()
    );
    assert_eq!(
        send(&mut c, "00 CA 00 45 00"),
        [&b"900000001048577"[..], &[0x90, 0x00]].concat()
    );
    assert_eq!(
        send(&mut c, "00 CA 00 F8 00"),
        bytes("67 00"),
        "568 bytes need an extended Le"
    );
    let r = send(&mut c, "00 CA 00 F8 00 00 00");
    assert_eq!(r.len(), 570);
    assert_eq!(&r[..5], &[0x7F, 0x21, 0x82, 0x02, 0x33]);
    assert_eq!(sw(&mut c, "00 CA 00 66 00"), 0x6A88);
    assert_eq!(sw(&mut c, "00 CA 00 F0"), 0x6700);
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 CA 00 F0 00"), 0x6A88, "MF level only");
    let mut phone = card("phone-token");
    assert_eq!(sw(&mut phone, "00 CA 00 F0 00"), 0x6A88);
}

#[test]
fn the_trace_records_every_command_and_hides_pins_in_debug() {
    let mut c = card("standard");
    let trace = c.trace();
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 98"), 0x63C3);
    assert_eq!(sw(&mut c, "00 20 00 98 04 31 32 33 34"), 0x9000);
    assert_eq!(trace.len(), 3);
    assert_eq!(trace.count_ins(0x20), 2);
    assert_eq!(trace.verify_attempts(), 1);
    let last = trace.exchanges().pop().unwrap();
    assert_eq!(
        alloc::format!("{last:?}"),
        "0020009804 <4 secret bytes> -> 9000"
    );
    assert_eq!(last.sw(), 0x9000);
    trace.clear();
    assert!(trace.is_empty());
}

#[test]
fn internal_authenticate_and_set_session_key_are_refused_as_on_the_card() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    assert_eq!(sw(&mut c, "00 88 00 97 04 01 02 03 04 00"), 0x6982);
    assert_eq!(sw(&mut c, "80 AE 00 00 01 00"), 0x6982);
    assert_eq!(sw(&mut c, SELECT_VISUAL), 0x9000);
    assert_eq!(sw(&mut c, "00 88 00 80 04 01 02 03 04 00"), 0x6985);
    assert_eq!(sw(&mut c, "80 AE 00 00 01 00"), 0x66F1);
    assert_eq!(sw(&mut c, SELECT_TEXT), 0x9000);
    assert_eq!(
        sw(&mut c, "80 AE 00 00 01 00"),
        0x6982,
        "PIN first, in the clear"
    );
    assert_eq!(sw(&mut c, "00 20 00 91 04 31 32 33 34"), 0x9000);
    assert_eq!(sw(&mut c, "80 AE 00 00 01 00"), 0x6A81);
}

const SELECT_JUKI: &str = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01";
const SELECT_COMMON: &str = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00";

#[test]
fn common_ap_record_and_internal_authenticate() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_COMMON), 0x9000);
    // Record 1 of EF 0001 by SFI (1 << 3 | 4 = 0C): 01 1C + serial(15) + municipality(5) + expiry.
    let mut expected = bytes("01 1C");
    expected.extend_from_slice(b"900000001048577");
    expected.extend_from_slice(b"13999");
    expected.extend_from_slice(b"20350615");
    expected.extend_from_slice(&[0x90, 0x00]);
    assert_eq!(send(&mut c, "00 B2 01 0C 00"), expected);
    assert_eq!(
        send(&mut c, "00 B2 01 04 00"),
        expected,
        "the SFI form made EF 0001 current"
    );
    assert_eq!(sw(&mut c, "00 B2 02 04 00"), 0x6A83);
    assert_eq!(sw(&mut c, "00 B2 00 04 00"), 0x6A86);
    assert_eq!(
        sw(&mut c, "00 B0 00 00 01"),
        0x6981,
        "a record EF is not transparent"
    );
    let r = send(
        &mut c,
        "00 88 00 99 10 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 00",
    );
    assert_eq!(sw_of(&r), 0x9000);
    let key = crate::keys::load("card-ap").unwrap().to_public_key();
    VerifyingKey::<Sha256>::new(key)
        .verify(
            &bytes("00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F"),
            &Signature::try_from(&r[..256]).unwrap(),
        )
        .unwrap();
    assert_eq!(sw(&mut c, "80 AE 00 00 01 00"), 0x66F1);
}

#[test]
fn juki_pin_changes_with_change_key_after_verify() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JUKI), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 9C"), 0x63C3);
    assert_eq!(sw(&mut c, "80 32 00 9C 04 35 36 37 38"), 0x6982);
    assert_eq!(sw(&mut c, "00 20 00 9C 04 31 32 33 34"), 0x9000);
    assert_eq!(sw(&mut c, "80 32 01 9C 04 35 36 37 38"), 0x6A86);
    assert_eq!(sw(&mut c, "80 32 00 9C 04 35 36 37 38"), 0x9000);
    assert_eq!(sw(&mut c, "00 88 00 80 01 00 00"), 0x6982);
    assert_eq!(
        send(&mut c, "00 B2 01 14 00"),
        [&layouts::key_id("6000001")[..], &[0x90, 0x00]].concat()
    );
    c.reset();
    assert_eq!(sw(&mut c, SELECT_JUKI), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 9C 04 35 36 37 38"), 0x9000);
    // The 共通カードAP PIN is a separate reference: unchanged.
    assert_eq!(sw(&mut c, SELECT_COMMON), 0x9000);
    assert_eq!(sw(&mut c, "00 20 00 9C 04 31 32 33 34"), 0x9000);
}

#[test]
fn clone_copies_state_but_not_the_trace() {
    let mut c = card("standard");
    assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
    let mut copy = c.clone();
    assert_eq!(copy.trace().len(), 0);
    assert_eq!(
        sw(&mut copy, "00 B0 88 00 00"),
        0x9000,
        "the copy kept the selection"
    );
    assert_eq!(c.trace().len(), 1);
}

#[test]
fn every_persona_signs_with_the_key_its_certificates_certify() {
    let auth_root = crate::issuer::TestRoot::new(crate::issuer::Purpose::Authentication).unwrap();
    let sign_root = crate::issuer::TestRoot::new(crate::issuer::Purpose::Signature).unwrap();
    for p in crate::persona::personas() {
        let mut c = VirtualCard::new(p.clone()).unwrap();
        let jpki = |ef| c.file_content(Application::Jpki, ef).map(<[u8]>::to_vec);
        let auth_ca = jpki(0x000B).unwrap();
        assert_eq!(
            &auth_ca[..der_len(&auth_ca)],
            auth_root.certificate_der(),
            "{}",
            p.id
        );
        let sign_ca = jpki(0x0002).unwrap();
        assert_eq!(
            &sign_ca[..der_len(&sign_ca)],
            sign_root.certificate_der(),
            "{}",
            p.id
        );
        assert_eq!(
            jpki(0x0001).is_some(),
            p.has_signature_certificate,
            "{}",
            p.id
        );

        assert_eq!(sw(&mut c, SELECT_JPKI), 0x9000);
        let auth_tries = p.auth_pin_tries;
        let verify_auth = sw(&mut c, "00 20 00 98 04 31 32 33 34");
        let mut keys = Vec::new();
        if auth_tries > 0 {
            assert_eq!(verify_auth, 0x9000, "{}", p.id);
            keys.push(("97", 0x000A));
        } else {
            assert_eq!(verify_auth, 0x6984, "{}", p.id);
        }
        if p.has_signature_certificate {
            assert_eq!(
                sw(&mut c, "00 20 00 9B 06 41 42 43 31 32 33"),
                0x9000,
                "{}",
                p.id
            );
            keys.push(("9A", 0x0001));
        }
        let di = digest_info_sha256(p.id.as_bytes());
        for (p2, cert_ef) in keys {
            let mut cmd = bytes(&alloc::format!("80 2A 00 {p2}"));
            cmd.push(di.len() as u8);
            cmd.extend_from_slice(&di);
            cmd.push(0);
            let r = c.process(&cmd);
            assert_eq!(sw_of(&r), 0x9000, "{} {p2}", p.id);
            VerifyingKey::<Sha256>::new(certificate_key(&c, cert_ef))
                .verify(p.id.as_bytes(), &Signature::try_from(&r[..256]).unwrap())
                .unwrap();
        }
    }
}

#[test]
fn card_face_signature_covers_the_three_segment_digests() {
    let c = card("age39");
    let face = c.file_content(Application::Visual, 0x0002).unwrap();
    let cv = c.file_content(Application::Visual, 0x0004).unwrap();
    assert_eq!(&cv[26..42], b"6000023\x08\x05001\0\0\0\0");
    let n = rsa::BigUint::from_bytes_be(&cv[51..307]);
    let issuer = RsaPublicKey::new(n, rsa::BigUint::from(65_537u32)).unwrap();
    let mut reader = apdu::tlv::Reader::new(face);
    let outer = reader.read_ber().unwrap();
    let mut fields = outer.children();
    let _table = fields.read_ber().unwrap();
    let mut segments: [Vec<u8>; 3] = Default::default();
    let mut signature = Vec::new();
    while let Some(field) = fields.next_ber().unwrap() {
        let start = field.position - outer.value_position();
        let tlv = &outer.value[start..start + field.total_len()];
        match field.tag.0 {
            0xDF22..=0xDF24 => segments[0].extend_from_slice(tlv),
            0xDF25 | 0xDF26 => segments[1].extend_from_slice(tlv),
            0xDF27 => segments[2].extend_from_slice(tlv),
            0xDF28 => signature = field.value.to_vec(),
            _ => {}
        }
    }
    let digests: Vec<u8> = segments
        .iter()
        .flat_map(|s| Sha256::digest(s).to_vec())
        .collect();
    VerifyingKey::<Sha256>::new(issuer)
        .verify(
            &digests,
            &Signature::try_from(signature.as_slice()).unwrap(),
        )
        .unwrap();
}
