//! Insurance-use registration pre-check and hand-off (flows.md §1A, states R0–R4).
//!
//! | State | Screen            | Card operation (done by the app)                              | Output                          |
//! |-------|-------------------|---------------------------------------------------------------|---------------------------------|
//! | R0    | Before you start  | —                                                             | checklist: card, PIN, reader    |
//! | R1    | Card check        | read the user-auth certificate (no PIN) and the PIN statuses  | expiry date, tries left per PIN |
//! | R2    | Problems          | —                                                             | help: E8 renew, E2 window, E10 clinic reader |
//! | R3    | Choose channel    | —                                                             | Mynaportal / clinic reader / Seven Bank ATM |
//! | R4    | Done              | —                                                             | reminder: 資格情報のお知らせ     |
//!
//! There is no public API for the registration itself, so this is a guided pre-check and
//! hand-off. The optional real PIN test in R1 is off by default and sits behind an explicit
//! request that first shows the tries left; it runs through the card session
//! ([`crate::session`]), which asks for a last-try confirmation when one try is left.

use alloc::vec::Vec;

use crate::date::CivilDate;
use crate::session::{PinStatus, VerifyOutcome};

/// Which PIN a status belongs to (flows.md §0.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRole {
    /// User-authentication PIN (4 digits, 3 tries) — the one insurance-use registration needs.
    UserAuthentication,
    /// Card-info input-support PIN (4 digits, 3 tries).
    CardInfo,
    /// Signature password (5 tries).
    Signature,
}

/// What the R1 card read found (read without any PIN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardCheckReport {
    /// Last day of validity of the user-authentication certificate (JST date of notAfter).
    pub certificate_valid_until: CivilDate,
    /// Tries left for each PIN the card reported.
    pub pins: Vec<(PinRole, PinStatus)>,
}

impl CardCheckReport {
    fn status(&self, role: PinRole) -> Option<PinStatus> {
        self.pins.iter().find(|(r, _)| *r == role).map(|(_, s)| *s)
    }
}

/// A problem found in R1 that R2 explains (flows.md §1A R2, §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistrationProblem {
    /// E8: the user-auth certificate has expired → renew at the municipality.
    CertificateExpired {
        /// Its last valid day.
        valid_until: CivilDate,
    },
    /// E2: the user-auth PIN is locked → reset at the municipal window with photo ID.
    UserAuthPinLocked,
    /// E10: face-recognition-only card (no PIN) → only the clinic's face-recognition reader.
    FaceOnlyCard,
}

/// Where the user registers (flows.md §1A "Channels in the real world").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Mynaportal (deep link).
    Mynaportal,
    /// The face-recognition card reader at a clinic or pharmacy (printable "what to bring").
    ClinicReader,
    /// A Seven Bank ATM.
    SevenBankAtm,
}

/// The PIN-test sub-state of R1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinTest {
    /// Not requested (the default).
    Off,
    /// Requested: the screen shows the tries left and asks to confirm (a wrong PIN spends a try).
    Confirming {
        /// Tries left of the user-auth PIN.
        remaining: u8,
    },
    /// Confirmed: the app runs the card session for a user-auth VERIFY.
    Running,
    /// The card answered.
    Finished(VerifyOutcome),
}

/// The screens R0–R4.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RegistrationState {
    /// R0: before you start.
    #[default]
    BeforeYouStart,
    /// R1, waiting for the app's card read.
    CardCheck,
    /// R1, showing the result.
    CardChecked {
        /// What the card read found.
        report: CardCheckReport,
        /// Problems found (empty = none).
        problems: Vec<RegistrationProblem>,
        /// The certificate's renewal window is open (from 3 months before expiry, flows.md §0.1).
        renewal_open: bool,
        /// The optional PIN test.
        pin_test: PinTest,
    },
    /// R2: help for the problems.
    Problems {
        /// The problems, in display order.
        problems: Vec<RegistrationProblem>,
        /// Channels still possible (face-only card → clinic reader); empty = none until fixed.
        channels: Vec<Channel>,
    },
    /// R3: choose a channel.
    ChooseChannel {
        /// Channels offered.
        channels: Vec<Channel>,
        /// The selection.
        chosen: Option<Channel>,
    },
    /// R4: done; remind to get the 資格情報のお知らせ from the insurer.
    Done {
        /// The channel chosen.
        channel: Channel,
    },
}

