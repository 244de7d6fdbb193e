//! "Which document do I show?" — the decision helper of flows.md §1C.
//!
//! A pure function of the answers and today's date. Rules, first match wins (flows.md §1C):
//!
//! | # | Condition                                                     | Advice                                      |
//! |---|---------------------------------------------------------------|---------------------------------------------|
//! | 1 | has card ∧ registered ∧ certificate valid                     | show the マイナ保険証; keep 資格情報のお知らせ |
//! | 2 | card lost or being renewed                                    | apply to the insurer for a 資格確認書         |
//! | 3 | no card ∨ not registered ∨ certificate expired                | 資格確認書 arrives without application        |
//! | 4 | late-elderly member ∧ today ≤ 2026-07-31                      | 資格確認書 arrives (late-elderly scheme)      |
//! | 5 | today ≤ 2025-12-01 ∧ holds an old insurance card              | old card usable until its expiry (historic)  |
//! | – | none of the above (registration or certificate not known)     | find out first (link to §1A's card check)    |
//!
//! The last row is this crate's addition: flows.md lists no fallback, and "don't know" answers
//! must lead somewhere. The free dial for "the card didn't work at the clinic" is
//! [`crate::facts::MYNUMBER_FREE_DIAL`] (seed).

use crate::date::{fact_date, CivilDate};

/// Last day a late-elderly scheme member receives a 資格確認書 without applying (flows.md §1C,
/// "until end of July 2026").
pub const LATE_ELDERLY_UNTIL: CivilDate = fact_date(2026, 7, 31);

/// Last day an old health-insurance card could still be valid (flows.md §1C, 1 Dec 2025).
/// The press-reported allowance until end of March 2026 is **VERIFY** (flows.md §1C, §9.10) and
/// is deliberately not used.
pub const OLD_CARD_LAST_DAY: CivilDate = fact_date(2025, 12, 1);

/// A yes / no / don't-know answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Don't know.
    DontKnow,
}

/// The inputs of flows.md §1C.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentQuestions {
    /// Has a My Number Card?
    pub has_card: bool,
    /// Registered for insurance use? (don't know → link to §1A)
    pub registered: Answer,
    /// User-auth certificate still valid? (from the card read, or asked)
    pub certificate_valid: Answer,
    /// Card lost or being renewed?
    pub card_lost_or_renewing: bool,
    /// Member of the late-elderly (後期高齢者) scheme?
    pub late_elderly: bool,
    /// Still holds an old health-insurance card?
    pub holds_old_insurance_card: bool,
}

/// The one-screen answer (the app maps each to its message key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentAdvice {
    /// Rule 1: show the マイナ保険証; also keep the 資格情報のお知らせ.
    ShowMynaInsuranceCard,
    /// Rule 2: apply to the insurer for a 資格確認書 (application needed).
    ApplyForEligibilityCertificate,
    /// Rule 3: a 資格確認書 arrives from the insurer without application; if none arrived,
    /// contact the insurer.
    EligibilityCertificateArrives {
        /// Which condition of rule 3 applied.
        because: WhyCertificateArrives,
    },
    /// Rule 4: late-elderly scheme members receive a 資格確認書 (until 2026-07-31).
    LateElderlyCertificateArrives,
    /// Rule 5: the old insurance card stays usable until its own expiry (until 2025-12-01).
    OldCardUsableUntilExpiry,
    /// No rule matched because registration or certificate validity is unknown: check them
    /// first (the app links to the §1A card check, which reads both without a PIN).
    FindOutFirst {
        /// Registration status is unknown.
        registration_unknown: bool,
        /// Certificate validity is unknown.
        certificate_unknown: bool,
    },
}

/// The condition of rule 3 that applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhyCertificateArrives {
    /// No My Number Card.
    NoCard,
    /// Card not registered for insurance use.
    NotRegistered,
    /// User-auth certificate expired.
    CertificateExpired,
}

