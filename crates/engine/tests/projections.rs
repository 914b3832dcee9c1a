//! Each index projects what the reads of it use, and the verifier holds the
//! design to it: on ecommerce-orders, GSI2 and GSI3 hold only what EC06 and EC07
//! return, GSI1 stays ALL while one of its reads lists nothing, and once every
//! read of GSI1 lists what it returns, GSI1 holds those, what they filter and
//! order on, and the type attribute that tells its item types apart.

mod common;

use common::models_dir;
use tablewright_engine::cost::{estimate, CostOptions, IndexCost};
use tablewright_engine::design::{derive, ProblemCode, Projection};
use tablewright_engine::edit::apply;
use tablewright_engine::load_file;
use tablewright_engine::model::TableSettings;
use tablewright_engine::validate::validate;
use tablewright_engine::verify::verify;

fn projection(design: &tablewright_engine::design::Design, index: &str) -> Projection {
    design.gsis.iter().find(|i| i.name == index).unwrap().projection.clone()
}

fn names(list: &[&str]) -> Projection {
    Projection::Include(list.iter().map(|s| s.to_string()).collect())
}

#[test]
fn an_index_projects_what_its_reads_return_filter_and_order_on() {
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    let design = derive(&model);
    assert_eq!(projection(&design, "GSI2"), names(&["orderId", "status", "version"]));
    assert_eq!(
        projection(&design, "GSI3"),
        names(&["customerId", "fraudHoldReason", "orderId", "placedAt", "totalAmount"])
    );
    assert_eq!(projection(&design, "GSI1"), Projection::All);
    let gsi1 = design.gsis.iter().find(|i| i.name == "GSI1").unwrap();
    assert!(gsi1.explanation.contains("EC03") && gsi1.explanation.contains("every attribute"), "{}", gsi1.explanation);

    // Every read of GSI1 lists what it returns: the order id.
    let readers: Vec<String> =
        design.plans.iter().filter(|p| p.request.index == "GSI1").map(|p| p.pattern.clone()).collect();
    for p in model.access_patterns.iter_mut().filter(|p| readers.contains(&p.id)) {
        let own = identifier_of(&p.entity);
        p.returns = vec![own.to_string()];
    }
    let design = derive(&model);
    let Projection::Include(attributes) = projection(&design, "GSI1") else { panic!("GSI1 projects a list") };
    for wanted in ["orderId", "customerId", "placedAt", "totalAmount", "channel", "status", "fraudHoldReason", "_type"]
    {
        assert!(attributes.iter().any(|a| a == wanted), "{wanted} in {attributes:?}");
    }
    assert!(!attributes.iter().any(|a| a == "shippingAddress"), "nothing no read uses: {attributes:?}");
    let verification = verify(&model, &design);
    assert!(verification.patterns.iter().all(|v| v.reasons.is_empty()), "{:#?}", verification.patterns);
}

/// The identifier of each example entity GSI1 holds: what the reads return.
fn identifier_of(entity: &str) -> &'static str {
    match entity {
        "Customer" => "customerId",
        "Order" => "orderId",
        "Product" => "sku",
        "Category" => "categoryId",
        "Shipment" => "shipmentId",
        "ProductCategory" => "sku",
        "Inventory" => "sku",
        "OrderItem" => "lineNumber",
        other => panic!("GSI1 holds no {other}"),
    }
}

fn pin(model: &mut tablewright_engine::Model, index: &str, projection: Projection) {
    model.table.pinned_projections.insert(index.to_string(), projection);
}

fn index_cost(model: &tablewright_engine::Model, index: &str) -> IndexCost {
    let report = estimate(model, &derive(model), &CostOptions::default()).unwrap();
    report.indexes.into_iter().find(|i| i.index == index).unwrap()
}

/// ALL pinned over a derived INCLUDE: the design, its explanation and the cost
/// follow the pin, and every read still verifies.
#[test]
fn a_projection_pinned_wider_is_used_explained_and_costed() {
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    let derived = index_cost(&model, "GSI2");
    pin(&mut model, "GSI2", Projection::All);
    let design = derive(&model);
    assert_eq!(projection(&design, "GSI2"), Projection::All);
    let gsi2 = design.gsis.iter().find(|i| i.name == "GSI2").unwrap();
    assert!(
        gsi2.explanation
            .contains("pinned by hand to ALL; derived from its reads, it projects orderId, status, version only"),
        "{}",
        gsi2.explanation
    );
    assert!(verify(&model, &design).ok());
    let pinned = index_cost(&model, "GSI2");
    assert!(pinned.storage_gib > derived.storage_gib * 2.0, "{} vs {}", pinned.storage_gib, derived.storage_gib);
}

