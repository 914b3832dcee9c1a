//! What the design cannot do well, or at all: the architect's to-do list.

use indexmap::IndexMap;

use crate::design::capacity::{
    limited_reads_too_hot, shard_arithmetic, shard_count, GSI_LIMIT, HEADROOM, ITEM_COLLECTION_LIMIT, ITEM_SIZE_LIMIT,
    LSI_LIMIT, PARTITION_READ_UNITS,
};
use crate::design::naming::{gsi_name, lsi_name};
use crate::design::types::{HotLoad, Operation, Plan, Problem, ProblemCode, Severity, TABLE};
use crate::edit::{Edit, Fix};
use crate::model::{
    only_if_absent, AccessPattern, AttrType, Cardinality, Format, Model, PatternKind, PinnedKey, StepAction,
    StreamViewType, TableSettings,
};
use crate::template::{Part, Template, SHARD};
use crate::words::thousands;

use super::shard::partition_load;
use super::writes::Upkeep;
use super::Layout;

/// `limited`: the index partitions sharding found too hot for reads under a limit.
pub fn problems(
    layout: &Layout<'_, '_>,
    plans: &[Plan],
    upkeeps: &[Upkeep<'_>],
    limited: &[(String, usize, HotLoad)],
) -> Vec<Problem> {
    let mut out = Vec::new();
    scans(layout, &mut out);
    hot_table_partitions(layout, &mut out);
    hot_pins(layout, &mut out);
    out.extend(limited.iter().map(|(index, item, hot)| limited_reads_problem(layout, index, *item, *hot)));
    limits(layout, &mut out);
    stream_and_ttl(layout, &mut out);
    sort_orders(layout, &mut out);
    collections_apart(layout, plans, &mut out);
    wide_fan_outs(layout, plans, &mut out);
    stale_index_keys(layout, upkeeps, &mut out);
    unknown_write_keys(layout, &mut out);
    creates_not_unique(layout, &mut out);
    unique_not_enforced(layout, &mut out);
    reads_one_of_many(layout, &mut out);
    unused_projection_pins(layout, &mut out);
    out.sort_by_key(|p| p.severity);
    out
}

fn problem(
    severity: Severity,
    code: ProblemCode,
    message: String,
    entity: Option<&str>,
    pattern: Option<&str>,
) -> Problem {
    Problem {
        severity,
        code,
        message,
        entity: entity.map(str::to_string),
        pattern: pattern.map(str::to_string),
        fixes: Vec::new(),
    }
}

fn scans(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    let model = layout.graph.model();
    for (p, route) in &layout.routes {
        if let Some((item, reason)) = route.scan() {
            let pattern = &model.access_patterns[*p];
            let item = &layout.items[item];
            let code = if pattern.strongly_consistent { ProblemCode::StrongConsistency } else { ProblemCode::Scan };
            let pinned =
                if item.pinned.is_empty() { "" } else { " (the pinned keys of this entity leave no other way)" };
            out.push(problem(
                Severity::Error,
                code,
                format!("{} is served by a Scan: {reason}{pinned}. Drop strong consistency, or give it inputs the table's partition key uses.", pattern.id),
                Some(item.name),
                Some(&pattern.id),
            ));
        }
    }
}

fn hot_table_partitions(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    for (i, slot) in layout.table.iter().enumerate() {
        let hot = partition_load(layout, TABLE, i, slot).hot();
        if limited_reads_too_hot(hot) {
            out.push(limited_reads_problem(layout, TABLE, i, hot));
        }
        let shards = shard_count(hot);
        if shards > 1 {
            out.push(problem(
                Severity::Warning,
                ProblemCode::HotPartition,
                format!(
                    "{}'s table partition (PK = {}) is too hot: {}. Spread it with a shard suffix in PK, or cache the reads.",
                    layout.items[i].name,
                    slot.pk,
                    shard_arithmetic(hot)
                ),
                Some(layout.items[i].name),
                None,
            ));
        }
    }
}

/// Reads capped by a limit that alone exceed a partition's read ceiling: a shard
/// count divides the items and the writes, but every shard is read for up to the
/// limit, so only a cache (or a lower rate) brings them down.
fn limited_reads_problem(layout: &Layout<'_, '_>, index: &str, i: usize, hot: HotLoad) -> Problem {
    let model = layout.graph.model();
    let positions = layout.routes_at.get(&(index.to_string(), i)).into_iter().flatten();
    let readers: Vec<&str> = positions
        .map(|&position| &model.access_patterns[layout.routes[position].0])
        .filter(|p| p.limit.is_some())
        .map(|p| p.id.as_str())
        .collect();
    let (item, pk) = (&layout.items[i], layout.slot(index, i).map(|s| s.pk.to_string()).unwrap_or_default());
    problem(
        Severity::Warning,
        ProblemCode::HotPartition,
        format!(
            "{}'s {index} partition (PK = {pk}) takes {} read units a second from {} at peak, each reading up to its limit from the hottest partition; a partition serves {}, {:.0}% of it kept for bursts. Sharding cannot spread these reads (every shard is read for as many items): cache them (DAX, or the application's cache) or lower their rate.",
            item.name,
            thousands(hot.limited_reads as f64),
            readers.join(", "),
            thousands(PARTITION_READ_UNITS),
            (1.0 - HEADROOM) * 100.0,
        ),
        Some(item.name),
        readers.first().copied(),
    )
}

/// A pinned index key is kept as written, so one too hot for a partition is the
/// architect's to change: the derivation does not shard it unasked.
fn hot_pins(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    for n in 0..layout.gsis.len() {
        let index = gsi_name(n + 1);
        for (i, item) in layout.items.iter().enumerate() {
            let Some(slot) = layout.slot(&index, i).filter(|s| s.shard.is_none()) else { continue };
            let Some(pin) = item.pinned.get(&index) else { continue };
            let hot = partition_load(layout, &index, i, slot).hot();
            let shards = shard_count(hot);
            if shards > 1 {
                let sharded = format!("{}#{{{SHARD}}}", slot.pk);
                let mut p = problem(
                    Severity::Warning,
                    ProblemCode::PinnedConflict,
                    format!(
                        "{}'s {index} keys are pinned (PK = {}), and {}. The pin is kept; to spread the load, pin a shard suffix ({index} PK = {sharded}) or unpin it.",
                        item.name, slot.pk, shard_arithmetic(hot)
                    ),
                    Some(item.name),
                    None,
                );
                let key =
                    PinnedKey { partition: Some(sharded.clone()), sort: pin.sort.clone(), sparse: pin.sparse.clone() };
                p.fixes.push(Fix {
                    label: format!("Pin {}'s {index} PK as {sharded}", item.name),
                    edit: Edit::PinKey { owner: item.name.to_string(), index: index.clone(), key: Some(key) },
                });
                out.push(p);
            }
        }
    }
}

fn limits(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    if layout.gsis.len() > GSI_LIMIT {
        out.push(problem(
            Severity::Error,
            ProblemCode::IndexLimit,
            format!("{} GSIs exceed the default quota of {GSI_LIMIT} per table.", layout.gsis.len()),
            None,
            None,
        ));
    }
    if layout.lsis.len() > LSI_LIMIT {
        out.push(problem(
            Severity::Error,
            ProblemCode::IndexLimit,
            format!("{} LSIs exceed the limit of {LSI_LIMIT} per table.", layout.lsis.len()),
            None,
            None,
        ));
    }
    for item in layout.items.iter() {
        if u64::from(item.size) > ITEM_SIZE_LIMIT {
            out.push(problem(
                Severity::Error,
                ProblemCode::ItemSize,
                format!("{} items average {} bytes, above DynamoDB's 400 KB item limit; move large attributes to S3 and keep a pointer.", item.name, item.size),
                Some(item.name),
                None,
            ));
        }
    }
    oversized_collections(layout, out);
}

/// Item collections over DynamoDB's 10 GB cap for one partition with an LSI
/// (or half of it, with an LSI; over it at all, without one, as a warning):
/// every item type under a parent's partition counts, not one alone.
fn oversized_collections(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    let collections = layout.items.collection_bytes(&layout.table);
    let mut partitions: IndexMap<&Template, (Vec<&str>, bool)> = IndexMap::new();
    for (i, slot) in layout.table.iter().enumerate().filter(|(_, s)| collections.contains_key(&s.pk)) {
        let (names, with_lsi) = partitions.entry(&slot.pk).or_default();
        names.push(layout.items[i].name);
        *with_lsi |= layout.lsis.iter().any(|l| l.get(i).is_some());
    }
    for (pk, (names, with_lsi)) in partitions {
        let bytes = collections[pk];
        if bytes > ITEM_COLLECTION_LIMIT || (with_lsi && bytes > ITEM_COLLECTION_LIMIT / 2.0) {
            out.push(problem(
                if with_lsi { Severity::Error } else { Severity::Warning },
                ProblemCode::UnboundedCollection,
                format!(
                    "The item collections under PK = {pk} ({}) average {:.1} GB; with an LSI a collection is capped at 10 GB.",
                    names.join(", "),
                    bytes / 1e9
                ),
                Some(names[0]),
                None,
            ));
        }
    }
}

/// The table's stream on, with both images: what maintenance (new images) and
/// archiving (old images) read.
fn stream_on(model: &Model) -> Fix {
    let table = TableSettings { stream: Some(StreamViewType::NewAndOldImages), ..model.table.clone() };
    Fix { label: "Turn on the table's stream (new and old images)".into(), edit: Edit::SetTable { table } }
}

/// A put conditioned on its item being absent (`attribute_not_exists(PK)`) tests
/// the one item its whole key names. Where that key holds more of the item than
/// its identifier (a comment keyed `COMMENT#{createdAt}#{commentId}`), a second put
/// of the same identifier with another `createdAt` (a retry that reads the clock
/// again) finds no item there and writes a second one: the condition does not
/// make the identifier unique, unless the same transaction guards it.
fn creates_not_unique(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    let model = layout.graph.model();
    for (p, target) in creating_puts(model) {
        let Some((identifier, beside)) = unguarded_key(layout, target) else { continue };
        if beside.is_empty() || guarded_in_transaction(layout, p, target, identifier) {
            continue;
        }
        let slot = &layout.table[layout.items.index_of(target).expect("unguarded_key found the item")];
        out.push(problem(
            Severity::Warning,
            ProblemCode::CreateNotUnique,
            format!(
                "{} creates {} only if no item has its key (PK = {}, SK = {}), but that key also holds {}: a second put of the same {} with another {} finds no item there and writes a second {target}. Key {target} by its identifier alone, or guard the identifier with an item of its own written in the same transaction.",
                p.id,
                crate::words::with_article(target),
                slot.pk,
                slot.sk,
                beside.join(", "),
                identifier.join(", "),
                beside.join(", "),
            ),
            Some(target),
            Some(&p.id),
        ));
    }
}

/// A read of one item (`read_one`) whose inputs can match many: the answer is
/// whichever item comes first, and the application cannot tell it missed the
/// others. Inputs name one entity item when they hold its identifier, a unique
/// attribute of it, or the identifier of an entity that has one of it (a
/// child's, for its parent; either end of a one-to-one); a limit of one says
/// the pattern means the first.
fn reads_one_of_many(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    let graph = layout.graph;
    for p in graph.model().access_patterns.iter().filter(|p| p.kind == PatternKind::ReadOne && p.limit != Some(1)) {
        let Some(entity) = graph.entity(&p.entity) else { continue };
        let given = |names: &[&str]| !names.is_empty() && names.iter().all(|n| p.inputs.iter().any(|i| i == n));
        let unique = entity.attributes.iter().any(|a| a.unique && given(&[a.name.as_str()]));
        let by_one_related = graph.relationships_of(&entity.name).into_iter().any(|r| {
            let other = if r.from == entity.name { &r.to } else { &r.from };
            let has_one = match r.cardinality {
                Cardinality::OneToOne => true,
                Cardinality::OneToMany => r.from == entity.name && r.to != entity.name,
                Cardinality::ManyToMany => false,
            };
            has_one && graph.entity(other).is_some_and(|o| given(&ids(o)))
        });
        if given(&ids(entity)) || unique || by_one_related {
            continue;
        }
        out.push(problem(
            Severity::Warning,
            ProblemCode::ReadOneNotUnique,
            format!(
                "{} reads one {} by {}, which can match many: it returns whichever comes first. Make it read_many, add {} to its inputs, or give it a limit of 1 and an order if it means the first.",
                p.id,
                entity.name,
                if p.inputs.is_empty() { "no input".to_string() } else { crate::words::listed(&p.inputs) },
                crate::words::listed(&ids(entity)),
            ),
            Some(&entity.name),
            Some(&p.id),
        ));
    }
}

fn ids(e: &crate::model::Entity) -> Vec<&str> {
    e.identifier().into_iter().map(|a| a.name.as_str()).collect()
}

/// An attribute declared unique that a write gives a value without a guard:
/// DynamoDB keeps only primary keys unique, so the value is unique only where
/// the write's transaction also puts an item keyed by it alone, on the
/// condition that none exists (or the entity's own key is that value).
fn unique_not_enforced(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    let model = layout.graph.model();
    for entity in &model.entities {
        let Some(item) = layout.items.index_of(&entity.name) else { continue };
        let slot = &layout.table[item];
        for attr in entity.attributes.iter().filter(|a| a.unique && !a.identifier) {
            let keyed_by_it = slot.pk.attributes().chain(slot.sk.attributes()).all(|a| a == attr.name);
            if keyed_by_it {
                continue;
            }
            let guard = std::slice::from_ref(&attr.name);
            let unguarded: Vec<&str> = layout
                .graph
                .patterns_touching(&entity.name)
                .filter(|p| gives_value(p, &entity.name, &attr.name))
                .filter(|p| !guarded_in_transaction(layout, p, &entity.name, guard))
                .map(|p| p.id.as_str())
                .collect();
            if unguarded.is_empty() {
                continue;
            }
            out.push(problem(
                Severity::Warning,
                ProblemCode::UniqueNotEnforced,
                format!(
                    "{}.{} is declared unique, but {} write{} it with nothing to stop a second {} having the same {}: DynamoDB keeps only a primary key unique. Add an entity keyed by {} alone (its identifier) and put it in the same transaction, on the condition that it does not exist; or drop 'unique'.",
                    entity.name,
                    attr.name,
                    unguarded.join(", "),
                    if unguarded.len() == 1 { "s" } else { "" },
                    entity.name,
                    attr.name,
                    attr.name,
                ),
                Some(&entity.name),
                unguarded.first().copied(),
            ));
        }
    }
}

/// Whether `p` writes `attribute` of an `entity` item: a put of one (which
/// carries every attribute), or an update that sets it.
fn gives_value(p: &AccessPattern, entity: &str, attribute: &str) -> bool {
    p.puts(entity)
        || p.updates_of(entity).any(|u| u.attribute == attribute && u.action != crate::model::UpdateAction::Remove)
}

/// An entity's identifier and the attributes of its own that its table key holds
/// beside it. A parent's identifier in the key names whose item this is, as the
/// relationship says: a put under another parent is another item by design.
fn unguarded_key<'a>(layout: &'a Layout<'_, '_>, target: &str) -> Option<(&'a [String], Vec<&'a str>)> {
    let (item, entity) = (layout.items.index_of(target)?, layout.graph.entity(target)?);
    let slot = &layout.table[item];
    let identifier = &layout.items[item].identifier;
    let parents: Vec<&str> = layout
        .graph
        .parents(target)
        .iter()
        .filter_map(|r| layout.graph.entity(&r.from))
        .flat_map(|parent| parent.identifier())
        .map(|a| a.name.as_str())
        .collect();
    let mut beside: Vec<&str> = slot
        .pk
        .attributes()
        .chain(slot.sk.attributes())
        .filter(|a| !identifier.iter().any(|i| i == a) && !parents.contains(a) && entity.attribute(a).is_some())
        .collect();
    beside.sort_unstable();
    beside.dedup();
    Some((identifier, beside))
}

