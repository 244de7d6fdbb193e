//! The card crate against the virtual card: every behaviour issue 3 lists, each asserting the
//! exact expected value. The simulator's own trace (every APDU that reached the card) is the
//! witness for "no VERIFY was sent" and "the PIN EF was selected right before".
#![allow(clippy::unwrap_used)]

use card::{
    Card, CardError, Certificate, HashAlgorithm, LastTryConfirmation, Pin, PinRef, PinStatus,
    SigningKey, TokenKind, Verified,
};
use der::{Decode, Encode};
use pollster::block_on;
use rsa::pkcs8::DecodePublicKey;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sim::channel::SimChannel;
use sim::{Atr, CardConfig, Trace, VirtualCard};

const AUTH_PIN: &str = sim::persona::AUTH_PIN;
const SIGN_PASSWORD: &str = sim::persona::SIGN_PASSWORD;
const TEXT_PIN: &str = sim::persona::TEXT_PIN;

fn channel(persona: &str, extended: bool, atr: Atr) -> (SimChannel, Trace) {
    let persona = sim::persona(persona).unwrap();
    let config = CardConfig {
        extended_length: extended,
        atr,
        ..CardConfig::default()
    };
    let card = VirtualCard::with_config(persona, config).unwrap();
    let trace = card.trace();
    (SimChannel::new(card), trace)
}

fn session(persona: &str, extended: bool) -> (Card<SimChannel>, Trace) {
    let (ch, trace) = channel(persona, extended, Atr::default());
    let card = block_on(Card::connect(ch)).unwrap();
    (card, trace)
}

fn pin(r: PinRef, s: &str) -> Pin {
    Pin::new(r, s).unwrap()
}

#[test]
fn contactless_pseudo_atr_gives_a_normal_session() {
    let (ch, _) = channel("standard", true, Atr::ContactlessPseudo);
    let mut card = block_on(Card::connect(ch)).unwrap();
    assert_eq!(card.atr().unwrap()[..4], [0x3B, 0x88, 0x80, 0x01]);
    assert_eq!(card.token().label, "JPKIAPICCTOKEN2");
    assert_eq!(card.token().kind, TokenKind::PhysicalCard);
    assert_eq!(
        block_on(card.read_certificate(Certificate::Auth)).unwrap()[0],
        0x30
    );
}

#[test]
fn contact_atr_gives_a_normal_session() {
    let (ch, _) = channel("standard", true, Atr::Contact);
    let mut card = block_on(Card::connect(ch)).unwrap();
    assert_eq!(
        card.atr().unwrap(),
        [0x3B, 0xC5, 0xFF, 0x81, 0x31, 0xFB, 0x45, 0x80, 0x73, 0xC6, 0x01, 0x00, 0x00]
    );
    assert_eq!(card.token().label, "JPKIAPICCTOKEN2");
    assert_eq!(
        block_on(card.read_certificate(Certificate::Auth)).unwrap()[0],
        0x30
    );
}

#[test]
fn an_unknown_atr_still_gives_a_normal_session() {
    let (ch, _) = channel("standard", true, Atr::Custom(vec![0x3B, 0x00]));
    let card = block_on(Card::connect(ch)).unwrap();
    assert_eq!(card.token().kind, TokenKind::PhysicalCard);
}

#[test]
fn sign_certificate_needs_the_password_while_auth_and_ca_certificates_read_freely() {
    let (mut card, trace) = session("standard", true);
    assert_eq!(
        block_on(card.read_certificate(Certificate::Sign)).unwrap_err(),
        CardError::PinRequired {
            operation: "signature certificate (JPKI EF 0001)",
            needs: PinRef::JpkiSign
        }
    );
    assert_eq!(trace.exchanges().last().unwrap().sw(), 0x6982);
    for which in [Certificate::Auth, Certificate::AuthCa, Certificate::SignCa] {
        let der = block_on(card.read_certificate(which)).unwrap();
        assert!(
            x509_cert::Certificate::from_der(&der).is_ok(),
            "{which:?} is a whole certificate"
        );
    }
    assert_eq!(trace.verify_attempts(), 0);
    block_on(card.verify(&pin(PinRef::JpkiSign, SIGN_PASSWORD), None)).unwrap();
    let sign = block_on(card.read_certificate(Certificate::Sign)).unwrap();
    assert!(x509_cert::Certificate::from_der(&sign).is_ok());
}

