//! Values fixed in the model: a write's condition or update that names its value
//! ("only a pending order is paid": `status = pending`, then `status = paid`)
//! rather than taking it from the request. The design knows the new value, so an
//! update that moves the item out of (or into) a sparse index removes (or writes)
//! the index keys in the same request, which a value the request gives cannot
//! decide; the verifier, the oracle and the generated code read the same values.

mod common;

use serde_json::{json, Value as Json};
use tablewright_engine::codegen::{code, Language};
use tablewright_engine::design::{derive, Design, ProblemCode};
use tablewright_engine::model::Model;
use tablewright_engine::oracle::scenarios;
use tablewright_engine::sample::{generate, SampleOptions, Value};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_str, validate};

/// The new user's ticketing model, its payment and refund written with the
/// statuses they move between instead of request parameters for them.
fn ticketing_json() -> Json {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/ticketing.tablewright.json");
    let mut model: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for p in model["access_patterns"].as_array_mut().unwrap() {
        let (from, to) = match p["id"].as_str() {
            Some("AP13") => ("pending", "paid"),
            Some("AP10") => ("paid", "refunded"),
            _ => continue,
        };
        p["conditions"] = json!([{ "attribute": "status", "op": "=", "value": from }]);
        p["updates"] = json!([{ "attribute": "status", "action": "set", "value": to }]);
    }
    model
}

fn load(json: &Json) -> Model {
    load_str(&json.to_string()).unwrap_or_else(|d| panic!("{}", common::render(&d)))
}

fn update_of<'d>(design: &'d Design, pattern: &str) -> &'d str {
    let plan = design.plans.iter().find(|p| p.pattern == pattern).unwrap();
    plan.actions[0].update.as_deref().unwrap()
}

/// With the request giving the new status, whether the order stays in the
/// pending-orders index is undecided (a StaleIndexKey problem); with `paid`
/// fixed, the payment removes the index keys and the verifier accepts it.
#[test]
fn a_fixed_status_decides_whether_the_item_leaves_a_sparse_index() {
    let model = load(&ticketing_json());
    let design = derive(&model);
    let stale: Vec<_> = design.problems.iter().filter(|p| p.code == ProblemCode::StaleIndexKey).collect();
    assert!(stale.is_empty(), "{stale:#?}");
    let pending = design.entities.iter().find(|e| e.name == "Order").unwrap();
    let gated: Vec<&String> = pending.sparse.keys().collect();
    assert!(!gated.is_empty(), "the pending-orders index is sparse on status: {pending:#?}");

    let paid = update_of(&design, "AP13");
    assert!(paid.starts_with("SET #status = :_set1 (\"paid\") REMOVE "), "{paid}");
    for key in &gated {
        assert!(paid.contains(&format!("#{key}")), "{key} leaves with the payment: {paid}");
    }
    let plan = design.plans.iter().find(|p| p.pattern == "AP13").unwrap();
    assert_eq!(plan.actions[0].condition.as_deref(), Some("#status = :_if1 (\"pending\")"));

    let verdicts = verify(&model, &design).patterns;
    for id in ["AP10", "AP13"] {
        let v = verdicts.iter().find(|v| v.pattern == id).unwrap();
        assert!(v.ok, "{v:#?}");
    }
}

/// The ticketing model with "reopen a refunded order", which makes it pending
/// again; at `rate` requests a second for every pattern.
fn reopening(rate: f64) -> Model {
    let mut json = ticketing_json();
    let patterns = json["access_patterns"].as_array_mut().unwrap();
    patterns.push(json!({
        "id": "AP99", "name": "Reopen a refunded order", "kind": "update", "entity": "Order", "peak_rate": 1,
        "conditions": [{ "attribute": "status", "op": "=", "value": "refunded" }],
        "updates": [{ "attribute": "status", "action": "set", "value": "pending" }]
    }));
    if rate > 0.0 {
        for p in patterns {
            p["peak_rate"] = json!(rate);
        }
    }
    load(&json)
}

