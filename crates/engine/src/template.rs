//! Key templates: literal text with `{attribute}` placeholders, e.g. `CUST#{customerNumber}`.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sortable::sortable_number;

/// The placeholder of a write-sharded partition key's shard number (`{_shard}`):
/// not an attribute of the items, but computed by the writer and fanned out over
/// by the readers.
pub const SHARD: &str = "_shard";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Literal(String),
    /// An attribute's value; numbers with `pad` are zero-padded to that many digits
    /// so that they sort as text in numeric order (`{transactionNumber:10}`).
    Attr {
        name: String,
        pad: Option<u8>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error("'{{' at character {0} is never closed")]
    Unclosed(usize),
    #[error("'}}' at character {0} closes nothing")]
    Unopened(usize),
    #[error("empty placeholder '{{}}' at character {0}")]
    Empty(usize),
    #[error("the padding after ':' at character {0} is not a number of digits")]
    BadPad(usize),
}

/// A placeholder rendered without a value: the item (or the request) lacks the attribute.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("no value for '{0}'")]
pub struct Unbound(pub String);

impl Template {
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        // Errors count characters, as a person reading the template does, not bytes.
        let at = |byte: usize| text[..byte].chars().count();
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' => {
                    let name: String = chars.by_ref().map(|(_, c)| c).take_while(|&c| c != '}').collect();
                    if !text[i..].contains('}') {
                        return Err(TemplateError::Unclosed(at(i)));
                    }
                    let (name, pad) = match name.split_once(':') {
                        Some((n, w)) => (n.to_string(), Some(w.parse().map_err(|_| TemplateError::BadPad(at(i)))?)),
                        None => (name, None),
                    };
                    if name.is_empty() {
                        return Err(TemplateError::Empty(at(i)));
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Attr { name, pad });
                }
                '}' => return Err(TemplateError::Unopened(at(i))),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(Template { parts })
    }

    pub fn literal(text: &str) -> Template {
        Template::from_parts(vec![Part::Literal(text.to_string())])
    }

    /// A template of these parts, adjacent literals merged and empty ones dropped:
    /// the form `parse` gives, so that templates that read the same are equal.
    pub fn from_parts(parts: Vec<Part>) -> Template {
        let mut merged: Vec<Part> = Vec::with_capacity(parts.len());
        for part in parts {
            match (merged.last_mut(), part) {
                (_, Part::Literal(b)) if b.is_empty() => {}
                (Some(Part::Literal(a)), Part::Literal(b)) => a.push_str(&b),
                (_, part) => merged.push(part),
            }
        }
        Template { parts: merged }
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The same template reading `rename(attribute)` where that gives a name
    /// (a key template over the inputs that give its attributes' values).
    pub fn renamed(&self, rename: impl Fn(&str) -> Option<String>) -> Template {
        let parts = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Attr { name, pad } => {
                    Part::Attr { name: rename(name).unwrap_or_else(|| name.clone()), pad: *pad }
                }
                literal => literal.clone(),
            })
            .collect();
        Template { parts }
    }

    /// The same template with the attributes whose value `value_of` knows
    /// written in as text (a key an update rebuilds from a value fixed in the
    /// model), padded as the template pads them.
    pub fn filled(&self, value_of: impl Fn(&str) -> Option<String>) -> Template {
        let parts = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Attr { name, pad } => match value_of(name) {
                    Some(value) => Part::Literal(pad_number(&value, *pad)),
                    None => p.clone(),
                },
                literal => literal.clone(),
            })
            .collect();
        Template::from_parts(parts)
    }

    /// Whether the template is the attribute `name` as it is: `{name}`, nothing
    /// around it and no padding.
    pub fn is_attribute(&self, name: &str) -> bool {
        matches!(self.parts.as_slice(), [Part::Attr { name: n, pad: None }] if n == name)
    }

    /// The attributes the template reads, in order.
    pub fn attributes(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Attr { name, .. } => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// The literal text before the first placeholder: what `begins_with` can match
    /// without knowing any value.
    pub fn constant_prefix(&self) -> Cow<'_, str> {
        literal_run(self.parts.iter())
    }

    /// The literal text every value ends with: what follows the last placeholder.
    pub fn constant_suffix(&self) -> Cow<'_, str> {
        let start = self.parts.iter().rposition(|p| matches!(p, Part::Attr { .. })).map_or(0, |i| i + 1);
        literal_run(self.parts[start..].iter())
    }

    /// Whether some value of this template could equal some value of `other`;
    /// judged on the constant prefixes and suffixes (`u#{id}#follower` is never
    /// `u#{id}#following`), so it errs towards "maybe".
    pub fn may_equal(&self, other: &Template) -> bool {
        let (x, y) = (self.constant_suffix(), other.constant_suffix());
        let n = x.len().min(y.len());
        if x.as_bytes()[x.len() - n..] != y.as_bytes()[y.len() - n..] {
            return false;
        }
        // Most templates differ in their first literal: settle that without allocating.
        if let (Some(Part::Literal(x)), Some(Part::Literal(y))) = (self.parts.first(), other.parts.first()) {
            let n = x.len().min(y.len());
            if x.as_bytes()[..n] != y.as_bytes()[..n] {
                return false;
            }
        }
        if self.is_constant() && other.is_constant() {
            return self.constant_prefix() == other.constant_prefix();
        }
        let (a, b) = (self.constant_prefix(), other.constant_prefix());
        let shorter = a.len().min(b.len());
        a.as_bytes()[..shorter] == b.as_bytes()[..shorter]
            && (!self.is_constant() || a.len() >= b.len())
            && (!other.is_constant() || b.len() >= a.len())
    }

    /// Whether some value of this template could start with `literal`.
    pub fn may_start_with(&self, literal: &str) -> bool {
        let prefix = self.constant_prefix();
        if self.is_constant() {
            prefix.starts_with(literal)
        } else {
            prefix.starts_with(literal) || literal.starts_with(&*prefix)
        }
    }

    /// Whether every value of this template starts with `literal`.
    pub fn always_starts_with(&self, literal: &str) -> bool {
        self.constant_prefix().starts_with(literal)
    }

    /// The template up to (not including) the first placeholder not in `known`.
    pub fn known_prefix(&self, known: &dyn Fn(&str) -> bool) -> (Template, usize) {
        let mut parts = Vec::new();
        for part in &self.parts {
            match part {
                Part::Attr { name, .. } if !known(name) => break,
                _ => parts.push(part.clone()),
            }
        }
        let used = parts.len();
        (Template { parts }, used)
    }

    pub fn is_constant(&self) -> bool {
        self.attributes().next().is_none()
    }

    /// The template with `suffix` appended (a shard suffix, a child's part).
    pub fn join(&self, other: &Template) -> Template {
        Template::from_parts(self.parts.iter().chain(&other.parts).cloned().collect())
    }

    /// The value for an item, or the first attribute it lacks.
    pub fn render(&self, value_of: impl Fn(&str) -> Option<String>) -> Result<String, Unbound> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(l) => out.push_str(l),
                Part::Attr { name, pad } => {
                    let value = value_of(name).ok_or_else(|| Unbound(name.clone()))?;
                    out.push_str(&pad_number(&value, *pad));
                }
            }
        }
        Ok(out)
    }
}

