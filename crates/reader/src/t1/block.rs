//! T=1 blocks (ISO/IEC 7816-3 §11.3; readers.md §2.7).
//!
//! ```text
//! NAD (1) | PCB (1) | LEN (1) | INF (0..254) | EDC (1, LRC = XOR of all prior bytes)
//!
//! PCB  I-block  0 N(S) M 0 0000       0x00 / 0x40, +0x20 when more blocks follow (chaining)
//!      R-block  1 0 0 N(R) 00 ee      0x80 / 0x90, ee: 0 OK, 1 EDC/parity error, 2 other error
//!      S-block  1 1 r 000 kk          0xC0 + kind (0 RESYNCH, 1 IFS, 2 ABORT, 3 WTX), r = 0x20 response
//! ```
//! Only the LRC epilogue is implemented (the CRC option is refused by the driver).

use alloc::vec::Vec;

use crate::codec::{xor_all, Cursor, DecodeError};

/// Error indication in an R-block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RError {
    /// 0: error-free acknowledgement.
    None,
    /// 1: EDC or parity error.
    Edc,
    /// 2: other error.
    Other,
}

/// S-block kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SKind {
    /// 0: RESYNCH.
    Resynch,
    /// 1: IFS (INF = new size).
    Ifs,
    /// 2: ABORT.
    Abort,
    /// 3: WTX (INF = multiplier).
    Wtx,
}

/// A T=1 block without its NAD and epilogue. `Debug` shows INF lengths only (it may carry a
/// PIN).
#[derive(Clone, PartialEq, Eq)]
pub enum Block {
    /// Information block.
    I {
        /// N(S).
        ns: bool,
        /// M: more blocks follow.
        more: bool,
        /// INF.
        inf: Vec<u8>,
    },
    /// Receive-ready block.
    R {
        /// N(R): the N(S) expected next.
        nr: bool,
        /// Error indication.
        error: RError,
    },
    /// Supervisory block.
    S {
        /// Which request.
        kind: SKind,
        /// Response (true) or request.
        response: bool,
        /// INF (IFS size or WTX multiplier).
        inf: Vec<u8>,
    },
}

impl core::fmt::Debug for Block {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::redact::Redacted;
        match self {
            Self::I { ns, more, inf } => f
                .debug_struct("I")
                .field("ns", ns)
                .field("more", more)
                .field("inf", &Redacted(inf))
                .finish(),
            Self::R { nr, error } => f
                .debug_struct("R")
                .field("nr", nr)
                .field("error", error)
                .finish(),
            Self::S {
                kind,
                response,
                inf,
            } => f
                .debug_struct("S")
                .field("kind", kind)
                .field("response", response)
                .field("inf", inf)
                .finish(),
        }
    }
}

impl Block {
    /// The PCB byte.
    pub fn pcb(&self) -> u8 {
        match self {
            Self::I { ns, more, .. } => (u8::from(*ns) << 6) | (u8::from(*more) << 5),
            Self::R { nr, error } => {
                0x80 | (u8::from(*nr) << 4)
                    | match error {
                        RError::None => 0,
                        RError::Edc => 1,
                        RError::Other => 2,
                    }
            }
            Self::S { kind, response, .. } => {
                0xC0 | (u8::from(*response) << 5)
                    | match kind {
                        SKind::Resynch => 0,
                        SKind::Ifs => 1,
                        SKind::Abort => 2,
                        SKind::Wtx => 3,
                    }
            }
        }
    }

    fn inf(&self) -> &[u8] {
        match self {
            Self::I { inf, .. } | Self::S { inf, .. } => inf,
            Self::R { .. } => &[],
        }
    }

    /// Encodes NAD, PCB, LEN, INF and the LRC. INF longer than 254 is truncated to 254 — callers
    /// split by IFSC first.
    pub fn encode(&self, nad: u8) -> Vec<u8> {
        let inf = self.inf();
        let inf = inf.get(..inf.len().min(254)).unwrap_or(inf);
        let mut o = Vec::with_capacity(inf.len() + 4);
        o.extend_from_slice(&[nad, self.pcb(), u8::try_from(inf.len()).unwrap_or(254)]);
        o.extend_from_slice(inf);
        o.push(xor_all(&o));
        o
    }

