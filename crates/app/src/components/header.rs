//! The page header: the product's name, the demo badge, and the language switch.

use yew::prelude::*;

use super::language_switch::LanguageSwitch;
use crate::i18n::{Lang, Text};

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Called with the language the person chose.
    pub on_language: Callback<Lang>,
    /// Whether the app runs on the demo card (every page then says so).
    pub demo: bool,
}

/// The page header.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <header class="site-header">
            <h1 class="site-title">
                { Text::AppName.view(lang) }
                if props.demo {
                    { " " }<span class="badge badge-demo">{ Text::DemoBadge.view(lang) }</span>
                }
            </h1>
            <LanguageSwitch on_change={props.on_language.clone()} />
        </header>
    }
}
