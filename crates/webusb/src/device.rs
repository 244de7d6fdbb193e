//! Choosing, finding, opening and claiming a reader, and hearing when it goes.

use js_sys::{Array, Function, Object, Reflect};
use reader::usb::UsbError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bindings::{self, UsbAlternateInterface, UsbConnectionEvent, UsbDevice, UsbEndpoint, UsbInterface};
use crate::error;
use crate::pipe::WebUsbPipe;

/// One endpoint of an interface, as WebUSB describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointInfo {
    /// Endpoint number without the direction bit.
    pub number: u8,
    /// `true` for IN.
    pub is_in: bool,
    /// `"bulk"`, `"interrupt"` or `"isochronous"`.
    pub kind: String,
    /// wMaxPacketSize.
    pub packet_size: u32,
}

impl EndpointInfo {
    /// The USB address (`0x81` for IN endpoint 1).
    pub fn address(&self) -> u8 {
        if self.is_in { 0x80 | self.number } else { self.number }
    }
}

/// One interface of the current configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterfaceInfo {
    /// bInterfaceNumber.
    pub number: u8,
    /// bInterfaceClass (0x0B = smart card, protected from pages; 0xFF = vendor).
    pub class: u8,
    /// bInterfaceSubClass.
    pub subclass: u8,
    /// bInterfaceProtocol.
    pub protocol: u8,
    /// Its endpoints.
    pub endpoints: Vec<EndpointInfo>,
}

/// What WebUSB tells about a device before and after opening it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceInfo {
    /// idVendor.
    pub vendor_id: u16,
    /// idProduct.
    pub product_id: u16,
    /// The product string, if any.
    pub product_name: Option<String>,
    /// Interfaces of the current configuration (empty if none is selected yet).
    pub interfaces: Vec<InterfaceInfo>,
}

