//! The card-time latency model: what one operation costs on the wire, from counts the benchmark
//! measures (APDUs, USB transfers, bytes moved).
//!
//! ```text
//! modeled = air(bytes + framing, rate) + turnarounds × card_turnaround + transfers × usb_transfer
//! floor   = air(APDU bytes only, rate)
//! ```
//!
//! Constants and where they come from:
//!
//! | Constant | Value | Source |
//! |---|---|---|
//! | bits per byte, contactless | 10 etu | ISO/IEC 14443-3 §7.1.1: Type B character = start + 8 data + stop (EGT 0) |
//! | frame delimiters, contactless | 24 etu per frame | ISO/IEC 14443-3 §7.1.4–7.1.5: SOF 10–11 + 2–3 etu, EOF 10–11 etu |
//! | block prologue + epilogue, contactless | 3 bytes | ISO/IEC 14443-4 §7.1: PCB (no CID/NAD) + CRC_B (2) |
//! | bits per byte, contact T=1 | 12 etu | ISO/IEC 7816-3 §7.1: 10-etu character + 2 etu guard time |
//! | block prologue + epilogue, contact | 4 bytes | ISO/IEC 7816-3 §11.3: NAD, PCB, LEN + LRC |
//! | largest block payload, contactless | 253 B each way | FSD 256 (FSDI 8 in ATTRIB, readers.md §3.5) minus PCB + CRC; FSC taken as the same |
//! | largest block payload, contact | 251 B to the card, 254 B from it | IFSC 251: TA3 `FB` of the simulator's contact ATR `3B C5 FF 81 31 FB …` (mynacard.md §1; another card's ATR says `FE`, 254); IFSD 254 (the driver's IFS request) |
//! | chained block acknowledgement | one R-block per extra block | ISO/IEC 14443-4 §7.5.2, ISO/IEC 7816-3 §11.6.2 |
//! | card turnaround | 1.0 ms per block exchange | assumption: the card's processing time is not published; ISO/IEC 14443-4 FWT is ≥ 0.302 ms (FWI 0) |
//! | USB transfer | 0.5 ms per bulk transfer | USB 2.0 §5.3.3: full-speed frames of 1 ms; a command transfer and its answer transfer share at best one frame each way |
//!
//! Not modeled: the card's RSA private-key operation inside SIGN (its duration is not
//! published), reader firmware time, and host scheduling. The floor leaves out everything but
//! the APDU bytes themselves, so a flow can never beat it.

use serde::Serialize;

/// How the card is attached: framing and the largest block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Link {
    /// ISO/IEC 14443 Type B with ISO-DEP (RC-S380, RC-S300, ACR1252).
    Contactless,
    /// ISO/IEC 7816-3 T=1 (SCR3310-NTTCom, ACR39U).
    Contact,
}

impl Link {
    /// Bit times per byte on the line.
    pub const fn bits_per_byte(self) -> u32 {
        match self {
            Self::Contactless => 10,
            Self::Contact => 12,
        }
    }

    /// Bytes of prologue and epilogue around each block's payload.
    pub const fn block_overhead_bytes(self) -> u32 {
        match self {
            Self::Contactless => 3,
            Self::Contact => 4,
        }
    }

    /// Extra bit times per frame (SOF/EOF on the air; none on contact).
    pub const fn frame_delimiter_bits(self) -> u32 {
        match self {
            Self::Contactless => 24,
            Self::Contact => 0,
        }
    }

    /// The largest payload in one block to the card.
    pub const fn max_command_block(self) -> u32 {
        match self {
            Self::Contactless => 253,
            Self::Contact => 251,
        }
    }

    /// The largest payload in one block from the card.
    pub const fn max_response_block(self) -> u32 {
        match self {
            Self::Contactless => 253,
            Self::Contact => 254,
        }
    }
}

/// What one operation moved: the counts the model turns into time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cost {
    /// Command APDUs sent.
    pub apdus: u32,
    /// USB bulk transfers (OUT + IN).
    pub usb_transfers: u32,
    /// Bytes of command APDUs (header, Lc, data, Le).
    pub command_bytes: u32,
    /// Bytes of response APDUs (data, SW1 SW2).
    pub response_bytes: u32,
    /// Block exchanges on the card link (a block and its answer, with one turnaround each;
    /// chained blocks and their R-block acknowledgements included).
    pub blocks: u32,
    /// Bytes of block framing on the card link (prologue, epilogue, R-block acknowledgements).
    pub framing_bytes: u32,
}

impl Cost {
    /// The cost of one APDU exchange of `command` and `response` bytes on `link`.
    pub fn of_apdu(link: Link, command: u32, response: u32) -> Self {
        let command_blocks = command.div_ceil(link.max_command_block()).max(1);
        let response_blocks = response.div_ceil(link.max_response_block()).max(1);
        // every chained block but the last is acknowledged by an R-block (payload-less block)
        let acks = (command_blocks - 1) + (response_blocks - 1);
        let frames = command_blocks + response_blocks + acks;
        Self {
            apdus: 1,
            usb_transfers: 0,
            command_bytes: command,
            response_bytes: response,
            blocks: command_blocks + response_blocks - 1,
            framing_bytes: frames * link.block_overhead_bytes(),
        }
    }

