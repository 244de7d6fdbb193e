//! Overseas-card guidance (flows.md §3): the wizard of §3.2 one question per screen, the
//! personalised checklists, the continued-use deadline of §3.1, and the printable draft of §3.3.
//!
//! | Screen      | Shown here                                                | Card operation                      |
//! |-------------|-----------------------------------------------------------|-------------------------------------|
//! | Q1–Q11      | one question: radios, or a date input (Q4) with the live   | —                                   |
//! |             | deadline "the day before departure" against today (JST)    |                                     |
//! | END         | not eligible (foreign national / not registered since 2015)| —                                   |
//! | checklist   | K, N-domestic, M or N-abroad, line by line                  | —                                   |
//! | draft       | the form's personal fields from 基本4情報, the fields the    | VERIFY card-info PIN, READ of       |
//! |             | card cannot give typed, the PIN form printed blank          | text AP EF 0002 only (no My Number) |
//!
//! Every transition is [`OverseasWizard::reduce`]; which fields the person must type is
//! [`OverseasDraft::missing_fields`]. The page keeps what was typed or read in its own state only;
//! nothing is stored or sent, and no PIN is ever part of the draft.

use card::{LastTryConfirmation, PinRef, PinStatus};
use flows::date::CivilDate;
use flows::facts::LOST_CARD_FROM_ABROAD_DISPLAY;
use flows::overseas::{
    continued_use_status, ApplicationMethod, ChecklistItem, ChecklistKind, DeadlineStatus, FourItems, MissingField,
    NotEligible, OverseasAction, OverseasAnswer, OverseasDraft, OverseasWizard, PickUpPlace, Question, Screen, Sex,
    FORMS_URL,
};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::card_access::{open_card, CardPageProps};
use super::today;
use crate::components::notification::{Notification, Severity};
use crate::components::overseas_choice::ChoiceGroup;
use crate::components::pin_dialog::{PinDialog, PinSubmission};
use crate::components::widget_report;
use crate::i18n::overseas::{self as texts, markup_view, OverseasText as T};
use crate::i18n::{Lang, Text};
use crate::messages;
use crate::session::SessionError;
use crate::situations::{self, Message};

/// The options of a question as (value, label); empty for the date question.
fn options(question: Question) -> Vec<(&'static str, Option<T>, Option<Text>)> {
    match question {
        Question::ApplicationMethod => {
            vec![("window", Some(T::MethodWindow), None), ("mail", Some(T::MethodMail), None)]
        }
        Question::PickUpPlace => vec![
            ("embassy", Some(T::PlaceEmbassy), None),
            ("honseki", Some(T::PlaceHonseki), None),
            ("temporary", Some(T::PlaceTemporary), None),
        ],
        Question::DepartureDate => Vec::new(),
        _ => vec![("yes", None, Some(Text::Yes)), ("no", None, Some(Text::No))],
    }
}

/// The answer a radio value stands for.
fn answer_of(value: &str) -> Option<OverseasAnswer> {
    Some(match value {
        "yes" => OverseasAnswer::Yes,
        "no" => OverseasAnswer::No,
        "window" => OverseasAnswer::Method(ApplicationMethod::Window),
        "mail" => OverseasAnswer::Method(ApplicationMethod::MailToHonseki),
        "embassy" => OverseasAnswer::Place(PickUpPlace::Embassy),
        "honseki" => OverseasAnswer::Place(PickUpPlace::HonsekiMunicipality),
        "temporary" => OverseasAnswer::Place(PickUpPlace::TemporaryReturnMunicipality),
        _ => return None,
    })
}

/// The question's text and a stable id (`data-question`, for tests and focus).
fn question_text(question: Question) -> (T, &'static str) {
    match question {
        Question::JapaneseNational => (T::QNational, "q1"),
        Question::ResidentInJapan => (T::QResident, "q2"),
        Question::HasValidCardBeforeLeaving => (T::QCardBeforeLeaving, "q3"),
        Question::DepartureDate => (T::QDeparture, "q4"),
        Question::SignAbroad => (T::QSignAbroad, "q5"),
        Question::RegisteredSince2015 => (T::QRegistered2015, "q6"),
        Question::HasValidCardAbroad => (T::QCardAbroad, "q7"),
        Question::ApplicationMethod => (T::QMethod, "q8"),
        Question::PickUpPlace => (T::QPlace, "q9"),
        Question::WantsCertificates => (T::QCertificates, "q10"),
        Question::PlansToReturn => (T::QReturn, "q11"),
        // A question a later version of the wizard adds: ask it with yes/no.
        _ => (T::ChooseOne, "q-other"),
    }
}

fn screen_key(screen: &Screen) -> &'static str {
    match screen {
        Screen::Ask(question) => question_text(*question).1,
        Screen::NotEligible(_) => "end",
        Screen::Checklist { .. } => "checklist",
        _ => "other",
    }
}

fn kind_text(kind: ChecklistKind) -> (T, &'static str) {
    match kind {
        ChecklistKind::ContinuedUse => (T::KindContinued, "continued-use"),
        ChecklistKind::NewCardBeforeLeaving => (T::KindNewBeforeLeaving, "new-card-before-leaving"),
        ChecklistKind::MaintenanceAbroad => (T::KindMaintenance, "maintenance-abroad"),
        ChecklistKind::NewCardFromAbroad => (T::KindNewFromAbroad, "new-card-from-abroad"),
    }
}

