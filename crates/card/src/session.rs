//! A session with one My Number card: which application is selected, the token type, the trace.

use apdu::mynacard::{jpki, text, visual};
use apdu::tlv::ber_total_len;
use apdu::{builders, CardChannel, CommandApdu, ResponseApdu, StatusWord};

use crate::data::{self, Basic4, CardFace, MyNumber};
use crate::error::CardError;
use crate::pin::{Application, PinRef};
use crate::trace::{TraceEntry, TracingChannel};

/// What kind of JPKI token answered, from the label in EF 0006 (mynacard.md §3.1).
///
/// ```text
/// | label (bytes 0–31 of EF 0006, trailing spaces and NULs trimmed) | kind          |
/// |-----------------------------------------------------------------|---------------|
/// | JPKIAPICCTOKEN2, JPKIAPICCTOKEN                                 | PhysicalCard  |
/// | JPKIAPGPSETOKEN                                                 | AndroidPhone  |
/// | JPKIAPIOSTOKEN                                                  | IPhone        |
/// | any other JPKIAP…                                               | OtherJpki     |
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A My Number card.
    PhysicalCard,
    /// スマホ用電子証明書 in an Android phone's secure element.
    AndroidPhone,
    /// スマホ用電子証明書 on an iPhone.
    IPhone,
    /// A JPKI token with a label not listed in the spec.
    OtherJpki,
}

impl TokenKind {
    /// Whether the auth PIN must be verified before the auth certificate (EF 000A) can be read
    /// (mynacard.md §3.1: phone tokens).
    pub const fn auth_certificate_needs_pin(self) -> bool {
        matches!(self, Self::AndroidPhone | Self::IPhone)
    }

    /// A stable machine name.
    pub const fn id(self) -> &'static str {
        match self {
            Self::PhysicalCard => "card",
            Self::AndroidPhone => "android-phone",
            Self::IPhone => "iphone",
            Self::OtherJpki => "other-jpki",
        }
    }
}

/// The token label and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    /// The label, trimmed.
    pub label: String,
    /// The kind it names.
    pub kind: TokenKind,
}

/// The token label: bytes 0–31 of EF 0006 with trailing spaces **and** NULs trimmed
/// (mynacard.md §3.1). Labels not starting `JPKIAP` are refused.
pub fn parse_token_label(bytes: &[u8]) -> Result<TokenInfo, CardError> {
    let label_bytes = bytes.get(..32).unwrap_or(bytes);
    let end = label_bytes
        .iter()
        .rposition(|&b| b != b' ' && b != 0)
        .map_or(0, |i| i + 1);
    let trimmed = label_bytes.get(..end).unwrap_or(&[]);
    let label = String::from_utf8_lossy(trimmed).into_owned();
    if !label.starts_with("JPKIAP") {
        return Err(CardError::NotMyNumberCard {
            reason: format!("the JPKI token label is {label:?}"),
        });
    }
    let kind = if label.starts_with("JPKIAPICCTOKEN") {
        TokenKind::PhysicalCard
    } else if label.starts_with("JPKIAPGPSE") {
        TokenKind::AndroidPhone
    } else if label.starts_with("JPKIAPIOS") {
        TokenKind::IPhone
    } else {
        TokenKind::OtherJpki
    };
    Ok(TokenInfo { label, kind })
}

/// The four certificates of the JPKI AP (mynacard.md §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Certificate {
    /// 利用者証明用電子証明書 (EF 000A).
    Auth,
    /// 署名用電子証明書 (EF 0001), readable only after the signature password.
    Sign,
    /// 利用者証明用CA証明書 (EF 000B).
    AuthCa,
    /// 署名用CA証明書 (EF 0002).
    SignCa,
}

impl Certificate {
    /// All four.
    pub const ALL: [Self; 4] = [Self::Auth, Self::Sign, Self::AuthCa, Self::SignCa];

