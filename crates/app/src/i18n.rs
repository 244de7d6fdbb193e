//! The message catalogue: every text the app shows, in every language, in one place.
//!
//! A text is a [`Text`] key; [`Text::get`] matches on the key for each [`Lang`], so a key that
//! lacks a language does not compile — the catalogue is complete by construction. Components hold
//! no string literals of their own.
//!
//! Three languages (flows.md §7.2): 日本語 (default), English, and やさしい日本語, whose entries
//! carry furigana as `{漢字|かんじ}` markup ([`ruby`]); [`Text::view`] renders it as `<ruby>`, and
//! [`Text::get`] gives the plain text for attributes. The tests check that every key has a
//! non-empty text in each language and that no kanji of the Easy Japanese texts lacks a reading.

pub mod account;
pub mod ruby;
pub mod widget;
pub mod overseas;
pub mod phone;
pub mod widget_report;

/// Declares a catalogue enum, its [`Catalogue`] impl and the list of all its keys, from one table
/// of `Key => [ja, en, easy]` (a key missing a language does not compile).
macro_rules! catalogue {
    ($(#[$meta:meta])* $name:ident { $($key:ident => [$ja:expr, $en:expr, $easy:expr $(,)?]),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)] // each key's texts are its documentation
        pub enum $name { $($key),* }

        impl $name {
            /// Every key, once (for the completeness test).
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            /// The text in `lang` (see [`Catalogue::get`]).
            pub fn get(self, lang: Lang) -> &'static str {
                Catalogue::get(self, lang)
            }

            /// The text as HTML (see [`Catalogue::view`]).
            pub fn view(self, lang: Lang) -> yew::Html {
                Catalogue::view(self, lang)
            }
        }

        impl Catalogue for $name {
            fn text_ja(self) -> &'static str {
                match self { $($name::$key => $ja),* }
            }
            fn text_en(self) -> &'static str {
                match self { $($name::$key => $en),* }
            }
            fn text_easy(self) -> &'static str {
                match self { $($name::$key => $easy),* }
            }
        }
    };
}
pub(crate) use catalogue;

/// A language the app speaks. Japanese first (flows.md §7.2: `ja` default, `en`, `ja-easy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 日本語 (default).
    #[default]
    Ja,
    /// English.
    En,
    /// やさしい日本語 (Easy Japanese): short sentences, furigana on every kanji.
    EasyJa,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Ja, Lang::En, Lang::EasyJa];

    /// The BCP 47 tag for `<html lang>` and `lang` attributes (Easy Japanese is Japanese).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja | Lang::EasyJa => "ja",
            Lang::En => "en",
        }
    }

    /// The locale id of flows.md §7.2 (`ja`, `en`, `ja-easy`), e.g. for a widget's `lang=`.
    pub fn id(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
            Lang::EasyJa => "ja-easy",
        }
    }

    /// The language's own name, as shown on its switch button.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
            Lang::EasyJa => "やさしい にほんご",
        }
    }

    /// The language for a BCP 47 tag such as `en-US`, or the locale id `ja-easy`; `None` for
    /// languages the app does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        if tag.eq_ignore_ascii_case("ja-easy") {
            return Some(Lang::EasyJa);
        }
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
    PersonaFaceOnly,
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
    CertVerdictValid,
    CertVerdictTestValid,
    CertVerdictInvalid,
    CertRevocationNotChecked,
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
    NavLabel,
    NavHome,
    NavCardStatus,
    NavInsurance,
    NavRehearsal,
    NavDocument,
    NavAccount,
    HomeAccountDesc,
    NavOverseas,
    NavPhone,
    HomeOverseasDesc,
    HomePhoneDesc,
    HomeTitle,
    HomeIntro,
    HomeCardStatusDesc,
    HomeInsuranceDesc,
    HomeRehearsalDesc,
    HomeDocumentDesc,
    StepsLabel,
    Next,
    Restart,
    Print,
    Yes,
    No,
    DontKnow,
    NothingLeavesBrowser,
    InsTitle,
    InsIntro,
    InsStepBefore,
    InsStepCheck,
    InsStepChannel,
    InsStepDone,
    InsChecklistTitle,
    InsChecklistCard,
    InsChecklistPin,
    InsChecklistReader,
    InsNoPinToRead,
    InsCheckCard,
    InsResultTitle,
    InsRenewalOpen,
    InsNoProblems,
    InsPinTestTitle,
    InsPinTestExplain,
    InsPinTestButton,
    InsPinTestConfirm,
    InsPinTestCancel,
    InsProblemsTitle,
    InsProblemsFixFirst,
    InsChannelsTitle,
    InsChannelMynaportal,
    InsChannelClinic,
    InsChannelAtm,
    InsChoose,
    InsChooseFirst,
    InsDoneMynaportal,
    InsOpenMynaportal,
    InsDoneClinic,
    InsDoneAtm,
    InsDoneReminder,
    RehTitle,
    RehIntro,
    RehStepCard,
    RehStepIdentity,
    RehStepConsent,
    RehStepHighCost,
    RehStepDone,
    RehPracticeSwitch,
    RehPlaceCard,
    RehContinueWithoutCard,
    RehIdentityTitle,
    RehFace,
    RehFaceExplain,
    RehPinChoice,
    RehPinTitle,
    RehPinCardWarning,
    RehEnterPin,
    RehPracticePinLabel,
    RehPracticePinNote,
    RehTreatmentTitle,
    RehConsentNote,
    RehAgree,
    RehDisagree,
    RehAgeTitle,
    RehAgeExplain,
    RehAgeFromCard,
    RehAgeReadsOnlyFourItems,
    RehBirthLabel,
    RehBirthHint,
    RehBirthUse,
    RehBirthInvalid,
    RehBirthAfterVisit,
    RehCheckupMetabolic,
    RehCheckupElderly,
    RehHighCostTitle,
    RehHighCostInfo,
    RehHighCostNote,
    RehSeedStyleSwitch,
    RehSeedStyleQuestion,
    RehProvide,
    RehNotProvide,
    RehDoneTitle,
    RehDoneReminder,
    RehSummaryTitle,
    RehSummaryMode,
    RehModePractice,
    RehModeCard,
    RehSummaryTreatment,
    RehSummaryAge,
    RehSummaryCheckup,
    RehSummaryHighCost,
    RehNotAsked,
    RehAgreed,
    RehDeclined,
    RehProvided,
    RehNotProvided,
    DocTitle,
    DocIntro,
    DocHasCard,
    DocRegistered,
    DocCertValid,
    DocLost,
    DocLateElderly,
    DocOldCard,
    DocCheckWithCard,
    DocAnswerTitle,
    DocShowMyna,
    DocApply,
    DocArrivesNoCard,
    DocArrivesNotRegistered,
    DocArrivesExpired,
    DocLateElderlyArrives,
    DocOldCardUsable,
    DocFindOut,
    DocInsurerContact,
    DocFreeDial,
    SitPinLocked,
    SitPinLockedKiosk,
    SitWrongKindFour,
    SitWrongKindPassword,
    SitUpperCased,
    SitCardNotDetected,
    SitReaderNotFound,
    SitExtensionDisabled,
    SitCertExpired,
    SitSignLapsed,
    SitNoPinCard,
    SitNoSignCert,
    SitInsuranceNotConfirmed,
    SitSharedComputer,
    SitServerBusy,
    PinNotSet,
}

/// A catalogue of texts: one key enum per part of the app (this module's [`Text`] for the shell
/// and the first pages; `i18n/<page>.rs` for later pages), each with a text in every language.
///
/// An implementation is a `match` per language over its keys, so a key that lacks a language does
/// not compile. [`Catalogue::get`] and [`Catalogue::view`] work the same for every catalogue;
/// `check_catalogue` (tests) checks that every key has three non-empty texts and that every
/// kanji of the やさしい日本語 text has furigana.
pub trait Catalogue: Copy + core::fmt::Debug + 'static {
    /// The Japanese text.
    fn text_ja(self) -> &'static str;
    /// The English text.
    fn text_en(self) -> &'static str;
    /// The やさしい日本語 text, with `{漢字|かんじ}` furigana markup.
    fn text_easy(self) -> &'static str;

    /// The text in `lang`; for やさしい日本語 without furigana (for attributes and other places
    /// that cannot hold ruby).
    fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.text_ja(),
            Lang::En => self.text_en(),
            Lang::EasyJa => easy_plain(self.text_easy()),
        }
    }

    /// The text as HTML: plain text, or for やさしい日本語 each kanji word in `<ruby>` with its
    /// reading in `<rt>`.
    fn view(self, lang: Lang) -> yew::Html {
        match lang {
            Lang::EasyJa => with_ruby(self.text_easy()),
            _ => yew::Html::from(self.get(lang)),
        }
    }
}

impl Catalogue for Text {
    fn text_ja(self) -> &'static str {
        self.ja()
    }
    fn text_en(self) -> &'static str {
        self.en()
    }
    fn text_easy(self) -> &'static str {
        self.easy()
    }
}

