//! The root: owns the chosen language, the card session and where the card comes from, and lays
//! out the page.

use yew::prelude::*;

use super::card_panel::CardPanel;
use super::header::Header;
use super::reader_panel::ReaderPanel;
use crate::browser;
use crate::i18n::{Lang, Text};
use crate::session::{AppChannel, Session};

/// The whole app. The language lives here and reaches every component through context.
#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(Lang::default);
    let persona = use_state(|| String::from("standard"));
    let session = use_state(Session::default);

    {
        let tag = lang.tag();
        use_effect_with(*lang, move |_| browser::set_document_language(tag));
    }

    let on_language = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| lang.set(chosen))
    };
    let on_persona = {
        let persona = persona.clone();
        Callback::from(move |chosen: String| persona.set(chosen))
    };
    // Demo mode: a fresh virtual card of the chosen persona each time the card is read anew.
    let connect = {
        let persona = persona.clone();
        Callback::from(move |()| {
            let persona = sim::persona(&persona)?;
            let card = sim::VirtualCard::new(persona).ok()?;
            Some(AppChannel::Demo(sim::SimChannel::new(card)))
        })
    };

    html! {
        <ContextProvider<Lang> context={*lang}>
            <a class="skip-link" href="#main">{ Text::SkipToContent.get(*lang) }</a>
            <Header on_language={on_language} demo={true} />
            <main id="main" tabindex="-1">
                <p class="tagline">{ Text::AppTagline.get(*lang) }</p>
                <ReaderPanel webusb={browser::has_webusb()} persona={AttrValue::from((*persona).clone())} {on_persona} />
                <CardPanel session={(*session).clone()} {connect} source_key={AttrValue::from(format!("demo:{}", *persona))} />
            </main>
            <footer class="site-footer">
                <p>{ Text::FooterNotice.get(*lang) }</p>
            </footer>
        </ContextProvider<Lang>>
    }
}
