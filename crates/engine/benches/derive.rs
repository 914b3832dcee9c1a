//! How long `derive` and `verify` take on generated models of 10 to 10,000
//! entities with five access patterns each. Targets: under 50 ms for 1,000
//! entities, and linear growth (10x the entities in at most ~12x the time).
//! It runs with mimalloc, the allocator of the CLI and the desktop app.
//!
//! Beside it, `design_clone` times a copy of the same derived design: strictly
//! linear work over the same amount of memory. On a machine whose caches hold the
//! 1,000-entity design but not the 10,000-entity one, even that copy grows by more
//! than 10x; comparing derive's ratio with the copy's tells the derivation's own
//! growth from the memory system's.
//!
//! `cargo bench -p tablewright-engine --bench derive -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use tablewright_engine::design::derive;
use tablewright_engine::verify::verify;
use tablewright_modelgen::generate;

// The allocator the CLI and the desktop app use, so the times are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PATTERNS_PER_ENTITY: usize = 5;
const SEED: u64 = 0x7ab1e;
const SIZES: [usize; 5] = [10, 100, 1000, 5000, 10000];

fn derive_generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("derive");
    group.sample_size(20);
    for entities in SIZES {
        let model = generate(entities, PATTERNS_PER_ENTITY, SEED);
        group.bench_with_input(BenchmarkId::from_parameter(entities), &model, |b, model| {
            b.iter(|| derive(black_box(model)))
        });
    }
    group.finish();
}

/// `verify` of the same models and their designs: every plan checked against
/// every key it may match.
fn verify_generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify");
    group.sample_size(10);
    for entities in SIZES {
        let model = generate(entities, PATTERNS_PER_ENTITY, SEED);
        let design = derive(&model);
        group.bench_with_input(BenchmarkId::from_parameter(entities), &(model, design), |b, (model, design)| {
            b.iter(|| verify(black_box(model), black_box(design)))
        });
    }
    group.finish();
}

fn design_clone(c: &mut Criterion) {
    let mut group = c.benchmark_group("design_clone");
    group.sample_size(20);
    for entities in SIZES {
        let design = derive(&generate(entities, PATTERNS_PER_ENTITY, SEED));
        group.bench_with_input(BenchmarkId::from_parameter(entities), &design, |b, design| {
            b.iter(|| black_box(design).clone())
        });
    }
    group.finish();
}

criterion_group!(benches, derive_generated, verify_generated, design_clone);
criterion_main!(benches);
