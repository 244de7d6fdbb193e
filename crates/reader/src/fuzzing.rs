//! Fuzz bodies (the rustls convention): each function parses outside bytes, re-encodes where
//! an encoder exists, and asserts the round trip. `fuzz/fuzz_targets/*.rs` are one-line
//! wrappers; the unit test below runs every body over deterministic pseudo-random and mutated
//! inputs, so `cargo test` exercises them too.
#![allow(clippy::unwrap_used, clippy::panic)]

use alloc::string::String;

use crate::atr::Atr;
use crate::ccid::libccid::parse_dump;
use crate::ccid::message::{Command, Interrupt, RawMessage, Response};
use crate::ccid::CcidDescriptor;
use crate::descriptors::{encode_descriptors, parse_descriptors};
use crate::isodep::{self, Atqb};
use crate::port100::command::InCommRfAnswer;
use crate::port100::Frame;
use crate::rcs300::pseudo_apdu::{communicate_thru_ex, parse_communicate_thru_ex, ControlAnswer};
use crate::t1;

/// CCID bulk and interrupt messages (readers.md §2.1–2.3).
pub fn ccid_message(data: &[u8]) {
    if let Ok(m) = RawMessage::decode(data) {
        assert_eq!(m.encode(), data);
        if let Ok(cmd) = Command::from_message(&m) {
            let again = cmd.to_message(m.slot, m.seq);
            assert_eq!(Command::from_message(&again).as_ref(), Ok(&cmd));
        }
    }
    if let Ok(r) = Response::decode(data) {
        assert_eq!(r.encode(), data);
    }
    if let Ok(i) = Interrupt::decode(data) {
        assert_eq!(Interrupt::decode(&i.encode()), Ok(i));
    }
}

/// Port-100 frames and InCommRF answers (readers.md §3.2–3.3).
pub fn port100_frame(data: &[u8]) {
    if let Ok(f) = Frame::decode(data) {
        assert_eq!(f.encode(), data);
    }
    if let Ok(a) = InCommRfAnswer::parse(data) {
        assert_eq!(a.to_payload(), data);
    }
}

/// ISO-DEP blocks and ATQB (readers.md §3.5–3.6), and the initiator fed with arbitrary frames.
pub fn isodep_block(data: &[u8]) {
    if let Ok(b) = isodep::Block::decode(data) {
        assert_eq!(b.encode(), data);
    }
    if let Ok(a) = Atqb::parse(data) {
        assert_eq!(a.to_bytes(), data);
        let _ = a.pseudo_atr(data);
    }
    let params = isodep::IsoDepParams {
        fsc: 16 + usize::from(data.first().copied().unwrap_or(0)),
        fwi: 4,
        cid: None,
    };
    let (mut x, _) = isodep::Exchange::start(isodep::IsoDepLink::new(params), data);
    for frame in data.chunks(3) {
        let incoming = match frame.first() {
            Some(0xEE) => isodep::Incoming::Timeout,
            Some(0xEF) => isodep::Incoming::Invalid,
            _ => isodep::Incoming::Frame(frame),
        };
        match x.on_incoming(incoming) {
            Ok(isodep::Step::Send { block, .. }) => assert!(!block.is_empty()),
            Ok(isodep::Step::Done(_)) | Err(_) => break,
        }
    }
}

/// T=1 blocks (readers.md §2.7), and the host engine fed with arbitrary blocks.
pub fn t1_block(data: &[u8]) {
    if let Ok((nad, b)) = t1::Block::decode(data) {
        assert_eq!(b.encode(nad), data);
    }
    let (mut x, _) =
        t1::Transceive::start(t1::T1State::new(data.first().copied().unwrap_or(32)), data);
    for block in data.chunks(5) {
        let incoming = if block.first() == Some(&0xEE) {
            t1::Incoming::Timeout
        } else {
            t1::Incoming::Block(block)
        };
        match x.on_incoming(incoming) {
            Ok(t1::Step::Send(b)) | Ok(t1::Step::SendWithWaitingTime { bytes: b, .. }) => {
                assert!(b.len() >= 4)
            }
            Ok(t1::Step::Done(_)) | Err(_) => break,
        }
    }
}

/// ATRs (readers.md §2.6).
pub fn atr(data: &[u8]) {
    if let Ok(a) = Atr::parse(data) {
        assert_eq!(a.to_bytes(), data);
        let _ = a.ccid_parameters();
        let p = a.t1_parameters();
        assert!(p.ifsc >= 1);
    }
}

