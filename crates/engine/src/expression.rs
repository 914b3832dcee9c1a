//! The expression text a design writes (key conditions, filters, conditions,
//! updates) as DynamoDB writes it, with `#name` and `:value` tokens, and with the
//! values the design itself knows written in for a reader as JSON strings:
//! `#_type IN ("Customer", "Account")`, `#_type = :type ("Order")`. One reading of
//! that text serves every consumer — the code generators, the oracle and the proof
//! on DynamoDB — so a name holding quotes, `#`, `:` or line breaks reads back whole
//! everywhere.

/// A value written into expression text: a JSON string, which any text survives.
pub fn literal(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

/// Expression text with its literals made placeholders of their own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Literals {
    pub text: String,
    /// `(":placeholder", value)`, in the order the text has them.
    pub values: Vec<(String, String)>,
}

/// `:name ("x")` becomes `:name` with the value x; any other literal `"x"` becomes
/// `:litN` (N counting every value bound so far, from 1).
pub fn bind_literals(text: &str) -> Literals {
    let mut out = Literals::default();
    let mut rest = text;
    while let Some((start, end, value)) = next_literal(rest) {
        let (before, after) = (&rest[..start], &rest[end..]);
        if let Some((head, tail)) = named(before, after) {
            out.values.push((head[head.rfind(':').unwrap_or(0)..].to_string(), value));
            out.text.push_str(head);
            rest = tail;
            continue;
        }
        let placeholder = format!(":lit{}", out.values.len() + 1);
        out.text.push_str(before);
        out.text.push_str(&placeholder);
        out.values.push((placeholder, value));
        rest = after;
    }
    out.text.push_str(rest);
    out
}

/// `before` ending in `:name (` and `after` starting with `)`: the literal is
/// `:name`'s value. Gives `before` up to the name, and `after` past the `)`.
fn named<'t>(before: &'t str, after: &'t str) -> Option<(&'t str, &'t str)> {
    let head = before.strip_suffix('(')?.trim_end();
    let tail = after.strip_prefix(')')?;
    let name = &head[head.rfind(':')?..];
    (name.len() > 1 && name[1..].chars().all(is_token_char)).then_some((head, tail))
}

/// The first literal in `text`: where it starts, where it ends (past its closing
/// quote) and its value. An unterminated quote is not a literal.
fn next_literal(text: &str) -> Option<(usize, usize, String)> {
    let start = text.find('"')?;
    let mut escaped = false;
    for (i, c) in text[start + 1..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                let end = start + 1 + i + 1;
                let quoted = &text[start..end];
                let value = serde_json::from_str(quoted).unwrap_or_else(|_| quoted[1..quoted.len() - 1].to_string());
                return Some((start, end, value));
            }
            _ => {}
        }
    }
    None
}

/// The names after `sigil` (`#` or `:`) in `text`, each once, in order; literals
/// are skipped, so a `#` or `:` inside one is not a token.
pub fn tokens(text: &str, sigil: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut scan = |code: &str| {
        for (i, c) in code.char_indices() {
            if c != sigil {
                continue;
            }
            let rest = &code[i + 1..];
            let len = rest.find(|ch: char| !is_token_char(ch)).unwrap_or(rest.len());
            if len > 0 && !out.iter().any(|n| n == &rest[..len]) {
                out.push(rest[..len].to_string());
            }
        }
    };
    let mut rest = text;
    while let Some((start, end, _)) = next_literal(rest) {
        scan(&rest[..start]);
        rest = &rest[end..];
    }
    scan(rest);
    out
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_become_placeholders() {
        let bound = bind_literals("#_type IN (\"Customer\", \"Account\")");
        assert_eq!(bound.text, "#_type IN (:lit1, :lit2)");
        assert_eq!(bound.values, [(":lit1".into(), "Customer".into()), (":lit2".into(), "Account".into())]);
        let bound = bind_literals("#_type = :type (\"Order\") AND #status = :status");
        assert_eq!(bound.text, "#_type = :type AND #status = :status");
        assert_eq!(bound.values, [(":type".into(), "Order".into())]);
    }

    #[test]
    fn any_name_survives_as_a_literal() {
        let hostile = "x\"$(touch PWNED)y' #a :b \\ \n\u{2028}";
        let text = format!("#_type IN ({}, {}) AND #n = :n", literal(hostile), literal("Account"));
        let bound = bind_literals(&text);
        assert_eq!(bound.text, "#_type IN (:lit1, :lit2) AND #n = :n");
        assert_eq!(bound.values[0].1, hostile);
        assert_eq!(tokens(&text, '#'), ["_type", "n"]);
        assert_eq!(tokens(&text, ':'), ["n"]);
    }

    #[test]
    fn tokens_are_listed_once_in_order() {
        assert_eq!(tokens("#a = :x AND #b >= :debit_1 SET #c = #c + :x", ':'), ["x", "debit_1"]);
        assert_eq!(tokens("#a = :x AND #b >= :debit_1 SET #c = #c + :x", '#'), ["a", "b", "c"]);
    }
}
