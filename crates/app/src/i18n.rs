//! The message catalogue: every text the app shows, in every language, in one place.
//!
//! A text is a [`Text`] key; [`Text::get`] matches on the key for each [`Lang`], so a key that
//! lacks a language does not compile — the catalogue is complete by construction. Components hold
//! no string literals of their own.

/// A language the app speaks. Japanese first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 日本語 (default).
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The BCP 47 tag for `<html lang>` and `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language's own name, as shown on its switch button.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }

    /// The language for a BCP 47 tag such as `en-US`; `None` for languages the app does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Every text of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant's texts below are its documentation
pub enum Text {
    AppName,
    AppTagline,
    SkipToContent,
    LanguageSwitchLabel,
    ReaderPanelTitle,
    ReaderNoneConnected,
    ReaderWebUsbAvailable,
    ReaderWebUsbMissing,
    ReaderWhichWork,
    FooterNotice,
    DemoBadge,
    DemoExplanation,
    DemoPersonaLabel,
    PersonaStandard,
    PersonaAge39,
    PersonaAge40,
    PersonaLongAddress,
    PersonaRareKanji,
    PersonaAuthBlocked,
    PersonaAuthOneTry,
    PersonaChild,
    PersonaPhoneToken,
    PersonaExpiredAuth,
    CardPanelTitle,
    ReadCard,
    Reading,
    CardDetected,
    TokenTypeLabel,
    TokenPhysicalCard,
    TokenAndroidPhone,
    TokenIPhone,
    TokenOtherJpki,
    PinStatusTitle,
    PinAuthName,
    PinSignName,
    PinTextName,
    PinVerified,
    PinBlocked,
    PinNoCounter,
    PinUnreadable,
    CertTitle,
    CertSerial,
    CertValidFrom,
    CertValidUntil,
    CertIssuer,
    CertExpired,
    CertTestHierarchy,
    CertNeedsPinPhone,
    TechnicalDetails,
    TestAuthPin,
    PinDialogTitle,
    PinInputLabel,
    PinHintFourDigits,
    PinHintSignPassword,
    PinLastTryWarning,
    PinConfirmLastTry,
    PinSubmit,
    PinCancel,
    PinBlockedNoEntry,
    PinFormatFourDigits,
    PinFormatSignPassword,
    PinCorrect,
    PinAlreadyVerified,
    ErrCardRemoved,
    ErrReaderGone,
    ErrTimeout,
    ErrNotMyNumberCard,
    ErrCommunication,
    ErrBusy,
    ConnectReader,
    BackToDemo,
    ReaderConnecting,
    ReaderConnectedLabel,
    ReaderHowLabel,
    DriverRcs300,
    DriverRcs380,
    DriverCcid,
    AdviceAppOnly,
    AdviceUnsupported,
    AdviceProtectedClass,
    AdviceClaimFailed,
    AdvicePermissionsPolicy,
    AdviceNotChosen,
    AdviceDisconnected,
    AdviceReaderFailed,
    SetupHelpTitle,
    SetupHelpLinux,
    SetupHelpWindows,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja(),
            Lang::En => self.en(),
        }
    }

    fn ja(self) -> &'static str {
        match self {
            Text::AppName => "マイナンバーカード 手続きアシスタント",
            Text::AppTagline => "カードリーダーでマイナンバーカードを読み取り、手続きを進めます。",
            Text::SkipToContent => "本文へ移動",
            Text::LanguageSwitchLabel => "表示言語",
            Text::ReaderPanelTitle => "カードリーダー",
            Text::ReaderNoneConnected => "カードリーダーは接続されていません。",
            Text::ReaderWebUsbAvailable => "このブラウザーはUSBのカードリーダーを使えます(WebUSB)。",
            Text::ReaderWebUsbMissing => {
                "このブラウザーはUSBのカードリーダーを使えません。Google Chrome または Microsoft Edge でお試しください。"
            }
            Text::ReaderWhichWork => {
                "ウェブページから使えるリーダー: ソニー RC-S300(/S・/P)、ソニー RC-S380、NTTコミュニケーションズ SCR3310-NTTCom。"
            }
            Text::FooterNotice => {
                "入力した暗証番号は、このブラウザーの外に送られず、保存もされません。"
            }
            Text::DemoBadge => "デモ",
            Text::DemoExplanation => {
                "デモモードです。架空の人物の仮想カードを使っています。本物のカードは使いません。"
            }
            Text::DemoPersonaLabel => "デモ用のカード",
            Text::PersonaStandard => "40歳以上・一般的な住所",
            Text::PersonaAge39 => "39歳",
            Text::PersonaAge40 => "ちょうど40歳",
            Text::PersonaLongAddress => "長い住所",
            Text::PersonaRareKanji => "外字を含む氏名",
            Text::PersonaAuthBlocked => "利用者証明用の暗証番号がロック中",
            Text::PersonaAuthOneTry => "利用者証明用の暗証番号が残り1回",
            Text::PersonaChild => "15歳未満(署名用電子証明書なし)",
            Text::PersonaPhoneToken => "スマートフォンの電子証明書",
            Text::PersonaExpiredAuth => "利用者証明用電子証明書の期限切れ",
            Text::CardPanelTitle => "カード",
            Text::ReadCard => "カードを読み取る",
            Text::Reading => "読み取り中…",
            Text::CardDetected => "マイナンバーカードを確認しました。",
            Text::TokenTypeLabel => "種類",
            Text::TokenPhysicalCard => "マイナンバーカード",
            Text::TokenAndroidPhone => "スマートフォン(Android)の電子証明書",
            Text::TokenIPhone => "スマートフォン(iPhone)の電子証明書",
            Text::TokenOtherJpki => "その他の公的個人認証トークン",
            Text::PinStatusTitle => "暗証番号の残り回数",
            Text::PinAuthName => "利用者証明用電子証明書の暗証番号(数字4桁)",
            Text::PinSignName => "署名用電子証明書の暗証番号(英数字6〜16文字)",
            Text::PinTextName => "券面事項入力補助用の暗証番号(数字4桁)",
            Text::PinVerified => "確認済み(このカードを置いている間)",
            Text::PinBlocked => "ロック中(市区町村の窓口で再設定が必要です)",
            Text::PinNoCounter => "回数の制限なし",
            Text::PinUnreadable => "読み取れませんでした",
            Text::CertTitle => "利用者証明用電子証明書",
            Text::CertSerial => "シリアル番号",
            Text::CertValidFrom => "有効期間の開始",
            Text::CertValidUntil => "有効期限",
            Text::CertIssuer => "発行者",
            Text::CertExpired => {
                "この電子証明書は有効期限が切れています。お住まいの市区町村の窓口で更新してください。"
            }
            Text::CertTestHierarchy => "テスト用の認証局が発行した電子証明書です(本番では使えません)。",
            Text::CertNeedsPinPhone => {
                "スマートフォンの電子証明書は、利用者証明用の暗証番号を確認するまで読み取れません。"
            }
            Text::TechnicalDetails => "技術的な詳細(カードとのやり取りの記録)",
            Text::TestAuthPin => "利用者証明用の暗証番号を確かめる",
            Text::PinDialogTitle => "暗証番号の入力",
            Text::PinInputLabel => "暗証番号",
            Text::PinHintFourDigits => "数字4桁で入力してください。",
            Text::PinHintSignPassword => {
                "英大文字と数字で6〜16文字(英字と数字を両方含む)で入力してください。"
            }
            Text::PinLastTryWarning => {
                "残り1回です。間違えるとロックされ、市区町村の窓口での再設定が必要になります。"
            }
            Text::PinConfirmLastTry => "残り1回であることを理解したうえで送信します",
            Text::PinSubmit => "確認する",
            Text::PinCancel => "キャンセル",
            Text::PinBlockedNoEntry => {
                "この暗証番号はロックされているため、入力できません。市区町村の窓口で再設定してください。"
            }
            Text::PinFormatFourDigits => "暗証番号は数字4桁です。カードには送っていません。",
            Text::PinFormatSignPassword => {
                "署名用の暗証番号は英大文字と数字で6〜16文字(英字と数字を両方含む)です。カードには送っていません。"
            }
            Text::PinCorrect => "暗証番号は正しく確認されました。",
            Text::PinAlreadyVerified => "この暗証番号は確認済みです。カードには送っていません。",
            Text::ErrCardRemoved => {
                "カードが読み取れなくなりました。カードをリーダーに置き直して、もう一度お試しください。"
            }
            Text::ErrReaderGone => {
                "カードリーダーとの接続が切れました。リーダーを接続し直してから、もう一度お試しください。"
            }
            Text::ErrTimeout => {
                "カードから応答がありませんでした。カードを置き直して、もう一度お試しください。"
            }
            Text::ErrNotMyNumberCard => {
                "マイナンバーカードではないカードのようです。マイナンバーカードを置いてください。"
            }
            Text::ErrCommunication => {
                "カードとの通信に失敗しました。カードを置き直して、もう一度お試しください。"
            }
            Text::ErrBusy => "前の操作がまだ終わっていません。少し待ってからお試しください。",
            Text::ConnectReader => "カードリーダーを接続",
            Text::BackToDemo => "デモカードに戻る",
            Text::ReaderConnecting => "カードリーダーに接続しています…",
            Text::ReaderConnectedLabel => "接続中のカードリーダー",
            Text::ReaderHowLabel => "読み取り方",
            Text::DriverRcs300 => "非接触(NFC)。ソニーのベンダーインターフェース(インターフェース1)を使います。",
            Text::DriverRcs380 => "非接触(NFC)。NFC Port-100 の命令で読み取ります。",
            Text::DriverCcid => "接触型。カードを差し込んで読み取ります(CCID)。",
            Text::AdviceAppOnly => "このカードリーダーは標準のICカードリーダー(USBクラス 0x0B)です。Chrome はウェブページからこの種類のリーダーを使うことを許可していません。アプリ版を使うか、ソニー RC-S300・RC-S380 をお使いください。",
            Text::AdviceUnsupported => "この機器はこのページで使えるカードリーダーではありません。ソニー RC-S300・RC-S380、NTTコミュニケーションズ SCR3310-NTTCom をお使いください。",
            Text::AdviceProtectedClass => "Chrome がこのインターフェースの使用を拒否しました(標準のICカードリーダーのため)。アプリ版を使うか、ソニー RC-S300・RC-S380 をお使いください。",
            Text::AdviceClaimFailed => "ほかのプログラムがカードリーダーを使っています。ソニーの常駐ソフト(NFCポートソフトウェア)を終了するか、Linux では pcscd を停止してから、もう一度接続してください。Windows では WinUSB ドライバーの割り当てが必要です。",
            Text::AdvicePermissionsPolicy => "このページは埋め込み先の設定によりUSB機器を使えません。このページを単独のタブで開くか、埋め込み側で allow=\"usb\" を指定してください。",
            Text::AdviceNotChosen => "カードリーダーが選ばれませんでした。リーダーを接続して、一覧から選んでください。",
            Text::AdviceDisconnected => "カードリーダーが取り外されました。接続し直すと、自動的に使える状態に戻ります。",
            Text::AdviceReaderFailed => "カードリーダーを準備できませんでした。リーダーを接続し直して、もう一度お試しください。",
            Text::SetupHelpTitle => "カードリーダーを使えるようにするには",
            Text::SetupHelpLinux => "Linux: カードリーダーを一般ユーザーが使えるよう udev の規則を追加し(README の「Using a real card reader」を参照)、pcscd を停止してから、リーダーを差し直してください。RC-S380 では port100 カーネルモジュールを外してください。",
            Text::SetupHelpWindows => "Windows: Chrome は WinUSB ドライバーが割り当てられたUSB機器だけを開けます。ドライバー設定ツール(Zadig など)で、リーダーのインターフェース(RC-S300 はインターフェース1、RC-S380 はインターフェース0)に WinUSB を割り当て、ソニーの常駐ソフトを終了してください。",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Text::AppName => "My Number Card procedure assistant",
            Text::AppTagline => "Read your My Number Card with a card reader and complete procedures.",
            Text::SkipToContent => "Skip to main content",
            Text::LanguageSwitchLabel => "Language",
            Text::ReaderPanelTitle => "Card reader",
            Text::ReaderNoneConnected => "No card reader is connected.",
            Text::ReaderWebUsbAvailable => "This browser can use USB card readers (WebUSB).",
            Text::ReaderWebUsbMissing => {
                "This browser cannot use USB card readers. Please use Google Chrome or Microsoft Edge."
            }
            Text::ReaderWhichWork => {
                "Readers a web page can use: Sony RC-S300 (/S, /P), Sony RC-S380, NTT Communications SCR3310-NTTCom."
            }
            Text::FooterNotice => {
                "The PIN you type never leaves this browser and is never stored."
            }
            Text::DemoBadge => "Demo",
            Text::DemoExplanation => {
                "Demo mode: a virtual card of a fictional person is used. No real card is involved."
            }
            Text::DemoPersonaLabel => "Demo card",
            Text::PersonaStandard => "Over 40, ordinary address",
            Text::PersonaAge39 => "Aged 39",
            Text::PersonaAge40 => "Aged exactly 40",
            Text::PersonaLongAddress => "Long address",
            Text::PersonaRareKanji => "Name with rare kanji",
            Text::PersonaAuthBlocked => "User-authentication PIN blocked",
            Text::PersonaAuthOneTry => "User-authentication PIN: one try left",
            Text::PersonaChild => "Under 15 (no signature certificate)",
            Text::PersonaPhoneToken => "Smartphone certificate",
            Text::PersonaExpiredAuth => "User-authentication certificate expired",
            Text::CardPanelTitle => "Card",
            Text::ReadCard => "Read the card",
            Text::Reading => "Reading…",
            Text::CardDetected => "My Number Card found.",
            Text::TokenTypeLabel => "Type",
            Text::TokenPhysicalCard => "My Number Card",
            Text::TokenAndroidPhone => "Smartphone certificate (Android)",
            Text::TokenIPhone => "Smartphone certificate (iPhone)",
            Text::TokenOtherJpki => "Other JPKI token",
            Text::PinStatusTitle => "PIN tries left",
            Text::PinAuthName => "User-authentication PIN (4 digits)",
            Text::PinSignName => "Signature password (6–16 letters and digits)",
            Text::PinTextName => "Card-information PIN (4 digits)",
            Text::PinVerified => "Verified (while the card stays on the reader)",
            Text::PinBlocked => "Blocked (must be reset at your municipal office)",
            Text::PinNoCounter => "No try limit",
            Text::PinUnreadable => "Could not be read",
            Text::CertTitle => "User-authentication certificate",
            Text::CertSerial => "Serial number",
            Text::CertValidFrom => "Valid from",
            Text::CertValidUntil => "Valid until",
            Text::CertIssuer => "Issuer",
            Text::CertExpired => {
                "This certificate has expired. Renew it at your municipal office."
            }
            Text::CertTestHierarchy => "Issued by a test certification authority (not valid for real use).",
            Text::CertNeedsPinPhone => {
                "A smartphone certificate can be read only after its user-authentication PIN is checked."
            }
            Text::TechnicalDetails => "Technical details (exchanges with the card)",
            Text::TestAuthPin => "Check the user-authentication PIN",
            Text::PinDialogTitle => "Enter your PIN",
            Text::PinInputLabel => "PIN",
            Text::PinHintFourDigits => "Enter 4 digits.",
            Text::PinHintSignPassword => {
                "Enter 6–16 capital letters and digits (at least one of each)."
            }
            Text::PinLastTryWarning => {
                "One try left. A wrong entry blocks the PIN, and only your municipal office can reset it."
            }
            Text::PinConfirmLastTry => "I understand this is the last try; send it",
            Text::PinSubmit => "Check",
            Text::PinCancel => "Cancel",
            Text::PinBlockedNoEntry => {
                "This PIN is blocked, so it cannot be entered. Have it reset at your municipal office."
            }
            Text::PinFormatFourDigits => "The PIN is 4 digits. Nothing was sent to the card.",
            Text::PinFormatSignPassword => {
                "The signature password is 6–16 capital letters and digits, with at least one of each. Nothing was sent to the card."
            }
            Text::PinCorrect => "The PIN is correct.",
            Text::PinAlreadyVerified => "This PIN is already verified. Nothing was sent to the card.",
            Text::ErrCardRemoved => {
                "The card can no longer be read. Place it on the reader again and retry."
            }
            Text::ErrReaderGone => {
                "The card reader was disconnected. Connect it again and retry."
            }
            Text::ErrTimeout => "The card did not answer. Place it on the reader again and retry.",
            Text::ErrNotMyNumberCard => {
                "This does not seem to be a My Number Card. Please place your My Number Card."
            }
            Text::ErrCommunication => {
                "Communication with the card failed. Place it on the reader again and retry."
            }
            Text::ErrBusy => "The previous operation has not finished yet. Please wait a moment.",
            Text::ConnectReader => "Connect a card reader",
            Text::BackToDemo => "Back to the demo card",
            Text::ReaderConnecting => "Connecting to the card reader…",
            Text::ReaderConnectedLabel => "Connected reader",
            Text::ReaderHowLabel => "How it reads",
            Text::DriverRcs300 => "Contactless (NFC), through Sony's vendor interface (interface 1).",
            Text::DriverRcs380 => "Contactless (NFC), with NFC Port-100 commands.",
            Text::DriverCcid => "Contact: insert the card (CCID).",
            Text::AdviceAppOnly => "This is a standard smart-card reader (USB class 0x0B). Chrome does not let web pages use such readers. Use the app version, or a Sony RC-S300 or RC-S380.",
            Text::AdviceUnsupported => "This device is not a card reader this page can use. Use a Sony RC-S300 or RC-S380, or an NTT Communications SCR3310-NTTCom.",
            Text::AdviceProtectedClass => "Chrome refused this interface (it is a standard smart-card interface). Use the app version, or a Sony RC-S300 or RC-S380.",
            Text::AdviceClaimFailed => "Another program is using the card reader. Quit Sony's resident software (NFC Port Software), or stop pcscd on Linux, then connect again. On Windows the reader must be bound to the WinUSB driver.",
            Text::AdvicePermissionsPolicy => "This page is embedded without permission to use USB devices. Open it in its own tab, or let the embedding page add allow=\"usb\".",
            Text::AdviceNotChosen => "No card reader was chosen. Plug the reader in and choose it from the list.",
            Text::AdviceDisconnected => "The card reader was unplugged. Plug it in again and it will be ready again automatically.",
            Text::AdviceReaderFailed => "The card reader could not be started. Plug it in again and retry.",
            Text::SetupHelpTitle => "Setting up a card reader",
            Text::SetupHelpLinux => "Linux: add a udev rule so your user may use the reader (see “Using a real card reader” in the README), stop pcscd, and plug the reader in again. For the RC-S380, unload the port100 kernel module.",
            Text::SetupHelpWindows => "Windows: Chrome opens only USB devices bound to the WinUSB driver. With a driver tool such as Zadig, bind WinUSB to the reader's interface (interface 1 on the RC-S300, interface 0 on the RC-S380), and quit Sony's resident software.",
        }
    }
}

/// "n tries left" for a PIN.
pub fn tries_left(lang: Lang, n: u8) -> String {
    match lang {
        Lang::Ja => format!("残り{n}回"),
        Lang::En if n == 1 => "1 try left".to_string(),
        Lang::En => format!("{n} tries left"),
    }
}

/// "The PIN was wrong; n tries left."
pub fn wrong_pin(lang: Lang, tries_left: u8) -> String {
    match (lang, tries_left) {
        (Lang::Ja, 0) => "暗証番号が違います。暗証番号はロックされました。市区町村の窓口で再設定してください。".to_string(),
        (Lang::Ja, n) => format!("暗証番号が違います。残り{n}回です。"),
        (Lang::En, 0) => "Wrong PIN. The PIN is now blocked; have it reset at your municipal office.".to_string(),
        (Lang::En, 1) => "Wrong PIN. 1 try left.".to_string(),
        (Lang::En, n) => format!("Wrong PIN. {n} tries left."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_is_the_default_language() {
        assert_eq!(Lang::default(), Lang::Ja);
        assert_eq!(Lang::default().tag(), "ja");
    }

    #[test]
    fn browser_language_tags_map_to_app_languages() {
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("ja"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("JA_jp"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn counts_are_worded_per_language() {
        assert_eq!(tries_left(Lang::Ja, 3), "残り3回");
        assert_eq!(tries_left(Lang::En, 1), "1 try left");
        assert_eq!(tries_left(Lang::En, 2), "2 tries left");
        assert_eq!(wrong_pin(Lang::Ja, 2), "暗証番号が違います。残り2回です。");
        assert_eq!(wrong_pin(Lang::En, 0), "Wrong PIN. The PIN is now blocked; have it reset at your municipal office.");
    }

    #[test]
    fn texts_differ_between_languages() {
        assert_eq!(Text::ReaderPanelTitle.get(Lang::Ja), "カードリーダー");
        assert_eq!(Text::ReaderPanelTitle.get(Lang::En), "Card reader");
    }
}
