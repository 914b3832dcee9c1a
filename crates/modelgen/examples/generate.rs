//! Writes a generated model to standard output, for benchmarks that need a big
//! one as a file (scripts/bench-app.sh):
//!
//!     cargo run -q -p tablewright-modelgen --example generate -- ENTITIES [PATTERNS_PER_ENTITY] [SEED]

fn main() {
    let arg = |i: usize, default: u64| std::env::args().nth(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let model = tablewright_modelgen::generate(arg(1, 300) as usize, arg(2, 3) as usize, arg(3, 0x7ab1e));
    print!("{}", tablewright_engine::to_canonical_json(&model));
}
