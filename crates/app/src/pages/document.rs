//! "Which document do I show?" (flows.md §1C): six questions, and the answer of
//! [`flows::document::which_document`] for today's date, shown live as the answers change.

use flows::document::{which_document, Answer, DocumentAdvice, DocumentQuestions, WhyCertificateArrives};
use flows::facts::{MENU_INSURANCE_USE, MYNUMBER_FREE_DIAL};
use yew::prelude::*;

use super::{today, Page};
use crate::components::notification::{Notification, Severity};
use crate::components::radio_group::RadioGroup;
use crate::i18n::{self, Lang, Text};

/// Props of [`DocumentPage`].
#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    /// Goes to another page (the §1A card check, when the answer is "find out first").
    pub on_navigate: Callback<Page>,
}

/// One question of the form: which field of [`DocumentQuestions`] it sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Question {
    HasCard,
    Registered,
    CertificateValid,
    LostOrRenewing,
    LateElderly,
    OldCard,
}

impl Question {
    const ALL: [Question; 6] = [
        Question::HasCard,
        Question::Registered,
        Question::CertificateValid,
        Question::LostOrRenewing,
        Question::LateElderly,
        Question::OldCard,
    ];

    fn name(self) -> &'static str {
        match self {
            Question::HasCard => "has-card",
            Question::Registered => "registered",
            Question::CertificateValid => "certificate-valid",
            Question::LostOrRenewing => "lost",
            Question::LateElderly => "late-elderly",
            Question::OldCard => "old-card",
        }
    }

    fn legend(self) -> Text {
        match self {
            Question::HasCard => Text::DocHasCard,
            Question::Registered => Text::DocRegistered,
            Question::CertificateValid => Text::DocCertValid,
            Question::LostOrRenewing => Text::DocLost,
            Question::LateElderly => Text::DocLateElderly,
            Question::OldCard => Text::DocOldCard,
        }
    }

    /// "Don't know" is offered where flows.md §1C allows it (registration, certificate).
    fn allows_dont_know(self) -> bool {
        matches!(self, Question::Registered | Question::CertificateValid)
    }

    fn get(self, q: &DocumentQuestions) -> Answer {
        let yes_no = |b: bool| if b { Answer::Yes } else { Answer::No };
        match self {
            Question::HasCard => yes_no(q.has_card),
            Question::Registered => q.registered,
            Question::CertificateValid => q.certificate_valid,
            Question::LostOrRenewing => yes_no(q.card_lost_or_renewing),
            Question::LateElderly => yes_no(q.late_elderly),
            Question::OldCard => yes_no(q.holds_old_insurance_card),
        }
    }

    fn set(self, q: &mut DocumentQuestions, answer: Answer) {
        let yes = answer == Answer::Yes;
        match self {
            Question::HasCard => q.has_card = yes,
            Question::Registered => q.registered = answer,
            Question::CertificateValid => q.certificate_valid = answer,
            Question::LostOrRenewing => q.card_lost_or_renewing = yes,
            Question::LateElderly => q.late_elderly = yes,
            Question::OldCard => q.holds_old_insurance_card = yes,
        }
    }
}

fn answer_value(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::DontKnow => "dont-know",
    }
}

fn parse_answer(value: &str) -> Answer {
    match value {
        "yes" => Answer::Yes,
        "no" => Answer::No,
        _ => Answer::DontKnow,
    }
}

/// The catalogue text of an advice, and a stable id for tests.
pub fn advice_text(advice: DocumentAdvice) -> (Text, &'static str) {
    match advice {
        DocumentAdvice::ShowMynaInsuranceCard => (Text::DocShowMyna, "show-myna"),
        DocumentAdvice::ApplyForEligibilityCertificate => (Text::DocApply, "apply"),
        DocumentAdvice::EligibilityCertificateArrives { because: WhyCertificateArrives::NoCard } => {
            (Text::DocArrivesNoCard, "arrives-no-card")
        }
        DocumentAdvice::EligibilityCertificateArrives { because: WhyCertificateArrives::NotRegistered } => {
            (Text::DocArrivesNotRegistered, "arrives-not-registered")
        }
        DocumentAdvice::EligibilityCertificateArrives { because: WhyCertificateArrives::CertificateExpired } => {
            (Text::DocArrivesExpired, "arrives-expired")
        }
        DocumentAdvice::LateElderlyCertificateArrives => (Text::DocLateElderlyArrives, "late-elderly"),
        DocumentAdvice::OldCardUsableUntilExpiry => (Text::DocOldCardUsable, "old-card"),
        // "Find out first", and any advice a later version of the rules adds.
        _ => (Text::DocFindOut, "find-out"),
    }
}

