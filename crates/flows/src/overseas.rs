//! Overseas card (国外転出者向けマイナンバーカード) guidance: the wizard of flows.md §3.2, the
//! continued-use deadline rule of §3.1 and the pre-fill draft of §3.3.
//!
//! Wizard (flows.md §3.2), one question per step:
//!
//! ```text
//! Q1 Japanese national? ── no → END NotEligible(ForeignNational)
//! Q2 resident registration in Japan now?   yes → Q3    no → Q6
//! Q3 valid card? ── no → Q11 → checklist N-domestic
//! Q4 departure date ── on or after the departure day → warn: deadline passed
//! Q5 e-signature abroad? (adds "request the overseas signature certificate")
//!    → Q11 → checklist K (continued use)
//! Q6 registered in Japan since 2015-10-05? ── no → END NotEligible(NotRegisteredSince2015)
//! Q7 valid card in hand?   yes → Q11 → checklist M (maintenance abroad)    no → Q8
//! Q8 application method: window | mail
//! Q9 pick-up place: embassy | 本籍地 | temporary-return municipality
//! Q10 e-certificates wanted?
//!    → Q11 → checklist N-abroad
//! Q11 (every branch that is not END) plans to return? (adds the return procedure)
//! ```
//!
//! Deadline rule (flows.md §3.1): the continued-use request must be made **on or before the day
//! before** the departure date; not on the day, not afterwards.

use alloc::vec;
use alloc::vec::Vec;

use crate::date::{fact_date, CivilDate};

/// Residents registered on or after this date may get an overseas card (flows.md §3.1, seed FAQ).
pub const REGISTERED_SINCE: CivilDate = fact_date(2015, 10, 5);

/// Where the overseas application forms are downloaded (flows.md §3.1, seed).
pub const FORMS_URL: &str = "https://www.kojinbango-card.go.jp/apprec/abroad/procedure/format/";

/// Photo requirement (flows.md §3.1): height × width in millimetres.
pub const PHOTO_SIZE_MM: (u8, u8) = (45, 35);
/// Photo taken within this many months (flows.md §3.1).
pub const PHOTO_MAX_AGE_MONTHS: u8 = 6;
/// Approximate months until the "card is ready" e-mail (flows.md §3.1, seed; one embassy says 2–3).
pub const READY_EMAIL_AFTER_MONTHS: u8 = 2;

/// Where the continued-use deadline stands on a given day (flows.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineStatus {
    /// Still possible; `days_left` days after today is the last day (≥ 1).
    Open {
        /// The last possible day (the day before departure).
        last_day: CivilDate,
        /// Days from today to the last day.
        days_left: u32,
    },
    /// Today is the last possible day.
    LastDay {
        /// Today, the day before departure.
        last_day: CivilDate,
    },
    /// Too late: today is the departure day or later. The card lapses without the procedure;
    /// the way left is applying for an overseas card from abroad.
    Passed {
        /// The day that was the last possible one.
        last_day: CivilDate,
    },
}

/// The continued-use status for a departure date, seen from `today` (both JST).
/// `None` only for a departure on 0001-01-01, which has no day before.
pub fn continued_use_status(departure: CivilDate, today: CivilDate) -> Option<DeadlineStatus> {
    let last_day = departure.previous_day()?;
    let days = last_day.days_since_epoch() - today.days_since_epoch();
    Some(match days {
        d if d < 0 => DeadlineStatus::Passed { last_day },
        0 => DeadlineStatus::LastDay { last_day },
        d => DeadlineStatus::Open {
            last_day,
            days_left: u32::try_from(d).unwrap_or(u32::MAX),
        },
    })
}

/// How the new-card application is handed in (Q8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationMethod {
    /// At a window: embassy/consulate, 本籍地 municipality or temporary-return municipality.
    Window,
    /// By (tracked) mail to the 本籍地 municipality only.
    MailToHonseki,
}

/// Where the new card is picked up in person (Q9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickUpPlace {
    /// Embassy or consulate (在外公館).
    Embassy,
    /// The 本籍地 municipality.
    HonsekiMunicipality,
    /// The municipality where the person stays during a temporary return.
    TemporaryReturnMunicipality,
}

