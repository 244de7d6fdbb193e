//! Standard USB descriptors as a host reads them (USB 2.0 §9.6): the device descriptor and a
//! configuration descriptor with its interfaces, endpoints and CCID class descriptors.
//!
//! Input is a run of descriptors, each `bLength | bDescriptorType | …` — what
//! GET_DESCRIPTOR(CONFIGURATION) returns, or Linux sysfs `descriptors` (device descriptor
//! followed by the configuration). A bare 54-byte CCID class descriptor is accepted too.

use alloc::vec::Vec;

use crate::ccid::CcidDescriptor;
use crate::codec::{Cursor, DecodeError};

/// bDescriptorType values (USB 2.0 Table 9-5; CCID §5.1).
pub mod descriptor_type {
    /// Device descriptor.
    pub const DEVICE: u8 = 0x01;
    /// Configuration descriptor.
    pub const CONFIGURATION: u8 = 0x02;
    /// Interface descriptor.
    pub const INTERFACE: u8 = 0x04;
    /// Endpoint descriptor.
    pub const ENDPOINT: u8 = 0x05;
    /// CCID class-specific descriptor.
    pub const CCID: u8 = 0x21;
}

/// One endpoint (USB 2.0 §9.6.6).
///
/// ```text
/// 0 bLength (7) | 1 bDescriptorType (5) | 2 bEndpointAddress | 3 bmAttributes | 4 wMaxPacketSize (LE) | 6 bInterval
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// bEndpointAddress (bit 7 = IN).
    pub address: u8,
    /// bmAttributes bits 1..0: 2 bulk, 3 interrupt.
    pub attributes: u8,
    /// wMaxPacketSize.
    pub max_packet_size: u16,
}

impl Endpoint {
    /// Bulk transfer type.
    pub fn is_bulk(&self) -> bool {
        self.attributes & 0x03 == 0x02
    }
    /// Interrupt transfer type.
    pub fn is_interrupt(&self) -> bool {
        self.attributes & 0x03 == 0x03
    }
    /// Direction IN.
    pub fn is_in(&self) -> bool {
        self.address & 0x80 != 0
    }
}

/// One interface alternate setting with what follows it (USB 2.0 §9.6.5).
///
/// ```text
/// 0 bLength (9) | 1 bDescriptorType (4) | 2 bInterfaceNumber | 3 bAlternateSetting |
/// 4 bNumEndpoints | 5 bInterfaceClass | 6 bInterfaceSubClass | 7 bInterfaceProtocol | 8 iInterface
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    /// bInterfaceNumber.
    pub number: u8,
    /// bAlternateSetting.
    pub alternate: u8,
    /// bInterfaceClass (0x0B CCID, 0xFF vendor).
    pub class: u8,
    /// bInterfaceSubClass.
    pub subclass: u8,
    /// bInterfaceProtocol.
    pub protocol: u8,
    /// The CCID class descriptor, when one follows (class 0x0B, or class 0xFF with a 54-byte
    /// class descriptor as libccid accepts, readers.md §2.4).
    pub ccid: Option<CcidDescriptor>,
    /// Endpoints in descriptor order.
    pub endpoints: Vec<Endpoint>,
}

impl Interface {
    /// First bulk endpoint in the given direction.
    pub fn bulk(&self, inward: bool) -> Option<u8> {
        self.endpoints
            .iter()
            .find(|e| e.is_bulk() && e.is_in() == inward)
            .map(|e| e.address)
    }
    /// First interrupt IN endpoint.
    pub fn interrupt_in(&self) -> Option<u8> {
        self.endpoints
            .iter()
            .find(|e| e.is_interrupt() && e.is_in())
            .map(|e| e.address)
    }
}

/// What a descriptor dump says about a device.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DeviceDescriptors {
    /// idVendor and idProduct, when a device descriptor was present.
    pub ids: Option<(u16, u16)>,
    /// Interfaces in order (each alternate setting is its own entry).
    pub interfaces: Vec<Interface>,
}

