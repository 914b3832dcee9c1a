//! Prints a generated model as JSON: `cargo run -p tablewright-modelgen --example generate -- ENTITIES PATTERNS SEED`.

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).map(|a| a.parse().expect("a number")).collect();
    let (entities, patterns, seed) = match args.as_slice() {
        [e, p, s] => (*e as usize, *p as usize, *s),
        _ => {
            eprintln!("usage: generate ENTITIES PATTERNS_PER_ENTITY SEED");
            std::process::exit(2);
        }
    };
    let model = tablewright_modelgen::generate(entities, patterns, seed);
    println!("{}", tablewright_engine::to_canonical_json(&model));
}
