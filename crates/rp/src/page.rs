//! The demo host page: a plain, accessible page of a fictional municipality (みほん市, Mihon
//! City) on the host origin. It lists the stored verified records (rendered by the server, so
//! the list is there without script) and has the two buttons the widget script drives.
//!
//! Stable ids and attributes (the demo page's script, `GET /demo-host.js`, relies on them):
//!
//! ```text
//! +---------------------------+---------------------------------------------------------------+
//! | selector                  | what                                                          |
//! +---------------------------+---------------------------------------------------------------+
//! | body[data-host-origin]    | this page's origin H                                          |
//! | body[data-widget-origin]  | the widget origin W (mount's `widgetOrigin`)                  |
//! | body[data-relying-party]  | the display name to pass as `relyingParty`                    |
//! | body[data-demo]           | "true" when test certificates are accepted, else "false"      |
//! | #demo-banner              | the demo notice (present only in demo mode)                   |
//! | #login-button             | "Log in with My Number Card"  → flow `login`                  |
//! | #register-button          | "Register account (signed)"   → flow `submission`             |
//! | #widget-area              | where the widget iframe is mounted                            |
//! | #status                   | role=status, aria-live=polite: what happened last             |
//! | #records                  | the records section; #records-body is its <tbody>, one <tr>   |
//! |                           | per record with data-record-kind and data-record-id           |
//! | #records-empty            | the "no records yet" paragraph (hidden when there are some)   |
//! +---------------------------+---------------------------------------------------------------+
//! ```
//! Scripts: `W/pkg/mynaweb-widget.js` (the embeddable script) and `/demo-host.js` (this origin).

use crate::store::Record;
use crate::trust::DEMO_NOTICE;

/// The relying party's display name on the demo page.
pub const RELYING_PARTY: &str = "みほん市 (Mihon City)";

/// HTML-escapes text for element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn record_row(r: &Record) -> String {
    let who = match &r.certificate.holder {
        Some(h) => {
            let parts = [
                h.name.as_deref(),
                h.date_of_birth.as_deref(),
                h.sex.as_deref(),
                h.address.as_deref(),
            ];
            parts
                .iter()
                .flatten()
                .map(|p| escape(p))
                .collect::<Vec<_>>()
                .join("<br>")
        }
        None => String::from("(user-authentication certificate: no personal data)"),
    };
    let data = if r.data.is_empty() {
        String::from("—")
    } else {
        let items: String = r
            .data
            .iter()
            .map(|(k, v)| format!("<li><code>{}</code>: {}</li>", escape(k), escape(v)))
            .collect();
        format!("<ul>{items}</ul>")
    };
    let what = match &r.flow {
        Some(flow) => format!("{} ({})", r.kind, escape(flow)),
        None => String::from("card login"),
    };
    format!(
        "<tr data-record-kind=\"{kind}\" data-record-id=\"{id}\"><td><time datetime=\"{at}\">{shown}</time></td><td>{what}</td>\
         <td>customer {cid}<br><small>serial {serial}<br>{issuer}</small></td><td>{who}</td><td>{data}</td></tr>\n",
        kind = r.kind,
        id = r.id,
        at = escape(&r.verified_at),
        shown = escape(&r.verified_at.replace('T', " ").replace('Z', "")),
        cid = r.customer_id,
        serial = escape(&r.certificate.serial),
        issuer = escape(&r.certificate.issuer),
    )
}

