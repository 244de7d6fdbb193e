//! The ISO-DEP initiator (PCD side, ISO/IEC 14443-4 §7.5; readers.md §3.6), sans-IO, written
//! once for the RC-S380 and RC-S300 drivers.
//!
//! Rules applied (ISO/IEC 14443-4 §7.5.4 "PCD rules"):
//! - the block number starts at 0 after activation and toggles whenever an I-block or an
//!   R(ACK) with the current block number arrives;
//! - command chaining: I-blocks with the chaining bit, each acknowledged by R(ACK, current bn);
//! - response chaining: answer each chained I-block with R(ACK, current bn);
//! - S(WTX) is echoed, and the next wait is WTXM × FWT;
//! - a timeout or an invalid block is answered with R(NAK, current bn) (R(ACK) while the card
//!   is chaining), at most [`MAX_RETRIES`] times in a row;
//! - **an I-block is sent again only when the card answers R(ACK) with the other block number**
//!   (rule 6: the card says it never received it). Nothing else resends a command, so VERIFY
//!   cannot run twice for one request.

use alloc::vec::Vec;

use super::block::{Block, SBlock};
use super::typeb::{fwt_us, DELTA_FWT_US};

/// Errors ending an ISO-DEP exchange.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IsoDepError {
    /// The card broke the block protocol.
    #[error("ISO-DEP protocol error: {0}")]
    Protocol(&'static str),
    /// Too many timeouts or invalid blocks in a row.
    #[error("the card stopped answering (ISO-DEP, {0} retries)")]
    NoAnswer(u8),
}

/// What arrived from the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incoming<'a> {
    /// A frame (CRC already checked and removed by the reader).
    Frame(&'a [u8]),
    /// A frame the reader reported as damaged (CRC, parity, framing).
    Invalid,
    /// Nothing arrived within the timeout.
    Timeout,
}

/// What to do next. `Debug` shows lengths only.
#[derive(Clone, PartialEq, Eq)]
pub enum Step {
    /// Send this block and wait at most `timeout_ms` for the answer.
    Send {
        /// The block bytes (the reader adds the CRC).
        block: Vec<u8>,
        /// How long to wait for the answer.
        timeout_ms: u32,
    },
    /// The complete response APDU.
    Done(Vec<u8>),
}

impl core::fmt::Debug for Step {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::redact::Redacted;
        match self {
            Self::Send { block, timeout_ms } => f
                .debug_struct("Send")
                .field("block", &Redacted(block))
                .field("timeout_ms", timeout_ms)
                .finish(),
            Self::Done(r) => f.debug_tuple("Done").field(&Redacted(r)).finish(),
        }
    }
}

/// Consecutive R-block retries allowed (ISO/IEC 14443-4 §7.5.4: the PCD may retry; nfcpy
/// uses at most 5, we use 3).
pub const MAX_RETRIES: u8 = 3;

/// Link parameters from activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoDepParams {
    /// FSC: largest frame the card accepts (PCB + CID + NAD + INF + CRC).
    pub fsc: usize,
    /// FWI of the card.
    pub fwi: u8,
    /// CID in use, if any.
    pub cid: Option<u8>,
}

/// The link between exchanges: parameters and the current block number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoDepLink {
    /// Parameters.
    pub params: IsoDepParams,
    /// Current block number.
    pub bn: bool,
}

impl IsoDepLink {
    /// A freshly activated link (block number 0).
    pub fn new(params: IsoDepParams) -> Self {
        Self { params, bn: false }
    }

    /// Largest INF in one I-block: FSC − PCB − CRC(2) − CID.
    pub fn max_inf(&self) -> usize {
        self.params
            .fsc
            .saturating_sub(3 + usize::from(self.params.cid.is_some()))
            .max(1)
    }

    /// FWT + ΔFWT, in ms, times `multiplier`.
    pub fn timeout_ms(&self, multiplier: u8) -> u32 {
        let us = fwt_us(self.params.fwi)
            .saturating_mul(u32::from(multiplier.max(1)))
            .saturating_add(DELTA_FWT_US);
        us.div_ceil(1000)
    }

