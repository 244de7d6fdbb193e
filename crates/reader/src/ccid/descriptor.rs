//! The CCID class descriptor (readers.md §2.4, USB CCID rev 1.1 §5.1) and the exchange level a
//! host must use (readers.md §2.5).

use alloc::vec::Vec;

use crate::codec::{Cursor, DecodeError};

/// How a CCID reader expects data in XfrBlock (readers.md §2.4 `dwFeatures` bits 16..18, §2.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExchangeLevel {
    /// Character level (none of 0x70000): not used by our readers.
    Character,
    /// TPDU (0x10000): the host runs T=0/T=1 itself.
    Tpdu,
    /// Short APDU (0x20000): Lc ≤ 255, Le ≤ 256.
    ShortApdu,
    /// Short and extended APDU (0x40000).
    ExtendedApdu,
}

impl ExchangeLevel {
    /// From `dwFeatures & 0x00070000` (readers.md §2.5). When several bits are set, the most
    /// capable level wins, as in libccid.
    pub fn from_features(features: u32) -> Self {
        if features & features::EXTENDED_APDU != 0 {
            Self::ExtendedApdu
        } else if features & features::SHORT_APDU != 0 {
            Self::ShortApdu
        } else if features & features::TPDU != 0 {
            Self::Tpdu
        } else {
            Self::Character
        }
    }

    /// The name used in `mynaweb describe --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Character => "character",
            Self::Tpdu => "tpdu",
            Self::ShortApdu => "short_apdu",
            Self::ExtendedApdu => "extended_apdu",
        }
    }
}

/// `dwFeatures` bits (readers.md §2.4).
pub mod features {
    /// Automatic parameter configuration based on ATR data.
    pub const AUTO_PARAMETERS_FROM_ATR: u32 = 0x0000_0002;
    /// Automatic activation of ICC on inserting.
    pub const AUTO_ACTIVATION: u32 = 0x0000_0004;
    /// Automatic parameter negotiation (proprietary).
    pub const AUTO_NEGOTIATION: u32 = 0x0000_0040;
    /// Automatic PPS according to current parameters.
    pub const AUTO_PPS: u32 = 0x0000_0080;
    /// Automatic IFSD exchange as first exchange (T=1).
    pub const AUTO_IFSD: u32 = 0x0000_0400;
    /// TPDU level exchange.
    pub const TPDU: u32 = 0x0001_0000;
    /// Short APDU level exchange.
    pub const SHORT_APDU: u32 = 0x0002_0000;
    /// Short and extended APDU level exchange.
    pub const EXTENDED_APDU: u32 = 0x0004_0000;
}

/// The 54-byte CCID class descriptor (bDescriptorType 0x21), field for field.
///
/// Layout (readers.md §2.4, little-endian):
///
/// ```text
/// Off Size Field                  Off Size Field
///  0   1   bLength (54)            27   1  bNumDataRatesSupported
///  1   1   bDescriptorType (0x21)  28   4  dwMaxIFSD
///  2   2   bcdCCID                 32   4  dwSynchProtocols
///  4   1   bMaxSlotIndex           36   4  dwMechanical
///  5   1   bVoltageSupport         40   4  dwFeatures
///  6   4   dwProtocols             44   4  dwMaxCCIDMessageLength
/// 10   4   dwDefaultClock (kHz)    48   1  bClassGetResponse
/// 14   4   dwMaximumClock          49   1  bClassEnvelope
/// 18   1   bNumClockSupported      50   2  wLcdLayout
/// 19   4   dwDataRate (bps)        52   1  bPINSupport
/// 23   4   dwMaxDataRate           53   1  bMaxCCIDBusySlots
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // each field is named exactly as in the table above
pub struct CcidDescriptor {
    pub bcd_ccid: u16,
    pub max_slot_index: u8,
    pub voltage_support: u8,
    pub protocols: u32,
    pub default_clock_khz: u32,
    pub maximum_clock_khz: u32,
    pub num_clock_supported: u8,
    pub data_rate: u32,
    pub max_data_rate: u32,
    pub num_data_rates_supported: u8,
    pub max_ifsd: u32,
    pub synch_protocols: u32,
    pub mechanical: u32,
    pub features: u32,
    pub max_message_length: u32,
    pub class_get_response: u8,
    pub class_envelope: u8,
    pub lcd_layout: u16,
    pub pin_support: u8,
    pub max_busy_slots: u8,
}

impl CcidDescriptor {
    /// Length of the descriptor (bLength).
    pub const LENGTH: u8 = 0x36;
    /// bDescriptorType of a CCID class descriptor.
    pub const TYPE: u8 = 0x21;

    /// Parses exactly 54 bytes.
    pub fn parse(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut c = Cursor::new(bytes, "CCID class descriptor");
        if c.u8()? != Self::LENGTH {
            return Err(c.invalid("bLength is not 54"));
        }
        if c.u8()? != Self::TYPE {
            return Err(c.invalid("bDescriptorType is not 0x21"));
        }
        let d = Self {
            bcd_ccid: c.u16_le()?,
            max_slot_index: c.u8()?,
            voltage_support: c.u8()?,
            protocols: c.u32_le()?,
            default_clock_khz: c.u32_le()?,
            maximum_clock_khz: c.u32_le()?,
            num_clock_supported: c.u8()?,
            data_rate: c.u32_le()?,
            max_data_rate: c.u32_le()?,
            num_data_rates_supported: c.u8()?,
            max_ifsd: c.u32_le()?,
            synch_protocols: c.u32_le()?,
            mechanical: c.u32_le()?,
            features: c.u32_le()?,
            max_message_length: c.u32_le()?,
            class_get_response: c.u8()?,
            class_envelope: c.u8()?,
            lcd_layout: c.u16_le()?,
            pin_support: c.u8()?,
            max_busy_slots: c.u8()?,
        };
        c.finish()?;
        Ok(d)
    }

