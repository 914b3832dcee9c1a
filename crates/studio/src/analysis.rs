//! What the app shows of a model besides the model: its problems, and once it has
//! none, the derived design, the verifier's verdict on it and its cost.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use serde::Serialize;
use tablewright_engine::cost::{estimate, CostOptions, CostReport};
use tablewright_engine::design::{derive, Design};
use tablewright_engine::validate::validate;
use tablewright_engine::verify::{verify, Verification};
use tablewright_engine::{Diagnostic, Model};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Analysis {
    /// The model's problems; while there are any, there is no design.
    pub diagnostics: Vec<Diagnostic>,
    pub design: Option<Design>,
    pub verification: Option<Verification>,
    pub cost: Option<CostReport>,
    /// The derivation failed unexpectedly (a bug, with its message).
    pub failure: Option<String>,
    /// How long validation, derivation, verification and costing took, in milliseconds.
    pub millis: f64,
}

/// The analysis of `model`, never failing: a derivation that panics is a bug of
/// ours, reported in `failure` rather than taking the app down with it.
pub fn analyse(model: &Model) -> Analysis {
    let start = Instant::now();
    let diagnostics = validate(model);
    let mut analysis =
        Analysis { diagnostics, design: None, verification: None, cost: None, failure: None, millis: 0.0 };
    if analysis.diagnostics.is_empty() {
        match catch_unwind(AssertUnwindSafe(|| design_of(model))) {
            Ok((design, verification, cost)) => {
                analysis.design = Some(design);
                analysis.verification = Some(verification);
                analysis.cost = cost;
            }
            Err(panic) => analysis.failure = Some(panic_message(panic.as_ref())),
        }
    }
    analysis.millis = start.elapsed().as_secs_f64() * 1000.0;
    analysis
}

fn design_of(model: &Model) -> (Design, Verification, Option<CostReport>) {
    let design = derive(model);
    let verification = verify(model, &design);
    // The default region is in the price book, so this only fails on a bug.
    let cost = estimate(model, &design, &CostOptions::default()).ok();
    (design, verification, cost)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string());
    format!("the derivation failed: {text}. Please report it with the model file.")
}
