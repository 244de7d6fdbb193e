//! Home: the procedures this app offers, each a button that opens its page.

use yew::prelude::*;

use super::Page;
use crate::i18n::{Lang, Text};

/// Props of [`HomePage`].
#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// Goes to another page.
    pub on_navigate: Callback<Page>,
}

const PROCEDURES: [(Page, Text); 7] = [
    (Page::CardStatus, Text::HomeCardStatusDesc),
    (Page::Insurance, Text::HomeInsuranceDesc),
    (Page::Rehearsal, Text::HomeRehearsalDesc),
    (Page::Document, Text::HomeDocumentDesc),
    (Page::Account, Text::HomeAccountDesc),
    (Page::Overseas, Text::HomeOverseasDesc),
    (Page::Phone, Text::HomePhoneDesc),
];

/// The list of procedures.
#[function_component(HomePage)]
pub fn home_page(props: &HomeProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <section class="panel page page-home" aria-labelledby="page-title">
            <h2 id="page-title" tabindex="-1">{ Text::HomeTitle.view(lang) }</h2>
            <p>{ Text::HomeIntro.view(lang) }</p>
            <ul class="procedure-list">
                { for PROCEDURES.iter().map(|&(page, description)| {
                    let on_navigate = props.on_navigate.clone();
                    let description_id = format!("procedure-{}-description", page.id());
                    html! {
                        <li>
                            <button type="button" class="procedure-link" data-page={ page.id() }
                                    aria-describedby={ description_id.clone() }
                                    onclick={ Callback::from(move |_| on_navigate.emit(page)) }>
                                { page.nav_text().view(lang) }
                            </button>
                            <p id={ description_id } class="procedure-description">{ description.view(lang) }</p>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
