//! Texts of the smartphone-certificate helper (flows.md §4): the questions of §4.2, the advice
//! of each answer, and the call box (the number, menu digit and hours themselves come from
//! `flows::facts`; the hours are worded by [`super::phone_hours`]).
//!
//! Each key has Japanese, English and やさしい日本語 with `{漢字|かんじ}` furigana (flows.md §7.2).

use super::{catalogue, Catalogue, Lang};

catalogue! {
    /// Every fixed text of the smartphone-certificate page.
    PhoneText {
        Title => [
            "スマホ用電子証明書の失効・一時停止",
            "Smartphone certificate: revoke or suspend (スマホ用電子証明書)",
            "スマホの {電子証明書|でんししょうめいしょ}を とめる",
        ],
        Intro => [
            "スマートフォンを手放すとき、なくしたときにすることを案内します。カードは使いません。",
            "What to do with the certificate on your phone when you part with the phone or lose it. No card is needed.",
            "スマホを {人|ひと}に わたす ときや なくした ときに する ことを おしえます。カードは つかいません。",
        ],
        Back => ["戻る", "Back", "もどる"],
        ChooseOne => [
            "答えを1つ選んでください。",
            "Choose one answer.",
            "こたえを 1つ えらんで ください。",
        ],
        QWhatHappened => [
            "スマートフォンをどうしますか(どうなりましたか)?",
            "What is happening to the phone?",
            "スマホは どう なりましたか?",
        ],
        EventSold => [
            "下取り・買い取りに出す/売る/譲る",
            "Trading it in, selling it or giving it away",
            "{下取|したど}りに だす・うる・あげる",
        ],
        EventDisposed => ["廃棄する・回収に出す", "Disposing of it or handing it in for recycling", "すてる・{回収|かいしゅう}に だす"],
        EventRepair => ["修理に出す", "Sending it for repair", "{修理|しゅうり}に だす"],
        EventModelChange => [
            "機種変更(新しいスマートフォンに移る)",
            "Moving to a new phone (機種変更)",
            "あたらしい スマホに かえる",
        ],
        EventLost => ["なくした・盗まれた", "Lost or stolen", "なくした・とられた"],
        EventForgot => [
            "パスワードを忘れた",
            "I forgot the password",
            "パスワードを わすれた",
        ],
        QAlreadySuspended => [
            "電話で一時利用停止の手続きをもうしましたか?",
            "Have you already had the certificate suspended by phone?",
            "{電話|でんわ}で とめる {手続|てつづ}きは もう しましたか?",
        ],
        QFoundAgain => [
            "スマートフォンは見つかりましたか?",
            "Has the phone been found?",
            "スマホは みつかりましたか?",
        ],
        QCardAlsoLost => [
            "マイナンバーカードもなくしましたか?",
            "Did you also lose your My Number Card?",
            "マイナンバーカードも なくしましたか?",
        ],
        AnswerTitle => ["すること", "What to do", "する こと"],
        RevokeSold => [
            "手放す前に、そのスマートフォンのマイナポータルアプリで、スマホ用電子証明書を本人が失効させてください。お店の人が代わりにすることはできません。",
            "Before handing the phone over, revoke the smartphone certificate yourself in the Mynaportal app on that phone. Shop staff are not allowed to do it for you.",
            "わたす {前|まえ}に、その スマホの マイナポータルアプリで、{自分|じぶん}で {電子証明書|でんししょうめいしょ}を とりけして ください。お{店|みせ}の {人|ひと}は できません。",
        ],
        RevokeDisposed => [
            "手放す前に、そのスマートフォンのマイナポータルアプリで失効させてください。初期化(リセット)しても電子証明書は消えません。",
            "Before letting it go, revoke the certificate in the Mynaportal app on that phone. A factory reset does not remove the certificate.",
            "すてる {前|まえ}に、その スマホの マイナポータルアプリで とりけして ください。スマホを リセットしても {電子証明書|でんししょうめいしょ}は きえません。",
        ],
        RevokeRepair => [
            "修理に出す前に、そのスマートフォンのマイナポータルアプリで失効させてください。修理から戻ったら、もう一度申し込めます。",
            "Before sending it for repair, revoke the certificate in the Mynaportal app on that phone. After the repair you can apply again.",
            "{修理|しゅうり}に だす {前|まえ}に、その スマホの マイナポータルアプリで とりけして ください。{修理|しゅうり}の あと、また {申|もう}し{込|こ}めます。",
        ],
        RevokeNeedsPassword => [
            "失効にはスマホ用署名用電子証明書のパスワード(6〜16文字)が要ります。忘れたときは、先にカードを使ってアプリで再設定してください。",
            "Revoking needs the smartphone signature password (6–16 characters). If you forgot it, reset it with your card in the app first.",
            "とりけすには スマホの パスワード(6〜16{文字|もじ})が いります。わすれたら、さきに カードを つかって アプリで なおして ください。",
        ],
        ModelChange => [
            "マイナポータルアプリの「機種変更に伴う引継ぎ」を使ってください。新しいスマートフォンで発行すると、古いスマートフォンの電子証明書は自動で失効します。",
            "Use the Mynaportal app's 機種変更に伴う引継ぎ (model change) menu. Issuing a certificate on the new phone revokes the old phone's automatically.",
            "マイナポータルアプリの「{機種変更|きしゅへんこう}に ともなう ひきつぎ」を つかって ください。あたらしい スマホで つくると、ふるい スマホの {電子証明書|でんししょうめいしょ}は {自動|じどう}で つかえなく なります。",
        ],
        CallToSuspend => [
            "すぐに電話で一時利用停止を頼んでください。一時利用停止は24時間365日受け付けています。",
            "Call now and ask for temporary suspension. Suspension is taken 24 hours a day, 365 days a year.",
            "すぐに {電話|でんわ}して、とめて もらって ください。24{時間|じかん}、まいにち うけつけて います。",
        ],
        LiftSuspension => [
            "マイナポータルアプリで一時利用停止を解除してください。利用者証明用は使えるようになります。署名用電子証明書は新しく発行されるので、もう一度ダウンロードしてください。",
            "Lift the suspension in the Mynaportal app. The user-authentication certificate works again; the signature certificate is issued anew, so download it again.",
            "マイナポータルアプリで とめたのを もどして ください。{署名用|しょめいよう}の {電子証明書|でんししょうめいしょ}は もう いちど ダウンロードして ください。",
        ],
        RevokePerManual => [
            "見つからないときは、アプリの説明書に従って電子証明書を失効させてください。",
            "If it is not found, revoke the certificate following the app's manual.",
            "みつからない ときは、アプリの {説明|せつめい}の とおりに {電子証明書|でんししょうめいしょ}を とりけして ください。",
        ],
        ResetPassword => [
            "カードを使ってマイナポータルアプリでパスワードを再設定し、そのあと上の手続きを続けてください。わからないときは電話で相談できます。",
            "Reset the password with your card in the Mynaportal app, then carry on with what you came to do. You can also call for help.",
            "カードを つかって マイナポータルアプリで パスワードを なおして ください。わからない ときは {電話|でんわ}で きけます。",
        ],
        CardAlsoLost => [
            "カードもなくしたときは、同じ番号に電話してカードの電子証明書も止めてもらい、お住まいの市区町村にも届け出てください。",
            "Since the card is lost too, call the same number to have the card's certificates suspended as well, and tell your municipality.",
            "カードも なくした ときは、おなじ {番号|ばんごう}に {電話|でんわ}して カードも とめて もらって ください。{市役所|しやくしょ}などにも いって ください。",
        ],
        CallTitle => ["電話する", "Call", "{電話|でんわ}する"],
        FreeCall => [
            "マイナンバー総合フリーダイヤル(通話無料)",
            "My Number free dial (マイナンバー総合フリーダイヤル, free of charge)",
            "マイナンバーの {電話|でんわ}({無料|むりょう})",
        ],
        MenuLabel => ["音声案内の番号", "Menu number to choose", "えらぶ {番号|ばんごう}"],
        AroundTheClock => [
            "一時利用停止は24時間365日受付",
            "Suspension: 24 hours a day, 365 days a year",
            "とめる {手続|てつづ}きは 24{時間|じかん} まいにち",
        ],
        PrintCard => ["このページを印刷する", "Print this page", "この ページを {印刷|いんさつ}する"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_text_in_all_three_languages_with_furigana() {
        super::super::check_catalogue(PhoneText::ALL);
        assert_eq!(PhoneText::ALL.len(), 30);
        assert_eq!(PhoneText::EventLost.get(Lang::En), "Lost or stolen");
    }
}
