//! The root: owns the chosen language, the card session and where the card comes from, and lays
//! out the page.

use std::cell::RefCell;
use std::rc::Rc;

use webusb::bindings::UsbDevice;
use webusb::{DeviceEvent, DeviceEventWatch};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::card_panel::CardPanel;
use super::header::Header;
use super::nav_menu::NavMenu;
use super::reader_panel::{ReaderNotice, ReaderPanel, Source};
use crate::browser;
use crate::i18n::{Lang, Text};
use crate::pages::account::AccountPage;
use crate::pages::document::DocumentPage;
use crate::pages::home::HomePage;
use crate::pages::insurance::InsurancePage;
use crate::pages::overseas::OverseasPage;
use crate::pages::phone::PhonePage;
use crate::pages::rehearsal::RehearsalPage;
use crate::pages::Page;
use crate::reader_notice;
use crate::session::{AppChannel, Session};
use crate::usb_reader::{self, ConnectedReader, ReaderProblem};

/// A fresh virtual card of a demo persona.
fn demo_channel(persona: &str) -> Option<AppChannel> {
    let card = sim::VirtualCard::new(sim::persona(persona)?).ok()?;
    Some(AppChannel::Demo(sim::SimChannel::new(card)))
}

/// What the next "read" opens. A demo card is made only then: making one issues its
/// certificates (RSA signatures), which must not delay the first render.
enum Pending {
    /// A new virtual card of this persona.
    Demo(String),
    /// A reader just connected.
    Channel(AppChannel),
}

impl Pending {
    fn into_channel(self) -> Option<AppChannel> {
        match self {
            Pending::Demo(persona) => demo_channel(&persona),
            Pending::Channel(channel) => Some(channel),
        }
    }
}

/// The reader currently in use (to recognise it in `disconnect` and `connect` events).
#[derive(Default)]
struct ReaderSlot {
    device: Option<UsbDevice>,
    /// VID:PID of a reader that was unplugged, to take it up again when it returns.
    lost: Option<(u16, u16)>,
}

