//! Signed submission in the widget: the ワ pattern of flows.md §5.2 (V1–V5) with the statement
//! of docs/widget-protocol.md §2 (`submission`) and a detached CMS signature (§3).
//!
//! | State | Step id    | Shown                                                          | Card operation |
//! |-------|------------|----------------------------------------------------------------|----------------|
//! | V1    | `purpose`  | purpose, relying party, what is shared (4 items, never the My Number), consent tick | — |
//! | —     | `account`  | the account fields (flow `account` only), checked by `flows::account` | — |
//! | V2    | `data`     | the data human-readable *and* the exact statement text        | —              |
//! | V3    | `reading`, `password`, `signing` | the shared PIN dialog in password mode (tries of 5) | tries, VERIFY (guarded), READ sign cert, CMS prepare → COMPUTE SIGNATURE → finish |
//! | V4    | —          | the result is posted to the host                               | —              |
//! | V5    | `done`     | "sent"                                                         | —              |
//!
//! The statement continues the login lines with (widget-protocol.md §2):
//!
//! ```text
//! flow: <account | consent>
//! data:
//! <key>=<value>     one line per item, keys sorted by bytes
//! ```
//!
//! Account keys: `account_number`, `account_type` (`futsu` | `toza`), `bank_code`,
//! `branch_code`, `holder_kana` (Zengin half-width form); consent: `consent` (the text shown).

use std::collections::BTreeMap;
use std::rc::Rc;

use card::{Certificate, LastTryConfirmation, Pin, PinRef, PinStatus, SigningKey};
use flows::account::{
    check_account, AccountInput, AccountProblem, AccountType, CheckPurpose, CheckedAccount,
};
use pki::cms::{Encapsulation, SignedDataBuilder};
use pki::rp::{Flow, Statement};
use serde_json::{json, Value};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::card_access::open_card;
use super::card_login::{failure_view, statement_time, Binding, Shown, SigningError};
use crate::components::notification::{Notification, Severity};
use crate::components::pin_dialog::{PinDialog, PinSubmission};
use crate::embed::{base64, SubmissionData};
use crate::i18n::widget::WidgetText;
use crate::i18n::Lang;
use crate::session::{self, AppChannel, Session, SessionError};

/// What is signed: the consent text as shown, or account fields that passed `flows::account`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// flows.md §6.2 consent, in the language it was shown in.
    Consent(String),
    /// flows.md §2 account, normalised (Zengin holder, 7-digit number).
    Account(CheckedAccount),
}

impl Content {
    /// The statement's `flow:`.
    pub fn flow(&self) -> Flow {
        match self {
            Content::Consent(_) => Flow::Consent,
            Content::Account(_) => Flow::Account,
        }
    }

    /// The `data:` items (widget-protocol.md §2), keys in byte order by the map.
    pub fn items(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            Content::Consent(text) => vec![("consent", text.clone())],
            Content::Account(account) => vec![
                ("account_number", account.number.as_str().to_owned()),
                ("account_type", account.account_type.cli_name().to_owned()),
                ("bank_code", account.bank.as_str().to_owned()),
                ("branch_code", account.branch.as_str().to_owned()),
                ("holder_kana", account.holder.as_str().to_owned()),
            ],
        };
        pairs
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect()
    }
}

/// The submission statement at `unix_seconds`.
pub fn submission_statement(
    binding: &Binding,
    unix_seconds: u64,
    content: &Content,
) -> Result<Statement, SigningError> {
    Statement::submission(
        binding.challenge.clone(),
        binding.origin.clone(),
        binding.relying_party.clone(),
        statement_time(unix_seconds)?,
        content.flow(),
        content.items(),
    )
    .map_err(|e| SigningError::Statement(e.to_string()))
}

