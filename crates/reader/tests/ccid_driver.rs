//! The CCID driver against a virtual reader built from real descriptors, at every exchange
//! level, with faults.
#![allow(clippy::unwrap_used)]

mod common;

use apdu::{CardChannel, TransportError};
use common::{descriptor, run, Card, VirtualCcid, MYNA_ATR};
use reader::ccid::message::Interrupt;
use reader::ccid::{CcidChannel, CcidEndpoints, CcidError, CcidOptions};
use reader::usb::UsbError;

const EP: CcidEndpoints = CcidEndpoints {
    bulk_out: 0x02,
    bulk_in: 0x82,
    interrupt_in: Some(0x83),
};
const SELECT: [u8; 7] = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18];
const VERIFY: [u8; 9] = [0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34];
const READ: [u8; 5] = [0x00, 0xB0, 0x00, 0x00, 0x00];

fn channel(file: &str) -> CcidChannel<VirtualCcid> {
    let d = descriptor(file);
    CcidChannel::new(
        VirtualCcid::new(d, Card::echo()),
        d,
        EP,
        CcidOptions::default(),
    )
}

fn expected_read() -> Vec<u8> {
    let mut r: Vec<u8> = (0..300u16).map(|i| (i % 251) as u8).collect();
    r.extend_from_slice(&[0x90, 0x00]);
    r
}

#[test]
fn tpdu_reader_powers_on_sets_t1_parameters_and_negotiates_ifsd() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    assert_eq!(run(ch.power_on()).unwrap(), MYNA_ATR);
    let sent = &ch.pipe_mut().sent;
    assert_eq!(sent[0], [0x62, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        sent[1],
        [0x61, 7, 0, 0, 0, 0, 1, 1, 0, 0, 0x11, 0x10, 0xFF, 0x45, 0x00, 0xFE, 0x00]
    );
    // IFSD = the ACR39U's dwMaxIFSD 247 (0xF7): no more than the reader can buffer
    assert_eq!(
        sent[2],
        [0x6F, 5, 0, 0, 0, 0, 2, 0, 0, 0, 0x00, 0xC1, 0x01, 0xF7, 0x37]
    );
    assert_eq!(ch.capabilities(), apdu::ChannelCapabilities::EXTENDED);
}

#[test]
fn tpdu_t1_carries_short_long_and_chained_apdus() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    run(ch.power_on()).unwrap();
    let mut expected = SELECT.to_vec();
    expected.extend_from_slice(&[0x90, 0x00]);
    assert_eq!(run(ch.transmit(&SELECT)).unwrap(), expected);
    // 302-byte response: two I-blocks from the card (IFSD 247)
    assert_eq!(run(ch.transmit(&READ)).unwrap(), expected_read());
    // 300-byte command: host chaining over IFSC 254
    let mut long = vec![0x80, 0x2A, 0x00, 0x00, 0xFF];
    long.extend((0..295).map(|i| i as u8));
    let mut echoed = long.clone();
    echoed.extend_from_slice(&[0x90, 0x00]);
    assert_eq!(run(ch.transmit(&long)).unwrap(), echoed);
    assert_eq!(ch.pipe_mut().card.executed.len(), 3);
}