#[test]
fn the_right_pin_file_is_selected_immediately_before_each_verify() {
    let (mut card, trace) = session("standard", true);
    block_on(card.verify(&pin(PinRef::JpkiAuth, AUTH_PIN), None)).unwrap();
    block_on(card.verify(&pin(PinRef::JpkiSign, "abc123"), None)).unwrap();
    block_on(card.verify(&pin(PinRef::TextPin, TEXT_PIN), None)).unwrap();
    let exchanges = trace.exchanges();
    let verifies: Vec<usize> = (0..exchanges.len())
        .filter(|&i| exchanges[i].is_verify_with_data())
        .collect();
    assert_eq!(verifies.len(), 3);
    for (i, ef) in verifies.into_iter().zip([0x18u8, 0x1B, 0x11]) {
        assert_eq!(
            *exchanges[i - 1].command,
            [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, ef]
        );
        assert_eq!(exchanges[i - 1].sw(), 0x9000);
        assert_eq!(exchanges[i].sw(), 0x9000);
    }
}

#[test]
fn status_after_a_successful_verify_is_verified() {
    let (mut card, _) = session("standard", true);
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(),
        PinStatus::TriesLeft(3)
    );
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiSign)).unwrap(),
        PinStatus::TriesLeft(5)
    );
    assert_eq!(
        block_on(card.verify(&pin(PinRef::JpkiAuth, AUTH_PIN), None)).unwrap(),
        Verified::Now
    );
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(),
        PinStatus::Verified
    );
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiSign)).unwrap(),
        PinStatus::TriesLeft(5)
    );
    // A reset forgets it (mynacard.md §1 "Security state").
    block_on(card.reset()).unwrap();
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(),
        PinStatus::TriesLeft(3)
    );
}

#[test]
fn phone_token_asks_for_the_auth_pin_before_its_auth_certificate() {
    let (mut card, trace) = session("phone-token", true);
    assert_eq!(card.token().label, "JPKIAPGPSETOKEN");
    assert_eq!(card.token().kind, TokenKind::AndroidPhone);
    assert!(card.token().kind.auth_certificate_needs_pin());
    assert_eq!(
        block_on(card.read_certificate(Certificate::Auth)).unwrap_err(),
        CardError::PinRequired {
            operation: "user-authentication certificate (JPKI EF 000A)",
            needs: PinRef::JpkiAuth
        }
    );
    assert_eq!(trace.exchanges().last().unwrap().sw(), 0x6982);
    block_on(card.verify(&pin(PinRef::JpkiAuth, AUTH_PIN), None)).unwrap();
    let der = block_on(card.read_certificate(Certificate::Auth)).unwrap();
    assert!(x509_cert::Certificate::from_der(&der).is_ok());
}

#[test]
fn a_300_byte_basic4_parses_completely() {
    let persona = sim::persona("long-address").unwrap();
    let (mut card, _) = session("long-address", false);
    let object = sim::layouts::basic_four_object(&persona);
    let file = card
        .channel()
        .card()
        .file_content(sim::filesystem::Application::Text, 0x0002)
        .unwrap()
        .to_vec();
    // The EF is 320 bytes: a 293-byte object (outer length 82 01 20, mynacard.md §9.1) + filler.
    assert_eq!((file.len(), object.len()), (320, 293));
    assert_eq!(object[..5], [0xFF, 0x20, 0x82, 0x01, 0x20]);
    block_on(card.verify(&pin(PinRef::TextPin, TEXT_PIN), None)).unwrap();
    card.take_trace();
    let b = block_on(card.read_basic4()).unwrap();
    assert_eq!(b.name, persona.name);
    assert_eq!(b.address, persona.address);
    assert_eq!(
        b.birth_date,
        card::Date {
            year: persona.birth.year,
            month: persona.birth.month,
            day: persona.birth.day
        }
    );
    assert_eq!(b.sex.code(), persona.sex.jis_digit());
    // The text AP is still selected after the VERIFY: ⌈len/256⌉ short reads, nothing else.
    assert_eq!(card.take_trace().len(), object.len().div_ceil(256));
    block_on(card.check_basic4_integrity(&b)).unwrap();
}

