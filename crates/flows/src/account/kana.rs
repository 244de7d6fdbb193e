//! Holder-name kana → the Zengin half-width form (flows.md §2.2, error E14 of §8).
//!
//! Bank systems compare the holder name (口座名義) in the Zengin transfer character set. The
//! accepted characters, as a government benefit form states them (flows.md §2.2):
//!
//! | Class                    | Accepted output characters                     |
//! |--------------------------|------------------------------------------------|
//! | half-width kana          | `ｦ` `ｱ`–`ﾝ` (large only)                        |
//! | voicing marks            | `ﾞ` `ﾟ`                                         |
//! | Latin letters            | `A`–`Z` (upper case only)                      |
//! | digits                   | `0`–`9`                                        |
//! | space                    | one half-width space between words             |
//! | marks                    | `-` `(` `)` `.` `/` `｢` `｣` `¥`                 |
//!
//! Normalisation (flows.md §2.2 "Implementation"):
//!
//! | Input                                   | Output                         |
//! |-----------------------------------------|--------------------------------|
//! | hiragana `あ`–`ゖ`                        | katakana, then half-width      |
//! | full-width katakana `ガ`                  | base + mark, `ｶﾞ`              |
//! | small kana `ァィゥェォャュョッヮヵヶ` (and half-width `ｧ`–`ｯ`) | large: `ｱｲｳｴｵﾔﾕﾖﾂﾜｶｹ` |
//! | `ヴ` / `ゔ`                               | `ｳﾞ`                           |
//! | long vowel `ー` / `ｰ`, dashes `－` `‐` `−` | `-` (**VERIFY**, see below)    |
//! | full-width letters/digits/marks          | ASCII; letters upper-cased     |
//! | full-width space, runs of spaces         | one half-width space; trimmed  |
//! | `「」` / `￥`                              | `｢｣` / `¥`                     |
//! | anything else (kanji, emoji, `、` `,` `・` `ヰ` …) | error naming the character |
//!
//! **VERIFY (flows.md §2.2, §9.1):** whether the target form wants `ー` as `-` or rejects it, and
//! whether Mynaportal's own form wants full-width or half-width kana. This module maps `ー` to `-`
//! (the character the Zengin set does have) and shows the user a preview, so a wrong guess is seen
//! before it is copied anywhere. `¥` is output as U+00A5; a Zengin file encoder writes it as the
//! JIS X 0201 byte 0x5C.

use alloc::string::String;
use core::fmt;

/// Half-width forms of the full-width katakana U+30A1 (`ァ`) … U+30F6 (`ヶ`), in code-point
/// order, with small kana already made large; an empty entry has no Zengin form (`ヰ`, `ヱ`).
const KATAKANA_TO_ZENGIN: [&str; 86] = [
    "ｱ", "ｱ", "ｲ", "ｲ", "ｳ", "ｳ", "ｴ", "ｴ", "ｵ", "ｵ", "ｶ", "ｶﾞ", "ｷ", "ｷﾞ", "ｸ", "ｸﾞ", "ｹ", "ｹﾞ", "ｺ",
    "ｺﾞ", "ｻ", "ｻﾞ", "ｼ", "ｼﾞ", "ｽ", "ｽﾞ", "ｾ", "ｾﾞ", "ｿ", "ｿﾞ", "ﾀ", "ﾀﾞ", "ﾁ", "ﾁﾞ", "ﾂ", "ﾂ", "ﾂﾞ", "ﾃ",
    "ﾃﾞ", "ﾄ", "ﾄﾞ", "ﾅ", "ﾆ", "ﾇ", "ﾈ", "ﾉ", "ﾊ", "ﾊﾞ", "ﾊﾟ", "ﾋ", "ﾋﾞ", "ﾋﾟ", "ﾌ", "ﾌﾞ", "ﾌﾟ", "ﾍ", "ﾍﾞ",
    "ﾍﾟ", "ﾎ", "ﾎﾞ", "ﾎﾟ", "ﾏ", "ﾐ", "ﾑ", "ﾒ", "ﾓ", "ﾔ", "ﾔ", "ﾕ", "ﾕ", "ﾖ", "ﾖ", "ﾗ", "ﾘ", "ﾙ", "ﾚ",
    "ﾛ", "ﾜ", "ﾜ", "", "", "ｦ", "ﾝ", "ｳﾞ", "ｶ", "ｹ",
];

