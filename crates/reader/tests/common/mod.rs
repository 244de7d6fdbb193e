//! Test peers: a virtual CCID reader with a card behind it, speaking real bytes over `UsbPipe`.
#![allow(clippy::unwrap_used, dead_code)]

pub mod picc;
pub mod rcs300;
pub mod rcs380;

use std::collections::VecDeque;

use reader::ccid::message::{
    Command, CommandStatus, IccStatus, RawMessage, Response, SlotError, Status,
};
use reader::ccid::{CcidDescriptor, ExchangeLevel};
use reader::t1::{Block, RError, SKind};
use reader::usb::{ControlSetup, UsbError, UsbPipe};

/// Runs a future that never waits (every peer here answers at once).
pub fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

/// How a toy card answers an APDU.
pub type Answer = Box<dyn FnMut(&[u8]) -> Vec<u8>>;

/// A toy card: answers APDUs from a function and counts what it executed.
pub struct Card {
    pub answer: Answer,
    pub executed: Vec<Vec<u8>>,
}

impl Card {
    /// Echo card: `00 B0 …` → 300 bytes of pattern + 9000; VERIFY → 9000; else data ‖ 9000.
    pub fn echo() -> Self {
        Self {
            answer: Box::new(|apdu: &[u8]| match apdu.get(1) {
                Some(0xB0) => {
                    let mut r: Vec<u8> = (0..300u16).map(|i| (i % 251) as u8).collect();
                    r.extend_from_slice(&[0x90, 0x00]);
                    r
                }
                Some(0x20) => vec![0x90, 0x00],
                _ => {
                    let mut r = apdu.to_vec();
                    r.extend_from_slice(&[0x90, 0x00]);
                    r
                }
            }),
            executed: Vec::new(),
        }
    }
    pub fn execute(&mut self, apdu: &[u8]) -> Vec<u8> {
        self.executed.push(apdu.to_vec());
        (self.answer)(apdu)
    }
    pub fn count_ins(&self, ins: u8) -> usize {
        self.executed
            .iter()
            .filter(|a| a.get(1) == Some(&ins))
            .count()
    }
}

/// Faults the virtual reader injects.
#[derive(Default)]
pub struct Faults {
    /// Corrupt the LRC of the card's next T=1 block this many times.
    pub garble_blocks: u32,
    /// Ask for WTX this many times before answering an APDU.
    pub wtx_requests: u32,
    /// Time-extension messages before each XfrBlock answer.
    pub time_extensions: u32,
    /// Card mute (ICC_MUTE) on the next XfrBlock this many times.
    pub mute: u32,
    /// Remove the card at this XfrBlock number (1-based).
    pub remove_at_xfr: Option<u32>,
    /// Unplug at this bulk-out number.
    pub unplug_at_out: Option<u32>,
}

/// T=1 card-side link state.
#[derive(Default)]
struct CardT1 {
    expected_ns: bool,
    card_ns: bool,
    command: Vec<u8>,
    pending: VecDeque<Vec<u8>>,
    last_block: Vec<u8>,
    ifsd: usize,
    wtx_left: u32,
    held_response: Option<Vec<u8>>,
}

/// A CCID reader at the level its descriptor names, with a card behind it.
pub struct VirtualCcid {
    pub descriptor: CcidDescriptor,
    pub atr: Vec<u8>,
    pub card: Card,
    pub faults: Faults,
    pub present: bool,
    pub powered: bool,
    pub t0: bool,
    replies: VecDeque<Vec<u8>>,
    t1: CardT1,
    /// APDU-level chaining: command parts so far, response parts left.
    apdu_in: Vec<u8>,
    apdu_out: VecDeque<Vec<u8>>,
    pub outs: u32,
    pub ins: u32,
    pub xfrs: u32,
    unplugged: bool,
    /// Every bulk OUT payload (for exact-byte assertions).
    pub sent: Vec<Vec<u8>>,
    /// Messages the interrupt endpoint will give.
    pub interrupts: VecDeque<Vec<u8>>,
}

pub const MYNA_ATR: [u8; 9] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];

impl VirtualCcid {
    pub fn new(descriptor: CcidDescriptor, card: Card) -> Self {
        Self {
            descriptor,
            atr: MYNA_ATR.to_vec(),
            card,
            faults: Faults::default(),
            present: true,
            powered: false,
            t0: false,
            replies: VecDeque::new(),
            t1: CardT1 {
                ifsd: 32,
                ..CardT1::default()
            },
            apdu_in: Vec::new(),
            apdu_out: VecDeque::new(),
            outs: 0,
            ins: 0,
            xfrs: 0,
            unplugged: false,
            sent: Vec::new(),
            interrupts: VecDeque::new(),
        }
    }

