//! Texts of what the widget shows around a guidance flow in embed mode (docs/widget-protocol.md
//! §1.2): the explicit "send to <relying party>" step of the account flow, and the way back from
//! a page the flow opened (the insurance pre-check's "which document do I show?").
//!
//! Each key has Japanese, English and やさしい日本語 (with `{漢字|かんじ}` furigana), flows.md §7.2.

use super::{catalogue, Catalogue, Lang};

catalogue! {
    /// Every text of the widget's reporting to the host page.
    ReportText {
        SendTitle => [
            "この口座を手続き先に送りますか",
            "Send this account to the organisation?",
            "この {口座|こうざ}を {手続|てつづ}きの {相手|あいて}に {送|おく}りますか",
        ],
        SendExplain => [
            "まだ何も送っていません。下のボタンを押したときだけ、上の金融機関コード、支店コード、預金種目、口座番号、口座名義(カナ)を、ここに書かれた手続き先に送ります。暗証番号とマイナンバーは送りません。",
            "Nothing has been sent yet. Only when you press the button below are the bank code, branch code, account type, account number and account holder shown above sent to the organisation named here. No PIN and no My Number is sent.",
            "まだ {何|なに}も {送|おく}って いません。{下|した}の ボタンを {押|お}した ときだけ、{上|うえ}の {銀行|ぎんこう}と {支店|してん}と {口座|こうざ}の {番号|ばんごう}と {名前|なまえ}を、ここに {書|か}いた {相手|あいて}に {送|おく}ります。{暗証番号|あんしょうばんごう}と マイナンバーは {送|おく}りません。",
        ],
        SendRecipient => ["送り先", "Recipient", "{送|おく}り{先|さき}"],
        // Follows the relying party's name in Japanese, precedes it in English.
        SendVerb => ["に送る", "Send to", "に {送|おく}る"],
        Sent => [
            "この口座を手続き先に送りました。",
            "This account was sent to the organisation.",
            "この {口座|こうざ}を {手続|てつづ}きの {相手|あいて}に {送|おく}りました。",
        ],
        BackToFlow => ["手続きに戻る", "Back to the procedure", "{手続|てつづ}きに {戻|もど}る"],
    }
}

/// The send button's label: "<relying party>に送る", "Send to <relying party>".
pub fn send_button(lang: Lang, relying_party: &str) -> yew::Html {
    let verb = ReportText::SendVerb.view(lang);
    match lang {
        Lang::En => yew::html! { <>{ verb }{ " " }{ relying_party.to_owned() }</> },
        _ => yew::html! { <>{ relying_party.to_owned() }{ verb }</> },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_text_exists_in_three_languages_with_furigana() {
        super::super::check_catalogue(ReportText::ALL);
        assert_eq!(ReportText::ALL.len(), 6);
    }

    #[test]
    fn the_send_explanation_says_nothing_is_sent_before_the_button_and_never_the_pin() {
        assert!(ReportText::SendExplain
            .get(Lang::En)
            .starts_with("Nothing has been sent yet."));
        assert!(ReportText::SendExplain
            .get(Lang::En)
            .ends_with("No PIN and no My Number is sent."));
        assert!(ReportText::SendExplain
            .get(Lang::Ja)
            .starts_with("まだ何も送っていません。"));
        assert!(ReportText::SendExplain
            .get(Lang::EasyJa)
            .contains("マイナンバーは 送りません"));
    }
}
