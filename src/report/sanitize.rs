//! Text for people: characters that would steer a terminal (or reorder what it shows) are
//! shown escaped, as Rust writes them (`\u{1b}`, `\t`), never sent raw. Article text, file
//! names and everything quoted from them go through here before a text format prints them.

use std::borrow::Cow;

/// Whether `c` is shown escaped: the C0 and C1 control characters (tab, line breaks and the
/// escape that starts a terminal sequence among them) and DEL, the Unicode line and paragraph
/// separators, and the bidirectional embedding, override and isolate controls that can make a
/// line read differently from its bytes (the set rustc flags in source code).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Push `c` onto `out`, escaped if it is unsafe.
pub fn push_char(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.extend(c.escape_debug());
    } else {
        out.push(c);
    }
}

/// `text` with every unsafe character escaped (borrowed when there is none).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_char(&mut out, c);
    }
    Cow::Owned(out)
}

/// How many bytes (and columns: escapes are ASCII) `c` takes once escaped; 0 if it is safe.
pub fn escaped_len(c: char) -> usize {
    if is_unsafe(c) {
        c.escape_debug().len()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("tab\there\nline\r"), "tab\\there\\nline\\r");
        assert_eq!(sanitize("\u{9b}31m \u{7f}"), "\\u{9b}31m \\u{7f}");
        assert_eq!(
            sanitize("abc\u{202e}fed\u{2066}"),
            "abc\\u{202e}fed\\u{2066}"
        );
        assert!(matches!(
            sanitize("“Quoted” text, Zürich, 漢字"),
            Cow::Borrowed(_)
        ));
        assert_eq!(escaped_len('\u{1b}'), "\\u{1b}".len());
        assert_eq!(escaped_len('a'), 0);
    }
}
