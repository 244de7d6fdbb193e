//! How a guidance page tells the host page where the person is and how the flow ended, without
//! knowing about `postMessage` (docs/widget-protocol.md §1.1, §1.2).
//!
//! ```text
//!  WidgetApp (embed mode)  ── ContextProvider<EmbedReporter> ──►  page
//!                                                                 use_embed_report(step, outcome)
//!  reporter.step(id)     → { "type": "step",   "flow": F, "step": id }
//!  reporter.finish(json) → { "type": "result", "flow": F, "summary": json }
//!  outside embed mode: no context, the hook does nothing
//! ```
//!
//! The summaries are built here from the flows' own states, so what reaches the host is decided
//! in one place (widget-protocol.md §1.2, as a table):
//!
//! | Flow      | When                                   | `summary`                                                         |
//! |-----------|----------------------------------------|-------------------------------------------------------------------|
//! | insurance | R2 shown                               | `{"outcome":"needs-attention","problems":[…],"channels":[…]}`     |
//! | insurance | R4 shown                               | `{"outcome":"ready","channel":"mynaportal"\|"clinic"\|"atm"}`     |
//! | overseas  | a checklist shown                      | `{"outcome":"checklist","checklist":<kind>}`                      |
//! | overseas  | not eligible                           | `{"outcome":"not-eligible"}` (no reason: it would say who)         |
//! | phone     | the advice shown                       | `{"outcome":"advice","advice":<advice id>}`                       |
//! | account   | the person pressed "send to <RP>" (A7) | `{"outcome":"account","mode":…,"account":{<§2 keys>}}`            |

use std::cell::Cell;
use std::rc::Rc;

use flows::account::flow::{AccountFlow, AccountMode, AccountStep};
use flows::insurance::{Channel, RegistrationProblem, RegistrationState};
use flows::overseas::{ChecklistKind, Screen as OverseasScreen};
use serde_json::{json, Value};
use yew::prelude::*;

use crate::embed::{Outgoing, WidgetFlow};
use crate::i18n::widget_report::{self as text, ReportText};
use crate::i18n::Lang;

/// Reports a guidance flow's steps and outcome to the host page. Provided by the widget root in
/// embed mode only; pages reach it through [`use_embed_report`] and [`WidgetSend`].
#[derive(Clone)]
pub struct EmbedReporter {
    flow: WidgetFlow,
    relying_party: AttrValue,
    post: Rc<dyn Fn(Outgoing)>,
    last_step: Rc<Cell<Option<&'static str>>>,
}

impl PartialEq for EmbedReporter {
    fn eq(&self, other: &Self) -> bool {
        self.flow == other.flow
            && self.relying_party == other.relying_party
            && Rc::ptr_eq(&self.post, &other.post)
            && Rc::ptr_eq(&self.last_step, &other.last_step)
    }
}

impl EmbedReporter {
    /// A reporter for `flow` that hands each message to `post`; `last_step` keeps the id of the
    /// step last reported (shared across renders, so the root can report it again).
    pub fn new(
        flow: WidgetFlow,
        relying_party: AttrValue,
        post: Rc<dyn Fn(Outgoing)>,
        last_step: Rc<Cell<Option<&'static str>>>,
    ) -> Self {
        EmbedReporter {
            flow,
            relying_party,
            post,
            last_step,
        }
    }

    /// The screen now shown (a stable id, widget-protocol.md §1.1).
    pub fn step(&self, id: &'static str) {
        self.last_step.set(Some(id));
        (self.post)(Outgoing::Step {
            flow: self.flow,
            step: id,
        });
    }

    /// The flow's outcome (widget-protocol.md §1.2).
    pub fn finish(&self, summary: Value) {
        (self.post)(Outgoing::Summary {
            flow: self.flow,
            summary,
        });
    }

    /// The relying party's display name, as the host gave it.
    pub fn relying_party(&self) -> &AttrValue {
        &self.relying_party
    }
}

