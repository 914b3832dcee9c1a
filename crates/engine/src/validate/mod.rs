//! Semantic checks of a model that has the right shape: every name resolves, every
//! key-capable use has a key-capable type, nothing is defined twice.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::graph::{path_name, ErGraph};
use crate::model::{
    most_actions, AccessPattern, AttrType, Attribute, Billing, Cardinality, Condition, ConditionOp, Entity, ForEach,
    Format, IndexName, Model, PatternKind, PinnedKey, Projection, RangeOp, Relationship, SparseCondition, StepAction,
    Update, UpdateAction, WriteCondition, PROJECTED_ATTRIBUTES_LIMIT,
};
use crate::path::JsonPath;
use crate::template::{Template, SHARD};

mod clause;
mod filter;
mod returns;

/// What a write's condition or update needs of its operand, in words.
struct OperandRule<'r> {
    /// "condition", "update".
    what: &'r str,
    /// Whether it compares with, or writes, a value.
    needed: bool,
    missing: &'r str,
    /// How to give the missing operand.
    give: &'r str,
    unwanted: &'r str,
}

/// Every problem in the model, in file order; empty when the model is valid.
pub fn validate(model: &Model) -> Vec<Diagnostic> {
    let graph = ErGraph::new(model);
    let mut v = Validator { graph: &graph, out: Vec::new() };
    let root = JsonPath::root();
    v.text(&model.name, TextKind::Label, &root.key("name"));
    v.text(&model.description, TextKind::Description, &root.key("description"));
    v.table(model, &root.key("table"));
    v.unique_names(model);
    for (i, entity) in model.entities.iter().enumerate() {
        v.entity(entity, &root.key("entities").index(i));
    }
    for (i, rel) in model.relationships.iter().enumerate() {
        v.relationship(rel, &root.key("relationships").index(i));
    }
    for (i, pattern) in model.access_patterns.iter().enumerate() {
        v.pattern(pattern, &root.key("access_patterns").index(i));
    }
    if let Some(imported) = &model.imported {
        for index in imported.keys.keys().filter(|i| !is_index_name(i)) {
            v.error(
                &root.key("imported").key("keys").key(index),
                format!("'{index}' is not an index name"),
                "use \"table\", or an index name such as \"GSI1\" or \"LSI1\"",
            );
        }
    }
    for name in model.layout.nodes.keys() {
        if model.entity(name).is_none() {
            v.error(
                &root.key("layout").key("nodes").key(name),
                format!("canvas position for unknown entity '{name}'"),
                "remove the position, or rename it to an existing entity",
            );
        }
    }
    v.out
}

struct Validator<'g, 'm> {
    graph: &'g ErGraph<'m>,
    out: Vec<Diagnostic>,
}

