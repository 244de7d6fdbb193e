//! The card session the app holds: which channel reaches the card, and the few card operations
//! the screens ask for, turned into view models. No DOM here.
//!
//! The session lives in an `Rc<RefCell<Option<Card<…>>>>`. An operation *takes* the card out for
//! its whole duration and puts it back afterwards, so no `RefCell` borrow is ever held across an
//! `await`; a second operation started meanwhile finds the slot empty and reports "busy"
//! instead of interleaving commands with the first.

use std::cell::RefCell;
use std::rc::Rc;

use apdu::{CardChannel, ChannelCapabilities, TransportError};
use reader::ccid::CcidChannel;
use reader::port100::Rcs380;
use reader::rcs300::Rcs300;
use webusb::WebUsbPipe;
use card::{Card, CardError, Certificate, LastTryConfirmation, Pin, PinRef, PinStatus, TokenKind, TraceEntry, Verified};

/// How the app reaches a card.
pub enum AppChannel {
    /// The simulator's virtual card, in-process (demo mode).
    Demo(sim::SimChannel),
    /// A CCID reader a page may claim (SCR3310-NTTCom and other vendor-class CCID readers).
    Ccid(Box<CcidChannel<WebUsbPipe>>),
    /// Sony RC-S300 through its vendor interface #1.
    Rcs300(Box<Rcs300<WebUsbPipe>>),
    /// Sony RC-S380 (NFC Port-100).
    Rcs380(Box<Rcs380<WebUsbPipe>>),
}

/// Calls the same method on whichever channel is inside.
macro_rules! each_channel {
    ($self:ident, $channel:ident => $call:expr) => {
        match $self {
            AppChannel::Demo($channel) => $call,
            AppChannel::Ccid($channel) => $call,
            AppChannel::Rcs300($channel) => $call,
            AppChannel::Rcs380($channel) => $call,
        }
    };
}

/// How far a read has come: APDUs exchanged, certificate bytes received, and the certificate's
/// length once its DER header has arrived.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadProgress {
    /// Command APDUs answered so far.
    pub apdus: u32,
    /// READ BINARY data bytes received so far (filler included).
    pub bytes: usize,
    /// The length of the certificate being read, from its DER header (`30 82 HH LL`).
    pub total: Option<usize>,
}

impl ReadProgress {
    /// Accounts for one exchange.
    pub fn record(&mut self, command: &[u8], response: &[u8]) {
        self.apdus += 1;
        let data = response.get(..response.len().saturating_sub(2)).unwrap_or(&[]);
        if command.get(1) != Some(&0xB0) {
            return;
        }
        self.bytes += data.len();
        // Offset 0: P1 = 0 (offset form) or P1 = 0x80|SFI with P2 = 0 (SFI form), mynacard.md §4.
        let offset_zero = command.get(3) == Some(&0) && command.get(2).is_some_and(|p1| *p1 == 0 || p1 & 0x80 != 0);
        if offset_zero {
            if let [0x30, 0x82, hi, lo, ..] = data {
                self.total = Some(4 + usize::from(u16::from_be_bytes([*hi, *lo])));
            }
        }
    }
}

thread_local! {
    /// Who hears about progress while a card operation runs (the card screen's indicator).
    static PROGRESS_LISTENER: RefCell<Option<Box<dyn Fn(ReadProgress)>>> = const { RefCell::new(None) };
    static PROGRESS: RefCell<ReadProgress> = RefCell::new(ReadProgress::default());
}

/// Starts reporting progress to `listener` (from zero), or stops with `None`.
pub fn listen_to_progress(listener: Option<Box<dyn Fn(ReadProgress)>>) {
    PROGRESS.with(|p| *p.borrow_mut() = ReadProgress::default());
    PROGRESS_LISTENER.with(|l| *l.borrow_mut() = listener);
}

fn report_progress(command: &[u8], response: &[u8]) {
    let now = PROGRESS.with(|p| {
        let mut p = p.borrow_mut();
        p.record(command, response);
        *p
    });
    PROGRESS_LISTENER.with(|l| {
        if let Some(listener) = l.borrow().as_ref() {
            listener(now);
        }
    });
}

