//! The few facts the app asks of the browser itself. Nothing here touches a card.

use wasm_bindgen::JsValue;

/// Whether `navigator.usb` exists (Chrome and Edge on desktop; not Firefox or Safari).
pub fn has_webusb() -> bool {
    web_sys::window()
        .map(|window| js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("usb")).unwrap_or(false))
        .unwrap_or(false)
}

/// Sets `<html lang>` so screen readers pronounce the page in the chosen language.
pub fn set_document_language(tag: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        // Failing to set an attribute on <html> leaves the previous value; nothing else to do.
        let _ = root.set_attribute("lang", tag);
    }
}