/// VERIFY of the signature password through the PIN guard, READ of the signature certificate,
/// and a detached CMS SignedData (SHA-256) over the statement bytes whose signature the card
/// makes (`pki::cms`: prepare → the card signs the DigestInfo → finish); returns the §3
/// submission result.
pub async fn sign_submission(
    session: &Session,
    password: &Pin,
    confirmation: Option<LastTryConfirmation>,
    statement: &Statement,
) -> Result<Value, SigningError> {
    if password.reference() != PinRef::JpkiSign {
        return Err(SigningError::Session(SessionError::Card(
            card::CardError::PinForOtherReference {
                expected: PinRef::JpkiSign,
                given: password.reference(),
            },
        )));
    }
    let bytes = statement.to_bytes();
    let (certificate, cms) = session
        .with_card(async |card| {
            card.verify(password, confirmation).await?;
            let der = card.read_certificate(Certificate::Sign).await?;
            let signer = pki::JpkiCertificate::from_der(&der)
                .map_err(|e| SessionError::Certificate(e.to_string()))?;
            let pending = SignedDataBuilder::new(&signer, &bytes, Encapsulation::Detached)
                .prepare()
                .map_err(|e| SessionError::Certificate(e.to_string()))?;
            let signature = card
                .sign_digest_info(SigningKey::Sign, pending.digest_info())
                .await?;
            let cms = pending
                .finish(&signature)
                .map_err(|e| SessionError::Certificate(e.to_string()))?;
            Ok((der, cms))
        })
        .await?;
    let text = String::from_utf8(bytes).map_err(|e| SigningError::Statement(e.to_string()))?;
    Ok(json!({
        "version": 1,
        "kind": "submission",
        "statement": text,
        "certificate": base64(&certificate),
        "cms": base64(&cms),
    }))
}

/// Props of [`SignedSubmissionPage`].
#[derive(Properties, PartialEq)]
pub struct SignedSubmissionProps {
    /// The widget's card session.
    pub session: Session,
    /// The channel of a new source, or `None` when the session already holds it.
    pub connect: Callback<(), Option<AppChannel>>,
    /// Challenge, origin and relying party.
    pub binding: Rc<Binding>,
    /// Consent or account.
    pub data: SubmissionData,
    /// Tells the host which screen is shown.
    pub on_step: Callback<&'static str>,
    /// Hands the §3 result to the host.
    pub on_result: Callback<Value>,
    /// Tells the host what went wrong (`code`, message in the shown language).
    pub on_error: Callback<(&'static str, String)>,
}

#[derive(Clone, PartialEq)]
enum Screen {
    Purpose,
    Account,
    Data {
        content: Content,
        statement: Rc<Statement>,
    },
    Reading {
        statement: Rc<Statement>,
    },
    Password {
        statement: Rc<Statement>,
        status: PinStatus,
    },
    Signing,
    Done,
}

impl Screen {
    fn id(&self) -> &'static str {
        match self {
            Screen::Purpose => "purpose",
            Screen::Account => "account",
            Screen::Data { .. } => "data",
            Screen::Reading { .. } => "reading",
            Screen::Password { .. } => "password",
            Screen::Signing => "signing",
            Screen::Done => "done",
        }
    }

    /// The step the person is on, from [`steps`]`(data)`.
    fn step(&self, data: SubmissionData) -> WidgetText {
        match self {
            Screen::Purpose => WidgetText::StepPurpose,
            Screen::Account => match data {
                SubmissionData::Account => WidgetText::StepAccount,
                // Not reached: the consent flow has no account form.
                SubmissionData::Consent => WidgetText::StepPurpose,
            },
            Screen::Data { .. } => WidgetText::StepData,
            Screen::Reading { .. } | Screen::Password { .. } | Screen::Signing => {
                WidgetText::StepPassword
            }
            Screen::Done => WidgetText::StepDone,
        }
    }
}

/// The steps shown for `data` (flows.md §5.2 V1–V5): the account flow has its form as a step
/// of its own between the purpose and the check.
///
/// ```text
/// consent   1 目的 → 2 内容の確認 → 3 署名 → 4 完了
/// account   1 目的 → 2 口座の入力 → 3 内容の確認 → 4 署名 → 5 完了
/// ```
fn steps(data: SubmissionData) -> &'static [WidgetText] {
    match data {
        SubmissionData::Account => &[
            WidgetText::StepPurpose,
            WidgetText::StepAccount,
            WidgetText::StepData,
            WidgetText::StepPassword,
            WidgetText::StepDone,
        ],
        SubmissionData::Consent => &[
            WidgetText::StepPurpose,
            WidgetText::StepData,
            WidgetText::StepPassword,
            WidgetText::StepDone,
        ],
    }
}

