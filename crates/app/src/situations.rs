//! The error catalogue of flows.md §8 as user-facing messages: `flows` names the situation
//! ([`Situation`], E1–E15), this module maps the card and reader crates' typed errors onto it and
//! turns each situation into catalogue texts that say what happened and what to do.
//!
//! | Code | From                                                  | Message keys                          |
//! |------|-------------------------------------------------------|---------------------------------------|
//! | E1   | `CardError::WrongPin` with tries left                 | [`i18n::wrong_pin`]                   |
//! | E2   | `WrongPin` at 0, `PinBlocked`, registration R2        | `SitPinLocked` (+ `SitPinLockedKiosk`) |
//! | E3   | a value of the other PIN kind (checked locally)       | `SitWrongKindFour` / `…Password`      |
//! | E4   | lower-case letters in the signature password          | `SitUpperCased`                       |
//! | E5   | `CardRemoved`, transport timeout                      | `SitCardNotDetected`                  |
//! | E6   | `Transport(ReaderGone)`                               | `SitReaderNotFound`                   |
//! | E7   | browser extension disabled                            | `SitExtensionDisabled`                |
//! | E8   | certificate expired (registration R2)                 | `SitCertExpired`                      |
//! | E9   | signature certificate lapsed                          | `SitSignLapsed`                       |
//! | E10  | face-only card (registration R2)                      | `SitNoPinCard`                        |
//! | E11  | no signature certificate                              | `SitNoSignCert`                       |
//! | E12  | insurance not confirmed at the clinic                 | `SitInsuranceNotConfirmed`            |
//! | E13  | shared computer                                       | `SitSharedComputer`                   |
//! | E14  | holder kana rejected                                  | [`i18n::holder_kana_rejected`]        |
//! | E15  | server busy                                           | `SitServerBusy`                       |

use apdu::TransportError;
use card::{CardError, PinRef};
use flows::catalogue::{self, Situation};
use flows::pin::PinKind;
use yew::Html;

use crate::i18n::{self, Lang, Text};

/// The PIN kind of a card PIN reference (flows.md §0.1): the signature password, or a 4-digit PIN.
pub fn pin_kind(pin: PinRef) -> PinKind {
    match pin {
        PinRef::JpkiSign => PinKind::SignaturePassword,
        _ => PinKind::FourDigit,
    }
}

/// The §8 situation a card error shows, if it is one of the catalogue's.
pub fn of_card_error(error: &CardError) -> Option<Situation> {
    match error {
        CardError::WrongPin { pin, tries_left } => Some(catalogue::situation_of_wrong_pin(pin_kind(*pin), *tries_left)),
        CardError::PinBlocked { pin } => Some(Situation::PinLocked { kind: pin_kind(*pin) }),
        CardError::CardRemoved | CardError::Transport(TransportError::Timeout) => Some(Situation::CardNotDetected),
        CardError::Transport(TransportError::ReaderGone) => Some(Situation::ReaderNotFound),
        _ => None,
    }
}

/// What a situation says, as catalogue texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// One text.
    One(Text),
    /// A text and a second sentence after it.
    Two(Text, Text),
    /// A text with a number or character in it.
    Formatted(String),
}

impl Message {
    /// The message for `situation` in `lang`.
    pub fn of(lang: Lang, situation: &Situation) -> Message {
        match situation {
            Situation::PinWrong { remaining, .. } => Message::Formatted(i18n::wrong_pin(lang, *remaining)),
            Situation::PinLocked { .. } if situation.kiosk_reset_possible() => {
                Message::Two(Text::SitPinLocked, Text::SitPinLockedKiosk)
            }
            Situation::PinLocked { .. } => Message::One(Text::SitPinLocked),
            Situation::WrongPinKind { expected: PinKind::SignaturePassword } => {
                Message::One(Text::SitWrongKindPassword)
            }
            Situation::WrongPinKind { .. } => Message::One(Text::SitWrongKindFour),
            Situation::PasswordUpperCased => Message::One(Text::SitUpperCased),
            Situation::CardNotDetected => Message::One(Text::SitCardNotDetected),
            Situation::ReaderNotFound => Message::One(Text::SitReaderNotFound),
            Situation::ExtensionDisabled => Message::One(Text::SitExtensionDisabled),
            Situation::CertificateExpired => Message::One(Text::SitCertExpired),
            Situation::SignatureCertificateLapsed => Message::One(Text::SitSignLapsed),
            Situation::NoPinCard => Message::One(Text::SitNoPinCard),
            Situation::NoSignatureCertificate => Message::One(Text::SitNoSignCert),
            Situation::InsuranceNotConfirmed => Message::One(Text::SitInsuranceNotConfirmed),
            Situation::SharedComputer => Message::One(Text::SitSharedComputer),
            Situation::HolderKanaRejected { character } => {
                Message::Formatted(i18n::holder_kana_rejected(lang, *character))
            }
            Situation::ServerBusy => Message::One(Text::SitServerBusy),
            // A situation added to the catalogue later: say that it failed and to try again.
            _ => Message::One(Text::ErrCommunication),
        }
    }