/// The question on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Question {
    /// Q1 日本国籍ですか?
    JapaneseNational,
    /// Q2 今、日本に住民票がありますか?
    ResidentInJapan,
    /// Q3 有効なマイナンバーカードを持っていますか? (leaving soon)
    HasValidCardBeforeLeaving,
    /// Q4 出国(転出)予定日は?
    DepartureDate,
    /// Q5 海外で電子署名(e-Tax等)を使いますか?
    SignAbroad,
    /// Q6 2015年10月5日以降に日本で住民登録がありましたか?
    RegisteredSince2015,
    /// Q7 手元に有効なマイナンバーカードがありますか? (already abroad)
    HasValidCardAbroad,
    /// Q8 申請方法.
    ApplicationMethod,
    /// Q9 受取場所.
    PickUpPlace,
    /// Q10 電子証明書の発行を希望しますか?
    WantsCertificates,
    /// Q11 帰国予定がありますか?
    PlansToReturn,
}

/// An answer to the question on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverseasAnswer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// A date (Q4).
    Date(CivilDate),
    /// A method (Q8).
    Method(ApplicationMethod),
    /// A place (Q9).
    Place(PickUpPlace),
}

/// Why the overseas card is not available (END states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEligible {
    /// Non-Japanese nationals are not eligible (Q1).
    ForeignNational,
    /// Never registered as a resident in Japan since 2015-10-05 (Q6).
    NotRegisteredSince2015,
}

/// One line of a personalised checklist (the app maps each to its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChecklistItem {
    // Checklist K (continued use), flows.md §3.2.
    /// The request must be made by this day (the day before departure).
    ContinuedUseDeadline(DeadlineStatus),
    /// Submit the 国外転出届 together with the card at the municipal window and ask for 海外継続利用.
    SubmitDepartureNoticeWithCard,
    /// Bring the card and know the 4-digit PIN.
    BringCardAndKnowPin,
    /// Proxy documents if a proxy goes.
    ProxyDocumentsIfProxy,
    /// Know the 本籍地 municipality name.
    KnowHonsekiMunicipality,
    /// An e-mail address for contact abroad.
    EmailAddress,
    /// Request the overseas signature certificate at the same time (6–16 character password).
    RequestOverseasSignatureCertificate,
    /// Afterwards: file the 在留届 with the embassy.
    FileZairyuTodoke,
    // Checklist N-domestic.
    /// Apply for a card in Japan before leaving …
    ApplyInJapanBeforeLeaving,
    /// … or apply for an overseas card from abroad later.
    OrApplyFromAbroadLater,
    // Checklist M (maintenance abroad), flows.md §3.1 "Changes while abroad".
    /// Name changes go to the 本籍地 municipality (change notice) or an embassy (new card).
    ReportChangesToHonsekiOrEmbassy,
    /// PIN reset at the 本籍地 municipality or an embassy.
    PinResetAtHonsekiOrEmbassy,
    /// Lost card: call the 24-hour number ([`crate::facts::LOST_CARD_FROM_ABROAD_DISPLAY`]).
    LostCardCall,
    // Checklist N-abroad.
    /// Download the two forms ([`FORMS_URL`]); typing them is recommended.
    DownloadForms,
    /// Photo 45 × 35 mm, taken within 6 months, not needed under age 1.
    PhotoSpec,
    /// Hand the forms in at a window (embassy, 本籍地 or temporary-return municipality).
    HandInAtWindow,
    /// Mail the forms (tracked) to the 本籍地 municipality.
    MailToHonseki,
    /// E-certificates requested (or not) on the form.
    CertificatesOnForm(bool),
    /// An e-mail arrives in about 2 months when the card is ready.
    WaitForReadyEmail,
    /// Go in person, with ID, to the chosen place before the stated deadline.
    PickUpInPerson(PickUpPlace),
    // Q11.
    /// On return: 転入届 plus the card's recorded-details change.
    OnReturnMoveInNoticeAndCardUpdate,
}

/// The checklists of flows.md §3.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistKind {
    /// K: continued use of the domestic card.
    ContinuedUse,
    /// N-domestic: no valid card, still in Japan.
    NewCardBeforeLeaving,
    /// M: valid card, already abroad.
    MaintenanceAbroad,
    /// N-abroad: new overseas card applied for from abroad.
    NewCardFromAbroad,
}

