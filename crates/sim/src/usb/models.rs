//! The reader models and their descriptors.

use alloc::vec;
use alloc::vec::Vec;

use reader::ccid::libccid::parse_dump;
use reader::ccid::CcidDescriptor;
use reader::descriptors::{encode_descriptors, DeviceDescriptors, Endpoint, Interface};

/// A reader model the simulator can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReaderModel {
    /// Sony RC-S380/P (054C:06C3), Port-100.
    Rcs380,
    /// Sony RC-S300/S (054C:0DC8) driven through vendor interface #1.
    Rcs300,
    /// Sony RC-S300/S through its CCID interface #0 (extended APDU level).
    Rcs300Ccid,
    /// NTT Com SCR3310-NTTCom (04E6:511A), vendor-class CCID at TPDU level, contact.
    Scr3310NttCom,
    /// ACS ACR39U (072F:B100), CCID at TPDU level, contact.
    Acr39u,
    /// ACS ACR1252 (072F:223E), CCID at extended-APDU level, contactless.
    Acr1252,
}

const RCS300_DUMP: &str = include_str!("../../../reader/tests/readers/SONY_FeliCa_RC-S300_S.txt");
const NTTCOM_DUMP: &str = include_str!("../../../reader/tests/readers/SCR3310-NTTCom.txt");
const ACR39U_DUMP: &str = include_str!("../../../reader/tests/readers/ACS_ACR39U_ICC_Reader.txt");
const ACR1252_DUMP: &str = include_str!("../../../reader/tests/readers/ACS_ACR1252_Reader.txt");

fn bulk(address: u8) -> Endpoint {
    Endpoint {
        address,
        attributes: 0x02,
        max_packet_size: 64,
    }
}

impl ReaderModel {
    /// Every model.
    pub const ALL: [Self; 6] = [
        Self::Rcs380,
        Self::Rcs300,
        Self::Rcs300Ccid,
        Self::Scr3310NttCom,
        Self::Acr39u,
        Self::Acr1252,
    ];

    /// idVendor, idProduct.
    pub fn ids(self) -> (u16, u16) {
        match self {
            Self::Rcs380 => (0x054C, 0x06C3),
            Self::Rcs300 | Self::Rcs300Ccid => (0x054C, 0x0DC8),
            Self::Scr3310NttCom => (0x04E6, 0x511A),
            Self::Acr39u => (0x072F, 0xB100),
            Self::Acr1252 => (0x072F, 0x223E),
        }
    }

    /// The real CCID class descriptor of the model's CCID interface, if it has one.
    pub fn ccid_descriptor(self) -> Option<CcidDescriptor> {
        let dump = match self {
            Self::Rcs380 => return None,
            Self::Rcs300 | Self::Rcs300Ccid => RCS300_DUMP,
            Self::Scr3310NttCom => NTTCOM_DUMP,
            Self::Acr39u => ACR39U_DUMP,
            Self::Acr1252 => ACR1252_DUMP,
        };
        parse_dump(dump)
            .ok()
            .and_then(|d| d.interfaces.first().map(|i| i.ccid))
    }

    /// Whether the card sits in a contact slot (T=1) rather than in the RF field.
    pub fn is_contact(self) -> bool {
        matches!(self, Self::Scr3310NttCom | Self::Acr39u)
    }

    /// The interfaces the device exposes.
    pub fn interfaces(self) -> Vec<Interface> {
        let ccid = |class: u8| Interface {
            number: 0,
            alternate: 0,
            class,
            subclass: 0,
            protocol: 0,
            ccid: self.ccid_descriptor(),
            endpoints: vec![
                bulk(0x02),
                bulk(0x82),
                Endpoint {
                    address: 0x83,
                    attributes: 0x03,
                    max_packet_size: 8,
                },
            ],
        };
        let vendor = |number: u8, endpoints: Vec<Endpoint>| Interface {
            number,
            alternate: 0,
            class: 0xFF,
            subclass: 0,
            protocol: 0,
            ccid: None,
            endpoints,
        };
        match self {
            Self::Rcs380 => vec![vendor(0, vec![bulk(0x02), bulk(0x81)])],
            Self::Rcs300 | Self::Rcs300Ccid => {
                vec![ccid(0x0B), vendor(1, vec![bulk(0x02), bulk(0x82)])]
            }
            Self::Scr3310NttCom => vec![ccid(0xFF)],
            Self::Acr39u | Self::Acr1252 => vec![ccid(0x0B)],
        }
    }

    /// Device descriptor followed by the configuration's interface, class and endpoint
    /// descriptors (the layout `reader::descriptors::parse_descriptors` reads).
    pub fn descriptors(self) -> Vec<u8> {
        encode_descriptors(&DeviceDescriptors {
            ids: Some(self.ids()),
            interfaces: self.interfaces(),
        })
    }
}
