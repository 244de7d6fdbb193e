//! The virtual card: bytes in, bytes out (sans-IO).
//!
//! [`VirtualCard::process`] takes one command APDU and returns the response (data ‖ SW1 SW2).
//! It never panics, whatever the bytes. What it answers, command by command, with the
//! mynacard.md section each rule comes from:
//!
//! ```text
//! | command                 | bytes                          | rules (mynacard.md)                              |
//! |-------------------------|--------------------------------|--------------------------------------------------|
//! | SELECT AP               | 00 A4 04 0C|00 Lc AID [Le]     | §2: P2=0C no FCI; P2=00 + Le → FCI 6F{84 AID};   |
//! |                         |                                | unknown AID 6A82; ISD AID → power-on state      |
//! | SELECT MF               | 00 A4 00 00 [3F00]             | §1: 6A86 with no AP, 9000 (no change) with one;  |
//! |                         |                                | 3F00 → 6A82                                      |
//! | SELECT EF               | 00 A4 02 0C 02 EF              | §4: P1=02 only (09 and others → 6A86); 6A82      |
//! | READ BINARY             | 00 B0 off(15 bit) Le           | §4: fewer bytes at the end, 6B00 past it;        |
//! |                         | 00 B0 80|SFI off8 Le           | extended Le; SFI selects the EF; 6982 gates §3   |
//! | VERIFY                  | 00 20 00 80|80+SFI [Lc PIN]    | §5–§6: empty → 63Cx / 9000 (verified) / 63C0;    |
//! |                         |                                | wrong → 63Cx … 63C0, then 6984; right → 9000     |
//! | CHANGE REFERENCE DATA   | 00 24 01 80|80+SFI Lc new      | §4: only after VERIFY of the same PIN (6982)     |
//! | COMPUTE SIGNATURE       | 80 2A P1 80|80+SFI|00 Lc d 00  | §7: P1 00 pads 1–245 B (else 6985), 01–03 hash   |
//! |                         |                                | forms, 04/05 PSS, other P1 6A86; 6982 before PIN |
//! | INTERNAL AUTHENTICATE   | 00 88 00 80|SFI Lc d 00        | §4: 共通 key 0019 signs, no credential; 6982     |
//! |                         |                                | (JPKI, 住基), 6985 (券面 APs)                     |
//! | SET SESSION KEY         | 80 AE …                        | §8: 66F1 visual, 6982 JPKI / text before PIN,    |
//! |                         |                                | 6A81 after (secure messaging not simulated)      |
//! | READ RECORD             | 00 B2 rec 04|SFI<<3+4 Le       | §3.4: records from 1, 6A83; 住基/共通 APs only   |
//! | CHANGE KEY              | 80 32 00 80|80+SFI Lc new      | §4: 住基/共通 PINs, after VERIFY (6982)          |
//! | GET CHALLENGE           | 00 84 00 00 Le                 | §4: 1–256 bytes; extended Le 6985                |
//! | GET DATA (MF level)     | 00 CA tag Le                   | §3.5: 0042 0045 00F0 00F2 00F7 00F8 (568 B,      |
//! |                         |                                | extended Le only), 5F51 (contact ATR); 6A88      |
//! | anything else           |                                | 6D00 (unknown INS), 6E00 (unknown CLA)           |
//! ```
//!
//! Any extended-length command is answered `6700` when the card is configured without extended
//! length. A command that is not a well-formed APDU is answered `6700`.

use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::fmt;

use apdu::{CommandApdu, LengthForm};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::filesystem::{self, Access, Application, Dedicated, FileContent};
use crate::issuer::IssueError;
use crate::persona::{Persona, PinBForm};

