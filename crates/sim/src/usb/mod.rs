//! Virtual USB card readers around the [`VirtualCard`](crate::VirtualCard), speaking the exact
//! bytes real readers speak, so the `reader` crate's drivers run against them unchanged.
//!
//! | Model | Interface | What the host sees |
//! |---|---|---|
//! | [`ReaderModel::Rcs380`] | if#0 vendor | Port-100 frames; Type B card on the RF side |
//! | [`ReaderModel::Rcs300`] | if#1 vendor | CCID Escape + Sony pseudo-APDUs; Type B card |
//! | [`ReaderModel::Rcs300Ccid`] | if#0 CCID | extended-APDU level, the reader runs ISO-DEP |
//! | [`ReaderModel::Scr3310NttCom`] | if#0 vendor-class CCID | TPDU level, contact card in T=1 |
//! | [`ReaderModel::Acr39u`] | if#0 CCID | TPDU level, contact card in T=1 |
//! | [`ReaderModel::Acr1252`] | if#0 CCID | extended-APDU level (PICC interface) |
//!
//! CCID class descriptors are the real ones (parsed from the libccid dumps in
//! `crates/reader/tests/readers/`); endpoint addresses are the usual bulk 0x02/0x82 + interrupt
//! 0x83 for CCID (not in the dumps) and the published ones for the Sony readers.
//!
//! Faults ([`Fault`]) are scheduled per bulk-OUT transfer (1-based) with a [`FaultPlan`]:
//! the card leaves, a frame is damaged or cut short, the card's answer arrives damaged (the
//! protocol must NAK), the reader stays silent, the card asks for more time, the reader is
//! unplugged.

mod ccid;
mod faults;
mod models;
mod picc;
mod rcs300;
mod rcs380;

pub use ccid::CcidCore;
pub use faults::{Counters, Fault, FaultPlan};
pub use models::ReaderModel;
pub use picc::TypeBCard;
pub use rcs300::Rcs300Core;
pub use rcs380::Rcs380Core;

use alloc::collections::VecDeque;
use alloc::vec::Vec;

use reader::usb::{ControlSetup, UsbError, UsbPipe};

use crate::VirtualCard;

/// The reader-specific half of a virtual reader: bytes in, replies out.
pub trait ReaderCore {
    /// Handles one bulk OUT transfer, applying the card-level `faults` (card removed, damaged
    /// card answer, WTX); returns the replies the bulk IN endpoint will give, in order.
    fn handle(&mut self, data: &[u8], faults: &[Fault]) -> Vec<Vec<u8>>;
    /// Damages one reply so that its checksum or framing no longer holds.
    fn garble(&self, reply: &mut Vec<u8>) {
        if let Some(last) = reply.last_mut() {
            *last ^= 0xFF;
        }
    }
    /// Device and configuration descriptors (what GET_DESCRIPTOR returns).
    fn descriptors(&self) -> Vec<u8>;
    /// The card (in the slot or in the field).
    fn card(&self) -> &VirtualCard;
    /// Puts the card back (or takes it away).
    fn set_card_present(&mut self, present: bool);
}

/// A virtual reader: a [`ReaderCore`] behind the [`UsbPipe`] seam, with scheduled faults and
/// transfer counters.
#[derive(Debug)]
pub struct VirtualReader<R> {
    core: R,
    plan: FaultPlan,
    replies: VecDeque<Vec<u8>>,
    counters: Counters,
    unplugged: bool,
}

impl<R: ReaderCore> VirtualReader<R> {
    /// A reader with no faults.
    pub fn new(core: R) -> Self {
        Self {
            core,
            plan: FaultPlan::default(),
            replies: VecDeque::new(),
            counters: Counters::default(),
            unplugged: false,
        }
    }

    /// Schedules faults.
    pub fn with_faults(mut self, plan: FaultPlan) -> Self {
        self.plan = plan;
        self
    }

    /// Replaces the fault plan (transfer numbers count from now on the same counter).
    pub fn set_faults(&mut self, plan: FaultPlan) {
        self.plan = plan;
    }

    /// Transfers so far.
    pub fn counters(&self) -> Counters {
        self.counters
    }

    /// The reader core.
    pub fn core(&self) -> &R {
        &self.core
    }

    /// The reader core, mutable (insert or remove the card).
    pub fn core_mut(&mut self) -> &mut R {
        &mut self.core
    }

    /// Plugs the reader back in after [`Fault::Unplug`] (pending replies are lost).
    pub fn replug(&mut self) {
        self.unplugged = false;
        self.replies.clear();
    }
}

impl<R: ReaderCore> UsbPipe for VirtualReader<R> {
    async fn bulk_out(&mut self, _endpoint: u8, data: &[u8]) -> Result<(), UsbError> {
        self.counters.bulk_out += 1;
        if self.unplugged {
            return Err(UsbError::Disconnected);
        }
        let faults = self.plan.take(self.counters.bulk_out);
        if faults.contains(&Fault::Unplug) {
            self.unplugged = true;
            self.replies.clear();
            return Err(UsbError::Disconnected);
        }
        if faults.contains(&Fault::Timeout) {
            // the command is lost before the reader acts on it
            return Ok(());
        }
        let mut replies = self.core.handle(data, &faults);
        if let Some(last) = replies.last_mut() {
            if faults.contains(&Fault::GarbleFrame) {
                self.core.garble(last);
            }
            if faults.contains(&Fault::ShortFrame) {
                last.truncate(last.len() / 2);
            }
        }
        self.replies.extend(replies);
        Ok(())
    }

    async fn bulk_in(
        &mut self,
        _endpoint: u8,
        max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        self.counters.bulk_in += 1;
        if self.unplugged {
            return Err(UsbError::Disconnected);
        }
        let mut reply = self
            .replies
            .pop_front()
            .ok_or(UsbError::Timeout { timeout_ms })?;
        reply.truncate(max_len);
        Ok(reply)
    }

    async fn interrupt_in(
        &mut self,
        _endpoint: u8,
        _max_len: usize,
        timeout_ms: u32,
    ) -> Result<Vec<u8>, UsbError> {
        if self.unplugged {
            return Err(UsbError::Disconnected);
        }
        Err(UsbError::Timeout { timeout_ms })
    }

    async fn control_in(&mut self, setup: ControlSetup, len: u16) -> Result<Vec<u8>, UsbError> {
        if self.unplugged {
            return Err(UsbError::Disconnected);
        }
        if setup != ControlSetup::GET_CONFIGURATION_DESCRIPTOR {
            return Err(UsbError::Stall);
        }
        let mut d = self.core.descriptors();
        // GET_DESCRIPTOR(CONFIGURATION) starts at the configuration descriptor
        let start = d
            .first()
            .map(|l| usize::from(*l))
            .filter(|_| d.get(1) == Some(&1))
            .unwrap_or(0);
        d.drain(..start.min(d.len()));
        d.truncate(usize::from(len));
        Ok(d)
    }

    async fn control_out(&mut self, _setup: ControlSetup, _data: &[u8]) -> Result<(), UsbError> {
        if self.unplugged {
            return Err(UsbError::Disconnected);
        }
        Err(UsbError::Stall)
    }

    async fn delay_ms(&mut self, _ms: u32) {}
}
