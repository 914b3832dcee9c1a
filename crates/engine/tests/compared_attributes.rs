//! A write's condition that compares two attributes of the item it writes: a
//! seat is taken only while `seatsTaken < capacity`. A new user could only pass
//! the capacity as a request parameter, so a caller's wrong figure overbooked a
//! course and no check could see it. `check`, the plan, the verifier, the
//! sample and the oracle read the comparison alike.

mod common;

use serde_json::{json, Value as Json};
use tablewright_engine::design::{derive, Design};
use tablewright_engine::load_str;
use tablewright_engine::model::Model;
use tablewright_engine::oracle::scenarios;
use tablewright_engine::sample::{generate, SampleOptions};
use tablewright_engine::verify::verify;

fn registration() -> Json {
    serde_json::from_str(&std::fs::read_to_string(common::fixture_path("registration")).unwrap()).unwrap()
}

fn load(json: &Json) -> Model {
    load_str(&json.to_string()).unwrap_or_else(|d| panic!("{}", common::render(&d)))
}

/// The course step of enrolling (CR08), for a test to change.
fn seat_condition(json: &mut Json) -> &mut Json {
    let cr08 = json["access_patterns"].as_array_mut().unwrap().iter_mut().find(|p| p["id"] == "CR08").unwrap();
    &mut cr08["steps"][0]["conditions"][1]
}

fn condition_of<'d>(design: &'d Design, pattern: &str) -> &'d str {
    let plan = design.plans.iter().find(|p| p.pattern == pattern).unwrap();
    plan.actions[0].condition.as_deref().unwrap()
}

#[test]
fn the_plan_compares_the_two_attributes_and_the_verifier_holds_it_to_them() {
    let model = load(&registration());
    let design = derive(&model);
    assert!(condition_of(&design, "CR08").contains("#seatsTaken < #capacity"), "{}", condition_of(&design, "CR08"));
    let verdict = |design: &Design| verify(&model, design).patterns.into_iter().find(|v| v.pattern == "CR08").unwrap();
    assert!(verdict(&design).ok, "{:#?}", verdict(&design));

    for wrong in ["#seatsTaken <= #capacity", "#seatsTaken < #seatsTaken", "#capacity < #seatsTaken"] {
        let mut broken = design.clone();
        let action = &mut broken.plans.iter_mut().find(|p| p.pattern == "CR08").unwrap().actions[0];
        action.condition = Some(action.condition.clone().unwrap().replace("#seatsTaken < #capacity", wrong));
        let v = verdict(&broken);
        assert!(
            v.reasons.iter().any(|r| r.contains("does not test seatsTaken < capacity (another attribute of the item)")),
            "{wrong}: {v:#?}"
        );
    }
}

/// A plan that drops the model's `not`, or joins with OR what must all hold,
/// lets a full course take the enrollment: the verifier rejects both.
#[test]
fn the_verifier_rejects_a_plan_that_drops_a_not_or_turns_and_into_or() {
    let mut json = registration();
    *seat_condition(&mut json) =
        json!({ "not": { "attribute": "seatsTaken", "op": ">=", "other_attribute": "capacity" } });
    let model = load(&json);
    let design = derive(&model);
    let written = "#status = :_if1 (\"open\") AND NOT (#seatsTaken >= #capacity)";
    assert_eq!(condition_of(&design, "CR08"), written);
    let verdict = |text: &str| {
        let mut broken = design.clone();
        broken.plans.iter_mut().find(|p| p.pattern == "CR08").unwrap().actions[0].condition = Some(text.to_string());
        verify(&model, &broken).patterns.into_iter().find(|v| v.pattern == "CR08").unwrap()
    };
    assert!(verdict(written).ok, "{:#?}", verdict(written));
    let dropped = verdict("#status = :_if1 (\"open\") AND #seatsTaken >= #capacity");
    assert!(
        dropped
            .reasons
            .iter()
            .any(|r| r.contains("does not test NOT (seatsTaken >= capacity (another attribute of the item))")),
        "{dropped:#?}"
    );
    let either = verdict("#status = :_if1 (\"open\") OR NOT (#seatsTaken >= #capacity)");
    assert!(
        either.reasons.iter().any(|r| r.contains("must all hold, and the plan's condition lets one of them do (OR)")),
        "{either:#?}"
    );
}

