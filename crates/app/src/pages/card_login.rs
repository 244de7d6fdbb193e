//! Card login in the widget (docs/widget-protocol.md §2 `login`, §3): the card's
//! user-authentication key signs a statement binding the relying party's one-time challenge,
//! the host's origin and the time.
//!
//! | Screen    | Shown                                                     | Card operation                   |
//! |-----------|-----------------------------------------------------------|----------------------------------|
//! | `intro`   | relying party, what happens, what is (not) sent           | —                                |
//! | `reading` | progress                                                  | open card, auth PIN tries        |
//! | `pin`     | the shared PIN dialog (tries first; last try confirmed)   | —                                |
//! | `signing` | progress                                                  | VERIFY (guarded), READ auth cert, COMPUTE SIGNATURE |
//! | `done`    | "sent"                                                    | —                                |
//!
//! The statement (widget-protocol.md §2):
//!
//! ```text
//! mynaweb/1 login
//! challenge: <challenge>
//! origin: <H>
//! relying-party: <display name>
//! time: <YYYY-MM-DDTHH:MM:SSZ>
//! ```
//!
//! The result (§3): `{version: 1, kind: "login", statement, certificate: base64 DER,
//! hash: "sha256", signature: base64 PKCS#1 v1.5 over DigestInfo(SHA-256(statement))}`.

use std::rc::Rc;

use card::{Certificate, HashAlgorithm, LastTryConfirmation, Pin, PinRef, PinStatus, SigningKey};
use pki::rp::{Challenge, Origin, RelyingParty, Statement};
use serde_json::{json, Value};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::card_access::open_card;
use crate::components::notification::{Notification, Severity};
use crate::components::pin_dialog::{PinDialog, PinSubmission};
use crate::embed::base64;
use crate::i18n::widget::WidgetText;
use crate::i18n::{Lang, Text};
use crate::messages;
use crate::session::{self, AppChannel, Session, SessionError};

/// Why a card-backed result could not be made. Never carries a PIN.
#[derive(Debug)]
#[non_exhaustive]
pub enum SigningError {
    /// The card or the session said no.
    Session(SessionError),
    /// The host's values do not make a statement (widget-protocol.md §2 rules).
    Statement(String),
    /// The certificate read from the card could not be parsed, or the CMS not built.
    Certificate(String),
}

impl From<SessionError> for SigningError {
    fn from(error: SessionError) -> Self {
        SigningError::Session(error)
    }
}

impl From<card::CardError> for SigningError {
    fn from(error: card::CardError) -> Self {
        SigningError::Session(SessionError::Card(error))
    }
}

impl SigningError {
    /// The sentence for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            // No card source at all: no reader connected yet (a production widget starts so,
            // widget-protocol.md §1 `demoCard`), or the reader was unplugged.
            SigningError::Session(SessionError::NoCard) => {
                WidgetText::NoReaderYet.get(lang).to_owned()
            }
            SigningError::Session(error) => messages::for_session_error(lang, error),
            SigningError::Statement(_) => WidgetText::StatementRefused.get(lang).to_owned(),
            SigningError::Certificate(_) => WidgetText::CertificateUnreadable.get(lang).to_owned(),
        }
    }

    /// The technical line (no PIN: none of the wrapped errors holds one).
    pub fn technical(&self) -> String {
        match self {
            SigningError::Session(error) => messages::technical(error),
            SigningError::Statement(detail) | SigningError::Certificate(detail) => detail.clone(),
        }
    }

    /// A stable code for the host's `error` message.
    pub fn code(&self) -> &'static str {
        match self {
            SigningError::Session(SessionError::Card(card::CardError::WrongPin { .. })) => {
                "wrong-pin"
            }
            SigningError::Session(SessionError::Card(card::CardError::PinBlocked { .. })) => {
                "pin-blocked"
            }
            SigningError::Session(SessionError::NoCard) => "no-reader",
            SigningError::Session(_) => "card",
            SigningError::Statement(_) => "statement",
            SigningError::Certificate(_) => "certificate",
        }
    }
}

/// What the host asked to be bound into the statement, checked by `pki::rp`'s own rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The relying party's one-time challenge.
    pub challenge: Challenge,
    /// The host page's origin (H).
    pub origin: Origin,
    /// The display name the person is shown.
    pub relying_party: RelyingParty,
}

