//! Sample data: deterministic, realistic, consistent with the relationships, and
//! keyed by the design's templates (sparse, sharded, TTL) on every example model.

mod common;

use std::collections::{BTreeSet, HashMap};

use tablewright_engine::design::{derive, Design};
use tablewright_engine::load_file;
use tablewright_engine::model::{Cardinality, Model};
use tablewright_engine::sample::{export, fnv1a32, generate, Sample, SampleOptions, Value};

const AS_OF: i64 = 20_454; // 2026-01-01

fn options(n: usize, seed: u64) -> SampleOptions {
    SampleOptions { items_per_entity: n, seed, as_of: AS_OF }
}

fn load(path: &std::path::Path) -> (Model, Design) {
    let model = load_file(path).unwrap_or_else(|e| panic!("{e}"));
    let design = derive(&model);
    (model, design)
}

fn text(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_key_text)
}

#[test]
fn same_options_same_items_and_another_seed_other_items() {
    let (model, design) = load(&common::models_dir().join("acme-bank.tablewright.json"));
    let a = generate(&model, &design, &options(40, 7)).unwrap();
    let b = generate(&model, &design, &options(40, 7)).unwrap();
    let c = generate(&model, &design, &options(40, 8)).unwrap();
    assert_eq!(a.items, b.items);
    assert_eq!(a.fingerprint(), b.fingerprint());
    assert_ne!(a.fingerprint(), c.fingerprint());
    // 5 entities and one many-to-many relationship, 40 items each.
    assert_eq!(a.items.len(), 6 * 40);
}