/// The やさしい日本語 text without readings, computed once per catalogue text (the catalogues
/// are finite, so the cache is bounded by the number of keys).
fn easy_plain(markup: &'static str) -> &'static str {
    if !markup.contains('{') {
        return markup;
    }
    PLAIN_EASY.with(|cache| {
        *cache
            .borrow_mut()
            .entry((markup.as_ptr() as usize, markup.len()))
            .or_insert_with(|| Box::leak(ruby::plain(markup).into_boxed_str()))
    })
}

impl Text {
    /// The text in `lang` (see [`Catalogue::get`]).
    pub fn get(self, lang: Lang) -> &'static str {
        Catalogue::get(self, lang)
    }

    /// The text as HTML (see [`Catalogue::view`]).
    pub fn view(self, lang: Lang) -> yew::Html {
        Catalogue::view(self, lang)
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
                "デモモードです。架空の人物の仮想カードを使っています。本物のカードは使いません。暗証番号はどれも 1234、署名用電子証明書の暗証番号は ABC123 です。"
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
            Text::PersonaFaceOnly => "顔認証のみのカード(暗証番号なし)",
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
            Text::PinNoCounter => "設定されていません(顔認証のみのカード)",
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
            Text::CertVerdictValid => "電子証明書は有効です。公的個人認証サービスの認証局まで確認しました。",
            Text::CertVerdictTestValid => "電子証明書はデモ用の認証局まで確認できました(デモモード)。",
            Text::CertVerdictInvalid => "この電子証明書は確認できませんでした。詳しくは技術的な詳細をご覧ください。",
            Text::CertRevocationNotChecked => "失効しているかどうかは確認していません(ブラウザーからは確認できません)。",
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
            Text::NavLabel => "ページの一覧",
            Text::NavHome => "ホーム",
            Text::NavCardStatus => "カードと暗証番号の状態",
            Text::NavInsurance => "マイナ保険証の利用登録",
            Text::NavRehearsal => "医療機関の受付の練習",
            Text::NavDocument => "どの書類を見せる?",
            Text::NavAccount => "公金受取口座",
            Text::HomeAccountDesc => {
                "給付金などを受け取る口座をマイナポータルで登録・変更する前に、入力する内容を準備して確かめます。登録した口座が今も使えるかも確かめられます。"
            }
            Text::NavOverseas => "海外に住む方のカード",
            Text::NavPhone => "スマホの電子証明書",
            Text::HomeOverseasDesc => "海外に引っ越すとき・海外に住んでいるときのカードの手続きを、質問に答えて確かめます。申請書の下書きも作れます。",
            Text::HomePhoneDesc => "スマートフォンを売る・修理に出す・なくしたときに、スマホ用電子証明書をどうするかを確かめます。",
            Text::HomeTitle => "手続きを選ぶ",
            Text::HomeIntro => "カードの状態を確かめたり、手続きの前に準備や練習をしたりできます。",
            Text::HomeCardStatusDesc => "カードの種類、暗証番号の残り回数、電子証明書の有効期限を確かめます。",
            Text::HomeInsuranceDesc => "マイナンバーカードを健康保険証として使う登録の前に、カードに問題がないか確かめます。",
            Text::HomeRehearsalDesc => "医療機関や薬局の受付でカードリーダーに聞かれることを、前もって練習します。",
            Text::HomeDocumentDesc => "受診のときにマイナ保険証と資格確認書のどちらを見せるかを確かめます。",
            Text::StepsLabel => "手順",
            Text::Next => "次へ",
            Text::Restart => "最初からやり直す",
            Text::Print => "印刷する",
            Text::Yes => "はい",
            Text::No => "いいえ",
            Text::DontKnow => "わからない",
            Text::NothingLeavesBrowser => "ここで選んだことや入力したことは、このブラウザーの外に送られず、保存もされません。",
            Text::InsTitle => "マイナ保険証の利用登録 事前チェック",
            Text::InsIntro => "このアプリから利用登録そのものはできません。カードに問題がないか確かめてから、公式の申し込み方法をご案内します。",
            Text::InsStepBefore => "はじめに",
            Text::InsStepCheck => "カードの確認",
            Text::InsStepChannel => "申し込み方法",
            Text::InsStepDone => "次にすること",
            Text::InsChecklistTitle => "用意するもの",
            Text::InsChecklistCard => "マイナンバーカード",
            Text::InsChecklistPin => "利用者証明用の暗証番号(数字4桁)",
            Text::InsChecklistReader => "カードリーダー(またはデモ)",
            Text::InsNoPinToRead => "カードの確認では暗証番号を使いません。",
            Text::InsCheckCard => "カードを確認する",
            Text::InsResultTitle => "カードの確認結果",
            Text::InsRenewalOpen => "有効期限の3か月前から更新できます。今は更新できる期間です。",
            Text::InsNoProblems => "登録の妨げになる問題は見つかりませんでした。",
            Text::InsPinTestTitle => "暗証番号を試す(任意)",
            Text::InsPinTestExplain => "カードに本当に暗証番号を送って確かめます。間違えると残り回数が1回減ります。",
            Text::InsPinTestButton => "暗証番号を試す",
            Text::InsPinTestConfirm => "残り回数を確認しました。入力に進む",
            Text::InsPinTestCancel => "試さない",
            Text::InsProblemsTitle => "このままでは登録できません",
            Text::InsProblemsFixFirst => "上の問題を解決してから、もう一度カードを確認してください。",
            Text::InsChannelsTitle => "申し込み方法を選んでください",
            Text::InsChannelMynaportal => "マイナポータル(パソコン・スマートフォン)",
            Text::InsChannelClinic => "医療機関・薬局の顔認証付きカードリーダー",
            Text::InsChannelAtm => "セブン銀行ATM",
            Text::InsChoose => "この方法で進む",
            Text::InsChooseFirst => "申し込み方法を1つ選んでください。",
            Text::InsDoneMynaportal => "マイナポータルにログインし、「マイナンバーカードの健康保険証利用申込」から申し込んでください。利用者証明用の暗証番号を使います。",
            Text::InsOpenMynaportal => "マイナポータルを開く(新しいタブ)",
            Text::InsDoneClinic => {
                "受付の顔認証付きカードリーダーにカードを置き、画面の案内に従って登録してください。持ち物はマイナンバーカードです。本人確認は顔認証か暗証番号です。"
            }
            Text::InsDoneAtm => "セブン銀行ATMにカードを入れ、画面の案内に従って健康保険証利用の申し込みをしてください。利用者証明用の暗証番号を使います。",
            Text::InsDoneReminder => {
                "登録は1回だけです。登録の後は、保険者から届く「資格情報のお知らせ」も受け取って保管してください。転職などで保険者が変わったときは、新しい保険者での手続きも必要です。"
            }
            Text::RehTitle => "医療機関の受付の練習",
            Text::RehIntro => "医療機関や薬局のカードリーダーで聞かれることを練習します。本当の受付や資格確認は行いません。",
            Text::RehStepCard => "カード",
            Text::RehStepIdentity => "本人確認",
            Text::RehStepConsent => "同意",
            Text::RehStepHighCost => "限度額",
            Text::RehStepDone => "受付完了",
            Text::RehPracticeSwitch => "カードを使わずに練習する",
            Text::RehPlaceCard => "カードをカードリーダーに置いてください。",
            Text::RehContinueWithoutCard => "カードなしで進む",
            Text::RehIdentityTitle => "本人確認の方法を選んでください",
            Text::RehFace => "顔認証",
            Text::RehFaceExplain => "顔認証は医療機関のカードリーダーでのみ使えます。ここでは4桁の暗証番号で練習できます。",
            Text::RehPinChoice => "暗証番号(数字4桁)",
            Text::RehPinTitle => "暗証番号を入力してください",
            Text::RehPinCardWarning => "本物のカードで確かめます。間違えると残り回数が減ります(ほかのサービスと共通の回数です)。",
            Text::RehEnterPin => "暗証番号を入力する",
            Text::RehPracticePinLabel => "練習用の暗証番号(数字4桁)",
            Text::RehPracticePinNote => "練習なので、入力した数字は確かめずにすぐ消します。本当の暗証番号は入れないでください。",
            Text::RehTreatmentTitle => "過去の診療・お薬の情報を医師や薬剤師と共有することに同意しますか",
            Text::RehConsentNote => "同意すると、その医療機関は24時間、情報を見ることができます。次の受診のときにまた聞かれます。",
            Text::RehAgree => "同意する",
            Text::RehDisagree => "同意しない",
            Text::RehAgeTitle => "年齢の確認",
            Text::RehAgeExplain => "40歳以上の方には健診結果の質問があります。生年月日をカードから読むか、入力してください。",
            Text::RehAgeFromCard => "カードから生年月日を読む(券面事項入力補助用の暗証番号)",
            Text::RehAgeReadsOnlyFourItems => "読むのは基本4情報(氏名・住所・生年月日・性別)のファイルだけで、使うのは生年月日だけです。マイナンバー(個人番号)は読みません。",
            Text::RehBirthLabel => "生年月日",
            Text::RehBirthHint => "西暦で 年-月-日(例: 1980-04-01)",
            Text::RehBirthUse => "この生年月日を使う",
            Text::RehBirthInvalid => "生年月日を 年-月-日 の形で、実在する日付で入力してください。",
            Text::RehBirthAfterVisit => "生年月日が今日より後になっています。",
            Text::RehCheckupMetabolic => "特定健診の結果を医師などと共有することに同意しますか(40〜74歳の方)",
            Text::RehCheckupElderly => "後期高齢者健診の結果を医師などと共有することに同意しますか(75歳以上の方)",
            Text::RehHighCostTitle => "限度額情報について",
            Text::RehHighCostInfo => "高額療養費制度の限度額情報が医療機関に伝わるので、窓口で限度額を超える支払いは不要になります。",
            Text::RehHighCostNote => "今のカードリーダーでは、この質問は表示されません(2024年10月7日から)。",
            Text::RehSeedStyleSwitch => "以前の画面の質問も表示する(古い案内を見た方向け)",
            Text::RehSeedStyleQuestion => "限度額情報を提供しますか",
            Text::RehProvide => "提供する",
            Text::RehNotProvide => "提供しない",
            Text::RehDoneTitle => "受付完了。カードをお取りください",
            Text::RehDoneReminder => "カードをカードリーダーに置き忘れないでください。",
            Text::RehSummaryTitle => "あなたが選んだこと",
            Text::RehSummaryMode => "練習の方法",
            Text::RehModePractice => "カードを使わずに練習",
            Text::RehModeCard => "カードと暗証番号で練習",
            Text::RehSummaryTreatment => "診療・お薬の情報",
            Text::RehSummaryAge => "受診日の年齢",
            Text::RehSummaryCheckup => "健診結果",
            Text::RehSummaryHighCost => "限度額情報(以前の画面)",
            Text::RehNotAsked => "聞かれません(40歳未満)",
            Text::RehAgreed => "同意した",
            Text::RehDeclined => "同意しなかった",
            Text::RehProvided => "提供する",
            Text::RehNotProvided => "提供しない",
            Text::DocTitle => "受診のとき、どの書類を見せる?",
            Text::DocIntro => "質問に答えると、医療機関の窓口で見せるものがわかります。",
            Text::DocHasCard => "マイナンバーカードを持っていますか",
            Text::DocRegistered => "カードを健康保険証として使う登録をしましたか",
            Text::DocCertValid => "利用者証明用電子証明書の有効期限は切れていませんか(有効ですか)",
            Text::DocLost => "カードをなくしましたか、または更新中ですか",
            Text::DocLateElderly => "後期高齢者医療制度に加入していますか",
            Text::DocOldCard => "以前の健康保険証を持っていますか",
            Text::DocCheckWithCard => "わからないときは、カードを読んで確かめられます",
            Text::DocAnswerTitle => "答え",
            Text::DocShowMyna => {
                "マイナ保険証(健康保険証として登録したマイナンバーカード)を見せてください。「資格情報のお知らせ」も一緒に保管しておくと、読み取りがうまくいかないときに使えます。"
            }
            Text::DocApply => "加入している保険者に「資格確認書」を申請してください(申請が必要です)。",
            Text::DocArrivesNoCard => "マイナンバーカードがない方には、保険者から「資格確認書」が届きます(申請は不要です)。届いていなければ保険者に連絡してください。",
            Text::DocArrivesNotRegistered => "保険証として登録していない方には、保険者から「資格確認書」が届きます(申請は不要です)。届いていなければ保険者に連絡してください。",
            Text::DocArrivesExpired => "電子証明書の有効期限が切れている方には、保険者から「資格確認書」が届きます(申請は不要です)。電子証明書は市区町村で更新できます。",
            Text::DocLateElderlyArrives => "後期高齢者医療制度の方には、2026年7月31日までは「資格確認書」が届きます。",
            Text::DocOldCardUsable => "以前の健康保険証も、その有効期限まで(最長2025年12月1日まで)使えます。",
            Text::DocFindOut => "まず、保険証としての登録と電子証明書の有効期限を確かめてください。カードを読めば、暗証番号なしで有効期限がわかります。",
            Text::DocInsurerContact => "保険者の連絡先は、資格確認書や「資格情報のお知らせ」、勤め先で確かめられます。",
            Text::DocFreeDial => "医療機関でカードが使えなかったときの相談: マイナンバー総合フリーダイヤル",
            Text::SitPinLocked => "ロックされています。お住まいの市区町村の窓口で再設定してください(顔写真付きの本人確認書類が必要です)。",
            Text::SitPinLockedKiosk => "署名用の暗証番号は、コンビニのキオスク端末でも再設定できます。",
            Text::SitWrongKindFour => "ここでは数字4桁の暗証番号です。カードには送っていないので、回数は減っていません。",
            Text::SitWrongKindPassword => "ここでは英大文字と数字6〜16文字のパスワードです。カードには送っていないので、回数は減っていません。",
            Text::SitUpperCased => "小文字は大文字にして送ります。",
            Text::SitCardNotDetected => "カードを読み取り機の上に平らに置いて、動かさないでください。カバーやケースは外してください。金属の机の上は避けてください。",
            Text::SitReaderNotFound => "カードリーダーが見つかりません。接続を確かめ、ブラウザーの許可を求める画面でリーダーを選んでください。",
            Text::SitExtensionDisabled => "ブラウザーの拡張機能が更新の後に無効になりました。ウイルスではありません。chrome://extensions で有効にしてください。",
            Text::SitCertExpired => "電子証明書の有効期限が切れています。市区町村で更新してください(満了の3か月前から更新できます)。",
            Text::SitSignLapsed => "引っ越しなどで署名用電子証明書は失効します。窓口で再発行してください。",
            Text::SitNoPinCard => "このカードは暗証番号がないため、パソコンでは使えません。医療機関の顔認証付きカードリーダーで使えます。",
            Text::SitNoSignCert => "このカードには署名用電子証明書がありません(15歳未満の方など)。保護者の方の手続きか、ほかの方法が必要です。",
            Text::SitInsuranceNotConfirmed => {
                "転職などの直後は、資格がまだ反映されていないことがあります(数日〜2週間)。「資格情報のお知らせ」か資格確認書を見せてください。確認できないときは被保険者資格申立書を書けば、通常の自己負担で受診できます。"
            }
            Text::SitSharedComputer => "共用のパソコンでは、前の人の情報が残っていないか確かめてください。手続きの前に、カードから読んだ名前を必ず確認してください。",
            Text::SitServerBusy => "混み合っています。時間をおいて、もう一度お試しください。入力した内容はそのまま残っています。",
            Text::PinNotSet => "暗証番号なし(顔認証マイナンバーカード)",
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
            Text::SetupHelpLinux => "Linux: カードリーダーを一般ユーザーが使えるよう、/etc/udev/rules.d/60-mynaweb.rules に udev の規則を書き(idVendor 054c の idProduct 06c1・06c3・0dc8・0dc9 と、idVendor 04e6 の idProduct 511a・5120 に TAG+=\"uaccess\")、pcscd を停止してから、リーダーを差し直してください。RC-S380 では port100 カーネルモジュールを外してください。",
            Text::SetupHelpWindows => "Windows: Chrome は WinUSB ドライバーが割り当てられたUSB機器だけを開けます。ドライバー設定ツール(Zadig など)で、リーダーのインターフェース(RC-S300 はインターフェース1、RC-S380 と SCR3310-NTTCom はインターフェース0)に WinUSB を割り当て、ソニーの常駐ソフトを終了してください。",
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
                "Demo mode: a virtual card of a fictional person is used. No real card is involved. Its PINs are all 1234; the signature password is ABC123."
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
            Text::PersonaFaceOnly => "Face-authentication-only card (no PIN set)",
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
            Text::PinNoCounter => "Not set (face-authentication-only card)",
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
            Text::CertVerdictValid => "The certificate is valid: it chains to a JPKI certification authority.",
            Text::CertVerdictTestValid => "The certificate chains to the demo certification authority (demo mode).",
            Text::CertVerdictInvalid => "This certificate could not be confirmed. See the technical details.",
            Text::CertRevocationNotChecked => "Revocation was not checked (a browser cannot check it).",
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
            Text::NavLabel => "Pages",
            Text::NavHome => "Home",
            Text::NavCardStatus => "Card and PIN status",
            Text::NavInsurance => "Insurance-use registration",
            Text::NavRehearsal => "Clinic reception rehearsal",
            Text::NavDocument => "Which document do I show?",
            Text::NavAccount => "公金受取口座 (account for public payments)",
            Text::HomeAccountDesc => {
                "Prepare and check the account for benefits and refunds before you register or change it on Mynaportal, or check the account already registered."
            }
            Text::NavOverseas => "Card when living abroad",
            Text::NavPhone => "Smartphone certificate",
            Text::HomeOverseasDesc => "Moving abroad or living abroad: answer a few questions to see what to do with your card, and draft the application form.",
            Text::HomePhoneDesc => "Selling, repairing or losing your phone: what to do with the smartphone certificate.",
            Text::HomeTitle => "Choose a procedure",
            Text::HomeIntro => "Check your card, and prepare or practise before a procedure.",
            Text::HomeCardStatusDesc => {
                "See the card type, the tries left for each PIN and the certificate's expiry."
            }
            Text::HomeInsuranceDesc => {
                "Before registering your card as a health insurance card, check that nothing stands in the way."
            }
            Text::HomeRehearsalDesc => "Practise the questions the card reader at a clinic or pharmacy asks.",
            Text::HomeDocumentDesc => {
                "Find out whether to show the マイナ保険証 or a 資格確認書 (eligibility certificate) at the clinic."
            }
            Text::StepsLabel => "Steps",
            Text::Next => "Next",
            Text::Restart => "Start again",
            Text::Print => "Print",
            Text::Yes => "Yes",
            Text::No => "No",
            Text::DontKnow => "Don't know",
            Text::NothingLeavesBrowser => "Nothing you choose or type here leaves this browser or is stored.",
            Text::InsTitle => "Insurance-use registration (マイナ保険証): pre-check",
            Text::InsIntro => {
                "This app cannot do the registration itself. It checks your card for problems, then shows you the official ways to register."
            }
            Text::InsStepBefore => "Before you start",
            Text::InsStepCheck => "Card check",
            Text::InsStepChannel => "Where to register",
            Text::InsStepDone => "What next",
            Text::InsChecklistTitle => "What you need",
            Text::InsChecklistCard => "Your My Number Card",
            Text::InsChecklistPin => "Your user-authentication PIN (4 digits)",
            Text::InsChecklistReader => "A card reader (or the demo)",
            Text::InsNoPinToRead => "Checking the card needs no PIN.",
            Text::InsCheckCard => "Check my card",
            Text::InsResultTitle => "What the card says",
            Text::InsRenewalOpen => "Renewal opens 3 months before expiry: you can renew now.",
            Text::InsNoProblems => "Nothing stands in the way of registering.",
            Text::InsPinTestTitle => "Test the PIN (optional)",
            Text::InsPinTestExplain => "This sends the PIN to the card for real. A wrong PIN uses up one try.",
            Text::InsPinTestButton => "Test my PIN",
            Text::InsPinTestConfirm => "I have seen the tries left: enter the PIN",
            Text::InsPinTestCancel => "Don't test",
            Text::InsProblemsTitle => "Something must be fixed first",
            Text::InsProblemsFixFirst => "Fix the problem above, then check your card again.",
            Text::InsChannelsTitle => "Choose where to register",
            Text::InsChannelMynaportal => "Mynaportal (PC or smartphone)",
            Text::InsChannelClinic => "The face-recognition card reader at a clinic or pharmacy",
            Text::InsChannelAtm => "A Seven Bank ATM",
            Text::InsChoose => "Continue with this",
            Text::InsChooseFirst => "Choose one way to register.",
            Text::InsDoneMynaportal => {
                "Log in to Mynaportal and apply under マイナンバーカードの健康保険証利用申込 (use as a health insurance card). You will need the user-authentication PIN."
            }
            Text::InsOpenMynaportal => "Open Mynaportal (new tab)",
            Text::InsDoneClinic => {
                "Place your card on the reception's face-recognition card reader and follow the screen. Bring your My Number Card; you confirm it is you by face or by PIN."
            }
            Text::InsDoneAtm => {
                "Insert your card in a Seven Bank ATM and follow the screen to apply for health-insurance use. You will need the user-authentication PIN."
            }
            Text::InsDoneReminder => {
                "You register only once. Afterwards, also keep the 資格情報のお知らせ (eligibility information notice) your insurer sends. When your insurer changes (a new job, for example), the new insurer must still enrol you."
            }
            Text::RehTitle => "Clinic reception rehearsal",
            Text::RehIntro => {
                "Practise what the card reader at a clinic or pharmacy asks. No real reception or eligibility check takes place."
            }
            Text::RehStepCard => "Card",
            Text::RehStepIdentity => "Identity",
            Text::RehStepConsent => "Consent",
            Text::RehStepHighCost => "High-cost limit",
            Text::RehStepDone => "Done",
            Text::RehPracticeSwitch => "Practise without the card",
            Text::RehPlaceCard => "Place your card on the card reader.",
            Text::RehContinueWithoutCard => "Continue without a card",
            Text::RehIdentityTitle => "How will you confirm it's you?",
            Text::RehFace => "Face recognition",
            Text::RehFaceExplain => {
                "Face recognition works only on the clinic's card reader. Here you can practise with the 4-digit PIN."
            }
            Text::RehPinChoice => "4-digit PIN",
            Text::RehPinTitle => "Enter your PIN",
            Text::RehPinCardWarning => {
                "This checks the PIN on the real card. A wrong PIN uses up a try (the count is shared with every other service)."
            }
            Text::RehEnterPin => "Enter the PIN",
            Text::RehPracticePinLabel => "Practice PIN (4 digits)",
            Text::RehPracticePinNote => {
                "This is practice: the digits are not checked and are wiped at once. Do not type your real PIN."
            }
            Text::RehTreatmentTitle => {
                "Do you consent to sharing your past treatment and medication information with the doctor or pharmacist?"
            }
            Text::RehConsentNote => {
                "If you agree, that clinic can see the information for 24 hours. You are asked again at the next visit."
            }
            Text::RehAgree => "I agree",
            Text::RehDisagree => "I do not agree",
            Text::RehAgeTitle => "Your age",
            Text::RehAgeExplain => {
                "People aged 40 or over are asked about checkup results. Read your date of birth from the card, or type it."
            }
            Text::RehAgeFromCard => "Read the date of birth from the card (card-information PIN)",
            Text::RehAgeReadsOnlyFourItems => {
                "Only the basic-4 file (name, address, date of birth, sex) is read, and only the date of birth is used. The My Number is never read."
            }
            Text::RehBirthLabel => "Date of birth",
            Text::RehBirthHint => "Year-month-day (e.g. 1980-04-01)",
            Text::RehBirthUse => "Use this date",
            Text::RehBirthInvalid => "Type a real date as year-month-day.",
            Text::RehBirthAfterVisit => "The date of birth is after today.",
            Text::RehCheckupMetabolic => {
                "Do you consent to sharing your specific health checkup (特定健診) results? (ages 40–74)"
            }
            Text::RehCheckupElderly => {
                "Do you consent to sharing your elderly health checkup results? (75 and over)"
            }
            Text::RehHighCostTitle => "About the high-cost limit",
            Text::RehHighCostInfo => {
                "The clinic receives your high-cost medical expense limit, so you do not pay more than the limit at the counter."
            }
            Text::RehHighCostNote => "Current card readers no longer ask this (since 7 October 2024).",
            Text::RehSeedStyleSwitch => {
                "Also show the older screen's question (for people using older leaflets)"
            }
            Text::RehSeedStyleQuestion => "Do you provide your high-cost limit information?",
            Text::RehProvide => "Provide",
            Text::RehNotProvide => "Do not provide",
            Text::RehDoneTitle => "Reception complete. Please take your card",
            Text::RehDoneReminder => "Do not leave your card on the reader.",
            Text::RehSummaryTitle => "What you chose",
            Text::RehSummaryMode => "How you practised",
            Text::RehModePractice => "Without the card",
            Text::RehModeCard => "With the card and PIN",
            Text::RehSummaryTreatment => "Treatment and medication information",
            Text::RehSummaryAge => "Age on the visit day",
            Text::RehSummaryCheckup => "Checkup results",
            Text::RehSummaryHighCost => "High-cost limit (older screen)",
            Text::RehNotAsked => "Not asked (under 40)",
            Text::RehAgreed => "Agreed",
            Text::RehDeclined => "Did not agree",
            Text::RehProvided => "Provide",
            Text::RehNotProvided => "Do not provide",
            Text::DocTitle => "At the clinic, which document do I show?",
            Text::DocIntro => "Answer the questions to find out what to show at the clinic counter.",
            Text::DocHasCard => "Do you have a My Number Card?",
            Text::DocRegistered => "Is your card registered for use as a health insurance card?",
            Text::DocCertValid => "Is your user-authentication certificate still valid?",
            Text::DocLost => "Have you lost your card, or is it being renewed?",
            Text::DocLateElderly => "Are you in the late-elderly (後期高齢者) medical scheme?",
            Text::DocOldCard => "Do you still hold an old health insurance card?",
            Text::DocCheckWithCard => "Not sure? Your card can tell you",
            Text::DocAnswerTitle => "Answer",
            Text::DocShowMyna => {
                "Show your マイナ保険証 (your My Number Card registered as a health insurance card). Keep the 資格情報のお知らせ notice too: together with the card it helps when the reader fails."
            }
            Text::DocApply => {
                "Apply to your insurer for a 資格確認書 (eligibility certificate). An application is needed."
            }
            Text::DocArrivesNoCard => {
                "Without a My Number Card, your insurer sends you a 資格確認書 (eligibility certificate); no application is needed. If none arrived, contact your insurer."
            }
            Text::DocArrivesNotRegistered => {
                "Your card is not registered for insurance use, so your insurer sends you a 資格確認書; no application is needed. If none arrived, contact your insurer."
            }
            Text::DocArrivesExpired => {
                "Your certificate has expired, so your insurer sends you a 資格確認書; no application is needed. You can renew the certificate at your municipal office."
            }
            Text::DocLateElderlyArrives => "Members of the late-elderly scheme receive a 資格確認書 until 31 July 2026.",
            Text::DocOldCardUsable => {
                "Your old insurance card stays usable until its own expiry (1 December 2025 at the latest)."
            }
            Text::DocFindOut => {
                "First find out whether your card is registered and whether its certificate is valid. Reading the card shows the expiry without any PIN."
            }
            Text::DocInsurerContact => {
                "Your insurer's contact details are on the 資格確認書, the 資格情報のお知らせ notice, or ask your employer."
            }
            Text::DocFreeDial => "If the card did not work at the clinic: My Number general free dial",
            Text::SitPinLocked => {
                "The PIN is locked. Have it reset at your municipal office (bring photo ID)."
            }
            Text::SitPinLockedKiosk => "The signature password can also be reset at a convenience-store kiosk.",
            Text::SitWrongKindFour => {
                "This step needs the 4-digit PIN. Nothing was sent to the card, so no try was used."
            }
            Text::SitWrongKindPassword => {
                "This step needs the 6–16 character password of capital letters and digits. Nothing was sent to the card, so no try was used."
            }
            Text::SitUpperCased => "Lower-case letters are sent as capitals.",
            Text::SitCardNotDetected => {
                "Lay the card flat on the reader and keep it still. Take it out of any cover or case. Avoid metal desks."
            }
            Text::SitReaderNotFound => {
                "No card reader was found. Check the connection and pick the reader when the browser asks for permission."
            }
            Text::SitExtensionDisabled => {
                "The browser extension was disabled after an update. This is not a virus: turn it back on in chrome://extensions."
            }
            Text::SitCertExpired => {
                "The certificate has expired. Renew it at your municipal office (renewal opens 3 months before expiry)."
            }
            Text::SitSignLapsed => {
                "The signature certificate lapses when you move or change your name. Have it re-issued at the municipal office."
            }
            Text::SitNoPinCard => {
                "This card has no PIN, so it cannot be used on a PC. It works on the face-recognition card readers at clinics."
            }
            Text::SitNoSignCert => {
                "This card has no signature certificate (for example, under 15). A guardian's procedure or another method is needed."
            }
            Text::SitInsuranceNotConfirmed => {
                "Right after a job change your eligibility may not show yet (days to 2 weeks). Show the 資格情報のお知らせ notice or a 資格確認書. If it still cannot be confirmed, fill in a 被保険者資格申立書 and pay the normal share."
            }
            Text::SitSharedComputer => {
                "On a shared computer, make sure nothing of the previous person is left. Always check the name read from the card before any step."
            }
            Text::SitServerBusy => "The service is busy. Please try again later; what you entered is kept.",
            Text::PinNotSet => "No PIN (face-recognition-only card)",
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
            Text::SetupHelpLinux => "Linux: let your user open the reader with a udev rule in /etc/udev/rules.d/60-mynaweb.rules (TAG+=\"uaccess\" for idVendor 054c with idProduct 06c1, 06c3, 0dc8 or 0dc9, and for idVendor 04e6 with idProduct 511a or 5120), stop pcscd, and plug the reader in again. For the RC-S380, unload the port100 kernel module.",
            Text::SetupHelpWindows => "Windows: Chrome opens only USB devices bound to the WinUSB driver. With a driver tool such as Zadig, bind WinUSB to the reader's interface (interface 1 on the RC-S300, interface 0 on the RC-S380 and the SCR3310-NTTCom), and quit Sony's resident software.",
        }
    }

    /// やさしい日本語, with furigana as `{漢字|かんじ}` markup (see [`ruby`]).
    fn easy(self) -> &'static str {
        match self {
            Text::AppName => "マイナンバーカードの {手続|てつづ}きを {手伝|てつだ}う ページ",
            Text::AppTagline => "カードリーダーで マイナンバーカードを {読|よ}んで、{手続|てつづ}きを します。",
            Text::SkipToContent => "{本文|ほんぶん}へ すすむ",
            Text::LanguageSwitchLabel => "ことば",
            Text::ReaderPanelTitle => "カードリーダー",
            Text::ReaderNoneConnected => "カードリーダーが つながって いません。",
            Text::ReaderWebUsbAvailable => "この ブラウザーは USBの カードリーダーを {使|つか}えます(WebUSB)。",
            Text::ReaderWebUsbMissing => {
                "この ブラウザーは USBの カードリーダーを {使|つか}えません。Google Chrome か Microsoft Edge を {使|つか}って ください。"
            }
            Text::ReaderWhichWork => {
                "ウェブページで {使|つか}える カードリーダー: ソニー RC-S300(/S・/P)、ソニー RC-S380、NTTコミュニケーションズ SCR3310-NTTCom。"
            }
            Text::FooterNotice => "{入|い}れた {暗証番号|あんしょうばんごう}は、この ブラウザーの {外|そと}に {送|おく}りません。{残|のこ}しも しません。",
            Text::DemoBadge => "デモ",
            Text::DemoExplanation => {
                "デモです。{本当|ほんとう}には いない {人|ひと}の カードを まねした ものを {使|つか}います。{本物|ほんもの}の カードは {使|つか}いません。{暗証番号|あんしょうばんごう}は どれも 1234 です。{署名用|しょめいよう}の {暗証番号|あんしょうばんごう}は ABC123 です。"
            }
            Text::DemoPersonaLabel => "デモで {使|つか}う カード",
            Text::PersonaStandard => "40{歳|さい}より {上|うえ}・ふつうの {住所|じゅうしょ}",
            Text::PersonaAge39 => "39{歳|さい}",
            Text::PersonaAge40 => "ちょうど 40{歳|さい}",
            Text::PersonaLongAddress => "{長|なが}い {住所|じゅうしょ}",
            Text::PersonaRareKanji => "めずらしい {漢字|かんじ}の {名前|なまえ}",
            Text::PersonaAuthBlocked => "{利用者証明用|りようしゃしょうめいよう}の {暗証番号|あんしょうばんごう}が ロックされて いる",
            Text::PersonaAuthOneTry => "{利用者証明用|りようしゃしょうめいよう}の {暗証番号|あんしょうばんごう}が あと 1{回|かい}",
            Text::PersonaChild => "15{歳|さい}より {下|した}({署名用|しょめいよう}の {電子証明書|でんししょうめいしょ}が ない)",
            Text::PersonaPhoneToken => "スマートフォンの {電子証明書|でんししょうめいしょ}",
            Text::PersonaFaceOnly => "{顔|かお}だけで {使|つか}う カード({暗証番号|あんしょうばんごう}なし)",
            Text::PersonaExpiredAuth => "{利用者証明用|りようしゃしょうめいよう}の {電子証明書|でんししょうめいしょ}の {期限|きげん}が {切|き}れて いる",
            Text::CardPanelTitle => "カード",
            Text::ReadCard => "カードを {読|よ}む",
            Text::Reading => "{読|よ}んで います…",
            Text::CardDetected => "マイナンバーカードが ありました。",
            Text::TokenTypeLabel => "{種類|しゅるい}",
            Text::TokenPhysicalCard => "マイナンバーカード",
            Text::TokenAndroidPhone => "スマートフォン(Android)の {電子証明書|でんししょうめいしょ}",
            Text::TokenIPhone => "スマートフォン(iPhone)の {電子証明書|でんししょうめいしょ}",
            Text::TokenOtherJpki => "ほかの {公的個人認証|こうてきこじんにんしょう}の カード",
            Text::PinStatusTitle => "{暗証番号|あんしょうばんごう}を {入|い}れられる {残|のこ}りの {回数|かいすう}",
            Text::PinAuthName => "{利用者証明用|りようしゃしょうめいよう}の {暗証番号|あんしょうばんごう}({数字|すうじ} 4けた)",
            Text::PinSignName => "{署名用|しょめいよう}の {暗証番号|あんしょうばんごう}({英字|えいじ}と {数字|すうじ} 6〜16{文字|もじ})",
            Text::PinTextName => "{券面事項入力補助用|けんめんじこうにゅうりょくほじょよう}の {暗証番号|あんしょうばんごう}({数字|すうじ} 4けた)",
            Text::PinVerified => "{確|たし}かめました(カードを {置|お}いて いる {間|あいだ})",
            Text::PinBlocked => "ロックされて います({市役所|しやくしょ}などの {窓口|まどぐち}で {直|なお}して ください)",
            Text::PinNoCounter => "{暗証番号|あんしょうばんごう}は ありません({顔|かお}だけで {使|つか}う カード)",
            Text::PinUnreadable => "{読|よ}めませんでした",
            Text::CertTitle => "{利用者証明用|りようしゃしょうめいよう}の {電子証明書|でんししょうめいしょ}",
            Text::CertSerial => "シリアル{番号|ばんごう}",
            Text::CertValidFrom => "{使|つか}える {期間|きかん}の はじめ",
            Text::CertValidUntil => "{使|つか}える {期限|きげん}",
            Text::CertIssuer => "{出|だ}した ところ",
            Text::CertExpired => {
                "この {電子証明書|でんししょうめいしょ}は {期限|きげん}が {切|き}れて います。{住|す}んで いる {市役所|しやくしょ}などの {窓口|まどぐち}で {新|あたら}しく して ください。"
            }
            Text::CertTestHierarchy => "テストの ための {電子証明書|でんししょうめいしょ}です({本当|ほんとう}の {手続|てつづ}きには {使|つか}えません)。",
            Text::CertNeedsPinPhone => "スマートフォンの {電子証明書|でんししょうめいしょ}は、{暗証番号|あんしょうばんごう}を {確|たし}かめてから {読|よ}めます。",
            Text::TechnicalDetails => "くわしい {記録|きろく}(カードとの やりとり)",
            Text::TestAuthPin => "{利用者証明用|りようしゃしょうめいよう}の {暗証番号|あんしょうばんごう}を {確|たし}かめる",
            Text::PinDialogTitle => "{暗証番号|あんしょうばんごう}を {入|い}れる",
            Text::PinInputLabel => "{暗証番号|あんしょうばんごう}",
            Text::PinHintFourDigits => "{数字|すうじ}を 4つ {入|い}れて ください。",
            Text::PinHintSignPassword => {
                "{英語|えいご}の {大|おお}きい {文字|もじ}と {数字|すうじ}を あわせて 6〜16{文字|もじ} {入|い}れて ください({両方|りょうほう} {使|つか}います)。"
            }
            Text::PinLastTryWarning => {
                "あと 1{回|かい}です。まちがえると ロックされます。ロックされると {市役所|しやくしょ}などの {窓口|まどぐち}に {行|い}く {必要|ひつよう}が あります。"
            }
            Text::PinConfirmLastTry => "あと 1{回|かい}だと わかりました。{送|おく}ります",
            Text::PinSubmit => "{確|たし}かめる",
            Text::PinCancel => "やめる",
            Text::PinBlockedNoEntry => {
                "この {暗証番号|あんしょうばんごう}は ロックされて いるので {入|い}れられません。{市役所|しやくしょ}などの {窓口|まどぐち}で {直|なお}して ください。"
            }
            Text::PinFormatFourDigits => "{暗証番号|あんしょうばんごう}は {数字|すうじ} 4つです。カードには {送|おく}って いません。",
            Text::PinFormatSignPassword => {
                "{署名用|しょめいよう}の {暗証番号|あんしょうばんごう}は {英語|えいご}の {大|おお}きい {文字|もじ}と {数字|すうじ}で 6〜16{文字|もじ}です。カードには {送|おく}って いません。"
            }
            Text::PinCorrect => "{暗証番号|あんしょうばんごう}は {正|ただ}しいです。",
            Text::PinAlreadyVerified => "この {暗証番号|あんしょうばんごう}は もう {確|たし}かめました。カードには {送|おく}って いません。",
            Text::ErrCardRemoved => "カードが {読|よ}めなく なりました。カードを もう{一度|いちど} リーダーに {置|お}いて ください。",
            Text::CertVerdictValid => "{電子証明書|でんししょうめいしょ}は {使|つか}えます。",
            Text::CertVerdictTestValid => "デモの {電子証明書|でんししょうめいしょ}です。{確|たし}かめました。",
            Text::CertVerdictInvalid => "この {電子証明書|でんししょうめいしょ}は {確|たし}かめられませんでした。",
            Text::CertRevocationNotChecked => "{取|と}り{消|け}されて いるかは {確|たし}かめて いません。",
            Text::ErrReaderGone => "カードリーダーが {外|はず}れました。もう{一度|いちど} つないで ください。",
            Text::ErrTimeout => "カードから {返事|へんじ}が ありません。カードを もう{一度|いちど} {置|お}いて ください。",
            Text::ErrNotMyNumberCard => "マイナンバーカードでは ない ようです。マイナンバーカードを {置|お}いて ください。",
            Text::ErrCommunication => "カードと うまく やりとり できませんでした。カードを もう{一度|いちど} {置|お}いて ください。",
            Text::ErrBusy => "{前|まえ}の ことが まだ {終|お}わって いません。すこし {待|ま}って ください。",
            Text::ConnectReader => "カードリーダーを つなぐ",
            Text::BackToDemo => "デモの カードに もどる",
            Text::ReaderConnecting => "カードリーダーに つないで います…",
            Text::ReaderConnectedLabel => "つないで いる カードリーダー",
            Text::ReaderHowLabel => "{読|よ}み{方|かた}",
            Text::DriverRcs300 => {
                "カードを {上|うえ}に {置|お}いて {読|よ}みます(NFC)。ソニーの {決|き}まった {入口|いりぐち}(インターフェース1)を {使|つか}います。"
            }
            Text::DriverRcs380 => "カードを {上|うえ}に {置|お}いて {読|よ}みます(NFC)。NFC Port-100 の {命令|めいれい}で {読|よ}みます。",
            Text::DriverCcid => "カードを {差|さ}しこんで {読|よ}みます(CCID)。",
            Text::AdviceAppOnly => {
                "この カードリーダーは ふつうの ICカードリーダー(USBクラス 0x0B)です。Chrome では ウェブページから この リーダーを {使|つか}えません。アプリを {使|つか}うか、ソニー RC-S300・RC-S380 を {使|つか}って ください。"
            }
            Text::AdviceUnsupported => {
                "この {機械|きかい}は この ページで {使|つか}える カードリーダーでは ありません。ソニー RC-S300・RC-S380、NTTコミュニケーションズ SCR3310-NTTCom を {使|つか}って ください。"
            }
            Text::AdviceProtectedClass => {
                "Chrome が この {入口|いりぐち}を {使|つか}わせません(ふつうの ICカードリーダーなので)。アプリを {使|つか}うか、ソニー RC-S300・RC-S380 を {使|つか}って ください。"
            }
            Text::AdviceClaimFailed => {
                "ほかの ソフトが カードリーダーを {使|つか}って います。ソニーの ソフト(NFCポートソフトウェア)を {終|お}わらせるか、Linux では pcscd を {止|と}めてから、もう{一度|いちど} つないで ください。Windows では WinUSB ドライバーが {必要|ひつよう}です。"
            }
            Text::AdvicePermissionsPolicy => {
                "この ページは {埋|う}め{込|こ}まれて いるので USBの {機械|きかい}を {使|つか}えません。この ページだけを タブで {開|ひら}いて ください。"
            }
            Text::AdviceNotChosen => "カードリーダーが {選|えら}ばれませんでした。リーダーを つないで、リストから {選|えら}んで ください。",
            Text::AdviceDisconnected => "カードリーダーが {外|はず}れました。もう{一度|いちど} つなぐと、また {使|つか}えます。",
            Text::AdviceReaderFailed => "カードリーダーの {準備|じゅんび}が できませんでした。リーダーを つなぎなおして、もう{一度|いちど} して ください。",
            Text::SetupHelpTitle => "カードリーダーを {使|つか}える ように する には",
            Text::SetupHelpLinux => {
                "Linux: /etc/udev/rules.d/60-mynaweb.rules に udev の {決|き}まりを {書|か}いて(idVendor 054c の idProduct 06c1・06c3・0dc8・0dc9 と、idVendor 04e6 の idProduct 511a・5120 に TAG+=\"uaccess\")、pcscd を {止|と}めて、リーダーを {差|さ}しなおして ください。RC-S380 では port100 モジュールを {外|はず}して ください。"
            }
            Text::SetupHelpWindows => {
                "Windows: Chrome は WinUSB ドライバーの USBの {機械|きかい}だけ {開|ひら}けます。Zadig などの ツールで、リーダーの インターフェース(RC-S300 は 1、RC-S380 と SCR3310-NTTCom は 0)に WinUSB を {割|わ}り{当|あ}てて、ソニーの ソフトを {終|お}わらせて ください。"
            }
            Text::NavLabel => "ページの {一覧|いちらん}",
            Text::NavHome => "はじめの ページ",
            Text::NavCardStatus => "カードと {暗証番号|あんしょうばんごう}の ようす",
            Text::NavInsurance => "マイナ{保険証|ほけんしょう}の {登録|とうろく}",
            Text::NavRehearsal => "{病院|びょういん}の {受付|うけつけ}の {練習|れんしゅう}",
            Text::NavDocument => "どの {書類|しょるい}を {見|み}せる?",
            Text::NavAccount => "{公金|こうきん}を {受|う}け{取|と}る {口座|こうざ}",
            Text::HomeAccountDesc => "{国|くに}などの お{金|かね}を {受|う}け{取|と}る {口座|こうざ}の {登録|とうろく}を {手伝|てつだ}います。",
            Text::NavOverseas => "{海外|かいがい}に {住|す}む {人|ひと}の カード",
            Text::NavPhone => "スマホの {電子証明書|でんししょうめいしょ}",
            Text::HomeOverseasDesc => "{海外|かいがい}に {引|ひ}っ{越|こ}す ときや {海外|かいがい}に {住|す}んで いる ときの カードの {手続|てつづ}きが わかります。",
            Text::HomePhoneDesc => "スマホを うる ときや なくした ときに、スマホの {電子証明書|でんししょうめいしょ}を どう するかが わかります。",
            Text::HomeTitle => "{手続|てつづ}きを {選|えら}ぶ",
            Text::HomeIntro => "カードの ようすを {見|み}たり、{手続|てつづ}きの {前|まえ}に {練習|れんしゅう}したり できます。",
            Text::HomeCardStatusDesc => {
                "カードの {種類|しゅるい}、{暗証番号|あんしょうばんごう}の {残|のこ}りの {回数|かいすう}、{電子証明書|でんししょうめいしょ}の {期限|きげん}を {見|み}ます。"
            }
            Text::HomeInsuranceDesc => "マイナンバーカードを {保険証|ほけんしょう}として {使|つか}う {登録|とうろく}の {前|まえ}に、カードを {確|たし}かめます。",
            Text::HomeRehearsalDesc => "{病院|びょういん}や {薬局|やっきょく}の {受付|うけつけ}で {聞|き}かれる ことを {練習|れんしゅう}します。",
            Text::HomeDocumentDesc => {
                "{病院|びょういん}で マイナ{保険証|ほけんしょう}と {資格確認書|しかくかくにんしょ}の どちらを {見|み}せるか {確|たし}かめます。"
            }
            Text::StepsLabel => "{手順|てじゅん}",
            Text::Next => "つぎへ",
            Text::Restart => "はじめから やりなおす",
            Text::Print => "{印刷|いんさつ}する",
            Text::Yes => "はい",
            Text::No => "いいえ",
            Text::DontKnow => "わからない",
            Text::NothingLeavesBrowser => {
                "ここで {選|えら}んだ ことや {入|い}れた ことは、この ブラウザーの {外|そと}に {送|おく}りません。{残|のこ}しも しません。"
            }
            Text::InsTitle => "マイナ{保険証|ほけんしょう}の {登録|とうろく}の {前|まえ}の チェック",
            Text::InsIntro => "この ページでは {登録|とうろく}は できません。カードを {確|たし}かめてから、{登録|とうろく}の しかたを {教|おし}えます。",
            Text::InsStepBefore => "はじめに",
            Text::InsStepCheck => "カードの {確認|かくにん}",
            Text::InsStepChannel => "{申|もう}し{込|こ}む ところ",
            Text::InsStepDone => "つぎに すること",
            Text::InsChecklistTitle => "{用意|ようい}する もの",
            Text::InsChecklistCard => "マイナンバーカード",
            Text::InsChecklistPin => "{利用者証明用|りようしゃしょうめいよう}の {暗証番号|あんしょうばんごう}({数字|すうじ} 4けた)",
            Text::InsChecklistReader => "カードリーダー(または デモ)",
            Text::InsNoPinToRead => "カードを {確|たし}かめる ときは {暗証番号|あんしょうばんごう}を {使|つか}いません。",
            Text::InsCheckCard => "カードを {確|たし}かめる",
            Text::InsResultTitle => "カードを {確|たし}かめた {結果|けっか}",
            Text::InsRenewalOpen => "{期限|きげん}の 3か{月|げつ} {前|まえ}から {新|あたら}しく できます。{今|いま} {新|あたら}しく できます。",
            Text::InsNoProblems => "{登録|とうろく}の じゃまに なる ことは ありません。",
            Text::InsPinTestTitle => "{暗証番号|あんしょうばんごう}を {試|ため}す(しなくても いいです)",
            Text::InsPinTestExplain => {
                "カードに {本当|ほんとう}に {暗証番号|あんしょうばんごう}を {送|おく}って {確|たし}かめます。まちがえると {残|のこ}りの {回数|かいすう}が 1つ へります。"
            }
            Text::InsPinTestButton => "{暗証番号|あんしょうばんごう}を {試|ため}す",
            Text::InsPinTestConfirm => "{残|のこ}りの {回数|かいすう}を {見|み}ました。{入|い}れる",
            Text::InsPinTestCancel => "{試|ため}さない",
            Text::InsProblemsTitle => "このままでは {登録|とうろく}できません",
            Text::InsProblemsFixFirst => "{上|うえ}の ことを {直|なお}してから、もう{一度|いちど} カードを {確|たし}かめて ください。",
            Text::InsChannelsTitle => "{申|もう}し{込|こ}む ところを {選|えら}んで ください",
            Text::InsChannelMynaportal => "マイナポータル(パソコン・スマートフォン)",
            Text::InsChannelClinic => "{病院|びょういん}・{薬局|やっきょく}の {顔|かお}で {確|たし}かめる カードリーダー",
            Text::InsChannelAtm => "セブン{銀行|ぎんこう}の ATM",
            Text::InsChoose => "これで すすむ",
            Text::InsChooseFirst => "{申|もう}し{込|こ}む ところを 1つ {選|えら}んで ください。",
            Text::InsDoneMynaportal => {
                "マイナポータルに ログインして、「{健康保険証|けんこうほけんしょう}{利用|りよう}{申込|もうしこみ}」から {申|もう}し{込|こ}んで ください。{利用者証明用|りようしゃしょうめいよう}の {暗証番号|あんしょうばんごう}を {使|つか}います。"
            }
            Text::InsOpenMynaportal => "マイナポータルを {開|ひら}く({新|あたら}しい タブ)",
            Text::InsDoneClinic => {
                "{受付|うけつけ}の カードリーダーに カードを {置|お}いて、{画面|がめん}の とおりに {登録|とうろく}して ください。マイナンバーカードを {持|も}って いきます。{顔|かお}か {暗証番号|あんしょうばんごう}で {本人|ほんにん}だと {確|たし}かめます。"
            }
            Text::InsDoneAtm => {
                "セブン{銀行|ぎんこう}の ATMに カードを {入|い}れて、{画面|がめん}の とおりに {申|もう}し{込|こ}んで ください。{利用者証明用|りようしゃしょうめいよう}の {暗証番号|あんしょうばんごう}を {使|つか}います。"
            }
            Text::InsDoneReminder => {
                "{登録|とうろく}は 1{回|かい}だけです。そのあと {保険者|ほけんしゃ}から とどく 「{資格情報|しかくじょうほう}の お{知|し}らせ」も {大切|たいせつ}に して ください。{仕事|しごと}を かえた ときなどは、{新|あたら}しい {保険者|ほけんしゃ}の {手続|てつづ}きも {必要|ひつよう}です。"
            }
            Text::RehTitle => "{病院|びょういん}の {受付|うけつけ}の {練習|れんしゅう}",
            Text::RehIntro => {
                "{病院|びょういん}や {薬局|やっきょく}の カードリーダーで {聞|き}かれる ことを {練習|れんしゅう}します。{本当|ほんとう}の {受付|うけつけ}は しません。"
            }
            Text::RehStepCard => "カード",
            Text::RehStepIdentity => "{本人|ほんにん}の {確認|かくにん}",
            Text::RehStepConsent => "{同意|どうい}",
            Text::RehStepHighCost => "{限度額|げんどがく}",
            Text::RehStepDone => "おわり",
            Text::RehPracticeSwitch => "カードを {使|つか}わないで {練習|れんしゅう}する",
            Text::RehPlaceCard => "カードを カードリーダーに {置|お}いて ください。",
            Text::RehContinueWithoutCard => "カードなしで すすむ",
            Text::RehIdentityTitle => "{本人|ほんにん}だと {確|たし}かめる {方法|ほうほう}を {選|えら}んで ください",
            Text::RehFace => "{顔|かお}で {確|たし}かめる",
            Text::RehFaceExplain => {
                "{顔|かお}で {確|たし}かめるのは {病院|びょういん}の カードリーダーだけです。ここでは {数字|すうじ} 4けたの {暗証番号|あんしょうばんごう}で {練習|れんしゅう}できます。"
            }
            Text::RehPinChoice => "{暗証番号|あんしょうばんごう}({数字|すうじ} 4けた)",
            Text::RehPinTitle => "{暗証番号|あんしょうばんごう}を {入|い}れて ください",
            Text::RehPinCardWarning => "{本物|ほんもの}の カードで {確|たし}かめます。まちがえると {残|のこ}りの {回数|かいすう}が へります。",
            Text::RehEnterPin => "{暗証番号|あんしょうばんごう}を {入|い}れる",
            Text::RehPracticePinLabel => "{練習|れんしゅう}の {暗証番号|あんしょうばんごう}({数字|すうじ} 4けた)",
            Text::RehPracticePinNote => {
                "{練習|れんしゅう}なので、{入|い}れた {数字|すうじ}は すぐ {消|け}します。{本当|ほんとう}の {暗証番号|あんしょうばんごう}は {入|い}れないで ください。"
            }
            Text::RehTreatmentTitle => {
                "{前|まえ}に {受|う}けた {治療|ちりょう}や {薬|くすり}の ことを、{医者|いしゃ}や {薬剤師|やくざいし}に {見|み}せても いいですか"
            }
            Text::RehConsentNote => {
                "「はい」に すると、その {病院|びょういん}は 24{時間|じかん} {見|み}る ことが できます。つぎの ときに また {聞|き}かれます。"
            }
            Text::RehAgree => "{同意|どうい}する",
            Text::RehDisagree => "{同意|どうい}しない",
            Text::RehAgeTitle => "{年齢|ねんれい}の {確認|かくにん}",
            Text::RehAgeExplain => {
                "40{歳|さい}より {上|うえ}の {人|ひと}には {健診|けんしん}の {質問|しつもん}が あります。{生年月日|せいねんがっぴ}を カードから {読|よ}むか、{入|い}れて ください。"
            }
            Text::RehAgeFromCard => {
                "カードから {生年月日|せいねんがっぴ}を {読|よ}む({券面事項入力補助用|けんめんじこうにゅうりょくほじょよう}の {暗証番号|あんしょうばんごう})"
            }
            Text::RehAgeReadsOnlyFourItems => {
                "{読|よ}むのは {名前|なまえ}・{住所|じゅうしょ}・{生年月日|せいねんがっぴ}・{性別|せいべつ}の ファイルだけです。{使|つか}うのは {生年月日|せいねんがっぴ}だけです。マイナンバーは {読|よ}みません。"
            }
            Text::RehBirthLabel => "{生年月日|せいねんがっぴ}",
            Text::RehBirthHint => "{年|ねん}-{月|がつ}-{日|にち}(れい: 1980-04-01)",
            Text::RehBirthUse => "この {生年月日|せいねんがっぴ}を {使|つか}う",
            Text::RehBirthInvalid => "{生年月日|せいねんがっぴ}を {年|ねん}-{月|がつ}-{日|にち}の {形|かたち}で {入|い}れて ください。",
            Text::RehBirthAfterVisit => "{生年月日|せいねんがっぴ}が {今日|きょう}より {後|あと}に なって います。",
            Text::RehCheckupMetabolic => {
                "{特定健診|とくていけんしん}の {結果|けっか}を {医者|いしゃ}などに {見|み}せても いいですか(40〜74{歳|さい}の {人|ひと})"
            }
            Text::RehCheckupElderly => {
                "{後期高齢者|こうきこうれいしゃ}の {健診|けんしん}の {結果|けっか}を {医者|いしゃ}などに {見|み}せても いいですか(75{歳|さい}より {上|うえ}の {人|ひと})"
            }
            Text::RehHighCostTitle => "{限度額|げんどがく}の こと",
            Text::RehHighCostInfo => {
                "{病院|びょういん}に {限度額|げんどがく}が つたわるので、{窓口|まどぐち}で {限度額|げんどがく}より {多|おお}く {払|はら}わなくて いいです。"
            }
            Text::RehHighCostNote => "{今|いま}の カードリーダーでは、この {質問|しつもん}は ありません(2024{年|ねん}10{月|がつ}7{日|か}から)。",
            Text::RehSeedStyleSwitch => "{前|まえ}の {画面|がめん}の {質問|しつもん}も {見|み}せる",
            Text::RehSeedStyleQuestion => "{限度額|げんどがく}の ことを {病院|びょういん}に {伝|つた}えますか",
            Text::RehProvide => "{伝|つた}える",
            Text::RehNotProvide => "{伝|つた}えない",
            Text::RehDoneTitle => "{受付|うけつけ}が おわりました。カードを {取|と}って ください",
            Text::RehDoneReminder => "カードを わすれないで ください。",
            Text::RehSummaryTitle => "あなたが {選|えら}んだ こと",
            Text::RehSummaryMode => "{練習|れんしゅう}の しかた",
            Text::RehModePractice => "カードを {使|つか}わないで {練習|れんしゅう}",
            Text::RehModeCard => "カードと {暗証番号|あんしょうばんごう}で {練習|れんしゅう}",
            Text::RehSummaryTreatment => "{治療|ちりょう}や {薬|くすり}の こと",
            Text::RehSummaryAge => "{今日|きょう}の {年齢|ねんれい}",
            Text::RehSummaryCheckup => "{健診|けんしん}の {結果|けっか}",
            Text::RehSummaryHighCost => "{限度額|げんどがく}({前|まえ}の {画面|がめん})",
            Text::RehNotAsked => "{聞|き}かれません(40{歳|さい}より {下|した})",
            Text::RehAgreed => "{同意|どうい}した",
            Text::RehDeclined => "{同意|どうい}しなかった",
            Text::RehProvided => "{伝|つた}える",
            Text::RehNotProvided => "{伝|つた}えない",
            Text::DocTitle => "{病院|びょういん}で どの {書類|しょるい}を {見|み}せる?",
            Text::DocIntro => "{質問|しつもん}に こたえると、{病院|びょういん}の {窓口|まどぐち}で {見|み}せる ものが わかります。",
            Text::DocHasCard => "マイナンバーカードを {持|も}って いますか",
            Text::DocRegistered => "カードを {保険証|ほけんしょう}として {使|つか}う {登録|とうろく}を しましたか",
            Text::DocCertValid => "{利用者証明用|りようしゃしょうめいよう}の {電子証明書|でんししょうめいしょ}は まだ {使|つか}えますか",
            Text::DocLost => "カードを なくしましたか。または {新|あたら}しく して いる ところですか",
            Text::DocLateElderly => "{後期高齢者医療制度|こうきこうれいしゃいりょうせいど}に {入|はい}って いますか",
            Text::DocOldCard => "{前|まえ}の {保険証|ほけんしょう}を {持|も}って いますか",
            Text::DocCheckWithCard => "わからない ときは、カードを {読|よ}んで {確|たし}かめられます",
            Text::DocAnswerTitle => "こたえ",
            Text::DocShowMyna => {
                "マイナ{保険証|ほけんしょう}を {見|み}せて ください。「{資格情報|しかくじょうほう}の お{知|し}らせ」も {持|も}って いると、カードが {読|よ}めない ときに {役|やく}に {立|た}ちます。"
            }
            Text::DocApply => {
                "{保険者|ほけんしゃ}に 「{資格確認書|しかくかくにんしょ}」を {申|もう}し{込|こ}んで ください({申|もう}し{込|こ}みが {必要|ひつよう}です)。"
            }
            Text::DocArrivesNoCard => {
                "マイナンバーカードが ない {人|ひと}には、{保険者|ほけんしゃ}から 「{資格確認書|しかくかくにんしょ}」が とどきます。とどかない ときは {保険者|ほけんしゃ}に {連絡|れんらく}して ください。"
            }
            Text::DocArrivesNotRegistered => {
                "{保険証|ほけんしょう}の {登録|とうろく}を して いない {人|ひと}には、{保険者|ほけんしゃ}から 「{資格確認書|しかくかくにんしょ}」が とどきます。とどかない ときは {保険者|ほけんしゃ}に {連絡|れんらく}して ください。"
            }
            Text::DocArrivesExpired => {
                "{電子証明書|でんししょうめいしょ}の {期限|きげん}が {切|き}れた {人|ひと}には、{保険者|ほけんしゃ}から 「{資格確認書|しかくかくにんしょ}」が とどきます。{電子証明書|でんししょうめいしょ}は {市役所|しやくしょ}などで {新|あたら}しく できます。"
            }
            Text::DocLateElderlyArrives => {
                "{後期高齢者医療制度|こうきこうれいしゃいりょうせいど}の {人|ひと}には、2026{年|ねん}7{月|がつ}31{日|にち}までは 「{資格確認書|しかくかくにんしょ}」が とどきます。"
            }
            Text::DocOldCardUsable => {
                "{前|まえ}の {保険証|ほけんしょう}も {期限|きげん}まで(いちばん おそくて 2025{年|ねん}12{月|がつ}1{日|にち}まで) {使|つか}えます。"
            }
            Text::DocFindOut => {
                "まず、{保険証|ほけんしょう}の {登録|とうろく}と {電子証明書|でんししょうめいしょ}の {期限|きげん}を {確|たし}かめて ください。カードを {読|よ}めば {暗証番号|あんしょうばんごう}なしで {期限|きげん}が わかります。"
            }
            Text::DocInsurerContact => {
                "{保険者|ほけんしゃ}の {連絡先|れんらくさき}は、{資格確認書|しかくかくにんしょ}や 「{資格情報|しかくじょうほう}の お{知|し}らせ」に {書|か}いて あります。"
            }
            Text::DocFreeDial => "{病院|びょういん}で カードが {使|つか}えなかった ときの {相談|そうだん}: マイナンバー {総合|そうごう}フリーダイヤル",
            Text::SitPinLocked => {
                "ロックされて います。{住|す}んで いる {市役所|しやくしょ}などの {窓口|まどぐち}で {直|なお}して ください({顔写真|かおじゃしん}の ある {身分証明書|みぶんしょうめいしょ}が {必要|ひつよう}です)。"
            }
            Text::SitPinLockedKiosk => "{署名用|しょめいよう}の {暗証番号|あんしょうばんごう}は、コンビニの {機械|きかい}でも {直|なお}せます。",
            Text::SitWrongKindFour => {
                "ここでは {数字|すうじ} 4けたの {暗証番号|あんしょうばんごう}です。カードに {送|おく}って いないので、{回数|かいすう}は へって いません。"
            }
            Text::SitWrongKindPassword => {
                "ここでは {英語|えいご}の {大|おお}きい {文字|もじ}と {数字|すうじ} 6〜16{文字|もじ}の {暗証番号|あんしょうばんごう}です。カードに {送|おく}って いないので、{回数|かいすう}は へって いません。"
            }
            Text::SitUpperCased => "{小|ちい}さい {文字|もじ}は {大|おお}きい {文字|もじ}に して {送|おく}ります。",
            Text::SitCardNotDetected => {
                "カードを カードリーダーの {上|うえ}に たいらに {置|お}いて、{動|うご}かさないで ください。カバーや ケースは はずして ください。{金属|きんぞく}の つくえの {上|うえ}は やめて ください。"
            }
            Text::SitReaderNotFound => {
                "カードリーダーが ありません。つないで あるか {確|たし}かめて、ブラウザーが {聞|き}いて きたら リーダーを {選|えら}んで ください。"
            }
            Text::SitExtensionDisabled => {
                "ブラウザーの {拡張機能|かくちょうきのう}が {止|と}まりました。ウイルスでは ありません。chrome://extensions で {使|つか}える ように して ください。"
            }
            Text::SitCertExpired => {
                "{電子証明書|でんししょうめいしょ}の {期限|きげん}が {切|き}れて います。{市役所|しやくしょ}などで {新|あたら}しく して ください({期限|きげん}の 3か{月|げつ} {前|まえ}から できます)。"
            }
            Text::SitSignLapsed => {
                "{引|ひ}っ{越|こ}しなどで {署名用|しょめいよう}の {電子証明書|でんししょうめいしょ}は {使|つか}えなく なります。{窓口|まどぐち}で もう{一度|いちど} {出|だ}して もらって ください。"
            }
            Text::SitNoPinCard => {
                "この カードは {暗証番号|あんしょうばんごう}が ないので、パソコンでは {使|つか}えません。{病院|びょういん}の {顔|かお}で {確|たし}かめる カードリーダーで {使|つか}えます。"
            }
            Text::SitNoSignCert => {
                "この カードには {署名用|しょめいよう}の {電子証明書|でんししょうめいしょ}が ありません(15{歳|さい}より {下|した}の {人|ひと}など)。{親|おや}などの {手続|てつづ}きか、ほかの {方法|ほうほう}が {必要|ひつよう}です。"
            }
            Text::SitInsuranceNotConfirmed => {
                "{仕事|しごと}を かえた すぐ {後|あと}は、まだ {反映|はんえい}されて いない ことが あります(2{週間|しゅうかん}ぐらい)。「{資格情報|しかくじょうほう}の お{知|し}らせ」か {資格確認書|しかくかくにんしょ}を {見|み}せて ください。"
            }
            Text::SitSharedComputer => "みんなで {使|つか}う パソコンでは、{前|まえ}の {人|ひと}の ものが {残|のこ}って いないか {確|たし}かめて ください。",
            Text::SitServerBusy => "こんで います。すこし {待|ま}ってから もう{一度|いちど} して ください。{入|い}れた ことは {残|のこ}って います。",
            Text::PinNotSet => "{暗証番号|あんしょうばんごう}なし({顔|かお}で {確|たし}かめる カード)",
        }
    }
}

