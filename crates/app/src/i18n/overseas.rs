//! Texts of the overseas-card guidance page (flows.md §3): the wizard's questions (§3.2), the
//! checklists' lines, the not-eligible ends, and the printable draft of §3.3.
//!
//! Each key has Japanese, English and やさしい日本語 (with `{漢字|かんじ}` furigana), flows.md §7.2.
//! Procedure names (国外転出届, 本籍地, 在留届) stay in Japanese in English with a gloss, because
//! people must find them on the official forms. Texts with a value in them (dates, counts) are the
//! functions at the end; their やさしい日本語 is furigana markup too, rendered by [`markup_view`].

use flows::date::CivilDate;
use flows::overseas::{DeadlineStatus, PHOTO_MAX_AGE_MONTHS, PHOTO_SIZE_MM, READY_EMAIL_AFTER_MONTHS};

use super::{catalogue, ruby, Catalogue, Lang};

catalogue! {
    /// Every fixed text of the overseas-card page.
    OverseasText {
        Title => [
            "海外に住む方のマイナンバーカード",
            "My Number Card when you live abroad (国外転出者向けマイナンバーカード)",
            "{海外|かいがい}に {住|す}む {人|ひと}の マイナンバーカード",
        ],
        Intro => [
            "質問に1つずつ答えると、あなたに必要な手続きと持ち物の一覧ができます。申請書の下書きも作れます。",
            "Answer one question at a time to get the steps and the things you need, and a draft of the application form's personal fields.",
            "しつもんに 1つずつ こたえると、する ことと もって いく ものが わかります。{申請書|しんせいしょ}の したがきも つくれます。",
        ],
        Back => ["戻る", "Back", "もどる"],
        ChooseOne => [
            "答えを1つ選んでください。",
            "Choose one answer.",
            "こたえを 1つ えらんで ください。",
        ],
        QNational => ["日本国籍ですか?", "Are you a Japanese national?", "{日本|にほん}の {国籍|こくせき}ですか?"],
        QResident => [
            "今、日本に住民票がありますか?",
            "Are you registered as a resident in Japan now (住民票)?",
            "いま、{日本|にほん}に {住民票|じゅうみんひょう}が ありますか?",
        ],
        QCardBeforeLeaving => [
            "有効なマイナンバーカードを持っていますか?",
            "Do you have a valid My Number Card?",
            "つかえる マイナンバーカードを もって いますか?",
        ],
        QDeparture => [
            "出国(転出)予定日はいつですか?",
            "When do you plan to leave Japan (departure date)?",
            "{日本|にほん}を でる {日|ひ}は いつですか?",
        ],
        DepartureLabel => ["転出予定日", "Planned departure date", "{日本|にほん}を でる {日|ひ}"],
        DepartureRule => [
            "海外継続利用の手続きは、転出予定日の前日までに市区町村の窓口でします。当日や出国した後はできません。",
            "The continued-use procedure (海外継続利用) is done at the municipal window no later than the day before departure. It cannot be done on the day or afterwards.",
            "カードを {海外|かいがい}で つかう {手続|てつづ}きは、でる {日|ひ}の {前|まえ}の {日|ひ}までに します。でる {日|ひ}や でた あとは できません。",
        ],
        DateInvalid => [
            "日付を選んでください(年-月-日)。",
            "Enter a date (year-month-day).",
            "{日|ひ}を えらんで ください。",
        ],
        QSignAbroad => [
            "海外で電子署名(e-Taxなど)を使いますか?",
            "Will you use electronic signatures abroad (e-Tax and others)?",
            "{海外|かいがい}で {電子署名|でんししょめい}(e-Tax など)を つかいますか?",
        ],
        QRegistered2015 => [
            "2015年10月5日以降に、日本で住民登録をしたことがありますか?",
            "Have you been registered as a resident in Japan at any time since 5 October 2015?",
            "2015{年|ねん}10{月|がつ}5{日|か}より あとに、{日本|にほん}で {住民登録|じゅうみんとうろく}を した ことが ありますか?",
        ],
        QCardAbroad => [
            "今、有効なマイナンバーカードが手元にありますか?",
            "Do you have a valid My Number Card with you now?",
            "いま、つかえる マイナンバーカードを もって いますか?",
        ],
        QMethod => [
            "申請書をどのように出しますか?",
            "How will you hand in the application?",
            "{申請書|しんせいしょ}を どう やって だしますか?",
        ],
        MethodWindow => [
            "窓口に出す(在外公館・本籍地の市区町村・一時帰国先の市区町村)",
            "At a window (embassy or consulate, the 本籍地 municipality, or the municipality where you stay on a temporary return)",
            "まどぐちに だす({大使館|たいしかん}など・{本籍地|ほんせきち}の {市役所|しやくしょ}など・いちじ {帰国|きこく}した ときに いる ところの {市役所|しやくしょ}など)",
        ],
        MethodMail => [
            "郵送する(本籍地の市区町村だけ)",
            "By mail (to the 本籍地 municipality only)",
            "{郵便|ゆうびん}で おくる({本籍地|ほんせきち}の {市役所|しやくしょ}などだけ)",
        ],
        QPlace => [
            "カードをどこで受け取りますか?",
            "Where will you pick up the card?",
            "カードを どこで うけとりますか?",
        ],
        PlaceEmbassy => [
            "在外公館(大使館・総領事館)",
            "Embassy or consulate (在外公館)",
            "{大使館|たいしかん}・{総領事館|そうりょうじかん}",
        ],
        PlaceHonseki => [
            "本籍地の市区町村",
            "The 本籍地 (family-register) municipality",
            "{本籍地|ほんせきち}の {市役所|しやくしょ}など",
        ],
        PlaceTemporary => [
            "一時帰国先の市区町村",
            "The municipality where you stay on a temporary return",
            "いちじ {帰国|きこく}した ときに いる ところの {市役所|しやくしょ}など",
        ],
        QCertificates => [
            "電子証明書の発行を希望しますか?",
            "Do you want electronic certificates issued with the card?",
            "{電子証明書|でんししょうめいしょ}も ほしいですか?",
        ],
        QReturn => [
            "日本に帰って住む予定がありますか?",
            "Do you plan to come back to live in Japan?",
            "{日本|にほん}に かえって {住|す}む {予定|よてい}が ありますか?",
        ],
        NotEligibleTitle => [
            "海外向けのマイナンバーカードの対象外です",
            "You cannot get the overseas My Number Card",
            "{海外|かいがい}の {人|ひと}の マイナンバーカードは つくれません",
        ],
        NotForeign => [
            "日本国籍でない方は対象外です。日本に住んでいたときにカードを持っていた場合も同じです。",
            "People who are not Japanese nationals cannot get it, even if they held a card while living in Japan.",
            "{日本|にほん}の {国籍|こくせき}で ない {人|ひと}は つくれません。{日本|にほん}で カードを もって いた {人|ひと}も おなじです。",
        ],
        NotRegistered => [
            "2015年10月5日以降に日本で住民登録がない方は対象外です(海外で生まれ、日本で住民登録をしたことがない方を含みます)。",
            "People not registered as residents in Japan at any time since 5 October 2015 cannot get it (including people born abroad who were never registered in Japan).",
            "2015{年|ねん}10{月|がつ}5{日|か}より あとに {日本|にほん}で {住民登録|じゅうみんとうろく}を して いない {人|ひと}は つくれません。",
        ],
        ChecklistTitle => ["あなたのチェックリスト", "Your checklist", "あなたが する こと"],
        KindContinued => [
            "国内のカードを海外でも使い続ける(海外継続利用)",
            "Keep using your card abroad (海外継続利用, continued use)",
            "いまの カードを {海外|かいがい}でも つかう",
        ],
        KindNewBeforeLeaving => [
            "有効なカードがないまま出国する",
            "Leaving Japan without a valid card",
            "つかえる カードが なくて {日本|にほん}を でる",
        ],
        KindMaintenance => [
            "海外でカードを使い続ける(変更・暗証番号・紛失)",
            "Keeping your card in order abroad (changes, PIN, loss)",
            "{海外|かいがい}で カードを つかう(かわった とき・{暗証番号|あんしょうばんごう}・なくした とき)",
        ],
        KindNewFromAbroad => [
            "海外から新しいカードを申請する",
            "Applying for a new card from abroad",
            "{海外|かいがい}から あたらしい カードを {申請|しんせい}する",
        ],
        ItemSubmitNotice => [
            "市区町村の窓口に国外転出届とカードを一緒に出し、「海外継続利用」を申し出る",
            "At the municipal window, hand in the 国外転出届 (notice of moving abroad) together with the card and ask for 海外継続利用 (continued use)",
            "{市役所|しやくしょ}などの まどぐちに {国外転出届|こくがいてんしゅつとどけ}と カードを いっしょに だして、「{海外継続利用|かいがいけいぞくりよう}」を おねがいする",
        ],
        ItemBringCard => [
            "カードを持って行き、4桁の暗証番号を確かめておく(顔認証だけのカードは暗証番号不要)",
            "Bring the card and know its 4-digit PIN (a face-recognition-only card needs none)",
            "カードを もって いく。4けたの {暗証番号|あんしょうばんごう}を おぼえて おく",
        ],
        ItemProxy => [
            "代理人が行くときは、代理人の書類(委任状など)",
            "If someone goes for you: the proxy documents (such as a letter of attorney)",
            "ほかの {人|ひと}が いく ときは、その {人|ひと}の {書類|しょるい}(いにんじょう など)",
        ],
        ItemHonseki => [
            "本籍地の市区町村名を確かめておく",
            "Know the name of your 本籍地 (family-register) municipality",
            "{本籍地|ほんせきち}の {市町村|しちょうそん}の {名前|なまえ}を しらべて おく",
        ],
        ItemEmail => [
            "メールアドレス(海外での連絡用)",
            "An e-mail address (for contact while abroad)",
            "メールアドレス({海外|かいがい}で れんらくを うける ため)",
        ],
        ItemSignCert => [
            "国外転出者向けの署名用電子証明書を同時に申請する(英大文字と数字6〜16文字のパスワード)。今の署名用電子証明書は転出で失効します",
            "Request the overseas signature certificate at the same time (a password of 6–16 capital letters and digits). Your current signature certificate lapses when you leave",
            "{海外|かいがい}で つかう {署名用電子証明書|しょめいようでんししょうめいしょ}も いっしょに {申請|しんせい}する。いまの ものは でる ときに つかえなく なります",
        ],
        ItemZairyu => [
            "出国後は在外公館に在留届を出す",
            "After leaving, file the 在留届 (residence notification) with the embassy or consulate",
            "{日本|にほん}を でた あと、{大使館|たいしかん}などに {在留届|ざいりゅうとどけ}を だす",
        ],
        ItemApplyInJapan => [
            "出国前に、国内でカードを申請する",
            "Apply for a card in Japan before you leave",
            "{日本|にほん}を でる {前|まえ}に、カードを {申請|しんせい}する",
        ],
        ItemApplyFromAbroad => [
            "または、出国した後に海外から国外転出者向けのカードを申請する",
            "Or apply for an overseas card from abroad after you leave",
            "または、{日本|にほん}を でた あとで {海外|かいがい}から カードを {申請|しんせい}する",
        ],
        ItemReportChanges => [
            "氏名などが変わったら、本籍地の市区町村(変更の届出)か在外公館(新しいカード)へ",
            "If your name or other details change: tell the 本籍地 municipality (change notice) or an embassy (new card)",
            "{名前|なまえ}などが かわったら、{本籍地|ほんせきち}の {市役所|しやくしょ}などか {大使館|たいしかん}などに いう",
        ],
        ItemPinReset => [
            "暗証番号の再設定は、本籍地の市区町村か在外公館で",
            "PIN reset: at the 本籍地 municipality or an embassy",
            "{暗証番号|あんしょうばんごう}を なおす ときは、{本籍地|ほんせきち}の {市役所|しやくしょ}などか {大使館|たいしかん}などで",
        ],
        ItemLostCard => [
            "カードをなくしたら、24時間受付の番号に電話する:",
            "If you lose the card, call the 24-hour number:",
            "カードを なくしたら、24{時間|じかん} うけつけの {番号|ばんごう}に {電話|でんわ}する:",
        ],
        LostCardVerify => [
            "(海外からつながるかは確認中です)",
            "(whether it can be reached from abroad is still being confirmed)",
            "({海外|かいがい}から つながるかは しらべて いる ところです)",
        ],
        ItemDownloadForms => [
            "2つの様式をダウンロードする(手書きより入力がおすすめ):",
            "Download the two forms (typing them is recommended over handwriting):",
            "2つの {書類|しょるい}を ダウンロードする({手書|てが}きより パソコンで うつ ほうが よい):",
        ],
        ItemHandIn => [
            "窓口(在外公館・本籍地・一時帰国先の市区町村)に出す。手数料はかかりません",
            "Hand them in at a window (embassy, 本籍地 or temporary-return municipality). There is no fee",
            "まどぐち({大使館|たいしかん}など・{本籍地|ほんせきち}・いちじ {帰国|きこく}した ところ)に だす。お{金|かね}は かかりません",
        ],
        ItemMail => [
            "本籍地の市区町村へ、追跡できる郵便で送る。手数料はかかりません",
            "Mail them, tracked, to the 本籍地 municipality. There is no fee",
            "{本籍地|ほんせきち}の {市役所|しやくしょ}などに、{追跡|ついせき}できる {郵便|ゆうびん}で おくる。お{金|かね}は かかりません",
        ],
        ItemCertsYes => [
            "申請書で電子証明書の発行を「希望する」にする",
            "On the form, ask for the electronic certificates (希望する)",
            "{申請書|しんせいしょ}で {電子証明書|でんししょうめいしょ}を「ほしい」に する",
        ],
        ItemCertsNo => [
            "申請書で電子証明書の発行を「希望しない」にする",
            "On the form, decline the electronic certificates (希望しない)",
            "{申請書|しんせいしょ}で {電子証明書|でんししょうめいしょ}を「いらない」に する",
        ],
        ItemPickUp => [
            "期限までに、本人確認書類を持って本人が受け取りに行く:",
            "Before the stated deadline, go in person with your ID documents to pick it up at:",
            "きめられた {日|ひ}までに、{本人|ほんにん}が みぶんしょうを もって うけとりに いく:",
        ],
        ItemReturn => [
            "帰国したら、転入届と一緒にカードの記載事項の変更をする",
            "When you come back: file the 転入届 (moving-in notice) and have the card's details updated at the same time",
            "{日本|にほん}に かえったら、{転入届|てんにゅうとどけ}を だして、カードの {中身|なかみ}も かえて もらう",
        ],
        DraftTitle => ["申請書の下書き", "Draft of the application", "{申請書|しんせいしょ}の したがき"],
        DraftIntro => [
            "カードの基本4情報(氏名・住所・生年月日・性別)で申請書の個人欄を埋めます。カードを使わずに入力することもできます。",
            "The personal fields of the form are filled from the card's 基本4情報 (name, address, date of birth, sex). You can also type them without the card.",
            "カードの {名前|なまえ}・{住所|じゅうしょ}・{生年月日|せいねんがっぴ}・{性別|せいべつ}で {申請書|しんせいしょ}を うめます。カードを つかわないで {入力|にゅうりょく}する ことも できます。",
        ],
        DraftFromCard => [
            "カードから読む(券面事項入力補助用の暗証番号)",
            "Read them from the card (card-information PIN)",
            "カードから {読|よ}む({数字|すうじ} 4けたの {暗証番号|あんしょうばんごう})",
        ],
        DraftReadsOnlyFourItems => [
            "読むのは基本4情報のファイルだけです。マイナンバー(個人番号)は読みません。読んだ内容はこのページの中だけで使い、保存しません。",
            "Only the 基本4情報 file is read; the My Number is never read. What is read stays on this page and is not stored.",
            "{読|よ}むのは {名前|なまえ}などの 4つだけです。マイナンバーは {読|よ}みません。{読|よ}んだ ものは {保存|ほぞん}しません。",
        ],
        DraftCardRead => [
            "カードから基本4情報を読みました。",
            "The 基本4情報 were read from the card.",
            "カードから {名前|なまえ}などを {読|よ}みました。",
        ],
        DraftTypeTitle => [
            "カードにない項目を入力してください",
            "Fill in what the card cannot give",
            "カードに ない ものを {入力|にゅうりょく}して ください",
        ],
        FieldName => ["氏名", "Name", "{名前|なまえ}"],
        FieldBirth => ["生年月日", "Date of birth", "{生年月日|せいねんがっぴ}"],
        BirthHint => [
            "西暦で 年-月-日(例: 1980-04-01)",
            "Year-month-day (e.g. 1980-04-01)",
            "{年|ねん}-{月|つき}-{日|ひ}(れい: 1980-04-01)",
        ],
        FieldSex => ["性別", "Sex", "{性別|せいべつ}"],
        SexMale => ["男", "Male", "{男|おとこ}"],
        SexFemale => ["女", "Female", "{女|おんな}"],
        FieldAddress => ["住所(日本国内)", "Address in Japan", "{日本|にほん}の {住所|じゅうしょ}"],
        NoAddress => [
            "(カードに日本の住所がありません)",
            "(the card has no address in Japan)",
            "(カードに {日本|にほん}の {住所|じゅうしょ}が ありません)",
        ],
        FieldHonseki => ["本籍", "本籍 (family-register address)", "{本籍|ほんせき}"],
        FieldEmail => ["メールアドレス", "E-mail address", "メールアドレス"],
        FieldDeparture => ["転出予定日", "Planned departure date", "{日本|にほん}を でる {日|ひ}"],
        FieldPickUp => ["受取場所", "Pick-up place", "うけとる ところ"],
        FieldCertificates => ["電子証明書の発行", "Electronic certificates", "{電子証明書|でんししょうめいしょ}"],
        CertsWanted => ["希望する", "Wanted (希望する)", "ほしい"],
        CertsNotWanted => ["希望しない", "Not wanted (希望しない)", "いらない"],
        DraftFormContinued => [
            "国外転出届・海外継続利用の申し出(窓口で書く内容の下書き)",
            "国外転出届 and request for continued use (draft of what you write at the window)",
            "{国外転出届|こくがいてんしゅつとどけ}と {海外継続利用|かいがいけいぞくりよう}(まどぐちで かく ことの したがき)",
        ],
        DraftFormNewCard => [
            "個人番号カード交付申請書 兼 電子証明書発行/更新申請書",
            "個人番号カード交付申請書 兼 電子証明書発行/更新申請書 (card and certificate application)",
            "{個人番号|こじんばんごう}カード{交付申請書|こうふしんせいしょ}({電子証明書|でんししょうめいしょ}の {申請|しんせい}も いっしょ)",
        ],
        PinFormTitle => [
            "個人番号カード・電子証明書 暗証番号設定依頼書",
            "個人番号カード・電子証明書 暗証番号設定依頼書 (PIN setting form)",
            "{暗証番号|あんしょうばんごう}を きめる {書類|しょるい}",
        ],
        PinFormNote => [
            "暗証番号の欄は空けてあります。印刷した後、本人が手で書いてください。このアプリは暗証番号を印刷も保存もしません。代理人が出すときは封筒に入れて封をしてください。",
            "The PIN fields are left blank. Write them by hand yourself after printing. This app never prints or stores PINs. If a proxy hands it in, seal it in an envelope.",
            "{暗証番号|あんしょうばんごう}の ところは からです。{印刷|いんさつ}した あと、{自分|じぶん}で {手|て}で かいて ください。この アプリは {暗証番号|あんしょうばんごう}を {印刷|いんさつ}も {保存|ほぞん}も しません。",
        ],
        PinAuthField => [
            "利用者証明用電子証明書(数字4桁)",
            "User-authentication certificate (4 digits)",
            "{利用者証明用電子証明書|りようしゃしょうめいようでんししょうめいしょ}({数字|すうじ} 4けた)",
        ],
        PinCardInfoField => [
            "券面事項入力補助用(数字4桁)",
            "Card-information input support (4 digits)",
            "{券面事項入力補助用|けんめんじこうにゅうりょくほじょよう}({数字|すうじ} 4けた)",
        ],
        PinResidentField => [
            "住民基本台帳用(数字4桁)",
            "Resident registry (4 digits)",
            "{住民基本台帳用|じゅうみんきほんだいちょうよう}({数字|すうじ} 4けた)",
        ],
        PinSignField => [
            "署名用電子証明書(英大文字と数字 6〜16文字)",
            "Signature certificate (6–16 capital letters and digits)",
            "{署名用電子証明書|しょめいようでんししょうめいしょ}(ABC などの {大文字|おおもじ}と {数字|すうじ} 6〜16{文字|もじ})",
        ],
        DraftVerifyNote => [
            "実際の様式の項目と順番は、ダウンロードした様式で確かめてください。",
            "Check the real form's fields and their order against the form you downloaded.",
            "ほんとうの {書類|しょるい}の {項目|こうもく}は、ダウンロードした {書類|しょるい}で たしかめて ください。",
        ],
        PrintDraft => ["下書きを印刷する", "Print the draft", "したがきを {印刷|いんさつ}する"],
    }
}