/// A wizard screen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Screen {
    /// A question.
    Ask(Question),
    /// END: not eligible.
    NotEligible(NotEligible),
    /// The personalised checklist.
    Checklist {
        /// Which one.
        kind: ChecklistKind,
        /// Its items, in display order.
        items: Vec<ChecklistItem>,
    },
}

/// The answers so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Answers {
    departure: Option<CivilDate>,
    sign_abroad: bool,
    method: Option<ApplicationMethod>,
    place: Option<PickUpPlace>,
    wants_certificates: bool,
    returns: bool,
    branch: Option<ChecklistKind>,
}

/// An action on the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverseasAction {
    /// Answer the question on screen.
    Answer(OverseasAnswer),
    /// Go back one question.
    Back,
    /// Start over.
    Restart,
}

/// The answer does not fit the question on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this answer does not fit the question on screen")]
pub struct AnswerDoesNotFit;

/// The overseas wizard: a DOM-free reducer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverseasWizard {
    screen: Screen,
    answers: Answers,
    history: Vec<(Screen, Answers)>,
}

impl Default for OverseasWizard {
    fn default() -> Self {
        Self {
            screen: Screen::Ask(Question::JapaneseNational),
            answers: Answers::default(),
            history: Vec::new(),
        }
    }
}

impl OverseasWizard {
    /// The screen to show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Applies an action; `today` (JST) is needed for the deadline of Q4.
    pub fn reduce(
        mut self,
        action: OverseasAction,
        today: CivilDate,
    ) -> Result<Self, AnswerDoesNotFit> {
        match action {
            OverseasAction::Restart => Ok(Self::default()),
            OverseasAction::Back => {
                if let Some((screen, answers)) = self.history.pop() {
                    self.screen = screen;
                    self.answers = answers;
                }
                Ok(self)
            }
            OverseasAction::Answer(answer) => {
                let Screen::Ask(question) = self.screen else {
                    return Err(AnswerDoesNotFit);
                };
                let previous = (self.screen.clone(), self.answers);
                let next = self.next(question, answer, today)?;
                self.history.push(previous);
                self.screen = next;
                Ok(self)
            }
        }
    }

    fn next(
        &mut self,
        question: Question,
        answer: OverseasAnswer,
        today: CivilDate,
    ) -> Result<Screen, AnswerDoesNotFit> {
        use OverseasAnswer::{Date, Method, No, Place, Yes};
        use Question as Q;
        let a = &mut self.answers;
        let ask = Screen::Ask;
        Ok(match (question, answer) {
            (Q::JapaneseNational, Yes) => ask(Q::ResidentInJapan),
            (Q::JapaneseNational, No) => Screen::NotEligible(NotEligible::ForeignNational),
            (Q::ResidentInJapan, Yes) => ask(Q::HasValidCardBeforeLeaving),
            (Q::ResidentInJapan, No) => ask(Q::RegisteredSince2015),
            (Q::HasValidCardBeforeLeaving, Yes) => ask(Q::DepartureDate),
            (Q::HasValidCardBeforeLeaving, No) => {
                a.branch = Some(ChecklistKind::NewCardBeforeLeaving);
                ask(Q::PlansToReturn)
            }
            // 0001-01-01 has no day before, so no continued-use deadline: such a date would
            // vanish from the checklist and the draft, so it is refused like a malformed one.
            (Q::DepartureDate, Date(date)) if date.previous_day().is_some() => {
                a.departure = Some(date);
                ask(Q::SignAbroad)
            }
            (Q::SignAbroad, Yes | No) => {
                a.sign_abroad = answer == Yes;
                a.branch = Some(ChecklistKind::ContinuedUse);
                ask(Q::PlansToReturn)
            }
            (Q::RegisteredSince2015, Yes) => ask(Q::HasValidCardAbroad),
            (Q::RegisteredSince2015, No) => {
                Screen::NotEligible(NotEligible::NotRegisteredSince2015)
            }
            (Q::HasValidCardAbroad, Yes) => {
                a.branch = Some(ChecklistKind::MaintenanceAbroad);
                ask(Q::PlansToReturn)
            }
            (Q::HasValidCardAbroad, No) => ask(Q::ApplicationMethod),
            (Q::ApplicationMethod, Method(method)) => {
                a.method = Some(method);
                ask(Q::PickUpPlace)
            }
            (Q::PickUpPlace, Place(place)) => {
                a.place = Some(place);
                ask(Q::WantsCertificates)
            }
            (Q::WantsCertificates, Yes | No) => {
                a.wants_certificates = answer == Yes;
                a.branch = Some(ChecklistKind::NewCardFromAbroad);
                ask(Q::PlansToReturn)
            }
            (Q::PlansToReturn, Yes | No) => {
                a.returns = answer == Yes;
                let kind = a.branch.ok_or(AnswerDoesNotFit)?;
                Screen::Checklist {
                    kind,
                    items: checklist(kind, a, today),
                }
            }
            _ => return Err(AnswerDoesNotFit),
        })
    }

