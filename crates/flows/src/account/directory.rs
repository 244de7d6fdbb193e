//! The bank/branch lookup seam (flows.md §2.5).
//!
//! The app ships the `zengin-code` data as a small bank index plus one branch file per bank,
//! fetched only when that bank is chosen (flows.md §2.5 "Browser bundling"). This crate does no
//! I/O, so the data comes in through [`BankDirectory`]; a branch file that is not loaded yet is a
//! distinct answer ([`BranchLookup::NotLoaded`]) so the app knows to fetch it.
//!
//! A branch that vanished from current data after a merger is simply absent: the confirm mode
//! (flows.md §2.6 A8, §2.5 "Staleness handling") reports it as "possibly invalid after a merger".

use alloc::collections::BTreeMap;
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

/// An in-memory [`BankDirectory`]: the app fills it from the bundled bank index and adds one
/// bank's branch list when that bank is chosen (flows.md §2.5 "Browser bundling"); a bank whose
/// branches were never added answers [`BranchLookup::NotLoaded`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryDirectory {
    banks: BTreeMap<BankCode, BankEntry>,
    branches: BTreeMap<BankCode, BTreeMap<BranchCode, BranchEntry>>,
    data_date: String,
}

impl MemoryDirectory {
    /// An empty directory for data of `data_date` (e.g. `2026-08-24`).
    pub fn new(data_date: impl Into<String>) -> Self {
        Self {
            data_date: data_date.into(),
            ..Self::default()
        }
    }

    /// Adds or replaces a bank of the index.
    pub fn insert_bank(&mut self, bank: BankEntry) {
        self.banks.insert(bank.code, bank);
    }

    /// Sets the complete branch list of one bank (replacing any earlier list).
    pub fn load_branches(
        &mut self,
        bank: BankCode,
        branches: impl IntoIterator<Item = BranchEntry>,
    ) {
        self.branches
            .insert(bank, branches.into_iter().map(|b| (b.code, b)).collect());
    }

    /// Whether the branch list of `bank` has been loaded.
    pub fn branches_loaded(&self, bank: BankCode) -> bool {
        self.branches.contains_key(&bank)
    }

    /// All banks, in code order (for the typeahead, see [`super::flow::bank_matches`]).
    pub fn banks(&self) -> impl Iterator<Item = &BankEntry> {
        self.banks.values()
    }
}

impl BankDirectory for MemoryDirectory {
    fn bank(&self, code: BankCode) -> Option<BankEntry> {
        self.banks.get(&code).cloned()
    }

    fn branch(&self, bank: BankCode, branch: BranchCode) -> BranchLookup {
        match self.branches.get(&bank) {
            None => BranchLookup::NotLoaded,
            Some(list) => list
                .get(&branch)
                .cloned()
                .map_or(BranchLookup::Missing, BranchLookup::Found),
        }
    }

    fn data_date(&self) -> &str {
        &self.data_date
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn bank(code: &str, name: &str) -> BankEntry {
        BankEntry {
            code: BankCode::parse(code).unwrap(),
            name: name.into(),
            kana: name.into(),
        }
    }

    fn branch(code: &str, name: &str) -> BranchEntry {
        BranchEntry {
            code: BranchCode::parse(code).unwrap(),
            name: name.into(),
            kana: name.into(),
        }
    }

    #[test]
    fn memory_directory_loads_branches_lazily() {
        let mut dir = MemoryDirectory::new("2026-08-24");
        dir.insert_bank(bank("0001", "みずほ"));
        dir.insert_bank(bank("9900", "ゆうちょ"));
        let mizuho = BankCode::parse("0001").unwrap();
        let b001 = BranchCode::parse("001").unwrap();
        assert_eq!(dir.data_date(), "2026-08-24");
        assert_eq!(dir.bank(mizuho).unwrap().name, "みずほ");
        assert_eq!(dir.bank(BankCode::parse("0002").unwrap()), None);
        assert_eq!(dir.branch(mizuho, b001), BranchLookup::NotLoaded);
        assert!(!dir.branches_loaded(mizuho));
        dir.load_branches(mizuho, [branch("001", "東京営業部")]);
        assert!(dir.branches_loaded(mizuho));
        assert_eq!(
            dir.branch(mizuho, b001),
            BranchLookup::Found(branch("001", "東京営業部"))
        );
        // A branch merged away is simply absent from the current list.
        assert_eq!(
            dir.branch(mizuho, BranchCode::parse("123").unwrap()),
            BranchLookup::Missing
        );
        assert_eq!(
            dir.banks().map(|b| b.code.as_str()).collect::<Vec<_>>(),
            ["0001", "9900"]
        );
    }
}
