//! The oracle: expected answers computed from the model over the sample, and the
//! comparison that judges a live answer against them.

mod common;

use indexmap::IndexMap;
use tablewright_engine::design::{derive, Design};
use tablewright_engine::load_file;
use tablewright_engine::model::Model;
use tablewright_engine::oracle::{compare, draw, draw_answered, expected, scenarios, Params};
use tablewright_engine::sample::{generate, Rng, Sample, SampleOptions, Value};
use tablewright_engine::verify::verify;

fn acme() -> (Model, Design, Sample, SampleOptions) {
    let model = load_file(&common::models_dir().join("acme-bank.tablewright.json")).unwrap();
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 60, seed: 5, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    (model, design, sample, options)
}

fn s(text: &str) -> Value {
    Value::S(text.to_string())
}

fn items_of(
    sample: &Sample,
    keys: impl Iterator<Item = tablewright_engine::sample::ItemKey>,
) -> Vec<IndexMap<String, Value>> {
    let by_key = sample.by_key();
    keys.map(|k| by_key[&k].attributes.clone()).collect()
}

#[test]
fn a_customer_with_accounts_is_the_customer_and_exactly_their_accounts() {
    let (model, _, sample, _) = acme();
    let customer = sample
        .of("Customer")
        .find(|c| sample.of("Account").any(|a| a.get("customerNumber") == c.get("customerNumber")))
        .unwrap();
    let number = customer.get("customerNumber").unwrap().clone();
    let params: Params = [("customerNumber".to_string(), number.clone())].into_iter().collect();
    let want = expected(&model, &sample, model.pattern("AP07").unwrap(), &params);
    let accounts: Vec<_> =
        sample.of("Account").filter(|a| a.get("customerNumber") == Some(&number)).map(|a| sample.key(a)).collect();
    assert_eq!(want.count, 1 + accounts.len());
    assert!(want.required.contains(&sample.key(customer)));
    assert!(accounts.iter().all(|k| want.required.contains(k)));
    // The live answer would be the same items: it passes.
    let answer = items_of(&sample, want.required.iter().cloned());
    assert!(compare(&want, &answer, &sample.key_names).pass);
}

#[test]
fn the_owner_of_an_account_is_found_through_the_relationship() {
    let (model, _, sample, _) = acme();
    let account = sample.of("Account").next().unwrap();
    let params: Params =
        [("accountNumber".to_string(), account.get("accountNumber").unwrap().clone())].into_iter().collect();
    let want = expected(&model, &sample, model.pattern("AP08").unwrap(), &params);
    assert_eq!(want.count, 1);
    let owner = sample.of("Customer").find(|c| c.get("customerNumber") == account.get("customerNumber")).unwrap();
    assert!(want.required.contains(&sample.key(owner)));
}

