//! The bank/branch lookup seam (flows.md §2.5).
//!
//! The app ships the `zengin-code` data as a small bank index plus one branch file per bank,
//! fetched only when that bank is chosen (flows.md §2.5 "Browser bundling"). This crate does no
//! I/O, so the data comes in through [`BankDirectory`]; a branch file that is not loaded yet is a
//! distinct answer ([`BranchLookup::NotLoaded`]) so the app knows to fetch it.
//!
//! A branch that vanished from current data after a merger is simply absent: the confirm mode
//! (flows.md §2.6 A8, §2.5 "Staleness handling") reports it as "possibly invalid after a merger".

use alloc::string::String;

use super::fields::{BankCode, BranchCode};

/// A bank as the directory names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankEntry {
    /// 金融機関コード.
    pub code: BankCode,
    /// Name as registered (e.g. `みずほ`).
    pub name: String,
    /// Zengin kana of the name (e.g. `ミズホ`).
    pub kana: String,
}

/// A branch as the directory names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchEntry {
    /// 支店コード.
    pub code: BranchCode,
    /// Name (e.g. `東京営業部`, `〇五八`).
    pub name: String,
    /// Zengin kana of the name.
    pub kana: String,
}

/// The answer to a branch lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BranchLookup {
    /// The branch exists in current data.
    Found(BranchEntry),
    /// The bank's branch list is loaded and this code is not in it (never existed, or gone
    /// after a merger).
    Missing,
    /// The bank's branch list has not been loaded yet; the app fetches it and asks again.
    NotLoaded,
}

/// Bank and branch data, plugged in by the app (bundled `zengin-code` JSON) or by a relying
/// party's own copy. Implementations must not panic on any code.
pub trait BankDirectory {
    /// The bank with this code, if it exists in current data.
    fn bank(&self, code: BankCode) -> Option<BankEntry>;
    /// The branch with this code under `bank`.
    fn branch(&self, bank: BankCode, branch: BranchCode) -> BranchLookup;
    /// The date of the data (`zengin-code` version suffix, e.g. `2026-08-24`), shown in the footer.
    fn data_date(&self) -> &str;
}
