//! The app in embed mode (docs/widget-protocol.md §1): one flow inside a host page's iframe.
//!
//! ```text
//! checking ──(H listed in widget-config.json, H = parent origin)──► waiting ──init──► running
//!    │                                                   posts `ready`        posts step/result/error/close
//!    └──(anything else)──► refused: "this site is not allowed to embed this procedure", posts nothing
//! ```
//!
//! No navigation: a slim header with the language switch, the chosen flow, and the reader panel.
//! The flows start on the simulator's demo card only when `widget-config.json` says
//! `"demoCard": true` (a demo server); otherwise there is no card until the person connects a
//! reader, and the panel offers no demo card. The language is the host's `lang=` from the URL,
//! else the browser's, until `init` names one.
//! Messages from anywhere but H's parent window, and messages of a wrong shape, are dropped and
//! counted in `data-ignored-messages` on the root element. When the permissions policy forbids
//! USB (an iframe without `allow="usb"`, readers.md §4.1), the widget says what the host must add.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde_json::Value;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::language_switch::LanguageSwitch;
use super::notification::{Notification, Severity};
use super::reader_panel::{ReaderNotice, ReaderPanel, Source};
use super::widget_report::{EmbedReporter, WidgetDetour};
use crate::browser;
use crate::embed::{
    self, browser as glue, EmbedError, EmbedRequest, HostOrigin, Init, InstanceId, Outgoing,
    WidgetFlow,
};
use crate::i18n::widget::WidgetText;
use crate::i18n::{Lang, Text};
use crate::pages::account::AccountPage;
use crate::pages::card_login::{Binding, CardLoginPage};
use crate::pages::document::DocumentPage;
use crate::pages::insurance::InsurancePage;
use crate::pages::overseas::OverseasPage;
use crate::pages::phone::PhonePage;
use crate::pages::signed_submission::SignedSubmissionPage;
use crate::pages::Page;
use crate::reader_notice;
use crate::session::{AppChannel, Session};
use crate::usb_reader;

/// Renders the widget instead of the app when the URL asks for embed mode; `false` otherwise.
pub fn mount_if_embedded() -> bool {
    let Some(request) = glue::query().and_then(|search| embed::parse_query(&search)) else {
        return false;
    };
    yew::Renderer::<WidgetApp>::with_props(WidgetAppProps { request }).render();
    true
}

/// Props of [`WidgetApp`].
#[derive(Properties, PartialEq)]
pub struct WidgetAppProps {
    /// What the URL asked for (or why it is unusable).
    pub request: Result<EmbedRequest, EmbedError>,
}

#[derive(Clone, PartialEq)]
enum Phase {
    Checking,
    Refused(String),
    Waiting,
    Running(Rc<Init>),
}

impl Phase {
    fn id(&self) -> &'static str {
        match self {
            Phase::Checking => "checking",
            Phase::Refused(_) => "refused",
            Phase::Waiting => "waiting",
            Phase::Running(_) => "running",
        }
    }
}

/// Where the next card operation's channel comes from.
enum Pending {
    Demo(String),
    Channel(Box<AppChannel>),
}

/// The app page that shows `flow` (its navigation target meaning "back to the flow").
fn flow_page(flow: WidgetFlow) -> Option<Page> {
    match flow {
        WidgetFlow::Insurance => Some(Page::Insurance),
        WidgetFlow::Account => Some(Page::Account),
        WidgetFlow::Overseas => Some(Page::Overseas),
        WidgetFlow::Phone => Some(Page::Phone),
        WidgetFlow::Login | WidgetFlow::Submission => None,
    }
}

/// The step id of a page `flow` may open inside the widget (widget-protocol.md §1.1); `None`
/// for any other page: the widget shows one procedure and never the app's other pages.
fn detour_step(flow: WidgetFlow, target: Page) -> Option<&'static str> {
    match (flow, target) {
        (WidgetFlow::Insurance, Page::Document) => Some("document"),
        _ => None,
    }
}