    /// The EF.
    pub const fn file_id(self) -> u16 {
        match self {
            Self::Auth => jpki::AUTH_CERT,
            Self::Sign => jpki::SIGN_CERT,
            Self::AuthCa => jpki::AUTH_CA_CERT,
            Self::SignCa => jpki::SIGN_CA_CERT,
        }
    }

    /// A stable machine name (`auth`, `sign`, `auth-ca`, `sign-ca`).
    pub const fn id(self) -> &'static str {
        match self {
            Self::Auth => "auth",
            Self::Sign => "sign",
            Self::AuthCa => "auth-ca",
            Self::SignCa => "sign-ca",
        }
    }

    const fn structure(self) -> &'static str {
        match self {
            Self::Auth => "user-authentication certificate (JPKI EF 000A)",
            Self::Sign => "signature certificate (JPKI EF 0001)",
            Self::AuthCa => "user-authentication CA certificate (JPKI EF 000B)",
            Self::SignCa => "signature CA certificate (JPKI EF 0002)",
        }
    }

    const fn needs(self) -> Option<PinRef> {
        match self {
            Self::Auth => Some(PinRef::JpkiAuth),
            Self::Sign => Some(PinRef::JpkiSign),
            Self::AuthCa | Self::SignCa => None,
        }
    }
}

/// A session with one card. Create it with [`Card::connect`] (reset, then identify) or
/// [`Card::open`] (identify only).
///
/// The card is identified by a successful SELECT of the JPKI AID and a `JPKIAP…` token label,
/// never by its ATR (mynacard.md §1). Every exchange is recorded: [`Card::take_trace`] returns
/// what the last operation sent, with PIN data redacted.
pub struct Card<C> {
    pub(crate) channel: TracingChannel<C>,
    pub(crate) selected: Option<Application>,
    token: TokenInfo,
    atr: Option<Vec<u8>>,
}

impl<C> core::fmt::Debug for Card<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Card")
            .field("token", &self.token)
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

impl<C: CardChannel> Card<C> {
    /// Resets the card (keeping its ATR for information only), then [`open`](Self::open)s it.
    pub async fn connect(channel: C) -> Result<Self, CardError> {
        Self::try_connect(channel).await.map_err(|(_, e)| e)
    }

    /// [`connect`](Self::connect) that hands the channel back on failure, so a caller can keep
    /// its reader (no card on it yet, a card that is not a My Number card) and try again later.
    pub async fn try_connect(mut channel: C) -> Result<Self, (C, CardError)> {
        let atr = match channel.reset().await {
            Ok(atr) => atr,
            Err(e) => return Err((channel, e.into())),
        };
        let mut card = Self::unidentified(channel);
        match card.identify().await {
            Ok(()) => {
                card.atr = Some(atr);
                Ok(card)
            }
            Err(e) => Err((card.into_channel(), e)),
        }
    }

    /// Identifies the card: SELECT JPKI AP, then READ BINARY of the token label by SFI
    /// (2 APDUs: `00 A4 04 0C 0A D3 92 F0 …`, `00 B0 86 00 20`).
    pub async fn open(channel: C) -> Result<Self, CardError> {
        let mut card = Self::unidentified(channel);
        card.identify().await?;
        Ok(card)
    }

    fn unidentified(channel: C) -> Self {
        Self {
            channel: TracingChannel::new(channel),
            selected: None,
            token: TokenInfo {
                label: String::new(),
                kind: TokenKind::OtherJpki,
            },
            atr: None,
        }
    }

    async fn identify(&mut self) -> Result<(), CardError> {
        match self.select(Application::Jpki).await {
            Ok(()) => {}
            Err(CardError::FileNotFound { .. }) => {
                return Err(CardError::NotMyNumberCard {
                    reason: "the JPKI application is not on the card".into(),
                })
            }
            Err(CardError::UnexpectedStatus { sw, .. }) => {
                return Err(CardError::NotMyNumberCard {
                    reason: format!("SELECT of the JPKI application answered {sw}"),
                })
            }
            Err(e) => return Err(e),
        }
        let cmd = read_sfi(jpki::TOKEN_INFO, 0, 32)?;
        let response = self.exchange(&cmd).await?;
        if !matches!(
            response.sw,
            StatusWord::Success | StatusWord::EndOfFileReached
        ) {
            return Err(CardError::NotMyNumberCard {
                reason: format!("reading the JPKI token label answered {}", response.sw),
            });
        }
        self.token = parse_token_label(&response.data)?;
        Ok(())
    }

