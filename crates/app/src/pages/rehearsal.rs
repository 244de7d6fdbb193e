//! Clinic-reception consent rehearsal (flows.md §1B, C1–C8).
//!
//! | State | Shown here                                               | Card operation                          |
//! |-------|----------------------------------------------------------|-----------------------------------------|
//! | C1    | place the card, or "practise without the card"           | select the JPKI AP, read the certificate |
//! | C2    | face (disabled, explained) or PIN                         | —                                       |
//! | C3    | PIN: the PIN dialog on the card, or a practice field      | VERIFY user-auth PIN (card mode only)   |
//! | C4    | consent ①: past treatment / medication                    | —                                       |
//! | C5    | age: 基本4情報 with the card-info PIN, or typed            | READ of EF 0002 only, never the My Number |
//! | C6    | consent ② (only at 40 or over): checkup results           | —                                       |
//! | C7    | high-cost limit as information; seed-style question switch | —                                       |
//! | C8    | "受付完了。カードをお取りください" and the printable summary | —                                       |
//!
//! Every transition is [`flows::rehearsal::Rehearsal::reduce`]. Nothing leaves the browser: the
//! choices live in this page's state only, and a practice PIN is checked for its shape and wiped.

use std::rc::Rc;

use card::{LastTryConfirmation, PinRef, PinStatus};
use flows::date::CivilDate;
use flows::pin::{Pin as PracticePin, PinFormatError, PinKind};
use flows::rehearsal::{BirthDateSource, CheckupKind, Rehearsal, RehearsalAction, RehearsalError, RehearsalStep};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use zeroize::Zeroize;

use super::card_access::{open_card, CardPageProps};
use super::today;
use crate::components::notification::{Notification, Severity};
use crate::components::pin_dialog::{PinDialog, PinSubmission};
use crate::components::radio_group::RadioGroup;
use crate::components::step_indicator::StepIndicator;
use crate::i18n::{self, Lang, Text};
use crate::messages;
use crate::session::SessionError;
use crate::situations::{self, Message};

/// The rehearsal and the reducer's last refusal (shown for a date of birth after today).
#[derive(Clone, PartialEq, Default)]
struct Model {
    rehearsal: Rehearsal,
    refused: Option<RehearsalError>,
}

impl Reducible for Model {
    type Action = RehearsalAction;

    fn reduce(self: Rc<Self>, action: RehearsalAction) -> Rc<Self> {
        match self.rehearsal.reduce(action) {
            Ok(rehearsal) => Rc::new(Model { rehearsal, refused: None }),
            Err(error) => Rc::new(Model { rehearsal: self.rehearsal, refused: Some(error) }),
        }
    }
}

fn step_of(step: RehearsalStep) -> usize {
    match step {
        RehearsalStep::Read => 0,
        RehearsalStep::Identity { .. } | RehearsalStep::Pin => 1,
        RehearsalStep::HighCost => 3,
        RehearsalStep::Done => 4,
        _ => 2,
    }
}

/// Which screen is showing (the face explanation stays on the same screen): when it changes,
/// focus moves to the flow's body.
fn screen_key(step: RehearsalStep) -> &'static str {
    match step {
        RehearsalStep::Read => "c1",
        RehearsalStep::Identity { .. } => "c2",
        RehearsalStep::Pin => "c3",
        RehearsalStep::TreatmentConsent => "c4",
        RehearsalStep::AgeGate => "c5",
        RehearsalStep::CheckupConsent { .. } => "c6",
        RehearsalStep::HighCost => "c7",
        RehearsalStep::Done => "c8",
        _ => "other",
    }
}

fn checkup_question(kind: CheckupKind) -> Text {
    match kind {
        CheckupKind::Metabolic => Text::RehCheckupMetabolic,
        CheckupKind::Elderly => Text::RehCheckupElderly,
    }
}

fn agreed(yes: bool) -> Text {
    if yes {
        Text::RehAgreed
    } else {
        Text::RehDeclined
    }
}

