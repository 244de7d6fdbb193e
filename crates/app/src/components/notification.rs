//! A notification banner after the Digital Agency design system (DADS): a coloured box with a
//! title and a body. Errors and warnings are `role="alert"` (read out at once), the rest
//! `role="status"`.

use yew::prelude::*;

/// How serious a notification is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Something went right.
    Success,
    /// Information.
    Info,
    /// Needs attention before going on.
    Warning,
    /// Something failed or blocks the procedure.
    Error,
}

impl Severity {
    fn class(self) -> &'static str {
        match self {
            Severity::Success => "notice-success",
            Severity::Info => "notice-info",
            Severity::Warning => "notice-warning",
            Severity::Error => "notice-error",
        }
    }

    fn role(self) -> &'static str {
        match self {
            Severity::Warning | Severity::Error => "alert",
            Severity::Success | Severity::Info => "status",
        }
    }
}

/// Props of [`Notification`].
#[derive(Properties, PartialEq)]
pub struct NotificationProps {
    /// Severity (colour, role).
    pub severity: Severity,
    /// Optional title.
    #[prop_or_default]
    pub title: Option<Html>,
    /// A stable id for tests and styling (`data-situation`, e.g. the §8 code).
    #[prop_or_default]
    pub code: Option<AttrValue>,
    /// The body.
    pub children: Html,
}

/// A notification banner.
#[function_component(Notification)]
pub fn notification(props: &NotificationProps) -> Html {
    html! {
        <div class={classes!("notice", "notification", props.severity.class())}
             role={ props.severity.role() } data-situation={ props.code.clone() }>
            if let Some(title) = &props.title {
                <p class="notification-title">{ title.clone() }</p>
            }
            <div class="notification-body">{ props.children.clone() }</div>
        </div>
    }
}
