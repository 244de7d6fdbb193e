//! Smartphone certificate (スマホ用電子証明書) revoke-or-suspend helper (flows.md §4.2, facts §4.1).
//!
//! ```text
//! What happened to the phone?
//!  ├─ traded in / sold / given away   → REVOKE now, on that phone, in the Mynaportal app
//!  ├─ disposed of / collected         → REVOKE now (a factory reset does not remove it)
//!  ├─ sent for repair                 → REVOKE now (re-apply after repair)
//!  ├─ model change                    → app's 機種変更に伴う引継ぎ; old certificate revoked automatically
//!  ├─ lost / stolen                   → SUSPEND: call 0120-95-0178 → ② (24 h / 365 d)
//!  │      └─ found later?  yes → lift suspension in app, re-download the signature certificate
//!  │                       no  → REVOKE (per app manual)
//!  │   (asked as: "already suspended?" no → SUSPEND; yes → "found again?")
//!  └─ forgot the password             → reset with the card in the app, then continue; or call → ④
//! Also lost the CARD? → call the same number to suspend the card certificates + tell the municipality.
//! ```
//!
//! One question per screen; no card operation. The answer carries the facts the screen shows:
//! the number as a `tel:` link, the menu digit, the hours and the 24-hour note.

use alloc::vec::Vec;

use crate::facts::{PhoneLine, MENU_OTHER_REVOCATION, MENU_SUSPENSION, MYNUMBER_FREE_DIAL};

/// What happened to the phone (first question).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneEvent {
    /// 下取り・買取り / 売る / 譲る.
    SoldOrTradedIn,
    /// 廃棄・回収に出す.
    DisposedOrCollected,
    /// 修理に出す.
    SentForRepair,
    /// 機種変更 (moving to a new phone).
    ModelChange,
    /// なくした / 盗まれた.
    LostOrStolen,
    /// パスワードを忘れた.
    ForgotPassword,
}

/// The question on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneQuestion {
    /// What happened to the phone?
    WhatHappened,
    /// Lost phone: has the certificate already been suspended by phone?
    AlreadySuspended,
    /// Suspended phone: has it been found again?
    FoundAgain,
    /// Did you also lose the card?
    CardAlsoLost,
}

/// What to do (the app maps each to its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneAdvice {
    /// Revoke now, personally, in the Mynaportal app on that phone (shop staff may not do it).
    RevokeOnThatPhone {
        /// Why: the phone leaves the user's hands (sale, disposal, repair).
        because: PhoneEvent,
    },
    /// Use the app's 機種変更に伴う引継ぎ menu; the old certificate is revoked automatically.
    UseModelChangeMenu,
    /// Call the free dial and choose the suspension menu; taken 24 hours a day.
    CallToSuspend(CallInfo),
    /// Found again: lift the suspension in the app, then download the signature certificate again.
    LiftSuspensionAndRedownload,
    /// Not found: revoke following the app manual.
    RevokePerAppManual,
    /// Reset the password with the card in the app, then continue; or call the other-questions menu.
    ResetPasswordWithCard(CallInfo),
}

/// What the answer screen shows for a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallInfo {
    /// The line (number, `tel:` URI, hours).
    pub line: PhoneLine,
    /// The menu digit, shown very large.
    pub menu: u8,
    /// Taken 24 hours a day, 365 days a year (suspension only).
    pub around_the_clock: bool,
}

/// Suspension call: ② on the free dial, 24 h / 365 d (flows.md §4.1; seed).
pub const SUSPENSION_CALL: CallInfo = CallInfo {
    line: MYNUMBER_FREE_DIAL,
    menu: MENU_SUSPENSION,
    around_the_clock: true,
};
/// Other revocation questions: ④ on the free dial, in opening hours (flows.md §4.1; seed).
pub const OTHER_QUESTIONS_CALL: CallInfo = CallInfo {
    line: MYNUMBER_FREE_DIAL,
    menu: MENU_OTHER_REVOCATION,
    around_the_clock: false,
};

/// A helper screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneScreen {
    /// A question.
    Ask(PhoneQuestion),
    /// The answer, with the card-loss addition when the card is gone too.
    Answer {
        /// What to do about the phone.
        advice: PhoneAdvice,
        /// The card is lost too: call the same number to suspend the card certificates
        /// ([`SUSPENSION_CALL`]) and notify the municipality.
        card_also_lost: bool,
    },
}

