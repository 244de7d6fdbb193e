//! ISO-DEP blocks (ISO/IEC 14443-4 §7.1; readers.md §3.6), without the CRC the reader adds.
//!
//! ```text
//! PCB [CID] [NAD] INF…
//!
//! I-block   0 0 0 c  C N 1 b    0x02 | bn, +0x10 chaining, +0x08 CID follows, +0x04 NAD follows
//! R-block   1 0 1 k  C 0 1 b    0xA2 | bn = R(ACK), +0x10 = R(NAK), +0x08 CID follows
//! S-block   1 1 x x  C 0 1 0    0xC2 DESELECT, 0xF2 WTX (+ INF: WTXM in bits 5..0), +0x08 CID
//! ```

use alloc::vec::Vec;

use crate::codec::{Cursor, DecodeError};

/// Supervisory block kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SBlock {
    /// S(DESELECT).
    Deselect,
    /// S(WTX) with its INF byte (power level bits 7..6, WTXM bits 5..0).
    Wtx(u8),
}

/// An ISO-DEP block. `Debug` shows INF lengths only (it may carry a PIN).
#[derive(Clone, PartialEq, Eq)]
pub enum Block {
    /// Information block.
    I {
        /// Block number.
        bn: bool,
        /// More blocks follow (chaining).
        chaining: bool,
        /// CID byte, when present.
        cid: Option<u8>,
        /// NAD byte, when present.
        nad: Option<u8>,
        /// INF.
        inf: Vec<u8>,
    },
    /// Receive-ready block.
    R {
        /// Block number.
        bn: bool,
        /// NAK (otherwise ACK).
        nak: bool,
        /// CID byte, when present.
        cid: Option<u8>,
    },
    /// Supervisory block.
    S {
        /// DESELECT or WTX.
        kind: SBlock,
        /// CID byte, when present.
        cid: Option<u8>,
    },
}

impl core::fmt::Debug for Block {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::redact::Redacted;
        match self {
            Self::I {
                bn,
                chaining,
                cid,
                nad,
                inf,
            } => f
                .debug_struct("I")
                .field("bn", bn)
                .field("chaining", chaining)
                .field("cid", cid)
                .field("nad", nad)
                .field("inf", &Redacted(inf))
                .finish(),
            Self::R { bn, nak, cid } => f
                .debug_struct("R")
                .field("bn", bn)
                .field("nak", nak)
                .field("cid", cid)
                .finish(),
            Self::S { kind, cid } => f
                .debug_struct("S")
                .field("kind", kind)
                .field("cid", cid)
                .finish(),
        }
    }
}

impl Block {
    /// Encodes PCB, CID, NAD and INF.
    pub fn encode(&self) -> Vec<u8> {
        let cid_bit = |cid: &Option<u8>| if cid.is_some() { 0x08 } else { 0 };
        let mut o = Vec::new();
        match self {
            Self::I {
                bn,
                chaining,
                cid,
                nad,
                inf,
            } => {
                o.push(
                    0x02 | u8::from(*bn)
                        | if *chaining { 0x10 } else { 0 }
                        | cid_bit(cid)
                        | if nad.is_some() { 0x04 } else { 0 },
                );
                o.extend(cid.iter().chain(nad.iter()));
                o.extend_from_slice(inf);
            }
            Self::R { bn, nak, cid } => {
                o.push(0xA2 | u8::from(*bn) | if *nak { 0x10 } else { 0 } | cid_bit(cid));
                o.extend(cid.iter());
            }
            Self::S { kind, cid } => {
                let base = match kind {
                    SBlock::Deselect => 0xC2,
                    SBlock::Wtx(_) => 0xF2,
                };
                o.push(base | cid_bit(cid));
                o.extend(cid.iter());
                if let SBlock::Wtx(inf) = kind {
                    o.push(*inf);
                }
            }
        }
        o
    }