/// Whether the transaction that creates `target` also creates, on the same
/// condition, an item keyed by `identifier` alone (no more attributes, which
/// would make only the combination unique): that put fails on a second value
/// and cancels the whole transaction, which is the guard the warnings ask for.
fn guarded_in_transaction(layout: &Layout<'_, '_>, p: &AccessPattern, target: &str, identifier: &[String]) -> bool {
    creating_puts_of(p).filter(|(_, guard)| *guard != target).any(|(_, guard)| {
        unguarded_key(layout, guard).is_some_and(|(guarded, beside)| {
            beside.is_empty() && guarded.len() == identifier.len() && identifier.iter().all(|i| guarded.contains(i))
        })
    })
}

/// The puts (patterns and transaction steps) that create their item only if no
/// item has its key, with the entity each creates.
fn creating_puts(model: &Model) -> impl Iterator<Item = (&AccessPattern, &str)> {
    model.access_patterns.iter().flat_map(creating_puts_of)
}

fn creating_puts_of(p: &AccessPattern) -> impl Iterator<Item = (&AccessPattern, &str)> {
    let own = (p.kind == PatternKind::Put && only_if_absent(&p.conditions)).then_some((p, p.entity.as_str()));
    let steps = p
        .steps
        .iter()
        .filter(move |s| {
            p.kind == PatternKind::Transaction && s.action == StepAction::Put && only_if_absent(&s.conditions)
        })
        .map(move |s| (p, s.entity.as_str()));
    own.into_iter().chain(steps)
}