/// A value in a part padded to `pad` digits, as [`sortable_number`] writes it.
/// A number too wide for the padding is written as it is, as the generated code
/// of every language writes it: it then sorts out of place, which the proof shows.
pub fn pad_number(value: &str, pad: Option<u8>) -> String {
    match pad {
        Some(w) => sortable_number(value, w).unwrap_or_else(|_| value.to_string()),
        None => value.to_string(),
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                Part::Literal(l) => f.write_str(l)?,
                Part::Attr { name, pad: None } => write!(f, "{{{name}}}")?,
                Part::Attr { name, pad: Some(w) } => write!(f, "{{{name}:{w}}}")?,
            }
        }
        Ok(())
    }
}

impl Serialize for Template {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Template::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The literals at the start of `parts`, joined; borrowed when there is one (as
/// in every template parsed or built from parts), so that comparing templates'
/// literals, which the derivation does for every slot it places, allocates nothing.
fn literal_run<'t>(mut parts: impl Iterator<Item = &'t Part>) -> Cow<'t, str> {
    let literal = |p: Option<&'t Part>| match p {
        Some(Part::Literal(l)) => Some(l.as_str()),
        _ => None,
    };
    let Some(first) = literal(parts.next()) else { return Cow::Borrowed("") };
    let mut run = Cow::Borrowed(first);
    while let Some(more) = literal(parts.next()) {
        run.to_mut().push_str(more);
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let t = Template::parse("CUST#{customerNumber}#ACCT#{accountNumber}").unwrap();
        assert_eq!(t.attributes().collect::<Vec<_>>(), ["customerNumber", "accountNumber"]);
        assert_eq!(t.constant_prefix(), "CUST#");
        assert_eq!(t.to_string(), "CUST#{customerNumber}#ACCT#{accountNumber}");
    }

    #[test]
    fn templates_that_read_the_same_are_equal_however_built() {
        let t = |s| Template::parse(s).unwrap();
        let attr = |name: &str| Part::Attr { name: name.into(), pad: None };
        let lit = |text: &str| Part::Literal(text.into());
        // A slot built from parts is compared with one parsed from a pin.
        assert_eq!(Template::from_parts(vec![attr("id")]), t("{id}"));
        assert_eq!(Template::from_parts(vec![lit(""), lit("A"), lit("#"), attr("id"), lit("")]), t("A#{id}"));
        assert_eq!(Template::literal(""), t(""));
        assert_eq!(t("{a}").join(&Template::literal("#B")).join(&t("{c}")), t("{a}#B{c}"));
    }

    #[test]
    fn overlap_is_judged_on_prefixes() {
        let t = |s| Template::parse(s).unwrap();
        assert!(t("ACCOUNT#{a}").may_equal(&t("ACCOUNT#{b}")));
        assert!(!t("ACCOUNT#{a}").may_equal(&t("PHONE#{b}")));
        assert!(!t("CUSTOMER").may_equal(&t("CUSTOMER#{x}")));
        assert!(t("CUSTOMER#").may_equal(&t("CUSTOMER#{x}")));
        assert!(!t("u#{a}#follower").may_equal(&t("u#{b}#following")));
        assert!(t("u#{a}#follower").may_equal(&t("u#{b}")));
        assert!(!t("{a}#META").may_equal(&t("X#{b}#DATA")));
        assert!(t("TX#{d}").may_start_with("TX#2024"));
        assert!(!t("TX#{d}").may_start_with("CUSTOMER#"));
        assert!(t("TX#{d}").always_starts_with("TX"));
    }

    #[test]
    fn rejects_bad_braces() {
        assert_eq!(Template::parse("A#{x"), Err(TemplateError::Unclosed(2)));
        assert_eq!(Template::parse("A#}"), Err(TemplateError::Unopened(2)));
        assert_eq!(Template::parse("A#{}"), Err(TemplateError::Empty(2)));
        assert_eq!(Template::parse("Ä#}"), Err(TemplateError::Unopened(2)), "characters, not bytes");
    }

    #[test]
    fn renders_values() {
        let t = Template::parse("TX#{date}#{n}").unwrap();
        let v = t.render(|a| Some(if a == "date" { "2024-01-01".into() } else { "7".into() }));
        assert_eq!(v.unwrap(), "TX#2024-01-01#7");
        assert_eq!(t.render(|_| None), Err(Unbound("date".to_string())));
    }
}
