//! `mynaweb account …` — the 公金受取口座 account rules of flows.md §2.2–§2.4 for relying parties
//! that receive account data, using the same `flows` code as the app.
//!
//! - `account check`: bank code, branch code, type, number and holder name → the normalised
//!   values, or every problem named by field;
//! - `account kana TEXT`: holder name → Zengin half-width form, or the offending character;
//! - `account yucho KIGOU BANGOU`: ゆうちょ 記号・番号 → bank 9900 / branch / type / number.
//!
//! `check` and `yucho` also check that the bank and branch exist, in the product's bundled bank
//! data (flows.md §2.5): a directory in the `zengin-code` source-data layout, the same files the
//! app serves under `bank-data/`:
//!
//! ```text
//! | file                 | content                                              |
//! |----------------------|------------------------------------------------------|
//! | banks.json           | bank code → { code, name, kana, hira }               |
//! | branches/<bank>.json | branch code → { code, name, kana, hira }, one a bank |
//! | VERSION              | the data date, e.g. 2026-08-24                       |
//! ```
//!
//! The directory is, in this order: `--bank-data DIR`; the `MYNAWEB_BANK_DATA` environment
//! variable; the data `cargo xtask bank-data` built into this workspace's `target/bank-data`.
//! When none is there the command fails (exit 2) and says how to get the data.
//! `--no-bank-data` checks only the shapes, and the output says so (`"directory_checked": false`).
//! A ゆうちょ 記号・番号 whose branch is not in the data, like any branch or bank that is not,
//! is refused (exit 1).
//!
//! Exit codes: 0 = accepted, 1 = the data breaks a rule, 2 = bad usage, or bank data missing or
//! unreadable.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use flows::account::{
    check_account, check_yucho, to_zengin, AccountInput, AccountNote, AccountProblem, BankCode,
    BankDirectory, BankEntry, BranchCode, BranchEntry, CheckPurpose, KanaError, MemoryDirectory,
};
use serde_json::{json, Value};

use crate::output::{finish, Failure};

/// Check bank-account data against the 公金受取口座 rules (flows.md §2.2–§2.4).
#[derive(Args)]
pub struct AccountArgs {
    #[command(subcommand)]
    command: AccountCommand,
}

#[derive(Subcommand)]
enum AccountCommand {
    /// Check a whole account: codes, type, number and holder name, and that the bank and branch
    /// exist in the bank data.
    Check(CheckArgs),
    /// Normalise a holder name to the Zengin half-width kana form.
    Kana(KanaArgs),
    /// Convert a ゆうちょ銀行 記号・番号 to bank 9900 / branch / type / number; fails when the
    /// branch is not in the bank data.
    Yucho(YuchoArgs),
}

/// The environment variable naming the bank data directory when `--bank-data` is not given.
const BANK_DATA_ENV: &str = "MYNAWEB_BANK_DATA";

/// Where `cargo xtask bank-data` builds the bank data in this workspace.
const BUILT_BANK_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/bank-data");

/// [`BUILT_BANK_DATA`] without the `crates/cli/../..` detour, for messages people read.
fn built_bank_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(|root| root.join("target").join("bank-data"))
        .unwrap_or_else(|| PathBuf::from(BUILT_BANK_DATA))
}

#[derive(Args)]
struct DirectoryArgs {
    /// Bank data to check that the bank and branch exist: a zengin-code source-data directory
    /// (banks.json, branches/<bank>.json, VERSION). Default: $MYNAWEB_BANK_DATA, else the data
    /// built by `cargo xtask bank-data` (target/bank-data).
    #[arg(long, value_name = "DIR", conflicts_with = "no_bank_data")]
    bank_data: Option<PathBuf>,
    /// Do not read any bank data: check only the shapes of the codes (the output says that
    /// existence was not checked).
    #[arg(long)]
    no_bank_data: bool,
    /// The data comes from an existing registration (confirm mode): a missing branch is reported
    /// as possibly gone after a merger.
    #[arg(long)]
    confirm: bool,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// 金融機関コード (4 digits).
    #[arg(long)]
    bank: String,
    /// 支店コード (3 digits).
    #[arg(long)]
    branch: String,
    /// 預金種目: futsu (普通) or toza (当座).
    #[arg(long = "type", value_name = "TYPE")]
    account_type: String,
    /// 口座番号 (1–7 digits, padded to 7).
    #[arg(long)]
    number: String,
    /// 口座名義 (kana in any width, hiragana or Latin letters).
    #[arg(long)]
    holder: String,
    #[command(flatten)]
    common: DirectoryArgs,
}