/// A text with furigana markup built at run time (a value inside), as HTML: `<ruby>` for
/// やさしい日本語, plain text otherwise (the same rendering as [`Catalogue::view`]).
pub fn markup_view(lang: Lang, markup: &str) -> yew::Html {
    if lang != Lang::EasyJa {
        return yew::Html::from(markup.to_string());
    }
    match ruby::segments(markup) {
        Ok(parts) => parts
            .into_iter()
            .map(|part| match part {
                ruby::Segment::Plain(text) => yew::Html::from(text.to_string()),
                ruby::Segment::Ruby { base, reading } => yew::html! {
                    <ruby>{ base.to_string() }<rt>{ reading.to_string() }</rt></ruby>
                },
            })
            .collect(),
        Err(_) => yew::Html::from(ruby::plain(markup)),
    }
}

/// A date as people read it (flows.md §7.2): 2027年1月9日 in Japanese, ISO 8601 in English, and
/// for やさしい日本語 the same with furigana on 年・月・日.
pub fn date(lang: Lang, date: CivilDate) -> String {
    match lang {
        Lang::EasyJa => {
            format!("{}{{年|ねん}}{}{{月|がつ}}{}{{日|にち}}", date.year(), date.month(), date.day())
        }
        _ => super::date(lang, date),
    }
}