    /// The token label and kind.
    pub fn token(&self) -> &TokenInfo {
        &self.token
    }

    /// The ATR seen by [`connect`](Self::connect) or [`reset`](Self::reset) (information only).
    pub fn atr(&self) -> Option<&[u8]> {
        self.atr.as_deref()
    }

    /// The exchanges since the last [`take_trace`](Self::take_trace).
    pub fn trace(&self) -> &[TraceEntry] {
        self.channel.entries()
    }

    /// Returns the exchanges recorded so far and starts a new trace.
    pub fn take_trace(&mut self) -> Vec<TraceEntry> {
        self.channel.take()
    }

    /// The underlying channel.
    pub fn channel(&self) -> &C {
        self.channel.inner()
    }

    /// The underlying channel, mutably (a test may use it to change the card).
    pub fn channel_mut(&mut self) -> &mut C {
        self.channel.inner_mut()
    }

    /// Ends the session and returns the channel.
    pub fn into_channel(self) -> C {
        self.channel.into_inner()
    }

    /// Resets the card: every verified PIN is forgotten and no application is selected.
    pub async fn reset(&mut self) -> Result<Vec<u8>, CardError> {
        self.selected = None;
        let atr = self.channel.reset().await?;
        self.atr = Some(atr.clone());
        Ok(atr)
    }

    /// One logical exchange (following `61xx`/`6Cxx`). A transport failure forgets the selection.
    pub(crate) async fn exchange(
        &mut self,
        command: &CommandApdu,
    ) -> Result<ResponseApdu, CardError> {
        match apdu::transmit(&mut self.channel, command).await {
            Ok(r) => Ok(r),
            Err(e) => {
                self.selected = None;
                Err(e.into())
            }
        }
    }

    /// Selects `app` unless it is already selected.
    pub(crate) async fn select(&mut self, app: Application) -> Result<(), CardError> {
        if self.selected == Some(app) {
            return Ok(());
        }
        self.selected = None;
        let cmd = builders::select_application(app.aid())
            .map_err(|_| CardError::InvalidRequest("application identifier too long"))?;
        let response = self.exchange(&cmd).await?;
        match response.sw {
            StatusWord::Success => {
                self.selected = Some(app);
                Ok(())
            }
            StatusWord::FileNotFound => Err(CardError::FileNotFound { what: app.name() }),
            sw => Err(CardError::UnexpectedStatus {
                operation: "SELECT application",
                sw,
            }),
        }
    }

    /// Reads a transparent EF that holds one BER-TLV object and returns exactly that object
    /// (filler trimmed), with the fewest APDUs and no SELECT (mynacard.md §11):
    ///
    /// ```text
    /// extended length: 00 B0 <80|SFI> 00 00 00 00                      1 APDU
    /// short only:      00 B0 <80|SFI> 00 00   (256 B; header gives len) then
    ///                  00 B0 <off hi> <off lo> <min(256, rest)> …       ⌈len/256⌉ APDUs in all
    /// ```
    pub(crate) async fn read_tlv_file(
        &mut self,
        file_id: u16,
        structure: &'static str,
        needs: Option<PinRef>,
    ) -> Result<Vec<u8>, CardError> {
        let caps = self.channel.capabilities();
        let chunk: u32 = if caps.extended_length {
            caps.max_response_data.clamp(1, 65_536) as u32
        } else {
            caps.max_response_data.clamp(1, 256) as u32
        };
        let first = read_sfi(file_id, 0, chunk)?;
        let mut data = self.read_data(&first, structure, needs).await?;
        let total = ber_total_len(&data).map_err(|e| CardError::tlv(structure, e))?;
        if total > 0x7FFF + chunk as usize {
            return Err(CardError::malformed(
                structure,
                format!("its header claims {total} bytes"),
            ));
        }
        while data.len() < total {
            let offset = u16::try_from(data.len())
                .ok()
                .filter(|o| *o <= 0x7FFF)
                .ok_or_else(|| CardError::malformed(structure, "it extends past offset 7FFF"))?;
            let want = (total - data.len()).min(chunk as usize) as u32;
            let cmd = builders::read_binary(offset, want)
                .map_err(|_| CardError::InvalidRequest("READ BINARY"))?;
            let more = self.read_data(&cmd, structure, needs).await?;
            if more.is_empty() {
                return Err(CardError::malformed(
                    structure,
                    format!(
                        "the file ends at {} bytes but its header says {total}",
                        data.len()
                    ),
                ));
            }
            data.extend_from_slice(&more);
        }
        data.truncate(total);
        Ok(data)
    }

