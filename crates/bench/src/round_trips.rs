//! Card round trips: every card operation and every flow's card part, run by the real `card`
//! crate through the real `reader` drivers against the simulator's virtual USB readers
//! (`sim::usb`), counting APDUs (from the card's trace) and USB bulk transfers (from the virtual
//! reader's counters).
//!
//! Each operation starts from a fresh reader and card: the reader is opened as a browser opens it,
//! the session is connected (reset, SELECT JPKI AP, token label), the operation's preconditions
//! run (a VERIFY before a protected read), and only then the counters are read, so a row counts
//! exactly the operation. Flows count from the reader being opened, the connect included.

use apdu::{CardChannel, ChannelCapabilities, TransportError};
use card::{Card, CardError, Certificate, HashAlgorithm, Pin, PinRef, SigningKey, TraceEntry};
use reader::ccid::{CcidChannel, CcidOptions};
use reader::descriptors::parse_descriptors;
use reader::port100::{Rcs380, Rcs380Options};
use reader::rcs300::{Rcs300, Rcs300Options};
use reader::usb::{ControlSetup, UsbPipe};
use serde::Serialize;
use sim::usb::{
    CcidCore, Counters, Fault, Rcs300Core, Rcs380Core, ReaderCore, ReaderModel, VirtualReader,
};
use sim::{Atr, CardConfig, SimChannel, VirtualCard};

use crate::model::{Cost, Link};

/// One thing the card is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// Reset, SELECT the JPKI AP, read the token label.
    Connect,
    /// Read one of the four JPKI certificates (the signature one after its password).
    ReadCertificate(Certificate),
    /// The tries left of the user-authentication PIN.
    PinStatus,
    /// VERIFY of the user-authentication PIN, with the tries check before it.
    Verify,
    /// Sign a SHA-256 DigestInfo with the authentication key (after its VERIFY).
    Sign,
    /// Read 基本4情報 (after the card-info PIN).
    ReadBasic4,
}

impl Operation {
    /// Every operation, in table order.
    pub const ALL: [Self; 9] = [
        Self::Connect,
        Self::ReadCertificate(Certificate::Auth),
        Self::ReadCertificate(Certificate::AuthCa),
        Self::ReadCertificate(Certificate::Sign),
        Self::ReadCertificate(Certificate::SignCa),
        Self::PinStatus,
        Self::Verify,
        Self::Sign,
        Self::ReadBasic4,
    ];

    /// A short label for the table.
    pub fn label(self) -> &'static str {
        match self {
            Self::Connect => "connect (reset, SELECT, token label)",
            Self::ReadCertificate(Certificate::Auth) => "read auth certificate",
            Self::ReadCertificate(Certificate::AuthCa) => "read auth CA certificate",
            Self::ReadCertificate(Certificate::Sign) => "read signature certificate",
            Self::ReadCertificate(Certificate::SignCa) => "read signature CA certificate",
            Self::PinStatus => "PIN status (auth PIN)",
            Self::Verify => "VERIFY auth PIN (tries read first)",
            Self::Sign => "sign (auth key, SHA-256)",
            Self::ReadBasic4 => "read 基本4情報",
        }
    }
}

/// A flow's card part, as today's crates express it (flows.md §1A R1, §2, card login).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Insurance-use pre-check R1: auth certificate + statuses of the auth, signature and
    /// card-info PINs.
    InsurancePreCheck,
    /// Rehearsal: card-info PIN VERIFY + 基本4情報.
    Rehearsal,
    /// Card login: auth PIN VERIFY + sign a challenge.
    CardLogin,
    /// Signed submission: signature password VERIFY + signature certificate + sign with the
    /// signature key (the certificate goes into the CMS SignedData).
    SignedSubmission,
}

impl Flow {
    /// Every flow, in table order.
    pub const ALL: [Self; 4] = [
        Self::InsurancePreCheck,
        Self::Rehearsal,
        Self::CardLogin,
        Self::SignedSubmission,
    ];

    /// A short label for the table.
    pub fn label(self) -> &'static str {
        match self {
            Self::InsurancePreCheck => "insurance pre-check (auth cert + 3 PIN statuses)",
            Self::Rehearsal => "rehearsal (card-info PIN + 基本4情報)",
            Self::CardLogin => "card login (auth PIN + sign)",
            Self::SignedSubmission => "signed submission (signature password + sign cert + sign)",
        }
    }
}