    fn reply(
        &mut self,
        m: &RawMessage,
        message_type: u8,
        status: Status,
        error: u8,
        specific: u8,
        data: Vec<u8>,
    ) {
        let r = Response {
            message_type,
            slot: m.slot,
            seq: m.seq,
            status,
            error: SlotError(error),
            specific,
            data,
        };
        self.replies.push_back(r.encode());
    }

    fn icc(&self) -> IccStatus {
        match (self.present, self.powered) {
            (false, _) => IccStatus::Absent,
            (true, false) => IccStatus::Inactive,
            (true, true) => IccStatus::Active,
        }
    }

    fn ok(&self) -> Status {
        Status {
            icc: self.icc(),
            command: CommandStatus::Ok,
            rfu: 0,
        }
    }

    fn failed(&self) -> Status {
        Status {
            icc: self.icc(),
            command: CommandStatus::Failed,
            rfu: 0,
        }
    }

    fn handle(&mut self, bytes: &[u8]) {
        let m = RawMessage::decode(bytes).unwrap();
        let cmd = Command::from_message(&m).unwrap();
        match cmd {
            Command::IccPowerOn(_) => {
                if !self.present {
                    return self.reply(&m, 0x80, self.failed(), 0xFE, 0, vec![]);
                }
                self.powered = true;
                self.t1 = CardT1 {
                    ifsd: 32,
                    ..CardT1::default()
                };
                let atr = self.atr.clone();
                self.reply(&m, 0x80, self.ok(), 0, 0, atr);
            }
            Command::IccPowerOff => {
                self.powered = false;
                self.reply(&m, 0x81, self.ok(), 0, 0, vec![]);
            }
            Command::GetSlotStatus => self.reply(&m, 0x81, self.ok(), 0, 0, vec![]),
            Command::SetParameters(p) => {
                self.reply(&m, 0x82, self.ok(), 0, p.protocol_num(), p.to_bytes())
            }
            Command::XfrBlock { level, data, .. } => {
                self.xfrs += 1;
                if self.faults.remove_at_xfr == Some(self.xfrs) {
                    self.present = false;
                    self.powered = false;
                }
                if !self.present || !self.powered {
                    return self.reply(&m, 0x80, self.failed(), 0xFE, 0, vec![]);
                }
                if self.faults.mute > 0 {
                    self.faults.mute -= 1;
                    return self.reply(&m, 0x80, self.failed(), 0xFE, 0, vec![]);
                }
                for _ in 0..self.faults.time_extensions {
                    self.reply(
                        &m,
                        0x80,
                        Status {
                            icc: self.icc(),
                            command: CommandStatus::TimeExtension,
                            rfu: 0,
                        },
                        1,
                        0,
                        vec![],
                    );
                }
                match self.descriptor.exchange_level() {
                    ExchangeLevel::Tpdu if self.t0 => {
                        let answer = self.t0_tpdu(&data);
                        self.reply(&m, 0x80, self.ok(), 0, 0, answer)
                    }
                    ExchangeLevel::Tpdu => {
                        let mut block = self.t1_block(&data);
                        if self.faults.garble_blocks > 0 && !block.is_empty() {
                            self.faults.garble_blocks -= 1;
                            let last = block.len() - 1;
                            block[last] ^= 0xFF;
                        }
                        self.reply(&m, 0x80, self.ok(), 0, 0, block)
                    }
                    _ => {
                        let (specific, answer) = self.apdu_level(level.to_u16(), data);
                        self.reply(&m, 0x80, self.ok(), 0, specific, answer)
                    }
                }
            }
            other => panic!("unexpected command {other:?}"),
        }
    }

    fn apdu_level(&mut self, level: u16, data: Vec<u8>) -> (u8, Vec<u8>) {
        let room = self.descriptor.max_message_length as usize - 10;
        match level {
            0x00 | 0x02 => {
                self.apdu_in.extend_from_slice(&data);
                let apdu = std::mem::take(&mut self.apdu_in);
                let response = self.card.execute(&apdu);
                self.apdu_out = response.chunks(room).map(<[u8]>::to_vec).collect();
                self.next_part(true)
            }
            0x01 | 0x03 => {
                self.apdu_in.extend_from_slice(&data);
                (0x10, vec![])
            }
            0x10 => self.next_part(false),
            other => panic!("level {other}"),
        }
    }

