//! CCID bulk messages (readers.md §2.1–2.3, USB CCID rev 1.1 §6).
//!
//! Every bulk message has a 10-byte header:
//!
//! ```text
//! Off Size Field
//!  0   1   bMessageType
//!  1   4   dwLength (LE) — bytes after the header
//!  5   1   bSlot
//!  6   1   bSeq — echoed by the reader
//!  7   3   command parameters | response: bStatus, bError, specific byte
//! 10   n   abData
//! ```

use alloc::vec::Vec;

use crate::codec::{put_u32_le, Cursor, DecodeError};

/// A bulk message as bytes on the wire, either direction. `Debug` shows the data length only.
#[derive(Clone, PartialEq, Eq)]
pub struct RawMessage {
    /// bMessageType.
    pub message_type: u8,
    /// bSlot.
    pub slot: u8,
    /// bSeq.
    pub seq: u8,
    /// Bytes 7..9: command parameters, or bStatus/bError/specific in a response.
    pub params: [u8; 3],
    /// abData (dwLength bytes).
    pub data: Vec<u8>,
}

impl core::fmt::Debug for RawMessage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RawMessage")
            .field("message_type", &self.message_type)
            .field("slot", &self.slot)
            .field("seq", &self.seq)
            .field("params", &self.params)
            .field("data", &crate::redact::Redacted(&self.data))
            .finish()
    }
}

/// Header length.
pub const HEADER_LEN: usize = 10;

impl RawMessage {
    /// Encodes header and data.
    pub fn encode(&self) -> Vec<u8> {
        let mut o = Vec::with_capacity(HEADER_LEN + self.data.len());
        o.push(self.message_type);
        put_u32_le(&mut o, u32::try_from(self.data.len()).unwrap_or(u32::MAX));
        o.extend_from_slice(&[self.slot, self.seq]);
        o.extend_from_slice(&self.params);
        o.extend_from_slice(&self.data);
        o
    }

    /// Decodes exactly one message; dwLength must match the bytes present.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(bytes, "CCID message");
        let message_type = c.u8()?;
        let len = usize::try_from(c.u32_le()?).map_err(|_| c.invalid("dwLength too large"))?;
        let slot = c.u8()?;
        let seq = c.u8()?;
        let params = c.array()?;
        let data = c.take(len)?.to_vec();
        c.finish()?;
        Ok(Self {
            message_type,
            slot,
            seq,
            params,
            data,
        })
    }
}

/// bMessageType values (readers.md §2.2).
pub mod message_type {
    #![allow(missing_docs)]
    pub const ICC_POWER_ON: u8 = 0x62;
    pub const ICC_POWER_OFF: u8 = 0x63;
    pub const GET_SLOT_STATUS: u8 = 0x65;
    pub const XFR_BLOCK: u8 = 0x6F;
    pub const GET_PARAMETERS: u8 = 0x6C;
    pub const RESET_PARAMETERS: u8 = 0x6D;
    pub const SET_PARAMETERS: u8 = 0x61;
    pub const ESCAPE: u8 = 0x6B;
    pub const ABORT: u8 = 0x72;
    pub const DATA_BLOCK: u8 = 0x80;
    pub const SLOT_STATUS: u8 = 0x81;
    pub const PARAMETERS: u8 = 0x82;
    pub const ESCAPE_RESPONSE: u8 = 0x83;
    pub const NOTIFY_SLOT_CHANGE: u8 = 0x50;
    pub const HARDWARE_ERROR: u8 = 0x51;
}

/// bPowerSelect of IccPowerOn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowerSelect {
    /// 0: automatic voltage selection.
    Automatic = 0,
    /// 1: 5 V.
    V5 = 1,
    /// 2: 3 V.
    V3 = 2,
    /// 3: 1.8 V.
    V1_8 = 3,
}

