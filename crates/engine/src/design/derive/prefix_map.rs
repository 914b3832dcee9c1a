//! A map from key literals to values that answers the two questions index slots
//! ask of literals — which keys are starts of this text, and which keys this
//! text starts — in time that follows the answer, not the text's length.
//!
//! Keys that are starts of a text are looked up only at the lengths some key
//! has: key literals come in a few lengths (`""`, `CUSTOMER#`, `ORDER#`), and
//! asking at every character of a long literal cost most of a derivation. Those
//! lookups are exact, so they go to a hash map; only the keys a text starts need
//! the keys in order, which a set of them beside it gives.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use foldhash::HashMap;

#[derive(Debug, Clone)]
pub struct PrefixMap<V> {
    entries: HashMap<String, V>,
    /// The keys of `entries`, in order.
    ordered: BTreeSet<String>,
    /// How many keys have each byte length.
    lengths: BTreeMap<usize, usize>,
}

impl<V> Default for PrefixMap<V> {
    fn default() -> Self {
        PrefixMap { entries: HashMap::default(), ordered: BTreeSet::new(), lengths: BTreeMap::new() }
    }
}

impl<V: Default> PrefixMap<V> {
    /// The value of `key`, a default one inserted when there was none.
    pub fn entry(&mut self, key: &str) -> &mut V {
        if !self.entries.contains_key(key) {
            *self.lengths.entry(key.len()).or_default() += 1;
            self.ordered.insert(key.to_string());
            self.entries.insert(key.to_string(), V::default());
        }
        self.entries.get_mut(key).expect("inserted above")
    }
}

impl<V> PrefixMap<V> {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.entries.get_mut(key)
    }

    pub fn remove(&mut self, key: &str) {
        if self.entries.remove(key).is_some() {
            self.ordered.remove(key);
            if let Some(count) = self.lengths.get_mut(&key.len()) {
                *count -= 1;
                if *count == 0 {
                    self.lengths.remove(&key.len());
                }
            }
        }
    }

    /// The values of the keys that are starts of `text`, `text` itself included.
    pub fn starts_of<'s, 't>(&'s self, text: &'t str) -> impl Iterator<Item = &'s V> + use<'s, 't, V> {
        self.lengths
            .range(..=text.len())
            .filter(move |(&length, _)| text.is_char_boundary(length))
            .filter_map(move |(&length, _)| self.entries.get(&text[..length]))
    }

    /// The values of the keys that start with `text`; `text` itself only when
    /// `inclusive`.
    pub fn extending<'s, 't>(&'s self, text: &'t str, inclusive: bool) -> impl Iterator<Item = &'s V> + use<'s, 't, V> {
        let from = if inclusive { Bound::Included(text) } else { Bound::Excluded(text) };
        self.ordered
            .range::<str, _>((from, Bound::Unbounded))
            .take_while(move |key| key.starts_with(text))
            .filter_map(|key| self.entries.get(key.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[&str]) -> PrefixMap<String> {
        let mut map = PrefixMap::<String>::default();
        for key in keys {
            map.entry(key).push_str(key);
        }
        map
    }

    #[test]
    fn finds_every_key_that_starts_a_text_and_only_those() {
        let map = map(&["", "C", "CUST", "CUSTOMER#", "CUSTOMS#", "ORDER#", "CUSTOMER#1"]);
        let starts: Vec<&String> = map.starts_of("CUSTOMER#12").collect();
        assert_eq!(starts, ["", "C", "CUST", "CUSTOMER#", "CUSTOMER#1"]);
    }

    #[test]
    fn finds_every_key_a_text_starts() {
        let map = map(&["CUSTOMER#", "CUSTOMER#1", "CUSTOMERS", "CUSTOM", "ORDER#"]);
        assert_eq!(map.extending("CUSTOMER", false).collect::<Vec<_>>(), ["CUSTOMER#", "CUSTOMER#1", "CUSTOMERS"]);
        assert_eq!(map.extending("CUSTOMER#", true).collect::<Vec<_>>(), ["CUSTOMER#", "CUSTOMER#1"]);
        assert_eq!(map.extending("CUSTOMER#", false).collect::<Vec<_>>(), ["CUSTOMER#1"]);
    }

    #[test]
    fn cuts_only_at_character_boundaries() {
        // "É" is two bytes: a one-byte key must not cut it in half.
        let map = map(&["x", "É"]);
        assert_eq!(map.starts_of("É#").collect::<Vec<_>>(), ["É"]);
    }

    #[test]
    fn a_removed_key_is_no_longer_found() {
        let mut map = map(&["A#", "B#", "A#B"]);
        map.remove("A#");
        map.remove("missing");
        assert_eq!(map.starts_of("A#B").collect::<Vec<_>>(), ["A#B"]);
        assert_eq!(map.starts_of("B#1").collect::<Vec<_>>(), ["B#"]);
    }
}