#[test]
fn comparison_catches_missing_extra_repeated_and_disordered_items() {
    let (model, _, sample, _) = acme();
    let account = sample
        .of("Account")
        .max_by_key(|a| sample.of("Transaction").filter(|t| t.get("accountNumber") == a.get("accountNumber")).count())
        .unwrap();
    let params: Params =
        [("accountNumber".to_string(), account.get("accountNumber").unwrap().clone())].into_iter().collect();
    let p = model.pattern("AP09").unwrap(); // the last 20, newest first
    let want = expected(&model, &sample, p, &params);
    assert!(want.count >= 2, "the busiest account has transactions");
    let mut right: Vec<_> =
        sample.of("Transaction").filter(|t| t.get("accountNumber") == account.get("accountNumber")).collect();
    right.sort_by(|a, b| b.get("transactionNumber").unwrap().compare(a.get("transactionNumber").unwrap()).unwrap());
    right.truncate(20);
    let answer: Vec<_> = right.iter().map(|t| t.attributes.clone()).collect();
    let judge = |items: &[IndexMap<String, Value>]| compare(&want, items, &sample.key_names);
    assert!(judge(&answer).pass);

    let missing = &answer[1..];
    assert!(!judge(missing).pass && judge(missing).missing.len() == 1);
    let mut extra = answer.clone();
    extra.push(sample.of("Customer").next().unwrap().attributes.clone());
    assert!(!judge(&extra).unexpected.is_empty());
    let mut twice = answer.clone();
    twice.push(answer[0].clone());
    assert_eq!(judge(&twice).duplicates, 1);
    let mut reversed = answer.clone();
    reversed.reverse();
    assert!(judge(&reversed).out_of_order && !judge(&reversed).pass);
    // An index that projects the keys alone hides the type and the order
    // attribute: the order is judged from the sample all the same.
    let keys_only: Vec<IndexMap<String, Value>> = reversed
        .iter()
        .map(|item| {
            item.iter().filter(|(k, _)| sample.key_names.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect()
        })
        .collect();
    assert!(judge(&keys_only).out_of_order);
}

#[test]
fn ties_at_a_limit_accept_any_of_the_tied_items() {
    let (mut model, _, sample, _) = acme();
    // The three earliest-dated transactions of all: dates repeat, so ties are likely.
    let p = model.access_patterns.iter_mut().find(|p| p.id == "AP13").unwrap();
    p.filter = None;
    p.limit = Some(3);
    p.order = Some(serde_json::from_value(serde_json::json!({"attribute": "date", "direction": "ascending"})).unwrap());
    let params: Params =
        [("date.from".to_string(), s("2000-01-01")), ("date.to".to_string(), s("2100-01-01"))].into_iter().collect();
    let p = model.pattern("AP13").unwrap();
    let want = expected(&model, &sample, p, &params);
    assert_eq!(want.count, 3);
    let mut all: Vec<_> = sample.of("Transaction").collect();
    all.sort_by(|a, b| a.get("date").unwrap().compare(b.get("date").unwrap()).unwrap());
    let third = all[2].get("date").unwrap();
    let tied: Vec<_> = all.iter().filter(|t| t.get("date") == Some(third)).collect();
    // Whichever of the tied items completes the three, the answer is right.
    let before: Vec<_> =
        all.iter().take_while(|t| t.get("date") != Some(third)).map(|t| t.attributes.clone()).collect();
    for pick in tied.iter().take(3) {
        let mut answer = before.clone();
        answer.extend(
            tied.iter()
                .filter(|t| t.attributes != pick.attributes)
                .take(3 - before.len() - 1)
                .map(|t| t.attributes.clone()),
        );
        answer.push(pick.attributes.clone());
        answer.sort_by(|a, b| a["date"].compare(&b["date"]).unwrap());
        assert!(compare(&want, &answer, &sample.key_names).pass);
    }
}

#[test]
fn drawn_parameters_give_non_empty_answers() {
    let (model, _, sample, _) = acme();
    let mut rng = Rng::new(3);
    for p in model.access_patterns.iter().filter(|p| p.kind.is_read()) {
        let params = draw(&model, &sample, p, &mut rng).unwrap_or_else(|| panic!("{}: no parameters", p.id));
        assert!(p.inputs.iter().all(|i| params.contains_key(i)), "{}: {params:?}", p.id);
        let want = expected(&model, &sample, p, &params);
        assert!(want.count > 0, "{} with {params:?} expects nothing", p.id);
    }
}

#[test]
fn a_debit_has_a_scenario_per_condition() {
    let (model, design, sample, options) = acme();
    let p = model.pattern("AP19").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "AP19").unwrap();
    let cases = scenarios(&model, &design, &sample, &options, p, plan).unwrap().cases;
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cases.len(), 4, "{names:?}");
    assert!(cases[0].succeeds && cases[1..].iter().all(|c| !c.succeeds));

    let uncovered = cases.iter().find(|c| c.name.contains("balance")).unwrap();
    let account = &uncovered.actions[1];
    let balance = account.before.as_ref().unwrap()["balance"].as_f64().unwrap();
    assert_eq!(account.inputs["debitAmount"].as_f64().unwrap(), balance + 1.0, "one more than the balance");
    assert_eq!(
        account.inputs["expectedLastTransactionNumber"],
        account.before.as_ref().unwrap()["lastTransactionNumber"]
    );

    let stale = cases.iter().find(|c| c.name.contains("lastTransactionNumber")).unwrap();
    let account = &stale.actions[1];
    assert_ne!(
        account.inputs["expectedLastTransactionNumber"],
        account.before.as_ref().unwrap()["lastTransactionNumber"]
    );

    let posted = &cases[0];
    let tx = &posted.actions[0];
    assert!(tx.before.is_none(), "the new transaction does not exist yet");
    assert_eq!(
        tx.key_values["accountNumber"], posted.actions[1].key_values["accountNumber"],
        "the transaction is posted to the account updated"
    );
    let after = posted.actions[1].after.as_ref().unwrap();
    assert_eq!(after["lastTransactionNumber"], tx.key_values["transactionNumber"]);
}