impl CardChannel for AppChannel {
    fn capabilities(&self) -> ChannelCapabilities {
        each_channel!(self, channel => channel.capabilities())
    }

    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let response = each_channel!(self, channel => channel.transmit(command).await)?;
        report_progress(command, &response);
        Ok(response)
    }

    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        each_channel!(self, channel => channel.reset().await)
    }

    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        each_channel!(self, channel => channel.is_card_present().await)
    }
}

/// The PINs a citizen knows and the card screen shows (flows.md §0.1).
pub const SHOWN_PINS: [PinRef; 3] = [PinRef::JpkiAuth, PinRef::JpkiSign, PinRef::TextPin];

/// One PIN's line on the card screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinLine {
    /// Which PIN.
    pub pin: PinRef,
    /// Its status, or `None` when it could not be read.
    pub status: Option<PinStatus>,
}

/// What the card screen shows of the user-authentication certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateSummary {
    /// Serial number, upper-case hex.
    pub serial_hex: String,
    /// notBefore, `YYYY-MM-DD` in Japan time.
    pub valid_from: String,
    /// notAfter, `YYYY-MM-DD` in Japan time (JPKI certificates end at 23:59:59 JST).
    pub valid_until: String,
    /// The issuer, as RFC 4514 text.
    pub issuer: String,
    /// Whether it was issued by a test hierarchy (the simulator's, or J-LIS test cards).
    pub test_hierarchy: bool,
    /// Its length in bytes.
    pub length: usize,
    /// The chain check against the trust store of this source (demo: only the simulator's
    /// test CA; a real reader: only the production J-LIS roots).
    pub verdict: TrustVerdict,
}

/// Which roots a certificate is checked against. Never both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trust {
    /// Demo mode: only the simulator's test CA.
    Demo,
    /// A real card: only the production J-LIS roots compiled into the app.
    Production,
}

/// The outcome of the chain check, for the card screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustVerdict {
    /// Which store was used.
    pub trust: Trust,
    /// No reason against the certificate (revocation is never checked in a browser).
    pub valid: bool,
    /// Expired at the time of the check.
    pub expired: bool,
    /// Every reason, in the validator's words (for "technical details").
    pub reasons: Vec<String>,
}

/// Everything the card screen shows after reading a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardOverview {
    /// Card or smartphone token.
    pub token: TokenKind,
    /// PIN statuses, read before any PIN entry.
    pub pins: Vec<PinLine>,
    /// The auth certificate, or `None` for a phone token (it needs the PIN first).
    pub certificate: Option<CertificateSummary>,
    /// The APDUs of this read.
    pub trace: Vec<TraceEntry>,
}

/// Why an operation could not run or failed.
#[derive(Debug)]
pub enum SessionError {
    /// Another operation holds the card.
    Busy,
    /// No card session is open.
    NoCard,
    /// The card said no, or could not be reached.
    Card(CardError),
    /// The certificate read from the card could not be understood.
    Certificate(String),
}

impl From<CardError> for SessionError {
    fn from(error: CardError) -> Self {
        SessionError::Card(error)
    }
}

/// The app's one card session.
#[derive(Clone, Default)]
pub struct Session {
    slot: Rc<RefCell<Option<Card<AppChannel>>>>,
    /// A channel whose card could not be opened yet (kept so the reader stays usable).
    idle_channel: Rc<RefCell<Option<AppChannel>>>,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.slot, &other.slot)
    }
}

impl Session {
    /// Closes whatever card is open and drops the channel (the reader is released).
    pub fn close(&self) {
        self.slot.borrow_mut().take();
        self.idle_channel.borrow_mut().take();
    }

    /// Opens a card on `channel`: reset, SELECT of the JPKI AP and its token label. When that
    /// fails (no card on the reader yet) the channel is kept, and [`reconnect`](Self::reconnect)
    /// tries again on the same reader.
    pub async fn open(&self, channel: AppChannel) -> Result<TokenKind, SessionError> {
        self.close();
        match Card::try_connect(channel).await {
            Ok(card) => {
                let token = card.token().kind;
                *self.slot.borrow_mut() = Some(card);
                Ok(token)
            }
            Err((channel, error)) => {
                *self.idle_channel.borrow_mut() = Some(channel);
                Err(error.into())
            }
        }
    }

