//! Test support: valid, realistic Tablewright models, generated deterministically
//! from a seed, for property tests and benchmarks.
//!
//! A generated model has entities with string identifiers (some composite: the
//! parent's identifier and a number), attributes of several types and formats,
//! expected counts and sizes; one-to-many relationships forming a forest (a child
//! carries its parent's identifier implicitly), a few many-to-many relationships
//! with data (now and then one from an entity to itself, with a `to_role`); and a
//! mix of access patterns: reads by identifier, children by their parent, unique
//! and low-cardinality attributes, rare filters (sparse indexes), a parent with its
//! children, pair items by either end, a parent by its child's identifier, and
//! conditional puts, updates, deletes, transactions and TTL expiry.
//!
//! `generate(e, k, seed)` is a pure function of its arguments and runs in time
//! linear in `e * k`. Every model it makes passes `validate`.

use std::collections::BTreeMap;
use std::collections::HashSet;

use tablewright_engine::model::{
    AccessPattern, AttrType, Attribute, Billing, Cardinality, Clause, Condition, ConditionOp, Distribution, Entity,
    Filter, FilterOp, FilterTest, Format, Layout, Model, Order, Ordering, PatternKind, Position, RangeCondition,
    RangeOp, Relationship, Retention, StepAction, StreamViewType, TableSettings, TransactionStep, Update, UpdateAction,
    FORMAT,
};
use tablewright_engine::words::with_article;

/// The table's TTL attribute, set when some pattern expires items.
pub const TTL_ATTRIBUTE: &str = "expiresAt";

/// splitmix64: tiny, fast, deterministic, and good enough to pick shapes with.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below((hi - lo + 1) as usize) as u64
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A float between `lo` and `hi`, spread evenly over the orders of magnitude.
    pub fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp()
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NOUNS: &[&str] = &[
    "Customer", "Account", "Order", "Invoice", "Product", "Shipment", "Ticket", "Project", "Task", "Comment", "Device",
    "Reading", "Store", "Employee", "Vendor", "Payment", "Review", "Playlist", "Track", "Course", "Lesson", "Booking",
    "Room", "Vehicle", "Trip", "Sensor", "Alert", "Policy", "Claim", "Article",
];

const ROLES: &[&str] = &["friend", "peer", "follower", "mentor", "referrer"];

const STATUSES: &[&str] = &["active", "pending", "closed", "archived"];

/// What the generator knows of one entity while it builds the patterns.
struct Shape {
    name: String,
    /// Identifier attributes, in order; a composite one starts with the parent's.
    id: Vec<String>,
    /// `(relationship, parent)`: the one-to-many relationship to the parent.
    parent: Option<usize>,
    children: Vec<usize>,
    /// Many-to-many relationships with this entity at either end.
    pairs: Vec<usize>,
    /// The date or timestamp attribute, and whether it is a date (text of 10 chars).
    time: String,
    /// The number of a composite identifier (sorts the children).
    number: Option<String>,
    unique: Option<String>,
    rare: Option<String>,
    has_tags: bool,
    count: u64,
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn attr(name: &str, t: AttrType) -> Attribute {
    Attribute::new(name, t)
}

fn required(mut a: Attribute) -> Attribute {
    a.required = true;
    a
}

fn formatted(mut a: Attribute, f: Format) -> Attribute {
    a.format = Some(f);
    a
}

fn distributed(mut a: Attribute, d: Distribution) -> Attribute {
    a.distribution = Some(d);
    a
}

fn distribution() -> Distribution {
    Distribution { distinct_values: None, top_value_share: None, present_share: None, writes_take_current_value: false }
}

fn base_pattern(id: String, name: String, kind: PatternKind, entity: &str, rate: f64) -> AccessPattern {
    AccessPattern { peak_rate: rate, ..AccessPattern::read(&id, &name, kind, entity, Vec::new()) }
}

/// A valid model of `entities` entities (at least one) with about
/// `patterns_per_entity` access patterns each, the same for the same arguments.
pub fn generate(entities: usize, patterns_per_entity: usize, seed: u64) -> Model {
    Generator::new(entities.max(1), patterns_per_entity, seed).run()
}

struct Generator {
    rng: SplitMix64,
    n: usize,
    k: usize,
    /// Whether this model has strongly consistent reads at all (a quarter do).
    strong: bool,
    shapes: Vec<Shape>,
    entities: Vec<Entity>,
    relationships: Vec<Relationship>,
    patterns: Vec<AccessPattern>,
    expires: bool,
    archives: bool,
}

impl Generator {
    fn new(n: usize, k: usize, seed: u64) -> Self {
        let mut rng = SplitMix64::new(seed);
        let strong = rng.chance(0.25);
        Generator {
            rng,
            n,
            k,
            strong,
            shapes: Vec::with_capacity(n),
            entities: Vec::with_capacity(n),
            relationships: Vec::new(),
            patterns: Vec::with_capacity(n * k),
            expires: false,
            archives: false,
        }
    }

