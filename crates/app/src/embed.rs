//! Embed mode: the app inside a host page's iframe, talking to that page only through
//! `postMessage` (docs/widget-protocol.md §1).
//!
//! ```text
//!  widget URL   W/?embed=1&host=H&id=ID[&lang=L]  (the host script, pkg/mynaweb-widget.js)
//!  admission    H ∈ W/widget-config.json "allowedHostOrigins"
//!               and H == location.ancestorOrigins[0] where the browser has it
//!  messages     { "mynaweb": 1, "type": T, "id": ID, … }   (widget-protocol.md §1 table)
//!               in:  only event.origin == H and event.source == window.parent, valid shape
//!               out: window.parent.postMessage(message, H) — never "*"
//! ```
//!
//! The pure part (query, origin, config and message parsing, theme checks) is plain Rust tested
//! natively; [`browser`] is the thin glue to `window`. Nothing about the person is ever put in a
//! URL: the query carries only the host's origin and the instance id.

use serde_json::{json, Map, Value};

use crate::i18n::Lang;

/// The protocol version every message carries as `"mynaweb": 1` (widget-protocol.md §1).
pub const PROTOCOL_VERSION: u64 = 1;

/// Longest relying-party display name (widget-protocol.md §1, `init.relyingParty`).
pub const MAX_RELYING_PARTY_CHARS: usize = 80;

