//! A parser for libccid's `parse` tool output — the text dumps in `shared/readers/`
//! (readers/README.md "Format notes").
//!
//! Each dump has one block per CCID interface: ` idVendor: 0x…`, ` idProduct: 0x…`,
//! `  iProduct: …`, ` bInterfaceNumber: n`, ` bInterfaceClass: 0x..`, then a
//! ` CCID Class Descriptor` section with one `  field: value` line per field of the 54-byte
//! descriptor (readers.md §2.4), interleaved with decoded lines (`   T=1`, `   ....02 …`) and
//! extra output (clock and data-rate lists) that this parser skips. Every descriptor field is
//! rebuilt, so a dump yields the same [`CcidDescriptor`] the raw bytes would.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::CcidDescriptor;

/// A dump that is not libccid `parse` output, or lacks a field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DumpError {
    /// No ` idVendor:` line: this is not a libccid dump.
    #[error("not a libccid reader dump (no idVendor line)")]
    NotADump,
    /// A line's value could not be read.
    #[error("line {line}: cannot read the value of {field}")]
    BadValue {
        /// 1-based line number.
        line: usize,
        /// The field name.
        field: &'static str,
    },
    /// An interface block ended without this field.
    #[error("interface block starting at line {line} has no {field}")]
    Missing {
        /// 1-based line where the block starts.
        line: usize,
        /// The missing field.
        field: &'static str,
    },
}

/// One interface block of a dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DumpInterface {
    /// bInterfaceNumber.
    pub number: u8,
    /// bInterfaceClass.
    pub class: u8,
    /// The CCID class descriptor rebuilt from the listed fields.
    pub ccid: CcidDescriptor,
}

/// A parsed dump: the device and its CCID interfaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderDump {
    /// idVendor.
    pub vid: u16,
    /// idProduct.
    pub pid: u16,
    /// iManufacturer string.
    pub manufacturer: String,
    /// iProduct string.
    pub product: String,
    /// Interfaces in dump order.
    pub interfaces: Vec<DumpInterface>,
}

#[derive(Default)]
struct Block {
    start: usize,
    vid: Option<u16>,
    pid: Option<u16>,
    manufacturer: Option<String>,
    product: Option<String>,
    number: Option<u8>,
    class: Option<u8>,
    in_ccid: bool,
    fields: [Option<u32>; FIELDS.len()],
}

/// The 22 descriptor fields as printed, in layout order (bLength and bDescriptorType first).
const FIELDS: [&str; 22] = [
    "bLength",
    "bDescriptorType",
    "bcdCCID",
    "bMaxSlotIndex",
    "bVoltageSupport",
    "dwProtocols",
    "dwDefaultClock",
    "dwMaximumClock",
    "bNumClockSupported",
    "dwDataRate",
    "dwMaxDataRate",
    "bNumDataRatesSupported",
    "dwMaxIFSD",
    "dwSynchProtocols",
    "dwMechanical",
    "dwFeatures",
    "dwMaxCCIDMessageLength",
    "bClassGetResponse",
    "bClassEnvelope",
    "wLcdLayout",
    "bPINSupport",
    "bMaxCCIDBusySlots",
];

fn hex_u32(s: &str) -> Option<u32> {
    let s = s.trim();
    let digits = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    u32::from_str_radix(digits, 16).ok()
}

