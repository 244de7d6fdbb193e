//! Answer-to-Reset parsing (ISO/IEC 7816-3 §8.2; readers.md §2.6): what a TPDU-level host needs
//! for T=1 or T=0.
//!
//! ```text
//! TS | T0 | TA1 TB1 TC1 TD1 | TA2 TB2 TC2 TD2 | … | T1..TK (historical) | TCK
//!      T0 = Y1 (high nibble: which of TA1..TD1 follow) | K (historical byte count)
//!      TDi = Yi+1 (high nibble) | T (protocol, low nibble)
//! ```
//!
//! TA/TB/TC of group i ≥ 3 belong to the protocol named by TD(i−1): for T=1 the first such TA
//! is IFSC (default 32), TB is BWI/CWI (defaults 4/13), TC bit 0 is the EDC (0 LRC, 1 CRC).
//! TCK is present when any protocol other than T=0 is offered; T0..TCK XOR to zero.

use alloc::vec::Vec;

use crate::ccid::message::ProtocolParameters;
use crate::codec::{xor_all, Cursor, DecodeError};

/// One group of interface bytes (TAi, TBi, TCi, TDi).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InterfaceGroup {
    /// TAi.
    pub ta: Option<u8>,
    /// TBi.
    pub tb: Option<u8>,
    /// TCi.
    pub tc: Option<u8>,
    /// TDi.
    pub td: Option<u8>,
}

/// A parsed ATR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Atr {
    /// TS: 0x3B direct, 0x3F inverse convention.
    pub ts: u8,
    /// Interface byte groups, from group 1.
    pub groups: Vec<InterfaceGroup>,
    /// Historical bytes.
    pub historical: Vec<u8>,
    /// TCK, when present.
    pub tck: Option<u8>,
}

/// T=1 parameters from the ATR, with ISO defaults filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T1Parameters {
    /// Information field size of the card (bytes the card accepts per block).
    pub ifsc: u8,
    /// Block waiting integer.
    pub bwi: u8,
    /// Character waiting integer.
    pub cwi: u8,
    /// EDC is CRC (otherwise LRC).
    pub crc: bool,
}

impl Atr {
    /// Parses and checks an ATR (TCK included when required).
    pub fn parse(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(bytes, "ATR");
        let ts = c.u8()?;
        if ts != 0x3B && ts != 0x3F {
            return Err(c.invalid("TS is neither 3B nor 3F"));
        }
        let t0 = c.u8()?;
        let k = usize::from(t0 & 0x0F);
        let mut y = t0 >> 4;
        let mut groups = Vec::new();
        let mut needs_tck = false;
        loop {
            let mut g = InterfaceGroup::default();
            if y & 1 != 0 {
                g.ta = Some(c.u8()?);
            }
            if y & 2 != 0 {
                g.tb = Some(c.u8()?);
            }
            if y & 4 != 0 {
                g.tc = Some(c.u8()?);
            }
            if y & 8 != 0 {
                let td = c.u8()?;
                g.td = Some(td);
                if td & 0x0F != 0 {
                    needs_tck = true;
                }
                y = td >> 4;
            } else {
                y = 0;
            }
            groups.push(g);
            if g.td.is_none() {
                break;
            }
            if groups.len() > 32 {
                return Err(c.invalid("too many interface byte groups"));
            }
        }
        let historical = c.take(k)?.to_vec();
        let tck = if needs_tck {
            let tck = c.u8()?;
            if xor_all(bytes.get(1..).unwrap_or(&[])) != 0 {
                return Err(DecodeError::Checksum { what: "ATR TCK" });
            }
            Some(tck)
        } else {
            None
        };
        c.finish()?;
        Ok(Self {
            ts,
            groups,
            historical,
            tck,
        })
    }