    /// S(DESELECT), sent when the session ends.
    pub fn deselect(&self) -> Vec<u8> {
        Block::S {
            kind: SBlock::Deselect,
            cid: self.params.cid,
        }
        .encode()
    }

    /// Whether bytes are the card's S(DESELECT) answer.
    pub fn is_deselect_answer(&self, bytes: &[u8]) -> bool {
        matches!(
            Block::decode(bytes),
            Ok(Block::S {
                kind: SBlock::Deselect,
                ..
            })
        )
    }

    /// Presence check (readers.md §3.6): R(NAK) with the current block number; any valid
    /// answer means the card is still there.
    pub fn presence_check(&self) -> Vec<u8> {
        Block::R {
            bn: self.bn,
            nak: true,
            cid: self.params.cid,
        }
        .encode()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Our chained I-block is out; waiting for R(ACK).
    Chaining,
    /// Our last I-block is out; waiting for the card's (first) I-block.
    AwaitingResponse,
    /// The card is chaining; we sent R(ACK).
    CardChaining,
}

/// One APDU exchange in progress. Its copies of the command are wiped when it is dropped;
/// `Debug` shows no bytes.
#[derive(Clone)]
pub struct Exchange {
    link: IsoDepLink,
    chunks: Vec<Vec<u8>>,
    index: usize,
    last_i_block: Vec<u8>,
    response: Vec<u8>,
    retries: u8,
    phase: Phase,
}

impl core::fmt::Debug for Exchange {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Exchange")
            .field("link", &self.link)
            .field("chunk", &self.index)
            .field("chunks", &self.chunks.len())
            .finish_non_exhaustive()
    }
}

impl Drop for Exchange {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.chunks.zeroize();
        self.last_i_block.zeroize();
        self.response.zeroize();
    }
}

impl Exchange {
    /// Starts sending `apdu`; returns the machine and the first step.
    pub fn start(link: IsoDepLink, apdu: &[u8]) -> (Self, Step) {
        let mut chunks: Vec<Vec<u8>> = apdu.chunks(link.max_inf()).map(<[u8]>::to_vec).collect();
        if chunks.is_empty() {
            chunks.push(Vec::new());
        }
        let phase = if chunks.len() > 1 {
            Phase::Chaining
        } else {
            Phase::AwaitingResponse
        };
        let mut x = Self {
            link,
            chunks,
            index: 0,
            last_i_block: Vec::new(),
            response: Vec::new(),
            retries: 0,
            phase,
        };
        let block = x.i_block();
        x.last_i_block = block.clone();
        let step = x.send(block, 1);
        (x, step)
    }

    /// The link state to keep for the next APDU.
    pub fn link(&self) -> IsoDepLink {
        self.link
    }

    fn i_block(&self) -> Vec<u8> {
        Block::I {
            bn: self.link.bn,
            chaining: self.index + 1 < self.chunks.len(),
            cid: self.link.params.cid,
            nad: None,
            inf: self.chunks.get(self.index).cloned().unwrap_or_default(),
        }
        .encode()
    }

    fn send(&self, block: Vec<u8>, multiplier: u8) -> Step {
        Step::Send {
            block,
            timeout_ms: self.link.timeout_ms(multiplier),
        }
    }

    fn r_block(&self, nak: bool) -> Vec<u8> {
        Block::R {
            bn: self.link.bn,
            nak,
            cid: self.link.params.cid,
        }
        .encode()
    }

    fn retry(&mut self) -> Result<Step, IsoDepError> {
        self.retries += 1;
        if self.retries > MAX_RETRIES {
            return Err(IsoDepError::NoAnswer(MAX_RETRIES));
        }
        // Rule 4/5: R(NAK) — or R(ACK) while the card is chaining.
        let block = self.r_block(self.phase != Phase::CardChaining);
        Ok(self.send(block, 1))
    }