    /// Resets and identifies the card again on the channel already held (a card put back on
    /// the reader, or read anew).
    pub async fn reconnect(&self) -> Result<TokenKind, SessionError> {
        let held = self.slot.borrow_mut().take().map(Card::into_channel);
        let channel = held.or_else(|| self.idle_channel.borrow_mut().take()).ok_or(SessionError::NoCard)?;
        self.open(channel).await
    }

    /// Runs `operation` on the open card, holding it for the whole operation ([`SessionError::Busy`] meanwhile).
    pub async fn with_card<T>(
        &self,
        operation: impl AsyncFnOnce(&mut Card<AppChannel>) -> Result<T, SessionError>,
    ) -> Result<T, SessionError> {
        let taken = self.slot.borrow_mut().take();
        let Some(mut card) = taken else {
            return Err(SessionError::Busy);
        };
        let result = operation(&mut card).await;
        *self.slot.borrow_mut() = Some(card);
        result
    }

    /// Whether a card session is open (and not busy).
    pub fn is_open(&self) -> bool {
        self.slot.borrow().is_some()
    }

    /// Token type, every shown PIN's tries, and the auth certificate (not for phone tokens).
    pub async fn overview(&self) -> Result<CardOverview, SessionError> {
        self.with_card(async |card| {
            card.take_trace();
            let token = card.token().kind;
            // The certificate first: the JPKI AP is still selected from opening the card, and the
            // JPKI PINs follow before the text AP's, so no application is selected twice.
            let trust = match card.channel() {
                AppChannel::Demo(_) => Trust::Demo,
                _ => Trust::Production,
            };
            let certificate = if token.auth_certificate_needs_pin() {
                None
            } else {
                let der = card.read_certificate(Certificate::Auth).await?;
                Some(summarise(&der, trust, now_unix_seconds())?)
            };
            let mut pins = Vec::with_capacity(SHOWN_PINS.len());
            for pin in SHOWN_PINS {
                // A PIN whose status cannot be read (a child's card has no signature password
                // file) is shown as unreadable and the rest of the screen still works; losing
                // the card or the reader ends the whole read.
                let status = match card.pin_status(pin).await {
                    Ok(status) => Some(status),
                    Err(error @ (CardError::CardRemoved | CardError::Transport(_))) => return Err(error.into()),
                    Err(_) => None,
                };
                pins.push(PinLine { pin, status });
            }
            Ok(CardOverview { token, pins, certificate, trace: card.take_trace() })
        })
        .await
    }

    /// Checks a PIN through the card's PIN guard: tries are read first, a blocked PIN or a
    /// last try without `confirmation` sends nothing. Returns the status read before the entry
    /// together with the outcome.
    pub async fn verify(
        &self,
        pin: &Pin,
        confirmation: Option<LastTryConfirmation>,
    ) -> Result<Verified, SessionError> {
        self.with_card(async |card| Ok(card.verify(pin, confirmation).await?)).await
    }

    /// The tries left of one PIN, read without using a try.
    pub async fn pin_status(&self, pin: PinRef) -> Result<PinStatus, SessionError> {
        self.with_card(async |card| Ok(card.pin_status(pin).await?)).await
    }

    /// The date of birth from 基本4情報 (text AP EF 0002, mynacard.md §9.1), for the age gate of
    /// the clinic rehearsal (flows.md §1B C5). `pin` must be the card-info PIN; it goes through
    /// the PIN guard like every entry (tries read first, last try only with `confirmation`).
    /// Only the 4-items file is read — never the My Number (flows.md §0.1 data minimisation) —
    /// and only the date leaves this function; name, address and sex are dropped here.
    pub async fn read_birth_date(
        &self,
        pin: &Pin,
        confirmation: Option<LastTryConfirmation>,
    ) -> Result<card::Date, SessionError> {
        if pin.reference() != PinRef::TextPin {
            return Err(SessionError::Card(CardError::PinForOtherReference {
                expected: PinRef::TextPin,
                given: pin.reference(),
            }));
        }
        self.with_card(async |card| {
            card.verify(pin, confirmation).await?;
            let basic4 = card.read_basic4().await?;
            Ok(basic4.birth_date)
        })
        .await
    }

