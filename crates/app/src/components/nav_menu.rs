//! The page navigation: one button per page, the current one marked `aria-current="page"`.
//! Buttons, not links: pages live in app state, never in the URL.

use yew::prelude::*;

use crate::i18n::{Lang, Text};
use crate::pages::Page;

/// Props of [`NavMenu`].
#[derive(Properties, PartialEq)]
pub struct NavMenuProps {
    /// The page shown.
    pub current: Page,
    /// Called with the page chosen.
    pub on_navigate: Callback<Page>,
}

/// The navigation bar under the header.
#[function_component(NavMenu)]
pub fn nav_menu(props: &NavMenuProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <nav class="page-nav" aria-label={ Text::NavLabel.get(lang) }>
            <ul>
                { for Page::ALL.iter().map(|&page| {
                    let on_navigate = props.on_navigate.clone();
                    html! {
                        <li>
                            <button type="button" data-page={ page.id() }
                                    aria-current={ (page == props.current).then_some("page") }
                                    onclick={ Callback::from(move |_| on_navigate.emit(page)) }>
                                { page.nav_text().view(lang) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
