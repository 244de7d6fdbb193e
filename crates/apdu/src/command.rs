//! Command APDUs in the four ISO cases, short and extended length.
//!
//! ISO/IEC 7816-3 §12.1.3 / ISO/IEC 7816-4 §5.1:
//!
//! ```text
//! | case | short form                       | extended form                                   |
//! |------|----------------------------------|-------------------------------------------------|
//! | 1    | CLA INS P1 P2                    | (same)                                          |
//! | 2    | CLA INS P1 P2 Le                 | CLA INS P1 P2 00 Le1 Le2                        |
//! | 3    | CLA INS P1 P2 Lc data(Lc)        | CLA INS P1 P2 00 Lc1 Lc2 data(Lc)               |
//! | 4    | CLA INS P1 P2 Lc data(Lc) Le     | CLA INS P1 P2 00 Lc1 Lc2 data(Lc) Le1 Le2       |
//!
//! short:    Lc 01..FF (1..255 bytes);   Le 01..FF = 1..255, 00 = 256
//! extended: Lc 0001..FFFF (1..65 535);  Le 0001..FFFF = 1..65 535, 0000 = 65 536
//! ```
//!
//! [`CommandApdu::parse`] accepts exactly these forms and remembers which form it saw, so
//! `parse(bytes)?.to_bytes() == bytes` for every input it accepts.

use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroize;

/// The largest Le of a short APDU (encoded `00`).
pub const SHORT_MAX_LE: u32 = 256;
/// The largest Lc of a short APDU.
pub const SHORT_MAX_LC: usize = 255;
/// The largest Le of an extended APDU (encoded `00 00`).
pub const EXTENDED_MAX_LE: u32 = 65_536;
/// The largest Lc of an extended APDU.
pub const EXTENDED_MAX_LC: usize = 65_535;

/// Why command bytes are not a valid command APDU, or a command cannot be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// Fewer than the 4 header bytes.
    #[error("command APDU is {0} bytes long; the header alone needs 4")]
    TooShort(usize),
    /// The bytes after the header fit none of the ISO cases.
    #[error("command APDU body of {body} bytes fits no ISO/IEC 7816-4 case: {reason}")]
    BodyLength {
        /// Number of bytes after the 4-byte header.
        body: usize,
        /// Which rule failed.
        reason: &'static str,
    },
    /// Command data longer than 65 535 bytes.
    #[error("command data of {0} bytes exceeds the extended-length maximum of 65535")]
    DataTooLong(usize),
    /// Le of 0 or above 65 536.
    #[error("expected response length {0} is outside 1..=65536")]
    BadLe(u32),
}

/// Whether the length fields are encoded in the short or the extended form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LengthForm {
    /// One-byte Lc / Le.
    Short,
    /// `00` + two-byte Lc and/or two-byte Le.
    Extended,
}

/// The ISO case of a command: whether it carries data and whether it expects data back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IsoCase {
    /// No data, no response data.
    Case1,
    /// No data, response data expected (Le).
    Case2,
    /// Data (Lc), no response data.
    Case3,
    /// Data and response data.
    Case4,
}

/// A command APDU (ISO/IEC 7816-4 §5.1). See the module documentation for the byte layout.
///
/// `Debug` redacts the data field of VERIFY (`INS 20`), CHANGE REFERENCE DATA (`24`), RESET
/// RETRY COUNTER (`2C`) and CHANGE KEY (`32`), which carry PINs, and dropping such a command
/// wipes that field.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CommandApdu {
    cla: u8,
    ins: u8,
    p1: u8,
    p2: u8,
    data: Vec<u8>,
    le: Option<u32>,
    form: LengthForm,
}

impl CommandApdu {
    /// A command with the shortest length form that fits. `le` is the number of response bytes
    /// expected (1..=65 536), `None` for none.
    pub fn new(
        cla: u8,
        ins: u8,
        p1: u8,
        p2: u8,
        data: Vec<u8>,
        le: Option<u32>,
    ) -> Result<Self, CommandError> {
        if data.len() > EXTENDED_MAX_LC {
            return Err(CommandError::DataTooLong(data.len()));
        }
        if let Some(le) = le {
            if le == 0 || le > EXTENDED_MAX_LE {
                return Err(CommandError::BadLe(le));
            }
        }
        let fits_short = data.len() <= SHORT_MAX_LC && le.is_none_or(|le| le <= SHORT_MAX_LE);
        let form = if fits_short {
            LengthForm::Short
        } else {
            LengthForm::Extended
        };
        Ok(Self {
            cla,
            ins,
            p1,
            p2,
            data,
            le,
            form,
        })
    }

