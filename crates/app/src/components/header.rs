//! The page header: the product's name and the language switch.

use yew::prelude::*;

use super::language_switch::LanguageSwitch;
use crate::i18n::{Lang, Text};

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Called with the language the person chose.
    pub on_language: Callback<Lang>,
}

/// The page header.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <header class="site-header">
            <h1 class="site-title">{ Text::AppName.get(lang) }</h1>
            <LanguageSwitch on_change={props.on_language.clone()} />
        </header>
    }
}
