//! The code generated for every ACME access pattern, in every language, against
//! its reviewed snapshot; and what holds of the code for every example model.

mod common;

use tablewright_engine::codegen::{code, code_all, input_names, program, CodegenError, Language};
use tablewright_engine::design::derive;
use tablewright_engine::load_file;

#[test]
fn every_acme_pattern_in_every_language_matches_its_snapshot() {
    let model = common::acme();
    let design = derive(&model);
    for p in &model.access_patterns {
        for language in Language::ALL {
            let text = code(&model, &design, &p.id, language).unwrap_or_else(|e| panic!("{} {language}: {e}", p.id));
            insta::assert_snapshot!(format!("acme-bank.{}.{}", p.id, language.name()), text);
        }
    }
}

#[test]
fn every_pattern_of_every_example_model_generates_in_every_language() {
    for file in common::example_models() {
        let model = load_file(&file).unwrap_or_else(|e| panic!("{e}"));
        let design = derive(&model);
        for language in Language::ALL {
            for p in &model.access_patterns {
                let text =
                    code(&model, &design, &p.id, language).unwrap_or_else(|e| panic!("{} {language}: {e}", p.id));
                assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{} {language}: one final newline", p.id);
                assert!(!text.contains("\t"), "{} {language}: spaces, not tabs", p.id);
            }
            let all = code_all(&model, &design, language).unwrap();
            for p in &model.access_patterns {
                assert!(all.contains(&p.id), "{language}: --all has {}", p.id);
            }
        }
    }
}

#[test]
fn inputs_are_named_in_each_language_convention_and_numbers_are_numbers() {
    let model = common::acme();
    let design = derive(&model);
    let p = program(&model, &design, "AP11").unwrap();
    let names = |l| input_names(l, &p).into_iter().map(|(_, n)| n).collect::<Vec<_>>();
    assert_eq!(names(Language::Python), ["account_number", "date_from", "date_to"]);
    assert_eq!(names(Language::TypeScript), ["accountNumber", "dateFrom", "dateTo"]);
    assert_eq!(names(Language::Cli), ["ACCOUNT_NUMBER", "DATE_FROM", "DATE_TO"]);

    let ap10 = |l| code(&model, &design, "AP10", l).unwrap();
    assert!(ap10(Language::Python).contains("_sortable_number(transaction_number, 10)"));
    assert!(ap10(Language::Rust).contains("sortable_number(&transaction_number, 10)"));
    assert!(ap10(Language::Rust).contains("transaction_number: i64"));
    assert!(ap10(Language::TypeScript).contains("sortableNumber(transactionNumber, 10)"));
    assert!(ap10(Language::TypeScript).contains("transactionNumber: number"));
    assert!(ap10(Language::Cli).contains("$(sortable_number \"${TRANSACTION_NUMBER}\" 10)"));
}

#[test]
fn sharded_reads_fan_out_over_every_shard() {
    let model = common::acme();
    let design = derive(&model);
    let code = |l| code(&model, &design, "AP12", l).unwrap();
    assert!(code(Language::Python).contains("pool.map(query_shard, range(2))"));
    assert!(code(Language::Python).contains("f\"DATE#{date}#{shard}\""));
    assert!(code(Language::Rust).contains("for shard in 0..2 {"));
    assert!(code(Language::TypeScript).contains("Array.from({ length: 2 }"));
    assert!(code(Language::Cli).contains("for shard in $(seq 0 1); do"));
    assert!(code(Language::Partiql).contains("\"GSI2PK\" IN [?, ?]"));
    assert!(code(Language::Partiql).contains("{\"S\": \"DATE#{date}#0\"}, {\"S\": \"DATE#{date}#1\"}"));
}

#[test]
fn writers_derive_every_key_shard_sparse_key_type_and_ttl() {
    let model = common::acme();
    let design = derive(&model);
    let python = code(&model, &design, "AP18", Language::Python).unwrap();
    for needle in [
        "item[\"PK\"] = f\"ACCOUNT#{account_number}\"",
        "shard = _fnv1a32(\"#\".join([account_number, transaction_number])) % 2",
        "item[\"GSI2PK\"] = f\"DATE#{date}#{shard}\"",
        "str(item[\"status\"]) == \"declined\"",
        "item[\"_type\"] = \"Transaction\"",
        "item[\"expiresAt\"] = _epoch_seconds(str(item[\"date\"])) + 2555 * 86400",
        "\"ConditionExpression\": \"#lastTransactionNumber = :expectedLastTransactionNumber\"",
    ] {
        assert!(python.contains(needle), "AP18 Python lacks {needle}:\n{python}");
    }
    let partiql = code(&model, &design, "AP19", Language::Partiql).unwrap();
    assert!(partiql.contains("ExecuteTransaction"), "{partiql}");
    assert!(partiql.contains(
        "UPDATE \"acme-bank\" SET \"balance\" = \"balance\" + ? SET \"lastTransactionNumber\" = ? WHERE \"PK\" = ? AND \"SK\" = ? AND \"lastTransactionNumber\" = ? AND \"balance\" >= ?"
    ), "{partiql}");
}

