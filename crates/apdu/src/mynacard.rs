//! Application identifiers and file identifiers of the My Number card, shared by the card logic
//! and the virtual card so both name the same bytes.
//!
//! Every EF id is `00 01`..`00 1E` and its SFI is the low byte (mynacard.md preamble).

/// Application identifiers (mynacard.md §2). Always send all 10 bytes: SELECT by DF name may
/// match a prefix.
///
/// ```text
/// | AP                                   | AID                            |
/// |--------------------------------------|--------------------------------|
/// | JPKI AP 公的個人認証AP               | D3 92 F0 00 26 01 00 00 00 01  |
/// | 券面事項入力補助AP (text AP)         | D3 92 10 00 31 00 01 01 04 08  |
/// | 券面事項確認AP / 券面AP (visual AP)  | D3 92 10 00 31 00 01 01 04 02  |
/// | 住基AP                               | D3 92 10 00 31 00 01 01 04 01  |
/// | 共通カードAP                         | D3 92 10 00 31 00 01 01 01 00  |
/// | GlobalPlatform ISD                   | A0 00 00 01 51 00 00           |
/// ```
pub mod aid {
    /// 公的個人認証AP.
    pub const JPKI: [u8; 10] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
    /// 券面事項入力補助AP (the "text AP").
    pub const TEXT: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
    /// 券面事項確認AP (the "visual AP", 券面AP).
    pub const VISUAL: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];
    /// 住基AP.
    pub const JUKI: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01];
    /// 共通カードAP.
    pub const COMMON: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00];
    /// GlobalPlatform Issuer Security Domain (selecting it returns to the power-on state).
    pub const ISD: [u8; 7] = [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00];
}

/// JPKI AP files (mynacard.md §3.1).
pub mod jpki {
    /// 署名用電子証明書 (needs the signature password).
    pub const SIGN_CERT: u16 = 0x0001;
    /// 署名用CA証明書.
    pub const SIGN_CA_CERT: u16 = 0x0002;
    /// Token information (`CK_TOKEN_INFO`, label in bytes 0–31).
    pub const TOKEN_INFO: u16 = 0x0006;
    /// Which certificates exist (`8F 8F 00` = both).
    pub const CERT_PRESENCE: u16 = 0x0008;
    /// 利用者証明用電子証明書 (free on a physical card; auth PIN first on phone tokens).
    pub const AUTH_CERT: u16 = 0x000A;
    /// 利用者証明用CA証明書.
    pub const AUTH_CA_CERT: u16 = 0x000B;
    /// 利用者証明用秘密鍵.
    pub const AUTH_KEY: u16 = 0x0017;
    /// 利用者証明用 PIN (4 digits, 3 tries).
    pub const AUTH_PIN: u16 = 0x0018;
    /// 署名用秘密鍵.
    pub const SIGN_KEY: u16 = 0x001A;
    /// 署名用パスワード (6–16 of A–Z 0–9, 5 tries).
    pub const SIGN_PIN: u16 = 0x001B;
}

/// 券面事項入力補助AP files (mynacard.md §3.2).
pub mod text {
    /// 個人番号: `FF 10 0C` + 12 ASCII digits + 2 bytes `FF` (17 bytes).
    pub const MY_NUMBER: u16 = 0x0001;
    /// 基本4情報 (§9.1).
    pub const BASIC4: u16 = 0x0002;
    /// Integrity record (§9.2).
    pub const INTEGRITY: u16 = 0x0003;
    /// Card-verifiable certificate of the issuer key.
    pub const CV_CERT: u16 = 0x0004;
    /// AP basic info.
    pub const BASIC_INFO: u16 = 0x0005;
    /// 券面事項入力補助用暗証番号 (4 digits, 3 tries).
    pub const PIN: u16 = 0x0011;
    /// 照合番号A (12 digits).
    pub const PIN_A: u16 = 0x0014;
    /// 照合番号B (14 digits).
    pub const PIN_B: u16 = 0x0015;
}

/// 券面AP files (mynacard.md §3.3).
pub mod visual {
    /// Card face (§9.3), opened by A or B.
    pub const CARD_FACE: u16 = 0x0002;
    /// AP basic info.
    pub const BASIC_INFO: u16 = 0x0003;
    /// Card-verifiable certificate of the issuer key.
    pub const CV_CERT: u16 = 0x0004;
    /// My Number as an image (A only).
    pub const MY_NUMBER_IMAGE: u16 = 0x0005;
    /// Birth-date key (6 digits).
    pub const BIRTH_DATE_KEY: u16 = 0x0011;
    /// 照合番号B.
    pub const PIN_B: u16 = 0x0012;
    /// 照合番号A.
    pub const PIN_A: u16 = 0x0013;
}
