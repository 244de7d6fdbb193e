//! The copy sheet of the 公金受取口座 flow (flows.md §2.6 A7): the account in large print, in the
//! order Mynaportal's form asks for it, for the person to type there or print. Print styles show
//! only this sheet (`www/style.css`, account section).
//!
//! | # | Field (Mynaportal order) | Shown                         |
//! |---|--------------------------|-------------------------------|
//! | 1 | 金融機関                  | code and name (`0001 みずほ`)  |
//! | 2 | 支店                      | code and name (`001 東京営業部`) |
//! | 3 | 預金種目                  | 普通 / 当座                    |
//! | 4 | 口座番号                  | 7 digits                      |
//! | 5 | 口座名義(カナ)            | Zengin half-width form        |

use flows::account::flow::CopySheetLine;
use yew::prelude::*;

use crate::i18n::account::{account_type, AccountText};
use crate::i18n::Lang;

/// Props of [`AccountCopySheet`].
#[derive(Properties, PartialEq)]
pub struct AccountCopySheetProps {
    /// The lines, from `AccountFlow::copy_sheet`.
    pub lines: Vec<CopySheetLine>,
}

/// The label and value of one line (`None` for a line a later flow version adds).
pub fn line_text(lang: Lang, line: &CopySheetLine) -> Option<(AccountText, String)> {
    Some(match line {
        CopySheetLine::Bank { code, name } => (AccountText::FieldBank, format!("{code} {name}")),
        CopySheetLine::Branch { code, name } => (AccountText::FieldBranch, format!("{code} {name}")),
        CopySheetLine::AccountType(kind) => (AccountText::FieldType, account_type(lang, *kind).to_string()),
        CopySheetLine::Number(number) => (AccountText::FieldNumber, number.as_str().to_string()),
        CopySheetLine::Holder(holder) => (AccountText::FieldHolder, holder.as_str().to_string()),
        _ => return None,
    })
}

/// The printable sheet.
#[function_component(AccountCopySheet)]
pub fn account_copy_sheet(props: &AccountCopySheetProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <section class="copy-sheet" aria-labelledby="copy-sheet-title">
            <h3 id="copy-sheet-title">{ AccountText::SheetTitle.view(lang) }</h3>
            <p>{ AccountText::SheetIntro.view(lang) }</p>
            <ol class="copy-sheet-lines">
                { for props.lines.iter().filter_map(|line| line_text(lang, line)).map(|(label, value)| html! {
                    <li>
                        <span class="copy-sheet-label">{ label.view(lang) }</span>
                        <span class="copy-sheet-value" lang="ja">{ value }</span>
                    </li>
                }) }
            </ol>
            <p class="copy-sheet-note">{ AccountText::SheetNotStored.view(lang) }</p>
        </section>
    }
}
