//! 公金受取口座 account rules (flows.md §2.2–§2.5) and the account flow (§2.6).
//!
//! The same code serves the app (live validation, preview, copy sheet) and relying parties that
//! receive account data (`mynaweb account check|kana|yucho`). Bank and branch existence is asked
//! of a [`BankDirectory`] the caller plugs in; without one, the shapes are checked and the result
//! says that existence was not checked.

mod directory;
mod fields;
pub mod flow;
mod kana;
mod own_name;
mod yucho;

use alloc::vec::Vec;

pub use directory::{BankDirectory, BankEntry, BranchEntry, BranchLookup, MemoryDirectory};
pub use fields::{AccountNumber, AccountType, AccountTypeError, BankCode, BranchCode, DigitsError};
pub use kana::{is_zengin, to_zengin, KanaError, ZenginName};
pub use own_name::{
    check_own_name, check_typed_surname, may_continue, OwnNameFinding, SurnameFinding,
};
pub use yucho::{convert_yucho, soft_check_digit, YuchoAccount, YuchoError};

/// Why the account is being checked: a missing branch means different things (flows.md §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckPurpose {
    /// Entering a new account (register / change, A3–A5): a missing branch is an input mistake.
    Register,
    /// Re-validating an account copied from Mynaportal (confirm mode, A8): a missing branch means
    /// the registration may have become invalid after a merger (flows.md §2.1, §2.5).
    Confirm,
}

/// One thing wrong with the account data; each names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountProblem {
    /// 金融機関コード malformed.
    #[error("{0}")]
    BankCode(DigitsError),
    /// 支店コード malformed.
    #[error("{0}")]
    BranchCode(DigitsError),
    /// 預金種目 not eligible.
    #[error("{0}")]
    AccountType(AccountTypeError),
    /// 口座番号 malformed.
    #[error("{0}")]
    Number(DigitsError),
    /// 口座名義 has a character with no Zengin form (flows.md §8 E14).
    #[error("{0}")]
    Holder(KanaError),
    /// 記号・番号 cannot be converted (flows.md §2.4).
    #[error("{0}")]
    Yucho(YuchoError),
    /// The bank code is not in current data.
    #[error("bank code {0} does not exist in the bank data")]
    UnknownBank(BankCode),
    /// Register mode: the branch code is not under that bank in current data.
    #[error("branch {branch} does not exist under bank {bank} in the bank data")]
    UnknownBranch {
        /// The bank.
        bank: BankCode,
        /// The branch asked for.
        branch: BranchCode,
    },
    /// Confirm mode: the registered branch is gone from current data, so the registration may be
    /// invalid after a merger (flows.md §2.5 "Staleness handling"; §2.1 merger rule).
    #[error("branch {branch} of bank {bank} is no longer in the bank data; the account may have become invalid after a branch merger")]
    BranchGone {
        /// The bank.
        bank: BankCode,
        /// The registered branch.
        branch: BranchCode,
    },
    /// ゆうちょ銀行 (9900): the branch and the type disagree. A 店番 ending in 8 holds 通常貯金
    /// (普通) accounts and one ending in 9 振替口座 (当座), flows.md §2.4 steps 2–3; every 9900
    /// branch of the bundled data ends in 8 (66) or 9 (28).
    #[error("branch {branch} of bank 9900 holds {} accounts only (a ゆうちょ 店番 ending in 8 is futsu, in 9 toza)", .expected.cli_name())]
    YuchoBranchType {
        /// The branch.
        branch: BranchCode,
        /// The only type its accounts have.
        expected: AccountType,
    },
}

/// The type every account of a ゆうちょ銀行 branch has, from the 店番's last digit (flows.md
/// §2.4: `a b 8` → 普通, `a b 9` → 当座); `None` for another bank or digit.
///
/// | bank | 店番      | 種目 |
/// |------|-----------|------|
/// | 9900 | `_ _ 8`   | 普通 |
/// | 9900 | `_ _ 9`   | 当座 |
pub fn yucho_branch_type(bank: BankCode, branch: BranchCode) -> Option<AccountType> {
    if bank != BankCode::JAPAN_POST_BANK {
        return None;
    }
    match branch.as_str().as_bytes().last() {
        Some(b'8') => Some(AccountType::Futsu),
        Some(b'9') => Some(AccountType::Toza),
        _ => None,
    }
}

