//! The virtual card's applications and elementary files, with their access rules
//! (mynacard.md §2, §3 and §5).
//!
//! ```text
//! | AP     | EF   | kind   | content                               | read / use needs            |
//! |--------|------|--------|---------------------------------------|-----------------------------|
//! | JPKI   | 0001 | binary | signature certificate (+ FF filler)   | 001B (absent for a child)   |
//! | JPKI   | 0002 | binary | signature root certificate            | free                        |
//! | JPKI   | 0006 | binary | token info, 160 B                     | free                        |
//! | JPKI   | 0008 | binary | 8F 8F 00 / 00 8F 00                   | free                        |
//! | JPKI   | 0009 | binary | unknown, protected                    | never                       |
//! | JPKI   | 000A | binary | auth certificate (+ FF filler)        | free (phone token: 0018)    |
//! | JPKI   | 000B | binary | auth root certificate                 | free                        |
//! | JPKI   | 0017 | key    | auth key                              | 0018                        |
//! | JPKI   | 0018 | PIN    | auth PIN, 3 tries                     | —                           |
//! | JPKI   | 001A | key    | signature key (absent for a child)    | 001B                        |
//! | JPKI   | 001B | PIN    | signature password, 5 tries           | —                           |
//! | text   | 0001 | binary | My Number, 17 B                       | 0011 or 0014                |
//! | text   | 0002 | binary | 基本4情報                              | 0011 or 0015                |
//! | text   | 0003 | binary | integrity record, 336 B               | 0011, 0014 or 0015          |
//! | text   | 0004 | binary | CV certificate, 568 B                 | free                        |
//! | text   | 0005 | binary | AP basic info                         | free                        |
//! | text   | 0006 | binary | SM key A1{90,91}                      | 0011, 0014 or 0015          |
//! | text   | 0007 | binary | signed card key FF50                  | 0011, 0014 or 0015          |
//! | text   | 0008 | binary | 16 × FF                               | free                        |
//! | text   | 0011 | PIN    | text AP PIN, 3 tries                  | —                           |
//! | text   | 0012 | PIN    | blocked from issuance (0 tries)       | —                           |
//! | text   | 0013 | key    | AP's own key (P2=00 default)          | free                        |
//! | text   | 0014 | PIN    | 照合番号A, 10 tries (count unknown)    | —                           |
//! | text   | 0015 | PIN    | 照合番号B, 10 tries (count unknown)    | —                           |
//! | visual | 0001 | binary | age record FF10                       | 0011                        |
//! | visual | 0002 | binary | card face                             | 0012 or 0013                |
//! | visual | 0003 | binary | AP basic info                         | free                        |
//! | visual | 0004 | binary | CV certificate                        | free                        |
//! | visual | 0005 | binary | My Number image                       | 0013 (A only)               |
//! | visual | 0011 | PIN    | birth-date key, 10 tries              | —                           |
//! | visual | 0012 | PIN    | 照合番号B, 10 tries                    | —                           |
//! | visual | 0013 | PIN    | 照合番号A, 10 tries                    | —                           |
//! | 住基   | 0002 | record | 16-byte key reference                 | free                        |
//! | 住基   | 001C | PIN    | 住基 PIN, 3 tries                      | —                           |
//! | 共通   | 0001 | record | 01 1C serial(15) municipality(5) expiry | free                     |
//! | 共通   | 0002 | record | 16-byte key reference                 | free                        |
//! | 共通   | 0019 | key    | INTERNAL AUTHENTICATE key             | free                        |
//! | 共通   | 001C | PIN    | PIN (separate reference), 3 tries     | —                           |
//! ```
//!
//! The retry limits of 照合番号A/B and the birth-date key are not known (mynacard.md §12); the
//! simulator uses 10. Phone tokens carry only the JPKI AP.

use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use apdu::mynacard::{aid, jpki, text, visual};
use rsa::RsaPrivateKey;
use zeroize::Zeroizing;

use crate::issuer::{self, IssueError};
use crate::keys;
use crate::layouts;
use crate::persona::{Persona, PinBForm, TokenKind, AUTH_PIN, JUKI_PIN, SIGN_PASSWORD, TEXT_PIN};

/// The applications the virtual card carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Application {
    /// 公的個人認証AP.
    Jpki,
    /// 券面事項入力補助AP.
    Text,
    /// 券面事項確認AP.
    Visual,
    /// 住基AP.
    Juki,
    /// 共通カードAP.
    Common,
}

