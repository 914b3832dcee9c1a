//! Read plans: the concrete requests that serve each read pattern.

use crate::design::capacity::SPARSE_SELECTIVITY;
use crate::design::technique::gathered;
use crate::design::types::{Consistency, KeyCondition, KeyPart, Operation, Plan, Request, SortCondition, TABLE};
use crate::design::Technique;
use crate::expression;
use crate::model::{AccessPattern, AttrType, Filter, FilterOp, FilterTest, Order, RangeOp};
use crate::template::{Part, Template};

use super::routes::{Access, Route};
use super::{Layout, Slot};

pub fn read_plan(layout: &Layout<'_, '_>, p: &AccessPattern, route: &Route) -> Plan {
    let mut requests = requests(layout, p, route);
    let first = requests.remove(0);
    let total = first.count + requests.iter().map(|r| r.count).sum::<u32>();
    let (explanation, techniques) = explain(layout, route);
    Plan {
        pattern: p.id.clone(),
        name: p.name.clone(),
        request: first,
        requests: total,
        then: requests,
        actions: Vec::new(),
        returns: returns(layout, route),
        explanation,
        techniques: gathered(techniques),
    }
}

fn requests(layout: &Layout<'_, '_>, p: &AccessPattern, route: &Route) -> Vec<Request> {
    match route {
        Route::Direct { index, item, access } => vec![direct(layout, index, *item, access, p.limit)],
        Route::Collection { index, item, with } => vec![collection(layout, index, *item, with, p.strongly_consistent)],
        Route::ViaChild { first, target } => {
            let mut out = requests(layout, p, first);
            let child = Route::item(first);
            let table = &layout.table[*target];
            let key = full_key(layout, TABLE, table);
            out.push(Request {
                uses: Some(format!(
                    "{} from the {} item",
                    key_attributes_of(table).join(", "),
                    layout.items[child].name
                )),
                ..keyed(Operation::GetItem, TABLE, key, p.strongly_consistent)
            });
            out
        }
        Route::ViaPairs { first, target } => {
            let mut out = requests(layout, p, first);
            let pairs = Route::item(first);
            let table = &layout.table[*target];
            let batches =
                p.result_size.map_or(1, |n| n.div_ceil(crate::design::capacity::BATCH_GET_LIMIT).max(1) as u32);
            out.push(Request {
                count: batches,
                merge: (batches > 1).then(|| "up to 100 keys per BatchGetItem; retry UnprocessedKeys".to_string()),
                uses: Some(format!(
                    "{} of every {} item",
                    key_attributes_of(table).join(", "),
                    layout.items[pairs].name
                )),
                ..keyed(Operation::BatchGetItem, TABLE, full_key(layout, TABLE, table), p.strongly_consistent)
            });
            out
        }
        Route::Descent { first, then, follow_ups, .. } => {
            let mut out = requests(layout, p, first);
            if let Some(then) = then {
                let above = layout.items[first.item()].name;
                let mut down = requests(layout, p, then);
                for r in &mut down {
                    r.count *= (*follow_ups).max(1);
                    r.uses =
                        Some(format!("{} of every {above} item", layout.items[first.item()].identifier.join(", ")));
                }
                out.extend(down);
            }
            out
        }
        Route::Scan { item, .. } => {
            let type_filter = format!("#_type = :type ({})", expression::literal(layout.items[*item].name));
            let filter = p
                .filter
                .as_ref()
                .map_or(type_filter.clone(), |f| format!("{type_filter} AND {}", filter_text(layout, &p.entity, f)));
            vec![Request {
                operation: Operation::Scan,
                index: TABLE.to_string(),
                key_condition: None,
                key: None,
                filter: Some(filter),
                scan_index_forward: None,
                limit: p.limit,
                // What share of the table the entity's items are is not known.
                page_size: None,
                consistency: Some(consistency(p.strongly_consistent)),
                count: 1,
                merge: None,
                uses: None,
            }]
        }
    }
}

/// The attributes a slot's keys are made of, each once.
fn key_attributes_of(slot: &Slot) -> Vec<&str> {
    let mut attrs: Vec<&str> = Vec::new();
    for a in slot.pk.attributes().chain(slot.sk.attributes()) {
        if !attrs.contains(&a) {
            attrs.push(a);
        }
    }
    attrs
}