/// Walks a run of USB descriptors. Unknown descriptor types are skipped by their bLength;
/// a bLength below 2 or past the end is an error (no endless loop, no over-read).
pub fn parse_descriptors(bytes: &[u8]) -> Result<DeviceDescriptors, DecodeError> {
    if bytes.len() == usize::from(CcidDescriptor::LENGTH)
        && bytes.get(1) == Some(&descriptor_type::CCID)
    {
        let ccid = CcidDescriptor::parse(bytes)?;
        return Ok(DeviceDescriptors {
            ids: None,
            interfaces: alloc::vec![Interface {
                number: 0,
                alternate: 0,
                class: 0x0B,
                subclass: 0,
                protocol: 0,
                ccid: Some(ccid),
                endpoints: Vec::new(),
            }],
        });
    }
    let mut out = DeviceDescriptors::default();
    let mut c = Cursor::new(bytes, "USB descriptors");
    if !matches!(
        bytes.get(1).copied(),
        Some(descriptor_type::DEVICE | descriptor_type::CONFIGURATION | descriptor_type::INTERFACE)
    ) {
        return Err(
            c.invalid("does not start with a device, configuration or interface descriptor")
        );
    }
    let mut saw_interface_or_device = false;
    while c.remaining() > 0 {
        let len = c.peek().map(usize::from).unwrap_or(0);
        if len < 2 {
            return Err(c.invalid("descriptor with bLength below 2"));
        }
        let body = c.take(len)?;
        let mut d = Cursor::new(body, "USB descriptor");
        let _ = d.u8()?;
        let kind = d.u8()?;
        match kind {
            descriptor_type::DEVICE => {
                let mut d = Cursor::new(body, "device descriptor");
                if body.len() != 18 {
                    return Err(d.invalid("bLength is not 18"));
                }
                let _ = d.take(8)?;
                let vid = d.u16_le()?;
                let pid = d.u16_le()?;
                out.ids = Some((vid, pid));
                saw_interface_or_device = true;
            }
            descriptor_type::INTERFACE => {
                let mut d = Cursor::new(body, "interface descriptor");
                let _ = d.take(2)?;
                let number = d.u8()?;
                let alternate = d.u8()?;
                let _num_endpoints = d.u8()?;
                let class = d.u8()?;
                let subclass = d.u8()?;
                let protocol = d.u8()?;
                out.interfaces.push(Interface {
                    number,
                    alternate,
                    class,
                    subclass,
                    protocol,
                    ccid: None,
                    endpoints: Vec::new(),
                });
                saw_interface_or_device = true;
            }
            descriptor_type::CCID if body.len() == usize::from(CcidDescriptor::LENGTH) => {
                if let Some(iface) = out.interfaces.last_mut() {
                    if iface.class == 0x0B || iface.class == 0xFF {
                        iface.ccid = Some(CcidDescriptor::parse(body)?);
                    }
                }
            }
            descriptor_type::ENDPOINT => {
                let mut d = Cursor::new(body, "endpoint descriptor");
                let _ = d.take(2)?;
                let address = d.u8()?;
                let attributes = d.u8()?;
                let max_packet_size = d.u16_le()?;
                if let Some(iface) = out.interfaces.last_mut() {
                    iface.endpoints.push(Endpoint {
                        address,
                        attributes,
                        max_packet_size,
                    });
                }
            }
            _ => {}
        }
    }
    if !saw_interface_or_device {
        return Err(c.invalid("no device or interface descriptor found"));
    }
    Ok(out)
}

