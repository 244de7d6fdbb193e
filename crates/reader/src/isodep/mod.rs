//! ISO/IEC 14443-4 (ISO-DEP) and ISO/IEC 14443-3 Type B activation, shared by the RC-S380 and
//! RC-S300 drivers (readers.md §3.5–3.6).

pub mod block;
pub mod engine;
pub mod run;
pub mod typeb;

pub use block::{Block, SBlock};
pub use engine::{Exchange, Incoming, IsoDepError, IsoDepLink, IsoDepParams, Step};
pub use typeb::Atqb;
