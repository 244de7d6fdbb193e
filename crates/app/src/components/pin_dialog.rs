//! The PIN dialog used everywhere a PIN is entered.
//!
//! - The tries left are shown before any entry; a blocked PIN offers no input at all.
//! - At one try left the person must tick an explicit confirmation before anything is sent.
//! - The input is masked, never autocompleted, and its value is read once on submit straight
//!   into a zeroizing [`card::Pin`] and then cleared from the DOM; it is never kept in component
//!   state, never logged, and the dialog's unmount clears it again.
//! - The format is checked locally first (4 digits, or 6–16 capital letters and digits), so a
//!   wrong kind of entry never costs a try.

use card::{Pin, PinRef, PinStatus};
use web_sys::{HtmlDialogElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::widget::WidgetText;
use crate::i18n::{self, Lang, Text};

/// What the person submitted: a PIN already checked for format, and whether they confirmed the
/// last try.
pub struct PinSubmission {
    /// The PIN (wiped on drop).
    pub pin: Pin,
    /// The person ticked "I understand this is the last try".
    pub last_try_confirmed: bool,
}

/// Props of [`PinDialog`].
#[derive(Properties, PartialEq)]
pub struct PinDialogProps {
    /// Which PIN is asked for.
    pub pin: PinRef,
    /// Its status, read just before the dialog opened.
    pub status: PinStatus,
    /// Called with a well-formed PIN.
    pub on_submit: Callback<PinSubmission>,
    /// Called when the person cancels (button or Escape).
    pub on_cancel: Callback<()>,
}

/// The dialog's title names what is asked: the signature password is a password, not a
/// 4-digit PIN (its button says 署名用パスワード, so must the dialog).
fn title(pin: PinRef, lang: Lang) -> (&'static str, Html) {
    match pin {
        PinRef::JpkiSign => (
            WidgetText::SignPasswordDialogTitle.get(lang),
            WidgetText::SignPasswordDialogTitle.view(lang),
        ),
        _ => (
            Text::PinDialogTitle.get(lang),
            Text::PinDialogTitle.view(lang),
        ),
    }
}

fn hint(pin: PinRef) -> Text {
    match pin {
        PinRef::JpkiSign => Text::PinHintSignPassword,
        _ => Text::PinHintFourDigits,
    }
}

fn format_error(pin: PinRef) -> Text {
    match pin {
        PinRef::JpkiSign => Text::PinFormatSignPassword,
        _ => Text::PinFormatFourDigits,
    }
}

/// A modal dialog asking for one PIN.
#[function_component(PinDialog)]
pub fn pin_dialog(props: &PinDialogProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let input = use_node_ref();
    let confirm = use_node_ref();
    let dialog = use_node_ref();
    let format_problem = use_state(|| false);

    // Open as a modal <dialog> (the browser traps focus and makes the page behind inert), focus
    // the input; clear it when the dialog goes away.
    {
        let input = input.clone();
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(element) = dialog.cast::<HtmlDialogElement>() {
                let _ = element.show_modal();
            }
            if let Some(element) = input.cast::<HtmlInputElement>() {
                let _ = element.focus();
            }
            move || {
                if let Some(element) = input.cast::<HtmlInputElement>() {
                    element.set_value("");
                }
            }
        });
    }

    let last_try = props.status == PinStatus::TriesLeft(1);
    let blocked = props.status == PinStatus::Blocked;

    let onsubmit = {
        let input = input.clone();
        let confirm = confirm.clone();
        let on_submit = props.on_submit.clone();
        let format_problem = format_problem.clone();
        let pin_ref = props.pin;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(element) = input.cast::<HtmlInputElement>() else { return };
            let typed = element.value();
            element.set_value("");
            match Pin::from_string(pin_ref, typed) {
                Ok(pin) => {
                    format_problem.set(false);
                    let last_try_confirmed = confirm.cast::<HtmlInputElement>().is_some_and(|c| c.checked());
                    on_submit.emit(PinSubmission { pin, last_try_confirmed });
                }
                Err(_) => {
                    format_problem.set(true);
                    let _ = element.focus();
                }
            }
        })
    };

    // Escape on a modal <dialog> fires `cancel`; the component decides what closing means.
    let oncancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |event: Event| {
            event.prevent_default();
            on_cancel.emit(());
        })
    };
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_| on_cancel.emit(()))
    };

    let tries_line = match props.status {
        PinStatus::TriesLeft(n) => i18n::tries_left(lang, n),
        PinStatus::Blocked => Text::PinBlocked.get(lang).to_string(),
        PinStatus::Verified => Text::PinVerified.get(lang).to_string(),
        PinStatus::NoRetryCounter => Text::PinNoCounter.get(lang).to_string(),
    };
    let numeric = props.pin != PinRef::JpkiSign;

    html! {
        <dialog ref={dialog} class="dialog" aria-labelledby="pin-dialog-title"
                aria-describedby="pin-dialog-tries" {oncancel}>
                <h2 id="pin-dialog-title">{ title(props.pin, lang).1 }</h2>
                <p class="pin-name">{ super::card_panel::pin_name(props.pin).view(lang) }</p>
                <p id="pin-dialog-tries" class="pin-tries">{ tries_line }</p>
                if blocked {
                    <p class="notice notice-error" role="alert">{ Text::PinBlockedNoEntry.view(lang) }</p>
                    <div class="dialog-actions">
                        <button type="button" class="button-secondary" onclick={cancel}>{ Text::PinCancel.view(lang) }</button>
                    </div>
                } else {
                    <form {onsubmit} autocomplete="off" novalidate=true>
                        if last_try {
                            <p class="notice notice-warning" role="alert">{ Text::PinLastTryWarning.view(lang) }</p>
                        }
                        <label for="pin-input" class="field-label">{ Text::PinInputLabel.view(lang) }</label>
                        <p id="pin-hint" class="field-hint">{ hint(props.pin).view(lang) }</p>
                        <input id="pin-input" ref={input} type="password" autocomplete="off"
                               inputmode={ if numeric { "numeric" } else { "text" } }
                               autocapitalize="characters" spellcheck="false"
                               aria-describedby={ if *format_problem { "pin-hint pin-format-error" } else { "pin-hint" } }
                               aria-invalid={ if *format_problem { "true" } else { "false" } }
                               maxlength={ if numeric { "4" } else { "16" } } />
                        if *format_problem {
                            <p id="pin-format-error" class="field-error" role="alert">{ format_error(props.pin).view(lang) }</p>
                        }
                        if last_try {
                            <label class="checkbox">
                                <input ref={confirm} type="checkbox" required=true />
                                { Text::PinConfirmLastTry.view(lang) }
                            </label>
                        }
                        <div class="dialog-actions">
                            <button type="submit" class="button-primary">{ Text::PinSubmit.view(lang) }</button>
                            <button type="button" class="button-secondary" onclick={cancel}>{ Text::PinCancel.view(lang) }</button>
                        </div>
                    </form>
                }
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_signature_password_or_the_pin() {
        let titles = |pin| Lang::ALL.map(|lang| title(pin, lang).0);
        assert_eq!(
            titles(PinRef::JpkiSign),
            [
                "署名用パスワードの入力",
                "Enter your signature password",
                "署名用の パスワードを 入れる"
            ]
        );
        assert_eq!(
            titles(PinRef::JpkiAuth),
            ["暗証番号の入力", "Enter your PIN", "暗証番号を 入れる"]
        );
        assert_eq!(titles(PinRef::TextPin), titles(PinRef::JpkiAuth));
    }
}