/// wLevelParameter / bChainParameter for APDU-level chaining (readers.md §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainParameter {
    /// 0x00: the whole APDU/response.
    Whole,
    /// 0x01: begins, more follow.
    Begins,
    /// 0x02: ends.
    Ends,
    /// 0x03: continues.
    Continues,
    /// 0x10: empty block asking for the next response part.
    NextPart,
    /// Any other value, kept.
    Other(u16),
}

impl ChainParameter {
    /// From the wire value.
    pub fn from_u16(v: u16) -> Self {
        match v {
            0x00 => Self::Whole,
            0x01 => Self::Begins,
            0x02 => Self::Ends,
            0x03 => Self::Continues,
            0x10 => Self::NextPart,
            other => Self::Other(other),
        }
    }
    /// To the wire value.
    pub fn to_u16(self) -> u16 {
        match self {
            Self::Whole => 0x00,
            Self::Begins => 0x01,
            Self::Ends => 0x02,
            Self::Continues => 0x03,
            Self::NextPart => 0x10,
            Self::Other(v) => v,
        }
    }
}

/// SetParameters protocol data (readers.md §2.2).
///
/// ```text
/// T=0 (5 bytes): bmFindexDindex | bmTCCKST0 | bGuardTimeT0 | bWaitingIntegerT0 | bClockStop
/// T=1 (7 bytes): bmFindexDindex | bmTCCKST1 | bGuardTimeT1 | bmWaitingIntegersT1 | bClockStop | bIFSC | bNadValue
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtocolParameters {
    /// T=0.
    T0 {
        /// TA1.
        findex_dindex: u8,
        /// bit1: inverse convention.
        tccks: u8,
        /// TC1.
        guard_time: u8,
        /// TC2.
        waiting_integer: u8,
        /// bClockStop.
        clock_stop: u8,
    },
    /// T=1.
    T1 {
        /// TA1.
        findex_dindex: u8,
        /// 0x10 | bit0 CRC | bit1 inverse convention.
        tccks: u8,
        /// TC1.
        guard_time: u8,
        /// BWI (high nibble) | CWI (low nibble).
        waiting_integers: u8,
        /// bClockStop.
        clock_stop: u8,
        /// IFSC.
        ifsc: u8,
        /// NAD.
        nad: u8,
    },
}

impl ProtocolParameters {
    /// bProtocolNum.
    pub fn protocol_num(&self) -> u8 {
        match self {
            Self::T0 { .. } => 0,
            Self::T1 { .. } => 1,
        }
    }
    /// abProtocolDataStructure.
    pub fn to_bytes(&self) -> Vec<u8> {
        match *self {
            Self::T0 {
                findex_dindex,
                tccks,
                guard_time,
                waiting_integer,
                clock_stop,
            } => {
                alloc::vec![
                    findex_dindex,
                    tccks,
                    guard_time,
                    waiting_integer,
                    clock_stop
                ]
            }
            Self::T1 {
                findex_dindex,
                tccks,
                guard_time,
                waiting_integers,
                clock_stop,
                ifsc,
                nad,
            } => {
                alloc::vec![
                    findex_dindex,
                    tccks,
                    guard_time,
                    waiting_integers,
                    clock_stop,
                    ifsc,
                    nad
                ]
            }
        }
    }
    /// From bProtocolNum and the data structure.
    pub fn from_bytes(protocol_num: u8, data: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(data, "CCID protocol data");
        let p = match protocol_num {
            0 => Self::T0 {
                findex_dindex: c.u8()?,
                tccks: c.u8()?,
                guard_time: c.u8()?,
                waiting_integer: c.u8()?,
                clock_stop: c.u8()?,
            },
            1 => Self::T1 {
                findex_dindex: c.u8()?,
                tccks: c.u8()?,
                guard_time: c.u8()?,
                waiting_integers: c.u8()?,
                clock_stop: c.u8()?,
                ifsc: c.u8()?,
                nad: c.u8()?,
            },
            _ => return Err(c.invalid("bProtocolNum is neither 0 nor 1")),
        };
        c.finish()?;
        Ok(p)
    }
}

