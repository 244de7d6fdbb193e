//! Clinic-reception consent rehearsal (flows.md §1B, states C1–C8).
//!
//! | State | Screen                                   | Input                         | Card operation (done by the app)          |
//! |-------|------------------------------------------|-------------------------------|-------------------------------------------|
//! | C1    | Place your card                          | card                          | select user-auth AP, read certificate     |
//! | C2    | How will you confirm it's you?           | face (disabled) / PIN         | —                                         |
//! | C3    | 4-digit PIN pad                          | PIN, tries left shown         | VERIFY on user-auth AP — or practice      |
//! | C4    | Consent ①: past treatment / medication   | 同意する / 同意しない (required) | —                                       |
//! | C5    | (no screen) age gate                     | date of birth                 | read the 4-items file only, or typed      |
//! | C6    | Consent ② (only if age ≥ 40): checkups   | 同意する / 同意しない (required) | —                                       |
//! | C7    | High-cost limit: information only        | optional seed-style question   | —                                         |
//! | C8    | Done: "受付完了。カードをお取りください"     | —                             | release card                              |
//!
//! A browser never matches the face photo: the face choice is disabled and explained. With the
//! "practise without the card" switch on, C1 and C3 never touch the card: the PIN is only checked
//! for its shape and dropped. Nothing leaves the browser; [`RehearsalSummary`] is the data of the
//! printable "あなたが選んだこと".
//!
//! Consent ② covers metabolic checkups (40–74) and elderly checkups (75+) (seed; flows.md §1B).
//! The age is computed on the visit date in JST ([`crate::date::age_on`]); **VERIFY (flows.md
//! §0.3, §9.6):** which reference date the real clinic reader uses.

use crate::date::{age_on, BornAfterReference, CivilDate};
use crate::pin::{Pin, PinKind};

/// Age from which consent ② is asked (seed: "40歳以上対象").
pub const CHECKUP_CONSENT_FROM_AGE: u16 = 40;
/// Age from which the checkups are elderly checkups (seed: "高齢者健診（75歳以上）").
pub const ELDERLY_CHECKUP_FROM_AGE: u16 = 75;

/// Which checkup results consent ② is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckupKind {
    /// 特定健診 (metabolic), ages 40–74.
    Metabolic,
    /// 高齢者健診, ages 75 and over.
    Elderly,
}

/// Where the date of birth came from (C5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BirthDateSource {
    /// Read from the card's 4-items file with the card-info PIN (never the My Number).
    CardFourItems,
    /// Typed by the user.
    Typed,
}

/// The screens C1–C8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RehearsalStep {
    /// C1: place the card (or, in practice mode, continue).
    Read,
    /// C2: face (disabled) or PIN.
    Identity {
        /// The user pressed the disabled face button: show the explanation.
        face_explained: bool,
    },
    /// C3: the 4-digit PIN pad.
    Pin,
    /// C4: consent ① (past treatment / medication information).
    TreatmentConsent,
    /// C5: the age gate needs a date of birth.
    AgeGate,
    /// C6: consent ② (checkup results), only at 40 or over.
    CheckupConsent {
        /// Which checkups.
        kind: CheckupKind,
    },
    /// C7: high-cost limit information.
    HighCost,
    /// C8: reception complete.
    Done,
}

/// The rehearsal state: the screen plus the choices so far (no PIN is ever kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rehearsal {
    /// The screen.
    pub step: RehearsalStep,
    /// "Practise without the card" is on.
    pub practice: bool,
    /// Consent ①.
    pub treatment_consent: Option<bool>,
    /// Age on the visit date and its source.
    pub age: Option<(u16, BirthDateSource)>,
    /// Consent ② (None when not asked).
    pub checkup_consent: Option<bool>,
    /// The seed-style 限度額 question is shown.
    pub seed_style_high_cost: bool,
    /// The answer to the seed-style question, if shown and answered.
    pub high_cost_answer: Option<bool>,
}

