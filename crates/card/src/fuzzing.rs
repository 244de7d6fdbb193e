//! Fuzz bodies for the parsers of card data (the libFuzzer targets in `fuzz/fuzz_targets/` are
//! one-line wrappers; the unit tests below run them over pseudo-random and mutated input).
//! A panic here is a bug.

use crate::data;
use crate::session::parse_token_label;

/// Every card-data parser (基本4情報, card face, My Number, integrity record, token label) over
/// the same bytes: none panics, and what parses keeps its invariants.
pub fn card_data(bytes: &[u8]) {
    if let Ok(b) = data::parse_basic4(bytes) {
        assert!(b.birth_date.is_valid());
        assert_eq!(data::Sex::from_code(b.sex.code()), Some(b.sex));
        // The object it came from starts with FF 20 and holds at least the four fields.
        assert_eq!(bytes.get(..2), Some(&[0xFF, 0x20][..]));
    }
    if let Ok(face) = data::parse_card_face(bytes) {
        assert!(face.birth_date.is_valid() && face.expiry_date.is_valid());
    }
    if let Ok(n) = data::parse_my_number(bytes) {
        assert_eq!(n.as_str().len(), 12);
        assert!(n.as_str().bytes().all(|b| b.is_ascii_digit()));
    }
    if let Ok(r) = data::parse_integrity_record(bytes) {
        assert!(r.signed_bytes.len() >= 2 * 34);
    }
    if let Ok(info) = parse_token_label(bytes) {
        assert!(info.label.starts_with("JPKIAP"));
        assert!(!info.label.ends_with(' ') && !info.label.ends_with('\0'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        fn mutate(&mut self, seed: &[u8]) -> Vec<u8> {
            let mut out = seed.to_vec();
            for _ in 0..1 + self.next() % 4 {
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

    #[test]
    fn card_data_survives_random_and_mutated_input() {
        let seeds = [
            crate::data::tests::basic4_file("山田\u{3000}花子", "東京都千代田区", "19800217", b'2'),
            crate::data::tests::basic4_file("A", &"長".repeat(120), "20010101", b'1'),
            [&[0xFF, 0x10, 0x0C][..], b"123456789018", &[0xFF, 0xFF]].concat(),
            b"JPKIAPICCTOKEN2                 ".to_vec(),
        ];
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for _ in 0..2000 {
            let len = (rng.next() % 400) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            card_data(&bytes);
        }
        for seed in &seeds {
            card_data(seed);
            for _ in 0..1000 {
                card_data(&rng.mutate(seed));
            }
        }
    }
}
