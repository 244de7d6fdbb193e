//! Texts of the 公金受取口座 page (flows.md §2, screens A0–A8 of §2.6), the bank-data footer line
//! (§2.5) and the named account problems (§2.2, §2.4, §8 E14).
//!
//! Each key has Japanese, English and やさしい日本語 (with `{漢字|かんじ}` furigana), flows.md §7.2.
//! 公金受取口座, ゆうちょ, 記号・番号 and マイナポータル stay in Japanese in English with a gloss,
//! because people must recognise them on the official forms. Texts with a value in them are the
//! functions after the table; their やさしい日本語 is written in kana only.

use flows::account::{AccountProblem, AccountTypeError, DigitsError, KanaError, YuchoError};

use super::{catalogue, Catalogue, Lang};

catalogue! {
    /// Every fixed text of the account page.
    AccountText {
        Title => [
            "公金受取口座の登録・確認・変更",
            "公金受取口座 (public-funds receipt account): register, check or change",
            "{公金|こうきん}を {受|う}け{取|と}る {口座|こうざ}",
        ],
        Intro => [
            "給付金などを受け取る口座をマイナポータルに登録する前に、入力する内容をここで準備して確かめます。",
            "Before you register the account for public payments (benefits, refunds) on Mynaportal, prepare and check what you will enter here.",
            "{国|くに}などの お{金|かね}を {受|う}け{取|と}る {銀行|ぎんこう}の {口座|こうざ}を、マイナポータルに {登録|とうろく}する {前|まえ}に ここで {確|たし}かめます。",
        ],
        RuleOwnName => [
            "登録できるのは、あなた本人の名義の口座だけです。家族の名義の口座は登録できません。振り込まれず、登録が消されることがあります。",
            "Only an account in your own name can be registered. A family member's account cannot: nothing is paid into it and the registration may be erased.",
            "あなたの {名前|なまえ}の {口座|こうざ}だけ {登録|とうろく}できます。{家族|かぞく}の {名前|なまえ}の {口座|こうざ}は だめです。お{金|かね}が {入|はい}りません。",
        ],
        RuleOneAccount => [
            "登録できる口座は1人1つです。",
            "One account per person.",
            "{口座|こうざ}は ひとり ひとつです。",
        ],
        RuleNotBenefit => [
            "口座を登録しても、給付金の申請にはなりません。",
            "Registering an account does not apply for any benefit.",
            "{口座|こうざ}を {登録|とうろく}しても、お{金|かね}を もらう {申|もう}し{込|こ}みには なりません。",
        ],
        RuleNothingSent => [
            "登録そのものはマイナポータルで行います。この画面で入力した内容は、このブラウザーの外に送らず、保存もしません。",
            "The registration itself is done on Mynaportal. What you enter here never leaves this browser and is not stored.",
            "{登録|とうろく}は マイナポータルで します。ここで {入|い}れた ことは どこにも {送|おく}りません。{残|のこ}しません。",
        ],
        Begin => ["始める", "Start", "はじめる"],
        Back => ["戻る", "Back", "もどる"],
        StepIdentity => ["本人の確認", "You", "あなた"],
        StepAccount => ["口座", "Account", "{口座|こうざ}"],
        StepHolder => ["名義", "Holder name", "{名前|なまえ}"],
        StepReview => ["確認", "Review", "{確|たし}かめる"],
        StepSheet => ["控え", "Copy sheet", "メモ"],
        IdentityTitle => [
            "カードから氏名を読み取る",
            "Read your name from the card",
            "カードから {名前|なまえ}を {読|よ}む",
        ],
        IdentityExplain => [
            "券面事項入力補助用の暗証番号(数字4桁)で、基本4情報(氏名・住所・生年月日・性別)のファイルだけを読みます。使うのは氏名だけです。マイナンバー(個人番号)は読みません。",
            "With the card-info PIN (4 digits) only the file of the four basic items (name, address, date of birth, sex) is read, and only the name is used. Your My Number is not read.",
            "{数字|すうじ} 4つの {暗証番号|あんしょうばんごう}を {使|つか}います。カードの {名前|なまえ}だけ {使|つか}います。マイナンバーは {読|よ}みません。",
        ],
        ReadName => ["カードを読む", "Read the card", "カードを {読|よ}む"],
        NameOnCard => ["カードの氏名", "Name on the card", "カードの {名前|なまえ}"],
        NotYou => [
            "この名前があなたでなければ、ここで止めてください。前の人のカードや画面が残っていることがあります。",
            "If this is not your name, stop here: the previous person's card or screen may still be in use.",
            "あなたの {名前|なまえ}で なければ、ここで やめて ください。",
        ],
        NoReadingOnCard => [
            "このカードには氏名のふりがながありません。口座の名義があなたのものかは、あとで名字の読みとあなたの確認で確かめます。",
            "This card holds no reading (furigana) of your name. Whether the account is in your name is checked later with your surname's reading and your own statement.",
            "この カードには {名前|なまえ}の よみかたが ありません。あとで あなたが {確|たし}かめます。",
        ],
        ModeTitle => ["何をしますか", "What do you want to do?", "なにを しますか"],
        ModeRegister => ["はじめて登録する", "Register an account", "はじめて {登録|とうろく}する"],
        ModeRegisterDesc => [
            "口座をまだ登録していない方。",
            "You have not registered an account yet.",
            "まだ {登録|とうろく}して いない {人|ひと}。",
        ],
        ModeConfirm => ["登録した口座を確かめる", "Check the registered account", "{登録|とうろく}した {口座|こうざ}を {確|たし}かめる"],
        ModeConfirmDesc => [
            "マイナポータルに表示されている口座が今も使えるかを、今の金融機関データで確かめます。",
            "Check the account Mynaportal shows against current bank data.",
            "マイナポータルに {出|で}て いる {口座|こうざ}が いまも {使|つか}えるか {確|たし}かめます。",
        ],
        ModeChange => ["別の口座に変更する", "Change to another account", "ほかの {口座|こうざ}に かえる"],
        ModeChangeDesc => [
            "登録した口座を別の口座に変えます。手順は登録と同じです。",
            "Replace the registered account with another; the steps are those of registering.",
            "{登録|とうろく}した {口座|こうざ}を かえます。",
        ],
        BankTitle => ["金融機関を選ぶ", "Choose the bank", "{銀行|ぎんこう}を えらぶ"],
        BankSearchLabel => ["金融機関名・読み・金融機関コード", "Bank name, reading or bank code", "{銀行|ぎんこう}の {名前|なまえ}か コード"],
        BankSearchHint => [
            "例: みずほ、ミズホ、0001。候補から選んでください。",
            "For example みずほ, ミズホ or 0001. Choose from the list.",
            "たとえば みずほ、0001。{下|した}から えらんで ください。",
        ],
        NoMatch => [
            "見つかりません。ほかの書き方で探してください。",
            "Nothing found. Try another spelling.",
            "みつかりません。ほかの {書|か}きかたで さがして ください。",
        ],
        BankLoading => [
            "金融機関の一覧を読み込んでいます…",
            "Loading the list of banks…",
            "{銀行|ぎんこう}の リストを {読|よ}んで います…",
        ],
        BranchLoading => [
            "支店の一覧を読み込んでいます…",
            "Loading the list of branches…",
            "{支店|してん}の リストを {読|よ}んで います…",
        ],
        DataFailed => [
            "金融機関のデータを読み込めませんでした。通信を確かめて、もう一度お試しください。入力した内容は消えていません。",
            "The bank data could not be loaded. Check your connection and try again; nothing you entered is lost.",
            "{銀行|ぎんこう}の データを {読|よ}めませんでした。もう {一度|いちど} して ください。{入|い}れた ことは {消|き}えて いません。",
        ],
        DataDetails => ["詳しい情報", "Details", "くわしく"],
        Retry => ["もう一度読み込む", "Try again", "もう {一度|いちど}"],
        YuchoShortcut => [
            "ゆうちょ銀行の記号・番号で入力する",
            "ゆうちょ銀行 (Japan Post Bank): enter the 記号・番号 of the passbook",
            "ゆうちょ{銀行|ぎんこう}の {記号|きごう}と {番号|ばんごう}で {入|い}れる",
        ],
        YuchoTitle => ["ゆうちょ銀行: 記号・番号", "ゆうちょ銀行: 記号・番号 (symbol and number)", "ゆうちょ{銀行|ぎんこう}: {記号|きごう}と {番号|ばんごう}"],
        YuchoHint => [
            "通帳に書かれた記号・番号をそのまま入力してください。支店と口座番号に変換します。振替口座の真ん中の1桁は入力しなくてかまいません。",
            "Enter the 記号 and 番号 as printed in the passbook; they are converted to branch and account number. For a 振替口座 the one digit in the middle may be left out.",
            "{通帳|つうちょう}の {記号|きごう}と {番号|ばんごう}を {入|い}れて ください。",
        ],
        KigouLabel => ["記号(5桁)", "記号 (5 digits)", "{記号|きごう}(5けた)"],
        BangouLabel => ["番号(8桁まで)", "番号 (up to 8 digits)", "{番号|ばんごう}(8けた まで)"],
        Converted => ["変換結果", "Converted", "かえた けっか"],
        Convert => ["変換して次へ", "Convert and continue", "かえて つぎへ"],
        YuchoCheckDigit => [
            "番号をもう一度ご確認ください。記号の確認用の数字と合いません(このまま進むこともできます)。",
            "Please check the number again: it does not agree with the check digit of the 記号 (you may still continue).",
            "{番号|ばんごう}を もう {一度|いちど} {見|み}て ください。このまま すすむ ことも できます。",
        ],
        BranchTitle => ["支店・預金種目・口座番号", "Branch, account type and number", "{支店|してん}と {口座|こうざ}の {番号|ばんごう}"],
        BranchSearchLabel => ["支店名・読み・支店コード", "Branch name, reading or branch code", "{支店|してん}の {名前|なまえ}か コード"],
        BranchSearchHint => [
            "例: 東京営業部、トウキヨウ、001。候補から選んでください。",
            "For example 東京営業部, トウキヨウ or 001. Choose from the list.",
            "たとえば 001。{下|した}から えらんで ください。",
        ],
        ChosenBank => ["選んだ金融機関", "Bank chosen", "えらんだ {銀行|ぎんこう}"],
        ChosenBranch => ["選んだ支店", "Branch chosen", "えらんだ {支店|してん}"],
        ChangeBranch => ["支店を選び直す", "Choose another branch", "{支店|してん}を えらびなおす"],
        TypeLegend => ["預金種目", "Account type (預金種目)", "{口座|こうざ}の しゅるい"],
        TypeFutsu => ["普通", "普通 (ordinary)", "{普通|ふつう}"],
        TypeToza => ["当座", "当座 (current)", "{当座|とうざ}"],
        NumberLabel => ["口座番号(7桁まで)", "Account number (up to 7 digits)", "{口座|こうざ}の {番号|ばんごう}(7けた まで)"],
        NumberHint => [
            "7桁に足りないときは前に0を付けて7桁にします。全角の数字も使えます。",
            "Shorter numbers get leading zeros to make 7 digits; full-width digits are fine.",
            "7けたより みじかい ときは {前|まえ}に 0を つけます。",
        ],
        NumberPreview => ["登録する口座番号", "Account number to register", "{登録|とうろく}する {番号|ばんごう}"],
        BranchChooseFirst => [
            "支店を候補から選ぶか、3桁の支店コードを入力してください。",
            "Choose a branch from the list or type its 3-digit code.",
            "{支店|してん}を えらんで ください。",
        ],
        HolderTitle => ["口座名義(カナ)", "Account holder name (kana)", "{口座|こうざ}の {名前|なまえ}(カナ)"],
        HolderHint => [
            "通帳やキャッシュカードの名義を入力してください。ひらがな・全角カナ・半角カナ・英字が使えます。",
            "Enter the holder name as on the passbook or cash card: hiragana, katakana (any width) or Latin letters.",
            "{通帳|つうちょう}の {名前|なまえ}を ひらがなか カタカナで {入|い}れて ください。",
        ],
        HolderPreview => ["銀行ではこう表示されます", "How the bank shows it", "{銀行|ぎんこう}では こう なります"],
        SurnameLabel => ["あなたの名字の読み", "The reading of your surname", "あなたの みょうじの よみかた"],
        SurnameExplain => [
            "カードにふりがながないため、名字の読みを口座名義と比べます。",
            "The card has no reading, so your surname's reading is compared with the holder name.",
            "みょうじの よみかたと {口座|こうざ}の {名前|なまえ}を くらべます。",
        ],
        SurnameMatches => [
            "名字の読みと口座名義の名字が合っています。",
            "Your surname matches the holder name.",
            "みょうじが あって います。",
        ],
        SurnameDiffers => [
            "名字の読みと口座名義の名字が違います。家族など、あなた以外の名義の口座は登録できません(振り込まれず、登録が消されることがあります)。",
            "Your surname does not match the holder name. An account in anyone else's name, a family member's included, cannot be registered: nothing is paid into it and the registration may be erased.",
            "みょうじが ちがいます。あなたの {名前|なまえ}の {口座|こうざ}だけ {登録|とうろく}できます。",
        ],
        ReadingMatches => [
            "カードの読みと口座名義が合っています。",
            "The card's reading matches the holder name.",
            "カードの よみかたと あって います。",
        ],
        ReadingDiffers => [
            "カードの読みと口座名義が違います。あなた以外の名義の口座は登録できません。",
            "The card's reading differs from the holder name. An account in anyone else's name cannot be registered.",
            "カードの よみかたと ちがいます。あなたの {名前|なまえ}の {口座|こうざ}だけ {登録|とうろく}できます。",
        ],
        CardReading => ["カードの読み", "Reading on the card", "カードの よみかた"],
        ReviewTitle => ["入力内容の確認", "Review", "{入|い}れた ことを {確|たし}かめる"],
        FieldBank => ["金融機関", "Bank", "{銀行|ぎんこう}"],
        FieldBranch => ["支店", "Branch", "{支店|してん}"],
        FieldType => ["預金種目", "Account type", "しゅるい"],
        FieldNumber => ["口座番号", "Account number", "{口座|こうざ}の {番号|ばんごう}"],
        FieldHolder => ["口座名義(カナ)", "Holder name (kana)", "{口座|こうざ}の {名前|なまえ}"],
        FieldBankCode => ["金融機関コード", "Bank code", "{銀行|ぎんこう}の コード"],
        FieldBranchCode => ["支店コード", "Branch code", "{支店|してん}の コード"],
        Statement => [
            "この口座は私本人の名義です。",
            "This account is in my own name.",
            "この {口座|こうざ}は わたしの {名前|なまえ}です。",
        ],
        StatementRequired => [
            "「この口座は私本人の名義です」を確かめて、チェックしてください。",
            "Check the statement “This account is in my own name” first.",
            "「この {口座|こうざ}は わたしの {名前|なまえ}です」に チェックを して ください。",
        ],
        MakeSheet => ["控えを作る", "Make the copy sheet", "メモを つくる"],
        SheetTitle => ["マイナポータル入力用の控え", "Copy sheet for Mynaportal", "マイナポータルに {入|い}れる ための メモ"],
        SheetIntro => [
            "マイナポータルの口座登録の画面で、上から順にこのとおり入力してください。",
            "On Mynaportal's account screen, enter these values in this order.",
            "マイナポータルで、{上|うえ}から じゅんに {入|い}れて ください。",
        ],
        SheetNotStored => [
            "この控えはどこにも保存されません。印刷するか、書き写してください。",
            "This sheet is not stored anywhere: print it or copy it by hand.",
            "この メモは {残|のこ}りません。{印刷|いんさつ}するか {書|か}いて ください。",
        ],
        OpenMynaportal => ["マイナポータルを開く", "Open Mynaportal", "マイナポータルを ひらく"],
        ConfirmTitle => ["登録した口座を確かめる", "Check the registered account", "{登録|とうろく}した {口座|こうざ}を {確|たし}かめる"],
        ConfirmIntro => [
            "マイナポータルに表示されている口座を、そのまま入力してください。今の金融機関データと名義の確認で照らし合わせます。",
            "Enter the account exactly as Mynaportal shows it. It is checked against current bank data and your name.",
            "マイナポータルに {出|で}て いる とおりに {入|い}れて ください。",
        ],
        Check => ["確かめる", "Check", "{確|たし}かめる"],
        LooksFine => [
            "今の金融機関データでは、問題は見つかりませんでした。",
            "Nothing wrong was found with current bank data.",
            "もんだいは ありませんでした。",
        ],
        NeedsChange => [
            "口座の変更が必要な可能性があります。",
            "The account may need to be changed.",
            "{口座|こうざ}を かえる {必要|ひつよう}が あるかも しれません。",
        ],
        BranchGone => [
            "支店の統合などで口座が無効になっている可能性があります。マイナポータルで口座を登録し直してください。",
            "The branch is no longer in current bank data: after a merger the registration may have become invalid. Register the account again on Mynaportal.",
            "{支店|してん}が なくなって、{口座|こうざ}が {使|つか}えないかも しれません。もう {一度|いちど} {登録|とうろく}して ください。",
        ],
        ConfirmNoReading => [
            "カードにふりがながないため、口座名義があなたのものかは自動では確かめられません。名義があなた本人のものか、ご自身で確かめてください。",
            "The card holds no reading of your name, so the holder name cannot be compared automatically: make sure the account is in your own name.",
            "カードに よみかたが ないので、{口座|こうざ}の {名前|なまえ}は あなたが {確|たし}かめて ください。",
        ],
        SwitchToChange => ["別の口座に変更する", "Change the account", "{口座|こうざ}を かえる"],
        Results => ["候補", "Suggestions", "こうほ"],
    }
}