/// Why an embed request or a message was refused. Never contains anything the person typed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedError {
    /// `embed=1` came without a usable `host` or `id`.
    #[error("the widget URL lacks {0}")]
    MissingParameter(&'static str),
    /// `host` is not a serialized origin in lower case (scheme "://" host [":" port]).
    #[error("the host is not a serialized origin: {0}")]
    BadOrigin(String),
    /// `id` is not 1–64 characters of [A-Za-z0-9_-].
    #[error("the instance id is not 1–64 characters of A–Z, a–z, 0–9, '_' or '-'")]
    BadInstanceId,
    /// widget-config.json could not be read or is not `{"allowedHostOrigins": [..]}`.
    #[error("widget-config.json is unusable: {0}")]
    Config(String),
    /// The host is not in widget-config.json.
    #[error("{0} is not allowed to embed this widget")]
    HostNotAllowed(String),
    /// The browser says the parent page has another origin than the one claimed.
    #[error("the page embedding the widget is {actual}, not {claimed}")]
    NotTheParent {
        /// The origin in the URL.
        claimed: String,
        /// `location.ancestorOrigins[0]`.
        actual: String,
    },
    /// A message is not `{ "mynaweb": 1, "type": …, "id": <this instance>, … }` of a known shape.
    #[error("message shape: {0}")]
    Shape(&'static str),
}

/// A serialized origin in lower case, `http(s)://host[:port]` and nothing after, by the same
/// rules the statement's `origin:` line follows ([`pki::rp::Origin`]): what the widget admits is
/// exactly what it can sign.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostOrigin(String);

impl HostOrigin {
    /// Accepts exactly a browser's serialization of an origin: scheme `http` or `https`, `://`,
    /// a lower-case host (or a canonical bracketed IPv6 literal), an optional `:port` that is not
    /// the scheme's default — no path, no trailing `/`, no user info.
    pub fn parse(text: &str) -> Result<Self, EmbedError> {
        pki::rp::Origin::parse(text)
            .map(|origin| HostOrigin(origin.as_str().to_owned()))
            .map_err(|_| EmbedError::BadOrigin(text.chars().take(100).collect()))
    }

    /// The origin as text (what `postMessage` takes as its target origin).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The instance id the host script put in the iframe URL; every message carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceId(String);

impl InstanceId {
    /// 1–64 characters of [A-Za-z0-9_-].
    pub fn parse(text: &str) -> Result<Self, EmbedError> {
        let ok = (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if ok {
            Ok(InstanceId(text.to_owned()))
        } else {
            Err(EmbedError::BadInstanceId)
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the widget URL asks for: embed for host `host`, as instance `id`, in language `lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedRequest {
    /// The host page's origin (H).
    pub host: HostOrigin,
    /// The instance id.
    pub id: InstanceId,
    /// The host's `lang` option (`ja`, `en`, `ja-easy`), so that even the screens shown before
    /// `init` (preparing, "this site is not allowed") speak it; `None` when absent or unknown.
    pub lang: Option<Lang>,
}

/// Reads `?embed=1&host=H&id=ID[&lang=L]` (percent-encoded or not). `None` when the URL does
/// not ask for embed mode (`embed` absent or not `1`): the app then runs as a page of its own.
///
/// ```text
/// key    value                                  when wrong
/// embed  "1"                                    not embed mode
/// host   serialized origin, lower case          refused (BadOrigin / MissingParameter)
/// id     1–64 of [A-Za-z0-9_-]                  refused (BadInstanceId / MissingParameter)
/// lang   "ja" | "en" | "ja-easy" (optional)     ignored: the browser's language is used
/// ```
pub fn parse_query(search: &str) -> Option<Result<EmbedRequest, EmbedError>> {
    let mut embed = None;
    let mut host = None;
    let mut id = None;
    let mut lang = None;
    for pair in search.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "embed" => embed = Some(value),
            "host" => host = Some(value),
            "id" => id = Some(value),
            "lang" => lang = value,
            _ => {}
        }
    }
    if embed?.as_deref() != Some("1") {
        return None;
    }
    Some((|| {
        let host = host.flatten().ok_or(EmbedError::MissingParameter("host"))?;
        let id = id.flatten().ok_or(EmbedError::MissingParameter("id"))?;
        Ok(EmbedRequest {
            host: HostOrigin::parse(&host)?,
            id: InstanceId::parse(&id)?,
            lang: lang.and_then(|id| Lang::ALL.into_iter().find(|l| l.id() == id)),
        })
    })())
}

/// `%XX` and `+` decoding of a query value; `None` when an escape is malformed or the bytes
/// are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = core::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The language the widget starts in: the host's `lang=` if it gave one, else the first of the
/// browser's languages (`navigator.languages`) the app speaks, else Japanese.
pub fn starting_language(requested: Option<Lang>, browser_tags: &[String]) -> Lang {
    requested
        .or_else(|| browser_tags.iter().find_map(|tag| Lang::from_tag(tag)))
        .unwrap_or_default()
}

/// `widget-config.json` on the widget's own origin (widget-protocol.md §1 "Widget side
/// allow-list"). A static build has no such file: the widget then refuses every host.
///
/// ```text
/// key                  type                  absent
/// allowedHostOrigins   [serialized origin]   unusable file
/// demoCard             true | false          false: no demo card, the person connects a reader
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WidgetConfig {
    /// The origins allowed to embed the widget.
    pub allowed_host_origins: Vec<HostOrigin>,
    /// Whether the embedded flows start on the simulator's demo card (a demo server that
    /// accepts test certificates); otherwise they start with no card and ask for a reader.
    pub demo_card: bool,
}

impl WidgetConfig {
    /// Parses the file. An entry that is not a serialized origin, or a `demoCard` that is not
    /// a boolean, makes the file unusable (a typo must not silently allow or refuse a host, nor
    /// put a fictional card in front of citizens).
    pub fn parse(json: &str) -> Result<Self, EmbedError> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| EmbedError::Config(e.to_string()))?;
        let list = value
            .get("allowedHostOrigins")
            .and_then(Value::as_array)
            .ok_or_else(|| EmbedError::Config("no \"allowedHostOrigins\" array".into()))?;
        let allowed_host_origins = list
            .iter()
            .map(|entry| {
                entry
                    .as_str()
                    .ok_or_else(|| EmbedError::Config("an entry is not a string".into()))
            })
            .map(|entry| entry.and_then(HostOrigin::parse))
            .collect::<Result<_, _>>()?;
        let demo_card = match value.get("demoCard") {
            None => false,
            Some(flag) => flag
                .as_bool()
                .ok_or_else(|| EmbedError::Config("\"demoCard\" is not true or false".into()))?,
        };
        Ok(WidgetConfig {
            allowed_host_origins,
            demo_card,
        })
    }
}

/// Decides whether the widget may serve `request`: its host is listed in `config`, and, when the
/// browser tells the parent's origin (`ancestor`), it is that origin.
pub fn admit(
    request: &EmbedRequest,
    config: &WidgetConfig,
    ancestor: Option<&str>,
) -> Result<(), EmbedError> {
    if !config.allowed_host_origins.contains(&request.host) {
        return Err(EmbedError::HostNotAllowed(request.host.as_str().to_owned()));
    }
    match ancestor {
        Some(actual) if actual != request.host.as_str() => Err(EmbedError::NotTheParent {
            claimed: request.host.as_str().to_owned(),
            actual: actual.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// The flows a widget can mount (widget-protocol.md §1 "Flows").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WidgetFlow {
    /// Insurance-use registration pre-check (flows.md §1A).
    Insurance,
    /// 公金受取口座 registration, confirmation or change (flows.md §2.6).
    Account,
    /// Guidance for taking the card abroad (flows.md §3).
    Overseas,
    /// Smartphone certificate helper (flows.md §4).
    Phone,
    /// Card login: the auth key signs a login statement (widget-protocol.md §2, §3).
    Login,
    /// Signed submission: the signature key signs a submission statement (flows.md §5.2).
    Submission,
}

impl WidgetFlow {
    /// The flows this build offers, as announced in `ready` (widget-protocol.md §1 "Flows").
    pub const OFFERED: [WidgetFlow; 6] = [
        WidgetFlow::Insurance,
        WidgetFlow::Account,
        WidgetFlow::Overseas,
        WidgetFlow::Phone,
        WidgetFlow::Login,
        WidgetFlow::Submission,
    ];

    /// The protocol name.
    pub fn name(self) -> &'static str {
        match self {
            WidgetFlow::Insurance => "insurance",
            WidgetFlow::Account => "account",
            WidgetFlow::Overseas => "overseas",
            WidgetFlow::Phone => "phone",
            WidgetFlow::Login => "login",
            WidgetFlow::Submission => "submission",
        }
    }

    /// The flow of a protocol name, if this build offers it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::OFFERED.into_iter().find(|flow| flow.name() == name)
    }

    /// Whether the flow returns a card-backed result and therefore needs a challenge.
    pub fn needs_challenge(self) -> bool {
        matches!(self, WidgetFlow::Login | WidgetFlow::Submission)
    }
}

/// What a signed submission signs (widget-protocol.md §2 `flow:`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SubmissionData {
    /// The §6.2 consent text (flows.md §6.2).
    #[default]
    Consent,
    /// The 公金受取口座 fields (flows.md §2).
    Account,
}

impl SubmissionData {
    /// The statement's `flow:` value.
    pub fn name(self) -> &'static str {
        match self {
            SubmissionData::Consent => "consent",
            SubmissionData::Account => "account",
        }
    }
}

/// The design tokens a host may set (the `--color-*` custom properties of www/style.css).
pub const THEME_TOKENS: [&str; 8] = [
    "color-primary",
    "color-on-primary",
    "color-text",
    "color-bg",
    "color-surface",
    "color-border",
    "color-link",
    "color-focus",
];

/// An allowed token and a `#rrggbb` colour, both checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeEntry {
    /// One of [`THEME_TOKENS`].
    pub token: &'static str,
    /// `#` and six hex digits.
    pub colour: String,
}

/// The theme entries of `value` that are allowed; anything else is left out (the theme only
/// changes colours, so a bad entry never stops the flow).
pub fn theme_entries(value: Option<&Value>) -> Vec<ThemeEntry> {
    let Some(object) = value.and_then(Value::as_object) else {
        return Vec::new();
    };
    THEME_TOKENS
        .iter()
        .filter_map(|&token| {
            let colour = object.get(token)?.as_str()?;
            let hex = colour.strip_prefix('#')?;
            (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| ThemeEntry {
                token,
                colour: colour.to_ascii_lowercase(),
            })
        })
        .collect()
}

/// The theme as a `style` attribute value: `--color-primary:#123456;…` (only checked tokens and
/// colours reach it, so it cannot carry anything else).
pub fn theme_style(entries: &[ThemeEntry]) -> String {
    entries
        .iter()
        .map(|entry| format!("--{}:{};", entry.token, entry.colour))
        .collect()
}

