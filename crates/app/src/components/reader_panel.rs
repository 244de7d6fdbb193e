//! The reader panel: where the card comes from. Demo mode (the virtual card, with a persona
//! picker) is the default while no reader is connected; "connect a card reader" opens the
//! browser's chooser; a reader that a page cannot use is explained, with what to do.

use yew::prelude::*;

use crate::i18n::{Lang, Text};
use crate::usb_reader::ReaderDescription;
use reader::catalog::DriverKind;

/// The demo personas the picker offers (ids of `sim::personas()`), with their labels.
pub const DEMO_PERSONAS: [(&str, Text); 11] = [
    ("standard", Text::PersonaStandard),
    ("age39", Text::PersonaAge39),
    ("age40", Text::PersonaAge40),
    ("long-address", Text::PersonaLongAddress),
    ("rare-kanji", Text::PersonaRareKanji),
    ("auth-blocked", Text::PersonaAuthBlocked),
    ("auth-one-try", Text::PersonaAuthOneTry),
    ("child", Text::PersonaChild),
    ("phone-token", Text::PersonaPhoneToken),
    ("expired-auth", Text::PersonaExpiredAuth),
    ("face-only", Text::PersonaFaceOnly),
];

/// Where the card comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// The virtual card of a demo persona.
    Demo {
        /// Persona id.
        persona: String,
    },
    /// A reader is being opened.
    Connecting,
    /// A real (or polyfilled) reader.
    Reader(ReaderDescription),
    /// The reader was unplugged; it is taken up again when it comes back.
    ReaderLost(ReaderDescription),
}

/// A message about the reader: what happened and what to do, plus a technical line.
#[derive(Clone, Debug, PartialEq)]
pub struct ReaderNotice {
    /// The explanation and fix.
    pub text: Text,
    /// Extra technical detail (the browser's or the catalogue's words), may be empty.
    pub technical: String,
}

/// Props of [`ReaderPanel`].
#[derive(Properties, PartialEq)]
pub struct ReaderPanelProps {
    /// Whether this browser offers WebUSB at all.
    pub webusb: bool,
    /// Where the card comes from now.
    pub source: Source,
    /// A message about the last reader action, if any.
    pub notice: Option<ReaderNotice>,
    /// Called with the persona the person picked.
    pub on_persona: Callback<String>,
    /// "Connect a card reader" (runs inside the click, as WebUSB requires).
    pub on_connect: Callback<()>,
    /// "Back to the demo card".
    pub on_demo: Callback<()>,
    /// Whether the demo card is offered at all (the demo box and "back to the demo card"); a
    /// production widget offers none (widget-protocol.md §1 `demoCard`), and its
    /// `Source::Demo` then only means "no reader yet".
    #[prop_or(true)]
    pub demo_offered: bool,
}

fn driver_text(driver: DriverKind) -> Text {
    match driver {
        DriverKind::Rcs300Vendor => Text::DriverRcs300,
        DriverKind::Port100 => Text::DriverRcs380,
        DriverKind::Ccid => Text::DriverCcid,
    }
}