    fn run(mut self) -> Model {
        for i in 0..self.n {
            self.entity(i);
        }
        self.many_to_many();
        for i in 0..self.n {
            self.patterns_of(i);
        }
        self.finish()
    }

    /// Entity `i`: maybe a child of an earlier one, with a composite identifier now and then.
    fn entity(&mut self, i: usize) {
        let rng = &mut self.rng;
        let round = i / NOUNS.len();
        let noun = NOUNS[i % NOUNS.len()];
        let name = if round == 0 { noun.to_string() } else { format!("{noun}{round}") };
        let lower = lower_first(&name);
        let parent = (i > 0 && rng.chance(0.6)).then(|| rng.below(i));
        let mut attributes = Vec::new();
        let mut id = Vec::new();
        let mut number = None;
        let composite = parent.is_some_and(|p| self.shapes[p].id.len() <= 2) && rng.chance(0.35);
        if let (true, Some(p)) = (composite, parent) {
            for parent_id in &self.shapes[p].id {
                let parent_attr = self.entities[p].attribute(parent_id).expect("the parent declares its identifier");
                let mut a = required(attr(parent_id, parent_attr.attr_type));
                a.identifier = true;
                attributes.push(a);
                id.push(parent_id.clone());
            }
            let n = format!("{lower}Number");
            let mut a = required(attr(&n, AttrType::Number));
            a.identifier = true;
            a.description = format!("Numbered 1, 2, 3, ... within its {}.", self.shapes[p].name);
            attributes.push(a);
            id.push(n.clone());
            number = Some(n);
        } else {
            let n = format!("{lower}Id");
            let mut a = required(attr(&n, AttrType::String));
            a.identifier = true;
            if rng.chance(0.3) {
                a.format = Some(if rng.chance(0.5) { Format::Uuid } else { Format::Ulid });
            }
            attributes.push(a);
            id.push(n);
        }
        attributes.push(required(attr("name", AttrType::String)));
        let (time, time_format) =
            if rng.chance(0.5) { ("createdAt", Format::Timestamp) } else { ("createdOn", Format::Date) };
        let mut t = required(formatted(attr(time, AttrType::String), time_format));
        if rng.chance(0.4) {
            let mut d = distribution();
            d.writes_take_current_value = true;
            d.distinct_values = rng.chance(0.5).then(|| rng.between(365, 3650));
            t = distributed(t, d);
        }
        attributes.push(t);
        let mut d = distribution();
        d.distinct_values = Some(STATUSES.len() as u64);
        d.top_value_share = Some((rng.between(30, 99) as f64) / 100.0);
        attributes.push(distributed(
            required(formatted(
                attr("status", AttrType::String),
                Format::Enum(STATUSES.iter().map(|s| s.to_string()).collect()),
            )),
            d,
        ));
        attributes.push(required(attr("version", AttrType::Number)));
        let mut amount = required(attr("amount", AttrType::Number));
        if rng.chance(0.5) {
            amount.format = Some(Format::Money);
        }
        attributes.push(amount);
        let unique = rng.chance(0.4).then(|| {
            let mut a = required(formatted(attr("email", AttrType::String), Format::Email));
            a.unique = true;
            attributes.push(a);
            "email".to_string()
        });
        let rare = rng.chance(0.5).then(|| {
            let (n, f) = if rng.chance(0.5) {
                ("flaggedAt", Format::Timestamp)
            } else {
                ("escalation", Format::Enum(vec!["fraud".into(), "legal".into(), "vip".into()]))
            };
            let mut d = distribution();
            d.present_share = Some(rng.log_uniform(0.0005, 0.01));
            attributes.push(distributed(formatted(attr(n, AttrType::String), f), d));
            n.to_string()
        });
        let has_tags = rng.chance(0.3);
        if has_tags {
            attributes.push(attr("tags", AttrType::StringSet));
        }
        if rng.chance(0.3) {
            attributes.push(attr("active", AttrType::Boolean));
        }
        if rng.chance(0.2) {
            attributes.push(attr("metadata", AttrType::Map));
        }
        let count = match parent {
            Some(p) => (self.shapes[p].count * rng.between(1, 60)).min(10_000_000_000),
            None => rng.log_uniform(100.0, 20_000_000.0) as u64,
        };
        let maintained_by_stream = parent.is_none() && rng.chance(0.05);
        self.entities.push(Entity {
            name: name.clone(),
            description: format!("A {} (generated).", lower),
            attributes,
            expected_count: Some(count),
            average_item_size: Some(rng.between(120, 4000) as u32),
            maintained_by_stream,
            pinned_keys: BTreeMap::new(),
        });
        let rel = parent.map(|p| {
            let r = self.relationships.len();
            let parent_name = self.shapes[p].name.clone();
            self.relationships.push(Relationship {
                name: format!("{parent_name}{name}s"),
                from: parent_name,
                to: name.clone(),
                cardinality: Cardinality::OneToMany,
                to_role: None,
                from_role: None,
                required: rng.chance(0.7),
                description: String::new(),
                attributes: Vec::new(),
                expected_count: None,
                average_item_size: None,
                pinned_keys: BTreeMap::new(),
            });
            self.shapes[p].children.push(r);
            r
        });
        self.shapes.push(Shape {
            name,
            id,
            parent: rel,
            children: Vec::new(),
            pairs: Vec::new(),
            time: time.to_string(),
            number,
            unique,
            rare,
            has_tags,
            count,
        });
    }