/// Status words the virtual card answers (ISO/IEC 7816-4 §5.6, mynacard.md §6).
pub mod sw {
    /// Success.
    pub const OK: u16 = 0x9000;
    /// Wrong length (Lc/Le, or a malformed APDU, or extended length when not supported).
    pub const WRONG_LENGTH: u16 = 0x6700;
    /// Command incompatible with the file structure.
    pub const INCOMPATIBLE_FILE: u16 = 0x6981;
    /// Security status not satisfied.
    pub const SECURITY_STATUS: u16 = 0x6982;
    /// Reference data blocked.
    pub const BLOCKED: u16 = 0x6984;
    /// Conditions of use not satisfied.
    pub const CONDITIONS: u16 = 0x6985;
    /// Command not allowed: no current EF.
    pub const NO_CURRENT_EF: u16 = 0x6986;
    /// Wrong data.
    pub const WRONG_DATA: u16 = 0x6A80;
    /// Function not supported.
    pub const FUNCTION_NOT_SUPPORTED: u16 = 0x6A81;
    /// File or application not found.
    pub const FILE_NOT_FOUND: u16 = 0x6A82;
    /// Incorrect P1-P2.
    pub const WRONG_P1P2: u16 = 0x6A86;
    /// Record not found.
    pub const RECORD_NOT_FOUND: u16 = 0x6A83;
    /// Referenced data (PIN/key reference, data object) not found.
    pub const DATA_NOT_FOUND: u16 = 0x6A88;
    /// Offset beyond the end of the EF.
    pub const WRONG_OFFSET: u16 = 0x6B00;
    /// INS not supported.
    pub const INS_NOT_SUPPORTED: u16 = 0x6D00;
    /// CLA not supported.
    pub const CLA_NOT_SUPPORTED: u16 = 0x6E00;
    /// Secure messaging not configured (visual AP, mynacard.md §8).
    pub const SM_NOT_CONFIGURED: u16 = 0x66F1;
    /// `CLA=08` READ BINARY in the JPKI AP (mynacard.md §6).
    pub const JPKI_SECURE_MESSAGING: u16 = 0x69FC;
}

/// The answer-to-reset the virtual card reports.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Atr {
    /// The PC/SC pseudo-ATR of a contactless Type B card (mynacard.md §1):
    /// `3B 88 80 01 00 00 00 00 77 81 81 00 <TCK>` — application data `00 00 00 00`,
    /// protocol info `77 81 81`, MBLI/CID `00` (simulator values).
    #[default]
    ContactlessPseudo,
    /// The contact ATR seen on real cards `3B C5 FF 81 31 FB 45 80 73 C6 01 00 00`
    /// (pcsc-tools list, mynacard.md §1).
    Contact,
    /// Any other bytes.
    Custom(Vec<u8>),
}

impl Atr {
    /// The ATR bytes.
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Atr::ContactlessPseudo => {
                let mut atr = vec![
                    0x3B, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x77, 0x81, 0x81, 0x00,
                ];
                let tck = atr.iter().skip(1).fold(0u8, |x, b| x ^ b);
                atr.push(tck);
                atr
            }
            Atr::Contact => vec![
                0x3B, 0xC5, 0xFF, 0x81, 0x31, 0xFB, 0x45, 0x80, 0x73, 0xC6, 0x01, 0x00, 0x00,
            ],
            Atr::Custom(bytes) => bytes.clone(),
        }
    }
}

/// How a virtual card behaves beyond its persona.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardConfig {
    /// Whether extended-length APDUs are accepted (`false`: answered `6700`).
    pub extended_length: bool,
    /// The ATR a reset reports.
    pub atr: Atr,
    /// Which 照合番号B form the card holds.
    pub pin_b_form: PinBForm,
}

impl Default for CardConfig {
    fn default() -> Self {
        Self {
            extended_length: true,
            atr: Atr::default(),
            pin_b_form: PinBForm::default(),
        }
    }
}

/// One command and the card's answer, as recorded in the [`Trace`].
///
/// `Debug` hides the data of commands that carry a PIN (VERIFY, CHANGE REFERENCE DATA, RESET
/// RETRY COUNTER, CHANGE KEY); the bytes are wiped when the entry is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The command exactly as received.
    pub command: Zeroizing<Vec<u8>>,
    /// The response (data ‖ SW1 SW2).
    pub response: Vec<u8>,
}

impl Exchange {
    /// The INS byte (`None` for a command shorter than 2 bytes).
    pub fn ins(&self) -> Option<u8> {
        self.command.get(1).copied()
    }
    /// The status word of the response.
    pub fn sw(&self) -> u16 {
        match self.response.as_slice() {
            [.., a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0,
        }
    }
    /// Whether the command is a VERIFY with data (one that can consume a try).
    pub fn is_verify_with_data(&self) -> bool {
        self.ins() == Some(0x20) && self.command.len() > 4
    }
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret =
            matches!(self.ins(), Some(0x20 | 0x24 | 0x2C | 0x32)) && self.command.len() > 5;
        let shown: &[u8] = if secret {
            self.command.get(..5).unwrap_or_default()
        } else {
            &self.command
        };
        write!(f, "{}", crate::layouts::hex(shown))?;
        if secret {
            write!(f, " <{} secret bytes>", self.command.len() - 5)?;
        }
        write!(f, " -> {}", crate::layouts::hex(&self.response))
    }
}

