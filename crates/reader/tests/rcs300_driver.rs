//! The RC-S300 vendor-interface driver against a virtual RC-S300 and a Type B card.
#![allow(clippy::unwrap_used)]

mod common;

use apdu::{CardChannel, TransportError};
use common::picc::Picc;
use common::rcs300::{VirtualRcs300, PSEUDO_ATR};
use common::{run, Card};
use reader::rcs300::{ApduPath, Rcs300, Rcs300Activation, Rcs300Error, Rcs300Options};

const VERIFY: [u8; 9] = [0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34];
const READ: [u8; 5] = [0x00, 0xB0, 0x00, 0x00, 0x00];

fn reader(options: Rcs300Options) -> Rcs300<VirtualRcs300> {
    let mut r = Rcs300::new(VirtualRcs300::new(Picc::new(Card::echo())), options);
    run(r.init()).unwrap();
    r
}

fn expected_read() -> Vec<u8> {
    let mut r: Vec<u8> = (0..300u16).map(|i| (i % 251) as u8).collect();
    r.extend_from_slice(&[0x90, 0x00]);
    r
}

#[test]
fn opens_a_session_activates_layer_4_and_exchanges() {
    let mut r = reader(Rcs300Options::default());
    assert_eq!(
        r.pipe_mut().payloads,
        [
            vec![0xFF, 0x50, 0x00, 0x00, 0x02, 0x82, 0x00, 0x00],
            vec![0xFF, 0x50, 0x00, 0x00, 0x02, 0x81, 0x00, 0x00],
            vec![0xFF, 0x50, 0x00, 0x00, 0x02, 0x83, 0x00, 0x00],
            vec![0xFF, 0x50, 0x00, 0x00, 0x02, 0x84, 0x00, 0x00],
        ]
    );
    assert_eq!(run(r.activate()).unwrap(), PSEUDO_ATR);
    let before = r.transfers();
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    assert_eq!(r.transfers() - before, 2);
    // the I-block travels in CommunicateThruEX: timer = FWT(14) + ΔFWT, PCB 02 + APDU
    let last = r.pipe_mut().payloads.last().unwrap().clone();
    assert_eq!(&last[..7], [0xFF, 0x50, 0x00, 0x01, 0x00, 0x00, 0x15]);
    assert_eq!(&last[7..10], [0x5F, 0x46, 0x04]);
    assert_eq!(
        u32::from_le_bytes(last[10..14].try_into().unwrap()),
        4_953_000
    );
    assert_eq!(
        &last[14..],
        [
            0x95, 0x82, 0x00, 0x0A, 0x02, 0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34,
            0x00, 0x00, 0x00
        ]
    );
    assert_eq!(run(r.transmit(&READ)).unwrap(), expected_read());
    let mut long = vec![0x00, 0x2A, 0x9E, 0x9A, 0x00, 0x01, 0x00];
    long.extend(std::iter::repeat_n(0x5A, 256));
    long.extend_from_slice(&[0x00, 0x00]);
    let mut echoed = long.clone();
    echoed.extend_from_slice(&[0x90, 0x00]);
    assert_eq!(run(r.transmit(&long)).unwrap(), echoed);
    assert!(run(r.is_card_present()).unwrap());
    run(r.release()).unwrap();
    assert!(!r.pipe_mut().in_session);
}

#[test]
fn host_attrib_activation_is_a_one_line_switch() {
    let mut r = reader(Rcs300Options {
        activation: Rcs300Activation::HostAttrib,
        ..Rcs300Options::default()
    });
    assert_eq!(run(r.activate()).unwrap(), PSEUDO_ATR);
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
}

#[test]
fn xfr_block_path_is_a_one_line_switch() {
    let mut r = reader(Rcs300Options {
        path: ApduPath::XfrBlock,
        ..Rcs300Options::default()
    });
    run(r.activate()).unwrap();
    assert_eq!(run(r.transmit(&READ)).unwrap(), expected_read());
}

#[test]
fn recovers_from_wtx_lost_and_damaged_frames_without_running_verify_twice() {
    let mut r = reader(Rcs300Options::default());
    run(r.activate()).unwrap();
    r.pipe_mut().picc.faults.wtx_requests = 5;
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    r.pipe_mut().picc.faults.wtx_requests = 0;
    r.pipe_mut().picc.faults.lose_commands = 2;
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    r.pipe_mut().picc.faults.garble_answers = 1;
    assert_eq!(run(r.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    assert_eq!(r.pipe_mut().picc.card.count_ins(0x20), 3);
}

#[test]
fn card_removed_no_card_and_reader_errors_are_typed() {
    let mut r = reader(Rcs300Options::default());
    r.pipe_mut().picc.present = false;
    assert_eq!(run(r.activate()), Err(Rcs300Error::NoCard));
    r.pipe_mut().picc.present = true;
    run(r.activate()).unwrap();
    r.pipe_mut().picc.faults.remove_at_block = Some(1);
    assert_eq!(run(r.transmit(&VERIFY)), Err(TransportError::CardRemoved));
    assert_eq!(r.pipe_mut().picc.card.count_ins(0x20), 0);
    r.pipe_mut().picc.present = true;
    assert_eq!(run(r.reset()).unwrap(), PSEUDO_ATR);
    r.pipe_mut().reject_next = true;
    assert_eq!(
        run(r.transmit(&VERIFY)),
        Err(TransportError::Protocol(
            "the reader rejected the command with status 67 00".into()
        ))
    );
    let outs = r.pipe_mut().outs;
    r.pipe_mut().unplug_at_out = Some(outs + 1);
    assert_eq!(run(r.transmit(&VERIFY)), Err(TransportError::ReaderGone));
}
