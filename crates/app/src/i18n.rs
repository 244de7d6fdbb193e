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
        }
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
    fn texts_differ_between_languages() {
        assert_eq!(Text::ReaderPanelTitle.get(Lang::Ja), "カードリーダー");
        assert_eq!(Text::ReaderPanelTitle.get(Lang::En), "Card reader");
    }
}
