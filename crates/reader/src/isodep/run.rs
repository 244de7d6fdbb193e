//! Drives the sans-IO ISO-DEP machine over any reader that can send one RF frame and return
//! the answer — the one loop both Sony drivers share.

use alloc::vec::Vec;

use super::engine::{Exchange, Incoming, IsoDepError, IsoDepLink, IsoDepParams, Step};
use super::typeb::{check_attrib_answer, Atqb, REQB};
use crate::codec::DecodeError;

/// The answer to one RF frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RfOutcome {
    /// A frame arrived intact (CRC checked and removed).
    Frame(Vec<u8>),
    /// Something arrived damaged (CRC, parity, framing).
    Invalid,
    /// Nothing arrived in time.
    Timeout,
}

/// A reader that sends one RF frame to the card and returns what came back.
#[allow(async_fn_in_trait)]
pub trait RfTransceiver {
    /// The reader's own error type (USB failure, reader status…).
    type Error: From<IsoDepError> + From<DecodeError>;

    /// Sends `frame` and waits at most `timeout_ms` for the card's answer.
    async fn transceive(&mut self, frame: &[u8], timeout_ms: u32)
        -> Result<RfOutcome, Self::Error>;
}

/// Sends one APDU over ISO-DEP and returns the response; `link` is updated even on failure.
pub async fn transmit<T: RfTransceiver>(
    reader: &mut T,
    link: &mut IsoDepLink,
    apdu: &[u8],
) -> Result<Vec<u8>, T::Error> {
    let (mut exchange, mut step) = Exchange::start(*link, apdu);
    loop {
        match step {
            Step::Done(response) => {
                *link = exchange.link();
                return Ok(response);
            }
            Step::Send {
                mut block,
                timeout_ms,
            } => {
                let sent = reader.transceive(&block, timeout_ms).await;
                zeroize::Zeroize::zeroize(&mut block);
                let outcome = match sent {
                    Ok(o) => o,
                    Err(e) => {
                        *link = exchange.link();
                        return Err(e);
                    }
                };
                let next = match &outcome {
                    RfOutcome::Frame(f) => exchange.on_incoming(Incoming::Frame(f)),
                    RfOutcome::Invalid => exchange.on_incoming(Incoming::Invalid),
                    RfOutcome::Timeout => exchange.on_incoming(Incoming::Timeout),
                };
                *link = exchange.link();
                step = next?;
            }
        }
    }
}

/// REQB/ATQB then ATTRIB (readers.md §3.5), each with a 30 ms timeout. Returns the ATQB, the
/// ATTRIB answer and the ISO-DEP link, or `Ok(None)` when no card answers REQB.
pub async fn activate_type_b<T: RfTransceiver>(
    reader: &mut T,
) -> Result<Option<(Atqb, Vec<u8>, IsoDepLink)>, T::Error> {
    let atqb = match reader.transceive(&REQB, 30).await? {
        RfOutcome::Frame(f) => Atqb::parse(&f)?,
        RfOutcome::Timeout | RfOutcome::Invalid => return Ok(None),
    };
    if !atqb.iso14443_4() {
        return Err(IsoDepError::Protocol("card does not follow ISO/IEC 14443-4").into());
    }
    let answer = match reader.transceive(&atqb.attrib(), 30).await? {
        RfOutcome::Frame(f) => f,
        RfOutcome::Timeout | RfOutcome::Invalid => {
            return Err(IsoDepError::Protocol("no answer to ATTRIB").into())
        }
    };
    check_attrib_answer(&answer)?;
    let link = IsoDepLink::new(IsoDepParams {
        fsc: atqb.fsc(),
        fwi: atqb.fwi(),
        cid: None,
    });
    Ok(Some((atqb, answer, link)))
}

/// Sends S(DESELECT) and accepts the echo or silence (the session ends either way).
pub async fn deselect<T: RfTransceiver>(
    reader: &mut T,
    link: &IsoDepLink,
) -> Result<bool, T::Error> {
    Ok(
        match reader
            .transceive(&link.deselect(), link.timeout_ms(1))
            .await?
        {
            RfOutcome::Frame(f) => link.is_deselect_answer(&f),
            _ => false,
        },
    )
}
