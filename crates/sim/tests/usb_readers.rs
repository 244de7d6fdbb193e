//! Card operations through every virtual reader and its real driver give the same results as
//! the direct channel; every injected fault ends in a typed error or a recovery the protocol
//! allows, the session can be re-established, and no VERIFY runs twice for one user entry.
#![allow(clippy::unwrap_used)]

use apdu::{CardChannel, ChannelCapabilities, TransportError};
use card::{Basic4, Card, CardError, Certificate, HashAlgorithm, Pin, PinRef, SigningKey};
use pollster::block_on;
use reader::ccid::{CcidChannel, CcidOptions};
use reader::descriptors::parse_descriptors;
use reader::port100::{Rcs380, Rcs380Options};
use reader::rcs300::{Rcs300, Rcs300Options};
use reader::usb::{ControlSetup, UsbPipe};
use sim::usb::{
    CcidCore, Fault, FaultPlan, Rcs300Core, Rcs380Core, ReaderCore, ReaderModel, VirtualReader,
};
use sim::{Atr, CardConfig, SimChannel, VirtualCard};

/// A driver for any model, as one `CardChannel`.
enum Driver<P: UsbPipe> {
    Ccid(CcidChannel<P>),
    Rcs380(Rcs380<P>),
    Rcs300(Rcs300<P>),
}

impl<P: UsbPipe> CardChannel for Driver<P> {
    fn capabilities(&self) -> ChannelCapabilities {
        match self {
            Self::Ccid(d) => d.capabilities(),
            Self::Rcs380(d) => d.capabilities(),
            Self::Rcs300(d) => d.capabilities(),
        }
    }
    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        match self {
            Self::Ccid(d) => d.transmit(command).await,
            Self::Rcs380(d) => d.transmit(command).await,
            Self::Rcs300(d) => d.transmit(command).await,
        }
    }
    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        match self {
            Self::Ccid(d) => d.reset().await,
            Self::Rcs380(d) => d.reset().await,
            Self::Rcs300(d) => d.reset().await,
        }
    }
    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        match self {
            Self::Ccid(d) => d.is_card_present().await,
            Self::Rcs380(d) => d.is_card_present().await,
            Self::Rcs300(d) => d.is_card_present().await,
        }
    }
}

/// Opens the reader as a browser or the CLI would: descriptors, then the driver's own setup.
async fn open<P: UsbPipe>(model: ReaderModel, mut pipe: P) -> Result<Driver<P>, String> {
    match model {
        ReaderModel::Rcs380 => {
            let mut d = Rcs380::new(pipe, Rcs380Options::default());
            d.init().await.map_err(|e| e.to_string())?;
            d.activate().await.map_err(|e| e.to_string())?;
            Ok(Driver::Rcs380(d))
        }
        ReaderModel::Rcs300 => {
            let mut d = Rcs300::new(pipe, Rcs300Options::default());
            d.init().await.map_err(|e| e.to_string())?;
            d.activate().await.map_err(|e| e.to_string())?;
            Ok(Driver::Rcs300(d))
        }
        _ => {
            let bytes = pipe
                .control_in(ControlSetup::GET_CONFIGURATION_DESCRIPTOR, 1024)
                .await
                .map_err(|e| e.to_string())?;
            let descriptors = parse_descriptors(&bytes).map_err(|e| e.to_string())?;
            let iface = descriptors
                .interfaces
                .iter()
                .find(|i| i.ccid.is_some())
                .ok_or("no CCID interface")?
                .clone();
            let mut d = CcidChannel::from_interface(pipe, &iface, CcidOptions::default())
                .map_err(|e| e.to_string())?;
            d.power_on().await.map_err(|e| e.to_string())?;
            Ok(Driver::Ccid(d))
        }
    }
}

fn virtual_card(model: ReaderModel) -> VirtualCard {
    let atr = if model.is_contact() {
        Atr::Contact
    } else {
        Atr::ContactlessPseudo
    };
    VirtualCard::with_config(
        sim::persona("standard").unwrap(),
        CardConfig {
            atr,
            ..CardConfig::default()
        },
    )
    .unwrap()
}

fn core(model: ReaderModel, card: VirtualCard) -> Box<dyn ReaderCore> {
    match model {
        ReaderModel::Rcs380 => Box::new(Rcs380Core::new(card)),
        ReaderModel::Rcs300 => Box::new(Rcs300Core::new(card)),
        _ => Box::new(CcidCore::new(model, card).unwrap()),
    }
}

