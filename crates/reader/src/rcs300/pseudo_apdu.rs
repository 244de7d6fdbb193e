//! Sony RC-S300 pseudo-APDUs carried in CCID Escape messages on vendor interface #1
//! (readers.md §4.2–4.3).
//!
//! ```text
//! Manage Session      FF 50 00 00 02 <81 start | 82 end | 83 RF off | 84 RF on> 00 00
//! Switch Protocol     FF 50 00 02 04 8F 02 <type> <layer> 00        type 01 = ISO 14443 B
//! CommunicateThruEX   FF 50 00 01 00 | Lc_hi Lc_lo | 5F 46 04 <timer µs, LE> |
//!                     95 82 L_hi L_lo <RF frame> | 00 00 00
//! Answer payload      C0 03 <status> <SW1> <SW2> [97 <len> <RF answer>] [5F 51 <len> <ATR>] 90 00
//! ```

use alloc::vec::Vec;

use crate::codec::{Cursor, DecodeError};

/// Manage Session actions (data object tag).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionAction {
    /// 81: start transparent session.
    Start = 0x81,
    /// 82: end transparent session.
    End = 0x82,
    /// 83: RF off.
    RfOff = 0x83,
    /// 84: RF on.
    RfOn = 0x84,
}

/// Manage Session (`FF 50 00 00 02 <tag> 00 00`).
pub fn manage_session(action: SessionAction) -> Vec<u8> {
    alloc::vec![0xFF, 0x50, 0x00, 0x00, 0x02, action as u8, 0x00, 0x00]
}

/// Switch Protocol card types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardType {
    /// 00: ISO 14443 A.
    Iso14443A = 0,
    /// 01: ISO 14443 B (My Number Card).
    Iso14443B = 1,
    /// 02: ISO 15693.
    Iso15693 = 2,
    /// 03: FeliCa.
    Felica = 3,
}

/// Switch Protocol (`FF 50 00 02 04 8F 02 <type> <layer> 00`); layer 04 = up to ISO 14443-4.
pub fn switch_protocol(card_type: CardType, layer: u8) -> Vec<u8> {
    alloc::vec![
        0xFF,
        0x50,
        0x00,
        0x02,
        0x04,
        0x8F,
        0x02,
        card_type as u8,
        layer,
        0x00
    ]
}

/// CommunicateThruEX carrying one RF frame, with the reader's timer in µs.
pub fn communicate_thru_ex(frame: &[u8], timer_us: u32) -> Vec<u8> {
    let frame_len = u16::try_from(frame.len()).unwrap_or(u16::MAX);
    let lc = 7 + 4 + frame_len;
    let mut o = alloc::vec![0xFF, 0x50, 0x00, 0x01, 0x00];
    o.extend_from_slice(&lc.to_be_bytes());
    o.extend_from_slice(&[0x5F, 0x46, 0x04]);
    o.extend_from_slice(&timer_us.to_le_bytes());
    o.extend_from_slice(&[0x95, 0x82]);
    o.extend_from_slice(&frame_len.to_be_bytes());
    o.extend_from_slice(frame);
    o.extend_from_slice(&[0x00, 0x00, 0x00]);
    o
}

/// Reads one BER-TLV: tag (1 or 2 bytes), length (short, 81 or 82 form), value.
pub fn read_tlv<'a>(c: &mut Cursor<'a>) -> Result<(u16, &'a [u8]), DecodeError> {
    let first = c.u8()?;
    let tag = if first & 0x1F == 0x1F {
        (u16::from(first) << 8) | u16::from(c.u8()?)
    } else {
        u16::from(first)
    };
    let len = match c.u8()? {
        l @ 0..=0x7F => usize::from(l),
        0x81 => usize::from(c.u8()?),
        0x82 => usize::from(c.u16_be()?),
        _ => return Err(c.invalid("unsupported BER length form")),
    };
    Ok((tag, c.take(len)?))
}

fn put_tlv(o: &mut Vec<u8>, tag: u16, value: &[u8]) {
    if tag > 0xFF {
        o.extend_from_slice(&tag.to_be_bytes());
    } else {
        o.push(tag as u8);
    }
    match value.len() {
        l @ 0..=0x7F => o.push(l as u8),
        l @ 0x80..=0xFF => o.extend_from_slice(&[0x81, l as u8]),
        l => {
            o.push(0x82);
            o.extend_from_slice(&u16::try_from(l).unwrap_or(u16::MAX).to_be_bytes());
        }
    }
    o.extend_from_slice(value);
}

/// Parses a CommunicateThruEX command (simulator side): returns (timer µs, RF frame).
pub fn parse_communicate_thru_ex(apdu: &[u8]) -> Result<(u32, Vec<u8>), DecodeError> {
    let mut c = Cursor::new(apdu, "CommunicateThruEX");
    if c.array::<5>()? != [0xFF, 0x50, 0x00, 0x01, 0x00] {
        return Err(c.invalid("header is not FF 50 00 01 00"));
    }
    let lc = usize::from(c.u16_be()?);
    let mut body = Cursor::new(c.take(lc)?, "CommunicateThruEX data objects");
    if c.array::<3>()? != [0, 0, 0] {
        return Err(c.invalid("trailer is not 00 00 00"));
    }
    c.finish()?;
    let (mut timer, mut frame) = (None, None);
    while body.remaining() > 0 {
        match read_tlv(&mut body)? {
            (0x5F46, v) => {
                let mut t = Cursor::new(v, "timer");
                timer = Some(t.u32_le()?);
                t.finish()?;
            }
            (0x95, v) => frame = Some(v.to_vec()),
            _ => {}
        }
    }
    match (timer, frame) {
        (Some(t), Some(f)) => Ok((t, f)),
        _ => Err(body.invalid("timer 5F46 or frame 95 missing")),
    }
}

