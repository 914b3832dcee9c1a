//! One test per class of problem a model file can have: what the user is told,
//! where (JSON path, line and column) and that a hint comes with it. Bad models
//! are the small valid fixture of `common` with one thing broken.

mod common;

use common::*;
use serde_json::{json, Value};
use tablewright_engine::DiagnosticKind::{Schema, Semantic, Syntax};
use tablewright_engine::{load_file, load_str, LoadError};

fn push_pattern(v: &mut Value, pattern: Value) {
    v["access_patterns"].as_array_mut().unwrap().push(pattern);
}

#[test]
fn the_fixture_is_valid() {
    let model = load_str(&case(|_| {}).text).unwrap_or_else(|d| panic!("{}", render(&d)));
    assert_eq!(model.entities.len(), 2);
    assert_eq!(model.access_patterns.len(), 2);
}

// ---- syntax -------------------------------------------------------------------

#[test]
fn json_syntax_error_names_line_and_column() {
    // A missing comma after "Shop": serde_json stops at the next key's quote.
    let text = "{\n  \"format\": \"tablewright/3\",\n  \"name\": \"Shop\"\n  \"table\": {}\n}\n";
    let d = only_error_of(text);
    assert_problem(&d, Syntax, "$", "expected `,` or `}`", (4, 3));
    assert!(d.hint.contains("missing comma"), "{}", d.hint);
}

#[test]
fn a_key_given_twice_is_an_error_at_both_places() {
    let text = case(|_| {}).text;
    let at = text.find("\"name\"").unwrap();
    let twice = format!("{}\"name\": \"Other\",\n  {}", &text[..at], &text[at..]);
    let (line, column) = position_of(&twice, "\"name\": \"Other\"");
    let d = only_error_of(&twice);
    let message = format!(
        "the key \"name\" is given twice in one object (first at line {line}, column {column}); only one can count"
    );
    assert_problem(&d, Syntax, "$.name", &message, (line + 1, 3));
}

#[test]
fn trailing_comma_is_a_syntax_error_at_its_place() {
    let text = "{\n  \"format\": \"tablewright/3\",\n  \"entities\": [1, 2,]\n}\n";
    let d = only_error_of(text);
    assert_problem(&d, Syntax, "$", "trailing comma", (3, 21));
}

#[test]
fn truncated_file_says_it_ends_too_early() {
    let full = case(|_| {}).text;
    // Cut in the middle of the second entity.
    let cut = full.find("\"Order\"").unwrap() + 3;
    let text = &full[..cut];
    let d = only_error_of(text);
    let last_line = text.lines().last().unwrap();
    assert_problem(&d, Syntax, "$", "EOF while parsing a string", (text.lines().count(), last_line.chars().count()));
    assert!(d.hint.contains("ends too early"), "{}", d.hint);

    // Cut between two values: the parser wanted more of the object.
    let text = "{\n  \"format\": \"tablewright/3\",\n  \"name\": ";
    let d = only_error_of(text);
    assert_problem(&d, Syntax, "$", "EOF while parsing a value", (3, 10));
    assert!(d.hint.contains("ends too early"), "{}", d.hint);
}

#[test]
fn empty_file_is_reported_at_line_1_column_1() {
    for text in ["", "\n\n", "   "] {
        let d = only_error_of(text);
        assert_eq!(d.kind, Syntax);
        assert_eq!(d.message, "EOF while parsing a value");
        assert!(d.line.unwrap() >= 1 && d.column.unwrap() >= 1, "1-based: {d}");
    }
    assert_eq!(only_error_of("").line, Some(1));
    assert_eq!(only_error_of("").column, Some(1));
}

#[test]
fn file_that_is_not_utf8_is_a_syntax_error_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.tablewright.json");
    let text = case(|v| v["description"] = json!("Caf#")).text;
    let expected = position_of(&text, "#");
    // "Café" written as Latin-1: 0xE9 is not UTF-8.
    let mut bytes = text.into_bytes();
    let at = bytes.iter().position(|&b| b == b'#').unwrap();
    bytes[at] = 0xE9;
    std::fs::write(&path, &bytes).unwrap();

    let err = load_file(&path).expect_err("bytes that are not UTF-8 are rejected, not replaced");
    let [d] = err.diagnostics() else { panic!("one problem: {err}") };
    assert_problem(d, Syntax, "$", "the file is not valid UTF-8 text", expected);
    assert!(err.to_string().contains("latin1.tablewright.json"), "{err}");
}

