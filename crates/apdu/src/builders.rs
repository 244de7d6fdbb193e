//! Builders for the commands this card answers, with the bytes of mynacard.md §4.
//!
//! ```text
//! | operation                    | bytes                                   |
//! |------------------------------|-----------------------------------------|
//! | SELECT AP                    | 00 A4 04 0C 0A <AID>                    |
//! | SELECT EF (only P1=02 works) | 00 A4 02 0C 02 <EF hi> <EF lo>          |
//! | READ BINARY, short Le        | 00 B0 <off hi & 7F> <off lo> <Le>       |
//! | READ BINARY, extended        | 00 B0 <off hi> <off lo> 00 00 00        |
//! | READ BINARY by SFI           | 00 B0 <80|SFI> <off8> <Le>              |
//! | VERIFY                       | 00 20 00 80 <Lc> <ASCII PIN>            |
//! | retry-counter query          | 00 20 00 80                             |
//! | CHANGE REFERENCE DATA        | 00 24 01 80 <Lc> <new PIN>              |
//! | COMPUTE SIGNATURE            | 80 2A <P1> <P2> <Lc> <data> 00          |
//! | GET CHALLENGE                | 00 84 00 00 <Le>                        |
//! | INTERNAL AUTHENTICATE        | 00 88 00 <80|SFI> <Lc> <challenge> 00   |
//! | READ RECORD                  | 00 B2 <rec> 04 00 / 00 B2 <rec> <SFI<<3|4> 00 |
//! | GET DATA                     | 00 CA <tag hi> <tag lo> 00              |
//! | GET RESPONSE                 | 00 C0 00 00 <xx>                        |
//! ```

use alloc::vec::Vec;

use crate::command::{CommandApdu, CommandError, SHORT_MAX_LE};

/// A builder argument outside what the command can express.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// READ BINARY offsets are 15 bits (mynacard.md §1 "Max sizes").
    #[error("READ BINARY offset {0:#06X} is above 7FFF")]
    OffsetTooLarge(u16),
    /// Short EF identifiers are 1..=30.
    #[error("short EF identifier {0} is outside 1..=30")]
    BadSfi(u8),
    /// Record numbers start at 1 and stop at FE.
    #[error("record number {0} is outside 1..=254")]
    BadRecordNumber(u8),
    /// The lengths do not fit a command APDU.
    #[error(transparent)]
    Command(#[from] CommandError),
}

const CLA_ISO: u8 = 0x00;
const CLA_PROPRIETARY: u8 = 0x80;

/// `00 A4 04 0C Lc <DF name>`: SELECT an application by its full AID, no FCI back
/// (mynacard.md §2, §4).
pub fn select_application(aid: &[u8]) -> Result<CommandApdu, BuildError> {
    Ok(CommandApdu::new(
        CLA_ISO,
        0xA4,
        0x04,
        0x0C,
        aid.to_vec(),
        None,
    )?)
}

/// `00 A4 02 0C 02 <EF hi> <EF lo>`: SELECT an EF under the current DF. Only P1=02 works on this
/// card; P1=09 is rejected (mynacard.md §4).
pub fn select_ef(file_id: u16) -> CommandApdu {
    CommandApdu::header_only(CLA_ISO, 0xA4, 0x02, 0x0C)
        .with_data_unchecked(file_id.to_be_bytes().to_vec())
}

fn check_offset(offset: u16) -> Result<[u8; 2], BuildError> {
    if offset > 0x7FFF {
        Err(BuildError::OffsetTooLarge(offset))
    } else {
        Ok(offset.to_be_bytes())
    }
}

fn check_sfi(sfi: u8) -> Result<u8, BuildError> {
    if (1..=30).contains(&sfi) {
        Ok(sfi)
    } else {
        Err(BuildError::BadSfi(sfi))
    }
}

/// `00 B0 <off hi> <off lo> <Le>`: READ BINARY of the current EF; `le` 1..=256 gives a short
/// APDU (`256` is sent as `00`), larger values an extended one (mynacard.md §4).
pub fn read_binary(offset: u16, le: u32) -> Result<CommandApdu, BuildError> {
    let [hi, lo] = check_offset(offset)?;
    Ok(CommandApdu::new(
        CLA_ISO,
        0xB0,
        hi,
        lo,
        Vec::new(),
        Some(le),
    )?)
}

