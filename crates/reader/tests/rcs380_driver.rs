//! The RC-S380 driver against a virtual RC-S380 and a Type B card, with faults.
#![allow(clippy::unwrap_used)]

mod common;

use apdu::{CardChannel, TransportError};
use common::picc::Picc;
use common::rcs380::VirtualRcs380;
use common::{run, Card};
use reader::port100::{Port100Error, Rcs380, Rcs380Options};

const VERIFY: [u8; 9] = [0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34];
const READ: [u8; 5] = [0x00, 0xB0, 0x00, 0x00, 0x00];
const PSEUDO_ATR: [u8; 13] = [
    0x3B, 0x88, 0x80, 0x01, 0, 0, 0, 0, 0x00, 0x81, 0xE1, 0x00, 0x69,
];

fn reader(options: Rcs380Options) -> Rcs380<VirtualRcs380> {
    let mut r = Rcs380::new(VirtualRcs380::new(Picc::new(Card::echo())), options);
    run(r.init()).unwrap();
    r
}

fn expected_read() -> Vec<u8> {
    let mut r: Vec<u8> = (0..300u16).map(|i| (i % 251) as u8).collect();
    r.extend_from_slice(&[0x90, 0x00]);
    r
}

#[test]
fn initialises_activates_and_exchanges() {
    let mut r = reader(Rcs380Options::default());
    assert_eq!(r.firmware(), [0x11, 0x01]);
    assert_eq!(r.pipe_mut().commands, [0x2A, 0x20, 0x22, 0x06]);
    assert_eq!(run(r.activate()).unwrap(), PSEUDO_ATR);
    assert_eq!(&r.pipe_mut().commands[4..], [0x00, 0x02, 0x02, 0x04, 0x04]);
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    // 302-byte answer: the card chains (FSD 256 → 253 bytes per block)
    assert_eq!(run(r.transmit(&READ)).unwrap(), expected_read());
    let mut long = vec![0x00, 0x2A, 0x9E, 0x9A, 0x00, 0x01, 0x00];
    long.extend(std::iter::repeat_n(0x5A, 256));
    long.extend_from_slice(&[0x00, 0x00]);
    let mut echoed = long.clone();
    echoed.extend_from_slice(&[0x90, 0x00]);
    assert_eq!(run(r.transmit(&long)).unwrap(), echoed);
    assert_eq!(r.pipe_mut().picc.card.executed.len(), 3);
    assert!(run(r.is_card_present()).unwrap());
    run(r.release()).unwrap();
    assert!(!r.pipe_mut().rf_on);
}

#[test]
fn counts_usb_transfers_per_apdu() {
    let mut r = reader(Rcs380Options {
        settings_before_each_apdu: false,
        ..Rcs380Options::default()
    });
    run(r.activate()).unwrap();
    let before = r.transfers();
    run(r.transmit(&VERIFY)).unwrap();
    // one InCommRF: OUT + ACK + response
    assert_eq!(r.transfers() - before, 3);
    let mut r = reader(Rcs380Options::default());
    run(r.activate()).unwrap();
    let before = r.transfers();
    run(r.transmit(&VERIFY)).unwrap();
    // + InSetRF and two InSetProtocol
    assert_eq!(r.transfers() - before, 12);
}

#[test]
fn answers_wtx_and_recovers_lost_and_garbled_frames_without_running_verify_twice() {
    let mut r = reader(Rcs380Options::default());
    run(r.activate()).unwrap();
    r.pipe_mut().picc.faults.wtx_requests = 3;
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    r.pipe_mut().picc.faults.wtx_requests = 0;
    r.pipe_mut().picc.faults.lose_commands = 1;
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    r.pipe_mut().picc.faults.garble_answers = 2;
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    assert_eq!(r.pipe_mut().picc.card.count_ins(0x20), 3);
    assert_eq!(run(r.transmit(&READ)).unwrap(), expected_read());
}

#[test]
fn card_removed_then_placed_again() {
    let mut r = reader(Rcs380Options::default());
    run(r.activate()).unwrap();
    r.pipe_mut().picc.faults.remove_at_block = Some(2);
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    assert_eq!(run(r.transmit(&VERIFY)), Err(TransportError::CardRemoved));
    assert_eq!(r.pipe_mut().picc.card.count_ins(0x20), 1);
    assert!(!run(r.is_card_present()).unwrap());
    assert_eq!(run(r.reset()), Err(TransportError::CardRemoved));
    r.pipe_mut().picc.present = true;
    assert_eq!(run(r.reset()).unwrap(), PSEUDO_ATR);
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
}

#[test]
fn reader_error_frame_and_unplug_are_typed_errors() {
    let mut r = reader(Rcs380Options::default());
    let n = r.pipe_mut().commands.len();
    r.pipe_mut().error_frame_at_command = Some(n + 1);
    assert_eq!(run(r.activate()), Err(Port100Error::ErrorFrame(0x00)));
    assert_eq!(run(r.activate()).unwrap(), PSEUDO_ATR);
    let outs = r.pipe_mut().outs;
    r.pipe_mut().unplug_at_out = Some(outs + 1);
    assert_eq!(run(r.transmit(&VERIFY)), Err(TransportError::ReaderGone));
}