#[test]
fn unreadable_file_is_a_read_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.tablewright.json");
    let err = load_file(&path).unwrap_err();
    assert!(matches!(err, LoadError::Read { .. }), "{err:?}");
    assert!(err.diagnostics().is_empty());
    let shown = err.to_string();
    assert!(shown.starts_with(&path.display().to_string()), "{shown}");
    assert!(shown.contains("cannot read the file"), "{shown}");
}

// ---- format -------------------------------------------------------------------

#[test]
fn missing_format_field() {
    let c = case(|v| {
        v.as_object_mut().unwrap().remove("format");
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Schema,
        "$.format",
        "the file has no \"format\" field, so it is not a Tablewright model",
        (1, 1),
    );
    assert_eq!(d.hint, "add \"format\": \"tablewright/3\" at the top");
}

#[test]
fn unknown_format_version() {
    let c = case(|v| v["format"] = json!("tablewright/9"));
    assert_problem(
        &c.only_error(),
        Schema,
        "$.format",
        "unknown format 'tablewright/9'; this Tablewright reads tablewright/3",
        c.position("/format"),
    );
}

#[test]
fn format_that_is_not_a_string() {
    let c = case(|v| v["format"] = json!(1));
    assert_problem(
        &c.only_error(),
        Schema,
        "$.format",
        "the \"format\" field is a number, not a string",
        c.position("/format"),
    );
}

#[test]
fn file_that_is_not_an_object() {
    for text in ["[1, 2]", "\"tablewright/3\"", "null"] {
        let d = only_error_of(text);
        assert_problem(&d, Schema, "$", "the file is not a JSON object, so it is not a Tablewright model", (1, 1));
    }
}

// ---- schema -------------------------------------------------------------------

#[test]
fn missing_required_field() {
    let c = case(|v| {
        v["entities"][0].as_object_mut().unwrap().remove("name");
    });
    assert_problem(
        &c.only_error(),
        Schema,
        "$.entities[0]",
        "\"name\" is a required property",
        c.position("/entities/0"),
    );
}

#[test]
fn unknown_field_is_reported_at_the_field() {
    let c = case(|v| v["entities"][1]["attributes"][1]["nmae"] = json!("x"));
    let d = c.only_error();
    assert_problem(
        &d,
        Schema,
        "$.entities[1].attributes[1].nmae",
        "unknown field 'nmae'",
        c.position("/entities/1/attributes/1/nmae"),
    );
    assert!(d.hint.contains("spelling"), "{}", d.hint);
}

#[test]
fn several_unknown_fields_of_one_object_are_each_reported() {
    let c = case(|v| {
        v["table"]["colour"] = json!("blue");
        v["table"]["size"] = json!(3);
    });
    let d = c.errors();
    assert_eq!(d.len(), 2, "{}", render(&d));
    assert_problem(&d[0], Schema, "$.table.colour", "unknown field 'colour'", c.position("/table/colour"));
    assert_problem(&d[1], Schema, "$.table.size", "unknown field 'size'", c.position("/table/size"));
}

#[test]
fn wrong_enum_value() {
    let c = case(|v| v["entities"][0]["attributes"][1]["type"] = json!("text"));
    let d = c.only_error();
    assert_problem(
        &d,
        Schema,
        "$.entities[0].attributes[1].type",
        "\"text\" is not one of \"string\", \"number\", \"boolean\", \"binary\", \"string_set\", \"number_set\", \"list\" or \"map\"",
        c.position("/entities/0/attributes/1/type"),
    );
    assert!(d.hint.contains("one of the values"), "{}", d.hint);

    // A pattern's kind is a write's or one of the others': every one is named.
    let c = case(|v| v["access_patterns"][0]["kind"] = json!("read_all"));
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.access_patterns[0].kind");
    assert_eq!(
        d.message,
        "\"read_all\" is not one of \"put\", \"update\", \"delete\", \"read_one\", \"read_many\", \"transaction\" or \"expire\""
    );

    // A format is a name or an object (an enum): the names of every form.
    let c = case(|v| v["entities"][0]["attributes"][1]["format"] = json!("emial"));
    assert_eq!(
        c.only_error().message,
        "\"emial\" is not one of \"uuid\", \"email\", \"phone\", \"timestamp\", \"date\", \"ulid\", \"money\" or \"decimal\""
    );
    // Billing modes differ in their other fields too: the mode is what tells them apart.
    let c = case(|v| v["table"]["billing"]["mode"] = json!("ondemand"));
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.table.billing.mode");
    assert_eq!(d.message, "\"ondemand\" is not one of \"on_demand\" or \"provisioned\"");

    let c = case(|v| v["relationships"][0]["cardinality"] = json!("one_to_few"));
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.relationships[0].cardinality");
    assert!(d.message.starts_with("\"one_to_few\" is not one of"), "{d}");
    assert_eq!((d.line, d.column), opt(c.position("/relationships/0/cardinality")));
}

#[test]
fn wrong_type() {
    let c = case(|v| v["access_patterns"][0]["peak_rate"] = json!("fast"));
    let d = c.only_error();
    assert_problem(
        &d,
        Schema,
        "$.access_patterns[0].peak_rate",
        "\"fast\" is not of type \"number\"",
        c.position("/access_patterns/0/peak_rate"),
    );
    assert!(d.hint.contains("type"), "{}", d.hint);
}

#[test]
fn negative_count_is_out_of_range() {
    let c = case(|v| v["access_patterns"][0]["limit"] = json!(-1));
    assert_problem(
        &c.only_error(),
        Schema,
        "$.access_patterns[0].limit",
        "-1 is less than the minimum of 0",
        c.position("/access_patterns/0/limit"),
    );
}

#[test]
fn number_too_large_for_its_field_is_a_schema_error_at_the_field() {
    // The schema says "integer, at least 0"; the u32 bound is the deserializer's.
    let c = case(|v| v["access_patterns"][0]["limit"] = json!(5_000_000_000u64));
    assert_problem(
        &c.only_error(),
        Schema,
        "$.access_patterns[0].limit",
        "invalid value: integer `5000000000`, expected u32",
        c.position("/access_patterns/0/limit"),
    );
}

#[test]
fn all_schema_errors_are_reported_in_file_order() {
    let c = case(|v| {
        v["table"]["colour"] = json!("blue");
        v["entities"][1]["attributes"][0]["type"] = json!("text");
        v["relationships"][0].as_object_mut().unwrap().remove("cardinality");
        v["access_patterns"][0]["peak_rate"] = json!("fast");
    });
    let d = c.errors();
    let got: Vec<String> = d.iter().map(|d| format!("{} {}", d.path, d.message)).collect();
    assert_eq!(
        got,
        [
            "$.table.colour unknown field 'colour'",
            "$.entities[1].attributes[0].type \"text\" is not one of \"string\", \"number\", \"boolean\", \"binary\", \"string_set\", \"number_set\", \"list\" or \"map\"",
            "$.relationships[0] \"cardinality\" is a required property",
            "$.access_patterns[0].peak_rate \"fast\" is not of type \"number\"",
        ],
        "{}",
        render(&d)
    );
    assert!(d.iter().all(|d| d.kind == Schema));
    let positions: Vec<_> = d.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(
        positions,
        [
            opt(c.position("/table/colour")),
            opt(c.position("/entities/1/attributes/0/type")),
            opt(c.position("/relationships/0")),
            opt(c.position("/access_patterns/0/peak_rate")),
        ]
    );
}

#[test]
fn map_keys_made_of_digits_stay_keys_in_paths() {
    // Tags are keyed by the user; "2024" is a key, not an array index.
    let c = case(|v| v["table"]["tags"] = json!({"team": "shop", "2024": 5}));
    assert_problem(
        &c.only_error(),
        Schema,
        "$.table.tags[\"2024\"]",
        "5 is not of type \"string\"",
        c.position("/table/tags/2024"),
    );
}

// ---- semantic -----------------------------------------------------------------

#[test]
fn a_misspelt_attribute_is_told_the_nearest_one() {
    let c = case(|v| v["access_patterns"][1]["order"]["attribute"] = json!("createdAtt"));
    let d = &c.errors()[0];
    assert_eq!(d.message, "'Order' has no attribute 'createdAtt'");
    assert_eq!(d.hint, "did you mean 'createdAt'?");
    // An identifier of a related entity is a candidate too.
    let c = case(|v| v["access_patterns"][1]["inputs"][0] = json!("CustomerID"));
    assert_eq!(c.only_error().hint, "did you mean 'customerId'?");
    // So is a parent role's attribute (managerEmployeeId).
    let hr = std::fs::read_to_string(models_dir().join("hr-directory.tablewright.json")).unwrap();
    let typo = hr.replacen("\"managerEmployeeId\"\n", "\"managerEmployeeID\"\n", 1);
    let d = errors_of(&typo);
    assert_eq!(d[0].hint, "did you mean 'managerEmployeeId'?", "{}", render(&d));
}

#[test]
fn relationship_to_unknown_entity() {
    let c = case(|v| v["relationships"][0]["to"] = json!("Ordr"));
    let d = c.errors();
    assert_problem(
        &d[0],
        Semantic,
        "$.relationships[0].to",
        "relationship 'CustomerOrders' refers to unknown entity 'Ordr'",
        c.position("/relationships/0/to"),
    );
    assert_eq!(d[0].hint, "did you mean 'Order'?");
    // Without the relationship, Order's items no longer carry customerId; the
    // hint says which relationship is missing, and lists what they do carry.
    assert_eq!(d.len(), 2, "{}", render(&d));
    assert_eq!(d[1].path.to_string(), "$.access_patterns[1].inputs[0]");
    assert_eq!(
        d[1].hint,
        "'customerId' identifies Customer, and no relationship links Customer to Order: add one (from Customer to Order) so that Order's items carry it, or name one of the attributes Order has or reaches through its relationships (orderId, createdAt, total)"
    );

    let c = case(|v| v["relationships"][0]["to"] = json!("Invoice"));
    assert_eq!(c.errors()[0].hint, "known entities: Customer, Order");

    let c = case(|v| v["relationships"][0]["from"] = json!("customer"));
    let d = c.errors();
    assert_eq!(d[0].path.to_string(), "$.relationships[0].from");
    assert_eq!(d[0].hint, "did you mean 'Customer'?");
}

#[test]
fn access_pattern_naming_unknown_attribute() {
    let c = case(|v| {
        v["access_patterns"][0]["inputs"] = json!(["customerId", "nickname"]);
        v["access_patterns"][1]["range"]["attribute"] = json!("placedAt");
    });
    let d = c.errors();
    assert_eq!(d.len(), 3, "{}", render(&d));
    assert_problem(
        &d[0],
        Semantic,
        "$.access_patterns[0].inputs[1]",
        "'Customer' has no attribute 'nickname'",
        c.position("/access_patterns/0/inputs/1"),
    );
    assert_problem(
        &d[1],
        Semantic,
        "$.access_patterns[1].range.attribute",
        "'Order' has no attribute 'placedAt'",
        c.position("/access_patterns/1/range/attribute"),
    );
    // The order's attribute is fine, but no longer the range's.
    assert_eq!(d[2].message, "results sorted by 'createdAt' but the range is on 'placedAt'");
}

#[test]
fn access_pattern_on_unknown_entity() {
    let c = case(|v| v["access_patterns"][0]["entity"] = json!("customer"));
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[0].entity",
        "access pattern 'AP01' targets unknown entity 'customer'",
        c.position("/access_patterns/0/entity"),
    );
    assert_eq!(d.hint, "did you mean 'Customer'?");
}

