//! Connecting a real (or polyfilled) USB reader: the catalogue decides which interface a page
//! may claim and which driver runs it; the driver becomes an [`AppChannel`].
//!
//! ```text
//! requestDevice (filters: page readers by VID:PID, plus class 0x0B so that a person with a
//!                standard reader gets an explanation instead of an empty chooser)
//!   → catalogue by VID:PID, else the configuration descriptor read with GET_DESCRIPTOR
//!   → page route? claim(interface) → driver (CCID | RC-S300 if#1 | RC-S380) → init/activate
//!   → otherwise: the catalogue's advice (app version only / unsupported), nothing claimed
//! ```

use reader::catalog::{self, Browser, DriverKind, InterfaceFacts, PageRoute};
use reader::ccid::{CcidChannel, CcidOptions};
use reader::descriptors::parse_descriptors;
use reader::port100::{Rcs380, Rcs380Options};
use reader::rcs300::{Rcs300, Rcs300Options};
use reader::usb::{ControlSetup, UsbError, UsbPipe};
use webusb::bindings::UsbDevice;
use webusb::{ClaimedReader, DeviceInfo};

use crate::session::AppChannel;

/// The smart-card interface class (USB class 0x0B), which Chrome refuses to pages.
const SMART_CARD_CLASS: u8 = 0x0B;

/// A reader that is open and driven.
pub struct ConnectedReader {
    /// The channel to the card (through the driver).
    pub channel: AppChannel,
    /// What the panel shows about it.
    pub description: ReaderDescription,
    /// The device, to recognise it in `disconnect` events.
    pub device: UsbDevice,
}

/// What the reader panel says about a connected reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderDescription {
    /// The catalogue's name, else the device's product string, else VID:PID.
    pub name: String,
    /// USB ids as `054C:0DC8`.
    pub ids: String,
    /// Which driver runs it.
    pub driver: DriverKind,
    /// The interface claimed.
    pub interface: u8,
}

/// Why a chosen reader cannot be used from this page, or failed to start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReaderProblem {
    /// The catalogue says a page cannot use it (standard smart-card reader, or not a reader).
    NotForPages {
        /// Name, if known.
        name: Option<String>,
        /// `app_only` or `unsupported`.
        browser: Browser,
        /// The catalogue's explanation and fix.
        advice: String,
    },
    /// WebUSB refused or failed (protected class, claimed by another program, unplugged…).
    Usb(UsbError),
    /// The driver could not start the reader or find the card.
    Driver(String),
}

fn ids(info: &DeviceInfo) -> String {
    format!("{:04X}:{:04X}", info.vendor_id, info.product_id)
}

/// The `requestDevice` filters: every reader a page can drive, plus any smart-card-class device
/// (so a standard reader can be chosen and then explained).
pub fn chooser_filters() -> (Vec<(u16, u16)>, Vec<u8>) {
    (catalog::webusb_filters(), vec![SMART_CARD_CLASS])
}

/// Opens, claims and starts a chosen device.
pub async fn connect(device: UsbDevice) -> Result<ConnectedReader, ReaderProblem> {
    let info = DeviceInfo::of(&device);
    let route = route_for(&device, &info).await?;
    let claimed = webusb::claim(device.clone(), route.interface).await.map_err(ReaderProblem::Usb)?;
    let name = catalog::lookup(info.vendor_id, info.product_id)
        .map(|known| known.name.to_string())
        .or(claimed.info.product_name.clone())
        .unwrap_or_else(|| ids(&info));
    let description = ReaderDescription { name, ids: ids(&claimed.info), driver: route.driver, interface: route.interface };
    let channel = start_driver(claimed, route).await?;
    Ok(ConnectedReader { channel, description, device })
}

