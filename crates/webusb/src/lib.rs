//! WebUSB for mynaweb: a [`reader::usb::UsbPipe`] over the browser's `navigator.usb`.
//!
//! - [`bindings`]: the few WebUSB objects we use, declared by hand and reached with unchecked
//!   casts — never `instanceof` — so a faithful polyfill (the simulator's fake WebUSB) works the
//!   same as Chrome's.
//! - [`device`]: choosing a reader (`requestDevice` with the catalogue's filters, so the chooser
//!   lists only readers we can drive), finding already-permitted ones (`getDevices`), opening and
//!   claiming the right interface, and watching `connect`/`disconnect`.
//! - [`pipe`]: bulk, interrupt and control transfers with time limits (WebUSB has none: each read
//!   races a timer, and a read that lost the race is kept and awaited by the next read, because
//!   WebUSB cannot cancel a transfer).
//! - [`error`]: every `DOMException` mapped to a typed [`reader::usb::UsbError`].
//!
//! Not for: interpreting what flows through the pipe (that is the `reader` crate's drivers) or
//! anything outside a browser. Compiles natively too (the error mapping is tested natively), but
//! only works in a browser.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

pub mod bindings;
pub mod device;
pub mod error;
pub mod pipe;

pub use device::{
    claim, get_permitted_devices, open_for_descriptors, request_device, same_device, ClaimedReader, DeviceEvent,
    DeviceEventWatch, DeviceInfo,
};
pub use pipe::WebUsbPipe;
