//! Texts of the embeddable widget (docs/widget-protocol.md): the embed shell (admission,
//! refusal, the permissions-policy message of readers.md §4.1), card login and the signed
//! submission of flows.md §5.2 (V1–V5) with the §6.2 consent text.
//!
//! Each key has Japanese, English and やさしい日本語 (with `{漢字|かんじ}` furigana), flows.md §7.2.
//! `allow="usb"` stays as written in every language: it is what the host page's author types.

use super::{catalogue, Catalogue, Lang};

catalogue! {
    /// Every text of the widget.
    WidgetText {
        // The embed shell.
        Preparing => ["準備しています…", "Getting ready…", "{準備|じゅんび}して います…"],
        WaitingForHost => ["手続きを読み込んでいます…", "Loading the procedure…", "{手続|てつづ}きを {読|よ}み{込|こ}んで います…"],
        RefusedTitle => [
            "このサイトには、この手続きを埋め込めません",
            "This site is not allowed to embed this procedure",
            "この サイトでは この {手続|てつづ}きを {使|つか}えません",
        ],
        RefusedBody => [
            "この手続きは、登録されたサイトの中でだけ使えます。お住まいの自治体などの公式サイトから開き直してください。",
            "This procedure works only inside the sites registered for it. Open it again from the official site, for example your municipality's.",
            "この {手続|てつづ}きは きめられた サイトの {中|なか}だけで {使|つか}えます。{市役所|しやくしょ}などの サイトから もう {一度|いちど} {開|ひら}いて ください。",
        ],
        RefusedDetails => [
            "技術的な詳細(断った理由と、埋め込もうとしたサイト)",
            "Technical details (why, and the site that tried to embed it)",
            "くわしい {理由|りゆう}({入|い}れようと した サイト)",
        ],
        UsbPolicyTitle => [
            "このページではカードリーダーを使えません",
            "The card reader cannot be used on this page",
            "この ページでは カードリーダーを {使|つか}えません",
        ],
        UsbPolicyBody => [
            "埋め込んでいるサイトが、USB機器の利用を許可していません。サイトの管理者は、この手続きの iframe に allow=\"usb\" を追加してください。それまでは、デモ用カードで試すことができます。",
            "The site embedding this procedure does not allow USB devices. The site's administrator must add allow=\"usb\" to this procedure's iframe. Until then you can try it with the demo card.",
            "この ページを {入|い}れて いる サイトが USBを {許可|きょか}して いません。サイトの {人|ひと}は iframe に allow=\"usb\" を {書|か}いて ください。それまでは デモの カードで {試|ため}せます。",
        ],
        UsbPolicyBodyNoDemo => [
            "埋め込んでいるサイトが、USB機器の利用を許可していません。サイトの管理者は、この手続きの iframe に allow=\"usb\" を追加してください。",
            "The site embedding this procedure does not allow USB devices. The site's administrator must add allow=\"usb\" to this procedure's iframe.",
            "この ページを {入|い}れて いる サイトが USBを {許可|きょか}して いません。サイトの {人|ひと}は iframe に allow=\"usb\" を {書|か}いて ください。",
        ],
        NoReaderYet => [
            "カードリーダーが接続されていません。下の「カードリーダーを接続」を押し、カードをリーダーに置いてから、もう一度お試しください。",
            "No card reader is connected. Press “Connect a card reader” below, put your card on the reader, then try again.",
            "カードリーダーが つながって いません。{下|した}の「カードリーダーを つなぐ」を {押|お}して、カードを リーダーに {置|お}いてから、もう {一度|いちど} やって ください。",
        ],
        SignPasswordDialogTitle => [
            "署名用パスワードの入力",
            "Enter your signature password",
            "{署名用|しょめいよう}の パスワードを {入|い}れる",
        ],
        RelyingPartyLabel => ["手続き先", "For", "{手続|てつづ}きの {相手|あいて}"],
        Close => ["閉じる", "Close", "{閉|と}じる"],
        Retry => ["もう一度試す", "Try again", "もう {一度|いちど} やる"],
        PinCancelled => [
            "暗証番号の入力を取りやめました。カードには何も送っていません。",
            "You cancelled the PIN entry. Nothing was sent to the card.",
            "{暗証番号|あんしょうばんごう}を {入|い}れるのを やめました。カードには {何|なに}も {送|おく}って いません。",
        ],
        LastTryNotConfirmed => [
            "残り1回のため、確認のチェックがないと暗証番号を送りません。",
            "Only one try is left, so the PIN is not sent without the confirmation tick.",
            "あと 1{回|かい}だけなので、チェックが ないと {暗証番号|あんしょうばんごう}を {送|おく}りません。",
        ],
        ReadingCard => ["カードを読み取っています…", "Reading the card…", "カードを {読|よ}んで います…"],
        Signing => ["カードで署名しています…", "The card is signing…", "カードで {署名|しょめい}して います…"],
        StatementRefused => [
            "署名する内容を作れませんでした。手続き先のサイトにお問い合わせください。",
            "The text to sign could not be made. Please contact the site you came from.",
            "{署名|しょめい}する {文|ぶん}を {作|つく}れませんでした。サイトに {聞|き}いて ください。",
        ],
        CertificateUnreadable => [
            "カードの電子証明書を読み取れませんでした。",
            "The card's certificate could not be read.",
            "カードの {証明書|しょうめいしょ}を {読|よ}めませんでした。",
        ],

        // Card login.
        LoginTitle => ["マイナンバーカードでログイン", "Log in with your My Number Card", "マイナンバーカードで ログイン"],
        LoginIntro => ["次のサイトにログインします。", "You are logging in to this site.", "この サイトに ログインします。"],
        LoginWhatTitle => ["これから行うこと", "What happens", "これから する こと"],
        LoginWhatCertificate => [
            "カードの利用者証明用電子証明書で、あなたのカードであることを証明します。",
            "The card's user-authentication certificate proves that it is your card.",
            "カードの {証明書|しょうめいしょ}で、あなたの カードだと {証明|しょうめい}します。",
        ],
        LoginWhatPin => [
            "利用者証明用暗証番号(数字4桁)を入力します。",
            "You enter the user-authentication PIN (4 digits).",
            "{数字|すうじ} 4つの {暗証番号|あんしょうばんごう}を {入|い}れます。",
        ],
        LoginWhatShared => [
            "送られるのは電子証明書と署名だけです。氏名・住所・マイナンバー・暗証番号は送られません。",
            "Only the certificate and the signature are sent. Your name, address, My Number and PIN are not.",
            "{送|おく}るのは {証明書|しょうめいしょ}と {署名|しょめい}だけです。{名前|なまえ}・{住所|じゅうしょ}・マイナンバー・{暗証番号|あんしょうばんごう}は {送|おく}りません。",
        ],
        LoginStart => ["カードを読み取ってログイン", "Read the card and log in", "カードを {読|よ}んで ログイン"],
        LoginDone => [
            "ログインの情報をサイトに送りました。サイトの案内に進んでください。",
            "The login was sent to the site. Continue with the site's instructions.",
            "ログインの {情報|じょうほう}を サイトに {送|おく}りました。サイトの {説明|せつめい}に {進|すす}んで ください。",
        ],

        // Signed submission (flows.md §5.2 V1–V5).
        SubmissionTitle => ["マイナンバーカードで署名して送信", "Sign and send with your My Number Card", "マイナンバーカードで {署名|しょめい}して {送|おく}る"],
        StepPurpose => ["目的", "Purpose", "{目的|もくてき}"],
        StepAccount => ["口座の入力", "Account", "{口座|こうざ}"],
        StepData => ["内容の確認", "Check", "{確認|かくにん}"],
        StepPassword => ["署名", "Sign", "{署名|しょめい}"],
        StepDone => ["完了", "Done", "おわり"],
        PurposeConsent => [
            "最新の基本4情報(氏名・住所・生年月日・性別)の提供への同意を、署名して送ります。",
            "You sign and send your consent to the provision of your latest basic 4 items (name, address, date of birth, sex).",
            "{新|あたら}しい {基本|きほん}4{情報|じょうほう}を {渡|わた}す ことへの {同意|どうい}を、{署名|しょめい}して {送|おく}ります。",
        ],
        PurposeAccount => [
            "公金受取口座の情報を、署名して送ります。",
            "You sign and send your account for public payments (公金受取口座).",
            "お{金|かね}を {受|う}け{取|と}る {口座|こうざ}を、{署名|しょめい}して {送|おく}ります。",
        ],
        SharedTitle => ["送られる情報", "What will be shared", "{送|おく}る {情報|じょうほう}"],
        SharedFourItems => [
            "署名用電子証明書に記録された、氏名・住所・生年月日・性別",
            "From the signature certificate: your name, address, date of birth and sex",
            "{署名|しょめい}の {証明書|しょうめいしょ}に ある {名前|なまえ}・{住所|じゅうしょ}・{生年月日|せいねんがっぴ}・{性別|せいべつ}",
        ],
        SharedData => [
            "次の画面で確認する、署名する内容",
            "The text you sign, shown on the next screen",
            "つぎの {画面|がめん}で {見|み}る {署名|しょめい}の {文|ぶん}",
        ],
        SharedNever => [
            "マイナンバー(個人番号)と暗証番号・パスワードは送られません。",
            "Your My Number and your PINs and password are never sent.",
            "マイナンバーと {暗証番号|あんしょうばんごう}・パスワードは {送|おく}りません。",
        ],
        ConsentTick => [
            "上の送り先と送られる情報を確認し、送ることに同意します。",
            "I have read who receives what, and I agree to send it.",
            "{送|おく}る {相手|あいて}と {情報|じょうほう}を {見|み}ました。{送|おく}って いいです。",
        ],
        TickFirst => ["同意のチェックを入れてください。", "Please tick the consent box first.", "{同意|どうい}の チェックを {入|い}れて ください。"],
        Next => ["次へ", "Next", "つぎへ"],
        Back => ["戻る", "Back", "もどる"],
        DataTitle => ["署名する内容", "What you sign", "{署名|しょめい}する {内容|ないよう}"],
        ExactTitle => ["署名される文そのもの", "The exact text that is signed", "{署名|しょめい}する {文|ぶん} そのもの"],
        ExactNote => [
            "カードはこの文に署名します。手続き先のサイトはこの文と署名を確認します。",
            "The card signs this text; the site checks this text and the signature.",
            "カードは この {文|ぶん}に {署名|しょめい}します。サイトは この {文|ぶん}と {署名|しょめい}を {確|たし}かめます。",
        ],
        SignWithPassword => [
            "署名用パスワードを入力して署名",
            "Enter the signature password and sign",
            "{署名|しょめい}の パスワードを {入|い}れて {署名|しょめい}",
        ],
        SubmissionDone => [
            "署名した内容をサイトに送りました。サイトの案内に進んでください。",
            "The signed text was sent to the site. Continue with the site's instructions.",
            "{署名|しょめい}した ものを サイトに {送|おく}りました。サイトの {説明|せつめい}に {進|すす}んで ください。",
        ],
        ConsentText => [
            "最新の基本4情報の提供に同意します",
            "I consent to the provision of my latest basic 4 items",
            "{新|あたら}しい {基本|きほん}4{情報|じょうほう}を {渡|わた}す ことに {同意|どうい}します",
        ],
        ConsentLabel => ["同意する内容", "Consent", "{同意|どうい}する こと"],

        // The account review step (flows.md §2.2 fields).
        AccountTitle => ["口座の入力", "Your account", "{口座|こうざ}を {入|い}れる"],
        BankCode => ["金融機関コード(数字4桁)", "Bank code (4 digits)", "{銀行|ぎんこう}の {番号|ばんごう}({数字|すうじ} 4つ)"],
        BranchCode => ["支店コード(数字3桁)", "Branch code (3 digits)", "{支店|してん}の {番号|ばんごう}({数字|すうじ} 3つ)"],
        AccountType => ["預金種目", "Account type", "{口座|こうざ}の {種類|しゅるい}"],
        Futsu => ["普通", "Ordinary (普通)", "{普通|ふつう}"],
        Toza => ["当座", "Current (当座)", "{当座|とうざ}"],
        AccountNumber => ["口座番号(7桁まで)", "Account number (up to 7 digits)", "{口座|こうざ}の {番号|ばんごう}(7けた まで)"],
        HolderKana => ["口座名義(カナ)", "Account holder (kana)", "{口座|こうざ}の {名前|なまえ}(カタカナ)"],
        AccountInvalid => [
            "印の付いた項目を確認してください。",
            "Please check the marked fields.",
            "しるしの ある ところを {確|たし}かめて ください。",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_widget_text_exists_in_three_languages_with_furigana() {
        super::super::check_catalogue(WidgetText::ALL);
        assert_eq!(WidgetText::ALL.len(), 59);
    }

    #[test]
    fn the_permissions_policy_message_names_allow_usb_in_every_language() {
        for lang in Lang::ALL {
            assert!(
                WidgetText::UsbPolicyBody
                    .get(lang)
                    .contains("allow=\"usb\""),
                "{lang:?}"
            );
        }
    }

    #[test]
    fn without_the_demo_card_nothing_offers_it() {
        for lang in Lang::ALL {
            for key in [WidgetText::UsbPolicyBodyNoDemo, WidgetText::NoReaderYet] {
                let text = key.get(lang);
                assert!(
                    !text.contains("デモ") && !text.contains("demo"),
                    "{key:?} {lang:?}"
                );
            }
            assert!(WidgetText::UsbPolicyBodyNoDemo
                .get(lang)
                .contains("allow=\"usb\""));
        }
        assert_eq!(
            WidgetText::NoReaderYet.get(Lang::En),
            "No card reader is connected. Press “Connect a card reader” below, put your card on the reader, then try again."
        );
    }

    #[test]
    fn the_refusal_details_say_what_they_hold_not_a_card_exchange() {
        assert_eq!(
            WidgetText::RefusedDetails.get(Lang::Ja),
            "技術的な詳細(断った理由と、埋め込もうとしたサイト)"
        );
        for lang in Lang::ALL {
            assert_ne!(
                WidgetText::RefusedDetails.get(lang),
                crate::i18n::Text::TechnicalDetails.get(lang)
            );
        }
    }

    #[test]
    fn the_consent_text_is_the_one_of_flows_6_2() {
        assert_eq!(
            WidgetText::ConsentText.get(Lang::Ja),
            "最新の基本4情報の提供に同意します"
        );
    }
}