    /// Feeds what arrived; returns the next step or an error that ends the exchange.
    pub fn on_incoming(&mut self, incoming: Incoming<'_>) -> Result<Step, IsoDepError> {
        let frame = match incoming {
            Incoming::Frame(f) => f,
            Incoming::Invalid | Incoming::Timeout => return self.retry(),
        };
        let Ok(block) = Block::decode(frame) else {
            return self.retry();
        };
        if let Some(cid) = block_cid(&block) {
            if Some(cid) != self.link.params.cid {
                return self.retry();
            }
        }
        match block {
            Block::S {
                kind: SBlock::Wtx(inf),
                cid,
            } => {
                let wtxm = inf & 0x3F;
                if !(1..=59).contains(&wtxm) {
                    return Err(IsoDepError::Protocol(
                        "S(WTX) with a multiplier outside 1..59",
                    ));
                }
                let echo = Block::S {
                    kind: SBlock::Wtx(wtxm),
                    cid,
                }
                .encode();
                Ok(self.send(echo, wtxm))
            }
            Block::S {
                kind: SBlock::Deselect,
                ..
            } => Err(IsoDepError::Protocol("card sent S(DESELECT)")),
            Block::R { nak: true, .. } => Err(IsoDepError::Protocol("card sent R(NAK)")),
            Block::R { bn, nak: false, .. } => {
                if bn != self.link.bn {
                    // Rule 6: the card did not receive our last I-block — send it again.
                    if self.phase == Phase::CardChaining {
                        return Err(IsoDepError::Protocol("R(ACK) while the card was chaining"));
                    }
                    self.retries += 1;
                    if self.retries > MAX_RETRIES {
                        return Err(IsoDepError::NoAnswer(MAX_RETRIES));
                    }
                    return Ok(self.send(self.last_i_block.clone(), 1));
                }
                if self.phase != Phase::Chaining {
                    return Err(IsoDepError::Protocol("unexpected R(ACK)"));
                }
                self.link.bn = !self.link.bn;
                self.retries = 0;
                self.index += 1;
                if self.index + 1 >= self.chunks.len() {
                    self.phase = Phase::AwaitingResponse;
                }
                let block = self.i_block();
                self.last_i_block = block.clone();
                Ok(self.send(block, 1))
            }
            Block::I {
                bn, chaining, inf, ..
            } => {
                if self.phase == Phase::Chaining {
                    return Err(IsoDepError::Protocol(
                        "card sent an I-block while the reader was chaining",
                    ));
                }
                if bn != self.link.bn {
                    return Err(IsoDepError::Protocol("I-block with the wrong block number"));
                }
                self.link.bn = !self.link.bn;
                self.retries = 0;
                self.response.extend_from_slice(&inf);
                if chaining {
                    self.phase = Phase::CardChaining;
                    let ack = self.r_block(false);
                    Ok(self.send(ack, 1))
                } else {
                    Ok(Step::Done(core::mem::take(&mut self.response)))
                }
            }
        }
    }
}

