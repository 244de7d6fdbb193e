//! The standard card-session state machine (flows.md §0.2, component `CardSession`).
//!
//! ```text
//! Idle → ReaderPicker → WaitingForCard → CardDetected → SelectingAp
//!    → PinStatus(remaining = n) → PinEntry → Verifying
//!         ├─ ok → Operation (read / sign) → Done (card may be removed)
//!         ├─ wrong (n-1 > 0) → PinEntry (show "n-1 tries left")
//!         └─ locked (0) → LockedHelp (municipal window; no retry button)
//!    any state → CardRemoved → WaitingForCard (keep flow state, drop secrets)
//!    any state → ReaderGone → ReaderPicker
//! ```
//!
//! Sans-IO: [`SessionState::handle`] takes the state and one [`SessionEvent`] and returns the
//! next state plus the [`SessionEffect`]s the app must carry out (select the AP, read the PIN
//! status, send VERIFY, run the operation, release the card). The machine is generic over the
//! operation `Op` (what to do once the card is ready) and its output `Out`, and knows nothing of
//! the card crate.
//!
//! ```
//! use flows::operations::CardOperation;
//! use flows::pin::{Pin, PinKind};
//! use flows::session::{PinStatus, SessionEffect, SessionEvent, SessionState};
//!
//! let state: SessionState<CardOperation, ()> = SessionState::Idle;
//! let step = state.handle(SessionEvent::Start(CardOperation::ReadFourItems.request()));
//! let step = step.state.handle(SessionEvent::ReaderReady);
//! let step = step.state.handle(SessionEvent::CardInserted);
//! let step = step.state.handle(SessionEvent::ApSelected);
//! assert!(matches!(step.effects[..], [SessionEffect::ReadPinStatus(PinKind::FourDigit)]));
//! // One try left: the PIN is not sent without the last-try confirmation.
//! let step = step.state.handle(SessionEvent::PinStatusRead(PinStatus::Remaining(1)));
//! let pin = Pin::new(PinKind::FourDigit, "1234").expect("four digits");
//! let step = step.state.handle(SessionEvent::PinSubmitted { pin, last_try_confirmed: false });
//! assert!(!step.effects.iter().any(|e| matches!(e, SessionEffect::Verify(_))));
//! assert!(matches!(step.state, SessionState::PinEntry { awaiting_last_try_confirmation: true, .. }));
//! ```
//!
//! `CardDetected` and `SelectingAP` of the diagram are one state here ([`SessionState::SelectingAp`]):
//! the SELECT is sent as soon as a card is seen.
//!
//! Card-safety rules built in (flows.md §0.1, §0.2, §8 E1–E3):
//! - the PIN status is read **before** every PIN entry, also after the card was put back;
//! - a PIN of the wrong kind is refused locally ([`crate::pin`]), the card is never asked;
//! - with one try left, VERIFY is sent only with an explicit last-try confirmation (E1);
//! - at zero tries the session goes to [`SessionState::LockedHelp`], which has no retry;
//! - nothing here ever sends VERIFY by itself: each VERIFY answers one `PinSubmitted` event;
//! - no state holds a PIN: it leaves in [`SessionEffect::Verify`] and is wiped when dropped.
//!
//! The face-only card (no PIN set) goes to [`SessionState::NoPinHelp`]. **VERIFY (flows.md §0.1,
//! §9.4):** the exact card response for a face-only card; the app maps whatever the card crate
//! reports to [`PinStatus::NotSet`].

use alloc::vec;
use alloc::vec::Vec;

use crate::pin::{Pin, PinFormatError, PinKind};

/// Seconds without a card before the troubleshooting panel is shown (flows.md §0.2; our design
/// choice). The app's timer sends [`SessionEvent::CardWaitTimedOut`].
pub const CARD_WAIT_TROUBLESHOOT_SECONDS: u32 = 60;

/// What the session is for: an operation and the PIN it needs (none for reading certificates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRequest<Op> {
    /// The operation to run once the card is ready (and the PIN verified, if one is needed).
    pub operation: Op,
    /// The PIN the operation needs, or `None`.
    pub pin: Option<PinKind>,
}