/// The most a filtered page asks for: a page holds at most 1 MB anyway.
const MAX_PAGE_SIZE: u32 = 1_000;

/// The `Limit` of each page of a read whose answer holds at most `limit` items:
/// the limit itself without a filter; over the share of the items the filter
/// keeps where that is known, so that one page typically holds the answer
/// (DynamoDB counts the Limit before filtering); none where it is not.
fn page_size(limit: u32, filtered: bool, share: Option<f64>) -> Option<u32> {
    match (filtered, share) {
        (false, _) => Some(limit),
        (true, Some(share)) if share > 0.0 => {
            Some((f64::from(limit) / share.min(1.0)).ceil().min(f64::from(MAX_PAGE_SIZE)) as u32)
        }
        (true, _) => None,
    }
}

/// The share of the items a read's FilterExpression keeps: the pattern's
/// filter's selectivity where the request applies it and nothing else; none
/// where a test of unknown share (a checked input) filters too.
fn filtered_share(index: &str, slot: &Slot, access: &Access) -> Option<f64> {
    if !access.checked.is_empty() {
        return None;
    }
    match access.filter.as_ref().filter(|f| !held_by_index(index, slot, f)) {
        Some(f) => f.selectivity(),
        None => Some(1.0),
    }
}

fn direct(layout: &Layout<'_, '_>, index: &str, item: usize, access: &Access, limit: Option<u32>) -> Request {
    let slot = layout.slot(index, item).expect("routes name existing slots");
    let crowded = shares_partition(layout, index, item, slot);
    let (key, full) = key_condition(layout, index, slot, access, crowded);
    let tests: Vec<String> = access
        .filter
        .as_ref()
        .filter(|f| !held_by_index(index, slot, f))
        .map(|f| filter_text(layout, layout.items[item].name, f))
        .into_iter()
        .chain(access.checked.iter().map(|a| format!("#{a} = :{a}")))
        .chain(strict_left_to_filter(&key, access))
        .collect();
    let filter = (!tests.is_empty()).then(|| tests.join(" AND "));
    // GetItem has no FilterExpression: a filtered read of one key is a Query of it.
    let operation = if full && access.one && index == TABLE && slot.shard.is_none() && filter.is_none() {
        Operation::GetItem
    } else {
        Operation::Query
    };
    let limit = if operation == Operation::GetItem { None } else { limit };
    let page_size = limit.and_then(|n| page_size(n, filter.is_some(), filtered_share(index, slot, access)));
    let shards = slot.shard.as_ref().map_or(1, |s| s.count);
    let merge = (shards > 1).then(|| match &access.order {
        Some(o) => format!(
            "query all {shards} shards ({{_shard}} = 0..{}) in parallel and merge the results by {}",
            shards - 1,
            o.attribute
        ),
        None => format!(
            "query all {shards} shards ({{_shard}} = 0..{}) in parallel and concatenate the results",
            shards - 1
        ),
    });
    Request {
        operation,
        index: index.to_string(),
        key_condition: Some(key.text()),
        key: Some(key),
        filter,
        scan_index_forward: access.order.as_ref().map(|o| o.direction == Order::Ascending),
        limit,
        page_size,
        consistency: Some(consistency(access.strong)),
        count: shards,
        merge,
        uses: None,
    }
}