#[derive(Args)]
struct KanaArgs {
    /// The holder name to normalise.
    text: String,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct YuchoArgs {
    /// 記号 (5 digits).
    kigou: String,
    /// 番号 (up to 8 digits; for 振替口座 optionally with the middle digit, as 0-100001).
    bangou: String,
    #[command(flatten)]
    common: DirectoryArgs,
}

/// Runs `mynaweb account …`.
pub fn run(args: AccountArgs) -> ExitCode {
    match args.command {
        AccountCommand::Check(args) => run_check(args),
        AccountCommand::Kana(args) => run_kana(args),
        AccountCommand::Yucho(args) => run_yucho(args),
    }
}

fn purpose(common: &DirectoryArgs) -> CheckPurpose {
    if common.confirm {
        CheckPurpose::Confirm
    } else {
        CheckPurpose::Register
    }
}

fn run_kana(args: KanaArgs) -> ExitCode {
    match kana_report(&args.text) {
        Ok(value) => {
            let text = value["zengin"].as_str().unwrap_or_default().to_string();
            finish(args.json, Ok((text, value)))
        }
        Err(value) => {
            let message = value["error"].as_str().unwrap_or_default().to_string();
            report_problems(args.json, &message, value)
        }
    }
}

/// `{"zengin": …}` or `{"error": …, "char": …}`.
fn kana_report(text: &str) -> Result<Value, Value> {
    match to_zengin(text) {
        Ok(name) => Ok(json!({ "zengin": name.as_str() })),
        Err(error) => {
            let character = match &error {
                KanaError::CharacterNotAllowed { character, .. } => Some(character.to_string()),
                _ => None,
            };
            Err(json!({ "error": error.to_string(), "char": character }))
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let bank = BankCode::parse(&args.bank).ok();
    let directory = match open_directory(&args.common, bank) {
        Ok(directory) => directory,
        Err(failure) => return finish(args.common.json, Err(failure)),
    };
    let input = AccountInput {
        bank: &args.bank,
        branch: &args.branch,
        account_type: &args.account_type,
        number: &args.number,
        holder: &args.holder,
    };
    match check_account(
        &input,
        directory.as_ref().map(|d| d as &dyn BankDirectory),
        purpose(&args.common),
    ) {
        Ok(account) => {
            let notes: Vec<&str> = account.notes.iter().map(note_key).collect();
            let mut text = format!(
                "bank    {}{}\nbranch  {}{}\ntype    {}\nnumber  {}\nholder  {}\n",
                account.bank,
                named(account.bank_entry.as_ref().map(|b| b.name.as_str())),
                account.branch,
                named(account.branch_entry.as_ref().map(|b| b.name.as_str())),
                account.account_type.cli_name(),
                account.number,
                account.holder,
            );
            append_notes(&mut text, &account.notes);
            append_data_date(&mut text, directory.as_ref());
            let value = json!({
                "bank": account.bank.as_str(),
                "bank_name": account.bank_entry.as_ref().map(|b| b.name.as_str()),
                "branch": account.branch.as_str(),
                "branch_name": account.branch_entry.as_ref().map(|b| b.name.as_str()),
                "type": account.account_type.cli_name(),
                "number": account.number.as_str(),
                "holder": account.holder.as_str(),
                "directory_checked": directory.is_some(),
                "bank_data_date": data_date(directory.as_ref()),
                "notes": notes,
            });
            finish(args.common.json, Ok((text, value)))
        }
        Err(problems) => {
            let listed: Vec<Value> = problems
                .iter()
                .map(|p| {
                    let mut entry = json!({ "field": problem_field(p), "message": p.to_string() });
                    if let AccountProblem::Holder(KanaError::CharacterNotAllowed {
                        character,
                        ..
                    }) = p
                    {
                        entry["char"] = json!(character.to_string());
                    }
                    entry
                })
                .collect();
            let message = problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            report_problems(
                args.common.json,
                &message,
                json!({ "error": message, "problems": listed }),
            )
        }
    }
}

fn run_yucho(args: YuchoArgs) -> ExitCode {
    let directory = match open_directory(&args.common, Some(BankCode::JAPAN_POST_BANK)) {
        Ok(directory) => directory,
        Err(failure) => return finish(args.common.json, Err(failure)),
    };
    let result = check_yucho(
        &args.kigou,
        &args.bangou,
        directory.as_ref().map(|d| d as &dyn BankDirectory),
        purpose(&args.common),
    );
    match result {
        Ok(checked) => {
            let account = &checked.account;
            let mut text = format!(
                "bank    {} ゆうちょ銀行\nbranch  {} {}（{}）\ntype    {}\nnumber  {}\n",
                account.bank,
                account.branch,
                account.branch_name(),
                account.branch_kana(),
                account.account_type.cli_name(),
                account.number,
            );
            append_notes(&mut text, &checked.notes);
            append_data_date(&mut text, directory.as_ref());
            let notes: Vec<&str> = checked.notes.iter().map(note_key).collect();
            let value = json!({
                "bank": account.bank.as_str(),
                "branch": account.branch.as_str(),
                "type": account.account_type.cli_name(),
                "number": account.number.as_str(),
                "branch_name": account.branch_name(),
                "branch_kana": account.branch_kana(),
                "check_digit_agrees": account.check_digit_agrees,
                "directory_checked": directory.is_some(),
                "bank_data_date": data_date(directory.as_ref()),
                "notes": notes,
            });
            finish(args.common.json, Ok((text, value)))
        }
        Err(problem) => finish(args.common.json, Err(Failure::failed(problem.to_string()))),
    }
}

/// The data date of the bank data used (`VERSION`), if it names one.
fn data_date(directory: Option<&MemoryDirectory>) -> Option<&str> {
    directory
        .map(BankDirectory::data_date)
        .filter(|date| !date.is_empty())
}

fn append_data_date(text: &mut String, directory: Option<&MemoryDirectory>) {
    if let Some(date) = data_date(directory) {
        text.push_str(&format!("bank data of {date}\n"));
    }
}

fn named(name: Option<&str>) -> String {
    name.map(|n| format!(" {n}")).unwrap_or_default()
}

fn append_notes(text: &mut String, notes: &[AccountNote]) {
    for note in notes {
        text.push_str(match note {
            AccountNote::DirectoryNotChecked => {
                "note: bank and branch existence not checked (--no-bank-data)\n"
            }
            AccountNote::BranchListNotLoaded => "note: the bank's branch list was not available; branch not checked\n",
            AccountNote::YuchoCheckDigitDisagrees => {
                "warning: the 記号's check digit does not match the 番号; please check the numbers again\n"
            }
            _ => "note: unrecognised note\n",
        });
    }
}

/// Stable machine key of a note (JSON `notes`).
fn note_key(note: &AccountNote) -> &'static str {
    match note {
        AccountNote::DirectoryNotChecked => "directory-not-checked",
        AccountNote::BranchListNotLoaded => "branch-list-not-loaded",
        AccountNote::YuchoCheckDigitDisagrees => "yucho-check-digit-disagrees",
        _ => "other",
    }
}

/// Which input field a problem is about (JSON `problems[].field`).
fn problem_field(problem: &AccountProblem) -> &'static str {
    match problem {
        AccountProblem::BankCode(_) | AccountProblem::UnknownBank(_) => "bank",
        AccountProblem::BranchCode(_)
        | AccountProblem::UnknownBranch { .. }
        | AccountProblem::BranchGone { .. } => "branch",
        AccountProblem::AccountType(_) | AccountProblem::YuchoBranchType { .. } => "type",
        AccountProblem::Number(_) => "number",
        AccountProblem::Holder(_) => "holder",
        _ => "account",
    }
}

/// Reports a rule failure (exit 1) with a JSON object richer than `{"error": …}`.
fn report_problems(json: bool, message: &str, value: Value) -> ExitCode {
    if json {
        use std::io::Write;
        // A closed pipe is not worth a panic.
        let _ = writeln!(std::io::stdout().lock(), "{value}");
    }
    {
        use std::io::Write;
        let _ = writeln!(std::io::stderr().lock(), "mynaweb: {message}");
    }
    ExitCode::from(1)
}

/// One record of the zengin-code JSON (`banks.json`, `branches/<bank>.json`); other fields
/// (`code`, `hira`, `roma`) are ignored.
#[derive(serde::Deserialize)]
struct NamedRecord {
    name: String,
    kana: String,
}

/// Where the bank data directory was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// `--bank-data DIR`.
    Argument,
    /// The `MYNAWEB_BANK_DATA` environment variable.
    Environment,
    /// The data `cargo xtask bank-data` built into this workspace.
    Built,
}

