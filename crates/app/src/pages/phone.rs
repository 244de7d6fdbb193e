//! Smartphone-certificate helper (flows.md §4.2): one question per screen, then what to do.
//!
//! | Screen            | Shown here                                                          |
//! |-------------------|---------------------------------------------------------------------|
//! | What happened?    | sold / disposed / repair / model change / lost / forgot password     |
//! | Already suspended | (lost phone) has the suspension call been made?                      |
//! | Found again?      | (suspended phone) found or not                                       |
//! | Card also lost?   | adds the card-certificate suspension call                            |
//! | Answer            | the advice; each call as a `tel:` link, the menu digit large, the    |
//! |                   | hours, and "24 hours" for suspension (flows.md §4.1); printable      |
//!
//! Every transition is [`PhoneHelper::reduce`]; the calls to show are [`PhoneScreen::calls`] and
//! the number, menu digit and hours come from `flows::facts`. No card operation.

use flows::smartphone::{CallInfo, PhoneAction, PhoneAdvice, PhoneEvent, PhoneHelper, PhoneQuestion, PhoneScreen};
use yew::prelude::*;

use crate::components::overseas_choice::ChoiceGroup;
use crate::components::widget_report;
use crate::i18n::phone::PhoneText as T;
use crate::i18n::{self, Lang, Text};

/// The first question's options: value, event, label.
const EVENTS: [(&str, PhoneEvent, T); 6] = [
    ("sold", PhoneEvent::SoldOrTradedIn, T::EventSold),
    ("disposed", PhoneEvent::DisposedOrCollected, T::EventDisposed),
    ("repair", PhoneEvent::SentForRepair, T::EventRepair),
    ("model-change", PhoneEvent::ModelChange, T::EventModelChange),
    ("lost", PhoneEvent::LostOrStolen, T::EventLost),
    ("forgot", PhoneEvent::ForgotPassword, T::EventForgot),
];

/// The question's text and a stable id (`data-question`).
fn question_text(question: PhoneQuestion) -> (T, &'static str) {
    match question {
        PhoneQuestion::WhatHappened => (T::QWhatHappened, "what-happened"),
        PhoneQuestion::AlreadySuspended => (T::QAlreadySuspended, "already-suspended"),
        PhoneQuestion::FoundAgain => (T::QFoundAgain, "found-again"),
        PhoneQuestion::CardAlsoLost => (T::QCardAlsoLost, "card-also-lost"),
        // A question a later version adds: asked as yes/no.
        _ => (T::ChooseOne, "other"),
    }
}

/// The action a radio value stands for on `question`.
fn action_of(question: PhoneQuestion, value: &str) -> Option<PhoneAction> {
    match question {
        PhoneQuestion::WhatHappened => {
            EVENTS.iter().find(|(v, _, _)| *v == value).map(|(_, event, _)| PhoneAction::Happened(*event))
        }
        _ => match value {
            "yes" => Some(PhoneAction::YesNo(true)),
            "no" => Some(PhoneAction::YesNo(false)),
            _ => None,
        },
    }
}

/// The advice's texts (in order) and a stable id (`data-advice`).
fn advice_texts(advice: PhoneAdvice) -> (Vec<T>, &'static str) {
    match advice {
        PhoneAdvice::RevokeOnThatPhone { because: PhoneEvent::DisposedOrCollected } => {
            (vec![T::RevokeDisposed, T::RevokeNeedsPassword], "revoke-disposed")
        }
        PhoneAdvice::RevokeOnThatPhone { because: PhoneEvent::SentForRepair } => {
            (vec![T::RevokeRepair, T::RevokeNeedsPassword], "revoke-repair")
        }
        PhoneAdvice::RevokeOnThatPhone { .. } => (vec![T::RevokeSold, T::RevokeNeedsPassword], "revoke-sold"),
        PhoneAdvice::UseModelChangeMenu => (vec![T::ModelChange], "model-change"),
        PhoneAdvice::CallToSuspend(_) => (vec![T::CallToSuspend], "call-to-suspend"),
        PhoneAdvice::LiftSuspensionAndRedownload => (vec![T::LiftSuspension], "lift-suspension"),
        PhoneAdvice::RevokePerAppManual => (vec![T::RevokePerManual, T::RevokeNeedsPassword], "revoke-per-manual"),
        PhoneAdvice::ResetPasswordWithCard(_) => (vec![T::ResetPassword], "reset-password"),
        _ => (Vec::new(), "other"),
    }
}