    /// Decodes a block, checking LEN and the LRC; returns (NAD, block).
    pub fn decode(bytes: &[u8]) -> Result<(u8, Self), DecodeError> {
        let mut c = Cursor::new(bytes, "T=1 block");
        let nad = c.u8()?;
        let pcb = c.u8()?;
        let len = c.u8()?;
        if len == 0xFF {
            return Err(c.invalid("LEN 0xFF is reserved"));
        }
        let inf = c.take(usize::from(len))?.to_vec();
        let _lrc = c.u8()?;
        c.clone().finish()?;
        if xor_all(bytes) != 0 {
            return Err(DecodeError::Checksum {
                what: "T=1 block LRC",
            });
        }
        let block = match pcb {
            p if p & 0x80 == 0 => {
                if p & 0x1F != 0 {
                    return Err(c.invalid("I-block PCB has reserved bits set"));
                }
                Self::I {
                    ns: p & 0x40 != 0,
                    more: p & 0x20 != 0,
                    inf,
                }
            }
            p if p & 0xC0 == 0x80 => {
                if p & 0x2C != 0 || !inf.is_empty() {
                    return Err(c.invalid("malformed R-block"));
                }
                let error = match p & 0x03 {
                    0 => RError::None,
                    1 => RError::Edc,
                    2 => RError::Other,
                    _ => return Err(c.invalid("R-block error code 3 is RFU")),
                };
                Self::R {
                    nr: p & 0x10 != 0,
                    error,
                }
            }
            p => {
                if p & 0x1C != 0 {
                    return Err(c.invalid("S-block PCB has reserved bits set"));
                }
                let kind = match p & 0x03 {
                    0 => SKind::Resynch,
                    1 => SKind::Ifs,
                    2 => SKind::Abort,
                    _ => SKind::Wtx,
                };
                Self::S {
                    kind,
                    response: p & 0x20 != 0,
                    inf,
                }
            }
        };
        Ok((nad, block))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_ifs_request_exactly() {
        let b = Block::S {
            kind: SKind::Ifs,
            response: false,
            inf: alloc::vec![0xFE],
        };
        assert_eq!(b.encode(0), [0x00, 0xC1, 0x01, 0xFE, 0x3E]);
        assert_eq!(Block::decode(&[0x00, 0xC1, 0x01, 0xFE, 0x3E]), Ok((0, b)));
    }

    #[test]
    fn encodes_i_and_r_blocks_exactly() {
        let i = Block::I {
            ns: true,
            more: true,
            inf: alloc::vec![0x00, 0x84, 0x00, 0x00, 0x08],
        };
        assert_eq!(
            i.encode(0),
            [0x00, 0x60, 0x05, 0x00, 0x84, 0x00, 0x00, 0x08, 0xE9]
        );
        assert_eq!(
            Block::R {
                nr: true,
                error: RError::Edc
            }
            .encode(0),
            [0x00, 0x91, 0x00, 0x91]
        );
        for b in [
            i,
            Block::R {
                nr: false,
                error: RError::Other,
            },
            Block::S {
                kind: SKind::Wtx,
                response: true,
                inf: alloc::vec![2],
            },
        ] {
            assert_eq!(Block::decode(&b.encode(0)), Ok((0, b)));
        }
    }

    #[test]
    fn rejects_bad_lrc_and_length() {
        assert_eq!(
            Block::decode(&[0x00, 0x00, 0x01, 0x90, 0x00]),
            Err(DecodeError::Checksum {
                what: "T=1 block LRC"
            })
        );
        assert_eq!(
            Block::decode(&[0x00, 0x00, 0x02, 0x90]),
            Err(DecodeError::Truncated {
                what: "T=1 block",
                at: 3,
                needed: 1
            })
        );
        assert!(Block::decode(&[0x00, 0x00, 0x00, 0x00, 0x00]).is_err());
    }
}
