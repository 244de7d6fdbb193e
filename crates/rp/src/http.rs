//! The two HTTP listeners (two origins), on axum.
//!
//! ```text
//! host origin H (the relying party's site)
//! +--------+-------------------+-----------------------------------------------------------+
//! | GET    | /                 | the demo host page (crate::page)                          |
//! | GET    | /host.css         | its style sheet                                           |
//! | GET    | /demo-host.js     | the demo page's script: <pkg>/demo-host.js                |
//! | POST   | /api/challenge    | {"purpose": "login"|"submission", "flow"?: "account"|"consent"} |
//! |        |                   | → {"challenge", "purpose", "flow", "issuedAt", "expiresAt"} |
//! |        |                   |   (both times RFC 3339 UTC, e.g. "2026-12-03T10:00:00Z") |
//! | POST   | /api/verify       | {"result": widget-protocol.md §3} → {"verified": true, "record"} |
//! |        |                   | or 4xx {"verified": false, "code", "message"}             |
//! | GET    | /api/records      | {"records": [...]} newest first                            |
//! | POST   | /api/crl-check    | CRL (DER or PEM) → crl_check::CrlReport; one at a time     |
//! +--------+-------------------+-----------------------------------------------------------+
//! every request on either listener needs `Host` to be that listener's own host:port (else 421:
//! DNS rebinding reads nothing); every POST needs `Origin: H` exactly (else 403 wrong_origin / missing_origin, answered
//! before the body is read); a GET with an Origin header needs it to be H. No CORS headers: no other origin can read an answer.
//! In demo mode every JSON answer carries "demo": "demo: test certificates accepted".
//!
//! widget origin W (mynaweb's)
//! +--------+----------------------+--------------------------------------------------------+
//! | GET    | /widget-config.json  | {"allowedHostOrigins": [H], "demoCard": demo mode}     |
//! |        |                      | (widget-protocol.md §1)                                |
//! | GET    | /pkg/<file>          | the embeddable script and its files (<pkg>), readable  |
//! |        |                      | by H (Access-Control-Allow-Origin: H)                  |
//! | GET    | /<file>              | the app build (<dist>); "/" is index.html               |
//! +--------+----------------------+--------------------------------------------------------+
//! ```

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::challenge::{self, ChallengeError, Purpose};
use crate::clock::{to_rfc3339, Clock};
use crate::crl_check;
use crate::page;
use crate::static_files;
use crate::store::{Store, StoreError};
use crate::trust::{Trust, DEMO_NOTICE};
use crate::verify::{self, Context};

/// Challenges that expired longer ago than this are forgotten (seconds).
const FORGET_AFTER_SECS: i64 = 24 * 3600;
/// Records listed on the page and by `/api/records`.
const RECORDS_LISTED: usize = 200;
/// Largest CRL accepted by `/api/crl-check` (a JPKI CRL with millions of entries).
const MAX_CRL_BYTES: usize = 512 * 1024 * 1024;
/// Largest `/api/verify` or `/api/challenge` body.
const MAX_JSON_BYTES: usize = 256 * 1024;

/// Everything the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The records and challenges.
    pub store: Arc<dyn Store>,
    /// The server's clock.
    pub clock: Arc<dyn Clock>,
    /// The roots results must chain to.
    pub trust: Arc<Trust>,
    /// Where things are.
    pub config: Arc<Config>,
}

/// Origins and directories.
#[derive(Debug, Clone)]
pub struct Config {
    /// The host origin H, e.g. `http://127.0.0.1:8081`.
    pub host_origin: String,
    /// The widget origin W, e.g. `http://127.0.0.1:8082`.
    pub widget_origin: String,
    /// The app build (Trunk's `dist/`).
    pub dist: Option<PathBuf>,
    /// The embeddable package (`pkg/`).
    pub pkg: Option<PathBuf>,
    /// CRLs (DER) to check results against at verify time; empty: revocation not checked.
    pub crls: Vec<Vec<u8>>,
}

struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    verify: bool,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            verify: false,
        }
    }
}