#[test]
fn duplicate_entity_name() {
    let c = case(|v| {
        let copy = v["entities"][1].clone();
        v["entities"].as_array_mut().unwrap().push(copy);
    });
    assert_problem(
        &c.only_error(),
        Semantic,
        "$.entities[2].name",
        "the name 'Order' is already used at $.entities[1]",
        c.position("/entities/2/name"),
    );

    // Entities and relationships share one namespace.
    let c = case(|v| v["relationships"][0]["name"] = json!("Customer"));
    assert_problem(
        &c.only_error(),
        Semantic,
        "$.relationships[0].name",
        "the name 'Customer' is already used at $.entities[0]",
        c.position("/relationships/0/name"),
    );
}

#[test]
fn duplicate_attribute_name() {
    let c = case(|v| v["entities"][1]["attributes"][2]["name"] = json!("createdAt"));
    assert_problem(
        &c.only_error(),
        Semantic,
        "$.entities[1].attributes[2].name",
        "attribute 'createdAt' is already defined at index 1",
        c.position("/entities/1/attributes/2/name"),
    );
}

#[test]
fn duplicate_pattern_id() {
    let c = case(|v| v["access_patterns"][1]["id"] = json!("AP01"));
    assert_problem(
        &c.only_error(),
        Semantic,
        "$.access_patterns[1].id",
        "the access pattern id 'AP01' is already used by access_patterns[0]",
        c.position("/access_patterns/1/id"),
    );
}

