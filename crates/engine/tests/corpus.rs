//! The expert corpus (`corpus/`): models written from published problem statements,
//! each beside the expert's own design figures. `scripts/corpus.sh` compares the
//! derived designs with the experts' and proves them on DynamoDB Local; this test
//! keeps every case loadable and its expert figures complete.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tablewright_engine::design::Operation;
use tablewright_engine::load_file;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tablewright.json"))
        .collect();
    models.sort();
    assert!(!models.is_empty(), "no case in {}", dir.display());
    models
}

#[test]
fn every_case_loads_and_its_expert_figures_cover_every_pattern() {
    for path in corpus() {
        let model = load_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expert_path = PathBuf::from(path.to_string_lossy().replace(".tablewright.json", ".expert.json"));
        let expert: Value = serde_json::from_str(&std::fs::read_to_string(&expert_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", expert_path.display()));
        let case = path.file_name().unwrap().to_string_lossy().replace(".tablewright.json", "");
        assert_eq!(expert["case"], case.as_str(), "{}", expert_path.display());
        assert!(expert["sources"].as_array().is_some_and(|s| !s.is_empty()), "{case}: a source");
        assert!(model.entities.iter().all(|e| e.pinned_keys.is_empty()), "{case}: written from the problem, no pins");
        let figures = &expert["expert"];
        assert!(figures["gsis"].is_u64() && figures["lsis"].is_u64(), "{case}: index counts");
        for p in &model.access_patterns {
            assert!(figures["requests"][&p.id].is_u64(), "{case}: the expert's requests for {}", p.id);
        }
    }
}

fn case(name: &str) -> tablewright_engine::model::Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../corpus/{name}.tablewright.json"));
    load_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn index_of(design: &tablewright_engine::design::Design, pattern: &str) -> String {
    design.plans.iter().find(|p| p.pattern == pattern).map(|p| p.request.index.clone()).expect("a plan")
}

/// Index economy on reads an expert serves from one index: reads that partition by
/// the same attributes share one slot whose sort key leads with one read's
/// equalities (a user's subscriptions in a status; on a vehicle in a status), and
/// reads partitioned by nested attributes share one whose partition is the fewer
/// (a supervisor's escalated logs; in a state; in a state on a day).
#[test]
fn reads_that_partition_alike_share_one_index() {
    let vehicles = tablewright_engine::design::derive(&case("connected-vehicles"));
    assert_eq!(index_of(&vehicles, "AP17"), index_of(&vehicles, "AP19"));
    assert_eq!(vehicles.gsis.len(), 1, "the expert keeps no index; ours adds an inverted one");

    let logs = tablewright_engine::design::derive(&case("device-state-log"));
    let escalated: Vec<String> = ["AP03", "AP04", "AP05"].iter().map(|p| index_of(&logs, p)).collect();
    assert!(escalated.iter().all(|i| i == &escalated[0] && i != "table"), "{escalated:?}");
}

/// The expert's filter on a small collection: a vehicle's subscriptions in a
/// status are a Query of the vehicle's partition, whose collection averages one
/// read unit or less, with the status in a FilterExpression, where an index would
/// keep a copy of every subscription. A limit, a collection beyond one read unit,
/// or counts the model does not give keep the index; a strongly consistent read
/// stays on the table rather than taking an LSI.
#[test]
fn a_small_collection_is_filtered_rather_than_indexed() {
    let model = case("connected-vehicles");
    let design = tablewright_engine::design::derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP18").expect("AP18's plan");
    assert_eq!(plan.request.index, "table", "{}", plan.explanation);
    assert_eq!(plan.request.filter.as_deref(), Some("#status = :status"));
    assert!(plan.explanation.contains("averages one 4 KB read unit or less"), "{}", plan.explanation);
    assert!(tablewright_engine::verify::verify(&model, &design).ok());

    let indexed = |change: &dyn Fn(&mut tablewright_engine::model::Model)| {
        let mut model = model.clone();
        change(&mut model);
        let design = tablewright_engine::design::derive(&model);
        index_of(&design, "AP18")
    };
    let ap18 = |m: &mut tablewright_engine::model::Model| {
        m.access_patterns.iter_mut().find(|p| p.id == "AP18").unwrap().limit = Some(2)
    };
    assert_ne!(indexed(&ap18), "table", "a limit counts the items read, not those that pass the filter");
    let strong = |m: &mut tablewright_engine::model::Model| {
        m.access_patterns.iter_mut().find(|p| p.id == "AP18").unwrap().strongly_consistent = true;
    };
    assert_eq!(indexed(&strong), "table", "the table reads strongly consistently, with no LSI");
    let big = |m: &mut tablewright_engine::model::Model| {
        let features = m.entities.iter_mut().find(|e| e.name == "Feature").unwrap();
        features.average_item_size = Some(3000);
    };
    assert_ne!(indexed(&big), "table", "a vehicle's features alone take more than one read unit");
    let uncounted = |m: &mut tablewright_engine::model::Model| {
        m.entities.iter_mut().find(|e| e.name == "Subscription").unwrap().expected_count = None;
    };
    assert_ne!(indexed(&uncounted), "table", "a collection is small as far as the model counts it");
}

fn table_sort_key(design: &tablewright_engine::design::Design, entity: &str) -> String {
    let keys = design.entities.iter().find(|e| e.name == entity).expect("the entity");
    keys.keys["SK"].clone()
}

/// A new user's holds, read by title at a branch in order of placement: the
/// title the read gives comes first, and the explanation says where placedAt
/// goes instead of claiming it leads the key.
#[test]
fn the_explanation_says_where_an_added_attribute_goes_in_the_sort_key() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library-lending.tablewright.json");
    let design = tablewright_engine::design::derive(&load_file(&path).unwrap());
    assert_eq!(table_sort_key(&design, "Hold"), "HOLD#{isbn}#{placedAt}#{memberId}");
    let hold = design.entities.iter().find(|e| e.name == "Hold").unwrap();
    let why = hold.explanation.iter().find(|x| x.contains("Composite sort key")).unwrap();
    assert!(why.contains("placedAt comes after isbn in the table's sort key"), "{why}");
    let loan = design.entities.iter().find(|e| e.name == "Loan").unwrap();
    assert!(loan.explanation.iter().any(|x| x.contains("dueAt leads the table's sort key")), "{:?}", loan.explanation);
}

/// The expert's composite table sort key: a device's logs in a state, newest first,
/// read from the table (`DEVICE_LOG#{state}#{date}`) rather than an index that
/// re-sorts the same partition. Only while every log has a state that no update
/// changes and every request naming one log knows it.
#[test]
fn the_table_sort_key_leads_with_what_a_read_of_its_partition_knows() {
    let model = case("device-state-log");
    let design = tablewright_engine::design::derive(&model);
    assert_eq!(table_sort_key(&design, "DeviceLog"), "DEVICE_LOG#{state}#{date}");
    assert_eq!(index_of(&design, "AP01"), "table");
    assert_eq!(design.gsis.len(), 2, "the expert's two indexes");
    assert!(tablewright_engine::verify::verify(&model, &design).ok());

    let mut moving = model.clone();
    let log = moving.access_patterns.iter_mut().find(|p| p.id == "AP06").unwrap();
    *log = serde_json::from_value(serde_json::json!({
        "id": "AP06", "name": "Change a log's state", "kind": "update", "entity": "DeviceLog",
        "inputs": ["deviceId", "date", "state"], "updates": [{"attribute": "state", "action": "set", "input": "state"}],
        "peak_rate": 1.0
    }))
    .unwrap();
    let design = tablewright_engine::design::derive(&moving);
    assert_eq!(table_sort_key(&design, "DeviceLog"), "DEVICE_LOG#{date}", "a key cannot change");

    let mut by_id = model.clone();
    by_id.access_patterns.push(
        serde_json::from_value(serde_json::json!({
            "id": "AP07", "name": "Get a log", "kind": "read_one", "entity": "DeviceLog",
            "inputs": ["deviceId", "date"], "peak_rate": 1.0
        }))
        .unwrap(),
    );
    let design = tablewright_engine::design::derive(&by_id);
    assert_eq!(table_sort_key(&design, "DeviceLog"), "DEVICE_LOG#{date}", "a GetItem by id does not know the state");

    // A log found through a note about it: the note carries the log's identifier,
    // not its state, so the follow-up GetItem could not key a re-sorted log.
    let mut via_note: Value = serde_json::to_value(&model).unwrap();
    via_note["entities"].as_array_mut().unwrap().push(serde_json::json!({
        "name": "LogNote", "attributes": [{"name": "noteId", "type": "string", "identifier": true, "required": true}]
    }));
    via_note["relationships"].as_array_mut().unwrap().push(serde_json::json!({
        "name": "LogNotes", "from": "DeviceLog", "to": "LogNote", "cardinality": "one_to_many", "required": true
    }));
    via_note["access_patterns"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "AP08", "name": "The log a note is about", "kind": "read_one", "entity": "DeviceLog",
        "inputs": ["noteId"], "peak_rate": 1.0
    }));
    let via_note = tablewright_engine::load_str(&via_note.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    let design = tablewright_engine::design::derive(&via_note);
    assert_eq!(table_sort_key(&design, "DeviceLog"), "DEVICE_LOG#{date}", "read through its notes");
}

