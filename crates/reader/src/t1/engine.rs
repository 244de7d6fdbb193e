//! The T=1 block exchange as a sans-IO state machine (ISO/IEC 7816-3 §11.6, rules 1–9;
//! readers.md §2.7).
//!
//! [`Transceive::start`] splits one APDU into I-blocks of at most IFSC bytes and returns the
//! first block to send; every block (or timeout) from the card goes into
//! [`Transceive::on_incoming`], which says what to send next or returns the response.
//!
//! Safety rule: an I-block is sent again **only** when the card answers with an R-block whose
//! N(R) equals that I-block's N(S) — the standard's way for the card to say it did not receive
//! it (rule 7.4). A timeout or a garbled answer is met with an R-block, never with the I-block,
//! so a command such as VERIFY can never run twice for one request.

use alloc::vec::Vec;

use super::block::{Block, RError, SKind};
use crate::codec::DecodeError;

/// Errors ending a T=1 exchange.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum T1Error {
    /// The card broke the block protocol.
    #[error("T=1 protocol error: {0}")]
    Protocol(&'static str),
    /// The card aborted the chain (S(ABORT request)).
    #[error("the card aborted the T=1 chain")]
    CardAborted,
    /// Too many errors: the link was resynchronised (S(RESYNCH)); whether the card executed the
    /// command is unknown and it is not resent.
    #[error("T=1 link resynchronised after repeated errors; the command was not completed")]
    Resynchronised,
    /// The card stopped answering even S(RESYNCH).
    #[error("the card does not answer T=1 blocks any more")]
    Unresponsive,
}

/// What arrived from the card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incoming<'a> {
    /// A block's bytes (NAD..EDC).
    Block(&'a [u8]),
    /// Nothing arrived in time (or the reader reported the card mute / a parity error).
    Timeout,
}

/// What to do next. `Debug` shows lengths only.
#[derive(Clone, PartialEq, Eq)]
pub enum Step {
    /// Send these bytes and feed the answer back.
    Send(Vec<u8>),
    /// Send these bytes (an S(WTX response)); the card asked for `multiplier` × BWT.
    SendWithWaitingTime {
        /// Bytes to send.
        bytes: Vec<u8>,
        /// The WTX multiplier.
        multiplier: u8,
    },
    /// The complete response APDU.
    Done(Vec<u8>),
}

impl core::fmt::Debug for Step {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::redact::Redacted;
        match self {
            Self::Send(b) => f.debug_tuple("Send").field(&Redacted(b)).finish(),
            Self::SendWithWaitingTime { bytes, multiplier } => f
                .debug_struct("SendWithWaitingTime")
                .field("bytes", &Redacted(bytes))
                .field("multiplier", multiplier)
                .finish(),
            Self::Done(r) => f.debug_tuple("Done").field(&Redacted(r)).finish(),
        }
    }
}

/// Link state kept between APDUs: sequence numbers and sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct T1State {
    /// N(S) of the next I-block the host sends.
    pub ns: bool,
    /// N(S) expected in the card's next I-block.
    pub nr: bool,
    /// IFSC: the card's maximum INF size.
    pub ifsc: u8,
    /// NAD used in both directions.
    pub nad: u8,
}

impl T1State {
    /// State right after the ATR: both sequence numbers 0.
    pub fn new(ifsc: u8) -> Self {
        Self {
            ns: false,
            nr: false,
            ifsc: ifsc.clamp(1, 254),
            nad: 0,
        }
    }

    /// S(IFS request) announcing our IFSD (readers.md §2.7: unless dwFeatures has 0x400).
    pub fn ifs_request(&self, ifsd: u8) -> Vec<u8> {
        Block::S {
            kind: SKind::Ifs,
            response: false,
            inf: alloc::vec![ifsd],
        }
        .encode(self.nad)
    }

    /// Checks the card's S(IFS response) echo.
    pub fn check_ifs_response(&self, bytes: &[u8], ifsd: u8) -> Result<(), T1Error> {
        match Block::decode(bytes) {
            Ok((
                _,
                Block::S {
                    kind: SKind::Ifs,
                    response: true,
                    inf,
                },
            )) if inf == [ifsd] => Ok(()),
            Ok(_) => Err(T1Error::Protocol("IFS request not answered by its echo")),
            Err(_) => Err(T1Error::Protocol("garbled answer to the IFS request")),
        }
    }
}

/// Retries of one block before RESYNCH (ISO/IEC 7816-3 §11.6.3: at least 2 retransmissions).
const MAX_RETRIES: u8 = 3;
/// RESYNCH attempts before giving up (§11.6.3.2 rule 6.4).
const MAX_RESYNCH: u8 = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Phase {
    /// Our chunk `index` was sent; more follow after the card's R-block.
    Chaining,
    /// Our last chunk was sent; collecting the card's I-blocks.
    Receiving,
    /// S(RESYNCH) sent `attempts` times.
    Resynching { attempts: u8 },
}

