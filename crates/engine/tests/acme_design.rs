//! The flagship case study's acceptance criteria, asserted on the derived design.

use std::collections::BTreeSet;
use std::path::PathBuf;

use tablewright_engine::design::{derive, Design, Operation, Plan, Request, Technique};
use tablewright_engine::load_file;
use tablewright_engine::model::{Model, StreamViewType};
use tablewright_engine::verify::verify;

fn acme() -> (Model, Design) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/acme-bank.tablewright.json");
    let model = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let design = derive(&model);
    (model, design)
}

fn plan<'d>(design: &'d Design, id: &str) -> &'d Plan {
    design.plans.iter().find(|p| p.pattern == id).unwrap_or_else(|| panic!("no plan for {id}"))
}

fn keys<'d>(design: &'d Design, entity: &str, attr: &str) -> &'d str {
    let e = design.entities.iter().find(|e| e.name == entity).unwrap_or_else(|| panic!("no {entity}"));
    e.keys.get(attr).unwrap_or_else(|| panic!("{entity} has no {attr}: {:?}", e.keys))
}

#[test]
fn every_read_is_a_get_query_or_batch_get() {
    let (model, design) = acme();
    assert_eq!(model.access_patterns.len(), 22);
    for p in model.access_patterns.iter().filter(|p| p.kind.is_read()) {
        let plan = plan(&design, &p.id);
        for request in std::iter::once(&plan.request).chain(&plan.then) {
            assert!(
                matches!(request.operation, Operation::GetItem | Operation::Query | Operation::BatchGetItem),
                "{} uses {:?}",
                p.id,
                request.operation
            );
        }
    }
    assert!(verify(&model, &design).ok());
}

#[test]
fn at_most_three_gsis_and_no_lsi() {
    let (_, design) = acme();
    assert!(design.gsis.len() <= 3, "{} GSIs", design.gsis.len());
    assert!(design.lsis.is_empty());
}

/// An index that only re-sorts the table's own partition says why it is a GSI and
/// not the table's sort key or an LSI, with the collection size the LSI's cap is
/// weighed against.
#[test]
fn an_index_over_the_tables_own_partition_weighs_the_lsi() {
    let (_, design) = acme();
    assert_eq!(keys(&design, "Transaction", "GSI1PK"), keys(&design, "Transaction", "PK"));
    let transaction = design.entities.iter().find(|e| e.name == "Transaction").unwrap();
    let why = transaction.explanation.iter().find(|w| w.starts_with("GSI1:")).unwrap();
    for words in [
        "re-sorts the table's own partition ACCOUNT#{accountNumber}",
        "the table's sort key TRANSACTION#{transactionNumber:10} does not answer AP11",
        "an LSI sorted by TRANSACTION#{date} would",
        "caps each ACCOUNT#{accountNumber} item collection at 10 GB (these average 150.3 KB)",
    ] {
        assert!(why.contains(words), "{words:?} not in {why}");
    }
    let elsewhere = transaction.explanation.iter().find(|w| w.starts_with("GSI2:")).unwrap();
    assert!(!elsewhere.contains("LSI"), "{elsewhere}");
}

/// An item collection is every item type under its partition: on game-social
/// with few players, a player's matches and achievements together pass 10 GB,
/// though neither does alone, and the warning names both.
#[test]
fn an_item_collection_is_weighed_with_every_item_type_under_its_partition() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/game-social.tablewright.json");
    let mut model = load_file(&path).unwrap();
    model.entities.iter_mut().find(|e| e.name == "Player").unwrap().expected_count = Some(50);
    let design = derive(&model);
    let under_player: Vec<_> = design
        .problems
        .iter()
        .filter(|p| p.code == tablewright_engine::design::ProblemCode::UnboundedCollection)
        .filter(|p| p.message.contains("PK = PLAYER#{playerId}"))
        .collect();
    assert_eq!(under_player.len(), 1, "{:#?}", design.problems);
    let message = &under_player[0].message;
    assert!(message.contains("Participation") && message.contains("PlayerAchievement"), "{message}");
    assert!(message.contains("average 14."), "{message}");
}

