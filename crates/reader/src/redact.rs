//! Debug output that never shows command bytes: an APDU may carry a PIN (VERIFY), so every
//! type that holds APDU bytes prints only their length.

use core::fmt;

/// Prints `<n bytes>` instead of the bytes.
pub(crate) struct Redacted<'a>(pub(crate) &'a [u8]);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}
