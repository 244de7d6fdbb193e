//! Card operations against a scripted channel: each test lists the exact APDUs the operation
//! must send (mynacard.md §4, §7, §11) and the card's answers.
#![allow(clippy::unwrap_used)]

use std::collections::VecDeque;

use apdu::{CardChannel, ChannelCapabilities, TransportError};
use pollster::block_on;

use crate::*;

/// A channel that expects exactly the listed commands, in order, and gives the listed answers.
struct Script {
    caps: ChannelCapabilities,
    steps: VecDeque<(Vec<u8>, Vec<u8>)>,
}

impl Script {
    fn new(caps: ChannelCapabilities) -> Self {
        Self {
            caps,
            steps: VecDeque::new(),
        }
    }
    fn then(mut self, command: &[u8], response: &[u8]) -> Self {
        self.steps.push_back((command.to_vec(), response.to_vec()));
        self
    }
    fn done(&self) {
        assert!(
            self.steps.is_empty(),
            "commands never sent: {:02X?}",
            self.steps
        );
    }
}

impl CardChannel for Script {
    fn capabilities(&self) -> ChannelCapabilities {
        self.caps
    }
    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let (expected, response) = self.steps.pop_front().ok_or(TransportError::CardRemoved)?;
        assert_eq!(hex(command), hex(&expected), "unexpected command");
        Ok(response)
    }
    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        Ok(vec![0x3B, 0x88, 0x80, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x09])
    }
    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        Ok(true)
    }
}

fn hex(b: &[u8]) -> String {
    trace::to_hex(b)
}

const OK: &[u8] = &[0x90, 0x00];
const SELECT_JPKI: &[u8] = &[
    0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
];
const SELECT_TEXT: &[u8] = &[
    0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08,
];
const READ_LABEL: &[u8] = &[0x00, 0xB0, 0x86, 0x00, 0x20];
const EMPTY_VERIFY: &[u8] = &[0x00, 0x20, 0x00, 0x80];

fn label(text: &str) -> Vec<u8> {
    let mut l = text.as_bytes().to_vec();
    l.resize(32, b' ');
    l.extend_from_slice(OK);
    l
}

fn opened(caps: ChannelCapabilities) -> Script {
    Script::new(caps)
        .then(SELECT_JPKI, OK)
        .then(READ_LABEL, &label("JPKIAPICCTOKEN2"))
}

fn select_ef(id: u8) -> Vec<u8> {
    vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, id]
}

/// A fake DER certificate of `len` bytes: `30 82 HH LL` + body.
fn fake_cert(len: usize) -> Vec<u8> {
    let body = len - 4;
    let mut c = vec![0x30, 0x82, (body >> 8) as u8, body as u8];
    c.extend((0..body).map(|i| (i * 7) as u8));
    c
}

fn with_sw(data: &[u8], sw: &[u8]) -> Vec<u8> {
    [data, sw].concat()
}

#[test]
fn open_selects_jpki_and_reads_the_label() {
    let card = block_on(Card::connect(opened(ChannelCapabilities::SHORT))).unwrap();
    assert_eq!(
        card.token(),
        &TokenInfo {
            label: "JPKIAPICCTOKEN2".into(),
            kind: TokenKind::PhysicalCard
        }
    );
    assert_eq!(card.trace().len(), 2);
    assert_eq!(card.atr().map(<[u8]>::len), Some(13));
    card.channel().done();
}

#[test]
fn open_refuses_a_card_without_jpki() {
    let script = Script::new(ChannelCapabilities::SHORT).then(SELECT_JPKI, &[0x6A, 0x82]);
    let err = block_on(Card::open(script)).unwrap_err();
    assert_eq!(
        err,
        CardError::NotMyNumberCard {
            reason: "the JPKI application is not on the card".into()
        }
    );
}

#[test]
fn open_reports_card_removed() {
    let err = block_on(Card::open(Script::new(ChannelCapabilities::SHORT))).unwrap_err();
    assert_eq!(err, CardError::CardRemoved);
}

