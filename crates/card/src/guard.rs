//! The PIN guard: the one door to VERIFY.
//!
//! A wrong VERIFY burns a try, and a blocked PIN can only be reset at the municipal office
//! (mynacard.md §5). So, before any VERIFY with data:
//!
//! 1. the guard reads the remaining tries: SELECT the PIN EF, then an empty VERIFY
//!    (`00 20 00 80`, which costs no try; mynacard.md §4, §6);
//! 2. it refuses when the PIN is blocked (`6984`, `6983`, `63C0`), and when one try is left
//!    unless the caller hands over a [`LastTryConfirmation`];
//! 3. it selects the PIN EF again, immediately before the VERIFY, and sends the VERIFY
//!    **once**; it never retries, whatever the answer.
//!
//! PIN formats are checked before this point, when the [`Pin`] is made.
//!
//! ```text
//! | empty VERIFY answer | PinStatus        | VERIFY allowed?                               |
//! |---------------------|------------------|-----------------------------------------------|
//! | 90 00               | Verified         | not needed (nothing is sent)                  |
//! | 63 Cx, x ≥ 2        | TriesLeft(x)     | yes                                           |
//! | 63 C1               | TriesLeft(1)     | only with a LastTryConfirmation               |
//! | 63 C0, 69 84, 69 83 | Blocked          | never                                         |
//! | 63 00               | NoRetryCounter   | yes                                           |
//! ```

use apdu::{builders, CardChannel, ResponseApdu, StatusWord};
use zeroize::Zeroizing;

use crate::error::CardError;
use crate::pin::{Pin, PinRef};
use crate::session::{status_error, Card};

/// What an empty VERIFY says about a PIN.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PinStatus {
    /// `90 00`: verified earlier in this session (not "0 tries": mynacard.md §6).
    Verified,
    /// `63 Cx`: x tries left (x ≥ 1).
    TriesLeft(u8),
    /// `63 C0`, `69 84` or `69 83`: blocked.
    Blocked,
    /// `63 00`: the key has no retry counter.
    NoRetryCounter,
}

impl PinStatus {
    /// A stable machine name.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::TriesLeft(_) => "tries-left",
            Self::Blocked => "blocked",
            Self::NoRetryCounter => "no-retry-counter",
        }
    }
}

/// The caller's explicit statement that the user was told this is the last try and chose to go
/// on. The only way to let the guard send a VERIFY at one try left.
#[derive(Debug)]
pub struct LastTryConfirmation(());

impl LastTryConfirmation {
    /// Made only where the user has confirmed, after being told a wrong entry blocks the PIN.
    pub fn user_confirmed_last_try() -> Self {
        Self(())
    }
}

/// What a successful [`PinGuard::verify`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verified {
    /// The card accepted the PIN just now.
    Now,
    /// The PIN was already verified in this session; no VERIFY was sent.
    Already,
}

/// A PIN whose remaining tries have just been read; the only way to send a VERIFY.
/// Made by [`Card::pin_guard`].
pub struct PinGuard<'c, C> {
    card: &'c mut Card<C>,
    pin: PinRef,
    status: PinStatus,
}

impl<C> core::fmt::Debug for PinGuard<'_, C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PinGuard")
            .field("pin", &self.pin)
            .field("status", &self.status)
            .finish()
    }
}

fn status_of(pin: PinRef, response: &ResponseApdu) -> Result<PinStatus, CardError> {
    match response.sw {
        StatusWord::Success => Ok(PinStatus::Verified),
        sw if sw.is_pin_blocked() => Ok(PinStatus::Blocked),
        StatusWord::RemainingRetries(n) => Ok(PinStatus::TriesLeft(n)),
        StatusWord::VerificationFailed => Ok(PinStatus::NoRetryCounter),
        sw => Err(status_error(pin_operation(pin), sw, None)),
    }
}

const fn pin_operation(pin: PinRef) -> &'static str {
    match pin {
        PinRef::JpkiAuth => "PIN status of JPKI EF 0018",
        PinRef::JpkiSign => "PIN status of JPKI EF 001B",
        PinRef::TextPin => "PIN status of text AP EF 0011",
        PinRef::TextPinA => "PIN status of text AP EF 0014",
        PinRef::TextPinB => "PIN status of text AP EF 0015",
        PinRef::VisualPinA => "PIN status of 券面AP EF 0013",
        PinRef::VisualPinB => "PIN status of 券面AP EF 0012",
        PinRef::VisualBirthDate => "PIN status of 券面AP EF 0011",
    }
}

impl<C: CardChannel> Card<C> {
    /// SELECT of the PIN's application (if needed) and of its PIN EF.
    async fn select_pin_file(&mut self, pin: PinRef) -> Result<(), CardError> {
        self.select(pin.application()).await?;
        let response = self.exchange(&builders::select_ef(pin.file_id())).await?;
        match response.sw {
            StatusWord::Success => Ok(()),
            sw => Err(status_error(pin_operation(pin), sw, None)),
        }
    }