/// The footer line naming the bank data's date (flows.md §2.5 "Browser bundling").
pub fn bank_data_date(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Ja => format!("金融機関データ: {date}"),
        Lang::En => format!("Bank data: {date}"),
        Lang::EasyJa => format!("ぎんこうの データ: {date}"),
    }
}

/// How many suggestions a typeahead shows (read out by screen readers).
pub fn result_count(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Ja, n) => format!("候補 {n}件"),
        (Lang::En, 1) => "1 suggestion".to_string(),
        (Lang::En, n) => format!("{n} suggestions"),
        (Lang::EasyJa, n) => format!("こうほ {n}こ"),
    }
}

/// 普通 / 当座 as shown in the summary and the copy sheet.
pub fn account_type(lang: Lang, kind: flows::account::AccountType) -> &'static str {
    match kind {
        flows::account::AccountType::Toza => AccountText::TypeToza.get(lang),
        _ => AccountText::TypeFutsu.get(lang),
    }
}

fn field_name(lang: Lang, field: &str) -> &'static str {
    let key = match field {
        "bank code" => AccountText::FieldBankCode,
        "branch code" => AccountText::FieldBranchCode,
        _ => AccountText::FieldNumber,
    };
    key.get(lang)
}

fn digits(lang: Lang, error: &DigitsError) -> String {
    match error {
        DigitsError::Empty { field } => match lang {
            Lang::Ja => format!("{}を入力してください。", field_name(lang, field)),
            Lang::En => format!("Enter the {}.", field_name(lang, field).to_lowercase()),
            Lang::EasyJa => "ばんごうを いれて ください。".to_string(),
        },
        DigitsError::NotADigit { field, character } => match lang {
            Lang::Ja => format!("{}は数字だけです(「{character}」は使えません)。", field_name(lang, field)),
            Lang::En => format!("The {} takes digits only, not “{character}”.", field_name(lang, field).to_lowercase()),
            Lang::EasyJa => format!("すうじだけ です。「{character}」は つかえません。"),
        },
        DigitsError::WrongLength { field, expected, found } => match lang {
            Lang::Ja => format!("{}は{expected}桁です({found}桁が入力されました)。", field_name(lang, field)),
            Lang::En => {
                format!("The {} has {expected} digits ({found} given).", field_name(lang, field).to_lowercase())
            }
            Lang::EasyJa => format!("{expected}けたです。いまは {found}けたです。"),
        },
        DigitsError::AllZeros { field } => match lang {
            Lang::Ja => format!("{}がすべて0になっています。", field_name(lang, field)),
            Lang::En => format!("The {} cannot be all zeros.", field_name(lang, field).to_lowercase()),
            Lang::EasyJa => "ぜんぶ 0の ばんごうは ありません。".to_string(),
        },
        _ => fallback(lang),
    }
}

