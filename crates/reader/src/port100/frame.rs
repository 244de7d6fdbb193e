//! NFC Port-100 frames (readers.md §3.2).
//!
//! ```text
//! ACK            00 00 FF 00 FF 00
//! error frame    00 00 FF FF FF                                   (exactly 5 bytes)
//! extended frame 00 00 FF FF FF | LEN_lo LEN_hi | LCS | DATA… | DCS | 00
//!                LCS = (0x100 − (LEN_lo + LEN_hi)) & 0xFF,  DCS = (0x100 − Σ DATA) & 0xFF
//! DATA           host→device D6 <cmd> <params…>;  device→host D7 <cmd+1> <…>
//! ```

use alloc::vec::Vec;

use crate::codec::{complement_sum, Cursor, DecodeError};

/// The ACK frame.
pub const ACK: [u8; 6] = [0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00];
/// The error frame.
pub const ERROR_FRAME: [u8; 5] = [0x00, 0x00, 0xFF, 0xFF, 0xFF];

/// One Port-100 frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Acknowledgement (also the host's soft reset/cancel).
    Ack,
    /// The device's error frame.
    Error,
    /// An extended frame with its DATA.
    Data(Vec<u8>),
}

impl Frame {
    /// Encodes the frame.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Self::Ack => ACK.to_vec(),
            Self::Error => ERROR_FRAME.to_vec(),
            Self::Data(data) => {
                let len = u16::try_from(data.len()).unwrap_or(u16::MAX).to_le_bytes();
                let mut o = Vec::with_capacity(data.len() + 10);
                o.extend_from_slice(&[
                    0x00,
                    0x00,
                    0xFF,
                    0xFF,
                    0xFF,
                    len[0],
                    len[1],
                    complement_sum(&len),
                ]);
                o.extend_from_slice(data);
                o.push(complement_sum(data));
                o.push(0x00);
                o
            }
        }
    }

    /// Decodes one frame, checking LCS, DCS and the postamble.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        if bytes == ACK {
            return Ok(Self::Ack);
        }
        if bytes == ERROR_FRAME {
            return Ok(Self::Error);
        }
        let mut c = Cursor::new(bytes, "Port-100 frame");
        if c.array::<3>()? != [0x00, 0x00, 0xFF] {
            return Err(c.invalid("missing preamble and start code 00 00 FF"));
        }
        if c.array::<2>()? != [0xFF, 0xFF] {
            return Err(c.invalid("not an extended frame (FF FF after the start code)"));
        }
        let len = c.array::<2>()?;
        let lcs = c.u8()?;
        if complement_sum(&len) != lcs {
            return Err(DecodeError::Checksum {
                what: "Port-100 frame LCS",
            });
        }
        let data = c.take(usize::from(u16::from_le_bytes(len)))?.to_vec();
        let dcs = c.u8()?;
        if complement_sum(&data) != dcs {
            return Err(DecodeError::Checksum {
                what: "Port-100 frame DCS",
            });
        }
        if c.u8()? != 0x00 {
            return Err(c.invalid("postamble is not 00"));
        }
        c.finish()?;
        Ok(Self::Data(data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn matches_the_nfcpy_set_command_type_example() {
        // readers.md §3.2 worked example
        let cmd = Frame::Data(vec![0xD6, 0x2A, 0x01]);
        assert_eq!(
            cmd.encode(),
            [0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x03, 0x00, 0xFD, 0xD6, 0x2A, 0x01, 0xFF, 0x00]
        );
        let resp = [
            0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x03, 0x00, 0xFD, 0xD7, 0x2B, 0x00, 0xFE, 0x00,
        ];
        assert_eq!(
            Frame::decode(&resp),
            Ok(Frame::Data(vec![0xD7, 0x2B, 0x00]))
        );
        assert_eq!(Frame::decode(&ACK), Ok(Frame::Ack));
        assert_eq!(Frame::decode(&ERROR_FRAME), Ok(Frame::Error));
    }

    #[test]
    fn rejects_bad_checksums_and_postamble() {
        let mut f = Frame::Data(vec![0xD7, 0x2B, 0x00]).encode();
        f[7] ^= 1;
        assert_eq!(
            Frame::decode(&f),
            Err(DecodeError::Checksum {
                what: "Port-100 frame LCS"
            })
        );
        let mut f = Frame::Data(vec![0xD7, 0x2B, 0x00]).encode();
        f[11] ^= 1;
        assert_eq!(
            Frame::decode(&f),
            Err(DecodeError::Checksum {
                what: "Port-100 frame DCS"
            })
        );
        let mut f = Frame::Data(vec![0xD7]).encode();
        f[10] = 0x01;
        assert_eq!(
            Frame::decode(&f),
            Err(DecodeError::Invalid {
                what: "Port-100 frame",
                reason: "postamble is not 00"
            })
        );
        assert!(Frame::decode(&[0x00, 0x00, 0xFF, 0x03, 0xFD]).is_err());
    }
}