fn place_text(place: PickUpPlace) -> T {
    match place {
        PickUpPlace::Embassy => T::PlaceEmbassy,
        PickUpPlace::HonsekiMunicipality => T::PlaceHonseki,
        PickUpPlace::TemporaryReturnMunicipality => T::PlaceTemporary,
    }
}

/// A stable id for each checklist line (`data-item`).
fn item_id(item: &ChecklistItem) -> &'static str {
    use ChecklistItem as I;
    match item {
        I::ContinuedUseDeadline(_) => "deadline",
        I::SubmitDepartureNoticeWithCard => "submit-notice",
        I::BringCardAndKnowPin => "bring-card",
        I::ProxyDocumentsIfProxy => "proxy",
        I::KnowHonsekiMunicipality => "honseki",
        I::EmailAddress => "email",
        I::RequestOverseasSignatureCertificate => "sign-certificate",
        I::FileZairyuTodoke => "zairyu",
        I::ApplyInJapanBeforeLeaving => "apply-in-japan",
        I::OrApplyFromAbroadLater => "apply-from-abroad",
        I::ReportChangesToHonsekiOrEmbassy => "report-changes",
        I::PinResetAtHonsekiOrEmbassy => "pin-reset",
        I::LostCardCall => "lost-card",
        I::DownloadForms => "download-forms",
        I::PhotoSpec => "photo",
        I::HandInAtWindow => "hand-in",
        I::MailToHonseki => "mail",
        I::CertificatesOnForm(_) => "certificates",
        I::WaitForReadyEmail => "ready-email",
        I::PickUpInPerson(_) => "pick-up",
        I::OnReturnMoveInNoticeAndCardUpdate => "on-return",
        _ => "other",
    }
}

/// One checklist line as HTML.
fn item_view(lang: Lang, item: &ChecklistItem) -> Html {
    use ChecklistItem as I;
    let text = |t: T| t.view(lang);
    match item {
        I::ContinuedUseDeadline(status) => markup_view(lang, &texts::deadline(lang, *status)),
        I::SubmitDepartureNoticeWithCard => text(T::ItemSubmitNotice),
        I::BringCardAndKnowPin => text(T::ItemBringCard),
        I::ProxyDocumentsIfProxy => text(T::ItemProxy),
        I::KnowHonsekiMunicipality => text(T::ItemHonseki),
        I::EmailAddress => text(T::ItemEmail),
        I::RequestOverseasSignatureCertificate => text(T::ItemSignCert),
        I::FileZairyuTodoke => text(T::ItemZairyu),
        I::ApplyInJapanBeforeLeaving => text(T::ItemApplyInJapan),
        I::OrApplyFromAbroadLater => text(T::ItemApplyFromAbroad),
        I::ReportChangesToHonsekiOrEmbassy => text(T::ItemReportChanges),
        I::PinResetAtHonsekiOrEmbassy => text(T::ItemPinReset),
        I::LostCardCall => html! {
            <>
                { text(T::ItemLostCard) }{ " " }
                <a class="tel" href={ tel_uri(LOST_CARD_FROM_ABROAD_DISPLAY) }>{ LOST_CARD_FROM_ABROAD_DISPLAY }</a>
                { " " }{ text(T::LostCardVerify) }
            </>
        },
        I::DownloadForms => html! {
            <>
                { text(T::ItemDownloadForms) }{ " " }
                <a href={ FORMS_URL } target="_blank" rel="noopener">{ FORMS_URL }</a>
            </>
        },
        I::PhotoSpec => markup_view(lang, &texts::photo_spec(lang)),
        I::HandInAtWindow => text(T::ItemHandIn),
        I::MailToHonseki => text(T::ItemMail),
        I::CertificatesOnForm(true) => text(T::ItemCertsYes),
        I::CertificatesOnForm(false) => text(T::ItemCertsNo),
        I::WaitForReadyEmail => markup_view(lang, &texts::ready_email(lang)),
        I::PickUpInPerson(place) => html! { <>{ text(T::ItemPickUp) }{ " " }{ place_text(*place).view(lang) }</> },
        I::OnReturnMoveInNoticeAndCardUpdate => text(T::ItemReturn),
        _ => Html::default(),
    }
}