/// A parent and its children: the partition, narrowed to the sort-key prefixes of
/// the two entities when others share the partition.
fn collection(layout: &Layout<'_, '_>, index: &str, item: usize, with: &[usize], strong: bool) -> Request {
    let slot = layout.slot(index, item).expect("routes name existing slots");
    let (pk_name, sk_name) = layout.key_names.of(index);
    let wanted: Vec<usize> = std::iter::once(item).chain(with.iter().copied()).collect();
    let mut prefixes: Vec<(String, bool)> = layout
        .sharing_partition(index, &slot.pk)
        .into_iter()
        .map(|(i, s)| (s.sk.constant_prefix().into_owned(), wanted.contains(&i)))
        .collect();
    prefixes.sort();
    prefixes.dedup();
    let first = prefixes.iter().position(|(_, w)| *w).unwrap_or(0);
    let last = prefixes.iter().rposition(|(_, w)| *w).unwrap_or(0);
    let contiguous = prefixes[first..=last].iter().all(|(_, w)| *w);
    let everything = prefixes.iter().all(|(_, w)| *w);
    let sort = (contiguous && !everything).then(|| SortCondition {
        attribute: sk_name,
        op: "between".to_string(),
        values: vec![prefixes[first].0.clone(), upper_bound(&prefixes[last].0)],
    });
    let filter = (!contiguous).then(|| {
        let names: Vec<String> = wanted.iter().map(|&i| expression::literal(layout.items[i].name)).collect();
        format!("#_type IN ({})", names.join(", "))
    });
    let key = KeyCondition { partition: KeyPart { attribute: pk_name, value: slot.pk.to_string() }, sort };
    Request {
        operation: Operation::Query,
        index: index.to_string(),
        key_condition: Some(key.text()),
        key: Some(key),
        filter,
        scan_index_forward: None,
        limit: None,
        page_size: None,
        consistency: Some(consistency(strong)),
        count: 1,
        merge: None,
        uses: None,
    }
}

/// Whether items other than `item` may live in the same partition of `index`.
fn shares_partition(layout: &Layout<'_, '_>, index: &str, item: usize, slot: &Slot) -> bool {
    layout.index_slots(index).is_some_and(|l| l.sharing_partition(&slot.pk).any(|(i, _)| i != item))
}

/// The key condition that reads exactly `access`'s items from `slot`, and whether it
/// names one whole primary key.
pub fn key_condition(
    layout: &Layout<'_, '_>,
    index: &str,
    slot: &Slot,
    access: &Access,
    crowded: bool,
) -> (KeyCondition, bool) {
    let (pk_name, sk_name) = layout.key_names.of(index);
    let partition = KeyPart { attribute: pk_name, value: slot.pk.to_string() };
    let known = |a: &str| access.eq.iter().any(|e| e == a);
    let (prefix, used) = slot.sk.known_prefix(&known);
    let parts = slot.sk.parts();
    if used == parts.len() {
        let sort = SortCondition { attribute: sk_name, op: "=".into(), values: vec![prefix.to_string()] };
        return (KeyCondition { partition, sort: Some(sort) }, true);
    }
    let has_inputs = prefix.attributes().next().is_some();
    let range_part = match (&access.range, &parts[used]) {
        (Some(r), Part::Attr { name, pad }) if *name == r.attribute => Some((r, *pad)),
        _ => None,
    };
    let sort = match range_part {
        Some((range, pad)) => Some(range_condition(&sk_name, &prefix, range.op, &range.attribute, pad, crowded)),
        None if crowded || has_inputs => {
            Some(SortCondition { attribute: sk_name, op: "begins_with".into(), values: vec![prefix.to_string()] })
                .filter(|s| !s.values[0].is_empty())
        }
        None => None,
    };
    (KeyCondition { partition, sort }, false)
}

fn range_condition(
    sk: &str,
    prefix: &Template,
    op: RangeOp,
    attr: &str,
    pad: Option<u8>,
    crowded: bool,
) -> SortCondition {
    let operand = |suffix: &str| {
        prefix.join(&Template::from_parts(vec![Part::Attr { name: format!("{attr}{suffix}"), pad }])).to_string()
    };
    let constant = prefix.to_string();
    let bounded = crowded && !constant.is_empty();
    let (op, values) = match op {
        RangeOp::Eq => ("=", vec![operand("")]),
        RangeOp::BeginsWith => ("begins_with", vec![operand("")]),
        RangeOp::Between => ("between", vec![operand(".from"), operand(".to")]),
        RangeOp::Ge | RangeOp::Gt if bounded => ("between", vec![operand(""), upper_bound(&constant)]),
        RangeOp::Le | RangeOp::Lt if bounded => ("between", vec![constant, operand("")]),
        RangeOp::Ge => (">=", vec![operand("")]),
        RangeOp::Gt => (">", vec![operand("")]),
        RangeOp::Le => ("<=", vec![operand("")]),
        RangeOp::Lt => ("<", vec![operand("")]),
    };
    SortCondition { attribute: sk.to_string(), op: op.to_string(), values }
}