/// One APDU exchange in progress. Its copies of the command are wiped when it is dropped;
/// `Debug` shows no bytes.
#[derive(Clone)]
pub struct Transceive {
    state: T1State,
    chunks: Vec<Vec<u8>>,
    index: usize,
    last_sent: Vec<u8>,
    response: Vec<u8>,
    errors: u8,
    phase: Phase,
}

impl core::fmt::Debug for Transceive {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Transceive")
            .field("state", &self.state)
            .field("chunk", &self.index)
            .field("chunks", &self.chunks.len())
            .finish_non_exhaustive()
    }
}

impl Drop for Transceive {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.chunks.zeroize();
        self.last_sent.zeroize();
        self.response.zeroize();
    }
}

impl Transceive {
    /// Starts sending `apdu`; returns the machine and the first block to send.
    pub fn start(state: T1State, apdu: &[u8]) -> (Self, Vec<u8>) {
        let size = usize::from(state.ifsc.max(1));
        let mut chunks: Vec<Vec<u8>> = apdu.chunks(size).map(<[u8]>::to_vec).collect();
        if chunks.is_empty() {
            chunks.push(Vec::new());
        }
        let phase = if chunks.len() > 1 {
            Phase::Chaining
        } else {
            Phase::Receiving
        };
        let mut t = Self {
            state,
            chunks,
            index: 0,
            last_sent: Vec::new(),
            response: Vec::new(),
            errors: 0,
            phase,
        };
        let first = t.i_block();
        t.last_sent = first.clone();
        (t, first)
    }

    /// The link state (to keep for the next APDU once this one is done or failed).
    pub fn state(&self) -> T1State {
        self.state
    }

    fn i_block(&self) -> Vec<u8> {
        let more = self.index + 1 < self.chunks.len();
        let inf = self.chunks.get(self.index).cloned().unwrap_or_default();
        Block::I {
            ns: self.state.ns,
            more,
            inf,
        }
        .encode(self.state.nad)
    }

    fn send(&mut self, bytes: Vec<u8>) -> Result<Step, T1Error> {
        self.last_sent = bytes.clone();
        Ok(Step::Send(bytes))
    }

    fn r_block(&self, error: RError) -> Vec<u8> {
        Block::R {
            nr: self.state.nr,
            error,
        }
        .encode(self.state.nad)
    }

    /// An error on the link: ask again with an R-block, or resynchronise after too many.
    fn link_error(&mut self, error: RError) -> Result<Step, T1Error> {
        self.errors += 1;
        if self.errors > MAX_RETRIES {
            self.phase = Phase::Resynching { attempts: 1 };
            let s = Block::S {
                kind: SKind::Resynch,
                response: false,
                inf: Vec::new(),
            }
            .encode(self.state.nad);
            return self.send(s);
        }
        let r = self.r_block(error);
        // The R-block asks the card to repeat its last block; keep the last I-block as the one
        // to retransmit if the card answers R(N(R) = our N(S)).
        Ok(Step::Send(r))
    }