/// The widget root.
#[function_component(WidgetApp)]
pub fn widget_app(props: &WidgetAppProps) -> Html {
    let lang = {
        let requested = props.request.as_ref().ok().and_then(|r| r.lang);
        use_state(move || embed::starting_language(requested, &glue::browser_languages()))
    };
    // Whether the demo card is offered (widget-config.json `demoCard`); none until admitted.
    let demo_card = use_state(|| false);
    let phase = use_state(|| Phase::Checking);
    let ignored = use_state(|| 0u32);
    let ignored_count = use_mut_ref(|| Cell::new(0u32));
    let listener = use_mut_ref(|| None::<glue::MessageListener>);
    let session = use_state(Session::default);
    let source = use_state(|| Source::Demo {
        persona: "standard".into(),
    });
    let notice = use_state(|| None::<ReaderNotice>);
    // No card source until admission says whether the demo card is offered. Without it,
    // `source` stays `Source::Demo` only as "no reader yet": the panel shows no demo box.
    let pending: Rc<RefCell<Option<Pending>>> = use_mut_ref(|| None);
    let usb_blocked = use_state(|| glue::usb_allowed_by_policy() == Some(false));
    // The reader in use, to recognise it when it is unplugged.
    let in_use: Rc<RefCell<Option<webusb::bindings::UsbDevice>>> = use_mut_ref(|| None);
    // A page the flow opened (the insurance pre-check's "which document?"); the flow stays
    // mounted underneath, hidden, so coming back finds it as it was.
    let detour = use_state(|| None::<Page>);
    // The guidance flow's last reported step, reported again on the way back from a detour.
    let last_step: Rc<Cell<Option<&'static str>>> =
        (*use_state(|| Rc::new(Cell::new(None::<&'static str>)))).clone();
    let root = use_node_ref();
    let height_watch = use_mut_ref(|| None::<glue::HeightWatch>);

    // Unplugging the reader ends the card session; the person connects it again with the button.
    {
        let source = source.clone();
        let notice = notice.clone();
        let session = session.clone();
        let pending = pending.clone();
        let in_use = in_use.clone();
        use_effect_with((), move |_| {
            let on_disconnect = move |gone: webusb::bindings::UsbDevice| {
                let ours = in_use
                    .borrow()
                    .as_ref()
                    .is_some_and(|current| webusb::same_device(current, &gone));
                if ours {
                    in_use.borrow_mut().take();
                    session.close();
                    pending.borrow_mut().take();
                    notice.set(Some(ReaderNotice {
                        text: Text::AdviceDisconnected,
                        technical: String::new(),
                    }));
                    if let Source::Reader(description) = &*source {
                        source.set(Source::ReaderLost(description.clone()));
                    }
                }
            };
            let watch =
                webusb::DeviceEventWatch::new(webusb::DeviceEvent::Disconnect, on_disconnect).ok();
            move || drop(watch)
        });
    }

    {
        let tag = lang.tag();
        use_effect_with(*lang, move |_| browser::set_document_language(tag));
    }

    // Admission, then the listener, then `ready`.
    {
        let request = props.request.clone();
        let phase = phase.clone();
        let lang = lang.clone();
        let ignored = ignored.clone();
        let ignored_count = ignored_count.clone();
        let listener = listener.clone();
        let root = root.clone();
        let height_watch = height_watch.clone();
        let demo_card = demo_card.clone();
        let pending = pending.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let admitted = match request {
                    Ok(request) => match glue::fetch_config().await {
                        Ok(config) => {
                            embed::admit(&request, &config, glue::parent_origin().as_deref())
                                .map(|()| (request, config.demo_card))
                        }
                        Err(error) => Err(error),
                    },
                    Err(error) => Err(error),
                };
                let request = match admitted {
                    Ok((request, offered)) => {
                        if offered {
                            *pending.borrow_mut() = Some(Pending::Demo("standard".into()));
                        }
                        demo_card.set(offered);
                        request
                    }
                    Err(error) => {
                        phase.set(Phase::Refused(error.to_string()));
                        return;
                    }
                };
                let started = Rc::new(Cell::new(false));
                let on_ignored: Rc<dyn Fn()> = {
                    let ignored = ignored.clone();
                    let ignored_count = ignored_count.clone();
                    Rc::new(move || {
                        ignored_count.borrow().set(ignored_count.borrow().get() + 1);
                        ignored.set(ignored_count.borrow().get());
                    })
                };
                let on_message: Rc<dyn Fn(Value)> = {
                    let id = request.id.clone();
                    let host = request.host.clone();
                    let phase = phase.clone();
                    let on_ignored = on_ignored.clone();
                    Rc::new(
                        move |message: Value| match embed::parse_init(&message, &id) {
                            // Only the first init counts; a second one changes nothing.
                            Ok(init) if !started.replace(true) => {
                                // Values the statement cannot carry (widget-protocol.md §2):
                                // the person sees the refusal, and the host is told at once.
                                let challenge = init.challenge.as_deref().unwrap_or_default();
                                if init.flow.needs_challenge()
                                    && Binding::new(challenge, host.as_str(), &init.relying_party)
                                        .is_err()
                                {
                                    let message = WidgetText::StatementRefused.get(init.lang);
                                    glue::post(
                                        &host,
                                        &id,
                                        &Outgoing::Error {
                                            code: "statement",
                                            message: message.to_owned(),
                                        },
                                    );
                                }
                                lang.set(init.lang);
                                phase.set(Phase::Running(Rc::new(init)));
                            }
                            _ => on_ignored(),
                        },
                    )
                };
                *listener.borrow_mut() =
                    glue::MessageListener::new(request.host.clone(), on_message, on_ignored);
                phase.set(Phase::Waiting);
                glue::post(&request.host, &request.id, &Outgoing::Ready);
                // From now on the host hears the height the content needs (widget-protocol.md §1.3).
                if let Some(element) = root.cast::<web_sys::Element>() {
                    let on_height: Rc<dyn Fn(u32)> = Rc::new(move |height| {
                        glue::post(&request.host, &request.id, &Outgoing::Resize { height })
                    });
                    *height_watch.borrow_mut() = glue::HeightWatch::new(element, on_height);
                }
            });
        });
    }

    let address: Option<(HostOrigin, InstanceId)> = props
        .request
        .as_ref()
        .ok()
        .map(|r| (r.host.clone(), r.id.clone()));
    let post = {
        let address = address.clone();
        let phase = phase.clone();
        Rc::new(move |message: Outgoing| {
            // Nothing is posted before admission, nor after a refusal.
            if let (Some((host, id)), Phase::Running(_)) = (&address, &*phase) {
                glue::post(host, id, &message);
            }
        })
    };

    let on_language = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| lang.set(chosen))
    };
    let on_persona = {
        let source = source.clone();
        let pending = pending.clone();
        let offered = *demo_card;
        Callback::from(move |chosen: String| {
            if !offered {
                return;
            }
            *pending.borrow_mut() = Some(Pending::Demo(chosen.clone()));
            source.set(Source::Demo { persona: chosen });
        })
    };
    let on_demo = {
        let source = source.clone();
        let notice = notice.clone();
        let pending = pending.clone();
        let offered = *demo_card;
        Callback::from(move |()| {
            if !offered {
                return;
            }
            *pending.borrow_mut() = Some(Pending::Demo("standard".into()));
            notice.set(None);
            source.set(Source::Demo {
                persona: "standard".into(),
            });
        })
    };
    let on_connect = {
        let source = source.clone();
        let notice = notice.clone();
        let pending = pending.clone();
        let usb_blocked = usb_blocked.clone();
        let in_use = in_use.clone();
        let offered = *demo_card;
        Callback::from(move |()| {
            let source = source.clone();
            let notice = notice.clone();
            let pending = pending.clone();
            let usb_blocked = usb_blocked.clone();
            let in_use = in_use.clone();
            let previous = (*source).clone();
            // requestDevice must start inside the click: the future is polled right away.
            spawn_local(async move {
                let (ids, classes) = usb_reader::chooser_filters();
                let device = match webusb::request_device(&ids, &classes).await {
                    Ok(device) => device,
                    Err(error) => {
                        if matches!(error, reader::usb::UsbError::PermissionsPolicy) {
                            usb_blocked.set(true);
                        }
                        notice.set(Some(ReaderNotice {
                            text: reader_notice::for_usb_error(&error),
                            technical: error.to_string(),
                        }));
                        source.set(previous);
                        return;
                    }
                };
                source.set(Source::Connecting);
                match usb_reader::connect(device).await {
                    Ok(reader) => {
                        *in_use.borrow_mut() = Some(reader.device);
                        *pending.borrow_mut() = Some(Pending::Channel(Box::new(reader.channel)));
                        notice.set(None);
                        source.set(Source::Reader(reader.description));
                    }
                    Err(problem) => {
                        notice.set(Some(reader_notice::for_problem(&problem)));
                        // Back to the demo card where one is offered, else to "no reader".
                        *pending.borrow_mut() = offered.then(|| Pending::Demo("standard".into()));
                        source.set(Source::Demo {
                            persona: "standard".into(),
                        });
                    }
                }
            });
        })
    };
    let connect = {
        let pending = pending.clone();
        Callback::from(move |()| {
            pending.borrow_mut().take().and_then(|next| match next {
                Pending::Demo(persona) => {
                    let card = sim::VirtualCard::new(sim::persona(&persona)?).ok()?;
                    Some(AppChannel::Demo(sim::SimChannel::new(card)))
                }
                Pending::Channel(channel) => Some(*channel),
            })
        })
    };
    let close = {
        let post = post.clone();
        Callback::from(move |_: MouseEvent| post(Outgoing::Close))
    };

    let source_key = match &*source {
        Source::Demo { persona } => format!("demo:{persona}"),
        Source::Connecting => "connecting".to_string(),
        // Losing the reader keeps the flow's screen, so its failure message stays readable.
        Source::Reader(reader) | Source::ReaderLost(reader) => format!("reader:{}", reader.ids),
    };
    let demo = *demo_card && matches!(*source, Source::Demo { .. });

    let content = match &*phase {
        Phase::Checking => {
            html! { <p class="progress" role="status">{ WidgetText::Preparing.view(*lang) }</p> }
        }
        Phase::Waiting => {
            html! { <p class="progress" role="status">{ WidgetText::WaitingForHost.view(*lang) }</p> }
        }
        Phase::Refused(technical) => html! {
            <section class="widget-refused" aria-labelledby="page-title">
                <h2 id="page-title">{ WidgetText::RefusedTitle.view(*lang) }</h2>
                <p>{ WidgetText::RefusedBody.view(*lang) }</p>
                <details class="technical"><summary>{ WidgetText::RefusedDetails.view(*lang) }</summary>
                    <p class="mono">{ technical.clone() }</p></details>
            </section>
        },
        Phase::Running(init) => {
            let flow = init.flow;
            let on_step = {
                let post = post.clone();
                Callback::from(move |step: &'static str| post(Outgoing::Step { flow, step }))
            };
            let on_result = {
                let post = post.clone();
                Callback::from(move |result: Value| post(Outgoing::Result { flow, result }))
            };
            let on_error = {
                let post = post.clone();
                Callback::from(move |(code, message): (&'static str, String)| {
                    post(Outgoing::Error { code, message })
                })
            };
            let reporter = EmbedReporter::new(
                flow,
                AttrValue::from(init.relying_party.clone()),
                post.clone(),
                last_step.clone(),
            );
            // Within the widget a flow may open only the pages listed in `detour_allowed`; its
            // own page means "back to the flow", which reports the flow's step again.
            let own_page = flow_page(flow);
            let on_navigate = {
                let detour = detour.clone();
                let reporter = reporter.clone();
                let last_step = last_step.clone();
                Callback::from(move |target: Page| {
                    if Some(target) == own_page {
                        detour.set(None);
                        if let Some(step) = last_step.get() {
                            reporter.step(step);
                        }
                    } else if let Some(step) = detour_step(flow, target) {
                        // Reported as the flow's step; the flow's own last step is kept.
                        let kept = last_step.get();
                        reporter.step(step);
                        last_step.set(kept);
                        detour.set(Some(target));
                    }
                })
            };
            let binding = address.as_ref().and_then(|(host, _)| {
                Binding::new(
                    init.challenge.as_deref().unwrap_or_default(),
                    host.as_str(),
                    &init.relying_party,
                )
                .ok()
            });
            let page = match (flow, binding) {
                (WidgetFlow::Insurance, _) => html! {
                    <InsurancePage key={source_key.clone()} session={(*session).clone()} connect={connect.clone()}
                        on_navigate={on_navigate.clone()} />
                },
                (WidgetFlow::Login, Some(binding)) => html! {
                    <CardLoginPage key={source_key.clone()} session={(*session).clone()} connect={connect.clone()}
                        binding={Rc::new(binding)} {on_step} {on_result} {on_error} />
                },
                (WidgetFlow::Submission, Some(binding)) => html! {
                    <SignedSubmissionPage key={source_key.clone()} session={(*session).clone()} connect={connect.clone()}
                        binding={Rc::new(binding)} data={init.data} {on_step} {on_result} {on_error} />
                },
                (WidgetFlow::Account, _) => html! {
                    <AccountPage key={source_key.clone()} session={(*session).clone()} connect={connect.clone()}
                        on_navigate={on_navigate.clone()} />
                },
                (WidgetFlow::Overseas, _) => html! {
                    <OverseasPage key={source_key.clone()} session={(*session).clone()} connect={connect.clone()}
                        on_navigate={on_navigate.clone()} />
                },
                (WidgetFlow::Phone, _) => html! { <PhonePage /> },
                // The host's values passed the message check but not the statement's rules.
                _ => html! {
                    <Notification severity={Severity::Error}><p>{ WidgetText::StatementRefused.view(*lang) }</p></Notification>
                },
            };
            let detour_view = match *detour {
                Some(Page::Document) => {
                    let back = {
                        let on_navigate = on_navigate.clone();
                        Callback::from(move |()| {
                            if let Some(page) = own_page {
                                on_navigate.emit(page);
                            }
                        })
                    };
                    html! {
                        <WidgetDetour on_back={back}><DocumentPage on_navigate={on_navigate.clone()} /></WidgetDetour>
                    }
                }
                _ => html! {},
            };
            html! {
                <ContextProvider<EmbedReporter> context={reporter}>
                    <div class="widget-flow" hidden={detour.is_some()}>{ page }</div>
                    { detour_view }
                    <ReaderPanel webusb={browser::has_webusb()} source={(*source).clone()} notice={(*notice).clone()}
                        {on_persona} {on_connect} {on_demo} demo_offered={*demo_card} />
                </ContextProvider<EmbedReporter>>
            }
        }
    };

    let theme = match &*phase {
        Phase::Running(init) => embed::theme_style(&init.theme),
        _ => String::new(),
    };

    html! {
        <ContextProvider<Lang> context={*lang}>
            <div class="widget-root" ref={root} data-widget={phase.id()} data-ignored-messages={ignored.to_string()} style={theme}>
                <header class="widget-header">
                    <h1 class="widget-title">
                        { Text::AppName.view(*lang) }
                        if demo && matches!(*phase, Phase::Running(_)) {
                            { " " }<span class="badge badge-demo">{ Text::DemoBadge.view(*lang) }</span>
                        }
                    </h1>
                    <LanguageSwitch on_change={on_language} />
                </header>
                <main id="main" class="widget-main" tabindex="-1">
                    if *usb_blocked && !matches!(*phase, Phase::Refused(_)) {
                        <div class="notice notice-warning widget-usb-policy" id="widget-usb-policy" role="alert">
                            <p><strong>{ WidgetText::UsbPolicyTitle.view(*lang) }</strong></p>
                            <p>{ if *demo_card { WidgetText::UsbPolicyBody } else { WidgetText::UsbPolicyBodyNoDemo }.view(*lang) }</p>
                        </div>
                    }
                    { content }
                </main>
                if matches!(*phase, Phase::Running(_)) {
                    <footer class="widget-footer">
                        <button type="button" class="button-secondary" id="widget-close" onclick={close}>{ WidgetText::Close.view(*lang) }</button>
                    </footer>
                }
            </div>
        </ContextProvider<Lang>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guidance_flow_goes_back_to_its_own_page_and_insurance_alone_opens_the_document_page() {
        assert_eq!(flow_page(WidgetFlow::Insurance), Some(Page::Insurance));
        assert_eq!(flow_page(WidgetFlow::Phone), Some(Page::Phone));
        assert_eq!(flow_page(WidgetFlow::Login), None);
        assert_eq!(
            detour_step(WidgetFlow::Insurance, Page::Document),
            Some("document")
        );
        assert_eq!(detour_step(WidgetFlow::Overseas, Page::Document), None);
        assert_eq!(detour_step(WidgetFlow::Insurance, Page::Home), None);
        assert_eq!(detour_step(WidgetFlow::Insurance, Page::CardStatus), None);
    }
}