#[test]
fn entity_without_identifier() {
    let c = case(|v| {
        v["entities"][1]["attributes"][0].as_object_mut().unwrap().remove("identifier");
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.entities[1].attributes",
        "entity 'Order' has no identifier",
        c.position("/entities/1/attributes"),
    );
    assert!(d.hint.contains("\"identifier\": true"), "{}", d.hint);
}

#[test]
fn input_of_a_type_no_key_can_hold() {
    for ty in ["boolean", "list", "map"] {
        let c = case(|v| {
            v["entities"][0]["attributes"][2]["type"] = json!(ty);
            v["access_patterns"][0]["inputs"] = json!(["vip"]);
        });
        let d = c.only_error();
        assert_problem(
            &d,
            Semantic,
            "$.access_patterns[0].inputs[0]",
            &format!("input 'vip' is of type {ty}, which cannot be matched in a key"),
            c.position("/access_patterns/0/inputs/0"),
        );
    }
    let c = case(|v| v["access_patterns"][0]["inputs"] = json!(["tags"]));
    assert_problem(
        &c.only_error(),
        Semantic,
        "$.access_patterns[0].inputs[0]",
        "input 'tags' is a set, which cannot be matched in a key",
        c.position("/access_patterns/0/inputs/0"),
    );
}

#[test]
fn range_condition_on_a_set() {
    let c = case(|v| {
        v["access_patterns"][0]["kind"] = json!("read_many");
        v["access_patterns"][0]["range"] = json!({"attribute": "tags", "op": "begins_with"});
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[0].range.attribute",
        "range condition on set 'tags'",
        c.position("/access_patterns/0/range/attribute"),
    );
}

/// An input is an exact value: listed beside a range on the same attribute, the
/// plan would match it exactly and the range would never be asked.
#[test]
fn a_range_attribute_listed_as_an_input_is_an_error_at_the_input() {
    let c = case(|v| v["access_patterns"][1]["inputs"] = json!(["customerId", "createdAt"]));
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[1].inputs[1]",
        "'createdAt' is both an input (an exact value) and the range's attribute",
        c.position("/access_patterns/1/inputs/1"),
    );
    assert!(d.hint.contains("remove 'createdAt' from inputs"), "{}", d.hint);
}

#[test]
fn order_attribute_differs_from_range_attribute() {
    let c = case(|v| v["access_patterns"][1]["order"]["attribute"] = json!("total"));
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[1].order.attribute",
        "results sorted by 'total' but the range is on 'createdAt'",
        c.position("/access_patterns/1/order/attribute"),
    );
    assert!(d.hint.contains("order by the range's attribute"), "{}", d.hint);
}