/// A strict range (`>`, `<`) that the key condition holds as an inclusive BETWEEN,
/// bounded to the item's own sort keys where others share the partition: the
/// bound's own value is then dropped by a filter on the attribute, which DynamoDB
/// may filter on (it is not a key attribute of the index).
fn strict_left_to_filter(key: &KeyCondition, access: &Access) -> Option<String> {
    let range = access.range.as_ref()?;
    let op = match range.op {
        RangeOp::Gt => ">",
        RangeOp::Lt => "<",
        _ => return None,
    };
    let between = key.sort.as_ref().is_some_and(|s| s.op == "between");
    between.then(|| format!("#{0} {op} :{0}", range.attribute))
}

/// The smallest string above every string that starts with `prefix`'s text.
pub fn upper_bound(prefix: &str) -> String {
    let mut chars: Vec<char> = prefix.chars().collect();
    match chars.pop() {
        Some(c) => {
            chars.push(char::from_u32(c as u32 + 1).unwrap_or(char::MAX));
            chars.into_iter().collect()
        }
        None => char::MAX.to_string(),
    }
}

pub fn full_key(layout: &Layout<'_, '_>, index: &str, slot: &Slot) -> KeyCondition {
    let (pk, sk) = layout.key_names.of(index);
    KeyCondition {
        partition: KeyPart { attribute: pk, value: slot.pk.to_string() },
        sort: Some(SortCondition { attribute: sk, op: "=".into(), values: vec![slot.sk.to_string()] }),
    }
}

/// A request on one whole primary key.
pub fn keyed(operation: Operation, index: &str, key: KeyCondition, strong: bool) -> Request {
    let reads = matches!(operation, Operation::GetItem | Operation::BatchGetItem);
    Request {
        operation,
        index: index.to_string(),
        key_condition: Some(key.text()),
        key: Some(key),
        filter: None,
        scan_index_forward: None,
        limit: None,
        page_size: None,
        consistency: reads.then(|| consistency(strong)),
        count: 1,
        merge: None,
        uses: None,
    }
}

/// Why a filter a sparse index could hold is a FilterExpression: it passes too
/// many items for the index to pay, or the key already reads one partition.
fn sparse_not_worth(index: &str, t: &FilterTest) -> String {
    match t.selectivity {
        Some(share) if share <= SPARSE_SELECTIVITY => format!(
            " The key already reads just one {index} partition, so the test of {} is a FilterExpression there: a sparse index would copy each item that passes, at a write each, to save reading the rest of that partition.",
            t.attribute
        ),
        Some(share) => format!(
            " The filter passes {}% of the items, more than the {}% a sparse index pays for, so it is a FilterExpression.",
            percent(share),
            percent(SPARSE_SELECTIVITY)
        ),
        None => " The filter's share of the items (its selectivity) is not given, so no sparse index is assumed to pay: it is a FilterExpression.".to_string(),
    }
}

