//! Small text helpers shared by the field rules: full-width → half-width digits and letters.
//!
//! Japanese input methods often produce full-width forms (`０`–`９`, `Ａ`–`Ｚ`); flows.md §2.2 and
//! §2.4 ask for them to be converted before validation.

use alloc::string::String;

/// Maps one full-width ASCII variant (U+FF01–U+FF5E) to its ASCII form, and the ideographic
/// space U+3000 to a plain space; any other character is returned unchanged.
pub fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Folds full-width forms to ASCII ([`fold_full_width`]) and removes leading/trailing white space.
pub fn fold_and_trim(input: &str) -> String {
    input
        .trim_matches(|c: char| c.is_whitespace())
        .chars()
        .map(fold_full_width)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_letters_and_space() {
        assert_eq!(fold_and_trim("　０１２３４５６７８９"), "0123456789");
        assert_eq!(fold_and_trim("Ａｂ－"), "Ab-");
        assert_eq!(fold_full_width('ア'), 'ア');
    }
}
