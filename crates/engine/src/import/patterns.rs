//! The reads an imported key design is evidently made for. A source tool keeps
//! keys, not access patterns; without patterns the verifier would have nothing to
//! judge. Every entity gets a GetItem by its whole key, a Query of its partition
//! when the partition holds several of it, and a Query of each index it writes,
//! ordered by that index's sort key if the source gives it one, returning what
//! the index projects when the source projects less than every attribute. Their
//! rates are unknown, so they are 1/s and say so: the architect sets them.

use std::collections::BTreeMap;

use crate::model::{
    AccessPattern, Entity, Filter, FilterOp, FilterTest, Order, Ordering, PatternKind, Projection, SourceIndex,
    SparseCondition,
};
use crate::template::{Part, Template, SHARD};

/// `sources` are the source's own indexes by Tablewright index ("GSI1" → "ByEmail"),
/// `projections` those of them that project less than every attribute.
pub(crate) fn implied_patterns(
    entities: &[Entity],
    sources: &BTreeMap<String, SourceIndex>,
    projections: &BTreeMap<String, Projection>,
) -> Vec<AccessPattern> {
    let mut out = Vec::new();
    let mut add = |name: String,
                   kind: PatternKind,
                   entity: &Entity,
                   inputs: Vec<String>,
                   order: Option<String>,
                   filter: Option<Filter>,
                   returns: Vec<String>| {
        let id = format!("IMP{:02}", out.len() + 1);
        let mut pattern = AccessPattern::read(&id, &name, kind, &entity.name, inputs);
        pattern.description =
            "Implied by the imported key design; its rate is a placeholder: set the real one.".to_string();
        pattern.order = order.map(|attribute| Ordering { attribute, direction: Order::Ascending });
        pattern.filter = filter;
        pattern.returns = returns;
        out.push(pattern);
    };
    for entity in entities {
        let identifier: Vec<String> = entity.identifier().iter().map(|a| a.name.clone()).collect();
        let vars = |text: Option<&String>| -> Vec<String> {
            text.and_then(|t| Template::parse(t).ok())
                .map(|t| t.attributes().filter(|a| *a != SHARD).map(str::to_string).collect())
                .unwrap_or_default()
        };
        let table = entity.pinned_keys.get("table");
        let partition = vars(table.and_then(|k| k.partition.as_ref()));
        add(
            format!("Get {} by its key", crate::words::with_article(&entity.name)),
            PatternKind::ReadOne,
            entity,
            identifier.clone(),
            None,
            None,
            Vec::new(),
        );
        if identifier.iter().any(|a| !partition.contains(a)) {
            add(
                format!("List the {} items of a partition", entity.name),
                PatternKind::ReadMany,
                entity,
                partition.clone(),
                None,
                None,
                Vec::new(),
            );
        }
        for (index, key) in entity.pinned_keys.iter().filter(|(i, _)| i.as_str() != "table") {
            let inputs = if index.starts_with("LSI") { partition.clone() } else { vars(key.partition.as_ref()) };
            let source = sources.get(index);
            // Ordered by the index's sort key, by the first attribute it holds (a
            // `{State}#{Date}` key sorts by state first): that is what the index adds
            // over the table, and it keeps the read on the index.
            // An index the source gave no sort key orders nothing.
            let order = key
                .sort
                .as_ref()
                .filter(|_| source.is_none_or(|s| s.sort_key.is_some()))
                .and_then(|t| Template::parse(t).ok())
                .and_then(|t| {
                    t.parts().iter().find_map(|p| match p {
                        Part::Attr { name, .. } => Some(name.clone()),
                        Part::Literal(_) => None,
                    })
                })
                .filter(|a| !inputs.contains(a));
            let name = source.and_then(|s| s.name.clone()).unwrap_or_else(|| index.clone());
            // An index keyed by an attribute the items may lack holds only those
            // that have it: the read lists what is in the index.
            let sparse = [&key.partition, &key.sort]
                .into_iter()
                .flat_map(|t| vars(t.as_ref()))
                .find(|a| !inputs.contains(a) && entity.attribute(a).is_some_and(|a| !a.required && !a.identifier));
            let filter = match &key.sparse {
                Some(gate) => Some(gate_filter(gate)),
                None => sparse.map(|attribute| Filter::on(&attribute, FilterOp::Present)),
            };
            let returns = projected(entity, projections.get(index));
            let what = format!("List {} items by {name}", entity.name);
            add(what, PatternKind::ReadMany, entity, inputs, order, filter, returns);
        }
    }
    out
}

/// The read of exactly what a sparse index holds.
fn gate_filter(gate: &SparseCondition) -> Filter {
    let mut test =
        FilterTest::on(&gate.attribute, if gate.value.is_some() { FilterOp::Equals } else { FilterOp::Present });
    test.value = gate.value.clone();
    Filter::Test(test)
}

/// What a read of an index returns when the source projects less than every
/// attribute: the entity's attributes among those projected. Empty (every
/// attribute) when the index projects all.
fn projected(entity: &Entity, projection: Option<&Projection>) -> Vec<String> {
    let listed: &[String] = match projection {
        None | Some(Projection::All) => return Vec::new(),
        Some(Projection::KeysOnly) => &[],
        Some(Projection::Include(attributes)) => attributes,
    };
    entity.attributes.iter().map(|a| &a.name).filter(|a| listed.contains(a)).cloned().collect()
}
