//! The root: owns the chosen language and lays out the page.

use yew::prelude::*;

use super::header::Header;
use super::reader_panel::ReaderPanel;
use crate::browser;
use crate::i18n::{Lang, Text};

/// The whole app. The language lives here and reaches every component through context.
#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(Lang::default);

    {
        let tag = lang.tag();
        use_effect_with(*lang, move |_| browser::set_document_language(tag));
    }

    let on_language = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| lang.set(chosen))
    };

    html! {
        <ContextProvider<Lang> context={*lang}>
            <a class="skip-link" href="#main">{ Text::SkipToContent.get(*lang) }</a>
            <Header on_language={on_language} />
            <main id="main" tabindex="-1">
                <p class="tagline">{ Text::AppTagline.get(*lang) }</p>
                <ReaderPanel webusb={browser::has_webusb()} />
            </main>
            <footer class="site-footer">
                <p>{ Text::FooterNotice.get(*lang) }</p>
            </footer>
        </ContextProvider<Lang>>
    }
}