/// "Create, or replace unless the stored one is newer" (EC20): an OR of the
/// item's absence and a comparison. The proof must see both ways to succeed and
/// the one way to fail, not only the first test broken.
#[test]
fn a_put_that_creates_or_replaces_has_both_ways_to_succeed_and_the_way_to_fail() {
    let model = load_file(&common::models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 20, seed: 5, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let p = model.pattern("EC20").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "EC20").unwrap();
    assert_eq!(plan.actions[0].condition.as_deref(), Some("attribute_not_exists(PK) OR #updatedAt < :feedUpdatedAt"));
    let cases = scenarios(&model, &design, &sample, &options, p, plan).unwrap().cases;
    let outcomes: Vec<(bool, bool)> = cases.iter().map(|c| (c.actions[0].before.is_some(), c.succeeds)).collect();
    assert_eq!(outcomes, [(false, true), (true, false), (true, true)], "created, refused, replaced: {cases:#?}");
    let stored = |i: usize| cases[i].actions[0].before.as_ref().unwrap()["updatedAt"].clone();
    let given = |i: usize| cases[i].actions[0].inputs["feedUpdatedAt"].clone();
    use std::cmp::Ordering::{Equal, Greater, Less};
    assert!(matches!(given(1).compare(&stored(1)), Some(Less | Equal)), "the stored one is newer: refused");
    assert_eq!(given(2).compare(&stored(2)), Some(Greater), "the feed's product is newer: it replaces the stored one");
    assert!(cases[1].name.contains("rejected, nothing changes"), "{}", cases[1].name);

    // A plan that only creates would refuse the replacement: the verifier says so.
    let mut only_creates = design.clone();
    let put = only_creates.plans.iter_mut().find(|plan| plan.pattern == "EC20").unwrap();
    put.actions[0].condition = Some("attribute_not_exists(PK)".into());
    let verdict = verify(&model, &only_creates).patterns.into_iter().find(|v| v.pattern == "EC20").unwrap();
    assert!(!verdict.ok, "{verdict:?}");
    assert!(verdict.reasons.iter().any(|r| r.contains("condition on updatedAt is missing")), "{verdict:?}");
    assert!(verdict.reasons.iter().any(|r| r.contains("join tests with OR")), "{verdict:?}");
}

