//! Deploy, seed and prove against a real DynamoDB Local: every example model end to
//! end, re-applying, adding and removing an index, transactions, and a plan that is
//! wrong on purpose.

mod support;

use support::flow::*;
use tablewright_deploy::live::describe;
use tablewright_deploy::prove::{ProveOptions, Prover};
use tablewright_deploy::{Change, DeployError};
use tablewright_engine::design::derive;
use tablewright_engine::design::Design;
use tablewright_engine::model::{AccessPattern, PatternKind};
use tablewright_engine::sample::{generate, SampleOptions};
use tablewright_engine::table_spec::TableSpec;
use tablewright_engine::Model;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_example_deploys_seeds_proves_and_reapplies_to_nothing() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    for stem in support::examples() {
        let (model, design) = support::model(&stem);
        let table = support::table(&format!("all-{stem}"));
        let created = deploy(&client, &model, &design, &table).await;
        assert!(matches!(created.changes[0], Change::CreateTable { .. }), "{stem}: {:?}", created.changes);

        let (sample, options) = sample(&model, &design, 40);
        let seeded = seed_all(&client, &table, &sample).await;
        assert_eq!(seeded.count, Some(sample.items.len() as u64), "{stem}: every item is counted in the table");

        let report = prove(&client, &table, &model, &design, &sample, &options).await;
        assert!(report.pass(), "{stem}: every pattern is proven:\n{}", failures(&report));
        assert_eq!(report.patterns.len(), model.access_patterns.len());
        assert!(report.patterns.iter().filter(|p| p.scenarios.is_empty()).all(|p| p.returned == p.expected));

        let again = plan_for(&client, &model, &design, &table).await;
        assert!(again.is_empty(), "{stem}: re-applying changes nothing, but the plan is {:?}", again.changes);
        assert!(
            again.warnings.is_empty(),
            "{stem}: the seeded items are keyed as the design keys them: {:?}",
            again.warnings
        );
    }
}

/// A new access pattern of Customer, which already writes keys into every GSI.
fn by_last_name() -> AccessPattern {
    serde_json::from_value(serde_json::json!({
        "id": "AP23", "name": "List the customers with a last name", "kind": "read_many",
        "entity": "Customer", "inputs": ["lastName"], "peak_rate": 5.0
    }))
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pattern_that_needs_a_new_gsi_adds_it_and_removing_it_needs_allow_destroy() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = support::table("gsi-acme");
    deploy(&client, &model, &design, &table).await;
    let (sample, _) = sample(&model, &design, 30);
    seed_all(&client, &table, &sample).await;

    let mut grown = model.clone();
    grown.access_patterns.push(by_last_name());
    let grown_design = derive(&grown);
    assert_eq!(grown_design.gsis.len(), design.gsis.len() + 1, "the new pattern needs a GSI of its own");
    assert_eq!(&grown_design.gsis[..design.gsis.len()], &design.gsis[..], "the other GSIs stay as they are");

    let plan = deploy(&client, &grown, &grown_design, &table).await;
    assert_eq!(plan.changes.len(), 1, "{:?}", plan.changes);
    assert!(matches!(&plan.changes[0], Change::CreateGsi { index } if index.name == "GSI4"), "{:?}", plan.changes);
    let live = describe(&client, &table).await.unwrap().unwrap();
    assert!(live.spec.gsis.iter().any(|g| g.name == "GSI4") && live.busy_indexes.is_empty(), "GSI4 is ACTIVE");
    let again = plan_for(&client, &grown, &grown_design, &table).await;
    assert!(again.is_empty(), "applied twice changes nothing");
    // Items written before the index existed lack its keys, and the plan says so.
    assert!(
        again.warnings.iter().any(|w| w.starts_with("GSI4PK (GSI4): of ") && w.contains(" lack it")),
        "{:?}",
        again.warnings
    );

    // Seeded again, the items carry the new index's keys: then it proves.
    let (grown_sample, grown_options) = sample_of(&grown, &grown_design);
    seed_all(&client, &table, &grown_sample).await;
    assert!(plan_for(&client, &grown, &grown_design, &table).await.warnings.is_empty());
    let report = prove(&client, &table, &grown, &grown_design, &grown_sample, &grown_options).await;
    assert!(report.pass(), "{}", failures(&report));
    assert!(report.pattern("AP23").unwrap().returned > 0);

    // Back to the original model: GSI4 goes, but only when destroying is allowed.
    let shrink = plan_for(&client, &model, &design, &table).await;
    assert_eq!(shrink.changes, vec![Change::DeleteGsi { name: "GSI4".into() }]);
    assert!(shrink.changes[0].destructive());
    let refused = deploy_with(&client, &model, &design, &table, false).await;
    assert!(matches!(refused, Err(DeployError::Destructive(_))), "{refused:?}");
    assert!(
        describe(&client, &table).await.unwrap().unwrap().spec.gsis.iter().any(|g| g.name == "GSI4"),
        "nothing was deleted"
    );
    deploy_with(&client, &model, &design, &table, true).await.unwrap();
    assert!(plan_for(&client, &model, &design, &table).await.is_empty());
}