    /// About one many-to-many relationship per four entities, at least one in
    /// three models; now and then from an entity to itself.
    fn many_to_many(&mut self) {
        let wanted = self.n / 4 + usize::from(self.rng.chance(0.35));
        let mut seen = HashSet::new();
        for _ in 0..wanted {
            let a = self.rng.below(self.n);
            let b = if self.rng.chance(0.15) { a } else { self.rng.below(self.n) };
            if !seen.insert((a.min(b), a.max(b))) {
                continue;
            }
            let to_role = (a == b).then(|| self.rng.pick(ROLES).to_string());
            let rng = &mut self.rng;
            let mut attributes = vec![required(formatted(attr("since", AttrType::String), Format::Timestamp))];
            if rng.chance(0.6) {
                let mut d = distribution();
                d.distinct_values = Some(3);
                d.top_value_share = Some(0.8);
                attributes.push(distributed(
                    required(formatted(
                        attr("role", AttrType::String),
                        Format::Enum(vec!["owner".into(), "member".into(), "guest".into()]),
                    )),
                    d,
                ));
            }
            if rng.chance(0.5) {
                attributes.push(attr("weight", AttrType::Number));
            }
            let (from, to) = (self.shapes[a].name.clone(), self.shapes[b].name.clone());
            let name = match &to_role {
                Some(role) => format!("{from}{}Links", upper_first(role)),
                None => format!("{from}{to}Links"),
            };
            let per = rng.between(1, 40);
            let count = self.shapes[a].count.min(self.shapes[b].count).saturating_mul(per).min(20_000_000_000);
            let r = self.relationships.len();
            self.relationships.push(Relationship {
                name,
                from,
                to,
                cardinality: Cardinality::ManyToMany,
                to_role,
                from_role: None,
                required: false,
                description: "Pairs with data of their own (generated).".to_string(),
                attributes,
                expected_count: Some(count),
                average_item_size: Some(rng.between(80, 400) as u32),
                pinned_keys: BTreeMap::new(),
            });
            self.shapes[a].pairs.push(r);
            if a != b {
                self.shapes[b].pairs.push(r);
            }
        }
    }

    fn next_id(&self) -> String {
        format!("AP{:04}", self.patterns.len() + 1)
    }

    fn rate(&mut self) -> f64 {
        let r = self.rng.log_uniform(0.1, 3000.0);
        (r * 10.0).round() / 10.0
    }

    fn strong(&mut self) -> bool {
        self.strong && self.rng.chance(0.2)
    }

