//! Derives (and with `verify`, verifies) one generated model, for counting the
//! instructions each takes under callgrind (scripts/bench-derive-work.sh):
//!
//!     cargo run -q -p tablewright-modelgen --example derive_once -- ENTITIES [verify]

fn main() {
    let entities: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let model = tablewright_modelgen::generate(entities, 5, 0x7ab1e);
    let design = tablewright_engine::design::derive(&model);
    if std::env::args().nth(2).as_deref() == Some("verify") {
        std::hint::black_box(tablewright_engine::verify::verify(&model, &design));
    }
    std::hint::black_box(design);
}
