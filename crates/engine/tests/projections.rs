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