#[test]
fn transaction_without_steps() {
    let c = case(|v| {
        push_pattern(
            v,
            json!({"id": "AP03", "name": "Place an order", "kind": "transaction",
                   "entity": "Order", "peak_rate": 1.0}),
        )
    });
    // The steps field is absent: the problem is placed at its pattern.
    assert_problem(
        &c.only_error(),
        Semantic,
        "$.access_patterns[2].steps",
        "a transaction needs at least one step",
        c.position("/access_patterns/2"),
    );
}

#[test]
fn reserved_attribute_names() {
    for name in ["PK", "SK", "GSI1PK", "GSI12SK", "LSI1SK", "_x", "_"] {
        let c = case(|v| v["entities"][0]["attributes"][1]["name"] = json!(name));
        let d = c.only_error();
        assert_problem(
            &d,
            Semantic,
            "$.entities[0].attributes[1].name",
            &format!("'{name}' is reserved for the design's own attributes"),
            c.position("/entities/0/attributes/1/name"),
        );
    }
    // Many-to-many relationships' own attributes follow the same rule.
    let c = case(|v| {
        v["relationships"][0]["cardinality"] = json!("many_to_many");
        v["relationships"][0]["attributes"] = json!([{"name": "SK", "type": "string"}]);
    });
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.relationships[0].attributes[0].name");
    assert_eq!(d.message, "'SK' is reserved for the design's own attributes");
}

#[test]
fn bad_pinned_key_template() {
    let c = case(|v| {
        v["entities"][0]["pinned_keys"] = json!({"table": {"partition": "CUST#{customerId", "sort": "PROFILE"}});
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.entities[0].pinned_keys.table.partition",
        "bad key template 'CUST#{customerId': '{' at character 5 is never closed",
        c.position("/entities/0/pinned_keys/table/partition"),
    );
    assert_eq!(d.hint, "write placeholders as {attributeName}");

    let c = case(|v| {
        v["entities"][1]["pinned_keys"] = json!({"GSI1": {"sort": "ORDER#{}"}});
    });
    assert_eq!(c.only_error().message, "bad key template 'ORDER#{}': empty placeholder '{}' at character 6");

    let c = case(|v| {
        v["entities"][1]["pinned_keys"] = json!({"GSI1": {"partition": "ORDER#{orderNo}"}});
    });
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.entities[1].pinned_keys.GSI1.partition");
    assert_eq!(d.message, "key template 'ORDER#{orderNo}' names unknown attribute 'orderNo'");

    let c = case(|v| {
        v["entities"][1]["pinned_keys"] = json!({"index1": {"partition": "ORDER#{orderId}"}});
    });
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.entities[1].pinned_keys.index1");
    assert_eq!(d.message, "'index1' is not an index name");
}

#[test]
fn expire_without_table_ttl_attribute() {
    let expire = json!({"id": "AP03", "name": "Forget old orders", "kind": "expire",
                        "entity": "Order", "peak_rate": 0.0,
                        "retention": {"attribute": "createdAt", "days": 30}});
    let c = case(|v| push_pattern(v, expire.clone()));
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[2].kind",
        "expiring items needs the table's TTL attribute",
        c.position("/access_patterns/2/kind"),
    );
    assert!(d.hint.contains("table.ttl_attribute"), "{}", d.hint);

    // With the TTL attribute, the same pattern is valid.
    let c = case(|v| {
        v["table"]["ttl_attribute"] = json!("expiresAt");
        push_pattern(v, expire.clone());
    });
    load_str(&c.text).unwrap_or_else(|d| panic!("{}", render(&d)));
}