/// Where the card sits: a virtual USB reader, or the card straight behind a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setup {
    /// A virtual USB reader with its real driver.
    Reader(ReaderModel),
    /// The RC-S380 with InSetRF/InSetProtocol sent once at activation instead of before every
    /// APDU (`Rcs380Options::settings_before_each_apdu = false`; whether the real reader keeps
    /// them is unverified, readers.md §3.4).
    Rcs380SettingsOnce,
    /// The card behind [`SimChannel`] (no reader), extended length on or off.
    Direct {
        /// Whether the card and channel take extended-length APDUs.
        extended_length: bool,
    },
}

impl Setup {
    /// Every setup, in table order.
    pub fn all() -> Vec<Self> {
        let mut out: Vec<Self> = ReaderModel::ALL.iter().map(|m| Self::Reader(*m)).collect();
        out.insert(1, Self::Rcs380SettingsOnce);
        out.push(Self::Direct {
            extended_length: true,
        });
        out.push(Self::Direct {
            extended_length: false,
        });
        out
    }

    /// A short label for the table.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reader(ReaderModel::Rcs380) => "RC-S380",
            Self::Rcs380SettingsOnce => "RC-S380 (settings once)",
            Self::Reader(ReaderModel::Rcs300) => "RC-S300 (if#1)",
            Self::Reader(ReaderModel::Rcs300Ccid) => "RC-S300 (CCID)",
            Self::Reader(ReaderModel::Scr3310NttCom) => "SCR3310-NTTCom",
            Self::Reader(ReaderModel::Acr39u) => "ACR39U",
            Self::Reader(ReaderModel::Acr1252) => "ACR1252",
            Self::Direct {
                extended_length: true,
            } => "no reader, extended APDUs",
            Self::Direct {
                extended_length: false,
            } => "no reader, short APDUs only",
        }
    }

    /// How the card is attached.
    pub fn link(self) -> Link {
        match self {
            Self::Reader(m) if m.is_contact() => Link::Contact,
            _ => Link::Contactless,
        }
    }
}

/// What one operation or flow cost on one setup.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measured {
    /// The setup's label.
    pub setup: &'static str,
    /// Whether the channel offered extended-length APDUs.
    pub extended_length: bool,
    /// The counts.
    pub cost: Cost,
    /// SELECT commands among the APDUs.
    pub selects: u32,
    /// USB transfers to open the reader and power the card (before the connect), if a reader.
    pub reader_open_transfers: u32,
    /// For a certificate read: the certificate's DER length (the EF around it is larger).
    pub certificate_len: Option<u32>,
}

/// Why a measurement could not be made.
#[derive(Debug)]
pub struct MeasureError(pub String);

impl core::fmt::Display for MeasureError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<CardError> for MeasureError {
    fn from(e: CardError) -> Self {
        Self(format!("card: {e}"))
    }
}

/// A reader core of any model.
struct AnyCore(Box<dyn ReaderCore>);

impl core::fmt::Debug for AnyCore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("AnyCore")
    }
}

impl ReaderCore for AnyCore {
    fn handle(&mut self, data: &[u8], faults: &[Fault]) -> Vec<Vec<u8>> {
        self.0.handle(data, faults)
    }
    fn garble(&self, reply: &mut Vec<u8>) {
        self.0.garble(reply)
    }
    fn descriptors(&self) -> Vec<u8> {
        self.0.descriptors()
    }
    fn card(&self) -> &VirtualCard {
        self.0.card()
    }
    fn set_card_present(&mut self, present: bool) {
        self.0.set_card_present(present)
    }
}

type Pipe = VirtualReader<AnyCore>;

/// The channel an operation runs over: a driver on a virtual reader, or the bare card.
#[allow(clippy::large_enum_variant)] // one per measurement, never moved in a loop
enum Channel {
    Ccid(CcidChannel<Pipe>),
    Rcs380(Rcs380<Pipe>),
    Rcs300(Rcs300<Pipe>),
    Direct(SimChannel),
}

impl Channel {
    fn usb_counters(&mut self) -> Counters {
        match self {
            Self::Ccid(d) => d.pipe_mut().counters(),
            Self::Rcs380(d) => d.pipe_mut().counters(),
            Self::Rcs300(d) => d.pipe_mut().counters(),
            Self::Direct(_) => Counters::default(),
        }
    }
}

