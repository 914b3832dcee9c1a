//! What can go wrong, per stage. Messages carry DynamoDB's own error text, never
//! credentials (the SDK keeps those out of its errors).

use std::fmt::{Debug, Display};

use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use tablewright_engine::design::bind::BindError;
use thiserror::Error;

use crate::prove::MissingValue;

#[derive(Debug, Error)]
pub enum DeployError {
    #[error("DynamoDB {operation} on {table}: {message}")]
    Aws { operation: &'static str, table: String, message: String },
    #[error("the plan destroys data ({0}); run again with --allow-destroy to apply it")]
    Destructive(String),
    #[error("the plan deletes the table {0} and all of its items; run again with --allow-destroy and --yes")]
    TableLoss(String),
    #[error("the table {0} has deletion protection on, so it is not replaced; turn protection off as a step of its own (set table.deletion_protection to false and deploy, or `aws dynamodb update-table --table-name {0} --no-deletion-protection-enabled`), then deploy again")]
    Protected(String),
    #[error("timed out after {seconds} s waiting for {what}")]
    Timeout { what: String, seconds: u64 },
    #[error("invalid request: {0}")]
    Build(String),
    #[error("cancelled after {done} of {of} changes; what DynamoDB was already doing (building an index) goes on: deploy again to finish")]
    Cancelled { done: usize, of: usize },
}

#[derive(Debug, Error)]
pub enum SeedError {
    #[error("DynamoDB {operation} on {table}: {message}")]
    Aws { operation: &'static str, table: String, message: String },
    #[error("the endpoint stopped answering ({message}) after {attempts} attempts; {done} of {total} batches are written and recorded in the checkpoint: run the same seed again to resume")]
    Unreachable { message: String, attempts: u32, done: usize, total: usize },
    #[error("checkpoint {path}: {message}")]
    Checkpoint { path: String, message: String },
    #[error("the table holds {found} items after seeding, the sample {expected}: it holds items of another sample or of the application; seed an empty table, or deploy a fresh one, then seed with --restart")]
    CountMismatch { expected: usize, found: u64 },
    #[error("invalid request: {0}")]
    Build(String),
}

#[derive(Debug, Error)]
pub enum ProveError {
    #[error("DynamoDB {operation} on {table}: {message}")]
    Aws { operation: &'static str, table: String, message: String },
    #[error("the table holds {found} items but the sample has {expected}: seed it with the same --items, --seed and --as-of first")]
    NotSeeded { expected: usize, found: u64 },
    #[error("the table holds as many items as the sample, but not the sample: where the sample has the {entity} item {key}, it holds {why}; it was seeded from another model, an earlier design or another --items, --seed or --as-of: seed it again with the same ones and --restart (or prove --scratch)")]
    OtherSample { entity: String, key: String, why: String },
    #[error("{0}")]
    Plan(String),
    /// Counting the table's items first failed (unreachable, refused).
    #[error(transparent)]
    Count(#[from] SeedError),
    /// A key template of the plan the parameters cannot fill in.
    #[error(transparent)]
    Bind(#[from] BindError),
    /// A `:value` of an expression no parameter gives.
    #[error(transparent)]
    Unbound(#[from] MissingValue),
    #[error("invalid request: {0}")]
    Build(String),
}

/// Whether `error` is the environment's rather than the input's: DynamoDB or AWS
/// refused or failed a request, could not be reached, did not answer in time, or
/// holds other items than the sample's; or a checkpoint file could not be kept.
/// The CLI exits with status 3 for these, 1 for an invalid model or a refused plan.
pub fn is_runtime(error: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(e) = error.downcast_ref::<DeployError>() {
        return matches!(e, DeployError::Aws { .. } | DeployError::Timeout { .. });
    }
    if let Some(e) = error.downcast_ref::<SeedError>() {
        return !matches!(e, SeedError::Build(_));
    }
    if let Some(e) = error.downcast_ref::<ProveError>() {
        return match e {
            ProveError::Count(e) => is_runtime(e),
            _ => matches!(e, ProveError::Aws { .. } | ProveError::NotSeeded { .. } | ProveError::OtherSample { .. }),
        };
    }
    false
}

/// An SDK error as one line: DynamoDB's code and message when it answered, else
/// the chain of causes (connection refused, timed out), each said once; not the
/// SDK's debug form, which repeats the request.
pub fn message<E: std::error::Error + ProvideErrorMetadata + 'static>(err: &E) -> String {
    match (err.code(), err.message()) {
        (Some(code), Some(text)) => format!("{code}: {text}"),
        (Some(code), None) => code.to_string(),
        _ => {
            let said = causes(err);
            match hint(&said) {
                Some(hint) => format!("{said} — {hint}"),
                None => said,
            }
        }
    }
}

/// What to do about an error that never reached DynamoDB: the SDK's words name
/// the symptom (a refused connection, an expired SSO token), not the fix.
pub fn hint(said: &str) -> Option<&'static str> {
    let lower = said.to_lowercase();
    if lower.contains("connection refused") || lower.contains("dns error") || lower.contains("failed to lookup") {
        Some("nothing answers at that endpoint: start DynamoDB Local there (`scripts/dynamodb-local.sh start PORT` in a checkout of Tablewright), or correct the endpoint")
    } else if lower.contains("sso") && (lower.contains("expired") || lower.contains("token")) {
        Some("the profile's SSO session has expired: run `aws sso login --profile PROFILE`, then try again")
    } else if lower.contains("no credentials")
        || lower.contains("credentials provider")
        || lower.contains("failed to load credentials")
    {
        Some("no AWS credentials were found: choose a profile (--profile, or AWS_PROFILE), or use DynamoDB Local (--endpoint, or AWS_ENDPOINT_URL_DYNAMODB)")
    } else {
        None
    }
}

fn causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut said: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        if !said.iter().any(|s| s.contains(&text)) {
            said.push(text);
        }
        next = e.source();
    }
    said.join(": ")
}

/// For the builders of SDK types that check required fields.
pub fn build_message(err: impl Display + Debug) -> String {
    err.to_string()
}

#[cfg(test)]
mod tests {
    use super::hint;

    #[test]
    fn errors_that_never_reached_dynamodb_say_what_to_do() {
        let refused =
            "dispatch failure: io error: client error (Connect): tcp connect error: Connection refused (os error 111)";
        assert!(hint(refused).is_some_and(|h| h.contains("start DynamoDB Local")));
        assert!(hint("the SSO session has expired or is invalid: token expired")
            .is_some_and(|h| h.contains("aws sso login")));
        assert!(hint("failed to construct request: no credentials in the property bag")
            .is_some_and(|h| h.contains("--profile")));
        assert_eq!(hint("ResourceNotFoundException: Requested resource not found"), None);
    }
}
