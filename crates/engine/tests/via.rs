//! A read follows one relationship from its inputs to its target: the posts a user
//! wrote are not the posts the user liked. When both reach the target, the model
//! must say which (`via`); the derivation, the verifier and the oracle follow it.

mod common;

use serde_json::{json, Value};
use tablewright_engine::design::{derive, Operation};
use tablewright_engine::oracle::{expected, Params};
use tablewright_engine::sample::{generate, SampleOptions};
use tablewright_engine::verify::verify;
use tablewright_engine::{load_str, Model};

/// User 1—n Post ("UserPosts": the author) and User n—m Post ("Like"), and the
/// read "posts of a user, newest first", following `via` when given.
fn social(via: Option<&str>) -> Value {
    let mut posts = json!({
        "id": "AP2", "name": "Posts of a user, newest first", "kind": "read_many", "entity": "Post",
        "inputs": ["userId"], "order": {"attribute": "createdAt", "direction": "descending"}, "peak_rate": 10
    });
    if let Some(via) = via {
        posts["via"] = json!(via);
    }
    json!({
        "format": "tablewright/3",
        "name": "Social",
        "table": {"name": "social", "billing": {"mode": "on_demand"}},
        "entities": [
            {"name": "User", "expected_count": 1000, "attributes": [
                {"name": "userId", "type": "string", "required": true, "identifier": true},
                {"name": "displayName", "type": "string"}]},
            {"name": "Post", "expected_count": 10000, "attributes": [
                {"name": "postId", "type": "string", "required": true, "identifier": true},
                {"name": "createdAt", "type": "string", "format": "timestamp", "required": true},
                {"name": "body", "type": "string"}]}
        ],
        "relationships": [
            {"name": "UserPosts", "from": "User", "to": "Post", "cardinality": "one_to_many", "required": true},
            {"name": "Like", "from": "User", "to": "Post", "cardinality": "many_to_many"}
        ],
        "access_patterns": [
            {"id": "AP1", "name": "Get a user", "kind": "read_one", "entity": "User", "inputs": ["userId"], "peak_rate": 10},
            posts
        ]
    })
}

fn load(value: &Value) -> Model {
    load_str(&value.to_string()).unwrap_or_else(|d| panic!("valid: {}", common::render(&d)))
}

#[test]
fn two_relationships_to_the_target_and_no_via_is_an_ambiguity_that_names_both() {
    let errors = common::errors_of(&serde_json::to_string_pretty(&social(None)).unwrap());
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    let e = &errors[0];
    assert_eq!(e.path.to_string(), "$.access_patterns[1].inputs");
    assert!(e.message.contains("UserPosts") && e.message.contains("Like"), "{}", e.message);
    assert!(e.hint.contains("\"via\": \"UserPosts\"") && e.hint.contains("\"via\": \"Like\""), "{}", e.hint);
}

#[test]
fn via_must_name_a_relationship_that_leads_from_the_inputs_to_the_target() {
    for (via, says) in [("Likes", "there is no relationship 'Likes'"), ("Post", "there is no relationship")] {
        let errors = common::errors_of(&social(Some(via)).to_string());
        assert!(
            errors.iter().any(|e| e.message.contains(says) && e.hint.contains("UserPosts, Like")),
            "{via}: {}",
            common::render(&errors)
        );
    }
    let mut own = social(Some("Like"));
    own["access_patterns"][0]["via"] = json!("Like");
    let errors = common::errors_of(&own.to_string());
    assert!(
        errors.iter().any(|e| e.path.to_string() == "$.access_patterns[0].via" && e.hint.contains("remove \"via\"")),
        "{}",
        common::render(&errors)
    );
}