impl CardChannel for Channel {
    fn capabilities(&self) -> ChannelCapabilities {
        match self {
            Self::Ccid(d) => d.capabilities(),
            Self::Rcs380(d) => d.capabilities(),
            Self::Rcs300(d) => d.capabilities(),
            Self::Direct(d) => d.capabilities(),
        }
    }
    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        match self {
            Self::Ccid(d) => d.transmit(command).await,
            Self::Rcs380(d) => d.transmit(command).await,
            Self::Rcs300(d) => d.transmit(command).await,
            Self::Direct(d) => d.transmit(command).await,
        }
    }
    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        match self {
            Self::Ccid(d) => d.reset().await,
            Self::Rcs380(d) => d.reset().await,
            Self::Rcs300(d) => d.reset().await,
            Self::Direct(d) => d.reset().await,
        }
    }
    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        match self {
            Self::Ccid(d) => d.is_card_present().await,
            Self::Rcs380(d) => d.is_card_present().await,
            Self::Rcs300(d) => d.is_card_present().await,
            Self::Direct(d) => d.is_card_present().await,
        }
    }
}

fn virtual_card(setup: Setup) -> Result<VirtualCard, MeasureError> {
    let persona = sim::persona("standard")
        .ok_or_else(|| MeasureError("persona `standard` missing".into()))?;
    let config = match setup {
        Setup::Reader(m) => CardConfig {
            atr: if m.is_contact() {
                Atr::Contact
            } else {
                Atr::ContactlessPseudo
            },
            ..CardConfig::default()
        },
        Setup::Direct { extended_length } => CardConfig {
            extended_length,
            ..CardConfig::default()
        },
        Setup::Rcs380SettingsOnce => CardConfig::default(),
    };
    VirtualCard::with_config(persona, config)
        .map_err(|e| MeasureError(format!("virtual card: {e}")))
}

/// Opens the reader as the app does: descriptors, then the driver's own set-up.
async fn open(setup: Setup) -> Result<Channel, MeasureError> {
    let card = virtual_card(setup)?;
    let fail = |what: &str, e: &dyn core::fmt::Display| MeasureError(format!("{what}: {e}"));
    let (model, rcs380) = match setup {
        Setup::Direct { .. } => return Ok(Channel::Direct(SimChannel::new(card))),
        Setup::Reader(m) => (m, Rcs380Options::default()),
        Setup::Rcs380SettingsOnce => (
            ReaderModel::Rcs380,
            Rcs380Options {
                settings_before_each_apdu: false,
                ..Rcs380Options::default()
            },
        ),
    };
    match model {
        ReaderModel::Rcs380 => {
            let pipe = VirtualReader::new(AnyCore(Box::new(Rcs380Core::new(card))));
            let mut d = Rcs380::new(pipe, rcs380);
            d.init().await.map_err(|e| fail("RC-S380 init", &e))?;
            d.activate()
                .await
                .map_err(|e| fail("RC-S380 activate", &e))?;
            Ok(Channel::Rcs380(d))
        }
        ReaderModel::Rcs300 => {
            let pipe = VirtualReader::new(AnyCore(Box::new(Rcs300Core::new(card))));
            let mut d = Rcs300::new(pipe, Rcs300Options::default());
            d.init().await.map_err(|e| fail("RC-S300 init", &e))?;
            d.activate()
                .await
                .map_err(|e| fail("RC-S300 activate", &e))?;
            Ok(Channel::Rcs300(d))
        }
        _ => {
            let core = CcidCore::new(model, card)
                .ok_or_else(|| MeasureError(format!("{model:?} has no CCID core")))?;
            let mut pipe = VirtualReader::new(AnyCore(Box::new(core)));
            let bytes = pipe
                .control_in(ControlSetup::GET_CONFIGURATION_DESCRIPTOR, 1024)
                .await
                .map_err(|e| fail("descriptors", &e))?;
            let descriptors = parse_descriptors(&bytes).map_err(|e| fail("descriptors", &e))?;
            let interface = descriptors
                .interfaces
                .iter()
                .find(|i| i.ccid.is_some())
                .ok_or_else(|| MeasureError("no CCID interface".into()))?
                .clone();
            let mut d = CcidChannel::from_interface(pipe, &interface, CcidOptions::default())
                .map_err(|e| fail("CCID", &e))?;
            d.power_on().await.map_err(|e| fail("CCID power on", &e))?;
            Ok(Channel::Ccid(d))
        }
    }
}

fn pin(reference: PinRef, digits: &str) -> Result<Pin, MeasureError> {
    Pin::new(reference, digits).map_err(|e| MeasureError(format!("PIN format: {e}")))
}

const CHALLENGE: &[u8] = b"mynaweb benchmark challenge";