/// Two GSIs swapped between deploys: the table's definition is the same, so no
/// change of it shows that every stored item is keyed for the other index.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indexes_renumbered_since_the_items_were_written_are_a_warning_not_a_match() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = support::table("renumbered-acme");
    seeded(&client, &model, &design, &table, 10).await;
    let mut renumbered = design.clone();
    let swap = |k: &str| k.replace("GSI1", "GSI_").replace("GSI2", "GSI1").replace("GSI_", "GSI2");
    for entity in &mut renumbered.entities {
        entity.keys = std::mem::take(&mut entity.keys).into_iter().map(|(k, v)| (swap(&k), v)).collect();
    }
    let plan = plan_for(&client, &model, &renumbered, &table).await;
    assert!(plan.warnings.iter().any(|w| w.starts_with("GSI1PK (GSI1): of ")), "{:?}", plan.warnings);
    assert!(plan.warnings.iter().any(|w| w.starts_with("GSI2PK (GSI2): of ")), "{:?}", plan.warnings);
}

fn sample_of(model: &Model, design: &Design) -> (tablewright_engine::sample::Sample, SampleOptions) {
    sample(model, design, 30)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acme_rejects_an_uncovered_debit_and_a_stale_counter_and_changes_nothing() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = support::table("tx-acme");
    deploy(&client, &model, &design, &table).await;
    let (sample, options) = sample(&model, &design, 30);
    seed_all(&client, &table, &sample).await;
    let report = prove(&client, &table, &model, &design, &sample, &options).await;
    assert!(report.pass(), "{}", failures(&report));

    let debit = report.pattern("AP19").unwrap();
    let scenario = |part: &str| {
        debit
            .scenarios
            .iter()
            .find(|s| s.name.contains(part))
            .unwrap_or_else(|| panic!("no scenario on {part}: {:?}", debit.scenarios))
    };
    let uncovered = scenario("balance >= :debitAmount does not hold");
    assert!(!uncovered.must_succeed && !uncovered.succeeded && uncovered.pass, "{uncovered:?}");
    assert!(uncovered.rejection.as_deref().is_some_and(|r| r.contains("ConditionalCheckFailed")));
    let stale = scenario("lastTransactionNumber = :expectedLastTransactionNumber does not hold");
    assert!(!stale.succeeded && stale.pass, "{stale:?}");
    let posted = scenario("every condition holds");
    assert!(posted.succeeded && posted.pass, "{posted:?}");

    // The proof puts the table back as it was seeded.
    let count = tablewright_deploy::seed::count_items(&client, &table).await.unwrap();
    assert_eq!(count, sample.items.len() as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_plan_fails_its_proof() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = support::table("broken-acme");
    let (sample, options) = seeded(&client, &model, &design, &table, 40).await;

    let mut broken = design.clone();
    let plan = |d: &mut Design, id: &str| -> usize { d.plans.iter().position(|p| p.pattern == id).unwrap() };
    // AP03 reads only the first shard of a hot state.
    let i = plan(&mut broken, "AP03");
    broken.plans[i].request.count = 1;
    broken.plans[i].request.key.as_mut().unwrap().partition.value = "STATE#{state}#0".into();
    // AP05 looks for accounts under the offers' prefix.
    let i = plan(&mut broken, "AP05");
    broken.plans[i].request.key.as_mut().unwrap().sort.as_mut().unwrap().values = vec!["OFFER#".into()];
    // AP19 drops the balance check from the debit.
    let i = plan(&mut broken, "AP19");
    broken.plans[i].actions[1].condition = Some("#lastTransactionNumber = :expectedLastTransactionNumber".into());

    let report = prove(&client, &table, &model, &broken, &sample, &options).await;
    let failed: Vec<&str> = report.patterns.iter().filter(|p| !p.pass).map(|p| p.pattern.as_str()).collect();
    // AP18 writes an account: the reads of accounts run again after it, AP05's wrong plan among them.
    assert_eq!(failed, ["AP03", "AP05", "AP18", "AP19"], "{}", failures(&report));
    let credit = report.pattern("AP18").unwrap();
    assert!(credit.failures.iter().all(|f| f.contains("AP05 after the write")), "{:#?}", credit.failures);
    let debit = report.pattern("AP19").unwrap();
    let uncovered = debit.scenarios.iter().find(|s| s.name.contains("balance")).unwrap();
    assert!(uncovered.succeeded && !uncovered.pass, "the debit went through: {uncovered:?}");
    let ap03 = report.pattern("AP03").unwrap();
    assert!(ap03.returned < ap03.expected, "{ap03:?}");
}

/// A read's order is proven only by an answer of two items that rank apart: the
/// draws look for one, and where the sample has none (one item per entity) the
/// report lists the order as not tried, and the summary counts it. Likewise a
/// limit, which an account with more transactions than it keeps shows: a
/// quarter of the sample's transactions are its first account's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_no_answer_showed_is_listed_as_not_tried() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let ordered: Vec<String> = ["AP09", "AP11"].map(String::from).to_vec();
    for (items, shown, cut) in [(40, true, false), (1, false, false), (100, true, true)] {
        let table = support::table(&format!("ordered-acme-{items}"));
        let (sample, options) = seeded(&client, &model, &design, &table, items).await;
        let report = prove_only(&client, &table, &model, &design, &sample, &options, &ordered).await;
        for id in &ordered {
            let p = report.pattern(id).unwrap();
            assert!(p.pass, "{}", failures(&report));
            let untried = p.untried.iter().any(|u| u.starts_with("the order by "));
            assert_eq!(untried, !shown, "{items} items per entity, {id}: {:?}", p.untried);
        }
        let counted = report.summary.contains("not tried, for want of sample items (AP09, AP11)");
        assert_eq!(counted, !shown, "{}", report.summary);
        // The last 20 transactions of an account: only the busy account of
        // 100 transactions has more than 20.
        let ap09 = report.pattern("AP09").unwrap();
        let untried = ap09.untried.iter().any(|u| u.starts_with("the limit of 20, which no answer reached"));
        assert_eq!(untried, !cut, "{items} items per entity: {:?}", ap09.untried);
    }
}