    /// Encodes the ATR back (the TCK is recomputed when one was present).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut o = alloc::vec![self.ts];
        let y1 = self.groups.first().map(presence).unwrap_or(0);
        o.push((y1 << 4) | (u8::try_from(self.historical.len()).unwrap_or(0x0F) & 0x0F));
        for g in &self.groups {
            o.extend(
                g.ta.iter()
                    .chain(g.tb.iter())
                    .chain(g.tc.iter())
                    .chain(g.td.iter()),
            );
        }
        o.extend_from_slice(&self.historical);
        if self.tck.is_some() {
            o.push(xor_all(o.get(1..).unwrap_or(&[])));
        }
        o
    }

    /// Protocols offered (from the TD bytes); T=0 alone when there is no TD1.
    pub fn protocols(&self) -> Vec<u8> {
        let mut v: Vec<u8> = self
            .groups
            .iter()
            .filter_map(|g| g.td)
            .map(|td| td & 0x0F)
            .filter(|t| *t != 15)
            .collect();
        if v.is_empty() {
            v.push(0);
        }
        v.dedup();
        v
    }

    /// Whether T=1 is offered.
    pub fn offers_t1(&self) -> bool {
        self.protocols().contains(&1)
    }

    /// TA1 (Fi/Di), or the default 0x11.
    pub fn ta1(&self) -> u8 {
        self.groups.first().and_then(|g| g.ta).unwrap_or(0x11)
    }

    /// TC1 (extra guard time), or 0.
    pub fn tc1(&self) -> u8 {
        self.groups.first().and_then(|g| g.tc).unwrap_or(0)
    }

    /// The first group (i ≥ 3) specific to protocol `t`, as ISO/IEC 7816-3 §8.2.3 assigns it.
    fn first_specific(&self, t: u8) -> Option<&InterfaceGroup> {
        self.groups
            .windows(2)
            .skip(1)
            .find(|w| w.first().and_then(|g| g.td).map(|td| td & 0x0F) == Some(t))
            .and_then(|w| w.get(1))
    }

    /// T=1 parameters (IFSC default 32, BWI 4, CWI 13, LRC).
    pub fn t1_parameters(&self) -> T1Parameters {
        let g = self.first_specific(1);
        let ifsc = g
            .and_then(|g| g.ta)
            .filter(|v| *v != 0 && *v != 0xFF)
            .unwrap_or(32);
        let tb = g.and_then(|g| g.tb).unwrap_or(0x4D);
        let crc = g.and_then(|g| g.tc).is_some_and(|tc| tc & 1 != 0);
        T1Parameters {
            ifsc,
            bwi: tb >> 4,
            cwi: tb & 0x0F,
            crc,
        }
    }

    /// CCID SetParameters data for the protocol to use (readers.md §2.2): T=1 when offered.
    pub fn ccid_parameters(&self) -> ProtocolParameters {
        let inverse = if self.ts == 0x3F { 0x02 } else { 0 };
        if self.offers_t1() {
            let p = self.t1_parameters();
            ProtocolParameters::T1 {
                findex_dindex: self.ta1(),
                tccks: 0x10 | u8::from(p.crc) | inverse,
                guard_time: self.tc1(),
                waiting_integers: (p.bwi << 4) | p.cwi,
                clock_stop: 0,
                ifsc: p.ifsc,
                nad: 0,
            }
        } else {
            let wi = self.groups.get(1).and_then(|g| g.tc).unwrap_or(10);
            ProtocolParameters::T0 {
                findex_dindex: self.ta1(),
                tccks: inverse,
                guard_time: self.tc1(),
                waiting_integer: wi,
                clock_stop: 0,
            }
        }
    }
}

fn presence(g: &InterfaceGroup) -> u8 {
    u8::from(g.ta.is_some())
        | (u8::from(g.tb.is_some()) << 1)
        | (u8::from(g.tc.is_some()) << 2)
        | (u8::from(g.td.is_some()) << 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The My Number Card contact ATR (mynacard.md §1).
    const MYNA: [u8; 9] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];

    #[test]
    fn reads_the_my_number_card_contact_atr() {
        let atr = Atr::parse(&MYNA).expect("valid");
        assert_eq!(atr.protocols(), [1]);
        assert_eq!(
            atr.t1_parameters(),
            T1Parameters {
                ifsc: 254,
                bwi: 4,
                cwi: 5,
                crc: false
            }
        );
        assert_eq!(atr.tc1(), 0xFF);
        assert_eq!(atr.tck, Some(0x14));
        assert_eq!(atr.to_bytes(), MYNA);
        assert_eq!(
            atr.ccid_parameters(),
            ProtocolParameters::T1 {
                findex_dindex: 0x11,
                tccks: 0x10,
                guard_time: 0xFF,
                waiting_integers: 0x45,
                clock_stop: 0,
                ifsc: 0xFE,
                nad: 0
            }
        );
    }

    #[test]
    fn reads_the_2024_card_atr_with_historical_bytes() {
        let b = [
            0x3B, 0xDA, 0x13, 0xFF, 0x81, 0x31, 0xFB, 0x46, 0x80, 0x12, 0x39, 0x2F, 0x31, 0xC1,
            0x73, 0xC6, 0x01, 0xC0, 0x3B,
        ];
        let atr = Atr::parse(&b).expect("valid");
        assert_eq!(atr.ta1(), 0x13);
        assert_eq!(
            atr.t1_parameters(),
            T1Parameters {
                ifsc: 0xFB,
                bwi: 4,
                cwi: 6,
                crc: false
            }
        );
        assert_eq!(atr.historical.len(), 10);
        assert_eq!(atr.to_bytes(), b);
    }

    #[test]
    fn rejects_a_bad_tck_and_bad_ts() {
        let mut b = MYNA;
        b[8] ^= 1;
        assert_eq!(
            Atr::parse(&b),
            Err(DecodeError::Checksum { what: "ATR TCK" })
        );
        assert_eq!(
            Atr::parse(&[0x3C, 0x00]),
            Err(DecodeError::Invalid {
                what: "ATR",
                reason: "TS is neither 3B nor 3F"
            })
        );
        assert!(matches!(
            Atr::parse(&MYNA[..6]),
            Err(DecodeError::Truncated { .. })
        ));
    }

    #[test]
    fn defaults_to_t0_without_td1() {
        let atr = Atr::parse(&[0x3B, 0x02, 0x14, 0x50]).expect("valid");
        assert_eq!(atr.protocols(), [0]);
        assert_eq!(atr.tck, None);
        assert_eq!(
            atr.ccid_parameters(),
            ProtocolParameters::T0 {
                findex_dindex: 0x11,
                tccks: 0,
                guard_time: 0,
                waiting_integer: 10,
                clock_stop: 0
            }
        );
    }
}