impl Binding {
    /// Checks the three values.
    pub fn new(challenge: &str, origin: &str, relying_party: &str) -> Result<Self, SigningError> {
        Ok(Binding {
            challenge: Challenge::parse(challenge)
                .map_err(|e| SigningError::Statement(e.to_string()))?,
            origin: Origin::parse(origin).map_err(|e| SigningError::Statement(e.to_string()))?,
            relying_party: RelyingParty::parse(relying_party)
                .map_err(|e| SigningError::Statement(e.to_string()))?,
        })
    }
}

/// `unix_seconds` as a DER time (UTC).
pub fn statement_time(unix_seconds: u64) -> Result<der::DateTime, SigningError> {
    der::DateTime::from_unix_duration(core::time::Duration::from_secs(unix_seconds))
        .map_err(|e| SigningError::Statement(format!("clock: {e}")))
}

/// The login statement at `unix_seconds`.
pub fn login_statement(binding: &Binding, unix_seconds: u64) -> Result<Statement, SigningError> {
    Ok(Statement::login(
        binding.challenge.clone(),
        binding.origin.clone(),
        binding.relying_party.clone(),
        statement_time(unix_seconds)?,
    ))
}

/// VERIFY of the auth PIN through the PIN guard, READ of the auth certificate, and the card's
/// signature over DigestInfo(SHA-256(statement)); returns the §3 login result. APDUs on an
/// open card: tries (2) + VERIFY (1), certificate (1 extended or ⌈len/256⌉ short reads plus
/// SELECT EF), SELECT key EF + COMPUTE SIGNATURE (2).
pub async fn card_login(
    session: &Session,
    pin: &Pin,
    confirmation: Option<LastTryConfirmation>,
    statement: &Statement,
) -> Result<Value, SigningError> {
    if pin.reference() != PinRef::JpkiAuth {
        return Err(SigningError::Session(SessionError::Card(
            card::CardError::PinForOtherReference {
                expected: PinRef::JpkiAuth,
                given: pin.reference(),
            },
        )));
    }
    let bytes = statement.to_bytes();
    let (certificate, signature) = session
        .with_card(async |card| {
            card.verify(pin, confirmation).await?;
            let certificate = card.read_certificate(Certificate::Auth).await?;
            let signature = card
                .sign(SigningKey::Auth, HashAlgorithm::Sha256, &bytes)
                .await?;
            Ok((certificate, signature))
        })
        .await?;
    let text = String::from_utf8(bytes).map_err(|e| SigningError::Statement(e.to_string()))?;
    Ok(json!({
        "version": 1,
        "kind": "login",
        "statement": text,
        "certificate": base64(&certificate),
        "hash": "sha256",
        "signature": base64(&signature),
    }))
}

/// Props of [`CardLoginPage`].
#[derive(Properties, PartialEq)]
pub struct CardLoginProps {
    /// The widget's card session.
    pub session: Session,
    /// The channel of a new source, or `None` when the session already holds it.
    pub connect: Callback<(), Option<AppChannel>>,
    /// Challenge, origin and relying party.
    pub binding: Rc<Binding>,
    /// Tells the host which screen is shown.
    pub on_step: Callback<&'static str>,
    /// Hands the §3 result to the host.
    pub on_result: Callback<Value>,
    /// Tells the host what went wrong (`code`, message in the shown language).
    pub on_error: Callback<(&'static str, String)>,
}

#[derive(Clone, PartialEq)]
enum Screen {
    Intro,
    Reading,
    Pin(PinStatus),
    Signing,
    Done,
}

impl Screen {
    fn id(&self) -> &'static str {
        match self {
            Screen::Intro => "intro",
            Screen::Reading => "reading",
            Screen::Pin(_) => "pin",
            Screen::Signing => "signing",
            Screen::Done => "done",
        }
    }
}

/// A failure to show under the intro, with its technical line.
#[derive(Clone, PartialEq)]
pub(crate) struct Shown {
    pub(crate) message: String,
    pub(crate) technical: String,
}

pub(crate) fn failure_view(lang: Lang, failure: &Option<Shown>) -> Html {
    match failure {
        Some(failure) => html! {
            <Notification severity={Severity::Error}>
                <p>{ failure.message.clone() }</p>
                if !failure.technical.is_empty() {
                    <details class="technical"><summary>{ Text::TechnicalDetails.view(lang) }</summary>
                        <p class="mono">{ failure.technical.clone() }</p></details>
                }
            </Notification>
        },
        None => html! {},
    }
}