/// A PC_to_RDR command (readers.md §2.2). Each names the response message type it expects.
/// `Debug` shows data lengths only (XfrBlock may carry a PIN).
#[derive(Clone, PartialEq, Eq)]
pub enum Command {
    /// 0x62 PC_to_RDR_IccPowerOn → DataBlock (ATR).
    IccPowerOn(PowerSelect),
    /// 0x63 PC_to_RDR_IccPowerOff → SlotStatus.
    IccPowerOff,
    /// 0x65 PC_to_RDR_GetSlotStatus → SlotStatus.
    GetSlotStatus,
    /// 0x6F PC_to_RDR_XfrBlock → DataBlock.
    XfrBlock {
        /// bBWI (block waiting time extension, 0 = default).
        bwi: u8,
        /// wLevelParameter.
        level: ChainParameter,
        /// abData.
        data: Vec<u8>,
    },
    /// 0x6C PC_to_RDR_GetParameters → Parameters.
    GetParameters,
    /// 0x6D PC_to_RDR_ResetParameters → Parameters.
    ResetParameters,
    /// 0x61 PC_to_RDR_SetParameters → Parameters.
    SetParameters(ProtocolParameters),
    /// 0x6B PC_to_RDR_Escape → Escape.
    Escape(Vec<u8>),
}

impl core::fmt::Debug for Command {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::redact::Redacted;
        match self {
            Self::IccPowerOn(p) => f.debug_tuple("IccPowerOn").field(p).finish(),
            Self::IccPowerOff => f.write_str("IccPowerOff"),
            Self::GetSlotStatus => f.write_str("GetSlotStatus"),
            Self::XfrBlock { bwi, level, data } => f
                .debug_struct("XfrBlock")
                .field("bwi", bwi)
                .field("level", level)
                .field("data", &Redacted(data))
                .finish(),
            Self::GetParameters => f.write_str("GetParameters"),
            Self::ResetParameters => f.write_str("ResetParameters"),
            Self::SetParameters(p) => f.debug_tuple("SetParameters").field(p).finish(),
            Self::Escape(d) => f.debug_tuple("Escape").field(&Redacted(d)).finish(),
        }
    }
}

impl Command {
    /// bMessageType of this command.
    pub fn message_type(&self) -> u8 {
        use message_type::*;
        match self {
            Self::IccPowerOn(_) => ICC_POWER_ON,
            Self::IccPowerOff => ICC_POWER_OFF,
            Self::GetSlotStatus => GET_SLOT_STATUS,
            Self::XfrBlock { .. } => XFR_BLOCK,
            Self::GetParameters => GET_PARAMETERS,
            Self::ResetParameters => RESET_PARAMETERS,
            Self::SetParameters(_) => SET_PARAMETERS,
            Self::Escape(_) => ESCAPE,
        }
    }