/// Loans of a branch in a range of due dates with `filter`: the range's bound is
/// drawn from the branch's loans, the filter's value from another loan, so a
/// plain draw may have no loan that passes both.
fn loans(op: &str, filter: serde_json::Value) -> Model {
    let text = serde_json::json!({
        "format": "tablewright/3",
        "name": "Loans",
        "table": { "name": "loans", "billing": { "mode": "on_demand" } },
        "entities": [{
            "name": "Loan", "expected_count": 1000,
            "attributes": [
                { "name": "loanId", "type": "string", "identifier": true },
                { "name": "branch", "type": "string", "required": true, "distribution": { "distinct_values": 3 } },
                { "name": "dueDate", "type": "string", "format": "date", "required": true },
                { "name": "copies", "type": "number", "required": true },
                { "name": "overdue", "type": "boolean" }
            ]
        }],
        "access_patterns": [
            {
                "id": "L1", "name": "Loans of a branch by due date", "kind": "read_many", "entity": "Loan",
                "inputs": ["branch"], "range": { "attribute": "dueDate", "op": op }, "filter": filter, "peak_rate": 1.0
            },
            {
                "id": "L2", "name": "Loans of a branch by copies", "kind": "read_many", "entity": "Loan",
                "inputs": ["branch"], "range": { "attribute": "copies", "op": op }, "peak_rate": 1.0
            }
        ]
    });
    tablewright_engine::load_str(&text.to_string()).unwrap()
}

fn loans_sample(model: &Model, items: usize) -> Sample {
    let design = derive(model);
    generate(model, &design, &SampleOptions { items_per_entity: items, seed: 1, as_of: 20_454 }).unwrap()
}

/// An answer of nothing proves nothing. The draw a proof uses finds parameters
/// with an answer whenever some have one.
#[test]
fn the_proofs_draw_prefers_parameters_with_an_answer() {
    let model = loans(">=", serde_json::json!({ "attribute": "copies", "op": "equals", "input": "copies" }));
    let sample = loans_sample(&model, 40);
    let pattern = &model.access_patterns[0];
    let mut rng = Rng::new(11);
    let plain = (0..60).filter(|_| {
        let params = draw(&model, &sample, pattern, &mut rng).unwrap();
        expected(&model, &sample, pattern, &params).count == 0
    });
    assert!(plain.count() > 0, "a plain draw sometimes has no answer, or this test shows nothing");
    for _ in 0..40 {
        let params = draw_answered(&model, &sample, pattern, &mut rng).unwrap();
        assert!(expected(&model, &sample, pattern, &params).count > 0, "{params:?}");
    }
}

/// A strict bound drawn at an item's own value leaves that item out: with a rare
/// marker only one item passes, and a proof of "due before x" compared two empty
/// answers. The bound is drawn one step past a value, so every draw has one.
#[test]
fn strict_range_bounds_take_in_the_value_they_are_drawn_from() {
    for op in ["<", ">"] {
        let model = loans(op, serde_json::json!({ "attribute": "overdue", "op": "present", "selectivity": 0.02 }));
        let sample = loans_sample(&model, 6);
        let mut rng = Rng::new(7);
        for pattern in &model.access_patterns {
            for _ in 0..30 {
                let params = draw(&model, &sample, pattern, &mut rng).unwrap();
                let want = expected(&model, &sample, pattern, &params);
                assert!(want.count > 0, "{} ({op}) with {params:?} expects nothing", pattern.id);
            }
        }
    }
}