/// CCID class descriptors and USB descriptor runs (readers.md §2.4).
pub fn descriptor(data: &[u8]) {
    if let Ok(d) = CcidDescriptor::parse(data) {
        assert_eq!(d.to_bytes(), data);
        let _ = d.exchange_level();
    }
    if let Ok(d) = parse_descriptors(data) {
        assert_eq!(parse_descriptors(&encode_descriptors(&d)).as_ref(), Ok(&d));
    }
}

/// libccid text dumps.
pub fn libccid_dump(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(dump) = parse_dump(&text) {
        for i in &dump.interfaces {
            assert_eq!(CcidDescriptor::parse(&i.ccid.to_bytes()), Ok(i.ccid));
        }
    }
}

/// RC-S300 answers and CommunicateThruEX commands (readers.md §4.2–4.3).
pub fn rcs300_answer(data: &[u8]) {
    if let Ok(a) = ControlAnswer::parse(data) {
        assert_eq!(ControlAnswer::parse(&a.encode()).as_ref(), Ok(&a));
    }
    if let Ok((timer, frame)) = parse_communicate_thru_ex(data) {
        assert_eq!(
            parse_communicate_thru_ex(&communicate_thru_ex(&frame, timer)),
            Ok((timer, frame))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn byte(&mut self) -> u8 {
            (self.next() >> 24) as u8
        }
    }

    /// Random inputs plus mutations (flips, truncations, insertions) of valid seeds.
    fn inputs(seeds: &[&[u8]], count: usize) -> Vec<Vec<u8>> {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut out: Vec<Vec<u8>> = seeds.iter().map(|s| s.to_vec()).collect();
        for i in 0..count {
            if i % 2 == 0 || seeds.is_empty() {
                let len = (rng.next() % 80) as usize;
                out.push((0..len).map(|_| rng.byte()).collect());
            } else {
                let mut v = seeds[(rng.next() as usize) % seeds.len()].to_vec();
                for _ in 0..1 + rng.next() % 3 {
                    match rng.next() % 3 {
                        0 if !v.is_empty() => {
                            let at = (rng.next() as usize) % v.len();
                            v[at] ^= 1 << (rng.next() % 8);
                        }
                        1 => v.truncate((rng.next() as usize) % (v.len() + 1)),
                        _ => {
                            let at = (rng.next() as usize) % (v.len() + 1);
                            v.insert(at, rng.byte());
                        }
                    }
                }
                out.push(v);
            }
        }
        out
    }

    fn check(f: fn(&[u8]), seeds: &[&[u8]]) -> usize {
        let all = inputs(seeds, 3000);
        for input in &all {
            f(input);
        }
        all.len()
    }

    #[test]
    fn every_fuzz_body_survives_random_and_mutated_inputs() {
        let rcs300 = crate::ccid::descriptor::tests::RCS300_BYTES;
        assert_eq!(
            check(
                ccid_message,
                &[
                    &[0x80, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0x90, 0x00],
                    &[0x61, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0x11, 0, 0, 10, 0],
                    &[0x50, 0x03]
                ]
            ),
            3003
        );
        check(
            port100_frame,
            &[
                &[
                    0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x03, 0x00, 0xFD, 0xD7, 0x2B, 0x00, 0xFE, 0x00,
                ],
                &[0, 0, 0xFF, 0, 0xFF, 0],
            ],
        );
        check(
            isodep_block,
            &[
                &[0x02, 0x90, 0x00],
                &[0xF2, 0x01],
                &[0x50, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0x81, 0xE1],
            ],
        );
        check(
            t1_block,
            &[
                &[0x00, 0xC1, 0x01, 0xFE, 0x3E],
                &[0x00, 0x00, 0x02, 0x90, 0x00, 0x92],
            ],
        );
        check(
            atr,
            &[
                &[0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14],
                &[0x3B, 0x02, 0x14, 0x50],
            ],
        );
        check(
            descriptor,
            &[
                &rcs300,
                &[9, 4, 0, 0, 2, 0xFF, 0, 0, 0, 7, 5, 0x02, 2, 64, 0, 0],
            ],
        );
        check(libccid_dump, &[b" idVendor: 0x054C\n idProduct: 0x0DC8\n bInterfaceNumber: 0\n bInterfaceClass: 0x0B\n CCID Class Descriptor\n  bLength: 0x36\n  dwFeatures: 0x0004007E\n"]);
        check(
            rcs300_answer,
            &[
                &[0xC0, 0x03, 0x00, 0x90, 0x00, 0x97, 0x01, 0x02, 0x90, 0x00],
                &communicate_thru_ex(&[0x02, 0x00], 1000),
            ],
        );
    }
}
