//! A virtual Sony RC-S380: Port-100 frames on bulk 0x02/0x81 (readers.md §3).

use alloc::vec;
use alloc::vec::Vec;

use reader::port100::command::{code, InCommRfAnswer};
use reader::port100::Frame;

use super::picc::{RfAnswer, TypeBCard};
use super::{Fault, ReaderCore, ReaderModel};
use crate::VirtualCard;

/// The RC-S380 side of a virtual reader.
#[derive(Debug)]
pub struct Rcs380Core {
    picc: TypeBCard,
    rf_on: bool,
}

impl Rcs380Core {
    /// An RC-S380 with `card` on it.
    pub fn new(card: VirtualCard) -> Self {
        Self {
            picc: TypeBCard::new(card),
            rf_on: false,
        }
    }

    /// Whether the RF field is on.
    pub fn rf_on(&self) -> bool {
        self.rf_on
    }
}

fn response(command: u8, payload: &[u8]) -> Vec<u8> {
    let mut data = vec![0xD7, command.wrapping_add(1)];
    data.extend_from_slice(payload);
    Frame::Data(data).encode()
}

impl ReaderCore for Rcs380Core {
    fn handle(&mut self, data: &[u8], faults: &[Fault]) -> Vec<Vec<u8>> {
        if faults.contains(&Fault::RemoveCard) {
            self.picc.set_present(false);
        }
        let Ok(Frame::Data(d)) = Frame::decode(data) else {
            // ACK from the host (cancel) or garbage: no answer
            return vec![];
        };
        let (Some(0xD6), Some(&command)) = (d.first().copied(), d.get(1)) else {
            return vec![Frame::Error.encode()];
        };
        let params = d.get(2..).unwrap_or(&[]);
        let payload = match command {
            code::SET_COMMAND_TYPE | code::IN_SET_RF | code::IN_SET_PROTOCOL => {
                if faults.contains(&Fault::Nak) {
                    return vec![Frame::Error.encode()];
                }
                if command == code::IN_SET_RF {
                    self.rf_on = true;
                }
                vec![0]
            }
            code::SWITCH_RF => {
                self.rf_on = params == [1];
                if !self.rf_on {
                    self.picc.field_off();
                }
                vec![0]
            }
            code::GET_FIRMWARE_VERSION => vec![0x11, 0x01],
            code::GET_PD_DATA_VERSION => vec![0x00, 0x01],
            code::IN_COMM_RF => {
                let frame = params.get(2..).unwrap_or(&[]);
                let answer = if self.rf_on {
                    self.picc.rf(frame, faults)
                } else {
                    RfAnswer::Silence
                };
                let a = match answer {
                    RfAnswer::Frame(f) => InCommRfAnswer {
                        errors: 0,
                        flags: 0,
                        data: f,
                    },
                    RfAnswer::Damaged => InCommRfAnswer {
                        errors: 0x04,
                        flags: 0,
                        data: vec![],
                    },
                    RfAnswer::Silence => InCommRfAnswer {
                        errors: 0x80,
                        flags: 0,
                        data: vec![],
                    },
                };
                a.to_payload()
            }
            _ => return vec![Frame::Error.encode()],
        };
        vec![Frame::Ack.encode(), response(command, &payload)]
    }

    fn descriptors(&self) -> Vec<u8> {
        ReaderModel::Rcs380.descriptors()
    }

    fn card(&self) -> &VirtualCard {
        self.picc.card()
    }

    fn set_card_present(&mut self, present: bool) {
        self.picc.set_present(present);
    }
}