/// The card-login page.
#[function_component(CardLoginPage)]
pub fn card_login_page(props: &CardLoginProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let screen = use_state(|| Screen::Intro);
    let failure = use_state(|| None::<Shown>);
    let body_ref = use_node_ref();
    super::use_focus_on_change(screen.id(), body_ref.clone());
    {
        let on_step = props.on_step.clone();
        use_effect_with(screen.id(), move |id| on_step.emit(id));
    }

    let fail = {
        let screen = screen.clone();
        let failure = failure.clone();
        let on_error = props.on_error.clone();
        Rc::new(move |error: SigningError| {
            let message = error.message(lang);
            on_error.emit((error.code(), message.clone()));
            failure.set(Some(Shown {
                message,
                technical: error.technical(),
            }));
            screen.set(Screen::Intro);
        })
    };

    let start = {
        let screen = screen.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        let connect = props.connect.clone();
        let fail = fail.clone();
        Callback::from(move |_: MouseEvent| {
            let fresh = connect.emit(());
            failure.set(None);
            screen.set(Screen::Reading);
            let screen = screen.clone();
            let session = session.clone();
            let fail = fail.clone();
            spawn_local(async move {
                let status = match open_card(&session, fresh).await {
                    Ok(_) => session.pin_status(PinRef::JpkiAuth).await,
                    Err(error) => Err(error),
                };
                match status {
                    Ok(status) => screen.set(Screen::Pin(status)),
                    Err(error) => fail(error.into()),
                }
            });
        })
    };

    let on_submit = {
        let screen = screen.clone();
        let failure = failure.clone();
        let session = props.session.clone();
        let binding = props.binding.clone();
        let on_result = props.on_result.clone();
        let fail = fail.clone();
        Callback::from(move |submission: PinSubmission| {
            let PinSubmission {
                pin,
                last_try_confirmed,
            } = submission;
            screen.set(Screen::Signing);
            let screen = screen.clone();
            let failure = failure.clone();
            let session = session.clone();
            let binding = binding.clone();
            let on_result = on_result.clone();
            let fail = fail.clone();
            spawn_local(async move {
                let confirmation =
                    last_try_confirmed.then(LastTryConfirmation::user_confirmed_last_try);
                let outcome = match login_statement(&binding, session::now_unix_seconds()) {
                    Ok(statement) => card_login(&session, &pin, confirmation, &statement).await,
                    Err(error) => Err(error),
                };
                drop(pin);
                match outcome {
                    Ok(result) => {
                        on_result.emit(result);
                        screen.set(Screen::Done);
                    }
                    // Nothing was sent: the last try needs the explicit tick.
                    Err(SigningError::Session(SessionError::Card(
                        card::CardError::LastTryNeedsConfirmation { .. },
                    ))) => {
                        failure.set(Some(Shown {
                            message: WidgetText::LastTryNotConfirmed.get(lang).to_owned(),
                            technical: String::new(),
                        }));
                        screen.set(Screen::Intro);
                    }
                    Err(error) => fail(error),
                }
            });
        })
    };
    let on_cancel = {
        let screen = screen.clone();
        let failure = failure.clone();
        Callback::from(move |()| {
            failure.set(Some(Shown {
                message: WidgetText::PinCancelled.get(lang).to_owned(),
                technical: String::new(),
            }));
            screen.set(Screen::Intro);
        })
    };

    let body = match &*screen {
        Screen::Intro => html! {
            <>
                { failure_view(lang, &failure) }
                <button type="button" class="button-primary" id="login-start" onclick={start}>
                    { WidgetText::LoginStart.view(lang) }
                </button>
            </>
        },
        Screen::Reading => {
            html! { <p class="progress" role="status">{ WidgetText::ReadingCard.view(lang) }</p> }
        }
        Screen::Pin(status) => html! {
            <PinDialog pin={PinRef::JpkiAuth} status={*status} {on_submit} {on_cancel} />
        },
        Screen::Signing => {
            html! { <p class="progress" role="status">{ WidgetText::Signing.view(lang) }</p> }
        }
        Screen::Done => html! {
            <Notification severity={Severity::Success}>
                <p id="login-done">{ WidgetText::LoginDone.view(lang) }</p>
            </Notification>
        },
    };

    html! {
        <section class="flow page-login" aria-labelledby="page-title" data-step={screen.id()}>
            <h2 id="page-title">{ WidgetText::LoginTitle.view(lang) }</h2>
            <p>{ WidgetText::LoginIntro.view(lang) }</p>
            <p class="widget-relying-party"><span class="widget-label">{ WidgetText::RelyingPartyLabel.view(lang) }</span>
                { " " }<strong>{ props.binding.relying_party.as_str().to_owned() }</strong></p>
            <h3>{ WidgetText::LoginWhatTitle.view(lang) }</h3>
            <ul class="checklist">
                <li>{ WidgetText::LoginWhatCertificate.view(lang) }</li>
                <li>{ WidgetText::LoginWhatPin.view(lang) }</li>
                <li>{ WidgetText::LoginWhatShared.view(lang) }</li>
            </ul>
            <div class="flow-body" ref={body_ref} tabindex="-1">{ body }</div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn open(persona: &str) -> Session {
        let session = Session::default();
        let card = sim::VirtualCard::new(sim::persona(persona).unwrap()).unwrap();
        pollster::block_on(session.open(AppChannel::Demo(sim::SimChannel::new(card)))).unwrap();
        session
    }

    fn binding() -> Binding {
        Binding::new("chal_0123456789abcdef", "http://127.0.0.1:8081", "デモ市").unwrap()
    }

    fn decode64(text: &str) -> Vec<u8> {
        let value = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        let clean: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
        let mut out = Vec::new();
        for chunk in clean.chunks(4) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &c)| n | u32::from(value(c)) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&bytes[..chunk.len() - 1]);
        }
        out
    }

    #[test]
    fn the_login_statement_has_the_exact_protocol_bytes() {
        // 2026-12-03T01:00:00Z
        let statement = login_statement(&binding(), 1_796_259_600).unwrap();
        assert_eq!(
            String::from_utf8(statement.to_bytes()).unwrap(),
            "mynaweb/1 login\nchallenge: chal_0123456789abcdef\norigin: http://127.0.0.1:8081\nrelying-party: デモ市\ntime: 2026-12-03T01:00:00Z\n"
        );
    }

    #[test]
    fn with_no_card_source_the_person_is_asked_to_connect_a_reader() {
        // A production widget starts with no card: opening it is NoCard, said as such.
        let session = Session::default();
        let error = SigningError::from(
            pollster::block_on(crate::pages::card_access::open_card(&session, None)).unwrap_err(),
        );
        assert_eq!(error.code(), "no-reader");
        assert_eq!(
            error.message(Lang::Ja),
            "カードリーダーが接続されていません。下の「カードリーダーを接続」を押し、カードをリーダーに置いてから、もう一度お試しください。"
        );
        assert_eq!(error.technical(), "no card session");
    }

    #[test]
    fn host_values_that_break_the_statement_rules_are_refused() {
        assert!(matches!(
            Binding::new("short", "http://127.0.0.1:8081", "デモ市"),
            Err(SigningError::Statement(_))
        ));
        assert!(matches!(
            Binding::new("chal_0123456789abcdef", "http://127.0.0.1:8081/", "デモ市"),
            Err(SigningError::Statement(_))
        ));
        assert!(matches!(
            Binding::new("chal_0123456789abcdef", "http://127.0.0.1:8081", "a\u{7}b"),
            Err(SigningError::Statement(_))
        ));
    }

    #[test]
    fn the_card_signs_the_statement_with_the_auth_key() {
        let session = open("standard");
        let statement = login_statement(&binding(), 1_796_259_600).unwrap();
        let pin = Pin::new(PinRef::JpkiAuth, "1234").unwrap();
        let result = pollster::block_on(card_login(&session, &pin, None, &statement)).unwrap();
        assert_eq!(result["version"], 1);
        assert_eq!(result["kind"], "login");
        assert_eq!(result["hash"], "sha256");
        assert_eq!(
            result["statement"].as_str().unwrap().as_bytes(),
            statement.to_bytes().as_slice()
        );
        let der = decode64(result["certificate"].as_str().unwrap());
        let certificate = pki::certificate::JpkiCertificate::from_der(&der).unwrap();
        let signature = decode64(result["signature"].as_str().unwrap());
        assert_eq!(signature.len(), 256);
        let key = certificate.rsa_public_key().unwrap();
        pki::signature::verify(
            &key,
            pki::signature::HashAlgorithm::Sha256,
            &statement.to_bytes(),
            &signature,
        )
        .unwrap();
        // The auth certificate, not the signature certificate.
        assert_eq!(
            certificate.profile().kind,
            Some(pki::CertificateKind::UserAuthentication)
        );
    }

    #[test]
    fn a_wrong_pin_costs_one_try_and_signs_nothing() {
        let session = open("standard");
        let statement = login_statement(&binding(), 1_796_259_600).unwrap();
        let wrong = Pin::new(PinRef::JpkiAuth, "0000").unwrap();
        let error = pollster::block_on(card_login(&session, &wrong, None, &statement)).unwrap_err();
        assert!(matches!(
            error,
            SigningError::Session(SessionError::Card(card::CardError::WrongPin {
                tries_left: 2,
                ..
            }))
        ));
        assert_eq!(error.code(), "wrong-pin");
        assert_eq!(
            pollster::block_on(session.pin_status(PinRef::JpkiAuth)).unwrap(),
            PinStatus::TriesLeft(2)
        );
    }

    #[test]
    fn the_last_try_is_not_spent_without_confirmation() {
        let session = open("auth-one-try");
        let statement = login_statement(&binding(), 1_796_259_600).unwrap();
        let pin = Pin::new(PinRef::JpkiAuth, "1234").unwrap();
        let error = pollster::block_on(card_login(&session, &pin, None, &statement)).unwrap_err();
        assert!(matches!(
            error,
            SigningError::Session(SessionError::Card(
                card::CardError::LastTryNeedsConfirmation { .. }
            ))
        ));
        assert_eq!(
            pollster::block_on(session.pin_status(PinRef::JpkiAuth)).unwrap(),
            PinStatus::TriesLeft(1)
        );
    }

    #[test]
    fn the_signature_password_is_refused_for_login() {
        let session = open("standard");
        let statement = login_statement(&binding(), 1_796_259_600).unwrap();
        let password = Pin::new(PinRef::JpkiSign, "ABC123").unwrap();
        let error =
            pollster::block_on(card_login(&session, &password, None, &statement)).unwrap_err();
        assert!(matches!(
            error,
            SigningError::Session(SessionError::Card(
                card::CardError::PinForOtherReference { .. }
            ))
        ));
    }

    #[test]
    fn a_login_on_an_open_card_takes_seven_apdus_and_never_shows_the_pin() {
        let session = open("standard");
        pollster::block_on(session.with_card(async |card| Ok(card.take_trace()))).unwrap();
        let statement = login_statement(&binding(), 1_796_259_600).unwrap();
        let pin = Pin::new(PinRef::JpkiAuth, "1234").unwrap();
        pollster::block_on(card_login(&session, &pin, None, &statement)).unwrap();
        let trace =
            pollster::block_on(session.with_card(async |card| Ok(card.take_trace()))).unwrap();
        let commands: Vec<String> = trace
            .iter()
            .map(|e| card::trace::to_hex(&e.command))
            .collect();
        // The PIN guard reads the tries (SELECT EF 0018 + empty VERIFY), the VERIFY itself (its
        // data left out of the trace), one extended READ BINARY of the auth certificate by SFI 0A,
        // SELECT of the auth key EF 0017, COMPUTE SIGNATURE over DigestInfo(SHA-256(statement)).
        assert_eq!(
            commands,
            [
                "00 A4 02 0C 02 00 18",
                "00 20 00 80",
                "00 A4 02 0C 02 00 18",
                "00 20 00 80 04",
                "00 B0 8A 00 00 00 00",
                "00 A4 02 0C 02 00 17",
                "80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 40 33 FB 5E E8 28 3E C5 CE 87 74 1F 77 D7 74 8D E1 10 A3 19 B5 21 1C 78 B9 CE E2 A4 F8 4A 48 FA 00",
            ]
        );
        let digest = pki::signature::HashAlgorithm::Sha256.digest(&statement.to_bytes());
        assert_eq!(card::trace::to_hex(&digest), commands[6][72..167]);
    }
}
