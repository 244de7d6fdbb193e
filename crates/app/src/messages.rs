//! What to tell a person when something fails: each error of the card, reader and session
//! layers mapped to a message that says what happened and what to do (flows.md §8).

use apdu::TransportError;
use card::CardError;

use crate::i18n::{self, Lang, Text};
use crate::session::SessionError;

/// The sentence to show for a failed card operation.
pub fn for_session_error(lang: Lang, error: &SessionError) -> String {
    match error {
        SessionError::Busy => Text::ErrBusy.get(lang).to_string(),
        // No channel at all: no reader connected (a widget without the demo card, or a reader
        // unplugged): say how to connect one, not that the card went away.
        SessionError::NoCard => crate::i18n::widget::WidgetText::NoReaderYet.get(lang).to_string(),
        SessionError::Card(CardError::CardRemoved) => Text::ErrCardRemoved.get(lang).to_string(),
        SessionError::Card(error) => for_card_error(lang, error),
        SessionError::Certificate(_) => Text::ErrCommunication.get(lang).to_string(),
    }
}

/// The sentence for a card error.
pub fn for_card_error(lang: Lang, error: &CardError) -> String {
    match error {
        CardError::WrongPin { tries_left, .. } => i18n::wrong_pin(lang, *tries_left),
        CardError::PinBlocked { .. } => Text::PinBlockedNoEntry.get(lang).to_string(),
        CardError::PinNotSet { .. } => Text::SitNoPinCard.get(lang).to_string(),
        CardError::LastTryNeedsConfirmation { .. } => Text::PinLastTryWarning.get(lang).to_string(),
        CardError::PinFormat(_) => Text::PinFormatFourDigits.get(lang).to_string(),
        CardError::CardRemoved => Text::ErrCardRemoved.get(lang).to_string(),
        CardError::NotMyNumberCard { .. } => Text::ErrNotMyNumberCard.get(lang).to_string(),
        CardError::Transport(TransportError::ReaderGone) => Text::ErrReaderGone.get(lang).to_string(),
        CardError::Transport(TransportError::Timeout) => Text::ErrTimeout.get(lang).to_string(),
        _ => Text::ErrCommunication.get(lang).to_string(),
    }
}

/// The technical line shown under "technical details" (never contains a PIN: card errors
/// carry none).
pub fn technical(error: &SessionError) -> String {
    match error {
        SessionError::Busy => "busy".into(),
        SessionError::NoCard => "no card session".into(),
        SessionError::Card(error) => error.to_string(),
        SessionError::Certificate(detail) => format!("certificate: {detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use card::PinRef;

    #[test]
    fn wrong_pin_says_how_many_tries_are_left() {
        let error = CardError::WrongPin { pin: PinRef::JpkiAuth, tries_left: 2 };
        assert_eq!(for_card_error(Lang::Ja, &error), "暗証番号が違います。残り2回です。");
        assert_eq!(for_card_error(Lang::En, &error), "Wrong PIN. 2 tries left.");
    }

    #[test]
    fn an_unplugged_reader_says_to_reconnect_it() {
        let error = SessionError::Card(CardError::Transport(TransportError::ReaderGone));
        assert_eq!(
            for_session_error(Lang::En, &error),
            "The card reader was disconnected. Connect it again and retry."
        );
    }

    #[test]
    fn no_reader_at_all_says_to_connect_one() {
        assert_eq!(
            for_session_error(Lang::En, &SessionError::NoCard),
            "No card reader is connected. Press “Connect a card reader” below, put your card on the reader, then try again."
        );
    }

    #[test]
    fn a_removed_card_says_to_place_it_again() {
        let error = SessionError::Card(CardError::CardRemoved);
        assert_eq!(
            for_session_error(Lang::Ja, &error),
            "カードが読み取れなくなりました。カードをリーダーに置き直して、もう一度お試しください。"
        );
    }
}