#[test]
fn tpdu_t1_answers_wtx_with_a_longer_block_waiting_time() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    run(ch.power_on()).unwrap();
    ch.pipe_mut().faults.wtx_requests = 2;
    assert_eq!(run(ch.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    let sent = &ch.pipe_mut().sent;
    // the S(WTX response) goes out with bBWI = the multiplier
    assert_eq!(
        sent[sent.len() - 1],
        [0x6F, 5, 0, 0, 0, 0, 5, 2, 0, 0, 0x00, 0xE3, 0x01, 0x02, 0xE0]
    );
    assert_eq!(ch.pipe_mut().card.count_ins(0x20), 1);
}

#[test]
fn garbled_and_mute_answers_never_run_verify_twice() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    run(ch.power_on()).unwrap();
    ch.pipe_mut().faults.garble_blocks = 2;
    assert_eq!(run(ch.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    assert_eq!(ch.pipe_mut().card.count_ins(0x20), 1);
    ch.pipe_mut().faults.mute = 1;
    assert_eq!(run(ch.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    assert_eq!(ch.pipe_mut().card.count_ins(0x20), 2);
    // and the link still works afterwards
    assert_eq!(run(ch.transmit(&READ)).unwrap(), expected_read());
}

#[test]
fn a_silent_card_ends_in_resynch_and_a_typed_error() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    run(ch.power_on()).unwrap();
    ch.pipe_mut().faults.mute = 4;
    let err = run(ch.transmit(&VERIFY)).unwrap_err();
    assert_eq!(
        err,
        TransportError::Protocol(
            "T=1 link resynchronised after repeated errors; the command was not completed".into()
        )
    );
    assert_eq!(ch.pipe_mut().card.count_ins(0x20), 0);
    assert_eq!(run(ch.transmit(&SELECT)).unwrap().len(), 9);
}

#[test]
fn card_removed_mid_session_is_reported_and_the_session_re_established() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    run(ch.power_on()).unwrap();
    ch.pipe_mut().faults.remove_at_xfr = Some(3);
    assert_eq!(run(ch.transmit(&SELECT)).unwrap().len(), 9);
    assert_eq!(run(ch.transmit(&SELECT)), Err(TransportError::CardRemoved));
    assert_eq!(run(ch.is_card_present()), Ok(false));
    ch.pipe_mut().present = true;
    assert_eq!(run(ch.is_card_present()), Ok(true));
    assert_eq!(run(ch.reset()).unwrap(), MYNA_ATR);
    assert_eq!(run(ch.transmit(&SELECT)).unwrap().len(), 9);
}

#[test]
fn unplugged_reader_is_reader_gone() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    run(ch.power_on()).unwrap();
    ch.pipe_mut().faults.unplug_at_out = Some(4);
    assert_eq!(run(ch.transmit(&SELECT)), Err(TransportError::ReaderGone));
}

#[test]
fn time_extensions_are_skipped() {
    let mut ch = channel("ACS_ACR1252_Reader.txt");
    run(ch.power_on()).unwrap();
    ch.pipe_mut().faults.time_extensions = 3;
    assert_eq!(run(ch.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    let t = ch.transfers();
    // power on: drain read + 1; XfrBlock: 3 time extensions + the answer
    assert_eq!((t.bulk_out, t.bulk_in), (2, 6));
}

#[test]
fn extended_apdu_reader_chains_commands_and_responses_by_message_size() {
    let d = descriptor("ACS_ACR1252_Reader.txt");
    let mut card = Card::echo();
    card.answer = Box::new(|apdu: &[u8]| {
        let mut r: Vec<u8> = (0..1200u16).map(|i| (i % 256) as u8).collect();
        r.extend_from_slice(&apdu[..4]);
        r.extend_from_slice(&[0x90, 0x00]);
        r
    });
    let mut ch = CcidChannel::new(VirtualCcid::new(d, card), d, EP, CcidOptions::default());
    run(ch.power_on()).unwrap();
    let mut cmd = vec![0x00, 0x2A, 0x9E, 0x9A, 0x00, 0x02, 0x58];
    cmd.extend(std::iter::repeat_n(0xAB, 600));
    cmd.extend_from_slice(&[0x00, 0x00]);
    let r = run(ch.transmit(&cmd)).unwrap();
    assert_eq!(r.len(), 1206);
    assert_eq!(&r[1200..], [0x00, 0x2A, 0x9E, 0x9A, 0x90, 0x00]);
    assert_eq!(ch.pipe_mut().card.executed[0], cmd);
    // 609-byte command → 2 parts (512 + 97); 1206-byte response → 3 parts (512 + 512 + 182)
    let levels: Vec<[u8; 2]> = ch
        .pipe_mut()
        .sent
        .iter()
        .filter(|m| m[0] == 0x6F)
        .map(|m| [m[8], m[9]])
        .collect();
    assert_eq!(levels, [[0x01, 0], [0x02, 0], [0x10, 0], [0x10, 0]]);
}

#[test]
fn short_apdu_reader_refuses_extended_apdus_without_sending() {
    let mut ch = channel("TOPPAN_FORMS_TC63CUT021.txt");
    run(ch.power_on()).unwrap();
    let before = ch.transfers();
    let err = run(ch.transmit(&[0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00])).unwrap_err();
    assert_eq!(
        err,
        TransportError::Unsupported("extended APDU on a short-APDU reader".into())
    );
    assert_eq!(ch.transfers(), before);
    assert_eq!(ch.capabilities(), apdu::ChannelCapabilities::SHORT);
}

#[test]
fn tpdu_t0_follows_61xx_with_get_response() {
    let d = descriptor("ACS_ACR39U_ICC_Reader.txt");
    let mut v = VirtualCcid::new(d, Card::echo());
    v.atr = vec![0x3B, 0x02, 0x14, 0x50];
    v.t0 = true;
    let mut ch = CcidChannel::new(v, d, EP, CcidOptions::default());
    run(ch.power_on()).unwrap();
    assert_eq!(
        ch.pipe_mut().sent[1],
        [0x61, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0x11, 0x00, 0x00, 0x0A, 0x00]
    );
    // case 4: data goes out as a case-3 TPDU, the answer comes with GET RESPONSE
    let case4 = [0x00, 0x88, 0x00, 0x00, 0x02, 0xAA, 0xBB, 0x00];
    let mut expected = case4[..7].to_vec();
    expected.extend_from_slice(&[0x90, 0x00]);
    assert_eq!(run(ch.transmit(&case4)).unwrap(), expected);
    let sent = &ch.pipe_mut().sent;
    assert_eq!(&sent[2][10..], [0x00, 0x88, 0x00, 0x00, 0x02, 0xAA, 0xBB]);
    assert_eq!(&sent[3][10..], [0x00, 0xC0, 0x00, 0x00, 0x07]);
    assert_eq!(run(ch.transmit(&VERIFY)).unwrap(), [0x90, 0x00]);
    assert_eq!(ch.pipe_mut().card.count_ins(0x20), 1);
}

#[test]
fn keeps_the_default_rate_when_the_reader_does_no_pps() {
    // Gemalto CT30: dwFeatures 0x00010230 (no automatic PPS or negotiation)
    let d = descriptor("Gemalto_IDBridge_CT30.txt");
    let mut v = VirtualCcid::new(d, Card::echo());
    v.atr = vec![
        0x3B, 0xDA, 0x13, 0xFF, 0x81, 0x31, 0xFB, 0x46, 0x80, 0x12, 0x39, 0x2F, 0x31, 0xC1, 0x73,
        0xC6, 0x01, 0xC0, 0x3B,
    ];
    let mut ch = CcidChannel::new(v, d, EP, CcidOptions::default());
    run(ch.power_on()).unwrap();
    assert_eq!(
        &ch.pipe_mut().sent[1][10..],
        [0x11, 0x10, 0xFF, 0x46, 0x00, 0xFB, 0x00]
    );
    // NTTCom: automatic PPS (0x80) → TA1 is passed on
    let d = descriptor("SCR3310-NTTCom.txt");
    let mut v = VirtualCcid::new(d, Card::echo());
    v.atr = vec![
        0x3B, 0xDA, 0x13, 0xFF, 0x81, 0x31, 0xFB, 0x46, 0x80, 0x12, 0x39, 0x2F, 0x31, 0xC1, 0x73,
        0xC6, 0x01, 0xC0, 0x3B,
    ];
    let mut ch = CcidChannel::new(v, d, EP, CcidOptions::default());
    run(ch.power_on()).unwrap();
    assert_eq!(
        &ch.pipe_mut().sent[1][10..],
        [0x13, 0x10, 0xFF, 0x46, 0x00, 0xFB, 0x00]
    );
}

#[test]
fn reads_notify_slot_change_from_the_interrupt_endpoint() {
    let mut ch = channel("ACS_ACR39U_ICC_Reader.txt");
    ch.pipe_mut().interrupts.push_back(vec![0x50, 0b11]);
    assert_eq!(
        run(ch.next_interrupt(100)).unwrap(),
        Interrupt::SlotChange(vec![
            (true, true),
            (false, false),
            (false, false),
            (false, false)
        ])
    );
    assert_eq!(
        run(ch.next_interrupt(100)).unwrap_err(),
        CcidError::Usb(UsbError::Timeout { timeout_ms: 100 })
    );
}

#[test]
fn keeps_t1_blocks_within_one_ccid_message() {
    // SCR3310 (04E6:511F): dwMaxCCIDMessageLength 263 → at most 249 bytes of INF per block,
    // although the card's IFSC is 254
    let mut ch = channel("SCR3310_2.txt");
    run(ch.power_on()).unwrap();
    let mut long = vec![0x80, 0x2A, 0x00, 0x00, 0xFF];
    long.extend((0..295).map(|i| i as u8));
    let mut echoed = long.clone();
    echoed.extend_from_slice(&[0x90, 0x00]);
    assert_eq!(run(ch.transmit(&long)).unwrap(), echoed);
    let first_block = ch
        .pipe_mut()
        .sent
        .iter()
        .find(|m| m[0] == 0x6F && m.len() > 100)
        .unwrap()
        .clone();
    assert_eq!(first_block.len(), 263);
    assert_eq!(&first_block[10..13], [0x00, 0x20, 249]);
}