fn first_token(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

/// Reads one field's printed value (libccid `parse.c` formats) into its numeric value.
fn field_value(name: &str, value: &str) -> Option<u32> {
    match name {
        // "1.10" = %X.%02X of the BCD word
        "bcdCCID" => {
            let (major, minor) = value.trim().split_once('.')?;
            let major = u32::from_str_radix(major, 16).ok()?;
            let minor = u32::from_str_radix(minor, 16).ok()?;
            (major <= 0xFF && minor <= 0xFF).then_some((major << 8) | minor)
        }
        // "0x0000 0x0003" = high word, low word
        "dwProtocols" => {
            let mut parts = value.split_whitespace();
            let hi = hex_u32(parts.next()?)?;
            let lo = hex_u32(parts.next()?)?;
            (hi <= 0xFFFF && lo <= 0xFFFF).then_some((hi << 16) | lo)
        }
        // "4.800 MHz" = kHz / 1000 with 3 decimals
        "dwDefaultClock" | "dwMaximumClock" => {
            let (whole, frac) = first_token(value).split_once('.')?;
            if frac.len() != 3 {
                return None;
            }
            let whole: u32 = whole.parse().ok()?;
            let frac: u32 = frac.parse().ok()?;
            whole.checked_mul(1000)?.checked_add(frac)
        }
        // decimal, possibly followed by a unit or a remark
        "bNumClockSupported"
        | "dwDataRate"
        | "dwMaxDataRate"
        | "bNumDataRatesSupported"
        | "dwMaxIFSD"
        | "dwMaxCCIDMessageLength"
        | "bMaxCCIDBusySlots" => first_token(value).parse().ok(),
        _ => hex_u32(first_token(value)),
    }
}

fn byte(v: u32) -> Option<u8> {
    u8::try_from(v).ok()
}

impl Block {
    fn finish(self) -> Result<(u16, u16, String, String, DumpInterface), DumpError> {
        let line = self.start;
        let missing = |field| DumpError::Missing { line, field };
        let get = |i: usize| {
            self.fields
                .get(i)
                .copied()
                .flatten()
                .ok_or(missing(FIELDS.get(i).copied().unwrap_or("")))
        };
        let b = |i: usize| {
            get(i).and_then(|v| byte(v).ok_or(missing(FIELDS.get(i).copied().unwrap_or(""))))
        };
        if get(0)? != u32::from(CcidDescriptor::LENGTH)
            || get(1)? != u32::from(CcidDescriptor::TYPE)
        {
            return Err(DumpError::Missing {
                line,
                field: "54-byte CCID class descriptor",
            });
        }
        let ccid = CcidDescriptor {
            bcd_ccid: u16::try_from(get(2)?).map_err(|_| missing("bcdCCID"))?,
            max_slot_index: b(3)?,
            voltage_support: b(4)?,
            protocols: get(5)?,
            default_clock_khz: get(6)?,
            maximum_clock_khz: get(7)?,
            num_clock_supported: b(8)?,
            data_rate: get(9)?,
            max_data_rate: get(10)?,
            num_data_rates_supported: b(11)?,
            max_ifsd: get(12)?,
            synch_protocols: get(13)?,
            mechanical: get(14)?,
            features: get(15)?,
            max_message_length: get(16)?,
            class_get_response: b(17)?,
            class_envelope: b(18)?,
            lcd_layout: u16::try_from(get(19)?).map_err(|_| missing("wLcdLayout"))?,
            pin_support: b(20)?,
            max_busy_slots: b(21)?,
        };
        Ok((
            self.vid.ok_or(missing("idVendor"))?,
            self.pid.ok_or(missing("idProduct"))?,
            self.manufacturer.unwrap_or_default(),
            self.product.unwrap_or_default(),
            DumpInterface {
                number: self.number.ok_or(missing("bInterfaceNumber"))?,
                class: self.class.ok_or(missing("bInterfaceClass"))?,
                ccid,
            },
        ))
    }
}

/// Parses a libccid dump (one or more interface blocks of one device).
pub fn parse_dump(text: &str) -> Result<ReaderDump, DumpError> {
    let mut blocks: Vec<Block> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim() == "CCID Class Descriptor" {
            if let Some(block) = blocks.last_mut() {
                block.in_ccid = true;
            }
            continue;
        }
        let Some((name, value)) = raw.trim().split_once(':') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim();
        if name == "idVendor" {
            blocks.push(Block {
                start: line,
                ..Block::default()
            });
        }
        let Some(block) = blocks.last_mut() else {
            continue;
        };
        let bad = |field| DumpError::BadValue { line, field };
        match name {
            "idVendor" => {
                block.vid = Some(
                    hex_u32(value)
                        .and_then(|v| u16::try_from(v).ok())
                        .ok_or(bad("idVendor"))?,
                )
            }
            "idProduct" => {
                block.pid = Some(
                    hex_u32(value)
                        .and_then(|v| u16::try_from(v).ok())
                        .ok_or(bad("idProduct"))?,
                )
            }
            "iManufacturer" => block.manufacturer = Some(value.to_string()),
            "iProduct" => block.product = Some(value.to_string()),
            "bInterfaceNumber" => {
                block.number = Some(value.parse().map_err(|_| bad("bInterfaceNumber"))?)
            }
            "bInterfaceClass" => {
                block.class = Some(
                    hex_u32(first_token(value))
                        .and_then(byte)
                        .ok_or(bad("bInterfaceClass"))?,
                )
            }
            _ => {
                if let Some(i) = FIELDS.iter().position(|f| *f == name) {
                    // bLength/bDescriptorType also appear in the interface part; only the ones
                    // after "CCID Class Descriptor" belong to the class descriptor.
                    if block.in_ccid {
                        let field = FIELDS.get(i).copied().unwrap_or("field");
                        let v = field_value(name, value).ok_or(bad(field))?;
                        if let Some(slot) = block.fields.get_mut(i) {
                            *slot = Some(v);
                        }
                    }
                }
            }
        }
    }
    if blocks.is_empty() {
        return Err(DumpError::NotADump);
    }
    let mut dump: Option<ReaderDump> = None;
    for block in blocks {
        let (vid, pid, manufacturer, product, iface) = block.finish()?;
        match dump.as_mut() {
            Some(d) => d.interfaces.push(iface),
            None => {
                dump = Some(ReaderDump {
                    vid,
                    pid,
                    manufacturer,
                    product,
                    interfaces: alloc::vec![iface],
                })
            }
        }
    }
    dump.ok_or(DumpError::NotADump)
}