/// "done / total bytes" for a read in progress.
pub fn bytes_read(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::Ja | Lang::EasyJa => format!("{done} / {total} バイト"),
        Lang::En => format!("{done} / {total} bytes"),
    }
}

/// "n tries left" for a PIN.
pub fn tries_left(lang: Lang, n: u8) -> String {
    match lang {
        Lang::Ja => format!("残り{n}回"),
        Lang::En if n == 1 => "1 try left".to_string(),
        Lang::En => format!("{n} tries left"),
        Lang::EasyJa => format!("あと {n}かい"),
    }
}

/// "The PIN was wrong; n tries left." (flows.md §8 E1; E2 at zero).
pub fn wrong_pin(lang: Lang, tries_left: u8) -> String {
    match (lang, tries_left) {
        (Lang::Ja, 0) => "暗証番号が違います。暗証番号はロックされました。市区町村の窓口で再設定してください。".to_string(),
        (Lang::Ja, n) => format!("暗証番号が違います。残り{n}回です。"),
        (Lang::En, 0) => "Wrong PIN. The PIN is now blocked; have it reset at your municipal office.".to_string(),
        (Lang::En, 1) => "Wrong PIN. 1 try left.".to_string(),
        (Lang::En, n) => format!("Wrong PIN. {n} tries left."),
        (Lang::EasyJa, 0) => {
            "あんしょうばんごうが ちがいます。ロックされました。しやくしょ などの まどぐちで なおして ください。".to_string()
        }
        (Lang::EasyJa, n) => format!("あんしょうばんごうが ちがいます。あと {n}かい です。"),
    }
}