#[test]
fn my_number_reads_and_passes_the_integrity_check() {
    let persona = sim::persona("standard").unwrap();
    let (mut card, _) = session("standard", true);
    assert_eq!(
        block_on(card.read_my_number()).unwrap_err(),
        CardError::PinRequired {
            operation: "My Number (text AP EF 0001)",
            needs: PinRef::TextPin
        }
    );
    block_on(card.verify(&pin(PinRef::TextPin, TEXT_PIN), None)).unwrap();
    assert_eq!(
        block_on(card.read_my_number()).unwrap().as_str(),
        persona.my_number()
    );
}

#[test]
fn wrong_pin_reports_tries_left_and_one_try_left_needs_confirmation() {
    let (mut card, trace) = session("standard", true);
    let wrong = pin(PinRef::JpkiAuth, "9999");
    assert_eq!(
        block_on(card.verify(&wrong, None)).unwrap_err(),
        CardError::WrongPin {
            pin: PinRef::JpkiAuth,
            tries_left: 2
        }
    );
    assert_eq!(
        block_on(card.verify(&wrong, None)).unwrap_err(),
        CardError::WrongPin {
            pin: PinRef::JpkiAuth,
            tries_left: 1
        }
    );
    assert_eq!(trace.verify_attempts(), 2);
    assert_eq!(
        block_on(card.verify(&wrong, None)).unwrap_err(),
        CardError::LastTryNeedsConfirmation {
            pin: PinRef::JpkiAuth
        }
    );
    assert_eq!(
        trace.verify_attempts(),
        2,
        "no VERIFY at one try left without confirmation"
    );
    // With the user's confirmation the right PIN goes through and resets the counter.
    let right = pin(PinRef::JpkiAuth, AUTH_PIN);
    let confirmed = LastTryConfirmation::user_confirmed_last_try();
    assert_eq!(
        block_on(card.verify(&right, Some(confirmed))).unwrap(),
        Verified::Now
    );
    assert_eq!(trace.verify_attempts(), 3);
    block_on(card.reset()).unwrap();
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(),
        PinStatus::TriesLeft(3)
    );
}

#[test]
fn one_try_left_persona_gets_no_verify_without_confirmation() {
    let (mut card, trace) = session("auth-one-try", true);
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(),
        PinStatus::TriesLeft(1)
    );
    assert_eq!(
        block_on(card.verify(&pin(PinRef::JpkiAuth, AUTH_PIN), None)).unwrap_err(),
        CardError::LastTryNeedsConfirmation {
            pin: PinRef::JpkiAuth
        }
    );
    assert_eq!(trace.verify_attempts(), 0);
}

#[test]
fn blocked_pin_sends_no_verify_at_all() {
    let (mut card, trace) = session("auth-blocked", true);
    assert_eq!(
        block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(),
        PinStatus::Blocked
    );
    let confirmed = LastTryConfirmation::user_confirmed_last_try();
    assert_eq!(
        block_on(card.verify(&pin(PinRef::JpkiAuth, AUTH_PIN), Some(confirmed))).unwrap_err(),
        CardError::PinBlocked {
            pin: PinRef::JpkiAuth
        }
    );
    assert_eq!(trace.verify_attempts(), 0);
}

fn public_key(cert_der: &[u8]) -> RsaPublicKey {
    let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .unwrap();
    RsaPublicKey::from_public_key_der(&spki).unwrap()
}

fn scheme(hash: HashAlgorithm) -> Pkcs1v15Sign {
    match hash {
        HashAlgorithm::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
        HashAlgorithm::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
        HashAlgorithm::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
        HashAlgorithm::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
    }
}

#[test]
fn signatures_verify_with_the_certificates_read_from_the_card() {
    let (mut card, _) = session("standard", true);
    block_on(card.verify(&pin(PinRef::JpkiAuth, AUTH_PIN), None)).unwrap();
    block_on(card.verify(&pin(PinRef::JpkiSign, SIGN_PASSWORD), None)).unwrap();
    let message = b"mynaweb signing test";
    for (key, cert) in [
        (SigningKey::Auth, Certificate::Auth),
        (SigningKey::Sign, Certificate::Sign),
    ] {
        let public = public_key(&block_on(card.read_certificate(cert)).unwrap());
        for hash in [
            HashAlgorithm::Sha1,
            HashAlgorithm::Sha256,
            HashAlgorithm::Sha384,
            HashAlgorithm::Sha512,
        ] {
            card.take_trace();
            let signature = block_on(card.sign(key, hash, message)).unwrap();
            assert_eq!(signature.len(), 256);
            assert_eq!(
                card.take_trace().len(),
                2,
                "SELECT key EF + COMPUTE SIGNATURE"
            );
            let digest = hash.digest(message);
            assert_eq!(
                public.verify(scheme(hash), &digest, &signature),
                Ok(()),
                "{key:?} {hash:?}"
            );
            let mut tampered = signature.clone();
            tampered[10] ^= 1;
            assert!(public.verify(scheme(hash), &digest, &tampered).is_err());
        }
    }
}

