//! Key templates read off the key values of a kind of item: `CUST#101`, `CUST#102`
//! become `CUST#{custId}`. A segment between `#`s is literal when every item has
//! the same one and it is a type word in capitals (`CUST`, `ORDER_ITEM`); all
//! other segments are values, and a run of them is one value (`USA#CA#SFO` could
//! be anything the writer joined).

use std::collections::HashMap;

use super::camel;
use crate::template::{Part, Template, SHARD};

/// `CUST`, `ORDER_ITEM`, `WAREHOUSES`, `c`, `follower`, `metadata`: the words
/// single-table designs write as literals, in any case and of any length. A
/// segment with a digit (`101`, `2020-04-24`, `WARNING1`) or any other mark is a
/// value.
pub(crate) fn is_word(segment: &str) -> bool {
    !segment.is_empty() && segment.chars().all(|c| c.is_alphabetic() || c == '_' || c == '"')
}

/// The type word a key value starts with: `CUST` of `CUST#101`, `u` of `u#42`,
/// `WAREHOUSES` of `WAREHOUSES`; none for `101` or `john@doe.com`.
pub(crate) fn marker(value: &str) -> Option<&str> {
    value.split('#').next().filter(|s| is_word(s))
}

/// A key's values on every item of the table, grouped by their first segment: a
/// kind's values are compared with their family (the values that start as theirs
/// do), and grouping once keeps that linear in the table's size. The values are
/// split at `#` when compared, not kept split: a table can have many items.
#[derive(Default)]
pub(crate) struct Context<'a> {
    families: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Context<'a> {
    pub fn new(values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut families: HashMap<&str, Vec<&str>> = HashMap::new();
        for value in values {
            let first = value.split('#').next().unwrap_or_default();
            families.entry(first).or_default().push(value);
        }
        Context { families }
    }

    fn family(&self, first: &str) -> &[&'a str] {
        self.families.get(first).map_or(&[], Vec::as_slice)
    }
}

/// A variable's values per item (by the item's position in its kind): slices of
/// the items' key values, never copies, as a table can have many items.
type Values<'a> = Vec<(usize, &'a str)>;

/// A template being inferred, before its variables have names.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Literal(String),
    /// The values per item, and the literal right before it, which names it
    /// (`CUST#{custId}`).
    Var {
        values: Values<'a>,
        after: Option<String>,
        /// The item's own attribute every value of this variable equals, if any.
        name: Option<Held>,
    },
}

/// An item's own attribute that a key segment holds: as it is, or (a number)
/// zero-padded to `pad` digits, as keys pad numbers to sort them as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Held {
    pub name: String,
    pub pad: Option<u8>,
}

/// The item's own attributes (not its key attributes) that hold `value` (item by
/// its position among the kind's items).
pub(crate) type SameAs<'a> = &'a dyn Fn(usize, &str) -> Vec<Held>;

