//! USB CCID (rev 1.1): class descriptor, libccid dumps, bulk messages, and the driver.

pub mod descriptor;
pub mod libccid;

pub use descriptor::{CcidDescriptor, ExchangeLevel};
pub mod driver;
pub mod message;

pub use driver::{CcidChannel, CcidEndpoints, CcidError, CcidOptions};