/// `00 B0 <off hi> <off lo> 00 00 00`: READ BINARY of the rest of the current EF with an extended
/// Le of 65 536 (mynacard.md §4: returns the whole physical EF, filler included).
pub fn read_binary_extended(offset: u16) -> Result<CommandApdu, BuildError> {
    let [hi, lo] = check_offset(offset)?;
    Ok(CommandApdu::new(
        CLA_ISO,
        0xB0,
        hi,
        lo,
        Vec::new(),
        Some(65_536),
    )?)
}

/// `00 B0 <80|SFI> <off8> <Le>`: READ BINARY by short EF identifier; the EF becomes current
/// (mynacard.md §4, e.g. `00 B0 8A 00 00` = first 256 bytes of EF 000A). `le` above 256 gives an
/// extended APDU.
pub fn read_binary_sfi(sfi: u8, offset: u8, le: u32) -> Result<CommandApdu, BuildError> {
    let sfi = check_sfi(sfi)?;
    Ok(CommandApdu::new(
        CLA_ISO,
        0xB0,
        0x80 | sfi,
        offset,
        Vec::new(),
        Some(le),
    )?)
}

/// `00 B0 <80|SFI> 00 00 00 00`: the whole EF by short identifier in one extended READ BINARY,
/// with no SELECT (mynacard.md §11, "1 extended READ BINARY by SFI").
pub fn read_binary_sfi_extended(sfi: u8) -> Result<CommandApdu, BuildError> {
    read_binary_sfi(sfi, 0, 65_536)
}

/// `00 20 00 80 <Lc> <PIN>`: VERIFY against the currently selected PIN EF (mynacard.md §4).
/// **Consumes a try when wrong.** The returned command holds the PIN: wipe it after sending.
pub fn verify(reference_data: &[u8]) -> Result<CommandApdu, BuildError> {
    Ok(CommandApdu::new(
        CLA_ISO,
        0x20,
        0x00,
        0x80,
        reference_data.to_vec(),
        None,
    )?)
}

/// `00 20 00 80`: the retry-counter query (an empty VERIFY). It does not use up a try;
/// `90 00` means "already verified", `63 Cx` means x tries left (mynacard.md §4, §6).
pub const fn verify_status() -> CommandApdu {
    CommandApdu::header_only(CLA_ISO, 0x20, 0x00, 0x80)
}

/// `00 24 01 80 <Lc> <new PIN>`: CHANGE REFERENCE DATA after a VERIFY of the same EF
/// (mynacard.md §4).
pub fn change_reference_data(new_reference_data: &[u8]) -> Result<CommandApdu, BuildError> {
    Ok(CommandApdu::new(
        CLA_ISO,
        0x24,
        0x01,
        0x80,
        new_reference_data.to_vec(),
        None,
    )?)
}

/// `80 2A <P1> <P2> <Lc> <data> 00`: COMPUTE DIGITAL SIGNATURE (mynacard.md §7). JPKI signing
/// uses P1=`00` (the card pads exactly the input: send a full DigestInfo) and P2=`80` (the key EF
/// selected before it).
pub fn compute_signature(p1: u8, p2: u8, data: &[u8]) -> Result<CommandApdu, BuildError> {
    Ok(CommandApdu::new(
        CLA_PROPRIETARY,
        0x2A,
        p1,
        p2,
        data.to_vec(),
        Some(SHORT_MAX_LE),
    )?)
}

/// `00 84 00 00 <Le>`: GET CHALLENGE of 1..=256 bytes (an extended Le is refused by the card,
/// mynacard.md §4).
pub fn get_challenge(len: u16) -> Result<CommandApdu, BuildError> {
    let len = u32::from(len);
    if len == 0 || len > SHORT_MAX_LE {
        return Err(BuildError::Command(CommandError::BadLe(len)));
    }
    Ok(CommandApdu::new(
        CLA_ISO,
        0x84,
        0x00,
        0x00,
        Vec::new(),
        Some(len),
    )?)
}