impl DeviceInfo {
    /// Reads the device's description (structurally, no `instanceof`).
    pub fn of(device: &UsbDevice) -> Self {
        let interfaces = device
            .configuration()
            .map(|configuration| {
                configuration
                    .interfaces()
                    .iter()
                    .map(|value| {
                        let interface: UsbInterface = value.unchecked_into();
                        let alternate: UsbAlternateInterface = interface.alternate();
                        InterfaceInfo {
                            number: interface.interface_number(),
                            class: alternate.interface_class(),
                            subclass: alternate.interface_subclass(),
                            protocol: alternate.interface_protocol(),
                            endpoints: alternate
                                .endpoints()
                                .iter()
                                .map(|value| {
                                    let endpoint: UsbEndpoint = value.unchecked_into();
                                    EndpointInfo {
                                        number: endpoint.endpoint_number(),
                                        is_in: endpoint.direction() == "in",
                                        kind: endpoint.kind(),
                                        packet_size: endpoint.packet_size(),
                                    }
                                })
                                .collect(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            vendor_id: device.vendor_id(),
            product_id: device.product_id(),
            product_name: device.product_name(),
            interfaces,
        }
    }
}

fn usb() -> Result<bindings::Usb, UsbError> {
    bindings::navigator_usb()
        .ok_or_else(|| UsbError::Other("this browser has no WebUSB (navigator.usb is missing)".into()))
}

/// Shows the browser's device chooser, listing only devices that match `ids` (`(vendor id,
/// product id)` pairs from the reader catalogue) or have a device or interface class in
/// `classes`. Must run inside a user gesture (a click).
pub async fn request_device(ids: &[(u16, u16)], classes: &[u8]) -> Result<UsbDevice, UsbError> {
    let list = Array::new();
    for &(vendor, product) in ids {
        let filter = Object::new();
        let _ = Reflect::set(&filter, &"vendorId".into(), &vendor.into());
        let _ = Reflect::set(&filter, &"productId".into(), &product.into());
        list.push(&filter);
    }
    for &class in classes {
        let filter = Object::new();
        let _ = Reflect::set(&filter, &"classCode".into(), &class.into());
        list.push(&filter);
    }
    let options = Object::new();
    let _ = Reflect::set(&options, &"filters".into(), &list);
    let device = JsFuture::from(usb()?.request_device(&options)).await.map_err(|e| error::from_js(&e))?;
    Ok(device.unchecked_into())
}

/// Devices this origin may already use (chosen before), without a chooser.
pub async fn get_permitted_devices() -> Result<Vec<UsbDevice>, UsbError> {
    let devices = JsFuture::from(usb()?.get_devices()).await.map_err(|e| error::from_js(&e))?;
    Ok(Array::from(&devices).iter().map(JsCast::unchecked_into).collect())
}

/// An opened device with one claimed interface, ready for a driver.
pub struct ClaimedReader {
    /// The pipe the driver talks through.
    pub pipe: WebUsbPipe,
    /// The device's description, read after opening.
    pub info: DeviceInfo,
    /// The claimed interface.
    pub interface: u8,
}

/// Opens `device` (if needed) and selects configuration 1 if none is selected, without claiming
/// an interface: enough for device-level control requests such as GET_DESCRIPTOR.
pub async fn open_for_descriptors(device: UsbDevice) -> Result<WebUsbPipe, UsbError> {
    open_and_configure(&device).await?;
    Ok(WebUsbPipe::new(device, Vec::new()))
}

async fn open_and_configure(device: &UsbDevice) -> Result<(), UsbError> {
    if !device.opened() {
        JsFuture::from(device.open()).await.map_err(|e| error::from_js(&e))?;
    }
    if device.configuration().is_none() {
        JsFuture::from(device.select_configuration(1)).await.map_err(|e| error::from_js(&e))?;
    }
    Ok(())
}

/// Opens `device` (if needed), selects configuration 1 if none is selected, and claims
/// `interface` — for the RC-S300 that is interface 1, the vendor one (readers.md §4.1).
pub async fn claim(device: UsbDevice, interface: u8) -> Result<ClaimedReader, UsbError> {
    open_and_configure(&device).await?;
    JsFuture::from(device.claim_interface(interface)).await.map_err(|e| error::from_js(&e))?;
    let info = DeviceInfo::of(&device);
    let out_packet_sizes = info
        .interfaces
        .iter()
        .filter(|i| i.number == interface)
        .flat_map(|i| i.endpoints.iter())
        .filter(|e| !e.is_in)
        .map(|e| (e.number, e.packet_size))
        .collect();
    Ok(ClaimedReader { pipe: WebUsbPipe::new(device, out_packet_sizes), info, interface })
}

/// Which `navigator.usb` event to watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceEvent {
    /// A device this origin may use was plugged in.
    Connect,
    /// A device was unplugged.
    Disconnect,
}

impl DeviceEvent {
    fn name(self) -> &'static str {
        match self {
            DeviceEvent::Connect => "connect",
            DeviceEvent::Disconnect => "disconnect",
        }
    }
}

/// Calls a function whenever a USB device comes or goes, until dropped.
pub struct DeviceEventWatch {
    event: DeviceEvent,
    listener: Closure<dyn FnMut(JsValue)>,
}

impl DeviceEventWatch {
    /// Starts watching; `on_event` receives the device that came or went.
    pub fn new(event: DeviceEvent, mut on_event: impl FnMut(UsbDevice) + 'static) -> Result<Self, UsbError> {
        let listener = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            let value: UsbConnectionEvent = value.unchecked_into();
            on_event(value.device());
        });
        usb()?.add_event_listener(event.name(), listener.as_ref().unchecked_ref::<Function>());
        Ok(Self { event, listener })
    }
}

impl Drop for DeviceEventWatch {
    fn drop(&mut self) {
        if let Ok(usb) = usb() {
            usb.remove_event_listener(self.event.name(), self.listener.as_ref().unchecked_ref::<Function>());
        }
    }
}

/// Whether two handles are the same device (WebUSB hands out the same object for one device).
pub fn same_device(a: &UsbDevice, b: &UsbDevice) -> bool {
    js_sys::Object::is(a, b)
}