/// Reports `step` whenever it changes and `outcome` whenever it becomes a new `Some` — in embed
/// mode; elsewhere it does nothing. Call it once, unconditionally, near the page's top.
#[hook]
pub fn use_embed_report(step: &'static str, outcome: Option<Value>) {
    let reporter = use_context::<EmbedReporter>();
    {
        let reporter = reporter.clone();
        use_effect_with(step, move |step| {
            if let Some(reporter) = reporter {
                reporter.step(step);
            }
        });
    }
    use_effect_with(outcome, move |outcome| {
        if let (Some(reporter), Some(summary)) = (reporter, outcome) {
            reporter.finish(summary.clone());
        }
    });
}

/// The insurance pre-check's outcome (flows.md §1A): R2's problems and the channels still open,
/// or R4's channel. Dates and PIN counters stay out.
pub fn insurance_summary(state: &RegistrationState) -> Option<Value> {
    match state {
        RegistrationState::Problems { problems, channels } => Some(json!({
            "outcome": "needs-attention",
            "problems": problems.iter().map(problem_id).collect::<Vec<_>>(),
            "channels": channels.iter().map(|c| channel_id(*c)).collect::<Vec<_>>(),
        })),
        RegistrationState::Done { channel } => {
            Some(json!({ "outcome": "ready", "channel": channel_id(*channel) }))
        }
        _ => None,
    }
}

fn problem_id(problem: &RegistrationProblem) -> &'static str {
    match problem {
        RegistrationProblem::CertificateExpired { .. } => "certificate-expired",
        RegistrationProblem::UserAuthPinLocked => "auth-pin-locked",
        RegistrationProblem::FaceOnlyCard => "face-only-card",
        _ => "other",
    }
}

fn channel_id(channel: Channel) -> &'static str {
    match channel {
        Channel::Mynaportal => "mynaportal",
        Channel::ClinicReader => "clinic",
        Channel::SevenBankAtm => "atm",
    }
}

/// The overseas wizard's outcome (flows.md §3): the checklist's kind (the ids of the page's
/// `data-kind`), or "not eligible" without the reason.
pub fn overseas_summary(screen: &OverseasScreen) -> Option<Value> {
    match screen {
        OverseasScreen::Checklist { kind, .. } => {
            let kind = match kind {
                ChecklistKind::ContinuedUse => "continued-use",
                ChecklistKind::NewCardBeforeLeaving => "new-card-before-leaving",
                ChecklistKind::MaintenanceAbroad => "maintenance-abroad",
                ChecklistKind::NewCardFromAbroad => "new-card-from-abroad",
            };
            Some(json!({ "outcome": "checklist", "checklist": kind }))
        }
        OverseasScreen::NotEligible(_) => Some(json!({ "outcome": "not-eligible" })),
        _ => None,
    }
}

/// The smartphone helper's outcome (flows.md §4.2): the advice's id (the page's `data-advice`).
pub fn phone_summary(advice: &'static str) -> Value {
    json!({ "outcome": "advice", "advice": advice })
}

/// The account flow's outcome (flows.md §2): the checked values of the copy sheet (A7), with the
/// keys of the signed statement (widget-protocol.md §2). `None` before A7 or with a value
/// missing. Only [`WidgetSend`] posts it, when the person presses its button.
pub fn account_summary(flow: &AccountFlow) -> Option<Value> {
    if flow.step != AccountStep::HandOff {
        return None;
    }
    let values = &flow.values;
    let mode = match flow.mode? {
        AccountMode::Register => "register",
        AccountMode::Change => "change",
        _ => return None,
    };
    Some(json!({
        "outcome": "account",
        "mode": mode,
        "account": {
            "bank_code": values.bank.as_ref()?.code.as_str(),
            "branch_code": values.branch.as_ref()?.code.as_str(),
            "account_type": values.account_type?.cli_name(),
            "account_number": values.number.as_ref()?.as_str(),
            "holder_kana": values.holder.as_ref()?.as_str(),
        },
    }))
}