/// `00 88 00 <80|SFI> <Lc> <challenge> 00`: INTERNAL AUTHENTICATE with a key named by SFI
/// (mynacard.md §4).
pub fn internal_authenticate(key_sfi: u8, challenge: &[u8]) -> Result<CommandApdu, BuildError> {
    let sfi = check_sfi(key_sfi)?;
    Ok(CommandApdu::new(
        CLA_ISO,
        0x88,
        0x00,
        0x80 | sfi,
        challenge.to_vec(),
        Some(SHORT_MAX_LE),
    )?)
}

/// `00 B2 <rec> 04 00`: READ RECORD `rec` of the current EF (mynacard.md §4).
pub fn read_record(record: u8) -> Result<CommandApdu, BuildError> {
    if record == 0 || record == 0xFF {
        return Err(BuildError::BadRecordNumber(record));
    }
    Ok(CommandApdu::new(
        CLA_ISO,
        0xB2,
        record,
        0x04,
        Vec::new(),
        Some(SHORT_MAX_LE),
    )?)
}

/// `00 B2 <rec> <SFI<<3|4> 00`: READ RECORD by short EF identifier (mynacard.md §4).
pub fn read_record_sfi(record: u8, sfi: u8) -> Result<CommandApdu, BuildError> {
    let sfi = check_sfi(sfi)?;
    if record == 0 || record == 0xFF {
        return Err(BuildError::BadRecordNumber(record));
    }
    Ok(CommandApdu::new(
        CLA_ISO,
        0xB2,
        record,
        (sfi << 3) | 0x04,
        Vec::new(),
        Some(SHORT_MAX_LE),
    )?)
}

/// `00 CA <tag hi> <tag lo> 00`: GET DATA (mynacard.md §3.5, §4). On `67 00` resend with
/// [`CommandApdu::into_extended`] and an Le of 65 536.
pub fn get_data(tag: u16) -> CommandApdu {
    let [hi, lo] = tag.to_be_bytes();
    CommandApdu::header_only(CLA_ISO, 0xCA, hi, lo).with_le_unchecked(SHORT_MAX_LE)
}