#[test]
fn partiql_says_what_it_cannot_express() {
    let model = common::acme();
    let design = derive(&model);
    let ttl = code(&model, &design, "AP21", Language::Partiql).unwrap();
    assert!(ttl.contains("PartiQL cannot express this"), "{ttl}");
    let last_n = code(&model, &design, "AP09", Language::Partiql).unwrap();
    assert!(last_n.contains("ORDER BY \"SK\" DESC") && last_n.contains("Limit: 20"), "{last_n}");
}

/// A TTL attribute the model also lists is inserted once: a new user's order
/// INSERT named expiresAt twice, which DynamoDB refuses ("Duplicate keys in
/// tuple").
#[test]
fn a_partiql_insert_names_each_attribute_once() {
    let model = load_file(&common::fixture_path("food-delivery")).unwrap();
    let partiql = code(&model, &derive(&model), "FD08", Language::Partiql).unwrap();
    let insert = partiql.lines().find(|l| l.starts_with("INSERT") && l.contains("'expiresAt'")).unwrap();
    let fields: Vec<&str> = insert.split(", '").map(|f| f.split('\'').next().unwrap_or(f)).collect();
    let mut unique = fields.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(fields.len(), unique.len(), "{insert}");
}

/// DELETE of a missing item succeeds, deleting nothing (AWS's PartiQL
/// reference; DynamoDB Local does the same): a lone DELETE that must refuse a
/// missing item returns the old item, which the caller checks, and in a
/// transaction, where nothing would say so, PartiQL cannot express it.
#[test]
fn partiql_says_a_delete_does_not_refuse_a_missing_item() {
    let path = common::fixture_path("library-lending");
    let model = load_file(&path).unwrap();
    let cancel = code(&model, &derive(&model), "LB12", Language::Partiql).unwrap();
    let delete = cancel.lines().find(|l| l.starts_with("DELETE")).unwrap();
    assert!(delete.ends_with("RETURNING ALL OLD *;") && !delete.contains("MISSING"), "{delete}");
    assert!(cancel.contains("an empty\n-- answer means there was none"), "{cancel}");

    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["access_patterns"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "LB13", "name": "Cancel a hold and say so", "kind": "transaction", "entity": "Hold", "peak_rate": 1,
        "steps": [
            {"action": "delete", "entity": "Hold", "conditions": [{"op": "exists"}]},
            {"action": "update", "entity": "Member", "updates": [{"attribute": "activeLoanCount", "action": "add", "value": "0"}]}
        ]
    }));
    let model = tablewright_engine::load_str(&json.to_string()).unwrap();
    let together = code(&model, &derive(&model), "LB13", Language::Partiql).unwrap();
    assert!(together.contains("PartiQL cannot express this plan: the Delete of Hold must fail"), "{together}");
}

#[test]
fn partiql_keeps_a_write_condition_on_an_attribute_that_is_not_the_key() {
    // An UPDATE fails on a missing item, so a test of the item's existence can go;
    // a test of another attribute (the loan still out) must reach the WHERE.
    let update_with = |conditions: serde_json::Value| {
        let path = common::models_dir().join("acme-bank.tablewright.json");
        let mut acme: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let patterns = acme["access_patterns"].as_array_mut().unwrap();
        let ap18 = patterns.iter_mut().find(|p| p["id"] == "AP18").unwrap();
        ap18["steps"][1]["conditions"] = conditions;
        let model = tablewright_engine::load_str(&acme.to_string()).unwrap_or_else(|d| panic!("{d:?}"));
        let partiql = code(&model, &derive(&model), "AP18", Language::Partiql).unwrap();
        partiql.lines().find(|l| l.contains("UPDATE")).unwrap_or_else(|| panic!("{partiql}")).to_string()
    };
    let kept = update_with(serde_json::json!([{ "attribute": "lastTransactionNumber", "op": "exists" }]));
    assert!(kept.contains("\"lastTransactionNumber\" IS NOT MISSING"), "{kept}");
    let implied = update_with(serde_json::json!([{ "op": "exists" }]));
    assert!(!implied.contains("MISSING"), "{implied}");
}

/// An INSERT lists every attribute the item carries, its parents' identifiers
/// among them: the reads that start from a customer or an event find an order by
/// them (a new user's place-order INSERTs left them out, unlike every other language).
#[test]
fn a_partiql_insert_carries_the_parents_identifiers() {
    let path = common::models_dir().join("../crates/engine/tests/fixtures/ticketing.tablewright.json");
    let model = load_file(&path).unwrap();
    let partiql = code(&model, &derive(&model), "AP09", Language::Partiql).unwrap();
    let inserts: Vec<&str> = partiql.lines().filter(|l| l.starts_with("INSERT")).collect();
    assert_eq!(inserts.len(), 2, "{partiql}");
    assert!(inserts[0].contains("'customerId': ?, 'eventId': ?"), "{}", inserts[0]);
    assert!(inserts[1].contains("'orderId': ?"), "{}", inserts[1]);
}