/// An update that changes what an index key is made of, planned without the
/// key's rewrite: the index keeps a stale entry, and the proof says which.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_that_leaves_an_index_key_stale_fails_its_proof() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("ecommerce-orders");
    let table = support::table("stale-ecommerce");
    let (sample, options) = seeded(&client, &model, &design, &table, 30).await;

    let mut broken = design.clone();
    let plan = broken.plans.iter_mut().find(|p| p.pattern == "EC15").unwrap();
    let inventory = plan.actions.iter_mut().find(|a| a.entity == "Inventory").unwrap();
    inventory.update = inventory.update.as_deref().map(|u| u.replace(", #GSI1SK = :_GSI1SK", ""));
    inventory.built.clear();

    let only = vec!["EC15".to_string()];
    let report = prove_only(&client, &table, &model, &broken, &sample, &options, &only).await;
    let ec15 = report.pattern("EC15").unwrap();
    assert!(!ec15.pass, "the stale key must fail the proof: {ec15:?}");
    assert!(
        ec15.failures.iter().any(|f| f.contains("Inventory") && f.contains("GSI1SK")),
        "the failure names the item and the stale index key: {:#?}",
        ec15.failures
    );
    let report = prove_only(&client, &table, &model, &design, &sample, &options, &only).await;
    assert!(report.pass(), "the derived plan rebuilds the key:\n{}", failures(&report));
}

