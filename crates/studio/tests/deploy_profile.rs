//! The Deploy dialog's AWS path without internet: a profile of a temporary AWS
//! config whose `endpoint_url` is DynamoDB Local, chosen by name and through
//! AWS_PROFILE alone; and AWS_ENDPOINT_URL_DYNAMODB alone choosing DynamoDB
//! Local as the dialog's starting target. One test in its own process: it sets
//! the environment the SDK reads.

#[path = "../../deploy/tests/support/mod.rs"]
mod support;

use std::sync::atomic::AtomicBool;

use tablewright_studio::deployment::{
    apply_deploy, plan_deploy, setup, table_state, ApplyRequest, DeployInputs, DeployRequest, DeployTarget,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_whose_endpoint_is_dynamodb_local_deploys_by_name_and_through_aws_profile() {
    let endpoint = support::endpoint().await;
    let (model, design) = support::model("hr-directory");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        format!(
            "[profile local]\nregion = eu-west-1\nendpoint_url = {endpoint}\naws_access_key_id = local\naws_secret_access_key = local\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("credentials"), "").unwrap();
    for name in ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "TABLEWRIGHT_DYNAMODB_ENDPOINT", "AWS_PROFILE"] {
        std::env::remove_var(name);
    }
    for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"]
    {
        std::env::remove_var(name);
    }
    std::env::set_var("AWS_CONFIG_FILE", &config);
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", dir.path().join("credentials"));

    let offered = setup(&model, None);
    let local = offered.profiles.iter().find(|p| p.name == "local").expect("the config's profile is offered");
    assert_eq!(local.endpoint.as_deref(), Some(endpoint.as_str()));
    assert_eq!(local.region.as_deref(), Some("eu-west-1"));

    let inputs = DeployInputs { model: model.clone(), design, sample: None };
    let by_name = DeployRequest {
        target: DeployTarget::Aws { profile: Some("local".into()), region: None },
        table: support::table("app-profile"),
    };
    let plan = plan_deploy(&inputs, &by_name).await.unwrap();
    assert!(plan.place.contains("profile local") && plan.place.contains("region eu-west-1"), "{}", plan.place);
    assert!(plan.place.contains(&endpoint), "{}", plan.place);
    let shown = plan.changes.iter().map(|c| c.text.clone()).collect();
    let apply = ApplyRequest { deploy: by_name.clone(), shown, confirmation: None, seed: None };
    apply_deploy(&inputs, &apply, &mut |_| {}, &AtomicBool::new(false)).await.unwrap();
    assert_eq!(table_state(&by_name).await.unwrap().unwrap().status, "ACTIVE");

    std::env::set_var("AWS_PROFILE", "local");
    let by_environment =
        DeployRequest { target: DeployTarget::Aws { profile: None, region: None }, table: by_name.table.clone() };
    let plan = plan_deploy(&inputs, &by_environment).await.unwrap();
    assert!(plan.exists && plan.changes.is_empty(), "the same table, found through AWS_PROFILE: {plan:?}");

    std::env::set_var("AWS_ENDPOINT_URL_DYNAMODB", &endpoint);
    let start = setup(&model, None).request;
    assert_eq!(start.target, DeployTarget::Local { endpoint: endpoint.clone() });
    assert_eq!(start.table, model.table.name);
}