/// Large forms of the half-width small kana U+FF67 (`ｧ`) … U+FF6F (`ｯ`).
const HALF_WIDTH_SMALL_TO_LARGE: [char; 9] = ['ｱ', 'ｲ', 'ｳ', 'ｴ', 'ｵ', 'ﾔ', 'ﾕ', 'ﾖ', 'ﾂ'];

/// A holder name in the Zengin half-width form: only the characters of the module table, no
/// leading, trailing or doubled spaces, never empty.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ZenginName(String);

impl ZenginName {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text without any space, used to compare names written with or without the space
    /// between family and given name (flows.md §2.3).
    pub fn without_spaces(&self) -> String {
        self.0.chars().filter(|c| *c != ' ').collect()
    }
}

impl fmt::Display for ZenginName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ZenginName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZenginName({:?})", self.0)
    }
}

/// Why a holder name cannot be written in the Zengin form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KanaError {
    /// Nothing but spaces was given.
    #[error("the holder name is empty")]
    Empty,
    /// Every character is allowed but none is a kana or a letter (`---`, `()`, `123`): that is
    /// no one's name.
    #[error("the holder name has no kana or letter")]
    NoKanaOrLetter,
    /// A character has no Zengin form (kanji, emoji, comma, `・`, `ヰ` …); flows.md §8 E14.
    /// The message shows a character that cannot be seen alone (a control character such as a
    /// tab or line break, a combining mark) by its code point only, so it stays on one line.
    #[error("「{}」 (U+{code:04X}, character {position} of the name) cannot be used in a bank holder name", shown(*character), code = *character as u32)]
    CharacterNotAllowed {
        /// The offending character, as typed.
        character: char,
        /// Its 1-based position in the input, counted in characters.
        position: usize,
    },
}

/// `c` itself, or `U+XXXX` for a character that cannot be seen on its own.
fn shown(c: char) -> alloc::string::String {
    let invisible = c.is_control()
        || (c.is_whitespace() && c != '\u{3000}')
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}');
    if invisible {
        alloc::format!("U+{:04X}", c as u32)
    } else {
        alloc::string::ToString::to_string(&c)
    }
}

/// Normalises a holder name to the Zengin half-width form (flows.md §2.2), or names the first
/// character that has no such form.
pub fn to_zengin(input: &str) -> Result<ZenginName, KanaError> {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for (index, c) in input.chars().enumerate() {
        let position = index + 1;
        if c == ' ' || c == '\u{3000}' {
            pending_space = !out.is_empty();
            continue;
        }
        let start = out.len();
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let own = out.len();
        let before = out.get(..own).and_then(|s| s.chars().last());
        if !push_zengin(c, &mut out) || !mark_has_a_base(before, out.get(own..).unwrap_or("")) {
            out.truncate(start);
            return Err(KanaError::CharacterNotAllowed {
                character: c,
                position,
            });
        }
    }
    if out.is_empty() {
        return Err(KanaError::Empty);
    }
    if !out.chars().any(|c| matches!(c, 'ｦ'..='ﾝ' | 'A'..='Z')) {
        return Err(KanaError::NoKanaOrLetter);
    }
    Ok(ZenginName(out))
}

/// A voicing mark that a character of its own produced (`ﾞ`, `゛`, U+3099…) must follow a kana
/// that takes it: `ﾞ` after ｳ, ｶ–ﾄ, ﾊ–ﾎ (and ﾜ, ｦ); `ﾟ` after ﾊ–ﾎ. A mark after a space, a
/// letter, another mark or nothing is refused rather than sent on.
fn mark_has_a_base(before: Option<char>, appended: &str) -> bool {
    match appended.chars().next() {
        Some('ﾞ') => matches!(before, Some('ｳ' | 'ｶ'..='ﾄ' | 'ﾊ'..='ﾎ' | 'ﾜ' | 'ｦ')),
        Some('ﾟ') => matches!(before, Some('ﾊ'..='ﾎ')),
        _ => true,
    }
}

/// Whether `text` is already exactly in Zengin form (what [`to_zengin`] would return unchanged).
pub fn is_zengin(text: &str) -> bool {
    matches!(to_zengin(text), Ok(name) if name.as_str() == text)
}