/// The verifier and the proof agree: an index key built from an optional attribute
/// loses the items without it, the proof finds the missing items, and its report
/// gives the verifier's cause and fix. With the fix applied (the attribute made
/// required), the pattern is proven. The loans not yet returned (an `absent`
/// filter) are proven either way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_proof_says_the_cause_and_the_fix_and_the_fix_proves() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let file = support::repo().join("tests/fixtures/library-optional-key.tablewright.json");
    let mut model = tablewright_engine::load::load_file(&file).unwrap();
    for fixed in [false, true] {
        let design = derive(&model);
        let table = support::table(&format!("library-{fixed}"));
        let (sample, options) = seeded(&client, &model, &design, &table, 30).await;
        let only = vec!["AP03".to_string(), "AP06".to_string()];
        let report = prove_only(&client, &table, &model, &design, &sample, &options, &only).await;
        let ap03 = report.pattern("AP03").unwrap();
        assert_eq!(ap03.pass, fixed, "{}", failures(&report));
        let ap06 = report.pattern("AP06").unwrap();
        assert!(ap06.pass && ap06.expected > 0, "open loans (returnedOn absent): {}", failures(&report));
        if !fixed {
            assert!(ap03.returned < ap03.expected, "{ap03:?}");
            assert!(
                ap03.cause.iter().any(|c| c.contains("loanedAt") && c.contains("Make loanedAt required")),
                "{:#?}",
                ap03.cause
            );
            let fix = ap03.fixes.iter().find(|f| f.label == "Make Loan's loanedAt required");
            let fix = fix.unwrap_or_else(|| panic!("{:#?}", ap03.fixes));
            model = tablewright_engine::edit::apply(&model, &fix.edit).unwrap().model;
        }
    }
}

/// An index projects what the reads of it return, and both the verifier and the
/// proof catch one that does not: GSI2, derived as INCLUDE (orderId, status,
/// version) for EC06, cut to orderId, returns orders without their status.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_that_leaves_out_what_a_read_returns_fails_the_verifier_and_the_proof() {
    use tablewright_engine::design::Projection;
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, mut design) = support::model("ecommerce-orders");
    let only = vec!["EC06".to_string()];
    let gsi2 = design.gsis.iter_mut().find(|i| i.name == "GSI2").unwrap();
    let derived = Projection::Include(vec!["orderId".into(), "status".into(), "version".into()]);
    assert_eq!(gsi2.projection, derived, "EC06 returns orderId, status and version");
    for projection in [derived, Projection::Include(vec!["orderId".into()])] {
        let cut = projection != design.gsis[1].projection;
        let mut tried = design.clone();
        tried.gsis[1].projection = projection;
        let verification = tablewright_engine::verify::verify(&model, &tried);
        let ec06 = verification.patterns.iter().find(|v| v.pattern == "EC06").unwrap();
        assert_eq!(ec06.reasons.iter().any(|r| r.contains("cannot get status, version")), cut, "{:?}", ec06.reasons);
        let table = support::table(&format!("projection-{cut}"));
        let (sample, options) = seeded(&client, &model, &tried, &table, 20).await;
        let report = prove_only(&client, &table, &model, &tried, &sample, &options, &only).await;
        let proven = report.pattern("EC06").unwrap();
        assert_eq!(proven.pass, !cut, "{}", failures(&report));
        if cut {
            assert!(proven.failures.iter().any(|f| f.contains("lacks status")), "{:?}", proven.failures);
        }
    }
}

