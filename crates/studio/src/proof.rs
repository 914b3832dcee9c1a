//! Proving the open design on a live DynamoDB (DynamoDB Local, in practice): a
//! scratch table made from the design, loaded with the sample data, every access
//! pattern run and checked against the oracle, and the table deleted again. The
//! inputs are copied out of the session first, so the session is free for other
//! commands while the proof runs.

use serde::Deserialize;
use tablewright_deploy::prove::ProveOptions;
use tablewright_deploy::scratch::{prove_on_scratch, ScratchProof, ScratchProofError};
use tablewright_deploy::{connect, BadEndpoint, Target};
use tablewright_engine::design::Design;
use tablewright_engine::sample::{Sample, SampleOptions};
use tablewright_engine::Model;
use ts_rs::TS;

/// Where and how hard to prove.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProofRequest {
    /// A DynamoDB endpoint URL: `http://127.0.0.1:8000` for DynamoDB Local.
    pub endpoint: String,
    /// Sample items of every entity and many-to-many relationship.
    pub items: usize,
    /// Parameter sets drawn per read pattern.
    pub trials: usize,
}

/// The session's model, design and sample, copied out for a proof.
pub struct ProofInputs {
    pub model: Model,
    pub design: Design,
    pub sample: Sample,
    pub sample_options: SampleOptions,
}

/// Runs the proof; the endpoint must be a URL (AWS accounts are deployed to with
/// the CLI, where credentials and a confirmation are at hand).
pub async fn prove(inputs: &ProofInputs, request: &ProofRequest) -> Result<ScratchProof, ProofError> {
    let connection = connect(&Target::local(&request.endpoint)?).await;
    let options = ProveOptions { trials: request.trials.max(1), only: Vec::new(), check_count: true };
    Ok(prove_on_scratch(&connection, &inputs.model, &inputs.design, &inputs.sample, &inputs.sample_options, &options)
        .await?)
}

#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    #[error(transparent)]
    Endpoint(#[from] BadEndpoint),
    #[error(transparent)]
    ScratchProof(#[from] ScratchProofError),
}
