//! Derivation: from a model to a single-table design. Deterministic: the same
//! model gives the same design, byte for byte.
//!
//! `derive` runs the stages in this order, each reading what the earlier ones
//! settled: the kinds of item (`items`); every item's table keys (`base_keys`,
//! `table_sort`), first because every read tries the table before an index; each
//! read routed to the table, an existing or reshaped index slot, or a new one
//! (`routes`, `index_slots`), in model order so that earlier reads shape the slots
//! later ones share; hot partitions sharded (`shard`), once every slot's readers
//! and writers are known; the requests of every pattern (`plans`, `writes`,
//! `maintain`); what the design cannot do well (`problems`); projections
//! (`projection`), once the plans say what each index is read for. Every decision
//! keeps its words and its `Technique`s together.

mod base_keys;
mod descent;
mod index_names;
mod index_slots;
mod items;
mod key_names;
mod maintain;
mod plans;
mod prefix_map;
mod problems;
pub(crate) mod projection;
mod routes;
mod shard;
mod table_sort;
mod writes;

use indexmap::IndexMap;

use crate::design::naming::{gsi_name, lsi_name};
use crate::design::technique::gathered;
use crate::design::types::{Design, EntityKeys, Index, Shard, SparseCondition, TableKeys, Ttl, DESIGN_FORMAT, TABLE};
use crate::design::Technique;
use crate::graph::ErGraph;
use crate::model::{IndexName, Model, PatternKind};
use crate::template::Template;

use index_names::DeployedNames;
pub use index_slots::IndexSlots;
use items::{Item, Items};
use key_names::KeyNames;
use routes::{IndexNote, Route, Router};

pub use crate::model::TYPE_ATTRIBUTE;

/// The keys one item writes into one index.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub pk: Template,
    pub sk: Template,
    pub sparse: Option<SparseCondition>,
    pub shard: Option<Shard>,
}

impl Slot {
    fn new(pk: Template, sk: Template) -> Self {
        Slot { pk, sk, sparse: None, shard: None }
    }
}

/// Everything derived, before it is written out as a `Design`.
pub struct Layout<'a, 'm> {
    pub graph: &'a ErGraph<'m>,
    pub items: &'a Items<'m>,
    pub table: Vec<Slot>,
    /// The table's slots again, indexed for co-residence questions.
    pub table_index: IndexSlots,
    pub gsis: Vec<IndexSlots>,
    pub lsis: Vec<IndexSlots>,
    /// Read patterns by position in the model, with their routes.
    pub routes: Vec<(usize, Route)>,
    /// Positions in `routes` of the routes reading each (index, item) slot.
    pub routes_at: foldhash::HashMap<(String, usize), Vec<usize>>,
    /// What each index's key attributes are called.
    pub key_names: KeyNames,
}

impl Layout<'_, '_> {
    /// The table's and every secondary index's name, in the design's order.
    pub fn index_names(&self) -> Vec<String> {
        let mut names = vec![TABLE.to_string()];
        names.extend((1..=self.gsis.len()).map(gsi_name));
        names.extend((1..=self.lsis.len()).map(lsi_name));
        names
    }

    pub fn slot(&self, index: &str, item: usize) -> Option<&Slot> {
        self.index_slots(index)?.get(item)
    }

    /// The (item, slot) pairs of `index` whose partitions may coincide with `pk`'s.
    pub fn sharing_partition<'s>(&'s self, index: &str, pk: &'s Template) -> Vec<(usize, &'s Slot)> {
        self.index_slots(index).map(|l| l.sharing_partition(pk).collect()).unwrap_or_default()
    }

    pub fn index_slots(&self, index: &str) -> Option<&IndexSlots> {
        match IndexName::parse(index)? {
            IndexName::Table => Some(&self.table_index),
            IndexName::Global(n) => self.gsis.get(n - 1),
            IndexName::Local(n) => self.lsis.get(n - 1),
        }
    }
}