#[test]
fn signing_before_the_pin_says_which_pin() {
    let (mut card, _) = session("standard", true);
    assert_eq!(
        block_on(card.sign(SigningKey::Auth, HashAlgorithm::Sha256, b"x")).unwrap_err(),
        CardError::PinRequired {
            operation: "signing with the auth key (JPKI EF 0017)",
            needs: PinRef::JpkiAuth
        }
    );
}

/// Physical length of a DER object from its header (`30 82 HH LL` → 4 + HHLL).
fn der_len(der: &[u8]) -> usize {
    apdu::tlv::ber_total_len(der).unwrap()
}

#[test]
fn each_certificate_takes_one_apdu_with_extended_length() {
    let (mut card, _) = session("standard", true);
    block_on(card.verify(&pin(PinRef::JpkiSign, SIGN_PASSWORD), None)).unwrap();
    for which in Certificate::ALL {
        card.take_trace();
        let der = block_on(card.read_certificate(which)).unwrap();
        let trace = card.take_trace();
        assert_eq!(trace.len(), 1, "{which:?}");
        assert_eq!(
            trace[0].command[..5],
            [0x00, 0xB0, 0x80 | (which.file_id() as u8), 0x00, 0x00]
        );
        assert_eq!(der.len(), der_len(&der));
    }
}

#[test]
fn each_certificate_takes_ceil_len_over_256_apdus_without_extended_length() {
    let (mut card, _) = session("standard", false);
    block_on(card.verify(&pin(PinRef::JpkiSign, SIGN_PASSWORD), None)).unwrap();
    for which in Certificate::ALL {
        card.take_trace();
        let der = block_on(card.read_certificate(which)).unwrap();
        let trace = card.take_trace();
        assert_eq!(
            trace.len(),
            der.len().div_ceil(256),
            "{which:?} of {} bytes",
            der.len()
        );
        assert!(
            trace.iter().all(|e| e.command.len() == 5),
            "short APDUs only"
        );
    }
}

#[test]
fn certificates_match_the_files_on_the_card() {
    let (mut card, _) = session("standard", false);
    let files = card.channel().card();
    let auth_file = files
        .file_content(sim::filesystem::Application::Jpki, 0x000A)
        .unwrap()
        .to_vec();
    let der = block_on(card.read_certificate(Certificate::Auth)).unwrap();
    assert_eq!(der, auth_file[..der_len(&auth_file)]);
    assert!(
        auth_file.len() > der.len(),
        "the EF carries filler after the certificate"
    );
}

#[test]
fn card_removed_mid_read_is_reported() {
    let (mut ch, _) = channel("standard", false, Atr::default());
    ch.remove_card_at(3);
    let mut card = block_on(Card::connect(ch)).unwrap();
    assert_eq!(
        block_on(card.read_certificate(Certificate::Auth)).unwrap_err(),
        CardError::CardRemoved
    );
}

fn card_date(d: sim::persona::Date) -> card::Date {
    card::Date {
        year: d.year,
        month: d.month,
        day: d.day,
    }
}

fn card_face_session(form: sim::persona::PinBForm) -> (Card<SimChannel>, Trace, sim::Persona) {
    let persona = sim::persona("standard").unwrap();
    let config = CardConfig {
        pin_b_form: form,
        ..CardConfig::default()
    };
    let ch = SimChannel::new(VirtualCard::with_config(persona.clone(), config).unwrap());
    let trace = ch.trace();
    (block_on(Card::connect(ch)).unwrap(), trace, persona)
}

#[test]
fn card_face_reads_with_pin_a() {
    let (mut card, _, persona) = card_face_session(sim::persona::PinBForm::EraYear);
    assert_eq!(
        block_on(card.read_card_face()).unwrap_err(),
        CardError::PinRequired {
            operation: "card face (券面AP EF 0002)",
            needs: PinRef::VisualPinB
        }
    );
    block_on(card.verify(&pin(PinRef::VisualPinA, &persona.my_number()), None)).unwrap();
    let face = block_on(card.read_card_face()).unwrap();
    assert_eq!(face.birth_date, card_date(persona.birth));
    assert_eq!(face.expiry_date, card_date(persona.card_expiry));
    assert_eq!(face.sex.code(), persona.sex.jis_digit());
    assert_eq!(
        face.name_image[..8],
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    );
    assert_eq!(face.photo[4..8], *b"jP  ");
    assert_eq!(face.signature.len(), 256);
}