    /// Encodes the 54 bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut o = Vec::with_capacity(54);
        o.extend_from_slice(&[Self::LENGTH, Self::TYPE]);
        o.extend_from_slice(&self.bcd_ccid.to_le_bytes());
        o.extend_from_slice(&[self.max_slot_index, self.voltage_support]);
        for v in [
            self.protocols,
            self.default_clock_khz,
            self.maximum_clock_khz,
        ] {
            o.extend_from_slice(&v.to_le_bytes());
        }
        o.push(self.num_clock_supported);
        o.extend_from_slice(&self.data_rate.to_le_bytes());
        o.extend_from_slice(&self.max_data_rate.to_le_bytes());
        o.push(self.num_data_rates_supported);
        for v in [
            self.max_ifsd,
            self.synch_protocols,
            self.mechanical,
            self.features,
            self.max_message_length,
        ] {
            o.extend_from_slice(&v.to_le_bytes());
        }
        o.extend_from_slice(&[self.class_get_response, self.class_envelope]);
        o.extend_from_slice(&self.lcd_layout.to_le_bytes());
        o.extend_from_slice(&[self.pin_support, self.max_busy_slots]);
        o
    }

    /// The exchange level from `dwFeatures` (readers.md §2.5).
    pub fn exchange_level(&self) -> ExchangeLevel {
        ExchangeLevel::from_features(self.features)
    }

    /// T=0 offered (`dwProtocols` bit 0).
    pub fn supports_t0(&self) -> bool {
        self.protocols & 1 != 0
    }

    /// T=1 offered (`dwProtocols` bit 1).
    pub fn supports_t1(&self) -> bool {
        self.protocols & 2 != 0
    }

    /// Protocol names, e.g. `["T=0", "T=1"]`.
    pub fn protocol_names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.supports_t0() {
            v.push("T=0");
        }
        if self.supports_t1() {
            v.push("T=1");
        }
        v
    }

    /// Whether the reader does the T=1 IFSD exchange itself (`dwFeatures` 0x400, §2.7).
    pub fn does_ifsd_exchange(&self) -> bool {
        self.features & features::AUTO_IFSD != 0
    }

    /// Number of slots (bMaxSlotIndex + 1).
    pub fn slots(&self) -> u16 {
        u16::from(self.max_slot_index) + 1
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The RC-S300/S CCID descriptor of `readers/SONY_FeliCa_RC-S300_S.txt`, as raw bytes.
    pub(crate) const RCS300_BYTES: [u8; 54] = [
        0x36, 0x21, 0x10, 0x01, 0x00, 0x07, 0x02, 0x00, 0x00, 0x00, 0xA0, 0x0F, 0x00, 0x00, 0xA0,
        0x0F, 0x00, 0x00, 0x00, 0x00, 0xC2, 0x01, 0x00, 0x00, 0x10, 0x0E, 0x00, 0x00, 0xFE, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7E, 0x00, 0x04, 0x00, 0x0A,
        0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    ];

    #[test]
    fn accepts_the_rcs300_descriptor_bytes() {
        let d = CcidDescriptor::parse(&RCS300_BYTES).expect("valid");
        assert_eq!(d.bcd_ccid, 0x0110);
        assert_eq!(d.protocols, 2);
        assert_eq!(d.default_clock_khz, 4000);
        assert_eq!(d.data_rate, 115_200);
        assert_eq!(d.max_data_rate, 921_600);
        assert_eq!(d.max_ifsd, 254);
        assert_eq!(d.features, 0x0004_007E);
        assert_eq!(d.max_message_length, 522);
        assert_eq!(d.max_busy_slots, 1);
        assert_eq!(d.exchange_level(), ExchangeLevel::ExtendedApdu);
        assert_eq!(d.protocol_names(), ["T=1"]);
        assert_eq!(d.to_bytes(), RCS300_BYTES);
    }

    #[test]
    fn rejects_wrong_length_and_type() {
        assert!(matches!(
            CcidDescriptor::parse(&RCS300_BYTES[..53]),
            Err(DecodeError::Truncated { .. })
        ));
        let mut wrong = RCS300_BYTES;
        wrong[1] = 0x24;
        assert_eq!(
            CcidDescriptor::parse(&wrong),
            Err(DecodeError::Invalid {
                what: "CCID class descriptor",
                reason: "bDescriptorType is not 0x21"
            })
        );
    }

    #[test]
    fn chooses_the_exchange_level_from_dw_features() {
        assert_eq!(
            ExchangeLevel::from_features(0x0001_00B2),
            ExchangeLevel::Tpdu
        );
        assert_eq!(
            ExchangeLevel::from_features(0x0002_067E),
            ExchangeLevel::ShortApdu
        );
        assert_eq!(
            ExchangeLevel::from_features(0x0004_07BA),
            ExchangeLevel::ExtendedApdu
        );
        assert_eq!(
            ExchangeLevel::from_features(0x0000_00B2),
            ExchangeLevel::Character
        );
    }
}