/// The host's `init` (widget-protocol.md §1), checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Init {
    /// The flow to show.
    pub flow: WidgetFlow,
    /// The language to start in (the person may switch).
    pub lang: Lang,
    /// The relying party's display name (≤ 80 characters, no control characters).
    pub relying_party: String,
    /// The server's one-time challenge (login and submission).
    pub challenge: Option<String>,
    /// What a submission signs (`data`: `account` or `consent`; consent when absent).
    pub data: SubmissionData,
    /// The allowed theme entries.
    pub theme: Vec<ThemeEntry>,
}

/// Whether `challenge` has the statement's form: 16–128 characters of [A-Za-z0-9_-]
/// (widget-protocol.md §2).
pub fn is_challenge(challenge: &str) -> bool {
    (16..=128).contains(&challenge.len())
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Checks the envelope `{ "mynaweb": 1, "type": …, "id": <id> }` and returns the type.
pub fn envelope_type<'a>(message: &'a Value, id: &InstanceId) -> Result<&'a str, EmbedError> {
    let object = message
        .as_object()
        .ok_or(EmbedError::Shape("not an object"))?;
    if object.get("mynaweb").and_then(Value::as_u64) != Some(PROTOCOL_VERSION) {
        return Err(EmbedError::Shape("\"mynaweb\" is not 1"));
    }
    if object.get("id").and_then(Value::as_str) != Some(id.as_str()) {
        return Err(EmbedError::Shape("\"id\" is not this widget's"));
    }
    object
        .get("type")
        .and_then(Value::as_str)
        .ok_or(EmbedError::Shape("no \"type\""))
}

/// Parses an `init` message addressed to instance `id`.
pub fn parse_init(message: &Value, id: &InstanceId) -> Result<Init, EmbedError> {
    if envelope_type(message, id)? != "init" {
        return Err(EmbedError::Shape("not an init message"));
    }
    let flow = message
        .get("flow")
        .and_then(Value::as_str)
        .and_then(WidgetFlow::from_name)
        .ok_or(EmbedError::Shape(
            "\"flow\" is not a flow this widget offers",
        ))?;
    let lang = match message.get("lang") {
        None => Lang::default(),
        Some(lang) => lang
            .as_str()
            .and_then(|id| Lang::ALL.into_iter().find(|l| l.id() == id))
            .ok_or(EmbedError::Shape("\"lang\" is not ja, en or ja-easy"))?,
    };
    let relying_party = message
        .get("relyingParty")
        .and_then(Value::as_str)
        .filter(|name| {
            let count = name.chars().count();
            (1..=MAX_RELYING_PARTY_CHARS).contains(&count)
                && !name.chars().any(char::is_control)
                && !name.trim().is_empty()
        })
        .ok_or(EmbedError::Shape(
            "\"relyingParty\" must be 1–80 characters without control characters",
        ))?
        .to_owned();
    let challenge = match message.get("challenge") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_str()
                .filter(|c| is_challenge(c))
                .ok_or(EmbedError::Shape(
                    "\"challenge\" must be 16–128 characters of A–Z a–z 0–9 _ -",
                ))?
                .to_owned(),
        ),
    };
    if flow.needs_challenge() && challenge.is_none() {
        return Err(EmbedError::Shape("this flow needs a \"challenge\""));
    }
    let data = match message.get("data").and_then(Value::as_str) {
        None => SubmissionData::Consent,
        Some("consent") => SubmissionData::Consent,
        Some("account") => SubmissionData::Account,
        Some(_) => return Err(EmbedError::Shape("\"data\" is not account or consent")),
    };
    Ok(Init {
        flow,
        lang,
        relying_party,
        challenge,
        data,
        theme: theme_entries(message.get("theme")),
    })
}

/// A message the widget posts to the host (widget-protocol.md §1).
#[derive(Clone, Debug, PartialEq)]
pub enum Outgoing {
    /// The widget is up and admitted the host.
    Ready,
    /// The screen now shown.
    Step {
        /// The flow.
        flow: WidgetFlow,
        /// A stable id of the screen.
        step: &'static str,
    },
    /// A card-backed result (widget-protocol.md §3).
    Result {
        /// The flow.
        flow: WidgetFlow,
        /// The §3 result object.
        result: Value,
    },
    /// A guidance flow's outcome (widget-protocol.md §1.2): posted as `result` with `summary`
    /// instead of `result`. It holds the outcome only, nothing about the person unless sharing it
    /// is the flow's purpose and the person pressed the button that sends it.
    Summary {
        /// The flow.
        flow: WidgetFlow,
        /// The §1.2 summary object.
        summary: Value,
    },
    /// The height the widget's content needs, in CSS pixels (widget-protocol.md §1.3).
    Resize {
        /// The content's height.
        height: u32,
    },
    /// Something went wrong; `message` is in the widget's language and never holds a PIN.
    Error {
        /// A stable id.
        code: &'static str,
        /// For people.
        message: String,
    },
    /// The person closed the widget.
    Close,
}

impl Outgoing {
    /// The message object for instance `id`.
    pub fn to_json(&self, id: &InstanceId) -> Value {
        let mut object = Map::new();
        object.insert("mynaweb".into(), json!(PROTOCOL_VERSION));
        object.insert("id".into(), json!(id.as_str()));
        let kind = match self {
            Outgoing::Ready => {
                let flows: Vec<&str> = WidgetFlow::OFFERED.iter().map(|f| f.name()).collect();
                object.insert("flows".into(), json!(flows));
                "ready"
            }
            Outgoing::Step { flow, step } => {
                object.insert("flow".into(), json!(flow.name()));
                object.insert("step".into(), json!(step));
                "step"
            }
            Outgoing::Result { flow, result } => {
                object.insert("flow".into(), json!(flow.name()));
                object.insert("result".into(), result.clone());
                "result"
            }
            Outgoing::Summary { flow, summary } => {
                object.insert("flow".into(), json!(flow.name()));
                object.insert("summary".into(), summary.clone());
                "result"
            }
            Outgoing::Resize { height } => {
                object.insert("height".into(), json!(height));
                "resize"
            }
            Outgoing::Error { code, message } => {
                object.insert("code".into(), json!(code));
                object.insert("message".into(), json!(message));
                "error"
            }
            Outgoing::Close => "close",
        };
        object.insert("type".into(), json!(kind));
        Value::Object(object)
    }
}

