//! The card screen: card detected, token type, every PIN's tries (shown before any entry), the
//! user-authentication certificate, the APDU trace behind "technical details", and a PIN check
//! through the PIN dialog.

use card::{LastTryConfirmation, PinRef, PinStatus, TokenKind, Verified};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::pin_dialog::{PinDialog, PinSubmission};
use super::trace_view::TraceView;
use crate::i18n::{self, Lang, Text};
use crate::messages;
use crate::session::{self, AppChannel, CardOverview, PinLine, ReadProgress, Session, Trust, TrustVerdict};

/// The text naming a PIN.
pub fn pin_name(pin: PinRef) -> Text {
    match pin {
        PinRef::JpkiSign => Text::PinSignName,
        PinRef::TextPin => Text::PinTextName,
        _ => Text::PinAuthName,
    }
}

fn token_name(token: TokenKind) -> Text {
    match token {
        TokenKind::PhysicalCard => Text::TokenPhysicalCard,
        TokenKind::AndroidPhone => Text::TokenAndroidPhone,
        TokenKind::IPhone => Text::TokenIPhone,
        TokenKind::OtherJpki => Text::TokenOtherJpki,
    }
}

fn status_text(lang: Lang, status: Option<PinStatus>) -> String {
    match status {
        Some(PinStatus::TriesLeft(n)) => i18n::tries_left(lang, n),
        Some(PinStatus::Verified) => Text::PinVerified.get(lang).to_string(),
        Some(PinStatus::Blocked) => Text::PinBlocked.get(lang).to_string(),
        Some(PinStatus::NoRetryCounter) => Text::PinNoCounter.get(lang).to_string(),
        None => Text::PinUnreadable.get(lang).to_string(),
    }
}

/// What the panel is showing.
#[derive(Clone, PartialEq)]
enum View {
    Idle,
    Busy,
    Ready(CardOverview),
    Failed { message: String, technical: String },
}

/// A message after a PIN check.
#[derive(Clone, PartialEq)]
struct PinOutcome {
    ok: bool,
    message: String,
}

/// Props of [`CardPanel`].
#[derive(Properties, PartialEq)]
pub struct CardPanelProps {
    /// The app's card session.
    pub session: Session,
    /// Hands over a new channel to open when "read" is pressed (a new demo card, or a reader
    /// just connected); `None` reads the card on the channel already held.
    pub connect: Callback<(), Option<AppChannel>>,
    /// Changes whenever the source of the card changes (another persona or reader), which
    /// resets the panel.
    pub source_key: AttrValue,
}