/// Appends the Zengin form of one non-space character; `false` when it has none.
fn push_zengin(c: char, out: &mut String) -> bool {
    let code = c as u32;
    match c {
        // ASCII that is already in the set, or becomes so by upper-casing.
        'A'..='Z' | '0'..='9' | '-' | '(' | ')' | '.' | '/' => out.push(c),
        'a'..='z' => out.push(c.to_ascii_uppercase()),
        // Full-width ASCII variants: fold, then apply the ASCII rules.
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(code - 0xFF01 + 0x21).unwrap_or(c);
            return ascii.is_ascii() && push_zengin(ascii, out);
        }
        // Long vowel mark and dashes → '-' (VERIFY, flows.md §2.2).
        'ー' | 'ｰ' | '‐' | '‑' | '−' => out.push('-'),
        '¥' | '￥' | '\\' => out.push('¥'),
        '「' | '｢' => out.push('｢'),
        '」' | '｣' => out.push('｣'),
        // Half-width kana already large, and the voicing marks.
        'ｦ' | 'ｱ'..='ﾝ' | 'ﾞ' | 'ﾟ' => out.push(c),
        // Half-width small kana → large.
        'ｧ'..='ｯ' => match HALF_WIDTH_SMALL_TO_LARGE.get((code - 0xFF67) as usize) {
            Some(large) => out.push(*large),
            None => return false,
        },
        // Voicing marks written separately or combining.
        '\u{3099}' | '゛' => out.push('ﾞ'),
        '\u{309A}' | '゜' => out.push('ﾟ'),
        // ゔ has no place in the hiragana → katakana offset table's range below, handle it here.
        'ゔ' | 'ヴ' => out.push_str("ｳﾞ"),
        // Hiragana → katakana (same layout, offset 0x60), then the katakana table.
        'ぁ'..='ゖ' => return push_katakana(code + 0x60, out),
        'ァ'..='ヶ' => return push_katakana(code, out),
        'ヷ' => out.push_str("ﾜﾞ"),
        'ヺ' => out.push_str("ｦﾞ"),
        _ => return false,
    }
    true
}

