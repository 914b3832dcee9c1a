//! Which items a sparse index holds, read off the items that carry its key. A
//! designer keys a sparse index in words that say what it holds: the declined
//! transactions under `TRANSACTION#STATUS#DECLINED`, the customers with special
//! statuses under `CUSTOMER#SPECIAL_STATUSES`. The condition is an attribute that
//! tells the carriers from the rest and that those words name: its value
//! (`status = declined`) or, failing that, its name (`specialStatuses` present).
//! An attribute the key's words do not name is not taken, however well it
//! separates a few sample items (one declined transaction of five has its own
//! amount too).

use std::collections::HashSet;

use super::attribute_name;
use super::infer::is_word;
use super::nosql_workbench_items::Item;
use crate::model::SparseCondition;
use crate::template::{Part, Template};

/// The condition that holds on exactly the `items` that carry the index's
/// partition key `partition` (its values as the items hold them), judged on the
/// data attributes other than those the index keys are built from (`keyed`) and
/// named by the type words of the index's partition template `words` (its
/// literal parts: never a value, which a single carrier would make look like one).
pub(crate) fn sparse_membership(
    items: &[&Item],
    partition: &str,
    words: &Template,
    keyed: &dyn Fn(&str) -> bool,
) -> Option<SparseCondition> {
    let (carriers, others): (Vec<&Item>, Vec<&Item>) = items.iter().partition(|i| i.text(partition).is_some());
    if carriers.is_empty() || others.is_empty() {
        return None;
    }
    let words: HashSet<String> = words
        .parts()
        .iter()
        .filter_map(|p| match p {
            Part::Literal(text) => Some(text.split('#').filter(|w| is_word(w)).map(squeezed)),
            Part::Attr { .. } => None,
        })
        .flatten()
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = Vec::new();
    for item in &carriers {
        for name in item.keys().filter(|n| !keyed(n) && !n.starts_with('_')) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let equals = names.iter().find_map(|&name| {
        let value = carriers[0].text(name)?;
        let same = carriers.iter().all(|i| i.text(name) == Some(value));
        let apart = others.iter().all(|i| i.text(name) != Some(value));
        (same && apart && words.contains(&squeezed(value))).then(|| SparseCondition {
            attribute: attribute_name(name),
            op: "equals".into(),
            value: Some(value.to_string()),
        })
    });
    equals.or_else(|| {
        names.iter().find_map(|&name| {
            let apart = carriers.iter().all(|i| i.contains(name)) && !others.iter().any(|i| i.contains(name));
            (apart && words.contains(&squeezed(name))).then(|| SparseCondition {
                attribute: attribute_name(name),
                op: "present".into(),
                value: None,
            })
        })
    })
}

/// A word as a key and an attribute name both spell it: `SPECIAL_STATUSES`,
/// `specialStatuses` and `special-statuses` are `SPECIALSTATUSES`.
fn squeezed(word: &str) -> String {
    word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

#[cfg(test)]
mod tests {
    use super::squeezed;

    #[test]
    fn key_words_and_attribute_names_meet_whatever_their_case() {
        assert_eq!(squeezed("SPECIAL_STATUSES"), squeezed("specialStatuses"));
        assert_eq!(squeezed("declined"), "DECLINED");
        assert_ne!(squeezed("STATUS"), squeezed("statuses"));
    }
}
