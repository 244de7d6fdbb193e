//! 公金受取口座: register, check or change the public-funds receipt account (flows.md §2, screens
//! A0–A8 of §2.6).
//!
//! | State | Shown here                                                        | Card / data                  |
//! |-------|-------------------------------------------------------------------|------------------------------|
//! | A0    | own-name rule, one account, not a benefit application            | —                            |
//! | A1    | read the name: card-info PIN through the shared `PinDialog`       | 基本4情報 file only           |
//! | A2    | the name read (E13) and register / confirm / change               | `banks.json` starts loading  |
//! | A3    | bank typeahead; ゆうちょ 記号・番号 shortcut                        | —                            |
//! | A3y   | 記号・番号 with the live conversion of §2.4                         | `branches/9900.json`         |
//! | A4    | branch typeahead, 普通/当座, number padded live                    | `branches/<bank>.json`       |
//! | A5    | holder kana → Zengin preview, offending character named; §2.3     | —                            |
//! | A6    | review and the required own-name statement                        | —                            |
//! | A7    | copy sheet in Mynaportal's order, printable                       | —                            |
//! | A8    | what Mynaportal shows, re-validated (branch gone → §2.5 message)  | that bank's branch file      |
//!
//! Every decision is [`AccountFlow::reduce`]'s. This page renders its states, reads the card when
//! A1 asks, and loads bank data ([`crate::bank_data`]) when a screen needs it: the bank index once a
//! mode is chosen, a branch file only for the bank chosen. When the flow answers
//! [`FlowProblem::BranchListNotLoaded`], the action is kept, the file fetched, and the action
//! repeated once it arrives.

use std::rc::Rc;

use card::{LastTryConfirmation, PinRef, PinStatus};
use flows::account::flow::{
    AccountAction, AccountFlow, AccountMode, AccountStep, ConfirmVerdict, FlowProblem, Identity,
};
use flows::account::{
    convert_yucho, AccountNote, AccountNumber, AccountProblem, BankCode, BankDirectory, BankEntry,
    BranchEntry, OwnNameFinding, SurnameFinding,
};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::card_access::{open_card, CardPageProps};
use crate::bank_data::{self, BankData, BankDataError, Load};
use crate::components::account_copy_sheet::AccountCopySheet;
use crate::components::account_typeahead::{AccountTypeahead, Suggestion};
use crate::components::notification::{Notification, Severity};
use crate::components::pin_dialog::{PinDialog, PinSubmission};
use crate::components::widget_report::{self, WidgetSend};
use crate::i18n::account::{self as text, AccountText as T};
use crate::i18n::{Lang, Text};
use crate::messages;
use crate::session::SessionError;

/// Mynaportal, where the registration itself is done (flows.md §2.1).
pub const MYNAPORTAL_URL: &str = "https://myna.go.jp/";

/// What changes the page's model.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// An action of the flow.
    Flow(AccountAction),
    /// Start again from A0 (bank data already loaded is kept).
    Restart,
    /// `banks.json` is being fetched.
    IndexLoading,
    /// `banks.json` arrived or failed.
    IndexDone(Result<Vec<BankEntry>, BankDataError>),
    /// A branch file is being fetched.
    BranchesLoading(BankCode),
    /// A branch file arrived or failed.
    BranchesDone(BankCode, Result<Vec<BranchEntry>, BankDataError>),
    /// Try a failed file again.
    Retry,
}

/// The flow, the bank data it is reduced with, and an action waiting for a branch file.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The flow state.
    pub flow: AccountFlow,
    /// Bank data loaded so far.
    pub data: BankData,
    /// The action that answered "branch list not loaded", repeated when the file arrives.
    pub pending: Option<AccountAction>,
    /// The confirm-mode check (A8) the flow's verdict is about: the verdict is shown only while
    /// the fields still hold exactly these values ([`Model::verdict_for`]).
    pub checked: Option<AccountAction>,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            flow: AccountFlow::default(),
            data: BankData::new(flows::facts::BANK_DATA_DATE),
            pending: None,
            checked: None,
        }
    }
}

impl Model {
    /// Applies one message (pure: the page's effects only fetch and dispatch).
    pub fn update(mut self, msg: Msg) -> Self {
        match msg {
            Msg::Flow(action) => self.apply(action),
            Msg::Restart => {
                self.flow = AccountFlow::default();
                self.pending = None;
                self.checked = None;
            }
            Msg::IndexLoading => self.data.index = Load::Loading,
            Msg::IndexDone(Ok(banks)) => self.data.index_loaded(banks),
            Msg::IndexDone(Err(error)) => self.data.index = Load::Failed(error),
            Msg::BranchesLoading(bank) => {
                self.data.branches.insert(bank, Load::Loading);
            }
            Msg::BranchesDone(bank, Ok(branches)) => {
                self.data.branches_loaded(bank, branches);
                if self.flow.problem == Some(FlowProblem::BranchListNotLoaded(bank)) {
                    if let Some(action) = self.pending.take() {
                        self.apply(action);
                    }
                }
            }
            Msg::BranchesDone(bank, Err(error)) => {
                self.data.branches.insert(bank, Load::Failed(error));
            }
            Msg::Retry => {
                if matches!(self.data.index, Load::Failed(_)) {
                    self.data.index = Load::NotStarted;
                }
                for load in self.data.branches.values_mut() {
                    if matches!(load, Load::Failed(_)) {
                        *load = Load::NotStarted;
                    }
                }
            }
        }
        self
    }

    fn apply(&mut self, action: AccountAction) {
        // An action that does not apply (a double click, a stale button) changes nothing.
        if let Ok(next) = self.flow.clone().reduce(action.clone(), &*self.data.directory) {
            if next.verdict.is_some() && matches!(action, AccountAction::CheckRegistered { .. }) {
                self.checked = Some(action.clone());
            }
            self.pending = matches!(next.problem, Some(FlowProblem::BranchListNotLoaded(_))).then_some(action);
            self.flow = next;
        }
    }

    /// The confirm-mode verdict, if it is about exactly `shown` (the check the fields hold now):
    /// after a field is edited the earlier verdict no longer applies and is not shown.
    pub fn verdict_for(&self, shown: &AccountAction) -> Option<&ConfirmVerdict> {
        self.flow.verdict.as_ref().filter(|_| self.checked.as_ref() == Some(shown))
    }

    /// The files the current screen needs and that were not asked for yet: the index once a
    /// mode is chosen; a branch file for the bank the screen is about (or that the flow asked).
    pub fn wanted(&self) -> (bool, Option<BankCode>) {
        let flow = &self.flow;
        let index = flow.mode.is_some() && self.data.index == Load::NotStarted;
        let bank = match (&flow.problem, flow.step) {
            (Some(FlowProblem::BranchListNotLoaded(bank)), _) => Some(*bank),
            (_, AccountStep::BranchTypeNumber) => flow.values.bank.as_ref().map(|b| b.code),
            (_, AccountStep::YuchoInput) => Some(BankCode::JAPAN_POST_BANK),
            _ => None,
        };
        let bank = bank.filter(|bank| self.data.branch_load(*bank) == &Load::NotStarted);
        (index, bank)
    }

