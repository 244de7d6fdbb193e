//! The virtual card behind the [`apdu::CardChannel`] seam, with faults a test can inject.
//!
//! [`SimChannel`] is what the `card` crate's tests and the CLI's `sim` commands talk to: the
//! same trait every reader driver implements. It adds what a reader adds: a card that can be
//! absent, removed in the middle of a session ("card removed at APDU k"), and reset.

use alloc::vec::Vec;

use apdu::{CardChannel, ChannelCapabilities, TransportError};

use crate::card::{Trace, VirtualCard};

/// A transport fault injected at one `transmit` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The card is pulled out before the command reaches it: this and every later call fail
    /// with [`TransportError::CardRemoved`] until [`SimChannel::insert_card`].
    RemoveCard,
    /// The call fails with this error and the command never reaches the card (the card stays).
    ErrorBeforeCard(TransportError),
    /// The card **executes** the command, but its answer is lost: the call fails with this
    /// error. This is the case where a VERIFY may have consumed a try; code above must not
    /// resend it.
    ErrorAfterCard(TransportError),
}

/// A channel to one virtual card.
#[derive(Debug)]
pub struct SimChannel {
    card: VirtualCard,
    present: bool,
    transmitted: usize,
    faults: Vec<(usize, Fault)>,
}

impl SimChannel {
    /// A channel with the card present. Its capabilities follow the card's configuration
    /// (extended length on or off).
    pub fn new(card: VirtualCard) -> Self {
        Self {
            card,
            present: true,
            transmitted: 0,
            faults: Vec::new(),
        }
    }

    /// The card (for inspection: tries left, file contents).
    pub fn card(&self) -> &VirtualCard {
        &self.card
    }

    /// The card, mutably.
    pub fn card_mut(&mut self) -> &mut VirtualCard {
        &mut self.card
    }

    /// A handle on the trace of every APDU that reached the card.
    pub fn trace(&self) -> Trace {
        self.card.trace()
    }

    /// Takes the card out of the reader: every later call fails with
    /// [`TransportError::CardRemoved`] until [`insert_card`](Self::insert_card).
    pub fn remove_card(&mut self) {
        self.present = false;
    }

    /// Puts the card back. Like a real card it comes back powered off: the security state is
    /// gone (PIN counters stay).
    pub fn insert_card(&mut self) {
        self.present = true;
        self.card.reset();
    }

    /// Arranges that the card is pulled out just before the `k`-th [`transmit`](CardChannel::transmit)
    /// (counting from 0 since the channel was made): that command never reaches the card and
    /// fails with [`TransportError::CardRemoved`], as does everything after it.
    pub fn remove_card_at(&mut self, k: usize) {
        self.inject_at(k, Fault::RemoveCard);
    }

    /// Arranges a fault at the `k`-th [`transmit`](CardChannel::transmit) (counting from 0).
    pub fn inject_at(&mut self, k: usize, fault: Fault) {
        self.faults.push((k, fault));
    }

    /// Number of `transmit` calls so far (including failed ones).
    pub fn transmit_count(&self) -> usize {
        self.transmitted
    }

    /// The synchronous core of [`CardChannel::transmit`].
    pub fn transmit_now(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let index = self.transmitted;
        self.transmitted += 1;
        let fault = self
            .faults
            .iter()
            .position(|(k, _)| *k == index)
            .map(|i| self.faults.swap_remove(i).1);
        if fault == Some(Fault::RemoveCard) {
            self.present = false;
        }
        if !self.present {
            return Err(TransportError::CardRemoved);
        }
        match fault {
            Some(Fault::ErrorBeforeCard(error)) => Err(error),
            Some(Fault::ErrorAfterCard(error)) => {
                let _lost = self.card.process(command);
                Err(error)
            }
            _ => Ok(self.card.process(command)),
        }
    }

    /// The synchronous core of [`CardChannel::reset`].
    pub fn reset_now(&mut self) -> Result<Vec<u8>, TransportError> {
        if !self.present {
            return Err(TransportError::CardRemoved);
        }
        Ok(self.card.reset())
    }
}