    fn next_part(&mut self, first: bool) -> (u8, Vec<u8>) {
        let part = self.apdu_out.pop_front().unwrap_or_default();
        let more = !self.apdu_out.is_empty();
        let specific = match (first, more) {
            (true, false) => 0x00,
            (true, true) => 0x01,
            (false, true) => 0x03,
            (false, false) => 0x02,
        };
        (specific, part)
    }

    /// A T=0 card behind a TPDU reader: case 4 answers 61xx, short Le answers 6Cxx.
    fn t0_tpdu(&mut self, tpdu: &[u8]) -> Vec<u8> {
        if tpdu.get(1) == Some(&0xC0) {
            let mut r = self.t1.held_response.take().unwrap_or_default();
            r.extend_from_slice(&[0x90, 0x00]);
            return r;
        }
        let apdu = tpdu.to_vec();
        let mut response = self.card.execute(&apdu);
        let sw = response.split_off(response.len() - 2);
        if !response.is_empty() && tpdu.len() > 5 {
            let n = response.len() as u8;
            self.t1.held_response = Some(response);
            return vec![0x61, n];
        }
        let mut r = response;
        r.extend_from_slice(&sw);
        r
    }

    fn send_block(&mut self, b: Block) -> Vec<u8> {
        let bytes = b.encode(0);
        self.t1.last_block = bytes.clone();
        bytes
    }

    /// The card's side of T=1.
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
                self.t1.ifsd = inf[0] as usize;
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
                let apdu = std::mem::take(&mut self.t1.command);
                let response = self.card.execute(&apdu);
                self.t1.pending = response
                    .chunks(self.t1.ifsd.max(1))
                    .map(<[u8]>::to_vec)
                    .collect();
                self.t1.wtx_left = self.faults.wtx_requests;
                self.answer_or_wtx()
            }
            Block::R { nr, error } => {
                if !self.t1.pending.is_empty() {
                    if error == RError::None && nr != self.t1.card_ns {
                        // ack of our chained I-block
                        self.t1.card_ns = !self.t1.card_ns;
                        return self.next_i_block();
                    }
                    return self.t1.last_block.clone();
                }
                if nr == self.t1.card_ns {
                    // the host waits for an I-block we never prepared: its command did not reach us
                    return self.send_block(Block::R {
                        nr: self.t1.expected_ns,
                        error: RError::None,
                    });
                }
                self.t1.last_block.clone()
            }
            other => panic!("card got {other:?}"),
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

impl UsbPipe for VirtualCcid {
    async fn bulk_out(&mut self, _endpoint: u8, data: &[u8]) -> Result<(), UsbError> {
        self.outs += 1;
        if self.unplugged || self.faults.unplug_at_out == Some(self.outs) {
            self.unplugged = true;
            return Err(UsbError::Disconnected);
        }
        self.sent.push(data.to_vec());
        self.handle(data);
        Ok(())
    }
    async fn bulk_in(
        &mut self,
        _endpoint: u8,
        max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        self.ins += 1;
        if self.unplugged {
            return Err(UsbError::Disconnected);
        }
        let r = self
            .replies
            .pop_front()
            .ok_or(UsbError::Timeout { timeout_ms })?;
        assert!(
            r.len() <= max_len,
            "reply {} longer than max {max_len}",
            r.len()
        );
        Ok(r)
    }
    async fn interrupt_in(
        &mut self,
        _endpoint: u8,
        _max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        self.interrupts
            .pop_front()
            .ok_or(UsbError::Timeout { timeout_ms })
    }
    async fn control_in(&mut self, _setup: ControlSetup, _len: u16) -> Result<Vec<u8>, UsbError> {
        Err(UsbError::Stall)
    }
    async fn control_out(&mut self, _setup: ControlSetup, _data: &[u8]) -> Result<(), UsbError> {
        Err(UsbError::Stall)
    }
    async fn delay_ms(&mut self, _ms: u32) {}
}

/// Parses a dump from tests/readers and returns its first CCID descriptor.
pub fn descriptor(file: &str) -> CcidDescriptor {
    let text = std::fs::read_to_string(format!(
        "{}/tests/readers/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    reader::ccid::libccid::parse_dump(&text).unwrap().interfaces[0].ccid
}