    /// Wipes the data a command carries (an XfrBlock may hold a PIN).
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        if let Self::XfrBlock { data, .. } | Self::Escape(data) = self {
            data.zeroize();
        }
    }

    /// bMessageType of the response this command expects.
    pub fn response_type(&self) -> u8 {
        use message_type::*;
        match self {
            Self::IccPowerOn(_) | Self::XfrBlock { .. } => DATA_BLOCK,
            Self::IccPowerOff | Self::GetSlotStatus => SLOT_STATUS,
            Self::GetParameters | Self::ResetParameters | Self::SetParameters(_) => PARAMETERS,
            Self::Escape(_) => ESCAPE_RESPONSE,
        }
    }

    /// The message for slot `slot` with sequence number `seq`.
    pub fn to_message(&self, slot: u8, seq: u8) -> RawMessage {
        let (params, data) = match self {
            Self::IccPowerOn(p) => ([*p as u8, 0, 0], Vec::new()),
            Self::XfrBlock { bwi, level, data } => {
                let l = level.to_u16().to_le_bytes();
                ([*bwi, l[0], l[1]], data.clone())
            }
            Self::SetParameters(p) => ([p.protocol_num(), 0, 0], p.to_bytes()),
            Self::Escape(data) => ([0, 0, 0], data.clone()),
            Self::IccPowerOff
            | Self::GetSlotStatus
            | Self::GetParameters
            | Self::ResetParameters => ([0; 3], Vec::new()),
        };
        RawMessage {
            message_type: self.message_type(),
            slot,
            seq,
            params,
            data,
        }
    }

    /// Reads a command back from a message (used by the simulator and the fuzz round trip).
    pub fn from_message(m: &RawMessage) -> Result<Self, DecodeError> {
        use message_type::*;
        let c = Cursor::new(&m.data, "CCID command");
        let [p0, p1, p2] = m.params;
        let no_data = |cmd: Self| {
            if m.data.is_empty() {
                Ok(cmd)
            } else {
                Err(c.invalid("command carries unexpected data"))
            }
        };
        match m.message_type {
            ICC_POWER_ON => no_data(Self::IccPowerOn(match p0 {
                0 => PowerSelect::Automatic,
                1 => PowerSelect::V5,
                2 => PowerSelect::V3,
                3 => PowerSelect::V1_8,
                _ => return Err(c.invalid("bPowerSelect above 3")),
            })),
            ICC_POWER_OFF => no_data(Self::IccPowerOff),
            GET_SLOT_STATUS => no_data(Self::GetSlotStatus),
            GET_PARAMETERS => no_data(Self::GetParameters),
            RESET_PARAMETERS => no_data(Self::ResetParameters),
            XFR_BLOCK => Ok(Self::XfrBlock {
                bwi: p0,
                level: ChainParameter::from_u16(u16::from_le_bytes([p1, p2])),
                data: m.data.clone(),
            }),
            SET_PARAMETERS => Ok(Self::SetParameters(ProtocolParameters::from_bytes(
                p0, &m.data,
            )?)),
            ESCAPE => Ok(Self::Escape(m.data.clone())),
            _ => Err(c.invalid("unknown PC_to_RDR message type")),
        }
    }
}

/// bmICCStatus (bStatus bits 1..0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IccStatus {
    /// 0: present and active.
    Active,
    /// 1: present and inactive.
    Inactive,
    /// 2: no card.
    Absent,
    /// 3: RFU.
    Reserved,
}

/// bmCommandStatus (bStatus bits 7..6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandStatus {
    /// 0: processed without error.
    Ok,
    /// 1: failed; see bError.
    Failed,
    /// 2: time extension requested; read again.
    TimeExtension,
    /// 3: RFU.
    Reserved,
}

/// bStatus of a response (readers.md §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status {
    /// Card state.
    pub icc: IccStatus,
    /// Command outcome.
    pub command: CommandStatus,
    /// bits 5..2 (RFU), kept so no value is lost.
    pub rfu: u8,
}

impl Status {
    /// Decodes bStatus.
    pub fn from_byte(b: u8) -> Self {
        let icc = match b & 0x03 {
            0 => IccStatus::Active,
            1 => IccStatus::Inactive,
            2 => IccStatus::Absent,
            _ => IccStatus::Reserved,
        };
        let command = match b >> 6 {
            0 => CommandStatus::Ok,
            1 => CommandStatus::Failed,
            2 => CommandStatus::TimeExtension,
            _ => CommandStatus::Reserved,
        };
        Self {
            icc,
            command,
            rfu: b & 0x3C,
        }
    }
    /// Encodes bStatus.
    pub fn to_byte(self) -> u8 {
        let icc = match self.icc {
            IccStatus::Active => 0,
            IccStatus::Inactive => 1,
            IccStatus::Absent => 2,
            IccStatus::Reserved => 3,
        };
        let cmd = match self.command {
            CommandStatus::Ok => 0,
            CommandStatus::Failed => 1,
            CommandStatus::TimeExtension => 2,
            CommandStatus::Reserved => 3,
        };
        (cmd << 6) | (self.rfu & 0x3C) | icc
    }
}

