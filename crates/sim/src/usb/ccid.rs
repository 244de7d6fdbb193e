//! A virtual CCID reader at the exchange level its real descriptor names (readers.md §2):
//! TPDU readers with a contact card speaking T=1, APDU-level readers with command and response
//! chaining by dwMaxCCIDMessageLength.

use alloc::collections::VecDeque;
use alloc::vec;
use alloc::vec::Vec;

use reader::ccid::message::{
    message_type, ChainParameter, Command, CommandStatus, IccStatus, RawMessage, Response,
    SlotError, Status,
};
use reader::ccid::{CcidDescriptor, ExchangeLevel};
use reader::t1::{Block, RError, SKind};

use super::{Fault, ReaderCore, ReaderModel};
use crate::VirtualCard;

/// The card side of T=1 (ISO/IEC 7816-3 §11).
#[derive(Debug, Default)]
struct CardT1 {
    expected_ns: bool,
    card_ns: bool,
    command: Vec<u8>,
    pending: VecDeque<Vec<u8>>,
    last: Vec<u8>,
    ifsd: usize,
    wtx_left: u8,
}

/// The CCID side of a virtual reader.
#[derive(Debug)]
pub struct CcidCore {
    model: ReaderModel,
    descriptor: CcidDescriptor,
    card: VirtualCard,
    present: bool,
    powered: bool,
    t1: CardT1,
    apdu_in: Vec<u8>,
    apdu_out: VecDeque<Vec<u8>>,
}

impl CcidCore {
    /// A CCID reader of `model` with `card` in its slot (or field).
    ///
    /// Returns `None` for a model without a CCID interface.
    pub fn new(model: ReaderModel, card: VirtualCard) -> Option<Self> {
        let descriptor = model.ccid_descriptor()?;
        Some(Self {
            model,
            descriptor,
            card,
            present: true,
            powered: false,
            t1: CardT1::default(),
            apdu_in: vec![],
            apdu_out: VecDeque::new(),
        })
    }

    fn status(&self, command: CommandStatus) -> Status {
        let icc = match (self.present, self.powered) {
            (false, _) => IccStatus::Absent,
            (true, false) => IccStatus::Inactive,
            (true, true) => IccStatus::Active,
        };
        Status {
            icc,
            command,
            rfu: 0,
        }
    }

    fn reply(
        &self,
        m: &RawMessage,
        kind: u8,
        command: CommandStatus,
        error: u8,
        specific: u8,
        data: Vec<u8>,
    ) -> Vec<u8> {
        Response {
            message_type: kind,
            slot: m.slot,
            seq: m.seq,
            status: self.status(command),
            error: SlotError(error),
            specific,
            data,
        }
        .encode()
    }

    fn room(&self) -> usize {
        usize::try_from(self.descriptor.max_message_length)
            .unwrap_or(271)
            .saturating_sub(10)
            .max(1)
    }