#[test]
fn every_example_is_consistent_with_its_relationships_and_keys() {
    for path in common::example_models() {
        let (model, design) = load(&path);
        let sample = generate(&model, &design, &options(60, 42)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = common::stem(&path);
        check_relationships(&name, &model, &sample);
        check_keys(&name, &design, &sample);
        check_unique(&name, &model, &sample);
    }
}

fn ids_of(model: &Model, entity: &str) -> Vec<String> {
    model.entity(entity).unwrap().identifier().iter().map(|a| a.name.clone()).collect()
}

fn check_relationships(name: &str, model: &Model, sample: &Sample) {
    for rel in &model.relationships {
        let from_ids = ids_of(model, &rel.from);
        let key = |item: &tablewright_engine::sample::SampleItem, names: &[String]| -> Option<Vec<String>> {
            names.iter().map(|n| text(item.get(n)).map(str::to_string)).collect()
        };
        let parents: BTreeSet<Vec<String>> = sample.of(&rel.from).filter_map(|i| key(i, &from_ids)).collect();
        match rel.cardinality {
            Cardinality::ManyToMany => {
                let to_ids = ids_of(model, &rel.to);
                let to_names: Vec<String> = to_ids.iter().map(|a| rel.to_end_attribute(a)).collect();
                let others: BTreeSet<Vec<String>> = sample.of(&rel.to).filter_map(|i| key(i, &to_ids)).collect();
                let pairs: Vec<_> = sample.of(&rel.name).collect();
                assert!(!pairs.is_empty(), "{name}: no {} pairs", rel.name);
                for pair in pairs {
                    assert!(
                        parents.contains(&key(pair, &from_ids).unwrap()),
                        "{name}: {} pair joins no {}",
                        rel.name,
                        rel.from
                    );
                    assert!(
                        others.contains(&key(pair, &to_names).unwrap()),
                        "{name}: {} pair joins no {}",
                        rel.name,
                        rel.to
                    );
                }
            }
            _ if rel.from == rel.to => {}
            _ => {
                for child in sample.of(&rel.to) {
                    match key(child, &from_ids) {
                        Some(k) => {
                            assert!(parents.contains(&k), "{name}: a {} names no existing {}: {k:?}", rel.to, rel.from)
                        }
                        None => assert!(!rel.required, "{name}: a {} lacks its required {}", rel.to, rel.from),
                    }
                }
            }
        }
    }
}

fn check_keys(name: &str, design: &Design, sample: &Sample) {
    let mut seen = BTreeSet::new();
    for item in &sample.items {
        assert!(seen.insert(sample.key(item)), "{name}: two items share {}", sample.key(item));
        let keys = design.entities.iter().find(|e| e.name == item.entity).unwrap();
        assert_eq!(text(item.get(&design.type_attribute)), Some(item.entity.as_str()));
        for (attr, condition) in &keys.sparse {
            assert_eq!(
                item.get(attr).is_some(),
                condition.holds_for(item.get(&condition.attribute)),
                "{name}: {}'s sparse {attr} is written exactly when {condition:?} holds",
                item.entity
            );
        }
        for (attr, shard) in &keys.shards {
            let Some(value) = text(item.get(attr)) else { continue };
            let from: Vec<&str> = shard.from.iter().map(|a| text(item.get(a)).unwrap()).collect();
            let expected = fnv1a32(from.join("#").as_bytes()) % shard.count;
            assert!(value.ends_with(&format!("#{expected}")), "{name}: {attr} = {value}, shard {expected}");
        }
        if let Some(ttl) = &keys.ttl {
            if let Some(expires) = item.get(&ttl.attribute).and_then(Value::as_f64) {
                assert!(expires as i64 > AS_OF * 86_400, "{name}: a sample {} item has already expired", item.entity);
            }
        }
        for (attr, template) in &keys.keys {
            if let Some(v) = text(item.get(attr)) {
                assert!(!v.contains('{'), "{name}: {attr} = {v} from {template} is not rendered");
            }
        }
    }
}

fn check_unique(name: &str, model: &Model, sample: &Sample) {
    for entity in &model.entities {
        for attr in entity.attributes.iter().filter(|a| a.unique) {
            let mut values = HashMap::new();
            for item in sample.of(&entity.name) {
                if let Some(v) = text(item.get(&attr.name)) {
                    assert!(
                        values.insert(v.to_string(), ()).is_none(),
                        "{name}: {}.{} repeats {v}",
                        entity.name,
                        attr.name
                    );
                }
            }
        }
    }
}

#[test]
fn acme_values_are_realistic() {
    let (model, design) = load(&common::models_dir().join("acme-bank.tablewright.json"));
    let sample = generate(&model, &design, &options(200, 1)).unwrap();
    let customers: Vec<_> = sample.of("Customer").collect();
    assert!(customers.iter().all(|c| text(c.get("phone")).is_some_and(|p| p.starts_with("+1") && p.len() == 12)));
    assert!(customers.iter().all(|c| text(c.get("state")).is_some_and(|s| s.len() == 2)));
    let special = customers.iter().filter(|c| c.get("specialStatuses").is_some()).count();
    assert!(special > 0 && special < customers.len() / 2, "special statuses are rare but present: {special}");
    let tx: Vec<_> = sample.of("Transaction").collect();
    assert!(tx.iter().any(|t| text(t.get("status")) == Some("declined")));
    assert!(tx.iter().all(|t| text(t.get("date")).is_some_and(|d| d.len() == 10 && d.as_bytes()[4] == b'-')));
    assert!(tx.iter().all(|t| matches!(t.get("amount"), Some(Value::N(_)))));
    // Transactions are numbered 1, 2, 3, ... within their account.
    let mut by_account: HashMap<&str, Vec<i64>> = HashMap::new();
    for t in &tx {
        by_account
            .entry(text(t.get("accountNumber")).unwrap())
            .or_default()
            .push(t.get("transactionNumber").unwrap().as_f64().unwrap() as i64);
    }
    for numbers in by_account.values_mut() {
        numbers.sort();
        assert_eq!(*numbers, (1..=numbers.len() as i64).collect::<Vec<_>>());
    }
    let sk = text(tx[0].get("SK")).unwrap();
    assert!(sk.starts_with("TRANSACTION#000000"), "{sk}: numbers are zero-padded in keys");
}

#[test]
fn exports_hold_every_item() {
    let (model, design) = load(&common::models_dir().join("game-social.tablewright.json"));
    let sample = generate(&model, &design, &options(10, 3)).unwrap();
    let lines = export::dynamodb_json_lines(&sample);
    assert_eq!(lines.lines().count(), sample.items.len());
    for (line, item) in lines.lines().zip(&sample.items) {
        let json: serde_json::Value = serde_json::from_str(line).unwrap();
        let parsed: Vec<(String, Value)> = json["Item"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), Value::from_dynamodb_json(v).unwrap()))
            .collect();
        assert_eq!(parsed, item.attributes.clone().into_iter().collect::<Vec<_>>());
    }
    let csv = export::csv(&sample);
    let mut rows = csv.split("\r\n").filter(|r| !r.is_empty());
    let header = rows.next().unwrap();
    assert!(header.starts_with("PK,SK,"), "{header}");
    assert!(header.contains("friend.playerId"));
    assert_eq!(rows.count(), sample.items.len());
}