/// `tel:` URI of a number as printed (`+81-3-6734-0170` → `tel:+81367340170`).
fn tel_uri(display: &str) -> String {
    let digits: String = display.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

/// What the answers already say for the draft (flows.md §3.3): the departure date (the day after
/// the deadline's last day), the pick-up place and the certificates choice, read off the
/// checklist the wizard produced.
fn draft_from_checklist(items: &[ChecklistItem]) -> OverseasDraft {
    let mut draft = OverseasDraft::default();
    for item in items {
        match item {
            ChecklistItem::ContinuedUseDeadline(
                DeadlineStatus::Open { last_day, .. }
                | DeadlineStatus::LastDay { last_day }
                | DeadlineStatus::Passed { last_day },
            ) => draft.departure = last_day.add_days(1),
            ChecklistItem::PickUpInPerson(place) => draft.pick_up = Some(*place),
            ChecklistItem::CertificatesOnForm(wanted) => draft.certificates_wanted = Some(*wanted),
            _ => {}
        }
    }
    draft
}

/// Whether the checklist comes with a form draft: every branch that ends in an application
/// (continued use, or a new card from abroad now or later); not the maintenance list.
fn has_draft(kind: ChecklistKind) -> bool {
    kind != ChecklistKind::MaintenanceAbroad
}

/// What the person typed into the draft (the fields the card cannot give).
#[derive(Clone, Default, PartialEq)]
struct Typed {
    name: String,
    birth: String,
    honseki: String,
    email: String,
    pick_up: Option<PickUpPlace>,
    certificates_wanted: Option<bool>,
}

/// The draft to print: the wizard's answers, the card's 4 items when read, and what was typed.
fn full_draft(from_answers: &OverseasDraft, card: Option<&FourItems>, typed: &Typed) -> OverseasDraft {
    let non_empty = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
    OverseasDraft {
        card: card.cloned(),
        honseki: non_empty(&typed.honseki),
        email: non_empty(&typed.email),
        pick_up: from_answers.pick_up.or(typed.pick_up),
        certificates_wanted: from_answers.certificates_wanted.or(typed.certificates_wanted),
        departure: from_answers.departure,
    }
}

/// The card's 基本4情報 as the flows crate's [`FourItems`]; `None` for a sex code other than
/// male or female (ISO 5218 `0` / `9`), which the draft cannot show — the person types instead.
fn four_items(basic4: &card::Basic4) -> Option<FourItems> {
    let sex = match basic4.sex {
        card::Sex::Male => Sex::Male,
        card::Sex::Female => Sex::Female,
        _ => return None,
    };
    let birth = CivilDate::new(
        i64::from(basic4.birth_date.year),
        u32::from(basic4.birth_date.month),
        u32::from(basic4.birth_date.day),
    )
    .ok()?;
    let address = Some(basic4.address.trim().to_string()).filter(|a| !a.is_empty());
    Some(FourItems { name: basic4.name.clone(), address, birth, sex })
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

/// The wizard page.
#[function_component(OverseasPage)]
pub fn overseas_page(props: &CardPageProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let wizard = use_state(OverseasWizard::default);
    let selected = use_state(|| None::<AttrValue>);
    let departure = use_state(String::new);
    let problem = use_state(|| false);
    let card_items = use_state(|| None::<FourItems>);
    let typed = use_state(Typed::default);
    let dialog = use_state(|| None::<PinStatus>);
    let busy = use_state(|| false);
    let failure = use_state(|| None::<Failure>);
    let heading = use_node_ref();
    let screen = wizard.screen().clone();
    super::use_focus_on_change(screen_key(&screen), heading.clone());
    widget_report::use_embed_report(screen_key(&screen), widget_report::overseas_summary(&screen));
    let today = today();

    // The radio value given at each answered step, so that "back" shows the answer given there.
    let given = use_state(Vec::<Option<AttrValue>>::new);
    let apply = {
        let wizard = wizard.clone();
        let selected = selected.clone();
        let problem = problem.clone();
        let given = given.clone();
        Callback::from(move |action: OverseasAction| {
            let Some(today) = today else { return };
            match (*wizard).clone().reduce(action, today) {
                Ok(next) => {
                    let mut answers = (*given).clone();
                    let shown = match action {
                        OverseasAction::Answer(_) => {
                            answers.push((*selected).clone());
                            None
                        }
                        OverseasAction::Back => answers.pop().flatten(),
                        OverseasAction::Restart => {
                            answers.clear();
                            None
                        }
                    };
                    selected.set(shown);
                    given.set(answers);
                    problem.set(false);
                    wizard.set(next);
                }
                Err(_) => problem.set(true),
            }
        })
    };

    let on_next = {
        let apply = apply.clone();
        let selected = selected.clone();
        let departure = departure.clone();
        let problem = problem.clone();
        let screen = screen.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let answer = match screen {
                Screen::Ask(Question::DepartureDate) => {
                    CivilDate::parse_iso(departure.trim()).ok().map(OverseasAnswer::Date)
                }
                _ => selected.as_deref().and_then(answer_of),
            };
            match answer {
                Some(answer) => apply.emit(OverseasAction::Answer(answer)),
                None => problem.set(true),
            }
        })
    };
    let on_back = {
        let apply = apply.clone();
        Callback::from(move |event: MouseEvent| {
            if !repeated_click(&event) {
                apply.emit(OverseasAction::Back)
            }
        })
    };
    let on_restart = {
        let apply = apply.clone();
        let card_items = card_items.clone();
        let typed = typed.clone();
        let departure = departure.clone();
        Callback::from(move |event: MouseEvent| {
            if repeated_click(&event) {
                return;
            }
            card_items.set(None);
            typed.set(Typed::default());
            departure.set(String::new());
            apply.emit(OverseasAction::Restart);
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
    let on_departure = {
        let departure = departure.clone();
        let problem = problem.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                problem.set(false);
                departure.set(input.value());
            }
        })
    };

    // Card pre-fill: open the card, read the card-info PIN's tries, then the PIN dialog.
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
                let result = match open_card(&session, fresh).await {
                    Ok(_) => session.pin_status(PinRef::TextPin).await,
                    Err(error) => Err(error),
                };
                busy.set(false);
                match result {
                    Ok(status) => dialog.set(Some(status)),
                    Err(error) => failure.set(Some(failure_of(lang, &error))),
                }
            });
        })
    };
    let on_submit = {
        let dialog = dialog.clone();
        let busy = busy.clone();
        let failure = failure.clone();
        let card_items = card_items.clone();
        let session = props.session.clone();
        Callback::from(move |submission: PinSubmission| {
            dialog.set(None);
            let (busy, failure, card_items, session) =
                (busy.clone(), failure.clone(), card_items.clone(), session.clone());
            busy.set(true);
            spawn_local(async move {
                let PinSubmission { pin, last_try_confirmed } = submission;
                let confirmation = last_try_confirmed.then(LastTryConfirmation::user_confirmed_last_try);
                let result = session.read_four_items(&pin, confirmation).await;
                drop(pin);
                busy.set(false);
                match result {
                    Ok(basic4) => match four_items(&basic4) {
                        Some(items) => card_items.set(Some(items)),
                        None => failure.set(Some(Failure {
                            message: Text::ErrCommunication.get(lang).to_string(),
                            technical: "基本4情報: date of birth or sex code not usable for the form".to_string(),
                        })),
                    },
                    Err(error) => failure.set(Some(failure_of(lang, &error))),
                }
            });
        })
    };
    let on_cancel = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(None))
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    let error_line = |id: &'static str, text: T| {
        html! { <p id={id} class="field-error" role="alert">{ text.view(lang) }</p> }
    };

    let body = match &screen {
        Screen::Ask(question) => {
            let question = *question;
            let (text, id) = question_text(question);
            let input = if question == Question::DepartureDate {
                let status = CivilDate::parse_iso(departure.trim())
                    .ok()
                    .zip(today)
                    .and_then(|(date, today)| continued_use_status(date, today));
                let warn = status.is_some_and(|s| !matches!(s, DeadlineStatus::Open { .. }));
                html! {
                    <>
                        <label for="departure-date" class="field-label">{ T::DepartureLabel.view(lang) }</label>
                        <p id="departure-rule" class="field-hint">{ T::DepartureRule.view(lang) }</p>
                        <input id="departure-date" type="date" value={ (*departure).clone() } oninput={on_departure}
                            aria-describedby={ if *problem { "departure-rule overseas-problem" } else { "departure-rule" } }
                            aria-invalid={ if *problem { "true" } else { "false" } } />
                        <div class="deadline-live" aria-live="polite">
                            if let Some(status) = status {
                                <Notification severity={ if warn { Severity::Warning } else { Severity::Info } }
                                    code={ AttrValue::from(if warn { "deadline-warning" } else { "deadline" }) }>
                                    <p>{ markup_view(lang, &texts::deadline(lang, status)) }</p>
                                </Notification>
                            }
                        </div>
                        if *problem {
                            { error_line("overseas-problem", T::DateInvalid) }
                        }
                    </>
                }
            } else {
                let choices = options(question)
                    .into_iter()
                    .map(|(value, own, shared)| {
                        let label = match (own, shared) {
                            (Some(own), _) => own.view(lang),
                            (None, Some(shared)) => shared.view(lang),
                            (None, None) => Html::default(),
                        };
                        (AttrValue::from(value), label)
                    })
                    .collect::<Vec<_>>();
                html! {
                    <>
                        <ChoiceGroup name={ id } labelled_by="overseas-question" options={choices}
                            selected={ (*selected).clone() } on_change={on_choice}
                            error_id={ problem.then(|| AttrValue::from("overseas-problem")) } />
                        if *problem {
                            { error_line("overseas-problem", T::ChooseOne) }
                        }
                    </>
                }
            };
            html! {
                <form class="wizard-step" data-question={id} onsubmit={on_next} novalidate=true>
                    <h3 id="overseas-question" ref={heading} tabindex="-1">{ text.view(lang) }</h3>
                    { input }
                    // Next first, where it stays from question to question: the second click of a
                    // double click lands on the next question's Next, never on its Back.
                    <div class="actions wizard-actions">
                        <button type="submit" class="button-primary">{ Text::Next.view(lang) }</button>
                        if question != Question::JapaneseNational {
                            <button type="button" class="button-secondary" onclick={on_back.clone()}>{ T::Back.view(lang) }</button>
                        }
                    </div>
                </form>
            }
        }
        Screen::NotEligible(why) => {
            let (reason, code) = match why {
                NotEligible::ForeignNational => (T::NotForeign, "foreign-national"),
                NotEligible::NotRegisteredSince2015 => (T::NotRegistered, "not-registered-since-2015"),
            };
            html! {
                <div class="wizard-end" data-end={code}>
                    <h3 id="overseas-question" ref={heading} tabindex="-1">{ T::NotEligibleTitle.view(lang) }</h3>
                    <Notification severity={Severity::Warning} code={ AttrValue::from(code) }>
                        <p>{ reason.view(lang) }</p>
                    </Notification>
                    <div class="actions">
                        <button type="button" class="button-secondary" onclick={on_back.clone()}>{ T::Back.view(lang) }</button>
                        <button type="button" class="button-secondary" onclick={on_restart.clone()}>{ Text::Restart.view(lang) }</button>
                    </div>
                </div>
            }
        }
        Screen::Checklist { kind, items } => {
            let (kind_label, kind_id) = kind_text(*kind);
            let draft = if has_draft(*kind) {
                let from_answers = draft_from_checklist(items);
                html! {
                    <DraftSection kind={*kind} {from_answers} card={(*card_items).clone()} typed={(*typed).clone()}
                        on_typed={ { let typed = typed.clone(); Callback::from(move |t: Typed| typed.set(t)) } }
                        on_read_card={read_card} busy={*busy} on_print={print} />
                }
            } else {
                Html::default()
            };
            html! {
                <>
                    <div class="overseas-checklist no-print" data-checklist={kind_id}>
                        <h3 id="overseas-question" ref={heading} tabindex="-1">{ T::ChecklistTitle.view(lang) }</h3>
                        <p class="checklist-kind">{ kind_label.view(lang) }</p>
                        <ul class="checklist">
                            { for items.iter().map(|item| html! {
                                <li data-item={ item_id(item) }>{ item_view(lang, item) }</li>
                            }) }
                        </ul>
                    </div>
                    { draft }
                    <div class="actions no-print">
                        <button type="button" class="button-secondary" onclick={on_back.clone()}>{ T::Back.view(lang) }</button>
                        <button type="button" class="button-secondary" onclick={on_restart.clone()}>{ Text::Restart.view(lang) }</button>
                    </div>
                </>
            }
        }
        _ => html! {
            <button type="button" class="button-secondary" onclick={on_restart.clone()}>{ Text::Restart.view(lang) }</button>
        },
    };

    let failure_view = (*failure).clone().map(|failure| {
        html! {
            <div class="no-print">
                <Notification severity={Severity::Error} code={AttrValue::from("card-failure")}>
                    <p>{ failure.message }</p>
                    <details class="technical"><summary>{ Text::TechnicalDetails.view(lang) }</summary>
                        <p class="mono">{ failure.technical }</p></details>
                </Notification>
            </div>
        }
    });

    html! {
        <section class="panel page page-overseas" aria-labelledby="page-title">
            <h2 id="page-title" class="no-print" tabindex="-1">{ T::Title.view(lang) }</h2>
            <p class="no-print">{ T::Intro.view(lang) }</p>
            <p class="field-hint no-print">{ Text::NothingLeavesBrowser.view(lang) }</p>
            <div class="flow-body">
                { body }
                { failure_view.unwrap_or_default() }
            </div>
            if let Some(status) = *dialog {
                <PinDialog pin={PinRef::TextPin} {status} {on_submit} {on_cancel} />
            }
        </section>
    }
}