#[test]
fn reads_a_certificate_with_one_extended_apdu_and_trims_filler() {
    let cert = fake_cert(1319);
    let mut ef = cert.clone();
    ef.extend_from_slice(&[0xFF; 700]);
    let script = opened(ChannelCapabilities::EXTENDED).then(
        &[0x00, 0xB0, 0x8B, 0x00, 0x00, 0x00, 0x00],
        &with_sw(&ef, OK),
    );
    let mut card = block_on(Card::open(script)).unwrap();
    card.take_trace();
    assert_eq!(
        block_on(card.read_certificate(Certificate::AuthCa)).unwrap(),
        cert
    );
    assert_eq!(card.take_trace().len(), 1);
    card.channel().done();
}

#[test]
fn reads_a_certificate_in_ceil_len_over_256_short_apdus() {
    let cert = fake_cert(1300);
    let mut ef = cert.clone();
    ef.extend_from_slice(&[0x00; 300]);
    let mut script = opened(ChannelCapabilities::SHORT)
        .then(&[0x00, 0xB0, 0x8A, 0x00, 0x00], &with_sw(&ef[..256], OK));
    for (i, off) in [0x100usize, 0x200, 0x300, 0x400].into_iter().enumerate() {
        let _ = i;
        script = script.then(
            &[0x00, 0xB0, (off >> 8) as u8, 0x00, 0x00],
            &with_sw(&ef[off..off + 256], OK),
        );
    }
    script = script.then(
        &[0x00, 0xB0, 0x05, 0x00, 0x14],
        &with_sw(&ef[0x500..0x514], OK),
    );
    let mut card = block_on(Card::open(script)).unwrap();
    card.take_trace();
    assert_eq!(
        block_on(card.read_certificate(Certificate::Auth)).unwrap(),
        cert
    );
    assert_eq!(card.take_trace().len(), 1300usize.div_ceil(256));
    card.channel().done();
}

#[test]
fn sign_certificate_before_password_says_password_needed() {
    let script =
        opened(ChannelCapabilities::SHORT).then(&[0x00, 0xB0, 0x81, 0x00, 0x00], &[0x69, 0x82]);
    let mut card = block_on(Card::open(script)).unwrap();
    assert_eq!(
        block_on(card.read_certificate(Certificate::Sign)).unwrap_err(),
        CardError::PinRequired {
            operation: "signature certificate (JPKI EF 0001)",
            needs: PinRef::JpkiSign
        }
    );
}

#[test]
fn certificate_shorter_than_its_header_is_malformed() {
    let cert = fake_cert(600);
    let script = opened(ChannelCapabilities::SHORT)
        .then(&[0x00, 0xB0, 0x8A, 0x00, 0x00], &with_sw(&cert[..256], OK))
        .then(
            &[0x00, 0xB0, 0x01, 0x00, 0x00],
            &with_sw(&cert[256..300], &[0x62, 0x82]),
        )
        .then(&[0x00, 0xB0, 0x01, 0x2C, 0x00], &[0x6B, 0x00]);
    let mut card = block_on(Card::open(script)).unwrap();
    assert_eq!(
        block_on(card.read_certificate(Certificate::Auth)).unwrap_err(),
        CardError::Malformed {
            structure: "user-authentication certificate (JPKI EF 000A)",
            detail: "the file is shorter than its header says".into()
        }
    );
}

#[test]
fn pin_status_reads_each_answer() {
    let cases: [(&[u8], PinStatus); 6] = [
        (&[0x90, 0x00], PinStatus::Verified),
        (&[0x63, 0xC3], PinStatus::TriesLeft(3)),
        (&[0x63, 0xC1], PinStatus::TriesLeft(1)),
        (&[0x63, 0xC0], PinStatus::Blocked),
        (&[0x69, 0x84], PinStatus::Blocked),
        (&[0x69, 0x83], PinStatus::Blocked),
    ];
    for (answer, expected) in cases {
        let script = opened(ChannelCapabilities::SHORT)
            .then(&select_ef(0x18), OK)
            .then(EMPTY_VERIFY, answer);
        let mut card = block_on(Card::open(script)).unwrap();
        assert_eq!(
            block_on(card.pin_status(PinRef::JpkiAuth)).unwrap(),
            expected
        );
    }
}