/// Applies the rules of flows.md §1C to the answers and `today` (JST).
pub fn which_document(q: &DocumentQuestions, today: CivilDate) -> DocumentAdvice {
    if q.has_card && q.registered == Answer::Yes && q.certificate_valid == Answer::Yes {
        return DocumentAdvice::ShowMynaInsuranceCard;
    }
    if q.card_lost_or_renewing {
        return DocumentAdvice::ApplyForEligibilityCertificate;
    }
    let rule3 = if !q.has_card {
        Some(WhyCertificateArrives::NoCard)
    } else if q.registered == Answer::No {
        Some(WhyCertificateArrives::NotRegistered)
    } else if q.certificate_valid == Answer::No {
        Some(WhyCertificateArrives::CertificateExpired)
    } else {
        None
    };
    if let Some(because) = rule3 {
        return DocumentAdvice::EligibilityCertificateArrives { because };
    }
    if q.late_elderly && today <= LATE_ELDERLY_UNTIL {
        return DocumentAdvice::LateElderlyCertificateArrives;
    }
    if today <= OLD_CARD_LAST_DAY && q.holds_old_insurance_card {
        return DocumentAdvice::OldCardUsableUntilExpiry;
    }
    DocumentAdvice::FindOutFirst {
        registration_unknown: q.registered == Answer::DontKnow,
        certificate_unknown: q.certificate_valid == Answer::DontKnow,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    const ALL_GOOD: DocumentQuestions = DocumentQuestions {
        has_card: true,
        registered: Answer::Yes,
        certificate_valid: Answer::Yes,
        card_lost_or_renewing: false,
        late_elderly: false,
        holds_old_insurance_card: false,
    };

    #[test]
    fn rule_1_registered_card_with_valid_certificate() {
        assert_eq!(
            which_document(&ALL_GOOD, d("2026-12-03")),
            DocumentAdvice::ShowMynaInsuranceCard
        );
        // Rule 1 wins over rule 4 and 5 too.
        let q = DocumentQuestions {
            late_elderly: true,
            holds_old_insurance_card: true,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&q, d("2025-01-01")),
            DocumentAdvice::ShowMynaInsuranceCard
        );
    }

    #[test]
    fn rule_2_lost_or_renewing_card_needs_application() {
        let q = DocumentQuestions {
            registered: Answer::No,
            card_lost_or_renewing: true,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&q, d("2026-12-03")),
            DocumentAdvice::ApplyForEligibilityCertificate
        );
        // First match wins: a card in hand that works (rule 1) beats "being renewed".
        let q = DocumentQuestions {
            card_lost_or_renewing: true,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&q, d("2026-12-03")),
            DocumentAdvice::ShowMynaInsuranceCard
        );
        let q = DocumentQuestions {
            has_card: false,
            card_lost_or_renewing: true,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&q, d("2026-12-03")),
            DocumentAdvice::ApplyForEligibilityCertificate
        );
    }

    #[test]
    fn rule_3_each_condition() {
        let today = d("2026-12-03");
        let no_card = DocumentQuestions {
            has_card: false,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&no_card, today),
            DocumentAdvice::EligibilityCertificateArrives {
                because: WhyCertificateArrives::NoCard
            }
        );
        let unregistered = DocumentQuestions {
            registered: Answer::No,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&unregistered, today),
            DocumentAdvice::EligibilityCertificateArrives {
                because: WhyCertificateArrives::NotRegistered
            }
        );
        let expired = DocumentQuestions {
            certificate_valid: Answer::No,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&expired, today),
            DocumentAdvice::EligibilityCertificateArrives {
                because: WhyCertificateArrives::CertificateExpired
            }
        );
    }

    #[test]
    fn rule_4_late_elderly_until_end_of_july_2026() {
        let q = DocumentQuestions {
            registered: Answer::DontKnow,
            late_elderly: true,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&q, d("2026-07-31")),
            DocumentAdvice::LateElderlyCertificateArrives
        );
        assert_eq!(
            which_document(&q, d("2026-08-01")),
            DocumentAdvice::FindOutFirst {
                registration_unknown: true,
                certificate_unknown: false
            }
        );
    }

    #[test]
    fn rule_5_old_card_until_1_december_2025() {
        let q = DocumentQuestions {
            certificate_valid: Answer::DontKnow,
            holds_old_insurance_card: true,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&q, d("2025-12-01")),
            DocumentAdvice::OldCardUsableUntilExpiry
        );
        assert_eq!(
            which_document(&q, d("2025-12-02")),
            DocumentAdvice::FindOutFirst {
                registration_unknown: false,
                certificate_unknown: true
            }
        );
        let without_card = DocumentQuestions {
            holds_old_insurance_card: false,
            ..q
        };
        assert_eq!(
            which_document(&without_card, d("2025-11-01")),
            DocumentAdvice::FindOutFirst {
                registration_unknown: false,
                certificate_unknown: true
            }
        );
    }

    #[test]
    fn unknown_answers_lead_to_finding_out() {
        let q = DocumentQuestions {
            registered: Answer::DontKnow,
            certificate_valid: Answer::DontKnow,
            ..ALL_GOOD
        };
        assert_eq!(
            which_document(&q, d("2026-12-03")),
            DocumentAdvice::FindOutFirst {
                registration_unknown: true,
                certificate_unknown: true
            }
        );
    }
}