/// bError of a failed command (readers.md §2.2); unknown values are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotError(pub u8);

impl SlotError {
    /// 0xFF CMD_ABORTED.
    pub const CMD_ABORTED: Self = Self(0xFF);
    /// 0xFE ICC_MUTE: no answer / timeout.
    pub const ICC_MUTE: Self = Self(0xFE);
    /// 0xFD XFR_PARITY_ERROR.
    pub const XFR_PARITY_ERROR: Self = Self(0xFD);
    /// 0xFC XFR_OVERRUN.
    pub const XFR_OVERRUN: Self = Self(0xFC);
    /// 0xFB HW_ERROR.
    pub const HW_ERROR: Self = Self(0xFB);
    /// 0xF8 BAD_ATR_TS.
    pub const BAD_ATR_TS: Self = Self(0xF8);
    /// 0xF7 BAD_ATR_TCK.
    pub const BAD_ATR_TCK: Self = Self(0xF7);
    /// 0xF6 ICC_PROTOCOL_NOT_SUPPORTED.
    pub const ICC_PROTOCOL_NOT_SUPPORTED: Self = Self(0xF6);
    /// 0xF5 ICC_CLASS_NOT_SUPPORTED.
    pub const ICC_CLASS_NOT_SUPPORTED: Self = Self(0xF5);
    /// 0xF4 PROCEDURE_BYTE_CONFLICT.
    pub const PROCEDURE_BYTE_CONFLICT: Self = Self(0xF4);
    /// 0xF3 DEACTIVATED_PROTOCOL.
    pub const DEACTIVATED_PROTOCOL: Self = Self(0xF3);
    /// 0xF2 BUSY_WITH_AUTO_SEQUENCE.
    pub const BUSY_WITH_AUTO_SEQUENCE: Self = Self(0xF2);
    /// 0xF0 PIN_TIMEOUT.
    pub const PIN_TIMEOUT: Self = Self(0xF0);
    /// 0xEF PIN_CANCELLED.
    pub const PIN_CANCELLED: Self = Self(0xEF);
    /// 0xE0 CMD_SLOT_BUSY.
    pub const CMD_SLOT_BUSY: Self = Self(0xE0);
    /// 0x00 command not supported.
    pub const CMD_NOT_SUPPORTED: Self = Self(0x00);

    /// The libccid name, or `None` for 1..127 (offending byte index) and unknown codes.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0xFF => "CMD_ABORTED",
            0xFE => "ICC_MUTE",
            0xFD => "XFR_PARITY_ERROR",
            0xFC => "XFR_OVERRUN",
            0xFB => "HW_ERROR",
            0xF8 => "BAD_ATR_TS",
            0xF7 => "BAD_ATR_TCK",
            0xF6 => "ICC_PROTOCOL_NOT_SUPPORTED",
            0xF5 => "ICC_CLASS_NOT_SUPPORTED",
            0xF4 => "PROCEDURE_BYTE_CONFLICT",
            0xF3 => "DEACTIVATED_PROTOCOL",
            0xF2 => "BUSY_WITH_AUTO_SEQUENCE",
            0xF0 => "PIN_TIMEOUT",
            0xEF => "PIN_CANCELLED",
            0xE0 => "CMD_SLOT_BUSY",
            0x00 => "CMD_NOT_SUPPORTED",
            _ => return None,
        })
    }
}

/// An RDR_to_PC response (readers.md §2.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// 0x80 DataBlock, 0x81 SlotStatus, 0x82 Parameters, 0x83 Escape.
    pub message_type: u8,
    /// bSlot.
    pub slot: u8,
    /// bSeq.
    pub seq: u8,
    /// bStatus.
    pub status: Status,
    /// bError.
    pub error: SlotError,
    /// Byte 9: bChainParameter / bClockStatus / bProtocolNum.
    pub specific: u8,
    /// abData.
    pub data: Vec<u8>,
}

