//! Base64 as the widget protocol uses it (widget-protocol.md §3; RFC 4648): standard alphabet
//! with padding for certificates, signatures and CMS; URL-safe without padding for challenges.
//! Thin wrappers over `base64ct` (already in the dependency tree through `der`).

use base64ct::{Base64, Base64UrlUnpadded, Encoding};

/// Standard base64 with padding (RFC 4648 §4).
pub fn encode(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes standard base64 with padding (RFC 4648 §4); `None` if it is not exactly that.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    Base64::decode_vec(text).ok()
}

/// URL-safe base64 without padding (RFC 4648 §5).
pub fn encode_url(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode(b"fooba"), "Zm9vYmE=");
        assert_eq!(decode("Zm9vYg=="), Some(b"foob".to_vec()));
        assert_eq!(decode("Zm9vYg"), None);
        assert_eq!(decode("Zm9v!mFy"), None);
        assert_eq!(encode_url(&[0xfb, 0xff]), "-_8");
    }
}