/// A projection pinned for an index the design does not have: the index it was
/// pinned for is gone or numbered otherwise now, and the pin does nothing.
fn unused_projection_pins(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    let model = layout.graph.model();
    let exists = |index: &str| {
        (1..=layout.gsis.len()).map(gsi_name).chain((1..=layout.lsis.len()).map(lsi_name)).any(|name| name == index)
    };
    for index in model.table.pinned_projections.keys().filter(|i| !exists(i)) {
        let mut p = problem(
            Severity::Warning,
            ProblemCode::PinnedConflict,
            format!("A projection is pinned for {index}, which the design does not have; the pin does nothing. Pin the projection of an index the Design view lists, or remove it."),
            None,
            None,
        );
        p.fixes.push(Fix {
            label: format!("Remove the projection pinned for {index}"),
            edit: Edit::PinProjection { index: index.clone(), projection: None },
        });
        out.push(p);
    }
}

fn stream_and_ttl(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    let model = layout.graph.model();
    let stream = model.table.stream;
    for entity in model.entities.iter().filter(|e| e.maintained_by_stream) {
        if stream.is_none_or(|s| !s.has_new_image()) {
            let mut p = problem(
                Severity::Error,
                ProblemCode::StreamMissing,
                format!("{} is maintained from the change stream, but the table's stream is off or carries no new images; set table.stream to NEW_AND_OLD_IMAGES.", entity.name),
                Some(&entity.name),
                None,
            );
            p.fixes.push(stream_on(model));
            out.push(p);
        }
    }
    for p in model.access_patterns.iter().filter(|p| p.kind == PatternKind::Expire) {
        let archived = p.retention.as_ref().is_some_and(|r| r.archive);
        if archived && stream.is_none_or(|s| !s.has_old_image()) {
            let mut problem = problem(
                Severity::Error,
                ProblemCode::StreamMissing,
                format!("{} archives expired items from the stream, but the table's stream is off or carries no old images; set table.stream to NEW_AND_OLD_IMAGES.", p.id),
                Some(&p.entity),
                Some(&p.id),
            );
            problem.fixes.push(stream_on(model));
            out.push(problem);
        }
        if model.table.ttl_attribute.is_none() {
            out.push(problem(
                Severity::Error,
                ProblemCode::TtlMissing,
                format!("{} needs the table's TTL attribute.", p.id),
                Some(&p.entity),
                Some(&p.id),
            ));
        }
    }
}