/// The session a customer names by id (AP07 of the session store): its id makes
/// the whole table key, so one Query of that key with the customer checked by a
/// FilterExpression answers it, as cheaply as a GetItem, where an index keyed by
/// both inputs would copy every session (the expert keeps one index, not two).
#[test]
fn a_read_that_names_one_item_checks_its_other_inputs_with_a_filter() {
    let model = case("session-management");
    let design = tablewright_engine::design::derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP07").unwrap();
    assert_eq!((plan.request.operation, plan.request.index.as_str()), (Operation::Query, "table"), "{plan:#?}");
    assert_eq!(plan.request.filter.as_deref(), Some("#customerId = :customerId"));
    assert_eq!(design.gsis.len(), 1, "{:#?}", design.gsis);
    let verdict = |design: &tablewright_engine::design::Design| {
        tablewright_engine::verify::verify(&model, design).patterns.into_iter().find(|v| v.pattern == "AP07").unwrap()
    };
    assert!(verdict(&design).ok);

    // Without the check, the plan would return another customer's session.
    let mut unchecked = design.clone();
    unchecked.plans.iter_mut().find(|p| p.pattern == "AP07").unwrap().request.filter = None;
    let reasons = verdict(&unchecked).reasons;
    assert!(reasons.iter().any(|r| r.contains("no request uses the input customerId")), "{reasons:?}");
}