/// The largest height the widget reports (widget-protocol.md §1.3); the host script bounds it
/// further (320–4000 by default).
pub const MAX_REPORTED_HEIGHT: u32 = 100_000;

/// A measured content height (CSS pixels, possibly fractional) as the whole pixels a `resize`
/// message carries: rounded up so nothing is cut off, `None` for a measurement that is not a
/// length (negative, NaN, infinite), capped at [`MAX_REPORTED_HEIGHT`].
pub fn content_height(measured: f64) -> Option<u32> {
    if !measured.is_finite() || measured < 0.0 {
        return None;
    }
    let ceil = measured.ceil();
    Some(if ceil >= f64::from(MAX_REPORTED_HEIGHT) {
        MAX_REPORTED_HEIGHT
    } else {
        // In 0..MAX_REPORTED_HEIGHT and whole: the conversion is exact.
        ceil as u32
    })
}

/// Standard base64 with padding (RFC 4648 §4), for the DER and signatures of a result.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let symbol = |index: u32| char::from(ALPHABET[(index & 63) as usize]);
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied(),
            chunk.get(1).copied(),
            chunk.get(2).copied(),
        ];
        let n = (u32::from(b[0].unwrap_or(0)) << 16)
            | (u32::from(b[1].unwrap_or(0)) << 8)
            | u32::from(b[2].unwrap_or(0));
        out.push(symbol(n >> 18));
        out.push(symbol(n >> 12));
        out.push(if b[1].is_some() { symbol(n >> 6) } else { '=' });
        out.push(if b[2].is_some() { symbol(n) } else { '=' });
    }
    out
}

/// The glue to the browser: the URL, the parent's origin, the config file, `postMessage` and
/// the `message` listener, the permissions policy. Only this module touches `window`.
pub mod browser {
    use std::rc::Rc;

    use js_sys::{Function, Reflect};
    use serde_json::Value;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{EmbedError, HostOrigin, InstanceId, Outgoing, WidgetConfig};