    /// The patterns centred on entity `i`: `k` of those its shape allows.
    fn patterns_of(&mut self, i: usize) {
        let shape = &self.shapes[i];
        let mut menu: Vec<(Kind, u32)> = vec![
            (Kind::ById, 8),
            (Kind::ByStatus, 2),
            (Kind::RareFilter, 2),
            (Kind::Put, 4),
            (Kind::Update, 3),
            (Kind::Delete, 1),
            (Kind::Expire, 1),
        ];
        if shape.parent.is_some() {
            menu.push((Kind::ByParent, 7));
            menu.push((Kind::Transaction, 3));
        }
        if shape.unique.is_some() {
            menu.push((Kind::ByUnique, 3));
        }
        if !shape.children.is_empty() {
            menu.push((Kind::WithChildren, 4));
            // A two-step read (child, then its parent) needs the parent's table key from
            // the child, which carries the parent's identifier but not a grandparent's:
            // only a root is read that way (the deriver cannot serve the others; see
            // derive_props.rs, `a_parent_nested_in_a_grandparent_is_reported`).
            let simple_child = shape.children.iter().any(|&r| self.child_shape(r).id.len() == 1);
            if simple_child && shape.parent.is_none() {
                menu.push((Kind::ParentByChild, 2));
            }
        }
        if !shape.pairs.is_empty() {
            menu.push((Kind::PairsByEnd, 6));
            let other_end = shape.pairs.iter().any(|&r| self.relationships[r].from != self.relationships[r].to);
            // As above: pair items carry the ends' identifiers, not a parent's.
            if other_end && shape.parent.is_none() {
                menu.push((Kind::ViaPairs, 2));
            }
        }
        let mut taken: Vec<Kind> = Vec::new();
        for _ in 0..self.k {
            let open: Vec<(Kind, u32)> = if taken.len() < menu.len() {
                menu.iter().copied().filter(|(kind, _)| !taken.contains(kind)).collect()
            } else {
                // Every kind is in: repeat the reads and writes that may repeat.
                menu.iter().copied().filter(|(kind, _)| *kind != Kind::Expire).collect()
            };
            let total: u32 = open.iter().map(|(_, w)| w).sum();
            let mut roll = self.rng.below(total as usize) as u32;
            let kind = open
                .iter()
                .find(|(_, w)| {
                    if roll < *w {
                        true
                    } else {
                        roll -= w;
                        false
                    }
                })
                .map(|(k, _)| *k)
                .expect("the roll lands on a kind");
            taken.push(kind);
            let p = self.pattern(i, kind);
            self.patterns.push(p);
        }
    }

    fn child_shape(&self, rel: usize) -> &Shape {
        &self.shapes[self.index_of(&self.relationships[rel].to)]
    }

    fn index_of(&self, name: &str) -> usize {
        // Entity names are noun + round, so the index is found without a search.
        let (noun, round) = match name.find(|c: char| c.is_ascii_digit()) {
            Some(at) => (&name[..at], name[at..].parse::<usize>().unwrap_or(0)),
            None => (name, 0),
        };
        let n = NOUNS.iter().position(|x| *x == noun).expect("a generated name");
        round * NOUNS.len() + n
    }