/// The account fields a problem belongs to (for `aria-invalid`).
fn problem_field(problem: &AccountProblem) -> &'static str {
    match problem {
        AccountProblem::BankCode(_) | AccountProblem::UnknownBank(_) => "bank",
        AccountProblem::BranchCode(_)
        | AccountProblem::UnknownBranch { .. }
        | AccountProblem::BranchGone { .. } => "branch",
        AccountProblem::AccountType(_) | AccountProblem::YuchoBranchType { .. } => "type",
        AccountProblem::Number(_) | AccountProblem::Yucho(_) => "number",
        AccountProblem::Holder(_) => "holder",
        _ => "bank",
    }
}

/// The human-readable rows of V2.
fn data_rows(lang: Lang, content: &Content) -> Vec<(WidgetText, String)> {
    match content {
        Content::Consent(text) => vec![(WidgetText::ConsentLabel, text.clone())],
        Content::Account(account) => {
            let kind = match account.account_type {
                AccountType::Futsu => WidgetText::Futsu,
                _ => WidgetText::Toza,
            };
            vec![
                (WidgetText::BankCode, account.bank.as_str().to_owned()),
                (WidgetText::BranchCode, account.branch.as_str().to_owned()),
                (WidgetText::AccountType, kind.get(lang).to_owned()),
                (
                    WidgetText::AccountNumber,
                    account.number.as_str().to_owned(),
                ),
                (WidgetText::HolderKana, account.holder.as_str().to_owned()),
            ]
        }
    }
}

/// The step list of V1–V5, `current` marked.
fn steps_view(lang: Lang, data: SubmissionData, current: WidgetText) -> Html {
    let steps = steps(data);
    let current = steps.iter().position(|s| *s == current).unwrap_or_default();
    html! {
        <ol class="step-indicator" aria-label={ crate::i18n::Text::StepsLabel.get(lang) }>
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
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|input| input.value())
        .unwrap_or_default()
}

