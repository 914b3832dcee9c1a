//! The expression text a design writes (key conditions, filters, conditions,
//! updates) as DynamoDB writes it, with `#name` and `:value` tokens, and with the
//! values the design itself knows written in for a reader as JSON strings:
//! `#_type IN ("Customer", "Account")`, `#_type = :type ("Order")`; a number or a
//! boolean is written bare after its placeholder, `#total > :filter (100)`, so it
//! keeps its type. One reading of that text serves every consumer — the code generators, the oracle and the proof
//! on DynamoDB — so a name holding quotes, `#`, `:` or line breaks reads back whole
//! everywhere.

use crate::model::AttrType;

/// A key attribute as expression text names it: as it is where it cannot be one
/// of DynamoDB's reserved words (they are all letters, and PK and SK are not
/// among them), else by its `#` placeholder, which every consumer binds to the
/// name after the `#`. The single-table `PK`/`GSI1SK` stay readable; a source's
/// `Data` or `owner` still works.
pub fn key_attribute(name: &str) -> String {
    let unreserved = name.chars().any(|c| c.is_ascii_digit() || c == '_')
        || ["pk", "sk"].iter().any(|k| name.eq_ignore_ascii_case(k));
    if unreserved && name.starts_with(|c: char| c.is_ascii_alphabetic()) && nameable(name) {
        name.to_string()
    } else {
        format!("#{name}")
    }
}

/// Whether an expression can name `name` at all: a `#` placeholder binds to the
/// name after it, so the name must be made of the characters a placeholder has.
pub fn nameable(name: &str) -> bool {
    !name.is_empty() && name.chars().all(is_token_char)
}

/// `#name` → name, for every placeholder of `text`: the ExpressionAttributeNames
/// of every expression the design writes.
pub fn placeholders(text: &str) -> Vec<(String, String)> {
    tokens(text, '#').into_iter().map(|n| (format!("#{n}"), n)).collect()
}

/// A value written into expression text: a JSON string, which any text survives.
pub fn literal(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

/// `text` written into expression text as a value of the attribute's type: a
/// number or a boolean bare, anything else (and any text that is not one) a string.
pub fn typed_literal(kind: Option<AttrType>, text: &str) -> String {
    match literal_of(kind, text) {
        Literal::S(text) => literal(&text),
        Literal::N(number) => number,
        Literal::Bool(b) => b.to_string(),
    }
}

/// A value fixed in the model as the attribute's type holds it: a number or a
/// boolean where the text is one, else (and for any other type) a string.
pub fn literal_of(kind: Option<AttrType>, text: &str) -> Literal {
    match kind {
        Some(AttrType::Number | AttrType::NumberSet) if serde_json::from_str::<serde_json::Number>(text).is_ok() => {
            Literal::N(text.to_string())
        }
        Some(AttrType::Boolean) if text == "true" || text == "false" => Literal::Bool(text == "true"),
        _ => Literal::S(text.to_string()),
    }
}

/// A value the expression text writes in, with its DynamoDB type.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    S(String),
    /// A number in DynamoDB's text form.
    N(String),
    Bool(bool),
}

/// Expression text with its literals made placeholders of their own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Literals {
    pub text: String,
    /// `(":placeholder", value)`, in the order the text has them.
    pub values: Vec<(String, Literal)>,
}

/// `:name ("x")` (or `:name (12)`) becomes `:name` with the value x; any other
/// string literal `"x"` becomes `:litN` (N counting every value bound so far, from 1).
pub fn bind_literals(text: &str) -> Literals {
    let mut out = Literals::default();
    let mut rest = text;
    while let Some(found) = next_literal(rest) {
        let (before, after) = (&rest[..found.start], &rest[found.end..]);
        if let Some((head, tail)) = named(before, after) {
            out.values.push((head[head.rfind(':').unwrap_or(0)..].to_string(), found.value));
            out.text.push_str(head);
            rest = tail;
            continue;
        }
        let placeholder = format!(":lit{}", out.values.len() + 1);
        out.text.push_str(before);
        out.text.push_str(&placeholder);
        out.values.push((placeholder, found.value));
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

/// A literal found in expression text: where it starts and ends, and its value.
struct Found {
    start: usize,
    end: usize,
    value: Literal,
}

/// The first literal in `text`. An unterminated quote is not a literal.
fn next_literal(text: &str) -> Option<Found> {
    let quote = text.find('"');
    if let Some(bare) = next_bare(&text[..quote.unwrap_or(text.len())]) {
        return Some(bare);
    }
    let start = quote?;
    let mut escaped = false;
    for (i, c) in text[start + 1..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                let end = start + 1 + i + 1;
                let quoted = &text[start..end];
                let value = serde_json::from_str(quoted).unwrap_or_else(|_| quoted[1..quoted.len() - 1].to_string());
                return Some(Found { start, end, value: Literal::S(value) });
            }
            _ => {}
        }
    }
    None
}