fn fallback(lang: Lang) -> String {
    match lang {
        Lang::Ja => "入力を確かめてください。".to_string(),
        Lang::En => "Check what you entered.".to_string(),
        Lang::EasyJa => "いれた ことを たしかめて ください。".to_string(),
    }
}

fn yucho(lang: Lang, error: &YuchoError) -> String {
    use YuchoError as Y;
    let (ja, en, easy): (String, String, String) = match error {
        Y::KigouLength { found } => (
            format!("記号は5桁です({found}文字が入力されました)。"),
            format!("The 記号 has 5 digits ({found} given)."),
            format!("きごうは 5けたです。いまは {found}けたです。"),
        ),
        Y::KigouNotDigits { character } => (
            format!("記号は数字だけです(「{character}」は使えません)。"),
            format!("The 記号 takes digits only, not “{character}”."),
            format!("きごうは すうじだけ です。「{character}」は つかえません。"),
        ),
        Y::KigouFirstDigit => (
            "記号は1か0で始まります。".into(),
            "The 記号 starts with 1 (通常貯金) or 0 (振替口座).".into(),
            "きごうは 1か 0で はじまります。".into(),
        ),
        Y::KigouLastDigit => (
            "記号の最後の数字は0です。".into(),
            "The 記号 ends with 0.".into(),
            "きごうの さいごは 0です。".into(),
        ),
        Y::BangouNotDigits => (
            "番号は数字で入力してください。".into(),
            "The 番号 takes digits only.".into(),
            "ばんごうは すうじで いれて ください。".into(),
        ),
        Y::SavingsBangouLength { found } => (
            format!("1で始まる記号の番号は8桁までです({found}桁が入力されました)。"),
            format!("With a 記号 starting with 1 the 番号 has up to 8 digits ({found} given)."),
            format!("ばんごうは 8けた までです。いまは {found}けたです。"),
        ),
        Y::SavingsBangouLastDigit => (
            "1で始まる記号の番号は、最後の数字が1です。".into(),
            "With a 記号 starting with 1 the 番号 ends with 1.".into(),
            "ばんごうの さいごは 1です。".into(),
        ),
        Y::TransferBangouLength { found } => (
            format!("0で始まる記号(振替口座)の番号は6桁までです({found}桁が入力されました)。"),
            format!("With a 記号 starting with 0 (振替口座) the 番号 has up to 6 digits ({found} given)."),
            format!("ばんごうは 6けた までです。いまは {found}けたです。"),
        ),
        Y::ZeroNumber => (
            "口座番号がすべて0になります。番号を確かめてください。".into(),
            "The 番号 gives an account number of all zeros; check it.".into(),
            "ばんごうを たしかめて ください。".into(),
        ),
        _ => return fallback(lang),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
        Lang::EasyJa => easy,
    }
}