/// [`AccountProblem::YuchoBranchType`] when the type is not the one the branch holds.
pub(crate) fn yucho_type_problem(
    bank: BankCode,
    branch: BranchCode,
    account_type: AccountType,
) -> Option<AccountProblem> {
    yucho_branch_type(bank, branch)
        .filter(|expected| *expected != account_type)
        .map(|expected| AccountProblem::YuchoBranchType { branch, expected })
}

/// Something the user should see that does not stop the account from being used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccountNote {
    /// No directory was given: bank and branch existence were not checked.
    DirectoryNotChecked,
    /// The bank's branch file has not been loaded yet: the branch was not checked.
    BranchListNotLoaded,
    /// ゆうちょ soft check digit disagrees: "番号をもう一度ご確認ください" (flows.md §2.4 step 5).
    YuchoCheckDigitDisagrees,
}

/// The raw account fields as typed or received.
#[derive(Debug, Clone, Copy)]
pub struct AccountInput<'a> {
    /// 金融機関コード.
    pub bank: &'a str,
    /// 支店コード.
    pub branch: &'a str,
    /// 預金種目 (`futsu`/`toza`/`普通`/`当座`).
    pub account_type: &'a str,
    /// 口座番号.
    pub number: &'a str,
    /// 口座名義 (kana in any width, hiragana, Latin).
    pub holder: &'a str,
}

/// Account data that passed every rule, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAccount {
    /// 金融機関コード.
    pub bank: BankCode,
    /// The bank as the directory names it (when a directory was given).
    pub bank_entry: Option<BankEntry>,
    /// 支店コード.
    pub branch: BranchCode,
    /// The branch as the directory names it (when found).
    pub branch_entry: Option<BranchEntry>,
    /// 預金種目.
    pub account_type: AccountType,
    /// 口座番号, 7 digits.
    pub number: AccountNumber,
    /// 口座名義 in Zengin form.
    pub holder: ZenginName,
    /// Non-blocking notes.
    pub notes: Vec<AccountNote>,
}

/// Checks every field (flows.md §2.2) and, with a directory, bank and branch existence
/// (§2.5). Returns all problems at once so the form can mark every field.
pub fn check_account(
    input: &AccountInput<'_>,
    directory: Option<&dyn BankDirectory>,
    purpose: CheckPurpose,
) -> Result<CheckedAccount, Vec<AccountProblem>> {
    let mut problems = Vec::new();
    let bank = BankCode::parse(input.bank)
        .map_err(|e| problems.push(AccountProblem::BankCode(e)))
        .ok();
    let branch = BranchCode::parse(input.branch)
        .map_err(|e| problems.push(AccountProblem::BranchCode(e)))
        .ok();
    let account_type = AccountType::parse(input.account_type)
        .map_err(|e| problems.push(AccountProblem::AccountType(e)))
        .ok();
    let number = AccountNumber::parse_padded(input.number)
        .map_err(|e| problems.push(AccountProblem::Number(e)))
        .ok();
    let holder = to_zengin(input.holder)
        .map_err(|e| problems.push(AccountProblem::Holder(e)))
        .ok();

    if let (Some(bank), Some(branch), Some(account_type)) = (bank, branch, account_type) {
        problems.extend(yucho_type_problem(bank, branch, account_type));
    }
    let mut notes = Vec::new();
    let mut bank_entry = None;
    let mut branch_entry = None;
    if let (Some(bank), Some(branch)) = (bank, branch) {
        match look_up(bank, branch, directory, purpose) {
            Ok((bank_found, branch_found, note)) => {
                bank_entry = bank_found;
                branch_entry = branch_found;
                notes.extend(note);
            }
            Err(problem) => problems.push(problem),
        }
    }
    match (bank, branch, account_type, number, holder) {
        (Some(bank), Some(branch), Some(account_type), Some(number), Some(holder))
            if problems.is_empty() =>
        {
            Ok(CheckedAccount {
                bank,
                bank_entry,
                branch,
                branch_entry,
                account_type,
                number,
                holder,
                notes,
            })
        }
        _ => Err(problems),
    }
}

type Found = (Option<BankEntry>, Option<BranchEntry>, Option<AccountNote>);

