//! A fake WebUSB for browser tests and for integrators: the simulator's virtual readers
//! (RC-S380, RC-S300, SCR3310-NTTCom, ACR39U, ACR1252, each built from its real descriptor and
//! holding a virtual My Number card) exposed to JavaScript one transfer at a time.
//!
//! The JavaScript half, `js/fake-webusb.js`, installs a `navigator.usb` replacement around
//! [`FakeReader`] and enforces Chrome's rules (a user gesture for `requestDevice`, protected
//! interface classes refused to pages, the `usb` permissions policy). `cargo xtask test` builds
//! this crate with `wasm-bindgen --target no-modules`; Playwright loads both with
//! `addInitScript` (see `tests/e2e/harness.js`).
//!
//! Not for: production pages. It is a test double, faithful at the USB byte level.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used)]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use reader::usb::{ControlSetup, ControlType, Recipient, UsbError, UsbPipe};
use sim::usb::{CcidCore, Fault, FaultPlan, ReaderCore, ReaderModel, Rcs300Core, Rcs380Core, VirtualReader};
use sim::VirtualCard;
use wasm_bindgen::prelude::*;

/// Runs a virtual reader's future to completion. The virtual readers never wait (an answer is
/// either queued or not), so one poll always finishes; a future that did not is reported as
/// "no data yet".
fn run_now<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

enum Reader {
    Ccid(VirtualReader<CcidCore>),
    Rcs300(VirtualReader<Rcs300Core>),
    Rcs380(VirtualReader<Rcs380Core>),
}

macro_rules! with_reader {
    ($self:expr, $r:ident => $body:expr) => {
        match $self {
            Reader::Ccid($r) => $body,
            Reader::Rcs300($r) => $body,
            Reader::Rcs380($r) => $body,
        }
    };
}

/// The model for a name used by tests and the JS layer.
pub fn model_by_name(name: &str) -> Option<ReaderModel> {
    Some(match name {
        "rcs380" => ReaderModel::Rcs380,
        "rcs300" => ReaderModel::Rcs300,
        "rcs300-ccid" => ReaderModel::Rcs300Ccid,
        "scr3310-nttcom" => ReaderModel::Scr3310NttCom,
        "acr39u" => ReaderModel::Acr39u,
        "acr1252" => ReaderModel::Acr1252,
        _ => return None,
    })
}

fn product_name(model: ReaderModel) -> &'static str {
    match model {
        ReaderModel::Rcs380 => "RC-S380/P",
        ReaderModel::Rcs300 | ReaderModel::Rcs300Ccid => "FeliCa Port/PaSoRi 4.0",
        ReaderModel::Scr3310NttCom => "SCR3310-NTTCom USB SmartCard Reader",
        ReaderModel::Acr39u => "ACR39U ICC Reader",
        ReaderModel::Acr1252 => "ACR1252 Reader",
    }
}

/// Outcome of a transfer, as the JS layer turns it into a WebUSB result or exception. JavaScript
/// sees it as the string of [`TransferStatus::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferStatus {
    /// Done.
    Ok,
    /// The endpoint stalled.
    Stall,
    /// The reader is unplugged.
    Disconnected,
    /// Nothing to read yet (the JS layer polls again).
    Pending,
}

impl TransferStatus {
    /// `"ok"`, `"stall"`, `"disconnected"` or `"pending"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TransferStatus::Ok => "ok",
            TransferStatus::Stall => "stall",
            TransferStatus::Disconnected => "disconnected",
            TransferStatus::Pending => "pending",
        }
    }
}



/// One virtual reader with a virtual card in it.
#[wasm_bindgen]
pub struct FakeReader {
    model: ReaderModel,
    reader: Reader,
    last_in: Vec<u8>,
}

