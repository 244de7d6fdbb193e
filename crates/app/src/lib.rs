//! The mynaweb single-page app: Yew components for the citizen procedures, the reader panel and
//! the language switch.
//!
//! Layout follows the Yew examples: pure state in [`i18n`] (and, later, one reducer per flow in the
//! `flows` crate), one component per file under [`components`], and [`mount`] as the only entry the
//! binary calls. Components never build APDUs: card work goes through the `card` crate.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod bank_data;
pub mod browser;
pub mod components;
pub mod embed;
pub mod i18n;
pub mod messages;
pub mod pages;
pub mod reader_notice;
pub mod session;
pub mod situations;
pub mod usb_reader;

/// Renders the app into the document body.
pub fn mount() {
    if components::widget_app::mount_if_embedded() {
        return;
    }
    yew::Renderer::<components::app::App>::new().render();
}

/// Renders the app into `root` (for tests and for hosts that give the app one element).
pub fn mount_to(root: web_sys::Element) {
    yew::Renderer::<components::app::App>::with_root(root).render();
}