/// The PIN status the card reports before entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinStatus {
    /// Tries left before the lock (0 = locked).
    Remaining(u8),
    /// No PIN is set: a face-recognition-only card (flows.md §0.1, E10).
    NotSet,
}

/// The card's answer to VERIFY.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyOutcome {
    /// PIN correct.
    Correct,
    /// PIN wrong; the card reports the tries left (0 = now locked).
    Wrong {
        /// Tries left.
        remaining: u8,
    },
}

/// Why a session could not finish (the app maps the card/reader error to one of these and keeps
/// the details for the "technical details" line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionProblem {
    /// The application (AP) the operation needs is not on this card.
    ApplicationMissing,
    /// The operation failed for a card or transport reason.
    OperationFailed,
}

/// The states of flows.md §0.2.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionState<Op, Out> {
    /// Nothing started.
    Idle,
    /// Asking the user to choose a reader.
    ReaderPicker {
        /// The pending request.
        request: SessionRequest<Op>,
    },
    /// Reader ready, no card yet.
    WaitingForCard {
        /// The pending request.
        request: SessionRequest<Op>,
        /// The troubleshooting panel is showing (after [`CARD_WAIT_TROUBLESHOOT_SECONDS`]).
        troubleshooting: bool,
    },
    /// A card is present; the AP is being selected.
    SelectingAp {
        /// The pending request.
        request: SessionRequest<Op>,
    },
    /// Reading the PIN status (tries left).
    ReadingPinStatus {
        /// The pending request.
        request: SessionRequest<Op>,
    },
    /// Asking for the PIN, showing the tries left.
    PinEntry {
        /// The pending request.
        request: SessionRequest<Op>,
        /// Tries left, as the card reported (≥ 1).
        remaining: u8,
        /// The last attempt was refused locally (wrong kind/shape); no try was used.
        refused_locally: Option<PinFormatError>,
        /// With one try left, the user was asked to confirm the last try.
        awaiting_last_try_confirmation: bool,
    },
    /// VERIFY sent; waiting for the card's answer.
    Verifying {
        /// The pending request.
        request: SessionRequest<Op>,
        /// Tries left before this VERIFY.
        remaining: u8,
    },
    /// Running the operation.
    Operation {
        /// The running request.
        request: SessionRequest<Op>,
    },
    /// Finished; the card may be removed.
    Done {
        /// What the operation produced.
        output: Out,
    },
    /// The PIN is locked: municipal window help, no retry button (E2).
    LockedHelp {
        /// Which PIN.
        kind: PinKind,
    },
    /// Face-only card: no PIN, cannot be used on a PC (E10).
    NoPinHelp,
    /// The session failed; the user may start again (which re-reads everything).
    Failed {
        /// The request, kept for a new attempt.
        request: SessionRequest<Op>,
        /// What went wrong.
        problem: SessionProblem,
    },
}

/// Inputs to the machine: user actions and what the I/O layer saw.
#[derive(Debug)]
#[non_exhaustive]
pub enum SessionEvent<Op, Out> {
    /// The flow asks for a card session.
    Start(SessionRequest<Op>),
    /// The user chose a reader and it opened.
    ReaderReady,
    /// The reader was unplugged or closed.
    ReaderGone,
    /// A card appeared on the reader.
    CardInserted,
    /// The card left the reader.
    CardRemoved,
    /// No card for [`CARD_WAIT_TROUBLESHOOT_SECONDS`].
    CardWaitTimedOut,
    /// The AP was selected.
    ApSelected,
    /// The AP is not on the card.
    ApMissing,
    /// The PIN status was read.
    PinStatusRead(PinStatus),
    /// The user submitted a PIN (already checked for its kind by [`Pin::new`]).
    PinSubmitted {
        /// The PIN.
        pin: Pin,
        /// The user confirmed using the last try (required when one try is left).
        last_try_confirmed: bool,
    },
    /// The user typed something that is not a PIN of the asked kind ([`Pin::new`] refused it).
    PinRefusedLocally(PinFormatError),
    /// The card answered VERIFY.
    VerifyAnswered(VerifyOutcome),
    /// The operation finished.
    OperationFinished(Out),
    /// The operation failed.
    OperationFailed,
    /// The user starts again after a failure.
    Retry,
    /// The user left the session.
    Cancel,
}