#[wasm_bindgen]
impl FakeReader {
    /// A reader `model` (`rcs380`, `rcs300`, `scr3310-nttcom`, `acr39u`, `acr1252`) holding the
    /// virtual card of `persona` (ids of the simulator's personas).
    #[wasm_bindgen(constructor)]
    pub fn new(model: &str, persona: &str) -> Result<FakeReader, JsError> {
        let model = model_by_name(model).ok_or_else(|| JsError::new(&format!("unknown reader model `{model}`")))?;
        let persona = sim::persona(persona).ok_or_else(|| JsError::new(&format!("unknown persona `{persona}`")))?;
        let card = VirtualCard::new(persona).map_err(|e| JsError::new(&e.to_string()))?;
        let reader = match model {
            ReaderModel::Rcs380 => Reader::Rcs380(VirtualReader::new(Rcs380Core::new(card))),
            ReaderModel::Rcs300 => Reader::Rcs300(VirtualReader::new(Rcs300Core::new(card))),
            other => Reader::Ccid(VirtualReader::new(
                CcidCore::new(other, card).ok_or_else(|| JsError::new("model has no CCID interface"))?,
            )),
        };
        Ok(FakeReader { model, reader, last_in: Vec::new() })
    }

    /// idVendor.
    #[wasm_bindgen(getter, js_name = vendorId)]
    pub fn vendor_id(&self) -> u16 {
        self.model.ids().0
    }

    /// idProduct.
    #[wasm_bindgen(getter, js_name = productId)]
    pub fn product_id(&self) -> u16 {
        self.model.ids().1
    }

    /// The product string.
    #[wasm_bindgen(getter, js_name = productName)]
    pub fn product_name(&self) -> String {
        product_name(self.model).to_string()
    }

    /// The interfaces as JSON: `[{"number", "class", "endpoints": [{"number", "direction",
    /// "type", "packetSize"}]}]` — what `USBConfiguration.interfaces` shows.
    #[wasm_bindgen(js_name = interfacesJson)]
    pub fn interfaces_json(&self) -> String {
        let interfaces: Vec<String> = self
            .model
            .interfaces()
            .iter()
            .map(|interface| {
                let endpoints: Vec<String> = interface
                    .endpoints
                    .iter()
                    .map(|e| {
                        format!(
                            r#"{{"number":{},"direction":"{}","type":"{}","packetSize":{}}}"#,
                            e.address & 0x0F,
                            if e.is_in() { "in" } else { "out" },
                            if e.is_interrupt() { "interrupt" } else { "bulk" },
                            e.max_packet_size
                        )
                    })
                    .collect();
                format!(
                    r#"{{"number":{},"class":{},"subclass":{},"protocol":{},"endpoints":[{}]}}"#,
                    interface.number,
                    interface.class,
                    interface.subclass,
                    interface.protocol,
                    endpoints.join(",")
                )
            })
            .collect();
        format!("[{}]", interfaces.join(","))
    }

    /// One bulk OUT transfer.
    #[wasm_bindgen(js_name = transferOut)]
    pub fn transfer_out(&mut self, endpoint: u8, data: &[u8]) -> String {
        self.transfer_out_status(endpoint, data).as_str().to_owned()
    }

    fn transfer_out_status(&mut self, endpoint: u8, data: &[u8]) -> TransferStatus {
        let result = with_reader!(&mut self.reader, r => run_now(r.bulk_out(endpoint, data)));
        match result {
            Some(Ok(())) => TransferStatus::Ok,
            Some(Err(UsbError::Disconnected)) => TransferStatus::Disconnected,
            Some(Err(_)) => TransferStatus::Stall,
            None => TransferStatus::Pending,
        }
    }

    /// One bulk or interrupt IN transfer; the data is then in [`last_in`](Self::last_in).
    #[wasm_bindgen(js_name = transferIn)]
    pub fn transfer_in(&mut self, endpoint: u8, length: u32) -> String {
        self.transfer_in_status(endpoint, length).as_str().to_owned()
    }