#[test]
fn accounts_live_in_their_customers_item_collection() {
    let (_, design) = acme();
    assert_eq!(keys(&design, "Customer", "PK"), "CUSTOMER#{customerNumber}");
    assert_eq!(keys(&design, "Account", "PK"), "CUSTOMER#{customerNumber}");
    assert_eq!(keys(&design, "Account", "SK"), "ACCOUNT#{accountNumber}");
    let with_accounts = plan(&design, "AP07");
    assert_eq!(with_accounts.request.operation, Operation::Query);
    assert_eq!(with_accounts.requests, 1);
    assert_eq!(with_accounts.returns, ["Customer", "Account"]);
}

#[test]
fn the_other_direction_uses_an_inverted_index() {
    let (_, design) = acme();
    let account = plan(&design, "AP06");
    let gsi = &account.request.index;
    assert_ne!(gsi, "table");
    assert_eq!(keys(&design, "Account", &format!("{gsi}PK")), keys(&design, "Account", "SK"));
    assert_eq!(keys(&design, "Account", &format!("{gsi}SK")), keys(&design, "Account", "PK"));
    let receivers = plan(&design, "AP17");
    assert_eq!(keys(&design, "CustomerOffer", &format!("{}PK", receivers.request.index)), "OFFER#{offerId}");
}

#[test]
fn rare_cases_use_sparse_indexes() {
    let (_, design) = acme();
    for (id, entity, attribute) in [("AP04", "Customer", "specialStatuses"), ("AP13", "Transaction", "status")] {
        let plan = plan(&design, id);
        assert!(plan.request.filter.is_none(), "{id} filters: {:?}", plan.request.filter);
        let e = design.entities.iter().find(|e| e.name == entity).unwrap();
        let sparse = e.sparse.get(&format!("{}PK", plan.request.index)).unwrap_or_else(|| panic!("{id} is not sparse"));
        assert_eq!(sparse.attribute, attribute);
    }
}

#[test]
fn hot_state_and_date_partitions_are_sharded_and_fanned_out() {
    let (_, design) = acme();
    for (id, entity) in [("AP03", "Customer"), ("AP12", "Transaction")] {
        let plan = plan(&design, id);
        let e = design.entities.iter().find(|e| e.name == entity).unwrap();
        let shard = e.shards.get(&format!("{}PK", plan.request.index)).unwrap_or_else(|| panic!("{id} is not sharded"));
        assert!(shard.count >= 2);
        assert_eq!(plan.requests, shard.count, "{id} must query every shard");
        assert_eq!(plan.request.count, shard.count);
        assert!(plan.request.merge.as_deref().is_some_and(|m| m.contains("in parallel")));
        assert!(plan.request.key.as_ref().unwrap().partition.value.ends_with("#{_shard}"));
    }
}

#[test]
fn last_transactions_come_newest_first_from_the_account_collection() {
    let (_, design) = acme();
    let last = plan(&design, "AP09");
    assert_eq!(last.request.operation, Operation::Query);
    assert_eq!(last.request.index, "table");
    assert_eq!(last.request.scan_index_forward, Some(false));
    assert_eq!(last.request.limit, Some(20));
    let range = plan(&design, "AP11");
    let sort = range.request.key.as_ref().unwrap().sort.as_ref().unwrap();
    assert_eq!(sort.op, "between");
}

#[test]
fn credit_and_debit_are_conditional_transactions() {
    let (_, design) = acme();
    for id in ["AP18", "AP19"] {
        let plan = plan(&design, id);
        assert_eq!(plan.request.operation, Operation::TransactWriteItems);
        let put = plan.actions.iter().find(|a| a.action == "Put" && a.entity == "Transaction").unwrap();
        assert_eq!(put.condition.as_deref(), Some("attribute_not_exists(PK)"));
        let update = plan.actions.iter().find(|a| a.action == "Update" && a.entity == "Account").unwrap();
        let condition = update.condition.as_deref().unwrap();
        assert!(condition.contains("#lastTransactionNumber = :expectedLastTransactionNumber"), "{condition}");
        assert_eq!(condition.contains("#balance >= :debitAmount"), id == "AP19", "{condition}");
        assert_eq!(
            update.update.as_deref(),
            Some("SET #balance = #balance + :amount, #lastTransactionNumber = :transactionNumber")
        );
    }
}

