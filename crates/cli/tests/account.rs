//! `mynaweb account …` run as a process against the real bundled bank data (zengin-code
//! 2026-08-24, flows.md §2.5) that `cargo xtask bank-data` builds into target/bank-data;
//! `cargo xtask test` builds it before these run. Without it every test here fails and says so.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

/// target/bank-data, which the CLI reads by default; a clear failure when it was not built.
fn built_bank_data() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bank-data");
    assert!(
        dir.join("banks.json").is_file() && dir.join("branches").join("9900.json").is_file(),
        "the bank data is missing at {}: run `cargo xtask bank-data` first (cargo xtask test does)",
        dir.display()
    );
    dir
}

/// Runs `mynaweb account ARGS… --json` with the default bank data (no MYNAWEB_BANK_DATA from
/// the caller's environment): exit code and the one JSON object on stdout.
fn account_json(args: &[&str]) -> (i32, Value) {
    built_bank_data();
    let output = Command::new(env!("CARGO_BIN_EXE_mynaweb"))
        .arg("account")
        .args(args)
        .arg("--json")
        .env_remove("MYNAWEB_BANK_DATA")
        .output()
        .expect("run mynaweb");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
    let value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (output.status.code().expect("exit code"), value)
}

#[test]
fn yucho_kigou_10100_is_branch_018_of_the_bundled_data() {
    // flows.md §2.4 step 2: 記号 10100 → 店番 "01" + "8"; 番号 1234561 loses its final 1 and
    // is padded to 7. Step 5 (soft check digit): 1+0+2·1, 0, 1+3·2+2·3, 4+3·5+(2·6−9), +1
    // = 39 → 9, not the 記号's 4th digit 0, so a warning, never a refusal.
    let (code, value) = account_json(&["yucho", "10100", "1234561"]);
    assert_eq!(
        (code, value),
        (
            0,
            json!({
                "bank": "9900",
                "bank_data_date": "2026-08-24",
                "branch": "018",
                "branch_kana": "ゼロイチハチ",
                "branch_name": "〇一八店",
                "check_digit_agrees": false,
                "directory_checked": true,
                "notes": ["yucho-check-digit-disagrees"],
                "number": "0123456",
                "type": "futsu"
            })
        )
    );
}

#[test]
fn yucho_examples_of_the_spec_are_found_in_the_bundled_data() {
    // flows.md §2.4 step 2 example: 10530 12345671 → 058 / 1234567.
    let (code, value) = account_json(&["yucho", "10530", "12345671"]);
    assert_eq!(code, 0);
    assert_eq!(
        (
            &value["branch"],
            &value["branch_name"],
            &value["number"],
            &value["type"]
        ),
        (
            &json!("058"),
            &json!("〇五八店"),
            &json!("1234567"),
            &json!("futsu")
        )
    );
    // Step 3 (振替口座): 00160-0-100001 → 店番 019 (the rule; §2.4 prints 169), 当座 0100001.
    let (code, value) = account_json(&["yucho", "00160", "0-100001"]);
    assert_eq!(
        (code, value),
        (
            0,
            json!({
                "bank": "9900",
                "bank_data_date": "2026-08-24",
                "branch": "019",
                "branch_kana": "ゼロイチキユウ",
                "branch_name": "〇一九店",
                "check_digit_agrees": true,
                "directory_checked": true,
                "notes": [],
                "number": "0100001",
                "type": "toza"
            })
        )
    );
}

#[test]
fn yucho_branch_missing_from_the_bundled_data_is_refused() {
    // 記号 11580 → 店番 158, which the 2026-08-24 data does not have under 9900.
    assert_eq!(
        account_json(&["yucho", "11580", "11"]),
        (
            1,
            json!({ "error": "branch 158 does not exist under bank 9900 in the bank data" })
        )
    );
    // 振替 記号 03090 → 店番 309, also absent.
    assert_eq!(
        account_json(&["yucho", "03090", "12345"]),
        (
            1,
            json!({ "error": "branch 309 does not exist under bank 9900 in the bank data" })
        )
    );
    // Confirm mode names the merger possibility instead (flows.md §2.5 "Staleness handling").
    assert_eq!(
        account_json(&["yucho", "11580", "11", "--confirm"]),
        (
            1,
            json!({ "error": "branch 158 of bank 9900 is no longer in the bank data; the account may have become invalid after a branch merger" })
        )
    );
}

#[test]
fn an_ordinary_bank_and_branch_are_found_with_their_names() {
    let (code, value) = account_json(&[
        "check",
        "--bank",
        "0001",
        "--branch",
        "001",
        "--type",
        "futsu",
        "--number",
        "１２３４",
        "--holder",
        "やまだ　たろう",
    ]);
    assert_eq!(
        (code, value),
        (
            0,
            json!({
                "bank": "0001",
                "bank_data_date": "2026-08-24",
                "bank_name": "みずほ",
                "branch": "001",
                "branch_name": "東京営業部",
                "directory_checked": true,
                "holder": "ﾔﾏﾀﾞ ﾀﾛｳ",
                "notes": [],
                "number": "0001234",
                "type": "futsu"
            })
        )
    );
}

