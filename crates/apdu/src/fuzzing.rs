//! Fuzz bodies for this crate's parsers (the libFuzzer targets in `fuzz/fuzz_targets/` are
//! one-line wrappers around them; the unit tests below run them over pseudo-random input).
//!
//! Each function parses arbitrary bytes, and where it succeeds re-encodes and checks the round
//! trip. A panic here is a bug.

use alloc::vec::Vec;

use crate::command::CommandApdu;
use crate::response::ResponseApdu;
use crate::tlv::{encode_ber, encode_ber_len, Reader};

/// `CommandApdu::parse` never panics; what it accepts re-encodes to the same bytes and parses
/// to the same value.
pub fn command_apdu(data: &[u8]) {
    if let Ok(cmd) = CommandApdu::parse(data) {
        let bytes = cmd.to_bytes();
        assert_eq!(bytes, data, "command APDU re-encodes to its input");
        assert_eq!(cmd.encoded_len(), data.len());
        assert_eq!(CommandApdu::parse(&bytes).ok(), Some(cmd.clone()));
        // The shortest-form rebuild parses back to the same fields.
        if let Ok(rebuilt) = CommandApdu::new(
            cmd.cla(),
            cmd.ins(),
            cmd.p1(),
            cmd.p2(),
            cmd.data().to_vec(),
            cmd.le(),
        ) {
            let again = CommandApdu::parse(&rebuilt.to_bytes()).ok();
            assert_eq!(again.as_ref().map(CommandApdu::data), Some(cmd.data()));
            assert_eq!(again.as_ref().map(CommandApdu::le), Some(cmd.le()));
        }
    }
}

/// `ResponseApdu::parse` never panics and round-trips.
pub fn response_apdu(data: &[u8]) {
    if let Ok(resp) = ResponseApdu::parse(data) {
        assert_eq!(
            resp.to_bytes(),
            data,
            "response APDU re-encodes to its input"
        );
        assert_eq!(u16::from_be_bytes(resp.sw.to_bytes()), resp.sw.to_u16());
    }
}

/// The BER-TLV and simple-TLV readers never panic and never read past a parent; every object
/// re-encodes (shortest form) to bytes that parse back to the same tag and value, and to the
/// very same bytes when the input used the shortest length form.
pub fn ber_tlv(data: &[u8]) {
    walk_ber(data, Reader::new(data), 0);
    let mut simple = Reader::new(data);
    while simple.any_left() {
        match simple.read_simple() {
            Ok(tlv) => {
                let mut out = Vec::new();
                crate::tlv::encode_simple(tlv.tag, tlv.value, &mut out);
                let again = Reader::new(&out)
                    .read_simple()
                    .ok()
                    .map(|t| (t.tag, t.value));
                assert_eq!(again, Some((tlv.tag, tlv.value)));
            }
            Err(_) => break,
        }
    }
    let _ = crate::tlv::ber_total_len(data);
}

fn walk_ber(input: &[u8], mut reader: Reader<'_>, depth: usize) {
    let end = reader.position() + reader.remaining();
    while reader.any_left() {
        let Ok(tlv) = reader.read_ber() else { return };
        assert!(
            tlv.value_position() + tlv.value.len() <= end,
            "a TLV never passes its parent"
        );
        let mut out = Vec::new();
        encode_ber(tlv.tag, tlv.value, &mut out);
        let again = Reader::new(&out).read_ber().ok().map(|t| (t.tag, t.value));
        assert_eq!(again, Some((tlv.tag, tlv.value)));
        let mut shortest_len = Vec::new();
        encode_ber_len(tlv.value.len(), &mut shortest_len);
        if tlv.header_len == tlv.tag.len() + shortest_len.len() {
            let raw = input.get(tlv.position..tlv.position + tlv.total_len());
            assert_eq!(
                raw,
                Some(&out[..]),
                "shortest-form TLV re-encodes to its input"
            );
        }
        if tlv.tag.is_constructed() && depth < 16 {
            walk_ber(input, tlv.children(), depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
        fn bytes(&mut self, max_len: usize) -> Vec<u8> {
            let len = (self.next() as usize) % (max_len + 1);
            (0..len).map(|_| self.next() as u8).collect()
        }
        fn mutate(&mut self, seed: &[u8]) -> Vec<u8> {
            let mut out = seed.to_vec();
            let edits = 1 + self.next() % 4;
            for _ in 0..edits {
                let at = if out.is_empty() {
                    0
                } else {
                    (self.next() as usize) % out.len()
                };
                match self.next() % 4 {
                    0 if !out.is_empty() => out[at] = self.next() as u8,
                    1 => out.insert(at, self.next() as u8),
                    2 if !out.is_empty() => {
                        out.remove(at);
                    }
                    _ => out.truncate(at),
                }
            }
            out
        }
    }

    fn seeds() -> Vec<Vec<u8>> {
        vec![
            vec![
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00,
                0x01,
            ],
            vec![0x00, 0xB0, 0x8A, 0x00, 0x00, 0x00, 0x00],
            vec![
                0x80, 0x2A, 0x00, 0x80, 0x00, 0x00, 0x02, 0xAB, 0xCD, 0x00, 0x00,
            ],
            vec![
                0xFF, 0x20, 0x0E, 0xDF, 0x21, 0x08, 0x00, 0x0E, 0x00, 0x20, 0x00, 0x59, 0x00, 0x64,
                0xDF, 0x25, 0x01, 0x31,
            ],
            vec![0xFF, 0x30, 0x81, 0x04, 0xDF, 0x31, 0x01, 0xAA, 0x00, 0xFF],
            vec![0x30, 0x82, 0x00, 0x03, 0x02, 0x01, 0x05, 0x63, 0xC2],
            vec![0x01, 0x1C, 0x31, 0x32, 0xFF, 0x00, 0x02, 0x41, 0x42],
        ]
    }

    fn drive(target: fn(&[u8])) {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            target(&rng.bytes(300));
        }
        for seed in seeds() {
            target(&seed);
            for _ in 0..300 {
                target(&rng.mutate(&seed));
            }
        }
    }

    #[test]
    fn command_apdu_survives_random_and_mutated_input() {
        drive(command_apdu);
    }

    #[test]
    fn response_apdu_survives_random_and_mutated_input() {
        drive(response_apdu);
    }

    #[test]
    fn ber_tlv_survives_random_and_mutated_input() {
        drive(ber_tlv);
    }
}
