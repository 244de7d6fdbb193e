//! The RC-S300 vendor-interface driver (readers.md §4.2–4.4).
//!
//! Every request is `6B | len | 00 | seq | 00 00 00 | pseudo-APDU` on bulk OUT 0x02; every
//! answer `83 | len | slot | seq | status | error | 00 | payload` on bulk IN 0x82 (the CCID
//! message codec of [`crate::ccid::message`] is reused). Session: end → start → RF off → RF on
//! (the order of the public drivers), then Switch Protocol to ISO 14443-4 Type B, then ISO-DEP
//! blocks from [`crate::isodep`] inside CommunicateThruEX.

use alloc::vec::Vec;

use apdu::{CardChannel, ChannelCapabilities, TransportError};

use super::pseudo_apdu::{
    communicate_thru_ex, manage_session, switch_protocol, CardType, ControlAnswer, SessionAction,
};
use crate::ccid::message::{ChainParameter, Command, CommandStatus, Response};
use crate::codec::DecodeError;
use crate::isodep::run::{self, RfOutcome, RfTransceiver};
use crate::isodep::{Atqb, IsoDepError, IsoDepLink, IsoDepParams};
use crate::usb::{UsbError, UsbPipe};

/// Why an RC-S300 operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rcs300Error {
    /// The USB transfer failed.
    #[error(transparent)]
    Usb(#[from] UsbError),
    /// The reader sent malformed bytes.
    #[error(transparent)]
    Malformed(#[from] DecodeError),
    /// The escape message itself failed (CCID bStatus/bError).
    #[error("the reader failed the escape command (bError 0x{0:02X})")]
    Escape(u8),
    /// The outer status word was not 90 00 (67 00 = wrong length encoding, readers.md §4.2).
    #[error("the reader rejected the command with status {:02X} {:02X}", .0[0], .0[1])]
    Rejected([u8; 2]),
    /// The reader reported an error in its C0 status object.
    #[error("reader status {status:02X} with {:02X} {:02X}", .sw[0], .sw[1])]
    Reader {
        /// Status byte (00 = OK).
        status: u8,
        /// The status word inside C0.
        sw: [u8; 2],
    },
    /// No card answered (Switch Protocol found nothing, `C0 03 01 6A 81`).
    #[error("no card on the reader")]
    NoCard,
    /// No card session is active.
    #[error("no card session (activate first)")]
    NotActivated,
    /// ISO-DEP failed.
    #[error(transparent)]
    IsoDep(#[from] IsoDepError),
}

impl From<Rcs300Error> for TransportError {
    fn from(e: Rcs300Error) -> Self {
        match e {
            Rcs300Error::Usb(u) => u.into(),
            Rcs300Error::NoCard | Rcs300Error::IsoDep(IsoDepError::NoAnswer(_)) => {
                TransportError::CardRemoved
            }
            other => TransportError::Protocol(alloc::format!("{other}")),
        }
    }
}

/// How the card is activated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rcs300Activation {
    /// Switch Protocol `01 04`: the reader does REQB/ATTRIB (the choice of the public drivers
    /// for Type A). UNVERIFIED (readers.md §4.4): what the reader does with Type B at layer 4;
    /// the FSC/FWI are read from TLV 5F51 when it holds an ATQB or a PC/SC pseudo-ATR.
    ReaderLayer4,
    /// Switch Protocol `01 03`, then our own REQB/ATTRIB inside CommunicateThruEX.
    /// UNVERIFIED (readers.md §4.4): whether layer 3 passes REQB/ATTRIB through.
    HostAttrib,
}

/// How APDUs reach the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApduPath {
    /// Our ISO-DEP blocks inside CommunicateThruEX (what the EZ-Sign writer does, working).
    IsoDepInEscape,
    /// UNVERIFIED (readers.md §4.4): APDUs in CCID XfrBlock on interface #1, the reader doing
    /// ISO-DEP. No public code does this; kept as a one-line switch for hardware tests.
    XfrBlock,
}

/// Driver options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rcs300Options {
    /// Bulk OUT endpoint (0x02).
    pub bulk_out: u8,
    /// Bulk IN endpoint (0x82).
    pub bulk_in: u8,
    /// USB read timeout added to every RF timer, in ms.
    pub usb_margin_ms: u32,
    /// Activation.
    pub activation: Rcs300Activation,
    /// APDU path.
    pub path: ApduPath,
}

impl Default for Rcs300Options {
    fn default() -> Self {
        Self {
            bulk_out: 0x02,
            bulk_in: 0x82,
            usb_margin_ms: 200,
            activation: Rcs300Activation::ReaderLayer4,
            path: ApduPath::IsoDepInEscape,
        }
    }
}