    /// One READ BINARY; `6282` (end of file) is accepted with the bytes it brought.
    async fn read_data(
        &mut self,
        cmd: &CommandApdu,
        structure: &'static str,
        needs: Option<PinRef>,
    ) -> Result<Vec<u8>, CardError> {
        let response = self.exchange(cmd).await?;
        match response.sw {
            StatusWord::Success | StatusWord::EndOfFileReached => Ok(response.data),
            StatusWord::WrongOffset => Err(CardError::malformed(
                structure,
                "the file is shorter than its header says",
            )),
            sw => Err(status_error(structure, sw, needs)),
        }
    }

    /// Reads one of the four certificates, trimmed to its DER length (mynacard.md §3.1, §11).
    ///
    /// APDUs: 1 with extended length, ⌈len/256⌉ without, plus a SELECT of the JPKI AP when
    /// another AP was selected. The signature certificate needs the signature password first
    /// ([`CardError::PinRequired`] for `6982`), and so does the auth certificate on a phone
    /// token ([`TokenKind::auth_certificate_needs_pin`]).
    pub async fn read_certificate(&mut self, which: Certificate) -> Result<Vec<u8>, CardError> {
        self.select(Application::Jpki).await?;
        self.read_tlv_file(which.file_id(), which.structure(), which.needs())
            .await
    }

    /// The My Number, checked against the integrity record (mynacard.md §9.2): SHA-256 of the
    /// 17 physical bytes of text AP EF 0001 must equal DF31 of EF 0003. Needs the card-info PIN
    /// or 照合番号A verified. APDUs: SELECT text AP (if needed), 1 for EF 0001, 1 (extended) or
    /// 2 (short) for EF 0003.
    pub async fn read_my_number(&mut self) -> Result<MyNumber, CardError> {
        self.select(Application::Text).await?;
        const STRUCT: &str = "My Number (text AP EF 0001)";
        let le = if self.channel.capabilities().extended_length {
            65_536
        } else {
            256
        };
        let physical = self
            .read_data(
                &read_sfi(text::MY_NUMBER, 0, le)?,
                STRUCT,
                Some(PinRef::TextPin),
            )
            .await?;
        let my_number = data::parse_my_number(&physical)?;
        let record = self.read_integrity_record().await?;
        let digest: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&physical).into();
        if digest != record.my_number_digest {
            return Err(CardError::IntegrityMismatch {
                what: "SHA-256 of text AP EF 0001 differs from DF31 of EF 0003",
            });
        }
        Ok(my_number)
    }

    /// Text AP EF 0003 (mynacard.md §9.2).
    pub async fn read_integrity_record(&mut self) -> Result<data::IntegrityRecord, CardError> {
        self.select(Application::Text).await?;
        let file = self
            .read_tlv_file(
                text::INTEGRITY,
                "integrity record (text AP EF 0003)",
                Some(PinRef::TextPin),
            )
            .await?;
        data::parse_integrity_record(&file)
    }

    /// 基本4情報 (mynacard.md §9.1), long addresses included. Needs the card-info PIN or
    /// 照合番号B verified. APDUs: SELECT text AP (if needed) + 1 (extended) or ⌈len/256⌉.
    pub async fn read_basic4(&mut self) -> Result<Basic4, CardError> {
        self.select(Application::Text).await?;
        let file = self
            .read_tlv_file(
                text::BASIC4,
                "基本4情報 (text AP EF 0002)",
                Some(PinRef::TextPin),
            )
            .await?;
        data::parse_basic4(&file)
    }

    /// Checks 基本4情報 against DF32 of the integrity record (mynacard.md §9.2).
    pub async fn check_basic4_integrity(&mut self, basic4: &Basic4) -> Result<(), CardError> {
        let record = self.read_integrity_record().await?;
        if record.basic4_digest == basic4.content_digest {
            Ok(())
        } else {
            Err(CardError::IntegrityMismatch {
                what: "SHA-256 of text AP EF 0002 differs from DF32 of EF 0003",
            })
        }
    }

    /// The card face of the 券面AP (mynacard.md §9.3). Needs 照合番号A or B verified.
    pub async fn read_card_face(&mut self) -> Result<CardFace, CardError> {
        self.select(Application::Visual).await?;
        let file = self
            .read_tlv_file(
                visual::CARD_FACE,
                "card face (券面AP EF 0002)",
                Some(PinRef::VisualPinB),
            )
            .await?;
        data::parse_card_face(&file)
    }
}

