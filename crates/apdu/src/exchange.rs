//! One logical command exchange over a [`CardChannel`], following `61xx` and `6Cxx`.
//!
//! mynacard.md §4/§6: the card itself never answers `61xx`/`6Cxx`, but readers may, so they are
//! handled generically (ISO/IEC 7816-4 §5.3.4, ISO/IEC 7816-3 §12.2.2):
//!
//! ```text
//! | answer | meaning                             | what this helper does                       |
//! |--------|-------------------------------------|---------------------------------------------|
//! | 61 xx  | xx more bytes (00 = 256) are ready  | GET RESPONSE 00 C0 00 00 xx, append data,   |
//! |        |                                     | repeat (at most MAX_GET_RESPONSES times)    |
//! | 6C xx  | wrong Le; command NOT executed      | resend once with Le = xx (00 = 256), unless |
//! |        |                                     | the command carries a PIN (never resent)    |
//! ```

use alloc::vec::Vec;

use crate::builders::get_response;
use crate::channel::{CardChannel, TransportError};
use crate::command::CommandApdu;
use crate::response::{ResponseApdu, ResponseError};
use crate::status::StatusWord;

/// The most GET RESPONSE commands one exchange sends (257 × 256 bytes covers an extended Le of
/// 65 536 delivered in short pieces).
pub const MAX_GET_RESPONSES: usize = 257;

/// Why a logical exchange failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExchangeError {
    /// The transport failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The bytes back are not a response APDU.
    #[error(transparent)]
    Malformed(#[from] ResponseError),
    /// The card or reader kept answering `61xx` beyond [`MAX_GET_RESPONSES`].
    #[error("the card kept answering 61xx after {0} GET RESPONSE commands")]
    EndlessChain(usize),
}

/// Sends `command` and returns the complete response, following `61xx` with GET RESPONSE and
/// answering one `6Cxx` by resending with the Le it names. A command that carries a PIN
/// ([`CommandApdu::carries_secret`]) is never resent.
pub async fn transmit<C: CardChannel + ?Sized>(
    channel: &mut C,
    command: &CommandApdu,
) -> Result<ResponseApdu, ExchangeError> {
    let mut response = ResponseApdu::parse(&channel.transmit(&command.to_bytes()).await?)?;
    if let StatusWord::WrongLe(n) = response.sw {
        if !command.carries_secret() {
            let le = if n == 0 { 256 } else { u32::from(n) };
            if let Ok(resend) = command.clone().with_le(Some(le)) {
                response = ResponseApdu::parse(&channel.transmit(&resend.to_bytes()).await?)?;
            }
        }
    }
    let mut data: Vec<u8> = core::mem::take(&mut response.data);
    let mut sw = response.sw;
    let mut count = 0;
    while let StatusWord::MoreAvailable(n) = sw {
        if count == MAX_GET_RESPONSES {
            return Err(ExchangeError::EndlessChain(count));
        }
        count += 1;
        let next = ResponseApdu::parse(&channel.transmit(&get_response(n).to_bytes()).await?)?;
        data.extend_from_slice(&next.data);
        sw = next.sw;
    }
    Ok(ResponseApdu { data, sw })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::builders;
    use crate::channel::ChannelCapabilities;
    use alloc::collections::VecDeque;
    use alloc::vec;
    use core::future::Future;
    use core::pin::pin;
    use core::task::{Context, Poll, Waker};

    /// Runs a future that never waits (the scripted channel answers at once).
    fn run<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("scripted channel never waits"),
        }
    }

    struct Script {
        expect: VecDeque<(Vec<u8>, Vec<u8>)>,
        sent: Vec<Vec<u8>>,
    }

    impl Script {
        fn new(pairs: &[(&[u8], &[u8])]) -> Self {
            Self {
                expect: pairs
                    .iter()
                    .map(|(c, r)| (c.to_vec(), r.to_vec()))
                    .collect(),
                sent: vec![],
            }
        }
    }

    impl CardChannel for Script {
        fn capabilities(&self) -> ChannelCapabilities {
            ChannelCapabilities::SHORT
        }
        async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
            self.sent.push(command.to_vec());
            let (want, answer) = self.expect.pop_front().ok_or(TransportError::CardRemoved)?;
            assert_eq!(command, &want[..]);
            Ok(answer)
        }
        async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
            Ok(vec![0x3B])
        }
        async fn is_card_present(&mut self) -> Result<bool, TransportError> {
            Ok(true)
        }
    }

    #[test]
    fn follows_61xx_with_get_response() {
        let mut ch = Script::new(&[
            (&[0x00, 0xB0, 0x00, 0x00, 0x04], &[0xAA, 0x61, 0x02]),
            (&[0x00, 0xC0, 0x00, 0x00, 0x02], &[0xBB, 0xCC, 0x61, 0x00]),
            (&[0x00, 0xC0, 0x00, 0x00, 0x00], &[0xDD, 0x90, 0x00]),
        ]);
        let r = run(transmit(&mut ch, &builders::read_binary(0, 4).unwrap())).unwrap();
        assert_eq!(r.data, vec![0xAA, 0xBB, 0xCC, 0xDD]);
        assert_eq!(r.sw, StatusWord::Success);
        assert_eq!(ch.sent.len(), 3);
    }

    #[test]
    fn resends_once_on_6cxx() {
        let mut ch = Script::new(&[
            (&[0x00, 0xB0, 0x00, 0x00, 0x00], &[0x6C, 0x03]),
            (&[0x00, 0xB0, 0x00, 0x00, 0x03], &[1, 2, 3, 0x90, 0x00]),
        ]);
        let r = run(transmit(&mut ch, &builders::read_binary(0, 256).unwrap())).unwrap();
        assert_eq!(r.data, vec![1, 2, 3]);
        assert_eq!(ch.sent.len(), 2);
    }

    #[test]
    fn never_resends_a_verify() {
        let mut ch = Script::new(&[(
            &[0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34],
            &[0x6C, 0x00],
        )]);
        let r = run(transmit(&mut ch, &builders::verify(b"1234").unwrap())).unwrap();
        assert_eq!(r.sw, StatusWord::WrongLe(0));
        assert_eq!(ch.sent.len(), 1);
    }

    #[test]
    fn stops_an_endless_61xx_chain() {
        let mut pairs: Vec<(&[u8], &[u8])> = vec![(&[0x00, 0xB0, 0x00, 0x00, 0x01], &[0x61, 0x01])];
        for _ in 0..MAX_GET_RESPONSES {
            pairs.push((&[0x00, 0xC0, 0x00, 0x00, 0x01], &[0x00, 0x61, 0x01]));
        }
        let mut ch = Script::new(&pairs);
        let r = run(transmit(&mut ch, &builders::read_binary(0, 1).unwrap()));
        assert_eq!(r, Err(ExchangeError::EndlessChain(MAX_GET_RESPONSES)));
    }

    #[test]
    fn reports_a_one_byte_answer_as_malformed() {
        let mut ch = Script::new(&[(&[0x00, 0x20, 0x00, 0x80], &[0x90])]);
        let r = run(transmit(&mut ch, &builders::verify_status()));
        assert_eq!(r, Err(ExchangeError::Malformed(ResponseError::TooShort(1))));
    }
}
