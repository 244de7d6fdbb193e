//! Fault injection for the virtual readers.

use alloc::vec::Vec;

/// One fault, applied at a scheduled bulk-OUT transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The card leaves the slot or the field before the reader acts on this transfer.
    RemoveCard,
    /// The reader's reply is damaged (checksum or framing broken).
    GarbleFrame,
    /// The reader's reply is cut to half its length.
    ShortFrame,
    /// The card's answer arrives damaged on the card side (bad LRC / CRC), so the protocol
    /// must ask again (T=1 R-block, ISO-DEP R(NAK)); on a non-card command the reader reports
    /// an error (Port-100 error frame, CCID parity error).
    Nak,
    /// The reader never answers this transfer (the command is lost).
    Timeout,
    /// The card asks this many times for more time (T=1 / ISO-DEP WTX, CCID time extension)
    /// before answering.
    Wtx(u8),
    /// The reader is unplugged: this and every later transfer fails.
    Unplug,
}

/// Faults by bulk-OUT transfer number (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FaultPlan {
    at: Vec<(u32, Fault)>,
}

impl FaultPlan {
    /// Adds `fault` at bulk-OUT transfer `transfer`.
    pub fn at(mut self, transfer: u32, fault: Fault) -> Self {
        self.at.push((transfer, fault));
        self
    }

    /// Removes and returns the faults due at `transfer`.
    pub(crate) fn take(&mut self, transfer: u32) -> Vec<Fault> {
        let (due, rest): (Vec<_>, Vec<_>) = self.at.iter().partition(|(t, _)| *t == transfer);
        self.at = rest;
        due.into_iter().map(|(_, f)| f).collect()
    }
}

/// USB transfers seen by a virtual reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Bulk OUT transfers.
    pub bulk_out: u32,
    /// Bulk IN transfers.
    pub bulk_in: u32,
}

impl Counters {
    /// Both directions.
    pub fn total(&self) -> u32 {
        self.bulk_out + self.bulk_in
    }
}