/// An update that sets the gate's value writes the whole index key, rebuilt from
/// what the request carries and what it reads from the item first.
#[test]
fn a_fixed_value_that_meets_the_gate_writes_the_index_keys() {
    let model = reopening(1.0);
    let design = derive(&model);
    let order = design.entities.iter().find(|e| e.name == "Order").unwrap();
    let text = update_of(&design, "AP99");
    for key in order.sparse.keys() {
        assert!(
            text.contains(&format!("#{key} = :_{key}")),
            "{key} is written when the order is pending again: {text}"
        );
    }
    assert!(!text.contains("REMOVE"), "{text}");
    let v = verify(&model, &design).patterns.into_iter().find(|v| v.pattern == "AP99").unwrap();
    assert!(v.ok, "{v:#?}");

    // Taking the keys' rewrite out leaves the reopened order out of the index: rejected.
    let mut broken = design.clone();
    let plan = broken.plans.iter_mut().find(|p| p.pattern == "AP99").unwrap();
    plan.actions[0].update = Some("SET #status = :_set1 (\"pending\")".into());
    plan.actions[0].built.clear();
    let v = verify(&model, &broken).patterns.into_iter().find(|v| v.pattern == "AP99").unwrap();
    assert!(!v.ok && v.reasons.iter().any(|r| r.contains("stale")), "{v:#?}");

    // At the statement's rates the index is write-sharded: the update computes
    // the order's shard from its orderId, as the order's put does.
    let model = reopening(0.0);
    let design = derive(&model);
    let problems: Vec<_> = design.problems.iter().filter(|p| p.pattern.as_deref() == Some("AP99")).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let plan = design.plans.iter().find(|p| p.pattern == "AP99").unwrap();
    let shard = plan.actions[0].shard.as_ref().expect("the shard the update computes");
    let order = design.entities.iter().find(|e| e.name == "Order").unwrap();
    assert_eq!((shard.count, &shard.from), (order.shards["GSI3PK"].count, &vec!["orderId".to_string()]));
    assert_eq!(plan.actions[0].built["_GSI3PK"], order.keys["GSI3PK"]);
    let v = verify(&model, &design).patterns.into_iter().find(|v| v.pattern == "AP99").unwrap();
    assert!(v.ok, "{v:#?}");

    // Without its shard the key would name another partition: rejected.
    let mut broken = design.clone();
    broken.plans.iter_mut().find(|p| p.pattern == "AP99").unwrap().actions[0].shard = None;
    let v = verify(&model, &broken).patterns.into_iter().find(|v| v.pattern == "AP99").unwrap();
    assert!(!v.ok && v.reasons.iter().any(|r| r.contains("without its shard")), "{v:#?}");
}

/// The verifier holds a plan to the fixed value: one that sets the keys of an
/// order the payment moves out of the index is rejected, naming the value.
#[test]
fn the_verifier_rejects_keys_set_for_an_item_that_leaves() {
    let model = load(&ticketing_json());
    let mut design = derive(&model);
    let order = design.entities.iter().find(|e| e.name == "Order").unwrap().clone();
    let key = order.sparse.keys().next().unwrap().clone();
    let plan = design.plans.iter_mut().find(|p| p.pattern == "AP13").unwrap();
    plan.actions[0].update = Some(format!("SET #status = :_set1 (\"paid\"), #{key} = :_{key}"));
    plan.actions[0].built.insert(format!("_{key}"), order.keys[&key].clone());
    let v = verify(&model, &design).patterns.into_iter().find(|v| v.pattern == "AP13").unwrap();
    assert!(!v.ok, "{v:#?}");
    assert!(v.reasons.iter().any(|r| r.contains("sets status to paid") && r.contains(&key)), "{v:#?}");
}