fn answer(state: &AppState, status: StatusCode, mut body: Value) -> Response {
    if state.trust.is_demo() {
        if let Some(obj) = body.as_object_mut() {
            obj.insert("demo".into(), Value::from(DEMO_NOTICE));
        }
    }
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn refuse(state: &AppState, e: ApiError) -> Response {
    let mut body = json!({"code": e.code, "message": e.message});
    if e.verify {
        if let Some(obj) = body.as_object_mut() {
            obj.insert("verified".into(), Value::Bool(false));
        }
    }
    answer(state, e.status, body)
}

/// `Origin` must be present and exactly H.
fn require_host_origin(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    match headers.get(header::ORIGIN) {
        Some(o) if o.as_bytes() == state.config.host_origin.as_bytes() => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "wrong_origin",
            "this API answers only its own site's pages",
        )),
        None => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "missing_origin",
            "the request has no Origin header",
        )),
    }
}

fn json_body(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body)
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "bad_json", "the body is not JSON"))
}

fn post_challenge_now(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let run = || -> Result<Value, ApiError> {
        require_host_origin(&state, &headers)?;
        let request = json_body(&body)?;
        let purpose = request
            .get("purpose")
            .and_then(Value::as_str)
            .and_then(Purpose::from_name)
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_purpose",
                    "purpose must be \"login\" or \"submission\"",
                )
            })?;
        let flow = match request.get("flow") {
            None | Some(Value::Null) => None,
            Some(word) => Some(
                word.as_str()
                    .and_then(challenge::flow_from_name)
                    .ok_or_else(|| {
                        ApiError::new(
                            StatusCode::BAD_REQUEST,
                            "bad_flow",
                            "flow must be \"account\" or \"consent\"",
                        )
                    })?,
            ),
        };
        let now = state.clock.now();
        let issued =
            challenge::issue(purpose, flow, &state.config.host_origin, now).map_err(|e| {
                let status = match e {
                    ChallengeError::NoRandomness => StatusCode::INTERNAL_SERVER_ERROR,
                    _ => StatusCode::BAD_REQUEST,
                };
                ApiError::new(status, e.code(), e.to_string())
            })?;
        state
            .store
            .issue_challenge(&issued, now.saturating_sub(FORGET_AFTER_SECS))
            .map_err(|e| match e {
                StoreError::TooManyOpenChallenges(_) => ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "too_many_challenges",
                    e.to_string(),
                ),
                _ => ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "store_failed",
                    e.to_string(),
                ),
            })?;
        Ok(json!({
            "challenge": issued.value,
            "purpose": purpose.name(),
            "flow": flow.map(|f| f.as_str()),
            "issuedAt": to_rfc3339(issued.issued_at),
            "expiresAt": to_rfc3339(issued.expires_at),
        }))
    };
    match run() {
        Ok(body) => answer(&state, StatusCode::OK, body),
        Err(e) => refuse(&state, e),
    }
}

fn post_verify_now(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let run = || -> Result<Value, ApiError> {
        require_host_origin(&state, &headers)?;
        let request = json_body(&body)?;
        let result = request.get("result").ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_result",
                "the body has no `result`",
            )
        })?;
        let ctx = Context {
            trust: &state.trust,
            host_origin: &state.config.host_origin,
            now: state.clock.now(),
            crls: &state.config.crls,
        };
        let verified = verify::verify(state.store.as_ref(), ctx, result).map_err(|e| {
            ApiError::new(
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST),
                e.code(),
                e.to_string(),
            )
        })?;
        Ok(json!({
            "verified": true,
            "record": verified.record,
            "revocation": verified.revocation,
            "revocationNote": verified.revocation_note,
        }))
    };
    match run() {
        Ok(body) => answer(&state, StatusCode::OK, body),
        Err(mut e) => {
            e.verify = true;
            refuse(&state, e)
        }
    }
}

