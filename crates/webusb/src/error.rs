//! Every WebUSB failure as a typed [`UsbError`].
//!
//! WebUSB rejects its promises with a `DOMException`; its `name` says the kind and its `message`
//! the detail. The cases a person meets (readers.md §1.2, §6):
//!
//! | name | message (Chrome) | meaning | [`UsbError`] |
//! |---|---|---|---|
//! | `SecurityError` | "…implements a protected class." | class 0x0B, refused to pages | `ProtectedClass` |
//! | `SecurityError` | "…disallowed by permissions policy" | iframe without `allow="usb"` | `PermissionsPolicy` |
//! | `SecurityError` | "Must be handling a user gesture…" | `requestDevice` outside a click | `Other` (text kept) |
//! | `NetworkError` | "Unable to claim interface." | pcscd, a vendor driver or another tab holds it | `ClaimFailed` |
//! | `NetworkError` / `NotFoundError` | "The device was disconnected." | unplugged | `Disconnected` |
//! | `NetworkError` | "A transfer error has occurred." | unplugged mid-transfer | `Disconnected` |
//! | `NotFoundError` | "No device selected." | the person closed the chooser | `NotFound` |
//! | `AbortError` | "The transfer was cancelled." | device closed during a transfer | `Disconnected` |
//!
//! Anything else keeps its name and message in [`UsbError::Other`].

use reader::usb::UsbError;
use wasm_bindgen::JsValue;

/// Classifies a WebUSB failure by the exception's `name` and `message`.
pub fn classify(name: &str, message: &str) -> UsbError {
    let lower = message.to_ascii_lowercase();
    match name {
        "SecurityError" if lower.contains("protected class") => UsbError::ProtectedClass,
        "SecurityError" if lower.contains("permissions policy") || lower.contains("permission policy") => {
            UsbError::PermissionsPolicy
        }
        "NetworkError" if lower.contains("unable to claim interface") => UsbError::ClaimFailed,
        "NetworkError" | "NotFoundError" if lower.contains("disconnected") => UsbError::Disconnected,
        "NetworkError" if lower.contains("transfer error") => UsbError::Disconnected,
        "NotFoundError" => UsbError::NotFound,
        "AbortError" => UsbError::Disconnected,
        _ => UsbError::Other(format!("{name}: {message}")),
    }
}

/// Classifies whatever a WebUSB promise rejected with (a `DOMException`, an `Error`, or any
/// value), reading `name` and `message` structurally.
pub fn from_js(value: &JsValue) -> UsbError {
    let field = |key: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).unwrap_or_default()
    };
    let name = field("name");
    let message = field("message");
    if name.is_empty() && message.is_empty() {
        return UsbError::Other(value.as_string().unwrap_or_else(|| "unknown WebUSB failure".into()));
    }
    classify(&name, &message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_class_is_recognised() {
        assert_eq!(
            classify(
                "SecurityError",
                "Failed to execute 'claimInterface' on 'USBDevice': The requested interface implements a protected class."
            ),
            UsbError::ProtectedClass
        );
    }

    #[test]
    fn permissions_policy_is_recognised() {
        assert_eq!(
            classify("SecurityError", "Access to the feature \"usb\" is disallowed by permissions policy."),
            UsbError::PermissionsPolicy
        );
    }

    #[test]
    fn claim_failure_means_another_program_holds_the_reader() {
        assert_eq!(
            classify("NetworkError", "Failed to execute 'claimInterface' on 'USBDevice': Unable to claim interface."),
            UsbError::ClaimFailed
        );
    }

    #[test]
    fn unplugging_is_disconnected_whatever_the_wording() {
        assert_eq!(classify("NotFoundError", "The device was disconnected."), UsbError::Disconnected);
        assert_eq!(classify("NetworkError", "The device was disconnected."), UsbError::Disconnected);
        assert_eq!(classify("NetworkError", "A transfer error has occurred."), UsbError::Disconnected);
        assert_eq!(classify("AbortError", "The transfer was cancelled."), UsbError::Disconnected);
    }

    #[test]
    fn closing_the_chooser_is_not_found() {
        assert_eq!(
            classify("NotFoundError", "Failed to execute 'requestDevice' on 'USB': No device selected."),
            UsbError::NotFound
        );
    }

    #[test]
    fn anything_else_keeps_its_text() {
        assert_eq!(
            classify("SecurityError", "Must be handling a user gesture to show a permission request."),
            UsbError::Other("SecurityError: Must be handling a user gesture to show a permission request.".into())
        );
        assert_eq!(
            classify("InvalidStateError", "The device must be opened first."),
            UsbError::Other("InvalidStateError: The device must be opened first.".into())
        );
    }
}
