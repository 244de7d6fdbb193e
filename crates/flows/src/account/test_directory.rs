//! A tiny hand-written bank directory for tests (not real data): two banks with a few branches,
//! one bank whose branch list is "not loaded", and a branch code that existed before a merger
//! and is absent now.

use alloc::string::String;

use super::{BankCode, BankDirectory, BankEntry, BranchCode, BranchEntry, BranchLookup};

pub(crate) struct TestDirectory;

impl TestDirectory {
    /// A branch of bank 0001 that was merged away: absent from the data.
    pub(crate) const MERGED_BRANCH: &'static str = "123";

    pub(crate) fn new() -> Self {
        Self
    }
}

fn entry(code: &str, name: &str, kana: &str) -> Option<(String, String, String)> {
    Some((code.into(), name.into(), kana.into()))
}

impl BankDirectory for TestDirectory {
    fn bank(&self, code: BankCode) -> Option<BankEntry> {
        let (c, name, kana) = match code.as_str() {
            "0001" => entry("0001", "みずほ", "ﾐｽﾞﾎ"),
            "0005" => entry("0005", "三菱ＵＦＪ", "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ"),
            "9900" => entry("9900", "ゆうちょ", "ﾕｳﾁﾖ"),
            _ => None,
        }?;
        Some(BankEntry {
            code: BankCode::parse(&c).ok()?,
            name,
            kana,
        })
    }

    fn branch(&self, bank: BankCode, branch: BranchCode) -> BranchLookup {
        let found = match (bank.as_str(), branch.as_str()) {
            ("0005", _) => return BranchLookup::NotLoaded,
            ("0001", "001") => entry("001", "東京営業部", "ﾄｳｷﾖｳ"),
            ("0001", "004") => entry("004", "丸の内中央", "ﾏﾙﾉｳﾁﾁﾕｳｵｳ"),
            ("9900", "058") => entry("058", "〇五八", "ｾﾞﾛｺﾞﾊﾁ"),
            ("9900", "019") => entry("019", "〇一九", "ｾﾞﾛｲﾁｷﾕｳ"),
            ("9900", "408") => entry("408", "四〇八", "ﾖﾝｾﾞﾛﾊﾁ"),
            _ => None,
        };
        match found.and_then(|(c, name, kana)| {
            Some(BranchEntry {
                code: BranchCode::parse(&c).ok()?,
                name,
                kana,
            })
        }) {
            Some(entry) => BranchLookup::Found(entry),
            None => BranchLookup::Missing,
        }
    }

    fn data_date(&self) -> &str {
        "test"
    }
}
