//! Text from a model (names, descriptions, tag values) written into generated code
//! and exports. A model is input like any other: a name may hold a newline that
//! would end a comment, a quote that would end a string, or `$(...)` that a shell
//! would run. Every renderer writes model text through the one function here for
//! the place it writes to, so even a model that bypasses `check` stays data.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that do not show as themselves: control characters (a newline, a
/// NUL, DEL, NEL), the Unicode line and paragraph separators (line ends to
/// JavaScript and YAML 1.1), and the bidirectional controls that make code read
/// differently from how it runs ("Trojan Source").
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// `text` with every hidden character written as `\u{…}`: one line, shown as it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.contains(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a comment of any language: one line, and no `*/` that could end a
/// block comment (`#`, `//` and `--` comments end only at a line end).
pub fn comment(text: &str) -> String {
    visible(text).replace("*/", "*\\/")
}

/// A double-quoted string literal that JSON, JavaScript and TypeScript, Python,
/// YAML and HCL all read as `text`: `"` and `\` escaped, `\n`, `\r`, `\t`, and
/// every other hidden character as `\uXXXX` (all of them lie in the BMP).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// JSON text with every hidden character that serde_json leaves raw (DEL, C1
/// controls such as NEL, U+2028, bidi controls) escaped as `\uXXXX`: the same
/// value, which YAML-based readers such as cfn-lint also accept. (Raw, they
/// can only be inside strings, where `\uXXXX` means the same.)
pub fn json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    if !text.contains(is_hidden) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A Rust string literal (`\u{…}` escapes; rustc rejects raw bidi controls).
pub fn rust_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An HCL (Terraform) string literal: [`quoted`], with `${` and `%{` kept literal
/// rather than read as an interpolation or a directive.
pub fn hcl_str(text: &str) -> String {
    quoted(text).replace("${", "$${").replace("%{", "%%{")
}

/// One bash word that is `text` exactly: single-quoted, or ANSI-C quoted
/// (`$'…'`) when `text` holds a hidden character (a line break too), so the
/// script shows it rather than holding it raw. Nothing inside is expanded.
pub fn sh_word(text: &str) -> String {
    sh_quoted(text, is_hidden)
}

/// Several lines of code the generator wrote (a jq program) as one bash word:
/// single-quoted with its line breaks kept, so the script reads as the program
/// does; other hidden characters as in [`sh_word`].
pub fn sh_lines(text: &str) -> String {
    sh_quoted(text, |c| is_hidden(c) && c != '\n')
}

fn sh_quoted(text: &str, needs_ansi_c: impl Fn(char) -> bool) -> String {
    if !text.contains(&needs_ansi_c) {
        return format!("'{}'", text.replace('\'', "'\\''"));
    }
    let mut out = String::from("$'");
    for c in text.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Text inside a Python triple-quoted docstring line.
pub fn python_doc(text: &str) -> String {
    comment(text).replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

/// Inline Markdown text that renders as `text`: one line, HTML and Markdown
/// syntax escaped (`<script>` stays text, `|` does not split a table cell, `#` or
/// `-` at the start does not make a heading or a list).
pub fn markdown(text: &str) -> String {
    let shown = visible(text);
    let mut out = String::with_capacity(shown.len());
    let ordered = shown.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    for (i, c) in shown.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i > 0 && shown.len() - i == ordered => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Markdown paragraphs of a multi-line description: each line escaped as
/// [`markdown`], blank lines kept as the breaks between paragraphs.
pub fn markdown_paragraphs(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| markdown(l.trim())).collect();
    lines.join("\n").trim().to_string()
}

/// A Markdown code span that shows `text` exactly, on one line, in a table cell
/// too: fenced by more backticks than it holds in a row, its `|` escaped.
pub fn markdown_code(text: &str) -> String {
    let shown = visible(text).replace('|', "\\|");
    let longest = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 || shown.starts_with(' ') { " " } else { "" };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// Text or an attribute value in XML (SVG): markup escaped, and the characters
/// XML 1.0 cannot hold at all (most control characters) shown as `\u{…}`.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A quoted Mermaid label: one line; the quote, `#` (Mermaid's entity mark) and
/// the backtick (which could close a Markdown code fence around the diagram) as
/// Mermaid entity codes.
pub fn mermaid_label(text: &str) -> String {
    let mut out = String::from("\"");
    for c in visible(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_visible() {
        assert_eq!(visible("a\nb\u{2028}c\u{0}d\u{202e}"), "a\\u{a}b\\u{2028}c\\u{0}d\\u{202e}");
        assert!(matches!(visible("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn comments_cannot_be_ended() {
        assert_eq!(comment("x */ y\nrm -rf /"), "x *\\/ y\\u{a}rm -rf /");
    }

    #[test]
    fn quoted_escapes_what_json_leaves_raw() {
        assert_eq!(quoted("a\"b\\c\u{7f}\u{85}\u{2028}"), "\"a\\\"b\\\\c\\u007f\\u0085\\u2028\"");
        let back: String = serde_json::from_str(&quoted("x\u{7f}\n\t\u{202e}y")).unwrap();
        assert_eq!(back, "x\u{7f}\n\t\u{202e}y");
    }

    #[test]
    fn json_escapes_what_serde_leaves_raw_and_means_the_same() {
        let value = serde_json::json!({"k\u{7f}": "a\u{85}b\u{2028}\n"});
        let text = json(&value);
        assert!(!text.contains(['\u{7f}', '\u{85}', '\u{2028}']), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }

    #[test]
    fn hcl_keeps_interpolations_literal() {
        assert_eq!(hcl_str("${file(\"/etc/passwd\")} %{if}"), "\"$${file(\\\"/etc/passwd\\\")} %%{if}\"");
    }

    #[test]
    fn shell_words_expand_nothing() {
        assert_eq!(sh_word("it's $(id)"), "'it'\\''s $(id)'");
        assert_eq!(sh_word("a\nb"), "$'a\\u000ab'");
        assert_eq!(sh_lines("a\nb"), "'a\nb'");
        assert_eq!(sh_word("a\rb'"), "$'a\\u000db\\''");
    }

    #[test]
    fn markdown_shows_markup_as_text() {
        assert_eq!(markdown("<script>|# x"), "&lt;script&gt;\\|# x");
        assert_eq!(markdown("# not a heading"), "\\# not a heading");
        assert_eq!(markdown("12. not a list"), "12\\. not a list");
        assert_eq!(markdown_code("a`b|c"), "`` a`b\\|c ``");
        assert_eq!(markdown_code("PK"), "`PK`");
    }

    #[test]
    fn xml_drops_nothing_and_breaks_nothing() {
        assert_eq!(xml("<a>&\"\u{0}"), "&lt;a&gt;&amp;&quot;\\u{0}");
    }

    #[test]
    fn mermaid_labels_stay_one_quoted_line() {
        assert_eq!(mermaid_label("a\"b\n```#"), "\"a#quot;b\\u{a}#96;#96;#96;#35;\"");
    }
}