/// Reads an input's value once, clears the field, and hands the text over (the caller wipes it).
fn take_value(input: &NodeRef) -> Option<String> {
    let element = input.cast::<HtmlInputElement>()?;
    let value = element.value();
    element.set_value("");
    Some(value)
}

/// A message for a failed card step, with its technical line.
#[derive(Clone, PartialEq)]
struct Failure {
    message: String,
    technical: String,
}

fn failure_of(lang: Lang, error: &SessionError) -> Failure {
    let message = match error {
        SessionError::Card(card_error) => situations::of_card_error(card_error)
            .map(|situation| Message::of(lang, &situation).plain(lang))
            .unwrap_or_else(|| messages::for_session_error(lang, error)),
        _ => messages::for_session_error(lang, error),
    };
    Failure { message, technical: messages::technical(error) }
}

/// The rehearsal page.
#[function_component(RehearsalPage)]
pub fn rehearsal_page(props: &CardPageProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let model = use_reducer(Model::default);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<Failure>);
    let dialog = use_state(|| None::<(PinRef, PinStatus)>);
    let auth_status = use_state(|| None::<PinStatus>);
    let practice_error = use_state(|| None::<PinFormatError>);
    let birth_invalid = use_state(|| false);
    let practice_input = use_node_ref();
    let birth_input = use_node_ref();
    let r = model.rehearsal;
    let body_ref = use_node_ref();
    super::use_focus_on_change(screen_key(r.step), body_ref.clone());

    let dispatch = |make: fn() -> RehearsalAction| {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| model.dispatch(make()))
    };
    let answer = |make: fn(bool) -> RehearsalAction, yes: bool| {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| model.dispatch(make(yes)))
    };

    let on_practice = {
        let model = model.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                model.dispatch(RehearsalAction::SetPractice(input.checked()));
            }
        })
    };

    // C1: select the AP and read the certificate (the card panel's overview), keep the auth tries.
    let read_card = {
        let model = model.clone();
        let busy = busy.clone();
        let failure = failure.clone();
        let auth_status = auth_status.clone();
        let session = props.session.clone();
        let connect = props.connect.clone();
        Callback::from(move |_: MouseEvent| {
            let fresh = connect.emit(());
            let (model, busy, failure, auth_status, session) =
                (model.clone(), busy.clone(), failure.clone(), auth_status.clone(), session.clone());
            busy.set(true);
            failure.set(None);
            spawn_local(async move {
                let result = match open_card(&session, fresh).await {
                    Ok(_) => session.overview().await,
                    Err(error) => Err(error),
                };
                busy.set(false);
                match result {
                    Ok(overview) => {
                        let auth =
                            overview.pins.iter().find(|line| line.pin == PinRef::JpkiAuth).and_then(|line| line.status);
                        auth_status.set(auth);
                        model.dispatch(RehearsalAction::CardRead);
                    }
                    Err(error) => failure.set(Some(failure_of(lang, &error))),
                }
            });
        })
    };

    // Opens the PIN dialog for `pin` with its tries read just now.
    let open_dialog = |pin: PinRef| {
        let dialog = dialog.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        Callback::from(move |_: MouseEvent| {
            let (dialog, failure, session) = (dialog.clone(), failure.clone(), session.clone());
            failure.set(None);
            spawn_local(async move {
                match session.pin_status(pin).await {
                    Ok(status) => dialog.set(Some((pin, status))),
                    Err(error) => failure.set(Some(failure_of(lang, &error))),
                }
            });
        })
    };

    let on_submit = {
        let model = model.clone();
        let dialog = dialog.clone();
        let failure = failure.clone();
        let auth_status = auth_status.clone();
        let session = props.session.clone();
        Callback::from(move |submission: PinSubmission| {
            let Some((pin_ref, _)) = *dialog else { return };
            dialog.set(None);
            let (model, failure, auth_status, session) =
                (model.clone(), failure.clone(), auth_status.clone(), session.clone());
            spawn_local(async move {
                let PinSubmission { pin, last_try_confirmed } = submission;
                let confirmation = last_try_confirmed.then(LastTryConfirmation::user_confirmed_last_try);
                if pin_ref == PinRef::TextPin {
                    let result = session.read_birth_date(&pin, confirmation).await;
                    drop(pin);
                    match (result, today()) {
                        (Ok(birth), Some(visit)) => {
                            match CivilDate::new(i64::from(birth.year), u32::from(birth.month), u32::from(birth.day)) {
                                Ok(birth) => model.dispatch(RehearsalAction::BirthDate {
                                    birth,
                                    source: BirthDateSource::CardFourItems,
                                    visit,
                                }),
                                Err(_) => failure.set(Some(Failure {
                                    message: Text::ErrCommunication.get(lang).to_string(),
                                    technical: "date of birth".to_string(),
                                })),
                            }
                        }
                        (Ok(_), None) => {}
                        (Err(error), _) => failure.set(Some(failure_of(lang, &error))),
                    }
                } else {
                    let result = session.verify(&pin, confirmation).await;
                    drop(pin);
                    match result {
                        Ok(_) => {
                            auth_status.set(Some(PinStatus::Verified));
                            model.dispatch(RehearsalAction::PinVerified);
                        }
                        Err(error) => {
                            if let SessionError::Card(card::CardError::WrongPin { tries_left, .. }) = &error {
                                auth_status.set(Some(if *tries_left == 0 {
                                    PinStatus::Blocked
                                } else {
                                    PinStatus::TriesLeft(*tries_left)
                                }));
                            }
                            failure.set(Some(failure_of(lang, &error)));
                        }
                    }
                }
            });
        })
    };
    let on_cancel = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(None))
    };

    // C3 in practice mode: the shape is checked, the PIN is wiped at once (by the reducer).
    let on_practice_pin = {
        let model = model.clone();
        let practice_error = practice_error.clone();
        let input = practice_input.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(mut typed) = take_value(&input) else { return };
            let checked = PracticePin::new(PinKind::FourDigit, &typed);
            typed.zeroize();
            match checked {
                Ok(pin) => {
                    practice_error.set(None);
                    model.dispatch(RehearsalAction::PracticePin(pin));
                }
                Err(error) => {
                    practice_error.set(Some(error));
                    if let Some(element) = input.cast::<HtmlInputElement>() {
                        let _ = element.focus();
                    }
                }
            }
        })
    };

    // C5 typed.
    let on_birth = {
        let model = model.clone();
        let birth_invalid = birth_invalid.clone();
        let input = birth_input.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(element) = input.cast::<HtmlInputElement>() else { return };
            let typed = element.value();
            match (CivilDate::parse_iso(typed.trim()), today()) {
                (Ok(birth), Some(visit)) => {
                    birth_invalid.set(false);
                    model.dispatch(RehearsalAction::BirthDate { birth, source: BirthDateSource::Typed, visit });
                }
                _ => birth_invalid.set(true),
            }
        })
    };

    let on_seed_style = {
        let model = model.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                model.dispatch(RehearsalAction::SetSeedStyle(input.checked()));
            }
        })
    };
    let on_high_cost = {
        let model = model.clone();
        Callback::from(move |value: AttrValue| {
            model.dispatch(RehearsalAction::HighCostAnswer(value.as_str() == "provide"))
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    let failure_view = (*failure).clone().map(|failure| {
        html! {
            <Notification severity={Severity::Error} code={AttrValue::from("card-failure")}>
                <p>{ failure.message }</p>
                <details class="technical"><summary>{ Text::TechnicalDetails.view(lang) }</summary>
                    <p class="mono">{ failure.technical }</p></details>
            </Notification>
        }
    });

    let practice_switch = html! {
        <label class="checkbox switch">
            <input type="checkbox" id="practice-switch" checked={r.practice} onchange={on_practice} />
            { Text::RehPracticeSwitch.view(lang) }
        </label>
    };

    let body = match r.step {
        RehearsalStep::Read => html! {
            <>
                { practice_switch }
                if r.practice {
                    <button type="button" class="button-primary" onclick={dispatch(|| RehearsalAction::ContinueWithoutCard)}>
                        { Text::RehContinueWithoutCard.view(lang) }
                    </button>
                } else {
                    <p>{ Text::RehPlaceCard.view(lang) }</p>
                    if *busy {
                        <p class="progress" role="status">{ Text::Reading.view(lang) }</p>
                    }
                    <button type="button" class="button-primary" onclick={read_card} disabled={*busy}>
                        { Text::ReadCard.view(lang) }
                    </button>
                }
            </>
        },
        RehearsalStep::Identity { face_explained } => html! {
            <>
                { practice_switch }
                <h3>{ Text::RehIdentityTitle.view(lang) }</h3>
                <div class="choice-buttons">
                    <button type="button" class="button-secondary button-unavailable" aria-disabled="true"
                        aria-describedby="face-explain" onclick={dispatch(|| RehearsalAction::ChooseFace)}>
                        { Text::RehFace.view(lang) }
                    </button>
                    <button type="button" class="button-primary" onclick={dispatch(|| RehearsalAction::ChoosePin)}>
                        { Text::RehPinChoice.view(lang) }
                    </button>
                </div>
                if face_explained {
                    <div id="face-explain">
                        <Notification severity={Severity::Warning} code={AttrValue::from("face-explained")}>
                            <p>{ Text::RehFaceExplain.view(lang) }</p>
                        </Notification>
                    </div>
                } else {
                    <p id="face-explain" class="field-hint">{ Text::RehFaceExplain.view(lang) }</p>
                }
            </>
        },
        RehearsalStep::Pin => html! {
            <>
                { practice_switch }
                <h3>{ Text::RehPinTitle.view(lang) }</h3>
                if r.practice {
                    <form class="practice-pin" onsubmit={on_practice_pin} autocomplete="off" novalidate=true>
                        <p>{ Text::RehPracticePinNote.view(lang) }</p>
                        <label for="practice-pin" class="field-label">{ Text::RehPracticePinLabel.view(lang) }</label>
                        <input id="practice-pin" ref={practice_input} type="password" inputmode="numeric" maxlength="4"
                            autocomplete="off" spellcheck="false"
                            aria-invalid={ if practice_error.is_some() { "true" } else { "false" } }
                            aria-describedby={ practice_error.is_some().then_some("practice-pin-error") } />
                        if let Some(error) = *practice_error {
                            <p id="practice-pin-error" class="field-error" role="alert">{
                                match flows::catalogue::situation_of_pin_format(error, PinKind::FourDigit) {
                                    Some(situation) => Message::of(lang, &situation).view(lang),
                                    None => Text::PinHintFourDigits.view(lang),
                                }
                            }</p>
                        }
                        <div><button type="submit" class="button-primary">{ Text::Next.view(lang) }</button></div>
                    </form>
                } else {
                    <Notification severity={Severity::Warning}>
                        <p>{ Text::RehPinCardWarning.view(lang) }</p>
                        if let Some(PinStatus::TriesLeft(n)) = *auth_status {
                            <p class="pin-tries">{ i18n::tries_left(lang, n) }</p>
                        }
                    </Notification>
                    <button type="button" class="button-primary" onclick={open_dialog(PinRef::JpkiAuth)}>
                        { Text::RehEnterPin.view(lang) }
                    </button>
                }
            </>
        },
        RehearsalStep::TreatmentConsent => html! {
            <>
                <h3 id="consent-question">{ Text::RehTreatmentTitle.view(lang) }</h3>
                <p>{ Text::RehConsentNote.view(lang) }</p>
                <div class="choice-buttons" role="group" aria-labelledby="consent-question">
                    <button type="button" class="button-primary" onclick={answer(RehearsalAction::TreatmentConsent, true)}>
                        { Text::RehAgree.view(lang) }
                    </button>
                    <button type="button" class="button-secondary" onclick={answer(RehearsalAction::TreatmentConsent, false)}>
                        { Text::RehDisagree.view(lang) }
                    </button>
                </div>
            </>
        },
        RehearsalStep::AgeGate => html! {
            <>
                <h3>{ Text::RehAgeTitle.view(lang) }</h3>
                <p>{ Text::RehAgeExplain.view(lang) }</p>
                if !r.practice {
                    <button type="button" class="button-secondary" onclick={open_dialog(PinRef::TextPin)}>
                        { Text::RehAgeFromCard.view(lang) }
                    </button>
                    <p class="field-hint">{ Text::RehAgeReadsOnlyFourItems.view(lang) }</p>
                }
                <form class="birth-date" onsubmit={on_birth} novalidate=true>
                    <label for="birth-date" class="field-label">{ Text::RehBirthLabel.view(lang) }</label>
                    <p id="birth-date-hint" class="field-hint">{ Text::RehBirthHint.view(lang) }</p>
                    <input id="birth-date" ref={birth_input} type="text" inputmode="numeric" autocomplete="bday"
                        aria-describedby="birth-date-hint"
                        aria-invalid={ if *birth_invalid || model.refused.is_some() { "true" } else { "false" } } />
                    if *birth_invalid {
                        <p class="field-error" role="alert">{ Text::RehBirthInvalid.view(lang) }</p>
                    } else if matches!(model.refused, Some(RehearsalError::BornAfterVisit(_))) {
                        <p class="field-error" role="alert">{ Text::RehBirthAfterVisit.view(lang) }</p>
                    }
                    <div><button type="submit" class="button-primary">{ Text::RehBirthUse.view(lang) }</button></div>
                </form>
            </>
        },
        RehearsalStep::CheckupConsent { kind } => html! {
            <>
                <h3 id="consent-question">{ checkup_question(kind).view(lang) }</h3>
                <p>{ Text::RehConsentNote.view(lang) }</p>
                <div class="choice-buttons" role="group" aria-labelledby="consent-question">
                    <button type="button" class="button-primary" onclick={answer(RehearsalAction::CheckupConsent, true)}>
                        { Text::RehAgree.view(lang) }
                    </button>
                    <button type="button" class="button-secondary" onclick={answer(RehearsalAction::CheckupConsent, false)}>
                        { Text::RehDisagree.view(lang) }
                    </button>
                </div>
            </>
        },
        RehearsalStep::HighCost => html! {
            <>
                <h3>{ Text::RehHighCostTitle.view(lang) }</h3>
                <Notification severity={Severity::Info}>
                    <p>{ Text::RehHighCostInfo.view(lang) }</p>
                    <p>{ Text::RehHighCostNote.view(lang) }</p>
                </Notification>
                <label class="checkbox switch">
                    <input type="checkbox" id="seed-style-switch" checked={r.seed_style_high_cost} onchange={on_seed_style} />
                    { Text::RehSeedStyleSwitch.view(lang) }
                </label>
                if r.seed_style_high_cost {
                    <RadioGroup name="high-cost" legend={Text::RehSeedStyleQuestion}
                        options={vec![(AttrValue::from("provide"), Text::RehProvide), (AttrValue::from("not-provide"), Text::RehNotProvide)]}
                        selected={ r.high_cost_answer.map(|yes| AttrValue::from(if yes { "provide" } else { "not-provide" })) }
                        on_change={on_high_cost} />
                }
                <button type="button" class="button-primary" onclick={dispatch(|| RehearsalAction::Continue)}>
                    { Text::Next.view(lang) }
                </button>
            </>
        },
        RehearsalStep::Done => html! {
            <>
                <Notification severity={Severity::Success} code={AttrValue::from("reception-complete")}>
                    <p class="notification-title">{ Text::RehDoneTitle.view(lang) }</p>
                    <p>{ Text::RehDoneReminder.view(lang) }</p>
                </Notification>
                if let Some(summary) = r.summary() {
                    <section class="summary" aria-labelledby="summary-title">
                        <h3 id="summary-title">{ Text::RehSummaryTitle.view(lang) }</h3>
                        <dl class="facts">
                            <dt>{ Text::RehSummaryMode.view(lang) }</dt>
                            <dd data-row="mode">{ if summary.practice { Text::RehModePractice } else { Text::RehModeCard }.view(lang) }</dd>
                            <dt>{ Text::RehSummaryTreatment.view(lang) }</dt>
                            <dd data-row="treatment">{ agreed(summary.treatment_consent).view(lang) }</dd>
                            <dt>{ Text::RehSummaryAge.view(lang) }</dt>
                            <dd data-row="age">{ i18n::age_years(lang, summary.age) }</dd>
                            <dt>{ Text::RehSummaryCheckup.view(lang) }</dt>
                            <dd data-row="checkup">{ match summary.checkup_consent {
                                None => Text::RehNotAsked.view(lang),
                                Some((_, yes)) => agreed(yes).view(lang),
                            } }</dd>
                            if let Some(provide) = summary.high_cost_answer {
                                <dt>{ Text::RehSummaryHighCost.view(lang) }</dt>
                                <dd data-row="high-cost">{ if provide { Text::RehProvided } else { Text::RehNotProvided }.view(lang) }</dd>
                            }
                        </dl>
                    </section>
                }
                <div class="actions no-print">
                    <button type="button" class="button-secondary" onclick={print}>{ Text::Print.view(lang) }</button>
                    <button type="button" class="button-secondary" onclick={dispatch(|| RehearsalAction::Restart)}>
                        { Text::Restart.view(lang) }
                    </button>
                </div>
            </>
        },
        // A screen a later version of the flow adds: offer to start again.
        _ => html! {
            <button type="button" class="button-secondary" onclick={dispatch(|| RehearsalAction::Restart)}>
                { Text::Restart.view(lang) }
            </button>
        },
    };

    let steps =
        vec![Text::RehStepCard, Text::RehStepIdentity, Text::RehStepConsent, Text::RehStepHighCost, Text::RehStepDone];
    html! {
        <section class="panel page page-rehearsal" aria-labelledby="page-title">
            <h2 id="page-title" tabindex="-1">{ Text::RehTitle.view(lang) }</h2>
            <p>{ Text::RehIntro.view(lang) }</p>
            <p class="field-hint no-print">{ Text::NothingLeavesBrowser.view(lang) }</p>
            <StepIndicator {steps} current={ step_of(r.step) } />
            <div class="flow-body" ref={body_ref} tabindex="-1">
                { body }
                { failure_view.unwrap_or_default() }
            </div>
            if let Some((pin, status)) = *dialog {
                <PinDialog {pin} {status} {on_submit} {on_cancel} />
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_screens() {
        assert_eq!(step_of(RehearsalStep::Read), 0);
        assert_eq!(step_of(RehearsalStep::Pin), 1);
        assert_eq!(step_of(RehearsalStep::AgeGate), 2);
        assert_eq!(step_of(RehearsalStep::CheckupConsent { kind: CheckupKind::Metabolic }), 2);
        assert_eq!(step_of(RehearsalStep::Done), 4);
        assert_eq!(checkup_question(CheckupKind::Elderly), Text::RehCheckupElderly);
    }

    #[test]
    fn a_refused_action_is_kept_for_the_screen_and_cleared_by_the_next() {
        let model = Rc::new(Model::default());
        let model = model.reduce(RehearsalAction::ContinueWithoutCard);
        assert_eq!(model.refused, Some(RehearsalError::NotApplicable));
        let model = model.reduce(RehearsalAction::CardRead);
        assert_eq!(model.refused, None);
        assert_eq!(model.rehearsal.step, RehearsalStep::Identity { face_explained: false });
    }
}