/// The proof's scenarios take an order that is pending for the payment to go
/// through, and one that is not for it to be refused; after the payment the
/// order is paid and out of the index.
#[test]
fn the_oracle_pays_a_pending_order_and_refuses_another() {
    let model = load(&ticketing_json());
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 6, seed: 1, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let p = model.pattern("AP13").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "AP13").unwrap();
    let made = scenarios(&model, &design, &sample, &options, p, plan).unwrap();
    let paid = made.cases.iter().find(|c| c.succeeds).expect("a pending order to pay");
    let case = &paid.actions[0];
    assert!(case.inputs.is_empty(), "the values are the model's, not the request's: {:?}", case.inputs);
    assert_eq!(case.before.as_ref().unwrap()["status"], Value::S("pending".into()));
    let after = case.after.as_ref().unwrap();
    assert_eq!(after["status"], Value::S("paid".into()));
    let order = design.entities.iter().find(|e| e.name == "Order").unwrap();
    for key in order.sparse.keys() {
        assert!(!after.contains_key(key), "{key} is gone once paid: {after:?}");
    }
    let refused = made.cases.iter().find(|c| !c.succeeds);
    match refused {
        Some(r) => {
            assert_ne!(r.actions[0].before.as_ref().unwrap()["status"], Value::S("pending".into()));
            assert!(r.name.contains("status = pending does not hold"), "{}", r.name);
        }
        None => assert!(!made.untried.is_empty(), "the refusal is tried or said untried: {made:#?}"),
    }
}