fn look_up(
    bank: BankCode,
    branch: BranchCode,
    directory: Option<&dyn BankDirectory>,
    purpose: CheckPurpose,
) -> Result<Found, AccountProblem> {
    let Some(directory) = directory else {
        return Ok((None, None, Some(AccountNote::DirectoryNotChecked)));
    };
    let Some(bank_entry) = directory.bank(bank) else {
        return Err(AccountProblem::UnknownBank(bank));
    };
    match directory.branch(bank, branch) {
        BranchLookup::Found(entry) => Ok((Some(bank_entry), Some(entry), None)),
        BranchLookup::NotLoaded => Ok((
            Some(bank_entry),
            None,
            Some(AccountNote::BranchListNotLoaded),
        )),
        BranchLookup::Missing => Err(match purpose {
            CheckPurpose::Register => AccountProblem::UnknownBranch { bank, branch },
            CheckPurpose::Confirm => AccountProblem::BranchGone { bank, branch },
        }),
    }
}

/// A converted ゆうちょ account, checked against the directory when one is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedYucho {
    /// The conversion of flows.md §2.4.
    pub account: YuchoAccount,
    /// The 9900 branch from the directory (flows.md §2.4 step 6), when found.
    pub branch_entry: Option<BranchEntry>,
    /// Non-blocking notes (soft check digit, directory not checked).
    pub notes: Vec<AccountNote>,
}

/// Converts 記号・番号 (flows.md §2.4 steps 1–5) and validates the resulting 店番 against the
/// 9900 branch list (step 6) when a directory is given.
pub fn check_yucho(
    kigou: &str,
    bangou: &str,
    directory: Option<&dyn BankDirectory>,
    purpose: CheckPurpose,
) -> Result<CheckedYucho, AccountProblem> {
    let account = convert_yucho(kigou, bangou).map_err(AccountProblem::Yucho)?;
    let mut notes = Vec::new();
    if !account.check_digit_agrees {
        notes.push(AccountNote::YuchoCheckDigitDisagrees);
    }
    let (_, branch_entry, note) = look_up(account.bank, account.branch, directory, purpose)?;
    notes.extend(note);
    Ok(CheckedYucho {
        account,
        branch_entry,
        notes,
    })
}