impl Response {
    /// Reads a response; the message type must be one of 0x80..0x84.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let m = RawMessage::decode(bytes)?;
        if !(0x80..=0x84).contains(&m.message_type) {
            return Err(DecodeError::Invalid {
                what: "CCID response",
                reason: "message type is not RDR_to_PC (0x80..0x84)",
            });
        }
        let [s, e, x] = m.params;
        Ok(Self {
            message_type: m.message_type,
            slot: m.slot,
            seq: m.seq,
            status: Status::from_byte(s),
            error: SlotError(e),
            specific: x,
            data: m.data,
        })
    }

    /// Encodes a response (the simulator's side).
    pub fn encode(&self) -> Vec<u8> {
        RawMessage {
            message_type: self.message_type,
            slot: self.slot,
            seq: self.seq,
            params: [self.status.to_byte(), self.error.0, self.specific],
            data: self.data.clone(),
        }
        .encode()
    }
}

/// A message on the interrupt-IN endpoint (readers.md §2.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Interrupt {
    /// 0x50 RDR_to_PC_NotifySlotChange: per slot (card present, changed since last report).
    SlotChange(Vec<(bool, bool)>),
    /// 0x51 RDR_to_PC_HardwareError.
    HardwareError {
        /// bSlot.
        slot: u8,
        /// bSeq.
        seq: u8,
        /// bHardwareErrorCode (0x01 over-current).
        code: u8,
    },
}

