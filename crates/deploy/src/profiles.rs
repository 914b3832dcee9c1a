//! The AWS profiles a user can deploy with, read from the shared config and
//! credentials files as the AWS CLI finds them (`AWS_CONFIG_FILE`,
//! `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`).
//! Only names and settings are read: secrets stay where they are, unread.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AwsProfile {
    pub name: String,
    /// The profile's own region, if it names one.
    pub region: Option<String>,
    /// Signs in through IAM Identity Center (SSO): `aws sso login` renews it.
    pub sso: bool,
    /// Sends DynamoDB requests to its own endpoint (`endpoint_url`, or a
    /// `services` section's `dynamodb` endpoint): DynamoDB Local, often.
    pub endpoint: Option<String>,
}

/// Every profile of both files, by name; `default` first.
pub fn profiles() -> Vec<AwsProfile> {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let file =
        |var: &str, default: &str| std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| home.join(default));
    let config = std::fs::read_to_string(file("AWS_CONFIG_FILE", ".aws/config")).unwrap_or_default();
    let credentials =
        std::fs::read_to_string(file("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials")).unwrap_or_default();
    read(&config, &credentials)
}

/// The profiles of a config file's and a credentials file's text.
pub fn read(config: &str, credentials: &str) -> Vec<AwsProfile> {
    let config = sections(config);
    let mut found: BTreeMap<String, AwsProfile> = BTreeMap::new();
    for (header, settings) in &config {
        let name = match header.strip_prefix("profile ") {
            Some(name) => name.trim(),
            None if header == "default" => "default",
            // sso-session and services sections are not profiles.
            None => continue,
        };
        let services_endpoint = settings
            .get("services")
            .and_then(|s| config.get(&format!("services {s}")))
            .and_then(|section| section.get("dynamodb.endpoint_url"));
        found.insert(
            name.to_string(),
            AwsProfile {
                name: name.to_string(),
                region: settings.get("region").cloned(),
                sso: settings.contains_key("sso_session") || settings.contains_key("sso_start_url"),
                endpoint: services_endpoint.or_else(|| settings.get("endpoint_url")).cloned(),
            },
        );
    }
    for name in sections(credentials).into_keys() {
        found.entry(name.clone()).or_insert(AwsProfile { name, region: None, sso: false, endpoint: None });
    }
    let mut list: Vec<AwsProfile> = found.into_values().collect();
    list.sort_by_key(|p| p.name != "default");
    list
}

/// Each `[header]`'s `key = value` settings. A nested block (`dynamodb =` and
/// indented lines under it, as `services` sections write it) is read as
/// `dynamodb.key`.
fn sections(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut sections: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut parent: Option<String> = None;
    for line in text.lines() {
        let content = without_comment(line);
        if content.trim().is_empty() {
            continue;
        }
        if let Some(header) = content.trim().strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            let header = header.split_whitespace().collect::<Vec<_>>().join(" ");
            sections.entry(header.clone()).or_default();
            current = Some(header);
            parent = None;
            continue;
        }
        let Some(section) = current.as_ref().and_then(|c| sections.get_mut(c)) else { continue };
        let Some((key, value)) = content.split_once('=') else { continue };
        let (key, value) = (key.trim().to_string(), value.trim().to_string());
        let indented = content.starts_with([' ', '\t']);
        match (&parent, indented) {
            (Some(p), true) => {
                section.insert(format!("{p}.{key}"), value);
            }
            _ if value.is_empty() => parent = Some(key),
            _ => {
                parent = None;
                section.insert(key, value);
            }
        }
    }
    sections
}

/// A line without its comment: one starts the line, or follows a space (so a
/// URL's `#fragment` stays).
fn without_comment(line: &str) -> &str {
    if line.trim_start().starts_with(['#', ';']) {
        return "";
    }
    let cut = line.char_indices().find(|&(i, c)| matches!(c, '#' | ';') && line[..i].ends_with(char::is_whitespace));
    cut.map_or(line, |(i, _)| &line[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_come_from_both_files_with_their_region_sign_in_and_endpoint() {
        let config = "\
[default]
region = eu-west-1

[profile dev]   # the team's
sso_session = corp
region = us-east-2

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[profile local]
services = local-ddb
region = us-east-1

[services local-ddb]
dynamodb =
  endpoint_url = http://127.0.0.1:8000

[profile old-style]
; a comment line
endpoint_url = http://localhost:9000/#x ; and a comment after it
";
        let credentials = "[default]\naws_access_key_id = AKIDEXAMPLE\n\n[ci]\naws_access_key_id = AKID2\n";
        let found = read(config, credentials);
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["default", "ci", "dev", "local", "old-style"]);
        assert_eq!(found[0].region.as_deref(), Some("eu-west-1"));
        assert!(found[2].sso && !found[0].sso);
        assert_eq!(found[3].endpoint.as_deref(), Some("http://127.0.0.1:8000"));
        assert_eq!(found[4].endpoint.as_deref(), Some("http://localhost:9000/#x"));
        assert_eq!(found[1], AwsProfile { name: "ci".into(), region: None, sso: false, endpoint: None });
    }

    #[test]
    fn no_files_no_profiles() {
        assert!(read("", "").is_empty());
    }
}
