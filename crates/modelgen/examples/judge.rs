//! Derives and verifies a model file, printing what the verifier rejects and the
//! design's errors: `cargo run -p tablewright-modelgen --example judge -- MODEL.json`.
//! Exits 1 when a rejected pattern has no design error naming it.

use tablewright_engine::design::{derive, Severity};
use tablewright_engine::verify::verify;

fn main() {
    let path = std::env::args().nth(1).expect("usage: judge MODEL.json");
    let text = std::fs::read_to_string(&path).expect("a readable file");
    let model = tablewright_engine::load_str(&text).unwrap_or_else(|d| panic!("invalid model: {d:?}"));
    let design = derive(&model);
    let v = verify(&model, &design);
    let mut hidden = false;
    for d in &v.design {
        println!("design: {d}");
    }
    for verdict in v.patterns.iter().filter(|v| !v.ok) {
        let reported = design
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.pattern.as_deref() == Some(verdict.pattern.as_str()));
        hidden |= !reported;
        println!(
            "{} [{}]: {}",
            verdict.pattern,
            if reported { "reported" } else { "HIDDEN" },
            verdict.reasons.join("; ")
        );
    }
    if std::env::var_os("JUDGE_DESIGN").is_some() {
        println!("{}", serde_json::to_string_pretty(&design).expect("a design serializes"));
    }
    std::process::exit(i32::from(hidden));
}