/// Work for the app's I/O layer.
#[derive(Debug)]
#[non_exhaustive]
pub enum SessionEffect {
    /// Show the reader picker (requestDevice).
    AskForReader,
    /// Watch the reader for a card.
    WatchForCard,
    /// Show the troubleshooting panel (flows.md §9, E5).
    ShowTroubleshooting,
    /// Select the AP the operation needs.
    SelectAp,
    /// Read the PIN status of this kind.
    ReadPinStatus(PinKind),
    /// Send VERIFY with this PIN, once. The PIN is wiped when this effect is dropped.
    Verify(Pin),
    /// Run the operation.
    RunOperation,
    /// Release the card (end the exclusive session).
    ReleaseCard,
    /// Clear every PIN field and buffer the UI holds.
    WipeSecrets,
}

/// The next state and the effects to carry out.
#[derive(Debug)]
pub struct Step<Op, Out> {
    /// The next state.
    pub state: SessionState<Op, Out>,
    /// Effects, in order.
    pub effects: Vec<SessionEffect>,
    /// The event did not apply to the state and changed nothing.
    pub ignored: bool,
}

impl<Op, Out> Step<Op, Out> {
    fn to(state: SessionState<Op, Out>, effects: Vec<SessionEffect>) -> Self {
        Self {
            state,
            effects,
            ignored: false,
        }
    }
    fn ignore(state: SessionState<Op, Out>) -> Self {
        Self {
            state,
            effects: Vec::new(),
            ignored: true,
        }
    }
}

impl<Op, Out> SessionState<Op, Out> {
    /// The request this state carries, if any.
    pub fn request(&self) -> Option<&SessionRequest<Op>> {
        match self {
            Self::ReaderPicker { request }
            | Self::WaitingForCard { request, .. }
            | Self::SelectingAp { request }
            | Self::ReadingPinStatus { request }
            | Self::PinEntry { request, .. }
            | Self::Verifying { request, .. }
            | Self::Operation { request }
            | Self::Failed { request, .. } => Some(request),
            Self::Idle | Self::Done { .. } | Self::LockedHelp { .. } | Self::NoPinHelp => None,
        }
    }

    fn into_request(self) -> Result<SessionRequest<Op>, Self> {
        match self {
            Self::ReaderPicker { request }
            | Self::WaitingForCard { request, .. }
            | Self::SelectingAp { request }
            | Self::ReadingPinStatus { request }
            | Self::PinEntry { request, .. }
            | Self::Verifying { request, .. }
            | Self::Operation { request }
            | Self::Failed { request, .. } => Ok(request),
            other => Err(other),
        }
    }