/// An age in years ("40歳", "40", "40さい").
pub fn age_years(lang: Lang, years: u16) -> String {
    match lang {
        Lang::Ja => format!("{years}歳"),
        Lang::En => format!("{years}"),
        Lang::EasyJa => format!("{years}さい"),
    }
}

/// Opening hours of a telephone line and the menu digit to choose (flows.md §1C, §4.1; the
/// facts come from `flows::facts`).
pub fn phone_hours(lang: Lang, hours: &flows::facts::Hours, menu: u8) -> String {
    let ((wd_from, wd_to), (we_from, we_to)) = (hours.weekdays, hours.weekends_and_holidays);
    match lang {
        Lang::Ja => format!(
            "平日 {wd_from}〜{wd_to}、土日祝 {we_from}〜{we_to}{}。音声案内で{menu}番を選んでください。",
            if hours.closed_over_new_year { "(年末年始を除く)" } else { "" }
        ),
        Lang::En => format!(
            "Weekdays {wd_from}–{wd_to}, weekends and holidays {we_from}–{we_to}{}. Choose {menu} in the menu.",
            if hours.closed_over_new_year { " (closed over New Year)" } else { "" }
        ),
        Lang::EasyJa => format!(
            "へいじつ {wd_from}〜{wd_to}、どようび・にちようび・しゅくじつ {we_from}〜{we_to}{}。{menu}ばんを えらんで ください。",
            if hours.closed_over_new_year { "(おしょうがつは おやすみ)" } else { "" }
        ),
    }
}

