//! The USB seam: what a driver needs from a device, shaped like nusb and WebUSB.
//!
//! A [`UsbPipe`] is one claimed interface of one device. Backends: WebUSB in the browser, native
//! USB in the CLI, and the simulator's virtual readers. Drivers never know which one they hold.
//!
//! Time comes from the pipe: WebUSB has no transfer timeout, so a backend races each
//! `bulk_in` against a timer and reports [`UsbError::Timeout`]; [`UsbPipe::delay_ms`] is the
//! only way a driver waits (no `std::time` here, so the crate runs in Wasm).

use alloc::string::String;
use alloc::vec::Vec;

use apdu::TransportError;

/// Who a control request is addressed to (USB 2.0 §9.3, bmRequestType bits 4..0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// The device.
    Device,
    /// An interface (`index` = interface number).
    Interface,
    /// An endpoint.
    Endpoint,
    /// Other.
    Other,
}

/// The kind of control request (USB 2.0 §9.3, bmRequestType bits 6..5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlType {
    /// Standard request (GET_DESCRIPTOR…).
    Standard,
    /// Class request (CCID ABORT, GET_DATA_RATES…).
    Class,
    /// Vendor request.
    Vendor,
}

/// The setup stage of a control transfer, without direction and length (those come from the
/// call: `control_in(setup, len)` / `control_out(setup, data)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ControlSetup {
    /// Standard, class or vendor.
    pub control_type: ControlType,
    /// Device, interface, endpoint.
    pub recipient: Recipient,
    /// bRequest.
    pub request: u8,
    /// wValue.
    pub value: u16,
    /// wIndex.
    pub index: u16,
}

impl ControlSetup {
    /// GET_DESCRIPTOR(CONFIGURATION, 0) — how a page reads a vendor-class CCID descriptor,
    /// which WebUSB does not expose otherwise (readers.md §1.2 note).
    pub const GET_CONFIGURATION_DESCRIPTOR: Self = Self {
        control_type: ControlType::Standard,
        recipient: Recipient::Device,
        request: 0x06,
        value: 0x0200,
        index: 0,
    };
}

/// Why a USB operation failed. Each backend maps its own errors here and keeps the raw text of
/// anything it cannot classify.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UsbError {
    /// The endpoint stalled (USB STALL handshake).
    #[error("the endpoint stalled")]
    Stall,
    /// The device was unplugged or closed.
    #[error("the device was disconnected")]
    Disconnected,
    /// No data arrived within the allowed time (WebUSB: the backend's timer won the race).
    #[error("no data from the device within {timeout_ms} ms")]
    Timeout {
        /// The timeout that expired.
        timeout_ms: u32,
    },
    /// The browser refused the interface because its class is protected (WebUSB
    /// `SecurityError`, readers.md §1.2).
    #[error("the browser does not let web pages use this interface (protected class)")]
    ProtectedClass,
    /// Another program or driver holds the interface (WebUSB `NetworkError: Unable to claim
    /// interface`, readers.md §1.2).
    #[error("the interface is held by another program or driver")]
    ClaimFailed,
    /// The page is not allowed to use WebUSB here (Permissions Policy, e.g. in an iframe
    /// without `allow="usb"`, readers.md §4.1).
    #[error("access disallowed by the page's permissions policy")]
    PermissionsPolicy,
    /// No matching device, or the user chose none.
    #[error("no matching device was found or chosen")]
    NotFound,
    /// Anything else; the backend's own text is kept.
    #[error("USB error: {0}")]
    Other(String),
}

impl From<UsbError> for TransportError {
    fn from(e: UsbError) -> Self {
        match e {
            UsbError::Disconnected | UsbError::NotFound => TransportError::ReaderGone,
            UsbError::Timeout { .. } => TransportError::Timeout,
            other => TransportError::Io(alloc::format!("{other}")),
        }
    }
}

/// One claimed USB interface: bulk, interrupt and control transfers, plus the only clock a
/// driver uses.
///
/// Endpoint numbers are USB addresses (`0x02` OUT, `0x81` IN). No `Send` bound: in Wasm
/// everything runs on one thread.
#[allow(async_fn_in_trait)]
pub trait UsbPipe {
    /// Writes `data` to a bulk OUT endpoint (a backend adds a zero-length packet when the
    /// transfer is an exact multiple of wMaxPacketSize, readers.md §2.1).
    async fn bulk_out(&mut self, endpoint: u8, data: &[u8]) -> Result<(), UsbError>;

    /// Reads one transfer of at most `max_len` bytes from a bulk IN endpoint, or fails with
    /// [`UsbError::Timeout`] after `timeout_ms`.
    ///
    /// WebUSB cannot cancel a `transferIn`: a backend whose timer wins the race must keep the
    /// pending transfer and hand its data to the next `bulk_in` on that endpoint, so no reply
    /// is lost or delivered twice.
    async fn bulk_in(
        &mut self,
        endpoint: u8,
        max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError>;

    /// Reads one transfer from an interrupt IN endpoint (CCID NotifySlotChange, readers.md §2.3).
    async fn interrupt_in(
        &mut self,
        endpoint: u8,
        max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError>;

    /// A control transfer from the device of at most `len` bytes.
    async fn control_in(&mut self, setup: ControlSetup, len: u16) -> Result<Vec<u8>, UsbError>;

    /// A control transfer to the device.
    async fn control_out(&mut self, setup: ControlSetup, data: &[u8]) -> Result<(), UsbError>;

    /// Waits `ms` milliseconds (a browser timer, a native sleep, or simulated time).
    async fn delay_ms(&mut self, ms: u32);
}

/// A borrowed pipe is a pipe: a driver can be built over `&mut pipe` and dropped while the
/// caller keeps the device (to re-open a session after an error).
impl<T: UsbPipe + ?Sized> UsbPipe for &mut T {
    async fn bulk_out(&mut self, endpoint: u8, data: &[u8]) -> Result<(), UsbError> {
        (**self).bulk_out(endpoint, data).await
    }
    async fn bulk_in(
        &mut self,
        endpoint: u8,
        max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        (**self).bulk_in(endpoint, max_len, timeout_ms).await
    }
    async fn interrupt_in(
        &mut self,
        endpoint: u8,
        max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        (**self).interrupt_in(endpoint, max_len, timeout_ms).await
    }
    async fn control_in(&mut self, setup: ControlSetup, len: u16) -> Result<Vec<u8>, UsbError> {
        (**self).control_in(setup, len).await
    }
    async fn control_out(&mut self, setup: ControlSetup, data: &[u8]) -> Result<(), UsbError> {
        (**self).control_out(setup, data).await
    }
    async fn delay_ms(&mut self, ms: u32) {
        (**self).delay_ms(ms).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_usb_errors_to_transport_errors() {
        assert_eq!(
            TransportError::from(UsbError::Disconnected),
            TransportError::ReaderGone
        );
        assert_eq!(
            TransportError::from(UsbError::Timeout { timeout_ms: 5 }),
            TransportError::Timeout
        );
        assert_eq!(
            TransportError::from(UsbError::Other("LIBUSB_ERROR_IO".into())),
            TransportError::Io("USB error: LIBUSB_ERROR_IO".into())
        );
    }
}
