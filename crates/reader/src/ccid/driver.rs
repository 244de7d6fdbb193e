//! The CCID driver: a [`CardChannel`] over a [`UsbPipe`] to a CCID interface (class 0x0B, or
//! 0xFF with a CCID descriptor), at whatever exchange level the descriptor names
//! (readers.md §2.5):
//!
//! | Level | What the host sends in XfrBlock |
//! |---|---|
//! | extended APDU | the APDU, split with wLevelParameter 1/3/2 when `10 + len > dwMaxCCIDMessageLength`; response parts fetched with wLevelParameter 0x10 |
//! | short APDU | the APDU (Lc ≤ 255, Le ≤ 256); extended APDUs are refused |
//! | TPDU, card in T=1 | T=1 blocks from [`crate::t1`], LRC included; IFSD negotiated unless dwFeatures 0x400 |
//! | TPDU, card in T=0 | ISO/IEC 7816-3 §12.2 TPDUs; `61xx` → GET RESPONSE, `6Cxx` → re-issue (case 2 only) |
//!
//! After IccPowerOn at TPDU level the host always sends SetParameters from the ATR. It never
//! sends PPS: unless the reader negotiates itself (dwFeatures 0x40/0x80) it keeps the default
//! Fi/Di (TA1 = 0x11), which every card accepts without PPS.

use alloc::vec::Vec;

use apdu::{CardChannel, ChannelCapabilities, CommandApdu, IsoCase, LengthForm, TransportError};

use super::descriptor::{features, CcidDescriptor, ExchangeLevel};
use super::message::{
    ChainParameter, Command, CommandStatus, IccStatus, Interrupt, PowerSelect, ProtocolParameters,
    Response, SlotError,
};
use crate::atr::Atr;
use crate::codec::DecodeError;
use crate::descriptors::Interface;
use crate::t1::{Incoming, Step, T1Error, T1State, Transceive};
use crate::usb::{UsbError, UsbPipe};

