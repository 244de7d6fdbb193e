//! A virtual Sony RC-S300 on vendor interface #1: CCID Escape frames with Sony pseudo-APDUs,
//! a Type B card on the RF side.
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::VecDeque;

use super::picc::{Picc, RfReply};
use reader::ccid::message::{
    Command, CommandStatus, IccStatus, RawMessage, Response, SlotError, Status,
};
use reader::rcs300::pseudo_apdu::{parse_communicate_thru_ex, ControlAnswer};
use reader::usb::{ControlSetup, UsbError, UsbPipe};

pub const PSEUDO_ATR: [u8; 13] = [
    0x3B, 0x88, 0x80, 0x01, 0, 0, 0, 0, 0x00, 0x81, 0xE1, 0x00, 0x69,
];

pub struct VirtualRcs300 {
    pub picc: Picc,
    replies: VecDeque<Vec<u8>>,
    pub payloads: Vec<Vec<u8>>,
    pub outs: u32,
    pub ins: u32,
    pub in_session: bool,
    pub rf_on: bool,
    pub unplug_at_out: Option<u32>,
    /// Answer the next escape with a bare 67 00 (wrong length encoding).
    pub reject_next: bool,
    unplugged: bool,
}

fn ok(objects: Vec<(u16, Vec<u8>)>) -> ControlAnswer {
    ControlAnswer {
        status: Some((0, [0x90, 0x00])),
        objects,
        outer_sw: [0x90, 0x00],
    }
}

fn fail(sw: [u8; 2]) -> ControlAnswer {
    ControlAnswer {
        status: Some((1, sw)),
        objects: vec![],
        outer_sw: [0x90, 0x00],
    }
}

impl VirtualRcs300 {
    pub fn new(picc: Picc) -> Self {
        Self {
            picc,
            replies: VecDeque::new(),
            payloads: vec![],
            outs: 0,
            ins: 0,
            in_session: false,
            rf_on: false,
            unplug_at_out: None,
            reject_next: false,
            unplugged: false,
        }
    }

    fn pseudo_apdu(&mut self, p: &[u8]) -> Vec<u8> {
        if std::mem::take(&mut self.reject_next) {
            return vec![0x67, 0x00];
        }
        let answer = match p {
            [0xFF, 0x50, 0x00, 0x00, 0x02, tag, 0x00, 0x00] => {
                match tag {
                    0x81 => self.in_session = true,
                    0x82 => self.in_session = false,
                    0x83 => self.rf_on = false,
                    0x84 => self.rf_on = true,
                    _ => panic!("session tag {tag:02X}"),
                }
                ok(vec![])
            }
            [0xFF, 0x50, 0x00, 0x02, 0x04, 0x8F, 0x02, 0x01, 0x04, 0x00] => {
                assert!(self.in_session && self.rf_on);
                if self.picc.activate_by_reader() {
                    ok(vec![(0x5F51, PSEUDO_ATR.to_vec())])
                } else {
                    fail([0x6A, 0x81])
                }
            }
            [0xFF, 0x50, 0x00, 0x02, 0x04, 0x8F, 0x02, 0x01, 0x03, 0x00] => ok(vec![]),
            [0xFF, 0x50, 0x00, 0x01, ..] => {
                let (_timer, frame) = parse_communicate_thru_ex(p).unwrap();
                match self.picc.rf(&frame) {
                    RfReply::Frame(f) => ok(vec![(0x97, f)]),
                    // a damaged frame comes back as bytes that are no ISO-DEP block
                    RfReply::Invalid => ok(vec![(0x97, vec![0x42])]),
                    RfReply::Silence => fail([0x63, 0x01]),
                }
            }
            other => panic!("unexpected pseudo-APDU {other:02X?}"),
        };
        answer.encode()
    }
}

impl UsbPipe for VirtualRcs300 {
    async fn bulk_out(&mut self, endpoint: u8, data: &[u8]) -> Result<(), UsbError> {
        assert_eq!(endpoint, 0x02);
        self.outs += 1;
        if self.unplugged || self.unplug_at_out == Some(self.outs) {
            self.unplugged = true;
            return Err(UsbError::Disconnected);
        }
        let m = RawMessage::decode(data).unwrap();
        let (message_type, payload) = match Command::from_message(&m).unwrap() {
            Command::Escape(p) => {
                self.payloads.push(p.clone());
                (0x83, self.pseudo_apdu(&p))
            }
            // the unverified XfrBlock path: the reader runs ISO-DEP itself
            Command::XfrBlock { data, .. } => (0x80, self.picc.card.execute(&data)),
            other => panic!("unexpected command {other:?}"),
        };
        let status = Status {
            icc: IccStatus::Active,
            command: CommandStatus::Ok,
            rfu: 0,
        };
        let r = Response {
            message_type,
            slot: m.slot,
            seq: m.seq,
            status,
            error: SlotError(0),
            specific: 0,
            data: payload,
        };
        self.replies.push_back(r.encode());
        Ok(())
    }
    async fn bulk_in(
        &mut self,
        endpoint: u8,
        _max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        assert_eq!(endpoint, 0x82);
        self.ins += 1;
        if self.unplugged {
            return Err(UsbError::Disconnected);
        }
        self.replies
            .pop_front()
            .ok_or(UsbError::Timeout { timeout_ms })
    }
    async fn interrupt_in(
        &mut self,
        _: u8,
        _: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        Err(UsbError::Timeout { timeout_ms })
    }
    async fn control_in(&mut self, _: ControlSetup, _: u16) -> Result<Vec<u8>, UsbError> {
        Err(UsbError::Stall)
    }
    async fn control_out(&mut self, _: ControlSetup, _: &[u8]) -> Result<(), UsbError> {
        Err(UsbError::Stall)
    }
    async fn delay_ms(&mut self, _ms: u32) {}
}
