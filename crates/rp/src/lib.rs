//! `mynaweb-rp` — the reference relying-party server for the mynaweb widget
//! (docs/widget-protocol.md §4; flows.md §5–§6).
//!
//! ```text
//! host origin H ─ GET /  POST /api/challenge  POST /api/verify  GET /api/records  POST /api/crl-check
//! widget origin W ─ GET /widget-config.json  /pkg/…  /… (the app's dist/)
//!
//! challenge ── issue (32 random bytes, 5 min, bound to H) ── Store (SQLite)
//! verify    ── result ── statement ── spend challenge ── challenge rules ── pki::rp ── Store
//! crl_check ── pki::crl ── trusted signer ── stored signature customers ── §6.1 reason, §6.2 state
//! ```
//!
//! Module map: [`challenge`] (one-time challenges), [`clock`] (injected time), [`store`] (the
//! `Store` trait and records), `sqlite` and `pg` (its SQLite and PostgreSQL implementations;
//! `pg` behind the `postgres` feature), [`result`] (the
//! widget's result JSON), [`verify`] (the verification pipeline), [`trust`] (production or
//! demo roots), [`crl_check`] (the latest-4-items check), `http` (the two routers), [`page`]
//! (the demo host page), [`static_files`] (path mapping for the widget origin). The `server`
//! feature (default) brings axum, tokio, rusqlite and clap; without it only the sans-IO parts
//! build (the fuzz targets use that). See README.md for the API and the page's element ids.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod base64;
pub mod challenge;
pub mod clock;
#[doc(hidden)]
pub mod conformance;
pub mod crl_check;
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "server")]
pub mod http;
pub mod page;
#[cfg(feature = "postgres")]
pub mod pg;
pub mod result;
#[cfg(feature = "server")]
pub mod sqlite;
pub mod static_files;
pub mod store;
pub mod trust;
pub mod verify;
