//! PEM (RFC 7468) or DER input: files from relying parties come either way.
//!
//! Decoding is lenient the way RFC 7468 §2 asks parsers to be: text before `-----BEGIN` is
//! skipped (as `openssl x509 -text` writes it), base64 lines of any length are accepted, and
//! RFC 1421-style header lines (`Proc-Type: …`) are ignored.

/// Why PEM input could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PemError {
    /// Neither DER (a leading SEQUENCE tag) nor a PEM block with an accepted label.
    #[error("neither DER nor a PEM block labelled {0}")]
    NotFound(String),
    /// The `-----END …-----` line is missing.
    #[error("PEM block {0} has no END line")]
    Unterminated(String),
    /// A character outside the base64 alphabet, or bad padding.
    #[error("PEM block {0} is not valid base64")]
    Base64(String),
}

/// Returns the DER inside the first PEM block whose label is one of `labels`, or the input
/// itself if it looks like DER (starts with a SEQUENCE tag).
pub fn der_from_pem_or_der(input: &[u8], labels: &[&str]) -> Result<Vec<u8>, PemError> {
    if input.first() == Some(&0x30) {
        return Ok(input.to_vec());
    }
    let wanted = labels.join(" or ");
    let text = core::str::from_utf8(input).map_err(|_| PemError::NotFound(wanted.clone()))?;
    for label in labels {
        let begin = format!("-----BEGIN {label}-----");
        let Some(start) = text.find(&begin) else {
            continue;
        };
        let body = text.get(start + begin.len()..).unwrap_or_default();
        let end = format!("-----END {label}-----");
        let stop = body
            .find(&end)
            .ok_or_else(|| PemError::Unterminated((*label).to_owned()))?;
        let base64: String = body
            .get(..stop)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.contains(':'))
            .collect::<String>();
        return decode_base64(&base64).ok_or_else(|| PemError::Base64((*label).to_owned()));
    }
    Err(PemError::NotFound(wanted))
}

/// Standard base64 (RFC 4648 §4) ignoring whitespace; padding optional but must be correct.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits, mut padding) = (0u32, 0u32, 0usize);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None; // data after padding
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (padding <= 2 && acc == 0).then_some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64_any_line_length() {
        assert_eq!(decode_base64("TWFu").unwrap(), b"Man");
        assert_eq!(decode_base64("TW\nE=").unwrap(), b"Ma");
        assert_eq!(decode_base64("TQ==").unwrap(), b"M");
        assert_eq!(decode_base64("TQ==TQ"), None);
        assert_eq!(decode_base64("T!=="), None);
    }

    #[test]
    fn finds_the_block_after_text() {
        let pem = b"Certificate:\n  Data: x\n-----BEGIN X509 CRL-----\nMAMCAQE=\n-----END X509 CRL-----\n";
        assert_eq!(
            der_from_pem_or_der(pem, &["X509 CRL"]).unwrap(),
            [0x30, 0x03, 0x02, 0x01, 0x01]
        );
        assert_eq!(
            der_from_pem_or_der(pem, &["CERTIFICATE"]).unwrap_err(),
            PemError::NotFound("CERTIFICATE".to_owned())
        );
        assert_eq!(
            der_from_pem_or_der(b"\x89PNG\r\n", &["CERTIFICATE"]).unwrap_err(),
            PemError::NotFound("CERTIFICATE".to_owned())
        );
    }
}