    fn xfr(
        &mut self,
        m: &RawMessage,
        level: ChainParameter,
        data: Vec<u8>,
        faults: &[Fault],
    ) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let wtx = faults
            .iter()
            .find_map(|f| {
                if let Fault::Wtx(n) = f {
                    Some(*n)
                } else {
                    None
                }
            })
            .unwrap_or(0);
        if self.descriptor.exchange_level() == ExchangeLevel::Tpdu {
            self.t1.wtx_left = self.t1.wtx_left.max(wtx);
            let mut block = self.t1_block(&data);
            if faults.contains(&Fault::Nak) {
                if let Some(last) = block.last_mut() {
                    *last ^= 0x5A;
                }
            }
            out.push(self.reply(m, message_type::DATA_BLOCK, CommandStatus::Ok, 0, 0, block));
            return out;
        }
        if faults.contains(&Fault::Nak) {
            out.push(self.reply(
                m,
                message_type::DATA_BLOCK,
                CommandStatus::Failed,
                SlotError::XFR_PARITY_ERROR.0,
                0,
                vec![],
            ));
            return out;
        }
        for _ in 0..wtx {
            out.push(self.reply(
                m,
                message_type::DATA_BLOCK,
                CommandStatus::TimeExtension,
                1,
                0,
                vec![],
            ));
        }
        let room = self.room();
        let (specific, part) = match level {
            ChainParameter::Whole | ChainParameter::Ends => {
                self.apdu_in.extend_from_slice(&data);
                let apdu = core::mem::take(&mut self.apdu_in);
                let response = self.card.process(&apdu);
                self.apdu_out = response.chunks(room).map(<[u8]>::to_vec).collect();
                let part = self.apdu_out.pop_front().unwrap_or_default();
                (if self.apdu_out.is_empty() { 0x00 } else { 0x01 }, part)
            }
            ChainParameter::Begins | ChainParameter::Continues => {
                self.apdu_in.extend_from_slice(&data);
                (0x10, vec![])
            }
            ChainParameter::NextPart => {
                let part = self.apdu_out.pop_front().unwrap_or_default();
                (if self.apdu_out.is_empty() { 0x02 } else { 0x03 }, part)
            }
            ChainParameter::Other(_) => {
                out.push(self.reply(
                    m,
                    message_type::DATA_BLOCK,
                    CommandStatus::Failed,
                    8,
                    0,
                    vec![],
                ));
                return out;
            }
        };
        out.push(self.reply(
            m,
            message_type::DATA_BLOCK,
            CommandStatus::Ok,
            0,
            specific,
            part,
        ));
        out
    }

    fn send_block(&mut self, b: Block) -> Vec<u8> {
        self.t1.last = b.encode(0);
        self.t1.last.clone()
    }

    /// The card's side of T=1 for one block from the host.
    fn t1_block(&mut self, bytes: &[u8]) -> Vec<u8> {
        let Ok((_, block)) = Block::decode(bytes) else {
            return self.send_block(Block::R {
                nr: self.t1.expected_ns,
                error: RError::Edc,
            });
        };
        match block {
            Block::S {
                kind: SKind::Ifs,
                response: false,
                inf,
            } => {
                self.t1.ifsd = usize::from(inf.first().copied().unwrap_or(32));
                self.send_block(Block::S {
                    kind: SKind::Ifs,
                    response: true,
                    inf,
                })
            }
            Block::S {
                kind: SKind::Resynch,
                response: false,
                ..
            } => {
                self.t1 = CardT1 {
                    ifsd: 32,
                    ..CardT1::default()
                };
                self.send_block(Block::S {
                    kind: SKind::Resynch,
                    response: true,
                    inf: vec![],
                })
            }
            Block::S {
                kind: SKind::Wtx,
                response: true,
                ..
            } => self.answer_or_wtx(),
            Block::I { ns, more, inf } => {
                if ns != self.t1.expected_ns {
                    return self.send_block(Block::R {
                        nr: self.t1.expected_ns,
                        error: RError::Other,
                    });
                }
                self.t1.expected_ns = !self.t1.expected_ns;
                self.t1.command.extend_from_slice(&inf);
                if more {
                    return self.send_block(Block::R {
                        nr: self.t1.expected_ns,
                        error: RError::None,
                    });
                }
                let apdu = core::mem::take(&mut self.t1.command);
                let response = self.card.process(&apdu);
                self.t1.pending = response
                    .chunks(self.t1.ifsd.max(1))
                    .map(<[u8]>::to_vec)
                    .collect();
                self.answer_or_wtx()
            }
            Block::R { nr, error } => {
                if !self.t1.pending.is_empty() {
                    if error == RError::None && nr != self.t1.card_ns {
                        self.t1.card_ns = !self.t1.card_ns;
                        return self.next_i_block();
                    }
                    return self.t1.last.clone();
                }
                if nr == self.t1.card_ns {
                    // the host waits for a block we never prepared: its command did not arrive
                    return self.send_block(Block::R {
                        nr: self.t1.expected_ns,
                        error: RError::None,
                    });
                }
                self.t1.last.clone()
            }
            Block::S { .. } => self.send_block(Block::R {
                nr: self.t1.expected_ns,
                error: RError::Other,
            }),
        }
    }

    fn answer_or_wtx(&mut self) -> Vec<u8> {
        if self.t1.wtx_left > 0 {
            self.t1.wtx_left -= 1;
            return self.send_block(Block::S {
                kind: SKind::Wtx,
                response: false,
                inf: vec![2],
            });
        }
        self.next_i_block()
    }

    fn next_i_block(&mut self) -> Vec<u8> {
        let inf = self.t1.pending.pop_front().unwrap_or_default();
        let more = !self.t1.pending.is_empty();
        let b = Block::I {
            ns: self.t1.card_ns,
            more,
            inf,
        };
        if !more {
            self.t1.card_ns = !self.t1.card_ns;
        }
        self.send_block(b)
    }
}

