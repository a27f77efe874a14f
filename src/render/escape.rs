//! What a document's text may not do to a terminal: control characters
//! (an escape sequence can set the window title, clear the screen, hide a
//! warning) and bidirectional overrides are shown as escapes in everything
//! written for a person (the `tree`, `check`'s source lines), as the
//! command line shows file names. Formats for programs (JSON, Markdown,
//! the text, a unified diff for `patch`) keep the text as it is.

use std::borrow::Cow;

/// Whether `c` is shown as an escape: C0 controls but the tab, DEL, C1
/// controls, and the bidirectional marks and overrides.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c`, or its escape (`\x1b`, `\u{202e}`) when it is hidden;
/// returns the columns of what was appended when it is an escape, `None`
/// for a character written as it is.
pub(crate) fn push(out: &mut String, c: char) -> Option<usize> {
    if !is_hidden(c) {
        out.push(c);
        return None;
    }
    let before = out.len();
    if (c as u32) < 0x80 {
        out.push_str(&format!("\\x{:02x}", c as u32));
    } else {
        out.push_str(&format!("\\u{{{:04x}}}", c as u32));
    }
    Some(out.len() - before)
}

/// `s` with its hidden characters escaped; borrowed when it has none.
///
/// ```
/// let s = tigang::render::escape_controls("一、总则\x1b]0;PWNED\x07");
/// assert_eq!(s, "一、总则\\x1b]0;PWNED\\x07");
/// assert!(matches!(tigang::render::escape_controls("一、总则"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        push(&mut out, c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_escaped_tabs_are_not() {
        assert_eq!(escape_controls("a\tb"), "a\tb");
        assert_eq!(
            escape_controls("\u{9b}\u{202e}x\u{7f}"),
            "\\u{009b}\\u{202e}x\\x7f"
        );
    }
}