    fn get(target: &JsValue, key: &str) -> Option<JsValue> {
        Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    /// `location.search`.
    pub fn query() -> Option<String> {
        let window = web_sys::window()?;
        get(&window, "location")
            .and_then(|location| get(&location, "search"))
            .and_then(|s| s.as_string())
    }

    /// `navigator.languages` (the person's preferred languages, first first); empty where the
    /// browser has none.
    pub fn browser_languages() -> Vec<String> {
        let Some(window) = web_sys::window() else {
            return Vec::new();
        };
        get(&window, "navigator")
            .and_then(|navigator| get(&navigator, "languages"))
            .map(|list| {
                js_sys::Array::from(&list)
                    .iter()
                    .filter_map(|tag| tag.as_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `location.ancestorOrigins[0]`: `None` when the browser has no such list (Firefox), the
    /// origin text otherwise (`Some("")` for an empty list, which then matches no host).
    pub fn parent_origin() -> Option<String> {
        let window = web_sys::window()?;
        let list =
            get(&window, "location").and_then(|location| get(&location, "ancestorOrigins"))?;
        Some(
            get(&list, "0")
                .and_then(|v| v.as_string())
                .unwrap_or_default(),
        )
    }

    /// `document.featurePolicy.allowsFeature('usb')`; `None` where the browser has no
    /// `featurePolicy` (then only requestDevice's SecurityError tells).
    pub fn usb_allowed_by_policy() -> Option<bool> {
        let document = web_sys::window()?.document()?;
        let policy = get(&document, "featurePolicy")?;
        let allows = get(&policy, "allowsFeature")?.dyn_into::<Function>().ok()?;
        allows
            .call1(&policy, &JsValue::from_str("usb"))
            .ok()?
            .as_bool()
    }

    /// Fetches `widget-config.json` from the widget's own origin, never from a cache.
    pub async fn fetch_config() -> Result<WidgetConfig, EmbedError> {
        let fail = |what: &str| EmbedError::Config(what.to_owned());
        let window: JsValue = web_sys::window().ok_or_else(|| fail("no window"))?.into();
        let fetch = get(&window, "fetch")
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| fail("no fetch"))?;
        let options = js_sys::Object::new();
        Reflect::set(
            &options,
            &JsValue::from_str("cache"),
            &JsValue::from_str("no-store"),
        )
        .map_err(|_| fail("options"))?;
        let promise = fetch
            .call2(&window, &JsValue::from_str("widget-config.json"), &options)
            .map_err(|_| fail("the file could not be fetched"))?;
        let response = await_promise(promise)
            .await
            .map_err(|_| fail("the file could not be fetched"))?;
        if get(&response, "ok").and_then(|ok| ok.as_bool()) != Some(true) {
            let status = get(&response, "status")
                .and_then(|s| s.as_f64())
                .unwrap_or(0.0);
            return Err(EmbedError::Config(format!("HTTP {status}")));
        }
        let text = get(&response, "text")
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| fail("no body"))?;
        let body = await_promise(text.call0(&response).map_err(|_| fail("no body"))?)
            .await
            .map_err(|_| fail("no body"))?;
        WidgetConfig::parse(&body.as_string().unwrap_or_default())
    }

    async fn await_promise(value: JsValue) -> Result<JsValue, JsValue> {
        let promise = value.dyn_into::<js_sys::Promise>()?;
        wasm_bindgen_futures::JsFuture::from(promise).await
    }

    /// Posts `message` to the parent window with target origin `host` (never `"*"`).
    pub fn post(host: &HostOrigin, id: &InstanceId, message: &Outgoing) {
        let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
            return;
        };
        let Ok(data) = js_sys::JSON::parse(&message.to_json(id).to_string()) else {
            return;
        };
        // A closed or navigated parent: nothing to tell.
        let _ = parent.post_message(&data, host.as_str());
    }

    /// How long the content's height must stay the same before it is reported (milliseconds):
    /// a screen change that settles in several layout passes gives one `resize`, not ten.
    pub const RESIZE_DEBOUNCE_MS: i32 = 80;

    /// Watches an element's height (`ResizeObserver`) while alive and calls `on_height` with its
    /// bottom edge in document pixels ([`super::content_height`]) once it has been still for
    /// [`RESIZE_DEBOUNCE_MS`]; only a height different from the last reported one is passed on.
    /// `None` where the browser has no `ResizeObserver`.
    pub struct HeightWatch {
        observer: JsValue,
        _on_change: Closure<dyn Fn(JsValue)>,
        _on_quiet: Closure<dyn Fn()>,
    }

    impl HeightWatch {
        /// Starts watching `element`.
        pub fn new(element: web_sys::Element, on_height: Rc<dyn Fn(u32)>) -> Option<Self> {
            let window = web_sys::window()?;
            let constructor = get(&window, "ResizeObserver")?
                .dyn_into::<Function>()
                .ok()?;
            let timer = Rc::new(std::cell::Cell::new(None::<i32>));
            let last = Rc::new(std::cell::Cell::new(None::<u32>));
            let on_quiet = {
                let element = element.clone();
                let timer = timer.clone();
                Closure::<dyn Fn()>::new(move || {
                    timer.set(None);
                    let Some(height) = bottom_edge(&element).and_then(super::content_height) else {
                        return;
                    };
                    if last.replace(Some(height)) != Some(height) {
                        on_height(height);
                    }
                })
            };
            let quiet: Function = on_quiet.as_ref().unchecked_ref::<Function>().clone();
            let on_change = Closure::<dyn Fn(JsValue)>::new(move |_entries: JsValue| {
                let Some(window) = web_sys::window() else {
                    return;
                };
                if let Some(pending) = timer.take() {
                    window.clear_timeout_with_handle(pending);
                }
                timer.set(
                    window
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            &quiet,
                            RESIZE_DEBOUNCE_MS,
                        )
                        .ok(),
                );
            });
            let observer = Reflect::construct(
                &constructor,
                &js_sys::Array::of1(on_change.as_ref().unchecked_ref()),
            )
            .ok()?;
            let observe = get(&observer, "observe")?.dyn_into::<Function>().ok()?;
            observe.call1(&observer, &element).ok()?;
            Some(HeightWatch {
                observer,
                _on_change: on_change,
                _on_quiet: on_quiet,
            })
        }
    }

    impl Drop for HeightWatch {
        fn drop(&mut self) {
            if let Some(disconnect) =
                get(&self.observer, "disconnect").and_then(|f| f.dyn_into::<Function>().ok())
            {
                let _ = disconnect.call0(&self.observer);
            }
        }
    }

    /// The element's bottom edge in document coordinates (`getBoundingClientRect().bottom +
    /// scrollY`): the height the iframe needs to show everything above and including it.
    fn bottom_edge(element: &web_sys::Element) -> Option<f64> {
        let rect_of = get(element, "getBoundingClientRect")?
            .dyn_into::<Function>()
            .ok()?;
        let rect = rect_of.call0(element).ok()?;
        let bottom = get(&rect, "bottom")?.as_f64()?;
        let window = web_sys::window()?;
        let scrolled = get(&window, "scrollY")
            .and_then(|y| y.as_f64())
            .unwrap_or(0.0);
        Some(bottom + scrolled)
    }

    /// Listens for `message` events while alive. Each event from `host` *and* the parent window
    /// reaches `on_message` as JSON; every other event reaches `on_ignored` (and nothing else).
    pub struct MessageListener {
        closure: Closure<dyn Fn(JsValue)>,
    }

    impl MessageListener {
        /// Starts listening.
        pub fn new(
            host: HostOrigin,
            on_message: Rc<dyn Fn(Value)>,
            on_ignored: Rc<dyn Fn()>,
        ) -> Option<Self> {
            let window = web_sys::window()?;
            let parent: JsValue = window.parent().ok().flatten()?.into();
            let closure = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                let from_host = get(&event, "origin").and_then(|o| o.as_string()).as_deref()
                    == Some(host.as_str());
                let from_parent = get(&event, "source")
                    .is_some_and(|source| js_sys::Object::is(&source, &parent));
                let data = get(&event, "data")
                    .filter(|_| from_host && from_parent)
                    .and_then(|data| js_sys::JSON::stringify(&data).ok())
                    .and_then(|text| text.as_string())
                    .and_then(|text| serde_json::from_str::<Value>(&text).ok());
                match data {
                    Some(value) => on_message(value),
                    None => on_ignored(),
                }
            });
            window
                .add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())
                .ok()?;
            Some(MessageListener { closure })
        }
    }

    impl Drop for MessageListener {
        fn drop(&mut self) {
            if let Some(window) = web_sys::window() {
                let _ = window.remove_event_listener_with_callback(
                    "message",
                    self.closure.as_ref().unchecked_ref(),
                );
            }
        }
    }
}

/// Fuzz bodies (run by `fuzz/fuzz_targets/widget_*.rs` and, on pseudo-random input, by this
/// module's tests): parse what a URL, a config file or a message can carry, re-encode, and check
/// that the parse is stable.
#[doc(hidden)]
pub mod fuzzing {
    use serde_json::{json, Value};

    use super::{
        parse_init, parse_query, theme_style, EmbedRequest, HostOrigin, InstanceId, WidgetConfig,
        THEME_TOKENS,
    };

    /// The widget URL's query and the config file.
    pub fn widget_query(data: &[u8]) {
        let Ok(text) = core::str::from_utf8(data) else {
            return;
        };
        if let Some(Ok(request)) = parse_query(text) {
            assert_eq!(
                HostOrigin::parse(request.host.as_str()).as_ref(),
                Ok(&request.host)
            );
            assert_eq!(
                InstanceId::parse(request.id.as_str()).as_ref(),
                Ok(&request.id)
            );
            let again = format!(
                "?embed=1&host={}&id={}{}",
                request.host.as_str(),
                request.id.as_str(),
                request
                    .lang
                    .map(|l| format!("&lang={}", l.id()))
                    .unwrap_or_default()
            );
            assert_eq!(parse_query(&again), Some(Ok::<EmbedRequest, _>(request)));
        }
        if let Ok(config) = WidgetConfig::parse(text) {
            let list: Vec<&str> = config
                .allowed_host_origins
                .iter()
                .map(HostOrigin::as_str)
                .collect();
            let again =
                json!({ "allowedHostOrigins": list, "demoCard": config.demo_card }).to_string();
            assert_eq!(WidgetConfig::parse(&again), Ok(config));
        }
    }

