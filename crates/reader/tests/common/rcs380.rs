//! A virtual Sony RC-S380 speaking Port-100 frames, with a Type B card on its RF side.
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::VecDeque;

use super::picc::{Picc, RfReply};
use reader::port100::command::{code, InCommRfAnswer};
use reader::port100::Frame;
use reader::usb::{ControlSetup, UsbError, UsbPipe};

pub struct VirtualRcs380 {
    pub picc: Picc,
    replies: VecDeque<Vec<u8>>,
    pub commands: Vec<u8>,
    pub outs: u32,
    pub ins: u32,
    pub unplug_at_out: Option<u32>,
    /// Answer the n-th command (1-based) with the error frame instead of an ACK.
    pub error_frame_at_command: Option<usize>,
    unplugged: bool,
    pub rf_on: bool,
}

impl VirtualRcs380 {
    pub fn new(picc: Picc) -> Self {
        // a leftover frame from an earlier session, which init must drain
        let mut replies = VecDeque::new();
        replies.push_back(Frame::Data(vec![0xD7, 0x05, 0x80, 0, 0, 0, 0]).encode());
        Self {
            picc,
            replies,
            commands: vec![],
            outs: 0,
            ins: 0,
            unplug_at_out: None,
            error_frame_at_command: None,
            unplugged: false,
            rf_on: false,
        }
    }

    fn answer(&mut self, code_: u8, payload: Vec<u8>) {
        self.replies.push_back(Frame::Ack.encode());
        let mut data = vec![0xD7, code_ + 1];
        data.extend_from_slice(&payload);
        self.replies.push_back(Frame::Data(data).encode());
    }
}

impl UsbPipe for VirtualRcs380 {
    async fn bulk_out(&mut self, endpoint: u8, data: &[u8]) -> Result<(), UsbError> {
        assert_eq!(endpoint, 0x02);
        self.outs += 1;
        if self.unplugged || self.unplug_at_out == Some(self.outs) {
            self.unplugged = true;
            return Err(UsbError::Disconnected);
        }
        match Frame::decode(data).unwrap() {
            Frame::Ack => {}
            Frame::Error => panic!("host sent an error frame"),
            Frame::Data(d) => {
                assert_eq!(d[0], 0xD6);
                let c = d[1];
                let params = &d[2..];
                self.commands.push(c);
                if self.error_frame_at_command == Some(self.commands.len()) {
                    self.replies.push_back(Frame::Error.encode());
                    return Ok(());
                }
                let payload = match c {
                    code::SET_COMMAND_TYPE | code::IN_SET_RF | code::IN_SET_PROTOCOL => vec![0],
                    code::SWITCH_RF => {
                        self.rf_on = params == [1];
                        vec![0]
                    }
                    code::GET_FIRMWARE_VERSION => vec![0x11, 0x01],
                    code::GET_PD_DATA_VERSION => vec![0x00, 0x01],
                    code::IN_COMM_RF => {
                        let answer = match self.picc.rf(&params[2..]) {
                            RfReply::Frame(f) => InCommRfAnswer {
                                errors: 0,
                                flags: 0,
                                data: f,
                            },
                            RfReply::Invalid => InCommRfAnswer {
                                errors: 0x04,
                                flags: 0,
                                data: vec![],
                            },
                            RfReply::Silence => InCommRfAnswer {
                                errors: 0x80,
                                flags: 0,
                                data: vec![],
                            },
                        };
                        answer.to_payload()
                    }
                    other => panic!("unexpected Port-100 command {other:02X}"),
                };
                self.answer(c, payload);
            }
        }
        Ok(())
    }
    async fn bulk_in(
        &mut self,
        endpoint: u8,
        _max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        assert_eq!(endpoint, 0x81);
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