/// Conservative link parameters when 5F51 tells nothing: FSC 64, FWI 14 (≈ 4.95 s).
/// UNVERIFIED (readers.md §4.4).
const FALLBACK_PARAMS: IsoDepParams = IsoDepParams {
    fsc: 64,
    fwi: 14,
    cid: None,
};

/// An RC-S300 on its vendor interface; after [`Rcs300::activate`] a [`CardChannel`].
#[derive(Debug)]
pub struct Rcs300<P> {
    pipe: P,
    options: Rcs300Options,
    seq: u8,
    link: Option<IsoDepLink>,
    transfers: u32,
}

impl<P: UsbPipe> Rcs300<P> {
    /// A driver for claimed interface #1.
    pub fn new(pipe: P, options: Rcs300Options) -> Self {
        Self {
            pipe,
            options,
            seq: 0,
            link: None,
            transfers: 0,
        }
    }

    /// USB transfers made so far.
    pub fn transfers(&self) -> u32 {
        self.transfers
    }

    /// The pipe.
    pub fn pipe_mut(&mut self) -> &mut P {
        &mut self.pipe
    }

    /// Sends one message and reads its answer; the copies of the command are wiped.
    async fn message(
        &mut self,
        mut command: Command,
        timeout_ms: u32,
    ) -> Result<Response, Rcs300Error> {
        let seq = self.seq;
        self.seq = self.seq.wrapping_add(1);
        self.transfers += 1;
        let mut bytes = command.to_message(0, seq).encode();
        let sent = self.pipe.bulk_out(self.options.bulk_out, &bytes).await;
        zeroize::Zeroize::zeroize(&mut bytes);
        let expected = command.response_type();
        command.wipe();
        sent?;
        for _ in 0..64 {
            self.transfers += 1;
            let raw = self
                .pipe
                .bulk_in(
                    self.options.bulk_in,
                    65_546,
                    timeout_ms.saturating_add(self.options.usb_margin_ms),
                )
                .await?;
            let r = Response::decode(&raw)?;
            if r.seq != seq {
                continue;
            }
            match r.status.command {
                CommandStatus::TimeExtension => continue,
                CommandStatus::Ok if r.message_type == expected => return Ok(r),
                CommandStatus::Ok => {
                    return Err(DecodeError::Invalid {
                        what: "RC-S300 answer",
                        reason: "unexpected message type",
                    }
                    .into())
                }
                _ => return Err(Rcs300Error::Escape(r.error.0)),
            }
        }
        Err(DecodeError::Invalid {
            what: "RC-S300 answer",
            reason: "no answer with the expected sequence number",
        }
        .into())
    }

    /// Sends one pseudo-APDU and returns the parsed answer (outer SW checked).
    pub async fn escape(
        &mut self,
        payload: Vec<u8>,
        timeout_ms: u32,
    ) -> Result<ControlAnswer, Rcs300Error> {
        let r = self.message(Command::Escape(payload), timeout_ms).await?;
        let answer = ControlAnswer::parse(&r.data)?;
        if answer.outer_sw != [0x90, 0x00] {
            return Err(Rcs300Error::Rejected(answer.outer_sw));
        }
        Ok(answer)
    }

    async fn control(&mut self, payload: Vec<u8>) -> Result<ControlAnswer, Rcs300Error> {
        let answer = self.escape(payload, 0).await?;
        match answer.status {
            None | Some((0, _)) => Ok(answer),
            Some((_, [0x6A, 0x81])) => Err(Rcs300Error::NoCard),
            Some((status, sw)) => Err(Rcs300Error::Reader { status, sw }),
        }
    }

    /// Session setup: end → start → RF off → RF on (readers.md §4.3).
    pub async fn init(&mut self) -> Result<(), Rcs300Error> {
        self.link = None;
        // discard replies left from an earlier session (10 ms reads until quiet)
        for _ in 0..8 {
            self.transfers += 1;
            match self.pipe.bulk_in(self.options.bulk_in, 65_546, 10).await {
                Ok(_) => continue,
                Err(UsbError::Timeout { .. }) => break,
                Err(e) => return Err(e.into()),
            }
        }
        for action in [
            SessionAction::End,
            SessionAction::Start,
            SessionAction::RfOff,
            SessionAction::RfOn,
        ] {
            self.control(manage_session(action)).await?;
        }
        Ok(())
    }

    /// Activates a Type B card and returns its (pseudo-)ATR.
    pub async fn activate(&mut self) -> Result<Vec<u8>, Rcs300Error> {
        self.link = None;
        match self.options.activation {
            Rcs300Activation::ReaderLayer4 => {
                let answer = self
                    .control(switch_protocol(CardType::Iso14443B, 4))
                    .await?;
                let atr = answer
                    .object(0x5F51)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default();
                self.link = Some(IsoDepLink::new(params_from_5f51(&atr)));
                Ok(atr)
            }
            Rcs300Activation::HostAttrib => {
                self.control(switch_protocol(CardType::Iso14443B, 3))
                    .await?;
                let (atqb, answer, link) = run::activate_type_b(self)
                    .await?
                    .ok_or(Rcs300Error::NoCard)?;
                self.link = Some(link);
                Ok(atqb.pseudo_atr(&answer))
            }
        }
    }