/// A fixed value is one the attribute can hold, given once, and only where the
/// write compares with or writes something.
#[test]
fn check_holds_fixed_values_to_the_attribute() {
    let mut json = ticketing_json();
    let messages = |json: &Json| -> Vec<String> {
        let model: Model = serde_json::from_value(json.clone()).unwrap();
        validate::validate(&model).into_iter().map(|d| format!("{} {}", d.path, d.message)).collect()
    };
    assert_eq!(messages(&json), Vec::<String>::new());
    let ap13 = json["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "AP13").unwrap();
    ap13["updates"][0]["value"] = json!("settled");
    ap13["conditions"][0]["input"] = json!("expected");
    let found = messages(&json);
    assert!(
        found.iter().any(|m| m.contains("updates[0].value") && m.contains("'settled' is not one of status's values")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|m| m.contains("conditions[0].value") && m.contains("both an \"input\" and a \"value\"")),
        "{found:?}"
    );
}

/// The verifier holds the plan to the values themselves: a condition that
/// compares with another status, or a number written as a string (which never
/// equals a number), is rejected, naming the attribute and the value.
#[test]
fn the_verifier_checks_the_values_a_plan_writes_in() {
    let model = load(&ticketing_json());
    let design = derive(&model);
    let verdict = |design: &Design| verify(&model, design).patterns.into_iter().find(|v| v.pattern == "AP13").unwrap();
    let mut wrong = design.clone();
    let plan = wrong.plans.iter_mut().find(|p| p.pattern == "AP13").unwrap();
    plan.actions[0].condition = Some("#status = :_if1 (\"paid\")".into());
    let v = verdict(&wrong);
    assert!(!v.ok, "{v:#?}");
    assert!(v.reasons.iter().any(|r| r.contains("does not test status = pending (fixed in the model)")), "{v:#?}");

    let mut unset = design.clone();
    let plan = unset.plans.iter_mut().find(|p| p.pattern == "AP13").unwrap();
    let text = plan.actions[0].update.clone().unwrap();
    plan.actions[0].update = Some(text.replace("(\"paid\")", "(\"refunded\")"));
    let v = verdict(&unset);
    assert!(v.reasons.iter().any(|r| r.contains("does not set status to paid")), "{v:#?}");
}

/// Each operand is held to its own test: a plan that trades the values of two
/// tests of one attribute (`total > 5 AND total < 10` written as `> 10` and
/// `< 5`), or that sets a number the model adds, is rejected.
#[test]
fn the_verifier_pairs_each_value_with_its_own_test() {
    let mut json = ticketing_json();
    let ap13 = json["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "AP13").unwrap();
    ap13["conditions"] = json!([
        { "attribute": "total", "op": ">", "value": "5" },
        { "attribute": "total", "op": "<", "value": "10" },
    ]);
    ap13["updates"] = json!([{ "attribute": "total", "action": "add", "input": "surcharge" }]);
    let model = load(&json);
    let design = derive(&model);
    let verdict = |design: &Design| verify(&model, design).patterns.into_iter().find(|v| v.pattern == "AP13").unwrap();
    assert!(verdict(&design).ok, "{:#?}", verdict(&design));
    let plan = design.plans.iter().find(|p| p.pattern == "AP13").unwrap();
    assert!(plan.actions[0].condition.as_deref().unwrap().contains("#total > :_if1 (5) AND #total < :_if2 (10)"));

    let mut traded = design.clone();
    let action = &mut traded.plans.iter_mut().find(|p| p.pattern == "AP13").unwrap().actions[0];
    let condition = action.condition.clone().unwrap();
    action.condition = Some(
        condition.replace("#total > :_if1 (5) AND #total < :_if2 (10)", "#total > :_if1 (10) AND #total < :_if2 (5)"),
    );
    let v = verdict(&traded);
    assert!(v.reasons.iter().any(|r| r.contains("does not test total > 5 (fixed in the model)")), "{v:#?}");
    assert!(v.reasons.iter().any(|r| r.contains("does not test total < 10 (fixed in the model)")), "{v:#?}");

    let mut set = design.clone();
    let action = &mut set.plans.iter_mut().find(|p| p.pattern == "AP13").unwrap().actions[0];
    let update = action.update.clone().unwrap();
    action.update = Some(update.replace("#total = #total + :surcharge", "#total = :surcharge"));
    let v = verdict(&set);
    assert!(v.reasons.iter().any(|r| r.contains("does not add :surcharge to total")), "{v:#?}");
}

/// A new user's support desk resolves a ticket that is assigned or waiting on
/// the customer: no item holds both, and the proof's scenarios take one that
/// holds either, then one that holds neither for the refusal.
#[test]
fn an_any_of_fixed_values_is_tried_with_an_item_that_holds_one() {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/support.tablewright.json");
    let model = tablewright_engine::load_file(&path).unwrap();
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 40, seed: 1, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let p = model.pattern("ST11").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "ST11").unwrap();
    let made = scenarios(&model, &design, &sample, &options, p, plan).unwrap();
    let resolved = made.cases.iter().find(|c| c.succeeds).expect("a ticket to resolve");
    let before = &resolved.actions[0].before.as_ref().unwrap()["status"];
    assert!([Value::S("assigned".into()), Value::S("waiting_on_customer".into())].contains(before), "{before:?}");
    assert!(made.cases.iter().any(|c| !c.succeeds), "{made:#?}");
}

/// A condition's or an update's input names a request's value as a filter's
/// does: the plan's own placeholders (`:_if1`, `:_was_status`) start with '_'.
/// An attribute updated twice is refused, as DynamoDB refuses the request.
#[test]
fn check_refuses_inputs_named_like_the_plans_values_and_an_attribute_set_twice() {
    let mut json = ticketing_json();
    let ap13 = json["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "AP13").unwrap();
    ap13["conditions"] = json!([{ "attribute": "status", "op": "=", "input": "_if1" }]);
    ap13["updates"] = json!([
        { "attribute": "status", "action": "set", "value": "paid" },
        { "attribute": "status", "action": "set", "value": "refunded" }
    ]);
    let model: Model = serde_json::from_value(json).unwrap();
    let found: Vec<String> =
        validate::validate(&model).into_iter().map(|d| format!("{} {}", d.path, d.message)).collect();
    assert!(found.iter().any(|m| m.contains("conditions[0].input") && m.contains("cannot name")), "{found:?}");
    assert!(found.iter().any(|m| m.contains("updates[1].attribute") && m.contains("updated twice")), "{found:?}");
}

/// The support desk with two more transactions: one that resolves two tickets
/// (each update would compute its own shard, and the generated code computes
/// one a request), and one that assigns a ticket and opens a follow-up.
fn support_with_transactions() -> Model {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/support.tablewright.json");
    let mut json: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let resolve = json!({ "action": "update", "entity": "Ticket",
        "conditions": [{ "attribute": "status", "op": "=", "value": "assigned" }],
        "updates": [{ "attribute": "status", "action": "set", "value": "resolved" },
                    { "attribute": "resolvedAt", "action": "set", "input": "now" }] });
    let patterns = json["access_patterns"].as_array_mut().unwrap();
    patterns.push(json!({ "id": "ST98", "name": "Resolve a ticket and its duplicate", "kind": "transaction",
        "entity": "Ticket", "peak_rate": 1, "steps": [resolve.clone(), resolve] }));
    patterns.push(json!({ "id": "ST99", "name": "Assign a ticket and open a follow-up", "kind": "transaction",
        "entity": "Ticket", "peak_rate": 300, "steps": [
            { "action": "update", "entity": "Ticket",
              "conditions": [{ "attribute": "status", "op": "=", "value": "open" }],
              "updates": [{ "attribute": "status", "action": "set", "value": "assigned" }] },
            { "action": "put", "entity": "Ticket", "conditions": [{ "op": "not_exists" }] }] }));
    load(&json)
}

/// A second sharded update in one transaction is reported, not planned, so
/// that code is generated for every pattern; and the shard count weighs each
/// step of a transaction as cost does: the put of the follow-up counts although
/// the assignment beside it leaves the index alone.
#[test]
fn transactions_shard_once_and_count_each_step() {
    let model = support_with_transactions();
    let design = derive(&model);
    let problem = design.problems.iter().find(|p| p.pattern.as_deref() == Some("ST98")).expect("reported");
    assert!(problem.message.contains("already computes a shard"), "{problem:#?}");
    for language in Language::ALL {
        tablewright_engine::codegen::code_all(&model, &design, language).unwrap();
    }
    let ticket = design.entities.iter().find(|e| e.name == "Ticket").unwrap();
    let (key, _) =
        ticket.sparse.iter().find(|(k, g)| k.ends_with("PK") && g.value.as_deref() == Some("resolved")).unwrap();
    let index = key.trim_end_matches("PK");
    let report = tablewright_engine::cost::estimate(&model, &design, &Default::default()).unwrap();
    let cost = report.indexes.iter().find(|i| i.index == index).unwrap().peak_write_units;
    let shard = ticket.shards[key.as_str()].load.unwrap();
    assert_eq!(shard.writes, cost.ceil() as u64, "{shard:?} against {cost}");
}

fn library() -> Json {
    let path = common::fixture_path("library-lending");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A new loan is ACTIVE: the borrow's put fixes it in the model. The plan's
/// put writes it, the verifier holds the plan to it, and the proof's new loan
/// holds it whatever status the sample would have drawn.
#[test]
fn a_put_writes_the_values_the_model_fixes() {
    let model = load(&library());
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "LB07").unwrap();
    let put = plan.actions.iter().find(|a| a.action == "Put").unwrap();
    assert_eq!(put.fixed.get("status").map(String::as_str), Some("ACTIVE"), "{put:#?}");
    assert!(put.update.is_none(), "a put has no update expression: {put:#?}");
    assert!(verify(&model, &design).patterns.iter().all(|v| v.ok));

    let mut unfixed = design.clone();
    let plan = unfixed.plans.iter_mut().find(|p| p.pattern == "LB07").unwrap();
    plan.actions.iter_mut().find(|a| a.action == "Put").unwrap().fixed.clear();
    let v = verify(&model, &unfixed).patterns.into_iter().find(|v| v.pattern == "LB07").unwrap();
    assert!(v.reasons.iter().any(|r| r.contains("put does not write status = ACTIVE")), "{v:#?}");

    // The overdue loans' index: a new ACTIVE loan is not written into it, in the
    // PartiQL too, where no code at run time could leave its keys out.
    let loan = design.entities.iter().find(|e| e.name == "Loan").unwrap();
    let overdue: Vec<&String> = loan.sparse.keys().collect();
    assert!(!overdue.is_empty(), "{loan:#?}");
    let partiql = code(&model, &design, "LB07", Language::Partiql).unwrap();
    let insert = partiql.lines().find(|l| l.starts_with("INSERT")).unwrap();
    for key in overdue {
        assert!(!insert.contains(&format!("'{key}'")), "{key} written for an ACTIVE loan: {insert}");
        assert!(!partiql.contains(&format!("{key} only when")), "{partiql}");
    }

    for seed in 1..=5 {
        let options = SampleOptions { items_per_entity: 6, seed, as_of: 20_454 };
        let sample = generate(&model, &design, &options).unwrap();
        let p = model.pattern("LB07").unwrap();
        let plan = design.plans.iter().find(|plan| plan.pattern == "LB07").unwrap();
        for case in scenarios(&model, &design, &sample, &options, p, plan).unwrap().cases {
            let loan = case.actions.iter().find(|a| a.entity == "Loan").unwrap();
            assert_eq!(loan.item.as_ref().unwrap()["status"], Value::S("ACTIVE".into()), "{}", case.name);
        }
    }
}

/// A put fixes values only: a value the request gives is the item's own, an
/// `add` or a `remove` has nothing to act on, and an identifier fixed would put
/// every item at one key.
#[test]
fn check_refuses_a_put_update_that_is_not_a_fixed_value() {
    let messages = |json: &Json| -> Vec<String> {
        let model: Model = serde_json::from_value(json.clone()).unwrap();
        validate::validate(&model).into_iter().map(|d| format!("{} {}", d.path, d.message)).collect()
    };
    let mut json = library();
    let hold = json["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "LB10").unwrap();
    hold["updates"] = json!([
        { "attribute": "placedAt", "action": "set", "input": "when" },
        { "attribute": "isbn", "action": "set", "value": "978-0" },
    ]);
    let found = messages(&json);
    assert!(
        found.iter().any(|m| m.contains("updates[0]") && m.contains("must set a value fixed in the model")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|m| m.contains("updates[1].attribute") && m.contains("writes every item at one key")),
        "{found:?}"
    );
    let steps =
        &mut json["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "LB07").unwrap()["steps"];
    steps[1]["updates"] = json!([{ "attribute": "dueAt", "action": "remove" }]);
    assert!(messages(&json).iter().any(|m| m.contains("steps[1].updates[0]") && m.contains("must set a value")));
}

/// A plan that fixes a value the model does not (a hand-edited design giving
/// every new hold a status) overwrites what the caller's item says: rejected.
/// And a put cannot fix a parent's identifier, which says whose item it is.
#[test]
fn only_the_values_the_model_fixes_are_written_and_only_the_items_own() {
    let model = load(&library());
    let mut design = derive(&model);
    let plan = design.plans.iter_mut().find(|p| p.pattern == "LB10").unwrap();
    plan.actions[0].fixed.insert("isbn".into(), "978-0".into());
    let v = verify(&model, &design).patterns.into_iter().find(|v| v.pattern == "LB10").unwrap();
    assert!(v.reasons.iter().any(|r| r.contains("writes isbn = 978-0, which the model does not fix")), "{v:#?}");

    let mut json = library();
    let borrow = json["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "LB07").unwrap();
    borrow["steps"][1]["updates"] = json!([{ "attribute": "memberId", "action": "set", "value": "M1" }]);
    let model: Model = serde_json::from_value(json).unwrap();
    let found: Vec<String> = validate::validate(&model).into_iter().map(|d| d.message).collect();
    assert!(found.iter().any(|m| m.contains("'memberId' is another entity's identifier")), "{found:?}");
}