pub fn derive(model: &Model) -> Design {
    let graph = ErGraph::new(model);
    let items = items::items(&graph);
    let table_keys = base_keys::table_keys(&graph, &items);
    let (table, table_notes): (Vec<Slot>, Vec<base_keys::TableNote>) = table_keys.into_iter().unzip();

    let mut router = Router::new(&graph, &items, &table);
    let routes: Vec<(usize, Route)> = model
        .access_patterns
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind.is_read())
        .filter_map(|(i, p)| router.route(p).map(|r| (i, r)))
        .collect();
    let Router { gsis, lsis, notes, mut copies, .. } = router;

    let mut routes_at: foldhash::HashMap<(String, usize), Vec<usize>> = foldhash::HashMap::default();
    for (position, (_, route)) in routes.iter().enumerate() {
        for slot in shard::slots_read(route) {
            routes_at.entry(slot).or_default().push(position);
        }
    }
    let table_index = IndexSlots::from_slots(table.iter().cloned());
    let key_names = KeyNames::default();
    let mut layout =
        Layout { graph: &graph, items: &items, table, table_index, gsis, lsis, routes, routes_at, key_names };
    // Grouped by item once: scanning every note for every item grew with the
    // square of the model (a third of generated entities are sharded).
    let mut shard_notes: Vec<Vec<String>> = vec![Vec::new(); items.len()];
    let sharding = shard::shard_hot_partitions(&mut layout);
    for (item, note) in sharding.notes {
        shard_notes[item].push(note);
    }
    layout.key_names = KeyNames::choose(model, &layout);

    let route_of: foldhash::HashMap<usize, &Route> = layout.routes.iter().map(|(i, r)| (*i, r)).collect();
    let mut plans = Vec::with_capacity(model.access_patterns.len());
    let mut upkeeps = Vec::new();
    for (i, p) in model.access_patterns.iter().enumerate() {
        let plan = match p.kind {
            PatternKind::ReadOne | PatternKind::ReadMany => route_of.get(&i).map(|r| plans::read_plan(&layout, p, r)),
            _ => writes::write_plan(&layout, p).map(|written| {
                upkeeps.extend(written.upkeeps);
                written.plan
            }),
        };
        plans.extend(plan);
    }

    let problems = problems::problems(&layout, &plans, &upkeeps, &sharding.limited);
    let on_table: foldhash::HashSet<&str> =
        plans.iter().filter(|p| p.request.index == TABLE).map(|p| p.pattern.as_str()).collect();
    let all_indexes = layout.index_names();
    let deployed_names = DeployedNames::choose(model, &all_indexes);
    let entities = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut explanation = vec![table_notes[i].render(|id| on_table.contains(id))];
            explanation.extend(notes[i].iter().map(|(index, note)| {
                if note.ids.is_empty() {
                    format!("{index}: {}", note.text())
                } else {
                    format!("{index}: {} Serves {}.", note.text(), note.ids.join(", "))
                }
            }));
            let sharded = std::mem::take(&mut shard_notes[i]);
            let techniques = table_notes[i]
                .techniques()
                .into_iter()
                .chain(notes[i].values().flat_map(|n| n.techniques.iter().copied()))
                .chain(sharded.iter().map(|_| Technique::WriteSharding));
            let techniques: Vec<Technique> = techniques.collect();
            explanation.extend(sharded);
            let copied = std::mem::take(&mut copies[i]);
            let (mut explanation, mut techniques) = (explanation, techniques);
            for c in &copied {
                explanation.push(format!(
                    "{}: every {} item holds a copy of its {}'s {} ({}), which its writer gives with it, for the reads that start from the {}.",
                    Technique::Denormalization,
                    item.name,
                    c.from,
                    c.attribute,
                    c.path.join("."),
                    c.from
                ));
                techniques.push(Technique::Denormalization);
            }
            let mut keys = entity_keys(&layout, &all_indexes, model, i, item, explanation, techniques);
            keys.copies = copied;
            keys
        })
        .collect();

    // Every secondary index with the number of item types it holds.
    let holding: IndexMap<String, usize> = (layout.gsis.iter().enumerate().map(|(n, s)| (gsi_name(n + 1), s)))
        .chain(layout.lsis.iter().enumerate().map(|(n, s)| (lsi_name(n + 1), s)))
        .map(|(name, slots)| (name, slots.iter().count()))
        .collect();
    let index_names: Vec<String> = holding.keys().cloned().collect();
    let types_in = |index: &str| holding.get(index).copied().unwrap_or(0);
    let key_attributes = |index: &str| {
        let (table_pk, table_sk) = layout.key_names.of(TABLE);
        let (pk, sk) = layout.key_names.of(index);
        vec![table_pk, table_sk, pk, sk]
    };
    let projected = projection::projections(model, &plans, &index_names, &types_in, TYPE_ATTRIBUTE, &key_attributes);

    Design {
        format: DESIGN_FORMAT.to_string(),
        model: model.name.clone(),
        table: {
            let (pk, sk) = layout.key_names.of(TABLE);
            let key = |name: &str| layout.key_names.attribute(name);
            TableKeys { name: model.table.name.clone(), partition_key: key(&pk), sort_key: key(&sk) }
        },
        gsis: indexes(&layout, &layout.gsis, gsi_name, &notes, &projected, &deployed_names),
        lsis: indexes(&layout, &layout.lsis, lsi_name, &notes, &projected, &deployed_names),
        type_attribute: TYPE_ATTRIBUTE.to_string(),
        entities,
        plans,
        problems,
    }
}