/// Numbers in a sort key that do not sort as numbers: one written unpadded
/// (`{amount}` inside a longer key: as text, 10 comes before 9), or money kept
/// as a string (a minus sign and lengths sort as text).
fn sort_orders(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    for (i, item) in layout.items.iter().enumerate() {
        let slots =
            std::iter::once(&layout.table[i]).chain(layout.gsis.iter().chain(&layout.lsis).filter_map(|x| x.get(i)));
        for slot in slots {
            let bare = slot.sk.parts().len() == 1;
            for part in slot.sk.parts() {
                let Part::Attr { name: attr, pad } = part else { continue };
                let Some(a) = item.attribute(layout.graph, attr) else { continue };
                let why = match (a.attr_type, pad, &a.format) {
                    (AttrType::Number, None, _) if !bare => format!(
                        "holds the number '{attr}' unpadded: as text, 10 sorts before 9 and -1 after 1; write it {{{attr}:10}}, which sorts in numeric order"
                    ),
                    (AttrType::String, _, Some(Format::Money)) => format!(
                        "holds the money amount '{attr}' as a string: a minus sign and longer amounts sort as text; make it a number, which the key pads to sort in numeric order"
                    ),
                    _ => continue,
                };
                out.push(problem(
                    Severity::Warning,
                    ProblemCode::SortOrder,
                    format!("{}'s sort key {} {why}.", item.name, slot.sk),
                    Some(item.name),
                    None,
                ));
            }
        }
    }
}