/// A number or a boolean written as a placeholder's value, `:filter (100)`, in
/// text that holds no string literal.
fn next_bare(text: &str) -> Option<Found> {
    text.match_indices('(').find_map(|(open, _)| {
        let start = open + 1;
        let end = start + text[start..].find(')')?;
        named(&text[..start], &text[end..])?;
        let inner = text[start..end].trim();
        let value = match serde_json::from_str::<serde_json::Value>(inner).ok()? {
            serde_json::Value::Number(_) => Literal::N(inner.to_string()),
            serde_json::Value::Bool(b) => Literal::Bool(b),
            _ => return None,
        };
        Some(Found { start, end, value })
    })
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
    while let Some(found) = next_literal(rest) {
        scan(&rest[..found.start]);
        rest = &rest[found.end..];
    }
    scan(rest);
    out
}

/// One clause of an update expression: its keyword (`SET`, `REMOVE`, `ADD` or
/// `DELETE`) and its actions, split at the commas outside parentheses and literals
/// (`#a = if_not_exists(#a, :zero) + :one` is one action).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateClause<'t> {
    pub keyword: &'t str,
    pub actions: Vec<&'t str>,
}

impl UpdateClause<'_> {
    /// The attribute each action changes: the first `#name` of the action, left
    /// of its `=` in a SET (`#total = #old + :x` changes `total`).
    pub fn targets(&self) -> impl Iterator<Item = String> + '_ {
        self.actions.iter().filter_map(|a| {
            let target = if self.keyword == "SET" { a.split('=').next().unwrap_or(a) } else { a };
            tokens(target, '#').into_iter().next()
        })
    }
}

const UPDATE_KEYWORDS: [&str; 4] = ["SET", "REMOVE", "ADD", "DELETE"];

/// The clauses of an update expression, in order. The one reading of update text
/// that the verifier, the PartiQL writer and the cost estimate share.
pub fn update_clauses(update: &str) -> Vec<UpdateClause<'_>> {
    let mut clauses: Vec<UpdateClause<'_>> = Vec::new();
    let mut depth = 0i32;
    let mut action_start = 0;
    let mut in_literal = false;
    let mut escaped = false;
    let mut chars = update.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if in_literal {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_literal = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_literal = true,
            '(' => depth += 1,
            // An unbalanced `)` must not turn off the splitting of what follows.
            ')' => depth = (depth - 1).max(0),
            ',' if depth == 0 => {
                end_action(update, &mut clauses, action_start, i);
                action_start = i + 1;
            }
            _ if depth == 0 && (i == 0 || update[..i].ends_with(char::is_whitespace)) => {
                let word_end = update[i..].find(char::is_whitespace).map_or(update.len(), |n| i + n);
                // DynamoDB reads the keywords in any case; each clause says it in capitals.
                if let Some(keyword) = UPDATE_KEYWORDS.iter().find(|k| k.eq_ignore_ascii_case(&update[i..word_end])) {
                    end_action(update, &mut clauses, action_start, i);
                    clauses.push(UpdateClause { keyword, actions: Vec::new() });
                    action_start = word_end;
                    while chars.peek().is_some_and(|(at, _)| *at < word_end) {
                        chars.next();
                    }
                }
            }
            _ => {}
        }
    }
    end_action(update, &mut clauses, action_start, update.len());
    clauses
}

/// Adds `update[start..end]` to the last clause as its next action.
fn end_action<'t>(update: &'t str, clauses: &mut [UpdateClause<'t>], start: usize, end: usize) {
    if let Some(clause) = clauses.last_mut() {
        let action = update[start..end].trim();
        if !action.is_empty() {
            clause.actions.push(action);
        }
    }
}

/// The `#name = :placeholder` assignments of an update expression's SET clauses.
pub fn update_assignments(update: &str) -> Vec<(String, String)> {
    update_clauses(update)
        .into_iter()
        .filter(|c| c.keyword == "SET")
        .flat_map(|c| c.actions)
        .filter_map(|a| {
            let (target, value) = a.split_once('=')?;
            let target = target.trim().strip_prefix('#')?;
            let value = value.trim().strip_prefix(':')?;
            value.chars().all(is_token_char).then(|| (target.to_string(), value.to_string()))
        })
        .collect()
}