#[cfg(test)]
pub(crate) mod test_directory;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::test_directory::TestDirectory;
    use super::*;

    fn input<'a>(
        bank: &'a str,
        branch: &'a str,
        number: &'a str,
        holder: &'a str,
    ) -> AccountInput<'a> {
        AccountInput {
            bank,
            branch,
            account_type: "futsu",
            number,
            holder,
        }
    }

    #[test]
    fn accepts_and_normalises_an_ordinary_account() {
        let dir = TestDirectory::new();
        let checked = check_account(
            &input("０００１", "001", "１２３", "ヤマダ　タロウ"),
            Some(&dir),
            CheckPurpose::Register,
        )
        .unwrap();
        assert_eq!(checked.bank.as_str(), "0001");
        assert_eq!(checked.bank_entry.unwrap().kana, "ﾐｽﾞﾎ");
        assert_eq!(checked.branch_entry.unwrap().name, "東京営業部");
        assert_eq!(checked.number.as_str(), "0000123");
        assert_eq!(checked.holder.as_str(), "ﾔﾏﾀﾞ ﾀﾛｳ");
        assert_eq!(checked.notes, Vec::new());
    }

    #[test]
    fn a_yucho_branch_and_type_must_agree() {
        let dir = TestDirectory::new();
        let check = |branch: &str, account_type: &str| {
            check_account(
                &AccountInput {
                    bank: "9900",
                    branch,
                    account_type,
                    number: "1234567",
                    holder: "ﾔﾏﾀﾞ",
                },
                Some(&dir),
                CheckPurpose::Register,
            )
        };
        // 058 is a 通常貯金 branch (…8, 普通) and 019 a 振替口座 branch (…9, 当座).
        assert_eq!(check("058", "futsu").unwrap().branch.as_str(), "058");
        assert_eq!(check("019", "toza").unwrap().branch.as_str(), "019");
        let branch = BranchCode::parse("058").unwrap();
        assert_eq!(
            check("058", "toza").unwrap_err(),
            vec![AccountProblem::YuchoBranchType {
                branch,
                expected: AccountType::Futsu
            }]
        );
        assert_eq!(
            check("019", "futsu").unwrap_err()[0].to_string(),
            "branch 019 of bank 9900 holds toza accounts only (a ゆうちょ 店番 ending in 8 is futsu, in 9 toza)"
        );
        // Another bank's branch ending in 8 takes either type.
        assert_eq!(
            yucho_branch_type(BankCode::parse("0001").unwrap(), branch),
            None
        );
    }

    #[test]
    fn reports_every_problem_at_once() {
        let problems = check_account(
            &AccountInput {
                bank: "01",
                branch: "1x1",
                account_type: "貯蓄",
                number: "12345678",
                holder: "山田",
            },
            None,
            CheckPurpose::Register,
        )
        .unwrap_err();
        assert_eq!(
            problems,
            vec![
                AccountProblem::BankCode(DigitsError::WrongLength {
                    field: "bank code",
                    expected: "4",
                    found: 2
                }),
                AccountProblem::BranchCode(DigitsError::NotADigit {
                    field: "branch code",
                    character: 'x'
                }),
                AccountProblem::AccountType(AccountTypeError::SavingsNotConfirmed),
                AccountProblem::Number(DigitsError::WrongLength {
                    field: "account number",
                    expected: "1–7",
                    found: 8
                }),
                AccountProblem::Holder(KanaError::CharacterNotAllowed {
                    character: '山',
                    position: 1
                }),
            ]
        );
    }

    #[test]
    fn without_directory_says_existence_was_not_checked() {
        let checked = check_account(
            &input("0001", "001", "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"),
            None,
            CheckPurpose::Register,
        )
        .unwrap();
        assert_eq!(checked.notes, vec![AccountNote::DirectoryNotChecked]);
    }

    #[test]
    fn unknown_bank_and_branch_are_problems() {
        let dir = TestDirectory::new();
        let bank = check_account(
            &input("0002", "001", "1", "ｱ"),
            Some(&dir),
            CheckPurpose::Register,
        )
        .unwrap_err();
        assert_eq!(
            bank,
            vec![AccountProblem::UnknownBank(
                BankCode::parse("0002").unwrap()
            )]
        );
        let branch = check_account(
            &input("0001", "999", "1", "ｱ"),
            Some(&dir),
            CheckPurpose::Register,
        )
        .unwrap_err();
        assert_eq!(
            branch,
            vec![AccountProblem::UnknownBranch {
                bank: BankCode::parse("0001").unwrap(),
                branch: BranchCode::parse("999").unwrap()
            }]
        );
    }

    #[test]
    fn merged_branch_in_confirm_mode_says_gone() {
        let dir = TestDirectory::new();
        let problems = check_account(
            &input("0001", TestDirectory::MERGED_BRANCH, "1", "ｱ"),
            Some(&dir),
            CheckPurpose::Confirm,
        )
        .unwrap_err();
        assert_eq!(
            problems,
            vec![AccountProblem::BranchGone {
                bank: BankCode::parse("0001").unwrap(),
                branch: BranchCode::parse(TestDirectory::MERGED_BRANCH).unwrap()
            }]
        );
    }

    #[test]
    fn branch_list_not_loaded_is_a_note() {
        let dir = TestDirectory::new();
        let checked = check_account(
            &input("0005", "001", "1", "ｱ"),
            Some(&dir),
            CheckPurpose::Register,
        )
        .unwrap();
        assert_eq!(checked.notes, vec![AccountNote::BranchListNotLoaded]);
    }

    #[test]
    fn yucho_is_checked_against_the_9900_branch_list() {
        let dir = TestDirectory::new();
        let ok = check_yucho("00160", "100001", Some(&dir), CheckPurpose::Register).unwrap();
        assert_eq!(ok.branch_entry.unwrap().name, "〇一九");
        assert_eq!(ok.notes, Vec::new());
        let warned = check_yucho("10530", "12345671", Some(&dir), CheckPurpose::Register).unwrap();
        assert_eq!(warned.notes, vec![AccountNote::YuchoCheckDigitDisagrees]);
        let missing = check_yucho("19990", "11", Some(&dir), CheckPurpose::Register).unwrap_err();
        assert_eq!(
            missing,
            AccountProblem::UnknownBranch {
                bank: BankCode::JAPAN_POST_BANK,
                branch: BranchCode::parse("998").unwrap()
            }
        );
        assert_eq!(
            check_yucho("2", "1", Some(&dir), CheckPurpose::Register),
            Err(AccountProblem::Yucho(YuchoError::KigouLength { found: 1 }))
        );
    }
}
