//! The APDU trace: every command sent and every answer, so tools and benchmarks can see and
//! count what an operation cost. VERIFY-like commands are recorded without their data.

use core::fmt;

use apdu::{CardChannel, ChannelCapabilities, TransportError};

/// One command/response pair.
#[derive(Clone, PartialEq, Eq)]
pub struct TraceEntry {
    /// The command bytes; for a command that carries a PIN only the header and Lc are kept.
    pub command: Vec<u8>,
    /// How many data bytes were left out of `command` (0 when nothing was redacted).
    pub redacted_len: usize,
    /// The answer (data ‖ SW1 ‖ SW2), or empty when the transport failed.
    pub response: Vec<u8>,
}

impl TraceEntry {
    /// Whether the command's data was left out.
    pub fn is_redacted(&self) -> bool {
        self.redacted_len > 0
    }

    /// The status word of the answer, if there was one.
    pub fn status(&self) -> Option<apdu::StatusWord> {
        self.response
            .split_last_chunk::<2>()
            .map(|(_, [sw1, sw2])| apdu::StatusWord::from_bytes(*sw1, *sw2))
    }
}

fn hex(bytes: &[u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        write!(f, "{b:02X}")?;
    }
    Ok(())
}

/// Formats bytes as space-separated hex (`00 A4 04 0C`).
pub fn to_hex(bytes: &[u8]) -> String {
    struct Hex<'a>(&'a [u8]);
    impl fmt::Display for Hex<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            hex(self.0, f)
        }
    }
    Hex(bytes).to_string()
}

impl fmt::Display for TraceEntry {
    /// `> 00 20 00 80 04 <4 bytes redacted>` / `< 90 00`. Long responses are shortened to their
    /// first 16 bytes, a byte count and the status word.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("> ")?;
        hex(&self.command, f)?;
        if self.is_redacted() {
            write!(f, " <{} bytes redacted>", self.redacted_len)?;
        }
        f.write_str("\n< ")?;
        match self.response.split_last_chunk::<2>() {
            Some((data, sw)) if data.len() > 16 => {
                hex(data.get(..16).unwrap_or(data), f)?;
                write!(f, " … ({} bytes) ", data.len())?;
                hex(sw, f)
            }
            _ => hex(&self.response, f),
        }
    }
}

impl fmt::Debug for TraceEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// What a trace records of a command: VERIFY (`20`), CHANGE REFERENCE DATA (`24`), RESET RETRY
/// COUNTER (`2C`) and CHANGE KEY (`32`) keep only their header and Lc field (ISO/IEC 7816-4
/// §5.1: `Lc` is 1 byte, or `00` + 2 bytes when extended). Returns the kept bytes and how many
/// were left out. The secret is never copied.
pub fn redact(command: &[u8]) -> (Vec<u8>, usize) {
    let secret = matches!(command.get(1), Some(0x20 | 0x24 | 0x2C | 0x32));
    if !secret || command.len() <= 4 {
        return (command.to_vec(), 0);
    }
    let keep = match command.get(4) {
        Some(0x00) if command.len() >= 7 => 7,
        _ => 5,
    };
    let kept = command.get(..keep).unwrap_or(command);
    (kept.to_vec(), command.len() - kept.len())
}

/// A [`CardChannel`] that records every exchange in a trace.
#[derive(Debug)]
pub struct TracingChannel<C> {
    inner: C,
    entries: Vec<TraceEntry>,
}

impl<C> TracingChannel<C> {
    /// Wraps a channel with an empty trace.
    pub fn new(inner: C) -> Self {
        Self {
            inner,
            entries: Vec::new(),
        }
    }

    /// The exchanges recorded since the last [`take`](Self::take).
    pub fn entries(&self) -> &[TraceEntry] {
        &self.entries
    }

    /// Returns the recorded exchanges and starts a new trace.
    pub fn take(&mut self) -> Vec<TraceEntry> {
        core::mem::take(&mut self.entries)
    }

    /// The wrapped channel.
    pub fn inner(&self) -> &C {
        &self.inner
    }

    /// The wrapped channel, mutably.
    pub fn inner_mut(&mut self) -> &mut C {
        &mut self.inner
    }

    /// Unwraps the channel.
    pub fn into_inner(self) -> C {
        self.inner
    }
}

impl<C: CardChannel> CardChannel for TracingChannel<C> {
    fn capabilities(&self) -> ChannelCapabilities {
        self.inner.capabilities()
    }

    async fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let result = self.inner.transmit(command).await;
        let (recorded, redacted_len) = redact(command);
        let response = match &result {
            Ok(bytes) => bytes.clone(),
            Err(_) => Vec::new(),
        };
        self.entries.push(TraceEntry {
            command: recorded,
            redacted_len,
            response,
        });
        result
    }

    async fn reset(&mut self) -> Result<Vec<u8>, TransportError> {
        self.inner.reset().await
    }

    async fn is_card_present(&mut self) -> Result<bool, TransportError> {
        self.inner.is_card_present().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_verify_data_but_keeps_header_and_lc() {
        let (kept, n) = redact(&[0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34]);
        assert_eq!(kept, [0x00, 0x20, 0x00, 0x80, 0x04]);
        assert_eq!(n, 4);
    }

    #[test]
    fn keeps_empty_verify_and_other_commands_whole() {
        assert_eq!(
            redact(&[0x00, 0x20, 0x00, 0x80]),
            (vec![0x00, 0x20, 0x00, 0x80], 0)
        );
        let select = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x18];
        assert_eq!(redact(&select), (select.to_vec(), 0));
    }

    #[test]
    fn redacts_malformed_and_extended_verify_to_header_and_lc() {
        assert_eq!(
            redact(&[0x00, 0x20, 0x00, 0x80, 0x09, 0x31]),
            (vec![0x00, 0x20, 0x00, 0x80, 0x09], 1)
        );
        assert_eq!(
            redact(&[0x00, 0x20, 0x00, 0x80, 0x00, 0x00, 0x02, 0x31, 0x32]),
            (vec![0x00, 0x20, 0x00, 0x80, 0x00, 0x00, 0x02], 2)
        );
        assert_eq!(
            redact(&[0x00, 0x24, 0x01, 0x80, 0x02, 0x35, 0x36]),
            (vec![0x00, 0x24, 0x01, 0x80, 0x02], 2)
        );
    }

    #[test]
    fn displays_redacted_entries() {
        let entry = TraceEntry {
            command: vec![0x00, 0x20, 0x00, 0x80, 0x04],
            redacted_len: 4,
            response: vec![0x90, 0x00],
        };
        assert_eq!(
            entry.to_string(),
            "> 00 20 00 80 04 <4 bytes redacted>\n< 90 00"
        );
        let long = TraceEntry {
            command: vec![0x00, 0xB0],
            redacted_len: 0,
            response: [vec![0xAB; 20], vec![0x90, 0x00]].concat(),
        };
        assert_eq!(
            long.to_string(),
            "> 00 B0\n< AB AB AB AB AB AB AB AB AB AB AB AB AB AB AB AB … (20 bytes) 90 00"
        );
    }
}