/// Props of [`WidgetSend`].
#[derive(Properties, PartialEq)]
pub struct WidgetSendProps {
    /// What the button sends; nothing is shown while it is `None`.
    pub summary: Option<Value>,
}

/// In embed mode, the explicit "send to <relying party>" step: says that nothing has been sent,
/// what pressing the button sends and to whom, and after the press that it was sent. Renders
/// nothing outside embed mode.
#[function_component(WidgetSend)]
pub fn widget_send(props: &WidgetSendProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let reporter = use_context::<EmbedReporter>();
    let sent = use_state(|| None::<Value>);
    let (Some(reporter), Some(summary)) = (reporter, props.summary.clone()) else {
        return html! {};
    };
    let already = sent.as_ref() == Some(&summary);
    let relying_party = reporter.relying_party().clone();
    let send = {
        let sent = sent.clone();
        let summary = summary.clone();
        Callback::from(move |_: MouseEvent| {
            reporter.finish(summary.clone());
            sent.set(Some(summary.clone()));
        })
    };
    html! {
        <section class="notice notice-info widget-send no-print" id="widget-send" aria-labelledby="widget-send-title">
            <h4 id="widget-send-title">{ ReportText::SendTitle.view(lang) }</h4>
            <p>{ ReportText::SendExplain.view(lang) }</p>
            <p>{ ReportText::SendRecipient.view(lang) }{ ": " }<strong class="widget-send-to">{ relying_party.clone() }</strong></p>
            if already {
                <p class="widget-sent" role="status">{ ReportText::Sent.view(lang) }</p>
            } else {
                <div class="actions">
                    <button type="button" class="button-primary" id="widget-send-button" onclick={send}>
                        { text::send_button(lang, &relying_party) }
                    </button>
                </div>
            }
        </section>
    }
}

/// Props of [`WidgetDetour`].
#[derive(Properties, PartialEq)]
pub struct WidgetDetourProps {
    /// Back to the flow.
    pub on_back: Callback<()>,
    /// The page the flow opened.
    pub children: Html,
}

