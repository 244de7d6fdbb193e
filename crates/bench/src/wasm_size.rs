//! What a Wasm module is made of: its sections, and its code bytes split by Rust crate using the
//! function names in the `name` custom section (a small, dependency-free stand-in for twiggy).
//!
//! Module layout (WebAssembly Core Specification 2.0 §5.5):
//!
//! ```text
//! | offset | bytes       | field                                              |
//! |--------|-------------|----------------------------------------------------|
//! | 0      | 00 61 73 6D | magic "\0asm"                                      |
//! | 4      | 01 00 00 00 | version 1                                          |
//! | 8      | …           | sections: id (1 byte), size (u32 LEB128), contents |
//! ```
//!
//! Sections read here: import (id 2, §5.5.5: function imports come first in the function index
//! space), code (id 10, §5.5.13: a vector of bodies, each `size:u32` + bytes) and the custom
//! `name` section (id 0, §7.4.3: subsection 1 is the function name map `vec(idx:u32 name)`).
//! Every read is bounds-checked; a malformed module gives a [`WasmError`], never a panic.

use std::collections::BTreeMap;

use serde::Serialize;

/// Why a module could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WasmError {
    /// Not a Wasm version-1 module.
    NotWasm,
    /// The module ended inside `structure`.
    Truncated(&'static str),
    /// A LEB128 number was longer than 5 bytes.
    BadNumber(&'static str),
    /// An import of an unknown kind.
    UnknownImport(u8),
}

impl core::fmt::Display for WasmError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::NotWasm => f.write_str("not a WebAssembly version 1 module"),
            Self::Truncated(s) => write!(f, "the module ends inside the {s}"),
            Self::BadNumber(s) => write!(f, "an over-long LEB128 number in the {s}"),
            Self::UnknownImport(k) => write!(f, "an import of unknown kind {k:#04x}"),
        }
    }
}

/// A cursor that only shrinks.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], WasmError> {
        if n > self.rest.len() {
            return Err(WasmError::Truncated(what));
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn byte(&mut self, what: &'static str) -> Result<u8, WasmError> {
        let (first, tail) = self.rest.split_first().ok_or(WasmError::Truncated(what))?;
        self.rest = tail;
        Ok(*first)
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, WasmError> {
        let mut value: u64 = 0;
        for i in 0..5 {
            let b = self.byte(what)?;
            value |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| WasmError::BadNumber(what));
            }
        }
        Err(WasmError::BadNumber(what))
    }

    fn len_prefixed(&mut self, what: &'static str) -> Result<&'a [u8], WasmError> {
        let n = self.u32(what)? as usize;
        self.take(n, what)
    }

    fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

/// One section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Section id (0 custom, 1 type, 2 import, …, 10 code, 11 data).
    pub id: u8,
    /// The custom section's name, or the standard section's.
    pub name: String,
    /// Bytes of the whole section (id, size and contents).
    pub bytes: usize,
}

fn section_name(id: u8) -> &'static str {
    match id {
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "data count",
        13 => "tag",
        _ => "unknown",
    }
}

/// A module's parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module<'a> {
    /// Every section in order.
    pub sections: Vec<Section>,
    /// Raw sections (id, full bytes) for re-assembly.
    raw: Vec<(u8, &'a [u8])>,
    /// Function imports (they come first in the function index space).
    pub imported_functions: u32,
    /// Body size of each defined function, in index order after the imports.
    pub body_sizes: Vec<u32>,
    /// Function names by index, from the `name` section.
    pub names: BTreeMap<u32, String>,
}

fn limits(r: &mut Reader<'_>) -> Result<(), WasmError> {
    let flags = r.byte("import limits")?;
    r.u32("import limits")?;
    if flags & 1 != 0 {
        r.u32("import limits")?;
    }
    Ok(())
}

fn count_function_imports(contents: &[u8]) -> Result<u32, WasmError> {
    let mut r = Reader { rest: contents };
    let n = r.u32("import section")?;
    let mut functions = 0;
    for _ in 0..n {
        r.len_prefixed("import module name")?;
        r.len_prefixed("import field name")?;
        match r.byte("import kind")? {
            0 => {
                r.u32("function import")?;
                functions += 1;
            }
            1 => {
                r.byte("table import")?;
                limits(&mut r)?;
            }
            2 => limits(&mut r)?,
            3 => {
                r.byte("global import")?;
                r.byte("global import")?;
            }
            4 => {
                r.byte("tag import")?;
                r.u32("tag import")?;
            }
            k => return Err(WasmError::UnknownImport(k)),
        }
    }
    Ok(functions)
}