#[test]
fn a_missing_bank_or_branch_is_a_named_problem() {
    assert_eq!(
        account_json(&[
            "check",
            "--bank",
            "0002",
            "--branch",
            "001",
            "--type",
            "futsu",
            "--number",
            "1",
            "--holder",
            "ﾔﾏﾀﾞ",
        ]),
        (
            1,
            json!({
                "error": "bank code 0002 does not exist in the bank data",
                "problems": [
                    { "field": "bank", "message": "bank code 0002 does not exist in the bank data" }
                ]
            })
        )
    );
    assert_eq!(
        account_json(&[
            "check",
            "--bank",
            "0001",
            "--branch",
            "999",
            "--type",
            "toza",
            "--number",
            "1",
            "--holder",
            "ﾔﾏﾀﾞ",
        ]),
        (
            1,
            json!({
                "error": "branch 999 does not exist under bank 0001 in the bank data",
                "problems": [
                    { "field": "branch", "message": "branch 999 does not exist under bank 0001 in the bank data" }
                ]
            })
        )
    );
}

#[test]
fn a_yucho_branch_with_the_other_account_type_is_refused() {
    // flows.md §2.4: a 9900 店番 ending in 8 holds 普通 (通常貯金), one ending in 9 当座 (振替).
    let check = |branch: &str, kind: &str| {
        account_json(&[
            "check",
            "--bank",
            "9900",
            "--branch",
            branch,
            "--type",
            kind,
            "--number",
            "1234567",
            "--holder",
            "ﾔﾏﾀﾞ",
        ])
    };
    let message = "branch 058 of bank 9900 holds futsu accounts only (a ゆうちょ 店番 ending in 8 is futsu, in 9 toza)";
    assert_eq!(
        check("058", "toza"),
        (
            1,
            json!({ "error": message, "problems": [{ "field": "type", "message": message }] })
        )
    );
    let (code, value) = check("019", "toza");
    assert_eq!(
        (code, &value["type"], &value["branch_name"]),
        (0, &json!("toza"), &json!("〇一九"))
    );
}

#[test]
fn no_bank_data_checks_only_shapes_and_says_so() {
    // Check digit (flows.md §2.4 step 5) of 1150000000011: (1+3·1+2·5−9) + 0 + 0 + (0+0+2·1) + 1
    // = 8, the 記号's 4th digit, so only the directory note.
    let (code, value) = account_json(&["yucho", "11580", "11", "--no-bank-data"]);
    assert_eq!(code, 0);
    assert_eq!(
        (
            &value["branch"],
            &value["directory_checked"],
            &value["bank_data_date"],
            &value["notes"]
        ),
        (
            &json!("158"),
            &json!(false),
            &Value::Null,
            &json!(["directory-not-checked"])
        )
    );
    let text = Command::new(env!("CARGO_BIN_EXE_mynaweb"))
        .args(["account", "yucho", "10100", "1234561", "--no-bank-data"])
        .output()
        .expect("run mynaweb");
    assert_eq!(text.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(text.stdout).unwrap(),
        "bank    9900 ゆうちょ銀行\n\
         branch  018 〇一八店（ゼロイチハチ）\n\
         type    futsu\n\
         number  0123456\n\
         warning: the 記号's check digit does not match the 番号; please check the numbers again\n\
         note: bank and branch existence not checked (--no-bank-data)\n"
    );
}

#[test]
fn text_output_names_the_data_date() {
    built_bank_data();
    let output = Command::new(env!("CARGO_BIN_EXE_mynaweb"))
        .args(["account", "yucho", "14080", "12712721"])
        .env_remove("MYNAWEB_BANK_DATA")
        .output()
        .expect("run mynaweb");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "bank    9900 ゆうちょ銀行\n\
         branch  408 四〇八店（ヨンゼロハチ）\n\
         type    futsu\n\
         number  1271272\n\
         bank data of 2026-08-24\n"
    );
}

#[test]
fn the_environment_variable_and_the_argument_name_other_data() {
    let empty = std::env::temp_dir().join(format!("mynaweb-account-env-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let run = |command: &mut Command| {
        let output = command.output().expect("run mynaweb");
        (
            output.status.code(),
            serde_json::from_slice::<Value>(&output.stdout).expect("JSON"),
        )
    };
    let bin = env!("CARGO_BIN_EXE_mynaweb");
    let banks = empty.join("banks.json");
    let unreadable = |origin: &str| {
        json!({ "error": format!(
            "cannot read bank data {}: No such file or directory (os error 2) ({origin})",
            banks.display()
        ) })
    };
    assert_eq!(
        run(Command::new(bin)
            .args(["account", "yucho", "10100", "1234561", "--json"])
            .env("MYNAWEB_BANK_DATA", &empty)),
        (Some(2), unreadable("named by MYNAWEB_BANK_DATA"))
    );
    assert_eq!(
        run(Command::new(bin)
            .args([
                "account",
                "yucho",
                "10100",
                "1234561",
                "--json",
                "--bank-data"
            ])
            .arg(&empty)
            .env("MYNAWEB_BANK_DATA", built_bank_data())),
        (Some(2), unreadable("given with --bank-data"))
    );
    // The argument wins over the variable.
    let (code, value) = run(Command::new(bin)
        .args([
            "account",
            "yucho",
            "10100",
            "1234561",
            "--json",
            "--bank-data",
        ])
        .arg(built_bank_data())
        .env("MYNAWEB_BANK_DATA", &empty));
    assert_eq!((code, &value["branch_name"]), (Some(0), &json!("〇一八店")));
    std::fs::remove_dir_all(&empty).unwrap();
}
