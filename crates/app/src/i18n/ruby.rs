//! Furigana for やさしい日本語: the catalogue writes a kanji word with its reading as
//! `{漢字|かんじ}`, and components render it as `<ruby>漢字<rt>かんじ</rt></ruby>`
//! (flows.md §7.2: "Add furigana with `<ruby>` on all kanji in `ja-easy`").
//!
//! ```text
//! markup   := ( plain | ruby )*
//! ruby     := "{" base "|" reading "}"     base and reading non-empty, no "{", "|", "}"
//! plain    := any text without "{" "|" "}"
//! ```
//!
//! Parsing never panics; a malformed entry is reported with its byte position, and a test runs
//! every catalogue entry through [`segments`] and checks that no kanji is left without a reading.

/// One piece of a text with furigana.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text shown as is.
    Plain(&'a str),
    /// A word with its reading above it.
    Ruby {
        /// The written form (kanji).
        base: &'a str,
        /// The reading (hiragana).
        reading: &'a str,
    },
}

/// Why a markup string is not well formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RubyError {
    /// A `{` without its `|` or `}`.
    #[error("ruby markup opened at byte {0} is not closed")]
    Unclosed(usize),
    /// A `|` or `}` outside a ruby group.
    #[error("stray ruby delimiter at byte {0}")]
    Stray(usize),
    /// A ruby group with an empty base or reading.
    #[error("ruby markup at byte {0} has an empty base or reading")]
    Empty(usize),
}

/// Splits `markup` into plain text and ruby groups.
pub fn segments(markup: &str) -> Result<Vec<Segment<'_>>, RubyError> {
    let mut out = Vec::new();
    let mut rest = markup;
    let mut offset = 0;
    while !rest.is_empty() {
        match rest.find(['{', '|', '}']) {
            None => {
                out.push(Segment::Plain(rest));
                break;
            }
            Some(at) => {
                let (before, from) = rest.split_at(at);
                if !before.is_empty() {
                    out.push(Segment::Plain(before));
                }
                if !from.starts_with('{') {
                    return Err(RubyError::Stray(offset + at));
                }
                let group = &from[1..];
                let close = group.find('}').ok_or(RubyError::Unclosed(offset + at))?;
                let inner = &group[..close];
                let (base, reading) = inner.split_once('|').ok_or(RubyError::Unclosed(offset + at))?;
                if base.is_empty() || reading.is_empty() || reading.contains(['|', '{']) || base.contains('{') {
                    return Err(RubyError::Empty(offset + at));
                }
                out.push(Segment::Ruby { base, reading });
                let consumed = at + 1 + close + 1;
                rest = &rest[consumed..];
                offset += consumed;
            }
        }
    }
    Ok(out)
}

/// The text without readings (for attributes, `<title>` and other places that cannot hold
/// ruby). A malformed entry is returned as is, so nothing is ever lost.
pub fn plain(markup: &str) -> String {
    match segments(markup) {
        Ok(parts) => parts
            .iter()
            .map(|part| match part {
                Segment::Plain(text) => *text,
                Segment::Ruby { base, .. } => base,
            })
            .collect(),
        Err(_) => markup.to_string(),
    }
}

/// Whether `c` is a kanji (CJK unified ideograph, extensions, compatibility ideographs, 々).
pub fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_and_ruby_groups() {
        assert_eq!(
            segments("{暗証|あんしょう}{番号|ばんごう}を いれます").as_deref(),
            Ok(&[
                Segment::Ruby { base: "暗証", reading: "あんしょう" },
                Segment::Ruby { base: "番号", reading: "ばんごう" },
                Segment::Plain("を いれます"),
            ][..])
        );
        assert_eq!(segments("").as_deref(), Ok(&[][..]));
        assert_eq!(plain("{窓口|まどぐち}へ"), "窓口へ");
    }

    #[test]
    fn rejects_malformed_markup() {
        assert_eq!(segments("あ{窓口|まどぐち"), Err(RubyError::Unclosed(3)));
        assert_eq!(segments("あ{窓口}"), Err(RubyError::Unclosed(3)));
        assert_eq!(segments("あ}"), Err(RubyError::Stray(3)));
        assert_eq!(segments("a|b"), Err(RubyError::Stray(1)));
        assert_eq!(segments("{|よみ}"), Err(RubyError::Empty(0)));
        assert_eq!(segments("{字|}"), Err(RubyError::Empty(0)));
        assert_eq!(plain("a}"), "a}");
    }

    #[test]
    fn never_panics_on_arbitrary_text() {
        let alphabet = ['{', '}', '|', 'a', '字', 'よ', ' '];
        let mut state: u32 = 0x9E37_79B9;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                text.push(alphabet[(state % alphabet.len() as u32) as usize]);
            }
            if let Ok(parts) = segments(&text) {
                let rebuilt: String = parts
                    .iter()
                    .map(|p| match p {
                        Segment::Plain(t) => (*t).to_string(),
                        Segment::Ruby { base, reading } => format!("{{{base}|{reading}}}"),
                    })
                    .collect();
                assert_eq!(rebuilt, text);
            }
            let _ = plain(&text);
        }
    }

    #[test]
    fn kanji_are_recognised() {
        assert!(is_kanji('窓'));
        assert!(is_kanji('𠮷'));
        assert!(is_kanji('々'));
        assert!(!is_kanji('あ'));
        assert!(!is_kanji('カ'));
        assert!(!is_kanji('4'));
    }
}