    /// Feeds what arrived; returns the next step, or an error that ends the exchange.
    pub fn on_incoming(&mut self, incoming: Incoming<'_>) -> Result<Step, T1Error> {
        let decoded = match incoming {
            Incoming::Timeout => Err(RError::Other),
            Incoming::Block(bytes) => Block::decode(bytes).map_err(|e| match e {
                DecodeError::Checksum { .. } => RError::Edc,
                _ => RError::Other,
            }),
        };
        if let Phase::Resynching { attempts } = self.phase {
            return match decoded {
                Ok((
                    _,
                    Block::S {
                        kind: SKind::Resynch,
                        response: true,
                        ..
                    },
                )) => {
                    self.state.ns = false;
                    self.state.nr = false;
                    Err(T1Error::Resynchronised)
                }
                _ if attempts >= MAX_RESYNCH => Err(T1Error::Unresponsive),
                _ => {
                    self.phase = Phase::Resynching {
                        attempts: attempts + 1,
                    };
                    let s = Block::S {
                        kind: SKind::Resynch,
                        response: false,
                        inf: Vec::new(),
                    }
                    .encode(self.state.nad);
                    self.send(s)
                }
            };
        }
        let block = match decoded {
            Ok((_, block)) => block,
            Err(error) => return self.link_error(error),
        };
        match block {
            Block::I { ns, more, inf } => {
                if self.phase == Phase::Chaining {
                    return Err(T1Error::Protocol(
                        "card sent an I-block while the host was chaining",
                    ));
                }
                if ns != self.state.nr {
                    return self.link_error(RError::Other);
                }
                if self.response.is_empty() {
                    // The card's first I-block acknowledges our last I-block.
                    self.state.ns = !self.state.ns;
                }
                self.response.extend_from_slice(&inf);
                self.state.nr = !self.state.nr;
                self.errors = 0;
                if more {
                    let r = self.r_block(RError::None);
                    self.send(r)
                } else {
                    Ok(Step::Done(core::mem::take(&mut self.response)))
                }
            }
            Block::R { nr, .. } => {
                if nr == self.state.ns {
                    // Rule 7.4: the card did not receive our last block — resend it (an
                    // I-block the card provably has not executed, or our last R-block).
                    self.errors += 1;
                    if self.errors > MAX_RETRIES {
                        return self.link_error(RError::Other);
                    }
                    return Ok(Step::Send(self.last_sent.clone()));
                }
                if self.phase == Phase::Chaining {
                    // Acknowledgement of a chained block: next chunk.
                    self.state.ns = !self.state.ns;
                    self.index += 1;
                    self.errors = 0;
                    if self.index + 1 >= self.chunks.len() {
                        self.phase = Phase::Receiving;
                    }
                    let next = self.i_block();
                    return self.send(next);
                }
                self.link_error(RError::Other)
            }
            Block::S {
                kind,
                response: false,
                inf,
            } => match kind {
                SKind::Wtx => {
                    let multiplier = inf.first().copied().unwrap_or(1);
                    let bytes = Block::S {
                        kind: SKind::Wtx,
                        response: true,
                        inf,
                    }
                    .encode(self.state.nad);
                    Ok(Step::SendWithWaitingTime { bytes, multiplier })
                }
                SKind::Ifs => {
                    let size = inf.first().copied().filter(|s| (1..=254).contains(s));
                    let Some(size) = size else {
                        return Err(T1Error::Protocol("IFS request with invalid size"));
                    };
                    self.state.ifsc = size;
                    let bytes = Block::S {
                        kind: SKind::Ifs,
                        response: true,
                        inf,
                    }
                    .encode(self.state.nad);
                    Ok(Step::Send(bytes))
                }
                SKind::Abort => Err(T1Error::CardAborted),
                SKind::Resynch => Err(T1Error::Protocol("card sent S(RESYNCH request)")),
            },
            Block::S { response: true, .. } => self.link_error(RError::Other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn i(ns: bool, more: bool, inf: &[u8]) -> Vec<u8> {
        Block::I {
            ns,
            more,
            inf: inf.to_vec(),
        }
        .encode(0)
    }
    fn r(nr: bool, error: RError) -> Vec<u8> {
        Block::R { nr, error }.encode(0)
    }

    #[test]
    fn exchanges_one_apdu_in_one_block_each_way() {
        let (mut t, first) = Transceive::start(T1State::new(254), &[0x00, 0x20, 0x00, 0x81]);
        assert_eq!(first, [0x00, 0x00, 0x04, 0x00, 0x20, 0x00, 0x81, 0xA5]);
        let step = t
            .on_incoming(Incoming::Block(&i(false, false, &[0x63, 0xC3])))
            .expect("ok");
        assert_eq!(step, Step::Done(vec![0x63, 0xC3]));
        assert_eq!(
            t.state(),
            T1State {
                ns: true,
                nr: true,
                ifsc: 254,
                nad: 0
            }
        );
    }

    #[test]
    fn chains_a_long_command_and_a_long_response() {
        let apdu: Vec<u8> = (0..40).collect();
        let (mut t, first) = Transceive::start(T1State::new(16), &apdu);
        assert_eq!(first, i(false, true, &apdu[..16]));
        assert_eq!(
            t.on_incoming(Incoming::Block(&r(true, RError::None))),
            Ok(Step::Send(i(true, true, &apdu[16..32])))
        );
        assert_eq!(
            t.on_incoming(Incoming::Block(&r(false, RError::None))),
            Ok(Step::Send(i(false, false, &apdu[32..])))
        );
        // card answers in two chained blocks
        assert_eq!(
            t.on_incoming(Incoming::Block(&i(false, true, &[1, 2]))),
            Ok(Step::Send(r(true, RError::None)))
        );
        assert_eq!(
            t.on_incoming(Incoming::Block(&i(true, false, &[0x90, 0x00]))),
            Ok(Step::Done(vec![1, 2, 0x90, 0x00]))
        );
        assert_eq!(
            t.state(),
            T1State {
                ns: true,
                nr: false,
                ifsc: 16,
                nad: 0
            }
        );
    }

    #[test]
    fn answers_wtx_and_ifs_requests() {
        let (mut t, _) = Transceive::start(T1State::new(32), &[0x00, 0x88, 0x00, 0x00]);
        let wtx = Block::S {
            kind: SKind::Wtx,
            response: false,
            inf: vec![3],
        }
        .encode(0);
        assert_eq!(
            t.on_incoming(Incoming::Block(&wtx)),
            Ok(Step::SendWithWaitingTime {
                bytes: vec![0x00, 0xE3, 0x01, 0x03, 0xE1],
                multiplier: 3
            })
        );
        let ifs = Block::S {
            kind: SKind::Ifs,
            response: false,
            inf: vec![0x80],
        }
        .encode(0);
        assert_eq!(
            t.on_incoming(Incoming::Block(&ifs)),
            Ok(Step::Send(vec![0x00, 0xE1, 0x01, 0x80, 0x60]))
        );
        assert_eq!(t.state().ifsc, 0x80);
    }

    #[test]
    fn never_resends_an_i_block_after_a_timeout_or_garbled_answer() {
        let verify = [0x00, 0x20, 0x00, 0x81, 0x04, 0x31, 0x32, 0x33, 0x34];
        let (mut t, first) = Transceive::start(T1State::new(254), &verify);
        // timeout: the host asks with R(N(R)=0), not with the I-block
        assert_eq!(
            t.on_incoming(Incoming::Timeout),
            Ok(Step::Send(r(false, RError::Other)))
        );
        // garbled: R-block with EDC error
        assert_eq!(
            t.on_incoming(Incoming::Block(&[0x00, 0x00, 0x02, 0x90, 0x00, 0x00])),
            Ok(Step::Send(r(false, RError::Edc)))
        );
        // the card answers its response: done, the I-block went out once
        assert_eq!(
            t.on_incoming(Incoming::Block(&i(false, false, &[0x90, 0x00]))),
            Ok(Step::Done(vec![0x90, 0x00]))
        );
        assert_ne!(first, r(false, RError::Other));
    }

    #[test]
    fn resends_the_i_block_only_when_the_card_asks_with_its_n_s() {
        let (mut t, first) = Transceive::start(T1State::new(254), &[0x00, 0xB0, 0x00, 0x00, 0x10]);
        assert_eq!(
            t.on_incoming(Incoming::Block(&r(false, RError::Edc))),
            Ok(Step::Send(first))
        );
    }

    #[test]
    fn resynchronises_after_repeated_errors_and_does_not_resend() {
        let (mut t, _) = Transceive::start(T1State::new(254), &[0x00, 0x20, 0x00, 0x81]);
        for _ in 0..3 {
            assert_eq!(
                t.on_incoming(Incoming::Timeout),
                Ok(Step::Send(r(false, RError::Other)))
            );
        }
        assert_eq!(
            t.on_incoming(Incoming::Timeout),
            Ok(Step::Send(vec![0x00, 0xC0, 0x00, 0xC0]))
        );
        let resp = Block::S {
            kind: SKind::Resynch,
            response: true,
            inf: vec![],
        }
        .encode(0);
        assert_eq!(
            t.on_incoming(Incoming::Block(&resp)),
            Err(T1Error::Resynchronised)
        );
        assert_eq!((t.state().ns, t.state().nr), (false, false));
    }

    #[test]
    fn gives_up_when_resynch_is_not_answered() {
        let (mut t, _) = Transceive::start(T1State::new(254), &[0x00]);
        for _ in 0..4 {
            let _ = t.on_incoming(Incoming::Timeout);
        }
        assert_eq!(
            t.on_incoming(Incoming::Timeout),
            Ok(Step::Send(vec![0x00, 0xC0, 0x00, 0xC0]))
        );
        assert_eq!(
            t.on_incoming(Incoming::Timeout),
            Ok(Step::Send(vec![0x00, 0xC0, 0x00, 0xC0]))
        );
        assert_eq!(t.on_incoming(Incoming::Timeout), Err(T1Error::Unresponsive));
    }

    #[test]
    fn the_ifs_request_and_its_echo() {
        let s = T1State::new(32);
        assert_eq!(s.ifs_request(0xFE), [0x00, 0xC1, 0x01, 0xFE, 0x3E]);
        assert_eq!(
            s.check_ifs_response(&[0x00, 0xE1, 0x01, 0xFE, 0x1E], 0xFE),
            Ok(())
        );
        assert_eq!(
            s.check_ifs_response(&[0x00, 0xE1, 0x01, 0x20, 0xC0], 0xFE),
            Err(T1Error::Protocol("IFS request not answered by its echo"))
        );
    }
}