/// A read that fans out over this many Queries per request is a design to
/// rethink, not to run: sharding spreads load that the read itself makes.
pub const FAN_OUT_WARNING: u32 = 10;

/// Reads that fan out over many shards, with why the partition is so hot and
/// what would cool it: a partition key without inputs puts every item of the
/// entity in one partition, and a read without a limit reads all of them.
fn wide_fan_outs(layout: &Layout<'_, '_>, plans: &[Plan], out: &mut Vec<Problem>) {
    let wide: Vec<&Plan> = plans.iter().filter(|plan| plan.request.count > FAN_OUT_WARNING).collect();
    if wide.is_empty() {
        return;
    }
    let patterns: foldhash::HashMap<&str, &AccessPattern> =
        layout.graph.model().access_patterns.iter().map(|p| (p.id.as_str(), p)).collect();
    for plan in wide {
        let Some(p) = patterns.get(plan.pattern.as_str()) else { continue };
        let index = &plan.request.index;
        let Some(i) = layout.items.index_of(&p.entity) else { continue };
        let (item, Some(slot)) = (&layout.items[i], layout.slot(index, i)) else { continue };
        let constant = slot.pk.attributes().all(|a| a == SHARD);
        let (pk, _) = layout.key_names.of(index);
        let whole = if constant {
            // A sparse index holds only the items that meet its condition.
            let (count, which) = match &slot.sparse {
                Some(cond) => {
                    let share = cond.share(
                        layout.graph.patterns_touching(item.name),
                        item.name,
                        item.attribute(layout.graph, &cond.attribute),
                    );
                    (item.count * share, format!(" with {cond}"))
                }
                None => (item.count, String::new()),
            };
            format!(
                "{index}'s {pk} = {} has no attribute but the shard, so all {} {} items{which} share one partition",
                slot.pk,
                thousands(count),
                item.name
            )
        } else {
            format!("{index}'s {pk} = {} gathers too many {} items on its hottest value", slot.pk, item.name)
        };
        let unbounded = p.limit.is_none() && p.result_size.is_none();
        let reads = if unbounded { " and each request reads all of them (no limit)" } else { "" };
        let load = slot.shard.as_ref().and_then(|s| s.load);
        let why = load.map(shard_arithmetic).unwrap_or_default();
        // Where the writes call for the shards, a limit on the read leaves them.
        let written = load.is_some_and(|l| {
            shard_count(HotLoad { reads: 0, limited_reads: 0, ..l }) >= shard_count(HotLoad { writes: 0, ..l })
        });
        let fix = if written {
            format!("Give {} an input its partition key can use (a parent, a day): the writes need the shards, so a limit would not remove them", p.id)
        } else {
            format!(
                "Give {} an input its partition key can use (a parent, a day), or a limit (how many it shows)",
                p.id
            )
        };
        out.push(problem(
            Severity::Warning,
            ProblemCode::HotPartition,
            format!(
                "{} fans out over {} Queries per request: {whole}{reads}; {why}. {fix}.",
                p.id,
                thousands(f64::from(plan.request.count))
            ),
            Some(item.name),
            Some(&p.id),
        ));
    }
}