#[test]
fn a_retention_of_no_days_is_refused() {
    let expire = json!({"id": "AP03", "name": "Forget old orders", "kind": "expire",
                        "entity": "Order", "peak_rate": 0.0,
                        "retention": {"attribute": "createdAt", "days": 0}});
    let c = case(|v| {
        v["table"]["ttl_attribute"] = json!("expiresAt");
        push_pattern(v, expire.clone());
    });
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.access_patterns[2].retention.days");
    assert_eq!(d.message, "a retention of 0 days expires every item as it is written");
}

/// A child of its own kind cannot carry its parent's identifier under the name
/// of its own: the hierarchy needs the parent's part named.
#[test]
fn a_hierarchy_of_one_entity_needs_a_parent_role() {
    let c = case(|v| {
        v["relationships"].as_array_mut().unwrap().push(json!({
            "name": "Reorders", "from": "Order", "to": "Order", "cardinality": "one_to_many"
        }));
    });
    let d = c.only_error();
    assert_eq!(d.path.to_string(), "$.relationships[1].from_role");
    assert!(d.message.contains("a child needs a name for its parent's identifier"), "{}", d.message);
    assert!(d.hint.contains("from_role"), "{}", d.hint);
}

#[test]
fn type_names_in_messages_are_spelled_as_in_the_file() {
    let c = case(|v| v["entities"][0]["attributes"][2]["format"] = json!({"enum": ["gold"]}));
    assert_eq!(c.only_error().message, "format enum does not fit type boolean");
    let c = case(|v| v["relationships"][0]["expected_count"] = json!(10));
    assert_eq!(
        c.only_error().message,
        "only a many-to-many relationship has expected_count; 'CustomerOrders' is one_to_many"
    );
}

#[test]
fn semantic_errors_are_all_reported_in_file_order() {
    let c = case(|v| {
        v["entities"][1]["attributes"][2]["name"] = json!("createdAt");
        v["relationships"][0]["to"] = json!("Ordr");
        v["access_patterns"][0]["entity"] = json!("Client");
        v["access_patterns"][1]["id"] = json!("AP01");
    });
    let d = c.errors();
    let paths: Vec<String> = d.iter().map(|d| d.path.to_string()).collect();
    assert_eq!(
        paths,
        [
            "$.entities[1].attributes[2].name",
            "$.relationships[0].to",
            "$.access_patterns[0].entity",
            "$.access_patterns[1].id",
            "$.access_patterns[1].inputs[0]",
        ],
        "{}",
        render(&d)
    );
    assert!(d.iter().all(|d| d.kind == Semantic && d.line.is_some()));
}

fn only_error_of(text: &str) -> tablewright_engine::Diagnostic {
    let mut d = errors_of(text);
    assert_eq!(d.len(), 1, "expected one problem, got:\n{}", render(&d));
    d.remove(0)
}

fn opt((line, column): (usize, usize)) -> (Option<usize>, Option<usize>) {
    (Some(line), Some(column))
}

#[test]
fn an_input_listed_twice() {
    let c = case(|v| v["access_patterns"][0]["inputs"] = json!(["customerId", "customerId"]));
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[0].inputs[1]",
        "input 'customerId' is listed twice",
        c.position("/access_patterns/0/inputs/1"),
    );
}

#[test]
fn a_filter_value_outside_the_enum() {
    let c = case(|v| {
        v["entities"][1]["attributes"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "status", "type": "string", "format": {"enum": ["open", "shipped"]}}));
        v["access_patterns"][1]["filter"] = json!({"attribute": "status", "op": "equals", "value": "lost"});
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[1].filter.value",
        "'lost' is not one of status's values (open, shipped)",
        c.position("/access_patterns/1/filter/value"),
    );
}