/// A page a flow opened inside the widget (the insurance pre-check's "which document do I
/// show?"), with the way back to the flow above it.
#[function_component(WidgetDetour)]
pub fn widget_detour(props: &WidgetDetourProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let back = {
        let on_back = props.on_back.clone();
        Callback::from(move |_: MouseEvent| on_back.emit(()))
    };
    html! {
        <div class="widget-detour">
            <div class="actions">
                <button type="button" class="button-secondary" id="widget-back-to-flow" onclick={back}>
                    { ReportText::BackToFlow.view(lang) }
                </button>
            </div>
            { props.children.clone() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use flows::account::flow::AccountValues;
    use flows::account::{
        to_zengin, AccountNumber, AccountType, BankCode, BankEntry, BranchCode, BranchEntry,
    };
    use flows::date::CivilDate;
    use flows::overseas::NotEligible;

    #[test]
    fn the_reporter_posts_steps_and_summaries_of_its_flow_and_remembers_the_last_step() {
        let posted = Rc::new(std::cell::RefCell::new(Vec::new()));
        let sink = posted.clone();
        let last = Rc::new(Cell::new(None));
        let reporter = EmbedReporter::new(
            WidgetFlow::Overseas,
            AttrValue::from("Mihon City"),
            Rc::new(move |message| sink.borrow_mut().push(message)),
            last.clone(),
        );
        reporter.step("q1");
        reporter.step("checklist");
        reporter.finish(json!({"outcome": "not-eligible"}));
        assert_eq!(
            *posted.borrow(),
            vec![
                Outgoing::Step {
                    flow: WidgetFlow::Overseas,
                    step: "q1"
                },
                Outgoing::Step {
                    flow: WidgetFlow::Overseas,
                    step: "checklist"
                },
                Outgoing::Summary {
                    flow: WidgetFlow::Overseas,
                    summary: json!({"outcome": "not-eligible"})
                },
            ]
        );
        assert_eq!(last.get(), Some("checklist"));
        assert_eq!(reporter.relying_party().as_str(), "Mihon City");
        assert!(reporter == reporter.clone());
    }

    #[test]
    fn insurance_reports_the_outcome_without_dates_or_counters() {
        let problems = RegistrationState::Problems {
            problems: vec![
                RegistrationProblem::CertificateExpired {
                    valid_until: CivilDate::new(2025, 3, 31).unwrap(),
                },
                RegistrationProblem::UserAuthPinLocked,
            ],
            channels: vec![Channel::ClinicReader],
        };
        assert_eq!(
            insurance_summary(&problems),
            Some(
                json!({"outcome": "needs-attention", "problems": ["certificate-expired", "auth-pin-locked"], "channels": ["clinic"]})
            )
        );
        assert_eq!(
            insurance_summary(&RegistrationState::Done {
                channel: Channel::SevenBankAtm
            }),
            Some(json!({"outcome": "ready", "channel": "atm"}))
        );
        assert_eq!(insurance_summary(&RegistrationState::BeforeYouStart), None);
        assert_eq!(
            insurance_summary(&RegistrationState::ChooseChannel {
                channels: vec![Channel::Mynaportal],
                chosen: None
            }),
            None
        );
    }

    #[test]
    fn overseas_reports_the_checklist_kind_and_never_why_someone_is_not_eligible() {
        let checklist = OverseasScreen::Checklist {
            kind: ChecklistKind::MaintenanceAbroad,
            items: vec![],
        };
        assert_eq!(
            overseas_summary(&checklist),
            Some(json!({"outcome": "checklist", "checklist": "maintenance-abroad"}))
        );
        assert_eq!(
            overseas_summary(&OverseasScreen::NotEligible(NotEligible::ForeignNational)),
            Some(json!({"outcome": "not-eligible"}))
        );
        assert_eq!(
            overseas_summary(&OverseasScreen::Ask(
                flows::overseas::Question::DepartureDate
            )),
            None
        );
    }

    #[test]
    fn phone_reports_the_advice_id() {
        assert_eq!(
            phone_summary("call-to-suspend"),
            json!({"outcome": "advice", "advice": "call-to-suspend"})
        );
    }

    fn handed_off(mode: AccountMode) -> AccountFlow {
        AccountFlow {
            step: AccountStep::HandOff,
            mode: Some(mode),
            values: AccountValues {
                bank: Some(BankEntry {
                    code: BankCode::parse("0001").unwrap(),
                    name: "みずほ".into(),
                    kana: "ミズホ".into(),
                }),
                branch: Some(BranchEntry {
                    code: BranchCode::parse("001").unwrap(),
                    name: "東京営業部".into(),
                    kana: "トウキヨウ".into(),
                }),
                account_type: Some(AccountType::Futsu),
                number: Some(AccountNumber::parse("1234567").unwrap()),
                holder: Some(to_zengin("ﾔﾏﾀﾞ ﾀﾛｳ").unwrap()),
            },
            ..AccountFlow::default()
        }
    }

    #[test]
    fn account_summary_holds_the_checked_values_under_the_statement_keys_only_at_a7() {
        assert_eq!(
            account_summary(&handed_off(AccountMode::Change)),
            Some(json!({"outcome": "account", "mode": "change", "account": {
                "bank_code": "0001", "branch_code": "001", "account_type": "futsu",
                "account_number": "1234567", "holder_kana": "ﾔﾏﾀﾞ ﾀﾛｳ"}}))
        );
        let review = AccountFlow {
            step: AccountStep::Review,
            ..handed_off(AccountMode::Register)
        };
        assert_eq!(account_summary(&review), None);
        let mut missing = handed_off(AccountMode::Register);
        missing.values.number = None;
        assert_eq!(account_summary(&missing), None);
        assert_eq!(account_summary(&handed_off(AccountMode::Confirm)), None);
    }
}
