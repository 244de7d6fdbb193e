//! Insurance-use registration pre-check and hand-off (flows.md §1A, R0–R4).
//!
//! | State | Shown here                                                    | Card operation              |
//! |-------|---------------------------------------------------------------|-----------------------------|
//! | R0    | checklist: card, 4-digit PIN, reader                          | —                           |
//! | R1    | auth certificate's last valid day, tries left of every PIN    | overview (no PIN)           |
//! | R1    | optional PIN test: tries first, then the PIN dialog           | VERIFY, only when confirmed |
//! | R2    | §8 help: E8 renew, E2 municipal window, E10 clinic reader      | —                           |
//! | R3    | radio: Mynaportal / clinic reader / Seven Bank ATM            | —                           |
//! | R4    | what to do there; reminder of the 資格情報のお知らせ            | —                           |
//!
//! Every transition is [`flows::insurance::RegistrationState::reduce`]; this page only reads the
//! card when asked and shows the state.

use std::rc::Rc;

use card::{LastTryConfirmation, PinRef, PinStatus};
use flows::catalogue::situation_of_registration;
use flows::insurance::{Channel, PinRole, PinTest, RegistrationAction, RegistrationProblem, RegistrationState};
use flows::session::{PinStatus as FlowPinStatus, VerifyOutcome};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::card_access::{check_report, open_card, CardPageProps, ReportGap};
use super::today;
use crate::components::card_panel::pin_name;
use crate::components::notification::{Notification, Severity};
use crate::components::pin_dialog::{PinDialog, PinSubmission};
use crate::components::radio_group::RadioGroup;
use crate::components::step_indicator::StepIndicator;
use crate::components::widget_report;
use crate::i18n::{self, Lang, Text};
use crate::messages;
use crate::session::SessionError;
use crate::situations::Message;

/// Mynaportal, where the registration itself is done (flows.md §1A "Channels in the real world").
pub const MYNAPORTAL_URL: &str = "https://myna.go.jp/";

/// The flow state, reduced with today's date (JST).
#[derive(Clone, PartialEq, Default)]
struct Model(RegistrationState);

impl Reducible for Model {
    type Action = RegistrationAction;

    fn reduce(self: Rc<Self>, action: RegistrationAction) -> Rc<Self> {
        let Some(today) = today() else { return self };
        match self.0.clone().reduce(action, today) {
            Ok(next) => Rc::new(Model(next)),
            // An action that does not apply (a double click, a stale button) changes nothing.
            Err(_) => self,
        }
    }
}

fn step_of(state: &RegistrationState) -> usize {
    match state {
        RegistrationState::BeforeYouStart => 0,
        RegistrationState::ChooseChannel { .. } => 2,
        RegistrationState::Done { .. } => 3,
        _ => 1,
    }
}

/// Which screen is showing: when it changes, focus moves to the flow's body so keyboard and
/// screen-reader users continue where the new content starts.
fn screen_key(state: &RegistrationState) -> &'static str {
    match state {
        RegistrationState::BeforeYouStart => "r0",
        RegistrationState::CardCheck => "r1-reading",
        RegistrationState::CardChecked { pin_test: PinTest::Off, .. } => "r1",
        RegistrationState::CardChecked { pin_test: PinTest::Confirming { .. }, .. } => "r1-confirm",
        RegistrationState::CardChecked { pin_test: PinTest::Running, .. } => "r1-running",
        RegistrationState::CardChecked { pin_test: PinTest::Finished(_), .. } => "r1-answered",
        RegistrationState::Problems { .. } => "r2",
        RegistrationState::ChooseChannel { .. } => "r3",
        RegistrationState::Done { .. } => "r4",
        _ => "other",
    }
}

fn channel_text(channel: Channel) -> (Text, &'static str) {
    match channel {
        Channel::Mynaportal => (Text::InsChannelMynaportal, "mynaportal"),
        Channel::ClinicReader => (Text::InsChannelClinic, "clinic"),
        Channel::SevenBankAtm => (Text::InsChannelAtm, "atm"),
    }
}