    /// Applies one event (flows.md §0.2).
    pub fn handle(self, event: SessionEvent<Op, Out>) -> Step<Op, Out> {
        use SessionEffect as E;
        use SessionEvent as Ev;
        use SessionState as S;
        match (self, event) {
            // Leaving: from anywhere, back to Idle with secrets dropped and the card released.
            (_, Ev::Cancel) => Step::to(S::Idle, vec![E::WipeSecrets, E::ReleaseCard]),

            // Starting: only from a resting state.
            (
                S::Idle | S::Done { .. } | S::LockedHelp { .. } | S::NoPinHelp,
                Ev::Start(request),
            ) => Step::to(S::ReaderPicker { request }, vec![E::AskForReader]),

            // Reader gone from any state with a request → ReaderPicker.
            (state, Ev::ReaderGone) => match state.into_request() {
                Ok(request) => Step::to(
                    S::ReaderPicker { request },
                    vec![E::WipeSecrets, E::AskForReader],
                ),
                Err(state) => Step::ignore(state),
            },

            // Card removed from any state with a request → WaitingForCard, secrets dropped.
            // (In Verifying the outcome is unknown: the PIN status is read again on re-insertion.)
            (S::ReaderPicker { request }, Ev::CardRemoved) => {
                Step::ignore(S::ReaderPicker { request })
            }
            (
                S::WaitingForCard {
                    request,
                    troubleshooting,
                },
                Ev::CardRemoved,
            ) => Step::ignore(S::WaitingForCard {
                request,
                troubleshooting,
            }),
            (state, Ev::CardRemoved) => match state.into_request() {
                Ok(request) => Step::to(
                    S::WaitingForCard {
                        request,
                        troubleshooting: false,
                    },
                    vec![E::WipeSecrets, E::WatchForCard],
                ),
                Err(state) => Step::ignore(state),
            },

            (S::ReaderPicker { request }, Ev::ReaderReady) => Step::to(
                S::WaitingForCard {
                    request,
                    troubleshooting: false,
                },
                vec![E::WatchForCard],
            ),
            (S::WaitingForCard { request, .. }, Ev::CardWaitTimedOut) => Step::to(
                S::WaitingForCard {
                    request,
                    troubleshooting: true,
                },
                vec![E::ShowTroubleshooting],
            ),
            (S::WaitingForCard { request, .. }, Ev::CardInserted) => {
                Step::to(S::SelectingAp { request }, vec![E::SelectAp])
            }
            (S::SelectingAp { request }, Ev::ApMissing) => Step::to(
                S::Failed {
                    request,
                    problem: SessionProblem::ApplicationMissing,
                },
                vec![E::ReleaseCard],
            ),
            (S::SelectingAp { request }, Ev::ApSelected) => match request.pin {
                Some(kind) => Step::to(
                    S::ReadingPinStatus { request },
                    vec![E::ReadPinStatus(kind)],
                ),
                None => Step::to(S::Operation { request }, vec![E::RunOperation]),
            },
            (S::ReadingPinStatus { request }, Ev::PinStatusRead(status)) => {
                after_status(request, status)
            }

            (
                S::PinEntry {
                    request, remaining, ..
                },
                Ev::PinRefusedLocally(error),
            ) => Step::to(
                S::PinEntry {
                    request,
                    remaining,
                    refused_locally: Some(error),
                    awaiting_last_try_confirmation: false,
                },
                vec![E::WipeSecrets],
            ),
            (
                S::PinEntry {
                    request, remaining, ..
                },
                Ev::PinSubmitted {
                    pin,
                    last_try_confirmed,
                },
            ) => submit(request, remaining, pin, last_try_confirmed),
            (S::Verifying { request, .. }, Ev::VerifyAnswered(VerifyOutcome::Correct)) => {
                Step::to(S::Operation { request }, vec![E::RunOperation])
            }
            (
                S::Verifying { request, .. },
                Ev::VerifyAnswered(VerifyOutcome::Wrong { remaining }),
            ) => after_status(request, PinStatus::Remaining(remaining)),
            (S::Operation { .. }, Ev::OperationFinished(output)) => {
                Step::to(S::Done { output }, vec![E::WipeSecrets, E::ReleaseCard])
            }
            (S::Operation { request }, Ev::OperationFailed) => Step::to(
                S::Failed {
                    request,
                    problem: SessionProblem::OperationFailed,
                },
                vec![E::WipeSecrets, E::ReleaseCard],
            ),
            (S::Failed { request, .. }, Ev::Retry) => Step::to(
                S::WaitingForCard {
                    request,
                    troubleshooting: false,
                },
                vec![E::WatchForCard],
            ),
            (state, _) => Step::ignore(state),
        }
    }
}

/// PinStatus(remaining = n) → PinEntry, LockedHelp or NoPinHelp.
fn after_status<Op, Out>(request: SessionRequest<Op>, status: PinStatus) -> Step<Op, Out> {
    use SessionEffect as E;
    use SessionState as S;
    let kind = request.pin.unwrap_or(PinKind::FourDigit);
    match status {
        PinStatus::NotSet => Step::to(S::NoPinHelp, vec![E::WipeSecrets, E::ReleaseCard]),
        PinStatus::Remaining(0) => {
            Step::to(S::LockedHelp { kind }, vec![E::WipeSecrets, E::ReleaseCard])
        }
        PinStatus::Remaining(remaining) => Step::to(
            S::PinEntry {
                request,
                remaining,
                refused_locally: None,
                awaiting_last_try_confirmation: false,
            },
            vec![E::WipeSecrets],
        ),
    }
}