    /// The failure to show on the current screen, if its data could not be loaded.
    pub fn data_failure(&self) -> Option<&BankDataError> {
        if let Load::Failed(error) = &self.data.index {
            return Some(error);
        }
        let bank = match (&self.flow.problem, self.flow.step) {
            (Some(FlowProblem::BranchListNotLoaded(bank)), _) => Some(*bank),
            (_, AccountStep::BranchTypeNumber) => self.flow.values.bank.as_ref().map(|b| b.code),
            (_, AccountStep::YuchoInput) => Some(BankCode::JAPAN_POST_BANK),
            _ => None,
        }?;
        match self.data.branch_load(bank) {
            Load::Failed(error) => Some(error),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Page(Model);

impl Reducible for Page {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        Rc::new(Page(self.0.clone().update(msg)))
    }
}

/// The step indicator's position for a screen.
fn step_of(step: AccountStep) -> usize {
    match step {
        AccountStep::Intro | AccountStep::ReadIdentity | AccountStep::Mode => 0,
        AccountStep::HolderKana => 2,
        AccountStep::Review => 3,
        AccountStep::HandOff => 4,
        _ => 1,
    }
}

/// A stable id of the screen (`data-step`, focus moves when it changes).
fn screen_id(step: AccountStep) -> &'static str {
    match step {
        AccountStep::Intro => "a0",
        AccountStep::ReadIdentity => "a1",
        AccountStep::Mode => "a2",
        AccountStep::BankPicker => "a3",
        AccountStep::YuchoInput => "a3y",
        AccountStep::BranchTypeNumber => "a4",
        AccountStep::HolderKana => "a5",
        AccountStep::Review => "a6",
        AccountStep::HandOff => "a7",
        AccountStep::Confirm => "a8",
        _ => "other",
    }
}

/// What the person typed on the form screens; kept in the page so that a data failure or a
/// refused action loses nothing.
#[derive(Clone, Debug, PartialEq, Default)]
struct Typed {
    bank_query: String,
    branch_query: String,
    branch: Option<BranchEntry>,
    futsu: bool,
    number: String,
    kigou: String,
    bangou: String,
    holder: String,
    surname: String,
    confirm_bank: String,
    confirm_branch: String,
    confirm_toza: bool,
    confirm_number: String,
    confirm_holder: String,
}

fn suggestion(code: &str, name: &str, kana: &str) -> Suggestion {
    Suggestion {
        key: AttrValue::from(code.to_string()),
        code: AttrValue::from(code.to_string()),
        name: AttrValue::from(name.to_string()),
        kana: AttrValue::from(kana.to_string()),
    }
}

/// A failure of the card read, with its technical line.
#[derive(Clone, PartialEq)]
struct Failure {
    message: String,
    technical: String,
}

fn problems_view(lang: Lang, problem: Option<&FlowProblem>) -> Html {
    match problem {
        Some(FlowProblem::Account(problems)) => html! {
            <Notification severity={Severity::Error} code={AttrValue::from("account-problems")}>
                { for problems.iter().map(|p| html! { <p class="account-problem">{ text::problem(lang, p) }</p> }) }
            </Notification>
        },
        Some(FlowProblem::StatementRequired) => html! {
            <p class="field-error" role="alert">{ T::StatementRequired.view(lang) }</p>
        },
        _ => html! {},
    }
}

fn input_value(event: &InputEvent) -> Option<String> {
    event.target_dyn_into::<HtmlInputElement>().map(|input| input.value())
}

/// The 公金受取口座 page.
#[function_component(AccountPage)]
pub fn account_page(props: &CardPageProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let page = use_reducer(Page::default);
    let typed = use_state(|| Typed { futsu: true, ..Typed::default() });
    let busy = use_state(|| false);
    let failure = use_state(|| None::<Failure>);
    let dialog = use_state(|| None::<PinStatus>);
    let choose_first = use_state(|| false);
    let body_ref = use_node_ref();
    let model = &page.0;
    let flow = &model.flow;
    super::use_focus_on_change(screen_id(flow.step), body_ref.clone());
    widget_report::use_embed_report(screen_id(flow.step), None);
    // Choosing a branch replaces the typeahead by the choice (and back): keyboard focus stays there.
    let branch_ref = use_node_ref();
    super::use_focus_on_change(if typed.branch.is_some() { "chosen" } else { "open" }, branch_ref.clone());

    // Bank data, fetched when a screen needs it and never before.
    {
        let page = page.clone();
        use_effect_with(model.wanted(), move |&(index, bank)| {
            if index {
                page.dispatch(Msg::IndexLoading);
                let page = page.clone();
                spawn_local(async move { page.dispatch(Msg::IndexDone(bank_data::fetch_index().await)) });
            }
            if let Some(bank) = bank {
                page.dispatch(Msg::BranchesLoading(bank));
                let page = page.clone();
                spawn_local(async move {
                    page.dispatch(Msg::BranchesDone(bank, bank_data::fetch_branches(bank).await))
                });
            }
        });
    }

    let dispatch = |action: AccountAction| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.dispatch(Msg::Flow(action.clone())))
    };
    let edit = |apply: fn(&mut Typed, String)| {
        let typed = typed.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(value) = input_value(&event) {
                let mut next = (*typed).clone();
                apply(&mut next, value);
                typed.set(next);
            }
        })
    };

    // A1: open the card, read the card-info PIN's tries, then the dialog.
    let read_card = {
        let dialog = dialog.clone();
        let busy = busy.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        let connect = props.connect.clone();
        Callback::from(move |_: MouseEvent| {
            let fresh = connect.emit(());
            let (dialog, busy, failure, session) = (dialog.clone(), busy.clone(), failure.clone(), session.clone());
            busy.set(true);
            failure.set(None);
            spawn_local(async move {
                let status = match open_card(&session, fresh).await {
                    Ok(_) => session.pin_status(PinRef::TextPin).await,
                    Err(error) => Err(error),
                };
                busy.set(false);
                match status {
                    Ok(status) => dialog.set(Some(status)),
                    Err(error) => failure.set(Some(Failure {
                        message: messages::for_session_error(lang, &error),
                        technical: messages::technical(&error),
                    })),
                }
            });
        })
    };
    let on_submit = {
        let page = page.clone();
        let dialog = dialog.clone();
        let busy = busy.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        Callback::from(move |submission: PinSubmission| {
            dialog.set(None);
            let (page, busy, failure, session) = (page.clone(), busy.clone(), failure.clone(), session.clone());
            busy.set(true);
            spawn_local(async move {
                let PinSubmission { pin, last_try_confirmed } = submission;
                let confirmation = last_try_confirmed.then(LastTryConfirmation::user_confirmed_last_try);
                let result = read_name(&session, &pin, confirmation).await;
                drop(pin);
                busy.set(false);
                match result {
                    // The card's 4-items file has no reading (flows.md §0.4): nothing to compare.
                    Ok(name) => page.dispatch(Msg::Flow(AccountAction::IdentityRead(Identity { name, reading: None }))),
                    Err(error) => failure.set(Some(Failure {
                        message: messages::for_session_error(lang, &error),
                        technical: messages::technical(&error),
                    })),
                }
            });
        })
    };
    let on_cancel = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(None))
    };

    let retry = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.dispatch(Msg::Retry))
    };
    let data_failure = model.data_failure().map(|error| {
        html! {
            <Notification severity={Severity::Error} code={AttrValue::from("bank-data-failed")}>
                <p>{ T::DataFailed.view(lang) }</p>
                <details class="technical"><summary>{ T::DataDetails.view(lang) }</summary>
                    <p class="mono">{ error.to_string() }</p></details>
                <button type="button" class="button-secondary" onclick={retry.clone()}>{ T::Retry.view(lang) }</button>
            </Notification>
        }
    });
    let loading = |what: T| html! { <p class="progress" role="status">{ what.view(lang) }</p> };
    let back = html! {
        <button type="button" class="button-secondary account-back" onclick={dispatch(AccountAction::Back)}>
            { T::Back.view(lang) }
        </button>
    };
    let name_on_card = flow.identity.as_ref().map(|identity| {
        html! {
            <dl class="facts account-identity">
                <dt>{ T::NameOnCard.view(lang) }</dt>
                <dd class="account-name" lang="ja">{ identity.name.clone() }</dd>
            </dl>
        }
    });

    let body = match flow.step {
        AccountStep::Intro => html! {
            <>
                <ul class="checklist account-rules">
                    <li class="account-rule-own-name"><strong>{ T::RuleOwnName.view(lang) }</strong></li>
                    <li>{ T::RuleOneAccount.view(lang) }</li>
                    <li>{ T::RuleNotBenefit.view(lang) }</li>
                    <li>{ T::RuleNothingSent.view(lang) }</li>
                </ul>
                <button type="button" class="button-primary" onclick={dispatch(AccountAction::Begin)}>
                    { T::Begin.view(lang) }
                </button>
            </>
        },
        AccountStep::ReadIdentity => html! {
            <>
                <h3>{ T::IdentityTitle.view(lang) }</h3>
                <p>{ T::IdentityExplain.view(lang) }</p>
                if let Some(failure) = (*failure).clone() {
                    <Notification severity={Severity::Error}>
                        <p>{ failure.message }</p>
                        <details class="technical"><summary>{ Text::TechnicalDetails.view(lang) }</summary>
                            <p class="mono">{ failure.technical }</p></details>
                    </Notification>
                }
                if *busy {
                    <p class="progress" role="status">{ Text::Reading.view(lang) }</p>
                } else if dialog.is_none() {
                    <button type="button" class="button-primary" onclick={read_card}>{ T::ReadName.view(lang) }</button>
                }
                <div class="actions">{ back.clone() }</div>
            </>
        },
        AccountStep::Mode => {
            let mode = |mode: AccountMode, label: T, description: T, id: &'static str| {
                html! {
                    <li>
                        <button type="button" class="procedure-link" data-mode={id}
                                aria-describedby={ format!("mode-{id}-description") }
                                onclick={dispatch(AccountAction::ChooseMode(mode))}>
                            { label.view(lang) }
                        </button>
                        <p id={ format!("mode-{id}-description") } class="procedure-description">{ description.view(lang) }</p>
                    </li>
                }
            };
            html! {
                <>
                    { name_on_card.clone().unwrap_or_default() }
                    <Notification severity={Severity::Warning} code={AttrValue::from("E13")}>
                        <p>{ T::NotYou.view(lang) }</p>
                    </Notification>
                    if flow.identity.as_ref().is_some_and(|i| i.reading.is_none()) {
                        <p class="field-hint">{ T::NoReadingOnCard.view(lang) }</p>
                    }
                    <h3>{ T::ModeTitle.view(lang) }</h3>
                    <ul class="procedure-list account-modes">
                        { mode(AccountMode::Register, T::ModeRegister, T::ModeRegisterDesc, "register") }
                        { mode(AccountMode::Confirm, T::ModeConfirm, T::ModeConfirmDesc, "confirm") }
                        { mode(AccountMode::Change, T::ModeChange, T::ModeChangeDesc, "change") }
                    </ul>
                    <div class="actions">{ back.clone() }</div>
                </>
            }
        }
        AccountStep::BankPicker => {
            let suggestions: Vec<Suggestion> = bank_data::search_banks(model.data.directory.banks(), &typed.bank_query)
                .iter()
                .map(|bank| suggestion(bank.code.as_str(), &bank.name, &bank.kana))
                .collect();
            let on_query = {
                let typed = typed.clone();
                Callback::from(move |query: String| typed.set(Typed { bank_query: query, ..(*typed).clone() }))
            };
            let on_choose = {
                let page = page.clone();
                let typed = typed.clone();
                Callback::from(move |code: AttrValue| {
                    if let Ok(code) = BankCode::parse(&code) {
                        // A new bank: the branch typed for the previous one no longer applies.
                        typed.set(Typed { branch_query: String::new(), branch: None, ..(*typed).clone() });
                        page.dispatch(Msg::Flow(AccountAction::ChooseBank(code)));
                    }
                })
            };
            html! {
                <>
                    <h3>{ T::BankTitle.view(lang) }</h3>
                    { problems_view(lang, flow.problem.as_ref()) }
                    { data_failure.clone().unwrap_or_default() }
                    if model.data.index == Load::Loaded {
                        <AccountTypeahead id="account-bank-search" label={T::BankSearchLabel} hint={T::BankSearchHint}
                            query={AttrValue::from(typed.bank_query.clone())} {suggestions} {on_query} {on_choose} />
                        <p>
                            <button type="button" class="button-secondary account-yucho" onclick={dispatch(AccountAction::ChooseYuchoByKigou)}>
                                { T::YuchoShortcut.view(lang) }
                            </button>
                        </p>
                    } else if data_failure.is_none() {
                        { loading(T::BankLoading) }
                    }
                    <div class="actions">{ back.clone() }</div>
                </>
            }
        }
        AccountStep::YuchoInput => {
            let preview = (!typed.kigou.trim().is_empty() && !typed.bangou.trim().is_empty())
                .then(|| convert_yucho(&typed.kigou, &typed.bangou));
            let submit = {
                let page = page.clone();
                let typed = typed.clone();
                Callback::from(move |event: SubmitEvent| {
                    event.prevent_default();
                    page.dispatch(Msg::Flow(AccountAction::EnterYucho {
                        kigou: typed.kigou.clone(),
                        bangou: typed.bangou.clone(),
                    }));
                })
            };
            let waiting = matches!(flow.problem, Some(FlowProblem::BranchListNotLoaded(_)));
            html! {
                <form class="account-form" onsubmit={submit} novalidate=true>
                    <h3>{ T::YuchoTitle.view(lang) }</h3>
                    <p class="field-hint">{ T::YuchoHint.view(lang) }</p>
                    <label class="field-label" for="account-kigou">{ T::KigouLabel.view(lang) }</label>
                    <input type="text" id="account-kigou" inputmode="numeric" autocomplete="off" class="digits"
                           value={ typed.kigou.clone() } oninput={edit(|t, v| t.kigou = v)} />
                    <label class="field-label" for="account-bangou">{ T::BangouLabel.view(lang) }</label>
                    <input type="text" id="account-bangou" inputmode="numeric" autocomplete="off" class="digits"
                           value={ typed.bangou.clone() } oninput={edit(|t, v| t.bangou = v)} />
                    <div class="account-preview" aria-live="polite">
                        { match preview {
                            Some(Ok(account)) => html! {
                                <dl class="facts yucho-preview">
                                    <dt>{ T::FieldBranch.view(lang) }</dt>
                                    <dd class="yucho-branch">{ format!("{} {}", account.branch, account.branch_name()) }</dd>
                                    <dt>{ T::FieldType.view(lang) }</dt>
                                    <dd class="yucho-type">{ text::account_type(lang, account.account_type) }</dd>
                                    <dt>{ T::FieldNumber.view(lang) }</dt>
                                    <dd class="yucho-number">{ account.number.as_str() }</dd>
                                </dl>
                            },
                            Some(Err(error)) => html! {
                                <p class="field-error">{ text::problem(lang, &AccountProblem::Yucho(error)) }</p>
                            },
                            None => html! {},
                        } }
                    </div>
                    { problems_view(lang, flow.problem.as_ref()) }
                    { data_failure.clone().unwrap_or_default() }
                    if waiting && data_failure.is_none() { { loading(T::BranchLoading) } }
                    <div class="actions">
                        <button type="submit" class="button-primary">{ T::Convert.view(lang) }</button>
                        { back.clone() }
                    </div>
                </form>
            }
        }
        AccountStep::BranchTypeNumber => {
            let bank = flow.values.bank.clone();
            let branches = bank.as_ref().and_then(|b| model.data.branch_lists.get(&b.code).cloned());
            let suggestions: Vec<Suggestion> = match (&branches, &typed.branch) {
                (Some(list), None) => bank_data::search_branches(list, &typed.branch_query)
                    .iter()
                    .map(|branch| suggestion(branch.code.as_str(), &branch.name, &branch.kana))
                    .collect(),
                _ => Vec::new(),
            };
            let on_query = {
                let typed = typed.clone();
                Callback::from(move |query: String| typed.set(Typed { branch_query: query, ..(*typed).clone() }))
            };
            let on_choose = {
                let typed = typed.clone();
                let branches = branches.clone();
                Callback::from(move |code: AttrValue| {
                    let chosen = branches.as_ref().and_then(|list| list.iter().find(|b| b.code.as_str() == code.as_str()).cloned());
                    typed.set(Typed { branch: chosen, ..(*typed).clone() });
                })
            };
            let unchoose = {
                let typed = typed.clone();
                Callback::from(move |_: MouseEvent| typed.set(Typed { branch: None, ..(*typed).clone() }))
            };
            let set_type = |futsu: bool| {
                let typed = typed.clone();
                Callback::from(move |_: Event| typed.set(Typed { futsu, ..(*typed).clone() }))
            };
            let number_preview = (!typed.number.trim().is_empty()).then(|| AccountNumber::parse_padded(&typed.number));
            let submit = {
                let page = page.clone();
                let typed = typed.clone();
                let choose_first = choose_first.clone();
                Callback::from(move |event: SubmitEvent| {
                    event.prevent_default();
                    let branch = match &typed.branch {
                        Some(branch) => branch.code.as_str().to_string(),
                        // A code typed straight in is checked by the flow like a chosen one;
                        // a name typed but not chosen from the list is not a code.
                        None if typed.branch_query.trim().chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) => {
                            typed.branch_query.clone()
                        }
                        None => {
                            choose_first.set(true);
                            return;
                        }
                    };
                    choose_first.set(false);
                    page.dispatch(Msg::Flow(AccountAction::EnterBranchTypeNumber {
                        branch,
                        account_type: if typed.futsu { "futsu" } else { "toza" }.to_string(),
                        number: typed.number.clone(),
                    }));
                })
            };
            let branch_loaded = bank.as_ref().is_some_and(|b| model.data.branch_load(b.code) == &Load::Loaded);
            html! {
                <form class="account-form" onsubmit={submit} novalidate=true>
                    <h3>{ T::BranchTitle.view(lang) }</h3>
                    if let Some(bank) = &bank {
                        <dl class="facts">
                            <dt>{ T::ChosenBank.view(lang) }</dt>
                            <dd class="chosen-bank">{ format!("{} {}", bank.code, bank.name) }</dd>
                        </dl>
                    }
                    { data_failure.clone().unwrap_or_default() }
                    if !branch_loaded && data_failure.is_none() { { loading(T::BranchLoading) } }
                    <div class="branch-choice" ref={branch_ref} tabindex="-1">
                    if let Some(branch) = &typed.branch {
                        <dl class="facts">
                            <dt>{ T::ChosenBranch.view(lang) }</dt>
                            <dd class="chosen-branch">{ format!("{} {}", branch.code, branch.name) }</dd>
                        </dl>
                        <button type="button" class="button-secondary" onclick={unchoose}>{ T::ChangeBranch.view(lang) }</button>
                    } else if branch_loaded {
                        <AccountTypeahead id="account-branch-search" label={T::BranchSearchLabel} hint={T::BranchSearchHint}
                            query={AttrValue::from(typed.branch_query.clone())} {suggestions} {on_query} {on_choose} />
                    }
                    </div>
                    <fieldset class="radio-group">
                        <legend>{ T::TypeLegend.view(lang) }</legend>
                        <div class="radio-options">
                            <div class="radio">
                                <input type="radio" id="account-type-futsu" name="account-type" value="futsu"
                                       checked={typed.futsu} onchange={set_type(true)} />
                                <label for="account-type-futsu">{ T::TypeFutsu.view(lang) }</label>
                            </div>
                            <div class="radio">
                                <input type="radio" id="account-type-toza" name="account-type" value="toza"
                                       checked={!typed.futsu} onchange={set_type(false)} />
                                <label for="account-type-toza">{ T::TypeToza.view(lang) }</label>
                            </div>
                        </div>
                    </fieldset>
                    <label class="field-label" for="account-number">{ T::NumberLabel.view(lang) }</label>
                    <p class="field-hint" id="account-number-hint">{ T::NumberHint.view(lang) }</p>
                    <input type="text" id="account-number" inputmode="numeric" autocomplete="off" class="digits"
                           aria-describedby="account-number-hint" value={ typed.number.clone() }
                           oninput={edit(|t, v| t.number = v)} />
                    <div class="account-preview" aria-live="polite">
                        { match number_preview {
                            Some(Ok(number)) => html! {
                                <p>{ T::NumberPreview.view(lang) }{ ": " }<strong class="number-preview">{ number.as_str() }</strong></p>
                            },
                            Some(Err(error)) => html! {
                                <p class="field-error">{ text::problem(lang, &AccountProblem::Number(error)) }</p>
                            },
                            None => html! {},
                        } }
                    </div>
                    if *choose_first && typed.branch.is_none() {
                        <p class="field-error" role="alert">{ T::BranchChooseFirst.view(lang) }</p>
                    }
                    { problems_view(lang, flow.problem.as_ref()) }
                    <div class="actions">
                        <button type="submit" class="button-primary">{ Text::Next.view(lang) }</button>
                        { back.clone() }
                    </div>
                </form>
            }
        }
        AccountStep::HolderKana => {
            let on_holder = {
                let page = page.clone();
                let typed = typed.clone();
                Callback::from(move |event: InputEvent| {
                    if let Some(value) = input_value(&event) {
                        typed.set(Typed { holder: value.clone(), ..(*typed).clone() });
                        page.dispatch(Msg::Flow(AccountAction::EnterHolder(value)));
                    }
                })
            };
            let on_surname = {
                let page = page.clone();
                let typed = typed.clone();
                Callback::from(move |event: InputEvent| {
                    if let Some(value) = input_value(&event) {
                        typed.set(Typed { surname: value.clone(), ..(*typed).clone() });
                        page.dispatch(Msg::Flow(AccountAction::EnterSurnameReading(value)));
                    }
                })
            };
            let submit = {
                let page = page.clone();
                Callback::from(move |event: SubmitEvent| {
                    event.prevent_default();
                    page.dispatch(Msg::Flow(AccountAction::ContinueToReview));
                })
            };
            let values = &flow.values;
            html! {
                <form class="account-form" onsubmit={submit} novalidate=true>
                    <h3>{ T::HolderTitle.view(lang) }</h3>
                    <dl class="facts account-so-far">
                        if let Some(bank) = &values.bank {
                            <dt>{ T::FieldBank.view(lang) }</dt><dd>{ format!("{} {}", bank.code, bank.name) }</dd>
                        }
                        if let Some(branch) = &values.branch {
                            <dt>{ T::FieldBranch.view(lang) }</dt><dd class="so-far-branch">{ format!("{} {}", branch.code, branch.name) }</dd>
                        }
                        if let Some(kind) = values.account_type {
                            <dt>{ T::FieldType.view(lang) }</dt><dd class="so-far-type">{ text::account_type(lang, kind) }</dd>
                        }
                        if let Some(number) = &values.number {
                            <dt>{ T::FieldNumber.view(lang) }</dt><dd class="so-far-number">{ number.as_str() }</dd>
                        }
                    </dl>
                    if flow.notes.contains(&AccountNote::YuchoCheckDigitDisagrees) {
                        <Notification severity={Severity::Warning} code={AttrValue::from("yucho-check-digit")}>
                            <p>{ T::YuchoCheckDigit.view(lang) }</p>
                        </Notification>
                    }
                    <label class="field-label" for="account-holder">{ T::HolderTitle.view(lang) }</label>
                    <p class="field-hint" id="account-holder-hint">{ T::HolderHint.view(lang) }</p>
                    <input type="text" id="account-holder" autocomplete="off" spellcheck="false"
                           aria-describedby="account-holder-hint" value={ typed.holder.clone() }
                           aria-invalid={ matches!(flow.problem, Some(FlowProblem::Account(_))).then_some("true") }
                           oninput={on_holder} />
                    <div class="account-preview" aria-live="polite">
                        if let Some(holder) = &values.holder {
                            <p>{ T::HolderPreview.view(lang) }{ ": " }<strong class="holder-preview" lang="ja">{ holder.as_str() }</strong></p>
                        }
                        { problems_view(lang, flow.problem.as_ref()) }
                    </div>
                    { match &flow.own_name {
                        Some(OwnNameFinding::ReadingMatches) => html! {
                            <Notification severity={Severity::Success}><p>{ T::ReadingMatches.view(lang) }</p></Notification>
                        },
                        Some(OwnNameFinding::ReadingDiffers { card_reading }) => html! {
                            <Notification severity={Severity::Warning} code={AttrValue::from("reading-differs")}>
                                <p>{ T::ReadingDiffers.view(lang) }</p>
                                <p>{ T::CardReading.view(lang) }{ ": " }<span lang="ja">{ card_reading.as_str() }</span></p>
                            </Notification>
                        },
                        Some(OwnNameFinding::NoReading) => html! {
                            <div class="surname-check">
                                <label class="field-label" for="account-surname">{ T::SurnameLabel.view(lang) }</label>
                                <p class="field-hint" id="account-surname-hint">{ T::SurnameExplain.view(lang) }</p>
                                <input type="text" id="account-surname" autocomplete="off" spellcheck="false"
                                       aria-describedby="account-surname-hint" value={ typed.surname.clone() } oninput={on_surname} />
                                <div aria-live="polite">
                                    { match &flow.surname_check {
                                        Some(SurnameFinding::SurnameMatches) => html! {
                                            <Notification severity={Severity::Success} code={AttrValue::from("surname-matches")}>
                                                <p>{ T::SurnameMatches.view(lang) }</p>
                                            </Notification>
                                        },
                                        Some(SurnameFinding::SurnameDiffers { .. }) => html! {
                                            <Notification severity={Severity::Warning} code={AttrValue::from("surname-differs")}>
                                                <p>{ T::SurnameDiffers.view(lang) }</p>
                                            </Notification>
                                        },
                                        _ => html! {},
                                    } }
                                </div>
                            </div>
                        },
                        _ => html! {},
                    } }
                    <div class="actions">
                        <button type="submit" class="button-primary" disabled={ values.holder.is_none() }>{ Text::Next.view(lang) }</button>
                        { back.clone() }
                    </div>
                </form>
            }
        }
        AccountStep::Review => {
            let values = &flow.values;
            let on_statement = {
                let page = page.clone();
                Callback::from(move |event: Event| {
                    if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                        page.dispatch(Msg::Flow(AccountAction::SetOwnNameStatement(input.checked())));
                    }
                })
            };
            let warned = matches!(flow.own_name, Some(OwnNameFinding::ReadingDiffers { .. }))
                || matches!(flow.surname_check, Some(SurnameFinding::SurnameDiffers { .. }));
            html! {
                <>
                    <h3>{ T::ReviewTitle.view(lang) }</h3>
                    { name_on_card.clone().unwrap_or_default() }
                    <dl class="facts account-review">
                        if let Some(bank) = &values.bank {
                            <dt>{ T::FieldBank.view(lang) }</dt><dd>{ format!("{} {}", bank.code, bank.name) }</dd>
                        }
                        if let Some(branch) = &values.branch {
                            <dt>{ T::FieldBranch.view(lang) }</dt><dd>{ format!("{} {}", branch.code, branch.name) }</dd>
                        }
                        if let Some(kind) = values.account_type {
                            <dt>{ T::FieldType.view(lang) }</dt><dd>{ text::account_type(lang, kind) }</dd>
                        }
                        if let Some(number) = &values.number {
                            <dt>{ T::FieldNumber.view(lang) }</dt><dd>{ number.as_str() }</dd>
                        }
                        if let Some(holder) = &values.holder {
                            <dt>{ T::FieldHolder.view(lang) }</dt><dd lang="ja">{ holder.as_str() }</dd>
                        }
                    </dl>
                    if warned {
                        <Notification severity={Severity::Warning} code={AttrValue::from("own-name-warning")}>
                            <p>{ T::RuleOwnName.view(lang) }</p>
                        </Notification>
                    }
                    <label class="checkbox">
                        <input type="checkbox" id="own-name-statement" checked={flow.own_name_statement} onchange={on_statement} />
                        { T::Statement.view(lang) }
                    </label>
                    { problems_view(lang, flow.problem.as_ref()) }
                    <div class="actions">
                        <button type="button" class="button-primary" onclick={dispatch(AccountAction::ConfirmReview)}>
                            { T::MakeSheet.view(lang) }
                        </button>
                        { back.clone() }
                    </div>
                </>
            }
        }
        AccountStep::HandOff => {
            let print = Callback::from(|_: MouseEvent| {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            });
            let restart = {
                let page = page.clone();
                let typed = typed.clone();
                // Starting again forgets what was typed (a shared computer: flows.md §8 E13).
                Callback::from(move |_: MouseEvent| {
                    typed.set(Typed { futsu: true, ..Typed::default() });
                    page.dispatch(Msg::Restart);
                })
            };
            html! {
                <>
                    <AccountCopySheet lines={ flow.copy_sheet().unwrap_or_default() } />
                    <WidgetSend summary={ widget_report::account_summary(flow) } />
                    <p class="no-print">
                        <a href={MYNAPORTAL_URL} target="_blank" rel="noopener noreferrer">{ T::OpenMynaportal.view(lang) }</a>
                    </p>
                    <div class="actions no-print">
                        <button type="button" class="button-primary" onclick={print}>{ Text::Print.view(lang) }</button>
                        { back.clone() }
                        <button type="button" class="button-secondary" onclick={restart}>{ Text::Restart.view(lang) }</button>
                    </div>
                </>
            }
        }
        AccountStep::Confirm => {
            let bank_name = BankCode::parse(&typed.confirm_bank).ok().and_then(|code| model.data.directory.bank(code));
            let set_type = |toza: bool| {
                let typed = typed.clone();
                Callback::from(move |_: Event| typed.set(Typed { confirm_toza: toza, ..(*typed).clone() }))
            };
            let check = AccountAction::CheckRegistered {
                bank: typed.confirm_bank.clone(),
                branch: typed.confirm_branch.clone(),
                account_type: if typed.confirm_toza { "toza" } else { "futsu" }.to_string(),
                number: typed.confirm_number.clone(),
                holder: typed.confirm_holder.clone(),
            };
            let verdict = model.verdict_for(&check);
            let submit = {
                let page = page.clone();
                let check = check.clone();
                Callback::from(move |event: SubmitEvent| {
                    event.prevent_default();
                    page.dispatch(Msg::Flow(check.clone()));
                })
            };
            let waiting = matches!(flow.problem, Some(FlowProblem::BranchListNotLoaded(_)));
            let field = |id: &'static str, label: T, value: &str, apply: fn(&mut Typed, String), numeric: bool| {
                html! {
                    <>
                        <label class="field-label" for={id}>{ label.view(lang) }</label>
                        <input type="text" {id} autocomplete="off" spellcheck="false" value={ value.to_string() }
                               inputmode={ numeric.then_some("numeric") } class={ numeric.then_some("digits") }
                               oninput={edit(apply)} />
                    </>
                }
            };
            html! {
                <form class="account-form" onsubmit={submit} novalidate=true>
                    <h3>{ T::ConfirmTitle.view(lang) }</h3>
                    <p>{ T::ConfirmIntro.view(lang) }</p>
                    { field("confirm-bank", T::FieldBankCode, &typed.confirm_bank, |t, v| t.confirm_bank = v, true) }
                    if let Some(bank) = &bank_name {
                        <p class="field-hint confirm-bank-name">{ bank.name.clone() }</p>
                    }
                    { field("confirm-branch", T::FieldBranchCode, &typed.confirm_branch, |t, v| t.confirm_branch = v, true) }
                    <fieldset class="radio-group">
                        <legend>{ T::TypeLegend.view(lang) }</legend>
                        <div class="radio-options">
                            <div class="radio">
                                <input type="radio" id="confirm-type-futsu" name="confirm-type" value="futsu"
                                       checked={!typed.confirm_toza} onchange={set_type(false)} />
                                <label for="confirm-type-futsu">{ T::TypeFutsu.view(lang) }</label>
                            </div>
                            <div class="radio">
                                <input type="radio" id="confirm-type-toza" name="confirm-type" value="toza"
                                       checked={typed.confirm_toza} onchange={set_type(true)} />
                                <label for="confirm-type-toza">{ T::TypeToza.view(lang) }</label>
                            </div>
                        </div>
                    </fieldset>
                    { field("confirm-number", T::FieldNumber, &typed.confirm_number, |t, v| t.confirm_number = v, true) }
                    { field("confirm-holder", T::FieldHolder, &typed.confirm_holder, |t, v| t.confirm_holder = v, false) }
                    { data_failure.clone().unwrap_or_default() }
                    if model.data.index != Load::Loaded && data_failure.is_none() {
                        { loading(T::BankLoading) }
                    } else if waiting && data_failure.is_none() {
                        { loading(T::BranchLoading) }
                    }
                    <div class="confirm-verdict" aria-live="polite">
                        { match verdict {
                            Some(ConfirmVerdict::LooksFine) => html! {
                                <>
                                    <Notification severity={Severity::Success} code={AttrValue::from("looks-fine")}>
                                        <p>{ T::LooksFine.view(lang) }</p>
                                    </Notification>
                                    if flow.identity.as_ref().is_some_and(|i| i.reading.is_none()) {
                                        <Notification severity={Severity::Info} code={AttrValue::from("own-name-unchecked")}>
                                            <p>{ T::ConfirmNoReading.view(lang) }</p>
                                        </Notification>
                                    }
                                </>
                            },
                            Some(ConfirmVerdict::NeedsChange { problems, own_name }) => html! {
                                <Notification severity={Severity::Warning} code={AttrValue::from("needs-change")}
                                              title={ Some(T::NeedsChange.view(lang)) }>
                                    { for problems.iter().map(|p| html! {
                                        <p class={ classes!("account-problem", matches!(p, AccountProblem::BranchGone { .. }).then_some("branch-gone")) }>
                                            { text::problem(lang, p) }
                                        </p>
                                    }) }
                                    if let Some(OwnNameFinding::ReadingDiffers { .. }) = own_name {
                                        <p>{ T::ReadingDiffers.view(lang) }</p>
                                    }
                                </Notification>
                            },
                            _ => html! {},
                        } }
                    </div>
                    <div class="actions">
                        // The check needs the bank index: without it every bank would look unknown.
                        <button type="submit" class="button-primary" disabled={ model.data.index != Load::Loaded }>
                            { T::Check.view(lang) }
                        </button>
                        if matches!(verdict, Some(ConfirmVerdict::NeedsChange { .. })) {
                            <button type="button" class="button-secondary" onclick={dispatch(AccountAction::SwitchToChange)}>
                                { T::SwitchToChange.view(lang) }
                            </button>
                        }
                        { back.clone() }
                    </div>
                </form>
            }
        }
        _ => html! {
            <button type="button" class="button-secondary" onclick={ let page = page.clone(); Callback::from(move |_: MouseEvent| page.dispatch(Msg::Restart)) }>
                { Text::Restart.view(lang) }
            </button>
        },
    };

    let steps = [T::StepIdentity, T::StepAccount, T::StepHolder, T::StepReview, T::StepSheet];
    let current = step_of(flow.step);
    html! {
        <section class="panel page page-account" aria-labelledby="page-title" data-step={ screen_id(flow.step) }
                 data-mode={ flow.mode.map(|m| match m { AccountMode::Register => "register", AccountMode::Confirm => "confirm", _ => "change" }) }>
            <h2 id="page-title" tabindex="-1">{ T::Title.view(lang) }</h2>
            <p class="no-print">{ T::Intro.view(lang) }</p>
            if flow.mode != Some(AccountMode::Confirm) {
                <ol class="step-indicator" aria-label={ Text::StepsLabel.get(lang) }>
                    { for steps.iter().enumerate().map(|(index, step)| {
                        let state = match index.cmp(&current) {
                            std::cmp::Ordering::Less => "done",
                            std::cmp::Ordering::Equal => "current",
                            std::cmp::Ordering::Greater => "todo",
                        };
                        html! {
                            <li class={classes!("step", state)} aria-current={ (index == current).then_some("step") }>
                                <span class="step-number" aria-hidden="true">{ index + 1 }</span>
                                <span class="step-name">{ step.view(lang) }</span>
                            </li>
                        }
                    }) }
                </ol>
            }
            <div class="flow-body account-screen" ref={body_ref} tabindex="-1">{ body }</div>
            if let Some(status) = *dialog {
                <PinDialog pin={PinRef::TextPin} {status} {on_submit} {on_cancel} />
            }
        </section>
    }
}