/// A character that cannot be seen on its own (a combining voicing mark or accent, a control
/// character, an unusual space) is named by its code point instead.
fn visible_character(character: char) -> String {
    let invisible = character.is_control()
        || (character.is_whitespace() && character != '\u{3000}')
        || matches!(character, '\u{0300}'..='\u{036F}' | '\u{3099}' | '\u{309A}' | '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}');
    if invisible {
        format!("U+{:04X}", u32::from(character))
    } else {
        character.to_string()
    }
}

/// flows.md §8 E14 on the holder-name screen: the character and where it is, and what to type
/// instead. (The page shows no corrected suggestion for such a name, so none is promised.)
fn holder_character_rejected(lang: Lang, character: char, position: usize) -> String {
    let shown = visible_character(character);
    match lang {
        Lang::Ja => format!(
            "{position}文字目の「{shown}」は口座名義に使えない文字です。通帳やキャッシュカードのとおりに、カナで入力してください。"
        ),
        Lang::En => format!(
            "Character {position}, “{shown}”, cannot be used in the holder name. Type the name in kana, as on your passbook or cash card."
        ),
        Lang::EasyJa => format!(
            "{position}もじめの 「{shown}」は つかえない もじです。つうちょうの とおりに カタカナで いれて ください。"
        ),
    }
}