/// The card screen.
#[function_component(CardPanel)]
pub fn card_panel(props: &CardPanelProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let view = use_state(|| View::Idle);
    let progress = use_state(ReadProgress::default);
    let dialog = use_state(|| None::<(PinRef, PinStatus)>);
    let outcome = use_state(|| None::<PinOutcome>);

    {
        let view = view.clone();
        let outcome = outcome.clone();
        let dialog = dialog.clone();
        let session = props.session.clone();
        use_effect_with(props.source_key.clone(), move |_| {
            session.close();
            view.set(View::Idle);
            outcome.set(None);
            dialog.set(None);
        });
    }

    let read = {
        let progress = progress.clone();
        let view = view.clone();
        let outcome = outcome.clone();
        let session = props.session.clone();
        let connect = props.connect.clone();
        Callback::from(move |_| {
            // A new source (demo persona or reader) opens its channel; otherwise the card on the
            // reader is reset and identified again, keeping its PIN counters.
            let fresh = connect.emit(());
            let view = view.clone();
            let session = session.clone();
            outcome.set(None);
            view.set(View::Busy);
            {
                let progress = progress.clone();
                progress.set(ReadProgress::default());
                session::listen_to_progress(Some(Box::new(move |now| progress.set(now))));
            }
            spawn_local(async move {
                let opened = match fresh {
                    Some(channel) => session.open(channel).await,
                    None => session.reconnect().await,
                };
                let result = match opened {
                    Ok(_) => session.overview().await,
                    Err(error) => Err(error),
                };
                session::listen_to_progress(None);
                view.set(match result {
                    Ok(overview) => View::Ready(overview),
                    Err(error) => View::Failed {
                        message: messages::for_session_error(lang, &error),
                        technical: messages::technical(&error),
                    },
                });
            });
        })
    };

    let open_pin_check = {
        let dialog = dialog.clone();
        let outcome = outcome.clone();
        let view = view.clone();
        let session = props.session.clone();
        Callback::from(move |_| {
            let dialog = dialog.clone();
            let outcome = outcome.clone();
            let view = view.clone();
            let session = session.clone();
            outcome.set(None);
            // Tries are read again right before the dialog opens, so it shows the card's state now.
            spawn_local(async move {
                match session.pin_status(PinRef::JpkiAuth).await {
                    Ok(status) => dialog.set(Some((PinRef::JpkiAuth, status))),
                    Err(error) => view.set(View::Failed {
                        message: messages::for_session_error(lang, &error),
                        technical: messages::technical(&error),
                    }),
                }
            });
        })
    };

    let on_submit = {
        let dialog = dialog.clone();
        let outcome = outcome.clone();
        let view = view.clone();
        let session = props.session.clone();
        Callback::from(move |submission: PinSubmission| {
            dialog.set(None);
            let outcome = outcome.clone();
            let view = view.clone();
            let session = session.clone();
            spawn_local(async move {
                let PinSubmission { pin, last_try_confirmed } = submission;
                let confirmation = last_try_confirmed.then(LastTryConfirmation::user_confirmed_last_try);
                let result = session.verify(&pin, confirmation).await;
                drop(pin);
                outcome.set(Some(match &result {
                    Ok(Verified::Now) => PinOutcome { ok: true, message: Text::PinCorrect.get(lang).into() },
                    Ok(Verified::Already) => PinOutcome { ok: true, message: Text::PinAlreadyVerified.get(lang).into() },
                    Err(error) => PinOutcome { ok: false, message: messages::for_session_error(lang, error) },
                }));
                // Show the tries as the card reports them now.
                if let View::Ready(mut overview) = (*view).clone() {
                    if let Ok(status) = session.pin_status(PinRef::JpkiAuth).await {
                        for line in overview.pins.iter_mut().filter(|l| l.pin == PinRef::JpkiAuth) {
                            line.status = Some(status);
                        }
                        view.set(View::Ready(overview));
                    }
                }
            });
        })
    };
    let on_cancel = {
        let dialog = dialog.clone();
        Callback::from(move |_| dialog.set(None))
    };

    let busy = *view == View::Busy;
    html! {
        <section class="panel card-panel" aria-labelledby="card-panel-title">
            <h2 id="card-panel-title">{ Text::CardPanelTitle.view(lang) }</h2>
            <button type="button" class="button-primary" onclick={read} disabled={busy}>
                { Text::ReadCard.view(lang) }
            </button>
            <div class="card-result" aria-live="polite" aria-busy={ if busy { "true" } else { "false" } }>
                { match &*view {
                    View::Idle => html! {},
                    View::Busy => progress_html(lang, *progress),
                    View::Failed { message, technical } => html! {
                        <div class="notice notice-error" role="alert">
                            <p>{ message }</p>
                            <details><summary>{ Text::TechnicalDetails.view(lang) }</summary><p class="mono">{ technical }</p></details>
                        </div>
                    },
                    View::Ready(overview) => overview_html(lang, overview, open_pin_check.clone()),
                } }
            </div>
            if let Some(outcome) = &*outcome {
                <p class={ if outcome.ok { "notice notice-success" } else { "notice notice-error" } } role="alert">
                    { &outcome.message }
                </p>
            }
            if let Some((pin, status)) = *dialog {
                <PinDialog {pin} {status} on_submit={on_submit} on_cancel={on_cancel} />
            }
        </section>
    }
}