/// The signed-submission page.
#[function_component(SignedSubmissionPage)]
pub fn signed_submission_page(props: &SignedSubmissionProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let screen = use_state(|| Screen::Purpose);
    let failure = use_state(|| None::<Shown>);
    let tick_missing = use_state(|| false);
    let bad_fields = use_state(Vec::<&'static str>::new);
    let consent_tick = use_node_ref();
    let fields = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let futsu = use_node_ref();
    let body_ref = use_node_ref();
    super::use_focus_on_change(screen.id(), body_ref.clone());
    {
        let on_step = props.on_step.clone();
        use_effect_with(screen.id(), move |id| on_step.emit(id));
    }

    // Going to V2: the statement is made now, with this moment's time, and signed as shown.
    let to_data = {
        let screen = screen.clone();
        let failure = failure.clone();
        let binding = props.binding.clone();
        let on_error = props.on_error.clone();
        Rc::new(move |content: Content| {
            match submission_statement(&binding, session::now_unix_seconds(), &content) {
                Ok(statement) => {
                    failure.set(None);
                    screen.set(Screen::Data {
                        content,
                        statement: Rc::new(statement),
                    });
                }
                Err(error) => {
                    let message = error.message(lang);
                    on_error.emit((error.code(), message.clone()));
                    failure.set(Some(Shown {
                        message,
                        technical: error.technical(),
                    }));
                }
            }
        })
    };

    let purpose_next = {
        let screen = screen.clone();
        let tick_missing = tick_missing.clone();
        let consent_tick = consent_tick.clone();
        let to_data = to_data.clone();
        let data = props.data;
        Callback::from(move |_: MouseEvent| {
            let ticked = consent_tick
                .cast::<HtmlInputElement>()
                .is_some_and(|tick| tick.checked());
            tick_missing.set(!ticked);
            if !ticked {
                return;
            }
            match data {
                SubmissionData::Consent => to_data(Content::Consent(
                    WidgetText::ConsentText.get(lang).to_owned(),
                )),
                SubmissionData::Account => screen.set(Screen::Account),
            }
        })
    };

    let account_next = {
        let fields = fields.clone();
        let futsu = futsu.clone();
        let bad_fields = bad_fields.clone();
        let to_data = to_data.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let [bank, branch, number, holder] = fields.each_ref().map(input_value);
            let kind = if futsu
                .cast::<HtmlInputElement>()
                .is_some_and(|r| r.checked())
            {
                "futsu"
            } else {
                "toza"
            };
            let input = AccountInput {
                bank: &bank,
                branch: &branch,
                account_type: kind,
                number: &number,
                holder: &holder,
            };
            match check_account(&input, None, CheckPurpose::Register) {
                Ok(account) => {
                    bad_fields.set(Vec::new());
                    to_data(Content::Account(account));
                }
                Err(problems) => bad_fields.set(problems.iter().map(problem_field).collect()),
            }
        })
    };

    let fail = {
        let screen = screen.clone();
        let failure = failure.clone();
        let on_error = props.on_error.clone();
        Rc::new(move |error: SigningError, back_to: Screen| {
            let message = error.message(lang);
            on_error.emit((error.code(), message.clone()));
            failure.set(Some(Shown {
                message,
                technical: error.technical(),
            }));
            screen.set(back_to);
        })
    };

    let back = {
        let screen = screen.clone();
        let data = props.data;
        Callback::from(move |_: MouseEvent| {
            screen.set(match data {
                SubmissionData::Account => Screen::Account,
                SubmissionData::Consent => Screen::Purpose,
            })
        })
    };

    let sign = {
        let screen = screen.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        let connect = props.connect.clone();
        let fail = fail.clone();
        Callback::from(move |_: MouseEvent| {
            let Screen::Data { content, statement } = (*screen).clone() else {
                return;
            };
            let fresh = connect.emit(());
            failure.set(None);
            screen.set(Screen::Reading {
                statement: statement.clone(),
            });
            let screen = screen.clone();
            let session = session.clone();
            let fail = fail.clone();
            spawn_local(async move {
                let status = match open_card(&session, fresh).await {
                    Ok(_) => session.pin_status(PinRef::JpkiSign).await,
                    Err(error) => Err(error),
                };
                match status {
                    Ok(status) => screen.set(Screen::Password { statement, status }),
                    Err(error) => fail(error.into(), Screen::Data { content, statement }),
                }
            });
        })
    };

    // The V2 screen to go back to after a cancel or a failure at V3.
    let data_screen = use_mut_ref(|| None::<Screen>);
    if let Screen::Data { .. } = &*screen {
        *data_screen.borrow_mut() = Some((*screen).clone());
    }

    let on_submit = {
        let screen = screen.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        let on_result = props.on_result.clone();
        let fail = fail.clone();
        let data_screen = data_screen.clone();
        Callback::from(move |submission: PinSubmission| {
            let Screen::Password { statement, .. } = (*screen).clone() else {
                return;
            };
            let PinSubmission {
                pin,
                last_try_confirmed,
            } = submission;
            screen.set(Screen::Signing);
            let screen = screen.clone();
            let failure = failure.clone();
            let session = session.clone();
            let on_result = on_result.clone();
            let fail = fail.clone();
            let back_to = data_screen.borrow().clone().unwrap_or(Screen::Purpose);
            spawn_local(async move {
                let confirmation =
                    last_try_confirmed.then(LastTryConfirmation::user_confirmed_last_try);
                let outcome = sign_submission(&session, &pin, confirmation, &statement).await;
                drop(pin);
                match outcome {
                    Ok(result) => {
                        on_result.emit(result);
                        screen.set(Screen::Done);
                    }
                    Err(SigningError::Session(SessionError::Card(
                        card::CardError::LastTryNeedsConfirmation { .. },
                    ))) => {
                        failure.set(Some(Shown {
                            message: WidgetText::LastTryNotConfirmed.get(lang).to_owned(),
                            technical: String::new(),
                        }));
                        screen.set(back_to);
                    }
                    Err(error) => fail(error, back_to),
                }
            });
        })
    };
    let on_cancel = {
        let screen = screen.clone();
        let failure = failure.clone();
        let data_screen = data_screen.clone();
        Callback::from(move |()| {
            failure.set(Some(Shown {
                message: WidgetText::PinCancelled.get(lang).to_owned(),
                technical: String::new(),
            }));
            screen.set(data_screen.borrow().clone().unwrap_or(Screen::Purpose));
        })
    };

    let purpose = match props.data {
        SubmissionData::Consent => WidgetText::PurposeConsent,
        SubmissionData::Account => WidgetText::PurposeAccount,
    };
    let field = |id: &'static str,
                 label: WidgetText,
                 node: &NodeRef,
                 mode: &'static str,
                 key: &'static str| {
        let invalid = bad_fields.contains(&key);
        html! {
            <div class="field">
                <label for={id} class="field-label">{ label.view(lang) }</label>
                <input {id} ref={node.clone()} type="text" inputmode={mode} autocomplete="off" spellcheck="false"
                    aria-invalid={ if invalid { "true" } else { "false" } } />
            </div>
        }
    };

    let body = match &*screen {
        Screen::Purpose => html! {
            <>
                <p class="widget-purpose">{ purpose.view(lang) }</p>
                <h3>{ WidgetText::SharedTitle.view(lang) }</h3>
                <ul class="checklist widget-shared">
                    <li>{ WidgetText::SharedFourItems.view(lang) }</li>
                    <li>{ WidgetText::SharedData.view(lang) }</li>
                </ul>
                <p class="notice notice-info">{ WidgetText::SharedNever.view(lang) }</p>
                { failure_view(lang, &failure) }
                <label class="checkbox">
                    <input id="submission-consent" ref={consent_tick.clone()} type="checkbox"
                        aria-describedby={ (*tick_missing).then_some("submission-tick-first") } />
                    { WidgetText::ConsentTick.view(lang) }
                </label>
                if *tick_missing {
                    <p id="submission-tick-first" class="field-error" role="alert">{ WidgetText::TickFirst.view(lang) }</p>
                }
                <div class="actions">
                    <button type="button" class="button-primary" id="submission-next" onclick={purpose_next}>
                        { WidgetText::Next.view(lang) }
                    </button>
                </div>
            </>
        },
        Screen::Account => html! {
            <form class="widget-account" onsubmit={account_next} novalidate=true autocomplete="off">
                <h3>{ WidgetText::AccountTitle.view(lang) }</h3>
                if !bad_fields.is_empty() {
                    <p class="field-error" role="alert">{ WidgetText::AccountInvalid.view(lang) }</p>
                }
                { field("account-bank", WidgetText::BankCode, &fields[0], "numeric", "bank") }
                { field("account-branch", WidgetText::BranchCode, &fields[1], "numeric", "branch") }
                <fieldset class="radio-group">
                    <legend>{ WidgetText::AccountType.view(lang) }</legend>
                    <label class="radio"><input ref={futsu.clone()} type="radio" name="account-type" id="account-type-futsu" checked=true />
                        { WidgetText::Futsu.view(lang) }</label>
                    <label class="radio"><input type="radio" name="account-type" id="account-type-toza" />
                        { WidgetText::Toza.view(lang) }</label>
                </fieldset>
                { field("account-number", WidgetText::AccountNumber, &fields[2], "numeric", "number") }
                { field("account-holder", WidgetText::HolderKana, &fields[3], "text", "holder") }
                <div class="actions">
                    <button type="submit" class="button-primary" id="account-next">{ WidgetText::Next.view(lang) }</button>
                </div>
            </form>
        },
        Screen::Data { content, statement } => {
            let text = String::from_utf8_lossy(&statement.to_bytes()).into_owned();
            html! {
                <>
                    <h3>{ WidgetText::DataTitle.view(lang) }</h3>
                    <dl class="facts widget-data">
                        { for data_rows(lang, content).into_iter().map(|(label, value)| html! {
                            <><dt>{ label.view(lang) }</dt><dd>{ value }</dd></>
                        }) }
                    </dl>
                    <h3>{ WidgetText::ExactTitle.view(lang) }</h3>
                    <p>{ WidgetText::ExactNote.view(lang) }</p>
                    <pre class="widget-statement" id="submission-statement" tabindex="0">{ text }</pre>
                    { failure_view(lang, &failure) }
                    <div class="actions">
                        <button type="button" class="button-primary" id="submission-sign" onclick={sign}>
                            { WidgetText::SignWithPassword.view(lang) }
                        </button>
                        <button type="button" class="button-secondary" onclick={back}>{ WidgetText::Back.view(lang) }</button>
                    </div>
                </>
            }
        }
        Screen::Reading { .. } => {
            html! { <p class="progress" role="status">{ WidgetText::ReadingCard.view(lang) }</p> }
        }
        Screen::Password { status, .. } => html! {
            <PinDialog pin={PinRef::JpkiSign} status={*status} {on_submit} {on_cancel} />
        },
        Screen::Signing => {
            html! { <p class="progress" role="status">{ WidgetText::Signing.view(lang) }</p> }
        }
        Screen::Done => html! {
            <Notification severity={Severity::Success}>
                <p id="submission-done">{ WidgetText::SubmissionDone.view(lang) }</p>
            </Notification>
        },
    };

    html! {
        <section class="flow page-submission" aria-labelledby="page-title" data-step={screen.id()}>
            <h2 id="page-title">{ WidgetText::SubmissionTitle.view(lang) }</h2>
            <p class="widget-relying-party"><span class="widget-label">{ WidgetText::RelyingPartyLabel.view(lang) }</span>
                { " " }<strong>{ props.binding.relying_party.as_str().to_owned() }</strong></p>
            { steps_view(lang, props.data, screen.step(props.data)) }
            <div class="flow-body" ref={body_ref} tabindex="-1">{ body }</div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_step_indicator_shows_the_account_form_as_its_own_step() {
        let account = SubmissionData::Account;
        let shown = |screen: Screen| {
            let current = screen.step(account);
            (steps(account).iter().position(|s| *s == current), current)
        };
        assert_eq!(shown(Screen::Purpose), (Some(0), WidgetText::StepPurpose));
        assert_eq!(shown(Screen::Account), (Some(1), WidgetText::StepAccount));
        assert_eq!(shown(Screen::Signing), (Some(3), WidgetText::StepPassword));
        assert_eq!(shown(Screen::Done), (Some(4), WidgetText::StepDone));
        assert_eq!(
            steps(SubmissionData::Consent),
            [
                WidgetText::StepPurpose,
                WidgetText::StepData,
                WidgetText::StepPassword,
                WidgetText::StepDone
            ]
        );
        assert_eq!(
            Screen::Signing.step(SubmissionData::Consent),
            WidgetText::StepPassword
        );
        assert_eq!(WidgetText::StepAccount.get(Lang::Ja), "口座の入力");
    }

    fn open(persona: &str) -> Session {
        let session = Session::default();
        let card = sim::VirtualCard::new(sim::persona(persona).unwrap()).unwrap();
        pollster::block_on(session.open(AppChannel::Demo(sim::SimChannel::new(card)))).unwrap();
        session
    }

    fn binding() -> Binding {
        Binding::new("chal_0123456789abcdef", "http://127.0.0.1:8081", "デモ市").unwrap()
    }

    fn account() -> Content {
        let input = AccountInput {
            bank: "0001",
            branch: "001",
            account_type: "futsu",
            number: "1234567",
            holder: "ヤマダ タロウ",
        };
        Content::Account(check_account(&input, None, CheckPurpose::Register).unwrap())
    }

    #[test]
    fn the_account_statement_has_the_exact_protocol_bytes() {
        let statement = submission_statement(&binding(), 1_796_259_600, &account()).unwrap();
        assert_eq!(
            String::from_utf8(statement.to_bytes()).unwrap(),
            "mynaweb/1 submission\nchallenge: chal_0123456789abcdef\norigin: http://127.0.0.1:8081\nrelying-party: デモ市\n\
             time: 2026-12-03T01:00:00Z\nflow: account\ndata:\naccount_number=1234567\naccount_type=futsu\n\
             bank_code=0001\nbranch_code=001\nholder_kana=ﾔﾏﾀﾞ ﾀﾛｳ\n"
        );
    }

    #[test]
    fn the_consent_statement_signs_the_text_shown() {
        let content = Content::Consent(WidgetText::ConsentText.get(Lang::Ja).to_owned());
        let statement = submission_statement(&binding(), 1_796_259_600, &content).unwrap();
        assert!(String::from_utf8(statement.to_bytes())
            .unwrap()
            .ends_with("flow: consent\ndata:\nconsent=最新の基本4情報の提供に同意します\n"));
    }

    #[test]
    fn the_card_makes_a_detached_cms_with_the_signature_certificate() {
        let session = open("standard");
        let statement = submission_statement(&binding(), 1_796_259_600, &account()).unwrap();
        let password = Pin::new(PinRef::JpkiSign, "ABC123").unwrap();
        let result =
            pollster::block_on(sign_submission(&session, &password, None, &statement)).unwrap();
        assert_eq!(result["kind"], "submission");
        assert_eq!(result["version"], 1);
        let cms = pki_base64(result["cms"].as_str().unwrap());
        let verified = pki::cms::verify(&cms, Some(&statement.to_bytes())).unwrap();
        assert_eq!(
            verified.signer.profile().kind,
            Some(pki::CertificateKind::Signature)
        );
        assert_eq!(verified.content, None);
        let certificate = pki_base64(result["certificate"].as_str().unwrap());
        assert_eq!(verified.signer.der(), certificate.as_slice());
        // Another statement does not verify against this CMS.
        let other = submission_statement(&binding(), 1_796_259_601, &account()).unwrap();
        assert!(pki::cms::verify(&cms, Some(&other.to_bytes())).is_err());
        // The result carries no PIN and no My Number.
        let text = result.to_string();
        assert!(!text.contains("ABC123"));
        assert!(!text.contains(&sim::persona("standard").unwrap().my_number()));
    }

    #[test]
    fn a_wrong_password_costs_one_try_of_five() {
        let session = open("standard");
        let statement = submission_statement(&binding(), 1_796_259_600, &account()).unwrap();
        let wrong = Pin::new(PinRef::JpkiSign, "WRONG1").unwrap();
        let error =
            pollster::block_on(sign_submission(&session, &wrong, None, &statement)).unwrap_err();
        assert!(matches!(
            error,
            SigningError::Session(SessionError::Card(card::CardError::WrongPin {
                tries_left: 4,
                ..
            }))
        ));
        assert_eq!(
            pollster::block_on(session.pin_status(PinRef::JpkiSign)).unwrap(),
            PinStatus::TriesLeft(4)
        );
    }

    #[test]
    fn account_problems_mark_their_fields() {
        let input = AccountInput {
            bank: "12",
            branch: "001",
            account_type: "futsu",
            number: "",
            holder: "ヤマダ",
        };
        let problems = check_account(&input, None, CheckPurpose::Register).unwrap_err();
        let fields: Vec<_> = problems.iter().map(problem_field).collect();
        assert_eq!(fields, ["bank", "number"]);

        // A ゆうちょ branch ending in 8 holds only 普通 accounts (flows.md §2.4): the type is wrong.
        let yucho = AccountInput {
            bank: "9900",
            branch: "058",
            account_type: "toza",
            number: "1234567",
            holder: "ヤマダ",
        };
        let problems = check_account(&yucho, None, CheckPurpose::Register).unwrap_err();
        let fields: Vec<_> = problems.iter().map(problem_field).collect();
        assert_eq!(fields, ["type"]);
    }

    /// Standard base64 decoding through the PEM reader of `pki`.
    fn pki_base64(text: &str) -> Vec<u8> {
        let pem = format!("-----BEGIN CMS-----\n{text}\n-----END CMS-----\n");
        pki::pem::der_from_pem_or_der(pem.as_bytes(), &["CMS"]).unwrap()
    }

    #[test]
    fn a_submission_on_an_open_card_takes_seven_apdus() {
        let session = open("standard");
        pollster::block_on(session.with_card(async |card| Ok(card.take_trace()))).unwrap();
        let statement = submission_statement(&binding(), 1_796_259_600, &account()).unwrap();
        let password = Pin::new(PinRef::JpkiSign, "ABC123").unwrap();
        pollster::block_on(sign_submission(&session, &password, None, &statement)).unwrap();
        let trace =
            pollster::block_on(session.with_card(async |card| Ok(card.take_trace()))).unwrap();
        let commands: Vec<String> = trace
            .iter()
            .map(|e| card::trace::to_hex(&e.command))
            .collect();
        // Tries of the signature password (SELECT EF 001B + empty VERIFY), the VERIFY (data left
        // out of the trace), one extended READ BINARY of the signature certificate by SFI 01,
        // SELECT of the signature key EF 001A, COMPUTE SIGNATURE over the DigestInfo of the CMS
        // signed attributes (contentType, messageDigest = SHA-256 of the statement).
        assert_eq!(
            commands,
            [
                "00 A4 02 0C 02 00 1B",
                "00 20 00 80",
                "00 A4 02 0C 02 00 1B",
                "00 20 00 80 06",
                "00 B0 81 00 00 00 00",
                "00 A4 02 0C 02 00 1A",
                "80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 8A 90 46 88 90 A2 42 7D 18 49 46 8C CE 93 71 89 6F 5E 21 9F 7E 48 DD 5B C7 F6 75 99 53 CB 44 E8 00",
            ]
        );
    }
}
