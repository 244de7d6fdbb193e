//! What the flow pages need from the card: opening it the way the card panel does, the
//! props every card-using page takes, and the translation of the card crate's PIN statuses and
//! certificate dates into the `flows` crate's inputs.

use card::{PinRef, TokenKind};
use flows::date::CivilDate;
use flows::insurance::{CardCheckReport, PinRole};
use flows::session::PinStatus as FlowPinStatus;
use yew::prelude::*;

use super::Page;
use crate::session::{AppChannel, CardOverview, Session, SessionError};

/// Props of a page that reads the card.
#[derive(Properties, PartialEq)]
pub struct CardPageProps {
    /// The app's card session (shared with the card panel).
    pub session: Session,
    /// Makes the channel of a new source (demo persona or reader); `None` when the current one
    /// is already held by the session.
    pub connect: Callback<(), Option<AppChannel>>,
    /// Goes to another page.
    pub on_navigate: Callback<Page>,
}

/// Opens the card: a new source's channel, or the card on the reader already held (its PIN
/// counters are the card's own and carry over).
pub async fn open_card(session: &Session, fresh: Option<AppChannel>) -> Result<TokenKind, SessionError> {
    match fresh {
        Some(channel) => session.open(channel).await,
        None => session.reconnect().await,
    }
}

/// The flows crate's view of a PIN status read without using a try.
///
/// `63 00` ("no retry counter") is taken as "no PIN set", the face-recognition-only card of
/// flows.md §0.1 (E10). **VERIFY (flows.md §0.1, §9):** the exact answer of a face-only card; this
/// mapping is the safe reading, as it stops any VERIFY and routes to the clinic's face reader.
pub fn flow_status(status: card::PinStatus, role: PinRole) -> FlowPinStatus {
    match status {
        card::PinStatus::TriesLeft(n) => FlowPinStatus::Remaining(n),
        card::PinStatus::Blocked => FlowPinStatus::Remaining(0),
        // Verified in this session: the counter is back to full (flows.md §0.1).
        card::PinStatus::Verified => FlowPinStatus::Remaining(role.tries()),
        card::PinStatus::NoRetryCounter => FlowPinStatus::NotSet,
    }
}

/// The PIN role of a card PIN reference (None for PINs the flows do not ask for).
pub fn pin_role(pin: PinRef) -> Option<PinRole> {
    match pin {
        PinRef::JpkiAuth => Some(PinRole::UserAuthentication),
        PinRef::JpkiSign => Some(PinRole::Signature),
        PinRef::TextPin => Some(PinRole::CardInfo),
        _ => None,
    }
}

/// Why a card read cannot feed the §1A check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportGap {
    /// A smartphone token shows its certificate only after the PIN.
    CertificateNeedsPin,
    /// The certificate's date could not be read as a date.
    UnreadableDate,
}

/// The R1 report of flows.md §1A from the card overview: the auth certificate's last valid day
/// and every PIN status the card reported.
pub fn check_report(overview: &CardOverview) -> Result<CardCheckReport, ReportGap> {
    let certificate = overview.certificate.as_ref().ok_or(ReportGap::CertificateNeedsPin)?;
    let certificate_valid_until =
        CivilDate::parse_iso(&certificate.valid_until).map_err(|_| ReportGap::UnreadableDate)?;
    let pins = overview
        .pins
        .iter()
        .filter_map(|line| {
            let role = pin_role(line.pin)?;
            Some((role, flow_status(line.status?, role)))
        })
        .collect();
    Ok(CardCheckReport { certificate_valid_until, pins })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn overview(persona: &str) -> CardOverview {
        let session = Session::default();
        let card = sim::VirtualCard::new(sim::persona(persona).unwrap()).unwrap();
        pollster::block_on(open_card(&session, Some(AppChannel::Demo(sim::SimChannel::new(card))))).unwrap();
        pollster::block_on(session.overview()).unwrap()
    }

    #[test]
    fn the_standard_card_reports_its_expiry_and_every_pin() {
        let report = check_report(&overview("standard")).unwrap();
        assert_eq!(report.certificate_valid_until, CivilDate::parse_iso("2029-06-15").unwrap());
        assert_eq!(
            report.pins,
            vec![
                (PinRole::UserAuthentication, FlowPinStatus::Remaining(3)),
                (PinRole::Signature, FlowPinStatus::Remaining(5)),
                (PinRole::CardInfo, FlowPinStatus::Remaining(3)),
            ]
        );
    }

    #[test]
    fn a_blocked_pin_is_zero_tries_and_an_expired_certificate_keeps_its_date() {
        let blocked = check_report(&overview("auth-blocked")).unwrap();
        assert_eq!(blocked.pins[0], (PinRole::UserAuthentication, FlowPinStatus::Remaining(0)));
        let expired = check_report(&overview("expired-auth")).unwrap();
        assert_eq!(expired.certificate_valid_until, CivilDate::parse_iso("2024-09-09").unwrap());
    }

    #[test]
    fn a_phone_token_cannot_be_checked_without_its_pin() {
        assert_eq!(check_report(&overview("phone-token")), Err(ReportGap::CertificateNeedsPin));
    }

    #[test]
    fn pin_statuses_map_to_the_flow_statuses() {
        let auth = PinRole::UserAuthentication;
        assert_eq!(flow_status(card::PinStatus::TriesLeft(2), auth), FlowPinStatus::Remaining(2));
        assert_eq!(flow_status(card::PinStatus::Blocked, auth), FlowPinStatus::Remaining(0));
        assert_eq!(flow_status(card::PinStatus::Verified, PinRole::Signature), FlowPinStatus::Remaining(5));
        assert_eq!(flow_status(card::PinStatus::NoRetryCounter, auth), FlowPinStatus::NotSet);
    }
}
