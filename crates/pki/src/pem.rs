//! PEM (RFC 7468) or DER input: files from relying parties come either way.

use crate::certificate::CertificateError;

/// Returns the DER inside a PEM block labelled `label`, or the input itself if it looks like DER
/// (starts with a SEQUENCE tag). Text before `-----BEGIN` (as `openssl x509 -text` writes) is
/// skipped.
pub fn der_from_pem_or_der(input: &[u8], label: &str) -> Result<Vec<u8>, CertificateError> {
    if input.first() == Some(&0x30) {
        return Ok(input.to_vec());
    }
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = find(input, begin.as_bytes()).ok_or(CertificateError::NotCertificate)?;
    let rest = input.get(start..).ok_or(CertificateError::NotCertificate)?;
    let stop = find(rest, end.as_bytes()).ok_or_else(|| CertificateError::Pem(format!("no {end} line")))?;
    let block = rest.get(..stop + end.len()).ok_or(CertificateError::NotCertificate)?;
    let (found, der) = der::pem::decode_vec(block).map_err(|e| CertificateError::Pem(e.to_string()))?;
    if found != label {
        return Err(CertificateError::Pem(format!("label {found:?}, expected {label:?}")));
    }
    Ok(der)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
