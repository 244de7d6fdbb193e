//! The language switch: one button per language, the current one marked `aria-pressed`.

use yew::prelude::*;

use crate::i18n::{Lang, Text};

/// Props of [`LanguageSwitch`].
#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    /// Called with the language whose button was pressed.
    pub on_change: Callback<Lang>,
}

/// A group of toggle buttons, reachable with Tab and operated with Enter or Space.
#[function_component(LanguageSwitch)]
pub fn language_switch(props: &LanguageSwitchProps) -> Html {
    let current = use_context::<Lang>().unwrap_or_default();
    html! {
        <nav class="language-switch" aria-label={ Text::LanguageSwitchLabel.get(current) }>
            { for Lang::ALL.iter().map(|&choice| {
                let on_change = props.on_change.clone();
                let pressed = if choice == current { "true" } else { "false" };
                html! {
                    <button type="button" lang={choice.tag()} aria-pressed={pressed}
                        onclick={Callback::from(move |_| on_change.emit(choice))}>
                        { choice.endonym() }
                    </button>
                }
            }) }
        </nav>
    }
}