    /// Deselects the card, switches RF off and ends the session.
    pub async fn release(&mut self) -> Result<(), Rcs300Error> {
        if let Some(link) = self.link.take() {
            if self.options.path == ApduPath::IsoDepInEscape {
                run::deselect(self, &link).await?;
            }
        }
        self.control(manage_session(SessionAction::RfOff)).await?;
        self.control(manage_session(SessionAction::End))
            .await
            .map(|_| ())
    }
}

/// FSC and FWI from the TLV 5F51 of Switch Protocol: an ATQB (`50 …`) or a PC/SC pseudo-ATR
/// (`3B 8x 80 01 | app data (4) | protocol info (3) …`); otherwise [`FALLBACK_PARAMS`].
fn params_from_5f51(bytes: &[u8]) -> IsoDepParams {
    let protocol_info = match bytes {
        [0x50, ..] => Atqb::parse(bytes).ok().map(|a| a.protocol_info),
        [0x3B, t0, 0x80, 0x01, rest @ ..] if t0 & 0xF0 == 0x80 && rest.len() >= 7 => {
            rest.get(4..7).map(<[u8]>::to_vec)
        }
        _ => None,
    };
    match protocol_info {
        Some(p) => {
            let atqb = Atqb {
                pupi: [0; 4],
                application_data: [0; 4],
                protocol_info: p,
            };
            IsoDepParams {
                fsc: atqb.fsc(),
                fwi: atqb.fwi(),
                cid: None,
            }
        }
        None => FALLBACK_PARAMS,
    }
}

impl<P: UsbPipe> RfTransceiver for Rcs300<P> {
    type Error = Rcs300Error;

    async fn transceive(
        &mut self,
        frame: &[u8],
        timeout_ms: u32,
    ) -> Result<RfOutcome, Rcs300Error> {
        let answer = self
            .escape(
                communicate_thru_ex(frame, timeout_ms.saturating_mul(1000)),
                timeout_ms,
            )
            .await?;
        match answer.status {
            Some((0, _)) | None => Ok(match answer.object(0x97) {
                Some(f) => RfOutcome::Frame(f.to_vec()),
                None => RfOutcome::Invalid,
            }),
            // C0 03 01 6A 81 no answer from the card; C0 03 01 63 01 RF timeout (readers.md §4.2)
            Some((_, [0x6A, 0x81] | [0x63, 0x01])) => Ok(RfOutcome::Timeout),
            Some((status, sw)) => Err(Rcs300Error::Reader { status, sw }),
        }
    }
}

impl<P: UsbPipe> CardChannel for Rcs300<P> {
    fn capabilities(&self) -> ChannelCapabilities {
        ChannelCapabilities::EXTENDED
    }

    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let mut link = self.link.ok_or(Rcs300Error::NotActivated)?;
        if self.options.path == ApduPath::XfrBlock {
            let r = self
                .message(
                    Command::XfrBlock {
                        bwi: 0,
                        level: ChainParameter::Whole,
                        data: command.to_vec(),
                    },
                    link.timeout_ms(1),
                )
                .await?;
            return Ok(r.data);
        }
        let result = run::transmit(self, &mut link, command).await;
        self.link = Some(link);
        Ok(result?)
    }

    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        self.link = None;
        self.control(manage_session(SessionAction::RfOff)).await?;
        self.pipe.delay_ms(10).await;
        self.control(manage_session(SessionAction::RfOn)).await?;
        Ok(self.activate().await?)
    }

    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        let Some(link) = self.link else {
            return Ok(false);
        };
        if self.options.path == ApduPath::XfrBlock {
            return Ok(true);
        }
        let outcome = self
            .transceive(&link.presence_check(), link.timeout_ms(1))
            .await?;
        Ok(matches!(outcome, RfOutcome::Frame(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_link_parameters_from_5f51() {
        let pseudo = [
            0x3B, 0x88, 0x80, 0x01, 0, 0, 0, 0, 0x00, 0x81, 0xE1, 0x00, 0x69,
        ];
        assert_eq!(
            params_from_5f51(&pseudo),
            IsoDepParams {
                fsc: 256,
                fwi: 14,
                cid: None
            }
        );
        let atqb = [0x50, 1, 2, 3, 4, 0, 0, 0, 0, 0x00, 0x71, 0x80];
        assert_eq!(
            params_from_5f51(&atqb),
            IsoDepParams {
                fsc: 128,
                fwi: 8,
                cid: None
            }
        );
        assert_eq!(params_from_5f51(&[0x3B, 0x00]), FALLBACK_PARAMS);
    }
}
