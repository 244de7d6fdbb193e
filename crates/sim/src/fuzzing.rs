//! Fuzz bodies (the libFuzzer wrappers in `fuzz/fuzz_targets/` call these; the unit tests run
//! them over deterministic inputs too).

use alloc::vec::Vec;

use crate::card::{CardConfig, VirtualCard};
use crate::persona::personas;

thread_local! {
    static CARDS: core::cell::RefCell<Vec<VirtualCard>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Feeds `data` to a virtual card as a sequence of APDUs and checks the invariants every
/// answer keeps: at least two bytes (SW1 SW2), never more than 65 536 data bytes, and no panic.
///
/// Input format: byte 0 picks the persona and whether extended length is on; then each APDU is
/// `len (1 byte)` followed by `len` bytes; a `len` of `FF` resets the card. Starting from
/// prepared states (AP selected, PIN verified) is left to the fuzzer: it finds `00 A4 04 0C …`
/// quickly from the seed corpus of the unit test.
pub fn dispatcher(data: &[u8]) {
    let Some((&selector, mut rest)) = data.split_first() else {
        return;
    };
    CARDS.with(|cards| {
        let mut cards = cards.borrow_mut();
        // Building a card signs a dozen things with RSA: do it once, then clone a pristine copy
        // for every input so no state leaks from one input to the next.
        if cards.is_empty() {
            for persona in personas() {
                for extended in [true, false] {
                    let config = CardConfig {
                        extended_length: extended,
                        ..CardConfig::default()
                    };
                    if let Ok(card) = VirtualCard::with_config(persona.clone(), config) {
                        cards.push(card);
                    }
                }
            }
        }
        let count = cards.len();
        if count == 0 {
            return;
        }
        let Some(pristine) = cards.get(usize::from(selector) % count) else {
            return;
        };
        let mut card = pristine.clone();
        while let Some((&len, tail)) = rest.split_first() {
            if len == 0xFF {
                card.reset();
                rest = tail;
                continue;
            }
            let take = usize::from(len).min(tail.len());
            let (apdu, after) = tail.split_at(take);
            let response = card.process(apdu);
            assert!(response.len() >= 2, "a response always carries SW1 SW2");
            assert!(
                response.len() <= 65_538,
                "never more than 65 536 data bytes"
            );
            rest = after;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// Sessions a real reader would send, used as mutation seeds.
    fn seeds() -> Vec<Vec<u8>> {
        let frame = |apdus: &[&[u8]]| {
            let mut out = alloc::vec![0u8];
            for apdu in apdus {
                out.push(apdu.len() as u8);
                out.extend_from_slice(apdu);
            }
            out
        };
        let jpki: &[u8] = &[
            0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00,
            0x01,
        ];
        let text: &[u8] = &[
            0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04,
            0x08,
        ];
        let visual: &[u8] = &[
            0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04,
            0x02,
        ];
        alloc::vec![
            frame(&[
                jpki,
                &[0x00, 0xB0, 0x8A, 0x00, 0x00, 0x00, 0x00],
                &[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18]
            ]),
            frame(&[
                jpki,
                &[0x00, 0x20, 0x00, 0x98, 0x04, 0x31, 0x32, 0x33, 0x34],
                &[0x80, 0x2A, 0x00, 0x97, 0x03, 1, 2, 3, 0x00]
            ]),
            frame(&[
                jpki,
                &[0x00, 0x20, 0x00, 0x9B, 0x06, b'A', b'B', b'C', b'1', b'2', b'3'],
                &[0x00, 0xB0, 0x81, 0x00, 0x00]
            ]),
            frame(&[
                text,
                &[0x00, 0x20, 0x00, 0x91, 0x04, 0x31, 0x32, 0x33, 0x34],
                &[0x00, 0xB0, 0x82, 0x00, 0x00, 0x00, 0x00]
            ]),
            frame(&[
                visual,
                &[0x00, 0xB0, 0x83, 0x00, 0x00],
                &[0x00, 0x24, 0x01, 0x80, 0x04, 1, 2, 3, 4]
            ]),
            frame(&[
                &[0x00, 0x84, 0x00, 0x00, 0x10],
                &[0x00, 0xCA, 0x5F, 0x51, 0x00],
                &[0x00, 0xA4, 0x00, 0x00]
            ]),
            frame(&[
                &[0x00, 0xCA, 0x00, 0xF8, 0x00, 0x00, 0x00],
                &[
                    0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01,
                    0x01, 0x00
                ],
                &[0x00, 0xB2, 0x01, 0x0C, 0x00],
                &[0x00, 0x88, 0x00, 0x99, 0x02, 0x01, 0x02, 0x00],
            ]),
            frame(&[
                &[
                    0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01,
                    0x04, 0x01
                ],
                &[0x00, 0x20, 0x00, 0x9C, 0x04, 0x31, 0x32, 0x33, 0x34],
                &[0x80, 0x32, 0x00, 0x9C, 0x04, 0x31, 0x31, 0x31, 0x31],
            ]),
        ]
    }

    #[test]
    fn dispatcher_survives_random_and_mutated_sessions() {
        let mut rng = XorShift(0x6D79_6E61_7765_6221);
        let seeds = seeds();
        for seed in &seeds {
            dispatcher(seed);
        }
        for round in 0..3000 {
            let input: Vec<u8> = if round % 2 == 0 {
                let len = (rng.next() % 96) as usize;
                (0..len).map(|_| rng.next() as u8).collect()
            } else {
                let mut input = seeds[(rng.next() as usize) % seeds.len()].clone();
                for _ in 0..1 + rng.next() % 4 {
                    let at = (rng.next() as usize) % input.len();
                    match rng.next() % 3 {
                        0 => input[at] = rng.next() as u8,
                        1 => input.insert(at, rng.next() as u8),
                        _ => {
                            input.remove(at);
                            if input.is_empty() {
                                input.push(0);
                            }
                        }
                    }
                }
                input
            };
            dispatcher(&input);
        }
    }
}