    /// The continued-use deadline warning to show on Q4 as soon as a date is entered, before
    /// moving on (flows.md §3.2 Q4 "if ≤ today → warn").
    pub fn departure_warning(departure: CivilDate, today: CivilDate) -> Option<DeadlineStatus> {
        match continued_use_status(departure, today)? {
            status @ (DeadlineStatus::Passed { .. } | DeadlineStatus::LastDay { .. }) => {
                Some(status)
            }
            DeadlineStatus::Open { .. } => None,
        }
    }
}

fn checklist(kind: ChecklistKind, a: &Answers, today: CivilDate) -> Vec<ChecklistItem> {
    use ChecklistItem as I;
    let mut items = match kind {
        ChecklistKind::ContinuedUse => {
            let mut items = Vec::new();
            if let Some(status) = a.departure.and_then(|d| continued_use_status(d, today)) {
                items.push(I::ContinuedUseDeadline(status));
                if let DeadlineStatus::Passed { .. } = status {
                    // Too late for continued use: the card lapses; apply from abroad instead.
                    items.push(I::OrApplyFromAbroadLater);
                    return finish(items, a);
                }
            }
            items.extend([
                I::SubmitDepartureNoticeWithCard,
                I::BringCardAndKnowPin,
                I::ProxyDocumentsIfProxy,
                I::KnowHonsekiMunicipality,
                I::EmailAddress,
            ]);
            if a.sign_abroad {
                items.push(I::RequestOverseasSignatureCertificate);
            }
            items.push(I::FileZairyuTodoke);
            items
        }
        ChecklistKind::NewCardBeforeLeaving => {
            vec![I::ApplyInJapanBeforeLeaving, I::OrApplyFromAbroadLater]
        }
        ChecklistKind::MaintenanceAbroad => vec![
            I::ReportChangesToHonsekiOrEmbassy,
            I::PinResetAtHonsekiOrEmbassy,
            I::LostCardCall,
            I::FileZairyuTodoke,
        ],
        ChecklistKind::NewCardFromAbroad => {
            let mut items = vec![I::DownloadForms, I::PhotoSpec];
            items.push(match a.method {
                Some(ApplicationMethod::MailToHonseki) => I::MailToHonseki,
                _ => I::HandInAtWindow,
            });
            items.push(I::CertificatesOnForm(a.wants_certificates));
            items.push(I::EmailAddress);
            items.push(I::WaitForReadyEmail);
            items.push(I::PickUpInPerson(a.place.unwrap_or(PickUpPlace::Embassy)));
            items.push(I::FileZairyuTodoke);
            items
        }
    };
    if a.returns {
        items.push(I::OnReturnMoveInNoticeAndCardUpdate);
    }
    items
}

fn finish(mut items: Vec<ChecklistItem>, a: &Answers) -> Vec<ChecklistItem> {
    if a.returns {
        items.push(ChecklistItem::OnReturnMoveInNoticeAndCardUpdate);
    }
    items
}

/// Sex as the card's 4-items file gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// 男.
    Male,
    /// 女.
    Female,
}

/// The data of the 4-items file (flows.md §3.3): what the card can give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FourItems {
    /// Name as registered (kanji).
    pub name: alloc::string::String,
    /// Current Japanese address (overseas cards have none).
    pub address: Option<alloc::string::String>,
    /// Date of birth.
    pub birth: CivilDate,
    /// Sex.
    pub sex: Sex,
}

/// A field of the printable draft the card cannot give (flows.md §3.3 "Not on the card").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MissingField {
    /// 本籍 (family-register municipality).
    Honseki,
    /// E-mail address (receives the ready notice).
    Email,
    /// Pick-up place (new card).
    PickUpPlace,
    /// Whether e-certificates are wanted (new card).
    CertificatesWanted,
    /// Planned departure date (continued use).
    DepartureDate,
    /// Name (no card read).
    Name,
    /// Date of birth (no card read).
    BirthDate,
}