fn block_cid(b: &Block) -> Option<u8> {
    match b {
        Block::I { cid, .. } | Block::R { cid, .. } | Block::S { cid, .. } => *cid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    const PARAMS: IsoDepParams = IsoDepParams {
        fsc: 256,
        fwi: 8,
        cid: None,
    };

    fn send(block: &[u8]) -> Step {
        Step::Send {
            block: block.to_vec(),
            timeout_ms: IsoDepLink::new(PARAMS).timeout_ms(1),
        }
    }

    #[test]
    fn exchanges_one_apdu_and_toggles_the_block_number() {
        let (mut x, first) = Exchange::start(IsoDepLink::new(PARAMS), &[0x00, 0xA4, 0x04, 0x0C]);
        assert_eq!(first, send(&[0x02, 0x00, 0xA4, 0x04, 0x0C]));
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x02, 0x90, 0x00])),
            Ok(Step::Done(vec![0x90, 0x00]))
        );
        assert!(x.link().bn);
        let (_, next) = Exchange::start(x.link(), &[0x00]);
        assert_eq!(next, send(&[0x03, 0x00]));
    }

    #[test]
    fn chains_both_ways_with_fsc_and_acks() {
        let params = IsoDepParams {
            fsc: 16,
            fwi: 8,
            cid: None,
        }; // max INF 13
        let apdu: Vec<u8> = (0..30).collect();
        let (mut x, first) = Exchange::start(IsoDepLink::new(params), &apdu);
        let t = IsoDepLink::new(params).timeout_ms(1);
        let s = |b: Vec<u8>| Step::Send {
            block: b,
            timeout_ms: t,
        };
        let mut b0 = vec![0x12];
        b0.extend_from_slice(&apdu[..13]);
        assert_eq!(first, s(b0));
        let mut b1 = vec![0x13];
        b1.extend_from_slice(&apdu[13..26]);
        assert_eq!(x.on_incoming(Incoming::Frame(&[0xA2])), Ok(s(b1)));
        let mut b2 = vec![0x02];
        b2.extend_from_slice(&apdu[26..]);
        assert_eq!(x.on_incoming(Incoming::Frame(&[0xA3])), Ok(s(b2)));
        // card chains its answer
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x12, 0xAA])),
            Ok(s(vec![0xA3]))
        );
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x03, 0xBB, 0x90, 0x00])),
            Ok(Step::Done(vec![0xAA, 0xBB, 0x90, 0x00]))
        );
        assert!(!x.link().bn);
    }

    #[test]
    fn echoes_wtx_with_a_longer_wait() {
        let (mut x, _) = Exchange::start(IsoDepLink::new(PARAMS), &[0x00, 0x2A]);
        let link = IsoDepLink::new(PARAMS);
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0xF2, 0x43])),
            Ok(Step::Send {
                block: vec![0xF2, 0x03],
                timeout_ms: link.timeout_ms(3)
            })
        );
        assert_eq!(link.timeout_ms(3), 236);
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x02, 0x90, 0x00])),
            Ok(Step::Done(vec![0x90, 0x00]))
        );
    }

    #[test]
    fn naks_a_timeout_and_resends_the_i_block_only_on_r_ack_with_the_other_number() {
        let verify = [0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34];
        let (mut x, first) = Exchange::start(IsoDepLink::new(PARAMS), &verify);
        assert_eq!(x.on_incoming(Incoming::Timeout), Ok(send(&[0xB2])));
        assert_eq!(x.on_incoming(Incoming::Invalid), Ok(send(&[0xB2])));
        // the card says it never got block 0: R(ACK) with bn 1 → resend
        assert_eq!(x.on_incoming(Incoming::Frame(&[0xA3])), Ok(first));
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x02, 0x90, 0x00])),
            Ok(Step::Done(vec![0x90, 0x00]))
        );
    }

    #[test]
    fn gives_up_after_the_retry_limit() {
        let (mut x, _) = Exchange::start(IsoDepLink::new(PARAMS), &[0x00]);
        for _ in 0..3 {
            assert_eq!(x.on_incoming(Incoming::Timeout), Ok(send(&[0xB2])));
        }
        assert_eq!(
            x.on_incoming(Incoming::Timeout),
            Err(IsoDepError::NoAnswer(3))
        );
    }

    #[test]
    fn acks_instead_of_nak_while_the_card_chains() {
        let (mut x, _) = Exchange::start(IsoDepLink::new(PARAMS), &[0x00]);
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x12, 0x01])),
            Ok(send(&[0xA3]))
        );
        assert_eq!(x.on_incoming(Incoming::Timeout), Ok(send(&[0xA3])));
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x03, 0x90, 0x00])),
            Ok(Step::Done(vec![0x01, 0x90, 0x00]))
        );
    }

    #[test]
    fn rejects_a_wrong_block_number() {
        let (mut x, _) = Exchange::start(IsoDepLink::new(PARAMS), &[0x00]);
        assert_eq!(
            x.on_incoming(Incoming::Frame(&[0x03, 0x90, 0x00])),
            Err(IsoDepError::Protocol("I-block with the wrong block number"))
        );
    }
}
