//! The single-table design derived from a model.

pub mod bind;
pub mod capacity;
pub(crate) mod derive;
pub mod naming;
pub mod technique;
pub mod types;

pub use derive::derive;
pub use technique::Technique;
pub use types::*;
