//! The 公金受取口座 flow: register / confirm / change (flows.md §2.6, states A0–A8).
//!
//! | State | Screen               | Card op / check                                         | Output                      |
//! |-------|----------------------|---------------------------------------------------------|-----------------------------|
//! | A0    | Intro                | own-name rule, one account, not a benefit application   | —                           |
//! | A1    | Read identity        | the app reads the 4-items file (card-info PIN) only     | kanji name (+ kana if any)  |
//! | A2    | Mode                 | register / confirm / change                             | —                           |
//! | A3    | Bank picker          | typeahead ([`bank_matches`]); ゆうちょ shortcut → A3y    | bank code                   |
//! | A3y   | ゆうちょ input        | 記号・番号 → §2.4 conversion                             | branch, type, number        |
//! | A4    | Branch, type, number | §2.2 rules, branch must exist under the bank (§2.5)     | —                           |
//! | A5    | Holder kana          | Zengin normalisation + preview; own-name check §2.3     | warnings                    |
//! | A6    | Review               | all fields + the required own-name statement           | —                           |
//! | A7    | Hand-off             | copy sheet in Mynaportal's field order                  | printable; nothing stored   |
//! | A8    | Confirm mode         | re-validate what Mynaportal shows against current data | looks fine / needs change   |
//!
//! The directory is passed to every [`AccountFlow::reduce`] call (the app's bundled data); a
//! branch list that is not loaded yet leaves the flow where it is with
//! [`FlowProblem::BranchListNotLoaded`], so the app fetches it and repeats the action.

use alloc::string::String;
use alloc::vec::Vec;

use super::{
    check_account, check_own_name, check_typed_surname, check_yucho, to_zengin, AccountInput,
    AccountNote, AccountNumber, AccountProblem, AccountType, BankCode, BankDirectory, BankEntry,
    BranchCode, BranchEntry, BranchLookup, CheckPurpose, OwnNameFinding, SurnameFinding,
    ZenginName,
};

/// register / confirm / change (A2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountMode {
    /// Register a first account.
    Register,
    /// Check the account Mynaportal shows.
    Confirm,
    /// Change to another account.
    Change,
}

/// What the card's 4-items file gave (A1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Name as registered (kanji), always shown before any registration step (E13).
    pub name: String,
    /// Kana reading, on post-reform cards only (flows.md §0.4; location **VERIFY** §9.3).
    pub reading: Option<String>,
}

/// The screens A0–A8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccountStep {
    /// A0.
    Intro,
    /// A1.
    ReadIdentity,
    /// A2.
    Mode,
    /// A3.
    BankPicker,
    /// A3y.
    YuchoInput,
    /// A4.
    BranchTypeNumber,
    /// A5.
    HolderKana,
    /// A6.
    Review,
    /// A7.
    HandOff,
    /// A8.
    Confirm,
}

/// What went wrong with the last action (shown next to the field).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowProblem {
    /// One or more field rules.
    Account(Vec<AccountProblem>),
    /// The bank's branch file is not loaded: fetch it and repeat the action.
    BranchListNotLoaded(BankCode),
    /// The own-name statement was not given (A6).
    StatementRequired,
}

/// The outcome of the confirm mode (A8).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfirmVerdict {
    /// Every rule passes, the branch exists and no reading on the card differs from the holder
    /// (a card without a reading cannot be compared: the app says so beside the verdict).
    LooksFine,
    /// Something needs a change (branch gone after a merger, malformed field) or a look (own
    /// name); switch to change mode.
    NeedsChange {
        /// Rule problems (empty when only the own-name check warns).
        problems: Vec<AccountProblem>,
        /// The own-name finding, when the holder name could be read.
        own_name: Option<OwnNameFinding>,
    },
}

/// Account values gathered so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountValues {
    /// Bank.
    pub bank: Option<BankEntry>,
    /// Branch (from the directory).
    pub branch: Option<BranchEntry>,
    /// Type.
    pub account_type: Option<AccountType>,
    /// Number (7 digits).
    pub number: Option<AccountNumber>,
    /// Holder name, Zengin form (the preview "銀行ではこう表示されます").
    pub holder: Option<ZenginName>,
}

/// The flow state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFlow {
    /// The screen.
    pub step: AccountStep,
    /// The mode chosen in A2.
    pub mode: Option<AccountMode>,
    /// Identity from A1.
    pub identity: Option<Identity>,
    /// Values so far.
    pub values: AccountValues,
    /// Own-name finding for the current holder name (A5).
    pub own_name: Option<OwnNameFinding>,
    /// Without a card reading: the typed surname reading compared with the holder (§2.3 option 3).
    pub surname_check: Option<SurnameFinding>,
    /// The explicit statement "この口座は私本人の名義です" (A6).
    pub own_name_statement: bool,
    /// Non-blocking notes (e.g. the ゆうちょ soft check digit).
    pub notes: Vec<AccountNote>,
    /// The problem of the last action, if it was refused.
    pub problem: Option<FlowProblem>,
    /// The confirm-mode verdict (A8).
    pub verdict: Option<ConfirmVerdict>,
    /// The branch, type and number came from the ゆうちょ 記号・番号 screen (A3y), so Back from
    /// the holder name (A5) returns there rather than to A4.
    pub by_kigou: bool,
    /// The surname reading typed on A5 (card without a reading, §2.3 option 3), kept so that
    /// the comparison follows a holder name edited afterwards.
    pub surname_reading: Option<String>,
}

