//! Values of one item that must agree with each other and with what the item is:
//! a person's e-mail address is made of their name, a book's title is a book's
//! and not a job's.

use indexmap::IndexMap;

use crate::model::{Condition, ConditionOp, Entity, Format, Model};

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

/// The comparisons that writes' conditions make on items of `entity` with
/// another attribute of the item ("a seat is taken while seatsTaken <
/// capacity") or with a value fixed in the model ("a member borrows while
/// activeLoanCount < 5").
pub fn comparisons<'m>(model: &'m Model, entity: &'m str) -> Vec<&'m Condition> {
    let tests = model.access_patterns.iter().flat_map(|p| p.conditions_of(entity)).flat_map(|c| c.tests());
    let ordered = |t: &&Condition| !matches!(t.op, ConditionOp::Exists | ConditionOp::NotExists);
    let number = |t: &&Condition| t.value.as_deref().is_some_and(|v| fixed_number(v).is_some());
    tests.filter(|t| t.attribute.is_some() && (t.other_attribute.is_some() || number(t))).filter(ordered).collect()
}

/// Makes item `index` meet each comparison, or (one item in three) break one, of
/// one of its numbers with another or with a fixed number, so that the sample
/// holds items on both sides of a write's condition. A value that meets it is
/// kept; otherwise the value moves next to the other one: breaking
/// `seatsTaken < capacity` makes a course full, not overbooked, and breaking
/// `activeLoanCount < 5` gives a member 5 loans, not 59. Strings and dates
/// compared are left as drawn.
pub fn compare(comparisons: &[&Condition], attrs: &mut IndexMap<String, Value>, index: usize) {
    // An item breaks one comparison at most, in turn: breaking two on one
    // attribute (seatsTaken < capacity, then seatsTaken > 0) would undo the first.
    let breaking = (index % 3 == 1 && !comparisons.is_empty()).then(|| (index / 3) % comparisons.len());
    for (k, c) in comparisons.iter().enumerate() {
        let Some(name) = c.attribute.as_deref() else { continue };
        let other = match (c.other_attribute.as_deref(), c.value.as_deref()) {
            (Some(other_name), _) => attrs.get(other_name).and_then(Value::as_f64),
            (None, Some(value)) => fixed_number(value),
            (None, None) => None,
        };
        let (Some(current), Some(other)) = (attrs.get(name).and_then(Value::as_f64), other) else {
            continue;
        };
        let meets = breaking != Some(k);
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
    use crate::model::{AttrType, Attribute};

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
