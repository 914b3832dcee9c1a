//! Deploying the open design from the app, to DynamoDB Local or an AWS account
//! (a profile of the user's AWS config): the plan shown as a diff, applied with
//! progress, anything destructive confirmed by typing the table's name, the
//! sample data loaded if asked, then the live table's state, and the design
//! proven on it (reads only, unless the user asks for writes). Credentials stay
//! with the SDK's chain: the app neither reads nor stores them. The inputs are
//! copied out of the session first, so the session is free while a deploy runs.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tablewright_deploy::apply::{apply, authorize, ApplyEvent, ApplyOptions, Progress};
use tablewright_deploy::error::{DeployError, ProveError, SeedError};
use tablewright_deploy::profiles::{profiles, AwsProfile};
use tablewright_deploy::prove::{ProveOptions, ProveReport, Prover};
use tablewright_deploy::seed::{seed, SeedOptions};
use tablewright_deploy::status::{status, TableState};
use tablewright_deploy::target::Connection;
use tablewright_deploy::{connect, plan_at, BadEndpoint, DeployPlan, Target};
use tablewright_engine::design::Design;
use tablewright_engine::sample::Sample;
use tablewright_engine::table_spec::TableSpec;
use tablewright_engine::Model;
use ts_rs::TS;

use crate::proof::ProofInputs;

/// Where to deploy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum DeployTarget {
    /// DynamoDB Local, or any DynamoDB-compatible endpoint.
    Local { endpoint: String },
    /// AWS through the standard credential chain: a profile (else the default
    /// chain) and a region (else the profile's).
    Aws { profile: Option<String>, region: Option<String> },
}

impl DeployTarget {
    fn target(&self) -> Result<Target, BadEndpoint> {
        match self {
            DeployTarget::Local { endpoint } => Target::local(endpoint),
            DeployTarget::Aws { profile, region } => Ok(Target::Aws {
                profile: profile.clone().filter(|p| !p.trim().is_empty()),
                region: region.clone().filter(|r| !r.trim().is_empty()),
            }),
        }
    }

    /// The AWS profile, when it signs in through IAM Identity Center.
    fn sso_profile(&self) -> Option<String> {
        let DeployTarget::Aws { profile, .. } = self else { return None };
        let name = profile.clone().or_else(|| std::env::var("AWS_PROFILE").ok()).unwrap_or_else(|| "default".into());
        profiles().into_iter().any(|p| p.name == name && p.sso).then_some(name)
    }
}

/// A target and the table's name there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeployRequest {
    pub target: DeployTarget,
    pub table: String,
}

/// What the Deploy dialog starts with.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DeploySetup {
    /// The profiles of the user's AWS config and credentials files.
    pub profiles: Vec<AwsProfile>,
    /// Where this model was last deployed from this machine, else DynamoDB
    /// Local at the endpoint the environment names and the model's table.
    pub request: DeployRequest,
}

/// The plan, as the dialog shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeployPlanView {
    pub table: String,
    /// Where the requests go, as resolved (endpoint or profile, region).
    pub place: String,
    /// The table exists there now.
    pub exists: bool,
    pub changes: Vec<PlannedChange>,
    /// What the plan leaves alone, and why.
    pub notes: Vec<String>,
    /// Items of the table keyed otherwise than the design keys them, which no
    /// change of the table fixes.
    pub warnings: Vec<String>,
    /// Why the plan cannot be applied at all (a protected table to replace).
    pub refused: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlannedChange {
    /// As `tablewright deploy` prints it: `+ create GSI ...`, `- DESTROY GSI ...`.
    pub text: String,
    /// Why it destroys data; `None` when it does not.
    pub destroys: Option<String>,
}

impl DeployPlanView {
    fn new(plan: &DeployPlan, place: String, exists: bool) -> Self {
        let changes =
            plan.changes.iter().map(|c| PlannedChange { text: c.to_string(), destroys: c.why_destructive() }).collect();
        let everything = ApplyOptions { allow_destroy: true, confirmed: true, wait: Duration::ZERO };
        let refused = authorize(plan, &everything).err().map(|e| e.to_string());
        DeployPlanView {
            table: plan.table.clone(),
            place,
            exists,
            changes,
            notes: plan.notes.clone(),
            warnings: plan.warnings.clone(),
            refused,
        }
    }
}