/// PinEntry + a submitted PIN → Verifying, or back to PinEntry without touching the card.
fn submit<Op, Out>(
    request: SessionRequest<Op>,
    remaining: u8,
    pin: Pin,
    last_try_confirmed: bool,
) -> Step<Op, Out> {
    use SessionEffect as E;
    use SessionState as S;
    if request.pin != Some(pin.kind()) {
        let error = match pin.kind() {
            PinKind::SignaturePassword => PinFormatError::PasswordInFourDigitStep,
            PinKind::FourDigit => PinFormatError::FourDigitPinInPasswordStep,
        };
        drop(pin);
        return Step::to(
            S::PinEntry {
                request,
                remaining,
                refused_locally: Some(error),
                awaiting_last_try_confirmation: false,
            },
            vec![E::WipeSecrets],
        );
    }
    if remaining == 1 && !last_try_confirmed {
        drop(pin);
        return Step::to(
            S::PinEntry {
                request,
                remaining,
                refused_locally: None,
                awaiting_last_try_confirmation: true,
            },
            vec![E::WipeSecrets],
        );
    }
    Step::to(
        S::Verifying { request, remaining },
        vec![E::Verify(pin), E::WipeSecrets],
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    type State = SessionState<&'static str, u32>;
    type Event = SessionEvent<&'static str, u32>;

    fn req(pin: Option<PinKind>) -> SessionRequest<&'static str> {
        SessionRequest {
            operation: "read",
            pin,
        }
    }

    fn four() -> SessionRequest<&'static str> {
        req(Some(PinKind::FourDigit))
    }

    fn entry(remaining: u8) -> State {
        State::PinEntry {
            request: four(),
            remaining,
            refused_locally: None,
            awaiting_last_try_confirmation: false,
        }
    }

    fn pin(text: &str) -> Event {
        Event::PinSubmitted {
            pin: Pin::new(PinKind::FourDigit, text).unwrap(),
            last_try_confirmed: false,
        }
    }

    /// Names of the effects, for exact comparison (a `Pin` is not comparable).
    fn names(effects: &[SessionEffect]) -> Vec<&'static str> {
        effects
            .iter()
            .map(|e| match e {
                SessionEffect::AskForReader => "ask-reader",
                SessionEffect::WatchForCard => "watch-card",
                SessionEffect::ShowTroubleshooting => "troubleshoot",
                SessionEffect::SelectAp => "select-ap",
                SessionEffect::ReadPinStatus(PinKind::FourDigit) => "read-status-4",
                SessionEffect::ReadPinStatus(PinKind::SignaturePassword) => "read-status-sig",
                SessionEffect::Verify(_) => "verify",
                SessionEffect::RunOperation => "run",
                SessionEffect::ReleaseCard => "release",
                SessionEffect::WipeSecrets => "wipe",
            })
            .collect()
    }

    fn check(state: State, event: Event, expected: State, effects: &[&str]) {
        let step = state.handle(event);
        assert_eq!(step.state, expected);
        assert_eq!(names(&step.effects), effects);
        assert!(!step.ignored);
    }

    fn check_ignored(state: State, event: Event) {
        let step = state.clone().handle(event);
        assert_eq!(step.state, state);
        assert!(step.ignored);
        assert!(step.effects.is_empty());
    }

    #[test]
    fn happy_path_with_pin() {
        check(
            State::Idle,
            Event::Start(four()),
            State::ReaderPicker { request: four() },
            &["ask-reader"],
        );
        check(
            State::ReaderPicker { request: four() },
            Event::ReaderReady,
            State::WaitingForCard {
                request: four(),
                troubleshooting: false,
            },
            &["watch-card"],
        );
        check(
            State::WaitingForCard {
                request: four(),
                troubleshooting: false,
            },
            Event::CardInserted,
            State::SelectingAp { request: four() },
            &["select-ap"],
        );
        check(
            State::SelectingAp { request: four() },
            Event::ApSelected,
            State::ReadingPinStatus { request: four() },
            &["read-status-4"],
        );
        check(
            State::ReadingPinStatus { request: four() },
            Event::PinStatusRead(PinStatus::Remaining(3)),
            entry(3),
            &["wipe"],
        );
        check(
            entry(3),
            pin("1234"),
            State::Verifying {
                request: four(),
                remaining: 3,
            },
            &["verify", "wipe"],
        );
        check(
            State::Verifying {
                request: four(),
                remaining: 3,
            },
            Event::VerifyAnswered(VerifyOutcome::Correct),
            State::Operation { request: four() },
            &["run"],
        );
        check(
            State::Operation { request: four() },
            Event::OperationFinished(7),
            State::Done { output: 7 },
            &["wipe", "release"],
        );
    }

    #[test]
    fn operation_without_pin_skips_pin_states() {
        check(
            State::SelectingAp { request: req(None) },
            Event::ApSelected,
            State::Operation { request: req(None) },
            &["run"],
        );
    }

    #[test]
    fn signature_step_reads_signature_status() {
        let sig = req(Some(PinKind::SignaturePassword));
        check(
            State::SelectingAp {
                request: sig.clone(),
            },
            Event::ApSelected,
            State::ReadingPinStatus { request: sig },
            &["read-status-sig"],
        );
    }

    #[test]
    fn wrong_pin_returns_to_entry_with_tries_left() {
        check(
            State::Verifying {
                request: four(),
                remaining: 3,
            },
            Event::VerifyAnswered(VerifyOutcome::Wrong { remaining: 2 }),
            entry(2),
            &["wipe"],
        );
    }

    #[test]
    fn last_try_needs_confirmation_before_verify() {
        let awaiting = State::PinEntry {
            request: four(),
            remaining: 1,
            refused_locally: None,
            awaiting_last_try_confirmation: true,
        };
        check(entry(1), pin("1234"), awaiting.clone(), &["wipe"]);
        check(
            awaiting,
            Event::PinSubmitted {
                pin: Pin::new(PinKind::FourDigit, "1234").unwrap(),
                last_try_confirmed: true,
            },
            State::Verifying {
                request: four(),
                remaining: 1,
            },
            &["verify", "wipe"],
        );
    }

    #[test]
    fn locked_pin_goes_to_help_without_retry() {
        check(
            State::Verifying {
                request: four(),
                remaining: 1,
            },
            Event::VerifyAnswered(VerifyOutcome::Wrong { remaining: 0 }),
            State::LockedHelp {
                kind: PinKind::FourDigit,
            },
            &["wipe", "release"],
        );
        check(
            State::ReadingPinStatus { request: four() },
            Event::PinStatusRead(PinStatus::Remaining(0)),
            State::LockedHelp {
                kind: PinKind::FourDigit,
            },
            &["wipe", "release"],
        );
        check_ignored(
            State::LockedHelp {
                kind: PinKind::FourDigit,
            },
            Event::Retry,
        );
        check_ignored(
            State::LockedHelp {
                kind: PinKind::FourDigit,
            },
            pin("1234"),
        );
    }

    #[test]
    fn face_only_card_goes_to_no_pin_help() {
        check(
            State::ReadingPinStatus { request: four() },
            Event::PinStatusRead(PinStatus::NotSet),
            State::NoPinHelp,
            &["wipe", "release"],
        );
    }

    #[test]
    fn wrong_kind_is_refused_without_asking_the_card() {
        check(
            entry(3),
            Event::PinRefusedLocally(PinFormatError::PasswordInFourDigitStep),
            State::PinEntry {
                request: four(),
                remaining: 3,
                refused_locally: Some(PinFormatError::PasswordInFourDigitStep),
                awaiting_last_try_confirmation: false,
            },
            &["wipe"],
        );
        check(
            entry(3),
            Event::PinSubmitted {
                pin: Pin::new(PinKind::SignaturePassword, "ABC123").unwrap(),
                last_try_confirmed: true,
            },
            State::PinEntry {
                request: four(),
                remaining: 3,
                refused_locally: Some(PinFormatError::PasswordInFourDigitStep),
                awaiting_last_try_confirmation: false,
            },
            &["wipe"],
        );
    }

    #[test]
    fn card_removed_from_any_active_state_waits_and_drops_secrets() {
        for state in [
            State::SelectingAp { request: four() },
            State::ReadingPinStatus { request: four() },
            entry(2),
            State::Verifying {
                request: four(),
                remaining: 2,
            },
            State::Operation { request: four() },
            State::Failed {
                request: four(),
                problem: SessionProblem::OperationFailed,
            },
        ] {
            check(
                state,
                Event::CardRemoved,
                State::WaitingForCard {
                    request: four(),
                    troubleshooting: false,
                },
                &["wipe", "watch-card"],
            );
        }
        check_ignored(
            State::WaitingForCard {
                request: four(),
                troubleshooting: true,
            },
            Event::CardRemoved,
        );
        check_ignored(State::Done { output: 1 }, Event::CardRemoved);
        check_ignored(State::Idle, Event::CardRemoved);
    }

    #[test]
    fn reader_gone_from_any_active_state_goes_to_picker() {
        for state in [
            State::WaitingForCard {
                request: four(),
                troubleshooting: true,
            },
            State::SelectingAp { request: four() },
            entry(3),
            State::Verifying {
                request: four(),
                remaining: 3,
            },
            State::Operation { request: four() },
        ] {
            check(
                state,
                Event::ReaderGone,
                State::ReaderPicker { request: four() },
                &["wipe", "ask-reader"],
            );
        }
        check_ignored(State::Done { output: 1 }, Event::ReaderGone);
    }

    #[test]
    fn timeout_shows_troubleshooting_and_keeps_waiting() {
        check(
            State::WaitingForCard {
                request: four(),
                troubleshooting: false,
            },
            Event::CardWaitTimedOut,
            State::WaitingForCard {
                request: four(),
                troubleshooting: true,
            },
            &["troubleshoot"],
        );
    }

    #[test]
    fn failures_and_retry() {
        check(
            State::SelectingAp { request: four() },
            Event::ApMissing,
            State::Failed {
                request: four(),
                problem: SessionProblem::ApplicationMissing,
            },
            &["release"],
        );
        check(
            State::Operation { request: four() },
            Event::OperationFailed,
            State::Failed {
                request: four(),
                problem: SessionProblem::OperationFailed,
            },
            &["wipe", "release"],
        );
        check(
            State::Failed {
                request: four(),
                problem: SessionProblem::OperationFailed,
            },
            Event::Retry,
            State::WaitingForCard {
                request: four(),
                troubleshooting: false,
            },
            &["watch-card"],
        );
    }

    #[test]
    fn cancel_from_anywhere_wipes_and_releases() {
        check(entry(2), Event::Cancel, State::Idle, &["wipe", "release"]);
        check(
            State::Done { output: 3 },
            Event::Cancel,
            State::Idle,
            &["wipe", "release"],
        );
    }

    #[test]
    fn stray_events_change_nothing() {
        check_ignored(State::Idle, Event::CardInserted);
        check_ignored(entry(3), Event::VerifyAnswered(VerifyOutcome::Correct));
        check_ignored(
            State::Verifying {
                request: four(),
                remaining: 3,
            },
            pin("1234"),
        );
        check_ignored(
            State::ReaderPicker { request: four() },
            Event::Start(four()),
        );
        check_ignored(State::Operation { request: four() }, Event::ApSelected);
    }

    #[test]
    fn start_again_after_done_or_help() {
        check(
            State::Done { output: 1 },
            Event::Start(four()),
            State::ReaderPicker { request: four() },
            &["ask-reader"],
        );
        check(
            State::NoPinHelp,
            Event::Start(four()),
            State::ReaderPicker { request: four() },
            &["ask-reader"],
        );
        check(
            State::LockedHelp {
                kind: PinKind::FourDigit,
            },
            Event::Start(req(None)),
            State::ReaderPicker { request: req(None) },
            &["ask-reader"],
        );
    }
}