impl Interrupt {
    /// Decodes an interrupt message. For NotifySlotChange every 2-bit slot field present is
    /// reported (⌈slots×2/8⌉ bytes).
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(bytes, "CCID interrupt message");
        match c.u8()? {
            message_type::NOTIFY_SLOT_CHANGE => {
                let rest = c.rest();
                if rest.is_empty() {
                    return Err(DecodeError::Truncated {
                        what: "CCID interrupt message",
                        at: 1,
                        needed: 1,
                    });
                }
                let states = rest
                    .iter()
                    .flat_map(|b| {
                        (0..4).map(move |i| ((b >> (2 * i)) & 1 != 0, (b >> (2 * i + 1)) & 1 != 0))
                    })
                    .collect();
                Ok(Self::SlotChange(states))
            }
            message_type::HARDWARE_ERROR => {
                let m = Self::HardwareError {
                    slot: c.u8()?,
                    seq: c.u8()?,
                    code: c.u8()?,
                };
                c.finish()?;
                Ok(m)
            }
            _ => Err(c.invalid("unknown interrupt message type")),
        }
    }

    /// Encodes the message.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Self::SlotChange(states) => {
                let mut o = alloc::vec![message_type::NOTIFY_SLOT_CHANGE];
                for chunk in states.chunks(4) {
                    let mut b = 0u8;
                    for (i, (present, changed)) in chunk.iter().enumerate() {
                        b |= (u8::from(*present) | (u8::from(*changed) << 1)) << (2 * i);
                    }
                    o.push(b);
                }
                o
            }
            Self::HardwareError { slot, seq, code } => {
                alloc::vec![message_type::HARDWARE_ERROR, *slot, *seq, *code]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_power_on_and_xfr_block_exactly() {
        assert_eq!(
            Command::IccPowerOn(PowerSelect::Automatic)
                .to_message(0, 1)
                .encode(),
            [0x62, 0, 0, 0, 0, 0, 1, 0, 0, 0]
        );
        let xfr = Command::XfrBlock {
            bwi: 0,
            level: ChainParameter::Begins,
            data: alloc::vec![0x00, 0xA4],
        };
        assert_eq!(
            xfr.to_message(0, 7).encode(),
            [0x6F, 2, 0, 0, 0, 0, 7, 0, 0x01, 0x00, 0x00, 0xA4]
        );
        let set = Command::SetParameters(ProtocolParameters::T1 {
            findex_dindex: 0x11,
            tccks: 0x10,
            guard_time: 0xFF,
            waiting_integers: 0x45,
            clock_stop: 0,
            ifsc: 0xFE,
            nad: 0,
        });
        assert_eq!(
            set.to_message(0, 2).encode(),
            [0x61, 7, 0, 0, 0, 0, 2, 1, 0, 0, 0x11, 0x10, 0xFF, 0x45, 0, 0xFE, 0]
        );
        for cmd in [
            xfr,
            set,
            Command::GetSlotStatus,
            Command::Escape(alloc::vec![0xFF, 0x50]),
        ] {
            let m = RawMessage::decode(&cmd.to_message(0, 3).encode()).expect("valid");
            assert_eq!(Command::from_message(&m), Ok(cmd));
        }
    }

    #[test]
    fn debug_never_shows_command_data() {
        let verify = Command::XfrBlock {
            bwi: 0,
            level: ChainParameter::Whole,
            data: alloc::vec![0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34],
        };
        assert_eq!(
            alloc::format!("{verify:?}"),
            "XfrBlock { bwi: 0, level: Whole, data: <9 bytes> }"
        );
        let mut wiped = verify.clone();
        wiped.wipe();
        assert_eq!(
            wiped,
            Command::XfrBlock {
                bwi: 0,
                level: ChainParameter::Whole,
                data: alloc::vec![]
            }
        );
        let m = verify.to_message(0, 1);
        assert_eq!(
            alloc::format!("{m:?}"),
            "RawMessage { message_type: 111, slot: 0, seq: 1, params: [0, 0, 0], data: <9 bytes> }"
        );
    }

    #[test]
    fn decodes_status_time_extension_and_errors() {
        let r = Response::decode(&[0x80, 0, 0, 0, 0, 0, 5, 0x80, 0x01, 0]).expect("valid");
        assert_eq!(
            r.status,
            Status {
                icc: IccStatus::Active,
                command: CommandStatus::TimeExtension,
                rfu: 0
            }
        );
        let r = Response::decode(&[0x81, 0, 0, 0, 0, 0, 5, 0x42, 0xFE, 0]).expect("valid");
        assert_eq!(
            r.status,
            Status {
                icc: IccStatus::Absent,
                command: CommandStatus::Failed,
                rfu: 0
            }
        );
        assert_eq!(r.error, SlotError::ICC_MUTE);
        assert_eq!(r.error.name(), Some("ICC_MUTE"));
        assert_eq!(SlotError(5).name(), None);
        assert_eq!(Response::decode(&r.encode()), Ok(r));
    }

    #[test]
    fn rejects_a_length_that_does_not_match() {
        assert_eq!(
            RawMessage::decode(&[0x80, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x90]),
            Err(DecodeError::Truncated {
                what: "CCID message",
                at: 10,
                needed: 1
            })
        );
        assert_eq!(
            RawMessage::decode(&[0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x90]),
            Err(DecodeError::Trailing {
                what: "CCID message",
                count: 1
            })
        );
        assert!(Response::decode(&[0x6F, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
    }

    #[test]
    fn decodes_notify_slot_change() {
        // Slot 0 present and changed (bits 0b11), slot 1 absent and changed (0b10).
        let m = Interrupt::decode(&[0x50, 0b0000_1011]).expect("valid");
        assert_eq!(
            m,
            Interrupt::SlotChange(alloc::vec![
                (true, true),
                (false, true),
                (false, false),
                (false, false)
            ])
        );
        assert_eq!(m.encode(), [0x50, 0b0000_1011]);
        assert_eq!(
            Interrupt::decode(&[0x51, 0, 9, 1]),
            Ok(Interrupt::HardwareError {
                slot: 0,
                seq: 9,
                code: 1
            })
        );
    }
}
