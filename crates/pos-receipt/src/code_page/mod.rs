//! The character table the printer is told to use (`ESC t n`), and turning text into its
//! bytes. A character the table lacks is transliterated (`€` → `EUR` on CP437, `Ł` → `L`
//! on CP858), so a receipt always prints, in the nearest letters the paper can show.

mod tables;

use crate::layout::plain;

/// A printer code page. Each covers a group of languages; pick it with
/// [`CodePage::for_language`] from the store's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CodePage {
    /// US; every ESC/POS printer has it. No euro sign.
    Cp437,
    /// Central European: Polish, Czech, Slovak, Hungarian, Croatian, Slovenian, Romanian.
    Cp852,
    /// Western European with the euro sign: English, French, German, Spanish, Italian,
    /// Portuguese, Dutch, the Nordic languages.
    #[default]
    Cp858,
    /// Cyrillic: Russian, Ukrainian, Belarusian, Bulgarian.
    Cp866,
    /// Windows-1252, for printers without CP858 (it has the euro sign too).
    Wpc1252,
}

impl CodePage {
    /// The page for a language tag (`"fr"`, `"pl-PL"`, `"uk"`); CP858 for anything not
    /// known to need another.
    pub fn for_language(tag: &str) -> CodePage {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "cs" | "sk" | "pl" | "hu" | "hr" | "sl" | "ro" | "bs" | "sq" => CodePage::Cp852,
            "ru" | "uk" | "be" | "bg" | "mk" => CodePage::Cp866,
            _ => CodePage::Cp858,
        }
    }

    /// `n` in `ESC t n`, as Epson numbers the tables (most clones follow it; a printer that
    /// does not is served by [`crate::EscPosOptions::code_table`]).
    pub fn escpos_table(self) -> u8 {
        match self {
            CodePage::Cp437 => 0,
            CodePage::Wpc1252 => 16,
            CodePage::Cp866 => 17,
            CodePage::Cp852 => 18,
            CodePage::Cp858 => 19,
        }
    }

    fn upper_half(self) -> &'static [char; 128] {
        match self {
            CodePage::Cp437 => &tables::CP437,
            CodePage::Cp852 => &tables::CP852,
            CodePage::Cp858 => &tables::CP858,
            CodePage::Cp866 => &tables::CP866,
            CodePage::Wpc1252 => &tables::WPC1252,
        }
    }

    /// The byte for `c` on this page: printable ASCII as itself, the rest from the table.
    fn byte_of(self, c: char) -> Option<u8> {
        if (' '..='~').contains(&c) {
            return u8::try_from(c).ok();
        }
        let index = self
            .upper_half()
            .iter()
            .position(|&t| t == c && t != '\0')?;
        u8::try_from(0x80 + index).ok()
    }

    /// `text` with control characters as spaces and every character this page lacks
    /// transliterated (or `?` when nothing is close), so that each character left is one
    /// byte and one column on paper.
    pub(crate) fn prepare(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in plain(text).chars() {
            if self.byte_of(c).is_some() {
                out.push(c);
                continue;
            }
            match deunicode::deunicode_char(c) {
                Some(ascii) => out.extend(
                    ascii
                        .chars()
                        .map(|a| if self.byte_of(a).is_some() { a } else { '?' }),
                ),
                None => out.push('?'),
            }
        }
        out
    }

    /// The bytes of `text`, which [`CodePage::prepare`] made printable on this page; a
    /// character that is not (a caller's mistake) prints as `?`, never as a command.
    pub(crate) fn encode(self, text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| self.byte_of(c).unwrap_or(b'?'))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_the_page_has() {
        let page = CodePage::Cp858;
        assert_eq!(page.prepare("Crème brûlée 5 €"), "Crème brûlée 5 €");
        assert_eq!(page.encode("é€"), [0x82, 0xd5]);
    }

    #[test]
    fn transliterates_what_it_lacks() {
        assert_eq!(CodePage::Cp437.prepare("5 €"), "5 EUR");
        assert_eq!(CodePage::Cp858.prepare("Łódź"), "Lódz");
        assert_eq!(CodePage::Cp852.prepare("Łódź"), "Łódź");
        assert_eq!(CodePage::Cp858.prepare("Привет"), "Privet");
        assert_eq!(CodePage::Cp866.prepare("Привет"), "Привет");
        assert_eq!(CodePage::Cp866.encode("П"), [0x8f]);
    }

    #[test]
    fn never_lets_a_control_byte_through() {
        let bytes = CodePage::Cp858.encode(&CodePage::Cp858.prepare("a\u{1b}p\u{0}\n"));
        assert!(bytes.iter().all(|b| *b >= 0x20), "{bytes:?}");
        assert_eq!(CodePage::Cp858.encode("\u{1b}"), b"?");
    }

    #[test]
    fn picks_a_page_for_the_language() {
        assert_eq!(CodePage::for_language("fr-CA"), CodePage::Cp858);
        assert_eq!(CodePage::for_language("pl_PL"), CodePage::Cp852);
        assert_eq!(CodePage::for_language("UK"), CodePage::Cp866);
        assert_eq!(CodePage::for_language(""), CodePage::Cp858);
    }
}