#[test]
fn pin_b_in_the_era_form_opens_a_card_that_holds_the_era_form() {
    let (mut card, trace, persona) = card_face_session(sim::persona::PinBForm::EraYear);
    let birth = card_date(persona.birth);
    let b = card::pin_b(
        PinRef::VisualPinB,
        birth,
        persona.card_expiry.year,
        persona.security_code,
        card::BirthYearForm::JapaneseEra,
    )
    .unwrap();
    assert_eq!(block_on(card.verify(&b, None)).unwrap(), Verified::Now);
    assert_eq!(block_on(card.read_card_face()).unwrap().birth_date, birth);
    // The same card refuses the Gregorian form and counts the try; nothing retries it.
    let (mut card, trace2, _) = card_face_session(sim::persona::PinBForm::EraYear);
    let gregorian = card::pin_b(
        PinRef::VisualPinB,
        birth,
        persona.card_expiry.year,
        persona.security_code,
        card::BirthYearForm::Gregorian,
    )
    .unwrap();
    assert!(matches!(
        block_on(card.verify(&gregorian, None)).unwrap_err(),
        CardError::WrongPin {
            pin: PinRef::VisualPinB,
            ..
        }
    ));
    assert_eq!((trace.verify_attempts(), trace2.verify_attempts()), (1, 1));
}

#[test]
fn pin_b_in_the_gregorian_form_opens_a_card_that_holds_the_gregorian_form() {
    let (mut card, _, persona) = card_face_session(sim::persona::PinBForm::GregorianYear);
    let birth = card_date(persona.birth);
    let b = card::pin_b(
        PinRef::TextPinB,
        birth,
        persona.card_expiry.year,
        persona.security_code,
        card::BirthYearForm::Gregorian,
    )
    .unwrap();
    assert_eq!(block_on(card.verify(&b, None)).unwrap(), Verified::Now);
    let basic4 = block_on(card.read_basic4()).unwrap();
    assert_eq!(basic4.birth_date, birth);
    assert_eq!(basic4.name, persona.name);
}

#[test]
fn pin_a_opens_the_my_number_but_not_basic4() {
    let (mut card, _, persona) = card_face_session(sim::persona::PinBForm::EraYear);
    block_on(card.verify(&pin(PinRef::TextPinA, &persona.my_number()), None)).unwrap();
    assert_eq!(
        block_on(card.read_my_number()).unwrap().as_str(),
        persona.my_number()
    );
    assert_eq!(
        block_on(card.read_basic4()).unwrap_err(),
        CardError::PinRequired {
            operation: "基本4情報 (text AP EF 0002)",
            needs: PinRef::TextPin
        }
    );
}

#[test]
fn a_failed_connect_hands_the_channel_back_for_the_next_try() {
    let (mut channel, _trace) = channel("standard", true, Atr::ContactlessPseudo);
    channel.remove_card();
    let (mut channel, error) = block_on(Card::try_connect(channel)).map(|_| ()).unwrap_err();
    assert!(matches!(error, CardError::CardRemoved), "{error:?}");
    channel.insert_card();
    let card = block_on(Card::try_connect(channel)).map_err(|(_, e)| e).unwrap();
    assert_eq!(card.token().kind, TokenKind::PhysicalCard);
}

#[test]
fn a_pin_that_was_never_set_gets_no_verify() {
    let (mut card, trace) = session("face-only", true);
    assert_eq!(block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(), PinStatus::NoRetryCounter);
    let before = trace.verify_attempts();
    let outcome = block_on(card.verify(&pin(PinRef::JpkiAuth, AUTH_PIN), None));
    assert!(matches!(outcome, Err(CardError::PinNotSet { pin: PinRef::JpkiAuth })), "{outcome:?}");
    assert_eq!(trace.verify_attempts(), before, "no VERIFY with data reached the card");
    assert_eq!(block_on(card.pin_status(PinRef::TextPin)).unwrap(), PinStatus::NoRetryCounter);
}