#[test]
fn verify_selects_the_pin_file_right_before_and_redacts_the_trace() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x18), OK)
        .then(EMPTY_VERIFY, &[0x63, 0xC3])
        .then(&select_ef(0x18), OK)
        .then(&[0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34], OK);
    let mut card = block_on(Card::open(script)).unwrap();
    card.take_trace();
    let pin = Pin::new(PinRef::JpkiAuth, "1234").unwrap();
    assert_eq!(block_on(card.verify(&pin, None)).unwrap(), Verified::Now);
    let trace = card.take_trace();
    assert_eq!(trace.len(), 4);
    assert_eq!(trace[2].command, select_ef(0x18));
    assert_eq!(trace[3].command, [0x00, 0x20, 0x00, 0x80, 0x04]);
    assert_eq!(trace[3].redacted_len, 4);
    assert!(!trace.iter().any(|e| e.to_string().contains("31 32 33 34")));
    card.channel().done();
}

#[test]
fn wrong_pin_reports_tries_left_and_never_retries() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x18), OK)
        .then(EMPTY_VERIFY, &[0x63, 0xC3])
        .then(&select_ef(0x18), OK)
        .then(
            &[0x00, 0x20, 0x00, 0x80, 0x04, 0x39, 0x39, 0x39, 0x39],
            &[0x63, 0xC2],
        );
    let mut card = block_on(Card::open(script)).unwrap();
    let pin = Pin::new(PinRef::JpkiAuth, "9999").unwrap();
    assert_eq!(
        block_on(card.verify(&pin, None)).unwrap_err(),
        CardError::WrongPin {
            pin: PinRef::JpkiAuth,
            tries_left: 2
        }
    );
    card.channel().done();
}

#[test]
fn one_try_left_without_confirmation_sends_no_verify() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x1B), OK)
        .then(EMPTY_VERIFY, &[0x63, 0xC1]);
    let mut card = block_on(Card::open(script)).unwrap();
    let pin = Pin::new(PinRef::JpkiSign, "abc123").unwrap();
    assert_eq!(
        block_on(card.verify(&pin, None)).unwrap_err(),
        CardError::LastTryNeedsConfirmation {
            pin: PinRef::JpkiSign
        }
    );
    card.channel().done();
}

#[test]
fn one_try_left_with_confirmation_sends_one_verify() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x1B), OK)
        .then(EMPTY_VERIFY, &[0x63, 0xC1])
        .then(&select_ef(0x1B), OK)
        .then(
            &[
                0x00, 0x20, 0x00, 0x80, 0x06, b'A', b'B', b'C', b'1', b'2', b'3',
            ],
            &[0x63, 0xC0],
        );
    let mut card = block_on(Card::open(script)).unwrap();
    let pin = Pin::new(PinRef::JpkiSign, "abc123").unwrap();
    let confirm = LastTryConfirmation::user_confirmed_last_try();
    assert_eq!(
        block_on(card.verify(&pin, Some(confirm))).unwrap_err(),
        CardError::WrongPin {
            pin: PinRef::JpkiSign,
            tries_left: 0
        }
    );
    card.channel().done();
}

#[test]
fn blocked_pin_sends_no_verify() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x18), OK)
        .then(EMPTY_VERIFY, &[0x69, 0x84]);
    let mut card = block_on(Card::open(script)).unwrap();
    let pin = Pin::new(PinRef::JpkiAuth, "1234").unwrap();
    let confirm = LastTryConfirmation::user_confirmed_last_try();
    assert_eq!(
        block_on(card.verify(&pin, Some(confirm))).unwrap_err(),
        CardError::PinBlocked {
            pin: PinRef::JpkiAuth
        }
    );
    card.channel().done();
}

#[test]
fn already_verified_sends_no_verify() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x18), OK)
        .then(EMPTY_VERIFY, OK);
    let mut card = block_on(Card::open(script)).unwrap();
    let pin = Pin::new(PinRef::JpkiAuth, "1234").unwrap();
    assert_eq!(
        block_on(card.verify(&pin, None)).unwrap(),
        Verified::Already
    );
    card.channel().done();
}