fn push_katakana(code: u32, out: &mut String) -> bool {
    let Some(index) = code.checked_sub(0x30A1) else {
        return false;
    };
    match KATAKANA_TO_ZENGIN.get(index as usize) {
        Some(form) if !form.is_empty() => {
            out.push_str(form);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// check(input, expected Zengin form) — the normaliser table of flows.md §2.2.
    fn check(input: &str, expected: &str) {
        assert_eq!(
            to_zengin(input).map(|n| n.as_str().into()),
            Ok::<String, KanaError>(expected.into()),
            "input {input:?}"
        );
    }

    fn check_rejects(input: &str, character: char, position: usize) {
        assert_eq!(
            to_zengin(input),
            Err(KanaError::CharacterNotAllowed {
                character,
                position
            }),
            "input {input:?}"
        );
    }

    #[test]
    fn accepts_half_width_name_unchanged() {
        check("ﾔﾏﾀﾞ ﾀﾛｳ", "ﾔﾏﾀﾞ ﾀﾛｳ");
    }

    #[test]
    fn converts_full_width_katakana_with_voicing() {
        check("ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ");
        check("パンダ", "ﾊﾟﾝﾀﾞ");
    }

    #[test]
    fn converts_hiragana_to_katakana() {
        check("やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ");
        check("ぽち", "ﾎﾟﾁ");
    }

    #[test]
    fn makes_small_kana_large() {
        check("キュウ", "ｷﾕｳ");
        check("ショウ", "ｼﾖｳ");
        check("ハットリ", "ﾊﾂﾄﾘ");
        check("ｷｮｳｺ", "ｷﾖｳｺ");
        check("ァィゥェォヮヵヶ", "ｱｲｳｴｵﾜｶｹ");
        check("ゃゅょっ", "ﾔﾕﾖﾂ");
    }

    #[test]
    fn refuses_voicing_marks_without_a_kana_that_takes_them() {
        for (text, bad, position) in [
            ("ﾞ", 'ﾞ', 1),
            ("ﾟﾟﾟ", 'ﾟ', 1),
            ("Aﾞ", 'ﾞ', 2),
            ("1ﾟ", 'ﾟ', 2),
            ("ﾀ ﾞ", 'ﾞ', 3),
            ("が゛", '゛', 2),
            ("カ\u{309A}", '\u{309A}', 2),
        ] {
            assert_eq!(
                to_zengin(text),
                Err(KanaError::CharacterNotAllowed { character: bad, position }),
                "{text:?}"
            );
        }
        check("ﾀﾞ", "ﾀﾞ");
        check("ハ\u{309A}", "ﾊﾟ");
    }

    #[test]
    fn writes_vu_as_u_with_voicing_mark() {
        check("ヴァイオリン", "ｳﾞｱｲｵﾘﾝ");
        check("ゔ", "ｳﾞ");
    }

    #[test]
    fn maps_long_vowel_mark_to_hyphen() {
        check("ルーシー", "ﾙ-ｼ-");
        check("ﾙｰｼｰ", "ﾙ-ｼ-");
    }

    #[test]
    fn collapses_and_trims_spaces_including_full_width() {
        check("　ヤマダ　　 タロウ　", "ﾔﾏﾀﾞ ﾀﾛｳ");
    }

    #[test]
    fn upper_cases_latin_letters_in_either_width() {
        check("john smith", "JOHN SMITH");
        check("ｊｏｈｎ　ＳＭＩＴＨ", "JOHN SMITH");
    }

    #[test]
    fn keeps_allowed_marks() {
        check("ｶ)ﾐﾅ.ﾄﾚ-ﾄﾞ/1", "ｶ)ﾐﾅ.ﾄﾚ-ﾄﾞ/1");
        check("（カ）「ア」￥", "(ｶ)｢ｱ｣¥");
    }

    #[test]
    fn rejects_kanji_naming_it() {
        check_rejects("山田 タロウ", '山', 1);
    }

    #[test]
    fn rejects_emoji_naming_it() {
        check_rejects("タロウ😀", '😀', 4);
    }

    #[test]
    fn rejects_commas_and_middle_dot() {
        check_rejects("ヤマダ、タロウ", '、', 4);
        check_rejects("ヤマダ,タロウ", ',', 4);
        check_rejects("スミス・ジョン", '・', 4);
        check_rejects("ｽﾐｽ･ｼﾞﾖﾝ", '･', 4);
    }

    #[test]
    fn rejects_kana_without_zengin_form() {
        check_rejects("ヰ", 'ヰ', 1);
        check_rejects("ゑ", 'ゑ', 1);
    }

    #[test]
    fn rejects_empty_name() {
        assert_eq!(to_zengin(" 　 "), Err(KanaError::Empty));
        assert_eq!(to_zengin(""), Err(KanaError::Empty));
    }

    #[test]
    fn rejects_a_name_of_marks_or_digits_only() {
        for input in ["-", "ーー", "()", "１２３", "¥ /"] {
            assert_eq!(to_zengin(input), Err(KanaError::NoKanaOrLetter), "{input:?}");
        }
        check("ｶ)ﾐﾅ", "ｶ)ﾐﾅ");
        check("A1", "A1");
    }

    #[test]
    fn error_text_names_the_character() {
        let err = to_zengin("タ😀").unwrap_err();
        assert_eq!(
            alloc::string::ToString::to_string(&err),
            "「😀」 (U+1F600, character 2 of the name) cannot be used in a bank holder name"
        );
    }

    #[test]
    fn error_text_stays_on_one_line_for_invisible_characters() {
        let text = |input: &str| alloc::string::ToString::to_string(&to_zengin(input).unwrap_err());
        assert_eq!(
            text("タロウ\nハナコ"),
            "「U+000A」 (U+000A, character 4 of the name) cannot be used in a bank holder name"
        );
        assert_eq!(
            text("e\u{301}"),
            "「U+0301」 (U+0301, character 2 of the name) cannot be used in a bank holder name"
        );
        assert_eq!(
            text("ヤマダ\u{a0}タロウ"),
            "「U+00A0」 (U+00A0, character 4 of the name) cannot be used in a bank holder name"
        );
    }

    #[test]
    fn normalised_form_is_a_fixed_point() {
        for input in ["ヤマダ　タロウ", "ルーシー", "john", "（カ）「ア」￥"] {
            let once = to_zengin(input).unwrap();
            assert!(is_zengin(once.as_str()), "{once:?}");
        }
        assert!(!is_zengin("ﾔﾏﾀﾞ  ﾀﾛｳ"));
    }
}