    /// 基本4情報 — name, address, date of birth, sex — (text AP EF 0002, mynacard.md §9.1) for
    /// pre-filling a form (flows.md §3.3). Same PIN rules as [`read_birth_date`](Self::read_birth_date):
    /// `pin` must be the card-info PIN and goes through the PIN guard; only the 4-items file is
    /// read, never the My Number (flows.md §0.1 data minimisation).
    pub async fn read_four_items(
        &self,
        pin: &Pin,
        confirmation: Option<LastTryConfirmation>,
    ) -> Result<card::Basic4, SessionError> {
        if pin.reference() != PinRef::TextPin {
            return Err(SessionError::Card(CardError::PinForOtherReference {
                expected: PinRef::TextPin,
                given: pin.reference(),
            }));
        }
        self.with_card(async |card| {
            card.verify(pin, confirmation).await?;
            Ok(card.read_basic4().await?)
        })
        .await
    }
}

/// Seconds since 1970 now (the browser's clock in Wasm).
pub fn now_unix_seconds() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    }
}

thread_local! {
    /// Built once: building a store checks every root's self-signature.
    static DEMO_STORE: Option<pki::TrustStore<pki::Test>> = demo_store();
    static PRODUCTION_STORE: pki::TrustStore<pki::Production> = pki::TrustStore::production();
}

/// The demo store: the simulator's two test roots and nothing else.
fn demo_store() -> Option<pki::TrustStore<pki::Test>> {
    let mut store = pki::TrustStore::empty();
    for purpose in [sim::issuer::Purpose::Authentication, sim::issuer::Purpose::Signature] {
        let root = sim::issuer::TestRoot::new(purpose).ok()?;
        store.add(pki::TrustAnchor::from_der(root.certificate_der()).ok()?);
    }
    Some(store)
}

/// The summary of a DER certificate and its chain check at `now` (Unix seconds), via `pki`.
pub fn summarise(der: &[u8], trust: Trust, now: u64) -> Result<CertificateSummary, SessionError> {
    let cert = pki::certificate::JpkiCertificate::from_der(der).map_err(|e| SessionError::Certificate(e.to_string()))?;
    let profile = cert.profile();
    let at = der::DateTime::from_unix_duration(core::time::Duration::from_secs(now))
        .map_err(|e| SessionError::Certificate(format!("clock: {e}")))?;
    let options = pki::validate::ValidationOptions::at(at);
    let verdict = match trust {
        Trust::Demo => DEMO_STORE.with(|store| store.as_ref().map(|store| store.validate(&cert, &options))),
        Trust::Production => Some(PRODUCTION_STORE.with(|store| store.validate(&cert, &options))),
    };
    let verdict = match verdict {
        Some(verdict) => TrustVerdict {
            trust,
            valid: verdict.is_valid(),
            expired: verdict.reasons.iter().any(|r| r.code() == "expired"),
            reasons: verdict.reasons.iter().map(ToString::to_string).collect(),
        },
        None => TrustVerdict {
            trust,
            valid: false,
            expired: false,
            reasons: vec!["the demo trust store could not be built".into()],
        },
    };
    Ok(CertificateSummary {
        serial_hex: profile.serial_hex(),
        valid_from: jst_date(profile.not_before),
        valid_until: jst_date(profile.not_after),
        issuer: profile.issuer.clone(),
        test_hierarchy: matches!(profile.hierarchy, Some(pki::certificate::Hierarchy::Test)),
        length: der.len(),
        verdict,
    })
}

