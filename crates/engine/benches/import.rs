//! How long a NoSQL Workbench import takes as a file grows in facets (1,000 and
//! 10,000, one item each) and in items (10,000 and 100,000 of two kinds). Target:
//! linear growth (10x the file in at most ~12x the time).
//!
//! `cargo bench -p tablewright-engine --bench import -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::{json, Value};
use tablewright_engine::import::{import_nwb, ImportOptions};

// The allocator the CLI and the desktop app use, so the times are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn file(facets: Vec<Value>, items: Vec<Value>, declared: Vec<Value>) -> String {
    json!({
        "ModelName": "bench",
        "DataModel": [{
            "TableName": "bench",
            "KeyAttributes": {
                "PartitionKey": {"AttributeName": "PK", "AttributeType": "S"},
                "SortKey": {"AttributeName": "SK", "AttributeType": "S"}
            },
            "NonKeyAttributes": declared,
            "TableFacets": facets,
            "TableData": items,
            "BillingMode": "PAY_PER_REQUEST"
        }]
    })
    .to_string()
}

/// One facet per kind, each with one item and one attribute of its own.
fn with_facets(n: usize) -> String {
    let facets = (0..n)
        .map(|i| {
            json!({
                "FacetName": format!("Kind{i}"),
                "KeyAttributeAlias": {"PartitionKeyAlias": "PK", "SortKeyAlias": "SK"},
                "NonKeyAttributes": [format!("a{i}")],
                "TableData": [{"PK": {"S": format!("K{i}#1")}, "SK": {"S": format!("K{i}#1")}, format!("a{i}"): {"S": "v"}}]
            })
        })
        .collect();
    let declared = (0..n).map(|i| json!({"AttributeName": format!("a{i}"), "AttributeType": "S"})).collect();
    file(facets, Vec::new(), declared)
}

/// Customers and their orders, told apart by their key prefixes.
fn with_items(n: usize) -> String {
    let items = (0..n / 2)
        .flat_map(|i| {
            [
                json!({"PK": {"S": format!("CUST#{i}")}, "SK": {"S": format!("CUST#{i}")}, "name": {"S": "a name"}}),
                json!({"PK": {"S": format!("CUST#{i}")}, "SK": {"S": format!("ORDER#{i:08}")}, "total": {"N": "1"}}),
            ]
        })
        .collect();
    file(Vec::new(), items, Vec::new())
}

fn import_generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    let files = [
        ("facets/1000", with_facets(1000)),
        ("facets/10000", with_facets(10000)),
        ("items/10000", with_items(10000)),
        ("items/100000", with_items(100000)),
    ];
    for (name, text) in &files {
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| import_nwb(black_box(text), &ImportOptions::default()).expect("the file imports"))
        });
    }
    group.finish();
}

criterion_group!(benches, import_generated);
criterion_main!(benches);