    /// Decodes a block.
    pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(bytes, "ISO-DEP block");
        let pcb = c.u8()?;
        let cid = if pcb & 0x08 != 0 { Some(c.u8()?) } else { None };
        let block = match pcb & 0xC0 {
            0x00 => {
                if pcb & 0x22 != 0x02 {
                    return Err(c.invalid("I-block PCB bits 6 and 2 must be 0 and 1"));
                }
                let nad = if pcb & 0x04 != 0 { Some(c.u8()?) } else { None };
                Self::I {
                    bn: pcb & 1 != 0,
                    chaining: pcb & 0x10 != 0,
                    cid,
                    nad,
                    inf: c.rest().to_vec(),
                }
            }
            0x80 => {
                if pcb & 0x26 != 0x22 {
                    return Err(c.invalid("malformed R-block PCB"));
                }
                Self::R {
                    bn: pcb & 1 != 0,
                    nak: pcb & 0x10 != 0,
                    cid,
                }
            }
            0xC0 => {
                if pcb & 0x07 != 0x02 {
                    return Err(c.invalid("malformed S-block PCB"));
                }
                match pcb & 0x30 {
                    0x00 => Self::S {
                        kind: SBlock::Deselect,
                        cid,
                    },
                    0x30 => Self::S {
                        kind: SBlock::Wtx(c.u8()?),
                        cid,
                    },
                    _ => return Err(c.invalid("unknown S-block")),
                }
            }
            _ => return Err(c.invalid("PCB 01xxxxxx is RFU")),
        };
        c.finish()?;
        Ok(block)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn encodes_the_blocks_of_readers_md_3_6() {
        assert_eq!(
            Block::I {
                bn: true,
                chaining: true,
                cid: None,
                nad: None,
                inf: vec![0x00, 0xA4]
            }
            .encode(),
            [0x13, 0x00, 0xA4]
        );
        assert_eq!(
            Block::R {
                bn: false,
                nak: false,
                cid: None
            }
            .encode(),
            [0xA2]
        );
        assert_eq!(
            Block::R {
                bn: true,
                nak: true,
                cid: None
            }
            .encode(),
            [0xB3]
        );
        assert_eq!(
            Block::S {
                kind: SBlock::Deselect,
                cid: None
            }
            .encode(),
            [0xC2]
        );
        assert_eq!(
            Block::S {
                kind: SBlock::Wtx(0x3B),
                cid: None
            }
            .encode(),
            [0xF2, 0x3B]
        );
        assert_eq!(
            Block::I {
                bn: false,
                chaining: false,
                cid: Some(0),
                nad: None,
                inf: vec![0x90, 0x00]
            }
            .encode(),
            [0x0A, 0x00, 0x90, 0x00]
        );
    }

    #[test]
    fn decodes_what_it_encodes() {
        for b in [
            Block::I {
                bn: true,
                chaining: false,
                cid: Some(1),
                nad: Some(2),
                inf: vec![1, 2, 3],
            },
            Block::R {
                bn: true,
                nak: true,
                cid: Some(0),
            },
            Block::S {
                kind: SBlock::Wtx(5),
                cid: None,
            },
            Block::S {
                kind: SBlock::Deselect,
                cid: Some(3),
            },
        ] {
            assert_eq!(Block::decode(&b.encode()), Ok(b));
        }
    }

    #[test]
    fn rejects_rfu_and_truncated_blocks() {
        assert_eq!(
            Block::decode(&[0x42]),
            Err(DecodeError::Invalid {
                what: "ISO-DEP block",
                reason: "PCB 01xxxxxx is RFU"
            })
        );
        assert!(matches!(
            Block::decode(&[0xF2]),
            Err(DecodeError::Truncated { .. })
        ));
        assert!(matches!(
            Block::decode(&[]),
            Err(DecodeError::Truncated { .. })
        ));
        assert_eq!(
            Block::decode(&[0xA2, 0x00]),
            Err(DecodeError::Trailing {
                what: "ISO-DEP block",
                count: 1
            })
        );
    }
}