/// Runs `op`'s measured part on a connected card; returns the certificate's length for a
/// certificate read.
async fn run_operation(
    card: &mut Card<Channel>,
    op: Operation,
) -> Result<Option<u32>, MeasureError> {
    match op {
        Operation::Connect => {}
        Operation::ReadCertificate(which) => {
            let der = card.read_certificate(which).await?;
            return Ok(Some(u32::try_from(der.len()).unwrap_or(u32::MAX)));
        }
        Operation::PinStatus => {
            card.pin_status(PinRef::JpkiAuth).await?;
        }
        Operation::Verify => {
            card.verify(&pin(PinRef::JpkiAuth, sim::persona::AUTH_PIN)?, None)
                .await?;
        }
        Operation::Sign => {
            card.sign(SigningKey::Auth, HashAlgorithm::Sha256, CHALLENGE)
                .await?;
        }
        Operation::ReadBasic4 => {
            card.read_basic4().await?;
        }
    }
    Ok(None)
}

/// The VERIFY an operation needs first (not counted).
fn precondition(op: Operation) -> Result<Option<Pin>, MeasureError> {
    Ok(match op {
        Operation::ReadCertificate(Certificate::Sign) => {
            Some(pin(PinRef::JpkiSign, sim::persona::SIGN_PASSWORD)?)
        }
        Operation::Sign => Some(pin(PinRef::JpkiAuth, sim::persona::AUTH_PIN)?),
        Operation::ReadBasic4 => Some(pin(PinRef::TextPin, sim::persona::TEXT_PIN)?),
        _ => None,
    })
}

/// Adds up a trace: APDUs, bytes, blocks on `link`, SELECTs.
fn cost_of(trace: &[TraceEntry], link: Link) -> (Cost, u32) {
    let mut cost = Cost::default();
    let mut selects = 0;
    for entry in trace {
        let command = u32::try_from(entry.command.len() + entry.redacted_len).unwrap_or(u32::MAX);
        let response = u32::try_from(entry.response.len()).unwrap_or(u32::MAX);
        cost = cost.plus(Cost::of_apdu(link, command, response));
        if entry.command.get(1) == Some(&0xA4) {
            selects += 1;
        }
    }
    (cost, selects)
}

async fn measure_async(
    setup: Setup,
    op: Option<Operation>,
    flow: Option<Flow>,
) -> Result<Measured, MeasureError> {
    let mut channel = open(setup).await?;
    let reader_open_transfers = channel.usb_counters().total();
    let extended_length = channel.capabilities().extended_length;
    let before_connect = channel.usb_counters().total();
    let mut card = Card::connect(channel).await?;
    let mut trace = Vec::new();
    let mut start = before_connect;
    let mut certificate_len = None;
    if let Some(op) = op {
        if op == Operation::Connect {
            trace = card.take_trace();
        } else {
            if let Some(p) = precondition(op)? {
                card.verify(&p, None).await?;
            }
            card.take_trace();
            start = card.channel_mut().usb_counters().total();
            certificate_len = run_operation(&mut card, op).await?;
            trace = card.take_trace();
        }
    }
    if let Some(flow) = flow {
        match flow {
            Flow::InsurancePreCheck => {
                card.read_certificate(Certificate::Auth).await?;
                // the app's order (crates/app session::SHOWN_PINS): both JPKI PINs, then the
                // card-info PIN, so the JPKI AP is selected once
                for p in [PinRef::JpkiAuth, PinRef::JpkiSign, PinRef::TextPin] {
                    card.pin_status(p).await?;
                }
            }
            Flow::Rehearsal => {
                card.verify(&pin(PinRef::TextPin, sim::persona::TEXT_PIN)?, None)
                    .await?;
                card.read_basic4().await?;
            }
            Flow::CardLogin => {
                card.verify(&pin(PinRef::JpkiAuth, sim::persona::AUTH_PIN)?, None)
                    .await?;
                card.sign(SigningKey::Auth, HashAlgorithm::Sha256, CHALLENGE)
                    .await?;
            }
            Flow::SignedSubmission => {
                card.verify(&pin(PinRef::JpkiSign, sim::persona::SIGN_PASSWORD)?, None)
                    .await?;
                card.read_certificate(Certificate::Sign).await?;
                card.sign(SigningKey::Sign, HashAlgorithm::Sha256, CHALLENGE)
                    .await?;
            }
        }
        trace = card.take_trace();
    }
    let end = card.channel_mut().usb_counters().total();
    let (mut cost, selects) = cost_of(&trace, setup.link());
    cost.usb_transfers = end - start;
    Ok(Measured {
        setup: setup.label(),
        extended_length,
        cost,
        selects,
        reader_open_transfers: if matches!(setup, Setup::Direct { .. }) {
            0
        } else {
            reader_open_transfers
        },
        certificate_len,
    })
}

