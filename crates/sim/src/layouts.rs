//! Byte layouts of the data EFs the virtual card serves, built from a persona.
//!
//! Each function returns the **physical** EF content (object plus any filler), so READ BINARY
//! sees exactly what a reader of the real card would. Where mynacard.md leaves a byte open,
//! the function's doc says which value the simulator chose.

use alloc::string::String;
use alloc::vec::Vec;

use apdu::tlv::{encode_ber, Tag};
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};

use crate::images;
use crate::persona::Persona;

/// Filler byte after the DER certificate in a certificate EF (the real value is not recorded
/// in mynacard.md §3.1; readers must trim by the DER length either way).
pub const CERTIFICATE_FILLER: u8 = 0xFF;
/// Physical size of every certificate EF: larger than any certificate, as on the card.
pub const CERTIFICATE_EF_SIZE: usize = 2048;

/// A certificate EF: the DER followed by [`CERTIFICATE_FILLER`] up to [`CERTIFICATE_EF_SIZE`]
/// (mynacard.md §3.1 "Certificate EF size"). A certificate longer than that is stored as is.
pub fn certificate_ef(der: &[u8]) -> Vec<u8> {
    let mut ef = der.to_vec();
    if ef.len() < CERTIFICATE_EF_SIZE {
        ef.resize(CERTIFICATE_EF_SIZE, CERTIFICATE_FILLER);
    }
    ef
}

fn padded(text: &str, len: usize) -> impl Iterator<Item = u8> + '_ {
    text.bytes().chain(core::iter::repeat(b' ')).take(len)
}

/// JPKI EF 0006, token info: a 160-byte PKCS#11 `CK_TOKEN_INFO` with big-endian ULONGs
/// (mynacard.md §3.1).
///
/// ```text
/// | offset | size | field                 | simulator value                        |
/// |--------|------|-----------------------|----------------------------------------|
/// | 0      | 32   | label                 | JPKIAPICCTOKEN2 / JPKIAPGPSETOKEN + ' ' |
/// | 32     | 32   | manufacturerID        | "mynaweb simulator" + ' '              |
/// | 64     | 16   | model                 | "VIRTUAL CARD" + ' '                   |
/// | 80     | 16   | serialNumber          | persona's auth serial, 16 hex digits   |
/// | 96     | 4    | flags                 | 0000040D (RNG, LOGIN_REQUIRED,         |
/// |        |      |                       |   USER_PIN_INITIALIZED, TOKEN_INIT.)   |
/// | 100    | 4×10 | session counts, PIN   | max sessions 1, 0, 1, 0, max PIN 16,   |
/// |        |      | lengths, memory       |   min PIN 4, memory FFFFFFFF ×4        |
/// | 140    | 2    | hardwareVersion       | 01 00                                  |
/// | 142    | 2    | firmwareVersion       | 01 00                                  |
/// | 144    | 16   | utcTime               | 16 spaces (no clock)                   |
/// ```
pub fn token_info(persona: &Persona) -> Vec<u8> {
    let mut ef = Vec::with_capacity(160);
    ef.extend(padded(persona.token.label(), 32));
    ef.extend(padded("mynaweb simulator", 32));
    ef.extend(padded("VIRTUAL CARD", 16));
    let serial = alloc::format!("{:016X}", persona.auth_serial);
    ef.extend(padded(&serial, 16));
    for value in [
        0x0000_040Du32,
        1,
        0,
        1,
        0,
        16,
        4,
        u32::MAX,
        u32::MAX,
        u32::MAX,
        u32::MAX,
    ] {
        ef.extend_from_slice(&value.to_be_bytes());
    }
    ef.extend_from_slice(&[1, 0, 1, 0]);
    ef.extend(padded("", 16));
    ef
}

/// JPKI EF 0008: which certificates exist (mynacard.md §3.1): `8F 8F 00` with both,
/// `00 8F 00` without a signature certificate.
pub fn certificate_presence(persona: &Persona) -> Vec<u8> {
    let sign = if persona.has_signature_certificate {
        0x8F
    } else {
        0x00
    };
    alloc::vec![sign, 0x8F, 0x00]
}

