//! The TypeScript declarations of every type the UI exchanges with the backend,
//! generated from the Rust types (ts-rs reads their serde attributes), so the two
//! sides can never disagree. `ui/src/generated/types.ts` holds them; a test fails
//! when it is stale.

use std::collections::BTreeMap;

use tablewright_deploy::scratch::ScratchProof;
use tablewright_engine::aggregate::{AggregateView, Highlight};
use tablewright_engine::design::Technique;
use tablewright_engine::edit::Edit;
use tablewright_engine::model::{Filter, WriteCondition};
use ts_rs::{Config, TypeVisitor, TS};

use crate::deployment::{
    ApplyRequest, DeployEvent, DeployOutcome, DeployPlanView, DeployRequest, DeploySetup, LiveProofRequest,
};
use crate::proof::ProofRequest;
use crate::replies::{DocumentState, Failure, Startup};

/// Where the UI keeps the declarations, relative to the repository.
pub const PATH: &str = "ui/src/generated/types.ts";

/// The file's whole text.
pub fn typescript() -> String {
    let mut collector = Collector { config: Config::new().with_large_int("number"), decls: BTreeMap::new() };
    collector.visit::<Startup>();
    collector.visit::<DocumentState>();
    collector.visit::<Edit>();
    collector.visit::<Failure>();
    collector.visit::<AggregateView>();
    collector.visit::<Highlight>();
    collector.visit::<ProofRequest>();
    collector.visit::<ScratchProof>();
    collector.visit::<DeploySetup>();
    collector.visit::<DeployRequest>();
    collector.visit::<DeployPlanView>();
    collector.visit::<ApplyRequest>();
    collector.visit::<DeployEvent>();
    collector.visit::<DeployOutcome>();
    collector.visit::<LiveProofRequest>();
    let mut out = String::from(
        "// Generated from the Rust types by crates/studio (src/bindings.rs); do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p tablewright-studio --test bindings\n",
    );
    for decl in collector.decls.values() {
        out.push('\n');
        out.push_str(decl);
        out.push('\n');
    }
    out.push_str(&aliases(&collector.config));
    out.push_str(&technique_names());
    out
}

/// The words the explanations give each technique, for the UI to show the
/// design's `techniques` values as the explanations name them.
fn technique_names() -> String {
    let entries: Vec<String> = Technique::ALL
        .iter()
        .map(|t| format!("  {}: {},", serde_json::to_string(t).expect("a name"), serde_json::json!(t.name())))
        .collect();
    format!(
        "\n/** The name an explanation gives each technique. */\nexport const TECHNIQUE_NAMES: Record<Technique, string> = {{\n{}\n}};\n",
        entries.join("\n")
    )
}

/// The names the engine gives its instances of generic types (a Rust type
/// alias is transparent to ts-rs), so that the UI says `Filter` as the engine does.
fn aliases(config: &Config) -> String {
    [
        ("Filter", Filter::name(config), "A read's filter."),
        ("WriteCondition", WriteCondition::name(config), "A write's condition."),
    ]
    .iter()
    .map(|(alias, name, docs)| format!("\n/** {docs} */\nexport type {alias} = {name};\n"))
    .collect()
}

/// Every declared type reachable from the visited ones, by name.
struct Collector {
    config: Config,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() {
            // Built-in types (strings, arrays, maps) have no declaration of their
            // own, but what they hold may.
            T::visit_generics(self);
            return;
        }
        let name = T::ident(&self.config);
        if self.decls.contains_key(&name) {
            return;
        }
        let docs = T::docs().unwrap_or_default();
        self.decls.insert(name, format!("{docs}export {}", T::decl(&self.config)));
        T::visit_dependencies(self);
    }
}
