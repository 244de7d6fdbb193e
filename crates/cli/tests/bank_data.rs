//! The bundled bank data (flows.md §2.5) agrees with what the product says about it:
//! `flows::facts::BANK_DATA_DATE` (the app's footer) is the pinned zengin-code version's data
//! date, the built data's VERSION says the same, and the data has the shape §2.4 relies on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use flows::facts::BANK_DATA_DATE;
use serde_json::Value;

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

fn read_json(relative: &str) -> Value {
    let path = repo_file(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `1.0.0-p20260824` → `2026-08-24`.
fn date_of_version(version: &str) -> String {
    let (_, suffix) = version.split_once("-p").expect("a -pYYYYMMDD suffix");
    assert_eq!(suffix.len(), 8, "{version}");
    format!("{}-{}-{}", &suffix[..4], &suffix[4..6], &suffix[6..])
}

#[test]
fn the_constant_is_the_data_date_of_the_pinned_package() {
    let manifest = read_json("data/zengin/package.json");
    let pinned = manifest["dependencies"]["zengin-code"]
        .as_str()
        .expect("data/zengin/package.json depends on zengin-code");
    // Exactly one version (no ^ or ~ range), so the date cannot drift under the lock.
    assert!(
        pinned.chars().next().is_some_and(|c| c.is_ascii_digit()),
        "zengin-code must be pinned to one version, not `{pinned}`"
    );
    assert_eq!(
        date_of_version(pinned),
        BANK_DATA_DATE,
        "update flows::facts::BANK_DATA_DATE"
    );
    let lock = read_json("data/zengin/package-lock.json");
    assert_eq!(
        lock["packages"]["node_modules/zengin-code"]["version"],
        Value::from(pinned),
        "data/zengin/package-lock.json is not the pinned version: run npm install there"
    );
}

#[test]
fn the_built_data_says_the_same_date() {
    let version = repo_file("target/bank-data/VERSION");
    let text = std::fs::read_to_string(&version).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): run `cargo xtask bank-data` first (cargo xtask test does)",
            version.display()
        )
    });
    assert_eq!(text, format!("{BANK_DATA_DATE}\n"));
}

/// The 店番 written digit by digit in kanji numerals with 〇 for zero (flows.md §2.4 step 4).
fn yucho_branch_name(code: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    code.chars()
        .map(|c| DIGITS[c.to_digit(10).expect("digit") as usize])
        .collect()
}

#[test]
fn japan_post_branches_are_named_digit_by_digit() {
    // flows.md §2.4 step 4: 94 branches under 9900, named by their 店番 in kanji numerals; the
    // 2026-08-24 data (the date is pinned by the tests above).
    let path = repo_file("target/bank-data/branches/9900.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): run `cargo xtask bank-data` first",
            path.display()
        )
    });
    let branches: BTreeMap<String, BTreeMap<String, String>> = serde_json::from_str(&text).unwrap();
    assert_eq!(branches.len(), 94);
    for (code, branch) in &branches {
        assert_eq!(branch["code"], *code);
        assert_eq!(branch["name"], yucho_branch_name(code), "branch {code}");
        // 店番 ends in 8 (通常貯金, §2.4 step 2) or 9 (振替口座, step 3).
        assert!(code.ends_with('8') || code.ends_with('9'), "branch {code}");
    }
}

#[test]
fn the_bank_index_is_small_and_complete() {
    let banks = read_json("target/bank-data/banks.json");
    let banks = banks.as_object().expect("an object");
    // flows.md §2.5 "Size of dataset": 1,146 banks in the 2026-08-24 data.
    assert_eq!(banks.len(), 1146);
    // Each bank has its branch file, as the app fetches it (bank-data/branches/<code>.json).
    let mut branch_count = 0;
    for (code, bank) in banks {
        let mut fields: Vec<&str> = bank
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["code", "hira", "kana", "name"],
            "bank {code}: no roma, no branches"
        );
        let list = read_json(&format!("target/bank-data/branches/{code}.json"));
        branch_count += list.as_object().expect("an object").len();
    }
    // flows.md §2.5: 28,944 branches.
    assert_eq!(branch_count, 28944);
}