    fn pattern(&mut self, i: usize, kind: Kind) -> AccessPattern {
        let id = self.next_id();
        let rate = self.rate();
        let shape = &self.shapes[i];
        let name = shape.name.clone();
        let lower = lower_first(&name);
        match kind {
            Kind::ById => {
                let mut p = base_pattern(
                    id,
                    format!("Get {} by its identifier", with_article(&lower)),
                    PatternKind::ReadOne,
                    &name,
                    rate,
                );
                p.inputs = shape.id.clone();
                p.strongly_consistent = self.strong();
                p
            }
            Kind::ByParent => {
                let rel = &self.relationships[shape.parent.expect("a child")];
                let parent = &self.shapes[self.index_of(&rel.from)];
                let mut p = base_pattern(
                    id,
                    format!("List the {lower}s of a {}", lower_first(&parent.name)),
                    PatternKind::ReadMany,
                    &name,
                    rate,
                );
                p.inputs = parent.id.clone();
                p.via = Some(rel.name.clone());
                let time = shape.time.clone();
                let number = shape.number.clone();
                let size = self.rng.between(5, 200);
                p.result_size = Some(size);
                match self.rng.below(5) {
                    0 => {
                        p.order = Some(Ordering { attribute: time, direction: Order::Descending });
                        p.limit = Some(self.rng.between(5, 50) as u32);
                        p.name = format!("Get the latest {lower}s of a {}", lower_first(&parent.name));
                    }
                    1 => {
                        p.range = Some(RangeCondition { attribute: time.clone(), op: RangeOp::Between });
                        p.order = Some(Ordering { attribute: time, direction: Order::Ascending });
                    }
                    2 => p.range = Some(RangeCondition { attribute: time, op: RangeOp::BeginsWith }),
                    3 => {
                        p.range = Some(RangeCondition { attribute: time.clone(), op: RangeOp::Ge });
                        p.order = Some(Ordering { attribute: time, direction: Order::Ascending });
                    }
                    _ => {
                        if let Some(n) = number {
                            p.order = Some(Ordering { attribute: n, direction: Order::Descending });
                            p.limit = Some(20);
                        }
                    }
                }
                p.strongly_consistent = self.strong();
                p
            }
            Kind::ByUnique => {
                let unique = shape.unique.clone().expect("a unique attribute");
                let mut p = base_pattern(
                    id,
                    format!("Get {} by its {unique}", with_article(&lower)),
                    PatternKind::ReadOne,
                    &name,
                    rate,
                );
                p.inputs = vec![unique];
                p
            }
            Kind::ByStatus => {
                let time = shape.time.clone();
                let count = shape.count;
                let mut p = base_pattern(
                    id,
                    format!("List the {lower}s of a status since a date"),
                    PatternKind::ReadMany,
                    &name,
                    (rate / 10.0).max(0.1),
                );
                p.inputs = vec!["status".to_string()];
                let op = if self.rng.chance(0.5) { RangeOp::Ge } else { RangeOp::Between };
                p.range = Some(RangeCondition { attribute: time.clone(), op });
                p.order = Some(Ordering { attribute: time, direction: Order::Descending });
                p.result_size = Some((count / 100).clamp(1, 100_000));
                p
            }
            Kind::RareFilter => {
                let rare = shape.rare.clone();
                let time = shape.time.clone();
                let count = shape.count;
                let mut p = base_pattern(
                    id,
                    format!("List the rare {lower}s"),
                    PatternKind::ReadMany,
                    &name,
                    (rate / 100.0).max(0.1),
                );
                let selectivity = self.rng.log_uniform(0.0005, 0.01);
                p.filter = Some(Filter::Test(match rare {
                    Some(attribute) if self.rng.chance(0.7) => {
                        FilterTest { selectivity: Some(selectivity), ..FilterTest::on(&attribute, FilterOp::Present) }
                    }
                    _ if self.rng.chance(0.6) => FilterTest {
                        value: Some("archived".to_string()),
                        selectivity: Some(selectivity),
                        ..FilterTest::on("status", FilterOp::Equals)
                    },
                    // A test no sparse index answers: the Query filters.
                    _ => FilterTest {
                        values: vec!["pending".to_string(), "archived".to_string()],
                        selectivity: Some(selectivity),
                        ..FilterTest::on("status", FilterOp::In)
                    },
                }));
                if self.rng.chance(0.4) {
                    p.range = Some(RangeCondition { attribute: time, op: RangeOp::Between });
                }
                p.result_size = Some(((count as f64 * selectivity) as u64).max(1));
                p
            }
            Kind::WithChildren => {
                // Sometimes a whole aggregate: the parent with two kinds of children.
                let mut with: Vec<String> = Vec::new();
                let mut kinds: Vec<&String> = shape.children.iter().map(|&r| &self.relationships[r].to).collect();
                kinds.sort();
                kinds.dedup();
                let wanted = if kinds.len() > 1 && self.rng.chance(0.4) { 2 } else { 1 };
                while with.len() < wanted {
                    let child = &self.relationships[*self.rng.pick(&shape.children)].to;
                    if !with.contains(child) {
                        with.push(child.clone());
                    }
                }
                let children: Vec<String> = with.iter().map(|c| format!("{}s", lower_first(c))).collect();
                let mut p = base_pattern(
                    id,
                    format!("Get {} with its {}", with_article(&lower), children.join(" and ")),
                    PatternKind::ReadOne,
                    &name,
                    rate,
                );
                p.with = with;
                p.inputs = shape.id.clone();
                p.result_size = Some(self.rng.between(2, 30));
                p.strongly_consistent = self.strong();
                p
            }
            Kind::ParentByChild => {
                let simple: Vec<usize> =
                    shape.children.iter().copied().filter(|&r| self.child_shape(r).id.len() == 1).collect();
                let rel = *self.rng.pick(&simple);
                let child = self.child_shape(rel);
                let mut p = base_pattern(
                    id,
                    format!("Get the {lower} of a {}", lower_first(&child.name)),
                    PatternKind::ReadOne,
                    &name,
                    rate,
                );
                p.inputs = child.id.clone();
                p.via = Some(self.relationships[rel].name.clone());
                p
            }
            Kind::PairsByEnd => {
                let rel = &self.relationships[*self.rng.pick(&shape.pairs)];
                let rel_name = rel.name.clone();
                let from_end = rel.from == name && (rel.to != name || self.rng.chance(0.5));
                let end = if from_end { &rel.from } else { &rel.to };
                let end_ids = self.shapes[self.index_of(end)].id.clone();
                let inputs: Vec<String> =
                    if from_end { end_ids } else { end_ids.iter().map(|a| rel.to_end_attribute(a)).collect() };
                let mut p = base_pattern(
                    id,
                    format!("List the {rel_name} of a {}", lower_first(end)),
                    PatternKind::ReadMany,
                    &rel_name,
                    rate,
                );
                p.inputs = inputs;
                if self.rng.chance(0.4) {
                    p.order = Some(Ordering { attribute: "since".to_string(), direction: Order::Descending });
                    p.limit = Some(self.rng.between(10, 100) as u32);
                }
                p.result_size = Some(self.rng.between(1, 500));
                p
            }
            Kind::ViaPairs => {
                let others: Vec<usize> = shape
                    .pairs
                    .iter()
                    .copied()
                    .filter(|&r| self.relationships[r].from != self.relationships[r].to)
                    .collect();
                let rel = &self.relationships[*self.rng.pick(&others)];
                let other = if rel.from == name { &rel.to } else { &rel.from };
                let other_ids = self.shapes[self.index_of(other)].id.clone();
                let mut p = base_pattern(
                    id,
                    format!("List the {lower}s paired with a {}", lower_first(other)),
                    PatternKind::ReadMany,
                    &name,
                    rate,
                );
                p.inputs = other_ids;
                p.via = Some(rel.name.clone());
                p.result_size = Some(self.rng.between(1, 300));
                p
            }
            Kind::Put => {
                let mut p = base_pattern(id, format!("Create {}", with_article(&lower)), PatternKind::Put, &name, rate);
                p.conditions = vec![Clause::Test(Condition::of_item(ConditionOp::NotExists))];
                p
            }
            Kind::Update => {
                let rare = shape.rare.clone();
                let tags = shape.has_tags;
                let mut p =
                    base_pattern(id, format!("Update {}", with_article(&lower)), PatternKind::Update, &name, rate);
                p.conditions = vec![Clause::Test(Condition::with_input("version", ConditionOp::Eq, "expectedVersion"))];
                p.updates = vec![Update::with_input("version", UpdateAction::Set, "newVersion")];
                match self.rng.below(4) {
                    // Archiving moves the item into the sparse index of archived items.
                    0 if self.rng.chance(0.5) => {
                        p.updates.push(Update::with_value("status", UpdateAction::Set, "archived"))
                    }
                    0 => p.updates.push(Update::with_input("status", UpdateAction::Set, "newStatus")),
                    1 => p.updates.push(Update::with_input("amount", UpdateAction::Add, "delta")),
                    2 if rare.is_some() => p.updates.push(Update::remove(&rare.expect("checked"))),
                    _ if tags => p.updates.push(Update::with_input("tags", UpdateAction::Add, "newTags")),
                    _ => {}
                }
                p
            }
            Kind::Delete => {
                let mut p =
                    base_pattern(id, format!("Delete {}", with_article(&lower)), PatternKind::Delete, &name, rate);
                if self.rng.chance(0.5) {
                    p.conditions = vec![Clause::Test(Condition::of_item(ConditionOp::Exists))];
                }
                p
            }
            Kind::Transaction => {
                let rel = &self.relationships[shape.parent.expect("a child")];
                let parent = rel.from.clone();
                let mut p = base_pattern(
                    id,
                    format!("Add {} to its {}", with_article(&lower), lower_first(&parent)),
                    PatternKind::Transaction,
                    &name,
                    (rate / 10.0).max(0.1),
                );
                let guard = if self.rng.chance(0.5) {
                    Condition::with_input("version", ConditionOp::Eq, "expectedVersion")
                } else {
                    Condition::with_input("amount", ConditionOp::Ge, "debit")
                };
                p.steps = vec![
                    TransactionStep {
                        action: StepAction::Put,
                        entity: name.clone(),
                        description: "Record it; fails if it already exists.".into(),
                        conditions: vec![Clause::Test(Condition::of_item(ConditionOp::NotExists))],
                        updates: Vec::new(),
                        for_each: None,
                    },
                    TransactionStep {
                        action: StepAction::Update,
                        entity: parent.clone(),
                        description: "Move the total and advance the version.".into(),
                        conditions: vec![Clause::Test(guard)],
                        updates: vec![
                            Update::with_input("amount", UpdateAction::Add, "delta"),
                            Update::with_input("version", UpdateAction::Set, "newVersion"),
                        ],
                        for_each: None,
                    },
                ];
                if self.rng.chance(0.3) {
                    p.steps.push(TransactionStep {
                        action: StepAction::ConditionCheck,
                        entity: parent,
                        description: "The parent is still open.".into(),
                        conditions: vec![Clause::Test(Condition::with_value("status", ConditionOp::Ne, "closed"))],
                        updates: Vec::new(),
                        for_each: None,
                    });
                }
                p
            }
            Kind::Expire => {
                let time = shape.time.clone();
                let mut p = base_pattern(
                    id,
                    format!("Expire old {lower}s"),
                    PatternKind::Expire,
                    &name,
                    self.rng.log_uniform(0.1, 50.0).round().max(0.1),
                );
                let archive = self.rng.chance(0.3);
                p.retention = Some(Retention { attribute: time, days: self.rng.between(7, 3650) as u32, archive });
                self.expires = true;
                self.archives |= archive;
                p
            }
        }
    }

