//! The reader panel: where the card comes from. Demo mode (the virtual card, with a persona
//! picker) is the default while no reader is connected.

use yew::prelude::*;

use crate::i18n::{Lang, Text};

/// The demo personas the picker offers (ids of `sim::personas()`), with their labels.
pub const DEMO_PERSONAS: [(&str, Text); 10] = [
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
];

/// Props of [`ReaderPanel`].
#[derive(Properties, PartialEq)]
pub struct ReaderPanelProps {
    /// Whether this browser offers WebUSB at all.
    pub webusb: bool,
    /// The demo persona in use.
    pub persona: AttrValue,
    /// Called with the persona the person picked.
    pub on_persona: Callback<String>,
}

/// Shows where the card comes from: the demo card and its persona, whether this browser can use
/// USB readers, and which readers a web page can use.
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
    html! {
        <section class="panel reader-panel" aria-labelledby="reader-panel-title">
            <h2 id="reader-panel-title">{ Text::ReaderPanelTitle.get(lang) }</h2>
            <p class="reader-status" role="status">{ Text::ReaderNoneConnected.get(lang) }</p>
            <p class="reader-support">{ support.get(lang) }</p>
            <p class="reader-which">{ Text::ReaderWhichWork.get(lang) }</p>
            <div class="demo-box">
                <p><span class="badge badge-demo">{ Text::DemoBadge.get(lang) }</span>{ " " }{ Text::DemoExplanation.get(lang) }</p>
                <label for="persona-picker" class="field-label">{ Text::DemoPersonaLabel.get(lang) }</label>
                <select id="persona-picker" {onchange}>
                    { for DEMO_PERSONAS.iter().map(|(id, label)| html! {
                        <option value={*id} selected={props.persona.as_str() == *id}>{ label.get(lang) }</option>
                    }) }
                </select>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::DEMO_PERSONAS;

    #[test]
    fn every_offered_persona_exists_in_the_simulator() {
        for (id, _) in DEMO_PERSONAS {
            assert!(sim::persona(id).is_some(), "the simulator has no persona `{id}`");
        }
    }
}
