//! What each secondary index projects: the attributes the reads of it use. A
//! read that lists what it `returns` needs those (and what it filters and orders
//! on); a request that finds what the next one fetches needs the attributes the
//! next key is built from; a read that lists nothing needs every attribute. An
//! index that several item types share also projects the type attribute, which
//! tells its items apart. KEYS_ONLY is never derived: the design's keys are
//! composite strings (`CUSTOMER#{customerId}`), so every read needs at least one
//! plain attribute beside them.

use std::collections::BTreeSet;

use foldhash::HashMap;

use crate::design::types::{Plan, Projection, Request};
use crate::expression::tokens;
use crate::model::{is_reserved_attribute, next_to_widen};
use crate::model::{AccessPattern, Model};
use crate::table_spec::projection_text;
use crate::template::{Template, SHARD};

/// What one index projects, and why, in a sentence.
pub struct Projected {
    pub projection: Projection,
    pub why: String,
}

/// The projection of each of `indexes`, from the plans that read them.
/// `types_in` tells how many item types an index holds.
pub fn projections(
    model: &Model,
    plans: &[Plan],
    indexes: &[String],
    types_in: &dyn Fn(&str) -> usize,
    type_attribute: &str,
    key_attributes: &dyn Fn(&str) -> Vec<String>,
) -> HashMap<String, Projected> {
    let mut needs: HashMap<&str, Need> = indexes.iter().map(|i| (i.as_str(), Need::default())).collect();
    let patterns: HashMap<&str, &AccessPattern> = model.access_patterns.iter().map(|p| (p.id.as_str(), p)).collect();
    for plan in plans {
        let Some(p) = patterns.get(plan.pattern.as_str()) else { continue };
        if !p.kind.is_read() {
            continue;
        }
        let requests: Vec<&Request> = std::iter::once(&plan.request).chain(&plan.then).collect();
        for (k, r) in requests.iter().enumerate() {
            let Some(need) = needs.get_mut(r.index.as_str()) else { continue };
            need.readers.insert(p.id.clone());
            match needed(p, &requests, k) {
                Needed::Every => {
                    need.everything.insert(p.id.clone());
                }
                Needed::These(attributes) => need.attributes.extend(attributes),
            }
        }
    }
    let mut out: HashMap<String, Projected> = indexes
        .iter()
        .map(|index| {
            let need = &needs[index.as_str()];
            (index.clone(), need.projected(types_in(index) > 1, type_attribute))
        })
        .collect();
    pin(&mut out, model);
    leave_out_keys(&mut out, key_attributes);
    keep_within_limit(&mut out, &|index| model.table.pinned_projections.contains_key(index));
    out
}

/// DynamoDB refuses a key attribute among an index's non-key attributes (every
/// index holds its own and the table's keys): those that are the items' own
/// attributes, in a design keyed by them (`status`, `customerId`), leave the list.
fn leave_out_keys(out: &mut HashMap<String, Projected>, key_attributes: &dyn Fn(&str) -> Vec<String>) {
    for (index, projected) in out.iter_mut() {
        let Projection::Include(list) = &mut projected.projection else { continue };
        let keys = key_attributes(index);
        let before = list.len();
        list.retain(|a| !keys.contains(a));
        if list.len() == before {
            continue;
        }
        projected.why.push_str(" Its key attributes are in it as keys, not in the INCLUDE list.");
        if list.is_empty() {
            projected.projection = Projection::KeysOnly;
        }
    }
}

/// A projection pinned by hand replaces the derived one, whose words stay in the
/// explanation so that what the pin changes can be read off.
fn pin(out: &mut HashMap<String, Projected>, model: &Model) {
    for (index, pinned) in &model.table.pinned_projections {
        let Some(derived) = out.get_mut(index) else { continue };
        derived.why = if derived.projection.same(pinned) {
            format!("{} Pinned by hand as derived.", derived.why)
        } else {
            format!("pinned by hand to {}; derived from its reads, it {}", projection_text(pinned), derived.why)
        };
        derived.projection = pinned.clone();
    }
}

/// What the items a request returns must carry.
pub enum Needed {
    /// Every attribute: the read lists no "returns", or fetches related items with its target.
    Every,
    These(Vec<String>),
}

/// What the items request `k` of a read's `requests` returns must carry: what
/// its filter tests, and what the next request's key is built from or, for the
/// last, what the read returns, orders and ranges by.
pub fn needed(p: &AccessPattern, requests: &[&Request], k: usize) -> Needed {
    let mut attributes = filtered(requests[k]);
    match requests.get(k + 1) {
        Some(next) => attributes.extend(key_parts(next)),
        None if p.returns.is_empty() || !p.with.is_empty() => return Needed::Every,
        None => attributes.extend(answered(p)),
    }
    Needed::These(attributes)
}