#[test]
fn guard_refuses_a_pin_made_for_another_reference() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x18), OK)
        .then(EMPTY_VERIFY, &[0x63, 0xC3]);
    let mut card = block_on(Card::open(script)).unwrap();
    let guard = block_on(card.pin_guard(PinRef::JpkiAuth)).unwrap();
    assert_eq!(guard.status(), PinStatus::TriesLeft(3));
    let other = Pin::new(PinRef::TextPin, "1234").unwrap();
    assert_eq!(
        block_on(guard.verify(&other, None)).unwrap_err(),
        CardError::PinForOtherReference {
            expected: PinRef::JpkiAuth,
            given: PinRef::TextPin
        }
    );
    card.channel().done();
}

#[test]
fn text_ap_pin_status_selects_the_text_ap_first() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(SELECT_TEXT, OK)
        .then(&select_ef(0x11), OK)
        .then(EMPTY_VERIFY, &[0x63, 0xC3]);
    let mut card = block_on(Card::open(script)).unwrap();
    assert_eq!(
        block_on(card.pin_status(PinRef::TextPin)).unwrap(),
        PinStatus::TriesLeft(3)
    );
    card.channel().done();
}

#[test]
fn signs_a_sha256_digest_info_with_the_auth_key() {
    let digest_info = HashAlgorithm::Sha256.digest_info(b"hello");
    let mut sign_cmd = vec![0x80, 0x2A, 0x00, 0x80, 51];
    sign_cmd.extend_from_slice(&digest_info);
    sign_cmd.push(0x00);
    let signature = vec![0x5A; 256];
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x17), OK)
        .then(&sign_cmd, &with_sw(&signature, OK));
    let mut card = block_on(Card::open(script)).unwrap();
    card.take_trace();
    assert_eq!(
        block_on(card.sign(SigningKey::Auth, HashAlgorithm::Sha256, b"hello")).unwrap(),
        signature
    );
    assert_eq!(card.take_trace().len(), 2);
    card.channel().done();
}

#[test]
fn signing_without_password_says_password_needed() {
    let digest_info = HashAlgorithm::Sha512.digest_info(b"doc");
    let mut sign_cmd = vec![0x80, 0x2A, 0x00, 0x80, 83];
    sign_cmd.extend_from_slice(&digest_info);
    sign_cmd.push(0x00);
    let script = opened(ChannelCapabilities::SHORT)
        .then(&select_ef(0x1A), OK)
        .then(&sign_cmd, &[0x69, 0x82]);
    let mut card = block_on(Card::open(script)).unwrap();
    assert_eq!(
        block_on(card.sign(SigningKey::Sign, HashAlgorithm::Sha512, b"doc")).unwrap_err(),
        CardError::PinRequired {
            operation: "signing with the signature key (JPKI EF 001A)",
            needs: PinRef::JpkiSign
        }
    );
}

fn my_number_ef(digits: &[u8; 12]) -> Vec<u8> {
    let mut f = vec![0xFF, 0x10, 0x0C];
    f.extend_from_slice(digits);
    f.extend_from_slice(&[0xFF, 0xFF]);
    f
}

fn integrity_ef(my_number_file: &[u8], basic4_digest: [u8; 32]) -> Vec<u8> {
    use apdu::tlv::{encode_ber, Tag};
    use sha2::Digest;
    let mut inner = Vec::new();
    encode_ber(
        Tag(0xDF31),
        &sha2::Sha256::digest(my_number_file),
        &mut inner,
    );
    encode_ber(Tag(0xDF32), &basic4_digest, &mut inner);
    encode_ber(Tag(0xDF33), &[0x77; 256], &mut inner);
    let mut f = Vec::new();
    encode_ber(Tag(0xFF30), &inner, &mut f);
    f
}