fn get_records_now(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if headers.contains_key(header::ORIGIN) {
        if let Err(e) = require_host_origin(&state, &headers) {
            return refuse(&state, e);
        }
    }
    match state.store.records(RECORDS_LISTED) {
        Ok(records) => answer(&state, StatusCode::OK, json!({ "records": records })),
        Err(e) => refuse(
            &state,
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "store_failed",
                e.to_string(),
            ),
        ),
    }
}

fn post_crl_check_now(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let run = || -> Result<Value, ApiError> {
        require_host_origin(&state, &headers)?;
        let customers = state.store.signature_customers().map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "store_failed",
                e.to_string(),
            )
        })?;
        let report = crl_check::check(&body, &customers, &state.trust, state.clock.now())
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.code(), e.to_string()))?;
        serde_json::to_value(report).map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "encoding_failed",
                e.to_string(),
            )
        })
    };
    match run() {
        Ok(body) => answer(&state, StatusCode::OK, body),
        Err(e) => refuse(&state, e),
    }
}

fn html_response(body: String, csp: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    response
}

fn get_page_now(State(state): State<AppState>) -> Response {
    let records = state.store.records(RECORDS_LISTED).unwrap_or_default();
    let w = &state.config.widget_origin;
    let csp = format!(
        "default-src 'self'; script-src 'self' {w}; frame-src {w}; connect-src 'self'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    html_response(
        page::render(
            &state.config.host_origin,
            w,
            state.trust.is_demo(),
            &records,
        ),
        &csp,
    )
}

async fn get_css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        page::CSS,
    )
        .into_response()
}

fn file_response(path: Option<PathBuf>, cors: Option<&str>) -> Response {
    let Some(path) = path else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(static_files::content_type(&path)),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            if let Some(origin) = cors.and_then(|o| HeaderValue::from_str(o).ok()) {
                headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                headers.insert(header::VARY, HeaderValue::from_static("Origin"));
            }
            response
        }
        Err(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn get_demo_script_now(State(state): State<AppState>) -> Response {
    let path = state.config.pkg.as_ref().map(|p| p.join("demo-host.js"));
    file_response(path, None)
}

/// Runs a handler body on tokio's blocking pool: SQLite commits wait for fsync, CRL checks walk
/// every entry, files are read with `std::fs`. None of that may hold up the async workers.
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(response) => response,
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
    }
}

async fn post_challenge(state: State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    blocking(move || post_challenge_now(state, headers, body)).await
}

async fn post_verify(state: State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    blocking(move || post_verify_now(state, headers, body)).await
}

async fn get_records(state: State<AppState>, headers: HeaderMap) -> Response {
    blocking(move || get_records_now(state, headers)).await
}

async fn post_crl_check(state: State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    blocking(move || post_crl_check_now(state, headers, body)).await
}

async fn get_page(state: State<AppState>) -> Response {
    blocking(move || get_page_now(state)).await
}

async fn get_demo_script(state: State<AppState>) -> Response {
    blocking(move || get_demo_script_now(state)).await
}

async fn get_widget_file(state: State<AppState>, uri: Uri) -> Response {
    blocking(move || get_widget_file_now(state, uri)).await
}

/// The `host[:port]` of a serialized origin (`http://127.0.0.1:8081` → `127.0.0.1:8081`).
fn authority(origin: &str) -> String {
    origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .to_owned()
}

/// Refuses (`421 Misdirected Request`) a request whose `Host` is not this listener's own
/// `host:port`. Without it, DNS rebinding — a page whose name is made to resolve to 127.0.0.1 —
/// would be same-origin with the server and could read `/api/records` (a GET carries no Origin).
async fn own_host_only(
    State(expected): State<Arc<str>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let ours = request
        .headers()
        .get(header::HOST)
        .is_some_and(|host| host.as_bytes() == expected.as_bytes());
    if ours {
        next.run(request).await
    } else {
        (
            StatusCode::MISDIRECTED_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("this server answers only as {expected}\n"),
        )
            .into_response()
    }
}

/// The state of [`one_crl_check_at_a_time`].
#[derive(Clone)]
struct CrlSlot {
    state: AppState,
    busy: Arc<AtomicBool>,
}