/// A date as people read it: 2029年6月15日 in both Japanese (flows.md §7.2), ISO 8601 in English.
pub fn date(lang: Lang, date: flows::date::CivilDate) -> String {
    match lang {
        Lang::Ja | Lang::EasyJa => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
    }
}

/// flows.md §8 E14: the holder kana has a character banks reject; the message names it.
pub fn holder_kana_rejected(lang: Lang, character: char) -> String {
    match lang {
        Lang::Ja => format!("「{character}」は口座名義のカナに使えない文字です。自動で直した案を確認してください。"),
        Lang::En => format!("“{character}” cannot be used in the account holder's kana. Check the corrected suggestion."),
        Lang::EasyJa => format!("「{character}」は つかえない もじです。なおした ものを みて ください。"),
    }
}

/// A catalogue text with furigana markup, rendered with `<ruby>` (flows.md §7.2).
fn with_ruby(markup: &'static str) -> yew::Html {
    match ruby::segments(markup) {
        Ok(parts) => parts
            .into_iter()
            .map(|part| match part {
                ruby::Segment::Plain(text) => yew::Html::from(text),
                ruby::Segment::Ruby { base, reading } => yew::html! {
                    <ruby>{ base }<rt>{ reading }</rt></ruby>
                },
            })
            .collect(),
        // The catalogue test rules this out; show the raw text rather than nothing.
        Err(_) => yew::Html::from(markup),
    }
}

