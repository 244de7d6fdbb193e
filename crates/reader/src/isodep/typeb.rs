//! ISO/IEC 14443-3 Type B activation done by the host (readers.md §3.5): REQB, ATQB, ATTRIB,
//! and the frame sizes and waiting times that follow from them.

use alloc::vec::Vec;

use crate::codec::{xor_all, Cursor, DecodeError};

/// REQB / SENSB_REQ: APf 05, AFI 00 (all families), PARAM 10 (extended ATQB, REQB, 1 slot).
pub const REQB: [u8; 3] = [0x05, 0x00, 0x10];

/// FSCI/FSDI → frame size (readers.md §3.5); codes above 8 are clamped to 8 (256).
pub fn frame_size(code: u8) -> usize {
    const SIZES: [usize; 9] = [16, 24, 32, 40, 48, 64, 96, 128, 256];
    SIZES.get(usize::from(code.min(8))).copied().unwrap_or(256)
}

/// Frame waiting time in µs for FWI (readers.md §3.5: 302.1 µs × 2^FWI; FWI 15 is RFU and
/// read as 4, as nfcpy does).
pub fn fwt_us(fwi: u8) -> u32 {
    let fwi = if fwi > 14 { 4 } else { fwi };
    let cycles = 4096u64 << fwi; // 256 × 16 / fc × 2^FWI, fc = 13.56 MHz
    u32::try_from(cycles * 100 / 1356).unwrap_or(u32::MAX)
}

/// ΔFWT added to every wait (readers.md §3.5: 49152 / fc ≈ 3.62 ms).
pub const DELTA_FWT_US: u32 = 3625;

/// ATQB / SENSB_RES.
///
/// ```text
/// 50 | PUPI (4) | Application data (4) | Protocol info (3+):
///      byte 1 bit rates | byte 2 FSCI (hi) · protocol type (lo) | byte 3 FWI (hi) · ADC · FO
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Atqb {
    /// Pseudo-unique PICC identifier.
    pub pupi: [u8; 4],
    /// Application data.
    pub application_data: [u8; 4],
    /// Protocol info bytes (3 or more).
    pub protocol_info: Vec<u8>,
}

impl Atqb {
    /// Parses an ATQB (CRC already removed by the reader).
    pub fn parse(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(bytes, "ATQB");
        if c.u8()? != 0x50 {
            return Err(c.invalid("first byte is not 50"));
        }
        let pupi = c.array()?;
        let application_data = c.array()?;
        let protocol_info = c.rest().to_vec();
        if protocol_info.len() < 3 {
            return Err(DecodeError::Truncated {
                what: "ATQB",
                at: bytes.len(),
                needed: 3 - protocol_info.len(),
            });
        }
        Ok(Self {
            pupi,
            application_data,
            protocol_info,
        })
    }

    /// Encodes the ATQB.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut o = alloc::vec![0x50];
        o.extend_from_slice(&self.pupi);
        o.extend_from_slice(&self.application_data);
        o.extend_from_slice(&self.protocol_info);
        o
    }

    fn info(&self, i: usize) -> u8 {
        self.protocol_info.get(i).copied().unwrap_or(0)
    }

    /// FSC: the largest frame the card accepts.
    pub fn fsc(&self) -> usize {
        frame_size(self.info(1) >> 4)
    }

    /// Whether the card follows ISO/IEC 14443-4.
    pub fn iso14443_4(&self) -> bool {
        self.info(1) & 0x01 != 0
    }

    /// FWI.
    pub fn fwi(&self) -> u8 {
        self.info(2) >> 4
    }

    /// Whether the card supports CID.
    pub fn cid_supported(&self) -> bool {
        self.info(2) & 0x01 != 0
    }

    /// ATTRIB for this card (readers.md §3.5): `1D PUPI 00 08 01 00` — default TR0/TR1 and
    /// SOF/EOF, FSDI 8 (256) at 106 kbit/s, ISO 14443-4, CID 0.
    pub fn attrib(&self) -> Vec<u8> {
        let mut o = alloc::vec![0x1D];
        o.extend_from_slice(&self.pupi);
        o.extend_from_slice(&[0x00, 0x08, 0x01, 0x00]);
        o
    }

    /// The PC/SC pseudo-ATR a contactless reader reports for this card (PC/SC part 3
    /// §3.1.3.2.3.2; mynacard.md §1): `3B 88 80 01 | application data (4) | protocol info (3) |
    /// MBLI·CID | TCK`.
    pub fn pseudo_atr(&self, attrib_answer: &[u8]) -> Vec<u8> {
        let mut o = alloc::vec![0x3B, 0x88, 0x80, 0x01];
        o.extend_from_slice(&self.application_data);
        o.extend_from_slice(self.protocol_info.get(..3).unwrap_or(&[0, 0, 0]));
        o.push(attrib_answer.first().copied().unwrap_or(0) & 0xF0);
        o.push(xor_all(o.get(1..).unwrap_or(&[])));
        o
    }
}

/// Checks the answer to ATTRIB: `MBLI (hi) | CID (lo)` [+ higher-layer data]; CID must be 0.
pub fn check_attrib_answer(bytes: &[u8]) -> Result<(), DecodeError> {
    let first = *bytes.first().ok_or(DecodeError::Truncated {
        what: "ATTRIB answer",
        at: 0,
        needed: 1,
    })?;
    if first & 0x0F != 0 {
        return Err(DecodeError::Invalid {
            what: "ATTRIB answer",
            reason: "card answered with a CID other than 0",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ATQB: [u8; 12] = [
        0x50, 0x12, 0x34, 0x56, 0x78, 0x00, 0x00, 0x00, 0x00, 0x00, 0x81, 0xE1,
    ];

    #[test]
    fn reads_the_atqb_and_builds_attrib() {
        let a = Atqb::parse(&ATQB).expect("valid");
        assert_eq!(a.pupi, [0x12, 0x34, 0x56, 0x78]);
        assert_eq!(
            (a.fsc(), a.fwi(), a.iso14443_4(), a.cid_supported()),
            (256, 14, true, true)
        );
        assert_eq!(
            a.attrib(),
            [0x1D, 0x12, 0x34, 0x56, 0x78, 0x00, 0x08, 0x01, 0x00]
        );
        assert_eq!(a.to_bytes(), ATQB);
        assert_eq!(
            a.pseudo_atr(&[0x00]),
            [0x3B, 0x88, 0x80, 0x01, 0, 0, 0, 0, 0x00, 0x81, 0xE1, 0x00, 0x69]
        );
        assert_eq!(check_attrib_answer(&[0x00]), Ok(()));
        assert!(check_attrib_answer(&[0x01]).is_err());
    }

    #[test]
    fn computes_fwt_and_frame_sizes() {
        assert_eq!(fwt_us(0), 302);
        assert_eq!(fwt_us(13), 2_474_515);
        assert_eq!(fwt_us(15), fwt_us(4));
        assert_eq!(
            (frame_size(0), frame_size(5), frame_size(8), frame_size(12)),
            (16, 64, 256, 256)
        );
    }

    #[test]
    fn rejects_a_short_or_wrong_atqb() {
        assert!(Atqb::parse(&ATQB[..10]).is_err());
        assert_eq!(
            Atqb::parse(&[0x51, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            Err(DecodeError::Invalid {
                what: "ATQB",
                reason: "first byte is not 50"
            })
        );
    }
}