/// The starting answers: a card in hand, the rest not known yet.
const START: DocumentQuestions = DocumentQuestions {
    has_card: true,
    registered: Answer::DontKnow,
    certificate_valid: Answer::DontKnow,
    card_lost_or_renewing: false,
    late_elderly: false,
    holds_old_insurance_card: false,
};

/// The helper page.
#[function_component(DocumentPage)]
pub fn document_page(props: &DocumentProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let questions = use_state(|| START);
    let advice = today().map(|today| which_document(&questions, today));

    let to_card_check = {
        let on_navigate = props.on_navigate.clone();
        Callback::from(move |_| on_navigate.emit(Page::Insurance))
    };

    html! {
        <section class="panel page page-document" aria-labelledby="page-title">
            <h2 id="page-title" tabindex="-1">{ Text::DocTitle.view(lang) }</h2>
            <p>{ Text::DocIntro.view(lang) }</p>
            <form class="questions" onsubmit={ Callback::from(|e: SubmitEvent| e.prevent_default()) }>
                { for Question::ALL.iter().map(|&question| {
                    let mut options = vec![
                        (AttrValue::from("yes"), Text::Yes),
                        (AttrValue::from("no"), Text::No),
                    ];
                    if question.allows_dont_know() {
                        options.push((AttrValue::from("dont-know"), Text::DontKnow));
                    }
                    let on_change = {
                        let questions = questions.clone();
                        Callback::from(move |value: AttrValue| {
                            let mut next = *questions;
                            question.set(&mut next, parse_answer(&value));
                            questions.set(next);
                        })
                    };
                    html! {
                        <RadioGroup name={ question.name() } legend={ question.legend() } {options}
                            selected={ Some(AttrValue::from(answer_value(question.get(&questions)))) } {on_change} />
                    }
                }) }
            </form>
            <h3>{ Text::DocAnswerTitle.view(lang) }</h3>
            <div class="document-answer" aria-live="polite">
                if let Some(advice) = advice {
                    { {
                        let (text, id) = advice_text(advice);
                        html! {
                            <Notification severity={Severity::Info} code={ AttrValue::from(id) }>
                                <p>{ text.view(lang) }</p>
                            </Notification>
                        }
                    } }
                    if matches!(advice, DocumentAdvice::FindOutFirst { .. }) {
                        <button type="button" class="button-secondary" onclick={to_card_check}>
                            { Text::DocCheckWithCard.view(lang) }
                        </button>
                    }
                }
            </div>
            <p>{ Text::DocInsurerContact.view(lang) }</p>
            <p>
                { Text::DocFreeDial.view(lang) }{ " " }
                <a href={ MYNUMBER_FREE_DIAL.tel_uri } class="tel">{ MYNUMBER_FREE_DIAL.display }</a>
            </p>
            <p class="field-hint">{ i18n::phone_hours(lang, &MYNUMBER_FREE_DIAL.hours, MENU_INSURANCE_USE) }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_reads_back_what_it_set() {
        for question in Question::ALL {
            let answers: &[Answer] = if question.allows_dont_know() {
                &[Answer::Yes, Answer::No, Answer::DontKnow]
            } else {
                &[Answer::Yes, Answer::No]
            };
            for &answer in answers {
                let mut q = START;
                question.set(&mut q, answer);
                assert_eq!(question.get(&q), answer);
                assert_eq!(parse_answer(answer_value(answer)), answer);
            }
        }
    }

    #[test]
    fn every_advice_has_its_own_text() {
        let advices = [
            DocumentAdvice::ShowMynaInsuranceCard,
            DocumentAdvice::ApplyForEligibilityCertificate,
            DocumentAdvice::EligibilityCertificateArrives { because: WhyCertificateArrives::NoCard },
            DocumentAdvice::EligibilityCertificateArrives { because: WhyCertificateArrives::NotRegistered },
            DocumentAdvice::EligibilityCertificateArrives { because: WhyCertificateArrives::CertificateExpired },
            DocumentAdvice::LateElderlyCertificateArrives,
            DocumentAdvice::OldCardUsableUntilExpiry,
            DocumentAdvice::FindOutFirst { registration_unknown: true, certificate_unknown: false },
        ];
        let texts: std::collections::HashSet<_> = advices.iter().map(|a| advice_text(*a).0).collect();
        assert_eq!(texts.len(), advices.len());
        assert_eq!(advice_text(advices[0]), (Text::DocShowMyna, "show-myna"));
    }
}