/// Every APDU the card received, shared: clone the handle before handing the card (or its
/// channel) to the code under test, then inspect it ("no VERIFY was sent").
#[derive(Clone, Default, Debug)]
pub struct Trace(Rc<RefCell<Vec<Exchange>>>);

impl Trace {
    /// A copy of every exchange so far.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.0.borrow().clone()
    }
    /// Number of commands received.
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }
    /// Whether no command was received.
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
    /// Number of commands with this INS.
    pub fn count_ins(&self, ins: u8) -> usize {
        self.0
            .borrow()
            .iter()
            .filter(|e| e.ins() == Some(ins))
            .count()
    }
    /// Number of VERIFY commands that carried a PIN (status queries not counted).
    pub fn verify_attempts(&self) -> usize {
        self.0
            .borrow()
            .iter()
            .filter(|e| e.is_verify_with_data())
            .count()
    }
    /// Forgets everything recorded so far.
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }
    fn push(&self, exchange: Exchange) {
        self.0.borrow_mut().push(exchange);
    }
}

/// Why a virtual card could not be built (only if the committed key data were damaged).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// Issuing the persona's certificates failed.
    #[error("cannot build the virtual card: {0}")]
    Issue(#[from] IssueError),
}

/// The security state of one session (forgotten at reset).
#[derive(Debug, Default, Clone)]
struct Session {
    /// Index into `apps` of the current application.
    current_app: Option<usize>,
    /// The current EF of that application.
    current_ef: Option<u16>,
    /// PIN EFs verified in this session.
    verified: Vec<(Application, u16)>,
}

/// A virtual My Number card for one persona.
pub struct VirtualCard {
    persona: Persona,
    config: CardConfig,
    apps: Vec<Dedicated>,
    session: Session,
    trace: Trace,
    rng: ChaCha20Rng,
    mf_objects: Vec<(u16, Vec<u8>)>,
}

impl Clone for VirtualCard {
    /// An identical card in the same state (PIN counters, session) with a new, empty trace.
    fn clone(&self) -> Self {
        Self {
            persona: self.persona.clone(),
            config: self.config.clone(),
            apps: self.apps.clone(),
            session: self.session.clone(),
            trace: Trace::default(),
            rng: self.rng.clone(),
            mf_objects: self.mf_objects.clone(),
        }
    }
}

impl fmt::Debug for VirtualCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VirtualCard")
            .field("persona", &self.persona.id)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn status(sw: u16) -> Vec<u8> {
    sw.to_be_bytes().to_vec()
}

fn data_ok(mut data: Vec<u8>) -> Vec<u8> {
    data.extend_from_slice(&sw::OK.to_be_bytes());
    data
}

/// DigestInfo prefix of SHA-256 (mynacard.md §7).
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// Largest input of `80 2A 00 xx`: k − 11 for a 256-byte modulus (mynacard.md §7).
pub const MAX_SIGN_INPUT: usize = 245;

impl VirtualCard {
    /// A freshly powered card for `persona` with the default configuration (extended length,
    /// contactless pseudo-ATR, era-year 照合番号B).
    pub fn new(persona: Persona) -> Result<Self, SimError> {
        Self::with_config(persona, CardConfig::default())
    }

    /// A freshly powered card with an explicit configuration.
    pub fn with_config(persona: Persona, config: CardConfig) -> Result<Self, SimError> {
        let apps = filesystem::build(&persona, config.pin_b_form)?;
        let mf_objects = filesystem::mf_data_objects(&persona)?;
        let seed: [u8; 32] = Sha256::digest(persona.id.as_bytes()).into();
        Ok(Self {
            persona,
            config,
            apps,
            session: Session::default(),
            trace: Trace::default(),
            rng: ChaCha20Rng::from_seed(seed),
            mf_objects,
        })
    }

    /// The persona this card belongs to.
    pub fn persona(&self) -> &Persona {
        &self.persona
    }

    /// The configuration.
    pub fn config(&self) -> &CardConfig {
        &self.config
    }

    /// A handle on the trace of every APDU this card receives.
    pub fn trace(&self) -> Trace {
        self.trace.clone()
    }

