//! Where deploy, seed and prove go: `--endpoint URL` (DynamoDB Local) or
//! `--profile P --region R` (AWS, through the standard credential chain); with
//! neither, where the environment says, as AWS tools resolve it
//! (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_PROFILE`, `AWS_REGION`, ...).

use anyhow::Result;
use clap::Args;
use tablewright_deploy::Target;

#[derive(Args, Clone, Debug)]
#[group(id = "target", multiple = true)]
pub struct TargetArgs {
    /// A DynamoDB Local endpoint, e.g. http://localhost:8000.
    #[arg(long, value_name = "URL", group = "target", conflicts_with_all = ["profile", "region"], value_parser = endpoint)]
    pub endpoint: Option<String>,
    /// The AWS profile (SSO profiles included); the default chain when absent.
    #[arg(long, group = "target")]
    pub profile: Option<String>,
    /// The AWS region; the profile's when absent.
    #[arg(long, group = "target")]
    pub region: Option<String>,
    /// The table's name; the model's `table.name` when absent.
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
}

/// Refuses a non-URL endpoint as a usage error, before anything runs.
fn endpoint(text: &str) -> Result<String, tablewright_deploy::BadEndpoint> {
    Target::local(text).map(|_| text.to_string())
}

impl TargetArgs {
    /// The flags' target, else the environment's.
    pub fn target(&self) -> Result<Target> {
        Ok(match (&self.endpoint, &self.profile, &self.region) {
            (Some(endpoint), _, _) => Target::Local { endpoint: endpoint.clone() },
            (None, None, None) => Target::from_environment()?,
            (None, profile, region) => Target::Aws { profile: profile.clone(), region: region.clone() },
        })
    }

    pub fn table_name<'a>(&'a self, model: &'a tablewright_engine::Model) -> &'a str {
        self.table.as_deref().unwrap_or(&model.table.name)
    }
}

/// Runs async deploy code from the synchronous CLI.
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    Ok(runtime.block_on(future))
}