fn overview_html(lang: Lang, overview: &CardOverview, open_pin_check: Callback<MouseEvent>) -> Html {
    html! {
        <>
            <p class="card-detected" role="status">{ Text::CardDetected.view(lang) }</p>
            <dl class="facts">
                <dt>{ Text::TokenTypeLabel.view(lang) }</dt>
                <dd class="token-type">{ token_name(overview.token).view(lang) }</dd>
            </dl>
            <h3>{ Text::PinStatusTitle.view(lang) }</h3>
            <table class="pin-table">
                <tbody>
                    { for overview.pins.iter().map(|PinLine { pin, status }| html! {
                        <tr data-pin={ pin_key(*pin) }>
                            <th scope="row">{ pin_name(*pin).view(lang) }</th>
                            <td>{ status_text(lang, *status) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h3>{ Text::CertTitle.view(lang) }</h3>
            { match &overview.certificate {
                None => html! { <p class="notice notice-info">{ Text::CertNeedsPinPhone.view(lang) }</p> },
                Some(certificate) => html! {
                    <>
                        <dl class="facts certificate">
                            <dt>{ Text::CertSerial.view(lang) }</dt><dd class="mono">{ &certificate.serial_hex }</dd>
                            <dt>{ Text::CertValidFrom.view(lang) }</dt><dd>{ &certificate.valid_from }</dd>
                            <dt>{ Text::CertValidUntil.view(lang) }</dt><dd>{ &certificate.valid_until }</dd>
                            <dt>{ Text::CertIssuer.view(lang) }</dt><dd class="mono">{ &certificate.issuer }</dd>
                        </dl>
                        { verdict_html(lang, &certificate.verdict) }
                        if certificate.test_hierarchy {
                            <p class="notice notice-info">{ Text::CertTestHierarchy.view(lang) }</p>
                        }
                    </>
                },
            } }
            <button type="button" class="button-secondary" onclick={open_pin_check}>{ Text::TestAuthPin.view(lang) }</button>
            <details class="technical">
                <summary>{ Text::TechnicalDetails.view(lang) }</summary>
                <TraceView entries={overview.trace.clone()} />
            </details>
        </>
    }
}

fn progress_html(lang: Lang, progress: ReadProgress) -> Html {
    let shown = progress.total.map(|total| (progress.bytes.min(total), total));
    html! {
        <div class="progress" role="status">
            <p>{ Text::Reading.view(lang) }</p>
            if let Some((done, total)) = shown {
                <progress max={total.to_string()} value={done.to_string()} aria-label={ Text::Reading.get(lang) }></progress>
                <span class="progress-bytes">{ " " }{ i18n::bytes_read(lang, done, total) }</span>
            }
        </div>
    }
}

fn verdict_html(lang: Lang, verdict: &TrustVerdict) -> Html {
    let (class, text) = match (verdict.valid, verdict.expired, verdict.trust) {
        (true, _, Trust::Demo) => ("notice notice-success cert-verdict", Text::CertVerdictTestValid),
        (true, _, Trust::Production) => ("notice notice-success cert-verdict", Text::CertVerdictValid),
        (false, true, _) => ("notice notice-error cert-verdict", Text::CertExpired),
        (false, false, _) => ("notice notice-error cert-verdict", Text::CertVerdictInvalid),
    };
    html! {
        <div class={class}>
            <p>{ text.view(lang) }</p>
            <p>{ Text::CertRevocationNotChecked.view(lang) }</p>
            if !verdict.reasons.is_empty() {
                <details><summary>{ Text::TechnicalDetails.view(lang) }</summary>
                    <ul class="mono">{ for verdict.reasons.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                </details>
            }
        </div>
    }
}

fn pin_key(pin: PinRef) -> &'static str {
    match pin {
        PinRef::JpkiAuth => "auth",
        PinRef::JpkiSign => "sign",
        PinRef::TextPin => "card-info",
        _ => "other",
    }
}
