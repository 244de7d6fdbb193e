//! Which message a reader problem gets (the catalogue's verdicts and WebUSB's failures, in words
//! a person can act on).

use reader::catalog::Browser;
use reader::usb::UsbError;

use crate::components::reader_panel::ReaderNotice;
use crate::i18n::Text;
use crate::usb_reader::ReaderProblem;

/// The notice for a reader that could not be used.
pub fn for_problem(problem: &ReaderProblem) -> ReaderNotice {
    match problem {
        ReaderProblem::NotForPages { name, browser, advice } => ReaderNotice {
            text: match browser {
                Browser::AppOnly => Text::AdviceAppOnly,
                _ => Text::AdviceUnsupported,
            },
            technical: match name {
                Some(name) => format!("{name}: {advice}"),
                None => advice.clone(),
            },
        },
        ReaderProblem::Usb(error) => ReaderNotice { text: for_usb_error(error), technical: error.to_string() },
        ReaderProblem::Driver(detail) => ReaderNotice { text: Text::AdviceReaderFailed, technical: detail.clone() },
    }
}

/// The text for a WebUSB failure.
pub fn for_usb_error(error: &UsbError) -> Text {
    match error {
        UsbError::ProtectedClass => Text::AdviceProtectedClass,
        UsbError::ClaimFailed => Text::AdviceClaimFailed,
        UsbError::PermissionsPolicy => Text::AdvicePermissionsPolicy,
        UsbError::NotFound => Text::AdviceNotChosen,
        UsbError::Disconnected => Text::AdviceDisconnected,
        _ => Text::AdviceReaderFailed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standard_reader_is_explained_as_app_only() {
        let notice = for_problem(&ReaderProblem::NotForPages {
            name: Some("ACS ACR39U".into()),
            browser: Browser::AppOnly,
            advice: "use the app".into(),
        });
        assert_eq!(notice.text, Text::AdviceAppOnly);
        assert_eq!(notice.technical, "ACS ACR39U: use the app");
    }

    #[test]
    fn a_held_reader_says_another_program_has_it() {
        assert_eq!(for_usb_error(&UsbError::ClaimFailed), Text::AdviceClaimFailed);
        assert_eq!(for_usb_error(&UsbError::PermissionsPolicy), Text::AdvicePermissionsPolicy);
    }
}