/// A comment added with its issue's count in one transaction: the issue must
/// exist and have a count, which every issue has, so no sample item can stand
/// in for "the issue has no commentCount". That way to fail is listed as not
/// tried, not dropped without a word. "The issue does not exist" is tried: the
/// comment is then put under the new issue's id (new items are made parents
/// first).
#[test]
fn a_way_to_fail_that_no_sample_item_can_stand_in_for_is_listed_as_not_tried() {
    let text = serde_json::json!({
        "format": "tablewright/3",
        "name": "Issues",
        "table": { "name": "issues", "billing": { "mode": "on_demand" } },
        "entities": [
            { "name": "Issue", "expected_count": 1000, "attributes": [
                { "name": "issueId", "type": "string", "identifier": true },
                { "name": "commentCount", "type": "number", "required": true } ] },
            { "name": "Comment", "expected_count": 10000, "attributes": [
                { "name": "commentId", "type": "string", "identifier": true },
                { "name": "body", "type": "string", "required": true } ] }
        ],
        "relationships": [{ "name": "comments", "from": "Issue", "to": "Comment", "cardinality": "one_to_many" }],
        "access_patterns": [
            { "id": "C1", "name": "An issue with its comments", "kind": "read_many", "entity": "Issue", "with": ["Comment"],
              "inputs": ["issueId"], "peak_rate": 1.0 },
            { "id": "C2", "name": "Add a comment", "kind": "transaction", "entity": "Comment", "peak_rate": 1.0, "steps": [
                { "action": "put", "entity": "Comment", "conditions": [{ "op": "not_exists" }] },
                { "action": "update", "entity": "Issue", "conditions": [{ "op": "exists" }, { "attribute": "commentCount", "op": "exists" }],
                  "updates": [{ "attribute": "commentCount", "action": "add", "input": "one" }] }
            ]}
        ]
    });
    let model = tablewright_engine::load_str(&text.to_string()).unwrap_or_else(|d| panic!("{d:?}"));
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 6, seed: 1, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let p = model.access_patterns.iter().find(|p| p.id == "C2").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "C2").unwrap();
    let made = scenarios(&model, &design, &sample, &options, p, plan).unwrap();
    assert!(made.cases.iter().any(|c| c.succeeds), "{:?}", made.cases);
    // Every issue has a comment count, so none stands in for one without.
    assert_eq!(
        made.untried,
        ["Issue: the item has no commentCount, which no sample item could stand in for beside the write's other items"],
        "{:?}",
        made.cases
    );
    // A comment on an issue that does not exist is put under a new issue's id.
    let absent = made.cases.iter().find(|c| c.name.starts_with("Issue: the item does not exist")).unwrap();
    assert_eq!(absent.actions[0].key_values["issueId"], absent.actions[1].key_values["issueId"]);
    assert!(absent.actions[1].before.is_none() && !absent.succeeds);
}

/// A read's order is shown by an answer that a plan ignoring the order would
/// change: two items kept that rank apart, or a limit that cuts between two
/// ranks. The draws look for such an answer; one item per entity has none.
#[test]
fn an_answer_shows_its_order_only_where_another_order_would_change_it() {
    let (model, design, sample, options) = acme();
    let shown = |model: &Model, sample: &Sample, id: &str| {
        let p = model.pattern(id).unwrap();
        let mut rng = Rng::derive(options.seed, id);
        let params = draw_answered(model, sample, p, &mut rng).unwrap();
        expected(model, sample, p, &params).order_shown
    };
    assert!(shown(&model, &sample, "AP09") && shown(&model, &sample, "AP11"));

    // The last transaction of an account: one item, but a later one would
    // have been missed, so the order is shown.
    let mut last_one = model.clone();
    last_one.access_patterns.iter_mut().find(|p| p.id == "AP09").unwrap().limit = Some(1);
    assert!(shown(&last_one, &sample, "AP09"));

    let single = SampleOptions { items_per_entity: 1, ..options };
    let one_each = generate(&model, &design, &single).unwrap();
    assert!(!shown(&model, &one_each, "AP09") && !shown(&model, &one_each, "AP11"));
}

/// A limit shows only where more items match than it keeps: "the last 20
/// transactions" of an account with fewer is answered alike with or without it.
#[test]
fn an_answer_shows_its_limit_only_where_more_items_match_than_it_keeps() {
    let (model, _, sample, options) = acme();
    let shown = |model: &Model, id: &str| {
        let p = model.pattern(id).unwrap();
        let mut rng = Rng::derive(options.seed, id);
        let params = draw_answered(model, &sample, p, &mut rng).unwrap();
        expected(model, &sample, p, &params).limit_shown
    };
    let mut limited = model.clone();
    let ap09 = limited.access_patterns.iter_mut().find(|p| p.id == "AP09").unwrap();
    ap09.limit = Some(1);
    assert!(shown(&limited, "AP09"), "an account with two transactions shows a limit of one");
    limited.access_patterns.iter_mut().find(|p| p.id == "AP09").unwrap().limit = Some(100_000);
    assert!(!shown(&limited, "AP09"));
    assert!(!shown(&model, "AP11"), "no limit, nothing to show");
}
