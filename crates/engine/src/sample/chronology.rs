//! Dates that follow one another: a loan is returned after it was made, an order
//! ships after it was placed, a record is updated after it was created. Sample
//! items keep every such order, declared on the later attribute (`after`) or
//! inferred from the names: a date whose name says a beginning (created, placed,
//! loaned, started, hired, ...) comes at or before one whose name says what
//! follows (updated, shipped, delivered, returned, due, ended, terminated, last
//! seen, ...).

use indexmap::IndexMap;

use crate::model::{Attribute, Format};

use super::rng::Rng;
use super::time::{date_text, epoch_seconds, timestamp_text};
use crate::value::Value;

/// Stems of the words that name when something began (`createdAt`, `placedAt`,
/// `hireDate`, `startsAt`); a shipment's ship date begins its delivery.
const BEGINNINGS: &[&str] = &[
    "creat",
    "plac",
    "order",
    "open",
    "start",
    "issu",
    "loan",
    "borrow",
    "hire",
    "join",
    "regist",
    "book",
    "sent",
    "submit",
    "request",
    "signup",
    "signedup",
    "enrol",
    "checkout",
    "checkedout",
    "purchas",
    "report",
    "rais",
    "fil",
    "ship",
];

/// Stems of the words that name what follows a beginning (`updatedAt`,
/// `returnedOn`, `terminationDate`, `endsAt`, `lastSeenAt`).
const SEQUELS: &[&str] = &[
    "updat",
    "modif",
    "return",
    "due",
    "end",
    "clos",
    "ship",
    "deliver",
    "complet",
    "resolv",
    "expir",
    "terminat",
    "paid",
    "finish",
    "cancel",
    "checkin",
    "checkedin",
    "escalat",
    "approv",
    "fulfil",
    "archiv",
    "delet",
    "left",
    "renew",
    "last",
];

/// The pairs (earlier, later) of the entity's date and timestamp attributes.
pub fn orders(attributes: &[Attribute]) -> Vec<(String, String)> {
    let dated: Vec<&Attribute> =
        attributes.iter().filter(|a| matches!(a.format, Some(Format::Date | Format::Timestamp))).collect();
    let mut out = Vec::new();
    for later in &dated {
        if let Some(earlier) = &later.after {
            out.push((earlier.clone(), later.name.clone()));
            continue;
        }
        if !names(&later.name, SEQUELS) {
            continue;
        }
        for earlier in dated.iter().filter(|e| e.name != later.name && names(&e.name, BEGINNINGS)) {
            out.push((earlier.name.clone(), later.name.clone()));
        }
    }
    out
}

/// Whether the attribute's name starts with one of the stems (`loanedAt`,
/// `returned_on`, `dueDate`).
fn names(name: &str, words: &[&str]) -> bool {
    let lower: String = name.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    words.iter().any(|w| lower.starts_with(w))
}

/// Moves each later date that came before its earlier one to a moment after it,
/// no later than `latest` (epoch seconds): within a month, as loans and
/// shipments go.
pub fn keep_order(attrs: &mut IndexMap<String, Value>, orders: &[(String, String)], latest: i64, rng: &mut Rng) {
    // A date may follow one that itself moved: settle earlier pairs first, twice.
    for _ in 0..2 {
        for (earlier, later) in orders {
            let (Some(Value::S(a)), Some(Value::S(b))) = (attrs.get(earlier), attrs.get(later)) else { continue };
            let (Some(start), Some(end)) = (epoch_seconds(a), epoch_seconds(b)) else { continue };
            if end >= start {
                continue;
            }
            let room = (latest - start).clamp(0, 30 * 86_400);
            let moved = start + rng.below(room as u64 + 1) as i64;
            let text = if b.len() == 10 { date_text(moved.div_euclid(86_400)) } else { timestamp_text(moved) };
            // A date cannot come before the day of the timestamp it follows.
            let text = if b.len() == 10 && text.as_str() < &a[..10.min(a.len())] { a[..10].to_string() } else { text };
            attrs.insert(later.clone(), Value::S(text));
        }
    }
}

/// The last second of the day `as_of` (a day number): no sample date lies beyond it.
pub fn end_of(as_of: i64) -> i64 {
    as_of * 86_400 + 86_399
}

/// Whether the item's dates keep every order.
pub fn in_order(attrs: &IndexMap<String, Value>, orders: &[(String, String)]) -> bool {
    orders.iter().all(|(earlier, later)| match (attrs.get(earlier), attrs.get(later)) {
        (Some(Value::S(a)), Some(Value::S(b))) => match (epoch_seconds(a), epoch_seconds(b)) {
            // A date is in order with a timestamp on the same day.
            (Some(start), Some(end)) if b.len() == 10 => end >= start.div_euclid(86_400) * 86_400,
            (Some(start), Some(end)) => end >= start,
            _ => true,
        },
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AttrType;

    fn dated(name: &str, format: Format) -> Attribute {
        let mut a = Attribute::new(name, AttrType::String);
        a.format = Some(format);
        a
    }

    #[test]
    fn orders_come_from_names_or_are_declared() {
        let attrs = [
            dated("loanedAt", Format::Timestamp),
            dated("dueOn", Format::Date),
            dated("returnedOn", Format::Date),
            Attribute::new("title", AttrType::String),
        ];
        let o = orders(&attrs);
        assert!(
            o.contains(&("loanedAt".into(), "returnedOn".into())) && o.contains(&("loanedAt".into(), "dueOn".into()))
        );
        assert_eq!(o.len(), 2, "due and returned are not ordered between them: {o:?}");
        let mut declared = dated("reviewedOn", Format::Date);
        declared.after = Some("dueOn".into());
        assert_eq!(
            orders(&[dated("dueOn", Format::Date), declared]),
            [("dueOn".to_string(), "reviewedOn".to_string())]
        );
    }

    #[test]
    fn a_date_before_its_beginning_moves_after_it() {
        let o = vec![("loanedAt".to_string(), "returnedOn".to_string())];
        let mut attrs: IndexMap<String, Value> = IndexMap::new();
        attrs.insert("loanedAt".into(), Value::S("2025-03-10T18:00:00Z".into()));
        attrs.insert("returnedOn".into(), Value::S("2025-01-02".into()));
        assert!(!in_order(&attrs, &o));
        keep_order(&mut attrs, &o, epoch_seconds("2025-06-01").unwrap(), &mut Rng::new(1));
        assert!(in_order(&attrs, &o), "{attrs:?}");
        let Value::S(returned) = &attrs["returnedOn"] else { panic!() };
        assert!(returned.as_str() >= "2025-03-10" && returned.as_str() <= "2025-04-10", "{returned}");
    }
}
