//! A contactless Type B card on the RF side: REQB/ATTRIB and the PICC rules of ISO/IEC
//! 14443-4 §7.5.5, with faults.
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::VecDeque;

use super::Card;
use reader::isodep::{Block, SBlock};

/// What the card sends back on the RF side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RfReply {
    Frame(Vec<u8>),
    Invalid,
    Silence,
}

#[derive(Default)]
pub struct PiccFaults {
    /// Commands lost before the card sees them (the reader times out).
    pub lose_commands: u32,
    /// Answers damaged after the card processed the block.
    pub garble_answers: u32,
    /// S(WTX) requests before each answer.
    pub wtx_requests: u32,
    /// The card leaves the field at this ISO-DEP block (1-based).
    pub remove_at_block: Option<u32>,
}

pub const ATQB: [u8; 12] = [
    0x50, 0x12, 0x34, 0x56, 0x78, 0x00, 0x00, 0x00, 0x00, 0x00, 0x81, 0xE1,
];

pub struct Picc {
    pub card: Card,
    pub present: bool,
    pub faults: PiccFaults,
    pub fsd: usize,
    active: bool,
    bn: bool,
    command: Vec<u8>,
    pending: VecDeque<Vec<u8>>,
    last: Vec<u8>,
    wtx_left: u32,
    pub blocks: u32,
}

impl Picc {
    pub fn new(card: Card) -> Self {
        Self {
            card,
            present: true,
            faults: PiccFaults::default(),
            fsd: 256,
            active: false,
            bn: true,
            command: vec![],
            pending: VecDeque::new(),
            last: vec![],
            wtx_left: 0,
            blocks: 0,
        }
    }

    fn send(&mut self, b: Block) -> RfReply {
        self.last = b.encode();
        self.deliver(self.last.clone())
    }

    fn deliver(&mut self, bytes: Vec<u8>) -> RfReply {
        if self.faults.garble_answers > 0 {
            self.faults.garble_answers -= 1;
            return RfReply::Invalid;
        }
        RfReply::Frame(bytes)
    }

    /// Layer 4 activation done by a reader (RC-S300 Switch Protocol 01 04).
    pub fn activate_by_reader(&mut self) -> bool {
        if self.present {
            self.active = true;
            self.bn = true;
        }
        self.present
    }

    pub fn rf(&mut self, frame: &[u8]) -> RfReply {
        if !self.present {
            return RfReply::Silence;
        }
        match frame.first() {
            Some(0x05) => {
                self.active = false;
                return RfReply::Frame(ATQB.to_vec());
            }
            Some(0x1D) if frame.get(1..5) == Some(&ATQB[1..5]) => {
                self.active = true;
                self.bn = true;
                return RfReply::Frame(vec![0x00]);
            }
            _ => {}
        }
        if !self.active {
            return RfReply::Silence;
        }
        self.blocks += 1;
        if self.faults.remove_at_block == Some(self.blocks) {
            self.present = false;
            self.active = false;
            return RfReply::Silence;
        }
        if self.faults.lose_commands > 0 {
            self.faults.lose_commands -= 1;
            return RfReply::Silence;
        }
        let Ok(block) = Block::decode(frame) else {
            return RfReply::Silence;
        };
        match block {
            Block::I { chaining, inf, .. } => {
                self.bn = !self.bn;
                self.command.extend_from_slice(&inf);
                if chaining {
                    return self.send(Block::R {
                        bn: self.bn,
                        nak: false,
                        cid: None,
                    });
                }
                let apdu = std::mem::take(&mut self.command);
                let response = self.card.execute(&apdu);
                self.pending = response.chunks(self.fsd - 3).map(<[u8]>::to_vec).collect();
                self.wtx_left = self.faults.wtx_requests;
                self.answer_or_wtx()
            }
            Block::R { bn, nak: false, .. } => {
                if bn == self.bn {
                    return self.deliver(self.last.clone());
                }
                self.bn = !self.bn;
                self.next_chunk()
            }
            Block::R { bn, nak: true, .. } => {
                if bn == self.bn {
                    self.deliver(self.last.clone())
                } else {
                    self.send(Block::R {
                        bn: self.bn,
                        nak: false,
                        cid: None,
                    })
                }
            }
            Block::S {
                kind: SBlock::Wtx(_),
                ..
            } => self.answer_or_wtx(),
            Block::S {
                kind: SBlock::Deselect,
                ..
            } => {
                self.active = false;
                RfReply::Frame(vec![0xC2])
            }
        }
    }

    fn answer_or_wtx(&mut self) -> RfReply {
        if self.wtx_left > 0 {
            self.wtx_left -= 1;
            return self.send(Block::S {
                kind: SBlock::Wtx(2),
                cid: None,
            });
        }
        self.next_chunk()
    }

    fn next_chunk(&mut self) -> RfReply {
        let inf = self.pending.pop_front().unwrap_or_default();
        let chaining = !self.pending.is_empty();
        self.send(Block::I {
            bn: self.bn,
            chaining,
            cid: None,
            nad: None,
            inf,
        })
    }
}
