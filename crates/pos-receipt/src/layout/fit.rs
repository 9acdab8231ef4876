//! Fitting text into a fixed number of character columns. Widths count characters: by the
//! time text gets here every character is one column (the code page's repertoire on paper;
//! on screen, a monospace font).

/// `text` broken at spaces into lines of at most `width` characters; a word longer than a
/// line is cut, and leading spaces indent every line. Always at least one line, so an
/// empty name still takes its place.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    let indent = &indent[..indent.len().min(width.saturating_sub(1))];
    let lines = wrap_words(body, width - indent.len());
    if indent.is_empty() {
        return lines;
    }
    lines
        .into_iter()
        .map(|line| format!("{indent}{line}"))
        .collect()
}

fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        let used = line.chars().count();
        if used > 0 && used + 1 + word.len() <= width {
            line.push(' ');
            line.extend(&word);
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > width {
            lines.push(word.drain(..width).collect());
        }
        line.extend(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Each wrapped line of `text`, centered in `width` (padded on the left only: trailing
/// spaces print nothing).
pub(crate) fn center(text: &str, width: usize) -> Vec<String> {
    wrap(text, width)
        .into_iter()
        .map(|line| {
            let pad = (width - line.chars().count()) / 2;
            format!("{}{line}", " ".repeat(pad))
        })
        .collect()
}

/// `left` and `right` on one line, `right` flush with the right edge. When they do not
/// fit together, `left` wraps and `right` goes on the last line if it fits there, or on a
/// line of its own.
pub(crate) fn pair(left: &str, right: &str, width: usize) -> Vec<String> {
    let right_len = right.chars().count();
    let mut lines = wrap(left, width);
    let last = lines.pop().unwrap_or_default();
    let last_len = last.chars().count();
    if last_len + 1 + right_len <= width || (last.is_empty() && right_len <= width) {
        let gap = width.saturating_sub(last_len + right_len);
        lines.push(format!("{last}{}{right}", " ".repeat(gap)));
    } else {
        lines.push(last);
        let gap = width.saturating_sub(right_len);
        lines.push(format!("{}{right}", " ".repeat(gap)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("Organic espresso beans", 10),
            ["Organic", "espresso", "beans"]
        );
        assert_eq!(
            wrap("Supercalifragilistic", 8),
            ["Supercal", "ifragili", "stic"]
        );
        assert_eq!(wrap("", 8), [""]);
        assert_eq!(wrap("a  b", 8), ["a b"]);
        assert_eq!(wrap("  2 x 1.30 each", 10), ["  2 x 1.30", "  each"]);
    }

    #[test]
    fn centers_with_left_padding_only() {
        assert_eq!(center("Tally", 11), ["   Tally"]);
        assert_eq!(center("ab cd", 4), [" ab", " cd"]);
    }

    #[test]
    fn pairs_flush_right_and_wraps_when_crowded() {
        assert_eq!(pair("Milk", "1.20", 12), ["Milk    1.20"]);
        assert_eq!(
            pair("Very long item", "1.20", 12),
            ["Very long", "item    1.20"]
        );
        assert_eq!(
            pair("Twelve chars", "1.20", 12),
            ["Twelve chars", "        1.20"]
        );
        assert_eq!(pair("", "1.20", 6), ["  1.20"]);
    }
}