/// KEYS_ONLY pinned under what the reads need: kept as pinned, and the verifier
/// rejects each read of the index for the attributes it leaves out.
#[test]
fn a_projection_pinned_narrower_than_its_reads_need_fails_verification() {
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    pin(&mut model, "GSI3", Projection::KeysOnly);
    let design = derive(&model);
    assert_eq!(projection(&design, "GSI3"), Projection::KeysOnly);
    let verification = verify(&model, &design);
    let readers: Vec<&str> =
        design.plans.iter().filter(|p| p.request.index == "GSI3").map(|p| p.pattern.as_str()).collect();
    assert!(!readers.is_empty());
    for reader in readers {
        let verdict = verification.patterns.iter().find(|v| v.pattern == reader).unwrap();
        assert!(!verdict.ok, "{reader} passes over KEYS_ONLY");
        assert!(
            verdict.reasons.iter().any(|r| r.contains("GSI3") && r.contains("totalAmount")),
            "{:?}",
            verdict.reasons
        );
    }
}

/// A pin for an index the design does not have is a warning whose fix removes it;
/// a pin that names no secondary index, or an attribute no item has, fails `check`.
#[test]
fn a_projection_pinned_for_no_index_is_reported_and_a_bad_one_rejected() {
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    pin(&mut model, "GSI9", Projection::All);
    let design = derive(&model);
    let problem = design.problems.iter().find(|p| p.code == ProblemCode::PinnedConflict).expect("a pinned_conflict");
    assert!(problem.message.contains("GSI9"), "{}", problem.message);
    let fixed = apply(&model, &problem.fixes[0].edit).unwrap();
    assert!(fixed.model.table.pinned_projections.is_empty());

    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    pin(&mut model, "table", Projection::All);
    pin(&mut model, "GSI1", Projection::Include(vec!["orderId".into(), "nonsense".into()]));
    let diagnostics = validate(&model);
    let at = |path: &str| {
        diagnostics.iter().find(|d| d.path.to_string() == path).unwrap_or_else(|| panic!("{path}: {diagnostics:#?}"))
    };
    assert!(at("$.table.pinned_projections.table").message.contains("not a secondary index"));
    assert!(at("$.table.pinned_projections.GSI1.INCLUDE[1]").message.contains("'nonsense'"));
}

fn include_of(model: &tablewright_engine::Model, index: &str) -> Vec<String> {
    model.table.pinned_projections[index].included().to_vec()
}

/// Edits keep a pinned INCLUDE list valid: a renamed attribute is renamed in it
/// (and the old name kept while another entity still has it), a deleted one
/// leaves it, and a list left empty projects the keys alone.
#[test]
fn renames_and_deletions_of_attributes_carry_into_pinned_lists() {
    use tablewright_engine::edit::Edit;
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    pin(&mut model, "GSI2", names(&["orderId", "version", "status"]));
    let rename = |model: &tablewright_engine::Model, attribute: &str, to: &str| {
        let mut renamed = model.entity("Order").unwrap().attribute(attribute).unwrap().clone();
        renamed.name = to.to_string();
        let edit = Edit::UpdateAttribute { owner: "Order".into(), attribute: attribute.into(), to: renamed };
        apply(model, &edit).unwrap().model
    };
    let model = rename(&model, "version", "revision");
    assert_eq!(include_of(&model, "GSI2"), ["orderId", "revision", "status"], "renamed in its place");
    // Product and Shipment still have a status: their items keep projecting it.
    let model = rename(&model, "status", "orderStatus");
    assert_eq!(include_of(&model, "GSI2"), ["orderId", "revision", "status", "orderStatus"]);
    assert!(validate(&model).is_empty(), "{:#?}", validate(&model));

    let delete = |model: &tablewright_engine::Model, attribute: &str| {
        apply(model, &Edit::DeleteAttribute { owner: "Order".into(), attribute: attribute.into() }).unwrap().model
    };
    let model = delete(&model, "revision");
    assert_eq!(include_of(&model, "GSI2"), ["orderId", "status", "orderStatus"]);
    let model = delete(&model, "orderStatus");
    assert_eq!(include_of(&model, "GSI2"), ["orderId", "status"]);
    let about_pins = |model: &tablewright_engine::Model| {
        validate(model).into_iter().filter(|d| d.path.to_string().contains("pinned_projections")).collect::<Vec<_>>()
    };
    assert!(about_pins(&model).is_empty(), "{:#?}", about_pins(&model));

    let mut model = model;
    pin(&mut model, "GSI3", names(&["fraudHoldReason"]));
    let model = delete(&model, "fraudHoldReason");
    assert_eq!(model.table.pinned_projections["GSI3"], Projection::KeysOnly);
}