/// The calendar day in Japan (UTC+9) of a certificate time.
fn jst_date(time: der::DateTime) -> String {
    let seconds = time.unix_duration().as_secs() + 9 * 3600;
    match der::DateTime::from_unix_duration(core::time::Duration::from_secs(seconds)) {
        Ok(jst) => format!("{:04}-{:02}-{:02}", jst.year(), jst.month(), jst.day()),
        Err(_) => format!("{:04}-{:02}-{:02}", time.year(), time.month(), time.day()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn demo(persona: &str) -> AppChannel {
        let card = sim::VirtualCard::new(sim::persona(persona).unwrap()).unwrap();
        AppChannel::Demo(sim::SimChannel::new(card))
    }

    #[test]
    fn overview_of_the_standard_demo_card() {
        let session = Session::default();
        let token = pollster::block_on(session.open(demo("standard"))).unwrap();
        assert_eq!(token, TokenKind::PhysicalCard);
        let overview = pollster::block_on(session.overview()).unwrap();
        assert_eq!(
            overview.pins,
            vec![
                PinLine { pin: PinRef::JpkiAuth, status: Some(PinStatus::TriesLeft(3)) },
                PinLine { pin: PinRef::JpkiSign, status: Some(PinStatus::TriesLeft(5)) },
                PinLine { pin: PinRef::TextPin, status: Some(PinStatus::TriesLeft(3)) },
            ]
        );
        let certificate = overview.certificate.unwrap();
        assert!(certificate.verdict.valid, "{:?}", certificate.verdict);
        assert_eq!(certificate.verdict.trust, Trust::Demo);
        assert_eq!(certificate.valid_from, "2025-04-01");
        // The 5th birthday (06-15) after issuance on 2025-04-01 (jpki-pki.md §3).
        assert_eq!(certificate.valid_until, "2029-06-15");
        assert!(certificate.test_hierarchy);
        // 1 extended READ BINARY by SFI, then SELECT EF + empty VERIFY for each JPKI PIN, then
        // SELECT of the text AP + SELECT EF + empty VERIFY.
        assert_eq!(overview.trace.len(), 1 + 2 + 2 + 3);
    }

    #[test]
    fn progress_counts_certificate_bytes_against_the_der_length() {
        let mut progress = ReadProgress::default();
        progress.record(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A], &[0x90, 0x00]);
        assert_eq!(progress, ReadProgress { apdus: 1, bytes: 0, total: None });
        let mut first = vec![0x30, 0x82, 0x05, 0x8D];
        first.resize(256, 0xAA);
        first.extend_from_slice(&[0x90, 0x00]);
        progress.record(&[0x00, 0xB0, 0x8A, 0x00, 0x00], &first);
        assert_eq!(progress, ReadProgress { apdus: 2, bytes: 256, total: Some(0x58D + 4) });
        progress.record(&[0x00, 0xB0, 0x01, 0x00, 0x00], &[0x55; 258]);
        assert_eq!(progress, ReadProgress { apdus: 3, bytes: 512, total: Some(1425) });
    }

    #[test]
    fn an_expired_certificate_is_reported_expired() {
        let session = Session::default();
        pollster::block_on(session.open(demo("expired-auth"))).unwrap();
        let certificate = pollster::block_on(session.overview()).unwrap().certificate.unwrap();
        assert!(!certificate.verdict.valid);
        assert!(certificate.verdict.expired, "{:?}", certificate.verdict);
    }

    #[test]
    fn a_demo_certificate_is_never_trusted_by_the_production_roots() {
        let session = Session::default();
        pollster::block_on(session.open(demo("standard"))).unwrap();
        let der = pollster::block_on(session.with_card(async |card| Ok(card.read_certificate(Certificate::Auth).await?))).unwrap();
        let summary = summarise(&der, Trust::Production, now_unix_seconds()).unwrap();
        assert!(!summary.verdict.valid);
        assert!(summary.verdict.reasons.iter().any(|r| r.contains("test hierarchy")), "{:?}", summary.verdict.reasons);
    }

    #[test]
    fn phone_token_certificate_waits_for_the_pin() {
        let session = Session::default();
        assert_eq!(pollster::block_on(session.open(demo("phone-token"))).unwrap(), TokenKind::AndroidPhone);
        let overview = pollster::block_on(session.overview()).unwrap();
        assert_eq!(overview.certificate, None);
    }

    #[test]
    fn last_try_is_refused_without_confirmation() {
        let session = Session::default();
        pollster::block_on(session.open(demo("auth-one-try"))).unwrap();
        let pin = Pin::new(PinRef::JpkiAuth, "9999").unwrap();
        let outcome = pollster::block_on(session.verify(&pin, None));
        assert!(matches!(outcome, Err(SessionError::Card(CardError::LastTryNeedsConfirmation { pin: PinRef::JpkiAuth }))));
        assert_eq!(pollster::block_on(session.pin_status(PinRef::JpkiAuth)).unwrap(), PinStatus::TriesLeft(1));
    }

    #[test]
    fn reading_again_keeps_the_card_and_its_counters() {
        let session = Session::default();
        pollster::block_on(session.open(demo("standard"))).unwrap();
        let wrong = Pin::new(PinRef::JpkiAuth, "0000").unwrap();
        assert!(matches!(
            pollster::block_on(session.verify(&wrong, None)),
            Err(SessionError::Card(CardError::WrongPin { tries_left: 2, .. }))
        ));
        assert_eq!(pollster::block_on(session.reconnect()).unwrap(), TokenKind::PhysicalCard);
        assert_eq!(pollster::block_on(session.pin_status(PinRef::JpkiAuth)).unwrap(), PinStatus::TriesLeft(2));
    }

    #[test]
    fn a_reader_without_a_card_is_kept_for_the_next_read() {
        let session = Session::default();
        let mut channel = sim::SimChannel::new(sim::VirtualCard::new(sim::persona("standard").unwrap()).unwrap());
        channel.remove_card();
        assert!(matches!(
            pollster::block_on(session.open(AppChannel::Demo(channel))),
            Err(SessionError::Card(CardError::CardRemoved))
        ));
        if let Some(AppChannel::Demo(channel)) = session.idle_channel.borrow_mut().as_mut() {
            channel.insert_card();
        }
        assert_eq!(pollster::block_on(session.reconnect()).unwrap(), TokenKind::PhysicalCard);
    }

    #[test]
    fn a_second_operation_while_one_runs_is_busy() {
        let session = Session::default();
        pollster::block_on(session.open(demo("standard"))).unwrap();
        let taken = session.slot.borrow_mut().take();
        assert!(matches!(pollster::block_on(session.overview()), Err(SessionError::Busy)));
        *session.slot.borrow_mut() = taken;
        assert!(pollster::block_on(session.overview()).is_ok());
    }

    #[test]
    fn birth_date_comes_from_the_four_items_file_only() {
        let session = Session::default();
        pollster::block_on(session.open(demo("age40"))).unwrap();
        session.slot.borrow_mut().as_mut().unwrap().take_trace();
        let pin = Pin::new(PinRef::TextPin, "1234").unwrap();
        let birth = pollster::block_on(session.read_birth_date(&pin, None)).unwrap();
        assert_eq!(birth.to_string(), "1986-12-03");
        let trace = session.slot.borrow_mut().as_mut().unwrap().take_trace();
        let commands: Vec<String> = trace.iter().map(|e| card::trace::to_hex(&e.command)).collect();
        // SELECT text AP; the card-info PIN's tries (SELECT EF 0011 + empty VERIFY); the VERIFY
        // (PIN redacted in the trace); one extended READ BINARY of SFI 02 = EF 0002 (基本4情報).
        // Nothing touches EF 0001, the My Number.
        assert_eq!(
            commands,
            [
                "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08",
                "00 A4 02 0C 02 00 11",
                "00 20 00 80",
                "00 A4 02 0C 02 00 11",
                "00 20 00 80 04",
                "00 B0 82 00 00 00 00",
            ]
        );
    }

    #[test]
    fn birth_date_read_spends_a_try_only_on_a_wrong_card_info_pin() {
        let session = Session::default();
        pollster::block_on(session.open(demo("age39"))).unwrap();
        let auth = Pin::new(PinRef::JpkiAuth, "1234").unwrap();
        assert!(matches!(
            pollster::block_on(session.read_birth_date(&auth, None)),
            Err(SessionError::Card(CardError::PinForOtherReference { expected: PinRef::TextPin, given: PinRef::JpkiAuth }))
        ));
        assert_eq!(pollster::block_on(session.pin_status(PinRef::TextPin)).unwrap(), PinStatus::TriesLeft(3));
        let wrong = Pin::new(PinRef::TextPin, "9999").unwrap();
        assert!(matches!(
            pollster::block_on(session.read_birth_date(&wrong, None)),
            Err(SessionError::Card(CardError::WrongPin { pin: PinRef::TextPin, tries_left: 2 }))
        ));
        let right = Pin::new(PinRef::TextPin, "1234").unwrap();
        assert_eq!(pollster::block_on(session.read_birth_date(&right, None)).unwrap().to_string(), "1987-03-31");
    }

}