impl ReaderCore for CcidCore {
    fn handle(&mut self, data: &[u8], faults: &[Fault]) -> Vec<Vec<u8>> {
        if faults.contains(&Fault::RemoveCard) {
            self.present = false;
            self.powered = false;
        }
        let Ok(m) = RawMessage::decode(data) else {
            return vec![];
        };
        let Ok(command) = Command::from_message(&m) else {
            return vec![self.reply(
                &m,
                message_type::SLOT_STATUS,
                CommandStatus::Failed,
                0,
                0,
                vec![],
            )];
        };
        let absent = |s: &Self, kind| {
            vec![s.reply(
                &m,
                kind,
                CommandStatus::Failed,
                SlotError::ICC_MUTE.0,
                0,
                vec![],
            )]
        };
        match command {
            Command::IccPowerOn(_) => {
                if !self.present {
                    return absent(self, message_type::DATA_BLOCK);
                }
                self.powered = true;
                self.t1 = CardT1 {
                    ifsd: 32,
                    ..CardT1::default()
                };
                self.apdu_in.clear();
                self.apdu_out.clear();
                let atr = self.card.reset();
                vec![self.reply(&m, message_type::DATA_BLOCK, CommandStatus::Ok, 0, 0, atr)]
            }
            Command::IccPowerOff => {
                self.powered = false;
                vec![self.reply(
                    &m,
                    message_type::SLOT_STATUS,
                    CommandStatus::Ok,
                    0,
                    0,
                    vec![],
                )]
            }
            Command::GetSlotStatus => vec![self.reply(
                &m,
                message_type::SLOT_STATUS,
                CommandStatus::Ok,
                0,
                0,
                vec![],
            )],
            Command::SetParameters(p) => {
                if faults.contains(&Fault::Nak) {
                    return vec![self.reply(
                        &m,
                        message_type::PARAMETERS,
                        CommandStatus::Failed,
                        10,
                        0,
                        vec![],
                    )];
                }
                vec![self.reply(
                    &m,
                    message_type::PARAMETERS,
                    CommandStatus::Ok,
                    0,
                    p.protocol_num(),
                    p.to_bytes(),
                )]
            }
            Command::XfrBlock { level, data, .. } => {
                if !self.present || !self.powered {
                    return absent(self, message_type::DATA_BLOCK);
                }
                self.xfr(&m, level, data, faults)
            }
            Command::GetParameters | Command::ResetParameters | Command::Escape(_) => {
                vec![self.reply(
                    &m,
                    command.response_type(),
                    CommandStatus::Failed,
                    0,
                    0,
                    vec![],
                )]
            }
        }
    }

    fn garble(&self, reply: &mut Vec<u8>) {
        // CCID has no checksum: damage the framing so the host must notice
        if let Some(first) = reply.first_mut() {
            *first ^= 0x40;
        }
    }

    fn descriptors(&self) -> Vec<u8> {
        self.model.descriptors()
    }

    fn card(&self) -> &VirtualCard {
        &self.card
    }

    fn set_card_present(&mut self, present: bool) {
        self.present = present;
        if !present {
            self.powered = false;
        }
    }
}