/// The shape the values of one key share. `values` are (item, value) pairs and not
/// empty; `context` are the key's values on every item of the table, which show
/// what varies when a kind has a single item (`CAT#ART` beside `CAT#FURNITURE`).
fn shape<'a>(values: &[(usize, &'a str)], context: &Context<'_>, same_as: SameAs<'_>, shard: bool) -> Vec<Piece<'a>> {
    let split: Vec<Vec<&'a str>> = values.iter().map(|(_, v)| v.split('#').collect()).collect();
    let min = split.iter().map(Vec::len).min().unwrap_or(0);
    let same_count = split.iter().all(|s| s.len() == min);
    let family = context.family(split[0][0]);
    // A word right after a value names what the key holds (`u#42#follower`): it
    // is the kind's own, whatever its neighbours in the table say there.
    let type_word = |i: usize| i > 0 && !is_word(split[0][i - 1]);
    let literal_at = |i: usize| {
        let first = split[0][i];
        (is_word(first) || first.is_empty())
            && split.iter().all(|s| s[i] == first)
            && (type_word(i) || family.iter().all(|v| v.split('#').nth(i).is_none_or(|seg| seg == first)))
    };
    // The values from segment `from` to `to` (or to the end), with the `#`s between.
    let var = |from: usize, to: Option<usize>, after: Option<&str>| Piece::Var {
        values: values
            .iter()
            .zip(&split)
            .map(|((item, value), s)| (*item, segments(value, &s[from..to.unwrap_or(s.len())])))
            .collect(),
        after: after.map(str::to_string),
        name: None,
    };
    // The attribute of the items that segments `from` to `to` (or to the end)
    // hold on every item (`comm#2023-04-30T12:00:24#comm1` beside comm_date and
    // comm_id; `AUTHOR#Jane Doe` beside author).
    let held = |from: usize, to: Option<usize>| -> Option<Held> {
        let mut common: Option<Vec<Held>> = None;
        for ((item, value), s) in values.iter().zip(&split) {
            let names = same_as(*item, segments(value, &s[from..to.unwrap_or(s.len())]));
            common = Some(match common {
                None => names,
                Some(c) => c.into_iter().filter(|n| names.contains(n)).collect(),
            });
        }
        common.and_then(|c| c.into_iter().next())
    };
    // A run of values the items hold as one of their attributes is named for it.
    let named = |piece: Piece<'a>, from: usize, to: Option<usize>| match piece {
        Piece::Var { values, after, .. } => Piece::Var { values, after, name: held(from, to) },
        literal => literal,
    };
    if !same_count {
        // Values of different lengths: a common literal start, then one value for
        // the rest (which every value has, as the start is shorter than the shortest).
        let start = (0..min - 1).take_while(|&i| literal_at(i)).count();
        let mut pieces: Vec<Piece> = split[0][..start].iter().map(|l| Piece::Literal(l.to_string())).collect();
        pieces.push(named(var(start, None, start.checked_sub(1).map(|i| split[0][i])), start, None));
        return pieces;
    }
    let mut pieces = Vec::new();
    let mut run: Option<usize> = None;
    for i in 0..=min {
        if i < min && !literal_at(i) {
            run.get_or_insert(i);
            continue;
        }
        if let Some(from) = run.take() {
            let after = from.checked_sub(1).map(|j| split[0][j]);
            // A run of values joined by `#` is one value, unless each of its segments
            // is one of the items' own attributes: then it is a composite of them.
            let names: Option<Vec<Held>> = (from..i).map(|k| held(k, Some(k + 1))).collect();
            let distinct = |n: &Vec<Held>| n.iter().map(|h| &h.name).collect::<std::collections::BTreeSet<_>>().len();
            // A GSI partition whose values the item holds, then a number it does
            // not (`STATE#CA#3`), ends in a write shard: a number the writer drew.
            // A number alone is not taken for one: `REVIEW#PROD#401` names a
            // product whose identifier the review does not carry.
            let last = i - 1;
            // A shard number is short; a date (`20240115`, `2024`) or a long
            // number is a bucket or an identifier.
            let drawn = shard
                && from < last
                && split.iter().all(|s| is_shard_number(s[last]))
                && held(last, Some(i)).is_none()
                && held(from, Some(last)).is_some();
            if drawn {
                pieces.push(named(var(from, Some(last), after), from, Some(last)));
                let values = var(last, Some(i), None);
                if let Piece::Var { values, .. } = values {
                    let name = Held { name: SHARD.to_string(), pad: None };
                    pieces.push(Piece::Var { values, after: None, name: Some(name) });
                }
            } else {
                match names.filter(|n| n.len() > 1 && distinct(n) == n.len()) {
                    Some(names) => {
                        for (k, name) in (from..i).zip(names) {
                            let after = if k == from { after } else { None };
                            if let Piece::Var { values, after, .. } = var(k, Some(k + 1), after) {
                                pieces.push(Piece::Var { values, after, name: Some(name) });
                            }
                        }
                    }
                    None => pieces.push(named(var(from, Some(i), after), from, Some(i))),
                }
            }
        }
        if i < min {
            pieces.push(Piece::Literal(split[0][i].to_string()));
        }
    }
    pieces
}