/// Actions on the registration flow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistrationAction {
    /// R0 → R1.
    Start,
    /// The app's card read finished.
    CardRead(CardCheckReport),
    /// "Test my PIN" pressed.
    RequestPinTest,
    /// The user confirmed the PIN test after seeing the tries left.
    ConfirmPinTest,
    /// The PIN test was cancelled (before or after confirming).
    CancelPinTest,
    /// The card session answered the test VERIFY.
    PinTestAnswered(VerifyOutcome),
    /// Continue from R1 (to R2 or R3) or from R2 (to R3, when a channel remains).
    Continue,
    /// Select a channel in R3.
    Choose(Channel),
    /// R3 → R4.
    Finish,
    /// Back to R0.
    Restart,
}

/// The first day of the renewal window: 3 months before expiry, same day of month or the
/// month's last day (flows.md §0.1 "Renewal opens 3 months before expiry").
pub fn renewal_opens(valid_until: CivilDate) -> Option<CivilDate> {
    let months = i64::from(valid_until.year()) * 12 + i64::from(valid_until.month()) - 1 - 3;
    let year = months.div_euclid(12);
    let month = u32::try_from(months.rem_euclid(12) + 1).ok()?;
    let last = crate::date::days_in_month(u16::try_from(year).ok()?, u8::try_from(month).ok()?);
    CivilDate::new(year, month, u32::from(valid_until.day().min(last))).ok()
}

fn problems_of(report: &CardCheckReport, today: CivilDate) -> Vec<RegistrationProblem> {
    let mut problems = Vec::new();
    if report.certificate_valid_until < today {
        problems.push(RegistrationProblem::CertificateExpired {
            valid_until: report.certificate_valid_until,
        });
    }
    match report.status(PinRole::UserAuthentication) {
        Some(PinStatus::NotSet) => problems.push(RegistrationProblem::FaceOnlyCard),
        Some(PinStatus::Remaining(0)) => problems.push(RegistrationProblem::UserAuthPinLocked),
        _ => {}
    }
    problems
}

/// Channels still possible with these problems: an expired certificate or a locked PIN must be
/// fixed at the municipality first; a face-only card can register only at a clinic reader.
fn channels_for(problems: &[RegistrationProblem]) -> Vec<Channel> {
    let blocked = problems.iter().any(|p| {
        matches!(
            p,
            RegistrationProblem::CertificateExpired { .. } | RegistrationProblem::UserAuthPinLocked
        )
    });
    if blocked {
        Vec::new()
    } else if problems.contains(&RegistrationProblem::FaceOnlyCard) {
        alloc::vec![Channel::ClinicReader]
    } else {
        alloc::vec![
            Channel::Mynaportal,
            Channel::ClinicReader,
            Channel::SevenBankAtm
        ]
    }
}

/// The action does not apply to the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this action does not apply to the current screen")]
pub struct NotApplicable;