/// No sample item has a date before the one it follows (returned before loaned,
/// delivered before shipped, terminated before hired), declared with `after` or
/// inferred from the names, on every example and the library fixture, for many
/// seeds.
#[test]
fn dates_follow_one_another_on_every_example() {
    use tablewright_engine::sample::{date_orders, dates_in_order};
    let mut paths = common::example_models();
    paths.push(common::models_dir().join("../tests/fixtures/library-optional-key.tablewright.json"));
    let mut checked = 0;
    for path in paths {
        let (model, design) = load(&path);
        for seed in 0..12 {
            let sample = generate(&model, &design, &options(40, seed)).unwrap();
            for entity in &model.entities {
                let orders = date_orders(&entity.attributes);
                for item in sample.of(&entity.name) {
                    assert!(
                        dates_in_order(&item.attributes, &orders),
                        "{}: {orders:?}: {:?}",
                        common::stem(&path),
                        item.attributes
                    );
                    checked += orders.len();
                }
            }
        }
    }
    assert!(checked > 1000, "the examples have dates in order to keep ({checked})");
}

#[test]
fn after_names_another_date_of_the_item() {
    let path = common::models_dir().join("../tests/fixtures/library-optional-key.tablewright.json");
    let fixture: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let with = |after: &str| {
        let mut model = fixture.clone();
        model["entities"][2]["attributes"][2]["after"] = after.into();
        model.to_string()
    };
    assert!(tablewright_engine::load_str(&with("loanedAt")).is_ok(), "a date after a timestamp");
    for (after, says) in [("loanId", "not a date"), ("nothing", "no attribute 'nothing'"), ("returnedOn", "itself")] {
        let errors = common::errors_of(&with(after));
        assert!(
            errors
                .iter()
                .any(|e| e.path.to_string() == "$.entities[2].attributes[2].after" && e.message.contains(says)),
            "{after}: {}",
            common::render(&errors)
        );
    }
}

/// A person's e-mail is made of their name; a book's title is not a job title; an
/// ISBN has its check digit.
#[test]
fn values_agree_with_each_other_and_with_what_the_item_is() {
    let (model, design) = load(&common::models_dir().join("ecommerce-orders.tablewright.json"));
    let sample = generate(&model, &design, &options(30, 3)).unwrap();
    for customer in sample.of("Customer") {
        let first = text(customer.get("firstName")).unwrap().to_lowercase();
        let last = text(customer.get("lastName")).unwrap().to_lowercase();
        let email = text(customer.get("email")).unwrap();
        assert!(email.starts_with(&format!("{first}.{last}")), "{email} for {first} {last}");
    }
    let path = common::models_dir().join("../tests/fixtures/library-optional-key.tablewright.json");
    let mut library: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    library["entities"][1]["attributes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "isbn", "type": "string", "required": true}));
    let model = tablewright_engine::load_str(&library.to_string()).unwrap();
    let sample = generate(&model, &derive(&model), &options(20, 3)).unwrap();
    for book in sample.of("Book") {
        let title = text(book.get("title")).unwrap();
        assert!(title.starts_with("The "), "a book's title: {title}");
        let isbn: Vec<u32> = text(book.get("isbn")).unwrap().chars().filter_map(|c| c.to_digit(10)).collect();
        let sum: u32 = isbn.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
        assert!(isbn.len() == 13 && sum % 10 == 0, "{isbn:?}");
    }
}

#[test]
fn every_filter_a_pattern_applies_passes_at_least_one_sample_item() {
    // Rare orders (1%) read through a sparse index, and ones of two given states:
    // with three orders, none would carry them, and the proof of those reads
    // would compare two empty answers.
    let c = common::case(|v| {
        let order = &mut v["entities"][1]["attributes"];
        order[2]["distribution"] = serde_json::json!({"present_share": 0.01});
        order
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"name": "state", "type": "string", "format": {"enum": ["open", "held", "done"]}, "distribution": {"present_share": 0.1}}));
        v["access_patterns"].as_array_mut().unwrap().extend([
            serde_json::json!({"id": "AP03", "name": "Orders with a total", "kind": "read_many", "entity": "Order",
                "filter": {"attribute": "total", "op": "present", "selectivity": 0.01}, "peak_rate": 1.0}),
            serde_json::json!({"id": "AP04", "name": "Held orders", "kind": "read_many", "entity": "Order",
                "filter": {"attribute": "state", "op": "equals", "value": "held", "selectivity": 0.01}, "peak_rate": 1.0}),
            serde_json::json!({"id": "AP05", "name": "Done orders", "kind": "read_many", "entity": "Order",
                "filter": {"attribute": "state", "op": "equals", "value": "done", "selectivity": 0.01}, "peak_rate": 1.0}),
        ]);
    });
    let model = tablewright_engine::load_str(&c.text).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let design = derive(&model);
    for seed in 0..20 {
        let sample = generate(&model, &design, &options(3, seed)).unwrap();
        let orders: Vec<_> = sample.items.iter().filter(|i| i.entity == "Order").collect();
        assert!(orders.iter().any(|o| o.get("total").is_some()), "seed {seed}: no order has a total");
        for state in ["held", "done"] {
            let states: Vec<_> = orders.iter().map(|o| text(o.get("state"))).collect();
            assert!(
                orders.iter().any(|o| text(o.get("state")) == Some(state)),
                "seed {seed}: no order is {state}: {states:?}"
            );
        }
    }
}