    fn transfer_in_status(&mut self, endpoint: u8, length: u32) -> TransferStatus {
        let length = usize::try_from(length).unwrap_or(usize::MAX);
        let result = with_reader!(&mut self.reader, r => run_now(r.bulk_in(endpoint, length, 0)));
        self.finish_in(result)
    }

    /// GET_DESCRIPTOR and other control transfers from the device (data in `last_in`).
    #[wasm_bindgen(js_name = controlIn)]
    pub fn control_in(&mut self, request_type: &str, recipient: &str, request: u8, value: u16, index: u16, length: u16) -> String {
        self.control_in_status(request_type, recipient, request, value, index, length).as_str().to_owned()
    }

    fn control_in_status(&mut self, request_type: &str, recipient: &str, request: u8, value: u16, index: u16, length: u16) -> TransferStatus {
        let setup = ControlSetup {
            control_type: match request_type {
                "class" => ControlType::Class,
                "vendor" => ControlType::Vendor,
                _ => ControlType::Standard,
            },
            recipient: match recipient {
                "interface" => Recipient::Interface,
                "endpoint" => Recipient::Endpoint,
                "other" => Recipient::Other,
                _ => Recipient::Device,
            },
            request,
            value,
            index,
        };
        if setup == ControlSetup::GET_CONFIGURATION_DESCRIPTOR {
            let mut bytes = self.configuration_descriptor();
            bytes.truncate(usize::from(length));
            self.last_in = bytes;
            return TransferStatus::Ok;
        }
        let result = with_reader!(&mut self.reader, r => run_now(r.control_in(setup, length)));
        self.finish_in(result)
    }

    /// The full configuration descriptor as GET_DESCRIPTOR(CONFIGURATION) returns it (USB 2.0
    /// §9.6.3): the 9-byte configuration descriptor with wTotalLength, then each interface with
    /// its class-specific (CCID) and endpoint descriptors.
    fn configuration_descriptor(&self) -> Vec<u8> {
        let interfaces = self.model.interfaces();
        let body = reader::descriptors::encode_descriptors(&reader::descriptors::DeviceDescriptors {
            ids: None,
            interfaces: interfaces.clone(),
        });
        let total = u16::try_from(body.len() + 9).unwrap_or(u16::MAX).to_le_bytes();
        let count = u8::try_from(interfaces.len()).unwrap_or(u8::MAX);
        let mut bytes = vec![9, 2, total[0], total[1], count, 1, 0, 0x80, 50];
        bytes.extend_from_slice(&body);
        bytes
    }

    fn finish_in(&mut self, result: Option<Result<Vec<u8>, UsbError>>) -> TransferStatus {
        match result {
            Some(Ok(data)) => {
                self.last_in = data;
                TransferStatus::Ok
            }
            Some(Err(UsbError::Timeout { .. })) | None => TransferStatus::Pending,
            Some(Err(UsbError::Disconnected)) => TransferStatus::Disconnected,
            Some(Err(_)) => TransferStatus::Stall,
        }
    }

    /// The data of the last successful IN transfer.
    #[wasm_bindgen(js_name = lastIn)]
    pub fn last_in(&self) -> Vec<u8> {
        self.last_in.clone()
    }

    /// Schedules a fault at bulk-OUT transfer `transfer` (1-based, counted from the reader's
    /// start): `remove-card`, `garble`, `short`, `nak`, `timeout`, `wtx`, `unplug`.
    #[wasm_bindgen(js_name = scheduleFault)]
    pub fn schedule_fault(&mut self, transfer: u32, fault: &str) -> Result<(), JsError> {
        let fault = match fault {
            "remove-card" => Fault::RemoveCard,
            "garble" => Fault::GarbleFrame,
            "short" => Fault::ShortFrame,
            "nak" => Fault::Nak,
            "timeout" => Fault::Timeout,
            "wtx" => Fault::Wtx(3),
            "unplug" => Fault::Unplug,
            other => return Err(JsError::new(&format!("unknown fault `{other}`"))),
        };
        with_reader!(&mut self.reader, r => r.set_faults(FaultPlan::default().at(transfer, fault)));
        Ok(())
    }