/// Text AP EF 0001, 個人番号 (mynacard.md §3.2): 17 bytes.
///
/// ```text
/// | FF 10 | 0C | 12 ASCII digits | FF FF |
/// ```
pub fn my_number_ef(persona: &Persona) -> Vec<u8> {
    let mut ef = alloc::vec![0xFF, 0x10, 0x0C];
    ef.extend_from_slice(persona.my_number().as_bytes());
    ef.extend_from_slice(&[0xFF, 0xFF]);
    ef
}

/// Text AP EF 0002, 基本4情報 (mynacard.md §9.1), followed by `FF` filler up to the next
/// 32-byte boundary (at least one filler byte; the filler length is a simulator choice).
///
/// ```text
/// FF 20 <len: 1 byte, or 81 xx / 82 xx xx when ≥ 128>
///   DF 21 08  o1 o2 o3 o4     offsets (16-bit BE, from file start) of the DF22..DF25 tags
///   DF 22 <n> name            UTF-8
///   DF 23 <n> address         UTF-8 (length 81 xx when ≥ 128)
///   DF 24 08  birth YYYYMMDD
///   DF 25 01  sex (JIS X 0303 digit)
/// ```
pub fn basic_four_ef(persona: &Persona) -> Vec<u8> {
    let object = basic_four_object(persona);
    let mut ef = object.clone();
    let size = (object.len() / 32 + 1) * 32;
    ef.resize(size, 0xFF);
    ef
}

/// The 基本4情報 object alone (no filler).
pub fn basic_four_object(persona: &Persona) -> Vec<u8> {
    let mut fields: Vec<Vec<u8>> = Vec::new();
    let birth = persona.birth.yyyymmdd();
    for (tag, value) in [
        (0xDF22, persona.name.as_bytes()),
        (0xDF23, persona.address.as_bytes()),
        (0xDF24, birth.as_bytes()),
        (0xDF25, &[persona.sex.jis_digit()][..]),
    ] {
        let mut tlv = Vec::new();
        encode_ber(Tag(tag), value, &mut tlv);
        fields.push(tlv);
    }
    let fields_len: usize = fields.iter().map(Vec::len).sum();
    let value_len = 11 + fields_len; // DF21 08 + 8 offset bytes
    let mut header = alloc::vec![0xFF, 0x20];
    apdu::tlv::encode_ber_len(value_len, &mut header);

    let mut offsets = Vec::with_capacity(8);
    let mut position = header.len() + 11;
    for field in &fields {
        offsets.extend_from_slice(&(position as u16).to_be_bytes());
        position += field.len();
    }
    let mut object = header;
    encode_ber(Tag(0xDF21), &offsets, &mut object);
    for field in fields {
        object.extend_from_slice(&field);
    }
    object
}

