//! Sony RC-S300/S, /P through vendor interface #1: CCID-style Escape messages carrying Sony
//! pseudo-APDUs, with our own ISO-DEP inside CommunicateThruEX (readers.md §4).

pub mod driver;
pub mod pseudo_apdu;

pub use driver::{ApduPath, Rcs300, Rcs300Activation, Rcs300Error, Rcs300Options};