    fn finish(self) -> Model {
        let stream_needed = self.archives || self.entities.iter().any(|e| e.maintained_by_stream);
        let mut model = Model {
            schema: None,
            format: FORMAT.to_string(),
            name: format!("Generated {}x{}", self.n, self.k),
            description: "Generated by tablewright-modelgen.".to_string(),
            table: TableSettings {
                name: format!("generated-{}-{}", self.n, self.k),
                billing: Billing::OnDemand,
                stream: stream_needed.then_some(StreamViewType::NewAndOldImages),
                ttl_attribute: self.expires.then(|| TTL_ATTRIBUTE.to_string()),
                point_in_time_recovery: true,
                deletion_protection: false,
                tags: BTreeMap::new(),
                pinned_projections: BTreeMap::new(),
            },
            entities: self.entities,
            relationships: self.relationships,
            access_patterns: self.patterns,
            layout: Layout::default(),
            imported: None,
        };
        // A read names the relationship it follows only where another one would
        // reach its target too, as an architect writes it.
        let graph = tablewright_engine::ErGraph::new(&model);
        let unambiguous: Vec<bool> =
            model.access_patterns.iter().map(|p| graph.relationships_reaching(p).len() < 2).collect();
        drop(graph);
        for (p, plain) in model.access_patterns.iter_mut().zip(unambiguous) {
            if plain {
                p.via = None;
            }
        }
        model.layout.nodes = model
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), Position { x: (i % 10) as f64 * 360.0, y: (i / 10) as f64 * 380.0 }))
            .collect();
        model
    }
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ById,
    ByParent,
    ByUnique,
    ByStatus,
    RareFilter,
    WithChildren,
    ParentByChild,
    PairsByEnd,
    ViaPairs,
    Put,
    Update,
    Delete,
    Transaction,
    Expire,
}