    /// A message from the host: an accepted `init` re-encodes to the same `init`, and its theme
    /// style holds only allowed tokens and hex colours.
    pub fn widget_message(data: &[u8]) {
        let Ok(message) = serde_json::from_slice::<Value>(data) else {
            return;
        };
        let Ok(id) = InstanceId::parse("fuzz") else {
            return;
        };
        let Ok(init) = parse_init(&message, &id) else {
            return;
        };
        let style = theme_style(&init.theme);
        for declaration in style.split_terminator(';') {
            let (name, colour) = declaration.split_once(':').unwrap_or_default();
            assert!(
                THEME_TOKENS
                    .iter()
                    .any(|t| name.strip_prefix("--") == Some(t)),
                "{style}"
            );
            assert!(colour.len() == 7 && colour.starts_with('#'), "{style}");
        }
        let theme: serde_json::Map<String, Value> = init
            .theme
            .iter()
            .map(|e| (e.token.to_owned(), json!(e.colour)))
            .collect();
        let again = json!({
            "mynaweb": 1, "type": "init", "id": "fuzz", "flow": init.flow.name(), "lang": init.lang.id(),
            "relyingParty": init.relying_party, "challenge": init.challenge, "data": init.data.name(), "theme": theme,
        });
        assert_eq!(parse_init(&again, &id), Ok(init));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn id() -> InstanceId {
        InstanceId::parse("w1a2b3").unwrap()
    }

    fn init(extra: Value) -> Value {
        let mut base = json!({"mynaweb": 1, "type": "init", "id": "w1a2b3", "flow": "login",
            "lang": "en", "relyingParty": "Demo City", "challenge": "abcdefghijklmnop0123"});
        for (k, v) in extra.as_object().unwrap() {
            if v.is_null() {
                base.as_object_mut().unwrap().remove(k);
            } else {
                base[k] = v.clone();
            }
        }
        base
    }

    #[test]
    fn a_plain_url_is_not_embed_mode() {
        assert_eq!(parse_query(""), None);
        assert_eq!(parse_query("?lang=en"), None);
        assert_eq!(parse_query("?embed=0&host=http://a.example&id=x"), None);
    }

    #[test]
    fn the_query_gives_host_and_id_percent_encoded_or_not() {
        let plain = parse_query("?embed=1&host=http://127.0.0.1:8081&id=abc_1")
            .unwrap()
            .unwrap();
        assert_eq!(plain.host.as_str(), "http://127.0.0.1:8081");
        assert_eq!(plain.id.as_str(), "abc_1");
        let encoded = parse_query("?embed=1&host=https%3A%2F%2Fcity.example.jp&id=Z-9")
            .unwrap()
            .unwrap();
        assert_eq!(encoded.host.as_str(), "https://city.example.jp");
        assert_eq!(
            parse_query("?embed=1&id=x"),
            Some(Err(EmbedError::MissingParameter("host")))
        );
        assert_eq!(
            parse_query("?embed=1&host=http://a.example"),
            Some(Err(EmbedError::MissingParameter("id")))
        );
        assert_eq!(
            parse_query("?embed=1&host=%zz&id=x"),
            Some(Err(EmbedError::MissingParameter("host")))
        );
        assert_eq!(
            parse_query("?embed=1&host=http://a.example&id=a%20b"),
            Some(Err(EmbedError::BadInstanceId))
        );
    }

    #[test]
    fn only_serialized_lower_case_origins_are_origins() {
        for good in [
            "https://city.example.jp",
            "http://127.0.0.1:8081",
            "http://localhost",
            "https://[::1]:8443",
            "https://a-b.c:65535",
        ] {
            assert_eq!(HostOrigin::parse(good).unwrap().as_str(), good);
        }
        for bad in [
            "https://city.example.jp:443",
            "http://city.example.jp:80",
            "https://[::0001]",
            "https://City.example.jp",
            "https://city.example.jp/",
            "https://city.example.jp/path",
            "ftp://city.example.jp",
            "https://",
            "https://user@city.example.jp",
            "https://city.example.jp:0",
            "https://city.example.jp:08080",
            "https://city.example.jp:65536",
            "https://city.example.jp:",
            "https://[::1]x",
            "null",
            "*",
        ] {
            assert!(
                matches!(HostOrigin::parse(bad), Err(EmbedError::BadOrigin(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_host_is_admitted_only_when_listed_and_the_parent() {
        let config = WidgetConfig::parse(
            r#"{"allowedHostOrigins": ["http://127.0.0.1:8081", "https://city.example.jp"]}"#,
        )
        .unwrap();
        let request = parse_query("?embed=1&host=http://127.0.0.1:8081&id=x")
            .unwrap()
            .unwrap();
        assert_eq!(
            admit(&request, &config, Some("http://127.0.0.1:8081")),
            Ok(())
        );
        assert_eq!(admit(&request, &config, None), Ok(()));
        assert_eq!(
            admit(&request, &config, Some("http://127.0.0.1:9999")),
            Err(EmbedError::NotTheParent {
                claimed: "http://127.0.0.1:8081".into(),
                actual: "http://127.0.0.1:9999".into()
            })
        );
        let other = parse_query("?embed=1&host=http://127.0.0.1:9999&id=x")
            .unwrap()
            .unwrap();
        assert_eq!(
            admit(&other, &config, Some("http://127.0.0.1:9999")),
            Err(EmbedError::HostNotAllowed("http://127.0.0.1:9999".into()))
        );
        let static_build = WidgetConfig::parse(r#"{"allowedHostOrigins": []}"#).unwrap();
        assert_eq!(
            admit(&request, &static_build, None),
            Err(EmbedError::HostNotAllowed("http://127.0.0.1:8081".into()))
        );
    }

    #[test]
    fn a_config_with_a_bad_entry_is_unusable() {
        assert!(matches!(
            WidgetConfig::parse(
                r#"{"allowedHostOrigins": ["https://ok.example", "https://Bad.example"]}"#
            ),
            Err(EmbedError::BadOrigin(_))
        ));
        assert!(matches!(
            WidgetConfig::parse(r#"{"allowedHostOrigins": [1]}"#),
            Err(EmbedError::Config(_))
        ));
        assert!(matches!(
            WidgetConfig::parse(r#"{"hosts": []}"#),
            Err(EmbedError::Config(_))
        ));
        assert!(matches!(
            WidgetConfig::parse("<html>"),
            Err(EmbedError::Config(_))
        ));
        assert_eq!(
            WidgetConfig::parse(r#"{"allowedHostOrigins": [], "demoCard": "yes"}"#),
            Err(EmbedError::Config(
                "\"demoCard\" is not true or false".into()
            ))
        );
    }

    #[test]
    fn the_demo_card_is_offered_only_when_the_config_says_true() {
        let city = HostOrigin::parse("https://city.example.jp").unwrap();
        assert_eq!(
            WidgetConfig::parse(r#"{"allowedHostOrigins": ["https://city.example.jp"]}"#),
            Ok(WidgetConfig {
                allowed_host_origins: vec![city.clone()],
                demo_card: false
            })
        );
        assert_eq!(
            WidgetConfig::parse(
                r#"{"allowedHostOrigins": ["https://city.example.jp"], "demoCard": false}"#
            ),
            Ok(WidgetConfig {
                allowed_host_origins: vec![city.clone()],
                demo_card: false
            })
        );
        assert_eq!(
            WidgetConfig::parse(
                r#"{"allowedHostOrigins": ["https://city.example.jp"], "demoCard": true}"#
            ),
            Ok(WidgetConfig {
                allowed_host_origins: vec![city],
                demo_card: true
            })
        );
    }

    #[test]
    fn the_host_s_lang_comes_first_then_the_browser_s_then_japanese() {
        let request = |query: &str| parse_query(query).unwrap().unwrap().lang;
        assert_eq!(
            request("?embed=1&host=http://a.example&id=x&lang=en"),
            Some(Lang::En)
        );
        assert_eq!(
            request("?embed=1&host=http://a.example&id=x&lang=ja-easy"),
            Some(Lang::EasyJa)
        );
        assert_eq!(
            request("?embed=1&lang=ja&host=http://a.example&id=x"),
            Some(Lang::Ja)
        );
        // An unknown or malformed language is only a hint: it does not refuse the widget.
        assert_eq!(request("?embed=1&host=http://a.example&id=x&lang=fr"), None);
        assert_eq!(
            request("?embed=1&host=http://a.example&id=x&lang=%zz"),
            None
        );
        assert_eq!(request("?embed=1&host=http://a.example&id=x"), None);
        let tags = |list: &[&str]| list.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            starting_language(Some(Lang::En), &tags(&["ja-JP"])),
            Lang::En
        );
        assert_eq!(
            starting_language(None, &tags(&["fr-FR", "en-GB", "ja"])),
            Lang::En
        );
        assert_eq!(starting_language(None, &tags(&["de"])), Lang::Ja);
        assert_eq!(starting_language(None, &[]), Lang::Ja);
    }

    #[test]
    fn a_valid_init_is_read_whole() {
        let parsed = parse_init(
            &init(json!({"theme": {"color-primary": "#AA0000", "color-text": "#111111"}})),
            &id(),
        )
        .unwrap();
        assert_eq!(
            parsed,
            Init {
                flow: WidgetFlow::Login,
                lang: Lang::En,
                relying_party: "Demo City".into(),
                challenge: Some("abcdefghijklmnop0123".into()),
                data: SubmissionData::Consent,
                theme: vec![
                    ThemeEntry {
                        token: "color-primary",
                        colour: "#aa0000".into()
                    },
                    ThemeEntry {
                        token: "color-text",
                        colour: "#111111".into()
                    },
                ],
            }
        );
        let submission = parse_init(
            &init(json!({"flow": "submission", "data": "account", "lang": "ja-easy"})),
            &id(),
        )
        .unwrap();
        assert_eq!(
            (submission.flow, submission.data, submission.lang),
            (
                WidgetFlow::Submission,
                SubmissionData::Account,
                Lang::EasyJa
            )
        );
        let guidance = parse_init(
            &init(json!({"flow": "insurance", "challenge": null, "lang": null})),
            &id(),
        )
        .unwrap();
        assert_eq!((guidance.challenge, guidance.lang), (None, Lang::Ja));
        for flow in WidgetFlow::OFFERED {
            let parsed = parse_init(&init(json!({"flow": flow.name()})), &id()).unwrap();
            assert_eq!(parsed.flow, flow);
        }
    }

    #[test]
    fn a_malformed_init_is_refused_with_its_reason() {
        let refused = |extra: Value| parse_init(&init(extra), &id()).unwrap_err();
        assert_eq!(
            refused(json!({"mynaweb": 2})),
            EmbedError::Shape("\"mynaweb\" is not 1")
        );
        assert_eq!(
            refused(json!({"id": "other"})),
            EmbedError::Shape("\"id\" is not this widget's")
        );
        assert_eq!(
            refused(json!({"type": "result"})),
            EmbedError::Shape("not an init message")
        );
        assert_eq!(
            refused(json!({"flow": "admin"})),
            EmbedError::Shape("\"flow\" is not a flow this widget offers")
        );
        assert_eq!(
            refused(json!({"lang": "fr"})),
            EmbedError::Shape("\"lang\" is not ja, en or ja-easy")
        );
        let too_long = "x".repeat(81);
        assert_eq!(
            refused(json!({"relyingParty": too_long})),
            EmbedError::Shape(
                "\"relyingParty\" must be 1–80 characters without control characters"
            )
        );
        assert_eq!(
            refused(json!({"relyingParty": "Demo\nCity"})),
            EmbedError::Shape(
                "\"relyingParty\" must be 1–80 characters without control characters"
            )
        );
        assert_eq!(
            refused(json!({"challenge": "short"})),
            EmbedError::Shape("\"challenge\" must be 16–128 characters of A–Z a–z 0–9 _ -")
        );
        assert_eq!(
            refused(json!({"challenge": "abcdefghijklmnop 0123"})),
            EmbedError::Shape("\"challenge\" must be 16–128 characters of A–Z a–z 0–9 _ -")
        );
        assert_eq!(
            refused(json!({"challenge": null})),
            EmbedError::Shape("this flow needs a \"challenge\"")
        );
        assert_eq!(
            refused(json!({"flow": "submission", "data": "mynumber"})),
            EmbedError::Shape("\"data\" is not account or consent")
        );
        assert_eq!(
            parse_init(&json!("init"), &id()).unwrap_err(),
            EmbedError::Shape("not an object")
        );
    }

    #[test]
    fn only_allowed_tokens_with_hex_colours_reach_the_style() {
        let entries = theme_entries(Some(&json!({
            "color-primary": "#0031d8",
            "color-bg": "red",
            "color-text": "#12345",
            "color-border": "#12345g",
            "font-family": "#000000",
            "color-link": "#00118F;background:url(x)",
        })));
        assert_eq!(
            entries,
            vec![ThemeEntry {
                token: "color-primary",
                colour: "#0031d8".into()
            }]
        );
        assert_eq!(theme_style(&entries), "--color-primary:#0031d8;");
        assert_eq!(theme_entries(Some(&json!("dark"))), vec![]);
        assert_eq!(theme_entries(None), vec![]);
    }

    #[test]
    fn outgoing_messages_have_the_protocol_shape() {
        assert_eq!(
            Outgoing::Ready.to_json(&id()),
            json!({"mynaweb": 1, "type": "ready", "id": "w1a2b3", "flows": ["insurance", "account", "overseas", "phone", "login", "submission"]})
        );
        assert_eq!(
            Outgoing::Step {
                flow: WidgetFlow::Login,
                step: "pin"
            }
            .to_json(&id()),
            json!({"mynaweb": 1, "type": "step", "id": "w1a2b3", "flow": "login", "step": "pin"})
        );
        assert_eq!(
            Outgoing::Result {
                flow: WidgetFlow::Submission,
                result: json!({"version": 1})
            }
            .to_json(&id()),
            json!({"mynaweb": 1, "type": "result", "id": "w1a2b3", "flow": "submission", "result": {"version": 1}})
        );
        assert_eq!(
            Outgoing::Error {
                code: "card",
                message: "Card removed".into()
            }
            .to_json(&id()),
            json!({"mynaweb": 1, "type": "error", "id": "w1a2b3", "code": "card", "message": "Card removed"})
        );
        assert_eq!(
            Outgoing::Close.to_json(&id()),
            json!({"mynaweb": 1, "type": "close", "id": "w1a2b3"})
        );
        assert_eq!(
            envelope_type(&Outgoing::Close.to_json(&id()), &id()),
            Ok("close")
        );
        assert_eq!(
            Outgoing::Summary {
                flow: WidgetFlow::Phone,
                summary: json!({"outcome": "advice", "advice": "call-to-suspend"})
            }
            .to_json(&id()),
            json!({"mynaweb": 1, "type": "result", "id": "w1a2b3", "flow": "phone",
                "summary": {"outcome": "advice", "advice": "call-to-suspend"}})
        );
        assert_eq!(
            Outgoing::Resize { height: 912 }.to_json(&id()),
            json!({"mynaweb": 1, "type": "resize", "id": "w1a2b3", "height": 912})
        );
    }

    #[test]
    fn a_measured_height_becomes_whole_pixels_rounded_up() {
        assert_eq!(content_height(640.0), Some(640));
        assert_eq!(content_height(640.2), Some(641));
        assert_eq!(content_height(0.0), Some(0));
        assert_eq!(content_height(-1.0), None);
        assert_eq!(content_height(f64::NAN), None);
        assert_eq!(content_height(f64::INFINITY), None);
        assert_eq!(content_height(1e12), Some(MAX_REPORTED_HEIGHT));
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in vectors {
            assert_eq!(base64(input.as_bytes()), expected);
        }
        assert_eq!(base64(&[0xFB, 0xFF, 0xBF]), "+/+/");
    }

    #[test]
    fn fuzz_bodies_hold_on_pseudo_random_and_mutated_inputs() {
        let seeds: [&[u8]; 7] = [
            b"?embed=1&host=http://127.0.0.1:8081&id=abc_1",
            br#"{"allowedHostOrigins": ["https://city.example.jp", "http://127.0.0.1:8081"]}"#,
            b"?embed=1&host=http://127.0.0.1:8081&id=abc_1&lang=ja-easy",
            br#"{"allowedHostOrigins": ["https://city.example.jp"], "demoCard": true}"#,
            br##"{"mynaweb":1,"type":"init","id":"fuzz","flow":"login","lang":"en","relyingParty":"Demo","challenge":"abcdefghijklmnop0123","theme":{"color-primary":"#AABBCC"}}"##,
            br#"{"mynaweb":1,"type":"init","id":"fuzz","flow":"submission","data":"account","relyingParty":"x","challenge":"abcdefghijklmnop0123"}"#,
            b"?embed=1&host=https%3A%2F%2F%5B%3A%3A1%5D%3A8443&id=Z",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..4000 {
            let mut data = seeds[round % seeds.len()].to_vec();
            if round >= seeds.len() {
                for _ in 0..(next() % 4 + 1) {
                    let at = (next() as usize) % (data.len() + 1);
                    match next() % 3 {
                        0 if at < data.len() => data[at] = next() as u8,
                        1 if at < data.len() => {
                            data.remove(at);
                        }
                        _ => data.insert(at, b"\"{}:,#&=%[]1aZ"[(next() % 14) as usize]),
                    }
                }
            }
            fuzzing::widget_query(&data);
            fuzzing::widget_message(&data);
        }
        let random: Vec<u8> = (0..2000).map(|_| next() as u8).collect();
        for window in random.chunks(40) {
            fuzzing::widget_query(window);
            fuzzing::widget_message(window);
        }
    }
}
