//! Each index projects what the reads of it use, and the verifier holds the
//! design to it: on ecommerce-orders, GSI2 and GSI3 hold only what EC06 and EC07
//! return, GSI1 stays ALL while one of its reads lists nothing, and once every
//! read of GSI1 lists what it returns, GSI1 holds those, what they filter and
//! order on, and the type attribute that tells its item types apart.

mod common;

use common::models_dir;
use tablewright_engine::design::{derive, Projection};
use tablewright_engine::load_file;
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