    /// As plain text.
    pub fn plain(&self, lang: Lang) -> String {
        match self {
            Message::One(text) => text.get(lang).to_string(),
            Message::Two(first, second) => format!("{} {}", first.get(lang), second.get(lang)),
            Message::Formatted(text) => text.clone(),
        }
    }

    /// As HTML (with furigana in やさしい日本語).
    pub fn view(&self, lang: Lang) -> Html {
        match self {
            Message::One(text) => text.view(lang),
            Message::Two(first, second) => yew::html! { <>{ first.view(lang) }{ " " }{ second.view(lang) }</> },
            Message::Formatted(text) => Html::from(text.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_situation() -> Vec<Situation> {
        vec![
            Situation::PinWrong { kind: PinKind::FourDigit, remaining: 2 },
            Situation::PinLocked { kind: PinKind::FourDigit },
            Situation::WrongPinKind { expected: PinKind::FourDigit },
            Situation::PasswordUpperCased,
            Situation::CardNotDetected,
            Situation::ReaderNotFound,
            Situation::ExtensionDisabled,
            Situation::CertificateExpired,
            Situation::SignatureCertificateLapsed,
            Situation::NoPinCard,
            Situation::NoSignatureCertificate,
            Situation::InsuranceNotConfirmed,
            Situation::SharedComputer,
            Situation::HolderKanaRejected { character: 'ー' },
            Situation::ServerBusy,
        ]
    }

    #[test]
    fn all_fifteen_situations_have_their_own_message_in_every_language() {
        let situations = every_situation();
        let codes: Vec<_> = situations.iter().map(|s| s.code()).collect();
        assert_eq!(codes, (1..=15).map(|n| format!("E{n}")).collect::<Vec<_>>());
        for lang in Lang::ALL {
            let texts: std::collections::HashSet<String> =
                situations.iter().map(|s| Message::of(lang, s).plain(lang)).collect();
            assert_eq!(texts.len(), 15, "{lang:?}");
            assert!(!texts.contains(Text::ErrCommunication.get(lang)));
        }
    }

    #[test]
    fn card_errors_map_to_the_catalogue() {
        let wrong = CardError::WrongPin { pin: PinRef::JpkiAuth, tries_left: 1 };
        let situation = of_card_error(&wrong).unwrap_or(Situation::ServerBusy);
        assert_eq!(situation, Situation::PinWrong { kind: PinKind::FourDigit, remaining: 1 });
        assert_eq!(situation.pin_retry(), Some(true));
        assert_eq!(Message::of(Lang::En, &situation).plain(Lang::En), "Wrong PIN. 1 try left.");

        let locked = CardError::WrongPin { pin: PinRef::JpkiAuth, tries_left: 0 };
        assert_eq!(of_card_error(&locked), Some(Situation::PinLocked { kind: PinKind::FourDigit }));
        assert_eq!(
            Message::of(Lang::Ja, &Situation::PinLocked { kind: PinKind::FourDigit }).plain(Lang::Ja),
            "ロックされています。お住まいの市区町村の窓口で再設定してください(顔写真付きの本人確認書類が必要です)。"
        );
        let sign = CardError::PinBlocked { pin: PinRef::JpkiSign };
        let situation = of_card_error(&sign).unwrap_or(Situation::ServerBusy);
        assert_eq!(
            Message::of(Lang::En, &situation).plain(Lang::En),
            "The PIN is locked. Have it reset at your municipal office (bring photo ID). \
             The signature password can also be reset at a convenience-store kiosk."
        );
        assert_eq!(of_card_error(&CardError::CardRemoved), Some(Situation::CardNotDetected));
        assert_eq!(of_card_error(&CardError::Transport(TransportError::ReaderGone)), Some(Situation::ReaderNotFound));
        assert_eq!(of_card_error(&CardError::InvalidRequest("x")), None);
    }

    #[test]
    fn the_face_only_card_message_is_the_catalogue_text() {
        assert_eq!(
            Message::of(Lang::Ja, &Situation::NoPinCard).plain(Lang::Ja),
            "このカードは暗証番号がないため、パソコンでは使えません。医療機関の顔認証付きカードリーダーで使えます。"
        );
        assert_eq!(
            Message::of(Lang::Ja, &Situation::CertificateExpired).plain(Lang::Ja),
            "電子証明書の有効期限が切れています。市区町村で更新してください(満了の3か月前から更新できます)。"
        );
    }
}