/// The continued-use deadline line (flows.md §3.1: on or before the day before departure), with
/// its date; markup for やさしい日本語.
pub fn deadline(lang: Lang, status: DeadlineStatus) -> String {
    match (lang, status) {
        (Lang::Ja, DeadlineStatus::Open { last_day, days_left }) => {
            format!("海外継続利用の手続きは{}までです(あと{days_left}日)。", date(lang, last_day))
        }
        (Lang::En, DeadlineStatus::Open { last_day, days_left }) => format!(
            "The last day for the continued-use procedure is {} ({days_left} {} from today).",
            date(lang, last_day),
            if days_left == 1 { "day" } else { "days" }
        ),
        (Lang::EasyJa, DeadlineStatus::Open { last_day, days_left }) => format!(
            "カードを {{海外|かいがい}}で つかう {{手続|てつづ}}きは {}までです(あと {days_left}{{日|にち}})。",
            date(lang, last_day)
        ),
        (Lang::Ja, DeadlineStatus::LastDay { last_day }) => {
            format!("今日({})が、海外継続利用の手続きができる最後の日です。", date(lang, last_day))
        }
        (Lang::En, DeadlineStatus::LastDay { last_day }) => {
            format!("Today ({}) is the last day for the continued-use procedure.", date(lang, last_day))
        }
        (Lang::EasyJa, DeadlineStatus::LastDay { last_day }) => format!(
            "{{今日|きょう}}({})が、{{手続|てつづ}}きが できる {{最後|さいご}}の {{日|ひ}}です。",
            date(lang, last_day)
        ),
        (Lang::Ja, DeadlineStatus::Passed { last_day }) => format!(
            "継続利用は転出予定日の前日({})までです。この日程では手続きできず、カードは失効します。出国した後に海外から新しいカードを申請できます。",
            date(lang, last_day)
        ),
        (Lang::En, DeadlineStatus::Passed { last_day }) => format!(
            "Continued use must be requested by the day before departure ({}). With this date it is too late and the card lapses; you can apply for a new card from abroad after leaving.",
            date(lang, last_day)
        ),
        (Lang::EasyJa, DeadlineStatus::Passed { last_day }) => format!(
            "{{手続|てつづ}}きは でる {{日|ひ}}の {{前|まえ}}の {{日|ひ}}({})までです。もう できません。カードは つかえなく なります。{{海外|かいがい}}から あたらしい カードを {{申請|しんせい}}できます。",
            date(lang, last_day)
        ),
    }
}