impl RegistrationState {
    /// Applies an action; `today` (JST) decides whether the certificate has expired.
    pub fn reduce(
        self,
        action: RegistrationAction,
        today: CivilDate,
    ) -> Result<Self, NotApplicable> {
        use RegistrationAction as A;
        use RegistrationState as S;
        Ok(match (self, action) {
            (_, A::Restart) => S::BeforeYouStart,
            (S::BeforeYouStart, A::Start) => S::CardCheck,
            (S::CardCheck, A::CardRead(report)) => {
                let problems = problems_of(&report, today);
                let renewal_open =
                    renewal_opens(report.certificate_valid_until).is_some_and(|d| d <= today);
                S::CardChecked {
                    report,
                    problems,
                    renewal_open,
                    pin_test: PinTest::Off,
                }
            }
            (
                S::CardChecked {
                    report,
                    problems,
                    renewal_open,
                    pin_test: PinTest::Off,
                },
                A::RequestPinTest,
            ) => {
                // Only a PIN with tries left can be tested.
                let Some(PinStatus::Remaining(remaining @ 1..)) =
                    report.status(PinRole::UserAuthentication)
                else {
                    return Err(NotApplicable);
                };
                S::CardChecked {
                    report,
                    problems,
                    renewal_open,
                    pin_test: PinTest::Confirming { remaining },
                }
            }
            (
                S::CardChecked {
                    report,
                    problems,
                    renewal_open,
                    pin_test: PinTest::Confirming { .. },
                },
                A::ConfirmPinTest,
            ) => S::CardChecked {
                report,
                problems,
                renewal_open,
                pin_test: PinTest::Running,
            },
            (
                S::CardChecked {
                    report,
                    problems,
                    renewal_open,
                    pin_test: PinTest::Confirming { .. } | PinTest::Running,
                },
                A::CancelPinTest,
            ) => S::CardChecked {
                report,
                problems,
                renewal_open,
                pin_test: PinTest::Off,
            },
            (
                S::CardChecked {
                    mut report,
                    renewal_open,
                    pin_test: PinTest::Running,
                    ..
                },
                A::PinTestAnswered(outcome),
            ) => {
                // Keep the shown tries left in step with what the card now says.
                // A correct entry resets the card's counter (flows.md §0.1).
                let now = match outcome {
                    VerifyOutcome::Correct => {
                        PinStatus::Remaining(PinRole::UserAuthentication.tries())
                    }
                    VerifyOutcome::Wrong { remaining } => PinStatus::Remaining(remaining),
                };
                if let Some(slot) = report
                    .pins
                    .iter_mut()
                    .find(|(r, _)| *r == PinRole::UserAuthentication)
                {
                    slot.1 = now;
                }
                let problems = problems_of(&report, today);
                S::CardChecked {
                    report,
                    problems,
                    renewal_open,
                    pin_test: PinTest::Finished(outcome),
                }
            }
            (
                S::CardChecked {
                    problems,
                    pin_test: PinTest::Off | PinTest::Finished(_),
                    ..
                },
                A::Continue,
            ) => {
                let channels = channels_for(&problems);
                if problems.is_empty() {
                    S::ChooseChannel {
                        channels,
                        chosen: None,
                    }
                } else {
                    S::Problems { problems, channels }
                }
            }
            (S::Problems { channels, .. }, A::Continue) if !channels.is_empty() => {
                S::ChooseChannel {
                    channels,
                    chosen: None,
                }
            }
            (S::ChooseChannel { channels, .. }, A::Choose(channel))
                if channels.contains(&channel) =>
            {
                S::ChooseChannel {
                    channels,
                    chosen: Some(channel),
                }
            }
            (
                S::ChooseChannel {
                    chosen: Some(channel),
                    ..
                },
                A::Finish,
            ) => S::Done { channel },
            _ => return Err(NotApplicable),
        })
    }
}