/// Why a CCID operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CcidError {
    /// The USB transfer failed.
    #[error(transparent)]
    Usb(#[from] UsbError),
    /// The reader sent bytes that are not a CCID message (or the card an invalid ATR).
    #[error(transparent)]
    Malformed(#[from] DecodeError),
    /// No card in the slot.
    #[error("no card in the reader")]
    CardAbsent,
    /// The reader reported a failed command (bError).
    #[error("the reader failed command 0x{command:02X}: bError 0x{:02X}{}", error.0, error.name().map(|n| alloc::format!(" ({n})")).unwrap_or_default())]
    Slot {
        /// bMessageType of the failed command.
        command: u8,
        /// bError.
        error: SlotError,
    },
    /// The reader answered with the wrong message type.
    #[error("expected CCID response 0x{expected:02X}, got 0x{got:02X}")]
    UnexpectedResponse {
        /// Expected bMessageType.
        expected: u8,
        /// Received bMessageType.
        got: u8,
    },
    /// The reader answered with another sequence number too often.
    #[error("the reader keeps answering other commands (bSeq mismatch)")]
    SequenceMismatch,
    /// Endless time extensions.
    #[error("the card kept asking for more time ({0} time extensions)")]
    TooManyTimeExtensions(u32),
    /// The T=1 link failed.
    #[error(transparent)]
    T1(#[from] T1Error),
    /// The reader or card cannot do what is needed; nothing was sent.
    #[error("not supported: {0}")]
    Unsupported(&'static str),
    /// The card was not powered on.
    #[error("the card is not powered on")]
    NotPowered,
}

impl From<CcidError> for TransportError {
    fn from(e: CcidError) -> Self {
        match e {
            CcidError::Usb(u) => u.into(),
            CcidError::CardAbsent => TransportError::CardRemoved,
            CcidError::Slot {
                error: SlotError::ICC_MUTE,
                ..
            } => TransportError::Timeout,
            CcidError::Unsupported(what) => TransportError::Unsupported(what.into()),
            other => TransportError::Protocol(alloc::format!("{other}")),
        }
    }
}

/// Endpoint addresses of a CCID interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CcidEndpoints {
    /// Bulk OUT.
    pub bulk_out: u8,
    /// Bulk IN.
    pub bulk_in: u8,
    /// Interrupt IN (NotifySlotChange), if present.
    pub interrupt_in: Option<u8>,
}

/// Driver options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CcidOptions {
    /// bSlot.
    pub slot: u8,
    /// Timeout of one bulk IN read, in ms (the reader sends time-extension messages while the
    /// card works longer).
    pub timeout_ms: u32,
    /// IFSD announced to a T=1 card.
    pub ifsd: u8,
    /// Most time-extension messages accepted for one command.
    pub max_time_extensions: u32,
}

impl Default for CcidOptions {
    fn default() -> Self {
        Self {
            slot: 0,
            timeout_ms: 10_000,
            ifsd: 0xFE,
            max_time_extensions: 600,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    Off,
    T1(T1State),
    T0,
    Apdu,
}

/// USB transfers made so far (for measurements).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TransferCount {
    /// Bulk OUT transfers.
    pub bulk_out: u32,
    /// Bulk IN transfers.
    pub bulk_in: u32,
}

/// A CCID reader slot as a [`CardChannel`].
#[derive(Debug)]
pub struct CcidChannel<P> {
    pipe: P,
    descriptor: CcidDescriptor,
    endpoints: CcidEndpoints,
    options: CcidOptions,
    seq: u8,
    link: Link,
    transfers: TransferCount,
}

/// GET RESPONSE / re-issue limit for T=0 (covers 65 536 bytes in 256-byte pieces).
const MAX_GET_RESPONSES: usize = 257;

impl<P: UsbPipe> CcidChannel<P> {
    /// A driver for a claimed CCID interface.
    pub fn new(
        pipe: P,
        descriptor: CcidDescriptor,
        endpoints: CcidEndpoints,
        options: CcidOptions,
    ) -> Self {
        Self {
            pipe,
            descriptor,
            endpoints,
            options,
            seq: 0,
            link: Link::Off,
            transfers: TransferCount::default(),
        }
    }

    /// A driver for an interface found in the configuration descriptor.
    pub fn from_interface(
        pipe: P,
        interface: &Interface,
        options: CcidOptions,
    ) -> Result<Self, CcidError> {
        let descriptor = interface.ccid.ok_or(CcidError::Unsupported(
            "interface has no CCID class descriptor",
        ))?;
        let bulk_out = interface
            .bulk(false)
            .ok_or(CcidError::Unsupported("interface has no bulk OUT endpoint"))?;
        let bulk_in = interface
            .bulk(true)
            .ok_or(CcidError::Unsupported("interface has no bulk IN endpoint"))?;
        Ok(Self::new(
            pipe,
            descriptor,
            CcidEndpoints {
                bulk_out,
                bulk_in,
                interrupt_in: interface.interrupt_in(),
            },
            options,
        ))
    }

    /// The exchange level in use.
    pub fn level(&self) -> ExchangeLevel {
        self.descriptor.exchange_level()
    }

    /// USB transfers made so far.
    pub fn transfers(&self) -> TransferCount {
        self.transfers
    }

    /// The pipe (for backends that expose device state, such as the simulator).
    pub fn pipe_mut(&mut self) -> &mut P {
        &mut self.pipe
    }

    /// Gives the pipe back.
    pub fn into_pipe(self) -> P {
        self.pipe
    }

    fn max_message(&self) -> usize {
        usize::try_from(self.descriptor.max_message_length)
            .unwrap_or(65_546)
            .clamp(HEADER + 1, 65_546)
    }

    /// Sends one command and reads its response, skipping time-extension messages.
    pub async fn command(&mut self, command: &Command) -> Result<Response, CcidError> {
        let seq = self.seq;
        self.seq = self.seq.wrapping_add(1);
        let mut bytes = command.to_message(self.options.slot, seq).encode();
        self.transfers.bulk_out += 1;
        let sent = self.pipe.bulk_out(self.endpoints.bulk_out, &bytes).await;
        zeroize::Zeroize::zeroize(&mut bytes);
        sent?;
        let mut extensions = 0u32;
        let mut stale = 0u32;
        loop {
            self.transfers.bulk_in += 1;
            let raw = self
                .pipe
                .bulk_in(
                    self.endpoints.bulk_in,
                    self.max_message(),
                    self.options.timeout_ms,
                )
                .await?;
            let response = Response::decode(&raw)?;
            if response.seq != seq || response.slot != self.options.slot {
                stale += 1;
                if stale > 4 {
                    return Err(CcidError::SequenceMismatch);
                }
                continue;
            }
            match response.status.command {
                CommandStatus::TimeExtension => {
                    extensions += 1;
                    if extensions > self.options.max_time_extensions {
                        return Err(CcidError::TooManyTimeExtensions(extensions));
                    }
                    continue;
                }
                CommandStatus::Failed | CommandStatus::Reserved => {
                    if response.status.icc == IccStatus::Absent {
                        return Err(CcidError::CardAbsent);
                    }
                    return Err(CcidError::Slot {
                        command: command.message_type(),
                        error: response.error,
                    });
                }
                CommandStatus::Ok => {}
            }
            if response.message_type != command.response_type() {
                return Err(CcidError::UnexpectedResponse {
                    expected: command.response_type(),
                    got: response.message_type,
                });
            }
            return Ok(response);
        }
    }

    /// Reads and discards replies left from an earlier session (10 ms reads until quiet), so
    /// a stale reply can never be taken for the answer to a new command.
    async fn drain(&mut self) -> Result<(), CcidError> {
        for _ in 0..8 {
            self.transfers.bulk_in += 1;
            match self
                .pipe
                .bulk_in(self.endpoints.bulk_in, self.max_message(), 10)
                .await
            {
                Ok(_) => continue,
                Err(UsbError::Timeout { .. }) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Powers the card on, configures the protocol, and returns the ATR.
    pub async fn power_on(&mut self) -> Result<Vec<u8>, CcidError> {
        self.link = Link::Off;
        self.drain().await?;
        let atr_bytes = self
            .command(&Command::IccPowerOn(PowerSelect::Automatic))
            .await?
            .data;
        match self.level() {
            ExchangeLevel::ShortApdu | ExchangeLevel::ExtendedApdu => self.link = Link::Apdu,
            ExchangeLevel::Character => {
                return Err(CcidError::Unsupported("character-level CCID readers"))
            }
            ExchangeLevel::Tpdu => {
                let atr = Atr::parse(&atr_bytes)?;
                let mut params = atr.ccid_parameters();
                if self.descriptor.features & (features::AUTO_PPS | features::AUTO_NEGOTIATION) == 0
                {
                    set_default_rate(&mut params);
                }
                match params {
                    ProtocolParameters::T1 { tccks, ifsc, .. } => {
                        if !self.descriptor.supports_t1() {
                            return Err(CcidError::Unsupported(
                                "card wants T=1, reader offers only T=0",
                            ));
                        }
                        if tccks & 1 != 0 {
                            return Err(CcidError::Unsupported("T=1 with CRC epilogue"));
                        }
                        self.command(&Command::SetParameters(params)).await?;
                        // A block (NAD PCB LEN INF LRC) must fit one CCID message, and the
                        // reader buffers at most dwMaxIFSD bytes of INF.
                        let block_room = self.max_message().saturating_sub(HEADER + 4);
                        let fit = |size: usize| {
                            u8::try_from(size.min(block_room).min(254))
                                .unwrap_or(254)
                                .max(1)
                        };
                        let state = T1State::new(fit(usize::from(ifsc)));
                        if !self.descriptor.does_ifsd_exchange() {
                            let reader_max =
                                usize::try_from(self.descriptor.max_ifsd).unwrap_or(254);
                            let ifsd = fit(usize::from(self.options.ifsd).min(reader_max));
                            let answer = self
                                .xfr(state.ifs_request(ifsd), 0, ChainParameter::Whole)
                                .await?;
                            state.check_ifs_response(&answer.data, ifsd)?;
                        }
                        self.link = Link::T1(state);
                    }
                    ProtocolParameters::T0 { .. } => {
                        if !self.descriptor.supports_t0() {
                            return Err(CcidError::Unsupported(
                                "card wants T=0, reader offers only T=1",
                            ));
                        }
                        self.command(&Command::SetParameters(params)).await?;
                        self.link = Link::T0;
                    }
                }
            }
        }
        Ok(atr_bytes)
    }

    /// Powers the card off.
    pub async fn power_off(&mut self) -> Result<(), CcidError> {
        self.link = Link::Off;
        self.command(&Command::IccPowerOff).await.map(|_| ())
    }

    /// Reads the slot state (GetSlotStatus).
    pub async fn slot_status(&mut self) -> Result<IccStatus, CcidError> {
        match self.command(&Command::GetSlotStatus).await {
            Ok(r) => Ok(r.status.icc),
            Err(CcidError::CardAbsent) => Ok(IccStatus::Absent),
            Err(e) => Err(e),
        }
    }

    /// Waits for a message on the interrupt endpoint (NotifySlotChange, HardwareError).
    pub async fn next_interrupt(&mut self, timeout_ms: u32) -> Result<Interrupt, CcidError> {
        let ep = self
            .endpoints
            .interrupt_in
            .ok_or(CcidError::Unsupported("reader has no interrupt endpoint"))?;
        let bytes = self.pipe.interrupt_in(ep, 8, timeout_ms).await?;
        Ok(Interrupt::decode(&bytes)?)
    }

    /// One XfrBlock; the copy of the data is wiped afterwards.
    async fn xfr(
        &mut self,
        data: Vec<u8>,
        bwi: u8,
        level: ChainParameter,
    ) -> Result<Response, CcidError> {
        let mut command = Command::XfrBlock { bwi, level, data };
        let result = self.command(&command).await;
        command.wipe();
        result
    }

    /// APDU level: send with command chaining, collect response chaining.
    async fn transmit_apdu(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CcidError> {
        if self.level() == ExchangeLevel::ShortApdu {
            let parsed = CommandApdu::parse(apdu)
                .map_err(|_| CcidError::Unsupported("bytes that are not a command APDU"))?;
            if parsed.form() == LengthForm::Extended {
                return Err(CcidError::Unsupported(
                    "extended APDU on a short-APDU reader",
                ));
            }
        }
        let room = self.max_message() - HEADER;
        let mut response = if apdu.len() <= room {
            self.xfr(apdu.to_vec(), 0, ChainParameter::Whole).await?
        } else {
            let chunks: Vec<&[u8]> = apdu.chunks(room).collect();
            let last = chunks.len().saturating_sub(1);
            let mut answer = None;
            for (i, chunk) in chunks.into_iter().enumerate() {
                let level = match i {
                    0 => ChainParameter::Begins,
                    i if i == last => ChainParameter::Ends,
                    _ => ChainParameter::Continues,
                };
                let r = self.xfr(chunk.to_vec(), 0, level).await?;
                if i != last && !(r.data.is_empty() && r.specific == 0x10) {
                    return Err(CcidError::T1(T1Error::Protocol(
                        "reader did not ask for the next command part",
                    )));
                }
                answer = Some(r);
            }
            answer.ok_or(CcidError::Unsupported("empty APDU"))?
        };
        let mut data = core::mem::take(&mut response.data);
        let mut parts = 0;
        while matches!(
            ChainParameter::from_u16(u16::from(response.specific)),
            ChainParameter::Begins | ChainParameter::Continues
        ) {
            parts += 1;
            if parts > 256 {
                return Err(CcidError::T1(T1Error::Protocol("endless response chain")));
            }
            response = self.xfr(Vec::new(), 0, ChainParameter::NextPart).await?;
            data.extend_from_slice(&response.data);
        }
        Ok(data)
    }

    /// TPDU level, T=1: run the block exchange.
    async fn transmit_t1(&mut self, state: T1State, apdu: &[u8]) -> Result<Vec<u8>, CcidError> {
        let (mut exchange, mut out) = Transceive::start(state, apdu);
        let mut bwi = 0u8;
        loop {
            let answer = self.xfr(out, bwi, ChainParameter::Whole).await;
            let step = match &answer {
                Ok(r) => exchange.on_incoming(Incoming::Block(&r.data)),
                Err(CcidError::Slot { error, .. })
                    if matches!(
                        *error,
                        SlotError::ICC_MUTE | SlotError::XFR_PARITY_ERROR | SlotError::XFR_OVERRUN
                    ) =>
                {
                    exchange.on_incoming(Incoming::Timeout)
                }
                Err(e) => {
                    self.link = Link::T1(exchange.state());
                    return Err(e.clone());
                }
            };
            self.link = Link::T1(exchange.state());
            match step? {
                Step::Send(bytes) => {
                    out = bytes;
                    bwi = 0;
                }
                Step::SendWithWaitingTime { bytes, multiplier } => {
                    out = bytes;
                    bwi = multiplier;
                }
                Step::Done(response) => return Ok(response),
            }
        }
    }

    /// TPDU level, T=0 (ISO/IEC 7816-3 §12.2): the reader handles procedure bytes; the host
    /// maps APDU cases to TPDUs and follows `61xx` / `6Cxx`.
    async fn transmit_t0(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CcidError> {
        let cmd = CommandApdu::parse(apdu)
            .map_err(|_| CcidError::Unsupported("bytes that are not a command APDU"))?;
        if cmd.form() == LengthForm::Extended {
            return Err(CcidError::Unsupported(
                "extended APDU over T=0 (needs ENVELOPE)",
            ));
        }
        let header = [cmd.cla(), cmd.ins(), cmd.p1(), cmd.p2()];
        let le_byte = |le: u32| u8::try_from(le).unwrap_or(0); // 256 → 00
        let mut tpdu = header.to_vec();
        match cmd.case() {
            IsoCase::Case1 => tpdu.push(0),
            IsoCase::Case2 => tpdu.push(le_byte(cmd.le().unwrap_or(256))),
            IsoCase::Case3 | IsoCase::Case4 => {
                tpdu.push(u8::try_from(cmd.data().len()).unwrap_or(0));
                tpdu.extend_from_slice(cmd.data());
            }
        }
        let mut answer = self.xfr(tpdu, 0, ChainParameter::Whole).await?.data;
        if cmd.case() == IsoCase::Case2 && !cmd.carries_secret() {
            if let [.., 0x6C, la] = answer[..] {
                // §12.2.2: wrong length, the command was not executed; re-issue with P3 = La.
                let mut again = header.to_vec();
                again.push(la);
                answer = self.xfr(again, 0, ChainParameter::Whole).await?.data;
            }
        }
        let mut data = Vec::new();
        for _ in 0..MAX_GET_RESPONSES {
            match answer[..] {
                [ref body @ .., 0x61, available]
                    if matches!(cmd.case(), IsoCase::Case2 | IsoCase::Case4) =>
                {
                    data.extend_from_slice(body);
                    let get_response = alloc::vec![cmd.cla() & 0x03, 0xC0, 0x00, 0x00, available];
                    answer = self.xfr(get_response, 0, ChainParameter::Whole).await?.data;
                }
                _ => {
                    data.extend_from_slice(&answer);
                    if data.len() < 2 {
                        return Err(CcidError::T1(T1Error::Protocol(
                            "T=0 answer shorter than a status word",
                        )));
                    }
                    return Ok(data);
                }
            }
        }
        Err(CcidError::T1(T1Error::Protocol("card kept answering 61xx")))
    }
}

const HEADER: usize = super::message::HEADER_LEN;

fn set_default_rate(params: &mut ProtocolParameters) {
    match params {
        ProtocolParameters::T0 { findex_dindex, .. }
        | ProtocolParameters::T1 { findex_dindex, .. } => *findex_dindex = 0x11,
    }
}

impl<P: UsbPipe> CardChannel for CcidChannel<P> {
    fn capabilities(&self) -> ChannelCapabilities {
        match (self.level(), self.link) {
            (ExchangeLevel::ExtendedApdu, _) | (ExchangeLevel::Tpdu, Link::T1(_)) => {
                ChannelCapabilities::EXTENDED
            }
            _ => ChannelCapabilities::SHORT,
        }
    }

    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let result = match self.link {
            Link::Off => Err(CcidError::NotPowered),
            Link::Apdu => self.transmit_apdu(command).await,
            Link::T1(state) => self.transmit_t1(state, command).await,
            Link::T0 => self.transmit_t0(command).await,
        };
        let response = result?;
        if response.len() < 2 {
            return Err(TransportError::Protocol(
                "response shorter than a status word".into(),
            ));
        }
        Ok(response)
    }

    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        match self.power_off().await {
            Ok(()) | Err(CcidError::CardAbsent) => {}
            Err(e) => return Err(e.into()),
        }
        Ok(self.power_on().await?)
    }

    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        Ok(self.slot_status().await? != IccStatus::Absent)
    }
}