#[test]
fn an_update_of_the_identifier() {
    let c = case(|v| {
        v["access_patterns"].as_array_mut().unwrap().push(json!({
            "id": "AP03", "name": "Rename", "kind": "update", "entity": "Customer", "peak_rate": 1.0,
            "updates": [{"attribute": "customerId", "action": "set", "input": "newId"}]
        }));
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[2].updates[0].attribute",
        "'customerId' identifies the item, and an update cannot change an item's key",
        c.position("/access_patterns/2/updates/0/attribute"),
    );
}

#[test]
fn an_ordered_comparison_on_a_set() {
    let c = case(|v| {
        v["access_patterns"].as_array_mut().unwrap().push(json!({
            "id": "AP03", "name": "Tag", "kind": "update", "entity": "Customer", "peak_rate": 1.0,
            "conditions": [{"attribute": "tags", "op": "<", "input": "limit"}],
            "updates": [{"attribute": "vip", "action": "set", "input": "vip"}]
        }));
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[2].conditions[0].op",
        "'tags' is string_set, which has no order to compare",
        c.position("/access_patterns/2/conditions/0/op"),
    );
}

#[test]
fn a_comparison_nested_in_conditions_is_named_by_its_path() {
    let c = case(|v| {
        v["access_patterns"].as_array_mut().unwrap().push(json!({
            "id": "AP03", "name": "Tag", "kind": "update", "entity": "Customer", "peak_rate": 1.0,
            "conditions": [{"any": [{"op": "not_exists"}, {"not": {"attribute": "tags", "op": "<", "input": "limit"}}]}],
            "updates": [{"attribute": "vip", "action": "set", "input": "vip"}]
        }));
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[2].conditions[0].any[1].not.op",
        "'tags' is string_set, which has no order to compare",
        c.position("/access_patterns/2/conditions/0/any/1/not/op"),
    );
}

#[test]
fn a_join_of_no_conditions() {
    let c = case(|v| {
        v["access_patterns"].as_array_mut().unwrap().push(json!({
            "id": "AP03", "name": "Tag", "kind": "delete", "entity": "Customer", "peak_rate": 1.0,
            "conditions": [{"any": []}]
        }));
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[2].conditions[0].any",
        "'any' lists no condition, so it decides nothing",
        c.position("/access_patterns/2/conditions/0/any"),
    );
}

#[test]
fn a_ttl_attribute_that_is_not_a_number() {
    let c = case(|v| {
        v["table"]["ttl_attribute"] = json!("createdAt");
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.entities[1].attributes[1].type",
        "'createdAt' is the table's TTL attribute, so it must be a number (epoch seconds)",
        c.position("/entities/1/attributes/1/type"),
    );
}

#[test]
fn a_distribution_of_values_on_an_identifier_is_refused_but_a_present_share_is_not() {
    let c = case(|v| {
        v["entities"][0]["attributes"][0]["distribution"] = json!({"distinct_values": 10, "top_value_share": 0.5})
    });
    let d = c.only_error();
    assert_eq!(d.kind, Semantic);
    assert_eq!(d.path.to_string(), "$.entities[0].attributes[0].distribution");
    assert!(d.message.contains("'customerId' identifies the items"), "{}", d.message);
    assert!(d.hint.contains("present_share may stay"), "{}", d.hint);
    let ok = case(|v| v["entities"][0]["attributes"][0]["distribution"] = json!({"present_share": 1.0}));
    load_str(&ok.text).unwrap_or_else(|d| panic!("{}", render(&d)));
}

#[test]
fn a_filter_compares_with_values_its_test_and_attribute_take() {
    let filtered = |filter: Value| {
        case(move |v| v["access_patterns"][1]["filter"] = filter)
            .errors()
            .into_iter()
            .map(|d| (d.path, d.message))
            .collect::<Vec<_>>()
    };
    for fine in [
        json!({"attribute": "total", "op": "between", "values": ["10", "100"]}),
        json!({"attribute": "total", "op": "in", "values": ["1", "2.5", "-3"]}),
        json!({"attribute": "total", "op": "greater_than", "input": "minTotal"}),
        json!({"not": {"any": [{"attribute": "total", "op": "less_than", "value": "5"}, {"all": [{"attribute": "total", "op": "present"}]}]}}),
    ] {
        assert!(load_str(&case(|v| v["access_patterns"][1]["filter"] = fine.clone()).text).is_ok(), "{fine}");
    }
    let wrong = [
        (json!({"attribute": "total", "op": "between", "value": "10"}), "$.access_patterns[1].filter", "wrong values"),
        (
            json!({"attribute": "total", "op": "greater_than", "value": "lots"}),
            "$.access_patterns[1].filter.value",
            "not a number",
        ),
        (
            json!({"attribute": "total", "op": "begins_with", "value": "1"}),
            "$.access_patterns[1].filter.op",
            "cannot test",
        ),
        (
            json!({"attribute": "total", "op": "between", "values": ["100", "10"]}),
            "$.access_patterns[1].filter.values",
            "lowest value comes first",
        ),
        (json!({"attribute": "total", "op": "in", "values": []}), "$.access_patterns[1].filter", "wrong values"),
        (json!({"attribute": "total", "op": "present", "value": "1"}), "$.access_patterns[1].filter", "wrong values"),
        (
            json!({"attribute": "createdAt", "op": "contains", "value": "2026", "values": ["x"]}),
            "$.access_patterns[1].filter",
            "wrong values",
        ),
        (
            json!({"attribute": "total", "op": "greater_than", "value": "1", "input": "minTotal"}),
            "$.access_patterns[1].filter.input",
            "both a \"value\" and an \"input\"",
        ),
        (json!({"attribute": "total", "op": "in", "input": "minTotal"}), "$.access_patterns[1].filter", "wrong values"),
        (
            json!({"attribute": "total", "op": "greater_than", "input": "min total"}),
            "$.access_patterns[1].filter.input",
            "cannot name a request's value",
        ),
        (
            json!({"attribute": "total", "op": "greater_than", "input": "filter2"}),
            "$.access_patterns[1].filter.input",
            "already binds",
        ),
        (json!({"all": []}), "$.access_patterns[1].filter.all", "lists no filter"),
        (
            json!({"any": [{"attribute": "total", "op": "equals", "value": "1"}, {"not": {"attribute": "nope", "op": "present"}}]}),
            "$.access_patterns[1].filter.any[1].not.attribute",
            "nope",
        ),
        (
            json!({"all": [{"attribute": "total", "op": "greater_than", "value": "lots"}]}),
            "$.access_patterns[1].filter.all[0].value",
            "not a number",
        ),
    ];
    for (filter, path, message) in wrong {
        let errors = filtered(filter.clone());
        assert!(errors.iter().any(|(p, m)| p.to_string() == path && m.contains(message)), "{filter}: {errors:?}");
    }
}

#[test]
fn a_write_takes_as_inputs_only_what_its_items_hold() {
    // A customer's item holds no order id: an update of the customer "by order" is
    // not a write of one customer item. The order's item holds the customer's id.
    let c = case(|v| {
        push_pattern(
            v,
            json!({"id": "AP03", "name": "Mark the customer VIP", "kind": "update", "entity": "Customer",
                   "inputs": ["customerId", "orderId"], "peak_rate": 1.0,
                   "updates": [{"attribute": "vip", "action": "set", "input": "vip"}]}),
        )
    });
    let d = c.only_error();
    assert_problem(
        &d,
        Semantic,
        "$.access_patterns[2].inputs[1]",
        "input 'orderId' identifies 'Order', which 'Customer' items do not hold: a write changes one Customer \
         item, found by its own key",
        c.position("/access_patterns/2/inputs/1"),
    );
    assert!(d.hint.contains("make it the pattern's entity"), "{}", d.hint);
    let parent = case(|v| {
        push_pattern(
            v,
            json!({"id": "AP03", "name": "Reprice an order", "kind": "update", "entity": "Order",
                   "inputs": ["customerId", "orderId"], "peak_rate": 1.0,
                   "updates": [{"attribute": "total", "action": "set", "input": "total"}]}),
        )
    });
    assert!(load_str(&parent.text).is_ok(), "an order's item holds its customer's id");
}

#[test]
fn tags_keep_to_the_lengths_aws_allows() {
    let long_key = "k".repeat(129);
    let c = case(|v| v["table"]["tags"] = json!({ long_key.as_str(): "x" }));
    let d = c.only_error();
    assert!(d.message.contains("is not a valid tag key") && d.hint.contains("1 to 128"), "{d}");
    let c = case(|v| v["table"]["tags"] = json!({"team": "v".repeat(257)}));
    let d = c.only_error();
    assert!(d.message.contains("is not a valid tag value") && d.hint.contains("up to 256"), "{d}");
    let fits = case(|v| v["table"]["tags"] = json!({ "k".repeat(128): "v".repeat(256) }));
    assert!(load_str(&fits.text).is_ok(), "128 and 256 characters are allowed");
}
