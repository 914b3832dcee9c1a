//! Judges a live answer against the oracle's: the same items (by primary key), each
//! once, in the pattern's order.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use indexmap::IndexMap;
use serde::Serialize;

use crate::sample::{key_of, ItemKey, Value};

use super::Expected;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub pass: bool,
    pub returned: usize,
    pub expected: usize,
    /// Items the answer lacks (at most a few, for the report).
    pub missing: Vec<String>,
    /// Items the answer should not hold.
    pub unexpected: Vec<String>,
    pub duplicates: usize,
    /// The answer's items are not in the pattern's order.
    pub out_of_order: bool,
    /// Attributes the pattern returns that an answer's item lacks ("ORDER#1 lacks status").
    pub lacking: Vec<String>,
}

const SHOWN: usize = 5;

/// `items` as the live table returned them, in order.
pub fn compare(expected: &Expected, items: &[IndexMap<String, Value>], key_names: &[String; 2]) -> Verdict {
    let keys: Vec<ItemKey> = items.iter().map(|i| key_of(i, key_names)).collect();
    let distinct: BTreeSet<ItemKey> = keys.iter().cloned().collect();
    let duplicates = keys.len() - distinct.len();
    let missing: Vec<String> = expected.required.difference(&distinct).take(SHOWN).map(|k| k.to_string()).collect();
    let unexpected: Vec<String> = distinct
        .iter()
        .filter(|k| !expected.required.contains(k) && !expected.optional.contains(k))
        .take(SHOWN)
        .map(|k| k.to_string())
        .collect();
    let out_of_order = match &expected.order {
        Some((_, descending)) => {
            let values: Vec<&Value> = keys.iter().filter_map(|k| expected.ranks.get(k)).collect();
            values.windows(2).any(|w| {
                let o = w[0].compare(w[1]).unwrap_or(Ordering::Equal);
                if *descending {
                    o == Ordering::Less
                } else {
                    o == Ordering::Greater
                }
            })
        }
        None => false,
    };
    let lacking: Vec<String> = items
        .iter()
        .zip(&keys)
        .flat_map(|(item, key)| {
            let wanted = expected.carries.get(key).map(Vec::as_slice).unwrap_or_default();
            wanted.iter().filter(|a| !item.contains_key(*a)).map(move |a| format!("{key} lacks {a}"))
        })
        .take(SHOWN)
        .collect();
    let pass = lacking.is_empty()
        && missing.is_empty()
        && unexpected.is_empty()
        && duplicates == 0
        && distinct.len() == expected.count
        && !out_of_order;
    Verdict {
        pass,
        returned: keys.len(),
        expected: expected.count,
        missing,
        unexpected,
        duplicates,
        out_of_order,
        lacking,
    }
}