/// A "with" pattern whose related entities the plan's one Query cannot all
/// return: it returns those it can, and each other takes requests of its own,
/// which the problem counts and gives the cause of.
fn collections_apart(layout: &Layout<'_, '_>, plans: &[Plan], out: &mut Vec<Problem>) {
    let model = layout.graph.model();
    let returned: foldhash::HashMap<&str, &[String]> = plans
        .iter()
        .filter(|plan| plan.request.operation == Operation::Query)
        .map(|plan| (plan.pattern.as_str(), plan.returns.as_slice()))
        .collect();
    for p in model.access_patterns.iter().filter(|p| !p.with.is_empty()) {
        let returns = returned.get(p.id.as_str()).copied().unwrap_or_default();
        let apart: Vec<&String> = p.with.iter().filter(|w| !returns.contains(w)).collect();
        if apart.is_empty() {
            continue;
        }
        let together: Vec<&String> =
            std::iter::once(&p.entity).chain(p.with.iter().filter(|w| returns.contains(w))).collect();
        let (take, requests) = match (apart.len(), p.kind) {
            (1, PatternKind::ReadOne) => {
                ("takes a request".to_string(), format!(": {} requests in all", 1 + apart.len()))
            }
            (_, PatternKind::ReadOne) => {
                ("take a request each".to_string(), format!(": {} requests in all", 1 + apart.len()))
            }
            (1, _) => (format!("takes a request for every {} it returns", p.entity), String::new()),
            _ => (format!("take a request each for every {} it returns", p.entity), String::new()),
        };
        let cause = apart_cause(layout, p, &apart);
        let apart = crate::words::listed(&apart);
        out.push(problem(
            Severity::Error,
            ProblemCode::UnboundedCollection,
            format!(
                "{} wants {} with {}, but {cause}, so the plan reads {} in one request and {apart} {take}{requests}.",
                p.id,
                p.entity,
                crate::words::listed(&p.with),
                crate::words::listed(&together),
            ),
            Some(&p.entity),
            Some(&p.id),
        ));
    }
}