#[test]
fn via_the_author_relationship_is_one_query_on_the_users_posts_newest_first() {
    let model = load(&social(Some("UserPosts")));
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP2").unwrap();
    assert_eq!(plan.request.operation, Operation::Query, "{plan:#?}");
    assert!(plan.then.is_empty(), "one request: {plan:#?}");
    assert_eq!(plan.request.scan_index_forward, Some(false), "newest first");
    let pk = &plan.request.key.as_ref().unwrap().partition.value;
    assert!(pk.contains("{userId}"), "the user's partition: {pk}");
    assert!(verify(&model, &design).ok(), "{:#?}", verify(&model, &design));
}

#[test]
fn via_the_likes_is_the_pair_items_then_batch_get_and_the_verifier_says_it_loses_the_order() {
    let model = load(&social(Some("Like")));
    let design = derive(&model);
    let plan = design.plans.iter().find(|p| p.pattern == "AP2").unwrap();
    let ops: Vec<Operation> = std::iter::once(&plan.request).chain(&plan.then).map(|r| r.operation).collect();
    assert_eq!(ops, [Operation::Query, Operation::BatchGetItem], "{plan:#?}");
    let verdict = verify(&model, &design);
    let ap2 = verdict.patterns.iter().find(|v| v.pattern == "AP2").unwrap();
    assert!(
        ap2.reasons.iter().any(|r| r.contains("BatchGetItem returns the Post items in no order")),
        "{:?}",
        ap2.reasons
    );
    let mut unordered = social(Some("Like"));
    unordered["access_patterns"][1].as_object_mut().unwrap().remove("order");
    let model = load(&unordered);
    assert!(verify(&model, &derive(&model)).ok(), "unordered, the likes are served");
}

#[test]
fn a_plan_that_follows_the_other_relationship_is_rejected_by_the_verifier() {
    let mut unordered = social(Some("Like"));
    unordered["access_patterns"][1].as_object_mut().unwrap().remove("order");
    let likes = load(&unordered);
    unordered["access_patterns"][1]["via"] = json!("UserPosts");
    let authored = load(&unordered);
    for (model, design, follows) in
        [(&authored, derive(&likes), "follows UserPosts"), (&likes, derive(&authored), "follows Like")]
    {
        let verdict = verify(model, &design);
        let ap2 = verdict.patterns.iter().find(|v| v.pattern == "AP2").unwrap();
        assert!(ap2.reasons.iter().any(|r| r.contains(follows)), "{follows}: {:?}", ap2.reasons);
    }
}

#[test]
fn the_oracle_answers_with_the_posts_the_user_liked_or_wrote_as_via_says() {
    let options = SampleOptions { items_per_entity: 40, seed: 11, as_of: 20_454 };
    let answer = |via: &str| {
        let model = load(&social(Some(via)));
        let design = derive(&model);
        let sample = generate(&model, &design, &options).unwrap();
        let user = sample.of("User").find(|u| {
            let id = u.get("userId");
            sample.of("Like").any(|l| l.get("userId") == id) && sample.of("Post").any(|p| p.get("userId") == id)
        });
        let user = user.expect("a user who both wrote and liked posts").get("userId").unwrap().clone();
        let liked: std::collections::BTreeSet<_> = sample
            .of("Like")
            .filter(|l| l.get("userId") == Some(&user))
            .filter_map(|l| sample.of("Post").find(|p| p.get("postId") == l.get("postId")))
            .map(|p| sample.key(p))
            .collect();
        let wrote: std::collections::BTreeSet<_> =
            sample.of("Post").filter(|p| p.get("userId") == Some(&user)).map(|p| sample.key(p)).collect();
        let params: Params = [("userId".to_string(), user)].into_iter().collect();
        (expected(&model, &sample, model.pattern("AP2").unwrap(), &params).required, liked, wrote)
    };
    let (by_likes, liked, wrote) = answer("Like");
    assert_eq!(by_likes, liked);
    assert_ne!(liked, wrote, "the sample tells the two questions apart");
    let (by_author, _, wrote) = answer("UserPosts");
    assert_eq!(by_author, wrote);
}
