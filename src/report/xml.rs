//! Text for the XML formats: escaped for people first (XML 1.0 cannot hold most control
//! characters even as references), then for XML.

use super::sanitize::sanitize;

/// `text` for an XML attribute or element: control characters and the two non-characters XML
/// forbids shown escaped, and `&`, `<`, `>`, `"`, `'` as entity references.
pub(super) fn escape(text: &str) -> String {
    let safe = sanitize(text);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{fffe}' | '\u{ffff}' => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// The XML declaration every XML report starts with.
pub(super) const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_escaped() {
        assert_eq!(
            escape("a <b> & \"c\" 'd'\u{1b}\u{ffff}"),
            "a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\\u{1b}\\u{ffff}"
        );
    }
}