impl Default for Rehearsal {
    fn default() -> Self {
        Self {
            step: RehearsalStep::Read,
            practice: false,
            treatment_consent: None,
            age: None,
            checkup_consent: None,
            seed_style_high_cost: false,
            high_cost_answer: None,
        }
    }
}

/// Actions on the rehearsal.
#[derive(Debug)]
#[non_exhaustive]
pub enum RehearsalAction {
    /// Turn "practise without the card" on or off (C1–C3 only).
    SetPractice(bool),
    /// C1: the app read the card (user-auth AP selected, certificate read).
    CardRead,
    /// C1 in practice mode: continue without a card.
    ContinueWithoutCard,
    /// C2: the disabled face button.
    ChooseFace,
    /// C2: PIN.
    ChoosePin,
    /// C3: the card session verified the PIN (card mode).
    PinVerified,
    /// C3 in practice mode: a PIN of the right shape (it is dropped at once).
    PracticePin(Pin),
    /// C4: 同意する / 同意しない.
    TreatmentConsent(bool),
    /// C5: the date of birth, read or typed; with the visit date (JST).
    BirthDate {
        /// Date of birth.
        birth: CivilDate,
        /// Where it came from.
        source: BirthDateSource,
        /// The visit date.
        visit: CivilDate,
    },
    /// C6: 同意する / 同意しない.
    CheckupConsent(bool),
    /// C7: show or hide the seed-style question.
    SetSeedStyle(bool),
    /// C7: answer the seed-style question (提供する / 提供しない).
    HighCostAnswer(bool),
    /// C7 → C8.
    Continue,
    /// Start again.
    Restart,
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RehearsalError {
    /// The action does not apply to the screen (e.g. a practice PIN in card mode).
    #[error("this action does not apply to the current screen")]
    NotApplicable,
    /// The date of birth is after the visit date.
    #[error(transparent)]
    BornAfterVisit(#[from] BornAfterReference),
}

/// The printable summary ("あなたが選んだこと").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RehearsalSummary {
    /// Practised without the card.
    pub practice: bool,
    /// Consent ①.
    pub treatment_consent: bool,
    /// Age on the visit date.
    pub age: u16,
    /// Consent ② and its kind; `None` under 40 (not asked).
    pub checkup_consent: Option<(CheckupKind, bool)>,
    /// The seed-style 限度額 answer, if given.
    pub high_cost_answer: Option<bool>,
}

impl Rehearsal {
    /// Applies an action.
    pub fn reduce(self, action: RehearsalAction) -> Result<Self, RehearsalError> {
        use RehearsalAction as A;
        use RehearsalStep as S;
        let mut next = self;
        match (self.step, action) {
            (_, A::Restart) => return Ok(Self::default()),
            (S::Read | S::Identity { .. } | S::Pin, A::SetPractice(on)) => next.practice = on,
            (S::Read, A::CardRead) if !self.practice => {
                next.step = S::Identity {
                    face_explained: false,
                }
            }
            (S::Read, A::ContinueWithoutCard) if self.practice => {
                next.step = S::Identity {
                    face_explained: false,
                }
            }
            (S::Identity { .. }, A::ChooseFace) => {
                // Stays on C2 with the explanation; a browser never matches the face photo.
                next.step = S::Identity {
                    face_explained: true,
                };
            }
            (S::Identity { .. }, A::ChoosePin) => next.step = S::Pin,
            (S::Pin, A::PinVerified) if !self.practice => next.step = S::TreatmentConsent,
            (S::Pin, A::PracticePin(pin)) if self.practice && pin.kind() == PinKind::FourDigit => {
                drop(pin);
                next.step = S::TreatmentConsent;
            }
            (S::TreatmentConsent, A::TreatmentConsent(yes)) => {
                next.treatment_consent = Some(yes);
                next.step = S::AgeGate;
            }
            (
                S::AgeGate,
                A::BirthDate {
                    birth,
                    source,
                    visit,
                },
            ) => {
                let age = age_on(birth, visit)?;
                next.age = Some((age, source));
                next.checkup_consent = None;
                next.step = match checkup_kind(age) {
                    Some(kind) => S::CheckupConsent { kind },
                    None => S::HighCost,
                };
            }
            (S::CheckupConsent { .. }, A::CheckupConsent(yes)) => {
                next.checkup_consent = Some(yes);
                next.step = S::HighCost;
            }
            (S::HighCost, A::SetSeedStyle(on)) => {
                next.seed_style_high_cost = on;
                if !on {
                    next.high_cost_answer = None;
                }
            }
            (S::HighCost, A::HighCostAnswer(yes)) if self.seed_style_high_cost => {
                next.high_cost_answer = Some(yes)
            }
            (S::HighCost, A::Continue) => next.step = S::Done,
            _ => return Err(RehearsalError::NotApplicable),
        }
        Ok(next)
    }