    /// Both costs together.
    pub fn plus(self, other: Self) -> Self {
        Self {
            apdus: self.apdus + other.apdus,
            usb_transfers: self.usb_transfers + other.usb_transfers,
            command_bytes: self.command_bytes + other.command_bytes,
            response_bytes: self.response_bytes + other.response_bytes,
            blocks: self.blocks + other.blocks,
            framing_bytes: self.framing_bytes + other.framing_bytes,
        }
    }

    /// Frames on the link: one per block sent each way (a block exchange is two frames).
    pub fn frames(&self) -> u32 {
        self.blocks * 2
    }
}

/// The model's constants (see the module table).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LatencyModel {
    /// Milliseconds per USB bulk transfer.
    pub usb_transfer_ms: f64,
    /// Milliseconds per block exchange with the card.
    pub card_turnaround_ms: f64,
}

impl LatencyModel {
    /// The constants of the module table.
    pub const STANDARD: Self = Self {
        usb_transfer_ms: 0.5,
        card_turnaround_ms: 1.0,
    };

    /// The bit rates the model is evaluated at (ISO/IEC 14443-2 fc/128, fc/64, fc/32).
    pub const RATES_KBIT: [u32; 3] = [106, 212, 424];

    /// Pure air time of the APDU bytes at `kbit_s`, in milliseconds: the floor.
    pub fn floor_ms(link: Link, cost: &Cost, kbit_s: u32) -> f64 {
        let bits =
            u64::from(cost.command_bytes + cost.response_bytes) * u64::from(link.bits_per_byte());
        bits as f64 / f64::from(kbit_s)
    }

    /// Modeled time at `kbit_s`, in milliseconds.
    pub fn modeled_ms(&self, link: Link, cost: &Cost, kbit_s: u32) -> f64 {
        let bytes = u64::from(cost.command_bytes + cost.response_bytes + cost.framing_bytes);
        let bits = bytes * u64::from(link.bits_per_byte())
            + u64::from(cost.frames()) * u64::from(link.frame_delimiter_bits());
        bits as f64 / f64::from(kbit_s)
            + f64::from(cost.blocks) * self.card_turnaround_ms
            + f64::from(cost.usb_transfers) * self.usb_transfer_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_exchange_is_one_block_each_way() {
        let c = Cost::of_apdu(Link::Contactless, 5, 34);
        assert_eq!(
            c,
            Cost {
                apdus: 1,
                usb_transfers: 0,
                command_bytes: 5,
                response_bytes: 34,
                blocks: 1,
                framing_bytes: 6
            }
        );
        assert_eq!(c.frames(), 2);
    }

    #[test]
    fn long_response_is_chained_and_acknowledged() {
        // 1 800 data bytes + SW = 1 802 → ⌈1802/253⌉ = 8 response blocks, 7 R-block acks
        let c = Cost::of_apdu(Link::Contactless, 7, 1802);
        // exchanges: the command block answered by the first response block, then 7 R-block acks
        assert_eq!(c.blocks, 8);
        assert_eq!(c.frames(), 1 + 8 + 7);
        assert_eq!(c.framing_bytes, (1 + 8 + 7) * 3);
    }

    #[test]
    fn floor_counts_only_apdu_bytes() {
        let c = Cost {
            command_bytes: 50,
            response_bytes: 56,
            ..Cost::default()
        };
        // 106 bytes × 10 bits / 106 kbit/s = 10 ms
        assert_eq!(LatencyModel::floor_ms(Link::Contactless, &c, 106), 10.0);
        // contact: 12 bits per byte
        assert_eq!(LatencyModel::floor_ms(Link::Contact, &c, 106), 12.0);
    }

    #[test]
    fn modeled_adds_framing_turnarounds_and_transfers() {
        let c = Cost {
            apdus: 1,
            usb_transfers: 2,
            command_bytes: 50,
            response_bytes: 56,
            blocks: 1,
            framing_bytes: 0,
        };
        // bits: 106 × 10 + 2 frames × 24 = 1 108 → 1108/106 ms; + 1 turnaround + 2 × 0.5 ms
        let expected = 1108.0 / 106.0 + 1.0 + 1.0;
        assert_eq!(
            LatencyModel::STANDARD.modeled_ms(Link::Contactless, &c, 106),
            expected
        );
    }

    #[test]
    fn contact_blocks_follow_ifsc_and_ifsd() {
        // 251 B fit one block to the card, 252 need two; 254 B fit one block back
        assert_eq!(Cost::of_apdu(Link::Contact, 251, 254).blocks, 1);
        assert_eq!(Cost::of_apdu(Link::Contact, 252, 254).blocks, 2);
        assert_eq!(Cost::of_apdu(Link::Contact, 5, 255).blocks, 2);
    }

    #[test]
    fn costs_add_field_by_field() {
        let a = Cost::of_apdu(Link::Contact, 5, 2);
        let b = Cost {
            usb_transfers: 4,
            ..Cost::of_apdu(Link::Contact, 300, 2)
        };
        let sum = a.plus(b);
        assert_eq!(sum.apdus, 2);
        assert_eq!(sum.usb_transfers, 4);
        assert_eq!(sum.command_bytes, 305);
        // a: 1 exchange; b: 300 B in 2 command blocks (one acknowledged) + 1 answer = 2
        assert_eq!(sum.blocks, 3);
    }
}