    /// Resets the card: the security state and current selection are forgotten; PIN retry
    /// counters are not (mynacard.md §1, §5). Returns the ATR.
    pub fn reset(&mut self) -> Vec<u8> {
        self.session = Session::default();
        self.config.atr.bytes()
    }

    /// Tries left on the PIN EF `pin` of `application` (`None` if no such PIN).
    pub fn pin_tries_left(&self, application: Application, pin: u16) -> Option<u8> {
        let app = self.apps.iter().find(|a| a.application == application)?;
        match &app.file(pin)?.content {
            FileContent::Pin(p) => Some(p.tries_left),
            _ => None,
        }
    }

    /// The physical content of a binary EF, without any access check (for tests that state
    /// what a reader must get back).
    pub fn file_content(&self, application: Application, ef: u16) -> Option<&[u8]> {
        let app = self.apps.iter().find(|a| a.application == application)?;
        match &app.file(ef)?.content {
            FileContent::Binary { data, .. } => Some(data),
            _ => None,
        }
    }

    /// Processes one command APDU and returns the response (data ‖ SW1 SW2). Never panics.
    pub fn process(&mut self, command: &[u8]) -> Vec<u8> {
        let response = self.dispatch(command);
        self.trace.push(Exchange {
            command: Zeroizing::new(command.to_vec()),
            response: response.clone(),
        });
        response
    }

    fn dispatch(&mut self, bytes: &[u8]) -> Vec<u8> {
        let command = match CommandApdu::parse(bytes) {
            Ok(command) => command,
            Err(_) => return status(sw::WRONG_LENGTH),
        };
        if command.form() == LengthForm::Extended && !self.config.extended_length {
            return status(sw::WRONG_LENGTH);
        }
        let app = self.current_application();
        match (command.cla(), command.ins()) {
            (0x00, 0xA4) => self.select(&command),
            (0x00, 0xB0) => self.read_binary(&command),
            (0x08, 0xB0) if app == Some(Application::Jpki) => status(sw::JPKI_SECURE_MESSAGING),
            (0x00, 0x20) => self.verify(&command),
            (0x00, 0x24) => self.change_reference_data(&command),
            (0x80, 0x2A) => self.compute_signature(&command),
            (0x00, 0x84) => self.get_challenge(&command),
            (0x00, 0xCA) => self.get_data(&command),
            (0x00, 0x88) => self.internal_authenticate(&command),
            (0x00, 0xB2) => self.read_record(&command),
            (0x80, 0x32) => self.change_key(&command),
            (0x80, 0xAE) => self.set_session_key(),
            (0x00 | 0x80, _) => status(sw::INS_NOT_SUPPORTED),
            _ => status(sw::CLA_NOT_SUPPORTED),
        }
    }

    fn current_application(&self) -> Option<Application> {
        self.session
            .current_app
            .and_then(|i| self.apps.get(i))
            .map(|a| a.application)
    }

    fn current_dedicated(&self) -> Option<&Dedicated> {
        self.session.current_app.and_then(|i| self.apps.get(i))
    }

    fn is_verified(&self, application: Application, access: Access) -> bool {
        match access {
            Access::Free => true,
            Access::Never => false,
            Access::AnyOf(pins) => pins
                .iter()
                .any(|pin| self.session.verified.contains(&(application, *pin))),
        }
    }

    // ---- SELECT (mynacard.md §1, §2, §4) -------------------------------------------------------

    fn select(&mut self, command: &CommandApdu) -> Vec<u8> {
        match command.p1() {
            0x04 => self.select_application(command),
            0x00 => {
                if command.data().is_empty() {
                    if self.session.current_app.is_some() {
                        status(sw::OK)
                    } else {
                        status(sw::WRONG_P1P2)
                    }
                } else {
                    status(sw::FILE_NOT_FOUND)
                }
            }
            0x02 => self.select_ef(command),
            _ => status(sw::WRONG_P1P2),
        }
    }