/// Every filter test means on DynamoDB what the oracle says it means: every order,
/// read through one index partition, filtered by each test in turn (an optional
/// attribute among them, where an item without it passes only `not_equals`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filter_test_agrees_with_dynamodb() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (mut model, _) = support::model("ecommerce-orders");
    let every_order = model.access_patterns.iter_mut().find(|p| p.id == "EC18").unwrap();
    every_order.inputs.clear();
    every_order.result_size = Some(1000);
    // No filter, as none of those tried below states a selectivity: a filter that
    // drops items makes the read heavier, which can change the shard count.
    every_order.filter = None;
    let design = derive(&model);
    let table = support::table("filters-ecommerce");
    let (sample, options) = seeded(&client, &model, &design, &table, 60).await;
    let test = |attribute: &str, op: &str, operands: serde_json::Value| {
        let mut filter = serde_json::json!({ "attribute": attribute, "op": op });
        filter.as_object_mut().unwrap().extend(operands.as_object().unwrap().clone());
        filter
    };
    let none = serde_json::json!({});
    let filters = [
        test("status", "not_equals", serde_json::json!({ "value": "delivered" })),
        test("status", "begins_with", serde_json::json!({ "value": "p" })),
        test("status", "in", serde_json::json!({ "values": ["paid", "shipped", "returned"] })),
        test("channel", "equals", serde_json::json!({ "value": "web" })),
        test("totalAmount", "less_than", serde_json::json!({ "value": "120" })),
        test("totalAmount", "less_or_equal", serde_json::json!({ "value": "120.5" })),
        test("totalAmount", "greater_or_equal", serde_json::json!({ "value": "80" })),
        test("totalAmount", "between", serde_json::json!({ "values": ["50", "150"] })),
        test("paymentReference", "contains", serde_json::json!({ "value": "1" })),
        test("fraudHoldReason", "not_equals", serde_json::json!({ "value": "manual" })),
        test("cancelledAt", "less_or_equal", serde_json::json!({ "value": "2100" })),
        // Values the request gives, drawn by the oracle from the sample.
        test("totalAmount", "greater_than", serde_json::json!({ "input": "minAmount" })),
        test("channel", "equals", serde_json::json!({ "input": "salesChannel" })),
        test("status", "not_equals", serde_json::json!({ "input": "unwanted" })),
        test("paymentReference", "begins_with", serde_json::json!({ "input": "prefix" })),
        test("paymentReference", "contains", serde_json::json!({ "input": "part" })),
        test("cancelledAt", "less_than", serde_json::json!({ "input": "before" })),
        // Tests joined, and every kind of test negated (NOT pushed down to them).
        serde_json::json!({ "all": [
            test("channel", "equals", serde_json::json!({ "input": "salesChannel" })),
            { "any": [
                test("status", "in", serde_json::json!({ "values": ["cancelled", "returned"] })),
                test("cancelledAt", "present", none.clone()),
            ]},
        ]}),
        serde_json::json!({ "not": test("status", "equals", serde_json::json!({ "value": "delivered" })) }),
        serde_json::json!({ "not": test("status", "in", serde_json::json!({ "values": ["delivered", "paid"] })) }),
        serde_json::json!({ "not": test("status", "begins_with", serde_json::json!({ "value": "p" })) }),
        serde_json::json!({ "not": test("totalAmount", "between", serde_json::json!({ "values": ["50", "150"] })) }),
        serde_json::json!({ "not": test("cancelledAt", "present", none.clone()) }),
        serde_json::json!({ "not": test("cancelledAt", "less_than", serde_json::json!({ "input": "before" })) }),
        serde_json::json!({ "not": { "any": [
            test("channel", "equals", serde_json::json!({ "value": "web" })),
            { "all": [
                test("totalAmount", "greater_than", serde_json::json!({ "input": "minAmount" })),
                { "not": test("fraudHoldReason", "absent", none.clone()) },
            ]},
        ]}}),
    ];
    let mut found = 0;
    for filter in filters {
        let shown = filter.to_string();
        let mut tested = model.clone();
        let ec18 = tested.access_patterns.iter_mut().find(|p| p.id == "EC18").unwrap();
        ec18.filter = Some(serde_json::from_value(filter).unwrap());
        assert!(tablewright_engine::validate::validate(&tested).is_empty(), "{shown}");
        let tested_design = derive(&tested);
        assert_eq!(tested_design.gsis, design.gsis, "a filter changes no index");
        let keys = |d: &Design| d.entities.iter().map(|e| e.keys.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&tested_design), keys(&design), "{shown} changes no key");
        let only = vec!["EC18".to_string()];
        let report = prove_only(&client, &table, &tested, &tested_design, &sample, &options, &only).await;
        assert!(report.pass(), "{shown}:\n{}", failures(&report));
        found += report.pattern("EC18").unwrap().expected;
    }
    assert!(found > 100, "the sample gives the filters items to keep: {found}");
}