/// Which interface and driver: from the catalogue by VID:PID, else from the device's own
/// configuration descriptor (a vendor-class interface with a CCID descriptor is usable).
async fn route_for(device: &UsbDevice, info: &DeviceInfo) -> Result<PageRoute, ReaderProblem> {
    if let Some(known) = catalog::lookup(info.vendor_id, info.product_id) {
        return match known.page_route {
            Some(route) => Ok(route),
            None => Err(ReaderProblem::NotForPages {
                name: Some(known.name.to_string()),
                browser: known.browser,
                advice: known.advice.to_string(),
            }),
        };
    }
    let descriptors = read_configuration(device).await?;
    let facts: Vec<InterfaceFacts<'_>> = descriptors
        .interfaces
        .iter()
        .map(|i| InterfaceFacts { number: i.number, class: i.class, ccid: i.ccid.as_ref() })
        .collect();
    let assessment = catalog::assess(Some((info.vendor_id, info.product_id)), &facts);
    match (assessment.browser, assessment.page_route) {
        (Browser::Page, Some(route)) => Ok(route),
        (browser, _) => Err(ReaderProblem::NotForPages {
            name: assessment.name.map(str::to_string),
            browser,
            advice: assessment.advice,
        }),
    }
}

/// GET_DESCRIPTOR(CONFIGURATION) on an opened device: WebUSB does not expose class-specific
/// descriptors (readers.md §1.2 note), so the CCID descriptor is read and parsed here.
async fn read_configuration(device: &UsbDevice) -> Result<reader::descriptors::DeviceDescriptors, ReaderProblem> {
    let mut pipe = webusb::open_for_descriptors(device.clone()).await.map_err(ReaderProblem::Usb)?;
    let head = pipe.control_in(ControlSetup::GET_CONFIGURATION_DESCRIPTOR, 9).await.map_err(ReaderProblem::Usb)?;
    let total = head.get(2..4).map(|b| u16::from_le_bytes([b[0], b[1]])).unwrap_or(9);
    let bytes = pipe.control_in(ControlSetup::GET_CONFIGURATION_DESCRIPTOR, total).await.map_err(ReaderProblem::Usb)?;
    parse_descriptors(&bytes).map_err(|e| ReaderProblem::Driver(format!("configuration descriptor: {e}")))
}

async fn start_driver(claimed: ClaimedReader, route: PageRoute) -> Result<AppChannel, ReaderProblem> {
    let ClaimedReader { mut pipe, .. } = claimed;
    match route.driver {
        DriverKind::Rcs300Vendor => {
            let mut options = Rcs300Options::default();
            if let Some((out, inward)) = route.endpoints {
                options.bulk_out = out;
                options.bulk_in = inward;
            }
            let mut driver = Rcs300::new(pipe, options);
            driver.init().await.map_err(|e| ReaderProblem::Driver(e.to_string()))?;
            Ok(AppChannel::Rcs300(Box::new(driver)))
        }
        DriverKind::Port100 => {
            let mut options = Rcs380Options::default();
            if let Some((out, inward)) = route.endpoints {
                options.bulk_out = out;
                options.bulk_in = inward;
            }
            let mut driver = Rcs380::new(pipe, options);
            driver.init().await.map_err(|e| ReaderProblem::Driver(e.to_string()))?;
            Ok(AppChannel::Rcs380(Box::new(driver)))
        }
        DriverKind::Ccid => {
            let head = pipe.control_in(ControlSetup::GET_CONFIGURATION_DESCRIPTOR, 9).await.map_err(ReaderProblem::Usb)?;
            let total = head.get(2..4).map(|b| u16::from_le_bytes([b[0], b[1]])).unwrap_or(9);
            let bytes =
                pipe.control_in(ControlSetup::GET_CONFIGURATION_DESCRIPTOR, total).await.map_err(ReaderProblem::Usb)?;
            let descriptors =
                parse_descriptors(&bytes).map_err(|e| ReaderProblem::Driver(format!("configuration descriptor: {e}")))?;
            let interface = descriptors
                .interfaces
                .iter()
                .find(|i| i.number == route.interface)
                .ok_or_else(|| ReaderProblem::Driver(format!("interface {} is not in the descriptor", route.interface)))?;
            let channel = CcidChannel::from_interface(pipe, interface, CcidOptions::default())
                .map_err(|e| ReaderProblem::Driver(e.to_string()))?;
            Ok(AppChannel::Ccid(Box::new(channel)))
        }
    }
}