    fn select_application(&mut self, command: &CommandApdu) -> Vec<u8> {
        if command.p2() != 0x0C && command.p2() != 0x00 {
            return status(sw::WRONG_P1P2);
        }
        let name = command.data();
        if name.is_empty() {
            return status(sw::WRONG_LENGTH);
        }
        if name == apdu::mynacard::aid::ISD {
            self.session.current_app = None;
            self.session.current_ef = None;
            return status(sw::OK);
        }
        // Exact match first; else a DF-name prefix of at least the 5-byte RID (mynacard.md §2).
        let found = self
            .apps
            .iter()
            .position(|a| a.application.aid() == name)
            .or_else(|| {
                if name.len() >= 5 {
                    self.apps
                        .iter()
                        .position(|a| a.application.aid().starts_with(name))
                } else {
                    None
                }
            });
        let Some(index) = found else {
            return status(sw::FILE_NOT_FOUND);
        };
        self.session.current_app = Some(index);
        self.session.current_ef = None;
        let aid = self
            .apps
            .get(index)
            .map(|a| a.application.aid())
            .unwrap_or_default();
        match (command.p2(), command.le()) {
            (0x00, Some(le)) => {
                let mut fci = vec![0x6F, 0x0C, 0x84, 0x0A];
                fci.extend_from_slice(&aid);
                fci.truncate(le as usize);
                data_ok(fci)
            }
            _ => status(sw::OK),
        }
    }

    fn select_ef(&mut self, command: &CommandApdu) -> Vec<u8> {
        if command.p2() != 0x0C {
            return status(sw::WRONG_P1P2);
        }
        let [hi, lo] = match command.data() {
            [hi, lo] => [*hi, *lo],
            _ => return status(sw::WRONG_LENGTH),
        };
        let id = u16::from_be_bytes([hi, lo]);
        match self.current_dedicated() {
            Some(app) if app.file(id).is_some() => {
                self.session.current_ef = Some(id);
                status(sw::OK)
            }
            _ => status(sw::FILE_NOT_FOUND),
        }
    }

    // ---- READ BINARY (mynacard.md §4, §11) -----------------------------------------------------

    fn read_binary(&mut self, command: &CommandApdu) -> Vec<u8> {
        let (p1, p2) = (command.p1(), command.p2());
        let (ef, offset) = if p1 & 0x80 != 0 {
            if p1 & 0x60 != 0 {
                return status(sw::WRONG_P1P2);
            }
            let sfi = p1 & 0x1F;
            if sfi == 0 {
                return status(sw::WRONG_P1P2);
            }
            (u16::from(sfi), usize::from(p2))
        } else {
            let Some(ef) = self.session.current_ef else {
                return status(if self.session.current_app.is_some() {
                    sw::NO_CURRENT_EF
                } else {
                    sw::FILE_NOT_FOUND
                });
            };
            (ef, usize::from(u16::from_be_bytes([p1, p2])))
        };
        if !command.data().is_empty() {
            return status(sw::WRONG_LENGTH);
        }
        let Some(le) = command.le() else {
            return status(sw::WRONG_LENGTH);
        };
        let Some(app) = self.current_dedicated() else {
            // MF level: no EF is readable (mynacard.md §3.5).
            return status(if ef == 0x001E {
                sw::INCOMPATIBLE_FILE
            } else {
                sw::FILE_NOT_FOUND
            });
        };
        let Some(file) = app.file(ef) else {
            return status(sw::FILE_NOT_FOUND);
        };
        let FileContent::Binary { data, read } = &file.content else {
            return status(sw::INCOMPATIBLE_FILE);
        };
        let answer = if !self.is_verified(app.application, *read) {
            status(sw::SECURITY_STATUS)
        } else if offset >= data.len() {
            status(sw::WRONG_OFFSET)
        } else {
            let end = data.len().min(offset.saturating_add(le as usize));
            data_ok(data.get(offset..end).unwrap_or_default().to_vec())
        };
        if p1 & 0x80 != 0 {
            // The SFI form makes the EF current (mynacard.md §4).
            self.session.current_ef = Some(ef);
        }
        answer
    }

    // ---- VERIFY / CHANGE REFERENCE DATA (mynacard.md §4–§6) ------------------------------------

    /// The PIN EF a VERIFY-family command names: P2 = `80` → the current EF, `80|SFI` → that EF.
    fn pin_reference(&self, p2: u8) -> Result<(usize, u16), u16> {
        if p2 & 0x80 == 0 || p2 & 0x60 != 0 {
            return Err(sw::WRONG_P1P2);
        }
        let app_index = self.session.current_app.ok_or(sw::DATA_NOT_FOUND)?;
        let ef = match p2 & 0x1F {
            0 => self.session.current_ef.ok_or(sw::DATA_NOT_FOUND)?,
            sfi => u16::from(sfi),
        };
        let app = self.apps.get(app_index).ok_or(sw::DATA_NOT_FOUND)?;
        match app.file(ef).map(|f| &f.content) {
            Some(FileContent::Pin(_)) => Ok((app_index, ef)),
            Some(_) => Err(sw::INCOMPATIBLE_FILE),
            None => Err(sw::DATA_NOT_FOUND),
        }
    }