#[test]
fn stream_and_ttl_serve_the_aggregate_and_the_archive() {
    let (model, design) = acme();
    assert_eq!(model.table.stream, Some(StreamViewType::NewAndOldImages));
    assert_eq!(plan(&design, "AP20").request.operation, Operation::GetItem);
    let archive = plan(&design, "AP21");
    assert_eq!(archive.request.operation, Operation::TimeToLive);
    let ttl = design.entities.iter().find(|e| e.name == "Transaction").unwrap().ttl.as_ref().unwrap();
    assert_eq!((ttl.attribute.as_str(), ttl.from.as_str(), ttl.days), ("expiresAt", "date", 2555));
    assert!(design.problems.is_empty(), "{:#?}", design.problems);
}

#[test]
fn every_decision_is_explained_with_its_technique() {
    let (_, design) = acme();
    let used: BTreeSet<Technique> = design
        .entities
        .iter()
        .flat_map(|e| e.techniques.clone())
        .chain(design.plans.iter().flat_map(|p| p.techniques.clone()))
        .collect();
    let expected = [
        Technique::ItemCollection,
        Technique::AdjacencyList,
        Technique::InvertedIndex,
        Technique::SparseIndex,
        Technique::GsiOverloading,
        Technique::WriteSharding,
        Technique::Transaction,
        Technique::Ttl,
        Technique::TimeOrderedSortKey,
    ];
    for technique in expected {
        assert!(used.contains(&technique), "no decision uses {technique:?}: {used:?}");
    }
    // Each technique a decision lists is named in its words, as the reader sees it.
    for e in &design.entities {
        let text = e.explanation.join(" ").to_lowercase();
        for t in &e.techniques {
            assert!(text.contains(&t.name().to_lowercase()), "{}: {t:?} is not explained in {text}", e.name);
        }
    }
    assert!(design.plans.iter().all(|p| !p.explanation.is_empty()));
    let sharded = design.gsis.iter().filter(|i| i.techniques.contains(&Technique::WriteSharding)).count();
    assert_eq!(sharded, 1, "the index whose partition is sharded says so");
}

#[test]
fn a_child_that_moves_between_parents_keeps_its_own_partition() {
    let (mut model, _) = acme();
    // Accounts moving between customers: an update of the parent's identifier.
    let transfer = tablewright_engine::model::AccessPattern::read(
        "AP23",
        "Transfer an account to another customer",
        tablewright_engine::model::PatternKind::Update,
        "Account",
        vec![],
    );
    model.access_patterns.push(tablewright_engine::model::AccessPattern {
        peak_rate: 0.1,
        updates: vec![tablewright_engine::model::Update::with_input(
            "customerNumber",
            tablewright_engine::model::UpdateAction::Set,
            "newOwner",
        )],
        ..transfer
    });
    assert!(tablewright_engine::validate::validate(&model).is_empty());
    let design = derive(&model);
    assert_eq!(keys(&design, "Account", "PK"), "ACCOUNT#{accountNumber}");
    assert!(verify(&model, &design).ok());
}

/// GetItem has no FilterExpression: one item by its whole key, but only if a test
/// holds, is a Query of that key with the filter.
#[test]
fn a_filtered_read_of_one_key_is_a_query() {
    let (mut model, design) = acme();
    assert_eq!(plan(&design, "AP01").request.operation, Operation::GetItem);
    let get = model.access_patterns.iter_mut().find(|p| p.id == "AP01").unwrap();
    get.filter =
        Some(serde_json::from_value(serde_json::json!({"attribute": "specialStatuses", "op": "present"})).unwrap());
    let design = derive(&model);
    let filtered = plan(&design, "AP01");
    assert_eq!(filtered.request.operation, Operation::Query);
    assert_eq!(filtered.request.filter.as_deref(), Some("attribute_exists(#specialStatuses)"));
    assert!(filtered.explanation.contains("GetItem cannot filter"), "{}", filtered.explanation);
    assert!(verify(&model, &design).ok());
}

/// DailyAggregate is maintained from the stream: with the stream off, the
/// design says so and offers to turn it on, and the fix answers it.
#[test]
fn a_stream_turned_off_is_a_problem_whose_fix_turns_it_on() {
    let (mut model, _) = acme();
    model.table.stream = None;
    let design = derive(&model);
    let problem = design.problems.iter().find(|p| p.entity.as_deref() == Some("DailyAggregate"));
    let problem = problem.unwrap_or_else(|| panic!("{:#?}", design.problems));
    let [fix] = problem.fixes.as_slice() else { panic!("{problem:#?}") };
    assert_eq!(fix.label, "Turn on the table's stream (new and old images)");
    let fixed = tablewright_engine::edit::apply(&model, &fix.edit).unwrap().model;
    assert_eq!(fixed.table.stream, Some(StreamViewType::NewAndOldImages));
    assert_eq!(fixed.table.name, model.table.name, "the rest of the table as it was");
    assert!(derive(&fixed).problems.is_empty());
}

