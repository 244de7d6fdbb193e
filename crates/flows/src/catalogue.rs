//! The error catalogue of flows.md §8 as data: which situation happened and what the user can
//! do, mapped from this crate's own states and errors. The app turns a [`Situation`] into the
//! message of its i18n catalogue (key = [`Situation::code`]); errors of the card, reader and
//! WebUSB crates are mapped to a `Situation` in the app, which knows those crates.
//!
//! | Code | Situation                                   | What the user can do (flows.md §8)                        |
//! |------|---------------------------------------------|-----------------------------------------------------------|
//! | E1   | PIN wrong, n tries left                      | try again; at n = 1 only after a confirm step             |
//! | E2   | PIN locked                                   | municipal window with photo ID (+ kiosk for signature)   |
//! | E3   | wrong PIN kind                               | type the kind the step asks for; no try was used          |
//! | E4   | lower-case letters in signature password     | upper-cased automatically, with a note                    |
//! | E5   | card not detected                            | lay the card flat, still, no cover, no metal desk         |
//! | E6   | reader not found / no permission             | reader-picker help (readers.md §1, §4, §5)               |
//! | E7   | browser extension disabled after update      | re-enable it in chrome://extensions                       |
//! | E8   | certificate expired                          | renew at the municipality (from 3 months before expiry)   |
//! | E9   | signature certificate lapsed after a move    | re-issue at the window                                    |
//! | E10  | face-only card / no PIN                      | cannot be used on a PC; clinic face reader                |
//! | E11  | no signature certificate (under 15 …)        | guardian procedure or another method                      |
//! | E12  | insurance "資格無効" at the clinic            | show 資格情報のお知らせ or 資格確認書; 申立書              |
//! | E13  | shared PC, previous user                     | the name read from the card is shown before any step      |
//! | E14  | holder kana rejected                         | the offending character is named; auto-fix offered        |
//! | E15  | server busy                                  | try later; the form is kept                               |

use crate::account::KanaError;
use crate::insurance::RegistrationProblem;
use crate::pin::{PinFormatError, PinKind};
use crate::session::SessionState;

/// A catalogued situation (flows.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Situation {
    /// E1: the PIN was wrong; `remaining` tries are left.
    PinWrong {
        /// Which PIN.
        kind: PinKind,
        /// Tries left (≥ 1).
        remaining: u8,
    },
    /// E2: the PIN is locked.
    PinLocked {
        /// Which PIN (the signature password can also be reset at convenience-store kiosks).
        kind: PinKind,
    },
    /// E3: a value of the wrong kind was typed; refused locally, no try used.
    WrongPinKind {
        /// The kind the step asks for.
        expected: PinKind,
    },
    /// E4: lower-case letters were upper-cased.
    PasswordUpperCased,
    /// E5: no card detected.
    CardNotDetected,
    /// E6: no reader or no permission.
    ReaderNotFound,
    /// E7: the browser extension was disabled.
    ExtensionDisabled,
    /// E8: the certificate expired.
    CertificateExpired,
    /// E9: the signature certificate lapsed (move, marriage).
    SignatureCertificateLapsed,
    /// E10: face-only card, no PIN.
    NoPinCard,
    /// E11: no signature certificate issued.
    NoSignatureCertificate,
    /// E12: the clinic could not confirm eligibility.
    InsuranceNotConfirmed,
    /// E13: a shared PC may still hold the previous user.
    SharedComputer,
    /// E14: the holder kana has a character banks reject.
    HolderKanaRejected {
        /// The offending character.
        character: char,
    },
    /// E15: the server is busy.
    ServerBusy,
}