    fn verify(&mut self, command: &CommandApdu) -> Vec<u8> {
        if command.p1() != 0x00 {
            return status(sw::WRONG_P1P2);
        }
        let (app_index, ef) = match self.pin_reference(command.p2()) {
            Ok(found) => found,
            Err(code) => return status(code),
        };
        let Some(app) = self.apps.get_mut(app_index) else {
            return status(sw::DATA_NOT_FOUND);
        };
        let application = app.application;
        let Some(FileContent::Pin(pin)) = app.file_mut(ef).map(|f| &mut f.content) else {
            return status(sw::DATA_NOT_FOUND);
        };
        let key = (application, ef);
        if pin.max_tries == 0 {
            // A PIN that was never set (face-only card): no retry counter (`63 00`, mynacard.md
            // §6) and no VERIFY accepted. UNVERIFIED (flows.md §9, open question 4).
            return status(if command.data().is_empty() {
                0x6300
            } else {
                sw::BLOCKED
            });
        }
        if command.data().is_empty() {
            // Retry-counter query: never consumes a try (mynacard.md §4, §6).
            if self.session.verified.contains(&key) {
                return status(sw::OK);
            }
            return status(0x63C0 | u16::from(pin.tries_left.min(15)));
        }
        if pin.tries_left == 0 {
            return status(sw::BLOCKED);
        }
        if constant_time_eq(command.data(), &pin.secret) {
            pin.tries_left = pin.max_tries;
            if !self.session.verified.contains(&key) {
                self.session.verified.push(key);
            }
            status(sw::OK)
        } else {
            pin.tries_left -= 1;
            let left = pin.tries_left;
            self.session.verified.retain(|k| *k != key);
            status(0x63C0 | u16::from(left.min(15)))
        }
    }

    /// CHANGE KEY (JICSAP, `80 32 00 80|SFI Lc new`, mynacard.md §4): the 住基 and 共通 PINs;
    /// like CHANGE REFERENCE DATA, only after a VERIFY of the same PIN.
    fn change_key(&mut self, command: &CommandApdu) -> Vec<u8> {
        if command.p1() != 0x00 {
            return status(sw::WRONG_P1P2);
        }
        self.replace_pin(command)
    }

    fn change_reference_data(&mut self, command: &CommandApdu) -> Vec<u8> {
        if command.p1() != 0x01 {
            return status(sw::WRONG_P1P2);
        }
        self.replace_pin(command)
    }

    fn replace_pin(&mut self, command: &CommandApdu) -> Vec<u8> {
        let (app_index, ef) = match self.pin_reference(command.p2()) {
            Ok(found) => found,
            Err(code) => return status(code),
        };
        let new = command.data();
        if !(4..=16).contains(&new.len()) {
            return status(sw::WRONG_DATA);
        }
        let Some(app) = self.apps.get_mut(app_index) else {
            return status(sw::DATA_NOT_FOUND);
        };
        if !self.session.verified.contains(&(app.application, ef)) {
            return status(sw::SECURITY_STATUS);
        }
        let Some(FileContent::Pin(pin)) = app.file_mut(ef).map(|f| &mut f.content) else {
            return status(sw::DATA_NOT_FOUND);
        };
        pin.secret = Zeroizing::new(new.to_vec());
        status(sw::OK)
    }

    // ---- COMPUTE SIGNATURE (mynacard.md §7) ----------------------------------------------------

    fn signing_key(&self, p2: u8) -> Result<Rc<RsaPrivateKey>, u16> {
        let app = self.current_dedicated().ok_or(sw::CONDITIONS)?;
        if p2 == 0x00 {
            return app.default_key.clone().ok_or(sw::WRONG_P1P2);
        }
        if p2 & 0x80 == 0 || p2 & 0x60 != 0 {
            return Err(sw::WRONG_P1P2);
        }
        let ef = match p2 & 0x1F {
            0 => self.session.current_ef.ok_or(sw::DATA_NOT_FOUND)?,
            sfi => u16::from(sfi),
        };
        match app.file(ef).map(|f| &f.content) {
            Some(FileContent::Key { key, usable }) => {
                if self.is_verified(app.application, *usable) {
                    Ok(key.clone())
                } else {
                    Err(sw::SECURITY_STATUS)
                }
            }
            Some(_) => Err(sw::INCOMPATIBLE_FILE),
            None => Err(sw::DATA_NOT_FOUND),
        }
    }