#[test]
fn reads_my_number_and_checks_its_digest() {
    let mn = my_number_ef(b"123456789018");
    let integrity = integrity_ef(&mn, [0; 32]);
    assert_eq!(integrity.len(), 336);
    let script = opened(ChannelCapabilities::SHORT)
        .then(SELECT_TEXT, OK)
        .then(
            &[0x00, 0xB0, 0x81, 0x00, 0x00],
            &with_sw(&mn, &[0x62, 0x82]),
        )
        .then(
            &[0x00, 0xB0, 0x83, 0x00, 0x00],
            &with_sw(&integrity[..256], OK),
        )
        .then(
            &[0x00, 0xB0, 0x01, 0x00, 0x50],
            &with_sw(&integrity[256..], OK),
        );
    let mut card = block_on(Card::open(script)).unwrap();
    card.take_trace();
    assert_eq!(
        block_on(card.read_my_number()).unwrap().as_str(),
        "123456789018"
    );
    assert_eq!(card.take_trace().len(), 4);
    card.channel().done();
}

#[test]
fn my_number_that_does_not_match_its_digest_is_refused() {
    let mn = my_number_ef(b"123456789018");
    let integrity = integrity_ef(&my_number_ef(b"123456789019"), [0; 32]);
    let script = opened(ChannelCapabilities::EXTENDED)
        .then(SELECT_TEXT, OK)
        .then(
            &[0x00, 0xB0, 0x81, 0x00, 0x00, 0x00, 0x00],
            &with_sw(&mn, OK),
        )
        .then(
            &[0x00, 0xB0, 0x83, 0x00, 0x00, 0x00, 0x00],
            &with_sw(&integrity, OK),
        );
    let mut card = block_on(Card::open(script)).unwrap();
    assert_eq!(
        block_on(card.read_my_number()).unwrap_err(),
        CardError::IntegrityMismatch {
            what: "SHA-256 of text AP EF 0001 differs from DF31 of EF 0003"
        }
    );
}

#[test]
fn reads_a_300_byte_basic4_in_two_short_apdus() {
    let address = "北海道札幌市中央区北一条西二丁目１２３４番地５６７８　".repeat(3);
    let mut file = data::tests::basic4_file("髙橋\u{3000}𠮷太郎", &address, "20010101", b'1');
    let total = file.len() - 16;
    file.truncate(total);
    file.resize(total.max(300), 0xFF);
    let total_obj = apdu::tlv::ber_total_len(&file).unwrap();
    assert!(total_obj > 256);
    let script = opened(ChannelCapabilities::SHORT)
        .then(SELECT_TEXT, OK)
        .then(&[0x00, 0xB0, 0x82, 0x00, 0x00], &with_sw(&file[..256], OK))
        .then(
            &[0x00, 0xB0, 0x01, 0x00, (total_obj - 256) as u8],
            &with_sw(&file[256..total_obj], OK),
        );
    let mut card = block_on(Card::open(script)).unwrap();
    let b = block_on(card.read_basic4()).unwrap();
    assert_eq!(b.address, address);
    assert_eq!(
        b.birth_date,
        Date {
            year: 2001,
            month: 1,
            day: 1
        }
    );
    card.channel().done();
}

#[test]
fn basic4_before_pin_says_card_info_pin_needed() {
    let script = opened(ChannelCapabilities::SHORT)
        .then(SELECT_TEXT, OK)
        .then(&[0x00, 0xB0, 0x82, 0x00, 0x00], &[0x69, 0x82]);
    let mut card = block_on(Card::open(script)).unwrap();
    assert_eq!(
        block_on(card.read_basic4()).unwrap_err(),
        CardError::PinRequired {
            operation: "基本4情報 (text AP EF 0002)",
            needs: PinRef::TextPin
        }
    );
}

#[test]
fn phone_token_is_recognised_at_open() {
    let script = Script::new(ChannelCapabilities::SHORT)
        .then(SELECT_JPKI, OK)
        .then(READ_LABEL, &label("JPKIAPGPSETOKEN"));
    let card = block_on(Card::open(script)).unwrap();
    assert_eq!(card.token().kind, TokenKind::AndroidPhone);
    assert!(card.token().kind.auth_certificate_needs_pin());
}