impl Origin {
    fn describe(self) -> &'static str {
        match self {
            Origin::Argument => "given with --bank-data",
            Origin::Environment => "named by MYNAWEB_BANK_DATA",
            Origin::Built => "built by cargo xtask bank-data",
        }
    }
}

/// The bank data directory to read and where it was named.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BankDataSource {
    dir: PathBuf,
    origin: Origin,
}

/// Picks the bank data directory: `--no-bank-data` → none; else `--bank-data DIR`; else a
/// non-empty `env` (`MYNAWEB_BANK_DATA`); else `built` when it has a `banks.json`; else a usage
/// failure that says how to get the data.
fn resolve_bank_data(
    given: Option<&Path>,
    skip: bool,
    env: Option<OsString>,
    built: &Path,
) -> Result<Option<BankDataSource>, Failure> {
    if skip {
        return Ok(None);
    }
    let (dir, origin) = match (given, env.filter(|value| !value.is_empty())) {
        (Some(dir), _) => (dir.to_path_buf(), Origin::Argument),
        (None, Some(dir)) => (PathBuf::from(dir), Origin::Environment),
        (None, None) if built.join("banks.json").is_file() => (built.to_path_buf(), Origin::Built),
        (None, None) => {
            return Err(Failure::input(format!(
                "the bank data is missing: {BANK_DATA_ENV} is not set and {} has no banks.json; \
                 run `cargo xtask bank-data` to build it, or pass --bank-data DIR \
                 (or --no-bank-data to check only the shapes)",
                built.display()
            )))
        }
    };
    Ok(Some(BankDataSource { dir, origin }))
}

