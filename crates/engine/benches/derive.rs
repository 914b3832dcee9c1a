//! How long `derive` takes on generated models of 10 to 10,000 entities with five
//! access patterns each. Targets: under 50 ms for 1,000 entities, and linear
//! growth (10x the entities in at most ~12x the time).
//!
//! `cargo bench -p tablewright-engine --bench derive -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use tablewright_engine::design::derive;
use tablewright_modelgen::generate;

const PATTERNS_PER_ENTITY: usize = 5;
const SEED: u64 = 0x7ab1e;

fn derive_generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("derive");
    group.sample_size(20);
    for entities in [10, 100, 1000, 5000, 10000] {
        let model = generate(entities, PATTERNS_PER_ENTITY, SEED);
        group.bench_with_input(BenchmarkId::from_parameter(entities), &model, |b, model| {
            b.iter(|| derive(black_box(model)))
        });
    }
    group.finish();
}

criterion_group!(benches, derive_generated);
criterion_main!(benches);