/// The part of EF 0002 that EF 0003's DF32 hashes: the outer value from DF22 to the end of the
/// object (mynacard.md §9.2).
pub fn basic_four_hashed_part(persona: &Persona) -> Vec<u8> {
    let object = basic_four_object(persona);
    let header = if object.get(2).is_some_and(|b| *b == 0x82) {
        5
    } else if object.get(2).is_some_and(|b| *b == 0x81) {
        4
    } else {
        3
    };
    object
        .get(header + 11..)
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

/// PKCS#1 v1.5 SHA-256 signature of `message` (deterministic).
pub fn sign_sha256(key: &RsaPrivateKey, message: &[u8]) -> Vec<u8> {
    match SigningKey::<Sha256>::new(key.clone()).try_sign(message) {
        Ok(signature) => signature.to_vec(),
        Err(_) => Vec::new(),
    }
}

/// Text AP EF 0003, integrity record (mynacard.md §9.2): 336 bytes.
///
/// ```text
/// FF 30 82 01 4B
///   DF 31 20 <SHA-256 of EF 0001's 17 bytes>
///   DF 32 20 <SHA-256 of EF 0002 from DF22 to the end of the object>
///   DF 33 82 01 00 <PKCS#1 v1.5 SHA-256 signature over the first 70 bytes (DF31 + DF32 TLVs)
///                   by the text AP issuer key, certified in EF 0004>
/// ```
pub fn integrity_ef(persona: &Persona, issuer_key: &RsaPrivateKey) -> Vec<u8> {
    let mut signed = Vec::with_capacity(70);
    encode_ber(
        Tag(0xDF31),
        &Sha256::digest(my_number_ef(persona)),
        &mut signed,
    );
    encode_ber(
        Tag(0xDF32),
        &Sha256::digest(basic_four_hashed_part(persona)),
        &mut signed,
    );
    let signature = sign_sha256(issuer_key, &signed);
    let mut value = signed;
    encode_ber(Tag(0xDF33), &signature, &mut value);
    let mut ef = Vec::with_capacity(336);
    encode_ber(Tag(0xFF30), &value, &mut ef);
    ef
}

/// An RSA public key as the 券面 APs write it (mynacard.md §9.5): `90 <e>` `91 82 01 00 <n>`.
pub fn card_public_key(key: &RsaPublicKey) -> Vec<u8> {
    let mut out = Vec::with_capacity(265);
    encode_ber(Tag(0x90), &key.e().to_bytes_be(), &mut out);
    encode_ber(Tag(0x91), &key.n().to_bytes_be(), &mut out);
    out
}

/// A 16-byte key id: 7 ASCII digits, `08 05`, `"001"`, 4 zero bytes (mynacard.md §9.4).
/// Test ids start with `6`.
pub fn key_id(seven_digits: &str) -> [u8; 16] {
    let mut id = [0u8; 16];
    for (slot, byte) in id.iter_mut().zip(seven_digits.bytes().take(7)) {
        *slot = byte;
    }
    id[7] = 0x08;
    id[8] = 0x05;
    id[9..12].copy_from_slice(b"001");
    id
}

/// Key id of the simulator's CV root key.
pub const CV_ROOT_ID: &str = "6000001";
/// Key id of the simulator's text AP issuer key.
pub const TEXT_ISSUER_ID: &str = "6000033";
/// Key id of the simulator's visual AP issuer key.
pub const FACE_ISSUER_ID: &str = "6000023";

/// A card-verifiable certificate (mynacard.md §9.4), 568 bytes for RSA-2048:
///
/// ```text
/// 7F 21 82 02 33
///   5F 4E 82 01 29  issuer key id (16) ‖ subject key id (16) ‖ 90 e ‖ 91 82 01 00 n  (297)
///   5F 37 82 01 00  signature: PKCS#1 v1.5 SHA-256 over the 297-byte body by the CV root key
///                   (the real scheme is not recorded; this is the simulator's choice)
/// ```
pub fn cv_certificate(
    issuer_id: &str,
    subject_id: &str,
    subject: &RsaPublicKey,
    cv_root: &RsaPrivateKey,
) -> Vec<u8> {
    let mut body = Vec::with_capacity(297);
    body.extend_from_slice(&key_id(issuer_id));
    body.extend_from_slice(&key_id(subject_id));
    body.extend_from_slice(&card_public_key(subject));
    let mut value = Vec::new();
    encode_ber(Tag(0x5F4E), &body, &mut value);
    encode_ber(Tag(0x5F37), &sign_sha256(cv_root, &body), &mut value);
    let mut out = Vec::new();
    encode_ber(Tag(0x7F21), &value, &mut out);
    out
}

/// Text AP EF 0005, AP basic info (mynacard.md §3.2):
/// `FF 40 { DF41 01 03 0E 01, DF42 <16-byte issuer key id>, DF43 <128 × 00> }`.
pub fn text_basic_info() -> Vec<u8> {
    let mut value = Vec::new();
    encode_ber(Tag(0xDF41), &[0x01, 0x03, 0x0E, 0x01], &mut value);
    encode_ber(Tag(0xDF42), &key_id(TEXT_ISSUER_ID), &mut value);
    encode_ber(Tag(0xDF43), &[0u8; 128], &mut value);
    let mut out = Vec::new();
    encode_ber(Tag(0xFF40), &value, &mut out);
    out
}

/// Text AP EF 0006: the secure-messaging RSA key `A1 { 90 e, 91 n }` (mynacard.md §3.2).
pub fn text_sm_key(card_key: &RsaPublicKey) -> Vec<u8> {
    let mut out = Vec::new();
    encode_ber(Tag(0xA1), &card_public_key(card_key), &mut out);
    out
}

/// Text AP EF 0007: `FF 50 { DF51 <card key 90/91>, DF52 <signature> }` (mynacard.md §3.2).
/// DF52 is PKCS#1 v1.5 SHA-256 over the DF51 value by the text AP issuer key (simulator choice).
pub fn text_signed_card_key(card_key: &RsaPublicKey, issuer: &RsaPrivateKey) -> Vec<u8> {
    let key = card_public_key(card_key);
    let mut value = Vec::new();
    encode_ber(Tag(0xDF51), &key, &mut value);
    encode_ber(Tag(0xDF52), &sign_sha256(issuer, &key), &mut value);
    let mut out = Vec::new();
    encode_ber(Tag(0xFF50), &value, &mut out);
    out
}

/// Visual AP EF 0001, age record: `FF 10 { DF11 YYYYMMDD, DF12 <card key>, DF13 <sig> }`,
/// DF13 = PKCS#1 v1.5 SHA-256 over the DF11 and DF12 TLVs by the face issuer key (simulator
/// choice; mynacard.md §3.3 gives the tags only).
pub fn visual_age_record(
    persona: &Persona,
    card_key: &RsaPublicKey,
    issuer: &RsaPrivateKey,
) -> Vec<u8> {
    let mut signed = Vec::new();
    encode_ber(
        Tag(0xDF11),
        persona.birth.yyyymmdd().as_bytes(),
        &mut signed,
    );
    encode_ber(Tag(0xDF12), &card_public_key(card_key), &mut signed);
    let mut value = signed.clone();
    encode_ber(Tag(0xDF13), &sign_sha256(issuer, &signed), &mut value);
    let mut out = Vec::new();
    encode_ber(Tag(0xFF10), &value, &mut out);
    out
}

/// Visual AP EF 0002, card face (mynacard.md §9.3).
///
/// ```text
/// FF 20 82 xx xx
///   DF 21 12  9 × 16-bit BE offsets (from file start) of the DF22..DF2A tags (simulator choice:
///             the spec names the table but not its size)
///   DF 22 08  birth YYYYMMDD
///   DF 23 01  sex
///   DF 24     card public key 90 03 01 00 01 91 82 01 00 <n>
///   DF 25     name image (PNG, 1-bit)          DF 26  address image (PNG, 1-bit)
///   DF 27     face photo (JP2)
///   DF 28     signature: PKCS#1 v1.5 SHA-256 by the face issuer key over
///             SHA-256(DF22..DF24 TLVs) ‖ SHA-256(DF25..DF26 TLVs) ‖ SHA-256(DF27 TLV)
///   DF 29 08  expiry YYYYMMDD (not signed)
///   DF 2A     security-code image (PNG, 24×12, not signed)
/// ```
pub fn visual_card_face(
    persona: &Persona,
    card_key: &RsaPublicKey,
    issuer: &RsaPrivateKey,
) -> Vec<u8> {
    let tlv = |tag: u32, value: &[u8]| {
        let mut out = Vec::new();
        encode_ber(Tag(tag), value, &mut out);
        out
    };
    let segment1 = [
        tlv(0xDF22, persona.birth.yyyymmdd().as_bytes()),
        tlv(0xDF23, &[persona.sex.jis_digit()]),
        tlv(0xDF24, &card_public_key(card_key)),
    ];
    let segment2 = [
        tlv(0xDF25, &images::png_1bit(160, 24, persona.name.as_bytes())),
        tlv(
            0xDF26,
            &images::png_1bit(320, 48, persona.address.as_bytes()),
        ),
    ];
    let segment3 = [tlv(
        0xDF27,
        &images::jp2_greyscale(48, 60, persona.id.as_bytes()),
    )];
    let mut digests = Vec::with_capacity(96);
    for segment in [&segment1[..], &segment2[..], &segment3[..]] {
        digests.extend_from_slice(&Sha256::digest(segment.concat()));
    }
    let tail = [
        tlv(0xDF28, &sign_sha256(issuer, &digests)),
        tlv(0xDF29, persona.card_expiry.yyyymmdd().as_bytes()),
        tlv(
            0xDF2A,
            &images::png_1bit(24, 12, persona.security_code.as_bytes()),
        ),
    ];
    let fields: Vec<Vec<u8>> = segment1
        .into_iter()
        .chain(segment2)
        .chain(segment3)
        .chain(tail)
        .collect();
    let fields_len: usize = fields.iter().map(Vec::len).sum();
    let value_len = 3 + 18 + fields_len;
    let mut object = alloc::vec![0xFF, 0x20];
    apdu::tlv::encode_ber_len(value_len, &mut object);
    let mut position = object.len() + 21;
    let mut offsets = Vec::with_capacity(18);
    for field in &fields {
        offsets.extend_from_slice(&(position as u16).to_be_bytes());
        position += field.len();
    }
    encode_ber(Tag(0xDF21), &offsets, &mut object);
    for field in fields {
        object.extend_from_slice(&field);
    }
    object
}

/// Visual AP EF 0003, AP basic info: `FF 30 { DF31 01 03 0E 01, DF32 <face issuer key id>,
/// DF33 01, DF34 "13999" (5-digit municipality code; 13999 is not a real code),
/// DF35 <key id ‖ 256 × 00> }` (mynacard.md §3.3; values are placeholders).
pub fn visual_basic_info() -> Vec<u8> {
    let mut value = Vec::new();
    encode_ber(Tag(0xDF31), &[0x01, 0x03, 0x0E, 0x01], &mut value);
    encode_ber(Tag(0xDF32), &key_id(FACE_ISSUER_ID), &mut value);
    encode_ber(Tag(0xDF33), &[0x01], &mut value);
    encode_ber(Tag(0xDF34), b"13999", &mut value);
    let mut opaque = key_id(FACE_ISSUER_ID).to_vec();
    opaque.extend_from_slice(&[0u8; 256]);
    encode_ber(Tag(0xDF35), &opaque, &mut value);
    let mut out = Vec::new();
    encode_ber(Tag(0xFF30), &value, &mut out);
    out
}

/// Visual AP EF 0005, My Number image: `FF 40 { DF41 <PNG>, DF42 <card key>, DF43 <sig> }`,
/// DF43 = PKCS#1 v1.5 SHA-256 over the DF41 and DF42 TLVs by the face issuer key.
pub fn visual_my_number_image(
    persona: &Persona,
    card_key: &RsaPublicKey,
    issuer: &RsaPrivateKey,
) -> Vec<u8> {
    let mut signed = Vec::new();
    encode_ber(
        Tag(0xDF41),
        &images::png_1bit(200, 20, persona.my_number().as_bytes()),
        &mut signed,
    );
    encode_ber(Tag(0xDF42), &card_public_key(card_key), &mut signed);
    let mut value = signed.clone();
    encode_ber(Tag(0xDF43), &sign_sha256(issuer, &signed), &mut value);
    let mut out = Vec::new();
    encode_ber(Tag(0xFF40), &value, &mut out);
    out
}

/// 共通カードAP EF 0001 record 1 (mynacard.md §3.4): simple-TLV `01 1C` + 28 ASCII digits =
/// 15-digit card serial ‖ 5-digit municipality code (`13999`, not a real code) ‖ expiry YYYYMMDD.
pub fn common_card_record(persona: &Persona) -> Vec<u8> {
    let digits = alloc::format!(
        "{}13999{}",
        persona.card_serial(),
        persona.card_expiry.yyyymmdd()
    );
    let mut record = Vec::with_capacity(30);
    apdu::tlv::encode_simple(0x01, digits.as_bytes(), &mut record);
    record
}

/// Whether a persona's token carries the 券面 APs (phone tokens carry only JPKI).
pub fn has_card_face_aps(persona: &Persona) -> bool {
    persona.token.is_physical_card()
}

/// Hex of bytes, for messages and tests.
pub fn hex(bytes: &[u8]) -> String {
    use core::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
    out
}