    fn compute_signature(&mut self, command: &CommandApdu) -> Vec<u8> {
        let p1 = command.p1();
        if p1 > 0x05 {
            return status(sw::WRONG_P1P2);
        }
        let key = match self.signing_key(command.p2()) {
            Ok(key) => key,
            Err(code) => return status(code),
        };
        let input = command.data();
        if p1 >= 0x04 {
            return self.sign_pss(&key, p1, input);
        }
        let to_pad: Vec<u8> = match p1 {
            0x00 if (1..=MAX_SIGN_INPUT).contains(&input.len()) => input.to_vec(),
            0x01 if !input.is_empty() && input.len() <= 255 => Sha256::digest(input).to_vec(),
            0x02 if input.len() == 32 => [&SHA256_DIGEST_INFO[..], input].concat(),
            0x03 if !input.is_empty() && input.len() <= 255 => {
                [&SHA256_DIGEST_INFO[..], &Sha256::digest(input)[..]].concat()
            }
            _ => return status(sw::CONDITIONS),
        };
        match key.sign(Pkcs1v15Sign::new_unprefixed(), &to_pad) {
            Ok(signature) => data_ok(signature),
            Err(_) => status(sw::CONDITIONS),
        }
    }

    /// P1=04: RSASSA-PSS over a supplied SHA-256 hash; P1=05: the card hashes the input
    /// (≤ 255 bytes) with SHA-256 first (mynacard.md §7). MGF1-SHA-256, 32-byte salt drawn from
    /// the card's seeded generator.
    fn sign_pss(&mut self, key: &RsaPrivateKey, p1: u8, input: &[u8]) -> Vec<u8> {
        use rsa::signature::hazmat::RandomizedPrehashSigner;
        let hash: Vec<u8> = match p1 {
            0x04 if input.len() == 32 => input.to_vec(),
            0x05 if !input.is_empty() && input.len() <= 255 => Sha256::digest(input).to_vec(),
            _ => return status(sw::CONDITIONS),
        };
        let signer = rsa::pss::SigningKey::<Sha256>::new(key.clone());
        match signer.sign_prehash_with_rng(&mut self.rng, &hash) {
            Ok(signature) => data_ok(rsa::signature::SignatureEncoding::to_vec(&signature)),
            Err(_) => status(sw::CONDITIONS),
        }
    }

    // ---- INTERNAL AUTHENTICATE / SET SESSION KEY (refusals only) -------------------------------

    /// INTERNAL AUTHENTICATE `00 88 00 80|SFI Lc challenge 00` (mynacard.md §4): only the
    /// 共通カードAP's key 0019 answers, with no credential: PKCS#1 v1.5 over the SHA-256
    /// DigestInfo of the challenge. Other keys refuse: `6982` where a PIN guards them (JPKI,
    /// 住基), `6985` in the 券面 APs.
    fn internal_authenticate(&self, command: &CommandApdu) -> Vec<u8> {
        match self.current_application() {
            Some(Application::Common) => {}
            Some(Application::Jpki | Application::Juki) => return status(sw::SECURITY_STATUS),
            Some(Application::Text | Application::Visual) => return status(sw::CONDITIONS),
            None => return status(sw::DATA_NOT_FOUND),
        }
        if command.p1() != 0x00 {
            return status(sw::WRONG_P1P2);
        }
        let key = match self.signing_key(command.p2()) {
            Ok(key) => key,
            Err(code) => return status(code),
        };
        let challenge = command.data();
        if challenge.is_empty() {
            return status(sw::WRONG_LENGTH);
        }
        let digest_info = [&SHA256_DIGEST_INFO[..], &Sha256::digest(challenge)[..]].concat();
        match key.sign(Pkcs1v15Sign::new_unprefixed(), &digest_info) {
            Ok(signature) => data_ok(signature),
            Err(_) => status(sw::CONDITIONS),
        }
    }