    /// Whether the face button is shown disabled (always: flows.md §1B C2).
    pub const fn face_choice_enabled(&self) -> bool {
        false
    }

    /// The summary, once the rehearsal is done.
    pub fn summary(&self) -> Option<RehearsalSummary> {
        if self.step != RehearsalStep::Done {
            return None;
        }
        let (age, _) = self.age?;
        let checkup_consent = match checkup_kind(age) {
            Some(kind) => Some((kind, self.checkup_consent?)),
            None => None,
        };
        Some(RehearsalSummary {
            practice: self.practice,
            treatment_consent: self.treatment_consent?,
            age,
            checkup_consent,
            high_cost_answer: self.high_cost_answer,
        })
    }
}

/// Which checkup consent ② is about at this age; `None` under 40 (not asked).
pub fn checkup_kind(age: u16) -> Option<CheckupKind> {
    match age {
        a if a >= ELDERLY_CHECKUP_FROM_AGE => Some(CheckupKind::Elderly),
        a if a >= CHECKUP_CONSENT_FROM_AGE => Some(CheckupKind::Metabolic),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use RehearsalAction as A;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    fn through_consent_one(practice: bool) -> Rehearsal {
        let mut r = Rehearsal::default();
        if practice {
            r = r
                .reduce(A::SetPractice(true))
                .unwrap()
                .reduce(A::ContinueWithoutCard)
                .unwrap();
        } else {
            r = r.reduce(A::CardRead).unwrap();
        }
        r = r.reduce(A::ChoosePin).unwrap();
        r = if practice {
            r.reduce(A::PracticePin(
                Pin::new(PinKind::FourDigit, "1234").unwrap(),
            ))
            .unwrap()
        } else {
            r.reduce(A::PinVerified).unwrap()
        };
        assert_eq!(r.step, RehearsalStep::TreatmentConsent);
        r.reduce(A::TreatmentConsent(true)).unwrap()
    }

    fn born(r: Rehearsal, birth: &str) -> Rehearsal {
        r.reduce(A::BirthDate {
            birth: d(birth),
            source: BirthDateSource::Typed,
            visit: d("2026-12-03"),
        })
        .unwrap()
    }

    #[test]
    fn thirty_nine_year_old_gets_no_checkup_consent() {
        let r = born(through_consent_one(false), "1986-12-04");
        assert_eq!(r.step, RehearsalStep::HighCost);
        let r = r.reduce(A::Continue).unwrap();
        assert_eq!(
            r.summary(),
            Some(RehearsalSummary {
                practice: false,
                treatment_consent: true,
                age: 39,
                checkup_consent: None,
                high_cost_answer: None
            })
        );
    }

    #[test]
    fn forty_on_the_visit_day_gets_checkup_consent() {
        let r = born(through_consent_one(true), "1986-12-03");
        assert_eq!(
            r.step,
            RehearsalStep::CheckupConsent {
                kind: CheckupKind::Metabolic
            }
        );
        let r = r
            .reduce(A::CheckupConsent(false))
            .unwrap()
            .reduce(A::Continue)
            .unwrap();
        assert_eq!(
            r.summary(),
            Some(RehearsalSummary {
                practice: true,
                treatment_consent: true,
                age: 40,
                checkup_consent: Some((CheckupKind::Metabolic, false)),
                high_cost_answer: None
            })
        );
    }

    #[test]
    fn seventy_five_gets_elderly_checkups() {
        let r = born(through_consent_one(false), "1951-12-03");
        assert_eq!(
            r.step,
            RehearsalStep::CheckupConsent {
                kind: CheckupKind::Elderly
            }
        );
        assert_eq!(checkup_kind(74), Some(CheckupKind::Metabolic));
        assert_eq!(checkup_kind(39), None);
    }

    #[test]
    fn face_is_disabled_and_explained() {
        let r = Rehearsal::default().reduce(A::CardRead).unwrap();
        assert!(!r.face_choice_enabled());
        let r = r.reduce(A::ChooseFace).unwrap();
        assert_eq!(
            r.step,
            RehearsalStep::Identity {
                face_explained: true
            }
        );
        assert_eq!(r.reduce(A::ChoosePin).unwrap().step, RehearsalStep::Pin);
    }

    #[test]
    fn practice_and_card_modes_do_not_mix() {
        // Card mode refuses a practice PIN; practice mode refuses a card verification.
        let card = Rehearsal::default()
            .reduce(A::CardRead)
            .unwrap()
            .reduce(A::ChoosePin)
            .unwrap();
        let pin = Pin::new(PinKind::FourDigit, "1234").unwrap();
        assert_eq!(
            card.reduce(A::PracticePin(pin)),
            Err(RehearsalError::NotApplicable)
        );
        let practice = card.reduce(A::SetPractice(true)).unwrap();
        assert_eq!(
            practice.reduce(A::PinVerified),
            Err(RehearsalError::NotApplicable)
        );
        assert_eq!(
            Rehearsal::default().reduce(A::ContinueWithoutCard),
            Err(RehearsalError::NotApplicable)
        );
        let signature = Pin::new(PinKind::SignaturePassword, "ABC123").unwrap();
        assert_eq!(
            practice.reduce(A::PracticePin(signature)),
            Err(RehearsalError::NotApplicable)
        );
        // The switch cannot change once past the PIN.
        let later = through_consent_one(false);
        assert_eq!(
            later.reduce(A::SetPractice(true)),
            Err(RehearsalError::NotApplicable)
        );
    }

    #[test]
    fn seed_style_high_cost_question_behind_a_switch() {
        let r = born(through_consent_one(false), "1990-01-01");
        assert_eq!(
            r.reduce(A::HighCostAnswer(true)),
            Err(RehearsalError::NotApplicable)
        );
        let r = r
            .reduce(A::SetSeedStyle(true))
            .unwrap()
            .reduce(A::HighCostAnswer(true))
            .unwrap();
        assert_eq!(r.high_cost_answer, Some(true));
        let hidden = r.reduce(A::SetSeedStyle(false)).unwrap();
        assert_eq!(hidden.high_cost_answer, None);
        let done = r.reduce(A::Continue).unwrap();
        assert_eq!(done.summary().unwrap().high_cost_answer, Some(true));
    }

    #[test]
    fn birth_after_visit_is_refused() {
        let r = through_consent_one(false);
        assert_eq!(
            r.reduce(A::BirthDate {
                birth: d("2027-01-01"),
                source: BirthDateSource::Typed,
                visit: d("2026-12-03")
            }),
            Err(RehearsalError::BornAfterVisit(BornAfterReference))
        );
    }

    #[test]
    fn consent_one_is_required_and_summary_waits_for_done() {
        let r = Rehearsal::default()
            .reduce(A::CardRead)
            .unwrap()
            .reduce(A::ChoosePin)
            .unwrap()
            .reduce(A::PinVerified)
            .unwrap();
        assert_eq!(r.reduce(A::Continue), Err(RehearsalError::NotApplicable));
        assert_eq!(r.summary(), None);
        let r = r.reduce(A::TreatmentConsent(false)).unwrap();
        assert_eq!(r.treatment_consent, Some(false));
        assert_eq!(r.reduce(A::Restart).unwrap(), Rehearsal::default());
    }
}
