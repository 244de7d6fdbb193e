//! A radio-button group after the Digital Agency design system (DADS): a `<fieldset>` whose
//! `<legend>` is the question, each option a native radio with its own `<label>`, so arrow keys
//! move between options and Space selects.

use yew::prelude::*;

use crate::i18n::{Lang, Text};

/// Props of [`RadioGroup`].
#[derive(Properties, PartialEq)]
pub struct RadioGroupProps {
    /// The `name` shared by the radios, also the prefix of their ids.
    pub name: AttrValue,
    /// The question.
    pub legend: Text,
    /// The options: a value and its label.
    pub options: Vec<(AttrValue, Text)>,
    /// The selected value, if any.
    pub selected: Option<AttrValue>,
    /// Called with the value picked.
    pub on_change: Callback<AttrValue>,
}

/// A labelled group of radio buttons.
#[function_component(RadioGroup)]
pub fn radio_group(props: &RadioGroupProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <fieldset class="radio-group" data-name={ props.name.clone() }>
            <legend>{ props.legend.view(lang) }</legend>
            <div class="radio-options">
                { for props.options.iter().map(|(value, label)| {
                    let id = format!("{}-{}", props.name, value);
                    let checked = props.selected.as_ref() == Some(value);
                    let on_change = props.on_change.clone();
                    let picked = value.clone();
                    html! {
                        <div class="radio">
                            <input type="radio" id={ id.clone() } name={ props.name.clone() } value={ value.clone() }
                                   {checked} onchange={ Callback::from(move |_| on_change.emit(picked.clone())) } />
                            <label for={ id }>{ label.view(lang) }</label>
                        </div>
                    }
                }) }
            </div>
        </fieldset>
    }
}