/// READ BINARY by SFI (the low byte of the file id, mynacard.md preamble).
pub(crate) fn read_sfi(file_id: u16, offset: u8, le: u32) -> Result<CommandApdu, CardError> {
    builders::read_binary_sfi(file_id.to_be_bytes()[1], offset, le)
        .map_err(|_| CardError::InvalidRequest("READ BINARY by SFI"))
}

/// Maps a refusal to the error that says what happened.
pub(crate) fn status_error(
    operation: &'static str,
    sw: StatusWord,
    needs: Option<PinRef>,
) -> CardError {
    match (sw, needs) {
        (StatusWord::SecurityStatusNotSatisfied, Some(needs)) => {
            CardError::PinRequired { operation, needs }
        }
        (StatusWord::SecurityStatusNotSatisfied, None) => {
            CardError::SecurityStatusNotSatisfied { operation }
        }
        (StatusWord::FileNotFound, _) => CardError::FileNotFound { what: operation },
        (sw, _) => CardError::UnexpectedStatus { operation, sw },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_spaces_and_nuls_from_the_label() {
        let mut raw = b"JPKIAPICCTOKEN2".to_vec();
        raw.extend_from_slice(&[b' '; 10]);
        raw.extend_from_slice(&[0; 7]);
        raw.extend_from_slice(&[0x11; 128]);
        let info = parse_token_label(&raw).expect("a JPKI label");
        assert_eq!(
            info,
            TokenInfo {
                label: "JPKIAPICCTOKEN2".into(),
                kind: TokenKind::PhysicalCard
            }
        );
    }

    #[test]
    fn recognises_every_listed_label() {
        let kind = |l: &str| parse_token_label(l.as_bytes()).map(|i| i.kind);
        assert_eq!(kind("JPKIAPICCTOKEN"), Ok(TokenKind::PhysicalCard));
        assert_eq!(kind("JPKIAPGPSETOKEN\0\0\0"), Ok(TokenKind::AndroidPhone));
        assert_eq!(kind("JPKIAPIOSTOKEN   "), Ok(TokenKind::IPhone));
        assert_eq!(kind("JPKIAPFUTURETOKEN"), Ok(TokenKind::OtherJpki));
        assert!(TokenKind::AndroidPhone.auth_certificate_needs_pin());
        assert!(TokenKind::IPhone.auth_certificate_needs_pin());
        assert!(!TokenKind::PhysicalCard.auth_certificate_needs_pin());
    }

    #[test]
    fn refuses_a_non_jpki_label() {
        assert_eq!(
            parse_token_label(b"PIV TOKEN"),
            Err(CardError::NotMyNumberCard {
                reason: "the JPKI token label is \"PIV TOKEN\"".into()
            })
        );
    }
}