/// The name from the 基本4情報 file (flows.md §2.6 A1); address, date of birth and sex are
/// dropped here, and the My Number file is never read (flows.md §0.1).
async fn read_name(
    session: &crate::session::Session,
    pin: &card::Pin,
    confirmation: Option<LastTryConfirmation>,
) -> Result<String, SessionError> {
    let four_items = session.read_four_items(pin, confirmation).await?;
    Ok(four_items.name.clone())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::bank_data::{parse_bank_index, parse_branch_file, DataFile};
    use flows::account::BranchCode;

    const INDEX: &str = r#"{"0001":{"code":"0001","name":"みずほ","kana":"ミズホ","hira":"みずほ"},"9900":{"code":"9900","name":"ゆうちょ","kana":"ユウチヨ","hira":"ゆうちよ"}}"#;
    const MIZUHO: &str = r#"{"001":{"code":"001","name":"東京営業部","kana":"トウキヨウ","hira":"とうきよう"},"004":{"code":"004","name":"丸の内中央","kana":"マルノウチチユウオウ","hira":"まるのうちちゆうおう"}}"#;
    const YUCHO: &str = r#"{"058":{"code":"058","name":"〇五八","kana":"ゼロゴハチ","hira":"ぜろごはち"},"169":{"code":"169","name":"一六九","kana":"イチロクキユウ","hira":"いちろくきゆう"}}"#;

    fn bank(code: &str) -> BankCode {
        BankCode::parse(code).unwrap()
    }

    fn steps(model: Model, msgs: Vec<Msg>) -> Model {
        msgs.into_iter().fold(model, Model::update)
    }

    fn identity() -> Msg {
        Msg::Flow(AccountAction::IdentityRead(Identity { name: "見本　太郎".into(), reading: None }))
    }

    fn index_loaded() -> Msg {
        Msg::IndexDone(Ok(parse_bank_index(INDEX.as_bytes()).unwrap()))
    }

    #[test]
    fn no_bank_data_is_wanted_before_a_mode_is_chosen() {
        let model = steps(Model::default(), vec![Msg::Flow(AccountAction::Begin), identity()]);
        assert_eq!(model.flow.step, AccountStep::Mode);
        assert_eq!(model.wanted(), (false, None));
        let model = model.update(Msg::Flow(AccountAction::ChooseMode(AccountMode::Register)));
        assert_eq!(model.wanted(), (true, None));
        let model = model.update(Msg::IndexLoading);
        assert_eq!(model.wanted(), (false, None));
        assert_eq!(model.data.directory.data_date(), "2026-08-24");
    }

    #[test]
    fn register_with_an_ordinary_bank_loads_only_its_branch_file() {
        let model = steps(
            Model::default(),
            vec![
                Msg::Flow(AccountAction::Begin),
                identity(),
                Msg::Flow(AccountAction::ChooseMode(AccountMode::Register)),
                Msg::IndexLoading,
                index_loaded(),
                Msg::Flow(AccountAction::ChooseBank(bank("0001"))),
            ],
        );
        assert_eq!(model.flow.step, AccountStep::BranchTypeNumber);
        assert_eq!(model.wanted(), (false, Some(bank("0001"))));
        // Submitted before the file arrived: the action waits for it and is repeated.
        let submit = AccountAction::EnterBranchTypeNumber {
            branch: "001".into(),
            account_type: "futsu".into(),
            number: "１２３４".into(),
        };
        let model = steps(model, vec![Msg::BranchesLoading(bank("0001")), Msg::Flow(submit.clone())]);
        assert_eq!(model.flow.problem, Some(FlowProblem::BranchListNotLoaded(bank("0001"))));
        assert_eq!(model.pending, Some(submit));
        assert_eq!(model.wanted(), (false, None));
        let model = model.update(Msg::BranchesDone(bank("0001"), Ok(parse_branch_file(bank("0001"), MIZUHO.as_bytes()).unwrap())));
        assert_eq!(model.flow.step, AccountStep::HolderKana);
        assert_eq!(model.pending, None);
        assert_eq!(model.flow.values.branch.as_ref().unwrap().name, "東京営業部");
        assert_eq!(model.flow.values.number.unwrap().as_str(), "0001234");
        assert_eq!(model.data.branches.keys().copied().collect::<Vec<_>>(), [bank("0001")]);
        let model = steps(
            model,
            vec![
                Msg::Flow(AccountAction::EnterHolder("みほん　たろう".into())),
                Msg::Flow(AccountAction::EnterSurnameReading("やまだ".into())),
            ],
        );
        assert_eq!(model.flow.values.holder.as_ref().unwrap().as_str(), "ﾐﾎﾝ ﾀﾛｳ");
        assert!(matches!(model.flow.surname_check, Some(SurnameFinding::SurnameDiffers { .. })));
        let model = steps(
            model,
            vec![
                Msg::Flow(AccountAction::ContinueToReview),
                Msg::Flow(AccountAction::ConfirmReview),
            ],
        );
        assert_eq!((model.flow.step, model.flow.problem.clone()), (AccountStep::Review, Some(FlowProblem::StatementRequired)));
        let model = steps(
            model,
            vec![Msg::Flow(AccountAction::SetOwnNameStatement(true)), Msg::Flow(AccountAction::ConfirmReview)],
        );
        let lines: Vec<_> = model
            .flow
            .copy_sheet()
            .unwrap()
            .iter()
            .filter_map(|line| crate::components::account_copy_sheet::line_text(Lang::Ja, line))
            .map(|(label, value)| format!("{}: {value}", label.get(Lang::Ja)))
            .collect();
        assert_eq!(
            lines,
            ["金融機関: 0001 みずほ", "支店: 001 東京営業部", "預金種目: 普通", "口座番号: 0001234", "口座名義(カナ): ﾐﾎﾝ ﾀﾛｳ"]
        );
    }

    #[test]
    fn yucho_by_kigou_waits_for_the_9900_file_and_a_failure_can_be_retried() {
        let model = steps(
            Model::default(),
            vec![
                Msg::Flow(AccountAction::Begin),
                identity(),
                Msg::Flow(AccountAction::ChooseMode(AccountMode::Register)),
                index_loaded(),
                Msg::Flow(AccountAction::ChooseYuchoByKigou),
            ],
        );
        assert_eq!(model.flow.step, AccountStep::YuchoInput);
        assert_eq!(model.wanted(), (false, Some(BankCode::JAPAN_POST_BANK)));
        let failed = BankDataError::Http { file: DataFile::Branches(BankCode::JAPAN_POST_BANK), status: 503 };
        let model = steps(
            model,
            vec![
                Msg::BranchesLoading(BankCode::JAPAN_POST_BANK),
                Msg::BranchesDone(BankCode::JAPAN_POST_BANK, Err(failed.clone())),
            ],
        );
        assert_eq!(model.data_failure(), Some(&failed));
        assert_eq!(model.wanted(), (false, None));
        let model = model.update(Msg::Retry);
        assert_eq!(model.data_failure(), None);
        assert_eq!(model.wanted(), (false, Some(BankCode::JAPAN_POST_BANK)));
        let model = steps(
            model,
            vec![
                Msg::BranchesDone(BankCode::JAPAN_POST_BANK, Ok(parse_branch_file(BankCode::JAPAN_POST_BANK, YUCHO.as_bytes()).unwrap())),
                Msg::Flow(AccountAction::EnterYucho { kigou: "０１６９０".into(), bangou: "0-100001".into() }),
            ],
        );
        assert_eq!(model.flow.step, AccountStep::HolderKana);
        assert_eq!(model.flow.values.branch.as_ref().unwrap().code, BranchCode::parse("169").unwrap());
        assert_eq!(model.flow.values.account_type, Some(flows::account::AccountType::Toza));
        assert_eq!(model.flow.values.number.unwrap().as_str(), "0100001");
    }

    #[test]
    fn confirm_mode_says_branch_gone_after_loading_the_file() {
        let model = steps(
            Model::default(),
            vec![
                Msg::Flow(AccountAction::Begin),
                identity(),
                Msg::Flow(AccountAction::ChooseMode(AccountMode::Confirm)),
                index_loaded(),
                Msg::Flow(AccountAction::CheckRegistered {
                    bank: "0001".into(),
                    branch: "123".into(),
                    account_type: "futsu".into(),
                    number: "1234567".into(),
                    holder: "ﾐﾎﾝ ﾀﾛｳ".into(),
                }),
            ],
        );
        assert_eq!(model.flow.verdict, None);
        assert_eq!(model.wanted(), (false, Some(bank("0001"))));
        let model = model.update(Msg::BranchesDone(bank("0001"), Ok(parse_branch_file(bank("0001"), MIZUHO.as_bytes()).unwrap())));
        let Some(ConfirmVerdict::NeedsChange { problems, .. }) = &model.flow.verdict else {
            panic!("{:?}", model.flow.verdict)
        };
        assert_eq!(
            problems.iter().map(|p| text::problem(Lang::Ja, p)).collect::<Vec<_>>(),
            ["支店の統合などで口座が無効になっている可能性があります。マイナポータルで口座を登録し直してください。"]
        );
        let model = model.update(Msg::Flow(AccountAction::SwitchToChange));
        assert_eq!((model.flow.step, model.flow.mode), (AccountStep::BankPicker, Some(AccountMode::Change)));
        // Restart keeps the data already loaded.
        let model = model.update(Msg::Restart);
        assert_eq!(model.flow, AccountFlow::default());
        assert_eq!(model.data.index, Load::Loaded);
    }

    #[test]
    fn a_confirm_verdict_is_shown_only_for_the_values_it_checked() {
        let check = |branch: &str| AccountAction::CheckRegistered {
            bank: "0001".into(),
            branch: branch.into(),
            account_type: "futsu".into(),
            number: "1234567".into(),
            holder: "ﾐﾎﾝ ﾀﾛｳ".into(),
        };
        let model = steps(
            Model::default(),
            vec![
                Msg::Flow(AccountAction::Begin),
                identity(),
                Msg::Flow(AccountAction::ChooseMode(AccountMode::Confirm)),
                index_loaded(),
                Msg::BranchesDone(bank("0001"), Ok(parse_branch_file(bank("0001"), MIZUHO.as_bytes()).unwrap())),
                Msg::Flow(check("001")),
            ],
        );
        assert_eq!(model.verdict_for(&check("001")), Some(&ConfirmVerdict::LooksFine));
        // The person then types another branch without checking again: "nothing wrong was
        // found" was about 001, not about 999, and is not shown for it.
        assert_eq!(model.verdict_for(&check("999")), None);
        let model = model.update(Msg::Flow(check("999")));
        assert!(matches!(model.verdict_for(&check("999")), Some(ConfirmVerdict::NeedsChange { .. })));
        assert_eq!(model.verdict_for(&check("001")), None);
    }

    #[test]
    fn screens_have_ids_and_steps() {
        assert_eq!(step_of(AccountStep::Intro), 0);
        assert_eq!(step_of(AccountStep::YuchoInput), 1);
        assert_eq!(step_of(AccountStep::HandOff), 4);
        assert_eq!(screen_id(AccountStep::Confirm), "a8");
    }

    /// The name is read from the 4-items file with the card-info PIN; another kind of PIN is
    /// refused before anything is sent.
    #[test]
    fn the_name_comes_from_the_four_items_file_only() {
        let session = crate::session::Session::default();
        let card = sim::VirtualCard::new(sim::persona("standard").unwrap()).unwrap();
        pollster::block_on(session.open(crate::session::AppChannel::Demo(sim::SimChannel::new(card)))).unwrap();
        let pin = card::Pin::new(PinRef::TextPin, "1234").unwrap();
        assert_eq!(pollster::block_on(read_name(&session, &pin, None)).unwrap(), "見本　太郎");
        let wrong_kind = card::Pin::new(PinRef::JpkiAuth, "1234").unwrap();
        assert!(pollster::block_on(read_name(&session, &wrong_kind, None)).is_err());
    }
}
