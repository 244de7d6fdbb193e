//! The virtual card in an RF field: ISO/IEC 14443-3 Type B activation and the PICC rules of
//! ISO/IEC 14443-4 §7.5.5 (readers.md §3.5–3.6).

use alloc::collections::VecDeque;
use alloc::vec;
use alloc::vec::Vec;

use reader::isodep::{Block, SBlock};

use super::Fault;
use crate::VirtualCard;

/// ATQB of the virtual card: PUPI `4D 59 4E 41`, application data 0, protocol info `77 81 81`
/// (FSCI 8 → 256, ISO 14443-4, FWI 8, CID supported) — the values of the card's pseudo-ATR.
pub const ATQB: [u8; 12] = [
    0x50, 0x4D, 0x59, 0x4E, 0x41, 0x00, 0x00, 0x00, 0x00, 0x77, 0x81, 0x81,
];

/// What the card sends back on the RF side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RfAnswer {
    /// An intact frame.
    Frame(Vec<u8>),
    /// A damaged frame (bad CRC).
    Damaged,
    /// Nothing.
    Silence,
}

/// The virtual card as a Type B PICC.
#[derive(Debug)]
pub struct TypeBCard {
    card: VirtualCard,
    present: bool,
    active: bool,
    bn: bool,
    command: Vec<u8>,
    pending: VecDeque<Vec<u8>>,
    last: Vec<u8>,
    wtx_left: u8,
    fsd: usize,
}

impl TypeBCard {
    /// A card placed on the reader.
    pub fn new(card: VirtualCard) -> Self {
        Self {
            card,
            present: true,
            active: false,
            bn: true,
            command: vec![],
            pending: VecDeque::new(),
            last: vec![],
            wtx_left: 0,
            fsd: 256,
        }
    }

    /// The card.
    pub fn card(&self) -> &VirtualCard {
        &self.card
    }

    /// Places or removes the card.
    pub fn set_present(&mut self, present: bool) {
        self.present = present;
        if !present {
            self.active = false;
        }
    }

    /// Whether the card is in the field.
    pub fn is_present(&self) -> bool {
        self.present
    }

    /// RF off: the card loses power and its security state.
    pub fn field_off(&mut self) {
        self.active = false;
        if self.present {
            self.card.reset();
        }
    }

    /// Activation by a reader that runs layer 3/4 itself (RC-S300 Switch Protocol 01 04).
    pub fn activate_by_reader(&mut self) -> bool {
        if self.present {
            self.card.reset();
            self.active = true;
            self.bn = true;
        }
        self.present
    }

    fn send(&mut self, block: Block, damaged: bool) -> RfAnswer {
        self.last = block.encode();
        if damaged {
            RfAnswer::Damaged
        } else {
            RfAnswer::Frame(self.last.clone())
        }
    }

    /// One RF frame from the reader (CRC already stripped), with the card-level faults.
    pub fn rf(&mut self, frame: &[u8], faults: &[Fault]) -> RfAnswer {
        if faults.contains(&Fault::RemoveCard) {
            self.set_present(false);
        }
        if !self.present {
            return RfAnswer::Silence;
        }
        for f in faults {
            if let Fault::Wtx(n) = f {
                self.wtx_left = *n;
            }
        }
        let damaged = faults.contains(&Fault::Nak);
        match frame {
            [0x05, _, _] if !self.active => {
                self.active = false;
                return RfAnswer::Frame(ATQB.to_vec());
            }
            [0x1D, pupi @ .., _, _, _, _] if pupi == &ATQB[1..5] => {
                self.card.reset();
                self.active = true;
                self.bn = true;
                self.fsd =
                    reader::isodep::typeb::frame_size(frame.get(6).copied().unwrap_or(0) & 0x0F);
                return RfAnswer::Frame(vec![0x00]);
            }
            _ => {}
        }
        if !self.active {
            return RfAnswer::Silence;
        }
        let Ok(block) = Block::decode(frame) else {
            return RfAnswer::Silence;
        };
        match block {
            Block::I { chaining, inf, .. } => {
                self.bn = !self.bn;
                self.command.extend_from_slice(&inf);
                if chaining {
                    return self.send(
                        Block::R {
                            bn: self.bn,
                            nak: false,
                            cid: None,
                        },
                        damaged,
                    );
                }
                let apdu = core::mem::take(&mut self.command);
                let response = self.card.process(&apdu);
                self.pending = response
                    .chunks(self.fsd.saturating_sub(3).max(1))
                    .map(<[u8]>::to_vec)
                    .collect();
                self.answer_or_wtx(damaged)
            }
            Block::R { bn, nak: false, .. } => {
                if bn == self.bn {
                    return self.resend(damaged);
                }
                self.bn = !self.bn;
                self.next_chunk(damaged)
            }
            Block::R { bn, nak: true, .. } => {
                if bn == self.bn {
                    self.resend(damaged)
                } else {
                    self.send(
                        Block::R {
                            bn: self.bn,
                            nak: false,
                            cid: None,
                        },
                        damaged,
                    )
                }
            }
            Block::S {
                kind: SBlock::Wtx(_),
                ..
            } => self.answer_or_wtx(damaged),
            Block::S {
                kind: SBlock::Deselect,
                ..
            } => {
                self.active = false;
                RfAnswer::Frame(vec![0xC2])
            }
        }
    }

    fn resend(&mut self, damaged: bool) -> RfAnswer {
        if damaged {
            RfAnswer::Damaged
        } else {
            RfAnswer::Frame(self.last.clone())
        }
    }

    fn answer_or_wtx(&mut self, damaged: bool) -> RfAnswer {
        if self.wtx_left > 0 {
            self.wtx_left -= 1;
            return self.send(
                Block::S {
                    kind: SBlock::Wtx(1),
                    cid: None,
                },
                damaged,
            );
        }
        self.next_chunk(damaged)
    }

    fn next_chunk(&mut self, damaged: bool) -> RfAnswer {
        let inf = self.pending.pop_front().unwrap_or_default();
        let chaining = !self.pending.is_empty();
        self.send(
            Block::I {
                bn: self.bn,
                chaining,
                cid: None,
                nad: None,
                inf,
            },
            damaged,
        )
    }
}