/// The whole app. The language lives here and reaches every component through context.
#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(Lang::default);
    let page = use_state(Page::default);
    let source = use_state(|| Source::Demo { persona: "standard".into() });
    let notice = use_state(|| None::<ReaderNotice>);
    let session = use_state(Session::default);
    // The channel the next "read" opens: a new demo card, or a reader just connected.
    let pending: Rc<RefCell<Option<Pending>>> = use_mut_ref(|| Some(Pending::Demo("standard".into())));
    let reader_slot: Rc<RefCell<ReaderSlot>> = use_mut_ref(ReaderSlot::default);

    {
        let tag = lang.tag();
        use_effect_with(*lang, move |_| browser::set_document_language(tag));
    }

    // Taking a connected reader into use, from a click or from its return after unplugging.
    let adopt = {
        let source = source.clone();
        let notice = notice.clone();
        let pending = pending.clone();
        let reader_slot = reader_slot.clone();
        Rc::new(move |result: Result<ConnectedReader, ReaderProblem>| match result {
            Ok(reader) => {
                *pending.borrow_mut() = Some(Pending::Channel(reader.channel));
                *reader_slot.borrow_mut() = ReaderSlot { device: Some(reader.device), lost: None };
                notice.set(None);
                source.set(Source::Reader(reader.description));
            }
            Err(problem) => {
                notice.set(Some(reader_notice::for_problem(&problem)));
                source.set(Source::Demo { persona: "standard".into() });
                *pending.borrow_mut() = Some(Pending::Demo("standard".into()));
            }
        })
    };

    // Unplugging stops the flow cleanly; plugging the same reader back takes it up again.
    {
        let source = source.clone();
        let notice = notice.clone();
        let session = session.clone();
        let pending = pending.clone();
        let reader_slot = reader_slot.clone();
        let adopt = adopt.clone();
        use_effect_with((), move |_| {
            let on_disconnect = {
                let reader_slot = reader_slot.clone();
                move |device: UsbDevice| {
                    let mut slot = reader_slot.borrow_mut();
                    if slot.device.as_ref().is_some_and(|current| webusb::same_device(current, &device)) {
                        slot.lost = Some((device.vendor_id(), device.product_id()));
                        slot.device = None;
                        session.close();
                        pending.borrow_mut().take();
                        notice.set(Some(ReaderNotice { text: Text::AdviceDisconnected, technical: String::new() }));
                        if let Source::Reader(description) = &*source {
                            source.set(Source::ReaderLost(description.clone()));
                        }
                    }
                }
            };
            let on_connect = move |device: UsbDevice| {
                let returning = reader_slot.borrow().lost == Some((device.vendor_id(), device.product_id()));
                if returning {
                    let adopt = adopt.clone();
                    spawn_local(async move { adopt(usb_reader::connect(device).await) });
                }
            };
            let watches = (
                DeviceEventWatch::new(DeviceEvent::Disconnect, on_disconnect).ok(),
                DeviceEventWatch::new(DeviceEvent::Connect, on_connect).ok(),
            );
            move || drop(watches)
        });
    }

    let on_language = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| lang.set(chosen))
    };
    let on_persona = {
        let source = source.clone();
        let pending = pending.clone();
        Callback::from(move |chosen: String| {
            *pending.borrow_mut() = Some(Pending::Demo(chosen.clone()));
            source.set(Source::Demo { persona: chosen });
        })
    };
    let on_demo = {
        let source = source.clone();
        let notice = notice.clone();
        let pending = pending.clone();
        let reader_slot = reader_slot.clone();
        Callback::from(move |()| {
            *reader_slot.borrow_mut() = ReaderSlot::default();
            *pending.borrow_mut() = Some(Pending::Demo("standard".into()));
            notice.set(None);
            source.set(Source::Demo { persona: "standard".into() });
        })
    };
    let on_connect = {
        let source = source.clone();
        let notice = notice.clone();
        let adopt = adopt.clone();
        Callback::from(move |()| {
            let source = source.clone();
            let notice = notice.clone();
            let adopt = adopt.clone();
            let previous = (*source).clone();
            // requestDevice must start inside the click: the future is polled right away.
            spawn_local(async move {
                let (ids, classes) = usb_reader::chooser_filters();
                match webusb::request_device(&ids, &classes).await {
                    Ok(device) => {
                        source.set(Source::Connecting);
                        adopt(usb_reader::connect(device).await);
                    }
                    Err(error) => {
                        notice.set(Some(ReaderNotice {
                            text: reader_notice::for_usb_error(&error),
                            technical: error.to_string(),
                        }));
                        source.set(previous);
                    }
                }
            });
        })
    };
    let connect = {
        let pending = pending.clone();
        Callback::from(move |()| pending.borrow_mut().take().and_then(Pending::into_channel))
    };
    let source_key = match &*source {
        Source::Demo { persona } => format!("demo:{persona}"),
        Source::Connecting => "connecting".to_string(),
        Source::Reader(reader) => format!("reader:{}", reader.ids),
        Source::ReaderLost(reader) => format!("lost:{}", reader.ids),
    };
    // The procedure pages are keyed by where the card comes from, so another persona or another
    // reader starts a procedure afresh; unplugging a reader (and plugging it back) does not:
    // what the person typed stays, and the next card operation asks for the reader again.
    let page_key = match &*source {
        Source::Reader(reader) | Source::ReaderLost(reader) => format!("reader:{}", reader.ids),
        _ => source_key.clone(),
    };
    let demo = matches!(*source, Source::Demo { .. });

    let on_navigate = {
        let page = page.clone();
        Callback::from(move |chosen: Page| page.set(chosen))
    };
    // After navigating, focus moves to the new page's heading so screen readers announce it
    // (not on the first render: the page then starts at the skip link).
    {
        let first = use_mut_ref(|| true);
        use_effect_with(*page, move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            let heading = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("page-title").or_else(|| d.get_element_by_id("card-panel-title")));
            if let Some(heading) = heading.and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok()) {
                let _ = heading.focus();
            }
        });
    }
    let flow_page = match *page {
        Page::Home => html! { <HomePage on_navigate={on_navigate.clone()} /> },
        Page::CardStatus => html! {},
        // Keyed by the card's source (`page_key`): another persona or reader starts afresh.
        Page::Insurance => html! {
            <InsurancePage key={page_key.clone()} session={(*session).clone()} connect={connect.clone()}
                on_navigate={on_navigate.clone()} />
        },
        Page::Rehearsal => html! {
            <RehearsalPage key={page_key.clone()} session={(*session).clone()} connect={connect.clone()}
                on_navigate={on_navigate.clone()} />
        },
        Page::Document => html! { <DocumentPage on_navigate={on_navigate.clone()} /> },
        Page::Account => html! {
            <AccountPage key={page_key.clone()} session={(*session).clone()} connect={connect.clone()}
                on_navigate={on_navigate.clone()} />
        },
        Page::Overseas => html! {
            <OverseasPage key={page_key.clone()} session={(*session).clone()} connect={connect.clone()}
                on_navigate={on_navigate.clone()} />
        },
        Page::Phone => html! { <PhonePage /> },
    };

    html! {
        <ContextProvider<Lang> context={*lang}>
            <a class="skip-link" href="#main">{ Text::SkipToContent.view(*lang) }</a>
            <Header on_language={on_language} {demo} />
            <NavMenu current={*page} on_navigate={on_navigate.clone()} />
            <main id="main" tabindex="-1" data-page={ page.id() }>
                <p class="tagline">{ Text::AppTagline.view(*lang) }</p>
                // On a procedure's page the procedure comes first and the reader panel (where the
                // card comes from) follows; on the home and card pages the reader leads.
                if !page.shows_card_panel() {
                    { flow_page.clone() }
                }
                <ReaderPanel webusb={browser::has_webusb()} source={(*source).clone()} notice={(*notice).clone()}
                    {on_persona} {on_connect} {on_demo} />
                if page.shows_card_panel() {
                    { flow_page }
                }
                // The card panel stays mounted on every page, so the card session it holds
                // survives navigation; it is shown on the home and card-status pages.
                <div class="card-panel-slot" hidden={ !page.shows_card_panel() }>
                    <CardPanel session={(*session).clone()} {connect} source_key={AttrValue::from(source_key)} />
                </div>
            </main>
            <footer class="site-footer">
                <p>{ Text::FooterNotice.view(*lang) }</p>
                <p class="bank-data-date">{ crate::i18n::account::bank_data_date(*lang, flows::facts::BANK_DATA_DATE) }</p>
            </footer>
        </ContextProvider<Lang>>
    }
}
