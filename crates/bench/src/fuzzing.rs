//! Fuzz bodies (libFuzzer wrappers in `fuzz/fuzz_targets/`): the Wasm section reader gets
//! arbitrary bytes and must answer with a module or a typed error, never a panic.

use crate::wasm_size::Module;

/// Parses `data` as a Wasm module; on success, stripping the custom sections must give a module
/// that parses to the same function bodies, and the per-crate split must add up to the code.
pub fn wasm_module(data: &[u8]) {
    let Ok(module) = Module::parse(data) else {
        return;
    };
    let stripped = module.without_custom_sections();
    let again = Module::parse(&stripped);
    assert!(again.is_ok(), "a stripped module must parse");
    if let Ok(again) = again {
        assert_eq!(again.body_sizes, module.body_sizes);
        assert!(again.sections.iter().all(|s| s.id != 0));
    }
    let split: u64 = module.code_by_crate().iter().map(|(_, n)| n).sum();
    let code: u64 = module.body_sizes.iter().map(|n| u64::from(*n)).sum();
    assert_eq!(split, code);
}

/// A small valid module: 1 function import, 2 bodies (4 and 2 bytes), a `name` section naming
/// both (`sim::x`, `<pki::Y as core::Z>::f`). A seed for fuzzing and the tests.
pub fn seed_module() -> Vec<u8> {
    let mut m = vec![0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];
    // type section: one type () -> ()
    m.extend([0x01, 0x04, 0x01, 0x60, 0x00, 0x00]);
    // import section: "a" "b", a function of type 0
    m.extend([0x02, 0x07, 0x01, 0x01, b'a', 0x01, b'b', 0x00, 0x00]);
    // function section: two functions of type 0
    m.extend([0x03, 0x03, 0x02, 0x00, 0x00]);
    // code section: bodies of 4 bytes (no locals, nop, nop, end) and 2 bytes (no locals, end)
    m.extend([
        0x0A, 0x09, 0x02, 0x04, 0x00, 0x01, 0x01, 0x0B, 0x02, 0x00, 0x0B,
    ]);
    let n1: &[u8] = b"sim::x";
    let n2: &[u8] = b"<pki::Y as core::Z>::f";
    let mut map = vec![0x02, 0x01, n1.len() as u8];
    map.extend(n1);
    map.extend([0x02, n2.len() as u8]);
    map.extend(n2);
    let mut custom = vec![0x04];
    custom.extend(b"name");
    custom.extend([0x01, map.len() as u8]);
    custom.extend(&map);
    m.push(0x00);
    m.push(custom.len() as u8);
    m.extend(&custom);
    m
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

    #[test]
    fn wasm_module_survives_random_and_mutated_input() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let seed = seed_module();
        let mut parsed = 0;
        for round in 0..4000 {
            let data: Vec<u8> = if round % 2 == 0 {
                let len = (rng.next() % 96) as usize;
                let mut d = seed.get(..8).map(<[u8]>::to_vec).unwrap_or_default();
                d.extend((0..len).map(|_| rng.next() as u8));
                d
            } else {
                let mut d = seed.clone();
                for _ in 0..=(rng.next() % 4) {
                    let i = (rng.next() as usize) % d.len();
                    if let Some(b) = d.get_mut(i) {
                        *b = rng.next() as u8;
                    }
                }
                let cut = (rng.next() as usize) % (d.len() + 1);
                if round % 3 == 0 {
                    d.truncate(cut);
                }
                d
            };
            if Module::parse(&data).is_ok() {
                parsed += 1;
            }
            wasm_module(&data);
        }
        wasm_module(&seed);
        // mutations that hit a name, an opcode or a type byte keep the module readable
        assert_eq!(
            parsed, 635,
            "the xorshift sequence is fixed, so is this count"
        );
    }
}