#[test]
fn the_example_patterns_cover_every_kind() {
    // The end-to-end test above is only as good as the patterns it runs.
    let kinds: std::collections::BTreeSet<String> = support::examples()
        .iter()
        .flat_map(|s| support::model(s).0.access_patterns)
        .map(|p| format!("{:?}", p.kind))
        .collect();
    for kind in [
        PatternKind::ReadOne,
        PatternKind::ReadMany,
        PatternKind::Transaction,
        PatternKind::Update,
        PatternKind::Expire,
    ] {
        assert!(kinds.contains(&format!("{kind:?}")), "{kind:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scratch_proof_proves_every_pattern_and_leaves_no_table_behind() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let (sample, options) = sample(&model, &design, 15);
    let connection = tablewright_deploy::connect(&tablewright_deploy::Target::Local { endpoint }).await;
    let before = client.list_tables().send().await.unwrap().table_names.unwrap_or_default();
    let prove_options = ProveOptions { trials: 2, only: Vec::new(), check_count: true };
    let scratch_proof =
        tablewright_deploy::scratch::prove_on_scratch(&connection, &model, &design, &sample, &options, &prove_options)
            .await
            .unwrap();
    assert!(scratch_proof.proof.pass(), "every pattern is proven:\n{}", failures(&scratch_proof.proof));
    assert_eq!(scratch_proof.proof.patterns.len(), model.access_patterns.len());
    assert_eq!(scratch_proof.items, sample.items.len());
    assert!(scratch_proof.table.starts_with("acme-bank-proof-"), "{}", scratch_proof.table);
    assert_eq!(scratch_proof.left_behind, None);
    let after = client.list_tables().send().await.unwrap().table_names.unwrap_or_default();
    // Other tests share this DynamoDB Local and create tables of their own meanwhile.
    assert!(!after.contains(&scratch_proof.table), "the scratch table is gone: {after:?}");
    assert!(before.iter().all(|t| after.contains(t)), "no other table was deleted: {before:?} -> {after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_with_deletion_protection_is_never_replaced_until_protection_is_turned_off_on_its_own() {
    use std::time::Duration;
    use tablewright_deploy::apply::{apply, ApplyOptions, Progress};
    use tablewright_engine::table_spec::TableSpec;

    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("hr-directory");
    let table = support::table("protected-hr");
    let mut protected = TableSpec::new(&model, &design, Some(&table));
    protected.deletion_protection = true;
    let everything = ApplyOptions { allow_destroy: true, confirmed: true, wait: Duration::from_secs(120) };
    let plan_to = |spec: &TableSpec| {
        let client = client.clone();
        let (spec, table) = (spec.clone(), table.clone());
        async move { tablewright_deploy::plan(&spec, describe(&client, &table).await.unwrap().as_ref()) }
    };
    apply(&client, &plan_to(&protected).await, &everything, &mut Progress::to(&mut |_| {})).await.unwrap();

    // A new key schema means a new table; with protection on, even --allow-destroy --yes is refused.
    let mut rekeyed = protected.clone();
    rekeyed.sort_key = None;
    rekeyed.lsis.clear();
    let plan = plan_to(&rekeyed).await;
    assert!(matches!(&plan.changes[0], Change::ReplaceTable { protected: true, .. }), "{:?}", plan.changes);
    let refused = apply(&client, &plan, &everything, &mut Progress::to(&mut |_| {})).await;
    assert!(matches!(refused, Err(DeployError::Protected(_))), "{refused:?}");
    let live = describe(&client, &table).await.unwrap().expect("the table is still there");
    assert!(live.spec.deletion_protection && live.spec.sort_key.is_some(), "untouched");

    // Turning protection off is a deploy of its own; the next one replaces the table.
    rekeyed.deletion_protection = false;
    let plan = plan_to(&rekeyed).await;
    assert_eq!(plan.changes, vec![Change::SetDeletionProtection { enabled: false }]);
    apply(&client, &plan, &everything, &mut Progress::to(&mut |_| {})).await.unwrap();
    let plan = plan_to(&rekeyed).await;
    assert!(matches!(&plan.changes[0], Change::ReplaceTable { protected: false, .. }), "{:?}", plan.changes);
    apply(&client, &plan, &everything, &mut Progress::to(&mut |_| {})).await.unwrap();
    assert!(describe(&client, &table).await.unwrap().unwrap().spec.sort_key.is_none(), "replaced");
}

/// A live GSI that projects some attributes (INCLUDE) reads back with them, so a
/// design that projects all is a different index: it is replaced, and a design
/// that keeps the same INCLUDE leaves it alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_projecting_some_attributes_reads_back_with_them() {
    use std::time::Duration;
    use tablewright_deploy::apply::{apply, ApplyOptions, Progress};
    use tablewright_engine::design::Projection;
    use tablewright_engine::table_spec::TableSpec;

    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = support::table("include-acme");
    let mut included = TableSpec::new(&model, &design, Some(&table));
    included.gsis[0].projection = Projection::Include(vec!["customerName".into(), "balance".into()]);
    let options = ApplyOptions { allow_destroy: true, confirmed: true, wait: Duration::from_secs(120) };
    let created = tablewright_deploy::plan(&included, None);
    apply(&client, &created, &options, &mut Progress::to(&mut |_| {})).await.unwrap();

    let live = describe(&client, &table).await.unwrap().expect("created");
    let gsi1 = live.spec.gsis.iter().find(|g| g.name == included.gsis[0].name).unwrap();
    assert_eq!(gsi1.projection, included.gsis[0].projection);
    assert_eq!(tablewright_deploy::plan(&included, Some(&live)).changes, vec![], "the same table");

    let all = TableSpec::new(&model, &design, Some(&table));
    let changes = tablewright_deploy::plan(&all, Some(&live)).changes;
    let name = all.gsis[0].name.clone();
    assert_eq!(
        changes,
        vec![Change::DeleteGsi { name }, Change::CreateGsi { index: all.gsis[0].clone() }],
        "projecting all is another index"
    );
}

/// An imported design keeps its source's key attribute names: the session
/// schema's inverted index is keyed by the table's own SK and PK, which a real
/// table then holds once each, and every implied pattern is proven over it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_design_deploys_and_proves_with_its_sources_key_names() {
    let model = imported_session(None);
    let design = derive(&model);
    let gsi = &design.gsis[0];
    assert_eq!((gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()), ("SK", "PK"), "{}", gsi.explanation);
    deploy_and_prove_live(&model, &design, "imported-names", ("GSI1_inverse", "SK", "PK")).await;
}

/// Key names that may be reserved words reach DynamoDB through expression
/// placeholders: the Query, the condition and the key upkeep all run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_design_keyed_by_reserved_words_deploys_and_proves() {
    let model = imported_session(Some(("Owner", "Data")));
    let design = derive(&model);
    let gsi = &design.gsis[0];
    assert_eq!((gsi.partition_key.name.as_str(), gsi.sort_key.name.as_str()), ("Owner", "Data"), "{}", gsi.explanation);
    deploy_and_prove_live(&model, &design, "reserved-names", ("GSI1_inverse", "Owner", "Data")).await;
}

