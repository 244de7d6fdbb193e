//! The APDU trace as hex, for "technical details". Commands that carry a PIN arrive already
//! redacted by the card crate (header and Lc only).

use card::TraceEntry;
use yew::prelude::*;

/// Props of [`TraceView`].
#[derive(Properties, PartialEq)]
pub struct TraceViewProps {
    /// The exchanges, in order.
    pub entries: Vec<TraceEntry>,
}

fn hex(bytes: &[u8], limit: usize) -> String {
    let join = |part: &[u8]| part.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ");
    if bytes.len() <= limit {
        return join(bytes);
    }
    // Long answers: the start, the length, and the status word at the end.
    let head = bytes.get(..limit.saturating_sub(2)).unwrap_or(bytes);
    let tail = bytes.get(bytes.len().saturating_sub(2)..).unwrap_or(&[]);
    format!("{} … ({} bytes) … {}", join(head), bytes.len(), join(tail))
}

/// A numbered list of command → response lines.
#[function_component(TraceView)]
pub fn trace_view(props: &TraceViewProps) -> Html {
    html! {
        <ol class="trace mono">
            { for props.entries.iter().map(|entry| {
                let command = if entry.is_redacted() {
                    format!("{} [{} bytes hidden]", hex(&entry.command, 8), entry.redacted_len)
                } else {
                    hex(&entry.command, 24)
                };
                html! { <li>{ format!("→ {command}  ← {}", hex(&entry.response, 12)) }</li> }
            }) }
        </ol>
    }
}