/// Proptest strategies over generated models.
#[cfg(feature = "proptest")]
pub mod strategy {
    use proptest::prelude::*;

    use super::generate;
    use tablewright_engine::model::Model;

    /// Models of 1 to `max_entities` entities with 1 to `max_patterns` patterns each.
    /// Shrinks towards fewer entities and patterns, then drops patterns one by one
    /// (a model stays valid without any of its patterns).
    pub fn arb_model_sized(max_entities: usize, max_patterns: usize) -> impl Strategy<Value = Model> {
        (1..=max_entities.max(1), 1..=max_patterns.max(1), any::<u64>())
            .prop_flat_map(|(e, k, seed)| {
                let model = generate(e, k, seed);
                let n = model.access_patterns.len();
                (Just(model), proptest::collection::vec(proptest::bool::weighted(1.0), n))
            })
            .prop_map(|(mut model, keep)| {
                let mut keep = keep.into_iter();
                model.access_patterns.retain(|_| keep.next().unwrap_or(true));
                model
            })
    }

    /// Models of 1 to 8 entities with 1 to 6 patterns each.
    pub fn arb_model() -> impl Strategy<Value = Model> {
        arb_model_sized(8, 6)
    }
}

#[cfg(feature = "proptest")]
pub use strategy::{arb_model, arb_model_sized};

