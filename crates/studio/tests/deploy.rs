//! Deploying from the app's session against a real DynamoDB Local: the plan as
//! the Deploy dialog shows it, applied with progress and a seed, an index removed
//! only with the table's name typed, a plan that changed meanwhile refused, and
//! a cancelled deploy stopping before it sends anything.

#[path = "../../deploy/tests/support/mod.rs"]
mod support;

use std::sync::atomic::AtomicBool;

use support::flow::sample;
use tablewright_deploy::apply::ApplyEvent;
use tablewright_studio::deployment::{
    apply_deploy, plan_deploy, prove_table, table_state, ApplyRequest, DeployEvent, DeployInputs, DeployRequest,
    DeployTarget, DeploymentError, LiveProofRequest,
};
use tablewright_studio::proof::ProofInputs;

fn apply_request(request: &DeployRequest, shown: Vec<String>, confirmation: Option<&str>) -> ApplyRequest {
    ApplyRequest { deploy: request.clone(), shown, confirmation: confirmation.map(str::to_string), seed: None }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deploy_from_the_app_creates_seeds_removes_an_index_with_confirmation_and_adds_it_back() {
    let endpoint = support::endpoint().await;
    let (model, design) = support::model("acme-bank");
    let (acme_sample, sample_options) = sample(&model, &design, 20);
    let request = DeployRequest {
        target: DeployTarget::Local { endpoint: endpoint.clone() },
        table: support::table("app-deploy"),
    };
    let full = DeployInputs { model: model.clone(), design: design.clone(), sample: Some(acme_sample.clone()) };
    let never = AtomicBool::new(false);

    // A new table: created, then seeded, with every step reported.
    let plan = plan_deploy(&full, &request).await.unwrap();
    assert!(!plan.exists && plan.refused.is_none());
    assert!(plan.changes[0].text.starts_with("+ create table"), "{:?}", plan.changes);
    assert!(plan.changes.iter().all(|c| c.destroys.is_none()));
    let mut events = Vec::new();
    let mut apply = ApplyRequest { seed: Some(20), ..apply_request(&request, texts(&plan), None) };
    let outcome = apply_deploy(&full, &apply, &mut |e| events.push(e), &never).await.unwrap();
    let table = outcome.table.expect("the table is there");
    assert_eq!(table.status, "ACTIVE");
    assert_eq!(table.indexes.len(), design.gsis.len());
    assert_eq!(outcome.seeded, Some(acme_sample.items.len()));
    assert_eq!(table.items as usize, acme_sample.items.len(), "DynamoDB Local counts at once");
    let started =
        events.iter().filter(|e| matches!(e, DeployEvent::Step { event: ApplyEvent::Started { .. }, .. })).count();
    assert_eq!(started, plan.changes.len(), "each change announced: {events:?}");
    assert!(
        matches!(events.last(), Some(DeployEvent::Seeding { written, total }) if written == total),
        "the seed's progress ends at every item: {:?}",
        events.last()
    );
    assert!(plan_deploy(&full, &request).await.unwrap().changes.is_empty(), "deployed: nothing left to do");

    // The design proven on the deployed, seeded table: reads only unless asked.
    let proof =
        ProofInputs { model: model.clone(), design: design.clone(), sample: acme_sample.clone(), sample_options };
    let mut live = LiveProofRequest { deploy: request.clone(), items: 20, trials: 2, writes: false };
    let reads = prove_table(&proof, &live).await.unwrap();
    let read_count = model.access_patterns.iter().filter(|p| p.kind.is_read()).count();
    assert_eq!(reads.patterns.len(), read_count);
    assert!(reads.pass(), "{:#?}", reads.patterns.iter().filter(|p| !p.pass).collect::<Vec<_>>());
    live.writes = true;
    let all = prove_table(&proof, &live).await.unwrap();
    assert_eq!(all.patterns.len(), model.access_patterns.len());
    assert!(all.pass(), "{:#?}", all.patterns.iter().filter(|p| !p.pass).collect::<Vec<_>>());
    let after = table_state(&request).await.unwrap().unwrap();
    assert_eq!(after.items as usize, acme_sample.items.len(), "the writes were undone");

    // One GSI fewer: destructive, refused until the table's name is typed.
    let mut fewer = DeployInputs { model: model.clone(), design: design.clone(), sample: None };
    let removed = fewer.design.gsis.pop().expect("ACME has GSIs").name;
    let plan = plan_deploy(&fewer, &request).await.unwrap();
    let destroys: Vec<_> = plan.changes.iter().filter_map(|c| c.destroys.as_deref()).collect();
    assert_eq!(destroys.len(), 1, "{:?}", plan.changes);
    assert!(destroys[0].starts_with(&removed), "{}", destroys[0]);
    apply = apply_request(&request, texts(&plan), None);
    let refused = apply_deploy(&fewer, &apply, &mut |_| {}, &never).await.unwrap_err();
    assert!(matches!(refused, DeploymentError::Unconfirmed(ref t) if *t == request.table), "{refused}");
    apply.confirmation = Some(request.table.to_lowercase() + "x");
    assert!(matches!(apply_deploy(&fewer, &apply, &mut |_| {}, &never).await, Err(DeploymentError::Unconfirmed(_))));
    let stale = apply_request(&request, vec!["+ something else".into()], Some(&request.table));
    assert!(matches!(apply_deploy(&fewer, &stale, &mut |_| {}, &never).await, Err(DeploymentError::PlanChanged)));
    apply.confirmation = Some(request.table.clone());
    apply_deploy(&fewer, &apply, &mut |_| {}, &never).await.unwrap();
    let live = table_state(&request).await.unwrap().unwrap();
    assert!(!live.indexes.iter().any(|i| i.name == removed), "{removed} is gone: {live:?}");

    // Cancelled before it starts: nothing is sent.
    let plan = plan_deploy(&full, &request).await.unwrap();
    assert!(plan.changes.iter().any(|c| c.text.starts_with("+ create GSI")), "{:?}", plan.changes);
    let cancelled = AtomicBool::new(true);
    let err =
        apply_deploy(&full, &apply_request(&request, texts(&plan), None), &mut |_| {}, &cancelled).await.unwrap_err();
    assert!(err.to_string().contains("cancelled after 0 of"), "{err}");

    // Back again: the index is created and backfilled from the items there.
    let mut events = Vec::new();
    let outcome = apply_deploy(&full, &apply_request(&request, texts(&plan), None), &mut |e| events.push(e), &never)
        .await
        .unwrap();
    let back = outcome.table.unwrap();
    assert!(back.indexes.iter().any(|i| i.name == removed && i.status == "ACTIVE"), "{back:?}");
    assert!(events
        .iter()
        .any(|e| matches!(e, DeployEvent::Step { text, .. } if text.starts_with("done: + create GSI"))));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_that_is_not_a_url_is_refused_before_any_request() {
    let (model, design) = support::model("acme-bank");
    let inputs = DeployInputs { model, design, sample: None };
    let request =
        DeployRequest { target: DeployTarget::Local { endpoint: "localhost:8000".into() }, table: "t".into() };
    let err = plan_deploy(&inputs, &request).await.unwrap_err();
    assert!(err.explained(&request).contains("http://HOST:PORT"), "{err}");
}

fn texts(plan: &tablewright_studio::deployment::DeployPlanView) -> Vec<String> {
    plan.changes.iter().map(|c| c.text.clone()).collect()
}