/// Why `apart` are not read with `p`'s target: they are kept in its partition
/// but the inputs do not name it, or they are kept elsewhere (and a strongly
/// consistent read cannot use the GSI that would pre-join children with it).
fn apart_cause(layout: &Layout<'_, '_>, p: &AccessPattern, apart: &[&String]) -> String {
    let slot = |name: &str| layout.items.index_of(name).map(|i| &layout.table[i]);
    let Some(target) = slot(&p.entity) else { return String::new() };
    let listed = crate::words::listed(apart);
    if apart.iter().all(|w| slot(w).is_some_and(|s| s.pk == target.pk)) {
        return format!("the inputs do not give the partition ({}) that {listed} share with {}", target.pk, p.entity);
    }
    let does = if apart.len() == 1 { "does" } else { "do" };
    let children = layout.graph.children(&p.entity);
    let all_children = apart.iter().all(|w| children.iter().any(|r| &&r.to == w));
    let strong = if p.strongly_consistent && all_children {
        " (and a strongly consistent read cannot use a GSI that would pre-join them)"
    } else {
        ""
    };
    format!("{listed} {does} not share a partition with {}{strong}", p.entity)
}

/// An update of an attribute the item's table key is made of: DynamoDB cannot
/// change a key, so the write must delete the item and put a new one.
/// Updates that change what an index key is made of but cannot rebuild it in
/// the same request: the index would keep finding the item where it was.
fn stale_index_keys(layout: &Layout<'_, '_>, upkeeps: &[Upkeep<'_>], out: &mut Vec<Problem>) {
    for Upkeep { pattern: p, item, maintenance } in upkeeps {
        let (entity, slot) = (layout.items[*item].name, &layout.table[*item]);
        for attr in &maintenance.moves {
            out.push(problem(
                Severity::Error,
                ProblemCode::KeyUpdate,
                format!(
                    "{} changes {attr}, which {entity}'s table key (PK = {}, SK = {}) is made of; a key cannot be updated: delete the item and put it anew in a transaction, or key the item differently.",
                    p.id, slot.pk, slot.sk
                ),
                Some(entity),
                Some(&p.id),
            ));
        }
        for why in &maintenance.impossible {
            out.push(problem(
                Severity::Error,
                ProblemCode::StaleIndexKey,
                format!("{} updates {entity} and would leave an index entry stale: {why}.", p.id),
                Some(entity),
                Some(&p.id),
            ));
        }
    }
}

/// An update or a delete whose inputs leave out part of the item's table key:
/// the request cannot name the item, and code generated for it would ask the
/// caller for a value the pattern says it does not have.
/// An update or delete that lists no inputs takes its item's whole table key
/// from the caller: harmless where that key is the item's identifier, a
/// surprise where the design keyed the item under more (a reservation under its
/// hotel, and the caller must know the hotel to cancel it). The warning names
/// what the caller must know, so that the inputs can say what it does.
fn implied_key(layout: &Layout<'_, '_>, p: &AccessPattern, slot: &super::Slot) -> Option<Problem> {
    if !p.inputs.is_empty() || !matches!(p.kind, PatternKind::Update | PatternKind::Delete) {
        return None;
    }
    let own = layout.graph.entity(&p.entity).map(ids).unwrap_or_default();
    let mut needed: Vec<&str> = slot.pk.attributes().chain(slot.sk.attributes()).filter(|a| *a != SHARD).collect();
    needed.dedup();
    let beside: Vec<&str> = needed.iter().copied().filter(|a| !own.contains(a)).collect();
    if beside.is_empty() || own.is_empty() {
        return None;
    }
    Some(problem(
        Severity::Warning,
        ProblemCode::WriteKeyUnknown,
        format!(
            "{} lists no inputs, so its caller must know the {} item's whole table key (PK = {}, SK = {}): {} beside {}. If the application knows only {}, list that in the inputs, and the design keys {} by it.",
            p.id,
            p.entity,
            slot.pk,
            slot.sk,
            crate::words::listed(&beside),
            crate::words::listed(&own),
            crate::words::listed(&own),
            p.entity
        ),
        Some(&p.entity),
        Some(&p.id),
    ))
}

fn unknown_write_keys(layout: &Layout<'_, '_>, out: &mut Vec<Problem>) {
    for p in &layout.graph.model().access_patterns {
        let Some(item) = layout.items.index_of(&p.entity) else { continue };
        let slot = &layout.table[item];
        if let Some(implied) = implied_key(layout, p, slot) {
            out.push(implied);
            continue;
        }
        let missing = p.unknown_key_parts([&slot.pk, &slot.sk]);
        if missing.is_empty() {
            continue;
        }
        out.push(problem(
            Severity::Error,
            ProblemCode::WriteKeyUnknown,
            format!(
                "{} changes one {} item found by {}, but the item's table key (PK = {}, SK = {}) is also made of {}: a write names its item by the whole key. Add {} to the inputs if the caller knows it, or key {} by what the caller knows.",
                p.id,
                p.entity,
                p.inputs.join(", "),
                slot.pk,
                slot.sk,
                missing.join(", "),
                missing.join(", "),
                p.entity
            ),
            Some(&p.entity),
            Some(&p.id),
        ));
    }
}
