//! Tablewright's engine: the model of a DynamoDB application (entities,
//! relationships, access patterns), its ER graph, validation, and the derivation of
//! a single-table design. It knows nothing of the desktop shell or of any runtime.

// The modules by layer, each using only the layers above it: a change to a lower
// layer never reaches up.

// The model file: its types, writing, older formats, the schema, the values
// DynamoDB stores, and which characters model text may hold and how every
// generated text escapes it; lists said in prose.
pub mod diagnostic;
pub mod escape;
mod json_aside;
mod json_kind;
mod locate;
mod migrate;
pub mod model;
pub mod path;
pub mod save;
pub mod schema;
pub mod sortable;
pub mod template;
pub mod value;
pub mod words;

// The model as a graph, its checks (which reading a file runs), and the edits the
// app makes to it.
pub mod edit;
pub mod graph;
pub mod load;
pub mod validate;

// The design derived from the model, the table it calls for, the verifier's
// judgment and the cost.
pub mod cost;
pub mod design;
pub mod expression;
pub mod filter;
pub mod table_spec;
pub mod verify;

// Sample data, the answers it must give (the oracle) and the view of it by partition.
pub mod aggregate;
pub mod clock;
pub mod oracle;
pub mod sample;

// To and from elsewhere: imports, exports and runnable code.
pub mod codegen;
pub mod export;
pub mod import;

pub use diagnostic::{Diagnostic, DiagnosticKind};
pub use graph::ErGraph;
pub use load::{load_file, load_str, LoadError};
pub use model::Model;
pub use save::{same_file, save_file, to_canonical_json, write_atomically, SaveError};