/// The bank data this invocation uses (see [`resolve_bank_data`]), read for `bank`.
fn open_directory(
    common: &DirectoryArgs,
    bank: Option<BankCode>,
) -> Result<Option<MemoryDirectory>, Failure> {
    let source = resolve_bank_data(
        common.bank_data.as_deref(),
        common.no_bank_data,
        std::env::var_os(BANK_DATA_ENV),
        &built_bank_data(),
    )?;
    let Some(source) = source else {
        return Ok(None);
    };
    load_directory(&source.dir, bank)
        .map(Some)
        .map_err(|mut failure| {
            failure.message = format!("{} ({})", failure.message, source.origin.describe());
            failure
        })
}

/// Reads a zengin-code source-data directory (flows.md §2.5) into the shared in-memory
/// directory: `banks.json`, plus `branches/<bank>.json` of the one bank asked about when
/// `banks.json` lists it (a listed bank without its branch file is incomplete data, refused).
/// `VERSION`, if present, gives the data date.
fn load_directory(dir: &Path, bank: Option<BankCode>) -> Result<MemoryDirectory, Failure> {
    let version = dir.join("VERSION");
    let date = if version.exists() {
        read_bank_file(&version)?.trim().to_string()
    } else {
        String::new()
    };
    let mut directory = MemoryDirectory::new(date);
    let banks_path = dir.join("banks.json");
    let banks: BTreeMap<String, NamedRecord> = read_json(&banks_path)?;
    for (code, record) in banks {
        let code = BankCode::parse(&code).map_err(|e| bad_key(&banks_path, &e.to_string()))?;
        directory.insert_bank(BankEntry {
            code,
            name: record.name,
            kana: record.kana,
        });
    }
    if let Some(code) = bank.filter(|code| directory.bank(*code).is_some()) {
        let path = dir.join("branches").join(format!("{code}.json"));
        if !path.is_file() {
            return Err(Failure::input(format!(
                "bank data {} lists bank {code} but has no branches/{code}.json",
                dir.display()
            )));
        }
        let records: BTreeMap<String, NamedRecord> = read_json(&path)?;
        let mut branches = Vec::with_capacity(records.len());
        for (branch, record) in records {
            let branch = BranchCode::parse(&branch).map_err(|e| bad_key(&path, &e.to_string()))?;
            branches.push(BranchEntry {
                code: branch,
                name: record.name,
                kana: record.kana,
            });
        }
        directory.load_branches(code, branches);
    }
    Ok(directory)
}