    /// A case-1 command (header only).
    pub const fn header_only(cla: u8, ins: u8, p1: u8, p2: u8) -> Self {
        Self {
            cla,
            ins,
            p1,
            p2,
            data: Vec::new(),
            le: None,
            form: LengthForm::Short,
        }
    }

    /// The same command, encoded in the extended form even where the short form would fit
    /// (case 1 has no length fields and stays as it is).
    pub fn into_extended(mut self) -> Self {
        if self.case() != IsoCase::Case1 {
            self.form = LengthForm::Extended;
        }
        self
    }

    /// The same command with another Le (used to resend after `6Cxx`).
    pub fn with_le(self, le: Option<u32>) -> Result<Self, CommandError> {
        let extended = self.form == LengthForm::Extended;
        let cmd = Self::new(self.cla, self.ins, self.p1, self.p2, self.data.clone(), le)?;
        Ok(if extended { cmd.into_extended() } else { cmd })
    }

    /// Sets short data (at most 255 bytes; the callers in this crate pass constants).
    pub(crate) fn with_data_unchecked(mut self, data: Vec<u8>) -> Self {
        debug_assert!(data.len() <= SHORT_MAX_LC);
        self.data = data;
        self
    }

    /// Sets a short Le (1..=256; the callers in this crate pass constants).
    pub(crate) fn with_le_unchecked(mut self, le: u32) -> Self {
        debug_assert!((1..=SHORT_MAX_LE).contains(&le));
        self.le = Some(le);
        self
    }

    /// CLA.
    pub const fn cla(&self) -> u8 {
        self.cla
    }
    /// INS.
    pub const fn ins(&self) -> u8 {
        self.ins
    }
    /// P1.
    pub const fn p1(&self) -> u8 {
        self.p1
    }
    /// P2.
    pub const fn p2(&self) -> u8 {
        self.p2
    }
    /// The command data field (empty for cases 1 and 2).
    pub fn data(&self) -> &[u8] {
        &self.data
    }
    /// Expected response length Ne (1..=65 536), if any.
    pub const fn le(&self) -> Option<u32> {
        self.le
    }
    /// Short or extended encoding.
    pub const fn form(&self) -> LengthForm {
        self.form
    }
    /// The ISO case.
    pub fn case(&self) -> IsoCase {
        match (self.data.is_empty(), self.le.is_some()) {
            (true, false) => IsoCase::Case1,
            (true, true) => IsoCase::Case2,
            (false, false) => IsoCase::Case3,
            (false, true) => IsoCase::Case4,
        }
    }

    /// Whether the data field carries a secret (PIN or new PIN), by INS.
    pub const fn carries_secret(&self) -> bool {
        matches!(self.ins, 0x20 | 0x24 | 0x2C | 0x32)
    }

    /// Number of bytes [`to_bytes`](Self::to_bytes) produces.
    pub fn encoded_len(&self) -> usize {
        let ext = self.form == LengthForm::Extended;
        let lc = match (self.data.is_empty(), ext) {
            (true, _) => 0,
            (false, false) => 1,
            (false, true) => 3,
        };
        let le = match (self.le.is_some(), ext, self.data.is_empty()) {
            (false, _, _) => 0,
            (true, false, _) => 1,
            (true, true, true) => 3,
            (true, true, false) => 2,
        };
        4 + lc + self.data.len() + le
    }