/// A Sony control answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlAnswer {
    /// `C0 03 <status> <SW1> <SW2>`, when present.
    pub status: Option<(u8, [u8; 2])>,
    /// Other data objects in order (97 RF answer, 5F51 ATR…).
    pub objects: Vec<(u16, Vec<u8>)>,
    /// The outer status word (90 00 on success).
    pub outer_sw: [u8; 2],
}

impl ControlAnswer {
    /// Parses an escape answer payload.
    pub fn parse(payload: &[u8]) -> Result<Self, DecodeError> {
        let split = payload.len().checked_sub(2).ok_or(DecodeError::Truncated {
            what: "RC-S300 answer",
            at: payload.len(),
            needed: 2,
        })?;
        let (body, sw) = payload.split_at(split);
        let outer_sw = [
            sw.first().copied().unwrap_or(0),
            sw.get(1).copied().unwrap_or(0),
        ];
        let mut c = Cursor::new(body, "RC-S300 answer");
        let mut status = None;
        let mut objects = Vec::new();
        while c.remaining() > 0 {
            let (tag, value) = read_tlv(&mut c)?;
            if tag == 0xC0 {
                let mut v = Cursor::new(value, "RC-S300 status object C0");
                status = Some((v.u8()?, v.array()?));
                v.finish()?;
            } else {
                objects.push((tag, value.to_vec()));
            }
        }
        Ok(Self {
            status,
            objects,
            outer_sw,
        })
    }

    /// Encodes the payload (simulator side).
    pub fn encode(&self) -> Vec<u8> {
        let mut o = Vec::new();
        if let Some((s, [a, b])) = self.status {
            put_tlv(&mut o, 0xC0, &[s, a, b]);
        }
        for (tag, v) in &self.objects {
            put_tlv(&mut o, *tag, v);
        }
        o.extend_from_slice(&self.outer_sw);
        o
    }

    /// The value of the first object with `tag`.
    pub fn object(&self, tag: u16) -> Option<&[u8]> {
        self.objects
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, v)| v.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn builds_the_published_byte_sequences() {
        assert_eq!(
            manage_session(SessionAction::End),
            [0xFF, 0x50, 0x00, 0x00, 0x02, 0x82, 0x00, 0x00]
        );
        assert_eq!(
            manage_session(SessionAction::RfOn),
            [0xFF, 0x50, 0x00, 0x00, 0x02, 0x84, 0x00, 0x00]
        );
        assert_eq!(
            switch_protocol(CardType::Iso14443B, 4),
            [0xFF, 0x50, 0x00, 0x02, 0x04, 0x8F, 0x02, 0x01, 0x04, 0x00]
        );
        // readers.md §4.3: the ESP32 FeliCa polling payload
        let polling = communicate_thru_ex(&[0x06, 0x00, 0xFF, 0xFF, 0x01, 0x00], 100_000);
        assert_eq!(
            polling,
            [
                0xFF, 0x50, 0x00, 0x01, 0x00, 0x00, 0x11, 0x5F, 0x46, 0x04, 0xA0, 0x86, 0x01, 0x00,
                0x95, 0x82, 0x00, 0x06, 0x06, 0x00, 0xFF, 0xFF, 0x01, 0x00, 0x00, 0x00, 0x00
            ]
        );
        assert_eq!(
            parse_communicate_thru_ex(&polling),
            Ok((100_000, vec![0x06, 0x00, 0xFF, 0xFF, 0x01, 0x00]))
        );
    }

    #[test]
    fn reads_status_objects_and_errors() {
        let ok = ControlAnswer::parse(&[
            0xC0, 0x03, 0x00, 0x90, 0x00, 0x97, 0x03, 0x02, 0x90, 0x00, 0x90, 0x00,
        ])
        .expect("valid");
        assert_eq!(ok.status, Some((0x00, [0x90, 0x00])));
        assert_eq!(ok.object(0x97), Some(&[0x02, 0x90, 0x00][..]));
        assert_eq!(ok.outer_sw, [0x90, 0x00]);
        let no_answer =
            ControlAnswer::parse(&[0xC0, 0x03, 0x01, 0x6A, 0x81, 0x90, 0x00]).expect("valid");
        assert_eq!(no_answer.status, Some((0x01, [0x6A, 0x81])));
        let wrong_length = ControlAnswer::parse(&[0x67, 0x00]).expect("valid");
        assert_eq!(
            (wrong_length.status, wrong_length.outer_sw),
            (None, [0x67, 0x00])
        );
        let atr = ControlAnswer {
            status: Some((0, [0x90, 0x00])),
            objects: vec![(0x5F51, vec![0x3B; 200])],
            outer_sw: [0x90, 0x00],
        };
        assert_eq!(ControlAnswer::parse(&atr.encode()), Ok(atr));
        assert!(ControlAnswer::parse(&[0x90]).is_err());
        assert!(ControlAnswer::parse(&[0xC0, 0x05, 0x00, 0x90, 0x00]).is_err());
    }
}