/// Props of [`DraftSection`].
#[derive(Properties, PartialEq)]
struct DraftProps {
    kind: ChecklistKind,
    from_answers: OverseasDraft,
    card: Option<FourItems>,
    typed: Typed,
    on_typed: Callback<Typed>,
    on_read_card: Callback<MouseEvent>,
    busy: bool,
    on_print: Callback<MouseEvent>,
}

/// The draft of flows.md §3.3: the card read (or not), the fields to type, and the printable
/// sheet with the PIN form left blank.
#[function_component(DraftSection)]
fn draft_section(props: &DraftProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    // What must be typed: asked from the card and the answers only, so a field stays on screen
    // while it is being typed.
    let asked = OverseasDraft { card: props.card.clone(), ..props.from_answers.clone() }.missing_fields(props.kind);
    let draft = full_draft(&props.from_answers, props.card.as_ref(), &props.typed);
    let birth_typed = CivilDate::parse_iso(props.typed.birth.trim()).ok();
    let birth_invalid = !props.typed.birth.trim().is_empty() && birth_typed.is_none();

    let text_field = |field: MissingField,
                      id: &'static str,
                      label: T,
                      kind: &'static str,
                      autocomplete: &'static str| {
        let typed = props.typed.clone();
        let on_typed = props.on_typed.clone();
        let value = match field {
            MissingField::Name => typed.name.clone(),
            MissingField::BirthDate => typed.birth.clone(),
            MissingField::Honseki => typed.honseki.clone(),
            _ => typed.email.clone(),
        };
        let oninput = Callback::from(move |event: InputEvent| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else { return };
            let mut next = typed.clone();
            let value = input.value();
            match field {
                MissingField::Name => next.name = value,
                MissingField::BirthDate => next.birth = value,
                MissingField::Honseki => next.honseki = value,
                _ => next.email = value,
            }
            on_typed.emit(next);
        });
        let hint = (field == MissingField::BirthDate).then_some("draft-birth-hint");
        html! {
            <div class="draft-field">
                <label for={id} class="field-label">{ label.view(lang) }</label>
                if field == MissingField::BirthDate {
                    <p id="draft-birth-hint" class="field-hint">{ T::BirthHint.view(lang) }</p>
                }
                <input {id} type={kind} {value} {oninput} autocomplete={autocomplete} aria-describedby={hint}
                    aria-invalid={ if field == MissingField::BirthDate && birth_invalid { "true" } else { "false" } } />
            </div>
        }
    };
    let place_field = {
        let typed = props.typed.clone();
        let on_typed = props.on_typed.clone();
        let on_change = Callback::from(move |value: AttrValue| {
            let mut next = typed.clone();
            next.pick_up = match answer_of(&value) {
                Some(OverseasAnswer::Place(place)) => Some(place),
                _ => None,
            };
            on_typed.emit(next);
        });
        let selected = props.typed.pick_up.map(|p| {
            AttrValue::from(match p {
                PickUpPlace::Embassy => "embassy",
                PickUpPlace::HonsekiMunicipality => "honseki",
                PickUpPlace::TemporaryReturnMunicipality => "temporary",
            })
        });
        let options = options(Question::PickUpPlace)
            .into_iter()
            .filter_map(|(value, own, _)| Some((AttrValue::from(value), own?.view(lang))))
            .collect::<Vec<_>>();
        html! {
            <div class="draft-field">
                <p id="draft-pick-up-label" class="field-label">{ T::FieldPickUp.view(lang) }</p>
                <ChoiceGroup name="draft-pick-up" labelled_by="draft-pick-up-label" {options} {selected} {on_change} />
            </div>
        }
    };
    let certificates_field = {
        let typed = props.typed.clone();
        let on_typed = props.on_typed.clone();
        let on_change = Callback::from(move |value: AttrValue| {
            let mut next = typed.clone();
            next.certificates_wanted = Some(value.as_str() == "yes");
            on_typed.emit(next);
        });
        let selected = props.typed.certificates_wanted.map(|w| AttrValue::from(if w { "yes" } else { "no" }));
        let options = vec![
            (AttrValue::from("yes"), T::CertsWanted.view(lang)),
            (AttrValue::from("no"), T::CertsNotWanted.view(lang)),
        ];
        html! {
            <div class="draft-field">
                <p id="draft-certificates-label" class="field-label">{ T::FieldCertificates.view(lang) }</p>
                <ChoiceGroup name="draft-certificates" labelled_by="draft-certificates-label" {options} {selected} {on_change} />
            </div>
        }
    };

    let inputs = asked
        .iter()
        .map(|field| match field {
            MissingField::Name => text_field(*field, "draft-name", T::FieldName, "text", "name"),
            MissingField::BirthDate => text_field(*field, "draft-birth", T::FieldBirth, "text", "bday"),
            MissingField::Honseki => text_field(*field, "draft-honseki", T::FieldHonseki, "text", "off"),
            MissingField::Email => text_field(*field, "draft-email", T::FieldEmail, "email", "email"),
            MissingField::PickUpPlace => place_field.clone(),
            MissingField::CertificatesWanted => certificates_field.clone(),
            _ => Html::default(),
        })
        .collect::<Html>();

    // The sheet: each row a value or a blank line to write on.
    let blank = || html! { <span class="blank-line"></span> };
    let value = |text: Option<Html>| text.unwrap_or_else(blank);
    let card = draft.card.as_ref();
    let name =
        card.map(|c| c.name.clone()).or_else(|| Some(props.typed.name.trim().to_string()).filter(|n| !n.is_empty()));
    let birth = card.map(|c| c.birth).or(birth_typed);
    let sex = card.map(|c| match c.sex {
        Sex::Male => T::SexMale,
        Sex::Female => T::SexFemale,
    });
    let address = card.map(|c| match &c.address {
        Some(address) => Html::from(address.clone()),
        None => T::NoAddress.view(lang),
    });
    let continued = props.kind == ChecklistKind::ContinuedUse;
    let row = |field: &'static str, label: T, content: Html| {
        html! {
            <>
                <dt>{ label.view(lang) }</dt>
                <dd data-field={field}>{ content }</dd>
            </>
        }
    };
    let pin_row = |pin: &'static str, label: T, boxes: usize| {
        html! {
            <>
                <dt>{ label.view(lang) }</dt>
                <dd data-pin={pin}>
                    <span class="pin-boxes" aria-hidden="true">
                        { for (0..boxes).map(|_| html! { <span class="pin-box"></span> }) }
                    </span>
                </dd>
            </>
        }
    };

    html! {
        <section class="overseas-draft" aria-labelledby="draft-title">
            <div class="no-print draft-inputs">
                <h3 id="draft-title">{ T::DraftTitle.view(lang) }</h3>
                <p>{ T::DraftIntro.view(lang) }</p>
                if props.card.is_some() {
                    <Notification severity={Severity::Success} code={AttrValue::from("card-read")}>
                        <p>{ T::DraftCardRead.view(lang) }</p>
                    </Notification>
                } else {
                    <button type="button" class="button-secondary" onclick={props.on_read_card.clone()} disabled={props.busy}>
                        { T::DraftFromCard.view(lang) }
                    </button>
                    if props.busy {
                        <p class="progress" role="status">{ Text::Reading.view(lang) }</p>
                    }
                    <p class="field-hint">{ T::DraftReadsOnlyFourItems.view(lang) }</p>
                }
                if !asked.is_empty() {
                    <h4>{ T::DraftTypeTitle.view(lang) }</h4>
                    <form class="draft-form" onsubmit={ Callback::from(|e: SubmitEvent| e.prevent_default()) } novalidate=true>
                        { inputs }
                    </form>
                }
            </div>
            <div class="draft-sheet">
                <h3 class="print-only">{ T::DraftTitle.view(lang) }</h3>
                <h4 class="draft-form-name">{ if continued { T::DraftFormContinued } else { T::DraftFormNewCard }.view(lang) }</h4>
                <dl class="facts draft-facts">
                    { row("name", T::FieldName, value(name.map(Html::from))) }
                    { row("birth", T::FieldBirth, value(birth.map(|b| markup_view(lang, &texts::date(lang, b))))) }
                    { row("sex", T::FieldSex, value(sex.map(|s| s.view(lang)))) }
                    { row("address", T::FieldAddress, value(address)) }
                    { row("honseki", T::FieldHonseki, value(draft.honseki.clone().map(Html::from))) }
                    { row("email", T::FieldEmail, value(draft.email.clone().map(Html::from))) }
                    if continued {
                        { row("departure", T::FieldDeparture, value(draft.departure.map(|d| markup_view(lang, &texts::date(lang, d))))) }
                    } else {
                        { row("pick-up", T::FieldPickUp, value(draft.pick_up.map(|p| place_text(p).view(lang)))) }
                        { row("certificates", T::FieldCertificates, value(draft.certificates_wanted.map(|w| {
                            if w { T::CertsWanted } else { T::CertsNotWanted }.view(lang)
                        }))) }
                    }
                </dl>
                <h4 class="draft-form-name">{ T::PinFormTitle.view(lang) }</h4>
                <p class="field-hint">{ T::PinFormNote.view(lang) }</p>
                <dl class="facts draft-facts pin-form">
                    { pin_row("auth", T::PinAuthField, 4) }
                    { pin_row("card-info", T::PinCardInfoField, 4) }
                    { pin_row("resident", T::PinResidentField, 4) }
                    { pin_row("sign", T::PinSignField, 16) }
                </dl>
                <p class="field-hint">{ T::DraftVerifyNote.view(lang) }</p>
            </div>
            <div class="actions no-print">
                <button type="button" class="button-primary" onclick={props.on_print.clone()}>{ T::PrintDraft.view(lang) }</button>
            </div>
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

    fn d(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    #[test]
    fn every_radio_value_is_an_answer_of_its_question() {
        let all = [
            Question::JapaneseNational,
            Question::ResidentInJapan,
            Question::HasValidCardBeforeLeaving,
            Question::SignAbroad,
            Question::RegisteredSince2015,
            Question::HasValidCardAbroad,
            Question::ApplicationMethod,
            Question::PickUpPlace,
            Question::WantsCertificates,
            Question::PlansToReturn,
        ];
        for question in all {
            for (value, _, _) in options(question) {
                assert!(answer_of(value).is_some(), "{value}");
            }
        }
        assert_eq!(answer_of("mail"), Some(OverseasAnswer::Method(ApplicationMethod::MailToHonseki)));
        assert_eq!(answer_of("x"), None);
        assert!(options(Question::DepartureDate).is_empty());
        let ids: std::collections::HashSet<_> = all.iter().map(|q| question_text(*q).1).collect();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn the_draft_takes_the_departure_place_and_certificates_from_the_checklist() {
        let today = d("2026-12-03");
        let answers = [
            OverseasAnswer::Yes,
            OverseasAnswer::Yes,
            OverseasAnswer::Yes,
            OverseasAnswer::Date(d("2027-01-10")),
            OverseasAnswer::No,
            OverseasAnswer::No,
        ];
        let wizard =
            answers.iter().fold(OverseasWizard::default(), |w, a| w.reduce(OverseasAction::Answer(*a), today).unwrap());
        let Screen::Checklist { kind, items } = wizard.screen() else { panic!("{:?}", wizard.screen()) };
        assert_eq!(*kind, ChecklistKind::ContinuedUse);
        let draft = draft_from_checklist(items);
        assert_eq!(draft.departure, Some(d("2027-01-10")));
        assert_eq!(
            draft.missing_fields(*kind),
            vec![MissingField::Name, MissingField::BirthDate, MissingField::Honseki, MissingField::Email]
        );

        let abroad = [
            ChecklistItem::DownloadForms,
            ChecklistItem::CertificatesOnForm(false),
            ChecklistItem::PickUpInPerson(PickUpPlace::TemporaryReturnMunicipality),
        ];
        let draft = draft_from_checklist(&abroad);
        assert_eq!(draft.pick_up, Some(PickUpPlace::TemporaryReturnMunicipality));
        assert_eq!(draft.certificates_wanted, Some(false));
        assert_eq!(draft.departure, None);
    }

    #[test]
    fn typed_fields_fill_the_draft_and_blank_ones_stay_missing() {
        let from_answers = OverseasDraft { departure: Some(d("2027-01-10")), ..OverseasDraft::default() };
        let card = FourItems { name: "見本　太郎".into(), address: None, birth: d("1975-06-15"), sex: Sex::Male };
        let typed = Typed { honseki: " 東京都見本区 ".into(), email: "   ".into(), ..Typed::default() };
        let draft = full_draft(&from_answers, Some(&card), &typed);
        assert_eq!(draft.honseki.as_deref(), Some("東京都見本区"));
        assert_eq!(draft.email, None);
        assert_eq!(draft.missing_fields(ChecklistKind::ContinuedUse), vec![MissingField::Email]);
        assert!(!has_draft(ChecklistKind::MaintenanceAbroad));
        assert!(has_draft(ChecklistKind::NewCardBeforeLeaving));
    }

    #[test]
    fn the_card_four_items_become_the_draft_card_fields() {
        let basic4 = |sex, address: &str| card::Basic4 {
            name: "見本　太郎".into(),
            address: address.into(),
            birth_date: card::Date { year: 1975, month: 6, day: 15 },
            sex,
            content_digest: [0; 32],
        };
        assert_eq!(
            four_items(&basic4(card::Sex::Male, "東京都見本区見本町１－２－３")),
            Some(FourItems {
                name: "見本　太郎".into(),
                address: Some("東京都見本区見本町１－２－３".into()),
                birth: d("1975-06-15"),
                sex: Sex::Male
            })
        );
        assert_eq!(four_items(&basic4(card::Sex::Female, "  ")).unwrap().address, None);
        assert_eq!(four_items(&basic4(card::Sex::NotKnown, "x")), None);
    }

    fn demo_session(persona: &str) -> crate::session::Session {
        let session = crate::session::Session::default();
        let card = sim::VirtualCard::new(sim::persona(persona).unwrap()).unwrap();
        let channel = crate::session::AppChannel::Demo(sim::SimChannel::new(card));
        pollster::block_on(open_card(&session, Some(channel))).unwrap();
        session
    }

    #[test]
    fn the_demo_card_pre_fills_name_address_birth_and_sex() {
        let session = demo_session("standard");
        let pin = card::Pin::from_string(PinRef::TextPin, "1234".to_string()).unwrap();
        let basic4 = pollster::block_on(session.read_four_items(&pin, None)).unwrap();
        assert_eq!(
            four_items(&basic4),
            Some(FourItems {
                name: "見本　太郎".into(),
                address: Some("東京都見本区見本町１－２－３".into()),
                birth: d("1975-06-15"),
                sex: Sex::Male
            })
        );
    }

    #[test]
    fn the_pre_fill_takes_only_the_card_info_pin_and_a_wrong_one_costs_a_try() {
        let session = demo_session("standard");
        let auth = card::Pin::from_string(PinRef::JpkiAuth, "1234".to_string()).unwrap();
        assert!(matches!(
            pollster::block_on(session.read_four_items(&auth, None)),
            Err(SessionError::Card(card::CardError::PinForOtherReference { .. }))
        ));
        // Nothing was sent: all three tries are still there.
        assert_eq!(pollster::block_on(session.pin_status(PinRef::TextPin)).unwrap(), PinStatus::TriesLeft(3));
        let wrong = card::Pin::from_string(PinRef::TextPin, "9999".to_string()).unwrap();
        assert!(matches!(
            pollster::block_on(session.read_four_items(&wrong, None)),
            Err(SessionError::Card(card::CardError::WrongPin { tries_left: 2, .. }))
        ));
    }

    /// The card work of the pre-fill, APDU by APDU (what [`Session::read_four_items`] does):
    /// the PIN guard's status query (VERIFY without data), the VERIFY, then the 4-items file —
    /// and no command ever touches the My Number file (text AP EF 0001).
    ///
    /// [`Session::read_four_items`]: crate::session::Session::read_four_items
    #[test]
    fn the_pre_fill_reads_only_the_four_items_file() {
        let card = sim::VirtualCard::new(sim::persona("standard").unwrap()).unwrap();
        let mut card =
            pollster::block_on(card::Card::try_connect(sim::SimChannel::new(card))).map_err(|(_, e)| e).unwrap();
        card.take_trace();
        let pin = card::Pin::from_string(PinRef::TextPin, "1234".to_string()).unwrap();
        pollster::block_on(card.verify(&pin, None)).unwrap();
        let basic4 = pollster::block_on(card.read_basic4()).unwrap();
        assert_eq!(basic4.name, "見本　太郎");
        let trace = card.take_trace();
        let commands: Vec<Vec<u8>> = trace.iter().map(|entry| entry.command.clone()).collect();
        assert_eq!(
            commands,
            vec![
                // SELECT the card-info input-support AP (mynacard.md §9).
                vec![0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08],
                // SELECT its PIN EF 0011, then VERIFY without data: tries left (no try used).
                vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x11],
                vec![0x00, 0x20, 0x00, 0x80],
                // SELECT EF 0011 again and VERIFY with the PIN (the trace keeps only header and Lc).
                vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x11],
                vec![0x00, 0x20, 0x00, 0x80, 0x04],
                // READ BINARY of EF 0002 by short EF id (P1 = 0x82), extended Le: the whole file.
                vec![0x00, 0xB0, 0x82, 0x00, 0x00, 0x00, 0x00],
            ]
        );
        assert_eq!(trace[4].redacted_len, 4);
    }

    #[test]
    fn the_lost_card_number_dials_from_abroad() {
        assert_eq!(tel_uri(LOST_CARD_FROM_ABROAD_DISPLAY), "tel:+81367340170");
    }
}