/// Frees the CRL slot when the request ends, however it ends (answered, or the client gone).
struct SlotGuard(Arc<AtomicBool>);

impl Drop for SlotGuard {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

/// One `/api/crl-check` at a time (`503 crl_check_busy` otherwise, before the body is read):
/// each buffers its whole upload, up to [`MAX_CRL_BYTES`], so parallel uploads could take the
/// server's memory.
async fn one_crl_check_at_a_time(
    State(slot): State<CrlSlot>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if slot.busy.swap(true, Ordering::AcqRel) {
        let mut response = refuse(
            &slot.state,
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "crl_check_busy",
                "another CRL check is running; try again when it has finished",
            ),
        );
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    let _guard = SlotGuard(slot.busy);
    next.run(request).await
}

/// Refuses a `POST` whose `Origin` is not H before its body is read: without this, axum's
/// body extractor would first buffer up to [`MAX_CRL_BYTES`] from anyone who asks.
async fn origin_before_body(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if request.method() == axum::http::Method::POST {
        if let Err(e) = require_host_origin(&state, request.headers()) {
            let mut response = refuse(&state, e);
            // The unread body stays on the wire: this connection cannot carry another request.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
    }
    next.run(request).await
}

/// The router of the host origin H.
pub fn host_router(state: AppState) -> Router {
    Router::new()
        .route("/", get(get_page))
        .route("/host.css", get(get_css))
        .route("/demo-host.js", get(get_demo_script))
        .route("/api/challenge", post(post_challenge))
        .route(
            "/api/verify",
            post(post_verify).layer(DefaultBodyLimit::max(MAX_JSON_BYTES)),
        )
        .route("/api/records", get(get_records))
        .route(
            "/api/crl-check",
            post(post_crl_check)
                .layer(DefaultBodyLimit::max(MAX_CRL_BYTES))
                .layer(axum::middleware::from_fn_with_state(
                    CrlSlot {
                        state: state.clone(),
                        busy: Arc::new(AtomicBool::new(false)),
                    },
                    one_crl_check_at_a_time,
                )),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            origin_before_body,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::<str>::from(authority(&state.config.host_origin)),
            own_host_only,
        ))
        .with_state(state)
}

async fn get_widget_config(State(state): State<AppState>) -> Response {
    // The widget opens on the simulator's demo card only when this server accepts test
    // certificates: a production widget asks for a card reader (widget-protocol.md §1).
    let body = json!({
        "allowedHostOrigins": [state.config.host_origin],
        "demoCard": state.trust.is_demo(),
    });
    let mut response = body.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn get_widget_file_now(State(state): State<AppState>, uri: Uri) -> Response {
    let path = uri.path();
    if let Some(rest) = path.strip_prefix("/pkg") {
        let file = state
            .config
            .pkg
            .as_ref()
            .and_then(|root| static_files::resolve(root, rest));
        return file_response(file, Some(&state.config.host_origin));
    }
    let file = state
        .config
        .dist
        .as_ref()
        .and_then(|root| static_files::resolve(root, path));
    file_response(file, None)
}

/// The router of the widget origin W.
pub fn widget_router(state: AppState) -> Router {
    let own = Arc::<str>::from(authority(&state.config.widget_origin));
    Router::new()
        .route("/widget-config.json", get(get_widget_config))
        .fallback(get(get_widget_file))
        .layer(axum::middleware::from_fn_with_state(own, own_host_only))
        .with_state(state)
}

/// Serves both origins until one listener fails.
pub async fn run(
    host: tokio::net::TcpListener,
    widget: tokio::net::TcpListener,
    state: AppState,
) -> std::io::Result<()> {
    let host_app = host_router(state.clone());
    let widget_app = widget_router(state);
    tokio::try_join!(
        std::future::IntoFuture::into_future(axum::serve(host, host_app)),
        std::future::IntoFuture::into_future(axum::serve(widget, widget_app))
    )?;
    Ok(())
}
