//! Values of one item that must agree with each other and with what the item is:
//! a person's e-mail address is made of their name, a book's title is a book's
//! and not a job's.

use indexmap::IndexMap;

use crate::model::{AttrType, Condition, ConditionOp, Entity, Format, Model};

use super::rng::Rng;
use super::words::{ADJECTIVES, NOUNS};
use crate::value::Value;

/// Entities whose `title` names a work rather than a position.
const WORKS: &[&str] = &[
    "book", "post", "article", "movie", "film", "song", "album", "course", "video", "episode", "story", "chapter",
    "podcast", "show", "track", "paper", "recipe", "poem", "play",
];

/// Makes item `index`'s values agree: the e-mail of a person with a first and last
/// name is theirs (numbered by the index, so unique attributes stay unique), and a
/// work's title reads like one.
pub fn agree(entity: &Entity, attrs: &mut IndexMap<String, Value>, index: usize, rng: &mut Rng) {
    let text =
        |name: &str| attrs.get(name).and_then(|v| if let Value::S(s) = v { Some(s.to_lowercase()) } else { None });
    let first =
        entity.attributes.iter().find(|a| a.name.to_lowercase().contains("firstname")).and_then(|a| text(&a.name));
    let last =
        entity.attributes.iter().find(|a| a.name.to_lowercase().contains("lastname")).and_then(|a| text(&a.name));
    if let (Some(first), Some(last)) = (first, last) {
        let own: String =
            format!("{first}.{last}").chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
        for a in entity.attributes.iter().filter(|a| a.format == Some(Format::Email) && !a.identifier) {
            if attrs.contains_key(&a.name) {
                attrs.insert(a.name.clone(), Value::S(format!("{own}{}@example.com", index + 1)));
            }
        }
    }
    let kind = entity.name.to_lowercase();
    if WORKS.iter().any(|w| kind.contains(w)) {
        for a in entity.attributes.iter().filter(|a| a.name.eq_ignore_ascii_case("title") && a.format.is_none()) {
            if attrs.contains_key(&a.name) {
                let title = format!("The {} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS));
                let title = if a.unique { format!("{title} {}", index + 1) } else { title };
                attrs.insert(a.name.clone(), Value::S(title));
            }
        }
    }
}

/// The comparisons that writes' conditions make on items of `entity` between
/// two of its numbers ("a seat is taken while seatsTaken < capacity") or one
/// and a number fixed in the model ("a member borrows while activeLoanCount <
/// 5"), each once. Only orderings: meeting `balance = 0` would give most items
/// a zero balance. Identifiers and unique numbers are left as drawn.
pub fn comparisons<'m>(model: &'m Model, entity: &'m Entity) -> Vec<&'m Condition> {
    let number = |name: Option<&str>| {
        name.and_then(|n| entity.attribute(n))
            .is_some_and(|a| a.attr_type == AttrType::Number && !a.identifier && !a.unique)
    };
    let operand = |t: &Condition| match (&t.other_attribute, &t.value) {
        (Some(other), _) => entity.attribute(other).is_some_and(|a| a.attr_type == AttrType::Number),
        (None, Some(value)) => fixed_number(value).is_some(),
        (None, None) => false,
    };
    let ordering =
        |t: &Condition| matches!(t.op, ConditionOp::Lt | ConditionOp::Le | ConditionOp::Gt | ConditionOp::Ge);
    let mut out: Vec<&Condition> = Vec::new();
    let tests = model.access_patterns.iter().flat_map(|p| p.conditions_of(&entity.name)).flat_map(|c| c.tests());
    for t in tests.filter(|t| number(t.attribute.as_deref()) && operand(t) && ordering(t)) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Makes item `index` meet each comparison, or (one item in three) break one,
/// so that the sample holds items on both sides of a write's condition. A value
/// that meets it is kept; otherwise the value moves next to the other one:
/// breaking `seatsTaken < capacity` makes a course full, not overbooked, and
/// breaking `activeLoanCount < 5` gives a member 5 loans, not 59.
pub fn compare(comparisons: &[&Condition], attrs: &mut IndexMap<String, Value>, index: usize) {
    // One comparison broken at most, in turn, and last: meeting another test
    // of the same attribute afterwards (activeLoanCount <= 3) would undo it.
    let breaking = (index % 3 == 1 && !comparisons.is_empty()).then(|| (index / 3) % comparisons.len());
    let met = comparisons.iter().enumerate().filter(|(k, _)| breaking != Some(*k));
    for (c, meets) in met.map(|(_, c)| (c, true)).chain(breaking.map(|k| (&comparisons[k], false))) {
        let Some(name) = c.attribute.as_deref() else { continue };
        let other = match (c.other_attribute.as_deref(), c.value.as_deref()) {
            (Some(other_name), _) => attrs.get(other_name).and_then(Value::as_f64),
            (None, Some(value)) => fixed_number(value),
            (None, None) => None,
        };
        let (Some(current), Some(other)) = (attrs.get(name).and_then(Value::as_f64), other) else {
            continue;
        };
        let candidates =
            if meets { [current, other - 1.0, other + 1.0, other] } else { [other, other + 1.0, other - 1.0, current] };
        let on_its_side = |x: &f64| x.partial_cmp(&other).is_some_and(|o| c.op.accepts(o) == Some(meets));
        if let Some(x) = candidates.into_iter().find(on_its_side).filter(|x| *x != current) {
            attrs.insert(name.to_string(), Value::number(&x.to_string()));
        }
    }
}

fn fixed_number(value: &str) -> Option<f64> {
    value.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attribute;

    fn entity(name: &str, attributes: Vec<Attribute>) -> Entity {
        let mut e: Entity = serde_json::from_value(serde_json::json!({"name": name, "attributes": []})).unwrap();
        e.attributes = attributes;
        e
    }

    #[test]
    fn a_persons_email_is_made_of_their_name_and_a_books_title_is_a_title() {
        let mut email = Attribute::new("email", AttrType::String);
        email.format = Some(Format::Email);
        let member = entity(
            "Member",
            vec![Attribute::new("firstName", AttrType::String), Attribute::new("lastName", AttrType::String), email],
        );
        let mut attrs: IndexMap<String, Value> = IndexMap::new();
        attrs.insert("firstName".into(), Value::S("Daniel".into()));
        attrs.insert("lastName".into(), Value::S("O'Brien".into()));
        attrs.insert("email".into(), Value::S("emma.taylor1@example.com".into()));
        agree(&member, &mut attrs, 6, &mut Rng::new(1));
        assert_eq!(attrs["email"], Value::S("daniel.obrien7@example.com".into()));

        let book = entity("Book", vec![Attribute::new("title", AttrType::String)]);
        let mut attrs: IndexMap<String, Value> = IndexMap::new();
        attrs.insert("title".into(), Value::S("Software Engineer".into()));
        agree(&book, &mut attrs, 0, &mut Rng::new(1));
        let Value::S(title) = &attrs["title"] else { panic!() };
        assert!(title.starts_with("The "), "{title}");
    }
}
