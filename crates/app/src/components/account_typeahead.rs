//! A typeahead for banks and branches: a labelled text input and, under it, the suggestions as a
//! list of buttons (the "input + results list of buttons" pattern: every suggestion is a real
//! button, so Tab, Enter and Space work without scripting, and screen readers hear the count
//! through a polite live region).
//!
//! Keyboard: typing filters; ↓ from the input moves to the first suggestion; ↑/↓ move between
//! suggestions; ↑ from the first returns to the input; Enter or Space chooses.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::account::{result_count, AccountText};
use crate::i18n::Lang;

/// One suggestion: a stable key (the code) and what is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The value chosen (a bank or branch code).
    pub key: AttrValue,
    /// The code, shown first.
    pub code: AttrValue,
    /// The name.
    pub name: AttrValue,
    /// The reading (kana).
    pub kana: AttrValue,
}

/// Props of [`AccountTypeahead`].
#[derive(Properties, PartialEq)]
pub struct AccountTypeaheadProps {
    /// The input's id (suggestions are `<id>-option-<n>`).
    pub id: AttrValue,
    /// The label.
    pub label: AccountText,
    /// The hint under the label.
    pub hint: AccountText,
    /// The text typed so far (owned by the page, so nothing is lost on a re-render).
    pub query: AttrValue,
    /// The suggestions for `query`.
    pub suggestions: Vec<Suggestion>,
    /// Called with the new text on each input.
    pub on_query: Callback<String>,
    /// Called with the key of the suggestion chosen.
    pub on_choose: Callback<AttrValue>,
}

fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = element.focus();
    }
}

/// A search input with its suggestions.
#[function_component(AccountTypeahead)]
pub fn account_typeahead(props: &AccountTypeaheadProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let id = props.id.clone();
    let hint_id = format!("{id}-hint");
    let list_id = format!("{id}-suggestions");
    let count = props.suggestions.len();
    let typed = !props.query.trim().is_empty();

    let on_input = {
        let on_query = props.on_query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                on_query.emit(input.value());
            }
        })
    };
    let on_input_key = {
        let id = id.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "ArrowDown" && count > 0 {
                event.prevent_default();
                focus(&format!("{id}-option-0"));
            }
        })
    };

    html! {
        <div class="typeahead">
            <label class="field-label" for={ id.clone() }>{ props.label.view(lang) }</label>
            <p class="field-hint" id={ hint_id.clone() }>{ props.hint.view(lang) }</p>
            <input type="text" id={ id.clone() } value={ props.query.clone() } autocomplete="off" spellcheck="false"
                   aria-describedby={ hint_id } aria-controls={ list_id.clone() }
                   oninput={on_input} onkeydown={on_input_key} />
            <p class="typeahead-count" role="status" aria-live="polite">
                if typed {
                    if count == 0 { { AccountText::NoMatch.view(lang) } } else { { result_count(lang, count) } }
                }
            </p>
            if count > 0 {
                <ul class="typeahead-results" id={ list_id } aria-label={ AccountText::Results.get(lang) }>
                    { for props.suggestions.iter().enumerate().map(|(index, suggestion)| {
                        let on_choose = props.on_choose.clone();
                        let key = suggestion.key.clone();
                        let option_id = format!("{id}-option-{index}");
                        let on_key = {
                            let id = id.clone();
                            Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
                                "ArrowDown" if index + 1 < count => {
                                    event.prevent_default();
                                    focus(&format!("{id}-option-{}", index + 1));
                                }
                                "ArrowUp" => {
                                    event.prevent_default();
                                    if index == 0 { focus(&id) } else { focus(&format!("{id}-option-{}", index - 1)) }
                                }
                                _ => {}
                            })
                        };
                        html! {
                            <li>
                                <button type="button" class="typeahead-option" id={ option_id } data-code={ suggestion.code.clone() }
                                        onkeydown={on_key}
                                        onclick={ Callback::from(move |_| on_choose.emit(key.clone())) }>
                                    <span class="typeahead-code">{ suggestion.code.clone() }</span>
                                    <span class="typeahead-name">{ suggestion.name.clone() }</span>
                                    <span class="typeahead-kana">{ suggestion.kana.clone() }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