thread_local! {
    static PLAIN_EASY: std::cell::RefCell<std::collections::HashMap<(usize, usize), &'static str>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Checks a catalogue (tests of every catalogue module call it with the list of all its keys):
/// every key has a non-empty text in each language, the やさしい日本語 text is its own (not the
/// English one), and every kanji in it carries a kana reading.
#[cfg(test)]
pub(crate) fn check_catalogue<T: Catalogue>(every_key: &[T]) {
    assert!(!every_key.is_empty(), "the key list is empty");
    for &key in every_key {
        for lang in Lang::ALL {
            assert!(!key.get(lang).trim().is_empty(), "{key:?} is empty in {lang:?}");
        }
        assert_ne!(key.get(Lang::EasyJa), key.get(Lang::En), "{key:?}");
        let markup = key.text_easy();
        let parts = ruby::segments(markup).unwrap_or_else(|e| panic!("{key:?}: {e}"));
        for part in parts {
            match part {
                ruby::Segment::Plain(text) => {
                    let bare: String = text.chars().filter(|&c| ruby::is_kanji(c)).collect();
                    assert!(bare.is_empty(), "{key:?}: kanji without reading: {bare}");
                }
                ruby::Segment::Ruby { reading, .. } => {
                    assert!(
                        reading.chars().all(|c| ('\u{3041}'..='\u{309F}').contains(&c) || ('\u{30A0}'..='\u{30FF}').contains(&c)),
                        "{key:?}: the reading {reading} is not kana"
                    );
                }
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

    /// Every key, listed once. The exhaustive `match` in `listed` makes a key missing from
    /// this list a compile error of the tests, so the checks below cover the whole catalogue.
    macro_rules! every_key {
        ($($key:ident),* $(,)?) => {
            const EVERY_KEY: &[Text] = &[$(Text::$key),*];
            #[allow(dead_code)]
            fn listed(text: Text) {
                match text {
                    $(Text::$key)|* => {}
                }
            }
        };
    }
    every_key!(
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
        PersonaFaceOnly,
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
        CertVerdictValid,
        CertVerdictTestValid,
        CertVerdictInvalid,
        CertRevocationNotChecked,
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
        NavLabel,
        NavHome,
        NavCardStatus,
        NavInsurance,
        NavRehearsal,
        NavDocument,
        NavAccount,
        HomeAccountDesc,
        NavOverseas,
        NavPhone,
        HomeOverseasDesc,
        HomePhoneDesc,
        HomeTitle,
        HomeIntro,
        HomeCardStatusDesc,
        HomeInsuranceDesc,
        HomeRehearsalDesc,
        HomeDocumentDesc,
        StepsLabel,
        Next,
        Restart,
        Print,
        Yes,
        No,
        DontKnow,
        NothingLeavesBrowser,
        InsTitle,
        InsIntro,
        InsStepBefore,
        InsStepCheck,
        InsStepChannel,
        InsStepDone,
        InsChecklistTitle,
        InsChecklistCard,
        InsChecklistPin,
        InsChecklistReader,
        InsNoPinToRead,
        InsCheckCard,
        InsResultTitle,
        InsRenewalOpen,
        InsNoProblems,
        InsPinTestTitle,
        InsPinTestExplain,
        InsPinTestButton,
        InsPinTestConfirm,
        InsPinTestCancel,
        InsProblemsTitle,
        InsProblemsFixFirst,
        InsChannelsTitle,
        InsChannelMynaportal,
        InsChannelClinic,
        InsChannelAtm,
        InsChoose,
        InsChooseFirst,
        InsDoneMynaportal,
        InsOpenMynaportal,
        InsDoneClinic,
        InsDoneAtm,
        InsDoneReminder,
        RehTitle,
        RehIntro,
        RehStepCard,
        RehStepIdentity,
        RehStepConsent,
        RehStepHighCost,
        RehStepDone,
        RehPracticeSwitch,
        RehPlaceCard,
        RehContinueWithoutCard,
        RehIdentityTitle,
        RehFace,
        RehFaceExplain,
        RehPinChoice,
        RehPinTitle,
        RehPinCardWarning,
        RehEnterPin,
        RehPracticePinLabel,
        RehPracticePinNote,
        RehTreatmentTitle,
        RehConsentNote,
        RehAgree,
        RehDisagree,
        RehAgeTitle,
        RehAgeExplain,
        RehAgeFromCard,
        RehAgeReadsOnlyFourItems,
        RehBirthLabel,
        RehBirthHint,
        RehBirthUse,
        RehBirthInvalid,
        RehBirthAfterVisit,
        RehCheckupMetabolic,
        RehCheckupElderly,
        RehHighCostTitle,
        RehHighCostInfo,
        RehHighCostNote,
        RehSeedStyleSwitch,
        RehSeedStyleQuestion,
        RehProvide,
        RehNotProvide,
        RehDoneTitle,
        RehDoneReminder,
        RehSummaryTitle,
        RehSummaryMode,
        RehModePractice,
        RehModeCard,
        RehSummaryTreatment,
        RehSummaryAge,
        RehSummaryCheckup,
        RehSummaryHighCost,
        RehNotAsked,
        RehAgreed,
        RehDeclined,
        RehProvided,
        RehNotProvided,
        DocTitle,
        DocIntro,
        DocHasCard,
        DocRegistered,
        DocCertValid,
        DocLost,
        DocLateElderly,
        DocOldCard,
        DocCheckWithCard,
        DocAnswerTitle,
        DocShowMyna,
        DocApply,
        DocArrivesNoCard,
        DocArrivesNotRegistered,
        DocArrivesExpired,
        DocLateElderlyArrives,
        DocOldCardUsable,
        DocFindOut,
        DocInsurerContact,
        DocFreeDial,
            SitPinLocked,
        SitPinLockedKiosk,
        SitWrongKindFour,
        SitWrongKindPassword,
        SitUpperCased,
        SitCardNotDetected,
        SitReaderNotFound,
        SitExtensionDisabled,
        SitCertExpired,
        SitSignLapsed,
        SitNoPinCard,
        SitNoSignCert,
        SitInsuranceNotConfirmed,
        SitSharedComputer,
        SitServerBusy,
        PinNotSet,
    );

    #[test]
    fn every_key_has_a_text_in_all_three_languages_with_furigana() {
        check_catalogue(EVERY_KEY);
        assert_eq!(Lang::ALL.len(), 3);
    }

    #[test]
    fn parameterised_easy_texts_are_kana_only() {
        // The parameterised texts are written in kana only.
        let hours = phone_hours(Lang::EasyJa, &flows::facts::MYNUMBER_FREE_DIAL.hours, 5);
        for text in [tries_left(Lang::EasyJa, 2), wrong_pin(Lang::EasyJa, 0), wrong_pin(Lang::EasyJa, 1), age_years(Lang::EasyJa, 40), hours] {
            assert!(!text.chars().any(ruby::is_kanji), "{text}");
        }
    }

    #[test]
    fn easy_japanese_plain_text_drops_the_readings() {
        assert_eq!(Text::ReadCard.get(Lang::EasyJa), "カードを 読む");
        assert_eq!(Text::ReadCard.easy(), "カードを {読|よ}む");
        // Cached: the same static text every time.
        assert!(std::ptr::eq(Text::ReadCard.get(Lang::EasyJa), Text::ReadCard.get(Lang::EasyJa)));
        assert_eq!(Text::Yes.get(Lang::EasyJa), "はい");
    }

    #[test]
    fn easy_japanese_is_a_third_language() {
        assert_eq!(Lang::ALL, [Lang::Ja, Lang::En, Lang::EasyJa]);
        assert_eq!(Lang::EasyJa.tag(), "ja");
        assert_eq!(Lang::EasyJa.id(), "ja-easy");
        assert_eq!(Lang::from_tag("ja-easy"), Some(Lang::EasyJa));
        assert_eq!(Lang::from_tag("JA-EASY"), Some(Lang::EasyJa));
        // The switch's button names stay distinct (no name contains another's).
        assert!(!Lang::EasyJa.endonym().contains(Lang::Ja.endonym()));
        assert_eq!(tries_left(Lang::EasyJa, 1), "あと 1かい");
        assert_eq!(age_years(Lang::Ja, 40), "40歳");
        assert_eq!(
            phone_hours(Lang::Ja, &flows::facts::MYNUMBER_FREE_DIAL.hours, flows::facts::MENU_INSURANCE_USE),
            "平日 9:30〜20:00、土日祝 9:30〜17:30(年末年始を除く)。音声案内で5番を選んでください。"
        );
        assert_eq!(holder_kana_rejected(Lang::En, 'ー'), "“ー” cannot be used in the account holder's kana. Check the corrected suggestion.");
    }

}
