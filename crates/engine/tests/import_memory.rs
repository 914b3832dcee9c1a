//! A NoSQL Workbench file with many sample items imports in a small multiple of
//! its size. Measured as heap bytes by a counting allocator (exact and the same on
//! every machine), not as resident memory. This file holds one test so that no
//! other test's allocations are counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;
use tablewright_engine::import::{import, ImportOptions};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// A global allocator can only be written with unsafe code. SAFETY: every call is
// passed to the system allocator unchanged; only its size is counted.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A shop's table: customers and their orders under `CUST#…`, an index of orders
/// by status, as experts key them; `n` customers with three orders each.
fn shop(n: usize) -> String {
    let mut items = Vec::new();
    for c in 0..n {
        items.push(json!({
            "PK": {"S": format!("CUST#{c}")}, "SK": {"S": format!("CUST#{c}")},
            "name": {"S": format!("Customer {c}")}, "email": {"S": format!("c{c}@example.com")},
            "tags": {"SS": ["retail", "newsletter"]}, "address": {"M": {"city": {"S": "Lisbon"}}}
        }));
        for o in 0..3 {
            items.push(json!({
                "PK": {"S": format!("CUST#{c}")}, "SK": {"S": format!("ORDER#{c}-{o}")},
                "GSI1PK": {"S": format!("STATUS#{}", ["OPEN", "SHIPPED"][o % 2])},
                "GSI1SK": {"S": format!("2024-01-{:02}#{c}-{o}", o + 1)},
                "total": {"N": format!("{}.50", c % 97)}, "lines": {"L": [{"S": "sku-1"}, {"S": "sku-2"}]}
            }));
        }
    }
    let key = |name: &str| json!({"AttributeName": name, "AttributeType": "S"});
    let file = json!({
        "ModelName": "shop",
        "ModelMetadata": {"Version": "3.0", "AWSService": "Amazon DynamoDB"},
        "DataModel": [{
            "TableName": "shop",
            "KeyAttributes": {"PartitionKey": key("PK"), "SortKey": key("SK")},
            "GlobalSecondaryIndexes": [{
                "IndexName": "GSI1",
                "KeyAttributes": {"PartitionKey": key("GSI1PK"), "SortKey": key("GSI1SK")},
                "Projection": {"ProjectionType": "ALL"}
            }],
            "TableData": items
        }]
    });
    serde_json::to_string_pretty(&file).unwrap()
}

#[test]
fn many_sample_items_import_in_a_small_multiple_of_the_file() {
    let text = shop(5_000);
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let model = import(&text, None, &ImportOptions::default()).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;

    let names: Vec<&str> = model.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Cust", "Order"], "the import still reads the design");
    assert_eq!(model.imported.as_ref().unwrap().source.text(), text, "the source is kept as it came");
    let ratio = peak as f64 / text.len() as f64;
    // A JSON tree of the items alone took some 20 times the file.
    assert!(
        ratio < 2.5,
        "importing a {} KB file took {} KB of heap at its peak ({ratio:.1}×)",
        text.len() / 1024,
        peak / 1024
    );
}