    /// SET SESSION KEY (`80 AE`, mynacard.md §8): the visual and common APs answer `66F1`, the
    /// JPKI and 住基 APs `6982`, the text AP `6982` until its PIN is verified. Secure messaging
    /// itself is not simulated: after the PIN the text AP answers `6A81`.
    fn set_session_key(&self) -> Vec<u8> {
        match self.current_application() {
            Some(Application::Visual | Application::Common) => status(sw::SM_NOT_CONFIGURED),
            Some(Application::Text) => {
                if self.is_verified(
                    Application::Text,
                    Access::AnyOf(&[apdu::mynacard::text::PIN]),
                ) {
                    status(sw::FUNCTION_NOT_SUPPORTED)
                } else {
                    status(sw::SECURITY_STATUS)
                }
            }
            Some(Application::Jpki | Application::Juki) | None => status(sw::SECURITY_STATUS),
        }
    }

    // ---- READ RECORD (mynacard.md §3.4, §4) ----------------------------------------------------

    /// `00 B2 <rec> 04 Le` reads record `rec` of the current EF; `00 B2 <rec> <SFI<<3|4> Le`
    /// names the EF (and makes it current). Records start at 1; `6A83` = no such record.
    fn read_record(&mut self, command: &CommandApdu) -> Vec<u8> {
        let (number, p2) = (command.p1(), command.p2());
        if number == 0 || p2 & 0x07 != 0x04 {
            return status(sw::WRONG_P1P2);
        }
        let Some(le) = command.le() else {
            return status(sw::WRONG_LENGTH);
        };
        let sfi = p2 >> 3;
        let ef = if sfi == 0 {
            match self.session.current_ef {
                Some(ef) => ef,
                None => return status(sw::NO_CURRENT_EF),
            }
        } else {
            u16::from(sfi)
        };
        let Some(app) = self.current_dedicated() else {
            return status(sw::FILE_NOT_FOUND);
        };
        let Some(file) = app.file(ef) else {
            return status(sw::FILE_NOT_FOUND);
        };
        let FileContent::Records { records, read } = &file.content else {
            return status(sw::INCOMPATIBLE_FILE);
        };
        let answer = if !self.is_verified(app.application, *read) {
            status(sw::SECURITY_STATUS)
        } else {
            match records.get(usize::from(number) - 1) {
                Some(record) => data_ok(record.iter().copied().take(le as usize).collect()),
                None => status(sw::RECORD_NOT_FOUND),
            }
        };
        if sfi != 0 {
            self.session.current_ef = Some(ef);
        }
        answer
    }

    // ---- GET CHALLENGE / GET DATA --------------------------------------------------------------

    fn get_challenge(&mut self, command: &CommandApdu) -> Vec<u8> {
        if command.p1() != 0 || command.p2() != 0 {
            return status(sw::WRONG_P1P2);
        }
        if command.form() == LengthForm::Extended {
            return status(sw::CONDITIONS);
        }
        match command.le() {
            Some(le) if command.data().is_empty() => {
                let mut bytes = vec![0u8; le as usize];
                self.rng.fill_bytes(&mut bytes);
                data_ok(bytes)
            }
            _ => status(sw::WRONG_LENGTH),
        }
    }

    /// GET DATA `00 CA <tag> Le` at MF level (no AP selected; `6A88` once one is, and for
    /// absent objects). Objects longer than 256 bytes need an extended Le: a short Le gets
    /// `6700` (mynacard.md §1, §3.5). A shorter Le truncates.
    fn get_data(&mut self, command: &CommandApdu) -> Vec<u8> {
        let tag = u16::from_be_bytes([command.p1(), command.p2()]);
        let Some(le) = command.le() else {
            return status(sw::WRONG_LENGTH);
        };
        if self.session.current_app.is_some() {
            return status(sw::DATA_NOT_FOUND);
        }
        let object = if tag == 0x5F51 && self.config.atr == Atr::Contact {
            self.config
                .atr
                .bytes()
                .get(1..)
                .unwrap_or_default()
                .to_vec()
        } else if let Some((_, value)) = self.mf_objects.iter().find(|(t, _)| *t == tag) {
            value.clone()
        } else {
            return status(sw::DATA_NOT_FOUND);
        };
        if object.len() > 256 && command.form() == LengthForm::Short {
            return status(sw::WRONG_LENGTH);
        }
        data_ok(object.into_iter().take(le as usize).collect())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
#[path = "card_tests.rs"]
mod tests;
