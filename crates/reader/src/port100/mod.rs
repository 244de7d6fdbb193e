//! Sony RC-S380 (NFC Port-100): frames, commands and the driver (readers.md §3).

pub mod command;
pub mod driver;
pub mod frame;

pub use driver::{Port100Error, Rcs380, Rcs380Options};
pub use frame::Frame;