/// A number a writer could have drawn as a shard: at most four digits, and not a year.
fn is_shard_number(segment: &str) -> bool {
    let digits = !segment.is_empty() && segment.len() <= 4 && segment.bytes().all(|b| b.is_ascii_digit());
    digits && !(segment.len() == 4 && (segment.starts_with("19") || segment.starts_with("20")))
}

/// The part of `value` that its consecutive `segments` (slices of it) cover.
fn segments<'a>(value: &'a str, segments: &[&'a str]) -> &'a str {
    let offset = |s: &str| s.as_ptr() as usize - value.as_ptr() as usize;
    match (segments.first(), segments.last()) {
        (Some(first), Some(last)) => &value[offset(first)..offset(last) + last.len()],
        _ => "",
    }
}

/// What kind of key values are read as.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reading<'s> {
    /// A key whose only variable, when given an alias (a facet's friendly name
    /// for the key attribute), is named for it.
    Key { alias: Option<&'s str> },
    /// A GSI's partition key, which may end in a write shard (`STATE#{state}#{_shard}`).
    GsiPartition,
}

/// One inferred template with the names of its variables.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Inferred {
    pub template: String,
    /// The variables' attribute names, in order.
    pub vars: Vec<String>,
    /// The template is one variable holding the whole value (`{email}`), so the
    /// variable has the key attribute's type; otherwise it is part of a string.
    pub whole: bool,
    /// Read as a GSI partition, which may end in a write shard.
    pub sharded: bool,
}