impl Default for AccountFlow {
    fn default() -> Self {
        Self {
            step: AccountStep::Intro,
            mode: None,
            identity: None,
            values: AccountValues::default(),
            own_name: None,
            surname_check: None,
            own_name_statement: false,
            notes: Vec::new(),
            problem: None,
            verdict: None,
            by_kigou: false,
            surname_reading: None,
        }
    }
}

/// Actions on the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccountAction {
    /// A0 → A1.
    Begin,
    /// A1: the app read the 4-items file.
    IdentityRead(Identity),
    /// A2: the mode.
    ChooseMode(AccountMode),
    /// A3: a bank from the typeahead.
    ChooseBank(BankCode),
    /// A3: the ゆうちょ 記号・番号 shortcut.
    ChooseYuchoByKigou,
    /// A3y: 記号 and 番号.
    EnterYucho {
        /// 記号.
        kigou: String,
        /// 番号.
        bangou: String,
    },
    /// A4: branch code, type and number.
    EnterBranchTypeNumber {
        /// 支店コード.
        branch: String,
        /// 預金種目.
        account_type: String,
        /// 口座番号.
        number: String,
    },
    /// A5: the holder name as typed (live preview).
    EnterHolder(String),
    /// A5, card without a reading: the surname reading the user types ("お名前の読み").
    EnterSurnameReading(String),
    /// A5 → A6.
    ContinueToReview,
    /// A6: tick or untick the own-name statement.
    SetOwnNameStatement(bool),
    /// A6 → A7.
    ConfirmReview,
    /// A8: what Mynaportal shows, as copied.
    CheckRegistered {
        /// 金融機関コード.
        bank: String,
        /// 支店コード.
        branch: String,
        /// 預金種目.
        account_type: String,
        /// 口座番号.
        number: String,
        /// 口座名義.
        holder: String,
    },
    /// A8 → A3 in change mode (after "needs change").
    SwitchToChange,
    /// One screen back.
    Back,
}

/// The action does not apply to the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this action does not apply to the current screen")]
pub struct ActionNotApplicable;

/// A line of the copy sheet (A7), in Mynaportal's field order (flows.md §2.6 A7).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CopySheetLine {
    /// 金融機関 (code and name).
    Bank {
        /// Code.
        code: BankCode,
        /// Name.
        name: String,
    },
    /// 支店 (code and name).
    Branch {
        /// Code.
        code: BranchCode,
        /// Name.
        name: String,
    },
    /// 預金種目.
    AccountType(AccountType),
    /// 口座番号.
    Number(AccountNumber),
    /// 口座名義（カナ）.
    Holder(ZenginName),
}