    /// Appends the encoded command to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.reserve(self.encoded_len());
        out.extend_from_slice(&[self.cla, self.ins, self.p1, self.p2]);
        let ext = self.form == LengthForm::Extended;
        if !self.data.is_empty() {
            if ext {
                // Lc ≤ 65 535 is guaranteed by the constructors.
                let lc = self.data.len() as u16;
                out.push(0x00);
                out.extend_from_slice(&lc.to_be_bytes());
            } else {
                out.push(self.data.len() as u8);
            }
            out.extend_from_slice(&self.data);
        }
        if let Some(le) = self.le {
            if ext {
                if self.data.is_empty() {
                    out.push(0x00);
                }
                // 65 536 wraps to 00 00 as the standard requires.
                out.extend_from_slice(&((le & 0xFFFF) as u16).to_be_bytes());
            } else {
                // 256 wraps to 00.
                out.push((le & 0xFF) as u8);
            }
        }
    }

    /// The encoded command.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode(&mut out);
        out
    }

    /// Parses one complete command APDU. Every byte must belong to it.
    pub fn parse(bytes: &[u8]) -> Result<Self, CommandError> {
        let (header, body) = match bytes.split_first_chunk::<4>() {
            Some(split) => split,
            None => return Err(CommandError::TooShort(bytes.len())),
        };
        let [cla, ins, p1, p2] = *header;
        let bad = |reason| {
            Err(CommandError::BodyLength {
                body: body.len(),
                reason,
            })
        };
        let short_le = |b: u8| if b == 0 { SHORT_MAX_LE } else { u32::from(b) };
        let ext_le = |hi: u8, lo: u8| match u16::from_be_bytes([hi, lo]) {
            0 => EXTENDED_MAX_LE,
            n => u32::from(n),
        };
        let (data, le, form) = match body {
            [] => (&[][..], None, LengthForm::Short),
            [le] => (&[][..], Some(short_le(*le)), LengthForm::Short),
            [0x00, hi, lo] => (&[][..], Some(ext_le(*hi, *lo)), LengthForm::Extended),
            [0x00, hi, lo, rest @ ..] => {
                let lc = usize::from(u16::from_be_bytes([*hi, *lo]));
                if lc == 0 {
                    return bad("extended Lc of 0000");
                }
                match rest.len().checked_sub(lc) {
                    Some(0) => (rest, None, LengthForm::Extended),
                    Some(2) => match rest.split_at_checked(lc) {
                        Some((data, [h, l])) => (data, Some(ext_le(*h, *l)), LengthForm::Extended),
                        _ => return bad("extended Le is not 2 bytes"),
                    },
                    _ => return bad("extended Lc does not match the data that follows"),
                }
            }
            [0x00, ..] => return bad("a body starting 00 must be an extended length"),
            [lc, rest @ ..] => {
                let lc = usize::from(*lc);
                match rest.len().checked_sub(lc) {
                    Some(0) => (rest, None, LengthForm::Short),
                    Some(1) => match rest.split_at_checked(lc) {
                        Some((data, [le])) => (data, Some(short_le(*le)), LengthForm::Short),
                        _ => return bad("short Le is not 1 byte"),
                    },
                    _ => return bad("short Lc does not match the data that follows"),
                }
            }
        };
        Ok(Self {
            cla,
            ins,
            p1,
            p2,
            data: data.to_vec(),
            le,
            form,
        })
    }
}

impl Drop for CommandApdu {
    /// Wipes the data field of a command that carries a PIN ([`CommandApdu::carries_secret`]).
    /// Bytes returned by [`to_bytes`](CommandApdu::to_bytes) are the caller's to wipe.
    fn drop(&mut self) {
        if self.carries_secret() {
            self.data.zeroize();
        }
    }
}