/// Any model's core, so one test loop covers every model.
struct Boxed(Box<dyn ReaderCore>);
impl ReaderCore for Boxed {
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

fn reader(model: ReaderModel) -> VirtualReader<Boxed> {
    reader_with(model, virtual_card(model))
}

fn reader_with(model: ReaderModel, card: VirtualCard) -> VirtualReader<Boxed> {
    VirtualReader::new(Boxed(core(model, card)))
}

/// What the operations of the card issue return.
#[derive(Debug, PartialEq)]
struct Results {
    certificates: Vec<Vec<u8>>,
    statuses: Vec<String>,
    signature: Vec<u8>,
    basic4: Basic4,
}

fn pin(r: PinRef, s: &str) -> Pin {
    Pin::new(r, s).unwrap()
}

async fn operations<C: CardChannel>(channel: C) -> Result<Results, CardError> {
    let mut card = Card::connect(channel).await?;
    let mut certificates = Vec::new();
    for which in [Certificate::Auth, Certificate::AuthCa, Certificate::SignCa] {
        certificates.push(card.read_certificate(which).await?);
    }
    let statuses = card
        .pin_statuses()
        .await
        .into_iter()
        .map(|(p, s)| format!("{p:?}: {s:?}"))
        .collect();
    card.verify(&pin(PinRef::JpkiAuth, sim::persona::AUTH_PIN), None)
        .await?;
    let signature = card
        .sign(
            SigningKey::Auth,
            HashAlgorithm::Sha256,
            b"mynaweb reader test",
        )
        .await?;
    card.verify(&pin(PinRef::JpkiSign, sim::persona::SIGN_PASSWORD), None)
        .await?;
    certificates.push(card.read_certificate(Certificate::Sign).await?);
    card.verify(&pin(PinRef::TextPin, sim::persona::TEXT_PIN), None)
        .await?;
    let basic4 = card.read_basic4().await?;
    Ok(Results {
        certificates,
        statuses,
        signature,
        basic4,
    })
}

fn direct(model: ReaderModel) -> (Results, usize) {
    let card = virtual_card(model);
    let trace = card.trace();
    let results = block_on(operations(SimChannel::new(card))).unwrap();
    (results, trace.len())
}

impl Driver<&mut VirtualReader<Boxed>> {
    fn counters(&mut self) -> sim::usb::Counters {
        match self {
            Self::Ccid(d) => d.pipe_mut().counters(),
            Self::Rcs380(d) => d.pipe_mut().counters(),
            Self::Rcs300(d) => d.pipe_mut().counters(),
        }
    }
}

#[test]
fn every_reader_gives_the_direct_channel_results_with_the_same_apdus() {
    eprintln!("| reader | open: USB transfers | operation | APDUs | USB transfers |");
    for model in ReaderModel::ALL {
        let (expected, direct_apdus) = direct(model);
        let mut pipe = reader(model);
        let trace = pipe.core().card().trace();
        let results = block_on(async {
            let driver = open(model, &mut pipe).await.unwrap();
            operations(driver).await
        })
        .unwrap();
        assert_eq!(results, expected, "{model:?}");
        assert_eq!(
            trace.len(),
            direct_apdus,
            "{model:?}: the driver adds or drops no APDU"
        );
        assert_eq!(trace.verify_attempts(), 3, "{model:?}");
        // per-operation numbers
        let mut pipe = reader(model);
        block_on(async {
            let mut driver = open(model, &mut pipe).await.unwrap();
            let opened = driver.counters().total();
            let mut card = Card::connect(driver).await.unwrap();
            let mut last = card.channel_mut().counters().total();
            let mut apdus = card.take_trace().len();
            eprintln!(
                "| {model:?} | {opened} | connect | {apdus} | {} |",
                last - opened
            );
            macro_rules! measure {
                ($name:expr, $op:expr) => {{
                    $op.await.unwrap();
                    let now = card.channel_mut().counters().total();
                    apdus = card.take_trace().len();
                    eprintln!("| {model:?} | | {} | {apdus} | {} |", $name, now - last);
                    last = now;
                }};
            }
            measure!(
                "read auth certificate",
                card.read_certificate(Certificate::Auth)
            );
            measure!("PIN status (all)", async {
                Ok::<_, CardError>(card.pin_statuses().await)
            });
            measure!(
                "VERIFY auth PIN",
                card.verify(&pin(PinRef::JpkiAuth, sim::persona::AUTH_PIN), None)
            );
            measure!(
                "sign (auth key)",
                card.sign(SigningKey::Auth, HashAlgorithm::Sha256, b"x")
            );
            measure!(
                "VERIFY text PIN",
                card.verify(&pin(PinRef::TextPin, sim::persona::TEXT_PIN), None)
            );
            measure!("read basic 4", card.read_basic4());
            let _ = (apdus, last);
        });
    }
}

/// open + connect + VERIFY + sign: one user entry.
async fn short_session<P: UsbPipe>(model: ReaderModel, pipe: P) -> Result<Vec<u8>, String> {
    let driver = open(model, pipe).await?;
    let mut card = Card::connect(driver).await.map_err(|e| e.to_string())?;
    card.verify(&pin(PinRef::JpkiAuth, sim::persona::AUTH_PIN), None)
        .await
        .map_err(|e| e.to_string())?;
    card.sign(SigningKey::Auth, HashAlgorithm::Sha256, b"fault test")
        .await
        .map_err(|e| e.to_string())
}

#[test]
fn every_fault_at_every_transfer_ends_typed_or_recovers_and_never_repeats_verify() {
    let faults = [
        Fault::RemoveCard,
        Fault::GarbleFrame,
        Fault::ShortFrame,
        Fault::Nak,
        Fault::Timeout,
        Fault::Wtx(3),
        Fault::Unplug,
    ];
    let mut runs = 0;
    eprintln!("| reader | fault | runs | recovered | typed error |");
    for model in ReaderModel::ALL {
        // one card per model, cloned fresh for every run (cloning skips issuing certificates)
        let prototype = virtual_card(model);
        let mut clean = reader_with(model, prototype.clone());
        let expected = block_on(short_session(model, &mut clean)).unwrap();
        let transfers = clean.counters().bulk_out;
        for fault in faults {
            let (mut recovered, mut failed) = (0, 0);
            for k in 1..=transfers {
                let mut pipe = reader_with(model, prototype.clone())
                    .with_faults(FaultPlan::default().at(k, fault));
                let trace = pipe.core().card().trace();
                let outcome = block_on(short_session(model, &mut pipe));
                runs += 1;
                let at = format!("{model:?} {fault:?} at transfer {k}");
                assert!(
                    trace.verify_attempts() <= 1,
                    "{at}: VERIFY sent {} times",
                    trace.verify_attempts()
                );
                match &outcome {
                    Ok(_) => recovered += 1,
                    Err(_) => failed += 1,
                }
                match (&outcome, fault) {
                    (Ok(_), Fault::RemoveCard | Fault::Unplug) => {
                        panic!("{at}: a session without card or reader cannot succeed")
                    }
                    (Ok(sig), _) => assert_eq!(sig, &expected, "{at}"),
                    (Err(e), Fault::Wtx(_)) => panic!("{at}: WTX must be absorbed, got {e}"),
                    (Err(e), _) => assert!(!e.is_empty(), "{at}"),
                }
                // re-establish: plug in, put the card back, open a new session
                pipe.replug();
                pipe.core_mut().set_card_present(true);
                pipe.set_faults(FaultPlan::default());
                let before = trace.verify_attempts();
                let again = block_on(short_session(model, &mut pipe))
                    .unwrap_or_else(|e| panic!("{at}: no recovery: {e}"));
                assert_eq!(again, expected, "{at}");
                assert_eq!(trace.verify_attempts() - before, 1, "{at}");
            }
            eprintln!("| {model:?} | {fault:?} | {transfers} | {recovered} | {failed} |");
            if fault == Fault::Nak
                && model != ReaderModel::Rcs300Ccid
                && model != ReaderModel::Acr1252
            {
                // T=1 and ISO-DEP recover from a damaged card answer on every block exchange
                assert!(recovered > 0, "{model:?}: no NAK was recovered");
            }
        }
    }
    assert!(runs > 500, "{runs}");
}

#[test]
fn a_removed_card_and_an_unplugged_reader_give_the_transport_errors() {
    for model in ReaderModel::ALL {
        let mut pipe = reader(model);
        block_on(async {
            let mut driver = open(model, &mut pipe).await.unwrap();
            let select = [
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00,
                0x01,
            ];
            assert_eq!(
                driver.transmit(&select).await.unwrap(),
                [0x90, 0x00],
                "{model:?}"
            );
            match &mut driver {
                Driver::Ccid(d) => d.pipe_mut().core_mut().set_card_present(false),
                Driver::Rcs380(d) => d.pipe_mut().core_mut().set_card_present(false),
                Driver::Rcs300(d) => d.pipe_mut().core_mut().set_card_present(false),
            }
            assert_eq!(
                driver.transmit(&select).await,
                Err(TransportError::CardRemoved),
                "{model:?}"
            );
            assert_eq!(driver.is_card_present().await, Ok(false), "{model:?}");
        });
        let mut pipe = reader(model);
        let transfers_to_open = {
            block_on(open(model, &mut pipe)).unwrap();
            pipe.counters().bulk_out
        };
        let mut pipe = reader(model)
            .with_faults(FaultPlan::default().at(transfers_to_open + 1, Fault::Unplug));
        block_on(async {
            let mut driver = open(model, &mut pipe).await.unwrap();
            assert_eq!(
                driver.transmit(&[0x00, 0xA4, 0x00, 0x00]).await,
                Err(TransportError::ReaderGone),
                "{model:?}"
            );
        });
    }
}