impl Application {
    /// The AID (mynacard.md §2).
    pub const fn aid(self) -> [u8; 10] {
        match self {
            Application::Jpki => aid::JPKI,
            Application::Text => aid::TEXT,
            Application::Visual => aid::VISUAL,
            Application::Juki => aid::JUKI,
            Application::Common => aid::COMMON,
        }
    }
}

/// Who may read a binary EF or use a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// No credential.
    Free,
    /// Never (the EF exists but no command here opens it).
    Never,
    /// A successful VERIFY of any of these PIN EFs (of the same AP) in this session.
    AnyOf(&'static [u16]),
}

/// A PIN EF: the reference data and its retry counter (which survives resets).
#[derive(Clone)]
pub struct PinFile {
    /// The reference data (ASCII). Wiped on drop.
    pub(crate) secret: Zeroizing<Vec<u8>>,
    /// Tries allowed after a successful VERIFY.
    pub max_tries: u8,
    /// Tries left now (0 = blocked).
    pub tries_left: u8,
}

impl fmt::Debug for PinFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PinFile")
            .field("max_tries", &self.max_tries)
            .field("tries_left", &self.tries_left)
            .finish_non_exhaustive()
    }
}

/// What an EF holds.
#[derive(Clone)]
pub enum FileContent {
    /// A transparent EF read with READ BINARY.
    Binary {
        /// Physical content, filler included.
        data: Vec<u8>,
        /// Who may read it.
        read: Access,
    },
    /// A record EF read with READ RECORD; records hold simple-TLV (mynacard.md §3.4).
    Records {
        /// Records 1, 2, … in order.
        records: Vec<Vec<u8>>,
        /// Who may read them.
        read: Access,
    },
    /// A PIN (VERIFY / CHANGE REFERENCE DATA).
    Pin(PinFile),
    /// A private key (COMPUTE SIGNATURE).
    Key {
        /// The RSA-2048 key.
        key: Rc<RsaPrivateKey>,
        /// Who may use it.
        usable: Access,
    },
}

impl fmt::Debug for FileContent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileContent::Binary { data, read } => f
                .debug_struct("Binary")
                .field("len", &data.len())
                .field("read", read)
                .finish(),
            FileContent::Records { records, read } => f
                .debug_struct("Records")
                .field("count", &records.len())
                .field("read", read)
                .finish(),
            FileContent::Pin(pin) => pin.fmt(f),
            FileContent::Key { usable, .. } => f
                .debug_struct("Key")
                .field("usable", usable)
                .finish_non_exhaustive(),
        }
    }
}

/// One elementary file.
#[derive(Debug, Clone)]
pub struct ElementaryFile {
    /// File id `0001`..`001E`; the SFI is its low byte.
    pub id: u16,
    /// Content and rules.
    pub content: FileContent,
}

/// One application (DF) and its files.
#[derive(Debug, Clone)]
pub struct Dedicated {
    /// Which application.
    pub application: Application,
    /// Its EFs.
    pub files: Vec<ElementaryFile>,
    /// The key `80 2A 00 00` uses (the 券面 APs' own key, no credential), if any.
    pub default_key: Option<Rc<RsaPrivateKey>>,
}

impl Dedicated {
    /// The EF with this id.
    pub fn file(&self, id: u16) -> Option<&ElementaryFile> {
        self.files.iter().find(|f| f.id == id)
    }
    /// The EF with this id, mutably.
    pub fn file_mut(&mut self, id: u16) -> Option<&mut ElementaryFile> {
        self.files.iter_mut().find(|f| f.id == id)
    }
}

fn binary(id: u16, data: Vec<u8>, read: Access) -> ElementaryFile {
    ElementaryFile {
        id,
        content: FileContent::Binary { data, read },
    }
}

fn records(id: u16, records: Vec<Vec<u8>>) -> ElementaryFile {
    ElementaryFile {
        id,
        content: FileContent::Records {
            records,
            read: Access::Free,
        },
    }
}

fn pin(id: u16, secret: &[u8], max_tries: u8, tries_left: u8) -> ElementaryFile {
    ElementaryFile {
        id,
        content: FileContent::Pin(PinFile {
            secret: Zeroizing::new(secret.to_vec()),
            max_tries,
            tries_left,
        }),
    }
}

fn key(id: u16, key: Rc<RsaPrivateKey>, usable: Access) -> ElementaryFile {
    ElementaryFile {
        id,
        content: FileContent::Key { key, usable },
    }
}

/// Retry limit the simulator gives 照合番号A/B and the birth-date key (unknown on the card).
pub const UNKNOWN_PIN_TRIES: u8 = 10;