#[cfg(test)]
mod tests {
    use super::*;
    use tablewright_engine::validate::validate;

    fn assert_valid(model: &Model, what: &str) {
        let problems = validate(model);
        assert!(
            problems.is_empty(),
            "{what} is invalid: {problems:#?}\n{}",
            serde_json::to_string_pretty(model).unwrap()
        );
    }

    #[test]
    fn generated_models_are_valid() {
        for seed in 0..400u64 {
            let entities = 1 + (seed as usize % 12);
            let patterns = seed as usize % 9;
            assert_valid(&generate(entities, patterns, seed), &format!("generate({entities}, {patterns}, {seed})"));
        }
    }

    #[test]
    fn large_models_are_valid() {
        for seed in [1, 2, 3] {
            assert_valid(&generate(200, 6, seed), &format!("generate(200, 6, {seed})"));
        }
    }

    #[test]
    fn generation_is_deterministic() {
        for seed in [0, 7, u64::MAX] {
            assert_eq!(generate(20, 5, seed), generate(20, 5, seed));
        }
        assert_ne!(generate(20, 5, 1), generate(20, 5, 2));
    }

    #[test]
    fn generated_models_are_varied() {
        let mut kinds = HashSet::new();
        let mut features = HashSet::new();
        for seed in 0..50u64 {
            let model = generate(10, 6, seed);
            for p in &model.access_patterns {
                kinds.insert(format!("{:?}", p.kind));
                if !p.with.is_empty() {
                    features.insert("with");
                }
                if p.with.len() > 1 {
                    features.insert("aggregate");
                }
                if p.filter.as_ref().is_some_and(|f| f.selectivity().is_some_and(|s| s <= 0.01)) {
                    features.insert("rare filter");
                }
                if let Some(r) = &p.range {
                    features.insert(match r.op {
                        RangeOp::Between => "between",
                        RangeOp::BeginsWith => "begins_with",
                        RangeOp::Ge => ">=",
                        _ => "other range",
                    });
                }
                if p.strongly_consistent {
                    features.insert("strong");
                }
            }
            for r in &model.relationships {
                if r.to_role.is_some() {
                    features.insert("self pairs");
                }
                if r.cardinality == Cardinality::ManyToMany {
                    features.insert("pairs");
                }
            }
            if model.entities.iter().any(|e| e.identifier().len() > 1) {
                features.insert("composite");
            }
            if model.table.ttl_attribute.is_some() {
                features.insert("ttl");
            }
        }
        assert_eq!(kinds.len(), 7, "every kind of pattern: {kinds:?}");
        for f in [
            "with",
            "aggregate",
            "rare filter",
            "between",
            "begins_with",
            ">=",
            "strong",
            "self pairs",
            "pairs",
            "composite",
            "ttl",
        ] {
            assert!(features.contains(f), "no generated model has {f}");
        }
    }

    #[test]
    fn a_thousand_entities_are_fast() {
        let start = std::time::Instant::now();
        let model = generate(1000, 5, 42);
        let took = start.elapsed();
        assert_eq!(model.entities.len(), 1000);
        assert_eq!(model.access_patterns.len(), 5000);
        // Generous for a debug build on a busy machine; it takes a few ms.
        assert!(took.as_secs_f64() < 2.0, "generate(1000, 5) took {took:?}");
        assert_valid(&model, "generate(1000, 5, 42)");
    }
}
