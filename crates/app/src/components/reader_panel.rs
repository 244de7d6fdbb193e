//! The reader panel: which reader is connected and what it can do.

use yew::prelude::*;

use crate::i18n::{Lang, Text};

/// Props of [`ReaderPanel`].
#[derive(Properties, PartialEq)]
pub struct ReaderPanelProps {
    /// Whether this browser offers WebUSB at all.
    pub webusb: bool,
}

/// Shows the reader state. Until a reader is chosen it says so, tells whether this browser can
/// use USB readers, and names the readers a web page can use.
#[function_component(ReaderPanel)]
pub fn reader_panel(props: &ReaderPanelProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let support = if props.webusb { Text::ReaderWebUsbAvailable } else { Text::ReaderWebUsbMissing };
    html! {
        <section class="panel reader-panel" aria-labelledby="reader-panel-title">
            <h2 id="reader-panel-title">{ Text::ReaderPanelTitle.get(lang) }</h2>
            <p class="reader-status" role="status">{ Text::ReaderNoneConnected.get(lang) }</p>
            <p class="reader-support">{ support.get(lang) }</p>
            <p class="reader-which">{ Text::ReaderWhichWork.get(lang) }</p>
        </section>
    }
}
