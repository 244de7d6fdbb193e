//! A virtual Sony RC-S300 on vendor interface #1: CCID Escape messages with Sony
//! pseudo-APDUs (readers.md §4.2–4.3).

use alloc::vec;
use alloc::vec::Vec;

use reader::ccid::message::{
    message_type, Command, CommandStatus, IccStatus, RawMessage, Response, SlotError, Status,
};
use reader::rcs300::pseudo_apdu::{parse_communicate_thru_ex, ControlAnswer};

use super::picc::{RfAnswer, TypeBCard};
use super::{Fault, ReaderCore, ReaderModel};
use crate::VirtualCard;

/// The RC-S300 vendor-interface side of a virtual reader.
#[derive(Debug)]
pub struct Rcs300Core {
    picc: TypeBCard,
    in_session: bool,
    rf_on: bool,
}

impl Rcs300Core {
    /// An RC-S300 with `card` on it.
    pub fn new(card: VirtualCard) -> Self {
        Self {
            picc: TypeBCard::new(card),
            in_session: false,
            rf_on: false,
        }
    }

    /// Whether a transparent session is open.
    pub fn in_session(&self) -> bool {
        self.in_session
    }
}

fn answer(status: u8, sw: [u8; 2], objects: Vec<(u16, Vec<u8>)>) -> Vec<u8> {
    ControlAnswer {
        status: Some((status, sw)),
        objects,
        outer_sw: [0x90, 0x00],
    }
    .encode()
}

/// The pseudo-ATR the reader reports in 5F51 for the virtual card (its contactless ATR).
fn pseudo_atr(card: &VirtualCard) -> Vec<u8> {
    card.config().atr.bytes()
}

impl Rcs300Core {
    fn pseudo_apdu(&mut self, p: &[u8], faults: &[Fault]) -> Vec<u8> {
        if faults.contains(&Fault::Nak) && !p.starts_with(&[0xFF, 0x50, 0x00, 0x01]) {
            return vec![0x67, 0x00];
        }
        match p {
            [0xFF, 0x50, 0x00, 0x00, 0x02, tag, 0x00, 0x00] => {
                match tag {
                    0x81 => self.in_session = true,
                    0x82 => self.in_session = false,
                    0x83 => {
                        self.rf_on = false;
                        self.picc.field_off();
                    }
                    0x84 => self.rf_on = true,
                    _ => return vec![0x6A, 0x86],
                }
                answer(0, [0x90, 0x00], vec![])
            }
            [0xFF, 0x50, 0x00, 0x02, 0x04, 0x8F, 0x02, 0x01, 0x04, 0x00] => {
                if faults.contains(&Fault::RemoveCard) {
                    self.picc.set_present(false);
                }
                if self.in_session && self.rf_on && self.picc.activate_by_reader() {
                    answer(
                        0,
                        [0x90, 0x00],
                        vec![(0x5F51, pseudo_atr(self.picc.card()))],
                    )
                } else {
                    answer(1, [0x6A, 0x81], vec![])
                }
            }
            [0xFF, 0x50, 0x00, 0x02, 0x04, 0x8F, 0x02, 0x01, 0x03, 0x00] => {
                answer(0, [0x90, 0x00], vec![])
            }
            [0xFF, 0x50, 0x00, 0x01, ..] => match parse_communicate_thru_ex(p) {
                Ok((_timer, frame)) if self.in_session && self.rf_on => {
                    match self.picc.rf(&frame, faults) {
                        RfAnswer::Frame(f) => answer(0, [0x90, 0x00], vec![(0x97, f)]),
                        // a damaged frame reaches the host as bytes that are no ISO-DEP block
                        RfAnswer::Damaged => answer(0, [0x90, 0x00], vec![(0x97, vec![0x42])]),
                        RfAnswer::Silence => answer(1, [0x63, 0x01], vec![]),
                    }
                }
                Ok(_) => answer(1, [0x6A, 0x81], vec![]),
                Err(_) => vec![0x67, 0x00],
            },
            _ => vec![0x6D, 0x00],
        }
    }
}

impl ReaderCore for Rcs300Core {
    fn handle(&mut self, data: &[u8], faults: &[Fault]) -> Vec<Vec<u8>> {
        if faults.contains(&Fault::RemoveCard) {
            self.picc.set_present(false);
        }
        let Ok(m) = RawMessage::decode(data) else {
            return vec![];
        };
        let ok = Status {
            icc: IccStatus::Active,
            command: CommandStatus::Ok,
            rfu: 0,
        };
        let (kind, status, error, payload) = match Command::from_message(&m) {
            Ok(Command::Escape(p)) => (
                message_type::ESCAPE_RESPONSE,
                ok,
                0,
                self.pseudo_apdu(&p, faults),
            ),
            _ => (
                message_type::SLOT_STATUS,
                Status {
                    command: CommandStatus::Failed,
                    ..ok
                },
                0,
                vec![],
            ),
        };
        vec![Response {
            message_type: kind,
            slot: m.slot,
            seq: m.seq,
            status,
            error: SlotError(error),
            specific: 0,
            data: payload,
        }
        .encode()]
    }

    fn descriptors(&self) -> Vec<u8> {
        ReaderModel::Rcs300.descriptors()
    }

    fn card(&self) -> &VirtualCard {
        self.picc.card()
    }

    fn set_card_present(&mut self, present: bool) {
        self.picc.set_present(present);
    }
}