    /// Reads a PIN's status with SELECT EF and an empty VERIFY (no try is used).
    /// APDUs: 2, plus a SELECT of the application when another one was selected.
    pub async fn pin_status(&mut self, pin: PinRef) -> Result<PinStatus, CardError> {
        self.select_pin_file(pin).await?;
        let response = self.exchange(&builders::verify_status()).await?;
        status_of(pin, &response)
    }

    /// The status of every PIN reference ([`PinRef::ALL`]); each entry fails on its own.
    pub async fn pin_statuses(&mut self) -> Vec<(PinRef, Result<PinStatus, CardError>)> {
        let mut out = Vec::with_capacity(PinRef::ALL.len());
        for pin in PinRef::ALL {
            let status = self.pin_status(pin).await;
            out.push((pin, status));
        }
        out
    }

    /// Reads the PIN's remaining tries and returns the guard that may then send one VERIFY.
    pub async fn pin_guard(&mut self, pin: PinRef) -> Result<PinGuard<'_, C>, CardError> {
        let status = self.pin_status(pin).await?;
        Ok(PinGuard {
            card: self,
            pin,
            status,
        })
    }

    /// [`pin_guard`](Self::pin_guard) then [`PinGuard::verify`].
    pub async fn verify(
        &mut self,
        pin: &Pin,
        confirmation: Option<LastTryConfirmation>,
    ) -> Result<Verified, CardError> {
        self.pin_guard(pin.reference())
            .await?
            .verify(pin, confirmation)
            .await
    }
}

impl<C: CardChannel> PinGuard<'_, C> {
    /// The status read when the guard was made.
    pub fn status(&self) -> PinStatus {
        self.status
    }

    /// Which PIN.
    pub fn reference(&self) -> PinRef {
        self.pin
    }

    /// Sends VERIFY once, if the status allows it (see the module table). The PIN bytes are
    /// wiped from the command buffer after sending.
    pub async fn verify(
        self,
        pin: &Pin,
        confirmation: Option<LastTryConfirmation>,
    ) -> Result<Verified, CardError> {
        if pin.reference() != self.pin {
            return Err(CardError::PinForOtherReference {
                expected: self.pin,
                given: pin.reference(),
            });
        }
        match self.status {
            PinStatus::Verified => return Ok(Verified::Already),
            PinStatus::Blocked => return Err(CardError::PinBlocked { pin: self.pin }),
            PinStatus::TriesLeft(1) if confirmation.is_none() => {
                return Err(CardError::LastTryNeedsConfirmation { pin: self.pin })
            }
            // These three always have a counter (mynacard.md §5); "no counter" means never set.
            PinStatus::NoRetryCounter
                if matches!(
                    self.pin,
                    PinRef::JpkiAuth | PinRef::JpkiSign | PinRef::TextPin
                ) =>
            {
                return Err(CardError::PinNotSet { pin: self.pin })
            }
            PinStatus::TriesLeft(_) | PinStatus::NoRetryCounter => {}
        }
        let card = self.card;
        card.select_pin_file(self.pin).await?;
        let secret = pin.expose();
        let lc = u8::try_from(secret.len())
            .map_err(|_| CardError::InvalidRequest("PIN longer than 255 bytes"))?;
        let header = builders::verify(&[])
            .map_err(|_| CardError::InvalidRequest("VERIFY"))?
            .to_bytes();
        let mut command = Zeroizing::new(Vec::with_capacity(header.len() + 1 + secret.len()));
        command.extend_from_slice(&header);
        command.push(lc);
        command.extend_from_slice(secret);
        // Sent directly, once: the 61xx/6Cxx helper must never get a chance to resend it.
        let raw = card.channel_transmit(&command).await?;
        let response = ResponseApdu::parse(&raw).map_err(|e| CardError::Malformed {
            structure: "response APDU",
            detail: e.to_string(),
        })?;
        match response.sw {
            StatusWord::Success => Ok(Verified::Now),
            sw if sw == StatusWord::ReferenceDataInvalidated
                || sw == StatusWord::AuthenticationMethodBlocked =>
            {
                Err(CardError::PinBlocked { pin: self.pin })
            }
            StatusWord::RemainingRetries(n) => Err(CardError::WrongPin {
                pin: self.pin,
                tries_left: n,
            }),
            sw => Err(status_error("VERIFY", sw, None)),
        }
    }
}

impl<C: CardChannel> Card<C> {
    /// One raw transmit through the tracing channel (used for VERIFY only).
    async fn channel_transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, CardError> {
        match self.channel.transmit(command).await {
            Ok(r) => Ok(r),
            Err(e) => {
                self.selected = None;
                Err(e.into())
            }
        }
    }
}