/// A rare attribute a read takes as an input (the 2% of logs escalated to a
/// supervisor), one a filter wants absent (the 2% of loans not yet returned), and
/// a rare one a filter wants together with other tests (an order held for fraud
/// that is not pending payment): at six items, some item answers each read.
#[test]
fn every_read_has_an_item_it_answers_with_at_six_items() {
    let c = common::case(|v| {
        let order = v["entities"][1]["attributes"].as_array_mut().unwrap();
        order.extend([
            serde_json::json!({"name": "escalatedTo", "type": "string", "distribution": {"present_share": 0.02}}),
            serde_json::json!({"name": "returnedAt", "type": "string", "format": "timestamp", "distribution": {"present_share": 0.98}}),
            serde_json::json!({"name": "fraudHold", "type": "string", "distribution": {"present_share": 0.0001}}),
            serde_json::json!({"name": "state", "type": "string", "required": true, "format": {"enum": ["pending", "paid"]}, "distribution": {"top_value_share": 0.5}}),
        ]);
        v["access_patterns"].as_array_mut().unwrap().extend([
            serde_json::json!({"id": "AP03", "name": "Escalated to a supervisor", "kind": "read_many", "entity": "Order",
                "inputs": ["escalatedTo"], "peak_rate": 1.0}),
            serde_json::json!({"id": "AP04", "name": "Not returned", "kind": "read_many", "entity": "Order",
                "filter": {"attribute": "returnedAt", "op": "absent", "selectivity": 0.02}, "peak_rate": 1.0}),
            serde_json::json!({"id": "AP05", "name": "Held for fraud", "kind": "read_many", "entity": "Order",
                "filter": {"attribute": "fraudHold", "op": "present", "selectivity": 0.0001}, "peak_rate": 1.0}),
            serde_json::json!({"id": "AP06", "name": "Held and paid", "kind": "read_many", "entity": "Order",
                "filter": {"all": [{"attribute": "fraudHold", "op": "present"}, {"not": {"attribute": "state", "op": "equals", "value": "pending"}}]},
                "peak_rate": 1.0}),
        ]);
    });
    let model = tablewright_engine::load_str(&c.text).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let design = derive(&model);
    for seed in 0..20 {
        let sample = generate(&model, &design, &options(6, seed)).unwrap();
        let orders: Vec<_> = sample.items.iter().filter(|i| i.entity == "Order").collect();
        assert!(orders.iter().any(|o| o.get("escalatedTo").is_some()), "seed {seed}: no order is escalated");
        assert!(orders.iter().any(|o| o.get("returnedAt").is_none()), "seed {seed}: every order is returned");
        assert!(
            orders.iter().any(|o| o.get("fraudHold").is_some() && text(o.get("state")) != Some("pending")),
            "seed {seed}: no held order that is paid: {:?}",
            orders.iter().map(|o| (text(o.get("state")), o.get("fraudHold").is_some())).collect::<Vec<_>>()
        );
    }
}