#[test]
fn check_wants_another_attribute_of_the_same_type_and_no_second_operand() {
    let said = |change: &dyn Fn(&mut Json)| -> String {
        let mut json = registration();
        change(seat_condition(&mut json));
        let errors = load_str(&json.to_string()).err().unwrap_or_default();
        errors.iter().map(|d| format!("{} {} | {}\n", d.path, d.message, d.hint)).collect()
    };
    assert_eq!(said(&|_| {}), "");
    let typed = said(&|c| c["other_attribute"] = json!("title"));
    assert!(typed.contains("'seatsTaken' is number and 'title' is string"), "{typed}");
    let itself = said(&|c| c["other_attribute"] = json!("seatsTaken"));
    assert!(itself.contains("'seatsTaken' is compared with itself"), "{itself}");
    let unknown = said(&|c| c["other_attribute"] = json!("capacty"));
    assert!(unknown.contains("did you mean 'capacity'?"), "{unknown}");
    let elsewhere = said(&|c| c["other_attribute"] = json!("studentId"));
    assert!(elsewhere.contains("'Course' items do not hold 'studentId'"), "{elsewhere}");
    let both = said(&|c| c["input"] = json!("capacity"));
    assert!(both.contains("beside an \"input\" or a \"value\""), "{both}");
    let none = said(&|c| {
        c.as_object_mut().unwrap().remove("other_attribute");
    });
    assert!(none.contains("(\"other_attribute\": \"capacity\")"), "{none}");
}

/// The sample holds courses on both sides of the comparison (most with a seat
/// left, some full, none overbooked), so the proof tries the enrolment
/// that takes the last seat and the one refused for a full course.
#[test]
fn the_sample_and_the_oracle_try_a_course_with_a_seat_and_a_full_one() {
    let model = load(&registration());
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 6, seed: 3, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let number = |item: &tablewright_engine::sample::SampleItem, name: &str| item.get(name).unwrap().as_f64().unwrap();
    let courses: Vec<_> = sample.of("Course").collect();
    let left = courses.iter().filter(|c| number(c, "seatsTaken") < number(c, "capacity")).count();
    assert!(left >= 3 && left < courses.len(), "{left} of {} courses have a seat left", courses.len());
    assert!(courses.iter().all(|c| number(c, "seatsTaken") <= number(c, "capacity")), "no course is overbooked");

    let p = model.pattern("CR08").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "CR08").unwrap();
    let made = scenarios(&model, &design, &sample, &options, p, plan).unwrap();
    let full = made.cases.iter().find(|c| c.name.contains("seatsTaken < capacity does not hold")).unwrap();
    assert!(!full.succeeds, "{full:#?}");
    let course = full.actions.iter().find(|a| a.entity == "Course").unwrap().before.as_ref().unwrap();
    assert!(course["seatsTaken"].as_f64() >= course["capacity"].as_f64(), "{course:?}");
    let taken = made.cases.iter().find(|c| c.succeeds).unwrap();
    let course = taken.actions.iter().find(|a| a.entity == "Course").unwrap();
    let (before, after) = (course.before.as_ref().unwrap(), course.after.as_ref().unwrap());
    assert_eq!(after["seatsTaken"].as_f64().unwrap(), before["seatsTaken"].as_f64().unwrap() + 1.0);
    let enrollment = taken.actions.iter().find(|a| a.entity == "Enrollment").unwrap();
    assert_eq!(
        enrollment.key_values["courseCode"], course.key_values["courseCode"],
        "the seat is the enrolment's course"
    );
}

/// A number compared with a value fixed in the model: a new user's members
/// borrow while `activeLoanCount < 5`, and the sample drew counts of 1 to 59,
/// so no member could borrow and the proof had nothing to write to. The sample
/// now puts members on both sides of each test (5 loans, or none), and the
/// borrow's scenarios try a member at the limit.
#[test]
fn the_sample_puts_items_on_both_sides_of_a_fixed_number() {
    let path = common::fixture_path("library-lending");
    let model = tablewright_engine::load_file(&path).unwrap();
    let design = derive(&model);
    let options = SampleOptions { items_per_entity: 12, seed: 7, as_of: 20_454 };
    let sample = generate(&model, &design, &options).unwrap();
    let counts: Vec<f64> = sample.of("Member").map(|m| m.get("activeLoanCount").unwrap().as_f64().unwrap()).collect();
    let below = counts.iter().filter(|c| **c < 5.0).count();
    assert!(below >= counts.len() / 2 && below < counts.len(), "{counts:?}");
    assert!(counts.iter().all(|c| *c <= 5.0), "at the limit, not past it: {counts:?}");
    // The return's `activeLoanCount > 0` has its side too: a member with none.
    assert!(counts.contains(&0.0) && counts.contains(&5.0), "{counts:?}");

    let p = model.pattern("LB07").unwrap();
    let plan = design.plans.iter().find(|plan| plan.pattern == "LB07").unwrap();
    let made = scenarios(&model, &design, &sample, &options, p, plan).unwrap();
    let full = made.cases.iter().find(|c| c.name.contains("activeLoanCount < 5 does not hold"));
    assert!(full.is_some_and(|c| !c.succeeds), "{:#?}", made.cases.iter().map(|c| &c.name).collect::<Vec<_>>());
}