impl<'m> Validator<'_, 'm> {
    fn error(&mut self, path: &JsonPath, message: impl Into<String>, hint: impl Into<String>) {
        self.out.push(Diagnostic::semantic(path, message, hint));
    }

    fn table(&mut self, model: &Model, path: &JsonPath) {
        let name = &model.table.name;
        let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
        if !(3..=255).contains(&name.len()) || !valid_chars {
            self.error(
                &path.key("name"),
                format!("'{name}' is not a valid DynamoDB table name"),
                "use 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'",
            );
        }
        self.tags(&model.table.tags, &path.key("tags"));
        self.pinned_projections(model, &path.key("pinned_projections"));
        if let Billing::Provisioned { read_capacity, write_capacity } = model.table.billing {
            if read_capacity == 0 || write_capacity == 0 {
                self.error(
                    &path.key("billing"),
                    "provisioned capacity must be at least 1 read and 1 write unit",
                    "raise read_capacity and write_capacity, or use {\"mode\": \"on_demand\"}",
                );
            }
        }
    }

    fn unique_names(&mut self, model: &Model) {
        let root = JsonPath::root();
        let mut seen: HashMap<&str, JsonPath> = HashMap::new();
        let entities = model.entities.iter().enumerate().map(|(i, e)| (&e.name, root.key("entities").index(i)));
        let rels = model.relationships.iter().enumerate().map(|(i, r)| (&r.name, root.key("relationships").index(i)));
        for (name, path) in entities.chain(rels) {
            if let Some(first) = seen.get(name.as_str()) {
                let msg = format!("the name '{name}' is already used at {first}");
                self.error(&path.key("name"), msg, "entities and relationships need distinct names");
            } else {
                seen.insert(name, path);
            }
        }
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, p) in model.access_patterns.iter().enumerate() {
            if let Some(first) = ids.insert(&p.id, i) {
                let path = root.key("access_patterns").index(i).key("id");
                let msg = format!("the access pattern id '{}' is already used by access_patterns[{first}]", p.id);
                self.error(&path, msg, "give every access pattern its own id");
            }
        }
    }

    fn entity(&mut self, entity: &Entity, path: &JsonPath) {
        let ttl = self.graph.model().table.ttl_attribute.as_deref();
        for (i, a) in entity.attributes.iter().enumerate() {
            if Some(a.name.as_str()) == ttl && a.attr_type != AttrType::Number {
                self.error(
                    &path.key("attributes").index(i).key("type"),
                    format!("'{}' is the table's TTL attribute, so it must be a number (epoch seconds)", a.name),
                    "make it a number, or name another TTL attribute in table.ttl_attribute",
                );
            }
        }
        self.name_is_usable(&entity.name, &path.key("name"));
        self.text(&entity.description, TextKind::Description, &path.key("description"));
        self.attributes(&entity.attributes, &path.key("attributes"));
        let ids = entity.identifier();
        if ids.is_empty() {
            self.error(
                &path.key("attributes"),
                format!("entity '{}' has no identifier", entity.name),
                "mark the attribute(s) that identify one item with \"identifier\": true",
            );
        }
        for (i, a) in entity.attributes.iter().enumerate() {
            if a.identifier && !a.attr_type.is_key_capable() {
                self.error(
                    &path.key("attributes").index(i).key("type"),
                    format!(
                        "identifier '{}' is of type {}, which cannot be part of a key",
                        a.name,
                        spelled(&a.attr_type)
                    ),
                    "identifiers must be string, number or binary",
                );
            }
        }
        let graph = self.graph;
        let knows = |name: &str| graph.resolve_attribute(&entity.name, name).is_some();
        self.pinned(&entity.pinned_keys, &path.key("pinned_keys"), &knows, &entity.attributes);
    }

    fn relationship(&mut self, rel: &Relationship, path: &JsonPath) {
        self.name_is_usable(&rel.name, &path.key("name"));
        self.text(&rel.description, TextKind::Description, &path.key("description"));
        for (end, name) in [("from", &rel.from), ("to", &rel.to)] {
            if self.graph.entity(name).is_none() {
                self.error(
                    &path.key(end),
                    format!("relationship '{}' refers to unknown entity '{name}'", rel.name),
                    self.did_you_mean_entity(name),
                );
            }
        }
        let many_to_many = rel.cardinality == Cardinality::ManyToMany;
        if many_to_many && rel.from == rel.to && rel.to_role.is_none() {
            self.error(
                &path.key("to_role"),
                format!("'{}' joins {} to itself, so its pair items need a name for the other end", rel.name, rel.from),
                "set \"to_role\", e.g. \"friend\"; that end's identifier is then written friend.<attribute>",
            );
        }
        if !many_to_many && rel.from == rel.to && rel.from_role.is_none() {
            self.error(
                &path.key("from_role"),
                format!("'{}' makes one {} the parent of others, so a child needs a name for its parent's identifier", rel.name, rel.from),
                "set \"from_role\", e.g. \"parent\"; a child then carries its parent's identifier under that role's name",
            );
        }
        if let Some(role) = &rel.from_role {
            if many_to_many || rel.from != rel.to {
                self.error(
                    &path.key("from_role"),
                    format!("'{}' is not a one-to-many or one-to-one relationship of an entity with itself, so it has no parent role", rel.name),
                    "remove \"from_role\"; a child of another entity carries its parent's identifier under its own name",
                );
            } else {
                self.parent_role(rel, role, &path.key("from_role"));
            }
        }
        if !many_to_many {
            let extras = [
                ("attributes", !rel.attributes.is_empty()),
                ("expected_count", rel.expected_count.is_some()),
                ("average_item_size", rel.average_item_size.is_some()),
                ("pinned_keys", !rel.pinned_keys.is_empty()),
            ];
            for (field, present) in extras {
                if present {
                    self.error(
                        &path.key(field),
                        format!(
                            "only a many-to-many relationship has {field}; '{}' is {}",
                            rel.name,
                            spelled(&rel.cardinality)
                        ),
                        "move the data to the child entity, or make the relationship many_to_many",
                    );
                }
            }
        }
        self.attributes(&rel.attributes, &path.key("attributes"));
        let graph = self.graph;
        let knows = |name: &str| graph.resolve_attribute(&rel.name, name).is_some();
        self.pinned(&rel.pinned_keys, &path.key("pinned_keys"), &knows, &rel.attributes);
    }

    fn attributes(&mut self, attributes: &[Attribute], path: &JsonPath) {
        let mut seen = HashMap::new();
        for (i, a) in attributes.iter().enumerate() {
            let at = path.index(i);
            if let Some(problem) = crate::edit::attribute_name_problem(&a.name) {
                self.error(&at.key("name"), problem.message, problem.hint);
            }
            self.text(&a.description, TextKind::Description, &at.key("description"));
            if let Some(first) = seen.insert(a.name.as_str(), i) {
                self.error(
                    &at.key("name"),
                    format!("attribute '{}' is already defined at index {first}", a.name),
                    "rename or remove one of the two",
                );
            }
            self.format_fits(a, &at);
            let whole_identifier = a.identifier && attributes.iter().filter(|x| x.identifier).count() == 1;
            let spread =
                a.distribution.as_ref().is_some_and(|d| d.distinct_values.is_some() || d.top_value_share.is_some());
            if spread && (whole_identifier || a.unique) {
                let what = if a.unique { "is unique among" } else { "identifies" };
                self.error(
                    &at.key("distribution"),
                    format!(
                        "'{}' {what} the items: it has as many values as there are items, one item each, so distinct_values and top_value_share cannot say otherwise",
                        a.name
                    ),
                    "remove them (present_share may stay): the load on its values follows from the expected count",
                );
            }
            if let Some(earlier) = &a.after {
                self.date_order(a, earlier, attributes, &at.key("after"));
            }
            if let Some(d) = &a.distribution {
                let shares = [("top_value_share", d.top_value_share), ("present_share", d.present_share)];
                for (field, share) in shares {
                    if share.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
                        self.error(
                            &at.key("distribution").key(field),
                            "a share must be between 0 and 1",
                            "0.12 means 12%",
                        );
                    }
                }
            }
        }
    }

    /// `after` orders two dates of one item: both are dates or timestamps.
    fn date_order(&mut self, a: &Attribute, earlier: &str, attributes: &[Attribute], at: &JsonPath) {
        let dated = |x: &Attribute| matches!(x.format, Some(Format::Date | Format::Timestamp));
        let other = attributes.iter().find(|x| x.name == earlier);
        let problem = match other {
            _ if !dated(a) => Some(format!("'{}' is not a date or timestamp, so it cannot come after one", a.name)),
            None => Some(format!("there is no attribute '{earlier}' to come after")),
            Some(o) if o.name == a.name => Some(format!("'{}' cannot come after itself", a.name)),
            Some(o) if !dated(o) => Some(format!("'{earlier}' is not a date or timestamp")),
            Some(_) => None,
        };
        if let Some(message) = problem {
            self.error(
                at,
                message,
                "name another date or timestamp attribute of the same entity (\"after\": \"loanedAt\")",
            );
        }
    }

    fn format_fits(&mut self, a: &Attribute, path: &JsonPath) {
        let Some(format) = &a.format else { return };
        let fits = match format {
            Format::Money => matches!(a.attr_type, AttrType::Number | AttrType::String),
            Format::Decimal => a.attr_type == AttrType::Number,
            Format::Enum(values) => {
                if values.is_empty() {
                    self.error(
                        &path.key("format").key("enum"),
                        "an enum needs at least one value",
                        "list the allowed values",
                    );
                }
                matches!(a.attr_type, AttrType::String | AttrType::StringSet | AttrType::Number)
            }
            Format::Timestamp | Format::Date => {
                matches!(a.attr_type, AttrType::String | AttrType::Number)
            }
            _ => a.attr_type == AttrType::String,
        };
        if !fits {
            self.error(
                &path.key("format"),
                format!("format {} does not fit type {}", spelled(format), spelled(&a.attr_type)),
                "change the type to string (or number for dates and money), or drop the format",
            );
        }
    }

    fn pinned(
        &mut self,
        pinned: &std::collections::BTreeMap<String, PinnedKey>,
        path: &JsonPath,
        knows: &dyn Fn(&str) -> bool,
        own: &[Attribute],
    ) {
        for (index, key) in pinned {
            if let Some(sparse) = &key.sparse {
                self.pinned_sparse(index, sparse, &path.key(index).key("sparse"), own);
            }
            let at = path.key(index);
            if !is_index_name(index) {
                self.error(
                    &at,
                    format!("'{index}' is not an index name"),
                    "use \"table\", or an index name such as \"GSI1\" or \"LSI1\"",
                );
            }
            for (field, text) in [("partition", &key.partition), ("sort", &key.sort)] {
                let Some(text) = text else { continue };
                match Template::parse(text) {
                    Err(e) => self.error(
                        &at.key(field),
                        format!("bad key template '{text}': {e}"),
                        "write placeholders as {attributeName}",
                    ),
                    Ok(t) => {
                        for attr in t.attributes() {
                            if attr == SHARD {
                                if !(index.starts_with("GSI") && field == "partition") {
                                    self.error(
                                        &at.key(field),
                                        format!("key template '{text}' puts {{{SHARD}}} in {index}'s {field} key"),
                                        "write sharding spreads a GSI's partition key: pin {_shard} in a GSI's \"partition\" only",
                                    );
                                }
                            } else if !knows(attr) {
                                self.error(
                                    &at.key(field),
                                    format!("key template '{text}' names unknown attribute '{attr}'"),
                                    "use an attribute of these items, the identifier of an entity related to them, or {_shard}",
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// A pinned index key written only for some items: a GSI's, on an attribute
    /// of the items themselves that the writers can test.
    fn pinned_sparse(&mut self, index: &str, sparse: &SparseCondition, at: &JsonPath, own: &[Attribute]) {
        if !matches!(IndexName::parse(index), Some(IndexName::Global(_))) {
            self.error(
                at,
                format!("{index}'s key cannot be sparse: only a GSI holds some of the items"),
                "remove \"sparse\", or pin it on a GSI",
            );
            return;
        }
        let shown = crate::escape::visible(&sparse.attribute);
        let Some(attribute) = own.iter().find(|a| a.name == sparse.attribute) else {
            self.error(
                &at.key("attribute"),
                format!("the sparse condition tests '{shown}', which these items do not have"),
                "name one of the items' own attributes",
            );
            return;
        };
        match (sparse.op.as_str(), &sparse.value) {
            ("present", None) if attribute.required => self.error(
                &at.key("attribute"),
                format!("every item has '{shown}' (it is required), so the index would not be sparse"),
                "test an attribute that only some items have, or test its value with \"equals\"",
            ),
            ("present", None) => {}
            ("present", Some(_)) => self.error(
                &at.key("value"),
                "a \"present\" condition has no value",
                "remove \"value\", or make the op \"equals\"",
            ),
            ("equals", None) => self.error(
                at,
                "an \"equals\" condition needs a value",
                format!("add \"value\": the {shown} the index holds"),
            ),
            ("equals", Some(_)) if !matches!(attribute.attr_type, AttrType::String | AttrType::Number) => self.error(
                &at.key("op"),
                format!("'{shown}' is a {}, which no key text is written for", spelled(&attribute.attr_type)),
                "test a string or a number, or test \"present\"",
            ),
            ("equals", Some(value)) if attribute.attr_type == AttrType::Number && value.parse::<f64>().is_err() => self
                .error(
                    &at.key("value"),
                    format!("'{}' is not a number, and '{shown}' is one", crate::escape::visible(value)),
                    "write the number the index holds",
                ),
            ("equals", Some(value)) => {
                if let Some(Format::Enum(values)) = &attribute.format {
                    if !values.contains(value) {
                        self.error(
                            &at.key("value"),
                            format!(
                                "'{}' is not one of {shown}'s values ({})",
                                crate::escape::visible(value),
                                values.join(", ")
                            ),
                            "use one of the values listed",
                        );
                    }
                }
            }
            (op, _) => self.error(
                &at.key("op"),
                format!("'{}' is not a sparse index's condition", crate::escape::visible(op)),
                "use \"equals\" (with a value) or \"present\"",
            ),
        }
        if attribute.identifier {
            self.error(
                &at.key("attribute"),
                format!("every item has its identifier '{shown}', so the index would not be sparse"),
                "test an attribute that only some items have or that has few values",
            );
        }
    }

    fn pattern(&mut self, p: &AccessPattern, path: &JsonPath) {
        if p.id.trim().is_empty() {
            self.error(&path.key("id"), "access pattern without an id", "give it a short id such as \"AP01\"");
        } else if let Some(problem) = crate::edit::pattern_id_problem(&p.id) {
            self.error(&path.key("id"), problem.message, problem.hint);
        }
        self.text(&p.name, TextKind::Label, &path.key("name"));
        self.text(&p.description, TextKind::Description, &path.key("description"));
        if !p.peak_rate.is_finite() || p.peak_rate < 0.0 {
            self.error(
                &path.key("peak_rate"),
                "peak rate must be a number of requests per second, 0 or more",
                "e.g. 25 or 0.5",
            );
        } else if p.peak_rate > MAX_PEAK_RATE {
            self.error(
                &path.key("peak_rate"),
                format!("a peak rate of {} requests a second is beyond any DynamoDB table", p.peak_rate),
                "give requests per second at the busiest moment (at most a billion)",
            );
        }
        if p.limit == Some(0) {
            self.error(&path.key("limit"), "a limit of 0 returns nothing", "remove the limit or make it 1 or more");
        }
        if !self.target_exists(&p.entity) {
            self.error(
                &path.key("entity"),
                format!("access pattern '{}' targets unknown entity '{}'", p.id, p.entity),
                self.did_you_mean_entity(&p.entity),
            );
            return;
        }
        for (i, with) in p.with.iter().enumerate() {
            let at = path.key("with").index(i);
            let related = self.graph.relationships_of(&p.entity).iter().any(|r| {
                let other_end = if r.from == p.entity { &r.to } else { &r.from };
                other_end == with
            });
            if with == &p.entity {
                self.error(
                    &at,
                    format!("'{}' cannot be fetched with itself", p.entity),
                    format!(
                        "{} related to another {} (a manager's reports) needs a read of its own, by the identifier it carries",
                        crate::words::with_article(&p.entity),
                        p.entity
                    ),
                );
            } else if self.graph.entity(with).is_none() || !related {
                self.error(
                    &at,
                    format!("'{with}' is not an entity related to '{}'", p.entity),
                    "name an entity connected to the target by a relationship",
                );
            } else if p.with[..i].contains(with) {
                self.error(&at, format!("'{with}' is listed twice in 'with'"), "list each related entity once");
            }
        }
        self.relationship_followed(p, path);
        for (i, input) in p.inputs.iter().enumerate() {
            self.key_input(p, input, &path.key("inputs").index(i));
            if p.inputs[..i].contains(input) {
                self.error(
                    &path.key("inputs").index(i),
                    format!("input '{input}' is listed twice"),
                    "list each input once",
                );
            }
        }
        self.range(p, path);
        self.ordering(p, path);
        self.filter(p, path);
        self.returns(p, path);
        if p.strongly_consistent && p.kind.is_write() {
            self.error(
                &path.key("strongly_consistent"),
                "only reads have a consistency",
                "remove strongly_consistent from this write",
            );
        }
        self.kind_fields(p, path);
    }

    fn kind_fields(&mut self, p: &AccessPattern, path: &JsonPath) {
        let is_tx = p.kind == PatternKind::Transaction;
        if is_tx && p.steps.is_empty() {
            self.error(
                &path.key("steps"),
                "a transaction needs at least one step",
                "add the puts, updates and condition checks it makes",
            );
        }
        if !is_tx && !p.steps.is_empty() {
            self.error(
                &path.key("steps"),
                "only a transaction has steps",
                "set \"kind\": \"transaction\", or remove the steps",
            );
        }
        let most = most_actions(p.steps.iter().map(|s| s.for_each.as_ref()));
        if most > 100 {
            let repeated = p.steps.iter().any(|s| s.for_each.is_some());
            self.error(
                &path.key("steps"),
                format!("TransactWriteItems takes at most 100 actions; these steps make up to {most}"),
                if repeated {
                    "lower the repeated steps' at_most (the application then caps its lists), or split the transaction"
                } else {
                    "split the transaction"
                },
            );
        }
        for (i, step) in p.steps.iter().enumerate() {
            let at = path.key("steps").index(i);
            self.text(&step.description, TextKind::Description, &at.key("description"));
            if let Some(each) = &step.for_each {
                self.for_each(each, p, i, &at.key("for_each"));
                let compared = step.conditions.iter().flat_map(|c| c.tests()).find_map(|t| t.input.as_deref());
                if let (StepAction::Put, Some(input)) = (step.action, compared) {
                    self.error(
                        &at.key("conditions"),
                        format!("a put repeated per element compares with the input '{input}', but its elements are the items"),
                        "compare with the stored item's own attributes only, or put the items in steps of their own",
                    );
                }
            }
            if !self.target_exists(&step.entity) {
                self.error(
                    &at.key("entity"),
                    format!("step writes unknown entity '{}'", step.entity),
                    self.did_you_mean_entity(&step.entity),
                );
                continue;
            }
            self.conditions(&step.entity, &step.conditions, &at.key("conditions"));
            self.updates(&step.entity, &step.updates, step.action == StepAction::Put, &at.key("updates"));
            if matches!(step.action, StepAction::Delete | StepAction::ConditionCheck) && !step.updates.is_empty() {
                self.error(
                    &at.key("updates"),
                    "only an update or a put step has updates",
                    "set \"action\": \"update\", or remove the updates",
                );
            }
        }
        let single_write = matches!(p.kind, PatternKind::Put | PatternKind::Update | PatternKind::Delete);
        if !single_write && !p.conditions.is_empty() {
            self.error(
                &path.key("conditions"),
                "only a put, update or delete has conditions here",
                "put conditions of a transaction on its steps",
            );
        }
        if !matches!(p.kind, PatternKind::Update | PatternKind::Put) && !p.updates.is_empty() {
            self.error(
                &path.key("updates"),
                "only an update or a put pattern has updates",
                "set \"kind\": \"update\", or remove the updates",
            );
        }
        self.conditions(&p.entity, &p.conditions, &path.key("conditions"));
        self.updates(&p.entity, &p.updates, p.kind == PatternKind::Put, &path.key("updates"));
        match (&p.retention, p.kind == PatternKind::Expire) {
            (None, true) => self.error(
                &path.key("kind"),
                "an expire pattern needs a retention",
                "add \"retention\": {\"attribute\": \"date\", \"days\": 2555}",
            ),
            (Some(_), false) => self.error(
                &path.key("retention"),
                "only an expire pattern has a retention",
                "set \"kind\": \"expire\", or remove the retention",
            ),
            (Some(r), true) => {
                if r.days == 0 {
                    self.error(
                        &path.key("retention").key("days"),
                        "a retention of 0 days expires every item as it is written",
                        "keep the items at least a day: \"days\": 1 or more",
                    );
                }
                let at = path.key("retention").key("attribute");
                if let Some(a) = self.attribute_named(&p.entity, &r.attribute, &at) {
                    if !a.format.as_ref().is_some_and(Format::is_time_ordered) {
                        self.error(
                            &at,
                            format!("'{}' is not a date or timestamp", r.attribute),
                            "retention counts from a date, timestamp or ULID attribute",
                        );
                    }
                }
                if self.graph.model().table.ttl_attribute.is_none() {
                    self.error(
                        &path.key("kind"),
                        "expiring items needs the table's TTL attribute",
                        "set table.ttl_attribute, e.g. \"expiresAt\"",
                    );
                }
            }
            (None, false) => {}
        }
    }

    fn conditions(&mut self, target: &str, conditions: &[WriteCondition], path: &JsonPath) {
        for (i, c) in conditions.iter().enumerate() {
            self.clause(c, &path.index(i), "condition", &mut |v, c, at| v.condition(target, c, at));
        }
    }

    fn condition(&mut self, target: &str, c: &Condition, at: &JsonPath) {
        let mut attribute = None;
        if let Some(attr) = &c.attribute {
            attribute = self.attribute_named(target, attr, &at.key("attribute"));
            let ordered =
                !matches!(c.op, ConditionOp::Exists | ConditionOp::NotExists | ConditionOp::Eq | ConditionOp::Ne);
            if let Some(a) = attribute.filter(|a| ordered && !a.attr_type.is_key_capable()) {
                self.error(
                    &at.key("op"),
                    format!("'{}' is {}, which has no order to compare", a.name, spelled(&a.attr_type)),
                    "compare a string, number or binary attribute",
                );
            }
        } else if c.op.needs_input() {
            self.error(
                &at.key("attribute"),
                "a comparison needs the attribute it compares",
                "name the attribute, e.g. \"balance\"",
            );
        }
        if let Some(other) = &c.other_attribute {
            self.other_attribute(target, c, other, attribute, at);
            return;
        }
        let rule = OperandRule {
            what: "condition",
            needed: c.op.needs_input(),
            missing: "a comparison needs an input, a value fixed in the model, or another attribute",
            give: "name the request parameter (\"input\": \"amount\"), give the value (\"value\": \"paid\"), or name another attribute of the item (\"other_attribute\": \"capacity\")",
            unwanted: "exists and not_exists compare with nothing",
        };
        self.operand(&rule, c.input.as_deref(), c.value.as_deref(), attribute, at);
    }

    /// A comparison with another attribute of the item: the only operand, of
    /// the attribute's own type (DynamoDB compares no string with a number).
    fn other_attribute(
        &mut self,
        target: &str,
        c: &Condition,
        other: &str,
        attribute: Option<&Attribute>,
        at: &JsonPath,
    ) {
        let path = at.key("other_attribute");
        if !c.op.needs_input() {
            self.error(&path, "exists and not_exists compare with nothing", "drop \"other_attribute\"");
            return;
        }
        if c.input.is_some() || c.value.is_some() {
            self.error(
                &path,
                "the condition has an \"other_attribute\" beside an \"input\" or a \"value\"",
                "keep the one operand the attribute is compared with",
            );
        }
        if c.attribute.as_deref() == Some(other) {
            self.error(&path, format!("'{other}' is compared with itself"), "name another attribute of the item");
            return;
        }
        let Some(compared) = self.attribute_named(target, other, &path) else { return };
        if !self.graph.carries(target, other) {
            self.error(
                &path,
                format!(
                    "'{target}' items do not hold '{other}': a condition compares attributes of the item it writes"
                ),
                format!("name an attribute {target}'s items hold"),
            );
            return;
        }
        if let Some(a) = attribute.filter(|a| a.attr_type != compared.attr_type) {
            self.error(
                &path,
                format!(
                    "'{}' is {} and '{other}' is {}: DynamoDB compares only values of one type",
                    a.name,
                    spelled(&a.attr_type),
                    spelled(&compared.attr_type)
                ),
                "compare two attributes of the same type",
            );
        }
    }

    /// A write's operand: the request's `input` or a `value` fixed in the
    /// model, exactly one where the rule needs one and none where it does not.
    fn operand(
        &mut self,
        rule: &OperandRule<'_>,
        input: Option<&str>,
        value: Option<&str>,
        attribute: Option<&Attribute>,
        at: &JsonPath,
    ) {
        match (rule.needed, input, value) {
            (true, None, None) => self.error(&at.key("input"), rule.missing, rule.give),
            (true, Some(_), Some(_)) => self.error(
                &at.key("value"),
                format!("the {} has both an \"input\" and a \"value\"", rule.what),
                "keep \"value\" for a value fixed in the model, or \"input\" for one the request gives",
            ),
            (false, Some(_), _) | (false, _, Some(_)) => self.error(
                &at.key(if input.is_some() { "input" } else { "value" }),
                rule.unwanted,
                "drop \"input\" and \"value\"",
            ),
            (true, None, Some(value)) => {
                if let Some(a) = attribute {
                    self.fixed_value(a, value, &at.key("value"));
                }
            }
            (true, Some(input), None) => {
                self.request_name(input, &at.key("input"));
            }
            (false, None, None) => {}
        }
    }

    /// A value fixed in a write's condition or update: a scalar that the
    /// attribute can hold (a set, a list or a map is given by the request).
    fn fixed_value(&mut self, a: &Attribute, value: &str, at: &JsonPath) {
        let enumerated = match &a.format {
            Some(Format::Enum(values)) => Some(values),
            _ => None,
        };
        match a.attr_type {
            AttrType::String | AttrType::Number | AttrType::Boolean => self.value_fits(
                at,
                value,
                &a.name,
                a.attr_type == AttrType::Number,
                a.attr_type == AttrType::Boolean,
                enumerated,
            ),
            other => self.error(
                at,
                format!(
                    "'{}' is {}: a value fixed in the model is a string, a number or a boolean",
                    a.name,
                    spelled(&other)
                ),
                "give it as an \"input\" the request carries",
            ),
        }
    }

    /// A repeated step's list: a name of its own, and counts that make sense.
    fn for_each(&mut self, each: &ForEach, p: &AccessPattern, step: usize, path: &JsonPath) {
        let identifier = each.list.starts_with(|c: char| c.is_ascii_alphabetic())
            && each.list.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !identifier {
            self.error(
                &path.key("list"),
                format!("'{}' cannot name a list the request carries", crate::escape::visible(&each.list)),
                "use letters, digits and '_', starting with a letter: it becomes a parameter of the generated code",
            );
        }
        if self.names_a_value(p, &each.list) {
            self.error(
                &path.key("list"),
                format!("'{}' already names an attribute or an input", each.list),
                "name the list for what it holds (lines, reservations), apart from the values its elements give",
            );
        }
        if p.steps[..step].iter().filter_map(|s| s.for_each.as_ref()).any(|e| e.list == each.list) {
            self.error(
                &path.key("list"),
                format!("another step already repeats over '{}'", each.list),
                "give each repeated step a list of its own (an element holds one action's values)",
            );
        }
        if each.at_most == 0 {
            self.error(&path.key("at_most"), "a list of at most 0 elements repeats nothing", "make at_most 1 or more");
        }
        if let Some(typical) = each.typical {
            if typical == 0 || typical > each.at_most {
                self.error(
                    &path.key("typical"),
                    format!("typical must be from 1 to at_most ({}), not {typical}", each.at_most),
                    "give the number of elements in a usual request",
                );
            }
        }
    }

    /// Whether `name` is an attribute of the model or an input of the pattern: the
    /// generated code would take two parameters of that name.
    fn names_a_value(&self, p: &AccessPattern, name: &str) -> bool {
        let model = self.graph.model();
        let attributes = model
            .entities
            .iter()
            .flat_map(|e| &e.attributes)
            .chain(model.relationships.iter().flat_map(|r| &r.attributes));
        let conditions = p.steps.iter().flat_map(|s| &s.conditions).flat_map(|c| c.tests());
        let updates = p.steps.iter().flat_map(|s| &s.updates);
        // A put sent once takes its item as a parameter named for its entity.
        let items = p.steps.iter().filter(|s| s.action == StepAction::Put && s.for_each.is_none()).map(|s| {
            let mut chars = s.entity.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect::<String>()).unwrap_or_default() + "Item"
        });
        attributes.map(|a| a.name.as_str()).any(|a| a == name)
            || items.into_iter().any(|i| i == name)
            || p.inputs.iter().any(|i| i == name)
            || conditions.filter_map(|c| c.input.as_deref()).any(|i| i == name)
            || updates.filter_map(|u| u.input.as_deref()).any(|i| i == name)
    }

    /// A put's updates fix values of the item it writes (a new loan is ACTIVE):
    /// each sets a value written in the model; the caller's item gives the rest.
    fn updates(&mut self, target: &str, updates: &[Update], put: bool, path: &JsonPath) {
        for (i, u) in updates.iter().enumerate() {
            let at = path.index(i);
            if put && (u.action != UpdateAction::Set || u.value.is_none()) {
                self.error(
                    &at,
                    format!("a put's update of '{}' must set a value fixed in the model", u.attribute),
                    "give \"action\": \"set\" and the \"value\" every new item holds; the item put carries the other values",
                );
                continue;
            }
            let attribute = self.attribute_named(target, &u.attribute, &at.key("attribute"));
            if put && attribute.is_some() && !self.own_attribute(target, &u.attribute) {
                self.error(
                    &at.key("attribute"),
                    format!("'{}' is another entity's identifier, which the item put carries", u.attribute),
                    "fix only the item's own attributes; the item put gives which one it belongs to",
                );
                continue;
            }
            if updates[..i].iter().any(|earlier| earlier.attribute == u.attribute) {
                self.error(
                    &at.key("attribute"),
                    format!("'{}' is updated twice; DynamoDB refuses an update whose paths overlap", u.attribute),
                    "keep one update of it",
                );
            }
            if let Some(a) = attribute {
                // By the name the update writes: `manager.employeeId` is the
                // manager's identifier, carried, not the item's own.
                if a.identifier && self.identifies(target, &u.attribute) {
                    let (what, fix) = if put {
                        ("a put that fixes it writes every item at one key", "let the item put give it")
                    } else {
                        ("an update cannot change an item's key", "delete the item and put a new one, in a transaction")
                    };
                    self.error(&at.key("attribute"), format!("'{}' identifies the item, and {what}", u.attribute), fix);
                }
                if u.action == UpdateAction::Add
                    && !matches!(a.attr_type, AttrType::Number | AttrType::StringSet | AttrType::NumberSet)
                {
                    self.error(
                        &at.key("action"),
                        format!("'add' needs a number or set; '{}' is {}", a.name, spelled(&a.attr_type)),
                        "use \"set\"",
                    );
                }
            }
            let rule = OperandRule {
                what: "update",
                needed: u.action != UpdateAction::Remove,
                missing: "set and add need an input, or a value fixed in the model",
                give: "name the request parameter (\"input\": \"amount\"), or give the value (\"value\": \"paid\")",
                unwanted: "remove takes no value",
            };
            self.operand(&rule, u.input.as_deref(), u.value.as_deref(), attribute, &at);
        }
    }

    fn range(&mut self, p: &AccessPattern, path: &JsonPath) {
        let Some(range) = &p.range else { return };
        let at = path.key("range");
        let Some(a) = self.attribute_named(&p.entity, &range.attribute, &at.key("attribute")) else {
            return;
        };
        if a.attr_type.is_set() {
            self.error(
                &at.key("attribute"),
                format!("range condition on set '{}'", a.name),
                "a range needs a sorted scalar: use a string, number or binary attribute",
            );
        } else if !a.attr_type.is_key_capable() {
            self.error(
                &at.key("attribute"),
                format!("range condition on '{}' of type {}", a.name, spelled(&a.attr_type)),
                "a range needs a string, number or binary attribute",
            );
        } else if range.op == RangeOp::BeginsWith && a.attr_type == AttrType::Number {
            self.error(
                &at.key("op"),
                format!("begins_with on number '{}'", a.name),
                "use between, or store the value as a string",
            );
        }
        if p.kind != PatternKind::ReadMany && p.kind != PatternKind::ReadOne {
            self.error(&at, "only reads have a range condition", "remove the range from this write");
        }
        // An input is an exact value, so the range would never be asked.
        if let Some(i) = p.inputs.iter().position(|input| *input == range.attribute) {
            self.error(
                &path.key("inputs").index(i),
                format!("'{}' is both an input (an exact value) and the range's attribute", range.attribute),
                format!("remove '{}' from inputs: the range takes its bounds from the request", range.attribute),
            );
        }
    }

    fn ordering(&mut self, p: &AccessPattern, path: &JsonPath) {
        let Some(order) = &p.order else { return };
        let at = path.key("order").key("attribute");
        if let Some(a) = self.attribute_named(&p.entity, &order.attribute, &at) {
            if !a.attr_type.is_key_capable() {
                self.error(
                    &at,
                    format!("cannot sort by '{}' of type {}", a.name, spelled(&a.attr_type)),
                    "sort by a string, number or binary attribute",
                );
            }
        }
        if let Some(range) = p.range.as_ref().filter(|r| r.attribute != order.attribute) {
            self.error(
                &at,
                format!("results sorted by '{}' but the range is on '{}'", order.attribute, range.attribute),
                "a Query sorts by its sort key only: order by the range's attribute",
            );
        }
        if !p.kind.is_read() {
            self.error(&path.key("order"), "only reads have an order", "remove the order from this write");
        }
    }

    /// A read whose inputs identify an entity related to its target in more than one
    /// way must say which way (`via`): the answers differ, and choosing would be a guess.
    fn relationship_followed(&mut self, p: &AccessPattern, path: &JsonPath) {
        let reaching = self.graph.relationships_reaching(p);
        let paths: Vec<String> = self.graph.ancestor_paths(p).iter().map(|path| path_name(path)).collect();
        let names: Vec<&str> =
            reaching.iter().map(|r| r.name.as_str()).chain(paths.iter().map(String::as_str)).collect();
        let Some(via) = &p.via else {
            if p.kind.is_read() && names.len() > 1 {
                let choices: Vec<String> = names.iter().map(|n| format!("\"via\": \"{n}\"")).collect();
                let ways = if reaching.is_empty() { "paths of relationships" } else { "relationships" };
                self.error(
                    &path.key("inputs"),
                    format!(
                        "{} reaches '{}' from {} through {} {ways} ({}), and each gives a different answer",
                        p.id,
                        p.entity,
                        p.inputs.join(", "),
                        names.len(),
                        names.join(", ")
                    ),
                    format!("say which one it follows: {}", choices.join(" or ")),
                );
            }
            return;
        };
        let at = path.key("via");
        if !p.kind.is_read() {
            self.error(&at, "only reads follow a relationship", "remove \"via\" from this write");
        } else if self.graph.relationship(via).is_none() && !names.contains(&via.as_str()) {
            let problem = match via.contains('.') {
                true => format!("there is no path of relationships '{via}' down to '{}'", p.entity),
                false => format!("there is no relationship '{via}'"),
            };
            self.error(&at, problem, relationship_hint(&names));
        } else if !names.contains(&via.as_str()) {
            self.error(
                &at,
                format!(
                    "'{via}' does not lead from what {}'s inputs ({}) identify to '{}'",
                    p.id,
                    p.inputs.join(", "),
                    p.entity
                ),
                relationship_hint(&names),
            );
        }
    }

    fn key_input(&mut self, p: &AccessPattern, input: &str, path: &JsonPath) {
        // A read may start from an ancestor further up, when its inputs lead down
        // from it; a write, which names its own item, is told below that its items
        // do not hold it.
        let nearby = self.graph.resolve_attribute(&p.entity, input);
        let found = match (nearby, self.graph.resolve_input(&p.entity, input)) {
            (Some(a), _) => Some(a),
            (None, Some(a)) if !p.kind.is_read() || !self.graph.ancestor_paths(p).is_empty() => Some(a),
            (None, Some(_)) => {
                self.error(
                    path,
                    format!(
                        "input '{input}' identifies an ancestor of '{}' further up, and {}'s other inputs do not lead down from it",
                        p.entity, p.id
                    ),
                    "a read from an ancestor gives its identifier and the target's own attributes only",
                );
                None
            }
            (None, None) => self.attribute_named(&p.entity, input, path),
        };
        if let Some(a) = found {
            if p.kind.is_write() && !self.graph.carries(&p.entity, input) {
                let owner = self.graph.relationships_of(&p.entity).into_iter().find_map(|r| {
                    let other = if r.from == p.entity { &r.to } else { &r.from };
                    self.graph.entity(other)?.attribute(input).filter(|a| a.identifier).map(|_| other.clone())
                });
                self.error(
                    path,
                    format!(
                        "input '{input}' identifies {}, which '{}' items do not hold: a write changes one {} item, \
                         found by its own key",
                        owner.map_or_else(|| "a related entity".to_string(), |o| format!("'{o}'")),
                        p.entity,
                        p.entity
                    ),
                    format!(
                        "give only what '{}' items hold (its own attributes, its parent's identifier); \
                         to write the related item, make it the pattern's entity",
                        p.entity
                    ),
                );
            } else if !a.attr_type.is_key_capable() && !a.attr_type.is_set() {
                self.error(
                    path,
                    format!("input '{input}' is of type {}, which cannot be matched in a key", spelled(&a.attr_type)),
                    "inputs must be string, number or binary attributes",
                );
            } else if a.attr_type.is_set() {
                self.error(
                    path,
                    format!("input '{input}' is a set, which cannot be matched in a key"),
                    "match one element by modeling it as a string attribute",
                );
            }
        }
    }

    fn attribute_named(&mut self, target: &str, name: &str, path: &JsonPath) -> Option<&'m Attribute> {
        let found = self.graph.resolve_attribute(target, name);
        if found.is_none() {
            let known = self.attribute_names(target);
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            // The identifier of an entity `target` is not related to: the
            // relationship is what is missing.
            let related =
                |other: &str| self.graph.relationships_of(target).iter().any(|r| r.from == other || r.to == other);
            let unrelated = self
                .graph
                .model()
                .entities
                .iter()
                .find(|e| e.name != target && e.identified_by_alone(name) && !related(&e.name));
            let hint = match (closest(name, &known), unrelated) {
                (Some(close), _) => format!("did you mean '{close}'?"),
                (None, Some(owner)) => format!(
                    "'{name}' identifies {}, and no relationship links {} to {target}: add one (from {} to {target}) so that {target}'s items carry it, or name one of the attributes {target} has or reaches through its relationships ({})",
                    owner.name,
                    owner.name,
                    owner.name,
                    known.join(", ")
                ),
                (None, None) => format!(
                    "name one of the attributes {target} has or reaches through its relationships ({})",
                    known.join(", ")
                ),
            };
            self.error(path, format!("'{target}' has no attribute '{name}'"), hint);
        }
        found
    }

    /// The attributes a test or key of `target` may name, as `resolve_attribute`
    /// finds them: an entity's own, its parent role's (`managerEmployeeId`) and its
    /// related entities' identifiers; a relationship's own and its ends'
    /// identifiers, the `to` end's by its role (`friend.playerId`).
    fn attribute_names(&self, target: &str) -> Vec<String> {
        let ids = |entity: &str| -> Vec<&'m str> {
            self.graph
                .entity(entity)
                .map(|e| e.identifier().iter().map(|a| a.name.as_str()).collect())
                .unwrap_or_default()
        };
        let mut names: Vec<String> = match (self.graph.entity(target), self.graph.relationship(target)) {
            (Some(entity), _) => {
                let mut names: Vec<String> = entity.attributes.iter().map(|a| a.name.clone()).collect();
                for r in self.graph.relationships_of(target) {
                    let other = if r.from == target { &r.to } else { &r.from };
                    names.extend(ids(other).iter().map(|id| id.to_string()));
                    if r.from == r.to {
                        names.extend(ids(target).iter().filter_map(|id| r.parent_attribute(id)));
                    }
                }
                names
            }
            (None, Some(rel)) => rel
                .attributes
                .iter()
                .map(|a| a.name.clone())
                .chain(ids(&rel.from).iter().map(|id| id.to_string()))
                .chain(ids(&rel.to).iter().map(|id| rel.to_end_attribute(id)))
                .collect(),
            (None, None) => Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.clone()) && self.graph.resolve_attribute(target, n).is_some());
        names
    }

    /// Whether `attr` is part of the identifier of `target`'s own items (for a pair
    /// item, either end's identifier), not merely a related entity's identifier.
    /// Whether `attr` is the target's own: the entity's, or the pair's data.
    fn own_attribute(&self, target: &str, attr: &str) -> bool {
        match self.graph.entity(target) {
            Some(entity) => entity.attribute(attr).is_some(),
            None => self.graph.relationship(target).is_some_and(|r| r.attributes.iter().any(|a| a.name == attr)),
        }
    }

    fn identifies(&self, target: &str, attr: &str) -> bool {
        match self.graph.entity(target) {
            Some(entity) => entity.attribute(attr).is_some_and(|a| a.identifier),
            None => self.graph.relationship(target).is_some_and(|r| r.attributes.iter().all(|a| a.name != attr)),
        }
    }

    fn target_exists(&self, name: &str) -> bool {
        self.graph.entity(name).is_some()
            || self.graph.relationship(name).is_some_and(|r| r.cardinality == Cardinality::ManyToMany)
    }

    fn text(&mut self, text: &str, kind: TextKind, path: &JsonPath) {
        let problem = match kind {
            TextKind::Label => crate::edit::label_problem(text),
            TextKind::Description => crate::edit::description_problem(text),
        };
        if let Some(problem) = problem {
            self.error(path, problem.message, problem.hint);
        }
    }

    /// A pinned projection names a secondary index (GSI1, LSI2) and, for INCLUDE,
    /// attributes the model's items have (or the type attribute that tells them apart).
    fn pinned_projections(&mut self, model: &Model, path: &JsonPath) {
        for (index, projection) in &model.table.pinned_projections {
            let at = path.key(index);
            if index == "table" || !is_index_name(index) {
                self.error(
                    &at,
                    format!("'{}' is not a secondary index's name", crate::escape::visible(index)),
                    "name an index as the design does: GSI1, GSI2, ... or LSI1, ...",
                );
            }
            let Projection::Include(attributes) = projection else { continue };
            if attributes.is_empty() {
                self.error(
                    &at.key("INCLUDE"),
                    "an INCLUDE projection names no attribute",
                    "list the attributes to project, or pin KEYS_ONLY",
                );
            }
            for (i, a) in attributes.iter().enumerate() {
                let shown = crate::escape::visible(a);
                if !model.names_attribute(a) {
                    self.error(
                        &at.key("INCLUDE").index(i),
                        format!("no entity or relationship has an attribute '{shown}' to project"),
                        "name an attribute of the items the index holds",
                    );
                } else if attributes[..i].contains(a) {
                    self.error(
                        &at.key("INCLUDE").index(i),
                        format!("'{shown}' is listed twice"),
                        "list each attribute once: DynamoDB refuses a projection that repeats one",
                    );
                }
            }
        }
        let named: usize = model.table.pinned_projections.values().map(|p| p.included().len()).sum();
        if named > PROJECTED_ATTRIBUTES_LIMIT {
            self.error(
                path,
                format!("the pinned INCLUDE projections name {named} attributes in all; DynamoDB allows {PROJECTED_ATTRIBUTES_LIMIT} across a table's indexes"),
                "pin ALL for the index whose list is longest, or shorten the lists",
            );
        }
    }

    /// AWS's limits on tags: the export or deploy would fail on anything else.
    fn tags(&mut self, tags: &std::collections::BTreeMap<String, String>, path: &JsonPath) {
        let allowed = |c: char| {
            c.is_alphanumeric() || (c.is_whitespace() && !crate::escape::is_hidden(c)) || "_.:/=+-@".contains(c)
        };
        for (key, value) in tags {
            let at = path.key(key);
            let shown = crate::escape::visible(key);
            if key.is_empty() || key.chars().count() > 128 || !key.chars().all(allowed) {
                self.error(
                    &at,
                    format!("'{shown}' is not a valid tag key"),
                    "use 1 to 128 letters, digits, spaces and _ . : / = + - @",
                );
            } else if key.to_ascii_lowercase().starts_with("aws:") {
                self.error(
                    &at,
                    format!("the tag key '{shown}' starts with 'aws:', which AWS keeps for itself"),
                    "choose another key",
                );
            }
            if value.chars().count() > 256 || !value.chars().all(allowed) {
                self.error(
                    &at,
                    format!("the value of tag '{shown}' is not a valid tag value: '{}'", crate::escape::visible(value)),
                    "use up to 256 letters, digits, spaces and _ . : / = + - @",
                );
            }
        }
    }

    /// A parent role names an attribute of the children (`manager` →
    /// `managerEmployeeId`): a word that expressions can name, and no attribute the
    /// entity declares.
    fn parent_role(&mut self, rel: &Relationship, role: &str, path: &JsonPath) {
        let word = role.starts_with(|c: char| c.is_ascii_alphabetic())
            && role.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !word {
            self.error(
                path,
                format!("the parent role '{role}' of '{}' is not a word of letters, digits and _", rel.name),
                "name the parent's part in one word, e.g. \"manager\"",
            );
            return;
        }
        let Some(entity) = self.graph.entity(&rel.from) else { return };
        let ids = entity.identifier();
        let [id] = ids.as_slice() else {
            self.error(
                path,
                format!(
                    "{} is identified by several attributes, so a child cannot carry its parent in one",
                    entity.name
                ),
                "remove \"from_role\" and keep the parent's identifier as attributes of the child",
            );
            return;
        };
        let carried = rel.parent_attribute(&id.name).unwrap_or_default();
        // What else the items may hold under that name: a declared attribute, a
        // related entity's identifier, or another hierarchy's parent.
        let related = self.graph.relationships_of(&entity.name).into_iter().filter(|r| r.name != rel.name).find(|r| {
            let other = if r.from == entity.name { &r.to } else { &r.from };
            let ids = self.graph.entity(other).map(|o| o.identifier()).unwrap_or_default();
            ids.iter().any(|o| r.parent_attribute(&o.name).as_deref() == Some(carried.as_str()) || o.name == carried)
        });
        let clash = match (entity.attribute(&carried), related) {
            (Some(_), _) => Some(format!("{} declares {carried}", entity.name)),
            (None, Some(r)) => Some(format!("'{}' gives {} items {carried} too", r.name, entity.name)),
            (None, None) => None,
        };
        if let Some(clash) = clash {
            self.error(
                path,
                format!("{clash}, which the parent role '{role}' of '{}' names", rel.name),
                format!("choose another role, or remove the attribute {carried} where the other one comes from"),
            );
        }
    }

    fn name_is_usable(&mut self, name: &str, path: &JsonPath) {
        if let Some(problem) = crate::edit::name_problem(name) {
            self.error(path, problem.message, problem.hint);
        }
    }

    fn did_you_mean_entity(&self, name: &str) -> String {
        let names: Vec<&str> = self.graph.model().entities.iter().map(|e| e.name.as_str()).collect();
        match closest(name, &names) {
            Some(e) => format!("did you mean '{e}'?"),
            None => format!("known entities: {}", names.join(", ")),
        }
    }
}

/// The known name `name` is most likely a misspelling of: the same but for case,
/// else the nearest within two edits (and fewer than half its letters).
fn closest<'n>(name: &str, known: &[&'n str]) -> Option<&'n str> {
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(same);
    }
    let lower = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&lower, &k.to_lowercase()), *k))
        .filter(|(distance, _)| *distance <= 2 && *distance * 2 < name.chars().count())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Requests a second above which a rate is a mistake (a unit, a typo), not a load:
/// far above any table's quota, and low enough that every cost stays finite.
const MAX_PEAK_RATE: f64 = 1e9;

/// What a free text of the model may hold.
#[derive(Clone, Copy)]
enum TextKind {
    /// One line: the model's or a pattern's name.
    Label,
    /// Several lines.
    Description,
}

/// A value as the model file spells it (`boolean`, `string_set`, `one_to_many`,
/// `enum` for an enum format), not as Rust's Debug does (`Boolean`, `StringSet`).
fn relationship_hint(names: &[&str]) -> String {
    match names {
        [] => "remove \"via\": the inputs are the target's own attributes or identify no related entity".to_string(),
        _ => format!("name one of {}", names.join(", ")),
    }
}

fn spelled<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Object(map)) => map.keys().next().cloned().unwrap_or_default(),
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// "table", or a GSI or LSI name such as "GSI1", "LSI2".
pub fn is_index_name(name: &str) -> bool {
    IndexName::parse(name).is_some()
}
