//! Where the table lives: DynamoDB Local at an endpoint URL, or AWS through the
//! standard credential chain (environment, profiles including SSO, containers,
//! instance roles). Credentials are read by the SDK and never printed or stored.

use std::time::Duration;

use aws_config::environment::EnvironmentVariableCredentialsProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::Credentials;
use aws_sdk_dynamodb::config::SharedHttpClient;
use aws_sdk_dynamodb::Client;
use aws_smithy_http_client::tls;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// DynamoDB Local (or any DynamoDB-compatible endpoint).
    Local { endpoint: String },
    /// AWS: a named profile (else the default chain) and a region (else the profile's).
    Aws { profile: Option<String>, region: Option<String> },
}

/// An endpoint that is not an http(s) URL, caught before any request names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the endpoint '{0}' is not a URL: write it as http://HOST:PORT, e.g. http://127.0.0.1:8000 for DynamoDB Local")]
pub struct BadEndpoint(pub String);

impl Target {
    /// DynamoDB Local (or a compatible server) at `endpoint`, an http(s) URL.
    pub fn local(endpoint: &str) -> Result<Target, BadEndpoint> {
        let host = endpoint.strip_prefix("http://").or_else(|| endpoint.strip_prefix("https://"));
        match host {
            Some(host) if !host.is_empty() && !host.starts_with(['/', ':']) && !host.contains(char::is_whitespace) => {
                Ok(Target::Local { endpoint: endpoint.to_string() })
            }
            _ => Err(BadEndpoint(endpoint.to_string())),
        }
    }

    /// Where the environment says to go when no flag does, as AWS tools resolve
    /// it: an endpoint in `AWS_ENDPOINT_URL_DYNAMODB` or `AWS_ENDPOINT_URL` (or
    /// Tablewright's older `TABLEWRIGHT_DYNAMODB_ENDPOINT`) is DynamoDB Local;
    /// otherwise AWS, with the profile (`AWS_PROFILE`), region (`AWS_REGION`,
    /// `AWS_DEFAULT_REGION`) and a profile's `endpoint_url` that the SDK reads.
    pub fn from_environment() -> Result<Target, BadEndpoint> {
        match local_endpoint_from_environment() {
            Some(endpoint) => Target::local(&endpoint),
            None => Ok(Target::Aws { profile: None, region: None }),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Target::Local { endpoint } => format!("endpoint {endpoint}"),
            Target::Aws { profile, region } => format!(
                "AWS (profile {}, region {})",
                profile.as_deref().unwrap_or("default"),
                region.as_deref().unwrap_or("from the profile")
            ),
        }
    }
}

/// The DynamoDB endpoint the environment names, if any.
pub fn local_endpoint_from_environment() -> Option<String> {
    ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL", "TABLEWRIGHT_DYNAMODB_ENDPOINT"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
}

/// A connection's configuration; clients are made from it per purpose.
#[derive(Clone)]
pub struct Connection {
    config: SdkConfig,
}

impl Connection {
    /// Where the requests go, as resolved: the profile, the region and the
    /// endpoint the configuration (flags, environment, profile) settled on, and
    /// on AWS the account the credentials belong to (STS GetCallerIdentity), so
    /// that a deploy never writes to an account the user did not mean.
    pub async fn describe(&self, target: &Target) -> String {
        let region = self.config.region().map_or("no region".to_string(), |r| format!("region {r}"));
        let endpoint = self.config.endpoint_url().map(|e| format!(", endpoint {e}")).unwrap_or_default();
        match target {
            Target::Local { endpoint } => format!("endpoint {endpoint} ({region})"),
            Target::Aws { profile, .. } => {
                let profile = profile.clone().or_else(|| std::env::var("AWS_PROFILE").ok());
                format!(
                    "AWS {} (profile {}, {region}{endpoint})",
                    self.account().await,
                    profile.as_deref().unwrap_or("default")
                )
            }
        }
    }

    /// `account 123456789012`, or why it is not known (no STS at a custom
    /// endpoint, no network, expired credentials): never an error, the request
    /// that matters says its own.
    async fn account(&self) -> String {
        let sts = aws_sdk_sts::Client::new(&self.config);
        match tokio::time::timeout(Duration::from_secs(5), sts.get_caller_identity().send()).await {
            Ok(Ok(identity)) => format!("account {}", identity.account().unwrap_or("unknown")),
            Ok(Err(e)) => format!("account unknown ({})", crate::error::message(&e)),
            Err(_) => "account unknown (STS did not answer in 5 s)".to_string(),
        }
    }

    /// A client with the SDK's standard retries, for deploy and prove.
    pub fn client(&self) -> Client {
        Client::new(&self.config)
    }

    /// A client without the SDK's own retries: seeding retries by itself, with
    /// backoff it controls, and counts every retry in its report.
    pub fn client_without_retries(&self) -> Client {
        let config =
            aws_sdk_dynamodb::config::Builder::from(&self.config).retry_config(RetryConfig::disabled()).build();
        Client::from_conf(config)
    }
}

pub async fn connect(target: &Target) -> Connection {
    let http = https_client();
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(3))
        .operation_attempt_timeout(Duration::from_secs(60))
        .build();
    let config = match target {
        Target::Local { endpoint } => {
            let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".to_string());
            aws_config::defaults(BehaviorVersion::latest())
                .http_client(http.clone())
                .endpoint_url(endpoint)
                .region(Region::new(region))
                .credentials_provider(local_credentials(http).await)
                .timeout_config(timeouts)
                .load()
                .await
        }
        Target::Aws { profile, region } => {
            let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http).timeout_config(timeouts);
            if let Some(profile) = profile {
                loader = loader.profile_name(profile);
            }
            if let Some(region) = region {
                loader = loader.region(Region::new(region.clone()));
            }
            loader.load().await
        }
    };
    Connection { config }
}

/// HTTPS with rustls on ring, for DynamoDB and for the credential providers
/// (SSO, STS) alike.
fn https_client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(tls::rustls_provider::CryptoMode::Ring))
        .build_https()
}

/// DynamoDB Local accepts any signature, but the SDK must sign with something. Use
/// the caller's own environment or profile credentials when there are some (so a
/// local endpoint that checks them still works), else placeholder ones. The
/// instance-metadata providers are left out: probing them takes seconds off-cloud.
async fn local_credentials(http: SharedHttpClient) -> aws_credential_types::provider::SharedCredentialsProvider {
    let profiles = ProviderConfig::without_region().with_http_client(http);
    let chain = CredentialsProviderChain::first_try("Environment", EnvironmentVariableCredentialsProvider::new())
        .or_else("Profile", ProfileFileCredentialsProvider::builder().configure(&profiles).build());
    match chain.provide_credentials().await {
        Ok(_) => aws_credential_types::provider::SharedCredentialsProvider::new(chain),
        Err(_) => aws_credential_types::provider::SharedCredentialsProvider::new(Credentials::new(
            // DynamoDB Local takes key ids of letters and digits only.
            "tablewrightlocal",
            "tablewrightlocal",
            None,
            None,
            "tablewright-local-placeholder",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn a_local_endpoint_is_an_http_url_with_a_host() {
        for good in ["http://127.0.0.1:8000", "http://localhost:8000", "https://dynamodb.local"] {
            assert!(Target::local(good).is_ok(), "{good}");
        }
        for bad in ["foo", "127.0.0.1:8000", "http://", "http://:8000", "ftp://host", "http://a b"] {
            let err = Target::local(bad).unwrap_err().to_string();
            assert!(err.contains(&format!("'{bad}'")) && err.contains("http://HOST:PORT"), "{err}");
        }
    }
}
