//! [`UsbPipe`] over one claimed interface of a WebUSB device.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use reader::usb::{ControlSetup, ControlType, Recipient, UsbError, UsbPipe};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bindings::{UsbDevice, UsbInTransferResult, UsbOutTransferResult};
use crate::error;

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` (window or worker).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> JsValue;
}

/// A promise that resolves to `undefined` after `ms` milliseconds.
fn timer(ms: u32) -> Promise {
    Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, i32::try_from(ms).unwrap_or(i32::MAX));
    })
}

/// One claimed interface. Endpoint arguments are USB addresses (`0x02`, `0x81`); WebUSB wants
/// the endpoint number alone, so the direction bit is dropped here.
pub struct WebUsbPipe {
    device: UsbDevice,
    /// wMaxPacketSize of each OUT endpoint number, for zero-length packets (readers.md §2.1).
    out_packet_sizes: Vec<(u8, u32)>,
    /// IN transfers that lost the race against their timer. WebUSB cannot cancel a transfer, so
    /// the next read on that endpoint awaits this one instead of starting another (otherwise
    /// the device's late answer would be swallowed by a transfer nobody reads).
    pending_in: Vec<(u8, Promise)>,
}

impl WebUsbPipe {
    /// Wraps an opened device whose interface is claimed; `out_packet_sizes` lists
    /// `(endpoint number, packet size)` of its OUT endpoints.
    pub fn new(device: UsbDevice, out_packet_sizes: Vec<(u8, u32)>) -> Self {
        Self { device, out_packet_sizes, pending_in: Vec::new() }
    }

    /// The device behind this pipe.
    pub fn device(&self) -> &UsbDevice {
        &self.device
    }

    async fn transfer_out(&self, number: u8, data: &[u8]) -> Result<(), UsbError> {
        let array = Uint8Array::from(data);
        let result = JsFuture::from(self.device.transfer_out(number, &array)).await.map_err(|e| error::from_js(&e))?;
        let result: UsbOutTransferResult = result.unchecked_into();
        match result.out_status().as_str() {
            "ok" => Ok(()),
            "stall" => Err(UsbError::Stall),
            other => Err(UsbError::Other(format!("transferOut status `{other}`"))),
        }
    }

    async fn read_in(&mut self, endpoint: u8, max_len: usize, timeout_ms: u32) -> Result<Vec<u8>, UsbError> {
        let number = endpoint & 0x0F;
        let transfer = match self.pending_in.iter().position(|(n, _)| *n == number) {
            Some(index) => self.pending_in.swap_remove(index).1,
            None => self.device.transfer_in(number, u32::try_from(max_len).unwrap_or(u32::MAX)),
        };
        let race = Promise::race(&Array::of2(&transfer, &timer(timeout_ms)));
        let outcome = JsFuture::from(race).await.map_err(|e| error::from_js(&e))?;
        if outcome.is_undefined() {
            self.pending_in.push((number, transfer));
            return Err(UsbError::Timeout { timeout_ms });
        }
        in_result_bytes(&outcome.unchecked_into())
    }
}

fn in_result_bytes(result: &UsbInTransferResult) -> Result<Vec<u8>, UsbError> {
    match result.status().as_str() {
        "ok" => Ok(result
            .data()
            .map(|view| Uint8Array::new_with_byte_offset_and_length(&view.buffer(), view.byte_offset() as u32, view.byte_length() as u32).to_vec())
            .unwrap_or_default()),
        "stall" => Err(UsbError::Stall),
        "babble" => Err(UsbError::Other("the device sent more data than requested (babble)".into())),
        other => Err(UsbError::Other(format!("transferIn status `{other}`"))),
    }
}

/// The `USBControlTransferParameters` dictionary (WebUSB §7.2).
fn setup_object(setup: ControlSetup) -> JsValue {
    let object = Object::new();
    let request_type = match setup.control_type {
        ControlType::Standard => "standard",
        ControlType::Class => "class",
        ControlType::Vendor => "vendor",
    };
    let recipient = match setup.recipient {
        Recipient::Device => "device",
        Recipient::Interface => "interface",
        Recipient::Endpoint => "endpoint",
        Recipient::Other => "other",
    };
    let fields: [(&str, JsValue); 5] = [
        ("requestType", request_type.into()),
        ("recipient", recipient.into()),
        ("request", setup.request.into()),
        ("value", setup.value.into()),
        ("index", setup.index.into()),
    ];
    for (key, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
    }
    object.into()
}

impl UsbPipe for WebUsbPipe {
    async fn bulk_out(&mut self, endpoint: u8, data: &[u8]) -> Result<(), UsbError> {
        let number = endpoint & 0x0F;
        self.transfer_out(number, data).await?;
        let packet = self.out_packet_sizes.iter().find(|(n, _)| *n == number).map(|(_, size)| *size);
        if let Some(size) = packet.filter(|&s| s > 0) {
            if !data.is_empty() && data.len() % size as usize == 0 {
                self.transfer_out(number, &[]).await?;
            }
        }
        Ok(())
    }

    async fn bulk_in(&mut self, endpoint: u8, max_len: usize, timeout_ms: u32) -> Result<Vec<u8>, UsbError> {
        self.read_in(endpoint, max_len, timeout_ms).await
    }

    async fn interrupt_in(&mut self, endpoint: u8, max_len: usize, timeout_ms: u32) -> Result<Vec<u8>, UsbError> {
        self.read_in(endpoint, max_len, timeout_ms).await
    }

    async fn control_in(&mut self, setup: ControlSetup, len: u16) -> Result<Vec<u8>, UsbError> {
        let result = JsFuture::from(self.device.control_transfer_in(&setup_object(setup), len))
            .await
            .map_err(|e| error::from_js(&e))?;
        in_result_bytes(&result.unchecked_into())
    }

    async fn control_out(&mut self, setup: ControlSetup, data: &[u8]) -> Result<(), UsbError> {
        let result = JsFuture::from(self.device.control_transfer_out(&setup_object(setup), &Uint8Array::from(data)))
            .await
            .map_err(|e| error::from_js(&e))?;
        let result: UsbOutTransferResult = result.unchecked_into();
        match result.out_status().as_str() {
            "ok" => Ok(()),
            "stall" => Err(UsbError::Stall),
            other => Err(UsbError::Other(format!("controlTransferOut status `{other}`"))),
        }
    }

    async fn delay_ms(&mut self, ms: u32) {
        // A timer promise never rejects.
        let _ = JsFuture::from(timer(ms)).await;
    }
}