impl PhoneScreen {
    /// The calls the answer screen shows (number as a `tel:` link, menu digit, hours, 24-hour
    /// note): the advice's own call, plus the suspension call when the card is lost too.
    pub fn calls(&self) -> Vec<CallInfo> {
        let Self::Answer {
            advice,
            card_also_lost,
        } = self
        else {
            return Vec::new();
        };
        let mut calls = Vec::new();
        match advice {
            PhoneAdvice::CallToSuspend(call) | PhoneAdvice::ResetPasswordWithCard(call) => {
                calls.push(*call)
            }
            _ => {}
        }
        if *card_also_lost && !calls.contains(&SUSPENSION_CALL) {
            calls.push(SUSPENSION_CALL);
        }
        calls
    }
}

/// An action on the helper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneAction {
    /// Answer "what happened".
    Happened(PhoneEvent),
    /// Answer a yes/no question.
    YesNo(bool),
    /// Start over.
    Restart,
}

/// The helper as a DOM-free reducer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneHelper {
    screen: PhoneScreen,
    pending: Option<PhoneAdvice>,
}

impl Default for PhoneHelper {
    fn default() -> Self {
        Self {
            screen: PhoneScreen::Ask(PhoneQuestion::WhatHappened),
            pending: None,
        }
    }
}

/// The action does not fit the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this answer does not fit the question on screen")]
pub struct PhoneAnswerDoesNotFit;

impl PhoneHelper {
    /// The screen to show.
    pub fn screen(&self) -> PhoneScreen {
        self.screen
    }