impl Situation {
    /// The catalogue code (`E1` … `E15`), the message key stem in the app.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::PinWrong { .. } => "E1",
            Self::PinLocked { .. } => "E2",
            Self::WrongPinKind { .. } => "E3",
            Self::PasswordUpperCased => "E4",
            Self::CardNotDetected => "E5",
            Self::ReaderNotFound => "E6",
            Self::ExtensionDisabled => "E7",
            Self::CertificateExpired => "E8",
            Self::SignatureCertificateLapsed => "E9",
            Self::NoPinCard => "E10",
            Self::NoSignatureCertificate => "E11",
            Self::InsuranceNotConfirmed => "E12",
            Self::SharedComputer => "E13",
            Self::HolderKanaRejected { .. } => "E14",
            Self::ServerBusy => "E15",
        }
    }

    /// Whether the screen may offer to try the PIN again, and whether that needs a confirm step
    /// first: `None` = no retry (E2 has no retry button), `Some(true)` = only after confirming
    /// (E1 at one try left).
    pub const fn pin_retry(&self) -> Option<bool> {
        match self {
            Self::PinWrong { remaining: 1, .. } => Some(true),
            Self::PinWrong { .. } | Self::WrongPinKind { .. } => Some(false),
            _ => None,
        }
    }

    /// E2 for the signature password: the convenience-store kiosk reset is offered too.
    pub const fn kiosk_reset_possible(&self) -> bool {
        matches!(
            self,
            Self::PinLocked {
                kind: PinKind::SignaturePassword
            }
        )
    }
}

/// The situation a card-session state shows, if any.
pub fn situation_of_session<Op, Out>(state: &SessionState<Op, Out>) -> Option<Situation> {
    match state {
        SessionState::LockedHelp { kind } => Some(Situation::PinLocked { kind: *kind }),
        SessionState::NoPinHelp => Some(Situation::NoPinCard),
        SessionState::WaitingForCard {
            troubleshooting: true,
            ..
        } => Some(Situation::CardNotDetected),
        SessionState::PinEntry {
            request,
            refused_locally: Some(error),
            ..
        } => situation_of_pin_format(*error, request.pin.unwrap_or(PinKind::FourDigit)),
        _ => None,
    }
}

/// The situation of a PIN refused locally for its kind (E3); shape errors within the right kind
/// (too short, …) are shown at the field and are not catalogued.
pub fn situation_of_pin_format(error: PinFormatError, expected: PinKind) -> Option<Situation> {
    match error {
        PinFormatError::PasswordInFourDigitStep | PinFormatError::FourDigitPinInPasswordStep => {
            Some(Situation::WrongPinKind { expected })
        }
        _ => None,
    }
}

/// E4: the signature password as typed had lower-case letters, which [`crate::pin::Pin::new`]
/// upper-cases; the screen notes it. Looks at the typed text only, keeps nothing.
pub fn situation_of_typed_password(typed: &str) -> Option<Situation> {
    typed
        .chars()
        .map(crate::text::fold_full_width)
        .any(|c| c.is_ascii_lowercase())
        .then_some(Situation::PasswordUpperCased)
}

/// E1 after a wrong VERIFY with tries left (E2 when none are left).
pub fn situation_of_wrong_pin(kind: PinKind, remaining: u8) -> Situation {
    if remaining == 0 {
        Situation::PinLocked { kind }
    } else {
        Situation::PinWrong { kind, remaining }
    }
}

/// The registration pre-check problems of §1A R2.
pub fn situation_of_registration(problem: RegistrationProblem) -> Situation {
    match problem {
        RegistrationProblem::CertificateExpired { .. } => Situation::CertificateExpired,
        RegistrationProblem::UserAuthPinLocked => Situation::PinLocked {
            kind: PinKind::FourDigit,
        },
        RegistrationProblem::FaceOnlyCard => Situation::NoPinCard,
    }
}

