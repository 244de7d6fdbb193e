//! The Sony RC-S380 driver: Port-100 commands over bulk endpoints, Type B activation by the
//! host, ISO-DEP from [`crate::isodep`] (readers.md §3).
//!
//! Session: ACK → drain → SetCommandType 1 → GetFirmwareVersion → GetPDDataVersion →
//! SwitchRF off (§3.4), then per card: InSetRF 106B, InSetProtocol defaults + Type B
//! overrides, REQB, ATTRIB, and ISO-DEP blocks in InCommRF. Every command is answered by an ACK
//! frame and then a response frame (two bulk IN reads).

use alloc::vec::Vec;

use apdu::{CardChannel, ChannelCapabilities, TransportError};

use super::command::{
    code, command_data, in_comm_rf_timeout, response_payload, rf_error, InCommRfAnswer,
    IN_SET_PROTOCOL_DEFAULTS, IN_SET_PROTOCOL_TYPE_B, IN_SET_RF_106B,
};
use super::frame::Frame;
use crate::codec::DecodeError;
use crate::isodep::run::{self, RfOutcome, RfTransceiver};
use crate::isodep::{IsoDepError, IsoDepLink};
use crate::usb::{UsbError, UsbPipe};
use zeroize::Zeroize;

/// Why an RC-S380 operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Port100Error {
    /// The USB transfer failed.
    #[error(transparent)]
    Usb(#[from] UsbError),
    /// The reader or card sent malformed bytes.
    #[error(transparent)]
    Malformed(#[from] DecodeError),
    /// The reader did not acknowledge a command.
    #[error("the reader did not acknowledge command 0x{0:02X}")]
    NoAck(u8),
    /// The reader answered with its error frame.
    #[error("the reader answered command 0x{0:02X} with an error frame")]
    ErrorFrame(u8),
    /// A command's status byte was not SUCCESS (readers.md §3.3).
    #[error("the reader refused command 0x{command:02X} (status {status})")]
    Status {
        /// The command.
        command: u8,
        /// 1 PARAMETER_ERROR … 7 COMMANDTYPE_ERROR.
        status: u8,
    },
    /// InCommRF failed for a reason other than timeout or a damaged frame.
    #[error("RF error bits 0x{0:08X}")]
    Rf(u32),
    /// No card answered REQB.
    #[error("no card on the reader")]
    NoCard,
    /// No card session is active.
    #[error("no card session (activate first)")]
    NotActivated,
    /// ISO-DEP failed.
    #[error(transparent)]
    IsoDep(#[from] IsoDepError),
}

impl From<Port100Error> for TransportError {
    fn from(e: Port100Error) -> Self {
        match e {
            Port100Error::Usb(u) => u.into(),
            // Contactless: silence after the retries means the card left the field.
            Port100Error::NoCard | Port100Error::IsoDep(IsoDepError::NoAnswer(_)) => {
                TransportError::CardRemoved
            }
            other => TransportError::Protocol(alloc::format!("{other}")),
        }
    }
}

/// Driver options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rcs380Options {
    /// Bulk OUT endpoint (0x02).
    pub bulk_out: u8,
    /// Bulk IN endpoint (0x81).
    pub bulk_in: u8,
    /// USB read timeout for a command's ACK and for non-RF answers, in ms.
    pub command_timeout_ms: u32,
    /// Re-send InSetRF and InSetProtocol before every APDU, as nfcpy and aruneko do
    /// (readers.md §3.4). UNVERIFIED (readers.md §3.4): whether the RC-S380 keeps the settings
    /// between exchanges; `false` saves 6 transfers per APDU.
    pub settings_before_each_apdu: bool,
}

impl Default for Rcs380Options {
    fn default() -> Self {
        Self {
            bulk_out: 0x02,
            bulk_in: 0x81,
            command_timeout_ms: 100,
            settings_before_each_apdu: true,
        }
    }
}

/// Largest USB read (nfcpy reads up to 300 bytes; an InCommRF answer carries ≤ 290 bytes).
const MAX_READ: usize = 512;

/// An RC-S380 reader; after [`Rcs380::activate`] it is a [`CardChannel`] to the card.
#[derive(Debug)]
pub struct Rcs380<P> {
    pipe: P,
    options: Rcs380Options,
    link: Option<IsoDepLink>,
    transfers: u32,
    firmware: [u8; 2],
}

impl<P: UsbPipe> Rcs380<P> {
    /// A driver for a claimed RC-S380 interface 0.
    pub fn new(pipe: P, options: Rcs380Options) -> Self {
        Self {
            pipe,
            options,
            link: None,
            transfers: 0,
            firmware: [0; 2],
        }
    }

    /// USB transfers made so far.
    pub fn transfers(&self) -> u32 {
        self.transfers
    }

    /// Firmware version (minor, major) read by [`Rcs380::init`].
    pub fn firmware(&self) -> [u8; 2] {
        self.firmware
    }

    /// The pipe.
    pub fn pipe_mut(&mut self) -> &mut P {
        &mut self.pipe
    }

    async fn read(&mut self, timeout_ms: u32) -> Result<Vec<u8>, UsbError> {
        self.transfers += 1;
        self.pipe
            .bulk_in(self.options.bulk_in, MAX_READ, timeout_ms)
            .await
    }

    async fn write(&mut self, bytes: &[u8]) -> Result<(), UsbError> {
        self.transfers += 1;
        self.pipe.bulk_out(self.options.bulk_out, bytes).await
    }

    /// Sends one command and returns the payload after `D7 <code+1>`.
    pub async fn command(
        &mut self,
        code: u8,
        params: &[u8],
        timeout_ms: u32,
    ) -> Result<Vec<u8>, Port100Error> {
        let command = Frame::Data(command_data(code, params));
        let mut frame = command.encode();
        if let Frame::Data(mut data) = command {
            data.zeroize();
        }
        let written = self.write(&frame).await;
        frame.zeroize();
        written?;
        let ack = self.read(self.options.command_timeout_ms).await?;
        match Frame::decode(&ack) {
            Ok(Frame::Ack) => {}
            Ok(Frame::Error) => return Err(Port100Error::ErrorFrame(code)),
            _ => return Err(Port100Error::NoAck(code)),
        }
        let answer = self
            .read(timeout_ms.saturating_add(self.options.command_timeout_ms))
            .await?;
        match Frame::decode(&answer)? {
            Frame::Data(data) => Ok(response_payload(&data, code)?.to_vec()),
            Frame::Error => Err(Port100Error::ErrorFrame(code)),
            Frame::Ack => Err(Port100Error::Malformed(DecodeError::Invalid {
                what: "Port-100 response",
                reason: "second ACK instead of a response",
            })),
        }
    }

    async fn command_status(&mut self, code: u8, params: &[u8]) -> Result<(), Port100Error> {
        let payload = self.command(code, params, 0).await?;
        match payload.first() {
            Some(0) => Ok(()),
            Some(&status) => Err(Port100Error::Status {
                command: code,
                status,
            }),
            None => Err(Port100Error::Malformed(DecodeError::Truncated {
                what: "Port-100 status",
                at: 2,
                needed: 1,
            })),
        }
    }

    /// The init sequence (readers.md §3.4).
    pub async fn init(&mut self) -> Result<(), Port100Error> {
        self.write(&Frame::Ack.encode()).await?;
        // drain leftovers (10 ms reads) until the reader is quiet
        for _ in 0..16 {
            match self.read(10).await {
                Ok(_) => continue,
                Err(UsbError::Timeout { .. }) => break,
                Err(e) => return Err(e.into()),
            }
        }
        self.command_status(code::SET_COMMAND_TYPE, &[0x01]).await?;
        let fw = self.command(code::GET_FIRMWARE_VERSION, &[], 0).await?;
        self.firmware = [
            fw.first().copied().unwrap_or(0),
            fw.get(1).copied().unwrap_or(0),
        ];
        self.command(code::GET_PD_DATA_VERSION, &[], 0).await?;
        self.command_status(code::SWITCH_RF, &[0x00]).await
    }

    async fn settings_106b(&mut self) -> Result<(), Port100Error> {
        self.command_status(code::IN_SET_RF, &IN_SET_RF_106B)
            .await?;
        self.command_status(code::IN_SET_PROTOCOL, &IN_SET_PROTOCOL_DEFAULTS)
            .await?;
        self.command_status(code::IN_SET_PROTOCOL, &IN_SET_PROTOCOL_TYPE_B)
            .await
    }

    /// Finds a Type B card and activates it; returns the card's pseudo-ATR.
    pub async fn activate(&mut self) -> Result<Vec<u8>, Port100Error> {
        self.link = None;
        self.settings_106b().await?;
        let (atqb, answer, link) = run::activate_type_b(self)
            .await?
            .ok_or(Port100Error::NoCard)?;
        self.link = Some(link);
        Ok(atqb.pseudo_atr(&answer))
    }

    /// Deselects the card and switches the RF field off.
    pub async fn release(&mut self) -> Result<(), Port100Error> {
        if let Some(link) = self.link.take() {
            run::deselect(self, &link).await?;
        }
        self.command_status(code::SWITCH_RF, &[0x00]).await
    }
}

impl<P: UsbPipe> RfTransceiver for Rcs380<P> {
    type Error = Port100Error;

    async fn transceive(
        &mut self,
        frame: &[u8],
        timeout_ms: u32,
    ) -> Result<RfOutcome, Port100Error> {
        let mut params = in_comm_rf_timeout(timeout_ms).to_vec();
        params.extend_from_slice(frame);
        let payload = self.command(code::IN_COMM_RF, &params, timeout_ms).await;
        params.zeroize();
        let payload = payload?;
        let answer = InCommRfAnswer::parse(&payload)?;
        Ok(match answer.errors {
            0 => RfOutcome::Frame(answer.data),
            e if e & rf_error::RECEIVE_TIMEOUT != 0 => RfOutcome::Timeout,
            e if e
                & (rf_error::PROTOCOL
                    | rf_error::PARITY
                    | rf_error::CRC
                    | rf_error::COLLISION
                    | rf_error::RECEIVE_LENGTH)
                != 0 =>
            {
                RfOutcome::Invalid
            }
            e => return Err(Port100Error::Rf(e)),
        })
    }
}

impl<P: UsbPipe> CardChannel for Rcs380<P> {
    fn capabilities(&self) -> ChannelCapabilities {
        // ISO-DEP chaining carries extended APDUs; the My Number Card accepts them.
        ChannelCapabilities::EXTENDED
    }

    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let mut link = self.link.ok_or(Port100Error::NotActivated)?;
        if self.options.settings_before_each_apdu {
            self.settings_106b().await?;
        }
        let result = run::transmit(self, &mut link, command).await;
        self.link = Some(link);
        Ok(result?)
    }

    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        self.link = None;
        self.command_status(code::SWITCH_RF, &[0x00]).await?;
        self.pipe.delay_ms(10).await;
        Ok(self.activate().await?)
    }

    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        let Some(link) = self.link else {
            return Ok(false);
        };
        let outcome = self
            .transceive(&link.presence_check(), link.timeout_ms(1))
            .await?;
        Ok(matches!(outcome, RfOutcome::Frame(_)))
    }
}
