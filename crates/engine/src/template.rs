//! Key templates: literal text with `{attribute}` placeholders, e.g. `CUST#{customerNumber}`.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Literal(String),
    Attr(String),
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
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' => {
                    let name: String = chars
                        .by_ref()
                        .map(|(_, c)| c)
                        .take_while(|&c| c != '}')
                        .collect();
                    if !text[i..].contains('}') {
                        return Err(TemplateError::Unclosed(i));
                    }
                    if name.is_empty() {
                        return Err(TemplateError::Empty(i));
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Attr(name));
                }
                '}' => return Err(TemplateError::Unopened(i)),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(Template { parts })
    }

    pub fn literal(text: &str) -> Template {
        Template {
            parts: vec![Part::Literal(text.to_string())],
        }
    }

    pub fn from_parts(parts: Vec<Part>) -> Template {
        Template { parts }
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The attributes the template reads, in order.
    pub fn attributes(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Attr(a) => Some(a.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// The literal text before the first placeholder: what `begins_with` can match
    /// without knowing any value.
    pub fn constant_prefix(&self) -> String {
        self.parts
            .iter()
            .map_while(|p| match p {
                Part::Literal(l) => Some(l.as_str()),
                Part::Attr(_) => None,
            })
            .collect()
    }

    pub fn is_constant(&self) -> bool {
        self.attributes().next().is_none()
    }

    /// The template with `suffix` appended (a shard suffix, a child's part).
    pub fn join(&self, other: &Template) -> Template {
        let mut parts = self.parts.clone();
        for part in &other.parts {
            match (parts.last_mut(), part) {
                (Some(Part::Literal(a)), Part::Literal(b)) => a.push_str(b),
                _ => parts.push(part.clone()),
            }
        }
        Template { parts }
    }

    /// The value for an item, or the first attribute it lacks.
    pub fn render(&self, value_of: impl Fn(&str) -> Option<String>) -> Result<String, String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(l) => out.push_str(l),
                Part::Attr(a) => out.push_str(&value_of(a).ok_or_else(|| a.clone())?),
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                Part::Literal(l) => f.write_str(l)?,
                Part::Attr(a) => write!(f, "{{{a}}}")?,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let t = Template::parse("CUST#{customerNumber}#ACCT#{accountNumber}").unwrap();
        assert_eq!(
            t.attributes().collect::<Vec<_>>(),
            ["customerNumber", "accountNumber"]
        );
        assert_eq!(t.constant_prefix(), "CUST#");
        assert_eq!(t.to_string(), "CUST#{customerNumber}#ACCT#{accountNumber}");
    }

    #[test]
    fn rejects_bad_braces() {
        assert_eq!(Template::parse("A#{x"), Err(TemplateError::Unclosed(2)));
        assert_eq!(Template::parse("A#}"), Err(TemplateError::Unopened(2)));
        assert_eq!(Template::parse("A#{}"), Err(TemplateError::Empty(2)));
    }

    #[test]
    fn renders_values() {
        let t = Template::parse("TX#{date}#{n}").unwrap();
        let v = t.render(|a| {
            Some(if a == "date" {
                "2024-01-01".into()
            } else {
                "7".into()
            })
        });
        assert_eq!(v.unwrap(), "TX#2024-01-01#7");
        assert_eq!(t.render(|_| None), Err("date".to_string()));
    }
}