impl fmt::Debug for CommandApdu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CommandApdu({:02X} {:02X} {:02X} {:02X}",
            self.cla, self.ins, self.p1, self.p2
        )?;
        if !self.data.is_empty() {
            if self.carries_secret() {
                write!(f, " data=<{} bytes redacted>", self.data.len())?;
            } else {
                f.write_str(" data=")?;
                for b in &self.data {
                    write!(f, "{b:02X}")?;
                }
            }
        }
        if let Some(le) = self.le {
            write!(f, " le={le}")?;
        }
        if self.form == LengthForm::Extended {
            f.write_str(" extended")?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::vec;

    fn round_trip(bytes: &[u8]) -> CommandApdu {
        let cmd = CommandApdu::parse(bytes).unwrap();
        assert_eq!(cmd.to_bytes(), bytes);
        assert_eq!(cmd.encoded_len(), bytes.len());
        cmd
    }

    #[test]
    fn parses_case_1() {
        let cmd = round_trip(&[0x00, 0x20, 0x00, 0x80]);
        assert_eq!(cmd.case(), IsoCase::Case1);
        assert_eq!(cmd.le(), None);
    }

    #[test]
    fn parses_case_2_short_with_le_00_as_256() {
        let cmd = round_trip(&[0x00, 0xB0, 0x8A, 0x00, 0x00]);
        assert_eq!(cmd.case(), IsoCase::Case2);
        assert_eq!(cmd.le(), Some(256));
        assert_eq!(cmd.form(), LengthForm::Short);
    }

    #[test]
    fn parses_case_2_extended_with_le_0000_as_65536() {
        let cmd = round_trip(&[0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00]);
        assert_eq!(cmd.le(), Some(65_536));
        assert_eq!(cmd.form(), LengthForm::Extended);
        let cmd = round_trip(&[0x00, 0xB0, 0x00, 0x00, 0x00, 0x01, 0x2C]);
        assert_eq!(cmd.le(), Some(300));
    }

    #[test]
    fn parses_case_3_short_and_extended() {
        let cmd = round_trip(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18]);
        assert_eq!(cmd.case(), IsoCase::Case3);
        assert_eq!(cmd.data(), &[0x00, 0x18]);
        let cmd = round_trip(&[0x00, 0xA4, 0x02, 0x0C, 0x00, 0x00, 0x02, 0x00, 0x18]);
        assert_eq!(cmd.form(), LengthForm::Extended);
        assert_eq!(cmd.data(), &[0x00, 0x18]);
    }

    #[test]
    fn parses_case_4_short_and_extended() {
        let cmd = round_trip(&[0x80, 0x2A, 0x00, 0x80, 0x02, 0xAB, 0xCD, 0x00]);
        assert_eq!(cmd.case(), IsoCase::Case4);
        assert_eq!(cmd.le(), Some(256));
        let cmd = round_trip(&[
            0x80, 0x2A, 0x00, 0x80, 0x00, 0x00, 0x02, 0xAB, 0xCD, 0x01, 0x00,
        ]);
        assert_eq!(cmd.le(), Some(256));
        assert_eq!(cmd.form(), LengthForm::Extended);
    }

    #[test]
    fn rejects_truncated_header() {
        assert_eq!(
            CommandApdu::parse(&[0x00, 0xA4, 0x04]),
            Err(CommandError::TooShort(3))
        );
    }

    #[test]
    fn rejects_lc_longer_than_data() {
        assert!(matches!(
            CommandApdu::parse(&[0x00, 0xA4, 0x02, 0x0C, 0x03, 0x00, 0x18]),
            Err(CommandError::BodyLength { body: 3, .. })
        ));
    }

    #[test]
    fn rejects_two_trailing_bytes_after_short_data() {
        assert!(CommandApdu::parse(&[0x00, 0xA4, 0x02, 0x0C, 0x01, 0x00, 0x18, 0x00]).is_err());
    }

    #[test]
    fn rejects_extended_lc_of_zero_and_lone_zero_pair() {
        assert!(CommandApdu::parse(&[0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01]).is_err());
        assert!(CommandApdu::parse(&[0x00, 0xB0, 0x00, 0x00, 0x00, 0x00]).is_err());
    }

    #[test]
    fn new_picks_the_short_form_when_it_fits() {
        let cmd = CommandApdu::new(0x00, 0xB0, 0, 0, vec![], Some(256)).unwrap();
        assert_eq!(cmd.to_bytes(), [0x00, 0xB0, 0x00, 0x00, 0x00]);
        let cmd = CommandApdu::new(0x00, 0xB0, 0, 0, vec![], Some(257)).unwrap();
        assert_eq!(cmd.to_bytes(), [0x00, 0xB0, 0x00, 0x00, 0x00, 0x01, 0x01]);
        let cmd = CommandApdu::new(0x00, 0xD6, 0, 0, vec![0x11; 256], Some(2)).unwrap();
        assert_eq!(
            &cmd.to_bytes()[..7],
            &[0x00, 0xD6, 0x00, 0x00, 0x00, 0x01, 0x00]
        );
        assert_eq!(&cmd.to_bytes()[263..], &[0x00, 0x02]);
    }

    #[test]
    fn rejects_le_zero_and_oversize() {
        assert_eq!(
            CommandApdu::new(0, 0xB0, 0, 0, vec![], Some(0)),
            Err(CommandError::BadLe(0))
        );
        assert_eq!(
            CommandApdu::new(0, 0xB0, 0, 0, vec![], Some(65_537)),
            Err(CommandError::BadLe(65_537))
        );
        assert_eq!(
            CommandApdu::new(0, 0xD6, 0, 0, vec![0; 65_536], None),
            Err(CommandError::DataTooLong(65_536))
        );
    }

    #[test]
    fn with_le_keeps_the_form() {
        let cmd = CommandApdu::new(0x00, 0xB0, 0, 0, vec![], Some(256))
            .unwrap()
            .into_extended();
        assert_eq!(
            cmd.clone().with_le(Some(0x10)).unwrap().to_bytes(),
            [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x10]
        );
        let cmd = CommandApdu::new(0x00, 0xB0, 0, 0, vec![], Some(256)).unwrap();
        assert_eq!(
            cmd.with_le(Some(0x10)).unwrap().to_bytes(),
            [0x00, 0xB0, 0x00, 0x00, 0x10]
        );
    }

    #[test]
    fn debug_redacts_verify_data() {
        let cmd =
            CommandApdu::parse(&[0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34]).unwrap();
        let text = format!("{cmd:?}");
        assert_eq!(text, "CommandApdu(00 20 00 80 data=<4 bytes redacted>)");
        let cmd = CommandApdu::parse(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18]).unwrap();
        assert_eq!(format!("{cmd:?}"), "CommandApdu(00 A4 02 0C data=0018)");
    }
}