impl PinRole {
    /// Tries before lock (flows.md §0.1).
    pub const fn tries(self) -> u8 {
        match self {
            Self::UserAuthentication | Self::CardInfo => 3,
            Self::Signature => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use alloc::vec;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    const TODAY: &str = "2026-12-03";

    fn report(valid_until: &str, auth: PinStatus) -> CardCheckReport {
        CardCheckReport {
            certificate_valid_until: d(valid_until),
            pins: vec![
                (PinRole::UserAuthentication, auth),
                (PinRole::CardInfo, PinStatus::Remaining(3)),
                (PinRole::Signature, PinStatus::Remaining(5)),
            ],
        }
    }

    fn checked(report: CardCheckReport) -> RegistrationState {
        RegistrationState::BeforeYouStart
            .reduce(RegistrationAction::Start, d(TODAY))
            .unwrap()
            .reduce(RegistrationAction::CardRead(report), d(TODAY))
            .unwrap()
    }

    fn step(state: RegistrationState, action: RegistrationAction) -> RegistrationState {
        state.reduce(action, d(TODAY)).unwrap()
    }

    #[test]
    fn valid_card_goes_straight_to_channels_and_done() {
        let state = checked(report("2029-05-01", PinStatus::Remaining(3)));
        assert_eq!(
            state,
            RegistrationState::CardChecked {
                report: report("2029-05-01", PinStatus::Remaining(3)),
                problems: vec![],
                renewal_open: false,
                pin_test: PinTest::Off
            }
        );
        let state = step(state, RegistrationAction::Continue);
        assert_eq!(
            state,
            RegistrationState::ChooseChannel {
                channels: vec![
                    Channel::Mynaportal,
                    Channel::ClinicReader,
                    Channel::SevenBankAtm
                ],
                chosen: None
            }
        );
        assert_eq!(
            state.clone().reduce(RegistrationAction::Finish, d(TODAY)),
            Err(NotApplicable)
        );
        let state = step(state, RegistrationAction::Choose(Channel::SevenBankAtm));
        assert_eq!(
            step(state, RegistrationAction::Finish),
            RegistrationState::Done {
                channel: Channel::SevenBankAtm
            }
        );
    }

    #[test]
    fn expired_certificate_blocks_every_channel() {
        let state = step(
            checked(report("2026-12-02", PinStatus::Remaining(3))),
            RegistrationAction::Continue,
        );
        assert_eq!(
            state,
            RegistrationState::Problems {
                problems: vec![RegistrationProblem::CertificateExpired {
                    valid_until: d("2026-12-02")
                }],
                channels: vec![]
            }
        );
        assert_eq!(
            state.reduce(RegistrationAction::Continue, d(TODAY)),
            Err(NotApplicable)
        );
    }

    #[test]
    fn certificate_valid_through_today_is_not_expired_but_renewable() {
        let state = checked(report(TODAY, PinStatus::Remaining(3)));
        let RegistrationState::CardChecked {
            problems,
            renewal_open,
            ..
        } = state
        else {
            panic!("{state:?}")
        };
        assert_eq!(problems, vec![]);
        assert!(renewal_open);
    }

    #[test]
    fn renewal_window_opens_three_months_before() {
        assert_eq!(renewal_opens(d("2027-03-03")), Some(d("2026-12-03")));
        assert_eq!(renewal_opens(d("2027-05-31")), Some(d("2027-02-28")));
        assert_eq!(renewal_opens(d("2027-01-15")), Some(d("2026-10-15")));
        let RegistrationState::CardChecked { renewal_open, .. } =
            checked(report("2027-03-04", PinStatus::Remaining(3)))
        else {
            panic!()
        };
        assert!(!renewal_open);
    }

    #[test]
    fn locked_pin_needs_the_municipal_window() {
        let state = step(
            checked(report("2029-05-01", PinStatus::Remaining(0))),
            RegistrationAction::Continue,
        );
        assert_eq!(
            state,
            RegistrationState::Problems {
                problems: vec![RegistrationProblem::UserAuthPinLocked],
                channels: vec![]
            }
        );
    }

    #[test]
    fn face_only_card_can_use_only_the_clinic_reader() {
        let state = step(
            checked(report("2029-05-01", PinStatus::NotSet)),
            RegistrationAction::Continue,
        );
        assert_eq!(
            state,
            RegistrationState::Problems {
                problems: vec![RegistrationProblem::FaceOnlyCard],
                channels: vec![Channel::ClinicReader]
            }
        );
        let state = step(state, RegistrationAction::Continue);
        assert_eq!(
            state,
            RegistrationState::ChooseChannel {
                channels: vec![Channel::ClinicReader],
                chosen: None
            }
        );
        assert_eq!(
            state.reduce(RegistrationAction::Choose(Channel::Mynaportal), d(TODAY)),
            Err(NotApplicable)
        );
    }

    #[test]
    fn pin_test_shows_tries_first_and_tracks_the_answer() {
        let state = checked(report("2029-05-01", PinStatus::Remaining(2)));
        let state = step(state, RegistrationAction::RequestPinTest);
        let RegistrationState::CardChecked { pin_test, .. } = &state else {
            panic!()
        };
        assert_eq!(*pin_test, PinTest::Confirming { remaining: 2 });
        // Cannot continue while the test is pending.
        assert_eq!(
            state.clone().reduce(RegistrationAction::Continue, d(TODAY)),
            Err(NotApplicable)
        );
        let state = step(state, RegistrationAction::ConfirmPinTest);
        let state = step(
            state,
            RegistrationAction::PinTestAnswered(VerifyOutcome::Wrong { remaining: 1 }),
        );
        let RegistrationState::CardChecked {
            report: r,
            pin_test,
            ..
        } = &state
        else {
            panic!()
        };
        assert_eq!(
            *pin_test,
            PinTest::Finished(VerifyOutcome::Wrong { remaining: 1 })
        );
        assert_eq!(
            r.status(PinRole::UserAuthentication),
            Some(PinStatus::Remaining(1))
        );
        // The test is not offered again automatically: only a new explicit request starts one.
        assert_eq!(
            state
                .clone()
                .reduce(RegistrationAction::ConfirmPinTest, d(TODAY)),
            Err(NotApplicable)
        );
        assert!(matches!(
            step(state, RegistrationAction::Continue),
            RegistrationState::ChooseChannel { .. }
        ));
    }

    #[test]
    fn pin_test_that_locks_the_pin_becomes_a_problem() {
        let state = checked(report("2029-05-01", PinStatus::Remaining(1)));
        let state = step(
            step(state, RegistrationAction::RequestPinTest),
            RegistrationAction::ConfirmPinTest,
        );
        let state = step(
            state,
            RegistrationAction::PinTestAnswered(VerifyOutcome::Wrong { remaining: 0 }),
        );
        let state = step(state, RegistrationAction::Continue);
        assert_eq!(
            state,
            RegistrationState::Problems {
                problems: vec![RegistrationProblem::UserAuthPinLocked],
                channels: vec![]
            }
        );
    }

    #[test]
    fn correct_pin_test_resets_the_counter_shown() {
        let state = checked(report("2029-05-01", PinStatus::Remaining(2)));
        let state = step(
            step(state, RegistrationAction::RequestPinTest),
            RegistrationAction::ConfirmPinTest,
        );
        let state = step(
            state,
            RegistrationAction::PinTestAnswered(VerifyOutcome::Correct),
        );
        let RegistrationState::CardChecked { report: r, .. } = &state else {
            panic!()
        };
        assert_eq!(
            r.status(PinRole::UserAuthentication),
            Some(PinStatus::Remaining(3))
        );
    }

    #[test]
    fn pin_test_is_refused_when_locked_or_face_only_and_can_be_cancelled() {
        let locked = checked(report("2029-05-01", PinStatus::Remaining(0)));
        assert_eq!(
            locked.reduce(RegistrationAction::RequestPinTest, d(TODAY)),
            Err(NotApplicable)
        );
        let face = checked(report("2029-05-01", PinStatus::NotSet));
        assert_eq!(
            face.reduce(RegistrationAction::RequestPinTest, d(TODAY)),
            Err(NotApplicable)
        );
        let state = step(
            checked(report("2029-05-01", PinStatus::Remaining(3))),
            RegistrationAction::RequestPinTest,
        );
        let state = step(state, RegistrationAction::CancelPinTest);
        let RegistrationState::CardChecked { pin_test, .. } = &state else {
            panic!()
        };
        assert_eq!(*pin_test, PinTest::Off);
    }

    #[test]
    fn restart_and_stray_actions() {
        assert_eq!(
            RegistrationState::BeforeYouStart.reduce(RegistrationAction::Continue, d(TODAY)),
            Err(NotApplicable)
        );
        let done = RegistrationState::Done {
            channel: Channel::Mynaportal,
        };
        assert_eq!(
            step(done, RegistrationAction::Restart),
            RegistrationState::BeforeYouStart
        );
    }
}