/// `00 C0 00 00 <xx>`: GET RESPONSE after `61 xx` (`00` = 256 bytes).
pub fn get_response(available: u8) -> CommandApdu {
    let le = if available == 0 {
        SHORT_MAX_LE
    } else {
        u32::from(available)
    };
    CommandApdu::header_only(CLA_ISO, 0xC0, 0x00, 0x00).with_le_unchecked(le)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::mynacard::{aid, jpki};

    #[test]
    fn select_jpki_ap_matches_spec() {
        // mynacard.md §7 flow, line 1.
        assert_eq!(
            select_application(&aid::JPKI).unwrap().to_bytes(),
            [
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00,
                0x01
            ]
        );
    }

    #[test]
    fn select_text_and_visual_ap_match_spec() {
        assert_eq!(
            select_application(&aid::TEXT).unwrap().to_bytes(),
            [
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04,
                0x08
            ]
        );
        assert_eq!(
            select_application(&aid::VISUAL).unwrap().to_bytes(),
            [
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04,
                0x02
            ]
        );
    }

    #[test]
    fn select_ef_uses_p1_02() {
        // mynacard.md §7: select auth PIN EF, select auth key EF.
        assert_eq!(
            select_ef(jpki::AUTH_PIN).to_bytes(),
            [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18]
        );
        assert_eq!(
            select_ef(jpki::AUTH_KEY).to_bytes(),
            [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x17]
        );
        assert_eq!(
            select_ef(jpki::SIGN_PIN).to_bytes(),
            [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x1B]
        );
    }

    #[test]
    fn read_binary_short_masks_offset_and_sends_256_as_00() {
        assert_eq!(
            read_binary(0x0100, 256).unwrap().to_bytes(),
            [0x00, 0xB0, 0x01, 0x00, 0x00]
        );
        assert_eq!(
            read_binary(0x7FFF, 0x10).unwrap().to_bytes(),
            [0x00, 0xB0, 0x7F, 0xFF, 0x10]
        );
        assert_eq!(
            read_binary(0x8000, 1),
            Err(BuildError::OffsetTooLarge(0x8000))
        );
    }

    #[test]
    fn read_binary_extended_matches_spec() {
        // mynacard.md §4: `00 B0 00 00 00 00 00`.
        assert_eq!(
            read_binary_extended(0).unwrap().to_bytes(),
            [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00]
        );
    }

    #[test]
    fn read_binary_sfi_matches_spec_example() {
        // mynacard.md §4: `00 B0 8A 00 00` = first 256 bytes of EF 000A.
        assert_eq!(
            read_binary_sfi(0x0A, 0, 256).unwrap().to_bytes(),
            [0x00, 0xB0, 0x8A, 0x00, 0x00]
        );
        assert_eq!(
            read_binary_sfi_extended(0x0A).unwrap().to_bytes(),
            [0x00, 0xB0, 0x8A, 0x00, 0x00, 0x00, 0x00]
        );
        assert_eq!(read_binary_sfi(0, 0, 1), Err(BuildError::BadSfi(0)));
        assert_eq!(read_binary_sfi(31, 0, 1), Err(BuildError::BadSfi(31)));
    }

    #[test]
    fn verify_matches_spec() {
        // mynacard.md §7: `00 20 00 80 04 3x 3x 3x 3x`.
        assert_eq!(
            verify(b"1234").unwrap().to_bytes(),
            [0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34]
        );
        assert_eq!(verify_status().to_bytes(), [0x00, 0x20, 0x00, 0x80]);
    }

    #[test]
    fn change_reference_data_matches_spec() {
        assert_eq!(
            change_reference_data(b"5678").unwrap().to_bytes(),
            [0x00, 0x24, 0x01, 0x80, 0x04, 0x35, 0x36, 0x37, 0x38]
        );
    }

    #[test]
    fn compute_signature_matches_spec() {
        // mynacard.md §7: `80 2A 00 80 <Lc> <DigestInfo> 00`, SHA-256 DigestInfo is 51 bytes.
        let digest_info = [0x5A; 51];
        let bytes = compute_signature(0x00, 0x80, &digest_info)
            .unwrap()
            .to_bytes();
        assert_eq!(&bytes[..5], &[0x80, 0x2A, 0x00, 0x80, 51]);
        assert_eq!(&bytes[5..56], &digest_info[..]);
        assert_eq!(bytes[56..], [0x00]);
        assert_eq!(bytes.len(), 57);
    }

    #[test]
    fn get_response_and_challenge_match_spec() {
        assert_eq!(
            get_response(0x10).to_bytes(),
            [0x00, 0xC0, 0x00, 0x00, 0x10]
        );
        assert_eq!(
            get_response(0x00).to_bytes(),
            [0x00, 0xC0, 0x00, 0x00, 0x00]
        );
        assert_eq!(
            get_challenge(8).unwrap().to_bytes(),
            [0x00, 0x84, 0x00, 0x00, 0x08]
        );
        assert_eq!(
            get_challenge(256).unwrap().to_bytes(),
            [0x00, 0x84, 0x00, 0x00, 0x00]
        );
        assert!(get_challenge(257).is_err());
    }

    #[test]
    fn record_and_data_builders_match_spec() {
        assert_eq!(
            read_record(1).unwrap().to_bytes(),
            [0x00, 0xB2, 0x01, 0x04, 0x00]
        );
        assert_eq!(
            read_record_sfi(1, 1).unwrap().to_bytes(),
            [0x00, 0xB2, 0x01, 0x0C, 0x00]
        );
        assert_eq!(read_record(0), Err(BuildError::BadRecordNumber(0)));
        assert_eq!(get_data(0x5F51).to_bytes(), [0x00, 0xCA, 0x5F, 0x51, 0x00]);
        assert_eq!(
            get_data(0x00F8)
                .into_extended()
                .with_le(Some(65_536))
                .unwrap()
                .to_bytes(),
            [0x00, 0xCA, 0x00, 0xF8, 0x00, 0x00, 0x00]
        );
    }

    #[test]
    fn internal_authenticate_matches_spec() {
        assert_eq!(
            internal_authenticate(0x19, &[1, 2, 3]).unwrap().to_bytes(),
            [0x00, 0x88, 0x00, 0x99, 0x03, 1, 2, 3, 0x00]
        );
    }
}