/// E14 for a holder name the normaliser refused.
pub fn situation_of_kana(error: &KanaError) -> Option<Situation> {
    match error {
        KanaError::CharacterNotAllowed { character, .. } => Some(Situation::HolderKanaRejected {
            character: *character,
        }),
        KanaError::Empty | KanaError::NoKanaOrLetter => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::account::to_zengin;
    use crate::session::SessionRequest;

    type State = SessionState<(), ()>;

    #[test]
    fn session_states_map_to_catalogue_entries() {
        let request = SessionRequest {
            operation: (),
            pin: Some(PinKind::SignaturePassword),
        };
        let locked = State::LockedHelp {
            kind: PinKind::SignaturePassword,
        };
        assert_eq!(
            situation_of_session(&locked),
            Some(Situation::PinLocked {
                kind: PinKind::SignaturePassword
            })
        );
        assert!(situation_of_session(&locked)
            .unwrap()
            .kiosk_reset_possible());
        assert_eq!(
            situation_of_session(&State::NoPinHelp).map(|s| s.code()),
            Some("E10")
        );
        let waiting = State::WaitingForCard {
            request: request.clone(),
            troubleshooting: true,
        };
        assert_eq!(
            situation_of_session(&waiting),
            Some(Situation::CardNotDetected)
        );
        let refused = State::PinEntry {
            request,
            remaining: 5,
            refused_locally: Some(PinFormatError::FourDigitPinInPasswordStep),
            awaiting_last_try_confirmation: false,
        };
        assert_eq!(
            situation_of_session(&refused),
            Some(Situation::WrongPinKind {
                expected: PinKind::SignaturePassword
            })
        );
        assert_eq!(situation_of_session(&State::Idle), None);
    }

    #[test]
    fn wrong_pin_offers_retry_with_confirmation_at_the_last_try() {
        assert_eq!(
            situation_of_wrong_pin(PinKind::FourDigit, 2).pin_retry(),
            Some(false)
        );
        assert_eq!(
            situation_of_wrong_pin(PinKind::FourDigit, 1).pin_retry(),
            Some(true)
        );
        let locked = situation_of_wrong_pin(PinKind::FourDigit, 0);
        assert_eq!(
            (
                locked.code(),
                locked.pin_retry(),
                locked.kiosk_reset_possible()
            ),
            ("E2", None, false)
        );
    }

    #[test]
    fn registration_and_kana_problems_map() {
        assert_eq!(
            situation_of_registration(RegistrationProblem::FaceOnlyCard).code(),
            "E10"
        );
        assert_eq!(
            situation_of_registration(RegistrationProblem::UserAuthPinLocked).code(),
            "E2"
        );
        let error = to_zengin("ヤマダ、タロウ").unwrap_err();
        assert_eq!(
            situation_of_kana(&error),
            Some(Situation::HolderKanaRejected { character: '、' })
        );
        assert_eq!(situation_of_kana(&KanaError::Empty), None);
        assert_eq!(
            situation_of_pin_format(
                PinFormatError::FourDigitLength { length: 3 },
                PinKind::FourDigit
            ),
            None
        );
    }

    #[test]
    fn lower_case_password_is_noted() {
        assert_eq!(
            situation_of_typed_password("abc123"),
            Some(Situation::PasswordUpperCased)
        );
        assert_eq!(
            situation_of_typed_password("ＡＢｃ１２３"),
            Some(Situation::PasswordUpperCased)
        );
        assert_eq!(situation_of_typed_password("ABC123"), None);
    }

    #[test]
    fn every_code_is_distinct() {
        let all = [
            Situation::PinWrong {
                kind: PinKind::FourDigit,
                remaining: 2,
            },
            Situation::PinLocked {
                kind: PinKind::FourDigit,
            },
            Situation::WrongPinKind {
                expected: PinKind::FourDigit,
            },
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
            Situation::HolderKanaRejected { character: 'x' },
            Situation::ServerBusy,
        ];
        let codes: Vec<&str> = all.iter().map(Situation::code).collect();
        let expected: Vec<String> = (1..=15).map(|n| format!("E{n}")).collect();
        assert_eq!(codes, expected);
    }
}
