//! Hand-written bindings to the WebUSB objects mynaweb uses (WebUSB spec, WICG, §5–§7).
//!
//! `web-sys` has WebUSB only behind `--cfg=web_sys_unstable_apis`, and its casts check
//! `instanceof`, which a polyfill fails. These bindings are structural: any object with the right
//! methods and properties works.

use js_sys::{Object, Promise, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `navigator.usb` (the `USB` interface).
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type Usb;

    /// `USB.requestDevice({filters})` → `Promise<USBDevice>`; needs a user gesture.
    #[wasm_bindgen(method, js_name = requestDevice)]
    pub fn request_device(this: &Usb, options: &JsValue) -> Promise;

    /// `USB.getDevices()` → `Promise<USBDevice[]>`: devices this origin was already allowed.
    #[wasm_bindgen(method, js_name = getDevices)]
    pub fn get_devices(this: &Usb) -> Promise;

    /// `USB.addEventListener(type, listener)` for `connect` and `disconnect`.
    #[wasm_bindgen(method, js_name = addEventListener)]
    pub fn add_event_listener(this: &Usb, kind: &str, listener: &js_sys::Function);

    /// `USB.removeEventListener(type, listener)`.
    #[wasm_bindgen(method, js_name = removeEventListener)]
    pub fn remove_event_listener(this: &Usb, kind: &str, listener: &js_sys::Function);

    /// A `USBDevice`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbDevice;

    /// `idVendor`.
    #[wasm_bindgen(method, getter, js_name = vendorId)]
    pub fn vendor_id(this: &UsbDevice) -> u16;
    /// `idProduct`.
    #[wasm_bindgen(method, getter, js_name = productId)]
    pub fn product_id(this: &UsbDevice) -> u16;
    /// The product string, if the device has one.
    #[wasm_bindgen(method, getter, js_name = productName)]
    pub fn product_name(this: &UsbDevice) -> Option<String>;
    /// The serial number string, if any.
    #[wasm_bindgen(method, getter, js_name = serialNumber)]
    pub fn serial_number(this: &UsbDevice) -> Option<String>;
    /// Whether the device is open.
    #[wasm_bindgen(method, getter)]
    pub fn opened(this: &UsbDevice) -> bool;
    /// The selected configuration, or `null`.
    #[wasm_bindgen(method, getter)]
    pub fn configuration(this: &UsbDevice) -> Option<UsbConfiguration>;

    /// `open()`.
    #[wasm_bindgen(method)]
    pub fn open(this: &UsbDevice) -> Promise;
    /// `close()`.
    #[wasm_bindgen(method)]
    pub fn close(this: &UsbDevice) -> Promise;
    /// `selectConfiguration(value)`.
    #[wasm_bindgen(method, js_name = selectConfiguration)]
    pub fn select_configuration(this: &UsbDevice, value: u8) -> Promise;
    /// `claimInterface(number)`.
    #[wasm_bindgen(method, js_name = claimInterface)]
    pub fn claim_interface(this: &UsbDevice, number: u8) -> Promise;
    /// `releaseInterface(number)`.
    #[wasm_bindgen(method, js_name = releaseInterface)]
    pub fn release_interface(this: &UsbDevice, number: u8) -> Promise;
    /// `transferOut(endpointNumber, data)` → `Promise<USBOutTransferResult>`.
    #[wasm_bindgen(method, js_name = transferOut)]
    pub fn transfer_out(this: &UsbDevice, endpoint_number: u8, data: &Uint8Array) -> Promise;
    /// `transferIn(endpointNumber, length)` → `Promise<USBInTransferResult>`.
    #[wasm_bindgen(method, js_name = transferIn)]
    pub fn transfer_in(this: &UsbDevice, endpoint_number: u8, length: u32) -> Promise;
    /// `controlTransferIn(setup, length)`.
    #[wasm_bindgen(method, js_name = controlTransferIn)]
    pub fn control_transfer_in(this: &UsbDevice, setup: &JsValue, length: u16) -> Promise;
    /// `controlTransferOut(setup, data)`.
    #[wasm_bindgen(method, js_name = controlTransferOut)]
    pub fn control_transfer_out(this: &UsbDevice, setup: &JsValue, data: &Uint8Array) -> Promise;

    /// A `USBConfiguration`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbConfiguration;
    /// `configurationValue`.
    #[wasm_bindgen(method, getter, js_name = configurationValue)]
    pub fn configuration_value(this: &UsbConfiguration) -> u8;
    /// `interfaces` (an array of `USBInterface`).
    #[wasm_bindgen(method, getter)]
    pub fn interfaces(this: &UsbConfiguration) -> js_sys::Array;

    /// A `USBInterface`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbInterface;
    /// `interfaceNumber`.
    #[wasm_bindgen(method, getter, js_name = interfaceNumber)]
    pub fn interface_number(this: &UsbInterface) -> u8;
    /// `alternate` (the current alternate setting).
    #[wasm_bindgen(method, getter)]
    pub fn alternate(this: &UsbInterface) -> UsbAlternateInterface;

    /// A `USBAlternateInterface`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbAlternateInterface;
    /// `interfaceClass`.
    #[wasm_bindgen(method, getter, js_name = interfaceClass)]
    pub fn interface_class(this: &UsbAlternateInterface) -> u8;
    /// `interfaceSubclass`.
    #[wasm_bindgen(method, getter, js_name = interfaceSubclass)]
    pub fn interface_subclass(this: &UsbAlternateInterface) -> u8;
    /// `interfaceProtocol`.
    #[wasm_bindgen(method, getter, js_name = interfaceProtocol)]
    pub fn interface_protocol(this: &UsbAlternateInterface) -> u8;
    /// `endpoints` (an array of `USBEndpoint`).
    #[wasm_bindgen(method, getter)]
    pub fn endpoints(this: &UsbAlternateInterface) -> js_sys::Array;

    /// A `USBEndpoint`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbEndpoint;
    /// `endpointNumber` (without the direction bit).
    #[wasm_bindgen(method, getter, js_name = endpointNumber)]
    pub fn endpoint_number(this: &UsbEndpoint) -> u8;
    /// `direction`: `"in"` or `"out"`.
    #[wasm_bindgen(method, getter)]
    pub fn direction(this: &UsbEndpoint) -> String;
    /// `type`: `"bulk"`, `"interrupt"` or `"isochronous"`.
    #[wasm_bindgen(method, getter, js_name = type)]
    pub fn kind(this: &UsbEndpoint) -> String;
    /// `packetSize`.
    #[wasm_bindgen(method, getter, js_name = packetSize)]
    pub fn packet_size(this: &UsbEndpoint) -> u32;

    /// A `USBInTransferResult`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbInTransferResult;
    /// `status`: `"ok"`, `"stall"` or `"babble"`.
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &UsbInTransferResult) -> String;
    /// `data` (a `DataView`, or absent on stall).
    #[wasm_bindgen(method, getter)]
    pub fn data(this: &UsbInTransferResult) -> Option<js_sys::DataView>;

    /// A `USBOutTransferResult`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbOutTransferResult;
    /// `status`: `"ok"` or `"stall"`.
    #[wasm_bindgen(method, getter, js_name = status)]
    pub fn out_status(this: &UsbOutTransferResult) -> String;
    /// `bytesWritten`.
    #[wasm_bindgen(method, getter, js_name = bytesWritten)]
    pub fn bytes_written(this: &UsbOutTransferResult) -> u32;

    /// A `USBConnectionEvent` (`connect` / `disconnect`).
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone, Debug)]
    pub type UsbConnectionEvent;
    /// The device that came or went.
    #[wasm_bindgen(method, getter)]
    pub fn device(this: &UsbConnectionEvent) -> UsbDevice;
}

/// `navigator.usb`, or `None` where the browser has no WebUSB (Firefox, Safari, or a context
/// that hides it). Looked up structurally, so a polyfill installed on `navigator.usb` is found.
pub fn navigator_usb() -> Option<Usb> {
    let global = js_sys::global();
    let navigator = js_sys::Reflect::get(&global, &JsValue::from_str("navigator")).ok()?;
    let usb = js_sys::Reflect::get(&navigator, &JsValue::from_str("usb")).ok()?;
    if usb.is_undefined() || usb.is_null() {
        return None;
    }
    Some(usb.unchecked_into())
}