/// The photo line of checklist N-abroad (flows.md §3.1), from the facts of `flows::overseas`.
pub fn photo_spec(lang: Lang) -> String {
    let (height, width) = PHOTO_SIZE_MM;
    let cm = |mm: u8| format!("{}.{}", mm / 10, mm % 10);
    let months = PHOTO_MAX_AGE_MONTHS;
    match lang {
        Lang::Ja => format!("写真: 縦{}cm×横{}cm、{months}か月以内に撮影したもの(1歳未満は不要)", cm(height), cm(width)),
        Lang::En => format!(
            "Photo: {} cm high × {} cm wide, taken within {months} months (not needed under age 1)",
            cm(height),
            cm(width)
        ),
        Lang::EasyJa => format!(
            "{{写真|しゃしん}}: たて {}cm×よこ {}cm。{months}か{{月|げつ}}より {{前|まえ}}に とった ものは だめです(1さいより {{下|した}}の {{人|ひと}}は いりません)",
            cm(height),
            cm(width)
        ),
    }
}

/// The "ready" e-mail line of checklist N-abroad (flows.md §3.1: about 2 months).
pub fn ready_email(lang: Lang) -> String {
    let months = READY_EMAIL_AFTER_MONTHS;
    match lang {
        Lang::Ja => format!("約{months}か月後、カードの準備ができたことがメールで届く"),
        Lang::En => format!("In about {months} months an e-mail says the card is ready"),
        Lang::EasyJa => {
            format!("{months}か{{月|げつ}}ぐらいで、カードが できた ことを しらせる メールが {{来|き}}ます")
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    /// The macro builds the enum and [`OverseasText::ALL`] from one table, so every key is checked.
    #[test]
    fn every_key_has_a_text_in_all_three_languages_with_furigana() {
        super::super::check_catalogue(OverseasText::ALL);
        assert_eq!(OverseasText::ALL.len(), 82);
    }

    #[test]
    fn deadline_lines_name_the_day_before_departure() {
        let open = DeadlineStatus::Open { last_day: d("2027-01-09"), days_left: 37 };
        assert_eq!(deadline(Lang::Ja, open), "海外継続利用の手続きは2027年1月9日までです(あと37日)。");
        assert_eq!(
            deadline(Lang::En, open),
            "The last day for the continued-use procedure is 2027-01-09 (37 days from today)."
        );
        assert_eq!(
            ruby::plain(&deadline(Lang::EasyJa, open)),
            "カードを 海外で つかう 手続きは 2027年1月9日までです(あと 37日)。"
        );
        let last = DeadlineStatus::LastDay { last_day: d("2026-12-03") };
        assert_eq!(deadline(Lang::Ja, last), "今日(2026年12月3日)が、海外継続利用の手続きができる最後の日です。");
        let passed = DeadlineStatus::Passed { last_day: d("2026-12-02") };
        assert!(deadline(Lang::En, passed)
            .starts_with("Continued use must be requested by the day before departure (2026-12-02)."));
        assert_eq!(
            deadline(Lang::En, DeadlineStatus::Open { last_day: d("2026-12-04"), days_left: 1 }),
            "The last day for the continued-use procedure is 2026-12-04 (1 day from today)."
        );
    }

    #[test]
    fn parameterised_easy_texts_have_readings_on_every_kanji() {
        let statuses = [
            DeadlineStatus::Open { last_day: d("2027-01-09"), days_left: 3 },
            DeadlineStatus::LastDay { last_day: d("2027-01-09") },
            DeadlineStatus::Passed { last_day: d("2027-01-09") },
        ];
        let mut texts: Vec<String> = statuses.iter().map(|s| deadline(Lang::EasyJa, *s)).collect();
        texts.extend([photo_spec(Lang::EasyJa), ready_email(Lang::EasyJa), date(Lang::EasyJa, d("2026-12-03"))]);
        for text in texts {
            for part in ruby::segments(&text).unwrap() {
                if let ruby::Segment::Plain(plain) = part {
                    assert!(!plain.chars().any(ruby::is_kanji), "{text}");
                }
            }
        }
    }

    #[test]
    fn the_photo_and_mail_facts_come_from_the_flows_crate() {
        assert_eq!(photo_spec(Lang::Ja), "写真: 縦4.5cm×横3.5cm、6か月以内に撮影したもの(1歳未満は不要)");
        assert_eq!(ready_email(Lang::En), "In about 2 months an e-mail says the card is ready");
        assert_eq!(date(Lang::EasyJa, d("2027-01-09")), "2027{年|ねん}1{月|がつ}9{日|にち}");
    }
}