/// The reasons the verifier gives `id` of `design` checked against `model`.
fn rejected(model: &Model, design: &Design, id: &str) -> Vec<String> {
    let found = verify(model, design).patterns.into_iter().find(|v| v.pattern == id).unwrap();
    assert!(!found.ok, "{id} passes: {found:#?}");
    found.reasons
}

/// A saved design checked against a model that changed since: without its
/// filter, "declined transactions" asks for every transaction, and the sparse
/// index of declined ones misses all the others.
#[test]
fn a_sparse_index_serves_only_a_read_that_asks_for_what_it_holds() {
    let (mut model, design) = acme();
    let ap13 = model.access_patterns.iter_mut().find(|p| p.id == "AP13").unwrap();
    ap13.filter = None;
    let reasons = rejected(&model, &design, "AP13");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("written only when status = declined") && r.contains("missing from its answer")),
        "{reasons:#?}"
    );
}

/// A design edited by hand whose keys no longer say what its plans read: the
/// transactions by date are keyed by account number in the index, so the plan's
/// condition on dates would compare them with account numbers.
#[test]
fn a_key_condition_names_the_attributes_the_keys_are_built_from() {
    let (model, mut design) = acme();
    let by_date = design
        .plans
        .iter()
        .find(|p| {
            p.returns.first().is_some_and(|r| r == "Transaction")
                && p.request.index.starts_with("GSI")
                && p.request
                    .key
                    .as_ref()
                    .and_then(|k| k.sort.as_ref())
                    .is_some_and(|s| s.values.iter().any(|v| v.contains("{date")))
        })
        .expect("a read of transactions by date on an index");
    let (id, index) = (by_date.pattern.clone(), by_date.request.index.clone());
    let transaction = design.entities.iter_mut().find(|e| e.name == "Transaction").unwrap();
    let sk = transaction.keys.get_mut(&format!("{index}SK")).unwrap();
    *sk = sk.replace("{date}", "{accountNumber}");
    let reasons = rejected(&model, &design, &id);
    assert!(
        reasons.iter().any(|r| r.contains(&format!("the key condition on {index} reads {index}SK as"))
            && r.contains("{accountNumber}")),
        "{reasons:#?}"
    );
}

/// Designs a new user broke by hand, each still naming the right attributes:
/// a range run backwards, a limit changed or dropped, an expiry counted over other
/// days or from another date. Each answers another question than the pattern's.
#[test]
fn a_plan_applies_the_range_limit_and_expiry_the_pattern_asks_for() {
    let (model, design) = acme();
    let broken = |id: &str, change: &dyn Fn(&mut Design)| {
        let mut d = design.clone();
        change(&mut d);
        rejected(&model, &d, id).join("\n")
    };
    let request =
        |d: &mut Design, id: &str| -> Request { d.plans.iter().find(|p| p.pattern == id).unwrap().request.clone() };
    let set = |d: &mut Design, id: &str, r: Request| {
        d.plans.iter_mut().find(|p| p.pattern == id).unwrap().request = r;
    };
    let swapped = broken("AP13", &|d| {
        let mut r = request(d, "AP13");
        r.key.as_mut().unwrap().sort.as_mut().unwrap().values.reverse();
        set(d, "AP13", r);
    });
    assert!(swapped.contains("AP13 asks for date between but the key condition on GSI3 applies between"), "{swapped}");
    let fewer = broken("AP09", &|d| {
        let r = Request { limit: Some(5), ..request(d, "AP09") };
        set(d, "AP09", r)
    });
    assert!(fewer.contains("stops at 5 items, but AP09 has a limit of 20"), "{fewer}");
    let all = broken("AP09", &|d| {
        let r = Request { limit: None, ..request(d, "AP09") };
        set(d, "AP09", r)
    });
    assert!(all.contains("AP09 returns at most 20 items, but the Query on table has no limit"), "{all}");
    let month = broken("AP21", &|d| {
        d.entities.iter_mut().find(|e| e.name == "Transaction").unwrap().ttl.as_mut().unwrap().days = 30
    });
    assert!(month.contains("the design's TTL expires them 30 days from date"), "{month}");
}