/// One named problem of the account data (flows.md §2.2, §2.4, §2.5, §8 E14), as a sentence.
pub fn problem(lang: Lang, problem: &AccountProblem) -> String {
    match problem {
        AccountProblem::BankCode(e) | AccountProblem::BranchCode(e) | AccountProblem::Number(e) => digits(lang, e),
        AccountProblem::AccountType(AccountTypeError::SavingsNotConfirmed) => match lang {
            Lang::Ja => "貯蓄預金は登録できるか確かめられていません。普通か当座の口座を選んでください。".to_string(),
            Lang::En => "Savings (貯蓄) accounts are not confirmed as eligible; choose 普通 or 当座.".to_string(),
            Lang::EasyJa => "ふつうか とうざを えらんで ください。".to_string(),
        },
        AccountProblem::AccountType(_) => match lang {
            Lang::Ja => "預金種目は普通か当座です。".to_string(),
            Lang::En => "The account type is 普通 (ordinary) or 当座 (current).".to_string(),
            Lang::EasyJa => "ふつうか とうざを えらんで ください。".to_string(),
        },
        AccountProblem::Holder(KanaError::CharacterNotAllowed { character, position }) => {
            holder_character_rejected(lang, *character, *position)
        }
        AccountProblem::Holder(KanaError::NoKanaOrLetter) => match lang {
            Lang::Ja => "口座名義にカナも英字もありません。通帳やキャッシュカードのとおりに入力してください。".to_string(),
            Lang::En => "The holder name has no kana or letter. Type it as on your passbook or cash card.".to_string(),
            Lang::EasyJa => "なまえを つうちょうの とおりに カタカナで いれて ください。".to_string(),
        },
        AccountProblem::Holder(_) => match lang {
            Lang::Ja => "口座名義を入力してください。".to_string(),
            Lang::En => "Enter the holder name.".to_string(),
            Lang::EasyJa => "なまえを いれて ください。".to_string(),
        },
        AccountProblem::Yucho(e) => yucho(lang, e),
        AccountProblem::UnknownBank(code) => match lang {
            Lang::Ja => format!("金融機関コード {code} は金融機関データにありません。"),
            Lang::En => format!("Bank code {code} is not in the bank data."),
            Lang::EasyJa => format!("コード {code} の ぎんこうは ありません。"),
        },
        AccountProblem::UnknownBranch { bank, branch } => match lang {
            Lang::Ja => format!("支店コード {branch} は金融機関 {bank} の支店にありません。"),
            Lang::En => format!("Branch code {branch} does not exist under bank {bank}."),
            Lang::EasyJa => format!("コード {branch} の してんは ありません。"),
        },
        AccountProblem::BranchGone { .. } => AccountText::BranchGone.get(lang).to_string(),
        AccountProblem::YuchoBranchType { branch, expected } => {
            let futsu = *expected == flows::account::AccountType::Futsu;
            match lang {
                Lang::Ja => format!(
                    "ゆうちょ銀行の支店 {branch} の口座は{}です。預金種目を確かめてください。",
                    if futsu { "普通" } else { "当座" }
                ),
                Lang::En => format!(
                    "Accounts at ゆうちょ branch {branch} are {}; check the account type.",
                    if futsu { "普通 (ordinary)" } else { "当座 (current)" }
                ),
                Lang::EasyJa => format!(
                    "ゆうちょの してん {branch}の こうざは {}です。",
                    if futsu { "ふつう" } else { "とうざ" }
                ),
            }
        }
        _ => fallback(lang),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use flows::account::{BankCode, BranchCode};

    #[test]
    fn every_key_has_a_text_in_all_three_languages_with_furigana() {
        super::super::check_catalogue(AccountText::ALL);
        assert_eq!(AccountText::ALL.len(), 90);
    }

    #[test]
    fn problems_name_the_field_and_the_character() {
        let number = DigitsError::WrongLength { field: "account number", expected: "1–7", found: 8 };
        assert_eq!(problem(Lang::Ja, &AccountProblem::Number(number.clone())), "口座番号は1–7桁です(8桁が入力されました)。");
        assert_eq!(problem(Lang::En, &AccountProblem::Number(number)), "The account number has 1–7 digits (8 given).");
        let letter = DigitsError::NotADigit { field: "branch code", character: 'a' };
        assert_eq!(problem(Lang::Ja, &AccountProblem::BranchCode(letter)), "支店コードは数字だけです(「a」は使えません)。");
        assert_eq!(
            problem(Lang::Ja, &AccountProblem::Holder(KanaError::CharacterNotAllowed { character: '山', position: 1 })),
            "1文字目の「山」は口座名義に使えない文字です。通帳やキャッシュカードのとおりに、カナで入力してください。"
        );
        // No corrected suggestion is shown for such a name, so none is promised; a combining
        // mark or a tab is named by its code point, not drawn on the quotation mark.
        assert_eq!(
            problem(Lang::En, &AccountProblem::Holder(KanaError::CharacterNotAllowed { character: '\u{301}', position: 2 })),
            "Character 2, “U+0301”, cannot be used in the holder name. Type the name in kana, as on your passbook or cash card."
        );
        assert_eq!(
            problem(Lang::EasyJa, &AccountProblem::Holder(KanaError::CharacterNotAllowed { character: '\t', position: 4 })),
            "4もじめの 「U+0009」は つかえない もじです。つうちょうの とおりに カタカナで いれて ください。"
        );
        assert_eq!(
            problem(Lang::Ja, &AccountProblem::Holder(KanaError::CharacterNotAllowed { character: 'ゐ', position: 5 })),
            "5文字目の「ゐ」は口座名義に使えない文字です。通帳やキャッシュカードのとおりに、カナで入力してください。"
        );
        assert_eq!(
            problem(Lang::En, &AccountProblem::Yucho(YuchoError::KigouLastDigit)),
            "The 記号 ends with 0."
        );
        let bank = BankCode::parse("0001").unwrap();
        let branch = BranchCode::parse("123").unwrap();
        assert_eq!(
            problem(Lang::Ja, &AccountProblem::BranchGone { bank, branch }),
            "支店の統合などで口座が無効になっている可能性があります。マイナポータルで口座を登録し直してください。"
        );
        assert_eq!(problem(Lang::En, &AccountProblem::UnknownBranch { bank, branch }), "Branch code 123 does not exist under bank 0001.");
        assert_eq!(
            problem(Lang::En, &AccountProblem::Holder(KanaError::NoKanaOrLetter)),
            "The holder name has no kana or letter. Type it as on your passbook or cash card."
        );
        let b058 = BranchCode::parse("058").unwrap();
        let yucho_type = AccountProblem::YuchoBranchType { branch: b058, expected: flows::account::AccountType::Futsu };
        assert_eq!(problem(Lang::Ja, &yucho_type), "ゆうちょ銀行の支店 058 の口座は普通です。預金種目を確かめてください。");
        assert_eq!(problem(Lang::En, &yucho_type), "Accounts at ゆうちょ branch 058 are 普通 (ordinary); check the account type.");
        assert_eq!(problem(Lang::EasyJa, &yucho_type), "ゆうちょの してん 058の こうざは ふつうです。");
        assert_eq!(problem(Lang::EasyJa, &AccountProblem::Number(DigitsError::Empty { field: "account number" })), "ばんごうを いれて ください。");
    }

    #[test]
    fn footer_and_counts() {
        assert_eq!(bank_data_date(Lang::Ja, "2026-08-24"), "金融機関データ: 2026-08-24");
        assert_eq!(bank_data_date(Lang::En, "2026-08-24"), "Bank data: 2026-08-24");
        assert_eq!(result_count(Lang::En, 1), "1 suggestion");
        assert_eq!(result_count(Lang::Ja, 3), "候補 3件");
    }

    #[test]
    fn parameterised_easy_texts_are_kana_only() {
        let bank = BankCode::parse("0001").unwrap();
        let samples = [
            problem(Lang::EasyJa, &AccountProblem::Yucho(YuchoError::SavingsBangouLength { found: 9 })),
            problem(Lang::EasyJa, &AccountProblem::UnknownBank(bank)),
            bank_data_date(Lang::EasyJa, "2026-08-24"),
            result_count(Lang::EasyJa, 2),
        ];
        for text in samples {
            assert!(!text.chars().any(super::super::ruby::is_kanji), "{text}");
        }
    }
}