/// One call: the free dial as a `tel:` link, the menu digit in very large type, the hours, and
/// the 24-hour note for suspension (flows.md §4.2 UI).
fn call_view(lang: Lang, call: &CallInfo) -> Html {
    html! {
        <div class="call-box" data-menu={ call.menu.to_string() }>
            <p class="call-line">{ T::FreeCall.view(lang) }</p>
            <p><a class="tel tel-large" href={ call.line.tel_uri }>{ call.line.display }</a></p>
            <p class="call-menu">
                <span class="call-menu-label">{ T::MenuLabel.view(lang) }</span>
                <span class="menu-digit">{ call.menu }</span>
            </p>
            <p class="call-hours">{ i18n::phone_hours(lang, &call.line.hours, call.menu) }</p>
            if call.around_the_clock {
                <p class="around-the-clock">{ T::AroundTheClock.view(lang) }</p>
            }
        </div>
    }
}

/// The helper page.
#[function_component(PhonePage)]
pub fn phone_page() -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    // The screens so far, the current one last (the page's own "back"; the reducer goes forward).
    let history = use_state(|| vec![PhoneHelper::default()]);
    let selected = use_state(|| None::<AttrValue>);
    // The value chosen on each screen left behind, so that "back" shows it again.
    let given = use_state(Vec::<AttrValue>::new);
    let problem = use_state(|| false);
    let heading = use_node_ref();
    let helper = history.last().copied().unwrap_or_default();
    let screen = helper.screen();
    let key = match screen {
        PhoneScreen::Ask(question) => question_text(question).1,
        _ => "answer",
    };
    super::use_focus_on_change(key, heading.clone());
    let advice = match screen { PhoneScreen::Answer { advice, .. } => Some(advice_texts(advice).1), _ => None };
    widget_report::use_embed_report(key, advice.map(widget_report::phone_summary));

    let on_back = {
        let history = history.clone();
        let selected = selected.clone();
        let problem = problem.clone();
        let given = given.clone();
        Callback::from(move |event: MouseEvent| {
            if repeated_click(&event) {
                return;
            }
            let mut screens = (*history).clone();
            let mut values = (*given).clone();
            let mut shown = None;
            if screens.len() > 1 {
                screens.pop();
                shown = values.pop();
            }
            selected.set(shown);
            given.set(values);
            problem.set(false);
            history.set(screens);
        })
    };
    let on_restart = {
        let history = history.clone();
        let selected = selected.clone();
        let given = given.clone();
        Callback::from(move |event: MouseEvent| {
            if repeated_click(&event) {
                return;
            }
            selected.set(None);
            given.set(Vec::new());
            history.set(vec![PhoneHelper::default()]);
        })
    };
    let on_choice = {
        let selected = selected.clone();
        let problem = problem.clone();
        Callback::from(move |value: AttrValue| {
            problem.set(false);
            selected.set(Some(value));
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    let body = match screen {
        PhoneScreen::Ask(question) => {
            let (text, id) = question_text(question);
            let on_next = {
                let history = history.clone();
                let selected = selected.clone();
                let problem = problem.clone();
                let given = given.clone();
                Callback::from(move |event: SubmitEvent| {
                    event.prevent_default();
                    let next = selected
                        .as_deref()
                        .and_then(|value| action_of(question, value))
                        .and_then(|action| helper.reduce(action).ok());
                    match next {
                        Some(next) => {
                            let mut screens = (*history).clone();
                            screens.push(next);
                            let mut values = (*given).clone();
                            values.extend((*selected).clone());
                            given.set(values);
                            selected.set(None);
                            problem.set(false);
                            history.set(screens);
                        }
                        None => problem.set(true),
                    }
                })
            };
            let options: Vec<(AttrValue, Html)> = if question == PhoneQuestion::WhatHappened {
                EVENTS.iter().map(|(value, _, label)| (AttrValue::from(*value), label.view(lang))).collect()
            } else {
                vec![(AttrValue::from("yes"), Text::Yes.view(lang)), (AttrValue::from("no"), Text::No.view(lang))]
            };
            html! {
                <form class="wizard-step" data-question={id} onsubmit={on_next} novalidate=true>
                    <h3 id="phone-question" ref={heading} tabindex="-1">{ text.view(lang) }</h3>
                    <ChoiceGroup name={ format!("phone-{id}") } labelled_by="phone-question" {options}
                        selected={ (*selected).clone() } on_change={on_choice}
                        error_id={ problem.then(|| AttrValue::from("phone-problem")) } />
                    if *problem {
                        <p id="phone-problem" class="field-error" role="alert">{ T::ChooseOne.view(lang) }</p>
                    }
                    // Next first, where it stays from question to question: the second click of a
                    // double click lands on the next question's Next, never on its Back.
                    <div class="actions wizard-actions">
                        <button type="submit" class="button-primary">{ Text::Next.view(lang) }</button>
                        if history.len() > 1 {
                            <button type="button" class="button-secondary" onclick={on_back.clone()}>{ T::Back.view(lang) }</button>
                        }
                    </div>
                </form>
            }
        }
        PhoneScreen::Answer { advice, card_also_lost } => {
            let (paragraphs, id) = advice_texts(advice);
            html! {
                <div class="phone-answer" data-advice={id}>
                    <h3 id="phone-question" ref={heading} tabindex="-1">{ T::AnswerTitle.view(lang) }</h3>
                    { for paragraphs.iter().map(|t| html! { <p class="advice">{ t.view(lang) }</p> }) }
                    if card_also_lost {
                        <p class="advice" data-card-also-lost="true">{ T::CardAlsoLost.view(lang) }</p>
                    }
                    { for screen.calls().iter().map(|call| call_view(lang, call)) }
                    <div class="actions no-print">
                        <button type="button" class="button-primary" onclick={print}>{ T::PrintCard.view(lang) }</button>
                        <button type="button" class="button-secondary" onclick={on_back.clone()}>{ T::Back.view(lang) }</button>
                        <button type="button" class="button-secondary" onclick={on_restart}>{ Text::Restart.view(lang) }</button>
                    </div>
                </div>
            }
        }
        _ => html! {
            <button type="button" class="button-secondary" onclick={on_restart}>{ Text::Restart.view(lang) }</button>
        },
    };

    html! {
        <section class="panel page page-phone" aria-labelledby="page-title">
            <h2 id="page-title" tabindex="-1">{ T::Title.view(lang) }</h2>
            <p>{ T::Intro.view(lang) }</p>
            <div class="flow-body">{ body }</div>
        </section>
    }
}

/// Whether a click is the second (or later) of a double click (`UIEvent.detail`, the click
/// count; 0 for a keyboard activation). Such a click landed on a button that appeared under the
/// pointer after the first click changed the screen, so Back and Start again ignore it.
fn repeated_click(event: &MouseEvent) -> bool {
    event.detail() > 1
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use flows::smartphone::{OTHER_QUESTIONS_CALL, SUSPENSION_CALL};

    #[test]
    fn every_event_value_is_its_own_action() {
        for (value, event, _) in EVENTS {
            assert_eq!(action_of(PhoneQuestion::WhatHappened, value), Some(PhoneAction::Happened(event)));
        }
        assert_eq!(action_of(PhoneQuestion::WhatHappened, "yes"), None);
        assert_eq!(action_of(PhoneQuestion::FoundAgain, "no"), Some(PhoneAction::YesNo(false)));
        assert_eq!(action_of(PhoneQuestion::CardAlsoLost, "lost"), None);
    }

    #[test]
    fn every_advice_has_its_own_id_and_revocation_mentions_the_password() {
        let advices = [
            PhoneAdvice::RevokeOnThatPhone { because: PhoneEvent::SoldOrTradedIn },
            PhoneAdvice::RevokeOnThatPhone { because: PhoneEvent::DisposedOrCollected },
            PhoneAdvice::RevokeOnThatPhone { because: PhoneEvent::SentForRepair },
            PhoneAdvice::UseModelChangeMenu,
            PhoneAdvice::CallToSuspend(SUSPENSION_CALL),
            PhoneAdvice::LiftSuspensionAndRedownload,
            PhoneAdvice::RevokePerAppManual,
            PhoneAdvice::ResetPasswordWithCard(OTHER_QUESTIONS_CALL),
        ];
        let ids: std::collections::HashSet<_> = advices.iter().map(|a| advice_texts(*a).1).collect();
        assert_eq!(ids.len(), advices.len());
        assert_eq!(advice_texts(advices[2]), (vec![T::RevokeRepair, T::RevokeNeedsPassword], "revoke-repair"));
        assert_eq!(advice_texts(advices[4]), (vec![T::CallToSuspend], "call-to-suspend"));
    }

    #[test]
    fn the_questions_have_distinct_ids() {
        let ids: std::collections::HashSet<_> = [
            PhoneQuestion::WhatHappened,
            PhoneQuestion::AlreadySuspended,
            PhoneQuestion::FoundAgain,
            PhoneQuestion::CardAlsoLost,
        ]
        .iter()
        .map(|q| question_text(*q).1)
        .collect();
        assert_eq!(ids.len(), 4);
    }
}