/// Apply the plan that was shown.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    pub deploy: DeployRequest,
    /// The changes' texts as shown: if the table changed meanwhile, nothing is
    /// applied and the new plan must be looked at first.
    pub shown: Vec<String>,
    /// The table's name as the user typed it, to confirm destructive changes.
    pub confirmation: Option<String>,
    /// Load this many sample items per entity into the table afterwards.
    pub seed: Option<usize>,
}

/// What a running deploy reports.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeployEvent {
    /// `text` is the event as the CLI prints it.
    Step {
        event: ApplyEvent,
        text: String,
    },
    Seeding {
        written: usize,
        total: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeployOutcome {
    pub place: String,
    /// The live table once everything is done.
    pub table: Option<TableState>,
    /// Items written by the seed, when one ran.
    pub seeded: Option<usize>,
}

/// The session's model and design (and sample, when a seed is asked for).
pub struct DeployInputs {
    pub model: Model,
    pub design: Design,
    pub sample: Option<Sample>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeploymentError {
    #[error(transparent)]
    Endpoint(#[from] BadEndpoint),
    #[error("cannot read table {table} at {place}: {source}")]
    Read { table: String, place: String, source: DeployError },
    #[error(transparent)]
    Apply(#[from] DeployError),
    #[error("the table changed since the plan was shown: nothing was applied; look at the new plan")]
    PlanChanged,
    #[error("the plan destroys data: type the table's name, {0}, to confirm")]
    Unconfirmed(String),
    #[error("the table is deployed, but loading the sample failed: {0}")]
    Seed(#[from] SeedError),
    #[error("nothing to seed with: the model has no sample data")]
    NoSample,
    #[error(transparent)]
    Prove(#[from] ProveError),
}

impl DeploymentError {
    /// The message, with how to sign in again when an SSO profile's requests failed.
    pub fn explained(&self, request: &DeployRequest) -> String {
        let runtime = matches!(
            self,
            DeploymentError::Read { .. }
                | DeploymentError::Apply(DeployError::Aws { .. })
                | DeploymentError::Prove(ProveError::Aws { .. })
        );
        match request.target.sso_profile() {
            Some(profile) if runtime => format!(
                "{self}. The profile {profile} signs in through IAM Identity Center: if its session expired, run `aws sso login --profile {profile}` and try again"
            ),
            _ => self.to_string(),
        }
    }
}

/// The dialog's starting point for `model`: `last` when there is one.
pub fn setup(model: &Model, last: Option<DeployRequest>) -> DeploySetup {
    let request = last.unwrap_or_else(|| DeployRequest {
        target: DeployTarget::Local {
            endpoint: tablewright_deploy::local_endpoint_from_environment()
                .unwrap_or_else(|| "http://127.0.0.1:8000".to_string()),
        },
        table: model.table.name.clone(),
    });
    DeploySetup { profiles: profiles(), request }
}

/// The plan that would bring the table at the target in line with the design.
pub async fn plan_deploy(inputs: &DeployInputs, request: &DeployRequest) -> Result<DeployPlanView, DeploymentError> {
    let (connection, place, plan, exists) = planned(inputs, request).await?;
    drop(connection);
    Ok(DeployPlanView::new(&plan, place, exists))
}

/// Applies the plan, if it is still the one shown, then seeds when asked.
pub async fn apply_deploy(
    inputs: &DeployInputs,
    request: &ApplyRequest,
    events: &mut (dyn FnMut(DeployEvent) + Send),
    cancel: &AtomicBool,
) -> Result<DeployOutcome, DeploymentError> {
    let (connection, place, plan, _) = planned(inputs, &request.deploy).await?;
    let texts: Vec<String> = plan.changes.iter().map(|c| c.to_string()).collect();
    if texts != request.shown {
        return Err(DeploymentError::PlanChanged);
    }
    let table = plan.table.clone();
    let confirmed = request.confirmation.as_deref() == Some(table.as_str());
    if !plan.destructive().is_empty() && !confirmed {
        return Err(DeploymentError::Unconfirmed(table));
    }
    let options = ApplyOptions { allow_destroy: confirmed, confirmed, wait: Duration::from_secs(3600) };
    let client = connection.client();
    let mut report = |event: ApplyEvent| events(DeployEvent::Step { text: event.to_string(), event });
    apply(&client, &plan, &options, &mut Progress { report: &mut report, cancel: Some(cancel) }).await?;
    let seeded = match (request.seed, &inputs.sample) {
        (None, _) => None,
        (Some(_), None) => return Err(DeploymentError::NoSample),
        (Some(_), Some(sample)) => {
            let progress =
                SeedProgress { events: Mutex::new(events), written: AtomicUsize::new(0), total: sample.items.len() };
            let options = SeedOptions { checkpoint: None, ..SeedOptions::default() };
            let report = seed(&connection.client_without_retries(), &table, sample, &options, &progress).await?;
            Some(report.items)
        }
    };
    let table = status(&client, &table).await?;
    Ok(DeployOutcome { place, table, seeded })
}

/// The live table at the target, `None` when there is none.
pub async fn table_state(request: &DeployRequest) -> Result<Option<TableState>, DeploymentError> {
    let target = request.target.target()?;
    let connection = connect(&target).await;
    match status(&connection.client(), &request.table).await {
        Ok(state) => Ok(state),
        Err(source) => Err(DeploymentError::Read {
            table: request.table.clone(),
            place: connection.describe(&target).await,
            source,
        }),
    }
}

/// Proves the design on the deployed table, which must hold the sample the
/// request names (deployed with "load the sample data", the same items per
/// entity): the read patterns, and the writes only when asked, since each runs
/// against the live table (and is undone after).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LiveProofRequest {
    pub deploy: DeployRequest,
    /// Sample items per entity the table was seeded with.
    pub items: usize,
    /// Parameter sets drawn per read pattern.
    pub trials: usize,
    /// Run the write patterns too.
    pub writes: bool,
}

pub async fn prove_table(inputs: &ProofInputs, request: &LiveProofRequest) -> Result<ProveReport, DeploymentError> {
    let target = request.deploy.target.target()?;
    let connection = connect(&target).await;
    let only = if request.writes {
        Vec::new()
    } else {
        inputs.model.access_patterns.iter().filter(|p| p.kind.is_read()).map(|p| p.id.clone()).collect()
    };
    let client = connection.client();
    let prover = Prover {
        client: &client,
        table: &request.deploy.table,
        model: &inputs.model,
        design: &inputs.design,
        sample: &inputs.sample,
        sample_options: &inputs.sample_options,
    };
    Ok(prover.prove(&ProveOptions { trials: request.trials.max(1), only, check_count: true }).await?)
}

async fn planned(
    inputs: &DeployInputs,
    request: &DeployRequest,
) -> Result<(Connection, String, DeployPlan, bool), DeploymentError> {
    let target = request.target.target()?;
    let connection = connect(&target).await;
    let place = connection.describe(&target).await;
    let spec = TableSpec::new(&inputs.model, &inputs.design, Some(&request.table));
    let (live, plan) = plan_at(&connection.client(), &spec, &inputs.model, &inputs.design)
        .await
        .map_err(|source| DeploymentError::Read { table: spec.name.clone(), place: place.clone(), source })?;
    Ok((connection, place, plan, live.is_some()))
}

/// The seed's progress, as deploy events.
struct SeedProgress<'a> {
    events: Mutex<&'a mut (dyn FnMut(DeployEvent) + Send)>,
    written: AtomicUsize,
    total: usize,
}

impl SeedProgress<'_> {
    fn send(&self, written: usize) {
        if let Ok(mut events) = self.events.lock() {
            events(DeployEvent::Seeding { written: written.min(self.total), total: self.total });
        }
    }
}

impl tablewright_deploy::seed::Progress for SeedProgress<'_> {
    fn begin(&self, _total: usize, already: usize) {
        self.written.store(already, Ordering::Relaxed);
        self.send(already);
    }

    fn advance(&self, items: usize) {
        self.send(self.written.fetch_add(items, Ordering::Relaxed) + items);
    }
}