/// Builds every application of the persona's card.
pub fn build(persona: &Persona, pin_b_form: PinBForm) -> Result<Vec<Dedicated>, IssueError> {
    let certs = issuer::issue_for(persona)?;
    let auth_key = Rc::new(keys::load(&persona.auth_key_label())?);
    let auth_cert_read = match persona.token {
        TokenKind::Card | TokenKind::LegacyCard => Access::Free,
        TokenKind::PhoneToken => Access::AnyOf(&[jpki::AUTH_PIN]),
    };
    let mut jpki_files = Vec::new();
    if let Some(sign_cert) = &certs.sign {
        jpki_files.push(binary(
            jpki::SIGN_CERT,
            layouts::certificate_ef(sign_cert),
            Access::AnyOf(&[jpki::SIGN_PIN]),
        ));
    }
    jpki_files.extend([
        binary(
            jpki::SIGN_CA_CERT,
            layouts::certificate_ef(certs.sign_root.certificate_der()),
            Access::Free,
        ),
        binary(jpki::TOKEN_INFO, layouts::token_info(persona), Access::Free),
        binary(
            jpki::CERT_PRESENCE,
            layouts::certificate_presence(persona),
            Access::Free,
        ),
        binary(0x0009, vec![0u8; 16], Access::Never),
        binary(
            jpki::AUTH_CERT,
            layouts::certificate_ef(&certs.auth),
            auth_cert_read,
        ),
        binary(
            jpki::AUTH_CA_CERT,
            layouts::certificate_ef(certs.auth_root.certificate_der()),
            Access::Free,
        ),
        key(jpki::AUTH_KEY, auth_key, Access::AnyOf(&[jpki::AUTH_PIN])),
        pin(
            jpki::AUTH_PIN,
            AUTH_PIN.as_bytes(),
            if persona.pins_set { 3 } else { 0 },
            persona.auth_pin_tries,
        ),
    ]);
    if persona.has_signature_certificate {
        let sign_key = Rc::new(keys::load(&persona.sign_key_label())?);
        jpki_files.push(key(
            jpki::SIGN_KEY,
            sign_key,
            Access::AnyOf(&[jpki::SIGN_PIN]),
        ));
        jpki_files.push(pin(
            jpki::SIGN_PIN,
            SIGN_PASSWORD.as_bytes(),
            5,
            persona.sign_password_tries,
        ));
    }
    let mut apps = vec![Dedicated {
        application: Application::Jpki,
        files: jpki_files,
        default_key: None,
    }];
    if !layouts::has_card_face_aps(persona) {
        return Ok(apps);
    }

    let card_key = Rc::new(keys::load("card-ap")?);
    let card_public = card_key.to_public_key();
    let text_issuer = keys::load("text-ap-issuer")?;
    let face_issuer = keys::load("face-ap-issuer")?;
    let cv_root = keys::load("cv-root")?;
    let my_number = persona.my_number();
    let pin_b = persona.pin_b(pin_b_form);

    const TEXT_PIN_OR_A: &[u16] = &[text::PIN, text::PIN_A];
    const TEXT_PIN_OR_B: &[u16] = &[text::PIN, text::PIN_B];
    const TEXT_ANY: &[u16] = &[text::PIN, text::PIN_A, text::PIN_B];
    let text_files = vec![
        binary(
            text::MY_NUMBER,
            layouts::my_number_ef(persona),
            Access::AnyOf(TEXT_PIN_OR_A),
        ),
        binary(
            text::BASIC4,
            layouts::basic_four_ef(persona),
            Access::AnyOf(TEXT_PIN_OR_B),
        ),
        binary(
            text::INTEGRITY,
            layouts::integrity_ef(persona, &text_issuer),
            Access::AnyOf(TEXT_ANY),
        ),
        binary(
            text::CV_CERT,
            layouts::cv_certificate(
                layouts::CV_ROOT_ID,
                layouts::TEXT_ISSUER_ID,
                &text_issuer.to_public_key(),
                &cv_root,
            ),
            Access::Free,
        ),
        binary(text::BASIC_INFO, layouts::text_basic_info(), Access::Free),
        binary(
            0x0006,
            layouts::text_sm_key(&card_public),
            Access::AnyOf(TEXT_ANY),
        ),
        binary(
            0x0007,
            layouts::text_signed_card_key(&card_public, &text_issuer),
            Access::AnyOf(TEXT_ANY),
        ),
        binary(0x0008, vec![0xFF; 16], Access::Free),
        pin(
            text::PIN,
            TEXT_PIN.as_bytes(),
            if persona.pins_set { 3 } else { 0 },
            if persona.pins_set { 3 } else { 0 },
        ),
        pin(0x0012, b"", 3, 0),
        key(0x0013, card_key.clone(), Access::Free),
        pin(
            text::PIN_A,
            my_number.as_bytes(),
            UNKNOWN_PIN_TRIES,
            UNKNOWN_PIN_TRIES,
        ),
        pin(
            text::PIN_B,
            pin_b.as_bytes(),
            UNKNOWN_PIN_TRIES,
            UNKNOWN_PIN_TRIES,
        ),
    ];
    apps.push(Dedicated {
        application: Application::Text,
        files: text_files,
        default_key: Some(card_key.clone()),
    });

    const VISUAL_A_OR_B: &[u16] = &[visual::PIN_A, visual::PIN_B];
    let visual_files = vec![
        binary(
            0x0001,
            layouts::visual_age_record(persona, &card_public, &face_issuer),
            Access::AnyOf(&[visual::BIRTH_DATE_KEY]),
        ),
        binary(
            visual::CARD_FACE,
            layouts::visual_card_face(persona, &card_public, &face_issuer),
            Access::AnyOf(VISUAL_A_OR_B),
        ),
        binary(
            visual::BASIC_INFO,
            layouts::visual_basic_info(),
            Access::Free,
        ),
        binary(
            visual::CV_CERT,
            layouts::cv_certificate(
                layouts::CV_ROOT_ID,
                layouts::FACE_ISSUER_ID,
                &face_issuer.to_public_key(),
                &cv_root,
            ),
            Access::Free,
        ),
        binary(
            visual::MY_NUMBER_IMAGE,
            layouts::visual_my_number_image(persona, &card_public, &face_issuer),
            Access::AnyOf(&[visual::PIN_A]),
        ),
        pin(
            visual::BIRTH_DATE_KEY,
            persona.birth_date_key().as_bytes(),
            UNKNOWN_PIN_TRIES,
            UNKNOWN_PIN_TRIES,
        ),
        pin(
            visual::PIN_B,
            pin_b.as_bytes(),
            UNKNOWN_PIN_TRIES,
            UNKNOWN_PIN_TRIES,
        ),
        pin(
            visual::PIN_A,
            my_number.as_bytes(),
            UNKNOWN_PIN_TRIES,
            UNKNOWN_PIN_TRIES,
        ),
    ];
    apps.push(Dedicated {
        application: Application::Visual,
        files: visual_files,
        default_key: Some(card_key.clone()),
    });

    let key_reference = vec![layouts::key_id(layouts::CV_ROOT_ID).to_vec()];
    apps.push(Dedicated {
        application: Application::Juki,
        files: vec![
            records(0x0002, key_reference.clone()),
            pin(0x001C, JUKI_PIN.as_bytes(), 3, 3),
        ],
        default_key: None,
    });
    apps.push(Dedicated {
        application: Application::Common,
        files: vec![
            records(0x0001, vec![layouts::common_card_record(persona)]),
            records(0x0002, key_reference),
            key(0x0019, card_key, Access::Free),
            pin(0x001C, JUKI_PIN.as_bytes(), 3, 3),
        ],
        default_key: None,
    });
    Ok(apps)
}