/// A share in percent with as many decimals as it has, up to four: 5.004% is not
/// said as the 5% threshold it exceeds.
fn percent(share: f64) -> String {
    let text = format!("{:.4}", share * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "Is present" on an attribute a secondary index's key is built from: the index
/// holds only the items that have it, so reading it is the filter.
fn held_by_index(index: &str, slot: &Slot, f: &Filter) -> bool {
    f.test().is_some_and(|t| {
        t.op == FilterOp::Present
            && index != TABLE
            && slot.pk.attributes().chain(slot.sk.attributes()).any(|a| a == t.attribute)
    })
}

/// The FilterExpression of `f` on `entity`'s items, its values typed as the attribute.
fn filter_text(layout: &Layout<'_, '_>, entity: &str, f: &Filter) -> String {
    crate::filter::expression(f, &|a| layout.graph.resolve_attribute(entity, a))
}

fn consistency(strong: bool) -> Consistency {
    if strong {
        Consistency::Strong
    } else {
        Consistency::Eventual
    }
}

fn returns(layout: &Layout<'_, '_>, route: &Route) -> Vec<String> {
    match route {
        Route::Collection { item, with, .. } => {
            std::iter::once(item).chain(with).map(|&i| layout.items[i].name.to_string()).collect()
        }
        other => vec![layout.items[Route::item(other)].name.to_string()],
    }
}

/// The plan in words, and the techniques it uses.
fn explain(layout: &Layout<'_, '_>, route: &Route) -> (String, Vec<Technique>) {
    let name = |i: usize| layout.items[i].name;
    match route {
        Route::Direct { index, item, access } => {
            let slot = layout.slot(index, *item).expect("routes name existing slots");
            let mut techniques = Vec::new();
            let mut text = if index == TABLE {
                let whole_key = slot.pk.attributes().chain(slot.sk.attributes()).all(|a| access.eq.iter().any(|e| e == a));
                if access.one && whole_key && !access.checked.is_empty() {
                    format!("The inputs make {}'s whole primary key, and {} must match as well: GetItem cannot filter, so one Query of that key checks {} with a FilterExpression, for the read units of the GetItem and no index.", name(*item), access.checked.join(", "), if access.checked.len() == 1 { "it" } else { "them" })
                } else if access.one && whole_key && access.filter.is_some() {
                    format!("The inputs make {}'s whole primary key; GetItem cannot filter, so one Query of that key applies the filter.", name(*item))
                } else if access.one && whole_key {
                    format!("The inputs make {}'s whole primary key: one GetItem.", name(*item))
                } else if !access.checked.is_empty() {
                    techniques.push(Technique::ItemCollection);
                    format!("{}: the inputs give the partition {}, whose whole collection averages one 4 KB read unit or less, so one Query reads it and a FilterExpression keeps the {} items whose {} {}: the read units an index would cost, and no index to write.", Technique::ItemCollection, slot.pk, name(*item), crate::words::listed(&access.checked), if access.checked.len() == 1 { "matches" } else { "match" })
                } else {
                    techniques.push(Technique::ItemCollection);
                    format!("{}: the inputs give the partition {}; the sort key {} narrows and orders it.", Technique::ItemCollection, slot.pk, slot.sk)
                }
            } else if slot.pk == layout.table[*item].sk && slot.sk == layout.table[*item].pk {
                techniques.push(Technique::InvertedIndex);
                format!("{} {index}: {}'s table sort key is its partition key there, which answers the relationship's other direction.", Technique::InvertedIndex, name(*item))
            } else if slot.sparse.is_some() {
                techniques.push(Technique::SparseIndex);
                format!("{} {index}: only the {} items that pass the filter carry its keys, so the Query reads just those and needs no filter.", Technique::SparseIndex, name(*item))
            } else {
                techniques.push(if index.starts_with("LSI") { Technique::LocalSecondaryIndex } else { Technique::GsiOverloading });
                format!("{}: {index} holds {} under PK = {}, SK = {}, so one Query answers it.", Technique::GsiOverloading, name(*item), slot.pk, slot.sk)
            };
            let sorted_by = access.range.as_ref().map(|r| &r.attribute).or(access.order.as_ref().map(|o| &o.attribute));
            let by_time = sorted_by
                .and_then(|a| layout.items[*item].attribute(layout.graph, a))
                .and_then(|a| a.format.as_ref())
                .is_some_and(|f| f.is_time_ordered());
            if by_time {
                techniques.push(Technique::TimeOrderedSortKey);
            }
            let crowded = shares_partition(layout, index, *item, slot);
            let strict_filtered = strict_left_to_filter(&key_condition(layout, index, slot, access, crowded).0, access).is_some();
            if let Some(range) = access.range.as_ref().filter(|_| strict_filtered) {
                text.push_str(&format!(" The sort key ends with {0}, so the range is a key condition: a BETWEEN that keeps to {1}'s own sort keys, as other items share the partition, which takes in the bound itself, so a filter on {0} drops the items at the bound.", range.attribute, name(*item)));
            } else if let Some(range) = &access.range {
                text.push_str(&format!(" The sort key ends with {}, so the range is a key condition, not a filter.", range.attribute));
            } else if let Some(order) = &access.order {
                text.push_str(&format!(" The sort key orders the partition by {}, so the Query returns them in order.", order.attribute));
            }
            if let Some(shard) = &slot.shard {
                techniques.push(Technique::WriteSharding);
                text.push_str(&format!(" {}: the partition is split over {} shards, so the reader queries each and merges.", Technique::WriteSharding, shard.count));
            }
            let is_boolean = |name: &str| {
                layout.items[*item].attribute(layout.graph, name).is_some_and(|a| a.attr_type == AttrType::Boolean)
            };
            match access.filter.as_ref().map(|f| (f, f.test())) {
                Some((f, Some(t))) if held_by_index(index, slot, f) => text.push_str(&format!(
                    " {index}'s key is built from {}, so items without it are not in the index: reading it applies the filter.",
                    t.attribute
                )),
                Some((_, Some(t))) if t.op == FilterOp::Absent => text.push_str(&format!(
                    " Items without {0} carry nothing an index could be keyed by, so the filter is a FilterExpression: the Query reads (and bills) the items that have it too. To read just the items without it, give them a marker attribute that the write creating them sets and the write setting {0} removes, and filter on the marker being present: a sparse index then holds only those items.",
                    t.attribute
                )),
                Some((_, Some(t))) if t.input.is_some() => text.push_str(&format!(
                    " The filter compares {} with a value the request gives, so no index can hold just the items that pass: it is a FilterExpression, and the Query reads (and bills) the items it drops.",
                    t.attribute
                )),
                Some((_, Some(t))) if t.op == FilterOp::Equals && is_boolean(&t.attribute) => text.push_str(&format!(
                    " {} is a boolean, and the writers of a sparse index decide on a key's text, which a boolean has not, so the filter is a FilterExpression: the Query reads (and bills) the items it drops. A string attribute of two values would make it a sparse index.",
                    t.attribute
                )),
                Some((_, Some(t))) if matches!(t.op, FilterOp::Equals | FilterOp::Present) => text.push_str(&sparse_not_worth(index, t)),
                Some((_, Some(_))) => text.push_str(" A sparse index keeps the items that have an attribute or one value of it; this test is neither, so it is a FilterExpression: the Query reads (and bills) the items it drops."),
                Some((_, None)) => text.push_str(" The filter joins several tests, which a sparse index of one attribute cannot hold, so it is a FilterExpression: the Query reads (and bills) the items it drops."),
                None => {}
            }
            (text, techniques)
        }
        Route::Collection { index, item, with } => (
            format!(
                "{}: {} and its {} items share the partition {} of {index}, so one Query returns them together.",
                Technique::ItemCollection,
                name(*item),
                crate::words::listed(&with.iter().map(|&w| name(w)).collect::<Vec<_>>()),
                layout.slot(index, *item).map(|s| s.pk.to_string()).unwrap_or_default()
            ),
            vec![Technique::ItemCollection],
        ),
        Route::ViaChild { first, target } => (
            format!(
                "Two requests: find the {} by its identifier, then GetItem the {} it belongs to (every child carries its parent's identifier).",
                name(Route::item(first)),
                name(*target)
            ),
            Vec::new(),
        ),
        Route::ViaPairs { first, target } => (
            format!(
                "{}: query the {} pair items, then BatchGetItem the {} items they name.",
                Technique::AdjacencyList,
                name(Route::item(first)),
                name(*target)
            ),
            vec![Technique::AdjacencyList],
        ),
        Route::Descent { first, then: None, why, .. } => {
            let (how, mut techniques) = explain(layout, first);
            techniques.push(Technique::Denormalization);
            (format!("{why} {how}"), techniques)
        }
        Route::Descent { first, then: Some(then), why, .. } => {
            let (found, mut techniques) = explain(layout, first);
            let (each, more) = explain(layout, then);
            techniques.extend(more);
            (format!("{why} First: {found} Then, for each: {each}"), techniques)
        }
        Route::Scan { reason, .. } => (format!("Scan: {reason}."), Vec::new()),
    }
}