/// The attributes an update expression's clauses with `keyword` change.
pub fn update_targets(update: &str, keyword: &str) -> Vec<String> {
    update_clauses(update).iter().filter(|c| c.keyword == keyword).flat_map(UpdateClause::targets).collect()
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
        assert_eq!(bound.values, [(":lit1".into(), s("Customer")), (":lit2".into(), s("Account"))]);
        let bound = bind_literals("#_type = :type (\"Order\") AND #status = :status");
        assert_eq!(bound.text, "#_type = :type AND #status = :status");
        assert_eq!(bound.values, [(":type".into(), s("Order"))]);
    }

    #[test]
    fn numbers_and_booleans_keep_their_type() {
        let bound = bind_literals("#t = :type (\"Order\") AND #total BETWEEN :filter_low (10) AND :filter_high (2.5e3) AND #ok = :filter (true)");
        assert_eq!(bound.text, "#t = :type AND #total BETWEEN :filter_low AND :filter_high AND #ok = :filter");
        assert_eq!(
            bound.values,
            [
                (":type".into(), s("Order")),
                (":filter_low".into(), Literal::N("10".into())),
                (":filter_high".into(), Literal::N("2.5e3".into())),
                (":filter".into(), Literal::Bool(true)),
            ]
        );
        // Only a placeholder's value is a literal: other parentheses are expression text.
        let bound = bind_literals("size(#a) > :n AND (#b = :c)");
        assert_eq!(bound.text, "size(#a) > :n AND (#b = :c)");
        assert!(bound.values.is_empty());
    }

    fn s(text: &str) -> Literal {
        Literal::S(text.into())
    }

    #[test]
    fn any_name_survives_as_a_literal() {
        let hostile = "x\"$(touch PWNED)y' #a :b \\ \n\u{2028}";
        let text = format!("#_type IN ({}, {}) AND #n = :n", literal(hostile), literal("Account"));
        let bound = bind_literals(&text);
        assert_eq!(bound.text, "#_type IN (:lit1, :lit2) AND #n = :n");
        assert_eq!(bound.values[0].1, s(hostile));
        assert_eq!(tokens(&text, '#'), ["_type", "n"]);
        assert_eq!(tokens(&text, ':'), ["n"]);
    }

    #[test]
    fn update_clauses_split_at_keywords_and_top_level_commas() {
        let text = r#"SET #a = if_not_exists(#a, :zero) + :one, #b = :b REMOVE #c, #d ADD #n :one"#;
        let clauses = update_clauses(text);
        let read: Vec<(&str, Vec<&str>)> = clauses.iter().map(|c| (c.keyword, c.actions.clone())).collect();
        assert_eq!(
            read,
            vec![
                ("SET", vec!["#a = if_not_exists(#a, :zero) + :one", "#b = :b"]),
                ("REMOVE", vec!["#c", "#d"]),
                ("ADD", vec!["#n :one"]),
            ]
        );
        assert_eq!(update_assignments(text), vec![("b".to_string(), "b".to_string())]);
        assert_eq!(update_targets(text, "SET"), vec!["a", "b"]);
        assert_eq!(update_targets(text, "REMOVE"), vec!["c", "d"]);
        let lower = update_clauses("set #total = #old + :x remove #gone)");
        assert_eq!(lower[0].keyword, "SET");
        assert_eq!(lower[0].targets().collect::<Vec<_>>(), vec!["total"]);
        assert_eq!(lower[1].targets().collect::<Vec<_>>(), vec!["gone"]);
    }

    #[test]
    fn a_keyword_or_comma_in_a_literal_is_text() {
        let text = r#"SET #s = :s ("a, REMOVE #x"), #t = :t"#;
        let clauses = update_clauses(text);
        assert_eq!(clauses.len(), 1);
        assert_eq!(clauses[0].actions, vec![r#"#s = :s ("a, REMOVE #x")"#, "#t = :t"]);
    }

    #[test]
    fn tokens_are_listed_once_in_order() {
        assert_eq!(tokens("#a = :x AND #b >= :debit_1 SET #c = #c + :x", ':'), ["x", "debit_1"]);
        assert_eq!(tokens("#a = :x AND #b >= :debit_1 SET #c = #c + :x", '#'), ["a", "b", "c"]);
    }
}