fn indexes(
    layout: &Layout<'_, '_>,
    list: &[IndexSlots],
    name: fn(usize) -> String,
    notes: &[IndexMap<String, IndexNote>],
    projected: &foldhash::HashMap<String, projection::Projected>,
    deployed_names: &DeployedNames,
) -> Vec<Index> {
    list.iter()
        .enumerate()
        .map(|(n, index)| {
            let index_name = name(n + 1);
            let (pk, sk) = layout.key_names.of(&index_name);
            let users: Vec<String> = index
                .iter()
                .map(|(i, _)| {
                    let served = notes[i].get(&index_name).map(|n| n.ids.join(", ")).unwrap_or_default();
                    format!("{} ({})", layout.items[i].name, if served.is_empty() { "pinned".into() } else { served })
                })
                .collect();
            let projection::Projected { projection, why } = &projected[&index_name];
            // Overloading is one index serving several entities; one alone is served.
            let overloaded = users.len() > 1;
            let techniques = index.iter().flat_map(|(i, slot)| {
                let noted = notes[i].get(&index_name).map(|n| n.techniques.clone()).unwrap_or_default();
                noted.into_iter().chain(slot.shard.as_ref().map(|_| Technique::WriteSharding))
            });
            Index {
                techniques: gathered(techniques.filter(|t| overloaded || *t != Technique::GsiOverloading)),
                explanation: format!(
                    "{} {}; {why}{}{}",
                    if overloaded { "Overloaded by" } else { "Serves" },
                    users.join(", "),
                    layout.key_names.own_names_note(&index_name).unwrap_or_default(),
                    deployed_names.note(&index_name).unwrap_or_default()
                ),
                deployed_name: deployed_names.chosen.get(&index_name).cloned(),
                name: index_name,
                partition_key: layout.key_names.attribute(&pk),
                sort_key: layout.key_names.attribute(&sk),
                projection: projection.clone(),
            }
        })
        .collect()
}

fn entity_keys(
    layout: &Layout<'_, '_>,
    all_indexes: &[String],
    model: &Model,
    i: usize,
    item: &Item<'_>,
    mut explanation: Vec<String>,
    techniques: Vec<Technique>,
) -> EntityKeys {
    let mut keys = IndexMap::new();
    let mut sparse = IndexMap::new();
    let mut shards = IndexMap::new();
    for index in all_indexes {
        let Some(slot) = layout.slot(index, i) else {
            continue;
        };
        let (pk_name, sk_name) = layout.key_names.of(index);
        if !index.starts_with("LSI") {
            keys.insert(pk_name.clone(), slot.pk.to_string());
        }
        keys.insert(sk_name.clone(), slot.sk.to_string());
        if let Some(cond) = &slot.sparse {
            // A local index's partition key is the table's, which every item writes.
            if !index.starts_with("LSI") {
                sparse.insert(pk_name.clone(), cond.clone());
            }
            sparse.insert(sk_name, cond.clone());
        }
        if let Some(shard) = &slot.shard {
            shards.insert(pk_name, shard.clone());
        }
    }
    let ttl = layout
        .graph
        .patterns_touching(item.name)
        .filter(|p| p.kind == PatternKind::Expire && p.entity == item.name)
        .find_map(|p| {
            let retention = p.retention.as_ref()?;
            Some(Ttl {
                attribute: model.table.ttl_attribute.clone()?,
                from: retention.attribute.clone(),
                days: retention.days,
            })
        });
    if let Some(t) = &ttl {
        explanation.push(format!(
            "{}: every item carries {} = {} + {} days in epoch seconds, and DynamoDB deletes it once that time has passed.",
            Technique::Ttl,
            t.attribute,
            t.from,
            t.days
        ));
    }
    let techniques = gathered(techniques.into_iter().chain(ttl.as_ref().map(|_| Technique::Ttl)));
    EntityKeys {
        name: item.name.to_string(),
        kind: item.kind,
        keys,
        sparse,
        shards,
        ttl,
        copies: Vec::new(),
        explanation,
        techniques,
    }
}