/// Encodes descriptors back to bytes: device descriptor (when ids are known, with zeros for
/// the fields this model does not keep), then for each interface its interface, CCID and
/// endpoint descriptors. Used by round-trip tests and the simulator.
pub fn encode_descriptors(d: &DeviceDescriptors) -> Vec<u8> {
    let mut o = Vec::new();
    if let Some((vid, pid)) = d.ids {
        o.extend_from_slice(&[18, descriptor_type::DEVICE, 0x00, 0x02, 0, 0, 0, 64]);
        o.extend_from_slice(&vid.to_le_bytes());
        o.extend_from_slice(&pid.to_le_bytes());
        o.extend_from_slice(&[0x00, 0x01, 0, 0, 0, 1]);
    }
    for i in &d.interfaces {
        let n = u8::try_from(i.endpoints.len()).unwrap_or(u8::MAX);
        o.extend_from_slice(&[
            9,
            descriptor_type::INTERFACE,
            i.number,
            i.alternate,
            n,
            i.class,
            i.subclass,
            i.protocol,
            0,
        ]);
        if let Some(ccid) = &i.ccid {
            o.extend_from_slice(&ccid.to_bytes());
        }
        for e in &i.endpoints {
            o.extend_from_slice(&[7, descriptor_type::ENDPOINT, e.address, e.attributes]);
            o.extend_from_slice(&e.max_packet_size.to_le_bytes());
            o.push(0);
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ccid::descriptor::tests::RCS300_BYTES;

    fn rcs300_configuration() -> Vec<u8> {
        let mut b = alloc::vec![
            18, 1, 0x00, 0x02, 0, 0, 0, 64, 0x4C, 0x05, 0xC8, 0x0D, 0x00, 0x01, 1, 2, 0,
            1, // device
            9, 2, 0x5D, 0, 2, 1, 0, 0x80, 50, // configuration
            9, 4, 0, 0, 3, 0x0B, 0, 0, 0, // interface 0 CCID
        ];
        b.extend_from_slice(&RCS300_BYTES);
        b.extend_from_slice(&[
            7, 5, 0x81, 2, 64, 0, 0, 7, 5, 0x01, 2, 64, 0, 0, 7, 5, 0x83, 3, 8, 0, 10,
        ]);
        b.extend_from_slice(&[
            9, 4, 1, 0, 2, 0xFF, 0, 0, 0, 7, 5, 0x02, 2, 64, 0, 0, 7, 5, 0x82, 2, 64, 0, 0,
        ]);
        b
    }

    #[test]
    fn walks_a_composite_reader_configuration() {
        let d = parse_descriptors(&rcs300_configuration()).expect("valid");
        assert_eq!(d.ids, Some((0x054C, 0x0DC8)));
        assert_eq!(d.interfaces.len(), 2);
        let ccid = &d.interfaces[0];
        assert_eq!((ccid.number, ccid.class), (0, 0x0B));
        assert_eq!(ccid.ccid.map(|c| c.max_message_length), Some(522));
        assert_eq!(
            (ccid.bulk(true), ccid.bulk(false), ccid.interrupt_in()),
            (Some(0x81), Some(0x01), Some(0x83))
        );
        let vendor = &d.interfaces[1];
        assert_eq!((vendor.number, vendor.class, vendor.ccid), (1, 0xFF, None));
        assert_eq!(
            (vendor.bulk(true), vendor.bulk(false)),
            (Some(0x82), Some(0x02))
        );
        let again = parse_descriptors(&encode_descriptors(&d)).expect("re-encoded");
        assert_eq!(again, d);
    }

    #[test]
    fn accepts_a_bare_ccid_descriptor() {
        let d = parse_descriptors(&RCS300_BYTES).expect("valid");
        assert_eq!(d.ids, None);
        assert_eq!(d.interfaces[0].ccid.map(|c| c.features), Some(0x0004_007E));
    }

    #[test]
    fn rejects_a_zero_length_descriptor_and_text() {
        assert_eq!(
            parse_descriptors(&[9, 4, 0, 0, 0, 0xFF, 0, 0, 0, 0, 0]),
            Err(DecodeError::Invalid {
                what: "USB descriptors",
                reason: "descriptor with bLength below 2"
            })
        );
        assert!(parse_descriptors(b"hello world, not a descriptor").is_err());
    }
}
