//! Signing with the JPKI keys (mynacard.md §7).
//!
//! ```text
//! 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01    SELECT JPKI AP (only if another AP is selected)
//! 00 A4 02 0C 02 00 17                             SELECT key EF (0017 auth, 001A sign)
//! 80 2A 00 80 <Lc> <DigestInfo> 00                 COMPUTE SIGNATURE → 256-byte signature, 90 00
//! ```
//!
//! The PIN of the key (auth PIN for 0017, signature password for 001A) must have been verified
//! through the [`PinGuard`](crate::PinGuard) first; otherwise the card answers `6982`, reported
//! as [`CardError::PinRequired`].

use apdu::mynacard::jpki;
use apdu::{builders, CardChannel, StatusWord};

use crate::digest::HashAlgorithm;
use crate::error::CardError;
use crate::pin::{Application, PinRef};
use crate::session::{status_error, Card};

/// Length of an RSA-2048 signature.
pub const SIGNATURE_LEN: usize = 256;

/// Largest input COMPUTE SIGNATURE with P1=`00` pads (mynacard.md §7).
pub const MAX_DIGEST_INFO_LEN: usize = 245;

/// The two JPKI private keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SigningKey {
    /// 利用者証明用秘密鍵 (EF 0017), opened by the auth PIN.
    Auth,
    /// 署名用秘密鍵 (EF 001A), opened by the signature password.
    Sign,
}

impl SigningKey {
    /// The key EF.
    pub const fn file_id(self) -> u16 {
        match self {
            Self::Auth => jpki::AUTH_KEY,
            Self::Sign => jpki::SIGN_KEY,
        }
    }

    /// The PIN that opens it.
    pub const fn pin(self) -> PinRef {
        match self {
            Self::Auth => PinRef::JpkiAuth,
            Self::Sign => PinRef::JpkiSign,
        }
    }

    /// A stable machine name.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Auth => "auth",
            Self::Sign => "sign",
        }
    }
}

impl<C: CardChannel> Card<C> {
    /// Hashes `message` on the host and signs its DigestInfo (PKCS#1 v1.5). APDUs: 2, plus a
    /// SELECT of the JPKI AP when another AP was selected.
    pub async fn sign(
        &mut self,
        key: SigningKey,
        hash: HashAlgorithm,
        message: &[u8],
    ) -> Result<Vec<u8>, CardError> {
        self.sign_digest_info(key, &hash.digest_info(message)).await
    }

    /// Signs an already computed digest of `hash`'s length.
    pub async fn sign_digest(
        &mut self,
        key: SigningKey,
        hash: HashAlgorithm,
        digest: &[u8],
    ) -> Result<Vec<u8>, CardError> {
        let digest_info = hash
            .digest_info_of_digest(digest)
            .ok_or(CardError::InvalidRequest(
                "the digest length does not match the hash algorithm",
            ))?;
        self.sign_digest_info(key, &digest_info).await
    }

    /// Signs a DigestInfo (at most 245 bytes) with P1=`00`: the card pads exactly the input.
    pub async fn sign_digest_info(
        &mut self,
        key: SigningKey,
        digest_info: &[u8],
    ) -> Result<Vec<u8>, CardError> {
        if digest_info.is_empty() || digest_info.len() > MAX_DIGEST_INFO_LEN {
            return Err(CardError::InvalidRequest(
                "a DigestInfo must be 1 to 245 bytes",
            ));
        }
        self.select(Application::Jpki).await?;
        let operation = match key {
            SigningKey::Auth => "signing with the auth key (JPKI EF 0017)",
            SigningKey::Sign => "signing with the signature key (JPKI EF 001A)",
        };
        let selected = self.exchange(&builders::select_ef(key.file_id())).await?;
        if selected.sw != StatusWord::Success {
            return Err(status_error(operation, selected.sw, None));
        }
        let cmd = builders::compute_signature(0x00, 0x80, digest_info)
            .map_err(|_| CardError::InvalidRequest("COMPUTE SIGNATURE"))?;
        let response = self.exchange(&cmd).await?;
        if response.sw != StatusWord::Success {
            return Err(status_error(operation, response.sw, Some(key.pin())));
        }
        if response.data.len() != SIGNATURE_LEN {
            return Err(CardError::malformed(
                "signature (COMPUTE SIGNATURE response)",
                format!("{} bytes instead of 256", response.data.len()),
            ));
        }
        Ok(response.data)
    }
}
