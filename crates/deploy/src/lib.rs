//! Tablewright's deploy: puts a design on DynamoDB (DynamoDB Local or AWS), loads
//! its sample data and proves every access pattern against the live table.
//!
//! - [`live`]: the table as it is, read into the engine's `TableSpec`, which also
//!   says the table a model and its design call for.
//! - [`diff`]: the typed changes from one to the other; [`apply`]: carrying them out;
//!   [`status`]: how the table and its indexes are doing meanwhile.
//! - [`drift`]: the plan with what the live items say (keys built under other templates).
//! - [`seed`]: sample data through BatchWriteItem, resumable from a checkpoint.
//! - [`prove`]: every pattern's plan run live and compared with the oracle.
//! - [`prove_on_scratch`]: all of it on a scratch table, deleted again (the app's Prove).

pub mod apply;
mod checkpoint;
pub mod convert;
pub mod diff;
pub mod drift;
pub mod error;
mod lease;
pub mod live;
pub mod profiles;
pub mod prove;
mod retry;
pub mod scratch;
pub mod seed;
pub mod status;
pub mod target;

pub use diff::{plan, Change, DeployPlan};
pub use drift::plan_at;
pub use error::{DeployError, ProveError, SeedError};
pub use target::{connect, local_endpoint_from_environment, BadEndpoint, Target};