/// Shows where the card comes from and how to change it.
#[function_component(ReaderPanel)]
pub fn reader_panel(props: &ReaderPanelProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let support = if props.webusb { Text::ReaderWebUsbAvailable } else { Text::ReaderWebUsbMissing };
    let onchange = {
        let on_persona = props.on_persona.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                on_persona.emit(select.value());
            }
        })
    };
    let connect = {
        let on_connect = props.on_connect.clone();
        Callback::from(move |_| on_connect.emit(()))
    };
    let demo = {
        let on_demo = props.on_demo.clone();
        Callback::from(move |_| on_demo.emit(()))
    };
    let connecting = props.source == Source::Connecting;

    let status = match &props.source {
        Source::Demo { .. } => html! { <p class="reader-status" role="status">{ Text::ReaderNoneConnected.view(lang) }</p> },
        Source::Connecting => html! { <p class="reader-status" role="status">{ Text::ReaderConnecting.view(lang) }</p> },
        Source::Reader(reader) | Source::ReaderLost(reader) => html! {
            <dl class="facts reader-connected">
                <dt>{ Text::ReaderConnectedLabel.view(lang) }</dt>
                <dd class="reader-name">{ format!("{} ({})", reader.name, reader.ids) }</dd>
                <dt>{ Text::ReaderHowLabel.view(lang) }</dt>
                <dd>{ driver_text(reader.driver).view(lang) }</dd>
            </dl>
        },
    };

    html! {
        <section class="panel reader-panel" aria-labelledby="reader-panel-title">
            <h2 id="reader-panel-title">{ Text::ReaderPanelTitle.view(lang) }</h2>
            { status }
            if let Some(notice) = &props.notice {
                <div class="notice notice-warning reader-notice" role="alert">
                    <p>{ notice.text.view(lang) }</p>
                    if !notice.technical.is_empty() {
                        <details><summary>{ Text::TechnicalDetails.view(lang) }</summary><p class="mono">{ &notice.technical }</p></details>
                    }
                </div>
            }
            <p class="reader-support">{ support.view(lang) }</p>
            <p class="reader-which">{ Text::ReaderWhichWork.view(lang) }</p>
            <div class="reader-actions">
                <button type="button" class="button-secondary" onclick={connect} disabled={!props.webusb || connecting}>
                    { Text::ConnectReader.view(lang) }
                </button>
                if props.demo_offered && !matches!(props.source, Source::Demo { .. }) {
                    <button type="button" class="button-secondary" onclick={demo}>{ Text::BackToDemo.view(lang) }</button>
                }
            </div>
            if let (true, Source::Demo { persona }) = (props.demo_offered, &props.source) {
                <div class="demo-box">
                    <p><span class="badge badge-demo">{ Text::DemoBadge.view(lang) }</span>{ " " }{ Text::DemoExplanation.view(lang) }</p>
                    <label for="persona-picker" class="field-label">{ Text::DemoPersonaLabel.view(lang) }</label>
                    <select id="persona-picker" {onchange}>
                        { for DEMO_PERSONAS.iter().map(|(id, label)| html! {
                            <option value={*id} selected={persona.as_str() == *id}>{ label.get(lang) }</option>
                        }) }
                    </select>
                </div>
            }
            <details class="setup-help">
                <summary>{ Text::SetupHelpTitle.view(lang) }</summary>
                <p>{ Text::SetupHelpLinux.view(lang) }</p>
                <p>{ Text::SetupHelpWindows.view(lang) }</p>
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::DEMO_PERSONAS;
    use crate::i18n::{Lang, Text};

    #[test]
    fn every_offered_persona_exists_in_the_simulator() {
        for (id, _) in DEMO_PERSONAS {
            assert!(sim::persona(id).is_some(), "the simulator has no persona `{id}`");
        }
    }

    #[test]
    fn the_demo_notice_tells_the_virtual_cards_pins_in_every_language() {
        // Without them nobody gets past a PIN dialog in demo mode. The notice says "every PIN is
        // 1234": that holds only while the simulator's 4-digit PINs are one value (persona.rs).
        use sim::persona::{AUTH_PIN, JUKI_PIN, SIGN_PASSWORD, TEXT_PIN};
        assert_eq!([TEXT_PIN, JUKI_PIN], [AUTH_PIN, AUTH_PIN]);
        for lang in [Lang::Ja, Lang::En, Lang::EasyJa] {
            let notice = Text::DemoExplanation.get(lang);
            assert!(notice.contains(&format!(" {AUTH_PIN}")), "{lang:?}: {notice}");
            assert!(notice.contains(&format!(" {SIGN_PASSWORD}")), "{lang:?}: {notice}");
        }
    }

    #[test]
    fn the_setup_help_stands_on_its_own_and_names_every_page_reader() {
        // A person reading the app has no README: the Linux help names the rule file and the ids
        // of the readers a page drives (the README's rule), the Windows help each one's interface.
        const RULE_IDS: [&str; 8] = ["054c", "06c1", "06c3", "0dc8", "0dc9", "04e6", "511a", "5120"];
        for lang in [Lang::Ja, Lang::En, Lang::EasyJa] {
            let linux = Text::SetupHelpLinux.get(lang);
            assert!(!linux.contains("README"), "{lang:?}: {linux}");
            assert!(linux.contains("/etc/udev/rules.d/60-mynaweb.rules"), "{lang:?}: {linux}");
            assert!(linux.contains(r#"TAG+="uaccess""#), "{lang:?}: {linux}");
            for id in RULE_IDS {
                assert!(linux.contains(id), "{lang:?} lacks {id}: {linux}");
            }
            let windows = Text::SetupHelpWindows.get(lang);
            for model in ["RC-S300", "RC-S380", "SCR3310-NTTCom"] {
                assert!(windows.contains(model), "{lang:?} lacks {model}: {windows}");
            }
        }
        // The rule covers exactly the readers the page asks the browser for (catalog.rs).
        let filters = reader::catalog::webusb_filters();
        let mut filter_ids: Vec<String> = filters.iter().flat_map(|(vid, pid)| [format!("{vid:04x}"), format!("{pid:04x}")]).collect();
        filter_ids.sort();
        filter_ids.dedup();
        let mut rule_ids: Vec<String> = RULE_IDS.iter().map(|id| id.to_string()).collect();
        rule_ids.sort();
        assert_eq!(rule_ids, filter_ids);
    }
}