/// The corpus's session-management Workbench model, its index's key names
/// replaced by `gsi_names` when given.
fn imported_session(gsi_names: Option<(&str, &str)>) -> Model {
    use tablewright_engine::import::{import, ImportOptions};
    let path = support::repo().join("corpus/nosql-workbench/SessionManagementSchema.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut model = import(&text, None, &ImportOptions { table: None }).unwrap_or_else(|e| panic!("{e}"));
    if let Some((pk, sk)) = gsi_names {
        let source = model.imported.as_mut().unwrap().keys.get_mut("GSI1").unwrap();
        source.partition_key.as_mut().unwrap().name = pk.into();
        source.sort_key.as_mut().unwrap().name = sk.into();
    }
    model
}

/// A table keyed by its items' own attributes: the put, the status update (the
/// index key itself) and the index read after it all prove.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_keyed_by_its_items_own_attributes_deploys_and_proves() {
    use tablewright_engine::import::{import, ImportOptions};
    let path = support::repo().join("crates/engine/tests/fixtures/orders-keyed-by-attributes.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut model = import(&text, None, &ImportOptions { table: None }).unwrap_or_else(|e| panic!("{e}"));
    let writes = std::fs::read_to_string(path.with_file_name("orders-writes.json")).unwrap();
    model.access_patterns.extend(serde_json::from_str::<Vec<AccessPattern>>(&writes).unwrap());
    let design = derive(&model);
    assert_eq!(design.table.partition_key.name, "customerId");
    deploy_and_prove_live(&model, &design, "own-attribute-keys", ("ByStatus", "status", "createdAt")).await;
}

/// A table keyed by a number (the shared Workbench fixture's GamePlayers: `name`
/// text, `id` number, an inverted index): the live table defines `id` as N, and
/// the reads, the range reads, the put, the update and the delete all prove.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_keyed_by_a_number_deploys_and_proves_with_number_keys() {
    use tablewright_engine::import::{import, ImportOptions};
    let path = support::repo().join("../shared/fixtures/nosql-workbench/reddit-game-player-status.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut model = import(&text, None, &ImportOptions { table: None }).unwrap_or_else(|e| panic!("{e}"));
    let patterns = support::repo().join("crates/engine/tests/fixtures/game-players-patterns.json");
    let patterns = std::fs::read_to_string(patterns).unwrap();
    model.access_patterns.extend(serde_json::from_str::<Vec<AccessPattern>>(&patterns).unwrap());
    let design = derive(&model);
    assert_eq!(design.table.sort_key.attr_type, "N");
    deploy_and_prove_live(&model, &design, "number-keys", ("GSI_Inverted", "id", "name")).await;
}

async fn deploy_and_prove_live(model: &Model, design: &Design, label: &str, gsi: (&str, &str, &str)) {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let table = support::table(label);
    deploy(&client, model, design, &table).await;
    let live = describe(&client, &table).await.unwrap().expect("the table exists");
    let index = &live.spec.gsis[0];
    assert_eq!(index.name, gsi.0, "the live index has the source's name");
    let keys = (index.partition_key.name.as_str(), index.sort_key.as_ref().map(|k| k.name.as_str()));
    assert_eq!(keys, (gsi.1, Some(gsi.2)), "the live index is keyed by the source's names");
    let defined = TableSpec::new(model, design, None).attribute_definitions();
    assert_eq!(live.spec.attribute_definitions(), defined, "with their types");

    let (sample, options) = sample(model, design, 30);
    seed_all(&client, &table, &sample).await;
    let report = prove(&client, &table, model, design, &sample, &options).await;
    assert!(report.pass(), "{}", failures(&report));
}

/// A table seeded from another sample (another seed, as another model or an
/// earlier design would be) holds as many items as the proof's: the proof says
/// so, naming the first item that is not the sample's, before judging any read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_seeded_from_another_sample_is_refused_with_the_item_that_differs() {
    let endpoint = support::endpoint().await;
    let client = client(&endpoint).await;
    let (model, design) = support::model("acme-bank");
    let table = support::table("other-sample-acme");
    let (_, options) = seeded(&client, &model, &design, &table, 10).await;
    let other = SampleOptions { seed: options.seed + 1, ..options };
    let sample = generate(&model, &design, &other).unwrap();
    let prover = Prover {
        client: &client,
        table: &table,
        model: &model,
        design: &design,
        sample: &sample,
        sample_options: &other,
    };
    let err = prover.prove(&ProveOptions::default()).await.unwrap_err().to_string();
    assert!(
        err.starts_with("the table holds as many items as the sample, but not the sample: where the sample has the "),
        "{err}"
    );
    assert!(err.contains("seed it again with the same ones and --restart"), "{err}");
}