    /// Applies an action.
    pub fn reduce(self, action: PhoneAction) -> Result<Self, PhoneAnswerDoesNotFit> {
        use PhoneQuestion as Q;
        let ask = |question, pending| Self {
            screen: PhoneScreen::Ask(question),
            pending,
        };
        match (self.screen, action) {
            (_, PhoneAction::Restart) => Ok(Self::default()),
            (PhoneScreen::Ask(Q::WhatHappened), PhoneAction::Happened(event)) => Ok(match event {
                PhoneEvent::SoldOrTradedIn
                | PhoneEvent::DisposedOrCollected
                | PhoneEvent::SentForRepair => ask(
                    Q::CardAlsoLost,
                    Some(PhoneAdvice::RevokeOnThatPhone { because: event }),
                ),
                PhoneEvent::ModelChange => {
                    ask(Q::CardAlsoLost, Some(PhoneAdvice::UseModelChangeMenu))
                }
                PhoneEvent::LostOrStolen => ask(Q::AlreadySuspended, None),
                PhoneEvent::ForgotPassword => ask(
                    Q::CardAlsoLost,
                    Some(PhoneAdvice::ResetPasswordWithCard(OTHER_QUESTIONS_CALL)),
                ),
            }),
            (PhoneScreen::Ask(Q::AlreadySuspended), PhoneAction::YesNo(suspended)) => {
                Ok(if suspended {
                    ask(Q::FoundAgain, None)
                } else {
                    ask(
                        Q::CardAlsoLost,
                        Some(PhoneAdvice::CallToSuspend(SUSPENSION_CALL)),
                    )
                })
            }
            (PhoneScreen::Ask(Q::FoundAgain), PhoneAction::YesNo(found)) => Ok(ask(
                Q::CardAlsoLost,
                Some(if found {
                    PhoneAdvice::LiftSuspensionAndRedownload
                } else {
                    PhoneAdvice::RevokePerAppManual
                }),
            )),
            (PhoneScreen::Ask(Q::CardAlsoLost), PhoneAction::YesNo(card_also_lost)) => {
                let advice = self.pending.ok_or(PhoneAnswerDoesNotFit)?;
                Ok(Self {
                    screen: PhoneScreen::Answer {
                        advice,
                        card_also_lost,
                    },
                    pending: None,
                })
            }
            _ => Err(PhoneAnswerDoesNotFit),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn run(actions: &[PhoneAction]) -> PhoneScreen {
        actions
            .iter()
            .fold(PhoneHelper::default(), |h, a| h.reduce(*a).unwrap())
            .screen()
    }

    fn answer(advice: PhoneAdvice, card_also_lost: bool) -> PhoneScreen {
        PhoneScreen::Answer {
            advice,
            card_also_lost,
        }
    }

    use PhoneAction::{Happened, YesNo};

    #[test]
    fn sold_repair_and_disposal_revoke_on_that_phone() {
        for event in [
            PhoneEvent::SoldOrTradedIn,
            PhoneEvent::DisposedOrCollected,
            PhoneEvent::SentForRepair,
        ] {
            assert_eq!(
                run(&[Happened(event), YesNo(false)]),
                answer(PhoneAdvice::RevokeOnThatPhone { because: event }, false)
            );
        }
    }

    #[test]
    fn answer_screens_list_the_calls_to_show() {
        let sold = run(&[Happened(PhoneEvent::SoldOrTradedIn), YesNo(false)]);
        assert_eq!(sold.calls(), vec![]);
        let sold_and_card_lost = run(&[Happened(PhoneEvent::SoldOrTradedIn), YesNo(true)]);
        assert_eq!(sold_and_card_lost.calls(), vec![SUSPENSION_CALL]);
        let lost_both = run(&[
            Happened(PhoneEvent::LostOrStolen),
            YesNo(false),
            YesNo(true),
        ]);
        assert_eq!(lost_both.calls(), vec![SUSPENSION_CALL]);
        let forgot = run(&[Happened(PhoneEvent::ForgotPassword), YesNo(true)]);
        assert_eq!(forgot.calls(), vec![OTHER_QUESTIONS_CALL, SUSPENSION_CALL]);
        assert_eq!(PhoneHelper::default().screen().calls(), vec![]);
    }

    #[test]
    fn model_change_uses_the_app_menu() {
        assert_eq!(
            run(&[Happened(PhoneEvent::ModelChange), YesNo(false)]),
            answer(PhoneAdvice::UseModelChangeMenu, false)
        );
    }

    #[test]
    fn lost_phone_calls_menu_2_around_the_clock() {
        let screen = run(&[
            Happened(PhoneEvent::LostOrStolen),
            YesNo(false),
            YesNo(true),
        ]);
        assert_eq!(
            screen,
            answer(PhoneAdvice::CallToSuspend(SUSPENSION_CALL), true)
        );
        let PhoneScreen::Answer {
            advice: PhoneAdvice::CallToSuspend(call),
            ..
        } = screen
        else {
            panic!("{screen:?}")
        };
        assert_eq!(call.line.tel_uri, "tel:0120950178");
        assert_eq!(call.line.display, "0120-95-0178");
        assert_eq!((call.menu, call.around_the_clock), (2, true));
        assert_eq!(call.line.hours.weekdays, ("9:30", "20:00"));
        assert_eq!(call.line.hours.weekends_and_holidays, ("9:30", "17:30"));
    }

    #[test]
    fn suspended_phone_found_again_lifts_suspension() {
        assert_eq!(
            run(&[
                Happened(PhoneEvent::LostOrStolen),
                YesNo(true),
                YesNo(true),
                YesNo(false)
            ]),
            answer(PhoneAdvice::LiftSuspensionAndRedownload, false)
        );
    }

    #[test]
    fn suspended_phone_never_found_is_revoked_per_manual() {
        assert_eq!(
            run(&[
                Happened(PhoneEvent::LostOrStolen),
                YesNo(true),
                YesNo(false),
                YesNo(true)
            ]),
            answer(PhoneAdvice::RevokePerAppManual, true)
        );
    }

    #[test]
    fn forgotten_password_resets_with_card_or_calls_menu_4() {
        let screen = run(&[Happened(PhoneEvent::ForgotPassword), YesNo(false)]);
        assert_eq!(
            screen,
            answer(
                PhoneAdvice::ResetPasswordWithCard(OTHER_QUESTIONS_CALL),
                false
            )
        );
        let PhoneScreen::Answer {
            advice: PhoneAdvice::ResetPasswordWithCard(call),
            ..
        } = screen
        else {
            panic!("{screen:?}")
        };
        assert_eq!((call.menu, call.around_the_clock), (4, false));
    }

    #[test]
    fn answers_that_do_not_fit_are_refused_and_restart_works() {
        assert_eq!(
            PhoneHelper::default().reduce(YesNo(true)),
            Err(PhoneAnswerDoesNotFit)
        );
        let asked = PhoneHelper::default()
            .reduce(Happened(PhoneEvent::LostOrStolen))
            .unwrap();
        assert_eq!(
            asked.reduce(Happened(PhoneEvent::ModelChange)),
            Err(PhoneAnswerDoesNotFit)
        );
        assert_eq!(
            asked.reduce(PhoneAction::Restart).unwrap(),
            PhoneHelper::default()
        );
        let done = asked
            .reduce(YesNo(false))
            .unwrap()
            .reduce(YesNo(false))
            .unwrap();
        assert_eq!(done.reduce(YesNo(true)), Err(PhoneAnswerDoesNotFit));
    }
}