/// Every attribute a put's keys are built from is among the attributes it
/// writes, for every model we hold: PartiQL's INSERT lists exactly those, and
/// an order line inserted without the customerId copied onto it (a new user's
/// clinic did that with clinicId) is missing from the reads that start from
/// the customer.
#[test]
fn a_put_writes_every_attribute_its_keys_are_built_from() {
    use tablewright_engine::codegen::ops::Body;
    let dirs = ["../corpus", "../crates/engine/tests/fixtures"];
    let mut paths = common::example_models();
    for dir in dirs {
        let dir = common::models_dir().join(dir);
        paths.extend(
            std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".tablewright.json"))),
        );
    }
    let (mut puts, mut unwritten) = (0, Vec::new());
    for path in paths {
        let model = load_file(&path).unwrap();
        let design = derive(&model);
        for pattern in model.access_patterns.iter().filter(|p| !p.kind.is_read()) {
            let Ok(program) = program(&model, &design, &pattern.id) else {
                unwritten.push(format!("{} {}", common::stem(&path), pattern.id));
                continue;
            };
            let Body::Write(write) = program.body else { continue };
            for item in write.actions.iter().filter_map(|a| a.item.as_ref()) {
                puts += 1;
                let written: Vec<&str> = item.attributes.iter().map(|(name, _)| name.as_str()).collect();
                for need in item.keys.iter().flat_map(|k| &k.needs) {
                    assert!(
                        written.contains(&need.as_str()),
                        "{} {}: a {} put builds a key from {need} but does not write it ({written:?})",
                        path.display(),
                        pattern.id,
                        item.type_value
                    );
                }
            }
        }
    }
    assert!(puts > 30, "only {puts} puts");
    // Writes no code can be made for are said by `code` itself; they are few.
    assert!(unwritten.len() <= 3, "{unwritten:?}");
}

/// A transaction's put item and the action on its parent name one parent: the
/// code refuses an order for another event than the one checked, a ticket of
/// another order than the one put, an assignment of another employee or project
/// than those updated and checked, or a transaction of another number than the
/// account records as its last, before sending anything.
#[test]
fn a_transaction_ties_the_items_it_puts_to_their_parents() {
    use tablewright_engine::codegen::ops::{Body, Tie, TiedTo};
    let ties = |path: &std::path::Path, pattern: &str| -> Vec<Tie> {
        let model = load_file(path).unwrap();
        match program(&model, &derive(&model), pattern).unwrap().body {
            Body::Write(write) => write.ties,
            other => panic!("{other:?}"),
        }
    };
    let tie = |item: &str, element: Option<&str>, attribute: &str, to: TiedTo, parent: &str| Tie {
        item: item.into(),
        element: element.map(str::to_string),
        attribute: attribute.into(),
        to,
        why: format!("the transaction acts on one {parent}"),
    };
    let ticketing = common::models_dir().join("../crates/engine/tests/fixtures/ticketing.tablewright.json");
    assert_eq!(
        ties(&ticketing, "AP09"),
        [
            tie("orderItem", None, "eventId", TiedTo::Input("eventId".into()), "Event"),
            tie("tickets", Some("ticket"), "orderId", TiedTo::Item("orderItem".into()), "Order"),
        ]
    );
    let hr = common::models_dir().join("hr-directory.tablewright.json");
    assert_eq!(
        ties(&hr, "HR14"),
        [
            tie("projectAssignmentItem", None, "employeeId", TiedTo::Input("employeeId".into()), "Employee"),
            tie("projectAssignmentItem", None, "projectId", TiedTo::Input("projectId".into()), "Project"),
        ]
    );
    // A value another action writes: the account's last transaction number is the new transaction's.
    let acme = common::models_dir().join("acme-bank.tablewright.json");
    let number = Tie {
        why: "the Account update writes it too".into(),
        ..tie("transactionItem", None, "transactionNumber", TiedTo::Input("transactionNumber".into()), "Account")
    };
    assert!(ties(&acme, "AP19").contains(&number), "{:?}", ties(&acme, "AP19"));
    // An ancestor's identifier copied onto each order line is the customer the order updates.
    let ecommerce = common::models_dir().join("ecommerce-orders.tablewright.json");
    let customer = tie("lines", Some("line"), "customerId", TiedTo::Input("customerId".into()), "Customer");
    assert!(ties(&ecommerce, "EC15").contains(&customer), "{:?}", ties(&ecommerce, "EC15"));
    let model = load_file(&ticketing).unwrap();
    let python = code(&model, &derive(&model), "AP09", Language::Python).unwrap();
    let refusal = python.find("must equal the parameter eventId").unwrap();
    assert!(refusal < python.find("transact_write_items(").unwrap(), "refused before the request:\n{python}");
}

#[test]
fn an_unknown_pattern_names_the_known_ones() {
    let model = common::acme();
    let design = derive(&model);
    let err = code(&model, &design, "AP99", Language::Python).unwrap_err();
    assert!(matches!(err, CodegenError::UnknownPattern { .. }));
    assert!(err.to_string().contains("AP01, AP02"), "{err}");
}