fn body_sizes(contents: &[u8]) -> Result<Vec<u32>, WasmError> {
    let mut r = Reader { rest: contents };
    let n = r.u32("code section")?;
    let mut out = Vec::with_capacity((n as usize).min(contents.len()));
    for _ in 0..n {
        let body = r.len_prefixed("function body")?;
        out.push(u32::try_from(body.len()).unwrap_or(u32::MAX));
    }
    Ok(out)
}

fn function_names(contents: &[u8]) -> Result<BTreeMap<u32, String>, WasmError> {
    let mut r = Reader { rest: contents };
    let mut names = BTreeMap::new();
    while !r.is_empty() {
        let id = r.byte("name subsection")?;
        let sub = r.len_prefixed("name subsection")?;
        if id != 1 {
            continue;
        }
        let mut s = Reader { rest: sub };
        let n = s.u32("function name map")?;
        for _ in 0..n {
            let index = s.u32("function name map")?;
            let name = s.len_prefixed("function name")?;
            names.insert(index, String::from_utf8_lossy(name).into_owned());
        }
    }
    Ok(names)
}

impl<'a> Module<'a> {
    /// Reads the sections of `bytes`.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, WasmError> {
        let mut r = Reader { rest: bytes };
        if r.take(8, "header").ok() != Some(&[0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00][..]) {
            return Err(WasmError::NotWasm);
        }
        let mut module = Self::default();
        while !r.is_empty() {
            let before = r.rest;
            let id = r.byte("section id")?;
            let contents = r.len_prefixed("section")?;
            let whole = before
                .get(..before.len() - r.rest.len())
                .ok_or(WasmError::Truncated("section"))?;
            let name = if id == 0 {
                let mut c = Reader { rest: contents };
                let name = c.len_prefixed("custom section name")?;
                let name = String::from_utf8_lossy(name).into_owned();
                if name == "name" {
                    module.names = function_names(c.rest)?;
                }
                name
            } else {
                section_name(id).to_string()
            };
            match id {
                2 => module.imported_functions = count_function_imports(contents)?,
                10 => module.body_sizes = body_sizes(contents)?,
                _ => {}
            }
            module.sections.push(Section {
                id,
                name,
                bytes: whole.len(),
            });
            module.raw.push((id, whole));
        }
        Ok(module)
    }

    /// The module without its custom sections (names, producers, target features): what a
    /// build with `strip` would serve.
    pub fn without_custom_sections(&self) -> Vec<u8> {
        let mut out = vec![0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];
        for (id, whole) in &self.raw {
            if *id != 0 {
                out.extend_from_slice(whole);
            }
        }
        out
    }

    /// The share of defined functions that have a name (0 to 1; 0 without functions).
    pub fn named_share(&self) -> f64 {
        if self.body_sizes.is_empty() {
            return 0.0;
        }
        let first = u64::from(self.imported_functions);
        let end = first + self.body_sizes.len() as u64;
        let named = self
            .names
            .keys()
            .filter(|i| (first..end).contains(&u64::from(**i)))
            .count();
        named as f64 / self.body_sizes.len() as f64
    }

    /// Code bytes per crate (the first path segment of each function's name), largest first.
    /// Functions without a name count under `(unnamed)`.
    pub fn code_by_crate(&self) -> Vec<(String, u64)> {
        let mut by: BTreeMap<String, u64> = BTreeMap::new();
        for (i, size) in self.body_sizes.iter().enumerate() {
            let index = self
                .imported_functions
                .saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
            let owner = self
                .names
                .get(&index)
                .map_or("(unnamed)".to_string(), |n| crate_of(n));
            *by.entry(owner).or_default() += u64::from(*size);
        }
        let mut out: Vec<(String, u64)> = by.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// The first path segment of a legacy-mangled Rust symbol (`_ZN` len ident … `E`), with its
/// `$LT$`-style escapes and `..` path separators decoded; `None` for any other name.
pub fn legacy_first_segment(name: &str) -> Option<String> {
    let rest = name.strip_prefix("_ZN")?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    let len: usize = rest.get(..digits)?.parse().ok()?;
    let segment = rest.get(digits..digits.checked_add(len)?)?;
    let segment = segment
        .strip_prefix('_')
        .filter(|s| s.starts_with('$'))
        .unwrap_or(segment);
    let mut out = segment.to_string();
    for (from, to) in [
        ("$LT$", "<"),
        ("$GT$", ">"),
        ("$u20$", " "),
        ("$RF$", "&"),
        ("$BP$", "*"),
        ("$C$", ","),
        ("..", "::"),
    ] {
        out = out.replace(from, to);
    }
    Some(out)
}

/// The crate a Rust function name belongs to: the first path segment, looking inside
/// `<T as Trait>` and `drop_in_place<T>` at the type that the code is for. Takes demangled
/// names (wasm-bindgen's output) and legacy-mangled ones (rustc's).
pub fn crate_of(name: &str) -> String {
    if let Some(first) = legacy_first_segment(name) {
        if first.starts_with('<') {
            return crate_of(&first);
        }
        return first;
    }
    let mut s = name
        .trim_start_matches(['<', '&', ' '])
        .trim_start_matches("mut ")
        .trim_start_matches("dyn ");
    for wrapper in [
        "core::ptr::drop_in_place<",
        "alloc::boxed::Box<",
        "core::option::Option<",
        "alloc::vec::Vec<",
    ] {
        while let Some(inner) = s.strip_prefix(wrapper) {
            s = inner.trim_start_matches(['<', '&', ' ']);
        }
    }
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    let head = s.get(..end).unwrap_or_default();
    if head.is_empty() || !s.get(end..).is_some_and(|t| t.starts_with("::")) {
        // not a Rust path: a wasm-bindgen shim, a C symbol, or a mangled name
        return "(other)".into();
    }
    head.to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn sample() -> Vec<u8> {
        crate::fuzzing::seed_module()
    }

    #[test]
    fn reads_sections_imports_bodies_and_names() {
        let bytes = sample();
        let m = Module::parse(&bytes).unwrap();
        let ids: Vec<u8> = m.sections.iter().map(|s| s.id).collect();
        assert_eq!(ids, [1, 2, 3, 10, 0]);
        assert_eq!(m.sections.last().unwrap().name, "name");
        assert_eq!(m.imported_functions, 1);
        assert_eq!(m.body_sizes, [4, 2]);
        assert_eq!(
            m.code_by_crate(),
            [("sim".to_string(), 4), ("pki".to_string(), 2)]
        );
        assert_eq!(
            m.sections.iter().map(|s| s.bytes).sum::<usize>() + 8,
            bytes.len()
        );
    }

    #[test]
    fn stripping_drops_only_custom_sections() {
        let bytes = sample();
        let m = Module::parse(&bytes).unwrap();
        let stripped = m.without_custom_sections();
        let custom = m.sections.iter().find(|s| s.id == 0).unwrap().bytes;
        assert_eq!(stripped.len(), bytes.len() - custom);
        let again = Module::parse(&stripped).unwrap();
        assert_eq!(again.body_sizes, [4, 2]);
        assert!(again.names.is_empty());
        assert_eq!(again.named_share(), 0.0);
    }

    #[test]
    fn rejects_truncated_and_foreign_input() {
        let bytes = sample();
        assert_eq!(
            Module::parse(b"\x7fELF\x02\x01\x01\x00"),
            Err(WasmError::NotWasm)
        );
        assert_eq!(
            Module::parse(bytes.get(..bytes.len() - 3).unwrap()),
            Err(WasmError::Truncated("section"))
        );
        let mut long = bytes.get(..8).unwrap().to_vec();
        long.extend([0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
        assert_eq!(Module::parse(&long), Err(WasmError::BadNumber("section")));
    }

    #[test]
    fn crates_of_demangled_names() {
        assert_eq!(crate_of("sim::card::VirtualCard::process::h0123"), "sim");
        assert_eq!(
            crate_of("<yew::html::Html as core::fmt::Debug>::fmt"),
            "yew"
        );
        assert_eq!(
            crate_of("core::ptr::drop_in_place<rsa::key::RsaPrivateKey>"),
            "rsa"
        );
        assert_eq!(crate_of("core::fmt::write"), "core");
        assert_eq!(crate_of("__wbindgen_malloc"), "(other)");
        assert_eq!(crate_of(""), "(other)");
        assert_eq!(
            crate_of("_ZN3sim4card11VirtualCard7process17h0123456789abcdefE"),
            "sim"
        );
        assert_eq!(
            crate_of(
                "_ZN65_$LT$pki..crl..Crl$u20$as$u20$core..fmt..Debug$GT$3fmt17h0123456789abcdefE"
            ),
            "pki"
        );
        assert_eq!(
            crate_of("_ZN4core3ptr52drop_in_place$LT$rsa..key..RsaPrivateKey$GT$17h01E"),
            "core"
        );
        assert_eq!(crate_of("_ZN99short"), "(other)");
    }
}