/// The pin edit sets and clears one index's projection and leaves the others.
#[test]
fn the_pin_edit_changes_one_index_alone() {
    use tablewright_engine::edit::Edit;
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    pin(&mut model, "GSI1", Projection::All);
    let pinned =
        apply(&model, &Edit::PinProjection { index: "GSI2".into(), projection: Some(Projection::KeysOnly) }).unwrap();
    assert_eq!(pinned.label, "Pin the projection of GSI2");
    assert_eq!(pinned.model.table.pinned_projections.len(), 2);
    let unpinned = apply(&pinned.model, &Edit::PinProjection { index: "GSI1".into(), projection: None }).unwrap();
    assert_eq!(unpinned.model.table.pinned_projections.keys().collect::<Vec<_>>(), ["GSI2"]);

    for index in ["table", "GSI01", "gsi2"] {
        let edit = Edit::PinProjection { index: index.into(), projection: Some(Projection::KeysOnly) };
        let refused = apply(&unpinned.model, &edit).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("is not a secondary index's name"), "{index}: {refused}");
    }

    // The settings form sends the whole table as it rendered it, before the pin.
    let form = Edit::SetTable { table: TableSettings { name: "Renamed".into(), ..model.table.clone() } };
    let renamed = apply(&unpinned.model, &form).unwrap().model;
    assert_eq!(renamed.table.name, "Renamed");
    assert_eq!(renamed.table.pinned_projections, unpinned.model.table.pinned_projections, "the pins made since stay");
}

/// Pins are held to DynamoDB's rules by `check`: one index name for one index
/// (GSI01 is not GSI1), each attribute once, and at most 100 listed in all; the
/// derived lists widen to ALL around pins that leave them no room.
#[test]
fn pins_are_held_to_dynamodbs_rules_and_derived_lists_make_room_for_them() {
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    pin(&mut model, "GSI01", Projection::All);
    pin(&mut model, "GSI2", names(&["orderId", "status", "orderId"]));
    let diagnostics = validate(&model);
    let at = |path: &str| {
        diagnostics.iter().find(|d| d.path.to_string() == path).unwrap_or_else(|| panic!("{path}: {diagnostics:#?}"))
    };
    assert!(at("$.table.pinned_projections.GSI01").message.contains("not a secondary index"));
    assert!(at("$.table.pinned_projections.GSI2.INCLUDE[2]").message.contains("listed twice"));

    // 98 attributes pinned on GSI2 leave no room for GSI3's derived five.
    let mut model = load_file(&models_dir().join("ecommerce-orders.tablewright.json")).unwrap();
    let customer = model.entities.iter_mut().find(|e| e.name == "Customer").unwrap();
    let template = customer.attribute("email").unwrap().clone();
    let extra: Vec<String> = (0..98).map(|i| format!("extra{i}")).collect();
    for name in &extra {
        customer.attributes.push(tablewright_engine::model::Attribute { name: name.clone(), ..template.clone() });
    }
    pin(&mut model, "GSI2", Projection::Include(extra.clone()));
    assert!(validate(&model).is_empty(), "{:#?}", validate(&model));
    let design = derive(&model);
    assert_eq!(projection(&design, "GSI2"), Projection::Include(extra.clone()));
    assert_eq!(projection(&design, "GSI3"), Projection::All);

    let customer = model.entities.iter_mut().find(|e| e.name == "Customer").unwrap();
    for i in 98..101 {
        customer
            .attributes
            .push(tablewright_engine::model::Attribute { name: format!("extra{i}"), ..template.clone() });
    }
    pin(&mut model, "GSI2", Projection::Include((0..101).map(|i| format!("extra{i}")).collect()));
    assert!(
        validate(&model).iter().any(|d| d.message.contains("name 101 attributes in all")),
        "{:#?}",
        validate(&model)
    );
}