fn role_pin(role: PinRole) -> PinRef {
    match role {
        PinRole::UserAuthentication => PinRef::JpkiAuth,
        PinRole::CardInfo => PinRef::TextPin,
        PinRole::Signature => PinRef::JpkiSign,
    }
}

fn status_text(lang: Lang, status: FlowPinStatus) -> String {
    match status {
        FlowPinStatus::Remaining(0) => Text::PinBlocked.get(lang).to_string(),
        FlowPinStatus::Remaining(n) => i18n::tries_left(lang, n),
        FlowPinStatus::NotSet => Text::PinNotSet.get(lang).to_string(),
    }
}

/// A failure to show, with its technical line.
#[derive(Clone, PartialEq)]
struct Failure {
    message: String,
    technical: String,
}

impl Failure {
    fn of(lang: Lang, error: &SessionError) -> Self {
        Failure { message: messages::for_session_error(lang, error), technical: messages::technical(error) }
    }
}

/// The registration pre-check page.
#[function_component(InsurancePage)]
pub fn insurance_page(props: &CardPageProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let model = use_reducer(Model::default);
    let reading = use_state(|| false);
    let failure = use_state(|| None::<Failure>);
    // The auth PIN's status read right before the dialog opens.
    let dialog = use_state(|| None::<PinStatus>);
    // A note after a PIN test that sent nothing (last try not confirmed).
    let pin_note = use_state(|| None::<Text>);
    let choose_first = use_state(|| false);
    let body_ref = use_node_ref();
    super::use_focus_on_change(screen_key(&model.0), body_ref.clone());
    widget_report::use_embed_report(screen_key(&model.0), widget_report::insurance_summary(&model.0));

    let read = {
        let model = model.clone();
        let reading = reading.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        let connect = props.connect.clone();
        Callback::from(move |_| {
            model.dispatch(RegistrationAction::Start);
            let fresh = connect.emit(());
            let model = model.clone();
            let reading = reading.clone();
            let failure = failure.clone();
            let session = session.clone();
            reading.set(true);
            failure.set(None);
            spawn_local(async move {
                let result = match open_card(&session, fresh).await {
                    Ok(_) => session.overview().await,
                    Err(error) => Err(error),
                };
                reading.set(false);
                match result {
                    Ok(overview) => match check_report(&overview) {
                        Ok(report) => model.dispatch(RegistrationAction::CardRead(report)),
                        Err(gap) => failure.set(Some(Failure {
                            message: match gap {
                                ReportGap::CertificateNeedsPin => Text::CertNeedsPinPhone,
                                ReportGap::UnreadableDate => Text::ErrCommunication,
                            }
                            .get(lang)
                            .to_string(),
                            technical: format!("{gap:?}"),
                        })),
                    },
                    Err(error) => failure.set(Some(Failure::of(lang, &error))),
                }
            });
        })
    };

    let action = |action: RegistrationAction| {
        let model = model.clone();
        let pin_note = pin_note.clone();
        Callback::from(move |_: MouseEvent| {
            pin_note.set(None);
            model.dispatch(action.clone());
        })
    };

    let confirm_pin_test = {
        let model = model.clone();
        let dialog = dialog.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        Callback::from(move |_: MouseEvent| {
            model.dispatch(RegistrationAction::ConfirmPinTest);
            let model = model.clone();
            let dialog = dialog.clone();
            let failure = failure.clone();
            let session = session.clone();
            // The tries are read again right before the dialog, so it shows the card's state now.
            spawn_local(async move {
                match session.pin_status(PinRef::JpkiAuth).await {
                    Ok(status) => dialog.set(Some(status)),
                    Err(error) => {
                        model.dispatch(RegistrationAction::CancelPinTest);
                        failure.set(Some(Failure::of(lang, &error)));
                    }
                }
            });
        })
    };

    let on_submit = {
        let model = model.clone();
        let dialog = dialog.clone();
        let failure = failure.clone();
        let pin_note = pin_note.clone();
        let session = props.session.clone();
        Callback::from(move |submission: PinSubmission| {
            dialog.set(None);
            let model = model.clone();
            let failure = failure.clone();
            let pin_note = pin_note.clone();
            let session = session.clone();
            spawn_local(async move {
                let PinSubmission { pin, last_try_confirmed } = submission;
                let confirmation = last_try_confirmed.then(LastTryConfirmation::user_confirmed_last_try);
                let result = session.verify(&pin, confirmation).await;
                drop(pin);
                match result {
                    Ok(_) => model.dispatch(RegistrationAction::PinTestAnswered(VerifyOutcome::Correct)),
                    Err(SessionError::Card(card::CardError::WrongPin { tries_left, .. })) => model
                        .dispatch(RegistrationAction::PinTestAnswered(VerifyOutcome::Wrong { remaining: tries_left })),
                    Err(SessionError::Card(card::CardError::PinBlocked { .. })) => {
                        model.dispatch(RegistrationAction::PinTestAnswered(VerifyOutcome::Wrong { remaining: 0 }))
                    }
                    Err(SessionError::Card(card::CardError::LastTryNeedsConfirmation { .. })) => {
                        // Nothing was sent: the last try needs the explicit confirmation (E1).
                        model.dispatch(RegistrationAction::CancelPinTest);
                        pin_note.set(Some(Text::PinLastTryWarning));
                    }
                    Err(error) => {
                        model.dispatch(RegistrationAction::CancelPinTest);
                        failure.set(Some(Failure::of(lang, &error)));
                    }
                }
            });
        })
    };
    let on_cancel = {
        let model = model.clone();
        let dialog = dialog.clone();
        Callback::from(move |()| {
            dialog.set(None);
            model.dispatch(RegistrationAction::CancelPinTest);
        })
    };
    let on_channel = {
        let model = model.clone();
        let choose_first = choose_first.clone();
        Callback::from(move |value: AttrValue| {
            choose_first.set(false);
            let channel = match value.as_str() {
                "mynaportal" => Channel::Mynaportal,
                "clinic" => Channel::ClinicReader,
                _ => Channel::SevenBankAtm,
            };
            model.dispatch(RegistrationAction::Choose(channel));
        })
    };
    let finish = {
        let model = model.clone();
        let choose_first = choose_first.clone();
        Callback::from(move |_: MouseEvent| {
            let chosen = matches!(&model.0, RegistrationState::ChooseChannel { chosen: Some(_), .. });
            choose_first.set(!chosen);
            model.dispatch(RegistrationAction::Finish);
        })
    };
    let to_document = {
        let on_navigate = props.on_navigate.clone();
        Callback::from(move |_: MouseEvent| on_navigate.emit(super::Page::Document))
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    let steps = vec![Text::InsStepBefore, Text::InsStepCheck, Text::InsStepChannel, Text::InsStepDone];
    let failure_view = (*failure).clone().map(|failure| {
        html! {
            <Notification severity={Severity::Error}>
                <p>{ failure.message }</p>
                <details class="technical"><summary>{ Text::TechnicalDetails.view(lang) }</summary>
                    <p class="mono">{ failure.technical }</p></details>
            </Notification>
        }
    });

    let body = match &model.0 {
        RegistrationState::BeforeYouStart => html! {
            <>
                <h3>{ Text::InsChecklistTitle.view(lang) }</h3>
                <ul class="checklist">
                    <li>{ Text::InsChecklistCard.view(lang) }</li>
                    <li>{ Text::InsChecklistPin.view(lang) }</li>
                    <li>{ Text::InsChecklistReader.view(lang) }</li>
                </ul>
                <p>{ Text::InsNoPinToRead.view(lang) }</p>
                <button type="button" class="button-primary" onclick={read.clone()}>{ Text::InsCheckCard.view(lang) }</button>
            </>
        },
        RegistrationState::CardCheck => html! {
            <>
                if *reading {
                    <p class="progress" role="status">{ Text::Reading.view(lang) }</p>
                } else {
                    { failure_view.clone().unwrap_or_default() }
                    <button type="button" class="button-primary" onclick={read.clone()}>{ Text::InsCheckCard.view(lang) }</button>
                }
            </>
        },
        RegistrationState::CardChecked { report, problems, renewal_open, pin_test } => {
            let auth_remaining =
                report.pins.iter().find(|(role, _)| *role == PinRole::UserAuthentication).and_then(|(_, status)| {
                    match status {
                        FlowPinStatus::Remaining(n @ 1..) => Some(*n),
                        _ => None,
                    }
                });
            html! {
                <>
                    <h3>{ Text::InsResultTitle.view(lang) }</h3>
                    <dl class="facts registration-facts">
                        <dt>{ Text::CertValidUntil.view(lang) }</dt>
                        <dd class="cert-valid-until">{ i18n::date(lang, report.certificate_valid_until) }</dd>
                    </dl>
                    <h3>{ Text::PinStatusTitle.view(lang) }</h3>
                    <table class="pin-table">
                        <tbody>
                            { for report.pins.iter().map(|(role, status)| html! {
                                <tr data-role={ format!("{role:?}") }>
                                    <th scope="row">{ pin_name(role_pin(*role)).view(lang) }</th>
                                    <td>{ status_text(lang, *status) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    if problems.is_empty() {
                        <Notification severity={Severity::Success}><p>{ Text::InsNoProblems.view(lang) }</p></Notification>
                        if *renewal_open {
                            <Notification severity={Severity::Info}><p>{ Text::InsRenewalOpen.view(lang) }</p></Notification>
                        }
                    }
                    if auth_remaining.is_some() || *pin_test != PinTest::Off {
                        <section class="pin-test" aria-labelledby="pin-test-title">
                            <h3 id="pin-test-title">{ Text::InsPinTestTitle.view(lang) }</h3>
                            { match pin_test {
                                PinTest::Off => html! {
                                    <>
                                        <p>{ Text::InsPinTestExplain.view(lang) }</p>
                                        <button type="button" class="button-secondary"
                                            onclick={action(RegistrationAction::RequestPinTest)}>
                                            { Text::InsPinTestButton.view(lang) }
                                        </button>
                                    </>
                                },
                                PinTest::Confirming { remaining: shown } => html! {
                                    <>
                                        <Notification severity={Severity::Warning} code={AttrValue::from("pin-test-tries")}>
                                            <p class="pin-tries">{ i18n::tries_left(lang, *shown) }</p>
                                            <p>{ Text::InsPinTestExplain.view(lang) }</p>
                                        </Notification>
                                        <button type="button" class="button-primary" onclick={confirm_pin_test.clone()}>
                                            { Text::InsPinTestConfirm.view(lang) }
                                        </button>
                                        <button type="button" class="button-secondary"
                                            onclick={action(RegistrationAction::CancelPinTest)}>
                                            { Text::InsPinTestCancel.view(lang) }
                                        </button>
                                    </>
                                },
                                // While the PIN dialog is open, it says everything; before, the tries are being read.
                                PinTest::Running if dialog.is_some() => html! {},
                                PinTest::Running => html! { <p class="progress" role="status">{ Text::Reading.view(lang) }</p> },
                                PinTest::Finished(VerifyOutcome::Correct) => html! {
                                    <Notification severity={Severity::Success} code={AttrValue::from("pin-test-correct")}>
                                        <p>{ Text::PinCorrect.view(lang) }</p>
                                    </Notification>
                                },
                                PinTest::Finished(VerifyOutcome::Wrong { remaining: left }) => html! {
                                    <Notification severity={Severity::Error} code={AttrValue::from("pin-test-wrong")}>
                                        <p>{ i18n::wrong_pin(lang, *left) }</p>
                                    </Notification>
                                },
                            } }
                            if matches!(pin_test, PinTest::Finished(VerifyOutcome::Wrong { .. })) && auth_remaining.is_some() {
                                <button type="button" class="button-secondary"
                                    onclick={action(RegistrationAction::RequestPinTest)}>
                                    { Text::InsPinTestButton.view(lang) }
                                </button>
                            }
                        </section>
                    }
                    if let Some(note) = *pin_note {
                        <Notification severity={Severity::Warning} code={AttrValue::from("last-try-unconfirmed")}>
                            <p>{ note.view(lang) }</p>
                        </Notification>
                    }
                    { failure_view.clone().unwrap_or_default() }
                    if matches!(pin_test, PinTest::Off | PinTest::Finished(_)) {
                        <div class="actions">
                            <button type="button" class="button-primary" onclick={action(RegistrationAction::Continue)}>
                                { Text::Next.view(lang) }
                            </button>
                        </div>
                    }
                </>
            }
        }
        RegistrationState::Problems { problems, channels } => html! {
            <>
                <h3>{ Text::InsProblemsTitle.view(lang) }</h3>
                { for problems.iter().map(|problem| {
                    let situation = situation_of_registration(*problem);
                    html! {
                        <Notification severity={Severity::Error} code={ AttrValue::from(situation.code()) }>
                            if let RegistrationProblem::CertificateExpired { valid_until } = problem {
                                <p class="cert-valid-until">
                                    { Text::CertValidUntil.view(lang) }{ ": " }{ i18n::date(lang, *valid_until) }
                                </p>
                            }
                            <p>{ Message::of(lang, &situation).view(lang) }</p>
                        </Notification>
                    }
                }) }
                if channels.is_empty() {
                    <p>{ Text::InsProblemsFixFirst.view(lang) }</p>
                    <button type="button" class="button-secondary" onclick={action(RegistrationAction::Restart)}>
                        { Text::Restart.view(lang) }
                    </button>
                    // Until then, the clinic needs another document (flows.md §1C).
                    <button type="button" class="button-secondary" onclick={to_document}>
                        { Text::NavDocument.view(lang) }
                    </button>
                } else {
                    <button type="button" class="button-primary" onclick={action(RegistrationAction::Continue)}>
                        { Text::Next.view(lang) }
                    </button>
                }
            </>
        },
        RegistrationState::ChooseChannel { channels, chosen } => {
            let options = channels.iter().map(|c| {
                let (text, id) = channel_text(*c);
                (AttrValue::from(id), text)
            });
            html! {
                <>
                    <RadioGroup name="channel" legend={Text::InsChannelsTitle} options={options.collect::<Vec<_>>()}
                        selected={ chosen.map(|c| AttrValue::from(channel_text(c).1)) } on_change={on_channel} />
                    if *choose_first {
                        <p class="field-error" role="alert">{ Text::InsChooseFirst.view(lang) }</p>
                    }
                    <button type="button" class="button-primary" onclick={finish}>{ Text::InsChoose.view(lang) }</button>
                </>
            }
        }
        RegistrationState::Done { channel } => html! {
            <>
                <h3>{ channel_text(*channel).0.view(lang) }</h3>
                { match channel {
                    Channel::Mynaportal => html! {
                        <>
                            <p>{ Text::InsDoneMynaportal.view(lang) }</p>
                            <p><a href={MYNAPORTAL_URL} target="_blank" rel="noopener noreferrer">{ Text::InsOpenMynaportal.view(lang) }</a></p>
                        </>
                    },
                    Channel::ClinicReader => html! { <p>{ Text::InsDoneClinic.view(lang) }</p> },
                    Channel::SevenBankAtm => html! { <p>{ Text::InsDoneAtm.view(lang) }</p> },
                } }
                <Notification severity={Severity::Info}><p>{ Text::InsDoneReminder.view(lang) }</p></Notification>
                <div class="actions no-print">
                    <button type="button" class="button-secondary" onclick={print}>{ Text::Print.view(lang) }</button>
                    <button type="button" class="button-secondary" onclick={action(RegistrationAction::Restart)}>
                        { Text::Restart.view(lang) }
                    </button>
                </div>
            </>
        },
        // A state a later version of the flow adds: offer to start again.
        _ => html! {
            <button type="button" class="button-secondary" onclick={action(RegistrationAction::Restart)}>
                { Text::Restart.view(lang) }
            </button>
        },
    };

    html! {
        <section class="panel page page-insurance" aria-labelledby="page-title" data-state={ step_of(&model.0).to_string() }>
            <h2 id="page-title" tabindex="-1">{ Text::InsTitle.view(lang) }</h2>
            <p>{ Text::InsIntro.view(lang) }</p>
            <StepIndicator {steps} current={ step_of(&model.0) } />
            <div class="flow-body" ref={body_ref} tabindex="-1">{ body }</div>
            if let Some(status) = *dialog {
                <PinDialog pin={PinRef::JpkiAuth} {status} {on_submit} {on_cancel} />
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_flow_states() {
        assert_eq!(step_of(&RegistrationState::BeforeYouStart), 0);
        assert_eq!(step_of(&RegistrationState::CardCheck), 1);
        assert_eq!(step_of(&RegistrationState::Done { channel: Channel::Mynaportal }), 3);
        assert_eq!(step_of(&RegistrationState::ChooseChannel { channels: vec![], chosen: None }), 2);
    }

    /// The simulator has no face-only persona, so the face-only path is checked here: a card
    /// whose user-auth PIN answers "no retry counter" reaches R2 with E10 and only the clinic
    /// reader as a channel.
    #[test]
    fn a_face_only_card_is_sent_to_the_clinic_reader() {
        use crate::pages::card_access::flow_status;
        use flows::catalogue::situation_of_registration;
        use flows::date::CivilDate;
        use flows::insurance::CardCheckReport;

        let today = CivilDate::parse_iso("2026-12-03").unwrap_or_else(|e| panic!("{e}"));
        let report = CardCheckReport {
            certificate_valid_until: CivilDate::parse_iso("2029-06-15").unwrap_or_else(|e| panic!("{e}")),
            pins: vec![(
                PinRole::UserAuthentication,
                flow_status(PinStatus::NoRetryCounter, PinRole::UserAuthentication),
            )],
        };
        let step = |state: RegistrationState, action| state.reduce(action, today).unwrap_or_else(|e| panic!("{e}"));
        let state = step(RegistrationState::BeforeYouStart, RegistrationAction::Start);
        let state = step(state, RegistrationAction::CardRead(report));
        // No PIN to test on such a card.
        assert!(state.clone().reduce(RegistrationAction::RequestPinTest, today).is_err());
        let state = step(state, RegistrationAction::Continue);
        assert_eq!(
            state,
            RegistrationState::Problems {
                problems: vec![RegistrationProblem::FaceOnlyCard],
                channels: vec![Channel::ClinicReader]
            }
        );
        let situation = situation_of_registration(RegistrationProblem::FaceOnlyCard);
        assert_eq!(situation.code(), "E10");
        assert_eq!(
            Message::of(Lang::En, &situation).plain(Lang::En),
            "This card has no PIN, so it cannot be used on a PC. It works on the face-recognition card readers at clinics."
        );
        assert_eq!(status_text(Lang::Ja, FlowPinStatus::NotSet), "暗証番号なし(顔認証マイナンバーカード)");
    }

    #[test]
    fn statuses_read_as_the_card_panel_words() {
        assert_eq!(status_text(Lang::En, FlowPinStatus::Remaining(2)), "2 tries left");
        assert_eq!(status_text(Lang::Ja, FlowPinStatus::Remaining(0)), "ロック中(市区町村の窓口で再設定が必要です)");
        assert_eq!(status_text(Lang::En, FlowPinStatus::NotSet), "No PIN (face-recognition-only card)");
        assert_eq!(channel_text(Channel::SevenBankAtm), (Text::InsChannelAtm, "atm"));
    }
}