/// Names the variables of one kind of item consistently: a name means the same
/// values in every key of the kind, and a key whose values equal another's gets
/// the same template.
#[derive(Default)]
pub(crate) struct Namer<'a> {
    /// Each name's values, sorted by item.
    vars: Vec<(String, Values<'a>)>,
    keys: Vec<(Values<'a>, Inferred)>,
}

impl<'a> Namer<'a> {
    /// The template of a key with these (item, value) pairs. `fallback` names a
    /// variable with no literal before it; `read` says what the key is.
    pub fn infer(
        &mut self,
        values: &[(usize, &'a str)],
        context: &Context<'_>,
        fallback: &str,
        read: Reading<'_>,
        same_as: SameAs<'_>,
    ) -> Inferred {
        let (alias, shard) = match read {
            Reading::Key { alias } => (alias, false),
            Reading::GsiPartition => (None, true),
        };
        // A partition read as sharded is not the sort key of the same values.
        if let Some((_, done)) = self.keys.iter().find(|(v, done)| v == values && done.sharded == shard) {
            return done.clone();
        }
        let pieces = if values.is_empty() {
            vec![Piece::Var { values: Vec::new(), after: None, name: None }]
        } else {
            shape(values, context, same_as, shard)
        };
        let var_count = pieces.iter().filter(|p| matches!(p, Piece::Var { .. })).count();
        let whole = pieces.len() == 1 && var_count == 1;
        let mut template = String::new();
        let mut vars = Vec::new();
        for (i, piece) in pieces.into_iter().enumerate() {
            if i > 0 {
                template.push('#');
            }
            match piece {
                Piece::Literal(l) => template.push_str(&l),
                Piece::Var { name: Some(held), .. } if held.name == SHARD => template.push_str(&format!("{{{SHARD}}}")),
                Piece::Var { values, name: Some(held), .. } => {
                    let name = self.name(&held.name, &values);
                    template.push('{');
                    template.push_str(&name);
                    if let Some(pad) = held.pad {
                        template.push_str(&format!(":{pad}"));
                    }
                    template.push('}');
                    vars.push(name);
                }
                Piece::Var { values, after, name: None } => {
                    let candidate = match (alias, &after) {
                        (Some(alias), _) if var_count == 1 => alias.to_string(),
                        (_, Some(literal)) if !literal.is_empty() => format!("{}Id", camel(literal)),
                        _ => fallback.to_string(),
                    };
                    let name = self.name(&candidate, &values);
                    template.push('{');
                    template.push_str(&name);
                    template.push('}');
                    vars.push(name);
                }
            }
        }
        let inferred = Inferred { template, vars, whole, sharded: shard };
        self.keys.push((values.to_vec(), inferred.clone()));
        inferred
    }

    /// The template of a key that the source gives as a template (a facet alias
    /// such as `CUSTOMER#{customerNumber}`), with the values its placeholders take
    /// on the items, so that other keys holding the same values use the same names.
    pub fn given(&mut self, template: &Template, values: &[(usize, &'a str)]) -> Inferred {
        let mut vars: Vec<(String, Values<'a>)> = template.attributes().map(|a| (a.to_string(), Vec::new())).collect();
        for (item, value) in values {
            if let Some(captured) = capture(template, value) {
                for (slot, v) in vars.iter_mut().zip(captured) {
                    slot.1.push((*item, v));
                }
            }
        }
        let names = vars.iter().map(|(name, _)| name.clone()).collect();
        self.vars.extend(vars.into_iter().map(|(name, values)| (name, sorted(values))));
        let whole = template.parts().len() == 1;
        let inferred = Inferred { template: template.to_string(), vars: names, whole, sharded: false };
        self.keys.push((values.to_vec(), inferred.clone()));
        inferred
    }

    /// The template of a key that is one attribute of the items, as it is.
    pub fn attribute(&mut self, name: &str, values: &[(usize, &'a str)]) -> Inferred {
        self.vars.push((name.to_string(), sorted(values.to_vec())));
        Inferred { template: format!("{{{name}}}"), vars: vec![name.to_string()], whole: true, sharded: false }
    }

    /// `candidate`, or `candidate2`, ... when another variable of the kind has
    /// that name but other values. A variable that takes exactly the values of a
    /// known one, on several items with different values, is that one (the
    /// customer number in `CUSTOMER#{customerNumber}` and in an index's key).
    fn name(&mut self, candidate: &str, values: &[(usize, &'a str)]) -> String {
        // Known values are sorted by item: each lookup is a binary search, so
        // comparing two keys stays n log n on a table of many items.
        let at = |known: &[(usize, &'a str)], i: usize| known.binary_search_by_key(&i, |(j, _)| *j).ok();
        let agrees =
            |known: &[(usize, &'a str)]| values.iter().all(|(i, v)| at(known, *i).is_none_or(|k| known[k].1 == *v));
        let distinct = values.iter().map(|(_, v)| v).collect::<std::collections::BTreeSet<_>>().len();
        let unnamed = !self.vars.iter().any(|(known, v)| known == candidate && agrees(v));
        if distinct > 1 && unnamed {
            let same = |known: &[(usize, &'a str)]| {
                values.iter().all(|(i, v)| at(known, *i).is_some_and(|k| known[k].1 == *v))
            };
            if let Some((known, _)) = self.vars.iter().find(|(_, k)| same(k)) {
                return known.clone();
            }
        }
        for n in 1.. {
            let name = if n == 1 { candidate.to_string() } else { format!("{candidate}{n}") };
            match self.vars.iter_mut().find(|(known, _)| *known == name) {
                Some((_, known)) if agrees(known) => {
                    let new: Values<'a> = values.iter().filter(|(i, _)| at(known, *i).is_none()).copied().collect();
                    known.extend(new);
                    known.sort_unstable_by_key(|(i, _)| *i);
                    return name;
                }
                Some(_) => continue,
                None => {
                    self.vars.push((name.clone(), sorted(values.to_vec())));
                    return name;
                }
            }
        }
        unreachable!("some suffix is always free")
    }
}

fn sorted<'a>(mut values: Values<'a>) -> Values<'a> {
    values.sort_unstable_by_key(|(i, _)| *i);
    values
}

/// The values a template's placeholders take in `value`, or none when the value
/// does not have the template's shape. A placeholder ends where the literal after
/// it first occurs.
fn capture<'v>(template: &Template, value: &'v str) -> Option<Vec<&'v str>> {
    let parts = template.parts();
    let mut rest = value;
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Literal(l) => rest = rest.strip_prefix(l.as_str())?,
            Part::Attr { .. } => {
                let end = match parts.get(i + 1) {
                    Some(Part::Literal(next)) => rest.find(next.as_str())?,
                    _ => rest.len(),
                };
                out.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTHING: SameAs<'static> = &|_, _| Vec::new();

    fn infer(values: &[&str]) -> String {
        let pairs: Vec<(usize, &str)> = values.iter().copied().enumerate().collect();
        Namer::default().infer(&pairs, &Context::default(), "sk", Reading::Key { alias: None }, NOTHING).template
    }

    #[test]
    fn a_run_of_values_that_are_the_items_own_attributes_is_a_composite_of_them() {
        let values = [(0, "comm#2023-04-30T12:00:24#comm1"), (1, "comm#2023-05-10T16:00:00#comm3")];
        let holds = |item: usize, value: &str| -> Vec<Held> {
            let own = [
                [("comm_date", "2023-04-30T12:00:24"), ("comm_id", "comm1")],
                [("comm_date", "2023-05-10T16:00:00"), ("comm_id", "comm3")],
            ];
            let held = |(name, _): &(&str, &str)| Held { name: name.to_string(), pad: None };
            own[item].iter().filter(|(_, v)| *v == value).map(held).collect()
        };
        let read = Namer::default().infer(&values, &Context::default(), "sk", Reading::Key { alias: None }, &holds);
        assert_eq!(read.template, "comm#{comm_date}#{comm_id}");
        // Without the attributes to say so, the run is one value.
        assert_eq!(infer(&["comm#2023-04-30T12:00:24#comm1", "comm#2023-05-10T16:00:00#comm3"]), "comm#{commId}");
    }

    #[test]
    fn type_words_are_literal_and_the_rest_is_values() {
        assert_eq!(infer(&["CUST#101", "CUST#102"]), "CUST#{custId}");
        assert_eq!(infer(&["CUST#101"]), "CUST#{custId}");
        assert_eq!(infer(&["REVIEW#PROD#401", "REVIEW#PROD#401"]), "REVIEW#PROD#{prodId}");
        assert_eq!(infer(&["USA#CA#SFO#WH5", "FRANCE#PARIS#CDG#WH3"]), "{sk}");
        assert_eq!(infer(&["COLOR", "NAME"]), "{sk}");
        assert_eq!(infer(&["WAREHOUSES"]), "WAREHOUSES");
        assert_eq!(infer(&["v0_EMPLOYEE#102", "v1_EMPLOYEE#102"]), "{sk}");
        assert_eq!(infer(&["CAT#ART", "CAT#ART#PAINTING"]), "CAT#{catId}");
        assert_eq!(infer(&["ORDER_ITEM#1#LINE#2", "ORDER_ITEM#1#LINE#3"]), "ORDER_ITEM#{orderItemId}#LINE#{lineId}");
    }

    #[test]
    fn a_gsi_partition_may_end_in_a_write_shard_that_no_attribute_holds() {
        let values = [(0, "STATE#CA#3"), (1, "STATE#NY#0")];
        let holds = |item: usize, value: &str| -> Vec<Held> {
            let state = ["CA", "NY"][item];
            if value == state {
                vec![Held { name: "state".into(), pad: None }]
            } else {
                Vec::new()
            }
        };
        let context = Context::default();
        let read = Namer::default().infer(&values, &context, "gsi2pk", Reading::GsiPartition, &holds);
        assert_eq!(
            (read.template.as_str(), read.vars.as_slice()),
            ("STATE#{state}#{_shard}", &["state".to_string()][..])
        );
        assert_eq!(
            Namer::default()
                .infer(&[(0, "STATE#CA#2024"), (1, "STATE#NY#2023")], &context, "g", Reading::GsiPartition, &holds)
                .template,
            "STATE#{stateId}",
            "a year is a bucket"
        );
        // A number alone may be another item's identifier.
        let alone =
            Namer::default().infer(&[(0, "REVIEW#PROD#401")], &context, "gsi1pk", Reading::GsiPartition, NOTHING);
        assert_eq!(alone.template, "REVIEW#PROD#{prodId}");
    }

    #[test]
    fn the_whole_table_shows_what_varies() {
        let context = Context::new(["CAT#ART", "CAT#FURNITURE", "DOG#ART"]);
        assert_eq!(
            Namer::default().infer(&[(0, "CAT#ART")], &context, "pk", Reading::Key { alias: None }, NOTHING).template,
            "CAT#{catId}"
        );
        assert_eq!(
            Namer::default().infer(&[(0, "DOG#ART")], &context, "pk", Reading::Key { alias: None }, NOTHING).template,
            "DOG#ART"
        );
    }

    #[test]
    fn equal_keys_share_a_template_and_names_stay_consistent() {
        let mut namer = Namer::default();
        let pk = namer.infer(
            &[(0, "CUST#1"), (1, "CUST#2")],
            &Context::default(),
            "pk",
            Reading::Key { alias: None },
            NOTHING,
        );
        let sk = namer.infer(
            &[(0, "CUST#1"), (1, "CUST#2")],
            &Context::default(),
            "sk",
            Reading::Key { alias: None },
            NOTHING,
        );
        assert_eq!(pk, sk);
        let other = namer.infer(&[(0, "CUST#7")], &Context::default(), "gsi", Reading::Key { alias: None }, NOTHING);
        assert_eq!(other.template, "CUST#{custId2}");
        let same = namer.infer(&[(1, "CUST#2")], &Context::default(), "gsi", Reading::Key { alias: None }, NOTHING);
        assert_eq!(same.template, "CUST#{custId}");
    }

    #[test]
    fn given_templates_name_the_values_they_hold() {
        let mut namer = Namer::default();
        let t = Template::parse("CUSTOMER#{customerNumber}").unwrap();
        namer.given(&t, &[(0, "CUSTOMER#1"), (1, "CUSTOMER#2")]);
        let gsi = namer.infer(
            &[(0, "CUSTOMER#1"), (1, "CUSTOMER#2")],
            &Context::default(),
            "gsi1sk",
            Reading::Key { alias: None },
            NOTHING,
        );
        assert_eq!(gsi.template, "CUSTOMER#{customerNumber}");
        let other = namer.infer(
            &[(0, "PHONE#5"), (1, "PHONE#1")],
            &Context::default(),
            "gsi1pk",
            Reading::Key { alias: None },
            NOTHING,
        );
        assert_eq!(other.template, "PHONE#{phoneId}");
        assert_eq!(capture(&Template::parse("A#{x}#B#{y}").unwrap(), "A#1#B#2"), Some(vec!["1", "2"]));
        assert_eq!(capture(&t, "OTHER#1"), None);
    }

    #[test]
    fn an_alias_names_the_only_variable() {
        let mut namer = Namer::default();
        let t = namer.infer(
            &[(0, "CUST#1")],
            &Context::default(),
            "pk",
            Reading::Key { alias: Some("customerId") },
            NOTHING,
        );
        assert_eq!(t.template, "CUST#{customerId}");
        assert!(!t.whole);
        let t = namer.infer(&[], &Context::default(), "pk", Reading::Key { alias: Some("customerId") }, NOTHING);
        assert_eq!(t.template, "{customerId}");
        assert!(t.whole);
    }
}