/// How a bank or branch name is compared in the typeahead: full-width letters and digits folded
/// to ASCII and letters upper-cased, on both sides — the data writes `三菱ＵＦＪ`, `ＰａｙＰａｙ`,
/// `ａｕじぶん`, people type `UFJ`, `paypay`, `ａｕ`.
pub fn name_search_key(text: &str) -> String {
    crate::text::fold_and_trim(text)
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Endings people type that the zengin-code bank names (flows.md §2.5) leave out or shorten:
/// the data writes `みずほ`, `城南信金`, `ＰａｙＰａｙ` for みずほ銀行, 城南信用金庫, PayPay銀行.
///
/// | typed ending                      | as the data writes it |
/// |-----------------------------------|-----------------------|
/// | 銀行, ぎんこう, ギンコウ, BANK     | (nothing)             |
/// | 信用金庫                           | 信金                  |
/// | 信用組合                           | 信組                  |
/// | 労働金庫                           | 労金                  |
/// | 農業協同組合                       | 農協                  |
const BANK_QUERY_ENDINGS: [(&str, &str); 8] = [
    ("銀行", ""),
    ("ぎんこう", ""),
    ("ギンコウ", ""),
    ("BANK", ""),
    ("信用金庫", "信金"),
    ("信用組合", "信組"),
    ("労働金庫", "労金"),
    ("農業協同組合", "農協"),
];

/// Endings people type that the branch names leave out: `新宿支店` is `新宿` in the data.
const BRANCH_QUERY_ENDINGS: [(&str, &str); 3] = [("支店", ""), ("してん", ""), ("シテン", "")];

fn query_key(query: &str, endings: &[(&str, &str)]) -> String {
    let key = name_search_key(query);
    for (ending, written) in endings {
        if let Some(stem) = key.strip_suffix(ending) {
            let stem = stem.trim_end();
            if !stem.is_empty() {
                return alloc::format!("{stem}{written}");
            }
        }
    }
    key
}

/// A typed bank query as the data would write it: [`name_search_key`], then a trailing word of
/// the `BANK_QUERY_ENDINGS` table replaced (`みずほ銀行` → `みずほ`).
pub fn bank_query_key(query: &str) -> String {
    query_key(query, &BANK_QUERY_ENDINGS)
}

/// A typed branch query as the data would write it (`新宿支店` → `新宿`).
pub fn branch_query_key(query: &str) -> String {
    query_key(query, &BRANCH_QUERY_ENDINGS)
}

/// Typeahead match of a bank by code prefix, name, or kana/hiragana reading (flows.md §2.2:
/// "typeahead by name/kana is the primary input"), the query taken as [`bank_query_key`].
pub fn bank_matches(bank: &BankEntry, query: &str) -> bool {
    let query = bank_query_key(query);
    if query.is_empty() {
        return false;
    }
    if query.bytes().all(|b| b.is_ascii_digit()) {
        return bank.code.as_str().starts_with(query.as_str());
    }
    if name_search_key(&bank.name).contains(query.as_str()) {
        return true;
    }
    match (to_zengin(&query), to_zengin(&bank.kana)) {
        (Ok(q), Ok(kana)) => kana.without_spaces().contains(q.without_spaces().as_str()),
        _ => false,
    }
}

impl AccountFlow {
    /// Applies an action with the app's bank directory.
    pub fn reduce(
        mut self,
        action: AccountAction,
        directory: &dyn BankDirectory,
    ) -> Result<Self, ActionNotApplicable> {
        use AccountAction as A;
        use AccountStep as S;
        self.problem = None;
        match (self.step, action) {
            (S::Intro, A::Begin) => self.step = S::ReadIdentity,
            (S::ReadIdentity, A::IdentityRead(identity)) => {
                self.identity = Some(identity);
                self.step = S::Mode;
            }
            (S::Mode, A::ChooseMode(mode)) => {
                self.mode = Some(mode);
                self.step = if mode == AccountMode::Confirm {
                    S::Confirm
                } else {
                    S::BankPicker
                };
            }
            (S::BankPicker, A::ChooseBank(code)) => match directory.bank(code) {
                Some(bank) => {
                    self.values = AccountValues {
                        bank: Some(bank),
                        ..AccountValues::default()
                    };
                    self.notes.clear();
                    self.by_kigou = false;
                    self.step = S::BranchTypeNumber;
                }
                None => {
                    self.problem = Some(FlowProblem::Account(alloc::vec![
                        AccountProblem::UnknownBank(code)
                    ]))
                }
            },
            (S::BankPicker, A::ChooseYuchoByKigou) => {
                self.values = AccountValues {
                    bank: directory.bank(BankCode::JAPAN_POST_BANK),
                    ..AccountValues::default()
                };
                self.notes.clear();
                self.step = S::YuchoInput;
            }
            (S::YuchoInput, A::EnterYucho { kigou, bangou }) => {
                match check_yucho(&kigou, &bangou, Some(directory), CheckPurpose::Register) {
                    Ok(checked) if checked.notes.contains(&AccountNote::BranchListNotLoaded) => {
                        self.problem =
                            Some(FlowProblem::BranchListNotLoaded(BankCode::JAPAN_POST_BANK));
                    }
                    Ok(checked) => {
                        self.by_kigou = true;
                        self.values.branch = checked.branch_entry;
                        self.values.account_type = Some(checked.account.account_type);
                        self.values.number = Some(checked.account.number);
                        self.notes = checked.notes;
                        self.step = S::HolderKana;
                    }
                    Err(problem) => self.problem = Some(FlowProblem::Account(alloc::vec![problem])),
                }
            }
            (
                S::BranchTypeNumber,
                A::EnterBranchTypeNumber {
                    branch,
                    account_type,
                    number,
                },
            ) => {
                self.enter_branch_type_number(&branch, &account_type, &number, directory);
            }
            (S::HolderKana, A::EnterHolder(text)) => match to_zengin(&text) {
                Ok(holder) => {
                    let reading = self.identity.as_ref().and_then(|i| i.reading.as_deref());
                    let own_name = check_own_name(reading, &holder);
                    // A surname reading already typed is compared with the new holder name.
                    self.surname_check = match &self.surname_reading {
                        Some(typed) if own_name == OwnNameFinding::NoReading => {
                            Some(check_typed_surname(typed, &holder))
                        }
                        _ => None,
                    };
                    self.own_name = Some(own_name);
                    self.values.holder = Some(holder);
                }
                Err(error) => {
                    self.values.holder = None;
                    self.own_name = None;
                    self.surname_check = None;
                    self.problem = Some(FlowProblem::Account(alloc::vec![AccountProblem::Holder(
                        error
                    )]));
                }
            },
            (S::HolderKana, A::EnterSurnameReading(typed))
                if self.own_name == Some(OwnNameFinding::NoReading) =>
            {
                if let Some(holder) = &self.values.holder {
                    self.surname_check = Some(check_typed_surname(&typed, holder));
                }
                self.surname_reading = Some(typed);
            }
            (S::HolderKana, A::ContinueToReview) if self.values.holder.is_some() => {
                self.own_name_statement = false;
                self.step = S::Review;
            }
            (S::Review, A::SetOwnNameStatement(on)) => self.own_name_statement = on,
            (S::Review, A::ConfirmReview) => {
                if self.own_name_statement {
                    self.step = S::HandOff;
                } else {
                    self.problem = Some(FlowProblem::StatementRequired);
                }
            }
            (
                S::Confirm,
                A::CheckRegistered {
                    bank,
                    branch,
                    account_type,
                    number,
                    holder,
                },
            ) => {
                let input = AccountInput {
                    bank: &bank,
                    branch: &branch,
                    account_type: &account_type,
                    number: &number,
                    holder: &holder,
                };
                let reading = self.identity.as_ref().and_then(|i| i.reading.as_deref());
                let checked = check_account(&input, Some(directory), CheckPurpose::Confirm);
                // A branch that was not checked cannot "look fine": the app loads the bank's
                // branch file and repeats the action.
                if let Ok(account) = &checked {
                    if account.notes.contains(&AccountNote::BranchListNotLoaded) {
                        self.verdict = None;
                        self.problem = Some(FlowProblem::BranchListNotLoaded(account.bank));
                        return Ok(self);
                    }
                }
                self.verdict = Some(match checked {
                    Ok(account) => {
                        let own_name = check_own_name(reading, &account.holder);
                        // Only a reading that differs is a finding; a card without a reading
                        // (every card before the furigana reform, flows.md §0.4) proves nothing
                        // either way, and "needs change" would be false for a valid account.
                        if matches!(own_name, OwnNameFinding::ReadingDiffers { .. }) {
                            ConfirmVerdict::NeedsChange {
                                problems: Vec::new(),
                                own_name: Some(own_name),
                            }
                        } else {
                            ConfirmVerdict::LooksFine
                        }
                    }
                    Err(problems) => {
                        let own_name = to_zengin(&holder).ok().map(|h| check_own_name(reading, &h));
                        ConfirmVerdict::NeedsChange { problems, own_name }
                    }
                });
            }
            (S::Confirm, A::SwitchToChange)
                if matches!(self.verdict, Some(ConfirmVerdict::NeedsChange { .. })) =>
            {
                self.mode = Some(AccountMode::Change);
                self.verdict = None;
                self.step = S::BankPicker;
            }
            (S::HolderKana, A::Back) if self.by_kigou => self.step = S::YuchoInput,
            (S::HolderKana, A::Back) => self.step = S::BranchTypeNumber,
            (step, A::Back) => self.step = back_of(step),
            _ => return Err(ActionNotApplicable),
        }
        Ok(self)
    }

    fn enter_branch_type_number(
        &mut self,
        branch: &str,
        account_type: &str,
        number: &str,
        directory: &dyn BankDirectory,
    ) {
        let Some(bank) = self.values.bank.as_ref().map(|b| b.code) else {
            self.step = AccountStep::BankPicker;
            return;
        };
        let mut problems = Vec::new();
        let branch_code = BranchCode::parse(branch)
            .map_err(|e| problems.push(AccountProblem::BranchCode(e)))
            .ok();
        let kind = AccountType::parse(account_type)
            .map_err(|e| problems.push(AccountProblem::AccountType(e)))
            .ok();
        let number = AccountNumber::parse_padded(number)
            .map_err(|e| problems.push(AccountProblem::Number(e)))
            .ok();
        if let (Some(code), Some(kind)) = (branch_code, kind) {
            problems.extend(super::yucho_type_problem(bank, code, kind));
        }
        let mut entry = None;
        if let Some(code) = branch_code {
            match directory.branch(bank, code) {
                BranchLookup::Found(found) => entry = Some(found),
                BranchLookup::Missing => {
                    problems.push(AccountProblem::UnknownBranch { bank, branch: code })
                }
                BranchLookup::NotLoaded => {
                    self.problem = Some(FlowProblem::BranchListNotLoaded(bank));
                    return;
                }
            }
        }
        if !problems.is_empty() {
            self.problem = Some(FlowProblem::Account(problems));
            return;
        }
        self.values.branch = entry;
        self.values.account_type = kind;
        self.values.number = number;
        self.step = AccountStep::HolderKana;
    }

    /// The copy sheet (A7): large-print values in Mynaportal's field order; `None` before A7.
    pub fn copy_sheet(&self) -> Option<Vec<CopySheetLine>> {
        if self.step != AccountStep::HandOff {
            return None;
        }
        let v = &self.values;
        let bank = v.bank.as_ref()?;
        let branch = v.branch.as_ref()?;
        Some(alloc::vec![
            CopySheetLine::Bank {
                code: bank.code,
                name: bank.name.clone()
            },
            CopySheetLine::Branch {
                code: branch.code,
                name: branch.name.clone()
            },
            CopySheetLine::AccountType(v.account_type?),
            CopySheetLine::Number(v.number?),
            CopySheetLine::Holder(v.holder.clone()?),
        ])
    }
}

fn back_of(step: AccountStep) -> AccountStep {
    use AccountStep as S;
    match step {
        S::Intro | S::ReadIdentity => S::Intro,
        S::Mode => S::ReadIdentity,
        S::BankPicker | S::Confirm => S::Mode,
        // A5 goes back to where its values were entered (A4 or A3y), see `reduce`.
        S::YuchoInput | S::BranchTypeNumber | S::HolderKana => S::BankPicker,
        S::Review => S::HolderKana,
        S::HandOff => S::Review,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::test_directory::TestDirectory;
    use super::*;
    use alloc::vec;
    use AccountAction as A;

    fn run(flow: AccountFlow, actions: Vec<AccountAction>) -> AccountFlow {
        let dir = TestDirectory::new();
        actions
            .into_iter()
            .fold(flow, |f, a| f.reduce(a, &dir).unwrap())
    }

    fn identity(reading: Option<&str>) -> Identity {
        Identity {
            name: "山田 太郎".into(),
            reading: reading.map(Into::into),
        }
    }

    fn at_bank_picker(reading: Option<&str>) -> AccountFlow {
        run(
            AccountFlow::default(),
            vec![
                A::Begin,
                A::IdentityRead(identity(reading)),
                A::ChooseMode(AccountMode::Register),
            ],
        )
    }

    fn branch_type_number(branch: &str, number: &str) -> AccountAction {
        A::EnterBranchTypeNumber {
            branch: branch.into(),
            account_type: "普通".into(),
            number: number.into(),
        }
    }

    #[test]
    fn ordinary_bank_register_to_copy_sheet() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("001", "１２３４"),
                A::EnterHolder("やまだ　たろう".into()),
            ],
        );
        assert_eq!(flow.values.holder.as_ref().unwrap().as_str(), "ﾔﾏﾀﾞ ﾀﾛｳ");
        assert_eq!(flow.own_name, Some(OwnNameFinding::NoReading));
        let flow = run(flow, vec![A::ContinueToReview]);
        let dir = TestDirectory::new();
        let refused = flow.clone().reduce(A::ConfirmReview, &dir).unwrap();
        assert_eq!(
            (refused.step, refused.problem),
            (AccountStep::Review, Some(FlowProblem::StatementRequired))
        );
        let flow = run(flow, vec![A::SetOwnNameStatement(true), A::ConfirmReview]);
        assert_eq!(flow.step, AccountStep::HandOff);
        assert_eq!(
            flow.copy_sheet().unwrap(),
            vec![
                CopySheetLine::Bank {
                    code: BankCode::parse("0001").unwrap(),
                    name: "みずほ".into()
                },
                CopySheetLine::Branch {
                    code: BranchCode::parse("001").unwrap(),
                    name: "東京営業部".into()
                },
                CopySheetLine::AccountType(AccountType::Futsu),
                CopySheetLine::Number(AccountNumber::parse("0001234").unwrap()),
                CopySheetLine::Holder(to_zengin("ﾔﾏﾀﾞ ﾀﾛｳ").unwrap()),
            ]
        );
    }

    #[test]
    fn yucho_by_kigou_fills_branch_type_and_number() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseYuchoByKigou,
                A::EnterYucho {
                    kigou: "00160".into(),
                    bangou: "0-100001".into(),
                },
            ],
        );
        assert_eq!(flow.step, AccountStep::HolderKana);
        assert_eq!(
            flow.values.bank.as_ref().unwrap().code,
            BankCode::JAPAN_POST_BANK
        );
        assert_eq!(flow.values.branch.as_ref().unwrap().name, "〇一九");
        assert_eq!(flow.values.account_type, Some(AccountType::Toza));
        assert_eq!(flow.values.number.unwrap().as_str(), "0100001");
        assert_eq!(flow.notes, vec![]);
    }

    #[test]
    fn yucho_soft_check_digit_only_warns() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseYuchoByKigou,
                A::EnterYucho {
                    kigou: "10530".into(),
                    bangou: "12345671".into(),
                },
            ],
        );
        assert_eq!(flow.step, AccountStep::HolderKana);
        assert_eq!(flow.notes, vec![AccountNote::YuchoCheckDigitDisagrees]);
    }

    #[test]
    fn yucho_invalid_shape_stays_with_problem() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseYuchoByKigou,
                A::EnterYucho {
                    kigou: "10531".into(),
                    bangou: "1".into(),
                },
            ],
        );
        assert_eq!(flow.step, AccountStep::YuchoInput);
        assert_eq!(
            flow.problem,
            Some(FlowProblem::Account(vec![AccountProblem::Yucho(
                super::super::YuchoError::KigouLastDigit
            )]))
        );
    }

    #[test]
    fn unknown_branch_and_unloaded_branch_list_keep_the_screen() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("999", "1"),
            ],
        );
        assert_eq!(flow.step, AccountStep::BranchTypeNumber);
        assert_eq!(
            flow.problem,
            Some(FlowProblem::Account(vec![AccountProblem::UnknownBranch {
                bank: BankCode::parse("0001").unwrap(),
                branch: BranchCode::parse("999").unwrap()
            }]))
        );
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseBank(BankCode::parse("0005").unwrap()),
                branch_type_number("001", "1"),
            ],
        );
        assert_eq!(
            flow.problem,
            Some(FlowProblem::BranchListNotLoaded(
                BankCode::parse("0005").unwrap()
            ))
        );
        let flow = run(
            at_bank_picker(None),
            vec![A::ChooseBank(BankCode::parse("0002").unwrap())],
        );
        assert_eq!(flow.step, AccountStep::BankPicker);
        assert_eq!(
            flow.problem,
            Some(FlowProblem::Account(vec![AccountProblem::UnknownBank(
                BankCode::parse("0002").unwrap()
            )]))
        );
    }

    #[test]
    fn holder_with_offending_character_is_named() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("001", "1"),
                A::EnterHolder("山田タロウ".into()),
            ],
        );
        assert_eq!(
            flow.problem,
            Some(FlowProblem::Account(vec![AccountProblem::Holder(
                super::super::KanaError::CharacterNotAllowed {
                    character: '山',
                    position: 1
                }
            )]))
        );
        let dir = TestDirectory::new();
        assert_eq!(
            flow.reduce(A::ContinueToReview, &dir),
            Err(ActionNotApplicable)
        );
    }

    #[test]
    fn card_without_reading_compares_a_typed_surname() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("001", "1"),
                A::EnterHolder("ﾔﾏﾀﾞ ﾀﾛｳ".into()),
                A::EnterSurnameReading("すずき".into()),
            ],
        );
        assert_eq!(
            flow.surname_check,
            Some(SurnameFinding::SurnameDiffers {
                typed: to_zengin("ｽｽﾞｷ").unwrap()
            })
        );
        let flow = run(flow, vec![A::EnterSurnameReading("やまだ".into())]);
        assert_eq!(flow.surname_check, Some(SurnameFinding::SurnameMatches));
        // A holder name edited after the reading was typed is compared again: a family
        // member's name typed last is still warned about.
        let flow = run(flow, vec![A::EnterHolder("ﾔﾏﾀﾞ ﾊﾅｺ".into())]);
        assert_eq!(flow.surname_check, Some(SurnameFinding::SurnameMatches));
        let flow = run(flow, vec![A::EnterHolder("すずき　はなこ".into())]);
        assert_eq!(
            flow.surname_check,
            Some(SurnameFinding::SurnameDiffers {
                typed: to_zengin("ﾔﾏﾀﾞ").unwrap()
            })
        );
        // An unusable holder name has nothing to compare.
        let flow = run(flow, vec![A::EnterHolder("鈴木".into())]);
        assert_eq!(flow.surname_check, None);
        // With a reading on the card the typed surname is not asked.
        let dir = TestDirectory::new();
        let with_reading = run(
            at_bank_picker(Some("ヤマダ タロウ")),
            vec![
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("001", "1"),
                A::EnterHolder("ﾔﾏﾀﾞ ﾀﾛｳ".into()),
            ],
        );
        assert_eq!(
            with_reading.reduce(A::EnterSurnameReading("やまだ".into()), &dir),
            Err(ActionNotApplicable)
        );
    }

    #[test]
    fn change_mode_walks_like_register() {
        let flow = run(
            AccountFlow::default(),
            vec![
                A::Begin,
                A::IdentityRead(identity(None)),
                A::ChooseMode(AccountMode::Change),
            ],
        );
        assert_eq!(
            (flow.step, flow.mode),
            (AccountStep::BankPicker, Some(AccountMode::Change))
        );
    }

    #[test]
    fn mismatching_reading_warns_but_statement_lets_through() {
        let flow = run(
            at_bank_picker(Some("ヤマダ ハナコ")),
            vec![
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("001", "1"),
                A::EnterHolder("ﾔﾏﾀﾞ ﾀﾛｳ".into()),
            ],
        );
        assert_eq!(
            flow.own_name,
            Some(OwnNameFinding::ReadingDiffers {
                card_reading: to_zengin("ﾔﾏﾀﾞ ﾊﾅｺ").unwrap()
            })
        );
        let flow = run(
            flow,
            vec![
                A::ContinueToReview,
                A::SetOwnNameStatement(true),
                A::ConfirmReview,
            ],
        );
        assert_eq!(flow.step, AccountStep::HandOff);
    }

    #[test]
    fn confirm_mode_looks_fine_or_needs_change_after_merger() {
        let confirm = run(
            AccountFlow::default(),
            vec![
                A::Begin,
                A::IdentityRead(identity(Some("やまだ たろう"))),
                A::ChooseMode(AccountMode::Confirm),
            ],
        );
        assert_eq!(confirm.step, AccountStep::Confirm);
        let check = |branch: &str, holder: &str| A::CheckRegistered {
            bank: "0001".into(),
            branch: branch.into(),
            account_type: "普通".into(),
            number: "1234567".into(),
            holder: holder.into(),
        };
        let fine = run(confirm.clone(), vec![check("001", "ﾔﾏﾀﾞ ﾀﾛｳ")]);
        assert_eq!(fine.verdict, Some(ConfirmVerdict::LooksFine));
        let gone = run(
            confirm.clone(),
            vec![check(TestDirectory::MERGED_BRANCH, "ﾔﾏﾀﾞ ﾀﾛｳ")],
        );
        assert_eq!(
            gone.verdict,
            Some(ConfirmVerdict::NeedsChange {
                problems: vec![AccountProblem::BranchGone {
                    bank: BankCode::parse("0001").unwrap(),
                    branch: BranchCode::parse(TestDirectory::MERGED_BRANCH).unwrap()
                }],
                own_name: Some(OwnNameFinding::ReadingMatches)
            })
        );
        // Without a reading on the card, a valid account still looks fine (nothing to compare).
        let no_reading = run(
            AccountFlow::default(),
            vec![
                A::Begin,
                A::IdentityRead(identity(None)),
                A::ChooseMode(AccountMode::Confirm),
                check("001", "ﾔﾏﾀﾞ ﾊﾅｺ"),
            ],
        );
        assert_eq!(no_reading.verdict, Some(ConfirmVerdict::LooksFine));
        let other_person = run(confirm.clone(), vec![check("001", "ﾔﾏﾀﾞ ﾊﾅｺ")]);
        assert_eq!(
            other_person.verdict,
            Some(ConfirmVerdict::NeedsChange {
                problems: vec![],
                own_name: Some(OwnNameFinding::ReadingDiffers {
                    card_reading: to_zengin("ﾔﾏﾀﾞ ﾀﾛｳ").unwrap()
                })
            })
        );
        // A bank whose branch file is not loaded is not judged: the app loads it and repeats.
        let unloaded = run(
            confirm.clone(),
            vec![A::CheckRegistered {
                bank: "0005".into(),
                branch: "001".into(),
                account_type: "普通".into(),
                number: "1234567".into(),
                holder: "ﾔﾏﾀﾞ ﾀﾛｳ".into(),
            }],
        );
        assert_eq!(
            (unloaded.verdict, unloaded.problem, unloaded.step),
            (
                None,
                Some(FlowProblem::BranchListNotLoaded(
                    BankCode::parse("0005").unwrap()
                )),
                AccountStep::Confirm
            )
        );
        let change = run(gone, vec![A::SwitchToChange]);
        assert_eq!(
            (change.step, change.mode),
            (AccountStep::BankPicker, Some(AccountMode::Change))
        );
        let dir = TestDirectory::new();
        assert_eq!(
            fine.reduce(A::SwitchToChange, &dir),
            Err(ActionNotApplicable)
        );
    }

    #[test]
    fn a4_refuses_a_type_the_yucho_branch_does_not_hold() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseBank(BankCode::JAPAN_POST_BANK),
                A::EnterBranchTypeNumber {
                    branch: "058".into(),
                    account_type: "toza".into(),
                    number: "1234567".into(),
                },
            ],
        );
        assert_eq!(flow.step, AccountStep::BranchTypeNumber);
        assert_eq!(
            flow.problem,
            Some(FlowProblem::Account(vec![
                AccountProblem::YuchoBranchType {
                    branch: BranchCode::parse("058").unwrap(),
                    expected: AccountType::Futsu,
                }
            ]))
        );
    }

    #[test]
    fn back_walks_the_screens() {
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("001", "1"),
            ],
        );
        assert_eq!(flow.step, AccountStep::HolderKana);
        // Back from the holder name returns to the branch, type and number just entered (not
        // to the bank picker, which would make the person choose bank and branch again).
        let flow = run(flow, vec![A::Back]);
        assert_eq!(flow.step, AccountStep::BranchTypeNumber);
        assert_eq!(flow.values.branch.as_ref().unwrap().code.as_str(), "001");
        let flow = run(flow, vec![A::Back]);
        assert_eq!(flow.step, AccountStep::BankPicker);
        let flow = run(flow, vec![A::Back, A::Back, A::Back, A::Back]);
        assert_eq!(flow.step, AccountStep::Intro);
        // From ゆうちょ 記号・番号, Back returns to the 記号・番号 screen.
        let flow = run(
            at_bank_picker(None),
            vec![
                A::ChooseYuchoByKigou,
                A::EnterYucho {
                    kigou: "10530".into(),
                    bangou: "12345671".into(),
                },
                A::Back,
            ],
        );
        assert_eq!(flow.step, AccountStep::YuchoInput);
        // A bank chosen afterwards from the picker goes through A4 again.
        let flow = run(
            flow,
            vec![
                A::Back,
                A::ChooseBank(BankCode::parse("0001").unwrap()),
                branch_type_number("001", "1"),
                A::Back,
            ],
        );
        assert_eq!(flow.step, AccountStep::BranchTypeNumber);
    }

    #[test]
    fn stray_actions_are_refused() {
        let dir = TestDirectory::new();
        assert_eq!(
            AccountFlow::default().reduce(A::ConfirmReview, &dir),
            Err(ActionNotApplicable)
        );
        assert_eq!(
            at_bank_picker(None).reduce(A::EnterHolder("ｱ".into()), &dir),
            Err(ActionNotApplicable)
        );
        assert_eq!(AccountFlow::default().copy_sheet(), None);
    }

    #[test]
    fn typeahead_matches_code_name_kana_and_hiragana() {
        let bank = BankEntry {
            code: BankCode::parse("0001").unwrap(),
            name: "みずほ".into(),
            kana: "ミズホ".into(),
        };
        assert!(bank_matches(&bank, "00"));
        assert!(bank_matches(&bank, "０００１"));
        assert!(!bank_matches(&bank, "01"));
        assert!(bank_matches(&bank, "みず"));
        assert!(bank_matches(&bank, "ミズホ"));
        assert!(bank_matches(&bank, "ﾐｽﾞ"));
        assert!(!bank_matches(&bank, "ゆうちょ"));
        assert!(!bank_matches(&bank, " "));
        let yucho = BankEntry {
            code: BankCode::JAPAN_POST_BANK,
            name: "ゆうちょ".into(),
            kana: "ユウチヨ".into(),
        };
        // Zengin spells ゆうちょ with a large ヨ; the typed small ょ is made large too.
        assert!(bank_matches(&yucho, "ユウチョ"));
    }

    #[test]
    fn typeahead_finds_names_typed_as_people_write_them() {
        let entry = |code: &str, name: &str, kana: &str| BankEntry {
            code: BankCode::parse(code).unwrap(),
            name: name.into(),
            kana: kana.into(),
        };
        let mufg = entry("0005", "三菱ＵＦＪ", "ミツビシユ－エフジエイ");
        let paypay = entry("0033", "ＰａｙＰａｙ", "ペイペイ");
        let au = entry("0039", "ａｕじぶん", "エ－ユ－ジブン");
        let mizuho = entry("0001", "みずほ", "ミズホ");
        let jonan = entry("1344", "城南信金", "ジヨウナンシンキン");
        // Half-width or full-width Latin letters, any case, against the data's full-width ones.
        for (bank, query) in [
            (&mufg, "UFJ"),
            (&mufg, "三菱UFJ"),
            (&mufg, "三菱ufj銀行"),
            (&mufg, "ＵＦＪ"),
            (&paypay, "paypay"),
            (&paypay, "PayPay銀行"),
            (&paypay, "PayPay Bank"),
            (&au, "auじぶん"),
            (&au, "ＡＵ"),
            // The data leaves out 銀行 and shortens 信用金庫.
            (&mizuho, "みずほ銀行"),
            (&mizuho, "みずほ　ぎんこう"),
            (&mizuho, "ミズホギンコウ"),
            (&jonan, "城南信用金庫"),
        ] {
            assert!(bank_matches(bank, query), "{query:?} → {}", bank.name);
        }
        assert!(!bank_matches(&mizuho, "銀行"));
        assert!(!bank_matches(&paypay, "UFJ"));
        assert_eq!(branch_query_key("新宿支店"), "新宿");
        assert_eq!(branch_query_key("しんじゅく してん"), "しんじゅく");
        assert_eq!(branch_query_key("支店"), "支店");
        assert_eq!(bank_query_key("ｓｂｉ新生銀行"), "SBI新生");
    }
}
