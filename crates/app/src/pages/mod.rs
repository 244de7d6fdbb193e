//! The app's pages and the one route enum that chooses between them.
//!
//! | Page            | What it shows                                                     | Logic from            |
//! |-----------------|-------------------------------------------------------------------|-----------------------|
//! | Home            | the list of procedures (and the card panel, as before)             | —                     |
//! | CardStatus      | the card panel: token, PIN tries, auth certificate                 | `session`             |
//! | Insurance       | insurance-use registration pre-check and hand-off (flows.md §1A)  | `flows::insurance`    |
//! | Rehearsal       | clinic-reception consent rehearsal (flows.md §1B)                  | `flows::rehearsal`    |
//! | Document        | "which document do I show?" (flows.md §1C)                         | `flows::document`     |
//! | Account         | 公金受取口座: register, confirm, change; copy sheet (flows.md §2)  | `flows::account`      |
//! | Overseas        | overseas-card wizard, checklists, pre-filled draft (flows.md §3)   | `flows::overseas`     |
//! | Phone           | smartphone-certificate revoke/suspend helper (flows.md §4.2)       | `flows::smartphone`   |
//!
//! Pages decide nothing themselves: every decision is a `flows` reducer or function; pages turn
//! its states into catalogue texts and carry out the card operations it asks for. "Today" is
//! read here, from the browser clock, and only here ([`today`]).

pub mod account;
pub mod card_access;
pub mod card_login;
pub mod document;
pub mod home;
pub mod insurance;
pub mod overseas;
pub mod phone;
pub mod rehearsal;
pub mod signed_submission;

use flows::date::CivilDate;

use crate::i18n::Text;

/// Where the person is. Held in the app's state; no URL routing (nothing about the person ever
/// reaches the URL).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Page {
    /// The list of procedures.
    #[default]
    Home,
    /// Card and PIN status (the card panel).
    CardStatus,
    /// Insurance-use registration pre-check (flows.md §1A).
    Insurance,
    /// Clinic-reception consent rehearsal (flows.md §1B).
    Rehearsal,
    /// "Which document do I show?" (flows.md §1C).
    Document,
    /// 公金受取口座: register, confirm or change the public-funds account (flows.md §2).
    Account,
    /// Overseas-card guidance (flows.md §3).
    Overseas,
    /// Smartphone-certificate helper (flows.md §4.2).
    Phone,
}

impl Page {
    /// Every page, in navigation order.
    pub const ALL: [Page; 8] =
        [Page::Home, Page::CardStatus, Page::Insurance, Page::Rehearsal, Page::Document, Page::Account, Page::Overseas, Page::Phone];

    /// The page's name in the navigation.
    pub fn nav_text(self) -> Text {
        match self {
            Page::Home => Text::NavHome,
            Page::CardStatus => Text::NavCardStatus,
            Page::Insurance => Text::NavInsurance,
            Page::Rehearsal => Text::NavRehearsal,
            Page::Document => Text::NavDocument,
            Page::Account => Text::NavAccount,
            Page::Overseas => Text::NavOverseas,
            Page::Phone => Text::NavPhone,
        }
    }

    /// A stable id for tests and styling (`data-page`).
    pub fn id(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::CardStatus => "card-status",
            Page::Insurance => "insurance",
            Page::Rehearsal => "rehearsal",
            Page::Document => "document",
            Page::Account => "account",
            Page::Overseas => "overseas",
            Page::Phone => "phone",
        }
    }

    /// Whether the card panel is visible on this page. It stays mounted on every page so the
    /// card session it holds survives navigation.
    pub fn shows_card_panel(self) -> bool {
        matches!(self, Page::Home | Page::CardStatus)
    }
}

/// Moves focus to `target` whenever `screen` changes (not on the first render), so that after
/// a step the keyboard continues at the new content and screen readers read it.
#[yew::hook]
pub fn use_focus_on_change(screen: &'static str, target: yew::NodeRef) {
    let first = yew::use_mut_ref(|| true);
    yew::use_effect_with(screen, move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        if let Some(element) = target.cast::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}

/// Today's date in Japan (JST), from the browser clock (flows.md §0.3: the reference date is the
/// visit date in JST). `None` only for a clock outside years 1–9999. Outside a browser (native
/// tests) the Unix epoch stands in for the clock.
pub fn today() -> Option<CivilDate> {
    #[cfg(target_arch = "wasm32")]
    let seconds = (js_sys::Date::now() / 1000.0).floor() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    let seconds = 0;
    CivilDate::from_unix_seconds_jst(seconds).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_own_name_and_id() {
        let ids: std::collections::HashSet<_> = Page::ALL.iter().map(|p| p.id()).collect();
        assert_eq!(ids.len(), Page::ALL.len());
        let names: std::collections::HashSet<_> = Page::ALL.iter().map(|p| p.nav_text()).collect();
        assert_eq!(names.len(), Page::ALL.len());
        assert_eq!(Page::default(), Page::Home);
        assert_eq!(Page::ALL.iter().filter(|p| p.shows_card_panel()).count(), 2);
    }
}
