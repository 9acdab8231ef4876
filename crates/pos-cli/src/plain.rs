//! Text for people on a terminal. Names and messages come from the catalog, from HQ and
//! from staff records, none of which this tool controls: an item named
//! "\x1b[2J" would clear the operator's screen, and one with "\x1b]0;…\x07" would retitle
//! the window. Every such text goes through [`plain`] before it is printed; JSON output
//! does not (serde escapes it, and a script wants the exact value).

use std::borrow::Cow;

/// `text` as it should show: each control character (escape, carriage return, newline,
/// tab, DEL, the C1 range that some terminals also obey) becomes a space, and the
/// invisible marks that reorder right-to-left text are dropped, so a name can neither
/// drive the terminal nor break or rearrange the line it is printed on.
pub fn plain(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// [`plain`] for a whole rendering of ours: its own line breaks are kept, everything else
/// is cleaned the same way. The last guard before stdout, for whatever a renderer did
/// not clean field by field.
pub fn plain_lines(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && !(keep_newlines && c == '\n')) || bidi(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !bidi(*c))
            .map(|c| if unsafe_char(c) { ' ' } else { c })
            .collect(),
    )
}

/// The bidirectional formatting characters (marks, embeddings, overrides, isolates).
fn bidi(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_spaces_and_reordering_marks_go() {
        assert_eq!(
            plain("Milk\x1b[2J\r\n\t\x7f\u{9b}31m\u{202e}kliM"),
            "Milk [2J     31mkliM"
        );
        assert_eq!(plain_lines("a\x1b]0;x\x07\nb\n"), "a ]0;x \nb\n");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let text = "Crème brûlée 250 g — €3.50, שלום";
        assert!(matches!(plain(text), Cow::Borrowed(t) if t == text));
    }
}