/// The printable draft of flows.md §3.3: pre-filled from the 4-items file where possible. It has
/// no PIN field at all: the PIN form is printed blank and the app never prints or stores PINs.
///
/// **VERIFY (flows.md §3.3, §9.5):** the exact field list of the overseas form PDFs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OverseasDraft {
    /// From the card, when read.
    pub card: Option<FourItems>,
    /// 本籍, typed.
    pub honseki: Option<alloc::string::String>,
    /// E-mail, typed.
    pub email: Option<alloc::string::String>,
    /// Pick-up place (new card only).
    pub pick_up: Option<PickUpPlace>,
    /// E-certificates wanted (new card only).
    pub certificates_wanted: Option<bool>,
    /// Departure date (continued use only).
    pub departure: Option<CivilDate>,
}

impl OverseasDraft {
    /// The fields still to be asked for the given checklist, in form order.
    pub fn missing_fields(&self, kind: ChecklistKind) -> Vec<MissingField> {
        let mut missing = Vec::new();
        if self.card.is_none() {
            missing.extend([MissingField::Name, MissingField::BirthDate]);
        }
        if self.honseki.as_deref().is_none_or(str::is_empty) {
            missing.push(MissingField::Honseki);
        }
        if self.email.as_deref().is_none_or(str::is_empty) {
            missing.push(MissingField::Email);
        }
        match kind {
            ChecklistKind::ContinuedUse if self.departure.is_none() => {
                missing.push(MissingField::DepartureDate)
            }
            ChecklistKind::NewCardFromAbroad | ChecklistKind::NewCardBeforeLeaving => {
                if self.pick_up.is_none() {
                    missing.push(MissingField::PickUpPlace);
                }
                if self.certificates_wanted.is_none() {
                    missing.push(MissingField::CertificatesWanted);
                }
            }
            _ => {}
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use ChecklistItem as I;
    use OverseasAnswer::{Date, Method, No, Place, Yes};

    fn d(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    const TODAY: &str = "2026-12-03";

    fn run(answers: &[OverseasAnswer]) -> OverseasWizard {
        answers.iter().fold(OverseasWizard::default(), |w, a| {
            w.reduce(OverseasAction::Answer(*a), d(TODAY)).unwrap()
        })
    }

    fn checklist_of(w: &OverseasWizard) -> (ChecklistKind, Vec<ChecklistItem>) {
        match w.screen() {
            Screen::Checklist { kind, items } => (*kind, items.clone()),
            other => panic!("expected a checklist, got {other:?}"),
        }
    }

    #[test]
    fn deadline_is_the_day_before_departure() {
        let departure = d("2027-01-10");
        assert_eq!(
            continued_use_status(departure, d("2027-01-07")),
            Some(DeadlineStatus::Open {
                last_day: d("2027-01-09"),
                days_left: 2
            })
        );
        assert_eq!(
            continued_use_status(departure, d("2027-01-08")),
            Some(DeadlineStatus::Open {
                last_day: d("2027-01-09"),
                days_left: 1
            })
        );
        assert_eq!(
            continued_use_status(departure, d("2027-01-09")),
            Some(DeadlineStatus::LastDay {
                last_day: d("2027-01-09")
            })
        );
        assert_eq!(
            continued_use_status(departure, d("2027-01-10")),
            Some(DeadlineStatus::Passed {
                last_day: d("2027-01-09")
            })
        );
        assert_eq!(
            continued_use_status(departure, d("2027-01-11")),
            Some(DeadlineStatus::Passed {
                last_day: d("2027-01-09")
            })
        );
        // Across a month and a leap day.
        assert_eq!(
            continued_use_status(d("2028-03-01"), d("2028-02-28")),
            Some(DeadlineStatus::Open {
                last_day: d("2028-02-29"),
                days_left: 1
            })
        );
        assert_eq!(
            OverseasWizard::departure_warning(departure, d("2027-01-08")),
            None
        );
        assert_eq!(
            OverseasWizard::departure_warning(departure, d("2027-01-10")),
            Some(DeadlineStatus::Passed {
                last_day: d("2027-01-09")
            })
        );
    }

    #[test]
    fn foreign_national_is_not_eligible() {
        assert_eq!(
            run(&[No]).screen(),
            &Screen::NotEligible(NotEligible::ForeignNational)
        );
    }

    #[test]
    fn abroad_without_registration_since_2015_is_not_eligible() {
        assert_eq!(
            run(&[Yes, No, No]).screen(),
            &Screen::NotEligible(NotEligible::NotRegisteredSince2015)
        );
    }

    #[test]
    fn a_departure_date_without_a_day_before_is_refused() {
        let w = run(&[Yes, Yes, Yes]);
        assert_eq!(
            w.clone()
                .reduce(OverseasAction::Answer(Date(d("0001-01-01"))), d(TODAY)),
            Err(AnswerDoesNotFit)
        );
        let w = w
            .reduce(OverseasAction::Answer(Date(d("0001-01-02"))), d(TODAY))
            .unwrap();
        assert_eq!(w.screen(), &Screen::Ask(Question::SignAbroad));
    }

    #[test]
    fn continued_use_path_with_signature_and_return() {
        let w = run(&[Yes, Yes, Yes]);
        assert_eq!(w.screen(), &Screen::Ask(Question::DepartureDate));
        let w = run(&[Yes, Yes, Yes, Date(d("2027-01-10")), Yes, Yes]);
        assert_eq!(
            checklist_of(&w),
            (
                ChecklistKind::ContinuedUse,
                vec![
                    I::ContinuedUseDeadline(DeadlineStatus::Open {
                        last_day: d("2027-01-09"),
                        days_left: 37
                    }),
                    I::SubmitDepartureNoticeWithCard,
                    I::BringCardAndKnowPin,
                    I::ProxyDocumentsIfProxy,
                    I::KnowHonsekiMunicipality,
                    I::EmailAddress,
                    I::RequestOverseasSignatureCertificate,
                    I::FileZairyuTodoke,
                    I::OnReturnMoveInNoticeAndCardUpdate,
                ]
            )
        );
    }

    #[test]
    fn continued_use_path_without_signature_or_return() {
        let w = run(&[Yes, Yes, Yes, Date(d("2027-01-10")), No, No]);
        let (_, items) = checklist_of(&w);
        assert!(!items.contains(&I::RequestOverseasSignatureCertificate));
        assert!(!items.contains(&I::OnReturnMoveInNoticeAndCardUpdate));
        assert_eq!(items.len(), 7);
    }

    #[test]
    fn continued_use_too_late_points_to_applying_from_abroad() {
        let w = run(&[Yes, Yes, Yes, Date(d(TODAY)), Yes, No]);
        assert_eq!(
            checklist_of(&w),
            (
                ChecklistKind::ContinuedUse,
                vec![
                    I::ContinuedUseDeadline(DeadlineStatus::Passed {
                        last_day: d("2026-12-02")
                    }),
                    I::OrApplyFromAbroadLater,
                ]
            )
        );
    }

    #[test]
    fn no_card_before_leaving() {
        let w = run(&[Yes, Yes, No, Yes]);
        assert_eq!(
            checklist_of(&w),
            (
                ChecklistKind::NewCardBeforeLeaving,
                vec![
                    I::ApplyInJapanBeforeLeaving,
                    I::OrApplyFromAbroadLater,
                    I::OnReturnMoveInNoticeAndCardUpdate
                ]
            )
        );
    }

    #[test]
    fn maintenance_abroad() {
        let w = run(&[Yes, No, Yes, Yes, No]);
        assert_eq!(
            checklist_of(&w),
            (
                ChecklistKind::MaintenanceAbroad,
                vec![
                    I::ReportChangesToHonsekiOrEmbassy,
                    I::PinResetAtHonsekiOrEmbassy,
                    I::LostCardCall,
                    I::FileZairyuTodoke
                ]
            )
        );
    }

    #[test]
    fn new_card_from_abroad_by_mail() {
        let w = run(&[
            Yes,
            No,
            Yes,
            No,
            Method(ApplicationMethod::MailToHonseki),
            Place(PickUpPlace::HonsekiMunicipality),
            Yes,
            No,
        ]);
        assert_eq!(
            checklist_of(&w),
            (
                ChecklistKind::NewCardFromAbroad,
                vec![
                    I::DownloadForms,
                    I::PhotoSpec,
                    I::MailToHonseki,
                    I::CertificatesOnForm(true),
                    I::EmailAddress,
                    I::WaitForReadyEmail,
                    I::PickUpInPerson(PickUpPlace::HonsekiMunicipality),
                    I::FileZairyuTodoke,
                ]
            )
        );
    }

    #[test]
    fn new_card_from_abroad_at_window() {
        let w = run(&[
            Yes,
            No,
            Yes,
            No,
            Method(ApplicationMethod::Window),
            Place(PickUpPlace::Embassy),
            No,
            Yes,
        ]);
        let (_, items) = checklist_of(&w);
        assert_eq!(items[2], I::HandInAtWindow);
        assert_eq!(items[3], I::CertificatesOnForm(false));
        assert_eq!(items[6], I::PickUpInPerson(PickUpPlace::Embassy));
        assert_eq!(items.last(), Some(&I::OnReturnMoveInNoticeAndCardUpdate));
    }

    #[test]
    fn answers_that_do_not_fit_are_refused() {
        let w = OverseasWizard::default();
        assert_eq!(
            w.clone()
                .reduce(OverseasAction::Answer(Date(d(TODAY))), d(TODAY)),
            Err(AnswerDoesNotFit)
        );
        let w = run(&[Yes, Yes, Yes]);
        assert_eq!(
            w.reduce(OverseasAction::Answer(Yes), d(TODAY)),
            Err(AnswerDoesNotFit)
        );
        let end = run(&[No]);
        assert_eq!(
            end.reduce(OverseasAction::Answer(Yes), d(TODAY)),
            Err(AnswerDoesNotFit)
        );
    }

    #[test]
    fn back_and_restart() {
        let w = run(&[Yes, No]);
        assert_eq!(w.screen(), &Screen::Ask(Question::RegisteredSince2015));
        let w = w.reduce(OverseasAction::Back, d(TODAY)).unwrap();
        assert_eq!(w.screen(), &Screen::Ask(Question::ResidentInJapan));
        let w = w.reduce(OverseasAction::Answer(Yes), d(TODAY)).unwrap();
        assert_eq!(
            w.screen(),
            &Screen::Ask(Question::HasValidCardBeforeLeaving)
        );
        let w = w.reduce(OverseasAction::Restart, d(TODAY)).unwrap();
        assert_eq!(w, OverseasWizard::default());
        // Back at the first question stays there.
        let w = OverseasWizard::default()
            .reduce(OverseasAction::Back, d(TODAY))
            .unwrap();
        assert_eq!(w.screen(), &Screen::Ask(Question::JapaneseNational));
    }

    #[test]
    fn back_from_checklist_forgets_the_branch_answer() {
        let w = run(&[Yes, Yes, Yes, Date(d("2027-01-10")), Yes, Yes]);
        let w = w.reduce(OverseasAction::Back, d(TODAY)).unwrap();
        let w = w.reduce(OverseasAction::Back, d(TODAY)).unwrap();
        let w = w.reduce(OverseasAction::Answer(No), d(TODAY)).unwrap();
        let w = w.reduce(OverseasAction::Answer(No), d(TODAY)).unwrap();
        let (_, items) = checklist_of(&w);
        assert!(!items.contains(&I::RequestOverseasSignatureCertificate));
    }

    #[test]
    fn draft_lists_what_the_card_cannot_give() {
        let mut draft = OverseasDraft::default();
        assert_eq!(
            draft.missing_fields(ChecklistKind::ContinuedUse),
            vec![
                MissingField::Name,
                MissingField::BirthDate,
                MissingField::Honseki,
                MissingField::Email,
                MissingField::DepartureDate
            ]
        );
        draft.card = Some(FourItems {
            name: "山田 太郎".into(),
            address: Some("東京都千代田区".into()),
            birth: d("1986-12-03"),
            sex: Sex::Male,
        });
        draft.honseki = Some("東京都千代田区".into());
        draft.email = Some(String::new());
        assert_eq!(
            draft.missing_fields(ChecklistKind::NewCardFromAbroad),
            vec![
                MissingField::Email,
                MissingField::PickUpPlace,
                MissingField::CertificatesWanted
            ]
        );
        draft.email = Some("taro@example.invalid".into());
        draft.departure = Some(d("2027-01-10"));
        assert_eq!(
            draft.missing_fields(ChecklistKind::ContinuedUse),
            Vec::new()
        );
    }
}