/// Giving and taking keep the answers other reads have: the one returned loan
/// that is lost (a filter on both) keeps its return date when another read wants
/// a loan not returned, and a read by the supervisor a loan is escalated to gets
/// one though another read wants loans escalated to no one.
#[test]
fn giving_and_taking_keep_every_other_reads_answer() {
    let c = common::case(|v| {
        let order = v["entities"][1]["attributes"].as_array_mut().unwrap();
        order.extend([
            serde_json::json!({"name": "returnedAt", "type": "string", "format": "timestamp", "distribution": {"present_share": 0.98}}),
            serde_json::json!({"name": "state", "type": "string", "required": true, "format": {"enum": ["lost", "kept"]}, "distribution": {"top_value_share": 0.9}}),
            serde_json::json!({"name": "escalatedTo", "type": "string", "distribution": {"present_share": 0.02}}),
        ]);
        v["access_patterns"].as_array_mut().unwrap().extend([
            serde_json::json!({"id": "AP03", "name": "Returned and lost", "kind": "read_many", "entity": "Order",
                "filter": {"all": [{"attribute": "returnedAt", "op": "present"}, {"attribute": "state", "op": "equals", "value": "lost"}]},
                "peak_rate": 1.0}),
            serde_json::json!({"id": "AP04", "name": "Not returned", "kind": "read_many", "entity": "Order",
                "filter": {"attribute": "returnedAt", "op": "absent", "selectivity": 0.02}, "peak_rate": 1.0}),
            serde_json::json!({"id": "AP05", "name": "Escalated to a supervisor", "kind": "read_many", "entity": "Order",
                "inputs": ["escalatedTo"], "peak_rate": 1.0}),
            serde_json::json!({"id": "AP06", "name": "Escalated to no one", "kind": "read_many", "entity": "Order",
                "filter": {"not": {"attribute": "escalatedTo", "op": "present"}}, "peak_rate": 1.0}),
        ]);
    });
    let model = tablewright_engine::load_str(&c.text).unwrap_or_else(|d| panic!("{}", common::render(&d)));
    let design = derive(&model);
    for seed in 0..20 {
        let sample = generate(&model, &design, &options(6, seed)).unwrap();
        let orders: Vec<_> = sample.items.iter().filter(|i| i.entity == "Order").collect();
        let shown: Vec<_> = orders
            .iter()
            .map(|o| (o.get("returnedAt").is_some(), text(o.get("state")), o.get("escalatedTo").is_some()))
            .collect();
        let lost_and_returned =
            orders.iter().any(|o| o.get("returnedAt").is_some() && text(o.get("state")) == Some("lost"));
        assert!(lost_and_returned, "seed {seed}: {shown:?}");
        assert!(orders.iter().any(|o| o.get("returnedAt").is_none()), "seed {seed}: {shown:?}");
        assert!(orders.iter().any(|o| o.get("escalatedTo").is_some()), "seed {seed}: {shown:?}");
        assert!(orders.iter().any(|o| o.get("escalatedTo").is_none()), "seed {seed}: {shown:?}");
    }
}

/// A new user's support desk lists the open urgent tickets no agent has taken
/// (`agentId` absent, the identifier of an optional parent). Nine in ten drawn
/// tickets have an agent, so six seldom include one without: the sample takes
/// the agent from one ticket, which then also meets the rest of the filter, and
/// leaves another ticket with an agent for the agent's own list.
#[test]
fn an_absent_optional_parent_is_taken_from_an_item_for_a_read_that_asks_it() {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/support.tablewright.json");
    let (model, design) = load(&path);
    for seed in 1..=5 {
        let sample = generate(&model, &design, &options(6, seed)).unwrap();
        let tickets: Vec<_> = sample.of("Ticket").collect();
        let queued = tickets.iter().any(|t| {
            t.get("agentId").is_none()
                && text(t.get("status")) == Some("open")
                && text(t.get("priority")) == Some("urgent")
        });
        assert!(queued, "seed {seed}: no unassigned open urgent ticket in {tickets:#?}");
        assert!(tickets.iter().any(|t| t.get("agentId").is_some()), "seed {seed}: every ticket lost its agent");
    }
}
