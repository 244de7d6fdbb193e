//! Port-100 commands and their answers (readers.md §3.3–3.4). DATA is `D6 <code> <params>`,
//! the answer `D7 <code+1> <payload>`.

use alloc::vec::Vec;

use crate::codec::{Cursor, DecodeError};

/// Command codes (readers.md §3.3).
pub mod code {
    #![allow(missing_docs)]
    pub const IN_SET_RF: u8 = 0x00;
    pub const IN_SET_PROTOCOL: u8 = 0x02;
    pub const IN_COMM_RF: u8 = 0x04;
    pub const SWITCH_RF: u8 = 0x06;
    pub const GET_FIRMWARE_VERSION: u8 = 0x20;
    pub const GET_PD_DATA_VERSION: u8 = 0x22;
    pub const SET_COMMAND_TYPE: u8 = 0x2A;
}

/// InSetRF for ISO 14443 Type B at 106 kbit/s (readers.md §3.4).
pub const IN_SET_RF_106B: [u8; 4] = [0x03, 0x07, 0x0F, 0x07];

/// InSetProtocol defaults, always sent first (readers.md §3.4).
pub const IN_SET_PROTOCOL_DEFAULTS: [u8; 38] = [
    0x00, 0x18, 0x01, 0x01, 0x02, 0x01, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06, 0x00, 0x07, 0x08,
    0x08, 0x00, 0x09, 0x00, 0x0A, 0x00, 0x0B, 0x00, 0x0C, 0x00, 0x0E, 0x04, 0x0F, 0x00, 0x10, 0x00,
    0x11, 0x00, 0x12, 0x00, 0x13, 0x06,
];

/// InSetProtocol Type B overrides: SOF/EOF on, initial guard time 20 (readers.md §3.4).
pub const IN_SET_PROTOCOL_TYPE_B: [u8; 10] =
    [0x0B, 0x01, 0x09, 0x01, 0x0C, 0x01, 0x0A, 0x01, 0x00, 0x14];

/// The DATA of a command frame.
pub fn command_data(code: u8, params: &[u8]) -> Vec<u8> {
    let mut d = alloc::vec![0xD6, code];
    d.extend_from_slice(params);
    d
}

/// The payload of the answer to `code`: checks `D7 <code+1>`.
pub fn response_payload(data: &[u8], code: u8) -> Result<&[u8], DecodeError> {
    let mut c = Cursor::new(data, "Port-100 response");
    if c.u8()? != 0xD7 {
        return Err(c.invalid("answer does not start with D7"));
    }
    if c.u8()? != code.wrapping_add(1) {
        return Err(c.invalid("answer is for another command"));
    }
    Ok(c.rest())
}

/// InCommRF timeout parameter: 0.1 ms units, `min((ms + 1) × 10, 0xFFFF)` (readers.md §3.3).
pub fn in_comm_rf_timeout(ms: u32) -> [u8; 2] {
    let units = ms.saturating_add(1).saturating_mul(10).min(0xFFFF);
    u16::try_from(units).unwrap_or(u16::MAX).to_le_bytes()
}

/// InCommRF error bits (readers.md §3.3).
pub mod rf_error {
    #![allow(missing_docs)]
    pub const PROTOCOL: u32 = 0x01;
    pub const PARITY: u32 = 0x02;
    pub const CRC: u32 = 0x04;
    pub const COLLISION: u32 = 0x08;
    pub const OVERFLOW: u32 = 0x10;
    pub const TEMPERATURE: u32 = 0x40;
    pub const RECEIVE_TIMEOUT: u32 = 0x80;
    pub const RF_OFF: u32 = 0x400;
    pub const TRANSMIT_TIMEOUT: u32 = 0x800;
    pub const RECEIVE_LENGTH: u32 = 0x8000_0000;
}

/// An InCommRF answer: `err (4, LE) | 1 byte | RF data…` after `D7 05`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InCommRfAnswer {
    /// Error bit mask (0 = received correctly).
    pub errors: u32,
    /// The byte after the error mask (meaning not documented; nfcpy skips it), kept.
    pub flags: u8,
    /// The received RF frame (CRC removed by the reader).
    pub data: Vec<u8>,
}

impl InCommRfAnswer {
    /// Parses the payload after `D7 05`.
    pub fn parse(payload: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(payload, "InCommRF answer");
        let errors = c.u32_le()?;
        let flags = c.u8()?;
        Ok(Self {
            errors,
            flags,
            data: c.rest().to_vec(),
        })
    }

    /// Encodes the payload (simulator side).
    pub fn to_payload(&self) -> Vec<u8> {
        let mut o = self.errors.to_le_bytes().to_vec();
        o.push(self.flags);
        o.extend_from_slice(&self.data);
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_reads_commands() {
        assert_eq!(
            command_data(code::SET_COMMAND_TYPE, &[1]),
            [0xD6, 0x2A, 0x01]
        );
        assert_eq!(
            response_payload(&[0xD7, 0x2B, 0x00], code::SET_COMMAND_TYPE),
            Ok(&[0x00][..])
        );
        assert!(response_payload(&[0xD7, 0x21, 0x00], code::SET_COMMAND_TYPE).is_err());
        assert_eq!(in_comm_rf_timeout(30), [0x36, 0x01]);
        assert_eq!(in_comm_rf_timeout(100_000), [0xFF, 0xFF]);
        let a = InCommRfAnswer::parse(&[0x80, 0, 0, 0, 0]).expect("valid");
        assert_eq!(
            a,
            InCommRfAnswer {
                errors: rf_error::RECEIVE_TIMEOUT,
                flags: 0,
                data: alloc::vec![]
            }
        );
        assert_eq!(InCommRfAnswer::parse(&a.to_payload()), Ok(a));
    }
}