impl CardChannel for SimChannel {
    fn capabilities(&self) -> ChannelCapabilities {
        if self.card.config().extended_length {
            ChannelCapabilities::EXTENDED
        } else {
            ChannelCapabilities::SHORT
        }
    }

    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.transmit_now(command)
    }

    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        self.reset_now()
    }

    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        Ok(self.present)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::card::{Atr, CardConfig};
    use crate::persona::persona;
    use pollster::block_on;

    const SELECT_JPKI: [u8; 15] = [
        0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
    ];

    fn channel(config: CardConfig) -> SimChannel {
        SimChannel::new(VirtualCard::with_config(persona("standard").unwrap(), config).unwrap())
    }

    #[test]
    fn capabilities_follow_the_card_configuration() {
        assert_eq!(
            channel(CardConfig::default()).capabilities(),
            ChannelCapabilities::EXTENDED
        );
        let short = CardConfig {
            extended_length: false,
            ..CardConfig::default()
        };
        assert_eq!(channel(short).capabilities(), ChannelCapabilities::SHORT);
    }

    #[test]
    fn both_atrs_lead_to_a_normal_session() {
        for (atr, expected) in [
            (Atr::ContactlessPseudo, &[0x3B, 0x88, 0x80, 0x01][..]),
            (
                Atr::Contact,
                &[
                    0x3B, 0xC5, 0xFF, 0x81, 0x31, 0xFB, 0x45, 0x80, 0x73, 0xC6, 0x01, 0x00, 0x00,
                ][..],
            ),
        ] {
            let mut ch = channel(CardConfig {
                atr,
                ..CardConfig::default()
            });
            let got = block_on(ch.reset()).unwrap();
            assert_eq!(&got[..expected.len()], expected);
            assert_eq!(block_on(ch.transmit(&SELECT_JPKI)).unwrap(), [0x90, 0x00]);
        }
    }

    #[test]
    fn card_removed_at_apdu_k_fails_that_command_and_every_later_one() {
        let mut ch = channel(CardConfig::default());
        ch.remove_card_at(1);
        assert_eq!(block_on(ch.transmit(&SELECT_JPKI)).unwrap(), [0x90, 0x00]);
        assert_eq!(
            block_on(ch.transmit(&[0x00, 0xB0, 0x8A, 0x00, 0x00])),
            Err(TransportError::CardRemoved)
        );
        assert_eq!(block_on(ch.reset()), Err(TransportError::CardRemoved));
        assert!(!block_on(ch.is_card_present()).unwrap());
        assert_eq!(
            ch.trace().len(),
            1,
            "the failed command never reached the card"
        );
        assert_eq!(ch.transmit_count(), 2);
        ch.insert_card();
        assert!(block_on(ch.is_card_present()).unwrap());
        // Re-inserted = powered off: no AP selected any more.
        assert_eq!(
            block_on(ch.transmit(&[0x00, 0xA4, 0x00, 0x00])).unwrap(),
            [0x6A, 0x86]
        );
    }

    #[test]
    fn injected_errors_before_and_after_the_card() {
        let mut ch = channel(CardConfig::default());
        ch.inject_at(0, Fault::ErrorBeforeCard(TransportError::Timeout));
        ch.inject_at(2, Fault::ErrorAfterCard(TransportError::Timeout));
        assert_eq!(
            block_on(ch.transmit(&SELECT_JPKI)),
            Err(TransportError::Timeout)
        );
        assert!(ch.trace().is_empty(), "the command never reached the card");
        assert_eq!(block_on(ch.transmit(&SELECT_JPKI)).unwrap(), [0x90, 0x00]);
        let wrong = [0x00, 0x20, 0x00, 0x98, 0x04, 0x30, 0x30, 0x30, 0x30];
        assert_eq!(block_on(ch.transmit(&wrong)), Err(TransportError::Timeout));
        assert_eq!(ch.trace().verify_attempts(), 1, "the card ran the VERIFY");
        assert_eq!(
            ch.card()
                .pin_tries_left(crate::filesystem::Application::Jpki, 0x0018),
            Some(2)
        );
        assert_eq!(
            block_on(ch.transmit(&[0x00, 0x20, 0x00, 0x98])).unwrap(),
            [0x63, 0xC2]
        );
        assert!(block_on(ch.is_card_present()).unwrap());
    }

    #[test]
    fn an_absent_card_answers_nothing() {
        let mut ch = channel(CardConfig::default());
        ch.remove_card();
        assert_eq!(
            block_on(ch.transmit(&SELECT_JPKI)),
            Err(TransportError::CardRemoved)
        );
        assert!(ch.trace().is_empty());
    }

    #[test]
    fn pin_counters_survive_a_channel_reset_but_verification_does_not() {
        let mut ch = channel(CardConfig::default());
        block_on(ch.transmit(&SELECT_JPKI)).unwrap();
        let wrong = [0x00, 0x20, 0x00, 0x98, 0x04, 0x30, 0x30, 0x30, 0x30];
        assert_eq!(block_on(ch.transmit(&wrong)).unwrap(), [0x63, 0xC2]);
        let right = [
            0x00, 0x20, 0x00, 0x9B, 0x06, b'A', b'B', b'C', b'1', b'2', b'3',
        ];
        assert_eq!(block_on(ch.transmit(&right)).unwrap(), [0x90, 0x00]);
        block_on(ch.reset()).unwrap();
        block_on(ch.transmit(&SELECT_JPKI)).unwrap();
        assert_eq!(
            block_on(ch.transmit(&[0x00, 0x20, 0x00, 0x98])).unwrap(),
            [0x63, 0xC2]
        );
        assert_eq!(
            block_on(ch.transmit(&[0x00, 0x20, 0x00, 0x9B])).unwrap(),
            [0x63, 0xC5]
        );
    }
}
