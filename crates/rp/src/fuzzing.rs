//! Fuzz bodies for `fuzz/fuzz_targets/rp_*.rs` (libFuzzer) and for this module's unit test over
//! deterministic pseudo-random and mutated inputs.

use std::path::{Component, Path};

use crate::result::{self, CardResult};
use crate::static_files;

/// `/api/verify`'s request body up to the cryptography: any bytes give a result or a typed
/// refusal, never a panic; an accepted result re-encodes (widget-protocol.md §3) to JSON that
/// reads back to the same value.
pub fn verify_request(data: &[u8]) {
    let Ok(request) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Some(value) = request.get("result") else {
        return;
    };
    let Ok(parsed) = result::parse(value) else {
        return;
    };
    let again = result::parse(&parsed.to_json());
    assert_eq!(again.as_ref(), Ok(&parsed), "result reads back differently");
    match &parsed {
        CardResult::Login { signature, .. } => assert!(signature.len() <= result::MAX_SIGNATURE),
        CardResult::Submission { cms, .. } => assert!(cms.len() <= result::MAX_CMS),
    }
    assert!(parsed.statement().len() <= result::MAX_STATEMENT);
    assert!(parsed.certificate().len() <= result::MAX_CERTIFICATE);
}

/// The widget origin's path mapping: any request path maps to nothing or to a file strictly
/// inside the root, through plain segments only (no `..`, no hidden names).
pub fn static_path(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let root = Path::new("/srv/dist");
    let Some(path) = static_files::resolve(root, text) else {
        return;
    };
    let rest = path.strip_prefix(root).ok();
    assert!(rest.is_some(), "resolved outside the root");
    let rest = rest.unwrap_or(root);
    assert!(rest.components().count() >= 1);
    for component in rest.components() {
        match component {
            Component::Normal(name) => {
                assert!(
                    !name.to_string_lossy().starts_with('.'),
                    "hidden name served"
                )
            }
            _ => panic!("a non-plain path component was served"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

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

    const INTERESTING: &[u8] = b"{}[]\":,/.\\=+-_019AZaz \n%\x00\xe3";

    fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
        let mut data = seed.to_vec();
        for _ in 0..=rng.below(3) {
            match rng.below(5) {
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
                _ => {
                    let i = rng.below(data.len() + 1);
                    data.insert(i, INTERESTING[rng.below(INTERESTING.len())]);
                }
            }
        }
        data
    }

    fn random(rng: &mut Rng) -> Vec<u8> {
        (0..rng.below(64)).map(|_| rng.next() as u8).collect()
    }

    fn run(seeds: &[&[u8]], target: fn(&[u8])) -> usize {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut runs = 0;
        for seed in seeds {
            target(seed);
            for _ in 0..1500 {
                target(&mutate(&mut rng, seed));
                runs += 1;
            }
        }
        for _ in 0..1000 {
            target(&random(&mut rng));
            runs += 1;
        }
        runs
    }

    #[test]
    fn verify_request_survives_mutations() {
        let login = br#"{"result":{"version":1,"kind":"login","statement":"mynaweb/1 login\n","certificate":"MAA=","hash":"sha256","signature":"AQID"}}"#;
        let submission = br#"{"result":{"version":1,"kind":"submission","statement":"s\n","certificate":"MIIB","cms":"MAA="}}"#;
        // The seeds themselves are accepted, so mutations start from the deep end.
        for seed in [&login[..], &submission[..]] {
            let value: serde_json::Value = serde_json::from_slice(seed).unwrap();
            assert!(crate::result::parse(&value["result"]).is_ok());
        }
        assert_eq!(run(&[login, submission], super::verify_request), 4000);
    }

    #[test]
    fn static_path_survives_mutations() {
        let seeds: [&[u8]; 4] = [
            b"/",
            b"/pkg/mynaweb-widget.js",
            b"/a/b/../c",
            b"/bank-data/x.json",
        ];
        assert_eq!(
            crate::static_files::resolve(std::path::Path::new("/r"), "/pkg/w.js"),
            Some(std::path::PathBuf::from("/r/pkg/w.js"))
        );
        assert_eq!(run(&seeds, super::static_path), 7000);
    }
}