fn bad_key(path: &Path, problem: &str) -> Failure {
    Failure::input(format!(
        "bank data {} has a bad key: {problem}",
        path.display()
    ))
}

/// The largest bank data file read: the 2026-08-24 data's `banks.json` is 143 kB and its largest
/// branch file 68 kB, so anything near this is not zengin-code data (and is not read into memory).
const MAX_BANK_DATA_FILE: u64 = 8 * 1024 * 1024;

/// Reads one bank data file as text: a regular file (a device, FIFO or directory would block or
/// never end) of at most [`MAX_BANK_DATA_FILE`] bytes, UTF-8, a leading byte-order mark dropped.
fn read_bank_file(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let cannot = |e: &dyn std::fmt::Display| {
        Failure::input(format!("cannot read bank data {}: {e}", path.display()))
    };
    let metadata = std::fs::metadata(path).map_err(|e| cannot(&e))?;
    if !metadata.is_file() {
        return Err(cannot(&"not a regular file"));
    }
    let too_big = || {
        Failure::input(format!(
            "bank data {} is larger than {} MiB, far more than a zengin-code file; \
             is --bank-data / MYNAWEB_BANK_DATA the right directory?",
            path.display(),
            MAX_BANK_DATA_FILE / (1024 * 1024)
        ))
    };
    if metadata.len() > MAX_BANK_DATA_FILE {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_BANK_DATA_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    if bytes.len() as u64 > MAX_BANK_DATA_FILE {
        return Err(too_big());
    }
    let text = String::from_utf8(bytes).map_err(|e| cannot(&format!("not UTF-8 ({e})")))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Failure> {
    let text = read_bank_file(path)?;
    serde_json::from_str(&text).map_err(|e| {
        Failure::input(format!(
            "bank data {} is not the zengin-code JSON layout: {e}",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn kana_report_gives_zengin_form_or_offending_char() {
        assert_eq!(
            kana_report("ヤマダ　タロウ"),
            Ok(json!({ "zengin": "ﾔﾏﾀﾞ ﾀﾛｳ" }))
        );
        assert_eq!(
            kana_report("タロウ😀"),
            Err(json!({
                "error": "「😀」 (U+1F600, character 4 of the name) cannot be used in a bank holder name",
                "char": "😀"
            }))
        );
        assert_eq!(
            kana_report(" "),
            Err(json!({ "error": "the holder name is empty", "char": null }))
        );
    }

    /// A zengin-code source-data layout in a fresh temporary directory.
    fn source_data(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("mynaweb-account-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("branches")).unwrap();
        std::fs::write(
            dir.join("banks.json"),
            r#"{"0001":{"code":"0001","name":"みずほ","kana":"ミズホ","hira":"みずほ","roma":"mizuho"},
               "9900":{"code":"9900","name":"ゆうちょ","kana":"ユウチヨ","hira":"ゆうちよ","roma":"yuucho"}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("branches").join("9900.json"),
            r#"{"058":{"code":"058","name":"〇五八","kana":"ゼロゴハチ","hira":"ぜろごはち","roma":"zerogohachi"}}"#,
        )
        .unwrap();
        std::fs::write(dir.join("VERSION"), "2026-08-24\n").unwrap();
        dir
    }

    #[test]
    fn source_data_directory_finds_and_misses_branches() {
        let dir = source_data("lookup");
        let data = load_directory(&dir, Some(BankCode::JAPAN_POST_BANK)).unwrap();
        assert_eq!(data.data_date(), "2026-08-24");
        assert_eq!(
            data.bank(BankCode::JAPAN_POST_BANK).unwrap().kana,
            "ユウチヨ"
        );
        let found = check_yucho("10530", "12345671", Some(&data), CheckPurpose::Register).unwrap();
        assert_eq!(found.branch_entry.unwrap().name, "〇五八");
        let missing = check_yucho("19990", "11", Some(&data), CheckPurpose::Register).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "branch 998 does not exist under bank 9900 in the bank data"
        );
        let gone = check_yucho("19990", "11", Some(&data), CheckPurpose::Confirm).unwrap_err();
        assert_eq!(
            gone.to_string(),
            "branch 998 of bank 9900 is no longer in the bank data; the account may have become invalid after a branch merger"
        );
        // Bank 0001 is listed but this copy has no branches/0001.json: incomplete data is
        // refused rather than leaving the branch unchecked.
        let incomplete = load_directory(&dir, BankCode::parse("0001").ok()).unwrap_err();
        assert_eq!(incomplete.code, 2);
        assert_eq!(
            incomplete.message,
            format!(
                "bank data {} lists bank 0001 but has no branches/0001.json",
                dir.display()
            )
        );
        // A bank the data does not list needs no branch file: it is reported as unknown.
        let unlisted = load_directory(&dir, BankCode::parse("0002").ok()).unwrap();
        assert_eq!(
            unlisted.branch(
                BankCode::parse("0002").unwrap(),
                BranchCode::parse("001").unwrap()
            ),
            flows::account::BranchLookup::NotLoaded
        );
        assert_eq!(unlisted.bank(BankCode::parse("0002").unwrap()), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unreadable_source_data_is_a_usage_failure() {
        let dir =
            std::env::temp_dir().join(format!("mynaweb-account-missing-{}", std::process::id()));
        let failure = load_directory(&dir, None).expect_err("failure");
        assert_eq!(failure.code, 2);
        assert!(
            failure.message.starts_with("cannot read bank data "),
            "{}",
            failure.message
        );
    }

    #[test]
    fn bank_data_with_a_bad_code_is_refused() {
        let dir =
            std::env::temp_dir().join(format!("mynaweb-account-badkey-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("banks.json"), r#"{"01":{"name":"x","kana":"x"}}"#).unwrap();
        let failure = load_directory(&dir, None).expect_err("failure");
        assert_eq!(failure.code, 2);
        assert!(
            failure
                .message
                .ends_with("has a bad key: the bank code must have 4 digits, not 2"),
            "{}",
            failure.message
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bank_data_that_is_not_a_small_regular_file_is_refused_without_reading_it() {
        let dir = source_data("odd-files");
        let banks = dir.join("banks.json");
        // A 100 MB banks.json (sparse, so the test writes nothing): refused from its size.
        std::fs::remove_file(&banks).unwrap();
        std::fs::File::create(&banks)
            .unwrap()
            .set_len(100 * 1024 * 1024)
            .unwrap();
        let failure = load_directory(&dir, None).expect_err("huge file");
        assert_eq!(failure.code, 2);
        assert_eq!(
            failure.message,
            format!(
                "bank data {} is larger than 8 MiB, far more than a zengin-code file; \
                 is --bank-data / MYNAWEB_BANK_DATA the right directory?",
                banks.display()
            )
        );
        // A link to an endless device was read until memory ran out: now refused at once.
        std::fs::remove_file(&banks).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &banks).unwrap();
        let failure = load_directory(&dir, None).expect_err("device");
        assert_eq!(
            (failure.code, failure.message),
            (
                2,
                format!(
                    "cannot read bank data {}: not a regular file",
                    banks.display()
                )
            )
        );
        // A byte-order mark (a file saved by a Windows editor) is not an error.
        std::fs::remove_file(&banks).unwrap();
        std::fs::write(
            &banks,
            "\u{feff}{\"0001\":{\"name\":\"みずほ\",\"kana\":\"ミズホ\"}}",
        )
        .unwrap();
        std::fs::write(dir.join("branches").join("0001.json"), "{}").unwrap();
        let data = load_directory(&dir, BankCode::parse("0001").ok()).unwrap();
        assert_eq!(
            data.bank(BankCode::parse("0001").unwrap()).unwrap().kana,
            "ミズホ"
        );
        // A VERSION that is not text is corrupt data, not a missing date.
        std::fs::write(dir.join("VERSION"), [0xff, 0xfe, 0x00]).unwrap();
        let failure = load_directory(&dir, None).expect_err("binary VERSION");
        assert_eq!(
            failure.message,
            format!(
                "cannot read bank data {}: not UTF-8 (invalid utf-8 sequence of 1 bytes from index 0)",
                dir.join("VERSION").display()
            )
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bank_data_is_the_argument_then_the_environment_then_the_built_data() {
        let built = source_data("built");
        let given = Path::new("/given");
        let env = || Some(OsString::from("/from-env"));
        let source = |dir: &Path, origin| {
            Some(BankDataSource {
                dir: dir.to_path_buf(),
                origin,
            })
        };
        assert_eq!(
            resolve_bank_data(Some(given), false, env(), &built).unwrap(),
            source(given, Origin::Argument)
        );
        assert_eq!(
            resolve_bank_data(None, false, env(), &built).unwrap(),
            source(Path::new("/from-env"), Origin::Environment)
        );
        // An empty variable counts as unset.
        assert_eq!(
            resolve_bank_data(None, false, Some(OsString::new()), &built).unwrap(),
            source(&built, Origin::Built)
        );
        assert_eq!(resolve_bank_data(None, true, env(), &built).unwrap(), None);
        std::fs::remove_dir_all(&built).unwrap();
    }

    #[test]
    fn missing_bank_data_is_a_usage_failure_saying_how_to_build_it() {
        let built =
            std::env::temp_dir().join(format!("mynaweb-account-nodata-{}", std::process::id()));
        let failure = resolve_bank_data(None, false, None, &built).unwrap_err();
        assert_eq!(failure.code, 2);
        assert_eq!(
            failure.message,
            format!(
                "the bank data is missing: MYNAWEB_BANK_DATA is not set and {} has no \
                 banks.json; run `cargo xtask bank-data` to build it, or pass --bank-data DIR \
                 (or --no-bank-data to check only the shapes)",
                built.display()
            )
        );
        assert_eq!(resolve_bank_data(None, true, None, &built).unwrap(), None);
    }

    #[test]
    fn problems_are_named_by_field() {
        assert_eq!(
            problem_field(&AccountProblem::UnknownBank(BankCode::JAPAN_POST_BANK)),
            "bank"
        );
        assert_eq!(
            problem_field(&AccountProblem::Holder(KanaError::CharacterNotAllowed {
                character: 'x',
                position: 1
            })),
            "holder"
        );
        assert_eq!(
            note_key(&AccountNote::YuchoCheckDigitDisagrees),
            "yucho-check-digit-disagrees"
        );
    }
}
