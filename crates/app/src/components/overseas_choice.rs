//! A one-question radio group for the wizards (overseas card, smartphone certificate): the same
//! DADS markup as [`super::radio_group::RadioGroup`] (`fieldset.radio-group`, a native radio and
//! its own `<label>` per option, so arrow keys move between options and Space selects), but
//! labelled by the step's heading (`aria-labelledby`) instead of a `<legend>`, since the heading
//! is where focus lands on each step, and with labels from any catalogue.

use yew::prelude::*;

/// Props of [`ChoiceGroup`].
#[derive(Properties, PartialEq)]
pub struct ChoiceGroupProps {
    /// The `name` shared by the radios, also the prefix of their ids.
    pub name: AttrValue,
    /// The id of the heading that asks the question.
    pub labelled_by: AttrValue,
    /// The options: a value and its label.
    pub options: Vec<(AttrValue, Html)>,
    /// The selected value, if any.
    pub selected: Option<AttrValue>,
    /// Called with the value picked.
    pub on_change: Callback<AttrValue>,
    /// The id of an error message describing the group, when there is one.
    #[prop_or_default]
    pub error_id: Option<AttrValue>,
}

/// A radio group labelled by the question heading.
#[function_component(ChoiceGroup)]
pub fn choice_group(props: &ChoiceGroupProps) -> Html {
    html! {
        <fieldset class="radio-group" data-name={ props.name.clone() } aria-labelledby={ props.labelled_by.clone() }
                  aria-describedby={ props.error_id.clone() }>
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
                            <label for={ id }>{ label.clone() }</label>
                        </div>
                    }
                }) }
            </div>
        </fieldset>
    }
}