    /// Bulk-OUT transfers so far (to schedule a fault at "the next k-th").
    #[wasm_bindgen(getter, js_name = bulkOutCount)]
    pub fn bulk_out_count(&self) -> u32 {
        with_reader!(&self.reader, r => r.counters().bulk_out)
    }

    /// Takes the card away or puts it back.
    #[wasm_bindgen(js_name = setCardPresent)]
    pub fn set_card_present(&mut self, present: bool) {
        with_reader!(&mut self.reader, r => r.core_mut().set_card_present(present));
    }

    /// Makes the reader usable again after an unplug fault.
    pub fn replug(&mut self) {
        with_reader!(&mut self.reader, r => r.replug());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rcs300_shows_its_ccid_and_vendor_interfaces() {
        let reader = FakeReader::new("rcs300", "standard").unwrap();
        assert_eq!((reader.vendor_id(), reader.product_id()), (0x054C, 0x0DC8));
        let json = reader.interfaces_json();
        assert!(json.starts_with(r#"[{"number":0,"class":11,"#), "{json}");
        assert!(json.contains(r#"{"number":1,"class":255,"#), "{json}");
    }

    #[test]
    fn the_configuration_descriptor_comes_from_get_descriptor() {
        let mut reader = FakeReader::new("scr3310-nttcom", "standard").unwrap();
        assert_eq!(reader.control_in_status("standard", "device", 6, 0x0200, 0, 9), TransferStatus::Ok);
        let head = reader.last_in();
        assert_eq!(head.len(), 9);
        assert_eq!(head[1], 2, "a configuration descriptor");
        let total = u16::from_le_bytes([head[2], head[3]]);
        assert_eq!(reader.control_in_status("standard", "device", 6, 0x0200, 0, total), TransferStatus::Ok);
        let all = reader::descriptors::parse_descriptors(&reader.last_in()).unwrap();
        assert_eq!(all.interfaces.len(), 1);
        assert_eq!(all.interfaces[0].class, 0xFF);
        assert_eq!(all.interfaces[0].ccid.unwrap().max_message_length, 271);
    }

    #[test]
    fn a_ccid_reader_answers_get_slot_status() {
        let mut reader = FakeReader::new("acr39u", "standard").unwrap();
        let get_slot_status = [0x65, 0, 0, 0, 0, 0, 7, 0, 0, 0];
        assert_eq!(reader.transfer_out_status(0x02, &get_slot_status), TransferStatus::Ok);
        assert_eq!(reader.transfer_in_status(0x82, 64), TransferStatus::Ok);
        let answer = reader.last_in();
        assert_eq!(answer[0], 0x81, "RDR_to_PC_SlotStatus");
        assert_eq!(answer[6], 7, "bSeq echoed");
        assert_eq!(reader.transfer_in_status(0x82, 64), TransferStatus::Pending);
    }

    #[test]
    fn unplugging_fails_every_later_transfer_until_replugged() {
        let mut reader = FakeReader::new("acr39u", "standard").unwrap();
        reader.schedule_fault(1, "unplug").unwrap();
        let get_slot_status = [0x65, 0, 0, 0, 0, 0, 1, 0, 0, 0];
        assert_eq!(reader.transfer_out_status(0x02, &get_slot_status), TransferStatus::Disconnected);
        assert_eq!(reader.transfer_in_status(0x82, 64), TransferStatus::Disconnected);
        reader.replug();
        assert_eq!(reader.transfer_out_status(0x02, &get_slot_status), TransferStatus::Ok);
    }

    #[test]
    fn unknown_names_are_refused_by_name() {
        assert!(model_by_name("acr122u").is_none());
        assert!(model_by_name("rcs380").is_some());
    }
}
