//! Fuzz bodies for `fuzz/fuzz_targets/rp_*.rs` (libFuzzer) and for this module's unit test over
//! deterministic pseudo-random and mutated inputs.

use super::statement::Statement;

/// Statement parsing: any bytes give a statement or an error, never a panic; a statement
/// re-encodes to exactly the bytes it was read from, and reading those again gives the same
/// value.
pub fn statement(data: &[u8]) {
    let Ok(statement) = Statement::parse(data) else {
        return;
    };
    let bytes = statement.to_bytes();
    assert_eq!(bytes, data, "statement re-encodes differently");
    assert_eq!(
        Statement::parse(&bytes).as_ref(),
        Ok(&statement),
        "statement reads back differently"
    );
    assert_eq!(statement.to_string().as_bytes(), data);
    assert_eq!(statement.flow().is_some(), statement.data().is_some());
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Bytes that matter to the grammar, to make mutations reach deeper than the first line.
    const INTERESTING: &[u8] = b"\n\r=:- _/Za09\x7f\xe3\x80\x80";

    fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
        let mut data = seed.to_vec();
        for _ in 0..=rng.below(3) {
            match rng.below(6) {
                0 if !data.is_empty() => {
                    let i = rng.below(data.len());
                    data[i] ^= 1 << rng.below(8);
                }
                1 if !data.is_empty() => {
                    let i = rng.below(data.len());
                    data[i] = INTERESTING[rng.below(INTERESTING.len())];
                }
                2 => data.truncate(rng.below(data.len() + 1)),
                3 if !data.is_empty() => {
                    let i = rng.below(data.len());
                    data.remove(i);
                }
                4 if !data.is_empty() => {
                    // Duplicate a line-sized chunk somewhere else.
                    let from = rng.below(data.len());
                    let to = (from + rng.below(40)).min(data.len());
                    let chunk = data[from..to].to_vec();
                    let at = rng.below(data.len() + 1);
                    data.splice(at..at, chunk);
                }
                _ => {
                    let i = rng.below(data.len() + 1);
                    data.insert(i, rng.next() as u8);
                }
            }
        }
        data
    }

    const LOGIN: &[u8] = b"mynaweb/1 login\nchallenge: q8KxT0a-ZB3m_lw9Yf2R\norigin: https://city.example.jp\nrelying-party: \xe3\x81\xbf\xe3\x81\xaa\xe3\x81\xa8\xe5\xb8\x82\ntime: 2026-12-03T10:00:00Z\n";
    const ACCOUNT: &[u8] = b"mynaweb/1 submission\nchallenge: q8KxT0a-ZB3m_lw9Yf2R\norigin: http://localhost:8080\nrelying-party: Minato City\ntime: 2026-12-03T10:00:00Z\nflow: account\ndata:\naccount_number=1234567\naccount_type=futsu\nbank_code=0001\nbranch_code=001\nholder_kana=\xef\xbe\x94\xef\xbe\x8f\xef\xbe\x80\xef\xbe\x9e \xef\xbe\x80\xef\xbe\x9b\xef\xbd\xb3\n";
    const CONSENT: &[u8] = b"mynaweb/1 submission\nchallenge: q8KxT0a-ZB3m_lw9Yf2R\norigin: https://city.example.jp\nrelying-party: Minato City\ntime: 2026-12-03T10:00:00Z\nflow: consent\ndata:\nconsent=I agree.\n";

    #[test]
    fn statement_survives_random_and_mutated_inputs() {
        let seeds = [LOGIN, ACCOUNT, CONSENT];
        for seed in seeds {
            assert!(super::Statement::parse(seed).is_ok());
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut parsed = 0;
        for i in 0..6_000 {
            let data = if i % 5 == 0 {
                let len = rng.below(300);
                (0..len).map(|_| rng.next() as u8).collect()
            } else {
                mutate(&mut rng, seeds[i % seeds.len()])
            };
            if super::Statement::parse(&data).is_ok() {
                parsed += 1;
            }
            super::statement(&data);
        }
        // The mutations keep some inputs valid (e.g. a changed challenge character), so the
        // round-trip assertions really run; most are refused.
        assert!(parsed > 50, "only {parsed} mutated statements parsed");
        assert!(parsed < 3_000, "{parsed} mutated statements parsed");
    }
}