/// The whole page.
pub fn render(host_origin: &str, widget_origin: &str, demo: bool, records: &[Record]) -> String {
    let banner = if demo {
        format!(
            "<p id=\"demo-banner\" class=\"demo\" role=\"note\"><strong>{}</strong> — \
             this server accepts the simulator's test certificates, not real cards.</p>",
            escape(DEMO_NOTICE)
        )
    } else {
        String::new()
    };
    // In demo mode the widget starts on the simulator's card: say so, with its PINs (sim
    // persona.rs), or a visitor without a reader stops here or at the PIN dialog.
    let reader_line = if demo {
        "No card reader? The widget opens on a demo card of a fictional person: its PINs are \
         <strong>1234</strong>, the signature password <strong>ABC123</strong>. A real card \
         needs a USB card reader."
    } else {
        "You need a USB card reader."
    };
    let rows: String = records.iter().map(record_row).collect();
    let empty_hidden = if records.is_empty() { "" } else { " hidden" };
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mihon City online services — My Number Card</title>
<link rel="stylesheet" href="/host.css">
</head>
<body data-host-origin="{host}" data-widget-origin="{widget}" data-relying-party="{rp}" data-demo="{demo}">
<header>
<p class="city" lang="ja">みほん市</p>
<h1>Mihon City online services</h1>
<p>A fictional municipality showing how a local government embeds the mynaweb widget.</p>
</header>
<main>
{banner}
<section aria-labelledby="start-heading">
<h2 id="start-heading">Use your My Number Card</h2>
<p id="reader-note">{reader_line} The card signs in the widget below; this city's server checks the signature.</p>
<div class="actions">
<button type="button" id="login-button">Log in with My Number Card</button>
<button type="button" id="register-button">Register account (signed)</button>
</div>
<p id="status" role="status" aria-live="polite"></p>
<div id="widget-area"></div>
</section>
<section id="records" aria-labelledby="records-heading">
<h2 id="records-heading">Verified records stored by this server</h2>
<p id="records-empty"{empty_hidden}>No verified records yet.</p>
<table>
<caption>Newest first. Only what the card signed is stored: never a PIN, never the My Number.</caption>
<thead><tr><th scope="col">Verified at (UTC)</th><th scope="col">What</th><th scope="col">Certificate</th><th scope="col">Holder (4 items)</th><th scope="col">Signed data</th></tr></thead>
<tbody id="records-body">
{rows}</tbody>
</table>
</section>
</main>
<footer><p>Revocation is checked only against CRLs the city supplies from its JPKI platform; otherwise each answer says “not checked”. The latest-4-items check runs on the signature CA's CRL (POST /api/crl-check).</p></footer>
<script src="{widget}/pkg/mynaweb-widget.js"></script>
<script type="module" src="/demo-host.js"></script>
</body>
</html>
"#,
        host = escape(host_origin),
        widget = escape(widget_origin),
        rp = escape(RELYING_PARTY),
        demo = demo,
    )
}

/// The page's style sheet (plain, high contrast, large targets).
pub const CSS: &str = "\
body{font-family:system-ui,'Noto Sans JP',sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff;line-height:1.6}
header{border-bottom:4px solid #00417a;margin-bottom:1rem}
.city{font-size:1.25rem;font-weight:bold;color:#00417a;margin:0}
h1{margin:.25rem 0}
.demo{background:#fff3c4;border:2px solid #8a6d00;padding:.5rem 1rem}
.actions{display:flex;gap:1rem;flex-wrap:wrap}
button{font-size:1.1rem;padding:.75rem 1.25rem;min-height:44px;border:2px solid #00417a;background:#00417a;color:#fff;border-radius:6px;cursor:pointer}
button:focus-visible{outline:3px solid #c15c00;outline-offset:2px}
#register-button{background:#fff;color:#00417a}
#widget-area iframe{width:100%;min-height:36rem;border:1px solid #767676;margin-top:1rem}
table{border-collapse:collapse;width:100%;margin-top:.5rem}
caption{text-align:left;color:#333}
th,td{border:1px solid #767676;padding:.4rem;vertical-align:top;text-align:left}
td ul{margin:0;padding-left:1rem}
footer{margin-top:2rem;color:#333;font-size:.9rem}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn demo_page_says_so_and_carries_the_ids() {
        let page = render("http://127.0.0.1:8081", "http://127.0.0.1:8082", true, &[]);
        for needle in [
            "id=\"demo-banner\"",
            "demo: test certificates accepted",
            "id=\"login-button\"",
            "id=\"register-button\"",
            "id=\"widget-area\"",
            "id=\"records-body\"",
            "data-widget-origin=\"http://127.0.0.1:8082\"",
            "<script src=\"http://127.0.0.1:8082/pkg/mynaweb-widget.js\"></script>",
            "<p id=\"records-empty\">",
        ] {
            assert!(page.contains(needle), "{needle}");
        }
        assert!(page.contains(
            "<p id=\"reader-note\">No card reader? The widget opens on a demo card of a \
             fictional person: its PINs are <strong>1234</strong>, the signature password \
             <strong>ABC123</strong>. A real card needs a USB card reader. The card signs"
        ));
        let production = render("https://a.example", "https://w.example", false, &[]);
        assert!(production.contains("<p id=\"reader-note\">You need a USB card reader. The card signs"));
        assert!(!production.contains("1234"));
        assert!(!production.contains("demo-banner"));
        assert!(production.contains("data-demo=\"false\""));
    }
}
