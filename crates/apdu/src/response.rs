//! Response APDUs.
//!
//! ISO/IEC 7816-4 §5.1:
//!
//! ```text
//! | response data (0..=65 536 bytes) | SW1 | SW2 |
//! ```

use alloc::vec::Vec;

use crate::status::StatusWord;

/// Why response bytes are not a response APDU.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// Fewer than the two status bytes.
    #[error("response APDU is {0} bytes long; SW1 SW2 alone need 2")]
    TooShort(usize),
}

/// A response APDU: data and status word.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ResponseApdu {
    /// The response data field (may be empty).
    pub data: Vec<u8>,
    /// SW1 SW2.
    pub sw: StatusWord,
}

impl ResponseApdu {
    /// A response with data and status word.
    pub fn new(data: Vec<u8>, sw: StatusWord) -> Self {
        Self { data, sw }
    }

    /// A response with no data.
    pub fn status(sw: StatusWord) -> Self {
        Self {
            data: Vec::new(),
            sw,
        }
    }

    /// Splits `data ‖ SW1 ‖ SW2`.
    pub fn parse(bytes: &[u8]) -> Result<Self, ResponseError> {
        match bytes.split_last_chunk::<2>() {
            Some((data, [sw1, sw2])) => Ok(Self {
                data: data.to_vec(),
                sw: StatusWord::from_bytes(*sw1, *sw2),
            }),
            None => Err(ResponseError::TooShort(bytes.len())),
        }
    }

    /// Appends `data ‖ SW1 ‖ SW2` to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.data);
        out.extend_from_slice(&self.sw.to_bytes());
    }

    /// `data ‖ SW1 ‖ SW2`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() + 2);
        self.encode(&mut out);
        out
    }

    /// Whether SW is `90 00`.
    pub fn is_success(&self) -> bool {
        self.sw.is_success()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn splits_data_and_status() {
        let r = ResponseApdu::parse(&[0x01, 0x02, 0x90, 0x00]).unwrap();
        assert_eq!(r.data, vec![0x01, 0x02]);
        assert_eq!(r.sw, StatusWord::Success);
        assert_eq!(r.to_bytes(), [0x01, 0x02, 0x90, 0x00]);
    }

    #[test]
    fn accepts_status_only() {
        let r = ResponseApdu::parse(&[0x63, 0xC2]).unwrap();
        assert!(r.data.is_empty());
        assert!(matches!(r.sw, StatusWord::RemainingRetries(2)));
    }

    #[test]
    fn rejects_one_byte() {
        assert_eq!(
            ResponseApdu::parse(&[0x90]),
            Err(ResponseError::TooShort(1))
        );
        assert_eq!(ResponseApdu::parse(&[]), Err(ResponseError::TooShort(0)));
    }
}