/// Measures one operation on one setup.
pub fn measure_operation(setup: Setup, op: Operation) -> Result<Measured, MeasureError> {
    pollster::block_on(measure_async(setup, Some(op), None))
}

/// Measures one flow's card part on one setup (connect included).
pub fn measure_flow(setup: Setup, flow: Flow) -> Result<Measured, MeasureError> {
    pollster::block_on(measure_async(setup, None, Some(flow)))
}

/// The APDUs other implementations need for one certificate read after SELECT EF
/// (mynacard.md §11), best first.
pub const OTHER_IMPLEMENTATIONS: [(&str, u32); 5] = [
    ("jsapdu (extended READ BINARY by SFI)", 1),
    ("pymyna (header + 1 extended read)", 2),
    ("myna-card (256 B chunks)", 8),
    (
        "jpki/myna, jpki-rs, WebUSB-MyNumberCard (7 B header + 256 B)",
        9,
    ),
    ("OpenSC (4 B header at SELECT + reads)", 9),
];

/// The best known APDU count for one certificate read on a channel with or without extended
/// length (mynacard.md §11): 1 with extended length, else the 256-byte chunk count.
pub fn best_known_certificate_apdus(extended_length: bool, certificate_len: u32) -> u32 {
    if extended_length {
        1
    } else {
        certificate_len.div_ceil(256).max(1)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn extended_certificate_read_is_one_apdu_without_select() {
        let m = measure_operation(
            Setup::Direct {
                extended_length: true,
            },
            Operation::ReadCertificate(Certificate::Auth),
        )
        .unwrap();
        assert_eq!(m.cost.apdus, 1);
        assert_eq!(m.selects, 0);
        assert_eq!(m.cost.usb_transfers, 0);
    }

    #[test]
    fn short_certificate_read_is_the_chunk_count() {
        let m = measure_operation(
            Setup::Direct {
                extended_length: false,
            },
            Operation::ReadCertificate(Certificate::Auth),
        )
        .unwrap();
        let certificate_len = m.certificate_len.unwrap();
        // short reads stop at the DER end: the certificate plus one SW per APDU, no filler
        assert_eq!(m.cost.response_bytes, certificate_len + 2 * m.cost.apdus);
        assert_eq!(
            m.cost.apdus,
            best_known_certificate_apdus(false, certificate_len)
        );
        assert!(!m.extended_length);
    }

    #[test]
    fn connect_is_select_and_token_label() {
        let m = measure_operation(
            Setup::Direct {
                extended_length: true,
            },
            Operation::Connect,
        )
        .unwrap();
        assert_eq!((m.cost.apdus, m.selects), (2, 1));
    }

    #[test]
    fn acr39u_counts_usb_transfers() {
        let m =
            measure_operation(Setup::Reader(ReaderModel::Acr39u), Operation::PinStatus).unwrap();
        // SELECT EF + empty VERIFY: each one T=1 block in one XfrBlock OUT and its DataBlock IN
        assert_eq!((m.cost.apdus, m.cost.usb_transfers), (2, 4));
        // drain + PowerOn + IFS request, as the driver opens a TPDU-level reader
        assert_eq!(m.reader_open_transfers, 7);
    }

    #[test]
    fn insurance_pre_check_selects_each_application_once() {
        let m = measure_flow(
            Setup::Direct {
                extended_length: true,
            },
            Flow::InsurancePreCheck,
        )
        .unwrap();
        // connect 2 (SELECT JPKI, token) + auth cert 1 + JPKI PINs 2 × (SELECT EF, status)
        // + SELECT text AP + (SELECT EF, status) = 10
        assert_eq!((m.cost.apdus, m.selects), (10, 5));
    }

    #[test]
    fn signed_submission_is_verify_read_and_sign() {
        let m = measure_flow(
            Setup::Direct {
                extended_length: true,
            },
            Flow::SignedSubmission,
        )
        .unwrap();
        // connect 2 + VERIFY with tries check 4 + certificate 1 + sign 2
        assert_eq!(m.cost.apdus, 9);
    }

    #[test]
    fn best_known_counts() {
        assert_eq!(best_known_certificate_apdus(true, 1800), 1);
        assert_eq!(best_known_certificate_apdus(false, 1800), 8);
        assert_eq!(best_known_certificate_apdus(false, 256), 1);
        assert_eq!(best_known_certificate_apdus(false, 257), 2);
    }
}