/// The MF-level GET DATA objects of a physical card (mynacard.md §3.5); a phone token has none.
///
/// ```text
/// | tag  | content                        | simulator value                             |
/// |------|--------------------------------|---------------------------------------------|
/// | 0042 | issuer id, 16 B                | key id "6000001" 08 05 "001" 00000000       |
/// | 0045 | card id (ASCII)                | the 15-digit card serial                    |
/// | 00F0 | municipality code, 5 digits    | "13999" (not a real code)                   |
/// | 00F2 | expiry YYYYMMDD                | the persona's card expiry                   |
/// | 00F7 | intermediate key id, 16 B      | the CV root's key id                        |
/// | 00F8 | CV certificate, 568 B          | the CV root's self-certificate              |
/// ```
pub fn mf_data_objects(persona: &Persona) -> Result<Vec<(u16, Vec<u8>)>, IssueError> {
    if !persona.token.is_physical_card() {
        return Ok(Vec::new());
    }
    let cv_root = keys::load("cv-root")?;
    let root_id = layouts::key_id(layouts::CV_ROOT_ID).to_vec();
    Ok(vec![
        (0x0042, root_id.clone()),
        (0x0045, persona.card_serial().into_bytes()),
        (0x00F0, b"13999".to_vec()),
        (0x00F2, persona.card_expiry.yyyymmdd().into_bytes()),
        (0x00F7, root_id),
        (
            0x00F8,
            layouts::cv_certificate(
                layouts::CV_ROOT_ID,
                layouts::CV_ROOT_ID,
                &cv_root.to_public_key(),
                &cv_root,
            ),
        ),
    ])
}