#[derive(Default)]
struct Need {
    readers: BTreeSet<String>,
    /// Readers that use every attribute.
    everything: BTreeSet<String>,
    attributes: BTreeSet<String>,
}

impl Need {
    fn projected(&self, shared: bool, type_attribute: &str) -> Projected {
        let readers = self.readers.iter().cloned().collect::<Vec<_>>().join(", ");
        if self.readers.is_empty() {
            return Projected {
                projection: Projection::All,
                why: "projects all attributes: no read uses it yet (pinned by hand).".into(),
            };
        }
        if !self.everything.is_empty() {
            let all: Vec<&str> = self.everything.iter().map(String::as_str).collect();
            return Projected {
                projection: Projection::All,
                why: format!(
                    "projects all attributes: {} {} every attribute (no \"returns\" listed).",
                    all.join(", "),
                    if all.len() == 1 { "uses" } else { "use" }
                ),
            };
        }
        let mut attributes: Vec<String> =
            self.attributes.iter().filter(|a| !is_reserved_attribute(a) && a.as_str() != SHARD).cloned().collect();
        if shared && !attributes.iter().any(|a| a == type_attribute) {
            attributes.push(type_attribute.to_string());
        }
        attributes.sort();
        let verbs = if self.readers.len() == 1 {
            "returns, filters, orders on or takes"
        } else {
            "return, filter, order on or take"
        };
        let why = format!(
            "projects {} only: what {readers} {verbs} the next key from{}.",
            attributes.join(", "),
            if shared { format!(", and {type_attribute}, which tells its item types apart") } else { String::new() }
        );
        Projected { projection: Projection::Include(attributes), why }
    }
}

/// The attributes a request's FilterExpression tests.
fn filtered(r: &Request) -> Vec<String> {
    r.filter.as_deref().map(|f| tokens(f, '#')).unwrap_or_default()
}

/// The attributes the next request's key is built from, which the items this one
/// returns must carry.
fn key_parts(next: &Request) -> Vec<String> {
    let Some(key) = &next.key else { return Vec::new() };
    std::iter::once(&key.partition.value)
        .chain(key.sort.iter().flat_map(|s| &s.values))
        .filter_map(|t| Template::parse(t).ok())
        .flat_map(|t| t.attributes().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// What a read returns and what its answer is ordered and ranged by.
fn answered(p: &AccessPattern) -> Vec<String> {
    let mut out = p.returns.clone();
    out.extend(p.order.iter().map(|o| o.attribute.clone()));
    out.extend(p.range.iter().map(|r| r.attribute.clone()));
    out
}

/// DynamoDB refuses a table whose INCLUDE projections name more than 100
/// attributes in all: the derived indexes naming the most project ALL instead
/// until the rest fit. Pins stay as pinned; validation holds them to the limit.
fn keep_within_limit(out: &mut HashMap<String, Projected>, pinned: &dyn Fn(&str) -> bool) {
    let derived = |index: &str| !pinned(index);
    while let Some(index) =
        next_to_widen(out.iter().map(|(i, p)| (i.as_str(), &p.projection)), &derived).map(str::to_string)
    {
        if let Some(p) = out.get_mut(&index) {
            p.projection = Projection::All;
            p.why = "projects all attributes: the table's INCLUDE projections would name more than DynamoDB's 100 \
                     attributes in all."
                .into();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn include(n: usize) -> Projected {
        Projected { projection: Projection::Include((0..n).map(|i| format!("a{i}")).collect()), why: String::new() }
    }

    /// Three derived lists naming 110 attributes in all.
    fn three_lists() -> HashMap<String, Projected> {
        [("GSI1", include(60)), ("GSI2", include(30)), ("GSI3", include(20))]
            .map(|(i, p)| (i.to_string(), p))
            .into_iter()
            .collect()
    }

    #[test]
    fn the_longest_lists_project_all_until_the_table_names_at_most_100() {
        let mut out = three_lists();
        keep_within_limit(&mut out, &|_| false);
        assert_eq!(out["GSI1"].projection, Projection::All);
        assert!(out["GSI1"].why.contains("100"), "{}", out["GSI1"].why);
        assert_eq!(out["GSI2"].projection, include(30).projection);
        assert_eq!(out["GSI3"].projection, include(20).projection);
    }

    #[test]
    fn a_pinned_list_is_kept_and_the_derived_ones_widen_around_it() {
        let mut out = three_lists();
        keep_within_limit(&mut out, &|index| index == "GSI1");
        assert_eq!(out["GSI1"].projection, include(60).projection);
        assert_eq!(out["GSI2"].projection, Projection::All);
        assert_eq!(out["GSI3"].projection, include(20).projection);
    }
}
