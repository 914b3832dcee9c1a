//! Tablewright's engine: the model of a DynamoDB application (entities,
//! relationships, access patterns), its ER graph, validation, and the derivation of
//! a single-table design. It knows nothing of the desktop shell or of any runtime.

pub mod aggregate;
pub mod clock;
pub mod codegen;
pub mod cost;
pub mod design;
pub mod diagnostic;
pub mod edit;
pub mod escape;
pub mod export;
pub mod expression;
pub mod filter;
pub mod graph;
pub mod import;
mod json_aside;
pub mod load;
mod locate;
mod migrate;
pub mod model;
pub mod oracle;
pub mod path;
pub mod sample;
pub mod save;
pub mod schema;
pub mod table_spec;
pub mod template;
pub mod validate;
pub mod verify;

pub use diagnostic::{Diagnostic, DiagnosticKind};
pub use graph::ErGraph;
pub use load::{load_file, load_str, LoadError};
pub use model::Model;
pub use save::{same_file, save_file, to_canonical_json, write_atomically, SaveError};
